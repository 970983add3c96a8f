"""Fit the ridge layer of ``method="e5"`` from VADER's human-rated DEVELOPMENT sets.

Run from the repository root (reads ``../shared/data/vader_icwsm2014``, writes the package
data file ``lib/medialens/sentiment/data/e5_ridge.json``)::

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
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .model import BACKEND, BACKEND_VERSION, MODEL_NAME, PREFIX, WEIGHTS_FILE, RidgeLayer, embed

#: The development sets (file names in ``vader_icwsm2014``); the NYT set is evaluation only.
TRAIN_FILES = ("tweets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt",
               "amazonReviewSnippets_GroundTruth.txt")
ALPHAS = (0.3, 1.0, 3.0, 10.0, 30.0)
FOLDS = 5
RATING_SCALE = 4.0  # ratings run from -4 to +4
DEFAULT_DATA = Path("../shared/data/vader_icwsm2014")
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


def train(data_dir: Path = DEFAULT_DATA) -> RidgeLayer:
    """Embed the development sets and fit the layer (a few minutes on 2 cores)."""
    texts: list[str] = []
    targets = []
    counts = {}
    for name in TRAIN_FILES:
        t, r = read_ratings(data_dir / name)
        texts += t
        targets.append(r / RATING_SCALE)
        counts[name] = len(t)
    y = np.concatenate(targets)
    x = embed(texts).astype(np.float64)
    cv = cross_validate(x, y)
    alpha = max(cv, key=lambda a: (cv[a], -a))
    w, b = fit_ridge(x, y, alpha)
    info = {
        "backend": f"{BACKEND}=={BACKEND_VERSION}", "model": MODEL_NAME, "prefix": PREFIX,
        "target": f"mean human rating / {RATING_SCALE:g}, output clipped to [-1, 1]",
        "trained_on": counts, "alpha": alpha,
        "cv_pearson_r": {str(a): round(r, 4) for a, r in cv.items()},
        "produced_by": "python -m medialens.sentiment.train_e5",
    }
    return RidgeLayer(w, b, info)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the vader_icwsm2014 folder")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the layer")
    p.add_argument("--check", action="store_true",
                   help="compare with the file at --out instead of writing it")
    args = p.parse_args(argv)
    layer = train(args.data)
    if args.check:
        shipped = RidgeLayer.from_json(args.out.read_text(encoding="utf-8"))
        same = (np.allclose(shipped.weights, layer.weights, rtol=1e-7, atol=1e-10)
                and abs(shipped.bias - layer.bias) < 1e-9)
        print("retrained layer", "matches" if same else "DIFFERS FROM", args.out)
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(layer.to_json(), encoding="utf-8")
    print(f"wrote {args.out} (alpha {layer.info['alpha']}, CV r {layer.info['cv_pearson_r']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
