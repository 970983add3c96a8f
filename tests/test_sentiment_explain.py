"""medialens.sentiment.explain: the tables that let a reader check the sentiment report."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from medialens import sentiment as S
from medialens import timeseries as ts
from medialens.corpus import load_corpus
from medialens.errors import ParameterError


@pytest.fixture(scope="module")
def demo():
    corpus, _ = load_corpus("demo")
    sents = S.sentences(corpus)
    return corpus, sents, S.from_sentences(sents, corpus)


@pytest.fixture(scope="module")
def demo_change(demo):
    corpus, _, scores = demo
    monthly = S.tone_over_time(scores, corpus, freq="M", min_docs=3)
    return ts.change_points(monthly)


# --- parse_target ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    (None, None),
    ("Varga", "Varga"),
    ("  Varga ", "Varga"),
    ("Varga | prime minister", ["Varga", "prime minister"]),
    ("Reagan|White House|Congress", ["Reagan", "White House", "Congress"]),
])
def test_parse_target_terms(text, expected):
    assert S.parse_target(text) == expected


def test_parse_target_regex_is_used_as_written():
    pat = S.parse_target("re:(?i)strait crossing|the bridge")
    assert isinstance(pat, re.Pattern)
    assert pat.search("work on THE BRIDGE resumed") and pat.search("the Strait Crossing")
    assert S.parse_target(r"re:\bUS\b").search("us") is None  # case-sensitive unless (?i)


@pytest.mark.parametrize("text, message", [
    ("", "must be a term, terms separated by '|'"),
    ("Varga || Holm", "has an empty term between '|' separators"),
    ("re:([a-z", "not a valid regular expression"),
    (3, "must be a term"),
])
def test_parse_target_errors_name_the_value(text, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        S.parse_target(text)


# --- how a score is built ----------------------------------------------------------------------

def test_explain_document_rebuilds_the_article_score(demo):
    corpus, sents, scores = demo
    table = S.explain_document(sents, corpus)
    doc_id = table.attrs["doc_id"]
    mine = sents[sents["doc_id"] == doc_id]
    assert table["part"].tolist() == (["article"] + [f"sentence {i}" for i in
                                                      range(1, len(mine) + 1)]
                                      + ["article score (mean of the sentence scores)",
                                         "whole article in one call (not used)"])
    row = scores.set_index("doc_id").loc[doc_id]
    assert table["score"].iloc[-2] == pytest.approx(row["compound_mean"])
    # an ordinary article: mixed sentences and a usual length
    assert (mine["compound"] >= 0.05).any() and (mine["compound"] <= -0.05).any()
    assert 8 <= len(mine) <= 12  # the demo's median article has 8 sentences
    # the reason for sentence-level scoring, shown on this article: one call saturates
    assert abs(table["score"].iloc[-1]) > abs(table["score"].iloc[-2]) + 0.5


def test_explain_document_named_and_unknown(demo):
    corpus, sents, _ = demo
    table = S.explain_document(sents, corpus, doc_id="2840114303")
    assert table["text"].iloc[0].startswith("2840114303: Marrovia completes first tower")
    with pytest.raises(ParameterError, match="doc_id='nope' has no scored sentences"):
        S.explain_document(sents, corpus, doc_id="nope")


def test_hard_wrapped_text_is_shown_on_one_line():
    corpus = pd.DataFrame({"doc_id": ["r"], "title": ["U.S. TREASURY\nACCORD"], "text": [
        "The agreement was a great\nsuccess, officials said. Critics called it a\ndisaster. "
        "Talks resume on Monday. Markets were calm."]})
    table = S.explain_document(S.sentences(corpus), corpus)
    assert not table["text"].str.contains("\n").any()
    assert "a great success" in table["text"].iloc[1]


# --- key figures ---------------------------------------------------------------------------------

def test_key_figures_of_the_demo(demo):
    corpus, sents, scores = demo
    f = S.key_figures(scores, corpus, sents=sents, target="Varga")
    assert f["documents"] == 200 and f["documents without text"] == 0
    assert f["undated (counted, not placed in time)"] == 1  # the Clarion's undated vigil page
    assert f["sentences"] == len(sents)
    assert f["target"] == "Varga"
    hits = sents[sents["sentence"].str.contains(r"\bVarga\b")]
    assert f["documents mentioning the target"] == hits["doc_id"].nunique()
    assert f["sentences mentioning the target"] == len(hits)


# --- method agreement ----------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["vader", "afinn"])
def test_methods_by_document_equals_compare_methods(demo, method):
    corpus, sents, _ = demo
    scored = sents if method == "vader" else S.sentences(corpus, method="afinn")
    pairs = S.compare_sentences(scored)
    got = S.methods_by_document(pairs, corpus)
    pd.testing.assert_frame_equal(got, S.compare_methods(corpus))


def test_disagreements_show_the_words_each_lexicon_counted(demo):
    _, sents, _ = demo
    d = S.disagreements(S.compare_sentences(sents), n=8)
    assert len(d) == 8 and (d["vader_label"] != d["afinn_label"]).all()
    gaps = (d["afinn"] - d["vader"]).abs()
    assert gaps.is_monotonic_decreasing and d["sentence"].is_unique
    row = d[d["sentence"].str.startswith("Ilse Varga survived tonight's motion of no confidence")]
    assert len(row) == 1  # "no confidence" read as positive "confidence" by AFINN
    assert "confidence (+2)" in row["afinn_words"].iloc[0]
    with pytest.raises(ParameterError, match="n=0 must be a positive integer"):
        S.disagreements(S.compare_sentences(sents.head(5)), n=0)


# --- extremes ------------------------------------------------------------------------------------

def test_extreme_articles_with_their_strongest_sentence(demo):
    corpus, sents, scores = demo
    ex = S.extreme_articles(scores, corpus, sents, n=5)
    assert ex["end"].tolist() == ["most positive"] * 5 + ["most negative"] * 5
    assert ex.loc[5, "doc_id"] == "html/courant_2025-07-15_viaduct-collapse.html"
    copies = set(corpus.loc[corpus["duplicate_of"].notna(), "doc_id"])
    assert not copies & set(ex["doc_id"])
    assert "pages/clarion_2025-07-16_death-toll-seven.txt" in copies  # ranked 2nd otherwise
    for row in ex.itertuples():
        mine = sents[sents["doc_id"] == row.doc_id]
        best = mine["compound"].max() if row.end == "most positive" else mine["compound"].min()
        assert mine.loc[mine["compound"] == best, "sentence"].str.replace(
            r"\s+", " ", regex=True).eq(row.strongest_sentence).any()


# --- why the tone moved --------------------------------------------------------------------------

def test_change_word_shift_compares_the_segments_of_the_largest_change(demo, demo_change):
    corpus, sents, _ = demo
    cps = demo_change
    shift = S.change_word_shift(sents, corpus, cps)
    main = cps.loc[cps["level_shift"].abs().idxmax()]
    assert shift.attrs["change_point"] == main["period"]
    assert shift.attrs["label_a"] == "2025-01-01 to 2025-05-31"
    assert shift.attrs["label_b"] == "2025-06-01 to 2025-12-31"
    a = S.sentences_between(sents, corpus, start="2025-01-01", end="2025-06-01")
    b = S.sentences_between(sents, corpus, start="2025-06-01", end="2026-01-01")
    pd.testing.assert_frame_equal(shift, S.word_shift(a, b, top=20))
    assert {"collapse", "killed", "dead"} <= set(shift.loc[shift["direction"] == "down", "word"])


def test_change_word_shift_without_change_points_says_why(demo, demo_change):
    corpus, sents, _ = demo
    empty = S.change_word_shift(sents, corpus, demo_change.iloc[0:0])
    assert empty.empty and empty.attrs["reason"] == S.NO_CHANGE_POINT
    assert list(empty.columns) == S.explain.SHIFT_COLUMNS
    assert S.shift_examples(empty, sents, corpus).empty
    with pytest.raises(ParameterError, match="top=0 must be a positive integer"):
        S.change_word_shift(sents, corpus, demo_change, top=0)


def test_a_change_point_the_articles_do_not_bear_out_is_not_explained(demo, demo_change):
    # Reuters (red-team 4): a +0.015 change point on five monthly means, the articles' intervals
    # overlapping, was "explained" by Crazy Eddie Inc and Morgan Guaranty Trust
    corpus, sents, scores = demo
    segments = ts.segment_summary(scores.merge(corpus[["doc_id", "published"]]), "compound_mean", demo_change)
    assert segments["separated"].all()  # the demo's change points are real
    shift = S.change_word_shift(sents, corpus, demo_change, segments=segments)
    assert not shift.empty
    overlap = segments.assign(separated=False)
    empty = S.change_word_shift(sents, corpus, demo_change, segments=overlap)
    assert empty.empty and empty.attrs["reason"] == S.explain.NOT_SUPPORTED
    summary = S.change_summary(overlap)
    assert summary["borne out by the articles"].startswith("0 ") and "not borne out" in summary["main change point"]
    undated = corpus.assign(published=pd.NaT)
    assert S.change_word_shift(sents, undated, demo_change.iloc[0:0]).attrs["reason"] == S.explain.NO_DATES


def test_shift_examples_contain_their_word_and_span_the_segment(demo, demo_change):
    corpus, sents, _ = demo
    shift = S.change_word_shift(sents, corpus, demo_change)
    ex = S.shift_examples(shift, sents, corpus, words=6, n=3)
    assert ex["word"].unique().tolist() == shift["word"].head(6).tolist()
    lex = S.lexicon("vader")
    for row in ex.itertuples():
        assert row.word in [t for t, _ in lex.matches(row.sentence)]
        assert row.segment == "after"  # the demo's top words all became more frequent
        assert "2025-06-01" <= row.published <= "2025-12-31"
    collapse = ex[ex["word"] == "collapse"]["published"].tolist()
    assert len(collapse) == 3 and collapse[0] < collapse[1] < collapse[2]  # spread, not bunched
    assert ex.attrs["after"] == "2025-06-01 to 2025-12-31"


def test_change_summary_of_the_demo(demo, demo_change):
    corpus, sents, scores = demo
    seg = ts.segment_summary(S.with_metadata(scores, corpus), "compound_mean", demo_change)
    summary = S.change_summary(seg, S.change_word_shift(sents, corpus, demo_change))
    assert summary["main change point"].startswith("2025-06-01 (shift -0.2")
    assert summary["tone before"].startswith("+0.17 (95% CI")
    assert summary["words pulling the tone down"].startswith("collapse, killed")
    assert S.change_summary(seg.iloc[0:0]) == {"change points": 0}


# --- targeted tone -------------------------------------------------------------------------------

def test_target_tone_counts_only_documents_that_mention_it(demo):
    corpus, sents, _ = demo
    t = S.target_tone(sents, corpus, target="Varga", freq="M")
    hits = sents[sents["sentence"].str.contains(r"\bVarga\b")]
    assert t["n_docs"].sum() + t.attrs["n_undated"] == hits["doc_id"].nunique()
    assert t.attrs["n_docs_mentioning"] == hits["doc_id"].nunique()
    assert t.attrs["n_undated"] == 0  # the undated vigil page does not name her
    assert t.attrs["title"].startswith("Sentences mentioning Varga: ")
    none = S.target_tone(sents, corpus, target=None)
    assert none.empty and none.attrs["reason"] == S.NO_TARGET_SET
    nobody = S.target_tone(sents, corpus, target=["Koizumi", "Reagan"])
    assert nobody.attrs["reason"] == "no sentence mentions the target (Koizumi | Reagan)"
    assert nobody["mean"].isna().all()


def test_with_metadata_puts_reader_columns_first(demo):
    corpus, _, scores = demo
    out = S.with_metadata(scores, corpus)
    assert out.columns.tolist()[:4] == ["doc_id", "source", "published", "title"]
    assert len(out) == len(scores) and out.attrs["method"] == "vader"
    assert np.allclose(out["compound_mean"], scores["compound_mean"])


def test_explain_document_does_not_score_a_huge_article_in_one_call():
    """One lexicon call is quadratic in its length (a 20 MB article ran for minutes)."""
    text = "The results were very good, but the outlook is not great. " * 6000  # ~350 KB
    corpus = pd.DataFrame({"doc_id": ["big"], "text": [text]})
    sents = S.sentences(corpus, cache=False)
    table = S.explain_document(sents, corpus, doc_id="big")
    last = table.iloc[-1]
    assert last["part"] == "whole article in one call (not used)"
    assert last["text"].startswith("not computed") and pd.isna(last["score"])


def test_key_figures_count_tables_of_figures_apart_from_empty_texts():
    corpus = pd.DataFrame({"doc_id": ["t", "p", "e"], "text": [
        "Shr 48 cts vs 81 cts\n    Net 3,986,000 vs 6,760,000\n    Revs 77.3 mln vs 40.5 mln",
        "Profits rose sharply and the board was pleased.", ""]})
    f = S.key_figures(S.score(corpus), corpus)
    assert f["tables of figures (no tone)"] == 1 and f["documents without text"] == 1


def test_key_figures_name_an_article_that_holds_most_of_the_sentences():
    from medialens import sentiment
    from medialens.sentiment.explain import ONE_ARTICLE_HOLDS, from_sentences, key_figures

    corpus = pd.DataFrame({"doc_id": ["glitch", "a", "b"], "text": [
        "What a wonderful, lovely day. " * 200, "The talks failed badly.", "Prices rose."]})
    sents = sentiment.sentences(corpus)
    f = key_figures(from_sentences(sents, corpus), corpus, sents=sents)
    assert f[ONE_ARTICLE_HOLDS] == "99% (glitch)" and f["positive sentences"] == "99%"
    even = corpus.assign(text=["A good day.", "The talks failed badly.", "Prices rose."])
    sents = sentiment.sentences(even)
    assert ONE_ARTICLE_HOLDS not in key_figures(from_sentences(sents, even), even, sents=sents)
