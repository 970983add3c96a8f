"""notebooks/30_poll_figures.ipynb, executed through the report runner.

Kernel start-up and the demo ingest cost ~10 s per run, so each scenario runs ONCE per module
(module-scoped fixtures) and many small tests inspect its run folder: the demo with default
parameters, the demo filtered by subject and pollster, and a small real selection (the
fixture page and four ODD-id Reuters UK poll stories; even ids are held out and never read).
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import shutil

import pandas as pd
import pytest

from conftest import TEST_DATA
from medialens import polls
from medialens.polls import COLUMNS
from medialens.reports import run_report

pytestmark = pytest.mark.slow

NOTEBOOK = "30_poll_figures"
TABLES = ("figures", "name_changes", "tracker", "reporting_quality", "change_conflicts", "screening")
# odd Reuters ids from the labelled development set (tests/data/polls_dev.csv): 1987 UK polls
REUTERS_IDS = ("5161", "5325", "17461", "17893")


def _run(tmp_path_factory, corpus, **params):
    out = tmp_path_factory.mktemp("outputs")
    return run_report(corpus, notebooks=[NOTEBOOK], out=out, params=params, progress=None)


def _table(result, name: str) -> pd.DataFrame:
    return pd.read_csv(result.path / "data" / f"{NOTEBOOK}-{name}.csv")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return _run(tmp_path_factory, "demo")


@pytest.fixture(scope="module")
def filtered(tmp_path_factory):
    return _run(tmp_path_factory, "demo", subjects=["Varga"], pollsters=["Meridian"])


# ----------------------------------------------------------------------------- the demo run
def test_run_is_ok_and_listed_on_the_index(demo):
    assert demo.status == "ok"
    (nb,) = demo.manifest["notebooks"]
    assert nb["status"] == "ok" and nb["title"] == "Poll figures"
    index = (demo.path / "index.html").read_text(encoding="utf-8")
    assert f'href="{NOTEBOOK}.html"' in index
    # 1 is the demo's deliberate inconsistency; since issue 11 the subject model also misreads
    # "The governing party records 39 per cent" as National Democrats, a second (false) conflict
    assert "poll figures: " in index and re.search(r"stated changes that disagree: [12]\b", index)
    assert sorted(nb["tables"]) == sorted(f"data/{NOTEBOOK}-{t}.csv" for t in TABLES)


def test_html_embeds_the_tracker_figure(demo):
    page = (demo.path / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
    executed = json.loads((demo.path / f"{NOTEBOOK}.ipynb").read_text(encoding="utf-8"))
    (cell,) = [c for c in executed["cells"] if "poll_tracker(" in "".join(c["source"])]
    png = next(o["data"]["image/png"] for o in cell["outputs"] if "image/png" in o.get("data", {}))
    assert base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.strip()[:200] in page.replace("\n", "")  # embedded, not linked
    assert "<h2" in page and "Poll tracker" in page


def test_figures_table_has_the_pollfigure_columns(demo):
    figs = _table(demo, "figures")
    assert set(COLUMNS) <= set(figs.columns)
    assert {"subject_extracted", "pollster_extracted"} <= set(figs.columns)
    assert demo.manifest["notebooks"][0]["summary"]["poll figures"] == len(figs)


def test_figures_match_the_demo_ground_truth(demo):
    figs = _table(demo, "figures")
    expected = pd.read_csv(TEST_DATA / "demo_polls_expected.csv", dtype={"doc_id": str})
    r = polls.evaluate(figs, expected)
    assert r["recall"] >= 0.9 and r["precision"] >= 0.9


def test_tracker_counts_each_poll_once_under_one_name(demo):
    t = _table(demo, "tracker")
    assert not t.duplicated(["poll_id", "subject", "measure"]).any()
    assert not {"Varga", "Prime Minister", "Crossing", "Big Bridge", "Green"} & set(t["subject"])
    varga = t[(t["subject"] == "Ilse Varga") & (t["measure"] == "approve")]
    meridian = varga[varga["pollster"] == "Meridian Research"].sort_values("date")
    # the storyline: monthly Meridian approval rises to 51 in May 2025 and bottoms out at 25
    assert len(meridian) >= 15 and meridian["value"].max() == 51 and meridian["value"].min() == 25
    assert t["n_reports"].max() >= 3  # one poll, three outlets
    assert set(t["date_basis"]) <= {"fieldwork", "published"}
    assert (t["date_basis"] == "fieldwork").mean() > 0.8


def test_outlets_reporting_quality(demo):
    q = _table(demo, "reporting_quality").set_index("source")
    assert set(q.index) == {"Daily Clarion", "Kestrel News", "Selden Courant"}
    assert q.loc["Selden Courant", "with_sample_size"] == 1.0
    assert q.loc["Daily Clarion", "with_margin_of_error"] < 0.2  # the tabloid rarely says
    assert (q["poll_share"] > 0).all()


def test_deliberate_inconsistent_change_is_flagged(demo):
    c = _table(demo, "change_conflicts")
    row = c[c["doc_id"] == "pages/clarion_2025-12-08_first-smile.txt"].iloc[0]
    assert (row["value"], row["stated_change"], row["previous_value"]) == (27.0, 4.0, 25.0)
    assert (row["subject"], row["pollster"]) == ("Ilse Varga", "Meridian Research")


def test_rejected_numbers_are_counted(demo):
    s = _table(demo, "screening")
    by = s.groupby("decision")["numbers"].sum()
    assert by["kept"] > 400 and by["rejected"] > 100 and by["not considered"] > 50
    assert {"election result", "survey of economists/companies", "margin of error"} <= set(s["reason"])


def test_names_merged_are_listed(demo):
    m = _table(demo, "name_changes")
    assert {("Varga", "Ilse Varga"), ("Big Bridge", "Strait Crossing"), ("Meridian", "Meridian Research")} <= set(
        zip(m["extracted"], m["name"], strict=True))


# ----------------------------------------------------------------------------- filters
def test_subject_and_pollster_filters(filtered, demo):
    assert filtered.status == "ok"
    figs = _table(filtered, "figures")
    assert len(figs) >= 15
    # whole words: "Varga" finds "Ilse Varga" (and a topic such as "Ilse Varga's performance")
    assert (figs["subject"] == "Ilse Varga").mean() > 0.9 and figs["subject"].str.contains("Varga").all()
    assert set(figs["pollster"]) == {"Meridian Research"}
    tracker = _table(filtered, "tracker")
    assert tracker["subject"].str.contains("Varga").all() and set(tracker["pollster"]) == {"Meridian Research"}
    assert len(figs) < len(_table(demo, "figures"))
    page = (filtered.path / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
    assert "subjects=['Varga'], pollsters=['Meridian']" in page  # the header says what was selected


# ----------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def real(tmp_path_factory, fixture_page, reuters_path):
    assert all(int(i) % 2 == 1 for i in REUTERS_IDS), "even Reuters ids are held out"
    folder = tmp_path_factory.mktemp("real_corpus")
    shutil.copy(fixture_page, folder / "fixture_page.txt")
    wanted, rows = set(REUTERS_IDS), []
    with gzip.open(reuters_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rid = str(rec["id"])
            if rid in wanted:  # the odd ids above only; nothing else is kept or printed
                rows.append({"id": f"reuters:{rid}", "date": rec["date"], "title": rec["title"],
                             "body": rec["body"], "source": "Reuters"})
                wanted.discard(rid)
                if not wanted:
                    break
    assert not wanted, f"Reuters ids not found: {wanted}"
    with open(folder / "reuters.jsonl", "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    return _run(tmp_path_factory, str(folder))


@pytest.mark.realdata
def test_real_selection_renders_with_its_figures(real):
    assert real.status == "ok"
    figs = _table(real, "figures")
    fixture = figs[figs["doc_id"] == "fixture_page.txt"]
    assert sorted(fixture["value"].tolist()) == [43.0, 50.0, 50.0]
    koizumi = fixture[fixture["value"] == 43.0].iloc[0]
    assert (koizumi["subject"], koizumi["change"], koizumi["prior"]) == ("Koizumi", 2.0, 41.0)
    reuters = figs[figs["doc_id"].astype(str).str.startswith("reuters:")]
    assert set(reuters["doc_id"]) == {f"reuters:{i}" for i in REUTERS_IDS}
    assert {"Conservative", "Labour"} <= set(reuters["subject"])
    tracker = _table(real, "tracker")
    assert {"Conservative", "Labour"} <= set(tracker.loc[tracker["measure"] == "vote", "subject"])
    s = _table(real, "screening")
    assert s.loc[s["decision"] == "kept", "numbers"].sum() == len(figs) - 1  # "evenly divided": 1 number, 2 figures
    page = (real.path / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
