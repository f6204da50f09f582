"""Innovation titles and summaries reduced to what says what the idea is.

Removed, because two regions copying one idea write them differently or because unrelated
innovations share them: accents and case, digits ("nomor 3", "2 hari"), hyphens and spaces
inside acronyms ("Si-Padu", "Si Padu" -> "sipadu"; "e-KTP" -> "ektp"), region names (every
kabupaten, kota and province; "Kota", "Kab." and the like), words of the innovation's affair
("Inovasi Kesehatan 3 ..."), template words ("Inovasi", "Replikasi", "Ringkasan") and
Indonesian function words.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Words that say nothing about which idea an innovation is.
TEMPLATE_WORDS = frozenset("""
inovasi replikasi replika mereplikasi direplikasi adopsi diadopsi mengadopsi ringkasan nomor no tahun
kabupaten kab kota provinsi prov pemerintah pemkab pemkot pemprov pemda daerah wilayah
""".split())
FUNCTION_WORDS = frozenset("""
yang dan di ke dari untuk dengan dalam ini itu atau bagi pada oleh secara agar sehingga serta tidak dapat
bisa akan telah sudah adalah merupakan melalui lewat para setiap tiap juga lebih hingga sampai menjadi
karena tanpa cukup hanya harus perlu lalu kemudian sebagai antara antar tersebut kepada sejak saat
belum masih sangat baik baru semua seluruh satu dua tiga sebuah seorang mereka kami kita ia nya pun
si se the of and
hasilnya dampaknya sebelumnya permasalahannya masalah latar belakang belakangnya diterapkan menerapkan
memudahkan mempermudah memperoleh mendapatkan hadir mudah bertujuan tujuan meningkatkan manfaat berhasil
adapun yaitu yakni dimana diharapkan
""".split())
# Words of generic titles ("Layanan Publik Cepat", "Pelayanan Terpadu", "Desa Sehat"): a title made
# of these alone names no particular idea, so it never matches on its own.
GENERIC_WORDS = frozenset("""
layanan pelayanan publik terpadu terintegrasi integrasi online daring digital elektronik cepat prima smart city
sistem informasi aplikasi program gerakan sehat bersih peduli tangguh hebat mandiri bersama pintu data desa
kampung rumah pasar sekolah literasi jemput bola unggulan kreatif maju sejahtera juara gratis keliling mobile
center pusat pos pojok klinik kelas portal forum warga masyarakat terbuka transparan inovatif modern berkah
aman nyaman ramah care go smart
""".split())
# Region names that are also everyday words: removed only after "Kabupaten", "Kota" and the like.
AMBIGUOUS_NAMES = frozenset(
    "batu puncak metro banjar kudus batang tegal serang landak buru pati lebak bone malaka".split())
_PREFIX_WORDS = frozenset(("kabupaten", "kab", "kota", "provinsi", "prov", "pemkab", "pemkot", "pemprov"))
_DROP = TEMPLATE_WORDS | FUNCTION_WORDS

_JOIN_PREFIX = re.compile(r"\b(si|e|ge) (?=[a-z])")
# apostrophes and hyphens go ("dottoro'ta", "si-padu", "ktp-el"); anything else not a letter is a space
_TABLE: dict[int, str | None] = {c: " " for c in range(128) if not chr(c).isalpha()}
_TABLE.update({ord("'"): None, ord("`"): None, ord("-"): None, ord("\u2019"): None})


def fold(text: str) -> str:
    """Lower case, accents and apostrophes off, acronym prefixes joined, only letters and spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.replace("\u2019", "").replace("\u2018", ""))
        text = "".join(ch if ch.isascii() else " " for ch in text if not unicodedata.combining(ch))
    text = " ".join(text.lower().translate(_TABLE).split())
    if "si " in text or "e " in text or "ge " in text:
        text = _JOIN_PREFIX.sub(r"\1", text)
    return text


def region_phrases(names: Iterable[str]) -> set[tuple[str, ...]]:
    """Word sequences that name a region: 'Kabupaten Aceh Selatan' -> ('aceh', 'selatan')."""
    phrases = set()
    for name in names:
        words = fold(name).split()
        while words and words[0] in _PREFIX_WORDS:
            words = words[1:]
        if words:
            phrases.add(tuple(words))
    return phrases


class Normaliser:
    """Reduces titles and summaries; built once from the region names of reference.regions."""

    def __init__(self, region_names: Iterable[str]):
        self._phrases = region_phrases(region_names)
        self._longest = max((len(p) for p in self._phrases), default=1)
        self._first_words = {p[0] for p in self._phrases}

    def words(self, text: str | None, affair: str = "") -> list[str]:
        if not text:
            return []
        tokens = fold(text).split()
        drop, affair_words = _DROP, set(affair.split("_"))
        first_words = self._first_words
        out: list[str] = []
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            if tok in first_words:
                matched = 0
                for k in range(min(self._longest, n - i), 0, -1):
                    phrase = tuple(tokens[i:i + k])
                    if phrase in self._phrases:
                        after_prefix = i > 0 and tokens[i - 1] in _PREFIX_WORDS
                        if k > 1 or phrase[0] not in AMBIGUOUS_NAMES or after_prefix:
                            matched = k
                        break
                if matched:
                    i += matched
                    continue
            if tok not in drop and tok not in affair_words and len(tok) > 1:
                out.append(tok)
            i += 1
        return out

    def text(self, text: str | None, affair: str = "") -> str:
        return " ".join(self.words(text, affair))


def is_generic(words: Iterable[str]) -> bool:
    """A title whose words are all generic (or that has none left) names no particular idea."""
    return all(w in GENERIC_WORDS for w in words)


def strip_boilerplate(summaries: list[str | None], share: float = 0.3, at_least: int = 4) -> list[str | None]:
    """Summaries without the block's stock phrases ("mewujudkan tata kelola pemerintahan yang
    baik", "lebih cepat, mudah dan murah"): the words covered by word 3-grams found in at least
    `share` of the block's summaries and at least `at_least` of them. Unlike the n-gram filter
    (BOILERPLATE_MIN_TEXTS) this works in an affair of a dozen entries. (Phrases learned over the
    whole year, in summaries of three affairs or more, were measured too: on the simulator they
    took the sentences that tell its ideas apart, precision 0.98 -> 0.87, so they are not used.)"""
    tokens = [fold(s).split() if s else [] for s in summaries]
    grams = [[hash((t[k], t[k + 1], t[k + 2])) for k in range(len(t) - 2)] for t in tokens]
    counts: dict[int, int] = {}
    for g in grams:
        for x in set(g):
            counts[x] = counts.get(x, 0) + 1
    limit = max(at_least, share * sum(1 for s in summaries if s))
    stock = {x for x, c in counts.items() if c >= limit}
    if not stock:
        return summaries
    out: list[str | None] = []
    for s, t, g in zip(summaries, tokens, grams, strict=True):
        hits = [k for k, x in enumerate(g) if x in stock]
        if not hits:
            out.append(s)
            continue
        covered: set[int] = set()
        for k in hits:
            covered.update((k, k + 1, k + 2))
        out.append(" ".join(w for k, w in enumerate(t) if k not in covered))
    return out

