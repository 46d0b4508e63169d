"""Date lexicons built from months.yaml and lexicon.yaml."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ...text.lexicon import PhraseLexicon
from ...text.normalize import fold
from ...text.clitics import starts_any


@lru_cache(maxsize=1)
def date_data() -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("lexicon.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _months_yaml() -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("months.yaml").read_text("utf-8"))


@lru_cache(maxsize=None)
def lexicon(name: str) -> PhraseLexicon:
    """One named lexicon: months, weekdays, day_parts, relative_days, periods, modifiers, this, before_last,
    year_cues, year_markers, ordinal_days, month_word."""
    d = date_data()
    if name == "months":
        return PhraseLexicon((n, (cal, int(num))) for cal, months in _months_yaml().items()
                             for num, names in months.items() for n in names)
    if name in ("weekdays", "relative_days", "modifiers"):
        return PhraseLexicon((w, int(v)) for v, words in d[name].items() for w in words)
    if name == "periods":
        return PhraseLexicon((w, unit) for unit, words in d[name].items() for w in words)
    if name == "year_markers":
        return PhraseLexicon((w, cal) for cal, words in d[name].items() for w in words)
    if name == "ordinal_days":
        return PhraseLexicon(_ordinal_days())
    return PhraseLexicon((w, True) for w in d[name])


def _ordinal_days() -> list[tuple[str, int]]:
    d = date_data()
    units = {int(k): v for k, v in d["ordinal_units"].items()}
    out = [(w, n) for n, ws in units.items() for w in ws]
    out += [(w, 10) for w in d["ordinal_ten"]]
    out += [(f"{w} {tail}", 10 + n) for n, ws in units.items() for w in ws for tail in d["ordinal_teen_tail"]]
    for tens, ws in d["ordinal_tens"].items():
        out += [(w, int(tens)) for w in ws]
        # «التاسع والعشرين»: the unit, then «و» glued to the tens
        out += [(f"{u} و{w}", int(tens) + n)
                for n, us in units.items() for u in us for w in ws if int(tens) + n <= 31]
    return out


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in date_data()[name])


# the lexicons a date expression can begin with (date_at tries them in turn)
_STARTERS = ("day_parts", "weekdays", "relative_days", "months", "month_word", "year_cues", "this", "periods",
             "ordinal_days")


@lru_cache(maxsize=1)
def may_start_date():
    """A cached test: can a date expression begin with this folded word? The scan visits only such tokens
    (and digits)."""
    return starts_any(frozenset().union(*(lexicon(name).first_keys for name in _STARTERS)))
