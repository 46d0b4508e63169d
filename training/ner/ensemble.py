"""Dev-split check of an ensemble: entity-level majority vote over models built by train.py --out DIR.

    python training/ner/ensemble.py DIR1 DIR2 DIR3 [--config training/ner/config.yaml]

An entity (span, label) is kept when more than half of the models predict it (after each model's own document
consistency); ties between overlapping voted spans go to the one with more votes, then the longer one.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

from train import REPO, predict, read_conll, score

from marsad.extract.entities.consistency import spans
from marsad.extract.entities.model import Tagger


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--config", type=Path, default=Path(__file__).with_name("config.yaml"))
    args = ap.parse_args()
    cfg = yaml.safe_load(args.config.read_text("utf-8"))
    sents = read_conll(REPO / cfg["data"]["anercorp"])
    n_dev = round(len(sents) * cfg["data"]["dev_fraction"])
    dev = sents[-n_dev:]
    toks = [[t for t, _ in s] for s in dev]
    gold = [[lab for _, lab in s] for s in dev]
    preds = []
    for d in args.dirs:
        tg = Tagger(d)
        p = predict(tg, toks, cfg["dev_doc_sentences"], True)
        preds.append(p)
        print(f"{d.name}: dev F1 {score(gold, p)['ALL']['f1']:.4f}")
    need = len(preds) // 2 + 1
    voted = []
    for k, s in enumerate(toks):
        votes = Counter(e for p in preds for e in spans(p[k]))
        chosen = []
        for (i, j, lab), v in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0].start - kv[0].end)):
            if v >= need and all(j <= a or b <= i for a, b, _ in chosen):
                chosen.append((i, j, lab))
        tags = ["O"] * len(s)
        for i, j, lab in chosen:
            tags[i] = "B-" + lab
            for m in range(i + 1, j):
                tags[m] = "I-" + lab
        voted.append(tags)
    sc = score(gold, voted)
    for label, s in sc.items():
        print(f"  vote {label:5s} P {s['p']:.4f} R {s['r']:.4f} F1 {s['f1']:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
