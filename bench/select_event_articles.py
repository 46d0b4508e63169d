"""Choose the articles of the events sets (ids only), before anyone annotates or scores them.

    python bench/select_event_articles.py    # writes bench/gold/event_articles.yaml

Deterministic (random.Random(33) over file order) and blind to Marsad: drawn by metadata, not by content. Events
between parties are mostly in political and world news, so from the ANT corpus only its `internationalNews` and
`middleEast` articles are drawn, 8 from each of its five outlets (3 for development, 5 blind); from each of the 14
SaudiNewsNet outlets 3 articles (1 for development, 2 blind). 400 to 2,000 characters; none in any earlier gold
set. As written: 29 development and 52 blind articles.
"""

from __future__ import annotations

import gzip
import json
import random
from collections import defaultdict

from _shared import DATA, REPO, write_selection
from select_name_articles import earlier_ids

OUT = REPO / "bench/gold/event_articles.yaml"
MIN_CHARS, MAX_CHARS = 400, 2000
NEWS_CATEGORIES = ("internationalNews", "middleEast")


def main() -> None:
    taken = earlier_ids()
    articles = []
    for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"):
        ant = corpus.startswith("news/ant")
        by_outlet: dict[str, list[str]] = defaultdict(list)
        with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                size = len(row.get("text") or "")
                if row["id"] in taken or not MIN_CHARS <= size <= MAX_CHARS:
                    continue
                if ant and row.get("category") not in NEWS_CATEGORIES:
                    continue
                by_outlet[row["source"]].append(row["id"])
        for outlet in sorted(by_outlet):
            ids = sorted(set(by_outlet[outlet]))
            random.Random(33).shuffle(ids)
            # ANT: 8 per outlet (3 development, 5 blind); SaudiNewsNet: 3 per outlet (1 development, 2 blind)
            per, dev = (8, 3) if ant else (3, 1)
            for k, id_ in enumerate(ids[:per]):
                articles.append({"id": id_, "corpus": corpus, "outlet": outlet, "split": "dev" if k < dev else "blind"})
    write_selection(OUT, "articles", articles, __doc__)


if __name__ == "__main__":
    main()
