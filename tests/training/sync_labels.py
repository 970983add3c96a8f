"""Copy finished news_modern label batches into tests/data, split by fold.

Folds 1-4 (development) go to ``news_modern_polls.csv`` / ``news_modern_polls_docs.csv`` with a
``fold`` column; fold 0 (the held-out fifth) goes to ``news_modern_polls_holdout*.csv`` unread:
rows are copied by their doc_id's fold, nothing of them is printed.

    .venv/bin/python -m tests.training.sync_labels [/work/labels]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

TEST_DATA = Path(__file__).resolve().parents[1] / "data"
FIG_COLS = ["doc_id", "value", "unit", "kind", "subject", "measure", "other", "change", "prior", "pollster",
            "sponsor", "sample_size", "margin_of_error", "approx", "figure_text"]
DOC_COLS = ["doc_id", "n_figures", "note"]


def sync(labels: Path) -> dict[str, int]:
    folds = json.loads((labels / "folds.json").read_text(encoding="utf-8"))
    out = labels / "out"
    figs: dict[bool, list[dict]] = {True: [], False: []}
    docs: dict[bool, list[dict]] = {True: [], False: []}
    for done in sorted(out.glob("*.done")):
        batch = done.stem
        with open(out / f"{batch}_docs.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                hold = folds[r["doc_id"]] == 0
                docs[hold].append({**{c: r.get(c, "") for c in DOC_COLS}, "batch": batch, "fold": folds[r["doc_id"]]})
        with open(out / f"{batch}.csv", encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                hold = folds[r["doc_id"]] == 0
                figs[hold].append({**{c: r.get(c, "") for c in FIG_COLS}, "fold": folds[r["doc_id"]]})
    for hold, stem in ((False, "news_modern_polls"), (True, "news_modern_polls_holdout")):
        for rows, cols, suffix in ((figs[hold], FIG_COLS, ""), (docs[hold], [*DOC_COLS, "batch"], "_docs")):
            with open(TEST_DATA / f"{stem}{suffix}.csv", "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=[*cols, "fold"])
                w.writeheader()
                w.writerows(rows)
    return {"dev_docs": len(docs[False]), "dev_figures": len(figs[False]),
            "holdout_docs": len(docs[True]), "holdout_figures": len(figs[True])}


if __name__ == "__main__":
    print(sync(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/labels")))
