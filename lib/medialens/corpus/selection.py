"""Working with a loaded corpus: :func:`select` (a date range and/or sources) and
:func:`fingerprint` (a hash of its contents that ignores row order).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..errors import ParameterError


def select(df: pd.DataFrame, *, date_from: Any = None, date_to: Any = None,
           sources: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Rows of a corpus published in ``[date_from, date_to]`` and/or from ``sources``.

    ``date_to`` is inclusive; a date without a time includes that whole day. Undated rows are
    left out as soon as a date bound is given (they cannot be placed in the range);
    ``attrs["undated_left_out"]`` counts them (of the chosen ``sources``), so a report can say
    so instead of showing "undated 0".

    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "source": ["Clarion", "Ledger"],
    ...     "published": pd.to_datetime(["2025-03-04 18:00", "2025-04-01 09:00"], utc=True)})
    >>> select(df, date_to="2025-03-04").doc_id.tolist()
    ['a']
    >>> undated = pd.concat([df, pd.DataFrame({"doc_id": ["c"], "source": ["Ledger"]})])
    >>> select(undated, date_from="2025-01-01").attrs["undated_left_out"]
    1
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
    in_sources = (df["source"].isin(wanted) if wanted is not None
                  else pd.Series(True, index=df.index))
    undated_out = 0
    if lo is not None or hi is not None:
        published = (pd.to_datetime(df["published"], utc=True) if "published" in df.columns
                     else pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]"))
        undated_out = int((published.isna() & in_sources).sum())
        if lo is not None:
            mask &= published >= lo
        if hi is not None:
            # _bound moved a whole-day date_to to the next midnight: compare with <.
            mask &= published < hi if _is_day(date_to) else published <= hi
    mask &= in_sources
    out = df[mask.fillna(False).astype(bool)]
    out.attrs = {**df.attrs, "undated_left_out": undated_out}
    return out


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
