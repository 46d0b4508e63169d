"""`marsad search`: ranked full-text search with Arabic folding and light stemming on both sides
(docs/rules.md#search-and-stories), over a query language of AND, OR, NOT and phrases (query.py), with filters
by entity (through the entity index), outlet and published dates.

SQLite ranks with FTS5's bm25 (title terms weigh double); PostgreSQL with ts_rank over its `arabic`
configuration. Both index the terms of text/search_terms.py, so «اردوغان» finds «أردوغان» and «تركيا» finds
«وتركيا». Snippets are cut from the original text around the densest run of matching words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..text.normalize import fold
from ..text.search_terms import word_terms
from .db import PostgresStore, Store
from .query import Query, parse

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


@dataclass(frozen=True, slots=True)
class Filters:
    """What narrows a search besides its words: the same for `marsad search`, `marsad serve` and the API."""
    entity: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outlet: str | None = None
    include_duplicates: bool = False


def like_escaped(value: str) -> str:
    """`value` as a literal inside a LIKE pattern (with ESCAPE '\\'): «%» and «_» in a name are characters."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def published_between(where: list[str], params: list, date_from: dt.date | None, date_to: dt.date | None) -> None:
    """Add the conditions on an article's (`a`) published day: on or after `date_from`, on or before `date_to`."""
    if date_from:
        where.append("a.published_date >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("a.published_date <= ?")
        params.append(date_to.isoformat())


@dataclass(frozen=True, slots=True)
class Match:
    """The articles a query and its filters select, as SQL: `sql` selects (seq, score) of every match, best
    first when ordered by score; `params` are its parameters; `none` is set when nothing can match."""
    sql: str
    params: tuple
    ranked: bool
    none: bool = False


def match(store: Store, query: Query, filters: Filters = Filters()) -> Match:
    where, params = [], []
    if filters.entity:
        if not fold(filters.entity).strip():
            return Match("SELECT 0 AS seq, 0.0 AS score WHERE 1 = 0", (), False, none=True)
        from .entity_index import entities_named  # here: entity_index reads like_escaped from this module

        named = entities_named(store, filters.entity)
        if named:  # the entity index: every spelling and short form joined to the entity, and only those
            marks = ", ".join("?" * len(named))
            where.append(f"EXISTS (SELECT 1 FROM entities e JOIN entity_keys k ON k.canonical_key = e.canonical_key "
                         f"WHERE e.article_seq = a.seq AND k.entity IN ({marks}))")
            params += named
        else:  # a name the index does not hold (not rebuilt yet, or part of a word): the mentions' text
            where.append("EXISTS (SELECT 1 FROM entities e WHERE e.article_seq = a.seq AND "
                         "(e.canonical_key LIKE ? ESCAPE '\\' OR e.text LIKE ? ESCAPE '\\'))")
            params += [f"%{like_escaped(fold(filters.entity))}%", f"%{like_escaped(filters.entity)}%"]
    published_between(where, params, filters.date_from, filters.date_to)
    if filters.outlet:
        where.append("a.outlet = ?")
        params.append(filters.outlet)
    if not filters.include_duplicates:
        where.append("a.duplicate_of IS NULL")
    if query.empty:
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        return Match(f"SELECT a.seq AS seq, 0.0 AS score FROM articles a{cond}", tuple(params), False)
    extra = (" AND " + " AND ".join(where)) if where else ""
    if isinstance(store, PostgresStore):
        sql = (f"SELECT a.seq AS seq, ts_rank(a.search_vector, q) AS score FROM articles a, "
               f"to_tsquery('arabic', ?) q WHERE a.search_vector @@ q{extra}")
        return Match(sql, (query.tsquery(), *params), True)
    # CROSS JOIN keeps SQLite from starting at the articles_outlet index and probing the full-text index once
    # per article of the outlet (400 ms instead of 8 for «ترامب» in one outlet of 31k articles)
    sql = (f"SELECT articles_fts.rowid AS seq, -bm25(articles_fts, 2.0, 1.0) AS score FROM articles_fts "
           f"CROSS JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?{extra}")
    return Match(sql, (query.fts5(), *params), True)


def search(store: Store, query: str | Query, entity: str | None = None, date_from: dt.date | None = None,
           date_to: dt.date | None = None, outlet: str | None = None, limit: int = 20,
           include_duplicates: bool = False, offset: int = 0) -> list[Hit]:
    """The best `limit` hits after `offset`: by rank for a query, newest first for a browse by filters alone.
    Raises QueryError for a query that cannot be run (only NOT)."""
    parsed = query if isinstance(query, Query) else parse(query)
    if parsed.empty and not entity:
        return []
    found = match(store, parsed, Filters(entity, date_from, date_to, outlet, include_duplicates))
    if found.none:
        return []
    order = "m.score DESC, a.seq" if found.ranked else "a.published_date DESC, a.seq DESC"
    rows = store.query(f"SELECT a.seq, a.id, a.title, a.outlet, a.published, a.url, a.text, a.duplicate_of, "
                       f"s.story, m.score FROM ({found.sql}) m JOIN articles a ON a.seq = m.seq "
                       f"LEFT JOIN stories s ON s.article_seq = a.seq ORDER BY {order} LIMIT ? OFFSET ?",
                       [*found.params, limit, offset])
    wanted = parsed.highlight_terms()
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
