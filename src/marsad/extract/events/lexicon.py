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
    length: int = 1                # words in a phrase
    gap: int = 0                   # words allowed before the last word of a phrase


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
            trig = Trigger(etype, v.get("mode"), "verb", _f(v.get("requires_next")), _f(v.get("skip_next")))
            for surface, kind in inflect({**v, "participle": None}, infl).items():
                key = fold(surface)
                if len(key) >= 3:
                    lex.words.setdefault(key, trig)
        for p in spec.get("phrases") or []:
            slots = tuple(_f(alts) for alts in p["words"])
            trig = Trigger(etype, p.get("mode"), "phrase", length=len(slots), gap=int(p.get("gap", 0)))
            for first in slots[0]:
                lex.phrases.setdefault(first, []).append((slots, trig))
        for n in spec.get("nouns") or []:
            lex.nouns[fold(n["word"])] = Trigger(etype, n.get("mode"), "noun")
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
                 "trailing_preps", "between", "partner_with", "place_prep"):
        setattr(lex, name, _f(data[name]))
    lex.pronoun_preps = tuple(fold(w) for w in data["pronoun_preps"])
    return lex
