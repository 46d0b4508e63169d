"""Events: who did what with whom, typed with PLOVER (SPEC §3). Rules in extract.py, triggers.yaml, corpus.yaml."""

from .step import EventExtractor

__all__ = ["EventExtractor"]
