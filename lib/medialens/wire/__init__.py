"""Wire-copy cleaning: sign-offs, tables of figures and datelines (strings in, no file I/O).

News-agency copy carries lines that are not prose: the agency's sign-off at the end
("Reuter", "REUTER...", "(Reuters)", "-- AP"), credit lines ("(Reporting by ...; Editing by
...)"), continuation markers ("MORE"), tables of figures (commodity prices, company results,
election results) and the dateline that opens the story ("LONDON, March 3 (Reuters) -").
Scored as sentences they pull every article's tone towards 0 and its readability towards
"easy".

Every line of a text gets a :data:`WireKind` with the evidence for it:

- ``sign-off``: the last line(s) of a text, matching a named agency sign-off or credit rule,
  or recurring as the final short line across many texts of the corpus (cross-document
  evidence, :func:`wire_evidence`). Only these are ever REMOVED from a text (they are at its
  end, so every offset into the rest stays valid); :func:`clean_wire_texts` does this at load.
- ``table``: a row of figures by its shape (columns separated by wide gaps, dot leaders, a
  high share of numbers or of all-capital codes beside figures), or a short label line next
  to such rows ("Six mths" in a results table). Tables stay in the text (poll results come in
  tables) but are kept out of the corrected readability counts (:func:`prose_text`) and out
  of ``medialens.text.sentence_spans(text, prose_only=True)``.
- ``dateline``: the dateline prefix of the first prose line (kept in the text; the loader
  reads the place and outlet from it), left out like tables.
- ``prose``: everything else.

>>> wc = clean_wire("Shares rose 3.5 pct on Monday, traders said.\\n    Gold  401.50  402.00\\n Reuter")
>>> wc.text
'Shares rose 3.5 pct on Monday, traders said.\\n    Gold  401.50  402.00'
>>> [(ln.kind, ln.reason) for ln in wc.lines]
[('prose', 'prose'), ('table', 'columns of figures'), ('sign-off', 'agency sign-off')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from .tables import WireKind, classify_rows

WIRE_KINDS: tuple[str, ...] = ("prose", "dateline", "table", "sign-off")

# Agencies whose name alone on the last line is their sign-off. Case-insensitive on a line of
# its own; glued to the end of the last sentence only in the capitalisations agencies use.
_AGENCIES = r"reuters?|ap|afp|upi|dpa|ansa|efe|xinhua|kyodo|tass|itar-tass|pti|ians|bernama|yonhap"
_SIGN_OFF = re.compile(rf"^[-–—\s]*\(?\s*(?:{_AGENCIES}|reuter ?[A-Z0-9])\s*\)?(?:\s*(?:\.\.\.|…))?(?:\s*\^M)?$",
                       re.IGNORECASE)
_GLUED_SIGN_OFF = re.compile(r"(?<=[.!?\"'”’)\d])\s+(?:REUTERS?|Reuters?|\(Reuters\))"
                             r"(?:\s*(?:\.\.\.|…))?(?:\s*\^M)?\s*$")
# Credit lines: "(Reporting by Piet Rask; Editing by Lena Ord)", "(Additional reporting ...)".
_CREDIT = re.compile(r"^\((?:additional |further )?(?:reporting|writing|editing|compiled|"
                     r"polling|research|graphics?|reuters)\b[^()]*(?:\([^()]*\)[^()]*)*\)$",
                     re.IGNORECASE)
_MARKER = re.compile(r"^(?:MORE|More|more|MORE TO FOLLOW|ENDS|ENDITEM)(?:\s*\^M)?$")
_MAX_SIGN_OFF_WORDS = 4  # a recurring last line longer than this is not a sign-off
_HAS_DIGIT = re.compile(r"\d")
#: Above this share of its words in table rows a text is a table, not an article.
MAX_TABLE_SHARE = 0.5
#: Above this share of its words being numbers a text is figures, not prose (readability
#: flags it; sentiment gives a text of figures that scores 0.0 throughout no tone).
MAX_NUMBER_SHARE = 0.25


class WireLine(NamedTuple):
    """One physical line: a verbatim slice ``text[start:end]`` and its classification."""

    text: str
    start: int
    end: int
    kind: WireKind
    reason: str


@dataclass(frozen=True)
class WireEvidence:
    """Cross-document evidence from a corpus: line keys (:func:`last_line_key`) that end many
    of its texts, read as that corpus's sign-offs."""

    sign_offs: frozenset[str] = frozenset()


class WireText(NamedTuple):
    """:func:`clean_wire`'s result: the text without its sign-off lines, every line classified
    (``removed`` are the ``sign-off`` lines cut from the end)."""

    text: str
    lines: tuple[WireLine, ...]
    original: str = ""

    @property
    def removed(self) -> tuple[WireLine, ...]:
        return tuple(ln for ln in self.lines if ln.kind == "sign-off")

    @property
    def table_share(self) -> float:
        """Share of the words (lines not removed) that are in table rows."""
        words = {k: 0 for k in WIRE_KINDS}
        for ln in self.lines:
            words[ln.kind] += len(ln.text.split())
        total = words["prose"] + words["table"] + words["dateline"]
        return words["table"] / total if total else 0.0


def last_line_key(line: str) -> str:
    """Key for counting a final line across texts: case, spacing and digits ignored.

    >>> last_line_key("  REUTER^M") == last_line_key("Reuter")
    False
    >>> last_line_key(" Reuter ") == last_line_key("reuter")
    True
    """
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _is_sign_off_shape(line: str) -> bool:
    """Short, no sentence-final full stop (an ellipsis is a wire convention), not figures."""
    words = line.split()
    if not words or len(words) > _MAX_SIGN_OFF_WORDS or _HAS_DIGIT.search(line):
        return False
    stripped = line.rstrip()
    return not stripped.endswith((".", "!", "?")) or stripped.endswith(("...", "…"))


def wire_evidence(texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.01
                  ) -> WireEvidence:
    """Sign-offs by cross-document evidence: short final lines (no digits, no full stop) that
    end at least ``min_docs`` texts and ``min_share`` of them. Identical texts count once.

    >>> stories = [f"Story {i} ends here.\\n -- The Clarion" for i in range(5)] + ["Other."]
    >>> sorted(wire_evidence(stories).sign_offs)
    ['-- the clarion']
    """
    counts: Counter[str] = Counter()
    seen: set[int] = set()
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        h = hash(text)
        if h in seen:
            continue
        seen.add(h)
        last = text.rstrip().rsplit("\n", 1)[-1]
        if _is_sign_off_shape(last) and "\n" in text.strip():
            counts[last_line_key(last)] += 1
    n = len(seen)
    return WireEvidence(frozenset(k for k, c in counts.items()
                                  if c >= min_docs and c >= min_share * n))


def _line_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank physical line, surrounding whitespace excluded."""
    spans, pos = [], 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        s = pos + len(body) - len(body.lstrip())
        e = pos + len(body.rstrip())
        if e > s:
            spans.append((s, e))
        pos += len(raw)
    return spans


def _sign_off_reason(line: str, evidence: WireEvidence) -> str | None:
    if _SIGN_OFF.match(line):
        return "agency sign-off"
    if _CREDIT.match(line):
        return "credit line"
    if _MARKER.match(line):
        return "continuation marker"
    if evidence.sign_offs and _is_sign_off_shape(line) and last_line_key(line) in evidence.sign_offs:
        return "recurs as the last line across the corpus"
    return None


def clean_wire(text: str, *, evidence: WireEvidence | None = None) -> WireText:
    """Classify every line of ``text`` and cut the sign-off lines from its end.

    ``evidence``: cross-document evidence from :func:`wire_evidence` over the same corpus.
    The returned text is a prefix of ``text`` (trailing whitespace removed), so offsets into
    it equal offsets into the input.

    >>> clean_wire("The bank said profit rose.\\n\\n(Reporting by Ann Lee; Editing by Bo Ek)").text
    'The bank said profit rose.'
    """
    evidence = evidence or WireEvidence()
    if not isinstance(text, str) or not text.strip():
        blank = text if isinstance(text, str) else ""
        return WireText(blank, (), blank)
    cut, removed = sign_offs(text, evidence=evidence)
    spans = [(s, e) for s, e in _line_spans(text[:cut])]
    raw = [text[s:e] for s, e in spans]
    kinds: list[WireKind] = ["prose"] * len(raw)
    reasons = ["prose"] * len(raw)
    body_lines = len(raw)
    classify_rows(text, spans[:body_lines], raw[:body_lines], kinds, reasons)
    lines = [WireLine(raw[j], spans[j][0], spans[j][1], kinds[j], reasons[j])
             for j in range(len(raw))]
    if lines and lines[0].kind == "prose":  # the dateline opening the story
        from ..metadata import parse_dateline  # metadata never imports wire: no cycle

        first = lines[0]
        d = parse_dateline(text[first.start:first.start + 300].replace("\n", " "))
        if d is not None and len(d.text) < len(first.text):
            n = len(d.text)
            rest = first.text[n:]
            skip = len(rest) - len(rest.lstrip())
            lines[0] = WireLine(first.text[:n], first.start, first.start + n, "dateline",
                                "dateline")
            lines.insert(1, WireLine(rest.lstrip(), first.start + n + skip, first.end,
                                     "prose", first.reason))
    return WireText(text[:cut], (*lines, *removed), text)


def sign_offs(text: str, *, evidence: WireEvidence | None = None
              ) -> tuple[int, tuple[WireLine, ...]]:
    """Where the body of ``text`` ends and the sign-off lines after it: whole last lines
    that are sign-offs, credits or markers, and an agency sign-off glued to the end of the
    last sentence ("... 129.50 PAID. REUTER"). Only the last lines are looked at.

    >>> t = 'Rates held, he said. REUTER\\n Reuter'
    >>> cut, lines = sign_offs(t)
    >>> t[:cut], [ln.reason for ln in lines]
    ('Rates held, he said.', ['agency sign-off glued to the last sentence', 'agency sign-off'])
    """
    evidence = evidence or WireEvidence()
    found: list[WireLine] = []
    end = len(text.rstrip())
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        s = start + len(line) - len(line.lstrip())
        why = _sign_off_reason(line.strip(), evidence)
        if why is None:
            m = _GLUED_SIGN_OFF.search(line)
            if m and m.start() > s - start:
                sign = m.group(0)
                off = start + m.start() + len(sign) - len(sign.lstrip())
                found.append(WireLine(text[off:end].strip(), off, end, "sign-off",
                                      "agency sign-off glued to the last sentence"))
                end = start + m.start()
            break
        found.append(WireLine(text[s:end], s, end, "sign-off", why))
        end = len(text[:start].rstrip())
    return end, tuple(reversed(found))


def prose_text(wire: WireText) -> str:
    """The prose of a classified text, offsets unchanged: the original with every character of
    its table rows, dateline and sign-offs replaced by a space (line breaks kept). A masked
    table row leaves a blank line, a paragraph break, so :mod:`medialens.text` never joins a
    sentence across a table, and every span found in the result is a span of the original.

    >>> from medialens.text import split_sentences
    >>> split_sentences(prose_text(clean_wire("LONDON (Reuters) - Gold fell.\\n    Gold  401.50  "
    ...                                        "402.00\\n    Dealers were quiet.\\n Reuter")))
    ['Gold fell.', 'Dealers were quiet.']
    """
    chars = list(wire.original)
    for ln in wire.lines:
        if ln.kind != "prose":
            chars[ln.start:ln.end] = [c if c == "\n" else " " for c in chars[ln.start:ln.end]]
    return "".join(chars)


def explain_wire(text: str, *, evidence: WireEvidence | None = None) -> pd.DataFrame:
    """Every line of a wire text with its kind, the evidence and whether the text keeps it.

    >>> explain_wire("Profit rose 10 pct, the company said.\\n Reuter")[["kind", "reason", "kept"]]
           kind           reason   kept
    0     prose            prose   True
    1  sign-off  agency sign-off  False
    """
    wc = clean_wire(text, evidence=evidence)
    rows = [{"line": ln.text, "kind": ln.kind, "reason": ln.reason, "kept": ln.kind != "sign-off"}
            for ln in wc.lines]
    return pd.DataFrame(rows, columns=["line", "kind", "reason", "kept"])


@dataclass
class WireSummary:
    """What :func:`clean_wire_texts` removed: per removed line (normalised), how often, and
    which texts lost a line."""

    removed: Counter[str] = field(default_factory=Counter)
    docs: list[int] = field(default_factory=list)
    emptied: list[int] = field(default_factory=list)

    def notes(self, limit: int = 5) -> list[str]:
        """One line for a load report ("" when nothing was removed)."""
        if not self.docs:
            return []
        top = ", ".join(f"{k!r} x {v:,}" for k, v in self.removed.most_common(limit))
        more = f" and {len(self.removed) - limit:,} other forms" if len(self.removed) > limit else ""
        note = (f"wire copy: {sum(self.removed.values()):,} sign-off/credit line(s) removed from "
                f"the end of {len(self.docs):,} texts ({top}{more}); see medialens.clean."
                "explain_wire")
        if self.emptied:
            note += f"; {len(self.emptied):,} texts held nothing else"
        return [note]


def clean_wire_texts(texts: Sequence[str], *, evidence: WireEvidence | None = None
                     ) -> tuple[list[str], WireSummary]:
    """Cut sign-offs from every text of a corpus, with cross-document evidence gathered over
    the same texts. Texts without one come back unchanged (the same object).

    >>> out, summary = clean_wire_texts(["Prices fell.\\n Reuter", "No sign-off here."])
    >>> out, summary.notes()[0][:52]
    (['Prices fell.', 'No sign-off here.'], 'wire copy: 1 sign-off/credit line(s) removed from th')
    """
    evidence = evidence if evidence is not None else wire_evidence(texts)
    summary = WireSummary()
    out: list[str] = []
    for i, text in enumerate(texts):
        if not isinstance(text, str) or not _may_end_with_sign_off(text, evidence):
            out.append(text)
            continue
        cut, removed = sign_offs(text, evidence=evidence)
        if not removed:
            out.append(text)
            continue
        summary.docs.append(i)
        for ln in removed:
            summary.removed[" ".join(ln.text.split())] += 1
        if not text[:cut].strip():
            summary.emptied.append(i)
        out.append(text[:cut])
    return out, summary


def _may_end_with_sign_off(text: str, evidence: WireEvidence) -> bool:
    """Cheap pre-test on the last line (most texts of a corpus are skipped here)."""
    tail = text.rstrip()
    last = tail[tail.rfind("\n") + 1:]
    return bool(_sign_off_reason(last.strip(), evidence) or _GLUED_SIGN_OFF.search(last))


__all__ = ["MAX_NUMBER_SHARE", "MAX_TABLE_SHARE", "WIRE_KINDS", "WireEvidence", "WireKind", "WireLine",
           "WireSummary", "WireText", "clean_wire", "clean_wire_texts",
           "explain_wire", "last_line_key", "prose_text", "sign_offs", "wire_evidence"]
