from __future__ import annotations

import pytest

import marsad
from marsad import Options, Pipeline, Step
from marsad.article import Article, Source
from marsad.errors import MarsadInputError
from marsad.pipeline import ARTICLE_FIELDS, PipelineOrderError
from marsad.standard import standard_steps

from conftest import ARTICLE


class NeedsEntities(Step):
    name = "needs_entities"
    requires = frozenset({"entities"})


def test_order_is_checked_when_the_pipeline_is_built():
    with pytest.raises(PipelineOrderError, match="entities"):
        Pipeline([NeedsEntities(Options()), *standard_steps(Options())])


class FillsEntities(Step):
    name = "fills_entities"
    requires = frozenset({"text"})
    assigns = frozenset({"entities"})


class NamesNoField(Step):
    name = "names_no_field"
    assigns = frozenset({"outlet"})  # a Source attribute, not an Article field


def test_contracts_name_article_fields():
    with pytest.raises(PipelineOrderError, match="outlet.*no Article field"):
        Pipeline([NamesNoField(Options())])


def test_one_field_one_step():
    steps = standard_steps(Options())
    at = [s.name for s in steps].index("entities") + 1
    with pytest.raises(PipelineOrderError, match="both fill 'entities'"):
        Pipeline([*steps[:at], FillsEntities(Options()), *steps[at:]])


def test_a_used_field_is_never_filled_later():
    steps = [s for s in standard_steps(Options())
             if s.name in ("clean", "language", "sentences", "tokens", "statements", "events")]
    Pipeline(steps)  # statements and events run without the entity step
    with pytest.raises(PipelineOrderError, match="reads \\['entities'\\], which step 'fills_entities' fills only after"):
        Pipeline([*steps, FillsEntities(Options())])


class _Recording(Article):
    """An article that notes which of its fields the running step reads and writes."""

    step: str | None = None
    reads: dict[str, set[str]] = {}
    writes: dict[str, set[str]] = {}

    def __getattribute__(self, name):
        step = type(self).step
        if step is not None and name in ARTICLE_FIELDS:
            type(self).reads.setdefault(step, set()).add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        step = type(self).step
        if step is not None and name in ARTICLE_FIELDS:
            type(self).writes.setdefault(step, set()).add(name)
        object.__setattr__(self, name, value)


def test_every_step_declares_what_it_reads_and_fills():
    """Run the standard steps one by one on articles that record their reads and writes: a step may read only
    what it requires, uses or fills, and write only what it fills (the contracts the pipeline checks)."""
    texts = [ARTICLE, "المصدر: وكالة الأنباء\n" + ARTICLE + "\nاقرأ أيضا: خبر آخر",
             "أعلنت الوزارة في 16/8/2018 أن الإيرادات بلغت مليارين و47 مليونًا و318 ألف دولار، بزيادة 34.6 بالمئة.",
             "اقرأ أيضا: خبر آخر", "An English page."]  # the last two stop at the language step
    for text in texts:
        article = _Recording(id="r", source=Source("text"), raw=text)
        try:
            for step in standard_steps(Options()):
                _Recording.step = step.name
                step.process(article)
        except MarsadInputError:
            pass
        finally:
            _Recording.step = None
    undeclared = {}
    for step in standard_steps(Options()):
        read, written = _Recording.reads.get(step.name, set()), _Recording.writes.get(step.name, set())
        wrong = (read - step.requires - step.uses - step.assigns) | (written - step.assigns)
        if wrong:
            undeclared[step.name] = sorted(wrong)
    assert not undeclared


def test_a_step_is_added_without_editing_a_central_function():
    class Counter(Step):
        name = "counter"
        requires = frozenset({"sentences"})
        seen = 0

        def process(self, article):
            Counter.seen += len(article.sentences)

    pipeline = Pipeline([*standard_steps(Options()), Counter(Options())])
    marsad.analyze(ARTICLE, pipeline=pipeline)
    assert Counter.seen == 2


def test_analyze_api():
    a = marsad.analyze(ARTICLE, id="x1", title="عنوان", url="https://www.example.com/a",
                       published="Thu, 16 Aug 2018 23:33:02 GMT")
    d = a.to_dict()
    assert d["id"] == "x1" and d["published"] == "2018-08-16T23:33:02+00:00"
    assert d["reference_date"] == {"value": "2018-08-16", "basis": "published"}
    assert d["source"]["outlet"] == "example.com"
    assert d["language"] == "ar"


def test_no_clean_keeps_text_exactly():
    raw = ARTICLE + "\nالمصدر: وكالة\u200f"
    assert marsad.analyze(raw, clean=False).text == raw


def test_reference_date_given():
    a = marsad.analyze(ARTICLE, reference_date="2021-12-01")
    assert a.reference_date.value == "2021-12-01" and a.reference_date.basis == "given"


def test_empty_and_non_arabic_are_input_errors():
    with pytest.raises(MarsadInputError) as e:
        marsad.analyze("   \n ")
    assert e.value.code == "E050"
    with pytest.raises(MarsadInputError) as e:
        marsad.analyze("This is an English news story about the economy and markets.")
    assert e.value.code == "E051"


def _raws(texts):
    from marsad.read.base import raw_article

    return [raw_article(t, "text", path=f"in{k}.txt") for k, t in enumerate(texts)]


def _group_texts():
    from conftest import EXAMPLE

    return [ARTICLE, "   \n ", EXAMPLE.read_text("utf-8"),
            "This is an English news story about the economy and markets.",
            "أعلن الرئيس التركي رجب طيب أردوغان في أنقرة أن الشركة ستبني مصنعًا. وقال أردوغان إن العمل يبدأ غدًا."]


def test_articles_in_groups_come_out_as_one_by_one():
    """Pipeline.process_many (the batched entity network included) gives each article what process gives it,
    and the input errors land on their own articles."""
    pipeline = Pipeline.standard(Options())
    alone = []
    for a in _raws(_group_texts()):
        try:
            alone.append(pipeline.process(a).to_dict())
        except MarsadInputError as err:
            alone.append(err.format())
    grouped = [x.format() if isinstance(x, MarsadInputError) else x.to_dict()
               for x in pipeline.process_many(_raws(_group_texts()))]
    assert grouped == alone
    assert [x.split(":")[0] for x in grouped if isinstance(x, str)] == ["E050 in1.txt", "E051 in3.txt"]
    assert sum(len(x["entities"]) for x in grouped if isinstance(x, dict)) > 3


def test_run_keeps_input_order_across_groups():
    items = _raws(_group_texts() * 3)
    items.insert(4, MarsadInputError("E001", "cannot read", "gone.txt"))
    out = list(Pipeline.standard(Options()).run(items, group=2))
    assert len(out) == len(items)
    for got, item in zip(out, items):
        if isinstance(item, MarsadInputError):
            assert got is item
        elif isinstance(got, Article):
            assert got is item
        else:
            assert got.path == item.source.path


def test_a_bug_on_one_article_is_its_own_error_not_its_groups():
    class Fragile(Step):
        name = "fragile"
        requires = frozenset({"text"})

        def process(self, article):
            if "English" in (article.raw or "") or "أنقرة" in (article.text or ""):
                raise ValueError("boom")

    class BatchedFragile(Fragile):
        name = "batched_fragile"
        calls = 0

        def process_many(self, articles):  # a batched step that fails as a whole: retried one by one
            BatchedFragile.calls += 1
            for a in articles:
                self.process(a)
            return [None] * len(articles)

    for step in (Fragile(Options()), BatchedFragile(Options())):
        steps = [s for s in standard_steps(Options()) if s.name in ("clean", "language", "sentences")]
        out = Pipeline([*steps, step]).process_many(_raws(_group_texts()))
        codes = [x.code if isinstance(x, MarsadInputError) else None for x in out]
        assert codes == [None, "E050", None, "E051", "E099"], step.name
        assert "ValueError: boom" in out[4].message and out[4].path == "in4.txt"
    assert BatchedFragile.calls == 1
