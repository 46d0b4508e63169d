"""Place names from data shipped in PyPI packages: CLDR's Arabic territory names and exemplar cities (babel)
and pycountry's Arabic country names. Written to gazetteer.tsv (phrase, tag), sorted, so a rebuild is byte-equal.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

# CLDR territory codes that are groupings, not places a news text names («العالم», «الاتحاد الأوروبي» is an ORG).
_SKIP_TERRITORIES = {"001", "EU", "EZ", "UN", "ZZ", "QO"}


def _clean(name: str) -> str:
    name = re.sub(r"\s*\(.*?\)\s*", " ", name)  # «الكونغو (برازافيل)» → «الكونغو»
    return " ".join(name.replace("،", " ").split())


def place_names() -> dict[str, str]:
    from babel import Locale
    import pycountry

    ar = Locale("ar")
    names: dict[str, str] = {}
    for code, name in ar.territories.items():
        if code not in _SKIP_TERRITORIES:
            names[_clean(name)] = "LOC"
    for zone in ar.time_zones.values():
        city = zone.get("city")
        if city:
            names[_clean(city)] = "LOC"
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                local = tr.gettext(getattr(c, attr))
                if local != getattr(c, attr):
                    names[_clean(local)] = "LOC"
    return {k: v for k, v in names.items() if k}


def write(path: Path) -> int:
    names = place_names()
    with open(path, "w", encoding="utf-8") as fh:
        for k in sorted(names):
            fh.write(f"{k}\t{names[k]}\n")
    return len(names)
