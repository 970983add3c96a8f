"""Report run: medialens.reports.run_report vs the naive papermill loop, on the same notebooks.

Naive: what a user scripts by hand, in this same process: for each notebook,
``papermill.execute_notebook`` with the ORIGINAL corpus source (every notebook parses it
again), then nbconvert's ``HTMLExporter`` to HTML. medialens: ``run_report`` with jobs=1 and
jobs=2 (ingest once to Parquet, one worker process per notebook from a fork server). Also
prints where a run's time goes, from its manifest: kernel start-up, cell execution, HTML export.

    python benchmarks/bench_reports.py [CORPUS] [--repeat-notebooks K]
    python benchmarks/bench_reports.py ../shared/data/reuters21578/reuters21578.jsonl.gz --cold-warm

Without arguments (``make bench``) it first measures ``medialens report`` on Reuters cold and
warm (when ../shared is present), then the runner comparison on the demo corpus.

CORPUS defaults to the demo corpus when installed, else Reuters-21578 from ../shared, else the
small test corpus. ``--repeat-notebooks K`` runs every notebook K times (copies named
``<n>_<name>_rK``) to show how the shared ingest and parallelism scale with more notebooks.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578" / "reuters21578.jsonl.gz"
SMALL = ROOT / "tests" / "data" / "overview_corpus.csv"


def default_corpus() -> str:
    if (resources.files("medialens") / "data" / "demo").is_dir():
        return "demo"
    return str(REUTERS) if REUTERS.exists() else str(SMALL)


def naive(notebooks: list[Path], corpus: str, out: Path) -> float:
    import papermill
    from nbconvert import HTMLExporter

    t0 = time.perf_counter()
    for nb in notebooks:
        executed = out / nb.name
        papermill.execute_notebook(str(nb), str(executed), parameters={"corpus": corpus},
                                   kernel_name="python3", progress_bar=False, cwd=str(out))
        body, _ = HTMLExporter(exclude_input=True).from_filename(str(executed))
        executed.with_suffix(".html").write_text(body, encoding="utf-8")
    return time.perf_counter() - t0


def cold_warm(corpus: str) -> None:
    """``medialens report CORPUS`` three times, fresh processes, one new output folder (so one
    new cache): cold, then warm twice (best of the two); a warm run reads the ingested corpus
    and every per-document result from the cache (target on Reuters: warm <= 15 s). Per-notebook times come from the manifests."""
    import json
    import os
    import subprocess
    import sys

    if corpus != "demo" and not Path(corpus).exists():
        print(f"skipped: {corpus} is absent (../shared is not beside the project)")
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench_reports_cw_"))
    warm = []
    try:
        for label in ("cold", "warm", "warm"):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "medialens.cli", "report", corpus,
                                   "--notebook-dir", str(ROOT / "notebooks"), "--out",
                                   str(tmp)], capture_output=True, text=True, check=False)
            t = time.perf_counter() - t0
            manifest = json.loads((tmp / "latest" / "manifest.json").read_text())
            nbs = ", ".join(f"{nb['name'][:2]} {nb['duration_s']:.1f} s"
                            for nb in manifest["notebooks"])
            print(f"medialens report {Path(corpus).name}, {label}: {t:6.1f} s (exit "
                  f"{proc.returncode}; ingest {manifest['corpus']['ingest_s']:.1f} s; {nbs}; "
                  f"load {os.getloadavg()[0]:.1f})", flush=True)
            if label == "warm":
                warm.append(t)
        print(f"warm report, best of {len(warm)}: {min(warm):.1f} s (target on Reuters <= 15 s)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    from medialens.reports import run_report

    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=None)
    ap.add_argument("--repeat-notebooks", type=int, default=1)
    ap.add_argument("--cold-warm", action="store_true",
                    help="only: `medialens report CORPUS` cold then warm (fresh processes)")
    args = ap.parse_args()
    corpus = args.corpus or default_corpus()
    if args.cold_warm or (args.corpus is None and REUTERS.exists()):
        cold_warm(args.corpus or str(REUTERS))
        if args.cold_warm:
            return
    tmp = Path(tempfile.mkdtemp(prefix="bench_reports_"))
    nb_dir = tmp / "notebooks"
    nb_dir.mkdir()
    for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        for k in range(args.repeat_notebooks):
            suffix = f"_r{k + 1}" if args.repeat_notebooks > 1 else ""
            shutil.copy(nb, nb_dir / f"{nb.stem}{suffix}.ipynb")
    notebooks = sorted(nb_dir.glob("*.ipynb"))
    print(f"corpus: {corpus}\nnotebooks: {len(notebooks)} ({', '.join(p.stem for p in notebooks)})")
    try:
        # warm-up: OS file cache, matplotlib font cache, the fork server's imports
        run_report(corpus, notebook_dir=nb_dir, out=tmp / "warm", progress=None)
        (tmp / "naive").mkdir()
        t_naive = naive(notebooks, corpus, tmp / "naive")
        results = {}
        for jobs in (1, 2):
            t0 = time.perf_counter()
            res = run_report(corpus, notebook_dir=nb_dir, out=tmp / f"jobs{jobs}", jobs=jobs,
                             progress=None)
            results[jobs] = (time.perf_counter() - t0, res.manifest)
        print(f"naive papermill loop (re-parse per notebook): {t_naive:7.2f} s")
        for jobs, (t, m) in results.items():
            nbs = m["notebooks"]
            startup = sum(nb["kernel_startup_s"] or 0 for nb in nbs)
            cells = sum(nb["cells_s"] or 0 for nb in nbs)
            export = sum(nb["export_s"] or 0 for nb in nbs)
            print(f"run_report jobs={jobs}: {t:7.2f} s  (ratio naive/this {t_naive / t:.2f}x; "
                  f"status {m['status']})")
            print(f"    ingest {m['corpus']['ingest_s']:.2f} s | summed over notebooks: kernel "
                  f"start-up {startup:.2f} s, cells {cells:.2f} s, HTML export {export:.2f} s")
            for nb in nbs:
                print(f"    {nb['name']:<28} {nb['duration_s']:6.2f} s  (start-up "
                      f"{nb['kernel_startup_s']:.2f}, cells {nb['cells_s']:.2f}, export "
                      f"{nb['export_s']:.2f})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
