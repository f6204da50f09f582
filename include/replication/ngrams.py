"""Character n-grams of normalised texts, counted with numpy, weighted by scikit-learn.

scikit-learn's own `char_wb` analyzer builds every n-gram as a Python string, which costs
about 0.2 ms per innovation (a minute and more at scale 10). The normalised texts hold only
the letters a-z and single spaces, so an n-gram of up to 5 characters is exactly a number in
base 28, and numpy counts them all at once. The n-grams are those of `char_wb`: within one
word padded with a space on each side (" sipadu " gives " si", "sip", ..., "du "); a padded
word shorter than n gives no n-gram of that length.
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer

_BASE = 28          # 0: between texts, 1: space, 2..27: a..z
_TABLE = np.zeros(256, dtype=np.int8)
_TABLE[ord(" ")] = 1
_TABLE[ord("a"):ord("z") + 1] = np.arange(2, 28)


def counts(texts: list[str], ngrams: tuple[int, int]) -> sparse.csr_matrix:
    """Rows: texts; columns: n-grams by their number in base 28; values: counts."""
    lo, hi = ngrams
    if hi > 6:
        raise ValueError("n-grams of up to 6 characters fit the encoding")
    joined = "\0".join(f" {t} " if t else "" for t in texts).encode("ascii", "replace")
    codes = _TABLE[np.frombuffer(joined, dtype=np.uint8)]
    del joined
    lengths = np.array([len(t) + 2 if t else 0 for t in texts], dtype=np.int64)
    row_of = np.repeat(np.arange(len(texts), dtype=np.int32), lengths + 1)[:len(codes)]
    keys, rows = [], []
    for n in range(lo, hi + 1):
        size = len(codes) - n + 1
        if size <= 0:
            break
        # built one character at a time, never as a (positions x n) copy
        value = np.zeros(size, dtype=np.int64)
        ok = np.ones(size, dtype=bool)
        for k in range(n):
            part = codes[k:k + size]
            value *= _BASE
            value += part
            ok &= part != 0                                     # inside one text
            if 0 < k < n - 1:
                ok &= part != 1                                 # within one padded word
        keys.append(value[ok])
        rows.append(row_of[:size][ok])
        del value, ok
    if not keys or not sum(len(k) for k in keys):
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    key, row = np.concatenate(keys), np.concatenate(rows)
    del keys, rows
    # the n-gram's number is its column: no vocabulary to build (28**4 columns for 4-grams)
    m = sparse.csr_matrix((np.ones(len(key), dtype=np.float32), (row, key)), shape=(len(texts), _BASE ** hi))
    m.sum_duplicates()
    return m


def tfidf(texts: list[str], ngrams: tuple[int, int], max_df_count: int | None = None) -> sparse.csr_matrix:
    """L2-normalised TF-IDF (sublinear tf, smoothed idf) of the texts' character n-grams; n-grams in
    more than `max_df_count` texts are dropped (boilerplate)."""
    m = counts(texts, ngrams)
    if max_df_count is not None and max_df_count < len(texts):
        df = np.bincount(m.indices, minlength=m.shape[1])
        m.data[df[m.indices] > max_df_count] = 0
        m.eliminate_zeros()
    return TfidfTransformer(sublinear_tf=True).fit_transform(m).astype(np.float32).tocsr()
