"""The network's entities first, the CRF's where the network found nothing; each entity says which model found it."""

from __future__ import annotations

import marsad
from marsad.extract.entities import EntityRecognizer
from marsad.extract.entities.combine import fill
from marsad.extract.entities.model import tagger
from marsad.options import Options
from marsad.pipeline import Pipeline


def test_fill_adds_only_spans_that_overlap_nothing_of_the_primary():
    net = [["B-PER", "I-PER", "O", "O", "O", "O"]]
    crf = [["B-ORG", "O", "O", "B-LOC", "I-LOC", "B-MISC"]]
    tags, origin = fill(net, crf)
    # «B-ORG» at 0 overlaps the network's PER: dropped whole, never split; the LOC and MISC fill the gaps
    assert tags == [["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-MISC"]]
    assert origin == [["network", "network", "network", "crf", "crf", "crf"]]
    # the inputs are not modified
    assert net == [["B-PER", "I-PER", "O", "O", "O", "O"]]


def test_fill_keeps_a_secondary_span_that_only_touches_a_primary_one():
    tags, _ = fill([["O", "B-LOC", "O"]], [["B-PER", "I-PER", "B-ORG"]])
    assert tags == [["O", "B-LOC", "B-ORG"]]


def test_every_model_entity_names_its_model():
    article = marsad.analyze("قال الرئيس التركي رجب طيب أردوغان في أنقرة إن شركة تويوتا ستفتح مصنعا في إسطنبول.")
    if not any(isinstance(s, EntityRecognizer) for s in Pipeline.standard().steps):
        EntityRecognizer(Options()).process(article)
    assert article.entities
    models = {"network", "crf"} if tagger().network is not None else {"crf"}
    for e in article.entities:
        assert e.rule in models or e.rule.startswith("rule:"), e
    if tagger().network is not None:
        assert any(e.rule == "network" for e in article.entities)
