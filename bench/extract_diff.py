"""Byte-for-byte `marsad extract` output of this tree against an earlier commit's, on the same news articles.

    python bench/extract_diff.py [--rev a20b324] [--articles 3000] [--keep DIR] [--repeat N]

A refactor that promises "no change in behaviour" proves it here: the first `--articles`/2 articles of each news
corpus in ../shared/data/news are written to one JSONL file, `marsad extract` runs on it twice (once with
`--rev`'s source, checked out in a temporary git worktree, once with this tree's `src`), and the two outputs are
compared line by line. Each differing article is listed with the JSON paths that differ and both values; the exit
status is 1 when any line differs. `--keep DIR` keeps the input and both outputs there.

Speed in the same run: each side's wall time for the whole `marsad extract` (one process, the corpus-evidence
pass included); with `--repeat N` both run N times, alternating, and the best time of each is compared.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import DATA, REPO, require_data

CORPORA = ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz")


def write_input(path: Path, articles: int) -> None:
    per = articles // len(CORPORA)
    with path.open("w", encoding="utf-8") as out:
        for corpus in CORPORA:
            with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
                for line in itertools.islice(fh, per):
                    out.write(line if line.endswith("\n") else line + "\n")


def run_extract(src: Path, inp: Path, out: Path) -> tuple[float, list[str]]:
    """Seconds taken and the per-article error lines (exit status 1 means some articles were refused)."""
    env = dict(os.environ, PYTHONPATH=str(src))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "marsad", "extract", str(inp), "-o", str(out)], env=env,
                          cwd=src.parent, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"marsad extract failed with {src}:\n{done.stderr}")
    return time.perf_counter() - started, done.stderr.splitlines()


def worktree_src(rev: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(where), rev], check=True,
                   capture_output=True)
    src = where / "src"
    # the C scanner is built in place (pip install -e); the same file compiled here serves the old tree when its
    # source is unchanged, else build it there
    for so in (REPO / "src/marsad/text").glob("_scan*.so"):
        if (where / "src/marsad/text/_scan.c").read_bytes() == (REPO / "src/marsad/text/_scan.c").read_bytes():
            shutil.copy(so, where / "src/marsad/text" / so.name)
    return src


def differences(a, b, path: str = "") -> list[str]:
    if type(a) is not type(b):
        return [f"{path or '/'}: {json.dumps(a, ensure_ascii=False)[:160]} → {json.dumps(b, ensure_ascii=False)[:160]}"]
    if isinstance(a, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}/{k}: {'absent' if k not in a else 'present'} → "
                           f"{'absent' if k not in b else 'present'}")
            else:
                out += differences(a[k], b[k], f"{path}/{k}")
        return out
    if isinstance(a, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items → {len(b)} items"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {json.dumps(a, ensure_ascii=False)[:160]} → "
                              f"{json.dumps(b, ensure_ascii=False)[:160]}"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", default="a20b324", help="the commit whose output is the reference")
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--keep", type=Path, help="keep the input and both outputs in this folder")
    ap.add_argument("--repeat", type=int, default=1, help="time each side this many times (alternating)")
    args = ap.parse_args()
    require_data()
    work = Path(tempfile.mkdtemp(prefix="marsad-diff-"))
    keep = args.keep or work
    keep.mkdir(parents=True, exist_ok=True)
    inp, old, new = keep / "input.jsonl", keep / f"old-{args.rev}.jsonl", keep / "new.jsonl"
    try:
        write_input(inp, args.articles)
        tree = work / "tree"
        old_src = worktree_src(args.rev, tree)
        old_times, new_times = [], []
        for _ in range(max(1, args.repeat)):
            seconds, old_errors = run_extract(old_src, inp, old)
            old_times.append(seconds)
            seconds, new_errors = run_extract(REPO / "src", inp, new)
            new_times.append(seconds)
        old_seconds, new_seconds = min(old_times), min(new_times)
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(work / "tree")],
                       capture_output=True)
    old_lines = old.read_text("utf-8").splitlines()
    new_lines = new.read_text("utf-8").splitlines()
    changed = 0
    for i, (a, b) in enumerate(itertools.zip_longest(old_lines, new_lines)):
        if a == b:
            continue
        changed += 1
        if a is None or b is None:
            print(f"line {i + 1}: only in {'the new' if a is None else 'the old'} output")
            continue
        x, y = json.loads(a), json.loads(b)
        print(f"line {i + 1} ({x.get('id') or x.get('source')}):")
        for d in differences(x, y)[:12]:
            print(f"  {d}")
    for line in sorted(set(old_errors) ^ set(new_errors)):
        changed += 1
        print(f"{'only before' if line in old_errors else 'only now'}: {line}")
    print(f"{len(old_lines)} articles written, {len(old_errors)} refused; {changed} differ; extract took "
          f"{old_seconds:.1f} s at {args.rev}, {new_seconds:.1f} s now (one process each, evidence pass included; best of {len(old_times)}): "
          f"speed ratio now/before {old_seconds / new_seconds:.3f}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
