"""Tests for medialens.polls: golden sentences, edge inputs, the fixture page, the labelled
development set (odd ids only), false positives on economic news, linking, reference matching,
plots and the CLI.

Evaluation discipline: every real-data loader below refuses even Reuters ids and even BBC
numbers; those documents are held out for the final, one-off held-out measurement.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURE_PAGE, TEST_DATA, iter_jsonl_gz
from medialens.errors import CorpusError, ParameterError
from medialens.polls import (
    COLUMNS,
    PollFigure,
    evaluate,
    explain,
    extract,
    extract_corpus,
    figures_frame,
    flag_inconsistent_changes,
    link_polls,
    match_reference,
    pollbase_table,
    reporting_quality,
    tracker_table,
)

# ----------------------------------------------------------------------------- golden sentences
# (text, [(kind, value, subject), ...]) -- written for these tests, not taken from the corpora.
GOLDEN = [
    # the second day of a fieldwork range is not a figure (demo: "plus" 13 per cent)
    ("Castlegate surveyed 1,520 adults between April 9 and 13, and its figures place the "
     "governing party on 42 per cent and the National Democrats on 31 per cent.",
     [("share", 42, None), ("share", 31, "National Democrats")]),
    # a dateline's place is not what the poll is about (demo: "SELDEN" as a subject)
    ("PORT SELDEN, February 18 (Kestrel News) - Labour has 41 per cent and the Conservatives "
     "34 per cent, according to a Castlegate poll published on Tuesday.",
     [("share", 41, "Labour"), ("share", 34, "Conservative")]),
    ("A Gallup poll published on Sunday found that 47 per cent of voters would back Labour, "
     "38 per cent the Conservatives and 11 per cent the Liberal Democrats.",
     [("share", 47, "Labour"), ("share", 38, "Conservative"), ("share", 11, "Liberal Democrats")]),
    ("The poll put Labour on 39 per cent, the Tories on 33 per cent and the Liberal Democrats on 18.",
     [("share", 39, "Labour"), ("share", 33, "Conservative"), ("share", 18, "Liberal Democrats")]),
    ("The survey gave the Conservatives 44 pct, and Labour and the Alliance 27 pct each.",
     [("share", 44, "Conservative"), ("share", 27, "Labour"), ("share", 27, "Alliance")]),
    ("The Tories are eight points ahead of Labour in the latest YouGov survey.",
     [("lead", 8, "Conservative")]),
    # the subject of "trailed" is behind: the lead is the object's
    ("A new Quinnipiac poll found Biden trailed Trump by 6 points among likely voters.",
     [("lead", 6, "Trump")]),
    ("In the Marist poll, Labour trailed the Conservatives by 4 points.",
     [("lead", 4, "Conservative")]),
    # "N% Name to M% Name": the name right after each number
    ("The Gallup poll had voters of color backing her, 58% Harris to 29% Trump.",
     [("share", 58, "Harris"), ("share", 29, "Trump")]),
    ("Labour's lead has narrowed to three points, the ICM poll suggests.", [("lead", 3, "Labour")]),
    ("Forty percent of respondents said they trusted the police, according to the YouGov poll.",
     [("share", 40, "police")]),
    ("Two-thirds of Americans oppose the plan, while a quarter support it, a Pew survey found.",
     [("share", 66.7, None), ("share", 25, None)]),
    ("A new poll was published today. Only one in five voters think the prime minister is doing a good job.",
     [("share", 20, None)]),
    ("Nearly six in 10 Britons believe the country is heading in the wrong direction, a Populus poll found.",
     [("share", 60, None)]),
    ("Sarkozy's popularity slid five points to 37 percent in an Ifop poll.", [("share", 37, "Sarkozy")]),
    ("Support for independence has risen by six points since the last survey.", [("change", 6, "independence")]),
    ("Recent polls show the public is evenly divided for and against the treaty.",
     [("share", 50, "treaty"), ("share", 50, "treaty")]),
    ("According to an ICM poll for the Guardian, Labour is on 38%, the Conservatives 32% and the Lib Dems 22%.",
     [("share", 38, "Labour"), ("share", 32, "Conservative"), ("share", 22, "Liberal Democrats")]),
    ("The poll gave Bush 48 percent and Kerry 46 percent among likely voters.",
     [("share", 48, "Bush"), ("share", 46, "Kerry")]),
    ("A Washington Post-ABC News poll found that 58 percent of Americans disapprove of the way Reagan is "
     "handling his job.", [("share", 58, "Reagan")]),
    ("The ruling party won 48 percent of the vote, according to official results, while opinion polls had "
     "given it 52 percent.", [("share", 52, None)]),
    ("Labour's lead over the Conservatives has widened to 12 points in a MORI poll.", [("lead", 12, "Labour")]),
    # NOT poll figures
    # "polling" and "X polled Russians" are opinion polls too
    ("According to polling, 62 percent of all Tennesseans favor making the Bible the state book.",
     [("share", 62, None)]),
    ("When the Levada Center polled Russians in 2013, 6% approved of his actions.", [("share", 6, None)]),
    ("Polling stations closed at 8 pm; turnout was 61 percent.", []),
    ("A 5 out of 21 (23%) chance of victory, the poll-based model says.", []),
    ('The museum director said he was "90% sure" the wreck was the ship, a survey team said.', []),
    ("Leave won 52-48 percent in defiance of the polls.", []),
    ("Jones has opened up a 5-point lead over Bottoms in the latest AJC poll.", [("lead", 5, "Jones")]),
    # the words say who holds the lead: the one ahead of, not the one after "of"
    ("A poll by Opinia24 showed Trzaskowski ahead of Nawrocki by just two points.", [("lead", 2, "Trzaskowski")]),
    ("Fine Gael is now four points behind Fianna Fáil, the Red C poll found.", [("lead", 4, "Fianna Fáil")]),
    # a net score is no share (read as one it would flip its sign); a margin of error is final
    ("Keir Starmer's net approval rating is -12%, according to YouGov.", []),
    ("His net approval stands at minus 30 per cent, Opinium found.", []),
    ("An Ipsos poll interviewed 1,500 adults; the margin of error is ±3 points.", []),
    ("In the Ipsos poll: Harris – 48%, Trump – 45%.", [("share", 48, "Harris"), ("share", 45, "Trump")]),
    # a bracketed signed change with its unit is the change, not a second figure
    ("A YouGov poll: Labour 34% (-2%), Conservatives 30% (+1%), Reform 22% (-1 pt).",
     [("share", 34, "Labour"), ("share", 30, "Conservative"), ("share", 22, "Reform")]),
    # a lead's earlier size is its prior, not a second lead; an age is no figure
    ("The Democratic Party's lead over the PPP narrowed to 17 points from 25 points in July, the Gallup "
     "Korea poll showed.", [("lead", 17, "Democrats")]),
    ("Voters 55 and older break heavily the other way: 52 per cent back the Liberals in the Leger poll.",
     [("share", 52, "Liberal")]),
    # a role phrase is about the person it names in apposition, not the party or the office
    ("The Taoiseach, Micheál Martin, has a satisfaction rating of 36 per cent in the Red C poll.",
     [("share", 36, "Micheál Martin")]),
    ("In the Leger poll, 45 per cent said Mark Carney would make the best prime minister, against 29 per cent "
     "for Conservative Leader Pierre Poilievre.", [("share", 45, "Carney"), ("share", 29, "Poilievre")]),
    ("The DPP's lead over the KMT has narrowed to 10.3 percentage points, the TPOF poll showed.",
     [("lead", 10.3, "DPP")]),
    ("In the poll, 42% said they would vote yes, 39% no, and 19% were undecided.",
     [("share", 42, "Yes"), ("share", 39, "No"), ("share", 19, "undecided")]),
    ("His plan, backed in the Siena poll, raises the tax rate to 4.41 percent from 3.876 percent.", []),
    ("The Treasury 10 pct stock due 1991 ended lower as dealers cited the opinion polls.", []),
    ("Shares rose 4 pct after a survey showed retail sales grew 2 pct.", []),
    ("Unemployment fell to 9.8 per cent, the Labour Force Survey showed.", []),
    ("Half of all adults now shop online, the Office for National Statistics said in its survey.", []),
    ("Exit polls had predicted a closer race, but the Conservatives won 42 per cent of the vote.", []),
    ("Turnout was 61 per cent, the lowest since 1918, pollsters said.", []),
    ("Economists polled by Reuters expect inflation to rise 2.5 percent.", []),
    ("The company's market share rose to 23 percent, a survey by the research firm Gartner showed.", []),
    ("The CBI survey showed 43 pct of the 1,685 polled firms expect to raise output.", []),
    ("A majority of voters said they would support the treaty, the survey showed.", []),
    ("Nakasone's party suffered setbacks in local polls, losing 92 of its 1,487 seats.", []),
    ("Referee Graham Poll sent off two players in the first half.", []),
    ("The survey, which has a margin of error of plus or minus three percentage points, was "
     "conducted by telephone.", []),
    ("The poll shows voters are unhappy with the government.", []),
    ("The current aim, the survey report says, is reaching 85% of the population by 2007.", []),
    ("The opposition polled 35 pct of the vote at the last election, the survey recalled.", []),
]


# Where the learned stage (issue 11) is wrong on a made-up sentence; kept visible, not deleted.
MODEL_MISSES = {
    "The Treasury 10 pct stock due 1991 ended lower as dealers cited the opinion polls.":
        "figure model accepts the gilt coupon (p~0.6)",
}


@pytest.mark.parametrize("text, expected", [
    pytest.param(t, e, marks=pytest.mark.xfail(strict=True, reason=MODEL_MISSES[t])) if t in MODEL_MISSES else (t, e)
    for t, e in GOLDEN], ids=[t[:40] for t, _ in GOLDEN])
def test_golden_sentences(text, expected):
    got = extract(text)
    assert [(f.kind, round(f.value, 1)) for f in got] == [(k, float(v)) for k, v, _ in expected]
    for f, (_, _, subject) in zip(got, expected, strict=True):
        if subject is not None:
            assert f.subject == subject
        assert text[f.start:f.end] and f.sentence in text


@pytest.mark.parametrize("text, value, change, prior", [
    ("Support for Koizumi has climbed 2 percent to 43 percent, media polls found.", 43, 2, 41),
    ("Support for the government fell four points to 35 percent in an Ipsos survey.", 35, -4, 39),
    ("The president's approval rating stands at 41%, down from 45% last month, a CNN/ORC poll shows.", 41, -4, 45),
    ("In the Harris survey 56 percent said they disapproved of the war, up from 48 percent in January.", 56, 8, 48),
    ("Labour is on 35 percent, down 3 from last week's poll.", 35, -3, 38),
    ("Reagan's job approval rating dropped to 46 percent in the latest Gallup poll, from 60 percent in December.",
     46, -14, 60),
    ("The poll found 39% of voters backed the Tories - up two points since last month.", 39, 2, 37),
    ("His approval in the poll slumped from about 65 pct last autumn to about 42 pct.", 42, -23, 65),
])
def test_level_and_change_is_one_share(text, value, change, prior):
    (f,) = extract(text)
    assert (f.kind, f.value, f.change, f.prior) == ("share", value, change, prior)


@pytest.mark.parametrize("text, value", [
    ("A poll found the opposition fell one pct.", -1),
    ("This was a one point drop for the Conservatives, the poll showed.", -1),
    ("Approval has fallen twenty percentage points since May, the Gallup poll found.", -20),
])
def test_negative_changes(text, value):
    (f,) = extract(text)
    assert f.kind == "change" and f.value == value == f.change


def test_attributes_across_sentences():
    text = ("The poll of 1,012 adults, conducted Jan. 5-8 for The Sunday Times by MORI, has a margin of "
            "error of plus or minus 3 points. It found 52 pct backed the deployment and 44 pct opposed it.")
    figs = extract(text, published="2005-01-10")
    assert [f.value for f in figs] == [52, 44]
    for f in figs:
        assert (f.pollster, f.sponsor, f.sample_size, f.margin_of_error) == ("MORI", "Sunday Times", 1012, 3.0)
        assert (f.fieldwork_start, f.fieldwork_end) == (dt.date(2005, 1, 5), dt.date(2005, 1, 8))
    assert [f.measure for f in figs] == ["support", "oppose"]
    # without a publication date the year is not guessed
    assert extract(text)[0].fieldwork_start is None


def test_attributes_with_outlet_names_and_dates():
    text = ("A Washington Post-ABC News poll of 1,505 adults, taken Feb. 26 to March 1, found that 58 percent "
            "of Americans disapprove. Some 62% of those questioned by NOP for the Independent on Sunday said "
            "they did not trust the prime minister.")
    a, b = extract(text, published="1987-03-03")
    assert (a.pollster, a.sample_size, a.fieldwork_start, a.fieldwork_end) == (
        "Washington Post-ABC News", 1505, dt.date(1987, 2, 26), dt.date(1987, 3, 1))
    assert (b.pollster, b.sponsor, b.fieldwork_start) == ("NOP", "Independent on Sunday", None)
    assert b.measure == "distrust" and b.approx


def test_second_poll_in_article_gets_its_own_attributes():
    text = ("The Harris poll for TV-AM gave the Conservatives 42 pct and Labour 35 pct. "
            "However, a Marplan poll in the Today newspaper had the Conservatives 11 points ahead.")
    figs = extract(text)
    assert [(f.value, f.pollster, f.sponsor) for f in figs] == [
        (42, "Harris", "TV-AM"), (35, "Harris", "TV-AM"), (11, "Marplan", "Today")]
    assert figs[0].poll_id == figs[1].poll_id != figs[2].poll_id


# ----------------------------------------------------------------------------- edge inputs
@pytest.mark.parametrize("wrap", ["\n", "\r\n", "\n "])
def test_per_cent_across_a_line_break_and_offsets(wrap):
    # Hard-wrapped wire copy breaks lines anywhere; an indented line after a line that ends a
    # sentence starts a new paragraph (Reuters), so the wrap here is unindented or one space.
    text = f"A Gallup poll found Labour on 39 per{wrap}cent and the Tories on 33 per cent."
    figs = extract(text)
    assert [f.value for f in figs] == [39, 33]
    assert text[figs[0].start:figs[0].end] == f"39 per{wrap}cent"


def test_numbers_at_sentence_boundaries():
    text = "Labour fell, the latest Gallup poll showed. 43 percent of respondents approved of the plan.\n\n41 pct"
    figs = extract(text)
    assert [f.value for f in figs] == [43]
    assert extract("The survey found that 43% of voters")[0].value == 43  # a figure at the very end


@pytest.mark.parametrize("text, value", [
    ("Polls put the Liberal Democrats on 20-22 per cent.", 21),
    ("Most polls put the Conservatives nine to 10 points ahead.", 9.5),
    ("The survey found between 40 and 45 pct of voters backed the plan.", 42.5),
])
def test_ranges_are_one_approximate_midpoint(text, value):
    (f,) = extract(text)
    assert f.value == value and f.approx


@pytest.mark.parametrize("text", ["", "   ", "The poll shows voters are unhappy.", "No digits at all here."])
def test_text_without_figures(text):
    assert extract(text) == []
    assert explain(text).empty


@pytest.mark.parametrize("bad", [None, 42, float("nan")])
def test_non_text_gives_nothing(bad):
    assert extract(bad) == []  # type: ignore[arg-type]


def test_very_long_text_is_complete():
    # Linear work: many copies of a poll paragraph, separated by economic filler.
    para = ("A MORI poll for the Sunday Times gave the Conservatives 41 pct against 32 pct for Labour. "
            + "Profits rose 4 pct to 5,654 billion yen, the ministry said. " * 20 + "\n\n")
    text = para * 300  # ~ 0.4 MB
    figs = extract(text)
    assert len(figs) == 600
    assert all(text[f.start:f.end] in ("41 pct", "32 pct") for f in figs)


def test_records_follow_the_contract():
    (f,) = extract("A Gallup poll found 41 pct backed Labour.", doc_id="d1")
    names = [x for x in PollFigure.__dataclass_fields__]
    assert names[:19] == ["doc_id", "value", "unit", "kind", "subject", "measure", "other", "change", "prior",
                          "pollster", "sponsor", "sample_size", "margin_of_error", "fieldwork_start",
                          "fieldwork_end", "approx", "sentence", "start", "end"]
    assert names[19] == "poll_id" and f.poll_id == "d1#0"
    with pytest.raises(AttributeError):
        f.value = 3  # type: ignore[misc]  # frozen


# ----------------------------------------------------------------------------- fixture page
def test_fixture_page_exactly(fixture_page):
    text = fixture_page.read_text(encoding="utf-8")
    figs = extract(text, doc_id="fixture")
    got = sorted((f.value, f.kind, f.measure, f.change, f.prior, f.approx, f.subject) for f in figs)
    assert got == [(43.0, "share", "support", 2.0, 41.0, False, "Koizumi"),
                   (50.0, "share", "oppose", None, None, True, "deployment"),
                   (50.0, "share", "support", None, None, True, "deployment")]
    koizumi = next(f for f in figs if f.value == 43)
    assert text[koizumi.start:koizumi.end] == "43 percent"


# ----------------------------------------------------------------------------- corpus level
def test_extract_corpus_columns_and_linking():
    corpus = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["The MORI poll for the Sunday Times gave the Conservatives 41 pct and Labour 32 pct.",
                 "A MORI poll published yesterday in the Sunday Times put the Conservatives on 41 pct, Labour 32 pct.",
                 None],
        "published": pd.to_datetime(["1987-03-15", "1987-03-16", "1987-03-16"], utc=True),
        "source": ["Reuters", "Wire", "Wire"],
    })
    df = extract_corpus(corpus)
    assert list(df.columns) == list(COLUMNS)
    assert df["poll_id"].nunique() == 1 and df["doc_id"].nunique() == 2
    assert str(df["sample_size"].dtype) == "Int64" and df["published"].dt.tz is not None
    unlinked = extract_corpus(corpus, link=False)
    assert unlinked["poll_id"].nunique() == 2


def test_extract_corpus_needs_text_column():
    with pytest.raises(CorpusError, match="text"):
        extract_corpus(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))


def _figs(rows):
    base = dict(doc_id="a", poll_id="a#0", pollster="Harris", sponsor=None, kind="share", subject="Labour",
                measure="vote", value=30.0, change=None, fieldwork_start=pd.NaT, fieldwork_end=pd.NaT,
                published=pd.Timestamp("1987-05-01", tz="UTC"))
    return pd.DataFrame([{**base, **r} for r in rows])


def test_link_polls_needs_pollster_dates_and_numbers():
    df = _figs([
        dict(doc_id="a", poll_id="a#0", subject="Labour", value=31.0),
        dict(doc_id="a", poll_id="a#0", subject="Conservative", value=42.0),
        dict(doc_id="b", poll_id="b#0", subject="Labour", value=31.0, published=pd.Timestamp("1987-05-03", tz="UTC")),
        dict(doc_id="b", poll_id="b#0", subject="Conservative", value=42.0, published=pd.Timestamp("1987-05-03", tz="UTC")),
        # same numbers, three weeks later: another poll
        dict(doc_id="c", poll_id="c#0", subject="Labour", value=31.0, published=pd.Timestamp("1987-05-24", tz="UTC")),
        dict(doc_id="c", poll_id="c#0", subject="Conservative", value=42.0, published=pd.Timestamp("1987-05-24", tz="UTC")),
        # same day, other pollster
        dict(doc_id="d", poll_id="d#0", pollster="MORI", subject="Labour", value=31.0),
        dict(doc_id="d", poll_id="d#0", pollster="MORI", subject="Conservative", value=42.0),
        # same pollster and day, contradicting number
        dict(doc_id="e", poll_id="e#0", subject="Labour", value=35.0),
        dict(doc_id="e", poll_id="e#0", subject="Conservative", value=42.0),
    ])
    linked = link_polls(df)
    ids = linked.groupby("doc_id")["poll_id"].first().to_dict()
    assert ids["a"] == ids["b"] == "a#0"
    assert len({ids["a"], ids["c"], ids["d"], ids["e"]}) == 4
    with pytest.raises(ParameterError, match="max_days"):
        link_polls(df, max_days=-1)
    with pytest.raises(ParameterError, match="lacks"):
        link_polls(df.drop(columns=["poll_id"]))


def test_flag_inconsistent_changes():
    df = _figs([
        dict(doc_id="a", poll_id="a#0", value=31.0),
        dict(doc_id="b", poll_id="b#0", value=35.0, change=1.0, published=pd.Timestamp("1987-05-08", tz="UTC")),
        dict(doc_id="c", poll_id="c#0", value=36.0, change=1.0, published=pd.Timestamp("1987-05-15", tz="UTC")),
        dict(doc_id="d", poll_id="d#0", pollster=None, value=36.0, change=5.0),
    ])
    out = flag_inconsistent_changes(df)
    assert out["change_inconsistent"].tolist()[1:3] == [True, False]
    assert out["implied_change"].tolist()[1:3] == [4.0, 1.0]
    assert pd.isna(out["change_inconsistent"].iloc[0]) and pd.isna(out["change_inconsistent"].iloc[3])


def test_tracker_and_reporting_quality_tables():
    figs = extract_corpus(pd.DataFrame({
        "doc_id": ["a", "b"], "source": ["Reuters", "BBC"],
        "published": pd.to_datetime(["1987-04-13", "1987-04-20"], utc=True),
        "text": ["The survey, conducted between April 10 and 12 among 1,000 adults, gave the Conservatives 44 pct.",
                 "A Harris poll gave the Conservatives 42 pct."]}))
    t = tracker_table(figs)
    assert t["date"].tolist() == [pd.Timestamp("1987-04-12"), pd.Timestamp("1987-04-20")]
    assert t["date_basis"].tolist() == ["fieldwork", "published"]
    q = reporting_quality(figs).set_index("source")
    assert q.loc["Reuters", "with_sample_size"] == 1.0 and q.loc["BBC", "with_sample_size"] == 0.0
    assert q.loc["BBC", "with_pollster"] == 1.0


def test_match_reference_small_table():
    ref = pd.DataFrame({"ref_id": [7, 7, 8, 8], "pollster": ["MORI", "MORI", "Gallup", "Gallup"],
                        "publisher": ["ST", "ST", "DT", "DT"],
                        "fieldwork_start": pd.Timestamp("1987-03-06"), "fieldwork_end": pd.Timestamp("1987-03-10"),
                        "published": pd.Timestamp("1987-03-15"), "subject": ["Conservative", "Labour"] * 2,
                        "value": [41.0, 32.0, 38.0, 30.0]})
    figs = extract_corpus(pd.DataFrame({
        "doc_id": ["a", "b", "c"], "published": pd.to_datetime(["1987-03-15", "1987-03-16", "1987-05-01"], utc=True),
        "text": ["The MORI poll for the Sunday Times gave the Conservatives 41 pct and Labour 32 pct.",
                 "A Gallup poll gave the Conservatives 38.5 pct and Labour 31 pct.",
                 "A Gallup poll gave the Conservatives 38 pct and Labour 30 pct."]}))
    m = match_reference(figs, ref).set_index("doc_ids")
    assert m.loc["a", "status"] == "match" and m.loc["a", "ref_id"] == 7
    assert m.loc["b", "status"] == "mismatch" and m.loc["b", "max_abs_diff"] == 1.0
    assert m.loc["c", "status"] == "no reference poll"
    with pytest.raises(ParameterError, match="lacks"):
        match_reference(figs, ref.drop(columns=["published"]))


def test_pollbase_table_parses_dates_across_month_ends():
    raw = pd.DataFrame({"sheet_row": [2, 3, 4], "Year": [1987, None, None], "Month": ["Feb", "Feb", "Mar"],
                        "Fieldwork": ["25-2", "?-12", None], "Date": [10, None, 6], "Polling": ["NOP", "NOP", "G9000"],
                        "Publisher": ["ES", None, None], "Con": [39, 40, 37], "Lab": [34, 33, 36], "LD": [25, 24, 26]})
    t = pollbase_table(raw)
    first = t[t["ref_id"] == 2].iloc[0]
    assert (first["fieldwork_start"], first["fieldwork_end"], first["published"]) == (
        pd.Timestamp("1987-02-25"), pd.Timestamp("1987-03-02"), pd.Timestamp("1987-03-10"))
    assert pd.isna(t[t["ref_id"] == 3].iloc[0]["fieldwork_start"])
    assert set(t["ref_id"]) == {2, 3}  # the Gallup aggregate row is not a poll
    assert set(t["subject"]) == {"Conservative", "Labour", "Alliance"}
    with pytest.raises(ParameterError):
        pollbase_table(pd.DataFrame({"x": [1]}))


def test_explain_says_why():
    e = explain("Economists polled by Reuters expect growth of 2 pct. Turnout in the poll was 61 pct.")
    assert dict(zip(e["figure"], e["reason"], strict=True)) == {
        "2 pct": "survey of economists/companies", "61 pct": "turnout"}


# ----------------------------------------------------------------------------- plots
def test_plots_return_figures(tmp_path):
    from matplotlib.figure import Figure

    from medialens.plotting.polls import poll_tracker, reporting_quality_bars
    figs = extract_corpus(pd.DataFrame({
        "doc_id": ["a", "b"], "source": ["X", "Y"], "published": pd.to_datetime(["1987-03-01", "1987-03-20"], utc=True),
        "text": ["A MORI poll gave the Conservatives 41 pct and Labour 32 pct.",
                 "A Gallup poll gave the Conservatives 38 pct and Labour 31 pct."]}))
    fig = poll_tracker(tracker_table(figs))
    assert isinstance(fig, Figure) and {a.get_title() for a in fig.axes if a.get_title()} == {
        "Conservative (vote)", "Labour (vote)"}
    assert isinstance(reporting_quality_bars(reporting_quality(figs)), Figure)
    from medialens.plotting import Note

    empty = poll_tracker(tracker_table(figs.iloc[0:0]))  # empty: one sentence, no empty axes
    assert isinstance(empty, Note) and empty.text.startswith("No poll figure was found")
    with pytest.raises(ParameterError):
        poll_tracker(pd.DataFrame({"x": [1]}))
    assert not list(tmp_path.iterdir())  # plotting never writes files


def test_tracker_of_single_polls_says_so_and_shows_the_most_reported_first():
    from medialens.plotting.polls import poll_tracker

    t = pd.DataFrame({"subject": ["Able", "Baker", "Cole"], "measure": [None] * 3,
                      "value": [40.0, 30.0, 20.0], "pollster": ["MORI"] * 3,
                      "date": pd.to_datetime(["2020-01-01"] * 3, utc=True),
                      "date_basis": ["fieldwork"] * 3, "n_reports": [1, 1, 4]})
    fig = poll_tracker(t, max_panels=2)
    assert [a.get_title() for a in fig.axes if a.get_title()] == ["Cole", "Able"]
    assert "single poll" in fig.get_suptitle()
    t2 = pd.concat([t, t.assign(date=pd.to_datetime(["2020-02-01"] * 3, utc=True))])
    assert poll_tracker(t2).get_suptitle() == ""  # series of two polls: no such remark


def test_tracker_says_named_series_are_undated_rather_than_unnamed():
    from medialens.plotting import Note
    from medialens.plotting.polls import poll_tracker

    t = pd.DataFrame({"subject": ["Labour", "Conservative", "hunting ban"], "measure": [None] * 3,
                      "value": [40.0, 30.0, 20.0], "pollster": ["MORI"] * 3,
                      "date": pd.to_datetime([None, None, "2020-01-01"], utc=True),
                      "date_basis": [None, None, "fieldwork"]})
    note = poll_tracker(t)
    assert isinstance(note, Note) and note.text.startswith(
        "2 polls of named parties or people (Labour, Conservative) have no date"), note.text


# ----------------------------------------------------------------------------- CLI
def test_cli_polls_jsonl(tmp_path, capsys):
    pytest.importorskip("medialens.corpus", reason="corpus loader not merged into this branch yet")
    from medialens.cli import main
    src = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["a"], "text": ["A Gallup poll found 41 pct backed Labour."],
                  "published": ["1987-03-01"]}).to_csv(src, index=False)
    assert main(["polls", str(src), "--format", "jsonl", "--quiet"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and '"value":41.0' in out[0]
    assert main(["polls", str(tmp_path / "missing.csv"), "--quiet"]) == 2


# ============================================================================= real data
def _odd_reuters(ids: set[int], path: Path) -> dict[str, tuple[str, str | None]]:
    assert all(i % 2 == 1 for i in ids), "even Reuters ids are held out"
    out = {}
    for r in iter_jsonl_gz(path):
        if r["id"] in ids:
            out[f"reuters:{r['id']}"] = (r["body"] or r["title"] or "", r["date"])
    return out


def _odd_bbc(ids: set[str], path: Path) -> dict[str, tuple[str, str | None]]:
    assert all(int(i.split("/")[1]) % 2 == 1 for i in ids), "even BBC numbers are held out"
    return {f"bbc:{r['id']}": (r["text"], None) for r in iter_jsonl_gz(path) if r["id"] in ids}


@pytest.fixture(scope="module")
def dev_set(reuters_path, bbc_path, fixture_page):
    with open(TEST_DATA / "polls_dev_docs.csv", encoding="utf-8") as fh:
        docs = [r["doc_id"] for r in csv.DictReader(fh)]
    with open(TEST_DATA / "polls_dev.csv", encoding="utf-8") as fh:
        labels = list(csv.DictReader(fh))
    texts = _odd_reuters({int(d.split(":")[1]) for d in docs if d.startswith("reuters:")}, reuters_path)
    texts |= _odd_bbc({d.split(":")[1] for d in docs if d.startswith("bbc:")}, bbc_path)
    texts["fixture"] = (fixture_page.read_text(encoding="utf-8"), None)
    assert set(texts) == set(docs)
    return docs, labels, texts


_PARTY_CANON = {"lib dems": "liberal democrats", "conservatives": "conservative", "tories": "conservative"}


def _subject_ok(gold: str, pred: str | None) -> bool:
    """Lenient subject agreement: same canonical name, or a shared content word (see README)."""
    if not pred:
        return False
    g, p = (_PARTY_CANON.get(x.lower(), x.lower()) for x in (gold, pred))
    words = lambda s: {w for w in re.findall(r"[a-z0-9]+", s) if len(w) > 2}  # noqa: E731
    return g == p or bool(words(g) & words(p))


def _name_ok(gold: str, pred: str | None) -> bool:
    if not pred:
        return False
    g, p = (re.sub(r"^the\s+", "", x.lower()) for x in (gold, pred))
    return g in p or p in g


@pytest.mark.realdata
def test_dev_set_precision_recall(dev_set):
    docs, labels, texts = dev_set
    gold = defaultdict(list)
    for row in labels:
        gold[row["doc_id"]].append(row)
    tp = fp = fn = 0
    acc = defaultdict(lambda: [0, 0])  # attribute -> [right, compared]
    for d in docs:
        text, published = texts[d]
        left = list(gold[d])
        for f in extract(text, doc_id=d, published=published):
            hit = next((g for g in left if g["kind"] == f.kind and abs(float(g["value"]) - f.value) < 0.06), None)
            if hit is None:
                fp += 1
                continue
            left.remove(hit)
            tp += 1
            named = hit["subject"] in ("Conservative", "Labour", "Alliance", "Liberal Democrats", "National",
                                       "Liberal-National") or hit["subject"][:1].isupper()
            acc["subject (parties/people)" if named else "subject (topics)"][0] += _subject_ok(hit["subject"], f.subject)
            acc["subject (parties/people)" if named else "subject (topics)"][1] += 1
            acc["measure"][0] += hit["measure"] == (f.measure or "")
            acc["measure"][1] += 1
            for attr in ("pollster", "sponsor"):
                if hit[attr]:
                    acc[attr][0] += _name_ok(hit[attr], getattr(f, attr))
                    acc[attr][1] += 1
            if hit["sample_size"]:
                acc["sample_size"][0] += f.sample_size == int(hit["sample_size"])
                acc["sample_size"][1] += 1
            if hit["change"]:
                acc["change"][0] += f.change is not None and abs(f.change - float(hit["change"])) < 0.06
                acc["change"][1] += 1
            acc["approx"][0] += f.approx == (hit["approx"] == "True")
            acc["approx"][1] += 1
        fn += len(left)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\ndev set: {len(docs)} docs, {len(labels)} expected figures; tp={tp} fp={fp} fn={fn} "
          f"precision={precision:.3f} recall={recall:.3f}")
    for k, (right, n) in sorted(acc.items()):
        print(f"  {k}: {right}/{n} = {right / n:.2f}")
    assert precision >= 0.85 and recall >= 0.80


ECONOMIC_TOPICS = {"earn", "acq", "trade", "money-fx", "interest", "crude", "grain", "gnp", "cpi", "money-supply",
                   "bop", "jobs", "ipi", "retail", "ship", "sugar", "coffee", "wheat", "corn", "reserves", "gold"}
_POLL_WORDS = re.compile(r"\b(?:polls?|polled|pollsters?|survey\w*|respondents|opinion)\b", re.I)


@pytest.mark.realdata
def test_economic_stories_yield_almost_nothing(reuters_path):
    n_docs = 0
    found = []
    t0 = time.perf_counter()
    for r in iter_jsonl_gz(reuters_path):
        if r["id"] % 2 == 0:  # held out
            continue
        text = r["body"] or ""
        if not set(r["topics"]) & ECONOMIC_TOPICS or _POLL_WORDS.search(text):
            continue
        n_docs += 1
        found += [(r["id"], f.value, f.sentence[:80]) for f in extract(text, published=r["date"])]
    print(f"\n{n_docs} odd-id economic stories without poll/survey words: {len(found)} figures "
          f"({time.perf_counter() - t0:.1f} s)")
    for x in found:
        print("  ", x)
    assert n_docs > 3000
    assert len(found) <= 3


@pytest.mark.realdata
def test_pollbase_cross_check_odd_ids(reuters_path, shared_data):
    rows = [dict(doc_id=f"reuters:{r['id']}", text=r["body"] or "", source="Reuters",
                 published=pd.Timestamp(r["date"], tz="UTC") if r["date"] else pd.NaT)
            for r in iter_jsonl_gz(reuters_path)
            if r["id"] % 2 == 1 and "uk" in r["places"] and _POLL_WORDS.search(r["body"] or "")]
    figs = extract_corpus(pd.DataFrame(rows))
    ref = pollbase_table(pd.read_csv(shared_data / "uk_polls_pollbase" / "pollbase_sheet_83-87.csv"))
    m = match_reference(figs, ref)
    comparable = m[m["status"] != "not comparable"]
    rate = (comparable["status"] == "match").mean()
    print(f"\nPollBase (odd ids, development): {int((comparable['status'] == 'match').sum())}/{len(comparable)} "
          f"UK polls match = {rate:.2f}")
    print(comparable[["poll_id", "pollster", "status", "ref_id", "max_abs_diff"]].to_string(index=False))
    assert len(comparable) >= 8 and rate >= 0.6


def test_frame_of_records_roundtrip():
    figs = extract("A Gallup poll found 41 pct backed Labour.", doc_id="x")
    df = figures_frame(figs)
    assert list(df.columns) == list(COLUMNS) and df.loc[0, "value"] == 41.0


def test_fixture_constant_is_used():
    assert FIXTURE_PAGE.name.endswith(".txt")


# ----------------------------------------------------------------------------- demo corpus
@pytest.fixture(scope="module")
def demo_figures():
    from medialens.corpus import load_corpus
    corpus, _ = load_corpus("demo", detect_language=False, near_duplicates=False)
    return corpus, extract_corpus(corpus)


def test_demo_corpus_precision_recall(demo_figures):
    """The demo corpus (fiction, with invented parties and pollsters) against its ground truth."""
    _corpus, figs = demo_figures
    expected = pd.read_csv(TEST_DATA / "demo_polls_expected.csv", dtype={"doc_id": str})
    r = evaluate(figs, expected)
    precision, recall = r["precision"], r["recall"]
    print(f"\ndemo corpus: {len(expected)} expected figures; tp={r['tp']} fp={r['fp']} "
          f"precision={precision:.3f} recall={recall:.3f}")
    assert precision >= 0.9 and recall >= 0.9


def test_demo_deliberate_inconsistency_is_flagged(demo_figures):
    _, figs = demo_figures
    flagged = flag_inconsistent_changes(figs)
    row = flagged[flagged["doc_id"] == "pages/clarion_2025-12-08_first-smile.txt"].iloc[0]
    assert (row["value"], row["change"], row["previous_value"]) == (27.0, 4.0, 25.0)
    assert bool(row["change_inconsistent"])
    # the monthly Meridian approval series is otherwise consistent with itself
    varga = flagged[(flagged["subject"] == "Varga") & flagged["change"].notna()]
    assert varga["change_inconsistent"].sum() == 1


def test_demo_repeats_are_linked(demo_figures):
    _, figs = demo_figures
    n_reports = figs.groupby("poll_id")["doc_id"].nunique()
    assert n_reports.max() >= 3  # one Meridian poll, three outlets
    assert figs["poll_id"].nunique() < figs["doc_id"].nunique()


# ----------------------------------------------------------------------------- fixes from the poll report
@pytest.mark.parametrize("text, expected", [
    # "approval rating" is approval: one series with "approve of", not a separate "rating" one
    ("A Gallup poll puts her approval rating at 44 per cent.", [(44.0, "Varga", "approve")]),
    # a possessive before the next figure owns that figure, not this one
    ("A Castlegate survey gives the National Democrats a fourteen point lead, on 42 per cent to the "
     "Civic Union's 28 per cent.",
     [(14.0, "National Democrats", "vote"), (42.0, "National Democrats", "vote"), (28.0, "Civic Union", "vote")]),
])
def test_report_driven_subject_and_measure_fixes(text, expected):
    got = extract("Ilse Varga has spoken. " + text)
    assert [(f.value, f.subject, f.measure) for f in got] == expected


def test_margin_of_error_is_named_as_such():
    e = explain("A MORI poll put Labour on 40 pct. The margin of error is 2.5 points.")
    assert e.set_index("figure").loc["2.5 points", "reason"] == "margin of error"


def test_linking_tolerates_rounding():
    figs = extract_corpus(pd.DataFrame({
        "doc_id": ["wire", "paper"], "published": pd.to_datetime(["1987-04-15", "1987-04-16"], utc=True),
        "text": ["A Harris poll put the Conservatives on 41.6 pct and Labour on 30.9 pct.",
                 "A Harris poll put the Conservatives on 42 per cent and Labour on 31 per cent."]}))
    assert figs["poll_id"].nunique() == 1
    moved = figs.assign(value=figs["value"].where(figs["doc_id"] == "wire", figs["value"] + 1))
    assert link_polls(moved.assign(poll_id=moved["doc_id"] + "#0"))["poll_id"].nunique() == 2


def test_explain_through_the_cache_is_the_same_table(tmp_path):
    from medialens import polls

    text = ("A Meridian Research poll for the Sunday Courant found that 44 per cent approve of the "
            "Prime Minister. Inflation rose to 3.1 per cent.")
    plain = polls.explain(text)
    first = polls.explain(text, cache=tmp_path)
    again = polls.explain(text, cache=tmp_path)
    pd.testing.assert_frame_equal(plain, first)
    pd.testing.assert_frame_equal(first, again)
    assert list(tmp_path.rglob("*.parquet")), "the cached run wrote nothing"
    assert plain["accepted"].tolist() == [True, False]


@pytest.mark.parametrize("text, value", [
    ("Labour on 38-1/2 pct", 38.5), ("Labour on 38 1/2 pct", 38.5), ("up 3-1/4 points", 3.25),
    ("Labour on 40½%", 40.5), ("Labour 40,5%", 40.5),
])
def test_mixed_fractions_and_decimal_commas_are_one_quantity(text, value):
    from medialens.polls.numbers import find_quantities

    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize("text", ["in 1/2 pct", "3/4 pct", "12,5 pct", "1,012 pct"])
def test_no_mixed_fraction_without_a_whole_number_or_with_a_list_comma(text):
    from medialens.polls.numbers import find_quantities

    assert all(q.value not in (0.5, 0.75, 12.5, 1.012) for q in find_quantities(text))


def test_key_figures_say_how_many_articles_the_english_extractor_could_not_read():
    from medialens.polls import key_figures

    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": ["de", "en", None]})
    figs = pd.DataFrame(columns=["doc_id", "poll_id", "pollster"])
    assert key_figures(figs, corpus)["articles not in English (not read: the extractor reads English)"] == 1
    assert "articles not in English (not read: the extractor reads English)" not in key_figures(
        figs, corpus.assign(lang="en"))


def test_age_bands_are_no_automatic_tracker_panel():
    from medialens.plotting.polls import _PANEL_SUBJECT

    assert [bool(_PANEL_SUBJECT.match(x)) for x in ("30-39", "18 to 24", "65+", "3M", "Labour")] == [
        False, False, False, True, True]


def test_a_signed_change_in_brackets_after_a_share_is_its_change():
    figs = extract("Latest Opinium poll:\nLabour 41% (+3)\nConservative 33% (−2)\nLib Dem 9% (-1 pt)")
    assert [(f.subject, f.value, f.change, f.prior) for f in figs] == [
        ("Labour", 41.0, 3.0, 38.0), ("Conservative", 33.0, -2.0, 35.0),
        ("Liberal Democrats", 9.0, -1.0, 10.0)]
    # a bracket that is not a signed change is no change
    assert [f.change for f in extract("A MORI poll gave Labour 40% (2,000 adults).")] == [None]


def test_an_overlong_sentence_is_read_in_pieces_not_refused():
    # a scrape glitch: one 1.1 MB "sentence" (the parser refuses texts over 1,000,000 chars, and
    # the attribution's work grows with the square of a sentence's names)
    text = ("A Gallup poll found 44 percent approve of the president, "
            + "and the weather was fine with no clouds in the sky " * 22000 + ".")
    figs = extract(text)
    assert [(f.value, text[f.start:f.end]) for f in figs] == [(44.0, "44 percent")]
    assert len(figs[0].sentence) <= 5_000


@pytest.mark.parametrize("text, expected", [
    # an earlier reading "in 1971" / "five decades earlier" is the prior, not a second share
    ("Some 19% of Americans backed the plan last year, compared with 11% in 1971, a Gallup poll found.",
     [(19.0, 11.0)]),
    ("Only 51% of Americans backed it, compared with 61% just over five decades earlier, Gallup found.",
     [(51.0, 61.0)]),
    # a day of the month between the figures does not hide the earlier reading
    ("Opposition to fracking has risen to 51 percent, according to a Gallup poll released March 31, "
     "from 40 percent a year earlier.", [(51.0, 40.0)]),
])
def test_an_earlier_reading_is_the_prior_of_the_figure(text, expected):
    assert [(f.value, f.prior) for f in extract(text)] == expected


def test_a_day_and_a_half_or_a_majority_of_seats_is_no_share():
    from medialens.polls.numbers import find_quantities

    assert find_quantities("he reached a decision in the last day-and-a-half") == []
    assert extract("The opposition won a two-thirds majority of seats in December, a Gallup poll showed.") == []
    # a two-thirds majority of people is still a share
    assert [f.value for f in extract("A two-thirds majority of voters support the deal, a Gallup poll showed.")] == [66.7]


def test_beating_or_breaking_for_someone_by_points_is_a_lead():
    figs = extract("A Quinnipiac poll found that men broke for Trump by about 10 points among likely voters.")
    assert [(f.kind, f.value) for f in figs] == [("lead", 10.0)]


def test_a_bare_harris_is_the_person_once_the_article_names_kamala_harris():
    text = ("Vice President Kamala Harris spoke on Monday. A CNN poll showed Trump ahead. The poll "
            "suggests there is some room for views of Harris to change. Among registered voters, 32% "
            "said they had a favorable impression of her, 53% an unfavorable one.")
    assert [(f.value, f.subject) for f in extract(text)] == [(32.0, "Harris"), (53.0, "Harris")]


def test_a_share_of_respondents_who_specifically_said_is_a_poll_figure():
    # "Fourteen percent specifically said": an adverb between the share and the verb
    figs = extract("In the Gallup poll, fourteen percent specifically said the high cost of living was "
                   "the biggest problem in the US.")
    assert [f.value for f in figs] == [14.0]


def test_a_side_the_parser_tags_as_a_verb_is_still_the_subject():
    # the small model tags "Leave" a verb and leaves it out of its entities and chunks
    figs = extract("An Ipsos MORI poll for the Evening Standard newspaper found support for Remain "
                   "on 52 percent and Leave on 48 percent.")
    assert [(f.value, f.subject) for f in figs] == [(52.0, "Remain"), (48.0, "Leave")]


def test_a_name_then_second_place_then_its_share():
    figs = extract("A Des Moines Register poll of Iowa voters showed Trump in the lead with 28 "
                   "percent and Cruz second at 23 percent.")
    assert [(f.value, f.subject) for f in figs] == [(28.0, "Trump"), (23.0, "Cruz")]


def test_a_past_race_won_by_points_is_an_election_result_not_a_lead():
    text = ("A Quinnipiac poll found the race close. Obama carried Virginia in both 2008 and 2012, and "
            "Democrat Hillary Clinton won the state over Trump by 5 percentage points in 2016.")
    assert extract(text) == []


def test_people_saying_something_is_read_whatever_the_article_calls_the_survey():
    # no "poll" or "survey" near it: "a special report", but people answering (the article must
    # mention a poll somewhere to be read at all)
    text = ("An earlier survey asked voters about taxes. It took months. Families waited. Nurses worried. "
            "Nobody spoke. Today it's Alzheimer's, and 55% of caregivers and parents say their doctors never "
            "told them they have the disease, according to a special report of the Alzheimer's "
            "Association released this week.")
    assert [f.value for f in extract(text)] == [55.0]


def test_a_name_inside_the_polls_own_name_is_never_its_subject():
    figs = extract("The latest Reuters-Ipsos tracking poll had Trump pulling in 40.6 percent support of "
                   "Republican voters nationally.")
    assert [(f.value, f.subject) for f in figs] == [(40.6, "Trump")]
    from medialens.polls.attribution import _names_a_poll
    from medialens.polls.mentions import Option

    s = "The latest Reuters-Ipsos tracking poll had Trump pulling in 40.6 percent."
    assert _names_a_poll(s, Option("Reuters", "org", "ner", 11, 18))
    assert not _names_a_poll(s, Option("Trump", "person", "ner", 43, 48))


def test_a_pronoun_goes_to_the_person_named_last_even_in_a_sentence_without_figures():
    # Sanders is named six sentences before the figure, out of reach of the rule pass's window
    text = ("Senator Bernie Sanders campaigned in Reno on Saturday. The crowd cheered. Aides were "
            "upbeat. The bus left at noon. Rain fell all day. Volunteers knocked on doors. Voters "
            "queued at schools. But entrance polling showed he did win among Hispanics by 53 "
            "percent to 45 percent. A Gallup poll last week gave Sanders 40 percent nationally.")
    figs = extract(text)
    assert (53.0, "Sanders") in [(f.value, f.subject) for f in figs]


@pytest.mark.parametrize("text, expected", [
    ("Clinton and Trump were tied at 49% apiece in the latest Quinnipiac poll.",
     [(49.0, "Clinton"), (49.0, "Trump")]),
    ("The race is tied, with Smith and Jones at 44% each, according to an Emerson poll.",
     [(44.0, "Smith"), (44.0, "Jones")]),
])
def test_a_share_each_or_apiece_is_one_figure_per_name(text, expected):
    assert [(f.value, f.subject) for f in extract(text)] == expected


def test_a_pair_after_trails_by_points_goes_in_word_order_and_the_lead_to_the_one_ahead():
    text = ("President Joe Biden spoke in Erie on Monday. Biden trails Trump by 3 points in "
            "Pennsylvania, 44% to 47%, a Quinnipiac poll found.")
    assert [(f.kind, f.value, f.subject, f.other) for f in extract(text)] == [
        ("lead", 3.0, "Trump", "Biden"), ("share", 44.0, "Biden", None), ("share", 47.0, "Trump", None)]


@pytest.mark.parametrize("text, expected", [
    ("The Liberals are at 38 per cent, the Conservatives at 33 per cent and the NDP at 18 per cent, "
     "according to an Abacus Data poll.", ["Liberal", "Conservative", "NDP"]),
    ("An INSA poll put the AfD on 21 percent and the Left Party on 6 percent.", ["AfD", "Die Linke"]),
    ("Sinn Féin is on 26 per cent, Fianna Fáil on 20 per cent and Fine Gael on 19 per cent, the Red C "
     "poll found.", ["Sinn Féin", "Fianna Fáil", "Fine Gael"]),
])
def test_parties_beyond_the_us_and_uk(text, expected):
    assert [f.subject for f in extract(text)] == expected


def test_a_lead_written_without_points_and_swings_and_turnout():
    assert [(f.kind, f.value, f.subject) for f in extract(
        "The latest Opinium poll shows the Conservatives are now ahead by 11.")] == [("lead", 11.0, "Conservative")]
    # an electoral swing and a turnout are never poll figures, whatever the model thinks
    assert extract("Labour needs a 4 per cent swing, the YouGov poll found.") == []
    assert extract("The opposition needs a swing of about 6 per cent to win, the Newspoll suggests.") == []


def test_dates_and_the_people_asked_are_not_subjects():
    from medialens.polls.attribution import _is_date

    assert _is_date("early May") and _is_date("Sunday") and not _is_date("Mayor Adams")
    figs = extract("Among Conservative voters, 64% supported conscription, the Savanta poll found.")
    assert [(f.value, f.subject) for f in figs] == [(64.0, "conscription")]


def test_an_outlets_own_poll_names_the_outlet_as_pollster_and_never_as_subject():
    figs = extract("A new CNN poll finds 52% of Americans approve of the deal. Only 16% thought so in "
                   "1987, CNN reported at the time.")
    assert (figs[0].value, figs[0].pollster, figs[0].sponsor) == (52.0, "CNN", "CNN")
    assert all(f.subject != "CNN" for f in figs)
    # explain reads the same poll as extract
    assert explain("A new CNN poll finds 52% of Americans approve of the deal.")["pollster"].tolist() == ["CNN"]
    # a poll run by a named pollster for an outlet keeps the two apart
    (f,) = extract("A Marist poll for NPR found 47% of voters approve of the deal.")
    assert (f.pollster, f.sponsor) == ("Marist", "NPR")


def test_the_new_poll_after_a_comparison_poll_is_the_articles_poll_again():
    text = ("The McClatchy-Marist poll found Clinton leading Trump 45% to 39% among likely voters. A "
            "Wall Street Journal/NBC poll this week found Clinton leading by a similar margin, 43% to "
            "37%. Clinton maintains a massive lead among black voters in the new poll, pacing Trump "
            "93% to 3%.")
    assert [f.pollster for f in extract(text)] == ["McClatchy-Marist"] * 2 + ["Wall Street Journal/NBC"] * 2 \
        + ["McClatchy-Marist"] * 2


def test_a_person_called_a_pollster_is_not_the_polls_firm():
    from medialens.polls.attributes import find_pollster

    assert find_pollster('"Prices are the issue," said Republican pollster Daron Shaw, who conducts the '
                         "Fox News survey with Democrat Chris Anderson.") is None
    assert find_pollster("According to pollster YouGov, 40% back Labour.")[0] == "YouGov"


# ------------------------------------------------- failure classes of the third blind test (issue 11)
# 80 articles in the style of UK/Irish, US, Canadian/Australian/NZ and European news, written and
# labelled by helpers (tests/data/polls_synthetic/), first run: P 0.930 R 0.882, 24 false figures
# in 24 negative articles. Each case below is a class of error seen there, in new words.
@pytest.mark.parametrize("text", [
    # a party's result, its seats and its list
    "Fine Gael took 38 seats on 20.8 per cent in the count.",
    "The Greens won 4.1%, the Left 3% and the Free Voters 2.6%.",
    "At the 2023 election, National won 38.1 percent of the party vote and Labour 26.9 percent.",
    "Labor won the 2022 election with 36.7 per cent of the primary vote.",
    "Sinn Féin, which topped the poll in 2020 with 24.5 per cent, lost ground.",
    "The two far-right candidates took a combined 21.2%, making their voters decisive.",
    # a clinical study, a rate someone sets, a voting rule, the poll's own method
    "Nausea was reported by 31% of patients taking the drug, compared with 9% of those on the placebo.",
    "Trump has imposed a baseline 10% tariff on imports and tariffs of 50 percent on steel.",
    "The Bank of Canada has held its policy rate at 2.75 per cent since March, a survey of economists found.",
    "That gives the AfD more than a third of the seats, allowing it to block decisions that require a two-thirds majority.",
    "The poll's margin of error is plus or minus 3.1 percentage points at the 95 percent confidence level.",
])
def test_results_rates_studies_and_methods_are_not_poll_figures(text):
    assert extract(text) == []


@pytest.mark.parametrize("text, wanted", [
    # the words approximate the exact number that follows: one figure
    ("Six in 10 voters (61 percent) said the GNU had been good for the country, an Ipsos poll found.", [61]),
    ("According to the Ipsos poll, almost a third of voters — 31 percent — say they have not decided.", [31]),
    ("Nearly three in four respondents, 73%, said they expected prices to rise, the survey found.", [73]),
    # a change and the new level, not a range 2-8
    ("In the Red C poll, the Social Democrats are up two to 8 per cent.", [8]),
    # "A to B percent" in descending order is a pair; an age range is no figure
    ("In New York City, Hochul leads 66 to 27 percent, the Siena poll found.", [66, 27]),
    ("Among those aged 18 to 34, the Conservatives are at 41 per cent in the Leger poll.", [41]),
    # a past result in the sentence does not take the poll's lead with it
    ("The YouGov poll gives Reform a 10-point lead over Labour, which won the July 2024 election with 33.7% of the vote.", [10]),
    ("In a model that assumes high turnout, Murphy leads 52% to 41%, the Monmouth poll found.", [52, 41]),
    ("Libertarian Gary Johnson garnered 10% support in the McClatchy-Marist poll.", [10]),
])
def test_what_the_blind_test_taught_about_numbers(text, wanted):
    assert [f.value for f in extract(text)] == wanted


def test_the_level_after_a_change_keeps_its_change():
    (f,) = extract("In the Red C poll, the Social Democrats are up two to 8 per cent.")
    assert (f.value, f.change, f.prior) == (8, 2, 6)


def test_a_standing_far_from_the_poll_is_still_read():
    text = ("National is on 37 percent in the latest Taxpayers' Union-Curia poll. "
            "The poll of 1,000 voters was taken last week. "
            "The Government announced a new infrastructure plan on Tuesday. "
            "Ministers said the plan would be funded from existing budgets. "
            "The Opposition called it a re-announcement. "
            "Economists were divided on its merits. "
            "In the preferred prime minister stakes, Luxon was on 23 percent and Hipkins on 21 percent.")
    assert [f.value for f in extract(text)][-2:] == [23, 21]


@pytest.mark.parametrize("text, wanted", [
    # a referendum's sides are options
    ("Some 38 per cent of Quebecers would vote Yes in a referendum, while 52 per cent would vote No, a Leger poll found.",
     ["Yes", "No"]),
    ("The Ipsos poll found that, including those who have not made up their minds, Yes stands at 48% and No at 44%.",
     ["Yes", "No"]),
    # parties of Northern Ireland, Quebec, New Zealand under their usual names
    ("The LucidTalk poll puts the Democratic Unionist party on 19% and the Ulster Unionist party on 12%.", ["DUP", "UUP"]),
    ("The Leger poll puts the PQ at 32 per cent and Québec solidaire at 10 per cent.", ["Parti Québécois", "Québec solidaire"]),
    ("In the 1News-Verian poll, NZ First was on 8 per cent and Te Pāti Māori on 4 per cent.", ["NZ First", "Te Pāti Māori"]),
])
def test_referendum_sides_and_party_names_of_more_countries(text, wanted):
    assert [f.subject for f in extract(text)] == wanted


def test_per_cent_is_never_what_a_figure_is_about():
    from medialens.polls.mentions import _SKIP_CHUNKS

    assert {"cent", "per cent", "pct"} <= _SKIP_CHUNKS
    figs = extract("Those planning to vote No rose to 49 per cent in the Resolve poll, while 13 per cent were undecided.")
    assert "cent" not in {f.subject for f in figs}


@pytest.mark.parametrize("sentence, wanted", [
    ("The More in Common poll found Labour on 25 per cent.", "More in Common"),
    ("A Franklin & Marshall College poll released Thursday found 48%.", "Franklin & Marshall College"),
    ("A separate poll by Redfield & Wilton Strategies put Rejoin on 52 pct.", "Redfield & Wilton Strategies"),
    ("The 1News-Verian poll of 1,000 voters had National on 34 per cent.", "1News-Verian"),
    ("The poll was conducted by the Marist Institute for Public Opinion.", "Marist Institute for Public Opinion"),
    ("The latest Nanos tracking, for The Globe and Mail, has the Conservatives at 40 per cent.", "Nanos"),
    # a party "polls" a share: the verb, no pollster
    ("On the regional list, the SNP polls 29%, ahead of Labour's 18%.", None),
])
def test_pollster_names_are_read_whole(sentence, wanted):
    from medialens.polls.attributes import find_pollster

    got = find_pollster(sentence)
    assert (got[0] if got else None) == wanted


def test_people_naming_issues_are_poll_figures_and_an_official_figure_does_not_carry_over_to_them():
    figs = extract("In the Ipsos Issues Index, housing was named by 14% and inflation and prices by 13%.")
    assert [(f.value, f.subject) for f in figs][:1] == [(14, "housing")]
    text = ("Rents rose 9 per cent last year, according to official figures. "
            "Asked about specific policy options in the Essential poll, 57 per cent supported limiting negative gearing.")
    assert [f.value for f in extract(text)] == [57]


def test_offices_and_suffixes_name_their_holder():
    from medialens.polls.subjects import offices_in

    assert offices_in("Vice President Sara Duterte got 60 percent and President Ferdinand Marcos Jr. 40.") == {
        "vice president": "Duterte", "president": "Marcos"}
    assert offices_in("36 per cent to 33 per cent over Opposition Leader Brad Battin") == {"opposition leader": "Battin"}
    t = ("A Pulse Asia survey found that 42 percent of respondents approved of President Ferdinand Marcos Jr.'s "
         "performance. Vice President Sara Duterte got 60 percent. The President's trust rating fell to 40 percent.")
    assert [(f.value, f.subject) for f in extract(t)] == [(42, "Marcos"), (60, "Duterte"), (40, "Marcos")]


def test_a_list_of_figures_takes_each_label_and_its_bracketed_earlier_value():
    t = ("The new Suffolk poll shows the race tightening:\n\n- Alicia Moreno (D): 38% (June: 41%)\n"
         "- John Kessler (R): 36% (June: 33%)\n- Undecided: 7%\n- Former deputy mayor Jennifer Lasko: 31 per cent")
    # (the full name or the surname: the report's name harmoniser makes them one series)
    assert [(f.value, f.subject.split()[-1], f.change, f.prior) for f in extract(t)] == [
        (38, "Moreno", -3, 41), (36, "Kessler", 3, 33), (7, "undecided", None, None), (31, "Lasko", None, None)]


def test_a_list_item_is_its_own_sentence():
    from medialens.text import sentence_spans

    t = "Top issues:\n- Housing costs: 27 percent\n- Education: 9 percent"
    assert [t[a:b] for a, b in sentence_spans(t)] == ["Top issues:", "- Housing costs: 27 percent", "- Education: 9 percent"]


def test_an_east_asian_name_keeps_its_family_name():
    t = ("President Lee Jae-myung's approval rating rose 3 percentage points to 63 percent this week, Gallup Korea "
         "said. The share of respondents who said Lee was doing a poor job fell 2 points to 29 percent.")
    assert [(f.value, f.subject) for f in extract(t)] == [(63, "Lee"), (29, "Lee")]


def test_a_surname_keeps_its_particles_and_inner_capitals():
    t = ("Asked who would make the best First Minister, 27 per cent chose Plaid leader Rhun ap Iorwerth, a YouGov "
         "poll found. Sinn Féin leader Mary Lou McDonald's rating rose by two points to 38 per cent, a Red C poll "
         "showed. Gov. Ron DeSantis had 31 per cent, a Fox News poll found.")
    assert [(f.value, f.subject) for f in extract(t)] == [(27, "ap Iorwerth"), (38, "McDonald"), (31, "DeSantis")]


def test_a_list_of_results_one_per_line_gives_each_line_its_name():
    # the lines were one sentence, and the ranker gave most figures the wrong name of eleven
    t = ("An Echelon Insights poll of likely Democratic primary voters found a new leader. Here's the field:\n\n"
         "Gavin Newsom — 25%\nKamala Harris — 19%\nPete Buttigieg — 10%\nAlexandria Ocasio-Cortez — 8%\n"
         "Josh Shapiro — 5%\nCory Booker — 4%\nGretchen Whitmer — 3%\nNot sure — 19%\n")
    got = [(f.value, f.subject.split()[-1]) for f in extract(t)]
    assert got == [(25, "Newsom"), (19, "Harris"), (10, "Buttigieg"), (8, "Ocasio-Cortez"), (5, "Shapiro"),
                   (4, "Booker"), (3, "Whitmer"), (19, "undecided")]


def test_the_leader_of_a_pair_may_have_a_clause_before_the_verb():
    t = ("Anthony Albanese continues to dominate as preferred prime minister, leading Opposition Leader Sussan "
         "Ley by 53 per cent to 31 per cent, the Newspoll found.")
    assert [(f.value, f.subject.split()[-1]) for f in extract(t)] == [(53, "Albanese"), (31, "Ley")]


def test_a_pronoun_means_the_person_who_opens_the_sentence_before():
    # "he" went to Starmer, named earlier with a known gender, and "she" to "Prime Minister" (an
    # office with no holder named), since Badenoch opened a sentence with no figure, never parsed
    t = ("Labour is on 22% in the latest YouGov poll for the Times.\n\n"
         "The prime minister's personal ratings offer little comfort. Just 21% of Britons think "
         "Starmer is doing well in the job, while 68% say he is doing badly.\n\n"
         "Kemi Badenoch fares little better. Asked about the Conservative leader, 19% said she was doing well.\n\n"
         "Nigel Farage remains the most divisive of the three. About a third of voters (34%) say he would "
         "make a good prime minister.")
    got = {f.value: f.subject for f in extract(t)}
    assert (got[68], got[19], got[34]) == ("Starmer", "Badenoch", "Farage")


def test_a_matchup_against_a_candidate_is_a_vote_not_opposition():
    # "holding her own against ... Mike Rogers" was measure "oppose" (and "own" ownership), a
    # panel of its own in the tracker
    t = ("Elissa Slotkin is the Democrat. Polling from the Times/SAY24/YouGov showed her holding her own "
         "against the likely Republican nominee, former Rep. Mike Rogers – 48% to 39% among registered voters.")
    assert [(f.subject, f.measure) for f in extract(t)] == [("Slotkin", "vote"), ("Rogers", "vote")]
    t = "A YouGov poll found 42% are against the plan and 40% back it."
    assert [f.measure for f in extract(t)] == ["oppose", "support"]


def test_the_brexit_sides_as_quoted_in_and_out():
    t = ('An ORB poll showed support for "In" at 45 percent and "Out" on 42 percent. A later ICM poll put '
         "Remain on 52 percent and Leave on 48 percent.")
    from medialens.polls.learn import subject_key

    assert [(f.value, subject_key(f.subject)) for f in extract(t)] == [
        (45, "remain"), (42, "leave"), (52, "remain"), (48, "leave")]


def test_the_pcs_are_the_progressive_conservatives():
    t = ("A Mainstreet poll put the PCs at 43 per cent and the Liberals at 29 per cent. The Ontario PC Party "
         "leads by 14 points.")
    assert [(f.value, f.subject) for f in extract(t)] == [
        (43, "Progressive Conservative"), (29, "Liberal"), (14, "Progressive Conservative")]


@pytest.mark.parametrize("text", [
    "A survey of 147 councils by the Local Government Association found that 83 per cent expect to make further cuts.",
    "The remaining 1.85 per cent was shared among ten other candidates, none of whom won more than 1 per cent.",
    "In Dublin Central fewer than half of registered voters cast a ballot.",
    "Polls closed at 7:30 p.m., and the first batch of absentee ballots, released 20 minutes later, showed Oyelaran ahead by 15 points.",
    "According to the Health Survey for England, 26% of adults in England are obese, and a further 38% are overweight.",
    # a business survey's net balance and an Irish count's tallymen (the twelfth blind test)
    "The RICS survey found a net balance of +12 per cent of Scottish respondents reported rising prices in August.",
    "Party tallymen had put Sinn Féin on about 20 per cent across the city by mid-morning, close to the final result.",
])
def test_councils_counts_and_health_surveys_are_not_opinion_polls(text):
    assert extract(text) == []


def test_a_figure_about_a_group_keeps_the_question_of_the_sentence_before():
    t = ("Sixty-four percent of Americans say abortion should be legal in all or most cases, a PRRI survey found. "
         "Among Catholics, the split is 58 percent to 40 percent.")
    subjects = [f.subject for f in extract(t)]
    assert subjects[0] == subjects[1] == subjects[2] and "split" not in subjects


def test_the_question_is_not_carried_to_a_sentence_with_its_own_subject():
    t = ("Sixty-four percent of Americans say abortion should be legal, a PRRI survey found. "
         "For Yahoo, 44 percent agreed.")
    assert [f.subject for f in extract(t)][-1] != extract(t)[0].subject


@pytest.mark.parametrize("text", [
    "Polls closed at 10pm on Thursday. Plaid Cymru was third with 21.6%. The Green Party took 6.4%.",
    "In New Jersey, Rep. Mikie Sherrill defeated Republican Jack Ciattarelli by about 13 points, 56.2 percent to 43.3 percent.",
    "State Sen. Ghazala Hashmi won the race for lieutenant governor with 55.4 percent.",
    "Spanberger carried Loudoun County with 64 percent and Prince William County with 65 percent.",
    "In California, voters approved Proposition 50 by a margin of roughly 64 percent to 36 percent.",
    "The swing from Labour to Reform was 17.5%, one of the largest recorded at a by-election.",
    "A Siena poll this week found her ahead. In 2022, she finished the first round with 46.2% before "
    "beating the mayor in the December runoff with 51.3%.",
    "A Siena poll this week found her ahead. Biden carried Georgia by about 12,000 votes in 2020; "
    "Obama carried Indiana by 1 point in 2008, 49.9% to 48.9%.",
    "A Siena poll this week found her ahead. He won the November general election with just over 52 percent.",
    "A Siena poll this week found her ahead. In 2016 he carried 45.9% of the popular vote.",
])
def test_election_night_is_not_a_poll(text):
    assert extract(text) == []


def test_a_poll_of_a_race_that_says_defeated_is_still_a_poll():
    figs = extract("A Monmouth poll found Sherrill would have defeated Ciattarelli 52% to 45%.")
    assert [f.value for f in figs] == [52, 45]


def test_shares_in_a_contest_are_votes_so_a_candidate_is_one_series():
    figs = extract("While Trump led Biden 43% to 38% among registered voters in the YouGov poll, "
                   "Baldwin led Hovde 50% to 43%.")
    assert {f.measure for f in figs} == {"vote"}
    assert extract("A Pew poll found 54% of registered voters are confident in Trump.")[0].measure != "vote"


def test_a_poll_table_under_a_question_is_read_row_by_row():
    # rows named after issues ("The economy", "Inflation") are a poll's, not economic statistics,
    # when the header says what was asked; each line is its own row
    text = ("A new Gallup poll asked about the president's record.\n\n"
            "How voters rate the president on the issues (approve / disapprove):\n\n"
            "Immigration: 41% / 57%\nThe economy: 37% / 61%\nInflation: 30% / 68%\n")
    figs = extract(text)
    assert [(f.subject, f.value) for f in figs] == [
        ("Immigration", 41), ("Immigration", 57), ("economy", 37), ("economy", 61),
        ("Inflation", 30), ("Inflation", 68)]


@pytest.mark.parametrize(("text", "values"), [
    pytest.param("A survey of 1,000 adults by Ipsos found 40% expect prices to rise.\n\n"
                 "Key rates:\nInflation: 3.1%\nPolicy rate: 4.25%\n", [40],
                 id="a table of figures without a poll header stays out"),
    # ("the issue that matters most": people naming issues, whose names are economic words)
    pytest.param("Housing remains the top issue in the Ipsos poll. It was cited by 44 per cent as the "
                 "issue that matters most to them, followed by the cost of living at 23 per cent and "
                 "immigration at 14 per cent.", [44, 23, 14],
                 id="an issue list slot is not read with the slot before it"),
    pytest.param("An Ipsos poll for the Irish Times was published on Thursday. The president, who won "
                 "office last month with 62.1 per cent of the vote, is popular: 58 per cent of voters said "
                 "they expected her to be a good president.", [58],
                 id="people answering beside an election result"),
    pytest.param("An AP poll of fans found 40% expect a title. The Wildcats are shooting 48.1% from the "
                 "field and 36.2% from 3-point range, and the guard has made 81% from the line.", [40],
                 id="shooting records are not poll figures"),
    pytest.param("An Ipsos poll showed the party at 6%. Its ally has failed to cross the 3.25% electoral "
                 "threshold in every poll since May.", [6], id="an electoral threshold is not a share"),
])
def test_which_numbers_of_a_text_are_poll_figures(text, values):
    assert [f.value for f in extract(text)] == values


def test_standings_far_from_the_poll_cue():
    text = ("A new Emerson College poll of 800 likely voters shows the governor ahead of her Republican "
            "rivals, 47% to 44%.\n\nThe governor said she was focused on the budget. She would not say "
            "whether she would debate. Her campaign has raised $9 million. It plans a bus tour.\n\n"
            "The Republican primary is a three-way race. Ramos leads with 34%, followed by Keller at 21% "
            "and Ortiz at 12%. Ramos' 13-point lead over Keller is down from 20 points in March.")
    got = [(f.kind, f.value) for f in extract(text)]
    assert ("share", 34) in got and ("share", 21) in got and ("share", 12) in got and ("lead", 13) in got


def test_prediction_market_prices_are_not_poll_standings():
    # an article that mentions a poll once, then reads out contract prices: the standings far
    # from the poll cue are prices
    text = ("A Marist poll in June found most Democrats undecided. Traders see it differently. "
            "Prediction markets have drawn $2 billion in bets this year. Regulators allowed them in "
            "2024. Volumes doubled in the spring. Liquidity is thin in some contracts.\n\n"
            "On Polymarket, Newsom is the favourite, priced at 31 percent. Ocasio-Cortez is next "
            "at 14 percent, followed by Buttigieg at 9 percent. On Kalshi, Vance trades at about "
            "52 percent, and he is at 54 percent on Polymarket.")
    assert extract(text) == []


def test_the_firm_that_surveyed_people_is_not_a_survey_of_firms():
    text = ("A separate Abacus Data survey released Tuesday found the Conservatives and the Liberals "
            "tied at 39 per cent each, with the NDP at 10 per cent. The firm surveyed 1,900 adults online.")
    assert [(f.subject, f.value) for f in extract(text)] == [
        ("Conservative", 39), ("Liberal", 39), ("NDP", 10)]


@pytest.mark.parametrize("result", [
    "The Greens held three seats on 5.1 per cent, and the Liberals were reduced to two seats on 3.9 per cent.",
    "The Centre Party, on 4.6%, also cleared the threshold, while the Christian Democrats, on 3.8%, fell short.",
    "The mayor lost her own bid for a council seat by 900 votes, finishing with 45.2 per cent to 47.9 per cent.",
    "Advance polls were busy, with 512,000 ballots cast over four days, a 9 per cent increase on 2022.",
    "Voters also renewed the county's 0.5% library levy, 58% to 42%, and repealed the city's soda tax.",
])
def test_results_beside_a_poll_are_not_poll_figures(result):
    # a poll cue in the sentence before used to make the count's figures poll figures
    text = "An Ipsos poll before the vote had the party at 7 per cent. " + result
    assert [f.value for f in extract(text)] == [7]


def test_a_huge_document_is_read_in_windows_with_the_article_offsets(monkeypatch):
    # one 1.2 MB cell of poll sentences grew past 8 GB; windows keep memory to one window's
    import medialens.polls as P

    para = "A YouGov poll found 41 per cent would vote Labour and 38 per cent Conservative."
    text = "\n\n".join([para] * 60)
    whole = P.extract(text)
    monkeypatch.setattr(P, "MAX_WINDOW", 1_000)
    windowed = P.extract(text, doc_id="d")
    assert len(P._windows(text)) > 1
    assert [(f.value, f.subject, f.start, f.end) for f in windowed] == \
        [(f.value, f.subject, f.start, f.end) for f in whole]
    assert all(text[f.start:f.end] in ("41 per cent", "38 per cent") for f in windowed)
    assert len({f.poll_id for f in windowed}) == len(P._windows(text))


def test_a_run_on_sentence_of_many_names_ranks_only_the_nearest():
    from medialens.polls.attribution import MAX_OPTIONS, examples

    text = "A YouGov poll found " + ", ".join(
        f"{n} at {p} per cent" for n, p in zip(
            ["Labour", "Reform UK", "the Conservatives", "the Greens", "the Liberal Democrats", "the SNP",
             "Plaid Cymru"] * 6, range(10, 52), strict=True)) + "."
    exs, _, _ = examples(text)
    assert exs and max(len(e.options) for e in exs) <= MAX_OPTIONS


def test_a_cabinet_support_rate_is_a_poll_figure():
    # Kyodo's and NHK's wording: "rate" here is a share of respondents, not an economic rate
    from medialens.polls import explain

    text = ("Ishiba took office in October. His Cabinet's support rate stood at 51.2 percent in "
            "Kyodo News' first survey, while the disapproval rate was 28.1 percent.")
    assert "economic" not in explain(text).set_index("value").at[51.2, "reason"]
    text = ("A Kyodo News telephone survey of 1,050 voters was released on Sunday. Ishiba's "
            "Cabinet's support rate stood at 51.2 percent, while the disapproval rate was 28.1 percent.")
    assert [f.value for f in extract(text)] == [51.2, 28.1]


def test_a_first_name_the_article_gives_in_full_becomes_the_surname():
    # "Sir Keir" (British usage) and "Prime Minister Viktor Orbán" gave "Keir" and "Viktor" as
    # subjects; people are named by surname
    text = ("Keir Starmer is struggling, a YouGov poll for The Times found. Asked who would make "
            "the best prime minister, 24 per cent chose Mr Farage and 21 per cent Sir Keir.")
    assert [(f.value, f.subject) for f in extract(text)] == [(24, "Farage"), (21, "Starmer")]


def test_a_capitalised_word_opening_a_sentence_is_not_the_person_a_pronoun_means():
    # the parser called "Turnout" a person; "he" then went to it
    text = ("Mayor Ben Carter won a third term in May with 43.8% of the vote. Turnout was 40.5%. "
            "A YouGov poll this week found Londoners split on his record. Asked how he was doing "
            "as mayor, 38% said well, while 50% said badly.")
    subjects = {f.value: f.subject for f in extract(text)}
    assert subjects[38] == subjects[50] == "Carter"


def test_a_name_the_parser_calls_an_organisation_is_a_candidate_in_a_contest():
    # spaCy tags "Trump's" ORG now and then; "to Trump's 47 percent" then had no measure and the
    # tracker drew an unlabelled "Donald Trump" panel beside "Donald Trump (vote)"
    text = "A CNN poll was out. In that poll, Clinton got 49 percent to Trump's 47 percent."
    assert [(f.subject, f.measure) for f in extract(text)] == [("Clinton", "vote"), ("Trump", "vote")]


def test_tracker_counts_undated_polls_not_their_rows():
    # a poll is one tracker row per subject it measured: "None of the 2 polls", not "of the 5"
    from medialens.plotting.polls import poll_tracker
    from medialens.polls.tables import tracker_table

    figs = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"] * 2, "poll_id": ["p1"] * 3 + ["p2"] * 2, "kind": ["share"] * 5,
                         "subject": ["Labour", "Conservative", "Reform", "Labour", "Conservative"],
                         "value": [30.0, 25, 20, 31, 24], "pollster": ["YouGov"] * 5, "measure": ["vote"] * 5})
    assert poll_tracker(tracker_table(figs)).text.startswith("None of the 2 polls that report a share has a date")


def test_a_pollster_named_like_a_party_is_not_the_subject():
    """"a July poll from the National Alliance on Mental Illness": the organisation runs the poll
    (it is no party, so the figure is no vote share) and the figure is about the treatment."""
    from medialens import polls

    (f,) = polls.extract("Despite 988's growth, 3 in 4 Americans say they are not content with mental "
                         "health treatment in this country, a July poll from the National Alliance on "
                         "Mental Illness found.")
    assert (f.value, f.subject, f.pollster) == (75.0, "mental health treatment", "National Alliance")
    assert f.measure != "vote"


def test_quantity_prefilters_change_nothing(reuters_path):
    """find_quantities skips a pattern family when the sentence lacks a word or sign the family
    needs (a unit, a digit, "by", a fraction word); on real sentences that gives exactly what
    running every family gives (all 177,111 sentences of Reuters odd ids, BBC odd, news_modern
    and the synthetic articles agreed when it was written; 2.9x faster)."""
    from medialens.polls.numbers import find_quantities
    from medialens.text import sentence_spans

    texts = [r.get("body") or "" for _, r in zip(range(3000), iter_jsonl_gz(reuters_path), strict=False)
             if r["id"] % 2 == 1]
    texts += [p.read_text(encoding="utf-8") for p in sorted((TEST_DATA / "polls_synthetic").glob("*/*.txt"))[:120]]
    texts += ["Net approval is -12%, down a point; one in five back it; evenly split; ahead by 11; "
              "half said so; 40-45 pct; 38-1/2 pct; between 30 and 35 per cent; 48-45."]
    n = 0
    for t in texts:
        for a, b in sentence_spans(t):
            s = t[a:b]
            n += 1
            assert find_quantities(s) == find_quantities(s, _all_patterns=True), s
    assert n > 5000


def test_a_bound_is_an_approximate_figure():
    # red-team: "south of 40%" was an exact 40 in the tracker
    figs = extract("A Gallup poll put his approval rating south of 40% and his disapproval north of 50%.")
    assert [(f.value, f.approx) for f in figs] == [(40.0, True), (50.0, True)]


def test_an_article_in_another_language_gives_no_figure_as_the_screening_says():
    # the screening lists its numbers as "not English"; the figures table used to hold them
    corpus = pd.DataFrame({"doc_id": ["fr", "fr2", "en"],
                           "text": ["Selon un sondage Ifop publié dimanche, 42 % des Français soutiennent la "
                                    "réforme et 38 % s'y opposent, a indiqué l'institut.",
                                    "Selon un sondage Ifop publié dimanche, 42 % des Français soutiennent la "
                                    "réforme et 38 % s'y opposent, a indiqué l'institut.",
                                    "A YouGov poll found 41 pct backed Labour."],
                           "lang": ["fr", None, "en"]})
    assert extract_corpus(corpus)["doc_id"].tolist() == ["en"]


@pytest.mark.parametrize("text", [
    # tenth blind test's negatives: a federation of small firms surveys its members
    "In the CFIB survey, 47 per cent of owners cited insufficient domestic demand as a major limitation.",
    # an election result shared among the rest of the field
    "The remaining seven candidates shared just under 10 per cent of the vote among them, the poll results showed.",
])
def test_small_business_surveys_and_shared_vote_results_are_no_poll_figures(text):
    assert extract(text) == []


def test_a_pollsters_possessive_is_its_name_not_the_month_after_it():
    from medialens.polls.attributes import find_pollster

    assert find_pollster("That is up from a four-point edge in Mainstreet's September survey.")[0] == "Mainstreet"


def test_asian_and_latin_american_pollsters_and_the_papers_own_polls_are_known():
    # thirteenth blind test: Gallup Korea was "Gallup", Realmeter/Cadem/Kyodo were no pollster
    # at all (so their sentences had no poll cue)
    assert [f.pollster for f in extract("Gallup Korea found 58% approval for Lee.")] == ["Gallup Korea"]
    assert [f.pollster for f in extract("Support for Lee's party stood at 43% in Realmeter's weekly reading.")] \
        == ["Realmeter"]
    assert [(f.value, f.pollster) for f in extract("A Kyodo poll showed 40% support for the cabinet.")] \
        == [(40.0, "Kyodo")]
    # a newspaper or agency name alone is no poll: only in a poll role
    assert extract("Kyodo news agency said the yen rose 2 pct.") == []
    assert extract("The Nikkei rose 3 pct on the news, Asahi reported.") == []


@pytest.mark.parametrize("result", [
    # thirteenth blind test: results inside poll articles, and a count of seats
    "The SPD slumped to 16.4% in February, its worst showing in a federal election since 1949.",
    "In Saxony the same month, it finished a close second to the CDU with 30.6%.",
    "The PQ, which finished with just three seats and 14.6 per cent of the vote, was written off.",
    "Labor won the 2022 election in a landslide, taking 56 of the 88 seats with 37 per cent of the primary vote.",
    "With 37 seats, the AfD now holds more than a third of the chamber.",
])
def test_results_and_seats_in_poll_articles_are_no_poll_figures(result):
    figs = extract("A Forsa poll for RTL put the party on 22% on Tuesday. " + result)
    assert [f.value for f in figs] == [22.0]


def test_a_result_taken_or_received_is_no_figure_but_support_garnered_is():
    from medialens.polls.context import is_election_result

    assert is_election_result("Liberal candidate Nadia Haddad took 13.4 per cent, while Vincent Lapointe received 6.2 per cent.")
    assert not is_election_result("Libertarian Gary Johnson garnered 10% support, and Jill Stein polled at 4%.")
    assert not is_election_result("Trump received about 28 percent of the support.")


def test_a_party_named_with_its_acronym_is_that_party_throughout_the_article():
    text = ("The survey by IBRiS for Rzeczpospolita found that 31.4% of respondents would vote for the Civic "
            "Coalition (KO) and 28.9% for PiS. The Polish People's Party (PSL) was on 3.4%. "
            "The center-left Social Democrats (SPD) were on 14% in the same week's Forsa poll.")
    assert [(f.value, f.subject) for f in extract(text)] == [
        (31.4, "Civic Coalition"), (28.9, "PiS"), (3.4, "PSL"), (14.0, "SPD")]


def test_a_short_sentence_is_not_a_list_label():
    # the poll report's illustration showed "Inflation rose to" as the subject of 3.1 per cent
    from medialens import polls

    got = polls.explain("A Meridian Research poll of 1,012 adults found that 44 per cent approve of the Prime "
                        "Minister. Inflation rose to 3.1 per cent.")
    assert got["subject"].tolist()[0] == "Prime Minister"
    assert got["subject"].isna().tolist()[1]
    # a label and its figure alone on a line still are a list's row
    figs = extract("A YouGov poll for The Times found:\nUndecided 10%")
    assert [(f.value, f.subject.lower()) for f in figs] == [(10.0, "undecided")]


def test_tracker_subjects_show_each_requested_subject_before_the_panel_limit():
    # red-team: subjects=Harris,Clinton with max_panels=4 drew four Harris series (three of a
    # single poll) and no Clinton panel, and said nothing about it
    from medialens.plotting.polls import poll_tracker

    def series(subject, measure, n):
        return pd.DataFrame({"subject": subject, "measure": measure, "value": 40.0, "pollster": "CNN",
                             "date": pd.date_range("2016-01-01", periods=n, freq="MS", tz="UTC"),
                             "date_basis": "fieldwork"})

    t = pd.concat([series("Kamala Harris", "vote", 5), series("Kamala Harris", "approve", 1),
                   series("Kamala Harris", "trust", 1), series("Kamala Harris", "disapprove", 1),
                   series("Hillary Clinton", "vote", 12)], ignore_index=True)
    fig = poll_tracker(t, subjects=["Harris", "Clinton"], max_panels=2)
    assert [a.get_title() for a in fig.axes if a.get_title()] == ["Kamala Harris (vote)", "Hillary Clinton (vote)"]
    note = " ".join(x.get_text() for x in fig.texts)
    assert "3 more series match the subjects and are not drawn (max_panels=2)" in note


def test_approval_of_a_persons_handling_is_theirs_not_the_previous_sentences_party():
    # red-team: in a Meridian story the Prime Minister's rating was filed under the party of
    # the sentence before, and the tracker drew it as "Conservative (approve)"
    text = ("Labour is on 41 per cent, according to a Meridian Research poll of 1,504 adults for The "
            "Guardian. The Conservatives are on 35 per cent. The margin of error is 3 points. The poll "
            "also found that 44 per cent approve of Prime Minister Jane Holm's handling of the economy.")
    assert [(f.value, f.subject) for f in extract(text)] == [
        (41.0, "Labour"), (35.0, "Conservative"), (44.0, "Holm")]


def test_half_in_a_compound_is_no_figure():
    # red-team: "scrum-half Richard Wigglesworth" was kept as a 50% share in a rugby report
    from medialens.polls.numbers import find_quantities

    assert find_quantities("The scrum-half Richard Wigglesworth and fly-half Owen Farrell start.") == []
    assert [q.value for q in find_quantities("nearly half of voters, one-half of them women")] == [50.0, 50.0]


def test_the_screening_table_keeps_what_the_figures_table_holds():
    # red-team: the screening showed the rule pass's decisions, the figures the model's; "National
    # is on 39 per cent." was a figure (0.63) and the screening's example of a rejected number
    from medialens.polls.audit import explain_corpus

    corpus = pd.DataFrame({"doc_id": ["nz"], "text": [
        "Labour has fallen to 29 per cent in New Zealand, a Roy Morgan poll shows. National is on 39 per cent."]})
    kept = explain_corpus(corpus, engine="local", cache=None).query("accepted")["figure"].tolist()
    assert kept == ["29 per cent", "39 per cent"]
    assert [f.value for f in extract_corpus(corpus, engine="local", cache=None).itertuples()] == [29.0, 39.0]


def test_a_partnership_is_not_merged_into_a_larger_one():
    # red-team: "NBC/Wall Street Journal" (national polls) was merged into
    # "NBC/Wall Street Journal/Marist" (Marist's state polls), so one line joined the two
    from medialens.polls.names import _pollster_names

    m = _pollster_names(pd.Series(["NBC/Wall Street Journal", "NBC/Wall Street Journal/Marist", "Meridian",
                                   "Meridian Research"]))
    assert m["NBC/Wall Street Journal"] == "NBC/Wall Street Journal"
    assert m["Meridian"] == "Meridian Research"


def test_a_sentence_is_parsed_once_per_process():
    # the report's screening reads the sentences the extraction just parsed: the parse is most of
    # the models' cost, and was paid twice
    from medialens.polls.nlp import parse

    s = "A Gallup poll gave Labour 41 pct of the vote in the spring."
    first, again = parse([s, s])
    assert first is again and parse([s])[0] is first
    assert [t.text for t in first][:2] == ["A", "Gallup"]


@pytest.mark.parametrize("text, pollster, sponsor", [
    # the publisher of a pollster's poll is its sponsor, not its pollster (blind test 15)
    ("The Parti Québécois leads with 34 per cent, according to a Pallas Data poll published by L'actualité "
     "on Wednesday.", "Pallas Data", "L'actualité"),
    # a pollster whose whole name ends in "Co." keeps it
    ("The Research Co. survey, conducted online among 800 adults in British Columbia, found 44 per cent of decided "
     "voters would support the B.C. NDP.", "Research Co.", None),
    ("A Glengariff Group poll for the Detroit Regional Chamber found Benson at 35%.", "Glengariff Group",
     "Detroit Regional Chamber"),
])
def test_pollsters_of_canada_and_the_midwest(text, pollster, sponsor):
    (f,) = extract(text)
    assert (f.pollster, f.sponsor) == (pollster, sponsor)
