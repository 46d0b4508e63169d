"""The CNN Arabic page: trafilatura's main text, cleaned, matches the expected body; the page's own Arabic
date gives the publication date."""

from __future__ import annotations

import difflib
import json

from marsad.api import analyze_paths

from conftest import DATA, need


def _paragraphs(text: str) -> str:
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def test_cnn_body_and_date():
    page = need(DATA / "web/cnn_arabic/source.html")
    expected = (DATA / "web/cnn_arabic/expected.txt").read_text("utf-8")
    metadata = json.loads((DATA / "web/cnn_arabic/expected-metadata.json").read_text("utf-8"))
    article = next(analyze_paths([str(page)]))
    similarity = difflib.SequenceMatcher(None, _paragraphs(article.text), _paragraphs(expected),
                                         autojunk=False).ratio()
    assert similarity >= 0.98, similarity
    assert article.published == "2013-08-28"
    assert article.title == metadata["title"]
    assert article.source.outlet
