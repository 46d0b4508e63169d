"""Every arithmetic check Marsad makes on 2,000 news articles, with the sentences it read, for hand judging.

    python bench/checks_sample.py [--articles 2000] [--out checks.jsonl]

Articles: the first N/2 of each corpus of ../shared/data/news whose text cleans (file order, no choice).
Each line of the output: article id, the check (claimed, computed, consistent, evidence, rule) and the
text from the first paired amount's sentence to the last one's, with the paired amounts marked ⟦…⟧.
bench/NOTES.md (arithmetic checks, hand-judged) reports the hand judgement of every "inconsistent" and of 50
"consistent" ones.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys

from _shared import DATA, REPO, require_data

sys.path.insert(0, str(REPO / "src"))
from marsad.api import analyze  # noqa: E402
from marsad.errors import MarsadInputError  # noqa: E402


def context(article, check) -> str:
    qs = [article.quantities[k] for k in check.quantities]
    text = article.text
    start = min(q.span.start for q in qs)
    end = max(q.span.end for q in qs)
    start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stop = [p for p in (text.find(".", end), text.find("\n", end)) if p >= 0]
    end = min(stop) if stop else len(text)
    marked = text[start:end]
    for q in sorted(qs, key=lambda q: -q.span.start):
        a, b = q.span.start - start, q.span.end - start
        marked = marked[:a] + "⟦" + marked[a:b] + "⟧" + marked[b:]
    return " ".join(marked.split())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    require_data()
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    counts = {"articles": 0, "consistent": 0, "inconsistent": 0}
    for corpus in ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz"):
        taken = 0
        with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                if taken >= args.articles // 2:
                    break
                row = json.loads(line)
                try:
                    article = analyze(row["text"], id=row["id"], published=row.get("date"), url=row.get("url"),
                                      outlet=row.get("source"))
                except MarsadInputError:
                    continue
                taken += 1
                counts["articles"] += 1
                for check in article.checks:
                    counts["consistent" if check.consistent else "inconsistent"] += 1
                    out.write(json.dumps({"id": row["id"], **check.to_dict(),
                                          "context": context(article, check)}, ensure_ascii=False) + "\n")
    print(json.dumps(counts), file=sys.stderr)


if __name__ == "__main__":
    main()
