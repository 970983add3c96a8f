"""Report findings of the 2026-12 red-team (corpora a data journalist brings): a group_by
column that is no Python identifier (4), a date or text column as group_by (5), a date range
that silently drops undated articles (9), and documents whose analysis failed (1, report side).

The inputs are small corpora written here; the library functions the notebooks call are
called directly (a notebook run costs tens of seconds on 2 cores)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from medialens import overview, readability, reports, sentiment
from medialens import timeseries as ts
from medialens.cli import main
from medialens.corpus import select
from medialens.errors import ParameterError
from medialens.plotting import sentiment as sentiment_plots
from medialens.reports import html as report_html
from medialens.reports import run as report_run
from medialens.reports.context import NOTEBOOK_ENV, RUN_DIR_ENV, WORK_DIR
from medialens.reports.corpus_checks import check_against_corpus
from medialens.reports.params import NotebookSpec, parse_parameters_cell

PARAMETERS = """\
date_from: str | None = None  # first day
date_to: str | None = None  # last day
sources: list[str] | None = None  # outlets
group_by: str = "source"  # column to compare groups by
source_name: str | None = None  # outlet name for articles that have none
"""
SPEC = NotebookSpec("20_x", Path("20_x.ipynb"), parse_parameters_cell(PARAMETERS))

STORIES = ["The council approved the new budget after a long debate. Critics said it was unfair.",
           "Fans cheered as the team won the final. It was a wonderful night for the city.",
           "The storm damaged hundreds of homes. Officials warned of more rain this week.",
           "A new library opened downtown. Readers praised the bright and quiet rooms."]


def _corpus(n: int = 8, *, dated: int | None = None) -> pd.DataFrame:
    """``n`` articles in two sections (a column name with a space); the first ``dated`` of
    them have a publication date, the others none (all dated by default)."""
    dated = n if dated is None else dated
    published = pd.to_datetime([f"2024-0{1 + i % 3}-{10 + i % 18:02d}" for i in range(n)],
                               utc=True)
    return pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(n)],
        "text": [STORIES[i % len(STORIES)] for i in range(n)],
        "title": [f"Story {i}" for i in range(n)],
        "source": ["Ledger" if i % 2 else "Clarion" for i in range(n)],
        "published": published.where(np.arange(n) < dated, pd.NaT),
        "Section Name": ["City" if i % 2 else "Sport" for i in range(n)],
        "meta.a": ["x" if i < n // 2 else "y" for i in range(n)],
        "class": ["a" if i % 3 else "b" for i in range(n)],
    })


def _check(corpus: pd.DataFrame, **given) -> None:
    check_against_corpus([SPEC], {SPEC.name: given}, corpus)


# ----------------------------------------------------------------------------- finding 4


@pytest.mark.parametrize("by", ["Section Name", "meta.a", "class", "_desk"])
def test_plain_readings_group_by_a_column_that_is_no_identifier(by):
    df = pd.DataFrame({by: ["A", "A", "B", "B"],
                       "flesch_kincaid_grade": [6.0, 7.0, 10.0, 14.0]})
    out = readability.plain_readings(df, by=by, n_boot=50)
    assert out[by].tolist() == ["A", "B"]
    assert out.loc[0, "reading"].startswith("A typical article needs grade 6.5")
    assert "college (13-16)" in out.loc[1, "reading"]


def test_readability_tables_of_a_corpus_grouped_by_a_loader_made_column():
    df = overview.with_groups(_corpus(), group_by="meta.a")
    scores = readability.with_metadata(readability.score(df, cache=False), df)
    readings = readability.plain_readings(scores, by="meta.a", reliable_only=False, n_boot=50)
    assert readings["meta.a"].tolist() == ["x", "y"]
    assert all(r.startswith("A typical article needs grade") for r in readings["reading"])


@pytest.mark.parametrize("by", ["Section Name", "class"])
def test_change_points_per_group_of_a_column_that_is_no_identifier(by):
    values = np.r_[[0.3, 0.32, 0.29, 0.31, 0.3], [-0.3, -0.28, -0.31, -0.29, -0.3]]
    one = pd.DataFrame({"period": pd.date_range("2024-01-01", periods=len(values), freq="W-MON"),
                        "mean": values, "ci_low": values - 0.05, "ci_high": values + 0.05,
                        "n_docs": 10})
    table = pd.concat([one.assign(**{by: "City"}), one.assign(**{by: "Sport"})])
    table.attrs.update(min_docs=3, freq="W")
    cps = ts.change_points(table, by=by)
    assert set(cps[by]) == {"City", "Sport"}
    fig = sentiment_plots.tone_over_time(table, by=by, change_points=cps)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert any(t.startswith("City: -0.6") for t in texts)
    assert any(t.startswith("Sport: -0.6") for t in texts)


# ----------------------------------------------------------------------------- finding 5


@pytest.mark.parametrize(("by", "why"), [
    ("published", "holds dates and times"),
    ("text", "is the article text"),
    ("doc_id", "is the article id"),
])
def test_group_by_a_date_text_or_id_column_is_refused_before_the_run(by, why):
    with pytest.raises(ParameterError) as exc:
        _check(_corpus(), group_by=by)
    msg = str(exc.value)
    assert msg.startswith(f"group_by={by!r} {why}")
    assert "\n" not in msg
    # the suggestion names categorical columns of THIS corpus, the default first
    assert msg.endswith("choose a categorical column such as 'source', 'meta.a', 'class'") or \
        "choose a categorical column such as 'source'" in msg


def test_a_user_datetime_column_is_refused_too():
    corpus = _corpus().assign(updated=pd.Timestamp("2024-05-01", tz="UTC"))
    with pytest.raises(ParameterError, match="group_by='updated' holds dates and times"):
        _check(corpus, group_by="updated")


def test_a_column_of_lists_or_of_nearly_one_value_per_article_is_refused():
    # second red-team pass: Reuters "topics" grouped by the printed list; a word count made
    # 115 groups of 120 articles
    corpus = pd.DataFrame({"doc_id": [str(i) for i in range(120)], "text": ["x"] * 120,
                           "topics": [["grain", "wheat"] if i % 2 else [] for i in range(120)],
                           "wordcount": list(range(120)), "desk": ["a", "b", "c"] * 40})
    with pytest.raises(ParameterError, match=r"group_by='topics' holds lists \(\['grain', 'wheat'\]\)"):
        _check(corpus, group_by="topics")
    with pytest.raises(ParameterError, match="group_by='wordcount' has 120 distinct values among 120 articles"):
        _check(corpus, group_by="wordcount")
    _check(corpus, group_by="desk")


@pytest.mark.parametrize("by", ["Section Name", "meta.a", "class", "source"])
def test_a_categorical_group_by_passes(by):
    _check(_corpus(), group_by=by)


def test_cli_refuses_group_by_published_with_exit_2(tmp_path, capsys):
    path = tmp_path / "c.jsonl"
    _corpus().assign(published=lambda d: d["published"].astype(str)).to_json(
        path, orient="records", lines=True)
    out = tmp_path / "runs"
    assert main(["report", str(path), "--out", str(out), "--group-by", "published",
                 "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "group_by='published' holds dates and times" in err
    assert "choose a categorical column such as 'source'" in err
    assert not out.exists() or not any(out.iterdir())  # nothing ran, no run folder


# ----------------------------------------------------------------------------- finding 9


def test_select_counts_the_undated_articles_a_date_range_leaves_out():
    corpus = _corpus(10, dated=4)
    picked = select(corpus, date_from="2024-01-01")
    assert len(picked) == 4 and picked.attrs["undated_left_out"] == 6
    assert select(corpus, date_from="2024-01-01", sources=["Ledger"]).attrs[
        "undated_left_out"] == 3
    assert select(corpus).attrs["undated_left_out"] == 0  # no range: nothing left out


def test_overview_key_figures_say_how_many_undated_articles_were_left_out():
    full = _corpus(24, dated=11)
    df = select(overview.with_groups(full), date_from="2020-01-01")
    summary = overview.corpus_summary(df, corpus_size=len(full))
    assert summary["documents"] == 11 and summary["documents in the whole corpus"] == 24
    assert summary[overview.UNDATED_LEFT_OUT] == ("13 undated articles are outside any date "
                                                  "range and were left out")
    one = select(overview.with_groups(_corpus(3, dated=2)), date_to="2030-01-01")
    assert overview.corpus_summary(one)[overview.UNDATED_LEFT_OUT] == (
        "1 undated article is outside any date range and was left out")
    assert overview.UNDATED_LEFT_OUT not in overview.corpus_summary(overview.with_groups(full))


def test_sentiment_key_figures_say_how_many_undated_articles_were_left_out():
    df = select(overview.with_groups(_corpus(8, dated=5)), date_from="2020-01-01")
    sents = sentiment.sentences(df, cache=False)
    figures = sentiment.key_figures(sentiment.from_sentences(sents, df), df, sents=sents)
    assert figures["documents"] == 5
    assert figures[overview.UNDATED_LEFT_OUT] == ("3 undated articles are outside any date "
                                                  "range and were left out")


def test_a_date_range_on_an_undated_corpus_is_refused_before_the_run():
    with pytest.raises(ParameterError) as exc:
        _check(_corpus(40, dated=0), date_from="2020-01-01")
    assert str(exc.value) == (
        "date_from='2020-01-01' selects no article: none of the 40 articles has a publication "
        "date, and undated articles are outside any date range; leave out date_from/date_to, "
        "or name the date column with --columns published=COLUMN")
    with pytest.raises(ParameterError, match="none of the 2 articles of the chosen outlets"):
        _check(_corpus(4, dated=1), date_to="2030-01-01", sources=["Ledger"])  # d1, d3 undated


def test_a_date_range_that_misses_dated_articles_still_renders_an_empty_selection():
    # the README's empty-selection shape: the notebooks say there are no articles in it
    _check(_corpus(8, dated=4), date_from="2030-01-01")
    _check(_corpus(8, dated=0))  # no range: an undated corpus is fine


def test_cli_refuses_a_date_range_on_an_undated_corpus_with_exit_2(tmp_path, capsys):
    path = tmp_path / "c.csv"
    _corpus(6, dated=0).drop(columns="published").to_csv(path, index=False)
    out = tmp_path / "runs"
    assert main(["report", str(path), "--out", str(out), "--notebooks", "20", "--no-cache",
                 "-p", "date_from=2020-01-01"]) == 2
    err = capsys.readouterr().err
    assert "date_from='2020-01-01' selects no article: none of the 6 articles" in err


def test_method_comparison_of_an_empty_selection_does_not_blame_the_language():
    empty = select(overview.with_groups(_corpus(4)), date_from="2030-01-01")
    pairs = sentiment.compare_sentences(sentiment.sentences(empty, cache=False), cache=False)
    reason = sentiment.disagreements(pairs).attrs["empty_reason"]
    assert reason == "There are no articles in the selection, so there is nothing to compare."


# ----------------------------------------------------------------------------- finding 1


@pytest.fixture
def failing_extraction(monkeypatch):
    """Poll extraction that raises for document ``d1`` (as spaCy did for a 1.1 MB sentence)."""
    import medialens.polls as polls

    real = polls.extract_document

    def extract(doc_id, text, *args, **kwargs):
        if doc_id == "d1":
            raise ValueError("[E088] Text of length 1114352 exceeds maximum of 1000000.")
        return real(doc_id, text, *args, **kwargs)

    monkeypatch.setattr(polls, "extract_document", extract)
    return polls


def _run_env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / WORK_DIR).mkdir(exist_ok=True)
    return {RUN_DIR_ENV: str(tmp_path), NOTEBOOK_ENV: "30_poll_figures"}


def test_failed_documents_lists_each_with_its_error_and_warns_the_run(
        failing_extraction, tmp_path):
    df = overview.with_groups(_corpus(4).assign(
        text=lambda d: "A Gallup poll found 41 per cent backed Labour. " + d["text"]))
    extracted = failing_extraction.harmonise_names(
        failing_extraction.extract_corpus(df, cache=False), df)
    assert "d1" not in set(extracted["doc_id"])  # the document has no row of its own
    env = _run_env(tmp_path)
    failed = reports.failed_documents(extracted, df, analysis="poll extraction", env=env)
    assert failed.to_dict("records") == [{
        "doc_id": "d1", "source": "Ledger", "title": "Story 1",
        "error": failed.loc[0, "error"]}]
    assert failed.loc[0, "error"].startswith("ValueError: [E088] Text of length 1114352")
    warnings = json.loads((tmp_path / WORK_DIR / "30_poll_figures.warnings.json").read_text())
    assert list(warnings.values()) == [
        "1 document could not be analysed (poll extraction) and is missing from the results: "
        f"d1 ({failed.loc[0, 'error']})"]
    shown = reports.table(failed)
    assert shown.frame["doc_id"].tolist() == ["d1"]


def test_failed_documents_is_empty_and_silent_when_nothing_failed(tmp_path):
    figures = pd.DataFrame({"doc_id": ["a"], "value": [41.0]})
    figures.attrs["errors"] = []
    env = _run_env(tmp_path)
    failed = reports.failed_documents(figures, pd.DataFrame({"doc_id": ["a"]}), env=env)
    assert failed.empty and failed.columns.tolist() == ["doc_id", "source", "title", "error"]
    assert not (tmp_path / WORK_DIR / "30_poll_figures.warnings.json").exists()
    assert reports.table(failed, empty="none failed").text == "none failed"
    with pytest.raises(ParameterError, match="expects an analysis result"):
        reports.failed_documents(["not", "a", "table"])


def test_a_saved_table_of_an_analysis_that_lost_documents_warns_the_run(tmp_path):
    scores = pd.DataFrame({"doc_id": ["a", "b"], "compound_mean": [0.1, np.nan]})
    scores.attrs["errors"] = [{"doc_id": "b", "error": "RuntimeError: boom"}]
    env = _run_env(tmp_path)
    reports.save_table(scores, "doc_scores", env=env)
    warnings = json.loads((tmp_path / WORK_DIR / "30_poll_figures.warnings.json").read_text())
    assert list(warnings.values()) == [
        "1 document could not be analysed and is missing from the results: b (RuntimeError: "
        "boom)"]
    # the notebook's own, better-worded warning replaces it; a later table does not undo that
    reports.failed_documents(scores, analysis="sentiment scoring", env=env)
    reports.save_table(scores, "doc_scores_again", env=env)
    warnings = json.loads((tmp_path / WORK_DIR / "30_poll_figures.warnings.json").read_text())
    assert [w.split(" and ")[0] for w in warnings.values()] == [
        "1 document could not be analysed (sentiment scoring)"]


def test_run_warnings_reach_the_manifest_and_the_index_page(tmp_path):
    env = _run_env(tmp_path)
    reports.record_warning("2 documents could not be analysed (poll extraction)", env=env)
    job = {"name": "30_poll_figures", "title": "Poll figures", "log": str(tmp_path / "x.log"),
           "effective": {}}
    entry = report_run._notebook_entry(job, {"status": "ok"}, tmp_path)
    assert entry["warnings"] == ["2 documents could not be analysed (poll extraction)"]
    page = report_html.index_page({"run_id": "r1", "status": "ok", "duration_s": 1.0,
                                   "notebooks": [{**entry, "html": "30_poll_figures.html"}]})
    assert '<p class="warning">warning: 2 documents could not be analysed (poll extraction)</p>' \
        in page
    assert "1 report, all completed, <b>1 with warnings</b>" in page
    quiet = report_html.index_page({"run_id": "r1", "status": "ok", "duration_s": 1.0,
                                    "notebooks": [{**entry, "warnings": []}]})
    assert "warning" not in quiet.split("<body>")[1].replace("warnings of", "")


def test_the_poll_notebook_lists_failed_documents():
    nb = json.loads((report_run.PROJECT_ROOT / "notebooks" / "30_poll_figures.ipynb")
                    .read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any("reports.failed_documents(extracted, df" in c for c in code)
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
