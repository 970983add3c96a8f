from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from medialens import sentiment as S
from medialens import timeseries as ts
from medialens.plotting import sentiment as P
from medialens.reports.format import Note


def _table() -> pd.DataFrame:
    values = np.r_[[0.1, 0.12, 0.09, 0.11], [np.nan] * 3, [-0.3, -0.28, -0.31, -0.29], np.nan,
                   [-0.3]]
    t = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=len(values), freq="W-MON"),
                      "mean": values, "ci_low": values - 0.05, "ci_high": values + 0.05,
                      "n_docs": np.where(np.isnan(values), 0, 10)})
    t.loc[5, "n_docs"] = 2  # too few documents: NaN, but not empty
    t.attrs.update(min_docs=3, freq="W")
    return t


def test_tone_over_time_shows_gaps_volume_and_change_points():
    before = plt.get_fignums()
    t = _table()
    cps = ts.change_points(t)
    assert len(cps) == 1 and cps["across_gap"].iloc[0]
    fig = P.tone_over_time(t, change_points=cps, title="test")
    assert isinstance(fig, Figure) and plt.get_fignums() == before  # not left in pyplot
    ax, vol = fig.axes
    spans = [p for p in ax.patches if p.get_hatch() is None]
    hatched = [p for p in ax.patches if p.get_hatch() == "//"]
    assert len(spans) >= 3  # two empty weeks + one empty week + the change-point gap span
    assert len(hatched) == 1  # the week with 2 documents
    assert any(line.get_linestyle() == "--" for line in ax.lines)  # the change point
    assert any("shift -0.40" in t.get_text() for t in ax.texts)
    heights = [b.get_height() for b in vol.patches]
    assert heights == t["n_docs"].tolist()
    assert ax.collections  # CI band and the isolated last point's error bar


def test_tone_over_time_by_group_uses_stable_colours():
    t = pd.concat([_table().assign(source="B"), _table().assign(source="A")])
    fig = P.tone_over_time(t, by="source")
    labels = [line.get_label() for line in fig.axes[0].lines if not line.get_label().startswith("_")]
    assert labels == ["A", "B"]


def test_method_agreement_and_word_shift_figures():
    corpus = pd.DataFrame({
        "doc_id": list("abcd"),
        "text": ["A great success.", "A terrible failure. Bad news.", "Fine. Good.",
                 "War and crisis."],
        "published": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-09", "2024-01-10"],
                                    utc=True)})
    cmp = S.compare_methods(corpus)
    fig = P.method_agreement(cmp)
    assert len(fig.axes) == 1 and "r = " in fig.axes[0].get_title()
    per = S.agreement_over_time(cmp, corpus, freq="W", min_docs=1)
    assert len(P.method_agreement(cmp, per).axes) == 2

    sents = S.sentences(corpus)
    shift = S.word_shift(sents[sents.doc_id.isin(["a", "c"])],
                         sents[sents.doc_id.isin(["b", "d"])])
    fig = P.word_shift(shift, top=4, label_a="before", label_b="after")
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    assert ax.get_title().startswith("before → after")
    assert [t.get_text()[-1] for t in ax.get_yticklabels()] == [
        "↑" if d > 0 else "↓" for d in shift.head(4)["p_diff"].iloc[::-1]]


def test_tone_over_time_counts_undated_and_explains_an_empty_table():
    t = _table()
    t.attrs["n_undated"] = 3
    fig = P.tone_over_time(t)
    assert "+ 3 undated documents, not placed in time" in [x.get_text() for x in fig.axes[1].texts]
    empty = S.target_tone(pd.DataFrame(columns=["doc_id", "sentence", "compound"]),
                          pd.DataFrame(columns=["doc_id", "text"]), target=None)
    note = P.tone_over_time(empty)  # one sentence with the reason, never empty axes
    assert isinstance(note, Note) and note.text.lower().startswith(S.NO_TARGET_SET.lower()[:20])
    gaps_only = t.assign(mean=np.nan)
    note = P.tone_over_time(gaps_only)
    assert isinstance(note, Note) and note.text.startswith("No period has at least")


def test_tone_over_time_keeps_documents_without_an_outlet():
    t = pd.concat([_table().assign(source="A"), _table().assign(source=None)])
    fig = P.tone_over_time(t, by="source")
    labels = [line.get_label() for line in fig.axes[0].lines if not line.get_label().startswith("_")]
    assert labels == ["(no outlet)", "A"]  # overview.missing_label: one label everywhere


def test_word_shift_labels_from_attrs_and_empty_shift():
    shift = pd.DataFrame({"word": ["collapse", "growth"], "valence": [-2.2, 1.6],
                          "valence_vs_a": [-3.0, 0.8], "p_diff": [0.05, -0.02],
                          "contribution": [-0.14, -0.02]})
    shift.attrs.update(label_a="Jan-May", label_b="Jun-Dec", h_avg_a=0.76, h_avg_b=-0.35)
    fig = P.word_shift(shift)
    assert fig.axes[0].get_title().startswith("Jan-May → Jun-Dec: average valence +0.76")
    empty = S.change_word_shift(pd.DataFrame(columns=["doc_id", "sentence", "compound"]),
                                pd.DataFrame(columns=["doc_id", "text", "published"]),
                                pd.DataFrame(columns=["period", "level_shift"]))
    note = P.word_shift(empty)
    assert isinstance(note, Note) and note.text.lower().startswith(S.NO_CHANGE_POINT.lower()[:20])


def test_one_period_is_said_not_drawn_for_tone_and_readability():
    # second red-team pass: every article on one day drew one point at the edge of an empty axis
    from medialens.plotting.readability import readability_over_time

    t = pd.DataFrame({"period": [pd.Timestamp("2024-07-01")] * 2, "source": ["CNN", "Reuters"],
                      "n_docs": [26, 16], "mean": [0.046, 0.102], "ci_low": [-0.03, -0.02],
                      "ci_high": [0.12, 0.22]})
    t.attrs.update(freq="M", min_docs=3)
    note = P.tone_over_time(t, by="source", ylabel="mean article tone")
    assert isinstance(note, Note)
    assert note.text.startswith("All 42 dated documents fall in one month (2024-07)")
    assert "CNN 0.046 (26 documents), Reuters 0.102 (16 documents)" in note.text
    t.attrs.update(measure="flesch_kincaid_grade", stat="mean")
    note = readability_over_time(t, by="source")
    assert isinstance(note, Note) and "42 dated articles fall in one month" in note.text
