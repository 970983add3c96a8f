"""Run notebook jobs in worker processes, at most ``n_jobs`` at a time, with progress lines.

One process per notebook (see :mod:`medialens.reports.worker` for why processes). Workers
come from a fork server where the platform has one: papermill and nbconvert (~2 s of imports,
most of it jsonschema's format checkers) are imported once in the server, not per notebook,
and no worker inherits the caller's threads (e.g. when called inside a Jupyter kernel).
On any exception, Ctrl-C included, running workers get SIGTERM (they stop their kernel) and,
after 10 s, SIGKILL.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import multiprocessing.connection
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

Progress = Callable[[str], None]
_PRELOAD = ["medialens.reports.worker", "papermill", "nbconvert"]


def _context() -> Any:
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return mp.get_context("spawn")


def warm_up() -> None:
    """Start the fork server now, so its imports overlap with the corpus ingest."""
    if "forkserver" in mp.get_all_start_methods():
        from multiprocessing import forkserver

        _context()
        forkserver.ensure_running()


def _read_result(job: Mapping[str, Any], exitcode: int | None) -> dict[str, Any]:
    path = Path(job["result"])
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return {"name": job["name"], "status": "failed",
            "error": {"ename": "WorkerDied",
                      "evalue": f"the worker process exited with code {exitcode}"}}


def _stop(procs: Iterable[Any]) -> None:
    procs = list(procs)
    for p in procs:
        if p.is_alive():
            p.terminate()  # SIGTERM: the worker stops its kernel, then exits
    deadline = time.monotonic() + 10
    for p in procs:
        p.join(max(0.1, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(2)


def _line(res: Mapping[str, Any], width: int, done: int, total: int) -> str:
    err = res.get("error") or {}
    first = str(err.get("evalue") or "").strip().split("\n", 1)[0]
    why = f"  {err.get('ename')}: {first}"[:160] if err else ""
    return (f"  {res['status']:<11} {res['name']:<{width}} {res.get('duration_s') or 0:6.1f} s"
            f"  [{done}/{total}]{why}")


def run_pool(jobs: list[dict[str, Any]], n_jobs: int, progress: Progress | None
             ) -> dict[str, dict[str, Any]]:
    """Run every job (a dict for :func:`~medialens.reports.worker.run_notebook`); results
    by notebook name. A line per notebook when it starts and when it ends."""
    from .worker import run_notebook

    ctx = _context()
    pending, running = list(jobs), {}
    results: dict[str, dict[str, Any]] = {}
    width = max(len(j["name"]) for j in jobs)
    try:
        while pending or running:
            while pending and len(running) < n_jobs:
                job = pending.pop(0)
                proc = ctx.Process(target=run_notebook, args=(job,),
                                   name=f"medialens-{job['name']}")
                proc.start()
                running[proc.sentinel] = (proc, job)
                if progress:
                    progress(f"  {'running':<11} {job['name']}")
            for sentinel in mp.connection.wait(list(running), timeout=1.0):
                proc, job = running.pop(sentinel)
                proc.join()
                res = _read_result(job, proc.exitcode)
                results[job["name"]] = res
                if progress:
                    progress(_line(res, width, len(results), len(jobs)))
    except BaseException:
        _stop(p for p, _ in running.values())
        raise
    return results


__all__ = ["run_pool", "warm_up"]
