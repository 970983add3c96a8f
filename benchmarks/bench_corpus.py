"""Corpus loading throughput (docs/s): medialens.load_corpus vs the naive notebook load.

Reuters-21578 (21,578 JSONL records): ``pd.read_json(lines=True)`` + ``pd.to_datetime`` is the
naive baseline; medialens adds validation, the load report, dates with reasons, datelines,
language detection and duplicate flags, so the ratio is the price of those. Pages: 445 BBC
articles written to a temp folder as plain-text pages, read raw vs loaded and cleaned.
Each variant runs in this one process on the same files; best of ``REPEAT`` runs.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
REUTERS = SHARED / "reuters21578" / "reuters21578.jsonl.gz"
BBC = SHARED / "bbc_news" / "bbc_news.jsonl.gz"
REPEAT = 3


def best_of(fn, repeat: int = REPEAT, clock=time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return min(times)


def naive_reuters() -> pd.DataFrame:
    df = pd.read_json(REUTERS, lines=True)
    df["published"] = pd.to_datetime(df["date"], utc=True)
    return df


def main() -> int:
    from medialens.corpus import load_corpus

    if not REUTERS.exists() or not BBC.exists():
        print(f"skipped: real data absent ({SHARED})")
        return 0
    load_corpus(REUTERS, detect_language=False, near_duplicates=False)  # warm imports
    n = 21578
    naive = best_of(naive_reuters)
    variants = {
        "load_corpus (default: language + near-duplicates)": {},
        "load_corpus(detect_language=False)": {"detect_language": False},
        "load_corpus(near_duplicates=False)": {"near_duplicates": False},
        "load_corpus(both off)": {"detect_language": False, "near_duplicates": False},
    }
    print(f"Reuters-21578, {n:,} docs, best of {REPEAT}")
    print(f"  {'naive pd.read_json + to_datetime':52s} {naive:6.2f} s  {n / naive:8,.0f} docs/s")
    for label, kwargs in variants.items():
        t = best_of(lambda kw=kwargs: load_corpus(REUTERS, **kw))
        print(f"  {label:52s} {t:6.2f} s  {n / t:8,.0f} docs/s  ({t / naive:4.1f}x naive)")

    # Language identification alone, CPU time on the same Reuters texts: medialens's identifier
    # (first 400 characters, restricted to news languages) against py3langid as a notebook
    # calls it (whole text, all 97 languages).
    import py3langid

    from medialens.metadata import detect_language

    texts = [t for t in load_corpus(REUTERS, detect_language=False,
                                    near_duplicates=False)[0]["text"] if t]
    py3langid.classify("warm up the model"), detect_language("warm up the model " * 5)
    cpu = {}
    for label, fn in (("naive py3langid.classify(text)", py3langid.classify),
                      ("metadata.detect_language(text)", detect_language)):
        cpu[label] = best_of(lambda f=fn: [f(t) for t in texts], clock=time.process_time)
        print(f"  {label:52s} {cpu[label]:6.2f} CPU s  "
              f"{cpu[label] / len(texts) * 1e3:6.3f} ms/doc")
    naive_l, ours_l = cpu.values()
    print(f"  language identification: {naive_l / ours_l:.1f}x faster than naive")

    import gzip
    import json

    with gzip.open(BBC, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh][::5]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for r in rows:
            path = folder / f"{r['id']}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{r['title']}\n\n{r['text']}\n", encoding="utf-8")
        files = sorted(folder.rglob("*.txt"))
        raw = best_of(lambda: [p.read_text(encoding="utf-8") for p in files])
        clean = best_of(lambda: load_corpus(folder, detect_language=False,
                                            near_duplicates=False))
        m = len(files)
        print(f"\nBBC articles as plain-text pages, {m} files, best of {REPEAT}")
        print(f"  {'naive read_text of every file':52s} {raw:6.2f} s  {m / raw:8,.0f} docs/s")
        print(f"  {'load_corpus (decode, clean, metadata), no lang/near':52s} {clean:6.2f} s  "
              f"{m / clean:8,.0f} docs/s  ({clean / raw:4.0f}x naive)")
        ingest_cache_pages(folder, files)
    ingest_cache_reuters(n)
    return 0


def ingest_cache_reuters(n: int) -> None:
    """One ingest per corpus: the default load of Reuters cold (into a new cache), warm (the
    ingested-corpus entry), and uncached, side by side."""
    from medialens.corpus import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        load_corpus(REUTERS, cache=Path(tmp))
        cold = time.perf_counter() - t0
        warm = best_of(lambda: load_corpus(REUTERS, cache=Path(tmp)))
    print(f"\nIngest cache, Reuters-21578 default load ({n:,} docs)")
    print(f"  {'cold (load + store the ingested corpus)':52s} {cold:6.2f} s")
    print(f"  {'warm (the stored corpus, checksum verified)':52s} {warm:6.2f} s  "
          f"= {warm / cold:.1%} of cold")


def ingest_cache_pages(folder: Path, files: list[Path]) -> None:
    """A folder of pages with one page changed: only that page is read again (its language
    and the near-duplicate search over the corpus are redone)."""
    from medialens.corpus import load_corpus

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        load_corpus(folder, cache=Path(tmp))
        cold = time.perf_counter() - t0
        warm = best_of(lambda: load_corpus(folder, cache=Path(tmp)))
        files[0].write_text(files[0].read_text(encoding="utf-8") + "\nOne more line.\n",
                            encoding="utf-8")
        t0 = time.perf_counter()
        load_corpus(folder, cache=Path(tmp))
        changed = time.perf_counter() - t0
    print(f"  ingest cache, {len(files)} pages, default load: cold {cold:.2f} s, warm "
          f"{warm:.2f} s ({warm / cold:.1%}), one page changed {changed:.2f} s "
          f"({changed / cold:.1%})")


if __name__ == "__main__":
    sys.exit(main())
