"""VADER, exactly: vaderSentiment 3.3.2's ``polarity_scores``, re-implemented for speed.

The same rules in the same order with the same floating-point operations (lexicon valence,
"no" and preceding-word negation, booster/dampener words with their distance damping,
ALL-CAPS emphasis, "never so/this", "without doubt", special idioms and "kind of"/"sort of",
"least", the contrastive "but" (including vaderSentiment's list-index quirk, so scores stay
identical), "!"/"?" emphasis and single-character emoji descriptions), so ``compound``,
``pos``, ``neg`` and ``neu`` are IDENTICAL to vaderSentiment's; ``tests/test_sentiment_vader.py``
checks that against vaderSentiment itself on real sentences.

Where the reference spends its time, and what is done instead:

- It rebuilds the text one character at a time to replace emoji; here an ASCII text (no
  emoji key is ASCII) or one without an emoji character is used as it is.
- It lower-cases the whole token list again for every rule it checks on every word and
  builds n-gram strings it rarely needs. Here each distinct whitespace token is prepared
  ONCE (VADER token, lower-cased form, ALL-CAPS flag) in a memo shared by every sentence and
  call, and sorted into sets of raw tokens (lexicon words, "but", ALL-CAPS words). A
  sentence is then a ``str.split`` and a few set operations that run in C: a sentence
  without a lexicon word (about 4 in 10 news sentences) is all-neutral at once, and the
  rules run only around the ~1 lexicon word of the others, on the three words before it and
  two after it (all the rules can see).
- Whether some but not all words are in capitals (which the reference computes for every
  sentence) is only asked when a capitalised word could use it.
- :meth:`FastVader.compound_many` and :meth:`FastVader.polarity_scores_many` score a batch
  in one loop (what :func:`medialens.sentiment.sentence_scores` uses).

The lexicon, emoji table and rule word lists are read from the installed vaderSentiment
package (nothing is copied).

>>> v = analyzer()
>>> v.polarity_scores("VADER is VERY SMART, handsome, and FUNNY!!!")
{'neg': 0.0, 'neu': 0.233, 'pos': 0.767, 'compound': 0.9342}
>>> v.compound_many(["The book was only kind of good.", "No comment."])
[0.3832, -0.296]
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from typing import Any

from .lexicons import vader_analyzer

_PUNCT = string.punctuation
MEMO_WORDS = 200_000  # distinct raw words remembered (a few tens of MB at most)
# What a lower-cased token is to the rules: some rule reacts to it; a lexicon word that gets
# a valence (one with rules of its own, or a "plain" one); "but".
_ACTIVE, _SCORED, _PLAIN, _BUT = 0, 1, 2, 3


class FastVader:
    """:meth:`polarity_scores` equal to ``SentimentIntensityAnalyzer.polarity_scores``.

    Texts must be ``str`` (the sentence table holds nothing else).
    """

    def __init__(self, lexicon: dict[str, float], emojis: dict[str, str]) -> None:
        from vaderSentiment import vaderSentiment as vs

        self.lexicon = lexicon
        # The reference tests each CHARACTER against the emoji table, so only one-character
        # keys can ever match.
        self.emojis = {k: v for k, v in emojis.items() if len(k) == 1}
        self._emoji_chars = frozenset(self.emojis)
        # No emoji key is ASCII in 3.3.2, so an ASCII text (str.isascii is one C pass) has none.
        self._ascii_safe = not any(ch.isascii() for ch in self.emojis)
        self.booster: dict[str, float] = dict(vs.BOOSTER_DICT)
        self.special: dict[str, float] = dict(vs.SPECIAL_CASES)
        self.negate = frozenset(vs.NEGATE)
        self.b_incr, self.c_incr, self.n_scalar = vs.B_INCR, vs.C_INCR, vs.N_SCALAR
        # The "least" rule below skips the reference's "not in lexicon" test (always true).
        if "least" in lexicon:  # pragma: no cover - a different vaderSentiment lexicon
            raise RuntimeError("vaderSentiment's lexicon scores 'least': rules out of date")
        # Every word of a multi-word special case or booster: an idiom can only match where
        # one of the words around a lexicon word is one of these.
        self._phrase_words = frozenset(
            w for key in (*self.special, *self.booster) if " " in key for w in key.split())
        # A context word is "inert" when no rule reacts to it in the three places before a
        # lexicon word: not in the lexicon (the reference skips those), not a booster, not a
        # negation, not "no" (the "no" rule), "this" (x1.25) or "least". Every adjacent word
        # pair of a multi-word idiom or booster has a word that is not inert, so no idiom can
        # match among inert words either.
        active = {*lexicon, *self.booster, *self.negate, "no", "this", "least"}
        for key in (*self.special, *self.booster):
            active.update(a for a, b in pairwise(key.split()) if a not in active and b not in active)
        # What a lower-cased token is, decided once per lexicon/rule word: a token not in this
        # table is inert unless it holds "n't" (a negation).
        self._kind_of_low: dict[str, int] = dict.fromkeys(active, _ACTIVE)
        for low in lexicon:
            if low not in self.booster:
                plain = low not in ("no", "kind") and low not in self._phrase_words
                self._kind_of_low[low] = _PLAIN if plain else _SCORED
        self._kind_of_low["but"] = _BUT
        # The word memo: per raw whitespace token its lower-cased VADER token (punctuation
        # stripped as the reference does), and the raw tokens sorted into sets that the
        # per-sentence checks intersect with in C. Bounded; never a source of different results.
        self._low: dict[str, str] = {}
        self._known: set[str] = set()
        self._scored: set[str] = set()  # tokens that get a valence (lexicon, not a booster)
        self._but: set[str] = set()  # tokens that are "but" in any case / punctuation
        self._caps: set[str] = set()  # ALL-CAPS tokens
        self._inert: set[str] = set()  # tokens no rule reacts to (see _active)
        # Lexicon tokens whose valence stands as it is when the three tokens before are inert:
        # not "no" or "kind" (rules of their own), not in capitals, not part of an idiom.
        self._plain: dict[str, float] = {}

    # --- text preparation -------------------------------------------------------------------

    def _replace_emojis(self, text: str) -> str:
        """The reference's emoji loop (the result's outer whitespace does not matter: it is
        only split on whitespace and searched for "!" and "?")."""
        emojis = self.emojis
        out = []
        prev_space = True
        for ch in text:
            if ch in emojis:
                if not prev_space:
                    out.append(" ")
                out.append(emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    def _learn(self, words: list[str]) -> None:
        """Prepare the tokens of ``words`` not seen yet (the memo is cleared when full)."""
        known = self._known
        new = [w for w in words if w not in known]
        if len(known) + len(new) > MEMO_WORDS:
            for memo in (self._low, known, self._scored, self._but, self._caps, self._inert,
                         self._plain):
                memo.clear()
            new = words
        kind_of = self._kind_of_low.get
        lexicon, low_of, scored, caps, inert, plain, but = (
            self.lexicon, self._low, self._scored, self._caps, self._inert, self._plain,
            self._but)
        known.update(new)
        for word in new:
            stripped = word.strip(_PUNCT)
            low = (word if len(stripped) <= 2 else stripped).lower()
            low_of[word] = low
            # Punctuation is not cased, so the raw word is upper iff the VADER token is.
            upper = word.isupper()
            if upper:
                caps.add(word)
            kind = kind_of(low)
            if kind is None:
                if "n't" not in low:
                    inert.add(word)
            elif kind == _BUT:  # inert for the word rules; the sentence rule needs it
                inert.add(word)
                but.add(word)
            elif kind != _ACTIVE:
                scored.add(word)
                if kind == _PLAIN and not upper:
                    plain[word] = lexicon[low]

    # --- the rules ------------------------------------------------------------------------

    def _booster(self, word: str, low: str, valence: float, words: list[str]) -> float:
        """The reference's ``scalar_inc_dec`` for a word known to be a booster."""
        scalar = self.booster[low]
        if valence < 0:
            scalar *= -1
        if word in self._caps and self._cap_diff(words):
            if valence > 0:
                scalar += self.c_incr
            else:
                scalar -= self.c_incr
        return scalar

    def _cap_diff(self, words: list[str]) -> bool:
        """Some but not all tokens ALL CAPS; only asked once one of them is known to be."""
        return not self._caps.issuperset(words)

    def _idioms(self, valence: float, low: list[str], i: int) -> float:
        special, booster = self.special, self.booster
        phrase = self._phrase_words
        if (low[i] not in phrase and low[i - 1] not in phrase and low[i - 2] not in phrase
                and low[i - 3] not in phrase):
            return valence  # every n-gram below holds one of these words: none can match
        onezero = f"{low[i - 1]} {low[i]}"
        twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
        twoone = f"{low[i - 2]} {low[i - 1]}"
        threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
        threetwo = f"{low[i - 3]} {low[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in special:
                valence = special[seq]
                break
        n = len(low)
        if n - 1 > i:
            zeroone = f"{low[i]} {low[i + 1]}"
            if zeroone in special:
                valence = special[zeroone]
        if n - 1 > i + 1:
            zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
            if zeroonetwo in special:
                valence = special[zeroonetwo]
        for n_gram in (threetwoone, threetwo, twoone):
            if n_gram in booster:
                valence = valence + booster[n_gram]
        return valence

    def _valence(self, words: list[str], i: int) -> float:
        """``sentiment_valence`` for the lexicon word at ``i`` (not a booster, not "kind of").

        Reads only ``words[i - 3 : i + 3]``: the reference's rules look no further.
        """
        lexicon, n_scalar, low_of = self.lexicon, self.n_scalar, self._low
        n = len(words)
        item = low_of[words[i]]
        l1 = low_of[words[i - 1]] if i > 0 else None
        l2 = low_of[words[i - 2]] if i > 1 else None
        l3 = low_of[words[i - 3]] if i > 2 else None
        valence = lexicon[item]
        if item == "no" and i != n - 1 and low_of[words[i + 1]] in lexicon:
            valence = 0.0
        if l1 == "no" or l2 == "no" or (l3 == "no" and (l1 == "or" or l1 == "nor")):
            valence = lexicon[item] * n_scalar
        if words[i] in self._caps and self._cap_diff(words):
            if valence > 0:
                valence += self.c_incr
            else:
                valence -= self.c_incr
        # The reference's loop over the three preceding words (start_i 0, 1, 2), unrolled;
        # a word in the lexicon is skipped, as there.
        booster, negate = self.booster, self.negate
        if l1 is not None and l1 not in lexicon:
            s = self._booster(words[i - 1], l1, valence, words) if l1 in booster else 0.0
            valence = valence + s
            if l1 in negate or "n't" in l1:
                valence = valence * n_scalar
        if l2 is not None and l2 not in lexicon:
            s = self._booster(words[i - 2], l2, valence, words) if l2 in booster else 0.0
            if s != 0:
                s = s * 0.95
            valence = valence + s
            if l2 == "never" and (l1 == "so" or l1 == "this"):
                valence = valence * 1.25
            elif l2 == "without" and l1 == "doubt":
                pass
            elif l2 in negate or "n't" in l2:
                valence = valence * n_scalar
        if l3 is not None and l3 not in lexicon:
            s = self._booster(words[i - 3], l3, valence, words) if l3 in booster else 0.0
            if s != 0:
                s = s * 0.9
            valence = valence + s
            if (l3 == "never" and (l2 == "so" or l2 == "this")) or (l1 == "so" or l1 == "this"):
                valence = valence * 1.25
            elif l3 == "without" and (l2 == "doubt" or l1 == "doubt"):
                pass
            elif l3 in negate or "n't" in l3:
                valence = valence * n_scalar
            phrase = self._phrase_words
            if item in phrase or l1 in phrase or l2 in phrase or l3 in phrase:
                low = [low_of[w] for w in words[i - 3:i + 3]]
                valence = self._idioms(valence, low, 3)
        # "least" is not a lexicon word, so the reference's "not in lexicon" test always holds.
        if l1 == "least":
            if l2 is not None:
                if l2 != "at" and l2 != "very":
                    valence = valence * n_scalar
            else:
                valence = valence * n_scalar
        return valence

    @staticmethod
    def _but_quirk(sentiments: list[Any], bi: int) -> list[Any]:
        # vaderSentiment's loop, kept as it is: it finds each value's FIRST occurrence
        # (list.index) while rewriting the list, so repeated values are scaled unevenly.
        for sentiment in sentiments:
            si = sentiments.index(sentiment)
            if si < bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 0.5)
            elif si > bi:
                sentiments.pop(si)
                sentiments.insert(si, sentiment * 1.5)
        return sentiments

    # --- scoring ------------------------------------------------------------------------------

    def _valences(self, text: str) -> tuple[list[Any], int]:
        """``(values, n_tokens)``: the sentence's sentiment values that can be non-zero, in
        order (those of the lexicon words; every other token's is 0), after the "but" rule."""
        words = text.split()
        if not self._known.issuperset(words):
            self._learn(words)
        scored = self._scored
        if scored.isdisjoint(words):
            return [], len(words)  # no lexicon word: all zeros, whatever "but" would do
        hits = scored.intersection(words)
        if len(hits) == 1 and words.count(w := next(iter(hits))) == 1:
            positions = [words.index(w)]
        else:  # found by list.index (C speed): a sentence has only a few lexicon words
            positions = []
            for w in hits:
                i = words.index(w)
                positions.append(i)
                for _ in range(words.count(w) - 1):  # no ValueError to catch: counted first
                    i = words.index(w, i + 1)
                    positions.append(i)
            positions.sort()
        low_of, plain, inert = self._low, self._plain, self._inert
        n = len(words)
        values: list[Any] = []
        for i in positions:
            v = plain.get(words[i])
            if v is not None and inert.issuperset(words[i - 3 if i > 2 else 0:i]):
                values.append(v)  # no rule applies: the reference adds 0.0s, a no-op here
            elif low_of[words[i]] == "kind" and i < n - 1 and low_of[words[i + 1]] == "of":
                values.append(0)
            else:
                values.append(self._valence(words, i))
        if not self._but.isdisjoint(words):
            # The reference rewrites the whole list; the zeros between stay zeros, but the
            # first-occurrence search must see them, so the full list is rebuilt here.
            bi = min(words.index(w) for w in self._but.intersection(words))
            sentiments: list[Any] = [0] * n
            for i, v in zip(positions, values, strict=True):
                sentiments[i] = v
            values = self._but_quirk(sentiments, bi)
        return values, n

    @staticmethod
    def _punctuation(text: str) -> float:
        ep = min(text.count("!"), 4) * 0.292
        qm_count = text.count("?")
        qm: float = 0
        if qm_count > 1:
            qm = qm_count * 0.18 if qm_count <= 3 else 0.96
        return ep + qm

    def polarity_scores_many(self, texts: Iterable[str]) -> list[dict[str, float]]:
        """:meth:`polarity_scores` of each text, in one loop.

        >>> analyzer().polarity_scores_many(["Great.", "The rate is 5 pct."])
        [{'neg': 0.0, 'neu': 0.0, 'pos': 1.0, 'compound': 0.6249}, {'neg': 0.0, 'neu': 1.0, 'pos': 0.0, 'compound': 0.0}]
        """
        valences, punctuation = self._valences, self._punctuation
        ascii_safe, emoji_free, replace = (self._ascii_safe, self._emoji_chars.isdisjoint,
                                           self._replace_emojis)
        sqrt, fabs = math.sqrt, math.fabs
        out: list[dict[str, float]] = []
        append = out.append
        for text in texts:
            if not (ascii_safe and text.isascii()) and not emoji_free(text):
                text = replace(text)
            values, n = valences(text)
            if not values:
                # All tokens neutral (or none): compound 0, neu 1 (0 without a token).
                append({"neg": 0.0, "neu": 1.0 if n else 0.0, "pos": 0.0, "compound": 0.0})
                continue
            sum_s = float(sum(values))  # sum() of the same non-zero values in the same order
            punct = punctuation(text)
            if sum_s > 0:
                sum_s += punct
            elif sum_s < 0:
                sum_s -= punct
            compound = sum_s / sqrt((sum_s * sum_s) + 15)
            compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
            pos_sum, neg_sum = 0.0, 0.0
            nonzero = 0
            for s in values:  # the same additions in the same order as the reference
                if s > 0:
                    pos_sum += (float(s) + 1)
                    nonzero += 1
                elif s < 0:
                    neg_sum += (float(s) - 1)
                    nonzero += 1
            neu_count = n - nonzero
            if pos_sum > fabs(neg_sum):
                pos_sum += punct
            elif pos_sum < fabs(neg_sum):
                neg_sum -= punct
            total = pos_sum + fabs(neg_sum) + neu_count
            append({"neg": round(fabs(neg_sum / total), 3),
                    "neu": round(fabs(neu_count / total), 3),
                    "pos": round(fabs(pos_sum / total), 3),
                    "compound": round(compound, 4)})
        return out

    def compound_many(self, texts: Iterable[str]) -> list[float]:
        """Just the compound score of each text (what the sentence table holds), in one loop.

        >>> analyzer().compound_many(["Profits rose.", "A terrible loss.", ""])
        [0.4404, -0.6597, 0.0]
        """
        valences, punctuation = self._valences, self._punctuation
        ascii_safe, emoji_free, replace = (self._ascii_safe, self._emoji_chars.isdisjoint,
                                           self._replace_emojis)
        sqrt = math.sqrt
        out: list[float] = []
        append = out.append
        for text in texts:
            if not (ascii_safe and text.isascii()) and not emoji_free(text):
                text = replace(text)
            values, _ = valences(text)
            if not values:
                append(0.0)
                continue
            sum_s = float(sum(values))
            if sum_s > 0:
                sum_s += punctuation(text)
            elif sum_s < 0:
                sum_s -= punctuation(text)
            compound = sum_s / sqrt((sum_s * sum_s) + 15)
            compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
            append(round(compound, 4))
        return out

    def polarity_scores(self, text: str) -> dict[str, float]:
        """``{"neg", "neu", "pos", "compound"}``, identical to vaderSentiment's."""
        return self.polarity_scores_many((text,))[0]

    def compound(self, text: str) -> float:
        """Just the compound score (what the sentence table holds)."""
        return self.compound_many((text,))[0]


@cache
def analyzer() -> FastVader:
    """The process-wide fast VADER, built from the installed vaderSentiment's tables."""
    ref = vader_analyzer()
    return FastVader(ref.lexicon, ref.emojis)


__all__ = ["FastVader", "analyzer"]
