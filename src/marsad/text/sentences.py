"""Sentence and clause segmentation with character offsets.

Sentences end at . ! ? ؟ ؛ … and at line breaks. A full stop does not end a sentence inside a number (34.6,
1.200.000), after an abbreviation or initial (abbreviations.yaml: «د. محمد»), or when it is followed directly by a
letter or digit (URLs, «U.S.A»). Closing quotes and brackets after the terminator stay with the sentence.

The Arabic comma «،» is not a sentence boundary: news sentences chain clauses with it («قالت الوزارة في بيان لها،
وفق متابعة …، إن …»), and cutting there would separate a reporting verb from its content. `clauses()` splits at
«،» and «,» for steps that want clause-level units.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

_TERMINATORS = frozenset(".!?؟؛…")
_CLOSERS = frozenset("\"'”’»)]}›")
_CLAUSE_MARKS = frozenset("،,")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    data = yaml.safe_load(resources.files(__package__).joinpath("abbreviations.yaml").read_text("utf-8"))
    return frozenset(w.lower() for w in data["arabic"] + data["latin"])


def _word_before(text: str, i: int) -> str:
    """The run of non-space characters ending just before index i (the '.')."""
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(\"«“":
        j -= 1
    return text[j:i]


def _is_boundary(text: str, i: int) -> bool:
    ch = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch == ".":
        prev = text[i - 1] if i > 0 else ""
        if nxt.isdigit() and prev.isdigit():
            return False  # decimal or grouped number: 34.6, 1.200.000
        if nxt and (nxt.isalnum()):
            return False  # no space after the dot: URLs, «U.S.A», «2.5م»
        if nxt == "." or prev == ".":
            # an ellipsis written as dots: a boundary only after its last dot
            return nxt != "."
        word = _word_before(text, i).lower()
        if word in _abbreviations() or (len(word) == 1 and word.isalpha() and word.isascii()):
            return False
    return True


def _spans(text: str, marks: frozenset[str]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            out.append((start, i))
            start = i + 1
        elif ch in marks and _is_boundary(text, i):
            end = i + 1
            while end < n and text[end] in _CLOSERS:
                end += 1
            out.append((start, end))
            start = end
            i = end
            continue
        i += 1
    out.append((start, n))
    return [s for s in (_trim(text, a, b) for a, b in out) if s is not None]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of `text`, whitespace trimmed, in order."""
    return _spans(text, _TERMINATORS)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of every clause: sentences further split at the Arabic and Latin comma."""
    return _spans(text, _TERMINATORS | _CLAUSE_MARKS)
