"""An innovation's name, the strongest evidence that two entries are one idea (issue 23).

A title is split into its parts ("MPP (Mal Pelayanan Publik)", "SIPADU: Sistem Informasi ...",
"Penerapan Aplikasi SRIKANDI"); each part is normalised (normalise.py: region names, case and
template words off) and loses its leading action words ("Penerapan", "Aplikasi", "Program").
Its name is its shortest part (the brand in "SIPADU (Sistem ...)", "Sistem ... (SIPADU)",
"MAS MISE: Forum ..."); the longest other part is how the entry describes that name.

Acronyms and their expansions are learned from the texts themselves: a one-word part beside a
longer one ("Desa Tangguh Bencana (Destana)"), or "Long Name (LN)" / "LN (Long Name)" in a
summary, when the acronym's letters run through the long name in order from its first letter.
A pairing counts only when it is unambiguous in the block: an expansion that several acronyms
share, or an acronym with several expansions, says nothing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from include.replication.normalise import GENERIC_WORDS, Normaliser

# Words an entry puts before the name of what it applies ("Penerapan Aplikasi SRIKANDI").
LEADING_WORDS = frozenset("""
penerapan aplikasi program implementasi pelaksanaan optimalisasi pengembangan pembentukan penguatan
pemanfaatan penyelenggaraan pengelolaan peluncuran kegiatan
""".split())
_PAREN = re.compile(r"\(([^()]*)\)?")
_SPLIT = re.compile(r"\s*:\s*|\s+[-\u2013\u2014]\s+")
# "Desa Tangguh Bencana (Destana)" or "MPP (Mal Pelayanan Publik)" inside a summary
_LONG_THEN_SHORT = re.compile(r"((?:[A-Z][\w'\u2019-]*\s+){2,8})\(\s*([A-Za-z][A-Za-z'-]{1,14})\s*\)")
_SHORT_THEN_LONG = re.compile(r"\b([A-Z][A-Za-z'-]{1,14})\s*\(\s*((?:[A-Za-z][\w'\u2019-]*\s*){2,8})\)")


@dataclass(frozen=True)
class Name:
    name: str       # the shortest part, normalised ("sipadu", "mpp", "mal pelayanan publik"), or ""
    described: str  # the longest other part, normalised ("sistem informasi pelayanan terpadu"), or ""
    pairs: tuple[tuple[str, str], ...]  # (acronym, expansion) the entry itself spells out


def _strip_leading(words: list[str]) -> list[str]:
    while len(words) > 1 and words[0] in LEADING_WORDS:
        words = words[1:]
    return words


def spells(acronym: str, expansion: str) -> bool:
    """Do the acronym's letters run through the expansion in order, from its first letter?
    "mpp" / "mal pelayanan publik", "destana" / "desa tangguh bencana"."""
    joined = expansion.replace(" ", "")
    if len(acronym) < 2 or not joined or acronym[0] != joined[0] or len(acronym) >= len(joined):
        return False
    pos = 0
    for ch in acronym:
        pos = joined.find(ch, pos) + 1
        if not pos:
            return False
    return True


def parse(title: str | None, summary: str | None, normaliser: Normaliser, affair: str,
          title_words: list[str] | None = None) -> Name:
    """The entry's name; `title_words`, the normalised title when the caller has it, spares a
    title of one part from being normalised again."""
    if not title:
        return Name("", "", ())
    if title_words is not None and "(" not in title and ":" not in title and not _SPLIT.search(title):
        normalised = [_strip_leading(list(title_words))]
    else:
        inner = [m.group(1) for m in _PAREN.finditer(title)]
        outer = _PAREN.sub(" ", title)
        parts = [p for chunk in (outer, *inner) for p in _SPLIT.split(chunk) if p.strip()]
        normalised = [_strip_leading(normaliser.words(p, affair)) for p in parts]
    normalised = [w for w in normalised if w]
    singles = [w[0] for w in normalised if len(w) == 1 and len(w[0]) >= 2]
    multis = [" ".join(w) for w in normalised if len(w) > 1]
    pairs = [(s, m) for s in singles for m in multis if spells(s, m)]
    if summary and "(" in summary:
        for long_, short in _LONG_THEN_SHORT.findall(summary):
            pairs.extend(_pair(short, long_, normaliser, affair))
        for short, long_ in _SHORT_THEN_LONG.findall(summary):
            pairs.extend(_pair(short, long_, normaliser, affair))
    if not normalised:
        return Name("", "", tuple(dict.fromkeys(pairs)))
    shortest = min(range(len(normalised)), key=lambda k: (len(normalised[k]), k))
    others = [" ".join(w) for k, w in enumerate(normalised) if k != shortest]
    return Name(" ".join(normalised[shortest]), max(others, key=len) if others else "", tuple(dict.fromkeys(pairs)))


def _pair(short: str, long_: str, normaliser: Normaliser, affair: str) -> list[tuple[str, str]]:
    s = normaliser.words(short, affair)
    words = normaliser.words(long_, affair)
    # the long name is the words just before the acronym: as many as it needs, from the end
    for start in range(max(0, len(words) - 8), len(words) - 1):
        cand = " ".join(words[start:])
        if len(s) == 1 and spells(s[0], cand):
            return [(s[0], cand)]
    return []


def is_generic_name(text: str) -> bool:
    return not text or all(w in GENERIC_WORDS for w in text.split())


def keys(names: Sequence[Name]) -> tuple[list[str], list[str], list[bool], list[str]]:
    """Per innovation its name as written (the brand, else the long name) and its other form
    (the acronym's expansion or the expansion's acronym, learned from the block), whether that
    other form came from a learned acronym, and the expansion the entry itself gives its brand
    (two entries that spell one acronym out differently are two ideas: "SIMANIS")."""
    by_acronym: dict[str, set[str]] = {}
    by_expansion: dict[str, set[str]] = {}
    for n in names:
        for a, e in n.pairs:
            by_acronym.setdefault(a, set()).add(e)
            by_expansion.setdefault(e, set()).add(a)
    first, second, learned, own = [], [], [], []
    for n in names:
        own.append(n.described)
        key = n.name
        other = ""
        if len(by_acronym.get(key, ())) == 1:
            (other,) = by_acronym[key]
        elif len(by_expansion.get(key, ())) == 1:
            (other,) = by_expansion[key]
        if other and (len(by_expansion.get(other, ())) > 1 or len(by_acronym.get(other, ())) > 1):
            other = ""                      # ambiguous: several acronyms for one expansion
        if is_generic_name(key):
            key = ""
        first.append(key)
        second.append(other if other and not is_generic_name(other) else key)
        learned.append(bool(other) and other != key)
    return first, second, learned, own
