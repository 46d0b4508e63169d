"""The amounts table: every stored amount with its exact value, unit, sentence and article, filtered by unit,
kind, entity and published dates, sorted by value or date, a page at a time or as CSV rows (at most CSV_ROWS)."""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
from dataclasses import dataclass

from ..store.db import Store
from ..store.search import published_between
from ..text.normalize import fold
from . import limits

KINDS = ("money", "percent", "measure", "number")
SORTS = {"value": "q.value", "date": "a.published_date"}


@dataclass(frozen=True)
class AmountFilters:
    unit: str | None = None
    kind: str | None = None
    entity: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "value"
    order: str = "desc"


def _where(f: AmountFilters) -> tuple[str, list]:
    where, params = ["a.duplicate_of IS NULL"], []
    if f.unit:
        where.append("q.unit = ?")
        params.append(f.unit)
    if f.kind:
        where.append("q.kind = ?")
        params.append(f.kind)
    if f.entity:
        # the articles that name this entity, by its folded canonical name (the entity page's key)
        where.append("q.article_seq IN (SELECT article_seq FROM entities WHERE canonical_key = ?)")
        params.append(fold(f.entity).strip())
    published_between(where, params, f.date_from, f.date_to)
    return " AND ".join(where), params


def amount_rows(store: Store, f: AmountFilters, limit: int, offset: int = 0) -> list[dict]:
    where, params = _where(f)
    direction = "ASC" if f.order == "asc" else "DESC"
    rows = store.query(
        f"SELECT q.article_seq, q.idx, q.span_start, q.span_end, q.text, q.kind, q.value_exact, q.unit, q.rule, "
        f"a.id, a.title, a.outlet, a.published FROM quantities q JOIN articles a ON a.seq = q.article_seq "
        f"WHERE {where} ORDER BY {SORTS[f.sort]} {direction}, q.article_seq, q.idx LIMIT ? OFFSET ?",
        [*params, limit, offset])
    sentences = _sentences(store, sorted({r[0] for r in rows}))
    # value_exact is text on SQLite and NUMERIC (a Decimal) on PostgreSQL: the page gives the decimal text
    return [{"value": None if r[6] is None else str(r[6]), "unit": r[7], "kind": r[5], "text": r[4], "rule": r[8],
             "sentence": _sentence_of(sentences.get(r[0]), r[2], r[3]), "article": r[9], "title": r[10],
             "outlet": r[11], "published": r[12], "index": r[1]} for r in rows]


def amounts_page(store: Store, f: AmountFilters, page: int = 1) -> dict:
    where, params = _where(f)
    total = store.scalar(f"SELECT COUNT(*) FROM quantities q JOIN articles a ON a.seq = q.article_seq "
                         f"WHERE {where}", params) or 0
    pages = max(1, math.ceil(total / limits.PER_PAGE))
    page = min(page, pages)
    units = store.query("SELECT unit, COUNT(*) FROM quantities WHERE unit IS NOT NULL GROUP BY unit "
                        "ORDER BY COUNT(*) DESC LIMIT 40")
    return {"filters": {"unit": f.unit, "kind": f.kind, "entity": f.entity,
                        "from": f.date_from.isoformat() if f.date_from else None,
                        "to": f.date_to.isoformat() if f.date_to else None, "sort": f.sort, "order": f.order},
            "total": total, "page": page, "pages": pages, "per_page": limits.PER_PAGE,
            "units": [{"unit": u, "amounts": n} for u, n in units],
            "amounts": amount_rows(store, f, limits.PER_PAGE, (page - 1) * limits.PER_PAGE)}


def _sentences(store: Store, seqs: list[int]) -> dict[int, tuple[str, list[tuple[int, int]]]]:
    out = {}
    for i in range(0, len(seqs), 200):
        chunk = seqs[i:i + 200]
        marks = ", ".join("?" * len(chunk))
        for seq, doc_json in store.query(f"SELECT seq, doc_json FROM articles WHERE seq IN ({marks})", chunk):
            doc = json.loads(doc_json)
            out[seq] = (doc["text"], [(s["start"], s["end"]) for s in doc["sentences"]])
    return out


def _sentence_of(found: tuple[str, list[tuple[int, int]]] | None, start: int, end: int) -> str:
    """The sentence that holds the span (the article's own sentence spans), else the span itself."""
    if not found:
        return ""
    text, spans = found
    i = bisect.bisect_right([s for s, _ in spans], start) - 1
    if 0 <= i < len(spans) and spans[i][1] >= end:
        return text[spans[i][0]:spans[i][1]]
    return text[start:end]
