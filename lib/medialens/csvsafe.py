"""CSV cells that a spreadsheet would run as formulas, neutralised (OWASP CSV injection).

Article texts, titles and outlet names come from the web: a cell beginning ``=``, ``+``,
``-``, ``@``, a tab or a carriage return (``=HYPERLINK(...)``) is a formula to Excel,
LibreOffice and Google Sheets. Every CSV medialens writes (the CLI, report tables) goes through
:func:`to_csv`, which prefixes such cells with ``'``; numbers, ``-3.5`` included, stay numbers.
``safe=False`` writes the values as they are (raw export for other programs).

>>> import pandas as pd
>>> df = pd.DataFrame({"title": ["=HYPERLINK(\\"http://x\\")", "-3.5", "@me", "fine"],
...                    "score": [-3.5, 1.0, 2.0, 3.0]})
>>> print(to_csv(df), end="")
title,score
"'=HYPERLINK(""http://x"")",-3.5
-3.5,1.0
'@me,2.0
fine,3.0
"""

from __future__ import annotations

import os
import re
from typing import Any

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?%?$")


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) cannot run as formulas."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[col] = s.map(neutralise, na_action="ignore")
    out.columns = [neutralise(c) for c in out.columns]
    if out.index.dtype == object:
        out.index = out.index.map(neutralise)
    return out


def to_csv(df: pd.DataFrame, path: str | os.PathLike[str] | None = None, *, safe: bool = True,
           index: bool = False) -> str | None:
    """Write ``df`` as CSV to ``path`` (return the text when ``None``); ``safe`` neutralises
    formula-leading cells, ``safe=False`` writes them verbatim."""
    frame = neutralise_frame(df) if safe else df
    return frame.to_csv(path, index=index)


__all__ = ["neutralise", "neutralise_frame", "to_csv"]
