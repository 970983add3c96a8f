"""One name per subject and pollster across a corpus, and selecting figures by name.

The extractor reads one article at a time, so one series arrives under several names: "Ilse
Varga", "Varga" and "the Prime Minister"; "the Strait Crossing", "the Crossing" and "the
crossing"; "the Greens" in one outlet and "the Green League" in another; "Meridian Research"
and "Meridian". A tracker would draw each as its own series. :func:`harmonise_names` merges
them conservatively, on evidence from the corpus itself (never a guess from outside it):

1. an office ("Prime Minister") becomes its holder when the corpus's poll articles name
   exactly one holder of that office who is also mentioned in this article;
2. a short name becomes the longer name it is the end of ("Varga" -> "Ilse Varga",
   "crossing" -> "Strait Crossing") when the longer one is written in the same article
   (a full name introduced with a title or before a verb, or a proper-noun subject of another
   figure) and is the only such name there; failing that, a first name alone the one full
   name it starts ("Kamala" -> "Kamala Harris");
3. a name that is the start or end of another subject in the same linked poll, with the same
   value ("Green" 8 and "Green League" 8 in one poll reported by two outlets), is that subject;
4. a mapping found in most of the articles using a short name also applies to the others,
   and a surname alone is the one person of the corpus whose full name ends with it
   ("Reagan" -> "Ronald Reagan", unless a "Nancy Reagan" is written too);
5. a pollster has one name: a known pollster (the gazetteer, :mod:`.pollsters`) its name
   there ("Louis Harris and Assoc" and "Harris" -> "Harris", "Comres" -> "ComRes"; a joint
   name's parts in one order: "Siena/New York Times" -> "New York Times/Siena College"); an
   unknown name whose words start, or stand inside, exactly one other pollster's name is that
   pollster ("Meridian" -> "Meridian Research"), but two known pollsters are never merged
   ("Gallup" is not "Morgan Gallup"); names differing only in case are one;
6. a name sharing no word with another ("the Big Bridge", a tabloid's nickname for the Strait
   Crossing) is that other, more frequent name when both report the same kind, measure and
   value in at least two linked polls and in at least 3x as many as where they differ.

The names as extracted stay in ``subject_extracted`` and ``pollster_extracted``.

>>> figs = pd.DataFrame({"doc_id": ["a", "b"], "poll_id": ["a#0", "b#0"], "kind": "share",
...     "subject": ["Varga", "Strait Crossing"], "value": [44.0, 55.0],
...     "pollster": ["Meridian", "Meridian Research"]})
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Prime Minister Ilse Varga said ...", "..."]})
>>> harmonise_names(figs, corpus, relink=False)[["subject", "pollster"]].values.tolist()
[['Ilse Varga', 'Meridian Research'], ['Strait Crossing', 'Meridian Research']]
>>> select_figures(figs, subjects=["varga"])["subject"].tolist()   # whole words, any case
['Varga']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import pandas as pd

from ..errors import ParameterError
from .link import _agree, link_polls
from .pollsters import canonical, is_known
from .subjects import OFFICES, PARTY_ALIASES, full_names_in, offices_in

_NEEDED = ("doc_id", "subject")
_PARTY_NAMES = frozenset(PARTY_ALIASES.values())  # "Labour" is not the surname of "New Labour"
_NAME_LIKE = re.compile(r"^[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+$")  # "Strait Crossing", "Ilse Varga"


def _words(name: str) -> list[str]:
    return [w.casefold() for w in re.split(r"[\s/]+", name.strip()) if w]


def _mentions(text: str, name: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def _is_end(short: str, long: str) -> bool:
    s, w = _words(short), _words(long)
    return 0 < len(s) < len(w) and w[-len(s):] == s


def _is_start(short: str, long: str) -> bool:
    s, w = _words(short), _words(long)
    return 0 < len(s) < len(w) and w[:len(s)] == s


_RE_PARTNER = re.compile(r"\s*(?:/|&|\+|\s-\s|-(?=[A-Z])|\band\s+(?=[A-Z]))")


def _adds_partner(short: str, long: str) -> bool:
    """``long`` is ``short`` joined to another organisation ("NBC/Wall Street Journal" and
    "NBC/Wall Street Journal/Marist"), when ``short`` is itself a joint name.

    >>> _adds_partner("NBC/Wall Street Journal", "NBC/Wall Street Journal/Marist"), _adds_partner("Meridian", "Meridian Research")
    (True, False)
    """
    return bool(_RE_PARTNER.search(short)) and long.startswith(short) and bool(_RE_PARTNER.match(long, len(short)))


def _is_inside(short: str, long: str) -> bool:
    """``short``'s words, capitalised, appear as a run inside ``long`` ("Harris" in "Louis Harris
    and Assoc"): pollster names only (a subject's surname is rule 2's business)."""
    ws, wl = _words(short), _words(long)
    if not ws or len(ws) >= len(wl) or not short[:1].isupper():
        return False
    return any(wl[i:i + len(ws)] == ws for i in range(len(wl) - len(ws) + 1))


def _office_holders(texts: dict[str, str]) -> dict[str, dict[str, set[str]]]:
    """Office -> holder's surname -> the holder's full names, from "Prime Minister Ilse Varga"."""
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for text in texts.values():
        offices = offices_in(text)
        if offices:
            full = full_names_in(text)
            for office, surname in offices.items():
                holders[office][surname] |= {n for n in full if n.split()[-1] == surname}
    return holders


def _resolve_office(subject: str, text: str, holders: dict[str, dict[str, set[str]]]) -> str | None:
    office = " ".join(subject.casefold().split())
    if office not in OFFICES:
        return None
    named_here = [h for h in holders.get(office, {}) if _mentions(text, h)]
    if len(named_here) != 1:
        return None
    full = holders[office][named_here[0]]
    return next(iter(full)) if len(full) == 1 else named_here[0]


def _poll_values(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of linked polls (reported by 2+ documents) with the columns the linked rules use."""
    need = {"poll_id", "value", "kind"}
    if not need <= set(df.columns):
        return pd.DataFrame(columns=["poll", "kind", "measure", "subject", "value", "doc"])
    rows = pd.DataFrame({"poll": df["poll_id"], "kind": df["kind"], "subject": df["subject"],
                         "measure": df["measure"] if "measure" in df.columns else None,
                         "value": df["value"], "doc": df["doc_id"].astype(str)})
    rows = rows.dropna(subset=["poll", "subject", "value"])
    multi = rows.groupby("poll")["doc"].transform("nunique") > 1
    return rows[multi]


def _linked_name_parts(rows: pd.DataFrame) -> dict[str, Counter[str]]:
    """Rule 3: name -> longer proper names it starts or ends, with the same value in the same poll."""
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for _, g in rows.groupby("poll", sort=False):
        recs = list(g.itertuples(index=False))
        for s in recs:
            for long in recs:
                if long.doc != s.doc and long.kind == s.kind and _NAME_LIKE.match(long.subject) and (
                        _is_start(s.subject, long.subject) or _is_end(s.subject, long.subject)) and _agree(
                        {round(float(s.value), 2)}, {round(float(long.value), 2)}):
                    found[s.subject][long.subject] += 1
    return found


def _linked_aliases(rows: pd.DataFrame, counts: Counter[str]) -> dict[str, str]:
    """Rule 6: a name with no word in common with another ("Big Bridge", "Strait Crossing")
    that reports the same kind, measure and value in at least two linked polls, and in at
    least three times as many as those where it reports a different value, is an alias of the
    more frequent name. (Not "never a different value": one figure given the wrong subject by
    the extractor must not undo fifteen that agree.)"""
    rows = rows.dropna(subset=["measure"])
    per_poll: dict[tuple, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for r in rows.itertuples(index=False):
        per_poll[(r.poll, r.kind, r.measure)][r.subject].add(round(float(r.value), 2))
    agree: Counter[tuple[str, str]] = Counter()
    disagree: Counter[tuple[str, str]] = Counter()
    for by_subject in per_poll.values():
        for a, va in by_subject.items():
            for b, vb in by_subject.items():
                if a != b:
                    if _agree(va, vb):
                        agree[(a, b)] += 1
                    else:
                        disagree[(a, b)] += 1
    out: dict[str, str] = {}
    for (a, b), n in agree.items():
        if (n >= 2 and n >= 3 * disagree[(a, b)] and counts[a] < counts[b] and not set(_words(a)) & set(_words(b))
                and (a not in out or counts[b] > counts[out[a]])):
            out[a] = b
    return out


def _pollster_names(pollsters: pd.Series) -> dict[object, object]:
    """Rule 5: each pollster name as extracted -> its one name (see the module docstring).

    >>> m = _pollster_names(pd.Series(["Gallup", "Morgan Gallup", "Louis Harris and Assoc", "Harris",
    ...                                "Meridian", "Meridian Research", "COMRES", "Comres"]))
    >>> [m[k] for k in ("Gallup", "Morgan Gallup", "Louis Harris and Assoc", "Meridian", "COMRES")]
    ['Gallup', 'Roy Morgan', 'Harris', 'Meridian Research', 'ComRes']
    """
    raw = [p for p in pollsters.dropna().unique() if isinstance(p, str) and p.strip()]
    counts = Counter(p for p in pollsters if isinstance(p, str))
    canon = {p: canonical(p) for p in raw}
    # unknown names differing only in case or spacing: the most frequent spelling
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    for p in raw:
        spelling[" ".join(canon[p].split()).casefold()][canon[p]] += counts[p]
    canon = {p: spelling[" ".join(c.split()).casefold()].most_common(1)[0][0] for p, c in canon.items()}
    names = sorted(set(canon.values()))
    rename = {}
    for p in names:
        if is_known(p):
            continue  # a known pollster keeps its own name: never merged into another pollster
        # (not a partnership that adds a partner: "NBC/Wall Street Journal" polled nationally, and
        # "NBC/Wall Street Journal/Marist" is Marist's state poll for them)
        longer = {q for q in names if (_is_start(p, q) or _is_inside(p, q)) and not _adds_partner(p, q)}
        longer = {q for q in longer if not any(q != r and (_is_start(q, r) or _is_inside(q, r)) for r in longer)}
        if len(longer) == 1:
            rename[p] = longer.pop()
    return {p: rename.get(c, c) for p, c in canon.items()}


def harmonise_names(figures: pd.DataFrame, corpus: pd.DataFrame | None = None, *,
                    relink: bool = True) -> pd.DataFrame:
    """Give each subject and pollster one name across the corpus (rules in the module docstring).

    ``corpus`` (``doc_id``, ``text``) lets the rules read the articles; without it only the
    linked-poll and pollster rules apply. With ``relink`` the figures are linked again
    (:func:`medialens.polls.link_polls`), since polls reported under different names could not
    be matched before. Adds ``subject_extracted`` and ``pollster_extracted``.
    """
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"harmonise_names needs a DataFrame of poll figures, got {type(figures).__name__}")
    missing = [c for c in _NEEDED if c not in figures.columns]
    if missing:
        raise ParameterError(f"harmonise_names: the figures table lacks column(s) {missing}")
    if corpus is not None and not {"doc_id", "text"} <= set(corpus.columns):
        raise ParameterError("harmonise_names: corpus needs the columns 'doc_id' and 'text'")
    df = figures.copy()
    df["subject_extracted"] = df["subject"]
    if "pollster" in df.columns:
        df["pollster_extracted"] = df["pollster"]
    if df.empty:
        return df
    doc_ids = set(df["doc_id"].astype(str))
    texts: dict[str, str] = {}
    if corpus is not None:
        texts = {str(d): t for d, t in zip(corpus["doc_id"], corpus["text"], strict=True)
                 if str(d) in doc_ids and isinstance(t, str)}
    holders = _office_holders(texts)
    full_names = {d: {n for n in full_names_in(t)} for d, t in texts.items()}
    proper = {s for s in df["subject"].dropna().unique() if _NAME_LIKE.match(s)}

    subject = df["subject"]
    docs = df["doc_id"].astype(str)
    direct: dict[tuple[str, str], str] = {}  # (doc, name as extracted) -> name
    ambiguous: set[str] = set()
    docs_using: dict[str, set[str]] = defaultdict(set)
    for doc, subj in set(zip(docs, subject, strict=True)):
        if not isinstance(subj, str):
            continue
        docs_using[subj].add(doc)
        text = texts.get(doc)
        if text is None:
            continue
        # rule 1: an office -> its one holder this article mentions
        holder = _resolve_office(subj, text, holders)
        if holder:
            direct[(doc, subj)] = holder
            continue
        # rule 2: a short name -> the one longer name written in the same article
        cands = {long for long in proper if _is_end(subj, long) and _mentions(text, long)}
        if len(_words(subj)) == 1 and subj not in _PARTY_NAMES:
            cands |= {n for n in full_names.get(doc, ()) if _words(n)[-1] == subj.casefold()}
            if not cands:
                # a first name alone ("Kamala") is the one full name it starts in this article
                cands = {n for n in full_names.get(doc, ()) if _words(n)[0] == subj.casefold()}
        cands = {c for c in cands if not any(_is_end(c, other) for other in cands)}  # keep the longest
        if len(cands) == 1:
            direct[(doc, subj)] = cands.pop()
        elif len(cands) > 1:
            ambiguous.add(subj)

    def mapped() -> pd.Series:
        return pd.Series([direct.get((d, s), s) if isinstance(s, str) else s
                          for d, s in zip(docs, subject, strict=True)], index=df.index, dtype=object)

    # rule 3: the same poll, the same value, a name that starts or ends the other one
    for short, longs in _linked_name_parts(_poll_values(df.assign(subject=mapped()))).items():
        if len(longs) == 1 and short not in ambiguous:
            long = next(iter(longs))
            for doc in docs_using.get(short, ()):
                direct.setdefault((doc, short), long)
    # rule 4: a mapping used in most articles of a short name applies to the rest
    targets: dict[str, Counter[str]] = defaultdict(Counter)
    for (_doc, short), long in direct.items():
        targets[short][long] += 1
    general = {short: t.most_common(1)[0][0] for short, t in targets.items()
               if len(t) == 1 and short not in ambiguous and 2 * sum(t.values()) > len(docs_using[short])}
    # rule 4b: a surname alone ("Reagan" in an article that writes "President Reagan") is the
    # one person of the corpus whose full name ends with it ("Ronald Reagan"); two such people
    # ("Bill Clinton", "Hillary Clinton") leave it alone
    people_all = set().union(*full_names.values()) if full_names else set()
    by_last: dict[str, set[str]] = defaultdict(set)
    for name in people_all | proper:
        if len(_words(name)) > 1:
            by_last[_words(name)[-1]].add(name)
    for short in docs_using:
        if (short in general or short in ambiguous or short in _PARTY_NAMES
                or not re.fullmatch(r"[A-Z][\w'-]+", short)):
            continue
        longs = by_last.get(short.casefold(), set())
        if len(longs) == 1 and (long := next(iter(longs))) in people_all:
            general[short] = long
    subject = pd.Series([general.get(s, s) if isinstance(s, str) else s for s in mapped()], index=df.index,
                        dtype=object)
    df["subject"] = pd.Series(list(subject), index=df.index, dtype=df["subject"].dtype)
    # rule 5: pollsters
    if "pollster" in df.columns:
        df["pollster"] = df["pollster"].map(_pollster_names(df["pollster"]))
    can_link = relink and {"poll_id", "pollster", "kind", "value"} <= set(df.columns)
    if can_link:  # polls reported under different names can be matched now
        df = link_polls(df)
    # rule 6, last: the other rules settle the majority names and the links it relies on
    aliases = _linked_aliases(_poll_values(df), Counter(df["subject"].dropna()))
    # a person's full name written in the corpus is nobody's alias ("Varga's party 42 per cent"
    # misread as Varga's figure must not merge her approval series into the party's)
    people = set().union(*full_names.values()) if full_names else set()
    # ... nor is anything else a person's alias: two misread figures whose value happens to equal
    # the Strait Crossing's in the same polls must not fold the bridge's series into the Prime
    # Minister's (rule 6 is for two names of one thing, "Big Bridge" / "Strait Crossing")
    aliases = {a: b for a, b in aliases.items() if a not in people and b not in people}
    if aliases:
        df["subject"] = df["subject"].map(lambda s: aliases.get(s, s) if isinstance(s, str) else s)
        if can_link:
            df = link_polls(df)
    return df


def name_changes(figures: pd.DataFrame) -> pd.DataFrame:
    """What :func:`harmonise_names` merged: ``column``, ``extracted`` name, ``name`` now,
    ``figures`` and ``documents`` affected, most figures first.

    >>> figs = pd.DataFrame({"doc_id": ["a", "b"], "subject": ["Ilse Varga", "Ilse Varga"],
    ...     "subject_extracted": ["Varga", "Ilse Varga"]})
    >>> name_changes(figs).values.tolist()
    [['subject', 'Varga', 'Ilse Varga', 1, 1]]
    """
    cols = ["column", "extracted", "name", "figures", "documents"]
    parts = []
    for col in ("subject", "pollster"):
        orig = f"{col}_extracted"
        if col in figures.columns and orig in figures.columns:
            changed = figures[figures[col].astype(object).ne(figures[orig].astype(object))
                              & figures[orig].notna() & figures[col].notna()]
            if len(changed):
                g = changed.groupby([orig, col]).agg(figures=("doc_id", "size"), documents=("doc_id", "nunique"))
                parts.append(g.reset_index().rename(columns={orig: "extracted", col: "name"}).assign(column=col))
    if not parts:
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)[cols]
    return out.sort_values(["column", "figures"], ascending=[False, False], kind="stable").reset_index(drop=True)


def _as_names(value: Sequence[str] | None, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise ParameterError(f"{name}={value!r} must be a list of names (or None for all)")
    return [v.strip() for v in value if v.strip()]


def _match(column: pd.Series, wanted: list[str], what: str, alt: pd.Series | None = None) -> pd.Series:
    values = column.astype(object).where(column.notna(), None)
    extracted = alt.astype(object).where(alt.notna(), None) if alt is not None else None
    keep = pd.Series(False, index=column.index)
    unmatched = []
    for name in wanted:
        rx = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.I)
        hit = values.map(lambda v, r=rx: isinstance(v, str) and r.search(v) is not None)
        if extracted is not None:
            hit |= extracted.map(lambda v, n=name: isinstance(v, str) and v.casefold() == n.casefold())
        if not hit.any():
            unmatched.append(name)
        keep |= hit
    if unmatched:
        counts = values.value_counts()
        shown = ", ".join(f"{k} ({v})" for k, v in counts.head(15).items()) or "(none)"
        more = f", ... ({len(counts) - 15} more)" if len(counts) > 15 else ""
        raise ParameterError(f"{what} {unmatched!r} match no poll figure; {what} in this selection "
                             f"(figures): {shown}{more}")
    return keep


def select_figures(figures: pd.DataFrame, *, subjects: Sequence[str] | None = None,
                   pollsters: Sequence[str] | None = None) -> pd.DataFrame:
    """The figures about ``subjects`` and by ``pollsters`` (``None``: all).

    A name matches a subject or pollster that contains it as whole words, in any case
    ("Varga" finds "Ilse Varga", "Meridian" finds "Meridian Research"), or whose name as
    extracted (see :func:`harmonise_names`) it is ("Big Bridge" finds the figures the
    extractor read under that name). A name that matches nothing is a
    :class:`ParameterError` listing the names there are.
    """
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"select_figures needs a DataFrame of poll figures, got {type(figures).__name__}")
    subjects, pollsters = _as_names(subjects, "subjects"), _as_names(pollsters, "pollsters")
    for name, wanted in (("subject", subjects), ("pollster", pollsters)):
        if wanted and name not in figures.columns:
            raise ParameterError(f"select_figures: the figures table lacks column {name!r}")
    keep = pd.Series(True, index=figures.index)
    if subjects:
        keep &= _match(figures["subject"], subjects, "subjects", figures.get("subject_extracted"))
    if pollsters:
        keep &= _match(figures["pollster"], pollsters, "pollsters", figures.get("pollster_extracted"))
    return figures[keep].copy()


__all__ = ["harmonise_names", "name_changes", "select_figures"]
