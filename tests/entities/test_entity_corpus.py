"""Every example and counter-example of extract/entities/corpus.yaml, one test each, through marsad.analyze.

An example or counter-example marked `known_miss` documents a mistake of the shipped model: it must still fail
(strict xfail), so that a model which gets it right is noticed and the mark removed.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

import marsad

CORPUS = yaml.safe_load(resources.files("marsad.extract.entities").joinpath("corpus.yaml").read_text("utf-8"))


def _examples():
    for case in CORPUS["examples"]:
        marks = [pytest.mark.xfail(strict=True, reason=case["known_miss"])] if case.get("known_miss") else []
        yield pytest.param(case, marks=marks, id=case["text"][:40])


@pytest.mark.parametrize("case", list(_examples()))
def test_example(case):
    article = marsad.analyze(case["text"])
    article.check_spans()
    got = {(e.span.text, e.label): e.canonical for e in article.entities}
    for want in case["entities"]:
        key = (want["text"], want["label"])
        assert key in got, (want, sorted(got))
        if "canonical" in want:
            assert got[key] == want["canonical"], (want, got[key])
    spans = {e.span.text for e in article.entities}
    for text in case.get("absent", []):
        assert text not in spans, (text, sorted(got))


def _counter_examples():
    for case in CORPUS["counter"]:
        text = case if isinstance(case, str) else case["text"]
        miss = None if isinstance(case, str) else case.get("known_miss")
        yield pytest.param(text, marks=[pytest.mark.xfail(strict=True, reason=miss)] if miss else [], id=text[:40])


@pytest.mark.parametrize("text", list(_counter_examples()))
def test_counter_example(text):
    got = [(e.span.text, e.label) for e in marsad.analyze(text).entities]
    assert got == []


def test_the_corpus_covers_every_behaviour():
    # at least one example per entity type, one canonical link, one absent form and one counter-example
    labels = {w["label"] for case in CORPUS["examples"] for w in case["entities"]}
    assert labels == {"PER", "ORG", "LOC", "MISC"}
    assert any("canonical" in w for case in CORPUS["examples"] for w in case["entities"])
    assert any(case.get("absent") for case in CORPUS["examples"])
    assert CORPUS["counter"]
