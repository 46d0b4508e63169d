"""Reported statements: who said what (SPEC §3). Rules in extract.py, words in lexicon.yaml, corpus.yaml."""

from .step import StatementExtractor

__all__ = ["StatementExtractor"]
