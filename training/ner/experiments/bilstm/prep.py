"""Data for the neural experiment, from the same sources and split as training/ner/train.py (read-only use).

    python prep.py    → <work_dir>/bilstm/data.pkl

For the 3642 training and 405 dev sentences it holds: tokens, gold tags, folded word / stem per token, the NN's
flag features (gazetteer, word lists, shape; names jackknifed over the same 5 folds as train.py for training
sentences), stage-1 CRF tags + marginals (training sentences: train.py's jackknifed fold models
<work_dir>/stage1-fold*.crfsuite; dev: the shipped ner.crfsuite), and the shipped two-stage CRF's final dev tags
(for the combinations in ensemble.py).
"""

from __future__ import annotations

import pickle
import time

import pycrfsuite
from _paths import DATA, MODEL, WORK, config, config_path
from train import entity_names, predict, read_conll, score, strip_first, with_names

from marsad.extract.entities.features import Featurizer
from marsad.extract.entities.model import Tagger
from marsad.extract.entities.resources import Resources

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]
# the Featurizer's binary features the network sees; word identities and clusters are left to the embeddings
FLAG_PREFIX = ("g=", "L=", "freq=")
FLAG_EXACT = {"al", "digit", "hasdigit", "latin", "cap", "allcaps", "punct", "nisba", "oov", "nocl"}


def split(cfg: dict) -> tuple[list, list]:
    """ANERcorp train / dev exactly as train.py splits it (dev = the last 10 %, never trained on)."""
    sents = read_conll(config_path(cfg["data"]["anercorp"]))
    n_dev = round(len(sents) * cfg["data"]["dev_fraction"])
    return sents[:-n_dev], sents[-n_dev:]


def flags(fz: Featurizer, toks: list[str]) -> list[list[str]]:
    """Per token: the flag features above, `pc` when a proclitic was split off, and phrase-gazetteer hits."""
    an = [fz.analyse(t) for t in toks]
    gaz = fz._phrase_tags(an)
    out = []
    for a, g in zip(an, gaz):
        f = [x for x in a[3] if x in FLAG_EXACT or x.startswith(FLAG_PREFIX)]
        if a[1]:
            f.append("pc")
        out.append(f + g)
    return out


def crf_out(tg, x) -> tuple[list[str], list[list[float]]]:
    """A CRF's tags and per-token marginals over LABELS (0 for a label the model never saw)."""
    tg.set(x)
    y = tg.tag()
    marg = [[tg.marginal(lab, i) if lab in tg.labels() else 0.0 for lab in LABELS] for i in range(len(x))]
    return y, marg


def jackknifed_features(train: list, base: Resources, k: int) -> tuple[list, list]:
    """CRF features and NN flags of the training sentences, each fold's names list built without that fold
    (train.py's `build`): otherwise every training name would be a gazetteer hit and the model would trust it."""
    base_phrases = {key: set(v) for key, v in base.phrases.items()}
    size = -(-len(train) // k)
    xs, fl = [], []
    for f in range(k):
        held = train[f * size:(f + 1) * size]
        others = train[:f * size] + train[(f + 1) * size:]
        fz = Featurizer(with_names(base, base_phrases, strip_first(entity_names(others), base)))
        for s in held:
            toks = [t for t, _ in s]
            xs.append(fz.sentence(toks))
            fl.append(flags(fz, toks))
    return xs, fl


def stage1_jackknifed(xs: list, folds: int) -> list:
    """Stage-1 CRF output for each training sentence from the fold model that never saw it (train.py's
    stage2_data holds out sentences [f*size, (f+1)*size) for fold f)."""
    size = -(-len(xs) // folds)
    out = [None] * len(xs)
    for f in range(folds):
        tg = pycrfsuite.Tagger()
        tg.open(str(WORK / f"stage1-fold{f}.crfsuite"))
        for i in range(f * size, min((f + 1) * size, len(xs))):
            out[i] = crf_out(tg, xs[i])
    return out


def check_against_train_py(c1_train: list) -> None:
    """The fold models must be the ones train.py used: compare tags with its caches of their output
    (stage1-<hash>.pkl; the hash covers config and features, so every cache of the right size is compared)."""
    checked = 0
    for cached in sorted(WORK.glob("stage1-*.pkl")):
        ref = pickle.load(open(cached, "rb"))
        if len(ref) != len(c1_train):
            continue
        checked += 1
        agree = sum(a[0] == b for a, b in zip(c1_train, ref)) / len(ref)
        print(f"jackknifed stage-1 tags agree with train.py's cache {cached.name} on {agree:.1%} of sentences")
    if not checked:
        print(f"no train.py stage-1 cache in {WORK}: fold models not cross-checked")


def main() -> None:
    t0 = time.time()
    DATA.parent.mkdir(parents=True, exist_ok=True)
    cfg = config()
    train, dev = split(cfg)
    assert len(dev) == 405 and len(train) == 3642
    base = Resources.load(MODEL, use_names=False, use_news_names=False)
    xs, fl_train = jackknifed_features(train, base, cfg["names_folds"])
    full = with_names(base, {k: set(v) for k, v in base.phrases.items()}, strip_first(entity_names(train), base))
    fzf = Featurizer(full)
    fl_dev = [flags(fzf, [t for t, _ in s]) for s in dev]
    an = lambda s: [fzf.analyse(t)[:3] for t, _ in s]

    c1_train = stage1_jackknifed(xs, cfg["stacking"]["folds"])
    check_against_train_py(c1_train)
    tg = pycrfsuite.Tagger()
    tg.open(str(MODEL / "ner.crfsuite"))
    c1_dev = [crf_out(tg, fzf.sentence([t for t, _ in s])) for s in dev]

    # the shipped two-stage CRF + document consistency, as train.py scores it
    tagger = Tagger(MODEL, res=full, meta={"features": cfg["features"], "stacking": True,
                                           "stacking_features": "light", "doc_consistency": True})
    dev_toks = [[t for t, _ in s] for s in dev]
    gold = [[lab for _, lab in s] for s in dev]
    final = predict(tagger, dev_toks, cfg["dev_doc_sentences"], True)
    final_nodoc = predict(tagger, dev_toks, cfg["dev_doc_sentences"], False)
    print("shipped CRF dev F1", score(gold, final)["ALL"], "no doc consistency", score(gold, final_nodoc)["ALL"]["f1"],
          "stage-1 only", score(gold, [c[0] for c in c1_dev])["ALL"]["f1"])
    j_gold = [[lab for _, lab in s] for s in train]
    print("jackknifed stage-1 F1 on train", score(j_gold, [c[0] for c in c1_train])["ALL"]["f1"])

    def pack(ss, fl, c1):
        return [{"toks": [t for t, _ in s], "tags": [lab for _, lab in s],
                 "w": [a[0] for a in an(s)], "stem": [a[2] for a in an(s)], "flags": f,
                 "crf1": c[0], "crf1_marg": c[1]} for s, f, c in zip(ss, fl, c1)]

    data = {"labels": LABELS, "train": pack(train, fl_train, c1_train), "dev": pack(dev, fl_dev, c1_dev),
            "dev_crf_final": final, "dev_crf_nodoc": final_nodoc}
    pickle.dump(data, open(DATA, "wb"))
    print(f"{DATA} done in {time.time() - t0:.0f}s")


if __name__ == "__main__":
    main()
