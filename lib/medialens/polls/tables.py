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
                  measures: list[str] | None = None, pollsters: list[str] | None = None,
                  subgroups: bool = False) -> pd.DataFrame:
    """One row per poll and subject/measure: the series a poll tracker plots.

    The date is the fieldwork end (else start) when the text states it, else the article's
    publication date (``date_basis`` says which). Repeats of one poll (same ``poll_id``, see
    :func:`medialens.polls.link_polls`) count once, with the value most of its reports give;
    ``n_reports`` says how many articles reported it and ``other_values`` lists any other
    value given for the same poll and series (nothing is dropped without a trace). With a ``country`` column (see
    :func:`medialens.polls.add_country`) a subject in two countries is two series ("Labour" in
    the UK and in New Zealand); with a ``region`` column (see :func:`medialens.polls.add_region`) a
    state's or province's polls are a series of their own ("Trump" in Iowa polls, not in the
    national series). ``unit`` is percent for shares and points for leads and changes,
    so a plot never puts the two on one axis.

    Figures about a part of a poll's sample ("78% among Black voters": a ``subgroup``) are left
    out unless ``subgroups=True``: they are not the poll's level, and a series that mixed them
    in would jump from 45% to 15% and back. ``attrs["subgroup_figures_left_out"]`` counts them.
    """
    if kind not in ("share", "lead", "change"):
        raise ParameterError(f"kind={kind!r} is not one of 'share', 'lead', 'change'")
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"tracker_table needs a DataFrame of poll figures, got {type(figures).__name__}")
    need = {"poll_id", "kind", "subject", "value", "doc_id"}
    missing = sorted(need - set(figures.columns))
    if missing:
        raise ParameterError(f"tracker_table: the figures table lacks column(s) {missing}")
    df = figures[(figures["kind"] == kind) & figures["subject"].notna()].copy()
    left_out = 0
    if not subgroups and "subgroup" in df.columns:
        part = df["subgroup"].notna() & df["subgroup"].astype(str).str.strip().ne("")
        left_out, df = int(part.sum()), df[~part]
    if subjects is not None:
        df = df[df["subject"].isin(subjects)]
    if measures is not None and "measure" in df:
        df = df[df["measure"].isin(measures)]
    if pollsters is not None and "pollster" in df:
        df = df[df["pollster"].isin(pollsters)]
    cols = ["poll_id", "subject", "country", "region", "measure", "unit", "value", "pollster", "date", "date_basis",
            "n_reports", "doc_ids", "other_values"]
    if df.empty:
        out = pd.DataFrame(columns=cols)
        out.attrs["subgroup_figures_left_out"] = left_out
        return out
    fw = poll_dates(df.drop(columns=[c for c in ("published",) if c in df.columns]))
    df["date"] = poll_dates(df)
    df["date_basis"] = fw.notna().map({True: "fieldwork", False: "published"})
    if "measure" not in df:
        df["measure"] = None
    if "pollster" not in df:
        df["pollster"] = None
    if "country" not in df:
        df["country"] = None
    if "region" not in df:
        df["region"] = None
    unit = "percent" if kind == "share" else "points"
    rows = []
    for (pid, subj, country, region, meas), g in df.groupby(["poll_id", "subject", "country", "region", "measure"],
                                                            dropna=False, sort=False):
        first = g.iloc[0]
        # the value most reports give (the earliest report's on a tie): one misread figure in
        # one article does not move the poll
        value = modal_value(g["value"])
        rows.append(dict(poll_id=pid, subject=subj, country=None if pd.isna(country) else country,
                         region=None if pd.isna(region) else region, measure=meas, unit=unit, value=value,
                         pollster=next((p for p in g["pollster"] if isinstance(p, str)), None),
                         date=g["date"].min(), date_basis=first["date_basis"],
                         n_reports=g["doc_id"].nunique(), doc_ids=";".join(sorted(map(str, g["doc_id"].unique()))),
                         # the values not plotted (a misread report, or two figures the
                         # extractor gave one subject): listed, never dropped silently
                         other_values="; ".join(f"{v:g}" for v in sorted(set(g["value"]) - {value}))
                         or None))
    out = pd.DataFrame(rows, columns=cols).sort_values(["subject", "date", "poll_id"], kind="stable").reset_index(drop=True)
    out.attrs["subgroup_figures_left_out"] = left_out
    return out


def reporting_quality(figures: pd.DataFrame, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per outlet (``source``): how many articles report poll figures and how well.

    Columns: ``articles`` (all articles of the outlet, when ``corpus`` is given, else NaN),
    ``poll_articles``, ``poll_share`` (poll articles / articles) and the share of poll articles
    that name the pollster and give the sample size, the margin of error and fieldwork dates.
    """
    if "doc_id" not in figures.columns:
        raise ParameterError("reporting_quality: the figures table lacks column 'doc_id'")
    from ..overview import NO_SOURCE  # the one label of a missing outlet

    cols = ["source", "articles", "poll_articles", "poll_share", "with_pollster", "with_sample_size",
            "with_margin_of_error", "with_fieldwork"]
    if figures.empty:  # no poll figure: no outlet reports polls (a mean over nothing fails)
        return pd.DataFrame(columns=cols)
    df = figures.copy()
    if "source" not in df.columns:
        df["source"] = None
    df["source"] = df["source"].fillna(NO_SOURCE)
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
        n = corpus.assign(source=corpus["source"].fillna(NO_SOURCE)).groupby("source").size()
        out["articles"] = out["source"].map(n).astype("float64")
    else:
        out["articles"] = float("nan")
    out["poll_share"] = out["poll_articles"] / out["articles"]
    return out[cols].sort_values("poll_articles", ascending=False, kind="stable").reset_index(drop=True)


def _day(values: pd.Series) -> pd.Series:
    """Dates as ``YYYY-MM-DD`` strings (None where unknown): what a reader needs in a table."""
    ts = pd.to_datetime(values, errors="coerce", utc=True)
    return ts.dt.strftime("%Y-%m-%d").astype(object).where(ts.notna(), None)


def _need(figures: pd.DataFrame, columns: tuple[str, ...], name: str) -> None:
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"{name} needs a DataFrame of poll figures, got {type(figures).__name__}")
    missing = [c for c in columns if c not in figures.columns]
    if missing:
        raise ParameterError(f"{name}: the figures table lacks column(s) {missing}")


# few columns, so the sentence (the evidence) gets the width; the saved figures table has the rest
FIGURE_TABLE_COLUMNS = ("published", "source", "pollster", "subject", "subgroup", "region", "measure", "kind",
                        "value", "confidence", "figure", "sentence")


# columns a corpus often has nothing for: left out of the table when no figure has a value
_OPTIONAL_COLUMNS = ("subgroup", "region")


def figure_table(figures: pd.DataFrame, corpus: pd.DataFrame | None = None, *,
                 keep_empty: bool = False) -> pd.DataFrame:
    """The figures for reading: date, outlet, pollster, subject, subgroup (the part of the
    sample a figure is about, when not all of it), region (a regional poll's state or province, when
    :func:`medialens.polls.add_region` added it), measure, kind (share, lead,
    change), value, confidence, the figure as written (``text[start:end]``, when ``corpus``
    gives the texts) and its sentence, in publication order. Plain strings: show it
    as a DataFrame, which escapes them. ``subgroup`` and ``region`` are left out when no
    figure has one (the sentence gets the width), unless ``keep_empty``.

    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["A poll found 41 pct backed Labour."]})
    >>> from medialens.polls import extract_corpus
    >>> figure_table(extract_corpus(corpus), corpus)[["subject", "value", "figure"]].values.tolist()
    [['Labour', 41.0, '41 pct']]
    """
    _need(figures, ("doc_id", "value", "sentence"), "figure_table")
    df = figures.copy()
    for col in FIGURE_TABLE_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df["_pub"] = pd.to_datetime(df["published"], errors="coerce", utc=True)
    order = ["_pub", "doc_id"] + (["start"] if "start" in df.columns else [])
    df = df.sort_values(order, kind="stable", na_position="last")
    if corpus is not None and {"doc_id", "text"} <= set(corpus.columns) and {"start", "end"} <= set(df.columns):
        texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"], strict=True))
        df["figure"] = [texts[d][a:b] if isinstance(texts.get(d), str) else None
                        for d, a, b in zip(df["doc_id"].astype(str), df["start"], df["end"], strict=True)]
    df["published"] = _day(df["published"])
    for col in ("figure", "sentence"):  # hard-wrapped copy ("33\npct") reads as one line
        df[col] = [" ".join(v.split()) if isinstance(v, str) else v for v in df[col]]
    cols = [c for c in FIGURE_TABLE_COLUMNS
            if keep_empty or c not in _OPTIONAL_COLUMNS or df[c].notna().any()]
    return df[cols].reset_index(drop=True)


def change_conflicts(figures: pd.DataFrame, *, tolerance: float = 1.0, max_gap_days: int = 90) -> pd.DataFrame:
    """Figures whose stated change disagrees with the same pollster's previous poll, with both
    numbers: the stated ``change`` (and the prior it implies) against the previous poll's
    value, its date and the change it implies (see :func:`medialens.polls.flag_inconsistent_changes`).
    """
    from .link import flag_inconsistent_changes

    flagged = flag_inconsistent_changes(figures, tolerance=tolerance, max_gap_days=max_gap_days)
    cols = ["published", "source", "pollster", "subject", "measure", "value", "stated_change", "stated_prior",
            "previous_value", "previous_date", "implied_change", "sentence", "doc_id", "poll_id", "previous_poll_id"]
    bad = flagged[flagged["change_inconsistent"].fillna(False).astype(bool)].copy()
    if bad.empty:
        return pd.DataFrame(columns=cols)
    dates = poll_dates(flagged).groupby(flagged["poll_id"]).min()
    bad["stated_change"] = bad["change"]
    bad["stated_prior"] = bad["value"] - bad["change"]
    bad["previous_date"] = _day(bad["previous_poll_id"].map(dates))
    bad["published"] = _day(bad["published"]) if "published" in bad else None
    for col in ("source", "sentence", "measure"):
        if col not in bad.columns:
            bad[col] = None
    return bad[cols].reset_index(drop=True)


def key_figures(figures: pd.DataFrame, corpus: pd.DataFrame | None = None) -> dict[str, object]:
    """The headline numbers of a poll report (for ``reports.record_summary`` and a small table).

    >>> key_figures(pd.DataFrame(columns=["doc_id", "poll_id", "pollster"]))["poll figures"]
    0
    """
    _need(figures, ("doc_id", "poll_id"), "key_figures")
    out: dict[str, object] = {}
    if corpus is not None:
        out["articles"] = len(corpus)
        if "lang" in corpus.columns:
            # the extractor reads English: "62 Prozent", "68 pour cent" are never found, and
            # "no poll figure" would otherwise read as "no poll"
            base = corpus["lang"].astype("string").str.lower().str.split(r"[-_]").str[0]
            other = int((base.notna() & (base != "en") & (base != "")).sum())
            if other:
                out["articles not in English (not read: the extractor reads English)"] = other
    out["articles with poll figures"] = int(figures["doc_id"].nunique())
    out["poll figures"] = len(figures)
    out["polls (each counted once)"] = int(figures["poll_id"].nunique())
    if "pollster" in figures.columns:
        out["pollsters named"] = int(figures["pollster"].nunique())
    if len(figures):
        dates = poll_dates(figures).groupby(figures["poll_id"]).min()
        fw = poll_dates(figures.drop(columns=[c for c in ("published",) if c in figures.columns]))
        dated_by_fieldwork = fw.notna().groupby(figures["poll_id"]).any()
        out["polls dated by fieldwork (%)"] = round(100 * float(dated_by_fieldwork.mean()), 1)
        n_dated = int(dates.notna().sum())
        if n_dated > 1:
            out["first poll"] = f"{dates.min():%Y-%m-%d}"
            out["last poll"] = f"{dates.max():%Y-%m-%d}"
        elif n_dated == 1:  # "first" and "last" of one poll would read as a series
            out["only dated poll"] = f"{dates.min():%Y-%m-%d}"
        if n_dated < len(dates):
            out["polls without a date"] = len(dates) - n_dated
    return out


__all__ = ["FIGURE_TABLE_COLUMNS", "change_conflicts", "figure_table", "key_figures", "reporting_quality",
           "tracker_table"]
