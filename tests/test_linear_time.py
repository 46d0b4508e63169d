"""Every step runs in time linear in the article's length: the time per character of a large article stays
within a constant factor of a small one's, for real news and for repeated patterns that once made steps
quadratic (a statement with an anaphor, a date among numbers, names and their short forms, a digit run).

Generous bounds (a factor of 3 where a quadratic step gives 30): bench/linear.py prints the curve up to 1 MB.
"""

from __future__ import annotations

import sys
import time

import pytest

from marsad.options import Options
from marsad.pipeline import Pipeline
from marsad.read.base import raw_article

from conftest import DATA, REPO

sys.path.insert(0, str(REPO / "bench"))
from linear import build  # noqa: E402

SMALL, LARGE = 10_000, 300_000
FACTOR = 3.0


@pytest.fixture(scope="module")
def pipeline():
    p = Pipeline.standard(Options(clean=False))
    p.process(raw_article(build("statements", 2_000), "text", path=None))  # models loaded before any timing
    return p


def _seconds(pipeline: Pipeline, text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        article = raw_article(text, "text", path=None)
        start = time.perf_counter()
        pipeline.process(article)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("kind", ["news", "statements", "dates", "names", "digits"])
def test_time_per_character_stays_flat(pipeline, kind):
    if kind == "news" and not (DATA / "news").is_dir():
        pytest.skip(f"{DATA / 'news'} is absent (the shared folder is not beside the project)")
    small, large = build(kind, SMALL), build(kind, LARGE)
    _seconds(pipeline, small, 1)  # the entity step's per-word caches fill on first sight
    per_small = _seconds(pipeline, small, 3) / len(small)
    per_large = _seconds(pipeline, large, 1) / len(large)
    # a floor for the small input's time: below a few microseconds per character the clock's noise decides
    assert per_large <= FACTOR * max(per_small, 2e-6), (kind, per_small * 1e6, per_large * 1e6)


def _cleaning_seconds_per_unit(make_lines, n: int, repeats: int) -> float:
    """The best time of `classify_lines` over `make_lines(n)`, per unit of n."""
    from marsad.clean.boilerplate import classify_lines

    lines = make_lines(n)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        classify_lines(lines)
        best = min(best, time.perf_counter() - start)
    return best / n


def test_cleaning_time_per_line_stays_flat():
    # menus, headlines and sentences of 8+ words repeated: the shapes that compare a line with the page's other
    # lines (repeated leads, runs of short lines at the page's edges)
    unit = ["أخبار", "رياضة", "اقتصاد", "أعلنت الوزارة اليوم عن خطة جديدة لتطوير النقل العام في المدن الكبرى.",
            "وقال الوزير إن الخطة تشمل شراء حافلات كهربائية جديدة وتوسيع شبكة القطارات.", "عنوان قصير"]

    def page(n: int) -> list[str]:
        return (unit * (n // len(unit) + 1))[:n]

    _cleaning_seconds_per_unit(page, 600, 1)
    small, large = _cleaning_seconds_per_unit(page, 2_000, 3), _cleaning_seconds_per_unit(page, 60_000, 1)
    assert large <= FACTOR * max(small, 2e-6), (small * 1e6, large * 1e6)


# one line a regex could backtrack on for ever: each made of n characters around the shape it imitates
HOSTILE_LINES = {
    "ellipsis then spaces": lambda n: "..." + " " * n + "x",
    "digits then a letter": lambda n: "1" * n + "x",
    "agency then spaces": lambda n: "واس" + " " * n + "x",
    "dots before no address": lambda n: "." * n,
    "a breadcrumb's spaces": lambda n: "a" + " " * n + "b",
}
BODY = ["أعلنت الوزارة اليوم عن خطة جديدة لتطوير النقل العام في المدن الكبرى.",
        "وقال الوزير إن الخطة تشمل شراء حافلات كهربائية جديدة وتوسيع شبكة القطارات."]


@pytest.mark.parametrize("name", sorted(HOSTILE_LINES))
def test_cleaning_a_hostile_line_stays_linear(name):
    def page(n: int) -> list[str]:
        return BODY + [HOSTILE_LINES[name](n)] + BODY

    _cleaning_seconds_per_unit(page, 1_000, 1)
    small, large = _cleaning_seconds_per_unit(page, 4_000, 3), _cleaning_seconds_per_unit(page, 100_000, 1)
    # quadratic, the large line would take 25 times the small one's time per character (it took 10 s at 40,000)
    assert large <= FACTOR * max(small, 2e-6), (small * 1e6, large * 1e6)
