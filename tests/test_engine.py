from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from engine_helpers import fails_on_boom, text_stats, word_rows
from medialens.engine import Analyser, run
from medialens.errors import ParameterError

STATS = Analyser("text_stats", "1", text_stats,
                 schema={"n_words": "int64", "n_chars": "int64", "ratio": "float64", "first": "str"})
ROWS = Analyser("word_rows", "1", word_rows,
                schema={"i": "int64", "word": "str", "weight": "float64"})


@pytest.fixture(scope="module")
def reuters_sample(reuters_path) -> pd.DataFrame:
    rows = []
    with gzip.open(reuters_path, "rt") as fh:
        for line in fh:
            r = json.loads(line)
            rows.append({"doc_id": str(r["id"]), "text": r["body"] or r["title"] or ""})
            if len(rows) == 1500:
                break
    return pd.DataFrame(rows)


@pytest.fixture(autouse=True)
def _always_use_the_pool(monkeypatch):
    """These tests are about the worker pool: no in-process shortcut for small batches."""
    monkeypatch.setattr("medialens.engine.LOCAL_BELOW", 0)


def _small() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                         "text": ["One two three four", "", "Five", "six seven"]})


@pytest.mark.parametrize("analyser", [STATS, ROWS], ids=["one-row", "many-rows"])
def test_processes_equal_local(analyser):
    corpus = pd.concat([_small()] * 50, ignore_index=True)
    corpus["doc_id"] = [f"d{i}" for i in range(len(corpus))]
    local = run(analyser, corpus, cache=False).frame
    procs = run(analyser, corpus, engine="processes", workers=2, chunksize=7, cache=False).frame
    pd.testing.assert_frame_equal(local, procs)


@pytest.mark.realdata
@pytest.mark.slow
def test_dask_local_cluster_equals_local(reuters_sample, tmp_path):
    local = run(STATS, reuters_sample, cache=False).frame
    dask_mem = run(STATS, reuters_sample, engine="dask", workers=2, cache=False).frame
    pd.testing.assert_frame_equal(local, dask_mem)
    path = tmp_path / "corpus"
    path.mkdir()
    for i in range(3):  # a partitioned Parquet folder
        reuters_sample.iloc[i * 500:(i + 1) * 500].to_parquet(path / f"part-{i}.parquet")
    dask_pq = run(STATS, path, engine="dask", workers=2, cache=False).frame
    pd.testing.assert_frame_equal(local, dask_pq)
    local_pq = run(STATS, path, cache=False).frame
    pd.testing.assert_frame_equal(local, local_pq)


def test_cache_gives_identical_results_and_computes_only_new(tmp_path):
    corpus = _small()
    first = run(STATS, corpus, cache=tmp_path)
    assert first.stats["computed"] == 4
    more = pd.concat([corpus, pd.DataFrame({"doc_id": ["e"], "text": ["brand new text"]})],
                     ignore_index=True)
    second = run(STATS, more, cache=tmp_path)
    assert (second.stats["computed"], second.stats["cached"]) == (1, 4)
    pd.testing.assert_frame_equal(second.frame, run(STATS, more, cache=False).frame)


def test_option_change_recomputes(tmp_path):
    run(STATS, _small(), cache=tmp_path)
    lower = run(STATS.with_options(lower=True), _small(), cache=tmp_path)
    assert lower.stats["computed"] == 4
    assert run(STATS.with_options(lower=True), _small(), cache=tmp_path).stats["computed"] == 0


@pytest.mark.parametrize("engine", ["local", "processes"])
def test_a_failing_document_is_reported_and_others_kept(engine):
    corpus = pd.DataFrame({"doc_id": ["ok1", "bad", "ok2"], "text": ["fine", "BOOM here", "good"]})
    a = Analyser("boom", "1", fails_on_boom, schema={"n_chars": "int64"})
    res = run(a, corpus, engine=engine, workers=2, cache=False)
    assert res.frame["doc_id"].tolist() == ["ok1", "ok2"]
    assert res.errors["doc_id"].tolist() == ["bad"]
    assert "deliberately broken" in res.errors.loc[0, "error"]


def test_failed_documents_are_not_cached(tmp_path):
    corpus = pd.DataFrame({"doc_id": ["bad"], "text": ["BOOM"]})
    a = Analyser("boom", "1", fails_on_boom, schema={"n_chars": "int64"})
    run(a, corpus, cache=tmp_path)
    assert run(a, corpus, cache=tmp_path).stats["computed"] == 1


@pytest.mark.parametrize("kwargs, match", [
    ({"engine": "spark"}, "engine='spark' is not valid"),
    ({"workers": 0}, "workers=0"),
    ({"scheduler": "tcp://x:8786"}, "only applies to engine='dask'"),
])
def test_bad_options(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        run(STATS, _small(), cache=False, **kwargs)


def test_missing_input_column_is_named():
    with pytest.raises(ParameterError, match="no column"):
        run(STATS, pd.DataFrame({"doc_id": ["a"]}), cache=False)


def test_pool_is_reused_across_calls_and_shut_down():
    from medialens import engine

    engine.shutdown()
    corpus = pd.concat([_small()] * 10, ignore_index=True)
    corpus["doc_id"] = [f"d{i}" for i in range(len(corpus))]
    run(STATS, corpus, engine="processes", workers=2, cache=False)
    pool = engine._POOLS[2]
    run(ROWS, corpus, engine="processes", workers=2, cache=False)
    assert engine._POOLS[2] is pool, "worker start-up is paid once per session"
    engine.shutdown()
    assert not engine._POOLS


def test_a_few_documents_are_computed_in_process(monkeypatch):
    from medialens import engine

    engine.shutdown()
    monkeypatch.setattr("medialens.engine.LOCAL_BELOW", 500)
    res = run(STATS, _small(), engine="processes", workers=2, cache=False)
    assert not engine._POOLS, "no pool started for 4 documents"
    pd.testing.assert_frame_equal(res.frame, run(STATS, _small(), cache=False).frame)


def test_bad_dask_scheduler_is_a_clear_error():
    """An address that is not one (or a scheduler that cannot be reached) is a one-line
    ParameterError (the CLI's exit 2), not a distributed traceback."""
    import pandas as pd

    from medialens import readability
    from medialens.errors import ParameterError

    df = pd.DataFrame({"doc_id": ["a"], "text": ["The council met. It agreed."]})
    with pytest.raises(ParameterError, match="cannot connect to the Dask scheduler 'notanaddress'"):
        readability.score(df, engine="dask", scheduler="notanaddress", cache=False)
