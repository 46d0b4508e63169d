"""Who did an event and to whom: its parties read from the clause's syntax and the entity step.

Arabic news reports an event in a handful of constructions, and each puts the parties in a known place:

- a verb that opens its clause (VSO, «اعتقلت الشرطة المشتبه به»): the phrase after the verb is the actor, the next
  one (or the one after a target preposition: مع، على، ضد، عن …) the target; a preposition right after the verb
  («واعتذرت للسيدة») means the subject was dropped: the actor of the last event of the two sentences before;
- a verb after its subject (SVO, «الجيش يحتجز …», «… أنها اعتقلت»): the subject is the actor — across «أنها/أنه»
  the subject of the clause that reports it —, the object after the verb the target;
- a passive verb (a damma on its first letter, «قُتل»; or a killing or arrest verb whose first phrase is a count,
  «قتل 3 أشخاص»): that phrase is the target, and an actor only after an agent marker (على يد، برصاص، من قبل …);
- a verbal noun («اعتقال X», «غارات التحالف على X», «الإفراج عن X»): the name after it (its genitive) is its
  agent or its patient as the noun's type says (triggers.yaml `genitive`), a place after an attack noun is its
  target; the phrase after a target preposition is the target, the one after an agent marker the actor; when
  the noun is the object of a verb that is no event itself («أعلنت الشرطة اعتقال …»), that verb's subject acts;
- «بين X و Y»: X the actor, Y the target.

A party is the entity in its phrase (PER, ORG, or a LOC: countries and capitals act in news, «موسكو نفت»), else the
phrase itself without its titles; a definite description names the entity it stands for earlier in the article
(«الوزارة» → «وزارة الخارجية الفلسطينية»; «الرئيس الأميركي» → the person that title introduced), and «وزيري
خارجية البلدين» names both ministers. Why our own: no Arabic dependency parser runs at this speed without model
downloads; these constructions cover most of the parties of the events gold (bench/events.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ...article import Entity
from ...text.clitics import CONJUNCTIONS, strip_article
from ...text.normalize import fold
from ...text.offsets import OffsetIndex
from ...text.tokens import WordToken
from .lexicon import Trigger, TriggerLexicon

PARTY_LABELS = ("PER", "ORG", "LOC")
# how far after a trigger its target preposition or agent marker may come, in tokens
OBJECT_REACH = 8
# how many characters before a person's name its title may stand («الرئيس الأمريكي، دونالد ترامب»)
TITLE_REACH = 40
# how many tokens after a post's phrase the name of the person who holds it may end («… بمنطقة الرياض العقيد
# سامي …»): words only, no verb between
TITLE_TAIL = 6
# how far after an event noun its sides («اجتماع … بين …») or its agent may come, in tokens
NOUN_REACH = 14
# how far before a verbal noun the verb it is the object of may stand («أعلنت هيئة الموانئ، يوم الأحد، توقيع»)
GOVERNING_REACH = 12
# how far back a description, a side word or a repeated event looks for what it stands for (characters, events):
# bounded, so that a long article stays linear
LOOKBACK_CHARS = 6000
LOOKBACK_EVENTS = 64
# how many sentences back a dropped subject looks for the actor of an earlier event
DROPPED_SUBJECT_SENTENCES = 2
DAMMA = "\u064f"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"


@dataclass
class Clause:
    """One trigger's context: the article's word tokens and the bounds of the trigger's sentence and clause."""

    toks: list[WordToken]
    s0: int                 # first token of the sentence
    s1: int                 # token after the sentence
    c0: int                 # first token of the trigger's clause
    text: str
    entities: OffsetIndex[Entity]


class PartyFinder:
    def __init__(self, lex: TriggerLexicon, phrases) -> None:
        self.lex = lex
        self.np = phrases
        self.sides: set[str] = set()

    # ---- the main entry -------------------------------------------------------------------------------------
    def parties(self, cl: Clause, i: int, j: int, after: int, trig: Trigger,
                earlier: list) -> tuple[list[str], list[str], frozenset[str]]:
        """(actors, targets, sides) of the event whose trigger spans tokens [i, j) and whose phrase ends at
        `after`; sides: the words that named its parties as sides («بين وفدين من …» → «وفدين»). `earlier`: the
        events found before it (with `.sent`, `.i`, `.actors`, `.type`, `.targets`, `.sides`)."""
        self.sides = set()  # filled by party_at while this event's phrases are read
        if trig.kind == "noun" or trig.noun:
            actors, targets = self._noun_parties(cl, i, after, trig, earlier)
        else:
            actors, targets = self._verb_parties(cl, i, j, after, trig, earlier)
        if trig.received:
            actors, targets = targets, actors  # «تلقى X اتصالا من Y»: Y called X
        if len(actors) == 2 and not targets and trig.type in self.lex.mutual_types:
            # «اشتبكت إسرائيل وإيران»: a pair named one after the other acts on each other, the first named is the
            # actor (three or more are a coalition acting together: «وقعت روسيا والولايات المتحدة والأردن»; a side
            # word, «اتفق الجانبان», stands for both as subject)
            actors, targets = actors[:1], actors[1:]
        actors = self._sides(cl, actors, earlier)
        targets = self._sides(cl, targets, earlier)
        actors = _uniq(x.strip() for x in actors)
        targets = [x for x in _uniq(x.strip() for x in targets) if x not in actors]
        return actors, targets, frozenset(self.sides)

    # ---- verbs ---------------------------------------------------------------------------------------------
    def _verb_parties(self, cl: Clause, i, j, after, trig: Trigger, earlier) -> tuple[list[str], list[str]]:
        toks = cl.toks
        floor = self._floor(cl, i)
        passive = self._passive(toks[i])
        # a gapped phrase has its subject between the verb and the phrase's last word («أجرى الرئيس اتصالا»); a
        # phrase written whole («أطلق سراح X», «ألقى القبض على X») has none there: what follows is its object
        gapped = after > j
        gap_end = after - trig.length + 1 if gapped else cl.s1
        whole_phrase = trig.kind == "phrase" and not gapped
        if trig.circumstantial:
            # «وقال الوزير …، مشيدا بجهود الفرق»: the subject of the clause the participle describes acts
            return self._dropped_subject(cl, i, earlier), self._object(cl, j, trig)
        if gapped and trig.object_gap:
            # «وحمّلت الحوثيين كامل المسؤولية»: the gap holds the one blamed; the subject is before the verb or
            # dropped
            targets, b = self.party_at(cl, self._skip_adverbs(cl, j), gap_end)
            if b < gap_end and targets:
                second, _ = self.party_at(cl, b, gap_end)
                if second:
                    return targets, second  # «حمّل الوزير المعارضة المسؤولية»: subject, then object
            if not self._opens_clause(cl, floor, i):
                return self._subject_before(cl, floor, i), targets
            return self._dropped_subject(cl, i, earlier), targets
        actors: list[str] = []
        obj_from = after
        rel = self._relative_before(cl, i)
        # «أنغيلا ميركل التي تزور سوتشي», «تايشوبول، الذي زار …»: the relative pronoun's antecedent acts (not when
        # the verb carries the pronoun that stands for it: «آنا، التي اتهمتها الشرطة»)
        antecedent = self._antecedent_of_relative(cl, rel) if rel is not None and not passive \
            and not self._object_pronoun(toks[i].key) else []
        if antecedent:
            actors = antecedent
            obj_from = j
        elif floor == i and floor > cl.s0 and self._pronoun_marker(toks[floor - 1].key):
            # «أعلنت الشرطة أنها اعتقلت مشتبها به»: the pronoun is the reporting clause's subject; what follows
            # the verb is its object
            actors = self._outer_subject(cl, floor - 1)
            obj_from = j
        elif not self._opens_clause(cl, floor, i) and (before := self._subject_before(cl, floor, i)):
            # (no subject before the verb, «وفي عام 2016 هاجم سائق شاحنة سوقا»: the verb opens its clause after all)
            actors = before
            if trig.type in self.lex.patient_first and self._counted_name(actors[0]) \
                    and not self._object(cl, j, trig):
                # «3 أشخاص قتلوا», «11 ناشطا اعتقلوا»: a count before a killing or arrest verb with no object
                # suffered it (the verb is read passive); the actor only after an agent marker
                return self._agent(cl, j, trig), actors
        elif self._coordinated(toks[i]) and cl.c0 < i and (prev := self._previous_subject(cl, i)):
            # «وفرضت الشرطة طوقا … وطالبت السكان …»: a verb joined by «و» inside a sentence shares the subject of
            # the clause before; what follows it is its object
            actors = prev
            obj_from = j
        elif whole_phrase:
            actors = [] if passive else self._dropped_subject(cl, i, earlier)
        else:
            k = self._skip_adverbs(cl, j)
            obj_from = k
            if k < gap_end and not self._prepositional(cl, k):
                names, b = self.party_at(cl, k, gap_end)
                if passive or (trig.type in self.lex.patient_first
                               and (self._counted(cl, k) or self._agent_marker(cl, b) is not None)):
                    # («قتل جندي إسرائيلي برصاص قناص»: an agent marker after the first phrase makes it passive)
                    # «قُتل 3 أشخاص», «واعتقلت العشرات»: the first phrase suffered the act; the actor is after an
                    # agent marker, else (active, its subject dropped) the subject of the clause before
                    actor = self._agent(cl, b, trig) or ([] if passive else self._previous_subject(cl, i))
                    return actor, names
                actors = names
                obj_from = b
            elif not passive:
                actors = self._dropped_subject(cl, i, earlier)
        if passive:
            actors = self._agent(cl, after, trig)
        if gapped:
            # «حُكم على X بالسجن»: an object may stand inside the gap, else it follows the phrase
            return actors, self._object(cl, obj_from, trig, gap_end) or self._object(
                cl, self._skip_accusative_adjectives(cl, after), trig)
        pronoun = self._object_pronoun(toks[i].key)
        if pronoun:
            # «اتهمتها الشرطة», «تتهمه أنقرة»: the object is the pronoun, which stands for the last one named
            return actors, self._antecedent(cl, i, actors, pronoun)
        return actors, self._object(cl, obj_from, trig)

    def _relative_before(self, cl: Clause, i: int) -> int | None:
        """The token of a relative pronoun right before the verb at i («الذي زار», «التي قد تزور»), or None."""
        k = i - 1
        while k > cl.s0 and cl.toks[k].word and cl.toks[k].key in self.lex.verb_particles:
            k -= 1
        if k > cl.s0 and cl.toks[k].word and cl.toks[k].key in self.np.lex.relatives:
            return k
        return None

    def _antecedent_of_relative(self, cl: Clause, r: int) -> list[str]:
        """What the relative pronoun at token r stands for: the name that ends right before it (past a comma),
        else the noun phrase there."""
        toks = cl.toks
        m = r - 1
        if m > cl.s0 and not toks[m].word and toks[m].text in "،,":
            m -= 1
        if m < cl.s0 or not toks[m].word:
            return []
        for e in cl.entities.overlapping(toks[m].start, toks[m].end):
            if e.label in PARTY_LABELS and e.span.end >= toks[m].end - 1:
                # a place where something is («… في اليمن الذين سيطروا») is not what the pronoun stands for
                return [] if e.label == "LOC" and placed(cl.text, e, self.lex) else [e.canonical]
        a2, _, _ = self.np.np_before(toks, m + 1, cl.s0)
        return self.party_at(cl, a2, m + 1)[0] if a2 <= m else []

    def _counted_name(self, name: str) -> bool:
        """A party written as a count («3 أشخاص», «عشرات المدنيين»)."""
        words = fold(name).split()
        return bool(words) and (words[0].isdigit() or words[0] in self.lex.quantity_words)

    def _object_pronoun(self, key: str) -> str | None:
        """The object pronoun a trigger verb is written with («طالبتها» → «ها», «تتهمه» → «ه»), or None."""
        words = self.lex.words
        for b in (key, key[1:] if key[:1] in CONJUNCTIONS else key):
            if b in words:
                return None
            for suf in self.lex.object_suffixes:
                stem = b[:-len(suf)]
                if b.endswith(suf) and (stem in words or stem.endswith("ا") and stem[:-1] + "ي" in words):
                    return suf
        return None

    def _antecedent(self, cl: Clause, i: int, actors: list[str], pronoun: str) -> list[str]:
        """What an object pronoun stands for: the last one named before token i in its sentence or the one
        before, not the event's actor nor a place where something happened; a masculine «ه» («اتهمته») not a
        place either, as places are feminine in Arabic."""
        toks = cl.toks
        start = toks[i].start
        k = cl.s0
        while k > 0 and toks[k - 1].sent >= toks[cl.s0].sent - 1:
            k -= 1
        labels = ("PER", "ORG") if pronoun in self.lex.masculine_pronouns else PARTY_LABELS
        for e in reversed(list(cl.entities.within(toks[k].start, start))):
            if e.label in labels and e.canonical not in actors and not self._placed_at(cl, e):
                return [e.canonical]
        return []

    def _placed_at(self, cl: Clause, e: Entity) -> bool:
        """A place put as where something happened («في بغداد»): no antecedent of a party pronoun. Narrower than
        `placed` (the word right before it only, no glued «بـ»), as it was measured with."""
        before = cl.text[max(0, e.span.start - 6):e.span.start].split()
        return e.label == "LOC" and bool(before) and fold(before[-1]) in self.lex.place_words

    def _object(self, cl: Clause, k: int, trig: Trigger, end: int | None = None) -> list[str]:
        """The target after the verb (and its subject): a direct object, or the phrase after a target
        preposition of the clause, within OBJECT_REACH tokens (and before `end`)."""
        toks = cl.toks
        lex = self.lex
        skip = lex.not_target_preps.get(trig.type, frozenset())
        k = self._skip_adverbs(cl, k)
        end = min(cl.s1 if end is None else end, k + OBJECT_REACH)
        first = True
        after_place = False
        while k < end:
            t = toks[k]
            if not t.word:
                if t.text in CLAUSE_BREAK and not (first and t.text in "،,"):
                    return []  # a comma right after the subject does not end the clause («طالبت الوزارة، العالم»)
                k += 1
                continue
            key = t.key
            if key in lex.between:
                names, _ = self._list_at(cl, k + 1)
                return names
            if key in skip or key in lex.attribution or key in lex.subordinators or self._conjoined(key) and (
                    key[1:] in lex.not_parties or key[1:] in lex.words):
                return []  # («3 أشخاص قتلوا بينما أصيب …», «قتل محتج وأصيب …»: another clause is no object)
            if key in lex.place_prep:
                # «اعتقلت في وقت متأخر الخميس محمد البجادي»: past a time or place, a direct object may still come;
                # a ب/ل-phrase there belongs to the في-phrase («تباحثا في قضايا متعلقة بالتعاون»)
                k = self._skip_phrase(cl, k + 1, end)
                first = after_place = True
                continue
            if key in lex.target_preps:
                names, _ = self.party_at(cl, k + 1, cl.s1)
                return names
            attached = self._attached_prep(cl, k)
            if attached and after_place:
                return []
            if attached:
                if attached in skip:
                    return []
                names, _ = self.party_at(cl, k, cl.s1, proclitic=True)
                return names
            if first and (key in lex.time_words or t.key in self.lex.weekdays):
                k += 1  # «انتقد الرئيس، الاثنين، اقتحام …»
                continue
            if first and not self._definite(key) and self._entity_starting(cl, k) is None \
                    and self._owned(t.text):
                return []  # «نفت موسكو ضلوعها في …», «نفى علمه بـ…»: the subject's own thing, no other party
            if first and not self.np.is_stop(key) and key not in lex.verb_particles:
                noun = lex.nouns.get(strip_article(key)) or lex.nouns.get(key)
                if noun is not None and self._definite(key) and self._entity_starting(cl, k) is None:
                    return []  # «استنكر التفجير»: an event is no party, and its doer is not named here
                if noun is not None and k + 1 < cl.s1 and not self._definite(key):
                    # «انتقد اقتحام مكتب التحقيقات …», «أدانت اقتحام المستوطنين …»: the act's doer is the one
                    # blamed, praised or refused
                    names, _ = self.party_at(cl, k + 1, cl.s1)
                    if names:
                        return names
                names, _ = self.party_at(cl, k, cl.s1)
                if names or not self._length_at(cl, k, cl.s1):
                    return names
                # «قضت المحكمة بالسجن 20 عاما على المتهم»: a length, then the target's preposition
            first = False
            k += 1
        return []

    def _subject_before(self, cl: Clause, floor: int, i: int) -> list[str]:
        """The subject of a verb that follows it: the first party of the clause from `floor`; across «أنها» the
        subject of the reporting clause."""
        toks = cl.toks
        if floor > cl.s0 and self._pronoun_marker(toks[floor - 1].key):
            return self._outer_subject(cl, floor - 1)
        while i > floor and toks[i - 1].word and toks[i - 1].key in self.lex.verb_particles:
            i -= 1  # «وكان الرئيس الأميركي قد أشاد»: «قد» belongs to the verb
        if floor == i and i > cl.s0 and toks[i - 1].key in self.np.lex.relatives:
            # «الحوثيين الذين سيطروا»: the phrase the relative pronoun follows
            return self._antecedent_of_relative(cl, i - 1)
        if any(toks[k].key in self.lex.pronoun_subjects for k in range(floor, i)):
            return self._previous_subject(cl, i)  # «…، لكنها اعتقلت»: the subject of the clause before
        k = floor
        while k < i and (not toks[k].word or self._opener(toks[k].key)):
            k += 1
        a2, b2, rel = self.np.np_before(toks, i, k)
        if not rel and k < a2 < i and not self._prepositional(cl, a2) and not self._prepositional(cl, a2 - 1) \
                and not self._adverbial(toks[a2 - 1].key):
            # words between the clause's first phrase and the verb: the subject is the phrase just before it
            names, b = self.party_at(cl, a2, i)
            if names and b == i:
                return names
        while k < i:
            if toks[k].word and (toks[k].key in self.lex.attribution or self._adverbial(toks[k].key)):
                k = self._skip_phrase(cl, k + 1, i)  # «وفي وقت لاحق التقى …»: no subject inside
                continue
            if toks[k].word and not self._prepositional(cl, k):
                names, b = self.party_at(cl, k, i)
                if names:
                    return names
                k = max(b, k + 1)
                continue
            k += 1
        return []

    def _outer_subject(self, cl: Clause, marker: int) -> list[str]:
        """The subject of the clause that reports through «أنها/أنه» at token `marker`: its first party that is
        no verb of saying («أعلنت الشرطة أنها …» → «الشرطة»)."""
        toks = cl.toks
        k = clause_start(cl.toks, marker, cl.s0)
        while k < marker:
            if toks[k].word and not self._opener(toks[k].key) and self.np.verb_at(toks[k]) is None \
                    and not self._prepositional(cl, k):
                names, _ = self.party_at(cl, k, marker)
                if names:
                    return names
            k += 1
        return []

    def _dropped_subject(self, cl: Clause, i: int, earlier) -> list[str]:
        """A verb with no subject of its own («واعتذرت للسيدة»): the actor of the last event of this or the two
        sentences before."""
        prev = self._previous_subject(cl, i)
        if prev:
            return prev
        sent = cl.toks[i].sent
        for e in reversed(earlier):
            if sent - e.sent > DROPPED_SUBJECT_SENTENCES:
                break
            if e.actors:
                return list(e.actors)
        return []

    def _previous_subject(self, cl: Clause, i: int) -> list[str]:
        """«استخدمت قوات الشرطة الغاز …، واعتقلت …», «وفرضت الشرطة طوقا … وطالبت …»: the subject of the clause
        before the trigger's in its sentence — the phrase after its opening verb, or the phrase it opens with."""
        toks = cl.toks
        if self._coordinated(toks[i]) and cl.c0 < i:
            start, end = cl.c0, i      # the clause the trigger's «و» joins it to
        elif cl.c0 > cl.s0:
            start, end = clause_start(cl.toks, cl.c0 - 1, cl.s0), cl.c0
        else:
            return []
        k = start
        while k < end and (not toks[k].word or self._opener(toks[k].key)):
            k += 1
        if k >= end - 1:
            return []
        if not self._definite(toks[k].key) and self._entity_starting(cl, k) is None:
            k += 1  # the clause opens with its verb
        if k < end and toks[k].word and not self._prepositional(cl, k):
            return self.party_at(cl, k, end)[0]
        return []

    def _coordinated(self, t: WordToken) -> bool:
        """A trigger verb with «و/ف» glued to it («وطالبت»): it opens a clause of its own."""
        key = t.key
        return len(key) > 3 and key[0] in CONJUNCTIONS and key[1:] in self.lex.words

    # ---- verbal nouns --------------------------------------------------------------------------------------
    def _noun_parties(self, cl: Clause, i: int, after: int, trig: Trigger, earlier) -> tuple[list[str], list[str]]:
        toks = cl.toks
        lex = self.lex
        actors: list[str] = []
        targets: list[str] = []
        k = after
        # «الهجوم الأمريكي», «هجوم أمريكي بريطاني فرنسي»: nationality adjectives of the noun name who did it
        countries = []
        while k < cl.s1 and k - after < 3 and toks[k].word:
            country = self._country_of(toks[k].key)
            if country is None and not self._adjective(toks[k].key):
                break
            if country is not None:
                countries.append(country)
            k += 1  # «الغارات الجوية»
        described = k > after  # adjectives of its own: a definite noun may be another event of its type
        if k < cl.s1 and toks[k].word and toks[k].key in lex.between:
            names, _ = self._list_at(cl, k + 1)
            return names[:1], names[1:]
        if after - 1 > i and toks[after - 1].key in lex.noun_target_preps:
            # a phrase that ends in its preposition («القبض على», «تبادل إطلاق النار مع»): the target follows it
            targets, k = self.party_at(cl, after, cl.s1)
        role = trig.genitive or lex.genitive.get(trig.type, "agent")
        owned = lex.owned_noun(toks[i].key) or lex.owned_noun(toks[i].key[1:])
        if owned is not None:
            # «توقيفه», «غاراتها»: the pronoun is the genitive, and stands for the last one named before
            names = self._support_subject(cl, i) or self._antecedent(cl, i, [], owned[1])
            if role == "agent":
                actors = names
            else:
                targets = names
        elif not targets and role != "none" and k < cl.s1 and toks[k].word and not self._definite(toks[i].key) \
                and not self._prepositional(cl, k) \
                and not self.np.is_stop(toks[k].key) and (self._definite(toks[k].key)
                                                         or self._entity_starting(cl, k) is not None
                                                         or toks[k].key in lex.titles
                                                         or role == "patient" and self._counted(cl, k)
                                                         or trig.type != "CONSULT" and self._construct_head(cl, k)):
            # a genitive: only after an indefinite noun («هجوم الحوثيين»; «الهجوم المزعوم» has an adjective), and
            # only a definite word or a name («قتال عنيف» has an adjective) — or a count after a noun whose genitive
            # suffers it («مقتل أكثر من 350 ألف شخص», «توقيف معظم المتهمين»), or a noun in construct («زملاء
            # المدرسين»; not after a meeting noun, whose construct genitive is often the body that holds it,
            # «اجتماع مجموعة الدفاع», its sides coming after). The genitive ends before a glued «لـ» outside a
            # name: what follows is the target («انتقاد رئيس الحزب لدول الجوار»)
            stop = next((m for m in range(k + 1, min(cl.s1, k + 6)) if self._glued_lam(cl, m)), cl.s1)
            names, b = self.party_at(cl, k, stop)
            if names and role == "agent" and trig.type in lex.patient_first and self._place(cl, k):
                role = "patient"  # «قصف المدينة»: the place attacked
            if names and trig.type == "CONSULT" and self._place(cl, k):
                names = []  # «قمة هلسنكي», «اجتماع بانمونجوم»: where the meeting is, not who meets
            if role == "patient" and names and b < cl.s1 and self._glued_lam(cl, b) and not self._purpose(toks[b].key) \
                    and (self._entity_starting(cl, k) is not None or self._definite(toks[k].key)
                         or self._construct_head(cl, k)):
                # «ترحيل مولدوفا لمدرسين أتراك», «توقيف الشرطة للرجلين»: a genitive followed by «لـ» is the agent,
                # and the «لـ» phrase suffers the act
                role = "agent"
                targets, b = self.party_at(cl, b, cl.s1, proclitic=True, lam=True)
            if role == "agent":
                actors = names
            else:
                targets = names
            k = b
        if actors and not targets and trig.type in lex.accusative_types and k < cl.s1 and toks[k].word \
                and (self._entity_starting(cl, k) is not None and not self._place_marked(cl, k)
                     or self._definite(toks[k].key) and not self._adjective(toks[k].key)
                     and not self._prepositional(cl, k)):
            # «اتهامه الصين», «اتهام كير نائبه رياك مشار»: a verbal noun governs its object as its verb does,
            # after its agent
            targets, k = self.party_at(cl, k, cl.s1)
        end = min(cl.s1, k + NOUN_REACH)
        while k < end:
            t = toks[k]
            if not t.word:
                if t.text in CLAUSE_BREAK:
                    break
                k += 1
                continue
            if t.key in lex.words and k > after:
                break  # «بانفجار عبوة … مقاتلين قتلوا بيد مسلحي …»: past another event's verb, its parties
            if t.key in lex.between:
                # «اجتماع … الذي انعقد بواشنطن بين وفدين من وزارتي دفاع البلدين»: the sides
                names, _ = self._list_at(cl, k + 1)
                if names:
                    return (names[:1], names[1:]) if not actors else (actors, [x for x in names if x not in actors])
            marker = self._agent_marker(cl, k)
            if marker and not actors:
                actors, k = self.party_at(cl, marker, cl.s1)
                continue
            if not targets and (t.key in lex.noun_target_preps or t.key in lex.type_target_preps.get(trig.type, ())) \
                    and k - after <= 4:
                targets, k = self.party_at(cl, k + 1, cl.s1)
                continue
            if not actors and k == after and trig.type not in lex.lam_target_types and role == "agent" \
                    and self._glued_lam(cl, k) and not self._purpose(t.key):
                # «غارات للطيران التركي», «انسحاب للحوثيين»: right after a noun whose genitive is its agent, a
                # glued «لـ» introduces that agent
                actors, b = self.party_at(cl, k, cl.s1, proclitic=True, lam=True)
                k = max(b, k + 1)
                continue
            if not targets and k - after <= 4 and trig.type in lex.lam_target_types and self._glued_lam(cl, k) \
                    and not self._purpose(t.key):
                # «انتقاد ترامب لدول حليفة», «إدانة الولايات المتحدة للهجمات»: a glued «لـ» after the noun and its
                # agent introduces the target
                targets, b = self.party_at(cl, k, cl.s1, proclitic=True, lam=True)
                k = max(b, k + 1)
                continue
            k += 1
        if not targets and trig.type in lex.undergo_types:
            # «تعرضت إسرائيل لموجة إدانات», «تعرضت دورية لإطلاق نار»: the one that underwent it
            targets = self._undergoer(cl, i)
        if not actors and countries:
            actors = _uniq(countries)
            if trig.type in lex.mutual_types and len(actors) == 2 and not targets:
                actors, targets = actors[:1], actors[1:]  # «القمة الأمريكية الروسية»
        if not actors:
            actors = self._governing_subject(cl, i) or self._support_subject(cl, i)
        if not actors and trig.type in lex.patient_first \
                and self._governing_verb(cl, i, lex.result_verbs, clause_break=False) is not None:
            # «هاجم قائد شاحنة سوقا … مما أدى إلى مقتل 12 شخصا»: the cause's actor did what it led to
            sent = toks[i].sent
            actors = next((list(e.actors) for e in reversed(earlier[-LOOKBACK_EVENTS:])
                           if e.sent == sent and e.actors and e.type in lex.patient_first), [])
        if not actors and self._definite(toks[i].key) and not described:
            # «الإفراج عن الناشطات» after «أفرجت السلطات عن …»: a definite noun without its agent mentions again an
            # event the article reported before; its agent is that event's (an indefinite one is a new event, and
            # so is one its adjectives describe: «الهجوم الكيمياوي» after «الهجوم الأمريكي»)
            actors = next((list(e.actors) for e in reversed(earlier[-LOOKBACK_EVENTS:])
                           if e.type == trig.type and e.actors), [])
        return actors, targets

    def _governing_subject(self, cl: Clause, i: int) -> list[str]:
        """«أعلنت الشرطة اعتقال …»: the noun right after the subject of a verb that reports no event of its own
        (a verb of the statement lexicon) has that subject as its agent."""
        toks = cl.toks
        for k in range(i - 1, max(cl.s0, i - GOVERNING_REACH) - 1, -1):
            if toks[k].word and self.np.verb_at(toks[k]) is not None:
                names, b = self.party_at(cl, k + 1, i)
                # «أعلنت هيئة الموانئ، يوم الأحد، توقيع …»: a time between commas may stand before the noun
                while b < i and (not toks[b].word or toks[b].key in self.lex.time_words
                                 or toks[b].key in self.lex.weekdays):
                    b += 1
                return names if names and b == i else []
        return []

    def _trigger_of(self, key: str) -> Trigger | None:
        return self.lex.nouns.get(strip_article(key)) or self.lex.nouns.get(key) or self.lex.words.get(key)

    def _governing_verb(self, cl: Clause, i: int, verbs: frozenset[str], clause_break: bool = True) -> int | None:
        """The token of a verb of `verbs` (with a glued «و/ف») that governs the noun at token i: before it in its
        clause, within GOVERNING_REACH tokens and no clause break between (`clause_break`: a comma may stand there,
        as before «مما أدى إلى»)."""
        toks = cl.toks
        for k in range(i - 1, max(cl.s0, i - GOVERNING_REACH) - 1, -1):
            t = toks[k]
            if not t.word:
                if t.text in CLAUSE_BREAK and (clause_break or t.text not in CLAUSE_COMMAS):
                    return None
                continue
            key = t.key
            if _with_conjunction(key, verbs):
                return k
            if key in self.lex.words or self._trigger_of(key) is not None:
                return None  # another event between them governs it
        return None

    def _undergoer(self, cl: Clause, i: int) -> list[str]:
        """«تعرضت إحدى دوريات الأمن … لإطلاق نار»: the subject of an undergo verb governing the noun at token i —
        the phrase after it, else the subject before it («أنها تعرضت لمحاولة اغتيال»)."""
        v = self._governing_verb(cl, i, self.lex.undergo_verbs)
        if v is None:
            return []
        toks = cl.toks
        # the verb's complement is the noun's phrase, opened by «لـ» or «إلى» («لموجة إدانات»); «تعرض لها خلال
        # المعارك» has its complement already (a pronoun) and the noun is only where it happened
        if not any(self._glued_lam(cl, m) or toks[m].key in self.lex.undergo_preps
                   for m in range(v + 1, i + 1) if toks[m].word):
            return []
        return self._subject_of(cl, v, i, before=True)

    def _support_subject(self, cl: Clause, i: int) -> list[str]:
        """«قام عناصر الشرطة في المكان بتوقيف السائق», «تمكنت الشرطة من اعتقال رجل»: the subject of the light
        verb that governs the noun at token i."""
        v = self._governing_verb(cl, i, self.lex.support_verbs)
        return [] if v is None else self._subject_of(cl, v, i, before=v > cl.c0)

    def _subject_of(self, cl: Clause, v: int, i: int, before: bool) -> list[str]:
        """The subject of the verb at token v that governs the noun at token i: the phrase between them, else
        (when `before`) the subject before the verb."""
        if v + 1 < i and not self._prepositional(cl, v + 1):
            names, _ = self.party_at(cl, v + 1, i)
            if names:
                return names
        return self._subject_before(cl, self._floor(cl, v), v) if before else []

    def _agent(self, cl: Clause, k: int, trig: Trigger) -> list[str]:
        """The actor after an agent marker of the clause («على يد …», «برصاص …», «من قبل …»)."""
        toks = cl.toks
        end = min(cl.s1, k + OBJECT_REACH)
        while k < end:
            if not toks[k].word and toks[k].text in CLAUSE_BREAK:
                return []
            start = self._agent_marker(cl, k)
            if start:
                return self.party_at(cl, start, cl.s1)[0]
            k += 1
        return []

    def _agent_marker(self, cl: Clause, k: int) -> int | None:
        """The token where the agent starts when an agent marker stands at k, else None."""
        toks = cl.toks
        key = toks[k].key
        for words in self.lex.agent_markers:
            n = len(words)
            if k + n < cl.s1 and all(toks[k + q].key == words[q] for q in range(n)):
                return k + n
        if key in self.lex.agent_prefix_words and k + 1 < cl.s1:
            return k + 1
        return None

    # ---- phrases and names -------------------------------------------------------------------------------
    def party_at(self, cl: Clause, k: int, end: int, proclitic: bool = False,
                 lam: bool = False) -> tuple[list[str], int]:
        """The names of the party phrase that starts at token k, and the token after it: the entities that start
        it (with those conjoined by «و»), else the noun phrase («3 أشخاص», «قوات الأمن») without titles.
        `proclitic`: the first word carries a preposition; `lam`: it is a «لـ» that introduces the target of an
        event noun («انتقاد ترامب لدول حليفة»)."""
        toks = cl.toks
        for words in self.lex.list_openers:
            if k + len(words) < end and all(toks[k + q].key == w for q, w in enumerate(words)):
                k += len(words)
        if k < end and toks[k].key.isdigit() and len(toks[k].key) == 4:
            return [], k  # «في عام 2016»: a year is no party
        if k + 1 < end and toks[k].word and toks[k].key in self.lex.statement_nouns:
            # «بيان صادر عن قوى الأمن», «بيان أمهات المختطفين»: the document speaks for who issued it
            m = k + 1
            while m < end and m < k + 3 and toks[m].word and toks[m].key in self.lex.issued_by:
                m += 1
            names, b = self.party_at(cl, m, end)
            if names:
                return names, b
        if k >= end or not toks[k].word or toks[k].key in self.lex.not_parties or toks[k].key in self.lex.words \
                or self._length_at(cl, k, end) \
                or self._trigger_of(toks[k].key) is not None and self._entity_starting(cl, k) is None:
            return [], k  # a verb is no party: «الهجوم الذي وقع …», «… أنه اعتقل»; nor «20 عاما», nor an event
            # («أسفرت المعارك عن مقتل …»)
        ent = self._entity_starting(cl, k)
        if ent is not None:
            names = [ent.canonical]
            b = max(k + 1, self._tok_of(cl, ent.span.end - 1) + 1)
            while b < end:
                nb = b + 1 if not toks[b].word and toks[b].text in "،," and b + 1 < end else b
                nxt = self._entity_starting(cl, nb) if toks[nb].key[:1] in CONJUNCTIONS else None
                if nxt is None or nxt.span.start == toks[nb].start:
                    break  # «بكين واشنطن»: a name that starts with «و» is the next phrase, not a conjoined one
                names.append(nxt.canonical)
                b = max(nb + 1, self._tok_of(cl, nxt.span.end - 1) + 1)
            return _uniq(names), b
        a, b = self._phrase(cl, k, end, glued=lam)
        if b <= a:
            return [], k
        if b < end and toks[a].key in self.lex.titles and toks[b].key in self.lex.titles:
            # «نائب خادم الحرمين الشريفين الأمير محمد بن نايف»: a title phrase, more titles, then the person
            for m in range(b, min(end, b + 4)):
                ent = self._entity_starting(cl, m)
                if ent is not None and ent.label == "PER":
                    return [ent.canonical], self._tok_of(cl, ent.span.end - 1) + 1
                if not toks[m].word or toks[m].key not in self.lex.titles:
                    break
        if b == a + 1 and b + 1 < end and self._generic(toks[a].key) and toks[b].key in self.lex.delegation_of:
            # «وفدين من وزارتي دفاع البلدين», «وفد من البرلمان الأوروبي»: the delegation stands for whom it is from
            names, b2 = self.party_at(cl, b + 1, end)
            if names:
                self.sides.add(strip_article(toks[a].key))
                return names, b2
        if toks[a].key in self.lex.titles:
            # «قائد شرطة العاصمة بمنطقة الرياض العقيد سامي بن فهد العلي»: a post, the body it is
            # in, then the person who holds it — the person is the party
            reach = toks[min(end, b + TITLE_TAIL) - 1].end
            person = next((e for e in cl.entities.within(toks[a].start, toks[end - 1].end)
                           if e.span.start >= reach or e.label == "PER"), None)
            if person is not None and person.span.start >= reach:
                person = None  # (entities come in order of start: none further can begin before the reach)
            if person is not None and all(
                    (toks[m].word or toks[m].text in "،," and m + 1 == self._tok_of(cl, person.span.start))
                    and toks[m].key not in self.lex.words and self.np.verb_at(toks[m]) is None
                    for m in range(b, self._tok_of(cl, person.span.start))):
                # («أوقف رئيس الوزراء، حيدر العبادي، وزير الكهرباء»: the person between commas after the post)
                return [person.canonical], self._tok_of(cl, person.span.end - 1) + 1
        inside = next((e for e in cl.entities.within(toks[a].start, toks[b - 1].end) if e.label in PARTY_LABELS),
                      None)
        if inside is not None:
            at = self._tok_of(cl, inside.span.start)
            if inside.label == "LOC" and at > a and self._adjective(toks[at].key):
                # «السلطات السعودية», «قوات الشرطة الإيرانية»: a place adjective describes the party, the phrase
                # up to it names it
                return [self._strip_titles(_clean(cl.text[toks[a].start:toks[at].end]))], at + 1
            # «الرئيس الأمريكي دونالد ترامب الصين»: the phrase's first name, with those conjoined to it, is the party
            # and the phrase ends with them
            if at > a:
                return self.party_at(cl, at, end)
            return [inside.canonical], max(a + 1, self._tok_of(cl, inside.span.end - 1) + 1)
        both = self._both_of(cl, a, b)
        if both:
            return both, b
        start = toks[a].after_proclitic() if proclitic else toks[a].start
        if all(self._title_word(toks[m].key, m == a) for m in range(a, b) if toks[m].word):
            # «ونظيره التركي (رجب طيب) أردوغان»: titles alone; the name follows them
            for m in range(b, min(cl.s1, b + 5)):
                ent = self._entity_starting(cl, m)
                if ent is not None:
                    return [ent.canonical], self._tok_of(cl, ent.span.end - 1) + 1
        # a verb joined by «و» ends the phrase («قتل محتج وأصيب ستة آخرون»)
        b = next((m for m in range(a + 1, b) if toks[m].word and self._conjoined(toks[m].key)
                  and (toks[m].key[1:] in self.lex.not_parties or toks[m].key[1:] in self.lex.words)), b)
        # «وفد الحكومة ووفد المعارضة»: one name per conjoined part
        cuts = [m for m in range(a + 1, b) if toks[m].word and toks[m - 1].word and self._conjoined(toks[m].key)]
        names = []
        for pa, pb in zip([a] + cuts, cuts + [b]):
            st = start if pa == a else toks[pa].after_proclitic()
            name = self._strip_titles(_clean(cl.text[st:toks[pb - 1].end]))
            if lam and pa == a and toks[a].key.startswith("لل"):
                name = "ال" + name[1:]  # «للحوثيين» is «لـ» + «الحوثيين», its alif not written
            resolved = self._described(cl, name, toks[pa].start)
            if resolved or name:
                names.append(resolved or name)
        return _uniq(names), b

    def _phrase(self, cl: Clause, k: int, end: int, glued: bool = False) -> tuple[int, int]:
        """Token range of the noun phrase at k: a count may open it («3 أشخاص»), an appositive title or a
        ب-phrase ends it («هدد … بمهاجمة»). `glued`: the first word carries a preposition («لدول الجوار»), which
        the phrase reader would take for a relay."""
        toks = cl.toks
        a = k
        if glued and toks[k].key[:1] == "ل" and k + 1 < end:
            # the glued word and the words the reader takes after it, to a verb («للطيران التركي استهدفت»)
            _, b = self.np.np_after(toks, k + 1, end)
            b = next((m for m in range(k + 1, b) if toks[m].word and toks[m].key in self.lex.words), b)
            return a, max(b, k + 1)
        while k + 2 < end and toks[k].key in self.lex.quantity_words and toks[k + 1].key in self.lex.delegation_of:
            k += 2  # «أكثر من 350 ألف شخص», «عدد من المارة»: the count and what it counts
        if k + 1 < end and toks[k].key in self.lex.quantity_words and toks[k + 1].key.isdigit():
            k += 1  # «نحو 60 فلسطينيا»
        if k + 2 < end and toks[k].key.isdigit() and toks[k + 1].key in self.lex.delegation_of:
            k += 2  # «14 من عناصر الميليشيات»
        if toks[k].key.isdigit():
            k += 1
        a2, b = self.np.np_after(toks, k, end)
        if b <= a2:
            return (a, k) if k > a else (a, a)
        return self._cut(cl, a, a2, b)

    def _cut(self, cl: Clause, a: int, a2: int, b: int) -> tuple[int, int]:
        """The phrase [a, b) the reader took, whose first noun is at a2, ended where another phrase starts."""
        toks = cl.toks
        for m in range(a2 + 1, b):
            key = toks[m].key
            if not toks[m].word:
                continue
            if self._definite(toks[m - 1].key) and toks[m - 1].word and self._definite(key) \
                    and not self._adjective(key) and not self.agrees(toks[m - 1].key, key) \
                    and self._entity_starting(cl, m) is None and not self._within_entity(cl, m):
                return a, m  # «الحزب الشيوعي المعارضة»: after a definite word, a definite one that is no
                # adjective starts the next phrase
            if self._definite(toks[m - 1].key) and toks[m - 1].word and not self._definite(key) \
                    and key[:1] not in "وفبل" and not key.isdigit() and self._entity_starting(cl, m) is None \
                    and not self._within_entity(cl, m) \
                    and not any(toks[q].key in self.lex.titles for q in range(a, m) if toks[q].word):
                return a, m  # «بين القوات الشرعية والحوثيين خلفت»: no indefinite word follows a definite one
                # inside a noun phrase (its adjectives and genitives are definite too) — but a person's name
                # may follow a title («رئيس الوزراء حسن سالم») where the entity step did not mark it
            if m > a2 + 1 and self._accusative(toks[m]) and not self._accusative(toks[m - 1]) \
                    and self._entity_starting(cl, m) is None and not self._within_entity(cl, m):
                return a, m  # «هاجم قائد شاحنة سوقا»: an indefinite accusative after the subject is the object
            if key.isdigit() or key in self.lex.titles or key in self.lex.target_preps or key in self.lex.place_prep \
                    or key in self.lex.attribution or key in self.lex.np_breakers or key in self.lex.words \
                    or (key[:1] == "ب" and self._attached_prep(cl, m)):
                return a, m
        return a, b

    def _list_at(self, cl: Clause, k: int) -> tuple[list[str], int]:
        """«بين X و Y»، «بين X، ونظيره Y»: the names of the list at k, across commas before «و»."""
        toks = cl.toks
        names: list[str] = []
        while k < cl.s1:
            got, b = self.party_at(cl, k, cl.s1, proclitic=self._conjoined(toks[k].key))
            if b <= k:
                break
            names += got
            if b + 1 < cl.s1 and toks[b].text in "،," and toks[b + 1].key[:1] == "و":
                k = b + 1
                continue
            if b < cl.s1 and toks[b].word and self._conjoined(toks[b].key) and toks[b].key not in self.lex.words:
                # «بين القوات الشرعية والحوثيين»: the first phrase ended before the «و» of the next item
                k = b
                continue
            break
        return _uniq(names), k

    def _both_of(self, cl: Clause, a: int, b: int) -> list[str]:
        """«وزارتي دفاع البلدين», «وزيري خارجية البلدين»: a dual head, a noun and «البلدين» name the two
        entities of the article with that head and that noun («وزارة الدفاع الأمريكية», «وزارة الدفاع التركية»)."""
        toks = cl.toks
        lex = self.lex
        for m in range(a, b - 2):
            head = lex.dual_heads.get(toks[m].key)
            if head is None or strip_article(toks[m + 2].key) not in lex.both_sides:
                continue
            what = strip_article(toks[m + 1].key)
            found = _uniq(e.canonical for e in cl.entities.within(0, len(cl.text))
                          if e.label in ("ORG", "PER") and fold(e.canonical).split()[:1] == [head]
                          and any(strip_article(w) == what for w in fold(e.canonical).split()[1:]))
            if len(found) >= 2:
                return found
        return []

    def _described(self, cl: Clause, name: str, before: int) -> str | None:
        """The entity a definite description stands for: «الوزارة» the last ORG before it whose name starts with
        «وزارة»; «الرئيس الأميركي» the last person introduced by that title («الرئيس الأميركي دونالد ترمب»)."""
        words = fold(name).split()
        if not words or not words[0].startswith("ال"):
            return None
        prior = [e for e in cl.entities.within(max(0, before - LOOKBACK_CHARS), before) if e.label in ("ORG", "PER")]
        if len(words) == 1 or words[0] not in self.lex.titles and all(
                w.startswith("ال") and self.agrees(words[0], w) for w in words[1:]):
            # «الوزارة», «المجلس المكون»: the head noun, with its participles
            head = strip_article(words[0])
            for e in reversed(prior):
                # an entity with an empty canonical name (possible from a caller's own entity list) has no head
                if e.label == "ORG" and fold(e.canonical).split()[:1] == [head]:
                    return e.canonical
            return None
        if words[0] not in self.lex.titles:
            return None
        want = " ".join(words)
        for e in reversed(prior):
            if e.label == "PER" and fold(cl.text[max(0, e.span.start - len(name) - 2):e.span.start]).strip() \
                    .endswith(want):
                return e.canonical
        # else the last person that title word came before («الرئيس …» → the last «الرئيس X»)
        head = words[0]
        for e in reversed(prior):
            if e.label == "PER" and head in fold(cl.text[max(0, e.span.start - TITLE_REACH):e.span.start]).replace(
                    "_", " ").split():
                return e.canonical
        return None

    def _conjoined(self, key: str) -> bool:
        """A word with «و» glued to it («ووفد», «ونظيره»), not a word that starts with the letter («وفد»)."""
        return len(key) > 2 and key[0] == "و" and key not in self.np.lex.w_initial

    def _title_word(self, key: str, first: bool) -> bool:
        """A title («الرئيس», «نظيره»), with its conjunction when it opens a list item, or a nisba adjective."""
        if first and key[:1] in CONJUNCTIONS and len(key) > 3 and key[1:] in self.lex.titles:
            return True
        return key in self.lex.titles or not first and self._adjective(key)

    def _strip_titles(self, name: str) -> str:
        """«الرئيس التركي رجب طيب أردوغان» → «رجب طيب أردوغان»: leading titles and nationality adjectives; a title
        with no name after it is the name («زعيم الجماعة»)."""
        words = name.split()
        k = 0
        while k < len(words) - 1:
            w = fold(words[k])
            if w in self.lex.titles or (k > 0 and w.startswith("ال") and w.endswith("ي")):
                k += 1
                continue
            break
        if k == 0 or k >= len(words) or fold(words[k]).startswith("ال"):
            return name
        return " ".join(words[k:])

    def _sides(self, cl: Clause, names: list[str], earlier) -> list[str]:
        """«الجانبان», «الوفدين»: the participants of the last meeting reported before."""
        if not names or not all(self._generic(x) for x in names):
            return names
        # the last meeting whose sentence names its sides by the same word («بين وفدين …» for «الوفدين»), else the
        # last meeting
        sides = {strip_article(w[0]) for w in (fold(x).split() for x in names) if w}
        meetings = [e for e in earlier[-LOOKBACK_EVENTS:] if e.type == "CONSULT"
                    and [x for x in list(e.actors) + list(e.targets) if not self._generic(x)]]
        named = [e for e in meetings if e.sides & sides] or \
            [e for e in meetings if any(strip_article(t.key) in sides for t in self._sentence(cl, e.i))]
        for e in (named or meetings)[-1:]:
            return _uniq(x for x in list(e.actors) + list(e.targets) if not self._generic(x))
        return []

    def _generic(self, name: str) -> bool:
        """«الجانبين», «الوفدين العسكريين»: a side word with adjectives at most; «وفد الحكومة» names its side."""
        words = fold(name).split()
        return bool(words) and (words[0] in self.lex.generic_sides or strip_article(words[0]) in self.lex.generic_sides) \
            and all(self._adjective(w) for w in words[1:])

    @staticmethod
    def _sentence(cl: Clause, i: int) -> list[WordToken]:
        """The word tokens of the sentence of token i."""
        toks = cl.toks
        a = b = i
        while a > 0 and toks[a - 1].sent == toks[i].sent:
            a -= 1
        while b < len(toks) and toks[b].sent == toks[i].sent:
            b += 1
        return toks[a:b]

    # ---- tokens --------------------------------------------------------------------------------------------
    @staticmethod
    def _tok_of(cl: Clause, offset: int) -> int:
        return max(0, bisect_right(cl.toks, offset, key=lambda t: t.start) - 1)

    def _entity_starting(self, cl: Clause, k: int) -> Entity | None:
        """A party entity that starts in token k (behind its proclitic)."""
        t = cl.toks[k]
        for e in cl.entities.within(t.start, cl.toks[cl.s1 - 1].end):
            if e.span.start >= t.end:
                break
            if e.label in PARTY_LABELS:
                return e
        return None

    def _within_entity(self, cl: Clause, k: int) -> bool:
        """Token k lies inside an entity that starts before it («منظمة العفو الدولية»)."""
        t = cl.toks[k]
        return any(e.span.start < t.start for e in cl.entities.overlapping(t.start, t.end))

    def _place(self, cl: Clause, k: int) -> bool:
        e = self._entity_starting(cl, k)
        return e is not None and e.label == "LOC"

    def _attached_prep(self, cl: Clause, k: int) -> str | None:
        """The preposition glued to token k («بالتورط», «لبنان» is none, «لروسيا» is «ل»), or None."""
        t = cl.toks[k]
        key = t.key
        if key[:1] not in "بل" or len(key) <= 3 or key in self.np.lex.w_initial:
            return None
        rest = key[1:]
        if rest.startswith("ال") or key.startswith("لل"):
            return key[0]
        for e in cl.entities.within(t.start, t.end):
            if e.span.start == t.start:
                return None  # «بريطانيا»: the name starts with the letter
            return key[0]
        # an indefinite word behind the letter: a verbal noun's shape (مفاعلة، تفعيل، إفعال، افتعال: «بمهاجمة»,
        # «بتزوير», «بإطلاق»), as words that start with the letter («بارجة», «لبنان», «بلدة») mostly have not
        if rest[:1] in "مت" and len(rest) >= 4 or rest[:1] == "ا" and len(rest) >= 5:
            return key[0]
        return None

    def _purpose(self, key: str) -> bool:
        """«لتفريق التظاهرات», «لمحاربة الإرهاب», «للتعاون»: «لـ» before a verbal noun says what for, not to whom —
        an event noun, or an indefinite word of a verbal noun's shape (تفعيل، مفاعلة، افتعال), or a verb («ليست»)."""
        rest = key[2:] if key.startswith("لل") else key[1:]
        if self._trigger_of(rest) is not None or key in self.lex.words or self.np.is_stop(key):
            return True
        if rest.endswith(self.lex.number_endings):
            return False  # «لمدرسين», «لمسلحين»: a plural of persons, no verbal noun
        return not key.startswith("لل") and (rest[:1] in "مت" and len(rest) >= 4 or rest[:1] == "ا" and len(rest) >= 5
                                            or rest[:1] == "ي" or rest[:1] == "ن")

    def _adverbial(self, key: str) -> bool:
        """A preposition of time or circumstance, with a glued «و/ف» or not («وخلال», «وفي»)."""
        return _with_conjunction(key, self.lex.adverbial_preps)

    def _glued_lam(self, cl: Clause, k: int) -> bool:
        """After an event noun and its agent, a word with «لـ» glued to it («لدول», «للهجمات»): the target's
        preposition. Looser than `_attached_prep`, as in this place a word that starts with the letter is most
        often a name the entity step marks («لندن») — such a word, or one inside a name, is not taken."""
        t = cl.toks[k]
        key = t.key
        if not t.word or key[:1] != "ل" or key.startswith("ال") or len(key) <= 3 or key in self.np.lex.w_initial:
            return False
        fem = self.lex.feminine_endings
        if k > 0 and key.endswith(fem[0]) and not key.startswith("لل") and cl.toks[k - 1].word \
                and cl.toks[k - 1].key.endswith(fem) and not self._definite(cl.toks[k - 1].key):
            return False  # «انتقادات لاذعة»: a feminine word after an indefinite feminine noun is its adjective
        return not any(e.span.start <= t.start for e in cl.entities.overlapping(t.start, t.end))

    def _prepositional(self, cl: Clause, k: int) -> bool:
        key = cl.toks[k].key
        lex = self.lex
        if key in lex.target_preps or key in lex.place_prep or key in self.np.lex.function_words:
            return True
        if any(key.startswith(p) and key[len(p):] in lex.attached_pronouns for p in lex.pronoun_preps):
            return True
        return self._attached_prep(cl, k) is not None

    def _owned(self, text: str) -> bool:
        """A word written with a possessive pronoun («ضلوعها», «علمه»): the raw text, as folding writes «ة» as
        «ه»."""
        bare = "".join(c for c in text if c not in MARKS)
        return len(bare) > 4 and bare.endswith(self.lex.noun_suffixes) and not bare.endswith("ة")

    def _length_at(self, cl: Clause, k: int, end: int) -> bool:
        """A count and a length at token k («20 عاما», «عشرين عاما»): a time, no party."""
        toks = cl.toks
        return k + 1 < end and toks[k + 1].word and toks[k + 1].key in self.lex.length_words \
            and not self._definite(toks[k].key)

    def _country_of(self, key: str) -> str | None:
        """The country a nationality adjective names («الأمريكية», «إسرائيلي» → «إسرائيل»), else None."""
        stems = self.lex.nationality_stems
        for word in (key[2:] if key.startswith("ال") else key, key):
            for end in self.lex.nationality_endings:
                if word.endswith(end) and word[:-len(end)] in stems:
                    return stems[word[:-len(end)]]
        return None

    @staticmethod
    def _accusative(t: WordToken) -> bool:
        """An indefinite noun in the accusative, by its written tanween alif («سوقا», «هجوما»), not a word whose
        stem ends in alif (a name: «أمريكا»; those the entity step marks are not asked)."""
        key = t.key
        return t.word and len(key) >= 4 and key.endswith("ا") and not key.startswith("ال") and not key.endswith("اا") \
            and key[-2] not in "اويهن"  # nor a pronoun («عليها», «بلادنا»)

    def _construct_head(self, cl: Clause, k: int) -> bool:
        """An indefinite noun in construct with a definite one after it («زملاء المدرسين», «طائرات التحالف»): a
        genitive too, unlike an indefinite adjective («قتال عنيف»)."""
        toks = cl.toks
        key = toks[k].key
        return k + 1 < cl.s1 and toks[k + 1].word and toks[k + 1].key.startswith("ال") and not self._definite(key) \
            and not self._conjoined(key) \
            and not key.endswith(self.lex.adjective_endings) and not self._accusative(toks[k]) \
            and key not in self.lex.words and not self.np.is_stop(key) and not self._prepositional(cl, k) \
            and self._trigger_of(key) is None and not self._length_at(cl, k, cl.s1) and not key.isdigit()

    def _place_marked(self, cl: Clause, k: int) -> bool:
        """The name at token k is where something happened («في بغداد»)."""
        e = self._entity_starting(cl, k)
        return e is not None and e.label == "LOC" and placed(cl.text, e, self.lex)

    def _counted(self, cl: Clause, k: int) -> bool:
        key = cl.toks[k].key
        return key.isdigit() or key in self.lex.quantity_words

    def _passive(self, t: WordToken) -> bool:
        """A damma on the verb's first letter (behind و/ف): «قُتل», «وأُطلق»."""
        s = t.text
        at = 1 if len(s) > 2 and fold(s[0]) in CONJUNCTIONS and fold(s[1:2]) not in MARKS else 0
        return len(s) > at + 1 and s[at + 1] == DAMMA

    @staticmethod
    def _definite(key: str) -> bool:
        return key.startswith("ال") or key[:1] in "وفبلك" and key[1:3] == "ال" or key.startswith("لل")

    def _adjective(self, key: str) -> bool:
        return key.startswith("ال") and (key.endswith("ي") or key.endswith("يه") or key.endswith("يين"))

    def agrees(self, noun: str, key: str) -> bool:
        """A definite word whose gender agrees with the definite noun before it, so its adjective: a feminine word
        after a feminine noun («الجماعات المسلحة», «الآونة الأخيرة»), dual or plural endings that agree («الحرمين
        الشريفين»), a masculine participle after a masculine noun («المجلس المكون»); one that disagrees starts a
        phrase of its own («الحزب الشيوعي المعارضة»). Folded keys write «ة» as «ه»."""
        fem = self.lex.feminine_endings
        if key.endswith(fem[0]) and noun.endswith(fem):
            return True
        if len(key) > 5 and any(key.endswith(e) and noun.endswith(e) for e in self.lex.number_endings):
            return True
        return key.startswith("الم") and len(key) >= 6 and not key.endswith(fem[0]) and not noun.endswith(fem)

    def _opener(self, key: str) -> bool:
        return key in self.np.lex.clause_openers or key in self.lex.verb_particles

    def _pronoun_marker(self, key: str) -> bool:
        return key in self.np.lex.markers and key not in self.lex.bare_complementisers

    def _opens_clause(self, cl: Clause, floor: int, i: int) -> bool:
        return all(not cl.toks[k].word or self._opener(cl.toks[k].key) for k in range(floor, i))

    def _floor(self, cl: Clause, i: int) -> int:
        """Where the subject of the trigger's clause may start: the trigger itself when «و» joins it to the clause
        before; after the last complementiser or subordinator («عندما», «حيث») before it in its clause, or a
        relative pronoun right before it; else the clause start. A relative clause further back is inside the
        subject («طيران التحالف الذي تقوده واشنطن شن …»)."""
        toks = cl.toks
        if self._coordinated(toks[i]):
            return i
        for k in range(i - 1, cl.c0 - 1, -1):
            t = toks[k]
            if not t.word:
                continue
            if t.key in self.np.lex.markers or _with_conjunction(t.key, self.lex.subordinators) \
                    or (k == i - 1 and t.key in self.np.lex.relatives):
                return k + 1
        return cl.c0

    def _skip_accusative_adjectives(self, cl: Clause, k: int) -> int:
        """«شنت هجوما عنيفا على …»: indefinite accusatives right after the phrase's own accusative noun are its
        adjectives."""
        toks = cl.toks
        while 0 < k < cl.s1 and toks[k - 1].word and self._accusative(toks[k - 1]) and self._accusative(toks[k]) \
                and self._entity_starting(cl, k) is None:
            k += 1
        return k

    def _skip_adverbs(self, cl: Clause, k: int) -> int:
        """Past time words and adverbial accusatives («هاتفيا», «رسميا») after a verb, and the indefinite
        adjectives of a phrase's noun («شنت غارات جوية على …»: a short one too, when it agrees with a feminine or
        plural noun right before it)."""
        toks = cl.toks
        while k < cl.s1 and toks[k].word and (toks[k].key in self.lex.time_words or (
                toks[k].key.endswith(self.lex.adjective_endings) and not self._definite(toks[k].key)
                and (len(toks[k].key) > 4 or len(toks[k].key) == 4 and k > 0 and toks[k - 1].word
                     and toks[k - 1].key.endswith(self.lex.feminine_endings))
                and self._entity_starting(cl, k) is None)):
            k += 1
        return k

    def _skip_phrase(self, cl: Clause, k: int, end: int) -> int:
        _, b = self.party_at(cl, k, end)
        return max(b, k + 1)


CLAUSE_BREAK = frozenset("،,.:;؛!?؟()")
CLAUSE_COMMAS = frozenset("،,;؛")


def clause_start(toks: list[WordToken], i: int, s0: int) -> int:
    """The first token of the clause of token i: after the last comma or semicolon before it in its sentence."""
    k = i - 1
    while k >= s0 and not (not toks[k].word and toks[k].text in CLAUSE_COMMAS):
        k -= 1
    return k + 1


def placed(text: str, e: Entity, lex: TriggerLexicon) -> bool:
    """A place put as where something happens: after «في», a glued «بـ», or a direction word («قرب»)."""
    before = text[max(0, e.span.start - 12):e.span.start].rstrip("#")  # «في #فيينا»
    if before.endswith("ب"):
        return True
    words = before.split()
    return bool(words) and fold(words[-1]) in lex.place_words


def _with_conjunction(key: str, words: frozenset[str]) -> bool:
    """The word is one of `words`, or one of them with a glued «و/ف» («وخلال», «وفيما», «وعاودت»)."""
    return key in words or len(key) > 2 and key[0] in CONJUNCTIONS and key[1:] in words


def _clean(s: str) -> str:
    return s.strip(" \"«»“”„'()").strip()


def _uniq(items) -> list[str]:
    out: list[str] = []
    for x in items:
        if x and x not in out:
            out.append(x)
    return out
