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


# number-heavy text: digit runs of any length in both digit sets, with separators, scale and currency words
_DIGITS = st.text(alphabet=st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩")), min_size=1, max_size=60)
_NUMBER = st.one_of(
    _DIGITS,
    st.builds(lambda a, sep, b: f"{a}{sep}{b}", _DIGITS, st.sampled_from([".", ",", "٫", "٬", "/", "-", ":"]), _DIGITS),
    st.text(alphabet=st.sampled_from(list("9")), min_size=20, max_size=5000),
)
_WORDS = st.sampled_from(["مليون", "مليار", "ألف", "تريليون", "دولار", "ريال", "بالمئة", "%", "و", "في", "عام",
                          "يوم", "آذار/مارس", "هـ", "م", "كيلومتر", "نحو", "إلى", "من", "بنسبة", "ارتفعت", "قال"])
NUMBER_HEAVY = st.lists(st.one_of(_NUMBER, _WORDS), min_size=1, max_size=60).map(" ".join)
# one phrase repeated many times: what once made steps quadratic
_PHRASES = st.sampled_from(["وأضافت الوزارة أن", "في 14 آذار/مارس 2024", "وقال الحداد إن", "بلغت 3 ملايين دولار",
                            "«", "»", "الوزارة", "(", "بنسبة 5 بالمئة", "ارتفعت بنسبة 12 بالمئة من 100 إلى 112"])
REPETITIVE = st.builds(lambda parts, n: " ".join(parts) * n, st.lists(_PHRASES, min_size=1, max_size=4),
                       st.integers(min_value=1, max_value=300))


@settings(max_examples=150, deadline=None)
@given(st.one_of(NUMBER_HEAVY, REPETITIVE))
def test_numbers_and_repetitions_give_values_or_nothing_never_an_exception(text):
    try:
        article = marsad.analyze(text)
    except MarsadInputError as err:
        assert err.code in ("E050", "E051")
        return
    article.check_spans()
    import json
    import math

    doc = json.loads(json.dumps(article.to_dict()))  # values of any size survive JSON exactly
    for q, item in zip(article.quantities, doc["quantities"]):
        assert item["value"] == q.value
        assert not isinstance(q.value, float) or math.isfinite(q.value)
