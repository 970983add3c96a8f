"""The learned part of the poll extractor: features from the sentence parse, two small linear models.

The rule pass (:mod:`.extract`) proposes candidate numbers, with its own decision and reason.
For every sentence holding a candidate near a poll cue, spaCy parses the sentence
(:mod:`.nlp`) and two logistic-regression models decide:

- the **figure model** scores each candidate number: is it a poll result (of the kind proposed)?
  Its probability is the figure's ``confidence``; figures at or above ``threshold`` are kept.
- the **subject ranker** scores each (number, entity) pair: candidates from :mod:`.mentions`
  (parser entities and noun chunks, the rules' parties/people, resolved pronouns and roles),
  features from :mod:`.ranker`; the best-scoring entity is the subject. It is trained pairwise
  (right option minus wrong option of the same figure), so it has no intercept.

Features are sparse names (``dep=nsubj``, ``path=2``, ``lead:ahead_subj`` ...). Weights were
fitted by ``tests/training/train_polls.py`` on hand-labelled articles and ship as
``medialens/data/polls/attribution.json``; scoring needs no scikit-learn (a dot product).

>>> round(score({"bias": 1.0}, {"intercept": 0.0, "coef": {"bias": 2.0}}), 3)
0.881
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .extract import Candidate

WEIGHTS_FILE = "attribution.json"
# head words of a number worth naming as features: poll-result verbs vs economic/election words
_HEAD_WORDS = {
    "said", "say", "says", "saying", "support", "supported", "supports", "back", "backed", "backs", "approve",
    "approved", "approves", "disapprove", "favor", "favour", "favored", "oppose", "opposed", "think", "thought",
    "believe", "believed", "want", "wanted", "vote", "voted", "would", "prefer", "preferred", "trust", "rating",
    "approval", "lead", "ahead", "had", "has", "have", "got", "gets", "with", "at", "on", "for", "of",
    "rose", "fell", "up", "down", "increase", "increased", "decline", "declined", "growth", "grew", "rise",
    "won", "win", "wins", "received", "share", "stake", "rate", "inflation", "gdp", "percent", "points", "seats",
    "turnout", "margin", "error", "economists", "analysts", "expected", "forecast", "chance", "odds", "poll",
    "polls", "survey", "respondents", "voters", "americans", "adults", "people", "those", "residents", "majority",
    "percentage", "proportion", "plan", "plans", "likely", "unfavorable", "favorable", "view", "views",
}


def score(features: Mapping[str, float], model: Mapping[str, Any]) -> float:
    """The model's probability for one feature dict (logistic of intercept + weights · features)."""
    coef = model["coef"]
    z = model["intercept"] + sum(coef.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, Any]:
    """The shipped weights (package data), loaded once."""
    path = resources.files("medialens") / "data" / "polls" / WEIGHTS_FILE
    return json.loads(path.read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- parse helpers
def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _anchor(doc: Doc, start: int, end: int) -> Token | None:
    """The token standing for a number in the tree: its unit word ("pct") when the parser hangs
    the number on it, else the number token itself."""
    sp = _span(doc, start, end)
    if sp is None or not len(sp):
        return None
    return sp.root


def _ancestors(tok: Token, limit: int = 12) -> list[Token]:
    out = []
    while tok.head is not tok and len(out) < limit:
        tok = tok.head
        out.append(tok)
    return out


def _path_len(a: Token, b: Token) -> tuple[int, Token | None]:
    """Tree distance between two tokens and their lowest common ancestor."""
    up_a = [a, *_ancestors(a)]
    up_b = [b, *_ancestors(b)]
    pos_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in pos_b:
            return k + pos_b[t.i], t
    return 99, None


def _bucket(n: int, edges: Iterable[int] = (0, 1, 2, 3, 5, 8, 12)) -> str:
    last = "0"
    for e in edges:
        if n <= e:
            return str(e)
        last = f">{e}"
    return last


def figure_features(sent: str, doc: Doc | None, c: Candidate, cues: list[str], near_cue: bool) -> dict[str, float]:
    """Features of one candidate number: the rules' view of it, its words and its place in the parse."""
    f: dict[str, float] = {"bias": 1.0, f"kind={c.kind}": 1.0, f"unit={c.q.unit}": 1.0, f"form={c.q.form}": 1.0,
                           f"reason={c.reason}": 1.0, f"rule={'yes' if c.accepted else 'no'}": 1.0}
    f[f"{c.kind}:rule={'yes' if c.accepted else 'no'}"] = 1.0
    if c.q.approx:
        f["approx"] = 1.0
    for cue in set(cues):
        f[f"cue={cue}"] = 1.0
    f["cue_here" if cues else ("cue_near" if near_cue else "cue_far")] = 1.0
    if c.q.end >= len(sent.rstrip(" .")) - 1 and len(sent.split()) <= 8 and not re.search(r"[,;]", sent):
        # a line of a list of results ("Indonesia 36%", "Undecided 10%", "- Education: 9 percent")
        f["list_line"] = 1.0
        f[f"list_line:{'cue_near' if near_cue or cues else 'cue_far'}"] = 1.0
    f[f"subj={c.subject_kind}"] = 1.0
    f[f"subj_src={c.subject_source}"] = 1.0
    if c.value > 100:
        f["over100"] = 1.0
    if c.value != int(c.value):
        f["decimal"] = 1.0
    if c.change is not None:
        f["has_change"] = 1.0
    low = sent.lower()
    # the words right around the number: "of households", "compared with", "said", "support"
    after = re.findall(r"[a-z]+", low[c.q.end:c.q.end + 40])[:2]
    before = re.findall(r"[a-z]+", low[max(0, c.q.start - 30):c.q.start])[-2:]
    if after:
        f[f"next={after[0]}"] = 1.0
        if after[0] == "of" and len(after) > 1:
            f[f"of={after[1]}"] = 1.0
    if before:
        f[f"prev={before[-1]}"] = 1.0
    for w, rx in _SENT_WORDS.items():
        if rx.search(low):
            f[f"w:{w}"] = 1.0
    if doc is None:
        return f
    anchor = _anchor(doc, c.q.start, c.q.end)
    if anchor is None:
        return f
    f[f"ndep={anchor.dep_}"] = 1.0
    for k, t in enumerate(_ancestors(anchor, 3), 1):
        if t.lower_ in _HEAD_WORDS:
            f[f"h{min(k, 2)}={t.lower_}"] = 1.0
        f[f"h{k}pos={t.pos_}"] = 1.0
    for t in anchor.subtree:
        if t.lower_ in _HEAD_WORDS and t.i != anchor.i:
            f[f"sub={t.lower_}"] = 1.0
    # the verb the number hangs on, whatever it is: opinion verbs ("said", "think", "back")
    # against facts ("lived in", "accounted for", "represented")
    verb = next((t for t in _ancestors(anchor, 4) if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        f[f"verb={verb.lower_}"] = 1.0
    return f


def document_features(text: str) -> dict[str, float]:
    """What the whole article says about its numbers: whether it describes a poll's method
    (fieldwork, sample, margin of error) or cites data and studies. A percentage in an article
    that analyses federal data or a journal study is rarely a poll result, even beside a
    pollster's name ("an analysis of federal data by the Pew Research Center").

    >>> sorted(document_features("The poll of 1,000 adults has a margin of error of 3 points."))
    ['doc:method']
    """
    low = text.lower()
    f = {f"doc:{name}": 1.0 for name, rx in _DOC_WORDS.items() if rx.search(low)}
    if "doc:method" not in f:
        f["doc:no_method"] = 1.0
    return f


_DOC_WORDS = {name: re.compile(rx) for name, rx in {
    "method": r"\bmargin of (?:sampling )?error\b|\bplus or minus\b|\b(?:surveyed|interviewed|polled)\b|"
              r"\brespondents\b|\bconducted (?:on|online|by|from|between|among)\b|\bsample of\b",
    "data": r"\b(?:federal|census|government|official) (?:data|figures|statistics)\b|\banalysis of\b|"
            r"\bdata (?:shows?|showed|from)\b|\bstudy (?:published|found|finds)\b|\bjournal\b|\bresearchers\b",
}.items()}

_SENT_WORDS = {name: re.compile(rx) for name, rx in {
    "economist": r"\beconomists?\b|\banalysts?\b|\bstrategists?\b|\bfund managers?\b",
    "company": r"\bcompan(?:y|ies)\b|\bfirms?\b|\bexecutives?\b|\bceos?\b|\bbusiness(?:es)?\b",
    "election": r"\belection\b|\bprimary\b|\bcaucus\w*\b|\bballots?\b|\bvotes? counted\b|\bwon\b|\bresults?\b",
    "market": r"\bshares?\b|\bstocks?\b|\bindex\b|\bprices?\b|\bmarket\b|\byields?\b|\bbonds?\b|"
              r"\bsterling\b|\bdollar\b|\beuro\b|\byen\b|\bcurrenc(?:y|ies)\b|\btrading\b",
    "economy": r"\binflation\b|\bgdp\b|\bgrowth\b|\bunemployment\b|\bsales\b|\bprofit\b|\brevenue\b|\bbillion\b|\bmillion\b",
    "people": r"\bvoters\b|\bamericans\b|\badults\b|\brespondents\b|\bpeople\b|\bpublic\b|\bbritons\b|\bcitizens\b",
    "said": r"\bsaid\b|\bsay\b|\bsays\b",
    "approve": r"\bapprov\w+|\bfavou?rabl\w+|\bsupport\w*|\bback\w*|\boppos\w+",
    "poll": r"\bpolls?\b|\bpolled\b|\bsurvey\w*",
    "chance": r"\bchance\b|\bodds\b|\bprobability\b|\bforecast\w*",
    "margin": r"\bmargin of error\b|\bplus or minus\b",
    "data": r"\bdata\b|\bstud(?:y|ies)\b|\banalysis\b|\bresearchers?\b|\bcensus\b|\bestimates?\b|\bstatistics\b",
    "past": r"\bin (?:19|20)\d\d\b|\blast year\b|\bdecades?\b|\byears? (?:ago|earlier)\b",
    "rate": r"\b(?:rate|ratio)\b|\bhouseholds?\b",
    "future": r"\bwill\b|\bexpected to\b|\bnext year\b|\bby (?:19|20)\d\d\b|\bwithin the next\b",
}.items()}


def subject_key(name: str | None) -> str:
    """A name reduced for comparison: lower case, no article or possessive, one spelling per party.

    >>> subject_key("the Labour Party"), subject_key("Tories"), subject_key("the 'In' camp")
    ('labour', 'conservative', 'remain')
    """
    if not name:
        return ""
    s = re.sub(r"[\"“”‘’']", " ", str(name).lower().replace("’s", "").replace("'s", ""))
    s = " ".join(re.findall(r"[a-z0-9][a-z0-9-]*", s))
    s = re.sub(r"^(?:the|a|an)\s+", "", s)
    s = re.sub(r"\s+(?:camp|campaign|side)$", "", s)  # referendum sides: "the Leave camp" is Leave
    return _CANON.get(s, s)


_CANON = {"democrats": "democratic", "democratic party": "democratic", "dems": "democratic", "democrat": "democratic",
          "republicans": "republican", "gop": "republican", "republican party": "republican",
          "conservatives": "conservative", "tories": "conservative", "tory": "conservative",
          "conservative party": "conservative", "lib dems": "liberal democrats", "lib dem": "liberal democrats",
          "labour party": "labour", "sdp": "social democrats", "partido popular": "pp", "free democrats": "fdp",
          "liberal democrat": "liberal democrats", "labor": "labour", "labor party": "labour",
          # referendum sides as the labels name them (Brexit: "In"/"Out" campaigns)
          "in": "remain", "stay": "remain", "out": "leave", "brexit": "leave"}
_NOT_CONTENT = {"the", "a", "an", "of", "and", "or", "for", "on", "in", "to", "with", "about", "its", "their",
                "his", "her", "party", "camp", "campaign"}


def _content(s: str) -> set[str]:
    """Content words, singular (a trailing plural "s" dropped), canonical party spellings."""
    out = set()
    for w in re.findall(r"[a-z0-9]+", s):
        if w in _NOT_CONTENT:
            continue
        w = _CANON.get(w, w)
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def _shares_word(gold: str | None, pred: str | None) -> bool:
    """The earlier, word-overlap rule: the same key or a shared word of 4+ letters."""
    g, p = subject_key(gold), subject_key(pred)
    if not g or not p:
        return False
    words = lambda s: {_CANON.get(w, w) for w in re.findall(r"[a-z0-9]+", s) if len(w) > 3}  # noqa: E731
    return g == p or bool(words(g) & words(p))


def _acronym(short: str, long: str) -> bool:
    """``short`` is the initials of ``long``'s capitalised words ("TTIP", "Transatlantic Trade and
    Investment Partnership"); at least three letters, so two-letter codes never match by chance."""
    caps = [w[0] for w in re.findall(r"[A-Za-z][\w-]*", long) if w[0].isupper()]
    return len(short) >= 3 and short.isupper() and "".join(caps) == short


def subject_agrees(gold: str | None, pred: str | None) -> bool:
    """Lenient subject agreement, applied the same way to both sides:

    - the same canonical key (articles, possessives and "camp"/"party" dropped, one spelling per
      party and referendum side: "the Labour Party" = "Labour", "the 'In' camp" = "Remain");
    - or a shared content word of 4+ letters ("Ilse Varga" ~ "Varga", "Donald Trump" ~ "Trump",
      "Obamacare repeal" ~ "repeal of Obamacare");
    - or containment: every content word of one is in the other, singular/plural alike
      ("tax" ~ "tax plan", "Democrat" ~ "other Democrats");
    - or an acronym of the other's capitalised words ("TTIP").

    Different names never agree: "Trump" vs "Clinton", "Labour" vs "Conservative".

    >>> subject_agrees("Democratic", "Democrats"), subject_agrees("Trump", "Clinton")
    (True, False)
    >>> subject_agrees("tax plan", "tax"), subject_agrees("TTIP", "Transatlantic Trade and Investment Partnership")
    (True, True)
    """
    if _shares_word(gold, pred):
        return True
    g, p = subject_key(gold), subject_key(pred)
    if not g or not p:
        return False
    cg, cp = _content(g), _content(p)
    if cg and cp and (cg <= cp or cp <= cg):
        return True
    return _acronym(str(gold).strip(), str(pred)) or _acronym(str(pred).strip(), str(gold))


__all__ = ["document_features", "figure_features", "score", "subject_agrees", "subject_key", "weights"]
