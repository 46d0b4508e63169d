"""The store: ingest (idempotent, errors kept), search, duplicates, stories, export, migrations."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from marsad.store import open_store
from marsad.store.export import export
from marsad.store.ingest import ingest
from marsad.store.search import search
from marsad.store.stories import list_stories

from helpers import undo_story_and_entity_migrations, undo_version_7
from store_corpus import SEARCH_ARTICLES, write_corpus


@pytest.fixture()
def corpus_store(tmp_path):
    src = tmp_path / "news.jsonl"
    rows = write_corpus(src)
    store = open_store(str(tmp_path / "marsad.db"))
    summary = ingest(store, [str(src)], workers=2)
    return store, rows, summary, src


def test_ingest_counts_errors_and_duplicates(corpus_store):
    store, rows, summary, _ = corpus_store
    assert summary.added == len(rows)
    assert dict(summary.errors) == {"E020": 1}
    assert store.scalar("SELECT COUNT(*) FROM errors") == 1
    first = store.scalar("SELECT seq FROM articles WHERE id = 'art-00000'")
    dup = dict(store.query("SELECT id, duplicate_of FROM articles WHERE id IN ('copy-exact', 'copy-near')"))
    assert dup == {"copy-exact": first, "copy-near": first}
    assert store.scalar("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL") == 2
    assert summary.duplicates == 2


def test_items_are_stored_with_offsets(corpus_store):
    store, *_ = corpus_store
    for text, start, end, body in store.query("SELECT q.text, q.span_start, q.span_end, a.text FROM quantities q "
                                              "JOIN articles a ON a.seq = q.article_seq"):
        assert body[start:end] == text
    units = {u for (u,) in store.query("SELECT DISTINCT unit FROM quantities WHERE kind = 'money'")}
    assert units == {"USD"}
    assert store.scalar("SELECT COUNT(*) FROM statements") > 0
    assert store.scalar("SELECT COUNT(*) FROM dates WHERE value IS NOT NULL") > 0


def test_reingest_adds_nothing(corpus_store):
    store, rows, _, src = corpus_store
    before = store.query("SELECT seq, id, doc_key, duplicate_of FROM articles ORDER BY seq")
    again = ingest(store, [str(src)], workers=1)
    assert (again.added, again.skipped, sum(again.errors.values())) == (0, len(rows), 0)
    assert store.query("SELECT seq, id, doc_key, duplicate_of FROM articles ORDER BY seq") == before
    assert store.scalar("SELECT COUNT(*) FROM errors") == 1


def test_stories_group_copies_across_outlets(corpus_store):
    store, *_ = corpus_store
    stories = list_stories(store)
    copies = [s for s in stories if {m["id"] for m in s["members"]} >= {"art-00000", "copy-exact", "copy-near"}]
    assert len(copies) == 1 and copies[0]["outlets"] >= 2


def test_exports(corpus_store, tmp_path, schema_validator):
    store, rows, *_ = corpus_store
    out = tmp_path / "out.jsonl"
    assert export(store, "jsonl", str(out)) == len(rows)
    docs = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    for doc in docs[:5]:
        schema_validator.validate(doc)
    pq = pytest.importorskip("pyarrow.parquet")
    assert export(store, "parquet", str(tmp_path / "out.parquet"), with_dedup=True) == len(rows)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == len(rows) and {"text", "quantities", "duplicate_of", "story"} <= set(table.schema.names)
    assert table.column("quantities").to_pylist()[0][0]["unit"] == "USD"
    assert str(table.schema.field("published").type) == "timestamp[us, tz=UTC]"
    first = table.slice(0, 1).to_pylist()[0]
    assert first["published"].date().isoformat() == docs[0]["published"][:10]


def test_csv_export_is_flat_and_opens_in_a_spreadsheet(corpus_store, tmp_path):
    store, rows, *_ = corpus_store
    path = tmp_path / "out.csv"
    assert export(store, "csv", str(path), with_dedup=True) == len(rows)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets then read UTF-8, not Windows-1252
    with open(path, encoding="utf-8-sig", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert list(table[0])[:4] == ["id", "outlet", "published", "title"]
    assert list(table[0])[-2:] == ["duplicate_of", "story"]
    by_id = {row["id"]: row for row in table}
    stored = json.loads(store.scalar("SELECT doc_json FROM articles WHERE id = 'art-00000'"))
    row = by_id["art-00000"]
    assert row["text"] == stored["text"]
    assert not any(cell.lstrip().startswith(("{", "[")) for cell in row.values())  # no JSON in a cell
    money = [q for q in stored["quantities"] if q["kind"] == "money"]
    assert money and f"{int(money[0]['value'])} USD" in row["amounts"].split("; ")
    assert int(row["statements"]) == len(stored["statements"])
    names = {e["canonical"] for e in stored["entities"] if e["label"] == "ORG"}
    assert set(filter(None, row["organisations"].split("; "))) == names
    assert by_id["copy-exact"]["duplicate_of"] == "art-00000"


@pytest.fixture()
def search_store(tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SEARCH_ARTICLES), "utf-8")
    store = open_store(str(tmp_path / "s.db"))
    ingest(store, [str(src)], workers=1)
    return store


def test_search_folds_spelling_and_clitics(search_store):
    assert [h.id for h in search(search_store, "اردوغان")] == ["s1"]
    assert {h.id for h in search(search_store, "تركيا")} == {"s2", "s3"}  # «وتركيا», «لتركيا»
    assert [h.id for h in search(search_store, "مستشفى جدة")] == ["s4"]
    assert search(search_store, "برشلونة") == []


def test_search_filters_and_snippets(search_store):
    hits = search(search_store, "تركيا", date_from=dt.date(2021, 12, 1))
    assert [h.id for h in hits] == ["s3"]
    assert [h.id for h in search(search_store, "تركيا", outlet="المرصد", date_to=dt.date(2021, 11, 30))] == ["s2"]
    hit = search(search_store, "اردوغان")[0]
    start, end = hit.highlights[0]
    assert hit.snippet[start:end] == "أردوغان"


def test_migrations_are_versioned_and_applied_once(tmp_path):
    path = str(tmp_path / "m.db")
    store = open_store(path)
    assert store.version() == max(v for v, *_ in store.migrations())
    assert store.migrate() == []
    store.close()
    assert open_store(path).scalar("SELECT COUNT(*) FROM schema_migrations") == len(store.migrations())


@pytest.mark.parametrize("command", [["search", "تركيا"], ["stories"], ["export", "--format", "csv", "-o", "x.csv"]])
@pytest.mark.parametrize("db", [None, "missing.db", "folder"])
def test_read_commands_refuse_a_store_that_does_not_exist(tmp_path, command, db):
    import os
    import subprocess
    import sys

    (tmp_path / "folder").mkdir()
    args = [sys.executable, "-m", "marsad", *command] + (["--db", db] if db else [])
    before = sorted(p.name for p in tmp_path.iterdir())
    out = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, timeout=120,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.returncode == 2, out
    assert out.stderr.startswith("marsad: E083 ") and len(out.stderr.splitlines()) == 1, out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created: no store, no export


def test_a_file_that_is_no_marsad_store_is_refused_and_left_alone(tmp_path):
    from marsad.store import StoreError

    path = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(path).execute("CREATE TABLE notes (x TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(str(path), create=False)
    assert caught.value.code == "E083"
    assert path.read_bytes() == before


BIG = "وقدرت الهيئة قيمة الأصول بنحو 98765432109876543210 دولار، وبلغت الأرباح 12.75 مليون دولار."


def test_amounts_are_stored_exactly(tmp_path):
    from decimal import Decimal

    src = tmp_path / "big.jsonl"
    src.write_text(json.dumps({"id": "big", "text": BIG}, ensure_ascii=False) + "\n", "utf-8")
    store = open_store(str(tmp_path / "big.db"))
    ingest(store, [str(src)], workers=1)
    rows = store.query("SELECT value, value_exact FROM quantities ORDER BY idx")
    assert [Decimal(exact) for _, exact in rows] == [Decimal("98765432109876543210"), Decimal("12750000")]
    assert rows[0][0] == float(98765432109876543210)  # the REAL column, for sorting, is the nearest double
    # a store of version 1 gets the exact values from the articles' JSON when it is migrated
    store.execute("UPDATE quantities SET value_exact = NULL")
    store.execute("DELETE FROM schema_migrations WHERE version >= 2")
    store.execute("ALTER TABLE quantities DROP COLUMN value_exact")
    store.execute("DROP TABLE article_lines")
    store.execute("ALTER TABLE articles DROP COLUMN raw_z")
    undo_story_and_entity_migrations(store)  # back to version 1's story and entity tables
    assert store.migrate() == [2, 3, 4, 5, 6, 7]
    assert [Decimal(e) for (e,) in store.query("SELECT value_exact FROM quantities ORDER BY idx")] == \
        [Decimal("98765432109876543210"), Decimal("12750000")]


EVENTS_TEXT = ("وقال مسؤول إن قوات الأمن اعتقلت يوم الاثنين ثلاثة مطلوبين في حي الزهور. "
               "وأدانت منظمة حقوقية الاعتقالات. وقال المتحدث باسم الشرطة للصحافيين إن التحقيق مستمر.")


def test_event_dates_and_addressees_are_stored_and_filled_in_by_the_migration(tmp_path):
    src = tmp_path / "ev.jsonl"
    src.write_text(json.dumps({"id": "ev", "text": EVENTS_TEXT, "date": "2021-06-10"}, ensure_ascii=False) + "\n",
                   "utf-8")
    store = open_store(str(tmp_path / "ev.db"))
    ingest(store, [str(src)], workers=1)
    doc = json.loads(store.scalar("SELECT doc_json FROM articles WHERE id = 'ev'"))
    want = [(e["date"], e["date_basis"]) for e in doc["events"]]
    assert ("2021-06-07", "stated") in want and ("2021-06-10", "reference") in want, doc["events"]
    assert store.query("SELECT date, date_basis FROM events ORDER BY idx") == want
    hearers = [("الصحافيين" if s["addressee"] else None) for s in doc["statements"]]
    assert "الصحافيين" in hearers, doc["statements"]
    assert [c for (c,) in store.query("SELECT addressee_canonical FROM statements ORDER BY idx")] == hearers
    # a store of version 6 gets them from the articles' JSON when it is migrated
    store.execute("DELETE FROM schema_migrations WHERE version = 7")
    undo_version_7(store)
    assert store.migrate() == [7]
    assert store.query("SELECT date, date_basis FROM events ORDER BY idx") == want
    assert [c for (c,) in store.query("SELECT addressee_canonical FROM statements ORDER BY idx")] == hearers
