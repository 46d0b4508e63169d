"""Parties that need the entity step (parties.py): what an object pronoun, a definite description and «وزيري
خارجية البلدين» stand for. The texts are written for these tests; the rules without entities are in
src/marsad/extract/events/corpus.yaml."""

from __future__ import annotations

from marsad.api import analyze
from marsad.text.normalize import fold


def events_of(text: str, kind: str) -> list:
    article = analyze(text)
    article.check_spans()
    return [e for e in article.events if e.type == kind]


def names(values) -> set[str]:
    return {fold(v) for v in values}


def test_an_object_pronoun_stands_for_the_last_one_named():
    (event,) = events_of("وقالت وزارة الخارجية الروسية إن سيرغي لافروف سيزور أنقرة. واتهمته صحيفة تركية بالتضليل.",
                         "ACCUSE")
    assert names(event.targets) == {fold("سيرغي لافروف")}, event


def test_a_definite_description_names_the_organisation_named_before():
    text = ("أعلنت وزارة الصحة الفلسطينية ارتفاع عدد الإصابات في قطاع غزة. "
            "وطالبت الوزارة المنظمات الدولية بإرسال الأدوية.")
    (event,) = events_of(text, "REQUEST")
    assert names(event.actors) == {fold("وزارة الصحة الفلسطينية")}, event


def test_the_ministers_of_both_countries_are_both_parties():
    text = ("استقبلت وزارة الخارجية المصرية وفدا من وزارة الخارجية الأردنية. "
            "وعقد اجتماع في القاهرة بين وفدين من وزارتي خارجية البلدين.")
    meeting = [e for e in events_of(text, "CONSULT") if e.trigger.text == "اجتماع"]
    assert meeting, "the meeting was not found"
    parties = names(meeting[0].actors + meeting[0].targets)
    assert parties == {fold("وزارة الخارجية المصرية"), fold("وزارة الخارجية الأردنية")}, meeting[0]


def test_a_noun_with_a_possessive_pronoun_has_it_for_party():
    text = "وقالت الشرطة إن سامي العلي فر من مدينة حمص. ولم يصدر أي تعليق بشأن اعتقاله."
    (event,) = events_of(text, "COERCE")
    assert names(event.targets) == {fold("سامي العلي")}, event


def test_a_received_call_is_made_by_the_caller():
    text = "وتلقى رئيس الوزراء اتصالا هاتفيا من الرئيس الفرنسي إيمانويل ماكرون بحث فيه العلاقات الثنائية."
    (event,) = events_of(text, "CONSULT")
    assert names(event.actors) == {fold("إيمانويل ماكرون")}, event
    assert fold("إيمانويل ماكرون") not in names(event.targets), event


def test_the_antecedent_of_a_relative_pronoun_acts():
    text = "وتحدث الوزير في مؤتمر صحفي مع المستشارة أنغيلا ميركل التي تزور القاهرة حاليا."
    visit = [e for e in events_of(text, "CONSULT") if e.trigger.text == "تزور"]
    assert visit and names(visit[0].actors) == {fold("أنغيلا ميركل")}, visit


def test_a_relative_pronoun_after_a_place_does_not_stand_for_it():
    text = "ويقاتل الجيش المسلحين الموالين للحكومة في اليمن الذين سيطروا على مدينة عدن."
    (event,) = [e for e in events_of(text, "ASSAULT") if e.trigger.text == "سيطروا"]
    assert fold("اليمن") not in names(event.actors), event


def test_the_subjects_own_thing_is_no_target():
    (event,) = events_of("ونفت الحكومة الإيرانية تورطها في الهجوم على الناقلة.", "REJECT")
    assert not event.targets, event


def test_a_verb_that_says_what_an_attack_did_is_not_a_second_attack():
    text = "وقالت الوكالة إن الغارة التي استهدفت البلدة أوقعت قتلى بين المدنيين."
    assert [e.trigger.text for e in events_of(text, "ASSAULT")] == ["الغارة"]


def test_a_post_its_body_and_then_the_person_who_holds_it():
    text = "واستنكر قائد شرطة العاصمة بمنطقة الرياض العقيد سامي بن فهد العلي الهجوم على المسجد."
    (event,) = events_of(text, "ACCUSE")
    assert names(event.actors) == {fold("سامي بن فهد العلي")}, event


def test_a_meeting_named_after_its_place_has_no_place_for_party():
    text = "وقال الوزير إن قمة هلسنكي مع الرئيس الروسي فلاديمير بوتين كانت ناجحة."
    (event,) = events_of(text, "CONSULT")
    assert fold("هلسنكي") not in names(event.actors) | names(event.targets), event


def test_a_meeting_named_again_is_the_same_meeting():
    text = ("أجرى الرئيس سامي العلي اتصالا هاتفيا مع الرئيس فهد الراشد. "
            "وأضاف البيان أن المباحثات شملت التعاون في مجال الطاقة.")
    meetings = events_of(text, "CONSULT")
    assert [e.trigger.text for e in meetings] == ["أجرى"], meetings
    assert any("الطاقة" in t for t in meetings[0].topics), meetings[0]


def test_a_post_then_its_holder_between_commas():
    (event,) = events_of("وأوقف رئيس الوزراء، سامي العلي، وزير الكهرباء عن العمل.", "COERCE")
    assert names(event.actors) == {fold("سامي العلي")}, event
    assert names(event.targets) == {fold("وزير الكهرباء")}, event
