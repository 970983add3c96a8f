"""Article metadata: publication dates (and, from text and HTML, title, dateline, source, language).

The one rule this module never breaks: a date it did not *find* is NaT with a reason, never a
guess. Dates without a time zone are read as UTC (and counted, so the load report can say so);
a numeric date whose day/month order cannot be told apart is refused unless the caller says
``dayfirst=``; a date missing its day ("March 2025") is incomplete, not the 1st.

>>> parsed = parse_dates(["2025-03-04T09:14:00+01:00", "4 March 2025", None])
>>> [str(v) for v in parsed.values]
['2025-03-04 08:14:00+00:00', '2025-03-04 00:00:00+00:00', 'NaT']
>>> parsed.reasons.tolist()
[<NA>, <NA>, 'no date: the value is empty']

A date written with an offset is converted to UTC; when that moves it to another calendar day
(and so into another day, week or month of every count) it is counted for the load report:

>>> parse_dates(["2024-03-04T23:30:00-05:00"]).day_moved
1
"""

from __future__ import annotations

import functools
import math
import re
import warnings
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from dateutil import parser as _dateparser

PUBLISHED_DTYPE = "datetime64[ns, UTC]"
EMPTY_DATE = "no date: the value is empty"

# Zone abbreviations seen in news datelines. dateutil knows only UTC/GMT/Z by itself and silently
# drops the others (with a warning), which would shift the time by hours.
_TZINFOS: dict[str, Any] = {
    name: timezone(timedelta(hours=h))
    for name, h in {
        "GMT": 0, "UTC": 0, "UT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
        "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    }.items()
}
# Abbreviations that name several zones in English-language news: IST is India (+5:30),
# Ireland (+1) and Israel (+2), CST US Central (-6) and China (+8), AST Atlantic (-4) and
# Arabia (+3). Picking one would be a guess ("02:30 IST" from an Indian outlet moved to the
# previous day), so such a time is read like one without a zone: its clock time as UTC,
# counted among the times without a zone in the load report. (BST stays British Summer
# Time: Bangladesh's is rare in English news.)
_TZINFOS.update({name: None for name in ("IST", "CST", "AST")})
# US zones written without standard/daylight ("10:00 AM ET"): the zone's offset on that date.
_TZINFOS.update({name: ZoneInfo(zone) for name, zone in {
    "ET": "America/New_York", "PT": "America/Los_Angeles", "MT": "America/Denver"}.items()})
# "GMT+1", "UTC+05:30", "GMT-5": news means UTC plus the offset, but dateutil reads the POSIX
# way round ("GMT+3" is three hours BEHIND UTC), which moved such times by twice the offset.
# They are rewritten as ISO offsets before parsing.
_RE_GMT_OFFSET = re.compile(r"\b(?:GMT|UTC|UT)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?\b")
# Words some exports write for "no value".
_NULL_WORDS = frozenset({"nan", "nat", "null", "none", "n/a", "na", "-"})
_NUMERIC_DMY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\b")
# The year first ("2005/01/10", "2005.01.10", "20050110"): year, month, day wherever it is
# written. Without this a column whose other rows are day-first ("25/01/2005") made dateutil
# read "2005/01/10" as 1 October.
_YEAR_FIRST = re.compile(r"^\s*(?:\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2}|(?:1[89]|2[0-2])\d{6})(?!\d)")
_MIN_YEAR, _MAX_YEAR = 1800, 2200
_MAX_OFFSET = timedelta(hours=14)  # Kiribati; a "+25:00" is a typo, not a time zone
_RE_ISO_OFFSET = re.compile(r"[+-](\d{2}):?\d{2}$")  # the hours of an ISO offset
# Two different defaults: a field dateutil had to fill in differs between the two parses.
_DEFAULT_A = datetime(2001, 1, 1)
_DEFAULT_B = datetime(2002, 2, 2)


class ParsedDates(NamedTuple):
    """Result of :func:`parse_dates`: UTC timestamps, a reason where NaT, how many were naive,
    and how many written with a UTC offset fall on another calendar day in UTC (with the first
    such value)."""

    values: pd.Series
    reasons: pd.Series
    assumed_utc: int
    day_moved: int = 0
    day_moved_example: str = ""
    day_moved_utc: pd.Timestamp | None = None  # the example's value in UTC


def _is_missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return isinstance(v, str) and (not v.strip() or v.strip().lower() in _NULL_WORDS)


def _gmt_offset(text: str) -> str:
    """ "10:00 GMT+1" -> "10:00 +01:00" (see :data:`_RE_GMT_OFFSET`).

    >>> _gmt_offset("2025-03-04 10:00 UTC+5:30"), _gmt_offset("Tue 4 Mar 2025 09:14 GMT")
    ('2025-03-04 10:00 +05:30', 'Tue 4 Mar 2025 09:14 GMT')
    """
    return _RE_GMT_OFFSET.sub(lambda m: f"{'-' if m.group(1) in '-−' else '+'}{int(m.group(2)):02d}:"
                              f"{m.group(3) or '00'}", text)


def _from_datetime(value: Any) -> tuple[pd.Timestamp | None, str | None, bool]:
    """A datetime value (Parquet, pandas) -> (UTC timestamp, reason if refused, was naive)."""
    try:
        ts = pd.Timestamp(value)
    except (ValueError, OverflowError) as exc:  # e.g. year 2300 at nanosecond precision
        return None, f"date out of range: {value!s} ({exc})", False
    if ts is pd.NaT:
        return None, EMPTY_DATE, False
    if not _MIN_YEAR <= ts.year <= _MAX_YEAR:
        return None, f"implausible year {ts.year}: {value!s}", False
    naive = ts.tzinfo is None
    ts = ts.tz_localize("UTC") if naive else ts.tz_convert("UTC")
    return ts.as_unit("ns"), None, naive


# Epoch magnitudes: below 1e11 seconds, then milli-, micro-, nanoseconds (1.7e18 ns = 2023).
_EPOCH_UNITS = ((1e11, 1.0), (1e14, 1e3), (1e17, 1e6), (1e20, 1e9))


def _from_epoch(value: Any) -> pd.Timestamp | None:
    """An epoch number -> UTC timestamp, or None when it cannot be a publication date."""
    v = float(value)
    if not math.isfinite(v) or abs(v) <= 1e8:  # 1e8 s is 1973: smaller numbers are counts
        return None
    for bound, per_second in _EPOCH_UNITS:
        if abs(v) < bound:
            seconds = v / per_second
            break
    else:
        return None
    lo = (datetime(_MIN_YEAR, 1, 1) - datetime(1970, 1, 1)).total_seconds()
    hi = (datetime(_MAX_YEAR + 1, 1, 1) - datetime(1970, 1, 1)).total_seconds()
    if not lo <= seconds < hi:
        return None
    if isinstance(value, (int, np.integer)):  # exact: no float rounding of ns epochs
        unit = {1.0: "s", 1e3: "ms", 1e6: "us", 1e9: "ns"}[per_second]
        return pd.Timestamp(int(value), unit=unit, tz="UTC").as_unit("ns")
    return pd.Timestamp(seconds, unit="s", tz="UTC").as_unit("ns")


# Nine or more digits: epoch seconds (1e8 s is 1973) or ms/us/ns; eight digits stay with dateutil
# because "20250304" is a compact date.
_EPOCH_TEXT = re.compile(r"^-?\d{9,19}(?:\.\d+)?$")


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


def _parse_one(text: str, dayfirst: bool | None
               ) -> tuple[pd.Timestamp | None, str | None, bool, date | None]:
    """One free-form date string -> (timestamp, reason if refused, was naive, the calendar day
    as written)."""
    text = _gmt_offset(text)
    yearfirst = bool(_YEAR_FIRST.match(text))
    if yearfirst:
        dayfirst = False
    m = _NUMERIC_DMY.match(text)
    if m and dayfirst is None and text[m.end(1)] == ".":
        dayfirst = True  # "04.03.2024": dotted dates are day-first wherever they are written
    if m and dayfirst is None:
        a, b = int(m.group(1)), int(m.group(2))
        if a <= 12 and b <= 12 and a != b:
            return None, f"ambiguous day/month order: {text!r} (pass dayfirst=True or False)", False, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # UnknownTimezoneWarning: we check tzinfo below
            first = _dateparser.parse(text, default=_DEFAULT_A, dayfirst=bool(dayfirst),
                                      yearfirst=yearfirst, tzinfos=_TZINFOS)
            second = _dateparser.parse(text, default=_DEFAULT_B, dayfirst=bool(dayfirst),
                                       yearfirst=yearfirst, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None, f"unparseable date: {text!r}", False, None
    if first.date() != second.date():
        return None, f"incomplete date (no day, month or year): {text!r}", False, None
    if not _MIN_YEAR <= first.year <= _MAX_YEAR:
        return None, f"implausible year {first.year}: {text!r}", False, None
    try:
        offset = first.utcoffset()
    except ValueError:  # 24 hours or more: Python refuses it as an offset at all
        offset = 2 * _MAX_OFFSET
    if offset is not None and abs(offset) > _MAX_OFFSET:
        return None, f"impossible UTC offset: {text!r} (offsets run from -12:00 to +14:00)", \
            False, None
    naive = first.tzinfo is None
    ts = pd.Timestamp(first)
    ts = ts.tz_localize("UTC") if naive else ts.tz_convert("UTC")
    return ts, None, naive, first.date()


def parse_dates(values: Iterable[Any], *, dayfirst: bool | None = None) -> ParsedDates:
    """Parse date values (strings, datetimes, epoch seconds) into tz-aware UTC timestamps.

    ISO 8601 strings take a fast vectorised path; anything else is parsed one by one with
    dateutil, refusing ambiguous day/month orders (unless ``dayfirst`` is given, or other values
    of the same column settle the order), incomplete dates and implausible years. Naive values
    are read as UTC and counted in ``assumed_utc``.

    >>> parse_dates(["04/03/2025", "25/03/2025"]).values.dt.month.tolist()  # 25/03 settles it
    [3, 3]
    >>> parse_dates(["1/20/70"]).reasons[0]
    "date in the future: '1/20/70' read as 2070-01-20 (a two-digit year?)"
    >>> parse_dates(["04/03/2025"]).reasons[0]
    "ambiguous day/month order: '04/03/2025' (pass dayfirst=True or False)"
    >>> parse_dates(["04.03.2025"]).values.dt.month.tolist()  # dotted: day first
    [3]
    >>> parse_dates(["March 2025"]).reasons[0]
    "incomplete date (no day, month or year): 'March 2025'"
    """
    raw = pd.Series(list(values), dtype=object)
    n = len(raw)
    out = pd.Series(pd.NaT, index=range(n), dtype=PUBLISHED_DTYPE)
    reasons = pd.Series(pd.NA, index=range(n), dtype="string")
    if n == 0:
        return ParsedDates(out, reasons, 0)
    assumed_utc = day_moved = 0
    example, example_utc = "", None
    missing = raw.map(_is_missing).to_numpy(bool)
    reasons[missing] = EMPTY_DATE

    # Already datetimes (Parquet, pandas frames).
    is_dt = raw.map(lambda v: isinstance(v, (datetime, np.datetime64))).to_numpy(bool) & ~missing
    for i in np.flatnonzero(is_dt):
        ts, reason, naive = _from_datetime(raw.iloc[i])
        if ts is None:
            reasons.iloc[i] = reason
            continue
        assumed_utc += naive
        out.iloc[i] = ts

    # Epoch numbers: seconds, milli-, micro- or nanoseconds by magnitude.
    is_num = raw.map(lambda v: isinstance(v, (int, float, np.integer, np.floating))
                     and not isinstance(v, bool)).to_numpy(bool) & ~missing
    for i in np.flatnonzero(is_num):
        ts = _from_epoch(raw.iloc[i])
        if ts is None:
            reasons.iloc[i] = f"a number that is not a date: {raw.iloc[i]!r}"
        else:
            out.iloc[i] = ts

    is_str = ~(missing | is_dt | is_num)
    if is_str.any():
        texts = raw[is_str].map(lambda v: str(v).strip())
        # Vectorised ISO 8601 first (covers most exports); anything else falls through.
        iso = pd.to_datetime(texts, utc=True, format="ISO8601", errors="coerce")
        iso_ok = iso.notna() & texts.str.match(r"^\d{4}-\d{2}-\d{2}")
        iso_ok &= iso.dt.year.between(_MIN_YEAR, _MAX_YEAR)
        # pandas accepts any two-digit hour offset; one over 14 hours goes to the strict parse
        hours = pd.to_numeric(texts.str.extract(_RE_ISO_OFFSET)[0], errors="coerce")
        iso_ok &= ~(hours > 14).fillna(False)
        naive_iso = ~texts.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", regex=True)
        assumed_utc += int((iso_ok & naive_iso & texts.str.contains("T| \\d")).sum())
        out[iso_ok[iso_ok].index] = iso[iso_ok].astype(PUBLISHED_DTYPE)
        # "2024-03-04T23:30:00-05:00" is 2024-03-05 in UTC: the article moves to the next day
        # (and perhaps week or month) of every per-period count, which the load report says
        offset = iso_ok & ~naive_iso
        if offset.any():
            moved = offset[offset].index[(texts[offset].str[:10]
                                          != iso[offset].dt.strftime("%Y-%m-%d")).to_numpy()]
            day_moved += len(moved)
            if len(moved) and not example:
                example, example_utc = texts[moved[0]], iso[moved[0]]
        rest = texts[~iso_ok]
        order = dayfirst if dayfirst is not None else _numeric_order(rest)
        for i, text in rest.items():
            if _EPOCH_TEXT.match(text):  # CSV/TSV cells are strings: "1459252800" is epoch s
                ts = _from_epoch(float(text) if "." in text else int(text))
                if ts is None:
                    reasons[i] = f"a number that is not a date: {text!r}"
                else:
                    out[i] = ts
                continue
            ts, reason, naive, local_day = _parse_one(text, order)
            if ts is None:
                reasons[i] = reason
            else:
                out[i] = ts
                assumed_utc += naive and bool(re.search(r"\d:\d", text))
                if not naive and local_day != ts.date():
                    day_moved += 1
                    if not example:
                        example, example_utc = text, ts
    # A publication date after today is a misreading, most often a two-digit year that dateutil
    # puts in this century ("1/1/70" -> 2070): refused with its reason, never kept as a guess.
    # (Two days of margin: time zones, embargoed copy.)
    future = (out > pd.Timestamp.now(tz="UTC") + timedelta(days=2)).to_numpy(bool)
    for i in np.flatnonzero(future):
        text = str(raw.iloc[i]).strip()
        hint = " (a two-digit year?)" if re.search(r"(?<!\d)\d{2}\s*$", text) else ""
        reasons.iloc[i] = f"date in the future: {text!r} read as {out.iloc[i]:%Y-%m-%d}{hint}"
        out.iloc[i] = pd.NaT
    return ParsedDates(out, reasons, assumed_utc, day_moved, example, example_utc)




# ============================================================================ datelines

_UP = "A-ZÀ-ÖØ-Þ"
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
           "april|june|july|august|september|october|november|december")
# PLACE in capitals ("TOKYO", "NEW YORK", "ST. LOUIS"), an optional region in title case
# ("Japan", "Calif."), an optional date ("March 3", "Feb 26"), an optional (SOURCE), then a
# dash or colon: "TOKYO, Japan (CNN) --", "LONDON, March 3 (Reuters) -", "WASHINGTON, Feb 26 -".
_DATELINE = re.compile(
    rf"""^(?P<place>[{_UP}][{_UP}.'’\-]*(?:\s+[{_UP}][{_UP}.'’\-]*)*)
    (?:,\s+(?!(?:{_MONTHS})\b)(?P<region>[{_UP}][\w.'’\-]*(?:\s+[{_UP}][\w.'’\-]*){{0,2}}))?
    (?:,?\s+(?P<date>(?:{_MONTHS})\.?\s+\d{{1,2}}))?
    (?:\s*\((?P<source>[^()]{{2,40}})\))?
    \s*(?P<sep>--|—|–|-|:)\s+(?=\S)""",
    re.VERBOSE | re.IGNORECASE,
)


# An outlet's mark alone at the very start, CNN's style: "(CNN)The ..." or "(CNN) -- The ...";
# only glued to the next word or before a dash, so "(Updated) Shares fell" is no outlet.
_BARE_SOURCE = re.compile(r"^\((?P<source>[A-Z][\w.&'’ -]{1,30}?)\)(?:(?=[A-Z\"“‘])|\s*(?P<sep>--|—|–|-)\s+(?=\S))")
_NOT_OUTLETS = frozenset({"updated", "update", "corrected", "correction", "revised", "video", "photos",
                          "photo", "opinion", "analysis", "exclusive", "live", "breaking", "ap photo"})


class Dateline(NamedTuple):
    """A parsed dateline: ``place`` ("TOKYO, Japan"; "" for an outlet's mark alone, "(CNN)"),
    ``source`` ("CNN") or None, raw text."""

    place: str
    source: str | None
    text: str


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a news paragraph, or None.

    >>> parse_dateline("TOKYO, Japan (CNN) -- Japanese troops have arrived in Iraq.")
    Dateline(place='TOKYO, Japan', source='CNN', text='TOKYO, Japan (CNN) --')
    >>> parse_dateline("LONDON, March 3 (Reuters) - Shares fell.")[:2]
    ('LONDON', 'Reuters')
    >>> parse_dateline("WASHINGTON, Feb 26 - The deficit narrowed.")[:2]
    ('WASHINGTON', None)
    >>> parse_dateline("He said: no.") is None
    True
    >>> parse_dateline("(CNN)The Senate voted on Tuesday.")  # an outlet's mark alone: no place
    Dateline(place='', source='CNN', text='(CNN)')
    """
    m = _DATELINE.match(paragraph)
    if m is None:
        bare = _BARE_SOURCE.match(paragraph)
        if bare is None or bare.group("source").strip().lower() in _NOT_OUTLETS:
            return None
        return Dateline("", bare.group("source").strip(), paragraph[: bare.end()].rstrip())
    place = m.group("place")
    # The place must really be in capitals (IGNORECASE is for month names), with 2+ letters.
    letters = [c for c in place if c.isalpha()]
    if len(letters) < 2 or not place.isupper():
        return None
    has_cue = m.group("source") or m.group("date") or m.group("sep") in ("--", "—", "–")
    if not has_cue and not m.group("region"):
        return None  # "BREAKING - ..." or "UPDATE: ..." are not datelines
    if m.group("region") and m.group("region").isupper():
        return None  # "NEW YORK, NY" is fine below; two capitals blocks are a headline
    region = m.group("region")
    full_place = f"{place}, {region}" if region else place
    source = m.group("source").strip() if m.group("source") else None
    if source and source.isupper() and len(source) > 5:
        source = None  # "(REVISED)", "(YEN PER KILO)": a slug, not an outlet like "(CNN)"
    return Dateline(full_place, source, paragraph[: m.end()].rstrip())


# ============================================================================ page metadata

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOP = frozenset(
    "a an the of to in on at for and or but is are was were be by with as from its it this "
    "that his her their our your my he she they we you i s".split()
)
_DATE_LABEL = re.compile(
    r"^\s*(?P<label>first published|published|posted|last updated|updated|date)"
    r"\s*(?:on|at|:|-|–)?\s*(?P<value>.{6,80}?)\s*$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*[Bb][Yy]\s+(?P<name>[A-Z][\w.'’\-]+(?:\s+[\w.'’\-]+){0,5})\s*$")
_LABEL_RANK = {"published": 0, "first published": 0, "posted": 1, "date": 2, "updated": 3,
               "last updated": 3}


def _content_words(text: str) -> set[str]:
    return {w.lower().split("'")[0].split("’")[0] for w in _WORD.findall(text)} - _STOP


def _headline_shaped(text: str, *, min_words: int = 3) -> bool:
    return min_words <= len(text.split()) <= 25 and len(text) <= 200 and not text.endswith(".")


def find_title(candidates: Sequence[str], body: str) -> str | None:
    """The page title: the first header line that reads like a headline of this body.

    A headline has 3-25 words and does not end in a full stop. The first one with at least a
    third of its content words in the body wins (menus and site names rarely qualify); if
    none does, the one sharing most words with the body, if any. A lone headline-shaped line
    is the title whatever it shares.

    >>> find_title(["Skip to main content", "Iraq Banner", "Japan troops begin Iraq mission"],
    ...            "Japanese troops have arrived in Iraq to begin Japan's mission.")
    'Japan troops begin Iraq mission'
    """
    body_words = _content_words(body)
    if len(candidates) == 1 and _headline_shaped(candidates[0].strip(), min_words=1):
        # a plain-text article's one line above the body: no menu to tell it from, so it is
        # the title even when it shares no word with the body ("How political squabbles
        # snowball" was lost from both title and text)
        return candidates[0].strip()
    best, best_overlap = None, 0.0
    for line in candidates:
        text = line.strip()
        if not _headline_shaped(text):
            continue
        words = _content_words(text)
        overlap = len(words & body_words) / len(words) if words else 0.0
        if overlap >= 1 / 3:
            return text
        if overlap > best_overlap:
            best, best_overlap = text, overlap
    return best


def find_byline(lines: Sequence[str]) -> str | None:
    """The author from a "By Jane Smith" line.

    >>> find_byline(["Posted: Mon 13 Jan 2025", "By Tina Rook"])
    'Tina Rook'
    """
    for line in lines:
        m = _BYLINE.match(line)
        if m:
            return m.group("name")
    return None


def find_date_line(lines: Sequence[str], *, dayfirst: bool | None = None
                   ) -> tuple[pd.Timestamp | None, str | None]:
    """Publication time from an explicit dated line ("Published 4 March 2025 09:14 GMT").

    Only a line that starts with Published / Posted / Updated / Date and holds a complete
    date counts; "Updated" is used only when there is no "Published"/"Posted" line. A bare
    year (a copyright line) or a date inside a sentence is never taken. ``dayfirst`` settles
    a numeric date with slashes ("04/03/2025"), refused as ambiguous otherwise.

    >>> find_date_line(["© 2005 Cable News Network", "Posted: Tue 4 Mar 2025 09:14 GMT"])
    (Timestamp('2025-03-04 09:14:00+0000', tz='UTC'), None)
    >>> find_date_line(["Top Stories", "© 2005 Cable News Network"])[1]
    "no dated line ('Published ...', 'Posted ...', 'Updated ...') outside the article body"
    >>> find_date_line(["Published 04/03/2025 09:14 GMT"], dayfirst=True)[0]
    Timestamp('2025-03-04 09:14:00+0000', tz='UTC')
    """
    found: list[tuple[int, pd.Timestamp]] = []
    refused: list[str] = []
    for line in lines:
        m = _DATE_LABEL.match(line)
        if not m:
            continue
        value = re.sub(r"^(on|at)\s+", "", m.group("value").strip(), flags=re.IGNORECASE)
        # The caller's order when given; else dotted and dashed numeric dates are read day
        # first (European pages) and a slashed one, written both ways, is refused.
        order = dayfirst if dayfirst is not None else (True if "/" not in value else None)
        parsed = parse_dates([value], dayfirst=order)
        if parsed.values.notna().iloc[0]:
            found.append((_LABEL_RANK[m.group("label").lower()], parsed.values.iloc[0]))
        else:
            refused.append(f"{m.group('label')}: {parsed.reasons.iloc[0]}")
    if found:
        return min(found, key=lambda rt: rt[0])[1], None
    if refused:
        return None, "dated line not usable (" + "; ".join(refused[:2]) + ")"
    return None, ("no dated line ('Published ...', 'Posted ...', 'Updated ...') outside the "
                  "article body")


# ============================================================================ language

#: Languages the identifier may answer: those with a Pyphen dictionary (textstat can score
#: them) plus major news languages textstat cannot handle (so readability flags them instead of
#: scoring them as English). Unrestricted, py3langid labels English earnings tables ("Shr 52 cts
#: vs 43 cts Net 17.7 mln") Nigerian Pidgin ("pcm"), "zxx", Volapük or Occitan; restricted, such
#: a table gets a low probability and stays unidentified.
NEWS_LANGUAGES = frozenset("""
    af as be bg ca cs da de el en es et eu fr gl hr hu id is it kn lt lv mn mr nb nl nn or pa
    pl pt ro ru sk sl sq sr sv te th uk zu
    am ar az bn bs cy fa fi ga gu ha he hi hy ja ka kk km ko ku ky lo mk ml ms mt my ne no ps
    si so sw ta tg tl tr ur uz vi yo zh
""".split())
# Identification is a Python loop over the sample's bytes: an opening paragraph suffices, and
# 400 characters keep the loader at ~0.2 ms per article (benchmarks/bench_corpus.py).
LANG_SAMPLE_CHARS = 400
# On a few words identification is a guess. Scripts without spaces (Japanese, Chinese) have
# few "words", so enough characters also count.
LANG_MIN_WORDS = 20
LANG_MIN_CHARS = 60
# Probabilities are normalised over NEWS_LANGUAGES; below this the model is unsure (tables of
# figures, lists of names). On Reuters-21578 the English stories score 0.78+ in 9 of 10 cases.
LANG_MIN_PROB = 0.5
# A text too short for a guess (a headline, a 41-character Chinese sentence) is still given a
# language other than English when the identifier is this sure of it: scored as English,
# "Umfrage: 41 Prozent für die Union" got VADER -0.60 (it reads "die" as the English verb).
# On 9,734 short English Reuters headlines (odd ids) 4 reach it for another language (French
# company names: "FRENCH CAISSE NATIONALE DES AUTOROUTES ISSUES BOND"), none of 725 short
# news_modern titles; short German and Chinese headlines score 0.97-1.00. English is never
# assigned this way: an unsure short text stays None, which the analyses read as English.
SHORT_TEXT_MIN_PROB = 0.9


@functools.cache
def _identifier() -> Any:
    """Our own py3langid identifier restricted to :data:`NEWS_LANGUAGES`, loaded once per
    process on first use (0.5 s); py3langid's module-level identifier is shared mutable state,
    so it is not touched."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(sorted(NEWS_LANGUAGES & set(ident.nb_classes)))
    # set_languages keeps the columns by fancy indexing, which leaves the feature table in
    # column-major order; scoring gathers rows of it, ~30% slower than on py3langid's own table.
    ident.nb_ptc = np.ascontiguousarray(ident.nb_ptc)
    return ident


def too_short_to_identify(text: str) -> bool:
    """True when the opening of ``text`` has too few words and characters for a language guess.

    >>> too_short_to_identify("Shr 45 cts")
    True
    >>> too_short_to_identify("The city council voted on Tuesday to expand the bus network.")
    False
    """
    sample = text[:LANG_SAMPLE_CHARS].strip()  # what is identified; never split a whole article
    return len(sample) < LANG_MIN_CHARS and len(sample.split()) < LANG_MIN_WORDS


# English function words that are not (common) words of the other Latin-script news languages:
# no "a", "in", "an", "on", "was", "also", "will", "so", "die" (German, French, Spanish ...),
# no "for", "at", "by", "her", "over", "we" (Danish, Swedish, Dutch).
_ENGLISH_WORDS = frozenset("""the of and to that is with said he his it its from has have had be been
are were which this would their they not but or who after than more about year there she our you
one could should may into""".split())
#: Share of an opening's words that must be :data:`_ENGLISH_WORDS` for the text to be English
#: without the model. Measured on 14,052 real articles (Reuters odd ids, BBC odd numbers,
#: news_modern): every one at or above it was English by the model too (80-96% of each corpus
#: reaches it); German, French, Spanish, Italian, Portuguese, Danish and Swedish news paragraphs
#: score 0.00, Dutch 0.06 (tests/test_corpus_load.py).
ENGLISH_SHARE = 0.15
_LETTERS = re.compile(r"[^\W\d_]+")


def clearly_english(text: str) -> bool:
    """True when the opening of ``text`` has enough English function words to be English
    without running the identifier (about a quarter of its cost per article).

    >>> clearly_english("The council said on Tuesday that the new bus network would open in "
    ...                 "the spring, and that it would cost less than the old one to run.")
    True
    >>> clearly_english("Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, das "
    ...                 "Busnetz deutlich auszubauen, wie der Bürgermeister am Abend sagte.")
    False
    """
    words = _LETTERS.findall(text[:LANG_SAMPLE_CHARS].lower())
    return len(words) >= LANG_MIN_WORDS and (
        sum(w in _ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words))


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language by py3langid (offline), restricted to
    :data:`NEWS_LANGUAGES`; None when the text is too short (:func:`too_short_to_identify`) or
    no language reaches probability 0.5 on its first 400 characters. A text whose opening is
    :func:`clearly_english` is English without the model (the same answer, 4-5x faster).

    The one language identifier of medialens: the loader fills ``lang`` with it and
    :mod:`medialens.readability` uses it where a document has no ``lang``.

    >>> detect_language("Japanese troops have arrived in southern Iraq to begin the mission.")
    'en'
    >>> detect_language("Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz "
    ...                 "beschlossen, das die Rechte der Mieter in den Städten stärken soll.")
    'de'
    >>> detect_language("Shr 52 cts vs 43 cts Net 17.7 mln vs 14.2 mln Revs 413.1 mln vs 361.6 mln"
    ...                 ) is None  # unrestricted py3langid says "pcm" (Nigerian Pidgin)
    True
    >>> detect_language("Umfrage: 41 Prozent für die Union"), detect_language("Trump wins Iowa")
    ('de', None)
    """
    if too_short_to_identify(text):
        if not text.strip():
            return None
        lang, prob = _identifier().classify(text[:LANG_SAMPLE_CHARS])
        return str(lang) if lang != "en" and prob >= SHORT_TEXT_MIN_PROB else None
    if clearly_english(text):
        return "en"
    lang, prob = _identifier().classify(text[:LANG_SAMPLE_CHARS])
    return str(lang) if prob >= LANG_MIN_PROB else None


# ============================================================================ HTML metadata

# Meta tags that can only mislead about the publication date: URL and image paths (a date in a
# path is a guess) and copyright years.
_DROP_META = re.compile(r"url|image|copyright|modified|updated", re.IGNORECASE)
HTMLDATE_OPTIONS: dict[str, Any] = {
    "extensive_search": False,   # no free-text guessing over the whole page
    "original_date": True,       # the first publication, not the last update
    "url": "",                   # "" (not None): do not read dates out of canonical URLs
    "deferred_url_extractor": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}


def html_date(html: str) -> tuple[pd.Timestamp | None, str | None]:
    """Publication time from a page's date METADATA via htmldate, never from a guess.

    htmldate only sees the page's ``<meta>`` tags (minus URL, image, copyright and modified
    ones), its JSON-LD blocks and its ``<time>`` elements, with ``extensive_search=False``,
    ``original_date=True`` and URL extraction off (see ``HTMLDATE_OPTIONS``): a date in a URL,
    an image path, a copyright year or the running text is not a publication date.
    """
    import htmldate
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None, "no publication date: the HTML could not be parsed"
    parts = []
    for meta in tree.iter("meta"):
        name = " ".join(meta.get(a, "") for a in ("name", "property", "itemprop", "http-equiv"))
        if name.strip() and not _DROP_META.search(name):
            parts.append(etree.tostring(meta, encoding="unicode"))
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        parts.append(etree.tostring(script, encoding="unicode"))
    for t in tree.iter("time"):
        t.tail = None
        parts.append(etree.tostring(t, encoding="unicode"))
    if not parts:
        return None, "no publication date in the page's metadata (meta, JSON-LD, <time>)"
    mini = "<html><head>" + "".join(parts) + "</head><body></body></html>"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = htmldate.find_date(mini, **HTMLDATE_OPTIONS)
    if not found:
        return None, "no publication date in the page's metadata (meta, JSON-LD, <time>)"
    parsed = parse_dates([found])
    if parsed.values.isna().iloc[0]:
        return None, f"htmldate returned an unusable date {found!r}"
    return parsed.values.iloc[0], None


__all__ = ["EMPTY_DATE", "HTMLDATE_OPTIONS", "NEWS_LANGUAGES", "PUBLISHED_DTYPE", "Dateline",
           "ParsedDates", "detect_language", "find_byline", "find_date_line", "find_title",
           "html_date", "parse_dateline", "parse_dates", "too_short_to_identify"]
