"""Mention replacement: more training sentences for the entity network from ANERcorp's own (an experiment).

Each copy of a sentence that names something gets every mention replaced by another mention of the same type
drawn from the other training sentences («زار أوباما بغداد» → «زار ساركوزي طهران»), so that the network learns
the context of a name and not only the name (Dai and Adel, 2020, "An Analysis of Simple Data Augmentation for
Named Entity Recognition"). ANERcorp writes proclitics inside its tokens («وبغداد»), and a mention swapped in
would lose them or carry another's: only mentions whose first token has no proclitic (clitics.split) are
replaced, by mentions of that kind.
"""

from __future__ import annotations

import random

from marsad.extract.entities.clitics import split
from marsad.extract.entities.consistency import BioSpan, spans
from marsad.extract.entities.resources import Resources
from marsad.text.normalize import fold

Sentence = list[tuple[str, str]]


def _mentions(s: Sentence) -> list[BioSpan]:
    """The BIO mentions (start, end, label) of one sentence."""
    return spans([lab for _, lab in s])


def _bare(tokens: list[str], res: Resources) -> bool:
    """Whether a mention's first token carries no proclitic."""
    w = fold(tokens[0])
    if not w:
        return False
    proclitic_len, _ = split(w, res)
    return proclitic_len == 0


def augment(train: list[Sentence], copies: int, res: Resources, seed: int) -> list[Sentence]:
    """`copies` mention-replaced copies of every sentence of `train` that has a replaceable mention."""
    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {}
    for s in train:
        for i, j, label in _mentions(s):
            toks = [t for t, _ in s[i:j]]
            if _bare(toks, res):
                pool.setdefault(label, []).append(toks)
    out = []
    for s in train:
        swappable = [(i, j, label) for i, j, label in _mentions(s) if _bare([t for t, _ in s[i:j]], res)]
        if not swappable:
            continue
        for _ in range(copies):
            new: Sentence = []
            k = 0
            for i, j, label in swappable:
                new += s[k:i]
                swap = rng.choice(pool[label])
                new += [(t, ("B-" if n == 0 else "I-") + label) for n, t in enumerate(swap)]
                k = j
            out.append(new + s[k:])
    return out
