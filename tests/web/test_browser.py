"""The reading room in a real browser (Debian's Chromium driven by Playwright): what a reader sees matches each
page's JSON twin, marks show their values on hover and focus, charts are drawn, crawl markup stays text.

Screenshots of the search, article and entity pages at desktop and phone widths are written to the folder named
by MARSAD_SCREENSHOTS (docs/screenshots holds the committed ones), else to a temporary folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote


from .fixtures import ARTICLES

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def twin(page, url: str) -> dict:
    """The page's JSON twin, fetched by the browser itself."""
    sep = "&" if "?" in url else "?"
    response = page.request.get(url + sep + "format=json")
    assert response.ok, url
    return response.json()


def plain(text: str) -> str:
    """A number as shown, back to its digits: grouping removed, Arabic-Indic digits read as ASCII."""
    return text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٫", "0123456789.")).replace(",", "").replace("٬", "").strip()


def tip(page, selector: str) -> str:
    """The value a mark shows in its tooltip (its ::after content), as the browser computed it."""
    return page.eval_on_selector(selector, "el => getComputedStyle(el, '::after').content")


def shots(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("MARSAD_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for size, viewport in SIZES.items():
        page.set_viewport_size(viewport)
        page.wait_for_timeout(100)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=False)
    page.set_viewport_size(SIZES["desktop"])


def test_search_with_a_spelling_variant_then_open_the_result(page, live_server, tmp_path):
    page.goto(live_server + "/")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    # «اردوغان» without its hamza finds «أردوغان»
    page.fill("input[name=q]", "اردوغان")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    data = twin(page, page.url)
    assert data["total"] >= 1
    assert plain(page.inner_text("#total")) == str(data["total"])
    shown = page.eval_on_selector_all("li.hit", "els => els.map(e => e.dataset.id)")
    assert shown == [h["id"] for h in data["hits"]]
    assert "wadi-visit-2" in shown
    # the matching word is highlighted in the snippet, as the twin's highlights say
    first = data["hits"][0]
    marked = page.eval_on_selector_all("li.hit >> nth=0 >> mark.hit", "els => els.map(e => e.textContent)")
    assert marked == [first["snippet"][a:b] for a, b in first["highlights"]]
    # facets and the chart are drawn from the same data
    assert page.locator("#facet-outlets tr").count() == len(data["outlets"][:12])
    assert page.locator("figure.timeline rect.bar").count() == len(data["timeline"]["points"])
    page.click("li.hit[data-id='wadi-visit-2'] h2 a")
    page.wait_for_url(re.compile(r"/article/wadi-visit-2$"))
    assert page.inner_text("h1") == next(a["title"] for a in ARTICLES if a["id"] == "wadi-visit-2")
    # each event row shows its own date, the twin's; a reference date is marked as such
    events = twin(page, page.url)["article"]["events"]
    rows = page.locator("#events + table tbody tr")
    assert rows.count() == len(events) >= 2
    for k, event in enumerate(events):
        cell = rows.nth(k).locator("td").last
        assert cell.locator("time").get_attribute("datetime") == event["date"]
        assert ("(مرجعي)" in cell.inner_text()) == (event["date_basis"] == "reference")
    page.goto(live_server + "/search?q=" + quote("الأردني"))
    assert page.locator("li.hit").count() == twin(page, page.url)["total"] >= 4
    shots(page, "search", tmp_path)


def test_an_amount_is_marked_and_shows_its_value(page, live_server, tmp_path):
    page.goto(live_server + "/search?q=" + quote("هيئه الموانئ الاردنيه"))  # ة→ه, أ→ا: folded spellings
    data = twin(page, page.url)
    assert data["total"] == 1
    page.click("li.hit h2 a")
    page.wait_for_url(re.compile(r"/article/"))
    doc = twin(page, page.url)["article"]
    jod = next(i for i, q in enumerate(doc["quantities"]) if q["unit"] == "JOD")
    mark = f"#quantity-{jod}"
    assert page.inner_text(mark) == doc["quantities"][jod]["text"]
    assert tip(page, mark) == "none"                       # no tooltip before the reader asks
    page.hover(mark)
    shown = tip(page, mark)
    value = doc["quantities"][jod]["value"]
    assert str(value) in plain(shown.split("·")[0].strip('"')) and "JOD" in shown
    page.mouse.move(0, 0)
    page.focus(mark)                                      # the keyboard reaches it too
    assert "JOD" in tip(page, mark)
    # every item of the twin is either marked in the text, with its own text, or counted as not marked
    marks = page.eval_on_selector_all("#article-text .mk", "els => els.map(e => [e.dataset.kind, "
                                      "+e.dataset.index, e.textContent])")
    listed = {"entity": "entities", "quantity": "quantities", "date": "dates"}
    for kind, key in listed.items():
        for _, index, text in (m for m in marks if m[0] == kind):
            assert doc[key][index]["text"] == text
    date = next(m for m in marks if m[0] == "date" and doc["dates"][m[1]]["value"])
    page.hover(f"#date-{date[1]}")
    assert doc["dates"][date[1]]["value"] in tip(page, f"#date-{date[1]}")
    # the removed lines are there, collapsed
    assert page.locator("details.removed").get_attribute("open") is None
    assert page.locator("details.removed tbody tr").count() == len(doc["removed"])
    page.evaluate("document.activeElement.blur()")
    page.hover(mark)
    shots(page, "article", tmp_path)


def test_entity_page_and_its_charts(page, live_server, tmp_path):
    page.goto(live_server + "/article/wadi-visit-2")
    page.locator("table.data a.ent-link", has_text="رجب طيب أردوغان").first.click()
    page.wait_for_url(re.compile(r"/entity/"))
    data = twin(page, page.url)
    assert page.inner_text("#entity-name") == data["name"] == "رجب طيب أردوغان"
    assert plain(page.inner_text("#entity-articles")) == str(data["articles"])
    assert page.locator("figure.timeline rect.bar").count() == len(data["timeline"]["points"]) > 0
    heights = page.eval_on_selector_all("figure.timeline rect.bar", "els => els.map(e => e.getBBox().height)")
    assert max(heights) > 0
    statements = page.locator("#statements ~ blockquote.statement")
    assert statements.count() == len(data["statements"]) >= 1
    assert page.locator("#facet-companions li").count() == len(data["companions"])
    shots(page, "entity", tmp_path)


def test_story_page_lists_both_outlets(page, live_server):
    page.goto(live_server + "/stories")
    listing = twin(page, page.url)
    assert page.locator("table.stories tbody tr").count() == len(listing["stories"]) >= 1
    page.click("table.stories tbody tr >> nth=0 >> a")
    page.wait_for_url(re.compile(r"/story/\d+$"))
    data = twin(page, page.url)
    shown = page.eval_on_selector_all("ol.members li", "els => els.map(e => e.dataset.id)")
    assert shown == [m["id"] for m in data["members"]]
    assert {"wadi-energy-1", "ufuq-energy-7"} <= set(shown)
    assert page.locator("figure.timeline rect.bar").count() == len(data["timeline"]["points"]) > 0


def test_amounts_table_matches_its_twin_and_sorts(page, live_server):
    page.goto(live_server + "/amounts?kind=money")
    data = twin(page, page.url)
    values = page.eval_on_selector_all("table.amounts tbody tr td:first-child", "els => els.map(e => e.innerText)")
    assert [plain(v) for v in values] == [str(a["value"]) for a in data["amounts"]]
    as_numbers = [float(plain(v)) for v in values]
    assert as_numbers == sorted(as_numbers, reverse=True)
    page.click("th a:text('القيمة')")  # the second click on the sorted column reverses it
    values = page.eval_on_selector_all("table.amounts tbody tr td:first-child", "els => els.map(e => e.innerText)")
    assert [float(plain(v)) for v in values] == sorted(as_numbers)
    csv = page.request.get(live_server + "/amounts?kind=money&format=csv")
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")
    assert len(csv.text().strip().splitlines()) == data["total"] + 1


def test_digits_follow_the_readers_choice(page, live_server):
    page.goto(live_server + "/")
    western = page.inner_text("#total")
    page.click(".prefs a")
    page.wait_for_load_state()
    arabic = page.inner_text("#total")
    assert re.fullmatch(r"[٠-٩٬]+", arabic) and plain(arabic) == plain(western)
    page.click(".prefs a")
    assert page.inner_text("#total") == western


def test_crawl_markup_renders_as_text_and_runs_nothing(page, live_server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(live_server + "/article/hostile-1")
    body = page.inner_text("#article-text")
    assert "<script>" in body and "onerror" in body and "javascript:" in body
    assert page.locator("#article-text script, #article-text img, #article-text a").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0      # the crawl's URL is not made a link
    assert "<script>" in page.inner_text("h1")
    assert page.evaluate("document.title") != "pwned" and not dialogs
    page.goto(live_server + "/search?q=" + quote("البلدية"))
    assert page.locator("li.hit[data-id='hostile-1']").count() == 1
    assert page.evaluate("document.title") != "pwned" and not dialogs
    assert page.locator("main script, main img").count() == 0


def test_fonts_ship_with_the_package(page, live_server):
    page.goto(live_server + "/article/wadi-visit-2")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate("document.fonts.check('16px \"Marsad Naskh\"', 'أ')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Marsad" in f for f in loaded)
