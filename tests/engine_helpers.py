"""Module-level per-document functions for the engine tests (worker processes import them)."""

from __future__ import annotations

import math

# The real functions, bound before a test monkeypatches their modules with the wrappers below.
from medialens.polls import extract_document as _extract_document
from medialens.sentiment.scoring import score_document as _score_document


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


def polls_or_boom(doc_id, text, published=None, source=None, lang=None, **options):
    """Poll extraction that fails on documents containing BOOM (CLI error-model tests)."""
    if isinstance(text, str) and "BOOM" in text:
        raise ValueError("this document is deliberately broken")
    return _extract_document(doc_id, text, published, source, lang, **options)


def sentences_or_boom(text, *args, **options):
    """Sentence scoring that fails on documents containing BOOM."""
    if isinstance(text, str) and "BOOM" in text:
        raise ValueError("one sentence could not be scored")
    return _score_document(text, *args, **options)
