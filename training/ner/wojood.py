"""Wojood's nested entity annotation, flattened to the four labels the model is trained on.

Wojood (SinaLab/ArabicNER, MIT) gives a token a line followed by one BIO label per nesting level, and marks the
end of a sentence with a `$#$` token before the blank line. It has 21 types; `labels` (config.yaml,
`data.extra_gold.labels`) maps the ones that match ANERcorp's conventions to PER, ORG, LOC or MISC, and every
other type is read as O. Where mapped spans nest, the outermost one is kept: «جامعة القاهرة» is one ORG, as
ANERcorp tags it, not an ORG holding a LOC. An unmapped outer span does not hide the mapped ones inside it: in
«سكرتير اللجنة القومية العربية في نابلس» the occupation is dropped and the committee (ORG) and the city (LOC)
stay. ANERcorp leaves a place's designator outside its span («مدينة» O, «القدس» LOC) where Wojood includes it:
`designators` (config.yaml) lists the words dropped from the front of a LOC span.
"""

from __future__ import annotations

from pathlib import Path

from marsad.extract.entities.consistency import BioSpan

SENTENCE_END = "$#$"


def spans(column: list[str]) -> list[BioSpan]:
    """The BIO spans (start, end, type as `label`) in one nesting level's labels ("O" where the token has none);
    an I- label that does not continue a span of its type starts one."""
    out = []
    start = kind = None
    for i, lab in enumerate(column + ["O"]):
        inside = lab.startswith("I-") and kind == lab[2:]
        if start is not None and not inside:
            out.append(BioSpan(start, i, kind))
            start = kind = None
        if lab.startswith("B-") or (lab.startswith("I-") and not inside):
            start, kind = i, lab[2:]
    return out


def flatten(rows: list[list[str]], labels: dict[str, str], designators: frozenset[str] = frozenset()
            ) -> list[tuple[str, str]]:
    """One sentence's rows (token, label per level…) as (token, flat BIO label) pairs."""
    depth = max(len(r) for r in rows) - 1
    found = []
    for level in range(depth):
        for a, b, kind in spans([r[level + 1] if len(r) > level + 1 else "O" for r in rows]):
            if kind not in labels:
                continue
            while labels[kind] == "LOC" and b - a > 1 and rows[a][0] in designators:
                a += 1
            found.append(BioSpan(a, b, labels[kind]))
    tags = ["O"] * len(rows)
    for a, b, lab in sorted(found, key=lambda s: (s.start - s.end, s.start)):  # longest first: the outermost wins
        if all(t == "O" for t in tags[a:b]):
            tags[a:b] = [f"B-{lab}"] + [f"I-{lab}"] * (b - a - 1)
    return [(r[0], t) for r, t in zip(rows, tags)]


def read(path: Path, labels: dict[str, str], designators: frozenset[str] = frozenset()
         ) -> list[list[tuple[str, str]]]:
    """Every sentence of a Wojood file, flattened (see flatten)."""
    sents, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        parts = line.split()
        if parts and parts[0] != SENTENCE_END:
            rows.append(parts)
        elif not parts and rows:
            sents.append(flatten(rows, labels, designators))
            rows = []
    return sents
