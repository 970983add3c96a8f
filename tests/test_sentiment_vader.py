"""The fast VADER (medialens.sentiment.vader) against vaderSentiment itself, the reference.

Identity is exact: compound, pos, neg and neu equal vaderSentiment's on every sentence tested
(rules, emoji, punctuation and the "but" quirk included). The full comparison on every
sentence of Reuters, BBC, the NYT snippets and the demo is in benchmarks/bench_sentiment.py.
"""

from __future__ import annotations

import gzip
import json

import pytest

from medialens import text as T
from medialens.sentiment import vader as V
from medialens.sentiment.lexicons import vader_analyzer

# The rules one by one (vaderSentiment's own examples and edge cases around them).
CASES = [
    "VADER is smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!", "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!", "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all", "Sentiment analysis has never been this good!",
    "With VADER, sentiment analysis is the shit!", "On the other hand, VADER is quite bad ass",
    "Without a doubt, excellent idea.", "Roger Dodger is one of the least compelling variations.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "no no no good", "No problem, no worries or fear.", "NO GOOD", "never so good",
    "kind of good ??", "sort of bad ?????", "good good but good good bad bad",
    "great, fine but fine great", "", "   ", "!!!", "😁😁 great😁", "GOOD", "a b c",
    "The deal is dead in the water, yeah right.", "It was the bomb, to die for!",
]


@pytest.fixture(scope="module")
def both():
    return vader_analyzer(), V.analyzer()


@pytest.mark.parametrize("sentence", CASES)
def test_identical_on_rule_cases(both, sentence):
    ref, fast = both
    assert fast.polarity_scores(sentence) == ref.polarity_scores(sentence)
    assert fast.compound(sentence) == ref.polarity_scores(sentence)["compound"]


def test_tables_come_from_the_installed_package(both):
    ref, fast = both
    assert fast.lexicon == ref.lexicon  # the installed package's vader_lexicon.txt
    assert set(fast.emojis) <= set(ref.emojis)


def _compare(both, sentences):
    ref, fast = both
    bad = [s for s in sentences if fast.polarity_scores(s) != ref.polarity_scores(s)
           or fast.compound(s) != ref.polarity_scores(s)["compound"]]
    assert not bad, f"{len(bad)} of {len(sentences)} differ, e.g. {bad[:3]!r}"


@pytest.mark.realdata
def test_identical_on_vader_development_sets(both, shared_data):
    folder = shared_data / "vader_icwsm2014"
    sents = []
    for name in ("tweets", "movieReviewSnippets", "amazonReviewSnippets"):
        for line in (folder / f"{name}_GroundTruth.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                sents.append(line.split("\t", 2)[2])
    assert len(sents) > 18_000
    _compare(both, sents)


@pytest.mark.realdata
def test_identical_on_news_sentences(both, reuters_path, bbc_path):
    """A large sample: every sentence of 3,000 odd-id Reuters stories and of the odd-numbered
    BBC articles (held-out even ones are not read)."""
    sents = []
    with gzip.open(reuters_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["id"] % 2 == 1 and d.get("body"):
                sents += T.split_sentences(d["body"])
            if d["id"] > 6000:
                break
    with gzip.open(bbc_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if int(d["id"].split("/")[1]) % 2 == 1:
                sents += T.split_sentences(d["text"])
    assert len(sents) > 30_000
    _compare(both, sents)


def test_identical_on_the_demo(both):
    from medialens.corpus import load_corpus

    corpus, _ = load_corpus("demo")
    sents = [s for t in corpus["text"].dropna() for s in T.split_sentences(t)]
    assert len(sents) > 100
    _compare(both, sents)


def test_memo_is_bounded(both, monkeypatch):
    _, fast = both
    fresh = V.FastVader(fast.lexicon, vader_analyzer().emojis)
    monkeypatch.setattr(V, "MEMO_WORDS", 5)
    for s in CASES:
        fresh.compound(s)
    assert len(fresh._low) <= 5 + max(len(s.split()) for s in CASES)
    assert fresh.polarity_scores(CASES[1]) == vader_analyzer().polarity_scores(CASES[1])
