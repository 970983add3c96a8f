"""Attributes of a poll stated in the text: pollster, sponsor, sample size, margin of error,
fieldwork dates and the surveyed population.

:func:`poll_mentions` reads one sentence and returns what it says about "the poll"; the
extractor merges mentions across the sentences of an article (see ``extract.py``), starting
a new poll when a sentence names a different pollster or outlet ("a Marplan poll in the
Today newspaper") or says "another poll".

>>> [ (m.pollster, m.sponsor, m.sample_size) for m in poll_mentions(
...     "The poll of 1,012 adults, conducted by Gallup for The Sunday Times, found ...")]
[('Gallup', 'Sunday Times', 1012)]
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .context import _POP_EXPERT, _POP_PEOPLE, _RE_POP_EXPERT, population_kind
from .numbers import NUMBER, parse_number
from .pollsters import is_known, known_in, lookup

# A proper name: capitalised tokens, joined by "/", "-", "&", "and", "of", "de"; 1-7 tokens.
_CAP = r"(?:[A-Z][\w'’.&]*(?:[-/][A-Z0-9][\w'’.&]*)*|[A-Z]{2,}(?:-[A-Z]+)?|TV-AM)"
NAME = rf"{_CAP}(?:(?:\s+|[-/]|\s*/\s*)(?:(?:and|of|de|du|des|la|le|di|del|della|von|van|der|of\s+the)\s+)?{_CAP}|\s+on\s+Sunday){{0,6}}"

_MEDIA = re.compile(
    r"\b(?:Times|Post|News|Telegraph|Guardian|Observer|Mail|Sun|Mirror|Express|Independent|Today|"
    r"TV|Television|BBC|ITV|CNN|ABC|CBS|NBC|Fox|Newsweek|Time|Journal|Herald|Tribune|Gazette|"
    r"Standard|Bulletin|Magazine|Radio|Channel|Broadcasting|Countryfile|Kyodo|Asahi|Yomiuri|Mainichi|"
    r"Nikkei|Spiegel|Stern|Economist|Record|Scotsman|Chronicle|Star|Globe|Press|Week|World\s+Service|"
    r"TV-AM|GMTV|Sky|Panorama|Newsnight|Breakfast)\b")
_GENERIC_TAIL = re.compile(
    r"(?:\s+(?:newspaper|magazine|tabloid|programme|program|show|broadcast|news\s+broadcast|daily|weekly|"
    r"organisation|organization|group|company|firm|poll|survey|opinion|breakfast|television|research\s+group))+$",
    re.I)
_NOT_FIRST = re.compile(
    r"^(?:The|A|An|This|That|These|Those|It|Its|He|She|They|But|And|However|Meanwhile|Mr|Mrs|Ms|Dr|"
    r"Our|Last|Latest|Recent|Another|Two|Three|One|Nationally|Earlier|Separately|In|On|At|For|Of|By|If|"
    r"When|While|Since|As|Although|Though|Only|Some|Many|Most|All|Both|His|Her|Their|Its)$")
# Capitalised words that start a sentence before "poll"/"survey" but are not names.
_NOT_SINGLE = re.compile(
    r"^(?:Other|Private|Business|Several|Various|Previous|Further|Similar|Separate|National|Official|"
    r"Weekly|Monthly|Annual|Regular|Internal|Online|Telephone|Postal|Exit|Straw|Snap|Household|"
    r"Government|Industry|Consumer|Company|Independent|Global|International|Local|Regional|European)$")
_RE_POP_NAME = re.compile(rf"^(?:[A-Z][\w-]*\s+)?(?:{_POP_EXPERT}|{_POP_PEOPLE})$", re.I)
_NOT_NAMES = re.compile(
    r"^(?:"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Conservatives?|Labour|Tor(?:y|ies)|"
    r"Alliance|Liberals?|Democrats?|Republicans?|Our|Last|Latest|Recent|Another|Two|Three|One|"
    r"(?:British|English|Scottish|Welsh|Irish|European|American|Canadian|Mexican|Brazilian|Venezuelan|Argentine|"
    r"Colombian|Chilean|Peruvian|French|German|Italian|Spanish|Portuguese|Dutch|Belgian|Swiss|Austrian|Swedish|"
    r"Norwegian|Danish|Finnish|Polish|Russian|Ukrainian|Turkish|Greek|Israeli|Palestinian|Iranian|Iraqi|Syrian|"
    r"Egyptian|Saudi|Indian|Pakistani|Chinese|Japanese|Korean|Australian|African|Asian|Latino|Hispanic)s?|"
    r"Opinion|Polls?|Surveys?|Research|Study|Report|Nationally|Earlier|Separately|In|On|At|For|Of|By)$")

_RE_POLLSTER_BY = re.compile(
    # ("conducted for The Atlanta Journal-Constitution by the University of Georgia")
    # ("conducted Feb. 2-6 by the Lansing-based firm EPIC-MRA")
    rf"\b(?:conducted|carried\s+out|undertaken)\s+(?:for\s+(?:the\s+)?{NAME}\s+|(?:[\w.,-]+\s+){{0,3}}?)by\s+(?:the\s+|polling\s+(?:firm|company)\s+)?"
    rf"(?:(?:international\s+|[A-Z][\w]*-based\s+)?(?:(?:polling|research|consultancy|market\s+research|survey)\s+)?(?:firm|company|group|organi[sz]ation)\s+)?(?P<name>{NAME})")
# "taken by X", "run by X": also said of things that are no poll ("an action taken by Obama")
_RE_POLLSTER_BY_WEAK = re.compile(
    rf"\b(?:taken|done|run|produced|compiled)\s+(?:\w+\s+){{0,3}}?by\s+(?:the\s+|polling\s+(?:firm|company)\s+)?"
    rf"(?:(?:international\s+)?(?:polling|research|consultancy|market\s+research)\s+(?:firm|company|group|organi[sz]ation)\s+)?(?P<name>{NAME})")
_RE_POLLSTER_SURVEY_BY = re.compile(
    # (not "a Pallas Data poll published by L'actualité": the publisher is the sponsor)
    rf"\b(?:poll|polls|survey|surveys|study|research|report|analysis)\s+(?:(?!published\b|reported\b|released\b|"
    rf"broadcast\b|aired\b)\w+\s+){{0,3}}?by\s+(?:the\s+)?(?:(?:US|UK|British|American)\s+)?"
    rf"(?:(?:\w+\s+){{0,2}}(?:researchers|firm|company|group|maker|organisation|consultancy|agency),?\s+)?(?P<name>{NAME})")
# "a July poll from the National Alliance on Mental Illness": "from" also names dates and
# places ("a poll from May", "a survey from Ohio"), so only an organisation by the parser's reading
_RE_POLLSTER_SURVEY_FROM = re.compile(
    rf"\b(?:poll|polls|survey|surveys|study|research)\s+(?:\w+\s+){{0,2}}?from\s+(?:the\s+)?(?P<name>{NAME})")
_RE_PRODUCED_BY = re.compile(rf"\bProduced\s+by\s+(?P<name>{NAME})")
_RE_NAME_POLL = re.compile(
    rf"(?P<name>{NAME})(?:'s)?\s+(?:(?:opinion|public\s+opinion|telephone|latest|new|weekly|monthly)\s+)?(?:[Pp]olls?|[Ss]urveys?|tracking|organi[sz]ation|research|Research\s+(?:Centre|Center))\b"
    # "Trump's poll numbers", "her poll lead": someone's standing in polls, not who made one
    r"(?!\s+(?:numbers|ratings?|standing|lead|leads|average|averages|position|deficit|bounce|gains?|slump)\b)"
    # "the SNP polls 29%", "Labour polls at 30 per cent": the verb, a party's share
    r"(?<!polls(?=\s(?:at\s|just\s|only\s|about\s|around\s|\d)))")
_RE_NAME_INTERVIEWED = re.compile(
    rf"(?:(?:polling|research)\s+(?:firm|company|organi[sz]ation)\s+)?(?P<name>{NAME})\s+(?:"
    # "X interviewed 14,000 owners", not "Obama questioned the plan" or "Stein polled at 4%"
    rf"(?:interviewed|questioned|surveyed|polled|canvassed)\s+(?:(?:more\s+than|over|some|about|nearly|almost|around|"
    rf"a\s+total\s+of|a\s+sample\s+of)\s+)?\d[\d,]*(?![\d.,]*\s*(?:%|pct|per\s*cent|percent))"
    rf"|carried\s+out\s+both\s+surveys|carried\s+out\s+the\s+(?:poll|survey))\b")
_RE_WHICH_CONDUCTED = re.compile(
    rf"(?P<name>{NAME}),?\s+(?:which|who)\s+(?:carried\s+out|conducted|ran|did)\s+the\s+(?:poll|survey|research|study)\b")
_RE_POLLING_FIRM = re.compile(
    rf"\b(?:(?:polling|research|(?:public\s+)?opinion|survey|market\s+research)\s+(?:firm|company|organi[sz]ation|group|institute|agency)|pollsters?)\s+"
    rf"(?:at\s+)?(?P<name>{NAME})")
_RE_ACCORDING_TO = re.compile(rf"\baccording\s+to\s+(?:the\s+|a\s+)?(?P<name>{NAME})(?=\s*(?:[,.;]|$))")

_SPONSOR_DESCRIPTOR = r"(?:(?:[a-z][\w-]*\s+){0,3}?)"
_RE_SPONSOR_FOR = re.compile(
    rf"\b(?:polls?|surveys?|study|research|conducted|carried\s+out|undertaken|done|taken|questioned|interviewed|quizzed|commissioned)\b"
    rf"[^;]{{0,60}}?\b(?:for|on\s+behalf\s+of)\s+(?:the\s+|today's\s+|yesterday's\s+)?{_SPONSOR_DESCRIPTOR}(?:the\s+)?(?P<name>{NAME})")
_RE_SPONSOR_FOR_GENERIC = re.compile(
    r"\b(?:polls?|surveys?|conducted|carried\s+out)\s+(?:\w+\s+){0,2}?for\s+(?:the\s+)?(?P<name>commercial\s+television|breakfast\s+television|(?:a|the)\s+\w+\s+newspaper)\b")
_RE_SPONSOR_PUBLISHED = re.compile(
    rf"\b(?:published|reported|released|carried|broadcast)\s+(?:\w+\s+){{0,2}}?(?:in|by|on)\s+(?:the\s+|today's\s+|yesterday's\s+)?(?P<name>{NAME})")
_RE_SPONSOR_IN = re.compile(
    rf"\b(?:polls?|surveys?)\s+(?:published\s+)?(?:in|on)\s+(?:the\s+|today's\s+|yesterday's\s+|this\s+week's\s+)?(?P<name>{NAME})")
_RE_SPONSOR_COMMISSIONED = re.compile(
    rf"(?P<name>{NAME})\s*,?\s*(?:which|who)\s+commissioned\b|\bcommissioned\s+by\s+(?:the\s+)?(?P<name2>{NAME})|(?P<name3>{NAME})-(?:sponsored|commissioned)\b")

_HEDGE_N = r"(?:(?:more\s+than|over|some|about|almost|nearly|around|approximately|just\s+over|just\s+under)\s+)"
_N = r"(?:\d{1,3}(?:,\d{3})+|\d{2,7})(?![\d.,]*\s*(?:%|pct|per\s*cent|percent|points?)|\.\d)"
_POP = rf"(?:{_POP_EXPERT}|{_POP_PEOPLE}|men\s+and\s+women)"
_RE_SAMPLE = [
    re.compile(rf"\b(?:poll|survey|sample|study|canvass|questionnaire|research)\s+(?:\w+\s+){{0,2}}?(?:of|among)\s+(?:a\s+sample\s+of\s+)?(?P<h>{_HEDGE_N})?(?P<n>{_N})\s+(?:[\w'.-]+\s+){{0,4}}?(?P<pop>{_POP})\b", re.I),
    re.compile(rf"(?<![\d,])(?P<h>{_HEDGE_N})?(?P<n>{_N})\s+(?:[\w'.-]+\s+){{0,5}}?(?P<pop>{_POP})\b[^.;]{{0,40}}?\b(?:were\s+|had\s+been\s+|being\s+)?(?:polled|questioned|interviewed|surveyed|quizzed|asked|canvassed|sampled|took\s+part)\b", re.I),
    re.compile(rf"\b(?:interviewed|questioned|polled|surveyed|asked|quizzed|canvassed)\s+(?P<h>{_HEDGE_N})?(?P<n>{_N})\s+(?:[\w'.-]+\s+){{0,4}}?(?P<pop>{_POP})?", re.I),
    re.compile(rf"\b(?:covered|involved|included|spoke\s+to|sampled|contacted|reached)\s+(?P<h>{_HEDGE_N})?(?P<n>{_N})\s+(?:[\w'.-]+\s+){{0,3}}?(?P<pop>{_POP})\b", re.I),
    re.compile(rf"\bamong\s+(?P<h>{_HEDGE_N})?(?P<n>{_N})\s+(?:[\w'.-]+\s+){{0,3}}?(?P<pop>{_POP})\b", re.I),
    re.compile(rf"\bof\s+the\s+(?P<n>{_N})\s+(?:[\w'.-]+\s+){{0,3}}?(?P<pop>{_POP})\s+(?:polled|questioned|interviewed|surveyed|asked)\b", re.I),
]
_RE_MOE = [
    re.compile(rf"\bmargin\s+of\s+(?:sampling\s+)?error\s+(?:\w+\s+){{0,3}}?(?:plus\s+or\s+minus\s+|\+/-\s*|±\s*)?(?P<v>{NUMBER})", re.I),
    re.compile(rf"(?:plus\s+or\s+minus|\+/-|±)\s*(?P<v>{NUMBER})\s*(?:percentage\s+points?|points?|%|pct|per\s*cent|percent)", re.I),
]
_RE_SWITCH = re.compile(
    r"\b(?:another|other|a\s+second|a\s+separate|a\s+further|a\s+rival|an\s+earlier|a\s+previous|the\s+previous|"
    r"both|two|three|most|all|recent)\s+(?:\w+\s+){0,2}?(?:opinion\s+)?(?:polls?|surveys?)\b|\baggregate\s+of\b|\bpoll\s+of\s+polls\b",
    re.I)

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MON = r"(?P<{g}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YR = r"(?:,?\s+(?P<{g}>(?:19|20)\d\d))?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_FW_VERB = r"(?:conducted|carried\s+out|taken|done|held|undertaken|interviewed|questioned|polled|surveyed|fieldwork|asked|canvassed)"
_RE_FW = [
    # 15 November 2004 to 3 January 2005 / Nov. 15 to Jan. 3
    re.compile(rf"\b(?:from|between)\s+{_DAY.format(g='d1')}\s+{_MON.format(g='m1')}{_YR.format(g='y1')}\s+(?:to|and|until|-)\s+{_DAY.format(g='d2')}\s+{_MON.format(g='m2')}{_YR.format(g='y2')}"),
    re.compile(rf"\b(?:from|between)\s+{_MON.format(g='m1')}\s+{_DAY.format(g='d1')}{_YR.format(g='y1')}\s+(?:to|and|until|-)\s+{_MON.format(g='m2')}\s+{_DAY.format(g='d2')}{_YR.format(g='y2')}"),
    # April 10 and 12 / Jan. 5-8 / between April 10 and 12
    re.compile(rf"\b{_MON.format(g='m1')}\s+{_DAY.format(g='d1')}\s*(?:-|–|to|and|through)\s*{_DAY.format(g='d2')}{_YR.format(g='y1')}\b"),
    # 10-12 April / 10 and 12 April
    re.compile(rf"\b{_DAY.format(g='d1')}\s*(?:-|–|to|and)\s*{_DAY.format(g='d2')}\s+{_MON.format(g='m1')}{_YR.format(g='y1')}\b"),
    # taken Feb. 26 to March 1
    re.compile(rf"\b{_MON.format(g='m1')}\s+{_DAY.format(g='d1')}\s+(?:to|through|until|-|–)\s+{_MON.format(g='m2')}\s+{_DAY.format(g='d2')}{_YR.format(g='y2')}\b"),
    # between March and April 2004
    re.compile(rf"\bbetween\s+{_MON.format(g='m1')}\s+and\s+{_MON.format(g='m2')}{_YR.format(g='y1')}"),
    # single day: on April 2 / on 2 April
    re.compile(rf"\bon\s+{_MON.format(g='m1')}\s+{_DAY.format(g='d1')}{_YR.format(g='y1')}\b"),
    re.compile(rf"\bon\s+{_DAY.format(g='d1')}\s+{_MON.format(g='m1')}{_YR.format(g='y1')}\b"),
]
_RE_FW_WEEKDAY = re.compile(
    r"\b(?:on|last)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|evening|morning))?\b")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class PollMention:
    """What one sentence says about a poll; ``pos`` is where (offset in that sentence)."""

    pos: int
    pollster: str | None = None
    sponsor: str | None = None
    sample_size: int | None = None
    sample_exact: bool = True
    margin_of_error: float | None = None
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    population: str | None = None
    switch: bool = False
    names: tuple[str, ...] = field(default_factory=tuple)


def clean_name(name: str) -> str:
    """Trim articles, trailing generic words and punctuation from an organisation name.

    >>> clean_name("the Observer newspaper"), clean_name("Harris organisation"), clean_name("Mori")
    ('Observer', 'Harris', 'MORI')
    """
    n = re.sub(r"^(?:the|a|an)\s+", "", " ".join(name.split()).strip(" ,.;:'\""), flags=re.I)
    n = re.sub(r"^(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|"
               r"Latest|Snap|Monthly|Weekly)\s+)+(?=[A-Z])", "", n)
    n = re.sub(r"'s$|’s$", "", n)
    prev = None
    while prev != n:
        prev = n
        n = _GENERIC_TAIL.sub("", n).strip()
    if not is_known(n):  # ("Research Co." is a pollster's whole name)
        n = re.sub(r"\s+(?:Inc|Ltd|Co|Corp|Assoc(?:iates)?|and\s+Assoc\w*)\.?$", "", n).strip()
    return "MORI" if n.lower() == "mori" else n


def _valid(name: str | None) -> bool:
    """Cheap word filters before any parse: a month, a party, "The", "Opinion" are no names."""
    if not name:
        return False
    first = re.split(r"[\s/-]", name)[0]
    return not (_NOT_FIRST.match(first) or _NOT_NAMES.match(name) or _NOT_SINGLE.match(name)
                or _RE_POP_NAME.match(name))


def is_media(name: str) -> bool:
    """Outlet names (newspapers, broadcasters, magazines) -- usually a poll's sponsor.

    >>> is_media("Sunday Times"), is_media("Marplan")
    (True, False)
    """
    return bool(_MEDIA.search(name))


# Entity types that say a name is not an organisation ("an Obama poll", "a Michigan poll").
# Not NORP: the small model tags rare proper names as nationalities ("the new Meridian poll"),
# and a nationality before "poll" is caught by the word filter (_NOT_NAMES) anyway.
# Not EVENT/WORK_OF_ART/LAW/LANGUAGE either: the small model's guesses for unfamiliar titles
# ("a poll for the Sunday Courant" is an EVENT to it).
_NOT_ORG = frozenset({"PERSON", "GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                      "QUANTITY"})
_ORG = frozenset({"ORG", "POLLSTER"})
# The words of an organisation's name: "Meridian Research", "Drexel University", "Pew Center".
_ORG_WORD = re.compile(
    r"\b(?:Research|Insights?|Polling|Polls|Associates|Institute|University|College|School|Cent(?:er|re)|"
    r"Foundation|Association|Group|Partners|Strategies|Analytics|Consult\w*|Council|Agency|Bureau|Society|"
    r"Company|Corporation|Inc|Ltd|LLC|Intelligence|Opinion|Surveys?|Marketing|Media|Network|Trust|Commission|"
    r"Office|Ministry|Department|Organi[sz]ation|Lab|Laboratory|Initiative|Project|Fund)\b")


@functools.lru_cache(maxsize=2048)
def _entity_types(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """Named entities of ``sentence`` as ``(start, end, label)`` from the parser's NER alone
    (the tagger and dependency parser are not needed here: a fraction of a full parse). Cached,
    since the extractor reads a sentence's attributes once per poll mention."""
    from .nlp import parser

    nlp = parser()
    off = [n for n in nlp.pipe_names if n not in ("entity_ruler", "ner")]
    doc = nlp(sentence, disable=off)
    return tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)


def entity_kind(sentence: str, start: int, end: int) -> str | None:
    """What the parser calls the name at ``sentence[start:end]``: ``"org"`` when most of its
    letters lie in an organisation (or known-pollster) entity, ``"other"`` when most lie in a
    person, place, nationality, date or number, ``None`` when it tags nothing there.

    >>> s = "A new Michigan poll by Marist found Obama ahead."
    >>> entity_kind(s, 6, 14), entity_kind(s, 23, 29), entity_kind(s, 36, 41)
    ('other', 'org', 'other')
    """
    letters = {i for i in range(start, end) if sentence[i].isalnum()}
    if not letters:
        return None
    org = other = 0
    for a, b, label in _entity_types(sentence):
        n = len(letters & set(range(a, b)))
        if label in _ORG:
            org += n
        elif label in _NOT_ORG:
            other += n
    if 2 * org > len(letters):
        return "org"
    if 2 * other > len(letters):
        return "other"
    return None


@dataclass(frozen=True)
class _Role:
    """A pattern that puts a name in a poll role, and how much the syntax alone says.

    ``agent``: the sentence says the name did the polling ("conducted by X", "X interviewed
    1,000 adults", "polling firm X"), so the parser's entity type is not asked ("Ericsson
    interviewed 14,000 phone owners": a company, though the small model reads a surname).
    Otherwise ("a poll by X", "X poll") the name must not be read as a person or a place ("an
    Obama poll", "a Michigan poll"); ``needs_org`` ("according to X": a poll's source or anyone
    quoted): it must be read as an organisation, or be one by its own words."""

    name: str
    rx: re.Pattern[str]
    agent: bool = False
    needs_org: bool = False


_X_POLL = _Role("X poll", _RE_NAME_POLL)
# The agent roles together (the earliest name wins), then each weaker group in turn. Written as
# groups, not as slices of one list, so that adding a role cannot shift another into a group.
_ROLE_GROUPS: tuple[tuple[_Role, ...], ...] = (
    (_Role("conducted by", _RE_POLLSTER_BY, agent=True),
     _Role("polling firm", _RE_POLLING_FIRM, agent=True),
     _Role("interviewed", _RE_NAME_INTERVIEWED, agent=True),
     _Role("produced by", _RE_PRODUCED_BY, agent=True),
     _Role("which conducted", _RE_WHICH_CONDUCTED, agent=True)),
    (_Role("poll by", _RE_POLLSTER_SURVEY_BY),
     _Role("taken by", _RE_POLLSTER_BY_WEAK),
     _Role("poll from", _RE_POLLSTER_SURVEY_FROM, needs_org=True)),
    (_X_POLL,),
    (_Role("according to", _RE_ACCORDING_TO, needs_org=True),),
)
_NOT_POLLSTER_BY = re.compile(r"(?i)\b(?:researchers|ministry|department|government|bank)\b")


def _role_names(s: str, role: _Role) -> list[tuple[str, int, int]]:
    """``(name, start, end)`` of each name ``role`` finds in ``s`` (cleaned, word-filtered)."""
    out = []
    for m in role.rx.finditer(s):
        g = next((g for g in ("name", "name2", "name3") if g in role.rx.groupindex and m.group(g)), None)
        if g is None:
            continue
        n = clean_name(m.group(g))
        if _valid(n):
            a = m.start(g) + max(0, m.group(g).find(n.split()[0]))
            while a > 0 and s[a - 1].isdigit():  # "1News-Verian": the name starts with a digit
                a -= 1
                n = s[a] + n
            out.append((n, a, a + len(n)))
    return out


_RE_PERSON_POLLSTER = re.compile(r"(?i)\bpollsters?\s+$")  # "Republican pollster Daron Shaw"


def _is_pollster(s: str, name: str, start: int, end: int, role: _Role, extra: re.Pattern[str] | None) -> bool:
    """The attribution rule: a known pollster (the gazetteer, or a name the caller passed), a
    name the syntax makes the poll's agent, or a name in a poll role that the parser does not
    read as a person or a place (see :class:`_Role`)."""
    if is_known(name) or (extra is not None and extra.fullmatch(name)):
        return True
    if role.name == "poll by" and _NOT_POLLSTER_BY.search(name):
        return False
    if role.name == "polling firm" and _RE_PERSON_POLLSTER.search(s, 0, start) \
            and not _ORG_WORD.search(name) and entity_kind(s, start, end) == "other":
        return False  # "Republican pollster Daron Shaw": a person who polls, not the poll's firm
    if role.agent or _ORG_WORD.search(name):
        return True  # "Trellis Insights", "Drexel University": no person or place, whatever the tagger says
    kind = entity_kind(s, start, end)
    if kind == "org":
        return True
    if kind == "other":
        return False
    return not role.needs_org  # untagged: a role that says who made the poll


def find_pollster(s: str, pollster_re: re.Pattern[str] | None = None) -> tuple[str, int] | None:
    """The pollster named in sentence ``s`` and its offset, or ``None``.

    A name is the pollster when it is a known pollster (:mod:`medialens.polls.pollsters`; the
    ones in ``pollster_re`` too) in a poll role or written anywhere in the sentence, or when it
    stands in a poll role ("a poll by X", "X poll", "conducted by X", "according to X") and the
    parser's named entities read it as an organisation. An outlet in "X poll" is the sponsor
    (:func:`find_sponsor`) unless it is a joint name ("CNN/ORC").

    >>> find_pollster("a New York Times/CBS poll indicates")[0]
    'New York Times/CBS'
    >>> find_pollster("according to an opinion poll published in the Sunday Times") is None
    True
    >>> find_pollster("Support rose to 38 pct, a Michigan poll showed.") is None
    True
    """
    known = known_in(s)
    for group in _ROLE_GROUPS:
        found = []
        for role, (name, a, b) in ((r, x) for r in group for x in _role_names(s, r)):
            # a gazetteer name the role's name pattern cut short ("More in Common", "Franklin &
            # Marshall College", "Redfield & Wilton Strategies", "1News-Verian")
            k = next((k for k in known if k.start <= a and b <= k.end and (k.start, k.end) != (a, b)), None)
            if k is not None:
                name, a, b = k.text, k.start, k.end
            # "Mainstreet's September survey": the pollster is the owner, not the month after it
            own = re.search(r"(?:'s|’s)\s+\S", name)
            if own is not None and own.start() > 0:
                name, b = name[:own.start()], a + own.start()
            if role.name == "X poll" and is_media(name) and not re.search(r"/|\w-[A-Z]", name):
                continue  # "a Sunday Times poll": the outlet's poll, its sponsor
            if role.name == "according to" and not re.search(r"(?i)\b(?:polls?|surveys?|pollsters?)\b", s):
                continue  # "according to the Census Bureau" is no poll
            if _is_pollster(s, name, a, b, role, pollster_re):
                found.append((name, a))
        if found:
            return min(found, key=lambda t: t[1])
    # a known pollster anywhere ("..., Gallup found"); an ambiguous name ("Harris") only in a role
    for k in known:
        if not k.ambiguous:
            return clean_name(k.text), k.start
    if pollster_re is not None:
        m = pollster_re.search(s)
        if m and not (lookup(m.group(0)) and m.group(0) in lookup(m.group(0)).ambiguous):
            return clean_name(m.group(0)), m.start()
    return None


_RE_OUTLET_AFTER = re.compile(r"\s+(?:newspaper|daily|tabloid|magazine|weekly|broadcaster|television|TV\b|"
                              r"radio|channel|network|news\s+agency|website)", re.I)


def find_sponsor(s: str) -> tuple[str, int] | None:
    """The client or publishing outlet of a poll named in ``s``: an organisation (never a person
    or a place by the parser's reading) after "poll for", "published in", "commissioned by", or
    an outlet in "X poll".

    >>> find_sponsor("The MORI poll conducted for the Sunday Times")[0]
    'Sunday Times'
    >>> find_sponsor("The Harris poll published in the Observer newspaper")[0]
    'Observer'
    >>> find_sponsor("A separate INSA poll for Bild newspaper, published on Sunday")[0]
    'Bild'
    """
    best = None
    for rx in (_RE_SPONSOR_FOR, _RE_SPONSOR_PUBLISHED, _RE_SPONSOR_IN, _RE_SPONSOR_COMMISSIONED):
        for name, a, _b in _role_names(s, _Role("sponsor", rx)):
            # An ambiguous pollster name ("Harris", "Pew") must not be a person by the parser's
            # reading: "room for views of Harris" is about the candidate, not a sponsor.
            known = is_known(name) and not (lookup(name) and name in lookup(name).ambiguous)
            # "a poll for Bild newspaper": the text calls it an outlet, whatever the parser's
            # reading of an unfamiliar title (the small model makes "Bild" a person)
            outlet = bool(_RE_OUTLET_AFTER.match(s, a + len(name)))
            if (is_media(name) or known or outlet or entity_kind(s, a, a + len(name)) != "other") and (
                    best is None or a < best[1]):
                best = (name, a)
                break
    if best:
        return best
    m = _RE_SPONSOR_FOR_GENERIC.search(s)
    if m:
        return m.group("name"), m.start()
    for name, a, _b in _role_names(s, _X_POLL):
        if is_media(name) and not re.search(r"/|\w-[A-Z]", name):
            return name, a
    return None


def find_sample_size(s: str) -> tuple[int, bool, str | None] | None:
    """``(n, exact, population)`` for "a poll of 1,012 adults" style phrases, else ``None``.

    >>> find_sample_size("A total of 3,028 adults aged 18 or over were interviewed")
    (3028, True, 'adults')
    >>> find_sample_size("The poll of more than 1,000 voters throughout Australia")
    (1000, False, 'voters')
    """
    for rx in _RE_SAMPLE:
        for m in rx.finditer(s):
            n = int(m.group("n").replace(",", ""))
            if not 10 <= n <= 5_000_000 or (1900 <= n <= 2030 and "," not in m.group("n")):
                continue
            pop = m.groupdict().get("pop")
            return n, not m.group("h"), (pop.lower() if pop else None)
    return None


def find_margin_of_error(s: str) -> float | None:
    """Margin of error in points: "margin of error of plus or minus 3 points" -> 3.0.

    >>> find_margin_of_error("The margin of error is plus or minus three percentage points.")
    3.0
    """
    for rx in _RE_MOE:
        m = rx.search(s)
        if m:
            v = parse_number(m.group("v"))
            if v is not None and 0 < v <= 20:
                return v
    return None


def _month(tok: str) -> int:
    return _MONTHS[tok.lower()[:3]]


def _resolve(month: int, day: int, year: int | None, published: dt.date | None) -> dt.date | None:
    if year is None:
        if published is None:
            return None  # never guess a year
        year = published.year
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d > published + dt.timedelta(days=3):
            d = d.replace(year=year - 1)
        return d
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_fieldwork(s: str, published: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """Fieldwork start and end dates, years resolved against the article's ``published`` date.

    >>> find_fieldwork("The survey, conducted between April 10 and 12 among 1,000 adults",
    ...                dt.date(1987, 4, 13))
    (datetime.date(1987, 4, 10), datetime.date(1987, 4, 12))
    >>> find_fieldwork("taken by telephone on Monday night", dt.date(1987, 10, 20))
    (datetime.date(1987, 10, 19), datetime.date(1987, 10, 19))
    """
    if not re.search(rf"(?i)\b{_FW_VERB}\b|\bbetween\b", s):
        return None, None
    for i, rx in enumerate(_RE_FW):
        m = rx.search(s)
        if not m:
            continue
        g = m.groupdict()
        y1 = int(g["y1"]) if g.get("y1") else None
        y2 = int(g["y2"]) if g.get("y2") else y1
        if i == 5:  # month range
            m1, m2 = _month(g["m1"]), _month(g["m2"])
            start = _resolve(m1, 1, y1, published)
            nxt = dt.date((start.year if start else 2000) + (m2 == 12), m2 % 12 + 1, 1)
            end = _resolve(m2, (nxt - dt.timedelta(days=1)).day, y1, published)
            return start, end
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        d1 = int(g["d1"])
        d2 = int(g["d2"]) if g.get("d2") else d1
        if y1 is None and y2 is not None:
            y1 = y2 - (1 if m1 > m2 else 0)
        end = _resolve(m2, d2, y2, published)
        start = _resolve(m1, d1, y1, published)
        if start and end and start > end:
            start = _resolve(m1, d1, (end.year - 1), None)
        return start, end
    m = next((w for w in _RE_FW_WEEKDAY.finditer(s)
              if not re.search(r"[A-Z][\w'-]*\s+$", s[:w.start()])), None)  # not "Independent on Sunday"
    if m and published is not None:
        back = (published.weekday() - _WEEKDAYS.index(m.group("wd").lower())) % 7
        d = published - dt.timedelta(days=back)
        return d, d
    return None, None


def poll_mentions(sentence: str, *, published: dt.date | None = None,
                  pollster_re: re.Pattern[str] | None = None) -> list[PollMention]:
    """What ``sentence`` states about a poll (at most one mention per sentence; empty if none)."""
    pol = find_pollster(sentence, pollster_re)
    spo = find_sponsor(sentence)
    if pol and spo and pol[0] == spo[0]:
        spo = None
    smp = find_sample_size(sentence)
    moe = find_margin_of_error(sentence)
    fw = find_fieldwork(sentence, published)
    sw = _RE_SWITCH.search(sentence)
    pop = population_kind(sentence)
    if smp and smp[2]:
        pop = "expert" if _RE_POP_EXPERT.match(smp[2]) else (pop or "people")
    if not (pol or spo or smp or moe or fw[0] or sw or pop):
        return []
    positions = [x[1] for x in (pol, spo) if x] + ([sw.start()] if sw else [])
    return [PollMention(
        pos=min(positions) if positions else 0,
        pollster=pol[0] if pol else None,
        sponsor=spo[0] if spo else None,
        sample_size=smp[0] if smp else None,
        sample_exact=smp[1] if smp else True,
        margin_of_error=moe,
        fieldwork_start=fw[0],
        fieldwork_end=fw[1],
        population=pop,
        switch=bool(sw),
    )]


__all__ = [
    "NAME",
    "PollMention",
    "clean_name",
    "find_fieldwork",
    "find_margin_of_error",
    "find_pollster",
    "find_sample_size",
    "find_sponsor",
    "is_media",
    "poll_mentions",
]
