"""The seed page's three events: the Musk–Erdoğan video call, the defence meeting in Washington, the agreement."""

from __future__ import annotations

import pytest
from conftest import SEED, need

from marsad.api import analyze
from marsad.extract.events import EventExtractor
from marsad.extract.statements import StatementExtractor
from marsad.options import Options
from marsad.pipeline import Pipeline
from marsad.standard import standard_steps
from marsad.text.normalize import fold


@pytest.fixture(scope="module")
def events():
    opts = Options()
    steps = standard_steps(opts)
    for cls in (StatementExtractor, EventExtractor):
        if not any(isinstance(s, cls) for s in steps):
            steps.append(cls(opts))
    article = analyze(need(SEED).read_text("utf-8"), pipeline=Pipeline(steps))
    article.check_spans()
    return article.events


def has(names, want: str) -> bool:
    return any(fold(want) in fold(n) for n in names)


def test_video_call(events):
    calls = [e for e in events if e.type == "CONSULT" and e.mode == "video"]
    assert len(calls) == 1
    call = calls[0]
    assert fold(call.trigger.text) == fold("أجرى اتصالا مصورا")
    assert has(call.actors, "ماسك") and not has(call.actors, "أردوغان")
    assert has(call.targets, "أردوغان")
    # the topics of the talks, reported over the next sentences
    wanted = ["المركبات الكهربائية ذاتية القيادة", "الاقتصاد الرقمي", "الاستثمارات طويلة الأجل",
              "تقنيات الأقمار الصناعية", "بطاريات الليثيوم", "إطلاق القمرين"]
    found = [w for w in wanted if any(fold(w) in fold(t) or fold(t) in fold(w) for t in call.topics)]
    assert len(found) >= 4, call.topics


def test_the_call_is_one_event(events):
    # «أردوغان وماسك تباحثا …» is the same call, not a second CONSULT
    assert not [e for e in events if e.type == "CONSULT" and fold(e.trigger.text).startswith("تباحث")]


def test_defence_meeting_in_washington(events):
    meetings = [e for e in events if e.type == "CONSULT" and fold(e.trigger.text) == fold("اجتماع")]
    assert len(meetings) == 1
    m = meetings[0]
    assert m.mode == "meeting"
    assert m.location == "واشنطن"
    assert has(m.actors, "وزارة الدفاع الأمريكية")


def test_agreement_to_meet_next_in_turkey(events):
    agree = [e for e in events if e.type == "AGREE"]
    assert len(agree) == 1
    a = agree[0]
    assert fold(a.trigger.text) == fold("اتفقا")
    assert has(a.actors, "وزارة الدفاع الأمريكية")
    assert any(fold("إجراء الاجتماع التالي") in fold(t) for t in a.topics)


def test_no_negated_or_statement_verbs_as_events(events):
    for e in events:
        assert e.type in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                          "ASSAULT"}
        assert e.actors or e.targets
