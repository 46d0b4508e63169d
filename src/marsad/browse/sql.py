"""Small helpers for the read models' SQL: long id lists in chunks, and their placeholders."""

from __future__ import annotations

from typing import Iterator, Sequence


def chunks(items: Sequence, size: int = 500) -> Iterator[Sequence]:
    """`items` in runs of `size`: an IN list stays well under every backend's parameter limit."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def placeholders(n: int) -> str:
    """«?, ?, ?» for n parameters."""
    return ", ".join("?" * n)
