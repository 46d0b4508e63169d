"""The steps in a pipeline: order check, entity mentions used when an NER step ran first."""

from __future__ import annotations

from conftest import ARTICLE

from marsad.api import analyze
from marsad.article import Article, Entity, Source, Span
from marsad.extract.events import EventExtractor
from marsad.extract.statements import StatementExtractor
from marsad.options import Options
from marsad.pipeline import Pipeline
from marsad.standard import standard_steps


def test_steps_declare_what_they_need_and_fill():
    for cls in (StatementExtractor, EventExtractor):
        assert cls.requires == {"text", "sentences", "tokens"}
        assert "entities" in cls.uses
    assert EventExtractor.uses == {"entities", "dates", "reference_date"}  # an event's date
    assert StatementExtractor.assigns == {"statements"}
    assert EventExtractor.assigns == {"events"}


def test_in_the_standard_pipeline():
    opts = Options()
    steps = [s for s in standard_steps(opts) if not isinstance(s, (StatementExtractor, EventExtractor))]
    article = analyze(ARTICLE, pipeline=Pipeline(steps + [StatementExtractor(opts), EventExtractor(opts)]))
    article.check_spans()
    assert [s.verb.text for s in article.statements] == ["قالت", "أضافت"]
    assert article.statements[0].channel == "بيان"
    assert article.statements[1].speaker_canonical == "وزارة الصحة"
    d = article.to_dict()
    assert d["statements"][0]["verb"]["text"] == "قالت"


def _with_entities(text: str, ents: list[tuple[str, str, str]]) -> Article:
    art = Article(id="t", source=Source("text"), raw=text, text=text)
    from marsad.text.sentences import sentences

    art.sentences = sentences(text)
    for surface, label, canonical in ents:
        start = text.find(surface)
        while start >= 0:
            art.entities.append(Entity(Span.of(text, start, start + len(surface)), label, canonical, "test"))
            start = text.find(surface, start + 1)
    art.entities.sort(key=lambda e: e.span.start)
    return art


def test_entity_canonical_names_are_used():
    text = "وقال ماسك إن الشركة ستبني مصنعا جديدا. والتقى ماسك الرئيس أردوغان في أنقرة."
    art = _with_entities(text, [("ماسك", "PER", "إيلون ماسك"), ("أردوغان", "PER", "رجب طيب أردوغان"),
                                ("أنقرة", "LOC", "أنقرة")])
    opts = Options()
    StatementExtractor(opts).process(art)
    EventExtractor(opts).process(art)
    art.check_spans()
    assert art.statements[0].speaker.text == "ماسك"
    assert art.statements[0].speaker_canonical == "إيلون ماسك"
    meet = [e for e in art.events if e.type == "CONSULT"][0]
    assert meet.actors == ("إيلون ماسك",)
    assert meet.targets == ("رجب طيب أردوغان",)
    assert meet.location == "أنقرة"


def test_implicit_subject_takes_the_sentence_entity():
    text = "وتواجه شركة النور اتهامات كثيرة، وقالت إنها ستطعن في القرار."
    art = _with_entities(text, [("شركة النور", "ORG", "شركة النور للطاقة")])
    StatementExtractor(Options()).process(art)
    assert art.statements[0].speaker_canonical == "شركة النور للطاقة"
