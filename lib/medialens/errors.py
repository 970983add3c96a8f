"""Exceptions raised by medialens.

Every error a user can cause (a bad file, column or parameter) is a :class:`MedialensError`
whose message names the thing at fault and, where there is a fixed set, the valid choices.
Bad *documents* never raise: they get NaN and a ``reason`` in the result table.

>>> from medialens.errors import ParameterError
>>> raise ParameterError.invalid_choice("freq", "fortnight", ["D", "W", "M"])
Traceback (most recent call last):
...
medialens.errors.ParameterError: freq='fortnight' is not valid; choose one of: 'D', 'W', 'M'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


class MedialensError(Exception):
    """Base class: a problem with the user's input that medialens can explain in one line."""


class CorpusError(MedialensError):
    """A corpus source cannot be read or does not meet the Corpus contract."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class ParameterError(MedialensError, ValueError):
    """An option or notebook parameter has an invalid value."""

    @classmethod
    def invalid_choice(cls, name: str, value: Any, valid: Iterable[Any]) -> ParameterError:
        choices = ", ".join(repr(v) for v in valid)
        return cls(f"{name}={value!r} is not valid; choose one of: {choices}")


class ReportError(MedialensError):
    """A report run could not start or could not finish."""


class CacheError(MedialensError):
    """The feature cache cannot be used (e.g. its folder is not writable)."""


__all__ = ["CacheError", "CorpusError", "MedialensError", "ParameterError", "ReportError", "printable"]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` with control characters (other than newlines) written as escapes, so that a
    file name or a document id quoted in a message cannot drive the terminal (clear the
    screen, retitle the window) when it is printed.

    >>> printable("evil\x1b[2Jname.csv:3")
    'evil\\x1b[2Jname.csv:3'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
