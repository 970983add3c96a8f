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
