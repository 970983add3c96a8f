"""Who or what a poll figure is about (subject) and what was measured (measure).

Entities are found with a documented, extendable alias table for parties (:data:`PARTY_ALIASES`)
and simple cues for people (a title before a capitalised name, a possessive such as
"Reagan's handling", "support for Koizumi"); a surname seen once with a title is recognised
alone later in the article. Figures in an enumeration ("the Conservatives with 41 pct, Labour
with 35 pct and the Alliance with 21 pct") each take the entity of their own slot.

>>> ents = find_entities("the Conservatives with 41 pct of the vote, Labour with 35 pct")
>>> [(e.name, e.kind) for e in ents]
[('Conservative', 'party'), ('Labour', 'party')]
>>> measure_from_words(" of those surveyed approved Reagan's handling", subject_kind="person")
'approve'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Literal

from .context import _POP_PEOPLE

EntityKind = Literal["party", "person", "topic"]

#: Party names and their canonical form (case-sensitive patterns; longest forms first).
#: Extend with ``extract(..., parties={"pattern": "Canonical"})``.
PARTY_ALIASES: dict[str, str] = {
    r"(?:Liberal-Social\s+Democratic|Social\s+Democratic-Liberal|Social\s+Democrat-Liberal|SDP-Liberal|Liberal-SDP|Liberal/SDP)\s+[Aa]lliance": "Alliance",
    r"(?<![A-Z]\w\s)(?<![A-Z]\w\w\s)(?<![A-Z]\w\w\w\s)(?<![A-Z]\w{4}\s)(?<![A-Z]\w{5}\s)(?<![A-Z]\w{6}\s)(?<![A-Z]\w{7}\s)Alliance\b": "Alliance",
    r"Liberal\s+Democrats?|Lib\s?Dems?\b": "Liberal Democrats",
    r"Liberal\s+Democratic\s+Party|LDP\b": "LDP",
    # "the PCs": Ontario's and Alberta's Progressive Conservatives (the plural only: "PC" is also a computer)
    r"Progressive\s+Conservatives?|PCs\b|PC\s+[Pp]arty\b": "Progressive Conservative",
    r"Conservative\s+Party|Conservatives|Conservative(?!\s+(?:leader|MP|government|chairman|shadow|spokes\w+))|Tories|Tory(?!\s+(?:leader|MP|spokes\w+|shadow))": "Conservative",
    r"Labour\s+Party|Labor\s+Party|Labour(?!\s+(?:leader|MP|MPs|government|spokes\w+|Party\s+leader))": "Labour",
    r"Liberal-National": "Liberal-National",
    r"National\s+Party|National's|Nationals\b": "National",
    r"Liberal\s+Party|Liberals\b": "Liberal",
    # "Social Democrats" are Sweden's, Denmark's, Ireland's as well as Britain's SDP of the 1980s:
    # the name as written, "SDP" only where the article writes it
    r"SDP\b": "SDP", r"Social\s+Democrats|Social\s+Democratic\s+Party": "Social Democrats",
    r"CDU/CSU|CDU-CSU|CSU/CDU": "CDU/CSU",
    r"Christian\s+Democrats|CDU\b": "Christian Democrats",
    r"SPD\b": "SPD", r"FDP\b|Free\s+Democrats\b|Free\s+Democratic\s+Party": "FDP", r"Greens\b|Green\s+Party": "Green",
    r"Partido\s+Popular\b|PP\b": "PP",
    r"Scottish\s+National\s+Party|SNP\b": "SNP", r"Plaid\s+Cymru": "Plaid Cymru",
    r"UK\s+Independence\s+Party|UKIP\b": "UKIP", r"BNP\b": "BNP", r"Veritas\b": "Veritas",
    r"Reform\s+UK\b|Reform\s+Party\b": "Reform",
    # Australia's Labor without "Party" (never the Labor Department, Day, Secretary ...)
    r"(?<!of\s)Labor\b(?!\s+(?:Day|Department|Dept|Secretary|Statistics|Relations|Board|[Uu]nions?|[Mm]arkets?|[Ff]orce|[Cc]osts?|[Ll]aws?|[Rr]ights|[Ss]hortages?|[Dd]ispute))": "Labour",
    r"Democratic\s+Party|Democrats\b": "Democrats", r"Republican\s+Party|Republicans\b|GOP\b": "Republicans",
    r"Socialists\b|Socialist\s+Party": "Socialist", r"Communists\b|Communist\s+Party": "Communist",
    r"Golkar\b": "Golkar", r"Likud\b": "Likud", r"PMDB\b": "PMDB",
    # parties of the polls users bring most often beyond the US and UK (Canada, Germany, France,
    # Ireland, Northern Ireland, Australia)
    r"New\s+Democratic\s+Party|New\s+Democrats\b|NDP\b": "NDP",
    r"Bloc\s+Qu[ée]b[ée]cois\b": "Bloc Québécois",
    r"Alternative\s+f(?:o|ü)r\s+(?:Germany|Deutschland)|AfD\b": "AfD", r"BSW\b": "BSW",
    r"Die\s+Linke\b|Left\s+Party\b": "Die Linke",
    r"National\s+Rally\b|Rassemblement\s+National\b": "National Rally",
    r"La\s+France\s+Insoumise\b|France\s+Unbowed\b|LFI\b": "La France Insoumise",
    r"Sinn\s+F[ée]in\b": "Sinn Féin", r"Fianna\s+F[áa]il\b": "Fianna Fáil", r"Fine\s+Gael\b": "Fine Gael",
    r"Aont[úu]\b": "Aontú", r"People\s+Before\s+Profit(?:[\s–-]+Solidarity)?\b|PBP\b": "People Before Profit",
    r"Democratic\s+Unionist\s+[Pp]arty|DUP\b": "DUP", r"One\s+Nation\b": "One Nation",
    r"Ulster\s+Unionist\s+[Pp]arty|UUP\b": "UUP", r"Traditional\s+Unionist\s+Voice|TUV\b": "TUV",
    r"Social\s+Democratic\s+and\s+Labour\s+[Pp]arty|SDLP\b": "SDLP",
    r"Parti\s+Qu[ée]b[ée]cois|PQ\b": "Parti Québécois", r"Coalition\s+Avenir\s+Qu[ée]bec|CAQ\b": "CAQ",
    r"Qu[ée]bec\s+[Ss]olidaire\b": "Québec solidaire", r"People's\s+Party\s+of\s+Canada|PPC\b": "People's Party",
    r"New\s+Zealand\s+First|NZ\s+First\b": "NZ First", r"Te\s+P[āa]ti\s+M[āa]ori|M[āa]ori\s+Party": "Te Pāti Māori",
    # Australia's Liberal-National Coalition (not "Coalition for ...", "Civic Coalition")
    r"(?<!Civic\s)Coalition\b(?!\s+(?:for|of|to|against|government|partners?|talks|agreement))": "Coalition",
    r"Civic\s+(?:Coalition|Platform)\b": "Civic Coalition", r"Law\s+and\s+Justice\b|PiS\b": "PiS",
    r"Brothers\s+of\s+Italy|Fratelli\s+d'Italia": "Brothers of Italy", r"Forza\s+Italia\b": "Forza Italia",
    r"Five\s+Star\s+Movement|M5S\b": "Five Star Movement", r"PSOE\b": "PSOE",
    r"New\s+Popular\s+Front\b": "New Popular Front", r"Les\s+R[ée]publicains\b": "Les Républicains",
    r"PVV\b": "PVV", r"VVD\b": "VVD", r"D66\b": "D66", r"BJP\b|Bharatiya\s+Janata\s+Party": "BJP",
    r"ANC\b|African\s+National\s+Congress": "ANC",
    r"DPP\b|Democratic\s+Progressive\s+Party": "DPP", r"KMT\b|Kuomintang\b": "KMT", r"Economic\s+Freedom\s+Fighters|EFF\b": "EFF",
}

# A party-like proper name: capitalised words ending in a party word ("Civic Union", "Green
# League", "National Democrats"); canonicalised through PARTY_ALIASES when one matches it all.
# (a possessive only just before the head: "Polish People's Party", "Workers' Party"; not
# "Trump's Republican Party")
_RE_PARTY_PHRASE = re.compile(
    r"(?<![\w'-])(?:(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+){1,3}|(?:[A-Z][a-z]+\s+){0,2}(?:People(?:'s|’s)|[A-Z][a-z]+s['’])\s+)(?:Party|League|Union|Alliance|Democrats|Front|Movement|"
    r"Congress|Coalition|Bloc|Federation|Rally|Forum|Socialists|Liberals|Conservatives|Greens|Republicans)\b")
_NOT_PARTY_PHRASE = re.compile(
    r"^(?:European|Soviet|Monetary|Customs|Postal|Trade|Students'?|Mothers'?|Credit|Rugby|Football|Cricket|"
    r"Software|Business|Farmers'?|National\s+Farmers'?|Western|Atlantic|Oxford|Cambridge|African\s+Union|"
    r"American\s+Civil\s+Liberties|Consumers'?|Retail|Energy|Airline|Banking)\b")
_TITLE = (r"(?:President|Vice\s+President|Prime\s+Minist?er|Premier|Chancellor|Mr|Mrs|Ms|Miss|Dr|Senator|Sen\.|"
          r"Governor|Gov\.|[Ll]eader|Minister|Secretary|Speaker|candidate|King|Queen|Mayor|"
          r"Representative|Rep\.|Congressman|Congresswoman|chairman|chairwoman|Chairman|Chairwoman|"
          r"Pope|Prince|Princess|Lord|Lady|Sir|Dame|Chief\s+Minister|Foreign\s+Secretary|Home\s+Secretary)")
# ("Lee Jae-myung", "Ocasio-Cortez", "McDonald", "DeSantis", "O'Rourke")
_NAME_TOK = r"(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:-[A-Za-z][a-z]+)?"
# the lower-case particles of a surname ("Rhun ap Iorwerth", "Ursula von der Leyen", "Charles de Gaulle")
_PARTICLES = ("ap", "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "dos", "das", "le", "la", "bin", "ibn")
_PARTICLE = r"(?:" + "|".join(_PARTICLES) + r")"


def surname(tokens: list[str]) -> str:
    """The surname among a name's tokens: the last with the particles before it, except in the
    East Asian order, where a hyphenated given name follows the family name ("Lee Jae-myung").

    >>> surname(["Lee", "Jae-myung"]), surname(["Alexandria", "Ocasio-Cortez"]), surname(["Keir", "Starmer"])
    ('Lee', 'Ocasio-Cortez', 'Starmer')
    >>> surname(["Rhun", "ap", "Iorwerth"]), surname(["Ursula", "von", "der", "Leyen"])
    ('ap Iorwerth', 'von der Leyen')
    """
    if len(tokens) >= 2 and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", tokens[-1]):
        return tokens[-2]
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1] in _PARTICLES:
        i -= 1
    return " ".join(tokens[i:])
# (a middle initial may stand between the names: "Secretary Robert F. Kennedy Jr.")
_RE_TITLED = re.compile(rf"\b{_TITLE}\.?\s+(?P<name>(?:{_NAME_TOK}\s+(?:[A-Z]\.\s+)?){{0,2}}"
                        rf"(?:{_PARTICLE}\s+){{0,2}}{_NAME_TOK})(?:'s|’s)?\b")
_RE_POSSESSIVE = re.compile(
    rf"\b(?P<name>{_NAME_TOK})(?:'s|’s)\s+(?:\w+\s+)?(?:handling|performance|approval|popularity|rating|government|policies|"
    r"policy|party|decision|record|leadership|administration|standing|presidency|Conservatives|Labour|Tories|"
    r"Liberal|Democrats|Republicans|Party|campaign|job)\b")
_RE_THE_WAY = re.compile(rf"\bthe\s+way\s+(?:{_TITLE}\.?\s+)?(?P<name>(?:{_NAME_TOK}\s+)?{_NAME_TOK})\s+(?:is|was|has\s+been|had\s+been)\s+(?:handling|doing|running|leading)\b")
_RE_SUPPORT_FOR = re.compile(
    r"\b(?i:support|backing|approval|disapproval|popularity|confidence|trust|rating|ratings)\s+(?:for|of|in)\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}|[a-z][\w'-]*(?:\s+(?:of\s+|on\s+)?[a-z][\w-]*){0,3})")
_NOT_PERSON = re.compile(
    r"^(?:The|A|An|It|He|She|They|This|That|But|And|In|On|At|Of|For|By|With|From|As|If|When|Britain|Japan|"
    r"America|Europe|Iraq|Iran|London|Tokyo|Washington|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Government|Parliament|Congress|Commons|House|Senate|Minister|Party|Opposition|Street|Poll|Survey|"
    r"Research|Times|News|Post|Reuters|BBC|MORI|Gallup|Harris|Marplan|Prime|President|Chancellor|"
    r"Jr|Sr|II|III|IV)$")  # ("Ferdinand Marcos Jr.": the surname is Marcos)
_STOP = set("""a an the of to in on at for by with from and or but that this these those it its their his her
they them he she we you i is are was were be been being have has had do does did would will could should
might may can not no more most less than as so such very also only just about some any all each every
said say says saying think thought believe believed feel felt percent pct per cent of those polled
questioned surveyed asked respondents people who which what when where while there here if then""".split())


@dataclass(frozen=True)
class Entity:
    """A party or person mention: canonical name and offsets in the sentence."""

    start: int
    end: int
    name: str
    kind: EntityKind


def compile_parties(extra: dict[str, str] | None = None) -> list[tuple[re.Pattern[str], str]]:
    """The party alias table as compiled patterns (``extra`` entries are tried first)."""
    return list(_compile_parties(tuple((extra or {}).items())))


@functools.lru_cache(maxsize=32)
def _compile_parties(extra: tuple[tuple[str, str], ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    table = {**dict(extra), **PARTY_ALIASES}
    # (the group: the word-start test must hold for every alternative, or "PP\b" of
    # "Partido Popular|PP" matches inside "DPP")
    return tuple((re.compile(rf"(?<![\w-])(?:{pat})"), canon) for pat, canon in table.items())


_DEFAULT_PARTIES = compile_parties()


_OFFICE = (r"(?:Vice[\s-]+President|Deputy\s+Prime\s+Minister|Opposition\s+Leader|Leader\s+of\s+the\s+Opposition|"
           r"Prime\s+Minister|(?<!Vice\s)(?<!Vice-)President|(?<!Deputy\s)Premier|Chancellor|Governor|Mayor|Taoiseach|"
           r"First\s+Minister)")
#: The offices a bare mention of which ("the Prime Minister's rating") stands for its holder.
OFFICES = frozenset({"prime minister", "president", "premier", "chancellor", "governor", "mayor",
                     "taoiseach", "first minister"})
_RE_TITLE_NAME = re.compile(rf"\b(?P<title>{_OFFICE})\s+(?P<name>(?:{_NAME_TOK}\s+){{0,2}}{_NAME_TOK})\b")
_RE_NAME_OFFICE = re.compile(
    rf"\b(?P<name>(?:{_NAME_TOK}\s+){{0,2}}{_NAME_TOK}),\s+(?:a|the)\s+(?P<former>former\s+)?"
    r"(?P<title>(?i:secretary\s+of\s+state|vice[\s-]+president|president|prime\s+minister|governor|mayor))\b")
_RE_BARE_OFFICE = re.compile(rf"\b(?:the\s+)(?P<title>{_OFFICE})\b(?:'s|’s)?(?!\s+[A-Z])", re.I)


def offices_in(sentence: str) -> dict[str, str]:
    """Offices named with their holder ("Prime Minister Ilse Varga" -> {"prime minister": "Varga"}).

    >>> offices_in("Marrovian Prime Minister Ilse Varga said")
    {'prime minister': 'Varga'}
    >>> offices_in("former President Donald Trump")
    {'former president': 'Trump'}
    """
    out = {}
    for m in _RE_TITLE_NAME.finditer(sentence):
        toks = _name_tokens(m.group("name"))
        if toks:
            # "former President Donald Trump" is not "the president" of the article
            former = "former " if re.search(r"(?i)\bformer\s+$", sentence[max(0, m.start() - 8):m.start()]) else ""
            out[former + " ".join(m.group("title").lower().split())] = surname(toks)
    for m in _RE_NAME_OFFICE.finditer(sentence):
        # "Hillary Clinton, the former secretary of state, ...": the office after the name
        toks = _name_tokens(m.group("name"))
        if toks:
            out.setdefault(("former " if m.group("former") else "") + " ".join(m.group("title").lower().split()), surname(toks))
    return out


# pollsters' names that are also surnames: after a first name they are the surname ("Vice
# President Kamala Harris", "Kamala Harris said"); alone they stay pollsters
_SURNAME_TOO = frozenset({"Harris", "Gallup"})


def _name_tokens(name: str) -> list[str]:
    """The tokens of a name after a title, without words that are never part of a person's name.

    >>> _name_tokens("Kamala Harris"), _name_tokens("Trump Monday"), _name_tokens("Harris")
    (['Kamala', 'Harris'], ['Trump'], [])
    """
    raw = name.split()
    return [t for i, t in enumerate(raw) if not _NOT_PERSON.match(t)
            or (t in _SURNAME_TOO and i > 0 and not _NOT_PERSON.match(raw[i - 1]))]


def find_entities(sentence: str, *, known_people: set[str] | None = None,
                  parties: list[tuple[re.Pattern[str], str]] | None = None,
                  offices: dict[str, str] | None = None) -> list[Entity]:
    """Parties and people mentioned in ``sentence``, in order, without overlaps.

    ``offices`` maps an office to its holder, so "the Prime Minister" is that person.
    """
    found: list[Entity] = []

    def add(s: int, e: int, name: str, kind: EntityKind) -> None:
        if not any(s < b.end and b.start < e for b in found):
            found.append(Entity(s, e, name, kind))

    table = parties or _DEFAULT_PARTIES
    for m in _RE_PARTY_PHRASE.finditer(sentence):
        phrase = " ".join(m.group(0).split())
        first = phrase.split()[0]
        if first in ("The", "A", "An", "Her", "His", "Their", "Its", "Our", "New", "In", "On") and len(phrase.split()) > 2:
            phrase = phrase.split(" ", 1)[1]
        elif first in ("The", "A", "An", "Her", "His", "Their", "Its", "Our", "In", "On"):
            continue
        if _NOT_PARTY_PHRASE.match(phrase):
            continue
        canon = next((c for rx, c in table if rx.fullmatch(phrase)), phrase)
        add(m.end() - len(m.group(0).split(" ", 1)[1]) if phrase != " ".join(m.group(0).split()) else m.start(),
            m.end(), canon, "party")
    for rx, canon in table:
        for m in rx.finditer(sentence):
            add(m.start(), m.end(), canon, "party")
    for m in _RE_TITLED.finditer(sentence):
        toks = _name_tokens(m.group("name"))
        if toks:
            add(m.start("name"), m.end("name"), surname(toks), "person")
    for m in _RE_POSSESSIVE.finditer(sentence):
        if not _NOT_PERSON.match(m.group("name")):
            add(m.start("name"), m.end("name"), m.group("name"), "person")
    for m in _RE_THE_WAY.finditer(sentence):
        add(m.start("name"), m.end("name"), m.group("name").split()[-1], "person")
    for name in known_people or ():
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence):
            add(m.start(), m.end(), name, "person")
    for m in _RE_BARE_OFFICE.finditer(sentence):
        title = " ".join(m.group("title").split())
        holder = (offices or {}).get(title.lower())
        # "the Prime Minister" is its holder when the article named them, else the office itself
        add(m.start("title"), m.end("title"), holder or title.title().replace("Of", "of"), "person")
    for m in _RE_SUPPORT_FOR.finditer(sentence):
        caps = re.match(r"(?:[A-Z][\w'-]*\s*)+", m.group("name"))
        if caps and not _NOT_PERSON.match(caps.group(0).split()[0]):
            toks = [re.sub(r"(?:'s|’s)$", "", t) for t in caps.group(0).split()]
            # "support for Koizumi": a person; "support for the Strait Crossing": a named project
            person = len(toks) == 1 or toks[-1] in (known_people or ()) or (len(toks) == 2 and not _RE_THING.search(toks[-1]))
            add(m.start("name"), m.start("name") + len(caps.group(0).rstrip()),
                toks[-1] if person else " ".join(toks), "person" if person else "topic")
    found.sort(key=lambda e: e.start)
    return found


_RE_THING = re.compile(
    r"^(?:Bridge|Crossing|Tunnel|Project|Plan|Bill|Act|Treaty|Agreement|Accord|Scheme|Tax|Law|Reform|War|Union|"
    r"Party|League|Alliance|Programme|Program|Initiative|Strategy|Policy|Budget|Constitution|Referendum|Games|"
    r"Olympics|Cup|Dome|Railway|Airport|Line|Road|Station|Centre|Center|Service|Card|Charter|Directive)$")
_ORG_WORD = re.compile(
    r"(?:Research|Group|Courant|News|Times|Post|Party|Union|League|Alliance|Democrats|Council|Bank|Board|Agency|"
    r"Ministry|Department|Office|Institute|Centre|Center|Association|Society|Commission|Committee|Court|House|"
    r"Street|Road|City|County|Corporation|Company|Inc|Ltd|Herald|Clarion|Telegraph|Guardian|Observer|Journal|"
    r"Review|Radio|Television|Channel|Service|Services|University|College|School|Club|Bridge|Crossing|Strait)$")
_RE_FULL_NAME_VERB = re.compile(
    r"(?<![\w-])(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?:'s|’s)?\s+"
    r"(?:has|had|is|was|said|says|will|would|told|remains|remained|won|lost|faces|faced|took|announced|insisted|admitted)\b")


def people_in(sentence: str) -> set[str]:
    """Surnames introduced with a title ("Prime Minister Bob Hawke" -> "Hawke").

    >>> sorted(people_in("President Ronald Reagan and opposition leader John Howard"))
    ['Howard', 'Reagan']
    """
    out = set()
    for m in _RE_TITLED.finditer(sentence):
        toks = _name_tokens(m.group("name"))
        if toks:
            out.add(surname(toks))
    for m in _RE_POSSESSIVE.finditer(sentence):
        if not _NOT_PERSON.match(m.group("name")):
            out.add(m.group("name"))
    for m in _RE_FULL_NAME_VERB.finditer(sentence):
        # "Ilse Varga has ...": a first and last name before a verb (not an organisation)
        if not (_NOT_PERSON.match(m.group("first")) or _NOT_PERSON.match(m.group("last"))
                or _ORG_WORD.search(m.group("last")) or _RE_THING.match(m.group("last"))):
            out.add(m.group("last"))
    return out


def full_names_in(sentence: str) -> set[str]:
    """People's full names ("First Last") introduced with a title or before a verb.

    >>> sorted(full_names_in("Prime Minister Ilse Varga said so; opposition leader Marek Holm disagreed."))
    ['Ilse Varga', 'Marek Holm']
    >>> full_names_in("Mr Reagan said"), full_names_in("Gallup Research has found")
    (set(), set())
    >>> full_names_in("Vice President Kamala Harris said"), full_names_in("Kamala Harris has said")
    ({'Kamala Harris'}, {'Kamala Harris'})
    """
    out = set()
    for m in _RE_TITLED.finditer(sentence):
        toks = _name_tokens(m.group("name"))
        if len(toks) >= 2:
            # the given name before the surname and its particles ("Rhun ap Iorwerth")
            k = len(surname(toks).split())
            if len(toks) > k:
                out.add(" ".join(toks[-k - 1:]))
    for m in _RE_FULL_NAME_VERB.finditer(sentence):
        if not (_NOT_PERSON.match(m.group("first"))
                or (_NOT_PERSON.match(m.group("last")) and m.group("last") not in _SURNAME_TOO)
                or _RE_TITLE_WORD.match(m.group("first"))
                or _ORG_WORD.search(m.group("last")) or _RE_THING.match(m.group("last"))):
            out.add(f"{m.group('first')} {m.group('last')}")
    return out


_RE_TITLE_WORD = re.compile(rf"^{_TITLE}$")


_RE_FOR_ENTITY_AFTER = re.compile(
    r"^\s*(?:(?:point\s+|percentage\s+point\s+)?(?:drop|fall|decline|rise|gain|increase|lead|advantage|support|backing|rating)\s+)?"
    r"(?:each\s+)?(?:for|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?$")
_RE_VERB_ENTITY_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:of\s+(?:the\s+|those\s+|all\s+)?(?:[\w'-]+\s+){0,4}?)?(?:said\s+(?:they\s+)?)?(?:would\s+)?(?:have\s+)?"
    r"(?:supported|support|backed|back|favou?red|favou?r|approved\s+of|approved|approve|disapproved\s+of|disapproved|"
    r"disapprove|vote\s+for|voted\s+for|vote|preferred|prefer|trust(?:ed)?|gave|give|rated|chose|named|picked|"
    r"liked|like|opposed|oppose|believed|believe|thought|think|said|named|identified|recognised|knew|"
    r"wanted|want|expected|expect)\s+(?:that\s+)?(?:of\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?$")


_RE_PURE_GAP = re.compile(r"^\s*(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?$")


_RE_OWNS_NEXT = re.compile(r"^(?:'s|’s)\s+(?:[a-z]+\s+){0,2}?\d")


def entity_for_slot(before: str, after: str, before_ents: list[Entity], after_ents: list[Entity],
                    after_offset: int) -> Entity | None:
    """The entity a figure belongs to, from the text between it and its neighbours.

    ``after_ents`` must carry offsets relative to the start of ``after`` minus ``after_offset``.
    An entity right after the figure joined by "for"/"to" or by a verb ("backed the
    Conservatives") wins; otherwise the last entity before the figure in its slot.
    """
    for e in after_ents:
        gap = after[: e.start - after_offset]
        if len(gap) > 60 or re.search(r"[,;]\s*(?:and|while|but|whereas)\b", gap):
            break
        if _RE_OWNS_NEXT.match(after[e.end - after_offset:]):
            break  # "on 42 per cent to the Civic Union's 28 per cent": the next figure is its own
        if _RE_FOR_ENTITY_AFTER.match(gap) or _RE_VERB_ENTITY_AFTER.match(gap):
            return e
        # "38 per cent the Conservatives": the entity right after, with no comma or "and" between
        if not before_ents and _RE_PURE_GAP.match(gap) and not re.search(r"\b(?:and|or|but|while|against)\b", gap):
            return e
        break
    return before_ents[-1] if before_ents else None


_RE_TOPIC_PREFIX = re.compile(
    rf"^\s*(?:\([^)]*\)\s*)?,?\s*(?:(?:of|among)\s+(?:the\s+|those\s+|all\s+)?(?:[\w'-]+\s+){{0,4}}?"
    rf"(?:(?:polled|questioned|surveyed|asked|interviewed|quizzed)\b|(?:{_POP_PEOPLE})\b(?:\s+(?:polled|questioned|surveyed|asked|interviewed|quizzed)\b)?))?"
    r"(?:\s+by\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)*)?(?:\s+for\s+(?:the\s+)?[A-Z][\w&-]*(?:\s+(?:on\s+|of\s+)?[A-Z][\w&-]*)*)?,?", re.I)
_VERBISH = re.compile(r"^(?:[a-z]+ed|going|saying|using|doing|having|getting|making|taking|planning|considering|"
                      r"thinking|wanting|buying|looking|trying|expecting|hoping|own|owns|use|uses|want|wants|think|believe|believes|feel|feels|know|"
                      r"oppose|opposes|support|supports|back|backs|favour|favours|favor|approve|approves|"
                      r"disapprove|reject|rejects|trust|trusts|like|likes|prefer|prefers|need|needs|expect|"
                      r"expects|fear|fears|agree|agrees|disagree|say|says|said|rely|relies|plan|plans|"
                      r"see|sees|buy|buys|get|gets|keep|keeps|rely|find|finds|go|goes|take|takes|read|make|makes|"
                      r"bought|thought|felt|knew|saw|got|kept|found|went|took|made|sold|held|sent|put)$")


_SKIP_TOPIC = {"do", "does", "make", "go", "never", "always", "either", "neither", "up", "out", "themselves",
               "himself", "herself", "sort", "same", "two", "three", "much", "many", "even", "already",
               "now", "just", "really", "quite", "rather", "near", "few", "own", "other", "another", "how",
               "why", "whether", "least", "less", "most", "new", "get", "tell", "idea", "under", "over",
               "aged", "currently", "online", "wouldn't", "don't", "didn't", "won't", "can't", "majority"}


_RE_POP_WORD = re.compile(rf"^(?:{_POP_PEOPLE})$", re.I)
_RE_TOPIC_BEFORE = re.compile(
    r"\b(?:support|backing|approval|disapproval|opposition|confidence|trust|satisfaction)\s+(?:for|of|in|with|to)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<t>[a-z][\w-]*(?:\s+(?!has\b|have\b|had\b|is\b|was\b|fell\b|rose\b)[a-z][\w-]*){0,2})"
    r"|\b(?:the\s+)?(?P<p>[a-z][\w-]*)(?:'s|’s)\s+(?:job\s+)?(?:approval|popularity|favou?rability|disapproval|trust)\s+ratings?"
    r"|\b(?:proportion|percentage|share|number)\s+(?:of\s+\w+\s+)?(?:saying|who\s+sa(?:y|id)|believing|thinking)\s+(?:that\s+)?(?:the\s+)?(?P<s>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.I)


def topic_from_slot(before: str) -> str | None:
    """A topic named before a figure: "Support for independence has risen ...", "the president's approval rating".

    >>> topic_from_slot("Support for the government fell four points to "), topic_from_slot("The president's approval rating stands at ")
    ('government', 'president')
    """
    found = None
    for m in _RE_TOPIC_BEFORE.finditer(before):
        found = m
    if not found:
        return None
    t = found.group("t") or found.group("p") or found.group("s")
    words = [w for w in t.split() if w.lower() not in _STOP]
    return " ".join(words[:3]) or None


_RE_POLL_PHRASE = re.compile(
    r"\b(?:in|by|for|from|according\s+to)\s+(?:the\s+|a\s+|an\s+)?(?:[\w/&'-]+\s+){0,5}?(?:poll|polls|survey|surveys|study|research)\b.*",
    re.I | re.S)


def topic_from_words(after: str) -> str | None:
    """A short topic noun phrase for a figure without a named party or person.

    >>> topic_from_words(" believe hostile takeovers do more harm than good")
    'hostile takeovers'
    >>> topic_from_words(" of readers have switched suppliers")
    'suppliers'
    """
    m = _RE_TOPIC_PREFIX.match(after)
    rest = after[m.end():] if m else after
    rest = _RE_POLL_PHRASE.sub(" ", rest)  # "in the December Meridian poll" names the poll, not the topic
    words: list[str] = []
    for raw in re.split(r"\s+", rest.strip())[:12]:
        w = raw.strip(",.;:'\"()")
        wl = w.lower()
        if not w or re.fullmatch(r"\d[\d,.%]*", wl):
            if words:
                break
            continue
        if wl in _STOP or _VERBISH.match(wl) or wl.endswith("ly") or wl in _SKIP_TOPIC or _RE_POP_WORD.match(wl) \
                or re.fullmatch(r"[A-Z][a-z]+(?:ians|ans|ese)", w):
            if words or raw[-1:] in ",;:":
                break  # the clause ended before any topic word
            continue
        words.append(w)
        if len(words) == 3 or raw[-1:] in ",.;:)":
            break
    return " ".join(words) or None


_MEASURES: list[tuple[str, re.Pattern[str]]] = [
    ("disapprove", re.compile(r"\bdisapprov\w*|\bnegative\s+(?:\w+\s+)?rating", re.I)),
    ("approve", re.compile(r"\bapprov\w*|\bpositive\s+(?:\w+\s+)?rating", re.I)),
    ("distrust", re.compile(r"\b(?:not|n't|never|distrust)\s+(?:\w+\s+)?trust\w*|\bdistrust\w*|\bmistrust\w*", re.I)),
    ("trust", re.compile(r"\btrust\w*", re.I)),
    ("oppose", re.compile(r"\boppos\w*|\bagainst\b|\breject\w*|\bopponents?\b", re.I)),
    ("neutral", re.compile(r"\bneither\s+support\w*\s+nor\b|\bundecided\b|\bdon'?t\s+know\b", re.I)),
    ("vote", re.compile(r"\bvot(?:e|es|ed|ing)\b|\bvoting\s+intention", re.I)),
    ("support", re.compile(r"\bsupport\w*|\bback(?:ed|ing|s)?\b|\bfavou?r\w*|\bin\s+favour\b", re.I)),
    # "approval rating" is approval, not a separate "rating" series of the same person
    ("rating", re.compile(r"\bpopular\w*|(?<!approval\s)(?<!approval-)\brating\b|\bstanding\b", re.I)),
    ("concern", re.compile(r"\bworr\w*|\bconcern\w*|\bfears?\b|\bfeared\b|\bfed\s+up\b|\bunhappy\b|\banxious\b", re.I)),
    ("aware", re.compile(r"\baware\b|\bunaware\b|\bknew\b|\bknow\b|\brecogni[sz]\w*|\bidentif\w*|\bno\s+idea\b", re.I)),
    ("expect", re.compile(r"\bexpect\w*|\bpredict\w*|\boptimistic\b|\bpessimistic\b|\bwould\s+improve\b|\bgetting\s+(?:worse|better)\b|\bimprov\w*|\bworsening\b", re.I)),
    ("want", re.compile(r"\bwant\w*|\bprefer\w*|\bwould\s+like\b|\bchoos\w*|\bmust-have\b|\bchose\b", re.I)),
    ("interest", re.compile(r"\binterest\w*", re.I)),
    ("intend", re.compile(r"\bwould\b|\bplan\w*|\bintend\w*|\bconsider\w*|\blikely\s+to\b|\bgoing\s+to\b|\bwill\b|\bwilling\b", re.I)),
    ("believe", re.compile(r"\bbeliev\w*|\bthink\w*|\bthought\b|\bfeel\w*|\bfelt\b|\bagree\w*|\bview\w*|\bregard\w*|\bdescrib\w*", re.I)),
    # ("own" as in ownership, not "holding her own", "their own party")
    ("behaviour", re.compile(r"(?<!her\s)(?<!his\s)(?<!its\s)(?<!their\s)(?<!our\s)(?<!my\s)(?<!your\s)\bown(?:s|ed|ing)?\b|\bhave\s+(?:a|an|one|two|bought|used|switched|sent|been)\b|\bus(?:e|es|ed|ing)\b|\bbought\b|\bswitch\w*|\bsent\b|\bsend\b|\bread\b|\bvisit\w*|\bshop\w*|\bcarry\b|\bconsult\b|\blook\b|\bbuy\w*|\bsold\b|\bheld\b|\bhold\b|\bnever\b|\balways\b|\boffered\b", re.I)),
]


_RE_COMPARATIVE_AGAINST = re.compile(
    r"\b(?:against|compared\s+(?:with|to)|versus|vs\.?)\s+(?=(?:only\s+|just\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))",
    re.I)


# "Approval of X has fallen 11 points to 34 pct": the noun the clause is about names the measure
_RE_GOVERNING_MEASURE = re.compile(
    r"\b(?:approval|disapproval|support|opposition|backing|trust|popularity|confidence)\s+(?:rating\s+)?(?:for|of|in)\b[^.;,]{0,80}$"
    r"|\b(?:approval|popularity|favou?rability)\s+ratings?\b[^.;,]{0,60}$", re.I)


# "holding her own against the likely Republican nominee, former Rep. Mike Rogers": a matchup,
# not opposition ("42% are against the plan" is)
_RE_MATCHUP_AGAINST = re.compile(
    r"\bagainst\s+(?=(?:the\s+|her\s+|his\s+|their\s+)?(?:(?:likely|presumptive|probable|eventual|"
    r"Republican|Democratic|GOP|Labour|Conservative|Liberal|incumbent|former)\s+){0,3}"
    r"(?:nominee|candidate|challenger|incumbent|opponent|rival|Sen\.|Senator|Rep\.|Gov\.|Governor|President|"
    r"[A-Z][a-z]+\s+[A-Z][a-z]+))")


def _first_measure(words: str, *, last: bool = False) -> str | None:
    words = _RE_MATCHUP_AGAINST.sub(" ", _RE_COMPARATIVE_AGAINST.sub(" ", words))
    best: tuple[int, int, str] | None = None
    for rank, (name, rx) in enumerate(_MEASURES):
        for m in rx.finditer(words):
            key = (-m.start() if last else m.start(), rank, name)
            if best is None or key < best:
                best = key
            if not last:
                break
    return best[2] if best else None


def measure_from_words(words: str, *, subject_kind: EntityKind | None = None, kind: str = "share",
                       before: str = "") -> str | None:
    """The measure named by the words right after a figure (else right before it).

    The closest measure word wins ("51 pct thought he was lying ... had approved" is
    ``believe``); "41 pct against 32 pct" is a comparison, not opposition. Parties default to
    ``vote`` (a voting-intention poll) when no other measure is named.
    """
    if kind == "lead":
        return "vote" if subject_kind in (None, "party") else "rating"
    gov = _RE_GOVERNING_MEASURE.search(before) if before else None
    name = (_first_measure(gov.group(0), last=True) if gov else None) or _first_measure(words) or (
        _first_measure(before, last=True) if before else None)
    if name is None and re.search(r"(?i)\b(?:said|say|says|answered|replied)\b", words):
        name = "believe"  # a reported opinion without a more specific verb
    if name is None:
        return "vote" if subject_kind == "party" else None
    if subject_kind == "party" and name in ("support", "rating", "intend", "believe", "behaviour", "expect", "want", "oppose"):
        return "vote"
    return name


__all__ = [
    "PARTY_ALIASES",
    "Entity",
    "compile_parties",
    "entity_for_slot",
    "find_entities",
    "full_names_in",
    "measure_from_words",
    "offices_in",
    "people_in",
    "topic_from_words",
]
