"""What is in a corpus: volume per outlet over time, ingest problems, duplicates, lengths, a sample.

The tables behind ``notebooks/00_corpus_overview.ipynb``. Every function takes the Corpus frame
(and the :class:`~medialens.corpus.LoadReport` where it needs one) and returns a DataFrame or a
dict; nothing here reads files or renders HTML. Text values (titles, excerpts, outlet names)
are returned as plain strings: display them as DataFrames, whose HTML escapes them, never as
Markdown or HTML.

>>> import pandas as pd
>>> df = pd.DataFrame({
...     "doc_id": ["a", "b", "c", "d"], "source": ["Ledger", "Ledger", "Clarion", "Clarion"],
...     "published": pd.to_datetime(["2025-01-05", "2025-03-02", "2025-01-09", None], utc=True),
...     "title": ["T1", "T2", "T3", "T4"], "text": ["One two three.", "Four.", "Five six.", ""]})
>>> v = volume(df, freq="M")
>>> v.pivot(index="period", columns="source", values="n_docs").to_string()
'source      Clarion  Ledger\\nperiod                     \\n2025-01-01        1       1\\n2025-02-01        0       0\\n2025-03-01        0       1'
>>> v.attrs["n_undated"]
1
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import timeseries
from .errors import ParameterError
from .text import _WORD

#: Articles shorter than this many words are counted as "short" (briefs, captions, stubs).
SHORT_WORDS = 50
#: The one label of an article without an outlet, in every table and chart.
NO_SOURCE = "(no outlet)"
_SPACE = re.compile(r"\s+")


def missing_label(column: str) -> str:
    """The label of a missing value in a grouping column: one label per column, everywhere.

    >>> missing_label("source"), missing_label("topic")
    ('(no outlet)', '(no topic)')
    """
    return NO_SOURCE if column == "source" else f"(no {column})"


def with_groups(df: pd.DataFrame, *, group_by: str = "source",
                source_name: str | None = None) -> pd.DataFrame:
    """The corpus ready to be compared by ``group_by``: a copy in which every article has a
    group, so no analysis drops the articles without one.

    ``source_name`` names the outlet of the articles that have none (a Reuters export without
    a source column: ``source_name="Reuters"``); the other missing values of ``source`` and of
    the ``group_by`` column get :func:`missing_label`. A ``group_by`` that is not a column
    raises :class:`ParameterError` naming the columns there are.

    >>> t = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "topic": ["tech", None]})
    >>> g = with_groups(t, group_by="topic", source_name="BBC")
    >>> g["source"].tolist(), g["topic"].tolist()
    (['BBC', 'BBC'], ['tech', '(no topic)'])
    """
    if source_name is not None and not str(source_name).strip():
        raise ParameterError("source_name must be a non-empty outlet name (or None)")
    if group_by not in df.columns and group_by != "source":
        raise ParameterError(f"group_by={group_by!r} is not a column of the corpus; "
                             f"valid: {', '.join(_groupable(df))}")
    if (why := _not_groupable(df, group_by)) is not None:
        hint = _categorical_hint(df)
        raise ParameterError(f"group_by={group_by!r} {why}, so it cannot be compared as groups; "
                             f"choose a categorical column{hint}")
    out = df.copy()
    src = out["source"] if "source" in out.columns else pd.Series(None, index=out.index,
                                                                   dtype="object")
    src = src.where(src.notna() & (src.astype("str").str.strip() != ""), None)
    out["source"] = src.fillna(source_name if source_name is not None else NO_SOURCE)
    out["source"] = out["source"].astype("str")
    if group_by != "source":
        col = out[group_by]
        ok = col.notna() & (col.astype("str").str.strip() != "")
        out[group_by] = col.where(ok, missing_label(group_by)).astype("str")
    out.attrs = dict(df.attrs)
    out.attrs["group_by"] = group_by
    return out


#: Categorical columns suggested when a ``group_by`` cannot be grouped: at most this many
#: distinct values (a suggestion, not a limit: any such column may be chosen).
_SUGGEST_MAX_GROUPS = 30


#: Columns the loader adds about an article's record, never a useful grouping to suggest.
_BOOKKEEPING = frozenset({"title", "url", "duplicate_of", "duplicate_kind", "date_reason"})


def _not_groupable(df: pd.DataFrame, column: str) -> str | None:
    """Why ``column`` cannot be a ``group_by``, or None: the article id and text name one
    article each, and a date/time column has a group per instant (the notebooks place
    articles in time by ``published`` already; grouping by it crashes their tables)."""
    if column == "doc_id":
        return "is the article id (every article would be a group of its own)"
    if column == "text":
        return "is the article text (every article would be a group of its own)"
    if column in df.columns and (pd.api.types.is_datetime64_any_dtype(df[column])
                                 or isinstance(df[column].dtype, pd.PeriodDtype)):
        return "holds dates and times (every moment would be a group of its own)"
    if column not in df.columns or column == "source":
        return None
    values = df[column].dropna()
    lists = [v for v in values if isinstance(v, (list, tuple, set, dict, np.ndarray))]
    if lists:
        listed = next((v for v in lists if len(v)), lists[0])  # (a non-empty one as the example)
        shown = list(listed) if not isinstance(listed, dict) else listed
        return (f"holds lists ({shown!r}): an article would count in one group per "
                "combination of values, not in each of its values")
    n_groups = values.astype("str").str.strip().replace("", np.nan).dropna().nunique()
    if n_groups > _MAX_GROUP_SHARE_FLOOR and n_groups > _MAX_GROUP_SHARE * len(values):
        return (f"has {n_groups:,} distinct values among {len(values):,} articles (nearly one "
                "group per article)")
    return None


#: A ``group_by`` with more distinct values than this share of its articles (and more than the
#: floor) is an identifier or a measurement (a title, a URL, a word count), not a category.
_MAX_GROUP_SHARE = 0.5
_MAX_GROUP_SHARE_FLOOR = 50


def _groupable(df: pd.DataFrame) -> list[str]:
    """The columns a ``group_by`` may name."""
    return [str(c) for c in df.columns if _not_groupable(df, c) is None]


def _categorical_hint(df: pd.DataFrame) -> str:
    """' such as 'source', 'topic'': groupable columns with few distinct values."""
    def repeats(col: pd.Series) -> bool:  # few values, each shared by several articles
        try:
            n = col.nunique(dropna=True)
        except TypeError:  # lists or dicts from nested JSON: not a category
            return False
        return 1 <= n <= min(_SUGGEST_MAX_GROUPS, col.notna().sum() // 2)

    few = [c for c in _groupable(df) if c == "source" or (
        c not in _BOOKKEEPING and repeats(df[c].astype("object")))]
    few = sorted(few, key=lambda c: c != "source")[:5]  # the default first
    return (" such as " + ", ".join(repr(c) for c in few)) if few else " (e.g. 'source')"


def undated_left_out(df: pd.DataFrame) -> str | None:
    """The sentence saying how many undated articles a date range left out of ``df`` (as
    :func:`medialens.corpus.select` records it in ``attrs``), or None when it left out none.

    >>> t = pd.DataFrame({"doc_id": ["a"]})
    >>> t.attrs["undated_left_out"] = 13
    >>> undated_left_out(t)
    '13 undated articles are outside any date range and were left out'
    """
    n = int(df.attrs.get("undated_left_out") or 0)
    if n <= 0:
        return None
    return (f"{n:,} undated article{'s are' if n != 1 else ' is'} outside any date range "
            f"and {'were' if n != 1 else 'was'} left out")


#: The key figure that carries :func:`undated_left_out` (overview and sentiment).
UNDATED_LEFT_OUT = "left out by the date range"


def _check(df: pd.DataFrame, needed: tuple[str, ...]) -> None:
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ParameterError(f"column(s) {missing} not found; the corpus has: "
                             f"{', '.join(map(str, df.columns))}")


def _source(df: pd.DataFrame) -> pd.Series:
    """Outlet per row; a missing outlet is its own visible group, not dropped."""
    if "source" not in df.columns:
        return pd.Series(NO_SOURCE, index=df.index, dtype="str")
    src = df["source"]
    return src.where(src.notna(), NO_SOURCE).astype("str")


def corpus_summary(df: pd.DataFrame, report: Any = None, *,
                   corpus_size: int | None = None) -> dict[str, Any]:
    """Key figures of a corpus: documents, outlets, date range, undated, duplicates, skipped.

    ``corpus_size``: the number of documents before a selection, shown when it differs.

    >>> corpus_summary(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))["documents"]
    1
    """
    _check(df, ("doc_id", "text"))
    published = (pd.to_datetime(df["published"], utc=True) if "published" in df.columns
                 else pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns, UTC]"))
    dup = df["duplicate_of"].notna() if "duplicate_of" in df.columns else pd.Series(False)
    out: dict[str, Any] = {"documents": len(df)}
    if corpus_size is not None and corpus_size != len(df):
        out["documents in the whole corpus"] = int(corpus_size)
    # outlets named in the data ("(no outlet)" is not one: a Reuters or BBC export has none)
    src = _source(df)
    out["outlets"] = int(src[src != NO_SOURCE].nunique())
    if (n_none := int((src == NO_SOURCE).sum())):
        out["articles without an outlet"] = n_none
    if published.notna().any():  # no dated article: "undated" says so, no empty date cells
        out["first date"] = published.min().date().isoformat()
        out["last date"] = published.max().date().isoformat()
    out |= {"undated": int(published.isna().sum()), "duplicates": int(dup.sum())}
    if (left_out := undated_left_out(df)) is not None:  # "undated 0" alone would hide them
        out[UNDATED_LEFT_OUT] = left_out
    if report is not None:
        skipped = getattr(report, "skipped", [])
        rows = int(getattr(report, "rows_skipped", len(skipped)))
        out["rows skipped at load"] = rows
        if len(skipped) > rows:  # files that could not be read at all
            out["files skipped at load"] = len(skipped) - rows
    return out


def volume(df: pd.DataFrame, *, freq: str = "M", by: str | None = "source") -> pd.DataFrame:
    """Articles per period (and outlet): ``period``, ``source``, ``n_docs``.

    Every period from the first to the last dated article appears for every outlet, with
    ``n_docs == 0`` where an outlet published nothing, so coverage gaps are rows, not absences.
    ``attrs["n_undated"]`` counts the articles without a date (left out).
    """
    _check(df, ("doc_id", "published"))
    work = pd.DataFrame({"published": df["published"], "_one": 1.0})
    if by is not None:
        _check(df, (by,)) if by != "source" else None
        work[by] = (_source(df) if by == "source"
                    else df[by].where(df[by].notna(), missing_label(by)).astype("str"))
    # timeseries.over_time builds the full period x outlet grid with empty periods kept; a
    # single bootstrap draw is enough because only the counts are used here.
    table = timeseries.over_time(work, "_one", freq=freq, by=by, min_docs=1, n_boot=1)
    cols = ["period", *([by] if by else []), "n_docs"]
    out = table[cols].reset_index(drop=True)
    out.attrs.update(freq=table.attrs["freq"], n_undated=table.attrs["n_undated"], by=by)
    return out


def coverage_gaps(volume_table: pd.DataFrame, *, by: str | None = "source") -> pd.DataFrame:
    """Runs of periods in which an outlet published nothing (from a :func:`volume` table).

    When there is nothing to look for gaps in, ``attrs["empty_reason"]`` says why."""
    by = by if by is None or by in volume_table.columns else volume_table.attrs.get("by", by)
    gaps = timeseries.coverage_gaps(volume_table, by=by)
    if volume_table.empty:
        undated = int(volume_table.attrs.get("n_undated") or 0)
        gaps.attrs["empty_reason"] = (
            "No article has a publication date, so coverage gaps cannot be looked for."
            if undated else "There are no articles in the selection, so there are no coverage "
            "gaps to look for.")
    return gaps


def _where(file: Any, line: Any) -> str | None:
    if file is None or (isinstance(file, float) and np.isnan(file)) or file is pd.NA:
        return None
    return f"{file}:{int(line)}" if pd.notna(line) else str(file)


def _named(doc_id: str, file: Any, line: Any) -> str:
    """``doc_id (line N)`` when the document's line is known, else the id."""
    if line is None or line is pd.NA or (isinstance(line, float) and np.isnan(line)):
        return doc_id
    return f"{doc_id} (line {int(line)})"


def _duplicate_examples(corpus: pd.DataFrame | None, kind: str, examples: int) -> str:
    """ "b (copy of a), d (copy of c) ..." for the first duplicates of one kind (exact/near)."""
    if corpus is None or not {"doc_id", "duplicate_of", "duplicate_kind"} <= set(corpus.columns):
        return ""
    part = corpus[corpus["duplicate_of"].notna() & (corpus["duplicate_kind"] == kind)]
    shown = [f"{d} (copy of {o})" for d, o in zip(part["doc_id"].head(examples),
                                                   part["duplicate_of"].head(examples), strict=True)]
    return ", ".join(shown) + (" ..." if len(part) > examples else "")


def ingest_problems(report: Any, *, examples: int = 3, corpus: pd.DataFrame | None = None
                    ) -> pd.DataFrame:
    """What the load could not use or had to note, grouped by kind and reason.

    Returns ``kind`` (skipped / missing_date / empty_text / ignored / duplicate / note),
    ``reason``, ``n`` and ``examples`` (file:line or doc_id of the first few; for duplicates,
    when the loaded ``corpus`` is given, "id (copy of id)").
    """
    frame = report.to_frame()
    rows: list[dict[str, Any]] = []
    for (kind, reason), part in frame.groupby(["kind", "reason"], sort=False, dropna=False):
        # a document is named by its id and the line it starts on (an id is not a place in
        # the file: "export.csv:3" is the third record, which a multi-line text moves down);
        # a skipped row or file by file:line
        where = [_named(d, f, ln) if isinstance(d, str) and d else _where(f, ln) for f, ln, d in
                 zip(part["file"], part["line"], part["doc_id"], strict=True)]
        shown = [str(w) for w in where if w is not None and w is not pd.NA][:examples]
        rows.append({"kind": kind, "reason": reason, "n": len(part),
                     "examples": ", ".join(shown) + (" ..." if len(part) > examples else "")})
    dups = getattr(report, "duplicates", 0) or 0
    if dups:
        rows.append({"kind": "duplicate", "reason": "exact copy of another article (kept, "
                     "marked in duplicate_of)", "n": int(dups),
                     "examples": _duplicate_examples(corpus, "exact", examples)})
    near = getattr(report, "near_duplicates", 0) or 0
    if near:
        rows.append({"kind": "duplicate", "reason": "near-duplicate of another article",
                     "n": int(near), "examples": _duplicate_examples(corpus, "near", examples)})
    for note in getattr(report, "notes", []):  # free text that carries its own count
        rows.append({"kind": "note", "reason": note, "n": "", "examples": ""})
    return pd.DataFrame(rows, columns=["kind", "reason", "n", "examples"])


def duplicates(df: pd.DataFrame, *, max_ids: int = 5) -> pd.DataFrame:
    """One row per group of duplicated articles (the corpus's ``duplicate_of`` marks).

    ``doc_id`` (the first copy), ``kind``, ``copies`` (including the first), ``outlets``,
    ``first_published``, ``last_published``, ``title`` and ``copy_ids``.
    """
    _check(df, ("doc_id", "text"))
    if "duplicate_of" not in df.columns:
        from .corpus import exact_duplicates

        dup_of = exact_duplicates(df)
        kind = pd.Series("exact", index=df.index).where(dup_of.notna())
    else:
        dup_of = df["duplicate_of"]
        kind = df.get("duplicate_kind", pd.Series("exact", index=df.index))
    cols = ["doc_id", "kind", "copies", "outlets", "first_published", "last_published",
            "title", "copy_ids"]
    mask = dup_of.notna()
    if not mask.any():
        return pd.DataFrame(columns=cols)
    group = dup_of.where(mask, df["doc_id"])
    in_group = group.isin(set(dup_of[mask]))
    part = df.loc[in_group].assign(_group=group[in_group], _kind=kind[in_group],
                                   _source=_source(df)[in_group])
    published = (pd.to_datetime(part["published"], utc=True) if "published" in part.columns
                 else pd.Series(pd.NaT, index=part.index))
    # One pass over the rows (a per-group DataFrame selection costs ~10 ms a group, seconds
    # on a wire corpus with hundreds of duplicate groups).
    titles = part["title"] if "title" in part.columns else pd.Series(None, index=part.index)
    groups: dict[Any, dict[str, Any]] = {}
    for doc, gid, k, src, pub, title in zip(part["doc_id"], part["_group"], part["_kind"],
                                            part["_source"], published, titles, strict=True):
        e = groups.setdefault(gid, {"ids": [], "kinds": set(), "outlets": set(), "pubs": [],
                                    "title": title, "own": False, "n": 0})
        e["n"] += 1
        if doc == gid:
            if not e["own"]:
                e["title"], e["own"] = title, True
        else:
            e["ids"].append(doc)
        if not pd.isna(k):
            e["kinds"].add(str(k))
        e["outlets"].add(src)
        if not pd.isna(pub):
            e["pubs"].append(pub)
    rows = []
    for gid, e in groups.items():
        ids, title = e["ids"], e["title"]
        rows.append({
            "doc_id": gid,
            "kind": ", ".join(sorted(e["kinds"])) or "exact",
            "copies": e["n"],
            "outlets": ", ".join(sorted(e["outlets"])),
            "first_published": _day(min(e["pubs"])) if e["pubs"] else None,
            "last_published": _day(max(e["pubs"])) if e["pubs"] else None,
            "title": None if pd.isna(title) else str(title),
            "copy_ids": ", ".join(ids[:max_ids]) + (" ..." if len(ids) > max_ids else ""),
        })
    return (pd.DataFrame(rows, columns=cols)
            .sort_values(["copies", "doc_id"], ascending=[False, True], ignore_index=True))


def _day(ts: Any) -> str | None:
    return None if pd.isna(ts) else ts.strftime("%Y-%m-%d")


def lengths(df: pd.DataFrame, *, by: str = "source") -> pd.DataFrame:
    """Per article: ``doc_id``, the group (``by``, the outlet by default), ``n_words``
    (:func:`medialens.text.words`), ``n_chars``."""
    _check(df, ("doc_id", "text") if by == "source" else ("doc_id", "text", by))
    texts = df["text"].fillna("").astype("str").tolist()
    group = (_source(df) if by == "source"
             else df[by].where(df[by].notna(), missing_label(by)).astype("str"))
    return pd.DataFrame({
        "doc_id": df["doc_id"].to_numpy(),
        by: group.to_numpy(),
        "n_words": np.array([len(_WORD.findall(t)) for t in texts], dtype=int),
        "n_chars": np.array([len(t) for t in texts], dtype=int),
    })


def length_summary(per_doc: pd.DataFrame, *, short: int = SHORT_WORDS,
                   by: str = "source") -> pd.DataFrame:
    """Article length in words per outlet (and overall) from a :func:`lengths` table:
    quantiles, and how many articles are empty or shorter than ``short`` words.

    >>> t = pd.DataFrame({"doc_id": ["a", "b", "c"], "source": ["X", "X", "Y"],
    ...                   "text": ["One two.", "", "Three"]})
    >>> length_summary(lengths(t))[["source", "n_docs", "median_words", "empty"]].values.tolist()
    [['X', 2, 1.0, 1], ['Y', 1, 1.0, 0], ['all outlets', 3, 1.0, 1]]
    """
    _check(per_doc, (by, "n_words"))

    def describe(name: str, w: pd.Series) -> dict[str, Any]:
        return {by: name, "n_docs": len(w), "median_words": float(w.median()),
                "p10_words": float(w.quantile(0.1)), "p90_words": float(w.quantile(0.9)),
                "min_words": int(w.min()), "max_words": int(w.max()),
                "empty": int((w == 0).sum()), f"under_{short}_words": int(((w > 0) & (w < short)).sum())}

    if per_doc.empty:
        return pd.DataFrame(columns=[by, "n_docs", "median_words", "p10_words",
                                     "p90_words", "min_words", "max_words", "empty",
                                     f"under_{short}_words"])
    rows = [describe(str(s), g["n_words"]) for s, g in per_doc.groupby(by, sort=True)]
    if len(rows) > 1:  # one group: its row IS the total
        rows.append(describe("all outlets" if by == "source" else "all", per_doc["n_words"]))
    return pd.DataFrame(rows)


def excerpt(text: Any, width: int = 200) -> str:
    """The first ``width`` characters of ``text`` on one line, cut at a word, with an ellipsis.

    >>> excerpt("Support  rose\\nto 43 pct in the poll.", width=16)
    'Support rose to…'
    """
    if not isinstance(text, str):
        return ""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= width:
        return flat
    cut = flat[:width]
    space = cut.rfind(" ")
    return (cut[:space] if space > width // 2 else cut).rstrip(" ,;:") + "…"


def sample(df: pd.DataFrame, *, n: int = 8, seed: int = 0, width: int = 200) -> pd.DataFrame:
    """A reproducible random sample: ``doc_id``, ``source``, ``published``, ``title``, ``excerpt``.

    Plain strings: show the frame as a DataFrame (escaped), never as Markdown or HTML.
    """
    _check(df, ("doc_id", "text"))
    if n < 1:
        raise ParameterError(f"n={n!r} must be at least 1")
    picked = df.sample(n=min(n, len(df)), random_state=seed) if len(df) else df
    if "published" in picked.columns:
        picked = picked.sort_values("published", na_position="last")
    published = (pd.to_datetime(picked["published"], utc=True).dt.strftime("%Y-%m-%d")
                 if "published" in picked.columns else pd.Series(pd.NA, index=picked.index))
    return pd.DataFrame({
        "doc_id": picked["doc_id"].to_numpy(),
        "source": _source(picked).to_numpy(),
        "published": published.to_numpy(),
        "title": [t if isinstance(t, str) and t else "(no title)"
                  for t in picked.get("title", pd.Series(None, index=picked.index))],
        "excerpt": [excerpt(t, width) for t in picked["text"]],
    })


def describe_figures(summary: Mapping[str, Any]) -> Any:
    """:func:`corpus_summary` (or any key figures) as a two-column table for display, each value
    formatted as the run's index page formats it (:func:`medialens.reports.format.figures`).

    >>> describe_figures({"documents": 3000, "first date": None}).frame.values.tolist()
    [['documents', '3,000'], ['first date', '–']]
    """
    from .reports.format import figures

    return figures(summary)


__all__ = [
    "NO_SOURCE",
    "SHORT_WORDS",
    "UNDATED_LEFT_OUT",
    "corpus_summary",
    "coverage_gaps",
    "describe_figures",
    "duplicates",
    "excerpt",
    "ingest_problems",
    "length_summary",
    "lengths",
    "missing_label",
    "sample",
    "undated_left_out",
    "volume",
    "with_groups",
]
