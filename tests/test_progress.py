"""The one progress layer: plain lines off a terminal, moving by documents."""

from __future__ import annotations

import io

import pandas as pd

from engine_helpers import text_stats
from medialens import progress
from medialens.engine import Analyser, run


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    assert progress.mode(out) == "plain"
    with progress.bar(total=2_000, desc="sentiment", unit="doc", stream=out, every=0) as b:
        for _ in range(4):
            b.update(500)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("sentiment: 500/2,000 docs (25%)")
    assert lines[-1].startswith("sentiment: 2,000/2,000 docs (100%)")
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_disabled_bar_prints_nothing():
    out = io.StringIO()
    with progress.bar(total=3, stream=out, enabled=False, every=0) as b:
        b.update(3)
    assert out.getvalue() == ""


def test_local_engine_advances_by_documents(monkeypatch):
    seen: list[int] = []

    class Spy:
        def __init__(self, *a, **kw):
            self.total = kw.get("total")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return None

        def update(self, n):
            seen.append(n)

    monkeypatch.setattr(progress, "bar", Spy)
    corpus = pd.DataFrame({"doc_id": [str(i) for i in range(600)], "text": ["a b"] * 600})
    a = Analyser("stats", "1", text_stats, schema={"n_words": "int64", "n_chars": "int64",
                                                   "ratio": "float64", "first": "str"})
    run(a, corpus, cache=False, progress=True)
    assert seen == [256, 256, 88], "the in-process engine moves the bar chunk by chunk"
