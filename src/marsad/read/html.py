"""HTML pages: main text and metadata with trafilatura; Arabic dates in the page read by our own date rules.

trafilatura's date search falls back to guesses (the URL, the copyright year: 2013-01-01 for the CNN page); a
publication date must be stated, so we ask it for metadata dates only and otherwise take the first full written
date of the page («الأربعاء، 28 آب/اغسطس 2013»).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml.etree import ParserError

from ..article import Article
from ..errors import MarsadInputError
from ..extract.date.full_date import find_full_dates
from .base import ReadStream, raw_article, read_limited
from .encoding import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def _charset_hint(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return {"windows-1256": "cp1256", "utf8": "utf-8"}.get(name, name)


def _page_date(html: str) -> str | None:
    try:
        tree = lxml.html.fromstring(html)
    except (ParserError, ValueError):
        return None
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    dates = find_full_dates(tree.text_content())
    return dates[0].value.isoformat() if dates else None


def article_from_html(data: bytes, path: str | None, *, url: str | None = None,
                      fallback_published: str | None = None, fmt: str = "html") -> Article:
    """One article from an HTML document's bytes; raises MarsadInputError for undecodable or empty pages."""
    html, _ = decode(data, path, hint=_charset_hint(data))
    if not html.strip():
        raise MarsadInputError("E050", "empty HTML document", path)
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            deduplicate=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, ParserError) as exc:  # lxml rejects some malformed documents outright
        raise MarsadInputError("E030", f"cannot parse HTML: {exc}", path) from None
    if doc is None or not (doc.text or "").strip():
        raise MarsadInputError("E030", "no main text found in the page", path)
    url = url or doc.url
    published = doc.date or _page_date(html) or fallback_published
    outlet = doc.sitename or (urlsplit(url).hostname if url else None)
    article = raw_article(doc.text, fmt, path=path, title=doc.title, url=url, published=published,
                          has_lines=False)
    if outlet:
        article.source.outlet = outlet
        article.source.outlet_rule = "html_metadata" if doc.sitename else "url_host"
    return article


def read_html(path: str) -> ReadStream:
    try:
        yield article_from_html(read_limited(path), path)
    except MarsadInputError as err:
        yield err
