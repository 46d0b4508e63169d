"""Language-model pretraining on the unlabeled news for the entity network: two ways to use it, measured on dev.

    python training/ner/experiments/lm/run.py NAME --mode none|init|features [--articles N] [--epochs E]
                                              [--seed S] [--hidden H] [--lm-hidden H] [--words N [--negatives K]]
                                              [--augment N]

A bidirectional LSTM with the entity network's own inputs (network.py: word and stem vectors, character CNN,
featurizer flags) learns to predict the next word's k-means class (forward) and the previous word's (backward)
over sentences of N random news articles (network.pretrain). Then:

- `--mode none`: no language model, the reference (the same encoder, so the same inputs otherwise);
- `--mode init`: the entity network starts from the pretrained character CNN and BiLSTM and is trained on
  ANERcorp as usual (fine-tuning; no run-time cost);
- `--mode features`: the pretrained BiLSTM stays frozen and its states at every token join the entity network's
  inputs (as in TagLM/ELMo); the network keeps its own BiLSTM on top (a second recurrence at run time).

Training data, folds, dev split and scorer are train.py's (round one: ANERcorp only, no co-training). Prints dev
F1 of the network alone and with document consistency. The news sentences and the language model are
train.py's (lm_news, pretrained_lm: the shipped build uses `features`), cached in <work_dir>/lm/ by their inputs
(pretraining takes about 17 minutes on one core for 20,000 articles and 2 epochs); nothing is written to the
repository.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
for p in (REPO / "training" / "ner", REPO / "src"):
    sys.path.insert(0, str(p))

import network  # noqa: E402
import yaml  # noqa: E402
from train import (blocks, featurize, jackknifed, lm_news, log, pin_process, pretrained_lm, read_conll,  # noqa: E402
                   score, vectors_path)

from marsad.extract.entities.consistency import propagate  # noqa: E402
from marsad.extract.entities.features import Featurizer  # noqa: E402
from marsad.extract.entities.model import MODEL_DIR, Tagger  # noqa: E402
from marsad.extract.entities.resources import Resources  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name")
    ap.add_argument("--mode", choices=["none", "init", "features"], required=True)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=2, help="language-model epochs")
    ap.add_argument("--seed", type=int, help="entity network seed (default: the config's)")
    ap.add_argument("--hidden", type=int, help="entity network BiLSTM size (default: the config's)")
    ap.add_argument("--lm-hidden", type=int,
                    help="language model BiLSTM size, --mode features only "
                         "(default: the entity network's, as the build does)")
    ap.add_argument("--words", type=int, default=0,
                    help="the language model predicts the N most frequent words themselves, rarer ones by class "
                         "(network._word_objective; default 0: classes only, as shipped)")
    ap.add_argument("--negatives", type=int, default=1024, help="sampled outputs per batch with --words")
    ap.add_argument("--augment", type=int, default=0,
                    help="N mention-replaced copies of each training sentence join the network's (augment.py), "
                         "featurized without the training names")
    args = ap.parse_args()
    if not pin_process():  # the build's hashing and numeric kernels (train.py), or the numbers are not comparable
        os.execv(sys.executable, [sys.executable, *sys.argv])

    cfg = yaml.safe_load((REPO / "training/ner/config.yaml").read_text())
    cfg["network"]["lm"] = {"enabled": True, "articles": args.articles, "epochs": args.epochs,
                            "words": args.words, "negatives": args.negatives}
    lm_cfg = {**cfg["network"], "seed": cfg["seed"]}  # the language model: the build's settings and seed
    net_cfg = {**lm_cfg, "seed": args.seed or cfg["seed"]}
    if args.lm_hidden:  # a wider language model only: the entity network keeps its own size
        lm_cfg["hidden"] = args.lm_hidden
    if args.hidden:
        net_cfg["hidden"] = args.hidden
    sents = read_conll(REPO / cfg["data"]["anercorp"])
    n_dev = round(len(sents) * cfg["data"]["dev_fraction"])
    train, dev = sents[:-n_dev], sents[-n_dev:]
    base = Resources.load(MODEL_DIR, use_names=False)
    phrases = {k: set(v) for k, v in base.phrases.items()}
    gold = jackknifed(base, phrases, train, cfg["names_folds"], cfg["features"]["char_ngrams"])[2]
    fz = Tagger(MODEL_DIR).featurizer
    # the sentences and the language model are the build's own (train.py), cached in <work_dir>/lm
    news = lm_news(cfg, fz, MODEL_DIR)
    log(f"language model: {len(news)} news sentences, {sum(len(s['tokens']) for s in news)} tokens")
    if args.mode == "none":  # the same encoder, so the same inputs otherwise
        enc, emb = network.prepare(gold + news, lm_cfg, vectors_path(cfg))
        lm_weights = None
    else:
        (enc, emb), lm_weights = pretrained_lm(cfg, lm_cfg, gold, news)

    if args.augment:
        from augment import augment

        aug = augment(train, args.augment, base, net_cfg["seed"])
        log(f"augmented: {len(aug)} mention-replaced sentences")
        gold = gold + featurize(Featurizer(base), aug)[2]
    dev_inputs = featurize(fz, dev)[2]
    if args.mode != "features":
        _, model = network.train_member(enc, emb, gold, net_cfg, net_cfg["seed"], log, init=lm_weights)
    else:
        lm = network.language_model(enc, emb, lm_cfg, lm_weights)
        network.add_lm_states(lm, enc, gold + dev_inputs, cfg["network"]["max_len"])
        _, model = network.train_member(enc, emb, gold, net_cfg, net_cfg["seed"], log,
                                        extra=2 * lm.lstm.hidden_size)
    model.eval()
    pred = [viterbi(model, network._tensors(enc, s)) for s in dev_inputs]
    with_doc = []
    toks = [[t for t, _ in s] for s in dev]
    for b in blocks(len(dev), cfg["dev_doc_sentences"]):
        tags = [list(pred[i]) for i in b]
        propagate([toks[i] for i in b], tags, fz)
        with_doc += tags
    gold_tags = [[lab for _, lab in s] for s in dev]
    for label, p in (("network", pred), ("+ document consistency", with_doc)):
        sc = score(gold_tags, p)
        print(f"{args.name} {label:24s} P {sc['ALL']['p']:.4f} R {sc['ALL']['r']:.4f} F1 {sc['ALL']['f1']:.4f} | "
              + " ".join(f"{k} {v['f1']:.3f}" for k, v in sc.items() if k != "ALL"), flush=True)


def viterbi(model, tensors) -> list[str]:
    """The torch model's best BIO path for one sentence."""
    import torch

    w, st, ch, fl, _ = tensors
    with torch.no_grad():
        em = model.emissions(w[None], st[None], ch[None], fl[None], torch.ones(1, len(w), dtype=torch.bool))[0]
        trans = model.crf.trans + model.crf.ban_t
        score_ = model.crf.start + model.crf.ban_s + em[0]
        back = []
        for k in range(1, len(em)):
            cand = score_[:, None] + trans
            back.append(cand.argmax(0))
            score_ = cand.max(0).values + em[k]
        path = [int((score_ + model.crf.end).argmax())]
        for b in reversed(back):
            path.append(int(b[path[-1]]))
    return [network.LABELS[i] for i in reversed(path)]


if __name__ == "__main__":
    main()
