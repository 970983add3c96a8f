from __future__ import annotations

import pytest

from medialens.text import sentence_spans, split_sentences, words


@pytest.mark.parametrize("text, expected", [
    ('head of the advance party Col. Masahisa Sato said. "I am proud to be here."',
     ['head of the advance party Col. Masahisa Sato said.', '"I am proud to be here."']),
    ("Support rose 3.5 pct in the U.S. on Dec. 15. It fell later.",
     ["Support rose 3.5 pct in the U.S. on Dec. 15.", "It fell later."]),
    ("", []),
    ("no punctuation at all", ["no punctuation at all"]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_spans_point_into_text():
    text = "  First one.\n\nSecond one!  Third?"
    for s, e in sentence_spans(text):
        assert text[s:e] == text[s:e].strip() and text[s:e]


def test_words():
    assert words("Koizumi's 43 pct", lower=True) == ["koizumi's", "43", "pct"]
