"""The library API: `analyze` one text, or `analyze_paths` over files of any supported kind."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator

from .article import Article
from .errors import MarsadInputError
from .options import Options
from .pipeline import Pipeline
from .read import read_paths
from .read.base import raw_article


def analyze(text: str, *, id: str | None = None, title: str | None = None, url: str | None = None,
            published: str | None = None, outlet: str | None = None, clean: bool = True,
            reference_date: dt.date | str | None = None, pipeline: Pipeline | None = None) -> Article:
    """Analyse one article text. Raises MarsadInputError for empty or non-Arabic text or a bad `published`."""
    if isinstance(reference_date, str):
        reference_date = dt.date.fromisoformat(reference_date)
    pipeline = pipeline or Pipeline.standard(Options(clean=clean, reference_date=reference_date))
    try:
        article = raw_article(text, "text", path=None, id=id, title=title, url=url, published=published,
                              outlet=outlet)
    except ValueError as exc:
        raise MarsadInputError("E060", str(exc)) from None
    return pipeline.process(article)


def analyze_paths(paths: Iterable[str], options: Options | None = None,
                  stdin_format: str = "text") -> Iterator[Article | MarsadInputError]:
    """Read and analyse every input in order; input errors are yielded in place of their articles."""
    pipeline = Pipeline.standard(options or Options())
    yield from pipeline.run(read_paths(paths, stdin_format=stdin_format))
