"""What every file reader shares: the :class:`ReadResult` it returns, the file-level problem it
raises, bounded reading (gzip included) and decoding that tolerates a few NUL bytes.

A reader reports every record it cannot read through ``skip(line, reason)`` and raises
:class:`FileProblem` when the whole file cannot be read; :func:`whole_file` turns that into one
skipped entry for the file. Nothing here knows about columns or the Corpus contract.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ..clean import Decoded, decode_bytes

Skip = Callable[[int | None, str], None]
Tick = Callable[[int], Any] | None

#: A gzip member may expand to at most this many times its compressed size (text compresses
#: 3-20x; a decompression bomb ~1000x) once past :data:`MIN_EXPANDED` bytes ...
MAX_EXPANSION = 100
MIN_EXPANDED = 64 * 2**20
#: ... and never past this, whatever the ratio.
MAX_EXPANDED = 4 * 2**30
# Up to this share of NUL bytes a text file may be text with a few damaged rows, not binary
# (UTF-16 without a BOM, the other reason for NULs, is about half NULs).
_MAX_NUL_SHARE = 0.1
_MAX_NULS_PER_LINE = 2
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass
class ReadResult:
    """Raw records of one file: ``rows[i]`` is the 1-based record number of ``frame.iloc[i]``
    and ``lines[i]`` the line it starts on (equal to ``rows`` where there are no lines)."""

    frame: pd.DataFrame | None
    rows: list[int] = field(default_factory=list)
    rows_read: int = 0  # records met, loaded or skipped (blank lines are not records)
    notes: list[str] = field(default_factory=list)
    is_document: bool = False  # one file = one article (pages), not a table of articles
    record: dict[str, Any] | None = None  # a page's fields (cheaper than a one-row frame)
    lines: list[int] | None = None
    skipped_file: bool = False  # the whole file was skipped (already reported)

    def line_of(self) -> list[int]:
        return self.lines if self.lines is not None else self.rows


@dataclass
class PageContext:
    """What the pages of one folder share: decoded texts, cross-page boilerplate lines and
    the load's ``dayfirst`` option (for numeric dates in dated lines)."""

    texts: dict[Path, Decoded] = field(default_factory=dict)
    boilerplate: frozenset[str] = frozenset()
    dayfirst: bool | None = None


Reader = Callable[..., ReadResult]


class FileProblem(Exception):
    """A whole file cannot be read (reported as skipped, or raised with on_error='raise')."""


def whole_file(fn: Reader) -> Reader:
    """Turn a file-level problem into one skipped entry for the file (``rows_read`` 0)."""
    def wrapper(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                context: PageContext | None = None) -> ReadResult:
        try:
            return fn(path, rel=rel, skip=skip, tick=tick, context=context)
        except FileProblem as exc:
            skip(None, str(exc))
            return ReadResult(None, skipped_file=True)
        except OSError as exc:  # vanished, unreadable or a broken link since discovery
            skip(None, f"cannot read the file: {exc.strerror or exc}")
            return ReadResult(None, skipped_file=True)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


#: The reason a reader gives for the record a gzip file cut short breaks off in.
GZIP_CUT = "cut off by the end of the gzip data (a download cut short?); not read"


def read_bytes(path: Path, tick: Tick, notes: list[str] | None = None, rel: str = "",
               cut: list[int] | None = None) -> bytes:
    """The file's bytes; ``*.gz`` decompressed with a bound on the expanded size.

    With ``notes`` (readers of one record per line), a gzip file cut short keeps its complete
    lines and says so in ``notes``: a download that broke off costs the rows after the break,
    not the file; the (1-based) line it broke off in is appended to ``cut`` for the reader to
    list as skipped (:data:`GZIP_CUT`), so rows read = loaded + skipped still holds.
    """
    data = path.read_bytes()
    if tick is not None:
        tick(len(data))
    if path.name.lower().endswith(".gz"):
        limit = min(MAX_EXPANDED, max(MIN_EXPANDED, MAX_EXPANSION * len(data)))
        if notes is None:
            return gunzip(data, limit=limit)
        out: list[str] = []
        data = gunzip(data, limit=limit, partial=out, cut=cut)
        notes.extend(f"{rel}: {n}" for n in out)
    return data


def gunzip(data: bytes, *, limit: int, partial: list[str] | None = None,
           cut: list[int] | None = None) -> bytes:
    """Decompress every gzip member of ``data``; :class:`FileProblem` past ``limit`` bytes.

    >>> import gzip
    >>> gunzip(gzip.compress(b"abc") + gzip.compress(b"def"), limit=10)
    b'abcdef'
    >>> gunzip(gzip.compress(b"0" * 1000), limit=100)
    Traceback (most recent call last):
    ...
    medialens.corpus.fileio.FileProblem: gzip data expands past 100 bytes (from 29 compressed bytes): a decompression bomb or not a corpus file; not read
    """
    out = bytearray()
    rest = data
    try:
        while rest:
            d = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            chunk = rest
            while chunk and not d.eof:
                # max_length: never hold more than the limit, however much the data expands
                out += d.decompress(chunk, limit + 1 - len(out))
                if len(out) > limit:
                    raise FileProblem(f"gzip data expands past {limit:,} bytes (from "
                                      f"{len(data):,} compressed bytes): a decompression bomb "
                                      "or not a corpus file; not read")
                chunk = d.unconsumed_tail
            if not d.eof:
                complete = out.rfind(b"\n") + 1
                if partial is None or not complete:
                    raise FileProblem("not a valid gzip file (truncated: the data ends early)")
                partial.append(f"the gzip data ends early (a download cut short?): read the "
                               f"{out.count(bytes([10]), 0, complete):,} complete line(s) "
                               f"before the break; whatever followed is not in the file")
                if cut is not None and out[complete:].strip():
                    cut.append(out.count(bytes([10]), 0, complete) + 1)  # the line broken off
                return bytes(out[:complete])
            rest = d.unused_data.lstrip(b"\x00")  # gzip allows zero padding between members
    except zlib.error as exc:
        raise FileProblem(f"not a valid gzip file ({exc})") from exc
    return bytes(out)


def nul_lines(data: bytes) -> tuple[bytes, set[int]]:
    """``data`` without its NUL bytes and the (1-based) lines that had one, when NULs are few.

    A NUL or two on a line is damage in that row, which is skipped; NULs all through a line
    (or over a tenth of the bytes) mean binary data or UTF-16, left for
    :func:`~medialens.clean.decode_bytes` to judge (``data`` is returned unchanged).

    >>> data, lines = nul_lines(b"ok\\n" * 50 + b"b\\x00c\\n")
    >>> lines, data.endswith(b"bc\\n")
    ({51}, True)
    """
    count = data.count(b"\x00")
    if not count or count > _MAX_NUL_SHARE * len(data):
        return data, set()
    per_line: dict[int, int] = {}
    pos = data.find(b"\x00")
    while pos != -1:
        line = data.count(b"\n", 0, pos) + 1
        per_line[line] = per_line.get(line, 0) + 1
        pos = data.find(b"\x00", pos + 1)
    # Damage is a stray NUL or two in a row; binary data and UTF-16 put NULs all through a
    # line. (Counting lines instead misread a small export whose every row was damaged.)
    if max(per_line.values()) > _MAX_NULS_PER_LINE:
        return data, set()
    return data.replace(b"\x00", b""), set(per_line)


def decode_text(data: bytes, rel: str, notes: list[str]) -> tuple[str, set[int]]:
    """Decoded text of a tabular file and the lines that held a NUL byte (to skip)."""
    if not data.strip():
        raise FileProblem("empty file")
    data, bad_lines = nul_lines(data)
    decoded = decode_bytes(data)
    if decoded.text is None:
        raise FileProblem("binary file, not text")
    notes.extend(f"{rel}: {n}" for n in decoded.notes)
    return decoded.text, bad_lines


def repair_surrogates(obj: Any) -> tuple[Any, int]:
    """Lone UTF-16 surrogates (``"\\ud800"`` in JSON) replaced by U+FFFD, and how many.

    JSON allows them; no file, Parquet or terminal can hold them, so they are repaired where
    read instead of failing every later step.

    >>> repair_surrogates({"t": "a\\ud800b", "n": [1, "\\udfff"]})
    ({'t': 'a�b', 'n': [1, '�']}, 2)
    """
    if isinstance(obj, str):
        fixed, n = _SURROGATE.subn("\ufffd", obj)
        return fixed, n
    if isinstance(obj, dict):
        total = 0
        out = {}
        for k, v in obj.items():
            k2, a = repair_surrogates(k) if isinstance(k, str) else (k, 0)
            v2, b = repair_surrogates(v)
            out[k2] = v2
            total += a + b
        return out, total
    if isinstance(obj, list):
        items = [repair_surrogates(v) for v in obj]
        return [v for v, _ in items], sum(n for _, n in items)
    return obj, 0


__all__ = ["FileProblem", "PageContext", "ReadResult", "Reader", "Skip", "Tick", "decode_text",
           "gunzip", "nul_lines", "read_bytes", "repair_surrogates", "whole_file"]
