"""Choose the articles of the events sets (ids only), before anyone annotates or scores them.

    python bench/select_event_articles.py              # writes bench/gold/event_articles.yaml
    python bench/select_event_articles.py --round 2    # a second blind set: bench/gold/event_articles2.yaml
    python bench/select_event_articles.py --round 3    # a third: bench/gold/event_articles3.yaml
    python bench/select_event_articles.py --round 4    # a fourth: bench/gold/event_articles4.yaml
    python bench/select_event_articles.py --round 5    # a fifth: bench/gold/event_articles5.yaml
    python bench/select_event_articles.py --round 6    # a sixth: bench/gold/event_articles6.yaml
    python bench/select_event_articles.py --round 7    # a seventh: bench/gold/event_articles7.yaml

Deterministic (random.Random(33) over file order) and blind to Marsad: drawn by metadata, not by content. Events
between parties are mostly in political and world news, so from the ANT corpus only its `internationalNews` and
`middleEast` articles are drawn, 8 from each of its five outlets (3 for development, 5 blind); from each of the 14
SaudiNewsNet outlets 3 articles (1 for development, 2 blind). 400 to 2,000 characters; none in any earlier gold
set. As written: 29 development and 52 blind articles.
Round 2 (drawn after the first blind set had been scored and become development data, to estimate the rules
as they are after the party and trigger work of bench/NOTES.md, events section): random.Random(3302), 6 articles
from each ANT outlet's political and world news and 1 from each SaudiNewsNet outlet (43: one of them had no
article left), none in any gold set then committed, all blind (split `second`, annotated into
bench/gold/events_second*.jsonl).
Round 3 (drawn after the second blind set had been scored at c8a6114 and become development data, to estimate
the rules after the work that follows it): the same shares, random.Random(3303), split `third`
(bench/gold/events_third*.jsonl).
Round 4 (drawn after the third blind set had been scored at 55bd6d8 and become development data, to estimate the
party work that follows it): the same shares, random.Random(3304), split `fourth` (bench/gold/events_fourth*.jsonl).
Round 5 (drawn after the fourth set had been scored at c89aeac and become development data): the same shares,
random.Random(3305), split `fifth` (bench/gold/events_fifth*.jsonl).
Round 6 (drawn after the fifth set had been scored at ca8fd85 and become development data): the same shares,
random.Random(3306), split `sixth` (bench/gold/events_sixth*.jsonl).
Round 7 (drawn after the sixth set had been scored at 3c814b0 and become development data): the same shares,
random.Random(3307), split `seventh` (bench/gold/events_seventh*.jsonl).
"""

from __future__ import annotations


from _shared import REPO, chosen_round, draw_per_outlet, write_selection
from select_name_articles import earlier_ids

OUT = REPO / "bench/gold/event_articles.yaml"
MIN_CHARS, MAX_CHARS = 400, 2000
NEWS_CATEGORIES = ("internationalNews", "middleEast")


def draw(taken: set[str], seed: int = 33, ant_per: tuple[int, int] = (8, 3),
         snn_per: tuple[int, int] = (3, 1)) -> list[dict]:
    """(articles per outlet, of which development) for the ANT and the SaudiNewsNet outlets."""
    articles = []
    for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"):
        ant = corpus.startswith("news/ant")
        news = (lambda row: row.get("category") in NEWS_CATEGORIES) if ant else None
        per, dev = ant_per if ant else snn_per
        articles += draw_per_outlet(corpus, taken, MIN_CHARS, MAX_CHARS, seed, per, dev, news)
    return articles


# later rounds: round → (split, seed); a round's files are bench/gold/event_articles<round>.yaml and
# events_<split>*.jsonl
ROUNDS = {2: ("second", 3302), 3: ("third", 3303), 4: ("fourth", 3304), 5: ("fifth", 3305), 6: ("sixth", 3306), 7: ("seventh", 3307)}


def later_files(first_round: int) -> tuple[str, ...]:
    """The name prefixes of the gold files of `first_round` and the rounds after it: not earlier sets."""
    return tuple(p for r, (split, _) in ROUNDS.items() if r >= first_round
                 for p in (f"event_articles{r}", f"events_{split}"))


def later_round(n: int) -> None:
    # every gold file committed when this round was drawn counts as earlier; its own and later rounds' do not
    split, seed = ROUNDS[n]
    taken = earlier_ids(later_files(n))
    articles = [dict(a, split=split) for a in draw(taken, seed, (6, 0), (1, 0))]
    write_selection(OUT.with_name(f"event_articles{n}.yaml"), "articles", articles, __doc__)


def main() -> None:
    n = chosen_round(__doc__, ROUNDS)
    if n > 1:
        later_round(n)
        return
    taken = earlier_ids(("event_articles", "events_blind", "events_dev") + later_files(2))
    # The committed selection is the script's third draw: it was run three times while this docstring was being
    # corrected, and each run counted the previous run's articles (then in event_articles.yaml) as an earlier
    # set. All three draws were made before any annotation and know nothing of the articles' content; the first
    # two are drawn and discarded here too, so that rerunning the script gives the committed file.
    articles: list[dict] = []
    for _ in range(3):
        articles = draw(taken | {a["id"] for a in articles})
    write_selection(OUT, "articles", articles, __doc__)


if __name__ == "__main__":
    main()
