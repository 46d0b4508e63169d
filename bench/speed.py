"""Full analysis on one core, against dateparser's `search_dates` on the same articles in the same run.

    python bench/speed.py [--articles 2000] [--corpus news/saudinewsnet.jsonl.gz] [--passes 2] [--steps]

Both sides read the same articles of ../shared/data (the first `--articles` rows of the corpus, news of about
1.3k characters): Marsad runs its standard pipeline as `marsad extract` does (reading the JSONL rows, cleaning,
every extraction step, the CLI's per-article budget; corpus evidence off, as for a single file), dateparser
runs `search_dates(text, languages=['ar'])` on each article's raw text. Passes alternate (ours, theirs, ours,
theirs…) and each side's fastest pass counts, so a slow moment of the machine does not land on one side only.
Models and word lists are loaded before timing on both sides.

Prints articles/s for both, the ratio (ours / theirs: above 1 is faster than dateparser), and with --steps the
share of each pipeline step in our time. BLAS is pinned to one thread: "one core".
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gc  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from itertools import islice  # noqa: E402
from pathlib import Path  # noqa: E402

from _shared import DATA, require_data  # noqa: E402

from marsad.api import analyze_paths  # noqa: E402
from marsad.article import Article  # noqa: E402
from marsad.options import DEFAULT_BUDGET, Options  # noqa: E402


def rows(corpus: str, n: int) -> list[dict]:
    with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in islice(fh, n)]


def timed_steps() -> dict[str, float]:
    """Wrap every standard step's process_many (the concrete classes', not Step's) to add its seconds to the
    returned table (for --steps)."""
    from marsad.standard import standard_steps

    spent: dict[str, float] = defaultdict(float)
    for cls in {type(s) for s in standard_steps(Options())}:
        inner = cls.process_many

        def wrapped(self, articles, _inner=inner):
            t0 = time.perf_counter()
            try:
                return _inner(self, articles)
            finally:
                spent[self.name] += time.perf_counter() - t0
        cls.process_many = wrapped
    return spent


def ours(path: Path) -> tuple[float, int, int]:
    options = Options(budget=DEFAULT_BUDGET)
    t0 = time.perf_counter()
    done = failed = 0
    for item in analyze_paths([str(path)], options):
        if isinstance(item, Article):
            done += 1
        else:
            failed += 1
    return time.perf_counter() - t0, done, failed


def theirs(texts: list[str]) -> tuple[float, int]:
    from dateparser.search import search_dates

    t0 = time.perf_counter()
    found = 0
    for text in texts:
        found += len(search_dates(text, languages=["ar"]) or [])
    return time.perf_counter() - t0, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--corpus", default="news/saudinewsnet.jsonl.gz")
    ap.add_argument("--passes", type=int, default=2, help="timed passes per side (the fastest counts)")
    ap.add_argument("--steps", action="store_true", help="also print each step's share of our time")
    ap.add_argument("--no-dateparser", action="store_true", help="time Marsad alone")
    args = ap.parse_args()
    require_data()
    data = rows(args.corpus, args.articles)
    texts = [r["text"] for r in data]
    chars = sum(len(t) for t in texts) / len(texts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data), "utf-8")
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text(json.dumps(data[0], ensure_ascii=False) + "\n", "utf-8")
        spent = timed_steps() if args.steps else None
        ours(warm)  # the models' load is no article's cost
        use_dp = not args.no_dateparser
        if use_dp:
            theirs(texts[:1])
        gc.collect()
        gc.freeze()
        best_ours = best_theirs = float("inf")
        for _ in range(args.passes):
            if spent is not None:
                spent.clear()
            t, done, failed = ours(path)
            if t < best_ours:
                best_ours, step_times = t, dict(spent or {})
            if use_dp:
                best_theirs = min(best_theirs, theirs(texts)[0])
    print(f"{len(texts)} articles of {args.corpus}, {chars:.0f} characters each on average; one core; "
          f"fastest of {args.passes} passes per side")
    print(f"  marsad, full analysis:   {len(texts) / best_ours:7.1f} articles/s  ({done} analysed, {failed} errors)")
    if use_dp:
        print(f"  dateparser search_dates: {len(texts) / best_theirs:7.1f} articles/s")
        print(f"  ratio marsad / dateparser: {best_theirs / best_ours:.2f}×")
    if step_times:
        total = sum(step_times.values())
        print(f"  steps ({total:.1f} s of the pass's {best_ours:.1f} s; the rest is reading and the pipeline):")
        for name, t in sorted(step_times.items(), key=lambda kv: -kv[1]):
            print(f"    {name:12s} {t:6.2f} s  {100 * t / best_ours:5.1f} %")


if __name__ == "__main__":
    main()
