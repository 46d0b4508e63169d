"""Story clusters against hand-grouped events (docs/rules.md#quality-bars: B-cubed precision ≥ 0.85, recall
≥ 0.75; the blind score is in bench/NOTES.md), and what placing an article costs.

    python bench/stories.py [--set dev|blind] [--db bench/.cache_serve.db] [--keep] [--errors]
    python bench/stories.py --cost bench/.cache_news62k.db      # cost per article over a whole store

The store is the whole ANT corpus (bench/serve.py builds and caches it). Unless --keep, every story is forgotten
and all 31k articles are placed again in ingest order, as `marsad ingest` places them one by one (the time per
article is printed by slices of the store, to show whether it grows with the store). Gold:
bench/gold/stories_<window>.yaml, 100 articles of one day grouped into events by hand
(docs/annotation/stories_entities.md): dev is 2018-05-09, blind the three other days. B-cubed precision and
recall over the gold articles (each article's predicted story cut down to the gold articles), with the same
scores for the stories of the LSH near-duplicate links Marsad had before (exact and near duplicates only), and the
share of multi-article stories that span two or more outlets, in the gold and in Marsad's answer.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

import yaml

from _shared import REPO, build_ant_store as build_store, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.store import open_store  # noqa: E402
from marsad.store.story_clusters import cluster_new_articles, forget_stories, recluster  # noqa: E402

WINDOWS = {"dev": ["dev-2018-05-09"], "blind": ["blind-2018-04-16", "blind-2018-06-01", "blind-2018-06-13"]}


def gold_events(window: str) -> dict[str, str]:
    data = yaml.safe_load((REPO / f"bench/gold/stories_{window}.yaml").read_text("utf-8"))
    return {i: f"{window}:{k}" for k, e in enumerate(data["events"]) for i in e["articles"]}


def bcubed(gold: dict[str, str], predicted: dict[str, object]) -> dict:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item, g in gold.items():
        by_gold[g].add(item)
        by_pred[predicted[item]].add(item)
    p = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_pred[predicted[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[predicted[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def multi_outlet_share(groups: dict[object, set[str]], outlet: dict[str, str]) -> str:
    multi = [g for g in groups.values() if len(g) >= 2]
    wide = [g for g in multi if len({outlet[i] for i in g}) >= 2]
    return f"{len(wide)}/{len(multi)} multi-article stories span 2+ outlets"


def time_placement(store) -> None:
    """Place every article again, timing slices of 5,000: the cost per article as the store grows."""
    forget_stories(store)
    total = store.scalar("SELECT COUNT(*) FROM articles")
    done, slices = 0, []
    while done < total:
        started = time.perf_counter()
        n = cluster_new_articles(store, limit=5000)
        if not n:
            break
        slices.append((done + 1, done + n, (time.perf_counter() - started) / n * 1000))
        done += n
    for first, last, ms in slices:
        print(f"  articles {first:>6}–{last:<6} {ms:.2f} ms per article")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="dev", choices=tuple(WINDOWS))
    ap.add_argument("--db", default=str(REPO / "bench/.cache_serve.db"))
    ap.add_argument("--keep", action="store_true", help="score the stories as stored, without placing again")
    ap.add_argument("--errors", action="store_true", help="print each gold event next to Marsad's stories")
    ap.add_argument("--cost", metavar="DB", help="only time the placement of every article of this store")
    args = ap.parse_args()
    require_data()
    if args.cost:
        store = open_store(args.cost)
        print(f"{args.cost}: {store.scalar('SELECT COUNT(*) FROM articles')} articles")
        time_placement(store)
        return
    build_store(args.db)
    store = open_store(args.db)
    if not args.keep:
        started = time.perf_counter()
        stories = recluster(store)
        n = store.scalar("SELECT COUNT(*) FROM articles")
        seconds = time.perf_counter() - started
        print(f"placed {n} articles in {seconds:.0f} s ({seconds / n * 1000:.2f} ms per article): "
              f"{stories} stories of 2+")
    for window in WINDOWS[args.set]:
        gold = gold_events(window)
        rows = store.query(f"SELECT a.id, a.outlet, m.story, a.seq, a.duplicate_of, a.title FROM articles a "
                           f"JOIN story_members m ON m.article_seq = a.seq WHERE a.id IN "
                           f"({', '.join('?' * len(gold))})", list(gold))
        found = {}
        for id_, outlet, story, seq, dup, title in rows:
            found.setdefault(id_, (outlet, story, seq, dup, title))
        missing = sorted(set(gold) - set(found))
        gold = {i: g for i, g in gold.items() if i in found}
        outlet = {i: found[i][0] for i in gold}
        predicted = {i: found[i][1] for i in gold}
        # before: only exact and near duplicates were linked across articles
        before = {i: found[i][3] or found[i][2] for i in gold}
        gold_groups, pred_groups = defaultdict(set), defaultdict(set)
        for i in gold:
            gold_groups[gold[i]].add(i)
            pred_groups[predicted[i]].add(i)
        print(f"{window}: {len(gold)} articles ({len(missing)} not in the store), {len(gold_groups)} gold events; "
              f"gold: {multi_outlet_share(gold_groups, outlet)}; Marsad: {multi_outlet_share(pred_groups, outlet)}")
        print(f"  duplicates only (before): {bcubed(gold, before)}")
        print(f"  story clusters:           {bcubed(gold, predicted)}")
        if args.errors:
            for g, items in sorted(gold_groups.items(), key=lambda kv: -len(kv[1])):
                stories = defaultdict(list)
                for i in items:
                    stories[predicted[i]].append(i)
                if len(stories) > 1 or any(len(pred_groups[s]) > len(items) for s in stories):
                    print(f"  gold {g} ({len(items)}):")
                    for s, ids in stories.items():
                        extra = sorted(pred_groups[s] - items)
                        print(f"    story {s}: {len(ids)} here" + (f", +{len(extra)} from other events: "
                              + "; ".join(found[e][4] or e for e in extra[:3]) if extra else ""))
                        for i in ids[:3]:
                            print(f"      {found[i][0]}: {found[i][4]}")


if __name__ == "__main__":
    main()
