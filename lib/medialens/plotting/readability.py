"""Readability figures: grade distribution per outlet, readability over time, measure agreement.

Each function takes the tables of :mod:`medialens.readability` and returns a ``Figure``.

>>> import pandas as pd
>>> df = pd.DataFrame({"source": ["A", "A", "B", "B"], "gunning_fog": [9.0, 11.0, 13.0, 15.0]})
>>> grade_distribution(df, measure="gunning_fog")  # doctest: +ELLIPSIS
<Figure size ...>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..errors import ParameterError
from .base import group_colors, new_figure, over_time_panel

if TYPE_CHECKING:
    from ..readability import MeasureAgreement

_BAND_EDGES = (6.0, 9.0, 13.0, 17.0)  # where readability.GRADE_BANDS change
_BAND_SHORT = ("elementary", "middle", "high school", "college", "graduate")


def _label(measure: str) -> str:
    from ..readability import MEASURE_LABELS

    return MEASURE_LABELS.get(measure, measure.replace("_", " "))


def _shade_grade_bands(ax, *, axis: str, lo: float, hi: float) -> None:
    """Alternate light bands for the US school stages, labelled at the plot's edge."""
    edges = [-np.inf, *_BAND_EDGES, np.inf]
    for i, name in enumerate(_BAND_SHORT):
        a, b = max(edges[i], lo), min(edges[i + 1], hi)
        if a >= b:
            continue
        span = ax.axvspan if axis == "x" else ax.axhspan
        span(a, b, color="0.5", alpha=0.07 if i % 2 else 0.0, linewidth=0, zorder=0)
        if axis == "x":
            ax.text((a + b) / 2, 1.01, name, transform=ax.get_xaxis_transform(), ha="center",
                    va="bottom", fontsize=8, color="0.35")
        else:  # inside the left edge: the legend sits outside on the right
            ax.text(0.005, (a + b) / 2, name, transform=ax.get_yaxis_transform(), ha="left",
                    va="center", fontsize=8, color="0.35")


def _values(df: pd.DataFrame, measure: str, reliable_only: bool) -> pd.Series:
    from ..readability import measure_values

    return measure_values(df, measure, reliable_only=reliable_only)[0]


def grade_distribution(scores_with_meta: pd.DataFrame, *,
                       measure: str = "flesch_kincaid_grade", by: str = "source",
                       reliable_only: bool = True) -> Figure:
    """Box plot of ``measure`` per group (outlet), ordered by median, on the school-grade bands
    for grade measures; each box is labelled with its number of articles."""
    from ..readability import GRADE_MEASURES

    if by not in scores_with_meta.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, scores_with_meta.columns))}")
    values = _values(scores_with_meta, measure, reliable_only)
    groups = {str(g): v.dropna().to_numpy() for g, v in values.groupby(scores_with_meta[by])}
    groups = {g: v for g, v in groups.items() if v.size}
    order = sorted(groups, key=lambda g: np.median(groups[g]))
    fig = new_figure(width=9, height=max(2.6, 0.45 * len(order) + 1.4))
    ax = fig.axes[0]
    if not order:
        ax.text(0.5, 0.5, f"no reliable {_label(measure)} values", ha="center",
                transform=ax.transAxes)
        return fig
    colors = group_colors(order)
    box = ax.boxplot([groups[g] for g in order], orientation="horizontal", widths=0.6,
                     patch_artist=True, showfliers=True, flierprops={"markersize": 2},
                     medianprops={"color": "black"})
    for patch, g in zip(box["boxes"], order, strict=True):
        patch.set(facecolor=colors[g], alpha=0.55)
    ax.set_yticks(range(1, len(order) + 1),
                  [f"{g}  (n={groups[g].size:,})" for g in order])
    ax.set_xlabel(_label(measure))
    if measure in GRADE_MEASURES:
        lo, hi = ax.get_xlim()
        _shade_grade_bands(ax, axis="x", lo=lo, hi=hi)
        ax.set_xlim(lo, hi)
    kept = "reliable values only" if reliable_only else "all values"
    ax.set_title(f"{_label(measure)} per {by} ({kept})", loc="left", pad=16)
    return fig


def readability_over_time(table: pd.DataFrame, *, by: str | None = None,
                          title: str | None = None) -> Figure:
    """Lines with bootstrap bands from :func:`medialens.readability.over_time`, one per group;
    periods with too few articles stay gaps."""
    from ..readability import GRADE_MEASURES

    measure = table.attrs.get("measure", table.attrs.get("value", "value"))
    fig = new_figure(width=10, height=4.2)
    ax = fig.axes[0]
    if by is not None and by not in table.columns:
        raise ParameterError(f"by={by!r} is not a column of the table; it has: "
                             f"{', '.join(map(str, table.columns))}")
    if by is None:
        over_time_panel(ax, table, label="all articles")
    else:
        colors = group_colors(table[by].unique())
        for g, part in table.groupby(by, sort=True):
            over_time_panel(ax, part, label=str(g), color=colors[g])
        ax.legend(title=by, fontsize=8, frameon=False, loc="upper left",
                  bbox_to_anchor=(1.0, 1.0))
    stat = table.attrs.get("stat", "mean")
    ci = table.attrs.get("ci", 0.95)
    ax.set_ylabel(f"{stat} {_label(measure)}")
    if measure in GRADE_MEASURES and table["mean"].notna().any():
        lo, hi = ax.get_ylim()
        _shade_grade_bands(ax, axis="y", lo=lo, hi=hi)
        ax.set_ylim(lo, hi)
    freq = table.attrs.get("freq", "")
    ax.set_title(title or f"{_label(measure)} per period ({freq}), "
                 f"{ci:.0%} bootstrap interval; gaps = too few articles", loc="left")
    return fig


def agreement_heatmap(agreement: MeasureAgreement) -> Figure:
    """Spearman correlation between the measures' rankings of the groups, annotated, with
    Kendall's W in the title."""
    corr = agreement.spearman
    n = len(corr)
    fig = new_figure(width=max(5.0, 0.75 * n + 3), height=max(4.0, 0.6 * n + 2))
    ax = fig.axes[0]
    ax.grid(False)
    if n == 0:
        ax.text(0.5, 0.5, agreement.note or "nothing to compare", ha="center", wrap=True,
                transform=ax.transAxes)
        return fig
    im = ax.imshow(corr.to_numpy(dtype=float), cmap="RdBu", vmin=-1, vmax=1)
    labels = [_label(m) for m in corr.columns]
    ax.set_xticks(range(n), labels, rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(n), labels, fontsize=8)
    for i in range(n):
        for j in range(n):
            v = corr.iat[i, j]
            if np.isfinite(v):
                ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7,
                        color="white" if abs(v) > 0.6 else "black")
    fig.colorbar(im, ax=ax, shrink=0.8, label="Spearman ρ of group rankings")
    n_groups = len(agreement.ranks)
    ax.set_title(f"Do the formulas rank the {n_groups} groups alike?  Kendall's W = "
                 f"{agreement.kendalls_w:.2f} (p = {agreement.p_value:.2g})", loc="left",
                 fontsize=10)
    return fig


__all__ = ["agreement_heatmap", "grade_distribution", "readability_over_time"]
