"""Reported statements (docs/rules.md#statements): reporting verb, speaker, content, channel, relay, direct quote.

The rules, in the order they run for each reporting-verb token (lexicon.yaml lists the words):

1. verb: a form of a reporting verb, participle (مشيرًا) or masdar (عن X قوله), a leading و/ف outside the span;
   skipped after a negation (لم يذكر) or «ما» (حسب ما ذكرته = a relay, not a statement).
2. speaker: the noun phrase after the verb (VSO «قالت الوزارة»); else the one just before it (SVO «كوبر
   أكدت»); else, for a subject carried from earlier («وأضافت أن»), the antecedent: the noun before a relative
   pronoun, the speaker of an earlier statement in the sentence, the first person/organisation entity of the
   sentence, the subject of the sentence's opening verb, or the previous statement's speaker.
3. content: the verb introduces content only if a marker follows within a few tokens — أن/إنّ (with any
   pronoun, after إلى/من/على/ب), a colon or an opening quote — and no «على/عن + noun» object comes first
   («أكد على إدانة…» is not a statement). The content runs to the end of the sentence, the closing quote of a
   direct quote, or the next statement of the same sentence.
4. channel (في بيان لها → «بيان»), via (وفق متابعة X، نقلًا عن X، لصحيفة X), direct_quote.
5. speaker_canonical: the entity's canonical name where the NER step ran; else nominal anaphora
   («الدائرة» → the last earlier «دائرة …»), a document («البيان» → its author), a surname → the fuller name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...article import Entity, Span, Statement
from itertools import islice

from ...text.normalize import fold
from ...text.offsets import KeyIndex, OffsetIndex, first_at_or_after, merged
from ..phrases import MAX_SPEAKER, NounPhrases
from .lexicon import VerbForm
from ...text.clitics import CONJUNCTIONS, strip_article
from ...text.tokens import TokenizedText, WordToken

# Calibrated on the development articles: reporting verbs reach their content within 30 tokens even with a
# long speaker phrase, a channel and a relay in between; common-word forms (بين، ذكر) within 8.
MAX_GAP = 30
MAX_GAP_AMBIGUOUS = 8
MAX_GAP_PARTICIPLE = 6
# a closing quote is looked for this many tokens ahead at most: a quotation of a thousand words is none, and
# an unclosed quote mark on a one-line page must not make every statement scan to the end of the page
MAX_QUOTE_TOKENS = 1000
# characters around a person's name where the title a later mention uses may stand («الوزير سامي الخطيب»)
TITLE_WINDOW = 60
# characters before a titled speaker where the person that title introduced is looked for
TITLE_LOOKBACK = 6000
# earlier mentions a speaker's antecedent or fuller name is looked for among, nearest (or first) first: the
# answer is almost always the first one tried, and a page repeating one name thousands of times must not make
# every statement try them all
MAX_LOOKBACK = 64
# tokens of the sentence before that an implicit subject with no statement to carry is looked for in
SENTENCE_REACH = 200


class _Lookups:
    """One article's tokens and entities, indexed so that speaker rules look up instead of scanning (the rules
    ask about every statement; scanning made the step quadratic in the article's length)."""

    def __init__(self, toks: list[WordToken], entities: list[Entity]) -> None:
        self.entities = OffsetIndex(entities, lambda e: (e.span.start, e.span.end))
        self.starts = [t.start for t in toks]
        words = [(k, t.key) for k, t in enumerate(toks) if t.word]
        self.by_key = KeyIndex(words)                                   # the token's key
        self.by_tail = KeyIndex((k, key[1:]) for k, key in words)       # without its first letter (a proclitic)
        self.by_bare = KeyIndex((k, strip_article(key)) for k, key in words)  # without the article

    def tokens_within(self, toks: list[WordToken], start: int, end: int) -> list[WordToken]:
        k = first_at_or_after(self.starts, start)
        out = []
        while k < len(toks) and toks[k].start < end:
            if toks[k].end <= end:
                out.append(toks[k])
            k += 1
        return out


@dataclass
class _Found:
    i: int                      # verb token index
    verb: Span
    form: VerbForm
    sent: int
    content_i: int              # token index where the content marker is
    content_start: int
    quote: bool
    speaker: Span | None = None
    canonical: str | None = None
    implicit: bool = False
    channel: str | None = None
    via: str | None = None
    content_end: int = 0
    rule: str = ""
    addressee: Span | None = None


class StatementFinder(NounPhrases):
    """Runs the rules over one article; owns its lexicon (loaded once per step). The noun-phrase rules, the
    reporting-verb and content-marker tests are NounPhrases' (extract/phrases.py), shared with the events."""

    # ---- the rules ----------------------------------------------------------------------------------------
    def find(self, text: str, sentences: list[tuple[int, int]], entities: list[Entity],
             tokens: TokenizedText | None = None) -> list[Statement]:
        """The statements of `text`; `tokens`: the article's token table when the pipeline made one (it must be of
        this text and these sentences), else it is made here."""
        toks = (tokens if tokens is not None else TokenizedText(text, sentences)).word_tokens
        if not toks:
            return []
        lex = self.lex
        # token index range of each sentence
        bounds: dict[int, list[int]] = {}
        for idx, t in enumerate(toks):
            if t.sent >= 0:
                b = bounds.setdefault(t.sent, [idx, idx + 1])
                b[1] = idx + 1
        found: list[_Found] = []
        look = _Lookups(toks, entities)
        for i, t in enumerate(toks):
            if t.sent < 0 or not t.word:
                continue
            hit = self.verb_at(t)
            if not hit:
                continue
            form, vstart, prefixed = hit
            s0, s1 = bounds[t.sent]
            if i > s0 and toks[i - 1].key in lex.negations:
                continue
            f = self._statement(toks, i, s0, s1, form, vstart, prefixed, text, found, look)
            if f:
                found.append(f)
        return self._finish(toks, found, text, look, bounds)

    def _statement(self, toks, i, s0, s1, form, vstart, prefixed, text, found, look: _Lookups) -> _Found | None:
        """The statement of the reporting-verb token i (sentence tokens [s0, s1)), by the kind of its form."""
        verb = Span.of(text, vstart, toks[i].end)
        if form.kind == "participle":
            return self._participle_statement(toks, i, s0, s1, form, verb, text, found, look)
        if form.kind == "masdar":
            return self._masdar_statement(toks, i, s0, s1, form, verb, text)
        return self._finite_statement(toks, i, s0, s1, form, verb, prefixed, text, found, look)

    def _participle_statement(self, toks, i, s0, s1, form, verb, text, found, look: _Lookups) -> _Found | None:
        """«… مشيرًا إلى أن …»: content within a few tokens, the subject carried from earlier."""
        t = toks[i]
        if i + 1 >= s1:
            return None
        for j in range(i + 1, min(s1, i + 1 + MAX_GAP_PARTICIPLE)):
            m = self.marker_at(toks, j, s1)
            if m:
                break
            if toks[j].word and self.verb_at(toks[j]):
                return None
        else:
            return None
        f = _Found(i, verb, form, t.sent, m[2], m[1], m[0] == "quote", rule="participle")
        self._carry(toks, f, s0, found, look, text)
        return f

    def _masdar_statement(self, toks, i, s0, s1, form, verb, text) -> _Found | None:
        """«نقلت صحيفة X عن Y قوله: …»: the speaker after «عن», the relay after the verb of relaying."""
        lex = self.lex
        t = toks[i]
        k = i - 1
        while k > s0 and i - k <= MAX_SPEAKER and toks[k].key not in lex.quoted_from:
            k -= 1
        if toks[k].key not in lex.quoted_from or k == i - 1:
            return None
        m = None
        for j in range(i + 1, min(s1, i + 4)):
            m = self.marker_at(toks, j, s1)
            if m:
                break
        if not m:
            return None
        f = _Found(i, verb, form, t.sent, m[2], m[1], m[0] == "quote", rule="masdar_quote")
        f.speaker = Span.of(text, toks[k + 1].start, toks[i - 1].end)
        for r in range(k - 1, max(s0 - 1, k - MAX_SPEAKER), -1):
            rk = toks[r].key.lstrip(CONJUNCTIONS)
            if rk.startswith(lex.relay_stems):
                a, b = self.np_after(toks, r + 1, k)
                if b > a:
                    f.via = text[toks[a].start:toks[b - 1].end]
                break
        return f

    def _finite_statement(self, toks, i, s0, s1, form, verb, prefixed, text, found, look: _Lookups) -> _Found | None:
        """A finite reporting verb: speaker after it (VSO), before it (SVO), the antecedent of a relative
        pronoun, or carried from earlier; then its content marker, channel and relay."""
        lex = self.lex
        t = toks[i]
        if form.strict and not (prefixed or i == s0 or toks[i - 1].key in lex.clause_openers
                                or (i + 1 < s1 and toks[i + 1].key in lex.relative_in)):
            return None
        a, b = self.np_after(toks, i + 1, s1, form)
        limit = MAX_GAP_AMBIGUOUS if form.ambiguous else MAX_GAP
        m = None
        j = b
        while j < s1 and j - i <= limit:
            tj = toks[j]
            m = self.marker_at(toks, j, s1)
            close = self._short_quote(toks, j, s1) if m and m[0] == "quote" and j > b and toks[j - 1].word else 0
            if close:
                m = None  # «توقيع اتفاقية مع شركة "مرافئ الشرق"»: a quoted name inside an object, not content
                j = close + 1
                continue
            if m and m[0] == "that" and m[2] == j + 1 and toks[j].key in self.lex.near_only_preps \
                    and j > max(i + 1, b) + 1:
                # «على أن» far from the verb is "provided that" («أعلنت … توقيع اتفاقية …، على أن يبدأ
                # التنفيذ»), not the «أكد على أن» that introduces content right after the verb or its subject
                return None
            if m:
                break
            if tj.word:
                hit = self.verb_at(tj)
                if hit and hit[0].kind != "masdar":
                    return None  # another reporting verb first: this one has no content of its own
                if j == b or (j == i + 1):
                    if tj.key in lex.blocking:
                        return None
                    if tj.key in form.content_nouns or strip_article(tj.key) in form.content_nouns:
                        m = ("noun", tj.start, j)
                        break
            elif tj.text in lex.sentence_end:
                break
            j += 1
        if not m:
            return None
        f = _Found(i, verb, form, t.sent, m[2], m[1], m[0] == "quote", rule="verb")
        if m[0] == "noun" and b > a and m[2] < b:
            b = m[2]
        b = self._addressee(toks, f, a, b, s1, text, look)
        if b > a:
            f.speaker = Span.of(text, toks[a].start, toks[b - 1].end)
            f.rule = "verb_vso"
        elif i + 1 < s1 and toks[i + 1].key in lex.relative_in:
            pass  # «بيانًا … ذكرت فيه»: a relative clause; the subject is the sentence's (below)
        elif not prefixed and i > s0 and toks[i - 1].key not in lex.clause_openers:
            pa, pb, rel = self.np_before(toks, i, s0)
            if rel:
                # «شركة X، التي قالت»: the antecedent of the relative pronoun
                r = pa - 1
                q = r - 1 if r - 1 >= s0 and toks[r - 1].text in "،," else r
                ra, rb, _ = self.np_before(toks, q, s0)
                if rb > ra:
                    f.speaker = Span.of(text, toks[ra].start, toks[rb - 1].end)
                    f.implicit = True
                    f.rule = "verb_relative"
            elif pb > pa:
                f.speaker = Span.of(text, toks[pa].start, toks[pb - 1].end)
                f.rule = "verb_svo"
        if f.speaker is None:
            f.rule = "verb_implicit"
            self._carry(toks, f, s0, found, look, text)
        self._channel_via(toks, f, i, b, m[2], s0, s1, text)
        return f


    def _addressee(self, toks, f: _Found, a: int, b: int, s1: int, text: str, look: _Lookups) -> int:
        """Whom the statement was said to, cut from the phrase [a, b) after the verb; returns where the speaker's
        phrase ends. «قال الوزير لنظيره الروسي»: a «ل» on a title or a name (not on an outlet, a relay) opens the
        addressee, after the speaker or right after the verb; «أبلغ ترامب ماكرون», «أخبرت الوزارة الصحفيين»:
        after a verb that takes its hearer as object, the phrase after the speaker's name (its first entity, or
        its first word) is the addressee when a title or a second name opens it."""
        lex = self.lex
        cut = None
        for m in range(a + 1, b):
            key = toks[m].key
            if key[:1] != "ل" or key.startswith("ال") or len(key) <= 2:
                continue
            if key[1:] in lex.news_outlets:
                if f.via is None:
                    f.via = text[toks[m].after_proclitic():toks[b - 1].end]  # «قال X لرويترز»: a relay
                return m
            # a name after «ل» only right after the speaker's name: «المتحدث الرسمي لوزارة الخدمة» is whose
            # spokesman, «مدير البعثة لمصر» for where, not to whom
            named = self._entity_at(look, toks[m].start + 1)
            if key[1:] in lex.addressee_after_lam or named is not None and named.label in ("PER", "ORG") \
                    and self._entity_ending(look, toks[m - 1].end, "PER"):
                cut, start = m, toks[m].after_proclitic()
                break
        if cut is None and b == a and a < s1 and toks[a].key[:1] == "ل" \
                and toks[a].key[1:] in lex.addressee_after_lam:
            cut, start = a, toks[a].after_proclitic()
        if cut is None and f.form.object and b - a >= 2:
            first = self._entity_at(look, toks[a].start, within=toks[b - 1].end)
            name_end = first.span.end if first is not None else toks[a].end
            for m in range(a + 1, b):
                if toks[m].start < name_end or not toks[m].word:
                    continue
                if toks[m].key in lex.addressee_titles or self._entity_at(look, toks[m].start) \
                        or self._new_definite_noun(toks[m - 1], toks[m]):
                    cut, start = m, toks[m].start
                    break
                if not self._adjective(toks[m]):  # the speaker's adjectives («الشرطة الأمريكية») are passed over
                    break
        if cut is None:
            return b
        end = b if b > cut else self.np_after(toks, cut + 1, s1)[1]
        # the hearer's phrase ends before a preposition («للصحافيين في البيت الأبيض»)
        end = next((k for k in range(cut + 1, end) if not toks[k].word or toks[k].key in lex.function_words), end)
        f.addressee = Span.of(text, start, toks[max(end, cut + 1) - 1].end)
        return cut if cut > a else a

    def _adjective(self, t) -> bool:
        """A definite relational adjective («الأمريكي», «الرسمية»), by its ending."""
        return t.key.startswith("ال") and len(t.key) > 4 and t.key.endswith(self.lex.adjective_endings)

    def _new_definite_noun(self, prev, t) -> bool:
        """«أخبر الادعاء المحكمة»: after a word with the article, another one that is no relational adjective
        begins the next phrase, since a definite noun takes no genitive."""
        return prev.word and prev.key.startswith("ال") and t.key.startswith("ال") and len(t.key) > 3 \
            and not self._adjective(t)

    @staticmethod
    def _entity_ending(look: _Lookups, end: int, label: str) -> bool:
        """An entity of `label` ends at `end`."""
        return any(e.span.end == end and e.label == label for e in look.entities.overlapping(end - 1, end))

    @staticmethod
    def _entity_at(look: _Lookups, start: int, within: int | None = None) -> Entity | None:
        """The person, organisation or place entity that starts at `start` (or, with `within`, the first one
        between `start` and `within`)."""
        for e in look.entities.overlapping(start, within if within is not None else start + 1):
            if e.label in ("PER", "ORG", "LOC") and (e.span.start == start or within is not None):
                return e
        return None

    def _carry(self, toks, f: _Found, s0: int, found: list[_Found], look: _Lookups, text: str) -> None:
        """An implicit subject: the antecedent's span and canonical name."""
        f.implicit = True
        # found is in text order: the statements of this sentence are at its end
        same = None
        for g in reversed(found):
            if g.sent != f.sent:
                break
            if g.speaker is not None:
                same = g
                break
        if same is not None:
            f.speaker, f.canonical = same.speaker, same.canonical
            f.channel, f.via = same.channel, same.via
            return
        i = f.i
        if i - s0 > 2:
            for e in look.entities.within(toks[s0].start, toks[i].start):
                if e.label in ("PER", "ORG"):
                    f.speaker, f.canonical = e.span, e.canonical
                    return
            subj = self._sentence_subject(toks, s0, i)
            if subj:
                f.speaker = Span.of(text, toks[subj[0]].start, toks[subj[1] - 1].end)
                return
        prev = next((g for g in reversed(found) if g.speaker is not None), None)
        if prev is not None:
            f.speaker, f.canonical = prev.speaker, prev.canonical
            if prev.sent >= f.sent - 1 and f.form.kind != "participle":
                f.channel, f.via = prev.channel, prev.via
            return
        # no statement before to carry («وقالت المسؤولة … ميلين دروان» was not read as one; «وكتب X على تويتر …»
        # is none): the first person of the sentence before, the subject such a sentence opens with
        if s0 > 0:
            k, sent = s0 - 1, toks[s0 - 1].sent
            while k > 0 and toks[k - 1].sent == sent and s0 - k < SENTENCE_REACH:
                k -= 1
            person = next((e for e in look.entities.within(toks[k].start, toks[s0 - 1].end) if e.label == "PER"),
                          None)
            if person is not None:
                f.speaker, f.canonical = person.span, person.canonical

    def _sentence_subject(self, toks, s0: int, i: int) -> tuple[int, int] | None:
        """The subject after a sentence's opening verb («ونشرت وزارة الدفاع بيانًا … ذكرت فيه»)."""
        lex = self.lex
        t0 = toks[s0]
        if not t0.word:
            return None
        k0 = t0.key
        bare = k0[1:] if k0[0] in "وف" and len(k0) > 3 else k0
        if (k0 in lex.function_words or bare in lex.function_words or strip_article(bare) != bare or bare.isdigit()
                or len(bare) < 3 or bare in lex.forms):
            return None
        a, b = self.np_after(toks, s0 + 1, i)
        if b <= a or not (strip_article(toks[a].key) != toks[a].key or toks[a].key in lex.w_initial):
            return None
        return a, b

    def _channel_via(self, toks, f: _Found, i: int, np_end: int, content_i: int, s0: int, s1: int,
                     text: str) -> None:
        lex = self.lex
        if f.form.channel:
            f.channel = f.form.channel
        j = np_end
        end = content_i
        while j < end:
            t = toks[j]
            key = t.key
            # channel: في/عبر/على + channel noun (في بيان لها، في مؤتمر صحافي، عبر تويتر)
            if key in lex.channel_preps or (key[:1] == "ب" and self.channel_of(key)):
                k = j + 1 if key in lex.channel_preps else j
                # «في سلسلة تغريدات», «عبر صفحته على فيسبوك»: up to three words to the channel noun
                for c in range(k, min(end, k + 4)):
                    ch = self.channel_of(toks[c].key) if toks[c].word else None
                    if ch:
                        f.channel = f.channel or ch
                        self._via_after_channel(toks, f, c + 1, end, text)
                        j = c
                        break
            elif key in lex.relative_in and j == i + 1:
                for c in range(i - 1, s0 - 1, -1):
                    ch = self.channel_of(toks[c].key) if toks[c].word else None
                    if ch:
                        f.channel = ch
                        break
                if f.speaker is None or f.rule == "verb_implicit":
                    subj = self._sentence_subject(toks, s0, i)
                    if subj:
                        f.speaker = Span.of(text, toks[subj[0]].start, toks[subj[1] - 1].end)
                        f.canonical = None
            elif f.via is None:
                self._via_phrase(toks, f, j, s1, text)
                if f.via is None and j == np_end and key[:1] == "ل" and not key.startswith("ال"):
                    # «وقال لصحيفة الغارديان:» «لـ«عكاظ»»
                    self._via_outlet(toks, f, j, end, text)
            j += 1
        # a relay after the content («… حسب ما ذكرته الوكالة»)
        if f.via is None:
            for j in range(content_i + 1, s1):
                if toks[j].key in lex.relay_openers and j + 1 < s1:
                    self._via_phrase(toks, f, j, s1, text, strict=True)
                    if f.via:
                        break

    def _via_phrase(self, toks, f: _Found, j: int, s1: int, text: str, strict: bool = False) -> None:
        for phrase in self.lex.via_phrases:
            n = len(phrase)
            if strict and n < 2:
                continue
            if j + n <= s1 and all(toks[j + q].key == phrase[q] for q in range(n)):
                k = j + n
                if k < s1 and toks[k].text in ("ـ",):
                    k += 1
                self._via_np(toks, f, k, s1, text)
                return
            if n == 2 and phrase[1] in self.lex.lam_apart and j + 1 <= s1 and toks[j].key == phrase[0] \
                    and j + 1 < s1 and toks[j + 1].key.startswith("ل") and len(toks[j + 1].key) > 2:
                # «وفقا لوكالة X»: the relay is glued to ل
                self._via_np(toks, f, j + 1, s1, text, clitic=True)
                return

    def _via_outlet(self, toks, f: _Found, j: int, end: int, text: str) -> None:
        t = toks[j]
        if t.key in self.lex.lam_apart or t.text in ("لـ",):
            self._via_np(toks, f, j + 1, end, text)
            return
        if t.key[1:].isascii() and t.key[1:].isalpha():
            self._via_np(toks, f, j, end, text, clitic=True)  # «لـCNN»: a Latin name glued to «ل»
            return
        if t.key[1:] in self.lex.via_outlet_heads or t.key[1:].startswith("ال") is False and \
                strip_article(t.key[1:]) in self.lex.via_outlet_heads:
            self._via_np(toks, f, j, end, text, clitic=True)

    def _via_after_channel(self, toks, f: _Found, k: int, end: int, text: str) -> None:
        """«في تصريح لبي بي سي»، «في مقابلة مع قناة X»، «في حديث نشرته وكالة X»."""
        if f.via is not None or k >= end:
            return
        lex = self.lex
        if toks[k].key in lex.channel_to_pronouns:
            k += 1
            if k >= end:
                return
        t = toks[k]
        # «نشرته», «أجرتها»: rstrip takes the object pronoun's letters off before the stem is compared
        if t.key in lex.channel_with or t.key.rstrip("اه").endswith(lex.publishing_stems) \
                or t.key in lex.publishing_forms:
            self._via_np(toks, f, k + 1, end, text)
        elif t.key in lex.lam_apart or t.text == "لـ":
            self._via_np(toks, f, k + 1, end, text)
        elif t.word and t.key[:1] == "ل" and not t.key.startswith("ال") and len(t.key) > 2 \
                and not lex.channels.get(strip_article(t.key[1:])):
            self._via_np(toks, f, k, end, text, clitic=True)

    def _via_np(self, toks, f: _Found, k: int, end: int, text: str, clitic: bool = False) -> None:
        """The relaying source: from token k to a comma, a content marker or the clause end (≤ 8 tokens)."""
        lex = self.lex
        a = k
        while a < end and not toks[a].word and (toks[a].text in lex.quotes or toks[a].text == "ـ"):
            a += 1
        b = a
        while b < end and b - a < 8:
            t = toks[b]
            if t.word:
                if t.key in lex.markers or (b > a and (t.key in lex.speaker_stop and t.key not in lex.via_inner_words)):
                    break
                if b > a and self.verb_at(t):
                    break
            elif t.text in lex.quotes or t.text in lex.closers or t.text in lex.name_joiners or t.text == "ـ":
                pass
            else:
                break
            b += 1
        while b > a and not toks[b - 1].word and toks[b - 1].text not in lex.closers:
            b -= 1
        if b <= a:
            return
        start = toks[a].after_proclitic() if clitic else toks[a].start
        while start < toks[b - 1].end and text[start] in "ـ":
            start += 1
        val = text[start:toks[b - 1].end].strip("«»\"“” ")
        if val:
            f.via = val

    # ---- finishing: content ends, direct quotes, canonical names -------------------------------------------
    def _finish(self, toks, found: list[_Found], text: str, look: _Lookups, bounds) -> list[Statement]:
        lex = self.lex
        out: list[Statement] = []
        for n, f in enumerate(found):
            s0, s1 = bounds[f.sent]
            end = toks[s1 - 1].end
            qi = f.content_i
            quote_open = toks[qi].text in lex.quotes if qi < len(toks) else False
            if not quote_open and qi + 1 < s1 and toks[qi].text == ":" and toks[qi + 1].text in lex.quotes:
                qi += 1
                quote_open = True
            if not quote_open and f.quote is False and qi + 1 < s1 and toks[qi + 1].text in lex.quotes \
                    and toks[qi].key in lex.markers and len(toks[qi].key) <= 3 \
                    and self._quoted_name_end(toks, qi + 1, s1) is None:
                qi += 1
                quote_open = True
            if quote_open:
                f.quote = True
                f.content_start = toks[qi].start
                close = self._closing_quote(toks, qi, text)
                if close is not None:
                    end = max(close, end) if close > end and text.find("\n", toks[qi].start, close) < 0 else \
                        (close if close <= end else end)
            if n + 1 < len(found) and found[n + 1].sent == f.sent and found[n + 1].verb.start < end \
                    and found[n + 1].verb.start > f.content_start:
                cut = found[n + 1].verb.start
                if not f.quote or cut > end:
                    end = cut
            while end > f.content_start and (text[end - 1].isspace() or text[end - 1] in "،,وف-–"):
                if text[end - 1] in "وف" and end - 2 >= 0 and not text[end - 2].isspace():
                    break
                end -= 1
            if end <= f.content_start:
                end = min(len(text), max(f.content_start, toks[min(s1, len(toks)) - 1].end))
            if end <= f.content_start:
                continue
            f.content_end = end
            if not f.quote:
                f.quote = self._first_person_quote(toks, f, look)
            if f.canonical is None and f.speaker is not None:
                # the fullest name known: a resolved anaphor or fuller mention, else the speaker phrase itself
                f.canonical = self._canonical(toks, f, text, look, out) or _strip_quotes(f.speaker.text)
            addressee = None
            if f.addressee is not None:
                # the name in the hearer's phrase («نظيره الأميركي دونالد ترامب»), else the phrase; «للصحافيين»
                # (ل + ال) reads «الصحافيين»
                named = next((e for e in look.entities.within(f.addressee.start, f.addressee.end)
                              if e.label in ("PER", "ORG")), None)
                phrase = _strip_quotes(f.addressee.text)
                if text[f.addressee.start - 1:f.addressee.start + 1] == "لل":
                    phrase = "ال" + phrase[1:]
                addressee = named.canonical if named is not None else phrase
            out.append(Statement(verb=f.verb, speaker=f.speaker, content=Span.of(text, f.content_start, end),
                                 speaker_canonical=f.canonical, channel=f.channel, via=f.via,
                                 direct_quote=f.quote, rule=f.rule, addressee=f.addressee,
                                 addressee_canonical=addressee))
        return out

    def _closing_quote(self, toks, qi: int, text: str) -> int | None:
        lex = self.lex
        opener = toks[qi].text
        want = {"«": "»", "“": "”", "‹": "›", "„": "“"}.get(opener)
        for k in range(qi + 1, min(len(toks), qi + 1 + MAX_QUOTE_TOKENS)):
            t = toks[k]
            if "\n" in text[toks[k - 1].end:t.start]:
                return None
            if t.word:
                continue
            if want and t.text == want:
                return t.end
            if not want and t.text in lex.closers:
                return t.end
        return None

    def _first_person_quote(self, toks, f: _Found, look: _Lookups) -> bool:
        """A quotation of three words or more inside the content in the first person («وهدفنا في …»)."""
        lex = self.lex
        inside = False
        words: list[str] = []
        for k in range(first_at_or_after(look.starts, f.content_start), len(toks)):
            t = toks[k]
            if t.start >= f.content_end:
                break
            if not t.word and (t.text in lex.quotes or t.text in lex.closers):
                if inside:
                    if len(words) >= 3 and any(w in self.lex.first_person or (w.endswith("نا") and len(w) > 4)
                                               for w in words):
                        return True
                    inside, words = False, []
                else:
                    inside = True
            elif inside and t.word:
                words.append(t.key.lstrip("وف") if len(t.key) > 3 else t.key)
        return False

    def _canonical(self, toks, f: _Found, text: str, look: _Lookups, done: list[Statement]) -> str | None:
        lex = self.lex
        sp = f.speaker
        inside = list(look.entities.overlapping(sp.start, sp.end))
        for e in inside:
            if e.label in ("PER", "ORG"):
                if len(e.canonical) >= len(sp.text) or e.span.start <= sp.start:
                    return e.canonical
        # «رئيس الوزراء الإسرائيلي بنيامين نتنياهو», «المقدم … الرويلي المتحدث الرسمي …»: titles and offices around
        # a person's name; the speaker is the person (an organisation inside is where they work)
        person = next((e for e in inside if e.label == "PER" and sp.start <= e.span.start
                       and e.span.end <= sp.end), None)
        if person is not None:
            return person.canonical
        words = [t for t in look.tokens_within(toks, sp.start, sp.end) if t.word]
        if not words:
            return None
        head = words[0].key
        bare = strip_article(head)
        # a name after a descriptor is who speaks («دار النشر البريطانية بيرسون», «صحيفة "أ س" الأسبانية»), and so
        # is the name a document belongs to («بيان وزارة الدفاع»; not «تقرير مرحلي للأمم المتحدة»: the report)
        if bare in lex.name_descriptors or (bare in lex.document_heads and len(words) > 1):
            after = words[1].start if bare in lex.document_heads else None
            named = next((e for e in inside if e.label in ("ORG", "PER") and e.span.start > words[0].start
                          and (after is None or e.span.start <= after)), None)
            if named is not None:
                return named.canonical
        # «هذا المصدر»: the last source described before («مصدر عسكري مالي»)
        if len(words) > 1 and head in lex.demonstratives and strip_article(words[1].key) in lex.anaphora_heads:
            return self._antecedent(toks, look, strip_article(words[1].key), sp.start, text, 1) or None
        if len(words) == 1 and head in lex.honorific_pronouns:
            # «وقال سموه»: the last person named before (bounded, as every lookback here)
            named = [e for e in look.entities.within(max(0, sp.start - TITLE_LOOKBACK), sp.start) if e.label == "PER"]
            return named[-1].canonical if named else None
        if bare in lex.person_titles and person is None:
            titled = self._titled_person(look, words, text, sp.start, f.content_start)
            if titled is not None:
                return titled
        if bare in lex.document_heads:
            if len(words) > 1:
                inner = strip_article(words[1].key)
                if inner in lex.anaphora_heads:
                    return self._antecedent(toks, look, inner, sp.start, text, len(words) - 1) or None
            return done[-1].speaker_canonical if done else None
        if bare != head:
            heads = {bare}
            if bare.endswith("ه"):
                heads.add(bare)
            if bare in lex.anaphora_heads:
                return self._antecedent(toks, look, bare, sp.start, text, len(words))
            return self._headed_mention(toks, look, words, text)
        if len(words) == 1 and words[0].key not in lex.w_initial:
            return self._fuller_name(toks, look, words[0], sp.start, text)
        return None

    def _titled_person(self, look: _Lookups, words: list[WordToken], text: str, before: int,
                       content: int) -> str | None:
        """«المدير الفني لفريق الزمالك», «الوزير»: a title with no name is the person the article named with it
        earlier — the last person whose name that title (its first two words) stands right before or right
        after («المدير الفني … جوزفالدو فيريرا», «جوزفالدو فيريرا المدير الفني …»)."""
        title = " ".join(fold(w.text) for w in words[:2])
        # the name may follow the title before the content («مندوب مصر الدائم … السفير طارق عادل إن …»)
        end = words[-1].end
        reach = end + TITLE_WINDOW
        stop = min((k for k in (text.find(c, end, reach) for c in ".؟!\n") if k >= 0), default=reach)
        stop = min(stop, content) if content > end else stop
        after = next((e for e in look.entities.within(end, stop) if e.label == "PER"), None)
        if after is not None:
            return after.canonical
        seen = 0
        # bounded, so that an article of many titled speakers stays linear
        for e in reversed(list(look.entities.within(max(0, before - TITLE_LOOKBACK), before))):
            if e.label != "PER":
                continue
            seen += 1
            if seen > MAX_LOOKBACK:
                break
            # the words around the name, within its sentence and before the speaker's phrase
            left = re.split(r"[.؟!\n]", text[max(0, e.span.start - TITLE_WINDOW):e.span.start])[-1]
            right = re.split(r"[.؟!\n]", text[e.span.end:min(before, e.span.end + TITLE_WINDOW)])[0]
            window = fold(left).split()[-6:] + ["|"] + fold(right).split()[:6]
            if title in " ".join(window).replace("#", "").replace("_", " "):
                return e.canonical
        return None

    def _antecedent(self, toks, look: _Lookups, head: str, before: int, text: str, min_words: int) -> str | None:
        """The last earlier noun phrase headed by `head` with more words than the anaphor («وزارة الدفاع …»)."""
        limit = first_at_or_after(look.starts, before)
        # every token whose key, key without a proclitic or key without the article is `head`, latest first
        candidates = merged((index.latest_first(head, limit) for index in (look.by_key, look.by_tail, look.by_bare)),
                            descending=True)
        for k in islice(candidates, MAX_LOOKBACK):
            t = toks[k]
            key = t.key
            plain = key[1:] if key[:1] in "وبلف" and key[1:] == head else key
            if plain == head or strip_article(key) == head:
                a, b = self.np_after(toks, k + 1, len(toks))
                b = min(b, k + 8)
                if plain == head and b > a and b - k >= 2 or (plain != head and b - k > min_words):
                    start = t.after_proclitic() if plain != key else t.start
                    return text[start:toks[b - 1].end]
        return None

    def _headed_mention(self, toks, look: _Lookups, words: list[WordToken], text: str) -> str | None:
        """«الدفاع الأمريكية» → an earlier «وزارة الدفاع الأمريكية»: the same words after a head noun."""
        keys = [w.key for w in words]
        n = len(keys)
        for k in islice(look.by_key.earliest_first(keys[0], first_at_or_after(look.starts, words[0].start)),
                        MAX_LOOKBACK):
            if not 1 <= k < len(toks) - n:
                continue
            if [t.key for t in toks[k:k + n]] == keys:
                h = toks[k - 1]
                hk = h.key[1:] if h.key[:1] in "وبل" and h.key not in self.lex.w_initial else h.key
                if h.word and hk in self.lex.anaphora_heads:
                    start = h.after_proclitic() if hk != h.key else h.start
                    return text[start:toks[k + n - 1].end]
        return None

    def _fuller_name(self, toks, look: _Lookups, word: WordToken, before: int, text: str) -> str | None:
        """A one-word name («زيدان») → its first fuller mention («زين الدين زيدان»)."""
        lex = self.lex
        limit = first_at_or_after(look.starts, before)
        for k in islice(merged([look.by_key.earliest_first(word.key, limit),
                                look.by_tail.earliest_first(word.key, limit)]), MAX_LOOKBACK):
            t = toks[k]
            a = k
            while a - 1 >= 0 and k - (a - 1) <= 3 and toks[a - 1].word:
                pk = toks[a - 1].key
                if (strip_article(pk) != pk or self.is_stop(pk) or pk in lex.function_words
                        or pk in lex.clause_openers or self.channel_of(pk) or pk.isdigit()
                        or (pk[0] in "وفبل" and pk not in lex.w_initial)):
                    break
                a -= 1
            if a < k:
                return text[toks[a].start:t.end]
        return None


def _strip_quotes(s: str) -> str:
    return s.strip(" \"«»“”„")
