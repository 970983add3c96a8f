"""Sentiment figures: tone over time with volume and change points, method agreement, word shift.

Every function takes medialens tables and returns a ``Figure``; nothing is saved or shown.

>>> import pandas as pd
>>> t = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=4, freq="W-MON"),
...                   "n_docs": [5, 0, 2, 6], "mean": [0.1, float("nan"), float("nan"), -0.2],
...                   "ci_low": [0.0, float("nan"), float("nan"), -0.3],
...                   "ci_high": [0.2, float("nan"), float("nan"), -0.1]})
>>> fig = tone_over_time(t, min_docs=3)
>>> [ax.get_ylabel() for ax in fig.axes]
['mean sentence tone', 'documents']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from .base import (
    Note,
    empty_reason,
    group_colors,
    group_word,
    new_figure,
    one_period_note,
    over_time_panel,
    plain,
    series_groups,
)

GAP_COLOR = "#bbbbbb"
POSITIVE_COLOR = "#edae49"
NEGATIVE_COLOR = "#1b6ca8"
CHANGE_COLOR = "#d1495b"


def _period_edges(periods: pd.Series, freq: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every period (the end is the next start; the last one's is its
    period's end when the table's ``freq`` is known, else start + median step)."""
    starts = pd.to_datetime(pd.Series(periods)).sort_values().drop_duplicates().to_numpy()
    if not len(starts):
        return starts, starts
    try:
        # (one period of a monthly table ended a week after its start: a July drawn as 1-7 July)
        last = (pd.Period(pd.Timestamp(starts[-1]), freq=freq) + 1).start_time.to_datetime64() \
            if freq else None
    except (ValueError, TypeError):
        last = None
    if last is None:
        last = starts[-1] + (np.median(np.diff(starts)) if len(starts) > 1 else np.timedelta64(7, "D"))
    return starts, np.append(starts[1:], last)


def tone_over_time(table: pd.DataFrame, *, by: str | None = None,
                   change_points: pd.DataFrame | None = None, min_docs: int | None = None,
                   y: str = "mean", ylabel: str = "mean sentence tone",
                   title: str | None = None) -> Figure | Note:
    """Tone per period (line + bootstrap band, one colour per group) over a volume panel.

    Periods without documents are shaded grey and periods with fewer than ``min_docs``
    (default: the table's ``attrs["min_docs"]``) are hatched, so a gap is never mistaken for a
    level; change points (from :func:`medialens.timeseries.change_points`) are dashed lines
    labelled with their shift, or a shaded span when the level moved inside a gap. Undated
    documents (``attrs["n_undated"]``) are counted in a note, and a table without a single
    value says so (``attrs["reason"]`` when given) instead of drawing empty axes silently;
    ``title`` defaults to ``attrs["title"]``.
    """
    if table.empty or y not in table.columns or table[y].isna().all():
        # nothing to place on a time axis: one sentence saying why, never empty axes
        return Note(_sentence(table.attrs.get("reason")) or empty_reason(table, value=y)
                    or "Nothing to show over time.")
    min_docs = min_docs if min_docs is not None else int(table.attrs.get("min_docs", 1))
    if table["period"].nunique() == 1:
        return one_period_note(table, by=by, y=y, what=ylabel)
    fig = new_figure(width=10, height=5.5, nrows=2, sharex=True)
    ax, vol = fig.axes
    ax.get_subplotspec().get_gridspec().set_height_ratios([3, 1])
    groups = series_groups(table, by)
    colors = group_colors([g for g, _ in groups]) if by else {None: None}
    for g, part in groups:
        has = part[y].notna().any()  # a group without a value gets no legend entry
        over_time_panel(ax, part, y=y, label=None if g is None or not has else plain(g),
                        color=colors[g])
    ax.axhline(0, color="black", linewidth=0.8, alpha=0.6)

    total = table.groupby("period", sort=True)["n_docs"].sum()
    starts, ends = _period_edges(total.index.to_series(), table.attrs.get("freq"))
    counts = total.to_numpy()
    for s, e, n in zip(starts, ends, counts, strict=True):
        if n == 0:
            ax.axvspan(s, e, color=GAP_COLOR, alpha=0.25, linewidth=0)
        elif n < min_docs:
            ax.axvspan(s, e, facecolor="none", edgecolor=GAP_COLOR, hatch="//", linewidth=0)
    _volume(vol, table, groups, colors, starts, ends)
    if change_points is not None and not change_points.empty:
        _mark_change_points(ax, change_points, starts, ends, by=by, colors=colors)
    handles, _labels = ax.get_legend_handles_labels()
    if (counts == 0).any():  # legend entries only for what the chart shows
        handles += [Patch(color=GAP_COLOR, alpha=0.25, label="no documents")]
    if min_docs > 1 and ((counts > 0) & (counts < min_docs)).any():
        handles += [Patch(facecolor="none", edgecolor=GAP_COLOR, hatch="//",
                          label=f"< {min_docs} documents")]
    if handles:
        ax.legend(handles=handles, loc="best", fontsize=8, frameon=False)
    ax.set_ylabel(ylabel)
    vol.set_ylabel("documents")
    vol.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))  # a short panel
    vol.margins(y=0.08)  # the tallest bar does not touch the frame
    n_undated = int(table.attrs.get("n_undated") or 0)
    if n_undated:
        vol.annotate(f"+ {n_undated:,} undated document{'s' if n_undated > 1 else ''}, not "
                     "placed in time", xy=(1, 1), xycoords="axes fraction", ha="right",
                     va="bottom", fontsize=8, color="#555555")
    title = title or table.attrs.get("title") or (
        f"Article tone by {group_word(by)}" if by and by in table.columns else None)
    if title:
        ax.set_title(plain(title))
    return fig


def tone_by_group(table: pd.DataFrame, *, by: str | None = None, xlabel: str = "mean article tone",
                  title: str | None = None) -> Figure | Note:
    """One row per group: mean tone (dot) with its interval (bar) and the articles behind it.

    A single group is a number, not a comparison: a :class:`Note` gives it with its interval.
    """
    by = by or table.attrs.get("by") or "source"
    shown = table[table["mean"].notna()] if "mean" in table.columns else table.iloc[:0]
    if shown.empty:
        return Note(f"No {plain(by)} has at least {table.attrs.get('min_docs', 1)} scored "
                    "articles, so no mean tone is given.")
    if len(table) == 1:
        from ..overview import NO_SOURCE

        row = table.iloc[0]
        n = int(row["n_docs"])
        tone = (f"mean article tone {row['mean']:.3f} (95% interval {row['ci_low']:.3f} to "
                f"{row['ci_high']:.3f})")
        if by == "source" and row[by] == NO_SOURCE:  # Reuters, BBC: no outlet to compare
            return Note(f"None of the {n:,} articles names its outlet, so there are no outlets "
                        f"to compare (report option --source, or --group-by another column); "
                        f"all together: {tone}.")
        return Note(f"All {n:,} articles have the same "
                    f"{'outlet' if by == 'source' else plain(by)}, {plain(row[by])}: {tone}, "
                    "so there is nothing to compare.")
    fig = new_figure(width=8, height=max(2.0, 0.45 * len(shown) + 1.2))
    ax = fig.axes[0]
    ypos = np.arange(len(shown))
    ax.errorbar(shown["mean"], ypos,
                xerr=[shown["mean"] - shown["ci_low"], shown["ci_high"] - shown["mean"]],
                fmt="o", color="#333333", ecolor="#888888", capsize=3)
    ax.set_yticks(ypos, [f"{plain(g)} (n={n:,})" for g, n in zip(shown[by], shown["n_docs"],
                                                                    strict=True)])
    ax.axvline(0, color="black", linewidth=0.8, alpha=0.6)
    missing = len(table) - len(shown)
    # the note as the axis label's second line: annotated under the axis it ran into the label
    ax.set_xlabel(xlabel + (f"\n+ {missing} {plain(by)} group(s) with fewer than "
                            f"{table.attrs.get('min_docs', 1)} scored articles, not shown"
                            if missing else ""))
    what = group_word(by)
    ax.set_title(plain(title or f"Article tone by {what}, all periods together"))
    return fig


def _sentence(text: object) -> str | None:
    """A reason from a table's attrs as a sentence (capital first, full stop last)."""
    if not isinstance(text, str) or not text.strip():
        return None
    t = " ".join(text.split())
    return t[0].upper() + t[1:] + ("" if t.endswith((".", "!", "?")) else ".")


def _note(ax: Axes, text: str) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=10,
            color="#555555", wrap=True)


def _volume(vol: Axes, table: pd.DataFrame, groups, colors, starts, ends) -> None:
    width = (ends - starts) * 0.8
    bottom = np.zeros(len(starts))
    index = pd.DatetimeIndex(starts)
    # hundreds of periods make bars narrower than a pixel, which are not drawn at all (28
    # articles from 1900 to 2028 by month showed 12 bars): then each period is a line
    from .overview import MAX_PERIODS

    many = len(starts) > MAX_PERIODS
    for g, part in groups:
        n = part.groupby("period")["n_docs"].sum().reindex(index, fill_value=0).to_numpy()
        if many:
            has = n > 0
            vol.vlines(np.asarray(starts)[has], bottom[has], (bottom + n)[has],
                       color=colors[g], alpha=0.8, linewidth=1.2)
        else:
            vol.bar(starts, n, width=width, bottom=bottom, align="edge", color=colors[g],
                    alpha=0.7, linewidth=0)
        bottom += n


def _mark_change_points(ax: Axes, cps: pd.DataFrame, starts: np.ndarray, ends: np.ndarray, *,
                        by: str | None, colors: dict) -> None:
    end_of = dict(zip(pd.DatetimeIndex(starts), ends, strict=True))
    grouped = by is not None and by in cps.columns
    # the group by column name: itertuples renames a column that is no Python identifier
    # ("Section Name", "meta.a", "class"), so getattr(row, by) would fail
    groups = cps[by].tolist() if grouped else [None] * len(cps)
    for i, (group, row) in enumerate(zip(groups, cps.itertuples(index=False), strict=True)):
        color = colors.get(group) or CHANGE_COLOR
        period = pd.Timestamp(row.period)
        if row.across_gap:
            gap_start = end_of.get(pd.Timestamp(row.previous_period), row.previous_period)
            ax.axvspan(gap_start, period, color=color, alpha=0.08, linewidth=0)
        ax.axvline(period, color=color, linestyle="--", linewidth=1.2)
        text = (f"{plain(group)}: {row.level_shift:+.2f}" if grouped
                else f"shift {row.level_shift:+.2f}")
        # Stagger labels so change points of several groups in one period stay readable.
        ax.annotate(text, xy=(period, 1), xycoords=("data", "axes fraction"),
                    xytext=(3, -12 - 11 * (i % 4)), textcoords="offset points", fontsize=8,
                    color=color)


def method_agreement(comparison: pd.DataFrame, per_period: pd.DataFrame | None = None, *,
                     title: str | None = None) -> Figure | Note:
    """Left: VADER against AFINN per document (r in the title). Right (with ``per_period``
    from :func:`medialens.sentiment.agreement_over_time`): both series with their intervals,
    left out when no period has a value (an undated corpus)."""
    if comparison.dropna(subset=["vader", "afinn"]).empty:
        return Note("No article has a sentence both methods could score, so there is nothing "
                    "to compare.")
    if per_period is not None and (per_period.empty or not any(
            per_period.get(f"mean_{m}", pd.Series(dtype=float)).notna().any()
            for m in ("vader", "afinn"))):
        per_period = None  # the per-document comparison still holds without dates
    ncols = 1 if per_period is None else 2
    fig = new_figure(width=5 * ncols + 1, height=4.2, ncols=ncols)
    ax = fig.axes[0]
    ok = comparison.dropna(subset=["vader", "afinn"])
    ax.scatter(ok["vader"], ok["afinn"], s=10, alpha=0.35, color="#30638e", linewidth=0)
    lim = [-1, 1]
    ax.plot(lim, lim, color="black", linewidth=0.8, alpha=0.6)
    ax.set_xlim(lim)
    ax.set_ylim(lim)
    ax.set_xlabel("VADER (mean sentence compound)")
    ax.set_ylabel("AFINN (mean normalised sentence score)")
    # r needs three documents and some spread in both scores (a corpus of tables all score
    # 0.0): otherwise say so rather than print "r = nan" (and numpy's divide warning)
    varied = len(ok) > 2 and ok["vader"].std() > 0 and ok["afinn"].std() > 0
    r_text = (f"r = {np.corrcoef(ok['vader'], ok['afinn'])[0, 1]:.2f}" if varied else
              "r undefined (too few documents or no spread)")
    agree = ok["label_agreement"].mean() if "label_agreement" in ok else np.nan
    same = f", same sentence label {agree:.0%}" if pd.notna(agree) else ""
    docs = "1 document" if len(ok) == 1 else f"{len(ok)} documents"
    ax.set_title(f"{docs}: {r_text}{same}", fontsize=10)
    if per_period is not None:
        ax2 = fig.axes[1]
        for method, color in (("vader", "#30638e"), ("afinn", "#d1495b")):
            part = per_period.rename(columns={f"mean_{method}": "mean",
                                              f"ci_low_{method}": "ci_low",
                                              f"ci_high_{method}": "ci_high"})
            over_time_panel(ax2, part, label=method.upper(), color=color)
        ax2.axhline(0, color="black", linewidth=0.8, alpha=0.6)
        ax2.set_ylabel("mean tone")
        ax2.legend(frameon=False, fontsize=8)
        ax2.set_title("per period", fontsize=10)
        for label in ax2.get_xticklabels():
            label.set_rotation(30)
    if title:
        fig.suptitle(title)
    return fig


def word_shift(shift: pd.DataFrame, *, top: int = 15, label_a: str | None = None,
               label_b: str | None = None, title: str | None = None) -> Figure | Note:
    """Horizontal bars of the words that moved the average valence from ``label_a`` to
    ``label_b`` (from :func:`medialens.sentiment.word_shift`; the labels default to the
    table's ``attrs`` ``label_a``/``label_b``, else "A"/"B").

    Yellow: words more positive than A's average; blue: more negative. Solid: the word became
    more frequent (↑); light and hatched: less frequent (↓). Bars right push the tone up.
    An empty table gives a figure that says why (``attrs["reason"]``).
    """
    label_a = label_a or shift.attrs.get("label_a", "A")
    label_b = label_b or shift.attrs.get("label_b", "B")
    rows = shift.head(top).iloc[::-1]
    if rows.empty:
        return Note(_sentence(shift.attrs.get("reason")) or "No words to show.")
    fig = new_figure(width=8, height=0.32 * len(rows) + 2.6)
    ax = fig.axes[0]
    y = np.arange(len(rows))
    positive = rows["valence_vs_a"].to_numpy() > 0
    more = rows["p_diff"].to_numpy() > 0
    colors = np.where(positive, POSITIVE_COLOR, NEGATIVE_COLOR)
    bars = ax.barh(y, rows["contribution"], color=colors, linewidth=0.8, edgecolor=colors)
    for bar, m in zip(bars, more, strict=True):
        if not m:
            bar.set_alpha(0.45)
            bar.set_hatch("///")
    ax.set_yticks(y, [f"{plain(w)} {'↑' if m else '↓'}" for w, m in
                      zip(rows["word"], more, strict=True)])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("contribution to the change of average word valence")
    a = shift.attrs
    head = (f"{label_a} → {label_b}: average valence {a.get('h_avg_a', np.nan):+.2f} → "
            f"{a.get('h_avg_b', np.nan):+.2f}")
    ax.set_title(plain(title or head), fontsize=10)
    # legend entries only for the kinds of bar drawn; in the figure's own layout (below the
    # axes, sized like the tick labels), so it stays with the chart at any height
    kinds = [(True, True, POSITIVE_COLOR, "positive word, more frequent ↑"),
             (True, False, POSITIVE_COLOR, "positive word, less frequent ↓"),
             (False, True, NEGATIVE_COLOR, "negative word, more frequent ↑"),
             (False, False, NEGATIVE_COLOR, "negative word, less frequent ↓")]
    handles = [Patch(color=c, label=label) if m else
               Patch(color=c, alpha=0.45, hatch="///", label=label)
               for pos, m, c, label in kinds if ((positive == pos) & (more == m)).any()]
    fig.legend(handles=handles, loc="outside lower center", fontsize=9, frameon=False,
               ncol=2)
    return fig


__all__ = ["method_agreement", "tone_by_group", "tone_over_time", "word_shift"]
