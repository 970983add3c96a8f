"""Documents whose analysis failed, for a report: a table naming each with its error, and a
warning on the run's index page.

Every analysis runs through :func:`medialens.engine.run`, which keeps going when one document
raises and lists it in the result's ``attrs["errors"]`` (``[{"doc_id", "error"}]``). A poll
extraction has no row for such a document, so without this table it would vanish from the
report without a word.

>>> import pandas as pd
>>> figures = pd.DataFrame({"doc_id": ["a"], "value": [41.0]})
>>> figures.attrs["errors"] = [{"doc_id": "b", "error": "ValueError: text too long"}]
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "title": ["Poll", "Huge"], "source": ["X", "Y"]})
>>> failed_documents(figures, corpus, analysis="poll extraction", env={}).to_dict("records")
[{'doc_id': 'b', 'source': 'Y', 'title': 'Huge', 'error': 'ValueError: text too long'}]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..errors import ParameterError

#: An error message is cut to this many characters in the table (the CLI prints it whole).
MAX_ERROR_CHARS = 300
#: Documents named in the warning line; the table lists them all.
MAX_NAMED = 3
COLUMNS = ["doc_id", "source", "title", "error"]


def _errors(result: Any) -> list[Mapping[str, Any]]:
    attrs = getattr(result, "attrs", None)
    if not isinstance(attrs, Mapping):
        raise ParameterError("failed_documents expects an analysis result (a DataFrame from "
                             f"medialens), got {type(result).__name__}")
    errors = attrs.get("errors") or []
    return [e for e in errors if isinstance(e, Mapping)]


def _short(error: Any) -> str:
    """The first line of an error, at most :data:`MAX_ERROR_CHARS` characters."""
    lines = str(error).strip().splitlines()
    first = lines[0] if lines else ""
    return first if len(first) <= MAX_ERROR_CHARS else first[:MAX_ERROR_CHARS - 1] + "…"


def failure_warning(errors: Sequence[Mapping[str, Any]], *, analysis: str | None = None) -> str:
    """One sentence for the index page: how many documents failed, the first few ids.

    >>> failure_warning([{"doc_id": "hugesent", "error": "ValueError: too long"}],
    ...                 analysis="poll extraction")
    '1 document could not be analysed (poll extraction) and is missing from the results: hugesent (ValueError: too long)'
    """
    n = len(errors)
    shown = ", ".join(f"{e.get('doc_id')} ({_short(e.get('error'))[:120]})"
                      for e in errors[:MAX_NAMED])
    more = f" and {n - MAX_NAMED:,} more" if n > MAX_NAMED else ""
    what = f" ({analysis})" if analysis else ""
    return (f"{n:,} document{' ' if n == 1 else 's '}could not be analysed{what} and "
            f"{'is' if n == 1 else 'are'} missing from the results: {shown}{more}")


def failed_documents(result: pd.DataFrame, corpus: pd.DataFrame | None = None, *,
                     analysis: str | None = None,
                     env: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The documents whose analysis raised, one row each: ``doc_id``, ``source``, ``title``
    (from ``corpus`` when given) and ``error`` (its first line).

    ``result`` is any analysis table of medialens (poll figures, readability or sentiment
    scores): its ``attrs["errors"]`` are read. In a report run, a failure is also recorded as
    a warning for the index page and the manifest (:func:`medialens.reports.record_warning`);
    ``analysis`` names the step in it ("poll extraction"). Empty when nothing failed.
    """
    errors = _errors(result)
    out = pd.DataFrame({"doc_id": [str(e.get("doc_id")) for e in errors],
                        "error": [_short(e.get("error")) for e in errors]})
    first = (corpus.drop_duplicates("doc_id") if corpus is not None
             and "doc_id" in corpus.columns else pd.DataFrame({"doc_id": []}))
    ids = first["doc_id"].astype(str)
    for col in ("source", "title"):
        lookup = dict(zip(ids, first[col], strict=True)) if col in first.columns else {}
        out[col] = pd.array([lookup.get(d) for d in out["doc_id"]], dtype=object)
    out = out[COLUMNS]
    if errors:
        from .context import FAILED_DOCUMENTS, record_warning

        record_warning(failure_warning(errors, analysis=analysis), key=FAILED_DOCUMENTS,
                       env=env)
    return out


__all__ = ["failed_documents", "failure_warning"]
