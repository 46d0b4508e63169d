"""Quality gate (DESIGN §7): the dev-set scores may not drop below their pinned floors.

Raising a floor is a commit; lowering one needs a reason in the commit message.
Floors sit a little under the measured scores (bench/clean.py: P 0.970, R 0.823, F1 0.890 when pinned).
"""

from __future__ import annotations

import sys

from conftest import DATA, REPO, need

FLOORS = {"precision": 0.96, "recall": 0.80, "f1": 0.88}
# bench/quantities_dates.py on the dev set when pinned: quantities P 0.980 R 0.990 F1 0.985, dates P 1.000
# R 0.962 F1 0.981
AMOUNT_DATE_FLOORS = {"quantities": 0.97, "dates": 0.96}
# the held-out sets at the targets (quantities F1 0.95, dates 0.90); when pinned: 0.985/1.000,
# 0.983/1.000, 0.991/0.977 and, scored unseen, 0.991/0.964
HELDOUT_FLOORS = {"quantities": 0.95, "dates": 0.90}


def test_boilerplate_scores_hold():
    need(DATA / "news/ant_multisource.jsonl.gz")
    sys.path.insert(0, str(REPO / "bench"))
    from clean import quality

    scores = quality(show_errors=False)
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], floor)


def test_amount_and_date_scores_hold():
    need(DATA / "news/saudinewsnet.jsonl.gz")
    sys.path.insert(0, str(REPO / "bench"))
    from quantities_dates import quality

    scores = quality()
    for kind, floor in AMOUNT_DATE_FLOORS.items():
        assert scores[kind]["f1"] >= floor, (kind, scores[kind], floor)


def test_held_out_amount_and_date_scores_hold():
    need(DATA / "news/saudinewsnet.jsonl.gz")
    sys.path.insert(0, str(REPO / "bench"))
    from quantities_dates import HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, quality

    for path in (HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4):
        scores = quality(gold_path=path)
        for kind, floor in HELDOUT_FLOORS.items():
            assert scores[kind]["f1"] >= floor, (path.name, kind, scores[kind], floor)
