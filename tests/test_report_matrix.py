"""The four reports on the corpus shapes researchers actually have, not only the demo.

Each scenario is ONE ``run_report`` of all four notebooks on a small sample (150 documents),
shared by the tests of that scenario (module-scoped fixtures): (a) Reuters without an outlet
column, (b) BBC without dates grouped by ``topic``, (c) a Media Cloud-style CSV export,
(d) a corpus without any poll figure, (e) outlet names with ``$`` in them, (f) an empty
selection. Every notebook must finish, and no page may show a traceback, a warning, "nan" /
"None" cells, scientific notation, a row-number column or a chart printed as text
(:func:`report_checks.problems`). Reuters uses ODD ids and BBC odd numbers only (the even ones
are held out); real-data scenarios skip when ../shared is absent.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from conftest import DATA, iter_jsonl_gz
from medialens.reports import run_report
from report_checks import chromium, problems

pytestmark = pytest.mark.slow

N_DOCS = 150
PAGES = ("00_corpus_overview", "10_readability", "20_sentiment_over_time", "30_poll_figures")
DOLLAR_OUTLETS = {"Daily Clarion": "Cost $5 vs $10 Herald", "Kestrel News": "$Money$ Times"}


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real data not available: {path} is absent")
    return path


def _run(tmp_path_factory, corpus, **kw):
    out = tmp_path_factory.mktemp("runs")
    return run_report(corpus, out=out, progress=None, jobs=2, **kw)


def _page(run, name: str) -> str:
    return (run.path / f"{name}.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["style", "script"]):
        tag.decompose()
    return " ".join(soup.get_text(" ").split())


# ----------------------------------------------------------------------------- the corpora


@pytest.fixture(scope="module")
def reuters_run(tmp_path_factory):
    """ODD-id Reuters stories, no outlet column: every poll story among the first ids, then
    others, dated 1987."""
    path = _need(DATA / "reuters21578" / "reuters21578.jsonl.gz")
    polls, rest = [], []
    for r in iter_jsonl_gz(path):
        if int(r["id"]) % 2 == 0 or not (r.get("body") or "").strip():
            continue  # even ids are held out
        (polls if " poll" in r["body"] else rest).append(r)
    rows = polls[:30] + rest[: N_DOCS - min(30, len(polls))]
    sample = tmp_path_factory.mktemp("reuters") / "reuters.jsonl"
    with sample.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"id": r["id"], "date": r["date"], "title": r["title"],
                                 "body": r["body"]}) + "\n")
    return _run(tmp_path_factory, sample)


@pytest.fixture(scope="module")
def bbc_run(tmp_path_factory):
    """ODD-numbered BBC articles: no dates, no outlet, a topic column; grouped by topic."""
    path = _need(DATA / "bbc_news" / "bbc_news.jsonl.gz")
    rows = [r for r in iter_jsonl_gz(path) if int(r["id"].split("/")[1]) % 2 == 1]
    rows = [r for i, r in enumerate(rows) if i % (len(rows) // N_DOCS) == 0][:N_DOCS]
    sample = tmp_path_factory.mktemp("bbc") / "bbc.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return _run(tmp_path_factory, sample, params={"group_by": "topic"})


@pytest.fixture(scope="module")
def mediacloud_run(tmp_path_factory):
    """A Media Cloud-style CSV (stories_id, publish_date, media_name, ...), the text column
    under another name mapped with ``columns`` (the CLI's --columns)."""
    path = _need(DATA / "news_modern" / "news_modern.jsonl.gz")
    rows = [r for r in iter_jsonl_gz(path) if r.get("published")][:N_DOCS]
    sample = tmp_path_factory.mktemp("mediacloud") / "mediacloud-export.csv"
    with sample.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["stories_id", "publish_date", "title", "url", "language", "media_name",
                    "story_text"])
        for i, r in enumerate(rows):
            w.writerow([2_000_000 + i, r["published"], r["title"], r.get("url") or "", "en",
                        r["source"], r["text"]])
    return _run(tmp_path_factory, sample, columns={"text": "story_text"})


@pytest.fixture(scope="module")
def nopoll_run(tmp_path_factory):
    """Modern news without any poll, survey or percentage: nothing for the poll report."""
    path = _need(DATA / "news_modern" / "news_modern.jsonl.gz")
    cue = re.compile(r"poll|survey|per ?cent|%|\bpct\b", re.IGNORECASE)
    rows = [r for r in iter_jsonl_gz(path)
            if r.get("selection") == "random" and not cue.search(r["text"])][:N_DOCS]
    sample = tmp_path_factory.mktemp("nopoll") / "nopoll.jsonl"
    sample.write_text("".join(json.dumps({k: r[k] for k in ("id", "title", "text", "source",
                                                              "published")}) + "\n"
                              for r in rows), encoding="utf-8")
    return _run(tmp_path_factory, sample)


@pytest.fixture(scope="module")
def dollar_run(tmp_path_factory):
    """The demo with two outlets renamed to names matplotlib would read as mathematics."""
    from medialens.corpus import load_corpus

    df, _ = load_corpus("demo")
    df["source"] = df["source"].replace(DOLLAR_OUTLETS)
    sample = tmp_path_factory.mktemp("dollar") / "dollar.parquet"
    df.to_parquet(sample, index=False)
    return _run(tmp_path_factory, sample)


GERMAN = ("Die Regierung hat am Montag einen neuen Haushalt vorgestellt. Die Opposition kritisierte "
          "die Pläne scharf und sprach von einem schweren Fehler. Nach einer Umfrage des Instituts "
          "Forsa sind 41 Prozent der Befragten mit der Regierung zufrieden. Der Finanzminister "
          "verteidigte die Ausgaben für Schulen und Brücken. Viele Bürger sorgen sich um die Preise.")


@pytest.fixture(scope="module")
def one_german_run(tmp_path_factory):
    """ONE article, in German, without outlet or date (text written for this test)."""
    sample = tmp_path_factory.mktemp("one") / "one.jsonl"
    sample.write_text(json.dumps({"id": "de-1", "title": "Haushalt", "text": GERMAN},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    return _run(tmp_path_factory, sample)


@pytest.fixture(scope="module")
def empty_run(tmp_path_factory):
    return _run(tmp_path_factory, "demo", params={"date_from": "2030-01-01"})


SCENARIOS = ("reuters_run", "bbc_run", "mediacloud_run", "nopoll_run", "dollar_run", "empty_run",
             "one_german_run")


# ----------------------------------------------------------------------------- every scenario


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_report_finishes_and_reads_clean(scenario, request):
    run = request.getfixturevalue(scenario)
    statuses = {nb["name"]: nb["status"] for nb in run.manifest["notebooks"]}
    assert statuses == dict.fromkeys(PAGES, "ok"), run.manifest["notebooks"]
    found = {name: problems(_page(run, name)) for name in (*PAGES, "index")}
    assert found == {name: [] for name in found}


# ----------------------------------------------------------------------------- per shape


@pytest.mark.realdata
def test_reuters_without_outlet_has_one_label_and_full_readability(reuters_run):
    pages = {name: _text(_page(reuters_run, name)) for name in PAGES}
    for text in pages.values():
        assert "(no source)" not in text and "(unknown)" not in text
    assert "(no outlet)" in pages["10_readability"]
    by_group = pd.read_csv(reuters_run.path / "data" / "10_readability-by_outlet.csv")
    assert by_group["source"].tolist() == ["(no outlet)"] and by_group["n_docs"].iloc[0] > 0
    trend = pd.read_csv(reuters_run.path / "data" / "10_readability-over_time.csv")
    assert trend["mean"].notna().any()  # the over-time chart has a line, not a blank axis
    index = _text(_page(reuters_run, "index"))
    assert "None" not in index and "nan" not in index.split()


@pytest.mark.realdata
def test_bbc_undated_says_why_and_groups_by_topic(bbc_run):
    overview = _text(_page(bbc_run, "00_corpus_overview"))
    assert f"None of the {N_DOCS} articles has a publication date" in overview
    readability = _text(_page(bbc_run, "10_readability"))
    assert "reliably scored articles has a publication date, so nothing can be placed" in readability
    assert "no period with enough" not in readability
    sentiment = _text(_page(bbc_run, "20_sentiment_over_time"))
    assert "nothing can be placed on a time axis" in sentiment
    by_group = pd.read_csv(bbc_run.path / "data" / "10_readability-by_outlet.csv")
    assert set(by_group["topic"]) == {"business", "entertainment", "politics", "sport", "tech"}
    lengths = pd.read_csv(bbc_run.path / "data" / "00_corpus_overview-lengths.csv")
    assert "topic" in lengths.columns


@pytest.mark.realdata
def test_mediacloud_csv_outlets_come_from_media_name(mediacloud_run):
    assert mediacloud_run.manifest["corpus"]["columns"] == {"text": "story_text"}
    lengths = pd.read_csv(mediacloud_run.path / "data" / "00_corpus_overview-lengths.csv")
    assert {"CNN"} <= set(lengths["source"]) and "(no outlet)" not in set(lengths["source"])


@pytest.mark.realdata
def test_no_poll_corpus_says_so(nopoll_run):
    text = _text(_page(nopoll_run, "30_poll_figures"))
    assert "No poll figure was found in the selected articles" in text
    assert "there is no tracker to draw" in text


def test_dollar_outlet_names_are_printed_literally(dollar_run):
    for name in ("00_corpus_overview", "20_sentiment_over_time", "30_poll_figures"):
        assert "Cost $5 vs $10 Herald" in _text(_page(dollar_run, name)), name
    table = pd.read_csv(dollar_run.path / "data" / "20_sentiment_over_time-over_time.csv")
    assert set(DOLLAR_OUTLETS.values()) <= set(table["source"])


def test_empty_selection_explains_instead_of_crashing(empty_run):
    for name in PAGES:
        text = _text(_page(empty_run, name))
        assert "no articles in the selection" in text.lower() or "No poll figure" in text, name


def test_one_undated_german_article_says_what_cannot_be_shown(one_german_run):
    overview = _text(_page(one_german_run, "00_corpus_overview"))
    assert "The one article has no publication date" in overview
    readability = _text(_page(one_german_run, "10_readability"))
    assert "There is only one outlet (no outlet), so the formulas have no outlets" in readability
    # the lexicons score English only: the German article is counted as such, not as "no text"
    assert "in a language the method does not score 1" in _text(_page(one_german_run,
                                                                      "20_sentiment_over_time"))


# ----------------------------------------------------------------------------- in a browser


def _section_image(html: str, heading: str):
    """The first chart (PIL image) after ``heading`` in a report page."""
    from bs4 import BeautifulSoup
    from PIL import Image

    soup = BeautifulSoup(html, "lxml")
    head = next(h for h in soup.find_all(["h2", "h3"]) if h.get_text(strip=True).startswith(heading))
    img = head.find_next("img")
    assert img is not None and img["src"].startswith("data:image/png;base64,"), heading
    nxt = head.find_next(["h2", "h3"])
    assert nxt is None or img in nxt.find_all_previous("img"), f"no chart under {heading!r}"
    return Image.open(io.BytesIO(base64.b64decode(img["src"].split(",", 1)[1]))).convert("RGB")


def _ink(image) -> tuple[float, int]:
    """Share of non-white pixels and number of distinct colours: a blank axis has little."""
    import numpy as np

    small = np.asarray(image.resize((200, max(1, 200 * image.height // image.width))))
    pixels = small.reshape(-1, 3).astype(int)
    return (float((pixels.sum(axis=1) < 720).mean()), len({tuple(p) for p in pixels}))


@pytest.mark.realdata
@pytest.mark.browser
@pytest.mark.parametrize(("page", "heading"), [("10_readability", "Readability over time"),
                                               ("30_poll_figures", "Poll tracker")])
def test_reuters_charts_in_headless_chromium(reuters_run, page, heading, tmp_path):
    ink, colours = _ink(_section_image(_page(reuters_run, page), heading))
    assert ink > 0.03 and colours > 40, (ink, colours)  # lines and points, not an empty axis
    exe = chromium()
    if exe is None:
        pytest.skip("no headless Chromium on this machine (apt-get install chromium)")
    from PIL import Image

    shot = tmp_path / f"{page}.png"
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=3000",
           f"--screenshot={shot}", "--window-size=1200,4000",
           (reuters_run.path / f"{page}.html").as_uri()]
    subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert shot.exists(), "Chromium wrote no screenshot"
    ink, colours = _ink(Image.open(shot).convert("RGB"))
    assert ink > 0.02 and colours > 40, (ink, colours)  # a rendered page with charts
