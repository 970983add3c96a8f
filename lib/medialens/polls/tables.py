"""Tables built from extracted poll figures: a tracker series and reporting quality per outlet.

>>> figs = pd.DataFrame({"doc_id": ["a", "a", "b"], "poll_id": ["a#0", "a#0", "a#0"],
...     "kind": ["share"] * 3, "subject": ["Labour", "Conservative", "Labour"], "measure": ["vote"] * 3,
...     "value": [35.0, 41.0, 35.0], "pollster": ["MORI"] * 3, "sample_size": [1000, 1000, None],
...     "margin_of_error": [None] * 3, "fieldwork_start": pd.NaT, "fieldwork_end": pd.NaT,
...     "published": pd.to_datetime(["1987-03-01", "1987-03-01", "1987-03-02"], utc=True),
...     "source": ["Reuters", "Reuters", "Wire"]})
>>> tracker_table(figs)[["subject", "value", "n_reports"]].values.tolist()
[['Conservative', 41.0, 1], ['Labour', 35.0, 2]]
>>> reporting_quality(figs)[["source", "poll_articles", "with_sample_size"]].values.tolist()
[['Reuters', 1, 1.0], ['Wire', 1, 0.0]]
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from ..errors import ParameterError
from .link import modal_value, poll_dates

DateBasis = Literal["fieldwork", "published"]


def tracker_table(figures: pd.DataFrame, *, kind: str = "share", subjects: list[str] | None = None,
                  measures: list[str] | None = None, pollsters: list[str] | None = None) -> pd.DataFrame:
    """One row per poll and subject/measure: the series a poll tracker plots.

    The date is the fieldwork end (else start) when the text states it, else the article's
    publication date (``date_basis`` says which). Repeats of one poll (same ``poll_id``, see
    :func:`medialens.polls.link_polls`) count once, with the value most of its reports give;
    ``n_reports`` says how many articles reported it.
    """
    need = {"poll_id", "kind", "subject", "value", "doc_id"}
    missing = sorted(need - set(figures.columns))
    if missing:
        raise ParameterError(f"tracker_table: the figures table lacks column(s) {missing}")
    df = figures[(figures["kind"] == kind) & figures["subject"].notna()].copy()
    if subjects is not None:
        df = df[df["subject"].isin(subjects)]
    if measures is not None and "measure" in df:
        df = df[df["measure"].isin(measures)]
    if pollsters is not None and "pollster" in df:
        df = df[df["pollster"].isin(pollsters)]
    cols = ["poll_id", "subject", "measure", "value", "pollster", "date", "date_basis", "n_reports", "doc_ids"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    fw = poll_dates(df.drop(columns=[c for c in ("published",) if c in df.columns]))
    df["date"] = poll_dates(df)
    df["date_basis"] = fw.notna().map({True: "fieldwork", False: "published"})
    if "measure" not in df:
        df["measure"] = None
    if "pollster" not in df:
        df["pollster"] = None
    rows = []
    for (pid, subj, meas), g in df.groupby(["poll_id", "subject", "measure"], dropna=False, sort=False):
        first = g.iloc[0]
        # the value most reports give (the earliest report's on a tie): one misread figure in
        # one article does not move the poll
        value = modal_value(g["value"])
        rows.append(dict(poll_id=pid, subject=subj, measure=meas, value=value,
                         pollster=next((p for p in g["pollster"] if isinstance(p, str)), None),
                         date=g["date"].min(), date_basis=first["date_basis"],
                         n_reports=g["doc_id"].nunique(), doc_ids=";".join(sorted(map(str, g["doc_id"].unique())))))
    return pd.DataFrame(rows, columns=cols).sort_values(["subject", "date", "poll_id"], kind="stable").reset_index(drop=True)


def reporting_quality(figures: pd.DataFrame, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per outlet (``source``): how many articles report poll figures and how well.

    Columns: ``articles`` (all articles of the outlet, when ``corpus`` is given, else NaN),
    ``poll_articles``, ``poll_share`` (poll articles / articles) and the share of poll articles
    that name the pollster and give the sample size, the margin of error and fieldwork dates.
    """
    if "doc_id" not in figures.columns:
        raise ParameterError("reporting_quality: the figures table lacks column 'doc_id'")
    df = figures.copy()
    if "source" not in df.columns:
        df["source"] = None
    df["source"] = df["source"].fillna("(unknown)")
    per_doc = df.groupby("doc_id").agg(
        source=("source", "first"),
        with_pollster=("pollster", lambda s: s.notna().any()),
        with_sample_size=("sample_size", lambda s: s.notna().any()),
        with_margin_of_error=("margin_of_error", lambda s: s.notna().any()),
        with_fieldwork=("fieldwork_end", lambda s: s.notna().any()),
    )
    out = per_doc.groupby("source").agg(
        poll_articles=("with_pollster", "size"),
        with_pollster=("with_pollster", "mean"),
        with_sample_size=("with_sample_size", "mean"),
        with_margin_of_error=("with_margin_of_error", "mean"),
        with_fieldwork=("with_fieldwork", "mean"),
    ).reset_index()
    if corpus is not None and {"doc_id", "source"} <= set(corpus.columns):
        n = corpus.assign(source=corpus["source"].fillna("(unknown)")).groupby("source").size()
        out["articles"] = out["source"].map(n).astype("float64")
    else:
        out["articles"] = float("nan")
    out["poll_share"] = out["poll_articles"] / out["articles"]
    cols = ["source", "articles", "poll_articles", "poll_share", "with_pollster", "with_sample_size",
            "with_margin_of_error", "with_fieldwork"]
    return out[cols].sort_values("poll_articles", ascending=False, kind="stable").reset_index(drop=True)


__all__ = ["reporting_quality", "tracker_table"]
