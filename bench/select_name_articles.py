"""Choose the articles of the names-and-speakers sets (ids only), before anyone annotates or scores them.

    python bench/select_name_articles.py    # writes bench/gold/name_articles.yaml

Deterministic (random.Random(32) over file order) and blind to Marsad: articles are drawn per outlet, not for what
they contain. From each of the 19 news outlets of ../shared/data/news, 6 articles of 400 to 2,000 characters
(long enough to hold names and statements, short enough to annotate every name), none in any earlier gold set of
bench/gold. Each outlet's first 3 are for development (57 articles); the other 3 (57) form the blind set,
annotated by someone who sees neither Marsad's rules nor its output (docs/annotation/names_speakers.md), and
scored once.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict

import yaml

from _shared import DATA, REPO, write_selection

OUT = REPO / "bench/gold/name_articles.yaml"
PER_OUTLET, BLIND_PER_OUTLET = 6, 3
MIN_CHARS, MAX_CHARS = 400, 2000


def earlier_ids() -> set[str]:
    """Every article id named by an earlier gold file (JSONL lines or YAML lists with an `id`)."""
    taken: set[str] = set()
    for path in sorted((REPO / "bench/gold").iterdir()):
        if path.suffix == ".jsonl":
            taken |= {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()}
        elif path.suffix == ".yaml" and path != OUT:
            stack = [yaml.safe_load(path.read_text("utf-8"))]
            while stack:
                item = stack.pop()
                if isinstance(item, dict):
                    if isinstance(item.get("id"), str):
                        taken.add(item["id"])
                    stack.extend(item.values())
                elif isinstance(item, list):
                    stack.extend(item)
                    taken |= {x for x in item if isinstance(x, str) and "-" in x}
    return taken


def main() -> None:
    taken = earlier_ids()
    articles = []
    for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"):
        by_outlet: dict[str, list[str]] = defaultdict(list)
        with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                size = len(row.get("text") or "")
                if row["id"] not in taken and MIN_CHARS <= size <= MAX_CHARS:
                    by_outlet[row["source"]].append(row["id"])
        for outlet in sorted(by_outlet):
            ids = sorted(set(by_outlet[outlet]))  # the ANT corpus repeats some ids: draw each once
            random.Random(32).shuffle(ids)
            for k, id_ in enumerate(ids[:PER_OUTLET]):
                split = "blind" if k >= PER_OUTLET - BLIND_PER_OUTLET else "dev"
                articles.append({"id": id_, "corpus": corpus, "outlet": outlet, "split": split})
    write_selection(OUT, "articles", articles, __doc__)


if __name__ == "__main__":
    main()
