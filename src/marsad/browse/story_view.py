"""Story pages: the list of story clusters (widest across outlets first) and one story with its articles, first
and last seen, outlets and a timeline. A story's number is its first article's seq; its label is its most
central headline (store/stories.py)."""

from __future__ import annotations

import math
from collections import Counter

from ..store.db import Store
from ..store.stories import headline, story_label
from . import limits
from .timeline import attention
from .totals import totals


def stories_page(store: Store, page: int = 1) -> dict:
    total = store.scalar("SELECT COUNT(*) FROM (SELECT story FROM stories GROUP BY story HAVING COUNT(*) >= 2) s")
    pages = max(1, math.ceil((total or 0) / limits.PER_PAGE))
    page = min(page, pages)
    groups = store.query(
        "SELECT s.story, COUNT(*), COUNT(DISTINCT a.outlet), MIN(a.published_date), MAX(a.published_date) "
        "FROM stories s JOIN articles a ON a.seq = s.article_seq GROUP BY s.story HAVING COUNT(*) >= 2 "
        "ORDER BY COUNT(DISTINCT a.outlet) DESC, COUNT(*) DESC, s.story LIMIT ? OFFSET ?",
        (limits.PER_PAGE, (page - 1) * limits.PER_PAGE))
    labels = {g[0]: story_label(store, g[0]) for g in groups}
    return {"total": total or 0, "page": page, "pages": pages, "per_page": limits.PER_PAGE,
            "stories": [{"id": g[0], "label": labels.get(g[0], ""), "articles": g[1], "outlets": g[2],
                         "first_seen": g[3], "last_seen": g[4]} for g in groups]}


def story_page(store: Store, number: int) -> dict | None:
    rows = store.query(
        "SELECT a.seq, a.id, a.outlet, a.title, a.published, a.published_date, a.duplicate_of, a.text "
        "FROM stories s JOIN articles a ON a.seq = s.article_seq WHERE s.story = ? "
        "ORDER BY a.published_date, a.seq LIMIT ?", (number, limits.STORY_MEMBERS))
    if not rows:
        return None
    meta = totals(store)
    dated = [r[5] for r in rows if r[5]]
    return {
        "id": number, "label": story_label(store, number), "articles": len(rows),
        "first_seen": min(dated) if dated else None, "last_seen": max(dated) if dated else None,
        "outlets": [{"outlet": o, "articles": n} for o, n in Counter(r[2] for r in rows).most_common()],
        "timeline": attention(Counter(r[5] for r in rows).items(), meta.days.items()),
        "members": [{"id": r[1], "outlet": r[2], "title": r[3], "published": r[4], "duplicate": r[6] is not None,
                     "lead": headline(None, r[7])} for r in rows],
    }
