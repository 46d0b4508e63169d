"""The pipeline: an ordered list of small steps over a stream of articles.

Each step says which article fields it needs (`requires`), which it reads when an earlier step filled them
(`uses`) and which it fills (`assigns`); the pipeline checks these contracts once, when it is built, so a step
added in the wrong place fails at start-up, not halfway through a crawl: every name is an `Article` field, every
required field is filled earlier, a used field is never filled later, and no two steps fill the same field.
tests/test_pipeline.py runs every standard step on articles that record which fields it reads and writes, so
a step cannot read or fill a field it does not declare. Steps never know who runs them: the same list runs in this process, a process pool or a Ray actor.

Articles travel in small groups (`process_many`): each step sees the whole group at once, so a step whose cost
is mostly per call rather than per word (the entity network's recurrence runs one Python iteration per token
position, whatever the number of sentences beside it) can batch the group; the others just loop.
"""

from __future__ import annotations

import copy
import dataclasses
import signal
import threading
from contextlib import contextmanager
from typing import ClassVar, Iterable, Iterator, Sequence

from .article import Article
from .errors import MarsadInputError
from .options import Options

# What a raw article from any reader already has.
READER_FIELDS = frozenset({"id", "raw", "source", "title", "published", "raw_has_lines"})
ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))
# articles per process_many call in run() and the local executor: enough to fill the entity network's batches
# (bench/ner.py measures the entity step one by one and in groups of this size)
GROUP = 16


class Step:
    """One job over one article. Subclasses set `requires`/`assigns` and implement `process`."""

    name: ClassVar[str] = "step"
    requires: ClassVar[frozenset[str]] = frozenset()
    # fields read when an earlier step filled them, and left alone otherwise (statements read entities when the
    # entity step ran)
    uses: ClassVar[frozenset[str]] = frozenset()
    assigns: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, options: Options) -> None:
        self.options = options

    def process(self, article: Article) -> None:
        """Fill this step's fields of `article`; raise MarsadInputError when the article cannot go on."""
        raise NotImplementedError

    def prepare(self) -> None:
        """Load what the step loads lazily (a model), before the first article is timed against a budget."""

    def process_many(self, articles: list[Article]) -> list[MarsadInputError | None]:
        """`process` over a group: per article, None or the error that stops it (a bug becomes E099). Steps that
        gain from seeing several articles at once override this; their results must not depend on the grouping,
        and they should fill no article before the group's work is done (if they raise, the pipeline runs them
        again article by article)."""
        return [_process_one(self, a) for a in articles]


class PipelineOrderError(RuntimeError):
    """A step's contract cannot hold in this list: it needs a field no earlier step (nor the reader) provides,
    reads one a later step fills, fills one another step fills too, or names no Article field. A programming
    error."""


class OverBudget(BaseException):
    """Raised by the budget's timer inside whatever step is running. A BaseException, so that the steps' and
    the pipeline's `except Exception` (which turn bugs into E099) let it through."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise OverBudget in this thread when the block runs longer than `seconds` (a real-time timer: SIGALRM)."""
    def expire(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def can_time() -> bool:
    """Whether a deadline can be set here: timers signal the main thread only, and not on every platform."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


class Pipeline:
    def __init__(self, steps: Sequence[Step], budget: float | None = None) -> None:
        self.steps = list(steps)
        self.assigns = check_contracts(steps)
        self.budget = budget if budget and budget > 0 else None
        self._prepared = False

    @classmethod
    def standard(cls, options: Options | None = None) -> "Pipeline":
        from .standard import standard_steps

        options = options or Options()
        return cls(standard_steps(options), budget=options.budget)

    def process(self, article: Article) -> Article:
        """Run every step on one article; MarsadInputError propagates (located at the article's path)."""
        for step in self.steps:
            try:
                step.process(article)
            except MarsadInputError as err:
                src = article.source
                raise err.located(src.path, src.line, src.record) from None
        return article

    def process_many(self, articles: list[Article]) -> list[Article | MarsadInputError]:
        """Every step over a group of articles, step by step; per article, the article or the MarsadInputError
        that stopped it (located at its path). Same results as `process` on each, in the same order, except
        that a bug (any other exception) does not escape: it becomes its article's E099 error, so that one bad
        article cannot stop a crawl of thousands. When a step's group call fails, the step is run again article
        by article, so that the error lands on the article that causes it, not on its whole group.

        With a budget, a group that runs longer than it is run again article by article, each from its state
        before the group started and with the budget to itself, and an article that still runs over becomes its
        E098 error: one pathological page cannot hold up a batch."""
        if self.budget is None or not can_time():
            return self._process_many(articles)
        if not self._prepared:
            for step in self.steps:
                step.prepare()
            self._prepared = True
        before = copy.deepcopy(articles)  # articles fresh from a reader: a copy costs little
        try:
            with deadline(self.budget):
                return self._process_many(articles)
        except OverBudget:
            pass
        out: list[Article | MarsadInputError] = []
        for article in before:
            try:
                with deadline(self.budget):
                    out += self._process_many([article])
            except OverBudget:
                src = article.source
                out.append(MarsadInputError("E098", f"analysis took longer than {self.budget:g} s (--budget): "
                                                    "skipped", src.path, src.line, src.record))
        return out

    def _process_many(self, articles: list[Article]) -> list[Article | MarsadInputError]:
        results: list[Article | MarsadInputError] = list(articles)
        for step in self.steps:
            live = [k for k, r in enumerate(results) if not isinstance(r, MarsadInputError)]
            if not live:
                break
            group = [results[k] for k in live]
            try:
                errors = step.process_many(group)
            except Exception:  # noqa: BLE001 - retried one by one, where the bug's own article raises it
                errors = [_process_one(step, a) for a in group]
            for k, err in zip(live, errors):
                if err is not None:
                    src = results[k].source
                    results[k] = err.located(src.path, src.line, src.record)
        return results

    def run(self, items: Iterable[Article | MarsadInputError],
            group: int = GROUP) -> Iterator[Article | MarsadInputError]:
        """Process a stream, `group` articles at a time (process_many), in input order; errors from readers pass
        through, and an article that fails becomes its error."""
        pending: list[Article | MarsadInputError] = []
        articles: list[Article] = []

        def flush() -> Iterator[Article | MarsadInputError]:
            done = iter(self.process_many(articles))
            for x in pending:
                yield x if isinstance(x, MarsadInputError) else next(done)
            pending.clear()
            articles.clear()

        for item in items:
            pending.append(item)
            if not isinstance(item, MarsadInputError):
                articles.append(item)
                if len(articles) >= group:
                    yield from flush()
        yield from flush()


def check_contracts(steps: Sequence[Step]) -> frozenset[str]:
    """Raise PipelineOrderError unless every step's `requires`, `uses` and `assigns` can hold in this order; the
    fields an article has after the steps (the reader's and theirs)."""
    available = set(READER_FIELDS)
    filled_by: dict[str, str] = {}
    for k, step in enumerate(steps):
        unknown = (step.requires | step.uses | step.assigns) - ARTICLE_FIELDS
        if unknown:
            raise PipelineOrderError(f"step {step.name!r} names {sorted(unknown)}, which are no Article fields")
        missing = step.requires - available
        if missing:
            raise PipelineOrderError(f"step {step.name!r} needs {sorted(missing)}, which no earlier step "
                                     f"assigns (available: {sorted(available)})")
        for later in steps[k + 1:]:
            early = step.uses & later.assigns
            if early:
                raise PipelineOrderError(f"step {step.name!r} reads {sorted(early)}, which step {later.name!r} "
                                         "fills only after it: put it earlier")
        for name in sorted(step.assigns):
            if name in filled_by:
                raise PipelineOrderError(f"steps {filled_by[name]!r} and {step.name!r} both fill {name!r}: one "
                                         "field, one step")
            filled_by[name] = step.name
        available |= step.assigns
    return frozenset(available)


def _process_one(step: Step, article: Article) -> MarsadInputError | None:
    try:
        step.process(article)
        return None
    except MarsadInputError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - see Pipeline.process_many
        return internal_error(article, exc)


def internal_error(article: Article, exc: Exception) -> MarsadInputError:
    """A bug met while processing `article`, as its one-line error (E099)."""
    src = article.source
    return MarsadInputError("E099", f"article {article.id}: {type(exc).__name__}: {exc}", src.path, src.line,
                            src.record)
