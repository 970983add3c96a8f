"""Readers for tabular formats: CSV/TSV, JSON Lines, JSON, Parquet (one record per article).

Every record a reader meets is either in its frame or reported through ``skip(line, reason)``:
``rows_read == len(frame) + rows skipped``. A damaged record costs at most itself: the CSV
reader parses quotes strictly and, when a quote runs away across lines, skips the line it
opened on and reads on from the next line, so no row is merged into another or swallowed.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from .fileio import (
    GZIP_CUT,
    FileProblem,
    PageContext,
    ReadResult,
    Skip,
    Tick,
    decode_text,
    nul_lines,
    read_bytes,
    repair_surrogates,
    whole_file,
)

_NUL_REASON = "a NUL byte in the row (damaged or binary data)"

# ----------------------------------------------------------------------------- CSV / TSV


_RE_QUOTED = re.compile(r'"(?:[^"]|"")*"')


def _float_or_literal(literal: str) -> float | str:
    """A JSON number as a float, except one no float can hold ("1e400" would be ``inf``): its
    literal, so an id stays as written."""
    value = float(literal)
    return value if math.isfinite(value) else literal


_json_loads = functools.partial(json.loads, parse_float=_float_or_literal)


def _delimiter(header: str, default: str) -> str:
    """The separator the header line uses most, counted outside quoted names
    (``"Source (outlet, country)";text`` is a semicolon file).

    >>> _delimiter('"Source (outlet, country)";"Date (day, month)";text', ",")
    ';'
    """
    header = _RE_QUOTED.sub("", header)
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts.get(default, 0) else default


def _widths(lines: list[str], start: int, delimiter: str, limit: int = 20) -> list[int]:
    """Field counts of up to ``limit`` non-blank records from 0-based line ``start``."""
    out: list[int] = []
    try:
        for values in csv.reader(itertools.islice(lines, start, None), delimiter=delimiter):
            if not _blank(values):
                out.append(len(values))
                if len(out) >= limit:
                    break
    except csv.Error:
        pass
    return out


def _preamble(lines: list[str], default: str) -> int:
    """How many leading lines precede the real header (0 when the first line is the header).

    Monitoring tools write a line or two above the table ("Export from NewsDesk 3.1 -
    generated 2024-08-01"); read as the header, it makes every row "4 fields, expected 1". A
    later line is taken as the header only when the first line does not fit the rows (fewer
    than half of them have its width), the later line names a known column (so a text row is
    never taken for a header), and most of the rows after it have its width.
    """
    from .frame import _KNOWN, alias_key  # frame imports this module

    candidates = [i for i, ln in enumerate(lines[:40]) if ln.strip()][:6]
    first: tuple[int, str] | None = None  # the first line's width and delimiter
    for rank, i in enumerate(candidates):
        delimiter = _delimiter(lines[i], default)
        try:
            header = next(csv.reader([lines[i]], delimiter=delimiter))
        except (csv.Error, StopIteration):
            continue
        widths = _widths(lines, i + 1, delimiter)
        fits = sum(w == len(header) for w in widths)
        if rank == 0:
            if not widths or fits * 2 >= len(widths):
                return 0
            first = (len(header), delimiter)
            continue
        if first is not None and first[0] >= 2 and any(
                _widths([lines[j]], 0, first[1]) == [first[0]] for j in candidates[1:rank]):
            # the lines above this one are rows of the first line (two exports joined, the
            # second with more columns): the first line is the header, not an export note
            return 0
        if (len(header) >= 2 and any(alias_key(h) in _KNOWN for h in header)
                and fits * 2 > len(widths)):
            return i
    return 0


class _Records:
    """Records of CSV text as ``(first_line, last_line, values | None, error)``, 1-based.

    Quotes are parsed strictly. After a quoting error the reader restarts at the line after
    the one the record began on, so a runaway quote costs its own line only.
    """

    def __init__(self, lines: list[str], delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self.restart_at = 0  # 0-based index of the next line to read

    def _reader(self, start: int) -> Any:
        return csv.reader(itertools.islice(self.lines, start, None), delimiter=self.delimiter,
                          strict=True)

    def __iter__(self) -> Iterator[tuple[int, int, list[str] | None, str | None]]:
        while self.restart_at < len(self.lines):
            base = self.restart_at
            reader = self._reader(base)
            self.restart_at = len(self.lines)
            while True:
                first = base + reader.line_num
                try:
                    values = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    last = max(first, base + reader.line_num - 1)
                    self.restart_at = first + 1  # before the yield: the caller may resync
                    yield first + 1, last + 1, None, str(exc)
                    break
                yield first + 1, base + reader.line_num, values, None
                if self.restart_at != len(self.lines):  # the caller asked to resync
                    break

    def resync(self, line: int) -> None:
        """Read on from 1-based ``line`` + 1 (the record that began on ``line`` is dropped)."""
        self.restart_at = line

    def one_line(self, line: int, *, strict: bool) -> list[str] | None:
        """1-based ``line`` parsed on its own, or None when that is not a complete record."""
        try:
            return next(csv.reader([self.lines[line - 1]], delimiter=self.delimiter,
                                   strict=strict))
        except (csv.Error, StopIteration):
            return None


def _blank(values: list[str]) -> bool:
    return not values or (len(values) == 1 and not values[0].strip())


@whole_file
def read_csv(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
             context: PageContext | None = None) -> ReadResult:
    """CSV/TSV with a header row. A row with the wrong number of fields, a NUL byte or a broken
    quote is skipped with the line it starts on; fields may hold quoted line breaks."""
    notes: list[str] = []
    cut: list[int] = []
    text, nul = decode_text(read_bytes(path, tick, notes, rel, cut=cut), rel, notes)
    for line in cut:
        skip(line, GZIP_CUT)
    lines = list(io.StringIO(text, newline=""))
    first_line = next((ln for ln in lines if ln.strip()), "")
    default = "\t" if ".tsv" in path.name.lower() or ".tab" in path.name.lower() else ","
    old_limit = csv.field_size_limit()
    # Article texts exceed csv's 128 KiB default field limit; restore it for other users.
    csv.field_size_limit(2**31 - 1)
    skipped_lines = _preamble(lines, default)
    if skipped_lines:
        first_line = lines[skipped_lines]
        shown = next(ln.strip() for ln in lines if ln.strip())
        notes.append(f"{rel}: line(s) 1-{skipped_lines} above the header are not table rows "
                     f"(an export note?), not read: {shown[:80]!r}")
    try:
        records = _Records(lines, _delimiter(first_line, default))
        records.restart_at = skipped_lines  # line numbers stay those of the file
        header: list[str] | None = None
        unnamed: list[str] = []  # columns with a blank name in the header
        kept: list[list[str]] = []
        rows: list[int] = []
        starts: list[int] = []
        # the parts of a file whose header changes midway: (header, rows, row numbers, lines)
        segments: list[tuple[list[str], list[list[str]], list[int], list[int]]] = []
        row = lenient = trailing = 0
        suspect: list[str] = []
        for first, last, values, error in records:
            if error and '\\"' in records.lines[first - 1]:
                # MySQL/pandas-style exports escape a quote inside a field as \" where CSV
                # doubles it (""): such a row breaks, and csv's own message cannot say why
                error += ' (quotes written \\" with a backslash: CSV doubles them, ""; re-export with standard quoting)'
            if header is None:
                if values is None:
                    raise FileProblem(f"unreadable header (line {first}): {error}")
                if _blank(values):
                    continue
                if nul and any(ln in nul for ln in range(first, last + 1)):
                    raise FileProblem("a NUL byte in the header (damaged or binary data)")
                # Spreadsheets export empty columns past the last one ("id,text,date,,"):
                # named here, dropped below when they hold nothing.
                header = [h.strip() or f"unnamed_{i + 1}" for i, h in enumerate(values)]
                unnamed = [h for h, raw in zip(header, values, strict=True) if not raw.strip()]
                header = _dedupe_header(header, rel, notes)
                n = len(header)
                continue
            if values is not None and _blank(values) and '"' not in records.lines[first - 1]:
                continue  # blank line: not a record ('""' is one: a one-column row left empty)
            row += 1
            if values is None and last == first:
                # A quote out of place on one line ('"a" ,b'): nothing can be merged within
                # one line, so the lenient reading is safe when it gives the right width.
                values = records.one_line(first, strict=False)
                balanced = records.lines[first - 1].count('"') % 2 == 0  # no quote left open
                if not balanced and _whole_row(records, first, n):
                    # The line holds a whole row by its delimiters ('1,"bad "x" y,2020'): the
                    # quote is stray, not a field running on, so the next line is a row of
                    # its own even when it holds an inch mark that would "close" the quote.
                    skip(first, f"malformed CSV row: {error} (a stray quote; reading on from "
                                f"line {first + 1})")
                    continue
                if not balanced:
                    # The bad quote also opened a field that runs on ('1,"x"y,"two\nlines",d'):
                    # the lines up to where it closes are this record, when the line after
                    # them starts a record; otherwise say that the next lines are read as rows.
                    end = _quote_closes(records, first, n)
                    if end is None and not _starts_record(records, first + 1, n):
                        # The lines after it continue the broken field ('... really",2020'):
                        # they are this record up to the next line that starts one, so no
                        # fragment of the text is read as a row.
                        end = _next_record(records, first + 1, n)
                    if end is not None:
                        skip(first, f"malformed CSV row: {error} (lines {first}-{end})")
                        # Any line after the first may also be a damaged row of its own (one
                        # whose quote "closed" this one), which no reader can tell: each is
                        # listed, so no row goes unaccounted.
                        for ln in (ln for ln in range(first + 1, end + 1)
                                   if records.lines[ln - 1].strip()):
                            row += 1
                            skip(ln, f"follows the broken quoted field of line {first}: its "
                                     f"continuation, or a damaged row of its own; not read")
                        records.resync(end)
                    else:
                        skip(first, f"malformed CSV row: {error} (a quote opened on this line "
                                    f"is not closed properly; reading on from line {first + 1})")
                    continue
                if values is None or len(values) != n:
                    skip(first, f"malformed CSV row: {error}")
                    continue
                lenient += 1
            elif values is None:
                skip(first, f"malformed CSV row: {error} (a quote opened on this line is "
                            f"not closed properly; reading on from line {first + 1})")
                continue
            if nul and any(ln in nul for ln in range(first, last + 1)):
                skip(first, _NUL_REASON)
                continue
            if [v.strip() for v in values] == header:
                skip(first, "the header row again (files joined into one?); not a record")
                continue
            if _new_header(values, header):
                # Two exports joined where the later one has other columns ("cat jan.csv
                # feb.csv", February's with a url column): its rows are read under its header.
                segments.append((header, kept, rows, starts))
                header = [v.strip() for v in values]
                n = len(header)
                kept, rows, starts = [], [], []
                row -= 1
                notes.append(f"{rel}: line {first} is a new header (files joined into one?): the rows "
                             f"after it are read with its columns ({', '.join(header)})")
                continue
            if len(values) == n + 1 and not values[-1].strip():
                # every data row ending with a delimiter the header lacks ("a,b,c,"): the extra
                # field is empty, so nothing is lost by reading the row without it
                values = values[:n]
                trailing += 1
            if len(values) != n:
                where = f" (lines {first}-{last})" if last > first else ""
                resync = last > first and _starts_record(records, first + 1, n)
                if resync:
                    # A runaway quote closed later by chance: the next line is a record of
                    # its own, so read on from there rather than lose it, and say so.
                    where += f"; reading on from line {first + 1}"
                skip(first, f"{len(values)} fields, expected {n}{where} "
                            f"(columns: {', '.join(header)})")
                if resync:
                    records.resync(first)
                continue
            if last > first and n > 1 and records.lines[first - 1].count('"') % 2 and all(
                    _plain_width(records, ln) == n for ln in range(first, last + 1)
                    if records.lines[ln - 1].strip()):
                # Every line of this quoted text is a whole row by its delimiters: most likely
                # a stray quote closed lines later by an inch mark (6'2") that joins rows.
                # Either reading is possible, so the row is kept and the lines are named.
                suspect.append(f"{first}-{last}")
            kept.append(values)
            rows.append(row)
            starts.append(first)
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        raise FileProblem("empty file")
    if lenient:
        notes.append(f"{rel}: {lenient} row(s) with a stray quote read leniently")
    if trailing:
        notes.append(f"{rel}: {trailing} row(s) end with a delimiter the header does not have "
                     "(an empty last field): read without it")
    if suspect:
        shown = ", ".join(suspect[:5]) + (" ..." if len(suspect) > 5 else "")
        notes.append(f"{rel}: {len(suspect)} row(s) whose quoted text runs over lines that each "
                     f"look like a whole row, lines {shown}: if a stray quote (an inch mark?) "
                     f"joined rows there, fix the quote and load again")
    frame = pd.DataFrame(kept, columns=header, dtype=object).replace("", None)
    if segments:
        parts = [pd.DataFrame(k, columns=h, dtype=object).replace("", None) for h, k, _, _ in segments]
        frame = pd.concat([*parts, frame], ignore_index=True).astype(object)
        frame = frame.where(frame.notna(), None)
        rows = [r for _, _, rs, _ in segments for r in rs] + rows
        starts = [ln for _, _, _, ls in segments for ln in ls] + starts
    empty = [h for h in unnamed if h in frame.columns and frame[h].isna().all()]
    if empty:
        frame = frame.drop(columns=empty)
    return ReadResult(frame, rows, row + len(cut), notes, lines=starts)


def _dedupe_header(header: list[str], rel: str, notes: list[str]) -> list[str]:
    """A repeated column name the loader does not read ("note,note") becomes "note_2", with a
    note; a repeated column it reads ("text,text") is refused, since either could be meant.

    >>> notes = []; _dedupe_header(["id", "text", "note", "note"], "a.csv", notes), len(notes)
    (['id', 'text', 'note', 'note_2'], 1)
    """
    from .frame import _KNOWN, alias_key  # frame imports this module

    dupes = sorted({h for h in header if header.count(h) > 1})
    if not dupes:
        return header
    used = [h for h in dupes if alias_key(h) in _KNOWN]
    if used:
        where = "; ".join(f"{h}: columns {', '.join(str(i + 1) for i, x in enumerate(header) if x == h)}"
                          for h in used)
        raise FileProblem(f"repeated column name(s) in the header that the loader reads ({where}): "
                          "rename all but one in the file, or give the one to read another name")
    out, seen = [], {}
    for h in header:
        seen[h] = seen.get(h, 0) + 1
        name = h if seen[h] == 1 else f"{h}_{seen[h]}"
        while seen[h] > 1 and name in header:
            name += "_"
        out.append(name)
    notes.append(f"{rel}: repeated column name(s) {', '.join(dupes)}: later ones read as "
                 + ", ".join(n for n, h in zip(out, header, strict=True) if n != h))
    return out


def _new_header(values: list[str] | None, header: list[str]) -> bool:
    """Whether a row is the header of another export joined below the first: distinct short
    names, among them at least half of the current header's and one it lacks.

    >>> _new_header(["id", "title", "text", "date", "url"], ["id", "title", "text", "date"])
    True
    >>> _new_header(["7", "A title", "Some text", "2024-01-02", "x"], ["id", "title", "text", "date"])
    False
    """
    if values is None or len(values) < 2:
        return False
    names = [v.strip() for v in values]
    if len(set(names)) != len(names) or any(not v or len(v) > 60 for v in names):
        return False
    shared = set(names) & set(header)
    return len(shared) * 2 >= len(header) and len(shared) >= 2 and bool(set(names) - set(header))


# How far a quote left open may run before it is read as lost rather than as one long field.
_MAX_RUN_LINES = 200


def _quote_closes(records: _Records, line: int, n: int) -> int | None:
    """The 1-based line where the quote left open on ``line`` closes, when the line after it
    starts a record (or the file ends there); None when that cannot be told."""
    quotes = 0
    for end in range(line, min(len(records.lines), line + _MAX_RUN_LINES) + 1):
        quotes += records.lines[end - 1].count('"')
        if end > line and quotes % 2 == 0:
            after = end + 1
            while after <= len(records.lines) and not records.lines[after - 1].strip():
                after += 1
            if after > len(records.lines) or _starts_record(records, after, n):
                return end
            return None
    return None


def _starts_record(records: _Records, line: int, n: int) -> bool:
    """Whether a record of ``n`` fields starts on 1-based ``line``: the line on its own with
    its quotes balanced (an odd number closes a quote opened above, so it ends a record), or
    a quoted field opened on it that runs on over the next lines and closes properly."""
    if line > len(records.lines):
        return False
    if records.lines[line - 1].count('"') % 2 == 0:
        values = records.one_line(line, strict=True)
        return values is not None and len(values) == n
    reader = csv.reader(itertools.islice(records.lines, line - 1, line - 1 + _MAX_RUN_LINES),
                        delimiter=records.delimiter, strict=True)
    try:
        values = next(reader)
    except (csv.Error, StopIteration):
        return False
    return reader.line_num > 1 and len(values) == n


def _next_record(records: _Records, line: int, n: int) -> int | None:
    """The 1-based line before the first line from ``line`` on that starts a record; None
    when none does within :data:`_MAX_RUN_LINES`."""
    for start in range(line, min(len(records.lines), line + _MAX_RUN_LINES) + 1):
        if _starts_record(records, start, n):
            return start - 1
    return None


def _plain_fields(records: _Records, line: int) -> list[str]:
    """1-based ``line`` split by the delimiter alone, quotes read as text."""
    return next(csv.reader([records.lines[line - 1].rstrip("\r\n")],
                           delimiter=records.delimiter, quoting=csv.QUOTE_NONE), [])


def _plain_width(records: _Records, line: int) -> int:
    return len(_plain_fields(records, line))


def _whole_row(records: _Records, line: int, n: int) -> bool:
    """Whether 1-based ``line`` with a stray quote is a whole row: ``n`` fields by its
    delimiters, the last not opening a quoted field that would run on to the next line."""
    fields = _plain_fields(records, line)
    last = fields[-1].strip() if fields else ""
    return len(fields) == n and not (last.startswith('"') and last.count('"') % 2)


# ----------------------------------------------------------------------------- JSON


def _frame(records: list[dict[str, Any]]) -> pd.DataFrame | None:
    """Records as a frame of Python objects: an int column with a gap must not become float
    (ids above 2**53 would change); :mod:`.frame` infers types once ids are strings."""
    if not records:
        return None
    columns = list(dict.fromkeys(k for r in records for k in r))
    data = {c: pd.Series([r.get(c) for r in records], dtype=object) for c in columns}
    return pd.DataFrame(data, columns=columns)


@whole_file
def read_jsonl(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
               context: PageContext | None = None) -> ReadResult:
    """JSON Lines: one object per line; a line that is not a JSON object is skipped."""
    notes: list[str] = []
    cut: list[int] = []
    data = read_bytes(path, tick, notes, rel, cut=cut)
    for line in cut:
        skip(line, GZIP_CUT)
    if not data.strip() and not cut:
        raise FileProblem("empty file")
    result = _json_lines(data, rel=rel, skip=skip, notes=notes)
    result.rows_read += len(cut)  # the record the break cut off was met, and skipped
    return result


def _json_lines(data: bytes, *, rel: str, skip: Skip, notes: list[str]) -> ReadResult:
    """The records of JSON Lines ``data`` (raw bytes: each line is decoded on its own)."""
    from ..clean import decode_bytes

    clean, nul = nul_lines(data)
    if b"\x00" in clean or data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # NULs all through the text: UTF-16/32 (Windows tools write it) or binary data.
        decoded = decode_bytes(data)
        if decoded.text is None:
            raise FileProblem("binary file, not text")
        notes.extend(f"{rel}: {n}" for n in decoded.notes)
        data, nul = decoded.text.encode("utf-8", "surrogatepass"), set()
    # Lines end in LF or CRLF; a file with CRs alone (classic Mac tools) ends them in CR.
    sep = b"\n" if b"\n" in data or b"\r" not in data.strip() else b"\r"
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    starts: list[int] = []
    row = repaired = trailing = 0
    surrogate_lines: list[int] = []
    for lineno, raw in enumerate(data.split(sep), start=1):
        if not raw.strip():
            continue
        row += 1
        if lineno in nul:
            skip(lineno, _NUL_REASON)
            continue
        try:
            try:
                obj = _json_loads(raw)
            except UnicodeDecodeError:
                text = decode_bytes(raw).text
                obj = _json_loads(text) if text is not None else None
                repaired += 1
        except json.JSONDecodeError as exc:
            # a line ending in "," (an array's records pasted one per line) is the record
            obj = _without_trailing_comma(raw) if exc.msg == "Extra data" else None
            if obj is None:
                skip(lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
                continue
            trailing += 1
        except RecursionError:
            skip(lineno, "JSON nested too deeply to read")
            continue
        if not isinstance(obj, dict):
            skip(lineno, f"a JSON {_json_type(obj)}, expected an object")
            continue
        if _holds_nul(obj):
            skip(lineno, _NUL_VALUE_REASON)
            continue
        obj, n_bad = repair_surrogates(obj)
        if n_bad:
            surrogate_lines.append(lineno)
        records.append(obj)
        rows.append(row)
        starts.append(lineno)
    if repaired:
        notes.append(f"{rel}: {repaired} line(s) with invalid UTF-8 repaired")
    if trailing:
        notes.append(f"{rel}: {trailing} line(s) ending in a comma read without it (JSON "
                     "Lines has none; an array's records pasted one per line)")
    if surrogate_lines:
        notes.append(_surrogate_note(rel, surrogate_lines))
    return ReadResult(_frame(records), rows, row, notes, lines=starts)


_RE_NEXT_ITEM = re.compile(r"\}\s*,\s*(?=\{)")
_RE_ITEM_GAP = re.compile(r"[\s,]*")


def _array_items(text: str) -> list[tuple[Any, int, str | None]]:
    """The items of a JSON array that does not parse as a whole: ``(item, line, error)`` each,
    a damaged item skipped up to the next ``}, {`` boundary.

    >>> [(o, e) for o, _, e in _array_items('[{"id": 1}, {"id": 2 "x": 3}, {"id": 4}]')]
    [({'id': 1}, None), (None, "Expecting ',' delimiter"), ({'id': 4}, None)]
    """
    dec = json.JSONDecoder(parse_float=_float_or_literal)
    pos = text.index("[") + 1
    out: list[tuple[Any, int, str | None]] = []
    while pos < len(text):
        pos = _RE_ITEM_GAP.match(text, pos).end()  # type: ignore[union-attr]
        if pos >= len(text) or text[pos] == "]":
            break
        line = text.count("\n", 0, pos) + 1
        try:
            obj, pos = dec.raw_decode(text, pos)
            out.append((obj, line, None))
        except (json.JSONDecodeError, RecursionError) as exc:
            out.append((None, line, getattr(exc, "msg", "JSON nested too deeply")))
            nxt = _RE_NEXT_ITEM.search(text, getattr(exc, "pos", pos))
            if nxt is None:
                break
            pos = nxt.end()
    return out


def _array_result(items: list[tuple[Any, int, str | None]], rel: str, skip: Skip,
                  notes: list[str]) -> ReadResult:
    """The records of a JSON array's ``(item, line, error)``: each item that is not an object,
    not valid JSON or holds a NUL is skipped at its line (its item number when the array
    parsed as a whole)."""
    records, rows, bad = [], [], []
    for i, (item, line, err) in enumerate(items, start=1):
        if err is not None:
            skip(line, f"item {i} is not valid JSON: {err} (the items after it are read)")
        elif not isinstance(item, dict):
            skip(line, f"item {i} is a JSON {_json_type(item)}, expected an object")
        elif _holds_nul(item):
            skip(line, f"item {i}: {_NUL_VALUE_REASON}")
        else:
            item, n_bad = repair_surrogates(item)
            if n_bad:
                bad.append(i)
            records.append(item)
            rows.append(i)
    if bad:
        notes.append(_surrogate_note(rel, bad).replace("line(s)", "item(s)"))
    return ReadResult(_frame(records), rows, len(items), notes)


# "\u0000" in a JSON string: the same damage as a NUL byte in a CSV row, and the same answer
# (it was kept, then written raw into CSV output that medialens itself refused to read back)
_NUL_VALUE_REASON = "a NUL character (\\u0000) in a value (damaged or binary data)"


def _holds_nul(obj: Any) -> bool:
    r"""A NUL character in any string of the record (nested lists and objects included).

    >>> _holds_nul({"text": "a\x00b"}), _holds_nul({"tags": ["x", {"y": "z"}]})
    (True, False)
    """
    if isinstance(obj, str):
        return "\x00" in obj
    if isinstance(obj, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in obj.items())
    if isinstance(obj, list):
        return any(_holds_nul(v) for v in obj)
    return False


def _without_trailing_comma(raw: bytes) -> Any:
    """The object of a JSON Lines line that ends in a comma, else None.

    >>> _without_trailing_comma(b'{"id": 1},\\r'), _without_trailing_comma(b'{"a": 1} x')
    ({'id': 1}, None)
    """
    line = raw.rstrip()
    if not line.endswith(b","):
        return None
    try:
        return _json_loads(line[:-1])
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return None


def _drop_trailing_commas(text: str) -> tuple[str, int]:
    """``text`` without the commas that only whitespace separates from a closing bracket,
    outside strings, and how many there were.

    >>> _drop_trailing_commas('[{"a": "x,]", "b": [1, 2,],},\\n]')
    ('[{"a": "x,]", "b": [1, 2]}\\n]', 3)
    """
    out: list[str] = []
    pending: int | None = None  # index in out of a comma that may be trailing
    in_string = escaped = False
    n = 0
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            out.append(ch)
            continue
        if ch in "]}" and pending is not None:
            del out[pending]
            n += 1
        if not ch.isspace():
            pending = None
        if ch == '"':
            in_string = True
        elif ch == ",":
            pending = len(out)
        out.append(ch)
    return "".join(out), n


def _first_line_is_object(text: str) -> bool:
    """Whether the first non-blank line of ``text`` is a whole JSON object (JSON Lines), a
    trailing comma allowed.

    >>> _first_line_is_object('\\n{"id": 1},\\n{"id": 2}\\n'), _first_line_is_object('[{"id": 1},')
    (True, False)
    """
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    try:
        obj = _json_loads(line)
    except json.JSONDecodeError:
        obj = _without_trailing_comma(line.encode("utf-8", "surrogatepass"))
    except RecursionError:
        return False
    return isinstance(obj, dict)


def _surrogate_note(rel: str, lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
    return (f"{rel}: {len(lines)} record(s) with lone UTF-16 surrogates (invalid Unicode) "
            f"repaired as U+FFFD (line(s) {shown})")


def _json_type(obj: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(obj), type(obj).__name__)


@whole_file
def read_json(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
              context: PageContext | None = None) -> ReadResult:
    """A JSON array of objects (or ``{"articles"|"data"|"records"|"items": [...]}``)."""
    notes: list[str] = []
    data = read_bytes(path, tick)
    text, _ = decode_text(data, rel, notes)
    try:
        obj = _json_loads(text)
    except json.JSONDecodeError as exc:
        # Hand-edited and JavaScript-written exports leave a comma before "]" or "}": one
        # character, not a reason to lose every article; anything else is a file problem.
        fixed, n_commas = _drop_trailing_commas(text)
        try:
            obj = _json_loads(fixed) if n_commas else None
        except (json.JSONDecodeError, RecursionError):
            obj = None
        if obj is None and _first_line_is_object(text):
            # Many scrapers write JSON Lines under a .json name: read it line by line (each
            # bad line costs itself) instead of losing the file to "Extra data".
            result = _json_lines(data, rel=rel, skip=skip, notes=[])
            result.notes.insert(0, f"{rel}: not one JSON value but one object per line: read "
                                   "as JSON Lines (name it .jsonl to say so)")
            return result
        if obj is None and text.lstrip().startswith("["):
            # one damaged record of an array must not cost the others: read it item by item
            items = _array_items(text)
            if sum(err is None for _, _, err in items):
                if not text.rstrip().endswith("]"):
                    notes.append(f"{rel}: the array has no closing ']': the file may be cut short "
                                 "(the complete items are read)")
                notes.append(f"{rel}: not valid JSON as a whole; read item by item (each damaged item "
                             "is skipped)")
                return _array_result(items, rel, skip, notes)
        if obj is None:
            raise FileProblem(f"not valid JSON at line {exc.lineno}: {exc.msg} (fix that line, or write the "
                              "records as JSON Lines, one object per line, where a bad line costs only "
                              "itself)") from exc
        notes.append(f"{rel}: {n_commas} trailing comma(s) before ']' or '}}' ignored "
                     "(not valid JSON, written by hand or by JavaScript)")
    except RecursionError:
        raise FileProblem("JSON nested too deeply to read") from None
    if isinstance(obj, dict):
        for key in ("articles", "data", "records", "items", "stories", "results"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list):
        raise FileProblem(f"a JSON {_json_type(obj)}, expected a list of objects")
    return _array_result([(item, i, None) for i, item in enumerate(obj, start=1)], rel, skip, notes)


# ----------------------------------------------------------------------------- Parquet


@whole_file
def read_parquet(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                 context: PageContext | None = None) -> ReadResult:
    """Parquet; every row is a record (``line`` in the report is the 1-based row)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.stat().st_size == 0:
        raise FileProblem("empty file")
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise FileProblem(f"not a readable Parquet file ({exc})") from exc
    if tick is not None:
        tick(path.stat().st_size)
    # An int column with a gap stays exact ints (not float64, which changes ids past 2**53).
    frame = table.to_pandas(integer_object_nulls=True)
    return ReadResult(frame, list(range(1, len(frame) + 1)), len(frame))


MEDIA_CLOUD_SIGNATURES = (
    {"stories_id", "media_name"},              # Media Cloud v2/v3 story list exports
    {"media_name", "media_url", "publish_date"},  # search.mediacloud.org exports
)


def is_media_cloud_list(columns: list[Any]) -> bool:
    """A Media Cloud story CSV: known columns, may lack story text (metadata only)."""
    names = {str(c).lower() for c in columns}
    return any(sig <= names for sig in MEDIA_CLOUD_SIGNATURES)


__all__ = ["MEDIA_CLOUD_SIGNATURES", "is_media_cloud_list", "read_csv", "read_json",
           "read_jsonl", "read_parquet"]
