"""Corpus evidence: a line counts the distinct stories of its outlet that carry it, copies of one story once, in
bounded memory."""

from __future__ import annotations

from marsad.clean.evidence import LineEvidence, page_keys, story_key

MENU = "الرئيسية أخبار محلية رياضة"
OTHER_HEADLINE = "افتتاح معرض الكتاب الدولي بمشاركة ثلاثمئة دار نشر"


def _page(lead: str, extra: list[str]) -> str:
    body = [f"{lead} في خبر طويل يكفي ليكون فقرة كاملة من فقرات القصة نفسها ويزيد على ثماني كلمات.",
            "وأضاف المسؤول أن العمل سيستمر حتى نهاية العام الحالي وفق الخطة المعتمدة من الوزارة."]
    return "\n".join([MENU, *body, *extra])


def test_a_line_counts_stories_not_articles():
    evidence = LineEvidence()
    for k in range(4):
        evidence.observe("الواحة", page_keys(_page(f"أعلنت البلدية رقم {k}", [OTHER_HEADLINE])))
    # a copy of the first story (same lead) adds no story
    evidence.observe("الواحة", page_keys(_page("أعلنت البلدية رقم 0", [OTHER_HEADLINE])))
    keys = page_keys(_page("أعلنت البلدية رقم 0", [OTHER_HEADLINE]))
    recurrence = evidence.recurrence("الواحة", keys)
    assert recurrence[0] == 3      # the menu: in 3 *other* stories
    assert recurrence[-1] == 3     # the other story's headline too
    assert recurrence[1] == 0      # this story's own lead: only its copies carry it
    # another outlet knows nothing of these lines
    assert evidence.recurrence("المرصد", keys) == [0] * len(keys)


def test_a_title_is_one_of_its_storys_lines():
    evidence = LineEvidence()
    evidence.observe("الواحة", page_keys(_page("أعلن النادي", [])), title=OTHER_HEADLINE)
    keys = page_keys(_page("قالت الوزارة", [OTHER_HEADLINE]))
    assert evidence.recurrence("الواحة", keys)[-1] == 1


def test_memory_stays_bounded_on_a_stream_of_unique_lines():
    evidence = LineEvidence(bucket=100)
    for k in range(1000):
        evidence.observe("الواحة", page_keys(_page(f"خبر فريد رقم {k}", [f"سطر فريد رقم {k}", MENU])))
    # every unique line seen once is forgotten at the next bucket; the menu (in every story) is kept
    assert len(evidence) < 3 * 100 * 3
    assert evidence.recurrence("الواحة", page_keys(_page("خبر جديد", [])))[0] >= 15


def test_the_story_key_is_the_lead_not_a_tail_block():
    lead = page_keys(_page("أعلنت البلدية", []))
    with_tail = page_keys(_page("أعلنت البلدية", ["كلمات " * 40]))  # a long other-story lead at the end
    assert story_key(lead) == story_key(with_tail)
