"""Sentence-level sentiment, document aggregates, lexicon agreement and word shifts.

Every article is split into sentences (:func:`medialens.text.sentence_spans`) and each SENTENCE
is scored: VADER's compound score saturates towards ±1 on long texts (a 40-sentence article
sums 40 sentences of valence before normalising), so a whole article is never scored in one
call. Document results aggregate the sentence scores, and :func:`sentences` returns the
sentence table behind them, so every number traces back to its sentences.

Methods (both lexicons ship inside their packages; nothing is downloaded):

- ``"vader"``: vaderSentiment's ``compound`` per sentence (rules for negation, intensifiers,
  "but", capitals and "!" included).
- ``"afinn"``: the AFINN-165 word list (afinn package), summed over a sentence's words and
  mapped to (-1, 1) with VADER's own normalisation ``x / sqrt(x² + 15)``, so the two methods
  share a scale and the same thresholds. No rules: an independent, plain lexicon count.

A sentence is *positive* when its score is >= 0.05, *negative* when <= -0.05, else *neutral*
(VADER's usual thresholds, used for both methods).

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Profits rose. The plan is a disaster."]})
>>> score(corpus)[["doc_id", "n_sentences", "pos_share", "neg_share", "net_tone"]]
  doc_id  n_sentences  pos_share  neg_share  net_tone
0      a            2        0.5        0.5       0.0
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from . import text as _text
from . import timeseries as _ts
from .errors import ParameterError

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ANALYSER_NAME = "sentiment"
#: Bump when any score can change (segmentation, lexicons, aggregation).
ANALYSER_VERSION = "1.0"

Method = Literal["vader", "afinn"]
METHODS: tuple[str, ...] = ("vader", "afinn")
Target = str | Sequence[str] | re.Pattern[str] | None

POSITIVE = 0.05  # VADER's usual thresholds on the compound score
NEGATIVE = -0.05
AFINN_ALPHA = 15.0  # VADER's normalisation constant, applied to AFINN sums

DOC_COLUMNS = ["doc_id", "compound_mean", "pos_share", "neg_share", "neu_share", "net_tone",
               "n_sentences", "reason"]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "sentence", "compound", "label"]

NO_TEXT = "no text"
NO_TARGET = "no sentence mentions the target"
ALL_NEUTRAL = "all sentences neutral: net_tone undefined"


# --- lexicons and analysers (built once per process, on first use) -------------------------------

@cache
def vader_analyzer() -> SentimentIntensityAnalyzer:
    """The process-wide VADER analyser; building it reads the lexicon files, so do it once."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Lexicon:
    """A word list: single words and multi-word phrases (matched longest first) -> valence.

    Words are matched on lower-cased word tokens (inner apostrophes and hyphens kept, as
    VADER's whitespace tokens keep them). With ``match_parts`` (AFINN, whose own scorer is a
    regex with word boundaries) a token that is not itself an entry is also looked up without
    a possessive "'s" ("Faith's" -> "faith") and part by part ("anti-war" -> "war");
    contractions stay whole ("won't" is not "won", unlike ``afinn.Afinn.score``).
    """

    name: str
    words: dict[str, float]
    phrases: dict[str, tuple[tuple[tuple[str, ...], float], ...]]
    match_parts: bool = False

    @classmethod
    def from_entries(cls, name: str, entries: dict[str, float], *,
                     match_parts: bool = False) -> Lexicon:
        words: dict[str, float] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
        for term, valence in entries.items():
            toks = tuple(term.lower().replace("’", "'").split())
            if not toks or not all(_TOKEN.fullmatch(t) for t in toks):
                continue  # emoticons and other non-word entries never occur as word tokens
            if len(toks) == 1:
                words[toks[0]] = float(valence)
            else:
                phrases.setdefault(toks[0], []).append((toks, float(valence)))
        frozen = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()}
        return cls(name, words, frozen, match_parts)

    def matches(self, sentence: str) -> list[tuple[str, float]]:
        """``(term, valence)`` for every lexicon term in ``sentence``, in order.

        >>> lex = Lexicon.from_entries("t", {"good": 3, "fed up": -3, "war": -2}, match_parts=True)
        >>> lex.matches("Good news: the anti-war crowd is fed up.")
        [('good', 3.0), ('war', -2.0), ('fed up', -3.0)]
        """
        toks = [t.lower().replace("’", "'") for t in _TOKEN.findall(sentence)]
        out: list[tuple[str, float]] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            for phrase, valence in self.phrases.get(tok, ()):
                if tuple(toks[i:i + len(phrase)]) == phrase:
                    out.append((" ".join(phrase), valence))
                    i += len(phrase)
                    break
            else:
                if tok in self.words:
                    out.append((tok, self.words[tok]))
                elif self.match_parts:
                    base = tok[:-2] if tok.endswith("'s") else tok
                    out.extend((p, self.words[p]) for p in base.split("-") if p in self.words)
                i += 1
        return out


@cache
def lexicon(method: Method) -> Lexicon:
    """The word list behind ``method`` (VADER's or AFINN-165), loaded from its package."""
    _check_method(method)
    if method == "vader":
        return Lexicon.from_entries("vader", vader_analyzer().lexicon)
    from afinn import Afinn

    # The word list itself; afinn has no public accessor for it.
    return Lexicon.from_entries("afinn", Afinn(language="en")._dict, match_parts=True)


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ParameterError.invalid_choice("method", method, METHODS)


# --- targets -------------------------------------------------------------------------------------

def compile_target(target: Target) -> re.Pattern[str] | None:
    """Validate ``target`` and compile it once.

    A term or a list of terms matches whole words, case-insensitively, with any whitespace
    (hard wraps included) between the words of a term; a compiled regex is used as it is
    (use one for case-sensitive matching, e.g. ``re.compile(r"\\bUS\\b")``).

    >>> bool(compile_target("White House").search("the White\\nHouse said"))
    True
    >>> bool(compile_target(["Koizumi", "prime minister"]).search("Koizumi's plan"))
    True
    """
    if target is None or isinstance(target, re.Pattern):
        return target
    terms = [target] if isinstance(target, str) else target
    if not isinstance(terms, Sequence) or not terms:
        raise ParameterError(f"target={target!r} must be a term, a non-empty list of terms or a "
                             "compiled regex (re.compile(...))")
    parts = []
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise ParameterError(f"target term {term!r} must be a non-empty string")
        parts.append(r"\s+".join(re.escape(w) for w in term.split()))
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


# --- per-document scoring ------------------------------------------------------------------------

def _sentence_score(sentence: str, method: str) -> float:
    if method == "vader":
        return float(vader_analyzer().polarity_scores(sentence)["compound"])
    total = sum(v for _, v in lexicon("afinn").matches(sentence))
    return total / math.sqrt(total * total + AFINN_ALPHA)


def label(compound: float) -> str:
    """``"positive"`` (>= 0.05), ``"negative"`` (<= -0.05) or ``"neutral"``.

    >>> label(0.3), label(-0.05), label(0.0)
    ('positive', 'negative', 'neutral')
    """
    if compound >= POSITIVE:
        return "positive"
    return "negative" if compound <= NEGATIVE else "neutral"


def _spans(text: Any, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if not isinstance(text, str):
        return []
    spans = _text.sentence_spans(text)
    if pattern is not None:
        spans = [(s, e) for s, e in spans if pattern.search(text, s, e)]
    return spans


def score_sentences(text: str, *, method: Method = "vader",
                    target: Target = None) -> list[tuple[int, int, float]]:
    """``(start, end, score)`` for each sentence of ``text`` (mentioning ``target``, if given).

    >>> t = "Shares fell sharply. Koizumi praised the troops."
    >>> [(t[s:e], round(c, 2)) for s, e, c in score_sentences(t, target="Koizumi")]
    [('Koizumi praised the troops.', 0.49)]
    """
    _check_method(method)
    pattern = compile_target(target)
    return [(s, e, _sentence_score(text[s:e], method)) for s, e in _spans(text, pattern)]


def aggregate(scores: Iterable[float], *, empty_reason: str = NO_TEXT) -> dict[str, Any]:
    """Document measures from sentence scores (see the module docstring for the thresholds).

    >>> aggregate([0.5, -0.2, 0.0])["net_tone"]
    0.0
    >>> aggregate([])["reason"]
    'no text'
    """
    c = np.fromiter(scores, dtype=float)
    n = int(c.size)
    if n == 0:
        return {"compound_mean": np.nan, "pos_share": np.nan, "neg_share": np.nan,
                "neu_share": np.nan, "net_tone": np.nan, "n_sentences": 0,
                "reason": empty_reason}
    pos, neg = int((c >= POSITIVE).sum()), int((c <= NEGATIVE).sum())
    return {"compound_mean": float(c.mean()), "pos_share": pos / n, "neg_share": neg / n,
            "neu_share": (n - pos - neg) / n,
            "net_tone": (pos - neg) / (pos + neg) if pos + neg else np.nan,
            "n_sentences": n, "reason": None if pos + neg else ALL_NEUTRAL}


def score_text(text: str, *, method: Method = "vader", target: Target = None) -> dict[str, Any]:
    """Document measures for one text (the pure per-document function).

    >>> r = score_text("Great result. Terrible weather.")
    >>> r["n_sentences"], r["pos_share"], r["neg_share"]
    (2, 0.5, 0.5)
    """
    pattern = compile_target(target)
    scored = score_sentences(text, method=method, target=pattern)
    has_text = isinstance(text, str) and text.strip() != ""
    reason = NO_TARGET if has_text and pattern is not None else NO_TEXT
    return aggregate((c for _, _, c in scored), empty_reason=reason)


# --- corpus level --------------------------------------------------------------------------------

def _check_corpus(corpus: pd.DataFrame, needed: Sequence[str] = ("doc_id", "text"), *,
                  what: str = "the table") -> None:
    if not isinstance(corpus, pd.DataFrame):
        raise ParameterError(f"{what} must be a pandas DataFrame, got {type(corpus).__name__}")
    missing = [c for c in needed if c not in corpus.columns]
    if missing:
        raise ParameterError(f"column(s) {missing} not found; {what} has: "
                             f"{', '.join(map(str, corpus.columns))}")


def _progress(items: Iterable[Any], total: int, progress: bool) -> Iterable[Any]:
    if not progress:
        return items
    from tqdm.auto import tqdm

    return tqdm(items, total=total, unit="doc", desc="sentiment", leave=False)


def sentences(corpus: pd.DataFrame, *, method: Method = "vader", target: Target = None,
              progress: bool = False) -> pd.DataFrame:
    """The sentence table: ``doc_id, sent_id, start, end, sentence, compound, label``.

    ``sent_id`` is the sentence's index in its document (with ``target``, only the sentences
    that mention it are kept, so ids may skip); ``text[start:end] == sentence``.
    """
    _check_method(method)
    _check_corpus(corpus)
    pattern = compile_target(target)
    rows = []
    pairs = zip(corpus["doc_id"], corpus["text"], strict=True)
    for doc_id, text in _progress(pairs, len(corpus), progress):
        if not isinstance(text, str):
            continue
        for i, (s, e) in enumerate(_text.sentence_spans(text)):
            if pattern is not None and not pattern.search(text, s, e):
                continue
            c = _sentence_score(text[s:e], method)
            rows.append((doc_id, i, s, e, text[s:e], c, label(c)))
    out = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    out = out.astype({"sent_id": "int64", "start": "int64", "end": "int64",
                      "compound": "float64"})
    out.attrs.update(method=method, target=None if pattern is None else pattern.pattern)
    return out


def score(corpus: pd.DataFrame, *, method: Method = "vader", target: Target = None,
          progress: bool = False) -> pd.DataFrame:
    """Document results, one row per ``doc_id`` (corpus order), columns :data:`DOC_COLUMNS`.

    Documents without text, or (with ``target``) without a sentence mentioning it, get NaN
    measures, ``n_sentences == 0`` and a ``reason``.
    """
    _check_method(method)
    _check_corpus(corpus)
    pattern = compile_target(target)
    rows = []
    pairs = zip(corpus["doc_id"], corpus["text"], strict=True)
    for doc_id, text in _progress(pairs, len(corpus), progress):
        rows.append({"doc_id": doc_id, **score_text(text, method=method, target=pattern)})
    out = pd.DataFrame(rows, columns=DOC_COLUMNS).astype({"n_sentences": "int64"})
    out.attrs.update(method=method, target=None if pattern is None else pattern.pattern)
    return out


def from_sentences(sents: pd.DataFrame, corpus: pd.DataFrame, *,
                   target: Target = None) -> pd.DataFrame:
    """Document results from a sentence table already scored by :func:`sentences`.

    One scoring pass serves several questions: score every sentence once, then aggregate all
    of them and, with ``target``, only those mentioning it. Equal to :func:`score` on the
    same corpus and method. Documents of ``corpus`` without (matching) sentences get NaN.
    """
    _check_corpus(sents, ["doc_id", "sentence", "compound"], what="the sentence table")
    _check_corpus(corpus, what="the corpus")
    pattern = compile_target(target)
    if pattern is not None:
        sents = sents[[bool(pattern.search(x)) for x in sents["sentence"]]]
    groups = sents.groupby("doc_id", sort=False)["compound"]
    by_doc = {k: v.to_numpy() for k, v in groups}
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        has_text = isinstance(text, str) and text.strip() != ""
        reason = NO_TARGET if has_text and pattern is not None else NO_TEXT
        rows.append({"doc_id": doc_id,
                     **aggregate(by_doc.get(doc_id, ()), empty_reason=reason)})
    out = pd.DataFrame(rows, columns=DOC_COLUMNS).astype({"n_sentences": "int64"})
    out.attrs.update(method=sents.attrs.get("method"),
                     target=None if pattern is None else pattern.pattern)
    return out


def compare_methods(corpus: pd.DataFrame, *, target: Target = None) -> pd.DataFrame:
    """Both methods on the same sentences, per document.

    Columns: ``doc_id, vader, afinn`` (mean sentence scores), ``difference`` (afinn - vader),
    ``label_agreement`` (share of sentences both methods label alike), ``n_sentences``.
    """
    _check_corpus(corpus)
    pattern = compile_target(target)
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        v, a = [], []
        for s, e in _spans(text, pattern):
            v.append(_sentence_score(text[s:e], "vader"))
            a.append(_sentence_score(text[s:e], "afinn"))
        n = len(v)
        agree = sum(label(x) == label(y) for x, y in zip(v, a, strict=True))
        vm = float(np.mean(v)) if n else np.nan
        am = float(np.mean(a)) if n else np.nan
        rows.append((doc_id, vm, am, am - vm, agree / n if n else np.nan, n))
    return pd.DataFrame(rows, columns=["doc_id", "vader", "afinn", "difference",
                                       "label_agreement", "n_sentences"])


def _with_meta(results: pd.DataFrame, corpus: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    _check_corpus(results, ["doc_id"])
    _check_corpus(corpus, ["doc_id", *cols])
    meta = corpus[["doc_id", *cols]].drop_duplicates("doc_id")
    clash = [c for c in cols if c in results.columns]
    return results.drop(columns=clash).merge(meta, on="doc_id", how="left", validate="m:1")


def tone_over_time(scores: pd.DataFrame, corpus: pd.DataFrame, *, value: str = "compound_mean",
                   freq: str = "W", by: str | Sequence[str] | None = None, min_docs: int = 3,
                   ci: float = 0.95, smooth: int | None = None, date_col: str = "published",
                   n_boot: int = _ts.DEFAULT_BOOTSTRAP, seed: int = 0) -> pd.DataFrame:
    """:func:`medialens.timeseries.over_time` of a document measure, dates taken from ``corpus``.

    ``attrs`` adds ``n_unscored``: dated documents without a value (no text, or no sentence
    mentioning the target); they are not counted in ``n_docs``.
    """
    keys = [by] if isinstance(by, str) else list(by or [])
    df = _with_meta(scores, corpus, [date_col, *keys])
    out = _ts.over_time(df, value, freq=freq, by=by, min_docs=min_docs, ci=ci, smooth=smooth,
                        date_col=date_col, n_boot=n_boot, seed=seed)
    dated = pd.to_datetime(df[date_col], utc=True, errors="coerce").notna()
    out.attrs["n_unscored"] = int((dated & pd.to_numeric(df[value], errors="coerce").isna()).sum())
    return out


def agreement_over_time(comparison: pd.DataFrame, corpus: pd.DataFrame, *, freq: str = "W",
                        by: str | Sequence[str] | None = None, min_docs: int = 3,
                        ci: float = 0.95, date_col: str = "published") -> pd.DataFrame:
    """Per period (and group): both methods' mean tone with intervals, their correlation over
    the period's documents (``r``, Pearson; NaN below ``max(min_docs, 3)`` documents) and the
    mean ``label_agreement``. Built on :func:`compare_methods` output.
    """
    keys = [by] if isinstance(by, str) else list(by or [])
    df = _with_meta(comparison, corpus, [date_col, *keys])
    cols = ["period", *keys, "n_docs", "mean", "ci_low", "ci_high"]
    kw: dict[str, Any] = {"freq": freq, "by": by, "min_docs": min_docs, "ci": ci,
                          "date_col": date_col}
    vt = _ts.over_time(df, "vader", **kw)
    a = _ts.over_time(df, "afinn", **kw)[cols].drop(columns="n_docs")
    out = vt[cols].merge(a, on=["period", *keys], suffixes=("_vader", "_afinn"))
    df["period"] = _ts.period_of(df[date_col], freq)
    df = df.dropna(subset=["period", "vader", "afinn"])
    need = max(min_docs, 3)
    stats = []
    for key, part in df.groupby(["period", *keys], sort=False):
        key = key if isinstance(key, tuple) else (key,)
        ok = len(part) >= need and part["vader"].std() > 0 and part["afinn"].std() > 0
        stats.append((*key, float(np.corrcoef(part["vader"], part["afinn"])[0, 1]) if ok
                      else np.nan, part["label_agreement"].mean() if len(part) >= min_docs
                      else np.nan))
    extra = pd.DataFrame(stats, columns=["period", *keys, "r", "label_agreement"])
    out = out.merge(extra, on=["period", *keys], how="left")
    out.attrs.update(vt.attrs)
    return out


# --- why it moved: word shifts -------------------------------------------------------------------

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
    lex = lexicon(method)
    terms_a, terms_b = _terms(sentences_a, lex, stop), _terms(sentences_b, lex, stop)
    ca: Counter[str] = Counter(t for ts in terms_a for t in ts)
    cb: Counter[str] = Counter(t for ts in terms_b for t in ts)
    na, nb = sum(ca.values()), sum(cb.values())
    if na == 0 or nb == 0:
        empty = "sentences_a" if na == 0 else "sentences_b"
        raise ParameterError(f"{empty} has no {method} lexicon words (|valence| >= {stop}); "
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
    lex = lexicon(method)
    mask = [any(t == word for t, _ in lex.matches(x)) for x in sents["sentence"]]
    hits = sents.loc[mask]
    return (hits if n is None else hits.head(n)).reset_index(drop=True)


def extremes(scores: pd.DataFrame, *, n: int = 5, value: str = "compound_mean",
             min_sentences: int = 3) -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative documents with at least
    ``min_sentences`` scored sentences (fewer make an unreliable average); column ``end``
    says which end of the scale each row is from.
    """
    _check_corpus(scores, ["doc_id", value, "n_sentences"])
    ok = scores[(scores["n_sentences"] >= min_sentences) & scores[value].notna()]
    pos = ok.nlargest(n, value).assign(end="most positive")
    neg = ok.nsmallest(n, value).assign(end="most negative")
    return pd.concat([pos, neg], ignore_index=True)


__all__ = [
    "ANALYSER_NAME",
    "ANALYSER_VERSION",
    "DOC_COLUMNS",
    "METHODS",
    "SENTENCE_COLUMNS",
    "Lexicon",
    "aggregate",
    "agreement_over_time",
    "compare_methods",
    "compile_target",
    "extremes",
    "from_sentences",
    "label",
    "lexicon",
    "score",
    "score_sentences",
    "score_text",
    "sentences",
    "sentences_between",
    "tone_over_time",
    "vader_analyzer",
    "word_examples",
    "word_shift",
]
