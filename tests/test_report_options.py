"""Report options that depend on the corpus: group_by, source_name, --columns, and values the
notebooks would reject, refused BEFORE any notebook runs (exit 2, one message naming the valid
values, no run folder left behind)."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens import overview
from medialens.cli import main
from medialens.errors import ParameterError
from medialens.reports import run_report


@pytest.fixture
def small_csv(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({
        "stories_id": [1, 2, 3],
        "publish_date": ["2025-01-02", "2025-01-09", "2025-02-03"],
        "media_name": ["Ledger", None, "Cost $5 Herald"],
        "topic": ["politics", "sport", None],
        "story_text": ["The poll found 44 per cent approve.", "A match.", "Prices rose."],
    }).to_csv(path, index=False)
    return path


def _refused(capsys, argv: list[str], out) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("medialens report: error: ")
    assert not any(p.name != ".cache" for p in out.iterdir()) if out.exists() else True
    return err


@pytest.mark.parametrize(("args", "expected"), [
    (["-p", "sources=NoSuch"], "sources: unknown outlet 'NoSuch'; valid: '(no outlet)', "
                               "'Cost $5 Herald', 'Ledger'"),
    (["--group-by", "nosuch"], "group_by='nosuch' is not a column of the corpus; valid:"),
    (["-p", "measures=fog"], "measures='fog' is not valid; choose one of: 'all'"),
    (["-p", "lang=zz"], "lang='zz' is not valid; choose one of: None"),
    (["-p", "subjects=Nobody"], "subjects: 'Nobody' does not occur in any article"),
    (["--source", " "], "--source ' ': give a non-empty name"),
    # the poll and readability notebooks' own values (red-team: these failed late, exit 1)
    (["-p", "min_confidence=1.5"], "min_confidence=1.5 must be a number from 0 to 1"),
    (["-p", "max_panels=0"], "max_panels=0 must be a whole number of at least 1"),
    (["-p", "max_gap_days=-1"], "max_gap_days=-1 must be a whole number of days"),
    (["-p", "variant=odd"], "variant='odd' is not valid; choose one of: 'textstat', 'corrected'"),
])
def test_values_the_notebooks_would_reject_are_refused_before_the_run(
        small_csv, tmp_path, capsys, args, expected):
    out = tmp_path / "runs"
    err = _refused(capsys, ["report", str(small_csv), "--out", str(out),
                            "--columns", "text=story_text", *args], out)
    assert expected in err


def test_a_bad_value_shared_by_every_notebook_is_one_problem(small_csv, tmp_path, capsys):
    out = tmp_path / "runs"
    err = _refused(capsys, ["report", str(small_csv), "--out", str(out), "--columns", "text=story_text",
                            "-p", "date_from=2024-13-45"], out)
    assert err.count("is not an ISO date") == 1 and "problems with the parameters" not in err


def test_source_name_makes_an_outlet_selectable(small_csv, tmp_path):
    with pytest.raises(ParameterError, match="'Reuters'"):  # not an outlet without the name
        run_report(small_csv, notebooks=["00"], out=tmp_path / "a", progress=None,
                   columns={"text": "story_text"}, params={"sources": ["Reuters"]})
    run = run_report(small_csv, notebooks=["00"], out=tmp_path / "b", progress=None,
                     columns={"text": "story_text"},
                     params={"sources": ["Reuters"], "source_name": "Reuters"})
    assert run.ok
    lengths = pd.read_csv(run.path / "data" / "00_corpus_overview-lengths.csv")
    assert lengths["source"].tolist() == ["Reuters"]  # the unnamed article, now "Reuters"


def test_cli_columns_group_by_and_source_reach_the_notebooks(small_csv, tmp_path, capsys):
    out = tmp_path / "runs"
    assert main(["report", str(small_csv), "--notebooks", "00", "--out", str(out),
                 "--group-by", "topic", "--source", "Wire", "--columns", "text=story_text"]) == 0
    (run,) = [p for p in out.iterdir() if p.name[0].isdigit()]
    lengths = pd.read_csv(run / "data" / "00_corpus_overview-lengths.csv")
    assert lengths["topic"].tolist() == ["(no topic)", "politics", "sport", "all"]
    import json

    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["corpus"]["columns"] == {"text": "story_text"}
    assert manifest["parameters"]["group_by"] == "topic"
    assert manifest["parameters"]["source_name"] == "Wire"


@pytest.mark.parametrize("command", ["ingest", "readability", "sentiment", "polls", "report"])
def test_every_subcommand_takes_columns(command):
    from medialens.cli import build_parser

    args = build_parser().parse_args([command, "corpus.csv", "--columns", "text=body"])
    assert args.columns == ["text=body"]


def test_with_groups_one_label_for_a_missing_group():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["x"] * 3,
                       "source": ["Ledger", None, " "], "topic": ["t", None, "u"]})
    g = overview.with_groups(df)
    assert g["source"].tolist() == ["Ledger", "(no outlet)", "(no outlet)"]
    assert overview.with_groups(df, source_name="Wire")["source"].tolist() == [
        "Ledger", "Wire", "Wire"]
    assert overview.with_groups(df, group_by="topic")["topic"].tolist() == ["t", "(no topic)", "u"]
    with pytest.raises(ParameterError, match="group_by='nope' is not a column"):
        overview.with_groups(df, group_by="nope")
    assert df["source"].isna().sum() == 1  # the input is not changed


def test_report_uses_the_cache_dir_of_the_environment(tmp_path, monkeypatch):
    # the CLI analyses honour $MEDIALENS_CACHE_DIR; a report used to make its own out/.cache
    from medialens.reports import run_report

    shared = tmp_path / "shared-cache"
    monkeypatch.setenv("MEDIALENS_CACHE_DIR", str(shared))
    res = run_report("demo", out=tmp_path / "out", notebooks=["00"], cache=True)
    assert res.manifest["cache"] == str(shared.resolve())
    assert not (tmp_path / "out" / ".cache").exists() and shared.exists()
