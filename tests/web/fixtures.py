"""Articles written for the reading-room tests (our own sentences, in the shape of agency copy), and a store
holding them with the bundled example. Two outlets carry the same story, lightly edited, so that a story and a
duplicate exist; one article carries crawl markup that must stay text."""

from __future__ import annotations

import json
from pathlib import Path

from marsad.store import open_store
from marsad.store.ingest import ingest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples/port_expansion.txt"

STORY = ("أعلن وزير الطاقة الأردني في مؤتمر صحفي بعمّان يوم الاثنين أن الحكومة وقّعت اتفاقية مع شركة «نور المشرق» "
         "لإنشاء محطة للطاقة الشمسية في محافظة معان بكلفة 180 مليون دولار.\n"
         "وقال الوزير إن المحطة ستنتج 200 ميغاواط عند اكتمالها في منتصف عام 2027، وإنها ستغطي نحو 8 بالمئة من "
         "حاجة المملكة من الكهرباء.\n"
         "وأضاف أن المشروع سيوفر 1200 فرصة عمل خلال مرحلة البناء، معظمها لأبناء المحافظة.\n"
         "وأوضحت الشركة في بيان أن أعمال الإنشاء ستبدأ في الربع الأول من العام المقبل.")

COPY = STORY.replace("يوم الاثنين", "الاثنين").replace("معظمها لأبناء المحافظة", "أغلبها لأبناء المحافظة")

VISIT = ("استقبل الرئيس التركي رجب طيب أردوغان في أنقرة يوم الثلاثاء وزير الخارجية الأردني، وبحث الجانبان "
         "العلاقات الثنائية وسبل تعزيزها.\n"
         "وقال أردوغان في تصريحات للصحفيين إن بلاده تدعم الاستقرار في المنطقة، مشيرا إلى أن حجم التبادل التجاري "
         "بين البلدين بلغ مليارا و250 مليون دولار في العام الماضي.\n"
         "ووقع الطرفان مذكرة تفاهم للتعاون في مجال النقل.")

HOSTILE = ("قالت بلدية المدينة إن موقعها تعرض لمحاولة اختراق، ونشرت نص الرسالة كما وصلتها: "
           "<script>document.title='pwned'</script> ثم <img src=x onerror=\"document.title='pwned'\"> "
           "ورابط <a href=\"javascript:document.title='pwned'\">اضغط هنا</a> وقد أغلقت الثغرة.\n"
           "وأضافت البلدية أن بيانات السكان لم تتأثر بالهجوم الذي وقع يوم الأحد.")

ARTICLES = [
    {"id": "wadi-energy-1", "title": "توقيع اتفاقية لإنشاء محطة طاقة شمسية في معان", "outlet": "صحيفة الوادي",
     "url": "https://wadi.example/energy/1", "published": "2026-03-02T09:00:00+03:00", "text": STORY},
    {"id": "ufuq-energy-7", "title": "محطة شمسية جديدة في معان بكلفة 180 مليون دولار", "outlet": "شبكة الأفق",
     "url": "https://ufuq.example/news/7", "published": "2026-03-03T11:30:00+03:00", "text": COPY},
    {"id": "wadi-visit-2", "title": "أردوغان يستقبل وزير الخارجية الأردني في أنقرة", "outlet": "صحيفة الوادي",
     "url": "https://wadi.example/politics/2", "published": "2026-03-10T08:00:00+03:00", "text": VISIT},
    {"id": "hostile-1", "title": "<script>document.title='pwned'</script>اختراق موقع البلدية",
     "outlet": "<b>نشرة</b> البلدية", "url": "javascript:document.title='pwned'",
     "published": "2026-03-11T10:00:00+03:00", "text": HOSTILE},
]


def write_fixtures(folder: Path) -> Path:
    path = folder / "reading_room.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), "utf-8")
    return path


def build_store(folder: Path) -> str:
    """A SQLite store with the bundled example and ARTICLES; returns its path."""
    db = str(folder / "reading_room.db")
    store = open_store(db)
    ingest(store, [str(EXAMPLE), str(write_fixtures(folder))], workers=1)
    store.close()
    return db
