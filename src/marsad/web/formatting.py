"""How values are written on the pages: digits in the reader's choice, Arabic month names, grouped numbers, and
the Arabic labels of entity types, amount kinds and event types (labels.yaml).

Only what Marsad writes is converted to the chosen digits (counts, values, dates); the article's own text is shown
as the outlet printed it, because every span's offsets point into that text.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources

import yaml

DIGITS = ("latn", "arab")
_ARABIC_INDIC = str.maketrans("0123456789.,%", "٠١٢٣٤٥٦٧٨٩٫٬٪")


@lru_cache(maxsize=1)
def labels() -> dict:
    return yaml.safe_load(resources.files("marsad.web").joinpath("labels.yaml").read_text("utf-8"))


def digits(value: object, system: str = "latn") -> str:
    text = "" if value is None else str(value)
    return text.translate(_ARABIC_INDIC) if system == "arab" else text


def number(value: object, system: str = "latn") -> str:
    """A count or an exact value with thousands grouped: 2035956000 → 2,035,956,000 (٢٬٠٣٥٬٩٥٦٬٠٠٠)."""
    if value is None:
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return digits(value, system)
    if not d.is_finite():
        return digits(value, system)
    sign = "-" if d < 0 else ""
    whole, _, frac = format(abs(d), "f").partition(".")
    frac = frac.rstrip("0")
    text = sign + f"{int(whole):,}" + ("." + frac if frac else "")
    return digits(text, system)


def percent(share: float, system: str = "latn") -> str:
    """0.0123 → 1.23%"""
    value = share * 100
    text = f"{value:.1f}" if value >= 1 or value == 0 else f"{value:.2f}"
    return digits(text.rstrip("0").rstrip(".") + "%", system)


def arabic_date(value: str | None, system: str = "latn") -> str:
    """An ISO date at any granularity in Arabic words: '2021-01-14' → '14 يناير 2021', '2021-11' → 'نوفمبر
    2021', '2021-11-30T14:00' → '30 نوفمبر 2021، 14:00'. What is not a date is returned as given."""
    if not value:
        return ""
    months = labels()["months"]
    date_part, _, time_part = value.partition("T")
    parts = date_part.split("-")
    try:
        if len(parts) == 1 and len(parts[0]) == 4:
            out = parts[0]
        elif len(parts) == 2:
            out = f"{months[int(parts[1]) - 1]} {parts[0]}"
        elif len(parts) == 3:
            day = dt.date.fromisoformat(date_part)
            out = f"{day.day} {months[day.month - 1]} {day.year}"
        else:
            return digits(value, system)
    except (ValueError, IndexError):
        return digits(value, system)
    if time_part:
        out += "، " + time_part[:5]
    return digits(out, system)


def label(group: str, key: str | None) -> str:
    """The Arabic label of an entity type, amount kind, fact kind or event type; the key itself if unknown."""
    if key is None:
        return ""
    return labels().get(group, {}).get(key, key)
