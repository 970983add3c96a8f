"""The ingested-corpus cache: one ingest per corpus source, reused by every later load.

:func:`medialens.corpus.load_corpus` with ``cache=`` consults three kinds of entry, all under
``<cache dir>/ingest/<FORMAT>/`` and all checksummed like feature-cache parts (the sha256 of a
file's bytes is in its name; verified on every read; a damaged file is moved aside to
``*.corrupt`` with a warning and recomputed):

- **corpus entries** ``corpus-<key>-<sha256>.parquet``: the loaded corpus exactly as
  :func:`~medialens.corpus.save_corpus` writes it (the load report in the file's metadata), keyed
  by the sources, every input file's content hash, the load options and the loader's code. A
  warm load reads this one file and returns the original frame and report; ``medialens ingest
  --out x.parquet`` and a report run's ``data/corpus.parquet`` are copies of it.
- **file entries** ``file-<key>-<sha256>.pickle``: what one input file's reader returned (and the
  rows it skipped), keyed by the file's path in the corpus, its content hash, the options and
  (for pages) the folder's cross-page boilerplate. Changing one file of a folder re-reads that
  file only.
- **language** (a :class:`~medialens.cache.FeatureCache`): the identified language per text, so
  a changed corpus identifies the languages of its new texts only.

The pickles are written and read by medialens only, in the cache folder the user chose, and
are verified against their checksum before they are unpickled.

>>> import tempfile
>>> from medialens.corpus import load_corpus
>>> root = tempfile.mkdtemp()
>>> cold, report = load_corpus("demo", cache=root)
>>> warm, again = load_corpus("demo", cache=root)
>>> warm.equals(cold) and again == report and warm.attrs["ingest_cache"]["hit"]
True
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .cache import (
    CACHE_ENV,
    CacheError,
    FeatureCache,
    content_key,
    default_cache_dir,
    quarantine,
    read_checked,
    write_checked,
)

#: Layout of the ingest entries; part of the folder path, so a changed layout starts afresh.
FORMAT = "ingest1"

#: Modules whose code decides what a load returns: their source is part of every key, so an
#: upgraded (or edited) loader never serves corpora ingested by the old one.
_LOADER_MODULES = ("corpus", "wire", "clean.py", "metadata.py", "duplicates.py",
                   "text.py", "errors.py", "ingest_cache.py")


def resolve(cache: bool | str | os.PathLike[str] | None) -> IngestCache | None:
    """``False``: no cache; ``True``: the default folder; ``None``: ``$MEDIALENS_CACHE_DIR``
    when set, else no cache; a path: that folder (the feature cache's convention)."""
    if cache is False:
        return None
    if cache is None:
        env = os.environ.get(CACHE_ENV)
        return IngestCache(env) if env else None
    return IngestCache(default_cache_dir() if cache is True else cache)


_CODE: str | None = None


def loader_code() -> str:
    """sha256 over the loader modules' source (computed once per process)."""
    global _CODE  # a memo of immutable installed files, not analysis state
    if _CODE is None:
        pkg = Path(__file__).parent
        h = hashlib.sha256()
        for name in _LOADER_MODULES:
            path = pkg / name
            files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
            for f in files:
                if f.is_file():
                    h.update(f.relative_to(pkg).as_posix().encode())
                    h.update(f.read_bytes())
        for dist in ("py3langid", "datasketch", "pandas", "pyarrow"):
            try:
                h.update(f"{dist}={importlib_metadata.version(dist)}".encode())
            except importlib_metadata.PackageNotFoundError:
                h.update(f"{dist}=none".encode())
        _CODE = h.hexdigest()
    return _CODE


def file_hash(path: Path) -> str:
    """sha256 of a file's bytes (streamed)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _key(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


class IngestCache:
    """Ingested corpora, per-file reads and per-text languages in one cache folder."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.folder = self.root / "ingest" / FORMAT
        self._hashes: dict[Path, str] = {}

    def __repr__(self) -> str:
        return f"IngestCache({str(self.folder)!r})"

    # -- keys ---------------------------------------------------------------------------
    def content(self, path: Path) -> str:
        """The file's content hash (each file hashed once per load)."""
        if path not in self._hashes:
            try:
                self._hashes[path] = file_hash(path)
            except OSError as exc:
                # unreadable (permissions, vanished): a key of its own, so the load goes on and
                # its reader lists the file as skipped; readable again, it hashes as content
                self._hashes[path] = f"unreadable: {exc.strerror or exc}"
        return self._hashes[path]

    def corpus_key(self, sources: Sequence[str], files: Iterable[tuple[str, Path]],
                   options: Mapping[str, Any]) -> str:
        """Key of a whole load: sources, (corpus path, content hash) per file, options, code."""
        return _key("corpus", loader_code(), list(sources), dict(options),
                    [(rel, self.content(path)) for rel, path in files])

    # -- whole corpora ------------------------------------------------------------------
    def _find(self, prefix: str, key: str, suffix: str) -> list[Path]:
        if not self.folder.is_dir():
            return []
        return sorted(self.folder.glob(f"{prefix}-{key}-*{suffix}"))

    def get_corpus(self, key: str) -> tuple[pd.DataFrame, Any, Path] | None:
        """The stored corpus frame, its original load report and the entry's path, or None."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from .corpus.load import _saved_from_table

        for path in self._find("corpus", key, ".parquet"):
            try:
                table = pq.read_table(pa.BufferReader(read_checked(path)))
                df, report = _saved_from_table(table, path)
            except FileNotFoundError:
                continue
            except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
                quarantine(path, exc, what="ingested-corpus cache entry", stacklevel=3)
                continue
            for i, field in enumerate(table.schema):
                if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
                    # The Python lists the loader made (Parquet hands back numpy arrays), so
                    # a cached load equals an uncached one exactly.
                    df[field.name] = pd.Series(table.column(i).to_pylist(), index=df.index,
                                               dtype="object")
            df.attrs["ingest_cache"] = {"path": str(path), "hit": True}
            return df, report, path
        return None

    def put_corpus(self, key: str, df: pd.DataFrame, report: Any) -> Path | None:
        """Store a loaded corpus (the ``save_corpus`` file format); None when the frame cannot
        be stored as Parquet (an extra column of mixed types): the load still succeeds."""
        import pyarrow as pa

        from .corpus.load import save_corpus

        try:
            self._mkdir()
            path = write_checked(self.folder, f"corpus-{key}", ".parquet",
                                 lambda tmp: save_corpus(df, report, tmp, mixed_as_text=False))
        except (pa.ArrowException, ValueError, TypeError):
            return None
        except CacheError as exc:  # a read-only cache folder must not fail the load
            warnings.warn(f"ingest cache not written: {exc}", RuntimeWarning, stacklevel=3)
            return None
        df.attrs["ingest_cache"] = {"path": str(path), "hit": False}
        return path

    def _mkdir(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create cache folder {self.folder}: {exc}") from exc

    # -- single files -------------------------------------------------------------------
    def file_reader(self, reader: Callable[..., Any], path: Path, *,
                    options: Mapping[str, Any], context: Any = None) -> Callable[..., Any]:
        """``reader`` with its result for ``path`` cached: same signature, same result, and
        the rows it skipped replayed through ``skip`` on a hit."""
        boiler = sorted(getattr(context, "boilerplate", ()) or ())
        key = _key("file", loader_code(), getattr(reader, "__name__", str(reader)),
                   self.content(path), dict(options), boiler)

        def cached(p: Path, *, rel: str, skip: Callable[[int | None, str], None],
                   tick: Callable[[int], Any] | None = None, context: Any = None) -> Any:
            entry_key = _key(key, rel)
            hit = self._get_file(entry_key)
            if hit is not None:
                result, skips = hit
                for line, reason in skips:
                    skip(line, reason)
                if tick is not None:
                    tick(p.stat().st_size)
                return result
            skips: list[tuple[int | None, str]] = []

            def record(line: int | None, reason: str) -> None:
                skip(line, reason)  # raises with on_error="raise": nothing is stored then
                skips.append((line, reason))

            result = reader(p, rel=rel, skip=record, tick=tick, context=context)
            self._put_file(entry_key, result, skips)
            return result

        return cached

    def _get_file(self, key: str) -> tuple[Any, list[tuple[int | None, str]]] | None:
        for path in self._find("file", key, ".pickle"):
            try:
                return pickle.loads(read_checked(path))  # verified, our own file
            except FileNotFoundError:
                continue
            except (ImportError, AttributeError):
                return None  # written by another medialens layout: a miss, not damage
            except (OSError, ValueError, EOFError, pickle.UnpicklingError) as exc:
                quarantine(path, exc, what="ingest cache file entry", stacklevel=3)
        return None

    def _put_file(self, key: str, result: Any, skips: list[tuple[int | None, str]]) -> None:
        try:
            self._mkdir()
            blob = pickle.dumps((result, skips), protocol=pickle.HIGHEST_PROTOCOL)
            write_checked(self.folder, f"file-{key}", ".pickle",
                          lambda tmp: tmp.write_bytes(blob))
        except (CacheError, pickle.PicklingError) as exc:  # the load goes on uncached
            warnings.warn(f"ingest cache not written: {exc}", RuntimeWarning, stacklevel=4)

    # -- languages ----------------------------------------------------------------------
    def languages(self, texts: Sequence[str], detect: Callable[[str], str], *,
                  progress: bool = False) -> list[str]:
        """``detect(text)`` for every text, from the cache where the text was seen before."""
        store = FeatureCache(self.root, name="ingest-lang", version=loader_code()[:16],
                             schema={"lang": "str"})
        keys = [content_key(t) for t in texts]
        known = store.get_frame(keys)
        found = dict(zip(known["_key"], known["lang"], strict=True))
        todo = [i for i, k in enumerate(keys) if k not in found]
        work: Iterable[int] = todo
        if progress and todo:
            from .progress import bar

            work = bar(todo, desc="language", unit="doc")
        fresh = {keys[i]: detect(texts[i]) for i in work}
        if fresh:
            try:
                store.put_frame(pd.DataFrame({"_key": list(fresh), "_i": 0,
                                              "lang": list(fresh.values())}))
            except CacheError as exc:
                warnings.warn(f"ingest cache not written: {exc}", RuntimeWarning,
                              stacklevel=3)
        found.update(fresh)
        return [found[k] for k in keys]


def export(df: pd.DataFrame, out: str | os.PathLike[str]) -> bool:
    """Copy the cached artefact a load came from to ``out``; False when there is none."""
    entry = df.attrs.get("ingest_cache", {}).get("path")
    if not entry or not Path(entry).is_file():
        return False
    try:
        shutil.copyfile(entry, out)
    except OSError:
        return False
    return True


def same_bytes(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two files hold the same bytes (tests and benchmarks)."""
    return file_hash(Path(a)) == file_hash(Path(b))


__all__ = ["FORMAT", "IngestCache", "export", "file_hash", "loader_code", "resolve",
           "same_bytes"]
