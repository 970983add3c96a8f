"""How well each method agrees with people: measured once, stored here, quoted by the report.

The figures are Pearson correlations between a method's score and the mean human rating of
the 5,190 New York Times editorial snippets of Hutto & Gilbert (2014, ICWSM), each snippet
scored as one sentence, with a 95% percentile bootstrap interval (2,000 resamples of the
snippets, seed 0). The NYT set is an EVALUATION set: no weight, threshold, mixing weight or
choice of any method was fitted on it: the ensemble's weight of VADER (0.2) was chosen by
leave-one-dataset-out cross-validation on the tweet/movie/product development sets
(:mod:`medialens.sentiment.train_e5`), then NYT was scored once. The figures (2026-12-05)
come from ``benchmarks/bench_sentiment.py agreement`` (which prints this table; scoring each
snippet as a document, the mean of its sentences, gives the same figures within 0.001) and
are NOT recomputed when a report runs (the data are not part of the product). For reference: individual human raters reach r = 0.745 with the
mean of the others (the VADER paper).

>>> agreement_note("vader").startswith("VADER agrees with people at r = 0.50")
True
"""

from __future__ import annotations

from typing import Any

from ..errors import ParameterError

#: method -> Pearson r with the human mean on the NYT snippets, 95% bootstrap interval, n.
HUMAN_AGREEMENT: dict[str, dict[str, Any]] = {
    "vader": {"r": 0.503, "ci_low": 0.48, "ci_high": 0.525, "n": 5190},
    "afinn": {"r": 0.483, "ci_low": 0.46, "ci_high": 0.507, "n": 5190},
    "e5": {"r": 0.62, "ci_low": 0.602, "ci_high": 0.637, "n": 5190},
    "ensemble": {"r": 0.661, "ci_low": 0.645, "ci_high": 0.677, "n": 5190},
}
SOURCE = ("5,190 New York Times editorial snippets rated by people (Hutto & Gilbert 2014), "
          "an evaluation set nothing was fitted on")
_NAMES = {"vader": "VADER", "afinn": "AFINN", "e5": "The e5 model",
          "ensemble": "The ensemble (0.8 e5 + 0.2 VADER)"}


def agreement_note(method: str) -> str:
    """One sentence for a report: the method's measured agreement with human ratings."""
    if method not in HUMAN_AGREEMENT:
        raise ParameterError.invalid_choice("method", method, list(HUMAN_AGREEMENT))
    a = HUMAN_AGREEMENT[method]
    return (f"{_NAMES[method]} agrees with people at r = {a['r']:.2f} (95% CI "
            f"{a['ci_low']:.2f} to {a['ci_high']:.2f}) on {SOURCE}; individual human raters "
            "reach r = 0.75.")


__all__ = ["HUMAN_AGREEMENT", "SOURCE", "agreement_note"]
