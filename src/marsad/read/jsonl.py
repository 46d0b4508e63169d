"""JSONL: one article per line, streamed (a crawl dump of any size never sits in memory whole).

Fields: `text` (required), `id`, `title`, `url`, `published` (ISO 8601 or RFC 2822), `outlet`. Corpora that name
the publication date `date` or the outlet `source` are read too (SaudiNewsNet, ANT). A bad line is reported with
its line number and skipped.
"""

from __future__ import annotations

import gzip
import json
from typing import BinaryIO, Iterable

from ..errors import MarsadInputError
from .base import MAX_ARTICLE_BYTES, ReadStream, raw_article


def _iter_lines(fh: BinaryIO) -> Iterable[bytes]:
    while True:
        line = fh.readline(MAX_ARTICLE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            # drain the rest of an oversized line so the next one starts cleanly
            while line and not line.endswith(b"\n"):
                line = fh.readline(MAX_ARTICLE_BYTES + 1)
            yield b"\x00oversized"
            continue
        yield line


def read_jsonl_stream(fh: BinaryIO, path: str | None) -> ReadStream:
    for lineno, line in enumerate(_iter_lines(fh), 1):
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if line == b"\x00oversized":
            yield MarsadInputError("E003", f"line is longer than {MAX_ARTICLE_BYTES} bytes", path, lineno)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield MarsadInputError("E010", f"line is not valid UTF-8 (byte {exc.start}); JSONL must be UTF-8",
                                   path, lineno)
            continue
        except json.JSONDecodeError as exc:
            # some messages end with "at" themselves («Unterminated string starting at»); pos is in this line
            where = "column" if exc.msg.endswith(" at") else "at column"
            yield MarsadInputError("E020", f"{exc.msg} {where} {exc.pos + 1}", path, lineno)
            continue
        if not isinstance(obj, dict):
            yield MarsadInputError("E020", f"expected a JSON object, got {type(obj).__name__}", path, lineno)
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            what = "no \"text\" field" if text is None else f"\"text\" is {type(text).__name__}, not a string"
            yield MarsadInputError("E021", what, path, lineno)
            continue
        published = obj.get("published", obj.get("date"))
        outlet = obj.get("outlet", obj.get("source"))
        try:
            article = raw_article(text, "jsonl", path=path, id=obj.get("id"), title=obj.get("title"),
                                  url=obj.get("url"), published=published, outlet=outlet)
        except ValueError as exc:
            yield MarsadInputError("E020", str(exc), path, lineno)
            continue
        article.source.line = lineno
        yield article


def read_jsonl(path: str) -> ReadStream:
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            yield from read_jsonl_stream(fh, path)
    except (OSError, EOFError) as exc:
        # gzip.BadGzipFile is an OSError; a truncated .gz ends in EOFError
        yield MarsadInputError("E001", f"cannot read: {exc}", path)
