"""Which country a poll is about, so that one series is one party in one country.

"Labour" in a British poll and "Labour" in a New Zealand poll are different series. The
country of a figure is read from its article: the country named most often (by name, capital,
adjective or a party only it has) in the sentences around the poll, else in the whole article.
Unknown stays empty, never guessed.

>>> country_of("Labour had 41 pct in the latest MORI poll for the Times of London.")
'UK'
>>> country_of("New Zealand's Labour Party rose to 44 percent, a Colmar Brunton poll showed.")
'NZ'
>>> country_of("A poll showed 41 pct backing the proposal.") is None
True
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from ..errors import ParameterError
from .pollsters import country_of_pollster

_COUNTRIES: dict[str, str] = {
    "UK": r"Britain|British|Briton|Britons|United\s+Kingdom|U\.K\.|UK|England|English|Scotland|Scottish|Wales|"
          r"Welsh|London|Westminster|Tories|Tory|SNP|UKIP|Brexit|Thatcher|Kinnock|Cameron|Corbyn|Blair",
    "NZ": r"New\s+Zealand(?:ers?)?|Wellington|Auckland|Kiwis?",
    "AU": r"Australia(?:ns?)?|Canberra|Sydney|Melbourne",
    # no bare party words ("Democrats", "Labour"): many countries have them
    "US": r"United\s+States|U\.S\.|US|America(?:ns?)?|Washington|White\s+House|GOP|Reagan|Trump|Clinton|Obama|"
          r"Biden|Sanders|Cruz|Iowa|New\s+Hampshire|Ohio|Florida|Pennsylvania|Michigan|Wisconsin|Arizona|Georgia",
    "CA": r"Canada|Canadians?|Ottawa|Quebec",
    "IE": r"Ireland|Irish|Dublin|Fianna\s+Fail|Fine\s+Gael",
    "DE": r"Germany|Germans?|Berlin|Bonn|Merkel|Kohl|SPD|CDU",
    "FR": r"France|French|Paris|Mitterrand|Chirac|Macron|Le\s+Pen",
    "JP": r"Japan(?:ese)?|Tokyo|LDP",
    "IL": r"Israel(?:is?)?|Jerusalem|Likud|Knesset|Netanyahu",
    "ES": r"Spain|Spanish|Madrid|Podemos",
    "IT": r"Italy|Italians?|Rome",
}
_RX = {code: re.compile(rf"(?<![\w.])(?:{rx})(?![\w])") for code, rx in _COUNTRIES.items()}


def country_of(text: str) -> str | None:
    """The country ``text`` names most often (a code such as ``UK``, ``US``), or ``None``."""
    if not isinstance(text, str) or not text:
        return None
    counts = Counter({code: len(rx.findall(text)) for code, rx in _RX.items()})
    (best, n), *rest = [*counts.most_common(2), ("", 0)]
    if n == 0 or (rest and rest[0][1] == n):
        return None
    return best


def add_country(figures: pd.DataFrame, corpus: pd.DataFrame | None = None, *, window: int = 600) -> pd.DataFrame:
    """``figures`` with a ``country`` column: the country named around each figure (``window``
    characters either side in its article, when ``corpus`` gives the texts), else in its
    sentence, else in the whole article, else the country of a pollster that polls in one
    country only (:func:`medialens.polls.pollsters.country_of_pollster`); empty when none is clear.

    >>> add_country(pd.DataFrame({"doc_id": ["a"], "sentence": ["Labor 52 pct."], "pollster": ["Newspoll"]}))[
    ...     "country"].tolist()
    ['AU']
    """
    if "doc_id" not in figures.columns:
        raise ParameterError("add_country: the figures table lacks column 'doc_id'")
    if window < 0:
        raise ParameterError(f"window={window!r} must be 0 or more")
    texts: dict[str, str] = {}
    if corpus is not None and {"doc_id", "text"} <= set(corpus.columns):
        texts = {str(d): t for d, t in zip(corpus["doc_id"], corpus["text"], strict=True) if isinstance(t, str)}
    out = []
    whole: dict[str, str | None] = {}
    for row in figures.itertuples(index=False):
        d = str(row.doc_id)
        text = texts.get(d)
        found = None
        if text is not None and isinstance(getattr(row, "start", None), (int, float)) and not pd.isna(row.start):
            a = int(row.start)
            found = country_of(text[max(0, a - window):a + window])
        if found is None:
            found = country_of(getattr(row, "sentence", "") or "")
        if found is None and text is not None:
            if d not in whole:
                whole[d] = country_of(text)
            found = whole[d]
        if found is None:  # a national pollster says where it polls (Newspoll: AU)
            found = country_of_pollster(getattr(row, "pollster", None))
        out.append(found)
    df = figures.copy()
    df["country"] = pd.Series(out, index=df.index, dtype="object")
    return df


__all__ = ["add_country", "country_of"]
