"""What the features look words up in: word counts and clusters from the unlabeled news (vocab.tsv), the
gazetteer built from CLDR/pycountry and our word lists (gazetteer.tsv, lexicon.yaml), and the names the model
learned to expect (names.tsv). All keys are folded (marsad.text.normalize.fold).

Loaded from one directory (the shipped `model/` at run time, a build directory during training), once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources as _res
from pathlib import Path

import yaml

from ...text.normalize import fold

LEXICON_LISTS = ("titles", "org_heads", "org_definite", "nominals", "loc_heads", "directions", "misc_heads",
                 "misc_quote_heads", "org_quote_heads", "chain_stop", "given_names", "org_chain_heads", "not_entities",
                 "place_parts", "generic_bodies", "common_chains", "place_chain_heads",
                 "month_heads", "particles", "compound_name_tails", "compound_name_heads", "web_suffixes",
                 "linked_only", "linked_names", "adjective_places", "adjective_place_cues")


# the lexicon.yaml lists that become phrase-gazetteer entries (and so features), with their tag
PHRASE_LISTS = (("places", "LOC"), ("organisations", "ORG"), ("given_names", "GIVEN"))


def load_lexicon() -> dict[str, list[str]]:
    return yaml.safe_load(_res.files(__package__).joinpath("lexicon.yaml").read_text("utf-8"))


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
    # word lists of lexicon.yaml, folded
    lists: dict[str, frozenset[str]] = field(default_factory=dict)
    # prefixes (≥ 3 letters) of place names without «ال»: evidence that «التركي» is a nationality adjective
    place_roots: frozenset[str] = frozenset()

    @classmethod
    def load(cls, directory: Path, extra_phrases: dict[str, set[str]] | None = None,
             use_clusters: bool = True, use_gazetteer: bool = True, use_names: bool = True,
             use_news_names: bool = True) -> "Resources":
        r = cls()
        lex = load_lexicon()
        r.lists = {k: frozenset(fold(w) for w in lex.get(k, [])) for k in LEXICON_LISTS}
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
