"""`marsad export`: the stored articles as JSONL, Parquet or CSV, with exactly the schema's fields.

JSONL lines are the articles exactly as `marsad extract` writes them. Parquet uses the Arrow form of the schema
(store/arrow.py), written in row groups so memory stays flat; `published` is a timestamp there. Both keep the
full nested record. CSV is for spreadsheets: one row per article with flat, readable columns (CSV_COLUMNS: the
article's own fields, the distinct names of each entity type, amounts and dates as «;»-joined lists, counts of
the rest), UTF-8 with a byte-order mark, without which spreadsheet programs read the Arabic as Windows-1252.
`with_dedup` adds the store's `duplicate_of` (id of the first article of the group) and `story` columns.
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

    from .arrow import article_schema, arrow_row

    schema = article_schema()
    if with_dedup:
        schema = schema.append(pa.field("duplicate_of", pa.string())).append(pa.field("story", pa.int64()))
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        chunk: list[dict] = []
        for doc in docs:
            chunk.append(arrow_row(doc, schema.names))
            if len(chunk) >= CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                n += len(chunk)
                chunk = []
        if chunk:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


# (column, what it holds), in order; the labels of the entity columns are the schema's
CSV_COLUMNS = (
    ("id", "the article's id"), ("outlet", "source.outlet"), ("published", "ISO 8601, as given"),
    ("title", ""), ("url", "source.url"), ("reference_date", "the date relative expressions were resolved from"),
    ("text", "the clean body"),
    ("people", "distinct canonical PER names, «;»-joined, in order of first mention"),
    ("organisations", "the same for ORG"), ("places", "the same for LOC"), ("other_names", "the same for MISC"),
    ("amounts", "every quantity as «value unit» («%» for percentages), «;»-joined"),
    ("dates", "every resolved date (ISO 8601), «;»-joined"),
    ("statements", "how many"), ("events", "how many"), ("checks", "how many arithmetic checks"),
    ("inconsistent_checks", "how many of them disagree"), ("removed_lines", "how many lines cleaning removed"),
)
_LABEL_COLUMNS = {"PER": "people", "ORG": "organisations", "LOC": "places", "MISC": "other_names"}


def _csv(docs: Iterator[dict], path: str, with_dedup: bool) -> int:
    names = [name for name, _ in CSV_COLUMNS] + (["duplicate_of", "story"] if with_dedup else [])
    n = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for doc in docs:
            row = csv_row(doc)
            writer.writerow([_cell(row.get(name, doc.get(name))) for name in names])
            n += 1
    return n


def csv_row(doc: dict) -> dict[str, object]:
    """The flat CSV columns of one exported article (its schema dict)."""
    source = doc.get("source") or {}
    names: dict[str, dict[str, None]] = {column: {} for column in _LABEL_COLUMNS.values()}
    for entity in doc.get("entities") or []:
        names[_LABEL_COLUMNS[entity["label"]]].setdefault(entity.get("canonical") or entity["text"], None)
    checks = doc.get("checks") or []
    row: dict[str, object] = {
        "outlet": source.get("outlet"), "url": source.get("url"),
        "reference_date": (doc.get("reference_date") or {}).get("value"),
        "amounts": _joined(_amount(q) for q in doc.get("quantities") or []),
        "dates": _joined(d["value"] for d in doc.get("dates") or [] if d.get("value")),
        "statements": len(doc.get("statements") or []), "events": len(doc.get("events") or []),
        "checks": len(checks), "inconsistent_checks": sum(1 for c in checks if c.get("consistent") is False),
        "removed_lines": len(doc.get("removed") or []),
    }
    row.update({column: _joined(found) for column, found in names.items()})
    return row


def _amount(quantity: dict) -> str:
    value = quantity["value"]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    unit = "%" if quantity["kind"] == "percent" else quantity.get("unit")
    return f"{value} {unit}" if unit else str(value)


def _joined(items) -> str:
    # «;» separates the items; one inside an item (never seen in a name or an amount) becomes «,»
    return "; ".join(str(item).replace(";", ",") for item in items)


def _cell(value) -> str:
    if value is None:
        return ""
    return str(value)
