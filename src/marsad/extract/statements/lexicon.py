"""The statement lexicon (lexicon.yaml) compiled into folded lookup tables, generating verb inflections.

Loaded once per `StatementExtractor` (no work at import: docs/rules.md#no-hidden-state). `forms` maps every
folded form of every reporting verb (past, present, participle, masdar) to (lemma, kind, entry).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ...text.normalize import fold


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    kind: str  # "verb", "participle" or "masdar"
    ambiguous: bool = False
    strict: bool = False
    object: bool = False
    content_nouns: frozenset[str] = frozenset()
    channel: str | None = None


@dataclass
class Lexicon:
    forms: dict[str, VerbForm] = field(default_factory=dict)
    markers: frozenset[str] = frozenset()        # أن، إنه، بأنها ...
    marker_preps: frozenset[str] = frozenset()   # إلى، من، على (before a marker)
    not_after: frozenset[str] = frozenset()
    near_only_preps: frozenset[str] = frozenset()
    quotes: frozenset[str] = frozenset()
    closers: frozenset[str] = frozenset()
    speaker_stop: frozenset[str] = frozenset()
    clause_openers: frozenset[str] = frozenset()
    channels: dict[str, str] = field(default_factory=dict)
    channel_preps: frozenset[str] = frozenset()
    platforms: dict[str, str] = field(default_factory=dict)
    via_phrases: tuple[tuple[str, ...], ...] = ()
    via_outlet_heads: frozenset[str] = frozenset()
    anaphora_heads: frozenset[str] = frozenset()
    document_heads: frozenset[str] = frozenset()
    w_initial: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    np_in_blockers: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    name_joiners: frozenset[str] = frozenset()
    sentence_end: frozenset[str] = frozenset()
    channel_proclitics: tuple[str, ...] = ()
    channel_suffixes: tuple[str, ...] = ()
    after_colon: tuple[str, ...] = ()
    blocking: frozenset[str] = frozenset()
    first_person: frozenset[str] = frozenset()
    relative_in: frozenset[str] = frozenset()
    relay_stems: tuple[str, ...] = ()
    relay_openers: frozenset[str] = frozenset()
    channel_to_pronouns: frozenset[str] = frozenset()
    channel_with: frozenset[str] = frozenset()
    publishing_stems: tuple[str, ...] = ()
    publishing_forms: frozenset[str] = frozenset()
    via_inner_words: frozenset[str] = frozenset()
    quoted_from: frozenset[str] = frozenset()
    np_inner_preps: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    source_from: frozenset[str] = frozenset()
    pronoun_endings: tuple[str, ...] = ()
    adjective_endings: tuple[str, ...] = ()
    lam_apart: frozenset[str] = frozenset()
    addressee_titles: frozenset[str] = frozenset()
    addressee_after_lam: frozenset[str] = frozenset()
    news_outlets: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    honorific_pronouns: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    name_descriptors: frozenset[str] = frozenset()


def inflect(entry: dict[str, Any], infl: dict[str, list[str]]) -> dict[str, str]:
    """Every surface form of one verb entry, mapped to its kind (unfolded; the caller folds)."""
    out: dict[str, str] = {}
    past = entry.get("past")
    if past:
        for suf in infl["past_suffixes"]:
            out[past + suf] = "verb"
    present = entry.get("present")
    if present:
        for pre in infl["present_prefixes"]:
            for suf in infl["present_suffixes"]:
                out[pre + present + suf] = "verb"
    part = entry.get("participle")
    if part:
        for suf in infl["participle_suffixes"]:
            out[part + suf] = "participle"
    for form in entry.get("extra") or []:
        out[form] = "verb"
    for form in entry.get("extra_participles") or []:
        out[form] = "participle"
    for form in entry.get("masdar") or []:
        out[form] = "masdar"
    return out


@lru_cache(maxsize=1)
def load() -> Lexicon:
    data = yaml.safe_load(resources.files(__package__).joinpath("lexicon.yaml").read_text("utf-8"))
    infl = data["inflection"]
    lex = Lexicon()
    forms: dict[str, VerbForm] = {}
    for entry in data["verbs"]:
        for surface, kind in inflect(entry, infl).items():
            key = fold(surface)
            if len(key) < 3 or key in forms:
                continue
            forms[key] = VerbForm(entry["lemma"], kind, bool(entry.get("ambiguous")),
                                  bool(entry.get("strict")), bool(entry.get("object")),
                                  frozenset(fold(n) for n in entry.get("content_nouns") or []),
                                  entry.get("channel"))
    lex.forms = forms
    m = data["markers"]
    lex.markers = frozenset(fold(c + s) for c in m["complementisers"] for s in m["pronoun_suffixes"])
    lex.marker_preps = frozenset(fold(p) for p in m["prepositions"])
    lex.not_after = frozenset(fold(w) for w in m["not_after"])
    lex.near_only_preps = frozenset(fold(w) for w in m.get("near_only_preps", []))
    lex.quotes = frozenset(m["quotes"])
    lex.closers = frozenset(m["closers"])
    lex.channels = {fold(k): v for k, v in data["channels"].items()}
    lex.channel_preps = frozenset(fold(p) for p in data["channel_preps"])
    lex.platforms = {fold(k): v for k, v in data["channel_platforms"].items()}
    participles = {k for k, f in forms.items() if f.kind == "participle"}
    lex.speaker_stop = frozenset({fold(w) for w in data["speaker_stop"]} | participles | set(lex.markers))
    lex.clause_openers = frozenset(fold(w) for w in data["clause_openers"])
    lex.via_phrases = tuple(sorted((tuple(fold(w) for w in p.split()) for p in data["via_phrases"]),
                                   key=len, reverse=True))
    lex.via_outlet_heads = frozenset(fold(w) for w in data["via_outlet_heads"])
    lex.anaphora_heads = frozenset(fold(w) for w in data["anaphora_heads"])
    lex.document_heads = frozenset(fold(w) for w in data["document_heads"])
    lex.w_initial = frozenset(fold(w) for w in data["w_initial"])
    lex.function_words = frozenset(fold(w) for w in data["function_words"])
    lex.negations = frozenset(fold(w) for w in data["negations"])
    lex.np_in_blockers = frozenset(fold(w) for w in data["np_in_blockers"])
    lex.relatives = frozenset(fold(w) for w in data["relatives"])
    lex.name_joiners = frozenset(data["name_joiners"])
    lex.sentence_end = frozenset(data["sentence_end"])
    # in the order they are tried
    lex.channel_proclitics = tuple(data["channel_proclitics"])
    lex.channel_suffixes = tuple(data["channel_suffixes"])
    lex.after_colon = tuple(fold(w) for w in data["after_colon"])
    lex.blocking = frozenset(fold(w) for w in data["blocking"])
    lex.first_person = frozenset(fold(w) for w in data["first_person"])
    for name in ("relative_in", "relay_openers", "channel_to_pronouns", "channel_with", "publishing_forms",
                 "via_inner_words", "quoted_from", "np_inner_preps", "source_nouns", "source_from", "addressee_titles",
                 "addressee_after_lam", "news_outlets", "person_titles", "honorific_pronouns", "demonstratives",
                 "name_descriptors"):
        setattr(lex, name, frozenset(fold(w) for w in data[name]))
    lex.lam_apart = frozenset(data["lam_apart"])  # compared with keys as written: «لـ» too
    lex.pronoun_endings = tuple(data["pronoun_endings"])  # compared with words as written, not folded
    lex.adjective_endings = tuple(fold(w) for w in data["adjective_endings"])
    lex.relay_stems = tuple(fold(w) for w in data["relay_stems"])  # str.startswith takes a tuple
    lex.publishing_stems = tuple(fold(w) for w in data["publishing_stems"])
    return lex
