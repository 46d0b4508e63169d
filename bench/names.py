"""Names and speakers on hand-annotated news (docs/annotation/names_speakers.md).

    python bench/names.py [--set dev|blind|second|third|fourth] [--errors] [--types PER,ORG]

Gold: bench/gold/names_<set>*.jsonl, every name occurrence (line, text, type, canonical) and every statement's
speaker of 57 news articles for `dev` and `blind` (3 per outlet, bench/gold/name_articles.yaml) and 54 for each
later blind set (name_articles2.yaml to name_articles4.yaml), annotated by people who never ran Marsad. Each article is analysed as `marsad extract` would (published date, title; cleaning on).

Names: exact span text and type. A gold name belongs to its raw line; Marsad's entities are mapped to the raw
lines they lie in, and on each line the two multisets of (text, type) are matched, so an occurrence's position
within its line does not matter (annotators counted repeated names differently) but its line, text and type
do. Predictions on a line the annotator skipped (not part of the story) are not counted; a gold name on a line
cleaning removed is a miss (counted apart as `in removed lines`). Also printed: names found with the wrong
type, and the same scores ignoring type.

Speakers: a gold statement is found when a predicted statement's verb overlaps its verb; its speaker is right
when the predicted canonical speaker (else the speaker span) equals the gold speaker after folding (the fullest
name without titles, or the description when the article names nobody).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict

from _shared import REPO, load_rows, require_data

sys.path.insert(0, str(REPO / "bench"))
from annotate_names import LATER, SELECTION, find, name_text, raw_lines, speaker_text  # noqa: E402
from statements import line_starts  # noqa: E402

sys.path.insert(0, str(REPO / "src"))
from marsad.api import analyze  # noqa: E402
from marsad.text.normalize import fold, strip_invisible  # noqa: E402

TYPES = ("PER", "ORG", "LOC", "MISC")


def load_gold(split: str) -> list[dict]:
    items = []
    selection = {}
    import yaml

    for path in (SELECTION, *LATER.values()):
        for a in yaml.safe_load(path.read_text("utf-8"))["articles"]:
            selection[a["id"]] = a
    for path in sorted((REPO / "bench/gold").glob(f"names_{split}*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                item["corpus"] = selection[item["id"]]["corpus"]
                items.append(item)
    return items


def _key(s: str) -> str:
    return " ".join(strip_invisible(s).split())


class Score:
    def __init__(self) -> None:
        self.tp: Counter = Counter()
        self.fp: Counter = Counter()
        self.fn: Counter = Counter()

    def add(self, gold: Counter, pred: Counter, label_of) -> tuple[Counter, Counter]:
        """Match two multisets of keys; count per label; return (missed, spurious)."""
        both = gold & pred
        for k, n in both.items():
            self.tp[label_of(k)] += n
        missed, spurious = gold - pred, pred - gold
        for k, n in missed.items():
            self.fn[label_of(k)] += n
        for k, n in spurious.items():
            self.fp[label_of(k)] += n
        return missed, spurious

    def prf(self, labels) -> tuple[float, float, float, int, int, int]:
        tp = sum(self.tp[x] for x in labels)
        fp = sum(self.fp[x] for x in labels)
        fn = sum(self.fn[x] for x in labels)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0, tp, fp, fn


def quality(split: str = "dev", show_errors: bool = False) -> dict:
    """The scores of `split`: per type and overall (P, R, F1 and counts), any type, statements found and speakers
    right; with `show_errors`, the list of wrong items under "errors"."""
    gold = load_gold(split)
    rows = load_rows(gold)
    typed, untyped = Score(), Score()
    in_removed = 0
    statements = found = right = 0
    errors: list[str] = []
    for g in gold:
        row = rows[g["id"]]
        art = analyze(row["text"], id=row["id"], published=row.get("date"), title=row.get("title"),
                      url=row.get("url"))
        lines = raw_lines(row["text"])
        starts = line_starts(art, row["text"])
        # each raw line's range in the cleaned text
        ranges = {n: (at, at + cmap[-1]) for n, (at, cmap) in starts.items()}
        skipped = set(g.get("skipped_lines") or [])
        gold_by_line: dict[int, Counter] = defaultdict(Counter)
        for name in g["names"]:
            if name["line"] in skipped:
                continue
            if name["line"] not in ranges:
                in_removed += 1
            gold_by_line[name["line"]][(_key(name_text(name, lines)), name["type"])] += 1
        pred_by_line: dict[int, Counter] = defaultdict(Counter)
        for e in art.entities:
            n = next((n for n, (a, b) in ranges.items() if a <= e.span.start and e.span.end <= b), None)
            if n is None or n in skipped:
                continue
            pred_by_line[n][(_key(e.span.text), e.label)] += 1
        for n in set(gold_by_line) | set(pred_by_line):
            gl, pl = gold_by_line[n], pred_by_line[n]
            missed, spurious = typed.add(gl, pl, lambda k: k[1])
            untyped.add(Counter(k[0] for k in gl.elements()), Counter(k[0] for k in pl.elements()), lambda k: "ALL")
            for (t, lab), c in missed.items():
                where = "removed line" if n not in ranges else f"line {n}"
                errors.append(f"miss   {g['id']} {where}: «{t}» {lab}" + (f" ×{c}" if c > 1 else ""))
            for (t, lab), c in spurious.items():
                errors.append(f"false  {g['id']} line {n}: «{t}» {lab}" + (f" ×{c}" if c > 1 else ""))
        for st in g["statements"]:
            if st["line"] in skipped:
                continue
            st = dict(st, speaker=speaker_text(st, lines))
            statements += 1
            n = st["line"]
            at = find(lines[n - 1], st["verb"], st.get("verb_nth", 1)) if n in starts else -1
            if at < 0:
                continue
            base, cmap = starts[n]
            vs, ve = base + cmap[at], base + cmap[min(at + len(st["verb"]), len(cmap) - 1)]
            hit = next((s for s in art.statements if s.verb.start < ve and vs < s.verb.end), None)
            if hit is None:
                errors.append(f"stmt   {g['id']} line {n}: «{st['verb']}» ({st['speaker']}) not found")
                continue
            found += 1
            said = hit.speaker_canonical or (hit.speaker.text if hit.speaker else "")
            if fold(_key(said)) == fold(_key(st["speaker"])):
                right += 1
            else:
                errors.append(f"speak  {g['id']} line {n}: «{st['verb']}» gold «{st['speaker']}» · Marsad «{said}»")
    out = {label: dict(zip(("precision", "recall", "f1", "tp", "fp", "fn"), typed.prf([label])))
           for label in TYPES}
    out["all"] = dict(zip(("precision", "recall", "f1", "tp", "fp", "fn"), typed.prf(TYPES)))
    out["any_type"] = dict(zip(("precision", "recall", "f1", "tp", "fp", "fn"), untyped.prf(["ALL"])))
    out.update(articles=len(gold), in_removed=in_removed, statements=statements, found=found,
               speakers=right / max(found, 1), speakers_right=right)
    if show_errors:
        out["errors"] = errors
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="dev", choices=("dev", "blind", *LATER))
    ap.add_argument("--errors", action="store_true", help="list every missed and spurious name, wrong speaker")
    args = ap.parse_args()
    require_data()
    q = quality(args.set, args.errors)
    gold_names = q["all"]["tp"] + q["all"]["fn"]
    print(f"{args.set}: {q['articles']} articles; {gold_names} gold names ({q['in_removed']} in lines cleaning "
          f"removed), {q['statements']} statements")
    print("names, exact span and type:")
    for label in (*TYPES, "all"):
        x = q[label]
        print(f"  {label:5s} P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f}   "
              f"(tp {x['tp']}, fp {x['fp']}, fn {x['fn']})")
    x = q["any_type"]
    print(f"names, exact span, any type: P {x['precision']:.3f} R {x['recall']:.3f} F1 {x['f1']:.3f}")
    print(f"statements: {q['found']}/{q['statements']} found ({q['found'] / max(q['statements'], 1):.3f}); "
          f"speaker right {q['speakers_right']}/{q['found']} ({q['speakers']:.3f})")
    if args.errors:
        print("\n".join(q["errors"]))


if __name__ == "__main__":
    main()
