"""Each event is dated by its own sentence, else by the article's reference date (extract/events/dating.py)."""

from __future__ import annotations

import marsad


def _events(text: str, published: str | None = "2018-05-09"):  # a Wednesday
    return [(e.trigger.text, e.date, e.date_basis) for e in marsad.analyze(text, published=published).events]


def test_the_sentence_dates_its_event_and_the_reference_date_the_others():
    text = "التقى وزير الخارجية الأردني نظيره المصري في عمان يوم الاثنين. وهاجمت طائرات مجهولة قرية حدودية."
    assert _events(text) == [("التقى", "2018-05-07", "stated"), ("هاجمت", "2018-05-09", "reference")]


def test_a_date_after_the_trigger_wins_over_one_before():
    text = "وبعد قمة 3 مايو، التقى الرئيس وفدا من البرلمان الأوروبي في 8 مايو 2018 لبحث الأزمة."
    assert ("التقى", "2018-05-08", "stated") in _events(text)


def test_without_any_date_an_event_has_none():
    events = _events("التقى وزير الخارجية الأردني نظيره المصري في عمان لبحث العلاقات.", published=None)
    assert events and all(date is None and basis is None for _, date, basis in events)


def test_a_date_after_another_event_dates_that_event():
    text = "وقال الادعاء إن المتهم أدين بمحاولة قتل ركاب في قطار يوم 15 سبتمبر الماضي."
    art = marsad.analyze(text, published="2018-03-16")
    conviction = next(e for e in art.events if e.type == "COERCE")
    attempt = next(e for e in art.events if e.type == "ASSAULT")
    assert conviction.date_basis == "reference" and conviction.date == "2018-03-16", conviction
    assert attempt.date == "2017-09-15", attempt


def test_since_a_date_dates_no_event():
    text = "ودخلت البلاد في نزاع منذ منتصف مارس 2011، ما أدى إلى مقتل الآلاف."
    (killing,) = [e for e in marsad.analyze(text, published="2018-06-18").events if e.trigger.text == "مقتل"]
    assert killing.date_basis == "reference", killing
