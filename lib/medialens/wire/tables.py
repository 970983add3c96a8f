r"""Table rows in wire copy by their shape: columns of figures, dot leaders, rows of figures,
figures beside capitalised codes, and short label lines standing among such rows.

>>> text = "Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n    Six mths"
>>> kinds, reasons = ["prose"] * 3, ["prose"] * 3
>>> classify_rows(text, [(0, 23), (28, 52), (57, 65)], text.split("\n"), kinds, reasons)
>>> kinds, reasons[2]
(['table', 'table', 'table'], 'label line among table rows')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

WireKind = Literal["prose", "dateline", "table", "sign-off"]

_NUMBER = re.compile(r"^[-+(<$£€¥~]*(?:\d[\d.,/:%'-]*|\.\d+)[)>%]*[a-z]{0,3}[.,;:]?$",
                     re.IGNORECASE)
_NUMBERLIKE = frozenset({"--", "n.a.", "n/a", "nil", "nc", "unch", "untrd"})
_GAP = re.compile(r"\S {2,}(?=\S)")
_PUNCT_GAP = re.compile(r"[.!?:;,] {2,}(?=\S)")
_LEADER = re.compile(r"(?:\.{4,}|_{4,})\s*[-+($£]?\d")
_ROW_NUMBER_SHARE = 0.4  # of a line's tokens: a row of figures
_LABEL_ROW_NUMBER_SHARE = 0.3  # of a short line standing alone: "Shr 34 cts vs 1.19 dlrs"
_CAPS_SHARE = 0.6  # of a line's words: "SOFT WHEAT - EX REGION EURE ET LOIR APR/OCT 126 PAID."
_MAX_ROW_CHARS = 250  # a longer line is a prose paragraph, never one row of a table
_DIGIT = re.compile(r"\d")
_WORD_HINT = re.compile(r"\b(?:n\.?a|n/a|nil|nc|unch|untrd)\b", re.IGNORECASE)
_CLOSERS = "\"'”’)]"


def _ends_sentence(line: str) -> bool:
    """Whether ``line`` ends a sentence (terminal punctuation, then only closing quotes or
    brackets), read from its tail instead of scanning the line (lines have no trailing
    newline)."""
    return line.rstrip(_CLOSERS)[-1:] in (".", "!", "?", "…")


def _numeric_hint(line: str) -> bool:
    """Whether ``line`` holds a digit, "--" or a number-like word ("n.a.", "nil", "unch"),
    the common case (a digit) first."""
    return bool(_DIGIT.search(line) or "--" in line or _WORD_HINT.search(line))


_SHORT_LINE = 60  # characters: a label line, not wrapped prose (Reuters wraps at ~65)

def _row_reason(line: str) -> str | None:
    """Why a line is a table row by its shape alone, or None."""
    if len(line) > _MAX_ROW_CHARS or not _numeric_hint(line):
        return None
    if _LEADER.search(line):
        return "dot leaders before figures"
    tokens = line.split()
    numeric = _numeric(tokens)
    if not numeric:
        return None
    gaps = len(_GAP.findall(line)) - len(_PUNCT_GAP.findall(line))
    # Wide gaps between fields, in a line that is mostly fields (a stray double space in a
    # prose paragraph is not a column).
    if gaps >= 1 and (gaps >= 2 or numeric >= 2) and (
            numeric / len(tokens) >= 0.2 or len(tokens) <= 3 * (gaps + 1)):
        return "columns of figures"
    if len(tokens) >= 2 and numeric / len(tokens) >= _ROW_NUMBER_SHARE:
        return "row of figures"
    if len(tokens) < 3 or not any(t.isupper() for t in tokens):
        return None  # (no capitalised word: the share below is 0)
    # A word has two letters or more; isalpha() settles most tokens without counting letters.
    words = [t for t in tokens
             if (t.isalpha() and len(t) >= 2) or sum(c.isalpha() for c in t) >= 2]
    if words and sum(1 for w in words if w.isupper()) / len(words) >= _CAPS_SHARE:
        return "figures beside capitalised codes"
    return None


# A token _NUMBER can match starts with one of these or another decimal digit (its pattern is
# anchored); the
# number-like words are at most 5 characters. Both only skip work, never change a count.
_NUMBER_FIRST = frozenset("-+(<$£€¥~.0123456789")


def _numeric(tokens: Sequence[str]) -> int:
    return sum(1 for t in tokens
               if ((t[0] in _NUMBER_FIRST or t[0].isdecimal()) and _NUMBER.match(t))
               or (len(t) <= 5 and t.lower() in _NUMBERLIKE))


def _is_label(line: str) -> bool:
    """A short line that could be a table's label or heading row ("Six mths", "Shr 34 cts vs
    1.19 dlrs"): short and not ending a sentence."""
    if line.endswith(":") and len(line.split()) > 3:
        return False  # a sentence introducing a table ("... as follows:")
    return len(line) <= _SHORT_LINE and not _ends_sentence(line)


def classify_rows(text: str, spans: Sequence[tuple[int, int]], raw: Sequence[str],
                   kinds: list[WireKind], reasons: list[str]) -> None:
    """Mark table rows in place: rows by shape, then short lines standing among them.

    A line "stands alone" when it is a paragraph of its own: it does not continue a line that
    ends mid-sentence and the next line does not continue it (Reuters indents each paragraph
    and wraps sentences onto unindented lines; elsewhere every line is a paragraph). Only
    lines standing alone can be label rows, so wrapped prose never becomes a table.
    """
    n = len(raw)
    indented = [text[text.rfind("\n", 0, s) + 1:s].startswith(("  ", "\t")) for s, _ in spans]
    ends = [_ends_sentence(r) for r in raw]
    strong = [_row_reason(r) for r in raw]
    wrapped_from = [j > 0 and not indented[j] and not ends[j - 1] and strong[j - 1] is None
                    for j in range(n)]
    for j in range(n):
        if strong[j] is None:
            continue
        if wrapped_from[j] and strong[j] not in ("columns of figures",
                                                   "dot leaders before figures"):
            # "60,000 head." finishing the sentence of the line before
            reasons[j] = "prose (continues the line before)"
            continue
        kinds[j], reasons[j] = "table", strong[j]

    def alone(j: int) -> bool:
        if wrapped_from[j] and kinds[j - 1] != "table":
            return False
        return j == n - 1 or indented[j + 1] or kinds[j + 1] == "table" or ends[j]

    # What makes a line a possible label does not change while the rows spread; only its
    # kind and its neighbours' do.
    label_shaped = [_is_label(r) and len(r.split()) <= 10 for r in raw]

    def label(j: int) -> bool:
        return kinds[j] == "prose" and label_shaped[j] and alone(j)

    for j in range(n):
        if not label(j):
            continue
        tokens = raw[j].split()
        numeric = _numeric(tokens)
        if numeric and numeric / len(tokens) >= _LABEL_ROW_NUMBER_SHARE:
            kinds[j], reasons[j] = "table", "short row of figures"
    changed = True
    while changed:  # labels next to rows, spreading through runs of labels
        changed = False
        for j in range(n):
            if label(j) and any(kinds[k] == "table" for k in (j - 1, j + 1) if 0 <= k < n):
                kinds[j], reasons[j] = "table", "label line among table rows"
                changed = True
