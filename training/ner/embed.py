"""Word clusters from the unlabeled news, by our own code: word2vec (gensim, one worker and a fixed seed, so
the vectors are reproducible) and k-means on the unit vectors at several granularities.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np


def train_vectors(corpus: Path, dim: int, window: int, min_count: int, epochs: int, seed: int):
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    model = Word2Vec(LineSentence(str(corpus)), vector_size=dim, window=window, min_count=min_count,
                     epochs=epochs, sg=0, workers=1, seed=seed)
    return model.wv


def clusters(wv, ks: list[int], seed: int) -> dict[str, list[int]]:
    """{word: [cluster id at each k]} for every word of the vectors."""
    from sklearn.cluster import MiniBatchKMeans

    words = list(wv.index_to_key)
    vecs = wv.vectors / np.maximum(np.linalg.norm(wv.vectors, axis=1, keepdims=True), 1e-9)
    out: dict[str, list[int]] = {w: [] for w in words}
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=3, max_iter=100)
        labels = km.fit_predict(vecs)
        for w, c in zip(words, labels):
            out[w].append(int(c))
    return out


def write_vocab(path: Path, counts: Counter, cl: dict[str, list[int]], min_count: int, nk: int) -> int:
    """vocab.tsv: word, count, cluster ids (or -1). Words under min_count are left out (unknown at run time)."""
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for w, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if c < min_count:
                break
            if "\t" in w or "\n" in w:
                continue
            ids = cl.get(w, [-1] * nk)
            fh.write(f"{w}\t{c}\t" + "\t".join(map(str, ids)) + "\n")
            n += 1
    return n
