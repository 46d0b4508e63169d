"""Reading shards for the Ray job: which files, and how one file's bytes become work items.

The functions here are plain Python (no Ray import): Ray Data calls them inside its read-side tasks. A work item
is one pickled object, so that the actor stage receives exactly what the local readers yield:

- an `Article` (raw, as `read/jsonl.py` builds it from a JSONL line or a Parquet row),
- a `WarcPage` (an HTML response record's payload: its main-text extraction is the costly part, so it runs
  in the actor pool rather than in the one task that reads the WARC file),
- a `MarsadInputError` (a bad line, row or record: recorded, never fatal).
"""

from __future__ import annotations

import gzip
import io
import os
import pickle
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..article import Article
from ..errors import MarsadInputError
from ..read.base import raw_article
from ..read.warc import WarcPage, html_records
from ..read.warc import page_article as warc_article  # noqa: F401 - the actors' half of a WARC record

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)
SUFFIXES = JSONL_SUFFIXES + WARC_SUFFIXES + PARQUET_SUFFIXES


def kind_of(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    if lower.endswith(PARQUET_SUFFIXES):
        return "parquet"
    return None


def list_inputs(inputs: Iterable[str]) -> tuple[dict[str, list[str]], list[MarsadInputError]]:
    """Files per kind (jsonl, warc, parquet), directories walked in sorted order, and errors for the rest.

    Paths with a URL scheme (s3://, gs://) are passed to Ray Data as they are, by suffix.
    """
    files: dict[str, list[str]] = {"jsonl": [], "warc": [], "parquet": []}
    errors: list[MarsadInputError] = []

    def add(path: str, explicit: bool) -> None:
        kind = kind_of(path)
        if kind:
            files[kind].append(path)
        elif explicit:
            errors.append(MarsadInputError(
                "E002", f"unsupported file type for the Ray job; expected one of {', '.join(SUFFIXES)}", path))

    for path in inputs:
        if "://" in path:
            add(path, True)
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if not name.startswith("."):
                        add(os.path.join(root, name), False)
        elif os.path.exists(path):
            add(path, True)
        else:
            errors.append(MarsadInputError("E001", "no such file or directory", path))
    return files, errors


def pack(item: Article | WarcPage | MarsadInputError) -> dict[str, Any]:
    if isinstance(item, MarsadInputError):  # by its fields: an exception's own pickling keeps only its message
        item = _Failed((item.code, item.message, item.path, item.line, item.record))
    return {"item": pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)}


def unpack(blob: bytes) -> Article | WarcPage | MarsadInputError:
    item = pickle.loads(blob)
    return MarsadInputError(*item.fields) if isinstance(item, _Failed) else item


@dataclass(frozen=True, slots=True)
class _Failed:
    fields: tuple


# --- JSONL -----------------------------------------------------------------------------------------------------

def jsonl_items(data: bytes, path: str) -> Iterator[Article | MarsadInputError]:
    """The local JSONL reader over a file's bytes: the same fields, aliases, line numbers and error codes."""
    from ..read.jsonl import read_jsonl_stream

    fh: io.BufferedIOBase = io.BytesIO(data)
    if data[:2] == b"\x1f\x8b":  # by content, not suffix: Ray hands .gz files over already decompressed
        fh = gzip.GzipFile(fileobj=fh)
    try:
        yield from read_jsonl_stream(fh, path)
    except (OSError, EOFError, zlib.error) as exc:
        yield MarsadInputError("E001", f"cannot read: {exc}", path)


# --- WARC ------------------------------------------------------------------------------------------------------

def warc_items(data: bytes, path: str) -> Iterator[WarcPage | MarsadInputError]:
    """HTML response records of a WARC file's bytes: the WARC reader's own record loop (read/warc.py)."""
    return html_records(io.BytesIO(data), path)


# --- Parquet ---------------------------------------------------------------------------------------------------

def parquet_item(row: dict[str, Any], path: str | None) -> Article | MarsadInputError:
    """One Parquet row with the JSONL field names (and aliases); a `source` struct (Marsad's own output) gives
    the outlet and URL."""
    text = row.get("text")
    where = f"id {row.get('id')}" if row.get("id") not in (None, "") else None
    if not isinstance(text, str):
        what = "no \"text\" column" if text is None else f"\"text\" is {type(text).__name__}, not a string"
        return MarsadInputError("E021", what + (f" ({where})" if where else ""), path)
    source = row.get("source")
    url, outlet = row.get("url"), row.get("outlet")
    if isinstance(source, dict):
        url = url or source.get("url")
        outlet = outlet or source.get("outlet")
    elif outlet is None:
        outlet = source
    published = row.get("published", row.get("date"))
    try:
        return raw_article(text, "jsonl", path=path, id=row.get("id"), title=row.get("title"), url=url,
                           published=published, outlet=outlet)
    except ValueError as exc:
        return MarsadInputError("E020", str(exc) + (f" ({where})" if where else ""), path)
