"""Exact and near-duplicate articles, flagged (never dropped) in ``duplicate_of``.

Exact: same title and same text, character for character. Near: texts whose word 5-gram
sets have a Jaccard similarity of at least ``threshold`` (syndicated copies with a changed
headline, a corrected figure or an extra sentence). Candidates come from MinHash LSH
(datasketch's index over signatures computed with numpy) and every candidate pair is then
checked with the exact Jaccard similarity, so the index only saves time, it never decides.

Every duplicate points at the first copy: the earliest published (undated after dated), then
the first loaded. A near-duplicate always points at a document that is not itself a duplicate.

>>> import pandas as pd
>>> base = ("Support for the prime minister climbed two points to 43 percent as the troops "
...         "departed, according to a poll published by the Asahi newspaper on Monday.")
>>> df = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "title": ["T", "T", "U", "V"],
...                    "text": [base, base, base.replace("Monday", "Tuesday"), "Other."]})
>>> flag_duplicates(df)
  duplicate_of duplicate_kind
0          NaN            NaN
1            a          exact
2            a           near
3          NaN            NaN
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

ANALYSER_NAME = "duplicates"
ANALYSER_VERSION = "1"

SHINGLE_WORDS = 5
MIN_WORDS = 20          # shorter texts (briefs, tables of figures) are only compared exactly
# Jaccard similarity of word 5-gram sets. 0.7, not 0.8: a syndicated copy with a new dateline,
# one changed and one added sentence scores 0.72-0.74 (the demo's Clarion reprints of Kestrel
# wire stories); on BBC and Reuters the pairs between 0.7 and 0.8 (4 and 68) read as edited
# versions of one story (a corrected paragraph, an added quote), not as different stories.
NEAR_THRESHOLD = 0.7
NUM_PERM = 64
_WORD = re.compile(r"\w+")
_SEED = 20250304


def exact_duplicates(df: pd.DataFrame) -> pd.Series:
    """``doc_id`` of the first copy for each row whose title and text equal another row's.

    Exact means character for character (texts and titles are stripped at load); copies that
    differ in whitespace or a word are near-duplicates. Empty texts are never duplicates.

    >>> df = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["T", "T", "T"],
    ...                    "text": ["Same text.", "Same text.", "Other."],
    ...                    "published": pd.to_datetime(["2025-03-02", "2025-03-01", None],
    ...                                                utc=True)})
    >>> exact_duplicates(df).tolist()
    ['b', nan, nan]
    """
    titles = df["title"].tolist() if "title" in df.columns else [None] * len(df)
    keys = pd.Series([(t if isinstance(t, str) else "") + "\x00" + x
                      if isinstance(x, str) and x else None
                      for t, x in zip(titles, df["text"].tolist(), strict=True)],
                     index=df.index, dtype=object)
    keyed = keys.loc[canonical_order(df)]
    first = keyed.dropna().drop_duplicates()
    canonical = pd.Series(df.loc[first.index, "doc_id"].to_numpy(), index=first.to_numpy())
    out = keys.map(canonical)
    out[out == df["doc_id"]] = pd.NA
    return out.astype("str")


def canonical_order(df: pd.DataFrame) -> pd.Index:
    """Row labels sorted by ``published`` (NaT last), then by position: first copies first."""
    if "published" not in df.columns:
        return df.index
    tmp = pd.DataFrame({"p": pd.to_datetime(df["published"], utc=True),
                        "pos": np.arange(len(df))}, index=df.index)
    return tmp.sort_values(["p", "pos"], na_position="last", kind="stable").index


def _shingles(texts: list[str]) -> list[np.ndarray]:
    """Sorted unique uint64 hashes of each text's word 5-grams (empty when too short).

    All words of all texts are factorised at once (pandas, C speed) into ids, so the hashes
    are deterministic within a call (no dependence on PYTHONHASHSEED); the 5-gram hash is a
    polynomial over ids computed for every window of the concatenation in numpy, keeping the
    windows that lie inside one text.
    """
    words = [_WORD.findall(t.lower()) for t in texts]
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    lengths[lengths < MIN_WORDS] = 0
    flat = [w for ws, n in zip(words, lengths, strict=True) if n for w in ws]
    empty = np.empty(0, dtype=np.uint64)
    if len(flat) < SHINGLE_WORDS:
        return [empty] * len(texts)
    ids = pd.factorize(pd.Series(flat, dtype=object))[0].astype(np.uint64) + np.uint64(1)
    n = len(ids) - SHINGLE_WORDS + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(SHINGLE_WORDS):
            h = h * np.uint64(1_000_003) + ids[j:j + n]
    ends = np.cumsum(lengths)
    starts = ends - lengths
    out = []
    for s, e in zip(starts, ends, strict=True):
        out.append(np.unique(h[s:e - SHINGLE_WORDS + 1]) if e > s else empty)
    return out


def _signatures(shingles: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures (n_docs x NUM_PERM) by multiply-shift hashing, vectorised."""
    rng = np.random.default_rng(_SEED)
    a = rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)
    sizes = np.array([len(s) for s in shingles])
    sig = np.full((len(shingles), NUM_PERM), np.iinfo(np.uint64).max, dtype=np.uint64)
    nonempty = np.flatnonzero(sizes)
    if not len(nonempty):
        return sig
    flat = np.concatenate([shingles[i] for i in nonempty])
    starts = np.concatenate([[0], np.cumsum(sizes[nonempty])[:-1]])
    with np.errstate(over="ignore"):
        for p in range(NUM_PERM):
            values = (flat * a[p] + b[p]) >> np.uint64(32)
            sig[nonempty, p] = np.minimum.reduceat(values, starts)
    return sig


def near_duplicates(df: pd.DataFrame, *, threshold: float = NEAR_THRESHOLD,
                    exclude: pd.Series | None = None) -> pd.Series:
    """``doc_id`` of an earlier, similar document for each near-duplicate row (else NA).

    ``exclude``: boolean mask of rows not to consider (e.g. exact duplicates already flagged).
    """
    from datasketch import MinHashLSH
    from datasketch.lean_minhash import LeanMinHash

    if not 0 < threshold <= 1:
        from .errors import ParameterError

        raise ParameterError(f"threshold={threshold!r} must be in (0, 1]")
    out = pd.Series(pd.NA, index=df.index, dtype="str")
    order = canonical_order(df)
    if exclude is not None:
        order = order[~exclude.loc[order].to_numpy(bool)]
    texts = [t if isinstance(t, str) else "" for t in df.loc[order, "text"]]
    shingles = _shingles(texts)
    sig = _signatures(shingles)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    doc_ids = df.loc[order, "doc_id"].tolist()
    sets: dict[int, np.ndarray] = {}
    for i, label in enumerate(order):
        if not len(shingles[i]):
            continue
        # Values are 32-bit (the high half of a 64-bit multiply-shift), as in "affine32".
        m = LeanMinHash(seed=_SEED, hashvalues=sig[i], scheme="affine32")
        match = None
        for j in sorted(lsh.query(m)):
            inter = len(np.intersect1d(shingles[i], sets[j], assume_unique=True))
            union = len(shingles[i]) + len(sets[j]) - inter
            if union and inter / union >= threshold:
                match = j
                break
        if match is None:
            lsh.insert(i, m)
            sets[i] = shingles[i]
        else:
            out[label] = doc_ids[match]
    return out


def flag_duplicates(df: pd.DataFrame, *, near: bool = True,
                    threshold: float = NEAR_THRESHOLD) -> pd.DataFrame:
    """``duplicate_of`` and ``duplicate_kind`` ("exact" / "near" / NA) for a corpus frame."""
    exact = exact_duplicates(df)
    kind = pd.Series(pd.NA, index=df.index, dtype="str")
    kind[exact.notna()] = "exact"
    dup_of = exact.copy()
    if near:
        close = near_duplicates(df, threshold=threshold, exclude=exact.notna())
        dup_of = dup_of.where(dup_of.notna(), close)
        kind[close.notna()] = "near"
    return pd.DataFrame({"duplicate_of": dup_of.astype("str"), "duplicate_kind": kind})


__all__ = ["ANALYSER_NAME", "ANALYSER_VERSION", "canonical_order", "exact_duplicates",
           "flag_duplicates", "near_duplicates"]
