"""Sentence scores, document aggregates, method agreement and tone over time."""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .. import text as _text
from .. import timeseries as _ts
from ..engine import Analyser, EngineName, run
from ..errors import ParameterError
from ..wire import MAX_NUMBER_SHARE  # readability's limit: one definition
from . import vader as _vader
from .lexicons import (
    AFINN_ALPHA,
    METHODS,
    Method,
    Target,
    _check_method,
    compile_target,
    lexicon,
)

ANALYSER_NAME = "sentiment"
#: Bump when any score can change (segmentation, lexicons, aggregation).
#: 2.0: documents in a language a method does not support get a reason instead of scores.
#: 2.1: a text of figures that scores 0.0 throughout gets NaN and "mostly figures, not prose".
#: 2.2: a short text gets another language when the identifier is >= 90% sure of it.
ANALYSER_VERSION = "2.2"

POSITIVE = 0.05  # VADER's usual thresholds on the compound score
NEGATIVE = -0.05

DOC_COLUMNS = ["doc_id", "compound_mean", "pos_share", "neg_share", "neu_share", "net_tone",
               "n_sentences", "reason"]
SENTENCE_COLUMNS = ["doc_id", "sent_id", "start", "end", "sentence", "compound", "label"]

NO_TEXT = "no text"
NO_TARGET = "no sentence mentions the target"
ALL_NEUTRAL = "all sentences neutral: net_tone undefined"
LANGUAGE_NOT_SUPPORTED = "language not supported"

#: Languages each method scores. The lexicons are English word lists: elsewhere a sentence
#: without an English word would score 0.0, "neutral", which is a wrong answer, not a neutral
#: one. The model is multilingual but validated on English human ratings only (see the
#: module docstring of :mod:`medialens.sentiment`), so it is held to the same rule.
SUPPORTED_LANGUAGES: dict[str, frozenset[str]] = {
    "vader": frozenset({"en"}), "afinn": frozenset({"en"}), "e5": frozenset({"en"}),
    "ensemble": frozenset({"en"}),
}
#: Corpus ``lang`` values that mean "not known" (then the text is identified).
_MISSING_LANG = frozenset({"", "<na>", "nan", "none", "null", "und", "unknown"})


# --- per-sentence scoring: the one path for every method -----------------------------------------

def _afinn(sentence: str) -> float:
    total = sum(v for _, v in lexicon("afinn").matches(sentence))
    return total / math.sqrt(total * total + AFINN_ALPHA)


def sentence_scores(sentences: Sequence[str], method: str) -> list[float]:
    """Scores for a batch of sentences (the model embeds them in batches); every method and
    every caller goes through here.

    ``"vader"``: the exact fast re-implementation of vaderSentiment's compound, the whole
    batch in one call (:meth:`medialens.sentiment.vader.FastVader.compound_many`);
    ``"ensemble"``: the model's and VADER's scores combined by the rule of
    :func:`medialens.sentiment.model.combination`.

    >>> sentence_scores(["Profits rose.", "A terrible loss."], "vader")
    [0.4404, -0.6597]
    """
    if method == "vader":
        return _vader.analyzer().compound_many(sentences)
    if method == "afinn":
        return [_afinn(x) for x in sentences]
    if method in ("e5", "ensemble"):
        from . import model

        fn = model.sentence_scores if method == "e5" else model.ensemble_scores
        return [float(x) for x in fn(list(sentences))]
    raise ParameterError.invalid_choice("method", method, METHODS)


def _sentence_score(sentence: str, method: str) -> float:
    return sentence_scores([sentence], method)[0]


def document_language(text: Any, lang: Any = None) -> str | None:
    """The language code a document is scored as: its ``lang`` (base code, lower case) when
    the corpus gives one, else :func:`medialens.metadata.detect_language` on the text; None
    when neither knows (too short, a table of figures), which is scored as English.

    >>> document_language("x", "EN-us"), document_language("x", "nan")
    ('en', None)
    """
    raw = lang.strip() if isinstance(lang, str) else ""
    if raw.lower() not in _MISSING_LANG:
        return raw.replace("_", "-").split("-")[0].lower()
    if not isinstance(text, str) or not text.strip():
        return None
    from ..metadata import detect_language

    return detect_language(text)


def unsupported_reason(method: str, lang: str | None) -> str | None:
    """The reason a document in ``lang`` gets no score from ``method`` (None: it is scored).

    >>> unsupported_reason("vader", "ar")
    "language not supported: 'ar' (vader scores English only)"
    >>> unsupported_reason("vader", None) is None
    True
    """
    if lang is None or lang in SUPPORTED_LANGUAGES[method]:
        return None
    names = ", ".join(sorted(SUPPORTED_LANGUAGES[method]))
    only = "English only" if names == "en" else f"only {names}"
    return f"{LANGUAGE_NOT_SUPPORTED}: {lang!r} ({method} scores {only})"


@functools.cache
def _model_bands() -> dict[str, float]:
    from .model import _package_text

    return {str(k): float(v) for k, v in json.loads(_package_text("neutral_band.json"))["band"].items()}


def neutral_band(method: str = "vader") -> float:
    """The half-width of the neutral band: a sentence is positive at ``>= band``, negative
    at ``<= -band``.

    The lexicons keep VADER's published 0.05 (AFINN is mapped onto VADER's scale). The model
    is a ridge layer fitted on tweets and reviews that scores plain news prose close to 0, so
    at 0.05 nearly every news sentence would count as polar (macro-F1 0.45 against people);
    ``e5``/``ensemble`` use the band chosen on hand-labelled news sentences by
    ``tests/training/choose_neutral_band.py`` (package data ``neutral_band.json``, with the
    cross-validated figures behind it).

    >>> neutral_band("vader"), neutral_band("ensemble") > 0.05
    (0.05, True)
    """
    _check_method(method)
    return _model_bands().get(method, POSITIVE)


def label(compound: float, method: str = "vader") -> str:
    """``"positive"`` (>= the method's :func:`neutral_band`, 0.05 for the lexicons),
    ``"negative"`` (<= minus the band) or ``"neutral"``.

    >>> label(0.3), label(-0.05), label(0.0), label(0.1, "ensemble")
    ('positive', 'negative', 'neutral', 'neutral')
    """
    band = neutral_band(method)
    if compound >= band:
        return "positive"
    return "negative" if compound <= -band else "neutral"


def _spans(text: Any, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    if not isinstance(text, str):
        return []
    spans = _text.sentence_spans(text)
    if pattern is not None:
        spans = [(s, e) for s, e in spans if pattern.search(text, s, e)]
    return spans


def score_sentences(text: str, *, method: Method = "vader", target: Target = None,
                    lang: str | None = None) -> list[tuple[int, int, float]]:
    """``(start, end, score)`` for each sentence of ``text`` (mentioning ``target``, if given);
    empty when the text's language (``lang``, else identified) is not one ``method`` supports.

    >>> t = "Shares fell sharply. Koizumi praised the troops."
    >>> [(t[s:e], round(c, 2)) for s, e, c in score_sentences(t, target="Koizumi")]
    [('Koizumi praised the troops.', 0.49)]
    """
    _check_method(method)
    pattern = compile_target(target)
    if unsupported_reason(method, document_language(text, lang)) is not None:
        return []
    spans = _spans(text, pattern)
    scores = sentence_scores([text[s:e] for s, e in spans], method)
    return [(s, e, c) for (s, e), c in zip(spans, scores, strict=True)]


def aggregate(scores: Iterable[float], *, empty_reason: str = NO_TEXT,
              method: str = "vader") -> dict[str, Any]:
    """Document measures from sentence scores (see the module docstring for the thresholds).

    >>> aggregate([0.5, -0.2, 0.0])["net_tone"]
    0.0
    >>> aggregate([])["reason"]
    'no text'
    """
    c = np.fromiter(scores, dtype=float)
    row = aggregate_documents(["d"] * c.size, c, ["d"], empty_reasons=[empty_reason],
                              band=neutral_band(method)).iloc[0]
    out: dict[str, Any] = {k: float(row[k]) for k in DOC_COLUMNS[1:-2]}
    out["n_sentences"] = int(row["n_sentences"])
    out["reason"] = None if pd.isna(row["reason"]) else str(row["reason"])
    return out


def aggregate_documents(sentence_doc_ids: Sequence[Any], compound: np.ndarray,
                        doc_ids: Sequence[Any], *, empty_reasons: Sequence[str],
                        band: float = POSITIVE) -> pd.DataFrame:
    """:data:`DOC_COLUMNS` for every document of ``doc_ids`` (in that order) from its
    sentence scores, vectorised: the one place document measures are computed, so
    :func:`score`, :func:`from_sentences` and :func:`aggregate` agree to the last bit.

    ``sentence_doc_ids``/``compound``: one entry per sentence, each document's sentences
    contiguous. ``empty_reasons``: per document, the reason when it has no sentence.
    ``band``: the method's :func:`neutral_band` (shares and net tone count sentences beyond it).

    >>> aggregate_documents(["a", "a", "b"], np.array([0.5, -0.1, 0.0]), ["a", "b", "c"],
    ...                     empty_reasons=["no text"] * 3)[["compound_mean", "reason"]].values.tolist()
    [[0.2, nan], [0.0, 'all sentences neutral: net_tone undefined'], [nan, 'no text']]
    """
    c = np.asarray(compound, dtype=float)
    sid = np.asarray(sentence_doc_ids, dtype=object)
    starts = (np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]]) if len(sid)
              else np.array([], dtype=np.intp))
    n = np.diff(np.r_[starts, len(c)]).astype("int64")
    # reduceat adds each document's sentences in order: the same loop for one or many docs.
    total = np.add.reduceat(c, starts) if len(c) else np.array([])
    pos = np.add.reduceat((c >= band).astype("int64"), starts) if len(c) else n
    neg = np.add.reduceat((c <= -band).astype("int64"), starts) if len(c) else n
    per = pd.DataFrame({"n": n, "total": total, "pos": pos, "neg": neg},
                       index=pd.Index(sid[starts], dtype=object))
    per = per.reindex(pd.Index(list(doc_ids), dtype=object))
    n_all = per["n"].fillna(0).to_numpy("int64")
    has = n_all > 0
    nn = np.where(has, n_all, np.nan)
    p, q = per["pos"].to_numpy(float), per["neg"].to_numpy(float)
    polar = p + q
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame({
            "doc_id": list(doc_ids),
            "compound_mean": per["total"].to_numpy(float) / nn,
            "pos_share": p / nn, "neg_share": q / nn, "neu_share": (nn - p - q) / nn,
            "net_tone": np.where(polar > 0, (p - q) / np.where(polar > 0, polar, 1), np.nan),
            "n_sentences": n_all,
        })
    reason = np.where(~has, np.asarray(list(empty_reasons), dtype=object),
                      np.where(polar > 0, None, ALL_NEUTRAL))
    out["reason"] = pd.array(reason, dtype="str")
    return out[DOC_COLUMNS]


def score_text(text: str, *, method: Method = "vader", target: Target = None,
               lang: str | None = None) -> dict[str, Any]:
    """Document measures for one text (the pure per-document function).

    >>> r = score_text("Great result. Terrible weather.")
    >>> r["n_sentences"], r["pos_share"], r["neg_share"]
    (2, 0.5, 0.5)
    >>> score_text("Great result.", lang="ar")["reason"]
    "language not supported: 'ar' (vader scores English only)"
    """
    pattern = compile_target(target)
    _check_method(method)
    why = unsupported_reason(method, document_language(text, lang))
    scored = [] if why else score_sentences(text, method=method, target=pattern, lang="en")
    has_text = isinstance(text, str) and text.strip() != ""
    reason = why or (NO_TARGET if has_text and pattern is not None else NO_TEXT)
    return aggregate((c for _, _, c in scored), empty_reason=reason, method=method)


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


# --- the engine's per-document work ---------------------------------------------------------------

_SENTENCE_SCHEMA = {"sent_id": "int64", "start": "int64", "end": "int64", "compound": "float64",
                    "reason": "str"}
#: ``sent_id`` of the one row a document gets when its language is not supported.
UNSUPPORTED_ROW = -1


@functools.lru_cache(maxsize=64)
def _pattern(target: str | None, flags: int) -> re.Pattern[str] | None:
    return None if target is None else re.compile(target, flags)


def score_document(text: Any, lang: Any = None, *, method: str, target: str | None = None,
                   target_flags: int = 0) -> list[dict[str, Any]]:
    """The engine's per-document function: one record per (target) sentence, in text order,
    ``sent_id`` being the sentence's index among all sentences of the document; a document
    in a language ``method`` does not support gets one row with ``sent_id == -1``, NaN score
    and the ``reason``. The document's sentences are scored in one batch."""
    pattern = _pattern(target, target_flags)
    if not isinstance(text, str):
        return []
    why = unsupported_reason(method, document_language(text, lang))
    if why is not None:
        return [{"sent_id": UNSUPPORTED_ROW, "start": 0, "end": 0, "compound": math.nan,
                 "reason": why}]
    keep = [(i, s, e) for i, (s, e) in enumerate(_text.sentence_spans(text))
            if pattern is None or pattern.search(text, s, e)]
    scores = sentence_scores([text[s:e] for _, s, e in keep], method)
    if scores and not any(scores) and (why := _mostly_figures(text)):
        # a table of figures (earnings, results) scores 0.0, "neutral": a wrong answer, not a
        # neutral one; like readability, no value and the reason
        return [{"sent_id": UNSUPPORTED_ROW, "start": 0, "end": 0, "compound": math.nan,
                 "reason": why}]
    return [{"sent_id": i, "start": s, "end": e, "compound": c, "reason": None}
            for (i, s, e), c in zip(keep, scores, strict=True)]


_RE_TOKEN = re.compile(r"\S+")
_RE_DIGIT = re.compile(r"\d")
_RE_NUMBER_TOKEN = re.compile(r"^[-+(]?[$£€]?\d[\d.,:/%]*\)?[,;.]?$")


def _mostly_figures(text: str) -> str | None:
    """The reason a text that scored 0.0 throughout is a table rather than neutral prose: over
    a quarter of its words are numbers, on three lines or more (one sentence with a few years
    in it, "In 1965 there were 233", is prose).

    >>> _mostly_figures("Shr 52 cts vs 43 cts\\nNet 1,699,124 vs 1,177,786\\nRevs 45 mln vs 31 mln")
    'mostly figures, not prose (38% of words are numbers)'
    >>> _mostly_figures("In 1965 there were 233; by 1987 the number had dropped to 102.") is None
    True
    """
    if sum(1 for line in text.splitlines() if _RE_DIGIT.search(line)) < 3:
        return None
    tokens = _RE_TOKEN.findall(text)
    numbers = sum(1 for t in tokens if _RE_NUMBER_TOKEN.match(t))
    if not tokens or numbers <= MAX_NUMBER_SHARE * len(tokens):
        return None
    return f"mostly figures, not prose ({numbers / len(tokens):.0%} of words are numbers)"


def analyser(*, method: Method = "vader", target: Target = None) -> Analyser:
    """The sentence-scoring :class:`~medialens.engine.Analyser` for these (validated) options.

    >>> analyser(method="afinn", target="Koizumi").options["method"]
    'afinn'
    """
    _check_method(method)
    pattern = compile_target(target)
    return Analyser(ANALYSER_NAME, ANALYSER_VERSION, score_document, inputs=("text", "lang"),
                    optional=("lang",),
                    options={"method": method,
                             "target": None if pattern is None else pattern.pattern,
                             "target_flags": 0 if pattern is None else pattern.flags},
                    schema=_SENTENCE_SCHEMA)


def _split_unsupported(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The sentence rows, and ``doc_id -> reason`` for documents that were not scored."""
    marker = frame["sent_id"].to_numpy() == UNSUPPORTED_ROW
    if not marker.any():
        return frame, {}
    reasons = dict(zip(frame.loc[marker, "doc_id"], frame.loc[marker, "reason"], strict=True))
    out = frame[~marker].reset_index(drop=True)
    out.attrs.update(frame.attrs)
    return out, reasons


def _scored(corpus: pd.DataFrame | str, a: Analyser, *, progress: bool, engine: EngineName,
            workers: int | None, scheduler: str | None, cache: bool | str | None
            ) -> pd.DataFrame:
    if isinstance(corpus, pd.DataFrame):
        _check_corpus(corpus)
    result = run(a, corpus, engine=engine, workers=workers, scheduler=scheduler, cache=cache,
                 progress=progress)
    # A document whose scoring failed costs that document only: it is listed in
    # attrs["errors"] (and gets NaN with an "error: ..." reason in score()).
    frame = result.frame
    frame.attrs.update(result.attrs())
    return frame


def sentences(corpus: pd.DataFrame | str, *, method: Method = "vader", target: Target = None,
              progress: bool = False, engine: EngineName = "local", workers: int | None = None,
              scheduler: str | None = None, cache: bool | str | None = None) -> pd.DataFrame:
    """The sentence table: ``doc_id, sent_id, start, end, sentence, compound, label``.

    ``sent_id`` is the sentence's index in its document (with ``target``, only the sentences
    that mention it are kept, so ids may skip); ``text[start:end] == sentence``. ``engine``,
    ``workers``, ``scheduler``, ``cache``: see :func:`medialens.engine.run` (same numbers on
    every engine). For a Parquet path the ``sentence`` column is left empty (texts stay on disk).
    """
    a = analyser(method=method, target=target)
    frame, unsupported = _split_unsupported(_scored(
        corpus, a, progress=progress, engine=engine, workers=workers, scheduler=scheduler,
        cache=cache))
    if isinstance(corpus, pd.DataFrame):
        texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"], strict=True))
        sent = [texts[d][s:e] for d, s, e in zip(frame["doc_id"], frame["start"], frame["end"],
                                                  strict=True)]
    else:
        sent = [None] * len(frame)
    frame.insert(4, "sentence", pd.array(sent, dtype="str"))
    frame["label"] = pd.array([label(c, method) for c in frame["compound"]], dtype="str")
    out = frame[SENTENCE_COLUMNS].reset_index(drop=True)
    out.attrs.update(method=method, target=a.options["target"], engine=frame.attrs["engine"],
                     errors=frame.attrs["errors"], unsupported=unsupported)
    return out


def score(corpus: pd.DataFrame | str, *, method: Method = "vader", target: Target = None,
          progress: bool = False, engine: EngineName = "local", workers: int | None = None,
          scheduler: str | None = None, cache: bool | str | None = None) -> pd.DataFrame:
    """Document results, one row per ``doc_id`` (corpus order), columns :data:`DOC_COLUMNS`.

    Documents without text, or (with ``target``) without a sentence mentioning it, get NaN
    measures, ``n_sentences == 0`` and a ``reason``. Every sentence is scored once through the
    engine (and its cache); the aggregates are computed here.
    """
    a = analyser(method=method, target=target)
    frame, unsupported = _split_unsupported(_scored(
        corpus, a, progress=progress, engine=engine, workers=workers, scheduler=scheduler,
        cache=cache))
    if isinstance(corpus, pd.DataFrame):
        ids, texts = corpus["doc_id"].astype(str).tolist(), corpus["text"].tolist()
    else:
        import pyarrow.dataset as ds

        table = ds.dataset(str(corpus), format="parquet").to_table(columns=["doc_id"])
        ids = [str(d) for d in table.column("doc_id").to_pylist()]
        texts = [True] * len(ids)  # unknown; an empty document reads as "no text" below
    target_given = a.options["target"] is not None
    failed = {e["doc_id"]: e["error"] for e in frame.attrs["errors"]}
    reasons = [unsupported.get(d) or (f"error: {failed[d]}" if d in failed else None) or (
        NO_TARGET if target_given and (t is True or (isinstance(t, str) and t.strip()))
        else NO_TEXT) for d, t in zip(ids, texts, strict=True)]
    out = aggregate_documents(frame["doc_id"].to_numpy(), frame["compound"].to_numpy(), ids,
                              empty_reasons=reasons, band=neutral_band(method))
    out.attrs.update(method=method, target=a.options["target"], engine=frame.attrs["engine"],
                     errors=frame.attrs["errors"])
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
    ids = corpus["doc_id"].tolist()
    order = pd.Series(range(len(ids)), index=pd.Index(ids, dtype=object))
    sents = sents[sents["doc_id"].isin(order.index)]
    # Each document's sentences together, documents in corpus order, sentences as given.
    pos = order.reindex(sents["doc_id"].to_numpy()).to_numpy()
    sents = sents.iloc[np.argsort(pos, kind="stable")]
    unsupported = sents.attrs.get("unsupported") or {}
    reasons = [unsupported.get(d) or (
        NO_TARGET if pattern is not None and isinstance(t, str) and t.strip() else NO_TEXT)
        for d, t in zip(ids, corpus["text"], strict=True)]
    method = sents.attrs.get("method") or "vader"
    out = aggregate_documents(sents["doc_id"].to_numpy(), sents["compound"].to_numpy(), ids,
                              empty_reasons=reasons, band=neutral_band(method))
    out.attrs.update(method=sents.attrs.get("method"),
                     target=None if pattern is None else pattern.pattern)
    return out


def _with_meta(results: pd.DataFrame, corpus: pd.DataFrame, cols: Sequence[str]) -> pd.DataFrame:
    _check_corpus(results, ["doc_id"])
    _check_corpus(corpus, ["doc_id", *cols])
    meta = corpus[["doc_id", *cols]].drop_duplicates("doc_id")
    clash = [c for c in cols if c in results.columns]
    if results.empty:  # an empty selection: a float64 key of no rows must not clash with str
        results = results.astype({"doc_id": meta["doc_id"].dtype})
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


def tone_by_group(scores: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "source",
                  value: str = "compound_mean", ci: float = 0.95, min_docs: int = 3,
                  n_boot: int = _ts.DEFAULT_BOOTSTRAP, seed: int = 0) -> pd.DataFrame:
    """Mean article tone per group (outlet, topic, any corpus column) over the whole selection,
    dated or not, with a bootstrap interval over its articles; sorted from the most negative.

    The comparison an undated corpus (BBC News, a folder of pages) still allows, and for a dated
    one the level each outlet's line moves around.

    >>> sc = pd.DataFrame({"doc_id": list("abcd"), "compound_mean": [0.5, 0.3, -0.2, -0.4]})
    >>> corpus = pd.DataFrame({"doc_id": list("abcd"), "topic": ["x", "x", "y", "y"]})
    >>> t = tone_by_group(sc, corpus, by="topic", min_docs=2)
    >>> t["topic"].tolist(), t["n_docs"].tolist(), t["mean"].round(2).tolist()
    (['y', 'x'], [2, 2], [-0.3, 0.4])
    """
    df = _with_meta(scores, corpus, [by])
    out = _ts.summarise(df, value, by=by, ci=ci, min_docs=min_docs, n_boot=n_boot, seed=seed)
    out = out.sort_values("mean", na_position="last", kind="stable").reset_index(drop=True)
    out.attrs.update(value=value, by=by, ci=ci, min_docs=min_docs,
                     n_unscored=int(pd.to_numeric(df[value], errors="coerce").isna().sum()))
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
    # A model column (compare_sentences(..., methods=[..., "e5"])): its mean and interval
    # beside the lexicons', and below its correlation with VADER per period.
    extra = [m for m in ("e5", "ensemble") if m in comparison.columns]
    for m in extra:
        mt = _ts.over_time(df, m, **kw)[cols].drop(columns="n_docs")
        out = out.merge(mt.rename(columns={c: f"{c}_{m}" for c in ("mean", "ci_low", "ci_high")}),
                        on=["period", *keys], how="left")
    df["period"] = _ts.period_of(df[date_col], freq)
    df = df.dropna(subset=["period", "vader", "afinn"])
    need = max(min_docs, 3)
    stats = []

    def _r(part: pd.DataFrame, other: str) -> float:
        ok = len(part) >= need and part["vader"].std() > 0 and part[other].std() > 0
        return float(np.corrcoef(part["vader"], part[other])[0, 1]) if ok else np.nan

    for key, part in df.groupby(["period", *keys], sort=False):
        key = key if isinstance(key, tuple) else (key,)
        stats.append((*key, _r(part, "afinn"),
                      part["label_agreement"].mean() if len(part) >= min_docs else np.nan,
                      *[_r(part.dropna(subset=[m]), m) for m in extra]))
    per = pd.DataFrame(stats, columns=["period", *keys, "r", "label_agreement",
                                       *[f"r_vader_{m}" for m in extra]])
    out = out.merge(per, on=["period", *keys], how="left")
    out.attrs.update(vt.attrs)
    return out


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

