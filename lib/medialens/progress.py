"""The one progress layer of medialens: a bar on a terminal, plain lines in a log, by documents.

Every long piece of work (reading files, identifying languages, each analysis, a report run)
reports through :func:`bar`. On a terminal it is a tqdm bar on stderr; in a Jupyter kernel the
notebook widget; when stderr is a file or a pipe (CI logs, ``2> run.log``) it writes a plain
line at most every :data:`PLAIN_EVERY` seconds and one at the end, never control characters.

>>> with bar(total=3, desc="demo", unit="doc", enabled=False) as b:
...     b.update(3)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any, Literal

Mode = Literal["bar", "plain", "off"]

#: Seconds between two plain progress lines when stderr is not a terminal.
PLAIN_EVERY = 10.0


def _in_kernel() -> bool:
    shell = sys.modules.get("IPython")
    if shell is None:
        return False
    get = getattr(shell, "get_ipython", None)
    return get is not None and get() is not None and "ipykernel" in sys.modules


def mode(stream: IO[str] | None = None) -> Mode:
    """"bar" on a terminal or in a Jupyter kernel, else "plain"."""
    stream = stream or sys.stderr
    if _in_kernel():
        return "bar"
    isatty = getattr(stream, "isatty", None)
    return "bar" if isatty is not None and isatty() else "plain"


class _Plain:
    """A tqdm look-alike that writes ``desc: done/total unit (pct%)`` lines now and then."""

    def __init__(self, iterable: Iterable[Any] | None, *, total: int | None, desc: str,
                 unit: str, stream: IO[str], every: float) -> None:
        self.iterable, self.total, self.desc, self.unit = iterable, total, desc, unit
        self.stream, self.every = stream, every
        self.n = 0
        self.start = self.last = time.monotonic()
        self.closed = False
        self.shown = 0  # documents done at the last line written

    def __iter__(self) -> Iterator[Any]:
        assert self.iterable is not None
        for item in self.iterable:
            yield item
            self.update(1)
        self.close()

    def __enter__(self) -> _Plain:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _line(self) -> str:
        done = f"{self.n:,}" + (f"/{self.total:,}" if self.total else "")
        pct = f" ({100 * self.n / self.total:.0f}%)" if self.total else ""
        return f"{self.desc}: {done} {self.unit}s{pct}, {time.monotonic() - self.start:.0f} s\n"

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last, self.shown = now, self.n
            self.stream.write(self._line())
            self.stream.flush()

    def close(self) -> None:
        # One closing line only for work long enough to have shown progress at all.
        if not self.closed and self.last > self.start and self.n != self.shown:
            self.stream.write(self._line())
            self.stream.flush()
        self.closed = True


class _Off:
    def __init__(self, iterable: Iterable[Any] | None) -> None:
        self.iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        assert self.iterable is not None
        return iter(self.iterable)

    def __enter__(self) -> _Off:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None


def bar(iterable: Iterable[Any] | None = None, *, total: int | None = None, desc: str = "",
        unit: str = "doc", enabled: bool = True, leave: bool = False,
        stream: IO[str] | None = None, every: float | None = None) -> Any:
    """A progress object with ``update(n)``, ``close()``, iteration and ``with`` support."""
    if not enabled:
        return _Off(iterable)
    stream = stream or sys.stderr
    if total is None and iterable is not None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    if mode(stream) == "plain":
        return _Plain(iterable, total=total, desc=desc, unit=unit, stream=stream,
                      every=PLAIN_EVERY if every is None else every)
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, unit=unit, file=stream, leave=leave,
                unit_scale=unit == "byte", dynamic_ncols=True)


__all__ = ["PLAIN_EVERY", "bar", "mode"]
