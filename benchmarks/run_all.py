"""Run every ``benchmarks/bench_*.py`` in turn (each in its own process) and print its figures.

Each benchmark measures medialens side by side with the naive alternative *inside one process*
and prints the ratio; this runner only sequences them.

    make bench                          # every benchmark, full size (tens of minutes)
    make bench ARGS=readability         # the benchmarks whose file name contains "readability"
    make bench ARGS=--issue15           # only the figures of issue #15, full size
    make bench ARGS=--quick             # the #15 figures on small inputs: minutes, same code paths

``--issue15`` runs: ``bench_pipeline.py`` (cold pipeline vs naive loops, warm after +1%, the CLI
twice on raw JSONL, 2 workers / 1, Dask 200,000 documents), ``bench_reports.py --cold-warm`` on
Reuters (the warm report), ``bench_readability.py`` (the default path vs naive) and
``bench_sentiment.py identity`` (the exact fast VADER and its per-sentence speed).
``--quick`` runs the pipeline on 3,000 documents (Dask on 40,000) and VADER's speed only; its
figures show the code paths work, not the targets (fixed costs weigh more on small inputs).

Real corpora come from ``../shared/data``; a benchmark whose data is absent says so and is skipped.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REUTERS = HERE.parents[1] / "shared" / "data" / "reuters21578" / "reuters21578.jsonl.gz"

#: (script, arguments) for issue #15's figures: full size, and quick.
ISSUE15 = [("bench_pipeline.py", []), ("bench_reports.py", [str(REUTERS), "--cold-warm"]),
           ("bench_readability.py", []), ("bench_sentiment.py", ["identity"])]
QUICK = [("bench_pipeline.py", ["--quick"]), ("bench_reports.py", [str(REUTERS), "--cold-warm"]),
         ("bench_sentiment.py", ["vaderspeed"])]


def main(argv: list[str]) -> int:
    args = argv[1:]
    if "--quick" in args or "--issue15" in args:
        runs = QUICK if "--quick" in args else ISSUE15
    else:
        scripts = sorted(HERE.glob("bench_*.py"))
        if args:
            scripts = [s for s in scripts if any(w in s.name for w in args)]
        runs = [(s.name, []) for s in scripts]
    if not runs:
        print("no benchmarks selected")
        return 0
    failed = []
    for name, extra in runs:
        label = " ".join([name, *extra])
        print(f"\n=== {label} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / name), *extra], cwd=HERE.parent)
        print(f"--- {label}: exit {rc}, {time.perf_counter() - t0:.1f}s", flush=True)
        if rc != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
