"""Shared plotting helpers: figure creation, stable colours per group, time-series panels,
the one text escape (:func:`plain`) and the one sentence shown instead of an empty chart.

Every string that comes from the data (outlet, pollster, subject, word, group name) reaches
matplotlib through :func:`plain`: a ``$`` in "Cost $5 vs $10 Herald" would otherwise be read as
mathtext, garbling the label or failing the whole figure. A chart with nothing to draw is
returned as a :class:`~medialens.reports.format.Note` (one sentence, why), never empty axes.

>>> import pandas as pd
>>> t = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=3, freq="MS"),
...                   "n_docs": [4, 0, 5], "mean": [0.2, float("nan"), -0.1],
...                   "ci_low": [0.1, float("nan"), -0.2], "ci_high": [0.3, float("nan"), 0.0]})
>>> fig = new_figure()
>>> over_time_panel(fig.gca(), t, label="all")  # doctest: +ELLIPSIS
<Axes: ...>
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..reports.format import Note

PALETTE = ["#1b6ca8", "#d1495b", "#66a182", "#edae49", "#6a4c93", "#00798c", "#8d6a9f", "#30638e"]


def plain(label: object) -> str:
    """Data text as matplotlib prints it literally (``$`` escaped: no mathtext); newlines and
    runs of spaces collapsed.

    >>> plain("Cost $5 vs $10\\n Herald")
    'Cost \\\\$5 vs \\\\$10 Herald'
    """
    return " ".join(str(label).split()).replace("$", r"\$")


def group_word(by: object) -> str:
    """What a group of ``by`` is called in titles: the corpus's ``source`` column holds outlets.

    >>> group_word("source"), group_word("topic")
    ('outlet', 'topic')
    """
    return "outlet" if by in (None, "source") else plain(by)


def none_of(n: int, what: str, thing: str) -> str:
    """The start of a "nothing has X" sentence, right for one item too.

    >>> none_of(3, "articles", "publication date"), none_of(1, "polls", "date")
    ('None of the 3 articles has a publication date', 'The one poll has no date')
    """
    if n == 1:
        return f"The one {what[:-1] if what.endswith('s') else what} has no {thing}"
    return f"None of the {n:,} {what} has a {thing}"


def empty_reason(table: pd.DataFrame, *, what: str = "articles", value: str = "mean",
                 valued: str = "with a value") -> str | None:
    """Why an over-time table (:func:`medialens.timeseries.over_time`) has nothing to draw, as
    one sentence, or ``None`` when it has at least one value.

    >>> t = pd.DataFrame(columns=["period", "n_docs", "mean"])
    >>> t.attrs.update(n_input=3, n_undated=3)
    >>> empty_reason(t)
    'None of the 3 articles has a publication date, so nothing can be placed on a time axis.'
    """
    if value in table.columns and len(table) and table[value].notna().any():
        return None
    n_in = table.attrs.get("n_input")
    n_undated = int(table.attrs.get("n_undated") or 0)
    if n_in == 0:
        return (f"There are no {what} in the selection (see the date range and outlets in the "
                "parameters), so there is nothing to show over time.")
    if table.empty and n_undated and (n_in is None or n_undated >= n_in):
        return (f"{none_of(n_undated, what, 'publication date')}, so nothing can be placed on "
                "a time axis.")
    if table.empty:
        return f"No dated {what} to place on a time axis."
    min_docs = table.attrs.get("min_docs")
    few = f"at least {min_docs}" if min_docs and min_docs > 1 else "any"
    return (f"No period has {few} {what}{' ' + valued if valued else ''}, so no period is "
            f"shown; the number of {what} per period is in the saved table.")


def new_figure(*, width: float = 9.0, height: float = 4.0, nrows: int = 1, ncols: int = 1,
               sharex: bool = False) -> Figure:
    """A figure with the house style (light grid, no top/right spines)."""
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), sharex=sharex,
                             constrained_layout=True, squeeze=False)
    for ax in axes.ravel():
        ax.grid(True, alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    plt.close(fig)  # the caller displays it; do not leak figures into pyplot's global state
    return fig


def group_colors(groups: Iterable[object]) -> dict[object, str]:
    """A stable colour per group (sorted), so an outlet has the same colour in every plot."""
    keys = sorted({g for g in groups if g is not None and not (isinstance(g, float) and np.isnan(g))},
                  key=str)
    return {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(keys)}


def _period_ticks(ax: Axes, x: pd.Series, freq: str | None) -> None:
    """A tick per month, quarter or year when a few of them span the axis (matplotlib's own
    locator put one every four days on two monthly points)."""
    import matplotlib.dates as mdates

    if freq not in ("M", "Q", "Y") or x.empty:
        return
    n = len(pd.period_range(x.min(), x.max(), freq=freq))
    if not 1 < n <= 12:
        return
    locator = {"M": mdates.MonthLocator(), "Q": mdates.MonthLocator(bymonth=(1, 4, 7, 10)),
               "Y": mdates.YearLocator()}[freq]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y" if freq == "Y" else "%Y-%m"))


def over_time_panel(ax: Axes, table: pd.DataFrame, *, y: str = "mean", label: str | None = None,
                    color: str | None = None, show_ci: bool = True) -> Axes:
    """Plot one series from a :func:`medialens.timeseries.over_time` table on ``ax``.

    NaN periods (too few documents, or none) break the line instead of being interpolated;
    the bootstrap interval is a shaded band, and an error bar where a period's neighbours are
    gaps (a band needs two points to show), so a thin period never looks more certain.
    """
    t = table.sort_values("period")
    x = pd.to_datetime(t["period"])
    _period_ticks(ax, x, table.attrs.get("freq"))
    yv = t[y].to_numpy(dtype=float)
    (line,) = ax.plot(x, yv, marker="o", markersize=3, linewidth=1.6, label=label, color=color)
    if show_ci and {"ci_low", "ci_high"} <= set(t.columns):
        lo, hi = t["ci_low"].to_numpy(dtype=float), t["ci_high"].to_numpy(dtype=float)
        ax.fill_between(x, lo, hi, alpha=0.18, color=line.get_color(), linewidth=0)
        has = ~np.isnan(yv)
        alone = has & ~np.r_[False, has[:-1]] & ~np.r_[has[1:], False]
        if alone.any():
            ax.errorbar(x[alone], yv[alone], yerr=[yv[alone] - lo[alone], hi[alone] - yv[alone]],
                        fmt="none", ecolor=line.get_color(), alpha=0.5, capsize=3,
                        linewidth=1.2)
    return ax


def series_groups(table: pd.DataFrame, by: str | None) -> list[tuple[object, pd.DataFrame]]:
    """The parts of a per-period table to draw as one series each (``[(None, table)]`` without
    ``by``); rows without a group are a group of their own, named by
    :func:`medialens.overview.missing_label`."""
    if by is None or by not in table.columns:
        return [(None, table)]
    if table[by].isna().any():
        from ..overview import missing_label

        table = table.assign(**{by: table[by].astype(object).where(table[by].notna(),
                                                                   missing_label(by))})
    return [(g, part) for g, part in table.groupby(by, sort=True)]


def one_period_note(table: pd.DataFrame, *, by: str | None, y: str = "mean", what: str = "mean",
                    unit: str = "documents") -> Note:
    """Every dated document in one period: the values in a sentence (a time axis would draw
    one point at the edge of an empty period).

    >>> t = pd.DataFrame({"period": [pd.Timestamp("2024-07-01")] * 2, "source": ["A", "B"],
    ...                   "n_docs": [25, 17], "mean": [0.046, 0.102]})
    >>> t.attrs["freq"] = "M"
    >>> print(one_period_note(t, by="source", what="mean article tone").text)
    All 42 dated documents fall in one month (2024-07), so there is no change over time to draw; mean article tone: A 0.046 (25 documents), B 0.102 (17 documents).
    """
    from .overview import _FREQ_NAMES

    freq = table.attrs.get("freq")
    start = pd.Timestamp(table["period"].iloc[0])
    label = str(pd.Period(start, freq=freq)) if freq else start.strftime("%Y-%m-%d")
    parts = []
    for g, part in series_groups(table, by):
        value = part[y].dropna()
        n = int(part["n_docs"].sum()) if "n_docs" in part.columns else 0
        shown = f"{float(value.iloc[0]):.3f}" if len(value) else "no value"
        parts.append(f"{plain(g) + ' ' if g is not None else ''}{shown} ({n:,} {unit})")
    total = int(table["n_docs"].sum()) if "n_docs" in table.columns else 0
    more = f" and {len(parts) - 8} more" if len(parts) > 8 else ""
    return Note(f"All {total:,} dated {unit} fall in one {_FREQ_NAMES.get(str(freq), 'period')} "
                f"({label}), so there is no change over time to draw; {what}: "
                f"{', '.join(parts[:8])}{more}.")


__all__ = [
    "PALETTE",
    "Note",
    "empty_reason",
    "group_colors",
    "new_figure",
    "none_of",
    "one_period_note",
    "over_time_panel",
    "plain",
    "series_groups",
]
