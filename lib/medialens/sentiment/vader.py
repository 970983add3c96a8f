"""VADER, exactly: vaderSentiment 3.3.2's ``polarity_scores``, re-implemented for speed.

The same rules in the same order with the same floating-point operations (lexicon valence,
"no" and preceding-word negation, booster/dampener words with their distance damping,
ALL-CAPS emphasis, "never so/this", "without doubt", special idioms and "kind of"/"sort of",
"least", the contrastive "but" (including vaderSentiment's list-index quirk, so scores stay
identical), "!"/"?" emphasis and single-character emoji descriptions), so ``compound``,
``pos``, ``neg`` and ``neu`` are IDENTICAL to vaderSentiment's; ``tests/test_sentiment_vader.py``
checks that against vaderSentiment itself on real sentences.

What makes it faster: the reference lower-cases the whole token list again for every rule it
checks on every lexicon word (quadratic in sentence length), rebuilds the emoji-free text one
character at a time, and builds n-gram strings it rarely needs. Here the tokens are
lower-cased once, text without an emoji character skips the rebuild, and a token that is in
neither the lexicon nor a rule is passed over at once. The lexicon, emoji table and rule word
lists are read from the installed vaderSentiment package (nothing is copied).

>>> v = analyzer()
>>> v.polarity_scores("VADER is VERY SMART, handsome, and FUNNY!!!")
{'neg': 0.0, 'neu': 0.233, 'pos': 0.767, 'compound': 0.9342}
>>> v.compound("The book was only kind of good.")
0.3832
"""

from __future__ import annotations

import math
import string
from functools import cache
from typing import Any

from .lexicons import vader_analyzer

_PUNCT = string.punctuation
MEMO_WORDS = 200_000  # distinct raw words remembered (a few tens of MB at most)


class FastVader:
    """:meth:`polarity_scores` equal to ``SentimentIntensityAnalyzer.polarity_scores``."""

    def __init__(self, lexicon: dict[str, float], emojis: dict[str, str]) -> None:
        from vaderSentiment import vaderSentiment as vs

        self.lexicon = lexicon
        # The reference tests each CHARACTER against the emoji table, so only one-character
        # keys can ever match.
        self.emojis = {k: v for k, v in emojis.items() if len(k) == 1}
        self._emoji_chars = frozenset(self.emojis)
        self.booster: dict[str, float] = dict(vs.BOOSTER_DICT)
        self.special: dict[str, float] = dict(vs.SPECIAL_CASES)
        self.negate = frozenset(vs.NEGATE)
        self.b_incr, self.c_incr, self.n_scalar = vs.B_INCR, vs.C_INCR, vs.N_SCALAR
        # Every word of a multi-word special case or booster: an idiom can only match where
        # one of the words around a lexicon word is one of these.
        self._phrase_words = frozenset(
            w for key in (*self.special, *self.booster) if " " in key for w in key.split())
        # Per raw whitespace token: its VADER token (punctuation stripped), lower-cased form and
        # ALL-CAPS flag, and the set of raw tokens that carry a valence. Words repeat, so each
        # is prepared once: a bounded memo, never a source of different results.
        self._token: dict[str, str] = {}
        self._lower: dict[str, str] = {}
        self._upper: dict[str, bool] = {}
        self._scored: set[str] = set()
        self._known: set[str] = set()

    # --- text preparation -------------------------------------------------------------------

    def _replace_emojis(self, text: str) -> str:
        if self._emoji_chars.isdisjoint(text):
            return text.strip()
        out = []
        prev_space = True
        for ch in text:
            if ch in self.emojis:
                if not prev_space:
                    out.append(" ")
                out.append(self.emojis[ch])
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out).strip()

    def _learn(self, words: set[str]) -> None:
        lexicon, booster = self.lexicon, self.booster
        for word in words:
            stripped = word.strip(_PUNCT)
            token = word if len(stripped) <= 2 else stripped
            low = token.lower()
            self._token[word] = token
            self._lower[word] = low
            self._upper[word] = token.isupper()
            self._known.add(word)
            if low in lexicon and low not in booster:
                self._scored.add(word)

    # --- the rules ------------------------------------------------------------------------

    def _negated(self, word: str) -> bool:
        return word in self.negate or "n't" in word

    def _scalar(self, word: str, lower: str, valence: float, cap_diff: bool) -> float:
        scalar = 0.0
        if lower in self.booster:
            scalar = self.booster[lower]
            if valence < 0:
                scalar *= -1
            if word.isupper() and cap_diff:
                if valence > 0:
                    scalar += self.c_incr
                else:
                    scalar -= self.c_incr
        return scalar

    def _negation(self, valence: float, low: list[str], start_i: int, i: int) -> float:
        n_scalar = self.n_scalar
        if start_i == 0:
            if self._negated(low[i - 1]):
                valence = valence * n_scalar
        elif start_i == 1:
            if low[i - 2] == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
                valence = valence * 1.25
            elif low[i - 2] == "without" and low[i - 1] == "doubt":
                pass
            elif self._negated(low[i - 2]):
                valence = valence * n_scalar
        else:
            if ((low[i - 3] == "never" and (low[i - 2] == "so" or low[i - 2] == "this"))
                    or (low[i - 1] == "so" or low[i - 1] == "this")):
                valence = valence * 1.25
            elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
                pass
            elif self._negated(low[i - 3]):
                valence = valence * n_scalar
        return valence

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

    def _valence(self, tokens: list[str], low: list[str], i: int, cap_diff: bool) -> float:
        lexicon, n_scalar = self.lexicon, self.n_scalar
        item_low = low[i]
        n = len(low)
        valence = lexicon[item_low]
        if item_low == "no" and i != n - 1 and low[i + 1] in lexicon:
            valence = 0.0
        if ((i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no")
                or (i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor"))):
            valence = lexicon[item_low] * n_scalar
        if cap_diff and tokens[i].isupper():
            if valence > 0:
                valence += self.c_incr
            else:
                valence -= self.c_incr
        # The reference's loop over the three preceding words (start_i 0, 1, 2), unrolled.
        booster, negate = self.booster, self.negate
        if i > 0 and low[i - 1] not in lexicon:
            w = low[i - 1]
            s = self._scalar(tokens[i - 1], w, valence, cap_diff) if w in booster else 0.0
            valence = valence + s
            if w in negate or "n't" in w:
                valence = valence * n_scalar
        if i > 1 and low[i - 2] not in lexicon:
            w = low[i - 2]
            s = self._scalar(tokens[i - 2], w, valence, cap_diff) if w in booster else 0.0
            if s != 0:
                s = s * 0.95
            valence = valence + s
            if w == "never" and (low[i - 1] == "so" or low[i - 1] == "this"):
                valence = valence * 1.25
            elif w == "without" and low[i - 1] == "doubt":
                pass
            elif w in negate or "n't" in w:
                valence = valence * n_scalar
        if i > 2 and low[i - 3] not in lexicon:
            w = low[i - 3]
            s = self._scalar(tokens[i - 3], w, valence, cap_diff) if w in booster else 0.0
            if s != 0:
                s = s * 0.9
            valence = valence + s
            valence = self._negation(valence, low, 2, i)
            valence = self._idioms(valence, low, i)
        # "least" is not a lexicon word, so the reference's "not in lexicon" test always holds.
        if i > 1 and low[i - 1] == "least":
            if low[i - 2] != "at" and low[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and low[i - 1] == "least":
            valence = valence * n_scalar
        return valence

    @staticmethod
    def _but(low: list[str], sentiments: list[Any]) -> list[Any]:
        # vaderSentiment's loop, kept as it is: it finds each value's FIRST occurrence
        # (list.index) while rewriting the list, so repeated values are scaled unevenly.
        if "but" in low:
            bi = low.index("but")
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

    def _sentiments(self, text: str) -> list[Any]:
        words = text.split()
        distinct = set(words)
        new = distinct - self._known
        if new:
            if len(self._known) + len(new) > MEMO_WORDS:
                for memo in (self._token, self._lower, self._upper, self._scored, self._known):
                    memo.clear()
                new = distinct
            self._learn(new)
        n = len(words)
        hits = self._scored.intersection(distinct)
        if not hits:
            return [0] * n  # no lexicon word: all zeros, whatever "but" would do
        scored = []  # positions of the (few) lexicon words, found by list.index (C speed)
        for w in hits:
            i = words.index(w)
            while True:
                scored.append(i)
                try:
                    i = words.index(w, i + 1)
                except ValueError:
                    break
        scored.sort()
        tokens = list(map(self._token.__getitem__, words))
        low = list(map(self._lower.__getitem__, words))
        n_caps = sum(map(self._upper.__getitem__, words))
        cap_diff = 0 < n - n_caps < n
        sentiments: list[Any] = [0] * n
        for i in scored:
            if low[i] == "kind" and i < n - 1 and low[i + 1] == "of":
                continue
            sentiments[i] = self._valence(tokens, low, i, cap_diff)
        return self._but(low, sentiments)

    @staticmethod
    def _punctuation(text: str) -> float:
        ep = min(text.count("!"), 4) * 0.292
        qm_count = text.count("?")
        qm: float = 0
        if qm_count > 1:
            qm = qm_count * 0.18 if qm_count <= 3 else 0.96
        return ep + qm

    def polarity_scores(self, text: str) -> dict[str, float]:
        """``{"neg", "neu", "pos", "compound"}``, identical to vaderSentiment's."""
        text = self._replace_emojis(text)
        sentiments = self._sentiments(text)
        if not sentiments:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        sum_s = float(sum(sentiments))
        punct = self._punctuation(text)
        if sum_s > 0:
            sum_s += punct
        elif sum_s < 0:
            sum_s -= punct
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
        pos_sum, neg_sum = 0.0, 0.0
        nonzero = [s for s in sentiments if s != 0]
        neu_count = len(sentiments) - len(nonzero)
        for s in nonzero:  # the same additions in the same order as the reference
            if s > 0:
                pos_sum += (float(s) + 1)
            else:
                neg_sum += (float(s) - 1)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += punct
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= punct
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return {"neg": round(math.fabs(neg_sum / total), 3),
                "neu": round(math.fabs(neu_count / total), 3),
                "pos": round(math.fabs(pos_sum / total), 3),
                "compound": round(compound, 4)}

    def compound(self, text: str) -> float:
        """Just the compound score (what the sentence table holds)."""
        text = self._replace_emojis(text)
        sentiments = self._sentiments(text)
        if not sentiments:
            return 0.0
        sum_s = float(sum(sentiments))
        if sum_s > 0:
            sum_s += self._punctuation(text)
        elif sum_s < 0:
            sum_s -= self._punctuation(text)
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        compound = -1.0 if compound < -1.0 else 1.0 if compound > 1.0 else compound
        return round(compound, 4)


@cache
def analyzer() -> FastVader:
    """The process-wide fast VADER, built from the installed vaderSentiment's tables."""
    ref = vader_analyzer()
    return FastVader(ref.lexicon, ref.emojis)


__all__ = ["FastVader", "analyzer"]
