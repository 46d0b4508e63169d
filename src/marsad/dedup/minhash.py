"""MinHash signatures and LSH band keys over normalised word shingles (rensa: a Rust MinHash on PyPI,
about ten times faster than datasketch here). The same functions serve the local store and the Ray job."""

from __future__ import annotations

import hashlib
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from rensa import RMinHash

from ..text.normalize import fold

_WORD = re.compile(r"[0-9a-z\u0621-\u064A\u0671-\u06D3]+")


@dataclass(frozen=True, slots=True)
class DedupParams:
    shingle_words: int
    num_perm: int
    bands: int
    seed: int
    near_duplicate: float
    story_similarity: float
    story_days: int
    story_title_weight: int
    story_entity_weight: int
    story_top_terms: int
    story_posting_terms: int
    story_centroid_terms: int
    story_idf_prior: int

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands


@lru_cache(maxsize=1)
def params() -> DedupParams:
    data = yaml.safe_load(resources.files(__package__).joinpath("params.yaml").read_text("utf-8"))
    p = DedupParams(**data)
    if p.num_perm % p.bands:
        raise ValueError("dedup params: num_perm must be a multiple of bands")
    return p


def shingles(text: str, k: int | None = None) -> list[str]:
    """Runs of k folded words; a text shorter than k words is one shingle."""
    k = k or params().shingle_words
    words = _WORD.findall(fold(text))
    if len(words) <= k:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + k]) for i in range(len(words) - k + 1)]


def exact_key(text: str) -> str:
    """The exact-duplicate key: SHA-256 of the folded words (spacing, punctuation and spelling variants aside)."""
    return hashlib.sha256(" ".join(_WORD.findall(fold(text))).encode("utf-8")).hexdigest()


def signature(text: str) -> bytes:
    """The MinHash signature of a text's shingles, as num_perm little-endian uint32."""
    p = params()
    m = RMinHash(num_perm=p.num_perm, seed=p.seed)
    m.update(shingles(text))
    return array("I", m.digest()).tobytes()


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per LSH band (stable across processes and machines: blake2b, not hash())."""
    p = params()
    width = p.rows * 4
    out = []
    for b in range(p.bands):
        digest = hashlib.blake2b(sig[b * width:(b + 1) * width], digest_size=8, person=b.to_bytes(2, "little"))
        out.append(int.from_bytes(digest.digest(), "little", signed=True))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity: the share of equal signature positions."""
    x, y = array("I"), array("I")
    x.frombytes(a)
    y.frombytes(b)
    if len(x) != len(y) or not x:
        return 0.0
    return sum(1 for i, j in zip(x, y) if i == j) / len(x)
