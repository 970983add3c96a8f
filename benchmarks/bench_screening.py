"""A report's poll screening after its extraction, with and without the shared decisions.

    .venv/bin/python benchmarks/bench_screening.py [N_DOCS]

The poll notebook extracts the figures and then screens every number of the same articles; in
one process the screening reads the extraction's decisions (``attribution._MEMO``). Both sides
run here in one process on the Reuters stories, no feature cache: the screening after the
extraction as a report runs it, and the same screening with the kept decisions dropped first
(what it cost before). CPU seconds; the rows must be equal.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pipeline import load_reuters


def main(argv: list[str]) -> int:
    from medialens import polls
    from medialens.polls import attribution

    df = load_reuters()
    if argv:
        df = df.head(int(argv[0]))
    polls.extract_corpus(df.head(50), engine="local", cache=None)  # load the parser and models
    t = time.process_time()
    figs = polls.extract_corpus(df, engine="local", cache=None)
    t_extract = time.process_time() - t
    t = time.process_time()
    shared = polls.explain_corpus(df, engine="local", cache=None)
    t_shared = time.process_time() - t
    attribution._MEMO.clear()
    t = time.process_time()
    alone = polls.explain_corpus(df, engine="local", cache=None)
    t_alone = time.process_time() - t
    assert shared.equals(alone), "the screening differs with the kept decisions"
    print(f"{len(df):,} documents: extraction {t_extract:.1f} CPU s ({len(figs)} figures); screening after it "
          f"{t_shared:.1f} CPU s; the same screening deciding again {t_alone:.1f} CPU s "
          f"= {t_alone / t_shared:.2f}x ({len(shared):,} rows, equal)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
