"""How fast the reading room answers on a store of the whole ANT corpus (target p95 ≤ 300 ms per page:
docs/rules.md#quality-bars).

    python bench/serve.py [--db bench/.cache_serve.db] [--repeat 1] [--out bench/results/serve.json]

1. The store: ../shared/data/news/ant_multisource.jsonl.gz (31k articles) ingested once into --db with the full
   pipeline and kept (bench/.cache_* is not tracked); a later run reuses it, migrated to the current version.
2. `marsad serve` is started on a loopback port as a user would start it, and every page is fetched over HTTP,
   one request at a time, whole body read:
   - search: 30 queries (single words, names, several words, AND/OR/NOT, quoted phrases, a filter by outlet,
     by entity and by dates, a browse with no words), their first page; then 10 of them at page 3;
   - article: 100 articles drawn at random (fixed seed) from the store;
   - entity: the 40 most mentioned names and 40 drawn at random;
   - stories, story (20 largest), amounts (5 filters and sorts) and a static file, the floor of any request
     through the same server (the baseline measured in the same run).
   The first request of the run (which reads the store's totals once) is reported apart, then each page kind's
   median, p95 and worst in milliseconds, and the p95 as a multiple of the static file's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from _shared import REPO, build_ant_store as build_store, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.store import open_store  # noqa: E402

QUERIES = ["تركيا", "اردوغان", "النفط", "ترامب", "الأمم المتحدة", "ولي العهد", "أسعار الذهب", "الحوثي",
           "وزارة الصحة", "البنك المركزي", "كأس العالم", "الانتخابات", "اللاجئين", "مكة المكرمة", "رمضان",
           "إيران NOT ترامب", "غزة OR رفح", "(روسيا OR الصين) AND العقوبات", '"الاتفاق النووي"',
           '"مجلس الأمن الدولي"', '"ولي العهد السعودي" NOT اليمن', "السعودية", "الاتفاق النووي الإيراني",
           "سوريا -روسيا", "الدولار", "محمد صلاح", "فلسطين", "الجيش", "كوريا الشمالية", "النفط الخام"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    marsad = str(Path(sys.executable).with_name("marsad"))
    proc = subprocess.Popen([marsad, "serve", "--db", db, "--port", str(port)], stderr=subprocess.DEVNULL,
                            env={**os.environ, "MARSAD_THREADS": "1"})
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/static/marsad.css", timeout=1).read()
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("marsad serve did not start")


def fetch(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - start) * 1000


def urls(db: str) -> dict[str, list[str]]:
    store = open_store(db, create=False, read_only=True)
    rng = random.Random(29)
    q = urllib.parse.quote
    outlets = [o for (o,) in store.query("SELECT outlet FROM articles GROUP BY outlet ORDER BY COUNT(*) DESC "
                                         "LIMIT 3")]
    search = [f"/search?q={q(x)}" for x in QUERIES]
    search += [f"/search?q={q('ترامب')}&outlet={q(outlets[0])}", f"/search?q={q('النفط')}&from=2018-01-01",
               f"/search?q={q('الاتفاق')}&entity={q('إيران')}", "/", f"/search?outlet={q(outlets[1])}"]
    search += [f"/search?q={q(x)}&page=3" for x in QUERIES[:10]]
    ids = [i for (i,) in store.query("SELECT id FROM articles ORDER BY seq")]
    articles = [f"/article/{q(i)}" for i in rng.sample(ids, 100)]
    top = [n for (n,) in store.query("SELECT MAX(canonical) FROM entities GROUP BY canonical_key "
                                     "ORDER BY COUNT(*) DESC LIMIT 40")]
    names = [n for (n,) in store.query("SELECT DISTINCT canonical FROM entities WHERE canonical <> ''")]
    entities = [f"/entity/{q(n, safe='')}" for n in top + rng.sample(names, 40)]
    stories = [f"/story/{s}" for (s,) in store.query("SELECT story FROM stories GROUP BY story "
                                                     "ORDER BY COUNT(*) DESC LIMIT 20")]
    amounts = ["/amounts", "/amounts?kind=money&unit=USD", "/amounts?kind=percent&sort=date",
               f"/amounts?entity={q('السعودية')}", "/amounts?unit=SAR&order=asc&page=5"]
    store.close()
    return {"search": search, "article": articles, "entity": entities, "stories": ["/stories", "/stories?page=2"],
            "story": stories, "amounts": amounts, "static": ["/static/marsad.css"] * 50}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(REPO / "bench/.cache_serve.db"))
    parser.add_argument("--repeat", type=int, default=1, help="times each URL is fetched")
    parser.add_argument("--out", default=str(REPO / "bench/results/serve.json"))
    args = parser.parse_args()
    require_data()
    build_store(args.db)
    plan = urls(args.db)
    proc, base = start_server(args.db)
    try:
        first = fetch(base + "/")
        timings: dict[str, list[float]] = {}
        slowest: list[tuple[float, str]] = []
        for kind, paths in plan.items():
            for _ in range(args.repeat):
                for path in paths:
                    ms = fetch(base + path)
                    timings.setdefault(kind, []).append(ms)
                    slowest.append((ms, urllib.parse.unquote(path)))
    finally:
        proc.terminate()
        proc.wait(10)
    articles = open_store(args.db, create=False).scalar("SELECT COUNT(*) FROM articles")
    floor = percentile(timings["static"], 0.95)
    report = {"articles": articles, "first_request_ms": round(first, 1), "pages": {}}
    print(f"store of {articles} articles; first request (reads the store's totals): {first:.0f} ms")
    print(f"{'page':10} {'n':>4} {'median':>8} {'p95':>8} {'worst':>8} {'p95/static':>11}")
    for kind, values in timings.items():
        row = {"n": len(values), "median_ms": round(statistics.median(values), 1),
               "p95_ms": round(percentile(values, 0.95), 1), "max_ms": round(max(values), 1),
               "p95_vs_static": round(percentile(values, 0.95) / floor, 1)}
        report["pages"][kind] = row
        print(f"{kind:10} {row['n']:>4} {row['median_ms']:>8} {row['p95_ms']:>8} {row['max_ms']:>8} "
              f"{row['p95_vs_static']:>11}")
    slowest.sort(reverse=True)
    report["slowest"] = [{"ms": round(ms, 1), "url": url} for ms, url in slowest[:8]]
    print("slowest: " + "; ".join(f"{url} {ms:.0f} ms" for ms, url in slowest[:8]))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
