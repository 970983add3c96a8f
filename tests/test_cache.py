from __future__ import annotations

import math
import multiprocessing as mp
import os

import pandas as pd
import pytest

from medialens.cache import FeatureCache, cast, content_key, placeholder, write_checked

SCHEMA = {"x": "int64", "f": "float64", "s": "str", "b": "bool",
          "ts": "datetime64[ns, UTC]", "n": "Int64"}


def _cache(tmp_path, **options) -> FeatureCache:
    return FeatureCache(tmp_path, name="stats", version="1", options=options, schema=SCHEMA)


def _rows(key: str, *values: int) -> pd.DataFrame:
    """Result rows for one document: one row per value (none: the empty-result marker)."""
    if not values:
        frame = pd.DataFrame([{**placeholder(SCHEMA), "_key": key, "_i": -1}])
    else:
        frame = pd.DataFrame([{"_key": key, "_i": i, "x": v, "f": v / 3, "s": f"v{v}",
                               "b": v % 2 == 0, "ts": pd.Timestamp("1987-03-01", tz="UTC"),
                               "n": pd.NA if v == 0 else v} for i, v in enumerate(values)])
    return cast(frame, SCHEMA)


def _get(cache: FeatureCache, *keys: str) -> dict[str, list[int]]:
    got = cache.get_frame(keys)
    return {k: [int(x) for x, i in zip(part["x"], part["_i"], strict=True) if i >= 0]
            for k, part in got.groupby("_key", sort=False)}


def test_hit_miss_and_empty_result_marker(tmp_path):
    c = _cache(tmp_path)
    k1, k2, k3 = content_key("one"), content_key("two"), content_key("three")
    c.put_frame(pd.concat([_rows(k1, 4, 5), _rows(k3)]))
    assert _get(c, k1, k2, k3) == {k1: [4, 5], k3: []}


def test_values_and_dtypes_round_trip_exactly(tmp_path):
    c = _cache(tmp_path)
    k = content_key("doc")
    rows = _rows(k, 0, 1, 7)
    rows.loc[1, "f"] = 0.1 + 0.2
    c.put_frame(rows)
    back = c.get_frame([k])
    pd.testing.assert_frame_equal(back[list(rows.columns)].reset_index(drop=True),
                                  rows.reset_index(drop=True), check_exact=True)
    assert math.isclose(back.loc[1, "f"], 0.1 + 0.2, rel_tol=0) and back["n"].isna().sum() == 1


def test_options_and_versions_are_separate_namespaces(tmp_path):
    k = content_key("text")
    _cache(tmp_path, lang="en").put_frame(_rows(k, 1))
    assert _get(_cache(tmp_path, lang="de"), k) == {}
    other_version = FeatureCache(tmp_path, name="stats", version="2", options={"lang": "en"},
                                 schema=SCHEMA)
    assert _get(other_version, k) == {}
    assert _get(_cache(tmp_path, lang="en"), k) == {k: [1]}


def test_corrupted_part_is_detected_and_rebuilt(tmp_path):
    c = _cache(tmp_path)
    k = content_key("doc")
    c.put_frame(_rows(k, 1))
    part = next(c.folder.glob("part-*.parquet"))
    part.write_bytes(part.read_bytes()[:20])  # truncated, as by a crash mid-copy
    with pytest.warns(RuntimeWarning, match="unreadable"):
        assert _get(c, k) == {}
    assert list(c.folder.glob("*.corrupt")), "bad part is moved aside, not trusted"
    c.put_frame(_rows(k, 2))
    assert _get(c, k) == {k: [2]}


def test_part_of_another_schema_is_not_trusted(tmp_path):
    c = _cache(tmp_path)
    k = content_key("doc")
    c.folder.mkdir(parents=True)
    old = pd.DataFrame({"_key": [k], "_i": [0], "x": [1]})
    write_checked(c.folder, "part", ".parquet", lambda tmp: old.to_parquet(tmp))
    with pytest.warns(RuntimeWarning, match="missing"):
        assert _get(c, k) == {}


def test_part_in_an_older_layout_is_not_trusted(tmp_path):
    """A JSON-payload part (medialens' first cache layout) found where typed rows belong."""
    c = _cache(tmp_path)
    k = content_key("doc")
    c.folder.mkdir(parents=True)
    old = pd.DataFrame({"key": [k], "payload": ['[{"x": 1}]']})
    write_checked(c.folder, "part", ".parquet", lambda tmp: old.to_parquet(tmp))
    with pytest.warns(RuntimeWarning, match="missing"):
        assert _get(c, k) == {}
    (c.folder / "part-v0.parquet").write_bytes(b"PAR1 a part without a checksum")
    with pytest.warns(RuntimeWarning, match="no checksum"):
        assert _get(c, k) == {}
    c.put_frame(_rows(k, 3))
    assert _get(c, k) == {k: [3]}


def test_half_written_temp_file_is_ignored(tmp_path):
    c = _cache(tmp_path)
    c.folder.mkdir(parents=True)
    (c.folder / ".part-deadbeef.parquet.tmp").write_bytes(b"PAR1 half")
    assert _get(c, content_key("x")) == {}


def _writer(root: str, start: int) -> None:
    c = FeatureCache(root, name="stats", version="1", options={}, schema=SCHEMA)
    for i in range(start, start + 40):
        c.put_frame(_rows(content_key(f"doc {i}"), i))


def test_two_concurrent_writers(tmp_path):
    ctx = mp.get_context("forkserver")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), s)) for s in (0, 20)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    c = _cache(tmp_path)
    got = _get(c, *[content_key(f"doc {i}") for i in range(60)])
    assert got == {content_key(f"doc {i}"): [i] for i in range(60)}, "overlap read once"
    assert not list(c.folder.glob(".*.tmp"))


def test_compaction_keeps_everything_once(tmp_path, monkeypatch):
    monkeypatch.setattr("medialens.cache.COMPACT_AFTER", 3)
    c = _cache(tmp_path)
    for i in range(5):
        c.put_frame(_rows(content_key(str(i)), i, i + 1))
    c.put_frame(_rows(content_key("0"), 0, 1))  # stored twice, as by two concurrent runs
    assert len(list(c.folder.glob("part-*.parquet"))) <= 3
    assert _get(c, *[content_key(str(i)) for i in range(5)]) == \
        {content_key(str(i)): [i, i + 1] for i in range(5)}


def test_unwritable_cache_dir_is_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    from medialens.errors import CacheError

    with pytest.raises(CacheError, match="cannot"):
        FeatureCache(ro, name="s", version="1", schema=SCHEMA).put_frame(_rows("k", 1))


def test_part_name_carries_the_sha256_of_its_bytes(tmp_path):
    import hashlib

    c = _cache(tmp_path)
    c.put_frame(_rows(content_key("doc"), 1, 2))
    part = next(c.folder.glob("part-*.parquet"))
    assert part.name == f"part-{hashlib.sha256(part.read_bytes()).hexdigest()}.parquet"


def test_single_bit_flips_are_never_served(tmp_path):
    """A flipped bit anywhere in a part: the part is quarantined with a warning and its
    documents come back as misses (recomputed), never as silently different values."""
    import warnings

    from engine_helpers import text_stats
    from medialens.engine import Analyser, run

    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(40)],
                           "text": [f"word {i} " * (i % 7 + 1) + "end." for i in range(40)]})
    a = Analyser("stats", "1", text_stats, schema={"n_words": "int64", "n_chars": "int64",
                                                   "ratio": "float64", "first": "str"})
    expected = run(a, corpus, cache=False).frame
    run(a, corpus, cache=tmp_path)
    folder = a.cache(tmp_path).folder
    part = next(folder.glob("part-*.parquet"))
    good = part.read_bytes()
    n_bits = len(good) * 8
    positions = sorted({(i * 7919) % n_bits for i in range(400)})
    for bit in positions:
        for stale in folder.glob("*"):
            stale.unlink()
        damaged = bytearray(good)
        damaged[bit // 8] ^= 1 << (bit % 8)
        part.write_bytes(bytes(damaged))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = run(a, corpus, cache=tmp_path)
        pd.testing.assert_frame_equal(result.frame, expected, check_exact=True)
        assert result.stats["computed"] == len(corpus), f"bit {bit}: a damaged part was used"
        assert any("damaged" in str(w.message) for w in caught), f"bit {bit}: no warning"
        assert list(folder.glob("*.corrupt")), f"bit {bit}: not quarantined"
