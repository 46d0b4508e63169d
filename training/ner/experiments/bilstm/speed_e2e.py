"""End-to-end speed of a numpy-only NN tagger (no torch, no CRF): tokens → marsad analyses/flags → BiLSTM-CRF
(numpy) → document consistency; documents of 20 sentences, one core.

    python speed_e2e.py [RUN]    (default A_final_alltrain, the variant without CRF input; needs runs/RUN.npz
                                  from npinfer.py)
"""

import os
import pickle
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core: set before numpy loads BLAS
from _paths import DATA, MODEL, RUNS
from npinfer import NpTagger
from prep import flags

from marsad.extract.entities.consistency import propagate
from marsad.extract.entities.model import Tagger


def nn_items(fz, sents, an):
    """What the network reads per sentence, from marsad's analyses: folded words, stems, flags."""
    return [{"w": [a[0] for a in A], "stem": [a[2] for a in A], "flags": flags(fz, s)} for s, A in zip(sents, an)]


def by_documents(fz, nt, sents, bs) -> float:
    """Sentences/s tagging 20-sentence documents one after another, doc consistency included."""
    t = time.perf_counter()
    for k in range(0, len(sents), 20):
        doc = sents[k:k + 20]
        an = [[fz.analyse(x) for x in s] for s in doc]
        tags = nt.tag(nn_items(fz, doc, an), bs=bs)
        propagate(doc, tags, fz, an=an)
    return len(sents) / (time.perf_counter() - t)


def one_stream(fz, nt, sents) -> float:
    """Sentences/s with the whole set as one batch stream (a crawl tags many documents at once), cold caches."""
    fz._cache.clear()
    nt._char_cache.clear()
    t = time.perf_counter()
    an = [[fz.analyse(x) for x in s] for s in sents]
    nt.tag(nn_items(fz, sents, an), bs=256)
    return len(sents) / (time.perf_counter() - t)


def main() -> None:
    run = sys.argv[1] if len(sys.argv) > 1 else "A_final_alltrain"
    d = pickle.load(open(DATA, "rb"))
    fz = Tagger(MODEL).featurizer
    nt = NpTagger(RUNS / f"{run}.npz")
    for limit in (200, 10 ** 6):  # without / with the one 1 894-token dev "sentence"
        sents = [s["toks"] for s in d["dev"] if len(s["toks"]) <= limit]
        for bs in (64, 256):
            fz._cache.clear()
            nt._char_cache.clear()
            for rep in ("cold", "warm"):
                sps = by_documents(fz, nt, sents, bs)
                print(f"{run} sentences≤{limit} batch {bs} {rep} caches: {sps:.0f} sent/s (20-sentence documents)")
        print(f"{run} sentences≤{limit} all dev as one stream, batch 256, cold: {one_stream(fz, nt, sents):.0f} sent/s")


if __name__ == "__main__":
    main()
