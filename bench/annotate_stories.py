"""Annotation helper for the story and entity gold sets (docs/annotation/stories_entities.md). It reads only
../shared/data and the selection file; it never runs Marsad.

    python bench/annotate_stories.py show WINDOW [--entities] [--chars N]   # the articles to annotate
    python bench/annotate_stories.py check-stories FILE WINDOW              # every article grouped once
    python bench/annotate_stories.py check-entities FILE WINDOW...          # every name found in its article

WINDOW is a `window` of bench/gold/story_articles.yaml (e.g. blind-2018-04-16).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from _shared import REPO, load_by_id

SELECTION = REPO / "bench/gold/story_articles.yaml"


def selected(windows: list[str], entities: bool = False) -> list[dict]:
    items = yaml.safe_load(SELECTION.read_text("utf-8"))["articles"]
    return [a for a in items if a["window"] in windows and (a["entities"] or not entities)]


def rows_of(items: list[dict]) -> dict[str, dict]:
    return load_by_id(items[0]["corpus"], {a["id"] for a in items}) if items else {}


def show(window: str, entities: bool, chars: int) -> None:
    items = selected([window], entities)
    rows = rows_of(items)
    for a in items:
        row = rows[a["id"]]
        text = row["text"] if chars <= 0 else row["text"][:chars] + ("…" if len(row["text"]) > chars else "")
        print(f"=== {a['id']} | {row.get('source')} | {row.get('date')}\nTITLE: {row.get('title')}\n{text}\n")


def check_stories(path: str, window: str) -> int:
    wanted = {a["id"] for a in selected([window])}
    data = yaml.safe_load(Path(path).read_text("utf-8"))
    seen: dict[str, str] = {}
    problems = []
    for event in data["events"]:
        for i in event["articles"]:
            if i in seen:
                problems.append(f"{i} is in {seen[i]} and {event['event']}")
            seen[i] = event["event"]
    problems += [f"{i} is in no event" for i in sorted(wanted - set(seen))]
    problems += [f"{i} is not an article of {window}" for i in sorted(set(seen) - wanted)]
    print("\n".join(problems) or f"ok: {len(seen)} articles in {len(data['events'])} events")
    return 1 if problems else 0


def check_entities(path: str, windows: list[str]) -> int:
    items = selected(windows, entities=True)
    rows = rows_of(items)
    problems, count = [], 0
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        count += 1
        row = rows.get(item.get("id"))
        if row is None:
            problems.append(f"line {n}: {item.get('id')} is not an article of the entity set")
        elif item.get("text", "") not in (row.get("title") or "") + "\n" + row["text"]:
            problems.append(f"line {n}: «{item.get('text')}» is not in {item['id']}")
        if item.get("type") not in ("PER", "ORG") or not item.get("entity"):
            problems.append(f"line {n}: type must be PER or ORG and entity must be set")
    print("\n".join(problems) or f"ok: {count} names")
    return 1 if problems else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show")
    s.add_argument("window")
    s.add_argument("--entities", action="store_true", help="only the entity set's articles")
    s.add_argument("--chars", type=int, default=0, help="cut each text after N characters (0: whole)")
    c = sub.add_parser("check-stories")
    c.add_argument("file")
    c.add_argument("window")
    e = sub.add_parser("check-entities")
    e.add_argument("file")
    e.add_argument("windows", nargs="+")
    args = ap.parse_args()
    if args.command == "show":
        show(args.window, args.entities, args.chars)
    elif args.command == "check-stories":
        sys.exit(check_stories(args.file, args.window))
    else:
        sys.exit(check_entities(args.file, args.windows))


if __name__ == "__main__":
    main()
