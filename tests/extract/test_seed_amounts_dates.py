"""The seed page: exactly the gold's quantities and dates, and its two percent-change checks (docs/rules.md#checks)."""

from __future__ import annotations

import json

import pytest

import marsad
from conftest import SEED, need


@pytest.fixture(scope="module")
def seed():
    text = need(SEED).read_text("utf-8")
    gold = json.loads(SEED.with_suffix(".gold.json").read_text("utf-8"))
    return marsad.analyze(text), gold


def test_exactly_the_gold_quantities(seed):
    article, gold = seed
    got = sorted((q.span.text, q.kind, q.value, q.unit) for q in article.quantities)
    want = sorted((g["text"], g["kind"], g["value"], g.get("unit")) for g in gold["quantities"])
    assert got == want


def test_no_quantity_from_names_or_removed_lines(seed):
    article, gold = seed
    texts = [q.span.text for q in article.quantities]
    for not_a_quantity in gold["quantities_not"]:
        assert not any(not_a_quantity in t or t in not_a_quantity for t in texts), not_a_quantity
    removed = "\n".join(r.text for r in article.removed)
    for q in article.quantities:
        assert article.text[q.span.start:q.span.end] == q.span.text
    assert "48.58" in removed and not any("48.58" in t for t in texts)


def test_exactly_the_gold_dates(seed):
    article, gold = seed
    got = sorted((d.span.text, d.value, d.relative) for d in article.dates)
    want = sorted((g["text"], g["value"], g["relative"]) for g in gold["dates"])
    assert got == want
    assert article.reference_date.basis == "inferred" and article.reference_date.value.startswith("2021")


def test_percent_change_checks(seed):
    article, gold = seed
    got = [(c.claimed, c.computed) for c in article.checks]
    assert got == [(g["claimed"], g["computed"]) for g in gold["checks"]]
    assert [c.consistent for c in article.checks] == [True, False]
    first = article.checks[0]
    a, p, b = (article.quantities[k] for k in first.quantities)
    assert (a.value, p.value, b.value) == (2035956000, 34.6, 2740988000)
