"""`marsad serve` as a command: loopback by default, a warning for any other address, one-line errors for a
store it cannot read, and `marsad migrate` for a store older than the server."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from helpers import undo_story_and_entity_migrations
from marsad.cli import app


@pytest.fixture
def served(monkeypatch):
    calls = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: calls.append(kw))
    return calls


def test_loopback_by_default(served, reading_room_db):
    result = CliRunner().invoke(app, ["serve", "--db", reading_room_db])
    assert result.exit_code == 0, result.output
    assert served == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning", "access_log": False}]
    assert "warning" not in result.output and "http://127.0.0.1:8000/" in result.output


def test_any_other_address_is_warned_about(served, reading_room_db):
    result = CliRunner().invoke(app, ["serve", "--db", reading_room_db, "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0 and served[0]["host"] == "0.0.0.0" and served[0]["port"] == 9000
    assert "warning: listening on 0.0.0.0" in result.output


def test_a_store_that_cannot_be_served_is_one_line(served, tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "E083" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists() and served == []


def test_migrate_brings_an_old_store_up_to_date(served, tmp_path):
    from marsad.store import open_store

    db = str(tmp_path / "old.db")
    store = open_store(db)
    latest = store.version()
    undo_story_and_entity_migrations(store, entity_index=False)  # back to version 5
    store.execute("DELETE FROM schema_migrations WHERE version >= 6")
    store.close()
    refused = CliRunner().invoke(app, ["serve", "--db", db])
    assert refused.exit_code == 2 and "E084" in refused.output and "marsad migrate" in refused.output
    migrated = CliRunner().invoke(app, ["migrate", "--db", db])
    assert migrated.exit_code == 0 and f"store version {latest}" in migrated.output
    assert CliRunner().invoke(app, ["serve", "--db", db]).exit_code == 0


def test_any_command_builds_stories_and_entities_of_an_upgraded_store(served, reading_room_db, tmp_path):
    import shutil

    from marsad.store import open_store

    db = str(tmp_path / "upgraded.db")
    shutil.copy(reading_room_db, db)
    store = open_store(db)
    undo_story_and_entity_migrations(store)  # a store of version 4, with its articles
    store.execute("DELETE FROM schema_migrations WHERE version >= 5")
    store.close()
    result = CliRunner().invoke(app, ["stories", "--db", db, "--json"])
    assert result.exit_code == 0 and "upgraded store" in result.output
    assert '"outlets": 2' in result.output  # the two outlets' reports of one event, placed on the way
    listed = CliRunner().invoke(app, ["entities", "أردوغان", "--db", db, "--json"])
    assert "رجب طيب أردوغان" in listed.output and "upgraded store" not in listed.output
