"""Annotation helper for the events sets (docs/annotation/events.md). It reads only ../shared/data and the
selection file; it never runs Marsad.

    python bench/annotate_events.py show SPLIT [--part K/N]       # the articles, every line numbered
    python bench/annotate_events.py check FILE SPLIT [--part K/N]  # every trigger found where it is said to be

SPLIT is `dev` or `blind` (bench/gold/event_articles.yaml), `second` … `seventh` (the later blind sets,
bench/gold/event_articles2.yaml … event_articles7.yaml); `--part 2/4` is the second of four equal shares.
"""

from __future__ import annotations

import re


from _shared import REPO
from annotate_names import annotations, command_line, find, line_at, selected as _selected, show_articles

SELECTION = REPO / "bench/gold/event_articles.yaml"
LATER = {"second": REPO / "bench/gold/event_articles2.yaml", "third": REPO / "bench/gold/event_articles3.yaml",
         "fourth": REPO / "bench/gold/event_articles4.yaml", "fifth": REPO / "bench/gold/event_articles5.yaml",
         "sixth": REPO / "bench/gold/event_articles6.yaml", "seventh": REPO / "bench/gold/event_articles7.yaml"}
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODES = (None, "meeting", "visit", "phone", "video")
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def selected(split: str, part: str | None = None) -> list[dict]:
    return _selected(split, part, LATER.get(split, SELECTION))


def show(split: str, part: str | None) -> None:
    show_articles(selected(split, part))


def check(path: str, split: str, part: str | None) -> int:
    items = selected(split, part)
    problems: list[str] = []
    seen: set[str] = set()
    events = 0
    for aid, item, lines in annotations(path, items, ("events", "skipped_lines"), problems):
        seen.add(aid)
        for ev in item.get("events") or []:
            events += 1
            where = f"{aid} line {ev.get('line')} «{ev.get('trigger')}»"
            line = line_at(lines, ev.get("line"))
            if line is None:
                problems.append(f"{where}: no such line")
            elif find(line, ev.get("trigger") or "\0", ev.get("trigger_nth", 1)) < 0:
                problems.append(f"{where}: the trigger is not in that line")
            if ev.get("type") not in TYPES:
                problems.append(f"{where}: type must be one of {TYPES}")
            if ev.get("mode") not in MODES:
                problems.append(f"{where}: mode must be one of {MODES}")
            for side in ("actors", "targets"):
                if not isinstance(ev.get(side), list):
                    problems.append(f"{where}: `{side}` must be a list")
            if ev.get("date") is not None and not ISO.fullmatch(str(ev["date"])):
                problems.append(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, or null")
    problems += [f"{a['id']} is not annotated" for a in items if a["id"] not in seen]
    print("\n".join(problems) or f"ok: {len(seen)} articles, {events} events")
    return 1 if problems else 0


if __name__ == "__main__":
    command_line(__doc__, show, check, ("dev", "blind", *LATER))
