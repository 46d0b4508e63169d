"""The numpy BiLSTM-CRF: batched evaluation against a plain one-token-at-a-time reference, and the shipped file.

The reference below is written the textbook way (sigmoid gates, each direction stepped over one sentence, Viterbi
over full score tables) so that the runtime's shortcuts — all sentences of an article in one recurrence, the
backward direction run over reversed rows, the sigmoid folded into one tanh call — are checked against
something that takes none of them. Training checks the same runtime against torch (training/ner/network.py).
"""

from __future__ import annotations

import numpy as np
import pytest

from marsad.extract.entities.features import NetworkKey
from marsad.extract.entities.model import MODEL_DIR
from marsad.extract.entities.network import NPZ, Network, pack_strings

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]


def _random_network(path, members: int = 2, seed: int = 0, lm: bool = False) -> None:
    """A network of random weights; with `lm`, a language model (hidden size 3) whose states the members read."""
    rng = np.random.default_rng(seed)
    words = ["كتب", "محمد", "في", "القاهرة", "امس"]
    chars = sorted(set("".join(words)))
    flags = ["g=LOC", "L=titles", "pc", "gB=LOC", "gI=LOC"]
    e, f, h, c, wd = 6, 5, 4, len(chars) + 2, 3
    d = 2 * e + f + len(flags)
    nl = len(LABELS)

    def r(*shape):
        return rng.normal(0, 0.8, shape).astype(np.float32)

    trans = r(members, nl, nl)
    start = r(members, nl)
    for j, lab in enumerate(LABELS):  # the BIO bans, as training stores them
        if lab.startswith("I-"):
            start[:, j] = -1e4
            for i, prev in enumerate(LABELS):
                if prev[2:] != lab[2:]:
                    trans[:, i, j] = -1e4
    char_emb = r(members, c, e)
    char_emb[:, 0] = 0  # torch's padding_idx row
    emb = np.concatenate([np.zeros((2, e)), rng.normal(0, 1, (len(words), e))]).astype(np.float16)
    extra = {}
    if lm:
        lm_h = 3
        lm_char = r(c, e)
        lm_char[0] = 0
        extra = dict(lm_char_emb=lm_char, lm_conv_w=r(f, e, wd), lm_conv_b=r(f), lm_w_ih=r(2, 4 * lm_h, d),
                     lm_w_hh=r(2, 4 * lm_h, lm_h), lm_b=r(2, 4 * lm_h))
        d += 2 * lm_h
    np.savez(path, words=pack_strings(words), chars=pack_strings(chars), flags=pack_strings(flags),
             labels=pack_strings(LABELS), max_chars=np.array(5), emb=emb,
             char_emb=char_emb, conv_w=r(members, f, e, wd), conv_b=r(members, f),
             w_ih=r(members, 2, 4 * h, d), w_hh=r(members, 2, 4 * h, h), b=r(members, 2, 4 * h),
             out_w=r(members, nl, 2 * h), out_b=r(members, nl), trans=trans, start=start, end=r(members, nl),
             **extra)


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


def _reference_tags(path, sent, phrase) -> list[str]:
    z = np.load(path)
    em = _reference_emissions(z, sent, phrase)
    return [LABELS[j] for j in _reference_viterbi(z, em)]


def _reference_emissions(z, sent, phrase) -> np.ndarray:
    ems = []
    lm = None
    if "lm_w_hh" in z.files:
        x = _reference_inputs(z, sent, phrase, z["lm_char_emb"], z["lm_conv_w"], z["lm_conv_b"])
        lm = _reference_bilstm(x, z["lm_w_ih"], z["lm_w_hh"], z["lm_b"])
    for m in range(z["char_emb"].shape[0]):
        x = _reference_inputs(z, sent, phrase, z["char_emb"][m], z["conv_w"][m], z["conv_b"][m])
        if lm is not None:
            x = np.concatenate([x, lm], 1)
        states = _reference_bilstm(x, z["w_ih"][m], z["w_hh"][m], z["b"][m])
        ems.append(states @ z["out_w"][m].T + z["out_b"][m])
    return np.mean(ems, 0)


def _reference_inputs(z, sent, phrase, char_emb, conv_w, conv_b) -> np.ndarray:
    """(tokens, D): word and stem vectors, the character CNN given, flags."""
    words, chars = z["words"].tobytes().decode().split("\n"), z["chars"].tobytes().decode().split("\n")
    flags = z["flags"].tobytes().decode().split("\n")
    emb = z["emb"].astype(np.float32)
    mc = int(z["max_chars"])
    rows = []
    for (w, stem, fl), ph in zip(sent, phrase):
        ids = [chars.index(ch) + 2 if ch in chars else 1 for ch in w[:mc]]
        ids += [0] * (mc - len(ids))
        pad = np.zeros((1, char_emb.shape[1]))
        x = np.concatenate([pad, char_emb[ids], pad])
        conv = np.array([[np.sum(conv_w[o] * x[t:t + 3].T) + conv_b[o] for o in range(conv_w.shape[0])]
                         for t in range(mc)])
        cv = np.maximum(conv, 0).max(0)
        wv = emb[words.index(w) + 2] if w in words else emb[1]
        sv = emb[words.index(stem) + 2] if stem in words else emb[1]
        fv = np.array([1.0 if (f in fl or f in ph) else 0.0 for f in flags])
        rows.append(np.concatenate([wv, sv, cv, fv]))
    return np.array(rows)


def _reference_bilstm(x, w_ih, w_hh, b) -> np.ndarray:
    """(tokens, 2H): each direction stepped over the sentence, the textbook LSTM cell."""
    h = w_hh.shape[-1]
    outs = []
    for d, order in ((0, range(len(x))), (1, reversed(range(len(x))))):
        hs, cs = np.zeros(h), np.zeros(h)
        out = np.zeros((len(x), h))
        for t in order:
            g = w_ih[d] @ x[t] + w_hh[d] @ hs + b[d]
            i, f, gg, o = _sigmoid(g[:h]), _sigmoid(g[h:2 * h]), np.tanh(g[2 * h:3 * h]), _sigmoid(g[3 * h:])
            cs = f * cs + i * gg
            hs = o * np.tanh(cs)
            out[t] = hs
        outs.append(out)
    return np.concatenate(outs, 1)


def _reference_viterbi(z, em) -> list[int]:
    trans, start, end = z["trans"].mean(0), z["start"].mean(0), z["end"].mean(0)
    # Viterbi over full score tables, one sentence
    n = len(em)
    score = start + em[0]
    back = []
    for t in range(1, n):
        cand = score[:, None] + trans
        back.append(cand.argmax(0))
        score = cand.max(0) + em[t]
    best = [int((score + end).argmax())]
    for bk in reversed(back):
        best.append(int(bk[best[-1]]))
    return best[::-1]


# per token its NetworkKey (folded word, stem, flags), as Featurizer.analyse gives it
SENTS = [[NetworkKey(*t) for t in s] for s in [
    [("كتب", "كتب", ()), ("محمد", "محمد", ("L=titles",)), ("في", "في", ()), ("القاهرة", "القاهرة", ("g=LOC",))],
    [("امس", "امس", ())],
    [("وفي", "في", ("pc",)), ("القاهرة", "القاهرة", ("g=LOC",)), ("زيد", "زيد", ()), ("محمد", "محمد", ()),
     ("كتب", "كتب", ()), ("غريبة", "غريبة", ())],
    [],
    [("مجهول", "مجهول", ()), ("القاهرة", "القاهرة", ())],
]]
PHRASE = [
    [[], [], [], ["gB=LOC"]],
    [[]],
    [[], ["gB=LOC"], ["gI=LOC"], [], [], []],
    [],
    [[], []],
]


@pytest.mark.parametrize("grouped", [False, True], ids=["one-cnn-group", "cnn-group-per-length"])
@pytest.mark.parametrize("lm", [False, True], ids=["plain", "language-model"])
@pytest.mark.parametrize("members", [1, 2])  # one member without a language model reads its table by row
def test_batched_network_matches_the_token_by_token_reference(tmp_path, lm, grouped, members):
    path = tmp_path / NPZ
    _random_network(path, members=members, lm=lm)
    net = Network(path)
    assert net.lm == lm
    # the character CNN runs words of each length apart, or all to the longest, as many or few words are new
    net.cnn_groups_from = 1 if grouped else 10**9
    got = net.tag(SENTS, PHRASE)
    want = [_reference_tags(path, s, p) if s else [] for s, p in zip(SENTS, PHRASE)]
    assert got == want
    # the emissions themselves, not only their best path
    flat = [t for s in SENTS for t in s]
    x = net.inputs(flat, [p for ps in PHRASE for p in ps])
    lens = [len(s) for s in SENTS if s]
    states = net.lm_states(x[-1], lens) if lm else None
    got_em = net._emissions(x[:net.members], lens, states)
    want_em = np.concatenate([_reference_emissions(np.load(path), s, p) for s, p in zip(SENTS, PHRASE) if s])
    assert np.allclose(got_em, want_em, atol=1e-4)


@pytest.mark.parametrize("lm", [False, True], ids=["plain", "language-model"])
def test_an_article_tags_each_sentence_as_it_would_alone(tmp_path, lm):
    path = tmp_path / NPZ
    _random_network(path, members=1, seed=3, lm=lm)
    net = Network(path)
    together = net.tag(SENTS, PHRASE)
    assert together == [net.tag([s], [p])[0] for s, p in zip(SENTS, PHRASE)]
    # the type cache must not change answers, nor its clearing when full
    assert net.tag(SENTS, PHRASE) == together
    net.type_cache = 3
    assert net.tag(SENTS, PHRASE) == together
    assert [net.tag([s], [p])[0] for s, p in zip(SENTS, PHRASE)] == together
    # nor does splitting the article into batches of few padded positions
    net.slots = 5
    assert net.tag(SENTS, PHRASE) == together


def test_a_character_embedding_without_a_zero_padding_row_is_refused(tmp_path):
    # the character CNN skips the windows past a word's end, which is exact only if padding reads as zeros
    path = tmp_path / NPZ
    _random_network(path, members=1)
    z = dict(np.load(path))
    z["char_emb"][0, 0, 0] = 0.5
    np.savez(path, **z)
    with pytest.raises(ValueError, match="padding row"):
        Network(path)


def test_long_sentences_are_tagged_in_pieces(tmp_path):
    path = tmp_path / NPZ
    _random_network(path, members=1, seed=5)
    net = Network(path)
    net.piece = 2
    got = net.tag(SENTS, PHRASE)
    # the same as tagging every stretch of two tokens as a sentence of its own
    pieces = [net.tag([s[a:a + 2]], [p[a:a + 2]])[0] for s, p in zip(SENTS, PHRASE) for a in range(0, len(s), 2)]
    assert [t for tags in got for t in tags] == [t for tags in pieces for t in tags]
    assert [len(t) for t in got] == [len(s) for s in SENTS]


def test_shipped_network_tags_valid_bio():
    if not (MODEL_DIR / NPZ).exists():
        pytest.skip("the shipped model has no network (training/ner/config.yaml network.enabled is false)")
    net = Network(MODEL_DIR / NPZ)
    assert net.encoder.labels[0] == "O" and len(net.encoder.words) > 10_000
    sent = [("قال", "قال", ()), ("الرئيس", "الرئيس", ("L=titles",)), ("رجب", "رجب", ()), ("طيب", "طيب", ()),
            ("اردوغان", "اردوغان", ())]
    tags = net.tag([[NetworkKey(*t) for t in sent]], [[[]] * 5])[0]
    assert len(tags) == 5
    for prev, t in zip(["O"] + tags, tags):
        assert t == "O" or t.startswith("B-") or prev[2:] == t[2:]


def test_character_ids_of_many_words_at_once_match_one_by_one():
    from marsad.extract.entities.network import Encoder

    enc = Encoder(["x"], sorted(set("محمدالقاهرةabc😀")), [], LABELS, max_chars=6)
    words = ["محمد", "القاهرة الكبرى", "", "abcxyz", "😀م", "\ud800ب", "ژ", "a" * 6, "a" * 7, " م "]
    got = enc.char_ids_many(words)
    assert got.tolist() == [enc.char_ids(w) for w in words]
    assert enc.char_ids_many([]).shape == (0, 6)


def test_a_full_type_cache_keeps_the_types_read_most(tmp_path):
    """Eviction keeps the half of the cache that tokens read most (and the current batch's types) instead of
    emptying it: a word read often stays cached through batches without it, and the answers stay those of a
    fresh network."""
    path = tmp_path / NPZ
    _random_network(path, members=1, seed=4)
    net, fresh = Network(path), Network(path)
    net.type_cache = 4
    common = SENTS[0][2]  # «في»
    rare = [NetworkKey(f"كلمة{k}", f"كلمة{k}", ()) for k in range(9)]
    batches = [[[common] * 5]] + [[rare[k:k + 3]] for k in range(0, 9, 3)]
    for sents in batches:
        phrase = [[[] for _ in s] for s in sents]
        assert net.tag(sents, phrase) == fresh.tag(sents, phrase)
        assert common in net._types  # evicted twice, never it
    assert rare[0] not in net._types and all(k in net._types for k in rare[6:])
