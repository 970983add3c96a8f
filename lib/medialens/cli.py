"""The ``medialens`` command: thin argument parsing over the library modules.

Each subcommand is registered by a ``_add_<name>`` function below and dispatches to a
``_run_<name>`` function that calls into the owning module. Errors a user can cause
(:class:`~medialens.errors.MedialensError`) end the program with one clear line on stderr and
exit status 2; nothing here holds analysis logic.

    $ medialens readability ../shared/fixtures/000_146c980f7ac703f2.txt --format csv
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import MedialensError, ParameterError

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "jsonl", "parquet")

def write_table(df: pd.DataFrame, *, fmt: str | None, out: str | None) -> None:
    """Write ``df`` as CSV / JSON Lines / Parquet to ``out`` (stdout when ``None``).

    The format defaults to the extension of ``out`` and to CSV on stdout.
    """
    if fmt is None:
        suffix = Path(out).suffix.lower().lstrip(".") if out else ""
        fmt = {"csv": "csv", "jsonl": "jsonl", "json": "jsonl", "parquet": "parquet",
               "pq": "parquet"}.get(suffix, "csv")
    if fmt not in FORMATS:
        raise ParameterError.invalid_choice("--format", fmt, FORMATS)
    if fmt == "parquet":
        if out is None:
            raise ParameterError("--format parquet needs --out FILE (binary output)")
        df.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = df.to_csv(index=False)
    else:
        text = df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
    if out is None:
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


def _add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from --out's extension, else csv)")
    p.add_argument("--out", default=None, help="output file (default: stdout)")


def _run_polls(args: argparse.Namespace) -> int:
    try:
        from .corpus import load_corpus
    except ImportError:  # corpus.py lands with the foundation branch
        raise MedialensError("corpus loading is not available in this build") from None
    from .polls import extract_corpus

    corpus, _report = load_corpus(args.corpus, progress=not args.quiet)
    figures = extract_corpus(corpus, pollsters=args.pollster or ())
    write_table(figures, fmt=args.format, out=args.out)
    if not args.quiet:
        print(f"{len(figures)} poll figures from {figures['doc_id'].nunique() if len(figures) else 0} "
              f"of {len(corpus)} documents", file=sys.stderr)
    return 0


def _add_polls(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("polls", help="extract opinion-poll figures (one row per figure)")
    p.add_argument("corpus", help="a corpus file, folder or glob, or 'demo'")
    p.add_argument("--pollster", action="append", metavar="NAME",
                   help="an extra pollster name to recognise (repeatable)")
    p.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    _add_output_options(p)
    p.set_defaults(func=_run_polls)


def _run_report(args: argparse.Namespace) -> int:
    notebooks = sorted(Path(args.notebook_dir).glob("[0-9]*.ipynb"))
    if not notebooks:
        print("no notebooks yet", file=sys.stderr)
        return 0
    raise MedialensError("the report runner is not available in this build")


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="render the report notebooks to HTML in a run folder")
    p.add_argument("corpus", nargs="?", default="demo")
    p.add_argument("--notebook-dir", default="notebooks")
    p.set_defaults(func=_run_report)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialens",
        description="Readability, sentiment over time and poll figures for news corpora.",
    )
    parser.add_argument("--version", action="version", version=f"medialens {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in (_add_report, _add_polls):
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``medialens`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except MedialensError as exc:
        print(f"medialens {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"medialens {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
