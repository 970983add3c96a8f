"""Loading and saving: :func:`load_corpus` (any source, the bundled demo corpus included, read
file by file through :mod:`medialens.corpus.readers`) and :func:`save_corpus` (Parquet that keeps its
:class:`LoadReport`).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from ..clean import boilerplate_lines
from ..errors import CorpusError, ParameterError
from ..metadata import PUBLISHED_DTYPE
from . import readers
from .discover import _discover, _File
from .frame import CORPUS_COLUMNS, MAPPABLE, _assemble, _check_unique_ids, _normalise
from .report import LoadReport, _where

REPORT_METADATA_KEY = readers.REPORT_METADATA_KEY
DEMO = "demo"
OnError = Literal["skip", "raise"]
ON_ERROR = ("skip", "raise")


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
    cache: bool | str | os.PathLike[str] | None = None,
) -> tuple[pd.DataFrame, LoadReport]:
    """Load a corpus source into the Corpus DataFrame and a :class:`LoadReport`.

    ``source``: a file, folder (recursive), glob, ``"demo"``, or a list of these.
    ``columns``: explicit ``{our_name: their_name}`` mapping for tabular files, e.g.
    ``{"text": "story_body"}``; otherwise :data:`ALIASES` are matched whatever the case,
    spaces or camelCase ("Date Published", "publishDate").
    ``on_error="raise"`` turns the first skipped row or file into a :class:`CorpusError`.
    ``dayfirst`` settles numeric dates like ``04/03/2025`` (refused as ambiguous otherwise).
    ``detect_language`` fills ``lang`` with py3langid where the input gives none;
    ``near_duplicates`` flags syndicated copies with small edits (MinHash, see
    :mod:`medialens.duplicates`); ``progress`` shows a tqdm bar on stderr.
    A Parquet file written by :func:`save_corpus` comes back with its original report.
    ``cache``: the ingested-corpus cache (:mod:`medialens.ingest_cache`; ``True``: the default
    cache folder, a path: that folder, ``None``: ``$MEDIALENS_CACHE_DIR`` when set): a source
    loaded before with the same options and unchanged files is read back in one step, with
    its original report; changed files of a folder are re-read, unchanged ones are not.

    Raises :class:`CorpusError` for a missing path, a file without a text column, ``doc_id``
    values repeated across files or in more than a tenth of a file's rows (a few repeats within
    a file cost the later rows, skipped with their lines), or when no document at all could be
    loaded.
    """
    mapping = _check_options(columns, on_error)
    if isinstance(source, pd.DataFrame) or source is None or not isinstance(
            source, (str, os.PathLike, list, tuple)):
        # a DataFrame iterates over its column names ("no such file or folder: text")
        raise ParameterError(
            f"source must be a file, folder, glob or 'demo' (or a list of them), not "
            f"{type(source).__name__}; a DataFrame already in memory goes straight to the "
            "analyses (readability.score(df), sentiment.score(df), polls.extract_corpus(df)), "
            "or save it first: df.to_csv('corpus.csv')")
    sources = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    if not sources:
        raise ParameterError("source is empty; give a file, folder, glob or 'demo'")
    if len(sources) == 1 and readers.is_saved_corpus(sources[0]):
        return _load_saved(Path(sources[0]))

    report = LoadReport(sources=[os.fspath(s) for s in sources])
    from .. import ingest_cache

    store = ingest_cache.resolve(cache)
    options = {"columns": mapping, "on_error": on_error, "dayfirst": dayfirst,
               "detect_language": detect_language, "near_duplicates": near_duplicates}
    frames: list[pd.DataFrame] = []
    with ExitStack() as stack:
        found = []
        for src in sources:
            if os.fspath(src) == DEMO and not _local_source(Path(DEMO)):
                src = stack.enter_context(demo_folder())
            found.append(_discover(src, report))
        found = _distinct_names(found, sources)
        if store is not None:
            key = store.corpus_key(report.sources, [(f.rel, f.path) for fs in found for f in fs],
                                   options)
            hit = store.get_corpus(key)
            if hit is not None:
                return hit[0], hit[1]
        for files in found:
            frames += _read_files(files, mapping, on_error, report, progress, store, options,
                                  dayfirst=dayfirst)
    try:
        df = _assemble(frames, report, dayfirst=dayfirst, detect_language=detect_language,
                       near_duplicates=near_duplicates, progress=progress, languages=store,
                       on_error=on_error)
    except CorpusError as err:  # repeated ids: callers may still show what was skipped
        err.report = report  # type: ignore[attr-defined]
        raise
    if df.empty:
        err = CorpusError("no documents could be loaded from " + ", ".join(report.sources)
                          + _skip_summary(report))
        err.report = report  # type: ignore[attr-defined]  # callers may show what was skipped
        raise err
    if store is not None:
        store.put_corpus(key, df, report)
    return df, report


def _local_source(path: Path) -> bool:
    """Whether ``path`` ("demo" in the working folder) is the user's own corpus, which "demo"
    then means: a file, or a folder holding anything but report runs (``medialens report
    demo --out demo`` makes such a folder; "demo" must still be the bundled demo after it).

    >>> _local_source(Path("/nonexistent/demo"))
    False
    """
    if path.is_file():
        return True
    if not path.is_dir():
        return False
    for child in path.iterdir():
        if child.name in ("latest", ".cache") or child.name.endswith(".partial") or (child / "manifest.json").exists():
            continue  # a report run, its cache or one in progress
        return True
    return False


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
    # one column cannot be two fields ("text=title published=title"): one mapping would be
    # dropped without a word
    twice = sorted({t for t in mapping.values() if list(mapping.values()).count(t) > 1})
    if twice:
        fields = ", ".join(f"{o}={t}" for o, t in mapping.items() if t in twice)
        raise ParameterError(f"column {twice[0]!r} is mapped to more than one field ({fields}); "
                             "map each column to one field")
    return mapping


def _distinct_names(found: list[list[_File]], sources: Sequence[Any]) -> list[list[_File]]:
    """Names (the ids of pages) made distinct across sources: ``a/story.txt`` and
    ``b/story.txt`` are both ``story.txt`` relative to their folders, so a name two sources
    share is prefixed by its source as given."""
    counts = Counter(f.rel for files in found for f in files)
    if len(found) < 2 or max(counts.values(), default=0) < 2:
        return found
    out = []
    for src, files in zip(sources, found, strict=True):
        label = Path(os.fspath(src)).as_posix().rstrip("/")
        out.append([_File(f.path, f"{label}/{f.rel}") if counts[f.rel] > 1 else f
                    for f in files])
    return out


def _skip_summary(report: LoadReport) -> str:
    if not report.skipped and not report.files_read:
        return "; no corpus files found" + (
            f" ({len(report.ignored)} ignored: "
            + ", ".join(i["file"] for i in report.ignored[:5]) + ")" if report.ignored else "")
    if not report.skipped:  # files were read and held no records (a header only, "[]")
        return "; the file(s) hold no records: " + ", ".join(
            f"{f} (header only or empty)" for f in report.sources[:3])
    return "; " + "; ".join(f"{_where(s)}: {s['reason']}" for s in report.skipped[:3])


def _read_files(files: list[_File], mapping: dict[str, str], on_error: OnError,
                report: LoadReport, progress: bool, store: Any = None,
                options: Mapping[str, Any] | None = None, *,
                dayfirst: bool | None = None) -> list[pd.DataFrame]:
    frames: list[pd.DataFrame] = []
    pages: list[dict[str, Any]] = []  # consecutive page records, one frame per run

    def flush_pages() -> None:
        if pages:
            frames.append(pd.DataFrame(pages))
            pages.clear()

    bar = _progress_bar(files, progress)
    contexts = _page_contexts(files, dayfirst=dayfirst)
    try:
        for f in files:
            def skip(line: int | None, reason: str, _f: _File = f) -> None:
                if on_error == "raise":
                    raise CorpusError(reason, path=_f.rel, line=line)
                report.skipped.append({"file": _f.rel, "line": line, "reason": reason})

            reader = readers.reader_for(f.path)
            assert reader is not None  # _discover keeps readable files only
            context = contexts.get(f.path.parent) if readers.is_page(f.path) else None
            if store is not None:  # the ingest cache: unchanged files are not read again
                reader = store.file_reader(reader, f.path, options=options or {}, context=context)
            result = reader(f.path, rel=f.rel, skip=skip, context=context,
                            tick=bar.update if bar is not None else None)
            if not result.skipped_file:  # a skipped file is in report.skipped instead
                report.files_read.append(f.rel)
            report.rows_read += result.rows_read
            if result.record is not None:
                pages.append({**result.record, "doc_id": f.rel, "_file": f.rel,
                              "_date_col": pd.NA})
            elif result.frame is not None and len(result.frame):
                flush_pages()
                frames.append(_normalise(result, f, mapping, skip))
            report.notes.extend(result.notes)
        flush_pages()
    finally:
        if bar is not None:
            bar.close()
    return frames


def _page_contexts(files: list[_File], *, dayfirst: bool | None = None
                   ) -> dict[Path, readers.PageContext]:
    """Cross-page evidence per folder: the lines that recur across its plain-text pages.

    Decoded texts are kept for the reader so each page is decoded once; ``dayfirst`` goes
    with them, so the load's option settles numeric dates in the pages' dated lines too.
    """
    by_folder: dict[Path, list[Path]] = {}
    for f in files:
        if readers.is_page(f.path):
            by_folder.setdefault(f.path.parent, []).append(f.path)
    contexts = {}
    for folder, paths in by_folder.items():
        texts = {}
        for p in paths:
            try:
                texts[p] = readers.decode_page(p)
            except OSError:
                continue  # unreadable: its reader lists it as skipped, with the reason
        pages = [d.text for d in texts.values() if d.text]
        contexts[folder] = readers.PageContext(texts, boilerplate_lines(pages), dayfirst)
    return contexts


def _progress_bar(files: list[_File], enabled: bool) -> Any:
    if not enabled:
        return None
    from ..progress import bar

    total = sum(f.path.stat().st_size for f in files)
    return bar(total=total, unit="byte", desc="reading")


# ----------------------------------------------------------------------------- saving

def arrow_ready(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``df`` with every column Parquet can store, and the names of the columns changed: an
    extra column whose values are of mixed types (a JSON field that is 5 in one record and
    "high", a list or an object in another) becomes text, lists and objects as JSON.

    >>> out, changed = arrow_ready(pd.DataFrame({"score": [5, "high", None], "n": [1, 2, 3]}))
    >>> out["score"].tolist(), changed
    (['5', 'high', None], ['score'])
    """
    import pyarrow as pa

    changed: list[str] = []
    out = df
    for col in df.columns:
        if df[col].dtype != object:
            continue
        try:
            pa.array(df[col], from_pandas=True)
        except (pa.ArrowException, ValueError, TypeError):
            if out is df:
                out = df.copy()
            out[col] = pd.Series([None if v is None or (isinstance(v, float) and v != v) else v if isinstance(v, str)
                                  else json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (list, dict))
                                  else str(v) for v in df[col]], index=df.index, dtype=object)
            changed.append(str(col))
    return out, changed


def mixed_types_note(changed: list[str]) -> str:
    return (f"column(s) {', '.join(changed)} hold values of mixed types (numbers, text, lists): "
            "stored as text in Parquet")


def save_corpus(df: pd.DataFrame, report: LoadReport, path: str | os.PathLike[str], *,
                mixed_as_text: bool = True) -> Path:
    """Write the corpus to Parquet with ``report`` stored (JSON) in the file's metadata.

    ``load_corpus(path)`` then returns the frame and the ORIGINAL report, so a report run can
    ingest once and still show what the ingest skipped. ``mixed_as_text``: an extra column of
    values of mixed types is stored as text (:func:`arrow_ready`, named in ``report.notes``);
    False raises instead (the ingest cache then keeps no copy, so a cached load always
    equals a fresh one).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    missing = [c for c in ("doc_id", "text") if c not in df.columns]
    if missing:
        raise CorpusError(f"not a corpus frame: missing column(s) {', '.join(missing)}")
    out = Path(path)
    if mixed_as_text:
        df, changed = arrow_ready(df)
        if changed and (note := mixed_types_note(changed)) not in report.notes:
            report.notes.append(note)  # the report said on screen and the one stored agree
    table = pa.Table.from_pandas(df, preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[REPORT_METADATA_KEY] = json.dumps(report.to_dict()).encode("utf-8")
    pq.write_table(table.replace_schema_metadata(meta), out)
    return out


def _load_saved(path: Path) -> tuple[pd.DataFrame, LoadReport]:
    import pyarrow.parquet as pq

    return _saved_from_table(pq.read_table(path), path)


def _saved_from_table(table: Any, path: Path) -> tuple[pd.DataFrame, LoadReport]:
    meta = table.schema.metadata or {}
    report = LoadReport.from_dict(json.loads(meta[REPORT_METADATA_KEY].decode("utf-8")))
    df = table.to_pandas()
    for col in CORPUS_COLUMNS:
        if col not in df.columns:
            raise CorpusError(f"saved corpus lacks column {col!r}", path=str(path))
    df["published"] = pd.to_datetime(df["published"], utc=True).astype(PUBLISHED_DTYPE)
    _check_unique_ids(df.assign(_file=path.name))
    return df, report
