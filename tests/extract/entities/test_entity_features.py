"""The featurizer's two views: what every stage reads (analyse) and what the CRFs read (crf_view, on demand)."""

from __future__ import annotations

from marsad.extract.entities.features import Featurizer
from marsad.extract.entities.model import tagger

SENTENCE = ["وقال", "الرئيس", "الفرنسي", "إيمانويل", "ماكرون", "في", "باريس", "أمس"]


def test_crf_view_keeps_only_the_attributes_the_crf_has_weights_for():
    fz = tagger().featurizer
    a = fz.analyse("بواشنطن")
    full = fz._analyse("بواشنطن")  # with its CRF feature lists, whether or not the cache keeps them
    own, by_offset, lite = fz.crf_view(a)
    assert own == [x for x in full.features if x in fz.known] and own
    assert all(x.split(":", 1)[1] in full.context for xs in by_offset for x in xs)
    assert all(x in fz.known for xs in by_offset for x in xs)
    assert set(lite) <= set(own)
    assert fz.crf_view(fz.analyse("بواشنطن")) is fz.crf_view(a)  # cached per token


def test_a_network_only_tagger_caches_analyses_without_their_crf_lists():
    """The shipped model runs no CRF: its cached analyses drop the CRF feature lists (most of a worker's cache
    memory), and a CRF switched on later still reads the same features."""
    tg = tagger()
    assert tg.network is not None and tg.fill == "none"
    light = tg.featurizer.analyse("ماكرون")
    keeping = Featurizer(tg.res, known=tg.featurizer.known)
    full = keeping.analyse("ماكرون")
    assert light.features is None and light.context is None and full.features and full.context
    assert light == full._replace(features=None, context=None)
    assert tg.featurizer.crf_view(light) == keeping.crf_view(full)


def test_sentence_features_read_the_neighbours_crf_views():
    fz = tagger().featurizer
    feats = fz.sentence(SENTENCE)
    assert len(feats) == len(SENTENCE)
    an = [fz.analyse(t) for t in SENTENCE]
    for i, f in enumerate(feats):
        assert set(fz.crf_view(an[i]).own) <= set(f)
        if i:
            assert set(fz.crf_view(an[i - 1]).by_offset[1]) <= set(f)  # offset −1's context features
    assert "-2:BOUND" in feats[1] and "2:BOUND" in feats[-2]


def test_without_a_weight_filter_every_feature_is_kept():
    """Training's featurizer (known=None) sees every attribute: the run-time filter cannot hide one from it."""
    full = Featurizer(tagger().res)
    a = full.analyse("ماكرون")
    own, by_offset, _ = full.crf_view(a)
    assert own == a.features
    assert by_offset[0] == ["-2:" + x for x in a.context]
    assert a.net_key == (a.folded, a.stem, a.flags)


def test_records_keep_the_tuples_semantics():
    """The named records are tuples: equal to, hashed and sorted as the plain tuples they replaced, so dictionary
    keys (the network's type cache), sets of spans (scores) and sorts (rules.merge) work as before."""
    from marsad.extract.entities.consistency import BioSpan, spans
    from marsad.extract.entities.linking import Mention
    from marsad.extract.entities.rules import TokenEntity

    a = tagger().featurizer.analyse("وماكرون")
    assert tuple(a) == (a.folded, a.proclitic_len, a.stem, a.features, a.context, a.token, a.flags, a.net_key)
    assert a.token == "وماكرون" and a.proclitic_len == 1 and a.stem == a.folded[1:]
    key = (a.folded, a.stem, a.flags)
    assert a.net_key == key and hash(a.net_key) == hash(key) and {key: 1}[a.net_key] == 1
    assert spans(["B-PER", "I-PER", "O", "B-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert {BioSpan(0, 2, "PER")} == {(0, 2, "PER")}
    assert sorted([TokenEntity(3, 4, "LOC", "crf"), (0, 2, "PER", "rule:x")]) == [(0, 2, "PER", "rule:x"),
                                                                                  (3, 4, "LOC", "crf")]
    assert {Mention("ماسك", "PER"): 1}[("ماسك", "PER")] == 1
