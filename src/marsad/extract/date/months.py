"""Month-name lookup built from months.yaml."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ...text.normalize import fold


@lru_cache(maxsize=1)
def month_table() -> dict[str, dict[str, int]]:
    """{calendar: {folded month name: month number}}."""
    data = yaml.safe_load(resources.files(__package__).joinpath("months.yaml").read_text("utf-8"))
    return {cal: {fold(name): int(num) for num, names in months.items() for name in names}
            for cal, months in data.items()}


def month_alternation(calendar: str = "gregorian") -> str:
    """A regex alternation of folded month names, longest first (so «كانون الثاني» wins over shorter names)."""
    import re

    names = sorted(month_table()[calendar], key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
