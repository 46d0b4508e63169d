"""Boilerplate-removal quality and reading+cleaning speed.

    python bench/clean.py            # scores on bench/gold/boilerplate_dev.yaml + throughput
    python bench/clean.py --errors   # also list every wrong line (id, line, gold, predicted)

Quality: line-level precision/recall/F1 of "this line is not article text" over every non-blank line of the
45 hand-annotated pages (ids and line numbers only; the text is read from ../shared/data), plus how often the
reason matches on correctly removed lines. Speed: articles/s for reading JSONL + the cleaning stage of the
pipeline, next to a bare read-and-json-decode baseline over the same articles in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter, defaultdict

import yaml

from _shared import DATA, REPO, load_by_id, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.clean.boilerplate import classify_lines  # noqa: E402
from marsad.options import Options  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.read.jsonl import read_jsonl  # noqa: E402
from marsad.text.normalize import strip_invisible  # noqa: E402


def quality(show_errors: bool) -> dict:
    gold = yaml.safe_load((REPO / "bench/gold/boilerplate_dev.yaml").read_text("utf-8"))["articles"]
    by_corpus: dict[str, set[str]] = defaultdict(set)
    for a in gold:
        by_corpus[a["corpus"]].add(a["id"])
    rows = {}
    for corpus, ids in by_corpus.items():
        rows.update(load_by_id(corpus, ids))
    tp = fp = fn = tn = 0
    reason_ok = 0
    per_reason: Counter = Counter()
    per_reason_found: Counter = Counter()
    errors = []
    for a in gold:
        lines = [strip_invisible(x) for x in rows[a["id"]]["text"].split("\n")]
        assert len(lines) == a["lines"], a["id"]
        removed = {int(k): v for k, v in (a.get("removed") or {}).items()}
        verdicts = classify_lines(lines)
        for n, (line, v) in enumerate(zip(lines, verdicts), 1):
            if not line.strip():
                continue
            g = removed.get(n)
            if g:
                per_reason[g] += 1
            if g and v:
                tp += 1
                per_reason_found[g] += 1
                reason_ok += v.reason == g
            elif v and not g:
                fp += 1
            elif g and not v:
                fn += 1
            else:
                tn += 1
            if (g or None) != (v.reason if v else None):
                errors.append((a["id"], n, g, v.rule if v else None, line[:90]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    if show_errors:
        for e in errors:
            print("  %-34s line %3d gold=%-14s predicted=%-22s %s" % e)
    return {"articles": len(gold), "lines": tp + fp + fn + tn, "gold_removed": tp + fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "reason_accuracy": round(reason_ok / tp, 4) if tp else None,
            "recall_by_reason": {k: f"{per_reason_found[k]}/{n}" for k, n in per_reason.most_common()}}


def throughput(n: int) -> dict:
    path = DATA / "news/ant_multisource.jsonl.gz"
    # materialise the decompressed file once so both sides read the same bytes from the page cache
    tmp = REPO / "bench/.cache_ant.jsonl"
    if not tmp.exists():
        with gzip.open(path, "rb") as src, open(tmp, "wb") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)

    def baseline() -> int:
        count = 0
        with open(tmp, "rb") as fh:
            for line in fh:
                json.loads(line)
                count += 1
        return count

    steps = Pipeline.standard(Options()).steps
    clean_pipeline = Pipeline([s for s in steps if s.name in ("clean", "outlet")])

    def ours() -> int:
        count = 0
        for item in clean_pipeline.run(read_jsonl(str(tmp))):
            count += 1
        return count

    best = {}
    for name, fn in (("baseline", baseline), ("marsad", ours)):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            count = fn()
            times.append(time.perf_counter() - t0)
        best[name] = (count, min(times))
    return {"articles": best["marsad"][0],
            "baseline_read_json_per_s": round(best["baseline"][0] / best["baseline"][1]),
            "marsad_read_clean_per_s": round(best["marsad"][0] / best["marsad"][1]),
            "cost_ratio": round(best["marsad"][1] / best["baseline"][1], 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list every misclassified line")
    ap.add_argument("--articles", type=int, default=5000, help="articles for the throughput run")
    args = ap.parse_args()
    require_data()
    print(json.dumps({"boilerplate": quality(args.errors), "throughput": throughput(args.articles)},
                     ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
