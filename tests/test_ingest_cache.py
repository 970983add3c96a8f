"""The ingested-corpus cache: warm loads equal cold ones, per-file invalidation, integrity."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from medialens import ingest_cache
from medialens.corpus import load_corpus, save_corpus


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out.attrs = {}
    return out


def _folder(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(3):
        rows = "\n".join(f"{i}-{j},Support for the plan rose to {40 + j} per cent in file {i}."
                         f",2025-03-0{j + 1}" for j in range(4))
        (folder / f"f{i}.csv").write_text("id,body,date\n" + rows + "\n")
    return folder


def test_warm_load_equals_cold_and_returns_the_original_report(tmp_path):
    cache = tmp_path / "cache"
    cold, report = load_corpus("demo", cache=cache)
    warm, again = load_corpus("demo", cache=cache)
    plain, plain_report = load_corpus("demo", cache=False)
    assert not cold.attrs["ingest_cache"]["hit"] and warm.attrs["ingest_cache"]["hit"]
    pd.testing.assert_frame_equal(_plain(warm), plain, check_exact=True)
    assert again == report == plain_report


def test_options_are_part_of_the_key(tmp_path):
    cache = tmp_path / "cache"
    load_corpus("demo", cache=cache)
    other, _ = load_corpus("demo", cache=cache, near_duplicates=False)
    assert not other.attrs["ingest_cache"]["hit"]


def test_changing_one_file_rereads_only_that_file(tmp_path, monkeypatch):
    folder, cache = _folder(tmp_path), tmp_path / "cache"
    load_corpus(folder, cache=cache)
    entries = ingest_cache.IngestCache(cache).folder
    before = set(entries.glob("file-*.pickle"))
    assert len(before) == 3
    (folder / "f1.csv").write_text("id,body,date\n1-0,Support fell to 30 per cent.,2025-04-01\n")
    seen: list[str] = []
    from medialens.corpus import readers as _readers

    real = _readers.reader_for

    def spy(path):
        reader = real(path)

        def read(p, **kw):
            seen.append(p.name)
            return reader(p, **kw)
        read.__name__ = reader.__name__  # the same cache key as the real reader
        return read

    monkeypatch.setattr(_readers, "reader_for", spy)
    df, report = load_corpus(folder, cache=cache)
    assert seen == ["f1.csv"], "unchanged files come from their cache entries"
    assert len(set(entries.glob("file-*.pickle")) - before) == 1
    monkeypatch.undo()
    plain, plain_report = load_corpus(folder, cache=False)
    pd.testing.assert_frame_equal(_plain(df), plain, check_exact=True)
    assert report == plain_report


def test_skipped_rows_are_replayed_from_file_entries(tmp_path):
    folder, cache = _folder(tmp_path), tmp_path / "cache"
    (folder / "bad.jsonl").write_text('{"id": "x", "text": "Fine."}\n{not json\n')
    _, cold = load_corpus(folder, cache=cache)
    (folder / "f0.csv").write_text("id,body\n0-0,Changed text.\n")  # whole-load entry misses
    _, warm = load_corpus(folder, cache=cache)
    _, plain = load_corpus(folder, cache=False)
    assert warm.skipped == plain.skipped and len(cold.skipped) == 1


def test_damaged_corpus_entry_is_quarantined_and_reloaded(tmp_path):
    cache = tmp_path / "cache"
    cold, _ = load_corpus("demo", cache=cache)
    entry = next(ingest_cache.IngestCache(cache).folder.glob("corpus-*.parquet"))
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0x10
    entry.write_bytes(bytes(data))
    with pytest.warns(RuntimeWarning, match="damaged"):
        again, _ = load_corpus("demo", cache=cache)
    assert not again.attrs["ingest_cache"]["hit"]
    assert list(entry.parent.glob("*.corrupt"))
    pd.testing.assert_frame_equal(_plain(again), _plain(cold), check_exact=True)


def test_export_is_the_same_artefact_as_save_corpus(tmp_path):
    cache = tmp_path / "cache"
    df, report = load_corpus("demo", cache=cache)
    assert ingest_cache.export(df, tmp_path / "a.parquet")
    save_corpus(*load_corpus("demo", cache=False), tmp_path / "b.parquet")
    assert ingest_cache.same_bytes(tmp_path / "a.parquet", tmp_path / "b.parquet")
    back, back_report = load_corpus(tmp_path / "a.parquet")
    assert back_report == report
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pd.testing.assert_frame_equal(_plain(back), _plain(df), check_exact=True)


def test_report_run_corpus_file_is_the_ingest_artefact(tmp_path):
    from medialens.reports.run import CORPUS_FILE, _ingest

    cache = tmp_path / "cache"
    df, _ = load_corpus("demo", cache=cache)
    run_dir = tmp_path / "run"
    _ingest("demo", run_dir, cache)
    assert ingest_cache.same_bytes(run_dir / CORPUS_FILE, df.attrs["ingest_cache"]["path"])


def test_unwritable_cache_does_not_fail_the_load(tmp_path):
    cache = tmp_path / "cache"
    cache.write_text("a file where the cache folder should be")  # fails even for root
    with pytest.warns(RuntimeWarning, match="not written"):
        df, _ = load_corpus("demo", cache=cache)
    assert len(df) and not df.attrs.get("ingest_cache")


def test_a_frame_arrow_cannot_store_leaves_no_temp_file(tmp_path, monkeypatch):
    from medialens.corpus import load as load_module

    def boom(*a, **kw):
        import pyarrow as pa

        raise pa.ArrowTypeError("mixed types")

    monkeypatch.setattr(load_module, "save_corpus", boom)
    df, _ = load_corpus("demo", cache=tmp_path / "cache")
    assert len(df) and not df.attrs.get("ingest_cache")
    assert not list((tmp_path / "cache").rglob("*.tmp"))
