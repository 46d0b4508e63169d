"""Annotation helper for the names-and-speakers sets (docs/annotation/names_speakers.md). It reads only
../shared/data and the selection file; it never runs Marsad.

    python bench/annotate_names.py show SPLIT [--part K/N]      # the articles, every line numbered
    python bench/annotate_names.py check FILE SPLIT [--part K/N] # every name and verb found where it is said to be

SPLIT is `dev` or `blind` (bench/gold/name_articles.yaml), or `second`, `third` or `fourth` (the later blind
sets, bench/gold/name_articles2.yaml to name_articles4.yaml); `--part 2/4` is the second of four equal shares of
the split's articles, in file order, so several annotators can share one split.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from _shared import REPO, load_rows

SELECTION = REPO / "bench/gold/name_articles.yaml"
LATER = {"second": REPO / "bench/gold/name_articles2.yaml", "third": REPO / "bench/gold/name_articles3.yaml",
         "fourth": REPO / "bench/gold/name_articles4.yaml"}  # later blind sets: split → their selection file
TYPES = ("PER", "ORG", "LOC", "MISC")


def selected(split: str, part: str | None = None, selection=None) -> list[dict]:
    """The articles of `split` in a selection file (by default the split's own), or the K-th of N equal shares of
    them (`part` "K/N")."""
    selection = selection or LATER.get(split, SELECTION)
    items = [a for a in yaml.safe_load(selection.read_text("utf-8"))["articles"] if a["split"] == split]
    if part:
        k, n = (int(x) for x in part.split("/"))
        size = -(-len(items) // n)
        items = items[(k - 1) * size:k * size]
    return items


def raw_lines(text: str) -> list[str]:
    """The article's lines as numbered by `show` (from 1): the JSONL text split at line breaks."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def line_at(lines: list[str], n) -> str | None:
    """Line `n` (from 1, as `show` numbers them) of an article's lines, or None when it has no such line."""
    return lines[n - 1] if isinstance(n, int) and 1 <= n <= len(lines) else None


def find(line: str, text: str, nth: int) -> int:
    """Offset of the nth (from 1) occurrence of `text` in `line`, or -1."""
    at = -1
    for _ in range(max(1, nth)):
        at = line.find(text, at + 1)
        if at < 0:
            return -1
    return at


def name_text(name: dict, lines: list[str]) -> str:
    """A gold name's text: as written in the file, or, for a name of eight words or more, read from its line by
    its `span` (so that no long run of an article's words is copied into the repository)."""
    if name.get("text") is not None:
        return name["text"]
    a, b = name["span"]
    return lines[name["line"] - 1][a:b]


def speaker_text(st: dict, lines: list[str]) -> str:
    """A gold statement's speaker: as written in the file, or, for a description of eight words or more, read from
    the verb's line by its `speaker_span` (as name_text does for long names)."""
    if st.get("speaker") is not None:
        return st["speaker"]
    a, b = st.get("speaker_span") or (0, 0)
    return lines[st["line"] - 1][a:b] if 1 <= st.get("line", 0) <= len(lines) else ""


def show_articles(items: list[dict]) -> None:
    """Each article of `items` with its publication date, title and every non-empty line, numbered from 1."""
    rows = load_rows(items)
    for a in items:
        row = rows[a["id"]]
        print(f"=== {a['id']} | {row.get('source')} | published {row.get('date')}\n"
              f"TITLE (not annotated): {row.get('title')}")
        for n, line in enumerate(raw_lines(row["text"]), 1):
            if line.strip():
                print(f"{n:3d}| {line}")
        print()


def show(split: str, part: str | None) -> None:
    show_articles(selected(split, part))


def annotations(path: str, items: list[dict], lists: tuple[str, ...], problems: list[str]):
    """(article id, annotation, the article's raw lines) for each well-formed line of an annotation file whose
    article is one of `items`; what is wrong (not JSON, another article, a field that is not a list) goes into
    `problems`."""
    by_id = {a["id"] for a in items}
    rows = load_rows(items)
    for k, raw in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as err:
            problems.append(f"line {k}: not JSON ({err})")
            continue
        aid = item.get("id")
        if aid not in by_id:
            problems.append(f"line {k}: {aid} is not an article of this share")
            continue
        for field in lists:
            if not isinstance(item.get(field), list):
                problems.append(f"{aid}: `{field}` must be a list (empty if there is none)")
        yield aid, item, raw_lines(rows[aid]["text"])


def check(path: str, split: str, part: str | None) -> int:
    items = selected(split, part)
    problems: list[str] = []
    seen: set[str] = set()
    names = statements = 0
    for aid, item, lines in annotations(path, items, ("names", "statements", "skipped_lines"), problems):
        seen.add(aid)
        for name in item.get("names") or []:
            names += 1
            where = f"{aid} line {name.get('line')} «{name.get('text')}»"
            if name.get("type") not in TYPES:
                problems.append(f"{where}: type must be one of {TYPES}")
            if not name.get("canonical") and name.get("text") is not None:
                problems.append(f"{where}: canonical is missing")
            line = line_at(lines, name.get("line"))
            if line is None:
                problems.append(f"{where}: no such line")
            elif name.get("text") is None:  # a long name, stored by its offsets in the line (name_text)
                span = name.get("span") or [0, 0]
                if not 0 <= span[0] < span[1] <= len(line):
                    problems.append(f"{where}: `span` is not inside the line")
            elif find(line, name.get("text") or "\0", name.get("nth", 1)) < 0:
                problems.append(f"{where}: not in that line (nth {name.get('nth', 1)})")
        for st in item.get("statements") or []:
            statements += 1
            where = f"{aid} line {st.get('line')} «{st.get('verb')}»"
            line = line_at(lines, st.get("line"))
            if line is None:
                problems.append(f"{where}: no such line")
            elif find(line, st.get("verb") or "\0", st.get("verb_nth", 1)) < 0:
                problems.append(f"{where}: the verb is not in that line")
            if not st.get("speaker") and not (line and speaker_text(st, lines)):
                problems.append(f"{where}: speaker is missing")
    problems += [f"{a['id']} is not annotated" for a in items if a["id"] not in seen]
    print("\n".join(problems) or f"ok: {len(seen)} articles, {names} names, {statements} statements")
    return 1 if problems else 0


def command_line(doc: str, show_share, check_share, splits: tuple[str, ...] = ("dev", "blind")) -> None:
    """`show SPLIT [--part K/N]` and `check FILE SPLIT [--part K/N]`: the annotation helpers' shared commands."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("show")
    s.add_argument("split", choices=splits)
    s.add_argument("--part")
    c = sub.add_parser("check")
    c.add_argument("file")
    c.add_argument("split", choices=splits)
    c.add_argument("--part")
    args = ap.parse_args()
    if args.command == "show":
        show_share(args.split, args.part)
    else:
        sys.exit(check_share(args.file, args.split, args.part))


if __name__ == "__main__":
    command_line(__doc__, show, check, ("dev", "blind", *LATER))
