"""The article page: the article exactly as `marsad extract` gives it, with its place in the store (the
article it duplicates or the copies of it, and its story)."""

from __future__ import annotations

import json

from ..store.db import Store


def article_page(store: Store, article_id: str) -> dict | None:
    """None when no stored article has this id (the earliest stored copy is shown when several have it)."""
    rows = store.query("SELECT seq, doc_json, duplicate_of, duplicate_similarity FROM articles WHERE id = ? "
                       "ORDER BY seq LIMIT 1", (article_id,))
    if not rows:
        return None
    seq, doc_json, duplicate_of, similarity = rows[0]
    original = None
    if duplicate_of is not None:
        found = store.query("SELECT id, outlet, title, published FROM articles WHERE seq = ?", (duplicate_of,))
        if found:
            original = dict(zip(("id", "outlet", "title", "published"), found[0]))
            original["similarity"] = similarity
    copies = [dict(zip(("id", "outlet", "title", "published", "similarity"), r)) for r in store.query(
        "SELECT id, outlet, title, published, duplicate_similarity FROM articles WHERE duplicate_of = ? "
        "ORDER BY seq LIMIT 100", (seq,))]
    story = None
    found = store.query("SELECT story FROM stories WHERE article_seq = ?", (seq,))
    if found:
        number = found[0][0]
        size = store.scalar("SELECT COUNT(*) FROM stories WHERE story = ?", (number,))
        story = {"id": number, "articles": size}
    return {"article": json.loads(doc_json), "duplicate_of": original, "duplicates": copies, "story": story}
