"""`marsad reclean`: stored articles cleaned again with the evidence of the whole store."""

from __future__ import annotations

import json

from marsad.clean.evidence import page_keys
from marsad.options import Options
from marsad.store import open_store
from marsad.store.ingest import ingest
from marsad.store.reclean import StoreLines, reclean

from conftest import WIDGET, widget_story


def _write(path, ks) -> str:
    rows = ({"id": f"s{k}", "text": widget_story(k), "outlet": "الواحة"} for k in ks)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return str(path)


def test_store_lines_count_other_stories_of_the_outlet(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    ingest(store, [_write(tmp_path / "a.jsonl", range(5))], workers=1)
    lines = StoreLines(store)
    lines.group = store.scalar("SELECT seq FROM articles WHERE id = 's0'")
    counts = lines.recurrence("الواحة", page_keys(widget_story(0)))
    assert counts == [0, 0, 4]           # the widget in 4 other stories; the story's own lines in none
    assert lines.recurrence("المرصد", page_keys(widget_story(0))) == [0, 0, 0]


def test_reclean_applies_evidence_that_came_later(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    # the first article alone: nothing tells its last line from the story's
    ingest(store, [_write(tmp_path / "first.jsonl", [0])], workers=1)
    before = json.loads(store.scalar("SELECT doc_json FROM articles WHERE id = 's0'"))
    # later runs store many stories of the outlet ending with the same line
    ingest(store, [_write(tmp_path / "later.jsonl", range(1, 12))], Options(), workers=1)
    summary = reclean(store)
    after = json.loads(store.scalar("SELECT doc_json FROM articles WHERE id = 's0'"))
    assert summary.checked == 12 and summary.without_raw == 0
    assert WIDGET in before["text"]
    assert summary.changed >= 1
    assert WIDGET not in after["text"]
    widget = [r for r in after["removed"] if r["text"] == WIDGET]
    assert widget and widget[0]["rule"] == "model"
    # its rows follow the new analysis: the same id, one article
    assert store.scalar("SELECT COUNT(*) FROM articles WHERE id = 's0'") == 1
    assert reclean(store).changed == 0  # a second reclean finds nothing more to do
