"""The local executor: the standard pipeline in a pool of worker processes, results in input order.

Each worker builds its pipeline once (the NER model and lexicons load once per process). Inputs are taken in
bounded batches, so memory stays flat on crawls of any size.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
from typing import Callable, Iterable, Iterator, TypeVar

from ..article import Article
from ..errors import MarsadInputError
from ..options import Options
from ..pipeline import Pipeline

T = TypeVar("T")
_pipeline: Pipeline | None = None
_finish: Callable | None = None


def _init(options: Options, finish: Callable | None, worker: bool = False) -> None:
    global _pipeline, _finish
    if worker:
        # Ctrl-C is the parent's to handle (it stops the pool and rolls back the open batch); a worker that
        # died of it would leave the pool waiting for its task
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _pipeline = Pipeline.standard(options)
    _finish = finish


def _work(article: Article):
    try:
        done = _pipeline.process(article)
        return _finish(done) if _finish else done
    except MarsadInputError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - a bug on one article must not stop a crawl of thousands
        src = article.source
        return MarsadInputError("E099", f"article {article.id}: {type(exc).__name__}: {exc}", src.path, src.line,
                                src.record)


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
            self._pool = mp.get_context("fork").Pool(self.workers, _init, (self.options, self.finish, True))
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
        """Results (finished articles or MarsadInputError) for a batch, in order."""
        if self._pool is None:
            return [_work(a) for a in articles]
        return self._pool.map(_work, articles, chunksize=max(1, len(articles) // (self.workers * 4)))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
