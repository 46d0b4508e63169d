"""The tokenizer's columns: what each token is, and the invariants every rule relies on."""

from __future__ import annotations

import gzip
import itertools
import json

import pytest
from conftest import DATA, need
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import tokens as tokens_module
from marsad.text.normalize import fold_word
from marsad.text.tokens import TokenizedText


def _rows(text: str) -> list[tuple[str, str, bool]]:
    tt = TokenizedText(text)
    return [(kind, text[s:e], g) for kind, s, e, g in zip(tt.kinds, tt.starts, tt.ends, tt.glued)]


def test_kinds_surfaces_and_glue():
    assert _rows("بلغ 2,035,956 دولار في 16/8/2018م و«5A»") == [
        ("word", "بلغ", False), ("num", "2,035,956", False), ("word", "دولار", False), ("word", "في", False),
        ("num", "16", False), ("punct", "/", True), ("num", "8", True), ("punct", "/", True),
        ("num", "2018", True), ("word", "م", True), ("word", "و", False), ("punct", "«", True),
        ("num", "5", True), ("latin", "A", True), ("punct", "»", True),
    ]


def test_eastern_digits_and_arabic_comma_grouping():
    # the Arabic comma groups thousands only between digits in threes; «1،234،5678» is a list, not one number
    assert [r[1] for r in _rows("٢٩،١٧٦،٣٥٢ و1،234،5678")] == ["٢٩،١٧٦،٣٥٢", "و", "1،234", "،", "5678"]


def test_keys_are_folded_and_marks_stay_in_the_span():
    tt = TokenizedText("أَعْلَنَتْ الوزارةُ")
    assert tt.keys == ("اعلنت", "الوزاره")
    assert tt.text[tt.starts[0]:tt.ends[0]] == "أَعْلَنَتْ"


def test_a_lone_tatweel_is_no_token_and_breaks_the_glue():
    tt = TokenizedText("5ـ%")
    assert tt.keys == ("5", "%")
    assert tt.glued == (False, False)


_ALPHABET = st.sampled_from(list("بلغ دولار في مليون ألف ال و ٠١٢٣٤٥ 0123456789 ،,./%$«»-ـًٌ") + ["\u0640", "A", "z"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_columns_agree_with_the_text(text):
    tt = TokenizedText(text)
    n = len(tt.keys)
    assert len(tt.kinds) == len(tt.starts) == len(tt.ends) == len(tt.glued) == len(tt) == n
    for i in range(n):
        assert 0 <= tt.starts[i] < tt.ends[i] <= len(text)
        assert tt.keys[i] and tt.keys[i] == fold_word(text[tt.starts[i]:tt.ends[i]])
        if i:
            assert tt.starts[i] >= tt.ends[i - 1]
            assert tt.glued[i] == (tt.starts[i] == tt.ends[i - 1])
    assert list(tt.candidates(lambda w: w == "في", digits=True)) == [
        i for i in range(n) if tt.keys[i] == "في" or tt.kinds[i] == "num"]
    for pos in range(len(text) + 1):
        assert tt.index_at(pos) == next((i for i in range(n) if tt.ends[i] > pos), n)


# --- the compiled scanner (_scan.c) against the regex path -----------------------------------------------------

def _columns_both_ways(text: str):
    compiled = TokenizedText(text)
    reference = TokenizedText.__new__(TokenizedText)
    reference._scan_python(text)
    cols = ("kinds", "keys", "starts", "ends", "glued")
    return tuple(getattr(compiled, c) for c in cols), tuple(getattr(reference, c) for c in cols)


_TRICKY = st.sampled_from(
    list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹،.,٫٬٪%$-/:ـًٌٍَُِّْٰ") + ["\u200b", "\u200f", "\u2060", "\ufeff", "\u061c",
    " ", "\n", "\t", "\u00a0", "\u3000", "\u2028", "ب", "ال", "مليون", "A", "z", "é", "😀", "\ud800", "\x00"])


@pytest.mark.skipif(tokens_module._scan is None, reason="compiled scanner not built (no C compiler?)")
@settings(max_examples=1500, deadline=None)
@given(st.lists(_TRICKY, max_size=40).map("".join))
def test_compiled_scanner_gives_the_regex_tokens(text):
    compiled, reference = _columns_both_ways(text)
    assert compiled == reference


@pytest.mark.skipif(tokens_module._scan is None, reason="compiled scanner not built (no C compiler?)")
@pytest.mark.parametrize("text", ["1،234،5678", "12،345", "1،2345", "١٢٣،٤٥٦،٧٨٩", "2,035,956.5.", "5ـ%", "", "   ",
                                  "٣٤٫٦ و1٬000", "،٢٣٤", "abc123def", "«كوفيد-19»"])
def test_compiled_scanner_on_number_edge_cases(text):
    compiled, reference = _columns_both_ways(text)
    assert compiled == reference


@pytest.mark.skipif(tokens_module._scan is None, reason="compiled scanner not built (no C compiler?)")
def test_compiled_scanner_on_real_articles():
    corpus = need(DATA / "news/ant_multisource.jsonl.gz")
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, 400):
            text = json.loads(line)["text"]
            compiled, reference = _columns_both_ways(text)
            assert compiled == reference
