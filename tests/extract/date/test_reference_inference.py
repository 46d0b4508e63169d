"""Reference-date inference for articles without a publication date (docs/rules.md#dates)."""

from __future__ import annotations

import marsad


def _ref(text: str):
    article = marsad.analyze(text, clean=False)
    return article.reference_date, {d.span.text: d.value for d in article.dates}


def test_latest_year_narrowed_by_a_past_month():
    ref, dates = _ref("سجلت الصادرات رقما قياسيا في عام 2019، بعد تراجعها عام 2018. "
                      "وحتى شهر أكتوبر الماضي بلغت الصادرات مليار دولار، مقارنة بالعام الماضي.")
    assert (ref.value, ref.basis) == ("2019-11", "inferred")
    assert dates["شهر أكتوبر الماضي"] == "2019-10"
    assert dates["العام الماضي"] == "2018"


def test_never_finer_than_a_month():
    ref, dates = _ref("يبدأ التنفيذ في الأول من مارس 2025، وقد أعلنت الهيئة يوم الأحد عن المشروع.")
    assert ref.value == "2025-03"
    assert dates["يوم الأحد"] is None  # a weekday needs a day-precise reference


def test_plans_do_not_date_the_article():
    ref, _ = _ref("تراجعت البطالة في عام 2016 ضمن خطة تمتد حتى عام 2030.")
    assert ref.value == "2016"


def test_no_dates_no_reference():
    ref, dates = _ref("قال الوزير أمس إن العمل مستمر.")
    assert ref is None and dates == {"أمس": None}


def test_publication_date_wins():
    article = marsad.analyze("قال الوزير أمس إن العمل مستمر منذ عام 2010.", published="2018-08-16", clean=False)
    assert article.reference_date.basis == "published"
    assert [d.value for d in article.dates] == ["2018-08-15", "2010"]
