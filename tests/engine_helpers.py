"""Module-level per-document functions for the engine tests (worker processes import them)."""

from __future__ import annotations

import math


def text_stats(text: str, *, lower: bool = False) -> list[dict]:
    """One record: counts plus a float that exercises exact round-tripping."""
    t = text.lower() if lower else text
    words = t.split()
    return [{"n_words": len(words), "n_chars": len(t),
             "ratio": (len(t) / len(words)) if words else math.nan,
             "first": words[0] if words else None}]


def word_rows(text: str) -> list[dict]:
    """Zero or more records per document (like sentences or poll figures)."""
    return [{"i": i, "word": w, "weight": 1 / (i + 1)} for i, w in enumerate(text.split()[:3])]


def fails_on_boom(text: str) -> list[dict]:
    if "BOOM" in text:
        raise ValueError("this document is deliberately broken")
    return [{"n_chars": len(text)}]
