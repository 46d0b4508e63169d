"""Resolving date expressions against a reference date (docs/rules.md#dates).

A reference date has a granularity: a publication date gives a day; an inferred one may give only a month or
a year («the page places itself in late 2021»). An expression that needs a finer reference than is known
resolves to None rather than to a guess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

GRANULARITY = {"year": 1, "month": 2, "day": 3}


@dataclass(frozen=True, slots=True)
class RefDate:
    date: dt.date
    granularity: str  # year, month, day

    @classmethod
    def parse(cls, value: str | None) -> "RefDate | None":
        if not value:
            return None
        parts = value[:10].split("-")
        try:
            if len(parts) == 1:
                return cls(dt.date(int(parts[0]), 1, 1), "year")
            if len(parts) == 2:
                return cls(dt.date(int(parts[0]), int(parts[1]), 1), "month")
            return cls(dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day")
        except ValueError:
            return None

    def knows(self, granularity: str) -> bool:
        return GRANULARITY[self.granularity] >= GRANULARITY[granularity]

    def iso(self) -> str:
        if self.granularity == "year":
            return f"{self.date.year:04d}"
        if self.granularity == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def day_offset(ref: RefDate | None, days: int, named_weekday: int | None = None) -> str | None:
    """The reference date moved by `days`. When the text also names the weekday («اليوم الاثنين», «أمس
    (الجمعة)») and it is within two days of that date, the weekday wins: the reference is often a crawl or
    edition date a day or two after the article was written."""
    if ref is None or not ref.knows("day"):
        return None
    day = ref.date + dt.timedelta(days=days)
    if named_weekday is not None:
        shift = (named_weekday - day.weekday()) % 7
        shift = shift - 7 if shift > 3 else shift
        if abs(shift) <= 2:
            day += dt.timedelta(days=shift)
    return day.isoformat()


def weekday(ref: RefDate | None, wd: int, direction: int) -> str | None:
    """direction 0: the most recent such day on or before the reference; -1: strictly before; 1: strictly after;
    2: on or after (a future clause)."""
    if ref is None or not ref.knows("day"):
        return None
    back = (ref.date.weekday() - wd) % 7
    if direction == 0:
        return (ref.date - dt.timedelta(days=back)).isoformat()
    if direction < 0:
        return (ref.date - dt.timedelta(days=back or 7)).isoformat()
    ahead = (wd - ref.date.weekday()) % 7
    if direction == 2:
        return (ref.date + dt.timedelta(days=ahead)).isoformat()
    return (ref.date + dt.timedelta(days=ahead or 7)).isoformat()


def period(ref: RefDate | None, unit: str, n: int) -> str | None:
    if ref is None:
        return None
    if unit == "year":
        return f"{ref.date.year + n:04d}"
    if unit == "month":
        if not ref.knows("month"):
            return None
        y, m = add_months(ref.date.year, ref.date.month, n)
        return f"{y:04d}-{m:02d}"
    if not ref.knows("day"):
        return None
    year, week, _ = (ref.date + dt.timedelta(weeks=n)).isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_in_context(ref: RefDate | None, month: int, direction: int) -> int | None:
    """The year of a month named without one: the reference year, or the previous/next occurrence."""
    if ref is None:
        return None
    if direction == 0:
        return ref.date.year
    if not ref.knows("month"):
        return None
    if direction < 0:
        return ref.date.year if month < ref.date.month else ref.date.year - 1
    return ref.date.year if month > ref.date.month else ref.date.year + 1
