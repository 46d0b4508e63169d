"""Noun phrases over the word tokens (text/tokens.py), shared by the statement and event rules.

A speaker («قالت وزارة الخارجية التركية»), an actor or a target («التقى وزير الخارجية الأردني نظيره») is read as
the run of words after or before a verb, up to a word that cannot belong to a name phrase: a reporting verb, a
content marker (أن، إنّ, a colon, an opening quote), a channel noun (بيان، تغريدة), a relative pronoun, a
function word or a new clause. A short quoted name inside the phrase («وكالة "أسوشييتد برس" للأنباء») is kept.

The words that stop a phrase are those of the statement lexicon (statements/lexicon.yaml): the reporting verbs,
markers and channels are what end a subject in news prose, whichever rule asks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text.clitics import CONJUNCTIONS, strip_article

if TYPE_CHECKING:  # types only: the statements package imports this module
    from ..text.tokens import WordToken
    from .statements.lexicon import Lexicon, VerbForm

# the longest phrase read, in words: a speaker with a title, a name and an office is rarely longer
MAX_SPEAKER = 12
# a quoted name inside a phrase holds at most this many words («"أسوشييتد برس"»); longer quotes are content
MAX_QUOTED_NAME = 4


class NounPhrases:
    """The noun-phrase rules over one lexicon (loaded once by the step that owns this object)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def verb_at(self, t: WordToken) -> tuple[VerbForm, int, bool] | None:
        if not t.word:
            return None
        f = self.lex.forms.get(t.key)
        if f:
            return f, t.start, False
        if len(t.key) > 3 and t.key[0] in CONJUNCTIONS:
            f = self.lex.forms.get(t.key[1:])
            if f:
                return f, t.after_proclitic(), True
        return None

    def is_stop(self, key: str) -> bool:
        lex = self.lex
        if key in lex.speaker_stop or key in lex.forms:
            return True
        return len(key) > 3 and key[0] in CONJUNCTIONS and (key[1:] in lex.speaker_stop or key[1:] in lex.forms)

    def channel_of(self, key: str) -> str | None:
        """The channel value of a noun token (البيان، بيانها، بتصريحات، تغريدة) or None."""
        lex = self.lex
        k = strip_article(key)
        cands = [k]
        if k[:1] in lex.channel_proclitics and len(k) > 3:
            cands.append(strip_article(k[1:]))
            cands.append(k[1:])
        for c in cands:
            if c in lex.channels:
                return lex.channels[c]
            for suf in lex.channel_suffixes:  # possessive, or the accusative ending of بيانًا
                if c.endswith(suf) and c[: -len(suf)] in lex.channels:
                    return lex.channels[c[: -len(suf)]]
        return lex.platforms.get(k)

    def marker_at(self, toks: list[WordToken], j: int, end: int) -> tuple[str, int, int] | None:
        """(kind, content start char, marker token index) if a content marker starts at token j."""
        t = toks[j]
        lex = self.lex
        if not t.word:
            if t.text == ":":
                nxt = toks[j + 1].start if j + 1 < end else t.end
                if j + 1 < end and toks[j + 1].key in lex.after_colon and j + 2 < end:
                    nxt = toks[j + 2].start  # «في بيانها: إن الولايات المتحدة …»
                return "colon", nxt, j
            if t.text in lex.quotes:
                return "quote", t.start, j
            return None
        key = t.key
        if key in lex.markers:
            if j > 0 and toks[j - 1].key in lex.not_after:
                return None
            bare = key[1:] if key[0] == "ب" else key
            start = t.start if len(bare) > 2 else (toks[j + 1].start if j + 1 < end else t.end)
            return "that", start, j
        if key in lex.marker_preps and j + 1 < end and toks[j + 1].key in lex.markers:
            nk = toks[j + 1].key
            start = toks[j + 1].start if len(nk) > 2 else (toks[j + 2].start if j + 2 < end else toks[j + 1].end)
            return "that", start, j + 1
        return None

    def _quoted_name_end(self, toks: list[WordToken], k: int, end: int) -> int | None:
        """If a short quoted name («وكالة "أسوشييتد برس" للأنباء») opens at k, the index after its closer."""
        lex = self.lex
        for m in range(k + 1, min(end, k + MAX_QUOTED_NAME + 2)):
            t = toks[m]
            if t.text in lex.closers or t.text in lex.quotes:
                if m == k + 1:
                    return None
                after = toks[m + 1] if m + 1 < end else None
                if after is None or after.text in lex.sentence_end:
                    return None  # a short quote at the end of the sentence is content, not a name
                return m + 1
            if not t.word:
                return None
        return None

    def _short_quote(self, toks: list[WordToken], k: int, end: int) -> int:
        """The index of the closer if the quote opening at k closes within MAX_QUOTED_NAME words, else 0."""
        for m in range(k + 1, min(end, k + MAX_QUOTED_NAME + 2)):
            if toks[m].text in self.lex.closers or toks[m].text in self.lex.quotes:
                return m if m > k + 1 else 0
            if not toks[m].word:
                return 0
        return 0

    def np_after(self, toks: list[WordToken], j: int, end: int, form: VerbForm | None = None) -> tuple[int, int]:
        """Token range [a, b) of the noun phrase starting at j (empty if none)."""
        a = k = j
        lex = self.lex
        while k < end and k - a < MAX_SPEAKER:
            t = toks[k]
            if t.word:
                key = t.key
                if key in lex.np_inner_preps and k > a and k + 1 < end and toks[k + 1].word:
                    # «دائرة الاتصال في الرئاسة التركية»: في inside a name, unless a channel or time follows
                    nk = toks[k + 1].key
                    if not (self.is_stop(nk) or self.channel_of(nk) or strip_article(nk) in lex.np_in_blockers
                            or nk in lex.np_in_blockers or self.marker_at(toks, k + 1, end)):
                        k += 1
                        continue
                if key in lex.source_from and k == a + 1 and toks[a].key in lex.source_nouns and k + 1 < end \
                        and toks[k + 1].word and not self.is_stop(toks[k + 1].key) \
                        and not toks[k + 1].text.endswith(lex.pronoun_endings) and not self.marker_at(toks, k + 1, end):
                    k += 1  # «مصدر من العائلة»: whose source
                    continue
                if self.is_stop(key) or self.marker_at(toks, k, end):
                    break
                if k > a and self.channel_of(key):
                    break
                if form is not None and (key in form.content_nouns or strip_article(key) in form.content_nouns):
                    break
                if key[0] == "ل" and not key.startswith("ال") and (k == a or strip_article(key[1:]) in lex.via_outlet_heads
                                                                 or key in lex.lam_apart
                                                                 or (key[1:].isascii() and key[1:].isalpha())) \
                        and key not in lex.w_initial:
                    # «وقال لصحيفة X»، «مدير الشركة لوكالة X», «لـCNN»: a relay, not part of the subject
                    break
                if key.isdigit() and k == a:
                    break
                k += 1
                continue
            if t.text in self.lex.quotes or t.text in self.lex.closers:
                e = self._quoted_name_end(toks, k, end)
                if e is None:
                    break
                k = e
                continue
            if t.text in lex.name_joiners and k > a and k + 1 < end and toks[k - 1].end == t.start \
                    and toks[k + 1].start == t.end:
                k += 1
                continue
            break
        return a, k

    def np_before(self, toks: list[WordToken], i: int, start: int) -> tuple[int, int, bool]:
        """WordToken range [a, i) of the noun phrase just before token i; and whether a relative pronoun ended it."""
        lex = self.lex
        k = i - 1
        while k >= start and i - k <= MAX_SPEAKER:
            t = toks[k]
            if t.word:
                key = t.key
                if key in lex.relatives:
                    return k + 1, i, True
                if self.is_stop(key) or key in lex.clause_openers or key in lex.function_words:
                    break
                if key[0] in CONJUNCTIONS and not key[1:].startswith("ال") and key not in lex.w_initial:
                    break  # وتواجه: a verb or a new clause
                k -= 1
                continue
            if t.text in lex.closers or t.text in lex.quotes:
                m = k - 1
                while m >= start and m > k - MAX_QUOTED_NAME - 2 and toks[m].word:
                    m -= 1
                if m >= start and m < k - 1 and (toks[m].text in lex.quotes or toks[m].text in lex.closers):
                    k = m - 1
                    continue
            break
        return k + 1, i, False
