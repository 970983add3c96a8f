"""The whole pipeline at scale: engine, cache and Dask, side by side with the naive notebook way.

Five measurements, each side by side in this one process (issues #7, #15):

1. cold: readability (all measures) + sentence-level sentiment + poll extraction over the
   21,578 Reuters stories with ``engine="processes"`` (2 workers), against the naive notebook
   approach ``df.text.apply(textstat.<measure>)`` per measure + ``df.text.apply(
   analyzer.polarity_scores)`` (which extracts no polls at all; target >= 8x);
2. warm: the same after adding 1% new documents (216 BBC articles), with the feature cache
   (target <= 10% of the cold time), twice: in the same session as the cold run (its worker
   pool still running, as in a notebook) and with the pool stopped first (the new documents
   computed in this process, which then loads the analyses' models itself);
3. ``processes`` with 2 workers against 1 (target >= 1.75x);
4. 200,000 documents (Reuters replicated with new ids, a partitioned Parquet folder) through
   ``engine="dask"`` on a 2-worker LocalCluster: documents/s and the peak resident memory of the
   whole process tree (this process + cluster), sampled every 0.1 s (target < 2 GiB);
5. ``medialens sentiment reuters21578.jsonl.gz`` twice, fresh processes sharing one cache
   (the ingested-corpus cache + the feature cache; target: warm <= 15% of cold).

    .venv/bin/python benchmarks/bench_pipeline.py            # all five
    .venv/bin/python benchmarks/bench_pipeline.py cold warm  # some
    .venv/bin/python benchmarks/bench_pipeline.py --quick    # all five, small, in minutes

Ratios are measured interleaved (``--rounds``, default 2: both sides in each round, the
order alternating, best of each side) and the load average is printed beside each figure.

Wall-clock seconds (parallel speed-ups are about wall time); run on a quiet machine.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import psutil

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
REUTERS = DATA / "reuters21578" / "reuters21578.jsonl.gz"
BBC = DATA / "bbc_news" / "bbc_news.jsonl.gz"
SECTIONS = ("cold", "warm", "workers", "dask", "cli")
QUICK_DOCS = 3_000  # --quick: the first documents of Reuters
QUICK_DASK_DOCS = 40_000
MEASURES = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
            "coleman_liau_index", "automated_readability_index",
            "dale_chall_readability_score", "linsear_write_formula", "text_standard")


def load_reuters() -> pd.DataFrame:
    from medialens.corpus import load_corpus

    df, _ = load_corpus(str(REUTERS), columns={"text": "body"}, detect_language=False,
                        near_duplicates=False)
    return df


def pipeline(corpus: pd.DataFrame | str, **engine: object) -> dict[str, object]:
    """What a report computes per document; returns the three result tables."""
    from medialens import polls, readability, sentiment

    return {"readability": readability.score(corpus, lang="en", **engine),
            "sentiment": sentiment.score(corpus, **engine),
            "polls": polls.extract_corpus(corpus, **engine)}


def naive(corpus: pd.DataFrame) -> None:
    """The notebook way: one textstat call per measure per article, VADER on whole articles."""
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from medialens.readability import ensure_offline_cmudict

    ensure_offline_cmudict()  # the naive side must not download either
    for m in MEASURES:
        corpus["text"].apply(getattr(textstat, m))
    analyzer = SentimentIntensityAnalyzer()
    corpus["text"].apply(analyzer.polarity_scores)


def _timed(fn, *args, fresh_pool: bool = True, **kw) -> tuple[float, object]:
    """Wall time of one call, with worker pools stopped first: every measurement pays its own
    worker start-up (the warm re-run's 216 new documents are then computed in-process)."""
    from medialens import engine

    if fresh_pool:
        engine.shutdown()
    gc.collect()
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t0, out


def _clear_textstat_caches() -> None:
    from medialens import readability

    readability.clear_caches()


def _load() -> str:
    """The 1-minute load average, printed beside every figure (the machine is shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


def bench_cold_warm_workers(which: set[str], *, rounds: int = 2, n_docs: int | None = None
                            ) -> None:
    """1-3, interleaved: each round times both sides of a ratio back to back (the order
    alternating between rounds), and the ratio is best against best, so a burst of load from
    other jobs inflates one round of one side, not the figure."""
    corpus = load_reuters()
    if n_docs is not None:
        corpus = corpus.iloc[:n_docs].reset_index(drop=True)
    print(f"Reuters: {len(corpus):,} documents ({corpus['text'].str.len().sum() / 1e6:.1f} M "
          f"chars); {rounds} round(s) per ratio, best of each side")
    tmp = Path(tempfile.mkdtemp(prefix="ml-bench-"))
    try:
        if "cold" in which:
            naive_t, cold_t, res = [], [], None
            for r in range(rounds):
                cache = tmp / f"cache{r}"  # every round cold: its own new cache
                for side in (("naive", "cold") if r % 2 == 0 else ("cold", "naive")):
                    _clear_textstat_caches()
                    if side == "naive":
                        # The pool is left running (idle workers cost no CPU): the warm
                        # run below re-uses the last cold run's pool, as a notebook would.
                        t, _ = _timed(naive, corpus.copy(), fresh_pool=False)
                        naive_t.append(t)
                    else:
                        t, res = _timed(pipeline, corpus, engine="processes", workers=2,
                                        cache=cache)
                        cold_t.append(t)
                    print(f"   round {r + 1}: {side:<5} {t:7.1f} s  ({_load()})", flush=True)
            t_naive, t_cold = min(naive_t), min(cold_t)
            print(f"1. cold pipeline, processes x2: {t_cold:7.1f} s "
                  f"({len(corpus) / t_cold:,.0f} docs/s; {len(res['polls'])} poll figures)")
            print(f"   naive textstat x9 + VADER:   {t_naive:7.1f} s "
                  f"({len(corpus) / t_naive:,.0f} docs/s, no poll figures)")
            print(f"   ratio naive / medialens:     {t_naive / t_cold:7.1f}x  (target >= 8x; "
                  f"per round: {', '.join(f'{a / b:.1f}x' for a, b in zip(naive_t, cold_t, strict=True))})")
            if "warm" in which:
                from medialens.corpus import load_corpus

                bbc, _ = load_corpus(str(BBC), detect_language=False, near_duplicates=False)
                n_new = round(len(corpus) * 0.01)
                # Two different sets of 1% new documents, so that each run computes its own.
                # (a) same session: the worker pool of the last cold run is still there, as in
                # a notebook that re-runs a cell (pools live as long as the process); first,
                # while that pool is alive. (b) pool stopped: the new documents are computed
                # in this process, which pays the analyses' imports and models itself.
                for label, rows, fresh in (("same session, pool kept", slice(n_new, 2 * n_new),
                                            False),
                                           ("pool stopped first", slice(0, n_new), True)):
                    extra = bbc.iloc[rows].copy()
                    extra["doc_id"] = "bbc-" + extra["doc_id"]
                    grown = pd.concat([corpus, extra], ignore_index=True)
                    t_warm, res2 = _timed(pipeline, grown, engine="processes", workers=2,
                                          cache=tmp / f"cache{rounds - 1}", fresh_pool=fresh)
                    computed = {k: v.attrs["engine"]["computed"] for k, v in res2.items()}
                    print(f"2. warm re-run, +{len(extra)} documents (1%), {label}: "
                          f"{t_warm:5.1f} s = {t_warm / cold_t[-1]:.1%} of that cache's cold "
                          f"run {cold_t[-1]:.1f} s (target <= 10%; {_load()}); computed "
                          f"{computed}")
        if "workers" in which:
            one, two = [], []
            for r in range(rounds):
                for w in ((1, 2) if r % 2 == 0 else (2, 1)):
                    t, _ = _timed(pipeline, corpus, engine="processes", workers=w, cache=False)
                    (one if w == 1 else two).append(t)
                    print(f"   round {r + 1}: {w} worker(s) {t:7.1f} s  ({_load()})", flush=True)
            t1, t2 = min(one), min(two)
            print(f"3. processes, 1 worker {t1:6.1f} s, 2 workers {t2:6.1f} s: "
                  f"{t1 / t2:.2f}x (target >= 1.75x; per round: "
                  f"{', '.join(f'{a / b:.2f}x' for a, b in zip(one, two, strict=True))})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class PeakMemory:
    """Peak of the summed RSS of this process and all its descendants, sampled in a thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval, self.peak = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bench_dask(n_docs: int = 200_000, n_parts: int = 20) -> None:
    corpus = load_reuters()[["doc_id", "text", "published", "source"]]
    tmp = Path(tempfile.mkdtemp(prefix="ml-bench-dask-"))
    try:
        folder = tmp / "corpus"
        folder.mkdir()
        per_part = n_docs // n_parts
        k = 0
        for part in range(n_parts):
            rows = []
            while sum(len(r) for r in rows) < per_part:
                take = corpus.iloc[(k % len(corpus)):][: per_part - sum(len(r) for r in rows)].copy()
                take["doc_id"] = take["doc_id"] + f"-r{k // len(corpus)}"
                k += len(take)
                rows.append(take)
            pd.concat(rows).to_parquet(folder / f"part-{part:03d}.parquet", index=False)
        del corpus
        gc.collect()
        from medialens import engine

        engine.shutdown()  # earlier measurements' worker pools are not part of this tree
        with PeakMemory() as mem:
            t, res = _timed(pipeline, str(folder), engine="dask", workers=2, cache=False)
        n = res["readability"].shape[0]
        print(f"4. dask LocalCluster x2, {n:,} documents from {n_parts} Parquet partitions: "
              f"{t:.1f} s = {n / t:,.0f} docs/s; {res['sentiment'].shape[0]:,} doc rows, "
              f"{len(res['polls']):,} poll figures")
        print(f"   peak RSS of the process tree: {mem.peak / 2**30:.2f} GiB (target < 2 GiB; "
              f"{_load()})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def bench_cli_twice(command: str = "sentiment") -> None:
    """5. ``medialens <command> reuters.jsonl.gz`` twice on the same raw JSONL, each a fresh
    process sharing one new cache folder: the second run reads the ingested corpus and the
    per-document results from the cache (target: warm <= 15% of cold)."""
    import subprocess

    tmp = Path(tempfile.mkdtemp(prefix="ml-bench-cli-"))
    try:
        times = []
        for run in range(2):  # a new --out each time: the CLI refuses to overwrite one
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "medialens.cli", command, str(REUTERS),
                                   "--cache-dir", str(tmp / "cache"), "--out",
                                   str(tmp / f"out{run}.csv")], capture_output=True, text=True,
                                  check=False)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                print(proc.stderr)
                raise SystemExit(f"medialens {command} failed ({proc.returncode})")
        summary = proc.stderr.strip().splitlines()[-1]
        print(f"5. `medialens {command} reuters21578.jsonl.gz` twice (fresh processes, one "
              f"cache): cold {times[0]:.1f} s, warm {times[1]:.1f} s = {times[1] / times[0]:.1%}"
              f" of cold (target <= 15%; {_load()})\n   {summary}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str]) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("sections", nargs="*", metavar="cold|warm|workers|dask|cli",
                    help="which measurements (default: all five)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds per ratio (best of each side)")
    ap.add_argument("--quick", action="store_true",
                    help=f"{QUICK_DOCS:,} Reuters documents, one round, {QUICK_DASK_DOCS:,} on "
                         "Dask: the same code paths in minutes, figures not comparable")
    args = ap.parse_args(argv[1:])
    if not REUTERS.exists():
        print(f"skipped: {REUTERS} is absent (../shared is not beside the project)")
        return 0
    which = set(args.sections) or set(SECTIONS)
    if which - set(SECTIONS):
        ap.error(f"unknown section(s) {sorted(which - set(SECTIONS))}; choose from {SECTIONS}")
    rounds = 1 if args.quick else args.rounds
    print(f"bench_pipeline: {', '.join(sorted(which))}; {_load()}, {os.cpu_count()} cores"
          + (" (quick mode)" if args.quick else ""), flush=True)
    if "cli" in which:
        bench_cli_twice()
    if which & {"cold", "warm", "workers"}:
        bench_cold_warm_workers(which | ({"cold"} if "warm" in which else set()), rounds=rounds,
                                n_docs=QUICK_DOCS if args.quick else None)
    if "dask" in which:
        bench_dask(QUICK_DASK_DOCS if args.quick else 200_000)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
