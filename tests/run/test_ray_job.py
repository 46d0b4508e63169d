"""The Ray executor on a local Ray instance (2 CPUs), over shards written here: JSONL with bad lines, a Parquet
shard and a WARC crawl. One job runs once for the module (Ray's start-up and shuffles cost seconds, not the
articles), and each test reads its part of the output."""

from __future__ import annotations

import gzip
import io
import json
import time

import pytest

ray = pytest.importorskip("ray", reason="the Ray executor needs the ray extra: pip install 'marsad[ray]'")
pq = pytest.importorskip("pyarrow.parquet")

from marsad.api import analyze_paths
from marsad.dedup import exact_key, params, signature, similarity
from marsad.errors import MarsadInputError
from marsad.store.arrow import article_schema, to_table

from conftest import WIDGET, widget_story

# Our own sentences (written for these tests).
PORT = ("أعلنت هيئة الموانئ يوم الأحد 12 كانون الثاني/يناير 2025 توقيع اتفاقية لتوسعة الرصيف الجنوبي بكلفة "
        "340 مليون دينار، على أن تنتهي الأعمال خلال ثلاث سنوات. وقال رئيس الهيئة في مؤتمر صحفي إن التوسعة "
        "سترفع الطاقة الاستيعابية للميناء إلى مليون وثلاثمئة وخمسين ألف حاوية سنويا. وأضاف أن المشروع سيوفر "
        "نحو ألفي فرصة عمل مباشرة لأبناء المنطقة، وأن الهيئة ستطرح عطاءات الأعمال البحرية في الربع الثاني من "
        "العام الجاري. وأشار إلى أن حركة السفن في الميناء ارتفعت العام الماضي بنسبة 8 بالمئة مقارنة بالعام "
        "الذي سبقه، وأن الهيئة تعمل على ربط الميناء بشبكة السكك الحديدية خلال السنوات المقبلة.")
# the same story as another outlet ran it: two words changed
PORT_COPY = PORT.replace("ألفي فرصة عمل", "ثلاثة آلاف فرصة عمل")
WATER = ("قالت وزارة المياه إن مخزون السدود بلغ 45 مليون متر مكعب حتى نهاية شباط/فبراير 2024، أي ما يعادل "
         "ثلث السعة التخزينية الكلية. وأوضح الناطق باسم الوزارة أن الهطولات المطرية هذا الموسم جاءت أقل من "
         "المعدل العام، داعيا المواطنين إلى ترشيد الاستهلاك خلال أشهر الصيف.")
# an exact duplicate: spacing, tatweel and a diacritic differ, the folded words do not
WATER_COPY = WATER.replace("قالت", "قالـت").replace(" إن ", "  إنّ ")
SCHOOL = ("افتتحت مديرية التربية ثماني مدارس جديدة في المحافظات الشمالية بكلفة إجمالية بلغت 12 مليون دولار، "
          "وتتسع المدارس الجديدة لنحو أربعة آلاف طالب وطالبة. وقال مدير التربية إن العام الدراسي المقبل سيبدأ "
          "في الأول من أيلول/سبتمبر 2025 وفق الخطة المعتمدة.")
BRIDGE = ("باشرت وزارة الأشغال العامة أعمال صيانة الجسر الرئيسي في وسط المدينة بكلفة 3 ملايين دينار، وقالت "
          "الوزارة في بيان إن الأعمال ستستمر ستة أشهر وإن حركة السير ستحول إلى الطرق الفرعية خلال ساعات الليل.")
ENGLISH = "The ministry said on Sunday that date exports rose by 14 percent in the first half of the year."

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="صحيفة الواحة"></head><body><nav><a href="/">الرئيسية</a></nav>
<article><h1>{title}</h1>{paragraphs}</article><footer>جميع الحقوق محفوظة</footer></body></html>"""
TRADE = ["أعلنت وزارة الزراعة أن صادرات التمور ارتفعت خلال النصف الأول من العام بنسبة 14 بالمئة مقارنة بالفترة "
         "نفسها من العام الماضي.",
         "وقال المتحدث باسم الوزارة إن الأسواق الآسيوية استوعبت الجزء الأكبر من الكميات المصدرة، مشيرا إلى أن "
         "الوزارة تعمل على فتح أسواق جديدة في أوروبا."]
HEALTH = ["قالت وزارة الصحة في بيان لها يوم الخميس 5 أيلول/سبتمبر 2024 إن عدد المستشفيات الحكومية ارتفع إلى 47 "
          "مستشفى بعد افتتاح ثلاثة مستشفيات في الجنوب.",
          "وأضافت الوزارة أن الفرق الطبية تعمل في ثلاث محافظات وأن حملة التطعيم ستشمل مئتي ألف طفل."]

ROWS = [
    json.dumps({"id": "port-1", "text": PORT, "date": "2025-01-12", "source": "الواحة"}, ensure_ascii=False),
    json.dumps({"id": "port-2", "text": PORT_COPY, "published": "2025-01-13", "outlet": "الرابية"},
               ensure_ascii=False),
    json.dumps({"id": "water-1", "text": WATER, "published": "2024-03-02"}, ensure_ascii=False),
    '{"id": "broken", "text": "نص ناقص',                                          # line 4: E020
    json.dumps({"id": "water-2", "text": WATER_COPY, "published": "2024-03-03"}, ensure_ascii=False),
    json.dumps({"id": "english", "text": ENGLISH}),                                  # line 6: E051
    json.dumps({"id": "school-1", "text": SCHOOL, "published": "2024-08-20"}, ensure_ascii=False),
]


def _write_warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for url, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers,
                                                      warc_headers_dict={"WARC-Date": "2024-09-06T08:00:00Z"}))
    path.write_bytes(buf.getvalue())


def _page(title, paragraphs):
    return PAGE.format(title=title, paragraphs="".join(f"<p>{p}</p>" for p in paragraphs)).encode()


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    import pyarrow as pa

    from marsad.run.ray_job import run

    base = tmp_path_factory.mktemp("ray")
    shards = base / "shards"
    (shards / "web").mkdir(parents=True)
    with gzip.open(shards / "dump.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(ROWS) + "\n")
    pq.write_table(pa.table({"id": ["bridge-1"], "text": [BRIDGE], "date": ["2024-06-01"],
                             "source": ["الواحة"]}), shards / "part-0.parquet")
    _write_warc(shards / "web" / "crawl.warc.gz", [
        ("https://news.example/trade", _page("ارتفاع صادرات التمور", TRADE), "text/html; charset=utf-8"),
        ("https://news.example/logo.png", b"\x89PNG....", "image/png"),
        ("https://news.example/health", _page("مستشفيات جديدة", HEALTH), "text/html"),
    ])
    out = base / "out"
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    try:
        started = time.perf_counter()
        summary = run([str(shards)], str(out), batch_size=2)
        seconds = time.perf_counter() - started
        yield {"summary": summary, "out": out, "shards": shards, "seconds": seconds,
               "articles": pq.read_table(out / "articles"), "errors": pq.read_table(out / "errors").to_pylist(),
               "duplicates": pq.read_table(out / "duplicates").to_pylist(),
               "stories": pq.read_table(out / "stories").to_pylist()}
    finally:
        ray.shutdown()


def test_planted_pairs_are_near_and_exact_duplicates():
    # the test data itself: the near pair is above the threshold, the exact pair folds to one key
    assert similarity(signature(PORT), signature(PORT_COPY)) >= params().near_duplicate
    assert PORT != PORT_COPY and WATER != WATER_COPY and exact_key(WATER) == exact_key(WATER_COPY)
    assert similarity(signature(PORT), signature(WATER)) < 0.2


def test_articles_have_the_schema_fields(job):
    table = job["articles"]
    assert table.schema.names == article_schema().names
    assert table.schema.equals(article_schema())
    ids = sorted(table.column("id").to_pylist())
    assert len(ids) == 8 == job["summary"].articles
    assert {"port-1", "port-2", "water-1", "water-2", "school-1", "bridge-1"} <= set(ids)


def test_spans_are_valid(job):
    rows = job["articles"].to_pylist()
    spans = 0
    for row in rows:
        text = row["text"]
        for item in row["quantities"] + row["dates"] + row["entities"]:
            assert text[item["start"]:item["end"]] == item["text"], (row["id"], item)
            spans += 1
        for start_end in row["sentences"]:
            assert 0 <= start_end["start"] <= start_end["end"] <= len(text)
    assert spans > 10
    port = next(r for r in rows if r["id"] == "port-1")
    assert any(q["value"] == 340_000_000 for q in port["quantities"])
    assert any(d["value"] == "2025-01-12" for d in port["dates"])


def test_errors_are_recorded_and_the_job_goes_on(job):
    errors = {(e["code"], e["line"]) for e in job["errors"]}
    assert errors == {("E020", 4), ("E051", 6)}
    assert all(e["path"].endswith("dump.jsonl.gz") and e["message"] for e in job["errors"])
    assert job["summary"].errors == 2 and job["summary"].error_codes == {"E020": 1, "E051": 1}


def test_planted_duplicates_are_grouped_and_distinct_articles_are_not(job):
    dups = {d["id"]: d for d in job["duplicates"]}
    assert set(dups) == {"port-1", "port-2", "water-1", "water-2"}
    assert dups["port-2"]["duplicate_of"] == "port-1" and dups["port-1"]["duplicate_of"] is None
    assert dups["water-2"]["duplicate_of"] == "water-1" and dups["water-1"]["duplicate_of"] is None
    assert dups["port-1"]["group"] == dups["port-2"]["group"] == "port-1"
    assert dups["water-1"]["group"] == dups["water-2"]["group"] == "water-1"
    assert job["summary"].duplicate_groups == 2 and job["summary"].duplicates == 2


def test_stories_are_placed_as_a_store_places_them(job, tmp_path):
    """One story row per article; copies share their original's story; and the grouping is the one `marsad
    ingest` gives the same inputs in the same order."""
    from marsad.store import open_store
    from marsad.store.ingest import ingest

    stories = {r["id"]: r["story"] for r in job["stories"]}
    assert set(stories) == {r["id"] for r in job["articles"].to_pylist()}
    assert stories["port-2"] == stories["port-1"] == "port-1" and stories["water-2"] == stories["water-1"]
    assert stories["school-1"] != stories["port-1"]
    store = open_store(str(tmp_path / "s.db"))
    ingest(store, [str(job["shards"] / "dump.jsonl.gz")], workers=1)
    local = dict(store.query("SELECT a.id, f.id FROM story_members m JOIN articles a ON a.seq = m.article_seq "
                             "JOIN articles f ON f.seq = m.story"))
    in_both = [i for i in local if i in stories]

    def groups(assignment: dict[str, str]) -> set[frozenset]:
        found: dict[str, set] = {}
        for i in in_both:
            found.setdefault(assignment[i], set()).add(i)
        return {frozenset(g) for g in found.values()}

    assert len(in_both) == 5 and groups(local) == groups(stories)
    assert job["summary"].stories >= 2


def test_warc_and_parquet_shards(job):
    rows = {r["source"]["url"]: r for r in job["articles"].to_pylist() if r["source"]["format"] == "warc"}
    assert set(rows) == {"https://news.example/trade", "https://news.example/health"}
    trade = rows["https://news.example/trade"]
    assert "صادرات التمور ارتفعت" in trade["text"] and "الرئيسية" not in trade["text"]
    assert trade["source"]["outlet"] == "صحيفة الواحة" and trade["source"]["path"].endswith("crawl.warc.gz")
    assert trade["published"]  # the crawl date or a date on the page: the WARC reader's rule, checked there
    bridge = next(r for r in job["articles"].to_pylist() if r["id"] == "bridge-1")
    assert bridge["published"].isoformat() == "2024-06-01T00:00:00+00:00"  # a Parquet timestamp (UTC)
    assert bridge["source"]["outlet"] == "الواحة"


def test_same_per_article_output_as_the_local_pipeline(job):
    """What `marsad extract` gives for the JSONL and WARC shards, through the same Arrow schema."""
    shards = job["shards"]
    local = [a for a in analyze_paths([str(shards / "dump.jsonl.gz"), str(shards / "web" / "crawl.warc.gz")],
                                      evidence=True)
             if not isinstance(a, MarsadInputError)]
    expected = {row["id"]: row for row in to_table([a.to_dict() for a in local]).to_pylist()}
    got = {row["id"]: row for row in job["articles"].to_pylist() if row["id"] in expected}
    assert len(expected) == 7 and got == expected


def test_an_initialised_ray_is_reused_and_left_running(job):
    assert ray.is_initialized() and job["summary"].workers == 2


@pytest.mark.parametrize("evidence", [True, False])
def test_corpus_evidence_cleans_as_extract_does(job, tmp_path, evidence):
    """The Ray job counts the lines its inputs share, as `marsad extract` over many inputs does: a line in every
    story of the outlet is removed; without the evidence it stays, as with `extract --no-evidence`."""
    from marsad.run.ray_job import run

    shard = tmp_path / "widgets.jsonl"
    shard.write_text("".join(json.dumps({"id": f"w{k}", "text": widget_story(k), "outlet": "الواحة"},
                                        ensure_ascii=False) + "\n" for k in range(12)), "utf-8")
    run([str(shard)], str(tmp_path / "out"), batch_size=4, evidence=evidence)
    texts = pq.read_table(tmp_path / "out" / "articles").column("text").to_pylist()
    local = [a.text for a in analyze_paths([str(shard)], evidence=evidence)]
    assert len(texts) == 12 and texts == local  # in input order, over 3 batches on 2 actors
    assert all((WIDGET in t) != evidence for t in texts)
