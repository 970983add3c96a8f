"""Article metadata: publication dates (and, from text and HTML, title, dateline, source, language).

The one rule this module never breaks: a date it did not *find* is NaT with a reason, never a
guess. Dates without a time zone are read as UTC (and counted, so the load report can say so);
a numeric date whose day/month order cannot be told apart is refused unless the caller says
``dayfirst=``; a date missing its day ("March 2025") is incomplete, not the 1st.

>>> values, reasons, naive = parse_dates(["2025-03-04T09:14:00+01:00", "4 March 2025", None])
>>> [str(v) for v in values]
['2025-03-04 08:14:00+00:00', '2025-03-04 00:00:00+00:00', 'NaT']
>>> reasons.tolist()
[<NA>, <NA>, 'no date: the value is empty']
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from dateutil import parser as _dateparser

PUBLISHED_DTYPE = "datetime64[ns, UTC]"
EMPTY_DATE = "no date: the value is empty"

# Zone abbreviations seen in news datelines. dateutil knows only UTC/GMT/Z by itself and silently
# drops the others (with a warning), which would shift the time by hours.
_TZINFOS = {
    name: timezone(timedelta(hours=h))
    for name, h in {
        "GMT": 0, "UTC": 0, "UT": 0, "Z": 0, "BST": 1, "IST": 1, "CET": 1, "CEST": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    }.items()
}
_NUMERIC_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")
_MIN_YEAR, _MAX_YEAR = 1800, 2200
# Two different defaults: a field dateutil had to fill in differs between the two parses.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


class ParsedDates(NamedTuple):
    """Result of :func:`parse_dates`: UTC timestamps, a reason where NaT, and how many were naive."""

    values: pd.Series
    reasons: pd.Series
    assumed_utc: int


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _numeric_order(values: Iterable[str]) -> bool | None:
    """Day-first (True), month-first (False) or undecided (None) from the unambiguous values."""
    day_first = month_first = False
    for v in values:
        m = _NUMERIC_DMY.match(v)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            day_first |= a > 12 >= b
            month_first |= b > 12 >= a
    if day_first == month_first:  # neither seen, or both (an inconsistent column)
        return None
    return day_first


def _parse_one(text: str, dayfirst: bool | None) -> tuple[pd.Timestamp | None, str | None, bool]:
    """One free-form date string -> (timestamp, reason if refused, was naive)."""
    m = _NUMERIC_DMY.match(text)
    if m and dayfirst is None:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 and b <= 12 and a != b:
            return None, f"ambiguous day/month order: {text!r} (pass dayfirst=True or False)", False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # UnknownTimezoneWarning: we check tzinfo below
            first = _dateparser.parse(text, default=_DEFAULT_A, dayfirst=bool(dayfirst),
                                      tzinfos=_TZINFOS)
            second = _dateparser.parse(text, default=_DEFAULT_B, dayfirst=bool(dayfirst),
                                       tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None, f"unparseable date: {text!r}", False
    if first.date() != second.date():
        return None, f"incomplete date (no day, month or year): {text!r}", False
    if not _MIN_YEAR <= first.year <= _MAX_YEAR:
        return None, f"implausible year {first.year}: {text!r}", False
    naive = first.tzinfo is None
    ts = pd.Timestamp(first)
    ts = ts.tz_localize("UTC") if naive else ts.tz_convert("UTC")
    return ts, None, naive


def parse_dates(values: Iterable[Any], *, dayfirst: bool | None = None) -> ParsedDates:
    """Parse date values (strings, datetimes, epoch seconds) into tz-aware UTC timestamps.

    ISO 8601 strings take a fast vectorised path; anything else is parsed one by one with
    dateutil, refusing ambiguous day/month orders (unless ``dayfirst`` is given, or other values
    of the same column settle the order), incomplete dates and implausible years. Naive values
    are read as UTC and counted in ``assumed_utc``.

    >>> parse_dates(["04/03/2025", "25/03/2025"]).values.dt.month.tolist()  # 25/03 settles it
    [3, 3]
    >>> parse_dates(["04/03/2025"]).reasons[0]
    "ambiguous day/month order: '04/03/2025' (pass dayfirst=True or False)"
    >>> parse_dates(["March 2025"]).reasons[0]
    "incomplete date (no day, month or year): 'March 2025'"
    """
    raw = pd.Series(list(values), dtype=object)
    n = len(raw)
    out = pd.Series(pd.NaT, index=range(n), dtype=PUBLISHED_DTYPE)
    reasons = pd.Series(pd.NA, index=range(n), dtype="string")
    if n == 0:
        return ParsedDates(out, reasons, 0)
    assumed_utc = 0
    missing = raw.map(_is_missing).to_numpy(bool)
    reasons[missing] = EMPTY_DATE

    # Already datetimes (Parquet, pandas frames).
    is_dt = raw.map(lambda v: isinstance(v, datetime)).to_numpy(bool) & ~missing
    for i in np.flatnonzero(is_dt):
        ts = pd.Timestamp(raw.iloc[i])
        if ts.tzinfo is None:
            assumed_utc += 1
            ts = ts.tz_localize("UTC")
        out.iloc[i] = ts.tz_convert("UTC")

    # Epoch numbers: seconds, or milliseconds when too large to be seconds.
    is_num = raw.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))
                     and not isinstance(v, bool)).to_numpy(bool) & ~missing
    for i in np.flatnonzero(is_num):
        v = float(raw.iloc[i])
        unit = "s" if abs(v) < 1e11 else "ms"
        ts = pd.Timestamp(v, unit=unit, tz="UTC")
        if _MIN_YEAR <= ts.year <= _MAX_YEAR and abs(v) > 1e8:
            out.iloc[i] = ts
        else:
            reasons.iloc[i] = f"a number that is not a date: {v!r}"

    is_str = ~(missing | is_dt | is_num)
    if is_str.any():
        texts = raw[is_str].map(lambda v: str(v).strip())
        # Vectorised ISO 8601 first (covers most exports); anything else falls through.
        iso = pd.to_datetime(texts, utc=True, format="ISO8601", errors="coerce")
        iso_ok = iso.notna() & texts.str.match(r"^\d{4}-\d{2}-\d{2}")
        iso_ok &= iso.dt.year.between(_MIN_YEAR, _MAX_YEAR)
        naive_iso = ~texts.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True)
        assumed_utc += int((iso_ok & naive_iso & texts.str.contains("T| \\d")).sum())
        out[iso_ok[iso_ok].index] = iso[iso_ok].astype(PUBLISHED_DTYPE)
        rest = texts[~iso_ok]
        order = dayfirst if dayfirst is not None else _numeric_order(rest)
        for i, text in rest.items():
            ts, reason, naive = _parse_one(text, order)
            if ts is None:
                reasons[i] = reason
            else:
                out[i] = ts
                assumed_utc += naive and bool(re.search(r"\d:\d", text))
    return ParsedDates(out, reasons, assumed_utc)


__all__ = ["EMPTY_DATE", "PUBLISHED_DTYPE", "ParsedDates", "parse_dates"]
