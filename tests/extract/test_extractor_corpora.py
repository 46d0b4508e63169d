"""Every corpus.yaml of the extractors: examples give exactly their expected items, counter-examples none.

One parametrised test discovers the files (DESIGN §6); examples with digits also run with Eastern Arabic digits.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

import marsad
from marsad.extract.date.dates import find_date_exprs, find_dates
from marsad.extract.number import parse_number_text
from marsad.extract.quantity import QuantityContext, find_quantities
from marsad.text.tokens import TokenizedText

EXTRACT = Path(str(resources.files("marsad.extract")))
# the dimensions this test runs; statements, events and entities test their own corpora beside their code
DIMENSIONS = ("number", "quantity", "date", "check")
CORPORA = sorted(p for p in EXTRACT.glob("*/corpus.yaml") if p.parent.name in DIMENSIONS)
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


def _cases():
    for path in CORPORA:
        data = yaml.safe_load(path.read_text("utf-8"))
        dim = path.parent.name
        for n, ex in enumerate(data.get("examples", [])):
            ex = {"reference_date": data.get("reference_date"), **ex}
            yield pytest.param(dim, ex, False, id=f"{dim}-ex{n}")
            if ex.get("twin", True) and any(c.isdigit() for c in ex["text"]):
                yield pytest.param(dim, ex, True, id=f"{dim}-ex{n}-eastern")
        for n, text in enumerate(data.get("counter_examples", [])):
            yield pytest.param(dim, {"text": text, "expect": [], "reference_date": data.get("reference_date")},
                               False, id=f"{dim}-counter{n}")


def test_every_dimension_has_a_corpus():
    assert {p.parent.name for p in CORPORA} == set(DIMENSIONS)


def _quantities(text: str, outlet: str | None):
    tt = TokenizedText(text)
    spans = [(e.start, e.end) for e in find_date_exprs(tt)]
    return find_quantities(tt, QuantityContext.of(tt, url=outlet), spans)


@pytest.mark.parametrize("dim, ex, twin", list(_cases()))
def test_corpus(dim, ex, twin):
    text = eastern(ex["text"]) if twin else ex["text"]
    conv = eastern if twin else (lambda s: s)
    if dim == "number":
        got = parse_number_text(text)
        if "value" in ex:
            assert got is not None and float(got) == pytest.approx(ex["value"]), text
        else:
            assert got is None, f"{text!r} read as {got}"
        return
    if dim == "quantity":
        got = [(q.span.text, q.kind, q.value, q.unit) for q in _quantities(text, ex.get("outlet"))]
        want = [(conv(e["text"]), e["kind"], pytest.approx(e["value"]), e.get("unit"))
                for e in ex.get("expect", [])]
    elif dim == "date":
        got = [(d.span.text, d.value, d.relative, d.calendar) for d in find_dates(text, ex["reference_date"])]
        want = [(conv(e["text"]), e["value"], e.get("relative", False), e.get("calendar", "gregorian"))
                for e in ex.get("expect", [])]
    elif dim == "check":
        article = marsad.analyze(text, clean=False, reference_date="2021-01-01")
        got = [(c.claimed, c.computed, c.consistent) for c in article.checks]
        want = [(pytest.approx(e["claimed"]), pytest.approx(e["computed"]), e["consistent"])
                for e in ex.get("expect", [])]
    else:
        pytest.fail(f"no runner for the {dim} corpus")
    assert got == want, text
