"""The store-wide entity index against hand-grouped names (docs/rules.md#quality-bars: pairwise precision ≥ 0.95,
recall ≥ 0.85; the blind score is in bench/NOTES.md).

    python bench/entity_index.py [--set dev|blind] [--db bench/.cache_serve.db] [--errors]

The store is the whole ANT corpus (bench/serve.py builds and caches it); the index is rebuilt on it (the time is
printed: the cost of one rebuild on 31k articles). Gold: bench/gold/entities_<set>.jsonl, every person and
organisation name of the set's articles with the real-world entity it names (docs/annotation/stories_entities.md).

A gold name is one unit (article, name as written). Marsad's answer for it is the entity of the mention of that
article whose text is the same name (after the index's spelling key), else of the mention that holds it or that
it holds, word for word; a name Marsad did not tag is a unit of its own (it then joins nothing: a recall loss).
Scored over every pair of units, within and across articles: a pair is "same" in the gold when both name the same
entity, and in Marsad when both get the same index entry. Printed with the same scores before the index (each
article's canonical name as it is, the state the issue found) in the same run.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time

from _shared import REPO, build_ant_store as build_store, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.store import open_store  # noqa: E402
from marsad.store.entity_index import name_key, name_words, rebuild_entity_index  # noqa: E402


def gold_units(split: str) -> list[dict]:
    path = REPO / f"bench/gold/entities_{split}.jsonl"
    units = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            units[(item["id"], name_key(item["text"]))] = item
    return list(units.values())


def predict(store, units: list[dict]) -> tuple[list, list, int]:
    """For each unit: (index entity, per-article canonical key) or None where no mention matches."""
    to_entity = dict(store.query("SELECT canonical_key, entity FROM entity_keys"))
    seq_of = {}
    after, before, matched = [], [], 0
    for unit in units:
        if unit["id"] not in seq_of:
            seq_of[unit["id"]] = store.scalar("SELECT MIN(seq) FROM articles WHERE id = ?", (unit["id"],))
        mentions = store.query("SELECT text, canonical_key FROM entities WHERE article_seq = ?",
                               (seq_of[unit["id"]],))
        want = name_key(unit["text"])
        words = list(name_words(unit["text"]))
        best, best_overlap = None, 0
        for text, ckey in mentions:
            key = name_key(text)
            if key == want:
                best, best_overlap = ckey, 10 ** 6
                break
            have = list(name_words(text))
            inner, outer = (words, have) if len(words) <= len(have) else (have, words)
            if any(outer[i:i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1)):
                if len(inner) > best_overlap:
                    best, best_overlap = ckey, len(inner)
        if best is None:
            after.append(None)
            before.append(None)
        else:
            matched += 1
            after.append(to_entity.get(best))
            before.append(best)
    return after, before, matched


def pairwise(gold: list[str], predicted: list, cross_only: bool, articles: list[str]) -> dict:
    tp = fp = fn = 0
    for i, j in itertools.combinations(range(len(gold)), 2):
        if cross_only and articles[i] == articles[j]:
            continue
        same_gold = gold[i] == gold[j]
        same_pred = predicted[i] is not None and predicted[i] == predicted[j]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "same_pairs": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", default="dev", choices=("dev", "blind"))
    ap.add_argument("--db", default=str(REPO / "bench/.cache_serve.db"))
    ap.add_argument("--errors", action="store_true", help="list the pairs scored wrong")
    args = ap.parse_args()
    require_data()
    build_store(args.db)
    store = open_store(args.db)
    started = time.perf_counter()
    entries = rebuild_entity_index(store)
    seconds = time.perf_counter() - started
    mentions = store.scalar("SELECT COUNT(*) FROM entities")
    print(f"index: {entries} entities from {mentions} mentions in {seconds:.1f} s")
    units = gold_units(args.set)
    after, before, matched = predict(store, units)
    gold = [u["entity"] for u in units]
    articles = [u["id"] for u in units]
    print(f"{args.set}: {len(units)} names of {len(set(gold))} entities in {len(set(articles))} articles; "
          f"{matched} ({matched / len(units):.0%}) match a Marsad mention")
    for label, predicted in (("before the index (per-article canonical names)", before), ("entity index", after)):
        print(f"{label}:\n  all pairs   {pairwise(gold, predicted, False, articles)}\n"
              f"  across articles {pairwise(gold, predicted, True, articles)}")
    # the index's own share: only the names the entity step found (a name it missed can join nothing)
    found = [i for i, p in enumerate(after) if p is not None]
    print(f"entity index, names found by the entity step only ({len(found)}): "
          f"{pairwise([gold[i] for i in found], [after[i] for i in found], False, [articles[i] for i in found])}")
    if args.errors:
        for i, j in itertools.combinations(range(len(units)), 2):
            same_gold = gold[i] == gold[j]
            same_pred = after[i] is not None and after[i] == after[j]
            if same_gold != same_pred:
                kind = "merged wrongly" if same_pred else "kept apart"
                print(f"{kind}: {units[i]['id']} «{units[i]['text']}» / {units[j]['id']} «{units[j]['text']}» "
                      f"(gold {gold[i]} / {gold[j]})")


if __name__ == "__main__":
    main()
