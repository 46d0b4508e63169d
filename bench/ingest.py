"""Whole-crawl ingest, duplicates and search on ../shared/data/news (docs/store.md#ingest-guarantees).

    python bench/ingest.py [--db bench/.cache_ingest.db] [--workers 2] [--limit N] [--sample 50]

1. Ingests both news corpora (~62k articles) into a fresh SQLite store with the full pipeline: articles/s.
2. Ingests them again: what the second run adds (nothing) and how long it takes.
3. Near duplicates on the ANT corpus: of the articles whose URL occurs more than once, how many later copies are
   marked as duplicates of the first copy's group (recall), split into identical and edited texts; and a random
   sample of reported near-duplicate pairs (similarity below 1) written to bench/gold/near_duplicate_sample.yaml
   for a hand check (ids only; verdicts are added by hand and kept on later runs).
4. Search latency over the whole store for a fixed set of queries (median and worst, ms).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

from _shared import DATA, REPO, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.store import open_store  # noqa: E402
from marsad.store.ingest import ingest  # noqa: E402
from marsad.store.search import search  # noqa: E402

CORPORA = ["news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"]
SAMPLE = REPO / "bench/gold/near_duplicate_sample.yaml"
QUERIES = ["تركيا", "اردوغان", "النفط", "كأس العالم", "الأمم المتحدة", "ولي العهد", "أسعار الذهب", "الحوثي",
           "وزارة الصحة", "البنك المركزي", "ترامب", "الدوري السعودي", "هيئة الأمر بالمعروف", "سوق الأسهم",
           "الانتخابات", "اللاجئين", "كورونا", "مكة المكرمة", "الطاقة المتجددة", "رمضان"]


def run_ingest(db: str, paths: list[str], workers: int) -> dict:
    store = open_store(db)
    summary = ingest(store, paths, workers=workers)
    return {"added": summary.added, "skipped": summary.skipped, "errors": dict(summary.errors),
            "duplicates": summary.duplicates, "stories": summary.stories, "seconds": round(summary.seconds, 1),
            "articles_per_s": round(summary.rate, 1)}


def duplicate_recall(db: str) -> dict:
    store = open_store(db)
    rows = store.query("SELECT seq, url, duplicate_of, exact_key FROM articles WHERE id LIKE '__-%' "
                       "AND url IS NOT NULL ORDER BY seq")
    by_url: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        by_url[row[1]].append(row)
    found = total = same_text = same_found = 0
    for copies in by_url.values():
        if len(copies) < 2:
            continue
        first = copies[0]
        group = first[2] or first[0]
        for _seq, _, dup, key in copies[1:]:
            total += 1
            hit = dup is not None and (dup == group or dup == first[0])
            found += hit
            if key == first[3]:
                same_text += 1
                same_found += hit
    return {"repeated_urls": sum(1 for c in by_url.values() if len(c) > 1), "later_copies": total,
            "marked_duplicate": found, "recall": round(found / total, 4) if total else None,
            "identical_texts": same_text, "identical_found": same_found,
            "edited_texts": total - same_text, "edited_found": found - same_found}


def near_duplicate_sample(db: str, n: int) -> dict:
    store = open_store(db)
    pairs = store.query("SELECT a.id, d.id, a.duplicate_similarity FROM articles a JOIN articles d "
                        "ON d.seq = a.duplicate_of WHERE a.duplicate_similarity < 1 ORDER BY a.seq")
    old = yaml.safe_load(SAMPLE.read_text("utf-8")) if SAMPLE.exists() else None
    verdicts = {(p["id"], p["duplicate_of"]): p.get("verdict") for p in (old or {}).get("pairs", [])}
    rng = random.Random(20261129)
    chosen = rng.sample(pairs, min(n, len(pairs)))
    sample = [{"id": a, "duplicate_of": b, "similarity": round(s, 3), "verdict": verdicts.get((a, b))}
              for a, b, s in chosen]
    SAMPLE.write_text(yaml.safe_dump({"about": "Random near-duplicate pairs reported by bench/ingest.py (ids only). "
                                               "verdict: same (the same article, edited or re-published) or "
                                               "different, judged by reading both texts.",
                                      "pairs": sample}, allow_unicode=True, sort_keys=False), "utf-8")
    judged = [p for p in sample if p["verdict"] in ("same", "different")]
    same = sum(p["verdict"] == "same" for p in judged)
    return {"near_duplicate_pairs": len(pairs), "sample": len(sample), "judged": len(judged),
            "precision": round(same / len(judged), 3) if judged else None}


def search_latency(db: str) -> dict:
    store = open_store(db)
    times, hits = [], {}
    for q in QUERIES:
        t = time.perf_counter()
        found = search(store, q, limit=20)
        times.append((time.perf_counter() - t) * 1000)
        hits[q] = len(found)
    return {"queries": len(QUERIES), "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1), "queries_without_hits": [q for q, n in hits.items() if n == 0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default=str(REPO / "bench/.cache_ingest.db"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--keep", action="store_true", help="reuse an existing store (skip the first ingest)")
    args = ap.parse_args()
    require_data()
    paths = [str(DATA / c) for c in CORPORA]
    out = {}
    if not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        out["first_run"] = run_ingest(args.db, paths, args.workers)
        print(json.dumps(out["first_run"], ensure_ascii=False), flush=True)
    out["second_run"] = run_ingest(args.db, paths, args.workers)
    out["ant_repeated_urls"] = duplicate_recall(args.db)
    out["near_duplicates"] = near_duplicate_sample(args.db, args.sample)
    out["search"] = search_latency(args.db)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
