"""medialens.polls.tables: the tables a poll report shows (figures for reading, the tracker,
stated changes that disagree, key figures). Sentences are written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens.errors import ParameterError
from medialens.polls import (
    change_conflicts,
    extract_corpus,
    figure_table,
    key_figures,
    link_polls,
    tracker_table,
)
from medialens.polls.tables import FIGURE_TABLE_COLUMNS

TEXTS = [
    ("a", "2025-05-11", "Wire", "A Harris poll conducted May 6-9 put Labour on 40 pct and the Conservatives on 35 pct."),
    ("b", "2025-05-12", "Paper", "Labour is on 40 per cent and the Conservatives on 35 per cent, a Harris poll shows."),
    # one outlet misreads the same poll: the tracker keeps what most reports say
    ("c", "2025-05-12", "Tabloid", "A Harris poll has Labour on 40 per cent, with the Conservatives on 35 per cent."),
    ("d", "2025-06-08", "Wire", "Labour climbed four points to 42 pct in the latest Harris poll, conducted June 3-6."),
    ("e", "2025-07-06", "Wire", "Labour rose 1 point to 43 pct in a Harris poll conducted July 1-4."),
]


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [t[0] for t in TEXTS], "published": pd.to_datetime([t[1] for t in TEXTS], utc=True),
                         "source": [t[2] for t in TEXTS], "text": [t[3] for t in TEXTS]})


@pytest.fixture(scope="module")
def figures(corpus) -> pd.DataFrame:
    return extract_corpus(corpus)


def test_figure_table_reads_in_publication_order_with_the_figure_as_written(figures, corpus):
    t = figure_table(figures, corpus, keep_empty=True)
    assert tuple(t.columns) == FIGURE_TABLE_COLUMNS
    # no figure here is about a subgroup or a region: those columns make room for the sentence
    assert tuple(figure_table(figures, corpus).columns) == tuple(
        c for c in FIGURE_TABLE_COLUMNS if c not in ("subgroup", "region"))
    assert t["published"].tolist() == sorted(t["published"].tolist())
    assert t["figure"].tolist()[:2] == ["40 pct", "35 pct"]
    assert t.loc[t["published"] == "2025-06-08", "figure"].tolist() == ["42 pct"]
    assert all(f in s for f, s in zip(t["figure"], t["sentence"], strict=True))
    assert figure_table(figures)["figure"].isna().all()  # without texts there is nothing to cut
    wrapped = pd.DataFrame({"doc_id": ["w"], "text": ["A MORI poll gave Labour 33\npct of the\nvote."]})
    assert figure_table(extract_corpus(wrapped), wrapped)[["figure", "sentence"]].values.tolist() == [
        ["33 pct", "A MORI poll gave Labour 33 pct of the vote."]]
    with pytest.raises(ParameterError, match="lacks"):
        figure_table(pd.DataFrame({"x": [1]}))


def test_tracker_counts_a_poll_once_with_the_value_most_reports_give(figures):
    misread = figures.copy()
    misread.loc[(misread["doc_id"] == "c") & (misread["subject"] == "Labour"), "value"] = 45.0
    t = tracker_table(link_polls(misread), subjects=["Labour"])
    may = t[t["date"] == pd.Timestamp("2025-05-09")].iloc[0]
    assert (may["value"], may["n_reports"], may["other_values"]) == (40.0, 3, "45")
    assert t["poll_id"].is_unique


def test_change_conflicts_gives_both_numbers(figures):
    c = change_conflicts(figures)
    assert len(c) == 1  # "climbed four points to 42" after 40; "rose 1 point to 43" after 42 is right
    row = c.iloc[0]
    assert (row["subject"], row["value"], row["stated_change"], row["stated_prior"]) == ("Labour", 42.0, 4.0, 38.0)
    assert (row["previous_value"], row["implied_change"], row["previous_date"]) == (40.0, 2.0, "2025-05-09")
    assert row["published"] == "2025-06-08" and row["doc_id"] == "d"
    # without the June poll, July's "rose 1 point" is checked against May's 40, and disagrees
    without_june = change_conflicts(figures[figures["doc_id"] != "d"])
    assert without_june[["doc_id", "previous_value", "implied_change"]].values.tolist() == [["e", 40.0, 3.0]]


def test_a_change_since_a_named_survey_is_not_checked():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "published": pd.to_datetime(["2025-02-09", "2025-06-08"], utc=True),
                           "text": ["A Harris poll put support for the bridge at 60 pct.",
                                    "A Harris poll put support for the bridge at 45 pct, down 24 points since "
                                    "the organisation's February survey."]})
    assert change_conflicts(extract_corpus(corpus)).empty


def test_key_figures(figures, corpus):
    k = key_figures(figures, corpus)
    assert k["articles"] == 5 and k["articles with poll figures"] == 5
    assert k["polls (each counted once)"] == 3  # May (three reports), June, July
    assert k["pollsters named"] == 1
    assert k["polls dated by fieldwork (%)"] == 100.0
    assert (k["first poll"], k["last poll"]) == ("2025-05-09", "2025-07-04")
    assert "polls without a date" not in k
    # one dated poll among undated ones (BBC: no dates) is not a "first" and "last" poll
    one = pd.to_datetime(["2025-05-09"] + [None] * (len(figures) - 1), utc=True)
    undated = figures.assign(published=one, fieldwork_start=pd.NaT, fieldwork_end=pd.NaT)
    k = key_figures(undated)
    assert "first poll" not in k and k["only dated poll"] == "2025-05-09"
    assert k["polls without a date"] == 2
    assert key_figures(figures.iloc[0:0]) == {"articles with poll figures": 0, "poll figures": 0,
                                             "polls (each counted once)": 0, "pollsters named": 0}
