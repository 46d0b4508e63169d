"""One frozen options object for a run (docs/rules.md#no-hidden-state)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Options:
    # remove boilerplate lines; False keeps the given text exactly (for corpora that are already clean)
    clean: bool = True
    # the date relative expressions are resolved against when an article has no publication date
    reference_date: dt.date | None = None
    # seconds one article may take in a batch run (Pipeline.run / process_many); an article that takes longer
    # becomes its own error (E098) and the batch goes on. None: no limit (the library's default; the CLI's is
    # DEFAULT_BUDGET)
    budget: float | None = None
    # corpus evidence for cleaning (clean/evidence.py: how many other stories of an outlet carry a line),
    # gathered by batch commands in a read-only first pass over their inputs; None for a single article
    evidence: Any = field(default=None, compare=False, repr=False)


# the CLI's per-article budget: a 1 MB article takes about 20 s on one core; one that takes minutes is
# pathological and must not hold up a crawl
DEFAULT_BUDGET = 120.0
