"""Per-sentence cost of the parts of the shipped CRF pipeline the NN would reuse or replace (dev, one core).

    python speed_crf.py    (needs <work_dir>/bilstm/data.pkl from prep.py)

Dev sentences longer than 200 tokens are left out (one "sentence" has 1 894), in 20-sentence documents as the
runtime tags them. Two passes; the second, printed, starts with an empty analysis cache like the first.
"""

import json
import pickle
import time

from _paths import DATA, MODEL
from prep import LABELS, flags

from marsad.extract.entities.model import Tagger


def crf1_marginals(tg, xs) -> None:
    """What the B models need from the stage-1 CRF: every label's marginal at every token."""
    for x in xs:
        tg.crf.set(x)
        labs = set(tg.crf.labels())
        [[tg.crf.marginal(lab, i) if lab in labs else 0.0 for lab in LABELS] for i in range(len(x))]


def main() -> None:
    d = pickle.load(open(DATA, "rb"))
    sents = [s["toks"] for s in d["dev"] if len(s["toks"]) <= 200]
    # the CRF as it was measured here: the shipped model's network (added later) switched off
    tg = Tagger(MODEL, meta={**json.loads((MODEL / "meta.json").read_text("utf-8")), "network": False})
    fz = tg.featurizer
    secs: dict[str, float] = {}

    def tick(part, t0):
        secs[part] = secs.get(part, 0) + time.perf_counter() - t0

    for _ in range(2):  # the second pass is printed; both start with an empty analysis cache
        secs.clear()
        fz._cache.clear()
        for k in range(0, len(sents), 20):
            doc = sents[k:k + 20]
            t0 = time.perf_counter()
            an = [[fz.analyse(t) for t in s] for s in doc]
            xs = [fz.sentence(s, a) for s, a in zip(doc, an)]
            tick("features", t0)
            t0 = time.perf_counter()
            [tg.crf.tag(x) for x in xs]
            tick("crf1 tag", t0)
            t0 = time.perf_counter()
            crf1_marginals(tg, xs)
            tick("crf1 marginals", t0)
            t0 = time.perf_counter()
            tg.tag_document(doc)
            tick("whole shipped tagger (2 stages + doc)", t0)
            t0 = time.perf_counter()
            [flags(fz, s) for s in doc]
            tick("NN flag features", t0)
    for part, v in secs.items():
        print(f"{part:40s} {len(sents) / v:8.0f} sent/s")


if __name__ == "__main__":
    main()
