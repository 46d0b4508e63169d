"""The date step: finds the date expressions, settles the article's reference date, resolves them against it.

One step fills both fields: the reference date may be inferred from the very expressions the step finds, so
splitting the two would scan the text twice or pass the expressions between steps outside the article.
"""

from __future__ import annotations

from ...article import Article
from ...pipeline import Step
from .dates import find_date_exprs, to_mentions
from .reference import reference_date
from .resolve import RefDate


class DateExtractor(Step):
    name = "dates"
    requires = frozenset({"tokens", "published"})
    assigns = frozenset({"dates", "reference_date"})

    def process(self, article: Article) -> None:
        tt = article.tokens
        exprs = find_date_exprs(tt)
        article.reference_date = reference_date(article, self.options, tt, exprs)
        ref = RefDate.parse(article.reference_date.value) if article.reference_date else None
        article.dates = to_mentions(tt.text, exprs, ref)
