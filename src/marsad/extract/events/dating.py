"""When an event happened: the date its own sentence gives, else the article's reference date.

Reported events are dated by the clause that reports them («التقى الوزير نظيره يوم الاثنين», «شنت الطائرات غارات
أمس»): the dates step has already found and resolved every date expression of the article, so an event takes the
resolved date mention of its sentence nearest to its trigger, one after the trigger first (Arabic puts the time
after the verb and its parties), then one before. A date after a complementiser that follows the trigger dates
another act («وقعت الهيئة اتفاقية، على أن يبدأ التنفيذ في الأول من آذار»), not this one. With none, the event is
dated by the article's reference date and says so (`date_basis` "reference"), as news reports what happened
around its publication.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right

from ...article import DateMention, Event, ReferenceDate


# «منذ» before a date: the start of a period («منذ آذار 2011»), which dates no single event
SINCE = re.compile(r"(?<!\w)منذ(?:\s+\w+)?\s*$")  # («منذ منتصف آذار 2011»)
# words that open a clause of another act between a trigger and a date («على أن يبدأ …», «بعد أن …»)
NEW_CLAUSE = re.compile(r"(?<!\w)(?:[وف]?أن|[وف]?أنه|[وف]?أنها|لكي|كي|حتى)(?!\w)")


def dated(events: list[Event], dates: list[DateMention], sentences: list[tuple[int, int]],
          reference: ReferenceDate | None, text: str = "") -> list[Event]:
    """The events with `date` and `date_basis` set; `text` is the article's (the dates' and events' offsets)."""
    resolved = sorted((d for d in dates if d.value), key=lambda d: d.span.start)
    starts = [s for s, _ in sentences]
    triggers = sorted(e.trigger.start for e in events)
    out = []
    for ev in events:
        k = bisect_right(starts, ev.trigger.start) - 1
        lo, hi = sentences[k] if 0 <= k < len(sentences) else (ev.trigger.start, ev.trigger.end)
        inside = [d for d in resolved if lo <= d.span.start and d.span.end <= hi and not _since(text, d)]
        # a date after another event's trigger dates that nearer event («أدين بمحاولة قتل … يوم 15 سبتمبر»)
        after = [d for d in inside if d.span.start >= ev.trigger.end
                 and not NEW_CLAUSE.search(text, ev.trigger.end, d.span.start)
                 and not _between(triggers, ev.trigger.end, d.span.start)]
        before = [d for d in inside if d.span.end <= ev.trigger.start]
        pick = after[0] if after else (before[-1] if before else None)
        if pick is not None:
            out.append(dataclasses.replace(ev, date=pick.value, date_basis="stated"))
        elif reference is not None:
            out.append(dataclasses.replace(ev, date=reference.value, date_basis="reference"))
        else:
            out.append(ev)
    return out


def _between(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a trigger starts in [lo, hi) (`starts` sorted)."""
    k = bisect_right(starts, lo - 1)
    return k < len(starts) and starts[k] < hi


def _since(text: str, d: DateMention) -> bool:
    return bool(text) and SINCE.search(text, max(0, d.span.start - 24), d.span.start) is not None
