"""Compare extracted poll figures with a reference table of polls (e.g. PollBase).

A reference table is long-format, one row per poll and subject: ``ref_id, pollster,
fieldwork_start, fieldwork_end, published, subject, value`` (``publisher`` optional).
:func:`pollbase_table` turns a PollBase sheet (Mark Pack's British voting-intention polls,
read by the caller with ``pd.read_csv``) into that shape; researchers with their own reference
tables only need those columns.

>>> ref = pd.DataFrame({"ref_id": [1, 1], "pollster": "MORI", "publisher": "ST",
...     "fieldwork_start": pd.Timestamp("1987-03-06"), "fieldwork_end": pd.Timestamp("1987-03-10"),
...     "published": pd.Timestamp("1987-03-15"), "subject": ["Conservative", "Labour"], "value": [41.0, 32.0]})
>>> figs = pd.DataFrame({"doc_id": "a", "poll_id": "a#0", "pollster": "MORI", "kind": "share",
...     "subject": ["Conservative", "Labour"], "value": [41.0, 32.0], "fieldwork_start": pd.NaT,
...     "fieldwork_end": pd.NaT, "published": pd.Timestamp("1987-03-15", tz="UTC")})
>>> match_reference(figs, ref)[["status", "ref_id", "max_abs_diff"]].values.tolist()
[['match', 1, 0.0]]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .learn import subject_key
from .link import poll_dates

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_NOT_POLLS = re.compile(r"^(?:G9000|Result|Exit\s+polls?|Average|Poll\s+of\s+polls)$", re.I)
#: PollBase publisher abbreviations as PROVENANCE.md reads them ("appear to be"); used only to
#: prefer, among equally close reference polls, the one from the outlet the article names.
PUBLISHER_NAMES: dict[str, str] = {
    "GU": "Guardian", "TT": "Times", "ST": "Sunday Times", "DT": "Daily Telegraph",
    "STel": "Sunday Telegraph", "ES": "Evening Standard", "OB": "Observer",
    "IoS": "Independent on Sunday", "MoS": "Mail on Sunday", "DE": "Daily Express",
    "DS": "Daily Star", "DM": "Daily Mail", "FT": "Financial Times", "NotW": "News of the World",
}
REFERENCE_COLUMNS = ("ref_id", "pollster", "fieldwork_start", "fieldwork_end", "published", "subject", "value")


def _day(x: object) -> int | None:
    m = re.search(r"\d+", str(x)) if x is not None and not (isinstance(x, float) and np.isnan(x)) else None
    return int(m.group(0)) if m else None


def _add_month(year: int, month: int, n: int = 1) -> tuple[int, int]:
    month += n
    return year + (month - 1) // 12, (month - 1) % 12 + 1


def _date(year: int, month: int, day: int | None) -> pd.Timestamp:
    if day is None:
        return pd.NaT
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return pd.NaT


def pollbase_table(raw: pd.DataFrame) -> pd.DataFrame:
    """A PollBase sheet (as read from its CSV) as a long reference table.

    Fills ``Year`` down, turns ``Fieldwork`` ("6-10", "25-2" across a month end, "?-12") and the
    publication day (``Date`` or ``Published``, which may fall in the next month) into dates,
    drops Gallup aggregates (G9000), exit polls and results. The third-party column ``LD`` is
    the SDP-Liberal "Alliance" up to 1987 and "Liberal Democrats" afterwards. ``ref_id`` is the
    sheet row.
    """
    need = {"sheet_row", "Year", "Month", "Fieldwork", "Polling", "Con", "Lab", "LD"}
    missing = sorted(need - set(raw.columns))
    if missing:
        raise ParameterError(f"pollbase_table: not a PollBase sheet, missing column(s) {missing}")
    pub_col = "Date" if "Date" in raw.columns else ("Published" if "Published" in raw.columns else None)
    years = pd.to_numeric(raw["Year"], errors="coerce").ffill()
    rows = []
    for i, r in raw.iterrows():
        pollster = r["Polling"]
        if not isinstance(pollster, str) or _NOT_POLLS.match(pollster.strip()) or pd.isna(years[i]):
            continue
        month_name = str(r["Month"]).strip().lower()[:3]
        if month_name not in _MONTHS:
            continue
        year, month = int(years[i]), _MONTHS[month_name]
        fw = str(r["Fieldwork"]).replace("?", " ").strip() if isinstance(r["Fieldwork"], str) else ""
        parts = [p for p in re.split(r"\s*-\s*", fw) if p.strip()]
        d1 = _day(parts[0]) if parts else None
        d2 = _day(parts[-1]) if parts else None
        if len(parts) == 1 and fw.endswith(parts[0]) and re.match(r"^\s*-", str(r["Fieldwork"]).replace("?", "")):
            d1 = None  # "?-12": start unknown
        if fw and re.match(r"^\s*-", fw):
            d1 = None
        end_y, end_m = (year, month)
        if d1 is not None and d2 is not None and d2 < d1:
            end_y, end_m = _add_month(year, month)
        fw_start = _date(year, month, d1)
        fw_end = _date(end_y, end_m, d2)
        pday = _day(r[pub_col]) if pub_col else None
        if pday is None:
            published = pd.NaT
        elif d2 is not None and pday < d2:
            published = _date(*_add_month(end_y, end_m), pday)
        else:
            published = _date(end_y, end_m, pday)
        third = "Alliance" if year <= 1987 else "Liberal Democrats"
        for col, subject in (("Con", "Conservative"), ("Lab", "Labour"), ("LD", third), ("SDP", "SDP"), ("Green", "Green")):
            if col in raw.columns:
                v = pd.to_numeric(pd.Series([r[col]]), errors="coerce").iloc[0]
                if pd.notna(v):
                    rows.append(dict(ref_id=r["sheet_row"], pollster=pollster.strip(),
                                     publisher=r.get("Publisher"), fieldwork_start=fw_start,
                                     fieldwork_end=fw_end, published=published, subject=subject,
                                     value=float(v)))
    return pd.DataFrame(rows, columns=[*REFERENCE_COLUMNS[:2], "publisher", *REFERENCE_COLUMNS[2:]])


def _norm(x: object) -> str | None:
    if not isinstance(x, str) or not x.strip():
        return None
    return re.sub(r"\s+(?:research|organisation|poll|research centre|interactive)$", "", x.lower().strip())


def _publisher_agrees(sponsor: str | None, publisher: object) -> bool | None:
    """True/False when both are known, None otherwise."""
    if not isinstance(sponsor, str) or not isinstance(publisher, str) or not publisher.strip():
        return None
    if sponsor == sponsor.lower():
        return None  # a description ("commercial television"), not an outlet's name
    full = PUBLISHER_NAMES.get(publisher.strip(), publisher.strip()).lower()
    sp = re.sub(r"^the\s+", "", sponsor.lower())
    return sp == full or sp in full or full in sp


def _pollster_ok(a: str | None, b: str | None) -> bool:
    return a is None or (b is not None and (a == b or a in b or b in a))


def match_reference(figures: pd.DataFrame, table: pd.DataFrame, *, max_days: int = 4,
                    tolerance: float = 0.5, min_shares: int = 2) -> pd.DataFrame:
    """Match each extracted poll with a reference poll; one row per extracted poll.

    An extracted poll (figures sharing a ``poll_id``) is comparable when it has at least
    ``min_shares`` share figures for subjects the reference knows. It matches a reference poll
    when the pollsters agree (an unknown extracted pollster is not held against it, see
    ``pollster_checked``), a date of the extracted poll (fieldwork end, else the article's
    publication) is within ``max_days`` of the reference's publication or fieldwork end, and
    every compared share is within ``tolerance``. ``status`` is ``match``, ``mismatch``
    (candidates on pollster and date exist but shares differ) or ``no reference poll``.
    """
    for name, df, cols in (("figures", figures, ("poll_id", "kind", "subject", "value", "pollster")),
                           ("table", table, REFERENCE_COLUMNS)):
        if not isinstance(df, pd.DataFrame):
            raise ParameterError(f"match_reference: {name} must be a DataFrame")
        missing = [c for c in cols if c not in df.columns]
        if missing:
            raise ParameterError(f"match_reference: {name} lacks column(s) {missing}")
    if max_days < 0 or tolerance < 0 or min_shares < 1:
        raise ParameterError("match_reference: max_days and tolerance must be >= 0 and min_shares >= 1")
    subjects = {subject_key(s): s for s in table["subject"].dropna().unique()}
    refs = []
    for rid, g in table.groupby("ref_id", sort=False):
        first = g.iloc[0]
        dates = [d for d in (pd.Timestamp(first["published"]), pd.Timestamp(first["fieldwork_end"])) if pd.notna(d)]
        refs.append(dict(ref_id=rid, pollster=_norm(first["pollster"]), raw_pollster=first["pollster"],
                         publisher=first.get("publisher"), dates=[d.tz_localize(None) if d.tzinfo else d for d in dates],
                         published=first["published"], shares=dict(zip(g["subject"].map(subject_key), g["value"], strict=True))))
    fig = figures[figures["kind"] == "share"].copy()
    fig["_date"] = poll_dates(fig)
    pub = (pd.to_datetime(fig["published"], errors="coerce", utc=True).dt.tz_localize(None).dt.normalize()
           if "published" in fig.columns else pd.Series(pd.NaT, index=fig.index))
    fig["_pub"] = pub
    out = []
    for pid, g in fig.groupby("poll_id", sort=False):
        shares: dict[str, float] = {}
        for s, v in zip(g["subject"], g["value"], strict=True):
            if isinstance(s, str) and subject_key(s) in subjects:
                shares.setdefault(subject_key(s), float(v))
        pol_raw = next((x for x in g["pollster"] if isinstance(x, str)), None)
        sponsor = next((x for x in g["sponsor"] if isinstance(x, str)), None) if "sponsor" in g else None
        pol = _norm(pol_raw)
        our_dates = [d for d in {g["_date"].min(), g["_pub"].min()} if pd.notna(d)]
        row = dict(poll_id=pid, doc_ids=";".join(sorted({str(d) for d in g.get("doc_id", [])})),
                   pollster=pol_raw, date=min(our_dates) if our_dates else pd.NaT, n_shares=len(shares),
                   status="not comparable", ref_id=None, ref_pollster=None, ref_publisher=None,
                   ref_published=pd.NaT, max_abs_diff=np.nan, pollster_checked=pol is not None)
        if len(shares) < min_shares:
            out.append(row)
            continue
        best = None
        any_candidate = False
        for r in refs:
            if not _pollster_ok(pol, r["pollster"]):
                continue
            gaps = [abs((a - b).days) for a in our_dates for b in r["dates"]]
            if not gaps or min(gaps) > max_days:
                continue
            common = [s for s in shares if s in r["shares"]]
            if len(common) < min_shares:
                continue
            agrees = _publisher_agrees(sponsor, r["publisher"])
            if pol is None and agrees is False:
                continue  # neither pollster nor outlet agree: not the same poll
            any_candidate = True
            diff = max(abs(shares[s] - r["shares"][s]) for s in common)
            key = (diff, agrees is False, min(gaps))
            if best is None or key < best[0]:
                best = (key, r)
        if best is None:
            row["status"] = "no reference poll" if not any_candidate else "mismatch"
        else:
            (diff, _, _), r = best
            row.update(status="match" if diff <= tolerance else "mismatch", ref_id=r["ref_id"],
                       ref_pollster=r["raw_pollster"], ref_publisher=r["publisher"],
                       ref_published=r["published"], max_abs_diff=diff)
        out.append(row)
    return pd.DataFrame(out, columns=["poll_id", "doc_ids", "pollster", "date", "n_shares", "status", "ref_id",
                                      "ref_pollster", "ref_publisher", "ref_published", "max_abs_diff",
                                      "pollster_checked"])


def evaluate(figures: pd.DataFrame, expected: pd.DataFrame, *, tolerance: float = 0.06,
             docs: Iterable[str] | None = None, negatives: Iterable[str] | None = None) -> dict[str, Any]:
    """Precision and recall of extracted figures against a hand-labelled table.

    A match is the same ``doc_id`` and ``kind`` with ``value`` within ``tolerance``; each
    expected figure is matched at most once. ``docs`` limits both tables to the labelled
    documents (so a labelled document with no expected figure counts against precision).
    Returns ``tp, fp, fn, precision, recall``, ``matches`` (pairs of row labels), ``by_kind``
    (the same per ``share``/``lead``/``change``), ``subject_accuracy`` (matched figures whose
    subject agrees, :func:`.learn.subject_agrees`, of those with a labelled subject),
    ``pollster_accuracy`` (likewise, a pollster name containing the other) and, when
    ``negatives`` names the labelled articles without poll figures, ``negative_docs`` and
    ``false_per_negative`` (figures found there per article).

    >>> got = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["share", "share"], "value": [41.0, 7.0]})
    >>> gold = pd.DataFrame({"doc_id": ["a", "a"], "kind": ["share", "lead"], "value": ["41", "6"]})
    >>> r = evaluate(got, gold); (r["tp"], r["fp"], r["fn"], r["precision"], r["recall"])
    (1, 1, 1, 0.5, 0.5)
    """
    from .learn import subject_agrees

    if docs is not None:
        keep = {str(d) for d in docs}
        figures = figures[figures["doc_id"].astype(str).isin(keep)]
        expected = expected[expected["doc_id"].astype(str).isin(keep)]
    left: dict[str, list[tuple[Any, str, float]]] = {}
    for label, d, kind, value in zip(expected.index, expected["doc_id"].astype(str),
                                     expected["kind"], expected["value"].astype(float),
                                     strict=True):
        left.setdefault(d, []).append((label, kind, value))
    matches, fp = [], 0
    fp_kind: dict[str, int] = {}
    for label, d, kind, value in zip(figures.index, figures["doc_id"].astype(str),
                                     figures["kind"], figures["value"].astype(float),
                                     strict=True):
        pool = left.get(d, [])
        hit = next((g for g in pool if g[1] == kind and abs(g[2] - value) < tolerance), None)
        if hit is None:
            fp += 1
            fp_kind[kind] = fp_kind.get(kind, 0) + 1
        else:
            pool.remove(hit)
            matches.append((label, hit[0]))
    tp, fn = len(matches), sum(len(v) for v in left.values())
    ratio = lambda a, b: a / b if b else float("nan")  # noqa: E731
    by_kind = {}
    for kind in ("share", "lead", "change"):
        k_tp = sum(1 for _, g in matches if expected.at[g, "kind"] == kind)
        k_fn = sum(1 for v in left.values() for g in v if g[1] == kind)
        k_fp = fp_kind.get(kind, 0)
        by_kind[kind] = {"tp": k_tp, "fp": k_fp, "fn": k_fn, "precision": ratio(k_tp, k_tp + k_fp),
                         "recall": ratio(k_tp, k_tp + k_fn)}
    acc = {"subject": [0, 0], "pollster": [0, 0]}
    for f_label, g_label in matches:
        for col in acc:
            gold = expected.at[g_label, col] if col in expected.columns else None
            if gold is None or pd.isna(gold) or not str(gold).strip():
                continue
            pred = figures.at[f_label, col] if col in figures.columns else None
            pred = None if pred is None or pd.isna(pred) else str(pred)
            if col == "subject":
                ok = subject_agrees(str(gold), pred)
            else:
                g, p = str(gold).lower(), (pred or "").lower()
                ok = bool(p) and (g in p or p in g)
            acc[col][0] += ok
            acc[col][1] += 1
    out = {"tp": tp, "fp": fp, "fn": fn, "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
           "matches": matches, "by_kind": by_kind,
           "subject_accuracy": ratio(*acc["subject"]), "subject_compared": acc["subject"][1],
           "pollster_accuracy": ratio(*acc["pollster"]), "pollster_compared": acc["pollster"][1]}
    if negatives is not None:
        neg = {str(d) for d in negatives}
        n_false = int(figures["doc_id"].astype(str).isin(neg).sum())
        out.update(negative_docs=len(neg), false_on_negatives=n_false,
                   false_per_negative=ratio(n_false, len(neg)))
    return out


__all__ = ["REFERENCE_COLUMNS", "evaluate", "match_reference", "pollbase_table"]
