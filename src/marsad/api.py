"""The library API: `analyze` one text, or `analyze_paths` over files of any supported kind."""

from __future__ import annotations

import dataclasses
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


def analyze_paths(paths: Iterable[str], options: Options | None = None, stdin_format: str = "text",
                  evidence: bool = False) -> Iterator[Article | MarsadInputError]:
    """Read and analyse every input in order; input errors are yielded in place of their articles. With
    `evidence`, the inputs are first read once more to count the lines their articles share
    (`with_corpus_evidence`), which the cleaning then uses."""
    paths = list(paths)
    options = options or Options()
    if evidence:
        options = with_corpus_evidence(options, paths)
    pipeline = Pipeline.standard(options)
    yield from pipeline.run(read_paths(paths, stdin_format=stdin_format))


def with_corpus_evidence(options: Options, paths: list[str]) -> Options:
    """`options` with the corpus evidence of `paths` (clean/evidence.py): a read-only pass that counts, per
    outlet, the stories each short line appears in. Standard input cannot be read twice and adds none."""
    from .clean.evidence import gather

    if options.evidence is not None or not options.clean:
        return options
    files = [p for p in paths if p != "-"]
    articles = (a for a in read_paths(files) if isinstance(a, Article))
    return dataclasses.replace(options, evidence=gather(articles))
