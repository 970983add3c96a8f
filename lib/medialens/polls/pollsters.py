"""The gazetteer of known polling organisations, and one name per pollster.

``data/polls/pollsters.json`` (shipped with the package; its ``source`` field says where the
names come from) lists each pollster once: the name a report shows, the other names articles
use ("Louis Harris and Assoc", "Harris Interactive"), the country it mainly polls, and the
names that are also a person, place or word ("Harris", "Pew", "Siena"): those count as a
pollster only in a poll role ("a Harris poll", "conducted by Pew"); see
:mod:`medialens.polls.attributes`.

>>> lookup("Louis Harris and Assoc").name, lookup("pew research").name
('Harris', 'Pew Research Center')
>>> canonical("Siena/New York Times"), canonical("New York Times/Siena College")
('New York Times/Siena College', 'New York Times/Siena College')
>>> [(m.name, m.text, m.ambiguous) for m in known_in("A Reuters/Ipsos poll and a Harris survey")]
[('Ipsos', 'Ipsos', False), ('Harris', 'Harris', True)]
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from ..errors import MedialensError

_DATA = ("medialens", "data/polls/pollsters.json")
# joint names: "CNN/ORC", "Reuters/Ipsos", "POLITICO-Morning Consult", "SSRS and Verasight"
_JOINT = re.compile(r"\s*/\s*|\s+-\s+|(?<=[a-z\u00e0-\u00ff])-(?=[A-Z])|(?<=[A-Z]{2})-(?=[A-Z][a-z])|\s+and\s+(?=[A-Z])")
_TRAIL = re.compile(r"(?:\s+(?:poll|polls|survey|inc|ltd|llc|corp|co))+\.?$", re.I)


@dataclass(frozen=True)
class Pollster:
    """One polling organisation: ``name`` (shown in reports), every name it goes by, its country."""

    name: str
    names: tuple[str, ...]
    country: str | None
    ambiguous: frozenset[str]


@dataclass(frozen=True)
class KnownMention:
    """A gazetteer name found in a text: which pollster, the name as written, where."""

    name: str
    text: str
    start: int
    end: int
    ambiguous: bool


def _key(name: str) -> str:
    """Case, "the", punctuation and a trailing "poll" do not make another pollster."""
    n = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.I)
    n = _TRAIL.sub("", n)
    return re.sub(r"[.,'’]", "", n).casefold().replace("&", "and")


@functools.lru_cache(maxsize=1)
def gazetteer() -> tuple[Pollster, ...]:
    """Every known pollster (read once per process from the package data)."""
    try:
        raw = json.loads(resources.files(_DATA[0]).joinpath(_DATA[1]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # a broken install, not bad user input
        raise MedialensError(f"the pollster gazetteer {_DATA[1]} cannot be read: {exc}") from exc
    out = []
    for i, e in enumerate(raw.get("pollsters", [])):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise MedialensError(f"{_DATA[1]}: entry {i} has no name")
        names = (e["name"], *[a for a in e.get("aliases", []) if isinstance(a, str) and a.strip()])
        out.append(Pollster(e["name"], names, e.get("country"), frozenset(e.get("ambiguous", ()))))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _by_key() -> dict[str, Pollster]:
    table: dict[str, Pollster] = {}
    for p in gazetteer():
        for n in p.names:
            table.setdefault(_key(n), p)  # the first entry wins: "Harris" is Louis Harris's
    return table


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    from .context import _trie_regex  # one prefix-tree regex for all the names

    names = sorted({n for p in gazetteer() for n in p.names})
    return re.compile(r"(?<![\w-])" + _trie_regex(names) + r"(?![\w]|-[a-z])")


def lookup(name: str | None) -> Pollster | None:
    """The known pollster called ``name`` (any of its names, any case), or ``None``."""
    if not isinstance(name, str) or not name.strip():
        return None
    return _by_key().get(_key(name))


def parts(name: str) -> list[str]:
    """The organisations of a joint name ("CNN/ORC International" -> CNN, ORC International).

    >>> parts("POLITICO-Morning Consult"), parts("SSRS and Verasight"), parts("AP-NORC")
    (['POLITICO', 'Morning Consult'], ['SSRS', 'Verasight'], ['AP-NORC'])
    """
    if lookup(name):
        return [name.strip()]
    return [p for p in _JOINT.split(name.strip()) if p]


def is_known(name: str | None) -> bool:
    """``name`` or one part of it (a joint name) is a known pollster.

    >>> is_known("Reuters/Ipsos"), is_known("Obama")
    (True, False)
    """
    return isinstance(name, str) and any(lookup(p) for p in parts(name))


def known_in(text: str) -> list[KnownMention]:
    """Every gazetteer name written in ``text`` (case as listed; the longest name at a place)."""
    out = []
    for m in _pattern().finditer(text):
        p = lookup(m.group(0))
        if p is not None:
            out.append(KnownMention(p.name, m.group(0), m.start(), m.end(), m.group(0) in p.ambiguous))
    return out


def canonical(name: str | None) -> str | None:
    """One spelling per pollster: each known part by its gazetteer name, the parts of a joint
    name in a fixed order (other organisations, usually the outlet, first; known pollsters last),
    so "Siena/New York Times" and "New York Times/Siena College" are one name. An unknown name
    keeps its spelling.
    """
    if not isinstance(name, str) or not name.strip():
        return name
    ps = parts(name)
    names = [(lookup(p).name if lookup(p) else " ".join(p.split())) for p in ps]
    if len(names) == 1:
        return names[0]
    known = [n for n, p in zip(names, ps, strict=True) if lookup(p)]
    other = [n for n, p in zip(names, ps, strict=True) if not lookup(p)]
    # sponsors (outlets, unknown names) first, the pollster last, as news usually writes it
    return "/".join(dict.fromkeys(sorted(other, key=str.casefold) + sorted(known, key=str.casefold)))


def country_of_pollster(name: str | None) -> str | None:
    """The country a known pollster mainly polls (``None``: unknown or international)."""
    if not isinstance(name, str) or not name.strip():
        return None
    countries = {lookup(p).country for p in parts(name) if lookup(p)}
    countries.discard("INT")
    return countries.pop() if len(countries) == 1 else None


__all__ = ["KnownMention", "Pollster", "canonical", "country_of_pollster", "gazetteer", "is_known", "known_in",
           "lookup", "parts"]
