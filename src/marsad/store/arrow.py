"""The article schema as an Arrow schema, for Parquet export and the Ray job (same fields as the JSON schema).

Values keep their JSON types, except that quantity values are float64 (exact for integers below 2^53, which
covers every amount in news), and `published` is a timestamp in UTC, so that Parquet readers can filter and
group by it: a date alone is its midnight, a time without an offset is read as UTC. The JSONL export keeps the
ISO text exactly as given.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Iterable


@lru_cache(maxsize=1)
def article_schema():
    import pyarrow as pa

    s = pa.string()
    i = pa.int64()
    span = pa.struct([("start", i), ("end", i), ("text", s)])

    def items(*fields):
        return pa.list_(pa.struct(list(fields)))

    return pa.schema([
        ("schema", s), ("id", s),
        ("source", pa.struct([("path", s), ("url", s), ("outlet", s), ("format", s), ("outlet_rule", s)])),
        ("title", s), ("published", pa.timestamp("us", tz="UTC")),
        ("reference_date", pa.struct([("value", s), ("basis", s)])),
        ("language", s), ("text", s),
        ("removed", items(("text", s), ("line", i), ("reason", s), ("rule", s))),
        ("sentences", items(("start", i), ("end", i))),
        ("entities", items(("start", i), ("end", i), ("text", s), ("label", s), ("canonical", s), ("rule", s))),
        ("quantities", items(("start", i), ("end", i), ("text", s), ("kind", s), ("value", pa.float64()),
                             ("unit", s), ("rule", s))),
        ("dates", items(("start", i), ("end", i), ("text", s), ("value", s), ("relative", pa.bool_()),
                        ("calendar", s), ("rule", s))),
        ("statements", items(("verb", span), ("speaker", span), ("speaker_canonical", s), ("content", span),
                             ("channel", s), ("via", s), ("direct_quote", pa.bool_()), ("rule", s),
                             ("addressee", span), ("addressee_canonical", s))),
        ("events", items(("type", s), ("mode", s), ("trigger", span), ("actors", pa.list_(s)),
                         ("targets", pa.list_(s)), ("location", s), ("topics", pa.list_(s)), ("rule", s),
                         ("date", s), ("date_basis", s))),
        ("checks", items(("kind", s), ("claimed", pa.float64()), ("computed", pa.float64()),
                         ("consistent", pa.bool_()), ("quantities", pa.list_(i)), ("rule", s),
                         ("evidence", s))),
    ])


def to_table(articles: Iterable[dict[str, Any]]):
    """An Arrow table of article dicts (Article.to_dict()), with exactly the schema's fields."""
    import pyarrow as pa

    schema = article_schema()
    return pa.Table.from_pylist([arrow_row(a, schema.names) for a in articles], schema=schema)


def arrow_row(doc: dict[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """The values of `names` in an article dict, converted to the Arrow schema's types."""
    row = {name: doc.get(name) for name in names}
    if row.get("published"):
        row["published"] = published_timestamp(row["published"])
    return row


def published_timestamp(iso: str) -> dt.datetime:
    """An ISO 8601 `published` value (as parse_published writes it) as an aware UTC datetime."""
    if len(iso) == 10:
        return dt.datetime.fromisoformat(iso).replace(tzinfo=dt.timezone.utc)
    stamp = dt.datetime.fromisoformat(iso)
    if stamp.tzinfo is None:
        return stamp.replace(tzinfo=dt.timezone.utc)
    return stamp.astimezone(dt.timezone.utc)
