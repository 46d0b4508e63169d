"""Which script a text is written in: enough to tell Arabic articles from other languages and from junk."""

from __future__ import annotations

import re

# letters (\w without digits and underscore), and the Arabic ones among them: counted by the regex engine, since a
# per-character Python loop cost more than the whole cleaning step
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile("[\u0620-\u064A\u066E-\u06D3\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")

def arabic_ratio(text: str, sample: int = 20000) -> tuple[float, int]:
    """Share of Arabic letters among all letters in the first `sample` characters, and the letter count."""
    head = text[:sample]
    letters = len(_LETTER.findall(head))
    arabic = len(_ARABIC_LETTER.findall(head))
    return (arabic / letters if letters else 0.0), letters


def detect_language(text: str) -> str:
    """ISO 639-1 code: 'ar' when Arabic letters dominate, 'en' for mostly Latin text, else 'und'."""
    ratio, letters = arabic_ratio(text)
    if letters == 0:
        return "und"
    if ratio >= 0.5:
        return "ar"
    latin = len(_LATIN_LETTER.findall(text[:20000]))
    return "en" if latin / letters >= 0.5 else "und"
