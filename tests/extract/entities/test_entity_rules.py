"""Proclitics, nominals, nationality adjectives, multi-word names and linking, on text written for these tests."""

from __future__ import annotations

import pytest

import marsad
from marsad.extract.entities.clitics import split
from marsad.extract.entities.linking import link
from marsad.extract.entities.model import tagger
from marsad.text.normalize import fold

PROCLITIC = tuple("وفبلك")


def entities(text: str):
    article = marsad.analyze(text)
    article.check_spans()
    return article.entities


@pytest.mark.parametrize("word,stem", [("وماسك", "ماسك"), ("بواشنطن", "واشنطن"), ("ولبنان", "لبنان"),
                                       ("وفرنسا", "فرنسا"), ("للأمم", "الامم"), ("بالقاهرة", "القاهره")])
def test_proclitic_split_by_evidence(word, stem):
    assert split(fold(word), tagger().res)[1] == stem


@pytest.mark.parametrize("word", ["فرنسا", "لبنان", "بغداد", "كوريا", "فلسطين", "بريطانيا", "واشنطن"])
def test_names_that_begin_with_a_proclitic_letter_stay_whole(word):
    assert split(fold(word), tagger().res) == (0, fold(word))


@pytest.mark.parametrize("word", [
    # no proclitic before a conjunction: not ك + «وفي», ك + «ولن», ب + «وليس»
    "كوفي", "كولن", "بوليس",
    # a name or place as the stem does not beat a more frequent whole word: not ك + «لاوس», ك + «أمل»
    "كلاوس", "كامل", "فريد",
    # «ف»/«ك» before a stem not far more frequent than the whole word: not ف + «ادي», ك + «ابل», ف + «ورد»
    "فادي", "كابل", "فورد", "فيدل", "كيلي", "فيوليا"])
def test_the_strict_reading_keeps_these_words_whole(word):
    assert split(fold(word), tagger().res, strict=True) == (0, fold(word))


@pytest.mark.parametrize("word,stem", [("بوادي", "وادي"), ("ووالي", "والي"), ("وفقد", "فقد"), ("وكوفي", "كوفي"),
                                       ("وتونغا", "تونغا"), ("بواشنطن", "واشنطن"), ("ولبنان", "لبنان"),
                                       ("فإيران", "ايران"), ("كمحمد", "محمد"), ("فالإسلام", "الاسلام"),
                                       ("كوزارة", "وزاره"), ("فنجامينا", "نجامينا")])
def test_the_strict_reading_still_splits_these(word, stem):
    assert split(fold(word), tagger().res, strict=True)[1] == stem


def test_a_span_starts_after_the_strict_reading_of_its_proclitic():
    texts = {e.span.text for e in entities("وقال الأمين العام للأمم المتحدة كوفي عنان إن الوضع خطير.")}
    assert "كوفي عنان" in texts and "وفي عنان" not in texts


def test_a_name_that_begins_with_fa_or_kaf_keeps_its_first_letter():
    texts = {e.span.text for e in entities("واستقبل الرئيس الكوبي فيدل كاسترو وفدا من شركة فورد الأميركية في هافانا.")}
    assert "يدل كاسترو" not in texts and "ورد" not in texts
    assert "فيدل كاسترو" in texts


@pytest.mark.parametrize("text,name", [
    ("وقال المدير التنفيذي لشركة «لاند روفر» إن المبيعات ارتفعت.", "لاند روفر"),
    ("وأعلن البنك أن “بانك أوف أميركا” سيرفع الفائدة.", "بانك أوف أميركا"),
    ('وقالت متاجر "ولمرت" الأمريكية إنها ستغلق عشرات الفروع.', "ولمرت"),
])
def test_a_quoted_name_keeps_its_first_letter(text, name):
    found = {e.span.text: e for e in entities(text)}
    assert name in found
    assert name[1:] not in found


def test_a_proclitic_before_the_article_is_still_split_after_a_quote_or_hash():
    found = {e.span.text: e for e in entities("وقال مصدر مطلع «للعربية.نت» إن المفاوضات ستستأنف.")}
    assert found["لعربية.نت"].canonical == "العربية.نت"
    found = {e.span.text for e in entities("وتصدر وسم #بالسعودية قائمة الأكثر تداولا.")}
    assert "السعودية" in found and "بالسعودية" not in found


TEXT = ("قال رجل الأعمال إيلون ماسك إن شركته ستفتح مصنعا جديدا في ألمانيا العام المقبل.\n"
        "وأكد ماسك أن المصنع سيوفر آلاف الوظائف، وذلك بعد لقائه مسؤولين بواشنطن وفي فرنسا ولبنان.\n"
        "وقالت وزارة الخارجية الفرنسية في بيان إن الرئيس التركي رجب طيب أردوغان سيزور باريس الشهر المقبل.\n"
        "وأضافت الوزارة أن أردوغان سيلتقي نظيره الفرنسي لبحث التعاون بين البلدين.")


@pytest.fixture(scope="module")
def found():
    return entities(TEXT)


def test_no_entity_span_starts_with_a_proclitic(found):
    res = tagger().res
    for e in found:
        first = fold(e.span.text.split()[0])
        if first.startswith(PROCLITIC):
            assert split(first, res, strict=True)[0] == 0, e.span.text


def test_proclitic_removed_from_spans(found):
    texts = {e.span.text for e in found}
    assert "واشنطن" in texts and "بواشنطن" not in texts
    assert "ماسك" in texts and "وماسك" not in {t.split()[0] for t in texts}
    assert "فرنسا" in texts and "لبنان" in texts


def test_multiword_names_kept_whole_and_labelled(found):
    got = {(e.span.text, e.label) for e in found}
    assert ("رجب طيب أردوغان", "PER") in got
    assert ("إيلون ماسك", "PER") in got
    assert ("وزارة الخارجية الفرنسية", "ORG") in got


def test_nominals_and_nationality_adjectives_are_not_entities(found):
    texts = {e.span.text for e in found}
    assert not texts & {"الوزارة", "التركي", "الفرنسي", "الفرنسية", "البلدين"}


@pytest.mark.parametrize("word,kept", [("الوفدين", False), ("والوفد", False), ("الوفود", False), ("الدولار", False),
                                       ("الجانبين", False), ("السلطان", False), ("دي", False),
                                       ("القاهرة", True), ("ماسك", True), ("أردوغان", True)])
def test_a_tagged_word_that_alone_is_never_an_entity_is_dropped(word, kept):
    from marsad.extract.entities.rules import keep

    fz = tagger().featurizer
    assert keep([fz.analyse(word)], (0, 1, "PER", "network"), fz) is kept


@pytest.mark.parametrize("before,kept", [(["شهر"], False), (["شهر", "#"], False), (["سباق", "#"], True)])
def test_a_month_head_makes_the_next_word_a_month_across_a_hashtag(before, kept):
    from marsad.extract.entities.rules import keep

    fz = tagger().featurizer
    an = [fz.analyse(w) for w in before + ["رمضان"]]
    assert keep(an, (len(before), len(before) + 1, "PER", "network"), fz) is kept


def test_a_month_that_is_also_a_given_name_is_a_person_only_when_named_in_full():
    alone = entities("ويصوم كثيرون الأيام البيض من رجب وشعبان كل عام، ويكثر الصيام في رمضان.")
    assert not [e for e in alone if e.span.text in {"رجب", "شعبان", "رمضان"}]
    named = entities("وقال الفنان محمد رمضان إن الفيلم جاهز، وأضاف رمضان أن العرض سيبدأ قريبا.")
    assert [(e.span.text, e.canonical) for e in named if e.span.text == "رمضان"] == [("رمضان", "محمد رمضان")]


def test_my_father_is_no_name_but_abe_named_in_full_is():
    """«أبي» and «آبي» fold alike: only a fuller name in the article makes the lone word a person."""
    assert not [e for e in entities("ونصحني أبي منذ البداية أن أترك العمل وأسافر.") if e.span.text == "أبي"]
    abe = entities("وقال رئيس الوزراء الياباني شينزو آبي إن بلاده ستزيد الإنفاق، وأضاف آبي أن الاقتصاد يتعافى.")
    assert ("آبي", "شينزو آبي") in [(e.span.text, e.canonical) for e in abe]


def test_short_mentions_link_to_the_fullest_name(found):
    canon = {e.span.text: e.canonical for e in found}
    assert canon["أردوغان"] == "رجب طيب أردوغان"
    assert canon["ماسك"] == "إيلون ماسك"
    assert canon["رجب طيب أردوغان"] == "رجب طيب أردوغان"


def test_link_unit():
    mentions = [("رجب طيب أردوغان", "PER"), ("أردوغان", "PER"), ("أنقرة", "LOC"), ("الأمم المتحدة", "ORG"),
                ("UN", "ORG"), ("طيب", "LOC")]
    got = link(mentions, {4: 3})
    assert got == ["رجب طيب أردوغان", "رجب طيب أردوغان", "أنقرة", "الأمم المتحدة", "الأمم المتحدة", "طيب"]


def test_bracketed_acronym_and_its_later_mentions_link_to_the_expansion():
    mentions = [("حماس", "ORG"), ("حركة المقاومة الإسلامية", "ORG"), ("حماس", "ORG"), ("حماس", "ORG")]
    assert link(mentions, {2: 1}) == ["حركة المقاومة الإسلامية"] * 4


def test_lam_alif_lam_span_drops_one_lam_and_canonical_restores_the_article():
    found = entities("وجه الوزير رسالة للأمم المتحدة بشأن اللاجئين في لبنان.")
    un = [e for e in found if "مم المتحدة" in e.span.text]
    assert un and un[0].span.text == "لأمم المتحدة" and un[0].canonical == "الأمم المتحدة"


def _quoted(sentence: str) -> list[tuple[str, str]]:
    """(name, label) of the quoted-name rule's spans in a space-tokenised sentence."""
    from marsad.extract.entities.rules import quoted_names

    toks = sentence.split()
    fz = tagger().featurizer
    return [(" ".join(toks[i:j]), label) for i, j, label, _ in quoted_names([fz.analyse(t) for t in toks], fz)]


@pytest.mark.parametrize("sentence,name", [
    ("وقدم المذيع برنامجا بعنوان « صباح الخير يا عرب » على القناة", "صباح الخير يا عرب"),
    ("وأقيمت المباراة على ملعب \" الشمس الذهبية \" في المدينة", "الشمس الذهبية"),
    ("وصدرت له رواية بعنوان « بيت على النهر »", "بيت على النهر"),
    ("وأسقطت الدفاعات طائرة مسيرة من طراز « صقر 3 »", "صقر 3"),
])
def test_quoted_titles_stadiums_and_models_are_misc(sentence, name):
    assert (name, "MISC") in _quoted(sentence)


@pytest.mark.parametrize("sentence", [
    "وأقيمت المباراة على ملعب المدينة الجديد أمس",  # no quotation
    "وقال المدرب عن الملعب « إن أرضيته تحتاج إلى صيانة عاجلة قبل المباراة »",  # a quoted statement, too long
    "ونشر تقريرا بعنوان مستقبل الطاقة في المنطقة",  # a title without quotes: not this rule's to find
])
def test_no_quoted_misc_without_a_short_quoted_name(sentence):
    assert not [n for n, label in _quoted(sentence) if label == "MISC"]


@pytest.mark.parametrize("token,indefinite", [("محافظًا", True), ("وكيلاً", True), ("ثوبٌ", True), ("مآسٍ", True),
                                              ("أَسَدٍ", False), ("عَلِيٌّ", False), ("محافظا", False)])
def test_tanween_marks_an_indefinite_word_unless_the_word_is_fully_vocalised(token, indefinite):
    from marsad.extract.entities.rules import _indefinite

    assert _indefinite(tagger().featurizer.analyse(token)) is indefinite
