from __future__ import annotations

from marsad.text.normalize import fold, fold_with_offsets, strip_invisible


def test_fold_spelling_variants_digits_and_diacritics():
    assert fold("أَحْمَد") == fold("احمد") == "احمد"
    assert fold("إلى") == fold("الى") == "الي"
    assert fold("مدرسة") == "مدرسه"
    assert fold("٣٤٫٦ و۱۲") == "34٫6 و12"
    assert fold("جـــديد") == "جديد"


def test_offsets_map_key_back_to_text():
    text = "قالَ أحمدُ ٢٠"
    key, offsets = fold_with_offsets(text)
    i = key.index("احمد")
    # the span of a key match keeps the word's own trailing diacritics
    assert text[offsets[i]:offsets[i + 4]] == "أحمدُ"
    assert len(offsets) == len(key) + 1


def test_invisible_characters_removed():
    assert strip_invisible("\u200fمرحبا\u200b \u202bعالم\u202c\u2066") == "مرحبا عالم"
