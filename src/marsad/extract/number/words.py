"""The number-word lexicon built from numbers.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from importlib import resources

import yaml

from ...text.lexicon import PhraseLexicon
from ...text.normalize import fold


@dataclass(frozen=True, slots=True)
class NumberWord:
    cls: str  # unit, teen, ten, hundred, scale, fraction
    value: Fraction
    form: str = ""  # for scales: singular, tanween, dual, plural


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("numbers.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def digit_limits() -> tuple[int, int]:
    """(integer digits, fraction digits) a digit run may have and still be a number."""
    limits = _data()["limits"]
    return int(limits["integer_digits"]), int(limits["fraction_digits"])


@lru_cache(maxsize=1)
def decimal_digits_limit() -> int:
    """Significant digits a number with a fraction may have (what a double keeps exactly)."""
    return int(_data()["limits"]["decimal_significant_digits"])


def _word_entries(data: dict) -> list[tuple[str, NumberWord]]:
    """Units, teens, tens and hundreds of one section of numbers.yaml (the MSA words, or the dialect ones)."""
    entries: list[tuple[str, NumberWord]] = []
    for value, forms in data["units"].items():
        cls = "ten" if int(value) == 10 else "unit"
        entries += [(f, NumberWord(cls, Fraction(value))) for f in forms]
    for value, forms in data["teens"].items():
        entries += [(f, NumberWord("teen", Fraction(value))) for f in forms]
    for value, forms in data["tens"].items():
        entries += [(f, NumberWord("ten", Fraction(value))) for f in forms]
    for value, forms in data["hundreds"].items():
        entries += [(f, NumberWord("hundred", Fraction(value))) for f in forms]
    for value, stems in data["hundred_stems"].items():
        entries += [(stem + tail, NumberWord("hundred", Fraction(int(value) * 100)))
                    for stem in stems for tail in data["hundred_tail"]]
    return entries


@lru_cache(maxsize=1)
def number_lexicon() -> PhraseLexicon[NumberWord]:
    data = _data()
    entries = _word_entries(data) + _word_entries(data["dialect"])
    for value, forms in data["units"].items():
        if 3 <= int(value) <= 9:
            entries += [(f"{f} {tail}", NumberWord("teen", Fraction(10 + int(value))))
                        for f in forms for tail in data["teen_tail"]]
    for value, by_form in data["scales"].items():
        for form, words in by_form.items():
            entries += [(w, NumberWord("scale", Fraction(value), form)) for w in words]
    for value, forms in data["fractions"].items():
        entries += [(f, NumberWord("fraction", Fraction(value))) for f in forms]
    return PhraseLexicon(entries)


@lru_cache(maxsize=1)
def dialect_bare() -> frozenset[str]:
    """Dialect number words read only without a proclitic (other than «و») and, alone, only before a unit."""
    return frozenset(fold(w) for w in _data()["dialect_bare"])


@lru_cache(maxsize=1)
def no_proclitic() -> frozenset[str]:
    """Number words read only without a proclitic other than «و» (numbers.yaml dialect_bare and no_proclitic)."""
    return dialect_bare() | frozenset(fold(w) for w in _data()["no_proclitic"])


@lru_cache(maxsize=1)
def decimal_point() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["decimal_point"])


@lru_cache(maxsize=1)
def not_alone() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["not_alone"]) | dialect_bare()
