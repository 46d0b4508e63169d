"""No text from ../shared in the project: no run of 10 Arabic words in a tracked file occurs in the example page
or in the news corpora (the project writes its own examples; annotations keep ids and offsets only).

Run as a script to list the runs: `python tests/test_copied_text.py [--words N]` (N below 10 finds shorter
fragments worth rewriting too).
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
RUN = 10
# Arabic letters and Arabic-Indic digits; diacritics and tatweel are dropped before words are compared
_WORD = re.compile(r"[\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06FA-\u06FF]+")
_MARKS = re.compile(r"[\u064B-\u0652\u0640]")
TEXT_SUFFIXES = {".py", ".yaml", ".yml", ".md", ".txt", ".json", ".jsonl", ".toml", ".tsv", ".html", ".cfg"}


def words(line: str) -> list[str]:
    return [_MARKS.sub("", w) for w in _WORD.findall(line)]


def tracked_runs(n: int) -> dict[tuple[str, ...], str]:
    """Every run of `n` words within a line of a tracked text file → the file it is in."""
    files = subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    runs: dict[tuple[str, ...], str] = {}
    for name in files:
        path = REPO / name
        if path.suffix not in TEXT_SUFFIXES or not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        for line in path.read_text("utf-8", errors="ignore").splitlines():
            ws = words(line)
            for i in range(len(ws) - n + 1):
                runs.setdefault(tuple(ws[i:i + n]), name)
    return runs


def shared_texts():
    """(where, text) of the example page and of every article of the news corpora."""
    for page in sorted((SHARED / "examples" / "seed").glob("*.txt")):
        yield page.name, page.read_text("utf-8")
    for corpus in sorted((SHARED / "data" / "news").glob("*.jsonl.gz")):
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                yield doc.get("id", corpus.name), (doc.get("title") or "") + "\n" + (doc.get("text") or "")


def copied(n: int = RUN) -> dict[tuple[str, ...], tuple[str, str]]:
    """Runs of `n` words that a tracked file shares with ../shared → (the file, the shared text's id)."""
    mine = tracked_runs(n)
    starts = {run[0] for run in mine}  # only positions that start some run of ours are worth a tuple
    hits: dict[tuple[str, ...], tuple[str, str]] = {}
    for where, text in shared_texts():
        for line in text.splitlines():
            ws = words(line)
            for i in range(len(ws) - n + 1):
                if ws[i] in starts:
                    run = tuple(ws[i:i + n])
                    if run in mine and run not in hits:
                        hits[run] = (mine[run], where)
    return hits


def test_no_run_of_ten_arabic_words_from_shared():
    import pytest

    if not (SHARED / "data" / "news").is_dir() or not (SHARED / "examples" / "seed").is_dir():
        pytest.skip(f"{SHARED} is absent (the shared folder is not beside the project): nothing to compare with")
    hits = copied()
    assert not hits, "\n".join(f"{f} (from {where}): «{' '.join(run)}»" for run, (f, where) in sorted(hits.items()))


if __name__ == "__main__":
    n = int(sys.argv[sys.argv.index("--words") + 1]) if "--words" in sys.argv else RUN
    found = copied(n)
    for run, (f, where) in sorted(found.items(), key=lambda kv: kv[1]):
        print(f"{f} (from {where}): «{' '.join(run)}»")
    print(f"{len(found)} runs of {n} Arabic words shared with {SHARED}")
