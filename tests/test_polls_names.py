"""medialens.polls.names: one name per subject/pollster across a corpus; selecting figures.

The sentences are written for these tests (a small invented corpus), except the demo corpus
check at the end, which reads the bundled demo (illustrative fiction).
"""

from __future__ import annotations

import pandas as pd
import pytest

from medialens.errors import ParameterError
from medialens.polls import extract_corpus, harmonise_names, name_changes, select_figures

# Three outlets report the same two polls, each naming things its own way.
TEXTS = {
    "wire1": ("A Meridian Research poll for the Sunday Courant showed approval of Prime Minister Ilse "
              "Varga at 44 pct. Support for the Strait Crossing stood at 55 pct. The poll put the Civic "
              "Union on 38 pct and the Green League on 9 pct."),
    "paper1": ("Approval of Ms Varga stands at 44 per cent, according to the Meridian Research survey "
               "for the Sunday Courant, and support for the Crossing at 55 per cent. The Civic Union "
               "records 38 per cent and the Greens 9 per cent."),
    "tabloid1": ("Ilse Varga is flying! The new Meridian poll shows 44 per cent approve of the Prime "
                 "Minister, and support for the Big Bridge is at 55 per cent. Her Civic Union has 38 "
                 "per cent and the Greens have 9 per cent."),
    "wire2": ("A Meridian Research poll for the Sunday Courant showed approval of Prime Minister Ilse "
              "Varga at 47 pct. Support for the Strait Crossing stood at 58 pct. The poll put the Civic "
              "Union on 40 pct and the Green League on 8 pct."),
    "tabloid2": ("Ilse Varga is flying again! The new Meridian poll shows 47 per cent approve of the Prime "
                 "Minister, and support for the Big Bridge is at 58 per cent. Her Civic Union has 40 "
                 "per cent and the Greens have 8 per cent."),
}
DATES = {"wire1": "2025-02-09", "paper1": "2025-02-09", "tabloid1": "2025-02-10",
         "wire2": "2025-03-09", "tabloid2": "2025-03-10"}


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(TEXTS), "text": list(TEXTS.values()),
                         "published": pd.to_datetime([DATES[d] for d in TEXTS], utc=True),
                         "source": ["Wire", "Paper", "Tabloid", "Wire", "Tabloid"]})


@pytest.fixture(scope="module")
def harmonised(corpus) -> pd.DataFrame:
    return harmonise_names(extract_corpus(corpus), corpus)


def _subjects(df: pd.DataFrame, doc: str) -> list[str]:
    return df.loc[df["doc_id"] == doc, "subject"].tolist()


def test_extracted_names_split_the_series(corpus):
    # the premise: without harmonising, one series arrives under several names ("the Prime
    # Minister" is Varga already in the article that names her)
    raw = extract_corpus(corpus)
    assert {"Varga", "Crossing", "Big Bridge", "Green"} <= set(raw["subject"])


def test_one_name_per_series(harmonised):
    assert _subjects(harmonised, "wire1") == ["Ilse Varga", "Strait Crossing", "Civic Union", "Green League"]
    for doc in TEXTS:
        assert _subjects(harmonised, doc) == _subjects(harmonised, "wire1"), doc
    assert set(harmonised["pollster"]) == {"Meridian Research"}


def test_names_as_extracted_are_kept(harmonised):
    row = harmonised[(harmonised["doc_id"] == "tabloid1") & (harmonised["value"] == 55)].iloc[0]
    assert (row["subject"], row["subject_extracted"]) == ("Strait Crossing", "Big Bridge")
    assert "Meridian" in set(harmonised["pollster_extracted"])


def test_name_changes_lists_every_merge(harmonised):
    t = name_changes(harmonised)
    got = {(c, a, b) for c, a, b in zip(t["column"], t["extracted"], t["name"], strict=True)}
    assert {("subject", "Varga", "Ilse Varga"),
            ("subject", "Big Bridge", "Strait Crossing"), ("subject", "Green", "Green League"),
            ("pollster", "Meridian", "Meridian Research")} <= got
    assert (t["figures"] >= t["documents"]).all()


def test_repeats_of_a_poll_are_linked_after_harmonising(harmonised):
    assert harmonised.groupby("poll_id")["doc_id"].nunique().max() >= 2
    assert harmonised["poll_id"].nunique() == 2  # two polls, each reported by several outlets


@pytest.mark.parametrize("texts, expected", [
    # two Reagans in one article: a surname alone is left alone
    ({"a": "President Ronald Reagan and his wife, Mrs Nancy Reagan, were in town. "
           "A Gallup poll found 41 pct approve of Reagan."}, "Reagan"),
    # a party is not the surname of a longer name ("New Labour has ...")
    ({"a": "New Labour has changed. A MORI poll put Labour on 40 pct."}, "Labour"),
    # the corpus names two prime ministers and the article mentions both: the office stays
    ({"a": "A Newspoll survey found 48 pct approve of the Prime Minister. Howard and Clark met.",
      "b": "Prime Minister John Howard said a Newspoll survey put Labor on 40 pct.",
      "c": "Prime Minister Helen Clark said a Colmar poll put National on 39 pct."}, "Prime Minister"),
])
def test_ambiguous_names_are_not_merged(texts, expected):
    corpus = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    figs = harmonise_names(extract_corpus(corpus), corpus)
    assert figs["subject"].tolist()[0] == expected


def test_an_office_is_its_one_holder_the_article_mentions():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        "A Newspoll survey found 48 pct approve of the Prime Minister. Howard spoke on Monday.",
        "Prime Minister John Howard said a Newspoll survey put Labor on 40 pct."]})
    figs = harmonise_names(extract_corpus(corpus), corpus)
    assert figs["subject"].tolist()[0] == "John Howard"


def test_a_name_from_another_country_is_not_borrowed():
    # "Conservative" is Progressive Conservative only where the article says so
    corpus = pd.DataFrame({"doc_id": ["ca", "uk"], "text": [
        "A Gallup poll put the Progressive Conservatives on 30 pct.",
        "A MORI poll put the Conservatives on 41 pct."]})
    figs = harmonise_names(extract_corpus(corpus), corpus)
    assert figs["subject"].tolist() == ["Progressive Conservative", "Conservative"]


def test_harmonise_without_corpus_or_figures():
    empty = extract_corpus(pd.DataFrame({"doc_id": ["a"], "text": ["No polls here."]}))
    assert harmonise_names(empty).empty
    assert name_changes(harmonise_names(empty)).empty
    with pytest.raises(ParameterError, match="lacks"):
        harmonise_names(pd.DataFrame({"x": [1]}))
    with pytest.raises(ParameterError, match="corpus needs"):
        harmonise_names(empty, pd.DataFrame({"x": [1]}))


def test_select_figures_by_subject_and_pollster(harmonised):
    varga = select_figures(harmonised, subjects=["varga"])  # whole word, any case
    assert set(varga["subject"]) == {"Ilse Varga"} and len(varga) == 5
    exact = select_figures(harmonised, subjects=["Big Bridge"])  # the name as extracted works too
    assert set(exact["subject"]) == {"Strait Crossing"} and set(exact["doc_id"]) == {"tabloid1", "tabloid2"}
    both = select_figures(harmonised, subjects=["Civic Union", "Green League"], pollsters=["meridian"])
    assert set(both["subject"]) == {"Civic Union", "Green League"} and len(both) == 10
    assert select_figures(harmonised) is not harmonised and len(select_figures(harmonised)) == len(harmonised)


def test_select_figures_names_what_there_is(harmonised):
    with pytest.raises(ParameterError) as err:
        select_figures(harmonised, subjects=["Vraga"])
    assert "['Vraga']" in str(err.value) and "Ilse Varga (5)" in str(err.value)
    with pytest.raises(ParameterError, match="must be a list"):
        select_figures(harmonised, pollsters="Meridian")


def test_demo_corpus_series_have_one_name():
    from medialens.corpus import load_corpus
    corpus, _ = load_corpus("demo", detect_language=False, near_duplicates=False)
    figs = harmonise_names(extract_corpus(corpus), corpus)
    subjects = set(figs["subject"].dropna())
    assert {"Ilse Varga", "Strait Crossing", "Green League"} <= subjects
    assert not {"Varga", "Prime Minister", "Crossing", "crossing", "Big Bridge", "Green"} & subjects
    assert set(figs["pollster"].dropna()) == {"Meridian Research", "Castlegate/Herald", "Trellis Insights"}


def test_a_surname_alone_joins_the_one_person_of_the_corpus_with_that_full_name():
    # Reuters 1987: "President Reagan" in one article, "Ronald Reagan" in another, one series;
    # "Clinton" with a Bill and a Hillary written stays as it is
    figs = pd.DataFrame({"doc_id": ["a", "b", "c"], "poll_id": ["a#0", "b#0", "c#0"],
                         "kind": "share", "subject": ["Reagan", "Ronald Reagan", "Clinton"],
                         "value": [44.0, 55.0, 40.0], "pollster": ["Gallup"] * 3})
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "A poll gave President Reagan 44 pct.",
        "President Ronald Reagan said on Monday he would go. He had 55 pct.",
        "Clinton had 40 pct. Bill Clinton said so. Hillary Clinton said no."]})
    out = harmonise_names(figs, corpus, relink=False)
    assert out["subject"].tolist() == ["Ronald Reagan", "Ronald Reagan", "Clinton"]
    assert out["subject_extracted"].tolist() == ["Reagan", "Ronald Reagan", "Clinton"]


def test_a_first_name_alone_and_a_surname_that_is_also_a_pollster_join_the_full_name():
    # "Harris" is a pollster's name too: after a first name it is the surname, so "Kamala"
    # (the extractor's reading of "Vice President Kamala Harris ... her") and "Harris" are one series
    text = ("Vice President Kamala Harris has gained ground. Among registered voters, 32% said they "
            "had a favorable impression of her in the CNN poll. Harris has 45% and Trump 44%, the poll found.")
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [text]})
    figs = harmonise_names(extract_corpus(corpus), corpus)
    assert figs[["subject", "value"]].values.tolist() == [
        ["Kamala Harris", 32.0], ["Kamala Harris", 45.0], ["Trump", 44.0]]
    # a pollster alone stays a pollster
    from medialens.polls.subjects import full_names_in
    assert full_names_in("A Harris poll has found") == set()


def test_a_topic_is_never_folded_into_a_persons_series_by_equal_values():
    # two misread figures that equal the bridge's value in the same polls (rule 6) must not
    # merge the Strait Crossing's series into the Prime Minister's
    rows = []
    for k, (v_pm, v_sc) in enumerate([(44, 58), (46, 61), (48, 64)]):
        rows += [dict(doc_id=f"a{k}", poll_id=f"p{k}", subject="Ilse Varga", value=v_pm),
                 dict(doc_id=f"a{k}", poll_id=f"p{k}", subject="Ilse Varga", value=v_sc),
                 dict(doc_id=f"b{k}", poll_id=f"p{k}", subject="Strait Crossing", value=v_sc)]
    figs = pd.DataFrame(rows).assign(kind="share", measure="support", pollster="Meridian Research")
    texts = {d: "Prime Minister Ilse Varga said so. Support for the Strait Crossing rose, a Meridian poll found."
             for d in figs["doc_id"].unique()}
    corpus = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    out = harmonise_names(figs, corpus, relink=False)
    assert "Strait Crossing" in set(out["subject"])


def test_the_ap_norc_partnership_is_not_norc_and_leger_keeps_its_accent():
    """AP-NORC polls and NORC's own surveys are two series; the firm is "Léger" (red-team 5 and
    the harmonised CV names: "Associated Press-NORC Center ..." became "NORC", "Léger" "Leger")."""
    texts = ["A new AP-NORC poll found 41% approve of Biden.",
             "The poll by the Associated Press-NORC Center for Public Affairs Research found 38% approve of Biden.",
             "A NORC at the University of Chicago survey found 40% trust scientists.",
             "A Leger poll found 41 per cent back the Liberals."]
    corpus = pd.DataFrame({"doc_id": list("abcd"), "text": texts})
    got = harmonise_names(extract_corpus(corpus, cache=None), corpus).set_index("doc_id")["pollster"]
    assert got.to_dict() == {"a": "AP-NORC", "b": "AP-NORC", "c": "NORC", "d": "Léger"}
