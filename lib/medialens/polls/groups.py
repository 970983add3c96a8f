"""The part of a poll's sample a figure describes: "78% among Black voters", "31 percent of
Republicans", "Among women, ...".

A tracker that plots "Harris leads Trump among Black voters 78% to 15%" in Trump's national
series draws a 15% poll that never was. :func:`figure_subgroup` reads the group a figure is
about from its own sentence, so the tracker can leave such figures out (they stay in the figures
table, with the group named). Groups that are the whole sample ("of likely voters", "among
Americans", "of those polled") are no subgroup.

Why rules and not the parser: the phrases are short and fixed ("X% of <people>", "among
<people>", a leading "Among <people>," or "<People> backed ..."), the people words are the
population list the poll screen already keeps (:data:`.context._POP_PEOPLE`), and the figures
come from every sentence of a report, parsed or not. Measured against hand labels in
tests/data/README.md ("Subgroups").

>>> s = "Harris leads Trump 78% to 15% among Black voters, and 52% to 45% among likely voters."
>>> figure_subgroup(s, s.index("78%"), s.index("78%") + 3), figure_subgroup(s, s.index("52%"), s.index("52%") + 3)
('Black voters', None)
>>> s = "Some 31 percent of Republicans back the plan."
>>> figure_subgroup(s, 5, 15)
'Republicans'
"""

from __future__ import annotations

import re

from .context import _POP_PEOPLE
from .countries import _CITIES, _OTHER_REGIONS, _US_STATES

# People words beyond the screen's population list: partisan, generational and religious groups
# ("of independents", "among evangelicals", "Gen Z buyers", "Leave voters")
_GROUP_EXTRA = (
    r"independents|Hispanics|Latinos|Latinas|Latinx|blacks|whites|Asians|evangelicals|Protestants|Jews|Hindus|"
    r"Sikhs|Mormons|liberals|moderates|conservatives|progressives|seniors|retirees|youth|youths|"
    r"Millennials|Gen\s*Z|Gen\s*X|boomers|baby\s+boomers|Remainers|Leavers|Tories|backers|loyalists|"
    r"partisans|faithful|base|electorate|undergraduates|Labour|Conservative|Republican|Democratic|"
    r"unionists|nationalists|farmers|union\s+households|college\s+graduates|non-college|suburbanites|"
    r"rural|urban|suburban|young|older|elderly")
_PEOPLE = re.compile(rf"\b(?:{_POP_PEOPLE}|{_GROUP_EXTRA})\b", re.I)
# people words that only qualify a noun ("Labour voters", "suburban women")
_ADJECTIVE = re.compile(r"Labour|Conservative|Republican|Democratic|rural|urban|suburban|young|older|elderly|"
                        r"British|French|Spanish|Japanese|Chinese|Irish|Swiss|Dutch|Welsh", re.I)
_RE_NOUN_AHEAD = re.compile(rf"(?:\s+(?:and|or)\b)?(?:\s+[\w'’-]+){{0,4}}?\s+(?:{_POP_PEOPLE}|independents|Latinos|"
                            rf"Hispanics|leaners|evangelicals|Democrats|Republicans)\b", re.I)

# The whole sample, however the article words it: "of likely voters", "among U.S. adults",
# "of Americans", "of those polled", "of respondents", "of the public"
_WHOLE_HEADS = frozenset("""people persons adults voters electors respondents citizens public population residents
    individuals participants electorate nationals interviewees those everyone everybody""".split())
_WHOLE_MODS = frozenset("""the all likely registered eligible adult potential prospective ordinary overall polled
    surveyed questioned asked interviewed sampled of nationwide nationally statewide national general decided
    worldwide survey poll canvassed contacted committed election state's country's nation's province's city's state’s country’s nation’s province’s city’s""".split())
# the people a survey of one kind of people asks: "of employees", "of nurses" is its whole sample,
# where "of women", "of Republicans" is a part
_DEMOGRAPHIC = frozenset("""women men girls boys parents mothers fathers seniors retirees pensioners millennials teens
    teenagers youngsters homeowners renters graduates independents under over aged young older elderly""".split())
# capitalised words before "voters" that make a group, not a place ("Black voters", "GOP
# voters"; "Florida voters" and "British adults" are a poll's whole sample); parties are looked up
_GROUP_ADJ = frozenset("""black white asian hispanic latino latina latinx african jewish muslim catholic christian
    evangelical protestant mormon hindu sikh independent young older female male gop tory trump biden harris clinton
    sanders leave remain yes no brexit maga democratic republican labour conservative liberal green reform snp
    ndp""".split())
# a people's name is a national poll's sample ("of Filipinos", "of Kenyans"); these are groups
_GROUP_PLURALS = frozenset("""republicans democrats latinos latinas hispanics catholics muslims christians jews
    protestants evangelicals remainers leavers tories conservatives liberals greens independents millennials
    boomers mormons hindus sikhs asians blacks whites brexiteers unionists nationalists labourites progressives
    moderates""".split())
# "those polled", "those who took part", "people who answered": the sample itself
_RE_WHOLE_THOSE = re.compile(
    r"^(?:the\s+)?(?:those|people|adults|voters|respondents|persons|individuals)\s+"
    r"(?:(?:who\s+were\s+|who\s+)?(?:polled|surveyed|questioned|asked|interviewed|sampled|contacted|responded|"
    r"answered|took\s+part|participated|expressed\s+an\s+opinion|gave\s+an\s+opinion)|in\s+the\s+(?:poll|survey|sample)"
    r"|(?:certain|likely|sure)\s+to\s+vote|(?:who\s+)?express(?:ing|ed)\s+(?:a|an)\s+(?:view|opinion|preference)"
    r"|with\s+(?:a|an)\s+(?:opinion|preference|view)|(?:who\s+)?(?:gave|named|chose|picked)\s+a\s+(?:party|candidate))\b",
    re.I)
_PRONOUN = frozenset("them these they us you him her it".split())

# Where a group phrase ends: punctuation, a relative word, a verb of saying/thinking/backing, a
# conjunction that starts the next figure's clause
_STOP_WORDS = (
    r"who|that|which|whom|said|say|says|saying|think|thinks|thought|believe|believes|believed|want|wants|wanted|"
    r"support|supports|supported|back|backs|backed|oppose|opposes|opposed|favou?r|favou?rs|favou?red|approve|"
    r"approves|approved|disapprove|disapproved|would|will|could|should|might|are|were|is|was|have|has|had|plan|"
    r"plans|planned|prefer|prefers|preferred|agree|agreed|agrees|disagree|reported|report|named|chose|choose|picked|"
    r"expect|expects|expected|feel|feels|felt|consider|considers|considered|did|do|does|view|views|viewed|see|sees|"
    r"saw|trust|trusts|trusted|like|liked|likes|rate|rated|rank|ranked|gave|give|cited|cite|identified|described|"
    r"called|told|answered|responded|remain|remained|intend|intended|now|still|also|and|but|while|compared|versus|"
    r"vs|to(?!\s+\d)|for|with|by|at|on|in|from|than|as|according|had|polled|surveyed|questioned|asked|identify|"
    r"voted|vote|votes|want|percent|per|pct|points?|leads?|led|trails?|trailed|ahead|behind|holds?|held|gets?|got|"
    r"when|if|after|before|because|since|call|calls|put|puts|named|name|now|then|"
    r"(?!(?:during|nothing|something|anything|everything)\b)[a-z]+ing")
_RE_STOP = re.compile(rf"(?:\s+(?:{_STOP_WORDS})\b|\s*[,;:.!?()\[\]\"“”–—]|\s+-\s|$)", re.I)
_GROUP_WORDS = r"[\w'’./&+-]+"
_RE_OF = re.compile(
    r"\s*(?:%|percent|per\s*cent|pct|percentage\s+points?)?\s*(?:\([^)]*\)\s*)?(?:,\s*)?of\s+(?!the\s+vote\b)"
    r"(?P<g>(?:the\s+|all\s+|those\s+)?(?:\d[\d,.]*\s+(?:million\s+|thousand\s+)?(?!to\s+\d|and\s+\d))?" + _GROUP_WORDS + r"(?:\s+" + _GROUP_WORDS + r"){0,7})", re.I)
_RE_BARE = re.compile(r"\s+(?P<g>" + _GROUP_WORDS + r"(?:\s+" + _GROUP_WORDS + r"){0,7})")
_RE_AMONG = re.compile(r"\bamong\s+(?P<g>" + _GROUP_WORDS + r"(?:\s+" + _GROUP_WORDS + r"){0,7})", re.I)
# "Among women, ...", "For Democrats, ...", "Of those who voted Leave in 2016, ...": the whole
# sentence's figures (a figure with a group of its own keeps that one)
_RE_PREFIX = re.compile(r"^\s*(?:(?:But|And|Even|Only|Just|Meanwhile|However|Yet),?\s+)?(?:Among|For|Of)\s+"
                        r"(?P<g>[^,;:.]{1,60}),\s", re.I)
# "Men broke for Trump by about 10 points", "Women backed Harris 55% to 43%", "Independents are
# more skeptical", "Democrats back the two measures at 77% and 70%" (not "Democrats lead by 5":
# a party ahead is the figure's subject, not who was asked)
_RE_GROUP_SUBJECT = re.compile(
    r"\s*(?:(?:In|According\s+to)\s+[^,]{1,40},\s+)?(?:(?:But|And|Even|Meanwhile|However|Yet|while|whereas|and|but),?\s+)?"
    r"(?P<g>(?:[\w'’-]+\s+){0,4}?[\w'’-]+(?:\s+(?:under|over|aged?)\s+\d+)?),?\s+"
    r"(?:(?:are|were)\s+(?:(?:far|much|somewhat|slightly|about|even|also|now|still|closely|evenly|sharply)\s+)?"
    r"(?:more|less|split|divided|skeptical|sceptical|supportive|opposed|likely|unlikely|in\s+favou?r|inclined|keen|"
    r"worried|concerned|optimistic|pessimistic|twice|three|the\s+most|most|least)"
    r"|broke|backed|back|favou?red|favou?r|supported|support|preferred|prefer|chose|went|split|sided|gave|approve|"
    r"disapprove|oppose|opposed|say|said)\b", re.I)
# a quantity is no group ("Half of workers say", "Most Democrats"): the figure's own words
_RE_QUANTITY = re.compile(r"(?:half|most|many|some|few|all|a|an|about|nearly|almost|roughly|around|just|only|more|less|"
                          r"fewer|one|two|three|four|five|six|seven|eight|nine|ten|any|each|"
                          r"every|other|\d[\d.,]*%?(?!\s*(?:to|-|–|and)\s*\d))\b|[\w-]*(?:thirds?|quarters?|fifths?|tenths?)\b", re.I)
# "Women are more likely than men ... (65% vs. 60%)": the second figure is the second group's
_RE_PAIR_SECOND = re.compile(r"(?:\(\s*[^()]*?|,\s*\d[^(),]{0,20}?)(?:vs\.?|versus|to|and)\s*$", re.I)
_RE_THAN = re.compile(r"\bthan\s+(?P<g>[\w'’-]+(?:\s+[\w'’-]+){0,4})", re.I)
_PARTY_PLURALS = frozenset("""democrats republicans conservatives liberals tories greens socialists nationalists
    unionists""".split())
# a clause that is a group and its figures: "and Hispanic voters 55% to 40%"
_RE_BARE_GROUP = re.compile(r"\s*(?:and\s+|but\s+|while\s+)?(?:among\s+)?(?P<g>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s*,?\s*"
                            r"(?:by\s+)?(?=\d)", re.I)
# "58% of them", "87 per cent of whom": the people named before
_RE_OF_THEM = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?\s*(?:\([^)]*\)\s*)?(?:of|among)\s+(?:them|whom)\b", re.I)
_RE_WITH_GROUP = re.compile(r"\b(?:among|with|of|by)\s+(?P<g>(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,4})", re.I)
# "strongest in Quebec, at 68 per cent", "lowest in Mindanao": a region of a wider poll
_RE_REGION = re.compile(r"\b(?:highest|lowest|strongest|weakest|best|worst|higher|lower|stronger|weaker)\s+in\s+"
                        r"(?P<g>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
# where one figure's clause ends and the next one's begins ("..., while 40% of men ...")
_RE_CLAUSE = re.compile(r";|\s[–—]\s|\s-\s|,\s+(?:while|whereas|but|and|compared|against|versus|with|as|including|"
                        r"rising|falling|up|down)\b|\bcompared\s+(?:with|to)\b|\bincluding\b|\brising\s+to\b"
                        r"|\bversus\b|\bvs\.?\s|,\s+(?=\d)|\s+and\s+(?=(?:about\s+|nearly\s+|some\s+|just\s+)?\d)", re.I)
# a figure said to be the whole sample's: "48 per cent overall", "17 percent nationally"
_RE_OVERALL_AFTER = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?\s*(?:overall|nationally|nationwide|of\s+all\s+(?:voters|adults|"
                               r"respondents)|among\s+all\s+(?:voters|adults|respondents))\b", re.I)


def _cut(phrase: str) -> str:
    """The group phrase up to where it ends ("Black voters, and" -> "Black voters";
    "Americans describe the economy" -> "Americans"; "those 65 and older" stays)."""
    m = _RE_STOP.search(phrase, 1)
    # "those who voted Leave", "those 65 and older": a relative clause or an age is the group
    rel = re.match(r"(?:the\s+)?(?:those\s+(?:aged?|under|over|\d)|(?:those|people|voters|adults)\s+(?:who|whose|living|with|"
                   r"without|born)\s+\S+)", phrase, re.I)
    if rel:
        # (to the clause's end, or its verb: "those who voted Remain in 2016 now say")
        rest = re.split(r"[,;:.()]|\s[–—-]\s|\s+(?:say|says|said|now|are|were|would|will|think|back|support|have|has|"
                        r"had|own|owns|and\s+\d+)\b", phrase[rel.end():])[0]
        out = " ".join((phrase[:rel.end()] + rest).split()[:9])
    else:
        out = phrase[:m.start()] if m else phrase
        # the last people word ends the group unless an age follows ("voters under 30")
        last = next(reversed(list(_PEOPLE.finditer(out))), None)
        if last is not None and _ADJECTIVE.fullmatch(last.group(0)):
            # "Democratic and Democratic-leaning voters": an adjective needs its noun
            noun = _RE_NOUN_AHEAD.match(phrase, last.end())
            if noun is None:
                return ""
            out, last = phrase[:noun.end()], noun
        if last is not None and phrase[last.end():last.end() + 1].isspace():
            # the age after the cut ("voters 65 and older": " and" ended the cut)
            out = phrase[:last.end()] + phrase[last.end():last.end() + 60]
        if last is not None:
            # an age: "under 30", "aged 18 to 24", "65 and older" (a bare number only with its range:
            # "among Black voters 78% to 15%" is no age)
            q = re.match(r"\s+(?:(?:aged\s+)?(?:under|over|aged?|ages|between|younger\s+than|older\s+than)\s+\d+"
                         r"(?:\s*(?:-|to|and)\s*\d+)?"
                         r"|\d+(?:\s*(?:-|to)\s*\d+(?!\s*(?:%|percent|per\s*cent|pct))|\s+and\s+(?:older|over|up|above|"
                         r"younger|under)|\+))(?:\s+and\s+(?:older|over|up|above|younger|under))?", out[last.end():], re.I)
            out = out[:last.end() + (q.end() if q else 0)]
    return re.sub(r"^(?:(?:the|all)\s+|\d[\d,.]*\s+(?:million\s+|thousand\s+)?(?!to\s+\d|and\s+\d|-))+", "",
                  " ".join(out.split()).strip(" ,.'\"’"), flags=re.I).strip()


def is_whole_sample(group: str) -> bool:
    """Whether ``group`` names everyone a poll asked ("likely voters", "U.S. adults",
    "Americans", "those polled") rather than a part of them.

    >>> is_whole_sample("likely voters"), is_whole_sample("Americans"), is_whole_sample("Black voters")
    (True, True, False)
    """
    g = group.strip()
    if _RE_WHOLE_THOSE.match(g):
        return True
    words = [w for w in re.split(r"\s+", g) if w]
    rest = [w for w in words if w.lower() not in _WHOLE_MODS and not re.fullmatch(r"\d[\d,]*", w)]
    if not rest:
        return True
    *mods, head = rest
    low = [m.lower() for m in mods]
    if head.lower() in ("voters", "electors", "caucusgoers", "caucus-goers") and ("primary" in low or "caucus" in low):
        return True  # "likely Republican primary voters": a primary poll's sample
    if not mods and head[:1].islower() and head.lower() not in _DEMOGRAPHIC:
        return True  # "of employees", "of students": a survey of them (a part would be qualified)
    if head.lower() in _WHOLE_HEADS:
        # "U.S. adults", "Florida likely voters"; not "Labour voters", "Black voters", "young people"
        return not mods or _is_place(" ".join(mods))
    # a people's name: "Americans", "Filipinos", "Germans" (a national poll's sample), not
    # "Black Americans", "Native Americans"
    if not mods and head in ("Japanese", "Irish", "Swiss", "Dutch", "French", "British", "Chinese", "Welsh"):
        return True
    if " ".join(rest) in ("New Yorkers", "New Zealanders", "Nova Scotians", "British Columbians", "New Jerseyans",
                          "South Africans", "South Koreans", "Puerto Ricans", "Northern Irish"):
        return True
    return ((not mods or _is_place(" ".join(mods))) and head[:1].isupper() and head.lower() not in _GROUP_PLURALS
            and head.endswith("s"))


# the places and peoples a poll's whole sample is named by ("U.S. adults", "Florida voters",
# "British adults"); any other capitalised word before "voters" is a group ("Haley voters",
# "Black Americans", "Lib Dem voters")
_RE_PLACE_WORDS = re.compile(
    r"U\.?S\.?|UK|U\.K\.|EU|American|British|Canadian|Australian|German|French|Irish|Scottish|Welsh|English|Italian|"
    r"Spanish|Dutch|Polish|Japanese|Korean|Indian|Mexican|Brazilian|Israeli|New\s+Zealand|Kiwi|European|national|"
    rf"Washington|Victorian|Bavarian|{_US_STATES}|{_OTHER_REGIONS}|{_CITIES}")
_RE_NATION_ADJ = re.compile(r"[A-Z][a-z]+(?:an|ian|ish|ese|i)")
_NOT_NATION = frozenset("native arab indigenous aboriginal maori māori dalit lgbt lgbtq democratic republican christian "
                        "catholic asian african hispanic".split())


def _is_place(words: str) -> bool:
    """Whether the capitalised words before "voters"/"adults" name where, not which people
    (a nation's adjective counts: "Marrovian adults", "Kenyan voters"; "Black", "Christian",
    "Republican" do not)."""
    w = " ".join(words.split())
    return bool(_RE_PLACE_WORDS.fullmatch(w) or (
        _RE_NATION_ADJ.fullmatch(w) and w.lower() not in _GROUP_ADJ | _NOT_NATION))


def _group(phrase: str) -> str | bool | None:
    """The subgroup ``phrase`` starts with; False for the whole sample; None for no people."""
    g = _cut(phrase)
    if _RE_QUANTITY.match(g):
        return None
    if not g or len(g) > 60 or g.lower() in _PRONOUN or not _PEOPLE.search(g):
        return None
    return False if is_whole_sample(g) else g


def _group_subject(sentence: str, at: int, end: int) -> re.Match[str] | None:
    """:data:`_RE_GROUP_SUBJECT` where its verb follows the group itself: "Democrats back the
    measures at 77%", not "the National Democrats have slipped back to 32 per cent" (a party's
    share, whose "back" is no verb of backing)."""
    m = _RE_GROUP_SUBJECT.match(sentence, at, end)
    if m is None:
        return None
    g = " ".join(m.group("g").split())
    return m if _cut(g) == re.sub(r"^(?:the|all)\s+", "", g, flags=re.I) else None


def clause_of(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of ``sentence`` that belongs to the figure at ``start:end``."""
    a = 0
    for m in _RE_CLAUSE.finditer(sentence, 0, start):
        a = m.end()
    m = _RE_CLAUSE.search(sentence, end)
    return a, (m.start() if m else len(sentence))


def figure_subgroup(sentence: str, start: int, end: int) -> str | None:
    """The part of the sample the figure at ``sentence[start:end]`` describes, as written
    ("Black voters", "Republicans", "those who voted Leave"); None for the whole sample.

    >>> s = "Among women, Harris leads 52% to 41%, while 40% of men back her."
    >>> figure_subgroup(s, 26, 29), figure_subgroup(s, 44, 47)
    ('women', 'men')
    """
    if not isinstance(sentence, str) or isinstance(start, bool) or isinstance(end, bool):
        return None
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        return None
    if not 0 <= start < end <= len(sentence):
        return None
    if len(sentence) > 1500:
        # a run-on "sentence" (a scraped table, a list): the figure's neighbourhood only
        lo = max(0, start - 600)
        return figure_subgroup(sentence[lo:end + 600], start - lo, end - lo)
    if _RE_OVERALL_AFTER.match(sentence, end):
        return None
    m = _RE_OF.match(sentence, end)
    if m is None and re.search(r"\bin\s+\d+$", sentence[start:end]):
        m = _RE_BARE.match(sentence, end)  # "fewer than 1 in 10 Democrats"
    g = _group(m.group("g")) if m else None
    if g is not None:  # "31 percent of Republicans"; "of likely voters" says: the whole sample
        return g or None
    a, b = clause_of(sentence, start, end)
    # "among" in the figure's own clause, the nearest first
    for h in sorted(_RE_AMONG.finditer(sentence, a, b), key=lambda h: min(abs(h.start() - end), abs(h.start() - start))):
        # (a group before the figure ends at it: "among Black voters he leads 58% to 19%")
        g = _group(sentence[h.start("g"):start if h.start() < start else b])
        if g is not None:
            return g or None
    if _RE_PAIR_SECOND.search(sentence, 0, start):
        m = _RE_THAN.search(sentence, 0, start)
        g = _group(m.group("g")) if m else None
        if g is not None:
            return g or None
    if _RE_OF_THEM.match(sentence, end):
        # the people named before: "Adults under 30 ...: 58% of them", "with Black voters, winning 61% of them"
        for cand in [*(h.group("g") for h in reversed(list(_RE_WITH_GROUP.finditer(sentence, 0, start)))),
                     *(m.group("g") for m in [_RE_GROUP_SUBJECT.match(sentence)] if m), sentence[:start]]:
            g = _group(cand)
            if g is not None:
                return g or None
    if a > 0:
        # "Among women, Harris leads ..., while men favor Trump 52% to 43%": the clause's own group
        m = _group_subject(sentence, a, start)
        if m is None:
            # (a bare group before its figures ends in a people noun that is no party:
            # "and Hispanic voters 55% to 40%", not "with Democrats at 46 percent")
            m = _RE_BARE_GROUP.match(sentence, a, end)
            last = m.group("g").split()[-1].lower() if m else ""
            if m and (last in _PARTY_PLURALS or not _PEOPLE.fullmatch(last)):
                m = None
        if m and _PEOPLE.search(m.group("g")):
            g = _group(m.group("g"))
            if g:
                return g
    m = _RE_PREFIX.match(sentence)
    if m and m.end() <= start:
        g = _group(m.group("g"))
        if g is not None:
            return g or None
    for at in dict.fromkeys((a, 0)):
        m = _group_subject(sentence, at, start)
        if m and _PEOPLE.search(m.group("g").split()[-1] if not re.search(r"\d$", m.group("g")) else m.group("g")):
            g = _group(m.group("g"))
            if g is not None:
                return g or None
    among = [h for h in _RE_AMONG.finditer(sentence) if _group(h.group("g")) is not None]
    if len(among) == 1 and among[0].end() <= start:
        # "Collins leads among white voters, 63% to 29%": the sentence's one group, before its figures
        return _group(sentence[among[0].start("g"):start]) or None
    m = _RE_REGION.search(sentence, a, start) or _RE_REGION.search(sentence, end, b)
    if m:
        return re.sub(r"^the\s+", "", m.group("g"))
    return None
