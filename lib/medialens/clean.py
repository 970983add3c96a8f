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
from typing import NamedTuple

import ftfy

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
    if "\x00" in text:
        return True
    sample = text[:65536]
    return bool(sample) and len(_CONTROL.findall(sample)) / len(sample) > _MAX_CONTROL_SHARE


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text, repairing what can be repaired; ``text=None`` for binary data.

    Order: a BOM decides; else strict UTF-8; else UTF-8 with the few invalid bytes read as
    cp1252 (the common "one £ typed on Windows" case); else charset-normalizer's best guess.
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

    best = from_bytes(data).best()
    if best is None:
        return Decoded(None, "binary", ("binary data, not text",))
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


__all__ = ["Decoded", "decode_bytes"]
