"""Language-model pretraining on the unlabeled news for the entity network: two ways to use it, measured on dev.

    python training/ner/experiments/lm/run.py NAME --mode none|init|features [--articles N] [--epochs E]
                                              [--seed S] [--hidden H]

A bidirectional LSTM with the entity network's own inputs (network.py: word and stem vectors, character CNN,
featurizer flags) learns to predict the next word's k-means class (forward) and the previous word's (backward)
over sentences of N random news articles (network.pretrain). Then:

- `--mode none`: no language model, the reference (the same encoder, so the same inputs otherwise);
- `--mode init`: the entity network starts from the pretrained character CNN and BiLSTM and is trained on
  ANERcorp as usual (fine-tuning; no run-time cost);
- `--mode features`: the pretrained BiLSTM stays frozen and its states at every token join the entity network's
  inputs (as in TagLM/ELMo); the network keeps its own BiLSTM on top (a second recurrence at run time).

Training data, folds, dev split and scorer are train.py's (round one: ANERcorp only, no co-training). Prints dev
F1 of the network alone and with document consistency. The pretrained weights are cached in
<work_dir>/lm/<articles>-<epochs>.pt (about 20 minutes on one core for 20,000 articles and 2 epochs); every
output stays in <work_dir>/lm/, never in the repository.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
for p in (REPO / "training" / "ner", REPO / "src"):
    sys.path.insert(0, str(p))

import network  # noqa: E402
import yaml  # noqa: E402
from train import (blocks, embeddings_tag, featurize, jackknifed, log, news_rows, read_conll,  # noqa: E402
                   score, vectors_path)

from marsad.extract.entities.consistency import propagate  # noqa: E402
from marsad.extract.entities.features import Featurizer  # noqa: E402
from marsad.extract.entities.model import MODEL_DIR, Tagger  # noqa: E402
from marsad.extract.entities.network import Encoder  # noqa: E402
from marsad.extract.entities.resources import Resources  # noqa: E402
from marsad.extract.entities.tokens import tokenize  # noqa: E402
from marsad.text.sentences import sentences  # noqa: E402

CLUSTERS = 2  # which k-means level of train.py's clusters the language model predicts (1,024 classes)


def news_inputs(cfg: dict, fz: Featurizer, articles: int, work: Path) -> list[dict]:
    """Sentences of 3–80 tokens from `articles` random news articles (train.py's seed; skipping the 2,000 its
    co-training reads), with the class of every word for the language model to predict."""
    cache = work / f"news-{articles}.pkl"
    if cache.exists():
        sents = pickle.loads(cache.read_bytes())
    else:
        rows = news_rows(cfg, random.Random(cfg["seed"]))
        sents = []
        for line in rows[2000:2000 + articles]:
            text = json.loads(line).get("text") or ""
            for a, b in sentences(text):
                toks = [text[s:e] for s, e in tokenize(text, a, b)]
                if 3 <= len(toks) <= 80:
                    an = [fz.analyse(t) for t in toks]
                    sents.append({"tokens": [(x[0], x[2], x[6]) for x in an], "phrase": fz.phrase_tags(an)})
        cache.write_bytes(pickle.dumps(sents))
    cl = pickle.loads((Path(cfg["work_dir"]) / f"clusters-{embeddings_tag(cfg)}.pkl").read_bytes())
    unknown = cfg["embeddings"]["clusters"][CLUSTERS]
    for s in sents:
        s["classes"] = [cl[t[0]][CLUSTERS] if t[0] in cl else unknown for t in s["tokens"]]
    return sents


def main() -> None:
    import torch

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("name")
    ap.add_argument("--mode", choices=["none", "init", "features"], required=True)
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--epochs", type=int, default=2, help="language-model epochs")
    ap.add_argument("--seed", type=int, help="entity network seed (default: the config's)")
    ap.add_argument("--hidden", type=int, help="entity network BiLSTM size (default: the config's)")
    args = ap.parse_args()

    cfg = yaml.safe_load((REPO / "training/ner/config.yaml").read_text())
    net_cfg = {**cfg["network"], "seed": args.seed or cfg["seed"]}
    lm_cfg = {**net_cfg, "pretrain": {"epochs": args.epochs}}
    if args.hidden:
        net_cfg["hidden"] = args.hidden
    work = Path(cfg["work_dir"]) / "lm"
    work.mkdir(parents=True, exist_ok=True)
    sents = read_conll(REPO / cfg["data"]["anercorp"])
    n_dev = round(len(sents) * cfg["data"]["dev_fraction"])
    train, dev = sents[:-n_dev], sents[-n_dev:]
    base = Resources.load(MODEL_DIR, use_names=False)
    phrases = {k: set(v) for k, v in base.phrases.items()}
    gold = jackknifed(base, phrases, train, cfg["names_folds"], cfg["features"]["char_ngrams"])[2]
    fz = Tagger(MODEL_DIR).featurizer
    news = news_inputs(cfg, fz, args.articles, work)
    log(f"language model: {len(news)} news sentences, {sum(len(s['tokens']) for s in news)} tokens")
    enc, emb = network.prepare(gold + news, net_cfg, vectors_path(cfg))
    cached = work / f"{args.articles}-{args.epochs}.pt"
    if args.mode == "none":
        lm_weights = None
    elif cached.exists():
        lm_weights = torch.load(cached)
    else:
        classes = cfg["embeddings"]["clusters"][CLUSTERS] + 1
        lm_weights = network.pretrain(enc, emb, news, classes, lm_cfg, cfg["seed"], log)
        torch.save(lm_weights, cached)

    dev_inputs = featurize(fz, dev)[2]
    if args.mode != "features":
        _, model = network.train_member(enc, emb, gold, net_cfg, net_cfg["seed"], log, init=lm_weights)
    else:
        lm = network._model(enc, emb, lm_cfg)
        lm.load_state_dict(lm_weights, strict=False)
        lm.eval()
        width = 2 * lm_cfg["hidden"]
        for s in gold + dev_inputs:
            w, st, ch, fl, _ = network._tensors(enc, {**s, "tags": ["O"] * len(s["tokens"])})
            with torch.no_grad():
                s["lm"] = lm.states(w[None], st[None], ch[None], fl[None],
                                    torch.ones(1, len(w), dtype=torch.bool))[0]
        # the frozen states enter as extra input columns after the flags (the network reads flags as floats)
        enc = Encoder(enc.words, enc.chars, enc.flags + [f"~lm{i}" for i in range(width)], network.LABELS)
        plain = network._tensors

        def with_states(e, s):
            w, st, ch, fl, y = plain(e, s)
            fl[:, -width:] = s["lm"]
            return w, st, ch, fl, y

        network._tensors = with_states
        _, model = network.train_member(enc, emb, gold, net_cfg, net_cfg["seed"], log)
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
