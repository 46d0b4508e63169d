"""The worked example (docs/rules.md#worked-example) end to end: body, removed lines with reasons, outlet."""

from __future__ import annotations

import json
import subprocess
import sys

from marsad.api import analyze_paths

from conftest import SEED, need


def _gold() -> dict:
    return json.loads(need(SEED.with_suffix(".gold.json")).read_text("utf-8"))


def test_seed_comes_out_clean():
    gold = _gold()
    article = next(analyze_paths([str(need(SEED))]))
    raw_lines = SEED.read_text("utf-8").split("\n")
    first, last = gold["article_lines"]
    assert article.text == "\n".join(raw_lines[first - 1:last])
    reasons = {r.line: r.reason for r in article.removed}
    assert reasons == {r["line"]: r["reason"] for r in gold["removed"]}
    assert article.source.outlet == gold["outlet"]
    assert len(article.sentences) == 19


def test_seed_through_the_cli_validates(schema_validator):
    out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(need(SEED))],
                         capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert len(lines) == 1
    d = json.loads(lines[0])
    assert not list(schema_validator.iter_errors(d))
    assert d["source"]["outlet"] == _gold()["outlet"]
