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
from .base import (
    Note,
    empty_reason,
    group_colors,
    group_word,
    new_figure,
    none_of,
    one_period_note,
    over_time_panel,
    plain,
)

if TYPE_CHECKING:
    from ..readability import MeasureAgreement

_BAND_EDGES = (6.0, 9.0, 13.0, 17.0)  # where readability.GRADE_BANDS change
_BAND_SHORT = ("elementary", "middle", "high school", "college", "graduate")


def _label(measure: str) -> str:
    from ..readability import MEASURE_LABELS

    return MEASURE_LABELS.get(measure, measure.replace("_", " "))


_plain = plain  # one escape for every label (plotting.base)


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
                       reliable_only: bool = True) -> Figure | Note:
    """Box plot of ``measure`` per group (outlet), ordered by median, on the school-grade bands
    for grade measures; each box is labelled with its number of articles."""
    from ..readability import GRADE_MEASURES

    if by not in scores_with_meta.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, scores_with_meta.columns))}")
    values = _values(scores_with_meta, measure, reliable_only)
    groups = {str(g): v.dropna().to_numpy() for g, v in values.groupby(scores_with_meta[by])}
    totals = {str(g): n for g, n in scores_with_meta[by].value_counts().items()}
    groups = {g: v for g, v in groups.items() if v.size}
    order = sorted(groups, key=lambda g: np.median(groups[g]))
    if not order:
        n = len(scores_with_meta)
        return Note("There are no articles in the selection, so there is no distribution to "
                    "show." if n == 0 else
                    f"{none_of(n, 'articles', f'reliable {_label(measure)} value')}, so there "
                    "is no distribution to show; the last section says why.")
    fig = new_figure(width=9, height=max(2.6, 0.45 * len(order) + 1.4))
    ax = fig.axes[0]
    colors = group_colors(order)
    box = ax.boxplot([groups[g] for g in order], orientation="horizontal", widths=0.6,
                     patch_artist=True, showfliers=True, flierprops={"markersize": 2},
                     medianprops={"color": "black"})
    for patch, g in zip(box["boxes"], order, strict=True):
        patch.set(facecolor=colors[g], alpha=0.55)
    # "n=50 of 76": how many articles the box rests on, and how many the outlet has
    labels = []
    for g in order:
        n, total = groups[g].size, totals.get(g, 0)
        labels.append(f"{_plain(g)}  (n={n:,}" + (f" of {total:,})" if total > n else ")"))
    ax.set_yticks(range(1, len(order) + 1), labels)
    ax.set_xlabel(_label(measure))
    if measure in GRADE_MEASURES:
        lo, hi = ax.get_xlim()
        _shade_grade_bands(ax, axis="x", lo=lo, hi=hi)
        ax.set_xlim(lo, hi)
    kept = "reliable values only" if reliable_only else "all values"
    ax.set_title(f"{_label(measure)} per {'outlet' if by == 'source' else plain(by)} ({kept})",
                 loc="left", pad=16)
    return fig


def readability_over_time(table: pd.DataFrame, *, by: str | None = None,
                          title: str | None = None) -> Figure | Note:
    """Lines with bootstrap bands from :func:`medialens.readability.over_time`, one per group;
    periods with too few articles stay gaps. Nothing to draw (no dates, no reliable value in
    any period): a :class:`Note` saying why."""
    from ..readability import GRADE_MEASURES

    measure = table.attrs.get("measure", table.attrs.get("value", "value"))
    if by is not None and by not in table.columns and not table.empty:
        raise ParameterError(f"by={by!r} is not a column of the table; it has: "
                             f"{', '.join(map(str, table.columns))}")
    reliable = bool(table.attrs.get("reliable_only"))
    reason = empty_reason(table, what="reliably scored articles" if reliable else "articles",
                          valued="" if reliable else "with a value")
    if reason:
        if table.empty and table.attrs.get("n_input") and not table.attrs.get("n_undated"):
            reason = (f"No article has a reliable {_label(measure)} value, so nothing can be "
                      "shown over time; the last section says why they were flagged.")
        return Note(reason)
    if table["period"].nunique() == 1:
        stat = table.attrs.get("stat", "mean")
        return one_period_note(table, by=by, what=f"{stat} {_label(measure)}", unit="articles")
    fig = new_figure(width=10, height=4.2)
    ax = fig.axes[0]
    if by is None:
        over_time_panel(ax, table, label="all articles")
    else:
        colors = group_colors(table[by].unique())
        for g, part in table.groupby(by, sort=True):
            if part["mean"].notna().any():  # no legend entry for a group with no value
                over_time_panel(ax, part, label=_plain(g), color=colors[g])
        ax.legend(title=group_word(by), fontsize=8, frameon=False,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0))
    stat = table.attrs.get("stat", "mean")
    ci = table.attrs.get("ci", 0.95)
    ax.set_ylabel(f"{stat} {_label(measure)}")
    if measure in GRADE_MEASURES and table["mean"].notna().any():
        lo, hi = ax.get_ylim()
        _shade_grade_bands(ax, axis="y", lo=lo, hi=hi)
        ax.set_ylim(lo, hi)
    freq = table.attrs.get("freq", "")
    min_docs = table.attrs.get("min_docs")
    few = (f"fewer than {min_docs} articles" if min_docs else "too few articles") + (
        " with a reliable value" if table.attrs.get("reliable_only") else "")
    ax.set_title(plain(title) if title else f"{_label(measure)} per period ({freq}), {ci:.0%} "
                 f"interval; gaps = {few}", loc="left")
    n_undated = table.attrs.get("n_undated", 0)
    if n_undated:  # an outlet without dates would otherwise just be missing from the plot
        fig.supxlabel(f"Not shown: {n_undated:,} article{'s' if n_undated > 1 else ''} without "
                      "a publication date.", x=0.01, ha="left", fontsize=8, color="0.35")
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


def agreement_ranks(agreement: MeasureAgreement) -> Figure | Note:
    """Each formula's ranking of the groups (rows = formulas, columns = groups, hardest
    first), coloured by rank and annotated with the group's statistic, Kendall's W in the
    title and what was left out (``agreement.note``) underneath. Readable with few groups,
    where a correlation matrix of rankings says little."""
    ranks, table = agreement.ranks, agreement.table
    if len(ranks) == 1:  # one outlet ranks first on every formula: nothing to agree about
        what = "outlet" if (ranks.index.name or "source") == "source" else ranks.index.name
        name = str(ranks.index[0])
        shown = name if name.startswith("(") else f"({name})"  # "(no outlet)" has its own
        return Note(f"There is only one {what} {shown}, so the formulas have no "
                    f"{what}s to rank and cannot agree or disagree; compare groups with the "
                    "group_by parameter (e.g. a topic column).")
    if ranks.empty or len(ranks.columns) == 0:
        note = (agreement.note or "no formula has enough reliable values in every group").strip()
        return Note("The formulas cannot be compared: " + note.rstrip(".") + ".")
    fig = new_figure(width=max(6.0, 1.5 * len(ranks) + 3.5),
                     height=max(2.8, 0.42 * len(ranks.columns) + 1.9))
    ax = fig.axes[0]
    ax.grid(False)
    order = ranks.mean(axis=1).sort_values(kind="stable").index  # hardest on average first
    r = ranks.loc[order].T  # rows: measures, columns: groups
    n = len(order)
    ax.imshow(r.to_numpy(dtype=float), cmap="Blues_r", vmin=0.5, vmax=n + 1.5, aspect="auto")
    ax.set_xticks(range(n), [_plain(g) for g in order], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(r)), [_label(m) for m in r.index], fontsize=9)
    for i, m in enumerate(r.index):
        for j, g in enumerate(order):
            rank, value = r.iat[i, j], table.at[g, m]
            ax.text(j, i, f"{rank:g}  ({value:.1f})", ha="center", va="center", fontsize=8,
                    color="white" if rank <= (n + 1) / 2 else "black")
    ax.spines[:].set_visible(False)
    w = agreement.kendalls_w
    stat = "median" if agreement.table.attrs.get("stat") == "median" else "statistic"
    group = ranks.index.name or "group"
    title = (f"Rank of each {'outlet' if group == 'source' else plain(group)} by formula "
             "(1 = hardest; in brackets "
             f"the {stat})")
    if np.isfinite(w):
        title += f"\nKendall's W = {w:.2f} (1 = all formulas rank alike; p = {agreement.p_value:.2g})"
    ax.set_title(title, loc="left", fontsize=10)
    if agreement.note:
        # supxlabel, unlike fig.text, gets room from the constrained layout
        fig.supxlabel(agreement.note[0].upper() + agreement.note[1:], x=0.01, ha="left",
                      fontsize=8, color="0.35")
    return fig


__all__ = ["agreement_heatmap", "agreement_ranks", "grade_distribution", "readability_over_time"]
