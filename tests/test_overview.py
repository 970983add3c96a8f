"""Corpus overview tables and figures, and the overview notebook executed by the runner."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from medialens import overview
from medialens.corpus import load_corpus
from medialens.errors import ParameterError
from medialens.plotting import overview as plots
from medialens.reports import run_report

TESTS = Path(__file__).resolve().parent
NOTEBOOKS = TESTS.parent / "notebooks"
OVERVIEW_CORPUS = TESTS / "data" / "overview_corpus.csv"
HOSTILE_CORPUS = TESTS / "data" / "hostile_corpus.csv"
TABLES = ("coverage_gaps", "duplicates", "ingest_problems", "lengths", "volume")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(OVERVIEW_CORPUS)


def test_volume_keeps_empty_periods_as_rows(corpus):
    df, _ = corpus
    v = overview.volume(df, freq="M")
    herald = v[v["source"] == "Herald"].set_index("period")["n_docs"]
    assert herald.index.strftime("%Y-%m").tolist() == [
        "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    assert herald.loc["2025-03-01"] == 0 and herald.loc["2025-04-01"] == 0
    assert v["n_docs"].sum() == len(df) - 1 and v.attrs["n_undated"] == 1
    assert sorted(v["source"].unique()) == ["Clarion", "Herald", "Ledger"]


def test_articles_without_an_outlet_are_their_own_group():
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "source": ["Ledger", None],
                       "published": pd.to_datetime(["2025-01-01", "2025-01-02"], utc=True)})
    df["source"] = df["source"].astype("str")
    assert overview.volume(df)["source"].tolist() == ["(no outlet)", "Ledger"]
    assert overview.length_summary(overview.lengths(df))["source"].tolist() == ["(no outlet)", "Ledger",
                                                              "all outlets"]


def test_volume_rejects_an_unknown_freq(corpus):
    with pytest.raises(ParameterError, match="freq='fortnight' is not valid"):
        overview.volume(corpus[0], freq="fortnight")


def test_coverage_gaps_lists_each_run_of_empty_periods(corpus):
    gaps = overview.coverage_gaps(overview.volume(corpus[0], freq="M"))
    assert gaps.astype(str).values.tolist() == [["Herald", "2025-03-01", "2025-04-01", "2"]]


def test_ingest_problems_group_by_kind_and_reason_with_examples(corpus):
    problems = overview.ingest_problems(corpus[1])
    rows = {(r.kind, r.n): r for r in problems.itertuples()}
    assert set(rows) == {("skipped", 1), ("missing_date", 1), ("empty_text", 1),
                         ("duplicate", 1)}
    assert rows[("skipped", 1)].examples == "overview_corpus.csv:38"
    assert rows[("skipped", 1)].reason.startswith("7 fields, expected 5")
    # documents by id and the line they start on, skipped rows by file:line
    assert rows[("missing_date", 1)].examples == "cla-undated (line 36)"
    assert rows[("empty_text", 1)].examples.startswith("led-empty (line ")


def test_duplicates_one_row_per_group(corpus):
    dups = overview.duplicates(corpus[0])
    assert dups[["doc_id", "kind", "copies", "outlets", "copy_ids"]].values.tolist() == [
        ["led-001", "exact", 2, "Herald, Ledger", "her-dup"]]
    assert dups.loc[0, "first_published"] < dups.loc[0, "last_published"]


def test_duplicates_without_marks_are_computed():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["T", "T", "U"],
                       "text": ["Same words.", "Same words.", "Other."]})
    assert overview.duplicates(df)[["doc_id", "copies"]].values.tolist() == [["a", 2]]
    assert overview.duplicates(df.iloc[[0, 2]]).empty


def test_length_summary_per_outlet_and_overall(corpus):
    t = overview.length_summary(overview.lengths(corpus[0])).set_index("source")
    assert t.index.tolist() == ["Clarion", "Herald", "Ledger", "all outlets"]
    assert t.loc["all outlets", "n_docs"] == 36 and t.loc["Ledger", "empty"] == 1
    assert t.loc["all outlets", "min_words"] == 0
    assert (t["p10_words"] <= t["median_words"]).all()


@pytest.mark.parametrize("text, width, expected", [
    ("Support rose to 43 pct.", 200, "Support rose to 43 pct."),
    ("Support  rose\nto 43 pct in the poll.", 16, "Support rose to…"),
    ("Averyveryverylongwordwithoutspaces", 10, "Averyveryv…"),
    (None, 10, ""),
])
def test_excerpt(text, width, expected):
    assert overview.excerpt(text, width) == expected


def test_sample_is_reproducible_and_plain_text(corpus):
    df, _ = corpus
    a, b = overview.sample(df, n=5, seed=1), overview.sample(df, n=5, seed=1)
    assert a.equals(b) and len(a) == 5
    assert a.columns.tolist() == ["doc_id", "source", "published", "title", "excerpt"]
    assert len(overview.sample(df.head(3), n=10)) == 3
    untitled = overview.sample(df.assign(title=pd.NA).head(2), n=2)
    assert untitled["title"].tolist() == ["(no title)", "(no title)"]
    with pytest.raises(ParameterError):
        overview.sample(df, n=0)


def test_hostile_text_is_escaped_in_table_html():
    df, _ = load_corpus(HOSTILE_CORPUS)
    with pd.option_context("display.max_colwidth", None):
        page = overview.sample(df, n=4)._repr_html_()
    assert "<script" not in page and "<img" not in page and "<i>" not in page
    assert "&lt;script&gt;document.title='PWNED';" in page
    assert "&lt;img src=x onerror=" in page and "$x^2 + y^2$" in page


def test_corpus_summary_figures(corpus):
    df, report = corpus
    s = overview.corpus_summary(df.iloc[:10], report, corpus_size=len(df))
    assert s["documents"] == 10 and s["documents in the whole corpus"] == 36
    full = overview.corpus_summary(df, report)
    assert full == {"documents": 36, "outlets": 3, "first date": "2025-01-02",
                    "last date": "2025-06-14", "undated": 1, "duplicates": 1,
                    "rows skipped at load": 1}
    assert dict(overview.describe_figures(full).frame.values.tolist())["undated"] == "1"


def test_figures_print_outlet_names_literally():
    df, _ = load_corpus(HOSTILE_CORPUS)
    fig = plots.volume_figure(overview.volume(df, freq="M"))
    fig.canvas.draw()  # mathtext would fail or typeset here
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert "\\$Money\\$ Times" in labels and "<i>Evil</i> Gazette" in labels
    assert "2 month" not in fig.axes[1].get_title()
    fig2 = plots.length_figure(overview.lengths(df))
    fig2.canvas.draw()
    assert any("$Money" in t.get_text() for t in fig2.axes[0].get_yticklabels())


def test_volume_figure_marks_every_empty_cell(corpus):
    fig = plots.volume_figure(overview.volume(corpus[0], freq="M"))
    dots = fig.axes[1].collections[0].get_offsets()
    assert [tuple(map(int, d)) for d in dots] == [(2, 0), (3, 0)]  # Herald, March and April
    assert fig.axes[0].get_title() == "Articles per month (all outlets)"


def test_groups_beyond_the_grid_fold_into_other_groups_not_other_outlets():
    df = pd.DataFrame({"doc_id": [str(i) for i in range(12)], "text": ["x"] * 12,
                       "published": pd.to_datetime(["2025-01-05"] * 12, utc=True),
                       "desk": [f"desk {i}" for i in range(12)]})
    fig = plots.volume_figure(overview.volume(df, freq="M", by="desk"), by="desk", max_outlets=4)
    labels = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert labels[-1] == "other groups" and len(labels) == 4


# --------------------------------------------------------------------------- the notebook


@pytest.fixture(scope="module")
def overview_run(tmp_path_factory):
    """The overview notebook on the bundled demo corpus, with command-line style parameters."""
    out = tmp_path_factory.mktemp("overview")
    return run_report("demo", notebooks=["00"], notebook_dir=NOTEBOOKS, out=out,
                      params={"freq": "W", "date_to": "2025-12-31",
                              "sources": "Daily Clarion,Kestrel News"},
                      params_from_text=True, progress=None)


def test_overview_notebook_runs_and_writes_its_tables(overview_run):
    assert overview_run.ok, overview_run.manifest["notebooks"][0]["error"]
    folder = overview_run.path
    for name in ("00_corpus_overview.ipynb", "00_corpus_overview.html", "index.html",
                 "manifest.json"):
        assert (folder / name).stat().st_size > 1000, name
    for table in TABLES:
        lines = (folder / "data" / f"00_corpus_overview-{table}.csv").read_text().splitlines()
        assert len(lines) >= 2, table
    volume = pd.read_csv(folder / "data" / "00_corpus_overview-volume.csv")
    assert pd.to_datetime(volume["period"]).max() < pd.Timestamp("2026-01-01")  # date_to
    assert pd.to_datetime(volume["period"]).dt.day_of_week.eq(0).all()  # weekly periods
    assert sorted(volume["source"].unique()) == ["Daily Clarion", "Kestrel News"]
    gaps = pd.read_csv(folder / "data" / "00_corpus_overview-coverage_gaps.csv")
    clarion_gap = gaps[(gaps["source"] == "Daily Clarion") & (gaps["n_periods"] >= 4)]
    assert clarion_gap["gap_start"].str.startswith("2025-09").any()  # October 2025, by design


def test_overview_manifest_and_index(overview_run):
    m = json.loads((overview_run.path / "manifest.json").read_text())
    nb = m["notebooks"][0]
    assert nb["parameters"]["freq"] == "W" and nb["parameters"]["date_to"] == "2025-12-31"
    assert nb["parameters"]["sources"] == ["Daily Clarion", "Kestrel News"]
    assert nb["parameters"]["corpus"] == "demo" and m["corpus"]["n_docs"] == 200
    assert nb["summary"]["documents in the whole corpus"] == 200
    assert nb["summary"]["outlets"] == 2 and nb["summary"]["documents"] < 200
    assert nb["title"] == "Corpus overview"
    assert sorted(nb["tables"]) == [f"data/00_corpus_overview-{t}.csv" for t in TABLES]
    index = (overview_run.path / "index.html").read_text()
    assert '<a href="00_corpus_overview.html">Corpus overview</a>' in index
    assert "documents in the whole corpus: 200" in index


def test_overview_html_has_both_figures_and_no_code(overview_run):
    page = (overview_run.path / "00_corpus_overview.html").read_text()
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) == 2
    assert "overview.volume(" not in page and "load_corpus(" not in page
    assert "Volume per outlet over time" in page and "Kestrel News" in page


def test_summary_of_an_outlet_less_corpus_names_no_outlet():
    # a Reuters or BBC export: "(no outlet)" is shown as a group, but it is not an outlet
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x", "y", "z"],
                       "source": [None, "Wire", None]})
    s = overview.corpus_summary(df)
    assert s["outlets"] == 1 and s["articles without an outlet"] == 2
    s = overview.corpus_summary(overview.with_groups(df.drop(columns="source")))
    assert s["outlets"] == 0 and s["articles without an outlet"] == 3


def test_ingest_problems_name_duplicate_examples_when_given_the_corpus(corpus):
    df, report = corpus
    without = overview.ingest_problems(report)
    assert without.loc[without["kind"] == "duplicate", "examples"].tolist() == [""]
    problems = overview.ingest_problems(report, corpus=df)
    assert problems.loc[problems["kind"] == "duplicate", "examples"].tolist() == [
        "her-dup (copy of led-001)"]


def test_volume_figure_draws_a_long_span_per_coarser_period_and_says_so():
    from medialens.plotting import overview as plots

    years = [1900, *range(1950, 2029, 3)]
    df = pd.DataFrame({"doc_id": [str(y) for y in years], "text": ["x"] * len(years),
                       "source": ["A", "B"] * (len(years) // 2),
                       "published": pd.to_datetime([f"{y}-06-01" for y in years], utc=True)})
    v = overview.volume(df, freq="M")
    fig = plots.volume_figure(v)
    bars = fig.axes[0].patches
    assert len(bars) == 2028 - 1900 + 1 and sum(b.get_height() for b in bars) == len(years)
    assert fig.axes[0].get_title() == "Articles per year (all outlets)"
    assert "months are too many to draw: shown per year" in fig.axes[0].texts[0].get_text()
