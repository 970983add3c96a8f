"""Execute ONE notebook with papermill and export its HTML; runs in a worker process.

The runner starts one worker process per notebook (at most ``jobs`` at a time). A process,
not a thread, because the run folder reaches the notebook's kernel through environment
variables (per process), and because Ctrl-C / SIGTERM must be able to stop a notebook and its
kernel cleanly. The worker writes its result as JSON beside the run (``.work/<name>.json``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from . import html as report_html
from .context import NOTEBOOK_ENV, RUN_DIR_ENV

#: The kernel the notebooks name ("Python (medialens)", installed by `make lab`). Report runs do
#: not need it installed: CurrentPythonKernelManager starts this interpreter whatever the name.
KERNEL_NAME = "medialens"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


class CurrentPythonKernelManager(AsyncKernelManager):
    """Start ipykernel with THIS interpreter, whatever kernelspecs the user has installed.

    A kernel name normally resolves through the installed kernelspecs, and a user-level one
    (``~/.local/share/jupyter/kernels/...``) takes precedence and may point at another Python
    without medialens installed, or be missing (CI never ran ``make lab``). Pinning the spec
    removes both failure modes.
    (Transport stays localhost TCP: IPC sockets default to paths relative to the cwd,
    which parallel kernels in one run folder would share.)
    """

    @property
    def kernel_spec(self) -> KernelSpec:
        if self._kernel_spec is None:
            from ipykernel.kernelspec import RESOURCES, get_kernel_dict

            self._kernel_spec = KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())
        return self._kernel_spec


def kernel_argv() -> list[str]:
    """The command line a report kernel is started with (recorded in the manifest)."""
    from ipykernel.kernelspec import get_kernel_dict

    return list(get_kernel_dict()["argv"])


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _die_with_parent() -> None:
    """Linux: SIGTERM this worker when its parent (the fork server) exits, so a runner killed
    outright (SIGKILL, no clean-up) leaves no worker or kernel running on its own."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _kill_children() -> None:
    """Stop the kernel (and anything it started) when this worker is interrupted."""
    import psutil

    children = psutil.Process().children(recursive=True)
    for child in children:
        try:
            child.terminate()
        except psutil.NoSuchProcess:
            continue
    _, alive = psutil.wait_procs(children, timeout=3)
    for child in alive:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            continue


def _parse_time(value: Any) -> float | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()
    except ValueError:
        return None


def _timings(nb: Any, t_start: float) -> dict[str, float | None]:
    """Kernel start-up vs cell execution, from papermill's per-cell metadata."""
    starts, total = [], 0.0
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("papermill", {})
        s = _parse_time(meta.get("start_time"))
        if s is not None:
            starts.append(s)
        if meta.get("duration") is not None:
            total += float(meta["duration"])
    first = min(starts) if starts else None
    return {"kernel_startup_s": round(first - t_start, 3) if first else None,
            "cells_s": round(total, 3)}


def _error_from_notebook(nb: Any) -> dict[str, Any] | None:
    """The first code cell with an error output: its ``In [n]``, id, source and the error."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return {"ename": out.get("ename", "Error"),
                        "evalue": _ANSI.sub("", str(out.get("evalue", "")))[:2000],
                        "execution_count": cell.get("execution_count"),
                        "cell_id": cell.get("id"),
                        "source": cell.source}
    # No error output (the kernel died, e.g. out of memory): blame the last cell that started.
    started = [c for c in nb.cells if c.cell_type == "code"
               and c.get("metadata", {}).get("papermill", {}).get("start_time")]
    if started:
        cell = started[-1]
        return {"execution_count": cell.get("execution_count"), "cell_id": cell.get("id"),
                "source": cell.source}
    return None


def export_html(nb: Any, path: Path, *, header: str, error: dict[str, Any] | None,
                title: str = "medialens report") -> None:
    """Write the report page: code hidden, figures embedded, failure banner on top."""
    import nbformat
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    nb = nbformat.from_dict(nb)
    # papermill's own red markers duplicate our banner (and point at hidden code): drop them
    nb.cells = [c for c in nb.cells
                if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    exporter = HTMLExporter(
        template_name="lab",
        template_file="medialens_report.html.j2",
        extra_loaders=[DictLoader({"medialens_report.html.j2": report_html.REPORT_TEMPLATE})],
        extra_template_basedirs=[],  # the default includes the cwd: no templates from there
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # NOT sanitize_html: with the pinned bleach it escapes whole Markdown cells and
        # tables. Article text is escaped where it is turned into HTML (pandas, our header).
    )
    resources = {"metadata": {"name": title},
                 "medialens_css": report_html.REPORT_CSS, "medialens_header": header,
                 "medialens_banner": report_html.failure_banner(error) if error else ""}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    path.write_text(body, encoding="utf-8")


def run_notebook(job: dict[str, Any]) -> dict[str, Any]:
    """Execute ``job["input"]`` into ``job["ipynb"]``, export ``job["html"]``; return the result.

    Never raises for a failing notebook: the failure is the result. The result is also
    written to ``job["result"]`` for the parent process.
    """
    signal.signal(signal.SIGTERM, _raise_interrupt)
    _die_with_parent()
    # The kernel inherits this process's stdout/stderr: send its chatter to a log file so
    # parallel notebooks do not scribble over the progress lines; kept for failed notebooks.
    log = open(job["log"], "ab", buffering=0)  # noqa: SIM115 -- lives as long as the process
    os.dup2(log.fileno(), 1)
    os.dup2(log.fileno(), 2)
    # figures are shown by the kernel's inline backend: an MPLBACKEND=Agg from the user's
    # shell would leave every chart as "<Figure size ...>" text in the report
    os.environ.pop("MPLBACKEND", None)
    os.environ[RUN_DIR_ENV] = job["run_dir"]
    os.environ[NOTEBOOK_ENV] = job["name"]
    # matplotlib's notes about missing glyphs (an outlet named in a script the bundled font
    # lacks, drawn as boxes) and layout it could not tighten would print into the HTML as
    # Python warnings the reader can do nothing with; the kernel starts with them filtered
    # (-W syntax: the message is matched as a prefix)
    os.environ["PYTHONWARNINGS"] = ",".join(filter(None, (
        os.environ.get("PYTHONWARNINGS"), "ignore:Glyph:UserWarning",
        "ignore:constrained_layout not applied:UserWarning")))
    for key, value in job.get("env", {}).items():  # e.g. the feature cache folder, or none
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    t0 = time.time()
    result: dict[str, Any] = {"name": job["name"], "status": "ok", "error": None}
    try:
        result.update(_execute(job, t0))
    except KeyboardInterrupt:
        _kill_children()
        result.update(status="interrupted", error={"ename": "KeyboardInterrupt",
                                                   "evalue": "the run was interrupted"})
    result["duration_s"] = round(time.time() - t0, 3)
    Path(job["result"]).write_text(json.dumps(result, default=str), encoding="utf-8")
    return result


def _execute(job: dict[str, Any], t0: float) -> dict[str, Any]:
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    out: dict[str, Any] = {"status": "ok", "error": None}
    ipynb, html_path = Path(job["ipynb"]), Path(job["html"])
    try:
        papermill.execute_notebook(
            job["input"], str(ipynb), parameters=job["parameters"], kernel_name=KERNEL_NAME,
            kernel_manager_class=CurrentPythonKernelManager, progress_bar=False,
            log_output=False, cwd=job["cwd"], start_timeout=job.get("start_timeout", 120),
            execution_timeout=job.get("cell_timeout"),
        )
    except PapermillExecutionError as exc:
        out.update(status="failed", error={"ename": exc.ename, "evalue": exc.evalue})
    # A kernel that dies or never starts, a cell timeout: record it as this notebook's
    # failure (the other notebooks must still run) and keep whatever was written.
    except Exception as exc:
        out.update(status="failed", error={"ename": type(exc).__name__,
                                           "evalue": _ANSI.sub("", str(exc))[:2000]})
    t_exec = time.time()
    if not ipynb.exists():
        return out
    nb = nbformat.read(ipynb, as_version=4)
    out.update(_timings(nb, t0))
    if out["status"] == "failed":
        found = _error_from_notebook(nb)
        if found:
            out["error"] = {**found, **{k: v for k, v in out["error"].items() if v}}
    try:
        export_html(nb, html_path, header=job["header"], error=out["error"],
                    title=job.get("title") or job["name"])
        out["html"] = html_path.name
    except Exception as exc:  # an export bug must not hide the run's result
        out.update(status="failed", html_error=f"{type(exc).__name__}: {exc}")
    out["export_s"] = round(time.time() - t_exec, 3)
    out["ipynb"] = ipynb.name
    return out


__all__ = ["KERNEL_NAME", "CurrentPythonKernelManager", "export_html", "kernel_argv",
           "run_notebook"]
