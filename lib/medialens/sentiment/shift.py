"""Why the tone moved: word-shift decompositions between two sets of sentences."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .lexicons import Lexicon, Method, _check_method, lexicon, lexicon_of
from .scoring import _check_corpus, _with_meta


def sentences_between(sents: pd.DataFrame, corpus: pd.DataFrame, *, start: Any = None,
                      end: Any = None, date_col: str = "published") -> pd.DataFrame:
    """Rows of a sentence table whose document was published in ``[start, end)`` (UTC).

    ``start``/``end`` are anything ``pd.Timestamp`` reads; ``None`` leaves that side open.
    Undated documents are never included.
    """
    lo = None if start is None else _utc(start, "start")
    hi = None if end is None else _utc(end, "end")
    if lo is not None and hi is not None and lo >= hi:
        raise ParameterError(f"start={start!r} must be before end={end!r}")
    df = _with_meta(sents, corpus, [date_col])
    when = pd.to_datetime(df[date_col], utc=True, errors="coerce")
    keep = when.notna()
    if lo is not None:
        keep &= when >= lo
    if hi is not None:
        keep &= when < hi
    return df.loc[keep].drop(columns=date_col).reset_index(drop=True)


def _utc(value: Any, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ParameterError(f"{name}={value!r} is not a date ({exc})") from None
    if pd.isna(ts):
        raise ParameterError(f"{name}={value!r} is not a date")
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _terms(sents: pd.DataFrame, lex: Lexicon, stop: float) -> list[list[str]]:
    """The lexicon terms of every sentence (tokenised once, reused for counts and examples)."""
    return [[t for t, v in lex.matches(x) if abs(v) >= stop] for x in sents["sentence"]]


def word_shift(sentences_a: pd.DataFrame, sentences_b: pd.DataFrame, *,
               method: Method = "vader", top: int | None = 20, stop: float = 0.0,
               examples: bool = True) -> pd.DataFrame:
    """Which lexicon words moved the average tone from period A (reference) to period B.

    The word-shift decomposition of Gallagher et al. (2021, EPJ Data Science, "Generalized
    word shift graphs"): with ``p(w)`` a word's share of the lexicon words of a period and
    ``h(w)`` its valence, the change of the average valence ``h_avg_b - h_avg_a`` equals
    ``Σ (p_b(w) - p_a(w)) * (h(w) - h_avg_a)`` exactly. Each term is a word's contribution:
    a word more positive than A's average that became more frequent pushes the tone up, and
    so does a negative word that became less frequent. ``stop`` drops words with
    ``|h| < stop`` (a neutral band).

    This explains the lexicon content (what VADER and AFINN count); VADER's rules (negation,
    "but", capitals) are not part of the decomposition, so the total can differ from the change
    of ``compound_mean``: both are in ``attrs`` (``shift`` and ``score_shift``).

    Columns: ``word, valence, count_a, count_b, p_a, p_b, p_diff, valence_vs_a, contribution,
    share`` (of the sum of absolute contributions), ``kind`` ("positive/negative word more/less
    frequent", relative to A's average), ``direction`` ("up"/"down"), and with ``examples`` an
    ``example_doc_id``/``example_sentence`` from the period where the word is more frequent
    (the one whose score leans most the word's way). Sorted by |contribution|, ``top`` rows.
    """
    _check_method(method)
    if top is not None and (not isinstance(top, int | np.integer) or top < 1):
        raise ParameterError(f"top={top!r} must be None or a positive integer")
    if not isinstance(stop, int | float) or stop < 0:
        raise ParameterError(f"stop={stop!r} must be a non-negative number")
    for name, df in (("sentences_a", sentences_a), ("sentences_b", sentences_b)):
        _check_corpus(df, ["doc_id", "sentence"], what=name)
    lex = lexicon(lexicon_of(method))  # a model method is explained by VADER's words
    terms_a, terms_b = _terms(sentences_a, lex, stop), _terms(sentences_b, lex, stop)
    ca: Counter[str] = Counter(t for ts in terms_a for t in ts)
    cb: Counter[str] = Counter(t for ts in terms_b for t in ts)
    na, nb = sum(ca.values()), sum(cb.values())
    if na == 0 or nb == 0:
        empty = "sentences_a" if na == 0 else "sentences_b"
        raise ParameterError(f"{empty} has no {lexicon_of(method)} lexicon words (|valence| >= {stop}); "
                             "a word shift needs text on both sides")
    vocab = sorted(set(ca) | set(cb))
    valence = np.array([lex.words.get(w) if w in lex.words else _phrase_valence(lex, w)
                        for w in vocab])
    cnt_a = np.array([ca[w] for w in vocab], dtype=float)
    cnt_b = np.array([cb[w] for w in vocab], dtype=float)
    p_a, p_b = cnt_a / na, cnt_b / nb
    h_a, h_b = float(p_a @ valence), float(p_b @ valence)
    contrib = (p_b - p_a) * (valence - h_a)
    out = pd.DataFrame({"word": vocab, "valence": valence, "count_a": cnt_a.astype(int),
                        "count_b": cnt_b.astype(int), "p_a": p_a, "p_b": p_b,
                        "p_diff": p_b - p_a, "valence_vs_a": valence - h_a,
                        "contribution": contrib})
    total_abs = float(np.abs(contrib).sum())
    out["share"] = out["contribution"].abs() / total_abs if total_abs else np.nan
    more = np.where(out["p_diff"] > 0, "more", "less")
    tone = np.where(out["valence_vs_a"] > 0, "positive", "negative")
    out["kind"] = [f"{t} word {m} frequent" for t, m in zip(tone, more, strict=True)]
    out["direction"] = np.where(out["contribution"] >= 0, "up", "down")
    out = out.reindex(out["contribution"].abs().sort_values(ascending=False, kind="stable").index)
    out = out.head(top) if top is not None else out
    out = out.reset_index(drop=True)
    if examples:
        ex = [_example(sentences_b, terms_b, w, v) if d > 0 else
              _example(sentences_a, terms_a, w, v)
              for w, d, v in zip(out["word"], out["p_diff"], out["valence"], strict=True)]
        out["example_doc_id"] = [e[0] for e in ex]
        out["example_sentence"] = [e[1] for e in ex]
    mean_a = _mean_score(sentences_a)
    mean_b = _mean_score(sentences_b)
    out.attrs.update(method=method, h_avg_a=h_a, h_avg_b=h_b, shift=h_b - h_a,
                     n_words_a=na, n_words_b=nb, n_sentences_a=len(sentences_a),
                     n_sentences_b=len(sentences_b), score_mean_a=mean_a, score_mean_b=mean_b,
                     score_shift=mean_b - mean_a)
    return out


def _phrase_valence(lex: Lexicon, phrase: str) -> float:
    toks = tuple(phrase.split(" "))
    return next(v for p, v in lex.phrases[toks[0]] if p == toks)


def _mean_score(sents: pd.DataFrame) -> float:
    if "compound" not in sents.columns or sents.empty:
        return np.nan
    return float(sents["compound"].mean())


def _example(sents: pd.DataFrame, terms: list[list[str]], word: str,
             valence: float) -> tuple[Any, Any]:
    hits = sents.loc[[word in ts for ts in terms]]
    if hits.empty:
        return (None, None)
    if "compound" in hits.columns:
        hits = hits.assign(_lean=hits["compound"] * np.sign(valence))
        hits = hits.sort_values("_lean", ascending=False, kind="stable")
    row = hits.iloc[0]
    return (row["doc_id"], row["sentence"])


def word_examples(sents: pd.DataFrame, word: str, *, method: Method = "vader",
                  n: int | None = 3) -> pd.DataFrame:
    """Rows of a sentence table in which the lexicon matched ``word`` (first ``n``).

    >>> s = pd.DataFrame({"doc_id": ["a", "b"], "sentence": ["A great day.", "Greatness."]})
    >>> word_examples(s, "great")["doc_id"].tolist()
    ['a']
    """
    _check_method(method)
    _check_corpus(sents, ["doc_id", "sentence"])
    lex = lexicon(lexicon_of(method))  # a model method is explained by VADER's words
    mask = [any(t == word for t, _ in lex.matches(x)) for x in sents["sentence"]]
    hits = sents.loc[mask]
    return (hits if n is None else hits.head(n)).reset_index(drop=True)
