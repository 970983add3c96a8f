"""Sentence segmentation and tokenisation shared by every analysis.

Spans are ``(start, end)`` character offsets into the original text, so every sentence-level
number can be traced back to the article (``text[start:end]``).

>>> text = 'Col. Masahisa Sato said it. Support rose 3.5 pct in the U.S. on Dec. 15. "I am proud."'
>>> [text[s:e] for s, e in sentence_spans(text)]
['Col. Masahisa Sato said it.', 'Support rose 3.5 pct in the U.S. on Dec. 15.', '"I am proud."']
"""

from __future__ import annotations

import re

import pandas as pd

# Abbreviations that end with a period but rarely end a sentence in news copy.
# Lower-cased, without the final period.
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    mr mrs ms dr prof sen rep gov gen col lt maj capt sgt cmdr adm rev st jr sr hon pres
    sec amb supt insp det brig cpl pvt mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    inc corp co ltd plc bros dept univ assn est approx vs etc al no nos vol pp fig
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont
    neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

# A candidate boundary: sentence-final punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"""([.!?]+)(["'”’)\]]*)(\s+)""")
_PARAGRAPH = re.compile(r"\n\s*\n")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct, closers, _ws = m.group(1), m.group(2), m.group(3)
    after = text[m.end(): m.end() + 1]
    if not after:
        return True
    if punct != "." or closers:
        # "!" / "?" / a closing quote after the period: a boundary unless lower case follows.
        return not after.islower()
    # Token before the period.
    start = m.start(1)
    j = start
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    token = text[j:start].lstrip("\"'“‘([")
    low = token.lower()
    if low in ABBREVIATIONS:
        return False
    # Initials and dotted acronyms: "U.S.", "J.", "a.m." -- a boundary only if a capitalised
    # word follows and the acronym is long (U.S. at the end of a sentence is ambiguous; we
    # keep it joined unless the next word starts a typical sentence).
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):
        return False
    if after.islower() or after.isdigit():
        return False
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text`` (whitespace trimmed).

    Paragraph breaks (blank lines) always end a sentence. Empty text gives ``[]``.
    """
    if not text or not text.strip():
        return []
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in _PARAGRAPH.split(text):
        p_start = text.index(para, pos) if para else pos
        pos = p_start + len(para)
        cut = 0
        for m in _BOUNDARY.finditer(para):
            if _is_boundary(para, m):
                end = m.start(3)
                spans.append((p_start + cut, p_start + end))
                cut = m.end()
        spans.append((p_start + cut, p_start + len(para)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings.

    >>> split_sentences("It rose. It fell.")
    ['It rose.', 'It fell.']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


def sentences_frame(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``doc_id``, ``sent_id`` (0-based), ``start``, ``end``, ``sentence``.

    >>> df = pd.DataFrame({"doc_id": ["a"], "text": ["One. Two."]})
    >>> sentences_frame(df)[["doc_id", "sent_id", "sentence"]].values.tolist()
    [['a', 0, 'One.'], ['a', 1, 'Two.']]
    """
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        text = text if isinstance(text, str) else ""
        for i, (s, e) in enumerate(sentence_spans(text)):
            rows.append((doc_id, i, s, e, text[s:e]))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "sentence"])


_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*", re.UNICODE)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of word tokens (letters/digits, with inner apostrophes, hyphens and dots).

    >>> t = "Koizumi's 43.5 pct, a well-known U.S. poll"
    >>> [t[s:e] for s, e in word_spans(t)]
    ["Koizumi's", '43.5', 'pct', 'a', 'well-known', 'U.S', 'poll']
    """
    return [m.span() for m in _WORD.finditer(text or "")]


def words(text: str, *, lower: bool = False) -> list[str]:
    """Word tokens of ``text``.

    >>> words("It's a TEST.", lower=True)
    ["it's", 'a', 'test']
    """
    toks = [m.group(0) for m in _WORD.finditer(text or "")]
    return [t.lower() for t in toks] if lower else toks


__all__ = [
    "ABBREVIATIONS",
    "sentence_spans",
    "sentences_frame",
    "split_sentences",
    "word_spans",
    "words",
]
