"""The Corpus contract: load any supported source into one DataFrame plus a :class:`LoadReport`.

Sources: a file, a folder (recursive), a glob, several of those, or ``"demo"`` (the bundled demo
corpus). Formats are chosen by file extension through the ``READERS`` registry in
:mod:`medialens._readers`. Every row that is not loaded, every file that is ignored and every
document without a date appears in the report: nothing is dropped silently.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.csv").write_text("id,body,date\\n1,Support rose.,2025-03-04\\n2,It fell.,\\n")
>>> df, report = load_corpus(folder)
>>> df["doc_id"].tolist(), df["published"].tolist()
(['1', '2'], [Timestamp('2025-03-04 00:00:00+0000', tz='UTC'), NaT])
>>> df["date_reason"].tolist()
[nan, "no date: column 'date' is empty"]
>>> report.rows_loaded, len(report.missing_dates)
(2, 1)
"""

from __future__ import annotations

import glob as _glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import _readers
from .clean import boilerplate_lines
from .duplicates import exact_duplicates, flag_duplicates
from .errors import CorpusError, ParameterError
from .metadata import EMPTY_DATE, PUBLISHED_DTYPE, parse_dateline, parse_dates
from .metadata import detect_language as detect_language_

CORPUS_COLUMNS: tuple[str, ...] = (
    "doc_id", "text", "title", "source", "published", "url", "byline", "dateline", "lang",
    "duplicate_of", "duplicate_kind", "date_reason",
)
"""Columns every loaded corpus has, in this order; extra input columns follow them."""

# The columns a user may map with ``columns={our_name: their_name}``.
MAPPABLE = ("doc_id", "text", "title", "source", "published", "url", "byline", "dateline", "lang")

ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id", "stories_id", "story_id", "article_id", "docid", "uuid"),
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "story", "story_text"),
    "title": ("title", "headline", "heading", "hed"),
    "source": ("source", "media_name", "outlet", "publication", "publisher", "site_name",
               "sitename", "newspaper", "media", "source_name"),
    "published": ("published", "date", "publish_date", "published_at", "publication_date",
                  "pubdate", "pub_date", "date_published", "datetime", "timestamp"),
    "url": ("url", "link", "permalink", "article_url", "story_url"),
    "byline": ("byline", "author", "authors", "by", "writer"),
    "dateline": ("dateline",),
    "lang": ("lang", "language", "locale"),
}
"""Input column names recognised (case-insensitively) for each Corpus column, first match wins."""

REPORT_METADATA_KEY = b"medialens.load_report"
DEMO = "demo"
OnError = Literal["skip", "raise"]
ON_ERROR = ("skip", "raise")


@dataclass
class LoadReport:
    """What a load read, what it skipped and why, and what it noticed.

    ``skipped``: ``{"file", "line", "reason"}`` (``line`` is the file's line number for text
    formats, the 1-based row for Parquet, ``None`` for a whole file). ``missing_dates`` and
    ``empty_texts``: ``{"doc_id", "reason"}``. ``ignored``: ``{"file", "reason"}`` for files that
    are not corpus documents (a README in a corpus folder).
    """

    sources: list[str] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    missing_dates: list[dict[str, Any]] = field(default_factory=list)
    empty_texts: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    near_duplicates: int = 0
    ignored: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (``LoadReport.from_dict`` reverses it)."""
        return json.loads(json.dumps(asdict(self), default=str))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LoadReport:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: ``kind`` (skipped / missing_date / empty_text / ignored),
        ``file``, ``line``, ``doc_id``, ``reason``."""
        rows: list[dict[str, Any]] = []
        for kind, items in (("skipped", self.skipped), ("missing_date", self.missing_dates),
                            ("empty_text", self.empty_texts), ("ignored", self.ignored)):
            rows.extend({"kind": kind, **item} for item in items)
        frame = pd.DataFrame(rows, columns=["kind", "file", "line", "doc_id", "reason"])
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def __str__(self) -> str:
        lines = [f"Load report: {', '.join(self.sources) or '(no source)'}",
                 f"  files read      {len(self.files_read):>8,}",
                 f"  rows read       {self.rows_read:>8,}",
                 f"  documents       {self.rows_loaded:>8,}",
                 f"  skipped         {len(self.skipped):>8,}"]
        lines += [f"      {_where(s)}  {s['reason']}" for s in self.skipped[:10]]
        if len(self.skipped) > 10:
            lines.append(f"      ... and {len(self.skipped) - 10:,} more (report.to_frame())")
        lines.append(f"  missing dates   {len(self.missing_dates):>8,}")
        lines += _grouped(self.missing_dates)
        lines.append(f"  empty texts     {len(self.empty_texts):>8,}  (kept, text '')")
        lines += _grouped(self.empty_texts)
        lines.append(f"  duplicates      {self.duplicates:>8,}  exact (same title and text)")
        lines.append(f"                  {self.near_duplicates:>8,}  near (flagged in "
                     "duplicate_of, never dropped)")
        lines.append(f"  ignored files   {len(self.ignored):>8,}")
        lines += [f"      {i['file']}  {i['reason']}" for i in self.ignored[:10]]
        if len(self.ignored) > 10:
            lines.append(f"      ... and {len(self.ignored) - 10:,} more")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)


def _where(item: Mapping[str, Any]) -> str:
    return f"{item['file']}:{item['line']}" if item.get("line") is not None else str(item["file"])


def _grouped(items: Sequence[Mapping[str, Any]], limit: int = 5) -> list[str]:
    """'count x reason (e.g. doc)' lines, most frequent reason first."""
    by_reason: dict[str, list[str]] = {}
    for item in items:
        # Reasons that quote the value ("unparseable date: '...'") group by their prefix.
        key = str(item["reason"]).split(": '")[0]
        by_reason.setdefault(key, []).append(str(item["doc_id"]))
    ranked = sorted(by_reason.items(), key=lambda kv: -len(kv[1]))
    out = [f"      {len(ids):>6,} x {reason} (e.g. {ids[0]})" for reason, ids in ranked[:limit]]
    if len(ranked) > limit:
        out.append(f"      ... {len(ranked) - limit} more reasons (report.to_frame())")
    return out


# ----------------------------------------------------------------------------- discovery

@dataclass(frozen=True)
class _File:
    path: Path
    rel: str  # doc_id base: relative to the folder / glob base, POSIX, with extension


def _discover(source: str | os.PathLike[str], report: LoadReport) -> list[_File]:
    """Expand one source into the files to read; record ignored ones in ``report``."""
    text = os.fspath(source)
    if any(ch in text for ch in "*?[") and not Path(text).exists():
        base = Path(_glob_base(text))
        matches = sorted(Path(p) for p in _glob.glob(text, recursive=True))
        files = [p for p in matches if p.is_file()]
        if not files:
            raise CorpusError(f"the pattern {text!r} matches no files")
        return _keep_readable(files, base, report)
    path = Path(text)
    if not path.exists():
        hint = " (use \"demo\" for the bundled demo corpus)" if text.lower() == "demo" else ""
        raise CorpusError(f"no such file or folder: {text}{hint}")
    if path.is_file():
        if _readers.reader_for(path) is None:
            raise CorpusError(f"{path.name}: not a corpus format; supported: "
                              + ", ".join(_readers.extensions()))
        return [_File(path, path.name)]
    files = []
    for dirpath, dirnames, filenames in os.walk(path):
        # Hidden folders (.git, .ipynb_checkpoints) hold copies and tooling, not articles.
        for d in sorted(dirnames):
            if d.startswith("."):
                report.ignored.append({"file": _rel(Path(dirpath, d), path) + "/",
                                       "reason": "hidden folder"})
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath, f) for f in sorted(filenames))
    return _keep_readable(files, path, report)


def _glob_base(pattern: str) -> str:
    parts = Path(pattern).parts
    base = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        base.append(part)
    return str(Path(*base)) if base else "."


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _keep_readable(files: Iterable[Path], base: Path, report: LoadReport) -> list[_File]:
    keep = []
    for p in files:
        rel = _rel(p, base)
        if p.name.startswith("."):
            report.ignored.append({"file": rel, "reason": "hidden file"})
        elif p.name.lower().split(".")[0] in _readers.NOT_ARTICLES:
            report.ignored.append({"file": rel, "reason": "documentation file, not an article"})
        elif _readers.reader_for(p) is None:
            report.ignored.append({"file": rel, "reason": "not a corpus format"})
        else:
            keep.append(_File(p, rel))
    return keep


# ----------------------------------------------------------------------------- loading

def load_corpus(
    source: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    columns: Mapping[str, str] | None = None,
    on_error: OnError = "skip",
    dayfirst: bool | None = None,
    detect_language: bool = True,
    near_duplicates: bool = True,
    progress: bool = False,
) -> tuple[pd.DataFrame, LoadReport]:
    """Load a corpus source into the Corpus DataFrame and a :class:`LoadReport`.

    ``source``: a file, folder (recursive), glob, ``"demo"``, or a list of these.
    ``columns``: explicit ``{our_name: their_name}`` mapping for tabular files, e.g.
    ``{"text": "story_body"}``; otherwise :data:`ALIASES` are matched case-insensitively.
    ``on_error="raise"`` turns the first skipped row or file into a :class:`CorpusError`.
    ``dayfirst`` settles numeric dates like ``04/03/2025`` (refused as ambiguous otherwise).
    ``detect_language`` fills ``lang`` with py3langid where the input gives none;
    ``near_duplicates`` flags syndicated copies with small edits (MinHash, see
    :mod:`medialens.duplicates`); ``progress`` shows a tqdm bar on stderr.
    A Parquet file written by :func:`save_corpus` comes back with its original report.

    Raises :class:`CorpusError` for a missing path, a file without a text column, duplicate
    ``doc_id`` values, or when no document at all could be loaded.
    """
    mapping = _check_options(columns, on_error)
    sources = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    if not sources:
        raise ParameterError("source is empty; give a file, folder, glob or 'demo'")
    if len(sources) == 1 and _readers.is_saved_corpus(sources[0]):
        return _load_saved(Path(sources[0]))

    report = LoadReport(sources=[os.fspath(s) for s in sources])
    frames: list[pd.DataFrame] = []
    for src in sources:
        if os.fspath(src) == DEMO and not Path(DEMO).exists():
            with demo_folder() as demo:
                frames += _read_files(_discover(demo, report), mapping, on_error, report,
                                      progress)
        else:
            frames += _read_files(_discover(src, report), mapping, on_error, report, progress)
    df = _assemble(frames, report, dayfirst=dayfirst, detect_language=detect_language,
                   near_duplicates=near_duplicates, progress=progress)
    if df.empty:
        err = CorpusError("no documents could be loaded from " + ", ".join(report.sources)
                          + _skip_summary(report))
        err.report = report  # type: ignore[attr-defined]  # callers may show what was skipped
        raise err
    return df, report


@contextmanager
def demo_folder() -> Iterator[Path]:
    """The bundled demo corpus folder (``medialens/data/demo``) as a real path."""
    with resources.as_file(resources.files("medialens") / "data" / "demo") as demo:
        if not demo.is_dir():
            raise CorpusError("the demo corpus is not installed (medialens/data/demo/ is "
                              "missing); reinstall medialens")
        yield demo


def _check_options(columns: Mapping[str, str] | None, on_error: str) -> dict[str, str]:
    if on_error not in ON_ERROR:
        raise ParameterError.invalid_choice("on_error", on_error, ON_ERROR)
    mapping = dict(columns or {})
    for ours, theirs in mapping.items():
        if ours not in MAPPABLE:
            raise ParameterError.invalid_choice("columns key", ours, MAPPABLE)
        if not isinstance(theirs, str) or not theirs:
            raise ParameterError(f"columns[{ours!r}] must name a column, got {theirs!r}")
    return mapping


def _skip_summary(report: LoadReport) -> str:
    if not report.skipped and not report.files_read:
        return "; no corpus files found" + (
            f" ({len(report.ignored)} ignored: "
            + ", ".join(i["file"] for i in report.ignored[:5]) + ")" if report.ignored else "")
    return "; " + "; ".join(f"{_where(s)}: {s['reason']}" for s in report.skipped[:3])


def _read_files(files: list[_File], mapping: dict[str, str], on_error: OnError,
                report: LoadReport, progress: bool) -> list[pd.DataFrame]:
    frames: list[pd.DataFrame] = []
    pages: list[dict[str, Any]] = []  # consecutive page records, one frame per run

    def flush_pages() -> None:
        if pages:
            frames.append(pd.DataFrame(pages))
            pages.clear()

    bar = _progress_bar(files, progress)
    contexts = _page_contexts(files)
    try:
        for f in files:
            def skip(line: int | None, reason: str, _f: _File = f) -> None:
                if on_error == "raise":
                    raise CorpusError(reason, path=_f.rel, line=line)
                report.skipped.append({"file": _f.rel, "line": line, "reason": reason})

            reader = _readers.reader_for(f.path)
            assert reader is not None  # _discover keeps readable files only
            context = contexts.get(f.path.parent) if _readers.is_page(f.path) else None
            result = reader(f.path, rel=f.rel, skip=skip, context=context,
                            tick=bar.update if bar is not None else None)
            report.files_read.append(f.rel)
            report.rows_read += result.rows_read
            if result.record is not None:
                pages.append({**result.record, "doc_id": f.rel, "_file": f.rel,
                              "_date_col": pd.NA})
            elif result.frame is not None and len(result.frame):
                flush_pages()
                frames.append(_normalise(result, f, mapping))
            report.notes.extend(result.notes)
        flush_pages()
    finally:
        if bar is not None:
            bar.close()
    return frames


def _page_contexts(files: list[_File]) -> dict[Path, _readers.PageContext]:
    """Cross-page evidence per folder: the lines that recur across its plain-text pages.

    Decoded texts are kept for the reader so each page is decoded once.
    """
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        if _readers.is_page(f.path):
            by_folder.setdefault(f.path.parent, []).append(f.path)
    contexts = {}
    for folder, paths in by_folder.items():
        texts = {p: _readers.decode_page(p) for p in paths}
        pages = [d.text for d in texts.values() if d.text]
        contexts[folder] = _readers.PageContext(texts, boilerplate_lines(pages))
    return contexts


def _progress_bar(files: list[_File], enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    total = sum(f.path.stat().st_size for f in files)
    return tqdm(total=total, unit="B", unit_scale=True, desc="reading", leave=False)


def _normalise(result: _readers.ReadResult, f: _File, mapping: dict[str, str]) -> pd.DataFrame:
    """Rename recognised columns to the Corpus names; fill doc_id where the input has none."""
    raw = result.frame
    assert raw is not None
    found = list(raw.columns)
    lower = {str(c).lower(): c for c in found}
    rename: dict[Any, str] = {}
    for ours in MAPPABLE:
        if ours in mapping:
            theirs = mapping[ours]
            if theirs not in raw.columns:
                raise CorpusError(f"columns maps {ours!r} to {theirs!r}, which is not a column; "
                                  f"columns found: {', '.join(map(str, found))}", path=f.rel)
            rename[theirs] = ours
            continue
        for alias in ALIASES[ours]:
            col = lower.get(alias)
            if col is not None and col not in rename and col not in mapping.values():
                rename[col] = ours
                break
    # Columns that would be shadowed by a renamed one keep their data under a suffix.
    clashes = [c for c in found if c in MAPPABLE and c not in rename and c in rename.values()]
    df = raw.rename(columns={c: f"{c}_original" for c in clashes}).rename(columns=rename)
    if "text" not in df.columns:
        if _readers.is_media_cloud_list(found):
            df["text"] = ""
            result.notes.append(f"{f.rel}: a Media Cloud story list without story text; "
                                "loaded titles, dates and URLs with empty texts")
        else:
            raise CorpusError("no text column; columns found: " + ", ".join(map(str, found))
                              + "; name it text/body/content or pass columns={'text': ...}",
                              path=f.rel)
    rows = result.rows
    if "doc_id" in df.columns:
        ids = df["doc_id"].map(_id_str)
        fallback = ids.isna()
        ids[fallback] = [f"{f.rel}:{r}" for r in np.asarray(rows)[fallback.to_numpy()]]
        if fallback.any():
            result.notes.append(f"{f.rel}: {int(fallback.sum())} rows without an id got "
                                "'<file>:<row>' ids")
        df["doc_id"] = ids
    else:
        df["doc_id"] = [f"{f.rel}:{r}" for r in rows]
    df["_file"] = f.rel
    # Remember which input column gave the date so a missing-date reason can name it.
    date_col = next((k for k, v in rename.items() if v == "published"), None)
    df["_date_col"] = str(date_col) if date_col is not None else pd.NA
    return df


def _id_str(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return pd.NA
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))  # ids read as float because the column has gaps
    s = str(v).strip()
    return s or pd.NA


def _assemble(frames: list[pd.DataFrame], report: LoadReport, *, dayfirst: bool | None,
              detect_language: bool, near_duplicates: bool, progress: bool = False
              ) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "str")) for c in CORPUS_COLUMNS})
    df = pd.concat(frames, ignore_index=True, sort=False)
    _check_unique_ids(df)
    for col in ("title", "source", "url", "byline", "dateline", "lang"):
        if col not in df.columns:
            df[col] = pd.NA
        df[col] = _clean_str(df[col])
    text = df["text"]
    empty = text.isna() | (text.astype("str").str.strip() == "")
    why = df["_text_reason"] if "_text_reason" in df.columns else pd.Series(pd.NA, df.index)
    for doc_id, fname, reason in zip(df.loc[empty, "doc_id"], df.loc[empty, "_file"],
                                     why[empty], strict=True):
        report.empty_texts.append({"doc_id": doc_id, "file": fname,
                                   "reason": reason if isinstance(reason, str)
                                   else "no text in the input (title kept)"})
    df["text"] = text.fillna("").astype("str").str.replace("\r\n", "\n").str.strip()

    _dates(df, report, dayfirst=dayfirst)
    _datelines(df)
    if detect_language:
        todo = df["lang"].isna() & (df["text"] != "")
        texts = df.loc[todo, "text"]
        if progress:
            from tqdm.auto import tqdm

            texts = tqdm(texts, desc="language", unit="doc", leave=False)
        df.loc[todo, "lang"] = [detect_language_(t) for t in texts]
        df["lang"] = df["lang"].astype("str")
    flags = flag_duplicates(df, near=near_duplicates)
    df["duplicate_of"] = flags["duplicate_of"]
    df["duplicate_kind"] = flags["duplicate_kind"]
    report.duplicates = int((flags["duplicate_kind"] == "exact").sum())
    report.near_duplicates = int((flags["duplicate_kind"] == "near").sum())
    report.rows_loaded = len(df)
    df = df.drop(columns=[c for c in ("_file", "_date_col", "_text_reason") if c in df.columns])
    extra = [c for c in df.columns if c not in CORPUS_COLUMNS]
    return df[list(CORPUS_COLUMNS) + extra]


_DTYPES = {"published": PUBLISHED_DTYPE}


def _datelines(df: pd.DataFrame) -> None:
    """``dateline`` as the place ("TOKYO, Japan"): parsed from a given dateline value
    ("SALVADOR, Feb 26 -") or from the opening of the text; a missing ``source`` is taken
    from the dateline's "(CNN)" part, as for pages."""
    places, sources = [], []
    for given, text in zip(df["dateline"].tolist(), df["text"].tolist(), strict=True):
        if isinstance(given, str):
            parsed = parse_dateline(given.rstrip() + " .")
            places.append(parsed.place if parsed else given)
            sources.append(parsed.source if parsed else None)
        else:
            parsed = parse_dateline(text[:300]) if text else None
            places.append(parsed.place if parsed else None)
            sources.append(parsed.source if parsed else None)
    df["dateline"] = pd.Series(places, index=df.index, dtype="str")
    found = pd.Series(sources, index=df.index, dtype="str")
    df["source"] = df["source"].where(df["source"].notna(), found)


def _clean_str(s: pd.Series) -> pd.Series:
    """Metadata columns as pandas strings; blank values become NA."""
    def one(v: Any) -> Any:
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            return pd.NA
        return str(v).strip() or pd.NA

    return s.map(one).astype("str")


def _check_unique_ids(df: pd.DataFrame) -> None:
    dup = df["doc_id"][df["doc_id"].duplicated(keep=False)]
    if dup.empty:
        return
    names = list(dict.fromkeys(dup))
    files = sorted(set(df.loc[dup.index, "_file"]))
    shown = ", ".join(repr(n) for n in names[:10]) + (" ..." if len(names) > 10 else "")
    raise CorpusError(f"{len(names)} doc_id values occur more than once: {shown} "
                      f"(in {', '.join(files[:5])}); ids must be unique - fix the id column "
                      "or map another one with columns={'doc_id': ...}")


def _dates(df: pd.DataFrame, report: LoadReport, *, dayfirst: bool | None) -> None:
    if "published" in df.columns:
        published = pd.Series(pd.NaT, index=df.index, dtype=PUBLISHED_DTYPE)
        reasons = pd.Series(pd.NA, index=df.index, dtype="string")
        assumed_utc = 0
        # Per tabular file: one export's day/month order says nothing about another's.
        # Pages (no date column; the reader parsed their dates) go in one batch.
        key = df["_file"].where(df["_date_col"].notna(), "")
        for _, part in df["published"].groupby(key, sort=False):
            parsed = parse_dates(part.tolist(), dayfirst=dayfirst)
            published[part.index] = parsed.values.to_numpy()
            reasons[part.index] = parsed.reasons.to_numpy()
            assumed_utc += parsed.assumed_utc
        empty = (reasons == EMPTY_DATE).fillna(False) & df["_date_col"].notna()
        reasons[empty] = [f"no date: column {c!r} is empty" for c in df.loc[empty, "_date_col"]]
        if assumed_utc:
            report.notes.append(f"{assumed_utc:,} dates had no time zone and were read as UTC")
    else:
        published = pd.Series(pd.NaT, index=df.index, dtype=PUBLISHED_DTYPE)
        reasons = pd.Series(pd.NA, index=df.index, dtype="string")
    if "date_reason" in df.columns:  # a page reader explains its own missing dates
        given = df["date_reason"].astype("string")
        reasons = given.where(given.notna(), reasons)
    no_column = published.isna() & reasons.isna()
    if no_column.any():
        for fname in df.loc[no_column, "_file"].unique():
            report.notes.append(f"{fname}: no date column; its documents have no date")
        reasons[no_column] = "no date: the input has no date column"
    df["published"] = published
    df["date_reason"] = reasons.where(published.isna(), pd.NA).astype("str")
    for doc_id, reason in zip(df.loc[published.isna(), "doc_id"],
                              df.loc[published.isna(), "date_reason"], strict=True):
        report.missing_dates.append({"doc_id": doc_id, "reason": reason})


# ----------------------------------------------------------------------------- saving

def save_corpus(df: pd.DataFrame, report: LoadReport, path: str | os.PathLike[str]) -> Path:
    """Write the corpus to Parquet with ``report`` stored (JSON) in the file's metadata.

    ``load_corpus(path)`` then returns the frame and the ORIGINAL report, so a report run can
    ingest once and still show what the ingest skipped.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    missing = [c for c in ("doc_id", "text") if c not in df.columns]
    if missing:
        raise CorpusError(f"not a corpus frame: missing column(s) {', '.join(missing)}")
    out = Path(path)
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[REPORT_METADATA_KEY] = json.dumps(report.to_dict()).encode("utf-8")
    pq.write_table(table.replace_schema_metadata(meta), out)
    return out


def _load_saved(path: Path) -> tuple[pd.DataFrame, LoadReport]:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    meta = table.schema.metadata or {}
    report = LoadReport.from_dict(json.loads(meta[REPORT_METADATA_KEY].decode("utf-8")))
    df = table.to_pandas()
    for col in CORPUS_COLUMNS:
        if col not in df.columns:
            raise CorpusError(f"saved corpus lacks column {col!r}", path=str(path))
    df["published"] = pd.to_datetime(df["published"], utc=True).astype(PUBLISHED_DTYPE)
    _check_unique_ids(df.assign(_file=path.name))
    return df, report


# ----------------------------------------------------------------------------- helpers

def select(df: pd.DataFrame, *, date_from: Any = None, date_to: Any = None,
           sources: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of a corpus published in ``[date_from, date_to]`` and/or from ``sources``.

    ``date_to`` is inclusive; a date without a time includes that whole day. Undated rows are
    left out as soon as a date bound is given (they cannot be placed in the range).

    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "source": ["Clarion", "Ledger"],
    ...     "published": pd.to_datetime(["2025-03-04 18:00", "2025-04-01 09:00"], utc=True)})
    >>> select(df, date_to="2025-03-04").doc_id.tolist()
    ['a']
    >>> select(df, sources=["Herald"])
    Traceback (most recent call last):
    ...
    medialens.errors.ParameterError: sources: unknown source 'Herald'; known sources: 'Clarion', 'Ledger'
    """
    lo = _bound("date_from", date_from)
    hi = _bound("date_to", date_to)
    if lo is not None and hi is not None and lo > hi:
        raise ParameterError(f"date_from={date_from!r} is after date_to={date_to!r}")
    wanted: list[str] | None = None
    if sources is not None:
        wanted = [sources] if isinstance(sources, str) else list(sources)
        known = sorted(df["source"].dropna().unique()) if "source" in df.columns else []
        unknown = [s for s in wanted if s not in known]
        if unknown:
            raise ParameterError(
                f"sources: unknown source{'s' if len(unknown) > 1 else ''} "
                + ", ".join(repr(s) for s in unknown) + "; known sources: "
                + (", ".join(repr(s) for s in known) or "(none: the corpus has no source column)"))
    mask = pd.Series(True, index=df.index)
    if lo is not None or hi is not None:
        published = pd.to_datetime(df["published"], utc=True)
        if lo is not None:
            mask &= published >= lo
        if hi is not None:
            # _bound moved a whole-day date_to to the next midnight: compare with <.
            mask &= published < hi if _is_day(date_to) else published <= hi
    if wanted is not None:
        mask &= df["source"].isin(wanted)
    return df[mask.fillna(False).astype(bool)]


def _is_day(value: Any) -> bool:
    """True when a date_to bound names a whole day (no time of day given)."""
    import datetime as _dt

    if isinstance(value, str):
        return ":" not in value and "T" not in value
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


def _bound(name: str, value: Any) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"{name}={value!r} is not a date (use e.g. '2025-03-04')") from exc
    if ts is pd.NaT:
        raise ParameterError(f"{name}={value!r} is not a date (use e.g. '2025-03-04')")
    ts = ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")
    if name == "date_to" and _is_day(value):
        ts = ts.normalize() + pd.Timedelta(days=1)
    return ts


def fingerprint(df: pd.DataFrame) -> str:
    """SHA-256 over the sorted ``(doc_id, text)`` pairs: the same corpus in any row order
    gives the same fingerprint (the report manifest records it).

    >>> a = pd.DataFrame({"doc_id": ["1", "2"], "text": ["x", "y"]})
    >>> fingerprint(a) == fingerprint(a.iloc[::-1])
    True
    """
    h = hashlib.sha256()
    pairs = sorted(zip(df["doc_id"].astype(str), df["text"].fillna("").astype(str),
                       strict=True))
    for doc_id, text in pairs:
        h.update(doc_id.encode("utf-8"))
        h.update(b"\x1f")
        h.update(text.encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()



__all__ = ["ALIASES", "CORPUS_COLUMNS", "LoadReport", "exact_duplicates", "fingerprint",
           "load_corpus", "save_corpus", "select"]
