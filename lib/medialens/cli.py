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


def _add_engine_options(p: argparse.ArgumentParser, *, report: bool = False) -> None:
    from .engine import ENGINES

    g = p.add_argument_group("engine and cache (the results are the same on every engine)")
    g.add_argument("--engine", choices=ENGINES, default=None if report else "local",
                   help="local (in-process, default), processes (all cores) or dask")
    g.add_argument("--workers", type=int, default=None,
                   help="worker processes (default: all cores; dask: a LocalCluster of this size)")
    g.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="a running Dask scheduler, e.g. tcp://host:8786 (with --engine dask)")
    g.add_argument("--cache-dir", default=None, metavar="DIR",
                   help="feature cache folder (default: outputs/.cache)")
    g.add_argument("--no-cache", action="store_true", help="compute everything, cache nothing")


def _engine_kwargs(args: argparse.Namespace) -> dict[str, object]:
    from .cache import default_cache_dir

    cache: object = False if args.no_cache else (args.cache_dir or default_cache_dir())
    return {"engine": args.engine, "workers": args.workers, "scheduler": args.scheduler,
            "cache": cache}


def _is_parquet_source(source: str) -> bool:
    """A Parquet file, a folder of Parquet files or a remote (fsspec) URL."""
    if "://" in source:
        return True
    path = Path(source)
    if path.is_file():
        return path.suffix.lower() in (".parquet", ".pq")
    return path.is_dir() and any(path.rglob("*.parquet")) and not any(
        f.suffix.lower() in (".csv", ".tsv", ".txt", ".html", ".htm", ".jsonl", ".json", ".gz")
        for f in path.rglob("*") if f.is_file())


def _corpus_or_path(args: argparse.Namespace, **load: object) -> object:
    """The corpus to analyse: with ``--engine dask`` a Parquet corpus stays on disk and is
    processed in partitions (only results come back); anything else is loaded."""
    from .corpus import load_corpus

    if args.engine == "dask" and _is_parquet_source(args.corpus):
        return args.corpus
    corpus, _report = load_corpus(args.corpus, **load)
    return corpus


def _parse_columns(pairs: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise ParameterError(f"--columns {pair!r}: expected OUR=THEIR, e.g. text=story_body")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def _run_ingest(args: argparse.Namespace) -> int:
    from .corpus import load_corpus, save_corpus

    columns = _parse_columns(args.columns or [])
    df, report = load_corpus(args.sources, columns=columns, on_error=args.on_error,
                             dayfirst=args.dayfirst, detect_language=not args.no_language,
                             near_duplicates=not args.no_near_duplicates, progress=True)
    fmt = args.format
    if fmt is None and (args.out or "").lower().endswith((".parquet", ".pq")):
        fmt = "parquet"
    if fmt == "parquet":
        if args.out is None:
            raise ParameterError("--format parquet needs --out FILE (binary output)")
        save_corpus(df, report, args.out)  # keeps the load report inside the file
    else:
        write_table(df, fmt=fmt, out=args.out)
    print(report, file=sys.stderr)
    if args.out:
        print(f"wrote {len(df):,} documents to {args.out}", file=sys.stderr)
    return 0


def _add_ingest(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest", help="load corpus sources into one corpus table and print the load report",
        description="Load files, folders, globs or 'demo' into one corpus table. Parquet "
                    "output keeps the load report, so later runs can still show it.")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="file, folder, glob or 'demo' (several allowed)")
    p.add_argument("--columns", nargs="+", metavar="OUR=THEIR",
                   help="map input columns, e.g. --columns text=story_body published=when")
    p.add_argument("--on-error", choices=("skip", "raise"), default="skip",
                   help="skip bad rows/files and report them (default) or stop at the first")
    p.add_argument("--dayfirst", action=argparse.BooleanOptionalAction, default=None,
                   help="read numeric dates like 04/03/2025 day first (or --no-dayfirst)")
    p.add_argument("--no-language", action="store_true",
                   help="do not detect the language of documents that have none")
    p.add_argument("--no-near-duplicates", action="store_true",
                   help="flag exact duplicates only (faster on large corpora)")
    _add_output_options(p)
    p.set_defaults(func=_run_ingest)


def _run_sentiment(args: argparse.Namespace) -> int:
    import re

    from . import sentiment

    target: sentiment.Target = None
    if args.target_regex is not None:
        if args.target:
            raise ParameterError("give --target or --target-regex, not both")
        try:
            target = re.compile(args.target_regex)
        except re.error as exc:
            raise ParameterError(f"--target-regex {args.target_regex!r}: {exc}") from None
    elif args.target:
        target = args.target
    target = sentiment.compile_target(target)  # validate before loading anything
    corpus = _corpus_or_path(args, columns=_parse_columns(args.columns or []), progress=True)
    run = {"method": args.method, "target": target, "progress": True, **_engine_kwargs(args)}
    if args.level == "sentence":
        table = sentiment.sentences(corpus, **run)
    else:
        table = sentiment.score(corpus, **run)
    write_table(table, fmt=args.format, out=args.out)
    if args.out:
        print(f"wrote {len(table):,} {args.level} rows to {args.out}", file=sys.stderr)
    return 0


def _add_sentiment(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sentiment", help="sentence-level sentiment: per document or per sentence",
        description="Score every sentence (VADER or AFINN) and write document aggregates "
                    "(compound_mean, pos/neg/neu shares, net_tone, n_sentences, reason) or "
                    "the sentence table (offsets, score, label).")
    p.add_argument("corpus", help="corpus file, folder, glob or 'demo'")
    p.add_argument("--level", choices=("doc", "sentence"), default="doc",
                   help="one row per document (default) or per sentence")
    p.add_argument("--method", choices=("vader", "afinn"), default="vader",
                   help="lexicon method (default: vader)")
    p.add_argument("--target", action="append", metavar="TERM",
                   help="score only sentences mentioning TERM (whole words, any case); "
                        "repeat for several terms")
    p.add_argument("--target-regex", metavar="REGEX",
                   help="score only sentences matching this regular expression")
    p.add_argument("--columns", nargs="+", metavar="OUR=THEIR",
                   help="map input columns, e.g. --columns text=body")
    _add_output_options(p)
    _add_engine_options(p)
    p.set_defaults(func=_run_sentiment)

def _run_polls(args: argparse.Namespace) -> int:
    from .polls import extract_corpus

    corpus = _corpus_or_path(args, progress=not args.quiet)
    figures = extract_corpus(corpus, pollsters=args.pollster or (), progress=not args.quiet,
                             min_confidence=args.min_confidence, **_engine_kwargs(args))
    write_table(figures, fmt=args.format, out=args.out)
    if not args.quiet:
        n_docs = figures.attrs["engine"]["n_docs"]
        print(f"{len(figures)} poll figures from {figures['doc_id'].nunique() if len(figures) else 0} "
              f"of {n_docs} documents", file=sys.stderr)
    return 0


def _add_polls(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("polls", help="extract opinion-poll figures (one row per figure)")
    p.add_argument("corpus", help="a corpus file, folder or glob, or 'demo'")
    p.add_argument("--pollster", action="append", metavar="NAME",
                   help="an extra pollster name to recognise (repeatable)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                   help="drop figures whose confidence (0-1, the model's probability) is below P")
    p.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    _add_output_options(p)
    _add_engine_options(p)
    p.set_defaults(func=_run_polls)


def _run_report(args: argparse.Namespace) -> int:
    from . import reports

    if args.list or args.help_notebook:
        names = [args.help_notebook] if args.help_notebook else args.notebooks
        paths = reports.discover_notebooks(args.notebook_dir, names)
        print("\n\n".join(reports.format_spec(reports.read_notebook_spec(p)) for p in paths))
        return 0
    params = reports.load_params_file(args.params) if args.params else {}
    cli_params = reports.parse_assignments(args.param or [])
    engine = {k: v for k, v in (("engine", args.engine), ("workers", args.workers),
                                ("scheduler", args.scheduler)) if v is not None}
    cache: object = False if args.no_cache else (args.cache_dir or True)
    run = reports.run_report(
        args.corpus, notebooks=args.notebooks, out=args.out, jobs=args.jobs,
        params={**params, **cli_params, **engine}, params_from_text=cli_params.keys(),
        notebook_dir=args.notebook_dir, cell_timeout=args.timeout, cache=cache,
    )
    print(f"{'report' if run.ok else 'report with FAILED notebooks'}: {run.index}")
    return 0 if run.ok else 1


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="render the report notebooks to HTML in a new run folder",
        description="Run the report notebooks on a corpus (ingested once) with papermill and "
        "write executed notebooks, HTML reports, CSV tables, manifest.json and index.html to "
        "OUT/<UTC time>_<corpus>/; OUT/latest points at the newest run. Exit status 1 when a "
        "notebook failed, 2 on invalid input.")
    p.add_argument("corpus", nargs="?", default="demo",
                   help="corpus source: a file, a folder or 'demo' (default: demo)")
    p.add_argument("--notebooks", nargs="+", metavar="NAME", default=None,
                   help="notebooks to run: names or prefixes like 00 20 (default: all)")
    p.add_argument("--out", default="outputs", help="folder for run folders (default: outputs)")
    p.add_argument("-p", "--param", action="append", metavar="KEY=VALUE",
                   help="notebook parameter, e.g. -p freq=W -p sources=BBC,Reuters (repeatable)")
    p.add_argument("--params", metavar="FILE.yaml", help="notebook parameters from a YAML file")
    p.add_argument("--jobs", type=int, default=None,
                   help="notebooks run in parallel (default: one per notebook, at most the "
                   "number of CPUs and 4)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="fail a notebook whose cell runs longer than this (default: no limit)")
    p.add_argument("--notebook-dir", default=None,
                   help="folder of the notebooks (default: ./notebooks)")
    p.add_argument("--list", action="store_true",
                   help="list every notebook's parameters (type, default, comment) and exit")
    p.add_argument("--help-notebook", metavar="NAME",
                   help="show one notebook's parameters and exit")
    _add_engine_options(p, report=True)
    p.set_defaults(func=_run_report)


def _run_readability(args: argparse.Namespace) -> int:
    from . import readability
    from .corpus import load_corpus

    names = [m.strip() for arg in args.measures or [] for m in arg.split(",") if m.strip()]
    measures = names or "all"
    readability.check_options(measures=measures, lang=args.lang)  # before loading anything
    progress = sys.stderr.isatty()
    if args.engine == "dask" and _is_parquet_source(args.corpus):
        if args.with_metadata:
            raise ParameterError("--with-metadata needs the corpus in memory; with --engine "
                                 "dask a Parquet corpus stays on disk (join on doc_id instead)")
        corpus: object = args.corpus
    else:
        corpus, report = load_corpus(args.corpus, progress=progress)
        if report.skipped:
            print(f"medialens readability: {len(report.skipped):,} rows skipped while loading "
                  "(`medialens ingest` shows why)", file=sys.stderr)
    scores = readability.score(corpus, measures=measures, lang=args.lang, progress=progress,
                               **_engine_kwargs(args))
    if args.with_metadata:
        scores = readability.with_metadata(scores, corpus)
    write_table(scores, fmt=args.format, out=args.out)
    return 0


def _add_readability(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "readability", help="readability measures per article (textstat's formulas, offline)",
        description="One row per article: textstat's readability measures, the counts behind "
                    "them, a <measure>_reliable flag per measure and a reason column.")
    p.add_argument("corpus", help="corpus file, folder, glob or 'demo'")
    p.add_argument("--measures", action="append", metavar="M1,M2",
                   help="comma-separated measures (default: all): flesch_reading_ease, "
                        "flesch_kincaid_grade, gunning_fog, smog_index, coleman_liau_index, "
                        "automated_readability_index, dale_chall_readability_score, "
                        "linsear_write_formula, text_standard")
    p.add_argument("--lang", default=None,
                   help="language of every article, e.g. en, en_GB, de (default: the corpus's "
                        "lang column, else identified per article)")
    p.add_argument("--with-metadata", action="store_true",
                   help="add the corpus's metadata columns (source, published, title, ...)")
    _add_output_options(p)
    _add_engine_options(p)
    p.set_defaults(func=_run_readability)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialens",
        description="Readability, sentiment over time and poll figures for news corpora.",
    )
    parser.add_argument("--version", action="version", version=f"medialens {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in (_add_ingest, _add_readability, _add_sentiment, _add_polls, _add_report):
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
