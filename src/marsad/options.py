"""One frozen options object for a run (DESIGN §9: no hidden state)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Options:
    # remove boilerplate lines; False keeps the given text exactly (for corpora that are already clean)
    clean: bool = True
    # the date relative expressions are resolved against when an article has no publication date
    reference_date: dt.date | None = None
