"""The article's one token table: its three views, their sentences, and the proclitic analysis they share."""

from __future__ import annotations

import marsad
from marsad.text.clitics import CONJUNCTIONS, readings, strip_article
from marsad.text.sentences import sentences
from marsad.text.tokens import TokenizedText, model_tokens, word_tokens

TEXT = "قال الوزير إن #مصر وG20 ستنموان 3.5% هذا العام. وأضاف: «لن نتراجع»."


def test_word_view_keeps_hashtags_and_mixed_words_whole_and_knows_its_sentence():
    sents = sentences(TEXT)
    words = TokenizedText(TEXT, sents).word_tokens
    assert [w.text for w in words][:6] == ["قال", "الوزير", "إن", "#مصر", "وG20", "ستنموان"]
    assert all(TEXT[w.start:w.end] == w.text for w in words)
    assert {w.sent for w in words} == set(range(len(sents))) and len(sents) == 2
    assert words[-1].sent == 1 and words[0].sent == 0
    # outside the sentences given, a word has no sentence
    assert {w.sent for w in word_tokens(TEXT)} == {-1}


def test_piece_view_splits_what_the_number_grammar_needs_apart():
    tt = TokenizedText(TEXT, sentences(TEXT))
    pieces = [TEXT[a:b] for a, b in zip(tt.starts, tt.ends)]
    assert "G" in pieces and "20" in pieces and "#" in pieces and "3.5" in pieces


def test_model_view_is_the_entity_models_tokenisation_per_sentence():
    sents = sentences(TEXT)
    tt = TokenizedText(TEXT, sents)
    assert tt.model_tokens == [model_tokens(TEXT, a, b) for a, b in sents]
    first = [TEXT[a:b] for a, b in tt.model_tokens[0]]
    assert "3.5%" in first and "#" in first and "مصر" in first  # a number keeps its decimals and «%»


def test_views_are_made_once_per_table():
    tt = TokenizedText(TEXT, sentences(TEXT))
    assert tt.word_tokens is tt.word_tokens and tt.model_tokens is tt.model_tokens


def test_the_pipeline_hands_every_step_the_same_table():
    article = marsad.analyze(TEXT)
    assert isinstance(article.tokens, TokenizedText)
    assert article.tokens.text is article.text and article.tokens.sentences == article.sentences
    # statements read the table's words: the same as a table made afresh from the same text
    fresh = TokenizedText(article.text, article.sentences).word_tokens
    assert article.tokens.word_tokens == fresh
    assert [s.verb.text for s in article.statements] == ["قال", "وأضاف"[1:]]


def test_one_proclitic_analysis():
    assert CONJUNCTIONS == "وف"
    assert [strip_article(w) for w in ("والوزاره", "بالوزاره", "للوزاره", "الوزاره", "الي", "لله")] == [
        "وزاره", "وزاره", "وزاره", "وزاره", "الي", "لله"]
    stems = {r.stem for r in readings("وبالعام")}
    assert {"العام", "عام"} <= stems
