"""Sentence segmentation and tokenisation shared by every analysis.

Spans are ``(start, end)`` character offsets into the original text, so every sentence-level
number can be traced back to the article (``text[start:end]``).

How a text is cut (the same for every backend):

1. **Paragraphs** end at a blank line (BBC, scraped pages), at a newline followed by
   indentation of two or more spaces or a tab (Reuters' 4-space paragraph indents; a single
   space is read as a wrapped line, so "39 per\n cent" stays one figure) and at a newline
   before a bullet (``•``, or ``-``, ``*``, ``–`` and a space) or a table row ("Trade: 34% / 66%").
   A sentence never crosses a paragraph break.
2. Inside a paragraph, single line breaks are hard wraps (Reuters wraps at ~65 columns in the
   middle of sentences); they are read as spaces (a same-length substitution, so offsets stay
   valid).
3. The paragraph is segmented by **syntok** (default; chosen on accuracy and speed against
   pysbd and the regex baseline on real news, see ``benchmarks/README.md``) or by the
   ``"regex"`` baseline. Where syntok falls short on news, repairs apply: a sentence only
   ends at ``. ! ? …`` (syntok also cuts at ``;`` and around brackets), never at a title
   abbreviation (``Gov.``, ``Rep.``, ``Col.``), a middle initial (``David F. La Roche``) or a
   month abbreviation before a number (``Jan. 5-8``); a decimal number before a capital (``closed at 1,011.15. Bar``) and
   sentence-final punctuation glued to a quote and a capital (``budget."We``) end one.

>>> text = 'Col. Masahisa Sato said it. Support rose 3.5 pct in the U.S. on Dec. 15. "I am proud."'
>>> [text[s:e] for s, e in sentence_spans(text)]
['Col. Masahisa Sato said it.', 'Support rose 3.5 pct in the U.S. on Dec. 15.', '"I am proud."']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal

import pandas as pd
from syntok import segmenter as _syntok
from syntok._segmentation_states import State as _SyntokState

from .errors import ParameterError

Segmenter = Literal["syntok", "regex"]
SEGMENTERS: tuple[str, ...] = ("syntok", "regex")

#: A paragraph segmenter: takes one paragraph (no line breaks) and returns sentence spans in it.
ParagraphSegmenter = Callable[[str], Iterable[tuple[int, int]]]

# Abbreviations that end with a period but rarely end a sentence in news copy (regex baseline).
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

# Titles before a name: "Gov. Cuomo", "Rep. John Dingell". Unlike "Inc." or "U.S." they do not
# end sentences in news copy, so a boundary right after one is always a segmenter error.
TITLES: frozenset[str] = frozenset(
    """
    mr mrs ms messrs dr prof sen sens rep reps gov gen col lt maj capt sgt cmdr cmdt adm rev
    hon pres supt insp det brig cpl pvt atty gens
    """.split()
)
MONTHS: frozenset[str] = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NOT_SURE = ABBREVIATIONS | TITLES

# Paragraph breaks: a blank line, a newline + indentation (Reuters' paragraphs and its
# "\n Reuter" sign-off), a newline before a bullet ("•", "- ", "* ", "– ": a list item is never one
# sentence with the next) or before a table row that is a label, a colon and a figure ("The
# economy: 36% / 64%", "Call money:   7.00"; only table lines in Reuters, BBC and news_modern).
# A list of results one per line ("Gavin Newsom — 25%\nKamala Harris — 19%"): a line that ends
# with a percentage before a short line that does too is an item of its own.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n(?=(?: {2,}|\t)[ \t]*\S|[ \t]*(?:•|[-*–—]\s)"
                              r"|[ \t]*[A-Z][^:\n.;!?\d]{0,60}:[ \t]*[-+−]?[$£€]?\d)")
# The list-line break is a pattern of its own that starts at the digit: written as one more
# alternative of the pattern above, its lookbehinds were tried at every character of every
# text (13x the time of the rest of paragraph_spans on Reuters).
_PCT_LINE_BREAK = re.compile(r"\d(?:%| percent| per cent| pct)(?P<br>[ \t]*\n)"
                             r"(?=[ \t]*[A-Z][^\n]{0,60}\d(?:%| ?percent| ?per cent| ?pct)[ \t]*(?:\n|$))")
# Line breaks and other layout whitespace, each replaced by ONE space (keeps offsets).
_FLATTEN = str.maketrans({c: " " for c in "\n\r\t\f\v\x85\u2028\u2029"})
# Closing quotes/brackets and terminal punctuation at the end of a paragraph.
_TRAILING = "\"'”’)]}.!?…"
# A character after which syntok may end a sentence (not a decimal point).
_INNER_TERMINAL = re.compile(r"[.!?;…](?!\d)")
# A sentence that really ends: terminal punctuation, then optional closing quotes/brackets.
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_LAST_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.$")
_ACRONYM_END = re.compile(r"(?<![A-Za-z])(?:[A-Z]\.){2,}$")
_AND_OR = re.compile(r"(?:And|Or) ")
_INITIAL_END = re.compile(r"\b[A-Z][a-z]+ [A-Z]\.$")
# A decimal number (possibly with a unit: "$4.5bn", "2.4Mbps") ending a sentence before a
# capital: "at 1.30. Some", "in 8:14.28. Jamaican".
_DECIMAL_END = re.compile(r"(?<=\d[.,:]\d)\d*[A-Za-z%]{0,5}\.(?=\s+[\"“‘']?[A-Z(])")
# A period after a lower-case word, closing quotes, space, a capital: see _sure_chunks.
_SURE_END = re.compile(r"(?<![\w.'’-])([A-Za-z][a-z]+)\.([\"”’')\]]*)\s+(?=[\"“‘(]?[A-Z])")
# A period after a whole number of two or more digits, space, a capitalised word ("since 1980.
# He", "March 20. Prior"): syntok ends a sentence there unless the word is a month ("20. May",
# checked in _sure_chunks). Not one digit: "1. Bar Leone" opening a list item is one sentence.
_SURE_NUMBER_END = re.compile(r"(?<=\s)\d{2,}(?P<stop>\.)\s+(?=(?P<word>[A-Z][a-z]*))")
# What syntok 1.4.4 decides from (requirements pin it): its sentence starters ("The", "It") and
# month abbreviations.
_SYNTOK_STARTERS: frozenset[str] = frozenset(_SyntokState.starters)
_SYNTOK_MONTHS: frozenset[str] = frozenset(_SyntokState.months)
# A terminal syntok may end a sentence at (not a decimal point), for _needs_syntok.
_TERMINAL = re.compile(r"[.!?…](?!\d)")
_CLOSERS = frozenset("\"'”’)]")
_WORD_BEFORE = re.compile(r"(?:(?<=[\s\"'“‘(\[])|^)([A-Za-z]+)$")
_ACRONYM_BEFORE = re.compile(r"(?:(?<=[\s\"'“‘(\[])|^)(?:[A-Za-z]\.)+[A-Za-z]$")
_TOKEN = re.compile(r"[A-Za-z0-9]+")
# Sentence-final punctuation + a quote glued to a capitalised word (a missing space).
_GLUED_QUOTE = re.compile(r"[.!?][\"”](?=[A-Z])")

# --- regex baseline -----------------------------------------------------------------------------

# A candidate boundary: sentence-final punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY = re.compile(r"""([.!?]+)(["'”’)\]]*)(\s+)""")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    punct, closers = m.group(1), m.group(2)
    after = text[m.end(): m.end() + 1]
    if not after:
        return True
    if punct != "." or closers:
        # "!" / "?" / a closing quote after the period: a boundary unless lower case follows.
        return not after.islower()
    start = m.start(1)
    j = start
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    token = text[j:start].lstrip("\"'“‘([")
    if token.lower() in ABBREVIATIONS:
        return False
    # Initials and dotted acronyms ("U.S.", "J.") are kept joined to what follows.
    if re.fullmatch(r"(?:[A-Za-z]\.)*[A-Za-z]", token):
        return False
    if after.islower() or after.isdigit():
        return False
    return True


def regex_paragraph(para: str) -> list[tuple[int, int]]:
    """The regex baseline on one paragraph (kept for comparison; fast, less accurate).

    >>> regex_paragraph("It rose. It fell.")
    [(0, 8), (9, 17)]
    """
    spans = []
    cut = 0
    for m in _BOUNDARY.finditer(para):
        if _is_boundary(para, m):
            spans.append((cut, m.start(3)))
            cut = m.end()
    spans.append((cut, len(para)))
    return spans


def syntok_paragraph(para: str) -> list[tuple[int, int]]:
    """syntok's sentences in one paragraph, as offsets (syntok keeps token offsets exact).

    >>> p = "He said the U.S. would act. It did."
    >>> [p[s:e] for s, e in syntok_paragraph(p)]
    ['He said the U.S. would act.', 'It did.']
    """
    return [
        (sent[0].offset, sent[-1].offset + len(sent[-1].value))
        for paragraph in _syntok.analyze(para)
        for sent in paragraph
        if sent
    ]



def _cuts(para: str, s: int, e: int) -> list[int]:
    """Boundaries syntok misses inside ``para[s:e]`` (decimal number or glued quote)."""
    cuts = [m.end() for m in _DECIMAL_END.finditer(para, s, e)]
    for m in _GLUED_QUOTE.finditer(para, s, e):
        # 'said."He' closes a quote (cut after it), 'budget."We' opens one (cut before it):
        # an odd number of straight quotes before this one in the sentence means closing.
        quote = m.start() + 1
        closing = para[quote] == "”" or para.count('"', s, quote) % 2 == 1
        cuts.append(quote + 1 if closing else quote)
    return sorted(c for c in set(cuts) if s < c < e)


def _join(para: str, prev: tuple[int, int], nxt: int) -> bool:
    """True when syntok's boundary between ``prev`` and the sentence at ``nxt`` is wrong."""
    ps, pe = prev
    # Only the tail: a regex scan of a long sentence from its start would be quadratic.
    tail = para[max(ps, pe - 24):pe]
    if not _ENDS_SENTENCE.search(tail):
        # syntok also cuts at ";" and around brackets ("(Marshall Steel Ltd), formerly ...").
        return True
    m = _LAST_WORD.search(tail)
    word = m.group(1).lower() if m else ""
    if word in TITLES or (word in MONTHS and para[nxt:nxt + 1].isdigit()):
        return True
    # A middle initial: "Investor David F. La Roche".
    if _INITIAL_END.search(tail) and para[nxt:nxt + 1].isupper():
        return True
    # Reuters-21578 capitalises the word after "U.S." ("exports to the U.S. And Europe").
    return bool(_ACRONYM_END.search(tail) and _AND_OR.match(para, nxt))


def _repair(para: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Fix the kinds of syntok errors seen on news text (see the module docstring)."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and _join(para, merged[-1], s):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        for c in _cuts(para, s, e):
            out.append((s, c))
            s = c
        out.append((s, e))
    return out


def syntok_news(para: str) -> list[tuple[int, int]]:
    """The default paragraph segmenter: syntok plus the news repairs.

    A stretch without any possible inner boundary is one sentence; syntok is skipped for it
    (the repairs would join anything it split there).

    >>> p = "Sen. Bob Dole met Gov. Cuomo; they agreed. Prices closed at 1,011.15. Bar a dip."
    >>> [p[s:e] for s, e in syntok_news(p)]
    ['Sen. Bob Dole met Gov. Cuomo; they agreed.', 'Prices closed at 1,011.15.', 'Bar a dip.']
    """
    spans: list[tuple[int, int]] = []
    for cs, ce in _sure_chunks(para):
        chunk = para[cs:ce]
        body = chunk.rstrip().rstrip(_TRAILING)
        if not _INNER_TERMINAL.search(body):
            spans.append((cs, ce))
        elif _needs_syntok(body):
            spans.extend((cs + s, cs + e) for s, e in _repair(chunk, syntok_paragraph(chunk)))
        else:  # no sentence ends inside; the repairs' own cuts still apply
            spans.extend((cs + s, cs + e) for s, e in _repair(chunk, [(0, len(chunk))]))
    return _trim(para, spans)


def _needs_syntok(body: str) -> bool:
    """False when no terminal inside ``body`` can end a sentence after syntok and the repairs.

    Why not leave every chunk to syntok: it is pure Python and costs most of the segmentation;
    about 60% of the text it used to see holds only terminals whose outcome is certain from
    syntok's own rules (a lower-case word or a comma follows; an acronym's inner dots, "U.S",
    "BPCL.L"; "U.S." or a single capital "W." before a capitalised word that is not one of its
    sentence starters) or from the repairs (a title, "Gov."; a month before a number, "Jan. 5").
    Checked to give the same sentences as syntok on every Reuters-21578 odd id and news_modern
    text (``tests/test_text.py``).

    >>> _needs_syntok("the U.S. Agriculture Dept. said Gov. Cuomo met John W. Smith on Jan. 5")
    False
    >>> _needs_syntok("exports to the U.S. The company said")
    True
    """
    n = len(body)
    for m in _TERMINAL.finditer(body):
        i = m.start()
        j = i + 1
        while j < n and body[j] in _CLOSERS:
            j += 1
        k = j
        while k < n and body[k] == " ":
            k += 1
        if k > j and k < n and body[k].islower():
            continue  # syntok never ends a sentence before a lower-case word
        if k == j and j < n and body[j] in ",;:":
            continue
        if body[i] != "." or j > i + 1:
            return True
        before = body[max(0, i - 24):i]
        if k == j and k < n and body[k].isalnum() and before[-1:].isalnum():
            # A glued dot ("U.S", "BPCL.L"): syntok only cuts before a capitalised word ("Zee.Aero").
            t = _TOKEN.match(body, k)
            tok = t.group(0) if t else ""
            if tok in _SYNTOK_STARTERS or (tok.isalpha() and tok.istitle() and len(tok) > 1):
                return True
            continue
        w = _WORD_BEFORE.search(before)
        word = w.group(1) if w else ""
        if word.lower() in TITLES:
            continue  # _join always rejoins after a title
        if k > j and k < n and body[k].isdigit() and word.lower() in MONTHS:
            continue  # _join rejoins "Jan. 5"
        if k > j and k < n and body[k].isupper():
            t = _TOKEN.match(body, k)
            tok = t.group(0) if t else ""
            if tok.isalpha() and tok not in _SYNTOK_STARTERS and (
                    _ACRONYM_BEFORE.search(before) or (len(word) == 1 and word.isupper())):
                continue
        return True
    return False


def _sure_chunks(para: str) -> list[tuple[int, int]]:
    """Cut ``para`` where a sentence certainly ends, so syntok only sees the ambiguous rest.

    Certain: a period after a lower-case word of two or more letters that is not an
    abbreviation ("said. The", "pct. It"), then space and a capital or an opening quote; a
    period after a whole number of two or more digits, then space and a capitalised word that
    is not a month ("since 1980. He"). syntok cuts there too (checked on every Reuters and BBC
    document), but it costs a tokeniser and a state machine per character.

    >>> p = "It rose since 1980. He said. Talks on March 20. May was flat."
    >>> [p[s:e] for s, e in _sure_chunks(p)]
    ['It rose since 1980.', 'He said.', 'Talks on March 20. May was flat.']
    """
    ends = [(m.end(2), m.end()) for m in _SURE_END.finditer(para)
            if m.group(1).lower() not in _NOT_SURE]
    # A whole number before a capitalised word that is not a month: syntok ends a sentence there
    # and no repair joins it (same check as above).
    ends += [(m.end("stop"), m.end()) for m in _SURE_NUMBER_END.finditer(para)
             if m.group("word") not in _SYNTOK_MONTHS]
    chunks, cut = [], 0
    for end, nxt in sorted(ends):
        if end > cut:
            chunks.append((cut, end))
            cut = nxt
    chunks.append((cut, len(para)))
    return chunks


_BACKENDS: dict[str, ParagraphSegmenter] = {"syntok": syntok_news, "regex": regex_paragraph}


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the paragraphs of ``text`` (see the module docstring for the rules).

    >>> t = "One line\\nwrapped.\\n    Next para.\\n\\nThird."
    >>> [t[s:e] for s, e in paragraph_spans(t)]
    ['One line\\nwrapped.', '    Next para.', 'Third.']
    """
    breaks = [(*m.span(), 0) for m in _PARAGRAPH_BREAK.finditer(text)]
    if "\n" in text:
        # Merge as one alternation would: the leftmost break wins, the general one on a tie.
        pct = [(*m.span("br"), 1) for m in _PCT_LINE_BREAK.finditer(text)]
        if pct:
            breaks = sorted(breaks + pct)
    spans = []
    pos = 0
    for start, end, _ in breaks:
        if start < pos:  # overlaps the break before it
            continue
        spans.append((pos, start))
        pos = end
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, spans: Iterable[tuple[int, int]], offset: int = 0) -> list[tuple[int, int]]:
    """Shift spans by ``offset`` and strip surrounding whitespace; drop empty ones."""
    out = []
    for s, e in spans:
        s += offset
        e += offset
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def spans_by_paragraph(text: str, segment: ParagraphSegmenter) -> list[tuple[int, int]]:
    """Apply a paragraph segmenter to every paragraph of ``text``, line breaks read as spaces.

    Returns trimmed, non-empty, ordered spans into ``text``. This is the frame every backend
    runs in (the benchmark plugs other segmenters into it to compare them fairly).
    """
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text):
        para = text[p_start:p_end].translate(_FLATTEN)
        out.extend(_trim(text, segment(para), p_start))
    return out


def sentence_spans(text: str, *, segmenter: Segmenter = "syntok",
                   prose_only: bool = False) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text`` (whitespace trimmed).

    ``text[start:end]`` is always the sentence; paragraph breaks always end a sentence; empty
    or blank text gives ``[]``. Runs in linear time (about 1 MB/s with syntok).
    ``prose_only``: leave out wire copy's table rows, dateline and sign-offs
    (:func:`medialens.wire.prose_text`); the offsets still point into ``text``.

    >>> t = "Gov. Cuomo met Rep. John Dingell on Jan. 5-8.\\nThey agreed."
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['Gov. Cuomo met Rep. John Dingell on Jan. 5-8.', 'They agreed.']
    """
    backend = _BACKENDS.get(segmenter) if isinstance(segmenter, str) else None
    if backend is None:
        raise ParameterError.invalid_choice("segmenter", segmenter, SEGMENTERS)
    if not isinstance(text, str) or not text.strip():
        return []
    if prose_only:
        from .wire import clean_wire, prose_text  # wire never imports text at module level

        return spans_by_paragraph(prose_text(clean_wire(text)), backend)
    return spans_by_paragraph(text, backend)


def split_sentences(text: str, *, segmenter: Segmenter = "syntok") -> list[str]:
    """The sentences of ``text`` as strings.

    >>> split_sentences("It rose. It fell.")
    ['It rose.', 'It fell.']
    """
    return [text[s:e] for s, e in sentence_spans(text, segmenter=segmenter)]


def sentences_frame(corpus: pd.DataFrame, *, segmenter: Segmenter = "syntok",
                    prose_only: bool = False) -> pd.DataFrame:
    """One row per sentence: ``doc_id``, ``sent_id`` (0-based), ``start``, ``end``, ``sentence``.

    Documents without text (None/NaN/blank) have no rows. ``prose_only``: see
    :func:`sentence_spans`.

    >>> df = pd.DataFrame({"doc_id": ["a"], "text": ["One. Two."]})
    >>> sentences_frame(df)[["doc_id", "sent_id", "sentence"]].values.tolist()
    [['a', 0, 'One.'], ['a', 1, 'Two.']]
    """
    if segmenter not in SEGMENTERS:
        raise ParameterError.invalid_choice("segmenter", segmenter, SEGMENTERS)
    missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
    if missing:
        raise ParameterError(
            f"column(s) {missing} not found; the table has: {', '.join(map(str, corpus.columns))}"
        )
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        text = text if isinstance(text, str) else ""
        for i, (s, e) in enumerate(sentence_spans(text, segmenter=segmenter,
                                                  prose_only=prose_only)):
            rows.append((doc_id, i, s, e, text[s:e]))
    out = pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "sentence"])
    return out.astype({"sent_id": "int64", "start": "int64", "end": "int64"})


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
    "MONTHS",
    "SEGMENTERS",
    "TITLES",
    "paragraph_spans",
    "regex_paragraph",
    "sentence_spans",
    "sentences_frame",
    "spans_by_paragraph",
    "split_sentences",
    "syntok_news",
    "syntok_paragraph",
    "word_spans",
    "words",
]
