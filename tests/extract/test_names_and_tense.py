"""Numbers that belong to a name (the entity step's spans as evidence), and the tense of a date's clause."""

from __future__ import annotations

import marsad
from marsad.extract.date.tense import FUTURE, PAST, UNKNOWN, clause_tense, future_verb
from marsad.extract.quantity.quantities import explain_quantities
from marsad.text.tokens import TokenizedText


def _why(text: str, number: str, names: list[tuple[str, str]]) -> str | None:
    """The exclusion reason of `number` in `text`, given named spans (text, label) as the entity step gives."""
    tt = TokenizedText(text)
    spans = [(text.index(n), text.index(n) + len(n), label) for n, label in names]
    for q, why in explain_quantities(tt, names=spans):
        if q.span.text == number:
            return why
    raise AssertionError(f"{number} not read in {text}")


def test_a_bracketed_number_after_a_name_is_no_amount():
    assert _why("وسجل خالد المرزوقي (34) الهدف", "34", [("خالد المرزوقي", "PER")]) == "context.name_bracket"
    # without the name the same shape is a count in brackets
    assert _why("وسجل خالد المرزوقي (34) الهدف", "34", []) is None


def test_a_number_after_an_organisation_name_belongs_to_it_unless_a_counted_noun_follows():
    assert _why("طلبت الشركة طائرات إمبراير 190 الجديدة", "190", [("إمبراير", "ORG")]) == "context.name"
    assert _why("وظفت أرامكو 300 مهندس", "300", [("أرامكو", "ORG")]) is None


def test_a_number_inside_a_tagged_name_is_no_amount():
    assert _why("ارتفع مؤشر إم إس سي آي 50 اليوم", "50", [("إم إس سي آي 50", "MISC")]) == "context.name"


def test_the_pipeline_orders_the_entity_step_before_quantities():
    article = marsad.analyze("وسجل محمد صلاح (29) الهدف الأول، وشارك 40 ألف مشجع.", clean=False)
    assert [q.span.text for q in article.quantities] == ["40 ألف"]


def test_future_prefix_is_told_from_nouns_by_the_vocabulary():
    assert future_verb("سيستقبل") and future_verb("وستعقد")
    assert not future_verb("سيارة") and not future_verb("سنوات") and not future_verb("ستين")


def test_clause_tense_takes_the_nearest_cue_in_the_sentence():
    def tense(text: str, date_word: str) -> int:
        tt = TokenizedText(text)
        i = tt.keys.index(date_word)
        return clause_tense(tt, i, i + 1)

    assert tense("وسيزور الرئيس المدينة الخميس", "الخميس") == FUTURE
    assert tense("وقالت الوزارة الخميس إنها ستعلن النتائج", "الخميس") == PAST
    assert tense("تبدأ الاجتماعات الخميس", "الخميس") == UNKNOWN
    # a sentence end stops the search
    assert tense("سيزور الرئيس المدينة. ثم الخميس", "الخميس") == UNKNOWN
