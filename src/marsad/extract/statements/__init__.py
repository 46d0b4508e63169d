"""Reported statements: who said what (docs/rules.md#statements).

Rules in extract.py, words in lexicon.yaml, corpus.yaml.
"""

from .step import StatementExtractor

__all__ = ["StatementExtractor"]
