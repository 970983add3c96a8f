"""Sentence-level sentiment on 10,000 real articles against the naive whole-article call.

Documents: all 2,225 BBC articles + the first 7,775 Reuters bodies (10,000 real articles).
Measured in ONE process on the same documents, each timing the best of ``REPEAT`` runs:

- naive: ``df.text.apply(analyzer.polarity_scores)`` -- one VADER call per article. It is also
  WRONG for long articles: VADER sums the valence of every word before normalising, so the
  compound saturates towards +-1 (printed below: the per-article distributions of both);
- medialens: ``sentiment.score(df)`` -- segmentation + VADER per sentence + aggregation;
- the same two for AFINN (naive: ``df.text.apply(Afinn().score)``; medialens: its own lexicon
  matcher per sentence).

    .venv/bin/python benchmarks/bench_sentiment.py
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from medialens import sentiment, text

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
REPEAT = 2


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def corpus() -> pd.DataFrame:
    bbc = [(f"bbc/{r['id']}", r["text"]) for r in _jsonl(DATA / "bbc_news" / "bbc_news.jsonl.gz")]
    reuters = [(f"reuters/{r['id']}", r["body"])
               for r in _jsonl(DATA / "reuters21578" / "reuters21578.jsonl.gz") if r.get("body")]
    rows = bbc + reuters[: 10_000 - len(bbc)]
    return pd.DataFrame(rows, columns=["doc_id", "text"])


def best(fn, repeat: int = REPEAT) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def describe(name: str, values: np.ndarray) -> str:
    q = np.quantile(values, [0.1, 0.5, 0.9])
    sat = np.mean(np.abs(values) >= 0.9)
    return (f"  {name:34} p10 {q[0]:+.2f}  median {q[1]:+.2f}  p90 {q[2]:+.2f}  "
            f"|x|>=0.9: {sat:5.1%}")


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    df = corpus()
    n = len(df)
    mb = df["text"].str.len().sum() / 1e6
    analyzer = sentiment.vader_analyzer()
    from afinn import Afinn

    afinn = Afinn()
    sentiment.lexicon("afinn")
    print(f"{n:,} articles ({mb:.1f} MB; BBC + Reuters), best of {REPEAT} runs\n")

    t_naive, naive = best(lambda: df["text"].apply(analyzer.polarity_scores))
    t_ml, scores = best(lambda: sentiment.score(df))
    t_seg, sents = best(lambda: text.sentences_frame(df), repeat=1)
    t_naive_af, _ = best(lambda: df["text"].apply(afinn.score), repeat=1)
    t_ml_af, _ = best(lambda: sentiment.score(df, method="afinn"), repeat=1)

    print(f"{'':44} {'seconds':>8} {'docs/s':>8}")
    for name, t in (("naive VADER (one call per article)", t_naive),
                    ("medialens VADER (per sentence)", t_ml),
                    ("  of which segmentation (syntok + repairs)", t_seg),
                    ("naive AFINN (afinn.score per article)", t_naive_af),
                    ("medialens AFINN (per sentence)", t_ml_af)):
        print(f"{name:44} {t:8.2f} {n / t:8.0f}")
    print(f"\nratio medialens/naive time: VADER {t_ml / t_naive:.2f}x, "
          f"AFINN {t_ml_af / t_naive_af:.2f}x  (below 1 = medialens faster)")
    print(f"sentences: {len(sents):,} ({len(sents) / n:.1f} per article)\n")

    compound = np.array([d["compound"] for d in naive])
    length = df["text"].map(lambda t: len(text.sentence_spans(t)))
    print("per-article compound distribution:")
    print(describe("naive (whole article)", compound))
    print(describe("medialens (mean of sentences)", scores["compound_mean"].to_numpy()))
    long = (length >= 20).to_numpy()
    print(f"articles with >= 20 sentences ({long.sum():,}):")
    print(describe("naive (whole article)", compound[long]))
    print(describe("medialens (mean of sentences)", scores["compound_mean"].to_numpy()[long]))
    r = np.corrcoef(compound, scores["compound_mean"])[0, 1]
    print(f"correlation naive vs medialens per article: r = {r:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
