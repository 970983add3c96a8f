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

import numpy as np
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
        if isinstance(s.dtype, pd.CategoricalDtype):
            # a category column (a Parquet dictionary column) writes its categories as text
            # too: "=b" there is as live as in a string column
            if s.cat.categories.dtype == object or pd.api.types.is_string_dtype(s.cat.categories.dtype):
                out[col] = s.astype(object).map(neutralise, na_action="ignore")
        elif s.dtype == object or pd.api.types.is_string_dtype(s.dtype):
            out[col] = s.map(neutralise, na_action="ignore")
    out.columns = [neutralise(c) for c in out.columns]
    if out.index.dtype == object or pd.api.types.is_string_dtype(out.index.dtype):
        # (pandas 3 gives a text index the "str" dtype, not object)
        out.index = out.index.map(neutralise)
    return out


class _ArrayText:
    """``str(value)`` for an array cell, memoised by the array's dtype, shape and items."""

    def __init__(self) -> None:
        self.memo: dict[Any, str] = {}

    def __call__(self, v: Any) -> Any:
        if not isinstance(v, np.ndarray):
            return v
        try:
            key = (v.dtype.str, v.shape, tuple(v.ravel().tolist()))
            hash(key)
        except TypeError:  # unhashable items (nested lists): no memo
            return str(v)
        if key not in self.memo:
            self.memo[key] = str(v)
        return self.memo[key]


def arrays_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every array cell (list columns read back from Parquet: Reuters' ``topics``,
    ``places`` ...) replaced by the text pandas would write for it, ``str(array)``, computed
    once per distinct value. The CSV is byte-identical; numpy's printer is slow (~10 us a call)
    and a corpus repeats a few thousand distinct lists over tens of thousands of rows.

    >>> import numpy as np
    >>> arrays_as_text(pd.DataFrame({"t": [np.array(["usa", "uk"]), "x"]}))["t"].tolist()
    ["['usa' 'uk']", 'x']
    """
    out = None
    for col in df.columns:
        s = df[col]
        if s.dtype != object or not any(isinstance(v, np.ndarray) for v in s.head(100)):
            continue
        out = df.copy() if out is None else out
        out[col] = s.map(_ArrayText(), na_action="ignore")
    return df if out is None else out


def to_csv(df: pd.DataFrame, path: str | os.PathLike[str] | None = None, *, safe: bool = True,
           index: bool = False) -> str | None:
    """Write ``df`` as CSV to ``path`` (return the text when ``None``); ``safe`` neutralises
    formula-leading cells, ``safe=False`` writes them verbatim."""
    df = _lone_cr_as_newline(arrays_as_text(df))
    frame = neutralise_frame(df) if safe else df
    return frame.to_csv(path, index=index)


_LONE_CR = re.compile(r"\r(?!\n)")


def _lone_cr_as_newline(df: pd.DataFrame) -> pd.DataFrame:
    r"""Text cells with a carriage return not followed by a newline, written as a newline.

    Python's csv writer quotes a cell holding "\n" but not one holding a lone "\r" (with a
    "\n" line terminator), and every CSV reader then breaks the row there: "A\rB" came back
    as two rows. A newline is the same line break and the same length (offsets into the text
    stay valid), and it is quoted.

    >>> to_csv(pd.DataFrame({"t": ["A\rB"]}))
    't\n"A\nB"\n'
    """
    out = None
    for col in df.columns:
        s = df[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s.dtype)):
            continue
        if any(isinstance(v, str) and "\r" in v for v in s):
            out = df.copy() if out is None else out
            out[col] = s.map(lambda v: _LONE_CR.sub("\n", v) if isinstance(v, str) else v, na_action="ignore")
    return df if out is None else out


__all__ = ["arrays_as_text", "neutralise", "neutralise_frame", "to_csv"]
