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
    # ("John Tory" was Toronto's mayor)
    "UK": r"Britain|British|Briton|Britons|United\s+Kingdom|U\.K\.|UK|England|English|Scotland|Scottish|Wales|"
          r"Welsh|London|Westminster|Tories|(?<!John\s)Tory|SNP|UKIP|Brexit|Thatcher|Kinnock|Cameron|Corbyn|Blair",
    "NZ": r"New\s+Zealand(?:ers?)?|Wellington|Auckland|Kiwis?",
    "AU": r"Australia(?:ns?)?|Canberra|Sydney|Melbourne",
    # no bare party words ("Democrats", "Labour"): many countries have them
    "US": r"United\s+States|U\.S\.|US|America(?:ns?)?|Washington|White\s+House|GOP|Reagan|Trump|Clinton|Obama|"
          r"Biden|Sanders|Cruz|Iowa|New\s+Hampshire|Ohio|Florida|Pennsylvania|Michigan|Wisconsin|Arizona|Georgia",
    "CA": r"Canada|Canadians?|Ottawa|Quebec|Ontario|Alberta|Toronto|Montreal|Vancouver|Calgary|Edmonton",
    "IE": r"Ireland|Irish|Dublin|Fianna\s+Fail|Fine\s+Gael",
    "DE": r"Germany|Germans?|Berlin|Bonn|Merkel|Kohl|SPD|CDU",
    "FR": r"France|French|Paris|Mitterrand|Chirac|Macron|Le\s+Pen",
    "JP": r"Japan(?:ese)?|Tokyo|LDP",
    "IL": r"Israel(?:is?)?|Jerusalem|Likud|Knesset|Netanyahu",
    "ES": r"Spain|Spanish|Madrid|Podemos",
    "IT": r"Italy|Italians?|Rome",
    # the country, against the US state the "US" pattern counts ("TBILISI - Georgia's ruling
    # Georgian Dream party")
    "GE": r"(?i:Tbilisi)|Georgian\s+Dream|Kobakhidze|Ivanishvili|Saakashvili|Zourabichvili",
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
# a whole poll of the place (what may pass to the poll's other figures): "a poll of likely Iowa
# caucusgoers", "the Marquette Law School Wisconsin poll", "Iowa caucusgoers"; not "Iowa
# Republicans" (a part of a wider poll) or "Iowa's Senate race"
_RE_POLL_OF_PLACE = [
    re.compile(rf"(?<![\w.])(?:{_PLACE})(?:'s|’s)?\s+(?:(?:likely|registered|Republican|Democratic|GOP|primary|"
               r"general[\s-]election|caucus|state|statewide|[A-Z][\w&.-]*)\s+){0,3}(?:poll|polls|polling|survey)\b"),
    re.compile(rf"\b(?:poll|polls|survey|polling|surveyed)\s+(?:of|in|across|throughout)\s+(?:\d[\d,]*\s+)?"
               rf"(?:(?:likely|registered|Republican|Democratic|GOP|primary)\s+)*(?:{_PLACE})(?![\w-])"),
    re.compile(rf"(?<![\w.])(?:{_PLACE})(?:'s|’s)?\s+(?:likely\s+|registered\s+)?(?:caucusgoers|caucus-goers)\b"),
]
# the place as where a figure holds: "Trump up in Iowa with 37 percent", "leads in Ohio",
# "In Ohio, Ramaswamy leads"; not "fresh from his win in Iowa", "a rally in Michigan"
_RE_IN_PLACE = re.compile(
    rf"(?:\A\s*(?:But\s+|And\s+)?In\s+(?:the\s+state\s+of\s+)?(?P<place>{_US_STATES}|{_OTHER_REGIONS})(?![\w-]),"
    rf"|\b(?:up|down|ahead|behind|leads?|led|leading|trails?|trailed|trailing|tied|even|level|poll|polls|polling|survey|"
    rf"race|primary|caucus(?:es)?|contest|voters|residents|challengers?|rivals?|opponents?|edge|advantage|lead|"
    rf"approval|standing|popularity|support|%|per\s*cent|percent|pct)\s+in\s+(?:the\s+state\s+of\s+)?"
    rf"(?P<place2>{_US_STATES}|{_OTHER_REGIONS})(?![\w-]))")
# what says a poll is national: "nationally", "a national poll", "nationwide" (not "the
# Scottish National Party", "national Democrats", "her national name recognition")
_RE_NATIONAL_CUE = re.compile(
    r"\b(?:nationally|nationwide|across\s+the\s+country|national\s+(?:poll|polls|polling|survey|average|sample|"
    r"tracking\s+poll|electorate)|nationally\s+representative|U\.S\.\s+adults)\b", re.I)
# a state race named in an article's first sentences: "Pennsylvania's Senate race is tightening"
_RE_RACE_PLACE = re.compile(
    rf"(?<![\w.])(?P<place>{_US_STATES}|{_OTHER_REGIONS}|{_CITIES})(?:'s|’s)\s+(?:[\w.-]+\s+){{0,3}}?(?:Senate|governor(?:'s)?|"
    r"gubernatorial|mayoral|mayor's|attorney\s+general|House|legislative|provincial|state)\s+"
    r"(?:race|contest|election|primary|campaign|seat)\b"
    # "the race for Virginia governor", "Florida's November ballot"
    rf"|\brace\s+for\s+(?:the\s+)?(?P<place2>{_US_STATES}|{_OTHER_REGIONS}|{_CITIES})\s+(?:governor|mayor|Senate|premier)"
    rf"|(?<![\w.])(?P<place3>{_US_STATES}|{_OTHER_REGIONS})(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}?ballot\b")


# a region's people as the people asked: "24% of Scots", "Albertans say", "Scottish voters"
_DEMONYMS = {"Scots": "Scotland", "Scottish": "Scotland", "Welsh": "Wales", "Albertans": "Alberta",
             "Ontarians": "Ontario", "Quebecers": "Quebec", "Québécois": "Quebec", "Texans": "Texas",
             "Californians": "California", "Floridians": "Florida", "Iowans": "Iowa", "Tennesseans": "Tennessee",
             "New Yorkers": "New York", "Ohioans": "Ohio", "Georgians": "Georgia", "Virginians": "Virginia",
             "Michiganders": "Michigan", "Pennsylvanians": "Pennsylvania", "Wisconsinites": "Wisconsin",
             "Arizonans": "Arizona", "Bavarians": "Bavaria", "Catalans": "Catalonia", "Londoners": "London",
             "British Columbians": "British Columbia", "Manitobans": "Manitoba", "Queenslanders": "Queensland",
             "Victorians": "Victoria", "Tasmanians": "Tasmania", "Minnesotans": "Minnesota", "Nevadans": "Nevada",
             "Calgarians": "Calgary", "Edmontonians": "Edmonton", "Torontonians": "Toronto", "Montrealers": "Montreal",
             "Saskatchewanians": "Saskatchewan", "Nova Scotians": "Nova Scotia", "Marylanders": "Maryland",
             "New Jerseyans": "New Jersey", "Coloradans": "Colorado", "Oregonians": "Oregon"}
_RE_DEMONYM = re.compile(
    r"\b(?:of|among|by)\s+(?:all\s+)?(?P<d>" + "|".join(k for k in _DEMONYMS if not k.endswith(("ish", "sh", "ois")))
    + r")\b|(?P<d2>Scottish|Welsh)\s+(?:voters|adults|public|electorate|respondents|Parliament|independence)\b"
    r"|\b(?P<d3>" + "|".join(k for k in _DEMONYMS if k.endswith("s")) + r")\s+(?:say|said|think|back|support|oppose|"
    r"approve|disapprove|want|favou?r|are|were)\b"
    # "a Resolve poll of Victorian voters": a region's adjective before its voters
    r"|\b(?P<d4>Victorian|Queensland|Albertan|Ontarian|Texan|Californian|Floridian|Bavarian|Catalan)\s+"
    r"(?:voters|adults|residents|electorate)\b")
# a dateline names the article's place: "DES MOINES, Iowa (Reuters) -", "ALBANY —"
_CAPITALS = {"ALBANY": "New York", "SACRAMENTO": "California", "AUSTIN": "Texas", "TALLAHASSEE": "Florida",
             "HARRISBURG": "Pennsylvania", "LANSING": "Michigan", "MADISON": "Wisconsin", "MILWAUKEE": "Wisconsin",
             "COLUMBUS": "Ohio", "ATLANTA": "Georgia", "PHOENIX": "Arizona", "RALEIGH": "North Carolina",
             "RICHMOND": "Virginia", "DES MOINES": "Iowa", "CONCORD": "New Hampshire", "MANCHESTER, N.H.": "New Hampshire",
             "CARSON CITY": "Nevada", "EDINBURGH": "Scotland", "GLASGOW": "Scotland", "CARDIFF": "Wales",
             "BELFAST": "Northern Ireland", "EDMONTON": "Alberta", "CALGARY": "Alberta", "TORONTO": "Ontario",
             "QUEBEC CITY": "Quebec", "MONTREAL": "Quebec", "REGINA": "Saskatchewan", "WINNIPEG": "Manitoba",
             "HALIFAX": "Nova Scotia", "PATNA": "Bihar", "MUNICH": "Bavaria"}
# (a wire's "WASHINGTON (Reuters) -" or "ATLANTA (AP) —" says where the reporter was, and
# national polls are filed from anywhere: see add_region)
_RE_DATELINE = re.compile(r"\A\s*(?P<city>[A-Z][A-Z .'-]{2,30}?)(?:,\s*(?P<state>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?))?"
                          r"\s*(?P<wire>\([A-Za-z ]+\)\s*)?[—–-]{1,2}\s")
# the AP's abbreviations of states in datelines ("LONDONDERRY, N.H. —")
_AP_STATES = {"Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California", "Colo.": "Colorado",
              "Conn.": "Connecticut", "Del.": "Delaware", "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois",
              "Ind.": "Indiana", "Kan.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
              "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
              "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nev.": "Nevada", "N.H.": "New Hampshire",
              "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York", "N.C.": "North Carolina",
              "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon", "Pa.": "Pennsylvania",
              "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota", "Tenn.": "Tennessee",
              "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington", "W.Va.": "West Virginia", "Wis.": "Wisconsin",
              "Wyo.": "Wyoming"}
_RE_STATE_NAME = re.compile(rf"(?:{_US_STATES}|{_OTHER_REGIONS})")


def _dateline_region(text: str) -> tuple[str | None, bool]:
    """The place an article's dateline names and whether it is a wire's ("ALBANY —" ->
    (New York, False); "DES MOINES, Iowa (Reuters) -" -> (Iowa, True))."""
    m = _RE_DATELINE.match(text)
    if not m:
        return None, False
    wire = bool(m.group("wire"))
    if m.group("state") and _RE_STATE_NAME.fullmatch(m.group("state")):
        return _norm_place(m.group("state")), wire
    if m.group("state") and m.group("state") in _AP_STATES:
        return _AP_STATES[m.group("state")], wire
    return _CAPITALS.get(" ".join(m.group("city").split()).strip()), wire


# a poll's word, not the voting sense ("head to the polls")
_RE_POLL_WORD = re.compile(r"(?<!\bto\sthe\s)(?<!\bat\sthe\s)\b(?:polls?|surveys?|surveyed|polling|pollsters?)\b"
                           r"(?!\s+(?:open|opened|close|closed|closing|opening)\b)", re.I)


def _norm_place(p: str) -> str:
    p = " ".join(p.split())
    return {"B.C.": "British Columbia", "NSW": "New South Wales", "Québec": "Quebec", "New York State": "New York",
            "Washington State": "Washington", "Washington state": "Washington"}.get(p, p)


def _demonym_place(d: re.Match[str]) -> str | None:
    """The place a :data:`_RE_DEMONYM` match names ("Scots", "Victorian voters")."""
    w = d.group("d") or d.group("d2") or d.group("d3") or d.group("d4")
    return _DEMONYMS.get(w) or _DEMONYMS.get(w + "s") or ("Queensland" if w == "Queensland" else None)


def region_of(sentence: str) -> str | None:
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
            return _demonym_place(d)
    if m is None and not _RE_NATIONAL_CUE.search(sentence):
        m = _RE_IN_PLACE.search(sentence)
        if m:
            return _norm_place(m.group("place") or m.group("place2"))
    return _norm_place(m.group("place")) if m else None


def poll_region_of(sentence: str) -> str | None:
    """The place ``sentence`` says a whole poll was taken in ("a poll of likely Iowa
    caucusgoers", "the Marquette Law School Wisconsin poll", "a Resolve poll of Victorian
    voters"), the evidence one sentence may pass to a poll's other figures; None otherwise
    ("Among Iowa Republicans, the poll found ..." is a part of a wider poll).

    >>> poll_region_of("A Des Moines Register poll of likely Iowa caucusgoers found Cruz at 24 percent.")
    'Iowa'
    >>> poll_region_of("Among Iowa Republicans, the poll found, he has 60%.") is None
    True
    """
    if not isinstance(sentence, str) or not sentence or not _RE_POLL_WORD.search(sentence):
        return None
    m = next((m for rx in _RE_POLL_OF_PLACE for m in [rx.search(sentence)] if m), None)
    if m is not None:
        return _norm_place(m.group("place"))
    d = _RE_DEMONYM.search(sentence)
    if d and not d.group("d3"):  # ("Albertans say" is a sentence's people, not the poll's place)
        return _demonym_place(d)
    return None


_RE_PART_BEFORE = re.compile(r"\b(?:among|of|in)\s+(?:the\s+)?$", re.I)


def _whole_poll_place(sentence: str) -> str | None:
    """A place the sentence names as a whole poll's ("a poll of Iowa voters", "New York
    voters", "Pennsylvania's Senate race", "an Ohio poll"), not a part of a wider one ("Among
    Iowa Republicans", "45 per cent of Alberta voters")."""
    r = poll_region_of(sentence)
    if r is not None:
        return r
    if not isinstance(sentence, str) or not sentence:
        return None
    for rx in _RE_POLL_PLACE:
        for m in rx.finditer(sentence):
            if not _RE_PART_BEFORE.search(sentence, 0, m.start("place")):
                return _norm_place(m.group("place"))
    return None


def _text(x: object) -> str:
    return x if isinstance(x, str) else ""


def add_region(figures: pd.DataFrame, corpus: pd.DataFrame | None = None, *, lookback: int = 2) -> pd.DataFrame:
    """``figures`` with a ``region`` column: the place smaller than a country a figure's poll
    covers ("Iowa", "Scotland", "Quebec"), None for a national poll or when no sentence says.

    A figure's own clause decides ("Trump up in Iowa with 37 percent", "In Ohio, Ramaswamy
    leads"); else the poll's: a place its other figures' sentences, or the ``lookback``
    sentences before its first figure, name as polled ("a poll of likely Iowa caucusgoers");
    else, for a poll no sentence calls national, the article's: the one place the poll
    sentences of its first three sentences name, or a state race named there ("Pennsylvania's
    Senate race is tightening", a local outlet's dateline "ALBANY —", a wire's only where the
    lede names the place too), or the only place its poll sentences name, twice or more.
    Unknown stays empty: trackers keep
    regional polls apart from national series.

    >>> figs = pd.DataFrame({"doc_id": ["a", "a"], "poll_id": ["a#0", "a#0"], "sentence": [
    ...     "A Des Moines Register poll of likely Iowa caucusgoers found Cruz at 24 percent.",
    ...     "Trump had 21 percent."]})
    >>> add_region(figs)["region"].tolist()
    ['Iowa', 'Iowa']
    """
    if not isinstance(figures, pd.DataFrame):
        raise ParameterError(f"add_region needs a DataFrame of poll figures, got {type(figures).__name__}")
    if "doc_id" not in figures.columns:
        raise ParameterError("add_region: the figures table lacks column 'doc_id'")
    if isinstance(lookback, bool) or not isinstance(lookback, int) or lookback < 0:
        raise ParameterError(f"lookback={lookback!r} must be a whole number, 0 or more")
    from ..text import sentence_spans
    from .groups import clause_of

    texts: dict[str, str] = {}
    if corpus is not None and {"doc_id", "text"} <= set(corpus.columns):
        texts = {str(d): t for d, t in zip(corpus["doc_id"], corpus["text"], strict=True) if isinstance(t, str)}
    sentences = [_text(x) for x in figures["sentence"]] if "sentence" in figures.columns else [""] * len(figures)
    docs = figures["doc_id"].astype(str).tolist()
    starts = figures["start"].tolist() if "start" in figures.columns else [None] * len(figures)
    ends = figures["end"].tolist() if "end" in figures.columns else [None] * len(figures)
    own = []
    for d, sent, a, b in zip(docs, sentences, starts, ends, strict=True):
        text = texts.get(d)
        clause = sent
        if text is not None and sent and isinstance(a, (int, float)) and isinstance(b, (int, float)) \
                and not pd.isna(a) and not pd.isna(b):
            at = text.rfind(sent, max(0, int(a) - len(sent)), int(a) + len(sent))
            if at >= 0 and at <= int(a) and int(b) <= at + len(sent):
                # the figure's own clause: "34 per cent of Canadians, and 45 per cent in Alberta"
                lo, hi = clause_of(sent, int(a) - at, int(b) - at)
                clause = sent[:hi] if _RE_IN_PLACE.match(sent) else sent[lo:hi]  # ("In Ohio, ...": all of it)
        own.append(region_of(clause))
    polls = figures["poll_id"].tolist() if "poll_id" in figures.columns else docs
    per_poll: dict[object, set[str]] = {}
    for pid, sent in zip(polls, sentences, strict=True):
        r = _whole_poll_place(sent)
        if r:
            per_poll.setdefault(pid, set()).add(r)
    spans_of: dict[str, list[tuple[int, int]]] = {}

    def spans(d: str) -> list[tuple[int, int]]:
        if d not in spans_of:
            spans_of[d] = sentence_spans(texts[d])
        return spans_of[d]

    # the sentences just before a poll's first figure introduce it ("A new poll of Iowa voters
    # ... . Trump leads with 37 percent")
    firsts: dict[object, tuple[str, object]] = {}
    for pid, d, a in zip(polls, docs, starts, strict=True):
        firsts.setdefault(pid, (d, a))
    for pid, (d, a) in firsts.items():
        if d not in texts or not isinstance(a, (int, float)) or pd.isna(a):
            continue
        sp = spans(d)
        k = next((i for i, (x, y) in enumerate(sp) if x <= int(a) < y), None)
        for x, y in sp[max(0, (k or 0) - lookback):(k or 0)] if k is not None else []:
            # (a sentence about a poll: "California voters approved it with 64% of the vote"
            # before a national poll is a result)
            r = _whole_poll_place(texts[d][x:y]) if _RE_POLL_WORD.search(texts[d], x, y) else None
            if r:
                per_poll.setdefault(pid, set()).add(r)
    article: dict[str, str] = {}
    for d in dict.fromkeys(docs):
        if d not in texts:
            continue
        text = texts[d]
        found: list[tuple[int, str]] = []
        for k, (x, y) in enumerate(spans(d)):
            r = _whole_poll_place(text[x:y]) if _RE_POLL_WORD.search(text, x, y) else None
            if r is None and k < 3:
                m = _RE_RACE_PLACE.search(text, x, y)
                r = _norm_place(m.group("place") or m.group("place2") or m.group("place3")) if m else None
            if r:
                found.append((k, r))
        dateline, wire = _dateline_region(text)
        # (a wire's dateline only where the lede names the place too: "ATLANTA (AP) — ... as
        # Georgia heads toward its May primary"; "ATLANTA (Reuters) - Biden's approval ..." is
        # a national poll filed from Atlanta)
        if dateline and (not wire or re.search(rf"\b{re.escape(dateline)}\b", text[:spans(d)[min(2, len(spans(d)) - 1)][1]]
                                               if spans(d) else "")):
            found.insert(0, (0, dateline))
        places = {r for _, r in found}
        lede = {r for k, r in found if k < 3}
        if len(lede) == 1:
            article[d] = next(iter(lede))
        elif len(places) == 1 and len(found) >= 2:
            article[d] = next(iter(places))
    national = {pid for pid, sent in zip(polls, sentences, strict=True) if _RE_NATIONAL_CUE.search(sent)}
    out = []
    for pid, d, r in zip(polls, docs, own, strict=True):
        if r is None and len(per_poll.get(pid, ())) == 1 and pid not in national:
            r = next(iter(per_poll[pid]))
        if r is None and pid not in per_poll and pid not in national and d in article:
            r = article[d]
        out.append(r)
    df = figures.copy()
    df["region"] = pd.Series(out, index=df.index, dtype="object")
    return df


__all__ = ["add_country", "add_region", "country_of", "poll_region_of", "region_of"]
