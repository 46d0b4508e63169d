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
    doc = _extract(html, url, path)
    if doc is None or not (doc.text or "").strip():
        depth = nesting_depth(html)
        if depth <= _LXML_MAX_DEPTH:
            raise MarsadInputError("E030", "no main text found in the page", path)
        # libxml2 stops at 255 levels of nesting and drops everything inside; a parser with its huge-tree
        # option reads ten times deeper, and beyond that the wrapper tags (div, span…) carry no text anyway
        doc = _extract(lxml.html.document_fromstring(html, parser=_DEEP_PARSER), url, path)
        if doc is None or not (doc.text or "").strip():
            doc = _extract(_WRAPPERS.sub(" ", html), url, path)
        if doc is None or not (doc.text or "").strip():
            raise MarsadInputError("E030", f"HTML nested {depth:,} levels deep: the parser reads {_DEEP_MAX_DEPTH:,}"
                                           " at most and found no main text", path)
    url = url or doc.url
    published = doc.date or _page_date(html) or fallback_published
    outlet = doc.sitename or (urlsplit(url).hostname if url else None)
    article = raw_article(doc.text, fmt, path=path, title=doc.title, url=url, published=published,
                          has_lines=False)
    if outlet:
        article.source.outlet = outlet
        article.source.outlet_rule = "html_metadata" if doc.sitename else "url_host"
    return article


def _extract(html, url: str | None, path: str | None):
    """trafilatura's main text and metadata of an HTML string (or a parsed tree)."""
    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            deduplicate=False, favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, ParserError) as exc:  # lxml rejects some malformed documents outright
        raise MarsadInputError("E030", f"cannot parse HTML: {exc}", path) from None


_LXML_MAX_DEPTH = 255     # libxml2's default
_DEEP_MAX_DEPTH = 2048    # with XML_PARSE_HUGE (huge_tree)
_DEEP_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
_WRAPPERS = re.compile(r"</?(?:div|span|section|article|main|font|center|b|i|u|em|strong)\b[^>]*>", re.I)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
# elements that never have a closing tag, or whose closing tag pages often leave out
_UNCLOSED = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                       "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd"})


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements in the page, counted over its tags in one pass."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if name.lower() in _UNCLOSED or self_closing:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


def read_html(path: str) -> ReadStream:
    try:
        yield article_from_html(read_limited(path), path)
    except MarsadInputError as err:
        yield err
