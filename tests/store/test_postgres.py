"""The same store on PostgreSQL: a throwaway server is started from the machine's PostgreSQL binaries when they
exist (as the postgres user when the tests run as root); otherwise the test is skipped with the reason."""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
from decimal import Decimal

import pytest

from store_corpus import SEARCH_ARTICLES, write_corpus


def _bin(name: str) -> str | None:
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:]
    return found if isinstance(found, str) else (found[0] if found else None)


@pytest.fixture(scope="module")
def pg_url():
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
    as_user: list[str] = []
    root = tempfile.mkdtemp(prefix="marsad-pg-")
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        try:
            shutil.chown(root, "postgres")
        except (LookupError, PermissionError):
            pytest.skip("running as root and there is no postgres user to start PostgreSQL as")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = os.path.join(root, "data"), os.path.join(root, "log")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        subprocess.run([*as_user, initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"], **run)
        subprocess.run([*as_user, pg_ctl, "-D", data, "-l", log, "-w", "-o",
                        f"-p {port} -k {root} -c listen_addresses=''", "start"], **run)
    except (subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"could not start a throwaway PostgreSQL: {exc}")
    yield f"postgresql://postgres@/postgres?host={root}&port={port}"
    subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "stop"], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    shutil.rmtree(root, ignore_errors=True)


def test_postgres_store(pg_url, tmp_path):
    from marsad.store import open_store
    from marsad.store.export import export
    from marsad.store.ingest import ingest
    from marsad.store.search import search

    src = tmp_path / "news.jsonl"
    rows = write_corpus(src, n=20)
    extra = tmp_path / "s.jsonl"
    extra.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SEARCH_ARTICLES), "utf-8")
    store = open_store(pg_url)
    assert store.migrate() == []
    summary = ingest(store, [str(src), str(extra)], workers=2)
    assert summary.added == len(rows) + len(SEARCH_ARTICLES) and dict(summary.errors) == {"E020": 1}
    assert ingest(store, [str(src)], workers=1).added == 0
    assert store.scalar("SELECT COUNT(*) FROM articles WHERE duplicate_of IS NOT NULL") == 2
    assert [h.id for h in search(store, "اردوغان")] == ["s1"]
    assert {h.id for h in search(store, "تركيا")} == {"s2", "s3"}
    assert export(store, "jsonl", str(tmp_path / "out.jsonl")) == summary.added
    # amounts come back exactly (REAL was a 4-byte float on PostgreSQL: 7 significant digits)
    for value, exact, doc_json, idx in store.query("SELECT q.value, q.value_exact, a.doc_json, q.idx FROM quantities q "
                                                   "JOIN articles a ON a.seq = q.article_seq"):
        stored = json.loads(doc_json)["quantities"][idx]["value"]
        assert exact == Decimal(str(stored)) and value == float(stored)
    # boolean queries and phrases run on PostgreSQL's tsquery as on FTS5
    assert {h.id for h in search(store, "تركيا NOT أنقرة")} == {"s3"}
    assert {h.id for h in search(store, "اردوغان OR مستشفى")} == {"s1", "s4"}
    assert [h.id for h in search(store, '"رجب طيب أردوغان"')] == ["s1"]
    assert search(store, '"أردوغان طيب"') == []
    # the reading room reads it through a read-only session, and the server refuses a write
    from starlette.testclient import TestClient

    from marsad.web.app import create_app

    client = TestClient(create_app(pg_url))
    page = client.get("/search?format=json&q=" + "تركيا").json()
    assert page["total"] == 2 and {h["id"] for h in page["hits"]} == {"s2", "s3"}
    assert client.get("/entity/" + "أنقرة" + "?format=json").json()["articles"] >= 1
    assert client.get("/amounts?format=json").status_code == 200
    assert client.get("/stories?format=json").status_code == 200
    reader = open_store(pg_url, create=False, read_only=True)
    import psycopg

    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        reader.execute("DELETE FROM articles")
