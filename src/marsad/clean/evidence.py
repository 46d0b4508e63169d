"""Corpus evidence for cleaning: how many other stories of the same outlet carry a line, word for word.

A menu, a byline formula, an agency line or the headline of another story recurs in many articles of its outlet;
a body line recurs only in copies of the same story. On the boilerplate pages annotated for this project, 38 of
73 non-article lines recurred elsewhere in the news corpora, 13 of 371 body lines did, nearly all in copies of
their own story. So a line counts the distinct *stories* it appears in, not the articles: copies of one story
share their longest line (their lead paragraph), which is the story's key here; the store uses its own
near-duplicate groups instead (store/reclean.py).

`LineEvidence` counts in bounded memory for streams of any length (lossy counting: every `bucket` articles,
lines seen in a single story and not since the last bucket are forgotten; what recurs survives), and is what
`marsad extract` and `marsad ingest` gather in a first, read-only pass over their inputs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable

from ..text.normalize import fold, strip_invisible

# lines longer than this are body paragraphs: no evidence is kept for them. Other stories' headlines have 4-20
# words, but CNN and Sky News end pages with other stories' whole lead paragraphs (30-60 words)
MAX_WORDS = 80
STORY_MIN_WORDS = 8
# distinct stories remembered per line: the classifier's feature saturates long before
MAX_STORIES = 16
BUCKET = 20_000


def line_key(folded_line: str) -> str:
    """What two lines must share to be the same line: the folded words, spacing and punctuation aside."""
    return " ".join(w.strip("-–—|•·*:.،,!؟?»«\"'“”()[]") for w in folded_line.split()).strip()


def line_hash(outlet: str, key: str) -> int:
    """A 63-bit hash of the outlet and the line key (fits a SQL INTEGER)."""
    digest = hashlib.blake2b(f"{outlet}\x00{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def eligible(key: str) -> bool:
    n = len(key.split())
    return 0 < n <= MAX_WORDS and any(c.isalpha() for c in key)


def story_key(keys: list[str]) -> int:
    """The story an article tells: its longest line of 8 words or more in the first half of the page, where its
    lead stands (the end may hold other stories' leads, the start a menu of short lines); copies of one
    story share it."""
    lines = [k for k in keys if k]
    first_half = [k for k in lines[:max(1, (len(lines) + 1) // 2)] if len(k.split()) >= STORY_MIN_WORDS]
    longest = max(first_half or lines, key=len, default="")
    return line_hash("", longest)


def page_keys(raw: str) -> list[str]:
    """The line keys of a raw page, one per line (as the cleaner splits it)."""
    text = strip_invisible(raw.replace("\r\n", "\n").replace("\r", "\n"))
    return [line_key(k) for k in fold(text).split("\n")]


def folded_keys(folded_lines: list[str]) -> list[str]:
    """page_keys from the page's lines already folded (the cleaner folds each page once)."""
    return [line_key(k) for k in folded_lines]


@dataclass
class _Entry:
    stories: set[int]
    bucket: int


@dataclass
class LineEvidence:
    bucket: int = BUCKET
    entries: dict[int, _Entry] = field(default_factory=dict)
    articles: int = 0

    def observe(self, outlet: str | None, keys: list[str], title: str | None = None) -> None:
        """Count one article's lines (its line keys, page_keys) for its outlet. Its title counts as one of its
        lines: another page that carries it word for word carries this story's headline (BBC and France 24
        insert other stories' headlines between paragraphs)."""
        if not outlet:
            return
        self.observe_hashes(story_key(keys), line_hashes(outlet, keys, title))

    def observe_hashes(self, story: int, hashes: Iterable[int]) -> None:
        """`observe` from an article's story key and line hashes (what `article_evidence` gives), as a
        distributed run sends them from its workers."""
        self.articles += 1
        current = self.articles // self.bucket
        for h in set(hashes):
            entry = self.entries.get(h)
            if entry is None:
                self.entries[h] = _Entry({story}, current)
            else:
                if len(entry.stories) < MAX_STORIES:
                    entry.stories.add(story)
                entry.bucket = current
        if self.articles % self.bucket == 0:
            self._forget(current)

    def _forget(self, current: int) -> None:
        stale = [h for h, e in self.entries.items() if len(e.stories) == 1 and e.bucket < current]
        for h in stale:
            del self.entries[h]

    def recurrence(self, outlet: str | None, keys: list[str]) -> list[int]:
        """For each line of a page: how many *other* stories of its outlet carry it (0 for ineligible lines)."""
        if not outlet:
            return [0] * len(keys)
        story = story_key(keys)
        out = []
        for k in keys:
            entry = self.entries.get(line_hash(outlet, k)) if eligible(k) else None
            out.append(0 if entry is None else len(entry.stories) - (story in entry.stories))
        return out

    def __len__(self) -> int:
        return len(self.entries)


def line_hashes(outlet: str, keys: list[str], title: str | None = None) -> list[int]:
    """The hashes an article contributes to the evidence: its eligible lines and its title, under its outlet."""
    own = keys + [line_key(fold(title))] if title else keys
    return [line_hash(outlet, k) for k in own if eligible(k)]


def article_evidence(article) -> tuple[int, list[int]] | None:
    """What one raw article adds to the evidence (its story key and line hashes), or None (no outlet, no text):
    `gather` on one machine, the Ray executor's workers on many."""
    raw = getattr(article, "raw", None)
    outlet = outlet_of(article) if raw else None
    if not outlet:
        return None
    keys = page_keys(raw)
    return story_key(keys), line_hashes(outlet, keys, article.title)


def outlet_of(article) -> str | None:
    """The outlet a page is counted under: the one the input names, else its URL's host."""
    from .outlet import outlet_from_url

    src = article.source
    return src.outlet or outlet_from_url(src.url)


def gather(articles: Iterable, bucket: int = BUCKET) -> LineEvidence:
    """Evidence from a stream of raw articles (readers' output; errors are skipped)."""
    evidence = LineEvidence(bucket=bucket)
    for article in articles:
        seen = article_evidence(article)
        if seen is not None:
            evidence.observe_hashes(*seen)
    return evidence
