"""What every page counts with: each article's outlet, published day and duplicate mark, and the store-wide
totals that charts divide by (articles per day, per outlet), read once per store state and cached.

Facets and timelines are then counted in memory over the seqs a query matched, instead of one SQL aggregate per
facet re-running the full-text match each time. A store is read-only for the server but may grow under a
concurrent `marsad ingest`: the cache is keyed on the number of articles and the last seq, so a grown store is
read again and an unchanged one is not. About 100 bytes per article: 100 MB for a million.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field

from ..store.db import Store

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, "StoreTotals"]] = {}


@dataclass
class StoreTotals:
    outlet: dict[int, str | None] = field(default_factory=dict)
    day: dict[int, str | None] = field(default_factory=dict)
    duplicate: set[int] = field(default_factory=set)
    days: Counter = field(default_factory=Counter)          # originals per published day
    outlets: Counter = field(default_factory=Counter)       # originals per outlet
    originals: int = 0                                      # stored articles that are no duplicate


def _state(store: Store) -> tuple:
    return tuple(store.query("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM articles")[0])


def totals(store: Store) -> StoreTotals:
    state = _state(store)
    with _lock:
        cached = _cache.get(store.url)
        if cached and cached[0] == state:
            return cached[1]
    found = StoreTotals()
    for seq, outlet, day, dup in store.query("SELECT seq, outlet, published_date, duplicate_of FROM articles"):
        found.outlet[seq] = outlet
        found.day[seq] = day
        if dup is not None:
            found.duplicate.add(seq)
        else:
            found.days[day] += 1
            found.outlets[outlet] += 1
            found.originals += 1
    with _lock:
        _cache[store.url] = (state, found)
    return found
