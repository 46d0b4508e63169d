"""A run killed with SIGKILL at a random moment, then rerun, ends with the same store as an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

from store_corpus import write_corpus


def _snapshot(db: str) -> dict:
    """The store's content, independent of seq numbering and timestamps."""
    con = sqlite3.connect(db)
    ids = dict(con.execute("SELECT seq, id FROM articles"))
    out = {
        "articles": sorted((r[0], ids.get(r[1]), r[2]) for r in con.execute(
            "SELECT id, duplicate_of, doc_json FROM articles")),
        "errors": sorted(con.execute("SELECT path, line, code, message FROM errors")),
        "stories": sorted(tuple(sorted(ids[s] for (s,) in con.execute(
            "SELECT article_seq FROM stories WHERE story = ?", (story,))))
            for (story,) in con.execute("SELECT DISTINCT story FROM stories")),
    }
    for table in ("quantities", "dates", "entities", "statements", "events", "checks", "lsh"):
        out[table] = con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    con.close()
    return out


def _ingest(src, db) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(src), "--db", str(db), "--workers", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _stored(db) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        n = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


def test_kill_and_rerun_equals_one_run(tmp_path):
    src = tmp_path / "news.jsonl"
    write_corpus(src, n=600, seed=11)
    whole, killed = tmp_path / "whole.db", tmp_path / "killed.db"
    assert _ingest(src, whole).wait(timeout=300) == 1  # exit 1: the malformed line is reported

    proc = _ingest(src, killed)
    deadline = time.time() + 120
    while _stored(killed) == 0 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(random.Random().uniform(0, 0.8))  # a random moment after the first commit
    was_running = proc.poll() is None
    if was_running:
        os.killpg(proc.pid, signal.SIGKILL)  # the writer and its worker processes, without any cleanup
    proc.wait(timeout=30)
    partial = _stored(killed)
    if was_running:
        assert proc.returncode == -signal.SIGKILL and 0 < partial < 602
    assert _ingest(src, killed).wait(timeout=300) in (0, 1)
    assert _snapshot(killed) == _snapshot(whole), f"killed after {partial} articles were committed"
