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
    # The no-lexicon-word short cut (all neutral) and the "plain" lexicon word (no rule
    # around it) against their neighbours that do trigger a rule.
    "The rate is 5 pct.", "!!! ???", "Profits rose.", "good", "it good", "so it is good",
    "this good", "We saw all this good work", "This is good", "is this good", "least good", "the very least good",
    "not no good", "no good or bad", "no fear or good", "no fear nor good",
    "The GOOD news", "The news is VERY good", "THE NEWS IS VERY GOOD", "just enough good",
    "It was sort of good", "the kiss of death", "He was kind", "a kind of magic",
    "You mayn't like it, it is good.", "They ain't good", "He doesn't win.",
    "without doubt good", "never so good", "never this bad", "it is never so good",
    "good good good", "good bad good bad but good", "Good, but bad.", "Good BUT bad!",
    "good But, bad", "It rose but fell.", "but", "great... but... terrible?!?",
    "Café staff were great 😁", "naïve but nice", "Ünïcödé ẞ good", "\u00a0good\u2003bad ",
    "Tabs\tand\nnewlines\tare good", "GOOD GOOD", "Good, great!!!!! 👍",
]


@pytest.fixture(scope="module")
def both():
    return vader_analyzer(), V.analyzer()


@pytest.mark.parametrize("sentence", CASES)
def test_identical_on_rule_cases(both, sentence):
    ref, fast = both
    assert fast.polarity_scores(sentence) == ref.polarity_scores(sentence)
    assert fast.compound(sentence) == ref.polarity_scores(sentence)["compound"]
    # A fresh analyser (cold word memo) agrees too: the memo never changes a result.
    cold = V.FastVader(ref.lexicon, ref.emojis)
    assert cold.polarity_scores_many([sentence]) == [ref.polarity_scores(sentence)]


def test_batches_equal_single_calls_in_any_order(both):
    ref, _ = both
    expected = [ref.polarity_scores(s) for s in CASES]
    fresh = V.FastVader(ref.lexicon, ref.emojis)
    assert fresh.polarity_scores_many(CASES) == expected
    backwards = V.FastVader(ref.lexicon, ref.emojis)
    assert backwards.compound_many(CASES[::-1]) == [e["compound"] for e in expected[::-1]]
    assert [fresh.compound(s) for s in CASES] == [e["compound"] for e in expected]
    assert fresh.compound_many(iter(CASES)) == [e["compound"] for e in expected]
    assert fresh.compound_many([]) == [] and fresh.polarity_scores_many([]) == []


def test_scoring_path_uses_the_batch(both, monkeypatch):
    """sentence_scores (every method, every caller) scores a batch with compound_many."""
    from medialens.sentiment import scoring

    ref, _ = both
    monkeypatch.setattr(V.FastVader, "compound", lambda self, text: pytest.fail("per call"))
    monkeypatch.setattr(V.FastVader, "polarity_scores",
                        lambda self, text: pytest.fail("per call"))
    got = scoring.sentence_scores(CASES, "vader")
    assert got == [ref.polarity_scores(s)["compound"] for s in CASES]


def test_tables_come_from_the_installed_package(both):
    ref, fast = both
    assert fast.lexicon == ref.lexicon  # the installed package's vader_lexicon.txt
    assert set(fast.emojis) <= set(ref.emojis)


def _compare(both, sentences):
    """The batch paths (what medialens uses) with a cold memo, then the warm process-wide
    analyser one sentence at a time, against vaderSentiment."""
    ref, fast = both
    expected = [ref.polarity_scores(s) for s in sentences]
    cold = V.FastVader(ref.lexicon, ref.emojis)
    got = cold.polarity_scores_many(sentences)
    compounds = V.FastVader(ref.lexicon, ref.emojis).compound_many(sentences)
    bad = [s for s, e, g, c, in zip(sentences, expected, got, compounds, strict=True)
           if g != e or c != e["compound"] or fast.polarity_scores(s) != e]
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
