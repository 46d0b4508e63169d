"""`marsad search`: ranked full-text search with Arabic folding and light stemming on both sides (SPEC §4).

SQLite ranks with FTS5's bm25 (title terms weigh double); PostgreSQL with ts_rank over its `arabic`
configuration. Both index the terms of text/search_terms.py, so «اردوغان» finds «أردوغان» and «تركيا» finds
«وتركيا». Snippets are cut from the original text around the densest run of matching words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..text.normalize import fold
from ..text.search_terms import query_terms, word_terms
from .db import PostgresStore, Store

_WORD = re.compile(r"[0-9A-Za-z\u0621-\u064A\u0671-\u06D3\u064B-\u0652\u0640\u0660-\u0669\u06F0-\u06F9]+")
SNIPPET_WORDS = 24


@dataclass(frozen=True, slots=True)
class Hit:
    seq: int
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of `snippet` that matched
    duplicate_of: int | None
    story: int | None


def _fts5_query(terms: list[tuple[str, ...]]) -> str:
    """«(t1 OR t2) AND (t3)»: every query word must match, through any of its terms."""
    groups = ["(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in group) + ")" for group in terms]
    return " AND ".join(groups)


def _tsquery(terms: list[tuple[str, ...]]) -> str:
    return " & ".join("(" + " | ".join(re.sub(r"[^\w]", "", t) for t in group) + ")" for group in terms)


def like_escaped(value: str) -> str:
    """`value` as a literal inside a LIKE pattern (with ESCAPE '\\'): «%» and «_» in a name are characters."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(store: Store, query: str, entity: str | None = None, date_from: dt.date | None = None,
           date_to: dt.date | None = None, outlet: str | None = None, limit: int = 20,
           include_duplicates: bool = False) -> list[Hit]:
    terms = [g for g in query_terms(query) if g]
    if not terms and not entity:
        return []
    where, params = [], []
    if entity:
        if not fold(entity).strip():
            return []  # no letters to look for («%», «_», punctuation): no entity has such a name
        where.append("EXISTS (SELECT 1 FROM entities e WHERE e.article_seq = a.seq AND "
                     "(e.canonical_key LIKE ? ESCAPE '\\' OR e.text LIKE ? ESCAPE '\\'))")
        params += [f"%{like_escaped(fold(entity))}%", f"%{like_escaped(entity)}%"]
    if date_from:
        where.append("a.published_date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("a.published_date <= ?")
        params.append(date_to.isoformat())
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    if not include_duplicates:
        where.append("a.duplicate_of IS NULL")
    cols = "a.seq, a.id, a.title, a.outlet, a.published, a.url, a.text, a.duplicate_of, s.story"
    join = "LEFT JOIN stories s ON s.article_seq = a.seq"
    if not terms:
        sql = (f"SELECT {cols}, 0 FROM articles a {join} WHERE {' AND '.join(where)} "
               f"ORDER BY a.published_date DESC, a.seq LIMIT ?")
        rows = store.query(sql, [*params, limit])
    elif isinstance(store, PostgresStore):
        extra = (" AND " + " AND ".join(where)) if where else ""
        sql = (f"SELECT {cols}, ts_rank(a.search_vector, q) AS score FROM articles a {join}, "
               f"to_tsquery('arabic', ?) q WHERE a.search_vector @@ q{extra} ORDER BY score DESC, a.seq LIMIT ?")
        rows = store.query(sql, [_tsquery(terms), *params, limit])
    else:
        extra = (" AND " + " AND ".join(where)) if where else ""
        sql = (f"SELECT {cols}, -bm25(articles_fts, 2.0, 1.0) AS score FROM articles_fts "
               f"JOIN articles a ON a.seq = articles_fts.rowid {join} "
               f"WHERE articles_fts MATCH ?{extra} ORDER BY score DESC, a.seq LIMIT ?")
        rows = store.query(sql, [_fts5_query(terms), *params, limit])
    wanted = {t for group in terms for t in group}
    hits = []
    for seq, id_, title, out, published, url, text, dup, story, score in rows:
        snippet, marks = make_snippet(text, wanted)
        hits.append(Hit(seq, id_, title, out, published, url, float(score or 0), snippet, marks, dup, story))
    return hits


def make_snippet(text: str, wanted: set[str], size: int = SNIPPET_WORDS) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The window of `size` words with the most matches, and the spans of the matching words in it."""
    words = list(_WORD.finditer(text))
    if not words:
        return text[:200], ()
    matched = [bool(wanted.intersection(_terms(m.group()))) for m in words]
    best, best_count, count = 0, -1, 0
    for i in range(len(words)):
        count += matched[i]
        if i >= size:
            count -= matched[i - size]
        if count > best_count:
            best_count, best = count, max(0, i - size + 1)
    window = words[best:best + size]
    start, end = window[0].start(), window[-1].end()
    snippet = ("… " if start > 0 else "") + text[start:end] + (" …" if end < len(text) else "")
    shift = 2 if start > 0 else 0
    marks = tuple((m.start() - start + shift, m.end() - start + shift)
                  for m, hit in zip(window, matched[best:best + size]) if hit)
    return snippet, marks


def _terms(word: str) -> tuple[str, ...]:
    key = fold(word)
    return word_terms(key) if key else ()
