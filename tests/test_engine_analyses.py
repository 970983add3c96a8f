"""Every engine gives the same per-document results, bit for bit, for the three analyses.

Runs readability, sentence-level sentiment and poll extraction on the demo corpus and on a
Reuters sample (odd ids: the even ones are held out for poll evaluation) with the in-process
engine, a 2-process pool and a real Dask LocalCluster with 2 worker processes, and compares.
"""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import iter_jsonl_gz
from medialens import polls, readability, sentiment
from medialens.corpus import load_corpus

ANALYSES = {
    "readability": lambda c, **kw: readability.score(c, **kw),
    "sentiment": lambda c, **kw: sentiment.sentences(c, **kw),
    "polls": lambda c, **kw: polls.extract_corpus(c, **kw),
}


@pytest.fixture(autouse=True)
def _always_use_the_pool(monkeypatch):
    """Compare real worker processes, not the in-process shortcut for small batches."""
    monkeypatch.setattr("medialens.engine.LOCAL_BELOW", 0)


@pytest.fixture(scope="module")
def demo() -> pd.DataFrame:
    return load_corpus("demo")[0]


@pytest.fixture(scope="module")
def reuters_odd(reuters_path) -> pd.DataFrame:
    rows = []
    for r in iter_jsonl_gz(reuters_path):
        if r["id"] % 2 == 1 and r["body"]:
            rows.append({"doc_id": str(r["id"]), "text": r["body"],
                         "published": pd.Timestamp(r["date"], tz="UTC") if r["date"] else pd.NaT})
        if len(rows) == 400:
            break
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as c:
        yield c


def _check_all_engines(corpus: pd.DataFrame, name: str, cluster) -> pd.DataFrame:
    fn = ANALYSES[name]
    local = fn(corpus, cache=False)
    procs = fn(corpus, engine="processes", workers=2, cache=False)
    dask = fn(corpus, engine="dask", scheduler=cluster.scheduler_address, cache=False)
    for other in (procs, dask):
        pd.testing.assert_frame_equal(local, other, check_exact=True)
    assert len(local)
    return local


@pytest.mark.slow
@pytest.mark.parametrize("name", list(ANALYSES))
def test_engines_agree_on_demo(demo, name, cluster):
    _check_all_engines(demo, name, cluster)


@pytest.mark.slow
@pytest.mark.realdata
@pytest.mark.parametrize("name", ["readability", "sentiment"])  # polls: few figures in 400 docs
def test_engines_agree_on_reuters(reuters_odd, name, cluster):
    _check_all_engines(reuters_odd, name, cluster)


@pytest.mark.parametrize("name", list(ANALYSES))
def test_cache_round_trip_is_exact(demo, name, tmp_path):
    fn = ANALYSES[name]
    fresh = fn(demo, cache=False)
    first = fn(demo, cache=tmp_path)
    again = fn(demo, cache=tmp_path)
    assert again.attrs["engine"]["computed"] == 0
    pd.testing.assert_frame_equal(fresh, first, check_exact=True)
    pd.testing.assert_frame_equal(fresh, again, check_exact=True)


def test_parquet_corpus_in_partitions_equals_frame(demo, tmp_path):
    path = tmp_path / "corpus"
    path.mkdir()
    for i, part in enumerate((demo.iloc[:80], demo.iloc[80:])):
        part.to_parquet(path / f"part-{i}.parquet")
    pd.testing.assert_frame_equal(readability.score(demo, cache=False),
                                  readability.score(str(path), cache=False), check_exact=True)
    doc = sentiment.score(demo, cache=False)
    pd.testing.assert_frame_equal(doc.drop(columns="reason"),
                                  sentiment.score(str(path), cache=False).drop(columns="reason"))


# ----------------------------------------------------------------------------- CLI
def test_cli_engine_and_cache_options(demo, tmp_path):
    from medialens import cli

    local, procs = tmp_path / "local.csv", tmp_path / "procs.csv"
    cache = tmp_path / "cache"
    assert cli.main(["readability", "demo", "--lang", "en", "--no-cache", "--out", str(local)]) == 0
    assert cli.main(["readability", "demo", "--lang", "en", "--engine", "processes",
                     "--workers", "2", "--cache-dir", str(cache), "--out", str(procs)]) == 0
    assert local.read_text() == procs.read_text()
    parts = list(cache.rglob("part-*.parquet"))
    assert parts, "the cache folder was filled"
    assert cli.main(["readability", "demo", "--lang", "en", "--cache-dir", str(cache),
                     "--out", str(local), "--force"]) == 0
    assert list(cache.rglob("part-*.parquet")) == parts, "a warm run adds nothing"
    assert local.read_text() == procs.read_text()


@pytest.mark.slow
def test_cli_dask_reads_a_parquet_corpus_in_partitions(demo, tmp_path):
    from medialens import cli

    folder = tmp_path / "corpus"
    folder.mkdir()
    demo.iloc[:100].to_parquet(folder / "a.parquet")
    demo.iloc[100:].to_parquet(folder / "b.parquet")
    out_dask, out_local = tmp_path / "dask.jsonl", tmp_path / "local.jsonl"
    assert cli.main(["polls", str(folder), "--engine", "dask", "--workers", "2", "--no-cache",
                     "--quiet", "--out", str(out_dask)]) == 0
    assert cli.main(["polls", "demo", "--no-cache", "--quiet", "--out", str(out_local)]) == 0
    dask_rows = pd.read_json(out_dask, lines=True)
    local_rows = pd.read_json(out_local, lines=True)
    assert len(dask_rows) == len(local_rows) > 100
    assert dask_rows["value"].tolist() == local_rows["value"].tolist()


def test_cli_rejects_a_bad_engine_cleanly(capsys):
    from medialens import cli

    with pytest.raises(SystemExit) as exc:
        cli.main(["sentiment", "demo", "--engine", "spark"])
    assert exc.value.code == 2
    assert "invalid choice: 'spark'" in capsys.readouterr().err


# ----------------------------------------------------------------------------- reports
@pytest.mark.slow
def test_report_with_dask_engine_equals_local(tmp_path):
    """`medialens report --engine dask` renders the same tables as the local engine."""
    import json

    from medialens import cli

    outs = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        argv = ["report", "demo", "--notebooks", "10_readability", "20_sentiment_over_time",
                "30_poll_figures", "--out", str(out), "--jobs", "1", "--engine", engine,
                "--no-cache"]
        if engine == "dask":
            argv += ["--workers", "2"]
        assert cli.main(argv) == 0
        run = (out / "latest").resolve()
        manifest = json.loads((run / "manifest.json").read_text())
        assert manifest["engine"]["engine"] == engine and manifest["cache"] is None
        outs[engine] = run
    tables = sorted(p.name for p in (outs["local"] / "data").glob("*.csv"))
    assert tables == sorted(p.name for p in (outs["dask"] / "data").glob("*.csv"))
    assert {t[:3] for t in tables} >= {"10_", "20_", "30_"}
    for name in tables:
        assert (outs["local"] / "data" / name).read_bytes() == \
            (outs["dask"] / "data" / name).read_bytes(), name


def test_report_rejects_a_bad_engine_before_running(tmp_path):
    from medialens import reports
    from medialens.errors import ParameterError

    with pytest.raises(ParameterError, match="engine='spark' is not valid"):
        reports.run_report("demo", notebooks=["10_readability"], out=tmp_path,
                           params={"engine": "spark"})
    assert not any(tmp_path.iterdir())
