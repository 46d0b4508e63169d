"""The reference date of an article: what «أمس» and «العام الماضي» are resolved against (SPEC §3)."""

from __future__ import annotations

from ...article import Article, ReferenceDate
from ...pipeline import Step
from ...read.published import date_part


class ReferenceDateResolver(Step):
    """Publication date, else the date given in the options; inference from the text joins with the date
    extractor (a later step may fill an empty reference date)."""

    name = "reference_date"
    requires = frozenset({"published"})
    assigns = frozenset({"reference_date"})

    def process(self, article: Article) -> None:
        if article.published:
            article.reference_date = ReferenceDate(date_part(article.published), "published")
        elif self.options.reference_date:
            article.reference_date = ReferenceDate(self.options.reference_date.isoformat(), "given")
