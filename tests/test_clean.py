from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import iter_jsonl_gz
from medialens.clean import (
    boilerplate_lines,
    clean_page,
    decode_bytes,
    explain_page,
    extract_html,
    line_key,
    split_units,
)
from medialens.corpus import load_corpus

# ----------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("data, text, note", [
    (b"Plain ASCII.", "Plain ASCII.", None),
    (codecs.BOM_UTF8 + "Caf\u00e9 costs \u00a32".encode(), "Caf\u00e9 costs \u00a32",
     "utf-8 byte-order mark removed"),
    (codecs.BOM_UTF16_LE + "Tokyo \u2014 troops".encode("utf-16-le"), "Tokyo \u2014 troops",
     "utf-16-le byte-order mark removed"),
    # BBC sport/199 style: one cp1252 pound sign in otherwise ASCII text
    (b"a fee of \xa315.8m was agreed", "a fee of \u00a315.8m was agreed",
     "1 byte(s) that are not UTF-8 read as cp1252"),
    # UTF-8 text with one stray cp1252 byte: both kept right
    ("Caf\u00e9 owners pay ".encode() + b"\xa3" + b"3", "Caf\u00e9 owners pay \u00a33",
     "1 byte(s) that are not UTF-8 read as cp1252"),
    # cp1252 smart quotes
    (b"\x93We cannot say,\x94 Koizumi said", "\u201cWe cannot say,\u201d Koizumi said",
     "2 byte(s) that are not UTF-8 read as cp1252"),
    # mojibake: UTF-8 read as cp1252 and saved again
    ("the prime minister\u00e2\u20ac\u2122s policy".encode(), "the prime minister\u2019s policy",
     "mojibake repaired (ftfy)"),
])
def test_decode_bytes(data, text, note):
    decoded = decode_bytes(data)
    assert decoded.text == text
    if note is None:
        assert decoded.notes == ()
    else:
        assert note in decoded.notes


def test_decode_legacy_encoded_file():
    text = ("\u041f\u0440\u0435\u043c\u044c\u0435\u0440-\u043c\u0438\u043d\u0438\u0441\u0442\u0440 "
            "\u0437\u0430\u044f\u0432\u0438\u043b, \u0447\u0442\u043e \u0432\u043e\u0439\u0441\u043a\u0430 "
            "\u043f\u0440\u0438\u0431\u044b\u043b\u0438 \u0432 \u0418\u0440\u0430\u043a. ") * 5
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text
    assert decoded.notes and decoded.notes[0].startswith("decoded as")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
    bytes(range(256)) * 4,
    b"\x00\x01\x02\x03" * 100,
])
def test_binary_data_is_not_text(data):
    assert decode_bytes(data).text is None


def test_empty_bytes():
    assert decode_bytes(b"").text == ""


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_raises(data):
    decoded = decode_bytes(data)
    assert decoded.text is None or isinstance(decoded.text, str)


# ----------------------------------------------------------------------------- the fixture

FIXTURE_FIRST = "TOKYO, Japan (CNN) -- Japanese troops have arrived in southern Iraq"
FIXTURE_LAST_START = "The plan for the dispatch -- approved late last year --"
FIXTURE_LAST_END = "yet to be provided."
NOT_BODY = [
    "Skip to main content", "Powered by", "Iraq Banner", "Japan troops begin Iraq mission",
    "No specific date for the main dispatch", "Story Tools", "more video", "VIDEO",
    "Japanese troops cross the Kuwaiti border", "premium content", "Interactive:",
    "Follow the news", "Popular Alerts", "Free Trial", "Top Stories", "Iran poll to go",
    "EU 'crisis'", "CNN Mobile", "Cable News Network", "Rights Reserved", "privacy",
    "external", "Premium content icon",
]


@pytest.fixture(scope="module")
def fixture_text(fixture_page):
    return decode_bytes(fixture_page.read_bytes()).text


@pytest.mark.realdata
def test_fixture_body_boundaries(fixture_text):
    body = clean_page(fixture_text).body
    paragraphs = body.split("\n\n")
    assert body.startswith(FIXTURE_FIRST)
    assert paragraphs[-1].startswith(FIXTURE_LAST_START)
    assert paragraphs[-1].endswith(FIXTURE_LAST_END)
    assert len(paragraphs) == 14
    for fragment in NOT_BODY:
        assert fragment not in body, fragment
    # the two poll figures stay in the body
    assert "evenly divided for and against deployment" in body
    assert "climbed 2 percent to 43 percent" in body


@pytest.mark.realdata
def test_fixture_explain_names_the_rules(fixture_text):
    table = explain_page(fixture_text).set_index("line")
    assert table.loc["Story Tools", "reason"].tolist() == ["share or tools"] * 2
    assert table.loc["\u2022\u00a0Interactive: Sectarian divide", "reason"] == "bulleted link"
    assert table.loc["© 2005 Cable News Network LP, LLLP.", "reason"] == "copyright or legal"
    assert table["kept"].sum() == 14


# ----------------------------------------------------------------------------- page rules

PARA_1 = ("WASHINGTON, March 3 (Reuters) - President Reagan's approval rating fell to 42 "
          "percent in a new poll, the lowest since the Iran arms affair became public.")
PARA_2 = ("The survey of 1,500 adults was taken over the weekend and has a margin of error of "
          "three percentage points, the pollsters said on Monday.")
PARA_3 = "White House officials declined to comment."


def test_boilerplate_inside_the_body_is_dropped_and_the_body_continues():
    page = "\n".join(["Home | World | Business | Sport", "", PARA_1, "", "Advertisement", "",
                      PARA_2, "", PARA_3, "", "Share this article", "Most read",
                      "Reagan aides prepare for hearings", "© 1987 Example Wire"])
    assert clean_page(page).body == "\n\n".join([PARA_1, PARA_2, PARA_3])


def test_hard_wrapped_paragraphs_are_kept_whole():
    wrapped = ("Showers continued throughout the week in the Bahia cocoa zone,\n"
               "alleviating the drought since early January and improving prospects\n"
               "for the coming harvest, a weekly review said.")
    assert split_units(wrapped) == [(0, len(wrapped))]
    assert clean_page("Menu\n\n" + wrapped).body == wrapped


def test_page_without_prose_has_an_empty_body():
    page = "Skip to content\nHome  News  Sport  Weather\nLog in | Register\n© 2025 Example"
    cleaned = clean_page(page)
    assert cleaned.body == ""
    assert cleaned.body_start == cleaned.body_end


def test_dateline_starts_the_body_even_after_a_caption_sentence():
    caption = "Troops cross the border into Iraq on Monday, marking a shift in foreign policy."
    page = "\n".join(["Japan troops begin mission", "", caption, "",
                      "TOKYO, Japan (CNN) -- " + PARA_2, "", PARA_3])
    assert clean_page(page).body.startswith("TOKYO, Japan (CNN) -- ")


def test_cross_page_evidence_removes_a_recurring_sentence():
    footer = "Our journalism is funded by readers like you, so please consider supporting us."
    stories = [PARA_1, PARA_2, PARA_1.replace("42", "41"), PARA_2.replace("1,500", "1,200")]
    pages = [f"Example Times\n\n{story}\n\n{PARA_3}\n\n{footer}" for story in stories]
    keys = boilerplate_lines(pages)
    assert line_key(footer) in keys
    assert line_key(PARA_3) in keys  # prose in all four pages: 100% >= prose_share
    assert footer in clean_page(pages[0]).body  # per-line evidence alone keeps it
    assert clean_page(pages[0], boilerplate=keys).body == PARA_1


def test_cross_page_evidence_spares_a_paragraph_shared_by_a_few_copies():
    shared = PARA_2
    pages = [f"Example Times\n\n{PARA_1.replace('42', str(40 + i))}\n\n{shared}"
             if i < 2 else f"Example Times\n\nStory number {i} is about something else "
                           f"entirely, and it says so at length here." for i in range(6)]
    keys = boilerplate_lines(pages)
    assert line_key("Example Times") in keys
    assert line_key(shared) not in keys


# ----------------------------------------------------------------------------- property

LINES = st.sampled_from([
    "Story Tools", "Top Stories", "© 2005 Example News. All rights reserved.", "Home  News  Sport",
    "• Related: another story", PARA_1, PARA_2, PARA_3, "", "Breaking News", "Advertisement",
])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=600),
                 st.lists(st.one_of(LINES, st.text(max_size=80)), max_size=30)
                 .map("\n".join)))
def test_cleaning_never_raises_and_never_invents_text(text):
    body = clean_page(text).body
    assert isinstance(body, str)
    for paragraph in body.split("\n\n"):
        assert paragraph in text


# ----------------------------------------------------------------------------- HTML

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Rates held at 4 per cent | The Ledger</title>
<meta property="og:site_name" content="The Ledger">
<meta property="og:title" content="Rates held at 4 per cent">
<meta name="description" content="The central bank waits for clearer signs on prices">
<link rel="canonical" href="https://ledger.example/2025/03/04/rates-held">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/economy">Economy</a></li></ul></nav>
<article><h1>Rates held at 4 per cent</h1>
<p class="standfirst">The central bank waits for clearer signs on prices</p>
<p>The central bank held its main interest rate at 4 per cent on Thursday, as most
economists had expected, and said it wanted clearer signs that inflation was falling.</p>
<p>Markets barely moved after the decision, which was backed by seven of the nine members
of the rate-setting committee.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Ferry fares to rise</a></li></ul></aside>
<footer>&copy; 2025 The Ledger. All rights reserved.</footer>
</body></html>"""


def test_extract_html_main_text_and_metadata():
    doc = extract_html(HTML)
    assert doc.title == "Rates held at 4 per cent"
    assert doc.sitename == "The Ledger"
    assert doc.url == "https://ledger.example/2025/03/04/rates-held"
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("The central bank held its main interest rate")
    assert paragraphs[1].endswith("rate-setting committee.")
    for fragment in ("Most read", "Ferry fares", "All rights reserved", "Home",
                     "clearer signs on prices"):
        assert fragment not in doc.text


def test_extract_html_of_garbage_is_empty():
    assert extract_html("<html><body></body></html>").text == ""


@pytest.mark.parametrize("line, reason", [
    ("Story Tools", "share or tools"),
    ("Share this story: Facebook | X | WhatsApp | Email", "share or tools"),
    ("Comments (145)", "share or tools"),
    ("MORE ON THIS STORY", "related links"),
    ("Top Stories", "related links"),
    ("Read more: Ferry fares to rise", "related links"),
    ("more video VIDEO", "media caption"),
    ("Watch: the Clarion's video team reports", "media caption"),
    ("Advertisement", "advertising"),
    ("Sign up for the Clarion Morning Briefing", "subscription offer"),
    ("Log in | Register", "subscription offer"),
    ("© 2025 Daily Clarion", "copyright or legal"),
    ("All rights reserved. Daily Clarion is published by Clarion Media Group Ltd.",
     "copyright or legal"),
    ("Terms under which this service is provided to you.", "copyright or legal"),
    ("Home  News  Sport  Showbiz  Money", "navigation bar"),
    ("• Ferry workers fear for their jobs as bridge rises", "bulleted link"),
    ("Posted: Mon 13 Jan 2025 07:45", "byline or date line"),
    ("By Tina Rook", "byline or date line"),
])
def test_boilerplate_rules(line, reason):
    table = explain_page(line)
    assert (table["kind"][0], table["reason"][0]) == ("boilerplate", reason)


@pytest.mark.parametrize("line", [
    # news sentences that use the words the rules look for
    "The company changed its privacy policy last week after complaints from users.",
    "Thousands of users could not log in to their accounts for three hours on Monday.",
    "Latest figures show the economy grew by 0.5% in the third quarter.",
    "Share prices in Tokyo fell sharply after the announcement on Monday morning.",
    "Gallery owners said the exhibition had drawn record crowds this winter.",
    "Watchdogs said the bank had broken the rules on several occasions last year.",
    "By the time the troops arrived, the camp at Samawa was ready for them.",
])
def test_news_sentences_are_not_boilerplate(line):
    assert explain_page(line)["kind"][0] == "good"


@pytest.mark.realdata
def test_clean_articles_saved_as_pages_come_back_whole(bbc_path, tmp_path):
    """BBC articles written out as title + paragraphs: the cleaner should keep them whole."""
    rows = list(iter_jsonl_gz(bbc_path))[::5]
    for r in rows:
        path = tmp_path / f"{r['id']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{r['title']}\n\n{r['text']}\n", encoding="utf-8")
    df, _ = load_corpus(tmp_path, detect_language=False, near_duplicates=False)
    got = df.set_index("doc_id")
    norm = " ".join
    same_text = sum(norm(got.loc[f"{r['id']}.txt", "text"].split()) == norm(r["text"].split())
                    for r in rows)
    same_title = sum(got.loc[f"{r['id']}.txt", "title"] == r["title"] for r in rows)
    words_in = sum(len(r["text"].split()) for r in rows)
    words_out = sum(len(t.split()) for t in df["text"])
    assert len(df) == len(rows) == 445
    assert same_text / len(rows) >= 0.97
    assert same_title / len(rows) >= 0.98
    assert words_out / words_in >= 0.995


def test_a_tie_between_western_and_central_european_code_pages_goes_to_cp1252():
    # German with a Spanish name: ü, é, ß are the same bytes in cp1250 and cp1252, so the
    # detector ties them and used to pick cp1250 ("Muńoz", "Sřren")
    german = ("Der Bürgermeister von München, José Muñoz, sagte am Dienstag, die Straßenbahn "
              "über die Isar werde für fünf Wochen gesperrt; Søren Ålund kritisierte das.")
    decoded = decode_bytes(german.encode("cp1252"))
    assert decoded.text == german and decoded.encoding == "cp1252"
    # Polish letters tell the code pages apart: cp1250 stays
    polish = ("Wczoraj w Łodzi odbyło się spotkanie. Prezydent miasta powiedział, że źródła "
              "finansowania są pewne. Ścieżki rowerowe zostaną wydłużone.")
    decoded = decode_bytes(polish.encode("cp1250"))
    assert decoded.text == polish and decoded.encoding == "cp1250"
