"""Quality gate: the development scores the README states may not drop by more than MARGIN.

Each floor is the README's figure minus MARGIN, and the README's table must state the same figures (so that a
change that moves a score changes the README in the same commit). Raising a figure is a commit; lowering one
needs a reason in the commit message. These are development sets (the rules were written or corrected while
looking at them): see the README for what the unseen estimates are.
"""

from __future__ import annotations

import sys

import pytest

from conftest import DATA, REPO, need

# one or two items of a development set: a score moves by about 0.007 per item on these sets
MARGIN = 0.01
# README row label → {score: figure}; the row must carry these figures as printed here (3 decimals)
FIGURES = {
    "boilerplate lines, dev (45 pages, trained on)": {"precision": 0.947, "recall": 0.911, "f1": 0.929},
    "amounts, dev (45 articles)": {"f1": 0.990},
    "dates, dev (45 articles)": {"f1": 0.981},
    "amounts, held-out 1–4": {"heldout": 0.994, "heldout2": 0.989, "heldout3": 0.991, "heldout4": 0.991},
    "dates, held-out 1–4": {"heldout": 1.000, "heldout2": 1.000, "heldout3": 0.977, "heldout4": 0.964},
    "amounts, 19-outlet dev (114 articles)": {"precision": 0.985, "f1": 0.991},
    "dates, 19-outlet dev (114 articles)": {"f1": 0.935},
    "amounts, former blind (57 articles)": {"precision": 0.975, "f1": 0.988},
    "dates, former blind (57 articles)": {"f1": 0.963},
    "amounts, former blind 2 (57 articles)": {"precision": 0.977, "f1": 0.977},
    "dates, former blind 2 (57 articles)": {"f1": 0.943},
    "amounts, former blind 3 (57 articles)": {"precision": 0.985, "f1": 0.985},
    "dates, former blind 3 (57 articles)": {"f1": 0.958},
    "names, news dev (57 articles, 911 names)": {"precision": 0.836, "recall": 0.756, "f1": 0.794,
                                                  "speakers": 0.743},
    "events, news dev (29 articles, 156 events)": {"precision": 0.810, "recall": 0.545, "parties": 0.138,
                                                   "dates": 0.847},
}
# the issue-28 sets and their README rows: (gold files, amounts row, dates row)
FACT_SETS = {
    "facts dev": ("facts_dev*.jsonl", "amounts, 19-outlet dev (114 articles)", "dates, 19-outlet dev (114 articles)"),
    "former blind": ("facts_blind*.jsonl", "amounts, former blind (57 articles)", "dates, former blind (57 articles)"),
    "former blind 2": ("facts_unseen*.jsonl", "amounts, former blind 2 (57 articles)",
                       "dates, former blind 2 (57 articles)"),
    "former blind 3": ("facts_third*.jsonl", "amounts, former blind 3 (57 articles)",
                       "dates, former blind 3 (57 articles)"),
}


def _bench(module: str):
    sys.path.insert(0, str(REPO / "bench"))
    return __import__(module)


def test_the_readme_states_these_figures():
    lines = (REPO / "README.md").read_text("utf-8").splitlines()
    for label, figures in FIGURES.items():
        rows = [line for line in lines if line.startswith(f"| {label} |")]
        assert len(rows) == 1, f"README has no row «| {label} |»"
        for value in figures.values():
            assert f"{value:.3f}" in rows[0], (label, value, rows[0])


def test_boilerplate_scores_hold():
    need(DATA / "news/ant_multisource.jsonl.gz")
    scores = _bench("clean").quality(show_errors=False)
    for name, figure in FIGURES["boilerplate lines, dev (45 pages, trained on)"].items():
        assert scores[name] >= figure - MARGIN, (name, scores[name], figure)


def test_amount_and_date_scores_hold():
    need(DATA / "news/saudinewsnet.jsonl.gz")
    scores = _bench("quantities_dates").quality()
    assert scores["quantities"]["f1"] >= FIGURES["amounts, dev (45 articles)"]["f1"] - MARGIN, scores["quantities"]
    assert scores["dates"]["f1"] >= FIGURES["dates, dev (45 articles)"]["f1"] - MARGIN, scores["dates"]


@pytest.mark.parametrize("name", ["heldout", "heldout2", "heldout3", "heldout4"])
def test_held_out_amount_and_date_scores_hold(name):
    need(DATA / "news/saudinewsnet.jsonl.gz")
    bench = _bench("quantities_dates")
    scores = bench.quality(gold_path=bench.REPO / f"bench/gold/quantities_dates_{name}.jsonl")
    for kind, label in (("quantities", "amounts, held-out 1–4"), ("dates", "dates, held-out 1–4")):
        figure = FIGURES[label][name]
        assert scores[kind]["f1"] >= figure - MARGIN, (name, kind, scores[kind], figure)


@pytest.mark.parametrize("name", sorted(FACT_SETS))
def test_nineteen_outlet_amount_and_date_scores_hold(name):
    need(DATA / "news/saudinewsnet.jsonl.gz")
    bench = _bench("quantities_dates")
    pattern, amounts_row, dates_row = FACT_SETS[name]
    scores = bench.quality(gold_path=sorted((bench.REPO / "bench/gold").glob(pattern)))
    for kind, row in (("quantities", amounts_row), ("dates", dates_row)):
        for score, figure in FIGURES[row].items():
            assert scores[kind][score] >= figure - MARGIN, (name, kind, score, scores[kind], figure)


def test_event_scores_hold():
    need(DATA / "news/ant_multisource.jsonl.gz")
    scores = _bench("events").quality("dev")
    figures = FIGURES["events, news dev (29 articles, 156 events)"]
    assert scores["type"]["precision"] >= figures["precision"] - MARGIN, (scores["type"], figures)
    assert scores["type"]["recall"] >= figures["recall"] - MARGIN, (scores["type"], figures)
    assert scores["type_and_parties"]["f1"] >= figures["parties"] - MARGIN, (scores["type_and_parties"], figures)
    assert scores["dates"] >= figures["dates"] - MARGIN, (scores["dates"], figures)


def test_name_and_speaker_scores_hold():
    need(DATA / "news/saudinewsnet.jsonl.gz")
    scores = _bench("names").quality("dev")
    figures = FIGURES["names, news dev (57 articles, 911 names)"]
    for name in ("precision", "recall", "f1"):
        assert scores["all"][name] >= figures[name] - MARGIN, (name, scores["all"], figures)
    assert scores["speakers"] >= figures["speakers"] - MARGIN, (scores["speakers"], figures)
