"""The :class:`LoadReport` of a corpus load (what was read, skipped, noticed) and its text form."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ..errors import printable


@dataclass
class LoadReport:
    """What a load read, what it skipped and why, and what it noticed.

    ``skipped``: ``{"file", "line", "reason"}`` (``line`` is the file's line number for text
    formats, the 1-based row for Parquet, ``None`` for a whole file). ``missing_dates`` and
    ``empty_texts``: ``{"doc_id", "file", "line", "reason"}`` (the line the record starts on). ``ignored``: ``{"file", "reason"}`` for files that
    are not corpus documents (a README in a corpus folder).
    """

    sources: list[str] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_loaded: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    missing_dates: list[dict[str, Any]] = field(default_factory=list)
    empty_texts: list[dict[str, Any]] = field(default_factory=list)
    duplicates: int = 0
    near_duplicates: int = 0
    ignored: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_skipped(self) -> int:
        """Records skipped one by one (``skipped`` entries with a line): ``rows_read`` is
        always ``rows_loaded + rows_skipped``."""
        return sum(1 for s in self.skipped if s.get("line") is not None)

    @property
    def files_skipped(self) -> list[str]:
        """Files skipped whole (unreadable, binary, empty, a broken link): with ``files_read``
        and ``ignored`` they are every file the sources hold."""
        return [s["file"] for s in self.skipped if s.get("line") is None]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (``LoadReport.from_dict`` reverses it)."""
        return json.loads(json.dumps(asdict(self), default=str))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LoadReport:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: ``kind`` (skipped / missing_date / empty_text / ignored),
        ``file``, ``line``, ``doc_id``, ``reason``."""
        rows: list[dict[str, Any]] = []
        for kind, items in (("skipped", self.skipped), ("missing_date", self.missing_dates),
                            ("empty_text", self.empty_texts), ("ignored", self.ignored)):
            rows.extend({"kind": kind, **item} for item in items)
        frame = pd.DataFrame(rows, columns=["kind", "file", "line", "doc_id", "reason"])
        frame["line"] = frame["line"].astype("Int64")
        return frame

    def __str__(self) -> str:
        lines = [f"Load report: {', '.join(self.sources) or '(no source)'}",
                 f"  files read      {len(self.files_read):>8,}",
                 f"  rows read       {self.rows_read:>8,}",
                 f"  documents       {self.rows_loaded:>8,}",
                 f"  skipped         {len(self.skipped):>8,}"
                 + (f"  ({self.rows_skipped:,} rows, {len(self.files_skipped):,} files)"
                    if self.skipped else "")]
        lines += [f"      {_where(s)}  {s['reason']}" for s in self.skipped[:10]]
        if len(self.skipped) > 10:
            lines.append(f"      ... and {len(self.skipped) - 10:,} more (report.to_frame())")
        lines.append(f"  missing dates   {len(self.missing_dates):>8,}")
        lines += _grouped(self.missing_dates)
        lines.append(f"  empty texts     {len(self.empty_texts):>8,}  (kept, text '')")
        lines += _grouped(self.empty_texts)
        lines.append(f"  duplicates      {self.duplicates:>8,}  exact (same title and text)")
        lines.append(f"                  {self.near_duplicates:>8,}  near (flagged in "
                     "duplicate_of, never dropped)")
        lines.append(f"  ignored files   {len(self.ignored):>8,}")
        lines += [f"      {i['file']}  {i['reason']}" for i in self.ignored[:10]]
        if len(self.ignored) > 10:
            lines.append(f"      ... and {len(self.ignored) - 10:,} more")
        lines += [f"  note: {n}" for n in self.notes]
        # file names and ids come from the input: escaped, never sent to the terminal raw
        return printable("\n".join(lines))


def _where(item: Mapping[str, Any]) -> str:
    return f"{item['file']}:{item['line']}" if item.get("line") is not None else str(item["file"])


_QUOTED = re.compile(r"'[^']*'")


def _reason_key(reason: str) -> str:
    """A reason without the value it quotes, so that reasons differing only there group.

    >>> _reason_key("unparseable date: 'soon'")
    'unparseable date'
    >>> _reason_key("dated line not usable (Published: ambiguous day/month order: "
    ...             "'04/03/2025 09:14 GMT' (pass dayfirst=True or False))")
    "dated line not usable (Published: ambiguous day/month order: '…' (pass dayfirst=True or False))"
    """
    head = reason.split(": '")[0]
    if head.count("(") == head.count(")"):
        return head
    # Cutting at the value would leave a parenthesis open and lose the rest of the message
    # (often the advice: "pass dayfirst=..."): shorten the value to an ellipsis instead.
    return _QUOTED.sub("'…'", reason)


def _grouped(items: Sequence[Mapping[str, Any]], limit: int = 5) -> list[str]:
    """'count x reason (e.g. doc)' lines, most frequent reason first."""
    by_reason: dict[str, list[str]] = {}
    for item in items:
        # Reasons that quote the value ("unparseable date: '...'") group by the rest.
        key = _reason_key(str(item["reason"]))
        by_reason.setdefault(key, []).append(str(item["doc_id"]))
    ranked = sorted(by_reason.items(), key=lambda kv: -len(kv[1]))
    out = [f"      {len(ids):>6,} x {reason} (e.g. {ids[0]})" for reason, ids in ranked[:limit]]
    if len(ranked) > limit:
        out.append(f"      ... {len(ranked) - limit} more reasons (report.to_frame())")
    return out
