"""Choose the pages of the larger boilerplate set (ids only), before anyone annotates them or scores anything.

    python bench/select_clean_pages.py      # writes bench/gold/boilerplate_pages.yaml

Deterministic (random.Random(27) over file order), and blind to the cleaner: pages are drawn per outlet, not for
what they contain. From each of the 19 news outlets of ../shared/data/news, 6 articles of at most 80 lines; from
the Common Crawl sample, 50 pages of at most 80 lines. None of the 45 pages of boilerplate_dev.yaml is drawn.
Each outlet's first 4 articles (and 26 of the 50 web pages) are for training and development; the other 2 per
outlet (and 24 web pages) form the blind set, annotated by someone who sees neither Marsad's rules nor its output,
and scored once.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict

import yaml

from _shared import DATA, REPO, write_selection

OUT = REPO / "bench/gold/boilerplate_pages.yaml"
PER_OUTLET, BLIND_PER_OUTLET = 6, 2
WEB_PAGES, WEB_BLIND = 50, 24
MAX_LINES = 80


def main() -> None:
    taken = {a["id"] for a in yaml.safe_load((REPO / "bench/gold/boilerplate_dev.yaml").read_text("utf-8"))["articles"]}
    pages = []
    for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"):
        by_outlet: dict[str, list[tuple[str, int]]] = defaultdict(list)
        with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                n = len((row.get("text") or "").split("\n"))
                if row["id"] not in taken and n <= MAX_LINES:
                    by_outlet[row["source"]].append((row["id"], n))
        for outlet in sorted(by_outlet):
            rows = by_outlet[outlet]
            random.Random(27).shuffle(rows)
            for k, (id_, n) in enumerate(rows[:PER_OUTLET]):
                split = "blind" if k >= PER_OUTLET - BLIND_PER_OUTLET else "train"
                pages.append({"id": id_, "corpus": corpus, "outlet": outlet, "lines": n, "split": split})
    web = []
    with open(DATA / "web/cc_arabic_web_sample.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            n = len((row.get("text") or "").split("\n"))
            if row["id"] not in taken and n <= MAX_LINES:
                web.append((row["id"], row.get("source"), n))
    random.Random(27).shuffle(web)
    for k, (id_, site, n) in enumerate(web[:WEB_PAGES]):
        split = "blind" if k >= WEB_PAGES - WEB_BLIND else "train"
        pages.append({"id": id_, "corpus": "web/cc_arabic_web_sample.jsonl", "outlet": site, "lines": n,
                      "split": split})
    write_selection(OUT, "pages", pages, __doc__)


if __name__ == "__main__":
    main()
