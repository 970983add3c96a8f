"""Features of a (figure, entity) pair for the subject ranker.

The ranker scores every option :func:`.mentions.options` proposes for a figure and keeps the
best; it is trained as a pairwise ranker (the right entity against each wrong one of the same
figure, ``tests/training/train_polls.py``), so only differences between options of one figure
matter. The features describe how the entity and the number are joined:

- the dependency path (its length, its labels when short, the entity's role: subject or object
  of the verb the number hangs on, the preposition governing it);
- word order (side, distance, numbers and names between) and the few words between them that
  decide most cases ("Trump's 39%", "Brown with 41%", "41% for Cruz", "of Republicans",
  "over Hovde");
- "A-B" pairs ("Gallego led Lake 48% to 41%": the first number to the first of the two names
  before the pair, the second to the second);
- leads: "X's lead over Y", the lead verb's subject, the trailing slot, who holds the larger
  share in the sentence.

>>> from medialens.polls.nlp import parse
>>> from medialens.polls.extract import analyse
>>> from medialens.polls.mentions import options
>>> s = "A poll found Labour with 41 pct and the Conservatives with 35 pct."
>>> cands = analyse(s)[0]; doc = parse([s])[0]
>>> opts = options(s, doc, cands[1], cands[1].ents, None)
>>> f = pair_features(s, doc, cands[1], next(o for o in opts if o.name == "Conservative"), opts, cands)
>>> f["gap:with"], f["before:nums_between=0"]
(1.0, 1.0)
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .learn import _ancestors, _anchor, _bucket, _path_len, _span
from .numbers import HEDGE

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .extract import Candidate
    from .mentions import Option

_PREPS = {"with", "for", "over", "of", "than", "to", "by", "behind", "against", "among", "on", "at", "in",
          "from", "ahead", "between"}
_LEAD_WORDS = {"lead", "leads", "led", "leading", "ahead", "advantage", "edge", "margin", "beat", "beats",
               "outpolled", "outpolls", "trail", "trails", "trailed", "trailing", "behind", "up", "down", "gap"}
_KEY_HEADS = _LEAD_WORDS | {"had", "has", "have", "held", "holds", "got", "gets", "with", "at", "on", "for", "said",
                            "support", "supported", "backed", "approve", "approved", "favor", "favour", "opposed",
                            "rating", "approval", "showed", "found", "gave", "put"}
_BEHIND_WORDS = {"over", "than", "behind", "of", "against"}
_ATTITUDE_NOUNS = {"opinion", "opinions", "view", "views", "impression", "impressions", "confidence", "trust",
                   "faith", "approval", "disapproval", "perception", "perceptions", "image", "rating", "ratings",
                   "satisfaction", "dissatisfaction", "favorability", "favourability"}
# Verbs whose subject is the one behind ("Biden trailed Trump by 6 points"): the lead is the
# object's, the opposite of "led", "beat", "edged".
_TRAIL_VERBS = {"trail", "trails", "trailed", "trailing", "behind", "down", "lag", "lags", "lagged", "lagging"}
_PRONOUNS = {"he", "she", "his", "her", "him", "they", "their", "them", "it", "its"}
_NAMED = ("party", "person")
_UNIT = r"(?:%|pct|percent|per\s*cent|percentage\s+points?|points?)?"
_RE_PAIR_GAP = re.compile(rf"\s*{_UNIT}\s*(?:to|-|–|—|/|versus|vs\.?)\s*(?:{HEDGE}\s+)?")
_RE_GAP_POSS = re.compile(rf"\s*(?:'s|’s|’|')\s*(?:(?:{HEDGE}|only|just)\s+)?")
_RE_GAP_WITH = re.compile(
    rf"\s*(?:(?:is|was|were|are|stood|stands|came\s+in|comes\s+in|remains?|remained)\s+)?(?:with|at|on|had|has|have|held|holds|got|gets|"
    rf"polled|polls|scored|scores|received|receives|garnered|drew|draws|earned|won|wins|took|takes)\s+"
    rf"(?:(?:{HEDGE}|only|just|a|an)\s+)*")
_RE_GAP_FOR = re.compile(
    rf"\s*{_UNIT}\s*(?:support\s+|backing\s+)?(?:of\s+(?:the\s+)?(?:vote|support)\s+)?(?:for|backing|back|backed|support|supported|supporting|"
    rf"favou?r|favou?red|favou?ring|to|chose|picked|prefer|preferred|choosing|behind|said\s+they\s+(?:would\s+)?(?:vote\s+for|back|support))\s+(?:the\s+)?")
_RE_GAP_OF_POP = re.compile(rf"\s*{_UNIT}\s*(?:of|among)\s+(?:the\s+|all\s+)?(?:[\w-]+\s+)?")
_RE_GAP_DIRECT = re.compile(rf"\s*{_UNIT}\s*(?:(?:said|say|says|for|backed|backing|support|supported)\s+)?")
_RE_GAP_NAME_NEXT = re.compile(rf"\s*{_UNIT}\s*(?:for\s+)?")  # not "to": "50% to Trump's 41%"
_RE_THEN_NUMBER = re.compile(r"\s*(?:,|;|to|versus|vs\.?|-|–|—|and|while)\s*(?:about\s+|roughly\s+|just\s+)?\d")
_RE_CLAUSE = re.compile(r"[,;:()–—]|\s-\s|\b(?:while|but|and|whereas|compared|although|though|when|after)\b", re.I)
_RE_BEFORE_TRAIL = re.compile(r"(?i)\b(?:over|than|behind|against|ahead\s+of|to|versus|vs\.?)\s+(?:the\s+)?$")
_RE_BEFORE_POP = re.compile(r"(?i)\b(?:among|of)\s+(?:the\s+|all\s+)?(?:[\w-]+\s+)?$")
# "44 per cent approve of Prime Minister Jane Holm's handling of the economy": the person whose
# handling is approved of (a slot that decides, like "Trump's 47 percent")
_RE_APPROVE_OF = re.compile(r"\s*(?:%|pct|percent|per\s*cent)?\s*(?:of\s+(?:the\s+)?\w+\s+)?(?:(?:said|say|says)\s+(?:they\s+)?)?"
                            r"(?:dis)?approv(?:e|ed|es|ing)\s+of\s+(?:the\s+way\s+)?(?:[A-Z][\w.]*\s+){0,3}$")
_RE_POSS_HANDLING = re.compile(r"(?:'s|’s)\s+(?:(?:job|overall)\s+)?(?:handling|performance|job|record|leadership|"
                               r"response|policies|policy|decision|conduct)\b")
_RE_POSS_LEAD = re.compile(r"^\s*(?:'s|’s|’|')\s+(?:[\w-]+\s+){0,2}?(?:lead|advantage|edge|margin)\b", re.I)


def _path_string(a, b, lca) -> str:
    """Dependency labels from the number up to the common ancestor and down to the entity."""
    up, t = [], a
    while t.i != lca.i:
        up.append(t.dep_)
        t = t.head
    down, t = [], b
    while t.i != lca.i:
        down.append(t.dep_)
        t = t.head
    return "^".join(up) + f"|{lca.pos_}|" + "v".join(reversed(down))


def _pair(sent: str, c: Candidate, cands: list[Candidate]) -> tuple[str, int] | None:
    """("first"|"second", start of the pair) when the number is one of an "A-B" pair."""
    k = next((i for i, x in enumerate(cands) if x is c), -1)
    if k < 0:
        return None
    nxt = cands[k + 1] if k + 1 < len(cands) else None
    prv = cands[k - 1] if k > 0 else None
    if nxt is not None and nxt.kind == c.kind and _RE_PAIR_GAP.fullmatch(sent[c.q.end:nxt.q.start]):
        return "first", c.q.start
    if prv is not None and prv.kind == c.kind and _RE_PAIR_GAP.fullmatch(sent[prv.q.end:c.q.start]):
        return "second", prv.q.start
    return None


# a verb of opinion right after a name ("Republicans approve of", "Democrats say")
_RE_THEN_OPINION = re.compile(
    r"\s+(?:(?:also|still|now|strongly|mostly|largely|overwhelmingly)\s+)?(?:approve|approved|disapprove|disapproved|"
    r"say|said|says|back|backed|support|supported|oppose|opposed|think|thought|believe|believed|favou?r|"
    r"favou?red|want|wanted|rate|rated|view|viewed|trust|trusted|hold|held|see|saw|gave|give|expect|expected)\b")


def pair_features(sent: str, doc: Doc, c: Candidate, o: Option, opts: list[Option],
                  cands: list[Candidate], *, rule_choice: bool = True) -> dict[str, float]:
    """Features of one (number, entity) pair (see the module doc). ``rule_choice`` adds the rule
    pass's own choice as a feature."""
    kind = c.kind if c.kind in ("share", "lead", "change") else "share"
    named = o.kind != "topic"
    okind = o.kind if o.source != "coref" else f"coref-{o.kind}"
    f: dict[str, float] = {"bias": 1.0, f"src={o.source}": 1.0, f"okind={okind}": 1.0,
                           f"{kind}:src={o.source}": 1.0, f"{kind}:okind={o.kind}": 1.0}
    if o.label:
        f[f"label={o.label}"] = 1.0
    if rule_choice and c.subject is not None and o.name == c.subject:
        f["rule_choice"] = 1.0
        f[f"{kind}:rule_choice"] = 1.0
        f[f"rule_choice:{c.subject_source}"] = 1.0
    if rule_choice and c.other is not None and o.name == c.other:
        f[f"{kind}:rule_other"] = 1.0
    if o.start is None or o.end is None:
        if o.source == "context":
            if {t.lower_ for t in doc} & _PRONOUNS:
                f["context:pronoun"] = 1.0
            if not any(p.start is not None and p.kind in (*_NAMED, "name") for p in opts):
                f["context:only"] = 1.0
                f[f"{kind}:context:only"] = 1.0
            elif any(p.start is not None and p.kind == "person" and p.name == c.subject for p in opts):
                # the rules gave the figure a person of its own sentence. The model learns how
                # much that counts against the earlier sentences' entity (its weight came out
                # positive: in the training articles the earlier entity is often right, e.g. a
                # speaker named in the sentence); the clear case, "44 per cent approve of Prime
                # Minister Jane Holm's handling", is the approval slot below, which decides
                f["context:vs_rule_person"] = 1.0
        return f
    anchor = _anchor(doc, c.q.start, c.q.end)
    esp = _span(doc, o.start, o.end)
    if anchor is None or esp is None:
        f["noparse"] = 1.0
        return f
    eroot = esp.root
    before = o.end <= c.q.start
    side = "before" if before else "after"
    f[f"side={side}"] = 1.0
    f[f"{kind}:side={side}"] = 1.0
    f[f"{side}:named={named}"] = 1.0
    lo, hi = (o.end, c.q.start) if before else (c.q.end, o.start)
    gap = sent[lo:hi] if lo <= hi else ""
    f[f"{side}:tokd={_bucket(abs(anchor.i - eroot.i))}"] = 1.0
    nums_between = sum(1 for x in cands if x is not c and lo <= x.q.start < hi)
    f[f"{side}:nums_between={min(nums_between, 2)}"] = 1.0
    names_between = sum(1 for p in opts if p is not o and p.start is not None and p.kind != "topic" and lo <= p.start < hi)
    f[f"{side}:names_between={min(names_between, 2)}"] = 1.0
    if _RE_CLAUSE.search(gap):
        f[f"{side}:clause_between"] = 1.0
    d, lca = _path_len(anchor, eroot)
    f[f"path={_bucket(d)}"] = 1.0
    f[f"{kind}:path={_bucket(d, (1, 2, 3, 4, 6))}"] = 1.0
    if lca is not None and d <= 4:
        f[f"dpath={_path_string(anchor, eroot, lca)}"] = 1.0
    f[f"edep={eroot.dep_}"] = 1.0
    f[f"{kind}:edep={eroot.dep_}:named={named}"] = 1.0
    if eroot.dep_ == "pobj" and eroot.head.lower_ in _PREPS:
        f[f"eprep={eroot.head.lower_}"] = 1.0
        f[f"{kind}:eprep={eroot.head.lower_}"] = 1.0
    # what an attitude is held towards: "a favorable opinion of Clinton", "confidence in the
    # president", "an unfavourable view of Starmer" (the person, not the attitude)
    if eroot.dep_ == "pobj" and eroot.head.lower_ in ("of", "in", "about", "towards", "toward") \
            and eroot.head.head.lower_ in _ATTITUDE_NOUNS:
        f[f"{kind}:attitude_object"] = 1.0
    if eroot.lower_ in _ATTITUDE_NOUNS and any(ch.dep_ == "prep" and ch.lower_ in ("of", "in", "about", "towards", "toward")
                                               for ch in eroot.children):
        f[f"{kind}:is_attitude"] = 1.0
    if lca is not None:
        if lca.i == eroot.i:
            f["e_dominates"] = 1.0
        elif lca.i == anchor.i:
            f["n_dominates"] = 1.0
        else:
            f[f"lca_pos={lca.pos_}"] = 1.0
            if lca.lower_ in _KEY_HEADS:
                f[f"{kind}:lca={lca.lower_}"] = 1.0
    # a name inside an apposition describing another ("Russell Findlay, the Scottish Conservative
    # leader, is on 22%", "The Social Democrats, the junior partner in Merz's coalition, were on
    # 14%"): it describes the one the figure is about
    appos = next((t for t in [eroot, *_ancestors(eroot, 4)] if t.dep_ == "appos"), None)
    if appos is not None and not (appos.left_edge.i <= anchor.i <= appos.right_edge.i):
        f["in_appos"] = 1.0
        f[f"{kind}:in_appos"] = 1.0
    # the entity is the subject (or object) of the verb the number hangs on
    verb = next((t for t in [anchor, *_ancestors(anchor)] if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None:
        for ch in verb.children:
            if ch.dep_ in ("nsubj", "nsubjpass", "dobj") and (ch.i == eroot.i or eroot.i in {a.i for a in _ancestors(ch, 2)}
                                                             or ch.i in {a.i for a in _ancestors(eroot, 2)}):
                role = "subj" if ch.dep_ != "dobj" else "obj"
                f[f"{role}_of_verb"] = 1.0
                f[f"{kind}:{role}_of_verb"] = 1.0
                if verb.lower_ in _TRAIL_VERBS:
                    f[f"{kind}:{role}_of_trail_verb"] = 1.0
                elif verb.lower_ in _LEAD_WORDS:
                    f[f"{kind}:{role}_of_lead_verb"] = 1.0
                break
    # the words between them
    if before:
        if _RE_GAP_POSS.fullmatch(gap):
            f["gap:poss"] = 1.0
        elif _RE_GAP_WITH.fullmatch(gap):
            f["gap:with"] = 1.0
        elif not gap.strip(" ,:"):
            f["gap:adjacent"] = 1.0
        elif gap.strip() == "(" and re.match(r"\s*(?:%|per\s*cent|percent|pct)?\s*\)", sent[c.q.end:]):
            # "ahead of immigration (36%) and healthcare (29%)": a bracketed figure belongs to
            # the words just before it
            f["gap:paren"] = 1.0
        if _RE_BEFORE_TRAIL.search(sent[max(0, o.start - 15):o.start]):
            f[f"{kind}:before:trailing_slot"] = 1.0
        if _RE_BEFORE_POP.search(sent[max(0, o.start - 25):o.start]):
            f["before:population_slot"] = 1.0
    else:
        if _RE_GAP_FOR.fullmatch(gap):
            f["gap:for"] = 1.0
        elif _RE_GAP_OF_POP.fullmatch(gap):
            f["gap:of_population"] = 1.0
        elif _RE_GAP_DIRECT.fullmatch(gap):
            f["gap:direct"] = 1.0
        if ((named or o.name[:1].isupper()) and _RE_GAP_NAME_NEXT.fullmatch(gap)
                and not _RE_GAP_POSS.match(sent[o.end:o.end + 4])):
            # "58% Harris to 29% Trump", "47% Harris, 34% Trump": the name right after the number
            f["after:name_next"] = 1.0
            if _RE_THEN_NUMBER.match(sent, o.end):
                f["after:name_next_then_number"] = 1.0
            elif _RE_THEN_OPINION.match(sent, o.end):
                # "8 in 10 Republicans approve of his job performance": the people asked,
                # whose opinion of someone else the figure is
                f["after:name_next_then_opinion"] = 1.0
        if named and _RE_APPROVE_OF.fullmatch(gap) and _RE_POSS_HANDLING.match(sent, o.end):
            f["after:approve_of_poss"] = 1.0
        if _RE_GAP_POSS.match(sent[o.end:o.end + 4]) and any(x.q.start >= o.end and x.q.start - o.end < 12 for x in cands):
            f["after:owns_next_number"] = 1.0  # "38% to Trump's 45%": Trump's is the next number's
    # "A-B" pairs: the first number to the first of the last two names before the pair
    pair = _pair(sent, c, cands)
    if pair is not None:
        pos, at = pair
        names = [p for p in opts if p.start is not None and p.end is not None and p.end <= at
                 and p.kind != "topic" and not _RE_BEFORE_POP.search(sent[max(0, p.start - 25):p.start])]
        if o in names:
            rank = len(names) - 1 - names.index(o)  # 0: the last named before the pair
            f[f"pair={pos}:rank={min(rank, 2)}"] = 1.0
            if len(names) == 1:
                f[f"pair={pos}:only_name"] = 1.0
        elif named and not before:
            f[f"pair={pos}:after"] = 1.0
    if kind == "lead":
        if _RE_POSS_LEAD.match(sent[o.end:o.end + 40]):
            f["lead:poss_lead"] = 1.0
        if re.search(r"(?i)\b(?:over|than|behind|of|against|ahead\s+of)\s+(?:the\s+)?$", sent[max(0, o.start - 20):o.start]):
            f["lead:after_over"] = 1.0
        if eroot.dep_ == "pobj" and eroot.head.lower_ in _BEHIND_WORDS and (
                eroot.head.head.lower_ in _LEAD_WORDS or eroot.head.head.lower_ in ("points", "point")):
            f["lead:behind_slot"] = 1.0
        shares = [(x.value, x) for x in cands if x.kind == "share" and x.q.unit == "percent"]
        if len(shares) >= 2:
            near = min(shares, key=lambda v: min(abs(v[1].q.start - o.end), abs(o.start - v[1].q.end)))
            if min(abs(near[1].q.start - o.end), abs(o.start - near[1].q.end)) <= 30:
                f["lead:e_has_max_share" if near[0] == max(v for v, _ in shares) else "lead:e_has_lower_share"] = 1.0
    return f


__all__ = ["pair_features"]
