from __future__ import annotations

import math
import multiprocessing as mp
import os

import pandas as pd
import pytest

from medialens.cache import FeatureCache, content_key, dumps_records, loads_records


def _cache(tmp_path, **options) -> FeatureCache:
    return FeatureCache(tmp_path, name="stats", version="1", options=options)


def test_hit_and_miss(tmp_path):
    c = _cache(tmp_path)
    k1, k2 = content_key("one"), content_key("two")
    c.put_many({k1: [{"x": 1}]})
    assert c.get_many([k1, k2]) == {k1: [{"x": 1}]}


def test_options_and_versions_are_separate_namespaces(tmp_path):
    k = content_key("text")
    _cache(tmp_path, lang="en").put_many({k: [{"x": 1}]})
    assert _cache(tmp_path, lang="de").get_many([k]) == {}
    assert FeatureCache(tmp_path, name="stats", version="2", options={"lang": "en"}).get_many([k]) == {}
    assert _cache(tmp_path, lang="en").get_many([k]) == {k: [{"x": 1}]}


def test_records_round_trip_exactly():
    recs = [{"f": 0.1 + 0.2, "nan": math.nan, "none": None, "i": 3, "b": True,
             "ts": pd.Timestamp("1987-03-01", tz="UTC"), "s": "é"}, {}]
    back = loads_records(dumps_records(recs))
    assert back[0]["f"] == 0.1 + 0.2 and math.isnan(back[0]["nan"])
    assert back[0]["ts"] == recs[0]["ts"] and back[1] == {}
    assert {k: v for k, v in back[0].items() if k != "nan"} == \
        {k: v for k, v in recs[0].items() if k != "nan"}


def test_corrupted_part_is_detected_and_rebuilt(tmp_path):
    c = _cache(tmp_path)
    k = content_key("doc")
    c.put_many({k: [{"x": 1}]})
    part = next(c.folder.glob("part-*.parquet"))
    part.write_bytes(part.read_bytes()[:20])  # truncated, as by a crash mid-copy
    with pytest.warns(RuntimeWarning, match="unreadable"):
        assert c.get_many([k]) == {}
    assert list(c.folder.glob("*.corrupt")), "bad part is moved aside, not trusted"
    c.put_many({k: [{"x": 2}]})
    assert c.get_many([k]) == {k: [{"x": 2}]}


def test_half_written_temp_file_is_ignored(tmp_path):
    c = _cache(tmp_path)
    c.folder.mkdir(parents=True)
    (c.folder / ".part-deadbeef.parquet.tmp").write_bytes(b"PAR1 half")
    assert c.get_many([content_key("x")]) == {}


def _writer(root: str, start: int) -> None:
    c = FeatureCache(root, name="stats", version="1", options={})
    for i in range(start, start + 40):
        c.put_many({content_key(f"doc {i}"): [{"i": i}]})


def test_two_concurrent_writers(tmp_path):
    ctx = mp.get_context("forkserver")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), s)) for s in (0, 20)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    c = _cache(tmp_path)
    got = c.get_many([content_key(f"doc {i}") for i in range(60)])
    assert len(got) == 60 and all(got[content_key(f"doc {i}")] == [{"i": i}] for i in range(60))
    assert not list(c.folder.glob(".*.tmp"))


def test_compaction_keeps_everything(tmp_path, monkeypatch):
    monkeypatch.setattr("medialens.cache.COMPACT_AFTER", 3)
    c = _cache(tmp_path)
    for i in range(5):
        c.put_many({content_key(str(i)): [{"i": i}]})
    assert len(list(c.folder.glob("part-*.parquet"))) <= 3
    assert len(c.get_many([content_key(str(i)) for i in range(5)])) == 5


def test_unwritable_cache_dir_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    from medialens.errors import CacheError

    with pytest.raises(CacheError, match="cannot"):
        FeatureCache(ro, name="s", version="1").put_many({"k": [{}]})
