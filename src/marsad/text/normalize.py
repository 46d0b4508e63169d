"""Matching keys for Arabic text: folded spelling variants, no diacritics, ASCII digits, lower-case Latin.

Keys are for lookup, search and dedup; the article text stays as published. `fold_with_offsets` maps every key
character back to its position in the original, so a match found in the key becomes a span of the text.
The character tables live in folding.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


def _cp(s: str) -> str:
    return chr(int(s.removeprefix("U+"), 16))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str | None], dict[int, None]]:
    data = yaml.safe_load(resources.files(__package__).joinpath("folding.yaml").read_text("utf-8"))
    fold: dict[int, str | None] = {ord(_cp(k)): _cp(v) for k, v in data["fold"].items()}
    for cp in data["drop"] + data["invisible"]:
        fold[ord(_cp(cp))] = None
    for zero in data["digits"]:
        base = ord(_cp(zero))
        for i in range(10):
            fold[base + i] = str(i)
    invisible = {ord(_cp(cp)): None for cp in data["invisible"]}
    return fold, invisible


def fold(text: str) -> str:
    """The matching key of `text` (same length or shorter)."""
    return text.translate(_tables()[0]).lower()


@lru_cache(maxsize=65536)  # bounded: a worker's memory stays flat over a crawl (bench/workers.py)
def fold_word(word: str) -> str:
    """`fold` for one word, cached: tokenizers fold every token, and news vocabulary repeats."""
    return word.translate(_tables()[0]).lower()


@lru_cache(maxsize=1)
def _dropped() -> re.Pattern[str]:
    """Runs of characters that folding removes (diacritics, tatweel, invisible marks)."""
    gone = "".join(chr(cp) for cp, rep in _tables()[0].items() if rep is None)
    return re.compile(f"[{re.escape(gone)}]+")


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The key of `text` and, for each key character, its index in `text` (plus a final len(text))."""
    key = fold(text)
    n = len(text)
    # Fast path (every tokenised article goes through here): folding maps characters one to one or drops
    # them, so the offsets are the positions of the characters that survive, found run by run.
    offsets: list[int] = []
    pos = 0
    for m in _dropped().finditer(text):
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    offsets.extend(range(pos, n))
    if len(offsets) != len(key):
        return _fold_with_offsets_slow(text)  # lower() changed a length («İ»): map character by character
    offsets.append(n)
    return key, offsets


def _fold_with_offsets_slow(text: str) -> tuple[str, list[int]]:
    table = _tables()[0]
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        rep = table.get(ord(ch), ch)
        if rep is None:
            continue
        rep = rep.lower()
        out.append(rep)
        offsets.extend([i] * len(rep))
    offsets.append(len(text))
    return "".join(out), offsets


def strip_invisible(text: str) -> str:
    """`text` without bidi controls and zero-width characters (listed in folding.yaml)."""
    # most pages have none: one regex scan (a C loop over the string) is several times cheaper than
    # translate(), which looks every character up in a dict
    if _invisible().search(text) is None:
        return text
    return text.translate(_tables()[1])


@lru_cache(maxsize=1)
def _invisible() -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(chr(cp) for cp in _tables()[1])) + "]")

