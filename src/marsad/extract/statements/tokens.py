"""Tokens with offsets and folded keys: the unit both the statement and the event rules walk over.

A token is a run of word characters (Arabic letters with their diacritics and tatweel, digits, Latin, # and _)
or one punctuation character. `key` is the folded matching key (text/normalize.py), so lexicons written in one
spelling match every variant. Proclitics (و، ف، ب، ل) are stripped here, once, by `strip_proclitic`, never in
the patterns (DESIGN §5).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text.normalize import fold_word

_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640#@]+|[^\s\w]", re.UNICODE)
# characters that may follow a one-letter proclitic before the word proper (diacritics, tatweel)
_MARKS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0640])


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str
    word: bool
    sent: int = -1  # index of the sentence the token lies in, -1 outside any

    def after_proclitic(self) -> int:
        """Start offset of the word behind a one-letter proclitic (و، ف، ب، ل), diacritics skipped."""
        i = self.start + 1
        while i < self.end and self.text[i - self.start] in _MARKS:
            i += 1
        return i


_last: tuple[str, list, list] | None = None


def tokenize(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Token]:
    """The tokens of `text`; the statement and event steps run one after the other on the same article text,
    so the last result is kept and handed out again for the same text object and sentences."""
    global _last
    if _last is not None and _last[0] is text and _last[1] == (sentences or []):
        return _last[2]
    out = _tokenize(text, sentences)
    _last = (text, list(sentences or []), out)
    return out


def _tokenize(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Token]:
    out: list[Token] = []
    sents = sentences or []
    k, n = 0, len(sents)
    for m in _TOKEN.finditer(text):
        t = m.group()
        start = m.start()
        key = fold_word(t)
        if not key:
            continue  # a lone tatweel or diacritic («ـ» used as a dash): nothing to read
        while k < n and sents[k][1] <= start:
            k += 1
        sent = k if k < n and sents[k][0] <= start else -1
        out.append(Token(start, m.end(), t, key, t[0].isalnum() or t[0] in "#@_" or len(t) > 1, sent))
    return out


def strip_al(key: str) -> str:
    """The key without the definite article (and a proclitic before it: وال، بال، لل)."""
    for p in ("وال", "فال", "بال", "كال", "ال"):
        if key.startswith(p) and len(key) - len(p) >= 2:
            return key[len(p):]
    if key.startswith("لل") and len(key) > 4:
        return key[2:]
    return key
