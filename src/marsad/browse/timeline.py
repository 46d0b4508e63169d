"""Attention over time: matching articles per day, week or month, and their share of all stored articles.

A count alone rises whenever more is crawled; the share of all articles stored for the same period tells a story
that gains attention from a crawl that grows (Media Cloud shows both for that reason). Empty periods between the
first and the last are kept as zeros, so that a gap looks like a gap.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable

MAX_DAYS = 120    # beyond this span, weeks
MAX_WEEKS = 104   # beyond this, months


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _bucket_start(day: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return day - dt.timedelta(days=day.weekday())  # ISO weeks start on Monday
    if bucket == "month":
        return day.replace(day=1)
    return day


def _next(start: dt.date, bucket: str) -> dt.date:
    if bucket == "week":
        return start + dt.timedelta(days=7)
    if bucket == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=1)


def attention(matches: Iterable[tuple[str | None, int]], totals: Iterable[tuple[str | None, int]]) -> dict:
    """`matches` and `totals`: (published date, articles) rows. Returns the bucket size and one point per
    period from the first match to the last: start date, matches, all articles, share (0–1)."""
    found: Counter[dt.date] = Counter()
    undated = 0
    for value, n in matches:
        day = _day(value)
        if day is None:
            undated += n
        else:
            found[day] += n
    if not found:
        return {"bucket": "day", "points": [], "undated": undated, "max": 0}
    first, last = min(found), max(found)
    span = (last - first).days
    bucket = "day" if span <= MAX_DAYS else "week" if span <= MAX_WEEKS * 7 else "month"
    counts: Counter[dt.date] = Counter()
    for day, n in found.items():
        counts[_bucket_start(day, bucket)] += n
    all_counts: Counter[dt.date] = Counter()
    for value, n in totals:
        day = _day(value)
        if day is not None and first <= day <= last:
            all_counts[_bucket_start(day, bucket)] += n
    points = []
    start = _bucket_start(first, bucket)
    while start <= last:
        n, total = counts.get(start, 0), all_counts.get(start, 0)
        points.append({"start": start.isoformat(), "count": n, "total": total,
                       "share": round(n / total, 4) if total else 0.0})
        start = _next(start, bucket)
    return {"bucket": bucket, "points": points, "undated": undated, "max": max(p["count"] for p in points)}
