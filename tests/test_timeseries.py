from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from medialens import timeseries as ts
from medialens.errors import ParameterError


def _frame() -> pd.DataFrame:
    dates = ["2024-01-02", "2024-01-03", "2024-01-04", "2024-03-10", "2024-03-11", None]
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(6)],
        "published": pd.to_datetime(dates, utc=True),
        "source": ["A", "B", "A", "A", "B", "A"],
        "tone": [0.5, 0.1, 0.3, -0.2, -0.6, 0.9],
    })


def test_over_time_keeps_empty_periods_as_gaps():
    t = ts.over_time(_frame(), "tone", freq="M", min_docs=2)
    assert t["period"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03"]
    assert t["n_docs"].tolist() == [3, 0, 2]
    assert np.isnan(t.loc[1, "mean"]) and np.isnan(t.loc[1, "ci_low"])
    assert t.loc[0, "mean"] == pytest.approx(0.3)
    assert t.loc[0, "ci_low"] <= 0.3 <= t.loc[0, "ci_high"]
    assert t.attrs["n_undated"] == 1


def test_over_time_below_min_docs_is_nan_but_counted():
    t = ts.over_time(_frame(), "tone", freq="M", by="source", min_docs=2)
    a = t[t.source == "A"].reset_index(drop=True)
    assert a["n_docs"].tolist() == [2, 0, 1]
    assert np.isnan(a.loc[2, "mean"])  # one document is not enough
    b = t[t.source == "B"]
    assert len(b) == 3  # every group gets every period


def test_over_time_is_reproducible():
    df = _frame()
    pd.testing.assert_frame_equal(ts.over_time(df, "tone", freq="M", min_docs=1),
                                  ts.over_time(df, "tone", freq="M", min_docs=1))


def test_smoothing_does_not_fill_gaps():
    t = ts.over_time(_frame(), "tone", freq="M", min_docs=1, smooth=3)
    assert np.isnan(t.loc[1, "smoothed"])
    assert not np.isnan(t.loc[0, "smoothed"])


@pytest.mark.parametrize("kwargs, match", [
    ({"freq": "fortnight"}, "freq='fortnight' is not valid"),
    ({"min_docs": 0}, "min_docs"),
    ({"ci": 1.5}, "ci="),
])
def test_bad_parameters_are_named(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ts.over_time(_frame(), "tone", **{"freq": "M", **kwargs})


def test_missing_column_lists_available():
    with pytest.raises(ParameterError, match="the table has"):
        ts.over_time(_frame(), "nope", freq="M")


def test_summarise_by_group_and_coverage_gaps():
    s = ts.summarise(_frame(), "tone", by="source")
    assert s["n_docs"].tolist() == [4, 2]
    t = ts.over_time(_frame(), "tone", freq="M", min_docs=1)
    gaps = ts.coverage_gaps(t)
    assert len(gaps) == 1 and gaps.loc[0, "n_periods"] == 1


def test_bootstrap_ci_brackets_the_mean():
    rng = np.random.default_rng(1)
    v = rng.normal(2.0, 1.0, size=400)
    lo, hi = ts.bootstrap_ci(v, rng=np.random.default_rng(0))
    assert lo < v.mean() < hi
    assert hi - lo == pytest.approx(2 * 1.96 / np.sqrt(400), rel=0.25)
    assert all(np.isnan(ts.bootstrap_ci(np.array([1.0]))))


# --- change points -------------------------------------------------------------------------------

def _series(values, *, freq="W-MON", n_docs=10, start="2024-01-01") -> pd.DataFrame:
    values = np.asarray(values, dtype=float)
    return pd.DataFrame({"period": pd.date_range(start, periods=len(values), freq=freq),
                         "mean": values,
                         "n_docs": np.where(np.isnan(values), 0, n_docs)})


def test_change_point_found_with_segments_and_levels():
    t = _series([0.1, 0.12, 0.09, 0.11, 0.1, -0.3, -0.28, -0.31, -0.3, -0.29])
    cp = ts.change_points(t, freq="W")
    assert len(cp) == 1
    row = cp.iloc[0]
    assert row["period"] == pd.Timestamp("2024-02-05")  # the 6th week
    assert row["previous_period"] == pd.Timestamp("2024-01-29")
    assert row["before_start"] == pd.Timestamp("2024-01-01")
    assert row["after_end"] == pd.Timestamp("2024-03-11")  # the week after the last one
    assert row["level_before"] == pytest.approx(0.104) and row["level_after"] == pytest.approx(-0.296)
    assert row["level_shift"] == pytest.approx(-0.4) and not row["across_gap"]
    assert row["n_docs_before"] == 50 and row["n_docs_after"] == 50


def test_a_shift_within_the_periods_sampling_error_is_no_change_point():
    # five monthly means whose successive differences happen to be tiny: the step of 0.015 stood
    # out from them, not from each mean's own interval (about +-0.01)
    t = _series([0.107, 0.113, 0.107, 0.126, 0.126], freq="MS", n_docs=500)
    assert len(ts.change_points(t, freq="M")) == 1  # without the intervals
    t["ci_low"], t["ci_high"] = t["mean"] - 0.02, t["mean"] + 0.02
    assert ts.change_points(t, freq="M").empty
    t["ci_low"], t["ci_high"] = t["mean"] - 0.001, t["mean"] + 0.001  # precise means: a shift
    assert len(ts.change_points(t, freq="M")) == 1


def test_change_points_skip_gaps_and_say_so():
    values = [0.1, 0.12, 0.09, 0.11, np.nan, np.nan, np.nan, -0.3, -0.28, -0.31, -0.29]
    cp = ts.change_points(_series(values), freq="W")
    assert cp["period"].tolist() == [pd.Timestamp("2024-02-19")]
    assert cp["previous_period"].tolist() == [pd.Timestamp("2024-01-22")]
    assert cp["across_gap"].tolist() == [True]


def test_change_points_use_over_time_freq_and_groups():
    df = pd.DataFrame({
        "published": pd.to_datetime(np.repeat(pd.date_range("2024-01-01", periods=12,
                                                             freq="MS"), 4), utc=True),
        "source": np.tile(["A", "B"], 24),
        "tone": np.r_[np.full(24, 0.2), np.full(24, -0.2)] + np.tile([0.01, -0.01, 0.0, 0.02], 12),
    })
    t = ts.over_time(df, "tone", freq="M", by="source", min_docs=1)
    cp = ts.change_points(t, by="source")
    assert cp["source"].tolist() == ["A", "B"]
    assert (cp["period"] == pd.Timestamp("2024-07-01")).all()
    assert (cp["level_shift"] < -0.3).all()


def test_no_change_points_in_flat_short_or_noisy_series():
    assert ts.change_points(_series([0.1] * 10), freq="W").empty
    assert ts.change_points(_series([0.1, 0.5, 0.1]), freq="W").empty
    assert ts.change_points(_series([np.nan] * 6), freq="W").empty


def test_change_point_error_rates_on_simulated_series():
    rng = np.random.default_rng(0)
    false = found = 0
    for _ in range(200):
        false += not ts.change_points(_series(rng.normal(0, 1, 20)), freq="W").empty
        cp = ts.change_points(_series(np.r_[rng.normal(0, 1, 10), rng.normal(3, 1, 10)]),
                              freq="W")
        found += any(abs((p - pd.Timestamp("2024-03-11")).days) <= 7 for p in cp["period"])
    assert false <= 20  # ~5% expected
    assert found >= 176  # ~94% expected


@pytest.mark.parametrize("kwargs, match", [
    ({"penalty": 0}, "penalty=0"),
    ({"min_size": 0}, "min_size=0"),
    ({"max_points": 0}, "max_points=0"),
    ({"freq": "fortnight"}, "freq='fortnight'"),
    ({"value": "tone"}, "the table has"),
])
def test_change_point_parameters_are_named(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        ts.change_points(_series([0.1] * 6), **kwargs)


def test_max_points_keeps_the_largest_shifts():
    t = _series([0, 0, 0, 0, 1, 1, 1, 1, 1.3, 1.3, 1.3, 1.3, 5, 5, 5, 5])
    all_cp = ts.change_points(t, freq="W", penalty=0.01)
    top = ts.change_points(t, freq="W", penalty=0.01, max_points=1)
    assert len(all_cp) >= 2 and len(top) == 1
    assert top["level_shift"].iloc[0] == pytest.approx(all_cp["level_shift"].abs().max())


# --- segment_summary: the documents on either side of a change point -----------------------------

def _docs_with_shift() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    when = pd.date_range("2024-01-01", "2024-06-30", freq="D", tz="UTC")
    tone = np.where(when < pd.Timestamp("2024-04-01", tz="UTC"), 0.2, -0.1)
    return pd.DataFrame({"published": when, "tone": tone + rng.normal(0, 0.1, len(when)),
                         "source": np.where(np.arange(len(when)) % 2, "A", "B")})


def test_segment_summary_goes_back_to_the_documents_of_each_segment():
    docs = _docs_with_shift()
    monthly = ts.over_time(docs, "tone", freq="M")
    cps = ts.change_points(monthly)
    assert cps["period"].tolist() == [pd.Timestamp("2024-04-01")]
    seg = ts.segment_summary(docs, "tone", cps)
    assert seg["side"].tolist() == ["before", "after"]
    assert seg[["first_day", "last_day"]].values.tolist() == [["2024-01-01", "2024-03-31"],
                                                              ["2024-04-01", "2024-06-30"]]
    assert seg["n_docs"].tolist() == [91, 91]  # every day of Jan-Mar; of Apr-Jun
    before, after = seg.iloc[0], seg.iloc[1]
    assert after["ci_high"] < before["ci_low"] and seg["separated"].all()
    assert before["mean"] == pytest.approx(docs.loc[:90, "tone"].mean())


def test_segment_summary_per_group_and_without_change_points():
    docs = _docs_with_shift()
    by_src = ts.over_time(docs, "tone", freq="M", by="source")
    cps = ts.change_points(by_src, by="source")
    seg = ts.segment_summary(docs, "tone", cps)
    assert seg["source"].tolist() == ["A", "A", "B", "B"]
    assert seg.groupby("source")["n_docs"].sum().tolist() == [91, 91]  # its own days, not 182
    empty = ts.segment_summary(docs, "tone", cps.iloc[0:0])
    assert empty.empty and "separated" in empty.columns


def test_segment_summary_overlapping_intervals_are_not_separated():
    docs = _docs_with_shift().assign(tone=lambda d: np.random.default_rng(1).normal(0, 1, len(d)))
    cps = pd.DataFrame({"period": [pd.Timestamp("2024-04-01")], "level_shift": [0.1],
                        "before_start": [pd.Timestamp("2024-01-01")],
                        "after_end": [pd.Timestamp("2024-07-01")]})
    assert not ts.segment_summary(docs, "tone", cps)["separated"].any()


def test_segment_summary_groups_by_a_column_that_is_no_python_name():
    from medialens.timeseries import segment_summary

    docs = pd.DataFrame({"published": list(pd.date_range("2024-01-01", periods=8, freq="W", tz="UTC")) * 2,
                         "tone": [.3, .2, .25, .35, -.2, -.3, -.25, -.1] * 2,
                         "Section Name": ["World"] * 8 + ["Sport"] * 8})
    cps = pd.DataFrame({"Section Name": ["World"], "period": [pd.Timestamp("2024-02-01")], "level_shift": [-0.5],
                        "before_start": [pd.Timestamp("2024-01-01")], "after_end": [pd.Timestamp("2024-03-01")]})
    out = segment_summary(docs, "tone", cps)
    assert out[["Section Name", "side", "n_docs"]].values.tolist() == [["World", "before", 4], ["World", "after", 4]]


def test_a_mean_of_a_few_articles_has_an_interval_that_holds_its_level():
    # red-team 4: a "95%" interval of three articles was their range (it covered the true mean
    # in ~75% of samples); the Student t interval keeps it honest, and many articles agree
    rng = np.random.default_rng(7)
    for n, floor in ((3, 0.92), (5, 0.92)):
        hits = 0
        for _ in range(400):
            r = ts.summarise(pd.DataFrame({"x": rng.normal(0.0, 1.0, n)}), "x", n_boot=300)
            hits += bool(r["ci_low"].iloc[0] <= 0.0 <= r["ci_high"].iloc[0])
        assert hits / 400 >= floor, (n, hits)
    r = ts.summarise(pd.DataFrame({"x": [9.538, 9.794, 10.075]}), "x").iloc[0]
    assert r["ci_low"] < 9.2 and r["ci_high"] > 10.4  # wider than the range 9.54-10.08
