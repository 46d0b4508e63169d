"""Arbitrary input never crashes cleaning or segmentation, and never breaks the span invariant."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import marsad
from marsad.clean.boilerplate import classify_lines
from marsad.errors import MarsadInputError
from marsad.read.encoding import decode
from marsad.text.sentences import clauses, sentences

ARABIC_HEAVY = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى٠١٢٣0123456789 .،؛؟!…\n\"“”«»()-:/\u200f\u200b")),
                       max_size=400)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), ARABIC_HEAVY))
def test_analyze_never_raises_anything_but_input_errors(text):
    try:
        article = marsad.analyze(text)
    except MarsadInputError as err:
        assert err.code in ("E050", "E051")
        return
    article.check_spans()
    for s, e in article.sentences:
        assert 0 <= s < e <= len(article.text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), ARABIC_HEAVY))
def test_segmentation_and_cleaning_are_total(text):
    for fn in (sentences, clauses):
        spans = fn(text)
        assert all(0 <= s < e <= len(text) for s, e in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
    assert len(classify_lines(text.split("\n"))) == len(text.split("\n"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_gives_text_or_an_input_error(data):
    try:
        text, enc = decode(data, "x")
    except MarsadInputError as err:
        assert err.code in ("E010", "E011")
        return
    assert isinstance(text, str)
