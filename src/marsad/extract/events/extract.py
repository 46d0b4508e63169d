"""PLOVER events (docs/rules.md#events): trigger, type, mode, actors, targets, location, topics.

For each trigger (triggers.yaml: one-word verbs with their object pronouns, multi-word phrases, event nouns with
their article, a preposition or a possessive pronoun), in its sentence:

1. skipped when negated (لم/لن/ما/عدم just before) or hypothetical (إذا/إن/لو/في حال, a plan, earlier in the
   clause), when it names a truce («وقف إطلاق النار»), an act on oneself, declining to be named, a verb saying
   what an event noun did («الغارة التي استهدفت»), or a participle that describes a noun («الغوطة المحاصرة»);
2. actors and targets from the clause's syntax (parties.py): subject and object of the verb, agent and patient
   of a verbal noun, «بين X و Y», passives, dropped subjects, «الجانبان» resolved to the sides of a meeting;
   entity canonical names where the entity step ran, else the phrases themselves; an event whose clause names
   no party is kept with empty lists;
3. location: a place (LOC) its sentence puts after في/بـ or a direction word, else «في مدينة X», else «بـX»
   after a venue verb;
4. topics: phrases after topic cues (حول، بشأن، شملت، تناولا …) in the trigger's sentence and in the sentences
   that go on about the same talks (not those about another meeting the article reported);
5. a CONSULT whose participants are those of an earlier one («تباحثا» after «أجرى اتصالا»), or a meeting noun
   with the article and no parties of its own right after one («المباحثات شملت»), is the same event: its topics
   join the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...article import Entity, Event, Span
from ...text.normalize import fold
from ...text.offsets import OffsetIndex
from ..phrases import NounPhrases
from ..statements.lexicon import load as load_statement_lexicon
from ...text.clitics import CONJUNCTIONS, strip_article
from ...text.tokens import TokenizedText, WordToken
from .lexicon import Trigger, TriggerLexicon
from .parties import MARKS, Clause, PartyFinder, clause_start, placed

MAX_TOPIC_WORDS = 7
MEMO_LIMIT = 50_000  # words whose trigger readings are kept (a worker stays flat over a crawl)
MAX_TOPICS = 8
CLAUSE_BREAK = frozenset("،,.:;؛!?؟()")


# what may stand inside a gapped phrase besides words: the commas around a time or a title
GAP_PUNCTUATION = frozenset("،,()")
# how many sentences after a meeting a definite meeting noun without parties is that meeting again
MEETING_REACH = 2


@dataclass
class _Ev:
    type: str
    mode: str | None
    trigger: Span
    sent: int
    i: int                      # first trigger token
    j: int                      # token after the trigger
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    topics: list[str] = field(default_factory=list)
    rule: str = ""
    sides: frozenset[str] = frozenset()   # the words that named its parties as sides («وفدين»)


class EventFinder:
    def __init__(self, lex: TriggerLexicon) -> None:
        self.lex = lex
        self.np = NounPhrases(load_statement_lexicon())
        self.parties = PartyFinder(lex, self.np)
        # kept with the lexicon, so that every finder shares it: a pipeline may be built per article
        self._memo = lex.readings

    # ---- triggers ----------------------------------------------------------------------------------------
    @staticmethod
    def _bare(key: str) -> list[str]:
        out = [key]
        if len(key) > 3 and key[0] in CONJUNCTIONS:
            out.append(key[1:])
            if len(key) > 4 and key[1] == "س":
                out.append(key[2:])
        if len(key) > 3 and key[0] == "س":
            out.append(key[1:])
        return out

    def _noun(self, key: str) -> tuple[Trigger, str] | None:
        """The event noun a word is, and the word without its proclitic (where its span starts): as written, or
        definite («الغارات», «بالإفراج» → «الإفراج»). Not the accusative («احتجاجا على»: "in protest", an adverb,
        not a protest)."""
        nouns = self.lex.nouns
        trig = nouns.get(key)
        if trig is not None:
            return trig, key
        owned = self._owned_noun(key)
        if owned is not None:
            return owned, key
        if key[:1] in "بل" and len(key) > 4:
            # «بمقتل ثلاثة», «بغارات شنتها …»: a preposition on an indefinite event noun
            trig = nouns.get(key[1:]) or self._owned_noun(key[1:])
            if trig is not None:
                return trig, key[1:]
        bare = strip_article(key)
        trig = nouns.get(bare) if bare != key else None
        if trig is None:
            return None
        # the span keeps the article and drops what stood before it: «بالإفراج» → «الإفراج»; «للإفراج» (ل + ال)
        # starts at its second «ل», as every span after «لل» does
        prefix = len(key) - len(bare)
        if key[prefix - 2:prefix] == "ال":
            return trig, key[prefix - 2:]
        return trig, key[1:] if key.startswith("لل") else key

    def _owned_noun(self, key: str) -> Trigger | None:
        """An event noun with a possessive pronoun («اعتقاله»): the noun reports the event as its bare form does."""
        owned = self.lex.owned_noun(key)
        return owned[0] if owned else None

    def _verb_with_object(self, key: str) -> Trigger | None:
        """A verb trigger with an object pronoun («طالبتها», «يقتاده», «نفاه» from «نفى»). Not a three-letter stem
        but a defective verb's («نفا»): «وزارة» is no «و» + «زار» + «ه», «شكره» is as often "his thanks"."""
        words = self.lex.words
        for suf in self.lex.object_suffixes:
            stem = key[:-len(suf)]
            if not key.endswith(suf) or len(stem) < 3:
                continue
            if stem.endswith("ا"):
                trig = words.get(stem[:-1] + "ي")
            else:
                trig = words.get(stem) if len(stem) >= 4 else None
            if trig is not None:
                return trig
        return None

    def _readings(self, key: str) -> tuple:
        """For each form of a word without its conjunction or future prefix (_bare) that may start a trigger:
        (form, phrases starting with it, the verb trigger it is, the event noun it is) — whatever its context.
        Memoised per word: the suffix readings cost more than the rest of the step, and news repeats its
        words; most words have none, and are passed over at once."""
        hit = self._memo.get(key)
        if hit is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            lex = self.lex
            hit = []
            for b in self._bare(key):
                phrases = lex.phrases.get(b, ())
                verb = lex.words.get(b) or self._verb_with_object(b)
                noun = self._noun(b)
                if b[:1] in "بل" and len(b) > 4:
                    # «لإطلاق نار», «بإطلاق نار»: a phrase that opens with a verbal noun behind a glued preposition;
                    # its span starts after the preposition, as a noun's does
                    behind = tuple(p for p in lex.phrases.get(b[1:], ()) if p[1].noun)
                    if behind:
                        hit.append((b[1:], behind, None, None))
                if phrases or verb or noun:
                    hit.append((b, phrases, verb, noun))
            hit = self._memo[key] = tuple(hit)
        return hit

    def trigger_at(self, toks: list[WordToken], i: int, s1: int) -> tuple[Trigger, int, int, int] | None:
        """(trigger, start char, index after the trigger span, index after the whole phrase) at token i.

        A gapped phrase («أجرى الرئيس اتصالا هاتفيا») has the verb alone as its span; the words between the
        verb and the rest of the phrase are its subject.
        """
        t = toks[i]
        if not t.word:
            return None
        lex = self.lex
        # a word written with «ة» has no object or possessive pronoun «ه» («طالبة» is no «طالب» + «ه»): folding
        # writes both as «ه», so the readings that take it for a pronoun are dropped here
        ta_marbuta = t.text.rstrip(MARKS).endswith("ة")
        for b, phrases, verb, noun in self._readings(t.key):
            if ta_marbuta and verb is not None and b not in lex.words:
                verb = None
            if ta_marbuta and noun is not None and noun[1] not in lex.nouns and strip_article(noun[1]) not in lex.nouns:
                noun = None  # only a possessed reading (`owned_noun`) finds no noun under the word itself
            for slots, trig in phrases:
                n = len(slots)
                if i + n <= s1 and all(toks[i + q].word and (toks[i + q].key in slots[q] or (
                        q > 0 and toks[i + q].key[:1] in "بل" and toks[i + q].key[1:] in slots[q]))
                        for q in range(1, n)):
                    return trig, self._start(t, b), i + n, i + n
                if trig.gap:
                    for g in range(i + 2, min(s1, i + 2 + trig.gap)):
                        if not toks[g].word and toks[g].text not in GAP_PUNCTUATION:
                            break  # («شنت طائرات التحالف، الخميس، غارات»: a time between commas stays in the gap)
                        if g + n - 1 <= s1 and all(toks[g + q - 1].key in slots[q] for q in range(1, n)):
                            return trig, self._start(t, b), i + 1, g + n - 1
            trig = verb
            if trig and trig.skip_next and any(toks[k].key in trig.skip_next
                                               for k in range(i + 1, min(s1, i + 1 + trig.window))):
                # «رفض التعليق», «رفض كشف هويته», «أوقفت الشركة تصدير …» (within the trigger's window): no event,
                # in the verb's reading or the noun's
                return None
            # «على رفض»، «إثر قصف»: after a preposition a verb's form is its verbal noun, no event of its own —
            # unless it is an event noun too («عن إدانة»)
            if trig and not (b == t.key and i > 0 and toks[i - 1].key in lex.masdar_before) \
                    and not (trig.requires_next and not self._required_next(toks, i, s1, trig)):
                return trig, self._start(t, b), i + 1, i + 1
            if noun:
                trig, word = noun
                return trig, self._start(t, word), i + 1, i + 1
        return None

    @staticmethod
    def _required_next(toks: list[WordToken], i: int, s1: int, trig: Trigger) -> bool:
        """One of the trigger's `requires_next` words right after it (or a one-letter one it starts with: «بـ»), or
        a whole word of them among its next `window` words of the clause («دعت الوزارة المواطنين إلى»)."""
        req = trig.requires_next
        for k in range(i + 1, min(s1, i + 1 + trig.window)):
            nxt = toks[k]
            if not nxt.word:
                if nxt.text in CLAUSE_BREAK:
                    return False
                continue
            if nxt.key in req or k == i + 1 and (nxt.key[:1] in req or any(nxt.key.startswith(r) for r in req
                                                                             if len(r) > 1)) \
                    or nxt.key[:1] in req and nxt.key[1:3] == "ال":  # «أهاب الغامدي بالأشقاء»
                return True
        return False

    @staticmethod
    def _start(t: WordToken, bare: str) -> int:
        drop = len(t.key) - len(bare)
        s = t.start
        for _ in range(drop):
            s += 1
            while s < t.end and t.text[s - t.start] in MARKS:
                s += 1
        return s

    # ---- main --------------------------------------------------------------------------------------------
    def find(self, text: str, sentences: list[tuple[int, int]], entities: list[Entity],
             tokens: TokenizedText | None = None) -> list[Event]:
        """The events of `text`; `tokens`: the article's token table when the pipeline made one (it must be of
        this text and these sentences), else it is made here."""
        toks = (tokens if tokens is not None else TokenizedText(text, sentences)).word_tokens
        if not toks:
            return []
        bounds: dict[int, list[int]] = {}
        for idx, t in enumerate(toks):
            if t.sent >= 0:
                b = bounds.setdefault(t.sent, [idx, idx + 1])
                b[1] = idx + 1
        events: list[_Ev] = []
        merged: dict[int, _Ev] = {}  # sentence of a merged CONSULT → the event it joined
        # entities by offset: each event asks for those of its sentence, and scanning them all made the step
        # quadratic in the article's length
        entities = OffsetIndex(entities, lambda e: (e.span.start, e.span.end))
        i = 0
        n = len(toks)
        while i < n:
            t = toks[i]
            if t.sent < 0 or not t.word:
                i += 1
                continue
            s0, s1 = bounds[t.sent]
            hit = self.trigger_at(toks, i, s1)
            if not hit:
                i += 1
                continue
            trig, start, j, after = hit
            ev = self._event(toks, i, j, after, s0, s1, trig, start, text, entities, events)
            if ev is not None:
                if not self._merge(ev, events, merged):
                    events.append(ev)
            i = after
        self._topics(toks, events, bounds, text, merged)
        return [Event(type=e.type, trigger=e.trigger, actors=tuple(e.actors), targets=tuple(e.targets),
                      mode=e.mode, location=e.location, topics=tuple(e.topics[:MAX_TOPICS]), rule=e.rule)
                for e in events]

    def _event(self, toks, i, j, after, s0, s1, trig: Trigger, start, text, entities, events) -> _Ev | None:
        lex = self.lex
        c0 = clause_start(toks, i, s0)
        # negated or hypothetical
        if i > s0 and (toks[i - 1].key in lex.negations or toks[i - 1].key.lstrip("و") in lex.negations):
            return None
        if i > s0 and toks[i - 1].key in lex.halted_by:
            return None  # «وقف إطلاق النار»: a truce; «إلغاء القمة»: a cancelled meeting
        if j < s1 and toks[j].key in lex.reflexive_objects:
            return None  # «حاولت قتل نفسها»
        if trig.kind != "noun" and not trig.noun and self._restates(toks, i, s0, trig):
            return None
        if trig.kind == "noun" and self._describes(toks, i, s0):
            return None
        for k in range(c0, i):
            key = toks[k].key
            if key not in lex.hypothetical and len(key) > 3 and key[0] in CONJUNCTIONS and key[1:] in lex.hypothetical:
                key = key[1:]  # «ويرتقب أن»
            if key in lex.hypothetical:
                if key in lex.complementisers:
                    continue  # «إن» after قال is the complementiser, not "if"
                if key in lex.in_case and not (k > s0 and toks[k - 1].key in lex.in_case_before):
                    continue
                return None
        if trig.kind == "noun" and trig.type == "CONSULT":
            # a meeting noun reports a meeting, definite or not, with participants named or not — as annotators
            # read news (bench/events.py: accepting them all raised type F1 on three development sets of four) —
            # unless an adjective makes it a meeting in general, to come or before the one reported («الاجتماع
            # المقبل», «الاجتماع السابق»)
            if j < s1 and toks[j].word and toks[j].key in lex.generic_meeting_adjectives:
                return None
            if j + 1 < s1 and toks[j].key in lex.partner_with and (not toks[j + 1].word or strip_article(toks[j + 1].key)
                                                      in self.np.lex.via_outlet_heads):
                return None  # «في لقاء مع "العربية"»: an interview, the channel of a statement
        ev = _Ev(trig.type, trig.mode, Span.of(text, start, toks[j - 1].end), toks[i].sent, i, after,
                 rule=f"{trig.type.lower()}_{trig.kind}")
        clause = Clause(toks, s0, s1, c0, text, entities)
        ev.actors, ev.targets, ev.sides = self.parties.parties(clause, i, j, after, trig, events)
        # an event whose parties the clause does not name is still reported («الهجوم»، «إطلاق نار»): news
        # mentions most attacks and arrests this way, and the type, date and place stand on their own
        ev.location = self._location(toks, i, after, s0, s1, text, entities, c0, set(ev.actors) | set(ev.targets))
        return ev

    def _describes(self, toks, i: int, s0: int) -> bool:
        """An event noun of a participle's shape that agrees with the definite noun before it is its adjective
        («الغوطة المحاصرة», «القوات المساندة»), not an event."""
        key = toks[i].key
        if not key.startswith("الم") or i <= s0 or not toks[i - 1].word:
            return False
        prev = toks[i - 1].key
        return prev.startswith("ال") and prev not in self.lex.words and self.parties.agrees(prev, key)

    def _restates(self, toks, i: int, s0: int, trig: Trigger) -> bool:
        """A verb whose subject is an event noun of its own type («الغارة التي استهدفت البلدة», «غارات جوية استهدفت
        مواقع», «التفجير الإرهابي الذي استهدف مسجدا»): it says what that event did, no second event."""
        if toks[i].key[:1] in CONJUNCTIONS and toks[i].key[1:] in self.lex.words:
            return False  # «ترفض هذه الاتهامات وتندد»: a verb joined by «و» has a subject of its own
        k = i - 1
        if k >= s0 and toks[k].word and toks[k].key in self.np.lex.relatives:
            k -= 1
        for _ in range(2):  # the noun's adjectives («جوية», «الإرهابي»)
            if k > s0 and toks[k].word and (toks[k].key.endswith(self.lex.adjective_endings)
                                            or toks[k].key.startswith("ال") and toks[k].key.endswith("ي")):
                k -= 1
        if k < s0 or not toks[k].word:
            return False
        noun = self._noun(toks[k].key)
        return noun is not None and noun[0].type == trig.type

    # ---- roles -------------------------------------------------------------------------------------------
    @staticmethod
    def _index_at(toks: list[WordToken], start: int) -> int:
        lo, hi = 0, len(toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if toks[mid].start < start:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _location(self, toks, i, j, s0, s1, text, entities, c0, parties) -> str | None:
        """Where the event happened: a place (LOC) its sentence puts after «في», «بـ» or a direction word
        («قرب», «شمال») — after the trigger in its clause first, then before it, then further on —, not a party and
        not the place of a topic («اتفقا على إجراء الاجتماع … في تركيا»); else «في مدينة X» with a place head;
        else «انعقد بـX» after a venue verb."""
        lex = self.lex
        places = [e for e in entities.within(toks[s0].start, toks[s1 - 1].end)
                  if e.label == "LOC" and e.canonical not in parties and placed(text, e, lex)]
        tend = toks[j - 1].end
        for e in places:
            if e.span.start >= tend:
                between = {t.key for t in toks[j:self._index_at(toks, e.span.start)]}
                if between & lex.topic_cues or len(between) > 12:
                    break
                return e.canonical
        before = [e for e in places if e.span.end <= toks[i].start and e.span.start >= toks[c0].start]
        if before:
            return before[-1].canonical
        for k in range(j, min(s1, j + 12)):
            t = toks[k]
            if not t.word:
                if t.text in ".؛":
                    break
                continue
            key = t.key
            if key in lex.place_prep and k + 2 < s1 and strip_article(toks[k + 1].key) in lex.place_heads \
                    and toks[k + 2].word:
                return text[toks[k + 1].start:toks[k + 2].end]  # «في مديرية الجراحي»
            if key.lstrip("و") in lex.venue_words or key in lex.venue_words:
                nxt = toks[k + 1] if k + 1 < s1 else None
                if nxt and nxt.word:
                    if nxt.key.startswith("ب") and not nxt.key.startswith("بال") and len(nxt.key) > 3:
                        return text[nxt.after_proclitic():nxt.end]
                    if nxt.key in lex.place_prep and k + 2 < s1 and toks[k + 2].word \
                            and not toks[k + 2].key.startswith("ال"):
                        return toks[k + 2].text
        return None

    # ---- merging and topics ---------------------------------------------------------------------------------
    def _merge(self, ev: _Ev, events: list[_Ev], merged: dict[int, _Ev]) -> bool:
        if ev.type != "CONSULT":
            return False
        mine = [fold(x) for x in ev.actors + ev.targets]
        if not mine:
            # «وأضاف البيان أن المباحثات شملت …»: a meeting noun with the article and no parties of its own names
            # again the meeting just reported
            last = next((e for e in reversed(events) if e.type == "CONSULT"), None)
            if last is not None and ev.rule == "consult_noun" and fold(ev.trigger.text).startswith("ال") \
                    and ev.sent - last.sent <= MEETING_REACH:
                last.topics += [x for x in ev.topics if x not in last.topics]
                merged[ev.sent] = last
                return True
            return False
        for e in reversed(events):
            if e.type != "CONSULT":
                continue
            theirs = [fold(x) for x in e.actors + e.targets]
            if theirs and all(any(m in t or t in m for t in theirs) for m in mine):
                e.topics += [x for x in ev.topics if x not in e.topics]
                merged[ev.sent] = e
                return True
            break
        return False

    def _topics(self, toks, events: list[_Ev], bounds, text: str, merged: dict[int, _Ev]) -> None:
        lex = self.lex
        by_sent = {e.sent: e for e in events}
        order = sorted(bounds)
        nouns = {id(e): (strip_article(fold(e.trigger.text)), e.sent) for e in events
                 if e.type == "CONSULT" and e.rule == "consult_noun"}

        def other_meetings(ev: _Ev, s: int) -> set[str]:
            # the nouns of the other meetings reported up to sentence s (one reported later is not what s is about)
            return {w for k, (w, at) in nouns.items() if k != id(ev) and at <= s} - {nouns.get(id(ev), ("",))[0]}
        for n, ev in enumerate(events):
            if ev.type not in ("CONSULT", "AGREE", "REQUEST", "REJECT"):
                continue
            s0, s1 = bounds[ev.sent]
            ev.topics += self._topic_phrases(toks, ev.j, s1, text)
            if ev.type != "CONSULT":
                continue
            nxt_sent = events[n + 1].sent if n + 1 < len(events) else None
            for s in order:
                if s <= ev.sent:
                    continue
                if nxt_sent is not None and s >= nxt_sent:
                    break
                if s in by_sent and by_sent[s] is not ev:
                    break
                a, b = bounds[s]
                keys = {t.key for t in toks[a:b] if t.word} | {t.key.lstrip("و") for t in toks[a:b] if t.word}
                if not (keys & lex.discussion_words) and merged.get(s) is not ev:
                    break
                if {strip_article(k) for k in keys} & other_meetings(ev, s):
                    break  # «ناقش الاجتماع …» goes on about the «اجتماع» reported before, not about this event
                ev.topics += [x for x in self._topic_phrases(toks, a, b, text) if x not in ev.topics]

    def _topic_phrases(self, toks, a: int, b: int, text: str) -> list[str]:
        lex = self.lex
        out: list[str] = []
        k = a
        while k < b:
            t = toks[k]
            key = t.key.lstrip("و") if len(t.key) > 3 else t.key
            if t.word and t.key in lex.without:
                break  # «دون تقديم تفاصيل حول موعده»: what was not said is no topic
            if t.word and (key in lex.topic_cues or t.key in lex.topic_cues):
                m = k + 1
                while m < b and toks[m].word and toks[m].key in lex.topic_fillers \
                        or (m < b and toks[m].word and toks[m].key in lex.topic_discussion_nouns):
                    m += 1
                if m > k + 1 and toks[m - 1].key in lex.topic_discussion_nouns and not (
                        m < b and toks[m].word and (toks[m].key in lex.topic_cues or toks[m].key in lex.topic_fillers)):
                    k = m  # «بيانا حول الاجتماع ذكرت فيه …»: about the meeting itself, no topic follows
                    continue
                out += self._topic_items(toks, m, b, text)
                k = m + 1
                continue
            k += 1
        return out

    def _topic_items(self, toks, a: int, b: int, text: str) -> list[str]:
        lex = self.lex
        items: list[tuple[int, int]] = []
        cur = a
        k = a
        while k < b:
            t = toks[k]
            if not t.word:
                if t.text in CLAUSE_BREAK or t.text in "\"«»“”":
                    break
                k += 1
                continue
            if t.key in self.np.lex.markers or (t.key in lex.topic_cues and k > a) \
                    or t.key in lex.topic_enders:
                break
            if k > cur and t.key.startswith("وال"):
                items.append((cur, k))
                cur = k
            if k - cur >= MAX_TOPIC_WORDS:
                items.append((cur, k))
                cur = b
                break
            k += 1
        if cur < k:
            items.append((cur, k))
        out = []
        for pa, pb in items:
            if pb <= pa:
                continue
            st = toks[pa].after_proclitic() if toks[pa].key.startswith("وال") else toks[pa].start
            # drop a trailing preposition left by the cut
            while pb - 1 > pa and toks[pb - 1].key in lex.trailing_preps:
                pb -= 1
            phrase = text[st:toks[pb - 1].end].strip()
            first = fold(phrase.split()[0]) if phrase.split() else ""
            if first in lex.generic_topics or strip_article(first) in lex.generic_topics:
                break  # «القضايا المتعلقة بـ…»: a generic head; what follows it is no topic list
            if phrase and len(phrase) > 3:
                out.append(phrase)
        return out


