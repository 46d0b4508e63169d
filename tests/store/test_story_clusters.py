"""Story clusters across outlets, placed incrementally: two outlets' differently written reports of one event
form one story, an unrelated article and the same words a month later do not join it, a later report joins
without moving anything already placed, and `marsad stories` says each story's label, outlets and dates."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import open_store
from marsad.store.ingest import ingest
from marsad.store.stories import list_stories

FLOOD = [
    {"id": "f1", "outlet": "صحيفة الوادي", "published": "2026-01-10", "title": "فيضانات تجتاح مدينة البصرة",
     "text": "اجتاحت فيضانات عارمة أحياء مدينة البصرة جنوبي العراق بعد أمطار غزيرة استمرت يومين، وأعلنت مديرية "
             "الدفاع المدني في البصرة إجلاء مئات العائلات من الأحياء المنخفضة قرب شط العرب."},
    {"id": "f2", "outlet": "شبكة الأفق", "published": "2026-01-10", "title": "إجلاء عائلات في البصرة بسبب السيول",
     "text": "بدأت فرق الدفاع المدني العراقية إجلاء العائلات من أحياء البصرة التي غمرتها مياه الفيضانات، فيما "
             "حذرت السلطات المحلية من ارتفاع منسوب شط العرب خلال الساعات المقبلة."},
    {"id": "m1", "outlet": "شبكة الأفق", "published": "2026-01-10", "title": "ارتفاع أسعار القمح في الأسواق",
     "text": "سجلت أسعار القمح في بورصة شيكاغو أعلى مستوى لها منذ ستة أشهر مع تراجع المخزونات العالمية "
             "وزيادة الطلب من الدول المستوردة في آسيا وأفريقيا."},
]
LATER = {"id": "f3", "outlet": "وكالة النهرين", "published": "2026-01-11", "title": "ارتفاع منسوب شط العرب في البصرة",
         "text": "ارتفع منسوب شط العرب في البصرة لليوم الثاني، وواصلت فرق الدفاع المدني إجلاء العائلات من "
                 "الأحياء التي غمرتها الفيضانات بعد الأمطار الغزيرة."}
MONTH_LATER = {"id": "f4", "outlet": "وكالة النهرين", "published": "2026-02-20",
               "title": "فيضانات جديدة في البصرة",
               "text": "عادت الفيضانات إلى أحياء البصرة بعد أمطار غزيرة، وأعلن الدفاع المدني إجلاء عائلات من "
                       "الأحياء القريبة من شط العرب للمرة الثانية هذا الشتاء."}


def _write(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


def story_of(store) -> dict[str, int]:
    return dict(store.query("SELECT a.id, m.story FROM story_members m JOIN articles a ON a.seq = m.article_seq"))


def test_one_event_across_outlets_is_one_story_and_grows_incrementally(tmp_path):
    db = str(tmp_path / "s.db")
    store = open_store(db)
    summary = ingest(store, [_write(tmp_path / "a.jsonl", FLOOD)], workers=1)
    first = story_of(store)
    assert first["f1"] == first["f2"] != first["m1"]
    assert summary.stories == 1
    ingest(store, [_write(tmp_path / "b.jsonl", [LATER, MONTH_LATER])], workers=1)
    after = story_of(store)
    assert {k: after[k] for k in first} == first       # nothing already placed moved
    assert after["f3"] == after["f1"]                   # the next day's report joined
    assert after["f4"] not in {after["f1"], after["m1"]}  # like words six weeks later: another story
    (story,) = list_stories(store)
    assert story["story"] == first["f1"] and story["articles"] == 3 and story["outlets"] == 3
    assert story["first_seen"] == "2026-01-10" and story["last_seen"] == "2026-01-11"
    assert story["label"] in {a["title"] for a in FLOOD + [LATER]}
    result = CliRunner().invoke(app, ["stories", "--db", db])
    assert result.exit_code == 0 and "3 outlets" in result.output and "2026-01-10 – 2026-01-11" in result.output


def test_a_duplicate_joins_its_originals_story(tmp_path):
    store = open_store(str(tmp_path / "d.db"))
    copy = {**FLOOD[0], "id": "f1-copy", "outlet": "موقع آخر"}
    ingest(store, [_write(tmp_path / "a.jsonl", [FLOOD[0], FLOOD[2], copy])], workers=1)
    stories = story_of(store)
    assert stories["f1-copy"] == stories["f1"] != stories["m1"]
    assert store.scalar("SELECT duplicate_of FROM articles WHERE id = 'f1-copy'") is not None
