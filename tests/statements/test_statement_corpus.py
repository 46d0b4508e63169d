"""Every example and counter-example of extract/statements/corpus.yaml, one test each."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from marsad.extract.statements.extract import StatementFinder
from marsad.extract.statements.lexicon import load
from marsad.text.normalize import fold
from marsad.text.sentences import sentences

CORPUS = yaml.safe_load(resources.files("marsad.extract.statements").joinpath("corpus.yaml").read_text("utf-8"))
FINDER = StatementFinder(load())


def find(text: str):
    return FINDER.find(text, sentences(text), [])


def contains(got: str | None, want: str) -> bool:
    return got is not None and fold(want) in fold(got)


@pytest.mark.parametrize("case", CORPUS["examples"], ids=lambda c: c["text"][:40])
def test_example(case):
    got = find(case["text"])
    assert [s.verb.text for s in got] == [s["verb"] for s in case["statements"]], got
    for s, want in zip(got, case["statements"]):
        if "speaker" in want:
            assert contains(s.speaker.text if s.speaker else None, want["speaker"]), s
        if "canonical" in want:
            assert contains(s.speaker_canonical, want["canonical"]), s
        for field in ("channel", "via", "direct_quote"):
            if field in want:
                got_v = getattr(s, field)
                if field == "via" and want[field]:
                    assert contains(got_v, want[field]), s
                else:
                    assert got_v == want[field], s
        assert s.content.text.strip(), s


@pytest.mark.parametrize("text", CORPUS["counter"], ids=lambda t: t[:40])
def test_counter_example(text):
    assert find(text) == []


def test_every_form_of_a_verb_is_generated():
    forms = load().forms
    for word in ("قال", "قالت", "قالوا", "يقول", "تقول", "يقولون", "أكدت", "يؤكد", "أضافا", "تضيف",
                 "مشيرا", "مشيرة", "مضيفًا", "مؤكدةً", "لافتا", "رأى", "ترى", "نفت", "ينفي", "قوله"):
        assert fold(word) in forms, word
