"""Choose the articles of the larger amounts-and-dates sets (ids only), before anyone annotates or scores them.

    python bench/select_fact_articles.py            # writes bench/gold/facts_articles.yaml
    python bench/select_fact_articles.py --round 2  # a second blind set: bench/gold/facts_articles2.yaml
    python bench/select_fact_articles.py --round 3  # a third: bench/gold/facts_articles3.yaml
    python bench/select_fact_articles.py --round 4  # a fourth: bench/gold/facts_articles4.yaml

Deterministic (random.Random(28) over file order) and blind to Marsad: articles are drawn per outlet, not for what
they contain. From each of the 19 news outlets of ../shared/data/news, 9 articles of 400 to 2,500 characters
(long enough to hold facts, short enough to annotate every one of them); none already in a quantities_dates_*
set. Each outlet's first 6 are for development (114 articles); the other 3 (57) form the blind set, annotated by
someone who sees neither Marsad's rules nor its output, and scored once.
Round 2 (drawn after the first blind set had become development data, to estimate the rules as they are
then): 3 more articles per outlet (57), none in any earlier set, all blind; random.Random(2802). Round 3, the
same after round 2 had been scored: random.Random(2803); round 4 after round 3: random.Random(2804).
"""

from __future__ import annotations

import json

import yaml

from _shared import REPO, draw_per_outlet, write_selection

OUT = REPO / "bench/gold/facts_articles.yaml"
PER_OUTLET, BLIND_PER_OUTLET = 9, 3
MIN_CHARS, MAX_CHARS = 400, 2500


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--round", type=int, default=1, choices=(1, 2, 3, 4))
    args = ap.parse_args()
    taken = set()
    for path in (REPO / "bench/gold").glob("quantities_dates_*.jsonl"):
        taken |= {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()}
    out, seed, per_outlet, blind_per_outlet = OUT, 28, PER_OUTLET, BLIND_PER_OUTLET
    if args.round >= 2:
        for k in range(1, args.round):
            earlier = OUT if k == 1 else OUT.with_name(f"facts_articles{k}.yaml")
            taken |= {a["id"] for a in yaml.safe_load(earlier.read_text("utf-8"))["articles"]}
        out, seed = OUT.with_name(f"facts_articles{args.round}.yaml"), 2800 + args.round
        per_outlet = blind_per_outlet = 3
    articles = [item for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz")
                for item in draw_per_outlet(corpus, taken, MIN_CHARS, MAX_CHARS, seed, per_outlet,
                                            per_outlet - blind_per_outlet)]
    write_selection(out, "articles", articles, __doc__)


if __name__ == "__main__":
    main()
