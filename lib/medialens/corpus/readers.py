"""File readers for :mod:`medialens.corpus`, one per format, registered by file extension.

A reader turns one file into raw records (its own column names) and reports every row it cannot
read through ``skip(line, reason)``; :mod:`medialens.corpus` maps columns and validates.
Private: use :func:`medialens.corpus.load_corpus`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .clean import Decoded, clean_page, decode_bytes, extract_html
from .metadata import find_byline, find_date_line, find_title, html_date, parse_dateline

Skip = Callable[[int | None, str], None]
Tick = Callable[[int], Any] | None


@dataclass
class ReadResult:
    """Raw records of one file: ``rows[i]`` is the 1-based row of ``frame.iloc[i]``."""

    frame: pd.DataFrame | None
    rows: list[int] = field(default_factory=list)
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)
    is_document: bool = False  # one file = one article (pages), not a table of articles
    record: dict[str, Any] | None = None  # a page's fields (cheaper than a one-row frame)


@dataclass
class PageContext:
    """What the pages of one folder share: decoded texts and cross-page boilerplate lines."""

    texts: dict[Path, Decoded] = field(default_factory=dict)
    boilerplate: frozenset[str] = frozenset()


Reader = Callable[..., ReadResult]
READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file names ending in any of ``suffixes`` (lower case)."""
    def deco(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    # Longest suffix first so ".jsonl.gz" wins over ".gz".
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def extensions() -> list[str]:
    return sorted(READERS)


def _read_bytes(path: Path, tick: Tick) -> bytes:
    data = path.read_bytes()
    if tick is not None:
        tick(len(data))
    if path.name.lower().endswith(".gz"):
        try:
            return gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise _FileProblem(f"not a valid gzip file ({exc})") from exc
    return data


class _FileProblem(Exception):
    """A whole file cannot be read (reported as skipped, or raised with on_error='raise')."""


def _whole_file(fn: Reader) -> Reader:
    """Turn a file-level problem into one skipped entry for the file."""
    def wrapper(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                context: PageContext | None = None) -> ReadResult:
        try:
            return fn(path, rel=rel, skip=skip, tick=tick, context=context)
        except _FileProblem as exc:
            skip(None, str(exc))
            return ReadResult(None)
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    return wrapper


def _decode(data: bytes, rel: str, notes: list[str]) -> str:
    if not data.strip():
        raise _FileProblem("empty file")
    decoded = decode_bytes(data)
    if decoded.text is None:
        raise _FileProblem("binary file, not text")
    notes.extend(f"{rel}: {n}" for n in decoded.notes)
    return decoded.text


# ----------------------------------------------------------------------------- CSV / TSV

def _delimiter(header: str, default: str) -> str:
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts.get(default, 0) else default


@register(".csv", ".tsv", ".tab", ".csv.gz", ".tsv.gz")
@_whole_file
def read_csv(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
             context: PageContext | None = None) -> ReadResult:
    """CSV/TSV with a header row. A row with the wrong number of fields is skipped with the
    line it starts on; fields may hold quoted line breaks (article texts do)."""
    notes: list[str] = []
    text = _decode(_read_bytes(path, tick), rel, notes)
    first_line = text.split("\n", 1)[0]
    default = "\t" if ".tsv" in path.name.lower() or ".tab" in path.name.lower() else ","
    delim = _delimiter(first_line, default)
    old_limit = csv.field_size_limit()
    # Article texts exceed csv's 128 KiB default field limit; restore it for other users.
    csv.field_size_limit(2**31 - 1)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        try:
            header = next(reader)
        except StopIteration:
            raise _FileProblem("empty file") from None
        except csv.Error as exc:
            raise _FileProblem(f"unreadable header: {exc}") from exc
        header = [h.strip() for h in header]
        dupes = sorted({h for h in header if header.count(h) > 1})
        if dupes:
            raise _FileProblem("repeated column name(s) in the header: " + ", ".join(dupes))
        records: list[list[str]] = []
        rows: list[int] = []
        n = len(header)
        row = 0
        line = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row += 1
                skip(line, f"malformed CSV row: {exc}")
                line = reader.line_num + 1
                continue
            if not values or (len(values) == 1 and not values[0].strip()):
                line = reader.line_num + 1
                continue  # blank line: not a record
            row += 1
            if len(values) != n:
                skip(line, f"{len(values)} fields, expected {n} (columns: {', '.join(header)})")
            else:
                records.append(values)
                rows.append(row)
            line = reader.line_num + 1
    finally:
        csv.field_size_limit(old_limit)
    frame = pd.DataFrame(records, columns=header, dtype=object)
    frame = frame.replace("", None)
    return ReadResult(frame, rows, row, notes)


# ----------------------------------------------------------------------------- JSON

@register(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
@_whole_file
def read_jsonl(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
               context: PageContext | None = None) -> ReadResult:
    """JSON Lines: one object per line; a line that is not a JSON object is skipped."""
    notes: list[str] = []
    data = _read_bytes(path, tick)
    if not data.strip():
        raise _FileProblem("empty file")
    if b"\x00" in data[:4096]:
        raise _FileProblem("binary file, not text")
    records: list[dict[str, Any]] = []
    rows: list[int] = []
    row = 0
    repaired = 0
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        row += 1
        try:
            obj = json.loads(raw)
        except UnicodeDecodeError:
            text = decode_bytes(raw).text
            try:
                obj = json.loads(text) if text is not None else None
                repaired += 1
            except json.JSONDecodeError as exc:
                skip(lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
                continue
        except json.JSONDecodeError as exc:
            skip(lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            skip(lineno, f"a JSON {type(obj).__name__}, expected an object")
            continue
        records.append(obj)
        rows.append(row)
    if repaired:
        notes.append(f"{rel}: {repaired} line(s) with invalid UTF-8 repaired")
    frame = pd.DataFrame.from_records(records) if records else None
    return ReadResult(frame, rows, row, notes)


@register(".json")
@_whole_file
def read_json(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
              context: PageContext | None = None) -> ReadResult:
    """A JSON array of objects (or ``{"articles"|"data"|"records"|"items": [...]}``)."""
    notes: list[str] = []
    text = _decode(_read_bytes(path, tick), rel, notes)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _FileProblem(f"not valid JSON at line {exc.lineno}: {exc.msg}") from exc
    if isinstance(obj, dict):
        for key in ("articles", "data", "records", "items", "stories", "results"):
            if isinstance(obj.get(key), list):
                obj = obj[key]
                break
        else:
            obj = [obj]
    if not isinstance(obj, list):
        raise _FileProblem(f"a JSON {type(obj).__name__}, expected a list of objects")
    records, rows = [], []
    for i, item in enumerate(obj, start=1):
        if isinstance(item, dict):
            records.append(item)
            rows.append(i)
        else:
            skip(i, f"item {i} is a JSON {type(item).__name__}, expected an object")
    frame = pd.DataFrame.from_records(records) if records else None
    return ReadResult(frame, rows, len(obj), notes)


# ----------------------------------------------------------------------------- Parquet

@register(".parquet", ".pq")
@_whole_file
def read_parquet(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                 context: PageContext | None = None) -> ReadResult:
    """Parquet; every row is a record (``line`` in the report is the 1-based row)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if path.stat().st_size == 0:
        raise _FileProblem("empty file")
    try:
        table = pq.read_table(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise _FileProblem(f"not a readable Parquet file ({exc})") from exc
    if tick is not None:
        tick(path.stat().st_size)
    frame = table.to_pandas()
    return ReadResult(frame, list(range(1, len(frame) + 1)), len(frame))


def is_saved_corpus(source: str | os.PathLike[str]) -> bool:
    """True for a Parquet file written by :func:`medialens.corpus.save_corpus`."""
    path = Path(source)
    if not path.is_file() or path.suffix.lower() not in (".parquet", ".pq"):
        return False
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .corpus import REPORT_METADATA_KEY

    try:
        meta = pq.read_schema(path).metadata or {}
    except (pa.ArrowInvalid, OSError):
        return False
    return REPORT_METADATA_KEY in meta


MEDIA_CLOUD_SIGNATURES = (
    {"stories_id", "media_name"},              # Media Cloud v2/v3 story list exports
    {"media_name", "media_url", "publish_date"},  # search.mediacloud.org exports
)


def is_media_cloud_list(columns: list[Any]) -> bool:
    """A Media Cloud story CSV: known columns, may lack story text (metadata only)."""
    names = {str(c).lower() for c in columns}
    return any(sig <= names for sig in MEDIA_CLOUD_SIGNATURES)


# ----------------------------------------------------------------------------- pages

PAGE_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# Documentation files that sit in corpus folders and are not articles.
NOT_ARTICLES = ("readme", "license", "licence", "copying", "changelog", "provenance")


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def decode_page(path: Path) -> Decoded:
    """A page's decoded text (encoding repaired, Unix newlines); ``text`` None if binary."""
    d = decode_bytes(path.read_bytes())
    if d.text is None:
        return d
    return d._replace(text=d.text.replace("\r\n", "\n").replace("\r", "\n"))


def _page_record(body: str, *, empty_reason: str, **fields: Any) -> dict[str, Any]:
    dateline = parse_dateline(body) if body else None
    source = fields.pop("source", None) or (dateline.source if dateline else None)
    record = {"text": body, "source": source,
              "dateline": dateline.place if dateline else None, **fields}
    if not body:
        record["_text_reason"] = empty_reason
    return record


@register(*PAGE_SUFFIXES)
@_whole_file
def read_text_page(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                   context: PageContext | None = None) -> ReadResult:
    """A plain-text page saved from the web: boilerplate removed, metadata from its lines."""
    if tick is not None:
        tick(path.stat().st_size)
    cached = context.texts.get(path) if context is not None else None
    decoded = cached if cached is not None else decode_page(path)
    text = decoded.text
    if text is None:
        raise _FileProblem("binary file, not text")
    if not text.strip():
        raise _FileProblem("empty file")
    notes = [f"{rel}: {n}" for n in decoded.notes]
    page = clean_page(text, boilerplate=context.boilerplate if context else frozenset())
    header = [ln.text for ln in page.header if ln.kind != "boilerplate"]
    outside = [ln.text for ln in page.outside]
    published, reason = find_date_line(outside)
    record = _page_record(
        page.body, empty_reason="no article body found (every line looked like boilerplate)",
        title=find_title(header, page.body), byline=find_byline(outside),
        published=published, date_reason=reason, url=None)
    return ReadResult(None, [1], 1, notes, is_document=True, record=record)


_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


@register(*HTML_SUFFIXES)
@_whole_file
def read_html_page(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                   context: PageContext | None = None) -> ReadResult:
    """An HTML page: main text by trafilatura, date from its metadata by htmldate."""
    notes: list[str] = []
    html = _decode(_read_bytes(path, tick), rel, notes)
    doc = extract_html(html)
    published, reason = html_date(html)
    lang = _HTML_LANG.search(html[:5000])
    record = _page_record(doc.text, empty_reason="trafilatura found no main text in the page",
                          title=doc.title, source=doc.sitename, byline=doc.author,
                          url=doc.url, published=published, date_reason=reason,
                          lang=lang.group(1).lower() if lang else None)
    return ReadResult(None, [1], 1, notes, is_document=True, record=record)
