"""The quantity step: every amount of the article, except numbers that are part of its dates."""

from __future__ import annotations

from ...article import Article
from ...pipeline import Step
from .quantities import QuantityContext, find_quantities


class QuantityExtractor(Step):
    name = "quantities"
    # the entity step's names tell numbers that belong to a name («بوينغ 737», «محمد صلاح (29)»)
    requires = frozenset({"tokens", "dates", "source", "entities"})
    assigns = frozenset({"quantities"})

    def process(self, article: Article) -> None:
        tt = article.tokens
        ctx = QuantityContext.of(tt, article.source.url, article.source.outlet)
        # numbers inside dates are date parts («26 يونيو», «التاسع والعشرين من شهر شعبان»); durations such as
        # «قبل 10 سنوات» are not date items, so their counts stay quantities
        exclude = [(d.span.start, d.span.end) for d in article.dates]
        names = [(e.span.start, e.span.end, e.label) for e in article.entities]
        article.quantities = find_quantities(tt, ctx, exclude, names)
