"""Parameter checks that need the ingested corpus: run after ingest, before any notebook.

``sources`` must be outlets of THIS corpus (after ``source_name`` names the unnamed ones),
``group_by`` one of its categorical columns (not the text, the id or a date column), a date
range must have dated articles to select, and ``subjects``/``pollsters`` words some article
mentions: otherwise a notebook would fail half-way, or silently show nothing.

>>> import pandas as pd
>>> from medialens.reports.params import parse_parameters_cell, NotebookSpec
>>> from pathlib import Path
>>> spec = NotebookSpec("00_x", Path("00_x.ipynb"), parse_parameters_cell(
...     'sources: list[str] | None = None  # outlets'))
>>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "source": ["Ledger"]})
>>> check_against_corpus([spec], {"00_x": {"sources": ["Herald"]}}, corpus)
Traceback (most recent call last):
...
medialens.errors.ParameterError: sources: unknown outlet 'Herald'; valid: 'Ledger'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..errors import ParameterError
from .params import NotebookSpec


def _corpus_groups(values: Mapping[str, Any], corpus: Any) -> tuple[Any, str | None]:
    """The corpus as the notebook groups it (``source_name``, ``group_by``), or the error."""
    from ..overview import with_groups

    try:
        return with_groups(corpus, group_by=values.get("group_by") or "source",
                           source_name=values.get("source_name")), None
    except ParameterError as exc:
        return None, str(exc)


def _check_corpus_selection(values: Mapping[str, Any], corpus: Any) -> str | None:
    """``group_by`` must be a column and ``sources`` outlets of THIS corpus."""
    grouped, problem = _corpus_groups(values, corpus)
    if problem or not values.get("sources"):
        return problem
    known = sorted(set(grouped["source"]))
    unknown = [s for s in values["sources"] if s not in known]
    if not unknown:
        return None
    shown = ", ".join(repr(k) for k in known[:30]) + (" ..." if len(known) > 30 else "")
    hint = (" (the corpus has no outlet names: give one with --source NAME)"
            if known == ["(no outlet)"] else "")
    return (f"sources: unknown outlet{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(u) for u in unknown)}; valid: {shown}{hint}")


def _check_date_selection(values: Mapping[str, Any], corpus: Any) -> str | None:
    """A date range on a corpus (or chosen outlets) without a single dated article selects
    nothing: every notebook would run on an empty selection and blame something else.

    A range that merely misses the dated articles is left to the notebooks, which say there
    are no articles in the selection (the README's empty-selection shape)."""
    import pandas as pd

    from ..corpus import select

    bounds = {k: values.get(k) for k in ("date_from", "date_to") if values.get(k) is not None}
    if not bounds:
        return None
    grouped, problem = _corpus_groups(values, corpus)
    if problem:
        return None  # _check_corpus_selection reports it
    try:
        chosen = select(grouped, sources=values.get("sources"))
    except ParameterError:
        return None  # an unknown outlet: _check_corpus_selection reports it
    published = (pd.to_datetime(chosen["published"], utc=True, errors="coerce")
                 if "published" in chosen.columns else pd.Series(pd.NaT, index=chosen.index))
    if chosen.empty or published.notna().any():
        return None
    given = ", ".join(f"{k}={v!r}" for k, v in bounds.items())
    n = len(chosen)
    whose = " of the chosen outlets" if values.get("sources") else ""
    undated = (f"the one article{whose} has no publication date" if n == 1 else
               f"none of the {n:,} articles{whose} has a publication date")
    return (f"{given} selects no article: {undated}, and undated articles are outside any "
            "date range; leave out date_from/date_to, or name the date column with "
            "--columns published=COLUMN")


def _check_corpus_words(values: Mapping[str, Any], corpus: Any) -> str | None:
    """``subjects``/``pollsters`` that no article mentions cannot be in any poll figure."""
    import re

    texts = corpus["text"].fillna("").astype("str") if "text" in corpus.columns else None
    for name in ("subjects", "pollsters"):
        wanted = values.get(name)
        if not wanted or texts is None:
            continue
        blank = [w for w in wanted if not str(w).strip()]
        if blank:
            return f"{name}: empty name in {wanted!r}"
        missing = [w for w in wanted if not texts.str.contains(
            r"(?<!\w)" + re.escape(str(w).strip()) + r"(?!\w)", case=False, regex=True).any()]
        if missing:
            return (f"{name}: {', '.join(repr(m) for m in missing)} "
                    f"{'does' if len(missing) == 1 else 'do'} not occur in any article of the "
                    f"corpus, so no poll figure can be about {'it' if len(missing) == 1 else 'them'}")
    return None


#: Checks that need the ingested corpus (run after ingest, before any notebook): names needed
#: (any one of them), check(values, corpus) -> message or None.
CORPUS_CHECKS: list[tuple[frozenset[str], Callable[[Mapping[str, Any], Any], str | None]]] = [
    (frozenset({"group_by", "sources", "source_name"}), _check_corpus_selection),
    (frozenset({"date_from", "date_to"}), _check_date_selection),
    (frozenset({"subjects", "pollsters"}), _check_corpus_words),
]


def check_against_corpus(specs: Sequence[NotebookSpec], given: Mapping[str, Mapping[str, Any]],
                         corpus: Any) -> None:
    """Raise ONE :class:`ParameterError` when a notebook's values do not fit ``corpus`` (an
    unknown outlet in ``sources``, a ``group_by`` that is not a column ...), naming the valid
    values: the report runner calls it after ingest and before any notebook runs."""
    problems: list[str] = []
    for spec in specs:
        declared = spec.by_name()
        effective = {**spec.defaults(), **given.get(spec.name, {})}
        for names, check in CORPUS_CHECKS:
            if names & declared.keys():
                msg = check({k: effective.get(k) for k in declared}, corpus)
                if msg and msg not in problems:
                    problems.append(msg)
    if problems:
        raise ParameterError(problems[0] if len(problems) == 1 else
                             f"{len(problems)} problems with the parameters:\n"
                             + "\n".join(f"  - {p}" for p in problems))


__all__ = ["CORPUS_CHECKS", "check_against_corpus"]
