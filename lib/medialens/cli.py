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
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import MedialensError, ParameterError, printable

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "jsonl", "parquet")

def write_table(df: pd.DataFrame, *, fmt: str | None, out: str | None,
                safe: bool = True) -> None:
    """Write ``df`` as CSV / JSON Lines / Parquet to ``out`` (stdout when ``None``).

    The format defaults to the extension of ``out`` and to CSV on stdout. CSV cells that a
    spreadsheet would run as formulas are neutralised unless ``safe=False`` (``--raw-csv``).
    """
    fmt = out_format(out, fmt)
    if fmt not in FORMATS:
        raise ParameterError.invalid_choice("--format", fmt, FORMATS)
    if fmt == "parquet":
        if out is None:
            raise ParameterError("--format parquet needs --out FILE (binary output)")
        from .corpus.load import arrow_ready

        df, changed = arrow_ready(df)
        if changed:
            from .corpus.load import mixed_types_note

            print(f"note: {mixed_types_note(changed)}", file=sys.stderr)
        df.to_parquet(out, index=False)
        return
    if fmt == "csv":
        from .csvsafe import to_csv

        text = to_csv(df, safe=safe) or ""
    else:
        text = df.to_json(orient="records", lines=True, date_format="iso", force_ascii=False)
    if out is None:
        sys.stdout.write(text)
    else:
        Path(out).write_text(text, encoding="utf-8")


_SUFFIX_FORMATS = {"csv": "csv", "jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl",
                   "parquet": "parquet", "pq": "parquet"}


def out_format(out: str | None, fmt: str | None) -> str:
    """The format to write: ``fmt`` when given, else the extension of ``out``, CSV on stdout
    or for a name without an extension. An extension that names no format is an error rather
    than a CSV file under a misleading name ("results.jsonl.gz", "table.xlsx").

    >>> out_format("x.jsonl", None), out_format(None, None), out_format("x.gz", "csv")
    ('jsonl', 'csv', 'csv')
    """
    if fmt is not None:
        return fmt
    suffix = Path(out).suffix.lower().lstrip(".") if out else ""
    if not suffix:
        return "csv"
    if suffix not in _SUFFIX_FORMATS:
        known = ", ".join(f".{k}" for k in _SUFFIX_FORMATS)
        raise ParameterError(f"--out {out}: cannot tell the format from '.{suffix}' (compressed "
                             f"and spreadsheet files are not written); name the file {known}, "
                             "or pass --format csv|jsonl|parquet")
    return _SUFFIX_FORMATS[suffix]


#: Exit status of a run that completed but could not analyse some documents.
EXIT_DOCUMENT_ERRORS = 3


def _summary(command: str, table: pd.DataFrame, *, n_docs: int, values: Sequence[str],
             out: str | None, skipped: int = 0, what: str = "scored") -> str:
    """The one line every analysis ends with: documents, scored, without a value (and why),
    errors, rows skipped while loading, where the output went."""
    errors = table.attrs.get("errors") or []
    cols = [c for c in values if c in table.columns]
    has_value = table[cols].notna().any(axis=1) if cols else table.index.notna()
    parts = [f"{n_docs:,} documents", f"{int(has_value.sum()):,} {what}"]
    missing = table.loc[~has_value]
    if len(missing):
        reasons = ""
        if "reason" in missing.columns:
            counts = missing["reason"].fillna("no reason").astype(str).map(
                lambda r: r.split(" (")[0]).value_counts()
            reasons = " (reasons: " + ", ".join(f"{r} {n:,}" for r, n in counts.head(3).items()) \
                + (", ..." if len(counts) > 3 else "") + ")"
        parts.append(f"{len(missing):,} with no value{reasons}")
    parts.append(f"{len(errors):,} error{'s' if len(errors) != 1 else ''}")
    if skipped:
        parts.append(f"{skipped:,} input row{'s' if skipped != 1 else ''} skipped while loading")
    return f"{command}: " + ", ".join(parts) + f" -> {out or 'stdout'}"


def _finish(args: argparse.Namespace, line: str, errors: Sequence[dict[str, object]]) -> int:
    """Print the summary line (last, after at most 10 failed documents) and choose the exit
    status: 3 when documents failed, unless --allow-errors."""
    for e in list(errors)[:10]:
        print(printable(f"  failed: {e.get('doc_id')}: {e.get('error')}"), file=sys.stderr)
    if len(errors) > 10:
        print(f"  ... and {len(errors) - 10:,} more", file=sys.stderr)
    print(line, file=sys.stderr)
    if errors and not getattr(args, "allow_errors", False):
        return EXIT_DOCUMENT_ERRORS
    return 0


def _add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="output format (default: from --out's extension, else csv)")
    p.add_argument("--out", default=None, help="output file (default: stdout)")
    p.add_argument("--force", action="store_true", help="overwrite --out if it exists")
    p.add_argument("--raw-csv", action="store_true",
                   help="write CSV cells verbatim (default: cells starting =, +, -, @ get a "
                        "leading ' so spreadsheets do not run them as formulas)")


def check_out(out: str | None, *, force: bool = False, folder: bool = False,
              fmt: str | None = None) -> None:
    """Refuse an output path that cannot be written, before any work is done (exit 2).

    An existing file needs ``force``; the folder it goes in must exist and be writable.
    ``folder``: ``out`` is a folder to create (``medialens report --out``).
    """
    import os
    import tempfile

    if out is None:
        return
    path = Path(out)
    if folder:
        if path.exists() and not path.is_dir():
            raise ParameterError(f"--out {out}: exists and is not a folder")
        probe = path if path.is_dir() else next(
            (p for p in path.absolute().parents if p.exists()), Path("/"))
    else:
        if path.is_dir():
            raise ParameterError(f"--out {out}: is a folder; give a file name")
        out_format(out, fmt)
        if path.exists() and not force:
            raise ParameterError(f"--out {out}: the file exists; pass --force to overwrite it")
        probe = path.absolute().parent
        if not probe.is_dir():
            raise ParameterError(f"--out {out}: the folder {probe} does not exist")
    try:  # as root, os.access says yes to read-only file systems: really try
        fd, tmp = tempfile.mkstemp(dir=probe, prefix=".medialens-probe-")
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise ParameterError(f"--out {out}: cannot write in {probe} "
                             f"({exc.strerror or exc})") from None


def note_skipped(command: str, report: object, source: object) -> None:
    """One stderr line when the load skipped input rows or files (the analysis goes on)."""
    skipped = getattr(report, "skipped", None)
    if skipped:
        rows = getattr(report, "rows_skipped", len(skipped))
        files = len(skipped) - rows
        what = " and ".join(x for x in (
            f"{rows:,} input row{'s' if rows != 1 else ''}" if rows else "",
            f"{files:,} file{'s' if files != 1 else ''}" if files else "") if x)
        print(f"medialens {command}: {what} skipped while loading; "
              f"`medialens ingest {source}` lists them with the reason", file=sys.stderr)


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
    if not report:
        g.add_argument("--allow-errors", action="store_true",
                       help="exit 0 even when some documents failed (default: exit status 3, "
                            "'completed with document errors'; they are listed either way)")


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
    processed in partitions (only results come back); anything else is loaded (through the
    ingested-corpus cache: a source loaded before is read back in one step)."""
    from .corpus import load_corpus

    args.skipped = 0
    if args.engine == "dask" and _is_parquet_source(args.corpus):
        return args.corpus
    corpus, report = load_corpus(args.corpus, cache=_load_cache(args), **load)
    note_skipped(args.command, report, args.corpus)
    args.skipped = report.rows_skipped  # rows, not the files skipped whole
    return corpus


def _load_cache(args: argparse.Namespace) -> object:
    """The cache folder for the ingested-corpus cache (the feature cache's folder)."""
    from .cache import default_cache_dir

    return False if args.no_cache else (args.cache_dir or default_cache_dir())


def _add_columns_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--columns", nargs="+", metavar="OUR=THEIR",
                   help="map input columns, e.g. --columns text=story_body published=when")


def _parse_columns(pairs: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise ParameterError(f"--columns {pair!r}: expected OUR=THEIR, e.g. text=story_body")
        key = ours.strip()
        if key in mapping and mapping[key] != theirs.strip():
            # the last one used to win without a word: the headline analysed as the article
            raise ParameterError(f"--columns maps {key} twice ({key}={mapping[key]} and {key}={theirs.strip()}): "
                                 f"give one column for {key}")
        mapping[key] = theirs.strip()
    return mapping


def _run_ingest(args: argparse.Namespace) -> int:
    from .corpus import load_corpus, save_corpus

    columns = _parse_columns(args.columns or [])
    check_out(args.out, force=args.force, fmt=args.format)
    from . import ingest_cache

    df, report = load_corpus(args.sources, columns=columns, on_error=args.on_error,
                             dayfirst=args.dayfirst, detect_language=not args.no_language,
                             near_duplicates=not args.no_near_duplicates, progress=True,
                             cache=_load_cache(args))
    fmt = args.format
    if fmt is None and (args.out or "").lower().endswith((".parquet", ".pq")):
        fmt = "parquet"
    if fmt == "parquet":
        if args.out is None:
            raise ParameterError("--format parquet needs --out FILE (binary output)")
        # The cached artefact itself when there is one (what report runs use), else the same
        # format written afresh; either keeps the load report inside the file.
        if not ingest_cache.export(df, args.out):
            save_corpus(df, report, args.out)  # (notes a column stored as text in the report)
    else:
        write_table(df, fmt=fmt, out=args.out, safe=not args.raw_csv)
    print(report, file=sys.stderr)
    cached = " (from the ingest cache)" if df.attrs.get("ingest_cache", {}).get("hit") else ""
    print(f"ingest: wrote {len(df):,} documents from {len(report.files_read):,} file(s), "
          f"{len(report.skipped):,} skipped, {report.duplicates:,} exact and "
          f"{report.near_duplicates:,} near duplicates{cached} -> {args.out or 'stdout'}",
          file=sys.stderr)
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
    p.add_argument("--cache-dir", default=None, metavar="DIR",
                   help="ingested-corpus cache folder (default: outputs/.cache)")
    p.add_argument("--no-cache", action="store_true",
                   help="load from the sources even if this corpus was ingested before")
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
        if target.search(""):  # '' or 'x*' match every sentence: no target at all
            raise ParameterError(f"--target-regex {args.target_regex!r} matches the empty "
                                 "string, so every sentence; give a pattern that must match "
                                 "some text, or no target")
    elif args.target:
        target = args.target
    target = sentiment.compile_target(target)  # validate before loading anything
    check_out(args.out, force=args.force, fmt=args.format)
    corpus = _corpus_or_path(args, columns=_parse_columns(args.columns or []), progress=True)
    run = {"method": args.method, "target": target, "progress": True, **_engine_kwargs(args)}
    if args.level == "sentence":
        table = sentiment.sentences(corpus, **run)
    else:
        table = sentiment.score(corpus, **run)
    write_table(table, fmt=args.format, out=args.out, safe=not args.raw_csv)
    n_docs = table.attrs["engine"]["n_docs"]
    if args.level == "sentence":
        with_rows = table["doc_id"].nunique() if "doc_id" in table.columns else 0
        unsupported = table.attrs.get("unsupported") or {}
        none = ""
        if n_docs - with_rows:
            # documents that contributed no sentence: say how many and why, as the doc level does
            from collections import Counter

            counts = Counter(str(r).split(" (")[0] for r in unsupported.values())
            rest = n_docs - with_rows - len(unsupported) - len(table.attrs["errors"])
            why = [f"{r} {n:,}" for r, n in counts.most_common()] + (
                [f"no sentence to score {rest:,}"] if rest > 0 else [])
            k = n_docs - with_rows
            none = f", {k:,} document{'s' if k != 1 else ''} with no sentence scored" + (
                f" (reasons: {', '.join(why)})" if why else "")
        line = (f"sentiment: {n_docs:,} documents, {len(table):,} sentence{'s' if len(table) != 1 else ''} scored{none}, "
                f"{len(table.attrs['errors']):,} errors"
                + (f", {args.skipped:,} input rows skipped while loading" if args.skipped else "")
                + f" -> {args.out or 'stdout'}")
    else:
        line = _summary("sentiment", table, n_docs=n_docs, values=["compound_mean"],
                        out=args.out, skipped=args.skipped)
    return _finish(args, line, table.attrs["errors"])


def _add_sentiment(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sentiment", help="sentence-level sentiment: per document or per sentence",
        description="Score every sentence (VADER, AFINN, the e5 model or the ensemble) and "
                    "write document aggregates "
                    "(compound_mean, pos/neg/neu shares, net_tone, n_sentences, reason) or "
                    "the sentence table (offsets, score, label).")
    p.add_argument("corpus", help="corpus file, folder, glob or 'demo'")
    p.add_argument("--level", choices=("doc", "sentence"), default="doc",
                   help="one row per document (default) or per sentence")
    p.add_argument("--method", choices=("vader", "afinn", "e5", "ensemble"), default="vader",
                   help="vader (default) or afinn: English lexicons; e5: a sentence-embedding "
                        "model fitted on human ratings (~57 sentences/s on 2 cores); ensemble: "
                        "0.8 x e5 + 0.2 x vader per sentence, closest to people (NYT r 0.66)")
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

    check_out(args.out, force=args.force, fmt=args.format)
    corpus = _corpus_or_path(args, columns=_parse_columns(args.columns or []),
                             progress=not args.quiet)
    figures = extract_corpus(corpus, pollsters=args.pollster or (), progress=not args.quiet,
                             min_confidence=args.min_confidence, **_engine_kwargs(args))
    write_table(figures, fmt=args.format, out=args.out, safe=not args.raw_csv)
    n_docs = figures.attrs["engine"]["n_docs"]
    errors = figures.attrs["errors"]
    hidden = figures.attrs.get("hidden_low_confidence", 0)
    line = (f"polls: {n_docs:,} documents, {len(figures):,} poll figures from "
            f"{figures['doc_id'].nunique() if len(figures) else 0:,} of them"
            + (f" ({hidden:,} below --min-confidence hidden)" if hidden else "")
            + f", {len(errors):,} error{'s' if len(errors) != 1 else ''}"
            + (f", {args.skipped:,} input rows skipped while loading" if args.skipped else "")
            + f" -> {args.out or 'stdout'}")
    if args.quiet:  # no summary, but failed documents still decide the exit status
        return EXIT_DOCUMENT_ERRORS if errors and not args.allow_errors else 0
    return _finish(args, line, errors)


def _add_polls(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("polls", help="extract opinion-poll figures (one row per figure)")
    p.add_argument("corpus", help="a corpus file, folder or glob, or 'demo'")
    p.add_argument("--pollster", action="append", metavar="NAME",
                   help="an extra pollster name to recognise (repeatable)")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="P",
                   help="drop figures whose confidence (0-1, the model's probability) is below P")
    p.add_argument("--quiet", action="store_true", help="no progress or summary on stderr")
    _add_columns_option(p)
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
    check_out(args.out, folder=True)
    params = reports.load_params_file(args.params) if args.params else {}
    cli_params = reports.parse_assignments(args.param or [])
    # --group-by / --source are notebook parameters with their own option (strings as given)
    for flag, value in (("--group-by", args.group_by), ("--source", args.source)):
        if value is not None and not value.strip():
            raise ParameterError(f"{flag} {value!r}: give a non-empty name")
    cli_params.update({k: v for k, v in (("group_by", args.group_by),
                                         ("source_name", args.source)) if v is not None})
    engine = {k: v for k, v in (("engine", args.engine), ("workers", args.workers),
                                ("scheduler", args.scheduler)) if v is not None}
    cache: object = False if args.no_cache else (args.cache_dir or True)
    run = reports.run_report(
        args.corpus, notebooks=args.notebooks, out=args.out, jobs=args.jobs,
        params={**params, **cli_params, **engine}, params_from_text=cli_params.keys(),
        notebook_dir=args.notebook_dir, cell_timeout=args.timeout, cache=cache,
        columns=_parse_columns(args.columns or []),
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
    p.add_argument("--group-by", metavar="COLUMN", default=None,
                   help="compare groups by this corpus column (default: source, the outlet; "
                   "e.g. topic); the notebooks' group_by parameter")
    p.add_argument("--source", metavar="NAME", default=None,
                   help="outlet name for articles that have none (a Reuters export without a "
                   "source column: --source Reuters); the notebooks' source_name parameter")
    _add_columns_option(p)
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
    readability.check_options(measures=measures, lang=args.lang, variant=args.variant)
    check_out(args.out, force=args.force, fmt=args.format)
    progress = True  # a bar on a terminal, plain lines now and then in a log
    skipped = 0
    if args.engine == "dask" and _is_parquet_source(args.corpus):
        if args.with_metadata:
            raise ParameterError("--with-metadata needs the corpus in memory; with --engine "
                                 "dask a Parquet corpus stays on disk (join on doc_id instead)")
        corpus: object = args.corpus
    else:
        corpus, report = load_corpus(args.corpus, columns=_parse_columns(args.columns or []),
                                     progress=progress, cache=_load_cache(args))
        note_skipped("readability", report, args.corpus)
        skipped = report.rows_skipped
    scores = readability.score(corpus, measures=measures, lang=args.lang, variant=args.variant,
                               progress=progress, **_engine_kwargs(args))
    attrs = dict(scores.attrs)  # with_metadata's join does not keep them
    if args.with_metadata:
        scores = readability.with_metadata(scores, corpus)
    write_table(scores, fmt=args.format, out=args.out, safe=not args.raw_csv)
    scores.attrs.update(attrs)
    line = _summary(f"readability (variant {args.variant})", scores, n_docs=attrs["engine"]["n_docs"],
                    values=attrs.get("measures", []), out=args.out, skipped=skipped)
    return _finish(args, line, attrs.get("errors") or [])


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
    p.add_argument("--variant", choices=("textstat", "corrected"), default="textstat",
                   help="textstat: textstat's exact values (default); corrected: each "
                        "article's prose only, sentences by medialens (wire copy is measured)")
    p.add_argument("--with-metadata", action="store_true",
                   help="add the corpus's metadata columns (source, published, title, ...)")
    _add_columns_option(p)
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
    from ._signals import Terminated, terminate_as_interrupt

    parser = build_parser()
    args = parser.parse_args(argv)
    # a warning is one line for the user ("warning: ..."), not Python's file:line and source
    formatwarning = warnings.formatwarning
    warnings.formatwarning = lambda message, category, *_a, **_k: printable(
        f"medialens {args.command}: warning: {message}") + "\n"
    try:
        with terminate_as_interrupt():  # SIGTERM (timeout, CI) cleans up like Ctrl-C
            return int(args.func(args) or 0)
    except MedialensError as exc:
        print(printable(f"medialens {args.command}: error: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print(f"medialens {args.command}: interrupted", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    finally:
        warnings.formatwarning = formatwarning


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
