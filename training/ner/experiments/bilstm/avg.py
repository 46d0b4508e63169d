"""Average several trained runs (emissions and CRF transitions), Viterbi once: a seed ensemble.

    python avg.py NAME RUN1 RUN2 [...]   → runs/NAME.dev.pkl and runs/NAME.json (picked up by ensemble.py)

runs/ is <work_dir>/bilstm/runs (see _paths.py).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time

import nn as M
import torch
from _paths import DATA, RUNS
from train import score


def main():
    name, runs = sys.argv[1], sys.argv[2:]
    data = pickle.load(open(DATA, "rb"))
    labels = data["labels"]
    models = []
    for r in runs:
        ck = torch.load(RUNS / f"{r}.pt")
        args = argparse.Namespace(**ck["args"])
        vocab = M.Vocab(data, args)
        m = M.Tagger(vocab, args)
        m.load_state_dict(ck["state"])
        m.eval()
        models.append((m, [vocab.tensors(s) for s in data["dev"]]))
    t = time.perf_counter()
    crf = models[0][0].crf
    with torch.no_grad():
        for p in ("trans", "start", "end"):
            getattr(crf, p).copy_(torch.stack([getattr(m.crf, p) for m, _ in models]).mean(0))
    out = []
    with torch.no_grad():
        for i in range(len(data["dev"])):
            ems = []
            for m, items in models:
                w, st, ch, fl, mm, y, mask = M.batchify([items[i]])
                ems.append(m.emissions(w, st, ch, fl, mm, mask))
            em = torch.stack(ems).mean(0)
            out.append([labels[j] for j in crf.decode(em, [em.shape[1]])[0]])
    secs = time.perf_counter() - t
    sc = score([s["tags"] for s in data["dev"]], out)
    pickle.dump(out, open(RUNS / f"{name}.dev.pkl", "wb"))
    (RUNS / f"{name}.json").write_text(json.dumps({"name": name, "runs": runs, "dev": sc}, indent=1))
    print(f"DEV {name}: P {sc['ALL']['p']:.4f} R {sc['ALL']['r']:.4f} F1 {sc['ALL']['f1']:.4f} "
          f"({len(runs)} models, unbatched {len(out) / secs:.0f} sent/s)")


if __name__ == "__main__":
    main()
