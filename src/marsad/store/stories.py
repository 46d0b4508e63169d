"""Reading story clusters (docs/rules.md#search-and-stories): the widest across outlets first, each with its
label (its most central headline), outlets, first and last seen days and articles. How articles are placed:
story_clusters.py."""

from __future__ import annotations

import json
import math

from ..text.search_terms import words
from .db import Store
from .story_clusters import story_stem


def headline(title: str | None, text: str, words_kept: int = 14) -> str:
    """An article's headline, or the start of its text where it has none."""
    if title:
        return title
    kept = text.split()
    return " ".join(kept[:words_kept]) + (" …" if len(kept) > words_kept else "")


def central_title(centroid: dict[str, float], titles: list[tuple[int, str | None, str]]) -> tuple[int, str]:
    """(seq, label) of the member whose headline weighs most in the story's centroid (per word, so a long
    headline does not win by length); a member without a headline offers the start of its text."""
    best, best_score = titles[0][0], -1.0
    labels = {}
    for seq, title, text in titles:
        label = headline(title, text)
        labels[seq] = label
        stems = [s for s in (story_stem(w) for w in words(label)) if s]
        score = sum(centroid.get(s, 0.0) for s in set(stems)) / math.sqrt(len(stems) or 1)
        if score > best_score:
            best, best_score = seq, score
    return best, labels[best]


def story_label(store: Store, story: int) -> str:
    row = store.query("SELECT centroid FROM story_index WHERE story = ?", (story,))
    # the start of a text is all a label without a headline uses
    members = store.query("SELECT a.seq, a.title, substr(a.text, 1, 200) FROM story_members m JOIN articles a "
                          "ON a.seq = m.article_seq WHERE m.story = ? ORDER BY a.seq LIMIT 200", (story,))
    if not row or not members:
        return ""
    return central_title(json.loads(row[0][0]), members)[1]


def list_stories(store: Store, min_size: int = 2, limit: int = 20, offset: int = 0) -> list[dict]:
    """The stories of `min_size` articles or more, those spanning the most outlets first, then the largest."""
    groups = store.query(
        "SELECT m.story, COUNT(*) AS n, COUNT(DISTINCT a.outlet) AS outlets, i.first_seen, i.last_seen "
        "FROM story_members m JOIN story_index i ON i.story = m.story JOIN articles a ON a.seq = m.article_seq "
        "WHERE i.size >= ? GROUP BY m.story, i.first_seen, i.last_seen "
        "ORDER BY outlets DESC, n DESC, m.story LIMIT ? OFFSET ?", (max(min_size, 2), limit, offset))
    out = []
    for story, n, outlets, first, last in groups:
        rows = store.query("SELECT a.seq, a.id, a.outlet, a.title, a.published, a.duplicate_of FROM story_members m "
                           "JOIN articles a ON a.seq = m.article_seq WHERE m.story = ? ORDER BY a.published_date, "
                           "a.seq", (story,))
        out.append({"story": story, "label": story_label(store, story), "articles": n, "outlets": outlets,
                    "outlet_names": sorted({r[2] or "" for r in rows}), "first_seen": first, "last_seen": last,
                    "members": [{"seq": r[0], "id": r[1], "outlet": r[2], "title": r[3], "published": r[4],
                                 "duplicate": r[5] is not None} for r in rows]})
    return out
