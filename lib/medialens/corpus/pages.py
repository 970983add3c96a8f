"""Readers for pages: one file is one article (plain text saved from the web, or HTML).

Plain-text pages lose their boilerplate through :func:`medialens.clean.clean_page`, with the
lines that recur across the pages of one folder (:class:`~.fileio.PageContext`) as evidence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..clean import Decoded, clean_page, decode_bytes, extract_html
from ..metadata import find_byline, find_date_line, find_title, html_date, parse_dateline
from .fileio import (
    FileProblem,
    PageContext,
    ReadResult,
    Skip,
    Tick,
    decode_text,
    read_bytes,
    whole_file,
)

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
              "dateline": (dateline.place or None) if dateline else None, **fields}
    if not body:
        record["_text_reason"] = empty_reason
    return record


def _is_tab_table(text: str) -> bool:
    r"""A header line of tab-separated names that include a text column, and rows of its width.

    >>> _is_tab_table("id\ttitle\ttext\n1\tA\tOne story.\n")
    True
    >>> _is_tab_table("Headline\n\nA story with\ta tab in it.\n")
    False
    """
    from .frame import ALIASES, alias_key  # frame imports the readers

    lines = [ln for ln in text.split("\n", 60)[:60] if ln.strip()]
    if len(lines) < 2 or lines[0].count("\t") < 1:
        return False
    names = {alias_key(h) for h in lines[0].split("\t")}
    if not names & set(ALIASES["text"]):
        return False
    width = lines[0].count("\t")
    # Quoted texts may run over lines, so only most rows need the header's width.
    return sum(ln.count("\t") == width for ln in lines[1:]) * 2 >= len(lines) - 1


@whole_file
def read_text_page(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                   context: PageContext | None = None) -> ReadResult:
    """A plain-text page saved from the web: boilerplate removed, metadata from its lines."""
    if tick is not None:
        tick(path.stat().st_size)
    cached = context.texts.get(path) if context is not None else None
    decoded = cached if cached is not None else decode_page(path)
    text = decoded.text
    if text is None:
        raise FileProblem("binary file, not text")
    if not text.strip():
        raise FileProblem("empty file")
    if _is_tab_table(text):
        # Excel's "Unicode Text (*.txt)" export: a UTF-16 tab-separated table, not a page.
        from .tables import read_csv  # tables imports this module's helpers

        result = read_csv(path, rel=rel, skip=skip, context=context)
        result.notes.append(f"{rel}: a tab-separated table with a header row; read as a "
                            f"table, one article per row")
        return result
    notes = [f"{rel}: {n}" for n in decoded.notes]
    page = clean_page(text, boilerplate=context.boilerplate if context else frozenset())
    header = [ln.text for ln in page.header if ln.kind != "boilerplate"]
    outside = [ln.text for ln in page.outside]
    published, reason = find_date_line(outside,
                                       dayfirst=context.dayfirst if context else None)
    record = _page_record(
        page.body, empty_reason="no article body found (every line looked like boilerplate)",
        title=find_title(header, page.body), byline=find_byline(outside),
        published=published, date_reason=reason, url=None)
    return ReadResult(None, [1], 1, notes, is_document=True, record=record)


_HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


@whole_file
def read_html_page(path: Path, *, rel: str, skip: Skip, tick: Tick = None,
                   context: PageContext | None = None) -> ReadResult:
    """An HTML page: main text by trafilatura, date from its metadata by htmldate."""
    notes: list[str] = []
    html, _ = decode_text(read_bytes(path, tick), rel, notes)
    doc = extract_html(html)
    published, reason = html_date(html)
    lang = _HTML_LANG.search(html[:5000])
    record = _page_record(doc.text, empty_reason="trafilatura found no main text in the page",
                          title=doc.title, source=doc.sitename, byline=doc.author,
                          url=doc.url, published=published, date_reason=reason,
                          lang=lang.group(1).lower() if lang else None)
    return ReadResult(None, [1], 1, notes, is_document=True, record=record)


__all__ = ["HTML_SUFFIXES", "NOT_ARTICLES", "PAGE_SUFFIXES", "decode_page", "is_page",
           "read_html_page", "read_text_page"]
