"""Writing analysed articles into the store, one transaction per batch, with duplicate detection on the way in.

An article is an exact duplicate of the earliest stored article with the same folded words, else a near
duplicate of the earliest one whose MinHash signature agrees on at least `near_duplicate` of its positions
among the articles sharing an LSH band with it; `duplicate_of` always points at the first of the group.
"""

from __future__ import annotations

import hashlib
import json

from ..dedup import params, similarity
from ..errors import MarsadInputError
from ..text.search_terms import index_text
from .db import Store, now
from .records import COLUMNS, ArticleRecord

_ARTICLE_COLUMNS = ("id, doc_key, path, url, outlet, outlet_rule, format, title, published, published_date, "
                    "reference_date, reference_basis, language, text, exact_key, duplicate_of, "
                    "duplicate_similarity, doc_json, ingested_at, raw_z")
# what a re-analysis changes (reclean): the article's analysed columns, not its identity or input
_ANALYSED_COLUMNS = ("outlet", "outlet_rule", "reference_date", "reference_basis", "language", "text", "exact_key",
                     "duplicate_of", "duplicate_similarity", "doc_json")
ITEM_TABLES = ("removed", "entities", "quantities", "dates", "statements", "events", "checks")


def existing_keys(store: Store, keys: list[str]) -> set[str]:
    """Which of these doc keys are already stored (ingest skips them)."""
    found: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        marks = ", ".join("?" * len(chunk))
        found.update(r[0] for r in store.query(f"SELECT doc_key FROM articles WHERE doc_key IN ({marks})", chunk))
    return found


def stored_ids(store: Store, ids: list[str]) -> dict[str, str]:
    """id → doc key of the stored articles with one of these ids."""
    found: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        chunk = list(dict.fromkeys(ids[i:i + 500]))
        marks = ", ".join("?" * len(chunk))
        found.update(store.query(f"SELECT id, doc_key FROM articles WHERE id IN ({marks})", chunk))
    return found


def find_duplicate(store: Store, rec: ArticleRecord, before: int | None = None) -> tuple[int, float] | None:
    """(seq of the first article of its group, similarity) when `rec` repeats a stored article; with `before`,
    only among the articles stored before that seq (an article analysed again compares with what came first)."""
    limit = before if before is not None else 2 ** 62
    row = store.query("SELECT seq, duplicate_of FROM articles WHERE exact_key = ? AND seq < ? ORDER BY seq LIMIT 1",
                      (rec.exact_key, limit))
    if row:
        seq, root = row[0]
        return (root or seq), 1.0
    where = " OR ".join("(band = ? AND key = ?)" for _ in rec.bands)
    flat = [x for b, key in enumerate(rec.bands) for x in (b, key)]
    candidates = [r[0] for r in store.query(f"SELECT DISTINCT article_seq FROM lsh WHERE {where}", flat)
                  if r[0] < limit]
    if not candidates:
        return None
    marks = ", ".join("?" * len(candidates))
    rows = store.query(f"SELECT s.article_seq, s.signature, a.duplicate_of FROM signatures s "
                       f"JOIN articles a ON a.seq = s.article_seq WHERE s.article_seq IN ({marks})", candidates)
    threshold = params().near_duplicate
    best: tuple[int, float] | None = None
    for seq, sig, root in rows:
        sim = similarity(bytes(sig), rec.signature)
        if sim >= threshold:
            first = root or seq
            if best is None or first < best[0] or (first == best[0] and sim > best[1]):
                best = (first, sim)
    return best


def write_article(store: Store, rec: ArticleRecord) -> tuple[int, int | None]:
    """Insert one article and its items (inside the caller's transaction); returns its seq and, for a
    duplicate, the seq of the first article of its group."""
    doc = rec.doc
    dup = find_duplicate(store, rec)
    ref = doc["reference_date"] or {}
    src = doc["source"]
    values = (doc["id"], rec.doc_key, src["path"], src["url"], src["outlet"], src["outlet_rule"], src["format"],
              doc["title"], doc["published"], rec.published_date, ref.get("value"), ref.get("basis"),
              doc["language"], doc["text"], rec.exact_key, dup[0] if dup else None, dup[1] if dup else None,
              json.dumps(doc, ensure_ascii=False), now(), rec.raw_z)
    marks = ", ".join("?" * len(values))
    seq = store.insert_returning_seq(f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({marks})", values)
    _write_items(store, seq, rec)
    return seq, dup[0] if dup else None


def rewrite_article(store: Store, seq: int, rec: ArticleRecord) -> int | None:
    """Replace a stored article's analysis (reclean): its analysed columns and every item row, keeping its seq,
    id and input; duplicates are looked for again among the articles stored before it. Returns duplicate_of."""
    for table in (*ITEM_TABLES, "signatures", "lsh", "article_lines"):
        store.execute(f"DELETE FROM {table} WHERE article_seq = ?", (seq,))
    title, text = store.query("SELECT title, text FROM articles WHERE seq = ?", (seq,))[0]
    store.unindex_search(seq, index_text(title or ""), index_text(text))
    doc = rec.doc
    dup = find_duplicate(store, rec, before=seq)
    ref = doc["reference_date"] or {}
    src = doc["source"]
    values = (src["outlet"], src["outlet_rule"], ref.get("value"), ref.get("basis"), doc["language"], doc["text"],
              rec.exact_key, dup[0] if dup else None, dup[1] if dup else None, json.dumps(doc, ensure_ascii=False))
    sets = ", ".join(f"{c} = ?" for c in _ANALYSED_COLUMNS)
    store.execute(f"UPDATE articles SET {sets} WHERE seq = ?", (*values, seq))
    _write_items(store, seq, rec)
    return dup[0] if dup else None


def _write_items(store: Store, seq: int, rec: ArticleRecord) -> None:
    for table, rows in rec.tables.items():
        if rows:
            cols = COLUMNS[table]
            marks = ", ".join("?" * (len(rows[0]) + 1))
            store.executemany(f"INSERT INTO {table} (article_seq, {cols}) VALUES ({marks})",
                              [(seq, *row) for row in rows])
    store.execute("INSERT INTO signatures (article_seq, signature) VALUES (?, ?)", (seq, rec.signature))
    store.executemany("INSERT INTO lsh (band, key, article_seq) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                      [(b, key, seq) for b, key in enumerate(rec.bands)])
    store.executemany("INSERT INTO article_lines (line_hash, article_seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      [(h, seq) for h in rec.line_hashes])
    store.index_search(seq, rec.title_terms, rec.body_terms)


def write_error(store: Store, err: MarsadInputError) -> bool:
    """Record a per-document error once (a rerun meets the same bad input again); True when it is new."""
    key = hashlib.sha256(f"{err.code}|{err.path}|{err.line}|{err.record}|{err.message}".encode()).hexdigest()
    cur = store.execute("INSERT INTO errors (error_key, path, line, record, code, message, seen_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        (key, err.path, err.line, str(err.record) if err.record is not None else None, err.code,
                         err.message, now()))
    return bool(getattr(cur, "rowcount", 1))
