"""Readability aggregates over many documents: reading a score in plain words (US school grade
bands), the reliable values of a measure, per-group and per-period summaries, the hardest and
easiest articles, and how far the formulas agree on ranking the groups (Kendall's W).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .. import timeseries
from ..errors import ParameterError
from .scoring import COUNTS, GRADE_MEASURES, HIGHER_IS_EASIER, MEASURES

# --------------------------------------------------------------------------- reading a score

#: US school-grade bands and the score each band ends before. A grade-level score counts by its
#: whole grade, as the formulas are designed (8.7 = eighth grade, seven months in).
GRADE_BANDS: tuple[tuple[str, float], ...] = (
    ("elementary (≤5)", 6.0), ("middle school (6-8)", 9.0), ("high school (9-12)", 13.0),
    ("college (13-16)", 17.0), ("graduate (>16)", math.inf),
)
# Flesch (1948) reading-ease bands and the (new) Dale-Chall score table, as published.
_FRE_BANDS = ((90, "very easy (5th grade)"), (80, "easy (6th grade)"),
              (70, "fairly easy (7th grade)"), (60, "plain English (8th-9th grade)"),
              (50, "fairly difficult (10th-12th grade)"), (30, "difficult (college)"),
              (-math.inf, "very difficult (college graduate)"))
_DALE_CHALL_BANDS = ((10, "college graduate"), (9, "college (13-15)"), (8, "grades 11-12"),
                     (7, "grades 9-10"), (6, "grades 7-8"), (5, "grades 5-6"),
                     (-math.inf, "grade 4 and below"))


def _finite(x: Any) -> bool:
    return isinstance(x, int | float | np.integer | np.floating) and bool(np.isfinite(x))


def grade_band(grade: Any) -> Any:
    """Plain-language US school band of a grade-level score (None for NaN); works on a Series.

    >>> [grade_band(g) for g in (5.9, 6.0, 9.2, 14.2, 17.0)]
    ['elementary (≤5)', 'middle school (6-8)', 'high school (9-12)', 'college (13-16)', 'graduate (>16)']
    """
    if isinstance(grade, pd.Series | np.ndarray | list):
        return pd.Series([grade_band(g) for g in grade],
                         index=grade.index if isinstance(grade, pd.Series) else None,
                         dtype=object)
    if not _finite(grade):
        return None
    return next(label for label, upper in GRADE_BANDS if grade < upper)


def plain_reading(value: Any, measure: str) -> str | None:
    """One phrase saying what a value of ``measure`` means for a reader.

    >>> plain_reading(62.0, "flesch_reading_ease"), plain_reading(9.3, "gunning_fog")
    ('plain English (8th-9th grade)', 'grade 9.3, high school (9-12)')
    """
    if not _finite(value):
        return None
    if measure in GRADE_MEASURES:
        return f"grade {value:.1f}, {grade_band(value)}"
    if measure == "flesch_reading_ease":
        return next(label for low, label in _FRE_BANDS if value >= low)
    if measure == "dale_chall_readability_score":
        return next(label for low, label in _DALE_CHALL_BANDS if value >= low)
    return None


# --------------------------------------------------------------------------- aggregates


def measure_values(df: pd.DataFrame, measure: str, *,
                   reliable_only: bool = True) -> tuple[pd.Series, pd.Series]:
    """The measure's values as floats (NaN where flagged unreliable when ``reliable_only``) and
    the mask of the values left out as unreliable."""
    if measure not in df.columns:
        have = [m for m in (*MEASURES, *COUNTS) if m in df.columns]
        raise ParameterError(f"measure={measure!r} is not a column of the table; it has: "
                             f"{', '.join(have) or 'no readability columns'}")
    values = pd.to_numeric(df[measure], errors="coerce").astype(float)
    flag = f"{measure}_reliable"
    if reliable_only and flag in df.columns:
        dropped = values.notna() & ~df[flag].astype(bool)
        return values.mask(dropped), dropped
    return values, pd.Series(False, index=df.index)


def by_group(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    by: str | Sequence[str] | None = "source",
    stat: timeseries.Stat = "mean",
    ci: float = 0.95,
    min_docs: int = 1,
    reliable_only: bool = True,
    n_boot: int = timeseries.DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean/median of ``measure`` per group (outlet, topic, any metadata column) with a bootstrap
    CI and document counts (:func:`medialens.timeseries.summarise`), plus ``n_unreliable``
    (values left out), ``grade_band`` (grade measures) and a plain-language ``reading``.

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "gunning_fog": [8.0, 10.0, 14.0],
    ...                    "gunning_fog_reliable": [True, True, False]})
    >>> t = by_group(df, "gunning_fog")
    >>> t[["source", "n_docs", "mean", "n_unreliable"]].to_string(index=False)
    'source  n_docs  mean  n_unreliable\\n     A       2   9.0             0\\n     B       0   NaN             1'
    >>> t["reading"].tolist()
    ['grade 9.0, high school (9-12)', None]
    """
    values, dropped = measure_values(scores_with_meta, measure, reliable_only=reliable_only)
    keys = [by] if isinstance(by, str) else list(by or [])
    data = scores_with_meta[[c for c in keys if c in scores_with_meta.columns]].copy()
    data[measure], data["_dropped"] = values, dropped
    out = timeseries.summarise(data, measure, by=keys or None, stat=stat, ci=ci,
                               min_docs=min_docs, n_boot=n_boot, seed=seed)
    if keys:
        n_bad = data.groupby(keys, sort=True, dropna=False)["_dropped"].sum()
        out["n_unreliable"] = n_bad.to_numpy(dtype=int)
    else:
        out["n_unreliable"] = int(dropped.sum())
    out["grade_band"] = grade_band(out[stat]) if measure in GRADE_MEASURES else None
    out["reading"] = pd.Series([plain_reading(v, measure) for v in out[stat]], dtype=object)
    out.attrs.update(measure=measure, reliable_only=reliable_only)
    return out


def over_time(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    freq: str = "M",
    by: str | Sequence[str] | None = None,
    min_docs: int = 3,
    ci: float = 0.95,
    stat: timeseries.Stat = "mean",
    smooth: int | None = None,
    reliable_only: bool = True,
    date_col: str = "published",
    n_boot: int = timeseries.DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """``measure`` per period (and group) with bootstrap CIs and gaps kept as NaN rows:
    :func:`medialens.timeseries.over_time` on the reliable values.

    >>> df = pd.DataFrame({"published": pd.to_datetime(["2024-01-05", "2024-03-01"], utc=True),
    ...                    "gunning_fog": [9.0, 11.0]})
    >>> over_time(df, "gunning_fog", min_docs=1)[["period", "n_docs", "mean"]].to_string(index=False)
    '    period  n_docs  mean\\n2024-01-01       1   9.0\\n2024-02-01       0   NaN\\n2024-03-01       1  11.0'
    """
    values, _ = measure_values(scores_with_meta, measure, reliable_only=reliable_only)
    data = scores_with_meta.drop(columns=[measure]).assign(**{measure: values})
    out = timeseries.over_time(data, measure, freq=freq, by=by, min_docs=min_docs, ci=ci,
                               stat=stat, smooth=smooth, date_col=date_col, n_boot=n_boot,
                               seed=seed)
    out.attrs.update(measure=measure, reliable_only=reliable_only)
    if date_col in data.columns:
        # the articles this table is about are those with a (reliable) value: "none of the
        # 1,113 reliably scored articles has a date", not the 1,114 scored
        undated = pd.to_datetime(data[date_col], errors="coerce", utc=True).isna().to_numpy()
        has = values.notna().to_numpy()
        out.attrs.update(n_undated=int((undated & has).sum()), n_input=int(has.sum()))
    return out


def _excerpt(text: Any, limit: int) -> str:
    flat = " ".join(str(text).split()) if isinstance(text, str) else ""
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def hardest_easiest(
    scores: pd.DataFrame,
    corpus: pd.DataFrame,
    *,
    measure: str = "flesch_kincaid_grade",
    n: int = 5,
    excerpt_chars: int = 160,
    reliable_only: bool = True,
) -> pd.DataFrame:
    """The ``n`` hardest and ``n`` easiest articles by ``measure`` with their numbers and a short
    excerpt: columns ``end`` ("hardest"/"easiest"), ``rank``, ``doc_id``, ``title`` and
    ``source`` where the corpus has them, the measure, ``reading``, ``n_words``, ``excerpt``.
    Marked copies of another article (``duplicate_of``) are left out, as the sentiment report's
    extremes leave them out: the first copy stands for them.
    """
    if not isinstance(n, int) or n < 1:
        raise ParameterError(f"n={n!r} must be a positive integer")
    values, _ = measure_values(scores, measure, reliable_only=reliable_only)
    copies = (set(corpus.loc[corpus["duplicate_of"].notna(), "doc_id"])
              if "duplicate_of" in corpus.columns else set())
    ok = values.notna() & ~scores["doc_id"].isin(copies).to_numpy()
    harder = -values[ok] if measure in HIGHER_IS_EASIER else values[ok]
    order = harder.sort_values(ascending=False, kind="stable").index
    parts = []
    for end, idx in (("hardest", order[:n]), ("easiest", order[::-1][:n])):
        part = pd.DataFrame({"end": end, "rank": range(1, len(idx) + 1),
                             "doc_id": scores.loc[idx, "doc_id"].to_numpy(),
                             measure: values[idx].to_numpy()})
        if "n_words" in scores.columns:
            part["n_words"] = scores.loc[idx, "n_words"].to_numpy()
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    out["reading"] = [plain_reading(v, measure) for v in out[measure]]
    meta = [c for c in ("doc_id", "title", "source", "text") if c in corpus.columns]
    out = out.merge(corpus[meta].drop_duplicates("doc_id"), on="doc_id", how="left")
    out["excerpt"] = [_excerpt(t, excerpt_chars) for t in out.pop("text")] \
        if "text" in out.columns else ""
    front = ["end", "rank", "doc_id", *(c for c in ("title", "source") if c in out.columns)]
    return out[front + [c for c in out.columns if c not in front]]


@dataclass(frozen=True)
class MeasureAgreement:
    """How consistently the formulas rank the groups (outlets).

    ``table``: the per-group statistic of each measure (rows = groups); ``ranks``: each
    measure's ranking of the groups, 1 = hardest (Flesch Reading Ease reversed);
    ``spearman``: pairwise Spearman correlation of those rankings; ``kendalls_w``: Kendall's
    coefficient of concordance across all measures (1 = identical rankings, 0 = none), with
    the p-value of its chi-square test; ``note`` says what was left out and why.
    """

    table: pd.DataFrame
    ranks: pd.DataFrame
    spearman: pd.DataFrame
    kendalls_w: float
    p_value: float
    note: str | None = None


def kendalls_w(ranks: pd.DataFrame) -> tuple[float, float]:
    """Kendall's W (tie-corrected) of the rankings in the columns of ``ranks`` and its p-value.

    >>> kendalls_w(pd.DataFrame({"a": [1, 2, 3], "b": [1, 2, 3]}))[0]
    1.0
    """
    from scipy.stats import chi2

    r = ranks.to_numpy(dtype=float)
    n, m = r.shape
    if n < 2 or m < 2:
        return (np.nan, np.nan)
    s = float(((r.sum(axis=1) - m * (n + 1) / 2) ** 2).sum())
    ties = sum(float((t ** 3 - t).sum()) for t in
               (np.unique(col, return_counts=True)[1] for col in r.T))
    denom = m ** 2 * (n ** 3 - n) - m * ties
    if denom <= 0:
        return (np.nan, np.nan)
    w = 12 * s / denom
    return (float(w), float(chi2.sf(m * (n - 1) * w, n - 1)))


def measure_agreement(
    scores_with_meta: pd.DataFrame,
    *,
    by: str = "source",
    measures: Sequence[str] | None = None,
    stat: timeseries.Stat = "median",
    min_docs: int = 5,
    reliable_only: bool = True,
) -> MeasureAgreement:
    """Do the formulas agree on which outlets are harder to read? Each measure ranks the groups
    by their ``stat``; a group without ``min_docs`` reliable values for any measure is left
    out, then a measure without them in every remaining group (both named in ``note``).
    ``text_standard`` is a vote of the others, so it is left out unless asked for.
    """
    if stat not in ("mean", "median"):
        raise ParameterError.invalid_choice("stat", stat, ["mean", "median"])
    if by not in scores_with_meta.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, scores_with_meta.columns))}")
    if measures is None:
        measures = [m for m in MEASURES if m in scores_with_meta.columns and m != "text_standard"]
    groups = scores_with_meta[by]
    table = {}
    for m in measures:
        values, _ = measure_values(scores_with_meta, m, reliable_only=reliable_only)
        g = values.groupby(groups, sort=True)
        table[m] = g.agg(stat).where(g.count() >= min_docs)
    table_df = pd.DataFrame(table)
    table_df.index.name = by
    table_df.attrs["stat"] = stat
    notes = []
    # A group too small for every measure (an outlet with 2 articles) would otherwise drop
    # every measure and empty the comparison: it is left out instead, and named.
    small = table_df.index[table_df.isna().all(axis=1)] if len(table_df.columns) else []
    if len(small) and len(small) < len(table_df):
        shown = ", ".join(map(str, small[:5])) + (" ..." if len(small) > 5 else "")
        notes.append(f"left out {len(small)} {by} group(s) with fewer than {min_docs} "
                     f"{'reliable ' if reliable_only else ''}values: {shown}")
        table_df = table_df.drop(index=small)
    lacking = [m for m in table_df.columns if table_df[m].isna().any()]
    if lacking:
        notes.append(f"left out: {', '.join(lacking)} (fewer than {min_docs} "
                     f"{'reliable ' if reliable_only else ''}values in some {by})")
    kept = table_df.drop(columns=lacking)
    oriented = kept.apply(lambda col: -col if col.name in HIGHER_IS_EASIER else col)
    ranks = oriented.rank(ascending=False, method="average")
    w, p = kendalls_w(ranks)
    if len(kept.columns) < 2 or len(kept) < 2:
        notes.append(f"agreement needs at least 2 measures and 2 groups ({len(kept.columns)} "
                     f"measures, {len(kept)} groups)")
    return MeasureAgreement(table=table_df, ranks=ranks, spearman=oriented.corr("spearman"),
                            kendalls_w=w, p_value=p, note="; ".join(notes) or None)
