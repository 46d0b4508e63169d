"""Story clusters for `marsad ray`: the same incremental placement as a store's (store/story_clusters.py), run on
the driver over the job's articles in input order.

Placing an article reads the stories placed before it, so it is sequential by nature; it costs a few
milliseconds per article, little beside the analysis the actors did. Rather than a second implementation of it
over Arrow, the driver streams the articles (id, title, text, published day, entity names, duplicate group) into
a throwaway SQLite store with only what placement reads, and places them there with the very code `marsad
ingest` runs: the same stories on SQLite, PostgreSQL and Ray.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any, Iterable

from ..store import open_store
from ..store.story_clusters import cluster_new_articles
from ..text.normalize import fold


def stories_table(rows: Iterable[dict[str, Any]], duplicate_of: dict[str, str]) -> Any:
    """rows: dicts with id, title, text, published (datetime or None) and entities (list of dicts with label and
    canonical), in input order; duplicate_of: id → id of the article it duplicates. Returns an Arrow table
    (id, story, similarity): `story` is the id of the story's first article."""
    import pyarrow as pa

    with tempfile.TemporaryDirectory(prefix="marsad-stories-") as folder:
        store = open_store(os.path.join(folder, "stories.db"))
        seq_of: dict[str, int] = {}
        with store.transaction():
            for row in rows:
                if row["id"] in seq_of:
                    continue  # an id given twice is one article, as in the duplicates table
                published = row.get("published")
                day = published.date().isoformat() if published is not None else None
                dup = seq_of.get(duplicate_of.get(row["id"], ""))
                seq = store.insert_returning_seq(
                    "INSERT INTO articles (id, doc_key, title, published_date, text, exact_key, duplicate_of, "
                    "doc_json, ingested_at) VALUES (?, ?, ?, ?, ?, '', ?, '{}', '')",
                    (row["id"], row["id"], row.get("title"), day, row.get("text") or "", dup))
                seq_of[row["id"]] = seq
                store.executemany(
                    "INSERT INTO entities (article_seq, idx, span_start, span_end, text, label, canonical, "
                    "canonical_key) VALUES (?, ?, 0, 0, '', ?, ?, ?)",
                    [(seq, k, e["label"], e["canonical"], fold(e["canonical"] or ""))
                     for k, e in enumerate(row.get("entities") or []) if e.get("canonical")])
        cluster_new_articles(store)
        found = store.query("SELECT a.id, f.id, m.similarity FROM story_members m JOIN articles a ON a.seq = "
                            "m.article_seq JOIN articles f ON f.seq = m.story ORDER BY a.seq")
        store.close()
    return pa.table({"id": pa.array([r[0] for r in found], pa.string()),
                     "story": pa.array([r[1] for r in found], pa.string()),
                     "similarity": pa.array([r[2] for r in found], pa.float64())})
