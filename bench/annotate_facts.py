#!/usr/bin/env python3
"""The annotators' tool for amounts and dates (docs/annotation/quantities_dates.md). Nothing of Marsad runs here.

    python3 bench/annotate_facts.py show ID                  # an article's reference date and numbered lines
    python3 bench/annotate_facts.py locate SCRATCH.jsonl OUT.jsonl
        # items given by line and text → items given by line and character offsets, checked

The articles are read from ../shared/data by the ids of bench/gold/facts_articles.yaml and facts_articles2.yaml.
"""

from __future__ import annotations

import email.utils
import json
import re
import sys

import yaml

from _shared import REPO, load_by_id

ARTICLE_LISTS = (REPO / "bench/gold/facts_articles.yaml", REPO / "bench/gold/facts_articles2.yaml",
                 REPO / "bench/gold/facts_articles3.yaml", REPO / "bench/gold/facts_articles4.yaml")
KINDS = {"money", "percent", "number", "measure"}
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def corpus_of(id_: str) -> str:
    for path in ARTICLE_LISTS:
        if not path.exists():
            continue
        for a in yaml.safe_load(path.read_text("utf-8"))["articles"]:
            if a["id"] == id_:
                return a["corpus"]
    sys.exit(f"{id_} is not in {', '.join(p.name for p in ARTICLE_LISTS)}")


def reference_date(row: dict) -> str | None:
    raw = (row.get("date") or "").strip()
    if not raw:
        return None
    if re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return raw[:10]
    try:
        return email.utils.parsedate_to_datetime(raw).date().isoformat()
    except (TypeError, ValueError):
        return None


def load(id_: str) -> tuple[str, dict]:
    corpus = corpus_of(id_)
    row = load_by_id(corpus, {id_}).get(id_)
    if row is None:
        sys.exit(f"{id_} not found in {corpus}")
    return corpus, row


def show(id_: str) -> None:
    corpus, row = load(id_)
    print(f"id: {id_}   corpus: {corpus}   outlet: {row.get('source')}")
    print(f"reference date: {reference_date(row)}   (raw date field: {row.get('date')})")
    print(f"title: {row.get('title')}")
    for n, text in enumerate(row["text"].split("\n"), 1):
        print(f"{n:3}: {text}")


def _place(lines: list[str], item: dict, where: str, problems: list[str]) -> dict | None:
    n, text, nth = item.get("line"), item.get("text"), int(item.get("nth", 1))
    if not isinstance(n, int) or not 1 <= n <= len(lines):
        problems.append(f"{where}: line {n!r} is not a line of the article (1..{len(lines)})")
        return None
    if not text:
        problems.append(f"{where}: no text")
        return None
    at = -1
    for _ in range(nth):
        at = lines[n - 1].find(text, at + 1)
        if at < 0:
            problems.append(f"{where}: «{text}» (occurrence {nth}) is not in line {n}")
            return None
    line = lines[n - 1]
    if (at > 0 and line[at - 1].isdigit() and text[0].isdigit()) or \
            (at + len(text) < len(line) and line[at + len(text)].isdigit() and text[-1].isdigit()):
        problems.append(f"{where}: «{text}» (occurrence {nth}) is part of a longer number in line {n}: "
                        f"give the right `nth`")
        return None
    out = {"line": n, "start": at, "end": at + len(text)}
    out.update({k: v for k, v in item.items() if k not in ("line", "text", "nth")})
    return out


def locate(scratch: str, out_path: str) -> None:
    problems: list[str] = []
    out_rows = []
    for k, raw in enumerate(open(scratch, encoding="utf-8"), 1):
        if not raw.strip():
            continue
        try:
            art = json.loads(raw)
        except json.JSONDecodeError as e:
            problems.append(f"{scratch}:{k}: not JSON ({e})")
            continue
        corpus, row = load(art["id"])
        lines = row["text"].split("\n")
        gold = {"id": art["id"], "corpus": corpus, "reference_date": reference_date(row),
                "skipped_lines": sorted(set(art.get("skipped_lines") or []))}
        for field in ("quantities", "quantities_optional", "dates", "dates_optional"):
            placed = []
            for j, item in enumerate(art.get(field) or []):
                where = f"{art['id']} {field}[{j}]"
                p = _place(lines, item, where, problems)
                if p is None:
                    continue
                if field == "quantities":
                    if p.get("kind") not in KINDS:
                        problems.append(f"{where}: kind {p.get('kind')!r} not one of {sorted(KINDS)}")
                    if not isinstance(p.get("value"), (int, float)):
                        problems.append(f"{where}: value {p.get('value')!r} is not a number")
                    p.setdefault("unit", None)
                    if p["kind"] in ("number", "percent") and p["unit"] is not None:
                        problems.append(f"{where}: a {p['kind']} has unit null")
                    if p["kind"] in ("money", "measure") and not p["unit"] and p["kind"] == "measure":
                        problems.append(f"{where}: a measure needs its unit")
                elif field == "dates":
                    v = p.get("value")
                    if v is not None and not ISO_DATE.match(str(v)):
                        problems.append(f"{where}: value {v!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
                    p.setdefault("relative", False)
                    p.setdefault("calendar", "gregorian")
                    if p["calendar"] not in ("gregorian", "hijri"):
                        problems.append(f"{where}: calendar is gregorian or hijri")
                else:
                    p = {"line": p["line"], "start": p["start"], "end": p["end"]}
                placed.append(p)
            gold[field] = placed
        out_rows.append(gold)
    for p in problems:
        print(p)
    if problems:
        sys.exit(f"{len(problems)} problem(s); nothing written")
    with open(out_path, "w", encoding="utf-8") as fh:
        for g in out_rows:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    print(f"{len(out_rows)} articles written to {out_path}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "show":
        show(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "locate":
        locate(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
