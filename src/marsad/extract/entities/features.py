"""CRF features of a tokenised sentence.

Per word type (cached, so a word costs one dictionary lookup after its first sighting): the folded form, the
clitic-stripped stem and the bare stem without «ال», affixes, shape (digits, Latin, punctuation), news clusters
at three granularities, gazetteer and word-list membership. Per position: those of the word and a subset of its
neighbours' within ±2, word bigrams, and gazetteer phrase matches (longest match over stems, B/I tagged).
Training and run time call the same `Featurizer`, so they cannot drift apart.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ...text.normalize import fold
from .clitics import split
from .resources import FEATURE_LISTS, Resources

_LATIN = re.compile(r"[a-z]")
_DIGIT = re.compile(r"\d")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_NISBA = ("يين", "يون", "يان", "يتين", "يه", "ي")
_OFFSETS = (-2, -1, 1, 2)
# FEATURE_LISTS (resources.py) are the word lists a token's features say it is in («L=titles»): they are in
# model_inputs.yaml, with the phrase lists; lexicon.yaml's lists serve the span rules alone
_NO_TAGS: list[str] = []  # phrase_tags' shared "no match": never written to
_BOUND = tuple(f"{o}:BOUND" for o in _OFFSETS)
LIGHT = frozenset({"w=", "s=", "k0", "k1", "k2", "g=", "L=", "pc"})
# the features the network sees as 0/1 inputs; word identity and clusters reach it as vectors instead
_FLAG_PREFIX = ("g=", "L=", "freq=")
_FLAG_EXACT = frozenset({"al", "digit", "hasdigit", "latin", "cap", "allcaps", "punct", "nisba", "oov", "nocl"})


class NetworkKey(NamedTuple):
    """What the network reads of a token type (network.Network.tag's token, the key of its type cache): equal to,
    and hashed as, the plain tuple (folded, stem, flags)."""

    folded: str
    stem: str
    flags: tuple[str, ...]


class Analysis(NamedTuple):
    """One token as every stage reads it (Featurizer.analyse)."""

    folded: str              # the token folded (marsad.text.normalize.fold), or the token itself if that is empty
    proclitic_len: int       # letters of `folded` that are proclitics (clitics.split's plain reading), 0 if none
    stem: str                # `folded` without them
    features: list[str] | None   # the token's own CRF features, unfiltered (None: not kept, see Featurizer)
    context: list[str] | None    # the features its neighbours see, without their «-1:»-style prefix
    token: str               # the token as written
    flags: tuple[str, ...]   # the network's 0/1 inputs (_FLAG_PREFIX, _FLAG_EXACT and «pc»)
    net_key: NetworkKey      # (folded, stem, flags)


class CrfView(NamedTuple):
    """An analysed token's features as the CRFs read them (Featurizer.crf_view)."""

    own: list[str]                       # its own features (at run time only those the CRFs have weights for)
    by_offset: tuple[list[str], ...]     # its context features, prefixed, for each neighbour offset in _OFFSETS
    light: list[str]                     # the features a light second stage keeps (LIGHT: identity, clusters, lists)


class Featurizer:
    # distinct tokens whose Analysis is kept: about 2.3 KB each with their CRF feature lists, 0.5 KB without
    cache_limit = 30_000

    def __init__(self, res: Resources, window: int = 2, char_ngrams: bool = False,
                 known: frozenset[str] | None = None, keep_crf_features: bool = True) -> None:
        self.res = res
        # False where no CRF runs (the shipped network alone): the cached analyses then hold no CRF feature
        # lists (`features`, `context` are None), which were four fifths of a worker's cache memory; crf_view
        # computes them again if a CRF is switched on later
        self.keep_crf_features = keep_crf_features
        self.window = window
        self.char_ngrams = char_ngrams
        # at run time, the attributes the model has weights for: the rest cost time and change nothing
        self.known = known
        # per neighbour offset, the known context features without their «-1:» prefix, so that unknown
        # prefixed strings are never built
        known_ctx: dict[str, set[str]] = {f"{o}:": set() for o in _OFFSETS}
        for x in known or ():
            o, sep, rest = x.partition(":")
            if sep and o + sep in known_ctx:
                known_ctx[o + sep].add(rest)
        self._ctx_specs = [(f"{o}:", known_ctx[f"{o}:"]) for o in _OFFSETS]
        self._cache: dict[str, Analysis] = {}
        self._crf_cache: dict[str, CrfView] = {}

    def analyse(self, tok: str) -> Analysis:
        """The Analysis of one token (folded form, proclitic length, stem, own and context features, the token,
        the network's flags and key): what every stage reads. The CRF's filtered views of the two feature lists
        come from crf_view, only when a CRF runs: the shipped network alone never needs them, and they were a
        quarter of the analysis' cost."""
        hit = self._cache.get(tok)
        if hit is not None:
            return hit
        out = self._analyse(tok)
        if not self.keep_crf_features:
            out = out._replace(features=None, context=None)
        if len(self._cache) >= self.cache_limit:
            self._cache.clear()
        self._cache[tok] = out
        return out

    def _analyse(self, tok: str) -> Analysis:
        """analyse() without its cache, the CRF feature lists always included."""
        res = self.res
        w = fold(tok) or tok
        plen, stem = split(w, res)
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
        f = [f"w={w}", f"s={stem}", f"b={bare}", f"p2={w[:2]}", f"p3={w[:3]}", f"x1={w[-1:]}",
             f"x2={w[-2:]}", f"x3={w[-3:]}", f"bp2={bare[:2]}", f"bp3={bare[:3]}", f"bx2={bare[-2:]}",
             f"bx3={bare[-3:]}", f"len={min(len(bare), 8)}"]
        if plen:
            f.append(f"pc={w[:plen]}")
        if stem.startswith("ال"):
            f.append("al")
        if _DIGIT.search(w):
            f.append("digit" if w.isdigit() else "hasdigit")
        if _LATIN.search(w):
            f.append("latin")
            if tok[:1].isupper():
                f.append("cap")
            if tok.isupper() and len(tok) > 1:
                f.append("allcaps")
        elif not _ARABIC.search(w) and not _DIGIT.search(w):
            f.append("punct")
        if self.char_ngrams and len(bare) > 3:
            f += [f"c3={bare[i:i + 3]}" for i in range(1, len(bare) - 3)]
        ctx = [f"w={w}", f"s={stem}"]
        cl = res.clusters.get(w) or res.clusters.get(stem) or res.clusters.get(bare)
        if cl:
            f += [f"k{i}={c}" for i, c in enumerate(cl)]
            ctx += [f"k{i}={c}" for i, c in enumerate(cl) if i > 0]
        else:
            f.append("oov" if w not in res.counts else "nocl")
        n = res.counts.get(stem, 0)
        f.append(f"freq={len(str(n))}")
        tags = set()
        for key in {stem, bare, w}:
            tags |= res.phrases.get(key, frozenset())
        for t in sorted(tags):
            f.append(f"g={t}")
            ctx.append(f"g={t}")
        lists = res.lists
        for name in FEATURE_LISTS:
            if stem in lists[name] or bare in lists[name]:
                f.append(f"L={name}")
                ctx.append(f"L={name}")
        if stem.startswith("ال") and not tags:
            for suf in _NISBA:
                if bare.endswith(suf) and bare[: -len(suf)] in res.place_roots:
                    f.append("nisba")
                    ctx.append("nisba")
                    break
        # the binary inputs of the network (network.py): all of them, while the CRF's view (crf_view) keeps only
        # what the CRF has weights for
        flags = tuple(x for x in f if x in _FLAG_EXACT or x.startswith(_FLAG_PREFIX))
        if plen:
            flags += ("pc",)
        return Analysis(w, plen, stem, f, ctx, tok, flags, NetworkKey(w, stem, flags))

    def crf_view(self, a: Analysis) -> CrfView:
        """The CrfView of an analysed token (own features, context features per offset in _OFFSETS, light
        features), as the CRFs read them: at run time only the attributes they have weights for (cached per
        token)."""
        hit = self._crf_cache.get(a.token)
        if hit is not None:
            return hit
        if a.features is None:  # analysed without them (keep_crf_features)
            a = self._analyse(a.token)
        f, ctx, known = a.features, a.context, self.known
        if known is None:
            by_off = tuple([pre + x for x in ctx] for pre, _ in self._ctx_specs)
        else:
            f = [x for x in f if x in known]
            by_off = tuple([pre + x for x in ctx if x in kc] for pre, kc in self._ctx_specs)
        # the word's own identity, clusters and lists: what a light second stage sees (stacking.py)
        out = CrfView(f, by_off, [x for x in f if x[:2] in LIGHT])
        if len(self._crf_cache) >= self.cache_limit:
            self._crf_cache.clear()
        self._crf_cache[a.token] = out
        return out

    def sentence(self, toks: list[str], an: list[Analysis] | None = None,
                 gaz: list[list[str]] | None = None) -> list[list[str]]:
        """Feature lists for the tokens of one sentence (`an`, `gaz`: their analyses and phrase tags, when the
        caller has them)."""
        if an is None:
            an = [self.analyse(t) for t in toks]
        n = len(an)
        out: list[list[str]] = []
        if gaz is None:
            gaz = self.phrase_tags(an)
        known = self.known
        views = [self.crf_view(a) for a in an]
        for i, a in enumerate(an):
            f = list(views[i].own)
            for k, o in enumerate(_OFFSETS):
                j = i + o
                if 0 <= j < n:
                    f += views[j].by_offset[k]
                elif j == -1 or j == n:
                    f.append(_BOUND[k])
            prev_w = an[i - 1].folded if i else "<s>"
            next_w = an[i + 1].folded if i + 1 < n else "</s>"
            bg = (f"bg-={prev_w}|{a.folded}", f"bg+={a.folded}|{next_w}")
            f += bg if known is None else [x for x in bg if x in known]
            if gaz[i]:
                f += gaz[i]
                for o in (-1, 1):
                    j = i + o
                    if 0 <= j < n and gaz[j]:
                        f += [f"{o}:{x}" for x in gaz[j]]
            out.append(f)
        return out

    def phrase_tags(self, an: list[Analysis]) -> list[list[str]]:
        """B-/I- gazetteer tags from the longest phrase match at each position (stems for the first token)."""
        res = self.res
        n = len(an)
        # most tokens match no phrase: they share one empty list (callers only read these lists), instead of a
        # new list per token (3 % of a cold run); a matched token gets a list of its own below
        tags: list[list[str]] = [_NO_TAGS] * n
        i = 0
        while i < n:
            first = an[i].stem
            lens = res.starts.get(first) or res.starts.get(an[i].folded)
            matched = 0
            if lens:
                for ln in lens:
                    if ln < 2 or i + ln > n:
                        continue
                    key = " ".join([first] + [an[j].folded for j in range(i + 1, i + ln)])
                    hit = res.phrases.get(key)
                    if hit:
                        # sorted: the set's own order follows the process' string hashing, and training caches
                        # featurized sentences by their content
                        for t in sorted(hit):
                            tags[i] = [*tags[i], f"gB={t}"]
                            for j in range(i + 1, i + ln):
                                tags[j] = [*tags[j], f"gI={t}"]
                        matched = ln
                        break
            i += matched or 1
        return tags
