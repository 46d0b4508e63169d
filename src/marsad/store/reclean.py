"""`marsad reclean`: clean stored articles again with the evidence of the whole store.

An article ingested early in a crawl was cleaned with the evidence its own run had gathered; a menu or a
related-headlines block that recurs in the outlet's later articles was not known yet. Here every stored
article's cleaning is computed again with the store's evidence: how many distinct stories of the same outlet
(near-duplicate groups, as the store knows them) carry each of its short lines (article_lines). Where the removed
lines change, the article is analysed again from its raw input, every step after cleaning included, and its
rows are replaced (same seq and id). Articles stored before the store's version 3 kept no raw input and are
counted, not touched.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import zlib
from dataclasses import dataclass
from typing import Callable

from ..article import Article
from ..clean.evidence import eligible, line_hash
from ..clean.steps import BoilerplateCleaner
from ..errors import MarsadInputError
from ..options import Options
from ..pipeline import Pipeline
from ..read.base import raw_article
from .db import Store
from .records import to_record
from .entity_index import rebuild_entity_index
from .story_clusters import recluster
from .writer import rewrite_article

BATCH = 200
# outlets the reader gave (kept); the others were found by cleaning (source line, «وفق متابعة …», the URL) and
# are found again
_GIVEN_OUTLETS = ("given", "html_metadata")


class StoreLines:
    """The store's corpus evidence, as LineEvidence gives it from a stream: for the lines of the article being
    cleaned again (its near-duplicate group set in `group`), how many *other* stories of its outlet carry
    each."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.group = 0

    def recurrence(self, outlet: str | None, keys: list[str]) -> list[int]:
        if not outlet:
            return [0] * len(keys)
        hashes = [line_hash(outlet, k) if eligible(k) else None for k in keys]
        wanted = sorted({h for h in hashes if h is not None})
        counts: dict[int, int] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ", ".join("?" * len(chunk))
            counts.update(self.store.query(
                f"SELECT l.line_hash, COUNT(DISTINCT COALESCE(a.duplicate_of, a.seq)) FROM article_lines l "
                f"JOIN articles a ON a.seq = l.article_seq WHERE l.line_hash IN ({marks}) "
                f"AND COALESCE(a.duplicate_of, a.seq) <> ? GROUP BY l.line_hash", [*chunk, self.group]))
        return [counts.get(h, 0) if h is not None else 0 for h in hashes]


@dataclass
class RecleanSummary:
    checked: int = 0
    changed: int = 0
    without_raw: int = 0
    errors: int = 0


def stored_article(doc: dict, raw_z: bytes) -> Article:
    """The raw article a stored one was analysed from, as its reader made it."""
    src = doc["source"]
    article = raw_article(zlib.decompress(raw_z).decode("utf-8", "surrogatepass"), src["format"],
                          path=src["path"], id=doc["id"], title=doc["title"], url=src["url"],
                          published=doc["published"],
                          outlet=src["outlet"] if src["outlet_rule"] in _GIVEN_OUTLETS else None,
                          has_lines=src["format"] not in ("html", "warc"))
    if src["outlet_rule"] == "html_metadata":
        article.source.outlet_rule = "html_metadata"
    return article


def reclean(store: Store, options: Options | None = None,
            on_progress: Callable[[int], None] | None = None) -> RecleanSummary:
    """Clean every stored article again with the store's evidence; analyse again those whose removed lines
    change. `on_progress(n)` after each batch of articles checked."""
    lines = StoreLines(store)
    options = dataclasses.replace(options or Options(), evidence=lines, budget=None)
    pipeline = Pipeline.standard(options)
    cleaner = next(s for s in pipeline.steps if isinstance(s, BoilerplateCleaner))
    summary = RecleanSummary()
    last = 0
    while True:
        rows = store.query("SELECT seq, raw_z, doc_json, duplicate_of FROM articles WHERE seq > ? ORDER BY seq "
                           "LIMIT ?", (last, BATCH))
        if not rows:
            break
        for seq, raw_z, doc_json, duplicate_of in rows:
            last = seq
            summary.checked += 1
            if raw_z is None:
                summary.without_raw += 1
                continue
            doc = json.loads(doc_json)
            article = stored_article(doc, bytes(raw_z))
            lines.group = duplicate_of or seq
            trial = copy.deepcopy(article)
            cleaner.process(trial)
            # the text too: HTML pages have no line numbers
            if ([(r.line, r.text, r.reason) for r in trial.removed]
                    == [(r["line"], r["text"], r["reason"]) for r in doc["removed"]]):
                continue
            try:
                analysed = pipeline.process(article)
            except MarsadInputError:
                summary.errors += 1  # e.g. nothing left once cleaned: the stored analysis stays
                continue
            with store.transaction():
                rewrite_article(store, seq, to_record(analysed))
            summary.changed += 1
        if on_progress:
            on_progress(len(rows))
    if summary.changed:
        recluster(store)  # texts changed: every story vector with them
        rebuild_entity_index(store)
    return summary

