"""The poll tracker built on real news: Reuters-21578 (ODD ids only: even ids are held out) and the
news_modern development articles (folds 1-4 of tests/data/news_modern_polls_docs.csv; never the
held-out fifth). Skips when ../shared is absent.

What a reader of the tracker must never see: a series named after a person or place as its
pollster ("Obama", "Michigan"), two pollsters merged into one ("Gallup" is not the Australian
"Morgan Gallup"), one party of two countries drawn as one series, a line through polls whose
pollster is unknown.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from medialens.plotting.polls import poll_tracker
from medialens.polls import add_country, extract_corpus, harmonise_names, tracker_table
from medialens.polls.pollsters import is_known

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
_POLL = re.compile(r"\b(?:poll|polls|polled|pollsters?|survey\w*)\b", re.I)


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


@pytest.fixture(scope="module")
def reuters() -> tuple[pd.DataFrame, pd.DataFrame]:
    path = SHARED / "reuters21578" / "reuters21578.jsonl.gz"
    if not path.exists():
        pytest.skip("../shared/data/reuters21578 is absent")
    rows = [(f"reuters:{r['id']}", r["body"] or "", r["date"]) for r in _jsonl(path)
            if r["id"] % 2 == 1 and _POLL.search(r["body"] or "")]  # odd ids only
    corpus = pd.DataFrame(rows, columns=["doc_id", "text", "published"])
    corpus["published"] = pd.to_datetime(corpus["published"], utc=True, errors="coerce")
    corpus["source"] = "Reuters"
    return corpus, harmonise_names(extract_corpus(corpus), corpus)


@pytest.fixture(scope="module")
def modern() -> tuple[pd.DataFrame, pd.DataFrame]:
    path = SHARED / "news_modern" / "news_modern.jsonl.gz"
    if not path.exists():
        pytest.skip("../shared/data/news_modern is absent")
    docs = pd.read_csv(ROOT / "tests" / "data" / "news_modern_polls_docs.csv", dtype=str)
    want = set(docs.loc[docs["fold"].astype(int) > 0, "doc_id"])  # development folds only
    rows = [(r["id"], r["text"] or "", r.get("published"), r["source"]) for r in _jsonl(path)
            if r["id"] in want and r["selection"] == "poll_cue"]
    corpus = pd.DataFrame(rows, columns=["doc_id", "text", "published", "source"])
    corpus["published"] = pd.to_datetime(corpus["published"], utc=True, errors="coerce")
    return corpus, harmonise_names(extract_corpus(corpus), corpus)


def _tracker(corpus: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    return tracker_table(add_country(figures, corpus))


def _pollster_is_no_subject(figures: pd.DataFrame) -> None:
    """A pollster is never a person, party or place the same corpus reports figures about."""
    subjects = {s.casefold() for s in figures["subject"].dropna()}
    bad = sorted({p for p in figures["pollster"].dropna() if p.casefold() in subjects and not is_known(p)})
    assert not bad, f"pollsters that are subjects of figures: {bad}"


def test_reuters_pollsters_are_pollsters_and_kept_apart(reuters):
    _corpus, figs = reuters
    _pollster_is_no_subject(figs)
    pollsters = set(figs["pollster"].dropna())
    # the UK's Gallup and Australia's Morgan Gallup (Roy Morgan) are two pollsters
    assert "Gallup" in pollsters and "Roy Morgan" in pollsters
    assert not {"Louis Harris and Assoc", "Morgan Gallup"} & pollsters  # one name per pollster
    assert {"Harris", "MORI", "Marplan"} <= pollsters


def test_reuters_tracker_splits_a_party_by_country(reuters):
    corpus, figs = reuters
    t = _tracker(corpus, figs)
    uk = t[(t["subject"] == "Labour") & (t["country"] == "UK")]
    assert len(uk) >= 5
    # the 1987 Australian polls (Hawke's Labor) are not drawn in the UK Labour series
    assert not (uk["pollster"] == "Roy Morgan").any()
    assert t.groupby(["subject", "country", "measure"], dropna=False)["poll_id"].apply(
        lambda s: s.is_unique).all()


def test_modern_pollsters_are_no_people_or_places(modern):
    _corpus, figs = modern
    _pollster_is_no_subject(figs)
    pollsters = set(figs["pollster"].dropna())
    assert not {"Obama", "Michigan", "Trump", "Jill Stein", "Venezuelan"} & pollsters, pollsters
    assert {"Gallup", "Pew Research Center"} <= pollsters
    assert not {"Pew", "Pew Research", "Comres"} & pollsters  # merged into one name each


def test_modern_tracker_panels_are_named_series(modern):
    corpus, figs = modern
    t = _tracker(corpus, figs)
    assert t["country"].notna().mean() > 0.8  # nearly every poll placed in a country
    fig = poll_tracker(t, max_panels=6)
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert 1 <= len(titles) <= 6
    for title in titles:
        assert re.match(r"^[A-Z0-9]", title), title  # a name, never "month" or "-"
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    grey = [line for line in lines if line.get_color() == "#8a8a8a"]
    assert not grey, "a line joins polls of unknown or different pollsters"
