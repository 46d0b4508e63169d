"""Statement and event quality, and the speed of their steps next to the rest of the pipeline.

    python bench/statements.py              # scores + speed
    python bench/statements.py --errors     # also list every missed, spurious and wrong-speaker statement
    python bench/statements.py --events     # also print predicted events not yet in the hand-checked sample
    python bench/statements.py --with-entities   # with the NER step before ours (speakers/actors from entities)

Statements: `bench/gold/statements_dev.jsonl` (45 hand-annotated articles from ../shared/data/news; ids and
raw line/char offsets only). A gold statement is found when a predicted verb span overlaps its verb; gold
`statements_optional` and predictions on `skipped_lines` are neither required nor counted as false hits.
Over found statements: speaker accuracy (the predicted speaker span or canonical name overlaps the gold
speaker or canonical, by position or folded text), channel, via and direct_quote accuracy.
Events: precision on `bench/gold/events_sample.yaml`, a hand check of predicted events (ids, trigger offsets
into the cleaned text, type and verdict; no text).
Speed: articles/s of the statement and event steps and of the other standard steps, on the same articles
in the same run (the dev articles, then a larger slice of the ANT corpus).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict

import yaml

from _shared import DATA, REPO, load_rows, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.api import analyze  # noqa: E402
from marsad.extract.events import EventExtractor  # noqa: E402
from marsad.extract.statements import StatementExtractor  # noqa: E402
from marsad.options import Options  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.standard import standard_steps  # noqa: E402
from marsad.text.normalize import fold, strip_invisible  # noqa: E402

GOLD = REPO / "bench/gold/statements_dev.jsonl"
EVENTS = REPO / "bench/gold/events_sample.yaml"
MINE = (StatementExtractor, EventExtractor)


def pipeline(with_entities: bool = False) -> Pipeline:
    """The standard steps, plus ours at the end if they are not registered yet (after the NER step if asked)."""
    opts = Options()
    steps = standard_steps(opts)
    if with_entities and not any(s.name == "entities" for s in steps):
        from marsad.extract.entities import EntityRecognizer  # the NER issue's step, where it has landed

        steps.append(EntityRecognizer(opts))
    for cls in MINE:
        if not any(isinstance(s, cls) for s in steps):
            steps.append(cls(opts))
    return Pipeline(steps)


def line_starts(article, raw: str) -> dict[int, tuple[int, list[int]]]:
    """raw line number → (offset of the line in article.text, raw char index → cleaned char index)."""
    text = article.text or ""
    lines = strip_invisible(raw.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    raw_lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: dict[int, tuple[int, list[int]]] = {}
    pos = 0
    for n, (line, rline) in enumerate(zip(lines, raw_lines), 1):
        clean = line.rstrip()
        if not clean.strip():
            continue
        at = text.find(clean, pos)
        if at < 0:
            continue
        pos = at + len(clean)
        # invisible characters were removed: map raw offsets onto the cleaned line
        cmap, k = [], 0
        for ch in rline:
            cmap.append(k)
            if strip_invisible(ch):
                k += 1
        cmap.append(k)
        out[n] = (at, cmap)
    return out


def to_span(ref, starts):
    if not ref:
        return None
    n, s, e = ref
    if n not in starts:
        return None
    at, cmap = starts[n]
    return at + cmap[min(s, len(cmap) - 1)], at + cmap[min(e, len(cmap) - 1)]


def overlaps(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def same_text(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    fa, fb = fold(a).strip(), fold(b).strip()
    return bool(fa) and bool(fb) and (fa in fb or fb in fa)


def load_gold():
    gold = [json.loads(x) for x in GOLD.read_text("utf-8").splitlines() if x.strip()]
    return gold, load_rows(gold)


def analyse_row(row, pipe):
    return analyze(row["text"], id=row["id"], published=row.get("date"), title=row.get("title"),
                   pipeline=pipe)


def statements_quality(gold, rows, pipe, show_errors: bool) -> dict:
    tp = fp = fn = 0
    spk_ok = ch_ok = via_ok = dq_ok = 0
    errors: list[str] = []
    for g in gold:
        row = rows[g["id"]]
        art = analyse_row(row, pipe)
        text = art.text or ""
        starts = line_starts(art, row["text"])
        skipped = [starts[n] for n in g.get("skipped_lines", []) if n in starts]
        skipped_spans = []
        for n in g.get("skipped_lines", []):
            if n in starts:
                at = starts[n][0]
                end = text.find("\n", at)
                skipped_spans.append((at, end if end >= 0 else len(text)))
        del skipped
        opt = [to_span(o["verb"], starts) for o in g.get("statements_optional", [])]
        preds = list(art.statements)
        used: set[int] = set()
        for gs in g["statements"]:
            gv = to_span(gs["verb"], starts)
            hit = None
            for k, p in enumerate(preds):
                if k not in used and overlaps((p.verb.start, p.verb.end), gv):
                    hit = k
                    break
            if hit is None:
                fn += 1
                if show_errors and gv:
                    errors.append(f"  MISS  {g['id']:38} {text[gv[0]:gv[1]]!r:12} …{text[max(0, gv[0] - 30):gv[1] + 50]!r}")
                continue
            used.add(hit)
            tp += 1
            p = preds[hit]
            gsp = to_span(gs["speaker"], starts)
            gcan = to_span(gs["speaker_canonical"], starts)
            gtexts = [text[x[0]:x[1]] for x in (gsp, gcan) if x]
            psp = (p.speaker.start, p.speaker.end) if p.speaker else None
            if not gtexts:
                ok = p.speaker is None
            else:
                ok = (overlaps(psp, gsp) or overlaps(psp, gcan)
                      or any(same_text(p.speaker_canonical, t) or same_text(p.speaker.text if p.speaker else None, t)
                             for t in gtexts))
            spk_ok += ok
            if not ok and show_errors:
                errors.append(f"  SPKR  {g['id']:38} {p.verb.text!r:12} predicted={p.speaker.text if p.speaker else None!r} "
                              f"canonical={p.speaker_canonical!r} gold={gtexts!r}")
            gch = gs.get("channel")
            ch = (gch is None and p.channel is None) or (gch and p.channel and fold(gch) == fold(p.channel))
            ch_ok += bool(ch)
            gvia = to_span(gs.get("via"), starts)
            gvia_t = text[gvia[0]:gvia[1]] if gvia else None
            v = (gvia_t is None and p.via is None) or same_text(gvia_t, p.via)
            via_ok += bool(v)
            dq_ok += p.direct_quote == gs["direct_quote"]
            if show_errors and not (ch and v and p.direct_quote == gs["direct_quote"]):
                errors.append(f"  ATTR  {g['id']:38} {p.verb.text!r:12} channel={p.channel!r}/{gch!r} "
                              f"via={p.via!r}/{gvia_t!r} dq={p.direct_quote}/{gs['direct_quote']}")
        for k, p in enumerate(preds):
            if k in used:
                continue
            vs = (p.verb.start, p.verb.end)
            if any(overlaps(vs, o) for o in opt) or any(overlaps(vs, s) for s in skipped_spans):
                continue
            fp += 1
            if show_errors:
                errors.append(f"  FALSE {g['id']:38} {p.verb.text!r:12} …{text[max(0, p.verb.start - 30):p.verb.end + 50]!r}")
    if show_errors:
        print("\n".join(errors))
    p_ = tp / (tp + fp) if tp + fp else 1.0
    r_ = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p_ * r_ / (p_ + r_) if p_ + r_ else 0.0
    return {"articles": len(gold), "gold": tp + fn, "predicted_counted": tp + fp,
            "precision": round(p_, 4), "recall": round(r_, 4), "f1": round(f1, 4),
            "speaker_accuracy": round(spk_ok / tp, 4) if tp else None,
            "channel_accuracy": round(ch_ok / tp, 4) if tp else None,
            "via_accuracy": round(via_ok / tp, 4) if tp else None,
            "direct_quote_accuracy": round(dq_ok / tp, 4) if tp else None}


def events_quality(pipe, show_new: bool) -> dict:
    if not EVENTS.exists():
        return {"sample": 0}
    sample = yaml.safe_load(EVENTS.read_text("utf-8"))["events"]
    rows = load_rows(sample)
    predicted: dict[str, list] = {}
    for aid in {e["id"] for e in sample}:
        predicted[aid] = analyse_row(rows[aid], pipe).events
    judged = correct = stale = actors_ok = 0
    seen = set()
    for e in sample:
        evs = predicted[e["id"]]
        match = [x for x in evs if x.trigger.start == e["trigger"][0] and x.trigger.end == e["trigger"][1]
                 and x.type == e["type"]]
        if not match:
            stale += 1
            continue
        seen.add((e["id"], e["trigger"][0], e["type"]))
        judged += 1
        correct += e["verdict"] == "correct"
        actors_ok += e["verdict"] == "correct" and e.get("actors") == "ok"
    unjudged = [(aid, x) for aid, xs in predicted.items() for x in xs if (aid, x.trigger.start, x.type) not in seen]
    if show_new:
        for aid, x in unjudged:
            print(f"  NEW   {aid:38} {x.type:9} [{x.trigger.start}, {x.trigger.end}] {x.trigger.text!r} "
                  f"actors={list(x.actors)} targets={list(x.targets)} mode={x.mode} loc={x.location}")
    return {"sample": len(sample), "still_predicted": judged, "no_longer_predicted": stale,
            "unjudged_in_sample_articles": len(unjudged),
            "precision": round(correct / judged, 4) if judged else None,
            "precision_with_actors": round(actors_ok / judged, 4) if judged else None}


def speed(rows: list[dict], pipe: Pipeline, rounds: int) -> dict:
    """Seconds per step over the same articles; articles/s for ours and for the rest."""
    from marsad.read.base import raw_article

    per_step: dict[str, float] = defaultdict(float)
    n = 0
    for _ in range(rounds):
        for row in rows:
            art = raw_article(row["text"], "jsonl", path=None, id=row.get("id"), title=row.get("title"),
                              url=row.get("url"), published=row.get("date"), outlet=None)
            try:
                for step in pipe.steps:
                    t0 = time.perf_counter()
                    step.process(art)
                    per_step[step.name] += time.perf_counter() - t0
            except Exception:  # noqa: BLE001 - an input error (empty, not Arabic) ends that article
                continue
            n += 1
    mine = {c.name for c in MINE}
    ours = sum(v for k, v in per_step.items() if k in mine)
    rest = sum(v for k, v in per_step.items() if k not in mine)
    chars = sum(len(r["text"]) for r in rows) / max(1, len(rows))
    return {"articles": n, "mean_chars": round(chars),
            "statements_per_s": round(n / per_step["statements"]) if per_step["statements"] else None,
            "events_per_s": round(n / per_step["events"]) if per_step["events"] else None,
            "ours_per_s": round(n / ours) if ours else None,
            "rest_of_pipeline_per_s": round(n / rest) if rest else None,
            "ours_share_of_time": round(ours / (ours + rest), 3) if ours + rest else None,
            "per_step_ms": {k: round(1000 * v / n, 3) for k, v in per_step.items()}}


def corpus_slice(limit: int) -> list[dict]:
    out = []
    with gzip.open(DATA / "news/ant_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            out.append(json.loads(line))
            if len(out) >= limit:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--events", action="store_true")
    ap.add_argument("--speed-articles", type=int, default=500)
    ap.add_argument("--with-entities", action="store_true",
                    help="run the NER step before ours even if it is not in the standard list yet")
    args = ap.parse_args()
    require_data()
    pipe = pipeline(args.with_entities)
    gold, rows = load_gold()
    report = {"statements": statements_quality(gold, rows, pipe, args.errors),
              "events": events_quality(pipe, args.events)}
    report["speed_dev"] = speed([rows[g["id"]] for g in gold], pipe, rounds=3)
    if args.speed_articles:
        report["speed_corpus"] = speed(corpus_slice(args.speed_articles), pipe, rounds=1)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
