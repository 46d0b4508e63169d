"""Unlabeled news → one folded, tokenised sentence a line (the input of embeddings, clusters and counts).

The text is folded (marsad.text.normalize.fold) before tokenising, so every statistic is keyed exactly as the
runtime features look words up.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from marsad.text.tokens import MODEL_TOKEN
from marsad.text.normalize import fold

_SENT_END = re.compile(r"(?<=[.!?؟؛…])\s+|\n+")


def news_sentences(paths: list[Path], limit: int | None = None):
    """Yield lists of folded tokens, one list per sentence, over the articles of `paths` (jsonl.gz)."""
    n = 0
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for sent in _SENT_END.split(fold(text)):
                    toks = MODEL_TOKEN.findall(sent)
                    if len(toks) >= 3:
                        yield toks
                n += 1
                if limit and n >= limit:
                    return


def build_corpus(paths: list[Path], out: Path, limit: int | None = None) -> Counter:
    """Write the tokenised corpus to `out` (one sentence a line) and return the token counts."""
    counts: Counter = Counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for toks in news_sentences(paths, limit):
            counts.update(toks)
            fh.write(" ".join(toks))
            fh.write("\n")
    return counts
