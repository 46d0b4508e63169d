"""PLOVER events (docs/rules.md#events): trigger, type, mode, actors, targets, location, topics.

For each trigger (triggers.yaml: one-word verbs, multi-word phrases, event nouns), in its sentence:

1. skipped when negated (لم/لن/ما/عدم just before) or hypothetical (إذا/إن/لو/في حال earlier in the clause);
2. actors: entity mentions (canonical names) when the NER step ran, else noun phrases: the subject after a
   verb (VSO), the subject of the «أن …» clause the trigger sits in, or the phrase just before the trigger
   (SVO); «أردوغان وماسك» gives two actors; generic sides («الوفدين»، «الجانبين») stand for the
   participants of the last meeting;
3. targets: the phrase after a target preposition (مع، ب، على، ضد …) or between «بين X و Y»;
4. location: a LOC entity after في/ب in the clause, else «بـX» after a venue verb or the trigger;
5. topics: phrases after topic cues (حول، بشأن، شملت، تناولا …) in the trigger's sentence and in the sentences
   that go on about the same talks;
6. a CONSULT whose participants are those of an earlier one («تباحثا» after «أجرى اتصالا») is the same
   event: its topics join the first.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ...article import Entity, Event, Span
from ...text.normalize import fold
from ...text.offsets import OffsetIndex
from ..phrases import NounPhrases
from ..statements.lexicon import load as load_statement_lexicon
from ...text.clitics import CONJUNCTIONS, strip_article
from ...text.tokens import TokenizedText, WordToken
from .lexicon import Trigger, TriggerLexicon

MAX_TOPIC_WORDS = 7
MAX_TOPICS = 8
# «الوفدين اتفقا» looks for the meeting it refers to among this many earlier events at most
MAX_EARLIER_EVENTS = 64
CLAUSE_BREAK = frozenset("،,.:;؛!?؟()")


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


def _clean_name(s: str) -> str:
    return s.strip(" \"«»“”„'()").strip()


class EventFinder:
    def __init__(self, lex: TriggerLexicon) -> None:
        self.lex = lex
        self.np = NounPhrases(load_statement_lexicon())

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
        definite («الغارات», «بالإفراج» → «الإفراج»). A meeting noun only as written: its definite form is refused
        later anyway (_event). Not the accusative («احتجاجا على»: "in protest", an adverb, not a protest)."""
        nouns = self.lex.nouns
        trig = nouns.get(key)
        if trig is not None:
            return trig, key
        bare = strip_article(key)
        trig = nouns.get(bare) if bare != key else None
        if trig is None or trig.type == "CONSULT":
            return None
        # the span keeps the article and drops what stood before it: «بالإفراج» → «الإفراج»; «للإفراج» (ل + ال)
        # starts at its second «ل», as every span after «لل» does
        prefix = len(key) - len(bare)
        if key[prefix - 2:prefix] == "ال":
            return trig, key[prefix - 2:]
        return trig, key[1:] if key.startswith("لل") else key

    def trigger_at(self, toks: list[WordToken], i: int, s1: int) -> tuple[Trigger, int, int, int] | None:
        """(trigger, start char, index after the trigger span, index after the whole phrase) at token i.

        A gapped phrase («أجرى الرئيس اتصالا هاتفيا») has the verb alone as its span; the words between the
        verb and the rest of the phrase are its subject.
        """
        t = toks[i]
        if not t.word:
            return None
        lex = self.lex
        for b in self._bare(t.key):
            for slots, trig in lex.phrases.get(b, ()):
                n = len(slots)
                if i + n <= s1 and all(toks[i + q].word and (toks[i + q].key in slots[q] or (
                        q > 0 and toks[i + q].key[:1] in "بل" and toks[i + q].key[1:] in slots[q]))
                        for q in range(1, n)):
                    return trig, self._start(t, b), i + n, i + n
                if trig.gap:
                    for g in range(i + 2, min(s1, i + 2 + trig.gap)):
                        if not toks[g].word:
                            break
                        if g + n - 1 <= s1 and all(toks[g + q - 1].key in slots[q] for q in range(1, n)):
                            return trig, self._start(t, b), i + 1, g + n - 1
            trig = lex.words.get(b)
            if trig:
                if b == t.key and i > 0 and toks[i - 1].key in lex.masdar_before:
                    continue  # «على رفض»، «إثر قصف»: the verbal noun, not an event
                if trig.skip_next and i + 1 < s1 and toks[i + 1].key in trig.skip_next:
                    continue
                if trig.requires_next:
                    nxt = toks[i + 1] if i + 1 < s1 else None
                    if nxt is None or not (nxt.key in trig.requires_next or nxt.key[:1] in trig.requires_next
                                           or any(nxt.key.startswith(r) for r in trig.requires_next
                                                  if len(r) > 1)):
                        continue
                return trig, self._start(t, b), i + 1, i + 1
            noun = self._noun(b)
            if noun:
                trig, word = noun
                return trig, self._start(t, word), i + 1, i + 1
        return None

    @staticmethod
    def _start(t: WordToken, bare: str) -> int:
        drop = len(t.key) - len(bare)
        s = t.start
        for _ in range(drop):
            s += 1
            while s < t.end and t.text[s - t.start] in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640":
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

    def _clause_start(self, toks: list[WordToken], i: int, s0: int) -> int:
        k = i - 1
        while k >= s0 and not (not toks[k].word and toks[k].text in "،,;؛"):
            k -= 1
        return k + 1

    def _event(self, toks, i, j, after, s0, s1, trig: Trigger, start, text, entities, events) -> _Ev | None:
        lex = self.lex
        c0 = self._clause_start(toks, i, s0)
        # negated or hypothetical
        if i > s0 and (toks[i - 1].key in lex.negations or toks[i - 1].key.lstrip("و") in lex.negations):
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
            # a meeting noun: indefinite, with participants or a venue in the clause («اجتماع بين …», «لقاء مع …»);
            # «الاجتماع» and «لقاء» alone are as often about meetings in general. Nouns of the other types report
            # their event whatever their form («الغارات», «مقتل», «الإفراج»): every mention is one
            if toks[i].key.startswith("ال") or toks[i].key[:1] in "بلو" and toks[i].key[1:3] == "ال":
                return None
            cue = False
            for k in range(j, min(s1, j + 14)):
                key = toks[k].key
                if key in lex.between or key in lex.partner_with or key in lex.venue_words or key.lstrip("و") in lex.venue_words:
                    cue = True
                    break
            if not cue:
                return None
            if j + 1 < s1 and toks[j].key in lex.partner_with and (not toks[j + 1].word or strip_article(toks[j + 1].key)
                                                      in self.np.lex.via_outlet_heads):
                return None  # «في لقاء مع "العربية"»: an interview, the channel of a statement
        ev = _Ev(trig.type, trig.mode, Span.of(text, start, toks[j - 1].end), toks[i].sent, i, after,
                 rule=f"{trig.type.lower()}_{trig.kind}")
        sent_ents = [e for e in entities.within(toks[s0].start, toks[s1 - 1].end)
                     if e.label in ("PER", "ORG", "LOC")]
        if sent_ents:
            self._roles_from_entities(toks, ev, c0, s0, s1, sent_ents)
        if not ev.actors and trig.kind == "noun":
            names = [x for x in self._between(toks, j, s1, text, entities) if not self._generic(x)]
            if names:
                ev.actors, ev.targets = names[:1], names[1:]
        if not ev.actors:
            ev.actors = self._actors_fallback(toks, i, j, s0, after - trig.length + 1 if after > j else s1, trig, text,
                                              entities, events)
        if not ev.targets:
            ev.targets = [x for x in self._targets_fallback(toks, after, s1, text, entities, trig.type)
                          if x not in ev.actors]
        if not ev.targets and trig.kind != "noun" and self._svo_subject(toks, i, s0) and after < s1:
            # «الجيش يحتجز جثماني …»: after the subject-first verb, the object is the other side
            a, b = self._np(toks, after, s1, titles=False)
            if b > a and not self._prepositional(toks[a].key):
                ev.targets = [x for x in self._split_names(toks, a, b, text, entities) if x not in ev.actors]
        ev.location = self._location(toks, after, s1, text, entities, c0)
        if not ev.actors and not ev.targets:
            return None
        return ev

    # ---- roles -------------------------------------------------------------------------------------------
    def _roles_from_entities(self, toks, ev: _Ev, c0, s0, s1, ents: list[Entity]) -> None:
        tstart, tend = ev.trigger.start, toks[ev.j - 1].end
        before = [e for e in ents if e.span.end <= tstart and e.label in ("PER", "ORG")]
        after = [e for e in ents if e.span.start >= tend and e.label in ("PER", "ORG")]
        if before:
            # the subject of the trigger's clause: the first entity after the last complementiser (أن) or
            # clause start before the trigger — not the nearest one, which is often inside an appositive
            # («إيلون ماسك مؤسس شركتي تيسلا وسبيس إكس … أجرى») — with the entities conjoined to it
            floor = toks[c0].start
            for k in range(self._index_at(toks, tstart) - 1, c0 - 1, -1):
                if toks[k].word and toks[k].key in self.np.lex.markers:
                    floor = toks[k].end
                    break
            cands = [e for e in before if e.span.start >= floor] or [before[-1]]
            group = [cands[0]]
            for e in cands[1:]:
                between = fold(toks_text(toks, group[-1].span.end, e.span.start)).strip()
                if between in ("و", "") or between.startswith("و") and len(between) <= 2:
                    group.append(e)
                else:
                    break
            ev.actors = _uniq(e.canonical for e in group)
        if after:
            # (a preposition before the first entity after the trigger used to be looked for here, but its
            # answer was discarded: every entity after the trigger is a party, whatever comes before it)
            if not ev.actors:
                ev.actors = [after[0].canonical]
                rest = after[1:]
            else:
                rest = after
            if rest:
                ev.targets = _uniq([e.canonical for e in rest[:2]])
        ev.targets = [x for x in ev.targets if x not in ev.actors]

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

    def _actors_fallback(self, toks, i, j, s0, s1, trig: Trigger, text, entities, events) -> list[str]:
        lex = self.lex
        np = self.np
        phrases: list[tuple[int, int]] = []
        svo = self._svo_subject(toks, i, s0)
        if svo is not None:
            if svo[1] > svo[0]:
                phrases.append(svo)
        elif trig.kind in ("verb", "phrase") and j < s1:
            a, b = self._np(toks, j, s1)
            if b > a and not self._prepositional(toks[a].key):
                phrases.append((a, b))
        if not phrases and svo is None:
            # the subject of the «أن …» clause the trigger is in («… أن "إيلون ماسك" … قد أجرى اتصالا»)
            # a verb's subject is in its own clause; an event noun («بعد اجتماع …») may take the sentence's
            c0 = s0 if trig.kind == "noun" else self._clause_start(toks, i, s0)
            for k in range(i - 1, max(c0 - 1, i - 25), -1):
                if toks[k].word and toks[k].key in np.lex.markers:
                    s = k + 1
                    if s + 1 < i and toks[s].word and strip_article(toks[s].key) == toks[s].key \
                            and toks[s].key not in np.lex.w_initial and toks[s + 1].word \
                            and (strip_article(toks[s + 1].key) != toks[s + 1].key or toks[s + 1].key in np.lex.w_initial):
                        s += 1  # «أن أصدرت وزارة …»: a verb, then its subject
                    a, b = self._np(toks, s, i)
                    if b > a:
                        phrases.append((a, b))
                    break
                if not toks[k].word and toks[k].text in ".؛":
                    break
        if not phrases and svo is None:
            k = i
            while k > s0 and toks[k - 1].key in lex.verb_particles:
                k -= 1
            a, b, _ = np.np_before(toks, k, s0)
            if b > a:
                phrases.append((a, b))
        names: list[str] = []
        for a, b in phrases:
            names += self._split_names(toks, a, b, text, entities)
        # «الوفدين اتفقا»: the sides of the last meeting
        if names and all(fold(x) in lex.generic_sides or strip_article(fold(x)) in lex.generic_sides
                         or any(fold(x).startswith(g) for g in lex.generic_sides) for x in names):
            sides = {strip_article(fold(x).split()[0]) for x in names}
            consults = [e for e in events[-MAX_EARLIER_EVENTS:] if e.type == "CONSULT" and (e.actors or e.targets)]
            for e in reversed(consults):
                a, b = self._sent_bounds(toks, e.i)
                if any(t.key in sides for t in toks[a:b]):
                    return _uniq(e.actors + e.targets)
            if consults:
                return _uniq(consults[-1].actors + consults[-1].targets)
        return _uniq(names)

    def _between(self, toks, j, s1, text, entities) -> list[str]:
        """«مباحثات بين رئيس الوزراء الهندي مودي، ونظيره الياباني كيشيدا»: the sides, across commas."""
        for k in range(j, min(s1, j + 12)):
            if not toks[k].word and toks[k].text in CLAUSE_BREAK:
                break
            if toks[k].key in self.lex.between:
                names: list[str] = []
                m = k + 1
                while m < s1:
                    a, b = self._np(toks, m, s1, titles=False)
                    if b <= a:
                        break
                    names += self._split_names(toks, a, b, text, entities)
                    if b + 1 < s1 and toks[b].text in "،," and toks[b + 1].key.startswith("و"):
                        m = b + 1
                        continue
                    break
                return _uniq(names)
        return []

    def _generic(self, name: str) -> bool:
        k = fold(name).split()
        return len(k) == 1 and (k[0] in self.lex.generic_sides or strip_article(k[0]) in self.lex.generic_sides)

    def _prepositional(self, key: str) -> bool:
        """A preposition, alone or with a pronoun (عليه، منه، به), or a ب/ل-phrase (بالتورط): no actor."""
        lex = self.lex
        if key in lex.target_preps or key[:1] in "بل" and not key.startswith("ال") and key not in self.np.lex.w_initial:
            return True
        return any(key.startswith(p) and key[len(p):] in lex.attached_pronouns for p in lex.pronoun_preps)

    def _svo_subject(self, toks, i: int, s0: int) -> tuple[int, int] | None:
        """For a verb after its subject («الجيش يحتجز»، «القنبلة التي استهدفت»): the subject's tokens.

        None when the verb opens its clause (VSO: the subject follows); an empty range when the subject is a
        pronoun we cannot resolve here («لكنه رفض»).
        """
        np = self.np
        t = toks[i]
        if i == s0 or t.key[:1] in CONJUNCTIONS and t.key[1:] in self.lex.words or i == self._clause_start(toks, i, s0):
            return None
        prev = toks[i - 1]
        if not prev.word:
            return None
        pk = prev.key
        if pk in np.lex.clause_openers or pk in self.lex.verb_particles or pk in np.lex.markers:
            return None
        if pk in self.lex.pronoun_subjects:
            return (i, i)
        a, b, rel = np.np_before(toks, i, s0)
        if rel:
            r = a - 1
            q = r - 1 if r - 1 >= s0 and toks[r - 1].text in "،," else r
            ra, rb, _ = np.np_before(toks, q, s0)
            return (ra, rb)
        if b > a and not self._prepositional(toks[a].key):
            return (a, b)
        return None

    def _targets_fallback(self, toks, j, s1, text, entities, etype: str = "") -> list[str]:
        lex = self.lex
        skip = lex.not_target_preps.get(etype, frozenset())
        k = j
        limit = min(s1, j + 6)
        while k < limit:
            t = toks[k]
            if not t.word and t.text in CLAUSE_BREAK:
                return []
            key = t.key
            if key in self.lex.between:
                a, b = self._np(toks, k + 1, s1, titles=False)
                return self._split_names(toks, a, b, text, entities)
            if key in skip:
                return []
            if key in lex.target_preps:
                a, b = self._np(toks, k + 1, s1, titles=False)
                if b > a:
                    return self._split_names(toks, a, b, text, entities)
            elif key[:1] in "بل" and not key.startswith("ال") and len(key) > 3 and k == j:
                a, b = self._np(toks, k, s1, titles=False)
                if b > a:
                    names = self._split_names(toks, a, b, text, entities)
                    if names:
                        first = toks[a]
                        names[0] = _clean_name(text[first.after_proclitic():toks[a].end]) + names[0][
                            len(_clean_name(first.text)):] if names[0].startswith(_clean_name(first.text)) else names[0]
                    return names
            k += 1
        return []

    @staticmethod
    def _sent_bounds(toks, i: int) -> tuple[int, int]:
        a = b = i
        while a > 0 and toks[a - 1].sent == toks[i].sent:
            a -= 1
        while b < len(toks) and toks[b].sent == toks[i].sent:
            b += 1
        return a, b

    def _np(self, toks, a: int, end: int, titles: bool = True) -> tuple[int, int]:
        a2, b = self.np.np_after(toks, a, end)
        for k in range(a2 + 1, b):
            key = toks[k].key
            pk = toks[k - 1].key
            name_slot = pk in self.lex.titles or (pk.startswith("ال") and pk.endswith("ي"))
            if toks[k].word and key.isdigit():
                return a2, k  # «بريطانيا 23 دبلوماسيا»: a count starts the object
            if toks[k].word and ((titles and key in self.lex.titles)
                                 or (key[:1] == "ب" and len(key) > 3 and not name_slot)):
                return a2, k  # an appositive title, or a ب-phrase (هدد … بمهاجمة): the name ends before it
        return a2, b

    def _split_names(self, toks, a: int, b: int, text: str, entities: OffsetIndex[Entity]) -> list[str]:
        """The names in a phrase: entity canonicals where the NER ran, else the phrase split at «و»."""
        if b <= a:
            return []
        s, e = toks[a].start, toks[b - 1].end
        ents = [x for x in entities.overlapping(s, e) if x.label in ("PER", "ORG", "LOC")]
        if ents:
            return _uniq(x.canonical for x in ents)
        parts: list[tuple[int, int]] = []
        cur = a
        for k in range(a + 1, b):
            key = toks[k].key
            if toks[k].word and key.startswith("و") and len(key) > 2 and key not in self.np.lex.w_initial \
                    and toks[k - 1].word:
                parts.append((cur, k))
                cur = k
        parts.append((cur, b))
        out = []
        for pa, pb in parts:
            st = toks[pa].start
            if pa != a and toks[pa].key.startswith("و"):
                st = toks[pa].after_proclitic()
            name = _clean_name(text[st:toks[pb - 1].end])
            name = self._strip_titles(name)
            if name:
                out.append(name)
        return out

    def _strip_titles(self, name: str) -> str:
        """«الرئيس التركي رجب طيب أردوغان» → «رجب طيب أردوغان»: leading titles and nationality adjectives."""
        words = name.split()
        k = 0
        while k < len(words) - 1:
            w = fold(words[k])
            if w in self.lex.titles or (k > 0 and w.startswith("ال") and w.endswith("ي")):
                k += 1
                continue
            break
        if k == 0 or k >= len(words) or fold(words[k]).startswith("ال"):
            return name  # «زعيم الجماعة»: the title is the name
        return " ".join(words[k:])

    def _location(self, toks, j, s1, text, entities, c0) -> str | None:
        lex = self.lex
        start = toks[c0].start
        for e in entities.within(max(start, toks[j - 1].end), toks[s1 - 1].end):
            if e.label == "LOC":
                between = {t.key for t in toks[j:self._index_at(toks, e.span.start)]}
                if between & lex.topic_cues or len(between) > 12:
                    break  # «اتفقا على إجراء الاجتماع … في تركيا»: the place of the topic, not of the event
                prev = text[max(0, e.span.start - 4):e.span.start]
                if any(w in prev for w in lex.place_prep) or prev.endswith("ب"):
                    return e.canonical
        for k in range(j, min(s1, j + 16)):
            t = toks[k]
            if not t.word:
                if t.text in ".؛":
                    break
                continue
            key = t.key
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
            first = fold(phrase.split()[0]) if phrase else ""
            if first in lex.generic_topics or strip_article(first) in lex.generic_topics:
                break  # «القضايا المتعلقة بـ…»: a generic head; what follows it is no topic list
            if phrase and len(phrase) > 3:
                out.append(phrase)
        return out


def toks_text(toks: list[WordToken], start: int, end: int) -> str:
    out = []
    for k in range(bisect_left(toks, start, key=lambda t: t.start), len(toks)):
        t = toks[k]
        if t.start >= end:
            break
        if t.end <= end:
            out.append(t.text)
    return " ".join(out)


def _uniq(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out
