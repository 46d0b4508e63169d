"""Mention replacement for training (training/ner/augment.py): same types, same context, proclitics untouched."""

from __future__ import annotations

import sys

from marsad.extract.entities.model import tagger

from conftest import REPO

sys.path.insert(0, str(REPO / "training/ner"))

from augment import augment  # noqa: E402

TRAIN = [
    [("زار", "O"), ("باراك", "B-PER"), ("أوباما", "I-PER"), ("بغداد", "B-LOC"), ("أمس", "O")],
    [("وقال", "O"), ("ساركوزي", "B-PER"), ("في", "O"), ("طهران", "B-LOC"), (".", "O")],
    [("ووصل", "O"), ("الوفد", "O"), ("وبغداد", "B-LOC"), ("هادئة", "O")],
    [("لا", "O"), ("اسم", "O"), ("هنا", "O")],
]


def test_every_copy_keeps_the_context_and_swaps_mentions_of_the_same_type():
    res = tagger().res
    out = augment(TRAIN, 3, res, seed=1)
    assert len(out) == 3 * 2  # the two sentences with a mention that has no proclitic
    people = {"باراك أوباما", "ساركوزي"}
    places = {"بغداد", "طهران"}
    for s in out:
        words, labels = [w for w, _ in s], [lab for _, lab in s]
        if words[0] == "زار":
            assert words[-1] == "أمس" and labels[-1] == "O"
        else:
            assert words[0] == "وقال" and words[-1] == "." and "في" in words
        spans, i = [], 0
        while i < len(s):
            if labels[i].startswith("B-"):
                j = i + 1
                while j < len(s) and labels[j] == "I-" + labels[i][2:]:
                    j += 1
                spans.append((" ".join(words[i:j]), labels[i][2:]))
                i = j
            else:
                assert labels[i] == "O"
                i += 1
        assert all(name in (people if label == "PER" else places) for name, label in spans)


def test_a_mention_with_a_proclitic_is_neither_replaced_nor_swapped_in():
    out = augment(TRAIN, 5, tagger().res, seed=2)
    assert all("وبغداد" not in [w for w, _ in s] for s in out)


def test_the_same_seed_gives_the_same_copies():
    res = tagger().res
    assert augment(TRAIN, 2, res, seed=7) == augment(TRAIN, 2, res, seed=7)
