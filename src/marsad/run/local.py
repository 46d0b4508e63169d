"""The local executor: the standard pipeline in a pool of worker processes, results in input order.

Each worker builds its pipeline once (the NER model and lexicons load once per process). Inputs are taken in
bounded batches, so memory stays flat on crawls of any size.
"""

from __future__ import annotations

import ctypes
import multiprocessing as mp
import os
import signal
import sys
from typing import Callable, Iterable, Iterator, TypeVar

from ..article import Article
from ..errors import MarsadInputError
from ..options import Options
from ..pipeline import GROUP, Pipeline, internal_error
from .threads import pin_numeric_threads

T = TypeVar("T")
_pipeline: Pipeline | None = None
_finish: Callable | None = None


def _init(options: Options, finish: Callable | None, worker: bool = False, parent: int | None = None) -> None:
    global _pipeline, _finish
    if worker:
        # Ctrl-C is the parent's to handle (it stops the pool and rolls back the open batch); a worker that
        # died of it would leave the pool waiting for its task
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # SIGTERM (the pool's terminate, or the parent dying) ends a worker at once and quietly, whatever
        # handler it inherited from the parent
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent(parent)
    pin_numeric_threads()  # before the model loads: each worker is one process on one core
    _pipeline = Pipeline.standard(options)
    _finish = finish


def _load_before_fork(options: Options) -> None:
    """Load every model and word list in the parent, so that the forked workers share those pages instead of
    each loading its own copy (about 190 MB each, most of it the entity model): a page stays shared until a
    process writes to it. The parent's objects are then frozen out of the garbage collector, whose passes would
    otherwise write to every object they visit and so copy the pages in each worker."""
    import gc

    from ..api import analyze

    pin_numeric_threads()  # the parent's own numeric work (stories, the store) must not claim the workers' cores
    pipeline = Pipeline.standard(options)
    for step in pipeline.steps:
        step.prepare()
    # one short article through every step: the word lists some steps load on first use (our own sentence)
    try:
        analyze("قالت الوزارة في بيان يوم الأحد 5 أيار/مايو 2024 إن صادرات التمور بلغت 12 مليون دولار.",
                pipeline=pipeline)
    except MarsadInputError:  # options that refuse it (none today): the workers load the rest themselves
        pass
    gc.collect()
    gc.freeze()


def _die_with_parent(parent: int | None) -> None:
    """On Linux the kernel sends this worker SIGTERM when its parent dies, kill -9 included: a worker left
    behind would finish its task for nobody and print BrokenPipeError tracebacks. (Elsewhere the pool's own
    shutdown is all there is.)"""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:
        os._exit(0)  # the parent died before the request above was in place


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _work(articles: list[Article]) -> list:
    """A group of articles through the pipeline (Pipeline.process_many), then `finish` on each."""
    out = []
    for item in _pipeline.process_many(articles):
        if _finish is None or isinstance(item, MarsadInputError):
            out.append(item)
            continue
        try:
            out.append(_finish(item))
        except MarsadInputError as err:
            out.append(err)
        except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a crawl of thousands
            out.append(internal_error(item, exc))
    return out


class LocalExecutor:
    """Runs `Pipeline.standard(options)` over articles with `workers` processes (1: in this process).
    `finish(article)` runs in the worker after the pipeline (e.g. to turn the article into store rows)."""

    def __init__(self, options: Options | None = None, workers: int | None = None,
                 finish: Callable[[Article], T] | None = None) -> None:
        self.options = options or Options()
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.finish = finish
        self._pool = None

    def __enter__(self) -> "LocalExecutor":
        if self.workers > 1:
            _load_before_fork(self.options)
            self._pool = mp.get_context("fork").Pool(self.workers, _init,
                                                     (self.options, self.finish, True, os.getpid()))
        else:
            _init(self.options, self.finish)
        return self

    def __exit__(self, exc_type, *_) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()  # Ctrl-C or an error: do not wait for queued work
            self._pool.join()

    def map(self, articles: list[Article]) -> list:
        """Results (finished articles or MarsadInputError) for a batch, in order. Each task is a group of up to
        `GROUP` articles (Pipeline.process_many), so that batched steps see several at once."""
        size = GROUP if self._pool is None else max(1, min(GROUP, len(articles) // (self.workers * 4)))
        groups = list(batched(articles, size))
        if self._pool is None:
            done = [_work(g) for g in groups]
        else:
            done = self._pool.map(_work, groups, chunksize=1)
        return [r for g in done for r in g]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
