"""Dev scores of every run in <work_dir>/bilstm/runs/ alone, with marsad's document consistency, and combined
with the shipped two-stage CRF (its final dev tags, as train.py scores them: 0.7466). Writes runs/ensemble.json
and prints a markdown table. The combination rules are fixed in advance (not tuned on dev): all are reported.
"""

from __future__ import annotations

import json
import pickle

from _paths import DATA, MODEL, RUNS, config
from prep import split
from train import blocks, entity_names, score, strip_first, with_names

from marsad.extract.entities import combine
from marsad.extract.entities.consistency import propagate, spans
from marsad.extract.entities.features import Featurizer
from marsad.extract.entities.resources import Resources


def to_tags(sp, n):
    """BIO tags of n tokens from (start, end, type) spans."""
    t = ["O"] * n
    for i, j, lab in sp:
        t[i] = "B-" + lab
        for k in range(i + 1, j):
            t[k] = "I-" + lab
    return t


def fill(first, second):
    """Spans of `first`, plus the spans of `second` that overlap none of them (the rule the package ships)."""
    return combine.fill(first, second)[0]


def agree(a_all, b_all):
    """Only the spans both systems produce (same boundaries and type)."""
    return [to_tags(sorted(set(spans(a)) & set(spans(b))), len(a)) for a, b in zip(a_all, b_all)]


def main():
    cfg = config()
    data = pickle.load(open(DATA, "rb"))
    train, _ = split(cfg)  # the run-time names list is built from all training sentences, as prep.py does
    base = Resources.load(MODEL, use_names=False, use_news_names=False)
    full = with_names(base, {k: set(v) for k, v in base.phrases.items()}, strip_first(entity_names(train), base))
    fz = Featurizer(full)
    dev_toks = [s["toks"] for s in data["dev"]]
    gold = [s["tags"] for s in data["dev"]]
    crf = data["dev_crf_final"]

    def doc(pred):
        out = [list(p) for p in pred]
        for b in blocks(len(out), cfg["dev_doc_sentences"]):
            propagate([dev_toks[i] for i in b], [out[i] for i in b], fz)
        return out

    rows = {"CRF shipped (2-stage + doc)": score(gold, crf),
            "CRF stage-1 only": score(gold, [s["crf1"] for s in data["dev"]])}
    for p in sorted(RUNS.glob("*.dev.pkl")):
        name = p.name[:-len(".dev.pkl")]
        pred = pickle.load(open(p, "rb"))
        pd = doc(pred)
        rows[name] = score(gold, pred)
        rows[name + " +doc"] = score(gold, pd)
        rows[name + " +doc, CRF then NN fill"] = score(gold, fill(crf, pd))
        rows[name + " +doc, NN then CRF fill"] = score(gold, fill(pd, crf))
        rows[name + " +doc, agree only"] = score(gold, agree(pd, crf))
    (RUNS / "ensemble.json").write_text(json.dumps(rows, indent=1))
    print("| system | P | R | F1 | LOC | PER | ORG | MISC |\n|---|---|---|---|---|---|---|---|")
    for k, v in rows.items():
        print(f"| {k} | {v['ALL']['p']:.3f} | {v['ALL']['r']:.3f} | **{v['ALL']['f1']:.4f}** | " +
              " | ".join(f"{v.get(t, {'f1': 0})['f1']:.3f}" for t in ("LOC", "PER", "ORG", "MISC")) + " |")


if __name__ == "__main__":
    main()
