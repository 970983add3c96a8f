"""Poll-figure extraction throughput on the whole Reuters-21578 corpus (docs/s, figures/s).

medialens.polls.extract (sentences, poll cues, exclusions, the spaCy parse of the sentences that hold
a candidate number, the figure and subject models, attributes) is measured
side by side with the naive notebook approach on the same 21,578 texts in this one process:
split sentences, keep those that contain "poll"/"survey", and regex out every "N pct|%|per
cent". The naive approach is faster but is not an extractor: it has no subjects, no kinds and
no exclusions, so its "figures" on this corpus are mostly economic numbers (the count is
printed for comparison). Only totals are printed (the corpus includes held-out documents).
Best of ``REPEAT`` runs.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REUTERS = ROOT.parent / "shared" / "data" / "reuters21578" / "reuters21578.jsonl.gz"
REPEAT = 2

_NAIVE_POLL = re.compile(r"\b(?:polls?|survey)\b", re.I)
_NAIVE_FIGURE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:%|pct|percent|per\s+cent)", re.I)


def naive(texts: list[str]) -> int:
    from medialens.text import sentence_spans

    n = 0
    for t in texts:
        for a, b in sentence_spans(t):
            s = t[a:b]
            if _NAIVE_POLL.search(s):
                n += len(_NAIVE_FIGURE.findall(s))
    return n


def medialens_extract(texts: list[tuple[str, str | None]]) -> int:
    from medialens.polls import extract

    return sum(len(extract(t, published=p)) for t, p in texts)


def rules_only(texts: list[tuple[str, str | None]]) -> int:
    """The rule pass alone (no parse, no models): what the parser and models add is the difference."""
    from medialens.polls.extract import analyse

    return sum(sum(c.accepted for c in analyse(t, published=p)[0]) for t, p in texts)


def parsed_sentences(texts: list[tuple[str, str | None]]) -> int:
    from medialens.polls.extract import analyse

    return sum(len({c.sent for c in analyse(t, published=p)[0]}) for t, p in texts)


def best_of(fn, *args) -> tuple[float, int]:
    best, out = float("inf"), 0
    for _ in range(REPEAT):
        t0 = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> int:
    if not REUTERS.exists():
        print(f"skipped: real data absent ({REUTERS})")
        return 0
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    texts = [(r["body"] or r["title"] or "", r["date"]) for r in docs]
    chars = sum(len(t) for t, _ in texts)
    medialens_extract(texts[:200])  # warm imports and compiled patterns
    t_ml, n_ml = best_of(medialens_extract, texts)
    t_nv, n_nv = best_of(naive, [t for t, _ in texts])
    t_ru, n_ru = best_of(rules_only, texts)
    n_parsed = parsed_sentences(texts)
    print(f"Reuters-21578: {len(texts)} docs, {chars / 1e6:.1f} M chars, best of {REPEAT}")
    print(f"  medialens.polls.extract : {t_ml:6.2f} s  {len(texts) / t_ml:8.0f} docs/s  "
          f"{n_ml:5d} figures  {n_ml / t_ml:6.1f} figures/s  {chars / t_ml / 1e6:.2f} M chars/s "
          f"({n_parsed} sentences parsed)")
    print(f"  rule pass only (no parse): {t_ru:6.2f} s  {len(texts) / t_ru:8.0f} docs/s  {n_ru:5d} figures")
    print(f"  naive sentence regex    : {t_nv:6.2f} s  {len(texts) / t_nv:8.0f} docs/s  "
          f"{n_nv:5d} 'figures' (no subjects, no exclusions)")
    print(f"  ratio medialens/naive time: {t_ml / t_nv:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
