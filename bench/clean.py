"""Boilerplate-removal quality and cleaning speed.

    python bench/clean.py                      # the development sets, with and without corpus evidence; speed
    python bench/clean.py --errors             # also every wrong line (id, line, gold, predicted, rule, text)
    python bench/clean.py --set blind          # the blind set (scored once, when the model was ready)

Quality: line-level precision/recall/F1 of "this line is not article text" over every non-blank line of the
hand-annotated pages (ids and line numbers only; the text is read from ../shared/data), the share of body lines
lost, precision and recall per reason, and how often the reason matches on correctly removed lines. Sets:
`dev` (boilerplate_dev.yaml, 45 pages) and `train` (boilerplate_train.yaml, 102 pages) are what the line
classifier is trained on, so their scores are optimistic: its cross-validated scores (every page scored by a
model that never saw it) are printed from the model file as the development estimate. `blind` (62 pages,
annotated by people who never saw Marsad's rules or output) is the unseen estimate. Each set is scored as a
single `marsad extract` sees a page (no evidence) and as a batch run does (with the corpus evidence of all of
../shared/data).

Speed: articles/s for reading JSONL and cleaning (with evidence, as `marsad extract` over many inputs runs),
next to a bare read-and-json-decode baseline over the same articles in the same run; and the cost of the
evidence pass over the 62k news articles.
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
from marsad.clean.evidence import gather, page_keys  # noqa: E402
from marsad.clean.line_model import line_model, model_path  # noqa: E402
from marsad.options import Options  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.read.jsonl import read_jsonl  # noqa: E402
from marsad.text.normalize import strip_invisible  # noqa: E402

SETS = {"dev": "bench/gold/boilerplate_dev.yaml", "train": "bench/gold/boilerplate_train.yaml",
        "blind": "bench/gold/boilerplate_blind.yaml"}
NEWS = ["news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"]
WEB = "web/cc_arabic_web_sample.jsonl"


def corpus_evidence():
    """The evidence a batch run over all of ../shared/data would gather, and how long gathering took."""
    start = time.perf_counter()
    evidence = gather(item for corpus in [*NEWS, WEB] for item in read_jsonl(str(DATA / corpus)))
    return evidence, time.perf_counter() - start


def quality(name: str = "dev", show_errors: bool = False, evidence=None) -> dict:
    gold = yaml.safe_load((REPO / SETS[name]).read_text("utf-8"))["articles"]
    by_corpus: dict[str, set[str]] = defaultdict(set)
    for a in gold:
        by_corpus[a["corpus"]].add(a["id"])
    rows = {}
    for corpus, ids in by_corpus.items():
        rows.update(load_by_id(corpus, ids))
    tp = fp = fn = tn = 0
    reason_ok = 0
    gold_by: Counter = Counter()
    found_by: Counter = Counter()
    predicted_by: Counter = Counter()
    right_by: Counter = Counter()
    errors = []
    by_corpus_counts: dict[str, Counter] = defaultdict(Counter)
    for a in gold:
        row = rows[a["id"]]
        lines = [strip_invisible(x) for x in row["text"].split("\n")]
        assert len(lines) == a["lines"], a["id"]
        removed = {int(k): v for k, v in (a.get("removed") or {}).items()}
        recurrence = evidence.recurrence(row.get("source"), page_keys(row["text"])) if evidence else None
        verdicts = classify_lines(lines, row.get("title"), recurrence)
        for n, (line, v) in enumerate(zip(lines, verdicts), 1):
            if not line.strip():
                continue
            g = removed.get(n)
            by_corpus_counts[a["corpus"]][("tp" if v else "fn") if g else ("fp" if v else "tn")] += 1
            if g:
                gold_by[g] += 1
            if v:
                predicted_by[v.reason] += 1
            if g and v:
                tp += 1
                found_by[g] += 1
                reason_ok += v.reason == g
                right_by[g] += v.reason == g
            elif v and not g:
                fp += 1
            elif g and not v:
                fn += 1
            else:
                tn += 1
            if (g or None) != (v.reason if v else None):
                errors.append((a["id"], n, g, v.reason if v else None, v.rule if v else "", line[:90]))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    if show_errors:
        for e in errors:
            print("  %-34s line %3d gold=%-14s predicted=%-14s %-16s %s" % e)
    return {"pages": len(gold), "lines": tp + fp + fn + tn, "gold_removed": tp + fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "body_lines_lost": round(fp / (fp + tn), 4) if fp + tn else 0.0,
            "reason_accuracy": round(reason_ok / tp, 4) if tp else None,
            # per reason: recall = gold lines of that reason removed (for any reason); precision = lines
            # removed for that reason whose gold reason is the same
            "by_reason": {k: {"recall": f"{found_by[k]}/{n}",
                              "precision": f"{right_by[k]}/{predicted_by[k]}" if predicted_by[k] else "-"}
                          for k, n in gold_by.most_common()},
            # news and web pages apart: a shop's product list annotated as body weighs on `body_lines_lost`
            "by_corpus": {k: _scores(c) for k, c in sorted(by_corpus_counts.items())}}


def _scores(c: Counter) -> dict:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return {"lines": sum(c.values()), "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "body_lines_lost": f"{c['fp']}/{c['fp'] + c['tn']}"}


def throughput(n: int, evidence) -> dict:
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

    steps = Pipeline.standard(Options(evidence=evidence)).steps
    clean_pipeline = Pipeline([s for s in steps if s.name in ("clean", "outlet")])

    def ours() -> int:
        return sum(1 for _ in clean_pipeline.run(read_jsonl(str(tmp))))

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
    ap.add_argument("--set", action="append", choices=sorted(SETS), help="sets to score (default: dev, train)")
    ap.add_argument("--articles", type=int, default=5000, help="articles for the throughput run")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    require_data()
    evidence, seconds = corpus_evidence()
    out: dict = {"evidence": {"articles": evidence.articles, "seconds": round(seconds, 1),
                              "articles_per_s": round(evidence.articles / seconds), "line_entries": len(evidence)}}
    model = line_model()
    if model is not None:
        meta = json.loads(model_path().read_text("utf-8"))
        out["cross_validated"] = meta["cv"]
    for name in args.set or ["dev", "train"]:
        out[name] = {"single_page": quality(name, args.errors),
                     "with_evidence": quality(name, args.errors, evidence)}
    if not args.no_speed:
        out["throughput"] = throughput(args.articles, evidence)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
