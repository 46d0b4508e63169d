"""Small test helpers (imported by tests; not fixtures)."""

from __future__ import annotations

from marsad.article import Article


def assert_spans_valid(article: Article) -> None:
    article.check_spans()
    text = article.text or ""
    for start, end in article.sentences:
        assert text[start:end].strip() == text[start:end]
