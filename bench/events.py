"""Events against hand-annotated news: type, parties, dates and places (docs/annotation/events.md).

    python bench/events.py [--set dev|blind|second|…|seventh] [--errors]

Gold: bench/gold/events_<set>*.jsonl, every event mention of 29 development or 52 blind news articles (political
and world news of the five ANT outlets, and every SaudiNewsNet outlet; bench/gold/event_articles.yaml), or of the
43 articles of the second blind set (bench/gold/event_articles2.yaml), of the third (event_articles3.yaml), of the
fourth (event_articles4.yaml), fifth, sixth or seventh (event_articles5.yaml … event_articles7.yaml),
annotated by people who never ran Marsad.
Each article is analysed as `marsad extract` would (published date, title).

A predicted event is matched to the gold event whose trigger it overlaps (one to one). Scores:
- type: precision = matched with the right type / predicted events; recall = the same / gold events (predictions
  on lines the annotator skipped are not counted);
- type and parties: a matched event with the right type whose actors and whose targets both agree (both empty,
  or a name in common after folding, one containing the other), over predicted and over gold events (F1);
- actors right, targets right: over events matched with the right type, each side on its own;
- date right: over events matched with the right type, the predicted date equals the gold one: the date its
  sentence states, else the article's publication date (the reference date);
- location right: over those with a gold location, the predicted location agrees as the parties do.
"""

from __future__ import annotations

import argparse
import json
import sys

import yaml

from _shared import REPO, load_rows, require_data

sys.path.insert(0, str(REPO / "bench"))
from annotate_names import find, raw_lines  # noqa: E402
from statements import line_starts  # noqa: E402

sys.path.insert(0, str(REPO / "src"))
from marsad.api import analyze  # noqa: E402
from marsad.read.published import date_part  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402


def load_gold(split: str) -> list[dict]:
    corpus_of = {a["id"]: a["corpus"] for name in ("event_articles.yaml", "event_articles2.yaml", "event_articles3.yaml",
                                                           "event_articles4.yaml", "event_articles5.yaml", "event_articles6.yaml",
                                                           "event_articles7.yaml")
                 if (REPO / "bench/gold" / name).exists()
                 for a in yaml.safe_load((REPO / "bench/gold" / name).read_text("utf-8"))["articles"]}
    items = []
    for path in sorted((REPO / "bench/gold").glob(f"events_{split}*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                item["corpus"] = corpus_of[item["id"]]
                items.append(item)
    return items


def _same_name(a: str, b: str) -> bool:
    fa, fb = " ".join(fold(a).split()), " ".join(fold(b).split())
    return bool(fa) and bool(fb) and (fa in fb or fb in fa)


def _agree(gold: list[str], pred) -> bool:
    pred = [p for p in pred if p]
    if not gold:
        return not pred
    return any(_same_name(g, p) for g in gold for p in pred)


def quality(split: str = "dev") -> dict:
    gold = load_gold(split)
    rows = load_rows(gold)
    n_gold = n_pred = typed = parties = dated = date_right = located = place_right = actors_right = targets_right = 0
    errors: list[str] = []
    for g in gold:
        row = rows[g["id"]]
        art = analyze(row["text"], id=row["id"], published=row.get("date"), title=row.get("title"),
                      url=row.get("url"))
        published = date_part(art.published) if art.published else None  # as Marsad read it (ISO)
        lines = raw_lines(row["text"])
        starts = line_starts(art, row["text"])
        # the cleaned text's range of each line the annotator skipped (predictions there are not counted)
        skipped_spans = [(starts[n][0], starts[n][0] + starts[n][1][-1]) for n in g.get("skipped_lines") or []
                         if n in starts]
        preds = [e for e in art.events
                 if not any(a <= e.trigger.start < b for a, b in skipped_spans)]
        n_pred += len(preds)
        used: set[int] = set()
        for ev in g["events"]:
            if ev["line"] in (g.get("skipped_lines") or []):
                continue
            n_gold += 1
            n = ev["line"]
            at = find(lines[n - 1], ev["trigger"], ev.get("trigger_nth", 1)) if n in starts else -1
            hit = None
            if at >= 0:
                base, cmap = starts[n]
                s, e = base + cmap[at], base + cmap[min(at + len(ev["trigger"]), len(cmap) - 1)]
                hit = next((k for k, p in enumerate(preds) if k not in used and p.trigger.start < e
                            and s < p.trigger.end), None)
            where = f"{g['id']} line {n} «{ev['trigger']}» {ev['type']}"
            if hit is None:
                errors.append(f"missed  {where}")
                continue
            used.add(hit)
            p = preds[hit]
            if p.type != ev["type"]:
                errors.append(f"type    {where}: Marsad {p.type}")
                continue
            typed += 1
            actors_right += _agree(ev["actors"], p.actors)
            targets_right += _agree(ev["targets"], p.targets)
            if _agree(ev["actors"], p.actors) and _agree(ev["targets"], p.targets):
                parties += 1
            else:
                errors.append(f"parties {where}: gold {ev['actors']} → {ev['targets']} · Marsad {list(p.actors)} → "
                              f"{list(p.targets)}")
            want = ev.get("date") or published
            if want:
                dated += 1
                if p.date == want:
                    date_right += 1
                else:
                    errors.append(f"date    {where}: gold {want} · Marsad {p.date} ({p.date_basis})")
            if ev.get("location"):
                located += 1
                if p.location and _same_name(ev["location"], p.location):
                    place_right += 1
                else:
                    errors.append(f"place   {where}: gold {ev['location']} · Marsad {p.location}")
        for k, p in enumerate(preds):
            if k not in used:
                errors.append(f"false   {g['id']} «{p.trigger.text}» {p.type}")

    def prf(tp: int) -> dict:
        pr = tp / n_pred if n_pred else 1.0
        rc = tp / n_gold if n_gold else 1.0
        return {"precision": pr, "recall": rc, "f1": 2 * pr * rc / (pr + rc) if pr + rc else 0.0}

    return {"articles": len(gold), "gold": n_gold, "predicted": n_pred, "type": prf(typed),
            "type_and_parties": prf(parties), "typed": typed,
            "actors": actors_right / typed if typed else 1.0, "targets": targets_right / typed if typed else 1.0,
            "dates": date_right / dated if dated else 1.0, "dated": dated,
            "locations": place_right / located if located else 1.0, "located": located, "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="dev",
                    choices=("dev", "blind", "second", "third", "fourth", "fifth", "sixth", "seventh"))
    ap.add_argument("--errors", action="store_true", help="list every missed, spurious or wrong event")
    args = ap.parse_args()
    require_data()
    q = quality(args.set)
    print(f"{args.set}: {q['articles']} articles, {q['gold']} gold events, {q['predicted']} predicted")
    for name in ("type", "type_and_parties"):
        x = q[name]
        print(f"  {name:17s} P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f}")
    print(f"  actors right      {q['actors']:.3f}, targets right {q['targets']:.3f} of {q['typed']} events matched "
          "with their type")
    print(f"  dates right       {q['dates']:.3f} of {q['dated']} events matched with their type")
    print(f"  locations right   {q['locations']:.3f} of {q['located']} with a gold location")
    if args.errors:
        print("\n".join(q["errors"]))


if __name__ == "__main__":
    main()
