"""Fit the ridge layer of ``method="e5"`` from VADER's human-rated DEVELOPMENT sets.

Run from the repository root (reads ``../shared/data/vader_icwsm2014``, writes the package
data files ``lib/medialens/sentiment/data/e5_ridge.json`` and ``ensemble.json``)::

    .venv/bin/python -m medialens.sentiment.train_e5            # fit and write
    .venv/bin/python -m medialens.sentiment.train_e5 --check    # fit, compare, write nothing

Training material: the tweets, movie-review and product-review snippets of Hutto & Gilbert
(2014), each rated -4..+4 by ~10 people; the target is the mean rating / 4 (VADER's compound
scale). The NYT editorial snippets of the same release are NEVER read here: they are the
evaluation set (``benchmarks/bench_sentiment.py`` reports the correlation on them).

Method: each snippet embedded by :func:`medialens.sentiment.model.embed` (deterministic),
ridge regression in closed form (float64, intercept unpenalised), the penalty chosen from
:data:`ALPHAS` by 5-fold cross-validation on the development sets (folds by row index mod 5),
Pearson r of the out-of-fold predictions. Deterministic: the same data give the same weights.

The ensemble (``method="ensemble"``): ``(1 - w) * model + w * VADER compound`` per sentence. The
NYT editorial snippets are a new domain for the model (news, not tweets or reviews), so ``w``
is chosen by LEAVE-ONE-DATASET-OUT cross-validation on the development sets: for each set, the
layer is refitted on the other two and the set is scored as unseen text; ``w`` (grid
:data:`VADER_WEIGHTS`) maximises the mean Pearson r over the three held-out sets. (Pooled
k-fold favours the model, which has seen every domain; VADER is strongest on tweets and
weakest on movie reviews, so its best weight differs by domain.) Measured 2026-12-05, in
``ensemble.json``: w = 0.2, mean held-out r 0.771 against 0.743 for the plain mean and 0.747
for the model alone; with ``w`` chosen by the same rule on the two other sets only (nested)
0.755. Scoring multi-sentence snippets sentence by sentence (as medialens scores articles)
instead of whole gave the same best ``w`` (0.2; mean held-out r 0.763). Candidates that did
no better on held-out sets and were left out: a stacked regression over [model, compound,
VADER pos, VADER neg] fitted on out-of-fold model scores (0.752), an average of z-scores
(0.759), an equal mean (0.743).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .model import (
    BACKEND,
    BACKEND_VERSION,
    ENSEMBLE_FILE,
    MODEL_NAME,
    PREFIX,
    WEIGHTS_FILE,
    Combination,
    RidgeLayer,
    embed,
    vader_features,
)

#: The development sets (file names in ``vader_icwsm2014``); the NYT set is evaluation only.
TRAIN_FILES = ("tweets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt",
               "amazonReviewSnippets_GroundTruth.txt")
ALPHAS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
RATING_SCALE = 4.0  # ratings run from -4 to +4
DEFAULT_DATA = Path("../shared/data/vader_icwsm2014")
#: Candidate weights of VADER in the ensemble.
VADER_WEIGHTS = tuple(round(0.05 * i, 2) for i in range(21))
DEFAULT_OUT = Path(__file__).parent / "data" / WEIGHTS_FILE


def read_ratings(path: Path) -> tuple[list[str], np.ndarray]:
    """``(texts, mean ratings)`` of one ``*_GroundTruth.txt`` file (id TAB rating TAB text)."""
    texts, ratings = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        _, rating, text = line.split("\t", 2)
        texts.append(text.strip())
        ratings.append(float(rating))
    return texts, np.asarray(ratings, dtype=np.float64)


def fit_ridge(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[np.ndarray, float]:
    """Closed-form ridge with an unpenalised intercept: ``(weights, bias)``."""
    x = np.asarray(x, dtype=np.float64)
    mx, my = x.mean(axis=0), float(y.mean())
    xc = x - mx
    w = np.linalg.solve(xc.T @ xc + alpha * np.eye(x.shape[1]), xc.T @ (y - my))
    return w, my - float(mx @ w)


def cross_validate(x: np.ndarray, y: np.ndarray, alphas: Sequence[float] = ALPHAS,
                   folds: int = FOLDS) -> dict[float, float]:
    """Pearson r of out-of-fold predictions (clipped like the shipped layer) per penalty."""
    fold = np.arange(len(y)) % folds
    out = {}
    for alpha in alphas:
        pred = np.empty_like(y)
        for k in range(folds):
            w, b = fit_ridge(x[fold != k], y[fold != k], alpha)
            pred[fold == k] = np.clip(x[fold == k] @ w + b, -1.0, 1.0)
        out[alpha] = float(np.corrcoef(pred, y)[0, 1])
    return out


def _pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def choose_vader_weight(x: np.ndarray, y: np.ndarray, compound: np.ndarray,
                        dataset: np.ndarray, alpha: float,
                        weights: Sequence[float] = VADER_WEIGHTS) -> tuple[float, dict[str, Any]]:
    """``w`` of VADER by leave-one-dataset-out CV (see the module docstring) and the figures
    behind the choice: held-out r per set for each ``w``, and their mean."""
    held_out = {}
    for d in np.unique(dataset):
        w5, b5 = fit_ridge(x[dataset != d], y[dataset != d], alpha)
        held_out[int(d)] = np.clip(x[dataset == d] @ w5 + b5, -1.0, 1.0)
    curve = {}
    for w in weights:
        rs = [_pearson((1 - w) * e + w * compound[dataset == d], y[dataset == d])
              for d, e in held_out.items()]
        curve[w] = (float(np.mean(rs)), rs)
    best = max(weights, key=lambda w: (round(curve[w][0], 10), -w))
    names = [TRAIN_FILES[d].split("_")[0] for d in held_out]
    info = {"rule": "(1 - w) * e5 + w * vader compound, per sentence",
            "chosen_by": "leave-one-dataset-out CV on the development sets: mean Pearson r "
                         "over the held-out sets",
            "held_out_sets": names,
            "cv_held_out_r": {f"{w:g}": [round(curve[w][0], 4), *[round(r, 4) for r in curve[w][1]]]
                              for w in weights}}
    return best, info


def train_all(data_dir: Path = DEFAULT_DATA) -> tuple[RidgeLayer, Combination]:
    """Embed the development sets, fit the layer and choose the ensemble's weight."""
    texts: list[str] = []
    targets, sets = [], []
    counts = {}
    for k, name in enumerate(TRAIN_FILES):
        t, r = read_ratings(data_dir / name)
        texts += t
        targets.append(r / RATING_SCALE)
        sets.append(np.full(len(t), k))
        counts[name] = len(t)
    y = np.concatenate(targets)
    x = embed(texts).astype(np.float64)
    cv = cross_validate(x, y)
    alpha = max(cv, key=lambda a: (cv[a], -a))
    w, b = fit_ridge(x, y, alpha)
    produced_by = "python -m medialens.sentiment.train_e5"
    info = {
        "backend": f"{BACKEND}=={BACKEND_VERSION}", "model": MODEL_NAME, "prefix": PREFIX,
        "target": f"mean human rating / {RATING_SCALE:g}, output clipped to [-1, 1]",
        "trained_on": counts, "alpha": alpha,
        "cv_pearson_r": {str(a): round(r, 4) for a, r in cv.items()},
        "produced_by": produced_by,
    }
    compound = vader_features(texts, ["compound"])["compound"]
    vw, why = choose_vader_weight(x, y, compound, np.concatenate(sets), alpha)
    rule = Combination({"e5": round(1 - vw, 10), "compound": vw, "pos": 0.0, "neg": 0.0}, 0.0,
                       {**why, "trained_on": counts, "produced_by": produced_by})
    return RidgeLayer(w, b, info), rule


def train(data_dir: Path = DEFAULT_DATA) -> RidgeLayer:
    """Embed the development sets and fit the layer (a few minutes on 2 cores)."""
    return train_all(data_dir)[0]


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the vader_icwsm2014 folder")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the layer")
    p.add_argument("--check", action="store_true",
                   help="compare with the file at --out instead of writing it")
    args = p.parse_args(argv)
    layer, rule = train_all(args.data)
    rule_out = args.out.with_name(ENSEMBLE_FILE)
    if args.check:
        shipped = RidgeLayer.from_json(args.out.read_text(encoding="utf-8"))
        same = (np.allclose(shipped.weights, layer.weights, rtol=1e-7, atol=1e-10)
                and abs(shipped.bias - layer.bias) < 1e-9)
        same_rule = Combination.from_json(rule_out.read_text(encoding="utf-8")) == rule
        print("retrained layer", "matches" if same else "DIFFERS FROM", args.out)
        print("ensemble rule", "matches" if same_rule else "DIFFERS FROM", rule_out)
        return 0 if same and same_rule else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(layer.to_json(), encoding="utf-8")
    rule_out.write_text(rule.to_json(), encoding="utf-8")
    print(f"wrote {args.out} (alpha {layer.info['alpha']}, CV r {layer.info['cv_pearson_r']})")
    print(f"wrote {rule_out} (coef {dict(rule.coef)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
