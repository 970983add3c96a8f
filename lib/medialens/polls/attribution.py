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

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import extract as X
from .learn import Option, figure_features, options, pair_features, score, weights
from .nlp import parse


@dataclass
class Example:
    """One candidate with its features and its subject options (for training and :func:`analyse`)."""

    cand: X.Candidate
    sentence: str
    figure: dict[str, float]
    options: list[Option]
    pairs: list[dict[str, float]]


def examples(text: str, *, published: Any = None, pollsters: tuple[str, ...] | None = None,
             parties: dict[str, str] | None = None
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
    out: list[Example] = []
    shares: list[tuple[float, str]] = []  # (value, subject) of the latest sentence with shares
    last_share_sent = -10
    for i, s, doc in zip(order, sents, docs, strict=True):
        group = by_sent[i]
        here = [(c.value, c.subject) for c in group if c.kind == "share" and c.accepted and c.subject
                and c.subject_kind in ("party", "person")]
        if here:
            shares, last_share_sent = here, i
        for c in group:
            ff = figure_features(s, doc, c, c.cues, c.near_cue)
            opts = options(s, doc, c, c.ents, c.context) if c.q.form != "evenly" else []
            pairs = [pair_features(s, doc, c, o, opts, group) for o in opts]
            if c.kind == "lead" and len(shares) >= 2 and i - last_share_sent <= 2:
                # the lead belongs to the party ahead: the one holding the larger share nearby
                top = max(v for v, _ in shares)
                for o, f in zip(opts, pairs, strict=True):
                    held = [v for v, n in shares if n == o.name]
                    if held:
                        f["lead:holds_top_share" if max(held) == top else "lead:holds_lower_share"] = 1.0
            out.append(Example(c, s, ff, opts, pairs))
    return out, blocks, spans


def decide(exs: list[Example], model: Mapping[str, Any]) -> None:
    """Apply the figure and subject models to candidates, in place."""
    fig, subj = model["figure"], model["subject"]
    for ex in exs:
        c = ex.cand
        p = score(ex.figure, fig)
        c.confidence = round(p, 4)
        keep = p >= fig["threshold"] and c.kind != "points?"
        if keep and not c.accepted:
            c.reason = f"model (rules: {c.reason})"
            group = [e.cand for e in exs if e.cand.sent == c.sent]
            c.measure = X._measure(ex.sentence, c, group.index(c), group)
        elif c.accepted and not keep:
            c.reason = f"model rejects (rules: {c.reason})"
        c.accepted = keep
        if not keep or not ex.options:
            continue
        ranked = sorted(zip(ex.options, (score(f, subj) for f in ex.pairs), ex.pairs, strict=True),
                        key=lambda t: -t[1])
        best = ranked[0][0]
        if best.kind == "person" and best.end is not None:
            # "Varga's Civic Union on 38 per cent": the person only modifies the party
            owned = next((o for o in ex.options if o.kind == "party" and o.start is not None
                          and re.fullmatch(r"\s*(?:'s|’s)\s+(?:own\s+)?", ex.sentence[best.end:o.start])), None)
            if owned is not None:
                best = owned
            elif c.subject_kind == "party" and re.match(r"\s*(?:'s|’s)\s+(?:own\s+)?(?:party|team)\b",
                                                        ex.sentence[best.end:]):
                best = next(o for o in ex.options if o.name == c.subject)  # "Varga's party": the rules know which
        if c.kind == "lead":
            # the one behind: an entity in a trailing slot ("over X", the lower share), else the
            # entity the rules had (when the model moved the subject away from it)
            behind = [o.name for o, _, f in ranked[1:] if o.name != best.name and (
                "lead:holds_lower_share" in f or "lead:after_over" in f or "lead:behind_slot" in f)]
            if behind:
                c.other = behind[0]
            elif c.other in (None, best.name) and c.subject not in (None, best.name) and c.subject_kind in ("party", "person"):
                c.other = c.subject
            if c.other == best.name:
                c.other = None
        if best.name != c.subject:
            c.subject, c.subject_kind, c.subject_source = best.name, best.kind, f"model:{best.source}"


def analyse(text: str, *, published: Any = None, pollsters: tuple[str, ...] | None = None,
            parties: dict[str, str] | None = None, model: Mapping[str, Any] | None = None
            ) -> tuple[list[X.Candidate], list[X._Block], list[tuple[int, int]]]:
    """The whole extractor for one text: rules, parse, models. Same return as :func:`.extract.analyse`."""
    exs, blocks, spans = examples(text, published=published, pollsters=pollsters, parties=parties)
    decide(exs, model if model is not None else weights())
    return [e.cand for e in exs], blocks, spans


__all__ = ["Example", "analyse", "decide", "examples"]
