"""The feature cache: per-document results keyed by content hash + analyser identity.

Layout: ``<root>/<analyser name>/<version>/<options hash>/part-<uuid>.parquet``. Each part is
a Parquet table with two columns, ``key`` (sha256 of the document's inputs) and ``payload``
(the document's result records as JSON). Storing the records as JSON rather than as typed
columns makes a cached result *exactly* the record list the analyser returned (floats
round-trip bit for bit through ``repr``), whatever the analyser's schema, so a cached run and
a fresh run build their DataFrames through the same code path.

Concurrency and interruption: writers never modify a file. Each ``put`` writes a new part under
a temporary name in the same folder and renames it into place (atomic on POSIX), so two reports
running at once only ever add whole parts, and a killed run leaves at most a ``.tmp`` file that
readers ignore. A part that fails to read (corrupted, truncated by something outside medialens)
is moved aside to ``*.corrupt`` and its documents are recomputed: never trusted.

>>> import tempfile
>>> c = FeatureCache(tempfile.mkdtemp(), name="demo", version="1", options={"lang": "en"})
>>> k = content_key("Some text.")
>>> c.get_many([k])
{}
>>> c.put_many({k: [{"n_words": 2, "score": 0.1}]})
>>> c.get_many([k])[k]
[{'n_words': 2, 'score': 0.1}]
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import math
import os
import uuid
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .errors import CacheError

Records = list[dict[str, Any]]

#: Environment variable naming the cache folder for library calls made with ``cache=None``
#: (the report runner sets it for its notebook kernels; the CLI sets it from --cache-dir).
CACHE_ENV = "MEDIALENS_CACHE_DIR"

#: Parts are merged into one when a folder holds more than this many.
COMPACT_AFTER = 64


def content_key(*parts: object) -> str:
    """sha256 over the document inputs (text plus any other input the analyser reads).

    >>> content_key("abc") == content_key("abc") != content_key("abc", "de")
    True
    """
    h = hashlib.sha256()
    for p in parts:
        s = "\x00<NA>" if p is None or (isinstance(p, float) and math.isnan(p)) else str(p)
        h.update(s.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def options_hash(options: Mapping[str, Any]) -> str:
    """A short stable hash of an analyser's options (order-independent)."""
    blob = json.dumps(dict(options), sort_keys=True, default=repr)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


# --- exact JSON for result records -------------------------------------------------------

def _encode(obj: Any) -> Any:
    if isinstance(obj, pd.Timestamp):
        return {"__ts__": obj.isoformat()} if not pd.isna(obj) else None
    if isinstance(obj, _dt.datetime):
        return {"__ts__": pd.Timestamp(obj).isoformat()}
    if isinstance(obj, _dt.date):
        return {"__date__": obj.isoformat()}
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if obj is pd.NaT or obj is pd.NA:
        return None
    if isinstance(obj, tuple | set | np.ndarray):
        return list(obj)
    raise TypeError(f"cannot cache a value of type {type(obj).__name__}: {obj!r}")


def _decode(d: dict[str, Any]) -> Any:
    if len(d) == 1:
        if "__ts__" in d:
            return pd.Timestamp(d["__ts__"])
        if "__date__" in d:
            return _dt.date.fromisoformat(d["__date__"])
    return d


def dumps_records(records: Records) -> str:
    """JSON for a record list; NaN/inf kept (Python's JSON extension), timestamps tagged."""
    return json.dumps(records, default=_encode, allow_nan=True, separators=(",", ":"))


def loads_records(payload: str) -> Records:
    return json.loads(payload, object_hook=_decode)


class FeatureCache:
    """Per-document results of one analyser configuration, stored as Parquet parts."""

    def __init__(self, root: str | os.PathLike[str], *, name: str, version: str,
                 options: Mapping[str, Any] | None = None) -> None:
        self.root = Path(root)
        self.name, self.version = name, version
        self.options = dict(options or {})
        self.folder = self.root / name / str(version) / options_hash(self.options)

    def __repr__(self) -> str:
        return f"FeatureCache({str(self.folder)!r})"

    # -- reading ---------------------------------------------------------------------------
    def _parts(self) -> list[Path]:
        return sorted(self.folder.glob("part-*.parquet")) if self.folder.is_dir() else []

    def _read_part(self, path: Path, wanted: set[str] | None) -> dict[str, str]:
        try:
            table = pq.read_table(path, columns=["key", "payload"])
        except FileNotFoundError:
            return {}  # compacted away by a concurrent run between listing and reading
        except (OSError, pa.ArrowException) as exc:
            self._quarantine(path, exc)
            return {}
        keys = table.column("key").to_pylist()
        payloads = table.column("payload")
        out: dict[str, str] = {}
        for i, k in enumerate(keys):
            if (wanted is None or k in wanted) and k not in out:
                out[k] = payloads[i].as_py()
        return out

    def _quarantine(self, path: Path, exc: Exception) -> None:
        warnings.warn(f"feature cache part {path} is unreadable ({exc}); moved aside and its "
                      "documents will be recomputed", RuntimeWarning, stacklevel=3)
        # Another process may already have moved it; either way it is out of the way.
        with contextlib.suppress(OSError):
            os.replace(path, path.with_suffix(".corrupt"))

    def get_many(self, keys: Iterable[str]) -> dict[str, Records]:
        """Cached records for the given keys (missing keys are simply absent)."""
        wanted = set(keys)
        found: dict[str, str] = {}
        for part in self._parts():
            if len(found) == len(wanted):
                break
            for k, payload in self._read_part(part, wanted - found.keys()).items():
                found.setdefault(k, payload)
        out: dict[str, Records] = {}
        for k, payload in found.items():
            try:
                out[k] = loads_records(payload)
            except ValueError:
                continue  # an unreadable payload is a miss, recomputed and rewritten
        return out

    def keys(self) -> set[str]:
        """Every key stored (reads only the key column)."""
        out: set[str] = set()
        for part in self._parts():
            try:
                out.update(pq.read_table(part, columns=["key"]).column("key").to_pylist())
            except FileNotFoundError:
                continue
            except (OSError, pa.ArrowException) as exc:
                self._quarantine(part, exc)
        return out

    # -- writing ---------------------------------------------------------------------------
    def put_many(self, results: Mapping[str, Records]) -> None:
        """Store results (key -> record list) as one new part, atomically."""
        if not results:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create cache folder {self.folder}: {exc}") from exc
        keys = list(results)
        table = pa.table({"key": pa.array(keys, pa.string()),
                          "payload": pa.array([dumps_records(results[k]) for k in keys],
                                              pa.large_string())})
        self._write_atomic(table)
        if len(self._parts()) > COMPACT_AFTER:
            self.compact()

    def _write_atomic(self, table: pa.Table) -> Path:
        name = f"part-{uuid.uuid4().hex}.parquet"
        tmp = self.folder / f".{name}.tmp"
        try:
            pq.write_table(table, tmp, compression="zstd")
            os.replace(tmp, self.folder / name)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CacheError(f"cannot write to cache folder {self.folder}: {exc}") from exc
        return self.folder / name

    def compact(self) -> None:
        """Merge all parts into one (new part written first, old parts removed after)."""
        parts = self._parts()
        if len(parts) < 2:
            return
        merged: dict[str, str] = {}
        for part in parts:
            for k, payload in self._read_part(part, None).items():
                merged.setdefault(k, payload)
        self._write_atomic(pa.table({"key": pa.array(list(merged), pa.string()),
                                     "payload": pa.array(list(merged.values()),
                                                         pa.large_string())}))
        for part in parts:
            part.unlink(missing_ok=True)

    def clear(self) -> None:
        for part in self._parts():
            part.unlink(missing_ok=True)


def default_cache_dir() -> Path:
    """``outputs/.cache`` under the current directory (``$MEDIALENS_CACHE_DIR`` overrides)."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path("outputs") / ".cache"


__all__ = [
    "CACHE_ENV",
    "COMPACT_AFTER",
    "FeatureCache",
    "content_key",
    "default_cache_dir",
    "dumps_records",
    "loads_records",
    "options_hash",
]
