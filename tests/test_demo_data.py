"""The bundled demo corpus, checked on its raw files (independently of ``medialens.corpus``).

The loader is tested against this corpus elsewhere; these tests pin down what the corpus itself
promises (see ``lib/medialens/data/demo/README.md``): three outlets over more than a year, the
three input forms and their conventions, the encoding traps, the duplicates, a coverage gap,
distinct writing styles, a visible change of tone, and a poll-figure ground truth
(``tests/data/demo_polls_expected.csv``) whose every figure is in its document.
"""

from __future__ import annotations

import html
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from medialens.text import split_sentences, words

DEMO = Path(__file__).resolve().parents[1] / "lib" / "medialens" / "data" / "demo"
EXPECTED = Path(__file__).resolve().parent / "data" / "demo_polls_expected.csv"

OUTLETS = {"Daily Clarion", "Selden Courant", "Kestrel News"}
CP1252_PAGE = "pages/clarion_2025-06-03_black-hole.txt"
BOM_PAGE = "pages/clarion_2025-04-11_holm-what-hiding.txt"
UNDATED_PAGE = "pages/clarion_nodate_kessling-vigil.txt"
EXPECTED_COLUMNS = [
    "doc_id", "value", "unit", "kind", "subject", "measure", "other", "change", "prior",
    "pollster", "sponsor", "sample_size", "margin_of_error", "fieldwork_start", "fieldwork_end",
    "approx", "figure_text",
]
MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}

# The publication line of each outlet's scraped pages (the only date a page states).
_POSTED = re.compile(r"^Posted: \w{3} (\d{1,2}) (\w{3}) (\d{4}) (\d\d):(\d\d)$", re.M)
_PUBLISHED = re.compile(r"^Published (\d{1,2}) (\w+) (\d{4}) (\d\d):(\d\d) GMT$", re.M)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, Marrovia \((?P<outlet>[A-Za-z ]+)\) -- ", re.M)
_PAGE_BODY_END = re.compile(r"^(Share this story:|Related coverage$)", re.M)
_META_DATE = re.compile(r'<meta property="article:published_time" content="([^"]+)">')
_SITE_NAME = re.compile(r'<meta property="og:site_name" content="([^"]+)">')


@dataclass(frozen=True)
class Doc:
    doc_id: str
    outlet: str
    published: datetime | None  # naive UTC
    body: str


def _page_date(raw: str) -> datetime | None:
    m = _POSTED.search(raw) or _PUBLISHED.search(raw)
    if not m:
        return None
    day, month, year, hh, mm = m.groups()
    return datetime(int(year), MONTHS[month[:3].lower()], int(day), int(hh), int(mm))


def _read_page(path: Path) -> str:
    rel = path.relative_to(DEMO).as_posix()
    return path.read_bytes().decode("cp1252" if rel == CP1252_PAGE else "utf-8-sig")


def _page_doc(path: Path) -> Doc:
    raw = _read_page(path)
    start = _DATELINE.search(raw)
    assert start, f"{path.name}: no dateline paragraph"
    end = _PAGE_BODY_END.search(raw, start.start())
    body = raw[start.start(): end.start() if end else len(raw)].strip()
    return Doc(path.relative_to(DEMO).as_posix(), start["outlet"], _page_date(raw), body)


def _html_doc(path: Path) -> Doc:
    raw = path.read_text("utf-8")
    article = raw[raw.index("<article>"): raw.index("</article>")]
    paras = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", article, re.S)]
    published = datetime.fromisoformat(_META_DATE.search(raw)[1]).replace(tzinfo=None)
    return Doc(path.relative_to(DEMO).as_posix(), _SITE_NAME.search(raw)[1], published,
               "\n\n".join(paras))


@pytest.fixture(scope="module")
def wire() -> pd.DataFrame:
    return pd.read_csv(DEMO / "wire.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def docs(wire) -> dict[str, Doc]:
    out = [_page_doc(p) for p in sorted((DEMO / "pages").glob("*.txt"))]
    out += [_html_doc(p) for p in sorted((DEMO / "html").glob("*.html"))]
    out += [Doc(r.id, r.media_name, datetime.fromisoformat(r.publish_date), r.text)
            for r in wire.itertuples()]
    by_id = {d.doc_id: d for d in out}
    assert len(by_id) == len(out), "duplicate doc_id"
    return by_id


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return pd.read_csv(EXPECTED, dtype=str, keep_default_na=False)


def test_three_outlets_and_enough_articles(docs):
    per_outlet = Counter(d.outlet for d in docs.values())
    assert set(per_outlet) == OUTLETS
    assert len(docs) >= 60
    assert min(per_outlet.values()) >= 20, per_outlet


def test_dates_span_more_than_a_year_and_only_one_page_is_undated(docs):
    dated = [d.published for d in docs.values() if d.published is not None]
    assert (max(dated) - min(dated)).days >= 365
    assert (min(dated).date().isoformat(), max(dated).date().isoformat()) == (
        "2025-01-07", "2026-03-29")
    undated = [d.doc_id for d in docs.values() if d.published is None]
    # The undated page must not smuggle a date in through its file name either.
    assert undated == [UNDATED_PAGE] and not re.search(r"\d{4}-\d\d", UNDATED_PAGE)


def test_monthly_coverage_has_one_deliberate_gap(docs):
    counts = Counter((d.outlet, f"{d.published:%Y-%m}") for d in docs.values() if d.published)
    months = sorted({m for _, m in counts})
    assert len(months) == 15
    for outlet in OUTLETS:
        well_covered = [m for m in months if counts[(outlet, m)] >= 4]
        assert len(well_covered) >= 12, (outlet, counts)
    assert counts[("Daily Clarion", "2025-10")] == 0
    assert counts[("Selden Courant", "2025-10")] >= 4 and counts[("Kestrel News", "2025-10")] >= 4


def test_each_dated_page_has_exactly_one_publication_line():
    for path in sorted((DEMO / "pages").glob("*.txt")):
        raw = _read_page(path)
        lines = _POSTED.findall(raw) + _PUBLISHED.findall(raw)
        expected_count = 0 if path.name == Path(UNDATED_PAGE).name else 1
        assert len(lines) == expected_count, path.name
        assert raw.count("(Daily Clarion) --") + raw.count("(Selden Courant) --") == 1, path.name
        assert re.search(r"^© 202[56] (Daily Clarion|Selden Courant)$", raw, re.M), path.name


def test_page_date_matches_file_name():
    for path in sorted((DEMO / "pages").glob("*_20*.txt")):
        assert f"{_page_date(_read_page(path)):%Y-%m-%d}" in path.name


def test_boilerplate_repeats_across_an_outlets_pages():
    pages = [_read_page(p).splitlines() for p in sorted((DEMO / "pages").glob("clarion_*.txt"))]
    assert len(pages) >= 50
    header = pages[0][:4]
    assert header[0] == "Skip to content"
    assert all(p[:4] == header for p in pages)
    footer = Counter(line for p in pages for line in p[-4:])
    assert footer["All rights reserved. Daily Clarion is published by Clarion Media Group Ltd."] == len(pages)


def test_html_pages_carry_the_metadata_the_loader_reads():
    required = ["<title>", '<meta property="og:site_name"', '<link rel="canonical"', "<nav",
                "<article>", "<h1>", "<aside", "<footer>"]
    for path in sorted((DEMO / "html").glob("*.html")):
        raw = path.read_text("utf-8")
        assert all(tag in raw for tag in required), path.name
        published = _META_DATE.search(raw)[1]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+00:00", published), path.name
        assert published[:10] in path.name


def test_wire_csv_is_a_media_cloud_style_export(wire):
    assert list(wire.columns) == ["id", "publish_date", "title", "url", "media_name",
                                  "language", "text"]
    assert wire["id"].str.fullmatch(r"\d{10}").all() and wire["id"].is_unique
    assert pd.to_datetime(wire["publish_date"], format="%Y-%m-%d %H:%M:%S").notna().all()
    assert (wire["media_name"] == "Kestrel News").all() and (wire["language"] == "en").all()
    assert wire["text"].str.contains("\n\n").all()
    assert wire["text"].str.match(r"[A-Z][A-Z .'-]+, [A-Z][a-z]+ \d{1,2} \(Kestrel News\) - ").all()


def test_exactly_one_exact_duplicate(docs):
    dup = Counter(d.body for d in docs.values())
    twice = [[d.doc_id for d in docs.values() if d.body == body] for body, n in dup.items() if n > 1]
    assert twice == [["2840161369", "2840161372"]]


def test_encoding_traps():
    cp = (DEMO / CP1252_PAGE).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp.decode("utf-8")
    assert b"\xa314.2 billion" in cp and "£19.6 billion" in cp.decode("cp1252")
    bom = (DEMO / BOM_PAGE).read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf") and "£14.2 billion" in bom.decode("utf-8-sig")
    others = [p for p in DEMO.rglob("*") if p.is_file()
              and p.relative_to(DEMO).as_posix() not in (CP1252_PAGE, BOM_PAGE)]
    for path in others:
        data = path.read_bytes()
        data.decode("utf-8")
        assert not data.startswith(b"\xef\xbb\xbf"), path.name


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    toks = words(text, lower=True)
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


SYNDICATED = [
    ("pages/clarion_2025-07-16_death-toll-seven.txt",
     "Death toll in Marrovia's Strait Crossing collapse rises to seven"),
    ("pages/clarion_2025-11-27_three-charged.txt", "Marrovia charges three over Strait Crossing collapse"),
    ("html/clarion_2025-12-15_bridge-accused-in-court.html",
     "Three accused over Strait Crossing collapse appear in Marrovian court"),
]


def test_syndicated_copies_are_near_but_not_exact_duplicates(docs, wire):
    sh = {k: _shingles(d.body) for k, d in docs.items()}
    pairs = []
    for copy, wire_title in SYNDICATED:
        original = wire.loc[wire["title"] == wire_title, "id"].item()
        assert docs[copy].body != docs[original].body
        assert _jaccard(sh[copy], sh[original]) >= 0.7
        pairs.append({copy, original})
    pairs.append({"2840161369", "2840161372"})
    # ... and nothing else in the corpus comes close (formulaic poll stories included).
    ids = sorted(sh)
    worst = max(_jaccard(sh[a], sh[b]) for i, a in enumerate(ids) for b in ids[i + 1:]
                if {a, b} not in pairs)
    assert worst < 0.5


def _style(texts: list[str]) -> tuple[float, float]:
    sents = [s for t in texts for s in split_sentences(t)]
    toks = [w for s in sents for w in words(s) if w.isalpha()]
    return len(toks) / len(sents), statistics.mean(len(w) for w in toks)


def test_outlets_write_in_distinct_styles(docs):
    # Words per sentence and word length stand in for the readability grades (tabloid ~7,
    # wire ~10, broadsheet ~16 by Flesch-Kincaid), which need CMUdict loaded the offline way.
    own = {o: [d.body for d in docs.values() if d.outlet == o and "Kestrel News" not in d.body[-30:]]
           for o in OUTLETS}
    clarion, kestrel, courant = (_style(own[o]) for o in ("Daily Clarion", "Kestrel News", "Selden Courant"))
    assert clarion[0] < kestrel[0] < courant[0]
    assert clarion[1] < kestrel[1] and clarion[1] < courant[1]


def test_tone_falls_after_the_collapse(docs):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()

    def tone(lo: str, hi: str) -> float:
        picked = [d.body for d in docs.values()
                  if d.published and lo <= f"{d.published:%Y-%m-%d}" < hi]
        return statistics.mean(
            statistics.mean(sia.polarity_scores(s)["compound"] for s in split_sentences(b))
            for b in picked)

    before, after, recovery = (tone("2025-01-01", "2025-06-01"), tone("2025-07-15", "2026-01-01"),
                               tone("2026-01-01", "2026-04-01"))
    assert before > 0.1 > after + 0.1 and after < recovery < before


# ---------------------------------------------------------------- the poll ground truth

def test_expected_polls_table_is_well_formed(expected, docs):
    assert list(expected.columns) == EXPECTED_COLUMNS
    assert len(expected) >= 400
    assert set(expected["kind"]) == {"share", "lead", "change"}
    unit = expected["kind"].map({"share": "percent", "lead": "points", "change": "points"})
    assert (expected["unit"] == unit).all()
    assert set(expected["approx"]) == {"true", "false"}
    assert set(expected["doc_id"]) <= set(docs)
    assert (expected.loc[expected["kind"] == "lead", "other"] != "").all()
    value = expected["value"].astype(float)
    change = pd.to_numeric(expected["change"].replace("", None))
    prior = pd.to_numeric(expected["prior"].replace("", None))
    is_change = expected["kind"] == "change"
    assert (value[is_change] == change[is_change]).all() and prior[is_change].isna().all()
    both = prior.notna() & ~is_change
    assert ((value - change - prior)[both].abs() < 1e-9).all()
    assert (pd.to_datetime(expected["fieldwork_start"].replace("", None)).dropna().dt.year >= 2025).all()


def test_every_figure_text_occurs_in_its_document(expected, docs):
    missing = [(r.doc_id, r.figure_text) for r in expected.itertuples()
               if not re.search(r"(?<![\w.])" + re.escape(r.figure_text) + r"(?!\w)",
                                docs[r.doc_id].body)]
    assert missing == []


def test_one_poll_is_reported_by_several_outlets(expected, docs):
    # Meridian's March 2025 poll: the Courant and Kestrel state its fieldwork dates, the
    # Clarion only names the pollster -- linking must work from pollster, dates and numbers.
    cu41 = expected[(expected["pollster"] == "Meridian Research") & (expected["subject"] == "Civic Union")
                    & (expected["value"] == "41")]
    march = cu41[[f"{docs[d].published:%Y-%m}" == "2025-03" for d in cu41["doc_id"]]]
    assert {docs[d].outlet for d in march["doc_id"]} == OUTLETS
    assert set(march["fieldwork_start"]) == {"2025-03-05", ""}


def test_meridian_series_tells_the_storyline(expected):
    approve = expected[(expected["pollster"] == "Meridian Research")
                       & (expected["subject"] == "Ilse Varga") & (expected["measure"] == "approve")
                       & (expected["kind"] == "share") & (expected["fieldwork_start"] != "")]
    series = approve.groupby("fieldwork_start")["value"].agg(lambda v: set(v.astype(float)))
    assert all(len(v) == 1 for v in series), series
    assert [int(next(iter(v))) for v in series] == [
        44, 46, 48, 49, 51, 47, 45, 34, 29, 27, 26, 25, 27, 29, 32, 34]


def test_the_flag_case_contradicts_the_previous_poll(expected):
    nov = expected[(expected["fieldwork_start"] == "2025-11-05") & (expected["subject"] == "Ilse Varga")
                   & (expected["kind"] == "share")]
    assert set(nov["value"]) == {"25"}
    flagged = expected[expected["doc_id"] == "pages/clarion_2025-12-08_first-smile.txt"].iloc[0]
    assert (flagged["value"], flagged["change"], flagged["prior"]) == ("27", "+4", "23")
