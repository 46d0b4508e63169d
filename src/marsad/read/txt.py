"""Plain-text files: one article per file, in any of the encodings `decode` accepts."""

from __future__ import annotations

from ..errors import MarsadInputError
from .base import ReadStream, raw_article, read_limited
from .encoding import decode


def read_text_bytes(data: bytes, path: str | None) -> ReadStream:
    try:
        text, _ = decode(data, path)
    except MarsadInputError as err:
        yield err
        return
    yield raw_article(text, "text", path=path)


def read_txt(path: str) -> ReadStream:
    try:
        data = read_limited(path)
    except MarsadInputError as err:
        yield err
        return
    yield from read_text_bytes(data, path)
