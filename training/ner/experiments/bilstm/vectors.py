"""The frozen word vectors the network reads: word2vec over train.py's tokenised, folded news.

    PYTHONHASHSEED=0 python vectors.py    → <work_dir>/bilstm/w2v.kv

train.py trains exactly these vectors (same function, config and seed) but keeps only their k-means clusters, so
they are trained again here and saved. Needs <work_dir>/news.txt, which train.py leaves behind.
"""

from __future__ import annotations

import os
import sys
import time

from _paths import OUT, W2V, WORK, config
from embed import train_vectors


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("set PYTHONHASHSEED=0 (as train.py does): gensim seeds its vectors from string hashes")
    corpus = WORK / "news.txt"
    if not corpus.exists():
        sys.exit(f"{corpus} is missing: run `python training/ner/train.py --config training/ner/config.yaml` first")
    cfg = config()
    e = cfg["embeddings"]
    t0 = time.time()
    wv = train_vectors(corpus, e["dim"], e["window"], e["min_count"], e["epochs"], cfg["seed"])
    OUT.mkdir(parents=True, exist_ok=True)
    wv.save(str(W2V))
    print(f"{W2V}: {len(wv.index_to_key)} words × {wv.vector_size} in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
