"""Which reader reads what: by file suffix, directories recursively, `-` for standard input."""

from __future__ import annotations

import io
import os
import stat
import sys
from typing import Callable, Iterable

from ..errors import MarsadInputError
from .base import MAX_ARTICLE_BYTES, ReadStream
from .html import article_from_html, read_html
from .jsonl import read_jsonl, read_jsonl_stream
from .txt import read_text_bytes, read_txt
from .warc import read_warc

_READERS: dict[str, Callable[[str], ReadStream]] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".ndjson": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}
SUPPORTED_SUFFIXES = tuple(_READERS)
STDIN_FORMATS = ("text", "jsonl", "html")


def _reader_for(path: str) -> Callable[[str], ReadStream] | None:
    lower = path.lower()
    for suffix in sorted(_READERS, key=len, reverse=True):
        if lower.endswith(suffix):
            return _READERS[suffix]
    return None


def _walk(directory: str) -> Iterable[str]:
    """Supported files below `directory`, in a stable (sorted) order; hidden entries skipped."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _reader_for(name):
                yield os.path.join(root, name)


def read_path(path: str) -> ReadStream:
    if os.path.isdir(path):
        for file in _walk(path):
            yield from read_path(file)
        return
    if not os.path.exists(path):
        yield MarsadInputError("E001", "no such file or directory", path)
        return
    if not os.path.isfile(path):
        # a FIFO would block the batch for ever, a device never ends: only regular files are read
        yield MarsadInputError("E001", f"not a regular file ({_kind(path)}): only files and directories are read",
                               path)
        return
    reader = _reader_for(path)
    if reader is None:
        yield MarsadInputError("E002", f"unsupported file type; expected one of {', '.join(SUPPORTED_SUFFIXES)}",
                               path)
        return
    yield from reader(path)


def _kind(path: str) -> str:
    mode = os.stat(path).st_mode
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device")):
        if test(mode):
            return name
    return "not a file"


def read_paths(paths: Iterable[str], stdin_format: str = "text") -> ReadStream:
    for path in paths:
        if path == "-":
            yield from read_stdin(stdin_format)
        else:
            yield from read_path(path)


def read_stdin(fmt: str = "text", stream: io.BufferedIOBase | None = None) -> ReadStream:
    stream = stream if stream is not None else sys.stdin.buffer
    if fmt == "jsonl":
        yield from read_jsonl_stream(stream, "<stdin>")
        return
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        yield MarsadInputError("E003", f"more than {MAX_ARTICLE_BYTES} bytes on standard input; "
                                       "use --format jsonl for collections", "<stdin>")
        return
    if fmt == "html":
        try:
            yield article_from_html(data, "<stdin>")
        except MarsadInputError as err:
            yield err
        return
    yield from read_text_bytes(data, "<stdin>")


def count_items(paths: Iterable[str]) -> int | None:
    """A quick count of the articles the inputs hold (JSONL lines, one per text or HTML file), for a progress
    bar's total; None when it cannot be known without parsing (WARC crawls, standard input)."""
    import gzip

    total = 0
    for path in paths:
        files = list(_walk(path)) if os.path.isdir(path) else [path]
        for file in files:
            lower = file.lower()
            if path == "-" or lower.endswith((".warc", ".warc.gz")):
                return None
            if not os.path.isfile(file):
                total += 1  # missing or not a regular file: one error item, and never opened here
                continue
            if lower.endswith((".jsonl", ".ndjson", ".jsonl.gz")):
                opener = gzip.open if lower.endswith(".gz") else open
                try:
                    with opener(file, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except (OSError, EOFError):
                    total += 1
            else:
                total += 1
    return total
