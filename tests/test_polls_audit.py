"""medialens.polls.audit: every percentage in a corpus, kept or not, and why.
Sentences are written for these tests."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens.errors import CorpusError, ParameterError
from medialens.polls import explain_corpus, extract_corpus, screening_summary
from medialens.polls.audit import EXPLAIN_COLUMNS, NO_POLL, NOT_NEAR

POLL_STORY = (
    "A Harris poll of 1,000 adults found 41 pct would\nvote Labour. The margin of error is 3 points.\n\n"
    "In other news, the company said sales rose.\n\nThe firm opened a new plant. Workers were pleased. "
    "Managers were pleased too. The board met on Monday. Its market share rose to 12 pct last year."
)
ECONOMY = "Inflation fell to 2.1 per cent in March, and unemployment was 5.4 pct."


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": ["poll", "econ", "empty"], "text": [POLL_STORY, ECONOMY, ""],
                         "source": ["Wire", "Wire", "Wire"]})


@pytest.fixture(scope="module")
def explained(corpus) -> pd.DataFrame:
    return explain_corpus(corpus)


def test_every_percentage_is_listed_with_a_reason(explained):
    assert tuple(explained.columns) == EXPLAIN_COLUMNS
    got = list(zip(explained["doc_id"], explained["figure"], explained["accepted"], explained["reason"], strict=True))
    assert got == [
        ("poll", "41 pct", True, "respondents"),
        ("poll", "3 points", False, "margin of error"),
        ("poll", "12 pct", False, NOT_NEAR),
        ("econ", "2.1 per cent", False, NO_POLL),
        ("econ", "5.4 pct", False, NO_POLL),
    ]


def test_kept_numbers_are_the_extracted_figures(corpus, explained):
    figs = extract_corpus(corpus)
    kept = explained[explained["accepted"]]
    assert list(zip(kept["doc_id"], kept["start"], strict=True)) == list(zip(figs["doc_id"], figs["start"], strict=True))


def test_every_row_is_traceable(corpus, explained):
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    for doc, fig, start, sent in explained[["doc_id", "figure", "start", "sentence"]].itertuples(index=False):
        assert texts[doc][start:start + len(fig)] == fig
        assert fig in sent
    # a number never considered still shows its own sentence, not a cut through the previous one
    assert explained.loc[explained["figure"] == "12 pct", "sentence"].item() == \
        "Its market share rose to 12 pct last year."


def test_screening_summary_counts_by_decision_and_reason(explained):
    s = screening_summary(explained)
    assert s[["decision", "reason", "numbers", "documents"]].values.tolist() == [
        ["kept", "respondents", 1, 1],
        ["rejected", "margin of error", 1, 1],
        ["not considered", NO_POLL, 2, 1],
        ["not considered", NOT_NEAR, 1, 1],
    ]
    assert s["percent"].sum() == pytest.approx(100.0)
    assert s.loc[s["reason"] == NO_POLL, "example"].item() in ("2.1 per cent", "5.4 pct")
    assert not s["example_sentence"].str.contains("\n").any()


def test_empty_and_bad_input():
    none = explain_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["No numbers at all."]}))
    assert none.empty and tuple(none.columns) == EXPLAIN_COLUMNS
    assert screening_summary(none).empty
    with pytest.raises(CorpusError, match="text"):
        explain_corpus(pd.DataFrame({"doc_id": ["a"]}))
    with pytest.raises(ParameterError):
        explain_corpus("not a frame")
    with pytest.raises(ParameterError, match="explain_corpus output"):
        screening_summary(pd.DataFrame({"x": [1]}))


def test_percentages_in_an_article_not_in_english_say_why_they_were_not_read():
    from medialens.polls.audit import NO_POLL, NOT_ENGLISH

    e = explain_corpus(pd.DataFrame({"doc_id": ["fr", "en"], "text": [
        "Selon un sondage Ifop publié dimanche, 54% des électeurs soutiennent la réforme des "
        "retraites, a indiqué le journal.",
        "Profits rose 12% in the quarter, the company said on Tuesday."]}))
    assert dict(zip(e["doc_id"], e["reason"], strict=True)) == {"fr": NOT_ENGLISH, "en": NO_POLL}
    assert set(screening_summary(e)["decision"]) == {"not considered"}


def test_screening_after_extraction_reads_the_same_decisions_without_deciding_again(monkeypatch):
    """A report extracts the figures, then screens every number of the same articles: the second
    pass reuses the first's analysis (same text, same options), and other options decide anew."""
    from medialens.polls import attribution, explain_corpus, extract_corpus

    calls = []
    real = attribution.examples
    monkeypatch.setattr(attribution, "examples", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(attribution, "_MEMO", type(attribution._MEMO)())
    text = "A Meridian poll for the Courant put the Civic Union on 38 per cent, a screening-memo test."
    corpus = pd.DataFrame({"doc_id": ["m"], "text": [text]})
    figs = extract_corpus(corpus, cache=None)
    screened = explain_corpus(corpus, cache=None)
    assert len(calls) == 1
    assert screened.loc[screened["accepted"], "figure"].tolist() == ["38 per cent"] and len(figs) == 1
    extract_corpus(corpus, cache=None, pollsters=["Courant"])  # other options: analysed again
    assert len(calls) == 2
