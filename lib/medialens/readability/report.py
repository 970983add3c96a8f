"""The tables a readability report shows: the measure it leads with, what was flagged
unreliable and why, each outlet's typical reading in plain words, and the key figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd

from .. import timeseries
from ..errors import ParameterError
from .aggregate import GRADE_BANDS, _finite, grade_band, measure_values, plain_reading
from .reasons import reason_kind
from .scoring import (
    GRADE_MEASURES,
    HIGHER_IS_EASIER,
    MEASURE_LABELS,
    VARIANT_LABELS,
    _check_measures,
)


def primary_measure(measures: str | Sequence[str] | None = None) -> str:
    """The measure a report leads with among ``measures``: Flesch–Kincaid grade when selected
    (the most widely quoted), else the first selected grade-level measure, else the first.

    >>> primary_measure(None), primary_measure(["flesch_reading_ease", "gunning_fog"])
    ('flesch_kincaid_grade', 'gunning_fog')
    """
    ms = _check_measures(measures)
    if "flesch_kincaid_grade" in ms:
        return "flesch_kincaid_grade"
    return next((m for m in ms if m in GRADE_MEASURES), ms[0])


def flag_reasons(scores: pd.DataFrame, *, by: str | None = "source") -> pd.DataFrame:
    """What was flagged unreliable (or left without a value) and why: one row per kind of
    reason (:data:`~medialens.readability.reasons.REASON_KINDS`) with its ``effect``, the
    number of articles per group (``by``, a column of the table), the ``total`` and its
    ``share`` of all articles (0-1).

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "reason": [
    ...     "under 100 words (40); smog_index: under 30 sentences (3)",
    ...     "smog_index: under 30 sentences (9)", None]})
    >>> flag_reasons(df)[["reason", "A", "B", "total"]].to_numpy().tolist()
    [["smog_index: under 30 sentences (SMOG's sample size)", 2, 0, 2], ['under 100 words', 1, 0, 1]]
    """
    if "reason" not in scores.columns:
        raise ParameterError("the table has no 'reason' column (pass readability.score's table)")
    if by is not None and by not in scores.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, scores.columns))}")
    groups = (scores[by].astype(object).where(scores[by].notna(), f"(no {by})")
              if by is not None else pd.Series("total", index=scores.index))
    names = sorted(groups.unique(), key=str)
    counts: dict[tuple[str, str], Counter[Any]] = {}
    for reason, group in zip(scores["reason"], groups, strict=True):
        if not isinstance(reason, str) or not reason:
            continue
        # one document counts once per kind, however many parts of that kind it has
        for kind in {reason_kind(part) for part in reason.split("; ")}:
            counts.setdefault(kind, Counter())[group] += 1
    rows = []
    for (label, effect), c in counts.items():
        row: dict[str, Any] = {"reason": label, "effect": effect}
        if by is not None:
            row.update({g: c.get(g, 0) for g in names})
        row["total"] = sum(c.values())
        row["share"] = row["total"] / len(scores)
        rows.append(row)
    columns = ["reason", "effect", *(names if by is not None else []), "total", "share"]
    out = pd.DataFrame(rows, columns=columns)
    out = out.sort_values(["total", "reason"], ascending=[False, True], ignore_index=True)
    out.attrs.update(n_docs=len(scores), by=by)
    if scores.empty:  # "no article was flagged" would claim what was never checked
        out.attrs["empty_reason"] = "No article was scored (the selection is empty), so none was flagged."
    return out


def _group_keys(df: pd.DataFrame, by: str) -> pd.Series:
    if by not in df.columns:
        raise ParameterError(f"by={by!r} is not a column; the table has: "
                             f"{', '.join(map(str, df.columns))}")
    return df[by].astype(object).where(df[by].notna(), f"(no {by})")


def _band_shares(values: pd.Series) -> str:
    """'27% elementary (≤5), 70% middle school (6-8), 3% high school (9-12)' (bands present)."""
    shares = grade_band(values.dropna()).value_counts(normalize=True)
    return ", ".join(f"{shares[band]:.0%} {band}" for band, _ in GRADE_BANDS
                     if shares.get(band, 0) > 0)


def plain_readings(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    by: str = "source",
    reliable_only: bool = True,
    ci: float = 0.95,
    n_boot: int = timeseries.DEFAULT_BOOTSTRAP,
    seed: int = 0,
) -> pd.DataFrame:
    """What ``measure`` says about each group's (outlet's) articles, in plain language.

    One row per group: ``n_docs`` (reliable values), ``n_unreliable`` (left out), the
    ``median`` with its bootstrap CI, the middle half of the articles (``q1`` to ``q3``) and
    ``reading``: the same in words, with the share of articles per US school band for
    grade-level measures.

    >>> df = pd.DataFrame({"source": ["A"] * 4, "flesch_kincaid_grade": [6.0, 7.0, 8.0, 14.0]})
    >>> plain_readings(df, n_boot=200).loc[0, "reading"]
    'A typical article needs grade 7.5: middle school (6-8). The middle half lies between grades 6.8 and 9.5. Articles by school band: 75% middle school (6-8), 25% college (13-16). Only 4 articles: a rough guide, not a profile.'
    """
    keys = _group_keys(scores_with_meta, by)
    values, dropped = measure_values(scores_with_meta, measure, reliable_only=reliable_only)
    data = pd.DataFrame({by: keys, measure: values})
    out = timeseries.summarise(data, measure, by=by, stat="median", ci=ci, n_boot=n_boot,
                               seed=seed).drop(columns="mean")
    out.insert(2, "n_unreliable", dropped.groupby(keys, sort=True).sum().to_numpy(dtype=int))
    grouped = values.groupby(keys, sort=True)
    out["q1"] = grouped.quantile(0.25).to_numpy(dtype=float)
    out["q3"] = grouped.quantile(0.75).to_numpy(dtype=float)
    label = MEASURE_LABELS.get(measure, measure)
    readings = []
    # by column name, not itertuples attributes: a group_by such as "Section Name", "meta.a"
    # or "class" is no Python identifier, and itertuples renames it
    for group, med, q1, q3 in zip(out[by], out["median"], out["q1"], out["q3"], strict=True):
        if not _finite(med):
            readings.append(f"No reliable {label} values.")
        elif measure in GRADE_MEASURES:
            bands = _band_shares(values[(keys == group).to_numpy()])
            readings.append(f"A typical article needs grade {med:.1f}: {grade_band(med)}. The "
                            f"middle half lies between grades {q1:.1f} and {q3:.1f}. "
                            f"Articles by school band: {bands}.")
        else:
            readings.append(f"A typical article scores {med:.1f} on {label}: "
                            f"{plain_reading(med, measure)}. The middle half lies between "
                            f"{q1:.1f} and {q3:.1f}.")
    # a handful of articles says little about an outlet: the words say so (red-team 4: five
    # Politico articles read as "a typical article needs grade 11.5" with no caveat)
    out["reading"] = [r if not _finite(m) or n >= FEW_ARTICLES else
                      f"{r} Only {n} article{'s' if n != 1 else ''}: a rough guide, not a profile."
                      for r, m, n in zip(readings, out["median"], out["n_docs"], strict=True)]
    out.attrs.update(measure=measure, reliable_only=reliable_only, ci=ci, by=by)
    return out


#: Fewer reliable articles than this in a group: its plain reading says it is a rough guide.
FEW_ARTICLES = 10


def key_figures(
    scores_with_meta: pd.DataFrame,
    measure: str = "flesch_kincaid_grade",
    *,
    by: str = "source",
    max_groups: int = 6,
) -> dict[str, Any]:
    """Key figures of a readability run for a report's index page: articles scored, which
    values they are (the variant, from the table's ``attrs``), values left out, and each group's typical (median) ``measure`` in plain words (the easiest and
    hardest group only when there are more than ``max_groups``).

    >>> df = pd.DataFrame({"source": ["A", "A", "B"], "gunning_fog": [8.0, 10.0, 14.0],
    ...                    "gunning_fog_reliable": [True, True, False]})
    >>> key_figures(df, "gunning_fog")
    {'articles': 3, 'main measure': 'Gunning Fog', 'articles with a reliable value': 2, 'flagged unreliable (left out)': 1, 'no value': 0, 'A, typical article': 'grade 9.0, high school (9-12)', 'B, typical article': 'no reliable value'}
    """
    keys = _group_keys(scores_with_meta, by)
    values, dropped = measure_values(scores_with_meta, measure)
    raw = pd.to_numeric(scores_with_meta[measure], errors="coerce")
    out: dict[str, Any] = {
        "articles": len(scores_with_meta),
        "main measure": MEASURE_LABELS.get(measure, measure),
        **({"values": VARIANT_LABELS[v]} if (v := scores_with_meta.attrs.get("variant"))
           in VARIANT_LABELS else {}),
        "articles with a reliable value": int(values.notna().sum()),
        "flagged unreliable (left out)": int(dropped.sum()),
        "no value": int(raw.isna().sum()),
    }
    medians = values.groupby(keys, sort=True).median()
    if len(medians) > max_groups:
        # easiest first, hardest last
        ranked = medians.dropna().sort_values(ascending=measure not in HIGHER_IS_EASIER)
        picks = {"hardest": ranked.index[-1:], "easiest": ranked.index[:1]} if len(ranked) \
            else {}
        for what, idx in picks.items():
            out[f"{what} {by}, typical article"] = (
                f"{idx[0]}: {plain_reading(medians[idx[0]], measure)}")
        return out
    for group, med in medians.items():
        out[f"{group}, typical article"] = plain_reading(med, measure) or "no reliable value"
    return out
