"""Wojood's nested annotation flattened to ANERcorp's four labels (training/ner/wojood.py)."""

from __future__ import annotations

import sys

import pytest
from conftest import DATA, REPO, need

sys.path.insert(0, str(REPO / "training/ner"))

import wojood  # noqa: E402

LABELS = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
DESIGNATORS = frozenset({"مدينة", "قضاء"})


def _flat(text: str) -> list[str]:
    """Rows written «token label label…», one per line, flattened to their labels."""
    rows = [line.split() for line in text.strip().splitlines()]
    return [t for _, t in wojood.flatten(rows, LABELS, DESIGNATORS)]


def test_the_outermost_mapped_span_wins():
    assert _flat("""
جامعة B-ORG
القاهرة I-ORG B-GPE
أعلنت O
""") == ["B-ORG", "I-ORG", "O"]


def test_an_unmapped_outer_span_keeps_the_mapped_ones_inside():
    assert _flat("""
سكرتير B-OCC
اللجنة I-OCC B-ORG
القومية I-OCC I-ORG
في I-OCC
نابلس I-OCC B-GPE
""") == ["O", "B-ORG", "I-ORG", "O", "B-LOC"]


def test_designators_stay_outside_a_place_and_nothing_else_changes():
    assert _flat("""
قضاء B-GPE
مدينة I-GPE
جنين I-GPE
بلدية B-ORG
مدينة I-ORG
البيرة I-ORG B-GPE
""") == ["O", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG"]


def test_unmapped_types_read_as_outside():
    assert _flat("""
حرب B-EVENT
1948 I-EVENT B-DATE
""") == ["O", "O"]


def test_read_splits_sentences_and_drops_the_end_marker(tmp_path):
    path = tmp_path / "w.conll"
    path.write_text("عاد O\nعرفات B-PERS\n$#$ O\n\nفي O\nغزة B-GPE\n", encoding="utf-8")
    assert wojood.read(path, LABELS) == [[("عاد", "O"), ("عرفات", "B-PER")], [("في", "O"), ("غزة", "B-LOC")]]


@pytest.mark.parametrize("name", ["wojood_train.conll", "wojood_val.conll"])
def test_the_shared_files_read_to_valid_bio(name):
    sents = wojood.read(need(DATA / "ner" / name), LABELS, DESIGNATORS)
    assert len(sents) > 100
    for s in sents:
        prev = "O"
        for tok, tag in s:
            assert tok != wojood.SENTENCE_END
            assert tag == "O" or tag[2:] in {"PER", "ORG", "LOC"}
            if tag.startswith("I-"):
                assert prev[2:] == tag[2:]
            prev = tag
