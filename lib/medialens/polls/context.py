"""Is a number the result of an opinion poll? Evidence and exclusions as named predicates.

Each predicate answers one question about a sentence or about the words right around a figure,
so a decision can be explained ("rejected: survey of economists") and each rule tested on its
own (the trafilatura style: small named filters rather than one giant regex).

>>> survey_cues("The poll found 42 pct of those surveyed approved.")
['poll', 'survey', 'those surveyed']
>>> survey_cues("Nakasone's party suffered setbacks in local polls.")
[]
>>> population_kind("economists polled by Reuters said")
'expert'
"""

from __future__ import annotations

import functools
import re
from typing import Literal

PopulationKind = Literal["people", "expert"]

#: Pollsters recognised anywhere in a sentence (distinctive names). Extend by passing
#: ``pollsters=`` to :func:`medialens.polls.extract`; see also :data:`AMBIGUOUS_POLLSTERS`.
KNOWN_POLLSTERS: tuple[str, ...] = (
    "MORI", "Ipsos MORI", "Ipsos", "Gallup", "Morgan Gallup", "Marplan", "NOP", "ICM",
    "ICM Research", "YouGov", "Populus", "ComRes", "CommunicateResearch", "Survation",
    "BMRB", "TNS", "GfK", "Opinium", "Angus Reid", "Decima", "Environics", "Leger",
    "Newspoll", "Heylen", "Yankelovich", "Zogby", "Rasmussen", "Quinnipiac", "Marist",
    "GlobeScan", "Infratest", "Forsa", "Emnid", "Allensbach", "Sofres", "IFOP", "BVA",
    "Datafolha", "Ibope", "Mediametrie", "Continental Research", "Jupiter Research",
    "Pew Research Center", "Pew Internet and American Life Project", "Pew Internet",
    "Pew Research", "Harris Interactive", "Harris Research Centre", "Louis Harris",
    "Opinion Research Corporation", "Research Solutions",
)
#: Names that are pollsters only in a poll role ("a Harris poll", "conducted by Harris").
AMBIGUOUS_POLLSTERS: tuple[str, ...] = ("Harris", "Pew", "Nielsen", "Roper", "CSA", "Reuters")


def _gazetteer_names() -> tuple[str, ...]:
    # every name and alias of the shipped gazetteer (:mod:`.pollsters`) that is a pollster
    # whatever the sentence says ("Savanta", "Morning Consult", "Redfield & Wilton
    # Strategies"): the cue list above predates it and missed most modern pollsters, so
    # "Labour is on 30%, according to Redfield & Wilton Strategies" had no poll cue
    from .pollsters import gazetteer

    out = []
    for p in gazetteer():
        out += [n for n in p.names if n not in p.ambiguous and len(n) >= 3]
    return tuple(dict.fromkeys(out))


KNOWN_POLLSTERS = tuple(dict.fromkeys(KNOWN_POLLSTERS + _gazetteer_names()))

_POP_EXPERT = (
    r"economists?|analysts?|compan(?:y|ies)|firms?|retailers?|executives?|bosses|dealers?|"
    r"brokers?|brokerage\s+houses|traders?|bankers?|banks|manufacturers?|businesses|employers?|"
    r"estate\s+agents?|surveyors?|institutions|investors|fund\s+managers|forecasters?|"
    r"refiner(?:ie)?s|importers?|exporters?|producers?|correspondents|industrialists|CEOs|"
    r"chief\s+executives|purchasing\s+managers|market\s+sources|houses|shops|stores|builders|"
    r"corporations|mills|plants|members\s+states?|governments|officials|experts|economic\s+institutes|"
    r"patients|PCs|computers|towns|refineries|councils|local\s+authorities|municipalities|hospitals|"
    r"charities|small\s+businesses|business\s+owners|(?:senior\s+)?(?:loan|lending|credit)\s+officers|lenders")
_POP_PEOPLE = (
    r"people|persons|adults|voters|electors|respondents|Americans|Britons|Europeans|Japanese|"
    r"Australians|Canadians|Germans|French|citizens|public|consumers|users|readers|viewers|"
    r"listeners|households|pupils|students|teenagers|children|parents|women|men|"
    r"workers|employees|members|musicians|artists|owners|shoppers|searchers|surfers|British|Italians|Spanish|Chinese|Indians|"
    r"subscribers|residents|taxpayers|pensioners|motorists|drivers|customers|fans|"
    r"year[\s-]olds|over-\d+s|under-\d+s|those|individuals|Scots|Londoners|population|"
    r"teachers|doctors|nurses|smokers|drinkers|gamers|travellers|mothers|fathers|youngsters|"
    r"Muslims|Catholics|Christians|Democrats|Republicans|Conservatives|supporters|"
    r"black\s+people|professionals|graduates|broadband\s+users|(?:home)?buyers|renters|homeowners|caregivers|"
    r"millennials|teens|girls|boys|families|immigrants|veterans|"
    # demonyms: "of Israelis", "of Albertans", "of New Yorkers", "of Taiwanese"
    # (not a bare "-is" or "-ers": "Harris", "Reuters" are pollsters)
    r"(?-i:(?!Evans\b)[A-Z][a-z]{2,}(?:ans|ese)|Israelis|Pakistanis|Iraqis|Saudis|Bangladeshis|Kuwaitis|Emiratis|"
    r"Somalis|Yemenis|Nepalis|Qataris|Omanis|(?:New\s+)?Yorkers|Quebecers|Icelanders|Islanders|Swiss|Dutch|Irish|"
    r"Welsh|Poles|Danes|Swedes|Finns|Turks|Greeks|Thais|Filipinos|Kiwis)")

_RE_EXPERT_ORGS = re.compile(
    r"\b(?:CBI|Confederation\s+of\s+British\s+Industry|Tankan|IFO|Ifo|Conference\s+Board|"
    # federations of small firms survey their members, business owners
    r"CFIB|NFIB|Federation\s+of\s+(?:Small|Independent)\s+Business(?:es)?|"
    r"Canadian\s+Federation\s+of\s+Independent\s+Business|"
    r"Keidanren|British\s+Chambers\s+of\s+Commerce|BCC|Institute\s+of\s+Directors|NAPM|"
    r"purchasing\s+managers|Chartered\s+Surveyors|RICS|British\s+Retail\s+Consortium|BRC|"
    r"Reuters?\s+(?:poll|survey)|Middle\s+East\s+Economic\s+Survey|Geological\s+Survey|"
    r"economic\s+survey|(?:monthly|quarterly)\s+(?:trends\s+)?survey\s+of\s+(?:manufacturers|firms|companies)|"
    # the Fed's "Senior Loan Officer Opinion Survey", "the ANZ Business Outlook survey"
    r"loan\s+officer\s+(?:opinion\s+)?survey|business\s+(?:outlook|confidence|conditions|opinion|sentiment|climate)\s+surveys?|"
    r"(?:business|industry|industrial|trade|company|corporate|private[\s-]+sector(?:\s+business)?|investment\s+intentions|"
    r"capital\s+spending|distributive\s+trades|purchasing|retail\s+sales|house[\s-]+price|housing\s+market|crop|"
    r"field)\s+surveys?)\b", re.I)

_NUMBER_OR_HEDGE = r"(?:(?:more\s+than|over|some|about|almost|nearly|around|a\s+total\s+of)\s+)?(?:\d[\d,]*\s+)?"
_RE_POP_PATTERNS = [
    re.compile(rf"\b(?:poll|polls|survey|surveys|canvass|study|research|questionnaires?)\s+(?:of|among|from)\s+"
               rf"(?:the\s+|a\s+sample\s+of\s+)?{_NUMBER_OR_HEDGE}(?:[\w'-]+\s+){{0,3}}?(?P<pop>{_POP_EXPERT}|{_POP_PEOPLE})\b", re.I),
    # ("firms surveyed", "voters polled"; not the active "The firm surveyed 1,900 adults")
    re.compile(rf"\b(?P<pop>{_POP_EXPERT}|{_POP_PEOPLE})\s+(?:(?:who\s+were|were|being)\s+)?(?:polled|questioned|interviewed|surveyed|quizzed|canvassed|sampled)\b"
               rf"(?!\s+(?:\d|(?:more\s+than|over|some|about|almost|nearly|around)\s+\d|(?:{_POP_EXPERT}|{_POP_PEOPLE})\b))", re.I),
    re.compile(rf"\b(?:polled|polls|questioned|interviewed|surveyed|surveys|quizzed|canvassed|asked)\s+{_NUMBER_OR_HEDGE}"
               rf"(?:[\w'-]+\s+){{0,3}}?(?P<pop>{_POP_EXPERT}|{_POP_PEOPLE})\b", re.I),
    re.compile(rf"\b(?P<pop>{_POP_EXPERT}|{_POP_PEOPLE})\b[^.;]{{0,40}}\b(?:responded|replied|took\s+part|participated)\b", re.I),
    re.compile(rf"\bof\s+(?:the\s+|all\s+)?(?:\d[\d,]*\s+)?(?:polled|surveyed|questioned)\s+(?:[\w.'-]+\s+){{0,2}}?(?P<pop>{_POP_EXPERT}|{_POP_PEOPLE})\b", re.I),
]
_RE_POP_EXPERT = re.compile(rf"^(?:{_POP_EXPERT})$", re.I)

# "poll" in the sense of an election (British/Japanese usage) or a person's name.
_RE_ELECTION_POLL = re.compile(
    r"(?:\b(?:local|general|state|national|presidential|congressional|assembly|prefectural|"
    r"municipal|parliamentary|european|regional|legislative|house|february|snap|early|june|"
    r"may|april|march|november|autumn|spring|mid-term|by-?election)\s+polls?\b"
    r"|\b(?:19|20)\d\d\s+polls?\b|\bat\s+the\s+polls\b|\bto\s+the\s+polls\b|\bpoll\s+tax\b"
    r"|\bpolling\s+(?:day|station|stations|booth|booths|place|places|card|cards|district)\b"
    r"|\bpre-?poll\b|\bpost-?poll\b|\bthe\s+poll\s+(?:was|is|will\s+be)\s+(?:called|held|due|expected|set|scheduled|on)\b"
    # "Sinn Féin, which topped the poll in 2020": came first in the count (Irish, UK usage)
    r"|\btop(?:s|ped|ping)?\s+the\s+poll\b"
    # "Polls closed at 10pm": voting ended
    r"|\b[Pp]olls\s+(?:closed|close|closing|opened|open|opening)\b"
    # "Advance polls had been busier than usual": early voting (Canada)
    r"|\badvance\s+polls?\b"
    r"|\bpoll\s+date\b|\bpoll\s+in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|\w+\s+next\s+year)\b"
    r"|\bpoll\s+(?:to\s+go|run-?off|victory|defeat|win|campaign|result|results|battle|fight|rigging|violence)\b"
    r"|\b(?:favours?|call|called|calling|hold|holding|held|win|won|winning|lost|losing|contest|fight|face|facing)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?poll\b"
    r"|\b[A-Z][a-z]+\s+Poll\b(?!\s+(?:of|for|by|found|shows?|showed))|\b[A-Z]\.?\s+Poll\b"
    r"|\bpolled\s+(?:\d[\d,]*|only|just|more\s+than|nearly|almost|about)\b[^.]{0,20}\bvotes?\b"
    r"|\bpolling\s+(?:began|ends?|ended|closes|closed|opened)\b|\bround\s+of\s+polling\b|\bof\s+polling\b)")
_RE_POLL_WORD = re.compile(r"\bpolls?\b", re.I)

_CUE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("opinion poll", re.compile(r"\bopinion\s+polls?\b|\bpublic\s+opinion\s+(?:survey|research)\b", re.I)),
    # (not an official household survey: "the Periodic Labour Force Survey", "the Current
    # Population Survey" measure unemployment, not opinion; see _RE_OFFICIAL)
    ("survey", re.compile(r"(?<!force\s)(?<!household\s)(?<!population\s)(?<!interview\s)"
                          r"\bsurvey(?:s|ed)?\b(?!\s+(?:ship|vessel|work|team|crew|map|data\s+of\s+the\s+sea))", re.I)),
    ("respondents", re.compile(r"\brespondents?\b", re.I)),
    ("pollster", re.compile(r"\bpollsters?\b|\bpolling\s+(?:firm|company|organi[sz]ation|group|agency|expert)s?\b", re.I)),
    ("those surveyed", re.compile(
        rf"\b(?:those|people|adults|persons|{_POP_PEOPLE}|\d[\d,]*)\s+(?:(?:who\s+were|were)\s+)?(?:polled|questioned|interviewed|surveyed|quizzed|canvassed|asked|sampled)\b"
        r"|\b(?:of|among)\s+those\s+(?:polled|questioned|interviewed|surveyed|asked|quizzed)\b"
        rf"|\b(?:{_POP_PEOPLE})\s+(?:[A-Z][\w-]+\s+){{1,2}}(?:polled|questioned|interviewed|surveyed|quizzed|asked)\b"
        # "when the Levada Center polled Russians": the people polled after the verb
        rf"|\b(?:polled|surveyed|interviewed)\s+(?:(?:more\s+than|over|some|about|nearly)\s+)?(?:\d[\d,]*\s+)?(?:{_POP_PEOPLE}|[A-Z][a-z]+(?:ans|ers))\b",
        re.I)),
    ("interviewed n", re.compile(r"\b(?:questioned|interviewed|quizzed|surveyed|polled)\s+(?:more\s+than\s+|over\s+|some\s+|about\s+|a\s+sample\s+of\s+)?\d[\d,]*\b", re.I)),
    ("rating", re.compile(r"\b(?:approval|disapproval|popularity|favou?rability|job|performance|personal|negative|positive|poll)\s+ratings?\b", re.I)),
    ("voting intention", re.compile(r"\bvoting\s+intentions?\b", re.I)),
]


CUE_WORDS: tuple[str, ...] = ("poll", "survey", "respondent", "question", "interview", "quizz", "canvass",
                               "asked", "sampl", "rating", "voting", "opinion")
# Literal words each cue pattern needs (checked with ``in`` on the lower-cased sentence).
_CUE_GUARDS: dict[str, tuple[str, ...]] = {
    "those surveyed": ("polled", "questioned", "interviewed", "surveyed", "quizzed", "canvassed", "asked", "sampled"),
    "interviewed n": ("questioned", "interviewed", "quizzed", "surveyed", "polled"),
    "rating": ("rating",), "voting intention": ("voting",), "respondents": ("respondent",),
    "opinion poll": ("opinion",), "survey": ("survey",), "pollster": ("pollster", "polling"),
}


def has_cue_words(lowered: str) -> bool:
    """Whether a lower-cased text starts a word an opinion-poll cue needs (fast pre-test).

    >>> has_cue_words("operating profit rose"), has_cue_words("a new poll showed")
    (False, True)
    """
    # the substring scans are cheaper than the regex and reject most news texts first
    return any(w in lowered for w in CUE_WORDS) and bool(_CUE_WORD_START.search(lowered))


def _survey_sense_polls(sentence: str) -> list[str]:
    """The occurrences of "poll(s)/polled" meaning an opinion poll, not an election."""
    out = []
    election = [m.span() for m in _RE_ELECTION_POLL.finditer(sentence)]
    for m in _RE_POLL_WORD.finditer(sentence):
        if not any(a <= m.start() < b for a, b in election):
            out.append("poll")
    # "according to polling", "recent polling shows": the survey sense ("polling day",
    # "polling stations", "round of polling" are elections, in _RE_ELECTION_POLL)
    for m in re.finditer(r"\bpolling\b(?!\s+(?:firm|company|organi[sz]ation|group|agency|expert)s?\b)", sentence, re.I):
        if not any(a <= m.start() < b for a, b in election):
            out.append("poll")
    for m in re.finditer(r"\bpolled\b", sentence, re.I):
        if (not any(a <= m.start() < b for a, b in election) and re.search(
                r"(?i)\b(?:those|people|adults|voters|\w+s|\d[\d,]*)\s+(?:who\s+were\s+|were\s+)?$|\bwere\s+$",
                sentence[max(0, m.start() - 40):m.start()])) or re.match(r"(?i)polled\s+by\b", sentence[m.start():]):
            out.append("polled")
    return out


def is_election_sense_poll(sentence: str) -> bool:
    """True when every "poll" in the sentence means an election ("local polls", "at the polls").

    >>> is_election_sense_poll("Nakasone's party suffers setbacks in local polls")
    True
    >>> is_election_sense_poll("A Gallup poll showed Labour ahead")
    False
    """
    return bool(_RE_POLL_WORD.search(sentence)) and not _survey_sense_polls(sentence)


def _trie_regex(words: list[str]) -> str:
    """One regex for many literal words, factored as a prefix tree.

    Python's ``re`` tries the alternatives of ``a|b|c`` one by one at every position; a
    prefix tree makes a search over a long article cheap (one branch per letter).

    >>> re.fullmatch(_trie_regex(["MORI", "Marplan", "Mori"]), "Marplan") is not None
    True
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


@functools.lru_cache(maxsize=32)
def pollster_names(pollsters: tuple[str, ...] = KNOWN_POLLSTERS) -> re.Pattern[str]:
    """A pattern matching the distinctive pollster names (longest match), case-sensitive."""
    names = sorted(set(pollsters) | {"Mori"})
    return re.compile(r"(?<![\w-])" + _trie_regex(names) + r"(?![\w-])")


_DEFAULT_POLLSTER_RE = pollster_names()
# Every cue pattern starts its word at a word boundary, so "operating" or "generating" (a
# third of the Reuters stories holding "rating") need not be searched for cues.
_CUE_WORD_START = re.compile(r"\b(?:" + _trie_regex(list(CUE_WORDS)) + ")")


def survey_cues(sentence: str, *, pollster_re: re.Pattern[str] = _DEFAULT_POLLSTER_RE) -> list[str]:
    """Names of the opinion-poll cues found in ``sentence`` (empty list: no evidence).

    Election senses of "poll" ("local polls", "at the polls", the referee Graham Poll) and
    non-poll surveys ("survey ship") do not count.
    """
    low = sentence.lower()
    if not has_cue_words(low):
        # every cue pattern needs one of these words: a cheap test first (most news sentences)
        return ["pollster name"] if pollster_re.search(sentence) else []
    cues = _survey_sense_polls(sentence)
    for name, rx in _CUE_PATTERNS:
        guard = _CUE_GUARDS.get(name)
        if guard is not None and not any(w in low for w in guard):
            continue
        if rx.search(sentence):
            cues.append(name)
    if pollster_re.search(sentence):
        cues.append("pollster name")
    return cues


def population_kind(text: str) -> PopulationKind | None:
    """Who was surveyed, as far as ``text`` says: ``"people"``, ``"expert"`` or ``None``.

    Experts are economists, analysts, dealers and the like, and organisations (companies,
    firms, retailers): their "surveys" are forecasts or business statistics, not opinion polls.

    >>> population_kind("the CBI's monthly trends survey"), population_kind("a poll of 1,012 adults")
    ('expert', 'people')
    """
    if _RE_EXPERT_ORGS.search(text):
        return "expert"
    for rx in _RE_POP_PATTERNS:
        m = rx.search(text)
        if m:
            return "expert" if _RE_POP_EXPERT.match(m.group("pop")) else "people"
    return None


_RE_OF_POP = re.compile(
    rf"^\s*(?:\([^)]*\)\s*)?(?:,\s*)?of\s+(?:the\s+|all\s+|its\s+)?(?:\d[\d,]*\s+)?(?:polled\s+|surveyed\s+|questioned\s+)?"
    rf"(?:[\w.'-]+\s+){{0,3}}?(?P<pop>{_POP_EXPERT}|{_POP_PEOPLE})\b", re.I)


def figure_population(after: str) -> PopulationKind | None:
    """Population named right after a figure: "43 pct of the 1,685 polled U.K. firms".

    >>> figure_population(" of the 1,685 polled U.K. Firms expect"), figure_population(" of those questioned")
    ('expert', 'people')
    """
    m = _RE_OF_POP.match(after)
    if not m:
        return None
    return "expert" if _RE_POP_EXPERT.match(m.group("pop")) else "people"


_RE_ELECTION_RESULT = re.compile(
    r"\b(?:won|win|wins|winning|took|taking|secured|captured|polled|garnered|received|obtained|carried)\b(?:[^.;]|(?<=\d)\.(?=\d)){0,50}?\b(?:of\s+the\s+)?(?:vote|votes|ballots?)\b"
    r"|\bvotes?\s+(?:were\s+)?(?:counted|cast)\b|\belection\s+(?:results?|returns|commission)\b|\bfinal\s+(?:returns|results)\b"
    r"|\bofficial\s+results\b|\bpublic\s+vote\b|(?<!who\s)(?<!who\shad\s)\bvoted\s+(?:to|for|against|out)\b|\bturnout\b|\bballots?\b"
    r"|\breferendum\s+results?\b|\bresults?\s+of\s+the\s+(?:election|referendum|vote)\b|\bin\s+the\s+(?:19|20)\d\d\s+(?:general\s+)?elections?\b"
    r"|\bincreas\w+\s+(?:their|its|his|her)\s+vote\b|\bviewers?\s+(?:poll|vote)\b"
    # "Fine Gael took 38 seats on 20.8 per cent", STV counts' "first preferences": results
    r"|\b(?:won|took|secured|captured|retained)\s+(?:\w+\s+){0,2}?[\w-]+\s+(?:of\s+(?:the\s+|its\s+)?\d+\s+)?seats\b"
    r"|\bfirst[\s-]preferences?\b"
    # "finished the first round with 47.9% before beating ...", "in the January 2021 runoff
    # with 50.6%", "Trump carried Texas by nearly 14 points in 2024"
    r"|\b(?:first|second|final)\s+round\s+(?:with|on)\b|\brun-?off\s+with\b"
    # "Parisi finished third with 19.4%", "the combined vote of the right-wing candidates"
    r"|\bfinished\s+(?:a\s+)?(?:(?:close|distant|strong|narrow|comfortable|poor)\s+)?(?:first|second|third|fourth|fifth|last)\b"
    r"[^.;]{0,40}?\bwith\b|\bcombined\s+vote\b"
    # "finished with just three seats and 14.6 per cent", "its worst showing in a federal election
    # since 1949", "holds more than a third of the chamber": a count's outcome
    r"|\bfinished\s+with\b[^.;]{0,40}?\b(?:seats|of\s+the\s+vote)\b"
    # "Liberal candidate Nadia Haddad took 13.4 per cent, while ... received 6.2 per cent"
    # (not "garnered 10% support", "received about 28 percent of the support": a poll's)
    r"|\b(?:took|received|polled|garnered)\s+(?:just\s+|only\s+|about\s+|nearly\s+|almost\s+)?\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)"
    r"(?!\s+(?:support|backing|of\s+(?:the\s+)?(?:support|backing|respondents|those)))"
    r"|\b(?:worst|best|strongest|weakest|poorest)\s+(?:showing|result|performance)\s+(?:in|at)\s+(?:a|an|any|the)\s+(?:[\w-]+\s+){0,2}?elections?\b"
    r"|\bhold(?:s|ing)?\b[^.;]{0,40}?\bof\s+the\s+(?:chamber|seats|parliament|legislature|assembly)\b"
    # "the first-round results were: Trzaskowski 31.4%", "with 44.9% of the popular vote"
    r"|\b(?:first|second|final|run-?off)[\s-]round\s+(?:results?|vote|count|tally)\b|\bof\s+the\s+popular\s+vote\b"
    r"|\bcarried\s+(?:[A-Z][\w.-]*\s+){1,3}by\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?\d"
    # "defeated Republican Jack Ciattarelli by about 13 points", "voters approved Proposition 50",
    # "won the race for lieutenant governor with 55.4 percent", "carried Loudoun County with 64 percent"
    r"|\b(?:defeated|ousted|unseated|toppled)\s+(?:the\s+)?(?:incumbent\s+)?[A-Z]"
    r"|\bvoters\s+(?:also\s+)?(?:approved|rejected|passed|backed|defeated|renewed|repealed)\s+(?:the\s+|a\s+)?(?:[\w-]+(?:'s|’s)\s+)?"
    r"(?:[\w.%-]+\s+){0,3}?(?:Proposition|Prop\.?|Measure|Question|Amendment|ballot|tax|levy|bond|initiative|referendum)"
    # "The Greens held two seats on 4.8 per cent", "reduced to seven seats on 6.3 per cent of the
    # vote", "The Christian Democrats, on 4.2%, also cleared the threshold", "lost her bid for a
    # seat ... by 1,600 votes": a count's seats, thresholds and margins
    r"|\bseats?\b[^.;]{0,60}?\bon\s+(?:just\s+|only\s+)?\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent|pct)"
    r"|\b(?:clear(?:ed|ing)?|cross(?:ed|ing)?|pass(?:ed|ing)?|miss(?:ed|ing)?)\s+the\s+(?:[\w.%-]+\s+){0,3}?"
    r"(?:threshold|mark)\b"
    # an Australian count's informal ballots and an STV count's quotas ("re-elected with 1.3
    # quotas", "The informal vote was 5.2 per cent")
    r"|\binformal\s+(?:vote|votes|ballots?)\b|\b\d+(?:\.\d+)?\s+quotas?\b|\bwas\s+re-?elected\b"
    r"|\b(?:lost|won)\b[^.;]{0,60}?\bby\s+(?:about\s+|nearly\s+|just\s+|only\s+)?[\d,]+\s+votes\b"
    r"|\bwon\s+the\s+(?:race|seat|primary|nomination|governorship|mayoralty|run-?off)\b[^.;]{0,50}\bwith\b"
    r"|\bcarried\s+(?:[A-Z][\w.-]*\s+){1,3}(?:County|Parish|State|District|Ward)\b"
    # "Labor won the 2022 election with 36.7 per cent of the primary vote"
    r"|\b(?:won|lost)\s+(?:the\s+)?(?:(?:19|20)\d\d\s+|(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+)?(?:general\s+|federal\s+|state\s+|national\s+|presidential\s+|"
    r"parliamentary\s+|snap\s+)?elections?\s+(?:with|on)\b"
    # "Labor won the 2022 election in a landslide, taking 56 of the 88 seats ... with 37 per cent"
    r"|\bwon\s+the\s+(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+)?elections?\b[^.;]{0,80}?\bwith\s+(?:just\s+|only\s+|about\s+|nearly\s+)?\d"
    # "Clinton won the state over Trump by 5 percentage points in 2016" (a past race, not "would win")
    r"|\b(?:won|carried)\s+(?:the\s+)?(?:state|county|district|seat|race|election|primary|caucus(?:es)?|"
    r"nomination|presidency)\b[^.;]{0,40}\bby\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?\d", re.I)


# A count in progress: no poll figure is reported "with 79 percent of precincts reporting"
_RE_COUNTING = re.compile(
    r"\b(?:precincts?|polling\s+(?:stations|places)|districts?|constituencies)\s+(?:were\s+|had\s+)?(?:reporting|counted|in)\b"
    r"|\b(?:votes?|ballots?)\s+(?:were\s+|had\s+been\s+)?(?:counted|tallied|tabulated|processed)\b"
    # "as Election Day precincts came in", "the first batch of early and absentee ballots, released ..."
    r"|\bprecincts?\s+(?:came|come|coming|started\s+coming)\s+in\b|\bballots?\b[^.;]{0,40}\breleased\b|\bpolls\s+closed\b"
    r"|\b(?:with|based\s+on)\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?\d[\d.]*\s*(?:%|percent|per\s*cent|pct)\s+(?:of\s+(?:the\s+)?)?"
    r"(?:precincts|votes|ballots|vote|count|the\s+(?:vote|count))\b"
    # the result set against the polls: "won 52-48 percent ... in defiance of polls"
    r"|\b(?:defying|defied|in\s+defiance\s+of|confounding|confounded|contrary\s+to)\s+(?:the\s+|most\s+|opinion\s+)*polls\b"
    # an Irish count: the parties' tallymen and their tally figures, a count centre
    r"|\btally(?:men|man|\s+(?:figures|results|sheets))\b|\bcount\s+cent(?:re|er)s?\b", re.I)


def is_vote_count(sentence: str) -> bool:
    """The sentence reports a vote count in progress ("with 79 percent of precincts
    reporting"): an election result even beside poll words ("defying the polls").

    >>> is_vote_count("With 79 percent of precincts reporting, Clinton led with 52.1 percent.")
    True
    >>> is_vote_count("Clinton led with 52 percent in the Marist poll.")
    False
    >>> is_vote_count("Leave won 52-48 percent in defiance of polls."), is_vote_count(
    ...     "Likud took 29 seats, based on 99% of the vote.")
    (True, True)
    """
    return bool(_RE_COUNTING.search(sentence))


def is_election_result(sentence: str) -> bool:
    """The sentence reports an election, referendum or public-vote outcome, or turnout.

    People saying how they would vote, and a party that "would" win or fail, are a poll's
    reading, whatever ballot or threshold the sentence names.

    >>> is_election_result("Golkar on target to take 70 pct of the vote, the election commission said")
    True
    >>> is_election_result("41 pct would vote Conservative")
    False
    >>> is_election_result("Among those who voted for the UCP in 2023, support reaches 45 per cent")
    False
    """
    would = _RE_WOULD_VOTE.search(sentence)
    # (but "About half voted for Meehan last year" stays a past vote beside "would vote")
    return any(not would or m.group(0).lower().startswith("voted") for m in _RE_ELECTION_RESULT.finditer(sentence))


_RE_WOULD_VOTE = re.compile(r"\bwould\s+(?:\w+\s+)?(?:vote|back|support|choose|pick|win|get|take|receive|fail|lose|"
                            r"finish|secure|capture)\b", re.I)


_RE_WON_BEFORE = re.compile(
    r"\b(?:won|wins|win|winning|took|takes|secured|captured|polled|garnered|received|obtained|got|gained|"
    r"took|scored|collected|shared)\s+(?:(?:just(?:\s+(?:under|over))?|only|almost|nearly|about|around|some|over|under|"
    r"more\s+than|less\s+than|a\s+record)\s+)?$", re.I)
_RE_HYPOTHETICAL = re.compile(r"\b(?:would|could|might|will|set\s+to|on\s+course\s+to|expected\s+to|likely\s+to)\s+(?:\w+\s+){0,2}$", re.I)
_RE_OF_THE_VOTE = re.compile(r"^\s*(?:of\s+(?:the\s+|all\s+)?(?:\w+\s+)?(?:vote|votes|ballots|poll)\b)", re.I)


# "The Greens won 4.1%", "took a combined 21.2%", "lost office with 34 percent": the figure itself
# is what a party won (checked only where the sentence has no poll cue)
_RE_WON_FIGURE = re.compile(
    # (not "took" or "garnered": "Gary Johnson garnered 10% support" is how polls are reported too)
    r"\b(?:(?:won|secured|captured)\s+(?:just\s+|only\s+|nearly\s+|almost\s+|about\s+|some\s+)?|took\s+a\s+combined\s+"
    r"|(?:lost|won)\s+(?:office|power)\s+with\s+(?:just\s+|only\s+)?|won\s+(?:more|less|fewer)\s+than\s+)$", re.I)


def is_won_figure(before: str) -> bool:
    """The words right before a figure say a party won it ("The Greens won 4.1%"; not "would win").

    >>> is_won_figure("The Greens won "), is_won_figure("The Greens would have won "), is_won_figure("Labour would win ")
    (True, False, False)
    """
    m = _RE_WON_FIGURE.search(before)
    return bool(m and not re.search(r"\b(?:would|could|might)\s+(?:have\s+)?$", before[:m.start()], re.I))


# A clinical study's outcomes ("31% of patients taking the drug, compared with 9% of those on the
# placebo"): health results, not opinions (tests/data/README.md)
_RE_CLINICAL = re.compile(
    r"\bplacebo\b|\btreatment\s+group\b|\bclinical\s+trials?\b|\b(?:trial|study)\s+participants\b"
    r"|\bparticipants\s+in\s+the\s+(?:trial|study|treatment)\b|\bpatients\s+(?:taking|receiving|treated|given)\b"
    r"|\bside\s+effects?\b|\bbody\s+mass\s+index\b", re.I)


def is_clinical(sentence: str) -> bool:
    """The sentence reports a clinical study's results.

    >>> is_clinical("Nausea was reported by 31% of patients taking the drug"), is_clinical("31% of patients said")
    (True, False)
    """
    return bool(_RE_CLINICAL.search(sentence))


def is_won_vote_share(before: str, after: str) -> bool:
    """An actual vote share governed by "won/took/polled ... of the vote" (not "would win").

    >>> is_won_vote_share("the Conservatives won ", " of the vote"), is_won_vote_share("Labour would win ", " of the vote")
    (True, False)
    """
    m = _RE_WON_BEFORE.search(before)
    return bool(m and _RE_OF_THE_VOTE.match(after) and not _RE_HYPOTHETICAL.search(before[: m.start()]))


_RE_TURNOUT = re.compile(r"\bturn(?:out|\s+out)\b", re.I)


def is_turnout(clause: str) -> bool:
    """The words around a figure talk about turnout.

    >>> is_turnout("the average turnout was a record low 59.78 pct")
    True
    """
    return bool(_RE_TURNOUT.search(clause))


_RE_OFFICIAL = re.compile(
    r"\baccording\s+to\s+(?:official|government|industry)\s+(?:figures|statistics|data)\b|\bofficial\s+(?:figures|statistics)\b"
    r"|\bOffice\s+for\s+National\s+Statistics\b|\bONS\b|\bStatistics\s+(?:Department|Bureau|Office|Canada)\b|\bcensus\b"
    # official household surveys: health, labour force, population
    r"|\b(?:Health|Labour\s+Force|Labor\s+Force|Current\s+Population|Household|National\s+Health\s+Interview)\s+Survey\b"
    r"|\bOfcom\b|\bit\s+is\s+estimated\b|\bis\s+estimated\s+(?:that|to)\b|\baccording\s+to\s+(?:analysts|figures)\b"
    r"|\banalysts\s+[A-Z]\w+\b|\bforecasts?\s+predict\b|\bfigures\s+(?:collected|released|published|gathered)\s+by\b"
    r"|\baccording\s+to\s+statistics\b|\bstatistics\s+(?:show|showed|by)\b", re.I)


def is_official_statistic(sentence: str) -> bool:
    """The sentence attributes its numbers to official statistics, estimates or analysts.

    >>> is_official_statistic("About 80% of UK adults own a mobile, according to official figures.")
    True
    """
    low = sentence.lower()
    # every pattern needs one of these (a cheap test first: this runs on every sentence)
    if not any(w in low for w in _OFFICIAL_GUARDS):
        return False
    return bool(_RE_OFFICIAL.search(sentence))


_OFFICIAL_GUARDS = ("official", "office", "ons", "statistic", "census", "ofcom", "estimat", "according", "analysts",
                    "forecast", "figures", "survey")


_ECON = (
    r"inflation|gdp|gnp|growth|output|production|prices?|profits?|earnings|revenues?|sales|"
    r"exports?|imports?|deficit|surplus|budget|tax\s+rates?|interest|(?<!who\s)(?<!they\s)(?<!to\s)rates?|yields?|dividends?|"
    r"stake|stakes(?=\s+(?:in|of)\b)|shares|stock\s+(?:market|index|prices)|index|dollar|dlrs?|yen|stg|sterling|marks|"
    r"currency|unemployment|jobless|wages?|spending|investments?|orders|market\s+share|billion|"
    r"mln(?!\s+(?:people|adults|voters))|million(?!\s+(?:people|adults|voters|Americans|Britons|users|homes|households|electorate|residents|citizens))|tonnes|bpd|barrels|workforce|capacity|costs?|loans?|debt|mortgages?|turnover|"
    r"volume|lending|bonds?|gilts?|futures|base\s+rates?|discount|premium|(?<!point\s)(?<!point-)(?<!points\s)margins?(?!\s+of\s+(?:sampling\s+)?error)|equity|"
    r"assets|reserves|subsid(?:y|ies)|tariffs?|quota|Dow|FTSE|Nikkei|points?\s+(?:lower|higher)(?!\s+than)|"
    r"capital|payments|salary|salaries|income|consumption|demand|supply|money\s+supply|M[0-3]|"
    r"rents?|house\s+prices|property|acreage|crop|harvest|yields|plant|factory|industrial|"
    r"manufacturing|retail|fiscal|quarter|annual(?:ised|ized)?|year-on-year|a\s+year\s+earlier|PPI|CPI|RPI|"
    r"surged|soared|plummeted|rallied")
# (not inside a compound: "a ban on high-capacity magazines", "low-income voters")
_RE_ECON = re.compile(rf"(?<![\w-])(?:{_ECON})\b", re.I)


def has_economic_words(clause: str) -> bool:
    """Economic or financial vocabulary around a figure ("profits rose 4 pct", "of GDP").

    >>> has_economic_words("current profits rose four pct"), has_economic_words("42 pct approved")
    (True, False)
    >>> has_economic_words("a 2-point lead, within the margin of error")  # a poll's margin
    False
    """
    return bool(_RE_ECON.search(clause))


# Verbs that follow a share of respondents ("58 pct believe", "22 pct said"). Deliberately no
# words that are also nouns after a percentage ("a 5 pct rate", "a 10 pct stake", "plan").
_RESPONDENT_VERBS = (
    r"said|say|says|saying|believed?|believes|believing|think|thinks|thought|felt|feel|feels|want|wanted|"
    r"wants|would|will|were|are|had|have|did|do|agreed?|agrees|approved?|approves|disapproved?|"
    r"disapproves|supported|supports|opposed|opposes|backed|favou?red|rejected|rejects|trusted|"
    r"expect|expected|expects|planned|planning|preferred?|prefers|own|owned|owns|used|using|bought|"
    r"buying|knew|know|recogni[sz]ed|regard|regarded|described|rated|chose|choose|choosing|cited|named|"
    r"gave|considered|consider|considering|could|should|might|can|cannot|reported|admitted|claimed|"
    r"identified|blamed|saw|see|sees|found|called|intend|intended|intends|answered|replied|responded|"
    r"voted|rely|relied|relying|got|went|going|visited|watched|never|always|still|also|only|now|already|"
    r"regularly|usually|currently|carry|consult|consulted|looked|lived|held|liked|worried|feared|"
    r"predicted|wanted|expressed|viewed|offered|sold|switched|sent|read|admit|thinking|hoping|hoped|"
    r"wanting|supporting|opposing|backing|owning|accept|accepted|disagreed?|refused|declined\s+to|"
    r"described|mentioned|named|picked|selected|ranked|scored|rated|gave|put|placed|trust|distrust|"
    r"mistrust|fear|worry|believe|approve|disapprove|support|oppose|favou?r|back|prefer|agree|need|needed|"
    r"use|buy|visit|watch|listen|listened|play|played|access|accessed|downloaded|download|shop|shopped|"
    r"said|reckon|reckoned|doubt|doubted|rejected|welcomed|welcome|suspect|suspected")
_RE_RESPONDENT_AFTER = re.compile(
    rf"^\s*\)?\s*(?:\([^)]{{0,40}}\)\s*)?,?\s*(?:(?:of|among)\s+(?:the\s+|all\s+|those\s+)?(?:\d[\d,]*\s+)?(?:[\w'-]+[\s-]+){{0,4}}?(?:{_POP_PEOPLE}|them)\b"
    rf"|(?:[\w'-]+[\s-]+){{0,2}}?(?:{_POP_PEOPLE})\b|(?:of\s+)?(?:those|respondents|people|voters|adults)\b|(?:who|that)\s+(?!is\b|was\b|has\b)|(?:\w+ly\s+)?(?:{_RESPONDENT_VERBS})\b)", re.I)
_RE_RESPONDENT_BEFORE = re.compile(
    rf"\b(?:of|among|by|to|from|for)\s+(?:the\s+|all\s+)?(?:{_POP_PEOPLE})\b[^.;]{{0,30}}$|\b(?:{_POP_PEOPLE})\b,?\s*$|\bgave\s+\w+\s+$", re.I)


_RE_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its)\s+(?:(?:about|around|some|estimated|expected|reported|forecast)\s+)?$", re.I)
_RE_POP_LINK_AFTER = re.compile(
    rf"^\s*\)?\s*(?:\([^)]{{0,40}}\)\s*)?,?\s*(?:(?:of|among)\s+(?:the\s+|all\s+|those\s+)?(?:\d[\d,]*\s+)?(?:[\w'-]+[\s-]+){{0,4}}?(?:{_POP_PEOPLE}|them)\b"
    rf"|(?:[\w'-]+[\s-]+){{0,2}}?(?:{_POP_PEOPLE})\b|(?:of\s+)?(?:those|respondents|people|voters|adults)\b|who\b)", re.I)


def has_respondent_link(before: str, after: str) -> bool:
    """The figure is tied to respondents: "52 per cent of those questioned", "58 pct did not ...".

    A figure after a determiner ("the 0.4% reported", "a 5 pct rate") is a quantity of
    something, so a verb after it is not a respondent link; "of voters" still is.

    >>> has_respondent_link("", " of those surveyed approved"), has_respondent_link("profits rose ", " from a year earlier")
    (True, False)
    >>> has_respondent_link("faster than the ", " reported, according to")
    False
    """
    if _RE_RESPONDENT_BEFORE.search(before):
        return True
    if _RE_DETERMINER_BEFORE.search(before[-25:]) and not re.search(r"(?i)\b(?:remaining|other|rest)\s*$", before):
        return bool(_RE_POP_LINK_AFTER.match(after))
    return bool(_RE_RESPONDENT_AFTER.match(after))


_RE_POLL_MEASURE_NOUN = re.compile(
    r"\b(?:approval|approve[sd]?|disapprov\w*|popularity|popular|rating|ratings|support(?:ed|s)?|backing|backed|lead|ahead|behind|advantage|gap|"
    r"trail\w*|favou?r\w*|oppos\w*|against|trust\w*|confidence|voting|vote|votes|standing)\b", re.I)


def has_poll_measure_words(clause: str) -> bool:
    """Words naming a poll measure near a figure ("approval", "support for", "lead").

    >>> has_poll_measure_words("support for Koizumi has climbed")
    True
    """
    return bool(_RE_POLL_MEASURE_NOUN.search(clause))


_RE_COUNT_AFTER = re.compile(r"^\s*(?:of\s+)?(?:the\s+|all\s+)?(?:[\w'’-]+\s+){0,3}?\d[\d,]{2,}\s+[a-z]", re.I)


def is_fraction_of_a_count(after: str) -> bool:
    """A fraction of a counted group, not of respondents: "half the country's 1,700 coal miners".

    >>> is_fraction_of_a_count(" the country's 1,700 coal miners"), is_fraction_of_a_count(" of voters")
    (True, False)
    """
    return bool(_RE_COUNT_AFTER.match(after))


_NON_PERSON = (
    r"gdp|gnp|gross\s+domestic\s+product|output|sales|exports|imports|shares|stock|capital|market|revenues?|income|budget|"
    r"spending|costs?|pcs|computers|machines|towns|cities|homes|houses|households|companies|firms|"
    r"businesses|workforce|profits?|earnings|total|seats|land|area|trade|world|country|economy|"
    r"production|resources|bill|deficit|debt|reserves|population\s+growth|cases|bodies|days|time|"
    r"votes\s+cast|ballots|vote\s+counted|traffic|visits|e-?mails|web\s*sites|net\s+visits|"
    r"merchandise|handsets|phones|funds|loans|assets|deposits|oil|gas|electricity|"
    # a poll's method: "a third of responses were gathered before ...", "half of the interviews"
    r"responses|interviews|(?:the\s+)?sample|fieldwork|"
    # a player's or a team's record: "77.9 percent of his passes", "55 percent of trips"
    r"passes|throws|trips|shots|attempts|possessions|kicks|free\s+throws|field\s+goals|snaps|plays|the\s+time")
_RE_NON_PERSON_OF = re.compile(
    rf"^\s*of\s+(?:the\s+|all\s+|its\s+|their\s+|total\s+|his\s+|her\s+)*(?:[\w'-]+\s+){{0,2}}?(?:{_NON_PERSON})\b"
    # "shooting 49.7% from the field and 38.5% from 3-point range": a team's shooting record
    r"|^\s*from\s+(?:the\s+field|the\s+floor|the\s+(?:free-throw\s+|foul\s+)?line|beyond\s+the\s+arc|deep|"
    r"(?:three|3)-point\s+range|the\s+spot)\b", re.I)


def is_share_of_non_people(after: str) -> bool:
    """The figure is a share of things, not of people: "of GDP", "of PCs", "of UK towns".

    >>> is_share_of_non_people(" of GDP"), is_share_of_non_people(" of those asked")
    (True, False)
    """
    return bool(_RE_NON_PERSON_OF.match(after))


_RE_TARGET = re.compile(
    r"\b(?:aims?|targets?|goals?|objective|ambition|pledge|promise)\s+(?:of|to|is\s+to|for)\s+(?:(?!and\b|but\b)\w+\s+){0,3}$"
    r"|\b(?:aim(?:s|ed|ing)?|target(?:s|ed|ing)?)\s+(?:to\s+|at\s+)(?:(?!and\b|but\b)\w+\s+){0,2}$", re.I)


def is_target(before: str) -> bool:
    """A goal or target, not a measurement: "the aim of reaching 85% of the population".

    >>> is_target("the current aim of reaching "), is_target("the poll found ")
    (True, False)
    """
    return bool(_RE_TARGET.search(before) or (
        re.search(r"(?i)\b(?:aims?|targets?|goals?|objective|ambition)\b", before)
        and re.search(r"(?i)\b(?:reach\w*|hit|hitting|achiev\w*|attain\w*)\s+(?:\w+\s+){0,2}$", before)))


__all__ = [
    "AMBIGUOUS_POLLSTERS",
    "KNOWN_POLLSTERS",
    "figure_population",
    "has_economic_words",
    "has_poll_measure_words",
    "has_respondent_link",
    "is_election_result",
    "is_election_sense_poll",
    "is_fraction_of_a_count",
    "is_official_statistic",
    "is_share_of_non_people",
    "is_target",
    "is_turnout",
    "pollster_names",
    "population_kind",
    "survey_cues",
]
