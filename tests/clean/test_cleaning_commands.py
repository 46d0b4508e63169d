"""`marsad debug-clean` and `marsad reclean` as a user runs them: what they print and what they change."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import widget_story


def _write(path, ks):
    rows = ({"id": f"s{k}", "text": widget_story(k), "outlet": "الواحة"} for k in ks)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return str(path)


def _marsad(*args):
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def test_debug_clean_names_the_model_and_the_evidence(tmp_path):
    path = _write(tmp_path / "a.jsonl", range(12))
    out = _marsad("debug-clean", path)
    assert out.returncode == 0, out.stderr
    first = out.stdout.split("a.jsonl:2")[0]  # the first article's table
    assert "1 of 3 lines removed" in first
    assert "recurs in 11 other stories" in first and "model" in first
    # without the evidence pass the widget reads as the story's last sentence and stays
    alone = _marsad("debug-clean", "--no-evidence", path)
    assert alone.returncode == 0, alone.stderr
    assert "nothing removed of 3 lines" in alone.stdout.split("\n")[0]
    # --all lists kept lines too, with the classifier's score
    every = _marsad("debug-clean", "--all", "--no-evidence", path)
    assert every.stdout.split("a.jsonl:2")[0].count(" kept ") == 3


def test_reclean_command_reports_what_it_changed(tmp_path):
    db = str(tmp_path / "s.db")
    assert _marsad("ingest", _write(tmp_path / "first.jsonl", [0]), "--db", db, "--workers", "1").returncode == 0
    assert _marsad("ingest", _write(tmp_path / "later.jsonl", range(1, 12)), "--db", db,
                   "--workers", "1").returncode == 0
    out = _marsad("reclean", "--db", db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("checked 12 articles: ") and "0 cleaned differently" not in out.stdout
    again = _marsad("reclean", "--db", db)
    assert again.stdout.strip() == "checked 12 articles: 0 cleaned differently and analysed again"
    missing = _marsad("reclean", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "E083" in missing.stderr and not (tmp_path / "none.db").exists()
