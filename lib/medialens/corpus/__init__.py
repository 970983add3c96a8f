"""The Corpus contract: load any supported source into one DataFrame plus a :class:`LoadReport`.

Sources: a file, a folder (recursive), a glob, several of those, or ``"demo"`` (the bundled demo
corpus). Formats are chosen by file extension through the ``READERS`` registry in
:mod:`medialens.corpus.readers`. Every row that is not loaded, every file that is ignored and every
document without a date appears in the report: nothing is dropped silently.

Modules: ``load`` (loading and saving, the demo source), ``discover`` (a source expanded into
files), ``frame`` (the Corpus columns and aliases; assembling read tables into one frame),
``report`` (:class:`LoadReport`) and ``selection`` (:func:`select`, :func:`fingerprint`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.csv").write_text("id,body,date\\n1,Support rose.,2025-03-04\\n2,It fell.,\\n")
>>> df, report = load_corpus(folder)
>>> df["doc_id"].tolist(), df["published"].tolist()
(['1', '2'], [Timestamp('2025-03-04 00:00:00+0000', tz='UTC'), NaT])
>>> df["date_reason"].tolist()
[nan, "no date: column 'date' is empty"]
>>> report.rows_loaded, len(report.missing_dates)
(2, 1)
"""

from ..duplicates import exact_duplicates
from .frame import ALIASES, CORPUS_COLUMNS, MAPPABLE
from .load import (
    DEMO,
    ON_ERROR,
    REPORT_METADATA_KEY,
    OnError,
    demo_folder,
    load_corpus,
    save_corpus,
)
from .report import LoadReport
from .selection import fingerprint, select

# Everything medialens.corpus offered before it became a package.
__all__ = ["ALIASES", "CORPUS_COLUMNS", "DEMO", "MAPPABLE", "ON_ERROR", "REPORT_METADATA_KEY",
           "LoadReport", "OnError", "demo_folder", "exact_duplicates", "fingerprint",
           "load_corpus", "save_corpus", "select"]
