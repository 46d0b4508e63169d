"""The reading room over HTTP (Starlette's test client, no browser): JSON twins, status codes, headers, escaping,
bounds, CSV, and that nothing can write to the store."""

from __future__ import annotations

import csv
import io
import sqlite3
from urllib.parse import quote

import pytest

from marsad.web.security import CONTENT_SECURITY_POLICY

PAGES = ["/", "/search?q=" + quote("الطاقة"), "/article/wadi-energy-1", "/entity/" + quote("أنقرة"), "/stories",
         "/amounts", "/amounts?kind=money&unit=USD"]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_a_json_twin_and_safe_headers(client, url):
    page = client.get(url)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<html lang="ar" dir="rtl">' in page.text
    twin = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert twin.status_code == 200 and twin.headers["content-type"] == "application/json"
    assert isinstance(twin.json(), dict) and "error" not in twin.json()
    assert "format=json" in page.text  # the page links its twin


def test_search_counts_pages_facets_and_timeline(client):
    data = client.get("/search?format=json&q=" + quote("الأردني")).json()
    assert data["total"] == len(data["hits"]) == 4
    assert {h["id"] for h in data["hits"]} == {"wadi-energy-1", "ufuq-energy-7", "wadi-visit-2",
                                               "05f9152f74f7913f"}
    assert sum(o["hits"] for o in data["outlets"]) == 4
    wadi = next(o for o in data["outlets"] if o["outlet"] == "صحيفة الوادي")
    assert wadi["hits"] == 2 and wadi["articles"] == 2 and wadi["share"] == 1.0
    points = data["timeline"]["points"]
    assert sum(p["count"] for p in points) + data["timeline"]["undated"] == 4
    assert points[0]["start"] == "2026-03-02" and all(0 <= p["share"] <= 1 for p in points)
    assert {"kind": "amount:money", "articles": 4} in data["facts"]
    names = {e["name"] for e in data["entities"]}
    assert "رجب طيب أردوغان" in names


def test_search_filters_and_boolean_queries(client):
    def ids(url: str) -> set[str]:
        return {h["id"] for h in client.get(url + "&format=json").json()["hits"]}

    assert ids("/search?q=" + quote("الأردني") + "&outlet=" + quote("شبكة الأفق")) == {"ufuq-energy-7"}
    assert ids("/search?q=" + quote("الأردني") + "&from=2026-03-05") == {"wadi-visit-2"}
    assert ids("/search?q=" + quote("الأردني") + "&entity=" + quote("أردوغان")) == {"wadi-visit-2"}
    assert ids("/search?q=" + quote("الأردني NOT الشمسية")) == {"wadi-visit-2", "05f9152f74f7913f"}
    assert ids("/search?q=" + quote("أنقرة OR معان")) == {"wadi-visit-2", "wadi-energy-1", "ufuq-energy-7"}
    # a phrase: these words, in this order, side by side
    assert ids("/search?q=" + quote('"وزير الخارجية الأردني"')) == {"wadi-visit-2"}
    assert ids("/search?q=" + quote('"الأردني الخارجية"')) == set()
    # browse by filters alone: newest first
    hits = client.get("/search?format=json&outlet=" + quote("صحيفة الوادي")).json()["hits"]
    assert [h["id"] for h in hits] == ["wadi-visit-2", "wadi-energy-1"]


def test_pagination_is_bounded(client):
    data = client.get("/search?format=json&page=7").json()
    assert data["page"] == data["pages"] == 1  # past the last page: the last page
    assert client.get("/search?page=0").status_code == 400
    assert client.get("/search?page=100000").status_code == 400


@pytest.mark.parametrize("url,status,says", [
    ("/search?page=x", 400, "page"),
    ("/search?from=2026-02-30", 400, "from"),
    ("/search?to=yesterday", 400, "to"),
    ("/search?q=" + "ب" * 501, 400, "500"),
    ("/search?q=" + quote("NOT غزة"), 400, "NOT"),
    ("/search?format=xml", 400, "format"),
    ("/amounts?kind=gold", 400, "kind"),
    ("/amounts?sort=length", 400, "sort"),
    ("/entity/" + "ا" * 201, 400, "200"),
    ("/article/no-such-article", 404, "no-such-article"),
    ("/entity/" + quote("لا أحد بهذا الاسم"), 404, "لا أحد بهذا الاسم"),
    ("/story/999999", 404, "999999"),
    ("/story/abc", 404, "/story/abc"),
    ("/nowhere", 404, "/nowhere"),
])
def test_bad_requests_get_a_clean_error_page(client, url, status, says):
    page = client.get(url)
    assert page.status_code == status
    assert "Traceback" not in page.text and says in page.text
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    if "format=" not in url:
        twin = client.get(url + ("&" if "?" in url else "?") + "format=json")
        assert twin.status_code == status and twin.json()["status"] == status and twin.json()["error"]


def test_article_page_shows_items_and_links(client):
    data = client.get("/article/wadi-energy-1?format=json").json()
    assert data["article"]["id"] == "wadi-energy-1" and data["story"]["articles"] == 2
    page = client.get("/article/wadi-energy-1").text
    money = next(i for i, q in enumerate(data["article"]["quantities"]) if q["unit"] == "USD")
    assert f'id="quantity-{money}"' in page and "180,000,000 USD" in page
    assert f'href="/story/{data["story"]["id"]}"' in page
    assert 'href="https://wadi.example/energy/1"' in page
    # each event with its date, marked when it is only the article's reference date
    visit = client.get("/article/wadi-visit-2?format=json").json()["article"]["events"]
    assert {e["date_basis"] for e in visit} == {"stated", "reference"}
    visit_page = client.get("/article/wadi-visit-2").text
    assert all(f'datetime="{e["date"]}"' in visit_page for e in visit) and visit_page.count("(مرجعي)") == 1


def test_crawl_markup_is_escaped_everywhere(client):
    for url in ["/article/hostile-1", "/search?q=" + quote("البلدية"), "/search?outlet=" + quote("<b>نشرة</b> البلدية"),
                "/amounts", "/stories"]:
        page = client.get(url).text
        assert "<script>" not in page and "<img" not in page and "<b>" not in page, url
        assert 'href="javascript' not in page.lower(), url
    page = client.get("/article/hostile-1").text
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=" in page


def test_entity_page(client):
    # a part of a name, spelt without its hamza, leads to the full name's page
    data = client.get("/entity/" + quote("اردوغان") + "?format=json").json()
    assert data["name"] == "رجب طيب أردوغان"
    full = client.get("/entity/" + quote("رجب طيب أردوغان") + "?format=json").json()
    assert full["articles"] == 1 and full["outlets"] == [{"outlet": "صحيفة الوادي", "articles": 1, "share": 0.5}]
    assert [s["verb"] for s in full["statements"]] and all("أردوغان" in s["speaker"] for s in full["statements"])
    assert {e["type"] for e in full["events"]} and all(e["role"] == "actor" for e in full["events"])
    assert all(e["date"] for e in full["events"])  # each event's own date, stated or the reference date
    assert any(a["unit"] == "USD" and a["value"] == "1250000000" for a in full["amounts"])
    assert "أنقرة" in {c["name"] for c in full["companions"]}


def test_amounts_csv_download(client):
    response = client.get("/amounts?unit=USD&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    twin = client.get("/amounts?unit=USD&format=json").json()
    assert len(rows) == twin["total"] == 3
    assert [r["value"] for r in rows] == [a["value"] for a in twin["amounts"]]
    assert all(r["unit"] == "USD" and r["text"] in r["sentence"] for r in rows)


def test_digit_preference_and_no_open_redirect(app, client):
    response = client.get("/prefs?digits=arab&back=/stories", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/stories"
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = client.get("/prefs?digits=arab&back=" + quote(evil), follow_redirects=False)
        assert response.headers["location"] == "/"
    assert client.get("/prefs?digits=roman").status_code == 400
    from starlette.testclient import TestClient

    reader = TestClient(app)
    reader.cookies.set("digits", "arab")
    page = reader.get("/stories").text
    assert 'id="total">١<' in page or 'id="total">١' in page


def test_the_server_cannot_write_to_the_store(app, reading_room_db):
    from marsad.store import open_store

    store = open_store(reading_room_db, create=False, read_only=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.execute("DELETE FROM articles")
    assert open_store(reading_room_db, create=False).scalar("SELECT COUNT(*) FROM articles") == 5


def test_an_old_store_is_refused_with_a_clear_error(tmp_path):
    from marsad.store import StoreError, open_store

    db = str(tmp_path / "old.db")
    store = open_store(db)
    store.execute("DELETE FROM schema_migrations WHERE version = 4")  # an index-only migration
    store.execute("DELETE FROM schema_migrations WHERE version = ?", (max(v for v, *_ in store.migrations()),))
    store.close()
    with pytest.raises(StoreError, match="marsad migrate"):
        open_store(db, create=False, read_only=True)
