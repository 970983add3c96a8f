"""The entities a poll figure may be about: candidate generation for the subject ranker.

For one figure in a parsed sentence, :func:`options` lists every entity worth ranking, each
placed in the sentence when it is mentioned there (so the ranker sees its place in the parse):

- **names**: the rule pass's parties and people (canonical names) and the parser's named
  entities (PERSON, ORG, NORP, GPE; never a pollster), their kind decided once per article
  (a name the parser or the rules call a person anywhere is a person everywhere);
- **resolved mentions** ("coreference-ish"): a personal pronoun (he, she, his, her ...) is the
  latest person named; "her party", "Holm's party", "Varga's team" are that person's party;
  "the governing party" and "the opposition" are the parties the article calls so; "the
  president", "the former president" are the office holders it named;
- **topics**: the parse's noun chunks (issue phrases: "the tax plan", "reducing police
  budgets") and the rule pass's topic phrase;
- **context**: the entity of the previous sentences, when the sentence names none.

>>> from medialens.polls.nlp import parse
>>> from medialens.polls.extract import Discourse
>>> doc = parse(["Her party is on 41 per cent."])[0]
>>> d = Discourse(party_of={"Varga": "Civic Union"})
>>> [(m.name, m.source) for m in resolved_mentions(doc, recent_people=["Varga"], discourse=d)]
[('Civic Union', 'coref')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..metadata import parse_dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from .extract import Candidate, Discourse
    from .subjects import Entity

_ENT_KINDS = {"PERSON": "person", "ORG": "org", "NORP": "group", "GPE": "place"}
_SKIP_CHUNKS = {"poll", "polls", "survey", "surveys", "percent", "points", "point", "respondents", "people",
                "voters", "adults", "americans", "those", "report", "study", "time", "week", "month", "year",
                "today", "margin", "error", "sample", "interviews", "results", "data", "the poll", "the survey",
                "percentage", "number", "figure", "majority", "half", "third", "quarter", "pollster", "finding",
                "cent", "per cent", "pct"}  # ("per cent": the parser makes "cent" a noun)
# What a figure measures, never what it is about ("Trump had an approval rating right at 40%",
# "37% have a favorable opinion of Clinton"): no labelled subject is one of these (the measure
# field holds them), so a noun chunk headed by one is no option.
_MEASURE_ROOTS = {"rating", "ratings", "approval", "disapproval", "favorability", "favourability",
                  "unfavorability", "popularity", "opinion", "opinions", "impression", "impressions",
                  "lead", "edge", "advantage", "support", "backing", "standing",
                  # "dissatisfaction at 54 per cent", "a vote share of 46.7 per cent for the NDA",
                  # "a favourable view of the Prime Minister": no labelled subject ends in one
                  "satisfaction", "dissatisfaction", "share", "shares", "view", "views", "confidence"}
_RE_YES_NO = re.compile(
    r"(?:\b(?:vote|voted|voting|votes|said|say|says|back|backed|backing|support|supporting|for|the|and|than)\s+[\"'“‘]?)"
    r"(?P<side>Yes|No)\b(?![\"'”’]?\s+(?:one|longer|matter|deal|doubt|other|more|less)\b)"
    r"|(?<![.!?]\s)(?<!^)\b(?P<side2>Yes|No)\b(?=[\"'”’]?\s+(?:side|camp|vote|votes|voters|campaign|at|on|is|was|stands|stood|"
    r"support|had|has|would|leads?|led|ahead|rose|fell)\b)"
    # "42 per cent Yes and 58 per cent No"
    r"|(?:%|\bper\s*cent|\bpercent|\bpct)\s+[\"'“‘]?(?P<side3>Yes|No|(?:yes|no)(?=[\"'”’]?(?:\s*[,;.)]|\s+and\b)))\b"
    # "42% said they would vote yes" (lower case only after a vote: "said no" answers anything)
    r"|\b(?:vote|voted|voting)\s+[\"'“‘]?(?P<side4>yes|no)\b(?!\s+(?:one|longer|matter|doubt|more|less)\b)"
    # the Brexit referendum's sides: quoted ("support for 'In' at 45 percent ahead of 'Out'"), or
    # capitalised before what a side does ("the Remain camp", "Leave on 48 percent")
    r"|[\"'“‘](?P<side5>In|Out|Remain|Leave|Stay)[\"'”’]"
    r"|(?<![.!?]\s)(?<!^)\b(?P<side6>Remain|Leave)\b(?=\s+(?:side|camp|campaign|vote|voters|supporters|at|on|is|was|"
    r"stands|stood|had|has|would|leads?|led|ahead|rose|fell)\b)")
_SIDE_NAMES = {"In": "Remain", "Out": "Leave", "Stay": "Remain"}
_POLL_WORDS = re.compile(r"(?i)\b(?:polls?|surveys?|polling|study)\b")
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
_ROLE_PARTY = re.compile(
    r"(?i)\b(?P<role>governing|ruling|incumbent|opposition)\s+(?:party|parties)\b|\bthe\s+(?P<opp>(?:main\s+)?opposition)\b"
    r"|\bthe\s+(?P<gov>government)\b(?!\s+(?:of|in)\b)")
_ROLE_OFFICE = re.compile(
    r"(?i)\bthe\s+(?P<former>former\s+)?(?P<office>president|prime\s+minister|premier|chancellor|governor|senator|"
    r"vice\s+president|secretary\s+of\s+state|incumbent)\b(?!\s+(?-i:[A-Z]))")
_OWNED_PARTY = re.compile(r"(?i)^(?:'s|’s|’|')?\s*(?:own\s+)?(?:party|team|camp|side)\b")


@dataclass(frozen=True)
class Option:
    """One entity a figure may be about: its name, kind and where it came from."""

    name: str
    kind: str  # party | person | org | place | group | name (a proper name of unknown kind) | topic
    source: str  # rule | ner | coref | chunk | topic | context
    start: int | None = None  # offsets in the sentence (None: not in this sentence)
    end: int | None = None
    label: str = ""


def norm_name(text: str) -> str:
    """A mention as a name: no article, possessive, trailing numbers or punctuation.

    >>> norm_name("the Lake 48% to"), norm_name("Trump’s"), norm_name("Trump among Latinos")
    ('Lake', 'Trump', 'Trump')
    >>> norm_name("Ms Ley's"), norm_name("Mr. Holm")   # a courtesy title is not part of the name
    ('Ley', 'Holm')
    """
    t = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    t = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+(?=[A-Z])", "", t)
    t = re.sub(r"\s+(?:\d.*|%.*|to|and|of)$", "", t)  # the small model sometimes runs an entity into the figure
    t = re.sub(r"\s+(?:among|against|over|versus|vs\.?|after|before)\s.*$", "", t)  # "Trump among Latinos"
    t = re.sub(r"(?:'s|’s|'|’)$", "", t).strip(" ,.;:\"“”'‘’()-–—")
    return t


def article_kinds(docs: Sequence[Doc], ents: Sequence[Sequence[Entity]]) -> dict[str, str]:
    """One kind per name for the whole article: person wins (the small model often calls
    "Trump" an ORG in one sentence and a PERSON in the next), then party, then the majority."""
    votes: dict[str, dict[str, int]] = {}
    for doc in docs:
        for e in doc.ents:
            if e.label_ in _ENT_KINDS:
                name = norm_name(e.text)
                votes.setdefault(name, {}).setdefault(_ENT_KINDS[e.label_], 0)
                votes[name][_ENT_KINDS[e.label_]] += 1
                if e.label_ == "PERSON" and len(name.split()) > 1:  # "Donald Trump": "Trump" is a person
                    votes.setdefault(name.split()[-1], {}).setdefault("person", 0)
                    votes[name.split()[-1]]["person"] += 1
    for group in ents:
        for e in group:
            votes.setdefault(e.name, {}).setdefault(e.kind, 0)
            votes[e.name][e.kind] += 2
    out = {}
    for name, v in votes.items():
        out[name] = "person" if v.get("person") else "party" if v.get("party") else max(v, key=lambda k: v[k])
    return out


def resolved_mentions(doc: Doc, *, recent_people: Sequence[str], discourse: Discourse | None,
                      topic: tuple[str, set[str]] | None = None) -> list[Option]:
    """Pronouns, "her party", "the governing party", "the president" ... resolved to the entity
    the article means (see the module doc). ``recent_people``: people named so far, latest last;
    a pronoun is the latest one named before it (in this sentence or earlier). ``topic``: the
    person who opens the sentence before ("Farage remains the most divisive. About a third say
    he would make a good prime minister"), whom a pronoun means when that person is the latest
    or the one before and not shown to be of the other gender, and no pronoun of the same
    gender in that sentence already refers to someone (``topic`` = (name, genders of the
    pronouns of its sentence))."""
    out: list[Option] = []
    sent = doc.text
    people = list(recent_people)
    names_here = [(e.start_char, norm_name(e.text)) for e in doc.ents if e.label_ == "PERSON"]
    party_of = discourse.party_of if discourse is not None else {}
    offices = discourse.offices if discourse is not None else {}
    gender_of = discourse.gender_of if discourse is not None else {}
    for tok in doc:
        if tok.lower_ not in _PERSON_PRONOUNS or tok.pos_ != "PRON":
            continue
        here = [n for a, n in names_here if a < tok.idx]
        # the latest person named, skipping those the article shows to be of the other gender
        # ("Harris split independents with Trump, 43% said they supported her")
        want = "f" if tok.lower_ in _FEMALE_PRONOUNS else "m"
        latest = list(dict.fromkeys(reversed([*people, *here])))
        # one of the last three people the article shows to be of this gender, before the
        # latest of unknown gender ("Clinton ... she leads" after "Sen. Johnny Isakson ...")
        person = None
        if topic is not None and not here and want not in topic[1] and topic[0] in latest[:2] \
                and gender_of.get(topic[0].split()[-1], want) == want:
            person = topic[0]
        person = person or next((n for n in latest[:3] if gender_of.get(n.split()[-1]) == want), None) or next(
            (n for n in latest if gender_of.get(n.split()[-1], want) == want), None)
        if person is None:
            continue
        tail = sent[tok.idx + len(tok.text):]
        if tok.lower_ in ("his", "her") and (m := _OWNED_PARTY.match(tail.lstrip())) and (
                party := _party_for(person, party_of)):
            # "her party": the person's party, placed over "her party"
            end = tok.idx + len(tok.text) + (len(tail) - len(tail.lstrip())) + m.end()
            out.append(Option(party, "party", "coref", tok.idx, end, "OWNED"))
            continue
        out.append(Option(person, "person", "coref", tok.idx, tok.idx + len(tok.text), "PRON"))
    # "Holm's party", "Varga's team": the named person's party
    for e in doc.ents:
        if e.label_ != "PERSON":
            continue
        m = _OWNED_PARTY.match(sent[e.end_char:])
        if m and m.group(0)[:1] in ("'", "’") and (party := _party_for(norm_name(e.text), party_of)):
            out.append(Option(party, "party", "coref", e.start_char, e.end_char + m.end(), "OWNED"))
    for m in _ROLE_PARTY.finditer(sent):
        if discourse is None:
            break
        role = (m.group("role") or m.group("opp") or m.group("gov") or "").lower()
        party = discourse.opposition if "opposition" in role else discourse.governing
        if party is None and "opposition" not in role:
            pm = offices.get("prime minister") or offices.get("premier") or offices.get("chancellor")
            party = _party_for(pm, party_of) if pm else None
        if party:
            out.append(Option(party, "party", "coref", m.start(), m.end(), "ROLE"))
    for m in _ROLE_OFFICE.finditer(sent):
        office = " ".join(m.group("office").lower().split())
        holder = offices.get(("former " if m.group("former") else "") + office)
        if holder is None and not m.group("former"):
            holder = offices.get(office)
        if holder:
            out.append(Option(holder, "person", "coref", m.start(), m.end(), "OFFICE"))
    return out


_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_RE_GENDERED = re.compile(r"\b(?:(?P<f>she|her|hers|herself)|(?P<m>he|him|his|himself))\b", re.I)
_RE_TITLE = re.compile(r"\b(?:(?P<f>Mrs|Ms|Miss)|(?P<m>Mr))\.?\s+(?:[A-Z][\w'-]+\s+)?(?P<name>[A-Z][\w'-]+)")


# A pronoun right after these is the named person's rival ("leads her", "ahead of him").
_RE_RIVAL_BEFORE = re.compile(
    r"\b(?:leads?|led|leading|beats?|beating|trails?|trailed|trailing|edged?|edges|tops|topped|"
    r"defeated|defeats?|over|against|behind|than|ahead\s+of|versus|vs\.?)\s+$", re.I)


def genders(sentences: Sequence[str], names: Iterable[str]) -> dict[str, str]:
    """Surname -> ``"f"`` or ``"m"`` for the people of one article whose gender the article
    itself shows: a title ("Mrs Varga", "Mr. Holm"), or the pronouns that follow a sentence's
    only person ("Harris said she ..."; a next sentence opening "She ..." that names nobody).
    A person with evidence both ways, or none, is left out (any pronoun may then be theirs).

    >>> genders(["Kamala Harris said she would win.", "She is ahead.", "Trump said his base held."],
    ...         ["Harris", "Trump"])
    {'Harris': 'f', 'Trump': 'm'}
    """
    surnames = {n.split()[-1] for n in names if n and n[:1].isupper()}
    if not surnames:
        return {}
    rx = re.compile(r"\b(" + "|".join(map(re.escape, sorted(surnames, key=len, reverse=True))) + r")\b")
    votes: dict[str, dict[str, int]] = {}
    for m in (m for s in sentences for m in _RE_TITLE.finditer(s)):
        if m.group("name") in surnames:
            votes.setdefault(m.group("name"), {"f": 0, "m": 0})["f" if m.group("f") else "m"] += 2
    for i, s in enumerate(sentences):
        found = list(rx.finditer(s))
        if len({m.group(1) for m in found}) > 1:
            # "Clinton's strength is in Atlanta, where she leads Trump": a subject pronoun
            # after exactly one of the names is that person's (an object pronoun, "Trump
            # leads her", is someone else's, so only she/he count here).
            for m in re.finditer(r"\b(?:(?P<f>[Ss]he)|(?P<m>[Hh]e))\b", s):
                before = {n.group(1) for n in found if n.end() <= m.start()}
                if len(before) == 1:
                    votes.setdefault(before.pop(), {"f": 0, "m": 0})["f" if m.group("f") else "m"] += 1
            continue
        if not found:
            continue
        who, after = found[0].group(1), found[0].end()
        tail = s[after:]
        nxt = sentences[i + 1] if i + 1 < len(sentences) else ""
        # "Trump leads her 51% to 33%": a pronoun after such a verb is the rival, not the
        # person named; after one, the next sentence's "She" is as likely the rival too
        pronouns = [(m, bool(_RE_RIVAL_BEFORE.search(tail, 0, m.start()))) for m in _RE_GENDERED.finditer(tail)]
        if (m2 := re.match(r"\s*[\"“]?(?:(?P<f>She)|(?P<m>He))\b", nxt)) and not rx.search(nxt) \
                and not any(rival for _, rival in pronouns):
            pronouns.append((m2, False))
        for m, rival in pronouns:
            if not rival:
                votes.setdefault(who, {"f": 0, "m": 0})["f" if m.group("f") else "m"] += 1
    return {n: ("f" if v["f"] > v["m"] else "m") for n, v in votes.items()
            if max(v["f"], v["m"]) >= 1 and min(v["f"], v["m"]) * 3 <= max(v["f"], v["m"])}


def _parts(sent: str, a: int, b: int) -> list[tuple[int, int]]:
    """An entity span split at commas and "and" ("Biden, Harris" -> "Biden", "Harris")."""
    out, pos = [], a
    for m in re.finditer(r",\s*|\s+and\s+|\s*/\s*", sent[a:b]):
        out.append((pos, a + m.start()))
        pos = a + m.end()
    out.append((pos, b))
    return [(x, y) for x, y in out if y > x]


def _party_for(person: str | None, party_of: dict[str, str]) -> str | None:
    if not person:
        return None
    if person in party_of:
        return party_of[person]
    last = person.split()[-1]
    return next((p for n, p in party_of.items() if n.split()[-1] == last), None)


def dateline_end(sent: str) -> int:
    """Where a leading news dateline ends in ``sent`` (0 when it has none): a place and an
    outlet (:func:`medialens.metadata.parse_dateline`), never what a poll figure is about.

    >>> s = "PORT SELDEN, Marrovia (Daily Clarion) -- Ilse Varga leads."
    >>> s[dateline_end(s):]
    ' Ilse Varga leads.'
    >>> dateline_end("WASHINGTON, March 3 - Reagan had 55 pct."), dateline_end("Labour 40 pct.")
    (21, 0)
    """
    found = parse_dateline(sent)
    return len(found.text) if found else 0


_RE_NAME_THEN_FIGURE = re.compile(
    r"\s+(?:(?:is|was|are|were|had|has|have|at|on|with|up|down|now|still|just|only|about|nearly)\s+){0,3}")


def options(sent: str, doc: Doc, c: Candidate, ents: list[Entity], context: Entity | None, *,
            kinds: dict[str, str] | None = None, recent_people: Sequence[str] = (),
            topic: tuple[str, set[str]] | None = None) -> list[Option]:
    """The entities a candidate figure may be about (see the module doc), in sentence order
    first, then those not in the sentence."""
    kinds = kinds or {}
    out: list[Option] = [Option(e.name, e.kind, "rule", e.start, e.end) for e in ents]
    taken = [(e.start, e.end) for e in ents]
    for o in resolved_mentions(doc, recent_people=recent_people, discourse=c.discourse, topic=topic):
        if not any(o.start < b and a < o.end for a, b in taken):  # type: ignore[operator]
            out.append(o)
            taken.append((o.start, o.end))  # type: ignore[arg-type]
    for e in doc.ents:
        if e.label_ not in _ENT_KINDS:
            continue
        # the small model runs lists together ("Biden, Harris"): one option per name
        for a, b in _parts(sent, e.start_char, e.end_char):
            name = norm_name(sent[a:b])  # "Lake 48% to" -> "Lake": trimmed before any overlap test
            if not name or not re.search(r"[A-Za-z]", name) or _POLL_WORDS.search(name):
                continue
            a = a + sent[a:b].find(name)
            b = a + len(name)
            if any(a < y and x < b for x, y in taken) or (c.q.start < b and a < c.q.end):
                continue
            out.append(Option(name, kinds.get(name, _ENT_KINDS[e.label_]), "ner", a, a + len(name), e.label_))
            taken.append((a, a + len(name)))
    for m in _RE_YES_NO.finditer(sent):
        # a referendum's sides ("would vote Yes", "the No side", "Yes stands at 48%")
        g = next(g for g in ("side", "side2", "side3", "side4", "side5", "side6") if m.group(g))
        a, b = m.span(g)
        if not any(a < y and x < b for x, y in taken):
            name = m.group(g).capitalize()
            out.append(Option(_SIDE_NAMES.get(name, name), "name", "ner", a, b, "ORG"))
            taken.append((a, b))
    for ch in doc.noun_chunks:
        root = ch.root
        if any(t.like_num or t.text == "%" for t in ch):
            # The parser makes "40% Trump" and "Trump 84%" one chunk: the proper name beside
            # the number is still an option (the number never is).
            for a, b in _names_beside_numbers(ch):
                name = norm_name(sent[a:b])
                if (name and not any(a < y and x < b for x, y in taken) and not _POLL_WORDS.search(name)
                        and not (c.q.start < b and a < c.q.end)):
                    out.append(Option(name, kinds.get(name, "name"), "chunk", a, b, "CHUNK"))
                    taken.append((a, b))
            continue
        if root.pos_ == "PRON" or ch.text.lower() in _SKIP_CHUNKS:
            continue
        if any(ch.start_char < b and a < ch.end_char for a, b in taken) or _POLL_WORDS.search(ch.text):
            continue
        words = [t for t in ch if t.dep_ not in ("det", "poss", "predet", "cc", "preconj") and not t.is_punct]
        if not words or root.lower_ in _SKIP_CHUNKS or root.lower_ in _MEASURE_ROOTS:
            continue
        words = words[-4:]
        name = sent[words[0].idx:words[-1].idx + len(words[-1].text)]
        # a name the rule pass or the article knows ("gave Bush 48 percent and Kerry 46"), else a topic
        kind = kinds.get(name) or (c.subject_kind if name == c.subject and c.subject_kind in ("party", "person") else "topic")
        out.append(Option(name, kind, "chunk", ch.start_char, ch.end_char, "CHUNK"))
        taken.append((ch.start_char, ch.end_char))
    for tok in doc:
        # A capitalised word the small model tagged a verb or left out ("has Trump up in Iowa",
        # "Remain on 52 percent and Leave on 48 percent"): an option when the article knows the
        # name, or when it stands right before this figure with a short predicate between
        # (only words tagged as verbs or common words: a proper noun the model left out of its
        # entities and chunks was left out for a reason, "Sweet Sixteen")
        if not tok.text[:1].isupper() or not tok.is_alpha or tok.text.isupper():
            continue
        a, b = tok.idx, tok.idx + len(tok.text)
        if any(a < y and x < b for x, y in taken) or _POLL_WORDS.search(tok.text):
            continue
        # a name the article knows, wherever it stands ("Biden trails Trump", parsed as nouns)
        known = kinds.get(tok.text) in ("person", "party") or tok.text in recent_people
        mistagged = tok.i > 0 and tok.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and not tok.nbor(-1).is_punct
        if known or (mistagged and b <= c.q.start and _RE_NAME_THEN_FIGURE.fullmatch(sent, b, c.q.start)):
            kind = kinds.get(tok.text) if kinds.get(tok.text) in ("person", "party") else "name"
            out.append(Option(tok.text, kind, "ner", a, b, "PERSON" if kind == "person" else "ORG"))
            taken.append((a, b))
    if context is not None and not any(o.name == context.name for o in out):
        out.append(Option(context.name, context.kind, "context"))
    side = _RE_VERB_BEFORE_NAME.sub("", c.subject) if c.subject else None
    if c.subject and not any(o.name in (c.subject, side) for o in out) and not _POLL_WORDS.search(c.subject):
        # ("vote Yes" when "Yes" is offered: the name is the option, not the rules' verb phrase)
        # the rules' topic phrase, placed in the sentence when it is there (for its parse features)
        at = _topic_at(sent, c.subject, c.q.start)
        # ... unless it is only verbs and particles there ("heard", "didn't", "consider"): the
        # rules' word-distance pick, never what a figure is about
        if not (at and _only_verbs(doc, *at)):
            out.append(Option(norm_name(c.subject) or c.subject, c.subject_kind or "topic", "topic",
                              *(at if at else (None, None))))
    return _dateline_cut(sent, out)


_RE_VERB_BEFORE_NAME = re.compile(r"^(?:vote|voting|back|backing|support|supporting)\s+(?:for\s+)?", re.I)


def _dateline_cut(sent: str, out: list[Option]) -> list[Option]:
    cut = dateline_end(sent)
    return [o for o in out if o.start is None or o.start >= cut] if cut else out


_VERBAL = {"VERB", "AUX", "PART", "ADV", "ADP", "SCONJ", "PUNCT"}


def _only_verbs(doc: Doc, a: int, b: int) -> bool:
    """The characters ``a:b`` of the sentence are verbs, particles and the like, no noun."""
    toks = [t for t in doc if t.idx < b and a < t.idx + len(t.text)]
    return bool(toks) and all(t.pos_ in _VERBAL for t in toks)


def _names_beside_numbers(ch: Span) -> list[tuple[int, int]]:
    """Character spans of the runs of proper nouns (at most four) in a chunk that holds a number."""
    out, run = [], []
    for t in [*ch, None]:
        if t is not None and t.pos_ == "PROPN" and not t.like_num:
            run.append(t)
            continue
        if 0 < len(run) <= 4:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
        run = []
    return out


def _topic_at(sent: str, phrase: str, near: int) -> tuple[int, int] | None:
    hits = [m.start() for m in re.finditer(re.escape(phrase), sent)]
    if not hits:
        return None
    a = min(hits, key=lambda h: abs(h - near))
    return a, a + len(phrase)


__all__ = ["Option", "article_kinds", "genders", "norm_name", "options", "resolved_mentions"]
