"""The pipeline: an ordered list of small steps over a stream of articles.

Each step says which article fields it needs (`requires`) and which it fills (`assigns`); the pipeline checks
the order once, when it is built, so a step added in the wrong place fails at start-up, not halfway through a
crawl. Steps never know who runs them: the same list runs in this process, a process pool or a Ray actor.
"""

from __future__ import annotations

from typing import ClassVar, Iterable, Iterator, Sequence

from .article import Article
from .errors import MarsadInputError
from .options import Options

# What a raw article from any reader already has.
READER_FIELDS = frozenset({"raw", "source", "title", "published"})


class Step:
    """One job over one article. Subclasses set `requires`/`assigns` and implement `process`."""

    name: ClassVar[str] = "step"
    requires: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, options: Options) -> None:
        self.options = options

    def process(self, article: Article) -> None:
        """Fill this step's fields of `article`; raise MarsadInputError when the article cannot go on."""
        raise NotImplementedError


class PipelineOrderError(RuntimeError):
    """A step needs a field that no earlier step (nor the reader) provides: a programming error."""


class Pipeline:
    def __init__(self, steps: Sequence[Step]) -> None:
        available = set(READER_FIELDS)
        for step in steps:
            missing = step.requires - available
            if missing:
                raise PipelineOrderError(f"step {step.name!r} needs {sorted(missing)}, which no earlier step "
                                         f"assigns (available: {sorted(available)})")
            available |= step.assigns
        self.steps = list(steps)
        self.assigns = frozenset(available)

    @classmethod
    def standard(cls, options: Options | None = None) -> "Pipeline":
        from .standard import standard_steps

        return cls(standard_steps(options or Options()))

    def process(self, article: Article) -> Article:
        """Run every step on one article; MarsadInputError propagates (located at the article's path)."""
        for step in self.steps:
            try:
                step.process(article)
            except MarsadInputError as err:
                src = article.source
                raise err.located(src.path, src.line, src.record) from None
        return article

    def run(self, items: Iterable[Article | MarsadInputError]) -> Iterator[Article | MarsadInputError]:
        """Process a stream; errors from readers pass through, and an article that fails becomes its error."""
        for item in items:
            if isinstance(item, MarsadInputError):
                yield item
                continue
            try:
                yield self.process(item)
            except MarsadInputError as err:
                yield err
