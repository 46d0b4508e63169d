"""The candidate scans' one-lookup tests (clitics.surface_forms) agree with the clitic readings they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract.date.words import lexicon
from marsad.extract.number.words import number_lexicon
from marsad.text.clitics import StemTest, _clitic_data, readings

_STEMS = sorted(number_lexicon().first_keys | lexicon("months").first_keys | lexicon("periods").first_keys)
_PREFIXES = sorted(set(_clitic_data()[0]) | {"ال", "لل", "وال", "بال", "فل", "ول"})
_TEST = StemTest(_STEMS)


def _by_readings(word: str) -> bool:
    return any(r.stem in _TEST_STEMS for r in readings(word))


_TEST_STEMS = frozenset(_STEMS)


@settings(max_examples=3000, deadline=None)
@given(st.sampled_from(_PREFIXES), st.sampled_from(_STEMS),
       st.text(alphabet="ابتلمنهويةال", max_size=3), st.booleans())
def test_surface_test_equals_readings(prefix, stem, noise, noise_first):
    """Prefixed stems, stems with a letter or three more or less, and near misses: same answer both ways."""
    for word in (prefix + stem, noise + stem if noise_first else stem + noise, prefix + stem[1:],
                 prefix + stem[:-1], prefix + "ل" + stem, noise):
        if word:
            assert _TEST(word) == _by_readings(word), word


def test_surface_forms_cover_clitics():
    assert _TEST("مليون") and _TEST("وبمليون") and _TEST("للعام") is _by_readings("للعام")
    assert not _TEST("مليونير")
