"""The reader registry: one reader per file format, chosen by the end of the file name.

A reader turns one file into raw records (its own column names) and reports every record it
cannot read through ``skip(line, reason)`` (:mod:`.fileio`); :mod:`.frame` maps columns and
validates. The built-in readers live in :mod:`.tables` (CSV, JSON Lines, JSON, Parquet) and
:mod:`.pages` (plain-text and HTML pages). Add a format with :func:`register`:

>>> from medialens.corpus import readers
>>> readers.reader_for(Path("a.jsonl.gz")).__name__
'read_jsonl'
>>> readers.reader_for(Path("notes.docx")) is None
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import pages, tables
from .fileio import PageContext, Reader, ReadResult
from .pages import NOT_ARTICLES, decode_page, is_page
from .tables import is_media_cloud_list

READERS: dict[str, Reader] = {}

#: Key of the load report in the metadata of a Parquet file written by ``save_corpus``.
REPORT_METADATA_KEY = b"medialens.load_report"


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file names ending in any of ``suffixes`` (lower case)."""
    def deco(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn
    return deco


register(".csv", ".tsv", ".tab", ".csv.gz", ".tsv.gz")(tables.read_csv)
register(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")(tables.read_jsonl)
register(".json")(tables.read_json)
register(".parquet", ".pq")(tables.read_parquet)
register(*pages.PAGE_SUFFIXES)(pages.read_text_page)
register(*pages.HTML_SUFFIXES)(pages.read_html_page)


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    # Longest suffix first so ".jsonl.gz" wins over ".gz".
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def extensions() -> list[str]:
    return sorted(READERS)


def is_saved_corpus(source: str | os.PathLike[str]) -> bool:
    """True for a Parquet file written by :func:`medialens.corpus.save_corpus`."""
    path = Path(source)
    if not path.is_file() or path.suffix.lower() not in (".parquet", ".pq"):
        return False
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        meta = pq.read_schema(path).metadata or {}
    except (pa.ArrowInvalid, OSError):
        return False
    return REPORT_METADATA_KEY in meta


__all__ = ["NOT_ARTICLES", "READERS", "REPORT_METADATA_KEY", "PageContext", "ReadResult",
           "Reader", "decode_page", "extensions", "is_media_cloud_list", "is_page",
           "is_saved_corpus", "reader_for", "register"]
