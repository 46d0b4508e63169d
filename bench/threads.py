"""One numeric thread per process, against the libraries' default threads, in the same run.

    python bench/threads.py [--articles 1000] [--workers 2] [--rounds 2] [--busy] [--extract]

Writes `--articles` news articles (half ANT, half SaudiNewsNet, a fixed sample) to a JSONL file, then times
`marsad ingest --workers N` into a fresh store with each setting, alternating the two settings for `--rounds`
rounds (the fastest of each counts; every time is printed). The default is what every Marsad command does
(run/threads.py: one thread per process); the other is `MARSAD_THREADS=0`, which leaves OpenBLAS and OpenMP to
start one thread per core in every process, as Marsad did before. `--extract` also times `marsad extract` (one
process) on the same file. `--busy` runs the same with two busy processes beside it (pure-Python loops, one per
core): a machine that runs another job.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA, REPO, require_data

SETTINGS = {"pinned (default)": {}, "library threads (MARSAD_THREADS=0)": {"MARSAD_THREADS": "0"}}
MARSAD = [sys.executable, "-m", "marsad"]
_RUN = itertools.count()


def write_sample(path: Path, n: int) -> None:
    """`n` articles: the first n/2 of each news corpus with at least 300 characters of text."""
    per = n // 2
    with open(path, "w", encoding="utf-8") as out:
        for corpus, take in (("news/ant_multisource.jsonl.gz", per), ("news/saudinewsnet.jsonl.gz", n - per)):
            with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
                rows = (json.loads(line) for line in fh)
                for row in itertools.islice((r for r in rows if len(r.get("text") or "") >= 300), take):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


def timed(args: list[str], env: dict[str, str], cwd: Path) -> float:
    clean = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                                               "MKL_NUM_THREADS", "MARSAD_THREADS")}
    start = time.perf_counter()
    subprocess.run(args, env={**clean, "PYTHONPATH": str(REPO / "src"), **env}, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def _spin() -> None:
    while True:
        pass


def measure(sample: Path, workers: int, rounds: int, extract: bool, work: Path) -> dict[str, dict[str, list]]:
    times: dict[str, dict[str, list]] = {"ingest": {k: [] for k in SETTINGS}, "extract": {k: [] for k in SETTINGS}}
    for r in range(rounds):
        order = list(SETTINGS) if r % 2 == 0 else list(reversed(SETTINGS))
        for name in order:
            # a new store for every run (a store that has the articles already would skip them all)
            db = work / f"store-{next(_RUN)}.db"
            times["ingest"][name].append(timed([*MARSAD, "ingest", str(sample), "--db", str(db), "--workers",
                                                str(workers)], SETTINGS[name], work))
            db.unlink()
            if extract:
                times["extract"][name].append(timed([*MARSAD, "extract", str(sample), "-o", str(work / "x.jsonl")],
                                                    SETTINGS[name], work))
    return times


def report(title: str, times: dict[str, dict[str, list]], n: int) -> None:
    print(f"-- {title}")
    for job, by_setting in times.items():
        if not any(by_setting.values()):
            continue
        best = {name: min(t) for name, t in by_setting.items()}
        for name, t in by_setting.items():
            print(f"  {job:8} {name:36} {n / best[name]:7.1f} articles/s (runs: "
                  + ", ".join(f"{x:.1f} s" for x in t) + ")")
        pinned, free = best["pinned (default)"], best["library threads (MARSAD_THREADS=0)"]
        print(f"  {job:8} pinned is {free / pinned:.2f}x the speed of the library threads")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--busy", action="store_true", help="also measure beside two busy processes")
    ap.add_argument("--extract", action="store_true", help="also time marsad extract (one process)")
    args = ap.parse_args()
    require_data()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sample = work / "sample.jsonl"
        write_sample(sample, args.articles)
        print(f"{args.articles} news articles, ingest with {args.workers} workers, {os.cpu_count()} cores")
        report("idle machine", measure(sample, args.workers, args.rounds, args.extract, work), args.articles)
        if args.busy:
            spinners = [mp.Process(target=_spin, daemon=True) for _ in range(2)]
            for p in spinners:
                p.start()
            try:
                report("beside two busy processes",
                       measure(sample, args.workers, args.rounds, args.extract, work), args.articles)
            finally:
                for p in spinners:
                    p.terminate()


if __name__ == "__main__":
    main()
