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

from .explain import (
    NO_CHANGE_POINT,
    NO_TARGET_SET,
    change_summary,
    change_word_shift,
    compare_methods,
    compare_sentences,
    disagreements,
    explain_document,
    extreme_articles,
    key_figures,
    main_change_point,
    methods_by_document,
    shift_examples,
    target_tone,
    with_metadata,
)
from .lexicons import (
    METHODS,
    Lexicon,
    Method,
    Target,
    compile_target,
    lexicon,
    parse_target,
    vader_analyzer,
)
from .scoring import (
    ALL_NEUTRAL,
    ANALYSER_NAME,
    ANALYSER_VERSION,
    DOC_COLUMNS,
    NEGATIVE,
    NO_TARGET,
    NO_TEXT,
    POSITIVE,
    SENTENCE_COLUMNS,
    aggregate,
    agreement_over_time,
    extremes,
    from_sentences,
    label,
    score,
    score_sentences,
    score_text,
    sentences,
    tone_over_time,
)
from .shift import sentences_between, word_examples, word_shift

__all__ = [
    "ALL_NEUTRAL",
    "ANALYSER_NAME",
    "ANALYSER_VERSION",
    "DOC_COLUMNS",
    "METHODS",
    "NEGATIVE",
    "NO_CHANGE_POINT",
    "NO_TARGET",
    "NO_TARGET_SET",
    "NO_TEXT",
    "POSITIVE",
    "SENTENCE_COLUMNS",
    "Lexicon",
    "Method",
    "Target",
    "aggregate",
    "agreement_over_time",
    "change_summary",
    "change_word_shift",
    "compare_methods",
    "compare_sentences",
    "compile_target",
    "disagreements",
    "explain_document",
    "extreme_articles",
    "extremes",
    "from_sentences",
    "key_figures",
    "label",
    "lexicon",
    "main_change_point",
    "methods_by_document",
    "parse_target",
    "score",
    "score_sentences",
    "score_text",
    "sentences",
    "sentences_between",
    "shift_examples",
    "target_tone",
    "tone_over_time",
    "vader_analyzer",
    "with_metadata",
    "word_examples",
    "word_shift",
]
