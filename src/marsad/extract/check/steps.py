"""The check step: the article's percent changes against its own amounts."""

from __future__ import annotations

from ...article import Article
from ...pipeline import Step
from .percent_change import percent_change_checks


class ArithmeticChecker(Step):
    name = "checks"
    requires = frozenset({"text", "tokens", "quantities", "sentences", "dates"})
    assigns = frozenset({"checks"})

    def process(self, article: Article) -> None:
        dates = [(d.span.start, d.span.end, d.value) for d in article.dates]
        article.checks = percent_change_checks(article.text or "", article.tokens, article.quantities,
                                               article.sentences, dates)
