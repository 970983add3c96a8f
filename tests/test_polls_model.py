"""The learned stage of the poll extractor: parser loading, shipped weights, retraining, CV gates.

Real-data tests read ../shared (skip without it). The cross-validated floors are the figures
measured with ``tests/training/train_polls.py cv`` (4 folds by article over the development
folds of news_modern + the odd-id dev set + the demo key), a little below them: a regression
gate, not a target. The held-out fifth of news_modern is scored only with
MEDIALENS_SCORE_HOLDOUT=1 (once, by the lead, at the end).
"""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "training"))

from medialens.polls import explain, extract
from medialens.polls.learn import score, subject_agrees, weights
from medialens.polls.nlp import model_info, parse


def test_parser_is_the_pinned_english_pipeline_with_pollster_names():
    info = model_info()
    assert info["lang"] == "en" and info["version"] == "3.8.0" and info["license"] == "MIT"
    doc = parse(["A YouGov poll for the Times gave Labour 41 pct and Harris 30 pct."])[0]
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("YouGov") == "POLLSTER"
    assert labels.get("Harris") != "POLLSTER"  # an ambiguous name may be a person


def test_shipped_weights_are_small_package_data():
    path = resources.files("medialens") / "data" / "polls" / "attribution.json"
    raw = path.read_text(encoding="utf-8")
    assert len(raw) < 100_000
    w = json.loads(raw)
    assert {"figure", "subject"} <= set(w) and 0 < w["figure"]["threshold"] < 1
    assert all(isinstance(v, float) for v in w["subject"]["coef"].values())


def test_score_is_a_logistic_of_the_weights():
    assert score({}, {"intercept": 0.0, "coef": {}}) == 0.5
    assert score({"a": 1.0}, {"intercept": 0.0, "coef": {"a": 50.0}}) == pytest.approx(1.0)


@pytest.mark.parametrize("text, wanted", [
    # the lead goes to the party ahead, not to the last one named
    ("The governing Civic Union had 38 pct and the opposition National Democrats 34 pct, a lead of 4 points, "
     "a Meridian poll showed.", [("share", 38.0, "Civic Union"), ("share", 34.0, "National Democrats"),
                                 ("lead", 4.0, "Civic Union")]),
    ("A new CNN poll found Harris leads Trump among Black voters 78% to 15%.",
     [("share", 78.0, "Harris"), ("share", 15.0, "Trump")]),
    ("In the Quinnipiac poll of likely voters, Brown led Moreno by 5 points.", [("lead", 5.0, "Brown")]),
    # the lead to the party ahead by the shares it is the difference of, "the governing party" resolved
    ("On voting intention, the Civic Union records 38 per cent and the National Democrats 33 per cent, a "
     "Meridian poll found. The governing party's five-point lead over the National Democrats is its largest.",
     [("share", 38.0, "Civic Union"), ("share", 33.0, "National Democrats"), ("lead", 5.0, "Civic Union")]),
])
def test_attribution_from_the_sentence(text, wanted):
    assert [(f.kind, f.value, f.subject) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    # the name that owns the number in the figure's own words
    ("In the latest Ipsos poll, Okafor got 49 percent to Lindqvist's 44 percent.",
     [(49.0, "Okafor"), (44.0, "Lindqvist")]),
    ("A MORI survey of voters showed the race tight: 43% Labour, 41% Conservative.",
     [(43.0, "Labour"), (41.0, "Conservative")]),
    # "A <verb> B x% to y%": the first to the verb's subject, the second to its object
    ("A Marist poll released Monday found Okafor trailing Lindqvist 41% to 47% among likely voters.",
     [(41.0, "Okafor"), (47.0, "Lindqvist")]),
])
def test_word_order_slots_decide_where_the_ranker_cannot(text, wanted):
    """With a ranker that cannot tell the options apart (every option scores the same, so the
    first named wins), the figure's own slot still names its subject."""
    from medialens.polls.attribution import decide, examples

    flat = {**weights(), "subject": {"intercept": 0.0, "coef": {}}}
    exs, _, _ = examples(text)
    decide(exs, flat)
    assert [(e.cand.value, e.cand.subject) for e in exs if e.cand.accepted] == wanted


def test_a_pronoun_skips_the_person_the_article_shows_to_be_of_the_other_gender():
    from medialens.polls.extract import Discourse
    from medialens.polls.mentions import genders, resolved_mentions
    from medialens.polls.nlp import parse

    article = ["Mrs Okafor leads the race.", "Lindqvist said his campaign would recover.",
               "Among independents, 43% said they supported her."]
    found = genders(article, ["Okafor", "Lindqvist"])
    assert found == {"Okafor": "f", "Lindqvist": "m"}
    doc = parse([article[2]])[0]
    who = resolved_mentions(doc, recent_people=["Okafor", "Lindqvist"],
                            discourse=Discourse(gender_of=found))
    assert [(o.name, o.source) for o in who] == [("Okafor", "coref")]
    # no evidence: the latest person, as before
    who = resolved_mentions(doc, recent_people=["Okafor", "Lindqvist"], discourse=Discourse())
    assert [o.name for o in who] == ["Lindqvist"]


def test_the_figures_of_an_x_to_y_pair_stand_or_fall_together():
    from medialens.polls.attribution import _pairs_together, examples

    exs, _, _ = examples("A Gallup poll was out. Okafor leads her 51% to 33% elsewhere in the state.")
    assert [e.cand.value for e in exs] == [51.0, 33.0]
    probs = _pairs_together(exs, {id(exs[0]): 0.9, id(exs[1]): 0.3})
    assert [probs[id(e)] for e in exs] == [0.9, 0.9]
    # two figures that are no pair keep their own probabilities
    exs, _, _ = examples("A Gallup poll was out. Okafor had 51%, and turnout was 33%.")
    probs = _pairs_together(exs, {id(exs[0]): 0.9, id(exs[1]): 0.3})
    assert [probs[id(e)] for e in exs] == [0.9, 0.3]


def test_percentage_point_written_with_hyphens_is_a_lead():
    figs = extract("The latest Ipsos poll shows Okafor with an 11-percentage-point edge over Lindqvist.")
    assert [(f.kind, f.value, f.unit) for f in figs] == [("lead", 11.0, "points")]


def test_a_name_the_parser_joins_to_the_number_is_still_an_option():
    from medialens.polls.attribution import examples

    exs, _, _ = examples("A new CNN poll came out. Harris split independents with Trump, 43% said "
                         "they supported her and 40% Trump.")
    last = exs[-1]
    assert last.cand.value == 40.0
    assert any(o.name == "Trump" and o.start is not None and o.start > last.cand.q.end for o in last.options)


def test_a_candidate_named_like_a_pollster_is_no_sponsor_and_held_a_lead_is_a_versus():
    from medialens.polls.attributes import find_sponsor

    # "room for views of Harris": the candidate, not a client of the poll (she was dropped
    # from every option of the article as "the poll's sponsor")
    assert find_sponsor("The poll suggests there is some room for views of Harris to change.") is None
    assert find_sponsor("The survey was conducted for Harris Interactive.")[0] == "Harris Interactive"
    figs = extract("A new CNN poll came out. Among those without firm opinions, Harris held a lead "
                   "over Trump, 57% to 22%.")
    assert [(f.value, f.subject) for f in figs] == [(57.0, "Harris"), (22.0, "Trump")]
    figs = extract("A new CNN poll came out. Clinton also has a large advantage over Trump among "
                   "Latinos, 74% to 16%, but her support shrinks.")
    assert [(f.value, f.subject) for f in figs] == [(74.0, "Clinton"), (16.0, "Trump")]
    figs = extract("A new CNN poll came out. Democrats nationally remain evenly split between "
                   "Clinton and Sanders.")
    assert [(f.value, f.subject) for f in figs] == [(50.0, "Clinton"), (50.0, "Sanders")]


def test_she_is_the_woman_named_last_not_the_man_named_before():
    # Reading order: the senator of three sentences back is not "she"; Clinton, shown female
    # by "where she leads Trump", is. A pronoun after "leads" is the rival's ("leads her").
    from medialens.polls.mentions import genders

    text = ("A new Monmouth University poll was published. Sen. Johnny Isakson has a 16-point lead "
            "over challenger Jim Barksdale, 50% to 34%. Clinton's strength comes from the Atlanta "
            "area, where she leads Trump 55% to 35%. But Trump leads her 51% to 33% elsewhere. "
            "She leads 88% to 4% among black voters.")
    assert genders(text.split(". "), ["Isakson", "Barksdale", "Clinton", "Trump"]) == {"Clinton": "f"}
    figs = extract(text)
    assert [(f.value, f.subject) for f in figs if f.value in (33.0, 88.0)] == [(33.0, "Clinton"), (88.0, "Clinton")]


@pytest.mark.parametrize("text", [
    "Bookmakers said betting odds indicated a 69 percent chance of Britain remaining in the EU, after a new poll.",
    "The implied probability of a Remain vote was at 75 percent, according to Betfair odds and the latest poll.",
])
def test_betting_odds_and_forecast_chances_are_never_poll_figures(text):
    ex = explain(text)
    assert not ex["accepted"].any() and set(ex["reason"]) == {"probability or betting odds"}
    assert extract("A Gallup poll found 45 percent think there is a good chance of a recession.")


def test_every_figure_has_a_confidence_and_explain_shows_it():
    figs = extract("A Gallup poll found 41 pct backed Labour. Inflation rose to 3 pct.")
    assert [f.value for f in figs] == [41.0] and 0.5 <= figs[0].confidence <= 1.0
    ex = explain("A Gallup poll found 41 pct backed Labour. Economists polled by Reuters expect growth of 2 pct.")
    assert list(ex["accepted"]) == [True, False] and ex["confidence"].between(0, 1).all()


def test_subject_agreement_is_lenient_but_not_loose():
    assert subject_agrees("Democratic", "Democrats") and subject_agrees("Ilse Varga", "Varga")
    assert subject_agrees("the Labour Party", "Labour") and subject_agrees("Donald Trump", "Trump")
    assert subject_agrees("tax plan", "tax") and subject_agrees("Remain", "the 'In' camp")
    assert not subject_agrees("Trump", "Clinton") and not subject_agrees("Labour", None)
    assert not subject_agrees("Labour", "Conservative") and not subject_agrees("TTIP", "Trade Deal")


def test_resolved_mentions_name_the_party_and_the_office_holder():
    from medialens.polls.extract import Discourse
    from medialens.polls.mentions import resolved_mentions

    d = Discourse(party_of={"Holm": "National Democrats"}, offices={"president": "Biden", "former president": "Trump"},
                  governing="Civic Union")
    doc = parse(["Holm's party leads the governing party, and the former president trails the president."])[0]
    got = [(m.name, doc.text[m.start:m.end]) for m in resolved_mentions(doc, recent_people=[], discourse=d)]
    assert ("National Democrats", "Holm's party") in got and ("Civic Union", "governing party") in got
    assert ("Trump", "the former president") in got and ("Biden", "the president") in got


def test_min_confidence_hides_figures():
    import pandas as pd

    from medialens.errors import ParameterError
    from medialens.polls import extract_corpus

    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["A Gallup poll found 41 pct backed Labour."]})
    assert len(extract_corpus(corpus, min_confidence=0.0)) == 1
    hidden = extract_corpus(corpus, min_confidence=1.0)
    assert len(hidden) == 0 and hidden.attrs["hidden_low_confidence"] == 1
    with pytest.raises(ParameterError, match="min_confidence"):
        extract_corpus(corpus, min_confidence=2)


# ----------------------------------------------------------------------------- real data
@pytest.fixture(scope="module")
def development():
    import polls_data

    if not polls_data.available():
        pytest.skip("../shared/data absent")
    import train_polls

    corpus, gold = polls_data.development()
    feats = train_polls.featurise(corpus)
    return train_polls, corpus, gold, feats


@pytest.mark.realdata
def test_retraining_reproduces_the_shipped_weights(development):
    train_polls, corpus, gold, feats = development
    model = train_polls.fit(feats, gold, corpus["doc_id"])
    shipped = weights()
    for part in ("figure", "subject"):
        assert set(model[part]["coef"]) == set(shipped[part]["coef"])
        diff = max(abs(model[part]["coef"][k] - shipped[part]["coef"][k]) for k in shipped[part]["coef"])
        assert diff < 2e-3, f"{part} weights moved by {diff}: run tests/training/train_polls.py fit"


@pytest.mark.realdata
def test_cross_validated_floors(development):
    from medialens.polls import evaluate

    train_polls, corpus, gold, feats = development
    figs = train_polls.cross_validate(corpus, gold, feats)
    res = {}
    for name in ("dev", "demo", "modern"):
        sub = corpus[corpus["set"] == name]
        res[name] = evaluate(figs, gold[gold["set"] == name], docs=sub["doc_id"],
                             negatives=sub.loc[sub["negative"], "doc_id"] if name == "modern" else None)
        print(f"\n{name}: {train_polls.summary(res[name])}")
    leads = train_polls.demo_leads(figs, gold[gold["set"] == "demo"])
    print(f"demo leads attributed right: {leads}/52")
    m = res["modern"]
    # floors: the 4-fold CV figures of 2026-12-05 (modern P 0.891 R 0.860, lead R 0.71, subject
    # 0.592; dev subject 0.652; demo subject 0.821, leads 48/52), a little below them; modern
    # subject 0.667 after the named-slot and "A led B x% to y%" rules (was 0.625); 0.692 after
    # pronouns resolved in reading order, "Harris" no longer taken for a sponsor, "A has an
    # edge over B among X, x% to y%" and "evenly split between A and B" (2026-12-06): 0.702;
    # 0.726 after one-sided pairs, "say the same about B" and measure words dropped as options
    # (dev 0.664); 0.729 (P 0.903 R 0.882) after named second figures ("to Trump's 43%",
    # "49% to 42% over Biden") and vote counts in progress excluded; 0.739 (dev 0.680) after
    # "x% undecided", the opponent from the earlier pair and verbs dropped as options; R 0.890
    # (subject 0.732) with "polling" and "polled Russians" as cues; R 0.896, leads 27/34, subject
    # 0.738 with "a 4% lead" a lead and "x% backing Cruz" Cruz's; P 0.939 R 0.907, leads 29/34,
    # subject 0.741 (2026-12-06 night) after article-level features (a poll's method vs data and
    # studies), the words around the number, "compared with 11% in 1971" as a prior, "beat/broke
    # for X by 10 points" as leads and a bare "Harris" a person once "Kamala Harris" is named;
    # R 0.922 with "x% of <people> say" read far from a cue; subject 0.755 (dev 0.690) with
    # pronouns resolved against every mention of a person in reading order; P 0.950 R 0.922 with
    # the figure model's C and threshold chosen by this CV (2 and 0.6; were 0.5 and 0.5)
    assert m["precision"] >= 0.935 and m["recall"] >= 0.90
    assert m["by_kind"]["lead"]["recall"] >= 0.80 and m["by_kind"]["share"]["precision"] >= 0.93
    assert m["subject_accuracy"] >= 0.74 and m["false_per_negative"] <= 0.02
    assert res["dev"]["precision"] >= 0.97 and res["dev"]["recall"] >= 0.96 and res["dev"]["subject_accuracy"] >= 0.67
    assert res["demo"]["precision"] >= 0.97 and res["demo"]["recall"] >= 0.97
    assert res["demo"]["subject_accuracy"] >= 0.80 and leads >= 47


def test_synthetic_articles_floor():
    """The shipped model on the 548 synthetic articles (never trained on; no ../shared needed)."""
    import polls_data
    import train_polls

    from medialens.polls import evaluate

    corpus, gold = polls_data._synthetic()
    figs = train_polls.predict(train_polls.featurise(corpus), corpus, weights())
    r = evaluate(figs, gold, docs=corpus["doc_id"], negatives=corpus.loc[corpus["negative"], "doc_id"])
    print(f"\nsynthetic ({len(corpus)} docs): {train_polls.summary(r)}")
    # 2026-12-06: batches b2 and a-d P 0.978 R 0.906, subject 0.664, 10 false figures in 32
    # negatives (first run of a-d before the fixes: P 0.930 R 0.882, 24 in 24); with e-g (the
    # fourth blind test, 155 articles in all): P 0.962 R 0.917, subject 0.662, 21 in 47; P 0.967,
    # 12 in 47 with councils, counts in progress, sports records and health surveys excluded;
    # with h-j (the fifth blind test, 200 articles): P 0.959 R 0.913, subject 0.623, 29 in 63;
    # P 0.966, 12 in 63 with election night read as such ("Polls closed", "defeated X", "carried
    # Loudoun County with 64 percent", "voters approved Proposition 50", "the swing ... was")
    # 2026-12-07: with k-m (the sixth blind test, 245 articles; its first run on the model
    # before: P 0.940 R 0.866, subject 0.646, 14 false figures in 13 negatives): P 0.967 R 0.919,
    # subject 0.630, 17 in 76 after poll tables, far standings, thresholds and seat counts
    # 2026-12-07: with n-p (the seventh blind test, 290 articles; its first run on the model
    # before: P 0.972 R 0.911, subject 0.649, 6 false figures in 15 negatives): P 0.971 R 0.925,
    # subject 0.642, 22 in 91 after "a point", levels "at", rates, response rates, shares of GDP
    # 2026-12-07: with q-s (the eighth blind test, 335 articles; its first run on the model
    # before: P 0.938 R 0.905, subject 0.655, 17 false figures in 15 negatives): P 0.973 R 0.922,
    # subject 0.660, pollster 0.861, 19 in 106 after census articles, surveys of companies'
    # "respondents", first-round results, rules' thresholds, interview modes, election margins
    # and polls named again / cited in passing
    # 2026-12-07: with t-v (the ninth blind test, 380 articles; its first run on the model
    # before: P 0.956 R 0.900, subject 0.715, 12 false figures in 15 negatives): P 0.973 R 0.917,
    # subject 0.668, pollster 0.864, 24 in 121 after official household surveys, loan-officer and
    # business-outlook surveys, "a third institute", "55 and older" and a lead's prior
    # 2026-12-07: with w-x (the tenth blind test, 410 articles; its first run on the model
    # before: P 0.954 R 0.923, subject 0.746, 2 false figures in 10 negatives): P 0.972 R 0.918,
    # subject 0.685, pollster 0.863, 22 in 131 after small-business federations' owners and
    # "shared just under 10 per cent of the vote"
    # 2026-12-07 evening: with y-z (the eleventh blind test, 440 articles; its first run on the
    # model before: P 0.979 R 0.898, subject 0.650, 0 false figures in 10 negatives): P 0.973
    # R 0.918, subject 0.696, pollster 0.867, 22 in 141 (before its lessons: lists one result per
    # line, "A ..., leading B by x to y", particles and inner capitals in surnames)
    # 2026-12-07 night: with aa-ab (the twelfth blind test, 464 articles; its first run on the
    # model before: P 0.944 R 0.930, subject 0.660, 8 false figures in 8 negatives): P 0.972
    # R 0.918, subject 0.698, pollster 0.870, 28 in 149 after a survey's net balance and an Irish
    # count's tallymen (a South African result and a Dublin count still pass: the gate allows 31)
    # 2026-12-07, next session: with ac-ad (the thirteenth blind test, 492 articles; its first run
    # on the model before: P 0.943 R 0.921, subject 0.713, 5 false figures in 8 negatives): P 0.973
    # R 0.919, subject 0.698, pollster 0.875, 22 in 157 after the pollsters of Asia and Latin
    # America, acronyms defined in brackets, results in poll articles and seats of a chamber
    # with ae-af (the fourteenth blind test, 520 articles; its first run on that model: P 0.969
    # R 0.949, subject 0.763, 3 false figures in 8 negatives): P 0.973 R 0.921, subject 0.702,
    # pollster 0.876, 25 in 165
    # 2026-12-08: with ag-ah (the fifteenth blind test, 548 articles; its first run on the model
    # before: P 0.955 R 0.942, subject 0.727, pollster 0.768, 5 false figures in 8 negatives):
    # P 0.972 R 0.923, subject 0.703, pollster 0.880, 29 in 173 after Canadian and Nordic
    # pollsters, "published by" naming the sponsor and a count's informal vote (two Tasmanian
    # count figures pass: the model outweighs the rules' "election result")
    assert r["precision"] >= 0.965 and r["recall"] >= 0.91 and r["subject_accuracy"] >= 0.65
    assert r["false_on_negatives"] <= 31


@pytest.mark.realdata
@pytest.mark.skipif(os.environ.get("MEDIALENS_SCORE_HOLDOUT") != "1",
                    reason="the held-out fifth is scored once, at the end (MEDIALENS_SCORE_HOLDOUT=1)")
def test_held_out_fifth_of_news_modern():
    """Score the shipped model on news_modern fold 0, never seen in development."""
    import pandas as pd
    import polls_data
    import train_polls

    from medialens.polls import evaluate

    corpus, gold = polls_data.holdout()
    feats = train_polls.featurise(corpus)
    figs = train_polls.predict(feats, corpus, weights())
    r = evaluate(figs, gold, docs=corpus["doc_id"], negatives=corpus.loc[corpus["negative"], "doc_id"])
    print(f"\nheld-out news_modern fold 0 ({len(corpus)} docs): {train_polls.summary(r)}")
    assert isinstance(figs, pd.DataFrame)
    assert r["precision"] >= 0.80 and r["recall"] >= 0.75


def test_a_one_sided_pair_gives_its_other_figure_to_the_race_rival():
    # "Clinton leading by a similar margin, 43% to 37%": the 37% is Trump's, named only in
    # earlier sentences (the ranker chooses among nearby names and gave both to Clinton)
    figs = extract("Hillary Clinton and Donald Trump are tied in Ohio, a Quinnipiac poll found. "
                   "Clinton had 44 percent and Trump 44 percent among likely voters. A Wall Street "
                   "Journal/NBC poll this week found Clinton leading by a similar margin, 43% to 37%.")
    assert [(f.value, f.subject) for f in figs][2:] == [(43.0, "Clinton"), (37.0, "Trump")]
    # trailing: the named contender has the smaller share, whichever comes first
    figs = extract("Senator Jane Holm and Peter Varga are in a close race, according to a Meridian "
                   "poll. Holm has 41 percent, Varga 38 percent. Among young voters, Holm trails "
                   "badly, 30 percent to 52 percent.")
    assert [(f.value, f.subject) for f in figs][2:] == [(30.0, "Holm"), (52.0, "Varga")]
    # a second name in the gap is a versus pair, never the rival rule
    figs = extract("Casey has 48 percent and McCormick 44 percent, a Quinnipiac poll found. "
                   "Another poll found Casey leading McCormick 50% to 42%.")
    assert [(f.value, f.subject) for f in figs][2:] == [(50.0, "Casey"), (42.0, "McCormick")]


def test_say_the_same_about_names_the_figure_subject():
    from medialens.polls.attribution import _same_about_slot, examples

    exs, _, _ = examples("In the CNN poll, 40% of likely voters say they have a favorable opinion "
                         "of Clinton, and 37% say the same about Trump.")
    assert [(e.cand.value, getattr(_same_about_slot(e), "name", None)) for e in exs] == [
        (40.0, None), (37.0, "Trump")]


@pytest.mark.parametrize("text", [
    "Latest Opinium poll for the Observer:\nLabour 41%\nConservative 33%\nLib Dem 9%\nReform 12%",
    "Voting intention in the latest Ipsos poll: Labour 41% Conservative 33% Lib Dem 9% Reform 12%",
], ids=["one-per-line", "no-commas"])
def test_a_name_first_list_gives_each_figure_the_name_before_it(text):
    # read alone, "41%\nConservative" looked like "47% Harris" and each figure took the next party
    assert [(f.value, f.subject) for f in extract(text)] == [
        (41.0, "Labour"), (33.0, "Conservative"), (9.0, "Liberal Democrats"), (12.0, "Reform")]


def test_a_number_first_list_gives_each_figure_the_item_after_it():
    figs = extract("Asked which issues mattered most in the Ipsos poll, 41% said the economy, "
                   "35% health, 30% immigration, 28% housing and 25% crime.")
    assert [(f.value, f.subject) for f in figs] == [
        (41.0, "economy"), (35.0, "health"), (30.0, "immigration"), (28.0, "housing"),
        (25.0, "crime")]


@pytest.mark.parametrize("text, wanted", [
    # the second figure named by a possessive between the two
    ("Harris held the support of 50% of women registered voters to Trump’s 43%, the CNN poll found.",
     [(50.0, "Harris"), (43.0, "Trump")]),
    ("A new Marist poll of Ohio has Senator Sherrod Brown at 47% to Bernie Moreno's 43% among likely voters.",
     [(47.0, "Brown"), (43.0, "Bernie Moreno")]),
    # ... or by "over B" after the pair: "up 49% to 42%" is two shares, not a rise to 42
    ("The Emerson survey put Trump up 49% to 42% over Biden in the state.",
     [(49.0, "Trump"), (42.0, "Biden")]),
    # the first figure of "the senator ... over Hovde" is the opponent named with Hovde before
    ("Baldwin led Hovde 50% to 43% in the Marquette poll. Among independents the senator was up "
     "52% to 47% over Hovde.", [(50.0, "Baldwin"), (43.0, "Hovde"), (52.0, "Baldwin"), (47.0, "Hovde")]),
], ids=["possessive", "possessive-full-name", "over-after", "opponent-before"])
def test_a_pair_whose_second_figure_is_named_gives_the_first_to_the_other_contender(text, wanted):
    assert [(f.value, f.subject) for f in extract(text)] == wanted


def test_a_contenders_second_one_sided_pair_after_but_gets_the_same_reading():
    figs = extract("Clinton has 45 percent and Trump 41 percent, a Monmouth poll found. Clinton leads "
                   "88% to 4% among black voters, but trails 20% to 66% among white voters.")
    assert [(f.value, f.subject) for f in figs][2:] == [
        (88.0, "Clinton"), (4.0, "Trump"), (20.0, "Clinton"), (66.0, "Trump")]


def test_a_vote_count_in_progress_is_no_poll_figure_even_beside_poll_words():
    assert extract("With 79 percent of precincts reporting, Clinton led with 52.1 percent despite the polls.") == []
    assert [f.value for f in extract("Clinton led with 52 percent in the Marist poll.")] == [52.0]


@pytest.mark.parametrize("text, wanted", [
    ("The Leave camp was on 45 percent, just one point ahead of Remain, with 9 percent undecided, "
     "in the last Opinium poll.", (9.0, "undecided")),
    ("Polls suggest about a fifth of voters are undecided.", (20.0, "undecided")),
    ("The remaining 17 per cent said they did not know, the Gallup poll found.", (17.0, "undecided")),
    ("The remaining 5.4% of the 1,067 respondents were undecided in the CBOS poll.", (5.4, "undecided")),
    ("Of those surveyed, 6 per cent could not say who they would support, a MORI poll found.", (6.0, "undecided")),
    ("According to the Ipsos poll, almost a third of voters — 31 percent — say they have not yet made "
     "up their minds.", (31.0, "undecided")),
    ("The remaining 9 percent declined to give an opinion, the SWS survey showed.", (9.0, "undecided")),
    # the answer named before its figure; and "neither" is an answer of its own
    ('In the YouGov poll, asked who would make the best prime minister, "not sure" came first on 38 '
     'per cent.', (38.0, "undecided")),
    ("Some 58 pct said they would choose neither, the Forsa poll found.", (58.0, "neither")),
], ids=["with-x-undecided", "are-undecided", "did-not-know", "of-the-n-respondents", "could-not-say",
        "made-up-their-minds", "declined", "not-sure-came-first", "neither"])
def test_the_undecided_are_their_own_subject(text, wanted):
    assert wanted in [(f.value, f.subject) for f in extract(text)]


@pytest.mark.parametrize("text", [
    "In the YouGov poll 59% backed it, while the rest did not know.",
    "In the YouGov poll 60% did not know the name of their MP.",
    "In the Siena poll 38% of voters say they have no opinion of him, and 34% view him favorably.",
])
def test_a_figure_with_another_answer_is_not_a_share_of_the_undecided(text):
    assert "undecided" not in [f.subject for f in extract(text)]


def test_the_opponent_comes_from_the_earlier_pair_not_the_earlier_sentence():
    # the earlier sentence holds two races; the pair with Hovde in it names his opponent
    figs = extract("Trump led Biden 43% to 38% in the YouGov poll, while Baldwin led Hovde 50% to 43%. "
                   "A Marquette poll showed the senator up 52% to 47% over Hovde.")
    assert [(f.value, f.subject) for f in figs][-2:] == [(52.0, "Baldwin"), (47.0, "Hovde")]


def test_a_verb_is_never_offered_as_what_a_figure_is_about():
    from medialens.polls.attribution import examples

    exs, _, _ = examples("A 2023 Pew Research survey found nearly 9 in 10 adults had heard of cryptocurrencies.")
    assert "heard" not in [o.name for e in exs for o in e.options]
    assert [(f.value, f.subject) for f in extract(exs[0].sentence)] == [(90.0, "cryptocurrencies")]


@pytest.mark.parametrize("text, wanted", [
    ("The latest polling is consistent with a Clinton lead of only ~1% nationally.", [("lead", 1.0)]),
    ("The Ipsos poll gave Clinton a narrow 4% lead.", [("lead", 4.0)]),
    # a pair before "lead" stays two shares; "lead" as a verb is no gap
    ("The Ipsos poll gave Clinton a 48%-45% lead.", [("share", 48.0), ("share", 45.0)]),
    ("A Gallup poll found 40 percent lead healthy lives.", [("share", 40.0)]),
], ids=["lead-of-x%", "x%-lead", "pair-lead", "verb"])
def test_a_gap_written_in_percent_is_a_lead(text, wanted):
    assert [(f.kind, f.value) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Clinton and Trump debated. A Google poll found 32.8 percent of viewers backing Trump and "
     "28.7 percent backing Cruz.", [(32.8, "Trump"), (28.7, "Cruz")]),
    ("Among women of color, Harris outperformed Biden by 10 points: 63% of women of color said "
     "they backed Harris over Trump, the CNN poll found.", [(63.0, "Harris")]),
], ids=["backing-B", "said-they-backed-B-over-C"])
def test_the_figures_own_verb_of_support_names_its_subject(text, wanted):
    assert [(f.value, f.subject) for f in extract(text) if f.kind == "share"] == wanted


@pytest.mark.parametrize("text, wanted", [
    # a race written as a score, with no % sign, after a verb of leading
    ("Hochul leads Republican Elise Stefanik 45-37 in the latest Siena poll.",
     [(45.0, "Hochul"), (37.0, "Elise Stefanik")]),
    ("Labor leads the Coalition 52-48 on a two-party-preferred basis, the latest Newspoll shows.",
     [(52.0, "Labour"), (48.0, "Coalition")]),
    ("Trump leads Biden 48-45% in the Emerson poll.", [(48.0, "Trump"), (45.0, "Biden")]),
    # each figure to the name before it in its own clause, the verb elided after "and"
    ("Clinton had 46 percent and Trump 42 percent among likely voters, a Quinnipiac poll found.",
     [(46.0, "Clinton"), (42.0, "Trump")]),
    ("In the YouGov poll Labour is on 41%, Reform UK is at 18% and the Lib Dems are on 11%.",
     [(41.0, "Labour"), (18.0, "Reform"), (11.0, "Liberal Democrats")]),
], ids=["score-pair", "two-party-preferred", "first-without-unit", "elided-verb", "reform-uk"])
def test_scores_and_clauses_written_the_way_news_writes_them(text, wanted):
    assert [(f.value, f.subject) for f in extract(text) if f.kind == "share"] == wanted


@pytest.mark.parametrize("text", [
    "The Senate voted 51-49 after the poll was published.",
    "Republicans hold a 51-49 majority, a poll of experts notes.",
    "Harris leads among voters aged 30-44 in the Marist poll.",
])
def test_scores_that_are_not_a_race_are_no_figures(text):
    assert [f.value for f in extract(text) if f.value in (51.0, 49.0, 30.0, 44.0)] == []


def test_modern_pollsters_are_poll_cues_and_the_cache_key_follows_the_code():
    # "Redfield & Wilton Strategies" is in the gazetteer but was no cue: the figure was missed
    figs = extract("Labour is on 30% and Reform on 18%, according to Redfield & Wilton Strategies.")
    assert [(f.value, f.subject, f.pollster) for f in figs] == [
        (30.0, "Labour", "Redfield & Wilton Strategies"), (18.0, "Reform", "Redfield & Wilton Strategies")]
    from medialens.polls import ANALYSER_VERSION, _code_fingerprint

    assert ANALYSER_VERSION.endswith("+" + _code_fingerprint()) and len(_code_fingerprint()) == 10


@pytest.mark.parametrize("text, wanted", [
    ("A Pew Research Center survey found 62% of adults support universal background checks. "
     "Among Republicans, it's 53 percent.", [(62.0, "universal background checks"), (53.0, "universal background checks")]),
    ("A Monmouth poll found 55% of residents support breaking up the school district. "
     "Thirty-six percent oppose the idea.", [(55.0, "school district"), (36.0, "school district")]),
    ("A Pew survey found 60% say religious leaders should stay out of politics. Support was highest "
     "in Nigeria, at 78 percent.", [(60.0, "religious leaders"), (78.0, "religious leaders")]),
    ("A YouGov poll found 44% backed the four-day week. Among 18-to-34-year-olds, the share rose to 53%.",
     [(44.0, "four-day week"), (53.0, "four-day week")]),
    ("A Gallup poll put Trump's approval at 41 percent. Trump's approval rating among Republicans "
     "remains high at 88%.", [(41.0, "Trump"), (88.0, "Trump")]),
    # a word with a topic of its own stays
    ("When we ask people whether it's time for a change, 63 per cent say yes, the Resolve poll found.",
     [(63.0, "change")]),
    # the question an issue poll asked is not its answer
    ("A YouGov poll found that among Democrats, 45% call abortion extremely important to their vote next year.",
     [(45.0, "abortion")]),
    ("In an Infratest dimap survey, 37 percent named the economy as the most important problem facing the "
     "country.", [(37.0, "economy")]),
    ("Nearly half of respondents, 48%, named crime as the country's most pressing problem in the Cadem poll.",
     [(48.0, "crime")]),
    # a bracketed figure counts the answer right before it, not the people asked
    ("The Eurobarometer survey was published on Monday. Asked what they saw as the most important issues "
     "facing the EU, respondents most often named the war in Ukraine (33%), immigration (24%) and the "
     "international situation (21%).",
     [(33.0, "war"), (24.0, "immigration"), (21.0, "international situation")]),
    ("In the YouGov poll, nearly half of private renters (47%) said they were worried about paying the rent.",
     [(47.0, "rent")]),
], ids=["among-group-it-is", "the-idea", "highest-in-place", "the-share-rose", "among-group-person-named",
        "a-change-of-its-own", "their-vote", "facing-the-country", "countrys-problem", "bracketed-answers",
        "bracketed-people"])
def test_a_subject_that_only_stands_in_for_the_question_takes_the_question(text, wanted):
    assert [(f.value, f.subject) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    # "Harris" is also a pollster's name, but not after a first name
    ("Vice President Kamala Harris spoke. In the Marist poll the vice president had 48 percent and Trump 47 percent.",
     [(48.0, "Harris"), (47.0, "Trump")]),
    # an office named after the name, in apposition
    ("Hillary Clinton, the former secretary of state, campaigned in Ohio. According to the Reuters/Ipsos "
     "survey, 46 percent support the former secretary of state while 35 percent back Trump.",
     [(46.0, "Clinton"), (35.0, "Trump")]),
    # never titled: the person the article names first where it names the office
    ("Mr Albanese remains ahead as better prime minister, leading Ms Ley. Forty-five per cent of voters "
     "were satisfied with the Prime Minister's performance in the Resolve poll, while 49 per cent were dissatisfied.",
     [(45.0, "Albanese"), (49.0, "Albanese")]),
    # a Japanese cabinet's rating is its prime minister's
    ("Prime Minister Sanae Takaichi spoke on Monday. A Kyodo News survey put support for the Cabinet at 64.8 "
     "percent.", [(64.8, "Takaichi")]),
    # a middle initial between title and surname ("Robert" was the subject)
    ("In the KFF poll, trust in Health and Human Services Secretary Robert F. Kennedy Jr. on vaccine "
     "information is lower, at 37%.", [(37.0, "Kennedy")]),
], ids=["vice-president-harris", "name-comma-office", "untitled-holder", "cabinet", "middle-initial"])
def test_an_office_stands_for_the_person_the_article_gave_it_to(text, wanted):
    assert [(f.value, f.subject) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    ("A Quinnipiac University poll released the week before had Marsh up 50%-46% among likely voters.",
     [(50.0, "share"), (46.0, "share")]),
    ("But in the Detroit News poll the former lieutenant governor ran up a 22-point lead among white voters.",
     [(22.0, "lead")]),
    ("In the YouGov poll Labour is up 3 points.", [(3.0, "change")]),
], ids=["up-a-pair", "ran-up-a-lead", "up-n-points"])
def test_up_before_a_pair_or_a_lead_is_no_change(text, wanted):
    assert [(f.value, f.kind) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    # a change written "a point", and the level after "at"
    ("In the YouGov poll the Conservatives have slipped a point since December.", [(-1.0, "change")]),
    ("Forsa, which interviewed 2,501 people, had the SPD down one point at 13 percent.", [(13.0, "share")]),
    # the prior said again is not a figure of its own
    ("In the NHK poll the cabinet's approval rating stood at 62 percent, down four points from last month's "
     "66 percent.", [(62.0, "share")]),
    # people who voted for a party are a group of the poll, not an election result
    ("In the Angus Reid poll, among those who voted for the United Conservative Party in 2023, support for "
     "independence reaches 45 per cent.", [(45.0, "share")]),
    # how people would vote, whatever ballot the sentence names
    ("Voters were positive about a bond the council may put on the ballot: 49 percent said they would vote yes, "
     "41 percent no, in the DHM poll.", [(49.0, "share"), (41.0, "share")]),
    # an economic word inside a compound, a verb "rate", an issue that "will matter most"
    ("In the Pew poll a ban on high-capacity magazines is supported by 59%.", [(59.0, "share")]),
    ("In the Datafolha poll the share of Brazilians who rate the government as good rose to 33%.", [(33.0, "share")]),
    ("Asked in the Marist poll which issue will matter most to their vote, 27% named inflation and prices, "
     "19% health care and 14% immigration.", [(27.0, "share"), (19.0, "share"), (14.0, "share")]),
    # a demonym is the people asked, and a market's move is no poll figure
    ("The monthly Israeli Voice Index survey found that 68% of Israelis support a state commission of inquiry.",
     [(68.0, "share")]),
    ("Sterling was on the defensive after dropping more than one percent on Tuesday after polls showed Leave ahead.", []),
], ids=["a-point", "down-at", "prior-again", "who-voted-for", "would-vote-beside-ballot", "compound",
        "who-rate", "will-matter-most", "demonym", "market-move"])
def test_figures_of_the_seventh_blind_test(text, wanted):
    assert [(f.value, f.kind) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    # Sweden's, Denmark's and Ireland's Social Democrats are not Britain's SDP of the 1980s
    ("In the Verian poll the Sweden Democrats were on 20.1 percent and the Social Democrats on 35 percent.",
     ["Sweden Democrats", "Social Democrats"]),
    ("The MORI poll put the Conservatives on 40 pct and the SDP on 12 pct.", ["Conservative", "SDP"]),
    ("The INSA poll put the CDU/CSU on 26 percent and the Free Democrats on 3 percent.", ["CDU/CSU", "FDP"]),
    ("The 40dB survey gives the Partido Popular 33.0 percent and Vox 17.8 percent.", ["PP", "Vox"]),
], ids=["social-democrats", "sdp", "cdu-csu-fdp", "pp"])
def test_european_party_names_as_their_countries_write_them(text, wanted):
    assert [f.subject for f in extract(text)] == wanted


def test_the_reference_table_s_sdp_is_the_articles_social_democrats():
    from medialens.polls.reference import subject_key as _ref_key  # what match_reference keys on

    assert _ref_key("Social Democrats") == _ref_key("SDP")



@pytest.mark.parametrize("text", [
    "NHK surveyed 2,118 people by telephone, of whom 1,196, or 56 percent, gave valid responses.",
    "In the Kyodo poll most supported raising defence spending to 2 percent of gross domestic product.",
    "The survey was carried out as Washington imposed a 25 per cent tariff, taking the total levy to 50 per cent.",
    "Franco Parisi finished third with 19.4%, and his voters appear to have broken for Kast.",
])
def test_a_poll_s_method_a_rate_a_share_of_gdp_or_a_result_is_no_poll_figure(text):
    assert [f.value for f in extract(text) if f.value in (56.0, 2.0, 25.0, 50.0, 19.4)] == []


@pytest.mark.parametrize("text, wanted", [
    ("In the Opinium poll, 46% of Conservative voters approve of Farage, compared with 31% who approve of Badenoch.",
     (31.0, "Badenoch")),
    ("In the Emerson poll Newsom leads with 25%, followed by former Transportation Secretary Pete Buttigieg at "
     "16% and former Vice President Kamala Harris at 11%.", (11.0, "Harris")),
    ("Asked in the Ipsos poll who they would prefer as prime minister, 24% of respondents chose Wilders and 17% "
     "chose CDA leader Henri Bontenbal.", (17.0, "Bontenbal")),
], ids=["who-approve-of", "former-vice-president-harris", "party-leader-name"])
def test_the_figure_s_own_verb_names_whom_its_people_approve_of(text, wanted):
    assert wanted in [(f.value, f.subject) for f in extract(text)]


@pytest.mark.parametrize("text, wanted", [
    ("In the YouGov poll just 22% of voters approve of the job Keir Starmer is doing, while 59% disapprove.",
     [(22.0, "Starmer"), (59.0, "Starmer")]),
    ("In the Monmouth poll 58 percent favor the plan to build the stadium and 36 percent are opposed.",
     [(58.0, "stadium"), (36.0, "stadium")]),
    ("In the Ipsos poll 40% back Labour and 30% back the Conservatives.", [(40.0, "Labour"), (30.0, "Conservative")]),
], ids=["disapprove", "opposed", "two-names"])
def test_the_other_answer_to_the_same_question_has_the_same_subject(text, wanted):
    assert [(f.value, f.subject) for f in extract(text)] == wanted


@pytest.mark.parametrize("text, wanted", [
    ("Purchasing power came first in the Elabe poll, cited by 48 percent, followed by security at 35 percent "
     "and immigration at 31 percent.", [(48.0, "Purchasing power"), (35.0, "security"), (31.0, "immigration")]),
    ("Immigration was mentioned by 17.9 percent in the CIS poll, and corruption by 14.6 percent.",
     [(17.9, "Immigration"), (14.6, "corruption")]),
], ids=["followed-by-at", "mentioned-by"])
def test_each_item_of_a_list_of_answers_gets_its_own_name(text, wanted):
    assert [(f.value, f.subject) for f in extract(text)] == wanted


def test_the_two_figures_of_a_pair_share_their_measure():
    from medialens.polls.attribution import _pair_measure
    from medialens.polls.extract import Candidate  # noqa: F401  (the type the pass reads)

    class C:
        def __init__(self, measure):
            self.accepted, self.kind, self.measure = True, "share", measure

    class E:
        def __init__(self, measure):
            self.cand = C(measure)

    a, b = E("vote"), E(None)
    _pair_measure([(a, b)])
    assert (a.cand.measure, b.cand.measure) == ("vote", "vote")
    c, d = E("approve"), E("disapprove")
    _pair_measure([(c, d)])  # two measures of their own stay
    assert (c.cand.measure, d.cand.measure) == ("approve", "disapprove")
