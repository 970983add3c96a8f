"""Wire-copy cleaning (medialens.wire): sign-offs, credit lines, table rows, datelines.

Golden lines are invented in the shapes agency copy uses; the real-data tests read Reuters-21578
(odd ids only) and BBC News from ../shared and skip without them.
"""

from __future__ import annotations

import json
import re
from itertools import islice

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import iter_jsonl_gz
from medialens import clean
from medialens.corpus import load_corpus
from medialens.text import sentence_spans, sentences_frame
from medialens.wire import (
    MAX_TABLE_SHARE,
    clean_wire,
    clean_wire_texts,
    explain_wire,
    prose_text,
    sign_offs,
    wire_evidence,
)

STORY = ("The central bank held its main rate at 4.5 pct on Thursday, as economists had\n"
         "expected, and said inflation would fall to 2.1 pct next year.\n"
         "    Markets barely moved after the decision was announced.")


# ----------------------------------------------------------------------------- sign-offs


@pytest.mark.parametrize("ending, reason", [
    ("\n Reuter", "agency sign-off"),
    ("\n REUTER", "agency sign-off"),
    ("\n reuter", "agency sign-off"),
    ("\n REUTER...", "agency sign-off"),
    ("\n REUTER^M", "agency sign-off"),
    ("\n(Reuters)", "agency sign-off"),
    ("\n-- Reuters", "agency sign-off"),
    ("\n\nAP", "agency sign-off"),
    ("\n - AFP", "agency sign-off"),
    ("\n\n(Reporting by Piet Rask; Editing by Lena Ord)", "credit line"),
    ("\n\n(additional reporting by Anja Holt in Port Selden)", "credit line"),
    ("\n MORE", "continuation marker"),
    (" REUTER", "agency sign-off glued to the last sentence"),
])
def test_sign_offs_are_cut_from_the_end(ending, reason):
    cut, removed = sign_offs(STORY + ending)
    assert (STORY + ending)[:cut] == STORY
    assert [ln.reason for ln in removed] == [reason]
    wc = clean_wire(STORY + ending)
    assert wc.text == STORY and [ln.reason for ln in wc.removed] == [reason]


def test_stacked_sign_offs_all_go():
    text = STORY + " REUTER\n Reuter"
    wc = clean_wire(text)
    assert wc.text == STORY
    assert [ln.text for ln in wc.removed] == ["REUTER", "Reuter"]


@pytest.mark.parametrize("text", [
    "The agency said it had told Reuters.",           # a sentence that ends with the name
    "Shares in the agency rose.\nReuters.",            # a wrapped sentence's last word
    "The wire service was founded in 1851 by Paul Julius Reuter",  # no line of its own
    "Both sides said more talks were needed.\nMore",   # "More" glued? no: see below
])
def test_sentences_that_mention_an_agency_are_kept(text):
    cut, removed = sign_offs(text)
    if text.endswith("\nMore"):  # a bare "More" line is the wire's continuation marker
        assert [ln.reason for ln in removed] == ["continuation marker"]
    else:
        assert removed == () and cut == len(text)


def test_cross_document_evidence_finds_a_corpus_own_sign_off():
    texts = [f"Story number {i} ends with a full sentence.\n -- The Clarion" for i in range(6)]
    texts += ["A story without it."] * 3
    evidence = wire_evidence(texts)
    assert evidence.sign_offs == frozenset({"-- the clarion"})
    out, summary = clean_wire_texts(texts)
    assert out[0] == "Story number 0 ends with a full sentence."
    assert out[-1] == "A story without it."
    assert summary.removed == {"-- The Clarion": 6}
    note = summary.notes()[0]
    assert note.startswith("wire copy: 6 sign-off/credit line(s) removed from the end of 6 texts")
    # one document alone is no evidence
    assert clean_wire_texts(texts[:1])[0] == texts[:1]


def test_a_recurring_last_sentence_is_not_a_sign_off():
    texts = [f"Story {i}.\nThis story has been updated with additional reporting." for i in range(9)]
    assert wire_evidence(texts).sign_offs == frozenset()
    assert clean_wire_texts(texts)[0] == texts


def test_text_that_is_only_a_sign_off_is_emptied_and_reported():
    out, summary = clean_wire_texts(["Reuter", STORY])
    assert out == ["", STORY] and summary.emptied == [0]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,5\n-()RUETrue")), max_size=120))
def test_cleaning_only_ever_cuts_the_end(text):
    wc = clean_wire(text)
    assert text.startswith(wc.text)
    for ln in wc.lines:
        assert text[ln.start:ln.end] == ln.text


# ----------------------------------------------------------------------------- tables


PRICE_TABLE = ("GRAIN PRICES - APR 07\n"
               " Prices in francs per 100 kilos, traders said.\n"
               "    SOFT WHEAT - DLVD ROUEN APR/MAY 130.50 BYR, JUNE 131 PAID.\n"
               "    FEED BARLEY - EX REGION APR/MAY 114.50 SLR.\n"
               "    MAIZE - FOB REGION APR/JUNE 132.50 BYR.\n Reuter")
RESULTS = ("Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000\n    Revs 510.2 mln vs 479.7 mln\n"
           "    Six mths\n    Oper shr loss two cts vs profit seven cts\n"
           "    Note: the year includes a gain of 132,000 dlrs from a tax credit.\n Reuter")
COLUMNS = ("The department gave these prices (dlrs per bushel):\n"
           "         Natl   Loan           Release\n"
           " Wheat   2.55   2.40       IV     4.65\n"
           " Corn    1.35   1.92       IV     3.15\n"
           " Net free reserves.............644 vs.....1,337\n")


@pytest.mark.parametrize("text, line, reason", [
    (PRICE_TABLE, "SOFT WHEAT - DLVD ROUEN APR/MAY 130.50 BYR, JUNE 131 PAID.",
     "figures beside capitalised codes"),
    (RESULTS, "Net 807,000 vs 2,858,000", "row of figures"),
    (RESULTS, "Shr 34 cts vs 1.19 dlrs", "short row of figures"),
    (RESULTS, "Six mths", "label line among table rows"),
    (RESULTS, "Oper shr loss two cts vs profit seven cts", "label line among table rows"),
    (COLUMNS, "Wheat   2.55   2.40       IV     4.65", "columns of figures"),
    (COLUMNS, "Natl   Loan           Release", "label line among table rows"),
    (COLUMNS, "Net free reserves.............644 vs.....1,337", "dot leaders before figures"),
])
def test_table_rows_are_recognised(text, line, reason):
    table = explain_wire(text).set_index("line")
    assert table.loc[line, "kind"] == "table"
    assert table.loc[line, "reason"] == reason
    assert table.loc[line, "kept"]  # tables stay in the text; readability leaves them out


@pytest.mark.parametrize("text", [
    STORY,
    # a wrapped sentence whose last line is only figures
    "Exports of the grain are expected to rise to a record of\n60,000 tonnes.",
    # figures inside prose, a double space after a full stop
    "Turnover rose 12.7 pct to 413.1 mln dlrs.  Profit rose 8.4 pct to 2.3 billion dlrs in the "
    "year, the company said, and it expects 10 pct growth in 1988.",
    # a long paragraph with a stray double space and a few figures
    "Hamilton finished 0.715 seconds off  the pace set by Rosberg, who won the race in 2014 "
    "and was fastest on Friday, with Vettel third for Ferrari in his first race for the team.",
])
def test_prose_with_figures_is_not_a_table(text):
    assert (explain_wire(text)["kind"] == "prose").all()


def test_table_share_and_prose_text():
    wc = clean_wire(PRICE_TABLE)
    assert wc.table_share > MAX_TABLE_SHARE
    assert prose_text(wc).split() == "Prices in francs per 100 kilos, traders said.".split()
    assert clean_wire(STORY).table_share == 0


# ----------------------------------------------------------------------------- datelines


def test_dateline_is_recognised_and_kept_in_the_text():
    text = ("PORT SELDEN, March 3 (Kestrel News) - Support for the government rose two points, "
            "a poll showed on Sunday.\n\n(Reporting by Anja Holt)")
    wc = clean_wire(text)
    assert [ln.kind for ln in wc.lines] == ["dateline", "prose", "sign-off"]
    assert wc.lines[0].text == "PORT SELDEN, March 3 (Kestrel News) -"
    assert wc.text.startswith("PORT SELDEN")  # the loader reads place and outlet from it
    assert prose_text(wc).strip().startswith("Support for the government")


# ----------------------------------------------------------------------------- clean.py


def test_clean_offers_the_wire_functions_and_explain_page_shows_them():
    assert clean.explain_wire is explain_wire
    page = ("Home  News  Sport  Weather\n\nSupport for the plan rose to 43 percent, a poll "
            "published on Sunday showed, up from 39 percent in May.\n\nREUTER")
    table = clean.explain_page(page)
    assert table["wire"].tolist() == ["", "prose", "sign-off"]
    assert table["kept"].tolist() == [False, True, False]


# ----------------------------------------------------------------------------- the loader


def test_loader_cuts_sign_offs_from_tabular_input_and_accounts_for_them(tmp_path):
    rows = [{"id": i, "text": f"Story {i}: the council met on Tuesday, officials said.\n Reuter"}
            for i in range(4)]
    rows.append({"id": 9, "text": "REUTER"})
    path = tmp_path / "wire.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows),
                    encoding="utf-8")
    df, report = load_corpus(path, detect_language=False, near_duplicates=False)
    assert not df["text"].str.contains("Reuter", case=False).any()
    assert df.set_index("doc_id").loc["0", "text"].endswith("officials said.")
    note = next(n for n in report.notes if n.startswith("wire copy:"))
    assert "5 sign-off/credit line(s) removed from the end of 5 texts" in note
    assert "'Reuter' x 4" in note and "'REUTER' x 1" in note
    assert {"doc_id": "9", "file": "wire.jsonl", "reason": "only a wire sign-off (removed)"} \
        in report.empty_texts


_ONLY_SIGN_OFF = re.compile(r"^[\W_]*(?:reuters?|ap|afp|upi)[\W_]*(?:\^M)?$", re.IGNORECASE)


@pytest.mark.realdata
def test_reuters_has_no_sentence_that_is_only_a_sign_off(reuters_path, tmp_path):
    records = [r for r in islice(iter_jsonl_gz(reuters_path), 6000) if r["id"] % 2]
    raw = pd.DataFrame({"doc_id": [str(r["id"]) for r in records],
                        "text": [(r.get("body") or "").strip() for r in records]})
    before = sentences_frame(raw)["sentence"].map(lambda s: bool(_ONLY_SIGN_OFF.match(s)))
    assert before.mean() > 0.08  # about one sentence in nine was "Reuter"
    path = tmp_path / "reuters.jsonl"
    raw.rename(columns={"doc_id": "id"}).to_json(path, orient="records", lines=True)
    df, _ = load_corpus(path, detect_language=False, near_duplicates=False)
    after = sentences_frame(df)
    assert after["sentence"].map(lambda s: bool(_ONLY_SIGN_OFF.match(s))).sum() == 0
    # nothing but sign-offs was lost: every other sentence is still there
    lost = set(sentences_frame(raw)["sentence"]) - set(after["sentence"])
    assert all(re.search(r"reuter|more", s, re.IGNORECASE) for s in lost)


@pytest.mark.realdata
def test_cleaning_leaves_bbc_news_unchanged(bbc_path):
    texts = [r["text"].strip() for r in iter_jsonl_gz(bbc_path) if int(r["id"].split("/")[-1]) % 2]
    out, summary = clean_wire_texts(texts)
    assert out == texts and not summary.docs
    lines = [ln for t in texts for ln in clean_wire(t).lines]
    tables = sum(ln.kind == "table" for ln in lines)
    assert tables / len(lines) < 0.01  # football scorer lines ("Riise 1, Nunez 113.") only


def test_sentences_can_leave_out_tables_and_the_dateline():
    text = "LONDON (Reuters) - Gold fell on Monday.\n" + COLUMNS + "    Dealers were quiet."
    spans = sentence_spans(text, prose_only=True)
    assert [text[s:e] for s, e in spans] == [
        "Gold fell on Monday.", "The department gave these prices (dlrs per bushel):",
        "Dealers were quiet."]
    assert len(sentence_spans(text)) > len(spans)  # the default keeps every line


# The patterns the table classifier's fast checks replaced (the reference they must agree with)
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_NUMERIC_HINT = re.compile(r"\d|--|\b(?:n\.?a|n/a|nil|nc|unch|untrd)\b", re.IGNORECASE)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=list(".!?…\"'”’)]a A1٣-\nnNilUCHta/$("), max_size=12))
def test_fast_line_checks_equal_their_patterns(line):
    """The table classifier's fast checks give exactly what the patterns they replace give."""
    from medialens.wire import tables

    assert tables._numeric_hint(line) == bool(_NUMERIC_HINT.search(line))
    line = line.rstrip("\n")  # lines never end with a newline
    assert tables._ends_sentence(line) == bool(_ENDS_SENTENCE.search(line))
    tokens = line.split()
    assert tables._numeric(tokens) == sum(
        1 for t in tokens if tables._NUMBER.match(t) or t.lower() in tables._NUMBERLIKE)
