"""Sentiment methods: exact fast VADER vs vaderSentiment, sentences/s per method, agreement.

Sections (all by default; name some to run only those)::

    .venv/bin/python benchmarks/bench_sentiment.py [identity] [vaderspeed] [speed] [articles] [agreement]

- ``identity``: the fast VADER (medialens.sentiment.vader) against vaderSentiment 3.3.2 on
  EVERY sentence of Reuters-21578, BBC News, the NYT editorial snippets and the demo corpus
  (compound, pos, neg, neu compared for equality, through the batch paths with a cold word
  memo and one call per sentence; a pure check, nothing is tuned), then the per-sentence
  speed of both in one process on 20,000 Reuters/BBC sentences (odd ids), interleaved, best
  of 5, with a cold and a warm word memo (``vaderspeed``: only this timing).
- ``speed``: sentences/s for each method on the same 40 odd-numbered BBC articles:
  the naive per-sentence call in a loop (vaderSentiment's ``polarity_scores``, ``Afinn.score``,
  the model one sentence per call, the ensemble as both), ``sentiment.sentences`` in one
  process (model batched, all cores as threads) and with the process engine (one worker per
  core, one thread each), cache off and the model memo cleared before each row.
- ``articles``: 10,000 real articles (all BBC + the first 7,775 Reuters bodies) scored per
  sentence by ``sentiment.score`` against the naive whole-article call
  (``df.text.apply(analyzer.polarity_scores)``, which is also WRONG for long articles: the
  compound saturates towards +-1), for VADER and AFINN, best of ``REPEAT`` runs.
- ``agreement``: Pearson r with the mean human rating on the 5,190 NYT editorial snippets
  (evaluation only: nothing was fitted on them) for each method, with a 95% percentile
  bootstrap interval (2,000 resamples, seed 0), printed as the ``HUMAN_AGREEMENT`` table of
  ``lib/medialens/sentiment/agreement.py``; and the model on the hand-rated German/Spanish
  sentences of ``benchmarks/data/sentiment_hand_rated_de_es.tsv``.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from medialens import sentiment, text
from medialens.sentiment import model as e5model
from medialens.sentiment import vader as fastvader

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "data"
N_BOOT = 2000
REPEAT = 2


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _vader_set(name: str) -> pd.DataFrame:
    path = DATA / "vader_icwsm2014" / f"{name}_GroundTruth.txt"
    rows = [line.split("\t", 2) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return pd.DataFrame({"doc_id": [r[0] for r in rows], "rating": [float(r[1]) for r in rows],
                         "text": [r[2].strip() for r in rows]})


def _odd_bbc() -> pd.DataFrame:
    rows = [(f"bbc/{r['id']}", r["text"]) for r in _jsonl(DATA / "bbc_news" / "bbc_news.jsonl.gz")
            if int(r["id"].split("/")[1]) % 2 == 1]
    return pd.DataFrame(rows, columns=["doc_id", "text"]).assign(lang="en")


def identity() -> None:
    ref = sentiment.vader_analyzer()
    from medialens.corpus import load_corpus

    demo, _ = load_corpus("demo")
    sources = {
        "Reuters-21578 (all stories)": [s for r in _jsonl(DATA / "reuters21578" /
                                                           "reuters21578.jsonl.gz")
                                        for s in text.split_sentences(r.get("body") or "")],
        "BBC News (all articles)": [s for r in _jsonl(DATA / "bbc_news" / "bbc_news.jsonl.gz")
                                    for s in text.split_sentences(r["text"])],
        "NYT editorial snippets": _vader_set("nytEditorialSnippets")["text"].tolist(),
        "demo corpus": [s for t in demo["text"].dropna() for s in text.split_sentences(t)],
    }
    print("identity (compound, pos, neg, neu all equal to vaderSentiment 3.3.2; the batch "
          "paths with a cold memo, and one call per sentence):")
    for name, sents in sources.items():
        expected = [ref.polarity_scores(s) for s in sents]
        batch = fastvader.FastVader(ref.lexicon, ref.emojis).polarity_scores_many(sents)
        compounds = fastvader.FastVader(ref.lexicon, ref.emojis).compound_many(sents)
        single = fastvader.FastVader(ref.lexicon, ref.emojis)
        differ = sum(b != e or c != e["compound"] or single.polarity_scores(s) != e
                     for s, e, b, c in zip(sents, expected, batch, compounds, strict=True))
        print(f"  {name:30} {len(sents):>8,} sentences, {differ} differ")
    vader_speed()


def vader_speed(rounds: int = 5) -> None:
    """Per-sentence speed of vaderSentiment and the re-implementation on the same sentences,
    one process, interleaved, best of ``rounds``. "cold": a fresh analyser (empty word memo)
    every round, the fair figure; "warm": the memo already holds every word of the sample (as
    in a long run over one corpus)."""
    ref = sentiment.vader_analyzer()
    sample = [s for r in _jsonl(DATA / "reuters21578" / "reuters21578.jsonl.gz")
              if r["id"] % 2 == 1 for s in text.split_sentences(r.get("body") or "")][:15_000]
    sample += [s for t in _odd_bbc()["text"] for s in text.split_sentences(t)][:5_000]
    warm = fastvader.FastVader(ref.lexicon, ref.emojis)
    warm.compound_many(sample)

    def cold() -> fastvader.FastVader:
        return fastvader.FastVader(ref.lexicon, ref.emojis)

    fns = {
        "vaderSentiment polarity_scores": lambda: [ref.polarity_scores(s) for s in sample],
        "polarity_scores, one call each, cold": lambda: (
            lambda f: [f.polarity_scores(s) for s in sample])(cold()),
        "compound, one call each, cold": lambda: (lambda f: [f.compound(s) for s in sample])(
            cold()),
        "polarity_scores_many, cold": lambda: cold().polarity_scores_many(sample),
        "compound_many, cold (medialens)": lambda: cold().compound_many(sample),
        "polarity_scores_many, warm": lambda: warm.polarity_scores_many(sample),
        "compound_many, warm": lambda: warm.compound_many(sample),
    }
    best = dict.fromkeys(fns, np.inf)
    load = os.getloadavg()
    for _ in range(rounds):  # interleaved: every variant once per round
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    load = max(load[0], os.getloadavg()[0])
    print(f"\nper-sentence speed, {len(sample):,} Reuters/BBC sentences (odd ids), one process, "
          f"interleaved, best of {rounds}, {len(os.sched_getaffinity(0))} cores, "
          f"load average up to {load:.1f}:")
    base = best["vaderSentiment polarity_scores"]
    for name, t in best.items():
        print(f"  {name:38} {len(sample) / t:>9,.0f} sentences/s {t / len(sample) * 1e6:7.1f} "
              f"us/sentence {base / t:5.1f}x")


def speed() -> None:
    docs = _odd_bbc()
    cores = len(os.sched_getaffinity(0))
    small = docs.head(40)  # the model is slow: a sample of whole articles for every method
    sents = [s for t in small["text"] for s in text.split_sentences(t)]
    print(f"sentences/s on {cores} cores, the first 40 odd-numbered BBC articles "
          f"({len(sents):,} sentences), cache off, model memo cleared before each row:")
    ref = sentiment.vader_analyzer()
    from afinn import Afinn

    afinn = Afinn()
    enc = e5model.encoder()
    rule = e5model.combination()
    w = rule.coef["compound"]

    def naive_e5(s: str) -> float:
        return float(e5model.ridge_layer().predict(enc.query(s)[None, :])[0])

    naive = {"vader": lambda s: ref.polarity_scores(s)["compound"], "afinn": afinn.score,
             "e5": naive_e5,
             "ensemble": lambda s: (1 - w) * naive_e5(s) + w * ref.polarity_scores(s)["compound"]}
    rows = []
    for method in sentiment.METHODS:
        e5model.clear_memo()
        t0 = time.perf_counter()
        for s in sents:
            naive[method](s)
        rows.append((f"{method}: naive loop, one sentence per call, 1 process",
                     len(sents), time.perf_counter() - t0))
        e5model.clear_memo()
        t0 = time.perf_counter()
        out = sentiment.sentences(small, method=method, engine="local", cache=False)
        rows.append((f"{method}: sentiment.sentences, 1 process ({cores} model threads)",
                     len(out), time.perf_counter() - t0))
        e5model.clear_memo()
        sentiment.sentences(small.head(4), method=method, engine="processes", workers=cores,
                            cache=False)  # start the pool and load the model in the workers
        t0 = time.perf_counter()
        out = sentiment.sentences(small, method=method, engine="processes", workers=cores,
                                  cache=False)
        rows.append((f"{method}: sentiment.sentences, {cores} workers (1 thread each)",
                     len(out), time.perf_counter() - t0))
    print(f"  load average {os.getloadavg()[0]:.1f}")
    for name, n, t in rows:
        print(f"  {name:62} {n:>7,} sentences {t:7.1f} s {n / t:8.0f} /s")


def _boot_r(x: np.ndarray, y: np.ndarray, seed: int = 0) -> tuple[float, float, float]:
    rng = np.random.default_rng(seed)
    r = float(np.corrcoef(x, y)[0, 1])
    idx = rng.integers(0, len(x), size=(N_BOOT, len(x)))
    xs, ys = x[idx], y[idx]
    xs = xs - xs.mean(axis=1, keepdims=True)
    ys = ys - ys.mean(axis=1, keepdims=True)
    rs = (xs * ys).sum(axis=1) / np.sqrt((xs ** 2).sum(axis=1) * (ys ** 2).sum(axis=1))
    lo, hi = np.quantile(rs, [0.025, 0.975])
    return r, float(lo), float(hi)


def agreement() -> None:
    nyt = _vader_set("nytEditorialSnippets")
    texts = nyt["text"].tolist()
    human = nyt["rating"].to_numpy()
    t0 = time.perf_counter()
    e5model.sentence_scores(texts)  # embeds each snippet once; the methods below reuse it
    print(f"NYT editorial snippets: {len(texts):,} (model scored in {time.perf_counter() - t0:.0f} s)")
    rule = e5model.combination()
    print(f"ensemble rule (chosen on the development sets): {dict(rule.coef)}, bias {rule.bias}")
    scores = {m: np.array(sentiment.sentence_scores(texts, m)) for m in sentiment.METHODS}
    table = {}
    print("each snippet scored as one unit (the stored figures):")
    for method, x in scores.items():
        r, lo, hi = _boot_r(x, human)
        table[method] = {"r": round(r, 3), "ci_low": round(lo, 3), "ci_high": round(hi, 3),
                         "n": len(x)}
        print(f"  {method:9} r = {r:.3f}  95% CI {lo:.3f} to {hi:.3f}")
    print("HUMAN_AGREEMENT =", json.dumps(table))
    print("each snippet as a document: mean of its sentence scores (sentiment.score):")
    docs = nyt[["doc_id", "text"]].assign(lang="en")
    for method in sentiment.METHODS:
        x = sentiment.score(docs, method=method, cache=False)["compound_mean"].to_numpy()
        r, lo, hi = _boot_r(x, human)
        print(f"  {method:9} r = {r:.3f}  95% CI {lo:.3f} to {hi:.3f}")
    hand = pd.read_csv(HERE / "data" / "sentiment_hand_rated_de_es.tsv", sep="\t", comment="#")
    print("\nhand-rated non-English sentences (one rater), e5 model:")
    for lang, part in hand.groupby("lang"):
        x = e5model.sentence_scores(part["sentence"].tolist())
        r, lo, hi = _boot_r(x, part["rating"].to_numpy())
        sign = np.mean(np.sign(np.round(x, 1)) == np.sign(part["rating"].to_numpy()))
        print(f"  {lang}: n = {len(part)}, r = {r:.2f} (95% CI {lo:.2f} to {hi:.2f}), "
              f"sign agreement {sign:.0%}")


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def articles_corpus() -> pd.DataFrame:
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


def articles() -> int:
    df = articles_corpus()
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


def main(argv: list[str]) -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    wanted = argv[1:] or ["identity", "speed", "articles", "agreement"]
    for name in wanted:
        print(f"\n--- {name} ---", flush=True)
        {"identity": identity, "vaderspeed": vader_speed, "speed": speed, "articles": articles,
         "agreement": agreement}[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
