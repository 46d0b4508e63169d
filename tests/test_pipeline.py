from __future__ import annotations

import pytest

import marsad
from marsad import Options, Pipeline, Step
from marsad.errors import MarsadInputError
from marsad.pipeline import PipelineOrderError
from marsad.standard import standard_steps

from conftest import ARTICLE


class NeedsEntities(Step):
    name = "needs_entities"
    requires = frozenset({"entities"})


def test_order_is_checked_when_the_pipeline_is_built():
    with pytest.raises(PipelineOrderError, match="entities"):
        Pipeline([NeedsEntities(Options()), *standard_steps(Options())])


def test_a_step_is_added_without_editing_a_central_function():
    class Counter(Step):
        name = "counter"
        requires = frozenset({"sentences"})
        assigns = frozenset({"n"})
        seen = 0

        def process(self, article):
            Counter.seen += len(article.sentences)

    pipeline = Pipeline([*standard_steps(Options()), Counter(Options())])
    marsad.analyze(ARTICLE, pipeline=pipeline)
    assert Counter.seen == 2


def test_analyze_api():
    a = marsad.analyze(ARTICLE, id="x1", title="عنوان", url="https://www.example.com/a",
                       published="Thu, 16 Aug 2018 23:33:02 GMT")
    d = a.to_dict()
    assert d["id"] == "x1" and d["published"] == "2018-08-16T23:33:02+00:00"
    assert d["reference_date"] == {"value": "2018-08-16", "basis": "published"}
    assert d["source"]["outlet"] == "example.com"
    assert d["language"] == "ar"


def test_no_clean_keeps_text_exactly():
    raw = ARTICLE + "\nالمصدر: وكالة\u200f"
    assert marsad.analyze(raw, clean=False).text == raw


def test_reference_date_given():
    a = marsad.analyze(ARTICLE, reference_date="2021-12-01")
    assert a.reference_date.value == "2021-12-01" and a.reference_date.basis == "given"


def test_empty_and_non_arabic_are_input_errors():
    with pytest.raises(MarsadInputError) as e:
        marsad.analyze("   \n ")
    assert e.value.code == "E050"
    with pytest.raises(MarsadInputError) as e:
        marsad.analyze("This is an English news story about the economy and markets.")
    assert e.value.code == "E051"
