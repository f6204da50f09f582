"""Which innovations are one idea in several regions: pure functions over plain records.

Per affair (across affairs only through a name, step 5):
1. titles and summaries are normalised (normalise.py; a block's stock phrases off); title +
   summary become TF-IDF vectors of character 3-4-grams, the title alone one of 2-4-grams, the
   name (names.py: the title's shortest part, and its learned acronym or expansion) another;
2. candidate pairs share informative n-grams (`candidate_pairs`) or a name: no all-pairs
   comparison, at most keys x window pairs per innovation plus those of a name of <= 60 entries;
3. a candidate pair is the same idea when its similarities say so (`decide`): the same name (or
   acronym) decides; otherwise generic titles ("Layanan Publik Cepat") and templated ones
   ("Inovasi Kota Batu nomor 3") need the summaries to agree, two different names ("SIPADU",
   "SIMPEL") need them to agree strongly, and two names each written by several regions are two
   ideas unless the descriptions are close to copies;
4. connected pairs form groups, split by average linkage over the verdicts on all their pairs
   (no chaining through one borderline link); a cluster counts when it spans two regions or
   more. Its origin is the earliest implementation (then the earliest trial, the smaller region
   code, the smaller innovation id); every member carries its similarity to the origin and why
   it matched (`evidence`);
5. clusters of two affairs that carry one name are joined (`link_across_affairs`).
Innovations with neither a trial nor an implementation date are left out: when they started,
and so whether they copied or were copied, cannot be told.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse.csgraph import connected_components

from include.replication import names as names_mod
from include.replication import ngrams
from include.replication.normalise import Normaliser, is_generic, strip_boilerplate

BOILERPLATE_MIN_TEXTS = 50
NAME_OPENING_WORDS = 8  # a summary names its innovation early ("SIPADU adalah ...", "Melalui SIPADU, ...")
ALL_PAIRS_UP_TO = 200   # blocks this small compare every pair (at most 19,900)


@dataclass(frozen=True)
class Innovation:
    innovation_id: str
    region_code: str
    title: str | None
    summary: str | None
    affair: str | None
    trial_date: dt.date | None = None
    implementation_date: dt.date | None = None


@dataclass(frozen=True)
class Member:
    innovation_id: str
    region_code: str
    cluster_id: str
    is_origin: bool
    similarity: float
    implementation_date: dt.date | None
    trial_date: dt.date | None
    affair: str
    evidence: str = ""   # why it is in the cluster: origin, same acronym, same name, similar description


@dataclass(frozen=True)
class MatchSettings:
    """The method's knobs; the defaults are the ones the measurements chose (tests/bench/replication.py)."""
    doc_ngrams: tuple[int, int] = (3, 4)     # character n-grams of title + summary
    doc_max_df: float = 0.3                  # n-grams in more than this share of the affair are dropped
    title_ngrams: tuple[int, int] = (2, 4)   # character n-grams of the title alone
    # blocking: each innovation's `keys` most informative n-grams shared by 2 to key_max_df
    # innovations of the affair; innovations sharing a key are paired with their `window`
    # neighbours in MinHash order
    keys: int = 12
    key_max_df: int = 60
    window: int = 12
    min_shared_keys: int = 2
    # decision (see same_idea)
    doc_same: float = 0.40       # both summaries present: TF-IDF cosine of title + summary ...
    doc_same_untitled: float = 0.45  # ... when the titles share little (< title_support: templated, renamed)
    title_support: float = 0.25
    doc_same_generic: float = 0.72   # ... when both titles are generic ("Smart City", "Desa Sehat")
    doc_same_renamed: float = 0.70   # ... when each title has a name (a rare word) and the names differ
    doc_same_half_named: float = 0.50  # ... when only one of them has a name
    name_max_df: int = 40            # a word in at most max(this, the affair's innovations / 1000) is a name
    title_identical: float = 0.92    # a summary missing: near-identical titles need no shared name
    title_same: float = 0.80     # a summary missing: the titles' cosine or containment, neither title generic,
    doc_differ: float = 0.38     # and look-alike titles do not mostly carry summaries below this
    # names (names.py): the same name (either form, 2-4-gram cosine) is the same idea when the
    # descriptions do not contradict it
    name_same: float = 0.80
    doc_same_named: float = 0.0
    name_differ: float = 0.5       # names below this are different names ...
    established: int = 2           # ... and two names each carried by this many regions are two ideas
    described_same: float = 0.65   # one name described differently by the two entries is two ideas
    # across affairs: the same name of at least this many words (or an acronym's learned expansion)
    cross_words: int = 3
    # clusters: parts of a connected group stay together while this share of the pairs between them match
    cohesion: float = 0.34
    max_linkage: int = 400


DEFAULT = MatchSettings()  # the thresholds chosen by the benchmark (README)


@dataclass
class Stats:
    innovations: int = 0
    dated: int = 0
    candidate_pairs: int = 0
    matched_pairs: int = 0
    clusters: int = 0
    members: int = 0
    by_affair: dict[str, Any] = field(default_factory=dict)


def origin_key(inn: Innovation) -> tuple[Any, ...]:
    """Earliest implementation first; then earliest trial, smaller region code, smaller id."""
    far = dt.date.max
    return (inn.implementation_date or far, inn.trial_date or far, inn.region_code, inn.innovation_id)


def cluster_id(origin: Innovation, year: int | None = None) -> str:
    """Stable for the same origin: a digest of its year, region and id."""
    key = f"{year}|{origin.region_code}|{origin.innovation_id}"
    return "rep-" + hashlib.sha1(key.encode()).hexdigest()[:16]


# -- vectors --------------------------------------------------------------------------------
def _vectorise(texts: list[str], n: tuple[int, int], max_df: float = 1.0) -> sparse.csr_matrix:
    """Rows L2-normalised TF-IDF of character n-grams within word bounds; empty texts give empty rows.
    Boilerplate (n-grams in more than max_df of the texts) is only told apart in a large block."""
    limit = max(BOILERPLATE_MIN_TEXTS, int(max_df * len(texts)))
    return ngrams.tfidf(texts, n, limit if max_df < 1 else None)


def _row_dots(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 8_192) -> np.ndarray:
    """Cosine of rows i and j of an L2-normalised matrix."""
    out = np.zeros(len(i), dtype=np.float32)
    for k in range(0, len(i), chunk):
        out[k:k + chunk] = np.asarray(a[i[k:k + chunk]].multiply(a[j[k:k + chunk]]).sum(axis=1)).ravel()
    return out


def _row_containment(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 8_192,
                     prepared: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None) -> np.ndarray:
    """How much of the shorter of rows i and j (by TF-IDF mass) the other holds: "SIPADU" in
    "SIPADU (Sistem Informasi Pelayanan Terpadu)" is 1."""
    sq, present = prepared or _containment_parts(a)
    out = np.zeros(len(i), dtype=np.float32)
    for k in range(0, len(i), chunk):
        ii, jj = i[k:k + chunk], j[k:k + chunk]
        in_j = np.asarray(sq[ii].multiply(present[jj]).sum(axis=1)).ravel()
        in_i = np.asarray(sq[jj].multiply(present[ii]).sum(axis=1)).ravel()
        out[k:k + chunk] = np.maximum(in_j, in_i)
    return out


def _containment_parts(a: sparse.csr_matrix) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    present = a.copy()
    present.data[:] = 1
    return a.multiply(a).tocsr(), present


# -- blocking -------------------------------------------------------------------------------
def _one_minhash(m: sparse.csr_matrix) -> np.ndarray:
    """One MinHash value per row (its smallest hashed column): orders look-alikes next to each other."""
    cols = (m.indices.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
    cols ^= cols >> np.uint64(31)
    out = np.full(m.shape[0], np.iinfo(np.uint64).max, dtype=np.uint64)
    rows = np.repeat(np.arange(m.shape[0]), np.diff(m.indptr))
    np.minimum.at(out, rows, cols)
    return out


def candidate_pairs(doc: sparse.csr_matrix, cfg: MatchSettings) -> np.ndarray:
    """Pairs (i < j) that share informative n-grams; at most keys x window per row.

    Each row's keys are its `keys` heaviest TF-IDF n-grams among those in at least two rows and
    at most `key_max_df` rows (rarer n-grams are typos; commoner ones say little, and a fixed
    ceiling keeps the keys as selective at scale 10 as at scale 1). Rows that share a key are
    sorted by a MinHash value and each is paired with its next `window` rows, so a common key
    costs rows x window pairs, never rows squared. A pair must come up under `min_shared_keys`
    keys: one shared n-gram is often chance. Blocks of at most ALL_PAIRS_UP_TO rows compare all.
    """
    n = doc.shape[0]
    if n < 2 or doc.nnz == 0:
        return np.empty((0, 2), dtype=np.int64)
    if n <= ALL_PAIRS_UP_TO:                                # a small block: every pair is cheap
        i, j = np.triu_indices(n, 1)
        return np.stack([i, j], axis=1).astype(np.int64)
    df = np.bincount(doc.indices, minlength=doc.shape[1])
    allowed = (df >= 2) & (df <= cfg.key_max_df)
    rows = np.repeat(np.arange(n), np.diff(doc.indptr))
    ok = allowed[doc.indices]
    rows, cols, weight = rows[ok], doc.indices[ok], doc.data[ok]
    order = np.lexsort((cols, -weight, rows))              # per row, heaviest first (ties: column)
    rows, cols = rows[order], cols[order]
    first = np.r_[0, np.flatnonzero(rows[1:] != rows[:-1]) + 1]
    rank = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))
    keep = rank < cfg.keys
    rows, cols = rows[keep], cols[keep]
    tiebreak = _one_minhash(doc)
    order = np.lexsort((rows, tiebreak[rows], cols))       # per key, look-alikes next to each other
    rows, cols = rows[order], cols[order]
    found = []
    for step in range(1, cfg.window + 1):
        same_key = cols[step:] == cols[:-step]
        a, b = rows[:-step][same_key], rows[step:][same_key]
        found.append(np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1))
    pairs = np.concatenate(found)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    codes, shared = np.unique(pairs[:, 0].astype(np.int64) * n + pairs[:, 1], return_counts=True)
    codes = codes[shared >= cfg.min_shared_keys]      # one shared n-gram is often chance
    return np.stack([codes // n, codes % n], axis=1)


# -- the decision ---------------------------------------------------------------------------
def generic_titles(n: int, i: np.ndarray, j: np.ndarray, t: np.ndarray, d: np.ndarray, both: np.ndarray,
                   has_summary: np.ndarray, cfg: MatchSettings) -> np.ndarray:
    """Per row: do innovations with a look-alike title mostly describe something else?

    Evidence comes from look-alike pairs (title similarity >= title_same) that both carry a
    summary: agreeing (doc >= doc_same) or differing (doc < doc_differ). A row without a summary
    takes the evidence of its look-alikes. "Layanan Publik Cepat" over unrelated summaries is
    generic; "SIPADU" over summaries that agree is not.
    """
    look = t >= cfg.title_same
    agree = np.zeros(n), np.zeros(n)
    for mask, slot in ((look & both & (d >= cfg.doc_same), 0), (look & both & (d < cfg.doc_differ), 1)):
        agree[slot][:] = np.bincount(i[mask], minlength=n) + np.bincount(j[mask], minlength=n)
    yes, no = agree
    # rows without a summary inherit their look-alikes' evidence (one hop)
    lend = look & ~(has_summary[i] & has_summary[j])
    for src, dst in ((i[lend], j[lend]), (j[lend], i[lend])):
        take = ~has_summary[dst]
        np.add.at(yes, dst[take], yes[src[take]])
        np.add.at(no, dst[take], no[src[take]])
    return no > yes


def same_idea(t: np.ndarray, d: np.ndarray, both: np.ndarray, title_only: np.ndarray, generic: np.ndarray,
              generic_pair: np.ndarray, renamed: np.ndarray, named: np.ndarray, half_named: np.ndarray,
              cfg: MatchSettings) -> np.ndarray:
    """Both summaries: title + summary agree, more strongly when the titles share little (as
    "Inovasi Kota Batu nomor 3" and "Inovasi Kesehatan 3 Kabupaten Sleman" do once normalised),
    when both titles are generic, or when each names itself differently ("SIPADU" / "SIMPEL").
    A summary missing: the titles agree (`title_only`: cosine or containment) and share a name,
    or are near-identical; neither is generic and the names do not differ."""
    doc_needed = np.where(t >= cfg.title_support, cfg.doc_same, cfg.doc_same_untitled)
    doc_needed = np.where(generic_pair, np.maximum(doc_needed, cfg.doc_same_generic), doc_needed)
    doc_needed = np.where(renamed, np.maximum(doc_needed, cfg.doc_same_renamed), doc_needed)
    doc_needed = np.where(half_named, np.maximum(doc_needed, cfg.doc_same_half_named), doc_needed)
    title_match = ((title_only >= cfg.title_same) & named) | (t >= cfg.title_identical)
    return np.where(both, d >= doc_needed, title_match & ~generic & ~renamed)


def _edits(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap), stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for x in range(1, len(a) + 1):
        cur = [x] + [0] * len(b)
        for y in range(1, len(b) + 1):
            cost = a[x - 1] != b[y - 1]
            cur[y] = min(prev[y] + 1, cur[y - 1] + 1, prev[y - 1] + cost)
            if prev2 is not None and x > 1 and y > 1 and a[x - 1] == b[y - 2] and a[x - 2] == b[y - 1]:
                cur[y] = min(cur[y], prev2[y - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def same_name(x: str, y: str) -> bool:
    """One name, allowing a typo ("sipadu"/"sipdau"), or a short form ("sijari"/"sijariemas" is not)."""
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    if len(short) >= 4 and long_.startswith(short) and len(short) >= 0.75 * len(long_):
        return True
    allowed = 2 if len(short) >= 9 else 1 if len(short) >= 5 else 0
    return allowed > 0 and _edits(x, y, allowed) <= allowed


def names_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each has a name and no name of one is a name of the other."""
    if not a or not b:
        return False
    return not any(same_name(x, y) for x in a for y in b)


# -- per affair -----------------------------------------------------------------------------
EVIDENCE = {0: "", 1: "similar description", 2: "same name", 3: "same acronym"}


@dataclass
class Block:
    """One affair's innovations, their vectors, candidate pairs and the verdict on each."""
    items: list[Innovation]
    doc: sparse.csr_matrix
    title: sparse.csr_matrix
    has_summary: np.ndarray
    candidates: np.ndarray          # (k, 2), i < j
    t: np.ndarray
    d: np.ndarray
    matched: np.ndarray
    evidence: np.ndarray            # per candidate: a key of EVIDENCE
    features: Any = None

    def similarity(self, i: np.ndarray, j: np.ndarray, cfg: MatchSettings) -> np.ndarray:
        both = self.has_summary[i] & self.has_summary[j]
        return np.where(both, _row_dots(self.doc, i, j), _row_dots(self.title, i, j))


@dataclass
class Features:
    """What the decision needs per innovation of a block."""
    doc: sparse.csr_matrix
    title: sparse.csr_matrix
    keyvec: sparse.csr_matrix       # rows 0..n-1: the name as written; n..2n-1: its learned other form;
                                    # 2n..3n-1: the expansion the entry gives its own acronym
    key_words: np.ndarray           # words of the name as written
    learned: np.ndarray             # the other form comes from a learned acronym
    has_key: np.ndarray
    carriers: np.ndarray            # regions of the block that write the same name
    has_own: np.ndarray
    has_summary: np.ndarray
    names: list[frozenset[str]]
    generic: np.ndarray             # title generic by its words or by evidence
    generic_words: np.ndarray
    worded: np.ndarray
    cross: list[str] = field(default_factory=list)   # the name another affair may share (link_across_affairs)
    key_parts: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None
    title_parts: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None

    def __post_init__(self) -> None:
        self.key_parts = _containment_parts(self.keyvec)
        self.title_parts = _containment_parts(self.title)


def doc_names(title_words: Sequence[Sequence[str]], summaries: Sequence[str],
              cfg: MatchSettings) -> list[frozenset[str]]:
    """Each innovation's names: the words of its title that few innovations of the affair use
    (brands, acronyms, coinages such as "sipadu", "dottorota"); for a title without one, those of
    the opening of its summary, where a description names what it describes."""
    openings = [s.split()[:NAME_OPENING_WORDS] for s in summaries]
    df: dict[str, int] = {}
    for words in (*title_words, *openings):
        for w in set(words):
            df[w] = df.get(w, 0) + 1
    limit = max(cfg.name_max_df, len(title_words) // 1000)

    def rare(words: Sequence[str]) -> frozenset[str]:
        return frozenset(w for w in words if df[w] <= limit and len(w) >= 3)

    return [rare(t) or rare(o) for t, o in zip(title_words, openings, strict=True)]


def _name_pairs(first: list[str], second: list[str], cfg: MatchSettings) -> np.ndarray:
    """Pairs whose names are written alike (either form): blocking on the name, so that a
    reworded description still meets its idea. A name carried by more than key_max_df entries
    of the block is a common phrase, not a name."""
    groups: dict[str, list[int]] = {}
    for k, (a, b) in enumerate(zip(first, second, strict=True)):
        for key in {a, b} - {""}:
            groups.setdefault(key, []).append(k)
    found = [np.array(list(itertools.combinations(g, 2)), dtype=np.int64)
             for g in groups.values() if 2 <= len(g) <= cfg.key_max_df]
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    return np.concatenate(found)


def name_similarity(f: Features, i: np.ndarray, j: np.ndarray,
                    cfg: MatchSettings) -> tuple[np.ndarray, np.ndarray]:
    """How alike the names are (the best of either form; 2-4-gram cosine, or containment of a
    name of two words or more), and whether the best needed a learned acronym. One acronym that
    the two entries spell out differently is no name in common."""
    n = len(f.has_key)
    spelt = 2 * n
    both_spelt = f.has_own[i] & f.has_own[j]
    conflict = np.zeros(len(i), dtype=bool)
    if both_spelt.any():
        k = np.flatnonzero(both_spelt)
        conflict[k] = _row_dots(f.keyvec, i[k] + spelt, j[k] + spelt) < cfg.described_same
    written = _row_dots(f.keyvec, i, j)
    contained = _row_containment(f.keyvec, i, j, prepared=f.key_parts)
    shorter = np.minimum(f.key_words[i], f.key_words[j])
    written = np.maximum(written, np.where(shorter >= 2, contained, 0))
    other = np.maximum.reduce([_row_dots(f.keyvec, i + n, j), _row_dots(f.keyvec, i, j + n),
                               _row_dots(f.keyvec, i + n, j + n)])
    ok = f.has_key[i] & f.has_key[j] & ~conflict
    best = np.where(ok, np.maximum(written, other), 0)
    return best, ok & (other > written + 1e-6)


def decide(f: Features, i: np.ndarray, j: np.ndarray,
           cfg: MatchSettings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The verdict on pairs (i, j), its evidence (a key of EVIDENCE) and its strength (the
    description's cosine, or the names' when the name decided)."""
    t, d = _row_dots(f.title, i, j), _row_dots(f.doc, i, j)
    both = f.has_summary[i] & f.has_summary[j]
    title_only = np.zeros(len(i), dtype=np.float32)
    need = ~both
    if need.any():
        title_only[need] = np.maximum(t[need], _row_containment(f.title, i[need], j[need], prepared=f.title_parts))
    renamed, named, half = (np.zeros(len(i), dtype=bool) for _ in range(3))
    maybe = np.flatnonzero(((d >= cfg.doc_same) & both) | (~both & (title_only >= cfg.title_same)))
    for k in maybe:                       # only the pairs that could match: a few per innovation
        a, b = f.names[i[k]], f.names[j[k]]
        renamed[k] = names_differ(a, b)
        named[k] = bool(a) and bool(b) and not renamed[k]
        half[k] = bool(a) != bool(b)
    generic_pair = f.generic_words[i] & f.generic_words[j] & f.worded[i] & f.worded[j]
    generic = f.generic[i] | f.generic[j]
    by_text = same_idea(t, d, both, title_only, generic, generic_pair, renamed, named, half, cfg)
    name_sim, via_acronym = name_similarity(f, i, j, cfg)
    same_name_ = name_sim >= cfg.name_same
    by_name = same_name_ & np.where(both, d >= cfg.doc_same_named, ~(f.generic_words[i] | f.generic_words[j]))
    # two names each established in several regions are two ideas, however alike their descriptions
    # ("Samsat Keliling" and "Samsat Drive Thru"): no chain through a shared subject
    differ = ((name_sim < cfg.name_differ) & (np.minimum(f.carriers[i], f.carriers[j]) >= cfg.established)
              & f.has_key[i] & f.has_key[j] & (d < cfg.doc_same_renamed))
    matched = (by_text & ~differ) | by_name
    evidence = np.where(~matched, 0, np.where(by_name, np.where(via_acronym, 3, 2), 1))
    strength = np.where(by_name, np.maximum(d, name_sim), d)
    return matched, evidence, strength


def match_block(items: list[Innovation], normaliser: Normaliser, cfg: MatchSettings) -> Block:
    affair = items[0].affair or ""
    title_words = [normaliser.words(x.title, affair) for x in items]
    titles = [" ".join(w) for w in title_words]
    generic_words = np.array([is_generic(w) for w in title_words], dtype=bool)
    summaries = [normaliser.text(x, affair) for x in strip_boilerplate([x.summary for x in items])]
    has_summary = np.array([bool(x) for x in summaries], dtype=bool)
    texts = [f"{t} {s}".strip() for t, s in zip(titles, summaries, strict=True)]
    doc = _vectorise(texts, cfg.doc_ngrams, cfg.doc_max_df)
    names = doc_names(title_words, summaries, cfg)
    del texts
    title = _vectorise(titles, cfg.title_ngrams)
    parsed = [names_mod.parse(x.title, x.summary, normaliser, affair, w)
              for x, w in zip(items, title_words, strict=True)]
    first, second, learned, own = names_mod.keys(parsed)
    keyvec = _vectorise(first + second + own, cfg.title_ngrams)
    cand = candidate_pairs(doc, cfg)
    extra = _name_pairs(first, second, cfg)
    if len(extra):
        n = len(items)
        codes = np.union1d(cand[:, 0] * n + cand[:, 1], extra[:, 0] * n + extra[:, 1])
        cand = np.stack([codes // n, codes % n], axis=1)
    i, j = cand[:, 0], cand[:, 1]
    t, d = _row_dots(title, i, j), _row_dots(doc, i, j)
    both = has_summary[i] & has_summary[j]
    generic = generic_titles(len(items), i, j, t, d, both, has_summary, cfg) | generic_words
    regions: dict[str, set[str]] = {}
    for key, x in zip(first, items, strict=True):
        regions.setdefault(key, set()).add(x.region_code)
    carriers = np.array([len(regions[k]) if k else 0 for k in first])
    f = Features(doc, title, keyvec, np.array([len(k.split()) for k in first]), np.array(learned, dtype=bool),
                 np.array([bool(k) for k in first], dtype=bool), carriers, np.array([bool(k) for k in own], dtype=bool),
                 has_summary, names, generic, generic_words,
                 np.array([bool(w) for w in title_words], dtype=bool))
    f.cross = [s_ if ok and len(s_.split()) >= cfg.cross_words else k if len(k.split()) >= cfg.cross_words else ""
               for k, s_, ok in zip(first, second, learned, strict=True)]
    matched, evidence, _ = decide(f, i, j, cfg)
    return Block(items, doc, title, has_summary, cand, t, d, matched, evidence, f)


def _cohesive(block: Block, groups: list[np.ndarray], cfg: MatchSettings) -> list[tuple[np.ndarray, np.ndarray]]:
    """Connected groups split so that no member hangs on by one borderline link: average linkage
    over the verdicts on every pair of a group, parts merged while at least `cohesion` of the
    pairs between them are the same idea. Per final group, each member's strongest evidence
    (a key of EVIDENCE) tying it to another member. The verdicts on all groups' pairs are taken
    in one call; a group above max_linkage keeps its links as found."""
    small = [g for g in groups if len(g) <= cfg.max_linkage]
    tri = [np.triu_indices(len(g), 1) for g in small]
    i = np.concatenate([g[a] for g, (a, _) in zip(small, tri, strict=True)] or [np.empty(0, np.int64)])
    j = np.concatenate([g[b] for g, (_, b) in zip(small, tri, strict=True)] or [np.empty(0, np.int64)])
    empty = np.empty(0)
    matched, evidence, strength = decide(block.features, i, j, cfg) if len(i) else (empty, empty, empty)
    out = []
    at = 0
    for g, (a, b) in zip(small, tri, strict=True):
        ok, ev = matched[at:at + len(a)].astype(bool), evidence[at:at + len(a)].astype(np.int64)
        near = np.clip(strength[at:at + len(a)], 0, 1)
        at += len(a)
        labels = np.ones(len(g), dtype=np.int64)
        if len(g) > 2:
            # 1 between pairs that do not match; 0 to 0.1 between those that do, the strongest
            # nearest, so that the strongest links merge first
            dist = np.where(ok, 0.1 * (1.0 - near), 1.0)
            labels = fcluster(linkage(dist, method="average"), t=1.0 - cfg.cohesion + 0.05, criterion="distance")
        for v in np.unique(labels):
            inside = labels == v
            if inside.sum() < 2:
                continue
            keep = inside[a] & inside[b] & ok
            best = np.zeros(len(g), dtype=np.int64)
            np.maximum.at(best, a[keep], ev[keep])
            np.maximum.at(best, b[keep], ev[keep])
            out.append((g[inside], best[inside]))
    for g in groups:
        if len(g) > cfg.max_linkage:
            out.append((g, np.ones(len(g), dtype=np.int64)))
    return out


def _clusters(block: Block, year: int | None, cfg: MatchSettings) -> list[Member]:
    n = len(block.items)
    pairs = block.candidates[block.matched]
    if not len(pairs):
        return []
    graph = sparse.coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    sizes = np.bincount(labels)
    order = np.argsort(labels, kind="stable")
    bounds = np.r_[0, np.cumsum(sizes)]
    connected = [order[bounds[label]:bounds[label + 1]] for label in np.flatnonzero(sizes > 1)]
    groups = []
    for group, best in _cohesive(block, connected, cfg):
        if len({block.items[g].region_code for g in group}) < 2:
            continue
        why = dict(zip(group.tolist(), best.tolist(), strict=True))
        origin = min(group, key=lambda g: origin_key(block.items[g]))
        groups.append((origin, [g for g in group if g != origin], why))
    if not groups:
        return []
    # every member's similarity to its origin, in one go
    i = np.array([origin for origin, others, _ in groups for _ in others], dtype=np.int64)
    j = np.array([g for _, others, _ in groups for g in others], dtype=np.int64)
    sims = iter(block.similarity(i, j, cfg))
    members: list[Member] = []
    for origin, others, why in groups:
        cid = cluster_id(block.items[origin], year)
        for g, value, reason in [(origin, 1.0, "origin")] + [(g, next(sims), EVIDENCE[why[g]]) for g in others]:
            x = block.items[g]
            members.append(Member(x.innovation_id, x.region_code, cid, bool(g == origin),
                                  round(float(min(1.0, max(0.0, value))), 4), x.implementation_date,
                                  x.trial_date, x.affair or "", reason))
    return members


def replications_in_affair(innovations: Iterable[Innovation], normaliser: Normaliser, year: int | None = None,
                           cfg: MatchSettings = DEFAULT, stats: Stats | None = None,
                           named: list[tuple[Innovation, str]] | None = None) -> list[Member]:
    """Members of the clusters among innovations of one affair (others in the input are ignored).
    `named` receives the innovations whose name another affair may share (link_across_affairs)."""
    stats = stats if stats is not None else Stats()
    items = []
    for inn in innovations:
        stats.innovations += 1
        if inn.affair and (inn.implementation_date or inn.trial_date):
            items.append(inn)
    stats.dated += len(items)
    affairs = {x.affair or "" for x in items}
    if len(affairs) > 1:
        raise ValueError(f"one affair at a time, not {sorted(affairs)}")
    if len(items) < 2:
        return []
    items.sort(key=lambda x: (x.region_code, x.innovation_id))
    block = match_block(items, normaliser, cfg)
    stats.candidate_pairs += len(block.candidates)
    stats.matched_pairs += int(block.matched.sum())
    stats.by_affair[items[0].affair or ""] = (len(items), len(block.candidates))
    if named is not None:
        named.extend((x, key) for x, key in zip(items, block.features.cross, strict=True) if key)
    found = _clusters(block, year, cfg)
    stats.clusters += len({m.cluster_id for m in found})
    stats.members += len(found)
    return found


def find_replications(innovations: Iterable[Innovation], normaliser: Normaliser, year: int | None = None,
                      cfg: MatchSettings = DEFAULT, stats: Stats | None = None) -> list[Member]:
    """Members of every cluster of innovations that are one idea in two regions or more."""
    stats = stats if stats is not None else Stats()
    by_affair: dict[str | None, list[Innovation]] = {}
    for inn in innovations:
        by_affair.setdefault(inn.affair or None, []).append(inn)
    members: list[Member] = []
    named: list[tuple[Innovation, str]] = []
    for affair in sorted(by_affair, key=lambda a: a or ""):
        if affair is None:
            stats.innovations += len(by_affair[affair])
            continue
        members.extend(replications_in_affair(by_affair.pop(affair), normaliser, year, cfg, stats, named))
    members = link_across_affairs(members, named, year, cfg)
    members.sort(key=lambda m: (m.cluster_id, not m.is_origin, m.region_code, m.innovation_id))
    return members


def _joined_by_name(members: list[Member], named: list[tuple[Innovation, str]],
                    cfg: MatchSettings) -> tuple[dict[Any, Any], dict[Any, Innovation]]:
    """Union-find over clusters (and lone innovations) that share a name across affairs: each
    node's parent, and the lone innovations by their node."""
    by_key: dict[str, list[Innovation]] = {}
    for inn, key in named:
        by_key.setdefault(key, []).append(inn)
    cluster_of = {(m.region_code, m.innovation_id): m.cluster_id for m in members}
    parent: dict[Any, Any] = {}
    lone: dict[Any, Innovation] = {}

    def root(x: Any) -> Any:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for inns in by_key.values():
        # a name of one affair joins nothing here; nor does one used by more than key_max_df entries
        if len({x.affair for x in inns}) < 2 or len(inns) > cfg.key_max_df:
            continue
        nodes = []
        for x in inns:
            node: Any = cluster_of.get((x.region_code, x.innovation_id))
            if node is None:
                node = ("lone", x.region_code, x.innovation_id)
                lone[node] = x
            nodes.append(node)
        for node in nodes[1:]:
            a, b = root(nodes[0]), root(node)
            if a != b:
                parent[b] = a
                parent.setdefault(a, a)
    return {k: root(k) for k in parent}, lone


def link_across_affairs(members: list[Member], named: list[tuple[Innovation, str]], year: int | None,
                        cfg: MatchSettings = DEFAULT) -> list[Member]:
    """Clusters (and lone innovations) of different affairs joined when they carry one name of
    `cross_words` words or more, or one acronym whose expansion their affair taught: an emergency
    call centre filed under public order by one region and under communications by another.
    Blocking is the name itself (a dictionary), so this stays linear; a name carried by more than
    key_max_df innovations of the year is a common phrase and joins nothing. The joined cluster's
    origin is again the earliest implementation; a member from another affair than the origin's
    keeps the similarity it had within its own affair's part (1 for that part's first) and says
    "same name, other affair"."""
    roots, lone = _joined_by_name(members, named, cfg)
    if not roots:
        return members
    groups: dict[Any, list[Member]] = {}
    rest = []
    for m in members:
        if m.cluster_id in roots:
            groups.setdefault(roots[m.cluster_id], []).append(m)
        else:
            rest.append(m)
    for node, x in lone.items():
        groups.setdefault(roots[node], []).append(
            Member(x.innovation_id, x.region_code, "", False, 1.0, x.implementation_date, x.trial_date,
                   x.affair or "", ""))
    out = rest
    for group in groups.values():
        if len({m.region_code for m in group}) < 2:
            continue
        first = min(group, key=lambda m: (m.implementation_date or dt.date.max, m.trial_date or dt.date.max,
                                          m.region_code, m.innovation_id))
        cid = cluster_id(Innovation(first.innovation_id, first.region_code, None, None, first.affair), year)
        for m in group:
            if m is first:
                evidence = "origin"
            elif m.affair == first.affair and m.evidence != "origin":
                evidence = m.evidence
            else:
                evidence = "same name, other affair"
            out.append(Member(m.innovation_id, m.region_code, cid, m is first, 1.0 if m is first else m.similarity,
                              m.implementation_date, m.trial_date, m.affair, evidence))
    return out


def pairs_within(members: Sequence[Member]) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    """Every pair of members of one cluster from two regions, as sorted (region, id) keys."""
    by_cluster: dict[str, list[tuple[str, str]]] = {}
    for m in members:
        by_cluster.setdefault(m.cluster_id, []).append((m.region_code, m.innovation_id))
    out = set()
    for keys in by_cluster.values():
        keys.sort()
        for a in range(len(keys)):
            for b in range(a + 1, len(keys)):
                if keys[a][0] != keys[b][0]:
                    out.add((keys[a], keys[b]))
    return out
