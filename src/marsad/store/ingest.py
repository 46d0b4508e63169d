"""`marsad ingest`: every input through the full pipeline, in parallel, into the store.

Idempotent: an article already stored (same id and raw input, records.doc_key) is skipped before analysis.
Resumable: articles are committed in small batches, in input order; a kill at any moment loses only the open
batch, and a rerun skips what was committed and continues, ending with the same store as an uninterrupted run.
Per-document errors go to the errors table (once each), to `on_error` (every time: a rerun over the same bad
input fails again), and the batch goes on. Several ingests may write to one store at once: what another one
stored meanwhile is skipped when the batch is written, not only before it is analysed.

One id names one article: an article whose id is already stored with another text (or given twice in one run)
is refused with E052 instead of being stored under the same id.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..article import Article
from ..errors import MarsadInputError
from ..options import Options
from ..read.dispatch import read_paths
from ..run.local import LocalExecutor, batched
from .db import Store
from .records import doc_key, to_record
from .entity_index import rebuild_entity_index
from .story_clusters import rebuild_stories
from .writer import existing_keys, stored_ids, write_article, write_error

BATCH = 200  # articles per transaction: small enough that a kill loses little, large enough to amortise fsync


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0
    errors: Counter = field(default_factory=Counter)   # by code: errors the store had not recorded before
    failed: Counter = field(default_factory=Counter)   # by code: every input of this run that failed
    duplicates: int = 0
    stories: int = 0
    entities: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.added / self.seconds if self.seconds else 0.0


def ingest(store: Store, paths: Iterable[str], options: Options | None = None, workers: int | None = None,
           batch_size: int = BATCH, on_progress: Callable[[int], None] | None = None,
           stdin_format: str = "text", on_error: Callable[[MarsadInputError], None] | None = None) -> IngestSummary:
    """Analyse and store every article of `paths`; `on_progress(n)` is called after each committed batch and
    `on_error(err)` for every input that failed."""
    summary = IngestSummary()
    start = time.perf_counter()
    # the worker turns each analysed article into store rows (search terms, signature), so the writer only runs SQL
    with LocalExecutor(options, workers, finish=to_record) as executor:
        for batch in batched(read_paths(paths, stdin_format=stdin_format), batch_size):
            _ingest_batch(store, executor, batch, summary, on_error)
            if on_progress:
                on_progress(len(batch))
    summary.stories = rebuild_stories(store)
    # the index is rebuilt from every mention: only when this run stored something
    summary.entities = (rebuild_entity_index(store) if summary.added
                        else store.scalar("SELECT COUNT(*) FROM entity_index") or 0)
    summary.seconds = time.perf_counter() - start
    return summary


def _ingest_batch(store: Store, executor: LocalExecutor, batch: list, summary: IngestSummary,
                  on_error: Callable[[MarsadInputError], None] | None = None) -> None:
    errors = [item for item in batch if isinstance(item, MarsadInputError)]
    articles = [item for item in batch if isinstance(item, Article)]
    keys = [doc_key(a) for a in articles]
    stored = existing_keys(store, keys)
    todo, seen = [], set(stored)
    for article, key in zip(articles, keys):
        if key in seen:
            summary.skipped += 1  # stored by an earlier run, or repeated in this input
            continue
        seen.add(key)
        todo.append(article)
    results = executor.map(todo)
    with store.transaction():
        records = [r for r in results if not isinstance(r, MarsadInputError)]
        errors += [r for r in results if isinstance(r, MarsadInputError)]
        # inside the write lock: what a concurrent ingest stored since this batch was read
        stored_now = existing_keys(store, [r.doc_key for r in records])
        ids = stored_ids(store, [r.doc["id"] for r in records])
        for record in records:
            if record.doc_key in stored_now:
                summary.skipped += 1
                continue
            doc = record.doc
            other = ids.get(doc["id"])
            if other is not None and other != record.doc_key:
                errors.append(MarsadInputError("E052", f"the id {doc['id']!r} already names another article: "
                                                       "give each article its own id", doc["source"]["path"],
                                               record.line, record.record))
                continue
            _, duplicate_of = write_article(store, record)
            ids[doc["id"]] = record.doc_key
            summary.added += 1
            summary.duplicates += duplicate_of is not None
        for err in errors:
            summary.failed[err.code] += 1
            if on_error:
                on_error(err)
            if write_error(store, err):
                summary.errors[err.code] += 1
