"""The event trigger lexicon (triggers.yaml) compiled into folded lookup tables."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    genitive: str | None = None    # "agent" or "patient": what the name after a noun is, when not its type's


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


def _f(words) -> frozenset[str]:
    return frozenset(fold(w) for w in words or [])


@lru_cache(maxsize=1)
def load() -> TriggerLexicon:
    res = resources.files(__package__)
    data = yaml.safe_load(res.joinpath("triggers.yaml").read_text("utf-8"))
    infl = data["inflection"]
    lex = TriggerLexicon()
    for etype, spec in data["types"].items():
        for v in spec.get("verbs") or []:
            trig = Trigger(etype, v.get("mode"), "verb", _f(v.get("requires_next")), _f(v.get("skip_next")),
                           window=int(v.get("window", 1)))
            for surface, kind in inflect({**v, "participle": None}, infl).items():
                key = fold(surface)
                if len(key) >= 3:
                    lex.words.setdefault(key, trig)
        for p in spec.get("phrases") or []:
            slots = tuple(_f(alts) for alts in p["words"])
            trig = Trigger(etype, p.get("mode"), "phrase", length=len(slots), gap=int(p.get("gap", 0)),
                           noun=bool(p.get("noun")), genitive=p.get("genitive"))
            for first in slots[0]:
                lex.phrases.setdefault(first, []).append((slots, trig))
        for n in spec.get("nouns") or []:
            lex.nouns[fold(n["word"])] = Trigger(etype, n.get("mode"), "noun", genitive=n.get("genitive"))
    for alts in lex.phrases.values():
        alts.sort(key=lambda x: -len(x[0]))  # the longest phrase first
    lex.target_preps = _f(data["target_preps"])
    lex.negations = _f(data["negations"])
    lex.hypothetical = _f(data["hypothetical"])
    lex.titles = _f(data["titles"])
    lex.generic_sides = _f(data["generic_sides"])
    lex.topic_cues = _f(data["topic_cues"])
    lex.discussion_words = _f(data["discussion_words"])
    lex.generic_topics = _f(data["generic_topics"])
    lex.venue_words = _f(data["venue_words"])
    lex.masdar_before = _f(data["masdar_before"])
    lex.not_target_preps = {k: _f(v) for k, v in data["not_target_preps"].items()}
    for name in ("complementisers", "in_case", "in_case_before", "verb_particles", "attached_pronouns",
                 "pronoun_subjects", "without", "topic_fillers", "topic_discussion_nouns", "topic_enders",
                 "trailing_preps", "between", "partner_with", "place_prep", "agent_prefix_words",
                 "quantity_words", "time_words", "attribution", "np_breakers", "noun_target_preps", "subordinators",
                 "not_parties", "delegation_of", "weekdays", "place_words", "place_heads",
                 "masculine_pronouns", "bare_complementisers", "both_sides"):
        setattr(lex, name, _f(data[name]))
    lex.pronoun_preps = tuple(fold(w) for w in data["pronoun_preps"])
    lex.genitive = dict(data["genitive"])
    lex.adjective_endings = tuple(fold(w) for w in data["adjective_endings"])
    lex.patient_first = frozenset(data["patient_first"])  # type names: not folded
    lex.list_openers = tuple(tuple(fold(w) for w in m.split()) for m in data["list_openers"])
    lex.agent_markers = tuple(tuple(fold(w) for w in m.split()) for m in data["agent_markers"])
    lex.dual_heads = {fold(dual): fold(one) for dual, one in data["dual_heads"].items()}
    # the longest suffix first: «هما» before «ها» before «ه»
    lex.noun_suffixes = tuple(sorted((fold(w) for w in data["noun_suffixes"]), key=len, reverse=True))
    lex.object_suffixes = tuple(sorted((fold(w) for w in data["object_suffixes"]), key=len, reverse=True))
    return lex
