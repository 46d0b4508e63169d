"""What every reader shares: limits, the raw-article constructor and the item type readers yield."""

from __future__ import annotations

import hashlib
import os
from typing import Iterator, Union

from ..article import Article, InputFormat, Source
from ..errors import MarsadInputError
from .published import parse_published

# One article larger than this is not an article but a dump: refuse it rather than hold it in memory.
# 16 MB is ~100x the longest article in the bundled corpora (ANT: 150 KB).
MAX_ARTICLE_BYTES = 16 * 1024 * 1024

ReadItem = Union[Article, MarsadInputError]
ReadStream = Iterator[ReadItem]


def stable_id(raw: str) -> str:
    """A stable id for an input without one: the first 16 hex digits of the SHA-256 of its text."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def raw_article(raw: str, fmt: InputFormat, *, path: str | None, id: object = None, title: object = None,
                url: object = None, published: object = None, outlet: object = None,
                has_lines: bool = True) -> Article:
    """A raw article as a reader found it. `published` is parsed here (ValueError if unreadable)."""
    given_outlet = str(outlet).strip() if outlet else None
    return Article(
        id=str(id) if id not in (None, "") else stable_id(raw),
        source=Source(format=fmt, path=path, url=str(url) if url else None, outlet=given_outlet,
                      outlet_rule="given" if given_outlet else None),
        raw=raw,
        title=str(title).strip() if title else None,
        published=parse_published(published),
        raw_has_lines=has_lines,
    )


def read_limited(path: str, limit: int | None = None) -> bytes:
    """The bytes of a one-article file; E003 when it is larger than `limit`, E001 when unreadable."""
    limit = MAX_ARTICLE_BYTES if limit is None else limit
    try:
        size = os.path.getsize(path)
        if size > limit:
            raise MarsadInputError("E003", f"{size} bytes is more than the {limit}-byte limit for one "
                                           "article; split it or use JSONL/WARC for collections", path)
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except MarsadInputError:
        raise
    except OSError as exc:
        raise MarsadInputError("E001", exc.strerror or str(exc), path) from None
