"""An analysed article as store rows: made in the worker processes, written by the single writer.

Everything CPU-bound (the article's JSON, search terms, MinHash signature and band keys) is computed here, so
the writer only runs SQL.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..article import Article
from ..clean.evidence import line_hashes, outlet_of, page_keys
from ..dedup import band_keys, exact_key, signature
from ..read.published import date_part
from ..text.normalize import fold
from ..text.search_terms import index_text


@dataclass(slots=True)
class ArticleRecord:
    doc_key: str
    doc: dict[str, Any]
    exact_key: str
    signature: bytes
    bands: list[int]
    title_terms: str
    body_terms: str
    published_date: str | None
    tables: dict[str, list[tuple]] = field(default_factory=dict)  # table -> rows without article_seq
    line: int | None = None    # where the article is in its input, for the errors that name it
    record: int | None = None
    raw_z: bytes = b""         # the raw input, zlib-compressed: what `marsad reclean` cleans again
    line_hashes: list[int] = field(default_factory=list)  # its short lines and title under its outlet


def doc_key(article: Article) -> str:
    """What makes ingest idempotent: the same article (id and raw input) is stored once, however often it is fed."""
    return hashlib.sha256(f"{article.id}\n{article.raw}".encode("utf-8", "surrogatepass")).hexdigest()


def to_record(article: Article, key: str | None = None) -> ArticleRecord:
    doc = article.to_dict()
    text = doc["text"]
    tables: dict[str, list[tuple]] = {
        "removed": [(i, r["line"], r["reason"], r["rule"], r["text"]) for i, r in enumerate(doc["removed"])],
        "entities": [(i, e["start"], e["end"], e["text"], e["label"], e["canonical"], fold(e["canonical"] or ""),
                      e["rule"]) for i, e in enumerate(doc["entities"])],
        # value as a float for sorting and ranges, value_exact as the JSON's decimal text (exact)
        "quantities": [(i, q["start"], q["end"], q["text"], q["kind"], float(q["value"]), q["unit"], q["rule"],
                        str(q["value"])) for i, q in enumerate(doc["quantities"])],
        "dates": [(i, d["start"], d["end"], d["text"], d["value"], _year(d["value"]), int(d["relative"]),
                   d["calendar"], d["rule"]) for i, d in enumerate(doc["dates"])],
        "statements": [(i, s["verb"]["start"], s["verb"]["end"], s["verb"]["text"],
                        *(_span(s["speaker"])), s["speaker_canonical"],
                        s["content"]["start"], s["content"]["end"], s["content"]["text"],
                        s["channel"], s["via"], int(s["direct_quote"]), s["rule"],
                        (s.get("addressee") or {}).get("text"), s.get("addressee_canonical"))
                       for i, s in enumerate(doc["statements"])],
        "events": [(i, e["type"], e["mode"], e["trigger"]["start"], e["trigger"]["end"], e["trigger"]["text"],
                    _json(e["actors"]), _json(e["targets"]), e["location"], _json(e["topics"]), e["rule"],
                    e.get("date"), e.get("date_basis"))
                   for i, e in enumerate(doc["events"])],
        "checks": [(i, c["kind"], c["claimed"], c["computed"], int(c["consistent"]), _json(c["quantities"]),
                    c["rule"]) for i, c in enumerate(doc["checks"])],
    }
    sig = signature(text)
    published = doc["published"]
    return ArticleRecord(
        doc_key=key or doc_key(article), doc=doc, exact_key=exact_key(text), signature=sig, bands=band_keys(sig),
        title_terms=index_text(doc["title"] or ""), body_terms=index_text(text),
        published_date=date_part(published) if published else None, tables=tables, line=article.source.line,
        record=article.source.record, raw_z=zlib.compress(article.raw.encode("utf-8", "surrogatepass"), 6),
        line_hashes=article_line_hashes(article))


def article_line_hashes(article: Article) -> list[int]:
    """The evidence hashes of an article's short lines and title (clean/evidence.py), for the store."""
    outlet = outlet_of(article)
    return sorted(set(line_hashes(outlet, page_keys(article.raw), article.title))) if outlet else []


def _span(span: dict | None) -> tuple:
    return (span["start"], span["end"], span["text"]) if span else (None, None, None)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _year(value: str | None) -> int | None:
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


# The column lists of the item tables, in the order of the tuples above (after article_seq).
COLUMNS = {
    "removed": "idx, line, reason, rule, text",
    "entities": "idx, span_start, span_end, text, label, canonical, canonical_key, rule",
    "quantities": "idx, span_start, span_end, text, kind, value, unit, rule, value_exact",
    "dates": "idx, span_start, span_end, text, value, year, relative, calendar, rule",
    "statements": ("idx, verb_start, verb_end, verb, speaker_start, speaker_end, speaker, speaker_canonical, "
                   "content_start, content_end, content, channel, via, direct_quote, rule, addressee, "
                   "addressee_canonical"),
    "events": ("idx, type, mode, trigger_start, trigger_end, trigger, actors, targets, location, topics, rule, "
               "date, date_basis"),
    "checks": "idx, kind, claimed, computed, consistent, quantities, rule",
}
