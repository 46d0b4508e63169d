"""Every case of every corpus.yaml under src/marsad, one test each, through its dimension's own check.

The format is docs/corpus_format.md; marsad.corpus loads and validates the files. CHECKS maps each dimension to
the function that runs a case and compares what it gives with `expect`:
- number, quantity, date, check: exactly the expected items, in order (counter-examples: none); examples with
  digits run again with Eastern Arabic digits (the expected span texts converted too) unless `twin: false`;
- clean: the line's reason, every other line kept; a page: exactly one reason or null per line;
- events: at least the expected events (type and trigger exactly, mode and location exactly where given, each
  actor/target/topic contained in a predicted name); a counter-example: no event (of its `type`, if it has one);
- entities (through marsad.analyze): at least the expected (text, label), with the canonical where given, and
  no entity spanning a string of `absent`;
- statements: exactly the expected verbs, in order, and each statement's speaker, canonical and via contained,
  channel and direct_quote equal, where given.
A case marked `known_miss` must still fail (strict xfail), so that a fix is noticed and the mark removed.
"""

from __future__ import annotations

from functools import cache

import pytest

import marsad
from marsad.clean.boilerplate import classify_lines
from marsad.corpus import SPECS, Case, CorpusError, cases, find_corpora, load
from marsad.extract.date.dates import find_date_exprs, find_dates
from marsad.extract.number import parse_number_text
from marsad.extract.quantity import QuantityContext, find_quantities
from marsad.text.normalize import fold
from marsad.text.sentences import sentences
from marsad.text.tokens import TokenizedText

CORPORA = find_corpora()
_EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def eastern(text: str) -> str:
    """Eastern Arabic digits, with «٫» for a decimal point between digits."""
    out = []
    for i, ch in enumerate(text):
        if ch == "." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            out.append("٫")
        else:
            out.append(ch)
    return "".join(out).translate(_EASTERN)


def _same(s: str) -> str:
    return s


# --- number, quantity, date, check: exact lists ---------------------------------------------------------------


def check_number(case: Case, text: str, conv) -> None:
    got = parse_number_text(text)
    if case.counter:
        assert got is None, f"{text!r} read as {got}"
    else:
        assert got is not None and float(got) == pytest.approx(case.expect), text


def _quantities(text: str, outlet: str | None):
    tt = TokenizedText(text)
    spans = [(e.start, e.end) for e in find_date_exprs(tt)]
    return find_quantities(tt, QuantityContext.of(tt, url=outlet), spans)


def check_quantity(case: Case, text: str, conv) -> None:
    got = [(q.span.text, q.kind, q.value, q.unit) for q in _quantities(text, case.context.get("outlet"))]
    want = [(conv(e["text"]), e["kind"], pytest.approx(e["value"]), e.get("unit")) for e in case.expect or []]
    assert got == want, text


def check_date(case: Case, text: str, conv) -> None:
    got = [(d.span.text, d.value, d.relative, d.calendar) for d in find_dates(text, case.context["reference_date"])]
    want = [(conv(e["text"]), e["value"], e.get("relative", False), e.get("calendar", "gregorian"))
            for e in case.expect or []]
    assert got == want, text


def check_check(case: Case, text: str, conv) -> None:
    article = marsad.analyze(text, clean=False, reference_date=case.context["reference_date"])
    got = [(c.claimed, c.computed, c.consistent) for c in article.checks]
    want = [(pytest.approx(e["claimed"]), pytest.approx(e["computed"]), e["consistent"]) for e in case.expect or []]
    assert got == want, text


# --- clean: a line in the middle of an article, or a whole page --------------------------------------------------

BEFORE = ["أعلنت الحكومة اليوم عن خطة جديدة لتطوير النقل العام في المدن الكبرى خلال السنوات الخمس المقبلة.",
          "وقال وزير النقل إن الخطة تشمل شراء حافلات كهربائية وتوسيع شبكة القطارات بين المحافظات."]
AFTER = ["وأضاف الوزير أن التمويل سيأتي من الموازنة العامة ومن قروض ميسرة من مؤسسات دولية.",
         "ومن المتوقع أن تبدأ المرحلة الأولى من الخطة في منتصف العام المقبل."]


def check_clean(case: Case, text: str, conv) -> None:
    if case.lines is not None:
        got = [v.reason if v else None for v in classify_lines(case.lines)]
        assert got == (case.expect if not case.counter else [None] * len(case.lines))
        return
    verdicts = classify_lines(BEFORE + [text] + AFTER)
    got = verdicts[len(BEFORE)]
    assert (got.reason if got else None) == (None if case.counter else case.expect), got
    assert all(v is None for i, v in enumerate(verdicts) if i != len(BEFORE)), verdicts


# --- events and statements: the rule finders on the text's sentences ---------------------------------------------


@cache
def _event_finder():
    from marsad.extract.events.extract import EventFinder
    from marsad.extract.events.lexicon import load as load_lexicon
    return EventFinder(load_lexicon())


@cache
def _statement_finder():
    from marsad.extract.statements.extract import StatementFinder
    from marsad.extract.statements.lexicon import load as load_lexicon
    return StatementFinder(load_lexicon())


def _some_contains(names, want: str) -> bool:
    return any(fold(want) in fold(n) or fold(n) in fold(want) for n in names)


def check_events(case: Case, text: str, conv) -> None:
    got = _event_finder().find(text, sentences(text), [])
    if case.counter:
        if case.type:
            got = [e for e in got if e.type == case.type]
        assert got == []
        return
    for want in case.expect:
        match = [e for e in got if e.type == want["type"] and e.trigger.text == want["trigger"]]
        assert match, got
        e = match[0]
        for field in ("mode", "location"):
            if field in want:
                assert getattr(e, field) == want[field], e
        for field in ("actors", "targets", "topics"):
            for name in want.get(field) or []:
                assert _some_contains(getattr(e, field), name), (field, e)


def _contains(got: str | None, want: str) -> bool:
    return got is not None and fold(want) in fold(got)


def check_statements(case: Case, text: str, conv) -> None:
    got = _statement_finder().find(text, sentences(text), [])
    if case.counter:
        assert got == []
        return
    assert [s.verb.text for s in got] == [s["verb"] for s in case.expect], got
    for s, want in zip(got, case.expect):
        if "speaker" in want:
            assert _contains(s.speaker.text if s.speaker else None, want["speaker"]), s
        if "canonical" in want:
            assert _contains(s.speaker_canonical, want["canonical"]), s
        if "addressee" in want:  # whom it was said to: contained, or none when the corpus says null
            got_a = s.addressee_canonical
            assert (got_a is None) if want["addressee"] is None else _contains(got_a, want["addressee"]), s
        for field in ("channel", "via", "direct_quote"):
            if field in want:
                got_v = getattr(s, field)
                if field == "via" and want[field]:
                    assert _contains(got_v, want[field]), s
                else:
                    assert got_v == want[field], s
        assert s.content.text.strip(), s


# --- entities: the whole step, through marsad.analyze -------------------------------------------------------------


def check_entities(case: Case, text: str, conv) -> None:
    if case.counter:
        got = [(e.span.text, e.label) for e in marsad.analyze(text).entities]
        assert got == []
        return
    article = marsad.analyze(text)
    article.check_spans()
    got = {(e.span.text, e.label): e.canonical for e in article.entities}
    for want in case.expect:
        key = (want["text"], want["label"])
        assert key in got, (want, sorted(got))
        if "canonical" in want:
            assert got[key] == want["canonical"], (want, got[key])
    spans = {e.span.text for e in article.entities}
    for absent in case.absent:
        assert absent not in spans, (absent, sorted(got))


CHECKS = {
    "clean": check_clean,
    "number": check_number,
    "quantity": check_quantity,
    "date": check_date,
    "check": check_check,
    "events": check_events,
    "entities": check_entities,
    "statements": check_statements,
}


def _params():
    for case in cases(CORPORA):
        marks = [pytest.mark.xfail(strict=True, reason=case.known_miss)] if case.known_miss else []
        yield pytest.param(case, False, id=case.name, marks=marks)
        if (SPECS[case.dimension].twins and not case.counter and case.twin
                and any(c.isdigit() for c in case.text)):
            yield pytest.param(case, True, id=f"{case.name}:eastern", marks=marks)


@pytest.mark.parametrize("case, twin", list(_params()))
def test_case(case: Case, twin: bool):
    text = eastern(case.text) if twin else case.text
    CHECKS[case.dimension](case, text, eastern if twin else _same)


# --- the corpora themselves ----------------------------------------------------------------------------------------


def test_every_dimension_has_a_corpus_and_a_check():
    assert {p.parent.name for p in CORPORA} == set(CHECKS) == set(SPECS)


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.parent.name)
def test_corpus_follows_the_format(path):
    assert load(path)


@pytest.mark.parametrize("text, message", [
    ("dimension: date\nexampels: []\n", "top level: unknown key 'exampels'"),
    ("dimension: date\nexamples:\n  - {text: x, expect: [], outlet: y}\n", "examples[0]: unknown key 'outlet'"),
    ("dimension: date\nexamples:\n  - {text: x, expect: [{text: x, value: '1', kind: y}]}\n",
     "examples[0].expect[0]: unknown key 'kind'"),
    ("dimension: date\ndefaults: {outlet: x}\nexamples: []\ncounter_examples: [x]\n", "defaults: unknown key 'outlet'"),
    ("dimension: date\ncounter_examples:\n  - {text: x, type: CONSULT}\n", "counter_examples[0]: unknown key 'type'"),
    ("dimension: date\nexamples:\n  - {text: x}\n", "examples[0]: an example needs expect"),
    ("dimension: events\ncounter_examples: [x]\n", "is not the name of the folder"),
], ids=["top-level key", "case key", "item key", "defaults key", "counter key", "no expect", "wrong folder"])
def test_a_file_off_the_format_is_refused_naming_file_and_key(tmp_path, text, message):
    path = tmp_path / "date" / "corpus.yaml"
    path.parent.mkdir()
    path.write_text(text, "utf-8")
    with pytest.raises(CorpusError) as err:
        load(path)
    assert str(path) in str(err.value) and message in str(err.value), err.value


def test_the_entity_corpus_covers_every_behaviour():
    # at least one example per entity type, one canonical link, one absent form and one counter-example
    entity_cases = [c for c in cases(CORPORA) if c.dimension == "entities"]
    items = [w for c in entity_cases if not c.counter for w in c.expect]
    assert {w["label"] for w in items} == {"PER", "ORG", "LOC", "MISC"}
    assert any("canonical" in w for w in items)
    assert any(c.absent for c in entity_cases)
    assert any(c.counter for c in entity_cases)
