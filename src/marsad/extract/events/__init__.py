"""Events: who did what with whom, typed with PLOVER (docs/rules.md#events).

Rules in extract.py, triggers.yaml, corpus.yaml.
"""

from .step import EventExtractor

__all__ = ["EventExtractor"]
