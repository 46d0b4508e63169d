"""Lexicons of percent markers, currencies and measure units, built from units.yaml and context.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

from ...text.lexicon import PhraseLexicon
from ...text.normalize import fold


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str  # percent, money, measure
    code: str | None  # ISO 4217 code, measure symbol, or None
    family: str = ""  # currency family for bare words resolved by context («ريال» → outlet country)
    factor: Decimal = Decimal(1)  # subunits: «50 سنتا» = 0.5 USD
    resolve: str = ""  # "", "outlet" or "turkish_context"
    fallback: str | None = None
    rule: str = ""


def _load(name: str) -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def unit_data() -> dict:
    return _load("units.yaml")


@lru_cache(maxsize=1)
def context_data() -> dict:
    data = _load("context.yaml")
    for key in ("code_before", "ordinal_before", "time_before", "time_after", "phone_before", "letter_names",
                "ordinal_words_before", "name_before", "code_list_links", "ordinal_words_after",
                "definite_name_before", "definite_name_after", "definite_never_alone", "list_marker_after",
                "ordinal_labels", "fraction_not_before", "function_words", "accusative_adverbs",
                "measured_nouns", "formula_links"):
        data[key] = frozenset(fold(w) for w in data[key])
    data["range_links"] = frozenset(fold(w) for w in data["range_links"])
    data["name_labels"] = frozenset(data["name_labels"])
    return data


@lru_cache(maxsize=1)
def unit_lexicon() -> PhraseLexicon[Unit]:
    """Every phrase that may follow a number: percent markers, currencies (with country adjectives), units."""
    data = unit_data()
    entries: list[tuple[str, Unit]] = []
    for marker in data["percent"]["after"]:
        entries.append((marker, Unit("percent", None, rule="percent.marker")))
    for family, spec in data["currencies"].items():
        default = spec.get("default")
        resolve = default if default in ("outlet", "turkish_context") else ""
        code = None if resolve else default
        for form in spec["forms"]:
            entries.append((form, Unit("money", code, family, resolve=resolve, fallback=spec.get("fallback"),
                                       rule=f"money.{family}")))
        for iso, adjectives in (spec.get("countries") or {}).items():
            for form in spec["forms"]:
                for adj in adjectives:
                    entries.append((f"{form} {adj}", Unit("money", iso, family, rule=f"money.{family}.{iso}")))
    for sub in data["subunits"]:
        for form in sub["forms"]:
            entries.append((form, Unit("money", sub["currency"], factor=Decimal(str(sub["factor"])),
                                       rule=f"money.subunit.{sub['currency']}")))
    for iso, symbols in data["symbols"].items():
        for sym in symbols:
            entries.append((sym, Unit("money", iso, rule=f"money.symbol.{iso}")))
    for symbol, forms in data["measures"].items():
        for form in forms:
            entries.append((form, Unit("measure", symbol, rule=f"measure.{symbol}")))
    return PhraseLexicon(entries)


@lru_cache(maxsize=1)
def symbol_lexicon() -> PhraseLexicon[Unit]:
    """Currency signs and codes written before the number: «$50», «USD 3 مليارات»."""
    data = unit_data()
    return PhraseLexicon((sym, Unit("money", iso, rule=f"money.symbol.{iso}"))
                         for iso, symbols in data["symbols"].items() for sym in symbols)


@lru_cache(maxsize=1)
def percent_before() -> frozenset[str]:
    return frozenset(unit_data()["percent"]["before"])


@lru_cache(maxsize=1)
def measure_not_followed_by() -> dict[str, frozenset[str]]:
    return {k: frozenset(fold(w) for w in v) for k, v in unit_data()["measure_not_followed_by"].items()}


def outlet_country(url: str | None, outlet: str | None) -> str | None:
    """The outlet's country code from its URL (top-level domain, then known hosts), else None."""
    spec = unit_data()["outlet_country"]
    for candidate in (url, outlet):
        if not candidate:
            continue
        host = (urlsplit(candidate).hostname if "//" in candidate else candidate).lower()
        host = host.removeprefix("www.")
        for country, hosts in spec["hosts"].items():
            if any(host == h or host.endswith("." + h) for h in hosts):
                return country
        tld = host.rsplit(".", 1)[-1]
        if tld in spec["tld"]:
            return spec["tld"][tld]
    return None


def family_currency(family: str, country: str | None) -> str | None:
    return unit_data()["outlet_country"]["currency"].get(family, {}).get(country or "")


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """{folded word: country code} from units.yaml's country_words."""
    return {fold(w): country for country, words in unit_data()["country_words"].items() for w in words}


def context_families() -> frozenset[str]:
    return frozenset(unit_data()["context_families"])
