"""Report runs: papermill-rendered HTML reports in run folders, with a manifest and an index.

Run the report notebooks (``notebooks/[0-9]*.ipynb``) on a corpus::

    from medialens.reports import run_report
    run = run_report("demo", params={"freq": "W"}, jobs=2)
    print(run.index)            # outputs/<UTC time>_demo/index.html

Inside a notebook, hand results to the run without any path logic::

    from medialens import reports
    reports.save_table(volume, "volume")                  # -> <run>/data/<notebook>-volume.csv
    reports.record_summary({"documents": len(df)})        # -> key figures on the index page
    reports.table(gaps, empty="No coverage gap.")         # -> the formatted table, or the sentence
    reports.failed_documents(figures, df)                 # -> documents whose analysis failed,
                                                          #    and a warning on the index page

Submodules: ``params`` (parameters cell parsing and validation), ``run`` (run folder,
manifest), ``pool`` (worker processes, progress), ``worker`` (one notebook: papermill + HTML
export), ``html`` (report template, index page), ``context`` (the notebook-side helpers above),
``format`` (the one formatting layer of every table and key figure), ``failures``
(documents whose analysis failed).

>>> from medialens.reports import corpus_label
>>> corpus_label("demo")
'demo'
"""

from __future__ import annotations

from .context import current_run, record_summary, record_warning, save_table
from .failures import failed_documents
from .format import Note, figures, format_value, table
from .params import (
    NotebookSpec,
    Parameter,
    format_spec,
    load_params_file,
    parse_assignments,
    read_notebook_spec,
    resolve_parameters,
)
from .run import RunResult, corpus_label, discover_notebooks, run_report

__all__ = [
    "Note",
    "NotebookSpec",
    "Parameter",
    "RunResult",
    "corpus_label",
    "current_run",
    "discover_notebooks",
    "failed_documents",
    "figures",
    "format_spec",
    "format_value",
    "load_params_file",
    "parse_assignments",
    "read_notebook_spec",
    "record_summary",
    "record_warning",
    "resolve_parameters",
    "run_report",
    "save_table",
    "table",
]
