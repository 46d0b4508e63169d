"""The featurizer's two views: what every stage reads (analyse) and what the CRFs read (crf_view, on demand)."""

from __future__ import annotations

from marsad.extract.entities.features import Featurizer
from marsad.extract.entities.model import tagger

SENTENCE = ["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "أمس"]


def test_crf_view_keeps_only_the_attributes_the_crf_has_weights_for():
    fz = tagger().featurizer
    a = fz.analyse("بواشنطن")
    own, by_offset, lite = fz.crf_view(a)
    assert own == [x for x in a[3] if x in fz.known] and own
    assert all(x.split(":", 1)[1] in a[4] for xs in by_offset for x in xs)
    assert all(x in fz.known for xs in by_offset for x in xs)
    assert set(lite) <= set(own)
    assert fz.crf_view(fz.analyse("بواشنطن")) is fz.crf_view(a)  # cached per token


def test_sentence_features_read_the_neighbours_crf_views():
    fz = tagger().featurizer
    feats = fz.sentence(SENTENCE)
    assert len(feats) == len(SENTENCE)
    an = [fz.analyse(t) for t in SENTENCE]
    for i, f in enumerate(feats):
        assert set(fz.crf_view(an[i])[0]) <= set(f)
        if i:
            assert set(fz.crf_view(an[i - 1])[1][1]) <= set(f)  # offset −1's context features
    assert "-2:BOUND" in feats[1] and "2:BOUND" in feats[-2]


def test_without_a_weight_filter_every_feature_is_kept():
    """Training's featurizer (known=None) sees every attribute: the run-time filter cannot hide one from it."""
    full = Featurizer(tagger().res)
    a = full.analyse("ماكرون")
    own, by_offset, _ = full.crf_view(a)
    assert own == a[3]
    assert by_offset[0] == ["-2:" + x for x in a[4]]
    assert a[7] == (a[0], a[2], a[6])
