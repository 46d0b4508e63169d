"""The shipped CRF and its resources, loaded lazily, once per process (the first article that needs them pays
the load; nothing happens at import). No network, ever: everything is in `model/` beside this file.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from .features import Featurizer
from .resources import Resources

MODEL_DIR = Path(__file__).resolve().parent / "model"

_LOCK = threading.Lock()
_LOADED: dict[Path, "Tagger"] = {}


class Tagger:
    """BIO tags for token sequences: CRF, then document-level consistency (when the model was built with it)."""

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
        self.featurizer = Featurizer(self.res, char_ngrams=opts.get("char_ngrams", False), known=known)
        self.doc_consistency = self.meta.get("doc_consistency", True)

    def tag(self, toks: list[str]) -> list[str]:
        if not toks:
            return []
        return self.crf.tag(self.featurizer.sentence(toks))

    def tag_document(self, sents: list[list[str]], consistency: bool | None = None) -> list[list[str]]:
        return self.analyse_document(sents, consistency)[0]

    def analyse_document(self, sents: list[list[str]], consistency: bool | None = None):
        """(tags, token analyses) of a document's sentences."""
        fz = self.featurizer
        an = [[fz.analyse(t) for t in s] for s in sents]
        xs = [fz.sentence(s, a) if s else [] for s, a in zip(sents, an)]
        tags = [self.crf.tag(x) if x else [] for x in xs]
        if self.crf2 is not None:
            from .stacking import doc_features

            d = doc_features(an, tags)
            if self.meta.get("stacking_features", "full") == "light":
                xs = [[t[5] for t in a] for a in an]
            tags = [self.crf2.tag([a + b for a, b in zip(x, dx)]) if x else [] for x, dx in zip(xs, d)]
        if self.doc_consistency if consistency is None else consistency:
            from .consistency import propagate

            propagate(sents, tags, fz, an=an)
        return tags, an


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
