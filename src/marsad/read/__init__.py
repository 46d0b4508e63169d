"""Readers: every input kind of docs/rules.md#inputs becomes a stream of raw `Article`s (or located input errors)."""

from .dispatch import SUPPORTED_SUFFIXES, read_paths, read_stdin

__all__ = ["SUPPORTED_SUFFIXES", "read_paths", "read_stdin"]
