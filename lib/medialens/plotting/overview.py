"""Figures for the corpus overview: volume per outlet over time (gaps visible), article lengths.

Outlet names are user data: every label goes through :func:`~medialens.plotting.base.plain`
so a ``$`` in a name is printed, not parsed as matplotlib mathtext (which would typeset or fail
on it). With nothing to draw (no dated article, no text) a function returns a
:class:`~medialens.plotting.base.Note` saying why.

>>> import pandas as pd
>>> v = pd.DataFrame({"period": pd.to_datetime(["2025-01-01", "2025-02-01"] * 2),
...                   "source": ["A", "A", "B", "B"], "n_docs": [3, 0, 1, 2]})
>>> volume_figure(v).axes[0].get_title()
'Articles per month (all outlets)'
"""

from __future__ import annotations

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .base import Note, group_colors, group_word, new_figure, none_of, plain

MAX_OUTLETS = 20
_FREQ_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
_FREQ_LABELS = {"D": "%Y-%m-%d", "W": "%Y-%m-%d", "M": "%Y-%m", "Q": None, "Y": "%Y"}


def _period_labels(periods: pd.Series, freq: str) -> list[str]:
    ts = pd.to_datetime(periods)
    if freq == "Q":
        return [f"{t.year}Q{(t.month - 1) // 3 + 1}" for t in ts]
    return [t.strftime(_FREQ_LABELS.get(freq) or "%Y-%m-%d") for t in ts]


#: More periods than this are not drawable one bar/cell each in a 10-inch figure (a bar under
#: a pixel wide is dropped): 28 articles from 1900 to 2028 by month showed 9 bars.
MAX_PERIODS = 240
_COARSER = {"D": "W", "W": "M", "M": "Q", "Q": "Y"}


def _drawable(volume: pd.DataFrame, freq: str, by: str) -> tuple[pd.DataFrame, str, str]:
    """``volume`` regrouped into the finest coarser period that gives at most
    :data:`MAX_PERIODS` periods (weeks, months, quarters, years: years at most), the period
    it uses, and a note saying so ("" when nothing changed). The table saved with the
    report keeps the asked-for period; only the drawing is coarser."""
    ts = pd.to_datetime(volume["period"])
    n_periods = ts.nunique()
    if n_periods <= MAX_PERIODS or freq not in _COARSER:
        return volume, freq, ""
    periods = ts.dt.tz_localize(None) if ts.dt.tz is not None else ts
    new = freq
    while new in _COARSER:
        new = _COARSER[new]
        if len(pd.period_range(periods.min(), periods.max(), freq=new)) <= MAX_PERIODS:
            break
    start = periods.dt.to_period(new).dt.start_time
    full = pd.period_range(start.min(), start.max(), freq=new).start_time
    keys = [by] if by in volume.columns else []
    out = (volume.assign(period=start).groupby([*keys, "period"], as_index=False)["n_docs"].sum())
    if keys:  # every group gets every period (the grid shows gaps as gaps)
        idx = pd.MultiIndex.from_product([sorted(out[by].unique(), key=str), full],
                                         names=[by, "period"])
        out = out.set_index([by, "period"]).reindex(idx, fill_value=0).reset_index()
    else:
        out = out.set_index("period").reindex(full, fill_value=0).rename_axis("period").reset_index()
    out.attrs.update({**volume.attrs, "freq": new})
    note = (f"{n_periods:,} {_FREQ_NAMES[freq]}s are too many to draw: shown per "
            f"{_FREQ_NAMES[new]}")
    return out, new, note


def _guess_freq(periods: pd.Series) -> str:
    ts = pd.to_datetime(pd.Series(periods).drop_duplicates().sort_values())
    if len(ts) < 2:
        return "M"
    days = float(np.median(np.diff(ts.to_numpy()).astype("timedelta64[D]").astype(float)))
    for code, limit in (("D", 2), ("W", 8), ("M", 32), ("Q", 93)):
        if days < limit:
            return code
    return "Y"


def volume_figure(volume: pd.DataFrame, *, by: str = "source",
                  max_outlets: int = MAX_OUTLETS) -> Figure | Note:
    """Total articles per period (bars) over an outlet x period grid of counts.

    Grid cells with no articles are pale red and marked with a dot, so a gap in an outlet's
    coverage is visible at a glance. Outlets beyond ``max_outlets`` (by volume) are folded
    into "other outlets" ("other groups" when grouped by another column).
    """
    if volume.empty:
        undated = int(volume.attrs.get("n_undated") or 0)
        return Note(f"{none_of(undated, 'articles', 'publication date')}, so the volume over "
                    "time cannot be shown; the sections below do not need dates."
                    if undated else "There are no articles in the selection (see the date "
                    "range and outlets in the parameters), so there is no volume to show.")
    freq = volume.attrs.get("freq") or _guess_freq(volume["period"])
    unit = _FREQ_NAMES.get(freq, "period")
    by = by if by in volume.columns else (volume.attrs.get("by") or by)
    volume, freq, coarsened = _drawable(volume, freq, by)
    if coarsened:
        unit = _FREQ_NAMES.get(freq, "period")
    has_groups = by in volume.columns
    grid = (volume.pivot_table(index=by, columns="period", values="n_docs", aggfunc="sum",
                               fill_value=0) if has_groups
            else volume.set_index("period")[["n_docs"]].T.rename(index={"n_docs": "all"}))
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False).index]
    if len(grid) > max_outlets:
        head, tail = grid.iloc[: max_outlets - 1], grid.iloc[max_outlets - 1:]
        other = "other outlets" if by in (None, "source") else "other groups"
        grid = pd.concat([head, tail.sum().to_frame(other).T])
    n_rows, n_cols = grid.shape
    height = 2.6 + 0.42 * max(n_rows, 2)
    fig = new_figure(width=10, height=height, nrows=2)
    ax_total, ax_grid = fig.axes
    fig.get_layout_engine().set(h_pad=0.1)
    ax_total.get_gridspec().set_height_ratios([1.6, max(1.0, 0.42 * n_rows)])

    totals = grid.sum(axis=0).to_numpy()
    x = np.arange(n_cols)
    ax_total.bar(x, totals, color="#1b6ca8", width=0.85)
    ax_total.set_xlim(-0.5, n_cols - 0.5)
    ax_total.set_xticks([])
    ax_total.set_ylabel("articles")
    ax_total.yaxis.set_major_locator(MaxNLocator(integer=True))
    undated = volume.attrs.get("n_undated")
    notes = [coarsened] if coarsened else []
    if undated:
        notes.append(f"{undated:,} undated article(s) not shown")
    # the note sits in its own line between the title and the bars (at the title's right it
    # ran into a long title)
    ax_total.set_title(f"Articles per {unit} (all outlets)" if by == "source"
                       else f"Articles per {unit} (all {plain(by)} groups)", pad=16 if notes else 6)
    if notes:
        ax_total.text(0.5, 1.02, "; ".join(notes), transform=ax_total.transAxes, ha="center",
                      va="bottom", fontsize=8, color="#a4161a")

    values = grid.to_numpy(dtype=float)
    shown = np.ma.masked_where(values == 0, values)
    # empty periods are masked: a faint red cell (plus a dot) stands out from any count
    cmap = mcolors.LinearSegmentedColormap.from_list(
        "volume", ["#d6e6f4", "#08306b"]).with_extremes(bad="#fde8e8")
    top = max(1.0, float(values.max()))
    ax_grid.imshow(shown, aspect="auto", cmap=cmap, norm=mcolors.Normalize(0, top),
                   interpolation="nearest")
    ax_grid.grid(False)
    zr, zc = np.nonzero(values == 0)
    ax_grid.scatter(zc, zr, s=16, color="#d1495b", marker="o", linewidths=0,
                    label=f"no articles that {unit}")
    if n_rows * n_cols <= 400:
        for r in range(n_rows):
            for c in range(n_cols):
                if values[r, c] > 0:
                    ax_grid.text(c, r, f"{int(values[r, c])}", ha="center", va="center",
                                 fontsize=7, color="white" if values[r, c] > top / 2 else "#222")
    colors = group_colors(grid.index)
    ax_grid.set_yticks(np.arange(n_rows), [plain(s) for s in grid.index])
    for tick, name in zip(ax_grid.get_yticklabels(), grid.index, strict=True):
        tick.set_color(colors.get(name, "#222"))
    labels = _period_labels(pd.Series(grid.columns), freq)
    step = max(1, int(np.ceil(n_cols / 14)))
    ax_grid.set_xticks(x[::step], labels[::step], rotation=45, ha="right")
    what = group_word(by)
    ax_grid.set_title(f"Articles per {what} and {unit}"
                      + (" (red dots: none published)" if len(zr) else ""), fontsize=10)
    for side in ("left", "bottom"):
        ax_grid.spines[side].set_visible(False)
    return fig


def length_figure(lengths: pd.DataFrame, *, by: str = "source",
                  max_outlets: int = MAX_OUTLETS) -> Figure | Note:
    """Distribution of article length in words per outlet (box plots; log scale if skewed)."""
    if by not in lengths.columns:  # the group column of a lengths(df, by=...) table
        by = next((c for c in lengths.columns if c not in ("doc_id", "n_words", "n_chars")), by)
    data = lengths[lengths["n_words"] > 0]
    if lengths.empty:  # the length table above says so already: no second sentence
        return Note("")
    if data.empty:
        return Note(f"{none_of(len(lengths), 'articles', 'text')}, so there are no lengths "
                    "to show.")
    groups = (data.groupby(by)["n_words"] if by in data.columns else [("all", data["n_words"])])
    series = sorted(((str(k), g.to_numpy()) for k, g in groups), key=lambda kv: -len(kv[1]))
    series = series[:max_outlets][::-1]  # largest outlet on top
    fig = new_figure(width=10, height=1.6 + 0.35 * max(1, len(series)))
    ax = fig.axes[0]
    colors = group_colors(k for k, _ in series)
    bp = ax.boxplot([v for _, v in series], orientation="horizontal", patch_artist=True,
                    widths=0.6, flierprops={"markersize": 2, "alpha": 0.4})
    for patch, (name, _) in zip(bp["boxes"], series, strict=True):
        patch.set_facecolor(colors[name])
        patch.set_alpha(0.55)
    ax.set_yticks(np.arange(1, len(series) + 1),
                  [f"{plain(k)} (n={len(v):,})" for k, v in series])
    all_words = np.concatenate([v for _, v in series])
    if all_words.max() / max(1, all_words.min()) > 50:
        ax.set_xscale("log")
    ax.set_xlabel("words per article")
    empty = int((lengths["n_words"] == 0).sum())
    ax.set_title(("Article length per outlet" if by == "source" else f"Article length per {plain(by)}")
                 + (f" ({empty:,} empty article(s) not shown)" if empty else ""))
    return fig


__all__ = ["length_figure", "plain", "volume_figure"]  # plain: kept importable from here
