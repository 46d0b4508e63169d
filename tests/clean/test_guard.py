"""Lines the line classifier may not remove (boilerplate.body_guard)."""

from __future__ import annotations

from marsad.clean.boilerplate import body_guard
from marsad.text.normalize import fold


def test_the_classifier_never_removes_a_continuing_sentence_or_the_page_dateline():
    lines = ["دبي، الإمارات العربية المتحدة (CNN) -- أعلنت الهيئة، الأحد، افتتاح مركز جديد.",  # the page's dateline
             "وللوزير ثلاثة أبناء.",                     # short, but a sentence that continues the story
             "وللوزير ثلاثة أبناء",                      # no full stop: a heading, the classifier decides
             "وأضاف الوزير أن المركز سيفتح أبوابه الشهر المقبل",  # six words that continue the story
             "بيروت، لبنان (CNN) -- أعلن المصرف، الثلاثاء، إجراءات جديدة."]  # a second dateline: not guarded
    keys = [fold(x) for x in lines]
    assert body_guard(lines, keys, list(range(len(lines)))) == {0, 1, 3}
