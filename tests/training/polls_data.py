"""The labelled poll-figure sets, with their texts (from ../shared) and a fold per article.

Sets: ``dev`` (odd Reuters ids, odd BBC numbers, the fixture page: tests/data/polls_dev*.csv),
``demo`` (the bundled demo corpus: tests/data/demo_polls_expected.csv), ``modern``
(news_modern folds 1-4: tests/data/news_modern_polls*.csv) and ``synth`` (articles in the style of
modern news from several countries, written and labelled by the project's labelling helpers:
tests/data/polls_synthetic*; more varied training material than news_modern's ~600 figures). Fold 0 of news_modern (the held-out
fifth) is loaded only by :func:`holdout`, which the holdout test calls when
MEDIALENS_SCORE_HOLDOUT=1.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
TEST_DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"
N_FOLDS = 4  # development folds 1..4 (fold 0 is held out)


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _fold(doc_id: str) -> int:
    """A stable development fold (1..4) for documents outside news_modern."""
    return zlib.crc32(doc_id.encode("utf-8")) % N_FOLDS + 1


def available() -> bool:
    return (SHARED / "data" / "news_modern" / "news_modern.jsonl.gz").exists()


def _dev() -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = pd.read_csv(TEST_DATA / "polls_dev_docs.csv", dtype=str)["doc_id"].tolist()
    gold = pd.read_csv(TEST_DATA / "polls_dev.csv", dtype=str, keep_default_na=False)
    want_r = {int(d.split(":")[1]) for d in docs if d.startswith("reuters:")}
    want_b = {d.split(":")[1] for d in docs if d.startswith("bbc:")}
    assert all(i % 2 == 1 for i in want_r), "even Reuters ids are held out"
    assert all(int(b.split("/")[1]) % 2 == 1 for b in want_b), "even BBC numbers are held out"
    rows = []
    for r in _jsonl(SHARED / "data" / "reuters21578" / "reuters21578.jsonl.gz"):
        if r["id"] in want_r:
            rows.append((f"reuters:{r['id']}", r["body"] or r["title"] or "", r["date"]))
    for r in _jsonl(SHARED / "data" / "bbc_news" / "bbc_news.jsonl.gz"):
        if r["id"] in want_b:
            rows.append((f"bbc:{r['id']}", r["text"], None))
    rows.append(("fixture", (SHARED / "fixtures" / "000_146c980f7ac703f2.txt").read_text(encoding="utf-8"), None))
    corpus = pd.DataFrame(rows, columns=["doc_id", "text", "published"])
    corpus["set"] = "dev"
    return corpus, gold


def _demo() -> tuple[pd.DataFrame, pd.DataFrame]:
    from medialens.corpus import load_corpus

    corpus, _ = load_corpus("demo", detect_language=False, near_duplicates=False)
    corpus = corpus[["doc_id", "text", "published"]].copy()
    corpus["set"] = "demo"
    gold = pd.read_csv(TEST_DATA / "demo_polls_expected.csv", dtype=str, keep_default_na=False)
    gold["change"] = gold["change"].str.lstrip("+")
    return corpus, gold


def _modern(stem: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = pd.read_csv(TEST_DATA / f"{stem}_docs.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(TEST_DATA / f"{stem}.csv", dtype=str, keep_default_na=False)
    want = dict(zip(docs["doc_id"], docs["fold"].astype(int), strict=True))
    rows = [(r["id"], r["text"] or "", r.get("published"), want[r["id"]])
            for r in _jsonl(SHARED / "data" / "news_modern" / "news_modern.jsonl.gz") if r["id"] in want]
    corpus = pd.DataFrame(rows, columns=["doc_id", "text", "published", "fold"])
    corpus["set"] = "modern"
    corpus["negative"] = corpus["doc_id"].map(dict(zip(docs["doc_id"], docs["batch"].str.startswith("n"),
                                                       strict=True)))
    return corpus, gold


def _synthetic() -> tuple[pd.DataFrame, pd.DataFrame]:
    docs = pd.read_csv(TEST_DATA / "polls_synthetic_docs.csv", dtype=str, keep_default_na=False)
    gold = pd.read_csv(TEST_DATA / "polls_synthetic.csv", dtype=str, keep_default_na=False)
    folder = TEST_DATA / "polls_synthetic"
    corpus = pd.DataFrame({
        "doc_id": docs["doc_id"],
        "text": [(folder / f"{d.split(':', 1)[1]}.txt").read_text(encoding="utf-8") for d in docs["doc_id"]],
        "published": None,
        "negative": docs["n_figures"].astype(int).eq(0)})
    corpus["set"] = "synth"
    return corpus, gold


def development(*, synthetic: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every development document (``doc_id, text, published, set, fold, negative``) and the gold rows;
    ``synthetic`` adds the synthetic set (evaluated, never trained on: see train_polls.TRAIN_SETS)."""
    parts = [_dev(), _demo(), _modern("news_modern_polls")] + ([_synthetic()] if synthetic else [])
    corpus = pd.concat([c for c, _ in parts], ignore_index=True)
    corpus["fold"] = [int(f) if pd.notna(f) else _fold(d) for d, f in
                      zip(corpus["doc_id"], corpus.get("fold", pd.Series([None] * len(corpus))), strict=True)]
    corpus["negative"] = corpus["negative"].fillna(False).astype(bool)
    gold = pd.concat([g.assign(set=c["set"].iloc[0]) for c, g in parts], ignore_index=True)
    gold = gold[[c for c in gold.columns if c in (
        "doc_id", "value", "unit", "kind", "subject", "measure", "other", "change", "prior", "pollster",
        "sponsor", "sample_size", "margin_of_error", "approx", "figure_text", "set")]]
    return corpus, gold


def holdout() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The held-out fifth of news_modern (fold 0). Only for the final, once-only score."""
    return _modern("news_modern_polls_holdout")
