"""Pollster accuracy, 4-fold cross-validated by article on the development folds, with error types.

    .venv/bin/python tests/training/eval_pollsters.py [--fresh] [--show]

Same folds and models as ``train_polls.py cv`` (each fold's figures come from models fitted on
the other three; news_modern fold 0, the held-out fifth, is never loaded). The pollster itself is
not learned (it is read from the text by :mod:`medialens.polls.attributes`), so the CV only
decides which figures are matched; the score is over matched figures with a labelled pollster.

Error types, per matched figure:

- ``right``: the names agree (one contains the other, case-insensitive: the evaluation's rule);
- ``missed``: a pollster is labelled, none was found;
- ``sponsor as pollster``: the name found is the labelled sponsor;
- ``other pollster``: the name found is another polling organisation (a gazetteer name, or a
  pollster labelled anywhere in the sets);
- ``not a pollster``: any other name (a person, a place, a party, a word);
- ``pollster where none stated`` (counted apart, not in the accuracy): a pollster was found
  for a figure whose article names none.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import polls_data
import train_polls

from medialens.polls.reference import evaluate


def _agree(gold: str, pred: str) -> bool:
    g, p = gold.lower(), pred.lower()
    return bool(p) and (g in p or p in g)


def error_type(gold: str, pred: str | None, sponsor: str, known: set[str]) -> str:
    """The class of one pollster decision (see the module docstring)."""
    if not gold:
        return "pollster where none stated" if pred else "none, rightly"
    if not pred:
        return "missed"
    if _agree(gold, pred):
        return "right"
    if sponsor and _agree(sponsor, pred):
        return "sponsor as pollster"
    if any(_agree(k, pred) for k in known if len(k) > 2):
        return "other pollster"
    return "not a pollster"


def main(argv: list[str]) -> None:
    from medialens.polls.pollsters import gazetteer

    corpus, gold = polls_data.development()
    if "--fresh" in argv and "--fresh" not in sys.argv:
        sys.argv.append("--fresh")
    feats = train_polls._cache(corpus, "pollsters")
    figs = train_polls.cross_validate(corpus, gold, feats)
    known = {p for p in gold["pollster"] if p} | {n for p in gazetteer() for n in p.names}
    total: Counter[str] = Counter()
    shown = []
    for name in ("dev", "demo", "modern"):
        sub = corpus[corpus["set"] == name]
        g = gold[gold["set"] == name]
        r = evaluate(figs, g, docs=sub["doc_id"])
        types: Counter[str] = Counter()
        for f, e in r["matches"]:
            gp = str(g.at[e, "pollster"] or "").strip()
            pp = figs.at[f, "pollster"]
            pp = pp if isinstance(pp, str) and pp else None
            t = error_type(gp, pp, str(g.at[e, "sponsor"] or "").strip(), known)
            types[t] += 1
            if t not in ("right", "none, rightly"):
                shown.append((name, t, g.at[e, "doc_id"], gp, pp))
        total += types
        print(f"{name:7s} pollster accuracy {r['pollster_accuracy']:.3f} (n={r['pollster_compared']}) "
              f"| figures matched {r['tp']} | " + ", ".join(f"{k}: {v}" for k, v in sorted(types.items())))
    n = sum(v for k, v in total.items() if k not in ("pollster where none stated", "none, rightly"))
    print(f"all     pollster accuracy {total['right'] / n:.3f} (n={n}) | "
          + ", ".join(f"{k}: {v}" for k, v in sorted(total.items())))
    if "--show" in argv:
        seen = set()
        for row in shown:
            if row not in seen:
                seen.add(row)
                print("  ", *row, sep=" | ")


if __name__ == "__main__":
    main(sys.argv[1:])
