"""Story clusters: articles about the same event, across outlets (SPEC §4).

Two articles are linked when they share an LSH band (a cheap candidate test over the stored band keys) and
either their estimated similarity reaches `story_similarity`, or it reaches the lower `story_similarity_with_facts`
and they share at least `story_shared_facts` facts (entity names, resolved dates, amounts with their units),
published at most `story_days` apart; duplicates always belong to their original's story. Stories are the
connected components of these links, numbered by their first article.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..dedup import params, similarity
from .db import Store


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the root is always the earliest article


def candidate_pairs(store: Store) -> set[tuple[int, int]]:
    rows = store.query("SELECT DISTINCT a.article_seq, b.article_seq FROM lsh a JOIN lsh b "
                       "ON a.band = b.band AND a.key = b.key AND a.article_seq < b.article_seq")
    return {(x, y) for x, y in rows}


def _facts(store: Store, seqs: list[int]) -> dict[int, set[str]]:
    facts: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(seqs), 500):
        chunk = seqs[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for seq, key in store.query(f"SELECT article_seq, canonical_key FROM entities WHERE article_seq IN ({marks})",
                                    chunk):
            facts[seq].add(f"e:{key}")
        for seq, value in store.query(f"SELECT article_seq, value FROM dates WHERE value IS NOT NULL AND "
                                      f"article_seq IN ({marks})", chunk):
            facts[seq].add(f"d:{value}")
        for seq, value, unit in store.query(f"SELECT article_seq, value, unit FROM quantities WHERE article_seq "
                                            f"IN ({marks}) AND kind <> 'number'", chunk):
            facts[seq].add(f"q:{value:g}:{unit}")
    return facts


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except (TypeError, ValueError):
        return None


def rebuild_stories(store: Store) -> int:
    """Recompute the stories table; returns the number of stories with two articles or more."""
    p = params()
    pairs = candidate_pairs(store)
    dups = store.query("SELECT seq, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
    seqs = sorted({x for pair in pairs for x in pair})
    signatures: dict[int, bytes] = {}
    published: dict[int, str | None] = {}
    for i in range(0, len(seqs), 500):
        chunk = seqs[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        for seq, sig, day in store.query(f"SELECT s.article_seq, s.signature, a.published_date FROM signatures s "
                                         f"JOIN articles a ON a.seq = s.article_seq WHERE s.article_seq IN ({marks})",
                                         chunk):
            signatures[seq], published[seq] = bytes(sig), day
    facts = _facts(store, seqs)
    uf = _UnionFind()
    for x, y in pairs:
        sim = similarity(signatures[x], signatures[y])
        apart = _days_apart(published[x], published[y])
        if apart is not None and apart > p.story_days:
            continue
        shared = len(facts[x] & facts[y])
        if sim >= p.story_similarity or (sim >= p.story_similarity_with_facts and shared >= p.story_shared_facts):
            uf.union(x, y)
    for seq, first in dups:
        uf.union(seq, first)
    linked = set(uf.parent) | set(uf.parent.values())  # every article in a story of two or more
    rows = sorted((seq, uf.find(seq)) for seq in linked)
    with store.transaction():
        store.execute("DELETE FROM stories")
        store.executemany("INSERT INTO stories (article_seq, story) VALUES (?, ?)", rows)
    return len({root for _, root in rows})


def list_stories(store: Store, min_size: int = 2, limit: int = 20) -> list[dict]:
    """The largest stories first: each with its articles (id, outlet, title, published), earliest first."""
    groups = store.query("SELECT story, COUNT(*) AS n, COUNT(DISTINCT a.outlet) AS outlets FROM stories s "
                         "JOIN articles a ON a.seq = s.article_seq GROUP BY story HAVING COUNT(*) >= ? "
                         "ORDER BY outlets DESC, n DESC, story LIMIT ?", (min_size, limit))
    out = []
    for story, n, outlets in groups:
        rows = store.query("SELECT a.seq, a.id, a.outlet, a.title, a.published, a.duplicate_of FROM stories s "
                           "JOIN articles a ON a.seq = s.article_seq WHERE s.story = ? ORDER BY a.seq", (story,))
        out.append({"story": story, "articles": n, "outlets": outlets,
                    "members": [{"seq": r[0], "id": r[1], "outlet": r[2], "title": r[3], "published": r[4],
                                 "duplicate": r[5] is not None} for r in rows]})
    return out
