"""The shipped entity models and their resources, loaded lazily, once per process (the first article that needs
them pays the load; nothing happens at import). Nothing is fetched, ever: everything is in `model/` beside
this file.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import NamedTuple

from .combine import fill
from .consistency import propagate
from .features import Analysis, Featurizer
from .resources import Resources

MODEL_DIR = Path(__file__).resolve().parent / "model"

_LOCK = threading.Lock()
_LOADED: dict[Path, "Tagger"] = {}


class DocumentTags(NamedTuple):
    """What Tagger.analyse_document gives for a document, per sentence and per token."""

    tags: list[list[str]]             # BIO tags
    analyses: list[list[Analysis]]    # the featurizer's analyses (Featurizer.analyse)
    origin: list[list[str]]           # the model behind each tag: "network" or "crf"


class Tagger:
    """BIO tags for token sequences: the network (when the model has one) and/or the CRF, as the model's meta
    says, then document-level consistency (when the model was built with it)."""

    def __init__(self, directory: Path, res: Resources | None = None, meta: dict | None = None) -> None:
        import pycrfsuite

        self.directory = directory
        self.meta = meta or json.loads((directory / "meta.json").read_text("utf-8"))
        opts = self.meta.get("features", {})
        self.res = res or Resources.load(directory, use_clusters=opts.get("clusters", True),
                                         use_gazetteer=opts.get("gazetteer", True),
                                         use_names=opts.get("names", True),
                                         use_news_names=opts.get("news_names", False))
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(directory / "ner.crfsuite"))
        # attributes.txt (written by training) lists the attributes with a non-zero weight; parsing the
        # model's own dump for them takes seconds
        attrs = directory / "attributes.txt"
        if attrs.exists():
            known = frozenset(attrs.read_text("utf-8").split("\n"))
        else:
            known = frozenset(attr for attr, _ in self.crf.info().state_features)
        self.crf2 = None
        if (directory / "ner2.crfsuite").exists() and self.meta.get("stacking", False):
            self.crf2 = pycrfsuite.Tagger()
            self.crf2.open(str(directory / "ner2.crfsuite"))
            if not attrs.exists():
                known |= frozenset(attr for attr, _ in self.crf2.info().state_features)
        # which CRF fills the gaps the network leaves: "two-stage", "first-stage" (no second CRF) or "none"
        self.fill = self.meta.get("network_fill", "two-stage")
        network = self.meta.get("network", False)
        self.featurizer = Featurizer(self.res, char_ngrams=opts.get("char_ngrams", False), known=known,
                                     keep_crf_features=not network or self.fill != "none")
        self.doc_consistency = self.meta.get("doc_consistency", True)
        self.network = None
        if network:
            from .network import NPZ, Network

            self.network = Network(directory / NPZ)

    def tag(self, toks: list[str]) -> list[str]:
        if not toks:
            return []
        return self.crf.tag(self.featurizer.sentence(toks))

    def tag_document(self, sents: list[list[str]], consistency: bool | None = None) -> list[list[str]]:
        return self.analyse_document(sents, consistency).tags

    def analyse_document(self, sents: list[list[str]], consistency: bool | None = None) -> DocumentTags:
        """The DocumentTags (tags, token analyses, origin) of a document's sentences: the network's entities
        (when the model has one), then the CRF's where the network found none (as the model's `network_fill`
        says), each after its own document consistency; `origin` names the model behind each token's tag
        ("network" or "crf")."""
        return self.analyse_documents([sents], consistency)[0]

    def analyse_documents(self, docs: list[list[list[str]]], consistency: bool | None = None) -> list[DocumentTags]:
        """analyse_document of several documents at once: the network tags all their sentences in one call (its
        recurrence costs one Python iteration per token position, however many sentences run beside each other,
        so a group of articles costs little more than its longest sentence); the rest is per document."""
        fz = self.featurizer
        ans = [[[fz.analyse(t) for t in s] for s in sents] for sents in docs]
        gazs = [[fz.phrase_tags(a) for a in an] for an in ans]
        consistent = self.doc_consistency if consistency is None else consistency
        if self.network is None:
            return [DocumentTags(self.crf_tags(sents, an, gaz, consistent, 2), an, [["crf"] * len(s) for s in sents])
                    for sents, an, gaz in zip(docs, ans, gazs)]
        flat = self.network.tag([[x.net_key for x in a] for an in ans for a in an],
                                [g for gaz in gazs for g in gaz])
        out = []
        at = 0
        for sents, an, gaz in zip(docs, ans, gazs):
            net, at = flat[at:at + len(sents)], at + len(sents)
            if consistent:
                propagate(sents, net, fz, an=an)
            if self.fill == "none":
                out.append(DocumentTags(net, an, [["network"] * len(s) for s in sents]))
                continue
            stages = 2 if self.fill == "two-stage" else 1
            filled = fill(net, self.crf_tags(sents, an, gaz, consistent, stages))
            out.append(DocumentTags(filled.tags, an, filled.origin))
        return out

    def crf_tags(self, sents: list[list[str]], an: list[list[Analysis]], gaz: list[list[list[str]]],
                  consistent: bool, stages: int) -> list[list[str]]:
        """The CRF's tags of a document (`stages`: 1 for the first CRF alone, 2 with the second)."""
        fz = self.featurizer
        xs = [fz.sentence(s, a, g) if s else [] for s, a, g in zip(sents, an, gaz)]
        tags = [self.crf.tag(x) if x else [] for x in xs]
        if self.crf2 is not None and stages == 2:
            from .stacking import doc_features

            d = doc_features(an, tags)
            if self.meta.get("stacking_features", "full") == "light":
                xs = [[fz.crf_view(t).light for t in a] for a in an]
            tags = [self.crf2.tag([a + b for a, b in zip(x, dx)]) if x else [] for x, dx in zip(xs, d)]
        if consistent:
            propagate(sents, tags, fz, an=an)
        return tags


def tagger(directory: Path | None = None) -> Tagger:
    """The process-wide tagger for `directory` (the shipped model by default), loaded on first use."""
    # MODEL_DIR is already resolved: resolving a path costs system calls, and this runs once per article
    directory = MODEL_DIR if directory is None else directory.resolve()
    hit = _LOADED.get(directory)
    if hit is None:
        with _LOCK:
            hit = _LOADED.get(directory)
            if hit is None:
                hit = _LOADED[directory] = Tagger(directory)
    return hit
