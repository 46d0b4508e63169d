"""Every analysed article validates against the schema, and every span matches the text it points into."""

from __future__ import annotations

import itertools
import json


from marsad import Options, Pipeline
from marsad.errors import MarsadInputError
from marsad.read import read_paths

from conftest import DATA, EXAMPLE, SEED
from helpers import assert_spans_valid


def _corpus():
    yield from read_paths([str(EXAMPLE)])
    if SEED.exists():
        yield from read_paths([str(SEED)])
    web = DATA / "web/cc_arabic_web_sample.jsonl"
    if web.exists():
        yield from read_paths([str(web)])
    ant = DATA / "news/ant_multisource.jsonl.gz"
    if ant.exists():
        yield from itertools.islice(read_paths([str(ant)]), 300)
    cnn = DATA / "web/cnn_arabic/source.html"
    if cnn.exists():
        yield from read_paths([str(cnn)])


def test_every_article_validates_and_keeps_the_span_invariant(schema_validator):
    pipeline = Pipeline.standard(Options())
    items = list(_corpus())
    read_errors = sum(isinstance(i, MarsadInputError) for i in items)
    # the schema lives in ../shared (schema_validator skips without it): then so do the corpora, all of them
    assert len(items) >= 1 + 1 + 126 + 300 + 1, "a corpus of ../shared/data was not read"
    count = errors = 0
    for item in pipeline.run(items):
        if isinstance(item, MarsadInputError):
            errors += 1  # e.g. a crawled page with nothing but menus: reported, not a crash
            assert item.code in ("E050", "E051"), item
            continue
        count += 1
        d = item.to_dict()
        problems = sorted(schema_validator.iter_errors(d), key=str)
        assert not problems, f"{item.id}: {problems[0].message}"
        json.dumps(d, ensure_ascii=False)
        assert_spans_valid(item)
    assert count + errors == len(items) and read_errors <= errors
    assert errors <= len(items) // 10, f"{errors} of {len(items)} items are errors"
