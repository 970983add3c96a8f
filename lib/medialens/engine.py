"""Run a per-document analysis over a corpus: in-process, on a process pool, or on Dask.

Readability, sentiment and poll extraction each describe their per-document work as an
:class:`Analyser` (a picklable module-level function, the corpus columns it reads, its options
and an output schema). :func:`run` applies it to every document with the chosen engine, consults
the feature cache first, and returns one DataFrame in input order. Every engine builds its
result through the same ``records -> typed frame`` code path, so results are identical bit for
bit whichever engine (or the cache) produced them.

A document whose analysis raises is reported in ``RunResult.errors`` with its error; the other
documents' results are kept.

>>> import pandas as pd
>>> def n_words(text: str) -> list[dict]:
...     return [{"n_words": len(text.split())}]
>>> a = Analyser("n_words", "1", n_words, schema={"n_words": "int64"})
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["one two", "three"]})
>>> run(a, corpus, cache=False).frame.to_dict("list")
{'doc_id': ['a', 'b'], 'n_words': [2, 1]}
"""

from __future__ import annotations

import atexit
import math
import os
import threading
import time
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .cache import (
    CACHE_ENV,
    EMPTY,
    INDEX,
    KEY,
    FeatureCache,
    Records,
    cast,
    content_key,
    default_cache_dir,
    placeholder,
)
from .errors import CacheError, ParameterError

EngineName = Literal["local", "processes", "dask"]
ENGINES: tuple[str, ...] = ("local", "processes", "dask")

#: Documents per task handed to a worker process; large enough to amortise pickling.
DEFAULT_CHUNK = 256
#: Fewer documents than this are computed in-process when no worker pool is running yet.
LOCAL_BELOW = 500
#: Rows read at a time from a Parquet corpus that is processed in partitions.
PARQUET_BATCH = 20_000
#: Imported once in the fork server that worker processes are forked from, so that each worker
#: starts with them loaded instead of importing them itself (textstat -> nltk -> scipy alone is
#: ~1.3 s of CPU per worker; two workers importing at once on two cores delayed a cold run by
#: 4-6 s). Import errors are ignored by multiprocessing: a worker then imports on first use.
WORKER_PRELOAD = ("medialens.engine", "medialens.readability.scoring", "textstat",
                  "medialens.sentiment.scoring", "medialens.polls.extract")


@dataclass(frozen=True)
class Analyser:
    """A per-document analysis: ``func(*inputs, **options) -> list of record dicts``.

    ``func`` must be a module-level function (so worker processes can import it) and pure.
    ``schema`` maps every output column to a pandas dtype; results are cast to it so that
    chunking (which engine, which chunk a document fell in, cache or fresh) never changes
    a dtype.
    """

    name: str
    version: str
    func: Callable[..., Records]
    inputs: tuple[str, ...] = ("text",)
    options: Mapping[str, Any] = field(default_factory=dict)
    schema: Mapping[str, str] = field(default_factory=dict)
    #: Inputs that may be missing from a corpus; they are passed as None then.
    optional: tuple[str, ...] = ()

    def with_options(self, **options: Any) -> Analyser:
        return replace(self, options={**self.options, **options})

    def apply(self, values: Sequence[Any]) -> Records:
        # Inputs are positional (in ``inputs`` order) so an input column may share its name
        # with an option (readability's per-document ``lang`` vs the forced ``lang`` option).
        return self.func(*values, **self.options)

    def cache(self, root: str | os.PathLike[str]) -> FeatureCache:
        return FeatureCache(root, name=self.name, version=self.version, options=self.options,
                            schema=self.schema)


@dataclass
class RunResult:
    """``frame``: doc_id + the analyser's columns, input order. ``errors``: doc_id, error.
    ``stats``: documents, computed/cached counts, seconds, engine and workers used."""

    frame: pd.DataFrame
    errors: pd.DataFrame
    stats: dict[str, Any]

    def attrs(self) -> dict[str, Any]:
        """What every analysis puts in its result's ``attrs``: ``engine`` (the stats) and
        ``errors`` (``[{"doc_id", "error"}]``, one per failed document) — the one error model
        the CLI counts and reports whichever engine ran."""
        return {"engine": self.stats, "errors": self.errors.to_dict("records")}


# --- the shared per-chunk work ---------------------------------------------------------

Row = tuple[str, tuple[Any, ...]]  # (doc_id, input values)


def _check_strings(records: Records, columns: Sequence[str]) -> Records:
    """Refuse a record whose text cannot be stored (a lone surrogate such as ``"\\ud800"``
    from a broken decoder): it would fail the whole corpus's Arrow-backed frame later."""
    for rec in records:
        for col in columns:
            v = rec.get(col)
            if isinstance(v, str):
                v.encode("utf-8")  # UnicodeEncodeError: this document fails, not the corpus
    return records


def _apply_chunk(analyser: Analyser, rows: Sequence[Row]) -> list[tuple[Records | None, str | None]]:
    out: list[tuple[Records | None, str | None]] = []
    text_cols = [c for c, t in analyser.schema.items() if t in ("str", "string", "object")]
    for doc_id, values in rows:
        try:
            out.append((_check_strings(list(analyser.apply(values)), text_cols), None))
        except Exception as exc:  # one bad document must not sink the corpus: report it
            tb = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{Path(tb.filename).name}:{tb.lineno}"
            out.append((None, f"{type(exc).__name__}: {exc} ({where}, doc {doc_id})"))
    return out


def records_frame(doc_ids: Sequence[str], records: Sequence[Records],
                  schema: Mapping[str, str]) -> pd.DataFrame:
    """Flatten per-document record lists into one typed frame with ``doc_id`` first."""
    cols = ["doc_id", *schema]
    flat_ids: list[str] = []
    flat: list[Mapping[str, Any]] = []
    for d, recs in zip(doc_ids, records, strict=True):
        for r in recs:
            flat_ids.append(d)
            flat.append(r)
    frame = pd.DataFrame.from_records(flat, columns=list(schema)) if flat else \
        pd.DataFrame({c: pd.Series(dtype="object") for c in schema})
    frame.insert(0, "doc_id", pd.array(flat_ids, dtype="str"))
    return cast(frame, schema)[cols]


# --- engines ---------------------------------------------------------------------------

def _validate(engine: str, workers: int | None, scheduler: str | None) -> None:
    if engine not in ENGINES:
        raise ParameterError.invalid_choice("engine", engine, ENGINES)
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise ParameterError(f"workers={workers!r} must be a positive integer or None (all cores)")
    if scheduler is not None and engine != "dask":
        raise ParameterError(f"scheduler={scheduler!r} only applies to engine='dask'")


def _chunks(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _compute(analyser: Analyser, rows: Sequence[Row], *, engine: str, workers: int,
             chunksize: int | None, progress: bool,
             dask_client: Any = None) -> list[tuple[Records | None, str | None]]:
    if not rows:
        return []
    desc = analyser.name
    if engine == "local":
        # Chunked only so that the progress bar moves by documents; same results either way.
        size = chunksize or DEFAULT_CHUNK
        chunks = list(_chunks(rows, size))
        return [r for part in _progress((_apply_chunk(analyser, c) for c in chunks), chunks,
                                        progress, desc) for r in part]
    if engine == "processes" and len(rows) < LOCAL_BELOW and workers not in _POOLS:
        # A handful of documents (a warm re-run's new articles) is done before a new pool's
        # workers would have finished importing; same function, same results.
        return _compute(analyser, rows, engine="local", workers=1, chunksize=chunksize,
                        progress=progress)
    size = chunksize or max(16, min(DEFAULT_CHUNK, math.ceil(len(rows) / (workers * 4))))
    chunks = list(_chunks(rows, size))
    if engine == "processes":
        ex = _pool(workers)
        try:
            parts = ex.map(_apply_chunk, [analyser] * len(chunks), chunks)
            return [r for part in _progress(parts, chunks, progress, desc) for r in part]
        except BaseException:
            # A dead worker (BrokenProcessPool) or Ctrl-C: drop this pool and its queued work;
            # the next call starts a fresh one.
            _discard_pool(workers)
            raise
    futures = dask_client.map(_apply_chunk, [analyser] * len(chunks), chunks, pure=False)
    return [r for part in _progress((f.result() for f in futures), chunks, progress, desc)
            for r in part]


# Worker pools kept for the life of the process, one per worker count, so that worker start-up
# (imports, the CMU dictionary, VADER's lexicon: ~1.5 s) is paid once per session rather than
# once per analysis call. A resource cache, not analysis state: results never depend on it.
_POOLS: dict[int, ProcessPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


def _pool(workers: int) -> ProcessPoolExecutor:
    with _POOLS_LOCK:
        ex = _POOLS.get(workers)
        if ex is None:
            # forkserver: safe from threaded parents (Jupyter kernels, Dask) unlike fork. The
            # preload applies when this starts the process's fork server (not when the report
            # runner already did: its workers run notebooks, not analyses).
            ctx = get_context("forkserver")
            from multiprocessing import forkserver

            if not getattr(forkserver._forkserver, "_forkserver_pid", None):
                ctx.set_forkserver_preload(list(WORKER_PRELOAD))
            ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
            if not _POOLS:
                atexit.register(shutdown)
            _POOLS[workers] = ex
        return ex


def _discard_pool(workers: int) -> None:
    with _POOLS_LOCK:
        ex = _POOLS.pop(workers, None)
    if ex is not None:
        ex.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the worker processes that ``engine="processes"`` keeps between calls (also run at
    interpreter exit).

    >>> shutdown()
    """
    for workers in list(_POOLS):
        _discard_pool(workers)


def _progress(parts: Iterator[Any], chunks: Sequence[Sequence[Row]], enabled: bool,
              desc: str) -> Iterator[Any]:
    """Yield each chunk's results, advancing the progress bar by that chunk's documents."""
    from .progress import bar

    with bar(total=sum(len(c) for c in chunks), desc=desc, unit="doc", enabled=enabled) as b:
        for part, chunk in zip(parts, chunks, strict=False):
            yield part
            b.update(len(chunk))


class _DaskSession:
    """A Dask client for the run: the user's scheduler, or a LocalCluster closed afterwards."""

    def __init__(self, scheduler: str | None, workers: int) -> None:
        self.scheduler, self.workers = scheduler, workers
        self.client: Any = None
        self.cluster: Any = None

    def __enter__(self) -> Any:
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="10s")
            except (OSError, ValueError, TypeError) as exc:  # unreachable, timed out, not an address
                raise ParameterError(
                    f"cannot connect to the Dask scheduler {self.scheduler!r}: {exc}. Give its "
                    "address as tcp://HOST:PORT, or leave out --scheduler to start a local cluster"
                ) from None
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                        processes=True, dashboard_address=":0")
            self.client = Client(self.cluster)
        return self.client

    def __exit__(self, *exc: object) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _missing(v: Any) -> bool:
    """NaN/NaT/NA/None -> passed to the analyser as None (one missing-value convention)."""
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def _rows_of(frame: pd.DataFrame, inputs: Sequence[str], optional: Sequence[str] = ()
             ) -> list[Row]:
    missing = [c for c in ("doc_id", *inputs) if c not in frame.columns and c not in optional]
    if missing:
        raise ParameterError(f"the corpus has no column(s) {missing}; it has: "
                             f"{', '.join(map(str, frame.columns))}")
    ids = frame["doc_id"].astype(str).tolist()
    cols = [[None if _missing(v) else v for v in frame[c].tolist()] if c in frame.columns
            else [None] * len(ids) for c in inputs]
    return [(d, tuple(v)) for d, *v in zip(ids, *cols, strict=True)] if cols else \
        [(d, ()) for d in ids]


def _resolve_cache(analyser: Analyser, cache: bool | str | os.PathLike[str] | None
                   ) -> FeatureCache | None:
    """``False``: no cache; ``True``: the default folder; ``None``: ``$MEDIALENS_CACHE_DIR``
    when set (the report runner and the CLI set it), else no cache; a path: that folder."""
    if cache is False:
        return None
    if cache is None:
        env = os.environ.get(CACHE_ENV)
        return analyser.cache(env) if env else None
    root = default_cache_dir() if cache is True else Path(cache)
    return analyser.cache(root)


def _run_rows(analyser: Analyser, rows: list[Row], *, store: FeatureCache | None, engine: str,
              workers: int, chunksize: int | None, progress: bool, dask_client: Any
              ) -> tuple[pd.DataFrame, list[tuple[str, str]], int]:
    """Typed results for ``rows`` in input order: cached rows first looked up, the misses
    computed (and stored). Returns the frame, ``(doc_id, error)`` pairs and n computed."""
    schema = analyser.schema
    keys = [content_key(*values) for _, values in rows] if store is not None else []
    cached = store.get_frame(keys) if store is not None else None
    hit = set(cached[KEY].unique()) if cached is not None else set()
    todo = [i for i in range(len(rows)) if store is None or keys[i] not in hit]
    computed = _compute(analyser, [rows[i] for i in todo], engine=engine, workers=workers,
                        chunksize=chunksize, progress=progress, dask_client=dask_client)
    ok = [(i, recs) for i, (recs, err) in zip(todo, computed, strict=True) if err is None]
    errors = [(rows[i][0], err) for i, (_, err) in zip(todo, computed, strict=True)
              if err is not None]
    fresh = records_frame([rows[i][0] for i, _ in ok], [recs for _, recs in ok], schema)
    counts = np.fromiter((len(recs) for _, recs in ok), dtype=np.int64, count=len(ok))
    fresh.insert(0, "_pos", np.repeat(np.fromiter((i for i, _ in ok), np.int64, len(ok)), counts))
    fresh[INDEX] = np.arange(len(fresh), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts,
                                                                       counts)
    if store is None:
        return fresh.drop(columns=["_pos", INDEX]), errors, len(todo)
    empty = [(i, rows[i][0]) for (i, _), c in zip(ok, counts, strict=True) if c == 0]
    missing = placeholder(schema)  # once: one marker row per document without results
    markers = pd.DataFrame([{**missing, "_pos": i, "doc_id": d, INDEX: EMPTY}
                            for i, d in empty], columns=["_pos", "doc_id", *schema, INDEX])
    new = pd.concat([fresh, cast(markers, schema)], ignore_index=True) if empty else fresh
    new[KEY] = [keys[i] for i in new["_pos"]]
    # Documents with the same inputs (exact duplicates) share a key: store their rows once.
    first = {}
    for i in new["_pos"]:
        first.setdefault(keys[i], i)
    try:
        store.put_frame(new[[first[k] == i for k, i in zip(new[KEY], new["_pos"], strict=True)]])
    except CacheError as exc:
        # a read-only or full cache folder: the results are computed, so return them and say
        # the next run computes them again (failing here lost the whole run's work)
        warnings.warn(f"results not cached ({exc}); this run's results are complete. Give a "
                      "writable folder with --cache-dir (Python: cache=...) or switch the cache off",
                      RuntimeWarning, stacklevel=3)
    pos = [i for i in range(len(rows)) if keys[i] in hit]
    hits = pd.DataFrame({"_pos": pd.array(pos, dtype="int64"),
                         "doc_id": pd.array([rows[i][0] for i in pos], dtype="str"),
                         KEY: pd.array([keys[i] for i in pos], dtype="str")})
    from_cache = hits.merge(cached, on=KEY, how="inner")
    from_cache = from_cache[from_cache[INDEX] != EMPTY]
    frame = pd.concat([from_cache, fresh], ignore_index=True).sort_values(
        ["_pos", INDEX], kind="stable")
    frame = cast(frame[["doc_id", *schema]].reset_index(drop=True), schema)
    return frame, errors, len(todo)


def run(
    analyser: Analyser,
    corpus: pd.DataFrame | str | os.PathLike[str],
    *,
    engine: EngineName = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    cache: bool | str | os.PathLike[str] | None = None,
    chunksize: int | None = None,
    progress: bool = False,
) -> RunResult:
    """Apply ``analyser`` to every document of ``corpus`` and return its results in order.

    ``corpus`` is a Corpus DataFrame, or a path/URL to a Parquet corpus (file or partitioned
    folder) which is then read in batches (``engine="dask"``: with ``dask.dataframe``), so a
    corpus larger than memory works and only results come back. ``cache``: ``None``/``True``
    uses ``outputs/.cache`` (or ``$MEDIALENS_CACHE_DIR``), a path uses that folder, ``False``
    disables it. ``workers`` defaults to all cores.
    """
    _validate(engine, workers, scheduler)
    if isinstance(corpus, pd.DataFrame):
        check_ids(corpus["doc_id"] if "doc_id" in corpus.columns else None, where="the corpus")
    n_workers = workers or os.cpu_count() or 1
    store = _resolve_cache(analyser, cache)
    t0 = time.perf_counter()
    if engine == "dask" and not isinstance(corpus, pd.DataFrame):
        frame, errors, n_docs, n_computed = _run_parquet_dask(
            analyser, str(corpus), store=store, scheduler=scheduler, workers=n_workers,
            progress=progress)
    else:
        batches = [corpus] if isinstance(corpus, pd.DataFrame) else \
            _parquet_batches(corpus, analyser)
        frames, err_rows, n_docs, n_computed = [], [], 0, 0
        session = _DaskSession(scheduler, n_workers) if engine == "dask" else None
        client = session.__enter__() if session is not None else None
        try:
            for batch in batches:
                rows = _rows_of(batch, analyser.inputs, analyser.optional)
                part, errors, n_new = _run_rows(
                    analyser, rows, store=store, engine=engine, workers=n_workers,
                    chunksize=chunksize, progress=progress, dask_client=client)
                n_docs += len(rows)
                n_computed += n_new
                frames.append(part)
                err_rows += errors
        finally:
            if session is not None:
                session.__exit__(None, None, None)
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        errors = pd.DataFrame(err_rows, columns=["doc_id", "error"])
    stats = {"analyser": analyser.name, "version": analyser.version, "engine": engine,
             "workers": 1 if engine == "local" else n_workers, "n_docs": n_docs,
             "computed": n_computed, "cached": n_docs - n_computed,
             "errors": len(errors), "seconds": round(time.perf_counter() - t0, 3),
             "cache": str(store.folder) if store is not None else None}
    return RunResult(frame=frame, errors=errors, stats=stats)


def _partition_task(part: pd.DataFrame, analyser: Analyser, store: FeatureCache | None,
                    rename: Mapping[str, str] | None = None
                    ) -> tuple[pd.DataFrame, list[tuple[str, str]], int, int]:
    """One Dask partition: cache lookup, compute misses, cache them; return results only."""
    rows = _rows_of(part.rename(columns=dict(rename or {})), analyser.inputs, analyser.optional)
    frame, errors, n_new = _run_rows(analyser, rows, store=store, engine="local", workers=1,
                                     chunksize=None, progress=False, dask_client=None)
    return frame, errors, len(rows), n_new


def _run_parquet_dask(analyser: Analyser, path: str, *, store: FeatureCache | None,
                      scheduler: str | None, workers: int, progress: bool = False
                      ) -> tuple[pd.DataFrame, pd.DataFrame, int, int]:
    """Process a Parquet corpus partition by partition on Dask; only results are gathered.

    ``path`` may be any fsspec URL (``s3://...``) where the filesystem package is installed;
    with a remote scheduler, the cache folder must be on storage the workers share.
    """
    import dask
    import dask.dataframe as dd

    from .errors import CorpusError

    try:
        names = list(dd.read_parquet(path).columns)
        rename = _aliases(names, analyser)
        ddf = dd.read_parquet(path, columns=_input_columns(names, analyser))
        id_col = next((t for t, o in rename.items() if o == "doc_id"), "doc_id")
        ids = dd.read_parquet(path, columns=[id_col])[id_col].compute()
    except (OSError, ValueError, KeyError) as exc:
        raise CorpusError(f"cannot read as a Parquet corpus with columns "
                          f"{['doc_id', *analyser.inputs]}: {exc}", path=path) from exc
    check_ids(ids.astype(str).reset_index(drop=True), where=path)
    with _DaskSession(scheduler, workers) as client:
        from distributed import as_completed

        tasks = [dask.delayed(_partition_task)(part, analyser, store, rename)
                 for part in ddf.to_delayed()]
        futures = client.compute(tasks)
        from .progress import bar

        with bar(total=len(ids), desc=analyser.name, unit="doc", enabled=progress) as b:
            for done in as_completed(futures):
                b.update(done.result()[2])
        parts = client.gather(futures)
    frames = [p[0] for p in parts]
    frame = pd.concat(frames, ignore_index=True) if frames else \
        records_frame([], [], analyser.schema)
    errors = pd.DataFrame([e for p in parts for e in p[1]], columns=["doc_id", "error"])
    return frame, errors, sum(p[2] for p in parts), sum(p[3] for p in parts)


def check_ids(ids: pd.Series | None, *, where: str) -> None:
    """Every engine validates the same way: ``doc_id`` present and unique."""
    from .errors import CorpusError

    if ids is None:
        return  # reported as a missing column where the rows are built
    dup = ids[ids.duplicated(keep=False)]
    if dup.empty:
        return
    names = list(dict.fromkeys(dup.astype(str)))
    shown = ", ".join(repr(n) for n in names[:10]) + (" ..." if len(names) > 10 else "")
    raise CorpusError(f"{len(names)} doc_id values occur more than once in {where}: {shown}; "
                      "ids must be unique - fix the id column or map another one with "
                      "--columns doc_id=COL (Python: columns={'doc_id': ...})")


def _aliases(names: Sequence[str], analyser: Analyser) -> dict[str, str]:
    """``{their column: our column}`` for a Parquet corpus that names its columns with the
    loader's aliases (``body``, ``id`` ...), so on-disk corpora read like loaded ones."""
    from .corpus.frame import ALIASES, alias_key

    lower = {alias_key(n): n for n in names}
    rename = {}
    for ours in dict.fromkeys(("doc_id", *analyser.inputs)):
        if ours in names:
            continue
        for alias in ALIASES.get(ours, ()):
            theirs = lower.get(alias)
            if theirs is not None and theirs not in rename:
                rename[theirs] = ours
                break
    return rename


def _input_columns(names: Sequence[str], analyser: Analyser) -> list[str]:
    back = {ours: theirs for theirs, ours in _aliases(names, analyser).items()}
    wanted = dict.fromkeys(("doc_id", *analyser.inputs))  # ordered, no repeats
    return [back.get(c, c) for c in wanted if c in names or c in back or c not in analyser.optional]


def _parquet_batches(path: str | os.PathLike[str], analyser: Analyser) -> Iterator[pd.DataFrame]:
    """Read a Parquet corpus (file or partitioned folder) a batch at a time."""
    import pyarrow.dataset as ds

    from .errors import CorpusError

    try:
        dataset = ds.dataset(str(path), format="parquet")
    except (OSError, ValueError) as exc:
        raise CorpusError(f"cannot read as a Parquet corpus: {exc}", path=str(path)) from exc
    columns = _input_columns(dataset.schema.names, analyser)
    missing = [c for c in columns if c not in dataset.schema.names]
    if missing:
        raise CorpusError(f"Parquet corpus has no column(s) {missing}; it has: "
                          f"{', '.join(dataset.schema.names)}", path=str(path))
    rename = _aliases(dataset.schema.names, analyser)
    id_col = next((t for t, o in rename.items() if o == "doc_id"), "doc_id")
    ids = dataset.to_table(columns=[id_col]).column(0).to_pandas()
    check_ids(ids.astype(str), where=str(path))
    for batch in dataset.to_batches(columns=columns, batch_size=PARQUET_BATCH):
        yield batch.to_pandas().rename(columns=rename)


__all__ = ["ENGINES", "Analyser", "RunResult", "records_frame", "run", "shutdown"]
