"""Score an earlier commit's boilerplate cleaner on the same annotated pages as bench/clean.py.

    git worktree add /tmp/marsad-before 3b304c6
    python bench/clean_baseline.py /tmp/marsad-before [--set blind]

The earlier cleaner is imported from that checkout's src/ (its `classify_lines(lines)` takes the lines alone:
no title, no corpus evidence) and scored by bench/clean.py's `quality`, line for line as the current one is.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import clean as bench


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("checkout", type=Path, help="a checkout (git worktree) of the earlier commit")
    ap.add_argument("--set", action="append", choices=sorted(bench.SETS), help="sets to score (default: blind)")
    args = ap.parse_args()
    for name in [m for m in sys.modules if m == "marsad" or m.startswith("marsad.")]:
        del sys.modules[name]
    sys.path.insert(0, str(args.checkout.resolve() / "src"))
    from marsad.clean import boilerplate as earlier

    bench.classify_lines = lambda lines, title=None, recurrence=None: earlier.classify_lines(lines)
    out = {"cleaner": earlier.__file__}
    for name in args.set or ["blind"]:
        out[name] = bench.quality(name)
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
