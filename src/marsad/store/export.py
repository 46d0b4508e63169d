"""`marsad export`: the stored articles as JSONL, Parquet or CSV, with exactly the schema's fields.

JSONL lines are the articles exactly as `marsad extract` writes them. Parquet uses the Arrow form of the schema
(store/arrow.py), written in row groups so memory stays flat. CSV has one row per article with the schema's
top-level fields; nested ones (entities, quantities…) are JSON in their cell. `with_dedup` adds the store's
`duplicate_of` (id of the first article of the group) and `story` columns.
"""

from __future__ import annotations

import csv
import json
from typing import Iterator

from .db import Store

FORMATS = ("jsonl", "parquet", "csv")
CHUNK = 1000


def stored_articles(store: Store, with_dedup: bool = False) -> Iterator[dict]:
    last = 0
    while True:
        rows = store.query("SELECT a.seq, a.doc_json, d.id, s.story FROM articles a "
                           "LEFT JOIN articles d ON d.seq = a.duplicate_of "
                           "LEFT JOIN stories s ON s.article_seq = a.seq "
                           "WHERE a.seq > ? ORDER BY a.seq LIMIT ?", (last, CHUNK))
        if not rows:
            return
        for seq, doc_json, dup_id, story in rows:
            doc = json.loads(doc_json)
            if with_dedup:
                doc["duplicate_of"] = dup_id
                doc["story"] = story
            yield doc
            last = seq


def export(store: Store, fmt: str, path: str, with_dedup: bool = False) -> int:
    """Write every stored article to `path`; returns how many."""
    docs = stored_articles(store, with_dedup)
    if fmt == "jsonl":
        n = 0
        with open(path, "w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "parquet":
        return _parquet(docs, path, with_dedup)
    if fmt == "csv":
        return _csv(docs, path, with_dedup)
    raise ValueError(f"unknown export format {fmt!r}")


def _parquet(docs: Iterator[dict], path: str, with_dedup: bool) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .arrow import article_schema

    schema = article_schema()
    if with_dedup:
        schema = schema.append(pa.field("duplicate_of", pa.string())).append(pa.field("story", pa.int64()))
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict] = []
        for doc in docs:
            chunk.append({name: doc.get(name) for name in schema.names})
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def _csv(docs: Iterator[dict], path: str, with_dedup: bool) -> int:
    from .arrow import article_schema

    names = list(article_schema().names) + (["duplicate_of", "story"] if with_dedup else [])
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for doc in docs:
            writer.writerow([_cell(doc.get(name)) for name in names])
            n += 1
    return n


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
