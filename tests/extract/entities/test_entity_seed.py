"""The example page's entities against its hand annotation (../shared/examples/seed/*.gold.json).

The shipped model is chosen without looking at this page (training/ner/config.yaml, `selection`: the best
development score among the candidate builds). This test reports what that model finds here: each required name
is its own case, and the names the model misses are listed in MISSES as strict expected failures with the
reason, so a model that finds one more shows up as an unexpected pass.
"""

from __future__ import annotations

import json

import pytest

import marsad
from marsad.extract.entities.clitics import split
from marsad.extract.entities.model import tagger
from marsad.text.normalize import fold

from conftest import SEED

GOLD_PATH = SEED.with_suffix(".gold.json")
GOLD = json.loads(GOLD_PATH.read_text("utf-8")) if GOLD_PATH.exists() else {"entities": {}, "canonical": {}}
pytestmark = pytest.mark.skipif(not GOLD_PATH.exists(), reason=f"{GOLD_PATH} is absent (the shared folder is not "
                                                              "beside the project)")
# (name, label) → why the shipped model misses it; follows the model, never the other way round
MISSES: dict[tuple[str, str], str] = {}
CANONICAL_MISSES: dict[str, str] = {}


@pytest.fixture(scope="module")
def article():
    found = marsad.analyze(SEED.read_text("utf-8"))
    found.check_spans()
    return found


def _case(key, misses: dict, ident: str):
    marks = [pytest.mark.xfail(strict=True, reason=misses[key])] if key in misses else []
    return pytest.param(key, marks=marks, id=ident)


@pytest.mark.parametrize("wanted", [_case((n, lab), MISSES, f"{lab}-{n}") for lab, names in GOLD["entities"].items()
                                    for n in names])
def test_required_entity_found_with_its_label(article, wanted):
    name, label = wanted
    assert (fold(name), label) in {(fold(e.span.text), e.label) for e in article.entities}


@pytest.mark.parametrize("short", [_case(s, CANONICAL_MISSES, s) for s in GOLD["canonical"]])
def test_canonical_links(article, short):
    canon = {fold(e.span.text): fold(e.canonical) for e in article.entities}
    assert canon.get(fold(short)) == fold(GOLD["canonical"][short])


def test_no_currency_or_nominal_entities(article):
    texts = {fold(e.span.text) for e in article.entities}
    assert not texts & {fold(w) for w in ("دولار", "الوزارة", "المجلس", "الدائرة", "التركي", "التركية")}


def test_no_span_starts_with_a_proclitic(article):
    res = tagger().res
    for e in article.entities:
        assert split(fold(e.span.text.split()[0]), res)[0] == 0, e.span.text
