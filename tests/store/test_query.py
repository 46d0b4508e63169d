"""Search queries: AND, OR, NOT, parentheses and quoted phrases, parsed once and run on SQLite's FTS5 (the
PostgreSQL form is checked in test_postgres.py where a server can be started)."""

from __future__ import annotations

import json

import pytest

from marsad.store import open_store
from marsad.store.ingest import ingest
from marsad.store.query import And, Not, Or, Phrase, QueryError, Word, parse
from marsad.store.search import search

DOCS = {
    "a": "التقى وزير الخارجية الأردني نظيره المصري في عمّان لبحث الأوضاع في غزة.",
    "b": "قال وزير الخارجية المصري إن القاهرة تتابع الأوضاع في غزة ورفح عن كثب.",
    "c": "أعلنت وزارة الخارجية أن الوزير الأردني سيزور القاهرة الأسبوع المقبل.",
    "d": "ارتفعت أسعار النفط في الأسواق العالمية مع تراجع المخزونات الأمريكية.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("query")
    src = folder / "docs.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": v}, ensure_ascii=False) + "\n" for k, v in DOCS.items()),
                   "utf-8")
    found = open_store(str(folder / "q.db"))
    ingest(found, [str(src)], workers=1)
    return found


def ids(store, query: str) -> set[str]:
    return {h.id for h in search(store, query, limit=50)}


def test_words_side_by_side_mean_and(store):
    assert ids(store, "الخارجية غزة") == {"a", "b"}
    assert ids(store, "الخارجية AND غزة") == {"a", "b"}


def test_or_not_and_parentheses(store):
    assert ids(store, "رفح OR النفط") == {"b", "d"}
    assert ids(store, "الخارجية NOT غزة") == {"c"}
    assert ids(store, "الخارجية -غزة") == {"c"}
    assert ids(store, "(عمان OR القاهرة) NOT رفح") == {"a", "c"}
    assert ids(store, "الخارجية AND (رفح OR الأسبوع)") == {"b", "c"}


def test_folding_and_clitics_still_apply(store):
    assert ids(store, "اسعار") == {"d"}               # أسعار without its hamza
    assert ids(store, "الاوضاع") == {"a", "b"}
    assert ids(store, "القاهره") == {"b", "c"}        # ة written ه


def test_a_phrase_is_its_words_in_order_side_by_side(store):
    assert ids(store, '"وزير الخارجية"') == {"a", "b"}
    assert ids(store, '"الخارجية وزير"') == set()      # the same words in another order
    assert ids(store, '"وزير الأردني"') == set()       # not side by side
    assert ids(store, '"الوزير الأردني"') == {"c"}
    assert ids(store, '"وزير الخارجيه المصري"') == {"b"}  # folded: ة/ه
    assert ids(store, '"وزير الخارجية" NOT "الخارجية المصري"') == {"a"}


def test_lower_case_operators_are_words_and_oddities_are_forgiven():
    assert parse("غزة and رفح").tree == And((parse("غزة").tree, parse("and").tree, parse("رفح").tree))
    assert parse("غزة OR").tree == parse("غزة").tree
    assert parse("(غزة OR رفح").tree == Or((parse("غزة").tree, parse("رفح").tree))
    assert parse("غزة )").tree == parse("غزة").tree
    assert parse("").empty and parse('""').empty and parse("،؛").empty
    assert isinstance(parse('"غزة رفح"').tree, Phrase)
    assert isinstance(parse('"غزة"').tree, Word)
    assert parse("غزة NOT NOT رفح").tree == And((parse("غزة").tree, parse("رفح").tree))


@pytest.mark.parametrize("query", ["NOT غزة", "-غزة", "NOT (غزة OR رفح)", "غزة OR NOT رفح"])
def test_a_query_of_only_exclusions_is_refused(query):
    with pytest.raises(QueryError):
        parse(query).fts5()


def test_highlights_skip_excluded_words():
    terms = parse("غزة NOT رفح").highlight_terms()
    assert "غزه" in terms and "رفح" not in terms
    assert isinstance(parse("غزة NOT رفح").tree.parts[1], Not)


def test_quotes_inside_terms_cannot_break_the_fts5_string(store):
    for query in ['"', '""غزة', 'غزة"', "'", "غزة*", "NEAR(غزة رفح)", "غزة^2", "col:غزة"]:
        search(store, query)  # runs, raising nothing


def test_tsquery_form():
    assert parse("غزة رفح").tsquery() == "((غزه) & (رفح))"
    assert parse('"وزير الخارجية"').tsquery().count("<->") >= 1
    assert parse("غزة NOT رفح").tsquery() == "((غزه) & !(رفح))"
