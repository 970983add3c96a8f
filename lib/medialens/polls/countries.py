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


# ----------------------------------------------------------------------------- regions
# Places smaller than a country whose polls trackers must not mix into national series: US
# states, Canadian provinces, Australian states, the UK's nations, German states, big cities.
# Ambiguous names need more than the name: "Washington" is the government ("Washington state"
# is the state), "New York Times", "Georgia" the country (a poll cue beside it decides), "Victoria"
# a person (a poll cue decides).
_US_STATES = (r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|"
              r"Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|"
              r"Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New\s+Hampshire|New\s+Jersey|New\s+Mexico|"
              r"New\s+York(?:\s+State|\s+City)?|North\s+Carolina|North\s+Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|"
              r"Rhode\s+Island|South\s+Carolina|South\s+Dakota|Tennessee|Texas|Utah|Vermont|Virginia|"
              r"Washington\s+(?:state|State)|West\s+Virginia|Wisconsin|Wyoming")
_OTHER_REGIONS = (r"Ontario|Quebec|Québec|Alberta|British\s+Columbia|B\.C\.|Manitoba|Saskatchewan|Nova\s+Scotia|"
                  r"New\s+Brunswick|Newfoundland(?:\s+and\s+Labrador)?|Prince\s+Edward\s+Island|Atlantic\s+Canada|"
                  r"New\s+South\s+Wales|NSW|Victoria|Queensland|Western\s+Australia|South\s+Australia|Tasmania|"
                  r"Scotland|Wales|Northern\s+Ireland|Bavaria|Saxony(?:-Anhalt)?|Thuringia|Brandenburg|Hesse|"
                  r"North\s+Rhine-Westphalia|Baden-Württemberg|Lower\s+Saxony|Catalonia|Bihar|Uttar\s+Pradesh|"
                  r"Maharashtra|West\s+Bengal|Tamil\s+Nadu|Kerala|Punjab|Mindanao|Metro\s+Manila")
# cities: only where a poll cue names them ("a poll of London voters"), never by "in Chicago"
_CITIES = r"London|Los\s+Angeles|Chicago|Toronto|Calgary|Edmonton|Montreal|Vancouver|Atlanta|Philadelphia|New\s+York\s+City"
_PLACE = rf"(?P<place>{_US_STATES}|{_OTHER_REGIONS}|{_CITIES})(?![\w-])(?!\s+(?:Times|Post|Daily|University|College|Magazine|"\
         r"Herald|Tribune|Journal|Globe|Star|Sun|Observer|Record|Gazette|Institute|Poll\s+of\s+Polls|Avenue|Street))"
_NOT_AFTER = r"(?<!\bwin\sin\s)(?<!\bwon\sin\s)(?<!\bvictory\sin\s)(?<!\bdefeat\sin\s)(?<!\bloss\sin\s)"\
             r"(?<!\brally\sin\s)(?<!\bborn\sin\s)(?<!\blives\sin\s)(?<!\bcampaigning\sin\s)(?<!\bcampaigned\sin\s)"
# a poll of the place: "a Des Moines Register poll of likely Iowa caucusgoers", "an Ohio poll",
# "poll of Wisconsin voters", "Scotland's voters", "statewide poll in Georgia"
_RE_POLL_PLACE = [
    re.compile(rf"(?<![\w.])(?:{_PLACE})(?:'s|’s)?\s+(?:(?:likely|registered|Republican|Democratic|GOP|primary|"
               r"general[\s-]election|caucus|state|statewide)\s+){0,3}(?:voters|residents|adults|electorate|caucusgoers|"
               r"caucus-goers|poll|polls|polling|survey|primary|primaries|caucus|caucuses|Senate\s+(?:race|contest|seat)|"
               r"governor(?:'s|’s)?\s+(?:race|contest|election|primary)|gubernatorial|race|contest|Republicans|Democrats|"
               r"independents|referendum|election|mayoral)\b"),
    re.compile(rf"\b(?:poll|polls|survey|polling|surveyed|voters|residents)\s+(?:of|in|across|throughout)\s+"
               rf"(?:\d[\d,]*\s+)?(?:(?:likely|registered|Republican|Democratic|GOP|primary)\s+)*(?:{_PLACE})(?![\w-])"),
]
# the place as where a figure holds: "Trump up in Iowa with 37 percent", "In Ohio, Ramaswamy leads"
_RE_IN_PLACE = re.compile(rf"{_NOT_AFTER}\b(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+(?:the\s+state\s+of\s+)?"
                          rf"(?P<place>{_US_STATES}|{_OTHER_REGIONS})(?![\w-])")
_RE_NATIONAL_CUE = re.compile(r"\b(?:national(?:ly)?|nationwide|across\s+the\s+country|U\.S\.\s+adults|Americans|"
                              r"federal(?:ly)?)\b", re.I)


# a region's people as the people asked: "24% of Scots", "Albertans say", "Scottish voters"
_DEMONYMS = {"Scots": "Scotland", "Scottish": "Scotland", "Welsh": "Wales", "Albertans": "Alberta",
             "Ontarians": "Ontario", "Quebecers": "Quebec", "Québécois": "Quebec", "Texans": "Texas",
             "Californians": "California", "Floridians": "Florida", "Iowans": "Iowa", "Tennesseans": "Tennessee",
             "New Yorkers": "New York", "Ohioans": "Ohio", "Georgians": "Georgia", "Virginians": "Virginia",
             "Michiganders": "Michigan", "Pennsylvanians": "Pennsylvania", "Wisconsinites": "Wisconsin",
             "Arizonans": "Arizona", "Bavarians": "Bavaria", "Catalans": "Catalonia", "Londoners": "London",
             "British Columbians": "British Columbia", "Manitobans": "Manitoba", "Queenslanders": "Queensland",
             "Victorians": "Victoria", "Tasmanians": "Tasmania", "Minnesotans": "Minnesota", "Nevadans": "Nevada"}
_RE_DEMONYM = re.compile(
    r"\b(?:of|among|by)\s+(?:all\s+)?(?P<d>" + "|".join(k for k in _DEMONYMS if not k.endswith(("ish", "sh", "ois")))
    + r")\b|(?P<d2>Scottish|Welsh)\s+(?:voters|adults|public|electorate|respondents|Parliament|independence)\b"
    r"|\b(?P<d3>" + "|".join(k for k in _DEMONYMS if k.endswith("s")) + r")\s+(?:say|said|think|back|support|oppose|"
    r"approve|disapprove|want|favou?r|are|were)\b")
# a dateline names the article's place: "DES MOINES, Iowa (Reuters) -", "ALBANY —"
_CAPITALS = {"ALBANY": "New York", "SACRAMENTO": "California", "AUSTIN": "Texas", "TALLAHASSEE": "Florida",
             "HARRISBURG": "Pennsylvania", "LANSING": "Michigan", "MADISON": "Wisconsin", "MILWAUKEE": "Wisconsin",
             "COLUMBUS": "Ohio", "ATLANTA": "Georgia", "PHOENIX": "Arizona", "RALEIGH": "North Carolina",
             "RICHMOND": "Virginia", "DES MOINES": "Iowa", "CONCORD": "New Hampshire", "MANCHESTER, N.H.": "New Hampshire",
             "CARSON CITY": "Nevada", "EDINBURGH": "Scotland", "GLASGOW": "Scotland", "CARDIFF": "Wales",
             "BELFAST": "Northern Ireland", "EDMONTON": "Alberta", "CALGARY": "Alberta", "TORONTO": "Ontario",
             "QUEBEC CITY": "Quebec", "MONTREAL": "Quebec", "REGINA": "Saskatchewan", "WINNIPEG": "Manitoba",
             "HALIFAX": "Nova Scotia", "PATNA": "Bihar", "MUNICH": "Bavaria"}
_RE_DATELINE = re.compile(r"\A\s*(?P<city>[A-Z][A-Z .'-]{2,30}?)(?:,\s*(?P<state>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?))?"
                          r"\s*(?:\([A-Za-z ]+\)\s*)?[—–-]{1,2}\s")
_RE_STATE_NAME = re.compile(rf"(?:{_US_STATES}|{_OTHER_REGIONS})")


def _dateline_region(text: str) -> str | None:
    """The place an article's dateline names ("DES MOINES, Iowa (Reuters) -" -> Iowa)."""
    m = _RE_DATELINE.match(text)
    if not m:
        return None
    if m.group("state") and _RE_STATE_NAME.fullmatch(m.group("state")):
        return _norm_place(m.group("state"))
    return _CAPITALS.get(" ".join(m.group("city").split()).strip())


_RE_POLL_WORD = re.compile(r"\b(?:polls?|polling|surveys?|surveyed|pollsters?)\b", re.I)


def _norm_place(p: str) -> str:
    p = " ".join(p.split())
    return {"B.C.": "British Columbia", "NSW": "New South Wales", "Québec": "Quebec", "New York State": "New York",
            "Washington State": "Washington", "Washington state": "Washington"}.get(p, p)


def region_of(sentence: str, *, strong_only: bool = False) -> str | None:
    """The place smaller than a country that ``sentence`` says a poll or its figure covers
    (a state, province, nation of the UK, big city), or None.

    >>> region_of("A CNN/ORC poll has Trump up in Iowa with 37 percent to 26 percent for Cruz.")
    'Iowa'
    >>> region_of("Trump, fresh from his win in Iowa, leads the national poll with 35 percent.") is None
    True
    """
    if not isinstance(sentence, str) or not sentence:
        return None
    m = next((m for rx in _RE_POLL_PLACE for m in [rx.search(sentence)] if m), None)
    if m is None:
        d = _RE_DEMONYM.search(sentence)
        if d:
            return _DEMONYMS[d.group("d") or d.group("d2") or d.group("d3")]
    if m is None and not strong_only and not _RE_NATIONAL_CUE.search(sentence):
        m = _RE_IN_PLACE.search(sentence)
    return _norm_place(m.group("place")) if m else None


def add_region(figures: pd.DataFrame, corpus: pd.DataFrame | None = None, *, lookback: int = 2) -> pd.DataFrame:
    """``figures`` with a ``region`` column: the place smaller than a country a figure's poll
    covers ("Iowa", "Scotland", "Quebec"), None for a national poll or when no sentence says.

    A figure's own sentence decides ("Trump up in Iowa with 37 percent"); else the poll's: the
    place its other figures' sentences, or the ``lookback`` sentences before its first figure,
    name as polled ("a poll of likely Iowa caucusgoers", "the Marquette Law School Wisconsin
    poll"). Unknown stays empty: trackers keep regional polls apart from national series.

    >>> figs = pd.DataFrame({"doc_id": ["a", "a"], "poll_id": ["a#0", "a#0"], "sentence": [
    ...     "A Des Moines Register poll of likely Iowa caucusgoers found Cruz at 24 percent.",
    ...     "Trump had 21 percent."]})
    >>> add_region(figs)["region"].tolist()
    ['Iowa', 'Iowa']
    """
    if "doc_id" not in figures.columns:
        raise ParameterError("add_region: the figures table lacks column 'doc_id'")
    if lookback < 0:
        raise ParameterError(f"lookback={lookback!r} must be 0 or more")
    from ..text import sentence_spans

    texts: dict[str, str] = {}
    if corpus is not None and {"doc_id", "text"} <= set(corpus.columns):
        texts = {str(d): t for d, t in zip(corpus["doc_id"], corpus["text"], strict=True) if isinstance(t, str)}
    sentences = figures["sentence"] if "sentence" in figures.columns else pd.Series([""] * len(figures), index=figures.index)
    own = [region_of(s) for s in sentences]
    polls = figures["poll_id"] if "poll_id" in figures.columns else figures["doc_id"]
    per_poll: dict[object, set[str]] = {}
    for pid, s in zip(polls, sentences, strict=True):
        r = region_of(s, strong_only=True)
        if r:
            per_poll.setdefault(pid, set()).add(r)
    # the sentences just before a poll's first figure introduce it ("Iowa's caucuses are in two
    # weeks. A new poll shows ...")
    if texts and "start" in figures.columns:
        spans_of: dict[str, list[tuple[int, int]]] = {}
        first = figures.assign(_pid=polls.values).groupby("_pid", sort=False)[["doc_id", "start"]].first()
        for pid, row in first.iterrows():
            text = texts.get(str(row["doc_id"]))
            if text is None or pd.isna(row["start"]):
                continue
            spans = spans_of.setdefault(str(row["doc_id"]), sentence_spans(text))
            k = next((i for i, (a, b) in enumerate(spans) if a <= int(row["start"]) < b), None)
            for a, b in spans[max(0, (k or 0) - lookback):(k or 0)] if k is not None else []:
                # (a sentence about the poll: "California voters approved it with 64% of the
                # vote" before a national poll is a result)
                r = region_of(text[a:b], strong_only=True) if _RE_POLL_WORD.search(text, a, b) else None
                if r:
                    per_poll.setdefault(pid, set()).add(r)
    # the article's place: one a poll sentence of its lede names, or the only one its poll
    # sentences name, twice or more (a state-race story: "ALBANY — Gov. Kathy Hochul holds an
    # 11-point lead ... in the Siena College poll of New York voters")
    article: dict[str, str | None] = {}
    for d in dict.fromkeys(map(str, figures["doc_id"])):
        text = texts.get(d)
        if text is None:
            continue
        found: list[tuple[int, str]] = []
        for k, (a, b) in enumerate(sentence_spans(text)):
            if _RE_POLL_WORD.search(text, a, b) or _RE_DEMONYM.search(text, a, b):
                r = region_of(text[a:b], strong_only=True)
                if r:
                    found.append((k, r))
        dateline = _dateline_region(text)
        if dateline:
            found.insert(0, (0, dateline))
        places = {r for _, r in found}
        lede = {r for k, r in found if k < 3}
        if len(lede) == 1:
            article[d] = next(iter(lede))
        elif len(places) == 1 and len(found) >= 2:
            article[d] = next(iter(places))
    national = {pid for pid, s in zip(polls, sentences, strict=True) if _RE_NATIONAL_CUE.search(s or "")}
    out = []
    for pid, d, r, s in zip(polls, figures["doc_id"].astype(str), own, sentences, strict=True):
        if r is None and len(per_poll.get(pid, ())) == 1 and not _RE_NATIONAL_CUE.search(s or ""):
            r = next(iter(per_poll[pid]))
        if r is None and pid not in per_poll and pid not in national and article.get(d):
            r = article[d]
        out.append(r)
    df = figures.copy()
    df["region"] = pd.Series(out, index=df.index, dtype="object")
    return df


__all__ = ["add_country", "add_region", "country_of", "region_of"]
