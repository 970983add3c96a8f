"""What a notebook calls to hand results to the report run: tables and key figures.

The runner tells each notebook's kernel where the run folder is through two environment
variables, so notebooks hold no path logic: ``reports.save_table(df, "volume")`` writes
``<run>/data/<notebook>-volume.csv`` and ``reports.record_summary({...})`` records the key
figures the run's ``index.html`` shows. Outside a report run (interactive JupyterLab) both do
nothing and return ``None``: the notebook still shows its tables.

>>> import pandas as pd
>>> save_table(pd.DataFrame({"a": [1]}), "demo", env={}) is None   # not in a run
True
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ParameterError

if TYPE_CHECKING:
    import pandas as pd

RUN_DIR_ENV = "MEDIALENS_RUN_DIR"
NOTEBOOK_ENV = "MEDIALENS_NOTEBOOK"
WORK_DIR = ".work"  # inside the run folder; removed when the run completes
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$")


@dataclass(frozen=True)
class RunContext:
    """The run folder and notebook name a kernel was started for."""

    run_dir: Path
    notebook: str

    @property
    def data_dir(self) -> Path:
        return self.run_dir / "data"

    @property
    def summary_path(self) -> Path:
        return self.run_dir / WORK_DIR / f"{self.notebook}.summary.json"

    @property
    def warnings_path(self) -> Path:
        return self.run_dir / WORK_DIR / f"{self.notebook}.warnings.json"


def current_run(env: Mapping[str, str] | None = None) -> RunContext | None:
    """The report run this process belongs to, or ``None`` when run interactively."""
    env = os.environ if env is None else env
    run_dir, notebook = env.get(RUN_DIR_ENV), env.get(NOTEBOOK_ENV)
    if not run_dir or not notebook:
        return None
    return RunContext(Path(run_dir), notebook)


def _check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name) or name.endswith(".csv"):
        raise ParameterError(
            f"table name {name!r} must be letters, digits, '_', '-' or '.' (no extension)"
        )
    return name


def table_filename(notebook: str, name: str) -> str:
    """``table_filename("00_corpus_overview", "volume")`` -> ``'00_corpus_overview-volume.csv'``."""
    return f"{notebook}-{_check_name(name)}.csv"


def save_table(df: pd.DataFrame, name: str, *, index: bool = False,
               env: Mapping[str, str] | None = None, safe: bool = True) -> Path | None:
    """Write ``df`` as CSV into the current run's ``data/`` folder; returns the path.

    Cells a spreadsheet would run as formulas get a leading ``'`` (``safe=False``: verbatim).

    Outside a report run this does nothing and returns ``None``.
    """
    _check_name(name)
    ctx = current_run(env)
    if ctx is None:
        return None
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    path = ctx.data_dir / table_filename(ctx.notebook, name)
    from ..csvsafe import to_csv

    to_csv(df, path, index=index, safe=safe)  # formula-leading cells neutralised
    # A table of an analysis that lost documents (engine errors in attrs) warns on the index
    # page even when the notebook does not list them; failed_documents() words it better.
    errors = df.attrs.get("errors") if isinstance(df.attrs.get("errors"), list) else []
    if errors:
        from .failures import failure_warning

        _store_warning(ctx, FAILED_DOCUMENTS, failure_warning(errors), overwrite=False)
    return path


#: The key of the run warning about documents whose analysis failed (one per notebook).
FAILED_DOCUMENTS = "failed documents"


def _store_warning(ctx: RunContext, key: str, text: str, *, overwrite: bool = True
                   ) -> dict[str, str]:
    path = ctx.warnings_path
    warnings: dict[str, str] = {}
    if path.exists():
        warnings = json.loads(path.read_text(encoding="utf-8"))
    if overwrite or key not in warnings:
        warnings[key] = text
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(warnings, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return warnings


def record_warning(text: str, *, key: str | None = None, env: Mapping[str, str] | None = None
                   ) -> list[str] | None:
    """Record a warning line for the run's index page and manifest (``warnings``): something
    the reader of the key figures must know, though the notebook finished.

    A warning recorded again under the same ``key`` (default: the text) replaces the earlier
    one. Returns the notebook's warnings, or ``None`` outside a report run.

    >>> record_warning("1 document could not be analysed", env={}) is None   # not in a run
    True
    """
    if not isinstance(text, str) or not text.strip():
        raise ParameterError(f"record_warning expects a non-empty sentence, got {text!r}")
    ctx = current_run(env)
    if ctx is None:
        return None
    return list(_store_warning(ctx, key or text, text).values())


def _jsonable(value: Any) -> Any:
    if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def record_summary(figures: Mapping[str, Any], *, env: Mapping[str, str] | None = None
                   ) -> dict[str, Any] | None:
    """Record key figures (``{"documents": 1200, "outlets": 5}``) for the run's index page.

    Repeated calls add to (and overwrite keys of) the notebook's summary. Values should be
    numbers or short strings; others are stored as their ``str``. Returns the whole summary,
    or ``None`` outside a report run.
    """
    if not isinstance(figures, Mapping):
        raise ParameterError(f"record_summary expects a mapping, got {type(figures).__name__}")
    ctx = current_run(env)
    if ctx is None:
        return None
    path = ctx.summary_path
    summary: dict[str, Any] = {}
    if path.exists():
        summary = json.loads(path.read_text(encoding="utf-8"))
    # a figure without a value (Kendall's W of one outlet) is left out, not shown as "None"
    summary.update({str(k): _jsonable(v) for k, v in figures.items()
                    if _jsonable(v) is not None})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return summary


__all__ = ["FAILED_DOCUMENTS", "RunContext", "current_run", "record_summary", "record_warning",
           "save_table", "table_filename"]
