"""Document consistency (consistency.propagate) on hand-tagged documents written for these tests: what spreads
from one tagged mention to the untagged ones, and what must not."""

from __future__ import annotations

from marsad.extract.entities.consistency import propagate
from marsad.extract.entities.model import tagger


def spread(doc: list[tuple[str, str]]) -> list[list[str]]:
    """Each sentence given as (words, tags) strings; the tags after propagation."""
    sents = [words.split() for words, _ in doc]
    tags = [t.split() for _, t in doc]
    assert all(len(s) == len(t) for s, t in zip(sents, tags))
    propagate(sents, tags, tagger().featurizer)
    return tags


def test_a_tagged_name_is_tagged_again_behind_a_proclitic():
    tags = spread([("زار وزير الخارجية بيروت أمس", "O O O B-LOC O"),
                   ("وقال إن بيروت وبيروت مدينتان", "O O B-LOC O O")])
    assert tags[1] == ["O", "O", "B-LOC", "B-LOC", "O"]


def test_the_surname_of_a_full_name_is_the_same_person():
    tags = spread([("قال رجل الأعمال إيلون ماسك إن", "O O O B-PER I-PER O"),
                   ("وأضاف وماسك أن الشركة", "O O O O")])
    assert tags[1] == ["O", "B-PER", "O", "O"]


def test_nominals_and_titles_do_not_spread():
    tags = spread([("أعلنت الوزارة أمس", "O B-ORG O"),
                   ("وقالت الوزارة إن الرئيس وصل", "O O O O O")])
    assert tags[1] == ["O", "O", "O", "O", "O"]
