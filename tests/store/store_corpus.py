"""Articles written for the store tests: a small news corpus of our own with planted duplicates."""

from __future__ import annotations

import json
import random

CITIES = ["الرياض", "جدة", "الدمام", "عمّان", "القاهرة", "بيروت", "تونس", "الرباط", "الدوحة", "مسقط"]
TOPICS = ["الطاقة", "الصحة", "التعليم", "النقل", "الإسكان", "السياحة", "الزراعة", "المياه", "الاتصالات", "الصناعة"]
PEOPLE = ["أحمد الزهراني", "سارة العتيبي", "محمد الخطيب", "ليلى المصري", "خالد الشمري", "منى الحربي"]


def article(i: int, rng: random.Random) -> dict:
    city, topic, person = rng.choice(CITIES), rng.choice(TOPICS), rng.choice(PEOPLE)
    amount, share, count = rng.randint(2, 900), rng.randint(2, 60), rng.randint(3, 90)
    text = (f"أعلنت وزارة {topic} في {city} اليوم عن خطة جديدة بقيمة {amount} مليون دولار لتطوير القطاع "
            f"خلال العام المقبل، تشمل {count} مشروعا في مختلف المناطق.\n"
            f"وقال الوزير {person} في مؤتمر صحفي إن الخطة ستسهم في رفع كفاءة قطاع {topic} بنسبة {share} بالمئة.\n"
            f"وأضاف أن العمل في المشروع رقم {i} سيبدأ في الأول من مارس المقبل.")
    return {"id": f"art-{i:05d}", "text": text, "published": f"2024-0{1 + i % 9}-1{i % 10}",
            "outlet": rng.choice(["الواحة", "المرصد", "الخليج اليوم"]), "title": f"خطة {topic} في {city}"}


def write_corpus(path, n: int = 60, seed: int = 7) -> list[dict]:
    """n articles, then an exact copy and a lightly edited copy of the first one, and one malformed line."""
    rng = random.Random(seed)
    rows = [article(i, rng) for i in range(n)]
    first = rows[0]
    rows.append({**first, "id": "copy-exact", "outlet": "وكالة أخرى"})
    rows.append({**first, "id": "copy-near", "outlet": "وكالة ثالثة",
                 # a wire copy: spelling variants and punctuation that folding ignores, and a credit added
                 "text": first["text"].replace("أعلنت", "اعلنت").replace("،", " ,") + " (واس)"})
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows[:5]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        fh.write('{"id": "broken", "text": \n')
        for r in rows[5:]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return rows


SEARCH_ARTICLES = [
    {"id": "s1", "text": "قال الرئيس التركي رجب طيب أردوغان إن العلاقات مع الجيران تشهد تحسنا كبيرا هذا العام.",
     "published": "2021-11-02", "outlet": "الواحة"},
    {"id": "s2", "text": "وصل وفد اقتصادي إلى أنقرة، وتركيا تستعد لاستقبال مستثمرين من دول الخليج الأسبوع المقبل.",
     "published": "2021-11-03", "outlet": "المرصد"},
    {"id": "s3", "text": "قدمت الحكومة دعما لتركيا في مجال الطاقة المتجددة عبر اتفاقية جديدة للتعاون الفني.",
     "published": "2021-12-20", "outlet": "المرصد"},
    {"id": "s4", "text": "افتتحت وزارة الصحة مستشفى جديدا في جدة بسعة 300 سرير لخدمة سكان المحافظة.",
     "published": "2021-12-21", "outlet": "الواحة"},
]
