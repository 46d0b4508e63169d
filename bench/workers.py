"""Ingest on several worker processes: articles/s and each worker's memory, and Ray against the local pool.

    python bench/workers.py [--articles 10000] [--workers 2] [--ray 2000]

1. `marsad ingest` (store.ingest) of the first `--articles` rows of ../shared/data/news (both corpora, half
   each) into a fresh SQLite store with `--workers` processes: articles/s, and per worker the peak of its
   resident memory (RSS: every page it maps, shared ones included) and of its proportional share (PSS: a page
   shared by n processes counts 1/n; what the workers really cost the machine together), sampled from
   /proc/<pid>/smaps_rollup every 0.2 s.
2. With `--ray N`: the same N articles through `marsad ray` (a local cluster of `--workers` CPUs) and through
   the local pool as `marsad ingest` runs it (analysis, near duplicates and stories, as the Ray job does, into
   a fresh SQLite store): CPU seconds per article for both, Ray's counted over every process of its cluster
   from the moment the cluster is up (its start is not the articles' cost; corpus evidence off, as ingest
   gathers none), the pool's over the parent and its workers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import tempfile
import threading
import time
from itertools import islice
from pathlib import Path

from _shared import DATA, require_data

CORPORA = ["news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"]


def write_articles(path: Path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for k, corpus in enumerate(CORPORA):
            take = n // len(CORPORA) + (n % len(CORPORA) if k == 0 else 0)
            with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
                for line in islice(fh, take):
                    out.write(line)


def _smaps(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process in bytes, from /proc (0, 0 once it is gone)."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


def _children(pid: int) -> list[int]:
    """The child processes of `pid`, whichever of its threads started them (Ray's raylet starts its workers from
    a thread other than its main one)."""
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as fh:
                out += [int(x) for x in fh.read().split()]
        except OSError:
            pass
    return out


class Sampler(threading.Thread):
    """Calls `sample()` every `every` seconds, and once more at stop()."""

    def __init__(self, sample, every: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.sample, self.every = sample, every
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            time.sleep(self.every)

    def stop(self) -> None:
        self._done.set()
        self.join()
        self.sample()


def _peak_memory(peaks: dict[int, list[int]]) -> None:
    """Raise `peaks[pid]` ([RSS, PSS]) to what each child process of this one maps now."""
    for pid in _children(os.getpid()):
        rss, pss = _smaps(pid)
        peak = peaks.setdefault(pid, [0, 0])
        peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)


def ingest_run(path: Path, workers: int, n: int) -> dict:
    from marsad.store import open_store
    from marsad.store.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        peaks: dict[int, list[int]] = {}
        sampler = Sampler(lambda: _peak_memory(peaks))
        sampler.start()
        summary = ingest(store, [str(path)], workers=workers)
        sampler.stop()
        _, self_pss = _smaps(os.getpid())
    workers_seen = {pid: p for pid, p in peaks.items() if p[0] > 0}
    return {
        "articles": n, "added": summary.added, "seconds": round(summary.seconds, 1),
        "articles_per_s": round(summary.rate, 1),
        "worker_peak_rss_mb": sorted(round(p[0] / 2**20) for p in workers_seen.values()),
        "worker_peak_pss_mb": sorted(round(p[1] / 2**20) for p in workers_seen.values()),
        "parent_pss_mb_at_end": round(self_pss / 2**20),
    }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a live process (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _ray_processes() -> dict[int, float]:
    """CPU seconds of this process and of every process of the local Ray cluster (its command line names ray:
    the raylet, the GCS, the workers "ray::…"), by pid. Ray's workers are not all descendants of the driver,
    so they are found by name."""
    out = {os.getpid(): _cpu_seconds(os.getpid())}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmd = fh.read()
        except OSError:
            continue
        if b"ray" in cmd:
            out[int(entry)] = _cpu_seconds(int(entry))
    return out


def pool_cpu(path: Path, workers: int) -> dict:
    """CPU seconds per article of `marsad ingest` into a fresh SQLite store (the local pool's counterpart of
    `marsad ray`: analysis, store rows, near duplicates, stories), parent and workers together."""
    from marsad.store import open_store
    from marsad.store.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        t0, c0, children0 = time.perf_counter(), time.process_time(), os.times()
        summary = ingest(store, [str(path)], workers=workers)
        children1 = os.times()
        cpu = time.process_time() - c0 + (children1.children_user - children0.children_user
                                          + children1.children_system - children0.children_system)
        wall = time.perf_counter() - t0
    return {"articles": summary.added, "cpu_s_per_article": round(cpu / max(1, summary.added), 4),
            "wall_s": round(wall, 1)}


def ray_cpu(path: Path, workers: int) -> dict:
    """CPU seconds per article of `marsad ray` (run_job on a local cluster started here, its start excluded)."""
    import ray

    from marsad.options import Options
    from marsad.run.ray_job import run

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    try:
        before = _ray_processes()
        last: dict[int, float] = {}
        sampler = Sampler(lambda: last.update(_ray_processes()))
        sampler.start()
        t0 = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            # no corpus evidence: the local pool gathers none either (near duplicates and stories are the
            # job's own and stay in)
            summary = run([str(path)], str(Path(tmp) / "out"), options=Options(), workers=workers, evidence=False)
        wall = time.perf_counter() - t0
        sampler.stop()
        # a process started during the job counts from zero; the actors end when their stage is done, so each
        # process counts with the last CPU time the sampler saw (at most 0.2 s before it ended)
        cpu = sum(t - before.get(pid, 0.0) for pid, t in last.items())
    finally:
        ray.shutdown()
    return {"articles": summary.articles, "cpu_s_per_article": round(cpu / max(1, summary.articles), 4),
            "wall_s": round(wall, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--ray", type=int, default=0, help="articles for the Ray / local pool comparison (0: skip)")
    ap.add_argument("--no-ingest", action="store_true")
    args = ap.parse_args()
    require_data()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_ingest:
            path = Path(tmp) / "articles.jsonl"
            write_articles(path, args.articles)
            print(json.dumps({"ingest": ingest_run(path, args.workers, args.articles)}), flush=True)
        if args.ray:
            path = Path(tmp) / "ray.jsonl"
            write_articles(path, args.ray)
            print(json.dumps({"local_pool": pool_cpu(path, args.workers)}), flush=True)
            print(json.dumps({"ray": ray_cpu(path, args.workers)}), flush=True)


if __name__ == "__main__":
    main()
