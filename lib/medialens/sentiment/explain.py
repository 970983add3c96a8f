"""Tables that let a reader check the scores: how an article's score is built, key figures,
where the two methods disagree, the most positive/negative articles, the word shift at the
main change point with example sentences, and the tone of coverage of a target.

They serve ``notebooks/20_sentiment_over_time.ipynb`` but are plain functions on the tables of
:mod:`medialens.sentiment` (the corpus, the sentence table, the document table): text comes
back as plain strings, to be shown as DataFrames (escaped), never rendered as HTML.

>>> import pandas as pd
>>> from medialens.sentiment import sentences
>>> corpus = pd.DataFrame({"doc_id": ["a"], "title": ["Bridge opens"],
...                        "text": ["The bridge opened. Crowds cheered. One man was hurt."]})
>>> t = explain_document(sentences(corpus), corpus)
>>> t["part"].tolist()[-2:]
['article score (mean of the sentence scores)', 'whole article in one call (not used)']
>>> t["score"].round(2).tolist()
[nan, 0.0, 0.51, -0.53, -0.01, -0.03]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError
from .lexicons import (
    LEXICON_METHODS,
    METHODS,
    Method,
    Target,
    _check_method,
    compile_target,
    lexicon,
    lexicon_of,
)
from .scoring import (
    LANGUAGE_NOT_SUPPORTED,
    _check_corpus,
    _sentence_score,
    _with_meta,
    extremes,
    from_sentences,
    label,
    neutral_band,
    sentence_scores,
    sentences,
    tone_over_time,
)
from .shift import sentences_between, word_shift

#: Columns of :func:`medialens.sentiment.word_shift` (with examples), for empty results.
SHIFT_COLUMNS = ["word", "valence", "count_a", "count_b", "p_a", "p_b", "p_diff",
                 "valence_vs_a", "contribution", "share", "kind", "direction",
                 "example_doc_id", "example_sentence"]
NO_CHANGE_POINT = "no change point detected, so there is no 'before' and 'after' to compare"
NO_DATES = "no article has a publication date, so there is no time series and no change point to explain"
NOT_SUPPORTED = ("the change point(s) found are not borne out by the articles: the 95% intervals of "
                 "the articles before and after overlap, so there is no shift to explain")
NO_TARGET_SET = "no target set (the report parameter 'target')"


_SPACE = re.compile(r"\s+")


def _flat(text: Any) -> Any:
    """Hard-wrapped text on one line (pandas would show a line break as a literal "\\n")."""
    return _SPACE.sub(" ", text).strip() if isinstance(text, str) else text


def _method_of(sents: pd.DataFrame, method: str | None) -> str:
    method = method or sents.attrs.get("method") or "vader"
    _check_method(method)
    return method


def _day(values: pd.Series) -> pd.Series:
    when = pd.to_datetime(values, utc=True, errors="coerce")
    return when.dt.strftime("%Y-%m-%d").where(when.notna(), None)


def with_metadata(results: pd.DataFrame, corpus: pd.DataFrame, *,
                  columns: tuple[str, ...] = ("source", "published", "title")) -> pd.DataFrame:
    """Per-document ``results`` with the corpus ``columns`` a reader needs, after ``doc_id``
    (columns the corpus lacks are skipped).

    >>> r = pd.DataFrame({"doc_id": ["a"], "compound_mean": [0.5]})
    >>> c = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "source": ["Ledger"]})
    >>> with_metadata(r, c).columns.tolist()
    ['doc_id', 'source', 'compound_mean']
    """
    cols = [c for c in columns if c in corpus.columns]
    out = _with_meta(results, corpus, cols)
    out.attrs.update(results.attrs)
    return out[["doc_id", *cols, *[c for c in out.columns if c not in ("doc_id", *cols)]]]


# --- how a score is built ------------------------------------------------------------------------

def explain_document(sents: pd.DataFrame, corpus: pd.DataFrame, *, doc_id: Any = None,
                     method: Method | None = None) -> pd.DataFrame:
    """One article's sentences with their scores, its score (their mean) and, for contrast,
    the score of the whole text in ONE call, which the analysis never uses.

    ``doc_id=None`` picks an ordinary article: among those with both positive and negative
    sentences and a usual length (from the median number of sentences, at least 4, to 1.5
    times that), the one whose score is closest to the median article's. Text is shown on one
    line (hard wraps flattened).
    Columns: ``part, text, score, label``; the first row names the article.
    """
    _check_corpus(sents, ["doc_id", "sentence", "compound"], what="the sentence table")
    _check_corpus(corpus)
    method = _method_of(sents, method)
    if sents.empty:
        return pd.DataFrame(columns=["part", "text", "score", "label"])
    if doc_id is None:
        per_doc = sents.groupby("doc_id", sort=False)["compound"].agg(
            ["mean", "size", "max", "min"])
        band = neutral_band(method)
        mixed = per_doc[(per_doc["max"] >= band) & (per_doc["min"] <= -band)]
        m = max(4.0, float(per_doc["size"].median()))
        usual = mixed[mixed["size"].between(m, max(1.5 * m, m + 2))]
        pool = usual if len(usual) else mixed if len(mixed) else per_doc
        doc_id = (pool["mean"] - per_doc["mean"].median()).abs().idxmin()
    mine = sents[sents["doc_id"] == doc_id]
    docs = corpus[corpus["doc_id"] == doc_id]
    if mine.empty or docs.empty:
        raise ParameterError(f"doc_id={doc_id!r} has no scored sentences in this corpus")
    doc = docs.iloc[0]
    title = doc.get("title") if isinstance(doc.get("title"), str) else None
    rows = [("article", _flat(f"{doc_id}: {title}" if title else str(doc_id)), np.nan, "")]
    rows += [(f"sentence {i}", _flat(s), c, label(c, method)) for i, (s, c) in
             enumerate(zip(mine["sentence"], mine["compound"], strict=True), start=1)]
    mean = float(mine["compound"].mean())
    rows.append(("article score (mean of the sentence scores)", "", mean, label(mean, method)))
    text = doc["text"]
    if len(text) <= WHOLE_CALL_MAX_CHARS:
        whole = _sentence_score(text, method)
        rows.append(("whole article in one call (not used)", "", whole, label(whole, method)))
    else:  # VADER's rules are quadratic in the length of one call: 400 KB take ~10 s
        rows.append(("whole article in one call (not used)",
                     f"not computed: the article is longer than {WHOLE_CALL_MAX_CHARS:,} "
                     "characters", np.nan, ""))
    out = pd.DataFrame(rows, columns=["part", "text", "score", "label"])
    out.attrs.update(doc_id=doc_id, method=method)
    return out


#: The contrast row of :func:`explain_document` scores the whole article in one lexicon call
#: only up to this length (news articles are 2-20 KB; the call's cost grows with the square).
WHOLE_CALL_MAX_CHARS = 50_000


# --- key figures ---------------------------------------------------------------------------------

#: Above this share of all sentences one article's sentences are named in the key figures.
DOMINANT_SHARE = 0.5
ONE_ARTICLE_HOLDS = "sentences from one article (the shares above mostly describe it)"


def key_figures(scores: pd.DataFrame, corpus: pd.DataFrame, *,
                sents: pd.DataFrame | None = None, target: Target = None,
                date_col: str = "published") -> dict[str, Any]:
    """Key figures of a sentiment run: documents, how many could be scored or dated, mean
    tone and, with ``sents`` (the sentence table), the shares of positive/negative sentences and (with
    ``target``) how often the target is mentioned.

    >>> c = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Great news.", ""],
    ...                   "published": pd.to_datetime(["2025-01-02", None], utc=True)})
    >>> from medialens.sentiment import sentences
    >>> f = key_figures(from_sentences(sentences(c), c), c)
    >>> f["documents"], f["undated (counted, not placed in time)"]
    (2, 1)
    """
    from ..overview import UNDATED_LEFT_OUT, undated_left_out  # the overview's wording

    _check_corpus(scores, ["doc_id", "compound_mean", "n_sentences"], what="the scores")
    _check_corpus(corpus, ["doc_id"], what="the corpus")
    scored = scores["n_sentences"] > 0
    undated = (int(pd.to_datetime(corpus[date_col], utc=True, errors="coerce").isna().sum())
               if date_col in corpus.columns else len(corpus))
    reason = (scores["reason"].astype("object").fillna("").astype(str) if "reason" in scores
              else pd.Series("", index=scores.index))
    unsupported = (~scored) & reason.str.startswith(LANGUAGE_NOT_SUPPORTED)
    figures = (~scored) & reason.str.startswith("mostly figures")
    out: dict[str, Any] = {
        "method": scores.attrs.get("method"),
        "documents": len(scores),
        "documents without text": int((~scored & ~unsupported & ~figures).sum()),
        "documents in a language the method does not score": int(unsupported.sum()),
        **({"tables of figures (no tone)": int(figures.sum())} if figures.any() else {}),
        "undated (counted, not placed in time)": undated,
        **({UNDATED_LEFT_OUT: left_out} if (left_out := undated_left_out(corpus)) else {}),
        "mean article tone": round(float(scores["compound_mean"].mean()), 3)
        if scored.any() else None,
    }
    if sents is not None:
        _check_corpus(sents, ["doc_id", "sentence", "compound"], what="the sentence table")
        n = len(sents)
        out["sentences"] = n
        if n:
            out["positive sentences"] = f"{(sents['label'] == 'positive').mean():.0%}"
            out["negative sentences"] = f"{(sents['label'] == 'negative').mean():.0%}"
            per_doc = sents["doc_id"].value_counts()
            if len(per_doc) > 1 and per_doc.iloc[0] >= DOMINANT_SHARE * n:
                # a scrape glitch (one sentence pasted 26,000 times) made "positive sentences
                # 99%" a figure about one article; say so beside the shares
                out[ONE_ARTICLE_HOLDS] = f"{per_doc.iloc[0] / n:.0%} ({per_doc.index[0]})"
        pattern = compile_target(target)
        if pattern is not None:
            hit = np.array([bool(pattern.search(x)) for x in sents["sentence"]], dtype=bool)
            out["target"] = pattern.pattern if not isinstance(target, str) else target
            out["documents mentioning the target"] = int(sents.loc[hit, "doc_id"].nunique())
            out["sentences mentioning the target"] = int(hit.sum())
            out["mean tone of the sentences mentioning it"] = (
                round(float(sents.loc[hit, "compound"].mean()), 3) if hit.any() else None)
    return out


# --- method agreement ----------------------------------------------------------------------------

def score_sentence(text: Any, *, method: str) -> list[dict[str, float]]:
    """The engine's per-"document" function for one sentence's score (NaN without text)."""
    if not isinstance(text, str):
        return [{"compound": np.nan}]
    return [{"compound": float(sentence_scores([text], method)[0])}]


def _sentence_scores(sentences: pd.Series, method: str, *,
                     cache: bool | str | None = None) -> np.ndarray:
    """``method``'s compound for every sentence, through the engine and the feature cache
    (keyed by the sentence text), so a warm report does not score 100,000 sentences again."""
    from ..engine import Analyser, run
    from .scoring import ANALYSER_VERSION

    a = Analyser("sentence-tone", ANALYSER_VERSION, score_sentence,
                 options={"method": method}, schema={"compound": "float64"})
    ids = [str(i) for i in range(len(sentences))]
    result = run(a, pd.DataFrame({"doc_id": ids, "text": sentences.to_numpy()}), cache=cache)
    by_id = dict(zip(result.frame["doc_id"], result.frame["compound"], strict=True))
    return np.array([by_id.get(i, np.nan) for i in ids], dtype=float)


def compare_sentences(sents: pd.DataFrame, *, methods: Sequence[str] = LEXICON_METHODS,
                      cache: bool | str | None = None) -> pd.DataFrame:
    """Several methods on every sentence of a sentence table (the scores it already has are
    reused, the others computed through the feature cache: ``cache`` as in
    :func:`medialens.engine.run`): ``doc_id, sent_id, sentence``, one column per method,
    ``difference`` (afinn - vader), ``<method>_label`` and ``same_label`` (VADER and AFINN
    label alike). ``methods`` must include ``"vader"`` and ``"afinn"``; add ``"e5"`` to set
    the model beside them.
    """
    _check_corpus(sents, ["doc_id", "sent_id", "sentence"], what="the sentence table")
    methods = list(dict.fromkeys(methods))
    for method in methods:
        _check_method(method)
    if not {"vader", "afinn"} <= set(methods):
        raise ParameterError(f"methods={methods!r} must include 'vader' and 'afinn'")
    have = sents.attrs.get("method") if "compound" in sents.columns else None
    out = sents[["doc_id", "sent_id", "sentence"]].copy()
    for method in methods:
        out[method] = (sents["compound"].to_numpy(dtype=float) if method == have else
                       _sentence_scores(sents["sentence"], method, cache=cache))
    out["difference"] = out["afinn"] - out["vader"]
    for method in methods:
        out[f"{method}_label"] = [label(x, method) for x in out[method]]
    out["same_label"] = out["vader_label"] == out["afinn_label"]
    return out.reset_index(drop=True)


#: Up to this many sentences the method comparison adds the model by default (a few
#: minutes at most on 2 cores; beyond it the model would dominate a lexicon report's time).
MODEL_COMPARISON_SENTENCES = 300


def comparison_methods(sents: pd.DataFrame, *, model: bool | None = None) -> list[str]:
    """The methods a report's comparison shows: VADER and AFINN, plus the e5 model when
    ``model`` is True, or (``None``) when it is cheap: the sentences were scored by a model
    method already, or there are at most :data:`MODEL_COMPARISON_SENTENCES` of them.

    >>> comparison_methods(pd.DataFrame({"sentence": ["a"]}))
    ['vader', 'afinn', 'e5']
    >>> comparison_methods(pd.DataFrame({"sentence": ["a"]}), model=False)
    ['vader', 'afinn']
    """
    if model is None:
        model = (sents.attrs.get("method") in ("e5", "ensemble")
                 or len(sents) <= MODEL_COMPARISON_SENTENCES)
    return ["vader", "afinn", "e5"] if model else ["vader", "afinn"]


def methods_by_document(pairs: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per document from :func:`compare_sentences` output; the same table as
    :func:`medialens.sentiment.compare_methods` without scoring anything twice (a model
    column of the pairs, e.g. ``e5``, is averaged too and follows ``afinn``).
    """
    _check_corpus(pairs, ["doc_id", "vader", "afinn", "same_label"], what="the sentence pairs")
    _check_corpus(corpus, ["doc_id"], what="the corpus")
    extra = [m for m in METHODS if m not in LEXICON_METHODS and m in pairs.columns]
    g = pairs.groupby("doc_id", sort=False)
    per = pd.DataFrame({"vader": g["vader"].mean(), "afinn": g["afinn"].mean(),
                        **{m: g[m].mean() for m in extra},
                        "label_agreement": g["same_label"].mean(),
                        "n_sentences": g.size()})
    out = per.reindex(pd.Index(corpus["doc_id"], name="doc_id")).reset_index()
    out["difference"] = out["afinn"] - out["vader"]
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    return out[["doc_id", "vader", "afinn", *extra, "difference", "label_agreement",
                "n_sentences"]]


def compare_methods(corpus: pd.DataFrame, *, target: Target = None) -> pd.DataFrame:
    """Both methods on the same sentences, per document.

    Columns: ``doc_id, vader, afinn`` (mean sentence scores), ``difference`` (afinn - vader),
    ``label_agreement`` (share of sentences both methods label alike), ``n_sentences``.
    VADER's sentence scores come through the engine and its cache like every other score.
    """
    _check_corpus(corpus)
    return methods_by_document(compare_sentences(sentences(corpus, target=target)), corpus)


def _words(lex_matches: list[tuple[str, float]]) -> str:
    return ", ".join(f"{w} ({v:+g})" for w, v in lex_matches)


def disagreements(pairs: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The ``n`` sentences the two methods label differently, largest score gap first, with
    the lexicon words each method counted (so a reader sees why). Repeated sentences (copies
    of one story) appear once.
    """
    if not isinstance(n, int) or n < 1:
        raise ParameterError(f"n={n!r} must be a positive integer")
    _check_corpus(pairs, ["doc_id", "sentence", "vader", "afinn", "same_label"],
                  what="the sentence pairs")
    d = pairs[~pairs["same_label"].astype(bool)].drop_duplicates("sentence")
    d = d.reindex(d["difference"].abs().sort_values(ascending=False, kind="stable").index)
    d = d.head(n).copy()
    for method in LEXICON_METHODS:
        lex = lexicon(method)  # type: ignore[arg-type]
        d[f"{method}_words"] = [_words(lex.matches(x)) for x in d["sentence"]]
    d["sentence"] = [_flat(x) for x in d["sentence"]]
    cols = ["doc_id", "sentence", "vader", "afinn", "vader_label", "afinn_label",
            "vader_words", "afinn_words"]
    out = d[cols].reset_index(drop=True)
    if pairs.empty:  # "they label every sentence alike" would claim a comparison never made
        # "no English sentence" would blame the language when there is no article at all
        engine = pairs.attrs.get("engine")
        no_docs = isinstance(engine, dict) and engine.get("n_docs") == 0
        out.attrs["empty_reason"] = (
            "There are no articles in the selection, so there is nothing to compare."
            if no_docs else "No sentence was scored by both methods (no English sentence in "
            "the selection), so there is nothing to compare.")
    return out


# --- the most positive / negative articles --------------------------------------------------------

def extreme_articles(scores: pd.DataFrame, corpus: pd.DataFrame, sents: pd.DataFrame, *,
                     n: int = 5, min_sentences: int = 3) -> pd.DataFrame:
    """The ``n`` most positive and ``n`` most negative articles (at least ``min_sentences``
    scored sentences), each with its outlet, date, title and its strongest sentence in that
    direction. Marked copies of another article (``duplicate_of``) are left out: the first
    copy stands for them.
    """
    _check_corpus(sents, ["doc_id", "sentence", "compound"], what="the sentence table")
    copies = (set(corpus.loc[corpus["duplicate_of"].notna(), "doc_id"])
              if "duplicate_of" in corpus.columns else set())
    ex = extremes(scores[~scores["doc_id"].isin(copies)], n=n, min_sentences=min_sentences)
    out = with_metadata(ex, corpus)
    if "published" in out.columns:
        out["published"] = _day(out["published"])
    strongest = []
    for doc_id, end in zip(out["doc_id"], out["end"], strict=True):
        mine = sents[sents["doc_id"] == doc_id]
        row = mine["compound"].idxmax() if end == "most positive" else mine["compound"].idxmin()
        strongest.append(_flat(mine.at[row, "sentence"]))
    out["strongest_sentence"] = strongest
    if "title" in out.columns:
        out["title"] = [_flat(t) for t in out["title"]]
    keep = ["end", "doc_id", *[c for c in ("source", "published", "title") if c in out.columns],
            "compound_mean", "n_sentences", "strongest_sentence"]
    return out[keep]


# --- why the tone moved ---------------------------------------------------------------------------

def _window(lo: Any, hi: Any) -> str:
    return (f"{pd.Timestamp(lo):%Y-%m-%d} to "
            f"{pd.Timestamp(hi) - pd.Timedelta(days=1):%Y-%m-%d}")


def main_change_point(change_points: pd.DataFrame) -> pd.Series | None:
    """The change point with the largest absolute ``level_shift`` (``None`` when there is none).

    >>> cps = pd.DataFrame({"period": ["2025-03", "2025-07"], "level_shift": [0.1, -0.3]})
    >>> main_change_point(cps)["period"]
    '2025-07'
    """
    _check_corpus(change_points, ["period", "level_shift"], what="the change points")
    if change_points.empty:
        return None
    return change_points.loc[change_points["level_shift"].abs().idxmax()]


def change_word_shift(sents: pd.DataFrame, corpus: pd.DataFrame, change_points: pd.DataFrame,
                      *, method: Method | None = None, top: int = 20,
                      segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`medialens.sentiment.word_shift` across the main change point (largest absolute
    level shift): the sentences of ``[before_start, period)`` (A) against ``[period,
    after_end)`` (B). ``attrs`` add ``change_point``, ``label_a``/``label_b`` (the two date
    windows) and ``a_start``/``a_end``/``b_start``/``b_end``. Without a change point (or
    without lexicon words on a side) the table is empty and ``attrs["reason"]`` says why.
    The segments hold every document of ``sents`` in those dates: group columns of
    ``change_points`` (change points per outlet) do not narrow them.

    ``segments`` (:func:`medialens.timeseries.segment_summary` of these change points): only a
    change point whose articles before and after are ``separated`` is explained. One found on a
    few period means whose articles' intervals overlap is no shift the data show, and the words
    that "explain" it would be noise (``attrs["reason"]`` says so).
    """
    method = _method_of(sents, method)
    if not isinstance(top, int) or top < 1:
        raise ParameterError(f"top={top!r} must be a positive integer")
    found = not change_points.empty
    if segments is not None and found:
        apart = set(segments.loc[segments["separated"].astype(bool), "change_point"])
        change_points = change_points[change_points["period"].isin(apart)]
    cp = main_change_point(change_points)
    empty = pd.DataFrame(columns=SHIFT_COLUMNS)
    if cp is None:
        undated = len(corpus) > 0 and ("published" not in corpus.columns or not corpus["published"].notna().any())
        empty.attrs.update(method=method, reason=NOT_SUPPORTED if found else NO_DATES if undated
                           else NO_CHANGE_POINT)
        return empty
    bounds = {"a_start": cp["before_start"], "a_end": cp["period"], "b_start": cp["period"],
              "b_end": cp["after_end"]}
    info = {"change_point": cp["period"], "level_shift": float(cp["level_shift"]),
            "label_a": _window(bounds["a_start"], bounds["a_end"]),
            "label_b": _window(bounds["b_start"], bounds["b_end"]), **bounds}
    a = sentences_between(sents, corpus, start=bounds["a_start"], end=bounds["a_end"])
    b = sentences_between(sents, corpus, start=bounds["b_start"], end=bounds["b_end"])
    try:
        out = word_shift(a, b, method=method, top=top)  # type: ignore[arg-type]
    except ParameterError as exc:  # a side without any lexicon word: nothing to decompose
        empty.attrs.update(method=method, reason=str(exc), **info)
        return empty
    out.attrs.update(info)
    return out


def shift_examples(shift: pd.DataFrame, sents: pd.DataFrame, corpus: pd.DataFrame, *,
                   words: int = 8, n: int = 2, method: Method | None = None) -> pd.DataFrame:
    """Example sentences for the top ``words`` of a :func:`change_word_shift` table: ``n``
    sentences per word from the window in which the word became MORE frequent, spread evenly
    over that window in time (not the most extreme ones), so a reader can check what the
    lexicon counted. Columns: ``word, valence, kind, segment`` ("before"/"after" the change
    point, dates in ``attrs``)``, published, source, doc_id, score, sentence``.
    """
    cols = ["word", "valence", "kind", "segment", "published", "source", "doc_id", "score",
            "sentence"]
    if shift.empty or "a_start" not in shift.attrs:
        return pd.DataFrame(columns=cols)
    method = _method_of(sents, method or shift.attrs.get("method"))
    lex = lexicon(lexicon_of(method))  # type: ignore[arg-type]
    a = shift.attrs
    sides = {}
    for side, lo, hi, name in (("a", a["a_start"], a["a_end"], "before"),
                               ("b", a["b_start"], a["b_end"], "after")):
        part = sentences_between(sents, corpus, start=lo, end=hi)
        part = with_metadata(part, corpus, columns=("source", "published"))
        part = part.sort_values("published", kind="stable").reset_index(drop=True)
        terms = [{t for t, _ in lex.matches(x)} for x in part["sentence"]]
        sides[side] = (part, terms, name)
    rows = []
    for w in shift.head(words).itertuples(index=False):
        part, terms, name = sides["b" if w.p_diff > 0 else "a"]
        hits = part.loc[[w.word in ts for ts in terms]]
        if hits.empty:
            continue
        picks = np.unique(np.linspace(0, len(hits) - 1, min(n, len(hits))).round().astype(int))
        for _, h in hits.iloc[picks].iterrows():
            rows.append((w.word, w.valence, w.kind, name, h["published"], h.get("source"),
                         h["doc_id"], h.get("compound"), _flat(h["sentence"])))
    out = pd.DataFrame(rows, columns=cols)
    out["published"] = _day(out["published"])
    out.attrs.update(before=a["label_a"], after=a["label_b"])
    return out


def change_summary(segments: pd.DataFrame, shift: pd.DataFrame | None = None, *,
                   words: int = 5) -> dict[str, Any]:
    """Key figures of the main change point from :func:`medialens.timeseries.segment_summary`
    (and the words of :func:`change_word_shift` that moved the tone most each way).
    """
    if segments.empty:
        return {"change points": 0}
    apart = segments[segments["separated"].astype(bool)]
    pool = apart if not apart.empty else segments
    main = pool.loc[pool["level_shift"].abs().idxmax(), "change_point"]
    seg = segments[segments["change_point"] == main].set_index("side")
    out: dict[str, Any] = {"change points": int(segments["change_point"].nunique()),
                           "borne out by the articles": f"{int(apart['change_point'].nunique())} (the "
                           "95% intervals before and after do not overlap)",
                           "main change point": f"{pd.Timestamp(main):%Y-%m-%d} "
                                                f"(shift {seg['level_shift'].iloc[0]:+.2f})"
                                                + ("" if not apart.empty else "; not borne out: the "
                                                   "intervals overlap")}
    for side in ("before", "after"):
        r = seg.loc[side]
        out[f"tone {side}"] = (f"{r['mean']:+.2f} (95% CI {r['ci_low']:+.2f} to "
                               f"{r['ci_high']:+.2f}; {r['n_docs']} articles, "
                               f"{r['first_day']} to {r['last_day']})")
    if shift is not None and not shift.empty:
        for direction, name in (("down", "words pulling the tone down"),
                                ("up", "words pushing the tone up")):
            top = shift.loc[shift["direction"] == direction, "word"].head(words)
            out[name] = ", ".join(top) if len(top) else "none"
    return out


# --- targeted tone -------------------------------------------------------------------------------

def target_tone(sents: pd.DataFrame, corpus: pd.DataFrame, *, target: Target,
                freq: str = "M", by: str | None = None, min_docs: int = 3,
                ci: float = 0.95) -> pd.DataFrame:
    """Tone over time of the sentences mentioning ``target`` only (the tone of coverage OF
    someone or something), an :func:`medialens.timeseries.over_time` table. ``attrs`` add
    ``target``, ``n_docs_mentioning`` and ``n_sentences``; with ``target=None`` the table is
    empty and ``attrs["reason"]`` says so.
    """
    pattern = compile_target(target)
    if pattern is None:
        out = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"),
                            "n_docs": pd.Series(dtype="int64"),
                            **{c: pd.Series(dtype="float64")
                               for c in ("mean", "median", "ci_low", "ci_high")}})
        out.attrs.update(target=None, reason=NO_TARGET_SET, n_docs_mentioning=0,
                         n_sentences=0, min_docs=min_docs)
        return out
    name = (target if isinstance(target, str) else pattern.pattern
            if isinstance(target, re.Pattern) else " | ".join(target))
    scores = from_sentences(sents, corpus, target=pattern)
    out = tone_over_time(scores, corpus, freq=freq, by=by, min_docs=min_docs, ci=ci)
    mentions = scores["n_sentences"].to_numpy() > 0
    n_docs = int(mentions.sum())
    if "published" in corpus.columns:  # undated documents that DO mention it, not all of them
        dated = set(corpus.loc[corpus["published"].notna(), "doc_id"])
        out.attrs["n_undated"] = int(sum(d not in dated for d in scores["doc_id"][mentions]))
    out.attrs.update(target=pattern.pattern, n_docs_mentioning=n_docs,
                     n_sentences=int(scores["n_sentences"].sum()),
                     title=f"Sentences mentioning {name}: {n_docs:,} articles")
    if n_docs == 0:
        out.attrs["reason"] = f"no sentence mentions the target ({name})"
    return out


__all__ = [
    "MODEL_COMPARISON_SENTENCES",
    "NOT_SUPPORTED",
    "NO_CHANGE_POINT",
    "NO_TARGET_SET",
    "SHIFT_COLUMNS",
    "change_summary",
    "change_word_shift",
    "compare_sentences",
    "comparison_methods",
    "disagreements",
    "explain_document",
    "extreme_articles",
    "key_figures",
    "main_change_point",
    "methods_by_document",
    "shift_examples",
    "target_tone",
    "with_metadata",
]
