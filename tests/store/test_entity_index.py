"""The store-wide entity index: spelling variants join, short forms join only where the store's own articles
say what they mean, ambiguous ones stay apart, and search and `marsad entities` read it."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import open_store
from marsad.store.entity_index import build, name_key
from marsad.store.ingest import ingest
from marsad.store.search import search


def rows(*names: tuple[str, str, int]) -> list[tuple]:
    """(canonical, label, mentions) → the rows rebuild_entity_index reads (mention text = canonical)."""
    from marsad.text.normalize import fold

    return [(fold(c), c, label, c, n) for c, label, n in names]


def roots(names, placed) -> dict[str, str]:
    return {k: placed[k][0] for k in names}


def test_spelling_variants_share_a_key():
    assert name_key("كيم جونغ-أون") == name_key("كيم جونغ أون")
    assert name_key("إردوغان") == name_key("أردوغان") == name_key("اردوغان")
    assert name_key("نيكولاس #مادورو") == name_key("نيكولاس مادورو") == name_key("#نيكولاس_مادورو")
    assert name_key("عبد الرحمن") == name_key("عبدالرحمن")
    assert name_key("سي إن إن") == name_key("CNN") and name_key("إف بي آي") == name_key("FBI")
    assert name_key("في مصر") != name_key("VM")  # not every word is a letter name
    assert name_key("مصر") != name_key("مصرف")


def test_a_short_form_the_articles_resolve_joins_its_full_name():
    names, placed = build(rows(("رجب طيب أردوغان", "PER", 50), ("أردوغان", "PER", 10)),
                          [("أردوغان", "رجب طيب أردوغان", 40)])
    assert placed[name_key("أردوغان")] == (name_key("رجب طيب أردوغان"), "resolved_in_articles")


def test_an_ambiguous_short_form_stays_apart():
    # articles that spell «كيم» out resolve it to two different people: no majority of 90 %
    names, placed = build(rows(("كيم جونغ أون", "PER", 80), ("كيم يو جونغ", "PER", 20), ("كيم", "PER", 9)),
                          [("كيم", "كيم جونغ أون", 30), ("كيم", "كيم يو جونغ", 6)])
    assert placed[name_key("كيم")] == (name_key("كيم"), "spelling")


def test_a_short_form_no_article_resolves_joins_only_a_unique_longer_name():
    _, placed = build(rows(("الحرس الثوري الإيراني", "ORG", 30), ("الحرس الثوري", "ORG", 20)), [])
    assert placed[name_key("الحرس الثوري")][1] == "only_longer_name"
    # two longer names contain it: it stays apart
    _, placed = build(rows(("مجلس الأمن الدولي", "ORG", 30), ("مجلس الأمن القومي", "ORG", 20),
                           ("مجلس الأمن", "ORG", 25)), [])
    assert placed[name_key("مجلس الأمن")][1] == "spelling"
    # a frequent name is no short form of a rare longer one (a tagging slip)
    _, placed = build(rows(("إيران غادري", "LOC", 1), ("إيران", "LOC", 900)), [])
    assert placed[name_key("إيران")][1] == "spelling"
    # an organisation's short form is its head: «الثوري الإيراني» is not «الحرس الثوري الإيراني»
    _, placed = build(rows(("الحرس الثوري الإيراني", "ORG", 30), ("الثوري الإيراني", "ORG", 3)), [])
    assert placed[name_key("الثوري الإيراني")][1] == "spelling"
    # types must agree
    _, placed = build(rows(("جورج واشنطن", "PER", 30), ("واشنطن", "LOC", 300)), [])
    assert placed[name_key("واشنطن")][1] == "spelling"


ARTICLES = [
    {"id": "e1", "published": "2026-02-01", "outlet": "الواحة",
     "text": "قال الرئيس التركي رجب طيب أردوغان إن بلاده ستواصل دعم الحوار، وأضاف أردوغان أن الاجتماع كان مثمرا."},
    {"id": "e2", "published": "2026-02-02", "outlet": "المرصد",
     "text": "انتقد إردوغان في خطاب أمام أنصاره سياسات الاتحاد الأوروبي تجاه اللاجئين في اليونان."},
    {"id": "e3", "published": "2026-02-03", "outlet": "المرصد",
     "text": "وصل رجب طيب أردوغان إلى الدوحة في زيارة رسمية يلتقي خلالها أمير قطر، وقال أردوغان إن الزيارة مهمة."},
    {"id": "e4", "published": "2026-02-04", "outlet": "الواحة",
     "text": "استقبل رجب طيب أردوغان وفدا من رجال الأعمال في أنقرة، وأكد أردوغان أهمية الاستثمار في الطاقة."},
]


def test_search_and_entities_read_the_index(tmp_path):
    src = tmp_path / "e.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), "utf-8")
    db = str(tmp_path / "e.db")
    store = open_store(db)
    summary = ingest(store, [str(src)], workers=1)
    assert summary.entities >= 1
    erdogan = store.query("SELECT entity FROM entity_keys WHERE canonical_key IN (?, ?)",
                          ("رجب طيب اردوغان", "اردوغان"))
    # «إردوغان» alone (e2) joins the full name: three articles that write both resolve the short form to it
    assert len({e for (e,) in erdogan}) == 1
    everyone = {"e1", "e2", "e3", "e4"}
    assert {h.id for h in search(store, "", entity="رجب طيب أردوغان")} == everyone
    assert {h.id for h in search(store, "", entity="اردوغان")} == everyone
    assert {h.id for h in search(store, "اللاجئين", entity="أردوغان")} == {"e2"}
    result = CliRunner().invoke(app, ["entities", "اردوغان", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    found = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert found[0]["name"] == "رجب طيب أردوغان" and found[0]["articles"] == 4
    assert {"أردوغان", "إردوغان"} <= set(found[0]["aliases"])
    listing = CliRunner().invoke(app, ["entities", "--db", db])
    assert listing.exit_code == 0 and "رجب طيب أردوغان" in listing.output
    assert "no entity" in CliRunner().invoke(app, ["entities", "لا أحد", "--db", db]).output


def test_letter_names_corpus():
    """The examples and counter-examples kept beside the letter names (store/letter_names.yaml)."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("marsad.store").joinpath("letter_names.yaml").read_text("utf-8"))
    for name, key in data["examples"].items():
        assert name_key(name) == key, name
    for name in data["counter_examples"]:
        assert name_key(name) == "".join(name_key(w) for w in name.split()) and not name_key(name).isascii(), name
