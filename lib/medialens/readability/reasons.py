"""Why a readability value is flagged or NaN: every reason :func:`~.scoring.score` writes,
generalised for counting in a report (:data:`REASON_KINDS`, :func:`reason_kind`).
"""

from __future__ import annotations

import re

from ..wire import MAX_TABLE_SHARE
from .scoring import (
    FRE_LANGS,
    MAX_MEAN_SENTENCE_WORDS,
    MAX_NUMBER_SHARE,
    MAX_SENTENCE_INFLATION,
    MIN_WORDS,
    SMOG_MIN_SENTENCES,
)

_EVERY = "flagged: every measure"
#: Every reason :func:`score` gives, generalised for counting: (pattern of one ``; ``-separated
#: part of ``reason``, the reason as a summary shows it, its effect on the values). Written by
#: :func:`.scoring._score`; a test checks that every reason it writes has a kind.
REASON_KINDS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(pattern), label, effect) for pattern, label, effect in (
        (r"^empty text$", "empty text", "no value"),
        (r"^no words$", "no words", "no value"),
        (r"^no alphabetic words", "only numbers or symbols", "no value"),
        (r"is not supported by textstat", "a language textstat cannot score", "no value"),
        (r"^(?P<m>\w+): undefined", "{m}: formula undefined (no syllables or sentences)",
         "no {m} value; text_standard flagged"),
        (rf"^under {MIN_WORDS} words", f"under {MIN_WORDS} words", _EVERY),
        (r"^no sentence punctuation", "no sentence punctuation (.!?)", _EVERY),
        (r"decimal points split sentences",
         f"textstat splits sentences at decimal points (over {MAX_SENTENCE_INFLATION:g}x as "
         "many 'sentences' as sentence ends)", _EVERY),
        (r"^sentences average \d+ words", f"sentences average over {MAX_MEAN_SENTENCE_WORDS} words "
         "(punctuation does not mark the sentences)", _EVERY),
        (r"^no prose: ", "no prose (only table rows, dateline or sign-off)", "no value"),
        (r"^a table of figures", f"a table of figures, not prose (over {MAX_TABLE_SHARE:.0%} of "
         "words in table rows)", _EVERY),
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
    'no gunning_fog value; text_standard flagged'
    """
    for pattern, label, effect in REASON_KINDS:
        m = pattern.search(part)
        if m:
            return label.format(**m.groupdict()), effect.format(**m.groupdict())
    return re.sub(r"\d+(?:\.\d+)?", "N", part), "other"  # not written by this version
