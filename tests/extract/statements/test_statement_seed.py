"""The seed page (../shared/examples/seed): every gold statement with its speaker, channel, via, direct quote."""

from __future__ import annotations

import json

import pytest

from marsad.api import analyze
from marsad.extract.events import EventExtractor
from marsad.extract.statements import StatementExtractor
from marsad.options import Options
from marsad.pipeline import Pipeline
from marsad.standard import standard_steps
from marsad.text.normalize import fold

from conftest import SEED, need


def pipeline() -> Pipeline:
    opts = Options()
    steps = standard_steps(opts)
    for cls in (StatementExtractor, EventExtractor):
        if not any(isinstance(s, cls) for s in steps):
            steps.append(cls(opts))
    return Pipeline(steps)


@pytest.fixture(scope="module")
def seed():
    text = need(SEED).read_text("utf-8")
    gold = json.loads(need(SEED.with_suffix("").with_suffix(".gold.json")).read_text("utf-8"))
    return analyze(text, pipeline=pipeline()), gold


def pair(article, gold):
    """Gold statements paired in order with the predicted statement of the same verb."""
    preds = list(article.statements)
    out = []
    k = 0
    for g in gold["statements"]:
        while k < len(preds) and fold(preds[k].verb.text) != fold(g["verb"]):
            k += 1
        assert k < len(preds), f"gold statement {g['verb']!r} (#{len(out) + 1}) not found"
        out.append((g, preds[k]))
        k += 1
    return out


def test_all_sixteen_statements_are_found(seed):
    article, gold = seed
    assert len(gold["statements"]) == 16
    assert len(pair(article, gold)) == 16


def test_no_statement_beyond_gold_and_optional(seed):
    article, gold = seed
    allowed = {fold(g["verb"]) for g in gold["statements"]} | {fold(v) for v in gold["statements_optional"]}
    extra = [s.verb.text for s in article.statements if fold(s.verb.text) not in allowed]
    assert extra == []
    assert len(article.statements) <= len(gold["statements"]) + len(gold["statements_optional"]) + 1


def test_verb_spans_have_no_conjunction(seed):
    article, _ = seed
    for s in article.statements:
        assert not s.verb.text.startswith(("و", "ف")) or fold(s.verb.text).startswith("وضح"), s.verb


@pytest.mark.parametrize("n", range(16))
def test_speaker(seed, n):
    article, gold = seed
    g, p = pair(article, gold)[n]
    if g.get("speaker"):
        assert p.speaker is not None, p
        assert fold(g["speaker"]) in fold(p.speaker.text) or fold(p.speaker.text) in fold(g["speaker"]), p
    if g.get("speaker_canonical"):
        assert p.speaker_canonical and fold(p.speaker_canonical) == fold(g["speaker_canonical"]), p


def test_channel_and_via_where_gold_has_them(seed):
    article, gold = seed
    checked = 0
    for g, p in pair(article, gold):
        if "channel" in g:
            assert p.channel == g["channel"], p
            checked += 1
        if "via" in g:
            assert p.via == g["via"], p
            checked += 1
    assert checked == sum(("channel" in g) + ("via" in g) for g in gold["statements"]) > 0


def test_the_direct_quote_on_line_11(seed):
    article, gold = seed
    line11 = article.text.split("\n")[10]
    start = article.text.index(line11)
    quoted = [p for _, p in pair(article, gold) if p.direct_quote]
    assert len(quoted) == 1
    assert start <= quoted[0].verb.start < start + len(line11)
    assert "“" in quoted[0].content.text or "”" in quoted[0].content.text


def test_content_spans(seed):
    article, gold = seed
    article.check_spans()
    for _, p in pair(article, gold):
        assert p.content.start >= p.verb.end
        assert p.content.text.strip()
        assert "\n" not in p.content.text
