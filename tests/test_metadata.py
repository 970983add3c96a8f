from __future__ import annotations

import pandas as pd
import pytest

from medialens.metadata import (
    detect_language,
    find_byline,
    find_date_line,
    find_title,
    html_date,
    parse_dateline,
    parse_dates,
)

# ----------------------------------------------------------------------------- datelines


@pytest.mark.parametrize("paragraph, place, source", [
    ("TOKYO, Japan (CNN) -- Japanese troops have arrived in southern Iraq.", "TOKYO, Japan",
     "CNN"),
    ("LONDON, March 3 (Reuters) - Britain's Conservatives lead Labour by six points.",
     "LONDON", "Reuters"),
    ("WASHINGTON, Feb 26 - The U.S. budget deficit narrowed in February.", "WASHINGTON", None),
    ("SALVADOR, Feb 26 - Showers continued throughout the week.", "SALVADOR", None),
    ("NEW YORK (AP) — Stocks fell sharply on Monday.", "NEW YORK", "AP"),
    ("ST. LOUIS, Mo. -- A federal judge ruled on Tuesday.", "ST. LOUIS, Mo.", None),
    ("PORT SELDEN, Marrovia (Daily Clarion) -- Ilse Varga is riding high.",
     "PORT SELDEN, Marrovia", "Daily Clarion"),
    ("KESSLING, January 7 (Kestrel News) - Marrovia completed the first tower.", "KESSLING",
     "Kestrel News"),
    ("TOKYO, March 3 (YEN PER KILO) - Prices were steady.", "TOKYO", None),  # a slug
])
def test_parse_dateline(paragraph, place, source):
    parsed = parse_dateline(paragraph)
    assert parsed is not None
    assert (parsed.place, parsed.source) == (place, source)
    assert paragraph.startswith(parsed.text)


@pytest.mark.parametrize("paragraph", [
    "BREAKING - Stocks fell sharply on Monday.",
    "He said: we will not retreat.",
    "The UN (United Nations) - a body of 191 states - met.",
    "Japanese troops have arrived in southern Iraq.",
    "NATO: the alliance said it would meet.",
    "",
])
def test_not_a_dateline(paragraph):
    assert parse_dateline(paragraph) is None


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize("lines, expected", [
    (["Published 4 March 2025 09:14 GMT"], "2025-03-04 09:14:00+00:00"),
    (["Posted: Tue 4 Mar 2025"], "2025-03-04 00:00:00+00:00"),
    (["Posted: Mon 13 Jan 2025 07:45"], "2025-01-13 07:45:00+00:00"),
    (["Updated 10:02 BST, 5 March 2025", "Published 4 March 2025 09:14 GMT"],
     "2025-03-04 09:14:00+00:00"),  # the first publication wins over an update
    (["Last updated at 10:32 GMT on 4 Mar 2025"], "2025-03-04 10:32:00+00:00"),
    (["First published on Tuesday 4 March 2025 18.00 GMT".replace("18.00", "18:00")],
     "2025-03-04 18:00:00+00:00"),
    (["Published: 2025-03-04T09:14:00+01:00"], "2025-03-04 08:14:00+00:00"),
])
def test_find_date_line(lines, expected):
    ts, reason = find_date_line(lines)
    assert reason is None
    assert str(ts) == expected


@pytest.mark.parametrize("lines, reason_start", [
    (["© 2005 Cable News Network LP, LLLP.", "Top Stories", "Iran poll to go to run-off"],
     "no dated line"),
    (["The report, published on 4 March 2025 by the ministry, found that support for the "
      "plan had fallen to 38 percent among voters."], "no dated line"),
    (["Published: March 2025"], "dated line not usable (Published: incomplete date"),
    (["Copyright 2025 Example News"], "no dated line"),
])
def test_no_date_is_never_guessed(lines, reason_start):
    ts, reason = find_date_line(lines)
    assert ts is None
    assert reason.startswith(reason_start)


@pytest.mark.parametrize("value, expected, reason", [
    ("1987-02-26T15:01:01.790", "1987-02-26 15:01:01.790000+00:00", None),
    ("26-FEB-1987 15:01:01.79", "1987-02-26 15:01:01.790000+00:00", None),
    ("31-MAR-1987 605:12:19.12", None, "unparseable date: '31-MAR-1987 605:12:19.12'"),
    ("Tue, 04 Mar 2025 09:14:00 EST", "2025-03-04 14:14:00+00:00", None),
    ("4 March 2025", "2025-03-04 00:00:00+00:00", None),
    ("March 2025", None, "incomplete date (no day, month or year): 'March 2025'"),
    ("2025", None, "incomplete date (no day, month or year): '2025'"),
    ("04/03/2025", None, "ambiguous day/month order: '04/03/2025' (pass dayfirst=True or False)"),
    ("13/03/2025", "2025-03-13 00:00:00+00:00", None),
    (1741079640, "2025-03-04 09:14:00+00:00", None),
    (pd.Timestamp("2025-03-04 09:14"), "2025-03-04 09:14:00+00:00", None),
    ("4 March 1066", None, "implausible year 1066: '4 March 1066'"),
    ("", None, "no date: the value is empty"),
])
def test_parse_dates(value, expected, reason):
    parsed = parse_dates([value])
    got = parsed.values.iloc[0]
    if expected is None:
        assert pd.isna(got)
        assert parsed.reasons.iloc[0] == reason
    else:
        assert str(got) == expected
        assert pd.isna(parsed.reasons.iloc[0])


def test_parse_dates_column_order_from_unambiguous_values():
    parsed = parse_dates(["03/04/2025", "03/25/2025"])  # 25 can only be a day: month first
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == ["2025-03-04", "2025-03-25"]


def test_parse_dates_counts_naive_times():
    assert parse_dates(["2025-03-04T09:14:00", "2025-03-04T09:14:00Z"]).assumed_utc == 1


# ----------------------------------------------------------------------------- title, byline


def test_find_title_prefers_a_headline_about_the_body():
    header = ["DAILY CLARION   News  Sport", "Breaking News",
              "RATE CUT CHEER for millions of home owners",
              "Mortgage bills set to fall after the Bank finally acts"]
    body = "Millions of home owners got welcome news as the Bank cut interest rates."
    assert find_title(header, body) == "RATE CUT CHEER for millions of home owners"


def test_find_title_none_when_nothing_fits():
    assert find_title(["Home", "Menu", "Sign in to read more of this."], "Body text.") is None


@pytest.mark.parametrize("lines, expected", [
    (["By Tina Rook"], "Tina Rook"),
    (["BY JOHN SMITH"], "JOHN SMITH"),
    (["Bystanders said the bridge shook."], None),
    (["By the time the troops arrived, the camp was ready for them."], None),
])
def test_find_byline(lines, expected):
    assert find_byline(lines) == expected


# ----------------------------------------------------------------------------- language


@pytest.mark.parametrize("text, lang", [
    ("Japanese troops have arrived in southern Iraq to begin the country's riskiest mission.",
     "en"),
    ("Die japanischen Soldaten sind im Süden des Irak angekommen, um ihre Mission zu beginnen.",
     "de"),
    ("Les soldats japonais sont arrivés dans le sud de l'Irak pour commencer leur mission.",
     "fr"),
    ("Shr 45 cts", None),
    # A Reuters-style earnings table: unrestricted py3langid calls it Nigerian Pidgin ("pcm").
    ("Shr 52 cts vs 43 cts Net 17.7 mln vs 14.2 mln Revs 413.1 mln vs 361.6 mln", None),
    ("市議会は火曜日、数か月にわたる議論の末、バス路線網の拡大を可決した。"
     "支持者は通勤時間が短縮されると述べたが、批判的な人々は費用が過小評価されていると警告した。", "ja"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_detect_language_answers_only_news_languages():
    from medialens.metadata import NEWS_LANGUAGES, _identifier

    assert set(_identifier().nb_classes) <= NEWS_LANGUAGES
    assert {"en", "de", "fr", "es", "ja", "zh", "ar"} <= set(_identifier().nb_classes)


# News paragraphs in the other Latin-script languages (written for this test): none may pass
# the English shortcut, whose words were chosen not to be theirs.
_FOREIGN = {
    "de": "Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz beschlossen, das die "
          "Rechte der Mieter in den Städten stärken soll. Die Opposition kritisierte, dass die Regelung "
          "zu spät komme und viele Familien bereits ihre Wohnungen verloren hätten.",
    "fr": "Le gouvernement a annoncé mardi un plan de relance de dix milliards d'euros pour soutenir les "
          "entreprises touchées par la crise. Selon le ministre, les premières aides seront versées dès "
          "le mois prochain, mais les syndicats estiment que les mesures sont insuffisantes.",
    "es": "El gobierno anunció el martes un paquete de ayudas para los agricultores afectados por la "
          "sequía, que según los expertos es la peor en cuarenta años. El ministro dijo que las ayudas "
          "llegarán antes del verano, aunque el sector considera que la cantidad es insuficiente.",
    "nl": "Het kabinet heeft dinsdag een nieuw plan gepresenteerd om de woningnood aan te pakken. Volgens "
          "de minister is het de bedoeling dat er de komende vijf jaar honderdduizend huizen bij komen. De "
          "oppositie vindt het plan te vaag en vraagt of er genoeg geld voor is.",
    "it": "Il governo ha approvato ieri sera il decreto sulle pensioni, dopo una lunga riunione del "
          "consiglio dei ministri. Secondo il ministro dell'economia, la riforma permetterà di risparmiare "
          "due miliardi di euro all'anno, ma i sindacati hanno annunciato uno sciopero generale.",
    "pt": "O governo anunciou nesta terça-feira um pacote de medidas para conter a inflação, que atingiu o "
          "maior nível em dez anos. Segundo o ministro da Fazenda, as medidas entram em vigor no próximo "
          "mês, mas economistas afirmam que o efeito sobre os preços deve ser limitado.",
    "da": "Regeringen har i dag fremlagt et forslag om at hæve pensionsalderen, og det er for mange en stor "
          "overraskelse. Ministeren sagde, at der er brug for at se på økonomien, men oppositionen mener at "
          "forslaget ikke er til at tage alvorligt. Her i byen er der mange som er imod.",
    "sv": "Regeringen presenterade på tisdagen ett nytt förslag om höjda bidrag till barnfamiljer. Enligt "
          "finansministern ska reformen kosta fem miljarder kronor per år, men oppositionen menar att "
          "pengarna borde gå till vården i stället, och kritiken har varit hård.",
}


@pytest.mark.parametrize("lang", sorted(_FOREIGN))
def test_other_languages_never_take_the_english_shortcut(lang):
    from medialens.metadata import clearly_english

    assert not clearly_english(_FOREIGN[lang])
    assert detect_language(_FOREIGN[lang]) == lang  # the model decides, as before


def test_english_shortcut_agrees_with_the_model_on_real_news(reuters_path, bbc_path):
    """No real article the shortcut calls English is another language by the model (odd
    Reuters ids, odd BBC numbers): the model says English, or is unsure, as it is on a few
    all-capitals wire stories ("THE BANK OF KOREA SAID IT FIXED THE MIDRATE ..."), which were
    "not identified" before and are English now."""
    from conftest import iter_jsonl_gz
    from medialens.metadata import LANG_SAMPLE_CHARS, _identifier, clearly_english

    texts = [r["body"] for r in iter_jsonl_gz(reuters_path) if int(r["id"]) % 2 and r.get("body")]
    texts += [r["text"] for r in iter_jsonl_gz(bbc_path)
              if int("".join(filter(str.isdigit, str(r["id"]))) or 0) % 2]
    short = [t for t in texts if clearly_english(t)]
    assert len(short) > 0.75 * len(texts)  # the shortcut must be worth having
    ident = _identifier()
    said = [ident.classify(t[:LANG_SAMPLE_CHARS]) for t in short]
    other = [(t[:60], lang) for t, (lang, p) in zip(short, said, strict=True)
             if lang != "en" and p >= 0.5]
    unsure = [t for t, (lang, p) in zip(short, said, strict=True) if p < 0.5]
    assert other == []
    assert len(unsure) < 0.001 * len(short)  # 1 of ~7,900 on 2026-12-05


# ----------------------------------------------------------------------------- HTML dates


def page(head: str, body: str = "<p>Text.</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("html, expected", [
    (page('<meta property="article:published_time" content="2025-01-09T18:40:00+00:00">'),
     "2025-01-09 18:40:00+00:00"),
    (page('<script type="application/ld+json">{"@type": "NewsArticle", '
          '"datePublished": "2025-02-21T06:30:00Z"}</script>'), "2025-02-21 06:30:00+00:00"),
    (page("", '<p>By Jo <time datetime="2025-03-04">4 March 2025</time></p><p>Text.</p>'),
     "2025-03-04 00:00:00+00:00"),
])
def test_html_date_from_metadata(html, expected):
    ts, reason = html_date(html)
    assert reason is None
    assert str(ts) == expected


@pytest.mark.parametrize("html", [
    # a date only in the canonical URL, the og:url and an image path
    page('<link rel="canonical" href="https://example.org/2025/03/04/story">'
         '<meta property="og:url" content="https://example.org/2025/03/04/story">'
         '<meta property="og:image" content="https://example.org/img/2025/03/04/a.jpg">'),
    # a copyright year
    page('<meta itemprop="copyrightYear" content="2005">', "<p>© 2005 Example News</p>"),
    # a date in the running text
    page("", "<p>On 4 March 2025 the minister resigned, aides said on 2025-03-05.</p>"),
    # only a modification date
    page('<meta property="article:modified_time" content="2025-03-05T10:00:00Z">'),
])
def test_html_date_never_guesses(html):
    ts, reason = html_date(html)
    assert ts is None
    assert reason.startswith("no publication date")


def test_an_offset_date_that_changes_day_in_utc_is_counted():
    parsed = parse_dates(["2024-03-04T23:30:00-05:00", "2024-03-04T10:30:00-05:00",
                          "March 4, 2024 11:30 PM EST", "2024-03-04", "2024-03-04T23:30:00Z"])
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-05", "2024-03-04", "2024-03-05", "2024-03-04", "2024-03-04"]
    assert parsed.day_moved == 2 and parsed.day_moved_example == "2024-03-04T23:30:00-05:00"


def test_the_load_report_says_when_offsets_move_articles_to_another_day(tmp_path):
    from medialens.corpus import load_corpus

    src = tmp_path / "offsets.csv"
    src.write_text("title,text,published\na,Some text here.,2024-03-04T23:30:00-05:00\n"
                   "b,More text here.,2024-03-04T10:00:00-05:00\n", encoding="utf-8")
    _, report = load_corpus(str(src))
    assert ("1 date written with a UTC offset falls on another calendar day in UTC, which every "
            "per-day/week/month count uses (e.g. '2024-03-04T23:30:00-05:00' is 2024-03-05 04:30"
            " UTC)") in report.notes


def test_year_first_dates_are_never_read_day_first():
    # the day-first rows of the same column used to make dateutil read 2005/01/10 as 1 October
    parsed = parse_dates(["2005/01/10", "25/01/2005", "2005/02/03", "20050305", "2005.01.10"])
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == [
        "2005-01-10", "2005-01-25", "2005-02-03", "2005-03-05", "2005-01-10"]
    assert parsed.reasons.isna().all()


def test_an_impossible_utc_offset_is_refused_with_a_reason():
    parsed = parse_dates(["2025-03-04 10:00 +25:00", "2025-03-04T10:00:00+15:00",
                          "2025-03-04T10:00:00+05:30", "2025-03-04T10:00:00-12:00"])
    assert parsed.values.isna().tolist() == [True, True, False, False]
    assert parsed.reasons[0].startswith("impossible UTC offset: '2025-03-04 10:00 +25:00'")


@pytest.mark.parametrize("text", ["Jul 16, 2024, 02:30 IST", "Jul 16, 2024, 02:30 CST", "Jul 16, 2024, 02:30 AST"])
def test_an_ambiguous_zone_abbreviation_is_read_like_no_zone_not_guessed(text):
    # IST is India, Ireland and Israel: "+1" moved an Indian outlet's 02:30 to 01:30 UTC, the
    # right answer being 21:00 the day before; no zone is chosen, the clock time is kept as
    # UTC and counted as such
    r = parse_dates([text])
    assert str(r.values[0]) == "2024-07-16 02:30:00+00:00" and r.assumed_utc == 1


def test_unambiguous_zone_abbreviations_still_convert():
    r = parse_dates(["16 July 2024 09:00 BST", "Jul 16, 2024, 02:30 EST"])
    assert [str(v) for v in r.values] == ["2024-07-16 08:00:00+00:00", "2024-07-16 07:30:00+00:00"]
    assert r.assumed_utc == 0


def test_gmt_and_utc_offsets_are_read_the_way_news_writes_them():
    # dateutil reads "GMT+1" the POSIX way (an hour behind UTC): 10:00 GMT+1 came out as 11:00
    # UTC instead of 09:00, silently moving articles across midnight
    r = parse_dates(["2025-03-04 10:00 GMT+1", "2025-03-04 10:00 UTC+05:30", "2025-03-04 10:00 GMT-5",
                     "2025-03-01 00:30 GMT+2", "2025-03-04 10:00 +01:00"])
    assert [str(v) for v in r.values] == [
        "2025-03-04 09:00:00+00:00", "2025-03-04 04:30:00+00:00", "2025-03-04 15:00:00+00:00",
        "2025-02-28 22:30:00+00:00", "2025-03-04 09:00:00+00:00"]
    assert r.assumed_utc == 0


def test_us_zones_without_standard_or_daylight_use_the_offset_of_that_date():
    r = parse_dates(["March 4, 2025 10:00 AM ET", "July 4, 2025 10:00 AM ET", "Dec 1 2025 9:00 PT"])
    assert [str(v) for v in r.values] == [
        "2025-03-04 15:00:00+00:00", "2025-07-04 14:00:00+00:00", "2025-12-01 17:00:00+00:00"]
    assert r.assumed_utc == 0


@pytest.mark.parametrize("word", ["NaN", "null", "None", "N/A", "-"])
def test_null_words_in_a_date_column_are_empty_not_unparseable(word):
    assert parse_dates([word]).reasons[0] == "no date: the value is empty"


def test_future_dates_are_refused_not_guessed():
    """dateutil reads a two-digit year in this century ("1/1/70" -> 2070): a publication date
    after today is refused with its reason (red-team pass); today and the past are kept."""
    from medialens.metadata import parse_dates

    r = parse_dates(["1/20/70", "12/12/50", "2024-05-01", "01/20/1970"])
    assert r.values.isna().tolist() == [True, True, False, False]
    assert r.reasons[0] == "date in the future: '1/20/70' read as 2070-01-20 (a two-digit year?)"
    assert r.values[3].year == 1970


@pytest.mark.parametrize(("text", "source"), [
    ("(CNN)The Senate voted on Tuesday.", "CNN"),
    ("(CNN) -- The Senate voted on Tuesday.", "CNN"),
    ("(Updated) Shares fell on Tuesday.", None),   # a slug, not an outlet
    ("(The vote was close.) It passed.", None),    # a sentence in brackets
])
def test_an_outlets_mark_alone_at_the_start_names_the_outlet(text, source):
    # second red-team pass: "(Reuters)" datelines named the outlet, "(CNN)The ..." did not
    d = parse_dateline(text)
    assert (d.source if d else None) == source
    assert d is None or d.place == ""
