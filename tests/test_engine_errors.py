"""One error model on every engine: failed documents are listed, counted, and cost only
themselves; validation is the same in-process, on a process pool and on Dask."""

from __future__ import annotations

import pandas as pd
import pytest

from engine_helpers import polls_or_boom, sentences_or_boom, text_stats
from medialens import cli, polls, sentiment
from medialens.engine import Analyser, run
from medialens.errors import CorpusError

STATS = Analyser("stats", "1", text_stats, schema={"n_words": "int64", "n_chars": "int64",
                                                   "ratio": "float64", "first": "str"})
TEXTS = ["A poll found 41 pct backed Labour.", "Support BOOM fell to 30 per cent in a survey.",
         "The Conservatives had 38 pct in a Gallup poll.", "Nothing to see here."]


def _corpus() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": TEXTS})


@pytest.mark.parametrize("engine", ["local", "processes"])
def test_duplicate_ids_are_an_error_on_every_engine(engine):
    df = pd.DataFrame({"doc_id": ["a", "a", "b"], "text": ["x", "y", "z"]})
    with pytest.raises(CorpusError, match="'a'"):
        run(STATS, df, engine=engine, workers=1, cache=False)


def test_duplicate_ids_in_a_parquet_corpus(tmp_path):
    path = tmp_path / "c.parquet"
    pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}).to_parquet(path)
    with pytest.raises(CorpusError, match="more than once"):
        run(STATS, str(path), engine="local", cache=False)


def test_body_alias_in_a_parquet_corpus(tmp_path):
    path = tmp_path / "c.parquet"
    pd.DataFrame({"id": ["a", "b"], "body": ["one two", "three"]}).to_parquet(path)
    got = run(STATS, str(path), engine="local", cache=False).frame
    assert got["doc_id"].tolist() == ["a", "b"] and got["n_words"].tolist() == [2, 1]


@pytest.mark.slow
def test_dask_validates_like_local(tmp_path):
    dup = tmp_path / "dup.parquet"
    pd.DataFrame({"doc_id": ["a", "a"], "text": ["x", "y"]}).to_parquet(dup)
    with pytest.raises(CorpusError, match="more than once"):
        run(STATS, str(dup), engine="dask", workers=1, cache=False)
    body = tmp_path / "body.parquet"
    pd.DataFrame({"id": ["a", "b"], "body": ["one two", "three"]}).to_parquet(body)
    got = run(STATS, str(body), engine="dask", workers=1, cache=False).frame
    assert got["n_words"].tolist() == [2, 1]


def test_a_lone_surrogate_fails_its_document_only():
    text = pd.Series(["A poll found 41 pct backed Labour \ud800 here.",
                      "A survey found 30 pct backed Labour."], dtype=object)
    figures = polls.extract_corpus(pd.DataFrame({"doc_id": ["a", "b"], "text": text}),
                                   cache=False)
    assert figures["doc_id"].tolist() == ["b"]
    assert [e["doc_id"] for e in figures.attrs["errors"]] == ["a"]
    assert "surrogate" in figures.attrs["errors"][0]["error"]


def test_a_failing_sentence_costs_its_document_not_the_call(monkeypatch):
    monkeypatch.setattr(sentiment.scoring, "score_document", sentences_or_boom)
    out = sentiment.score(_corpus(), cache=False)
    assert out.loc[out["doc_id"] == "b", "reason"].item().startswith("error: ValueError")
    assert out.loc[out["doc_id"] == "b", "compound_mean"].isna().all()
    assert out.loc[out["doc_id"] != "b", "compound_mean"].notna().all()
    assert [e["doc_id"] for e in out.attrs["errors"]] == ["b"]


def _csv(tmp_path) -> str:
    path = tmp_path / "c.csv"
    _corpus().to_csv(path, index=False)
    return str(path)


@pytest.mark.parametrize("engine", ["local", "processes"])
def test_cli_polls_exit_3_and_counts_failed_documents(tmp_path, monkeypatch, capsys, engine):
    monkeypatch.setattr(polls, "extract_document", polls_or_boom)
    argv = ["polls", _csv(tmp_path), "--engine", engine, "--workers", "1", "--no-cache",
            "--out", str(tmp_path / "p.csv")]
    assert cli.main(argv) == cli.EXIT_DOCUMENT_ERRORS
    err = capsys.readouterr().err
    assert "failed: b: ValueError" in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("polls: 4 documents,") and "1 error ->" in last
    assert cli.main([*argv, "--allow-errors", "--force"]) == 0


def test_cli_sentiment_exit_3(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sentiment.scoring, "score_document", sentences_or_boom)
    argv = ["sentiment", _csv(tmp_path), "--no-cache", "--out", str(tmp_path / "s.csv")]
    assert cli.main(argv) == cli.EXIT_DOCUMENT_ERRORS
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == f"sentiment: 4 documents, 3 scored, 1 with no value (reasons: error: " \
                   f"ValueError: one sentence could not be scored 1), 1 error -> {tmp_path}/s.csv"


def test_cli_summary_has_thousands_separators_and_no_control_characters(tmp_path, capsys):
    rows = pd.DataFrame({"doc_id": [f"d{i}" for i in range(1200)],
                         "text": ["It rose. It fell again."] * 1200})
    path = tmp_path / "big.csv"
    rows.to_csv(path, index=False)
    assert cli.main(["readability", str(path), "--lang", "en", "--no-cache",
                     "--out", str(tmp_path / "r.csv")]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "\x1b" not in err
    assert err.strip().splitlines()[-1].startswith("readability (variant textstat): 1,200 documents, 1,200 scored")


def test_cli_sentence_level_summary_counts_the_documents_with_no_sentence(tmp_path, capsys):
    # a German article is not scored by VADER: the sentence table has no row for it, and the
    # summary says so (it used to count it among the documents with nothing said)
    rows = pd.DataFrame({"doc_id": ["en", "de"], "text": [
        "The government said on Tuesday that the plan was a great success and everyone was happy.",
        "Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz beschlossen, das die "
        "Rechte der Mieter in den Städten stärken soll."]})
    path = tmp_path / "two.csv"
    rows.to_csv(path, index=False)
    assert cli.main(["sentiment", str(path), "--level", "sentence", "--no-cache",
                     "--out", str(tmp_path / "s.csv")]) == 0
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == (f"sentiment: 2 documents, 1 sentence scored, 1 document with no sentence scored "
                    f"(reasons: language not supported: 'de' 1), 0 errors -> {tmp_path}/s.csv")
