"""Time per character of the full analysis, from small to large articles: every step must be linear.

    python bench/linear.py [--sizes 1000,10000,100000,1000000] [--kinds news,statements,dates,digits,names]
                           [--clean] [--profile KIND:SIZE]

Kinds of input (each built to the size asked):
- news: real news articles of ../shared/data/news joined into one text (the realistic case);
- statements: one reported-speech sentence with a speaker anaphor, repeated («وأضافت الوزارة أن …»);
- dates: one date expression repeated, with numbers around it;
- digits: one Arabic sentence with a run of digits of the given length inside it;
- names: one sentence with several names and their short forms, repeated (entity linking, speakers).

The text is analysed as given (`--no-clean`), so that every size analyses all of it; `--clean` runs the
cleaning step too (its line classifier and rules), on news the realistic case for it.

Prints the seconds and microseconds per character for each size, per step where a step takes a tenth of the
time or more, and the ratio of the largest size's time per character to the smallest's (linear: about 1). The
test `tests/test_linear_time.py` checks the same inputs with generous bounds.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import sys
import time

from _shared import DATA, REPO

sys.path.insert(0, str(REPO / "src"))
from marsad.options import Options  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.read.base import raw_article  # noqa: E402

# our own sentences (written for this benchmark)
STATEMENT = ("أعلنت وزارة الصحة العامة في بيان اليوم أن حملة التطعيم بدأت في المدارس. "
             "وأضافت الوزارة أن الفرق الطبية زارت 120 مدرسة خلال الأسبوع الأول. "
             "وقال الوزير خالد العمري إن \"الحملة ستستمر حتى نهاية الشهر\". ")
DATE = "وصل الوفد في 14 آذار/مارس 2024 وعقد 3 اجتماعات بحضور 25 خبيرا. "
NAMES = ("والتقى الرئيس سمير الحداد رئيس الوزراء نادر القاسم في مدينة طرابلس، وقال الحداد إن شركة النور "
         "للطاقة ستبني محطة في بنغازي، وأكد القاسم أن النور ستوظف ألفي عامل. ")


def news_text(size: int) -> str:
    parts, total = [], 0
    for corpus in ("news/saudinewsnet.jsonl.gz", "news/ant_multisource.jsonl.gz"):
        with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                parts.append(text)
                total += len(text) + 1
                if total >= size:
                    return "\n".join(parts)[:size]
    return "\n".join(parts)[:size]


def build(kind: str, size: int) -> str:
    if kind == "news":
        return news_text(size)
    if kind == "digits":
        return "بلغت قيمة الرقم التسلسلي " + "7" * max(1, size - 60) + " وفق ما أعلنت الشركة اليوم."
    unit = {"statements": STATEMENT, "dates": DATE, "names": NAMES}[kind]
    return (unit * (size // len(unit) + 1))[:size].rsplit(" ", 1)[0] + "."


def timed(pipeline: Pipeline, text: str) -> tuple[float, dict[str, float]]:
    article = raw_article(text, "text", path=None)
    steps: dict[str, float] = {}
    start = time.perf_counter()
    for step in pipeline.steps:
        t = time.perf_counter()
        step.process(article)
        steps[step.name] = time.perf_counter() - t
    return time.perf_counter() - start, steps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--kinds", default="news,statements,dates,digits,names")
    ap.add_argument("--profile", help="KIND:SIZE: print the profile of one input instead")
    ap.add_argument("--clean", action="store_true", help="run the cleaning step too")
    args = ap.parse_args()
    pipeline = Pipeline.standard(Options(clean=args.clean))
    timed(pipeline, build("statements", 2000))  # load the models before anything is timed
    if args.profile:
        kind, size = args.profile.split(":")
        text = build(kind, int(size))
        prof = cProfile.Profile()
        prof.enable()
        timed(pipeline, text)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'input':<12}{'characters':>12}{'seconds':>10}{'µs/char':>10}  slowest steps")
    for kind in args.kinds.split(","):
        timed(pipeline, build(kind, sizes[0]))  # the entity step's per-word caches fill on first sight
        per_char = []
        for size in sizes:
            text = build(kind, size)
            seconds, steps = timed(pipeline, text)
            per_char.append(seconds / len(text) * 1e6)
            slow = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(steps.items(), key=lambda kv: -kv[1])
                             if v >= 0.1 * seconds)
            print(f"{kind:<12}{len(text):>12,}{seconds:>10.2f}{per_char[-1]:>10.1f}  {slow}", flush=True)
        print(f"{kind:<12}largest/smallest time per character: {per_char[-1] / per_char[0]:.2f}")


if __name__ == "__main__":
    main()
