"""What a change to the entity step does to real news: the entities of a fixed news sample, and the difference
between two such dumps.

    .venv/bin/python bench/ner_news_diff.py dump OUT.jsonl [--articles 3000]
    .venv/bin/python bench/ner_news_diff.py compare BEFORE.jsonl AFTER.jsonl [--top 60]

`dump` runs marsad.analyze over the first N/2 articles of each of the two news corpora in ../shared/data/news
(ANT and SaudiNewsNet) and writes one JSON line per article: its position and its entities (start, end, label,
rule). `compare` counts the entities that only one dump has, by span text and label, most frequent first. The
counts quoted in lexicon.yaml and rules.py come from dumps made before and after a change (`git stash`, dump,
`git stash pop`, dump).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from itertools import islice

from _shared import DATA, require_data

CORPORA = ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz")


def dump(out: str, articles: int) -> None:
    from marsad.api import analyze
    from marsad.errors import MarsadInputError

    with open(out, "w", encoding="utf-8") as fh:
        for corpus in CORPORA:
            with gzip.open(DATA / corpus, "rt", encoding="utf-8") as rows:
                for k, line in enumerate(islice(rows, articles // 2)):
                    text = json.loads(line).get("text") or ""
                    try:
                        a = analyze(text)
                    except MarsadInputError:  # an empty or unreadable article: no entities to compare
                        continue
                    a = a if isinstance(a, dict) else a.to_dict()
                    ents = [[e["start"], e["end"], e["label"], e["rule"]] for e in a["entities"]]
                    fh.write(json.dumps({"corpus": corpus, "k": k, "text": a["text"], "entities": ents},
                                        ensure_ascii=False) + "\n")


def _load(path: str) -> dict[tuple[str, int], dict]:
    with open(path, encoding="utf-8") as fh:
        return {(r["corpus"], r["k"]): r for r in map(json.loads, fh)}


def compare(before: str, after: str, top: int) -> None:
    a, b = _load(before), _load(after)
    gone: Counter = Counter()
    new: Counter = Counter()
    n_a = n_b = 0
    for key in a.keys() & b.keys():
        text = b[key]["text"]
        ea = Counter((s, e, lab) for s, e, lab, _ in a[key]["entities"])
        eb = Counter((s, e, lab) for s, e, lab, _ in b[key]["entities"])
        n_a += sum(ea.values())
        n_b += sum(eb.values())
        for (s, e, lab), n in (ea - eb).items():
            gone[(text[s:e], lab)] += n
        for (s, e, lab), n in (eb - ea).items():
            new[(text[s:e], lab)] += n
    print(f"{len(a.keys() & b.keys())} articles: {n_a} entities before, {n_b} after; "
          f"{sum(gone.values())} only before, {sum(new.values())} only after")
    for title, c in (("only before", gone), ("only after", new)):
        print(f"{title}:")
        for (span, label), n in c.most_common(top):
            print(f"  {n:5d}  {label:4s} {span}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out")
    d.add_argument("--articles", type=int, default=3000)
    c = sub.add_parser("compare")
    c.add_argument("before")
    c.add_argument("after")
    c.add_argument("--top", type=int, default=60)
    args = ap.parse_args()
    if args.cmd == "dump":
        require_data()
        dump(args.out, args.articles)
    else:
        compare(args.before, args.after, args.top)


if __name__ == "__main__":
    main()
