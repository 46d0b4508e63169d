"""Every example and counter-example of extract/events/corpus.yaml, one test each."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from marsad.extract.events.extract import EventFinder
from marsad.extract.events.lexicon import load
from marsad.text.normalize import fold
from marsad.text.sentences import sentences

CORPUS = yaml.safe_load(resources.files("marsad.extract.events").joinpath("corpus.yaml").read_text("utf-8"))
FINDER = EventFinder(load())


def find(text: str):
    return FINDER.find(text, sentences(text), [])


def some_contains(names, want: str) -> bool:
    return any(fold(want) in fold(n) or fold(n) in fold(want) for n in names)


@pytest.mark.parametrize("case", CORPUS["examples"], ids=lambda c: c["text"][:40])
def test_example(case):
    got = find(case["text"])
    for want in case["events"]:
        match = [e for e in got if e.type == want["type"] and e.trigger.text == want["trigger"]]
        assert match, got
        e = match[0]
        for field in ("mode", "location"):
            if field in want:
                assert getattr(e, field) == want[field], e
        for field in ("actors", "targets", "topics"):
            for name in want.get(field) or []:
                assert some_contains(getattr(e, field), name), (field, e)


@pytest.mark.parametrize("case", CORPUS["counter"], ids=lambda c: c["text"][:40])
def test_counter_example(case):
    got = find(case["text"])
    if case.get("type"):
        got = [e for e in got if e.type == case["type"]]
    assert got == []
