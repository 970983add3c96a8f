"""Text repair and scraped-page cleaning (bytes and strings in, strings out; no file I/O).

:func:`decode_bytes` turns any byte string into text (BOMs, a stray cp1252 byte inside UTF-8,
whole legacy-encoded files, mojibake) or says it is binary; it never raises on input bytes.

>>> decode_bytes(b"\\xef\\xbb\\xbfCost \\xc2\\xa315m").text
'Cost £15m'
>>> d = decode_bytes(b"Cost \\xa315.8m")   # a lone cp1252 pound sign in otherwise ASCII text
>>> d.text, d.notes
('Cost £15.8m', ('1 byte(s) that are not UTF-8 read as cp1252',))
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR").text is None
True
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Collection, Iterable
from typing import Any, Literal, NamedTuple

import ftfy
import pandas as pd

# Wire copy (sign-offs, credit lines, tables of figures, datelines) has its own module; its
# entry points are offered here too, beside the page cleaner.
from .wire import WireText, clean_wire, clean_wire_texts, explain_wire, sign_offs, wire_evidence

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Above this share of invalid bytes a file is not "UTF-8 with a few stray bytes": hand it to
# charset-normalizer to find its real encoding.
_MAX_STRAY_SHARE = 0.02
_MAX_STRAY_BYTES = 8  # short texts: a couple of stray bytes is still "a few"
_MAX_CONTROL_SHARE = 0.05


class Decoded(NamedTuple):
    """Result of :func:`decode_bytes`: ``text`` is ``None`` when the bytes are not text."""

    text: str | None
    encoding: str
    notes: tuple[str, ...] = ()


def _utf8_with_cp1252(data: bytes) -> tuple[str, int]:
    """Decode UTF-8, reading each invalid byte as cp1252 (latin-1 where cp1252 has a hole).

    Written by hand because a codecs error handler would have to be registered globally.
    """
    parts: list[str] = []
    pos = stray = 0
    while pos < len(data):
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            parts.append(data[pos:pos + exc.start].decode("utf-8"))
            bad = data[pos + exc.start:pos + exc.end]
            for b in bad:
                try:
                    parts.append(bytes([b]).decode("cp1252"))
                except UnicodeDecodeError:
                    parts.append(bytes([b]).decode("latin-1"))
            stray += len(bad)
            pos += exc.end
    return "".join(parts), stray


def _looks_binary(text: str) -> bool:
    r"""Binary data: a NUL byte, or control characters over 5% of the text spread over most of
    its lines. One damaged row (a cell of pasted terminal colour codes) is text with a bad row,
    for the table readers to keep or skip; it must not cost the whole file.

    >>> _looks_binary("id,text\n1,fine\n2," + "\x1b[31m" * 200 + "\n3,fine\n4,also fine\n")
    False
    >>> _looks_binary("\x89PNG\x1a\x0b\x02\x03\x04\x05\x06\x07\x08")
    True
    """
    if "\x00" in text:
        return True
    sample = text[:65536]
    if not sample or len(_CONTROL.findall(sample)) / len(sample) <= _MAX_CONTROL_SHARE:
        return False
    lines = [ln for ln in sample.split("\n") if ln.strip()]
    return sum(bool(_CONTROL.search(ln)) for ln in lines) * 2 > len(lines)


# Single-byte code pages for Latin-script languages that charset-normalizer confuses with
# cp1252 (Windows-1252). Cyrillic, Greek, Arabic, Hebrew and Thai ones are not here: their
# bytes read as cp1252 give accented Latin letters, never the right text.
_LATIN_CODE_PAGES = frozenset({
    "cp1250", "cp1257", "cp775", "cp850", "cp852", "cp437", "cp858", "latin_1",
    "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9", "iso8859_10",
    "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "mac_roman", "mac_latin2",
    "mac_iceland", "mac_croatian", "mac_romanian", "mac_turkish",
})
# Languages (as charset-normalizer names them) whose letters cp1252 lacks: text it reads as
# one of these is in its own code page ("ł", "ő", "ć", "ė" have no cp1252 byte).
_NOT_CP1252_LANGUAGES = frozenset({
    "Croatian", "Czech", "Estonian", "Hungarian", "Lithuanian", "Polish", "Romanian",
    "Serbian", "Slovak", "Slovene", "Turkish", "Vietnamese",
})
# What Central-European or DOS bytes look like read as cp1252: a symbol inside a word
# (cp1250 "ł", "ą", "ż" -> "W³adze", "s¹", "mo¿na"; cp850 "é" -> "caf‚"), a run of such
# symbols, or a letter of cp1252's 0x80-0x9F block no Western text uses there ("Ÿród³o",
# "œrodê"; French "cœur", "œuvre", "vœu" have "œ" before a vowel). Soft hyphens, middle dots
# (Catalan "l·l"), acute accents typed as apostrophes ("don´t"), quotes and dashes do occur
# inside words and are not counted.
_ODD_SYMBOLS = "‚ƒ„ˆ‰‹›†‡•™¢¤¥¦§¨©ª¬®¯°±²³¶¸¹º¼½¾¿×÷"
_MISDECODED = re.compile(
    rf"(?<=[^\W\d_])[{_ODD_SYMBOLS}](?=[^\W\d_])|[{_ODD_SYMBOLS}]{{2,}}|Ÿ|[œŒ](?![uUeEiI])")
_MIN_MISDECODED = 2  # one odd sign may be a typo; two are a pattern


def _prefer_cp1252(data: bytes, best: Any) -> str | None:
    """Why ``data`` is read as cp1252 rather than as charset-normalizer's ``best`` match (a
    note for the load report), or None to keep ``best``.

    >>> from charset_normalizer import from_bytes
    >>> data = ("Der Bürgermeister von München, José Muñoz, sagte am Dienstag, die "
    ...         "Straßenbahn über die Isar werde für fünf Wochen gesperrt.").encode("cp1252")
    >>> best = from_bytes(data).best()
    >>> best.encoding, str(best)[31:42], _prefer_cp1252(data, best)
    ('cp1250', 'José Muńoz,', "valid Windows-1252, preferred to the detector's cp1250")
    """
    # The detector ranks the Latin code pages by small differences in letter statistics and
    # read Western text as cp1250, cp775 or cp1257 ("£500" -> "Ł500", "Núñez" -> "Núńez",
    # "café" -> "cafķ"), a silent corruption; cp1252 is by far the most common single-byte
    # encoding of English and Western European news. So valid cp1252 bytes (none of its
    # undefined 0x81, 0x8D, 0x8F, 0x90, 0x9D) are read as cp1252 unless the other Latin code
    # page is clearly better: its text is in a language cp1252 cannot write, or the cp1252
    # reading shows the marks of mis-decoding.
    guess = best.encoding
    if guess == "cp1252" or guess not in _LATIN_CODE_PAGES:
        return None
    if best.language in _NOT_CP1252_LANGUAGES:
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # a byte cp1252 leaves undefined: not cp1252
        return None
    if len(_MISDECODED.findall(text)) >= _MIN_MISDECODED:
        return None
    return f"valid Windows-1252, preferred to the detector's {guess}"


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text, repairing what can be repaired; ``text=None`` for binary data.

    Order: a BOM decides; else strict UTF-8; else UTF-8 with the few invalid bytes read as
    cp1252 (the common "one £ typed on Windows" case); else charset-normalizer's best guess,
    or cp1252 when the bytes are valid cp1252 and the guess is a Latin code page that is not
    clearly better (:func:`_prefer_cp1252`).
    Then ftfy repairs mojibake ("â€™" -> "’"). ``notes`` lists every repair made.
    """
    notes: list[str] = []
    if not data:
        return Decoded("", "utf-8")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            notes.append(f"{enc} byte-order mark removed")
            if enc != "utf-8":
                return Decoded(text, enc, tuple(notes))
            text, stray = _utf8_with_cp1252(data[len(bom):])
            if stray:
                notes.append(f"{stray} byte(s) that are not UTF-8 read as cp1252")
            return _fix(text, "utf-8", notes)
    if b"\x00" not in data:
        try:
            return _fix(data.decode("utf-8"), "utf-8", notes)
        except UnicodeDecodeError:
            pass
        text, stray = _utf8_with_cp1252(data)
        if stray <= max(_MAX_STRAY_BYTES, _MAX_STRAY_SHARE * len(data)):
            notes.append(f"{stray} byte(s) that are not UTF-8 read as cp1252")
            return _fix(text, "utf-8", notes)
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return Decoded(None, "binary", ("binary data, not text",))
    preferred = _prefer_cp1252(data, best)
    if preferred is not None:
        notes.append(f"decoded as cp1252 (detected; {preferred})")
        return _fix(data.decode("cp1252"), "cp1252", notes)
    text = str(best)
    if _looks_binary(text):
        return Decoded(None, "binary", ("binary data, not text",))
    notes.append(f"decoded as {best.encoding} (detected)")
    return _fix(text, best.encoding, notes)


def _fix(text: str, encoding: str, notes: list[str]) -> Decoded:
    if _looks_binary(text):
        return Decoded(None, "binary", ("binary data, not text",))
    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        notes.append("mojibake repaired (ftfy)")
    return Decoded(fixed, encoding, tuple(notes))




# ============================================================================ page cleaning
#
# A scraped page is a sequence of lines. Each line gets a kind from per-line evidence
# (``good`` prose, ``short`` text, ``heading`` without end punctuation, ``boilerplate`` matched
# by a named rule) and cross-document evidence (``boilerplate`` when the same line recurs across
# many pages of one folder). The body is the contiguous span with the highest score (prose
# scores its length, boilerplate a penalty), moved to start at a news dateline when one opens
# the span. Inside the span, boilerplate lines are dropped; everything kept is a verbatim slice
# of the input, so cleaning never invents text.

Kind = Literal["good", "short", "heading", "boilerplate"]
_GOOD_WORDS = 10  # a prose paragraph: at least this many words and end punctuation
_END_PUNCT = tuple('.!?"\'”’):…。！？」』')  # may end a wrapped line's paragraph
_SENTENCE_END = tuple(".!?:…。！？")  # CJK full stops end sentences too
_LONG_UNPUNCTUATED = 13  # headlines are shorter; a longer line is prose missing its stop
_BOILERPLATE_PENALTY = 150  # chars of prose needed to bridge one boilerplate line
_HEADING_PENALTY = 20
_MAX_DATELINE_OFFSET = 4  # the dateline may sit this many lines into the chosen span


def _rx(pattern: str, max_words: int = 40) -> Callable[[str], bool]:
    rx = re.compile(pattern, re.IGNORECASE)
    return lambda line: len(line.split()) <= max_words and rx.search(line) is not None


# A whole line that is only a label (optionally followed by ":" or "|" and a list, or a count):
# "Story Tools", "Share this story: Facebook | X", "Comments (9)", "Top Stories", "VIDEO".
def _label(words: str) -> str:
    return rf"^(?:{words})\s*(?:[:|].*|\(\d+\))?$"


# Named rules, checked in order; the first that matches gives the reason. A rule marked
# ``anywhere`` may fire on a prose paragraph (its phrase never belongs to a news story);
# the others only fire on lines that are not prose (fewer than 10 words or no full stop), so a
# story that mentions a "privacy policy" or says users could not "log in" keeps that paragraph.
RULES: tuple[tuple[str, bool, Callable[[str], bool]], ...] = (
    ("skip link", False, _rx(r"^skip to (main )?(content|navigation|main)", 8)),
    ("copyright or legal", True, _rx(r"©|\(c\)\s*(19|20)\d\d|all rights reserved|"
                                     r"does not endorse")),
    ("copyright or legal", False, _rx(r"\bcopyright\b.*\b(19|20)\d\d|terms (of use|of service|"
                                      r"and conditions|under which)|privacy (policy|notice|"
                                      r"guidelines)|\bcookies?\b.*\b(policy|settings|consent)|"
                                      r"external (sites?|links?)|contact us|about us")),
    ("subscription offer", True, _rx(r"create (your own|an) alert|click here")),
    ("subscription offer", False, _rx(r"\b(subscribe (now|today|for|to)|subscription (offer|"
                                      r"deal)|sign up (for|to|now)|newsletter|free trial|"
                                      r"register now|e-?mail alerts?|popular alerts|"
                                      r"delivered to your door|follow us|follow the news)\b|"
                                      r"^(log ?in|sign ?in|register)\b", 30)),
    ("share or tools", False, _rx(_label(r"share( this| on| via)?( story| article| page)?|"
                                         r"tweet|e-?mail( this)?( story| article)?|"
                                         r"print( this)?( story| article| page)?|story tools|"
                                         r"save( this)?( story| article)?|comments?"), 12)),
    ("related links", False, _rx(_label(r"related( stories| articles| links| content)?|"
                                        r"more on this( story)?|more from [\w' ]{1,30}|"
                                        r"read more|see also|most (read|popular|viewed|shared)|"
                                        r"top stories|trending( now)?|latest( news| stories)?|"
                                        r"recommended( for you)?|you may also like|"
                                        r"editor'?s picks|breaking news|in pictures"), 12)),
    ("advertising", False, _rx(_label(r"advertisement|advert|sponsored( content)?|ad info|"
                                      r"promoted( content)?|premium content"), 6)),
    ("media caption", False, _rx(r"^(more )?(video|watch|listen|play|photos?|gallery|"
                                 r"image|caption|interactive)(\s+(video|photos?|gallery))*"
                                 r"\s*(:|$)", 12)),
    ("powered by", False, _rx(r"\bpowered by\b", 12)),
    ("bulleted link", False, _rx(r"^\s*[•·▪►»›■*]\s*\S", 30)),
    ("navigation bar", False, lambda line: _is_nav(line)),
    ("byline or date line", False, _rx(r"^(by\s+[A-Z]\S*(\s+\S+){0,4}$|(published|posted|"
                                       r"updated|last updated|first published)\b)", 12)),
)
_NAV_SPLIT = re.compile(r"\s{2,}|\s[|·•]\s|\s\|$")


def _is_nav(line: str) -> bool:
    """Three or more short items separated by wide gaps or bars: a menu."""
    parts = [p for p in _NAV_SPLIT.split(line.strip()) if p.strip()]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def line_key(line: str) -> str:
    """Normalised form for counting a line across pages (case, spacing and digits ignored).

    >>> line_key("Comments (145)") == line_key("comments  (9)")
    True
    """
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


class Line(NamedTuple):
    """One unit of a page: a verbatim slice of the input and how it was classified."""

    text: str
    start: int
    end: int
    kind: Kind
    reason: str


class CleanedPage(NamedTuple):
    """The body (paragraphs joined by blank lines) and every line with its classification.

    ``lines[body_start:body_end]`` is the body span; metadata (title, byline, date lines) is
    looked for in the lines outside it.
    """

    body: str
    lines: tuple[Line, ...]
    body_start: int
    body_end: int

    @property
    def header(self) -> tuple[Line, ...]:
        return self.lines[: self.body_start]

    @property
    def outside(self) -> tuple[Line, ...]:
        return self.lines[: self.body_start] + self.lines[self.body_end:]


def split_units(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line; hard-wrapped prose lines are joined.

    A line of 50+ characters without end punctuation followed by a non-blank line continues
    into it (text wrapped at a fixed width); page dumps put one paragraph or item per line.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    pending: tuple[int, int] | None = None
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        start = pos + (len(body) - len(body.lstrip()))
        end = pos + len(body.rstrip())
        pos += len(raw)
        if end <= start:
            if pending:
                spans.append(pending)
                pending = None
            continue
        pending = (pending[0], end) if pending is not None else (start, end)
        stripped = text[start:end]
        if not (len(stripped) >= 50 and not stripped.endswith(_END_PUNCT)):
            spans.append(pending)
            pending = None
    if pending:
        spans.append(pending)
    return spans


def boilerplate_lines(pages: Iterable[str], *, min_pages: int = 3, min_share: float = 0.2,
                      prose_share: float = 0.5) -> frozenset[str]:
    """Line keys (:func:`line_key`) that recur across pages of one site: cross-page evidence.

    A line counts when it appears in at least ``min_pages`` distinct pages and in
    ``min_share`` of them; a prose-like line (a sentence of 10+ words) needs ``prose_share``,
    so that a paragraph shared by a few syndicated copies is not mistaken for a footer.
    Identical pages count once.

    >>> stories = ["Troops arrived", "Markets fell", "Rates held", "Voters turned"]
    >>> pages = [f"Menu\\n{s} today, and this line is long enough to read as prose.\\n"
    ...          "© 2025 The Clarion" for s in stories]
    >>> sorted(boilerplate_lines(pages))
    ['menu', '© # the clarion']
    """
    counts: dict[str, int] = {}
    prose: set[str] = set()
    seen: set[int] = set()
    n = 0
    for page in pages:
        h = hash(page)
        if h in seen:
            continue
        seen.add(h)
        n += 1
        keys = set()
        for s, e in split_units(page):
            line = page[s:e]
            key = line_key(line)
            keys.add(key)
            if _n_words(line) >= _GOOD_WORDS and _ends_sentence(line):
                prose.add(key)
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
    out = set()
    for key, c in counts.items():
        share = prose_share if key in prose else min_share
        if c >= min_pages and c >= share * n:
            out.add(key)
    return frozenset(out)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _n_words(line: str) -> int:
    """Words for the prose test; CJK text has no spaces, so two characters count as one."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def _classify(line: str, *, repeated: bool, cross: bool) -> tuple[Kind, str]:
    n_words = _n_words(line)
    prose = n_words >= _GOOD_WORDS and _ends_sentence(line)
    for name, anywhere, rule in RULES:
        if (anywhere or not prose) and rule(line):
            return "boilerplate", name
    if cross:
        return "boilerplate", "recurs across pages of this site"
    if repeated and n_words <= 40:
        return "boilerplate", "repeated in the page (caption or teaser)"
    if _ends_sentence(line):
        return ("good", "prose") if n_words >= _GOOD_WORDS else ("short", "short sentence")
    if n_words >= _LONG_UNPUNCTUATED:
        return "short", "long line without end punctuation"
    return "heading", "no end punctuation"


def _ends_sentence(line: str) -> bool:
    """Ends with . ! ? : or an ellipsis, possibly inside closing quotes or brackets.

    >>> _ends_sentence('"I am proud to be here."'), _ends_sentence("Users 'lose patience'")
    (True, False)
    """
    return line.rstrip("\"'”’)]»」』").endswith(_SENTENCE_END)


def _score(line: Line) -> float:
    n = len(line.text)
    return {"good": n, "short": n * 0.5, "heading": -_HEADING_PENALTY,
            "boilerplate": -max(_BOILERPLATE_PENALTY, n)}[line.kind]


def clean_page(text: str, *, boilerplate: Collection[str] = frozenset()) -> CleanedPage:
    """Keep exactly the article body of a scraped plain-text page.

    ``boilerplate``: line keys from :func:`boilerplate_lines` over the other pages of the same
    site. The result's paragraphs are separated by blank lines and are verbatim slices of
    ``text``; a page without any prose gives an empty body.

    >>> page = ("Skip to main content\\nHome  News  Sport  Weather\\n\\nPoll lead widens\\n\\n"
    ...         "LONDON (Reuters) - Labour's lead over the Conservatives widened to ten "
    ...         "points in a poll published on Sunday.\\n\\nThe poll surveyed 1,000 adults.\\n"
    ...         "Share this story\\n© 2025 Example News. All rights reserved.")
    >>> print(clean_page(page).body)
    LONDON (Reuters) - Labour's lead over the Conservatives widened to ten points in a poll published on Sunday.
    <BLANKLINE>
    The poll surveyed 1,000 adults.
    """
    from .metadata import parse_dateline  # metadata never imports clean: no cycle

    spans = split_units(text)
    raw = [text[s:e] for s, e in spans]
    key_counts: dict[str, int] = {}
    keys = [line_key(r) for r in raw]
    for k in keys:
        key_counts[k] = key_counts.get(k, 0) + 1
    lines = []
    for (s, e), r, k in zip(spans, raw, keys, strict=True):
        kind, reason = _classify(r, repeated=key_counts[k] > 1, cross=k in boilerplate)
        lines.append(Line(r, s, e, kind, reason))
    if not lines:
        return CleanedPage("", (), 0, 0)

    # Best-scoring contiguous span (Kadane); prose must outweigh what it bridges.
    best, best_span = 0.0, (0, 0)
    run, run_start = 0.0, 0
    for i, line in enumerate(lines):
        if run <= 0:
            run, run_start = 0.0, i
        run += _score(line)
        if run > best:
            best, best_span = run, (run_start, i + 1)
    start, end = best_span
    if end == start:
        return CleanedPage("", tuple(lines), len(lines), len(lines))

    # A news dateline ("TOKYO, Japan (CNN) --") opens the story: start there when the span
    # begins just before it (a caption or standfirst that happens to read as prose).
    # Look inside the span first, then just before it (a short dateline paragraph).
    ahead = range(start, min(end, start + _MAX_DATELINE_OFFSET + 1))
    behind = range(start - 1, max(-1, start - 1 - _MAX_DATELINE_OFFSET), -1)
    for i in (*ahead, *behind):
        if lines[i].kind != "boilerplate" and parse_dateline(lines[i].text) is not None:
            start = i
            break
    # Trim headings and boilerplate at the ends of the span, and at the start a short line
    # that does not end with a full stop: a headline such as "Could Yukos be a blessing?".
    while start < end and (lines[start].kind in ("heading", "boilerplate") or (
            lines[start].reason == "short sentence" and not lines[start].text.endswith("."))):
        start += 1
    while end > start and lines[end - 1].kind in ("heading", "boilerplate"):
        end -= 1
    kept = [ln.text for ln in lines[start:end] if ln.kind != "boilerplate"]
    return CleanedPage("\n\n".join(kept), tuple(lines), start, end)


def explain_page(text: str, *, boilerplate: Collection[str] = frozenset()) -> pd.DataFrame:
    """Every line of a page with its kind, the rule that fired and whether the body kept it.

    ``wire`` says what the body's lines are as wire copy (:func:`medialens.wire.clean_wire`):
    ``prose``, ``table``, ``dateline`` or ``sign-off`` ("" outside the body); the loader also
    cuts sign-offs from the body, so those are not kept.

    >>> lines = explain_page("Story Tools\\nSupport rose to 43 percent, a poll said on Monday."
    ...                      "\\nREUTER")
    >>> lines[["kind", "reason", "kept", "wire"]].to_numpy().tolist()
    [['boilerplate', 'share or tools', False, ''], ['good', 'prose', True, 'prose'], ['heading', 'agency sign-off', False, 'sign-off']]
    """
    page = clean_page(text, boilerplate=boilerplate)
    rows = [{"line": ln.text, "kind": ln.kind, "reason": ln.reason,
             "kept": page.body_start <= i < page.body_end and ln.kind != "boilerplate",
             "wire": ""}
            for i, ln in enumerate(page.lines)]
    # The body is the kept lines joined by blank lines: walk both to place each wire line.
    # Trailing heading-like lines (a sign-off) are outside the body span: classify them with it.
    tail = [i for i in range(page.body_end, len(page.lines))
            if page.lines[i].kind != "boilerplate"]
    kept = [i for i, r in enumerate(rows) if r["kept"]] + tail
    joined = "\n\n".join(page.lines[i].text for i in kept)
    starts, pos = [], 0
    for i in kept:
        starts.append(pos)
        pos += len(page.lines[i].text) + 2
    for wl in clean_wire(joined).lines:
        k = max(j for j, s in enumerate(starts) if s <= wl.start)
        row = rows[kept[k]]
        if row["wire"] in ("", "prose"):
            row["wire"] = wl.kind
        if wl.kind == "sign-off":
            row["kept"], row["reason"] = False, wl.reason
    return pd.DataFrame(rows, columns=["line", "kind", "reason", "kept", "wire"])


# ============================================================================ HTML

class HtmlText(NamedTuple):
    """Main text and page metadata extracted from an HTML page by trafilatura."""

    text: str
    title: str | None
    sitename: str | None
    url: str | None
    author: str | None


def extract_html(html: str) -> HtmlText:
    """The article text of an HTML page (trafilatura), paragraphs separated by blank lines.

    Comments and tables are left out; the headline and standfirst, which trafilatura repeats
    at the top of the text, are removed because they are in ``title`` (and not body prose).
    Dates are not taken from here: see :func:`medialens.metadata.html_date`.

    >>> page = ("<html><head><title>Rates held | The Ledger</title>"
    ...         '<meta property="og:site_name" content="The Ledger"></head><body>'
    ...         "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
    ...         "<h1>Rates held</h1><p>The central bank held its main rate at 4 per cent on "
    ...         "Thursday, as economists had expected.</p><p>Markets barely moved after the "
    ...         "decision was announced.</p></article></body></html>")
    >>> doc = extract_html(page)
    >>> doc.title, doc.sitename
    ('Rates held', 'The Ledger')
    >>> print(doc.text)
    The central bank held its main rate at 4 per cent on Thursday, as economists had expected.
    <BLANKLINE>
    Markets barely moved after the decision was announced.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params={"extensive_search": False,
                                                      "original_date": True})
    if doc is None:
        return HtmlText("", None, None, None, None)
    title = doc.title or None
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    drop = {" ".join(x.split()) for x in (doc.title, doc.description) if x}
    while paragraphs and " ".join(paragraphs[0].split()) in drop:
        paragraphs.pop(0)
    return HtmlText("\n\n".join(paragraphs), title, doc.sitename or None, doc.url or None,
                    doc.author or None)


# Markup in a text field of an export ("<p>The council met.</p>"): two paragraph-level elements
# or more (or a text opening with one), so "a < b", a stray "<i>" or a script injected into
# prose (which a report shows as text, escaped) are left as written.
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
               "td", "th", "table", "section", "article", "header", "footer", "figure",
               "figcaption", "ul", "ol", "hr")
_RE_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(_BLOCK_TAGS)})\b[^<>]*/?>", re.I)


def markup_to_text(text: str) -> str | None:
    """The words of a text field that holds HTML markup, paragraphs kept apart by blank lines;
    None when it holds none (fewer than two paragraph-level tags). Scripts, styles and embedded frames are
    dropped with their content; nothing is fetched or run.

    Why not :func:`extract_html`: trafilatura looks for the article inside a whole page and
    drops a short fragment's paragraphs as boilerplate; an export's field is the article.

    >>> print(markup_to_text("<p>The <b>council</b> met.</p><p>It approved the budget &amp; "
    ...                      "the plan.</p><script>alert(1)</script><img src=x onerror=alert(2)>"))
    The council met.
    <BLANKLINE>
    It approved the budget & the plan.
    >>> markup_to_text("Profits rose 5% as a < b") is None, markup_to_text("He said <i>no</i>.") is None
    (True, True)
    """
    opens_with_block = _RE_BLOCK_TAG.match(text.lstrip()) is not None
    if len(_RE_BLOCK_TAG.findall(text)) < 2 and not opens_with_block:
        return None  # (a cheap test before parsing; the parsed elements decide)
    from lxml import etree
    from lxml import html as lxml_html

    # (the XML tree holds no control characters: an ANSI escape would raise)
    safe = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)
    try:
        root = lxml_html.fragment_fromstring(safe, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    if sum(1 for _ in root.iter(*_BLOCK_TAGS)) < 2 and not opens_with_block:
        # the tags were text: inside a script or an attribute ('<img onerror="...<div>">')
        return None
    for el in root.xpath("//script|//style|//noscript|//iframe|//template"):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        # a block's words are a paragraph of their own ("<p>A</p><p>B</p>" is not "AB")
        el.tail = "\n\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n\n" + (el.text or "")
    raw = root.text_content()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw)]
    return "\n\n".join(p for p in paragraphs if p)


__all__ = ["RULES", "CleanedPage", "Decoded", "HtmlText", "Line", "WireText", "boilerplate_lines",
           "clean_page", "clean_wire", "clean_wire_texts", "decode_bytes", "explain_page",
           "explain_wire", "extract_html", "line_key", "markup_to_text", "sign_offs", "split_units",
           "wire_evidence"]
