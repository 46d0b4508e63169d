"""Full written Gregorian dates («الأربعاء، 28 آب/اغسطس 2013», «16 أغسطس 2018»), used to date HTML pages
whose metadata gives no publication date. Works on folded keys; returns spans of the original text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from ...text.normalize import fold_with_offsets
from .months import month_alternation, month_table


@dataclass(frozen=True)
class FullDate:
    start: int
    end: int
    value: dt.date


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    month = f"(?:{month_alternation()})"
    # day, month name, optionally a second naming after "/" or in brackets, then a four-digit year
    return re.compile(
        rf"(?<![\d./])(?P<day>[0-3]?\d)\s*(?P<m1>{month})"
        rf"(?:\s*[/(]\s*(?P<m2>{month})\s*\)?)?\s*(?:سنه\s*|عام\s*)?(?P<year>[12]\d{{3}})(?!\d)"
    )


def find_full_dates(text: str) -> list[FullDate]:
    key, offsets = fold_with_offsets(text)
    table = month_table()["gregorian"]
    out: list[FullDate] = []
    for m in _pattern().finditer(key):
        month = table[re.sub(r"\s+", " ", m.group("m1"))]
        second = m.group("m2")
        if second and table.get(re.sub(r"\s+", " ", second)) != month:
            continue  # «أكتوبر/تشرين الثاني» names two different months: not a date we trust
        try:
            value = dt.date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        out.append(FullDate(offsets[m.start()], offsets[m.end()], value))
    return out
