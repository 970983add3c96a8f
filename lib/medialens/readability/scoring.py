"""Per-document readability scoring: the measures, the options, the reliability flags and
their reasons, :func:`score` (the corpus wrapper), :func:`analyser` / :func:`score_document`
(what the engine runs) and :func:`with_metadata` (scores joined with the corpus's columns).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from importlib import metadata
from typing import Any, Literal

import numpy as np
import pandas as pd

from ..engine import Analyser, EngineName, records_frame, run
from ..errors import CorpusError, ParameterError
from ..metadata import detect_language, too_short_to_identify
from ..wire import MAX_NUMBER_SHARE, MAX_TABLE_SHARE, clean_wire, prose_text
from ._textstat import (
    DEFAULT_LANG,
    count_all,
    ensure_offline_cmudict,
    evaluate,
    lang_root,
    normalise_lang,
    text_standard_label,
)

ANALYSER_NAME = "readability"
# Results change when textstat or the dictionary change, so both versions are part of the
# analyser version the feature cache keys on (package metadata is read without importing them).
# 1.1: languages identified by metadata.detect_language (the loader's identifier).
# 1.2: tables of figures flagged (medialens.wire); the corrected variant.
# 1.3: English by function words before the model (metadata.clearly_english): an all-capitals
#      wire story is no longer "language not identified" (values unchanged).
# 1.4: texts whose sentences average over 80 words flagged (values unchanged).
# 1.5: a short text gets another language when the identifier is >= 90% sure of it.
ANALYSER_VERSION = (
    f"1.5+textstat{metadata.version('textstat')}+cmudict{metadata.version('cmudict')}"
)

Variant = Literal["textstat", "corrected"]
#: ``textstat``: textstat's own values, exact (its sentence split cuts at every decimal point).
#: ``corrected``: the same formulas on the article's prose (table rows, dateline and sign-offs
#: left out, see :mod:`medialens.wire`) with medialens' sentence segmentation
#: (:mod:`medialens.text`: "rose 3.5 pct" is not two sentences), so wire copy is measured.
VARIANTS: tuple[str, ...] = ("textstat", "corrected")
#: How a report names the values it shows.
VARIANT_LABELS: dict[str, str] = {
    "textstat": "textstat's exact values (every full stop ends a sentence, decimal points "
                "included, so most wire copy is flagged)",
    "corrected": "corrected: each article's prose only (tables, dateline and sign-offs left "
                 "out), sentences by medialens (decimal points do not end sentences)",
}
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
# textstat ends a sentence at every [.!?], decimal points included ("rose 3.5 pct to 12.7 mln"
# is three sentences to it). Where it finds more than this many times the sentence ends the text
# has, words per sentence -- and every formula built on it -- is too low. In BBC news 1% of
# articles exceed 1.5, in Reuters 1987 (tables of earnings) 25%.
MAX_SENTENCE_INFLATION = 1.5
# Above this many words per sentence the punctuation does not mark the sentences (a transcript,
# a list pasted without full stops): every formula multiplies words per sentence, and one
# 3,000-word "sentence" gave a Flesch-Kincaid grade of 1,162. The most of any reliable article
# in 5,000 odd-id Reuters stories is 49, in 1,114 odd-numbered BBC articles 37.
MAX_MEAN_SENTENCE_WORDS = 80
# A sentence end, not a decimal point: [.!?], optional closing quotes/brackets, then a space.
_SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*(?:\s|$)""")
_LETTER = re.compile(r"[^\W\d_]")
# Corpus lang values that mean "not known" (how missing values come out of CSVs and pandas).
_MISSING_LANG = frozenset({"", "<na>", "nan", "none", "null", "und", "unknown"})
_LANG_CODE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


# --------------------------------------------------------------------------- scoring

_TABLE_HINT = re.compile(r"\d[^\n]*\n[^\n]*\d")  # figures on two lines at least


def _may_hold_table(text: str) -> bool:
    """Cheap pre-test for :func:`medialens.wire.clean_wire`: a table has figures on several
    lines (most prose articles are one paragraph per line, or have few figures)."""
    return _TABLE_HINT.search(text) is not None


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


def _check_variant(variant: str) -> str:
    if variant not in VARIANTS:
        raise ParameterError.invalid_choice("variant", variant, VARIANTS)
    return variant


def check_options(*, measures: str | Sequence[str] | None = "all",
                  lang: str | None = None, variant: str = "textstat") -> None:
    """Validate :func:`score`'s options without scoring (callers check before loading a corpus).

    >>> check_options(measures=["fog"])
    Traceback (most recent call last):
    ...
    medialens.errors.ParameterError: measures='fog' is not valid; choose one of: 'all', 'flesch_reading_ease', 'flesch_kincaid_grade', 'gunning_fog', 'smog_index', 'coleman_liau_index', 'automated_readability_index', 'dale_chall_readability_score', 'linsear_write_formula', 'text_standard'
    """
    _check_measures(measures)
    _check_lang(lang)
    _check_variant(variant)


def _medialens_sentences(text: str) -> int:
    """Sentences by :func:`medialens.text.sentence_spans`; at least 1 for any text with a word,
    as textstat counts (the formulas divide by it)."""
    from ..text import sentence_spans

    return max(1, len(sentence_spans(text))) if text.strip() else 0


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
           declared: Any = None, variant: str = "textstat") -> dict[str, Any]:
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
    # Tables of figures by line shape (medialens.wire): a reason to flag in both variants,
    # and left out of the corrected variant's counts. Only texts with figures can hold one.
    wire = clean_wire(text) if variant == "corrected" or _may_hold_table(text) else None
    table_share = wire.table_share if wire is not None else 0.0
    if variant == "corrected":
        body = prose_text(wire) if wire is not None else text
        if not _LETTER.search(body):
            if _LETTER.search(text):
                return _nan_row(measures, lang, "no prose: every line is a table row, dateline "
                                "or sign-off", {k: 0 for k in COUNTS if k != "mean_sentence_length"})
            body = text  # only figures: said below, as in the textstat variant
        c = count_all(body, lang, sentences=_medialens_sentences)
        text = body
    else:
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
    elif variant == "textstat" and c["n_sentences"] > MAX_SENTENCE_INFLATION * n_ends:
        unreliable.update(measures)
        reasons.append(f"textstat counts {c['n_sentences']} sentences where the text has "
                       f"{n_ends} sentence ends (decimal points split sentences)")
    if counts["mean_sentence_length"] > MAX_MEAN_SENTENCE_WORDS:
        unreliable.update(measures)
        reasons.append(f"sentences average {counts['mean_sentence_length']:.0f} words (over "
                       f"{MAX_MEAN_SENTENCE_WORDS}: the punctuation does not mark the sentences)")
    if table_share > MAX_TABLE_SHARE:
        unreliable.update(measures)
        reasons.append(f"a table of figures, not prose ({table_share:.0%} of words in table "
                       "rows)")
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
               lang: str | None = None, variant: Variant = "textstat") -> dict[str, Any]:
    """All readability measures, counts, flags and reason for one text (pure).

    ``lang``: a language/locale code ("en", "en_GB", "de" ...) or None to identify it
    (text too short to identify is taken as English). Unusable text gives NaN measures and a
    reason.

    >>> score_text("")["flesch_reading_ease"], score_text("")["reason"]
    (nan, 'empty text')
    """
    ms = _check_measures(measures)
    lang = _check_lang(lang)
    variant = _check_variant(variant)
    ensure_offline_cmudict()
    return _score(text, ms, lang, variant=variant)


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
                   lang: str | None, variant: str = "textstat") -> list[dict[str, Any]]:
    """The engine's per-document function: one record (options already validated)."""
    ensure_offline_cmudict()  # idempotent; needed in every worker process
    return [_score(text, tuple(measures), lang, lang_declared, variant)]


def analyser(*, measures: str | Sequence[str] | None = "all", lang: str | None = None,
             variant: Variant = "textstat") -> Analyser:
    """The readability :class:`~medialens.engine.Analyser` for these (validated) options.

    >>> analyser(measures=["gunning_fog"]).options
    {'measures': ['gunning_fog'], 'lang': None, 'variant': 'textstat'}
    """
    ms = _check_measures(measures)
    return Analyser(ANALYSER_NAME, ANALYSER_VERSION, score_document,
                    inputs=("text", "lang"), optional=("lang",),
                    options={"measures": list(ms), "lang": _check_lang(lang),
                             "variant": _check_variant(variant)},
                    schema=_schema(ms))


def score(corpus: pd.DataFrame | str, *, measures: str | Sequence[str] | None = "all",
          lang: str | None = None, variant: Variant = "textstat", progress: bool = False,
          engine: EngineName = "local",
          workers: int | None = None, scheduler: str | None = None,
          cache: bool | str | None = None) -> pd.DataFrame:
    """Readability of every document: one row per ``doc_id`` (see the module docstring).

    ``measures``: "all" (or None), one measure name or a list of them. ``lang=None`` uses the
    corpus's ``lang`` column where it has a value and identifies the language otherwise; a
    code forces that language for every document. ``variant``: "textstat" (textstat's exact
    values) or "corrected" (the article's prose, medialens' sentences; see :data:`VARIANTS`).
    ``engine``,
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
    a = analyser(measures=measures, lang=lang, variant=variant)
    # No ensure_offline_cmudict() here: the per-document function installs it where scoring
    # happens, and a warm run (everything cached) then never imports textstat/nltk/scipy.
    if a.options["lang"] is None and isinstance(corpus, pd.DataFrame) and len(corpus):
        # The language identified once per outlet, not once per article (see .language).
        from .language import corpus_languages

        found = corpus_languages(corpus)
        if found.notna().any():
            given = (corpus["lang"].astype("object") if "lang" in corpus.columns
                     else pd.Series(pd.NA, index=corpus.index, dtype="object"))
            corpus = corpus.assign(lang=given.where(found.isna(), found))
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
    out.attrs.update(analyser=ANALYSER_NAME, version=ANALYSER_VERSION, variant=variant,
                     measures=list(a.options["measures"]), **result.attrs())
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
    out = scores.merge(meta, on="doc_id", how="left")
    out.attrs.update(scores.attrs)  # the variant and measures travel with the table
    return out
