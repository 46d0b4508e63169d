from __future__ import annotations

import pytest

from marsad.text.sentences import clauses, sentences


def _split(text):
    return [text[s:e] for s, e in sentences(text)]


@pytest.mark.parametrize("text,expected", [
    ("ارتفعت بنسبة 34.6 بالمئة. وحققت أرباحا.", ["ارتفعت بنسبة 34.6 بالمئة.", "وحققت أرباحا."]),
    ("ارتفعت بنسبة ٣٤٫٦ بالمئة؛ وحققت أرباحا", ["ارتفعت بنسبة ٣٤٫٦ بالمئة؛", "وحققت أرباحا"]),
    ("هل انتهى الاجتماع؟ نعم! انتهى", ["هل انتهى الاجتماع؟", "نعم!", "انتهى"]),
    ("قال د. أحمد إن الوضع مستقر.", ["قال د. أحمد إن الوضع مستقر."]),
    ("زار U.S. Secretary المنطقة.", ["زار U.S. Secretary المنطقة."]),
    ("قال: “انتهى الأمر.” ثم غادر.", ["قال: “انتهى الأمر.”", "ثم غادر."]),
    ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("الموقع example.com يعمل.", ["الموقع example.com يعمل."]),
    ("بلغ العدد 1.200.000 نسمة.", ["بلغ العدد 1.200.000 نسمة."]),
    ("انتظروا... ثم بدأ", ["انتظروا...", "ثم بدأ"]),
])
def test_sentences(text, expected):
    assert _split(text) == expected


def test_the_arabic_comma_splits_clauses_not_sentences():
    text = "قالت الوزارة في بيان لها، وفق متابعة الوكالة، إن الاجتماع انتهى."
    assert len(sentences(text)) == 1
    assert [text[s:e] for s, e in clauses(text)] == ["قالت الوزارة في بيان لها،", "وفق متابعة الوكالة،",
                                                     "إن الاجتماع انتهى."]
