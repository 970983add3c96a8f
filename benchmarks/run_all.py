"""Run every ``benchmarks/bench_*.py`` in turn (each in its own process) and print its figures.

Each benchmark measures medialens side by side with the naive alternative *inside one process*
and prints the ratio; this runner only sequences them. ``make bench ARGS="readability"`` runs
the benchmarks whose file name contains "readability".

Real corpora come from ``../shared/data``; a benchmark whose data is absent says so and is skipped.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    scripts = sorted(HERE.glob("bench_*.py"))
    if wanted:
        scripts = [s for s in scripts if any(w in s.name for w in wanted)]
    if not scripts:
        print("no benchmarks selected")
        return 0
    failed = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.name}: exit {rc}, {time.perf_counter() - t0:.1f}s", flush=True)
        if rc != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
