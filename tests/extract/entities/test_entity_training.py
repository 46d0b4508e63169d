"""Training featurizes as run time does: the same phrase keys, the same tag order whatever the string hashing."""

from __future__ import annotations

import sys

from marsad.extract.entities.features import Featurizer
from marsad.extract.entities.model import tagger
from marsad.extract.entities.resources import Resources

from conftest import REPO

sys.path.insert(0, str(REPO / "training/ner"))

import train  # noqa: E402


def _tags(res: Resources, toks: list[str]) -> list[list[str]]:
    fz = Featurizer(res)
    return fz.phrase_tags([fz.analyse(t) for t in toks])


def test_a_training_name_with_an_empty_token_matches_as_at_run_time():
    """ANERcorp's «اف ـ 16» folds to «اف  16» (the tatweel folds to nothing): names.tsv's loader collapses the
    double space, so training's in-memory resources must too, or the two featurize the same text differently."""
    base = tagger().res
    res = train.with_names(base, {}, {"اف  16": {"T_MISC"}})
    assert _tags(res, ["طائرات", "اف", "16"]) == [[], ["gB=T_MISC"], ["gI=T_MISC"]]


def test_phrase_tags_come_sorted():
    base = tagger().res
    res = train.with_names(base, {}, {"نهر الاردن": {"T_LOC", "T_ORG", "LOC"}})
    assert _tags(res, ["نهر", "الاردن"]) == [["gB=LOC", "gB=T_LOC", "gB=T_ORG"], ["gI=LOC", "gI=T_LOC", "gI=T_ORG"]]
