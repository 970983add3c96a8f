"""Identifying the language of a corpus once, not once per article (the speed of the default
``readability.score(df)``).

Identifying each article's language (py3langid on its first 400 characters) costs about as
much as scoring it. Articles of one outlet are nearly always in one language, so per group
(``source``, or the whole corpus) a spread sample of articles is identified; where all of them
agree, every other article of the group is checked cheaply: at least :data:`MIN_COMMON_SHARE`
of the words in its opening must be among the words the sample's articles share (function
words: "the", "of", "said" ...). An article that passes is given the sample's language; any
other (a German story in an English corpus, a table of figures, a short text) is left to the
per-article identifier, exactly as before. Values are those of textstat for the language used.

>>> import pandas as pd
>>> en = ("The council said on Tuesday that the new bus network would open in the spring, and "
...       "that it would cost less than the old one to run, officials said.")
>>> de = ("Der Stadtrat hat am Dienstag nach langer Debatte beschlossen, das Busnetz deutlich "
...       "auszubauen, wie der Bürgermeister am Abend sagte.")
>>> df = pd.DataFrame({"text": [en] * 39 + [de]})
>>> corpus_languages(df).value_counts(dropna=False).to_dict()
{'en': 39, <NA>: 1}
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..metadata import LANG_SAMPLE_CHARS, detect_language, too_short_to_identify

SAMPLE_SIZE = 16  # articles identified per group
MIN_GROUP = 2 * SAMPLE_SIZE  # smaller groups: every article is identified, as before
COMMON_WORDS = 50  # the sample's most frequent words that occur in 2+ of its articles
#: Share of an article's opening words that must be among the sample's common words. English
#: news (BBC, Reuters) opens with 18-60% of them; German or French text with 3-5%.
MIN_COMMON_SHARE = 0.15
_WORD = re.compile(r"[^\W\d_]+")
# Values of a lang column that mean "not given".
_MISSING = frozenset({"", "<na>", "nan", "none", "null", "und", "unknown"})


def _words(text: str) -> list[str]:
    return _WORD.findall(text[:LANG_SAMPLE_CHARS].lower())


def corpus_languages(corpus: pd.DataFrame, *, by: str = "source") -> pd.Series:
    """A ``lang`` value for the articles whose language the corpus does not give and that
    agree with their group's identified language; NA elsewhere (identified one by one).

    Groups are the values of ``by`` when the corpus has that column, else the whole corpus.
    """
    out = pd.Series(pd.NA, index=corpus.index, dtype="object")
    todo = pd.Series(True, index=corpus.index)
    if "lang" in corpus.columns:
        given = corpus["lang"]
        todo = given.isna() | given.astype("string").str.strip().str.lower().isin(_MISSING)
    texts = corpus["text"]
    ok = todo & texts.map(lambda t: isinstance(t, str) and not too_short_to_identify(t))
    keys = (corpus[by].astype("string").fillna("\x00") if by in corpus.columns
            else pd.Series("", index=corpus.index))
    for _, idx in keys[ok].groupby(keys[ok], sort=False).groups.items():
        if len(idx) < MIN_GROUP:
            continue
        step = len(idx) / SAMPLE_SIZE
        sample = [idx[int(i * step)] for i in range(SAMPLE_SIZE)]
        found = {detect_language(texts[i]) for i in sample}
        if len(found) != 1 or None in found:
            continue  # a mixed or unidentifiable group: one by one
        lang = found.pop()
        df_count: Counter[str] = Counter()
        for i in sample:
            df_count.update(set(_words(texts[i])))
        common = {w for w, n in df_count.most_common() if n >= 2}
        common = set(sorted(common, key=lambda w: -df_count[w])[:COMMON_WORDS])
        for i in idx:
            words = _words(texts[i])
            if words and sum(w in common for w in words) >= MIN_COMMON_SHARE * len(words):
                out[i] = lang
    return out
