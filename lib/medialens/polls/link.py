"""One poll, many articles: link repeats of the same poll, and check stated changes.

:func:`link_polls` gives figures from the same poll reported by several articles (same
pollster, close dates, the same numbers) one ``poll_id``, so a tracker counts each poll once.
:func:`flag_inconsistent_changes` compares a stated change ("up 2 points") with the previous
poll of the same pollster on the same subject.

>>> df = pd.DataFrame({
...     "doc_id": ["a", "a", "b", "b"], "poll_id": ["a#0", "a#0", "b#0", "b#0"],
...     "pollster": ["MORI"] * 4, "sponsor": [None] * 4, "kind": ["share"] * 4,
...     "subject": ["Conservative", "Labour"] * 2, "measure": ["vote"] * 4,
...     "value": [41.0, 32.0, 41.0, 32.0], "fieldwork_start": pd.NaT, "fieldwork_end": pd.NaT,
...     "published": pd.to_datetime(["1987-03-15", "1987-03-15", "1987-03-16", "1987-03-16"], utc=True)})
>>> link_polls(df)["poll_id"].unique().tolist()
['a#0']
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
import pandas as pd

from ..errors import ParameterError

_NEEDED = ("doc_id", "poll_id", "pollster", "kind", "subject", "value")


def _check(df: pd.DataFrame, name: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise ParameterError(f"{name} needs a DataFrame of poll figures, got {type(df).__name__}")
    missing = [c for c in _NEEDED if c not in df.columns]
    if missing:
        raise ParameterError(f"{name}: the figures table lacks column(s) {missing}")


def poll_dates(df: pd.DataFrame) -> pd.Series:
    """The date of each figure's poll: fieldwork end, else fieldwork start, else publication."""
    out = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    for col in ("published", "fieldwork_start", "fieldwork_end"):
        if col in df.columns:
            v = pd.to_datetime(df[col], errors="coerce", utc=True).dt.tz_localize(None).dt.normalize()
            out = v.astype("datetime64[ns]").where(v.notna(), out)
    return out


def modal_value(values: pd.Series) -> float:
    """The value most reports give; on a tie the first reported.

    >>> modal_value(pd.Series([66.7, 42.0, 42.0])), modal_value(pd.Series([41.6, 42.0]))
    (42.0, 41.6)
    """
    counts = values.dropna().value_counts(sort=False)  # in order of first appearance
    return float(counts.idxmax()) if len(counts) else float("nan")


def _norm(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    return name.lower().replace("the ", "").strip()


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and (a == b or a in b or b in a)


def _agree(a: set[float], b: set[float]) -> bool:
    """Two reports of a figure agree: equal, or one has decimals and rounds to the other.

    >>> _agree({41.6}, {42.0}), _agree({41.0}, {42.0}), _agree({33.3}, {33.0})
    (True, False, True)
    """
    # one outlet prints "41.6 pct", another rounds it to "42 per cent": the same figure
    return bool(a & b) or any(abs(x - y) <= 0.5 + 1e-9 and (x % 1 or y % 1) for x in a for y in b)


def link_polls(figures_df: pd.DataFrame, *, max_days: int = 7, min_matches: int = 2) -> pd.DataFrame:
    """Give figures of the same poll, reported by several documents, one ``poll_id``.

    Two document-level polls are the same poll when their pollsters agree (or, both unknown,
    their sponsors agree), their dates (fieldwork end, else publication) are at most
    ``max_days`` apart, at least ``min_matches`` figures agree (same kind, subject, value; a
    value with decimals agrees with its rounding: 41.6 and 42) -- one is enough when a poll
    reports a single figure -- and no figure contradicts (same kind and subject, different
    value). The linked id is the earliest report's id.
    """
    _check(figures_df, "link_polls")
    if not isinstance(max_days, int) or max_days < 0:
        raise ParameterError(f"max_days={max_days!r} must be a non-negative integer")
    df = figures_df.copy()
    if df.empty:
        return df
    dates = poll_dates(df)
    polls: dict[str, dict] = {}
    for pid, g in df.groupby("poll_id", sort=False):
        figs = {}
        for kind, subj, val in zip(g["kind"], g["subject"], g["value"], strict=True):
            if isinstance(subj, str):
                figs.setdefault((kind, subj), set()).add(round(float(val), 2))
        pol = next((_norm(x) for x in g["pollster"] if _norm(x)), None)
        spo = next((_norm(x) for x in g.get("sponsor", pd.Series(dtype=object)) if _norm(x)), None)
        d = dates.loc[g.index].dropna()
        polls[pid] = dict(pollster=pol, sponsor=spo, date=d.min() if len(d) else pd.NaT, figs=figs,
                          doc=g["doc_id"].iloc[0])
    parent = {p: p for p in polls}

    def find(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    buckets: dict[str, list[str]] = defaultdict(list)
    for pid, p in polls.items():
        key = p["pollster"] or (f"sponsor:{p['sponsor']}" if p["sponsor"] else None)
        if key:
            buckets[key.split()[0]].append(pid)
    for members in buckets.values():
        members.sort(key=lambda m: (polls[m]["date"] if pd.notna(polls[m]["date"]) else pd.Timestamp.max, m))
        for i, a in enumerate(members):
            pa = polls[a]
            for b in members[i + 1:]:
                pb = polls[b]
                if pa["doc"] == pb["doc"]:
                    continue
                if pa["pollster"] or pb["pollster"]:
                    if not _same(pa["pollster"], pb["pollster"]):
                        continue
                elif not _same(pa["sponsor"], pb["sponsor"]):
                    continue
                if pd.notna(pa["date"]) and pd.notna(pb["date"]):
                    gap = abs((pb["date"] - pa["date"]).days)
                    if gap > max_days:
                        if pb["date"] > pa["date"]:
                            break
                        continue
                common = set(pa["figs"]) & set(pb["figs"])
                agree = [_agree(pa["figs"][k], pb["figs"][k]) for k in common]
                matches, conflict = sum(agree), not all(agree)
                need = 1 if min(len(pa["figs"]), len(pb["figs"])) == 1 else min_matches
                if matches >= need and not conflict:
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[rb] = ra
    first = {}
    for pid in polls:
        r = find(pid)
        first.setdefault(r, []).append(pid)
    canon = {}
    for members in first.values():
        members.sort(key=lambda m: (polls[m]["date"] if pd.notna(polls[m]["date"]) else pd.Timestamp.max, m))
        for m in members:
            canon[m] = members[0]
    df["poll_id"] = df["poll_id"].map(canon)
    return df


# Measures that track the same thing in a series ("approval", "support" and "rating" of a leader).
MEASURE_FAMILIES: dict[str, str] = {"approve": "favour", "support": "favour", "rating": "favour", "trust": "favour",
                                    "disapprove": "against", "oppose": "against", "distrust": "against"}
_RE_SINCE = re.compile(
    r"\bsince\s+(?:the\s+(?:[\w'’-]+\s+){0,2}?)?(?:early\s+|late\s+|mid-?)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|the\s+(?:election|start|beginning|collapse|summer|spring|autumn|winter)|"
    r"(?:19|20)\d\d|last\s+(?:year|summer|spring|autumn|winter))\b", re.I)


def flag_inconsistent_changes(figures_df: pd.DataFrame, *, tolerance: float = 1.0,
                              max_gap_days: int = 90) -> pd.DataFrame:
    """Check each stated change against the previous poll of the same pollster and subject.

    Adds ``previous_value``, ``previous_poll_id``, ``implied_change`` (this level minus the
    previous level) and ``change_inconsistent`` (True/False; NA where the change cannot be
    checked: no stated change, unknown pollster, no earlier poll within ``max_gap_days``).
    Differences up to ``tolerance`` points are rounding, not inconsistency. Measures of one
    family (:data:`MEASURE_FAMILIES`: approve/support/rating) count as the same series; a
    change stated "since July" (or "since the February survey") is against that date, not the
    previous poll, and is not checked. The previous poll's value is the one most of its reports
    give (a poll reported by several articles may have one misread figure).

    >>> df = pd.DataFrame({"doc_id": ["a", "b"], "poll_id": ["a#0", "b#0"], "pollster": ["Harris"] * 2,
    ...     "kind": ["share"] * 2, "subject": ["Labour"] * 2, "measure": ["vote"] * 2, "value": [31.0, 35.0],
    ...     "change": [None, 1.0], "published": pd.to_datetime(["1987-05-01", "1987-05-08"], utc=True)})
    >>> flag_inconsistent_changes(df)[["implied_change", "change_inconsistent"]].values.tolist()
    [[nan, <NA>], [4.0, True]]
    """
    _check(figures_df, "flag_inconsistent_changes")
    if tolerance < 0:
        raise ParameterError(f"tolerance={tolerance!r} must be >= 0")
    df = figures_df.copy()
    n = len(df)
    prev_val = np.full(n, np.nan)
    prev_id = pd.Series([None] * n, dtype=object, index=df.index)
    implied = np.full(n, np.nan)
    flag = pd.array([pd.NA] * n, dtype="boolean")
    if n == 0 or "change" not in df.columns:
        df["previous_value"], df["previous_poll_id"] = prev_val, prev_id
        df["implied_change"], df["change_inconsistent"] = implied, flag
        return df
    dates = poll_dates(df)
    measure = df["measure"] if "measure" in df.columns else pd.Series(None, index=df.index)
    family = measure.map(lambda m: MEASURE_FAMILIES.get(m, m) if isinstance(m, str) else None)
    subj = df["subject"].map(lambda x: x.lower() if isinstance(x, str) else None)
    shares = df[(df["kind"] == "share")].assign(_date=dates, _pol=df["pollster"].map(_norm), _m=family, _s=subj)
    by_key = {k: g.sort_values("_date") for k, g in shares.groupby(["_pol", "_s", "_m"], dropna=False)}
    sentences = df["sentence"] if "sentence" in df.columns else pd.Series("", index=df.index)
    for pos, (idx, row) in enumerate(df.iterrows()):
        ch = row.get("change")
        pol = _norm(row["pollster"])
        if ch is None or pd.isna(ch) or pol is None or not isinstance(row["subject"], str):
            continue
        if isinstance(sentences.loc[idx], str) and _RE_SINCE.search(sentences.loc[idx]):
            continue
        level = row["value"] if row["kind"] == "share" else np.nan
        if row["kind"] == "change":
            same = shares[(shares["poll_id"] == row["poll_id"]) & (shares["_s"] == subj.loc[idx])]
            if len(same):
                level = same["value"].iloc[0]
        d = dates.loc[idx]
        g = by_key.get((pol, subj.loc[idx], family.loc[idx]))
        if g is None or pd.isna(level) or pd.isna(d):
            continue
        earlier = g[(g["poll_id"] != row["poll_id"]) & (g["_date"] < d) & (g["_date"] >= d - pd.Timedelta(days=max_gap_days))]
        if earlier.empty:
            continue
        last_id = earlier["poll_id"].iloc[-1]
        # the value most reports of that poll give: one outlet's misread figure does not decide
        last_value = modal_value(earlier.loc[earlier["poll_id"] == last_id, "value"])
        prev_val[pos], prev_id.iloc[pos] = last_value, last_id
        implied[pos] = level - last_value
        flag[pos] = bool(abs(implied[pos] - float(ch)) > tolerance)
    df["previous_value"], df["previous_poll_id"] = prev_val, prev_id
    df["implied_change"], df["change_inconsistent"] = implied, flag
    return df


__all__ = ["MEASURE_FAMILIES", "flag_inconsistent_changes", "link_polls", "modal_value", "poll_dates"]
