"""Poll figures as pictures: a tracker per subject over time, and reporting quality per outlet.

Both take the tables of :mod:`medialens.polls` and return a matplotlib ``Figure``; they never
read or save files.

>>> import pandas as pd
>>> t = pd.DataFrame({"poll_id": ["a", "b", "c"], "subject": ["Labour"] * 3, "measure": ["vote"] * 3,
...     "value": [35.0, 33.0, 36.0], "pollster": ["MORI", "Gallup", "MORI"],
...     "date": pd.to_datetime(["1987-03-01", "1987-03-08", "1987-03-15"]),
...     "date_basis": ["fieldwork", "published", "fieldwork"], "n_reports": [1, 2, 1]})
>>> poll_tracker(t).axes[0].get_title()
'Labour (vote)'
"""

from __future__ import annotations

import functools
import math
import re
import textwrap

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..errors import ParameterError
from .base import Note, group_colors, new_figure, none_of, plain

_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "h", "*", "p")
_UNSTATED = "(pollster not stated)"
_OTHERS = "(other pollsters)"
_MAX_LEGEND = 9  # more pollsters than this: the ones with a single poll share one grey entry
# A subject worth a panel of its own: a name ("Labour", "Ilse Varga", "Strait Crossing"), not a
# word the extractor could not tie to one ("month", "-", "“it’s").
# A named series: a capitalised name of up to five words, or one starting with a figure
# ("7-Eleven", "3M"); never an age band ("30-39", "18 to 24"), which is a group of respondents.
_PANEL_SUBJECT = re.compile(r"^(?!\d+(?:\s*(?:-|–|to)\s*\d+|\+)?$)[A-Z0-9][\w'’.&-]*(?:\s+[\w'’.&-]+){0,4}$")


def _style(pollsters: list[str]) -> dict[str, tuple[str, str]]:
    """A distinct (colour, marker) per pollster: colours cycle first, then markers change."""
    colors = list(group_colors(range(len(pollsters))).values())
    return {p: (colors[k], _MARKERS[k % len(_MARKERS)]) for k, p in enumerate(pollsters)}


def _panel_label(subject: str, country: object, measure: str) -> str:
    parts = [x for x in (country, measure) if isinstance(x, str) and x]
    return f"{subject} ({', '.join(parts)})" if parts else str(subject)


def check_tracker_options(*, max_panels: int = 6, max_gap_days: int | None = 120) -> None:
    """Validate :func:`poll_tracker`'s panel count and gap (the report runner checks a run's
    parameters with it before any notebook starts).

    >>> check_tracker_options(max_panels=0)
    Traceback (most recent call last):
    ...
    medialens.errors.ParameterError: max_panels=0 must be a whole number of at least 1
    """
    if isinstance(max_panels, bool) or not isinstance(max_panels, int) or max_panels < 1:
        raise ParameterError(f"max_panels={max_panels!r} must be a whole number of at least 1")
    if max_gap_days is not None and (isinstance(max_gap_days, bool) or not isinstance(max_gap_days, int)
                                     or max_gap_days < 1):
        raise ParameterError(f"max_gap_days={max_gap_days!r} must be a whole number of days (at least 1) or None")


def poll_tracker(tracker: pd.DataFrame, *, subjects: list[str] | None = None, max_panels: int = 6,
                 max_gap_days: int | None = 120, ncols: int = 2,
                 title: str | None = None) -> Figure | Note:
    """One panel per subject (country or region, and measure): each poll a point, each pollster a colour,
    a marker and a line.

    ``tracker`` is :func:`medialens.polls.tracker_table` output. Filled markers are dated by
    fieldwork, hollow ones by the article's publication date (fieldwork not stated); a bigger
    marker means more articles reported the poll. The panels show ``subjects`` (names matched
    as whole words, any case; in that order), else the subjects with most polls, at most
    ``max_panels``. A pollster's line breaks where two of its polls are more than
    ``max_gap_days`` apart (``None``: never). The y axis is the table's ``unit``: shares
    (percent) and leads or changes (points) are never drawn on one axis.
    """
    if not isinstance(tracker, pd.DataFrame):
        raise ParameterError(f"poll_tracker needs a tracker table (medialens.polls.tracker_table), got "
                             f"{type(tracker).__name__}")
    need = {"subject", "measure", "value", "pollster", "date", "date_basis"}
    missing = sorted(need - set(tracker.columns))
    if missing:
        raise ParameterError(f"poll_tracker: the tracker table lacks column(s) {missing}")
    check_tracker_options(max_panels=max_panels, max_gap_days=max_gap_days)
    if subjects is not None and (isinstance(subjects, str) or not all(isinstance(x, str) for x in subjects)):
        raise ParameterError(f"subjects={subjects!r} must be a list of names")
    units = sorted(set(tracker["unit"].dropna())) if "unit" in tracker.columns else ["percent"]
    if len(units) > 1:
        raise ParameterError(f"poll_tracker: the table mixes units {units}; plot shares and leads separately")
    t = tracker.dropna(subset=["date", "value"]).copy()
    if t.empty:
        # (a poll is one row per subject it measured: count the polls, not the rows)
        n_polls = tracker["poll_id"].nunique() if "poll_id" in tracker.columns else len(tracker)
        # the tracker holds one kind of figure: say so, or "81 polls" reads against the key
        # figures' 86 (polls that reported only a lead are in a tracker of their own)
        kind = "a share" if units == ["percent"] else "a lead or change"
        polls = "poll that reports" if n_polls == 1 else "polls that report"
        return Note("No poll figure was found in the selected articles, so there is no tracker "
                    "to draw." if tracker.empty else
                    f"{none_of(n_polls, f'{polls} {kind}', 'date')} "
                    "(neither fieldwork nor a dated article), so there is no tracker to draw.")
    t["pollster"] = t["pollster"].fillna(_UNSTATED)
    t["measure"] = t["measure"].astype(object).where(t["measure"].notna(), "")  # (all None: a float column)
    t["country"] = t["country"].fillna("") if "country" in t.columns else ""
    if "region" in t.columns:
        # a state's or province's polls are a panel of their own, named by the place
        t["country"] = [r if isinstance(r, str) and r else c for r, c in zip(t["region"], t["country"], strict=True)]
    # most polls first; among equals, the series more articles reported (a poll reported by five
    # outlets says more about the coverage than one reported once), not the alphabet
    by_key = t.assign(_reports=t["n_reports"].fillna(1) if "n_reports" in t.columns else 1
                      ).groupby(["subject", "country", "measure"])
    order = pd.DataFrame({"n": by_key.size(), "reports": by_key["_reports"].sum()}).sort_values(
        ["n", "reports"], ascending=False, kind="stable")
    counts = order["n"]
    left_out: list[tuple[str, str, str]] = []
    if subjects:
        per_want = []
        for want in subjects:
            rx = re.compile(rf"(?i)(?<!\w){re.escape(want.strip())}(?!\w)")
            per_want.append([k for k in counts.index if rx.search(str(k[0]))])  # most polls first
        matched = list(dict.fromkeys(k for ks in per_want for k in ks))
        if not matched:
            raise ParameterError(f"poll_tracker: no series for subjects {subjects}; there are "
                                 f"{sorted(set(t['subject']))[:20]}")
        # Each requested subject's largest series first (in the order given), then the other
        # matches by number of polls: "subjects=Harris,Clinton" with four panels drew four
        # Harris series (three of one poll) and no Clinton panel at all.
        keys = list(dict.fromkeys([ks[0] for ks in per_want if ks]
                                  + sorted(matched, key=lambda k: -counts[k])))
        keys, left_out = keys[:max_panels], keys[max_panels:]
    else:
        # automatic panels: named subjects only, and series of two polls or more when there are any
        named = counts[[bool(_PANEL_SUBJECT.match(str(k[0]))) for k in counts.index]]
        named = named[named >= 2] if (named >= 2).any() else named
        if named.empty:
            undated = tracker[tracker["date"].isna() & tracker["value"].notna()]
            who = undated["subject"].dropna().astype(str)
            who = who[[bool(_PANEL_SUBJECT.match(x)) for x in who]]
            if not who.empty:
                # the named series exist but have no dates: say that, not "no names"
                top = ", ".join(who.value_counts().index[:4])
                n_polls = (undated.loc[who.index, "poll_id"].nunique() if "poll_id" in undated.columns
                           else len(who))
                return Note(f"{n_polls:,} polls of named parties or people ({top}) have no date "
                            "(neither fieldwork nor a dated article), so they cannot be placed on "
                            "a time axis; the tracker table lists them. None of the "
                            f"{len(counts):,} dated series names a party, person or project.")
            return Note(f"None of the {len(counts):,} series names a party, person or project, so no panel is "
                        "drawn; choose subjects with the `subjects` parameter (the tracker table lists them).")
        keys = named.head(max_panels).index.tolist()
    n = len(keys)
    cols = min(ncols, n)
    rows = math.ceil(n / cols)
    fig = new_figure(width=5.0 * cols, height=3.2 * rows, nrows=rows, ncols=cols)
    shown = t[[k in set(keys) for k in zip(t["subject"], t["country"], t["measure"], strict=True)]]
    # legend: the pollsters drawn, no others; with many, those with one poll share a grey entry
    polls_per = shown.groupby("pollster").size()
    if len(polls_per) > _MAX_LEGEND:
        few = set(polls_per[polls_per < 2].index) - {_UNSTATED}
        shown = shown.assign(pollster=shown["pollster"].where(~shown["pollster"].isin(few), _OTHERS))
        t = t.assign(pollster=t["pollster"].where(~t["pollster"].isin(few), _OTHERS))
    style = _style(sorted(shown["pollster"].unique(), key=lambda p: (p.startswith("("), p)))
    for grey, marker in ((_UNSTATED, "."), (_OTHERS, "d")):
        if grey in style:
            style[grey] = ("#8a8a8a", marker)
    axes = fig.axes
    # One time axis for all panels, padded, so a single poll does not get a decade-wide axis.
    lo, hi = shown["date"].min(), shown["date"].max()
    pad = max((hi - lo) * 0.05, pd.Timedelta(days=7))
    for ax, (subject, country, measure) in zip(axes, keys, strict=False):
        sub = t[(t["subject"] == subject) & (t["country"] == country) & (t["measure"] == measure)].sort_values("date")
        for pollster, g in sub.groupby("pollster"):
            c, m = style[pollster]
            # no line across a long gap: a pollster silent for months is not a trend
            gap = g["date"].diff() > pd.Timedelta(days=max_gap_days) if max_gap_days else g["date"].isna()
            for _, run in g.groupby(gap.cumsum()):
                # no line through polls of unknown or different pollsters: they are no series
                if len(run) > 1 and pollster not in (_UNSTATED, _OTHERS):
                    ax.plot(run["date"], run["value"], color=c, linewidth=1, alpha=0.6)
            for basis, marker_face in (("fieldwork", c), ("published", "white")):
                gb = g[g["date_basis"] == basis]
                if len(gb):
                    sizes = 22 + 14 * (gb["n_reports"].fillna(1).clip(upper=5) - 1) if "n_reports" in gb else 22
                    ax.scatter(gb["date"], gb["value"], s=sizes, marker=m, facecolors=marker_face, edgecolors=c,
                               zorder=3)
        ax.set_xlim(lo - pad, hi + pad)
        ax.set_title(plain(_panel_label(subject, country, measure)))
        ax.set_ylabel(units[0] if units else "percent")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))  # whole steps
        # few ticks: a narrow panel over many years otherwise prints "20152016201720182019..."
        locator = mdates.AutoDateLocator(minticks=2, maxticks=5)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for ax in axes[n:]:
        ax.set_axis_off()
    handles = [Line2D([], [], color=c, marker=m, linestyle="" if p in (_UNSTATED, _OTHERS) else "-",
                      label=plain(p)) for p, (c, m) in style.items()]
    if (shown["date_basis"] == "published").any():
        handles.append(Line2D([], [], color="grey", marker="o", markerfacecolor="white",
                              linestyle="", label="dated by publication"))
    fig.legend(handles=handles, loc="outside right upper", fontsize="small", frameon=False)
    # a title wider than one panel runs into the legend at its right: wrapped to the panels
    # (left-aligned over the panels: centred, it is centred on panels and legend together)
    wrap = functools.partial(textwrap.fill, width=45 * cols)
    if title:
        fig.suptitle(wrap(plain(title)), x=0.02, ha="left")
    elif not subjects and counts[list(keys)].max() < 2:
        fig.suptitle(wrap("Every series here has a single poll: points to compare, not trends"),
                     fontsize="medium", color="#555555", x=0.02, ha="left")
    notes = []
    if left_out:
        # say what the panel limit left out, not draw a partial selection silently
        names = ", ".join(_panel_label(*k) for k in left_out[:4]) + (", ..." if len(left_out) > 4 else "")
        notes.append(f"{len(left_out)} more series match the subjects and are not drawn (max_panels={max_panels}): {names}")
    n_sub = int(tracker.attrs.get("subgroup_figures_left_out", 0) or 0)
    if n_sub:
        notes.append(f"{n_sub} figure{'s' if n_sub != 1 else ''} about a part of a poll's sample (\"among women\", "
                     f"\"of Republicans\") {'are' if n_sub != 1 else 'is'} not in these series: the figures table "
                     f"names each one's subgroup")
    if notes:
        fig.text(0.02, 0.0, "\n".join(wrap(plain(n)) for n in notes),
                 fontsize="small", color="#555555", ha="left", va="top")
    return fig


def reporting_quality_bars(quality: pd.DataFrame, *, title: str | None = None
                           ) -> Figure | Note:
    """Per outlet, the share of poll articles naming the pollster and giving sample size,
    margin of error and fieldwork dates (``medialens.polls.reporting_quality`` output).
    """
    measures = [("with_pollster", "pollster"), ("with_sample_size", "sample size"),
                ("with_margin_of_error", "margin of error"), ("with_fieldwork", "fieldwork dates")]
    missing = [c for c, _ in measures if c not in quality.columns] + ([] if "source" in quality else ["source"])
    if missing:
        raise ParameterError(f"reporting_quality_bars: the table lacks column(s) {missing}")
    q = quality[quality["poll_articles"].fillna(0) > 0].head(12)
    if q.empty:  # the reporting-quality table above says so already: no second sentence
        return Note("")
    fig = new_figure(width=8, height=0.5 + 0.55 * max(len(q), 1) + 1)
    ax = fig.axes[0]
    labels = [f"{plain(s)} (n={int(n):,})" for s, n in zip(q["source"], q["poll_articles"],
                                                           strict=True)]
    h = 0.8 / len(measures)
    colors = list(group_colors([m for m, _ in measures]).values())
    for k, ((col, label), color) in enumerate(zip(measures, colors, strict=True)):
        ys = [i + k * h for i in range(len(q))]
        ax.barh(ys, 100 * q[col].astype(float), height=h, color=color, label=label)
    ax.set_yticks([i + 0.4 - h / 2 for i in range(len(q))], labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the outlet's poll articles that state it")
    # beside the bars: inside, it covers the last outlet's bars
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    if title:
        ax.set_title(plain(title))
    return fig


__all__ = ["check_tracker_options", "poll_tracker", "reporting_quality_bars"]
