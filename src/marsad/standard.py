"""The standard step list. A new capability adds its step here (the pipeline checks the order)."""

from __future__ import annotations

from .clean.steps import BoilerplateCleaner, OutletFinder
from .extract.check.steps import ArithmeticChecker
from .extract.date.steps import DateExtractor
from .extract.entities import EntityRecognizer
from .extract.events import EventExtractor
from .extract.quantity.steps import QuantityExtractor
from .extract.statements import StatementExtractor
from .options import Options
from .pipeline import Step
from .text.steps import LanguageGuard, SentenceSplitter, Tokenizer

STANDARD_STEPS: list[type[Step]] = [
    BoilerplateCleaner,
    OutletFinder,
    LanguageGuard,
    SentenceSplitter,
    Tokenizer,
    DateExtractor,
    EntityRecognizer,
    QuantityExtractor,
    ArithmeticChecker,
    StatementExtractor,
    EventExtractor,
]


def standard_steps(options: Options) -> list[Step]:
    return [cls(options) for cls in STANDARD_STEPS]
