"""Small test helpers (imported by tests; not fixtures)."""

from __future__ import annotations

from marsad.article import Article


def assert_spans_valid(article: Article) -> None:
    article.check_spans()
    text = article.text or ""
    for start, end in article.sentences:
        assert text[start:end].strip() == text[start:end]


def undo_story_and_entity_migrations(store, entity_index: bool = True) -> None:
    """Take a SQLite store back to before version 6 (version 7 undone; the story tables; the old `stories` table
    again) and, with `entity_index`, before version 5 too. The schema_migrations rows are the caller's to
    remove."""
    undo_version_7(store)
    statements = ["DROP VIEW entity_mentions", "DROP TABLE entity_keys", "DROP TABLE entity_index"] \
        if entity_index else []
    statements += ["DROP VIEW stories", "DROP TABLE story_members", "DROP TABLE story_index",
                   "DROP TABLE story_postings", "DROP TABLE story_df", "DROP TABLE story_state",
                   "CREATE TABLE stories (article_seq INTEGER PRIMARY KEY, story INTEGER NOT NULL)"]
    for statement in statements:
        store.execute(statement)


def undo_version_7(store) -> None:
    """Take a SQLite store back to before version 7: no event dates, no statement addressees. The
    schema_migrations row is the caller's to remove."""
    for statement in ("DROP INDEX events_date", "ALTER TABLE events DROP COLUMN date",
                      "ALTER TABLE events DROP COLUMN date_basis", "ALTER TABLE statements DROP COLUMN addressee",
                      "ALTER TABLE statements DROP COLUMN addressee_canonical"):
        store.execute(statement)
