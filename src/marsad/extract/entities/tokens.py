"""Tokens with character offsets, split the way ANERcorp is tokenised: words (letters, digits, diacritics,
tatweel; a decimal point or thousands separator between digits stays inside) and every other visible character
as its own token. Clitics stay attached to the word: the model sees «وماسك» whole, and the clitic analysis
(`clitics.py`) decides where an entity span starts inside it.
"""

from __future__ import annotations

import re

# \w minus underscore, plus Arabic diacritics (Mn, not matched by \w) and superscript alef.
_WORD = r"[^\W_\u0640]|[\u0610-\u061A\u064B-\u065F\u0670\u0640]"
_TOKEN = re.compile(
    rf"(?:{_WORD})+(?:[.,٫٬](?=\d)\d+)*(?:%|٪)?"       # a word, or a number like 34.6 / 1,200 / 70%
    r"|[^\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]"  # any other visible character
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the tokens of text[start:end], in `text`'s coordinates."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
