"""Request parameters, checked: every value a page reads from its URL is bounded and typed here, and a bad one
is a 400 with a one-line reason instead of an error deeper down."""

from __future__ import annotations

import datetime as dt

from ..browse import limits
from ..store.query import MAX_QUERY_CHARS


class BadRequest(Exception):
    """A parameter that cannot be used; the message names it."""


def text(params, name: str, max_chars: int = limits.MAX_NAME_CHARS) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > max_chars:
        raise BadRequest(f"«{name}» is {len(value)} characters long; at most {max_chars} are accepted")
    if "\x00" in value:
        raise BadRequest(f"«{name}» holds a NUL character")
    return value or None


def query(params) -> str:
    return text(params, "q", MAX_QUERY_CHARS) or ""


def page(params) -> int:
    value = params.get("page")
    if value in (None, ""):
        return 1
    try:
        number = int(value)
    except ValueError:
        raise BadRequest(f"«page» must be a whole number, not «{value[:40]}»") from None
    if not 1 <= number <= limits.MAX_PAGE:
        raise BadRequest(f"«page» must be between 1 and {limits.MAX_PAGE}")
    return number


def date(params, name: str) -> dt.date | None:
    value = text(params, name, 10)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"«{name}» must be a date written YYYY-MM-DD, not «{value}»") from None


def choice(params, name: str, allowed: tuple[str, ...], default: str | None = None) -> str | None:
    value = text(params, name, 40)
    if value is None:
        return default
    if value not in allowed:
        raise BadRequest(f"«{name}» must be one of {', '.join(allowed)}, not «{value}»")
    return value


def output_format(params, allowed: tuple[str, ...] = ("html", "json")) -> str:
    return choice(params, "format", allowed, "html")  # type: ignore[return-value]
