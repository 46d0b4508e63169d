"""WARC crawls (.warc, .warc.gz): every HTML response record is one article, with its URL and crawl date.

Streamed record by record with warcio. A record whose page yields no article is reported with its record
number and skipped; a truncated or corrupt file ends that file's stream with one error after the records
that could be read.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import MarsadInputError
from .base import MAX_ARTICLE_BYTES, ReadStream
from .html import article_from_html


def _is_html(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in ctype


def _truncated(record) -> bool:
    """warcio hands out what is there; a record cut short leaves its length limit unconsumed."""
    stream = record.raw_stream
    try:
        return stream.read(1) == b"" and getattr(stream, "limit", 0) > 0
    except (OSError, EOFError, zlib.error):
        return True


def _looks_like_warc(fh) -> bool:
    """A WARC file starts with a "WARC/1.x" line, inside the first gzip member for .warc.gz."""
    head = fh.read(2)
    fh.seek(0)
    if head == b"\x1f\x8b":
        with gzip.GzipFile(fileobj=fh) as gz:
            try:
                first = gz.read(5)
            except (OSError, EOFError, zlib.error):
                first = b""
        fh.seek(0)
    else:
        first = fh.read(5)
        fh.seek(0)
    return first.upper() == b"WARC/"


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response record of a WARC file, not yet extracted (the Ray job extracts it in its actors)."""

    html: bytes
    path: str
    record: int
    url: str | None
    crawl_date: str | None


def html_records(fh: BinaryIO, path: str) -> Iterator[WarcPage | MarsadInputError]:
    """The HTML response records of an open WARC stream, or located errors; a corrupt or truncated file ends
    the stream with one error after the records that could be read."""
    record_no = 0
    try:
        if not _looks_like_warc(fh):
            yield MarsadInputError("E040", "not a WARC file (it does not start with a WARC/1.x record)", path)
            return
        for record in ArchiveIterator(fh):
            record_no += 1
            protocol = record.rec_headers.protocol or ""
            if not protocol.upper().startswith("WARC/"):
                # warcio reads almost anything as records (with warnings); a real WARC says so
                yield MarsadInputError("E040", "not a WARC file (no WARC/1.x record header)" if record_no == 1
                                       else "corrupt record (no WARC/1.x header)", path, record=record_no)
                return
            if not _is_html(record):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            crawl_date = record.rec_headers.get_header("WARC-Date")
            data = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
            if _truncated(record):
                yield MarsadInputError("E040", "record is truncated (fewer bytes than its Content-Length)",
                                       path, record=record_no)
                continue
            if len(data) > MAX_ARTICLE_BYTES:
                yield MarsadInputError("E003", f"HTML payload larger than {MAX_ARTICLE_BYTES} bytes",
                                       path, record=record_no)
                continue
            yield WarcPage(data, path, record_no, url, crawl_date)
    except OSError as exc:
        if record_no == 0 and getattr(exc, "strerror", None):
            yield MarsadInputError("E001", exc.strerror, path)
        else:
            yield MarsadInputError("E040", f"corrupt or truncated after record {record_no}: {exc}", path,
                                   record=record_no + 1)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        yield MarsadInputError("E040", f"corrupt or truncated after record {record_no}: "
                                       f"{str(exc).strip() or type(exc).__name__}", path, record=record_no + 1)


def page_article(page: WarcPage):
    """The article of one HTML record (main text and metadata by trafilatura), located at its record."""
    try:
        article = article_from_html(page.html, page.path, url=page.url, fallback_published=page.crawl_date,
                                    fmt="warc")
    except MarsadInputError as err:
        return err.located(page.path, record=page.record)
    except ValueError as exc:  # an unreadable WARC-Date
        return MarsadInputError("E040", str(exc), page.path, record=page.record)
    article.source.record = page.record
    return article


def read_warc(path: str) -> ReadStream:
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield MarsadInputError("E001", exc.strerror or str(exc), path)
        return
    with fh:
        for item in html_records(fh, path):
            yield item if isinstance(item, MarsadInputError) else page_article(item)
