"""Finding items by character offset or by key without scanning the whole article.

The rule steps ask the same questions for every statement or event: which entities lie in this sentence, which
tokens in this span, where did this word last occur before here. Scanning the article for each answer makes a
step quadratic in the article's length (a 1 MB page with 4,000 statements took minutes); these indexes answer
by bisection or by lookup, in the same order a scan would give.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from typing import Callable, Generic, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")


class OffsetIndex(Generic[T]):
    """Items with character spans, in order of their start (stable: items that start together keep their
    order), for range questions."""

    def __init__(self, items: Iterable[T], span: Callable[[T], tuple[int, int]]) -> None:
        spans = [(span(x), x) for x in items]
        spans.sort(key=lambda pair: pair[0][0])
        self.items: list[T] = [x for _, x in spans]
        self.starts = [s for (s, _), _ in spans]
        self.ends = [e for (_, e), _ in spans]
        self.longest = max((e - s for s, e in (p for p, _ in spans)), default=0)

    def within(self, start: int, end: int) -> Iterator[T]:
        """Items with start <= item.start and item.end <= end, in order."""
        for k in range(bisect_left(self.starts, start), bisect_left(self.starts, end)):
            if self.ends[k] <= end:
                yield self.items[k]

    def overlapping(self, start: int, end: int) -> Iterator[T]:
        """Items with item.start < end and start < item.end, in order."""
        for k in range(bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)):
            if self.ends[k] > start:
                yield self.items[k]


def first_at_or_after(starts: Sequence[int], offset: int) -> int:
    """The index of the first start >= offset (len(starts) when there is none)."""
    return bisect_left(starts, offset)


class KeyIndex:
    """Positions (indexes into a token list) of each key, ascending: where a word occurs, without a scan."""

    def __init__(self, keys: Iterable[tuple[int, str]] = ()) -> None:
        """`keys`: (position, key) pairs in ascending position order, each position once."""
        positions: dict[str, list[int]] = {}
        for position, key in keys:
            found = positions.get(key)
            if found is None:
                positions[key] = [position]
            else:
                found.append(position)
        self.positions = positions

    def earliest_first(self, key: str, limit: int) -> Iterator[int]:
        """Positions of `key` below `limit`, ascending (lazily: callers usually stop at the first)."""
        found = self.positions.get(key, [])
        return (found[k] for k in range(bisect_right(found, limit - 1)))

    def latest_first(self, key: str, limit: int) -> Iterator[int]:
        """Positions of `key` below `limit`, descending (lazily)."""
        found = self.positions.get(key, [])
        return (found[k] for k in range(bisect_right(found, limit - 1) - 1, -1, -1))


def merged(streams: Iterable[Iterator[int]], descending: bool = False) -> Iterator[int]:
    """Sorted position streams as one, without repeats."""
    last = None
    for k in heapq.merge(*streams, reverse=descending):
        if k != last:
            yield k
            last = k
