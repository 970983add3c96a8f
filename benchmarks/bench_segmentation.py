"""Sentence segmenters on real news: boundary accuracy on a hand-made gold set, and speed.

Candidates: the regex baseline, pysbd and syntok, each both *raw* (the library on the whole
article) and inside medialens' frame (paragraph split + hard wraps read as spaces, see
``medialens.text``), plus the shipped default (syntok in the frame + the two news repairs).

Gold: ``tests/data/segmentation_gold.json`` -- 50 documents (41 Reuters with odd ids, 8 BBC
with odd numbers, the article of the fixture page), sentence starts written by hand as short
snippets; about 440 boundaries. Most Reuters documents were picked for hard cases
(abbreviations, quotes, "U.S." before a capital); 10 are a random sample.
Speed: 2,000 Reuters bodies + 500 BBC texts (the first ones), one pass each, same process.

    .venv/bin/python benchmarks/bench_segmentation.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from syntok import segmenter as syntok_segmenter

from medialens import text as mtext

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
FIXTURE = ROOT.parent / "shared" / "fixtures" / "000_146c980f7ac703f2.txt"
GOLD = ROOT / "tests" / "data" / "segmentation_gold.json"

Spans = list[tuple[int, int]]


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def gold_documents() -> list[tuple[str, set[int], tuple[int, int]]]:
    """(text, gold boundary offsets, evaluated region) for every gold document."""
    entries = json.loads(GOLD.read_text(encoding="utf-8"))
    want = {(e["corpus"], e["id"]) for e in entries}
    texts: dict[tuple[str, object], str] = {}
    for r in _jsonl(DATA / "reuters21578" / "reuters21578.jsonl.gz"):
        if ("reuters", r["id"]) in want:
            texts[("reuters", r["id"])] = r["body"]
    for r in _jsonl(DATA / "bbc_news" / "bbc_news.jsonl.gz"):
        if ("bbc", r["id"]) in want:
            texts[("bbc", r["id"])] = r["text"]
    texts[("fixture", FIXTURE.name)] = FIXTURE.read_text(encoding="utf-8")
    out = []
    for e in entries:
        text = texts[(e["corpus"], e["id"])]
        starts, pos = [], 0
        for snippet in e["starts"]:
            m = re.compile(r"\s+".join(map(re.escape, snippet.split()))).search(text, pos)
            if m is None:
                raise SystemExit(f"gold snippet {snippet!r} not found in {e['corpus']} {e['id']}")
            starts.append(m.start())
            pos = m.start() + 1
        hi = len(text)
        if "region" in e:
            hi = text.index(e["region"][1]) + len(e["region"][1])
        out.append((text, set(starts[1:]), (starts[0], hi)))
    return out


def score(segment: Callable[[str], Spans], docs) -> dict[str, float]:
    tp = fp = fn = 0
    exact = 0
    for text, gold, (lo, hi) in docs:
        pred = {s for s, _ in segment(text) if lo < s < hi}
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        exact += pred == gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "fp": fp, "fn": fn, "docs_exact": exact / len(docs)}


def _locate(text: str, pieces) -> Spans:
    """Offsets of segments that a library returns as strings (pysbd), found in order."""
    out, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i < 0:  # pysbd changed the text; skip rather than invent an offset
            continue
        out.append((i, i + len(piece)))
        pos = i + len(piece)
    return out


def candidates() -> dict[str, Callable[[str], Spans]]:
    import pysbd  # only the benchmark uses pysbd

    seg = pysbd.Segmenter(language="en", clean=False)

    def pysbd_raw(text: str) -> Spans:
        return _locate(text, seg.segment(text))

    def pysbd_paragraph(para: str) -> Spans:
        return _locate(para, seg.segment(para))

    def syntok_raw(text: str) -> Spans:
        return [(s[0].offset, s[-1].offset + len(s[-1].value))
                for p in syntok_segmenter.analyze(text) for s in p if s]

    return {
        "regex (baseline)": lambda t: mtext.sentence_spans(t, segmenter="regex"),
        "pysbd raw": pysbd_raw,
        "syntok raw": syntok_raw,
        "pysbd in frame": lambda t: mtext.spans_by_paragraph(t, pysbd_paragraph),
        "syntok in frame (no repairs)": lambda t: mtext.spans_by_paragraph(t, mtext.syntok_paragraph),
        "medialens (syntok + repairs)": mtext.sentence_spans,
    }


def speed_corpus() -> list[str]:
    reuters = [r["body"] for r in _jsonl(DATA / "reuters21578" / "reuters21578.jsonl.gz")
               if r.get("body")][:2000]
    bbc = [r["text"] for r in _jsonl(DATA / "bbc_news" / "bbc_news.jsonl.gz")][:500]
    return reuters + bbc


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent")
        return 0
    docs = gold_documents()
    n_boundaries = sum(len(g) for _, g, _ in docs)
    print(f"gold: {len(docs)} documents, {n_boundaries} boundaries")
    corpus = speed_corpus()
    mb = sum(len(t) for t in corpus) / 1e6
    print(f"speed corpus: {len(corpus)} documents, {mb:.2f} MB\n")
    print(f"{'segmenter':30} {'P':>6} {'R':>6} {'F1':>6} {'FP':>4} {'FN':>4} {'exact':>6}"
          f" {'docs/s':>8} {'MB/s':>6}")
    base = None
    for name, fn in candidates().items():
        acc = score(fn, docs)
        t0 = time.perf_counter()
        for t in corpus:
            fn(t)
        dt = time.perf_counter() - t0
        base = base or dt
        print(f"{name:30} {acc['precision']:6.3f} {acc['recall']:6.3f} {acc['f1']:6.3f}"
              f" {acc['fp']:4d} {acc['fn']:4d} {acc['docs_exact']:6.2f}"
              f" {len(corpus) / dt:8.0f} {mb / dt:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
