"""The event trigger lexicon (triggers.yaml) compiled into folded lookup tables."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources

import yaml

from ...text.normalize import fold
from ..statements.lexicon import inflect


@dataclass(frozen=True)
class Trigger:
    type: str
    mode: str | None
    kind: str                      # "verb", "phrase" or "noun"
    requires_next: frozenset[str] = frozenset()
    skip_next: frozenset[str] = frozenset()
    window: int = 1                # `requires_next` may be any of this many next words («دعت الوزارة المواطنين إلى»)
    length: int = 1                # words in a phrase
    gap: int = 0                   # words allowed before the last word of a phrase
    noun: bool = False             # a phrase that starts with a verbal noun («إطلاق نار»): its parties as a noun's
    genitive: str | None = None    # "agent", "patient" or "none": what the name after a noun is, when not its type's
    received: bool = False         # the subject receives the act from the «من» phrase («تلقى X اتصالا من Y»)
    object_gap: bool = False       # the words inside a gapped phrase are its object («حمّل X المسؤولية»)
    circumstantial: bool = False   # a participle of state («…، مشيدا بـ»): the clause before names its actor


@dataclass
class TriggerLexicon:
    words: dict[str, Trigger] = field(default_factory=dict)               # one-word verb triggers
    nouns: dict[str, Trigger] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[frozenset[str], ...], Trigger]]] = field(default_factory=dict)
    target_preps: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    hypothetical: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    generic_sides: frozenset[str] = frozenset()
    topic_cues: frozenset[str] = frozenset()
    discussion_words: frozenset[str] = frozenset()
    generic_topics: frozenset[str] = frozenset()
    venue_words: frozenset[str] = frozenset()
    masdar_before: frozenset[str] = frozenset()
    not_target_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    complementisers: frozenset[str] = frozenset()
    in_case: frozenset[str] = frozenset()
    in_case_before: frozenset[str] = frozenset()
    verb_particles: frozenset[str] = frozenset()
    pronoun_preps: tuple[str, ...] = ()
    attached_pronouns: frozenset[str] = frozenset()
    pronoun_subjects: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    topic_fillers: frozenset[str] = frozenset()
    topic_discussion_nouns: frozenset[str] = frozenset()
    topic_enders: frozenset[str] = frozenset()
    trailing_preps: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()
    partner_with: frozenset[str] = frozenset()
    place_prep: frozenset[str] = frozenset()
    noun_suffixes: tuple[str, ...] = ()
    genitive: dict[str, str] = field(default_factory=dict)
    patient_first: frozenset[str] = frozenset()
    agent_markers: tuple[tuple[str, ...], ...] = ()
    agent_prefix_words: frozenset[str] = frozenset()
    quantity_words: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    attribution: frozenset[str] = frozenset()
    bare_complementisers: frozenset[str] = frozenset()
    dual_heads: dict[str, str] = field(default_factory=dict)
    list_openers: tuple[tuple[str, ...], ...] = ()
    readings: dict = field(default_factory=dict)  # word → its trigger readings: extract.py's memo
    np_breakers: frozenset[str] = frozenset()
    noun_target_preps: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    not_parties: frozenset[str] = frozenset()
    delegation_of: frozenset[str] = frozenset()
    weekdays: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    masculine_pronouns: frozenset[str] = frozenset()
    adjective_endings: tuple[str, ...] = ()
    both_sides: frozenset[str] = frozenset()
    object_suffixes: tuple[str, ...] = ()
    undergo_verbs: frozenset[str] = frozenset()
    adverbial_preps: frozenset[str] = frozenset()
    nationality_stems: dict[str, str] = field(default_factory=dict)
    nationality_endings: tuple[str, ...] = ()
    result_verbs: frozenset[str] = frozenset()
    generic_meeting_adjectives: frozenset[str] = frozenset()
    length_words: frozenset[str] = frozenset()
    statement_nouns: frozenset[str] = frozenset()
    issued_by: frozenset[str] = frozenset()
    halted_by: frozenset[str] = frozenset()
    reflexive_objects: frozenset[str] = frozenset()
    feminine_endings: tuple[str, ...] = ()
    number_endings: tuple[str, ...] = ()
    undergo_preps: frozenset[str] = frozenset()
    support_verbs: frozenset[str] = frozenset()
    mutual_types: frozenset[str] = frozenset()
    accusative_types: frozenset[str] = frozenset()
    undergo_types: frozenset[str] = frozenset()
    type_target_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    lam_target_types: frozenset[str] = frozenset()

    def owned_noun(self, key: str) -> tuple[Trigger, str] | None:
        """An event noun with a possessive pronoun («اعتقاله», «غاراتها», «زيارته» from «زيارة») and that pronoun,
        else None. Meeting nouns too («زيارته», «اجتماعه»): annotators count them as the meeting reported."""
        for suf in self.noun_suffixes:
            stem = key[:-len(suf)]
            if key.endswith(suf) and len(stem) >= 3:
                trig = self.nouns.get(stem) or (self.nouns.get(stem[:-1] + "ه") if stem.endswith("ت") else None)
                if trig is not None:
                    return trig, suf
        return None


# the fields of triggers.yaml that list event types, not words
TYPE_SETS = ("patient_first", "mutual_types", "lam_target_types", "accusative_types", "undergo_types")


def _f(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words or [])


def _word_sequences(items: list[str]) -> tuple[tuple[str, ...], ...]:
    """«على يد» → («علي», «يد»): multi-word entries as folded word sequences."""
    return tuple(tuple(fold(w) for w in m.split()) for m in items)


def _longest_first(suffixes: list[str]) -> tuple[str, ...]:
    """Folded suffixes, the longest first: «هما» is tried before «ها» before «ه»."""
    return tuple(sorted((fold(w) for w in suffixes), key=len, reverse=True))


@lru_cache(maxsize=1)
def load() -> TriggerLexicon:
    res = resources.files(__package__)
    data = yaml.safe_load(res.joinpath("triggers.yaml").read_text("utf-8"))
    infl = data["inflection"]
    lex = TriggerLexicon()
    for etype, spec in data["types"].items():
        for v in spec.get("verbs") or []:
            trig = Trigger(etype, v.get("mode"), "verb", _f(v.get("requires_next")), _f(v.get("skip_next")),
                           window=int(v.get("window", 1)), circumstantial=bool(v.get("circumstantial")))
            for surface, kind in inflect({**v, "participle": None}, infl).items():
                key = fold(surface)
                if len(key) >= 3:
                    lex.words.setdefault(key, trig)
        for p in spec.get("phrases") or []:
            slots = tuple(_f(alts) for alts in p["words"])
            trig = Trigger(etype, p.get("mode"), "phrase", length=len(slots), gap=int(p.get("gap", 0)),
                           noun=bool(p.get("noun")), genitive=p.get("genitive"), received=bool(p.get("received")),
                           object_gap=bool(p.get("object_gap")))
            for first in slots[0]:
                lex.phrases.setdefault(first, []).append((slots, trig))
        for n in spec.get("nouns") or []:
            lex.nouns[fold(n["word"])] = Trigger(etype, n.get("mode"), "noun", genitive=n.get("genitive"))
    for alts in lex.phrases.values():
        alts.sort(key=lambda x: -len(x[0]))  # the longest phrase first
    # every word set (a `frozenset[str]` field) is its list in triggers.yaml, folded; type names are not words
    for f in fields(TriggerLexicon):
        if f.type == "frozenset[str]" and f.name not in TYPE_SETS:
            setattr(lex, f.name, _f(data[f.name]))
    for name in TYPE_SETS:
        setattr(lex, name, frozenset(data[name]))
    lex.not_target_preps = {k: _f(v) for k, v in data["not_target_preps"].items()}
    lex.type_target_preps = {k: _f(v) for k, v in data["type_target_preps"].items()}
    lex.pronoun_preps = tuple(fold(w) for w in data["pronoun_preps"])
    lex.genitive = dict(data["genitive"])
    lex.adjective_endings = tuple(fold(w) for w in data["adjective_endings"])
    lex.feminine_endings = tuple(fold(w) for w in data["feminine_endings"])
    lex.number_endings = tuple(fold(w) for w in data["number_endings"])
    lex.list_openers = _word_sequences(data["list_openers"])
    lex.agent_markers = _word_sequences(data["agent_markers"])
    lex.dual_heads = {fold(dual): fold(one) for dual, one in data["dual_heads"].items()}
    lex.noun_suffixes = _longest_first(data["noun_suffixes"])
    lex.object_suffixes = _longest_first(data["object_suffixes"])
    lex.nationality_stems = {fold(k): v for k, v in data["nationality_stems"].items()}
    lex.nationality_endings = _longest_first(data["nationality_endings"])
    return lex
