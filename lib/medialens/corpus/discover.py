"""Discovery: one corpus source (a file, a folder walked recursively, a glob) expanded into the
files to read; hidden, documentation and unreadable files are recorded in the report as ignored.
"""

from __future__ import annotations

import errno
import glob as _glob
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CorpusError
from . import readers
from .report import LoadReport


@dataclass(frozen=True)
class _File:
    path: Path
    rel: str  # doc_id base: relative to the folder / glob base, POSIX, with extension


def _discover(source: str | os.PathLike[str], report: LoadReport) -> list[_File]:
    """Expand one source into the files to read; record ignored ones in ``report``.

    Symbolic links are followed once: a link back into an enclosing folder (a loop), a second
    path to a file or folder already found, a broken link and a special file (FIFO, socket,
    device: reading one would block or never end) are listed in the report, not read.
    """
    text = os.fspath(source)
    if any(ch in text for ch in "*?[") and not Path(text).exists():
        base = Path(_glob_base(text))
        matches = sorted(Path(p) for p in _glob.glob(text, recursive=True))
        found = _Found(base, report)
        for p in matches:
            if not p.is_dir() or p.is_symlink():
                found.add(p)
        if not found.files and not any(p.is_file() for p in matches):
            raise CorpusError(f"the pattern {text!r} matches no files")
        return _keep_readable(found.files, base, report)
    path = Path(text)
    if not path.exists():
        hint = " (use \"demo\" for the bundled demo corpus)" if text.lower() == "demo" else ""
        broken = " (a broken symbolic link)" if path.is_symlink() else ""
        raise CorpusError(f"no such file or folder: {text}{broken}{hint}")
    if path.is_file():
        if readers.reader_for(path) is None:
            raise CorpusError(f"{path.name}: not a corpus format; supported: "
                              + ", ".join(readers.extensions()))
        return [_File(path, path.name)]
    if not path.is_dir():
        raise CorpusError(f"{text}: not a regular file or folder (a FIFO, socket or device "
                          "cannot be a corpus)")
    found = _Found(path, report)
    found.walk(path, (os.path.realpath(path),))
    return _keep_readable(found.files, path, report)


class _Found:
    """Files found under ``base``, each real file and folder once."""

    def __init__(self, base: Path, report: LoadReport) -> None:
        self.base = base
        self.report = report
        self.files: list[Path] = []
        self.seen: dict[str, str] = {}  # real path -> the path it was first found as

    def _ignore(self, path: Path, reason: str, *, folder: bool = False) -> None:
        self.report.ignored.append({"file": _rel(path, self.base) + ("/" if folder else ""),
                                    "reason": reason})

    def _first(self, path: Path, real: str, *, folder: bool) -> bool:
        if real in self.seen:
            self._ignore(path, f"the same {'folder' if folder else 'file'} as "
                               f"{self.seen[real]} (a symbolic link): read once", folder=folder)
            return False
        self.seen[real] = _rel(path, self.base) + ("/" if folder else "")
        return True

    def add(self, path: Path) -> None:
        """One file-like entry: a regular file (kept), or a reason it is not read."""
        try:
            st = path.stat()  # follows links
        except OSError as exc:
            if path.is_symlink():
                why = ("a symbolic link loop" if exc.errno == errno.ELOOP
                       else "a broken symbolic link (its target does not exist)")
                self.report.skipped.append({"file": _rel(path, self.base), "line": None,
                                            "reason": why})
            else:
                self._ignore(path, f"cannot be read: {exc.strerror or exc}")
            return
        if stat.S_ISREG(st.st_mode):
            if self._first(path, os.path.realpath(path), folder=False):
                self.files.append(path)
        elif not stat.S_ISDIR(st.st_mode):
            self._ignore(path, "not a regular file (a FIFO, socket or device)")

    def walk(self, folder: Path, ancestors: tuple[str, ...]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self._ignore(folder, f"cannot be listed: {exc.strerror or exc}", folder=True)
            return
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()  # follows links
            except OSError:
                is_dir = False
            if not is_dir:
                self.add(path)
                continue
            # Hidden folders (.git, .ipynb_checkpoints) hold copies and tooling, not articles.
            if entry.name.startswith("."):
                self._ignore(path, "hidden folder", folder=True)
                continue
            real = os.path.realpath(path)
            if real in ancestors:
                self._ignore(path, "a symbolic link loop (it points back to an enclosing "
                                   "folder)", folder=True)
            elif self._first(path, real, folder=True):
                self.walk(path, (*ancestors, real))


def _glob_base(pattern: str) -> str:
    parts = Path(pattern).parts
    base = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        base.append(part)
    return str(Path(*base)) if base else "."


def _rel(path: Path, base: Path) -> str:
    """``path`` relative to ``base`` as printable text: the doc_id base and the name in reports.

    A file name that is not UTF-8 (made on an old Windows or Mac system) arrives with lone
    surrogates, which no Parquet file, Arrow string or terminal accepts; its odd bytes are
    spelled out (``caf\\xe9.txt``) so the name stays unique and readable.
    """
    try:
        rel = path.relative_to(base).as_posix()
    except ValueError:
        rel = path.as_posix()
    if _has_surrogates(rel):
        rel = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return rel


def _has_surrogates(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _keep_readable(files: Iterable[Path], base: Path, report: LoadReport) -> list[_File]:
    keep = []
    for p in files:
        rel = _rel(p, base)
        if p.name.startswith("."):
            report.ignored.append({"file": rel, "reason": "hidden file"})
        elif p.name.lower().split(".")[0] in readers.NOT_ARTICLES:
            report.ignored.append({"file": rel, "reason": "documentation file, not an article"})
        elif readers.reader_for(p) is None:
            report.ignored.append({"file": rel, "reason": "not a corpus format"})
        else:
            keep.append(_File(p, rel))
    return keep
