"""Per-document results over time and by group, with honest uncertainty.

Every aggregate here is computed over *documents* (one value per article), carries a bootstrap
confidence interval and the number of documents behind it, and keeps periods that have too few
documents in the table with NaN values so that plots show a gap instead of a noisy point or an
interpolated line. Documents without a publication date are counted (``attrs["n_undated"]``),
never placed at an invented date.

>>> import pandas as pd
>>> df = pd.DataFrame({
...     "doc_id": list("abcdef"),
...     "published": pd.to_datetime(["2024-01-03", "2024-01-20", "2024-01-21",
...                                  "2024-03-02", "2024-03-05", None], utc=True),
...     "tone": [0.1, 0.3, 0.2, -0.4, -0.2, 0.9],
... })
>>> t = over_time(df, "tone", freq="M", min_docs=2)
>>> t[["period", "n_docs", "mean"]].round({"mean": 2}).to_string(index=False)
'    period  n_docs  mean\\n2024-01-01       3   0.2\\n2024-02-01       0   NaN\\n2024-03-01       2  -0.3'
>>> t.attrs["n_undated"]
1
"""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Literal

import numpy as np
import pandas as pd

from .errors import ParameterError

Stat = Literal["mean", "median"]

#: Accepted ``freq`` spellings, mapped to pandas period codes.
FREQ_ALIASES: dict[str, str] = {
    "D": "D", "day": "D", "daily": "D",
    "W": "W", "week": "W", "weekly": "W",
    "M": "M", "ME": "M", "MS": "M", "month": "M", "monthly": "M",
    "Q": "Q", "QE": "Q", "quarter": "Q", "quarterly": "Q",
    "Y": "Y", "YE": "Y", "A": "Y", "year": "Y", "yearly": "Y",
}

DEFAULT_BOOTSTRAP = 1000


def normalise_freq(freq: str) -> str:
    """Return the pandas period code for a user-facing ``freq`` ("week" -> "W").

    >>> normalise_freq("month")
    'M'
    """
    try:
        return FREQ_ALIASES[freq]
    except (KeyError, TypeError):
        raise ParameterError.invalid_choice("freq", freq, sorted(set(FREQ_ALIASES))) from None


def bootstrap_ci(
    values: np.ndarray,
    *,
    stat: Stat = "mean",
    ci: float = 0.95,
    n_boot: int = DEFAULT_BOOTSTRAP,
    rng: np.random.Generator | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval for the mean or median of ``values`` (NaNs ignored).

    Fewer than two values give ``(nan, nan)``: one article is not evidence of spread.

    >>> lo, hi = bootstrap_ci(np.array([1.0, 2.0, 3.0, 4.0]), rng=np.random.default_rng(0))
    >>> 1.0 <= lo <= 2.5 <= hi <= 4.0
    True
    """
    if not 0 < ci < 1:
        raise ParameterError(f"ci={ci!r} must be between 0 and 1 (e.g. 0.95)")
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    if v.size < 2:
        return (np.nan, np.nan)
    rng = rng if rng is not None else np.random.default_rng(0)
    # Resample in blocks so a group of 100k documents does not allocate n_boot * n floats at once.
    block = max(1, min(n_boot, 2_000_000 // v.size))
    stats = np.empty(n_boot)
    func = np.mean if stat == "mean" else np.median
    for lo in range(0, n_boot, block):
        hi = min(n_boot, lo + block)
        idx = rng.integers(0, v.size, size=(hi - lo, v.size))
        stats[lo:hi] = func(v[idx], axis=1)
    alpha = (1 - ci) / 2
    low, high = np.quantile(stats, [alpha, 1 - alpha])
    return (float(low), float(high))


def _check_columns(df: pd.DataFrame, needed: Sequence[str]) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ParameterError(
            f"column(s) {missing} not found; the table has: {', '.join(map(str, df.columns))}"
        )


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _aggregate(
    values: np.ndarray, *, stat: Stat, ci: float, min_docs: int, n_boot: int,
    rng: np.random.Generator,
) -> dict[str, float]:
    v = values[~np.isnan(values)]
    n = int(v.size)
    row: dict[str, float] = {"n_docs": n}
    if n < max(min_docs, 1):
        row.update(mean=np.nan, median=np.nan, ci_low=np.nan, ci_high=np.nan)
        return row
    lo, hi = bootstrap_ci(v, stat=stat, ci=ci, n_boot=n_boot, rng=rng)
    if stat == "mean" and n >= 2:
        # The percentile bootstrap of a mean covers too little on a few values (about 75% of a
        # "95%" interval at n=3, 85% at n=5: at n=3 it is the range of the three); the Student t
        # interval holds its level there, so the interval is the wider of the two. From a few
        # dozen values on they agree.
        t_lo, t_hi = _t_interval(v, ci)
        if np.isfinite(t_lo) and np.isfinite(t_hi):
            lo, hi = (t_lo, t_hi) if np.isnan(lo) else (min(lo, t_lo), max(hi, t_hi))
    row.update(mean=float(v.mean()), median=float(np.median(v)), ci_low=lo, ci_high=hi)
    return row


def _t_interval(v: np.ndarray, ci: float) -> tuple[float, float]:
    """Student t interval of the mean of ``v`` (at least two values).

    >>> [round(float(x), 2) for x in _t_interval(np.array([9.538, 9.794, 10.075]), 0.95)]
    [9.14, 10.47]
    """
    from scipy.special import stdtrit  # scipy.special, not scipy.stats: a fraction of the import

    n = v.size
    half = float(stdtrit(n - 1, 0.5 + ci / 2)) * float(np.std(v, ddof=1)) / np.sqrt(n)
    m = float(v.mean())
    return (m - half, m + half)


def summarise(
    df: pd.DataFrame,
    value: str,
    *,
    by: str | Sequence[str] | None = None,
    stat: Stat = "mean",
    ci: float = 0.95,
    min_docs: int = 1,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per group: ``n_docs``, ``mean``, ``median`` and a bootstrap CI for ``stat`` (for
    the mean never narrower than the Student t interval, which holds its level on a few values).

    Groups with fewer than ``min_docs`` valid values keep their row with NaN statistics.

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "grade": [8.0, 10.0, 12.0]})
    >>> summarise(df, "grade", by="source")[["source", "n_docs", "mean"]].to_string(index=False)
    'source  n_docs  mean\\n     A       2   9.0\\n     B       1  12.0'
    """
    if stat not in ("mean", "median"):
        raise ParameterError.invalid_choice("stat", stat, ["mean", "median"])
    keys = _as_list(by)
    _check_columns(df, [value, *keys])
    rng = np.random.default_rng(seed)
    vals = pd.to_numeric(df[value], errors="coerce").to_numpy(dtype=float)
    rows = []
    if keys:
        for key, idx in df.groupby(keys, sort=True, dropna=False).indices.items():
            key = key if isinstance(key, tuple) else (key,)
            row = dict(zip(keys, key, strict=True))
            row.update(_aggregate(vals[idx], stat=stat, ci=ci, min_docs=min_docs,
                                  n_boot=n_boot, rng=rng))
            rows.append(row)
    else:
        rows.append(_aggregate(vals, stat=stat, ci=ci, min_docs=min_docs, n_boot=n_boot, rng=rng))
    out = pd.DataFrame(rows, columns=[*keys, "n_docs", "mean", "median", "ci_low", "ci_high"])
    out["n_docs"] = out["n_docs"].astype(int)
    out.attrs.update(value=value, stat=stat, ci=ci, min_docs=min_docs)
    return out


def period_of(published: pd.Series, freq: str) -> pd.Series:
    """Start timestamp (naive, UTC) of the period each publication date falls in; NaT stays NaT.

    >>> s = pd.Series(pd.to_datetime(["2024-05-17 23:00"], utc=True))
    >>> str(period_of(s, "W").iloc[0].date())
    '2024-05-13'
    """
    code = normalise_freq(freq)
    ts = pd.to_datetime(published, utc=True, errors="coerce")
    naive = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    return naive.dt.to_period(code).dt.start_time


def over_time(
    df: pd.DataFrame,
    value: str,
    *,
    freq: str = "W",
    by: str | Sequence[str] | None = None,
    min_docs: int = 3,
    ci: float = 0.95,
    stat: Stat = "mean",
    smooth: int | None = None,
    date_col: str = "published",
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """Aggregate a per-document measure by period (and group).

    Returns one row per period and group with ``period`` (period start), the group columns,
    ``n_docs``, ``mean``, ``median``, ``ci_low``/``ci_high`` (bootstrap CI of ``stat``) and, with
    ``smooth=k``, ``smoothed``: a centred rolling mean of ``stat`` over ``k`` periods that stays
    NaN wherever the period itself is a gap. Every period between the first and the last dated
    document appears for every group, so missing coverage shows up as rows with ``n_docs == 0``.

    ``attrs`` carries ``n_undated`` (documents without a date, left out) and the options.
    """
    if not isinstance(min_docs, int | np.integer) or min_docs < 1:
        raise ParameterError(f"min_docs={min_docs!r} must be a positive integer")
    if smooth is not None and (not isinstance(smooth, int | np.integer) or smooth < 1):
        raise ParameterError(f"smooth={smooth!r} must be None or a positive integer")
    keys = _as_list(by)
    _check_columns(df, [value, date_col, *keys])
    code = normalise_freq(freq)
    periods = period_of(df[date_col], code)
    dated = periods.notna()
    n_undated = int((~dated).sum())
    work = df.loc[dated, keys].copy()
    work["period"] = periods[dated].to_numpy()
    work["_v"] = pd.to_numeric(df.loc[dated, value], errors="coerce").to_numpy(dtype=float)

    columns = ["period", *keys, "n_docs", "mean", "median", "ci_low", "ci_high"]
    if work.empty:
        out = pd.DataFrame(columns=columns)
    else:
        full = pd.period_range(work["period"].min(), work["period"].max(), freq=code).start_time
        groups = [()] if not keys else list(
            work[keys].drop_duplicates().sort_values(keys).itertuples(index=False, name=None)
        )
        index = work.groupby(["period", *keys], sort=False, dropna=False).indices
        rng = np.random.default_rng(seed)
        vals = work["_v"].to_numpy()
        rows = []
        for g in groups:
            for p in full:
                idx = index.get((p, *g) if keys else p)
                if idx is None and not keys:
                    idx = index.get((p,))
                sel = vals[idx] if idx is not None else np.array([], dtype=float)
                row = {"period": p, **dict(zip(keys, g, strict=True))}
                row.update(_aggregate(sel, stat=stat, ci=ci, min_docs=min_docs,
                                      n_boot=n_boot, rng=rng))
                rows.append(row)
        out = pd.DataFrame(rows, columns=columns)
    out["n_docs"] = out["n_docs"].astype(int)
    if smooth is not None:
        parts = []
        for _, part in (out.groupby(keys, sort=False, dropna=False) if keys else [((), out)]):
            s = part[stat].rolling(smooth, center=True, min_periods=1).mean()
            parts.append(s.where(part[stat].notna()))
        out["smoothed"] = pd.concat(parts).reindex(out.index) if parts else np.nan
    out.attrs.update(value=value, freq=code, stat=stat, ci=ci, min_docs=min_docs,
                     n_undated=n_undated, by=keys, n_input=len(df))
    return out


def coverage_gaps(table: pd.DataFrame, *, by: str | Sequence[str] | None = None) -> pd.DataFrame:
    """Runs of consecutive periods with no documents in an :func:`over_time` table.

    Returns ``[*by, gap_start, gap_end, n_periods]``, one row per run.

    >>> t = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=5, freq="MS"),
    ...                   "n_docs": [3, 0, 0, 2, 0]})
    >>> coverage_gaps(t)[["gap_start", "n_periods"]].astype(str).values.tolist()
    [['2024-02-01', '2'], ['2024-05-01', '1']]
    """
    keys = _as_list(by)
    _check_columns(table, ["period", "n_docs", *keys])
    rows = []
    grouped = table.groupby(keys, sort=False, dropna=False) if keys else [((), table)]
    for g, part in grouped:
        g = g if isinstance(g, tuple) else (g,)
        part = part.sort_values("period")
        empty = (part["n_docs"] == 0).to_numpy()
        periods = part["period"].to_numpy()
        i = 0
        while i < len(empty):
            if empty[i]:
                j = i
                while j + 1 < len(empty) and empty[j + 1]:
                    j += 1
                rows.append({**dict(zip(keys, g, strict=True)), "gap_start": periods[i],
                             "gap_end": periods[j], "n_periods": j - i + 1})
                i = j + 1
            else:
                i += 1
    return pd.DataFrame(rows, columns=[*keys, "gap_start", "gap_end", "n_periods"])


def change_points(
    table: pd.DataFrame,
    *,
    value: str = "mean",
    by: str | Sequence[str] | None = None,
    penalty: float = 4.0,
    min_size: int = 2,
    max_points: int | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """Periods where the level of an :func:`over_time` series shifts.

    Method (documented, deliberately simple): PELT with a squared-error cost (``ruptures``)
    on the period values, gaps (NaN periods) left out first so they neither break nor
    interpolate the series. The penalty per change point is ``penalty * sigma² * log(n)``
    (BIC-like for a shift in mean), with ``sigma`` the noise estimated robustly from the
    median absolute difference of successive values, so a level change must stand out from
    period-to-period noise; raise ``penalty`` for fewer change points. When the table has the
    periods' intervals (``ci_low``/``ci_high`` of ``over_time``), ``sigma`` is at least the
    median period's standard error, so on a few periods whose successive differences happen
    to be small a shift must still exceed the sampling error of a period mean. Each segment has at
    least ``min_size`` periods; ``max_points`` keeps the largest shifts. With the default, on
    20 periods of pure Gaussian noise a spurious change point appears in about 5% of series;
    a shift of 3 (2) noise sigmas halfway is found in about 94% (65%) of them (1,000
    simulated series; ``test_timeseries.py`` checks the rates).

    Returns one row per change point: ``[*by, period`` (first period of the new level),
    ``previous_period`` (last period before it with data), ``before_start`` / ``after_end``
    (the two segments around it, ``[before_start, period)`` and ``[period, after_end)``, ready
    for :func:`medialens.sentiment.sentences_between`), ``level_before``, ``level_after``
    (means over the segments' periods, weighted by ``n_docs`` when present), ``level_shift``,
    ``n_docs_before``, ``n_docs_after``, ``across_gap`` (True when empty periods separate the
    two sides, i.e. the data cannot say when in the gap the level moved)``]``.

    >>> t = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=12, freq="MS"),
    ...                   "mean": [.1, .12, .09, .11, np.nan, np.nan, -.3, -.28, -.31, -.3, -.29,
    ...                            -.32], "n_docs": [9] * 4 + [0, 0] + [9] * 6})
    >>> cp = change_points(t, freq="M")
    >>> cp[["period", "previous_period", "across_gap"]].astype(str).values.tolist()
    [['2024-07-01', '2024-04-01', 'True']]
    """
    if not isinstance(min_size, int | np.integer) or min_size < 1:
        raise ParameterError(f"min_size={min_size!r} must be a positive integer")
    if not isinstance(penalty, int | float) or not penalty > 0:
        raise ParameterError(f"penalty={penalty!r} must be a positive number (default 4.0)")
    if max_points is not None and (not isinstance(max_points, int | np.integer) or max_points < 1):
        raise ParameterError(f"max_points={max_points!r} must be None or a positive integer")
    keys = _as_list(by)
    _check_columns(table, ["period", value, *keys])
    code = normalise_freq(freq if freq is not None else table.attrs.get("freq", "W"))
    columns = [*keys, "period", "previous_period", "before_start", "after_end", "level_before",
               "level_after", "level_shift", "n_docs_before", "n_docs_after", "across_gap"]
    rows = []
    grouped = table.groupby(keys, sort=False, dropna=False) if keys else [((), table)]
    for g, part in grouped:
        g = g if isinstance(g, tuple) else (g,)
        part = part.sort_values("period").reset_index(drop=True)
        y_all = pd.to_numeric(part[value], errors="coerce").to_numpy(dtype=float)
        ok = np.flatnonzero(~np.isnan(y_all))
        se = None
        if value == "mean" and {"ci_low", "ci_high"} <= set(part.columns):
            # each period mean's own sampling error, from its interval: a shift must also stand
            # out from it (on a few periods the successive differences alone may all be tiny)
            from statistics import NormalDist

            z = NormalDist().inv_cdf(0.5 + float(table.attrs.get("ci", 0.95)) / 2)
            width = (pd.to_numeric(part["ci_high"], errors="coerce")
                     - pd.to_numeric(part["ci_low"], errors="coerce")).to_numpy(dtype=float)
            se = width[ok] / (2 * z)
        for row in _segment(part, y_all, ok, code=code, penalty=penalty, min_size=min_size,
                            max_points=max_points, se=se):
            rows.append({**dict(zip(keys, g, strict=True)), **row})
    out = pd.DataFrame(rows, columns=columns)
    out.attrs.update(value=value, penalty=penalty, min_size=min_size, freq=code)
    return out


def _segment(part: pd.DataFrame, y_all: np.ndarray, ok: np.ndarray, *, code: str,
             penalty: float, min_size: int, max_points: int | None,
             se: np.ndarray | None = None) -> list[dict]:
    import ruptures  # imported on use: only change-point detection needs it

    y = y_all[ok]
    n = y.size
    if n < 2 * min_size:
        return []
    spread = float(np.max(y) - np.min(y))
    if not spread > 0:
        return []  # a flat series has no change points
    # Noise from successive differences: a level shift moves one difference, not the median.
    # The floor keeps exactly repeated values (synthetic data) from giving sigma = 0.
    sigma = max(float(np.median(np.abs(np.diff(y)))) / (0.6745 * np.sqrt(2)), 1e-3 * spread)
    if se is not None and np.isfinite(se).any():
        sigma = max(sigma, float(np.nanmedian(se)))
    algo = ruptures.Pelt(model="l2", min_size=min_size, jump=1).fit(y.reshape(-1, 1))
    bkps = algo.predict(pen=penalty * sigma**2 * np.log(n))[:-1]
    periods = pd.to_datetime(part["period"]).to_numpy()
    weights = (part["n_docs"].to_numpy(dtype=float)[ok] if "n_docs" in part.columns
               else np.ones(n))
    bounds = [0, *bkps, n]
    rows = []
    for i, b in enumerate(bkps):
        lo, hi = bounds[i], bounds[i + 2]
        wb, wa = weights[lo:b], weights[b:hi]
        before = float(np.average(y[lo:b], weights=wb)) if wb.sum() > 0 else float(y[lo:b].mean())
        after = float(np.average(y[b:hi], weights=wa)) if wa.sum() > 0 else float(y[b:hi].mean())
        last = pd.Period(periods[ok[hi - 1]], freq=code)
        rows.append({
            "period": periods[ok[b]], "previous_period": periods[ok[b - 1]],
            "before_start": periods[ok[lo]],
            "after_end": periods[ok[hi]] if hi < n else (last + 1).start_time.to_datetime64(),
            "level_before": before, "level_after": after, "level_shift": after - before,
            "n_docs_before": int(wb.sum()), "n_docs_after": int(wa.sum()),
            "across_gap": bool(ok[b] - ok[b - 1] > 1),
        })
    if max_points is not None and len(rows) > max_points:
        rows = sorted(sorted(rows, key=lambda r: -abs(r["level_shift"]))[:max_points],
                      key=lambda r: r["period"])
    return rows


_CHANGE_POINT_COLUMNS = ("period", "previous_period", "before_start", "after_end",
                         "level_before", "level_after", "level_shift", "n_docs_before",
                         "n_docs_after", "across_gap")


def _as_utc(value: object) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def segment_summary(
    df: pd.DataFrame,
    value: str,
    change_points: pd.DataFrame,
    *,
    date_col: str = "published",
    ci: float = 0.95,
    n_boot: int = DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """The documents on either side of each change point, with a bootstrap interval.

    :func:`change_points` finds a shift in a series of period means; this goes back to the
    per-document values (``df``: one row per document with ``date_col`` and ``value``) of the
    two segments around each change point, ``[before_start, period)`` and
    ``[period, after_end)``, so a reader sees how many documents each level rests on and
    whether the intervals overlap. Group columns of ``change_points`` that ``df`` also has
    restrict each side to that group.

    Returns two rows per change point: ``[*groups, change_point, level_shift, side``
    ("before"/"after")``, first_day, last_day, n_docs, mean, ci_low, ci_high, separated]``,
    with ``separated`` True when the two intervals do not overlap.

    >>> docs = pd.DataFrame({"published": pd.date_range("2024-01-01", periods=8, freq="W",
    ...                                                 tz="UTC"),
    ...                      "tone": [.3, .2, .25, .35, -.2, -.3, -.25, -.1]})
    >>> cps = pd.DataFrame({"period": [pd.Timestamp("2024-02-01")], "level_shift": [-0.5],
    ...                     "before_start": [pd.Timestamp("2024-01-01")],
    ...                     "after_end": [pd.Timestamp("2024-03-01")]})
    >>> segment_summary(docs, "tone", cps)[["side", "last_day", "n_docs", "separated"]].values.tolist()
    [['before', '2024-01-31', 4, True], ['after', '2024-02-29', 4, True]]
    """
    _check_columns(change_points, ["period", "before_start", "after_end", "level_shift"])
    _check_columns(df, [value, date_col])
    # Group columns: whatever change_points() put before its own columns (its `by`).
    groups = [c for c in change_points.columns if c not in _CHANGE_POINT_COLUMNS
              and c in df.columns]
    when = pd.to_datetime(df[date_col], utc=True, errors="coerce")
    vals = pd.to_numeric(df[value], errors="coerce").to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    rows = []
    # rows as dicts, not itertuples: a group column need not be a Python name ("Section Name")
    for cp_row in change_points.to_dict("records"):
        cp = SimpleNamespace(**{k: cp_row[k] for k in ("period", "before_start", "after_end", "level_shift")})
        in_group = np.ones(len(df), dtype=bool)
        for g in groups:
            in_group &= (df[g] == cp_row[g]).to_numpy(dtype=bool)
        pair = []
        for side, lo, hi in (("before", cp.before_start, cp.period),
                             ("after", cp.period, cp.after_end)):
            lo, hi = _as_utc(lo), _as_utc(hi)
            sel = vals[in_group & ((when >= lo) & (when < hi)).to_numpy(dtype=bool)]
            row = {**{g: cp_row[g] for g in groups}, "change_point": cp.period,
                   "level_shift": cp.level_shift, "side": side,
                   "first_day": lo.strftime("%Y-%m-%d"),
                   "last_day": (hi - pd.Timedelta(days=1)).strftime("%Y-%m-%d")}
            row.update(_aggregate(sel, stat="mean", ci=ci, min_docs=1, n_boot=n_boot, rng=rng))
            pair.append(row)
        b, a = pair
        apart = bool(a["ci_high"] < b["ci_low"] or b["ci_high"] < a["ci_low"])
        rows.extend({**r, "separated": apart} for r in pair)
    columns = [*groups, "change_point", "level_shift", "side", "first_day", "last_day",
               "n_docs", "mean", "ci_low", "ci_high", "separated"]
    out = pd.DataFrame(rows, columns=columns)
    out["n_docs"] = out["n_docs"].astype(int)
    out.attrs.update(value=value, ci=ci)
    return out


__all__ = [
    "FREQ_ALIASES",
    "bootstrap_ci",
    "change_points",
    "coverage_gaps",
    "normalise_freq",
    "over_time",
    "period_of",
    "segment_summary",
    "summarise",
]
