"""Discovery: one corpus source (a file, a folder walked recursively, a glob) expanded into the
files to read; hidden, documentation and unreadable files are recorded in the report as ignored.
"""

from __future__ import annotations

import glob as _glob
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import _readers
from ..errors import CorpusError
from .report import LoadReport


@dataclass(frozen=True)
class _File:
    path: Path
    rel: str  # doc_id base: relative to the folder / glob base, POSIX, with extension


def _discover(source: str | os.PathLike[str], report: LoadReport) -> list[_File]:
    """Expand one source into the files to read; record ignored ones in ``report``."""
    text = os.fspath(source)
    if any(ch in text for ch in "*?[") and not Path(text).exists():
        base = Path(_glob_base(text))
        matches = sorted(Path(p) for p in _glob.glob(text, recursive=True))
        files = [p for p in matches if p.is_file()]
        if not files:
            raise CorpusError(f"the pattern {text!r} matches no files")
        return _keep_readable(files, base, report)
    path = Path(text)
    if not path.exists():
        hint = " (use \"demo\" for the bundled demo corpus)" if text.lower() == "demo" else ""
        raise CorpusError(f"no such file or folder: {text}{hint}")
    if path.is_file():
        if _readers.reader_for(path) is None:
            raise CorpusError(f"{path.name}: not a corpus format; supported: "
                              + ", ".join(_readers.extensions()))
        return [_File(path, path.name)]
    files = []
    for dirpath, dirnames, filenames in os.walk(path):
        # Hidden folders (.git, .ipynb_checkpoints) hold copies and tooling, not articles.
        for d in sorted(dirnames):
            if d.startswith("."):
                report.ignored.append({"file": _rel(Path(dirpath, d), path) + "/",
                                       "reason": "hidden folder"})
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath, f) for f in sorted(filenames))
    return _keep_readable(files, path, report)


def _glob_base(pattern: str) -> str:
    parts = Path(pattern).parts
    base = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        base.append(part)
    return str(Path(*base)) if base else "."


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def _keep_readable(files: Iterable[Path], base: Path, report: LoadReport) -> list[_File]:
    keep = []
    for p in files:
        rel = _rel(p, base)
        if p.name.startswith("."):
            report.ignored.append({"file": rel, "reason": "hidden file"})
        elif p.name.lower().split(".")[0] in _readers.NOT_ARTICLES:
            report.ignored.append({"file": rel, "reason": "documentation file, not an article"})
        elif _readers.reader_for(p) is None:
            report.ignored.append({"file": rel, "reason": "not a corpus format"})
        else:
            keep.append(_File(p, rel))
    return keep
