"""Number recognition for poll figures: digits, number words, fractions, ranges, hedges.

Every recogniser returns :class:`Quantity` records with character offsets into the text it was
given, so a figure can always be traced back (``text[q.start:q.end]``). Whitespace inside a
figure may include line breaks: Reuters copy is hard-wrapped ("43 per\\ncent").

Hand-written rather than a library because the number parsers on PyPI (e.g. word2number,
quantulum3) do not know news conventions such as "pct", "six-point lead", "one in three" or
"evenly divided", and none returns offsets for all of them.

>>> [(q.value, q.unit, q.form) for q in find_quantities("support rose 2 percent to 43 per\\ncent")]
[(2.0, 'percent', 'unit'), (43.0, 'percent', 'unit')]
>>> [(q.value, q.approx) for q in find_quantities("about one in three voters, nearly half")]
[(33.3, True), (50.0, True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

Unit = Literal["percent", "points"]
Form = Literal["unit", "bare", "fraction", "evenly", "range", "points_word"]

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "tenth": 10, "tenths": 10,
}
_COUNTS = {**_UNITS_WORDS, **_TENS_WORDS, "a": 1, "an": 1}

_UNIT_ALT = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS_WORDS)
#: A number written in words, 0-99 ("forty", "twenty-one", "Fifty nine").
NUMBER_WORD = rf"(?:(?:{_TENS_ALT})(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine)\b)?|{_UNIT_ALT})"
#: A number in digits: "43", "35.6", "1,012".
NUMBER_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = rf"(?:{NUMBER_DIGITS}|(?i:\b{NUMBER_WORD}\b))"

#: Words that make a figure approximate when they come right before it.
HEDGE = (r"(?:about|around|roughly|approximately|some|nearly|almost|just\s+(?:under|over|below|above)"
         r"|barely|more\s+than|over|less\s+than|under|fewer\s+than|at\s+least|up\s+to|close\s+to"
         r"|an\s+estimated|getting\s+on\s+for|well\s+over|only\s+just"
         # bounds: "an approval rating south of 40%", "north of 50%", "well above 50%"
         r"|south\s+of|north\s+of|well\s+(?:above|below|under)|upwards\s+of"
         r"|in\s+excess\s+of|shy\s+of)")

# "percentage-point" as well: "an 11-percentage-point edge"
_PCT_UNIT = r"(?:%|pct\b|percent\b|per[\s-]*cent\b|percentage[\s-]+points?\b|points?\b|pts\b)"

_RE_RANGE = re.compile(
    rf"(?P<a>{NUMBER})(?:\s*(?:-|–|to)\s*)(?P<b>{NUMBER})\s*(?P<unit>{_PCT_UNIT})", re.I)
#: Words of a rise or a fall ("climbed 2 points", "down from 44%"), for changes and their levels.
UP_WORDS = (r"rose|risen|rises|rise|rising|climbed|climbs|gained|gains|jumped|jumps|increased|increases|up|improved|grew|"
            r"advanced|edged\s+up|ticked\s+up|went\s+up|higher|surged|soared|rallied|widened|added")
DOWN_WORDS = (r"fell|fallen|falls|fall|falling|dropped|drops|declined|declines|slipped|slips|slumped|slid|lost|loses|shed|"
              r"decreased|decreases|down|tumbled|plunged|sank|eased|edged\s+down|ticked\s+down|went\s+down|lower|"
              r"plummeted|dipped|narrowed")
# "is up two to 8 per cent", "rose 3 to 41%": a change, then the new level (not a range 2-8; but
# "down by 1 to 2 points" is a range)
_RE_CHANGE_BEFORE = re.compile(rf"\b(?:{UP_WORDS}|{DOWN_WORDS})\s+$", re.I)
_RE_A_POINT = re.compile(rf"\b(?:{UP_WORDS}|{DOWN_WORDS})\s+(?:by\s+)?(?:{HEDGE}\s+)?(?P<a>a|half\s+a)\s+"
                         r"(?P<unit>(?:percentage[\s-]+)?point)\b(?![\s-]+(?:of|in|at|where|when|which|that)\b)", re.I)
_RE_BETWEEN = re.compile(
    rf"\bbetween\s+(?P<a>{NUMBER})\s*(?:%|pct|percent|per[\s-]*cent)?\s+and\s+(?P<b>{NUMBER})\s*(?P<unit>{_PCT_UNIT})",
    re.I)
_RE_UNIT = re.compile(rf"(?<![\d.,/])(?P<a>{NUMBER})(?:\s*-\s*|\s*)(?P<unit>{_PCT_UNIT})", re.I)
_RE_FRACTION = re.compile(
    # (not "a day-and-a-half": a period)
    r"(?<!and[\s-])\b(?P<num>a|an|one|two|three|four|five|nine)[\s-]+(?P<den>half|halves|thirds?|quarters?|fifths?|sixths?|tenths?)\b"
    # "a third term", "a fifth consecutive year": ordinals, not fractions
    r"(?![\s-]+(?:of\s+a\s+)?(?:point|percentage|per|pct|century|mile|hour|year|dozen|million|mln|billion|bn|inch|"
    r"term|time|party|parties|round|place|world|way|consecutive|straight|successive|day|week|month|generation|"
    r"country|countries|largest|biggest|most|highest|lowest|quarter|final|division|grade|class|option|"
    r"reading|man|person|leg|stage|set|game|goal|runway|terminal|seed|tier|force|estate|wave|series|film|album|"
    # "13 percent for a third candidate", "a third bid for the presidency"
    r"candidates?|contenders?|bid|attempt|spot|seat|ballot|debate|referendum|election|run|try|question|"
    r"category|edition|child|son|daughter|wife|husband|"
    # "A third institute, Forschungsgruppe Wahlen, put ...", "a third poll"
    r"institutes?|pollsters?|polls?|surveys?|firms?|companies|company))",
    re.I)
_RE_AHEAD_BY = re.compile(
    rf"\b(?:ahead|behind|lead(?:s|ing)?|led|trail(?:s|ed|ing)?)\s+(?:(?:\w+\s+){{0,2}}?)by\s+"
    rf"(?:(?:about|around|nearly|almost|some|just|roughly)\s+)?(?P<a>{NUMBER})\b"
    r"(?!\s*(?:%|pct|per|percent|points?|seats?|votes?|runs?|goals?|games?|wickets|strokes|shots|lengths|"
    r"seconds|minutes|[-–/]|\.\d|,\d|to\s+\d|million|mln|billion|bn))", re.I)
# (not the second part of a compound: "scrum-half", "fly-half", "centre-half" are positions)
_RE_HALF = re.compile(r"(?<![A-Za-z]-)\bhalf\b(?![\s-]+(?:time|way|hearted|price|a\s+(?:point|per|percentage|dozen|million|mln|billion|century|year|hour|mile)|point|year|term|century|brother|sister|an?\s+hour))", re.I)
# "38-1/2 pct" (the wire's way of writing 38.5), "40½%", and a decimal comma "40,5%" (one or
# two digits after the comma: never a thousands separator)
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_RE_MIXED = re.compile(
    rf"(?<![\d.,/])(?P<int>\d{{1,2}})(?:[\s-]+(?P<n>[13])/(?P<d>[24])\b|\s?(?P<v>[½¼¾])|,(?P<dec>\d{{1,2}})(?!\d))"
    rf"\s*(?P<unit>{_PCT_UNIT})", re.I)
_RE_ONE_IN = re.compile(rf"\b(?P<k>{NUMBER})\s+(?:in|out\s+of)\s+(?P<n>{NUMBER})\b(?!\s*(?:%|pct|percent|per[\s-]*cent))", re.I)
_RE_EVENLY = re.compile(
    r"\b(?:evenly|equally)\s+(?:divided|split)\b|\bsplit\s+(?:down\s+the\s+middle|evenly|50-50)\b|\bdivided\s+(?:evenly|equally)\b",
    re.I)
_RE_HEDGE_BEFORE = re.compile(rf"\b{HEDGE}\s*$", re.I)
# Words before "half" that make it a period or a part of something, not a share of people.
_RE_HALF_BAD_BEFORE = re.compile(
    r"(?:\b(?:first|second|latter|last|next|former|other|one|and\s+a|in|by|the|its|their|his|her|a)\s*-?\s*$)",
    re.I)


@dataclass(frozen=True)
class Quantity:
    """A number as written: value, unit, offsets, and how it was written."""

    start: int
    end: int
    value: float
    unit: Unit | None  # None for a bare number ("Labour 30 and ...")
    form: Form
    approx: bool = False
    raw_unit: str = ""


def parse_number(token: str) -> float | None:
    """Value of a number in digits or words, else ``None``.

    >>> parse_number("1,012"), parse_number("Fifty-three"), parse_number("fifty nine")
    (1012.0, 53.0, 59.0)
    >>> parse_number("dozen") is None
    True
    """
    t = token.strip().lower()
    if not t:
        return None
    if t[0].isdigit():
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    parts = re.split(r"[\s-]+", t)
    if len(parts) == 1:
        w = parts[0]
        if w in _UNITS_WORDS:
            return float(_UNITS_WORDS[w])
        if w in _TENS_WORDS:
            return float(_TENS_WORDS[w])
        return None
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS and _UNITS_WORDS[parts[1]] < 10:
        return float(_TENS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]])
    return None


def _unit_of(raw: str) -> Unit:
    return "points" if re.match(r"(?i)(?:percentage[\s-]+)?points?|pts", raw.strip()) else "percent"


def _hedged(text: str, start: int) -> bool:
    return bool(_RE_HEDGE_BEFORE.search(text[max(0, start - 30):start]))


# A race written as a score: "Hochul leads Stefanik 45-37", "Labor leads the Coalition 52-48
# on a two-party-preferred basis", "leads 48-45%", "leads 66 to 27 percent" (the first figure has
# no unit of its own; with "to", only in descending order and with the unit: "40 to 45 per cent"
# is a range, "up two to 8 per cent" a change and its level).
# Without a unit it is a pair of shares only after a verb of leading or trailing, or before
# "on a two-party(-preferred) basis", and when the two add up to 50-100; ages, majorities,
# seats and court or match scores are not.
_RE_SCORE_PAIR = re.compile(
    rf"(?<![\w.,$£€/:-])(?P<a>\d{{1,2}})(?:\s*[-–]\s*|(?P<to>\s+to\s+))(?P<b>\d{{1,2}})(?P<unit>\s*(?:{_PCT_UNIT}))?"
    r"(?![\w/%:-]|[.,]\d)", re.I)
_RE_SCORE_CONTEXT_BEFORE = re.compile(
    r"\b(?:leads?|led|leading|trails?|trailed|trailing|ahead|behind|beats?|beating|tops?|topped|"
    r"topping|edges?|edged|edging|over|against|versus|vs\.?|margin\s+of|advantage\s+of|"
    r"split|preferred)\b[^.;:!?\d%]{0,50}$", re.I)
_RE_SCORE_CONTEXT_AFTER = re.compile(r"\s*(?:,\s*)?(?:on\s+a\s+)?two[\s-]party", re.I)
_RE_NOT_SCORE_BEFORE = re.compile(r"\b(?:aged?|ages|between|from|years?|seasons?|scores?|ruling|decision)\s+$", re.I)
_RE_NOT_SCORE_AFTER = re.compile(
    r"\s*(?:-?\s*years?|-year|majority|seats?|vote\b|votes\b|decision|ruling|win|victory|"
    r"defeat|loss|record|in\s+(?:the\s+)?(?:series|seats?|Senate|House)|at\s+(?:the\s+)?half)", re.I)


def _overlaps(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(s < b and a < e for a, b in spans)


_RE_ANY_DIGIT = re.compile(r"\d")
_RE_FRACTION_WORD = re.compile(r"half|halves|third|quarter|fifth|sixth|tenth")


def find_quantities(text: str, *, _all_patterns: bool = False) -> list[Quantity]:
    """All percentage-like quantities in ``text``, in order of position.

    Forms: ``unit`` ("43 pct", "six-point", "Fifty-three per cent"), ``range`` ("40-45 pct",
    "nine to 10 points": the midpoint, approx), ``fraction`` ("a third", "two-thirds", "half",
    "one in three", "eight out of 10": approx), ``evenly`` ("evenly divided": 50, approx).
    Bare numbers without a unit are found separately (:func:`find_bare_numbers`), because they
    are only figures inside an enumeration.
    """
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(q: Quantity) -> None:
        if not _overlaps(taken, q.start, q.end):
            out.append(q)
            taken.append((q.start, q.end))

    # Each family of patterns below needs a word or sign its matches cannot do without (a unit:
    # "%", "pct", "cent", "point", "pts"; a digit; "by"; a fraction's word). Most news sentences
    # lack them, and testing a substring is far cheaper than running the patterns, whose
    # number words are tried at every position; skipping a family that cannot match changes
    # nothing.
    # (``_all_patterns``: run every family whatever the text, for the test that pins this)
    low = text.lower()
    has_point = _all_patterns or "point" in low
    has_unit = has_point or "%" in text or "pct" in low or "cent" in low or "pts" in low
    has_digit = _all_patterns or _RE_ANY_DIGIT.search(text) is not None
    has_by = _all_patterns or "by" in low
    has_half = _all_patterns or "half" in low
    has_fraction = has_half or _RE_FRACTION_WORD.search(low) is not None
    for rx in ((_RE_BETWEEN, _RE_RANGE) if has_unit else ()):
        for m in rx.finditer(text):
            a, b = parse_number(m.group("a")), parse_number(m.group("b"))
            if a is None or b is None or not (0 <= a < b <= 100) or b - a > 20:
                continue
            s = m.start() if rx is _RE_BETWEEN else m.start("a")
            if rx is _RE_RANGE and (re.search(r"(?i)\bfrom\s+$|[/\d.,]$", text[max(0, s - 6):s])
                                    or _RE_CHANGE_BEFORE.search(text[max(0, s - 25):s])):
                continue  # "from 40 to 45 pct", "up two to 8 per cent": changes; "5-1/2" a fraction
            add(Quantity(s, m.end("unit"), round((a + b) / 2, 2), _unit_of(m.group("unit")),
                         "range", True, m.group("unit")))
    for m in (_RE_MIXED.finditer(text) if has_unit else ()):
        whole = int(m.group("int"))
        if m.group("n"):
            if int(m.group("n")) >= int(m.group("d")):
                continue
            v = whole + int(m.group("n")) / int(m.group("d"))
        elif m.group("v"):
            v = whole + _VULGAR[m.group("v")]
        elif m.group("unit") == "%":
            v = float(f"{whole}.{m.group('dec')}")
        else:
            continue  # "40,5 points": a list, not a decimal comma
        unit = _unit_of(m.group("unit"))
        add(Quantity(m.start(), m.end(), v, unit, "unit", _hedged(text, m.start()), m.group("unit")))
    for m in (_RE_SCORE_PAIR.finditer(text) if has_digit else ()):
        a, b = int(m.group("a")), int(m.group("b"))
        before, after = text[max(0, m.start() - 60):m.start()], text[m.end():m.end() + 40]
        if _RE_NOT_SCORE_BEFORE.search(before) or _RE_NOT_SCORE_AFTER.match(after):
            continue  # "voters aged 30-44", "a 51-49 majority", "the 2-1 ruling"
        if m.group("to") and not (m.group("unit") and a > b and a + b <= 100
                                  and not _RE_CHANGE_BEFORE.search(text[max(0, m.start() - 25):m.start()])):
            continue
        if not m.group("unit") and not (50 <= a + b <= 100 and (
                _RE_SCORE_CONTEXT_BEFORE.search(before) or _RE_SCORE_CONTEXT_AFTER.match(after))):
            continue
        if m.group("unit") and _unit_of(m.group("unit").strip()) != "percent":
            continue  # "a 10-5 point swing"
        end_b = m.end("unit") if m.group("unit") else m.end("b")
        add(Quantity(m.start("a"), m.end("a"), float(a), "percent", "pair", False))
        add(Quantity(m.start("b"), end_b, float(b), "percent", "pair", False, m.group("unit")))
    for m in (_RE_UNIT.finditer(text) if has_unit else ()):
        v = parse_number(m.group("a"))
        if v is None or v > 100:
            continue
        unit = _unit_of(m.group("unit"))
        add(Quantity(m.start(), m.end(), v, unit, "unit", _hedged(text, m.start()), m.group("unit")))
    for m in (_RE_A_POINT.finditer(text) if has_point else ()):
        # "The Greens gained a point", "the PP down almost a point": a change of one point
        add(Quantity(m.start("a"), m.end(), 0.5 if m.group("a").lower().startswith("half") else 1.0, "points",
                     "unit", _hedged(text, m.start("a")), m.group("unit")))
    for m in (_RE_AHEAD_BY.finditer(text) if has_by else ()):
        # "the Conservatives are now ahead by 11": a lead in points written without the unit
        v = parse_number(m.group("a"))
        if v is not None and 0 < v <= 60:
            add(Quantity(m.start("a"), m.end("a"), v, "points", "unit", _hedged(text, m.start("a")), ""))
    for m in _RE_ONE_IN.finditer(text):
        k, n = parse_number(m.group("k")), parse_number(m.group("n"))
        if k is None or n is None or not (0 < k < n <= 20) or n not in (2, 3, 4, 5, 6, 7, 8, 9, 10, 20):
            continue
        add(Quantity(m.start(), m.end(), round(100 * k / n, 1), "percent", "fraction", True))
    for m in (_RE_FRACTION.finditer(text) if has_fraction else ()):
        num = _COUNTS.get(m.group("num").lower())
        den = _DENOMINATORS[m.group("den").lower()]
        if num is None or num >= den:
            continue
        add(Quantity(m.start(), m.end(), round(100 * num / den, 1), "percent", "fraction", True))
    for m in (_RE_HALF.finditer(text) if has_half else ()):
        before = text[max(0, m.start() - 12):m.start()]
        if _RE_HALF_BAD_BEFORE.search(before) and not _hedged(text, m.start()):
            continue
        add(Quantity(m.start(), m.end(), 50.0, "percent", "fraction", True))
    for m in _RE_EVENLY.finditer(text):
        add(Quantity(m.start(), m.end(), 50.0, "percent", "evenly", True))
    out.sort(key=lambda q: q.start)
    return out


_RE_BARE = re.compile(rf"(?<![\w.,$£€-])(?P<a>{NUMBER_DIGITS})(?![\w%]|,\d|\.\d|\s*(?:{_PCT_UNIT}|-))", re.I)
_RE_BARE_BEFORE_OK = re.compile(r"(?:\b(?:at|on|with|to|and)\s+|[A-Z][\w'’.-]*\s+)$")
_RE_BARE_AFTER_OK = re.compile(r"^\s*(?:$|[,;.)]|--|—|and\b|while\b|with\b|respectively\b|each\b|against\b)")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_MONTHS = re.compile(rf"{_MONTH}\s+$")
# the second day of a fieldwork range: "between April 9 and 13", "April 9-13", "9 and 13 April"
_DAY_RANGE_BEFORE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|to|through|-|–)\s*$")
_AGE_RANGE_BEFORE = re.compile(r"\b(?:aged?|ages|between\s+the\s+ages\s+of)\s+\d{1,2}\s*(?:to|-|–|and)\s*$", re.I)
_MONTH_AFTER = re.compile(rf"^\s*{_MONTH}(?![a-z])")


_AGE_AFTER = re.compile(r"\s*(?:and|or)\s+(?:older|over|above|up|younger|under)\b", re.I)


def find_bare_numbers(text: str) -> list[Quantity]:
    """Numbers without a unit that sit in an enumeration slot ("Labour 30 and", "at 30.5,").

    >>> [q.value for q in find_bare_numbers("the Alliance at 30.5 and Labour at 30 pct, Labour 35, on April 10")]
    [30.5, 35.0]
    >>> find_bare_numbers("surveyed between April 9 and 13, and between 9 and 13 May")
    []
    >>> find_bare_numbers("Among Labour voters 55 and older, 60 per cent")
    []
    """
    out = []
    for m in _RE_BARE.finditer(text):
        v = parse_number(m.group("a"))
        if v is None or not (0 < v <= 100):
            continue
        before = text[max(0, m.start() - 40):m.start()]
        if _MONTHS.search(before) or not _RE_BARE_BEFORE_OK.search(before):
            continue
        if _DAY_RANGE_BEFORE.search(before) or _MONTH_AFTER.match(text[m.end():m.end() + 12]):
            continue
        if _AGE_RANGE_BEFORE.search(before):  # "among those aged 18 to 24, ..."
            continue
        if _AGE_AFTER.match(text, m.end()):  # "Voters 55 and older break the other way"
            continue
        if not _RE_BARE_AFTER_OK.match(text[m.end():m.end() + 12]):
            continue
        out.append(Quantity(m.start(), m.end(), v, None, "bare", _hedged(text, m.start())))
    return out


def with_value(q: Quantity, value: float) -> Quantity:
    """A copy of ``q`` with another value (used for signed changes)."""
    return replace(q, value=value)


__all__ = [
    "DOWN_WORDS",
    "HEDGE",
    "NUMBER",
    "NUMBER_WORD",
    "UP_WORDS",
    "Quantity",
    "find_bare_numbers",
    "find_quantities",
    "parse_number",
    "with_value",
]
