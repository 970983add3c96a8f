"""The feature cache: per-document results keyed by content hash + analyser identity.

Layout: ``<root>/<analyser name>/<version>/<options hash>/<FORMAT>/part-<sha256>.parquet``. Each part is a
Parquet table of result rows in the analyser's own typed schema plus two columns: ``_key``
(sha256 of the document's inputs, :func:`content_key`) and ``_i`` (the row's index among its
document's results; ``-1`` marks a document that has no result rows, e.g. no poll figures, so
that it is not recomputed). Parquet stores float64, int64, strings and timestamps exactly, so
a cached row equals the freshly computed one bit for bit; reading it is columnar (no per-row
decoding), which is what makes a warm re-run cheap.

Concurrency and interruption: writers never modify a file. Each write goes to a temporary name
in the same folder and is renamed into place (atomic on POSIX), so two reports running at once
only ever add whole parts (a document computed by both is stored twice and read once), and a
killed run leaves at most a ``.tmp`` file that readers ignore.

Integrity: a part's file name carries the sha256 of its bytes (named in the same atomic
rename that publishes it), and every read hashes the bytes before decoding them. A part that
fails the check or fails to read (a flipped bit, a truncation by something outside medialens)
is moved aside to ``*.corrupt`` with a warning and its documents are recomputed: a damaged part
is never served as results. Parquet's own page checksums are optional and do not cover every
byte; a flipped bit in a float would otherwise decode to a different, valid-looking value.

>>> import tempfile
>>> schema = {"n_words": "int64", "score": "float64"}
>>> c = FeatureCache(tempfile.mkdtemp(), name="demo", version="1", schema=schema)
>>> k = content_key("Some text.")
>>> len(c.get_frame([k]))
0
>>> c.put_frame(pd.DataFrame({"_key": [k], "_i": [0], "n_words": [2], "score": [0.1]}))
>>> c.get_frame([k])[["_i", "n_words", "score"]].values.tolist()
[[0.0, 2.0, 0.1]]
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import uuid
import warnings
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .errors import CacheError

Records = list[dict[str, Any]]

#: Environment variable naming the cache folder for library calls made with ``cache=None``
#: (the report runner sets it for its notebook kernels; the CLI sets it from --cache-dir).
CACHE_ENV = "MEDIALENS_CACHE_DIR"

#: Layout of the part files; part of the folder path, so a changed layout starts afresh.
FORMAT = "rows2"  # rows2: parts named by their sha256

#: Parts are merged into one when a folder holds more than this many.
COMPACT_AFTER = 64

KEY, INDEX = "_key", "_i"
#: ``_i`` of the placeholder row stored for a document without result rows.
EMPTY = -1


def file_digest(data: bytes) -> str:
    """The checksum written into a part's name: sha256 of its bytes (hex)."""
    return hashlib.sha256(data).hexdigest()


def checked_name(path: Path) -> str | None:
    """The sha256 a checksummed file's name promises (``<stem>-<64 hex>.<ext>``), else None."""
    stem = path.name.split(".", 1)[0]
    digest = stem.rsplit("-", 1)[-1]
    if len(digest) == 64 and all(c in "0123456789abcdef" for c in digest):
        return digest
    return None


def read_checked(path: Path) -> bytes:
    """The bytes of a checksummed file, verified against its name.

    Raises :class:`ChecksumError` on a mismatch (or a name without a checksum) and
    ``FileNotFoundError`` when the file has gone (compacted or replaced meanwhile).
    """
    data = path.read_bytes()
    promised = checked_name(path)
    if promised is None:
        raise ChecksumError(f"{path.name} carries no checksum in its name")
    actual = file_digest(data)
    if actual != promised:
        raise ChecksumError(f"checksum mismatch (sha256 {actual[:12]}..., name says "
                            f"{promised[:12]}...)")
    return data


def write_checked(folder: Path, prefix: str, suffix: str,
                  write: Callable[[Path], None]) -> Path:
    """Write a file through ``write(tmp_path)`` and publish it atomically as
    ``<prefix>-<sha256 of its bytes><suffix>`` in ``folder``.

    Two writers of identical bytes publish the same name (harmless: same content).
    """
    tmp = folder / f".{prefix}-{uuid.uuid4().hex}{suffix}.tmp"
    try:
        write(tmp)
        digest = file_digest(tmp.read_bytes())
        final = folder / f"{prefix}-{digest}{suffix}"
        os.replace(tmp, final)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise CacheError(f"cannot write to cache folder {folder}: {exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)  # e.g. a frame Arrow cannot store: leave no temp file
        raise
    return final


def quarantine(path: Path, exc: BaseException, *, what: str = "feature cache part",
               stacklevel: int = 4) -> None:
    """Move a damaged cache file aside (``*.corrupt``) with a warning; it is never trusted."""
    warnings.warn(f"{what} {path} is unreadable or damaged ({exc}); moved aside and "
                  "recomputed", RuntimeWarning, stacklevel=stacklevel)
    # Another process may already have moved it; either way it is out of the way.
    with contextlib.suppress(OSError):
        os.replace(path, path.with_name(path.name + ".corrupt"))


class ChecksumError(ValueError):
    """A cache file's bytes do not match the checksum in its name."""


def content_key(*parts: object) -> str:
    """sha256 over the document inputs (text plus any other input the analyser reads).

    >>> content_key("abc") == content_key("abc") != content_key("abc", "de")
    True
    """
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, str):
            s = p
        elif p is None or (isinstance(p, float) and math.isnan(p)):
            s = "\x00<NA>"
        elif isinstance(p, pd.Timestamp):
            s = f"\x00ts:{p.value}:{p.tz}"  # str(Timestamp) is ~5x slower and equivalent
        else:
            s = str(p)
        h.update(s.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()


def options_hash(options: Mapping[str, Any]) -> str:
    """A short stable hash of an analyser's options (order-independent)."""
    blob = json.dumps(dict(options), sort_keys=True, default=repr)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def placeholder(schema: Mapping[str, str]) -> dict[str, Any]:
    """A row of the schema's "missing" values, for the ``_i == -1`` marker of an empty result.

    >>> placeholder({"a": "float64", "b": "bool", "c": "str"})
    {'a': nan, 'b': False, 'c': None}
    """
    values: dict[str, Any] = {}
    for col, dtype in schema.items():
        if dtype == "bool":
            values[col] = False
        elif dtype.startswith(("int", "uint")):
            values[col] = 0
        elif dtype.startswith("float"):
            values[col] = math.nan
        elif dtype.startswith("datetime64"):
            values[col] = pd.NaT
        else:
            values[col] = None
    return values


def cast(frame: pd.DataFrame, schema: Mapping[str, str]) -> pd.DataFrame:
    """Cast ``frame``'s schema columns to their dtypes (in place; returned for chaining)."""
    for col, dtype in schema.items():
        if col not in frame:
            continue
        if dtype.startswith("datetime64"):
            if str(frame[col].dtype) != dtype:
                # to_datetime infers a unit (us from ISO strings, ns from Timestamps): pin it.
                frame[col] = pd.to_datetime(frame[col], utc="UTC" in dtype).astype(dtype)
        elif dtype == "str" or str(frame[col].dtype) != dtype:
            frame[col] = frame[col].astype(dtype)
    return frame


class FeatureCache:
    """Per-document results of one analyser configuration, stored as typed Parquet parts."""

    def __init__(self, root: str | os.PathLike[str], *, name: str, version: str,
                 options: Mapping[str, Any] | None = None,
                 schema: Mapping[str, str] | None = None) -> None:
        self.root = Path(root)
        self.name, self.version = name, version
        self.options = dict(options or {})
        self.schema = dict(schema or {})
        self.folder = self.root / name / str(version) / options_hash(self.options) / FORMAT

    def __repr__(self) -> str:
        return f"FeatureCache({str(self.folder)!r})"

    # -- reading ---------------------------------------------------------------------------
    def _parts(self) -> list[Path]:
        return sorted(self.folder.glob("part-*.parquet")) if self.folder.is_dir() else []

    def _read_part(self, path: Path, wanted: set[str] | None) -> pd.DataFrame | None:
        try:
            table = pq.read_table(pa.BufferReader(read_checked(path)))
            missing = [c for c in (KEY, INDEX, *self.schema) if c not in table.column_names]
            if missing:  # another layout (an older medialens, another schema): not trusted
                raise ValueError(f"columns {missing} missing")
            if wanted is not None:
                table = table.filter(pc.is_in(table[KEY], value_set=pa.array(list(wanted),
                                                                            pa.string())))
            return table.to_pandas()
        except FileNotFoundError:
            return None  # compacted away by a concurrent run between listing and reading
        except (OSError, ValueError, pa.ArrowException) as exc:
            self._quarantine(path, exc)
            return None

    def _quarantine(self, path: Path, exc: Exception) -> None:
        quarantine(path, exc, stacklevel=5)

    def _empty(self) -> pd.DataFrame:
        frame = pd.DataFrame({KEY: pd.Series(dtype="str"), INDEX: pd.Series(dtype="int64"),
                              **{c: pd.Series(dtype="object") for c in self.schema}})
        return cast(frame, self.schema)

    def get_frame(self, keys: Iterable[str]) -> pd.DataFrame:
        """The stored rows (``_key``, ``_i``, schema columns) of the given keys, each key's rows
        from one part only. Placeholder rows (``_i == -1``) are included: they say "no rows"."""
        remaining = set(keys)
        found = []
        for part in self._parts():
            if not remaining:
                break
            rows = self._read_part(part, remaining)
            if rows is None or rows.empty:
                continue
            found.append(rows)
            remaining -= set(rows[KEY].unique())
        if not found:
            return self._empty()
        frame = pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]
        frame[INDEX] = frame[INDEX].astype("int64")
        frame = frame.drop_duplicates([KEY, INDEX], keep="first")  # a part written twice
        return cast(frame, self.schema)

    def keys(self) -> set[str]:
        """Every key stored (reads only the key column)."""
        out: set[str] = set()
        for part in self._parts():
            try:
                data = pa.BufferReader(read_checked(part))
                out.update(pq.read_table(data, columns=[KEY]).column(KEY).to_pylist())
            except FileNotFoundError:
                continue
            except (OSError, ValueError, pa.ArrowException) as exc:
                self._quarantine(part, exc)
        return out

    # -- writing ---------------------------------------------------------------------------
    def put_frame(self, frame: pd.DataFrame) -> None:
        """Store result rows (``_key``, ``_i``, schema columns) as one new part, atomically."""
        if frame.empty:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create cache folder {self.folder}: {exc}") from exc
        cols = [KEY, INDEX, *self.schema]
        self._write_atomic(pa.Table.from_pandas(frame[cols], preserve_index=False))
        if len(self._parts()) > COMPACT_AFTER:
            self.compact()

    def _write_atomic(self, table: pa.Table) -> Path:
        return write_checked(self.folder, "part", ".parquet",
                             lambda tmp: pq.write_table(table, tmp, compression="zstd"))

    def compact(self) -> None:
        """Merge all parts into one (new part written first, old parts removed after)."""
        parts = self._parts()
        if len(parts) < 2:
            return
        frames, seen = [], set()
        new: Path | None = None
        for part in parts:
            rows = self._read_part(part, None)
            if rows is None:
                continue
            rows = rows[~rows[KEY].isin(seen)]  # a key's rows come from one part only
            seen.update(rows[KEY].unique())
            frames.append(cast(rows, self.schema))
        if frames:
            merged = pd.concat(frames, ignore_index=True)
            new = self._write_atomic(pa.Table.from_pandas(merged[[KEY, INDEX, *self.schema]],
                                                          preserve_index=False))
        for part in parts:
            if part != new:  # identical bytes re-published under the same name: keep it
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
    "EMPTY",
    "ChecksumError",
    "FeatureCache",
    "cast",
    "content_key",
    "default_cache_dir",
    "options_hash",
    "placeholder",
    "quarantine",
    "read_checked",
    "write_checked",
]
