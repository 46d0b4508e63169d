"""People, organisations, places and other names (docs/rules.md#entities).

A CRF (python-crfsuite) over Arabic features — folded forms, clitic-stripped stems, affixes, news clusters,
gazetteers — trained by `training/ner/train.py` on ANERcorp (CC BY-SA 4.0) and shipped in `model/`; then
document-level consistency, span rules for our conventions (rules.py), proclitic-free spans (clitics.py) and
in-article linking (linking.py). The model loads on first use, once per process, never from the network.
"""

from .step import EntityRecognizer, recognise

__all__ = ["EntityRecognizer", "recognise"]
