"""The reference date of an article: what «أمس» and «العام الماضي» are resolved against (docs/rules.md#dates)."""

from __future__ import annotations

from ...article import Article, ReferenceDate
from ...options import Options
from ...read.published import date_part
from ...text.tokens import TokenizedText
from .dates import DateExpr, infer_reference


def reference_date(article: Article, options: Options, tt: TokenizedText,
                   exprs: list[DateExpr]) -> ReferenceDate | None:
    """The publication date, else the date given in the options, else one the caller set on the article, else the
    month the text's own absolute dates point to (dates.infer_reference, basis "inferred"), else None. `exprs`:
    the text's date expressions, which the date step has found anyway."""
    if article.published:
        return ReferenceDate(date_part(article.published), "published")
    if options.reference_date:
        return ReferenceDate(options.reference_date.isoformat(), "given")
    if article.reference_date is not None:
        return article.reference_date
    ref = infer_reference(tt, exprs)
    return ReferenceDate(ref.iso(), "inferred") if ref is not None else None
