"""The recogniser never raises and never breaks the span invariant, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.article import Article, Source
from marsad.extract.entities import EntityRecognizer
from marsad.options import Options
from marsad.text.sentences import sentences
from marsad.text.steps import Tokenizer

ALPHABET = list("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةىَُِّـ٠١٢٣0123456789AZaz .،؛؟!…\n\"“”«»()-:/\u200f\u200b")
STEP = EntityRecognizer(Options())
TOKENS = Tokenizer(Options())  # the step reads the article's token table


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.text(alphabet=st.sampled_from(ALPHABET), max_size=300)))
def test_any_text(text):
    article = Article(id="x", source=Source(format="text"), raw=text, text=text, sentences=sentences(text))
    TOKENS.process(article)
    STEP.process(article)
    article.check_spans()
    for e in article.entities:
        assert e.label in ("PER", "ORG", "LOC", "MISC")
        assert e.span.text.strip() == e.span.text and e.span.text


def test_one_endless_sentence():
    # a page without punctuation: one "sentence" of thousands of tokens, tagged in bounded pieces
    words = "قال الرئيس رجب طيب أردوغان في أنقرة إن شركة تويوتا ستفتح مصنعا".split()
    text = " ".join(words[i % len(words)] for i in range(6000))
    article = Article(id="x", source=Source(format="text"), raw=text, text=text, sentences=[(0, len(text))])
    TOKENS.process(article)
    STEP.process(article)
    article.check_spans()
    assert any(e.span.text == "أنقرة" and e.label == "LOC" for e in article.entities)
