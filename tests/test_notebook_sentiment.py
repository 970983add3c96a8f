"""notebooks/20_sentiment_over_time.ipynb, executed through the report runner.

Each scenario runs ONCE per module (a kernel start costs seconds) and many small tests read
its run folder: the demo with defaults; the demo with a target, a date/outlet selection and
AFINN; and a Reuters sample (stories mentioning Reagan) when ../shared is present.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import iter_jsonl_gz
from medialens import reports, timeseries
from medialens.errors import ParameterError

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAME = "20_sentiment_over_time"

TABLES = {
    "doc_scores": ["doc_id", "source", "published", "title", "compound_mean", "pos_share",
                   "neg_share", "neu_share", "net_tone", "n_sentences", "reason"],
    "tone_by_group": ["source", "n_docs", "mean", "median", "ci_low", "ci_high"],
    "over_time": ["period", "source", "n_docs", "mean", "median", "ci_low", "ci_high"],
    "method_agreement": ["period", "n_docs", "mean_vader", "ci_low_vader", "ci_high_vader",
                         "mean_afinn", "ci_low_afinn", "ci_high_afinn", "r", "label_agreement"],
    "change_points": ["period", "previous_period", "before_start", "after_end", "level_before",
                      "level_after", "level_shift", "n_docs_before", "n_docs_after",
                      "across_gap"],
    "change_point_segments": ["change_point", "level_shift", "side", "first_day", "last_day",
                              "n_docs", "mean", "ci_low", "ci_high", "separated"],
    "word_shift": ["word", "valence", "count_a", "count_b", "p_a", "p_b", "p_diff",
                   "valence_vs_a", "contribution", "share", "kind", "direction",
                   "example_doc_id", "example_sentence"],
    "word_shift_examples": ["word", "valence", "kind", "segment", "published", "source",
                            "doc_id", "score", "sentence"],
    "extremes": ["end", "doc_id", "source", "published", "title", "compound_mean",
                 "n_sentences", "strongest_sentence"],
    "target_over_time": ["period", "n_docs", "mean", "median", "ci_low", "ci_high"],
}


def _run(out: Path, corpus: str | Path = "demo", **params) -> reports.RunResult:
    return reports.run_report(corpus, notebooks=[NAME], notebook_dir=NOTEBOOKS, out=out,
                              params=params, progress=None)


def _table(run: reports.RunResult, name: str) -> pd.DataFrame:
    return pd.read_csv(run.path / "data" / f"{NAME}-{name}.csv")


def _summary(run: reports.RunResult) -> dict:
    return run.manifest["notebooks"][0]["summary"]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("nb20-demo"))


@pytest.fixture(scope="module")
def selection_run(tmp_path_factory):
    return _run(tmp_path_factory.mktemp("nb20-sel"), target="Varga", date_from="2025-03-01",
                sources=["Kestrel News", "Selden Courant"], method="afinn")


# --- the default demo run ----------------------------------------------------------------------

@pytest.mark.slow
def test_demo_run_is_complete_and_linked(demo_run):
    assert demo_run.ok, demo_run.manifest["notebooks"]
    entry = demo_run.manifest["notebooks"][0]
    assert entry["name"] == NAME and entry["status"] == "ok" and entry["title"] == \
        "Sentiment over time"
    assert sorted(entry["tables"]) == sorted(f"data/{NAME}-{t}.csv" for t in TABLES)
    index = (demo_run.path / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{NAME}.html">Sentiment over time</a>' in index
    assert "main change point: 2025-06-01" in index  # the key figures reach the index page


@pytest.mark.slow
def test_demo_html_embeds_its_figures_and_hides_code(demo_run):
    page = (demo_run.path / f"{NAME}.html").read_text(encoding="utf-8")
    # by outlet, per outlet over time, method agreement, change points, word shift; no target:
    # a sentence, no chart
    assert page.count('src="data:image/png;base64,') == 5
    assert '<p class="ml-note">No target set' in page
    assert "sentiment.tone_over_time(" not in page  # code cells hidden
    assert "PosixPath(" not in page  # save_table's return value is not shown
    assert "Traceback" not in page and "Warning" not in page
    for heading in ("How tone is measured", "Tone per outlet (or group), all periods together",
                    "Tone over time, per outlet",
                    "Do the two methods agree?", "Where the two methods disagree",
                    "Change points: when did the level move?", "Before and after each change",
                    "Why the tone moved", "Example sentences for the top words",
                    "The most positive and the most negative articles",
                    "Tone of the coverage of a target"):
        assert heading in page


@pytest.mark.slow
def test_each_methods_agreement_with_people_is_quoted_once(demo_run, selection_run):
    # VADER's agreement was quoted under the chart and again in the comparison
    for run, method in ((demo_run, "VADER"), (selection_run, "AFINN")):
        page = (run.path / f"{NAME}.html").read_text(encoding="utf-8")
        assert page.count(f"{method} agrees with people at r =") == 1
    page = (demo_run.path / f"{NAME}.html").read_text(encoding="utf-8")
    assert page.count("AFINN agrees with people at r =") == 1


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(TABLES))
def test_demo_tables_have_the_expected_columns(demo_run, name):
    table = _table(demo_run, name)
    assert table.columns.tolist() == TABLES[name]
    assert name == "target_over_time" or len(table) > 0  # no target set: header only


@pytest.mark.slow
def test_demo_tone_falls_after_the_collapse_with_separate_intervals(demo_run):
    docs = _table(demo_run, "doc_scores")
    docs["published"] = pd.to_datetime(docs["published"], utc=True)
    when = docs["published"]
    window = pd.Series(None, index=docs.index, dtype="object")
    window[(when >= "2025-01-01") & (when < "2025-07-15")] = "before"  # up to the collapse
    window[(when >= "2025-07-15") & (when < "2026-01-01")] = "after"  # the rest of 2025
    stats = timeseries.summarise(docs.assign(window=window).dropna(subset=["window"]),
                                 "compound_mean", by="window").set_index("window")
    assert stats.loc["after", "mean"] < 0 < stats.loc["before", "mean"]
    assert stats.loc["after", "ci_high"] < stats.loc["before", "ci_low"]
    # the report's own before/after table says the same for its main change point
    seg = _table(demo_run, "change_point_segments")
    main = seg[seg["level_shift"].abs() == seg["level_shift"].abs().max()].set_index("side")
    assert main.loc["after", "mean"] < main.loc["before", "mean"]
    assert main["separated"].all()


@pytest.mark.slow
def test_demo_change_point_near_july_2025(demo_run):
    cps = _table(demo_run, "change_points")
    main = cps.loc[cps["level_shift"].abs().idxmax()]
    assert "2025-06-01" <= main["period"] <= "2025-08-01"  # the overrun month or the collapse
    assert main["level_shift"] < -0.15
    assert _summary(demo_run)["main change point"].startswith(main["period"][:10])


@pytest.mark.slow
def test_demo_word_shift_names_the_collapse_and_its_sentences_show_it(demo_run):
    shift = _table(demo_run, "word_shift")
    down = shift[shift["kind"] == "negative word more frequent"]["word"].head(10).tolist()
    assert {"collapse", "killed", "dead"} <= set(down)
    assert shift["word"].iloc[0] == "collapse"
    ex = _table(demo_run, "word_shift_examples")
    assert set(ex["word"]) == set(shift["word"].head(8))
    for row in ex.itertuples():  # every example holds its word (flexions aside)
        assert re.search(rf"\b{re.escape(row.word)}\b", row.sentence, re.IGNORECASE), row


@pytest.mark.slow
def test_demo_gaps_and_undated_are_shown_not_filled(demo_run):
    t = _table(demo_run, "over_time")
    october = t[(t["source"] == "Daily Clarion") & (t["period"] == "2025-10-01")]
    assert october["n_docs"].tolist() == [0] and october["mean"].isna().all()
    assert _summary(demo_run)["undated (counted, not placed in time)"] == 1
    docs = _table(demo_run, "doc_scores")
    assert len(docs) == 200 and docs["published"].isna().sum() == 1  # scored, not placed
    assert t["n_docs"].sum() == 199


@pytest.mark.slow
def test_demo_extremes_are_the_collapse_and_the_peak(demo_run):
    ex = _table(demo_run, "extremes")
    worst = ex[ex["end"] == "most negative"].iloc[0]
    assert worst["published"] == "2025-07-15" and worst["compound_mean"] < -0.4
    best = ex[ex["end"] == "most positive"]
    assert (best["published"] < "2025-06-01").sum() >= 3  # the optimistic spring


# --- a target, a selection and the other method -----------------------------------------------

@pytest.mark.slow
def test_selection_run_keeps_to_the_selection(selection_run):
    assert selection_run.ok, selection_run.manifest["notebooks"]
    docs = _table(selection_run, "doc_scores")
    assert set(docs["source"]) == {"Kestrel News", "Selden Courant"}
    assert (pd.to_datetime(docs["published"], utc=True) >= "2025-03-01").all()
    s = _summary(selection_run)
    assert s["method"] == "afinn" and s["documents"] == len(docs)
    assert s["undated (counted, not placed in time)"] == 0  # a date bound drops undated pages


@pytest.mark.slow
def test_selection_run_has_the_targeted_series(selection_run):
    s = _summary(selection_run)
    assert s["target"] == "Varga" and s["documents mentioning the target"] > 30
    t = _table(selection_run, "target_over_time")
    assert t["n_docs"].sum() == s["documents mentioning the target"]
    assert t["period"].min() == "2025-03-01" and t["mean"].notna().sum() >= 8
    page = (selection_run.path / f"{NAME}.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 6
    shift = _table(selection_run, "word_shift")  # AFINN's own words explain its shift
    assert {"killed", "collapse"} & set(shift["word"].head(10))


# --- parameters are checked before any kernel starts ------------------------------------------

@pytest.mark.parametrize("params, message", [
    ({"method": "bert"}, "method='bert' is not valid; choose one of: 'vader', 'afinn', 'e5', "
                         "'ensemble'"),
    ({"target": "re:([a-z"}, "target='re:([a-z': not a valid regular expression"),
    ({"target": "Varga || Holm"}, "has an empty term between '|' separators"),
    ({"min_docs": 0}, "min_docs=0 must be at least 1"),
    ({"freq": "fortnight"}, "freq='fortnight' is not valid"),
])
def test_bad_parameters_stop_the_run_before_it_starts(tmp_path, params, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        _run(tmp_path / "out", **params)
    assert not (tmp_path / "out").exists()


# --- real data: Reuters stories mentioning Reagan ----------------------------------------------

@pytest.fixture(scope="module")
def reuters_run(reuters_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("nb20-reuters")
    sample = folder / "reagan.jsonl"
    with sample.open("w", encoding="utf-8") as fh:
        for r in iter_jsonl_gz(reuters_path):
            if re.search(r"\bReagan\b", r.get("body") or ""):
                fh.write(json.dumps({"id": r["id"], "title": r["title"], "text": r["body"],
                                     "published": r["date"], "source": "Reuters"}) + "\n")
    return _run(folder / "out", sample, freq="W")


@pytest.mark.realdata
@pytest.mark.slow
def test_reuters_reagan_weekly_runs_with_its_gaps(reuters_run):
    assert reuters_run.ok, reuters_run.manifest["notebooks"]
    s = _summary(reuters_run)
    assert s["documents"] == 561 and s["undated (counted, not placed in time)"] == 0
    t = _table(reuters_run, "over_time")
    assert len(t) == 35 and t["n_docs"].sum() == 561  # every week 23 Feb - 19 Oct 1987
    empty = t[t["period"].between("1987-07-06", "1987-10-12")]  # no stories at all
    assert len(empty) == 15 and (empty["n_docs"] == 0).all() and empty["mean"].isna().all()
    march = t[t["period"].between("1987-03-02", "1987-03-30")]
    assert (march["n_docs"] >= 50).all()


@pytest.mark.realdata
@pytest.mark.slow
def test_reuters_reagan_tone_has_no_change_point_and_says_so(reuters_run):
    # Reagan coverage moves from Iran-Contra to trade and the crash, but its weekly tone stays
    # within noise (test_sentiment: a change of topic, not of tone): no change point, and the
    # report says so instead of inventing a before and after.
    assert _table(reuters_run, "change_points").empty
    assert _table(reuters_run, "word_shift").empty
    assert _summary(reuters_run)["change points"] == 0
    page = (reuters_run.path / f"{NAME}.html").read_text(encoding="utf-8")
    # per outlet, method agreement, change points; the word shift and the (unset) target are
    # one sentence each, not charts
    assert page.count('src="data:image/png;base64,') == 3
    assert '<p class="ml-note">No change point' in page
    ex = _table(reuters_run, "extremes")
    assert not ex["strongest_sentence"].str.contains("\n").any()  # hard wraps flattened
