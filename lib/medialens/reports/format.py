"""One formatting layer for every table and key figure a report shows.

Notebooks display results through :func:`table` (a DataFrame) and :func:`figures` (a dict of
key figures); the run's index page uses :func:`format_value` too, so a number reads the same
everywhere ("96.8" on the index and in the report). The rules, by column:

- counts (integer columns, and float columns named like counts) as integers with thousands
  separators: ``21,578``, never ``21578.0``;
- shares (columns named ``*share*``, ``with_*``, or listed in ``percent=``) as percentages;
  columns already in percent (``percent``, ``*_pct``) get a ``%`` sign;
- other numbers with fixed decimals per measure (tone 3, grade levels 1, the rest 2), never in
  scientific notation; p-values below 0.001 as ``<0.001``;
- text on one line (newlines and runs of spaces collapsed), dates as ``YYYY-MM-DD``,
  booleans as yes/no, no row-number index column;
- a missing value (NaN, None, NaT) as ``–``, explained once in a footnote;
- an empty table is replaced by ONE sentence saying why (:class:`Note`).

Text is escaped here, once: article text is shown as text, never rendered as HTML.

>>> import pandas as pd
>>> t = table(pd.DataFrame({"source": ["A\\nB"], "n_docs": [21578.0], "poll_share": [0.889],
...                         "mean": [float("nan")]}))
>>> t.frame.to_dict("records")
[{'source': 'A B', 'n_docs': '21,578', 'poll_share': '88.9%', 'mean': '–'}]
>>> table(pd.DataFrame({"a": []}), empty="No change point stood out.").text
'No change point stood out.'
>>> format_value(96.8), format_value(96.80001), format_value(9.27e-05), format_value(None)
('96.8', '96.8', '0.00009', '–')
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

#: What a missing value looks like in every table (explained in a footnote below it).
MISSING = "–"
MISSING_NOTE = "– no value: not available or not computable for this row."

_SPACE = re.compile(r"\s+")
_COUNT = re.compile(r"^(n|n_.*|.*_n|.*_docs|.*_documents|documents|articles|.*_articles|copies|"
                    r"numbers|figures|count|.*_count|total|sentences|n_sentences|words|"
                    r"polls|.*_words|rank|.*_rank|periods|n_periods|execution_count)$")
_SHARE = re.compile(r"(^|_)share($|_)|^with_|^share")
_PERCENT_UNIT = re.compile(r"^percent$|_pct$|\(%\)$|_percent$")
_TONE = re.compile(r"compound|tone|vader|afinn|^score$|level_shift|^mean_a$|^mean_b$|"
                   r"^sentiment|valence|contribution|^r$|correlation|^shift|kendall")
_GRADE = re.compile(r"grade|flesch|fog|smog|coleman|automated|dale|linsear|text_standard")
_PVALUE = re.compile(r"(^|_)p(_value)?$|^p-value$|pvalue")
_POLL = re.compile(r"^(value|.*_value|.*_change|change|prior|margin_of_error)$")
_WORDS = re.compile(r"words$")
_STATS = {"mean", "median", "ci_low", "ci_high", "q1", "q3", "min", "max", "std"}


def _stat_decimals(attrs: Mapping[str, Any]) -> int | None:
    """Decimals of the generic statistic columns (mean, median, ...) from the table's measure:
    a grade level has 1, a tone 3, so "11.9" reads the same in every table."""
    measure = str(attrs.get("measure") or attrs.get("value") or "").lower()
    if _GRADE.search(measure):
        return 1
    if _TONE.search(measure):
        return 3
    return None


@dataclass(frozen=True)
class Note:
    """One sentence shown instead of a table or chart that has nothing to show.

    >>> Note("No article has a date.")._repr_html_()
    '<p class="ml-note">No article has a date.</p>'
    """

    text: str

    def _repr_html_(self) -> str:
        # an empty Note shows nothing: the table right above has said it already
        return f'<p class="ml-note">{html.escape(self.text)}</p>' if self.text else ""

    def __repr__(self) -> str:
        return self.text


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float, *, decimals: int | None = None) -> str:
    """A number in plain positional notation with thousands separators.

    ``decimals=None``: as many as the size needs (3 below 1, 2 below 100, else 1), trailing
    zeros dropped; an int-valued number shows no decimals.

    >>> format_number(1234567.891), format_number(0.5), format_number(12.0), format_number(3.14159, decimals=1)
    ('1,234,567.9', '0.5', '12', '3.1')
    """
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
        return "0" if re.fullmatch(r"-0(\.0*)?", text) and decimals == 0 else text
    if float(value).is_integer():
        return f"{int(value):,}"
    size = abs(value)
    d = 3 if size < 1 else 2 if size < 100 else 1
    text = _trim(f"{value:,.{d}f}")
    if text in ("0", "-0") and value != 0:  # tiny but not zero: say so instead of 0
        return _trim(np.format_float_positional(value, precision=1, unique=False,
                                                fractional=False, trim="-"))
    return text


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        return bool(pd.isna(value)) if np.ndim(value) == 0 else False
    except (TypeError, ValueError):
        return False


def format_value(value: Any) -> str:
    """One value as a report shows it (key figures, the index page, a cell without a rule)."""
    if is_missing(value):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}"
    if isinstance(value, float | np.floating):
        return format_number(float(value))
    if isinstance(value, pd.Timestamp | dt.datetime):
        ts = pd.Timestamp(value)
        return ts.strftime("%Y-%m-%d" if ts == ts.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return ", ".join(format_value(v) for v in value) or MISSING
    return _SPACE.sub(" ", str(value)).strip()


# --------------------------------------------------------------------------- columns


def _column_kind(name: str, series: pd.Series, *, percent: set[str], counts: set[str],
                 decimals: Mapping[str, int], stat_decimals: int | None = None
                 ) -> tuple[str, int | None]:
    """How a column is formatted: (kind, decimals)."""
    low = str(name).lower()
    if name in decimals:
        return "number", decimals[name]
    if name in percent:
        return "share", 1
    if name in counts:
        return "count", 0
    if pd.api.types.is_bool_dtype(series):
        return "bool", None
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date", None
    if pd.api.types.is_integer_dtype(series):
        return "count", 0
    if not pd.api.types.is_numeric_dtype(series):
        return "text", None
    values = series.dropna().to_numpy(dtype=float)
    integral = values.size > 0 and bool(np.all(np.isfinite(values) & (values == np.round(values))))
    if _COUNT.match(low) and (integral or values.size == 0):
        return "count", 0
    if _WORDS.search(low):  # word counts and their quantiles: whole words
        return "count", 0
    if low in _STATS and stat_decimals is not None:
        return "number", stat_decimals
    if _PVALUE.search(low):
        return "pvalue", 3
    if _POLL.match(low):  # poll values and changes in percent or points
        return "number", 1
    if _PERCENT_UNIT.search(low):
        return "percent_unit", 1
    if _SHARE.search(low) and (values.size == 0 or (values.min() >= 0 and values.max() <= 1)):
        return "share", 1
    if _PVALUE.search(low):
        return "pvalue", 3
    if _TONE.search(low):
        return "number", 3
    if _GRADE.search(low):
        return "number", 1
    if integral:
        return "count", 0
    return "number", 2


def _format_cell(value: Any, kind: str, d: int | None) -> str:
    if is_missing(value):
        return MISSING
    if kind == "text" or not isinstance(value, int | float | np.integer | np.floating) \
            or isinstance(value, bool | np.bool_):
        if kind == "bool" or isinstance(value, bool | np.bool_):
            return "yes" if value else "no"
        return format_value(value)
    v = float(value)
    if not math.isfinite(v):
        return MISSING if math.isnan(v) else ("∞" if v > 0 else "-∞")
    if kind == "count":
        return f"{round(v):,}"
    if kind == "share":
        return f"{100 * v:,.{d}f}%"
    if kind == "percent_unit":
        return f"{v:,.{d}f}%"
    if kind == "pvalue":
        return "<0.001" if 0 <= v < 0.001 else f"{v:.3f}"
    return format_number(v, decimals=d)


# --------------------------------------------------------------------------- tables


@dataclass
class Table:
    """A formatted table for display: ``frame`` holds the cell texts, ``data`` the values."""

    data: pd.DataFrame
    frame: pd.DataFrame
    numeric: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    caption: str | None = None

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{_header(c)}</th>" for c in self.frame.columns)
        rows = []
        for rec in self.frame.itertuples(index=False, name=None):
            cells = "".join(
                f'<td class="num">{html.escape(v)}</td>' if c in self.numeric
                else f"<td>{html.escape(v)}</td>"
                for c, v in zip(self.frame.columns, rec, strict=True))
            rows.append(f"<tr>{cells}</tr>")
        cap = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        notes = "".join(f'<p class="ml-footnote">{html.escape(n)}</p>' for n in self.footnotes)
        return (f'<table class="dataframe ml-table">{cap}<thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>{notes}')

    def __repr__(self) -> str:
        return self.frame.to_string(index=False) + "".join("\n" + n for n in self.footnotes)

    def __len__(self) -> int:
        return len(self.frame)


def _header(name: object) -> str:
    # a break opportunity after each underscore: long names wrap between words, not mid-word
    return html.escape(str(name)).replace("_", "_<wbr>")


def table(df: pd.DataFrame, *, empty: str = "Nothing to show: the table is empty.",
          percent: Iterable[str] = (), counts: Iterable[str] = (),
          decimals: Mapping[str, int] | None = None, max_rows: int | None = None,
          missing_note: str = MISSING_NOTE, caption: str | None = None,
          footnotes: Iterable[str] = ()) -> Table | Note:
    """``df`` formatted for a report (rules in the module doc); ``empty``: the one sentence
    shown instead when it has no rows. A named or non-default index becomes a column.

    ``max_rows`` shows the first rows and says how many there are in all.
    """
    if df is None or len(df) == 0:
        # a table that knows why it is empty says so (attrs["empty_reason"], e.g. no dates);
        # otherwise the notebook's sentence, which knows what an empty table means there
        reason = df.attrs.get("empty_reason") if df is not None else None
        return Note(reason if isinstance(reason, str) and reason else empty)
    frame = df
    if any(n is not None for n in frame.index.names):  # a named index carries data
        frame = frame.reset_index()
    else:  # row numbers (or labels left over from a filter) are not data
        frame = frame.reset_index(drop=True)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    n_all = len(frame)
    if max_rows is not None and n_all > max_rows:
        frame = frame.head(max_rows)
    percent_s, counts_s, dec = set(percent), set(counts), dict(decimals or {})
    out: dict[str, list[str]] = {}
    numeric: list[str] = []
    stat_d = _stat_decimals(df.attrs)
    for col in frame.columns:
        kind, d = _column_kind(col, frame[col], percent=percent_s, counts=counts_s, decimals=dec,
                               stat_decimals=stat_d)
        if kind in ("count", "share", "percent_unit", "pvalue", "number"):
            numeric.append(str(col))
        out[str(col)] = [_format_cell(v, kind, d) for v in frame[col].tolist()]
    shown = pd.DataFrame(out, columns=[str(c) for c in frame.columns])
    notes = list(footnotes)
    if (shown == MISSING).to_numpy().any():
        notes.append(missing_note)
    if len(frame) < n_all:
        notes.append(f"The first {len(frame):,} of {n_all:,} rows; the saved table has all.")
    return Table(df, shown, numeric, notes, caption)


def figures(summary: Mapping[str, Any], *, empty: str = "No key figures.") -> Table | Note:
    """Key figures (``{"documents": 1200, ...}``) as a two-column table, each value formatted
    by :func:`format_value`, the same rule the run's index page uses.

    >>> figures({"documents": 21578, "mean grade": 9.1234, "first date": None}).frame.values.tolist()
    [['documents', '21,578'], ['mean grade', '9.12'], ['first date', '–']]
    """
    if not summary:
        return Note(empty)
    shown = pd.DataFrame({"figure": [str(k) for k in summary],
                          "value": [format_value(v) for v in summary.values()]})
    notes = [MISSING_NOTE] if (shown["value"] == MISSING).any() else []
    return Table(pd.DataFrame({"figure": list(summary), "value": list(summary.values())}),
                 shown, [], notes)


__all__ = ["MISSING", "MISSING_NOTE", "Note", "Table", "figures", "format_number",
           "format_value", "is_missing", "table"]
