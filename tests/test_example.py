"""The bundled example (examples/port_expansion.txt) gives its known facts, as `make demo` shows them."""

from __future__ import annotations

import pytest

from marsad.api import analyze_paths

from conftest import EXAMPLE
from example_facts import expected, has_entity, problems


@pytest.fixture(scope="module")
def doc():
    (article,) = list(analyze_paths([str(EXAMPLE)]))
    return article.to_dict()


def test_every_known_fact_of_the_example(doc):
    assert problems(doc) == []


@pytest.mark.parametrize("text,label", expected()["entities_known_misses"])
@pytest.mark.xfail(strict=True, reason="a known miss of the shipped entity model (a long organisation name, or "
                                       "an outlet named inside the text)")
def test_known_missed_entity(doc, text, label):
    assert has_entity(doc, text, label)
