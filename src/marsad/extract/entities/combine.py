"""Combining two taggers' output: the network's entities first, the CRF's where the network found nothing.

Used when a model is built with `network.fill` other than "none" (training/ner/config.yaml): the CRF, built on
different evidence (sparse features, a second stage over document statistics), finds some names the network
misses. The shipped model does not use it: on dev it raised recall as much as it lowered precision, at 30-60 %
of the speed (bench/ner.py prints both). Spans of the second tagger that overlap none of the first one's are
added; overlapping ones are dropped, so a span is never split between two opinions.
"""

from __future__ import annotations

from typing import NamedTuple

from .consistency import spans


class Filled(NamedTuple):
    """fill's result: per sentence, the combined tags and, per token, the name of the tagger its tag came from."""

    tags: list[list[str]]
    origin: list[list[str]]


def fill(primary: list[list[str]], secondary: list[list[str]], names: tuple[str, str] = ("network", "crf")
         ) -> Filled:
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
    return Filled(out, origin)
