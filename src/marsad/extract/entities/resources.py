"""What the features look words up in: word counts and clusters from the unlabeled news (vocab.tsv), the
gazetteer built from CLDR/pycountry and our word lists (gazetteer.tsv, model_inputs.yaml), and the names the
model learned to expect (names.tsv); and the word lists of the span rules (lexicon.yaml). All keys are folded
(marsad.text.normalize.fold).

Loaded from one directory (the shipped `model/` at run time, a build directory during training), once.

The model's inputs are kept apart from what the rules alone read, so that editing one cannot silently put the
shipped model out of step with what it was trained on: the word lists it reads are in model_inputs.yaml, not
lexicon.yaml, and the training script writes the digests of every input (input_hashes) into meta.json, which
tests/extract/entities/test_model_inputs.py compares with the current files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import resources as _res
from pathlib import Path

import yaml

from ...text.normalize import fold

LEXICON_LISTS = ("titles", "org_heads", "org_definite", "nominals", "loc_heads", "directions", "misc_heads",
                 "misc_quote_heads", "org_quote_heads", "chain_stop", "given_names", "org_chain_heads", "not_entities",
                 "place_parts", "generic_bodies", "common_chains", "place_chain_heads",
                 "month_heads", "particles", "compound_name_tails", "compound_name_heads", "web_suffixes",
                 "linked_only", "linked_names", "adjective_places", "adjective_place_cues", "place_name_heads",
                 "event_name_heads", "definite_org_heads", "definite_event_heads", "latin_not_names",
                 "purpose_org_heads", "event_name_adjectives", "head_idioms", "heads_not_before_persons",
                 "agency_acronyms", "agency_acronyms_marked", "heads_without_construct",
                 "single_word_name_heads", "club_heads")

# the word lists a token's features say it is in («L=titles»: features.py); the other lists of LEXICON_LISTS serve
# the span rules alone, so changing them needs no retraining
FEATURE_LISTS = ("titles", "org_heads", "loc_heads", "directions", "misc_heads", "nominals")
# the word lists that become phrase-gazetteer entries (and so features), with their tag
PHRASE_LISTS = (("places", "LOC"), ("organisations", "ORG"), ("given_names", "GIVEN"))
# every list the model reads as input: exactly the lists of model_inputs.yaml
MODEL_INPUT_LISTS = FEATURE_LISTS + tuple(name for name, _ in PHRASE_LISTS)

MODEL_INPUTS_FILE = "model_inputs.yaml"
RULES_FILE = "lexicon.yaml"
# what rebuilds the model (and its meta.json) after an input changed
RETRAIN = "python training/ner/train.py --config training/ner/config.yaml"


def _load_yaml(name: str) -> dict[str, list[str]]:
    return yaml.safe_load(_res.files(__package__).joinpath(name).read_text("utf-8")) or {}


def load_model_inputs() -> dict[str, list[str]]:
    """The word lists the model reads as inputs (model_inputs.yaml), as written (not folded)."""
    return _load_yaml(MODEL_INPUTS_FILE)


def load_lexicon() -> dict[str, list[str]]:
    """Every word list, as written (not folded): the model's inputs (model_inputs.yaml) and the lists only the
    rules read (lexicon.yaml). A list lives in one file only, and the model's in model_inputs.yaml alone."""
    inputs, rules = load_model_inputs(), _load_yaml(RULES_FILE)
    misplaced = (set(inputs) ^ set(MODEL_INPUT_LISTS)) | (set(rules) & set(MODEL_INPUT_LISTS))
    if misplaced:
        raise ValueError(f"word lists in the wrong file: {sorted(misplaced)}; {MODEL_INPUTS_FILE} holds exactly "
                         f"{list(MODEL_INPUT_LISTS)}, {RULES_FILE} every other list")
    return {**inputs, **rules}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def input_hashes(directory: Path, features: dict | None = None) -> dict[str, str | None]:
    """SHA-256 of every input of the model in `directory` that is not produced with its weights, by name
    (meta.json's `inputs_sha256`; None for a file that is absent). `features`: the model's `features` options
    (meta.json), which say which of the directory's files Resources.load reads.

    - model_inputs.yaml: its lists as parsed (JSON with sorted keys), so that editing a comment is no change;
    - model/vocab.tsv, model/gazetteer.tsv, model/names.tsv (model/news_names.tsv when the model reads it): the
      files' bytes, with CRLF line ends read as LF, as Resources.load reads them.
    Not attributes.txt: it lists the CRFs' attributes with a weight, so it is part of the weights."""
    opts = {"gazetteer": True, "names": True, "news_names": False, **(features or {})}
    out: dict[str, str | None] = {
        MODEL_INPUTS_FILE: _digest(json.dumps(load_model_inputs(), ensure_ascii=False, sort_keys=True).encode())}
    for name, used in (("vocab.tsv", True), ("gazetteer.tsv", opts["gazetteer"]), ("names.tsv", opts["names"]),
                       ("news_names.tsv", opts["news_names"])):
        if used:
            path = directory / name
            out[f"model/{name}"] = _digest(path.read_bytes().replace(b"\r\n", b"\n")) if path.exists() else None
    return out


@dataclass
class Resources:
    # folded word -> count in the unlabeled news
    counts: dict[str, int] = field(default_factory=dict)
    # folded word -> cluster ids, one per granularity
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # folded phrase (space-joined tokens) -> set of gazetteer tags ("LOC", "ORG", "GIVEN", "T_PER", …)
    phrases: dict[str, frozenset[str]] = field(default_factory=dict)
    # first token of a phrase -> the phrase lengths (in tokens) that start with it, longest first
    starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # word lists of model_inputs.yaml and lexicon.yaml (LEXICON_LISTS), folded
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    # prefixes (≥ 3 letters) of place names without «ال»: evidence that «التركي» is a nationality adjective
    place_roots: frozenset[str] = frozenset()
    # first word of a news agency's acronym -> (the acronym, whether it needs a credit's place), folded
    # (rules.agency_acronyms)
    acronyms: dict[str, tuple[tuple[str, bool], ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path, extra_phrases: dict[str, set[str]] | None = None,
             use_clusters: bool = True, use_gazetteer: bool = True, use_names: bool = True,
             use_news_names: bool = True) -> "Resources":
        r = cls()
        lex = load_lexicon()
        r.lists = {k: frozenset(fold(w) for w in lex.get(k, [])) for k in LEXICON_LISTS}
        acronyms: dict[str, list[tuple[str, bool]]] = {}
        for key, marked in (("agency_acronyms", False), ("agency_acronyms_marked", True)):
            for name in r.lists[key]:
                acronyms.setdefault(name.split()[0], []).append((name, marked))
        r.acronyms = {k: tuple(v) for k, v in acronyms.items()}
        vocab = directory / "vocab.tsv"
        if vocab.exists():
            counts: dict[str, int] = {}
            cl: dict[str, tuple[str, ...]] = {}
            with open(vocab, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.rstrip("\n").split("\t")
                    counts[parts[0]] = int(parts[1])
                    if use_clusters and parts[2] != "-1":
                        cl[parts[0]] = tuple(parts[2:])
            r.counts, r.clusters = counts, cl
        phrases: dict[str, set[str]] = {}

        def add(phrase: str, tag: str) -> None:
            key = " ".join(fold(phrase).split())
            if key:
                phrases.setdefault(key, set()).add(tag)

        if use_gazetteer:
            gaz = directory / "gazetteer.tsv"
            if gaz.exists():
                with open(gaz, encoding="utf-8") as fh:
                    for line in fh:
                        phrase, tags = line.rstrip("\n").split("\t")[:2]
                        for tag in tags.split(","):
                            add(phrase, tag)
            for name, tag in PHRASE_LISTS:
                for p in lex.get(name, []):
                    add(p, tag)
        for fname, use in (("names.tsv", use_names), ("news_names.tsv", use_news_names)):
            names = directory / fname
            if use and names.exists():
                with open(names, encoding="utf-8") as fh:
                    for line in fh:
                        phrase, tags = line.rstrip("\n").split("\t")[:2]
                        for tag in tags.split(","):
                            add(phrase, tag)
        for phrase, tags in (extra_phrases or {}).items():
            for t in tags:
                add(phrase, t)
        r.set_phrases(phrases)
        roots = set()
        for phrase, tags in phrases.items():
            if "LOC" in tags and " " not in phrase:
                bare = phrase[2:] if phrase.startswith("ال") else phrase
                roots.update(bare[:k] for k in range(3, len(bare) + 1))
        r.place_roots = frozenset(roots)
        return r

    def set_phrases(self, phrases: dict[str, set[str]]) -> None:
        self.phrases = {k: frozenset(v) for k, v in phrases.items()}
        starts: dict[str, set[int]] = {}
        for k in self.phrases:
            toks = k.split(" ")
            starts.setdefault(toks[0], set()).add(len(toks))
        self.starts = {k: tuple(sorted(v, reverse=True)) for k, v in starts.items()}
