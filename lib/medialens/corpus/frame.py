"""The Corpus frame: its columns, the input column aliases, mapping a read table onto them, and
assembling the read tables into one validated frame (unique ids, texts, dates, datelines,
languages, duplicate flags). Works on DataFrames only; reading files is :mod:`.load`'s job.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ..duplicates import flag_duplicates
from ..errors import CorpusError
from ..metadata import EMPTY_DATE, PUBLISHED_DTYPE, parse_dateline, parse_dates
from ..metadata import detect_language as detect_language_
from ..wire import clean_wire_texts
from . import readers
from .discover import _File
from .fileio import Skip
from .report import LoadReport

CORPUS_COLUMNS: tuple[str, ...] = (
    "doc_id", "text", "title", "source", "published", "url", "byline", "dateline", "lang",
    "duplicate_of", "duplicate_kind", "date_reason",
)
"""Columns every loaded corpus has, in this order; extra input columns follow them."""

# The columns a user may map with ``columns={our_name: their_name}``.
MAPPABLE = ("doc_id", "text", "title", "source", "published", "url", "byline", "dateline", "lang")

# Export headers in German, French, Spanish, Italian, Dutch and Portuguese (accents do not
# matter: alias_key strips them). Tried after the English names. "data" (Italian/Portuguese
# for date) is left out: in English exports it names anything.
_FOREIGN: dict[str, tuple[str, ...]] = {
    "text": ("inhalt", "texte", "contenu", "texto", "contenido", "testo", "tekst", "conteudo"),
    "title": ("titel", "uberschrift", "ueberschrift", "titre", "titulo", "titolo", "kop"),
    "source": ("quelle", "zeitung", "journal", "fuente", "medio", "periodico",
               "fonte", "testata", "bron", "krant", "veiculo"),
    "published": ("datum", "erscheinungsdatum", "fecha", "date_de_publication",
                  "fecha_de_publicacion", "data_di_pubblicazione", "data_de_publicacao"),
    "byline": ("autor", "auteur", "autore", "autoren"),
}

ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id", "stories_id", "story_id", "article_id", "docid", "uuid"),
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext",
             "maintext", "story", "story_text", "article_body", "body_text", "story_body",
             *_FOREIGN["text"]),
    "title": ("title", "headline", "heading", "hed", "article_title", "story_title",
              *_FOREIGN["title"]),
    "source": ("source", "media_name", "outlet", "publication", "publisher", "site_name",
               "sitename", "newspaper", "media", "source_name", "outlet_name", "media_outlet",
               "publication_name", "news_source", *_FOREIGN["source"]),
    "published": ("published", "date", "publish_date", "published_at", "publication_date",
                  "pubdate", "pub_date", "date_published", "published_date", "publish_time",
                  "published_time", "publication_time", "article_date", "story_date",
                  "datetime", "date_time", "timestamp", *_FOREIGN["published"]),
    "url": ("url", "link", "permalink", "article_url", "story_url"),
    "byline": ("byline", "author", "authors", "by", "writer", *_FOREIGN["byline"]),
    "dateline": ("dateline",),
    "lang": ("lang", "language", "locale"),
}
"""Input column names recognised for each Corpus column, first match wins; an input name is
compared by :func:`alias_key` (case, spaces, hyphens and camelCase do not matter)."""

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def alias_key(name: Any) -> str:
    """An input column name as :data:`ALIASES` spell them: spreadsheet and tool exports write
    "Date Published", "publishDate", "Full-Text" or "PUB DATE" for the same column.

    >>> [alias_key(n) for n in ("Date Published", "publishDate", "Full-Text", "PUB DATE", "Título")]
    ['date_published', 'publish_date', 'full_text', 'pub_date', 'titulo']
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", str(name))
                    if not unicodedata.combining(c))  # "Título", "Überschrift"
    return _NOT_ALNUM.sub("_", _CAMEL.sub("_", plain).lower()).strip("_")


_KNOWN = frozenset(alias for aliases in ALIASES.values() for alias in aliases)


def _map_hint(ours: str) -> str:
    """How to map a column, in both the CLI's and Python's words: the loader's messages are
    shown by the ``medialens`` command as well as in notebooks.

    >>> _map_hint("doc_id")
    "--columns doc_id=COL (Python: columns={'doc_id': ...})"
    """
    return f"--columns {ours}=COL (Python: columns={{{ours!r}: ...}})"


def _all_objects(cells: pd.Series) -> bool:
    present = cells[cells.notna()]
    return len(present) > 0 and bool(present.map(lambda v: isinstance(v, dict)).all())


def _flatten(raw: pd.DataFrame, depth: int = 3) -> tuple[pd.DataFrame, list[str]]:
    """JSON objects inside records become dotted columns: {"content": {"body": ...}} gives
    "content.body", so exports that nest the text or the date load (and can be mapped with
    ``columns={'text': 'content.body'}``) instead of every record being skipped.

    >>> _flatten(pd.DataFrame({"id": [1], "meta": [{"date": "2020-01-02"}]}))[1]
    ['meta.date']
    """
    nested: list[str] = []
    for _ in range(depth):
        # Only a column that holds objects in every record it has: where strings and objects
        # mix, the strings are the data and each object costs its own row (see _texts).
        objects = [c for c in raw.columns if raw[c].dtype == object and _all_objects(raw[c])]
        if not objects:
            break
        for col in objects:
            cells = raw[col]
            keys = list(dict.fromkeys(k for v in cells if isinstance(v, dict) for k in v))
            if alias_key(col) in _KNOWN and not any(alias_key(k) in _KNOWN for k in keys):
                # {"title": {"main": "T"}}: the column is the field itself, written as JSON
                continue
            keys = [k for k in keys if f"{col}.{k}" not in raw.columns]
            names = [f"{col}.{k}" for k in keys]
            parts = pd.DataFrame({name: cells.map(lambda v, k=k: v.get(k) if isinstance(v, dict) else None)
                                  for name, k in zip(names, keys, strict=True)}, index=raw.index, dtype=object)
            at = raw.columns.get_loc(col)
            raw = pd.concat([raw.iloc[:, :at], parts, raw.iloc[:, at + 1:]], axis=1)
            nested = [n for n in nested if n != col] + names
    return raw, nested


def _normalise(result: readers.ReadResult, f: _File, mapping: dict[str, str],
               skip: Skip) -> pd.DataFrame:
    """Rename recognised columns to the Corpus names; fill doc_id where the input has none.

    A record whose text is not text (a JSON object) is reported through ``skip`` and dropped.
    """
    raw = result.frame
    assert raw is not None
    raw, nested = _flatten(raw)
    if nested:
        result.notes.append(f"{f.rel}: nested fields read as columns: {', '.join(nested[:8])}"
                            f"{' ...' if len(nested) > 8 else ''}")
    found = list(raw.columns)
    lower = {alias_key(c): c for c in found}
    for c in nested:  # "meta.date" answers to "date" unless a top-level column does
        lower.setdefault(alias_key(c.rsplit(".", 1)[-1]), c)
    rename: dict[Any, str] = {}
    for ours in MAPPABLE:
        if ours in mapping:
            theirs = mapping[ours]
            if theirs not in raw.columns:
                raise CorpusError(f"columns maps {ours!r} to {theirs!r}, which is not a column; "
                                  f"columns found: {', '.join(map(str, found))}", path=f.rel)
            rename[theirs] = ours
            continue
        for alias in ALIASES[ours]:
            col = lower.get(alias)
            if col is not None and col not in rename and col not in mapping.values():
                rename[col] = ours
                break
    raw = _coalesce(raw, rename, mapping, f, result.notes)
    lacking = [ours for ours in ("title", "source", "published") if ours not in rename.values()]
    # a column a mapping displaces keeps its data as "<name>_original" (below): name it so
    unread = [f"{c}_original" if c in MAPPABLE and c in rename.values() else str(c)
              for c in found if c not in rename and not str(c).startswith("_")]
    if lacking and unread:
        # Otherwise a "Quelle" or "Rubrik" column stays unused and nothing says why the
        # report has no outlets: name what was not recognised and how to map it.
        result.notes.append(
            f"{f.rel}: no {'/'.join(lacking)} column recognised; columns kept as they are: "
            f"{', '.join(unread[:8])}{' ...' if len(unread) > 8 else ''} (to use one, map "
            f"it with {_map_hint(lacking[0])})")
    # Columns that would be shadowed by a renamed one keep their data under a suffix.
    clashes = [c for c in found if c in MAPPABLE and c not in rename and c in rename.values()]
    df = raw.rename(columns={c: f"{c}_original" for c in clashes}).rename(columns=rename)
    if "text" not in df.columns:
        if readers.is_media_cloud_list(found):
            df["text"] = ""
            result.notes.append(f"{f.rel}: a Media Cloud story list without story text; "
                                "loaded titles, dates and URLs with empty texts")
        else:
            raise CorpusError("no text column; columns found: " + ", ".join(map(str, found))
                              + "; name it text/body/content or map another column with "
                              + _map_hint("text"),
                              path=f.rel)
    df, rows, lines = _texts(df, result, skip)
    if "doc_id" in df.columns:
        ids = df["doc_id"].map(_id_str)
        fallback = ids.isna()
        ids[fallback] = [f"{f.rel}:{r}" for r in np.asarray(rows)[fallback.to_numpy()]]
        if fallback.any():
            result.notes.append(f"{f.rel}: {int(fallback.sum())} rows without an id got "
                                "'<file>:<row>' ids")
        df["doc_id"] = ids
    else:
        df["doc_id"] = [f"{f.rel}:{r}" for r in rows]
    # Types of the other columns, now that ids are strings (JSON readers keep Python objects
    # so that an int id column with a gap never passes through float).
    df = df.infer_objects()
    df["_file"] = f.rel
    df["_line"] = lines
    # Remember which input column gave the date so a missing-date reason can name it.
    date_col = next((k for k, v in rename.items() if v == "published"), None)
    df["_date_col"] = str(date_col) if date_col is not None else pd.NA
    return df


def _coalesce(raw: pd.DataFrame, rename: dict[Any, str], mapping: dict[str, str], f: _File,
              notes: list[str]) -> pd.DataFrame:
    """Fill a recognised column's empty cells from the other names for it in the same file.

    JSON Lines written by several tools mix keys ("Text" in some records, "body" in others);
    taking the first name only would load the other records with no text, silently.
    """
    for col, ours in rename.items():
        if ours in mapping:
            continue
        others = [c for alias in ALIASES[ours] for c in raw.columns
                  if alias_key(c) == alias and c != col and c not in rename]
        if not others:
            continue
        target = raw[col]
        empty = _blank_cells(target)
        filled = 0
        for other in others:
            take = empty & ~_blank_cells(raw[other])
            if take.any():
                if filled == 0:
                    raw = raw.copy()
                    target = raw[col].astype(object)
                target = target.where(~take, raw[other])
                filled += int(take.sum())
                notes.append(f"{f.rel}: {int(take.sum())} record(s) took their {ours} from "
                             f"{other!r}, where {col!r} was empty or missing")
                empty &= ~take
        if filled:
            raw[col] = target
    return raw


def _blank_cells(values: pd.Series) -> pd.Series:
    return values.isna() | values.map(lambda v: isinstance(v, str) and not v.strip())


def _texts(df: pd.DataFrame, result: readers.ReadResult, skip: Skip
           ) -> tuple[pd.DataFrame, list[int], list[int]]:
    """Texts as strings: a list of strings (paragraphs) is joined; a JSON object, or a list of
    anything else, is not an article text and costs its row (skipped with its line)."""
    rows, lines = list(result.rows), list(result.line_of())
    values = df["text"].tolist()
    if not any(isinstance(v, (dict, list)) for v in values):
        return df, rows, lines
    keep = []
    for i, v in enumerate(values):
        if isinstance(v, list) and all(isinstance(p, str) for p in v):
            values[i] = "\n\n".join(p.strip() for p in v)
        elif isinstance(v, (dict, list)):
            kind = "object" if isinstance(v, dict) else "array of non-strings"
            skip(lines[i], f"the text field holds a JSON {kind}, not text")
            continue
        keep.append(i)
    df = df.assign(text=pd.Series(values, index=df.index, dtype=object)).iloc[keep]
    return df.reset_index(drop=True), [rows[i] for i in keep], [lines[i] for i in keep]


def _id_str(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return pd.NA
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        return str(int(v))  # ids read as float because the column has gaps
    s = str(v).strip()
    return s or pd.NA


def _assemble(frames: list[pd.DataFrame], report: LoadReport, *, dayfirst: bool | None,
              detect_language: bool, near_duplicates: bool, progress: bool = False,
              languages: Any = None, on_error: str = "skip") -> pd.DataFrame:
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, "str")) for c in CORPUS_COLUMNS})
    df = pd.concat(frames, ignore_index=True, sort=False)
    df = _skip_repeated_ids(df, report, on_error)
    df = _skip_exported_twice(df, report, on_error)
    df = _qualify_per_file_ids(df, report)
    _check_unique_ids(df)
    for col in ("title", "source", "url", "byline", "dateline", "lang"):
        if col not in df.columns:
            df[col] = pd.NA
        df[col] = _clean_str(df[col])
    _markup_to_text(df, report)
    _control_characters(df, report)
    text = df["text"]
    empty = text.isna() | (text.astype("str").str.strip() == "")
    why = df["_text_reason"] if "_text_reason" in df.columns else pd.Series(pd.NA, df.index)
    titled = df["title"].notna() & (df["title"].astype("str").str.strip() != "")
    for doc_id, fname, line, reason, has_title in zip(
            df.loc[empty, "doc_id"], df.loc[empty, "_file"], _lines(df, empty), why[empty],
            titled[empty], strict=True):
        report.empty_texts.append({"doc_id": doc_id, "file": fname, "line": line,
                                   "reason": reason if isinstance(reason, str)
                                   else "no text in the input" + (" (title kept)" if has_title else "")})
    df["text"] = text.fillna("").astype("str").str.replace("\r\n", "\n").str.strip()
    # Wire copy: sign-offs and credit lines cut from the ends of the texts (medialens.wire).
    cleaned, wire = clean_wire_texts(df["text"].tolist())
    df["text"] = cleaned
    report.notes.extend(wire.notes())
    report.empty_texts.extend({"doc_id": df.at[i, "doc_id"], "file": df.at[i, "_file"],
                               "reason": "only a wire sign-off (removed)"} for i in wire.emptied)

    _dates(df, report, dayfirst=dayfirst)
    _datelines(df)
    if detect_language:
        todo = df["lang"].isna() & (df["text"] != "")
        texts = df.loc[todo, "text"]
        if languages is not None:  # the ingest cache: only texts not seen before
            df.loc[todo, "lang"] = languages.languages(texts.tolist(), detect_language_,
                                                       progress=progress)
        else:
            if progress:
                from ..progress import bar

                texts = bar(texts, desc="language", unit="doc")
            df.loc[todo, "lang"] = [detect_language_(t) for t in texts]
        df["lang"] = df["lang"].astype("str")
    flags = flag_duplicates(df, near=near_duplicates)
    df["duplicate_of"] = flags["duplicate_of"]
    df["duplicate_kind"] = flags["duplicate_kind"]
    report.duplicates = int((flags["duplicate_kind"] == "exact").sum())
    report.near_duplicates = int((flags["duplicate_kind"] == "near").sum())
    report.rows_loaded = len(df)
    df = df.drop(columns=[c for c in ("_file", "_line", "_date_col", "_text_reason")
                          if c in df.columns])
    extra = [c for c in df.columns if c not in CORPUS_COLUMNS]
    return df[list(CORPUS_COLUMNS) + extra]


_DTYPES = {"published": PUBLISHED_DTYPE}


def _datelines(df: pd.DataFrame) -> None:
    """``dateline`` as the place ("TOKYO, Japan"): parsed from a given dateline value
    ("SALVADOR, Feb 26 -") or from the opening of the text; a missing ``source`` is taken
    from the dateline's "(CNN)" part, as for pages."""
    places, sources = [], []
    for given, text in zip(df["dateline"].tolist(), df["text"].tolist(), strict=True):
        if isinstance(given, str):
            parsed = parse_dateline(given.rstrip() + " .")
            places.append(parsed.place if parsed else given)
            sources.append(parsed.source if parsed else None)
        else:
            parsed = parse_dateline(text[:300]) if text else None
            places.append((parsed.place or None) if parsed else None)
            sources.append(parsed.source if parsed else None)
    df["dateline"] = pd.Series(places, index=df.index, dtype="str")
    found = pd.Series(sources, index=df.index, dtype="str")
    df["source"] = df["source"].where(df["source"].notna(), found)


def _clean_str(s: pd.Series) -> pd.Series:
    """Metadata columns as pandas strings; blank values become NA."""
    def one(v: Any) -> Any:
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            return pd.NA
        if isinstance(v, list):  # "authors": ["A", "B"] from JSON
            return ", ".join(str(x).strip() for x in v if x is not None) or pd.NA
        if isinstance(v, dict):  # JSON text, not a Python repr
            return json.dumps(v, ensure_ascii=False)
        return str(v).strip() or pd.NA

    return s.map(one).astype("str")


# Up to this share of a file's rows, an id that repeats within the file is damage in the later
# rows (skipped with their lines); beyond it the id column is not an id (an error naming it).
_MAX_REPEATED_ID_SHARE = 0.1


def _skip_repeated_ids(df: pd.DataFrame, report: LoadReport, on_error: str) -> pd.DataFrame:
    """Rows whose ``doc_id`` repeats an earlier row of the same file, skipped with their line,
    when they are few; repeats across files, or many, are left to :func:`_check_unique_ids`.

    One repeated id in a large export costs that row, not the file; an id column that is not
    unique at all (a category, per-file numbering) stays an error so nothing is quietly lost.
    """
    if "_line" not in df.columns:
        return df
    repeat = df.duplicated(["_file", "doc_id"], keep="first") & df["_line"].notna()
    if not repeat.any():
        return df
    per_file = repeat.groupby(df["_file"]).sum()
    size = df.groupby("_file").size()
    few = per_file[per_file <= np.maximum(1, _MAX_REPEATED_ID_SHARE * size[per_file.index])]
    drop = repeat & df["_file"].isin(few.index)
    if not drop.any():
        return df
    first = df[~df.duplicated(["_file", "doc_id"], keep="first")].set_index(["_file", "doc_id"])
    for i in np.flatnonzero(drop.to_numpy()):
        fname, ident, line = df.at[i, "_file"], df.at[i, "doc_id"], int(df.at[i, "_line"])
        earlier = first.at[(fname, ident), "_line"]
        reason = (f"doc_id {ident!r} repeats the row on line {int(earlier)}; ids must be "
                  "unique (the first row with it is kept)")
        if on_error == "raise":
            raise CorpusError(reason, path=fname, line=line)
        report.skipped.append({"file": fname, "line": line, "reason": reason})
    return df[~drop].reset_index(drop=True)


def _skip_exported_twice(df: pd.DataFrame, report: LoadReport, on_error: str) -> pd.DataFrame:
    """Rows of a later file with the id AND the text of an earlier file's row (two exports whose
    date ranges overlap), skipped with their line; the first copy is kept.

    The same article exported twice is not a conflict, and aborting the whole load over it lost
    every other row. The same id with another text stays an error (which one is right?).
    """
    if "_file" not in df.columns or "text" not in df.columns or df["_file"].nunique() < 2:
        return df
    same = df.duplicated(["doc_id", "text"], keep="first") & df["doc_id"].notna()
    same &= ~df.duplicated(["_file", "doc_id", "text"], keep="first")  # within a file: not this
    if not same.any():
        return df
    first = df[~df.duplicated(["doc_id", "text"], keep="first")].set_index(["doc_id", "text"])
    for i in np.flatnonzero(same.to_numpy()):
        fname, ident = df.at[i, "_file"], df.at[i, "doc_id"]
        line = df.at[i, "_line"] if "_line" in df.columns else None
        line = int(line) if line is not None and pd.notna(line) else None
        f0 = first.at[(ident, df.at[i, "text"]), "_file"]
        l0 = first.at[(ident, df.at[i, "text"]), "_line"] if "_line" in first.columns else None
        where = f"{f0}:{int(l0)}" if l0 is not None and pd.notna(l0) else str(f0)
        reason = f"doc_id {ident!r} with the same text as {where} (the article exported twice; the first is kept)"
        if on_error == "raise":
            raise CorpusError(reason, path=fname, line=line)
        report.skipped.append({"file": fname, "line": line, "reason": reason})
    return df[~same].reset_index(drop=True)


def _qualify_per_file_ids(df: pd.DataFrame, report: LoadReport) -> pd.DataFrame:
    """Ids that repeat only across files, on different texts (two exports each numbering its
    rows 1..n), become ``<file>/<id>``, with a note; ids that also repeat within a file, or
    that come with the same text (one article exported twice), stay an error.

    A folder of per-file numbered exports could not be loaded at all, and the CLI has no way
    to say "these ids are per file". An id written in one file only keeps its form.

    >>> df = pd.DataFrame({"doc_id": ["1", "2", "1", "3"], "_file": ["a.csv", "a.csv", "b.csv", "b.csv"]})
    >>> r = LoadReport()
    >>> _qualify_per_file_ids(df, r)["doc_id"].tolist(), r.notes
    (['a.csv/1', '2', 'b.csv/1', '3'], ["1 id(s) repeat across files (each file numbers its own rows, e.g. '1'): read as '<file>/<id>' ('a.csv/1')"])
    """
    if "_file" not in df.columns or df["_file"].nunique() < 2:
        return df
    repeated = df["doc_id"].duplicated(keep=False) & df["doc_id"].notna()
    if not repeated.any() or df.loc[repeated].duplicated(["_file", "doc_id"]).any():
        return df  # none, or also within a file: _check_unique_ids names them
    if "text" in df.columns and df.loc[repeated].duplicated(["doc_id", "text"]).any():
        return df  # the same id with the same text: one article exported twice, not numbering
    qualified = df["_file"].astype(str) + "/" + df["doc_id"].astype(str)
    if qualified[repeated].isin(df.loc[~repeated, "doc_id"]).any():
        return df  # "a.csv/1" is already someone's id: leave it to the error
    names = df.loc[repeated, "doc_id"]
    df = df.copy()
    df.loc[repeated, "doc_id"] = qualified[repeated]
    report.notes.append(f"{names.nunique()} id(s) repeat across files (each file numbers its own rows, "
                        f"e.g. {names.iloc[0]!r}): read as '<file>/<id>' ({qualified[repeated].iloc[0]!r})")
    return df


def _check_unique_ids(df: pd.DataFrame) -> None:
    dup = df["doc_id"][df["doc_id"].duplicated(keep=False)]
    if dup.empty:
        return
    names = list(dict.fromkeys(dup))
    files = sorted(set(df.loc[dup.index, "_file"]))
    shown = ", ".join(repr(n) for n in names[:10]) + (" ..." if len(names) > 10 else "")
    raise CorpusError(f"{len(names)} doc_id values occur more than once: {shown} "
                      f"(in {', '.join(files[:5])}); ids must be unique - fix the id column "
                      f"or map another one with {_map_hint('doc_id')}")


def _markup_to_text(df: pd.DataFrame, report: LoadReport) -> None:
    """Text and title fields of table rows that hold HTML markup (an export of a CMS or a
    scraper: "<p>The council met ...</p>") become their words, in place, with a note saying
    how many and where: the tags would otherwise be read as words (an ARI of 25 for one
    paragraph). Pages and ``.html`` files are extracted by their readers already."""
    from ..clean import markup_to_text

    rows = df["_line"].notna() if "_line" in df.columns else pd.Series(False, index=df.index)
    changed: list[int] = []
    for col in ("text", "title"):
        if col not in df.columns:
            continue
        values = df[col]
        for i in df.index[rows & values.notna()]:
            v = values.at[i]
            if isinstance(v, str) and "<" in v and (plain := markup_to_text(v)) is not None:
                df.at[i, col] = plain
                if col == "text":
                    changed.append(i)
    if changed:
        first = changed[0]
        where = f"{df.at[first, '_file']}:{int(df.at[first, '_line'])}"
        report.notes.append(f"{len(changed):,} text(s) held HTML markup (e.g. {where}): read as "
                            "their words, tags, scripts and styles left out")


# terminal colour and cursor codes pasted with a text ("\x1b[1m\x1b[31mALERT\x1b[0m"): the
# whole code goes, not only its ESC, or "[31m" would be read as a word
_RE_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_RE_CONTROL_RUN = re.compile(r"[ \t]*[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+[ \t]*")


def _control_characters(df: pd.DataFrame, report: LoadReport) -> None:
    """Control characters in texts and titles (damaged bytes, pasted terminal codes) become a
    space, in place, with a note saying how many texts and where: they are no words, and a
    report, a CSV cell or a terminal must not receive them."""
    changed: list[int] = []
    for col in ("text", "title"):
        if col not in df.columns:
            continue
        values = df[col]
        hit = values.map(lambda v: isinstance(v, str) and _RE_CONTROL_RUN.search(v) is not None)
        for i in df.index[hit.astype(bool)]:
            # only the run and the spaces around it become one space: the text's own layout
            # (a wire story's indented paragraphs) stays as written
            df.at[i, col] = _RE_CONTROL_RUN.sub(" ", _RE_ANSI.sub("", values.at[i]))
            if col == "text":
                changed.append(i)
    if changed:
        first = changed[0]
        where = (f" (e.g. {df.at[first, '_file']}:{int(df.at[first, '_line'])})"
                 if "_line" in df.columns and pd.notna(df.at[first, "_line"]) else "")
        report.notes.append(f"{len(changed):,} text(s) held control characters{where}: each run "
                            "read as a space (terminal colour codes left out)")


def _lines(df: pd.DataFrame, mask: pd.Series) -> list[int | None]:
    """The input line of each selected row (None for a whole-file document: a page, a text)."""
    if "_line" not in df.columns:
        return [None] * int(mask.sum())
    return [int(x) if pd.notna(x) else None for x in df.loc[mask, "_line"]]


def _dates(df: pd.DataFrame, report: LoadReport, *, dayfirst: bool | None) -> None:
    if "published" in df.columns:
        published = pd.Series(pd.NaT, index=df.index, dtype=PUBLISHED_DTYPE)
        reasons = pd.Series(pd.NA, index=df.index, dtype="string")
        assumed_utc = day_moved = 0
        moved: tuple[str, pd.Timestamp | None] = ("", None)  # the first one, as written and in UTC
        # Per tabular file: one export's day/month order says nothing about another's.
        # Pages (no date column; the reader parsed their dates) go in one batch.
        key = df["_file"].where(df["_date_col"].notna(), "")
        for _, part in df["published"].groupby(key, sort=False):
            parsed = parse_dates(part.tolist(), dayfirst=dayfirst)
            published[part.index] = parsed.values.to_numpy()
            reasons[part.index] = parsed.reasons.to_numpy()
            assumed_utc += parsed.assumed_utc
            day_moved += parsed.day_moved
            if parsed.day_moved and not moved[0]:
                moved = (parsed.day_moved_example, parsed.day_moved_utc)
        empty = (reasons == EMPTY_DATE).fillna(False) & df["_date_col"].notna()
        reasons[empty] = [f"no date: column {c!r} is empty" for c in df.loc[empty, "_date_col"]]
        if assumed_utc:
            report.notes.append(f"{assumed_utc:,} dates had no time zone and were read as UTC")
        if day_moved:
            report.notes.append(
                f"{day_moved:,} {'date' if day_moved == 1 else 'dates'} written with a UTC "
                f"offset {'falls' if day_moved == 1 else 'fall'} on another calendar day in "
                f"UTC, which every per-day/week/month count uses (e.g. {moved[0]!r} is "
                f"{moved[1]:%Y-%m-%d %H:%M} UTC)")
    else:
        published = pd.Series(pd.NaT, index=df.index, dtype=PUBLISHED_DTYPE)
        reasons = pd.Series(pd.NA, index=df.index, dtype="string")
    if "date_reason" in df.columns:  # a page reader explains its own missing dates
        given = df["date_reason"].astype("string")
        reasons = given.where(given.notna(), reasons)
    no_column = published.isna() & reasons.isna()
    if no_column.any():
        for fname in df.loc[no_column, "_file"].unique():
            report.notes.append(f"{fname}: no date column; its documents have no date (a "
                                f"column named e.g. {', '.join(ALIASES['published'][:4])} is "
                                f"read as the date; map another with {_map_hint('published')})")
        reasons[no_column] = "no date: the input has no date column"
    df["published"] = published
    df["date_reason"] = reasons.where(published.isna(), pd.NA).astype("str")
    undated = published.isna()
    for doc_id, fname, line, reason in zip(df.loc[undated, "doc_id"], df.loc[undated, "_file"],
                                           _lines(df, undated), df.loc[undated, "date_reason"],
                                           strict=True):
        report.missing_dates.append({"doc_id": doc_id, "file": fname, "line": line,
                                     "reason": reason})
