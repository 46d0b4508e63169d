"""Choose the articles of the names-and-speakers sets (ids only), before anyone annotates or scores them.

    python bench/select_name_articles.py              # writes bench/gold/name_articles.yaml
    python bench/select_name_articles.py --round 2    # a second blind set: bench/gold/name_articles2.yaml
    python bench/select_name_articles.py --round 3    # a third: bench/gold/name_articles3.yaml
    python bench/select_name_articles.py --round 4    # a fourth: bench/gold/name_articles4.yaml

Deterministic (random.Random(32) over file order) and blind to Marsad: articles are drawn per outlet, not for what
they contain. From each of the 19 news outlets of ../shared/data/news, 6 articles of 400 to 2,000 characters
(long enough to hold names and statements, short enough to annotate every name), none in any earlier gold set of
bench/gold. Each outlet's first 3 are for development (57 articles); the other 3 (57) form the blind set,
annotated by someone who sees neither Marsad's rules nor its output (docs/annotation/names_speakers.md), and
scored once.
Round 2 (drawn after the first blind set had been scored and become development data, to estimate the entity
rules and speakers as they are after the work that follows it): random.Random(3202), 3 articles per outlet, the
same lengths, none in any gold set then committed, all blind (split `second`, annotated into
bench/gold/names_second*.jsonl). The committed round-2 file is not what a rerun gives: it was drawn while
name_articles.yaml was briefly overwritten by a rerun of round 1 (whose ids differ now that later gold sets count
as earlier; restored before anything was annotated), so those ids counted as taken. It was drawn by metadata all
the same, before annotation.
Round 3 (drawn after the second blind set had been scored at 2ecf2c4 and become development data, to estimate the
rules after the work that follows it): the same shares, random.Random(3203), split `third`
(bench/gold/names_third*.jsonl).
Round 4 (drawn after the third had been scored at 7d50e1f and become development data): the same shares,
random.Random(3204), split `fourth` (bench/gold/names_fourth*.jsonl).
"""

from __future__ import annotations

import json

import yaml

from _shared import REPO, chosen_round, draw_per_outlet, write_selection

OUT = REPO / "bench/gold/name_articles.yaml"
PER_OUTLET, BLIND_PER_OUTLET = 6, 3
MIN_CHARS, MAX_CHARS = 400, 2000


# the files of this set and of the sets drawn after it: not "earlier", so the draw is the same when rerun later
LATER = ("name_articles", "names_blind", "names_dev", "event_articles", "events_blind", "events_dev")


def earlier_ids(later: tuple[str, ...] = LATER) -> set[str]:
    """Every article id named by a gold file drawn before this set (JSONL lines or YAML lists with an `id`);
    files whose name starts with one of `later` are this set's own or came after it."""
    taken: set[str] = set()
    for path in sorted((REPO / "bench/gold").iterdir()):
        if path.name.startswith(later):
            continue
        if path.suffix == ".jsonl":
            taken |= {json.loads(line)["id"] for line in path.read_text("utf-8").splitlines() if line.strip()}
        elif path.suffix == ".yaml":
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


# later rounds: round → (split, seed); a round's files are bench/gold/name_articles<round>.yaml and
# names_<split>*.jsonl
ROUNDS = {2: ("second", 3202), 3: ("third", 3203), 4: ("fourth", 3204)}


def later_round(n: int) -> None:
    # every gold file committed when this round was drawn counts as earlier; its own and later rounds' do not
    split, seed = ROUNDS[n]
    taken = earlier_ids(tuple(p for r, (sp, _) in ROUNDS.items() if r >= n
                              for p in (f"name_articles{r}", f"names_{sp}")))
    articles = [dict(item, split=split) for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz")
                for item in draw_per_outlet(corpus, taken, MIN_CHARS, MAX_CHARS, seed, BLIND_PER_OUTLET, 0)]
    write_selection(OUT.with_name(f"name_articles{n}.yaml"), "articles", articles, __doc__)


def main() -> None:
    n = chosen_round(__doc__, ROUNDS)
    if n > 1:
        later_round(n)
        return
    taken = earlier_ids(LATER + tuple(p for r, (split, _) in ROUNDS.items() for p in (f"name_articles{r}",
                                                                                       f"names_{split}")))
    articles = [item for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz")
                for item in draw_per_outlet(corpus, taken, MIN_CHARS, MAX_CHARS, 32, PER_OUTLET,
                                            PER_OUTLET - BLIND_PER_OUTLET)]
    write_selection(OUT, "articles", articles, __doc__)


if __name__ == "__main__":
    main()
