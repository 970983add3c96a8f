"""Lexicons and analysers behind the sentiment methods, and target matching.

Both lexicons ship inside their packages (vaderSentiment, afinn); nothing is downloaded. The
VADER analyser and the word lists are built once per process, on first use (building VADER's
analyser reads its lexicon files), never at import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from ..errors import ParameterError

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

Method = Literal["vader", "afinn", "e5", "ensemble"]
#: Every sentence scorer: the two lexicons, the embedding model and the model combined with VADER.
METHODS: tuple[str, ...] = ("vader", "afinn", "e5", "ensemble")
#: The methods with a word list (word shifts, "words counted" columns).
LEXICON_METHODS: tuple[str, ...] = ("vader", "afinn")
Target = str | Sequence[str] | re.Pattern[str] | None
AFINN_ALPHA = 15.0  # VADER's normalisation constant, applied to AFINN sums

# --- lexicons and analysers (built once per process, on first use) -------------------------------

@cache
def vader_analyzer() -> SentimentIntensityAnalyzer:
    """The process-wide VADER analyser; building it reads the lexicon files, so do it once."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Lexicon:
    """A word list: single words and multi-word phrases (matched longest first) -> valence.

    Words are matched on lower-cased word tokens (inner apostrophes and hyphens kept, as
    VADER's whitespace tokens keep them). With ``match_parts`` (AFINN, whose own scorer is a
    regex with word boundaries) a token that is not itself an entry is also looked up without
    a possessive "'s" ("Faith's" -> "faith") and part by part ("anti-war" -> "war");
    contractions stay whole ("won't" is not "won", unlike ``afinn.Afinn.score``).
    """

    name: str
    words: dict[str, float]
    phrases: dict[str, tuple[tuple[tuple[str, ...], float], ...]]
    match_parts: bool = False

    @classmethod
    def from_entries(cls, name: str, entries: dict[str, float], *,
                     match_parts: bool = False) -> Lexicon:
        words: dict[str, float] = {}
        phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
        for term, valence in entries.items():
            toks = tuple(term.lower().replace("’", "'").split())
            if not toks or not all(_TOKEN.fullmatch(t) for t in toks):
                continue  # emoticons and other non-word entries never occur as word tokens
            if len(toks) == 1:
                words[toks[0]] = float(valence)
            else:
                phrases.setdefault(toks[0], []).append((toks, float(valence)))
        frozen = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()}
        return cls(name, words, frozen, match_parts)

    def matches(self, sentence: str) -> list[tuple[str, float]]:
        """``(term, valence)`` for every lexicon term in ``sentence``, in order.

        >>> lex = Lexicon.from_entries("t", {"good": 3, "fed up": -3, "war": -2}, match_parts=True)
        >>> lex.matches("Good news: the anti-war crowd is fed up.")
        [('good', 3.0), ('war', -2.0), ('fed up', -3.0)]
        """
        toks = [t.lower().replace("’", "'") for t in _TOKEN.findall(sentence)]
        out: list[tuple[str, float]] = []
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            for phrase, valence in self.phrases.get(tok, ()):
                if tuple(toks[i:i + len(phrase)]) == phrase:
                    out.append((" ".join(phrase), valence))
                    i += len(phrase)
                    break
            else:
                if tok in self.words:
                    out.append((tok, self.words[tok]))
                elif self.match_parts:
                    base = tok[:-2] if tok.endswith("'s") else tok
                    out.extend((p, self.words[p]) for p in base.split("-") if p in self.words)
                i += 1
        return out


@cache
def lexicon(method: Method) -> Lexicon:
    """The word list behind ``method`` (VADER's or AFINN-165), loaded from its package.

    The model methods have no word list: their word shifts use VADER's (the ensemble's lexicon
    half), which :func:`lexicon_of` says.
    """
    if method not in LEXICON_METHODS:
        raise ParameterError(f"method={method!r} has no word list; word-level tables use a "
                             f"lexicon method: {', '.join(map(repr, LEXICON_METHODS))}")
    if method == "vader":
        return Lexicon.from_entries("vader", vader_analyzer().lexicon)
    from afinn import Afinn

    # The word list itself; afinn has no public accessor for it.
    return Lexicon.from_entries("afinn", Afinn(language="en")._dict, match_parts=True)


def lexicon_of(method: str) -> str:
    """The lexicon that explains ``method`` word by word: itself, or VADER for the models.

    >>> lexicon_of("afinn"), lexicon_of("e5")
    ('afinn', 'vader')
    """
    _check_method(method)
    return method if method in LEXICON_METHODS else "vader"


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ParameterError.invalid_choice("method", method, METHODS)


# --- targets -------------------------------------------------------------------------------------

def compile_target(target: Target) -> re.Pattern[str] | None:
    """Validate ``target`` and compile it once.

    A term or a list of terms matches whole words, case-insensitively, with any whitespace
    (hard wraps included) between the words of a term; a compiled regex is used as it is
    (use one for case-sensitive matching, e.g. ``re.compile(r"\\bUS\\b")``).

    >>> bool(compile_target("White House").search("the White\\nHouse said"))
    True
    >>> bool(compile_target(["Koizumi", "prime minister"]).search("Koizumi's plan"))
    True
    >>> bool(compile_target("O'Brien").search("Mr O’Brien said"))
    True
    """
    if target is None or isinstance(target, re.Pattern):
        return target
    terms = [target] if isinstance(target, str) else target
    if not isinstance(terms, Sequence) or not terms:
        raise ParameterError(f"target={target!r} must be a term, a non-empty list of terms or a "
                             "compiled regex (re.compile(...))")
    parts = []
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise ParameterError(f"target term {term!r} must be a non-empty string")
        # a straight or a typographic apostrophe in the term matches either in the text:
        # "O'Brien" is "O’Brien" in most edited news
        parts.append(r"\s+".join(re.sub(r"['’]", "['’]", re.escape(w)) for w in term.split()))
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def parse_target(text: str | None) -> Target:
    """A target written as ONE string (a notebook or report parameter) -> a :data:`Target`.

    ``"Varga"`` is one term; ``"Varga | prime minister"`` several (``|`` separates terms);
    ``"re:<regex>"`` a regular expression, used as it is (case-sensitive unless it starts with
    ``(?i)``). Terms match as :func:`compile_target` says. ``None`` stays ``None``.

    >>> parse_target("Varga | prime minister")
    ['Varga', 'prime minister']
    >>> parse_target(r"re:\\bVarga\\b").pattern
    '\\\\bVarga\\\\b'
    >>> parse_target("re:(") is None
    Traceback (most recent call last):
    ...
    medialens.errors.ParameterError: target='re:(': not a valid regular expression (missing ), unterminated subpattern at position 0)
    """
    if text is None:
        return None
    if not isinstance(text, str) or not text.strip():
        raise ParameterError(f"target={text!r} must be a term, terms separated by '|', or "
                             "'re:' followed by a regular expression")
    if text.startswith("re:"):
        try:
            return re.compile(text[3:])
        except re.error as exc:
            raise ParameterError(f"target={text!r}: not a valid regular expression ({exc})"
                                 ) from None
    terms = [t.strip() for t in text.split("|")]
    if not all(terms):
        raise ParameterError(f"target={text!r} has an empty term between '|' separators")
    compile_target(terms)  # validate now, not in the middle of a run
    return terms[0] if len(terms) == 1 else terms
