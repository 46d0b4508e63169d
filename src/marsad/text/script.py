"""Which script a text is written in: enough to tell Arabic articles from other languages and from junk."""

from __future__ import annotations


def is_arabic_letter(ch: str) -> bool:
    o = ord(ch)
    # Arabic, Arabic Supplement, Arabic Extended-A and the presentation forms used by old crawls
    return (0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D3 or 0x0750 <= o <= 0x077F
            or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF)


def arabic_ratio(text: str, sample: int = 20000) -> tuple[float, int]:
    """Share of Arabic letters among all letters in the first `sample` characters, and the letter count."""
    arabic = letters = 0
    for ch in text[:sample]:
        if ch.isalpha():
            letters += 1
            if is_arabic_letter(ch):
                arabic += 1
    return (arabic / letters if letters else 0.0), letters


def detect_language(text: str) -> str:
    """ISO 639-1 code: 'ar' when Arabic letters dominate, 'en' for mostly Latin text, else 'und'."""
    ratio, letters = arabic_ratio(text)
    if letters == 0:
        return "und"
    if ratio >= 0.5:
        return "ar"
    latin = sum(1 for ch in text[:20000] if ch.isascii() and ch.isalpha())
    return "en" if latin / letters >= 0.5 else "und"
