"""medialens.reports.format: the one formatting layer of report tables and key figures."""

from __future__ import annotations

import pandas as pd
import pytest

from medialens.reports import format as fmt
from medialens.reports import html as report_html


def _cells(df: pd.DataFrame, **kw) -> list[dict[str, str]]:
    t = fmt.table(df, **kw)
    assert isinstance(t, fmt.Table)
    return t.frame.to_dict("records")


@pytest.mark.parametrize(("column", "value", "shown"), [
    ("n_docs", 21578.0, "21,578"),          # a count stored as float
    ("articles", 76.0, "76"),
    ("poll_share", 0.889, "88.9%"),         # a share 0..1
    ("with_pollster", 9.27e-05, "0.0%"),    # never scientific notation
    ("percent", 8.1, "8.1%"),               # already in percent
    ("compound_mean", 0.07512, "0.075"),    # tone: 3 decimals
    ("flesch_kincaid_grade", 11.912, "11.9"),  # grade: 1 decimal
    ("value", 44.0, "44.0"),                # a poll value: 1 decimal, every row alike
    ("median_words", 96.5, "96"),           # words: whole words (rounded half to even)
    ("p_value", 0.00001, "<0.001"),
    ("ratio", 1234567.891, "1,234,567.89"),
])
def test_numbers_by_column(column, value, shown):
    assert _cells(pd.DataFrame({column: [value]})) == [{column: shown}]


def test_missing_values_get_a_dash_and_one_footnote():
    t = fmt.table(pd.DataFrame({"source": [None, "A"], "mean": [float("nan"), 0.5],
                                "published": [pd.NaT, pd.Timestamp("2025-01-02", tz="UTC")]}))
    assert t.frame.to_dict("list") == {"source": ["–", "A"], "mean": ["–", "0.50"],
                                       "published": ["–", "2025-01-02"]}
    assert t.footnotes == [fmt.MISSING_NOTE]
    html = t._repr_html_()
    assert html.count("ml-footnote") == 1 and "None" not in html and "nan" not in html.lower()


def test_text_is_one_line_and_escaped_and_no_index_column():
    df = pd.DataFrame({"title": ["Line one\nline  two <b>x</b>"]}, index=[7])
    t = fmt.table(df)
    html = t._repr_html_()
    assert "Line one line two &lt;b&gt;x&lt;/b&gt;" in html
    assert "<th>7</th>" not in html and ">7<" not in html  # a default-like index is not shown
    named = fmt.table(pd.DataFrame({"v": [1]}, index=pd.Index(["BBC"], name="source")))
    assert list(named.frame.columns) == ["source", "v"]  # a named index is a column


def test_headers_break_at_underscores_not_mid_word():
    html = fmt.table(pd.DataFrame({"with_margin_of_error": [0.5]}))._repr_html_()
    assert "with_<wbr>margin_<wbr>of_<wbr>error" in html


def test_empty_table_is_one_sentence_and_a_table_reason_wins():
    note = fmt.table(pd.DataFrame({"a": []}), empty="No change point stood out.")
    assert isinstance(note, fmt.Note) and note._repr_html_() == (
        '<p class="ml-note">No change point stood out.</p>')
    df = pd.DataFrame({"a": []})
    df.attrs["empty_reason"] = "No article has a date."
    assert fmt.table(df, empty="generic").text == "No article has a date."


def test_max_rows_says_how_many_there_are():
    t = fmt.table(pd.DataFrame({"n": range(50)}), max_rows=40)
    assert len(t) == 40 and "The first 40 of 50 rows" in t.footnotes[-1]


def test_key_figures_and_index_format_alike():
    summary = {"documents": 21578, "share (%)": 96.80, "Kendall's W": None}
    t = fmt.figures(summary)
    assert t.frame["value"].tolist() == ["21,578", "96.8", "–"]
    line = report_html.summary_paragraph(summary)
    assert "documents: 21,578" in line and "share (%): 96.8" in line and "None" not in line


@pytest.mark.parametrize(("value", "shown"), [
    (None, "–"), (float("nan"), "–"), (True, "yes"), (3, "3"), (1e-7, "0.0000001"),
    (12.0, "12"), (0.125, "0.125"), (123.456, "123.5"), ("a\nb", "a b"),
])
def test_format_value(value, shown):
    assert fmt.format_value(value) == shown
