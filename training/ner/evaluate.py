"""Dev-split scores of models built by train.py (--out DIR), with today's run-time code: the ablation table.

    python training/ner/evaluate.py DIR [DIR ...] [--config training/ner/config.yaml]

For each model: entity-level F1 of the CRF alone and with document consistency, and P/R/F1 per type.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from train import REPO, predict, read_conll, score

from marsad.extract.entities.model import Tagger


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--config", type=Path, default=Path(__file__).with_name("config.yaml"))
    ap.add_argument("--per-type", action="store_true")
    args = ap.parse_args()
    cfg = yaml.safe_load(args.config.read_text("utf-8"))
    sents = read_conll(REPO / cfg["data"]["anercorp"])
    dev = sents[-round(len(sents) * cfg["data"]["dev_fraction"]):]
    toks = [[t for t, _ in s] for s in dev]
    gold = [[lab for _, lab in s] for s in dev]
    print(f"{'model':28s} {'CRF F1':>7s} {'+doc F1':>7s}   P      R")
    for d in args.dirs:
        tg = Tagger(d)
        a = score(gold, predict(tg, toks, cfg["dev_doc_sentences"], False))
        b = score(gold, predict(tg, toks, cfg["dev_doc_sentences"], True))
        print(f"{d.name:28s} {a['ALL']['f1']:7.4f} {b['ALL']['f1']:7.4f}   {b['ALL']['p']:.4f} {b['ALL']['r']:.4f}")
        if args.per_type:
            for label, s in b.items():
                print(f"    {label:5s} P {s['p']:.4f} R {s['r']:.4f} F1 {s['f1']:.4f} (n={s['support']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
