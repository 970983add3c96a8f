"""The poll-figure extractor: sentences -> candidate numbers -> decisions -> PollFigure records.

Pipeline for one document (linear in its length):

1. split into sentences (:func:`medialens.text.sentence_spans`);
2. find opinion-poll cues per sentence and the attributes each sentence states about a poll;
   group sentences into polls ("blocks"): a new block starts where a sentence names a different
   pollster/outlet/population or says "another poll";
3. in sentences with a cue within a few sentences, find quantities (:mod:`.numbers`), combine
   level+change phrases ("climbed 2 percent to 43 percent"), classify share/lead/change;
4. keep a figure only if it is tied to respondents, a party/person or a poll measure, and no
   exclusion applies (:mod:`.context`); assign subject, measure and the block's attributes.

:func:`explain` returns every candidate with its decision and reason, for debugging and for
users who want to see why a number was (not) taken.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..text import sentence_spans
from . import context as C
from .attributes import PollMention, poll_mentions
from .numbers import (
    DOWN_WORDS,
    HEDGE,
    NUMBER_WORD,
    UP_WORDS,
    Quantity,
    find_bare_numbers,
    find_quantities,
    parse_number,
)
from .subjects import (
    _SURNAME_TOO,
    Entity,
    compile_parties,
    entity_for_slot,
    find_entities,
    full_names_in,
    measure_from_words,
    offices_in,
    people_in,
    topic_from_slot,
    topic_from_words,
)

BACK_WINDOW = 4  # sentences before a figure that may hold the poll cue
FORWARD_WINDOW = 3  # ... and after it ("..., a survey suggests" often comes later)

_UP, _DOWN = UP_WORDS, DOWN_WORDS
_RE_CHANGE_BEFORE = re.compile(rf"\b(?P<dir>{_UP}|{_DOWN})\s+(?:by\s+)?(?:{HEDGE}\s+|a\s+|an\s+)?$", re.I)
_RE_CHANGE_NOUN_AFTER = re.compile(r"^\s*(?P<dir>drop|fall|decline|dip|slide|loss|rise|increase|gain|jump|climb|improvement)\b", re.I)
# (also "had the SPD down one point at 13 percent", "up two on 25%": the change, then the level)
_RE_TO_GAP = re.compile(rf"^\s*(?:again|more|further|since\s+\w+)?\s*,?\s*(?:to|at|on)\s+(?:{HEDGE}\s+)?$", re.I)
# "Marsh up 50%-46%": a pair of shares; "ran up a 22-point lead": a lead (not rises of 50 and 22)
_RE_DASH_GAP = re.compile(r"\s*[-–—]\s*")
_RE_LEAD_NOUN_AFTER = re.compile(r"[\s-]*(?:(?:percentage[\s-]+)?(?:points?|pts?)[\s-]+)?(?:lead|advantage|edge|margin|gap|cushion)\b", re.I)
_RE_FROM_PRIOR_GAP = re.compile(r"\s*(?:percentage\s+)?(?:points?|pts)?\s*(?:from|on|since)\s+[^.;%\d]{0,40}", re.I)
_RE_FROM_BEFORE = re.compile(rf"\bfrom\s+(?:{HEDGE}\s+)?$", re.I)
_RE_FROM_TO_GAP = re.compile(rf"^[^.;%\d]{{0,50}}?\bto\s+(?:{HEDGE}\s+)?$", re.I)
_RE_UP_DOWN_GAP = re.compile(r"^[^;%]{0,110}?(?:[,;(]|\s[-–—]+)\s*(?P<dir>up|down)\s+(?:by\s+)?(?P<from>from\s+)?$", re.I)
# "dropped to 46 percent ..., from 60 percent in December": the level and where it came from
_RE_LEVEL_TO = re.compile(rf"\b(?:{_UP}|{_DOWN}|stands?|stood)\s+(?:at|to)\s+(?:{HEDGE}\s+)?$", re.I)
_RE_FROM_GAP = re.compile(rf"^[^.;%\d]{{0,60}}?,?\s*(?:from|compared\s+with|against)\s+(?:{HEDGE}\s+)?$", re.I)
# "33 pct approved ..., compared with 24 pct in November": the earlier level of the same measure
_RE_COMPARED_GAP = re.compile(rf"^[^.;%\d]{{0,80}}?,?\s*(?:compared\s+(?:with|to)|up\s+from|down\s+from|from)\s+(?:{HEDGE}\s+)?$", re.I)
# "released March 31, from 40 percent a year earlier": a day of the month is not a figure
_RE_DAY_OF_MONTH = re.compile(r"\b((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?)\s+\d{1,2}\b(?!\s*%)")
_RE_EARLIER_AFTER = re.compile(
    r"^\s*(?:(?:in|at)\s+(?:the\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|spring|summer|autumn|winter|previous|last|early|late|beginning|start|end|same)\b(?!\s+(?:19|20)\d\d)|last\s+\w+|"
    r"a\s+(?:month|year|week|fortnight)\s+(?:ago|earlier|before)|"
    # "compared with 61% just over five decades earlier"
    r"(?:(?:just\s+)?(?:over|under|about|nearly|almost|more\s+than)\s+)?"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+\w+\s+(?:ago|earlier)|"
    # "compared with 11% in 1971", "compared to 53 percent in 2014": a bare year is an earlier
    # reading of the same measure (a future year would read "by 2030")
    r"in\s+(?:19|20)\d\d\b(?!\s*[-–]\s*\d)|"
    r"previously|earlier|before)", re.I)
_RE_UP_DOWN_BARE = re.compile(
    r"^[^.;%]{0,60}?(?:[,;(]|\s[-–—]+)\s*(?P<dir>up|down)\s+(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:%|pct|per|percent|points?|\.\d))",
    re.I)
# "Labour 40% (+2)", "33% (-1 pt)": the change since the pollster's previous poll, in the
# bracket right after the share (the way UK poll tables and tweets print it)
_RE_SIGNED_PAREN = re.compile(r"\s*\(\s*(?P<sign>[+\-−–])\s*(?P<n>\d{1,2}(?:\.\d+)?)\s*"
                              r"(?:pts?|points?|%|pct|per\s*cent|percent)?\s*\)")
# "38% (June: 41%)", "29% (last month 31%)": the previous poll's level, in the bracket
_RE_PAREN_PRIOR = re.compile(
    r"\s*\(\s*(?:(?:in\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|spring|summer|autumn|fall|winter)|last\s+(?:week|month|poll|time|year)|"
    r"previous(?:\s+poll)?|prev\.?|was)\s*:?\s*(?P<n>\d{1,2}(?:\.\d)?)\s*(?:%|per\s*cent|percent|pct)?\s*\)", re.I)
# "More than half (54%)", "Six in 10 voters (61 percent)", "almost a third of voters — 31 percent —"
_RE_PAREN_GAP = re.compile(r"^\s*(?:(?:of\s+)?[^.;()%\d,—–]{0,40}?)?\s*(?:[(,]|[—–]|\s-)\s*$", re.I)
_RE_LEAD_WORDS = re.compile(r"\blead(?:s|ing)?\b|\bled\b|\bedge\b|\bdifferential\b|\btrounc\w+|\boutpac\w+|\bup\s+by\b|\bdown\s+by\b|\bahead\b|\badvantage\b|\bmargin\b|\bgap\b|\bbehind\b|\btrail\w*|\bclear\s+of\b|\bin\s+front\b|\bclear\b"
    # "would beat all Republicans by at least 10 points", "men broke for Trump by 10 points",
    # "favored Harris over Trump by 21 points"
    r"|\bbeat(?:s|ing)?\b|\blosing\b|\bwinning\b|\bbroke\s+(?:for|toward)\b|\b(?:favou?r(?:ed|s)?|over)\b[^.;%]{0,40}\bby\b"
    # "backed Harris by 18 points", "a two-point deficit", "the 10-point cushion they had",
    # "the two separated by just two points"
    r"|\b(?:backed|supported|preferred)\b[^.;%]{0,40}\bby\b|\bdeficit\b|\bcushion\b|\bseparat(?:ed|es|ing)\b", re.I)
_RE_GAP_OF = re.compile(r"\b(?:lead|edge|advantage)\s+of\s+(?:only\s+|just\s+|about\s+|around\s+|nearly\s+|almost\s+|"
                        r"roughly\s+|some\s+|more\s+than\s+)?[~≈]?\s*$", re.I)
_RE_GAP_AFTER = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?[\s-]*(?:lead|edge|advantage)\b", re.I)
# "a 4% lead", "her narrow 2% lead" (never "40 percent lead healthy lives", "a 48%-45% lead")
_RE_DET_BEFORE = re.compile(r"(?:\b(?:a|an|the|his|her|its|their)|['’]s)\s+(?:[a-z]+\s+)?[~≈]?$", re.I)
_RE_LEAD_VERB = re.compile(r"\b(?:lead|leads|led|leading|ahead\s+of|beat|beats|outpoll\w*)\b", re.I)
_RE_OTHER_AFTER = re.compile(r"^\s*(?:lead\s+|advantage\s+)?(?:over|of|on|ahead\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?$", re.I)
# Pronouns (and definite descriptions) that point back to the previous sentences' entity.
_RE_PRONOUN_PERSON = re.compile(r"\b(?:his|her|he|she|him|the\s+(?:president|prime\s+minister|premier|chancellor|leader|governor))\b[^.;]{0,50}$", re.I)
_RE_PRONOUN_PARTY = re.compile(r"\b(?:their|its|they|them|it|the\s+(?:party|government))\b[^.;]{0,50}$", re.I)
# Another poll cited in passing, for comparison: "in line with other recent national polls. A
# Reuters/Ipsos survey completed last week put ...", "An Emerson College poll released earlier
# this month showed a tighter race"
_RE_SIDE_POLL = re.compile(
    r"(?i)\b(?:earlier\s+this\s+(?:week|month|year)|last\s+(?:week|month)|(?:other|previous|earlier|prior)\s+"
    r"(?:recent\s+)?(?:national\s+)?(?:polls?|surveys?)|in\s+line\s+with|by\s+comparison|a\s+separate|separately)\b")
# the next sentence goes on with the poll it cited ("It found", "That survey also showed")
_RE_IT_FOUND = re.compile(r"(?i)\s*(?:it|that\s+(?:poll|survey)|the\s+same\s+(?:poll|survey)|(?:that|the)\s+[A-Z]?[\w/&-]*\s*(?:poll|survey))\b")
# "according to a new national poll", "the latest Quinnipiac survey": the poll an article is about
_RE_A_NEW_POLL = re.compile(r"(?i)\b(?:a|the)\s+(?:new|latest)\b[^.;]{0,40}?\b(?:poll|survey)\b")
_RE_THE_NEW_POLL = re.compile(r"(?i)\bthe\s+(?:new|latest)\s+(?:national\s+|nationwide\s+)?(?:poll|survey)\b")
_RE_EACH_AFTER = re.compile(r"^\s*(?:pct|percent|per\s*cent|%)?\s*(?:each|apiece)\b", re.I)
_RE_FOR_AGAINST = re.compile(r"^\s*(?:for\s+and\s+against|between\s+(?:those\s+)?(?:for|supporting)\s+and\s+against)\s+(?:the\s+)?(?P<topic>[\w'-]+(?:\s+[a-z][\w'-]*){0,2})", re.I)
_RE_FIGURE_IS = re.compile(r"\bthe\s+(?:figure|number|proportion|percentage|share|total)\s+(?:was|is|stood\s+at|had\s+been|has\s+been|rose\s+to|fell\s+to)\s+$", re.I)
_RE_IMPORTANT_FOR = re.compile(r"(?:\b(?:important|crucial|key|priority|issue|concern|area)\w*\s+(?:\w+\s+){0,2}(?:for|to)\s+|^\s*For\s+)$", re.I)
_RE_PROPORTION_OF_POP = re.compile(
    rf"\b(?:proportion|percentage|share|number)\s+(?:of\s+(?:[\w'-]+\s+){{0,2}}?(?:{C._POP_PEOPLE})\b|(?:saying|who\s+sa(?:y|id)|believing|thinking|wanting|backing|supporting|opposing))[^.;]*$", re.I)
_RE_POP_PAREN = re.compile(rf"\b(?:{C._POP_PEOPLE}|British)\b[^.;]{{0,60}}\(\s*$", re.I)
_RE_COUNTRY_WANTS = re.compile(
    r"^\s*(?:of\s+)?(?:the\s+)?(?:whole\s+|entire\s+)?(?:UK|US|U\.S\.|country|nation|public|electorate|population|British\s+public)\s+"
    r"(?:\w+\s+)?(?:wants?|supports?|backs?|believes?|thinks?|opposes?|favou?rs?|approves?|disapproves?|trusts?|says?)\b")
# "Two-thirds of Marrovians believe": a demonym (capitalised plural) is a population of people
_RE_DEMONYM_AFTER = re.compile(r"^\s*(?:of\s+(?:all\s+)?)?[A-Z][a-z]+(?:ians|ans|ese|ers|ites|ots|is|ish)\b")
_RE_SAID_SHARE = re.compile(
    r"\d\s*(?:%|pct\b|per\s*cent\b|percent\b)\s+(?:of\s+(?:those|respondents|people)\b[^.;]{0,40}?)?(?:said|say|says|believed?|thought|think|agreed?)\b", re.I)
_RE_PEOPLE_SAY = re.compile(
    r"(?:\d|\b[a-z]+ty(?:-[a-z]+)?)\s*(?:%|percent\b|per\s*cent\b)\s+of\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:Americans|adults|voters|people|respondents|patients|consumers|parents|teens|teenagers|students|women|men|"
    r"owners|workers|employees|millennials|residents|children|Britons|citizens|those\s+(?:asked|polled|surveyed))\b"
    r"[^.;]{0,60}?\b(?:say|said|says|reported|admit|admitted|consider|believe|believed|think|thought|agree|agreed|"
    r"want|wanted|would)\b", re.I)
_RE_POLLS_GAVE = re.compile(
    r"\b(?:polls?|surveys?)\s+(?:\w+\s+){0,3}?(?:gave|given|give|gives|put|puts|showed|shown|show|shows|credited|credit)\s+"
    r"(?:[\w'-]+\s+){0,4}?(?:(?:at|on|with)\s+)?(?:{h}\s+)?$".replace("{h}", HEDGE), re.I)
# "..., followed by the cost of living at 23 per cent": the next item of a ranked list
_FOLLOWED_BY = r"\bfollowed\s+by\s+[^.;%\d]{1,60}?\s+(?:at|on|with)\s+"
_RE_FOLLOWED_BY = re.compile(rf"{_FOLLOWED_BY}(?:{HEDGE}\s+)?$", re.I)
_RE_COMPARED = re.compile(rf"\b(?:compared\s+(?:to|with)|against|versus|while|whereas|and)\s+(?:{HEDGE}\s+|only\s+)?$|\(\s*$|\bwith\s+$|,\s*$", re.I)


@dataclass
class _Block:
    """One poll within a document: merged attributes from the sentences that describe it."""

    index: int
    pollster: str | None = None
    sponsor: str | None = None
    sample_size: int | None = None
    sample_exact: bool = False
    margin_of_error: float | None = None
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    population: str | None = None

    def conflicts(self, m: PollMention) -> bool:
        if m.switch:
            return True
        if m.pollster and self.pollster and not _same_name(m.pollster, self.pollster):
            return True
        if m.sponsor and self.sponsor and not _same_name(m.sponsor, self.sponsor) and not (
                m.pollster and self.pollster and _same_name(m.pollster, self.pollster)):
            return True
        if self.population == "expert" and m.population != "expert" and (m.pollster or m.sponsor or m.population):
            return True  # "dealers polled by Reuters" then "a poll for TV-AM": two different polls
        return bool(m.population and self.population and m.population != self.population)

    def merge(self, m: PollMention) -> None:
        self.pollster = self.pollster or m.pollster
        self.sponsor = self.sponsor or m.sponsor
        if m.sample_size and (self.sample_size is None or (m.sample_exact and not self.sample_exact)):
            self.sample_size, self.sample_exact = m.sample_size, m.sample_exact
        self.margin_of_error = self.margin_of_error or m.margin_of_error
        if self.fieldwork_start is None and m.fieldwork_start is not None:
            self.fieldwork_start, self.fieldwork_end = m.fieldwork_start, m.fieldwork_end
        self.population = self.population or m.population


def _names_block(b: _Block, m: PollMention) -> bool:
    """Whether mention ``m`` names poll ``b`` by its pollster or sponsor."""
    return bool((m.pollster and b.pollster and _same_name(m.pollster, b.pollster))
                or (m.sponsor and b.sponsor and _same_name(m.sponsor, b.sponsor)))


def _same_name(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a in b or b in a


@dataclass
class Candidate:
    """A number considered as a poll figure, with the decision taken and why."""

    sent: int
    q: Quantity
    kind: str = "share"
    value: float = 0.0
    change: float | None = None
    prior: float | None = None
    subject: str | None = None
    subject_kind: str | None = None
    subject_source: str | None = None  # slot | pronoun | fallback | topic
    measure: str | None = None
    other: str | None = None
    accepted: bool = False
    reason: str = ""
    block: int = 0
    extra_subjects: list[Entity] = field(default_factory=list)
    phrase_start: int | None = None  # start of a merged phrase ("from 65 pct ... to 42 pct")
    confidence: float | None = None  # the figure model's probability (see .learn)
    table: int | None = None  # a row of the poll table whose header is this sentence
    # what the learned stage needs about the sentence (set by analyse)
    ents: list[Entity] = field(default_factory=list, repr=False)
    context: Entity | None = field(default=None, repr=False)
    cues: list[str] = field(default_factory=list, repr=False)
    near_cue: bool = False
    recent: tuple[Entity, ...] = field(default=(), repr=False)  # named in earlier sentences, latest last
    discourse: Discourse | None = field(default=None, repr=False)


@dataclass
class Discourse:
    """What the article says about its entities, for resolving "her party", "the governing party",
    "the president": filled while the rule pass reads the article, in text order."""

    party_of: dict[str, str] = field(default_factory=dict)  # person -> party ("Varga's Civic Union")
    offices: dict[str, str] = field(default_factory=dict)  # "prime minister" -> "Varga"
    governing: str | None = None  # the party called governing/ruling
    opposition: str | None = None  # the party called "the opposition"
    gender_of: dict[str, str] = field(default_factory=dict)  # surname -> "f"/"m" (mentions.genders)
    # first name -> surname, for first names that belong to one full name of the article
    # ("Sir Keir" -> "Starmer" where it names "Keir Starmer")
    surname_of: dict[str, str] = field(default_factory=dict)
    # office -> the person the article most often names beside it where it never writes
    # "Prime Minister Albanese" ("Mr Albanese remains ahead as better prime minister")
    office_guess: dict[str, str] = field(default_factory=dict)


def _to_date(published: Any) -> dt.date | None:
    if published is None:
        return None
    try:
        ts = pd.Timestamp(published)
    except (ValueError, TypeError):
        return None
    if pd.isna(ts):
        return None
    return ts.date()


_OWN_POLL_TAIL = (r"(?:'s|’s)?\s+(?:(?:own|latest|new|national|exclusive|recent|nationwide|online|opinion|snap)\s+)*"
                  r"(?:poll|polls|polling|survey)\b")


def _owns_poll(text: str, outlet: str) -> bool:
    """Whether ``text`` calls a poll the outlet's own ("a CNN poll", "CNN's latest poll").

    >>> _owns_poll("A new CNN poll finds 52% approve.", "CNN"), _owns_poll("a Marist poll for NPR", "NPR")
    (True, False)
    """
    return re.search(rf"\b{re.escape(outlet)}{_OWN_POLL_TAIL}", text) is not None


def _signed(direction: str, value: float) -> float:
    return -value if re.match(rf"(?i)(?:{_DOWN})$", direction.strip()) or direction.lower() in (
        "drop", "fall", "decline", "dip", "slide", "loss") else value


def _combine(s: str, qs: list[Quantity]) -> list[Candidate]:
    """Turn a sentence's quantities into candidates: merge level+change, drop restatements."""
    out: list[Candidate] = []
    used: set[int] = set()
    for k, q in enumerate(qs):
        if k in used:
            continue
        nxt = qs[k + 1] if k + 1 < len(qs) else None
        before = s[qs[k - 1].end if k else 0:q.start]
        gap = s[q.end:nxt.start] if nxt else ""
        # "More than half (54%)", "two-thirds of those questioned, 68%": one figure, the exact one.
        if (q.form == "fraction" and nxt and nxt.form == "unit" and nxt.unit == "percent" and _RE_PAREN_GAP.match(gap)
                and abs(q.value - nxt.value) <= 8):  # the words approximate the number that follows
            continue
        c = Candidate(sent=-1, q=q, value=q.value)
        mb = _RE_CHANGE_BEFORE.search(before)
        if nxt and mb and _RE_TO_GAP.match(gap) and nxt.unit is not None and \
                0 <= nxt.value - _signed(mb.group("dir"), q.value) <= 100:
            # (the prior must be a possible share: "put Trump up 49% to 42% over Biden" is a
            # pair of shares, not a rise of 49 points to 42)
            # "climbed 2 percent to 43 percent": one share with its change.
            ch = _signed(mb.group("dir"), q.value)
            c = Candidate(sent=-1, q=nxt, value=nxt.value, change=ch, prior=round(nxt.value - ch, 2),
                          phrase_start=q.start)
            used.add(k + 1)
        elif nxt and _RE_FROM_BEFORE.search(before) and _RE_FROM_TO_GAP.match(gap) and nxt.unit == "percent":
            # "slumped from about 65 pct last autumn to about 42 pct".
            c = Candidate(sent=-1, q=nxt, value=nxt.value, prior=q.value, change=round(nxt.value - q.value, 2),
                          phrase_start=q.start)
            used.add(k + 1)
        elif nxt and ((q.unit == "percent" and nxt.unit == "percent" and (
                (_RE_COMPARED_GAP.match(_RE_DAY_OF_MONTH.sub(r"\1", gap)) and _RE_EARLIER_AFTER.match(s[nxt.end:]))
                or (_RE_LEVEL_TO.search(before) and _RE_FROM_GAP.match(gap))))
                # a lead's earlier size: "the lead ... narrowed to 17 points from 25 points in July"
                or (q.unit == "points" and nxt.unit == "points" and _RE_LEVEL_TO.search(before)
                    and _RE_FROM_GAP.match(gap))):
            # "33 pct ..., compared with 24 pct in November"; "dropped to 46 percent ..., from 60 percent"
            c.prior, c.change = nxt.value, round(q.value - nxt.value, 2)
            used.add(k + 1)
        elif nxt and q.unit == "percent" and (m := _RE_UP_DOWN_GAP.match(gap)) and nxt.unit is not None:
            # "40 pct ..., up 12 points on last month" / "36%, up from 7% in 2003".
            if m.group("from"):
                c.prior, c.change = nxt.value, round(q.value - nxt.value, 2)
            else:
                ch = nxt.value if m.group("dir").lower() == "up" else -nxt.value
                c.change, c.prior = ch, round(q.value - ch, 2)
                after = qs[k + 2] if k + 2 < len(qs) else None
                if after is not None and abs(after.value - c.prior) < 0.01 and _RE_FROM_PRIOR_GAP.fullmatch(
                        s, nxt.end, after.start):
                    # "62 percent, down four points from last month's 66 percent": the prior, said again
                    used.add(k + 2)
            used.add(k + 1)
        elif q.unit == "percent" and (mbare := _RE_UP_DOWN_BARE.match(s[q.end:nxt.start if nxt else len(s)])):
            # "35 percent, down 3 from last week's poll"
            v = float(mbare.group("n")) if mbare.group("n")[0].isdigit() else None
            if v is None:
                v = parse_number(mbare.group("n"))
            if v is not None and v < 50:
                ch = v if mbare.group("dir").lower() == "up" else -v
                c.change, c.prior = ch, round(q.value - ch, 2)
        elif q.unit == "percent" and (mw := _RE_CHANGE_WORD_TO.search(before)) and \
                (v := parse_number(mw.group("n"))) is not None and v < 50:
            # "the Social Democrats are up two to 8 per cent": the change, then the new level
            ch = _signed(mw.group("dir"), v)
            c.change, c.prior = ch, round(q.value - ch, 2)
        elif q.unit == "percent" and nxt and (mp := _RE_PAREN_PRIOR.match(s, q.end)) and mp.end("n") >= nxt.end - 1 \
                and nxt.start >= mp.start("n"):
            # "Alicia Moreno (D): 38% (June: 41%)": the level and, in brackets, the previous poll's
            c.prior, c.change = nxt.value, round(q.value - nxt.value, 2)
            used.add(k + 1)
        elif q.unit == "percent" and (ms := _RE_SIGNED_PAREN.match(s, q.end)):
            ch = float(ms.group("n")) * (1 if ms.group("sign") == "+" else -1)
            c.change, c.prior = ch, round(q.value - ch, 2)
            if nxt is not None and nxt.start < ms.end():
                used.add(k + 1)  # "34% (-2%)": the bracket's "2%" is the change, not a figure
        elif mb and q.unit is not None and not (nxt and (_RE_TO_GAP.match(gap) or _RE_DASH_GAP.fullmatch(gap))) \
                and not _RE_LEAD_NOUN_AFTER.match(s, q.end) and not re.search(
                r"(?i)\b(?:went|gone|goes|moved|shot|crept)\s+up\s+$|\bup\s+to\s+$"
                # "opened up a 5-point lead", "built up a 10-point advantage": a lead, not a rise
                r"|\b(?:open(?:s|ed|ing)?|buil(?:t|ds?|ding)|rack(?:s|ed|ing)?|chalk(?:s|ed|ing)?)\s+up\s+(?:a|an)\s+$",
                before[-30:]):
            c.kind, c.value = "change", _signed(mb.group("dir"), q.value)
            c.change = c.value
        elif (mn := _RE_CHANGE_NOUN_AFTER.match(s[q.end:])) and q.unit is not None:
            c.kind, c.value = "change", _signed(mn.group("dir"), q.value)
            c.change = c.value
        if c.kind == "share" and c.q.unit == "percent" and c.change is None and (
                _RE_GAP_OF.search(s, max(0, c.q.start - 30), c.q.start)
                or (_RE_GAP_AFTER.match(s, c.q.end) and _RE_DET_BEFORE.search(s, max(0, c.q.start - 30), c.q.start))):
            # "a Clinton lead of only ~1%", "a 4% lead over Trump": a stated gap written in
            # percent is a lead, not a share of 1 or 4 percent
            c.kind = "lead"
        if c.kind == "share" and c.q.unit == "points":
            window = s[max(0, c.q.start - 60):c.q.end + 40]
            if _RE_LEAD_WORDS.search(window):
                c.kind = "lead"
            else:
                c.kind = "points?"
        out.append(c)
    return out


# A "sentence" longer than this is a segmentation failure or a scrape glitch (a table, one
# sentence pasted 26,000 times), not a sentence: the parser refuses texts over 1,000,000
# characters and the attribution's work grows with the square of a sentence's names, so it
# is read in pieces cut at whitespace (the offsets stay the article's).
MAX_SENTENCE = 1_500  # 1 sentence in ~260,000 of Reuters, BBC and news_modern is longer


def _cut_overlong(text: str, spans: list[tuple[int, int]], size: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """``spans`` with each span longer than ``size`` cut after whitespace into pieces.

    >>> _cut_overlong("ab " * 5, [(0, 15)], size=4)
    [(0, 3), (3, 6), (6, 9), (9, 12), (12, 15)]
    """
    out = []
    for a, b in spans:
        while b - a > size:
            cut = max(text.rfind(" ", a, a + size), text.rfind("\n", a, a + size))
            cut = a + size if cut <= a else cut + 1  # no whitespace at all: a hard cut
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


# The first figure of a pair whose second names its candidate ("52% to 47% over Hovde", "47% to
# Trump's 43%"), and the second itself ("... to 47% over Hovde")
_RE_PAIR_NAMED_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s*cent|pct)?\s+to\s+(?:\d{1,2}(?:\.\d)?\s*(?:%|percent|per\s*cent|pct)\s+"
    r"(?:for|over)\s+(?:the\s+)?[A-Z]|(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*(?:'s|’s)\s+\d)")
_RE_PAIR_FIRST_BEFORE = re.compile(r"\d\s*(?:%|percent|per\s*cent|pct)\s+to\s+$", re.I)
_RE_NAMED_AFTER = re.compile(r"^\s*(?:%|percent|per\s*cent|pct)?\s*(?:for|over)\s+(?:the\s+)?[A-Z]")


def _respondent_link(s: str, c: Candidate, prev_accepted: bool, cue_here: bool = False) -> str | None:
    """Why the figure is tied to a poll result, or ``None``."""
    q = c.q
    before, after = s[max(0, q.start - 120):q.start], s[q.end:q.end + 120]
    if q.form == "evenly":
        return "evenly divided"
    if C.has_respondent_link(before, after) or re.match(r"^\s*(?:majority)\b", after):
        return "respondents"
    if _RE_POLLS_GAVE.search(before):
        return "poll result"
    if (m := _RE_ISSUE_NAMED.search(before[-60:])) and re.search(r"\bby\b", m.group()):
        # "It was cited by 44 per cent as the issue that matters most", "housing was named by
        # 14%": people naming an issue
        return "respondents"
    if _RE_DEMONYM_AFTER.match(after) and re.match(r"^\s*(?:of\s+(?:all\s+)?)?\w+\s+(?:say|said|believe|think|want|back|support|oppose|approve|disapprove|trust|expect|feel|agree|are|were|would|will)\b", after):
        return "respondents"
    if _RE_FIGURE_IS.search(before) or _RE_IMPORTANT_FOR.search(before) or _RE_PROPORTION_OF_POP.search(s[:q.start]) \
            or _RE_POP_PAREN.search(before) or _RE_COUNTRY_WANTS.match(after):
        return "respondents"
    if c.subject_kind in ("party", "person") and (
            c.subject_source in ("slot", "pronoun") or (c.subject_source == "name" and cue_here)):
        return "party/person"
    if _RE_PAIR_NAMED_AFTER.match(after) or (_RE_PAIR_FIRST_BEFORE.search(before) and _RE_NAMED_AFTER.match(after)):
        # "up 52% to 47% over Hovde", "47% to Trump's 43%": two candidates' shares
        return "party/person"
    start = c.phrase_start if c.phrase_start is not None else q.start
    local = s[max(0, start - 60):q.end + 40]
    if C.has_poll_measure_words(local) or topic_from_slot(s[:start]) is not None:
        return "poll measure"
    if c.subject_source == "inherited":
        return "same clause as a poll figure"
    if c.subject_source == "row" and (prev_accepted or cue_here or _RE_ROW_ONLY_FIGURE.fullmatch(s[q.end:])):
        return "list of poll figures"
    if prev_accepted and q.unit == "percent" and (_RE_COMPARED.search(before[-40:]) or _RE_FOLLOWED_BY.search(before[-80:])):
        return "enumeration"
    return None


#: A forecast's or a betting market's probability ("a 73 percent chance of winning", "the
#: implied probability of a Remain vote ... 75 percent"): never a share of respondents, and
#: too near poll words for the figure model to tell (so :mod:`.attribution` never keeps it).
ODDS = "probability or betting odds"
# (also "a 5 out of 21 (23%) chance", and one person's certainty: "he was 90% sure")
_RE_ODDS_AFTER = re.compile(r"(?i)^\s*(?:%|pct|percent|per\s*cent)?\s*\)?\s*(?:chance|probability|likelihood|sure|certain)\b")
_MARKET_NAMES = r"Polymarket|Kalshi|PredictIt|Betfair"  # betting exchanges and prediction markets
_RE_ODDS_BEFORE = re.compile(
    rf"(?i)\b(?:probability|betting|odds|bookmakers?|{_MARKET_NAMES}|prediction\s+markets?)\b[^.;]{{0,50}}$"
    # a contract's price on a prediction market: "priced at 52 percent", "trades at about 11 percent"
    rf"|\b(?:priced|prices?|trades?|traded|trading)\s+at\s+(?:{HEDGE}\s+)?$")
_RE_MARKETS = re.compile(rf"\b(?:{_MARKET_NAMES}|[Pp]rediction\s+markets?|[Bb]ookmakers?|[Bb]etting\s+odds)\b")
# ... or named after the figure: "52 percent on Polymarket", "54 percent on Kalshi"
_RE_MARKET_AFTER = re.compile(rf"(?i)^\s*(?:%|pct|percent|per\s*cent)?\s*(?:on|at)\s+(?:{_MARKET_NAMES})\b")


_RE_THREE_DECIMALS = re.compile(r"\d[.,]\d{3,}(?!\d)")


_RE_CHANGE_WORD_TO = re.compile(
    rf"\b(?P<dir>{_UP}|{_DOWN})\s+(?P<n>\d{{1,2}}(?:\.\d)?|{NUMBER_WORD})\s+(?:points?\s+|percentage\s+points?\s+)?to\s+$", re.I)
_RE_STANDING = re.compile(
    rf"\b(?:is|was|were|are|stood|stands|sits|sat|remains?|remained|steady|level|tied)\s+(?:on|at)\s+(?:{HEDGE}\s+)?(?:\d|[a-z]+ty\b)"
    r"|\b(?:preferred|better|best)\s+(?:prime\s+minister|premier|chancellor|president|first\s+minister|taoiseach)\b"
    # "Biggs leads with 39%, followed by Robson at 22%", "Biggs' 17-point lead over Robson"
    rf"|\b(?:leads?|led|leading)\s+(?:with|on)\s+(?:{HEDGE}\s+)?\d|{_FOLLOWED_BY}\d"
    r"|\b\d+(?:\.\d+)?-point\s+(?:lead|advantage|edge)\s+(?:over|on)\b"
    r"|\b(?:approval|favou?rability|satisfaction|net)\s+rating\b", re.I)
# A figure's own clause says it is a poll standing, whatever else the sentence reports ("a
# 10-point lead over Labour, which won the July 2024 election with 33.7%"; "In a model that
# assumes high turnout, Murphy leads 52% to 41%"; "now stand at 37 per cent, some way short of
# the 42.7 per cent of first preferences they won")
_RE_POLL_CLAUSE = re.compile(
    r"\b(?:leads?|leading|edge|ahead|behind|trails?|trailing|would|now|"
    r"scenario|generic\s+(?:congressional\s+)?ballot|stands?\s+at|(?:is|are)\s+(?:on|at))\b", re.I)


_RE_CLAUSE_PUNCT = re.compile(r"[,;:()—–]")


# "Her Cabinet's support rate stood at 64.8 percent", "an approval rate of 41 percent" (Japanese
# and Korean polls' wording): a rate of respondents, not an economic rate
_RE_OPINION_RATE = re.compile(r"\b(?:support|approval|disapproval|non-support|favou?rability|"
                              r"satisfaction)\s+rates?\b", re.I)
_RE_FIGURE_END = re.compile(r"\d\s*(?:%|pct\b|per\s*cent\b|percent\b)")


def _clause(s: str, start: int, end: int) -> str:
    """The text around ``s[start:end]`` up to the nearest clause punctuation on either side."""
    a = max((m.end() for m in _RE_CLAUSE_PUNCT.finditer(s, 0, start)), default=0)
    b = _RE_CLAUSE_PUNCT.search(s, end)
    return s[a:b.start() if b else len(s)]


# "the most important issue", "Housing was named by 14%": people naming issues, whose names are
# economic words ("the cost of living", "inflation", "unemployment")
_RE_MOST_IMPORTANT = re.compile(r"\b(?:most\s+important|top|biggest|main|most\s+pressing|most\s+urgent)\s+"
                                r"(?:issues?|concerns?|problems?|priorit(?:y|ies))\b"
                                r"|\b(?:issues?|problems?|concerns?)\s+(?:that\s+)?(?:(?:will|would|does|did|should)\s+)?matter(?:s|ed)?\s+most\b", re.I)
_RE_ISSUE_NAMED = re.compile(
    rf"\b(?:named|cited|mentioned|nominated|selected|chosen|picked|identified)\s+(?:it\s+)?(?:by\s+)?(?:{HEDGE}\s+|only\s+|just\s+)?$", re.I)
_RE_NOT_SAME_LIST = re.compile(r"[;:]|\b(?:while|but|whereas|although|though|compared|now|poll\w*|surveys?|would|is|are)\b", re.I)
_RE_MOVE_BEFORE = re.compile(rf"\b(?:dropp(?:ed|ing)|drops?|f[ae]ll(?:ing|s)?|r[io]s(?:e|es|ing)|gain(?:ed|ing|s)?|lost|losing|"
                             rf"slipp(?:ed|ing)|slips?|climb(?:ed|ing|s)?|jump(?:ed|ing|s)?|surg(?:ed|ing|es)|tumbl(?:ed|ing|es)|"
                             rf"declin(?:ed|ing|es)|sank|sinking|firm(?:ed|ing)|weaken(?:ed|ing))\s+(?:by\s+)?(?:{HEDGE}\s+)?$", re.I)
_RE_MARKET_SUBJECT = re.compile(r"\s*(?:The\s+)?(?:sterling|pound|dollar|euro|yen|yuan|rouble|ruble|rupee|peso|shares|stocks|"
                                r"equities|bonds?|gilts?|treasuries|futures|oil|gold|copper|(?:[A-Z][\w&]*\s+){0,2}index|FTSE|Dow|Nasdaq|"
                                r"S&P|Nikkei|DAX|CAC)\b", re.I)
_RATES = r"tariffs?|levy|levies|duty|duties|(?:policy|interest|base|bank|tax|cash)\s+rates?|yields?|VAT|sales\s+tax"
# Reasons no model overrides: what they name is never a share of people
RESPONSE_RATE = "response rate (the poll's method)"
RATE = "a rate (tariff, tax, interest)"
SHARE_OF_ECONOMY = "share of GDP, a budget or trade"
ELECTION_MARGIN = "an election's margin (won or lost by)"
_RE_OF_ECONOMY = re.compile(r"\s*(?:%|pct|percent|per\s*cent)?\s+of\s+(?:the\s+|its\s+|their\s+|annual\s+)*(?:[A-Z][\w.'’]*\s+)?"
                            r"(?:gdp|gnp|gross\s+domestic\s+product|national\s+income|(?:the\s+)?(?:federal\s+|state\s+)?budget|"
                            r"exports|imports|output|economic\s+output)\b", re.I)
_RE_RATE_BEFORE = re.compile(rf"\b(?:{_RATES})\s+(?:of|at|to)\s+(?:{HEDGE}\s+|a\s+|an\s+)?$", re.I)
# "of whom 1,196, or 56 percent, gave valid responses", "a response rate of 9 percent": the method
_RE_RESPONSE_AFTER = re.compile(r"\s*(?:%|pct|percent|per\s*cent)?\s*,?\s*(?:gave\s+(?:valid\s+|usable\s+)?"
                                r"(?:responses|answers|replies)|responded\b|completed\s+the\s+survey"
                                # "with 30% of interviews on landlines and 70% on cellphones"
                                r"|of\s+(?:the\s+)?(?:interviews|calls|responses|the\s+sample)\s+(?:were\s+)?"
                                r"(?:on|by|via|online|conducted|completed|from)\b)", re.I)
_RE_RESPONSE_BEFORE = re.compile(rf"\bresponse\s+rate\s+(?:of|was|is|at|stood\s+at)\s+(?:{HEDGE}\s+)?$", re.I)
_RE_WON_BY_BEFORE = re.compile(rf"\b(?:beat|defeated|lost|won|carried|unseated|ousted)\b[^.;%]{{0,60}}?\bby\s+"
                               rf"(?:(?:{HEDGE}|just|only)\s+)?$", re.I)
_RE_POLL_NEAR = re.compile(r"(?i)\b(?:polls?|polling|survey)\b")
_RE_PAST_RACE = re.compile(r"\b(?:(?:19|20)\d\d|race|seat|contest|election|primary|runoff|run-off)\b", re.I)
# What a rule requires: "single parties need 5% of the vote to enter the Chamber", "a measure
# needs the support of two-thirds of those voting", "reach at least 25 percent of eligible voters"
_RE_REQUIRED_BEFORE = re.compile(
    r"\b(?:needs?|needed|requires?|required|must\s+(?:win|get|reach|clear|secure))\s+(?:(?:at\s+least|more\s+than|"
    r"the\s+support\s+of|the\s+backing\s+of|a\s+minimum\s+of|only|just)\s+)*$"
    r"|\breach\s+(?:at\s+least|a\s+minimum\s+of)\s+$", re.I)
_RE_RATE_AFTER = re.compile(rf"^\s*(?:%|pct|percent|per\s*cent)?\s*(?:{_RATES})\b", re.I)


# A table under a poll question: the header line ends with a colon and says what was asked
# ("Here's how Americans rate Trump on the issues (approve / disapprove):"), each row is a
# label, a colon and figures ("The economy: 36% / 64%", "- Housing costs: 27 percent")
_RE_POLL_HEADER = re.compile(
    r"\b(?:approve|disapprove|approval|rate|rated|ratings?|favou?rable|unfavou?rable|support|oppose|"
    r"say|said|think|agree|disagree|trust|prefer|polls?|polled|survey|surveyed|asked|respondents|"
    r"voters|priorit\w+|issues?|concerns?|worr\w+)\b", re.I)
_RE_TABLE_ROW = re.compile(r"\s*(?:[-•*–—]\s*)?[A-Z][^:;.%\d()]{0,60}?\s*(?:\([^)]{1,30}\))?\s*:\s*\d")


MARGIN_OF_ERROR = "margin of error"
NEGATIVE = "negative number (a net score, not a share)"
# a minus sign or "minus" right before the number (not the dash of a range "40-45" or a pair)
# (attached to it: "Harris – 48%", "Labour - 38%" separate a name from its figure)
_RE_NET_BALANCE = re.compile(r"(?i)\bnet\s+balances?\s+(?:of\s+)?(?:(?:about|around|just|some|a)\s+)?[+−-]?$")
_RE_NEGATIVE_BEFORE = re.compile(r"(?:^|[\s(:=])[-−]$|\bminus\s+$", re.I)


def _exclusion(s: str, c: Candidate, cues: list[str], block: _Block, table_row: bool = False) -> str | None:
    """Why the figure is NOT a poll result, or ``None``. ``table_row``: the sentence is a row
    of a table under a poll question (its label names an issue, not an economic measurement)."""
    q = c.q
    after = s[q.end:q.end + 100]
    before = s[max(0, q.start - 70):q.start]
    # first: a margin of error is one whatever else the sentence mentions ("points", "survey")
    if re.search(r"(?i)\bmargin\s+of\s+(?:sampling\s+)?error\b[^.;]{0,40}$|\bplus\s+or\s+minus\s+$|±\s*$", before) \
            or re.match(r"(?i)\s*(?:%|pct|per\s*cent|percent)?\s*(?:confidence|credibility)\s+(?:level|interval)", after):
        # (and "at the 95 percent confidence level": the method, not a result)
        return MARGIN_OF_ERROR
    if _RE_NET_BALANCE.search(before):
        # "a net balance of +12 per cent of respondents reported rising prices": the balance of
        # a business survey (surveyors, firms: the RICS, CBI and PMI style), up minus down, not
        # a share of anyone
        return "net balance of a business survey"
    if _RE_NEGATIVE_BEFORE.search(before) and q.form in ("unit", "bare"):
        # "a net approval rating of -12%", "net favourability at minus 30 per cent": a net
        # score (approve minus disapprove), not a share of anyone; read as a share it would
        # flip its sign
        return NEGATIVE
    if _RE_ODDS_AFTER.match(after) or _RE_ODDS_BEFORE.search(before) or _RE_MARKET_AFTER.match(after):
        return ODDS
    if _RE_THREE_DECIMALS.search(s, q.start, q.end):
        # polls report whole numbers or one decimal; "3.876 percent" is a tax or interest rate
        return "a rate or statistic (three decimals)"
    fig_pop = C.figure_population(after)
    if fig_pop == "expert":
        return "survey of economists/companies"
    clause = _clause(s, q.start, q.end)  # (see _RE_POLL_CLAUSE)
    if ((not cues and C.is_election_result(s) and not _RE_POLL_CLAUSE.search(clause)) or C.is_vote_count(s)) \
            and not ((say := _RE_PEOPLE_SAY.search(s, q.start, q.start + 140)) and say.start() < q.end):
        # (not "61 per cent of voters said they expected her to be a good president" beside "who
        # won the presidency with 63.4 per cent": people answering, in the figure's own words)
        return "election result"
    if C.is_turnout(clause) or (C.is_turnout(before + after[:40]) and not _RE_POLL_CLAUSE.search(clause)):
        # ("In a model that assumes high turnout, Murphy leads 52% to 41%" is a poll's standing)
        return "turnout"
    if re.search(r"(?i)\bswing\s+(?:of\s+)?(?:(?:about|around|just|nearly|more\s+than|less\s+than|at\s+least)\s+)?$"
                 r"|\bswing\s+from\s+[^.;%\d]{1,40}\s+(?:was|is|of)\s+(?:about\s+|around\s+|nearly\s+)?$",
                 before[-70:]) or re.match(r"(?i)\s*(?:%|pct|per\s*cent|percent)?\s*swing\b", after):
        # "needs a swing of about 6 per cent", "a 4 per cent swing": an electoral swing
        return "electoral swing"
    if block.population == "expert" and (fig_pop != "people" or _RE_RESPONDENTS_AFTER.match(after)):
        # ("27% of respondents" in a survey of companies: the respondents are companies)
        return "survey of economists/companies"
    if not cues and C.is_official_statistic(s):
        return "official statistic or estimate"
    if not cues and C.is_clinical(s):
        return "clinical study"
    if _RE_RESPONSE_AFTER.match(after) or _RE_RESPONSE_BEFORE.search(before[-40:]):
        return RESPONSE_RATE
    if _RE_RATE_BEFORE.search(before[-40:]) or _RE_RATE_AFTER.match(after):
        # "a baseline 10% tariff", "tariffs of 50 percent", "held its policy rate at 2.75 per
        # cent": a rate set by someone, whoever the sentence names
        return RATE
    if _RE_OF_ECONOMY.match(after):
        return SHARE_OF_ECONOMY
    if _RE_MOVE_BEFORE.search(before[-40:]) and _RE_MARKET_SUBJECT.match(s):
        # "Sterling was on the defensive, ... after dropping more than one percent on Tuesday
        # after polls showed ...": a market's move, whatever poll moved it
        return "economic statistic"
    if C.is_share_of_non_people(after):
        return "share of things, not people"
    if q.form == "fraction" and not cues and C.is_fraction_of_a_count(after):
        return "fraction of a count"
    if re.match(r"^\s*(?:seats?|MPs|of\s+(?:the\s+|its\s+)?(?:seats|chamber|parliament|legislature|assembly|Bundestag|Sejm|Knesset)\b|(?:super)?majority\s+(?:of|in)\s+(?:the\s+)?"
                r"(?:seats|parliament|congress|house|senate|assembly|chamber|legislature))\b"
                # "decisions that require a two-thirds majority": a voting rule, not people
                r"|^\s*(?:super)?majority\b(?!\s+(?:of|among|in\s+favou?r|backs?|supports?|said|say|want|oppose)\b)",
                after, re.I):
        # "won a two-thirds majority of seats": a share of seats, not of people
        return "seats"
    local_before = before[-50:]
    # only the figure's own slot of a list: "the cost of living at 24 per cent and immigration at
    # 13 per cent" does not make 13 per cent about the cost of living
    ends = [m.end() for m in _RE_FIGURE_END.finditer(local_before)]
    if ends:
        local_before = local_before[ends[-1]:]
    local_after = re.split(r"[;]|\s--\s|,\s+(?:while|but|and|although|though|whereas|as|a)\b", after, maxsplit=1)[0][:60]
    # (with the figure itself: "a 16-point margin" is a poll's, "margin" alone a company's)
    if not table_row and C.has_economic_words(local_before + s[q.start:q.end] + local_after) \
            and not _RE_OPINION_RATE.search(local_before) \
            and not C.has_respondent_link(before, after) \
            and not _RE_ISSUE_NAMED.search(before[-60:]) and not _RE_MOST_IMPORTANT.search(s) \
            and not (c.subject_kind in ("party", "person") and c.subject_source in ("slot", "pronoun")):
        return "economic statistic"
    if C.is_target(before[-60:]):
        return "target or goal"
    if re.match(r"(?i)\s*(?:%|pct|per\s*cent|percent)?\s*(?:electoral\s+|parliamentary\s+|legal\s+|minimum\s+)?threshold\b", after) \
            or re.search(r"(?i)\bthreshold\s+(?:of|at)\s+(?:more\s+than\s+|over\s+|at\s+least\s+)?$", before[-40:]) \
            or _RE_REQUIRED_BEFORE.search(before[-50:]):
        # "failed to cross the 3.25% electoral threshold", "the threshold of more than 50 per
        # cent needed to avoid a run-off": a rule of the count, not a share of anyone
        return "threshold"
    if q.form == "evenly" and re.match(r"^\s*between\s+[^.;]*,[^.;]*\band\b", after):
        return "split more than two ways"
    if q.form == "evenly" and len(re.findall(r"\d\s*(?:%|pct|per\s*cent|percent)", s[q.end:])) >= 2:
        return "restated by the exact shares that follow"
    if c.kind == "lead" and _RE_WON_BY_BEFORE.search(before) and _RE_PAST_RACE.search(s) \
            and not _RE_POLL_NEAR.search(re.split(r"[,;]", after, maxsplit=1)[0][:50]):
        # "she beat Sara Gideon by 8.6 points", "who lost the 2022 Senate race to Ron Johnson
        # by 1 point": an election's margin, beside the poll the sentence may also cite
        return ELECTION_MARGIN
    if C.is_won_vote_share(before, after) or (not cues and C.is_won_figure(before)
                                               and not re.match(r"(?i)\s*(?:of\s+)?(?:the\s+)?(?:support|backing)\b", after)):
        return "election result"
    return None


# "gave Bush 48 percent and Kerry 46 percent": a capitalised name right before a figure.
_RE_NAME_BEFORE = re.compile(r"(?<![.!?]\s)\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:(?:with|on|at|had|has|got|gets|getting)\s+)?(?:" + HEDGE + r"\s+)?$")
_RE_NOT_A_SUBJECT = re.compile(
    r"^(?:The|A|An|In|On|At|Of|For|By|With|From|But|And|While|Only|Some|About|Almost|Nearly|Just|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Poll|Survey|Research|Reuters|"
    r"MORI|Mori|Gallup|Harris|Marplan|ICM|NOP|YouGov|Populus|Ipsos|Pew|Times|Post|News|Today|"
    r"Britain|America|Japan|Europe|Germany|France|London|Washington|Tokyo|Paris|Berlin|UK|US)(?:\s|$)")
_RE_CONTRAST = re.compile(r"\b(?:compared\s+(?:with|to)|while|whereas|but|than|follows|following|after|against)\b", re.I)
_RE_HER_PARTY = re.compile(r"\b(?:her|his)\s+(?:own\s+)?(?:party|team)\b[^.;]{0,40}$", re.I)
_STANCE_WORDS = {"against", "for", "opposed", "in favour", "favour", "undecided", "nor", "neither", "support",
                 "oppose", "don't know", "unsure", "either"}
_RE_PRONOUN_CLAUSE_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+|those\s+)?[\w\s'-]{0,30}?)?(?:said|thought|think|believed?|felt|feel|say|agreed?)\s+(?:that\s+)?(?:he|she|him|her)\b",
    re.I)


_RE_MID_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")


# A list item or a table row: a short label, optional bracket ("(D)", "(Reform UK)"), optional
# colon, then the figure ("- Olivia Chow: 38 per cent", "Hollis (Reform UK) 31% (+4)")
_RE_ROW_ONLY_FIGURE = re.compile(r"\s*(?:\([^)]{0,30}\))?\s*[.;,]?\s*")
_RE_LIST_ROW = re.compile(
    r"\s*(?P<bullet>[-•*–—]\s*)?(?P<label>[A-Z][^:;,.%\d()]{1,60}?)\s*(?P<bracket>\([^)]{1,30}\))?\s*"
    r"(?P<colon>:|(?<=\s)[—–-])?\s*$")
_RE_ROW_DESCRIPTOR = re.compile(r"^(?:(?:[Ff]ormer|[Dd]eputy|[Ee]ntrepreneur|[Bb]usinessman|[Bb]usinesswoman|[Cc]ouncill?or|"
                                r"[Ss]tate|[Ss]enator|[Mm]ayor|[Ii]ncumbent|[Cc]hallenger|[Aa]ctivist|[Ll]awyer|[Dd]r\.?|"
                                r"[Mm]r\.?|[Mm]s\.?|[Mm]rs\.?|[a-z]+)\s+)+(?=[A-Z])")


def _subjects(sent: str, cands: list[Candidate], ents: list[Entity], context_ent: Entity | None,
              party_of: dict[str, str] | None = None, names: set[str] | frozenset[str] = frozenset()) -> None:
    """Assign subject (and ``other`` for leads) to each candidate of one sentence.

    ``subject_source`` records how: ``slot`` (the figure's own enumeration slot), ``pronoun``
    (his/their/"thought he ..." resolved to the previous sentences' entity), ``fallback``
    (another entity of the sentence) or ``topic`` (a noun phrase, no named entity).
    """
    consumed: set[int] = set()
    party_of = party_of or {}

    def put(c: Candidate, e: Entity | None, source: str) -> None:
        if e is not None:
            if source == "slot" and e.end <= c.q.start and c.q.start - e.end > 45:
                source = "fallback"  # far to the left: the figure's clause is probably about something else
            c.subject, c.subject_kind, c.subject_source = e.name, e.kind, source

    row = _RE_LIST_ROW.match(sent, 0, cands[0].q.start) if cands else None
    if row is not None and not (row.group("bullet") or row.group("colon") or (
            (row.group("bracket") or (len(cands) == 1 and len(row.group("label").split()) <= 4
                                      and not _RE_CLAUSE_END.search(row.group("label"))))
            and _RE_ROW_ONLY_FIGURE.fullmatch(sent, cands[0].q.end))):
        # a list needs its marks: a bullet, a colon or a dash ("Gavin Newsom — 25%"), or a
        # short label and one figure alone on its line ("Hollis (Reform UK) 31%", "Undecided 10%")
        row = None
    if row is not None and cands[0].q.form != "evenly":
        # a list item or table row ("- Former deputy mayor Jennifer Lasko: 31 per cent", "Hollis
        # (Reform UK) 31% (+4)", "- Housing costs: 27 percent"): its label is its subject
        a, b = row.span("label")
        named = [e for e in ents if a <= e.start and e.end <= b and e.kind in ("party", "person")]
        label = _RE_ROW_DESCRIPTOR.sub("", row.group("label")).strip()
        if named:
            put(cands[0], named[0], "row")
        elif re.fullmatch(r"(?:[A-Z][\w'’-]+\s+){1,2}[A-Z][\w'’-]+", label) and not _RE_NOT_A_SUBJECT.match(label):
            put(cands[0], Entity(a, b, label.split()[-1], "person"), "row")
        elif label:
            cands[0].subject, cands[0].subject_kind, cands[0].subject_source = (
                "undecided" if re.fullmatch(r"(?i)undecided|don'?t\s+know|unsure|not\s+sure", label) else label), "topic", "row"
    for k, c in enumerate(cands):
        q = c.q
        prev_end = cands[k - 1].q.end if k else 0
        next_start = cands[k + 1].q.start if k + 1 < len(cands) else len(sent)
        before_ents = [e for e in ents if prev_end <= e.start and e.end <= q.start and e.start not in consumed]
        after_ents = [e for e in ents if e.start >= q.end and e.end <= next_start + 40]
        if q.form == "evenly":
            m = _RE_FOR_AGAINST.match(sent[q.end:])
            if m:
                c.subject, c.subject_kind, c.subject_source = m.group("topic"), "topic", "slot"
            continue
        if c.kind == "lead":
            lv = None
            for mv in _RE_LEAD_VERB.finditer(sent, prev_end, q.start):
                lv = mv
            if lv is not None:
                subj = [e for e in ents if e.end <= lv.start() and e.start not in consumed]
                oth = [e for e in ents if lv.end() <= e.start < q.start]
                if subj:
                    put(c, subj[-1], "slot")
                if oth:
                    c.other = oth[0].name
                    consumed.add(oth[0].start)
            if c.subject is None:
                cand = [e for e in ents if e.end <= q.start and e.start not in consumed]
                if cand:
                    put(c, cand[-1], "slot")
            if c.other is None:
                for e in ents:
                    if e.start >= q.end and _RE_OTHER_AFTER.match(sent[q.end:e.start]):
                        c.other = e.name
                        consumed.add(e.start)
                        break
                else:
                    if re.match(r"^\s*(?:lead\s+)?over\s+the\s+(?:main\s+)?opposition\b", sent[q.end:]):
                        c.other = "opposition"
            if c.subject is None and context_ent is not None:
                put(c, context_ent, "fallback")
            continue
        # "Labour lead the Conservatives by 39% to 34%": the two entities, in order.
        if k + 1 < len(cands) and re.search(r"\bby\s+$", sent[prev_end:q.start]) and re.match(
                r"^\s*to\s+$", sent[q.end:cands[k + 1].q.start]):
            two = [e for e in ents if e.end <= q.start and e.start >= prev_end]
            if len(two) >= 2:
                put(c, two[-2], "slot")
                put(cands[k + 1], two[-1], "slot")
                consumed.update({two[-1].start, two[-2].start})
                continue
        if c.subject is not None:
            continue
        if not before_ents:
            mname = _RE_NAME_BEFORE.search(sent, prev_end, q.start)
            if mname and (mname.start("name") > 0 or mname.group("name").split()[-1] in names) \
                    and not _RE_NOT_A_SUBJECT.match(mname.group("name")):
                before_ents = [Entity(mname.start("name"), mname.end("name"), mname.group("name").split()[-1], "person")]
                put(c, before_ents[0], "name")  # weak: a subject, but no evidence of a poll by itself
                continue
        ent = entity_for_slot(sent[prev_end:q.start], sent[q.end:next_start + 40], before_ents, after_ents, q.end)
        if ent is not None:
            if ent in after_ents:
                consumed.add(ent.start)
            if _RE_EACH_AFTER.match(sent[q.end:]) and len(before_ents) >= 2:
                c.extra_subjects = before_ents[:-1]
            put(c, ent, "slot")
            continue
        mparty = _RE_HER_PARTY.search(sent, prev_end, q.start)
        if mparty and context_ent is not None and context_ent.kind == "person" and party_of.get(context_ent.name):
            put(c, Entity(mparty.start(), mparty.end(), party_of[context_ent.name], "party"), "pronoun")
            continue
        if context_ent is not None:
            rx = _RE_PRONOUN_PERSON if context_ent.kind == "person" else _RE_PRONOUN_PARTY
            if rx.search(sent[prev_end:q.start]) or (context_ent.kind == "person" and (
                    _RE_PRONOUN_CLAUSE_AFTER.match(sent[q.end:])
                    or re.search(r"\b(?:he|she|him|her)\b", sent[q.end:min(next_start, q.end + 70)], re.I))):
                put(c, context_ent, "pronoun")
                continue
        # Fall back to another party of the sentence; people named elsewhere in the sentence are
        # usually speakers ("said Dr Michael Bjorn"), not what the figure is about.
        left = [e for e in ents if e.end <= q.start and e.start not in consumed and e.kind == "party"]
        right = [e for e in ents if e.start >= q.end and e.start not in consumed and e.kind == "party"]
        if left or right:
            put(c, left[-1] if left else right[0], "fallback")
            continue
        topic = topic_from_slot(sent[prev_end:q.start]) or topic_from_words(sent[q.end:next_start])
        if k and cands[k - 1].subject and (topic is None or topic.lower() in _STANCE_WORDS or (
                c.kind == "change" and re.match(r"^\s*(?:since|from|over|in|on|this|last|again)\b", sent[q.end:]))):
            # "63% supported a ban, compared with 24% against", "fell 1 point to 25 pct ... and has
            # fallen 20 points since July": the same clause, the same subject
            prev = cands[k - 1]
            c.subject, c.subject_kind, c.subject_source = prev.subject, prev.subject_kind, "inherited"
            continue
        if topic is not None and (at := sent.find(topic, q.end, next_start + len(topic))) >= 0:
            # a "topic" cut out of a name ("over Opposition Leader Brad Battin"): the person
            named = [e for e in ents if e.kind in ("person", "party") and e.start < at + len(topic) and at < e.end]
            if named:
                put(c, named[0], "fallback")
                continue
        c.subject, c.subject_kind, c.subject_source = topic, "topic", "topic"


_RE_RESPONDENTS_AFTER = re.compile(
    r"\s*(?:%|pct|percent|per\s*cent)?\s*of\s+(?:the\s+)?(?:[\d,]+\s+)?(?:respondents|participants|"
    # (a federation of small firms' "owners" and "members" are the firms)
    r"owners|members|"
    r"those\s+(?:surveyed|polled|questioned|asked|responding|who\s+responded))\b", re.I)


def _measure(sent: str, c: Candidate, k: int, cands: list[Candidate]) -> str | None:
    prev_end = cands[k - 1].q.end if k else 0
    next_start = cands[k + 1].q.start if k + 1 < len(cands) else len(sent)
    if c.q.form == "evenly":
        return "support"
    start = c.phrase_start if c.phrase_start is not None else c.q.start
    before = sent[max(prev_end, start - 120):start]
    after = sent[c.q.end:min(next_start, c.q.end + 90)]
    return measure_from_words(after, before=before, subject_kind=c.subject_kind, kind=c.kind)  # type: ignore[arg-type]


_RE_OPPOSITION = re.compile(r"\bthe\s+(?:main\s+|centrist\s+|left-wing\s+)?opposition\b(?!\s+(?:[\w-]+\s+){0,2}?(?:[Pp]arty|parties|leader))")


def _resolve_opposition(s: str, ents: list[Entity], known: Entity | None) -> tuple[list[Entity], Entity | None]:
    """Remember which party the article calls "the opposition", and resolve later mentions."""
    for e in ents:
        if (e.kind == "party" and re.search(r"\bopposition\s+(?:[\w-]+\s+){0,2}$", s[max(0, e.start - 40):e.start])) or (
                e.kind == "party" and re.match(r"^\s+opposition\b", s[e.end:e.end + 15])):
            known = e
    if known is None:
        return ents, known
    extra = [Entity(m.start(), m.end(), known.name, "party") for m in _RE_OPPOSITION.finditer(s)
             if not any(e.start < m.end() + 25 and e.end > m.start() for e in ents)]
    return sorted(ents + extra, key=lambda e: e.start), known


_RE_GOVERNING = re.compile(r"\b(?:governing|ruling|incumbent)\s+(?:[\w-]+\s+)?$", re.I)


# a short sentence, not a list's label: "Inflation rose to 3.1 per cent.", "Support stood at 44%."
_RE_CLAUSE_END = re.compile(r"(?i)\b(?:to|at|by|of|on|from|is|was|were|are|has|had|have|rose|fell|stood|stands|"
                            r"reached|hit|climbed|dropped|jumped|slipped|remains?|remained)\s*$")


def _remember(recent: list[Entity], ents: list[Entity], keep: int = 8) -> list[Entity]:
    """The latest mention of each name, most recent last (a short memory for pronouns)."""
    names = {e.name for e in ents}
    return ([e for e in recent if e.name not in names] + [e for e in ents if e.kind in ("party", "person")])[-keep:]


# A party named in full with its acronym in brackets: "The Polish People's Party (PSL)",
# "Civic Coalition (KO)", "The Social Democrats (SPD)"
_RE_DEFINED_ACRONYM = re.compile(
    r"(?P<full>(?:[A-Z][\w'’.-]*\s+)(?:(?:of|and|for|the|de|del|di|du|la|le)\s+|[A-Z][\w'’.-]*\s+){0,5}?"
    r"(?:[A-Z][\w'’.-]*))\s+\((?P<acr>[A-Z][A-Za-z0-9&/-]{1,7})\)")
_PARTY_HEADS = re.compile(r"(?:Party|League|Union|Alliance|Democrats|Front|Movement|Congress|Coalition|Bloc|"
                          r"Federation|Rally|Forum|Socialists|Liberals|Conservatives|Greens|Republicans|Left)$")


def _defined_party_acronyms(text: str, table: Sequence[tuple[re.Pattern[str], str]]) -> dict[str, str]:
    """Aliases an article defines for itself: "Civic Coalition (KO)" makes "KO" that party
    everywhere in the article, and "The Social Democrats (SPD)" are the SPD (not the Social
    Democrats of another country). An acronym the alias table knows keeps its canonical name.

    >>> t = "The Polish People's Party (PSL) was on 3.4%. The PSL fell."
    >>> sorted(_defined_party_acronyms(t, compile_parties()).values())
    ['PSL', 'PSL']
    """
    out: dict[str, str] = {}
    for m in _RE_DEFINED_ACRONYM.finditer(text):
        acr = m.group("acr")
        if sum(ch.isupper() for ch in acr) < 2:
            continue  # "Confederation (Konfederacja)": a translation, not an acronym
        full = re.sub(r"^(?:The|A|An)\s+|^(?:[A-Z][\w.-]*(?:'s|’s)\s+)", "", m.group("full"))
        canon_acr = next((c for rx, c in table if rx.fullmatch(acr)), None)
        canon_full = next((c for rx, c in table if rx.fullmatch(full)), None)
        if canon_acr is not None:
            if canon_full is not None and canon_full != canon_acr:
                out[re.escape(full)] = canon_acr
        elif canon_full is not None:
            out[re.escape(acr) + r"\b"] = canon_full
        elif _PARTY_HEADS.search(full):
            out[re.escape(full)] = out[re.escape(acr) + r"\b"] = acr
    return out


_RE_LINE_ITEM_GAP = re.compile(r"[ \t]*\n[ \t]*")
_RE_ENDS_PCT = re.compile(r"\d(?:%| ?percent| ?per cent| ?pct)$")


def analyse(text: str, *, published: Any = None, pollsters: tuple[str, ...] | None = None,
            parties: dict[str, str] | None = None) -> tuple[list[Candidate], list[_Block], list[tuple[int, int]]]:
    """Run the pipeline on one text; returns all candidates (accepted or not), blocks, sentences."""
    if not text or not isinstance(text, str):
        return [], [], []
    pollster_re = C.pollster_names(tuple(C.KNOWN_POLLSTERS) + tuple(pollsters or ()))
    if not C.has_cue_words(text.lower()) and not pollster_re.search(text):
        return [], [], []
    pub = _to_date(published)
    party_table = compile_parties(parties)
    defined = _defined_party_acronyms(text, party_table)
    if defined:
        party_table = compile_parties({**(parties or {}), **defined})
    spans = _cut_overlong(text, sentence_spans(text))
    sents = [text[a:b] for a, b in spans]
    cues = [C.survey_cues(s, pollster_re=pollster_re) for s in sents]
    # The windows count a list of results one per line ("Nigeria 68%\nKenya 65%\n...") as one
    # sentence, as it was before its lines became sentences of their own: a long list must not
    # run out of its cue's window halfway.
    step = [0] + [0 if _RE_LINE_ITEM_GAP.fullmatch(text, spans[k - 1][1], spans[k][0])
                  and _RE_ENDS_PCT.search(sents[k - 1]) and _RE_ENDS_PCT.search(sents[k]) else 1
                  for k in range(1, len(sents))]
    at = list(itertools.accumulate(step))  # each sentence's place for the windows
    cue_at: dict[int, bool] = {}
    for k, x in enumerate(cues):
        cue_at[at[k]] = cue_at.get(at[k], False) or bool(x)
    has_cue = [cue_at[at[k]] for k in range(len(sents))]

    def cue_near(i: int, back: int, forward: int) -> bool:
        return any(cue_at.get(j, False) for j in range(at[i] - back, at[i] + forward + 1))
    # Blocks: where each poll starts (sentence index, offset in sentence).
    blocks: list[_Block] = []
    starts: list[tuple[int, int]] = []
    owner: list[int] = []  # the block each start opens or returns to
    news: list[int] = []  # blocks the article introduced as its new poll
    cur = 0
    side_at: int | None = None  # the sentence that cited another poll in passing
    for i, s in enumerate(sents):
        if not cue_near(i, BACK_WINDOW, FORWARD_WINDOW):
            continue
        mentions = poll_mentions(s, published=pub, pollster_re=pollster_re)
        if side_at == i - 1 and not mentions and news and cur != news[-1] and not _RE_IT_FOUND.match(s):
            # "That's in line with other polls. A Reuters/Ipsos survey completed last week put
            # his approval at 40%." and then "Forty-six percent approve of his handling of
            # immigration": back to the poll the article is about
            cur = news[-1]
            starts.append((i, 0))
            owner.append(cur)
        side_at = None
        back = _RE_THE_NEW_POLL.search(s)
        if back and news and news[-1] != cur and not any(m.pollster or m.sponsor for m in mentions):
            # "Clinton maintains a massive lead ... in the new poll" after "A Wall Street
            # Journal/NBC poll this week found ...": back to the poll the article is about
            cur = news[-1]
            starts.append((i, back.start()))
            owner.append(cur)
        for m in mentions:
            back_to = next((b.index for b in blocks if b.index != cur and _names_block(b, m)), None) \
                if blocks and not m.switch and not _names_block(blocks[cur], m) else None
            if back_to is not None:
                # "The CNN poll was conducted online ..." after a Reuters/Ipsos survey cited for
                # comparison: back to the poll that name already opened
                cur = back_to
                starts.append((i, 0))
                owner.append(cur)
            if not blocks or (blocks[cur].conflicts(m) and (starts[-1][0] != i)):
                blocks.append(_Block(index=len(blocks)))
                cur = len(blocks) - 1
                # A sentence naming a new poll is about that poll from its start ("Labour had
                # 35 pct, a Marplan poll showed"), unless a contrast comes first ("..., compared
                # with a Gallup poll last week").
                contrast = None
                for mc in _RE_CONTRAST.finditer(s, 0, m.pos):
                    contrast = mc
                starts.append((i, contrast.start() if (contrast and blocks[:-1]) else 0))
                owner.append(cur)
            blocks[cur].merge(m)
            # the article's first poll is the one it is about, unless a later one is "a new poll"
            if (cur == 0 or _RE_A_NEW_POLL.search(s)) and (not news or news[-1] != cur):
                news.append(cur)
            elif news and cur != news[-1] and _RE_SIDE_POLL.search(s):
                side_at = i
    if not blocks:
        blocks, starts, owner = [_Block(index=0)], [(0, 0)], [0]
    for b in blocks:
        if b.pollster is None and b.sponsor and _owns_poll(text, b.sponsor):
            # "a new CNN poll", "the Fox News survey" with no other organisation running it: the
            # outlet is pollster and sponsor, as a newspaper that conducted its own poll is
            # (tests/data/README.md)
            b.pollster = b.sponsor

    def block_of(i: int, pos: int) -> int:
        # starts are in text order: the block of the last start at or before (sentence, offset)
        return owner[max(0, bisect.bisect_right(starts, (i, pos)) - 1)]

    firm_words = {n for b in blocks for w in (b.pollster, b.sponsor) if w
                  for n in re.findall(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+", w)}
    people_poll = any(b.population == "people" for b in blocks) or any(
        "poll" in c or "opinion poll" in c or "those surveyed" in c for c in cues)
    # An article with no poll cue at all whose figures come from a census or a statistics
    # office ("according to the 2021 Census released by the Australian Bureau of Statistics"):
    # "38.9 per cent of people" and "Australians say" there are counts, not a poll's answers
    official_article = not any(has_cue) and any(C.is_official_statistic(s) for s in sents)
    # an article about prediction markets or bookmakers: a standing far from a poll cue is a
    # contract's price ("followed by Pete Buttigieg at 9 percent"), not a poll's
    market_article = len(_RE_MARKETS.findall(text)) >= 2
    known_people: set[str] = set()
    # words the article capitalises inside a sentence: names, so a sentence may start with one
    # ("Clinton had 44 percent and Trump 44 percent")
    mid_names = set(_RE_MID_NAME.findall(text))
    offices: dict[str, str] = {}
    out: list[Candidate] = []
    context_ent: Entity | None = None
    prev_sentence_accepted = False
    last_accepted = -10**9
    prev_official = False
    opposition: Entity | None = None
    party_of: dict[str, str] = {}  # person -> party, from "Varga's Civic Union", "Ilse Varga (Civic Union)"
    disc = Discourse(party_of=party_of, offices=offices)
    recent: list[Entity] = []  # the latest mention of each name in earlier sentences
    near_cue = [cue_near(i, BACK_WINDOW, FORWARD_WINDOW + 1) for i in range(len(sents))]
    header: int | None = None  # the poll table header the following rows belong to
    table_row = False
    for i, s in enumerate(sents):
        known_people |= people_in(s)
        # "Kamala Harris" named in full makes a later bare "Harris" the person, though Harris
        # is also a pollster's name ("views of Harris ... a favorable impression of her")
        known_people |= {n.split()[-1] for n in full_names_in(s) if n.split()[-1] in _SURNAME_TOO}
        offices.update(offices_in(s))
        # Entities only where they can matter (near a cue or a recent figure): saves most of
        # the work on long economic stories.
        standing = people_poll and not market_article and bool(_RE_STANDING.search(s))
        if near_cue[i] or at[i] - last_accepted <= BACK_WINDOW + 1 or standing:
            ents = find_entities(s, known_people=known_people, parties=party_table, offices=offices)
            # a party-like phrase inside a poll's organisation ("a July poll from the National
            # Alliance on Mental Illness") is the pollster, not a party
            ents = [e for e in ents if not (e.kind == "party" and e.name in firm_words)]
            ents, opposition = _resolve_opposition(s, ents, opposition)
            for a, b in itertools.pairwise(ents):
                if a.kind == "person" and b.kind == "party" and re.fullmatch(r"(?:'s|’s)?\s*(?:\(\s*)?(?:own\s+)?(?:the\s+)?", s[a.end:b.start]):
                    party_of[a.name] = b.name
            for e in ents:
                if e.kind == "party" and _RE_GOVERNING.search(s, max(0, e.start - 30), e.start):
                    disc.governing = e.name
            if opposition is not None:
                disc.opposition = opposition.name
        else:
            ents = []
        # A cue nearby, or poll figures accepted in the last few sentences, keep the context.
        in_context = not official_article and (
                      cue_near(i, BACK_WINDOW, FORWARD_WINDOW) or at[i] - last_accepted <= BACK_WINDOW
                      # far from the cue, but "N% said ..." in an article about a poll of people
                      or (people_poll and bool(_RE_SAID_SHARE.search(s)))
                      # "55% of patients and their caregivers say", "37% of Americans say they do
                      # not have the cash": people answering, whatever the article calls the
                      # survey ("a special report", "a recent global study")
                      or (("%" in s or "per" in s) and bool(_RE_PEOPLE_SAY.search(s)))
                      # "Green co-leader Chloe Swarbrick was on 7 percent", "preferred prime
                      # minister": a poll's standings, however far the article has gone from it
                      or standing)
        # rows of a table under a poll question (the header ends with a colon)
        if _RE_TABLE_ROW.match(s):
            table_row = header is not None
        else:
            table_row = False
            header = i if s.rstrip().endswith(":") and (cues[i] or _RE_POLL_HEADER.search(s)) else None
        official_attr = C.is_official_statistic(s)
        official_here = not cues[i] and official_attr
        # An estimate's attribution carries to the next sentence when that one has none.
        inherited_official = prev_official and not cues[i] and not official_here
        prev_official = official_here
        if not in_context:
            if ents:
                context_ent = ents[-1]
                recent = _remember(recent, ents)
            prev_sentence_accepted = False
            continue
        qs = find_quantities(s)
        if any(q.unit == "percent" and q.form in ("unit", "range") for q in qs):
            bare = [b for b in find_bare_numbers(s) if not any(q.start <= b.start < q.end for q in qs)]
            qs = sorted(qs + bare, key=lambda q: q.start)
        cands = _combine(s, qs)
        for c in cands:
            c.sent, c.ents, c.context, c.cues, c.near_cue = i, ents, context_ent, cues[i], near_cue[i]
            c.table = header if table_row else None
            c.recent, c.discourse = tuple(recent), disc
        _subjects(s, cands, ents, context_ent, party_of, names=mid_names)
        accepted_here = prev_sentence_accepted
        for k, c in enumerate(cands):
            c.block = block_of(i, c.q.start)
            blk = blocks[c.block]
            if c.kind == "points?":
                c.reason = "points without a lead or change"
                continue
            if c.q.form == "bare" and not (c.subject_kind == "party" or (k and cands[k - 1].accepted)):
                c.reason = "bare number outside an enumeration"
                continue
            # (an official figure cited in the sentence before does not make "57 per cent
            # supported limiting negative gearing" one)
            q_before, q_after = s[max(0, c.q.start - 120):c.q.start], s[c.q.end:c.q.end + 120]
            excl = "official statistic or estimate" if ((inherited_official and not C.has_respondent_link(q_before, q_after)) or (
                official_attr and not {"poll", "opinion poll", "pollster name"} & set(cues[i]))) else _exclusion(s, c, cues[i], blk, table_row)
            if (excl is None and k and cands[k - 1].reason == "election result" and not cues[i]
                    and not _RE_NOT_SAME_LIST.search(s, cands[k - 1].q.end, c.q.start)):
                # "The Greens won 4.1%, the Left 3% and the Free Voters 2.6%", "National won
                # 38.1 percent of the party vote and Labour 26.9 percent": the list goes on
                excl = "election result"
            if excl:
                c.reason = excl
                continue
            link = _respondent_link(s, c, accepted_here, bool(cues[i]))
            if link is None and table_row:
                link = "row of a poll table"
            if link is None:
                c.reason = "not tied to respondents, a party/person or a poll measure"
                continue
            c.accepted, c.reason = True, link
            c.measure = _measure(s, c, k, cands)
            accepted_here = True
        prev_sentence_accepted = any(c.accepted for c in cands)
        if prev_sentence_accepted:
            last_accepted = at[i]
        out.extend(cands)
        if ents:
            context_ent = ents[-1]
            recent = _remember(recent, ents)
    return out, blocks, spans


__all__ = ["BACK_WINDOW", "FORWARD_WINDOW", "Candidate", "Discourse", "analyse"]
