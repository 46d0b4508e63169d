"""The search page: hits with snippets, counts, pages, facets, attention over time and the per-outlet breakdown.

One full-text match per page: the matching seqs and scores are read once, then counted in memory against the
cached store totals (totals.py). Entity and fact facets read item tables, so they are counted over the best
FACET_SAMPLE matches (the latest ones for a browse without words), and the page says so when it sampled.
"""

from __future__ import annotations

import math
from collections import Counter

from ..store.db import Store
from ..store.query import parse
from ..store.search import Filters, make_snippet, match
from . import limits
from .sql import chunks, placeholders
from .timeline import attention
from .totals import totals


def search_page(store: Store, q: str = "", filters: Filters = Filters(), page: int = 1) -> dict:
    """Raises QueryError for a query that cannot be run."""
    parsed = parse(q)
    meta = totals(store)
    found = match(store, parsed, filters)
    rows = [] if found.none else store.query(found.sql, found.params)
    if found.ranked:
        rows.sort(key=lambda r: (-(r[1] or 0.0), r[0]))
    else:  # a browse by filters alone: newest first
        rows.sort(key=lambda r: (meta.day.get(r[0]) or "", r[0]), reverse=True)
    total = len(rows)
    pages = max(1, math.ceil(total / limits.PER_PAGE))
    page = min(page, pages)
    shown = rows[(page - 1) * limits.PER_PAGE: page * limits.PER_PAGE]
    seqs = [seq for seq, _ in rows]
    by_outlet = Counter(meta.outlet.get(s) for s in seqs)
    sample = seqs[:limits.FACET_SAMPLE]
    return {
        "query": q,
        "filters": {"entity": filters.entity, "outlet": filters.outlet,
                    "from": filters.date_from.isoformat() if filters.date_from else None,
                    "to": filters.date_to.isoformat() if filters.date_to else None},
        "total": total, "page": page, "pages": pages, "per_page": limits.PER_PAGE,
        "store_articles": meta.originals,
        "hits": _hits(store, shown, parsed.highlight_terms()),
        "outlets": [{"outlet": o, "hits": n, "articles": meta.outlets.get(o, 0),
                     "share": round(n / meta.outlets[o], 4) if meta.outlets.get(o) else 0.0}
                    for o, n in by_outlet.most_common()],
        "facet_sample": len(sample),
        "entities": top_entities(store, sample),
        "facts": fact_kinds(store, sample),
        "timeline": attention(Counter(meta.day.get(s) for s in seqs).items(), meta.days.items()),
    }


def _hits(store: Store, shown: list[tuple], wanted: set[str]) -> list[dict]:
    if not shown:
        return []
    seqs = [seq for seq, _ in shown]
    rows = {r[0]: r for r in store.query(
        f"SELECT a.seq, a.id, a.title, a.outlet, a.published, a.url, a.text, a.duplicate_of, s.story "
        f"FROM articles a LEFT JOIN stories s ON s.article_seq = a.seq WHERE a.seq IN ({placeholders(len(seqs))})",
        seqs)}
    out = []
    for seq, score in shown:
        _, id_, title, outlet, published, url, text, dup, story = rows[seq]
        snippet, marks = make_snippet(text, wanted)
        out.append({"id": id_, "title": title, "outlet": outlet, "published": published, "url": url,
                    "score": round(float(score or 0.0), 4), "snippet": snippet,
                    "highlights": [list(m) for m in marks], "story": story})
    return out


def top_entities(store: Store, seqs: list[int], exclude_keys: set[str] = frozenset(),
                 limit: int = limits.TOP_ENTITIES) -> list[dict]:
    """The entities that occur in the most of these articles, by the store-wide entity index («ترامب» and «دونالد
    ترامب» count as one): display name, type, number of articles. A name the index does not hold yet counts
    under its own canonical name. One read of the sample's mentions; `seqs` is at most a facet sample long."""
    if not seqs:
        return []
    articles: dict[object, set[int]] = {}
    spelling: dict[object, tuple[str, str]] = {}
    excluded: set[object] = set()
    for seq, key, canonical, label, entity in store.query(
            f"SELECT e.article_seq, e.canonical_key, e.canonical, e.label, k.entity FROM entities e LEFT JOIN "
            f"entity_keys k ON k.canonical_key = e.canonical_key WHERE e.article_seq IN ({placeholders(len(seqs))}) "
            f"AND e.canonical_key <> ''", seqs):
        group = entity if entity is not None else f"key:{key}"
        if key in exclude_keys:
            excluded.add(group)
        articles.setdefault(group, set()).add(seq)
        spelling.setdefault(group, (canonical, label))
    best = sorted((g for g in articles if g not in excluded), key=lambda g: (-len(articles[g]), str(g)))[:limit]
    indexed = [g for g in best if not isinstance(g, str)]
    if indexed:
        for entity, canonical, label in store.query(f"SELECT entity, canonical, label FROM entity_index WHERE "
                                                    f"entity IN ({placeholders(len(indexed))})", indexed):
            spelling[entity] = (canonical, label)
    return [{"name": spelling[g][0], "label": spelling[g][1], "articles": len(articles[g])} for g in best]


def fact_kinds(store: Store, seqs: list[int]) -> list[dict]:
    """How many of these articles carry each kind of fact: amounts by kind, statements, events by type, and
    arithmetic checks that found an inconsistency."""
    found: dict[str, set[int]] = {}
    for chunk in chunks(seqs):
        marks = placeholders(len(chunk))
        for seq, kind in store.query(f"SELECT article_seq, kind FROM quantities WHERE article_seq IN ({marks})",
                                     chunk):
            found.setdefault(f"amount:{kind}", set()).add(seq)
        for (seq,) in store.query(f"SELECT article_seq FROM statements WHERE article_seq IN ({marks})", chunk):
            found.setdefault("statement", set()).add(seq)
        for seq, kind in store.query(f"SELECT article_seq, type FROM events WHERE article_seq IN ({marks})", chunk):
            found.setdefault(f"event:{kind}", set()).add(seq)
        for (seq,) in store.query(f"SELECT article_seq FROM checks WHERE consistent = 0 AND article_seq IN "
                                  f"({marks})", chunk):
            found.setdefault("check:inconsistent", set()).add(seq)
    return [{"kind": k, "articles": len(v)} for k, v in sorted(found.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
