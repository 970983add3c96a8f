"""Opinion-poll figures in news text, as structured and traceable :class:`PollFigure` records.

A poll figure is a number reported as the RESULT of an opinion poll or survey of people:
a ``share`` of respondents ("41 pct would vote Conservative"), a ``lead`` in points ("a six
point lead over Labour") or a ``change`` without a new level ("approval has fallen twenty
points"). Election results, turnout, seats, economic statistics and surveys of economists or
companies are not poll figures. Every record keeps ``start``/``end`` offsets so that
``text[start:end]`` is the figure as written, and its sentence.

>>> text = ("Recent polls show the public is evenly divided for and against deployment. "
...         "Support for Koizumi has climbed 2 percent to 43 percent, media polls found.")
>>> [(f.kind, f.value, f.subject, f.change, f.prior, f.approx) for f in extract(text)]
[('share', 50.0, 'deployment', None, None, True), ('share', 50.0, 'deployment', None, None, True), ('share', 43.0, 'Koizumi', 2.0, 41.0, False)]
>>> f = extract(text)[2]; text[f.start:f.end]
'43 percent'

Modules: ``numbers`` (number words, fractions, ranges), ``context`` (poll evidence and the
named exclusion predicates), ``attributes`` (pollster, sponsor, sample size, margin of error,
fieldwork dates), ``subjects`` (parties, people, measures), ``extract`` (the pipeline),
``link`` (one poll reported by many articles; inconsistent changes), ``reference``
(matching extracted figures against a reference table such as PollBase), ``names`` (one
name per subject/pollster across a corpus; selecting figures by name), ``tables`` (the
tables a report shows) and ``audit`` (every number considered, kept or not, and why).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Literal

import pandas as pd

from ..engine import Analyser, EngineName, run
from ..errors import CorpusError, ParameterError
from .attribution import analyse
from .audit import explain_corpus, screening_summary
from .context import AMBIGUOUS_POLLSTERS, KNOWN_POLLSTERS
from .countries import add_country, add_region, country_of, region_of
from .extract import Candidate
from .groups import figure_subgroup
from .link import flag_inconsistent_changes, link_polls
from .names import harmonise_names, name_changes, select_figures
from .reference import evaluate, match_reference, pollbase_table
from .subjects import PARTY_ALIASES
from .tables import change_conflicts, figure_table, key_figures, reporting_quality, tracker_table

ANALYSER_NAME = "medialens.polls"
def _code_fingerprint() -> str:
    """A short hash of this package's code and shipped data (weights, gazetteer): the rules and
    models change often, and the feature cache must never serve figures an older extractor
    found (the version string alone stayed "2.0.0" through many changes)."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    pkg = resources.files(__name__)
    data = resources.files("medialens").joinpath("data/polls")
    for f in sorted([*(e for e in pkg.iterdir() if e.name.endswith(".py")),
                     *(e for e in data.iterdir() if e.name.endswith(".json"))], key=lambda e: e.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:10]


# 2.0: spaCy parse + learned figure/subject models, confidence; + the code's fingerprint
ANALYSER_VERSION = f"2.0.0+{_code_fingerprint()}"

Kind = Literal["share", "lead", "change"]
Unit = Literal["percent", "points"]


@dataclass(frozen=True)
class PollFigure:
    """One number reported from an opinion poll (the DESIGN.md contract, plus ``poll_id``)."""

    doc_id: str | None
    value: float
    unit: Unit
    kind: Kind
    subject: str | None
    measure: str | None
    other: str | None
    change: float | None
    prior: float | None
    pollster: str | None
    sponsor: str | None
    sample_size: int | None
    margin_of_error: float | None
    fieldwork_start: dt.date | None
    fieldwork_end: dt.date | None
    approx: bool
    sentence: str
    start: int
    end: int
    poll_id: str | None = None
    confidence: float | None = None  # the figure model's probability that this is a poll result
    #: the part of the sample the figure is about ("Black voters" in "78% among Black voters");
    #: None for the whole sample (see :mod:`.groups`; trackers leave subgroup figures out)
    subgroup: str | None = None


#: Columns of :func:`extract_corpus` (the PollFigure fields, then corpus tracking columns).
COLUMNS: tuple[str, ...] = (*(f.name for f in fields(PollFigure)), "published", "source")


_NAME = r"(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_RE_SPLIT_BETWEEN = re.compile(rf"\s+between\s+(?P<a>{_NAME})\s+and\s+(?P<b>{_NAME})")


def _figures(text: str, cands: list[Candidate], blocks: list, spans: list[tuple[int, int]],
             doc_id: str | None) -> list[PollFigure]:
    out: list[PollFigure] = []
    for c in cands:
        if not c.accepted:
            continue
        a, b = spans[c.sent]
        blk = blocks[c.block]
        unit = "points" if c.kind == "lead" else (c.q.unit or "percent")
        base = dict(
            doc_id=doc_id, value=float(c.value), unit=unit, kind=c.kind if c.kind != "points?" else "share",
            subject=c.subject, measure=c.measure, other=c.other,
            change=None if c.change is None else float(c.change),
            prior=None if c.prior is None else float(c.prior),
            pollster=blk.pollster, sponsor=blk.sponsor, sample_size=blk.sample_size,
            margin_of_error=blk.margin_of_error, fieldwork_start=blk.fieldwork_start,
            fieldwork_end=blk.fieldwork_end, approx=bool(c.q.approx), sentence=text[a:b],
            start=a + c.q.start, end=a + c.q.end,
            poll_id=f"{doc_id if doc_id is not None else 'doc'}#{blk.index}",
            confidence=c.confidence, subgroup=figure_subgroup(text[a:b], c.q.start, c.q.end),
        )
        if c.q.form == "evenly":
            pair = _RE_SPLIT_BETWEEN.match(text, a + c.q.end, b)
            if pair and base["subject"] is None:
                # "evenly split between Clinton and Sanders": half each, one per name
                for name in (pair.group("a"), pair.group("b")):
                    out.append(PollFigure(**{**base, "subject": name, "measure": "support"}))
                continue
            out.append(PollFigure(**{**base, "measure": "support"}))
            out.append(PollFigure(**{**base, "measure": "oppose"}))
            continue
        for e in c.extra_subjects:
            out.append(PollFigure(**{**base, "subject": e.name}))
        out.append(PollFigure(**base))
    return out


def extract(text: str, *, doc_id: str | None = None, published: Any = None,
            pollsters: Iterable[str] = (), parties: dict[str, str] | None = None) -> list[PollFigure]:
    """Poll figures reported in one document, in text order.

    ``published`` (a date, timestamp or ISO string) resolves years of fieldwork dates such as
    "conducted April 10-12"; without it such dates stay empty rather than guessed.
    ``pollsters`` adds names to :data:`KNOWN_POLLSTERS`; ``parties`` adds
    ``{regex: canonical name}`` entries to :data:`PARTY_ALIASES`. A text without any
    poll figure (or not a string) gives ``[]``.
    """
    if not isinstance(text, str) or len(text) <= MAX_WINDOW:
        cands, blocks, spans = analyse(text, published=published, pollsters=tuple(pollsters), parties=parties)
        return _figures(text, cands, blocks, spans, doc_id)
    # A "document" of megabytes (a whole archive pasted into one cell, a scrape gone wrong) is
    # read in windows cut at paragraph breaks: memory stays that of one window (one 1.2 MB
    # text of poll sentences grew past 8 GB), figures and offsets are the same as for
    # separate documents; a poll is not followed from one window into the next.
    out: list[PollFigure] = []
    n_blocks = 0
    for ws, we in _windows(text):
        cands, blocks, spans = analyse(text[ws:we], published=published, pollsters=tuple(pollsters),
                                       parties=parties)
        for f in _figures(text[ws:we], cands, blocks, spans, doc_id):
            head, _, idx = f.poll_id.rpartition("#")
            out.append(replace(f, start=f.start + ws, end=f.end + ws, poll_id=f"{head}#{int(idx) + n_blocks}"))
        n_blocks += len(blocks)
    return out


#: Longest text read in one piece by :func:`extract` (the longest article of Reuters, BBC and
#: news_modern has 32,493 characters).
MAX_WINDOW = 100_000


def _windows(text: str, size: int | None = None) -> list[tuple[int, int]]:
    r"""``(start, end)`` pieces of ``text`` of at most ``size`` characters, cut after the last
    paragraph break (else line break, else space) of each piece.

    >>> _windows("aa\n\nbb\n\ncc", size=6)
    [(0, 4), (4, 10)]
    """
    size = MAX_WINDOW if size is None else size
    out, a = [], 0
    while len(text) - a > size:
        cut = max(text.rfind("\n\n", a, a + size) + 2, 0)
        if cut <= a + 1:
            cut = max(text.rfind("\n", a, a + size), text.rfind(" ", a, a + size)) + 1
        if cut <= a:
            cut = a + size
        out.append((a, cut))
        a = cut
    out.append((a, len(text)))
    return out


#: :func:`explain`'s columns, in order, with their dtypes.
_EXPLAIN_SCHEMA = {"figure": "str", "kind": "str", "value": "float64", "subject": "str", "measure": "str",
                   "accepted": "bool", "confidence": "float64", "reason": "str", "poll": "Int64",
                   "pollster": "str", "population": "str", "start": "int64"}


def _explain_rows(text: Any, published: Any = None) -> list[dict[str, Any]]:
    if not isinstance(text, str) or not text:
        return []
    cands, blocks, spans = analyse(text, published=published)
    rows = []
    for c in cands:
        a, _ = spans[c.sent]
        rows.append(dict(figure=text[a + c.q.start:a + c.q.end], kind=c.kind, value=c.value,
                         subject=c.subject, measure=c.measure, accepted=c.accepted,
                         confidence=c.confidence, reason=c.reason,
                         poll=c.block, pollster=blocks[c.block].pollster,
                         population=blocks[c.block].population, start=a + c.q.start))
    return rows


def explain(text: str, *, published: Any = None, cache: bool | str | None = False) -> pd.DataFrame:
    """Every number the extractor considered in ``text``, with its decision and reason.

    ``cache``: as in :func:`medialens.engine.run` (``None``: ``$MEDIALENS_CACHE_DIR``, if
    set); off by default. A report explains the same illustration on every run: cached, a
    warm run neither parses it nor loads the parser for it.

    >>> explain("Economists polled by Reuters expect growth of 2 pct.")[["figure", "accepted", "reason"]].values.tolist()
    [['2 pct', False, 'survey of economists/companies']]
    """
    if cache is False:
        return pd.DataFrame(_explain_rows(text, published), columns=list(_EXPLAIN_SCHEMA)).astype(_EXPLAIN_SCHEMA)
    from ..engine import Analyser, run

    a = Analyser("poll-explain", ANALYSER_VERSION, _explain_rows, inputs=("text", "published"),
                 optional=("published",), schema=_EXPLAIN_SCHEMA)
    one = pd.DataFrame({"doc_id": ["text"], "text": [text], "published": [published]})
    frame = run(a, one, cache=cache).frame
    return frame[list(_EXPLAIN_SCHEMA)].reset_index(drop=True)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in ("value", "change", "prior", "margin_of_error", "confidence"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["sample_size"] = pd.array(df["sample_size"].tolist(), dtype="Int64")
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    df["approx"] = df["approx"].astype(bool)
    for col in ("fieldwork_start", "fieldwork_end"):
        df[col] = pd.to_datetime(df[col], errors="coerce")
    if "published" in df and len(df):
        df["published"] = pd.to_datetime(df["published"], errors="coerce", utc=True)
    return df


def figures_frame(figures: Iterable[PollFigure]) -> pd.DataFrame:
    """PollFigure records as a DataFrame with the :data:`COLUMNS` layout."""
    return _frame([{**asdict(f), "published": pd.NaT, "source": None} for f in figures])


#: Output dtypes of :func:`extract_corpus` (the engine casts every result to them).
SCHEMA: dict[str, str] = {
    "value": "float64", "unit": "str", "kind": "str", "subject": "str", "measure": "str",
    "other": "str", "change": "float64", "prior": "float64", "pollster": "str",
    "sponsor": "str", "sample_size": "Int64", "margin_of_error": "float64",
    "fieldwork_start": "datetime64[ns]", "fieldwork_end": "datetime64[ns]", "approx": "bool",
    "sentence": "str", "start": "int64", "end": "int64", "poll_id": "str", "confidence": "float64",
    "subgroup": "str", "published": "datetime64[ns, UTC]", "source": "str",
}


def extract_document(doc_id: Any, text: Any, published: Any = None, source: Any = None,
                     lang: Any = None, *, pollsters: tuple[str, ...] = (),
                     parties: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The engine's per-document function: one record per figure (``doc_id`` left to the
    engine), with the document's ``published`` and ``source`` for tracking. An article in
    another language (the corpus's ``lang``, else identified) gives none: the extractor reads
    English only, and the report's screening says so for its numbers.

    >>> extract_document("d", "Selon un sondage Ifop, 42 % des Français soutiennent la réforme.", lang="fr")
    []
    """
    if not isinstance(text, str) or not text:
        return []
    pub = None if published is None else pd.Timestamp(published)
    out = []
    for f in extract(text, doc_id=str(doc_id), published=pub, pollsters=pollsters,
                     parties=parties):
        rec = asdict(f)
        del rec["doc_id"]
        rec.update(published=pub, source=source)
        out.append(rec)
    if out:
        # (identified only here: most articles have no figure, and identifying costs time)
        from ..sentiment.scoring import document_language

        found = document_language(text, lang)
        if found is not None and found != "en":
            return []
    return out


def analyser(*, pollsters: Iterable[str] = (), parties: dict[str, str] | None = None) -> Analyser:
    """The poll-extraction :class:`~medialens.engine.Analyser` for these options."""
    return Analyser(ANALYSER_NAME, ANALYSER_VERSION, extract_document,
                    inputs=("doc_id", "text", "published", "source", "lang"),
                    optional=("published", "source", "lang"),
                    options={"pollsters": tuple(pollsters), "parties": parties},
                    schema=SCHEMA)


def check_min_confidence(min_confidence: float) -> None:
    """Validate a ``min_confidence`` (the report runner checks it before any notebook starts).

    >>> check_min_confidence(1.5)
    Traceback (most recent call last):
    ...
    medialens.errors.ParameterError: min_confidence=1.5 must be a number from 0 to 1
    """
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, (int, float)) \
            or not 0.0 <= float(min_confidence) <= 1.0:
        raise ParameterError(f"min_confidence={min_confidence!r} must be a number from 0 to 1")


def extract_corpus(corpus: pd.DataFrame | str, *, pollsters: Iterable[str] = (),
                   parties: dict[str, str] | None = None, link: bool = True,
                   engine: EngineName = "local", workers: int | None = None,
                   scheduler: str | None = None, cache: bool | str | None = None,
                   progress: bool = False, min_confidence: float = 0.0) -> pd.DataFrame:
    """One row per poll figure for a Corpus (``doc_id``, ``text`` [, ``published``, ``source``]).

    Figures of the same poll reported by several articles share a ``poll_id`` when ``link``
    is true (see :func:`link_polls`). Rows without text contribute nothing. ``engine``,
    ``workers``, ``scheduler``, ``cache``: see :func:`medialens.engine.run` (same figures on
    every engine); documents whose extraction failed are listed in ``attrs["errors"]``.
    ``min_confidence`` (0..1) drops figures whose ``confidence`` (the figure model's probability
    that the number is a poll result) is below it; ``attrs["hidden_low_confidence"]`` counts them.

    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["A poll found 41 pct backed Labour.", None]})
    >>> extract_corpus(corpus)[["doc_id", "value", "subject", "measure"]].values.tolist()
    [['a', 41.0, 'Labour', 'vote']]
    """
    check_min_confidence(min_confidence)
    if isinstance(corpus, pd.DataFrame):
        missing = [c for c in ("doc_id", "text") if c not in corpus.columns]
        if missing:
            raise CorpusError(f"corpus lacks column(s) {missing}; it needs 'doc_id' and 'text'")
    result = run(analyser(pollsters=pollsters, parties=parties), corpus, engine=engine,
                 workers=workers, scheduler=scheduler, cache=cache, progress=progress)
    df = result.frame[list(COLUMNS)]
    low = df["confidence"].fillna(1.0) < float(min_confidence)
    df = df[~low].reset_index(drop=True)
    df = link_polls(df) if link and len(df) else df
    df.attrs.update(result.attrs())
    df.attrs.update(hidden_low_confidence=int(low.sum()))
    return df


__all__ = [
    "AMBIGUOUS_POLLSTERS",
    "ANALYSER_NAME",
    "ANALYSER_VERSION",
    "COLUMNS",
    "KNOWN_POLLSTERS",
    "PARTY_ALIASES",
    "SCHEMA",
    "PollFigure",
    "add_country",
    "add_region",
    "change_conflicts",
    "check_min_confidence",
    "country_of",
    "evaluate",
    "explain",
    "explain_corpus",
    "extract",
    "extract_corpus",
    "figure_table",
    "figures_frame",
    "flag_inconsistent_changes",
    "harmonise_names",
    "key_figures",
    "link_polls",
    "match_reference",
    "name_changes",
    "pollbase_table",
    "region_of",
    "reporting_quality",
    "screening_summary",
    "select_figures",
    "tracker_table",
]
