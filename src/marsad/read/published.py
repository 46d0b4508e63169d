"""Publication dates given with the input: ISO 8601 or RFC 2822, normalised to ISO 8601."""

from __future__ import annotations

import datetime as dt
from email.utils import parsedate_to_datetime


def parse_published(value: object) -> str | None:
    """ISO 8601 text for `value`, or None when it is empty; ValueError when it is not a date we can read.

    Date-only inputs stay dates ("2018-08-16"); datetimes keep their offset when the input gives one.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"published must be a string, not {type(value).__name__}")
    s = value.strip()
    if not s:
        return None
    try:
        if len(s) == 10:
            return dt.date.fromisoformat(s).isoformat()
        return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        parsed = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        raise ValueError(f"published {value!r} is neither ISO 8601 nor RFC 2822")
    return parsed.isoformat()


def date_part(iso: str | None) -> str | None:
    """The calendar date of an ISO 8601 value, as published (its own timezone, not converted)."""
    return iso[:10] if iso else None
