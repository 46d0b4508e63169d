"""Hijri dates through the Umm al-Qura calendar (hijridate, a maintained package: tables, not arithmetic)."""

from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri


def to_gregorian(year: int, month: int, day: int) -> dt.date | None:
    """The Gregorian date of a Hijri date, or None outside the calendar's range or for a day that does not exist."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return dt.date(g.year, g.month, g.day)


def hijri_year_of(date: dt.date) -> int | None:
    try:
        return Gregorian(date.year, date.month, date.day).to_hijri().year
    except (ValueError, OverflowError):
        return None
