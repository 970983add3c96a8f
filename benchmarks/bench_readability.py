"""readability.score vs the naive notebook approach, in one process on the same 2,000 articles.

Naive, as a notebook user writes it (one ``apply`` per measure)::

    for m in MEASURES:
        df[m] = df.text.apply(getattr(textstat, m))
    df["text_standard"] = df.text.apply(textstat.text_standard, float_output=True)

textstat memoises its functions (``functools.lru_cache``, 128 entries each), so the naive loop
gets some work for free: per-word syllable counts, and per-text counts while they stay in the
cache. To be fair, every timed run starts cold -- textstat's caches, ours and Pyphen's per-word
hyphenation cache are all emptied -- and the two sides alternate order over the rounds. The CMU
dictionary (the same object for both sides) is loaded once before timing and reported apart.
Times are CPU seconds of this process (``time.process_time``), best of three rounds: the CI
machine is shared, and wall time would also count other processes.

Documents: 1,000 BBC News articles (every other one, all five topics) and the first 1,000
non-empty Reuters-21578 bodies, read from ../shared/data. Run: ``make bench ARGS=readability``.

Second comparison, the DEFAULT path: ``readability.score(df)`` with default options (no
``lang``: the language is identified, once per outlet where the articles agree, see
:mod:`medialens.readability.language`) against the same naive loop, on 500 BBC articles
(every other one), best of three rounds, sides alternating; values compared.
The language model, like the CMU dictionary, is loaded once before timing (both are one-off
per-process costs, reported apart).
"""

from __future__ import annotations

import gc
import gzip
import json
import math
import sys
import time
from itertools import islice
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BBC = DATA / "bbc_news" / "bbc_news.jsonl.gz"
REUTERS = DATA / "reuters21578" / "reuters21578.jsonl.gz"
ROUNDS = 3


def _jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def load_articles() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the 2,000 benchmark articles, the whole BBC corpus)."""
    bbc = pd.DataFrame([{"doc_id": f"bbc:{r['id']}", "text": r["text"]} for r in _jsonl(BBC)])
    reuters = [{"doc_id": f"reuters:{r['id']}", "text": r["body"]}
               for r in _jsonl(REUTERS) if (r.get("body") or "").strip()]
    sample = pd.concat([bbc.iloc[::2].head(1000), pd.DataFrame(list(islice(reuters, 1000)))],
                       ignore_index=True)
    return sample, bbc


def cold() -> None:
    """Empty every cache that could favour the side that runs second."""
    import pyphen

    from medialens import readability

    readability.clear_caches()  # textstat's lru caches and our per-word syllable cache
    pyphen.hdcache.clear()  # Pyphen's hyphenation dictionaries and their per-word results
    gc.collect()


def naive(df: pd.DataFrame) -> pd.DataFrame:
    import textstat

    from medialens.readability import MEASURES

    out = pd.DataFrame({"doc_id": df["doc_id"]})
    for m in MEASURES:
        if m == "text_standard":
            out[m] = df.text.apply(textstat.text_standard, float_output=True)
        else:
            out[m] = df.text.apply(getattr(textstat, m))
    return out


def ours(df: pd.DataFrame, lang: str | None = "en") -> pd.DataFrame:
    from medialens import readability

    return readability.score(df, lang=lang)


def default(df: pd.DataFrame) -> pd.DataFrame:
    """``readability.score(df)`` exactly as the README shows it: default options."""
    from medialens import readability

    return readability.score(df)


def side_by_side(df: pd.DataFrame, sides: dict) -> tuple[dict[str, float], dict[str, pd.DataFrame]]:
    """Best-of-ROUNDS CPU seconds per side (sides alternate order), and each side's result."""
    times: dict[str, list[float]] = {name: [] for name in sides}
    results: dict[str, pd.DataFrame] = {}
    names = list(sides)
    for r in range(ROUNDS):
        for name in (names if r % 2 == 0 else names[::-1]):
            secs, results[name] = timed(sides[name], df)
            times[name].append(secs)
            print(f"  round {r + 1}: {name:8s} {secs:7.2f} s CPU", flush=True)
    return {name: min(t) for name, t in times.items()}, results


def timed(func, *args, **kwargs) -> tuple[float, pd.DataFrame]:
    """CPU seconds of this process (the CI machine is shared; wall time also counts other
    processes' load), after emptying the caches."""
    cold()
    t0 = time.process_time()
    result = func(*args, **kwargs)
    return time.process_time() - t0, result


def compare(a: pd.DataFrame, b: pd.DataFrame) -> tuple[float, int, int]:
    """(max |difference| where we have a value, our NaNs where textstat gave its 0.0 sentinel,
    our NaNs where textstat gave anything else -- empty/number-only documents)."""
    from medialens.readability import MEASURES

    worst, sentinel, other = 0.0, 0, 0
    for m in MEASURES:
        for x, y in zip(a[m], b[m], strict=True):
            if math.isnan(x):
                sentinel += y == 0.0
                other += y != 0.0
            else:
                worst = max(worst, abs(x - y))
    return worst, sentinel, other


def main() -> int:
    if not (BBC.exists() and REUTERS.exists()):
        print(f"skipped: real data not available under {DATA}")
        return 0
    from medialens import readability

    sample, bbc = load_articles()
    n = len(sample)
    t0 = time.perf_counter()
    readability.ensure_offline_cmudict()
    t_dict = time.perf_counter() - t0
    from medialens.metadata import detect_language

    t0 = time.perf_counter()
    detect_language("The language model is loaded once per process, like the dictionary.")
    t_model = time.perf_counter() - t0
    print(f"documents: {n:,} ({sample.doc_id.str.startswith('bbc').sum()} BBC + "
          f"{sample.doc_id.str.startswith('reuters').sum()} Reuters), "
          f"{sample.text.str.len().sum() / 1e6:.1f} M characters")
    print(f"CMU dictionary load (once, both sides): {t_dict:.2f} s wall; language model load "
          f"(once): {t_model:.2f} s wall")

    times: dict[str, list[float]] = {"naive": [], "ours": []}
    results: dict[str, pd.DataFrame] = {}
    for r in range(ROUNDS):
        order = ("naive", "ours") if r % 2 == 0 else ("ours", "naive")
        for side in order:
            secs, results[side] = timed(naive if side == "naive" else ours, sample)
            times[side].append(secs)
            print(f"  round {r + 1}: {side:5s} {secs:7.2f} s CPU", flush=True)
    t_naive, t_ours = min(times["naive"]), min(times["ours"])
    worst, sentinel, other = compare(results["ours"], results["naive"])
    print(f"naive df.text.apply(textstat.<measure>) x 9 measures: {t_naive:.2f} s CPU "
          f"({n / t_naive:,.0f} docs/s), best of {ROUNDS}")
    print(f"readability.score(df, lang='en'), all 9 measures + counts + flags: {t_ours:.2f} s "
          f"CPU ({n / t_ours:,.0f} docs/s), best of {ROUNDS}")
    print(f"identical numbers: max |ours - textstat| = {worst:.1e}; NaN where textstat returns "
          f"its 0.0 sentinel: {sentinel}, NaN for empty/number-only text: {other}")

    warm = time.process_time()
    ours(sample)
    print(f"readability.score again, caches warm: {time.process_time() - warm:.2f} s CPU")
    secs, auto = timed(ours, sample, lang=None)
    print(f"readability.score(df), language identified (no source column: one group, tables "
          f"and short texts one by one): {secs:.2f} s CPU "
          f"({n / secs:,.0f} docs/s; {auto.textstat_lang.ne('en_US').sum()} not English)")
    secs, whole = timed(ours, bbc)
    print(f"whole BBC corpus ({len(bbc):,} articles), all measures, cold: {secs:.2f} s CPU; "
          f"NaN values: {int(whole[list(readability.MEASURES)].isna().sum().sum())}")
    print(f"RATIO naive / readability.score: {t_naive / t_ours:.1f}x (target >= 5x)")

    # The default path: score(df) with default options, language identified.
    bbc500 = bbc.iloc[::2].head(500).reset_index(drop=True)
    print(f"\ndefault path, {len(bbc500)} BBC articles")
    best, res = side_by_side(bbc500, {"naive": naive, "default": default})
    worst, sentinel, other = compare(res["default"], res["naive"])
    n_en = int(res["default"]["textstat_lang"].eq("en_US").sum())
    print(f"naive per-measure apply: {best['naive']:.2f} s CPU; readability.score(df): "
          f"{best['default']:.2f} s CPU ({n_en} of {len(bbc500)} scored as English)")
    print(f"identical numbers: max |default - textstat| = {worst:.1e}; NaN where textstat "
          f"returns its 0.0 sentinel: {sentinel}, other NaN: {other}")
    print(f"RATIO naive / readability.score(df) default options: "
          f"{best['naive'] / best['default']:.1f}x (target >= 8x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
