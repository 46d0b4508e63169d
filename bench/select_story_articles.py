"""Choose the articles of the story and entity gold sets (ids only), before anyone annotates or scores them.

    python bench/select_story_articles.py      # writes bench/gold/story_articles.yaml

Deterministic (random.Random(30) over sorted ids) and blind to Marsad: articles are drawn by day, not for what
they contain. Stories are grouped within one day of the ANT corpus (five outlets, about 200 articles a day), so
that the same event is covered by several outlets inside one set: from each chosen day, 100 articles drawn at
random among those of 200 characters or more (each id once; the corpus repeats some). The development day is
2018-05-09, the day the issue's first look was taken on (the US withdrawal from the Iran nuclear deal); three
blind days are drawn among the days with 150 articles or more, each at least a week from the others and from
the development day (300 blind articles). The entity set takes the first 15 drawn articles of 400 to 2,500
characters of each day (15 for development, 45 blind): annotators list every person and organisation name in
them and group the names into real-world entities.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import random
from collections import defaultdict

from _shared import DATA, REPO, write_selection

OUT = REPO / "bench/gold/story_articles.yaml"
CORPUS = "news/ant_multisource.jsonl.gz"
DEV_DAY = dt.date(2018, 5, 9)
PER_DAY, ENTITY_PER_DAY = 100, 15
MIN_DAY_ARTICLES, MIN_CHARS = 150, 200
ENTITY_CHARS = (400, 2500)
BLIND_DAYS, MIN_GAP_DAYS = 3, 7


def day_of(value: str | None) -> dt.date | None:
    try:
        return email.utils.parsedate_to_datetime(value).date() if value else None
    except (TypeError, ValueError):
        return None


def main() -> None:
    by_day: dict[dt.date, dict[str, int]] = defaultdict(dict)
    with gzip.open(DATA / CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            day = day_of(row.get("date"))
            size = len(row.get("text") or "")
            if day and size >= MIN_CHARS:
                by_day[day][row["id"]] = size
    rng = random.Random(30)
    dense = sorted(d for d, ids in by_day.items() if len(ids) >= MIN_DAY_ARTICLES)
    chosen = [DEV_DAY]
    for day in rng.sample(dense, len(dense)):
        if all(abs((day - c).days) >= MIN_GAP_DAYS for c in chosen):
            chosen.append(day)
        if len(chosen) == 1 + BLIND_DAYS:
            break
    items = []
    for k, day in enumerate(chosen):
        split = "dev" if k == 0 else "blind"
        ids = rng.sample(sorted(by_day[day]), PER_DAY)
        for_entities = [i for i in ids if ENTITY_CHARS[0] <= by_day[day][i] <= ENTITY_CHARS[1]][:ENTITY_PER_DAY]
        for i in ids:
            items.append({"id": i, "corpus": CORPUS, "day": day.isoformat(), "split": split,
                          "window": f"{split}-{day.isoformat()}", "entities": i in for_entities})
    write_selection(OUT, "articles", items, __doc__)


if __name__ == "__main__":
    main()
