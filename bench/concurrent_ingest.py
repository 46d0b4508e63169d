"""Two `marsad ingest` started at the same moment on a new store, many times over.

    python bench/concurrent_ingest.py [--trials 20] [--articles 60]

Each trial writes two JSONL files that share half their articles (news from ../shared/data, our own sentences
where it is absent), starts two ingests into one new SQLite store at once, and checks that both exit 0 and that
the store holds exactly what one ingest of both files one after the other holds: the same articles, each with
the same analysis (its JSON). Prints one line per trial and the count of successes.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from _shared import DATA, REPO

ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def rows(n: int) -> list[dict]:
    path = DATA / "news/saudinewsnet.jsonl.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in itertools.islice(fh, n)]
    base = "قالت وزارة الصحة إن عدد الإصابات ارتفع إلى {k} حالة يوم الأحد في ثلاث محافظات."
    return [{"id": f"a{k}", "text": base.format(k=k)} for k in range(n)]


def ingest(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "marsad", "ingest", *args, "--workers", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def content(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT doc_key, doc_json FROM articles"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--articles", type=int, default=60)
    args = ap.parse_args()
    data = rows(args.articles)
    half = len(data) // 4
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one, two = work / "one.jsonl", work / "two.jsonl"
        one.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data[:3 * half]), "utf-8")
        two.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data[half:]), "utf-8")
        reference = work / "sequential.db"
        for src in (one, two):
            ingest(str(src), "--db", str(reference)).communicate()
        want = content(reference)
        ok = 0
        for trial in range(1, args.trials + 1):
            db = work / f"trial-{trial}.db"
            procs = [ingest(str(src), "--db", str(db)) for src in (one, two)]
            outs = [p.communicate(timeout=600) for p in procs]
            codes = [p.returncode for p in procs]
            same = codes == [0, 0] and content(db) == want
            ok += same
            print(f"trial {trial:2}: exit {codes}, {len(content(db))} articles, "
                  f"{'equal to the sequential run' if same else 'DIFFERENT'}"
                  + ("" if same else f"; stderr: {[o[1][-300:] for o in outs]}"), flush=True)
        print(f"{ok} of {args.trials} trials succeeded ({len(want)} articles each)")


if __name__ == "__main__":
    main()
