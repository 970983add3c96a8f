"""How selective the extractor is: every percentage in a corpus, kept or not, and why.

:func:`explain_corpus` lists every number the extractor considered in every article (the
corpus-wide :func:`medialens.polls.explain`), plus the percentages and points it never
considered because no poll or survey is mentioned near them. :func:`screening_summary` counts
them by decision and reason, with an example of each, so a reader can see what was left out.

>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [
...     "A poll found 41 pct backed Labour. Inflation rose 3 pct.",
...     "Prices rose 2 pct in May."]})
>>> explain_corpus(corpus)[["doc_id", "figure", "accepted", "reason"]].values.tolist()
[['a', '41 pct', True, 'respondents'], ['a', '3 pct', False, 'economic statistic'], ['b', '2 pct', False, 'no poll or survey in the article']]
>>> screening_summary(explain_corpus(corpus))[["decision", "reason", "numbers"]].values.tolist()
[['kept', 'respondents', 1], ['rejected', 'economic statistic', 1], ['not considered', 'no poll or survey in the article', 1]]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..errors import CorpusError, ParameterError
from .attribution import analyse  # rules and models: the decisions the figures table holds
from .numbers import find_quantities

NO_POLL = "no poll or survey in the article"
#: An article in another language: the extractor reads English only ("62 Prozent", "68 pour
#: cent" are never found), so "no poll" would be a wrong reason.
NOT_ENGLISH = "not English (the extractor reads English only)"
NOT_NEAR = "no poll or survey within a few sentences"
EXPLAIN_COLUMNS = ("doc_id", "source", "figure", "kind", "value", "subject", "measure", "accepted", "reason",
                   "sentence", "start")


_RE_SENT_END = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"“‘(]?[A-Z])|\n\s*\n")


_RE_UNIT_WORD = re.compile(r"%|pct|cent|points?|pts", re.I)


def _snippet(text: str, start: int, end: int, width: int = 300) -> str:
    """The sentence around a number outside any analysed sentence (a cheap cut at sentence
    ends: these numbers can be many, and full segmentation is the expensive part of a run)."""
    lo = max(0, start - width)
    a = lo if lo == 0 else text.find(" ", lo) + 1
    for m in _RE_SENT_END.finditer(text, lo, start):
        a = m.end()
    m = _RE_SENT_END.search(text, end, min(len(text), end + width))
    b = m.start() + 1 if m else min(len(text), end + width)
    return " ".join(text[a:b].split())


def _explain_one(doc_id: str, text: str, published: Any, source: Any, pollsters: tuple[str, ...],
                 parties: dict[str, str] | None, lang: Any = None) -> list[dict[str, Any]]:
    from ..sentiment.scoring import document_language

    # the extractor reads English only: another language's numbers are not screened with
    # English rules (a pollster's name, "sondage Ifop", made them look considered and
    # rejected); the corpus's lang column when the loader filled it, else identified here
    lang = document_language(text, lang)
    if lang is not None and lang != "en":
        cands, spans = [], []
    else:
        cands, _blocks, spans = analyse(text, published=published, pollsters=pollsters, parties=parties)
    rows = []
    for c in cands:
        a, b = spans[c.sent]
        rows.append(dict(doc_id=doc_id, source=source, figure=text[a + c.q.start:a + c.q.end], kind=c.kind,
                         value=c.value, subject=c.subject, measure=c.measure, accepted=c.accepted,
                         reason=c.reason, sentence=text[a:b], start=a + c.q.start))
    # Percentages and points the extractor never looked at: no poll cue near their sentence.
    considered = sorted({c.sent for c in cands})
    starts = [a for a, _ in spans]
    far = NOT_ENGLISH if lang is not None and lang != "en" else NO_POLL
    # (a text without any unit word has no percentage or point figure to list: two of Reuters'
    # 14,888 such texts gave a bare "by two" read as points, "lead managed by two major banks")
    for q in find_quantities(text) if _RE_UNIT_WORD.search(text) else ():
        if q.unit is None or q.form not in ("unit", "range"):
            continue
        if spans:
            i = bisect.bisect_right(starts, q.start) - 1
            if i in considered:
                continue
        rows.append(dict(doc_id=doc_id, source=source, figure=text[q.start:q.end], kind=None, value=q.value,
                         subject=None, measure=None, accepted=False, reason=NOT_NEAR if spans else far,
                         sentence=_snippet(text, q.start, q.end), start=q.start))
    return sorted(rows, key=lambda r: r["start"])


#: Output schema of the screening analyser (the engine casts every result to it).
_SCHEMA = {"source": "str", "figure": "str", "kind": "str", "value": "float64", "subject": "str",
           "measure": "str", "accepted": "bool", "reason": "str", "sentence": "str",
           "start": "int64"}


def explain_document(doc_id: Any, text: Any, published: Any = None, source: Any = None,
                     lang: Any = None, *, pollsters: tuple[str, ...] = (),
                     parties: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The engine's per-document screening function (rows without ``doc_id``)."""
    if not isinstance(text, str) or not text:
        return []
    rows = _explain_one(str(doc_id), text, published, source, pollsters, parties, lang)
    for r in rows:
        del r["doc_id"]
    return rows


def explain_corpus(corpus: pd.DataFrame, *, pollsters: Iterable[str] = (),
                   parties: dict[str, str] | None = None, engine: str = "local",
                   workers: int | None = None, scheduler: str | None = None,
                   cache: bool | str | None = None, progress: bool = False) -> pd.DataFrame:
    """Every number considered in every article, with its decision and reason, plus the
    percentages/points not considered (reason :data:`NO_POLL` or :data:`NOT_NEAR`).

    Columns: :data:`EXPLAIN_COLUMNS`. Options as :func:`medialens.polls.extract_corpus`; it
    runs through the engine and the feature cache, so a warm report does not screen every
    article again.
    """
    from ..engine import Analyser, run
    from . import ANALYSER_VERSION

    if not isinstance(corpus, pd.DataFrame):
        raise ParameterError(f"explain_corpus needs a Corpus DataFrame, got {type(corpus).__name__}")
    missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
    if missing:
        raise CorpusError(f"corpus lacks column(s) {missing}; it needs 'doc_id' and 'text'")
    a = Analyser("poll-screening", f"{ANALYSER_VERSION}-s3", explain_document,
                 inputs=("doc_id", "text", "published", "source", "lang"),
                 optional=("published", "source", "lang"),
                 options={"pollsters": tuple(pollsters), "parties": parties}, schema=_SCHEMA)
    result = run(a, corpus, engine=engine, workers=workers, scheduler=scheduler,  # type: ignore[arg-type]
                 cache=cache, progress=progress)
    df = result.frame[list(EXPLAIN_COLUMNS)].reset_index(drop=True)
    df.attrs.update(result.attrs())
    return df


def screening_summary(explained: pd.DataFrame) -> pd.DataFrame:
    """Numbers by decision (``kept``, ``rejected``, ``not considered``) and reason, from
    :func:`explain_corpus`: ``numbers``, ``percent`` of all, ``documents`` and one example
    (the figure and its sentence).
    """
    need = {"doc_id", "figure", "accepted", "reason", "sentence"}
    if not isinstance(explained, pd.DataFrame) or not need <= set(explained.columns):
        raise ParameterError(f"screening_summary needs explain_corpus output (columns {sorted(need)})")
    cols = ["decision", "reason", "numbers", "percent", "documents", "example", "example_sentence"]
    if explained.empty:
        return pd.DataFrame(columns=cols)
    df = explained.copy()
    df["decision"] = ["kept" if a else "not considered" if r in (NO_POLL, NOT_NEAR, NOT_ENGLISH)
                      else "rejected"
                      for a, r in zip(df["accepted"], df["reason"], strict=True)]
    # the example: the shortest sentence of at least 60 characters (short ones read quickly;
    # shorter still are often fragments such as table rows)
    length = df["sentence"].fillna("").str.len()
    df["_rank"] = length.where(length >= 60, length + 100_000)
    picked = df.sort_values("_rank", kind="stable").groupby(["decision", "reason"], sort=False).head(1)
    examples = picked.set_index(["decision", "reason"])[["figure", "sentence"]]
    out = df.groupby(["decision", "reason"], sort=False).agg(
        numbers=("figure", "size"), documents=("doc_id", "nunique")).reset_index()
    keys = list(zip(out["decision"], out["reason"], strict=True))
    out["example"] = [examples.loc[k, "figure"] for k in keys]
    out["example_sentence"] = [" ".join(str(examples.loc[k, "sentence"]).split()) for k in keys]  # one line
    out["percent"] = (100 * out["numbers"] / len(df)).round(1)
    rank = {"kept": 0, "rejected": 1, "not considered": 2}
    out = out.assign(_r=out["decision"].map(rank)).sort_values(["_r", "numbers"], ascending=[True, False],
                                                                kind="stable")
    return out[cols].reset_index(drop=True)


__all__ = ["EXPLAIN_COLUMNS", "NOT_ENGLISH", "NOT_NEAR", "NO_POLL", "explain_corpus",
           "screening_summary"]
