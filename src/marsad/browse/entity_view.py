"""The entity page: everything the store knows about one entity of the store-wide entity index.

A name is looked up in the index (store/entity_index.py), so «أردوغان», «اردوغان» and «رجب طيب أردوغان» open the
same page, which gathers the mentions of every canonical name joined to the entity.
Mentions over time and outlets count every article that names it; statements, events and amounts are read from its
latest ENTITY_ARTICLES articles and listed up to ENTITY_ROWS each.
"""

from __future__ import annotations

import json
from collections import Counter

from ..store.db import Store
from ..store.entity_index import entities_named
from ..text.normalize import fold
from . import limits
from .search_view import top_entities
from .sql import chunks, placeholders
from .timeline import attention
from .totals import totals


def lookup(store: Store, name: str) -> tuple[str | None, list[str]]:
    """(display name, folded canonical names) of the entity `name` stands for in the store-wide entity index
    (any spelling, a short form joined to its full name); where the index has no such entry, the name itself."""
    ids = entities_named(store, name)
    if ids:
        marks = ", ".join("?" * len(ids))
        entity, canonical = store.query(f"SELECT entity, canonical FROM entity_index WHERE entity IN ({marks}) "
                                        f"ORDER BY mentions DESC, entity LIMIT 1", ids)[0]
        keys = [k for (k,) in store.query("SELECT canonical_key FROM entity_keys WHERE entity = ?", (entity,))]
        return canonical, keys
    key = fold(name).strip()
    return None, [key] if key else []


def entity_page(store: Store, name: str) -> dict | None:
    """None when no stored entity has this name (after folding)."""
    display, keys = lookup(store, name)
    if not keys:
        return None
    rows = []
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        rows += store.query(f"SELECT article_seq, label, canonical, text FROM entities WHERE canonical_key IN "
                            f"({placeholders(len(chunk))})", chunk)
    if not rows:
        return None
    key = fold(display or name).strip()
    meta = totals(store)
    labels = Counter(r[1] for r in rows)
    names = Counter(r[2] for r in rows)
    surfaces = Counter(r[3] for r in rows)
    seqs = sorted({r[0] for r in rows}, key=lambda s: (meta.day.get(s) or "", s), reverse=True)
    originals = [s for s in seqs if s not in meta.duplicate]
    latest = originals[:limits.ENTITY_ARTICLES]
    canonical = display or names.most_common(1)[0][0]
    return {
        "name": canonical, "key": key, "keys": keys, "label": labels.most_common(1)[0][0], "labels": dict(labels),
        "canonical_names": [{"name": t, "mentions": n} for t, n in names.most_common(10)],
        "aliases": [{"text": t, "mentions": n} for t, n in surfaces.most_common(20)],
        "mentions": len(rows), "articles": len(originals), "duplicates": len(seqs) - len(originals),
        "timeline": attention(Counter(meta.day.get(s) for s in originals).items(), meta.days.items()),
        "outlets": [{"outlet": o, "articles": n, "share": round(n / meta.outlets[o], 4) if meta.outlets.get(o) else 0}
                    for o, n in Counter(meta.outlet.get(s) for s in originals).most_common()],
        "sample": len(latest),
        "companions": top_entities(store, latest, exclude_keys=set(keys)),
        "statements": _statements(store, keys, latest),
        "events": _events(store, set(keys), latest),
        "amounts": _amounts(store, latest),
        "recent": _articles(store, latest[:limits.ENTITY_ROWS]),
    }


def canonical_for(store: Store, name: str) -> str:
    """The display name of the entity `name` stands for, or `name` where the index has none."""
    return lookup(store, name)[0] or name


def _articles(store: Store, seqs: list[int]) -> list[dict]:
    if not seqs:
        return []
    found = {r[0]: r for r in store.query(f"SELECT seq, id, title, outlet, published FROM articles "
                                          f"WHERE seq IN ({placeholders(len(seqs))})", seqs)}
    return [dict(zip(("id", "title", "outlet", "published"), found[s][1:])) for s in seqs if s in found]


def _statements(store: Store, keys: list[str], seqs: list[int]) -> list[dict]:
    """Statements whose speaker span holds a mention of this entity."""
    out = []
    for chunk in chunks(seqs):
        out += store.query(
            f"SELECT a.id, a.published, a.outlet, s.speaker, s.verb, s.content, s.channel, s.direct_quote "
            f"FROM statements s JOIN entities e ON e.article_seq = s.article_seq AND e.canonical_key IN "
            f"({placeholders(len(keys))}) AND e.span_start >= s.speaker_start AND e.span_end <= s.speaker_end "
            f"JOIN articles a ON a.seq = s.article_seq WHERE s.article_seq IN ({placeholders(len(chunk))})",
            [*keys, *chunk])
    out = list(dict.fromkeys(out))  # a speaker span holding the name twice is one statement
    out.sort(key=lambda r: (r[1] or "", r[0]), reverse=True)
    return [dict(zip(("id", "published", "outlet", "speaker", "verb", "content", "channel", "direct_quote"), r))
            for r in out[:limits.ENTITY_ROWS]]


def _events(store: Store, keys: set[str], seqs: list[int]) -> list[dict]:
    """Events that name it among their actors or targets."""
    out = []
    for chunk in chunks(seqs):
        for row in store.query(
                f"SELECT a.id, a.published, e.type, e.mode, e.trigger, e.actors, e.targets, e.location, e.date "
                f"FROM events e JOIN articles a ON a.seq = e.article_seq WHERE e.article_seq IN "
                f"({placeholders(len(chunk))})", chunk):
            actors, targets = json.loads(row[5]), json.loads(row[6])
            role = ("actor" if any(fold(x) in keys for x in actors)
                    else "target" if any(fold(x) in keys for x in targets) else None)
            if role:
                out.append({"id": row[0], "published": row[1], "type": row[2], "mode": row[3], "trigger": row[4],
                            "actors": actors, "targets": targets, "location": row[7], "role": role,
                            "date": row[8]})
    out.sort(key=lambda e: (e["date"] or e["published"] or "", e["id"]), reverse=True)
    return out[:limits.ENTITY_ROWS]


def _amounts(store: Store, seqs: list[int]) -> list[dict]:
    """Amounts (not bare numbers) in its articles, latest articles first."""
    out = []
    rank = {s: i for i, s in enumerate(seqs)}
    for chunk in chunks(seqs):
        out += store.query(
            f"SELECT q.article_seq, a.id, a.published, q.text, q.kind, q.value_exact, q.unit FROM quantities q "
            f"JOIN articles a ON a.seq = q.article_seq WHERE q.kind <> 'number' AND q.article_seq IN "
            f"({placeholders(len(chunk))})", chunk)
    out.sort(key=lambda r: rank[r[0]])
    return [{"id": r[1], "published": r[2], "text": r[3], "kind": r[4], "value": None if r[5] is None else str(r[5]),
             "unit": r[6]} for r in out[:limits.ENTITY_ROWS]]
