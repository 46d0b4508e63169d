"""The date step: finds date expressions, infers the reference date when none is known, resolves them."""

from __future__ import annotations

from ...article import Article, ReferenceDate
from ...pipeline import Step
from .dates import find_date_exprs, infer_reference, to_mentions
from .resolve import RefDate


class DateExtractor(Step):
    name = "dates"
    requires = frozenset({"tokens", "reference_date"})
    assigns = frozenset({"dates", "reference_date"})

    def process(self, article: Article) -> None:
        tt = article.tokens
        exprs = find_date_exprs(tt)
        ref = RefDate.parse(article.reference_date.value) if article.reference_date else None
        if ref is None:
            ref = infer_reference(tt, exprs)
            if ref is not None:
                article.reference_date = ReferenceDate(ref.iso(), "inferred")
        article.dates = to_mentions(tt.text, exprs, ref)
