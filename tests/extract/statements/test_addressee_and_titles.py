"""Statements read with the entity step (marsad.analyze): the addressee of «أبلغ X Y أن», and a speaker named only by
a title («المدير الفني …») resolved to the person the article named with it. The texts are written for these
tests; the cases without entities are in src/marsad/extract/statements/corpus.yaml."""

from __future__ import annotations

from marsad.api import analyze
from marsad.text.normalize import fold


def statements_of(text: str) -> list:
    article = analyze(text)
    article.check_spans()
    return article.statements


def test_the_subject_of_ablagha_speaks_and_its_object_hears():
    (s,) = statements_of("وأبلغ الرئيس الأمريكي دونالد ترامب نظيره الفرنسي إيمانويل ماكرون أن بلاده ستنسحب من الاتفاق.")
    assert fold(s.speaker_canonical) == fold("دونالد ترامب"), s
    assert fold(s.addressee_canonical) == fold("إيمانويل ماكرون"), s
    assert "ماكرون" not in s.speaker.text


def test_a_name_after_lam_right_after_the_speakers_name_is_the_addressee():
    (s,) = statements_of("وقال دونالد ترامب لإيمانويل ماكرون إن الاتفاق لم يعد مفيدا.")
    assert fold(s.addressee_canonical) == fold("إيمانويل ماكرون"), s


def test_a_relay_is_no_addressee():
    (s,) = statements_of("وقال مسؤول في الشركة لرويترز إن الإنتاج سيرتفع الشهر المقبل.")
    assert s.addressee is None and s.via == "رويترز", s


def test_a_title_alone_names_the_person_it_introduced():
    # the title after the name, or before it
    for text, name in (("وقال سامي الجابر المدير الفني لنادي الهلال إن الفريق جاهز للمباراة. "
                        "وأكد المدير الفني لنادي الهلال أن اللاعبين في حالة جيدة.", "سامي الجابر"),
                       ("وقال وزير الخارجية الأردني أيمن الصفدي إن الحل سياسي. "
                        "وأكد وزير الخارجية الأردني أن المفاوضات مستمرة.", "أيمن الصفدي")):
        first, second = statements_of(text)
        assert fold(first.speaker_canonical) == fold(name), first
        assert fold(second.speaker_canonical) == fold(name), second


def test_an_unnamed_spokesman_stays_unnamed():
    (s,) = statements_of("وقال متحدث باسم الشرطة إن آندي سبيد اعتقل مساء الأحد.")
    assert "سبيد" not in (s.speaker_canonical or ""), s


def test_an_honorific_pronoun_speaks_for_the_person_named_before():
    # «سموه» (lexicon.yaml's honorific_pronouns): the last person named before it
    (s,) = statements_of("وافتتح الأمير خالد بن سعود المعرض مساء أمس. وقال سموه إن المعرض يعكس تطور الصناعة المحلية.")
    assert fold(s.speaker_canonical) == fold("خالد بن سعود"), s


def test_an_implicit_subject_with_nothing_to_carry_is_the_person_the_sentence_before_opened_with():
    (s,) = statements_of("ونشر المهندس ماهر الصيرفي صورا للجسر على حسابه. وتابع أن العمل سينتهي خلال شهرين.")
    assert fold(s.speaker_canonical) == fold("ماهر الصيرفي"), s


def test_a_demonstrative_source_is_the_source_described_before():
    first, second = statements_of("وقال مصدر أمني ليبي إن الاشتباكات توقفت. وأوضح هذا المصدر أن الطريق فتح صباحا.")
    assert fold(second.speaker_canonical) == fold("مصدر أمني ليبي"), second


def test_the_name_after_a_descriptor_or_a_documents_genitive_speaks():
    (s,) = statements_of("وأعلنت دار النشر البريطانية بيرسون أنها ستبيع حصتها في الصحيفة.")
    assert fold(s.speaker_canonical) == fold("بيرسون"), s
    (s,) = statements_of("وذكر بيان وزارة الدفاع أن القوات انسحبت من المدينة.")
    assert fold(s.speaker_canonical) == fold("وزارة الدفاع"), s

