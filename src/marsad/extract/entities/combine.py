"""Combining two taggers' output: the network's entities first, the CRF's where the network found nothing.

Measured on the dev split (training/ner/experiments/bilstm/RESULTS.md): the network alone has the higher
precision-recall balance, and the CRF, built on different evidence (sparse features, a second stage over
document statistics), finds names the network misses. Spans of the second tagger that overlap none of the first
one's are added; overlapping ones are dropped, so a span is never split between two opinions.
"""

from __future__ import annotations

from .consistency import spans


def fill(primary: list[list[str]], secondary: list[list[str]], names: tuple[str, str] = ("network", "crf")
         ) -> tuple[list[list[str]], list[list[str]]]:
    """Per sentence, `primary`'s tags plus every entity of `secondary` that overlaps no entity of `primary`; and
    per token, which of the two `names` its tag came from (what `Entity.rule` reports)."""
    out, origin = [], []
    for p, s in zip(primary, secondary):
        tags = list(p)
        src = [names[0]] * len(p)
        for i, j, label in spans(s):
            if all(t == "O" for t in p[i:j]):
                tags[i] = "B-" + label
                tags[i + 1:j] = ["I-" + label] * (j - i - 1)
                src[i:j] = [names[1]] * (j - i)
        out.append(tags)
        origin.append(src)
    return out, origin
