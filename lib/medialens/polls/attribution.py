"""The learned stage: parse the sentences that hold candidate figures, then decide with the models.

:func:`analyse` runs the rule pass (:func:`.extract.analyse`), parses only the sentences that
hold a candidate number near a poll cue (most of a long economic story is never parsed), and
then for each candidate: the figure model gives ``confidence`` and the decision; the subject
model picks the entity (see :mod:`.learn`). :func:`examples` exposes the same features for
training (``tests/training/train_polls.py``).

>>> cands, blocks, spans = analyse("The governing Civic Union had 38 pct and the opposition "
...     "National Democrats 34 pct, a lead of 4 points, a Meridian poll showed.")
>>> [(c.kind, c.value, c.subject) for c in cands if c.accepted]
[('share', 38.0, 'Civic Union'), ('share', 34.0, 'National Democrats'), ('lead', 4.0, 'Civic Union')]
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import extract as X
from . import subjects as S
from .attributes import is_media
from .learn import document_features, figure_features, score, weights
from .mentions import _RE_GENDERED, Option, article_kinds, genders, options
from .nlp import parse
from .pollsters import known_in
from .ranker import _TRAIL_VERBS, _pair, pair_features
from .subjects import _NOT_PERSON as _RE_NOT_FIRST
from .subjects import _OFFICE, _RE_TITLE_WORD, OFFICES


@dataclass
class Example:
    """One candidate with its features and its subject options (for training and :func:`analyse`)."""

    cand: X.Candidate
    sentence: str
    figure: dict[str, float]
    options: list[Option]
    pairs: list[dict[str, float]]
    #: option name -> the person option a role phrase names ("the PP leader, Alberto Núñez
    #: Feijóo": PP -> Alberto Núñez Feijóo; "The Taoiseach, Micheál Martin,": Taoiseach -> ...)
    role_people: dict[str, str] | None = None


MAX_OPTIONS = 24  # entities ranked for one figure (see examples)
# (not subjects._NOT_PERSON: that one also holds "Harris" and "Gallup", which are people here)
_NOT_PEOPLE = frozenset("""turnout support opposition approval disapproval trust distrust satisfaction
    dissatisfaction confidence backing inflation unemployment growth turnover voters respondents""".split())


def examples(text: str, *, published: Any = None, pollsters: tuple[str, ...] | None = None,
             parties: dict[str, str] | None = None, rule_choice: bool = True,
             ) -> tuple[list[Example], list[X._Block], list[tuple[int, int]]]:
    """Every candidate of ``text`` with its features (parsing only sentences that hold one)."""
    cands, blocks, spans = X.analyse(text, published=published, pollsters=pollsters, parties=parties)
    if not cands:
        return [], blocks, spans
    by_sent: dict[int, list[X.Candidate]] = {}
    for c in cands:
        by_sent.setdefault(c.sent, []).append(c)
    order = sorted(by_sent)
    sents = [text[spans[i][0]:spans[i][1]] for i in order]
    docs = parse(sents)
    kinds = article_kinds(docs, [by_sent[i][0].ents for i in order])
    disc = cands[0].discourse
    if disc is not None and not disc.gender_of:
        named = {e.name for c in cands for e in (*c.ents, *c.recent) if e.kind == "person"}
        named |= {e.text for d in docs for e in d.ents if e.label_ == "PERSON"}
        disc.gender_of = genders([text[a:b] for a, b in spans], named)
    if disc is not None and not disc.surname_of:
        disc.surname_of = _surnames_by_first_name(text)
    doc_feats = document_features(text)
    # the outlets that ran or published a poll of this article are never what a figure is about
    # ("Only 16% thought that in 1987, CNN reported at the time")
    outlets = {part.strip() for b in blocks for w in (b.pollster, b.sponsor) if w
               for part in re.split(r"[/&]|\s+and\s+", w) if part.strip() and is_media(part.strip())}
    # Where the article names each person it names (surnames, as the parser and rules use
    # them): a pronoun goes to the latest one named before it, also when that was in a
    # sentence with no figure, which is neither parsed nor in the rule pass's short memory
    # ("Sanders ... [no figures for four sentences] ... he badly lost among black voters")
    # the words of a poll story the parser sometimes calls a person when they open a sentence
    # ("Turnout was 40.5%."): never the person a later "he" means
    surnames = {n for n, k in kinds.items() if k == "person" and " " not in n
                and n.lower() not in _NOT_PEOPLE}
    surnames |= {n.split()[-1] for n, k in kinds.items() if k == "person" and " " in n}
    surnames |= {e.name for c in cands for e in c.recent if e.kind == "person" and " " not in e.name}
    # a person who opens a sentence with no figure, which is never parsed ("Kemi Badenoch fares
    # little better. Asked about the Conservative leader, 19% said she was doing well")
    surnames |= {m.group("last") for a, _ in spans for m in [_RE_OPENING_NAME.match(text, a)]
                 if m and m.group("first") not in _NOT_FIRST and not S._NOT_PERSON.match(m.group("last"))
                 and not S._ORG_WORD.search(m.group("last")) and not S._RE_THING.match(m.group("last"))}
    mentions = sorted((m.start(), name) for name in surnames if len(name) > 2
                      for m in re.finditer(rf"\b{re.escape(name)}\b", text))
    if disc is not None and not disc.office_guess:
        disc.office_guess = _guess_office_holders(text, spans, mentions)
    out: list[Example] = []
    people: list[str] = []  # people named so far (rule pass and parser), latest last
    seen = 0
    for i, s, doc in zip(order, sents, docs, strict=True):
        group = by_sent[i]
        while seen < len(mentions) and mentions[seen][0] < spans[i][0]:
            name = mentions[seen][1]
            people = [p for p in people if p != name] + [name]
            seen += 1
        for e in group[0].recent:
            # the rule pass's recent names are not in reading order: one the parsed sentences
            # already placed keeps its place (else "She leads 88%" goes to a senator named
            # three sentences earlier rather than to the candidate of the sentence before)
            if e.kind == "person" and e.name not in people:
                people.append(e.name)
        firms = _pollster_spans(s)
        topic = _opening_person(text, mentions, spans, i)  # once per sentence, not per figure
        for c in group:
            ff = figure_features(s, doc, c, c.cues, c.near_cue)
            ff.update(doc_feats)
            opts = options(s, doc, c, c.ents, c.context, kinds=kinds, recent_people=people,
                           topic=topic) \
                if c.q.form != "evenly" else []
            opts = [o for o in opts if not _runs_the_poll(o.name, blocks, c.block) and not _names_a_poll(s, o)
                    and not _is_date(o.name) and o.name not in outlets and not _in_firm_name(s, o, firms)]
            if c.subject in outlets:  # the rule pass's own pick, kept when no option is left
                c.subject, c.subject_kind = None, None
            # "among Conservative voters", "20% of Labour supporters": the people asked, not
            # what they were asked about (kept when it is the only name there is)
            if len(opts) > MAX_OPTIONS:
                # a run-on list of hundreds of names (a merged table): the nearest ones only, or
                # every figure would be paired with every name (no development figure has more
                # than 18 options)
                near = sorted((o for o in opts if o.start is not None),
                              key=lambda o: min(abs(o.start - c.q.end), abs(c.q.start - (o.end or o.start))))
                keep = {id(o) for o in near[:MAX_OPTIONS]}
                opts = [o for o in opts if o.start is None or id(o) in keep]
            named_group = [o for o in opts if o.end is not None and _RE_GROUP_AFTER.match(s, o.end)]
            if named_group and len(named_group) < len(opts):
                opts = [o for o in opts if o not in named_group]
            pairs = [pair_features(s, doc, c, o, opts, group, rule_choice=rule_choice) for o in opts]
            out.append(Example(c, s, ff, opts, pairs, _role_people(doc, opts)))
        for e in doc.ents:
            if (e.label_ == "PERSON" or kinds.get(e.text) == "person") and e.text.lower() not in _NOT_PEOPLE:
                name = e.text.split()[-1] if e.label_ == "PERSON" else e.text
                people = [p for p in people if p != name] + [name]
    return out, blocks, spans


# "Reuters-Ipsos tracking poll", "CNN/SSRS poll", "Reuters/Ipsos polling": a name that is part of
# the poll's own name (the pollster finder may not have read the joint name)
_RE_POLL_NAME_AFTER = re.compile(r"(?:\s*[-/&]\s*[A-Z][\w&.]*)*\s+(?:(?:tracking|opinion|online|national|new|latest)\s+)*"
                                 r"(?:poll|polls|polling|survey)\b")




_RE_GROUP_AFTER = re.compile(r"(?:'s|’s)?\s+(?:voters|supporters|backers|members|identifiers|partisans|loyalists|"
                             r"-leaning\s+voters|primary\s+voters|caucus-goers)\b", re.I)


def _is_date(name: str) -> bool:
    """A day, month or season ("Sunday", "early May", "last week"): never what a figure is about.

    >>> _is_date("early May"), _is_date("Sunday"), _is_date("Mayor Adams")
    (True, True, False)
    """
    words = re.findall(r"[a-z]+", name.lower())
    return bool(words) and all(w in _DATE_WORDS for w in words)


def _pollster_spans(sentence: str) -> list[tuple[int, int]]:
    """Where ``sentence`` writes a known pollster's name (not the names that are also people's)."""
    return [(m.start, m.end) for m in known_in(sentence) if not m.ambiguous]


def _in_firm_name(sentence: str, o: Option, firms: list[tuple[int, int]]) -> bool:
    """Whether option ``o`` is (part of) a pollster's name written in ``sentence``: inside a
    known name, or one capitalised word right before it ("Toluna Harris Interactive", which the
    parser calls a person and the gazetteer knows as "Harris Interactive").

    >>> s = "In the barometer by Toluna Harris Interactive, 27 percent said so."
    >>> _in_firm_name(s, Option("Toluna", "person", "ner", 20, 26), _pollster_spans(s))
    True
    """
    if o.start is None or o.end is None:
        return False
    return any((o.start < b and a < o.end) or (
        " " not in o.name and o.name[:1].isupper() and o.end < a and not sentence[o.end:a].strip())
        for a, b in firms)


def _names_a_poll(sentence: str, o: Option) -> bool:
    """Whether option ``o`` is written as (part of) the name of a poll in ``sentence``."""
    if o.end is None or not o.name[:1].isupper():
        return False
    return bool(_RE_POLL_NAME_AFTER.match(sentence, o.end))


# Exclusions the figure model never overrides: what the rules read there is unambiguous, and
# the model, which sees the sentence's words, scores "Turnout in the poll was 61 pct" by its
# poll words
_FINAL_REASONS = frozenset({X.ODDS, "turnout", "seats", "electoral swing", X.RESPONSE_RATE, X.RATE, X.SHARE_OF_ECONOMY,
                            X.ELECTION_MARGIN, X.MARGIN_OF_ERROR, X.NEGATIVE})


def _runs_the_poll(name: str, blocks: list[X._Block], block: int | None) -> bool:
    """Whether ``name`` is the pollster or sponsor of the figure's poll: they report the
    figure, it is never about them ("... now stands at 25 per cent, according to the Meridian
    survey for the Sunday Courant")."""
    if block is None or not 0 <= block < len(blocks) or len(name) < 3:
        return False
    b = blocks[block]
    return any(who and X._same_name(name, who) and len(who) >= 3 for who in (b.pollster, b.sponsor))


def _rank(ex: Example, model: Mapping[str, Any]) -> list[tuple[Option, float, dict[str, float]]]:
    return sorted(zip(ex.options, (score(f, model) for f in ex.pairs), ex.pairs, strict=True), key=lambda t: -t[1])


def decide(exs: list[Example], model: Mapping[str, Any]) -> None:
    """Apply the figure model and the subject ranker to candidates, in place.

    A figure's ``confidence`` is the figure model's probability (for the two figures of an
    "x% to y%" pair, the higher of theirs); a betting-odds figure is never kept. Word order
    overrides the ranker where it is unambiguous: a figure's own slot ("Trump's 47 percent",
    "47% Harris") and "A led B x% to y%"."""
    fig, subj = model["figure"], model["subject"]
    ranks = {id(ex): _rank(ex, subj) for ex in exs if ex.options}
    taken = _taken_by_neighbours(exs, ranks)
    probs = _tables_together(exs, _pairs_together(exs, {id(ex): score(ex.figure, fig) for ex in exs}))
    lists = _name_first_lists(exs)
    pairs = list(_pairs(exs))  # word order only: the decisions below never change them
    paired = {id(e) for pair in pairs for e in pair}
    for ex in exs:
        c = ex.cand
        p = probs[id(ex)]
        c.confidence = round(p, 4)
        keep = p >= fig["threshold"] and c.kind != "points?" and c.reason not in _FINAL_REASONS
        if keep and not c.accepted:
            c.reason = f"model (rules: {c.reason})"
            group = [e.cand for e in exs if e.cand.sent == c.sent]
            c.measure = X._measure(ex.sentence, c, group.index(c), group)
        elif c.accepted and not keep:
            c.reason = f"model rejects (rules: {c.reason})"
        c.accepted = keep
        if not keep or not ex.options:
            continue
        ranked = ranks[id(ex)]
        best = ranked[0][0]
        own = _own_choice(ranked)
        if own is not None and best.name != own.name and best.name in taken.get(id(ex), ()) and not (
                own.kind == "topic" and best.kind in ("party", "person")):
            # (a topic never displaces a person: "His approval rating dropped to 41 per cent, and
            # 52 per cent now disapprove of his performance" is the same person's twice)
            best = own
        slot = lists.get(id(ex)) if c.kind == "share" else None
        if slot is None and c.kind == "share":
            slot = _bracket_slot(ex)
        if slot is None and c.kind == "share":
            slot = _named_slot(ranked)
        if slot is None and c.kind == "share":
            slot = _versus_slot(ex, [e.cand for e in exs if e.cand.sent == c.sent])
        if slot is None and c.kind == "share":
            slot = _same_about_slot(ex)
        if slot is None and c.kind == "share" and id(ex) not in paired:
            slot = _clause_name_slot(ex)
        if slot is not None:
            best = slot
        if c.kind in ("share", "lead") and ex.role_people and best.name in ex.role_people:
            # the noun phrase is about the person its role names: "15.8 percent the PP leader,
            # Alberto Núñez Feijóo", "The Taoiseach, Micheál Martin, has a rating of 36 per cent"
            best = next(o for o in ex.options if o.name == ex.role_people[best.name])
        if c.extra_subjects and own is not None:
            # "Labour and the Alliance 27 pct each": the rules list both names in order, one
            # figure each; the ranker picking the first again would drop the second
            best = own
        elif c.kind == "share" and (both := _each_pair(ex)) is not None:
            # "Smith and Jones at 44% each", "tied at 49% apiece": the names the parser found
            first, best = both
            c.extra_subjects = [X.Entity(first.start or 0, first.end or 0, first.name, first.kind)]
        if c.kind == "lead":
            # the one behind: an entity in a trailing slot ("over X", the lower share)
            behind = [o.name for o, _, f in ranked[1:] if o.name != best.name and o.kind in ("party", "person") and (
                "lead:e_has_lower_share" in f or "lead:after_over" in f or "lead:behind_slot" in f)]
            c.other = behind[0] if behind else (c.other if c.other != best.name else None)
        if best.name != c.subject:
            c.subject, c.subject_kind, c.subject_source = best.name, best.kind, f"model:{best.source}"
    _one_sided_pairs(exs, pairs)
    _named_pairs(exs, pairs)
    _undecided(exs)
    _backed(exs)
    _list_items(exs)
    _other_answers(exs)
    _leads_to_the_one_ahead([e.cand for e in exs])
    _lead_slots(exs)
    _the_same_question(exs)
    _placeholders(exs, ranks)
    _race_measure(exs)
    _pair_measure(pairs)
    _first_names_to_surnames(exs)
    _offices_to_holders(exs, ranks)


# Nouns for a person's role: a phrase headed by one is about the person it names in apposition
# ("the PP leader, Alberto Núñez Feijóo", "The Taoiseach, Micheál Martin,") or whom it modifies
# ("Labour leader Keir Starmer").
_ROLE_NOUNS = frozenset("""leader chief head president premier chancellor taoiseach tánaiste tanaiste
    mayor governor senator congressman congresswoman candidate nominee challenger incumbent minister
    secretary chairman chairwoman chair speaker frontrunner front-runner rival opponent""".split())


def _role_people(doc: Any, opts: list[Option]) -> dict[str, str] | None:
    """Option name -> person option, for an option that is a role phrase or a word inside one
    whose person the parse names: the role noun's appositive, or the name the role noun
    modifies. Only options in this sentence; only named people among the options.

    Why the parse and not the ranker: the development sets hold few such phrases, and the
    ranker learns to prefer the party or the office from the many "Labour, under Starmer, ..."
    figures, which are the party's."""
    people = [o for o in opts if o.kind == "person" and o.start is not None and o.end is not None
              and o.name.lower() not in _ROLE_NOUNS]
    if not people:
        return None

    def person_at(tok: Any) -> Option | None:
        return next((o for o in people if o.start <= tok.idx < o.end), None)  # type: ignore[operator]

    out: dict[str, str] = {}
    for o in opts:
        if o.start is None or o.end is None:
            continue
        toks = [t for t in doc if o.start <= t.idx < o.end]
        if not toks:
            continue
        root = next((t for t in toks if not (o.start <= t.head.idx < o.end) or t.head is t), toks[-1])
        if o.kind == "person" and root.lower_ not in _ROLE_NOUNS:
            continue  # a name, not an office read as a person ("Taoiseach")
        role = root if root.lower_ in _ROLE_NOUNS else (
            root.head if root.dep_ in ("compound", "poss", "nmod", "amod") and root.head.lower_ in _ROLE_NOUNS
            else None)
        if role is None:
            continue
        who = next((person_at(ch) for ch in role.children if ch.dep_ == "appos" and person_at(ch)), None)
        if who is None and role.dep_ == "compound":
            who = person_at(role.head)
        if who is not None and who.name != o.name:
            out[o.name] = who.name
    return out or None


# (a lookahead, so that "Sir Sadiq Khan" yields both "Sir Sadiq" and "Sadiq Khan")
_RE_FIRST_LAST = re.compile(r"(?<![\w'’-])([A-Z][a-z]+)(?=\s+((?:Mc|Mac|O['’])?[A-Z][\w'’-]+))")
# before a surname, never a first name ("Mr Farage"); before a first name ("Sir Keir", "Dame Kelly")
_SURNAME_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Messrs"})
_FIRST_NAME_TITLES = frozenset({"Sir", "Dame", "Lord", "Lady"})
_RE_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)*")
_RE_POSSESSIVE = re.compile(r"['’]s$")


# "Kemi Badenoch fares", "Nigel Farage said": a first and last name opening a sentence, then a
# lower-case word
_RE_OPENING_NAME = re.compile(r"[\"“]?(?P<first>[A-Z][a-z]+)\s+(?P<last>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+[a-z]")
_NOT_FIRST = frozenset("""North South East West New Great United San Santa Los Las Saint St Mount Lake Fort Port
Prime Vice Deputy Shadow Foreign Home Chief Senate House Supreme High General Labour Reform Conservative
Liberal Green Democratic Republican National Social Christian People Opinion Polling Research Survey""".split())


def _opening_person(text: str, mentions: list[tuple[int, str]], spans: list[tuple[int, int]],
                    i: int) -> tuple[str, set[str]] | None:
    """The person named in the first 30 characters of sentence ``i - 1`` (its topic), if any
    (not a dateline's capitals), with the genders of the pronouns of that sentence: a pronoun
    there of a gender already refers to someone ("But Trump leads her ..."), so "She leads" next
    continues that chain rather than turning to the topic."""
    if i == 0:
        return None
    a, b = spans[i - 1]
    k = bisect.bisect_left(mentions, (a, ""))
    if k >= len(mentions) or mentions[k][0] >= a + 30 or mentions[k][1].isupper():
        return None
    said = {"f" if m.group("f") else "m" for m in _RE_GENDERED.finditer(text, a, b)}
    return mentions[k][1], said


def _surnames_by_first_name(text: str) -> dict[str, str]:
    """First name -> surname: a word the article writes before one capitalised word only
    ("Keir Starmer", "Mary Lou McDonald": Lou -> McDonald) and never itself after a first name
    or "Mr"/"Mrs" (a surname: "Donald Trump" keeps "Trump" from "Trump Tower"), and every time
    the article writes it, the surname follows or a title that takes first names comes before
    ("Sir Keir"; "Reform UK" beside a bare "Reform" makes "Reform" no first name).

    >>> _surnames_by_first_name("Keir Starmer spoke. Sir Keir won. Mr Farage and Donald Trump met at "
    ...                         "Trump Tower. Reform UK is on 29%, Reform leads.")
    {'Keir': 'Starmer', 'Donald': 'Trump'}
    """
    after: dict[str, set[str]] = {}
    surnames: set[str] = set()
    for m in _RE_FIRST_LAST.finditer(text):
        first, last = m.groups()
        if _RE_NOT_FIRST.match(first) or _RE_NOT_FIRST.match(last) or _RE_TITLE_WORD.match(last):
            continue
        if first in _SURNAME_TITLES or not _RE_TITLE_WORD.match(first):
            surnames.add(last)
        if not _RE_TITLE_WORD.match(first) and first not in _SURNAME_TITLES:
            after.setdefault(first, set()).add(last)
    candidates = {first: next(iter(lasts)) for first, lasts in after.items()
                  if len(lasts) == 1 and first not in surnames}
    if not candidates:
        return {}
    # one pass over the runs of capitalised words ("Sir Keir Starmer", "Reform UK", "Reform")
    other_use: set[str] = set()
    for run in _RE_CAPITALISED_RUN.finditer(text):
        words = [_RE_POSSESSIVE.sub("", w) for w in run.group().split()]
        for k, w in enumerate(words):
            if w not in candidates:
                continue
            followed = k + 1 < len(words) and words[k + 1] == candidates[w]
            titled = k > 0 and words[k - 1] in _FIRST_NAME_TITLES
            if not (followed or titled):
                other_use.add(w)
    return {first: last for first, last in candidates.items() if first not in other_use}


def _pair_measure(pairs: list[tuple[Example, Example]]) -> None:
    """The two figures of an "x% to y%" pair answer one question: a figure with no measure
    takes its partner's ("Clinton ... 46 percent to 35 percent for Trump": both vote)."""
    for a, b in pairs:
        ca, cb = a.cand, b.cand
        if ca.accepted and cb.accepted and ca.kind == cb.kind == "share" and bool(ca.measure) != bool(cb.measure):
            ca.measure = ca.measure or cb.measure
            cb.measure = cb.measure or ca.measure


def _first_names_to_surnames(exs: list[Example]) -> None:
    """People are named by surname: "21 per cent Sir Keir" is Starmer's, "Viktor" Orbán's, where
    the article gives the full name (the parser split "Sir Keir" or "Prime Minister Viktor
    Orbán" and offered the first name)."""
    for ex in exs:
        c = ex.cand
        disc = c.discourse
        if not c.accepted or disc is None or not disc.surname_of:
            continue
        if c.subject in disc.surname_of and c.subject_kind == "person":
            c.subject = disc.surname_of[c.subject]


# A bare office as it stands for its holder ("the Prime Minister's own rating", "approval of
# the Cabinet": in Japanese polls the cabinet's rating is the prime minister's).
_RE_OFFICE_WORD = re.compile(r"(?<![Ff]ormer )(?<![Vv]ice )(?<![Vv]ice-)(?<![Dd]eputy )(?<![Ee]x-)"
                             r"\b(?P<office>prime minister|president|premier|chancellor|governor|mayor|"
                             r"taoiseach|first minister)\b(?!\s+of\b)", re.I)


def _guess_office_holders(text: str, spans: list[tuple[int, int]], mentions: list[tuple[int, str]]
                          ) -> dict[str, str]:
    """Office -> the person named first in most of the article's sentences that name the
    office ("Luxon's performance as Prime Minister", "Mr Albanese remains ahead as better prime
    minister, leading Ms Ley"); only a clear winner (more sentences than any other person).

    Why: a bare "the Prime Minister" is never what a poll figure is about (the labelling rules
    name people), and articles that name the holder with the title ("Prime Minister Anthony
    Albanese") are already resolved by the rule pass (:class:`~.extract.Discourse.offices`).

    >>> t = "Mr Albanese leads as better prime minister. Ms Ley trails. The Prime Minister's rating fell."
    >>> _guess_office_holders(t, [(0, 43), (44, 58), (59, 91)], [(3, "Albanese"), (47, "Ley")])
    {'prime minister': 'Albanese'}
    """
    votes: dict[str, Counter[str]] = {}
    j = 0
    for a, b in spans:
        while j < len(mentions) and mentions[j][0] < a:
            j += 1
        first = mentions[j][1] if j < len(mentions) and mentions[j][0] < b else None
        if first is None or _RE_OFFICE_WORD.fullmatch(first) or first.lower() == "minister":
            continue
        for office in {m.group("office").lower() for m in _RE_OFFICE_WORD.finditer(text, a, b)}:
            votes.setdefault(" ".join(office.split()), Counter())[first] += 1
    total = Counter(n for _, n in mentions)
    out = {}
    for office, c in votes.items():
        # (ties between sentences go to the person the article names more often)
        top = sorted(c, key=lambda n: (-c[n], -total[n]))[:2]
        if len(top) == 1 or (c[top[0]], total[top[0]]) > (c[top[1]], total[top[1]]):
            out[office] = top[0]
    return out


def _offices_to_holders(exs: list[Example], ranks: Mapping[int, list] | None = None) -> None:
    """A figure whose subject (or, for a lead, the one behind) came out as a bare office goes to
    the office's holder: the one the article titles ("Prime Minister Ilse Varga"), else
    :func:`_guess_office_holders`' guess, else (a subject) the person the ranker put next ("The
    prime minister's personal ratings ... 68% say he is doing badly", "he" resolved to the
    Starmer the article named); with none of them the office stays."""
    for ex in exs:
        c = ex.cand
        disc = c.discourse
        if not c.accepted or disc is None:
            continue
        for attr in ("subject", "other"):
            name = getattr(c, attr)
            office = " ".join(re.sub(r"(?i)^the\s+", "", name).lower().split()) if name else ""
            office = "prime minister" if office == "cabinet" else office
            if office not in OFFICES:
                continue
            holder = disc.offices.get(office) or disc.office_guess.get(office)
            if not holder and attr == "subject" and ranks is not None:
                holder = next((o.name for o, _p, _f in ranks.get(id(ex), []) if o.kind == "person"
                               and " ".join(o.name.lower().split()) not in OFFICES), None)
            if holder and holder != name:
                setattr(c, attr, holder)
                if attr == "subject":
                    c.subject_kind, c.subject_source = "person", "office holder"


# A contest between named sides: "Trump led Biden 43% to 38%", "44% Trump to 34% Biden", "the race"
_RE_RACE = re.compile(r"\b(?:led|leads?|leading|trail(?:s|ed|ing)?|ahead|behind|versus|vs\.?|match-?up|race|"
                      r"head-to-head|ballot|primary|run-?off|first\s+round|second\s+round)\b"
                      r"|\d\s*(?:%|percent|per\s*cent|pct)?\s*(?:[A-Z][\w’']*\s+)?(?:to|-|–)\s*"
                      r"(?:[A-Z][\w.’'-]*(?:'s|’s)\s+)?\d", re.I)  # ("49 percent to Trump's 47 percent")


def _race_measure(exs: list[Example]) -> None:
    """A party's or a person's share in a contest has the measure ``vote`` (the labelling rules'
    voting intention) when no word of the sentence named another one, so a tracker draws one
    series per candidate, not "Trump" beside "Trump (vote)"."""
    for ex in exs:
        c = ex.cand
        if c.accepted and c.subject_kind in ("org", "topic") and c.subject and \
                re.search(rf"\b{re.escape(c.subject)}(?:'s|’s)\s+\d", ex.sentence):
            # "50 percent to Trump's 41 percent": a name owning a figure of the contest is a
            # candidate, whatever the parser called it where no sentence of the article said
            # PERSON (mentions.article_kinds already makes a name a person if one did)
            c.subject_kind = "person"
        if (c.accepted and c.measure is None and c.kind in ("share", "lead")
                and c.subject_kind in ("party", "person", "name") and _RE_RACE.search(ex.sentence)):
            c.measure = "vote"


# "Among Catholics, ...", "In Portugal ...", "Even among Reform voters ...": the people asked
# (not "For Yahoo, 44 percent agreed" or "In the two days before Biden dropped out, ...")
_RE_GROUP_PREFIX = re.compile(r"\s*(?:(?:Even|Only|Just|But)\s+)?(?:Among|Of)\s+(?P<group>[^,.;:]{1,60}),\s", re.I)
# words that stand for the figure itself, never for what it is about
_FIGURE_WORDS = {"split", "figure", "number", "share", "proportion", "former", "latter", "level", "result",
                 "results", "tally", "margin"}


def _the_same_question(exs: list[Example]) -> None:
    """A figure whose sentence only says whom it is about ("Among Catholics, the split is 58
    percent to 40 percent", "Among Labour voters, her approval rises to 61 per cent" after
    "Brabin's approval ... 38 per cent") is about what the figures of the sentence before were
    about, when the subject read here is a word for the figure itself or the party of the group."""
    prev: tuple[str, str | None] | None = None
    for group in _by_sentence(exs):
        kept = [e.cand for e in group if e.cand.accepted]
        prefix = _RE_GROUP_PREFIX.match(group[0].sentence)
        if prev is not None and prefix is not None:
            grp = prefix.group("group")
            for c in kept:
                subj = (c.subject or "").strip()
                # (a party named in the group is the voters'; a person there stays: "Among
                # Biden's supporters, 37% said their vote was to support the president")
                if (not subj or subj.lower() in _FIGURE_WORDS
                        or (c.subject_kind == "party" and re.search(rf"(?<![\w-]){re.escape(subj)}(?![\w-])", grp))):
                    c.subject, c.subject_kind, c.subject_source = prev[0], prev[1], "same question"
        named = [(c.subject, c.subject_kind) for c in kept if c.subject and c.subject.lower() not in ("undecided", "others")]
        if named:
            prev = named[0]


# What a figure's sentence may call it without saying what it is about: the figure itself
# ("the share rose to 53%", "the figure is 55%"), a superlative ("highest among 25- to
# 34-year-olds"), the people asked ("Among Republicans, it's 83 percent") or a word for the
# proposal the article is about ("61 per cent supported the change", "opposed the idea").
# (not "result(s)", "level", "margin": they name a subject of their own often enough)
_PLACEHOLDER_FIGURE = frozenset(_FIGURE_WORDS - {"result", "results", "level", "margin"}) | {
    "highest", "lowest", "highest level", "highest levels", "lowest level", "lowest levels", "highest among",
    "lowest among"}
# "the remainder": another figure of the same sentence, so only a figure there can say what
_PLACEHOLDER_REST = frozenset({"rest", "remainder"})
_PLACEHOLDER_PROPOSAL = frozenset({"idea", "change", "move", "proposal", "plan", "policy", "measure", "step", "notion"})
# a figure word that says what it counts ("the share of people getting news through social
# media", "the proportion who say") is not a placeholder
_RE_DEFINED_AFTER = re.compile(r"\s+(?:of|who|that|which|saying|planning|paying|getting|[a-z]+ing)\b", re.I)
# "the idea", "such a move" point back; "whether it's time for a change" names its own topic
_ANAPHORIC = r"\b(?:the|this|that|such(?:\s+an?)?)\s+"
_RE_GROUP_BEFORE = re.compile(r"\b(?:among|in)\s+(?:the\s+)?$", re.I)
_RE_SUPERLATIVE = re.compile(r"\b(?:highest|lowest|strongest|weakest|most|least|among)\b", re.I)
# The question an issue poll asked, read as an answer: "named crime as the most important
# issue", "the country's biggest problem", "very important to their vote", "the country was
# headed in the wrong direction" (a qualifier or a possessive: "reported no problems" answers)
_RE_QUESTION_NAME = re.compile(
    r"(?:(?:country|nation|state|city|area)(?:'s|’s)\s+|(?:'s|’s)\s+|the\s+)?(?:single\s+)?"
    r"(?:(?:most|biggest|top|main|greatest|largest|key|dominant)\s+(?:important\s+|pressing\s+|serious\s+|urgent\s+)?"
    r"|(?:'s|’s)\s+(?:most\s+)?(?:important\s+|pressing\s+)?|important\s+(?=\w+\s+facing$))"
    r"(?:issues?|problems?|concerns?|priority|priorities|challenges?|obstacles?|hurdles?|worry|worries)(?:\s+facing)?",
    re.I)
# what the question's issues face is part of the question ("the most important issues facing the EU")
_RE_FACING_BEFORE = re.compile(r"\b(?:issues?|problems?|concerns?|challenges?|priorit(?:y|ies))\s+facing\s+(?:the\s+|our\s+)?$",
                               re.I)
_RE_QUESTION_COUNTRY = re.compile(r"\s+(?:is|was|were|are|had\s+been|has\s+been)\s+(?:headed|heading|going|moving|on)\b"
                                  r"|(?:'s|’s)\s+(?:most|biggest|top|main)\b", re.I)
_CARRY_SENTENCES = 4  # how far back the subject a placeholder stands for may be
_ALT_MIN = 0.5  # the ranker's score a name of the same sentence needs to replace a placeholder


def _stands_in(ex: Example, name: str, kind: str | None, at: Option | None) -> str | None:
    """Whether ``name``, read as a figure's subject, only stands in for one said before:
    ``"figure"``, ``"rest"``, ``"question"`` (the question asked: "named crime as the most
    important issue"), ``"party"`` ("the party is on 35%"), ``"group"`` (the people or place asked: "Among Republicans, it's 83
    percent", "highest in Nigeria, at 78 percent") or ``"proposal"``; None for a subject of its own."""
    low = name.strip().lower()
    if low in _PLACEHOLDER_REST:
        return "rest"
    if _RE_QUESTION_NAME.fullmatch(low):
        return "question"
    if at is not None and at.start is not None and (
            # (a noun chunk's span holds its determiner: "their vote")
            (low == "vote" and re.search(r"\b(?:their|your|his|her|my)\s+(?:vote\b|$)",
                                         ex.sentence[max(0, at.start - 8):at.end or at.start], re.I))
            or (low == "country" and _RE_QUESTION_COUNTRY.match(ex.sentence, at.end or at.start))
            or (kind not in ("party", "person") and _RE_FACING_BEFORE.search(ex.sentence, 0, at.start))):
        return "question"
    if low in _PLACEHOLDER_FIGURE or low.startswith(("among ", "highest ", "lowest ")):
        return None if at is not None and _RE_DEFINED_AFTER.match(ex.sentence, at.end or 0) else "figure"
    if low == "party" and at is not None and at.start is not None and re.search(
            _ANAPHORIC + r"party\b", ex.sentence[max(0, at.start - 12):(at.end or at.start) + 1], re.I):
        return "party"  # "puts the party on 31%": the party named before
    if low in _PLACEHOLDER_PROPOSAL and at is not None and at.start is not None and re.search(
            _ANAPHORIC + re.escape(low) + r"\b", ex.sentence[max(0, at.start - 12):(at.end or at.start) + 1], re.I):
        return "proposal"
    if (kind in ("place", "group", "party", "name") and at is not None and at.start is not None
            and _RE_SUPERLATIVE.search(ex.sentence) and _RE_GROUP_BEFORE.search(ex.sentence, 0, at.start)):
        return "group"
    prefix = _RE_GROUP_PREFIX.match(ex.sentence)
    # ("Of the 22 million Americans who own MP3 players, 59% are men": a topic, not a group)
    if (prefix is not None and at is not None and at.start is not None and at.start < prefix.end("group")
            and kind in ("group", "place") and "among" in prefix.group(0).lower()):
        return "group"
    return None


def _placeholders(exs: list[Example], ranks: Mapping[int, list]) -> None:
    """A figure whose subject only stands in for what the poll asked ("the share rose to 53%",
    "Support was highest in Nigeria, at 78 percent", "Among Coalition voters, 61 per cent supported
    the change") is about the next name the ranker offers in its own sentence that has a subject
    of its own, else about the subject of the latest figure before it in the same poll, within a
    few sentences. A word for a proposal only stands for an issue, never for a party or a person;
    "the remainder" only for a figure of its own sentence."""
    prev: X.Candidate | None = None
    for e in sorted((e for e in exs if e.cand.accepted), key=lambda e: (e.cand.sent, e.cand.q.start)):
        c = e.cand
        subj = (c.subject or "").strip()
        at = next((o for o in e.options if o.name == subj and o.start is not None), None)
        kind = _stands_in(e, subj, c.subject_kind, at) if subj else None
        if kind is None:
            if subj and subj.lower() not in ("undecided", "others"):
                prev = c
            continue
        # (any score for the answer to a question: the ranker scores answers low beside it)
        alt = next((o for o, p, _ in ranks.get(id(e), [])[1:] if o.start is not None and o.name != subj
                    and (p >= _ALT_MIN or (kind == "question" and o.kind not in ("group", "place")))
                    and _stands_in(e, o.name, o.kind, o) is None
                    and (kind != "party" or o.kind == "party")), None) if kind != "rest" else None
        if alt is not None:
            c.subject, c.subject_kind, c.subject_source = alt.name, alt.kind, f"next:{kind}"
            prev = c
            continue
        if prev is None or prev.block != c.block or c.sent - prev.sent > _CARRY_SENTENCES or kind == "question":
            continue  # (the previous figure answered the same question otherwise)
        if (kind == "proposal" and prev.subject_kind in ("party", "person")) or (kind == "rest" and prev.sent != c.sent) \
                or (kind == "party" and prev.subject_kind != "party"):
            continue
        c.subject, c.subject_kind, c.subject_source = prev.subject, prev.subject_kind, f"carried:{kind}"



def _by_sentence(exs: Iterable[Example]) -> list[list[Example]]:
    """The examples grouped by sentence, in text order within each sentence."""
    groups: dict[int, list[Example]] = {}
    for ex in exs:
        groups.setdefault(ex.cand.sent, []).append(ex)
    return list(groups.values())


# "47% to Trump's 43%": a pair whose second figure is named between the two
_RE_NAMED_PAIR_GAP = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?(?:\s+(?:of|among)\s+(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*)?"
                                r"\s+to\s+(?:the\s+)?[A-Z][\w.-]*"
                                r"(?:\s+[A-Z][\w.-]*){0,3}(?:'s|’s|'|’)\s*")


def _pairs(exs: list[Example]) -> Iterator[tuple[Example, Example]]:
    """The two figures of each "x% to y%" (or "x% to B's y%") pair, first and second."""
    for group in _by_sentence(exs):
        cands = [e.cand for e in group]
        for a, b in itertools.pairwise(group):
            plain = _pair(a.sentence, a.cand, cands) == ("first", a.cand.q.start) and \
                _pair(b.sentence, b.cand, cands) == ("second", a.cand.q.start)
            named = a.cand.kind == b.cand.kind == "share" and \
                _RE_NAMED_PAIR_GAP.fullmatch(a.sentence, a.cand.q.end, b.cand.q.start) is not None
            if plain or named:
                yield a, b


def _pairs_together(exs: list[Example], probs: dict[int, float]) -> dict[int, float]:
    """The two figures of an "x% to y%" pair are one statement: each gets the pair's higher
    probability ("Trump leads her 51% to 33%": the second alone reads like a bare number)."""
    out = dict(probs)
    for a, b in _pairs(exs):
        out[id(a)] = out[id(b)] = max(probs[id(a)], probs[id(b)])
    return out


def _tables_together(exs: list[Example], probs: dict[int, float]) -> dict[int, float]:
    """The rows of one poll table answer one question: every figure of the table gets the
    table's median probability (a row labelled "Inflation: 30% / 68%" under "How voters rate
    the president (approve / disapprove):" is no more an economic statistic than its neighbours)."""
    tables: dict[int, list[int]] = {}
    for ex in exs:
        if ex.cand.table is not None and ex.cand.kind != "points?":
            tables.setdefault(ex.cand.table, []).append(id(ex))
    out = dict(probs)
    for ids in tables.values():
        if len(ids) >= 3:
            mid = statistics.median(probs[i] for i in ids)
            out.update((i, mid) for i in ids)
    return out


def _own_choice(ranked: list[tuple[Option, float, dict[str, float]]]) -> Option | None:
    """The option the rule pass chose for this figure by its own slot, if the ranker finds it
    likely (>= 0.5)."""
    return next((o for o, p, f in ranked if "rule_choice" in f and p >= 0.5), None)


_SLOT_FEATURES = ("gap:poss", "after:name_next", "after:approve_of_poss")
# The small model tags "Trump's" an organisation; a place or a group is never such a slot's
# subject ("Georgia's 16 electoral votes"; pollsters and sponsors are no option at all).
_SLOT_KINDS = frozenset({"party", "person", "org", "name"})


_RE_OPEN_BRACKET = re.compile(r"\(\s*$")
_RE_CLOSE_BRACKET = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?\s*\)")
# "about a quarter of marketplace enrollees (26%)", "residents across the district (72 per
# cent)": the bracket restates a share of the people asked
_RE_OF_PEOPLE = re.compile(r"\b(?:of|across|among)\b[^,;()]*$", re.I)


def _bracket_slot(ex: Example) -> Option | None:
    """The option right before a bracketed figure is what it counts: "named the war in Ukraine
    (33%), immigration (24%)", "the NHS (47 per cent)". Not a group or a place ("Women (26%)
    were more likely ...": the people asked, not the answer).

    Why a rule: the ranker weighs a bracket like any other adjacency and, in a list of answers
    after a question, prefers the question's own nouns ("facing the EU")."""
    s, q = ex.sentence, ex.cand.q
    m = _RE_OPEN_BRACKET.search(s, 0, q.start)
    if m is None or not _RE_CLOSE_BRACKET.match(s, q.end) or _RE_OF_PEOPLE.search(s, 0, m.start()):
        return None
    before = [o for o in ex.options if o.end is not None and o.end <= m.start()
              and not s[o.end:m.start()].strip()]
    best = max(before, key=lambda o: o.end or 0, default=None)
    return best if best is not None and best.kind not in ("group", "place") else None


def _named_slot(ranked: list[tuple[Option, float, dict[str, float]]]) -> Option | None:
    """The one party or person the figure's own words attach to it: "Trump's 47 percent",
    "47% Harris to 34% Trump". Such a slot decides; the ranker weighs it among many cues and,
    out of fold, lets a pronoun or an earlier name win ("43% said they supported her and 40%
    Trump")."""
    hits = {o.name: o for o, _, f in ranked if o.kind in _SLOT_KINDS and o.name[:1].isupper()
            and any(k in f for k in _SLOT_FEATURES)}
    return next(iter(hits.values())) if len(hits) == 1 else None


# what may stand between a list item and its figure: "Labour 41%", "Labour: 41%", "Labour - 41%"
_RE_BEFORE_GAP = re.compile(r"[\s:–—-]*")
# ... and after a figure that ends a name-first list: its unit, closing punctuation
_RE_AFTER_END = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?\s*[.;,)]*\s*$", re.I)
# ... and between a figure and its item in a number-first list: "41% said the economy"
_RE_AFTER_GAP = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?\s*(?:(?:said|say|says|chose|named|picked|"
                           r"cited|for|backed|favou?red)\s+)?(?:the\s+|a\s+|an\s+)?", re.I)


def _one_each(group: list[Example], hits: Callable[[Example], list[Option]]) -> dict[int, Option]:
    """Each figure's one option among ``hits`` when every figure has exactly one and no two
    share it (else nothing)."""
    out: dict[int, Option] = {}
    for e in group:
        found = hits(e)
        if len({o.name for o in found}) != 1:
            return {}
        out[id(e)] = found[0]
    return out if len({o.name for o in out.values()}) == len(group) else {}


def _name_first_lists(exs: list[Example]) -> dict[int, Option]:
    """Figures of a list, each given its own item.

    Name first ("Labour 41%\\nConservative 33%\\nLib Dem 9%", one "sentence" to the
    segmenter): the name right before each figure, when nothing follows the last one. Read
    alone, "41%\\nConservative" looks like "47% Harris to 34% Trump" and every figure took
    the next party. Number first, three figures or more ("41% said the economy, 35% health,
    30% immigration"): the option right after each figure.
    """
    out: dict[int, Option] = {}
    for group in _by_sentence(e for e in exs if e.cand.kind == "share"):
        if len(group) < 2:
            continue
        before = _one_each(group, lambda e: [
            o for o in e.options if o.kind in _SLOT_KINDS and o.name[:1].isupper()
            and o.end is not None and o.end <= e.cand.q.start
            and _RE_BEFORE_GAP.fullmatch(e.sentence, o.end, e.cand.q.start)])
        last = group[-1]
        if before and _RE_AFTER_END.match(last.sentence, last.cand.q.end):
            out.update(before)
        elif len(group) >= 3:
            out.update(_one_each(group, lambda e: [
                o for o in e.options if o.start is not None and o.kind != "place"
                and _RE_AFTER_GAP.fullmatch(e.sentence, e.cand.q.end, o.start)]))
    return out


# "Gallego leading Lake 48% to 41%", "Cruz lags Trump 28.3 percent to 45.7 percent": the
# first figure of the pair is the verb's subject's, the second its object's, whichever the verb.
_RE_VERSUS_VERB = re.compile(
    # A's own clause may stand between A and the verb, closed by a comma ("Albanese continues to
    # dominate as preferred prime minister, leading Opposition Leader Sussan Ley by 53 per cent
    # to 31 per cent"; "Hochul, the incumbent, leads ...")
    r"(?:\s+[^.;:%\d,]{1,80},)?"
    r"\s+(?:(?:is|was|would|could|will|might)\s+)?(?:(?:just|narrowly|slightly|still|now|comfortably|also|easily)\s+)?(?:led|leads?|leading|beat|beats|beating|tops|topped|topping|edged|edges|"
    r"edging|defeats?|defeated|defeating|trails?|trailed|trailing|lags?|lagged|lagging|outpolled|outpolls|outpolling|"
    r"ahead\s+of|behind|"
    # "held a lead over", "has a 10-point edge on", "opened up an advantage over"
    r"(?:holds?|held|has|had|have|opened(?:\s+up)?|kept|keeps|maintains?|maintained|enjoys?|enjoyed|with)\s+"
    r"(?:a|an|the|her|his|their|its)\s+(?:[\w-]+\s+){0,2}?(?:lead|edge|advantage)\s+(?:over|on))\s+(?:the\s+)?"
    # B's party or office before the name: "leads Republican Elise Stefanik", "tops Sen. Jon Tester"
    r"(?:(?:Republican|Democratic|Democrat|GOP|Labour|Labor|Conservative|Liberal|incumbent|"
    r"challenger|former|Sen\.|Senator|Rep\.|Gov\.|Governor|President|Vice\s+President|Mayor|"
    r"state\s+Sen\.|Prime\s+Minister|(?:[Oo]pposition\s+)?[Ll]eader)\s+){0,3}"
    r"(?:[A-Z][a-z]+\s+)?")  # B's first name when B's option is the surname
# between B and the pair: punctuation, "by", or a short "among Latinos" / "in Iowa" qualifier
_RE_VERSUS_GAP = re.compile(
    # "Hochul led Bruce Blakeman, the Nassau County executive, 52 percent to 33 percent"
    r"(?:,\s+(?:the|a|an)\s+[^,;:%\d()]{1,50},)?"
    # "Biden trails Trump by 3 points in Pennsylvania, 44% to 47%": the stated gap first
    r"[\s,:–—-]*(?:by\s+(?:about\s+|nearly\s+|almost\s+|just\s+|some\s+)?[\w.]+[\s-]+(?:percentage[\s-]+)?points?"
    r"[\s,:–—-]*)?"
    # "... would defeat Mélenchon by a much wider margin, 74 percent to 26 percent"
    r"(?:by\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:margin|gap)[\s,:–—-]+)?"
    r"(?:(?:among|in|with)\s+(?:[\w'’.-]+\s+){0,3}?[\w'’.-]+[\s,:–—-]+)?(?:by\s+)?")


def _versus_slot(ex: Example, group: list[X.Candidate]) -> Option | None:
    """The subject of one figure of an "A led B 48% to 41%" pair: A for the first, B for the
    second. Word order decides here; the ranker, out of fold, gives both to the nearer name."""
    pair = _pair(ex.sentence, ex.cand, group)
    if pair is None:
        return None
    pos, at = pair
    named = [o for o in ex.options if o.start is not None and o.end is not None and o.end <= at
             and (o.kind in _SLOT_KINDS or o.kind == "topic") and o.name[:1].isupper()]
    for b in named:
        if not _RE_VERSUS_GAP.fullmatch(ex.sentence, b.end, at):
            continue
        for a in reversed(named):  # the nearest A first: a clause may stand between A and the verb
            if a.end <= b.start and a.name != b.name and _RE_VERSUS_VERB.fullmatch(ex.sentence, a.end, b.start):
                return a if pos == "first" else b
    return None


# "Clinton leading by a similar margin, 43% to 37%", "he badly lost among black voters, by 76
# percent to 22 percent": one contender, a verb of winning or losing, then an "x% to y%" pair
# whose other side is the race's rival, named elsewhere in the article.
_RE_ONE_SIDED = re.compile(
    r"\s+(?:(?:is|was|has\s+been|had\s+been|did|does)\s+)?(?:(?:still|now|just|narrowly|easily|"
    r"comfortably|badly|also|clearly)\s+)?(?:(?P<win>leads?|leading|led|ahead|up|won|wins?|winning|"
    r"beat|beats|beating|edged|edges|edging)|(?P<lose>trails?|trailed|trailing|behind|lost|loses|"
    r"losing|down))\b[^.;%\d]{0,60}?$", re.I)


_RE_ONE_SIDED_AGAIN = re.compile(r"[^.;%\d]{0,60}?,?\s+(?:but|and|while|yet)" + _RE_ONE_SIDED.pattern, re.I)
_RE_CAPITAL = re.compile(r"\b[A-Z]")
_RE_AMONG_NAME = re.compile(r"\b(?:among|in)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def _rival(exs: list[Example], who: str) -> tuple[str, str] | None:
    """The race's other contender and its kind: the party or person other than ``who`` that
    most accepted shares and leads of the article are about (None when two tie or none)."""
    counts: Counter[tuple[str, str]] = Counter(
        (c.subject, c.subject_kind) for c in (e.cand for e in exs)
        if c.accepted and c.kind in ("share", "lead") and c.subject_kind in ("party", "person")
        and c.subject and not X._same_name(c.subject, who))
    top = counts.most_common(2)
    if not top or (len(top) > 1 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def _opponent(exs: list[Example], pairs: list[tuple[Example, Example]], at: X.Candidate,
              who: str) -> tuple[str, str] | None:
    """``who``'s opponent in the nearest earlier sentence that gives both a share ("Baldwin led
    Hovde 50% to 43%" before "the senator up 52% to 47% over Hovde"): in an article about
    several races the article-wide rival (:func:`_rival`) is another race's contender."""
    earlier = [e for e in exs if e.cand.sent < at.sent]
    # an earlier pair with ``who`` on one side names the opponent on the other, even in a
    # sentence about two races ("Trump led Biden 43% to 38%, Baldwin led Hovde 50% to 43%")
    for a, b in reversed([p for p in pairs if p[0].cand.sent < at.sent]):
        sides = [(c.subject, c.subject_kind) for c in (a.cand, b.cand)
                 if c.accepted and c.kind == "share" and c.subject_kind in ("party", "person") and c.subject]
        if len(sides) == 2 and sum(X._same_name(n, who) for n, _ in sides) == 1:
            return next((n, k) for n, k in sides if not X._same_name(n, who))
    for group in reversed(_by_sentence(earlier)):
        named = [(c.subject, c.subject_kind) for c in (e.cand for e in group)
                 if c.accepted and c.kind == "share" and c.subject_kind in ("party", "person") and c.subject]
        if any(X._same_name(n, who) for n, _ in named):
            others = {n: k for n, k in named if not X._same_name(n, who)}
            if len(others) == 1:
                return next(iter(others.items()))
    return None


def _one_sided_pairs(exs: list[Example], pairs: list[tuple[Example, Example]]) -> None:
    """An "x% to y%" pair after "A leading by ..." / "A lost ... by" with no second name: A
    gets the larger share if A won or leads, the smaller if A lost or trails, and the other
    figure goes to the article's rival (:func:`_rival`). The ranker can only choose among the
    names near the figure, and the rival often is not one of them."""
    done: dict[int, tuple[Option, int]] = {}  # sentence -> the contender and the end of its pair
    for a, b in pairs:
        ca, cb = a.cand, b.cand
        if not (ca.accepted and cb.accepted and ca.kind == cb.kind == "share") or ca.value == cb.value:
            continue
        at = ca.q.start
        named = [o for o in a.options if o.kind in ("party", "person") and o.start is not None
                 and o.end is not None and o.end <= at]
        if not named:
            continue
        last = max(named, key=lambda o: o.end)
        if any(not X._same_name(o.name, last.name) for o in named if o.end > last.start):
            continue  # two names at the same place
        m = _RE_ONE_SIDED.match(a.sentence, last.end, at)
        if m is None and ca.sent in done and done[ca.sent][0].name == last.name:
            # "She leads 88% to 4% among black voters, but trails 20% to 66% among white
            # voters": the same contender's second pair, after "but"/"and"
            m = _RE_ONE_SIDED_AGAIN.match(a.sentence, done[ca.sent][1], at)
        # a capitalised word in the gap may be the second name the parse missed ("Casey
        # leading McCormick 50% to 42%"); "among Hispanics", "in Iowa" are not
        if m is None or _RE_CAPITAL.search(_RE_AMONG_NAME.sub("", m.group(0))):
            continue
        done[ca.sent] = (last, cb.q.end)
        # the opponent of an earlier pair first: in an article about several races the
        # article-wide rival may be another race's contender, or two may tie
        rival = _opponent(exs, pairs, ca, last.name) or _rival(exs, last.name)
        if rival is None:
            continue
        high, low = (ca, cb) if ca.value > cb.value else (cb, ca)
        mine, theirs = (high, low) if m.group("win") else (low, high)
        for c, (name, kind) in ((mine, (last.name, last.kind)), (theirs, rival)):
            if c.subject != name:
                c.subject, c.subject_kind, c.subject_source = name, kind, "pair:one-sided"


# The second figure of a pair named by its own words: "... to Trump's 43%" (the name right
# before it, possessive) or "... 49% to 42% over Biden", "... to 34 percent for Cruz" (right after).
_RE_POSS_GAP = re.compile(r"(?:'s|’s|'|’)\s*")
_RE_FOR_GAP = re.compile(r"\s*(?:%|percent|per\s*cent|pct)?\s*(?:for|over)\s+(?:the\s+)?")
# between the first name and the pair: a short stretch of one clause ("Harris comes in at",
# "Trump up in Iowa with", "Trump with a wide lead in Indiana,"), no second figure or clause end
_RE_FIRST_GAP = re.compile(r"[^.;:!?%\d]{0,60}")


# a contender named by role between a name and the pair: that name is not the first figure's
_RE_ROLE = re.compile(r"\b(?:senator|president|governor|candidate|nominee|incumbent|challenger|"
                      r"congress(?:wo)?man|mayor|front-?runner|billionaire|businessman|rival|"
                      r"republican|democrat|frontrunner|party)\b")
_CALENDAR = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
                       "Friday", "Saturday", "Sunday"})
# a day, month or season with the words that make a date of it ("early May", "last week")
_DATE_WORDS = frozenset({w.lower() for w in _CALENDAR} | {
    "early", "late", "mid", "last", "next", "this", "week", "weekend", "month", "year", "today", "yesterday",
    "spring", "summer", "autumn", "fall", "winter"})


def _second_slot(ex: Example) -> Option | None:
    """The party or person the second figure of a pair names as its own (or None)."""
    c, s = ex.cand, ex.sentence
    for o in ex.options:
        if not o.name[:1].isupper() or o.start is None or o.end is None:
            continue
        if o.kind in (*_SLOT_KINDS, "topic") and o.end <= c.q.start and s[o.end:c.q.start].strip() \
                and _RE_POSS_GAP.fullmatch(s, o.end, c.q.start):
            return o
        # the small model tags some candidates places ("over Biden"); no pair of shares is
        # "for" or "over" a place
        if o.kind != "group" and o.start >= c.q.end and _RE_FOR_GAP.fullmatch(s, c.q.end, o.start):
            return o
    return None


def _named_pairs(exs: list[Example], pairs: list[tuple[Example, Example]]) -> None:
    """An "x% to y%" pair whose second figure names its own ("Harris 47% to Trump's 43%",
    "Trump up 49% to 42% over Biden", "Trump ... 49 percent to 34 percent for Cruz"): the
    second is that name's, the first the nearest other party or person before the pair in the
    same clause, or, when the clause names none ("The Republican candidate has 45% to
    Clinton's 42%"), the article's rival of the second. The ranker, weighing distance, tends to
    give both figures the one name between them."""
    for a, b in pairs:
        ca, cb = a.cand, b.cand
        if not (ca.accepted and cb.accepted and ca.kind == cb.kind == "share"):
            continue
        second = _second_slot(b)
        if second is None:
            continue
        at = ca.q.start
        before = [o for o in a.options if o.kind in ("party", "person", "org", "name", "topic") and o.name[:1].isupper()
                  and o.end is not None and o.start is not None and o.end <= at
                  and not X._same_name(o.name, second.name) and _RE_FIRST_GAP.fullmatch(a.sentence, o.end, at)]
        first = max(before, key=lambda o: o.end) if before else None
        ranked = (ca.subject, ca.subject_kind) if ca.subject and ca.subject_kind in ("party", "person") \
            and not X._same_name(ca.subject, second.name) else None
        if first is not None and not _RE_ROLE.search(a.sentence, first.end, at) and first.name not in _CALENDAR:
            pick: tuple[str, str] | None = (first.name, first.kind)
        else:
            # "the senator up 52% to 47% over Hovde": the one who faced Hovde in an earlier
            # pair, else the ranker's choice (a coreference), else the article's rival
            pick = _opponent(exs, pairs, ca, second.name) or ranked or _rival(exs, second.name)
        if pick is None:
            continue
        for c, (name, kind) in ((ca, pick), (cb, (second.name, second.kind))):
            if c.subject != name:
                c.subject, c.subject_kind, c.subject_source = name, kind, "pair:named"


# "with 9 percent undecided", "about a fifth of voters are undecided", "12% were still not sure",
# "the remaining 17 per cent said they did not know", "31 percent — say they have not yet made up
# their minds", "9 percent declined to give an opinion": the figure's own clause says its people
# have no answer. Only words that carry no other answer may stand between ("59% backed it, while
# the rest did not know" is no share of the undecided).
_UNDECIDED_FILLER = (r"are|were|is|was|remain(?:ed|s)?|still|said|say|says|saying|told|they|that|had|have|has|yet|"
                     r"simply|just|either|would|could|who|intend|intended|plan|planned|to|vote|voting")
_RE_UNDECIDED = re.compile(
    r"\s*(?:%|percent|per\s*cent|pct)?\s*(?:\)\s*|[—–]\s*)?(?:of\s+(?:the\s+)?(?:[\w,-]+\s+){0,3}?(?:voters|respondents|"
    r"people|electorate|adults|those\s+(?:polled|surveyed|asked|questioned)|[A-Z]\w+ans|Britons)\s*)?"
    r"(?:(?:voters|respondents|people|adults)\s+)?"
    rf"(?:(?:{_UNDECIDED_FILLER})\s+){{0,5}}"
    r"(?:undecided|unsure|not\s+sure|no\s+opinion(?!\s+(?:of|about|on)\b)|(?:(?:do|does|did)(?:\s+not|n['’]t)|don['’]t)\s+know"
    # (not "did not know the name of their MP", a question of its own; nor "no opinion of
    # him" or "did not know enough about him", a rating of him)
    r"(?=\s*(?:[,.;:)\"”’]|$)|\s+(?:how|who|whom|which|whether|what\s+(?:to|they)|yet)\b)|"
    r"(?:not|n['’]t)\s+(?:yet\s+)?(?:decided|made\s+up\s+their\s+minds?)|(?:could|can)(?:\s*not|n['’]t)\s+say|"
    r"(?:declined|refused)\s+to\s+(?:answer|say|respond|give\s+an?\s+(?:opinion|answer)|express\s+an?\s+opinion)|"
    r"(?:did|do)(?:\s+not|n['’]t)\s+(?:give|express|offer)\s+an?\s+(?:opinion|answer))\b", re.I)


def _undecided(exs: list[Example]) -> None:
    """A share of the undecided ("with 9 percent undecided") is about no contender: its
    subject is "undecided", the series a tracker draws beside the parties. The ranker, which
    chooses among the names of the sentence, gave it one of them."""
    for e in exs:
        c = e.cand
        if not (c.accepted and c.kind == "share"):
            continue
        if _RE_UNDECIDED.match(e.sentence, c.q.end) or _RE_UNDECIDED_BEFORE.search(e.sentence, 0, c.q.start):
            c.subject, c.subject_kind, c.subject_source = "undecided", "topic", "slot:undecided"
        elif _RE_NEITHER.match(e.sentence, c.q.end):
            c.subject, c.subject_kind, c.subject_source = "neither", "topic", "slot:neither"


# '"not sure" came first on 38 per cent', '"Don't know" was on 12%': the answer named before
_RE_UNDECIDED_BEFORE = re.compile(
    r"[\"“‘']?(?:not\s+sure|don['’]t\s+know|undecided|unsure)[\"”’']?\s+(?:(?:came|was|were|stood|is|are)\s+)?"
    r"(?:(?:first|second|third|top)\s+)?(?:on|at|with)\s+(?:just\s+|only\s+)?$", re.I)
# "58 pct said they would choose neither", "19 percent said they would not support either"
_RE_NEITHER = re.compile(
    r"\s*(?:%|percent|per\s*cent|pct)?\s*(?:of\s+[\w\s,-]{1,30}?\s+)?(?:said\s+(?:that\s+)?(?:they\s+)?)?"
    r"(?:(?:would|will)\s+)?(?:(?:choose|back|support|vote\s+for|prefer|pick|want)\s+neither\b|neither\b(?!\s+\w+\s+nor)"
    r"|(?:not|n['’]t)\s+(?:choose|back|support|vote\s+for|prefer|pick)\s+either\b)", re.I)


# "32.8 percent backing him and 28.7 percent backing Cruz", "63% of women of color said they
# backed Harris over Trump": the figure's own verb names whom its people back
_RE_BACKED_GAP = re.compile(
    r"\s*(?:%|percent|per\s*cent|pct)?\)?\s*(?:of\s+[^,.;:%\d]{1,40}?\s+)?(?:who\s+|that\s+)?"
    r"(?:(?:said|say|says)\s+(?:that\s+)?(?:they\s+)?)?"
    r"(?:(?:would|will|plan\s+to|intend\s+to)\s+)?(?:backing|backed|backs?|supporting|supported|supports?|favou?ring|"
    r"favou?red|favou?rs?|preferring|preferred|prefers?|chose|choosing|picked|picking|(?:vot(?:e|ed|ing)(?:\s+for)?)|"
    # "31% who approve of Badenoch", "46% of that group approve of him", "59% trust Duterte"
    r"(?:dis)?approv(?:e|es|ed|ing)\s+of|(?:dis)?trust(?:s|ed|ing)?)\s+(?:the\s+)?",
    re.I)


# "chose CDA leader Henri Bontenbal", "backing Labour leader Keir Starmer": the party names the leader
_RE_MODIFIER_AFTER = re.compile(r"(?:'s|’s)?\s+(?:leader|chief|head|chair(?:man|woman)?|candidate|boss|nominee)\b", re.I)
_RE_OFFICE_NAME = re.compile(rf"(?:the\s+)?{_OFFICE}", re.I)


# "22% approve of the job Starmer is doing, while 59% disapprove", "58 percent in favor and 36
# percent opposed", "35% saying they neither approve nor disapprove": the other answer to the
# same question, its object left unsaid
_RE_OTHER_ANSWER = re.compile(
    r"\s*(?:%|percent|per\s*cent|pct)?\)?\s*(?:of\s+(?:them|those\s+\w+|respondents|voters)\s+)?(?:(?:said|say|saying|says)\s+"
    r"(?:that\s+)?(?:they\s+)?)?(?:(?:were|are|was|is|strongly|somewhat)\s+)?(?:neither\s+approve\s+nor\s+disapprove|"
    r"(?:dis)?approv(?:e|ed|es|ing)|oppos(?:e|ed|es|ing)|against|in\s+favou?r|disagree[ds]?|(?:dis)?satisfied|"
    r"(?:did|do|does)(?:\s+not|n['’]t))\b(?!\s+(?:of\s+)?(?:the\s+|his\s+|her\s+)?[A-Z])(?!\s+(?:of|with|to)\b)",
    re.I)


def _other_answers(exs: list[Example]) -> None:
    """A share whose clause only gives the other answer to its sentence's question ("while 59%
    disapprove") is about what the share before it in the sentence is about."""
    for group in _by_sentence(exs):
        prev: X.Candidate | None = None
        for e in sorted(group, key=lambda e: e.cand.q.start):
            c = e.cand
            if not (c.accepted and c.kind == "share"):
                continue
            if (prev is not None and prev.subject and prev.subject.lower() not in ("undecided", "others")
                    and c.subject != prev.subject and c.subject != "undecided" and _RE_OTHER_ANSWER.match(e.sentence, c.q.end)):
                c.subject, c.subject_kind, c.subject_source = prev.subject, prev.subject_kind, "other answer"
            prev = c


# "Immigration was mentioned by 17.9 percent, and corruption by 14.6 percent", "cited by 48
# percent, followed by security at 35 percent": an item of a list of answers, its name right
# before its figure
_RE_NAMED_BY = re.compile(rf"\s+(?:was|were|is|are|has\s+been|had\s+been)\s+(?:also\s+|most\s+(?:often\s+)?)?"
                          rf"(?:mentioned|cited|named|chosen|picked|selected|identified|nominated|ranked\s+first)\s+by\s+"
                          rf"(?:(?:{X.HEDGE}|just|only)\s+)?", re.I)
_RE_ITEM_GAP = re.compile(rf"\s+(?:at|on|with|by)\s+(?:(?:{X.HEDGE}|just|only)\s+)?", re.I)
_RE_ITEM_BEFORE = re.compile(r"(?:\bfollowed\s+by|\bthen|\band|,)\s+(?:by\s+)?(?:the\s+)?$", re.I)


def _list_items(exs: list[Example]) -> None:
    """A share right after the name of its answer in a list ("X was mentioned by 18%", "followed
    by security at 35 percent", "and corruption by 14.6 percent") is that answer's."""
    for group in _by_sentence(exs):
        named_by = False
        for e in sorted(group, key=lambda e: e.cand.q.start):
            c = e.cand
            if not (c.accepted and c.kind == "share"):
                continue
            before = [o for o in e.options if o.end is not None and o.start is not None and o.end <= c.q.start]
            pick = None
            for o in sorted(before, key=lambda o: -o.end):
                if _RE_NAMED_BY.fullmatch(e.sentence, o.end, c.q.start):
                    pick, named_by = o, True
                elif (_RE_ITEM_GAP.fullmatch(e.sentence, o.end, c.q.start) and _RE_ITEM_BEFORE.search(e.sentence, 0, o.start)
                      and (named_by or any(x.cand.q.end <= o.start and x.cand.accepted for x in group))):
                    # ("and corruption by 14.6 percent" only continues a list "mentioned by")
                    by_gap = e.sentence[o.end:c.q.start].strip().startswith("by")
                    pick = o if named_by or not by_gap else None
                break  # only the name right before the figure
            if pick is not None and pick.kind == "topic":
                # ("and Cruz second at 23 percent": the name inside the phrase)
                inner = [o for o in e.options if o.kind in ("party", "person") and o.start is not None
                         and o.end is not None and pick.start <= o.start and o.end <= pick.end]
                pick = inner[-1] if inner else pick
            if pick is not None and pick.name != c.subject:
                c.subject, c.subject_kind, c.subject_source = pick.name, pick.kind, "slot:list item"


def _backed(exs: list[Example]) -> None:
    """A share followed by its people's verb of support and a party or person ("backing
    Cruz", "said they backed Harris over Trump", "backing him") is that party's or person's.
    The ranker, weighing distance and the sentence's subject, often gave it the name before."""
    for e in exs:
        c = e.cand
        if not (c.accepted and c.kind == "share"):
            continue
        m = _RE_BACKED_GAP.match(e.sentence, c.q.end)
        if m is None:
            continue
        at = m.end()
        starts = (at, at - 4) if e.sentence[max(0, at - 4):at].lower() == "the " else (at,)
        here = [o for o in e.options if o.start in starts and not _RE_MODIFIER_AFTER.match(e.sentence, o.end or 0)
                and not _RE_OFFICE_NAME.fullmatch(o.name)]
        # (the small parser calls some surnames places or organisations: "approve of Badenoch";
        # an office is its holder: "approve of the Prime Minister's performance")
        o = next((o for o in here if o.kind in ("party", "person")), None) or next(
            (o for o in here if o.kind in ("name", "org", "place") and o.name[:1].isupper()), None)
        if o is not None and c.subject != o.name:
            c.subject, c.subject_kind, c.subject_source = o.name, o.kind, "slot:backed"


# Between a party or person and its own figure, a short predicate of one clause: "Clinton
# had 46 percent", "Reform UK is up two points at 18%", "the Lib Dems are on 11%", "Trump 42
# percent" (the verb elided after "and"). No comma, no "and", no other name, no other figure.
_RE_PREDICATE_GAP = re.compile(
    r"\s*(?:(?:is|was|were|are|has|had|have|stood|stands|remained|remains|came|comes|got|gets|"
    r"polled|polls|scored|scores|took|takes|received|receives|garnered|drew|draws|registered|"
    r"registers|climbed|climbs|rose|rises|fell|falls|dropped|drops|slipped|slips|edged|edges|"
    r"jumped|jumps|sits|sat|up|down|now|still|just|only|at|on|with|to|by|a|an|the|about|"
    r"around|nearly|almost|roughly|some|points?|percentage|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|\d{1,2}|"
    # "Cruz second at 23 percent", "Rubio in third place with 11 percent"
    r"first|second|third|fourth|fifth|in|place)\s+)*")


_RE_AND_GAP = re.compile(r",?\s+and\s+(?:the\s+)?")


def _each_pair(ex: Example) -> tuple[Option, Option] | None:
    """The two names joined by "and" before a share written "x% each" or "x% apiece", in order."""
    c, s = ex.cand, ex.sentence
    if not X._RE_EACH_AFTER.match(s[c.q.end:]):
        return None
    names = sorted((o for o in ex.options if o.kind in _SLOT_KINDS and o.name[:1].isupper()
                    and o.start is not None and o.end is not None and o.end <= c.q.start),
                   key=lambda o: o.start)
    for a, b in zip(names[::-1][1:], names[::-1], strict=False):
        if _RE_AND_GAP.fullmatch(s, a.end, b.start):
            return a, b
    return None


def _clause_name_slot(ex: Example) -> Option | None:
    """The party or person right before a share, joined to it by a short predicate of the
    same clause ("Clinton had 46 percent and Trump 42 percent": the ranker, weighing the names
    of the whole sentence, gave both figures to Clinton)."""
    c, s = ex.cand, ex.sentence
    # (the small model tags some candidates organisations: "Trump" is ORG as often as not)
    before = [o for o in ex.options if o.kind in _SLOT_KINDS and o.name[:1].isupper()
              and o.start is not None and o.end is not None and o.end <= c.q.start]
    if not before:
        return None
    o = max(before, key=lambda o: o.end)
    return o if _RE_PREDICATE_GAP.fullmatch(s, o.end, c.q.start) else None


# "40% have a favorable opinion of Clinton, and 37% say the same about Trump": the figure is
# about the name after "the same about"
_RE_SAME_ABOUT = re.compile(
    r"\s*(?:%|percent|per\s*cent|pct)?\s+(?:of\s+(?:[\w'’-]+\s+){0,4}?)?(?:who\s+)?(?:(?:also|now)\s+)?"
    r"(?:say|said|says|feel|felt|think|thought|believe|believed)\s+the\s+same\s+(?:about|of|for|"
    r"regarding|with)\s+(?:the\s+)?", re.I)


def _same_about_slot(ex: Example) -> Option | None:
    """The party or person named right after "x% say the same about"."""
    m = _RE_SAME_ABOUT.match(ex.sentence, ex.cand.q.end)
    if m is None:
        return None
    return next((o for o in ex.options if o.start == m.end() and o.kind in _SLOT_KINDS
                 and o.name[:1].isupper()), None)


def _taken_by_neighbours(exs: list[Example], ranks: Mapping[int, list]) -> dict[int, set[str]]:
    """Figure -> the names that OTHER shares of its sentence claim: their own slot names them
    and the ranker agrees. In "44 per cent approve of the Prime Minister, and support for the
    Big Bridge is at 55 per cent" the ranker, scoring each figure alone, may give both to
    "Big Bridge"; a figure whose own slot names a likely subject keeps that one instead of
    taking its neighbour's."""
    by_sent: dict[int, list[tuple[Example, str | None]]] = {}
    for ex in exs:
        if ex.options and ex.cand.kind == "share":  # a lead names two; its rules are its own
            ranked = ranks[id(ex)]
            own = _own_choice(ranked)
            claim = own.name if own is not None and ranked[0][0].name == own.name else None
            by_sent.setdefault(ex.cand.sent, []).append((ex, claim))
    out: dict[int, set[str]] = {}
    for group in by_sent.values():
        for ex, _ in group:
            out[id(ex)] = {claim for other, claim in group if other is not ex and claim}
    return out


def _leads_to_the_one_ahead(cands: list[X.Candidate], tolerance: float = 0.6) -> None:
    """A lead belongs to the party or person ahead: when two shares of the same poll (this
    sentence or the two before) differ by the lead, the larger is the subject and the smaller
    ``other``; "38 pct ... 34 pct, a lead of 4 points" and "The governing party's five-point
    lead over the National Democrats" (after "Civic Union 38 per cent, the National Democrats
    33 per cent") both go to the party ahead."""
    # (names the small model tags organisations count: "Trump" is ORG as often as not)
    shares = [c for c in cands if c.accepted and c.kind == "share" and c.subject and c.subject_kind in _SLOT_KINDS]
    for c in cands:
        if not (c.accepted and c.kind == "lead"):
            continue
        latest: dict[str, X.Candidate] = {}
        for x in shares:  # the latest share of each subject, same poll, this sentence or the two before
            if x.block == c.block and c.sent - 2 <= x.sent <= c.sent:
                latest[x.subject] = x  # type: ignore[index]
        fits = [(a, b) for a in latest.values() for b in latest.values()
                if a is not b and abs(a.value - b.value - c.value) <= tolerance]
        if c.other:
            fits = [ab for ab in fits if ab[1].subject == c.other] or fits
        if len({a.subject for a, _ in fits}) == 1:
            a, b = fits[0]
            c.subject, c.subject_kind, c.subject_source = a.subject, a.subject_kind, "lead:shares"
            c.other = b.subject if len({y.subject for _, y in fits}) == 1 else c.other
        elif c.subject in latest and c.other in latest and latest[c.subject].value < latest[c.other].value:  # type: ignore[index]
            c.subject, c.other = c.other, c.subject


# The words that say who holds a lead, read where they are unambiguous: "Kessler is ahead by
# 11", "Bottoms leads Jones by 9 points", "Trzaskowski ahead of Nawrocki by just two points",
# "Biden trails Trump by 3 points", "Fine Gael is now four points behind Fianna Fáil"
_LEAD_HEDGE = rf"(?:(?:{X.HEDGE}|just|only|a\s+staggering|a\s+mere)\s+)*"
_LEAD_BE = (r"\s+(?:(?:is|was|are|were|has\s+been|had\s+been|remains?|remained|stays?|stayed)\s+)?"
            r"(?:(?:now|still|just|narrowly|comfortably|clearly|also|well)\s+)?")
_LEAD_AMONG = r"(?:(?:among|with|in)\s+[^,;.%\d]{1,40}?\s+)?"
_RE_LEAD_ALONE = re.compile(_LEAD_BE + r"(?:ahead|up|leads?|led|leading|in\s+front)\s+" + _LEAD_AMONG + r"by\s+" + _LEAD_HEDGE)
_RE_LEAD_BY = re.compile(r"\s+" + _LEAD_AMONG + r"by\s+" + _LEAD_HEDGE)
_RE_LEAD_POINTS_AFTER = re.compile(r"\s*(?:percentage\s+)?(?:points?\s+)?(?P<side>behind|ahead\s+of|clear\s+of)\s+(?:the\s+)?")
_LEAD_KINDS = frozenset({"party", "person", "name", "org", "place"})


def _lead_slots(exs: list[Example]) -> None:
    """A lead whose own words name its holder (see the patterns above) is that holder's, the
    other one named there is ``other``. The ranker, which weighs each name alone, often gives
    the lead to the one behind ("ahead of Nawrocki": the object of "of" looks like a subject)."""
    for e in exs:
        c, s = e.cand, e.sentence
        if not (c.accepted and c.kind == "lead"):
            continue
        named = sorted((o for o in e.options if o.kind in _LEAD_KINDS and o.start is not None and o.end is not None
                        and o.name[:1].isupper()), key=lambda o: o.start or 0)
        before = [o for o in named if (o.end or 0) <= c.q.start]
        after = [o for o in named if (o.start or 0) >= c.q.end]
        pick: tuple[Option, Option | None] | None = None
        for b in reversed(before):
            if _RE_LEAD_BY.fullmatch(s, b.end, c.q.start):
                # "A leads B by N": A and B both before the number, joined by a verb of a race
                # (the pairs' verbs); a verb of trailing gives the lead to B
                a = next((a for a in reversed(before) if (a.end or 0) <= (b.start or 0) and a.name != b.name), None)
                if a is not None and _RE_VERSUS_VERB.fullmatch(s, a.end, b.start):
                    trails = bool(_TRAIL_VERBS & set(re.findall(r"[a-z]+", s[a.end:b.start].lower())))
                    pick = (b, a) if trails else (a, b)
                    break
            if _RE_LEAD_ALONE.fullmatch(s, b.end, c.q.start):
                pick = (b, None)
                break
            break  # only the name nearest the number may hold the lead alone
        if pick is None and before:
            a = before[-1]
            m = _RE_LEAD_POINTS_AFTER.match(s, c.q.end)
            if m is not None and re.fullmatch(_LEAD_BE, s[a.end:c.q.start]):
                b = next((o for o in after if o.start == m.end()), None)
                if b is not None and b.name != a.name:
                    pick = (b, a) if m.group("side") == "behind" else (a, b)
        if pick is None:
            continue
        holder, behind = pick
        if c.subject != holder.name:
            c.subject, c.subject_kind, c.subject_source = holder.name, holder.kind, "slot:lead"
        if behind is not None:
            c.other = behind.name


# A report extracts the figures and then screens every number of the same articles (the
# "numbers that were not taken" table), in one process when the engine is local: the second
# pass reads the first's decisions instead of deciding again. Keyed by the text's hash and
# length (no reference to the text is kept), at most _MEMO_SIZE texts, oldest out first; most
# texts have no candidate and cost a few empty lists. Callers only read what analyse returns.
_MEMO: OrderedDict[tuple[Any, ...], tuple[list[X.Candidate], list[X._Block], list[tuple[int, int]]]] = OrderedDict()
_MEMO_SIZE = 32_768


def analyse(text: str, *, published: Any = None, pollsters: tuple[str, ...] | None = None,
            parties: dict[str, str] | None = None, model: Mapping[str, Any] | None = None
            ) -> tuple[list[X.Candidate], list[X._Block], list[tuple[int, int]]]:
    """The whole extractor for one text: rules, parse, models. Same return as :func:`.extract.analyse`."""
    key = None
    if model is None:
        try:
            key = (hash(text), len(text), str(published), tuple(pollsters or ()),
                   tuple(sorted((parties or {}).items())), id(weights()))
            hit = _MEMO.get(key)
        except TypeError:  # an unhashable option: no memo
            key = hit = None
        if hit is not None:
            _MEMO.move_to_end(key)
            return hit
    exs, blocks, spans = examples(text, published=published, pollsters=pollsters, parties=parties)
    decide(exs, model if model is not None else weights())
    out = [e.cand for e in exs], blocks, spans
    if key is not None:
        _MEMO[key] = out
        if len(_MEMO) > _MEMO_SIZE:
            _MEMO.popitem(last=False)
    return out


__all__ = ["Example", "analyse", "decide", "examples"]
