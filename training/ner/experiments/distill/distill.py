"""Experiment: distil the entity network into one without its language model, for speed.

    python training/ner/experiments/distill/distill.py [--settings settings.yaml] [--teacher PATH] [--out DIR]

The shipped network (the teacher) reads, besides each token's inputs, the states of a BiLSTM language model
pretrained on the news: two recurrences per sentence and a 200×800 product per token to feed one into the other,
most of the entity step's time (bench/speed.py). The student is the teacher's own tagger without those inputs:
it starts from the teacher's weights (the columns that read the language model dropped) and learns to give the
teacher's emission scores on unlabeled news and on ANERcorp's training sentences (squared error per token and
label; the ANERcorp sentences featurized as the teacher was trained on them, names jackknifed over folds, and
with `gold_weight` times their gold tags' CRF likelihood), so that with the teacher's transition scores it
decodes to the same tags. ANERcorp's dev split (the last `dev_fraction`) is never read but to score.

Data paths, seed and work_dir come from training/ner/config.yaml; the distillation's own settings from
`--settings`. The student is written to --out/network.npz (default: a directory in work_dir holding a copy of
the shipped model's files, so the shipped model is never touched), and its dev F1 is printed beside the
teacher's. Results: README.md beside this file. torch is needed here only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
sys.path.insert(0, str(REPO / "training/ner"))
sys.path.insert(0, str(REPO / "src"))

import network  # noqa: E402
from train import log, news_rows, pin_process, predict, read_conll, score  # noqa: E402

from marsad.extract.entities.model import MODEL_DIR, Tagger  # noqa: E402
from marsad.extract.entities.network import NPZ, Network  # noqa: E402


def news_sentences(cfg: dict, fz, articles: int, max_len: int) -> list[dict]:
    """The network inputs (tokens, phrase tags) of the sentences of `articles` news articles (the config's
    shuffled order), tokenised and featurized as at run time, 2 to `max_len` tokens long."""
    from marsad.text.sentences import sentences
    from marsad.text.tokens import model_tokens

    out = []
    for line in news_rows(cfg, random.Random(cfg["seed"]))[:articles]:
        text = json.loads(line).get("text") or ""
        for a, b in sentences(text):
            toks = [text[s:e] for s, e in model_tokens(text, a, b) if text[s:e] != "_"]
            if 2 <= len(toks) <= max_len:
                an = [fz.analyse(t) for t in toks]
                out.append({"tokens": [x.net_key for x in an], "phrase": fz.phrase_tags(an)})
    return out


def gold_sentences(cfg: dict, out: Path, max_len: int) -> list[dict]:
    """ANERcorp's training part (never its dev split), featurized as the teacher was trained on it: a name's
    feature fires only for names of the other folds (train.jackknifed), as on unseen text; cut into pieces of
    `max_len` tokens as the runtime cuts them."""
    from train import jackknifed

    from marsad.extract.entities.resources import Resources

    sents = read_conll(REPO / cfg["data"]["anercorp"])
    train = sents[:-round(len(sents) * cfg["data"]["dev_fraction"])]
    fopts = cfg["features"]
    base = Resources.load(out, use_clusters=fopts["clusters"], use_gazetteer=fopts["gazetteer"], use_names=False,
                          use_news_names=False)
    phrases = {k: set(v) for k, v in base.phrases.items()}
    nets = jackknifed(base, phrases, train, cfg["names_folds"], fopts["char_ngrams"])[2]
    return [{"tokens": s["tokens"][a:a + max_len], "phrase": s["phrase"][a:a + max_len],
             "tags": s["tags"][a:a + max_len]} for s in nets for a in range(0, len(s["tokens"]), max_len)]


def teacher_scores(teacher: Network, sents: list[dict], batch: int = 256) -> None:
    """s["target"]: the teacher's (tokens, labels) emission scores of each sentence, as the runtime computes them."""
    for k in range(0, len(sents), batch):
        part = sents[k:k + batch]
        lens = [len(s["tokens"]) for s in part]
        xs = teacher.inputs([t for s in part for t in s["tokens"]], [p for s in part for p in s["phrase"]])
        lm = teacher.lm_states(xs[-1], lens) if teacher.lm else None
        em = teacher._emissions(xs[:teacher.members], lens, lm)
        at = 0
        for s, n in zip(part, lens):
            s["target"] = em[at:at + n].astype(np.float16)
            at += n


CACHE_FORMAT = 2  # raise when what the cached sentences hold changes (2: ANERcorp's carry their gold tags)


def sentences_cache(cfg: dict, dcfg: dict, teacher_path: Path, model_dir: Path) -> Path:
    """Where the featurized sentences and teacher scores are cached: keyed by the teacher, the resource files,
    the featurizer's code and the distillation's data settings."""
    from marsad.extract.entities import clitics, features
    from marsad.text import normalize, sentences, tokens

    h = hashlib.sha256(json.dumps([CACHE_FORMAT, dcfg["articles"], cfg["seed"], cfg["data"]],
                                  sort_keys=True).encode())
    h.update(teacher_path.read_bytes())
    for name in ("vocab.tsv", "gazetteer.tsv", "names.tsv", "model_inputs.yaml"):
        for path in (model_dir / name, model_dir.parent / name):
            if path.exists():
                h.update(path.read_bytes())
    for module in (features, clitics, tokens, normalize, sentences):
        h.update(Path(module.__file__).read_bytes())
    return Path(cfg["work_dir"]) / "distill" / f"sentences-{h.hexdigest()[:16]}.pkl"


def _student(enc, emb: np.ndarray, cfg: dict, teacher_npz):
    """The torch BiLSTM-CRF (network._model) without language-model inputs, started from the teacher's tagger:
    its character CNN, the input weights of every column but the language model's, recurrent weights, output
    layer and transition scores."""
    import torch

    z = teacher_npz
    model = network._model(enc, emb, cfg)
    d = model.lstm.input_size
    state = {
        "cemb.weight": z["char_emb"][0], "cnn.weight": z["conv_w"][0], "cnn.bias": z["conv_b"][0],
        "lstm.weight_ih_l0": z["w_ih"][0, 0, :, :d], "lstm.weight_ih_l0_reverse": z["w_ih"][0, 1, :, :d],
        "lstm.weight_hh_l0": z["w_hh"][0, 0], "lstm.weight_hh_l0_reverse": z["w_hh"][0, 1],
        "lstm.bias_ih_l0": z["b"][0, 0], "lstm.bias_ih_l0_reverse": z["b"][0, 1],
        "lstm.bias_hh_l0": np.zeros_like(z["b"][0, 0]), "lstm.bias_hh_l0_reverse": np.zeros_like(z["b"][0, 1]),
        "out.weight": z["out_w"][0], "out.bias": z["out_b"][0],
        # the exported scores already hold the BIO bans, which the module adds again (harmless: -2e4 for -1e4)
        "crf.trans": z["trans"][0], "crf.start": z["start"][0], "crf.end": z["end"][0],
    }
    model.load_state_dict({k: torch.tensor(np.asarray(v, np.float32)) for k, v in state.items()}, strict=False)
    return model


class Items:
    """Training sentences as compact arrays (dense flag columns are built per batch: for 100,000 sentences they
    would take gigabytes)."""

    def __init__(self, enc, sents: list[dict]) -> None:
        self.rows = []
        for s in sents:
            toks = [enc.token(*t) for t in s["tokens"]]
            flags = [list(r.flag_cols) + [enc.f2i[f] for f in ph if f in enc.f2i]
                     for r, ph in zip(toks, s["phrase"])]
            # gold labels where the sentence has them (ANERcorp's), else -1: the gold term skips them
            gold = [enc.labels.index(t) for t in s["tags"]] if "tags" in s else [-1] * len(toks)
            self.rows.append((np.array([r.word_row for r in toks]), np.array([r.stem_row for r in toks]),
                              enc.char_ids_many([t.folded for t in s["tokens"]]).astype(np.int16), flags,
                              s["target"], np.array(gold)))
        self.n_flags = len(enc.flags)

    def batch(self, idx: list[int]):
        import torch

        items = [self.rows[i] for i in idx]
        n, b = max(len(it[0]) for it in items), len(items)
        w = torch.zeros(b, n, dtype=torch.long)
        st = torch.zeros(b, n, dtype=torch.long)
        ch = torch.zeros(b, n, items[0][2].shape[1], dtype=torch.long)
        fl = torch.zeros(b, n, self.n_flags)
        y = torch.zeros(b, n, items[0][4].shape[1])
        gold = torch.zeros(b, n, dtype=torch.long)
        has_gold = torch.zeros(b, dtype=torch.bool)
        mask = torch.zeros(b, n, dtype=torch.bool)
        for k, (wr, sr, cr, flags, target, tags) in enumerate(items):
            m = len(wr)
            w[k, :m], st[k, :m] = torch.from_numpy(wr), torch.from_numpy(sr)
            ch[k, :m] = torch.from_numpy(cr.astype(np.int64))
            y[k, :m] = torch.from_numpy(target.astype(np.float32))
            if tags[0] >= 0:
                gold[k, :m] = torch.from_numpy(tags)
                has_gold[k] = True
            mask[k, :m] = True
            for i, cols in enumerate(flags):
                if cols:
                    fl[k, i, cols] = 1.0
        return w, st, ch, fl, y, gold, has_gold, mask


def fit(model, items: Items, dcfg: dict, seed: int) -> None:
    """Adam on the squared distance between the student's and the teacher's emission scores, plus, on the
    ANERcorp sentences, `gold_weight` times the CRF's negative log-likelihood of the gold tags per token (with
    the teacher's transition scores, frozen: they are the ones exported), over length-bucketed shuffled batches;
    the learning rate falls linearly to a tenth over the epochs."""
    import torch
    from torch import nn

    for p in model.crf.parameters():
        p.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=dcfg["lr"])
    epochs = dcfg["epochs"]
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1 - 0.9 * e / max(1, epochs - 1))
    gold_weight = dcfg.get("gold_weight", 0.0)
    rng = random.Random(seed)
    bs = dcfg["batch"]
    t0 = time.time()
    n = len(items.rows)
    for ep in range(1, dcfg["epochs"] + 1):
        model.train()
        idx = list(range(n))
        rng.shuffle(idx)
        chunks = [sorted(idx[k:k + bs * 50], key=lambda i: len(items.rows[i][0])) for k in range(0, n, bs * 50)]
        batches = [c[k:k + bs] for c in chunks for k in range(0, len(c), bs)]
        rng.shuffle(batches)
        total = tokens = nll_total = 0.0
        for b in batches:
            w, st, ch, fl, y, gold, has_gold, mask = items.batch(b)
            em = model.emissions(w, st, ch, fl, mask)
            loss = ((em - y) ** 2).sum(-1)[mask].sum()
            count = mask.sum().item()
            objective = loss
            if gold_weight and has_gold.any():
                nll = model.crf.nll(em[has_gold], gold[has_gold], mask[has_gold])
                objective = objective + gold_weight * nll
                nll_total += nll.item()
            opt.zero_grad()
            (objective / count).backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += loss.item()
            tokens += count
        sched.step()
        log(f"distillation: epoch {ep}/{epochs} squared error per token {total / tokens:.4f}, gold "
            f"negative log-likelihood {nll_total:.0f} ({time.time() - t0:.0f}s)")


def export(path: Path, enc, emb: np.ndarray, model, teacher_npz) -> None:
    """The student as network.npz: the teacher's lookups and word vectors, the student's weights, the teacher's
    transition scores (the student learned the teacher's emissions, so it decodes with its transitions)."""
    member = {**network._encoder_arrays(model.state_dict()),
              "out_w": network._a(model.out.weight), "out_b": network._a(model.out.bias)}
    arrays = {k: v[None] for k, v in member.items()}
    arrays.update({k: teacher_npz[k] for k in ("trans", "start", "end")})
    np.savez(path, words=teacher_npz["words"], chars=teacher_npz["chars"], flags=teacher_npz["flags"],
             labels=teacher_npz["labels"], max_chars=teacher_npz["max_chars"], emb=emb.astype(np.float16), **arrays)


def agreement(teacher: Network, student: Network, sents: list[dict]) -> float:
    """The share of tokens of `sents` the two networks tag alike."""
    toks, ph = [s["tokens"] for s in sents], [s["phrase"] for s in sents]
    a, b = teacher.tag(toks, ph), student.tag(toks, ph)
    same = sum(x == y for p, q in zip(a, b) for x, y in zip(p, q))
    return same / max(1, sum(len(p) for p in a))


def dev_f1(cfg: dict, model_dir: Path, npz: Path, res=None, meta: dict | None = None) -> dict:
    """Dev scores (with document consistency, as meta.json's `dev`) of the tagger in `model_dir` (with `res` and
    `meta` when the caller has them, as train.py does before meta.json is written) with `npz` as its network."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        for p in model_dir.iterdir():
            if p.is_file() and p.name != NPZ:
                shutil.copy(p, d / p.name)
        shutil.copy(npz, d / NPZ)
        tagger = Tagger(d, res=res, meta=meta)
        sents = read_conll(REPO / cfg["data"]["anercorp"])
        dev = sents[-round(len(sents) * cfg["data"]["dev_fraction"]):]
        pred = predict(tagger, [[t for t, _ in s] for s in dev], cfg["dev_doc_sentences"], True)
        return score([[lab for _, lab in s] for s in dev], pred)


def distil(cfg: dict, dcfg: dict, out: Path, teacher_path: Path, res=None,
           meta: dict | None = None) -> tuple[dict, dict]:
    """Write out/network.npz, the student (settings `dcfg`) of the network at `teacher_path` (the tagger of
    `out`, with `res` and `meta` when given, featurizes): (the student's dev scores, a record of the run)."""
    import torch

    t0 = time.time()
    work = Path(cfg["work_dir"]) / "distill"
    work.mkdir(parents=True, exist_ok=True)
    kept = work / "teacher.npz"  # the teacher survives its replacement in `out`
    if teacher_path.resolve() != kept.resolve():
        shutil.copy(teacher_path, kept)
    teacher = Network(kept)
    if not teacher.lm:
        log("warning: the teacher has no language model: there is nothing to distil away")
    tz = dict(np.load(kept, allow_pickle=False))
    fz = Tagger(out, res=res, meta=meta).featurizer
    max_len = Network.piece
    cache = sentences_cache(cfg, dcfg, kept, out)
    if cache.exists():
        news, gold = pickle.loads(cache.read_bytes())
        log(f"sentences: cached {cache.name}")
    else:
        news = news_sentences(cfg, fz, dcfg["articles"], max_len)
        gold = gold_sentences(cfg, out, max_len)
        log(f"teacher scores: {len(news)} news sentences, {len(gold)} ANERcorp training sentences")
        teacher_scores(teacher, news)
        teacher_scores(teacher, gold)
        cache.write_bytes(pickle.dumps((news, gold)))
    # news sentences held out to measure agreement with the teacher on text the student did not learn from
    rng = random.Random(cfg["seed"])
    rng.shuffle(news)
    held, news = news[:dcfg["held_out"]], news[dcfg["held_out"]:]
    enc, emb = teacher.encoder, tz["emb"].astype(np.float32)
    network._seed(cfg["seed"])
    model = _student(enc, emb, {**cfg["network"], "dropout": dcfg["dropout"]}, tz)
    items = Items(enc, news + gold * dcfg["gold_repeat"])
    log(f"distillation: {len(news)} news + {len(gold)}×{dcfg['gold_repeat']} ANERcorp sentences, "
        f"{sum(len(r[0]) for r in items.rows)} tokens")
    start = work / "student-start.npz"
    export(start, enc, emb, model, tz)  # the warm start alone, for the record
    agree_start = agreement(teacher, Network(start), held)
    fit(model, items, dcfg, cfg["seed"])
    model.eval()
    export(out / NPZ, enc, emb, model, tz)
    student = Network(out / NPZ)
    network.check_export(student, enc, [model], [{**s, "tags": ["O"] * len(s["tokens"])} for s in held[:200]])
    agree = agreement(teacher, student, held)
    log(f"held-out news tokens tagged as the teacher tags them: {agree:.4f} (warm start {agree_start:.4f})")
    sc_teacher = dev_f1(cfg, out, kept, res, meta)
    sc_student = dev_f1(cfg, out, out / NPZ, res, meta)
    log(f"dev F1 with document consistency: teacher {sc_teacher['ALL']['f1']:.4f}, "
        f"student {sc_student['ALL']['f1']:.4f}")
    record = {
        "teacher_sha256": hashlib.sha256(kept.read_bytes()).hexdigest(),
        "teacher_dev_f1": sc_teacher["ALL"]["f1"],
        "news_sentences": len(news), "gold_sentences": len(gold), "held_out_sentences": len(held),
        "held_out_agreement": round(agree, 4), "warm_start_agreement": round(agree_start, 4),
        "seconds": round(time.time() - t0, 1), "torch": torch.__version__,
    }
    return sc_student, record


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", type=Path, default=REPO / "training/ner/config.yaml")
    ap.add_argument("--settings", type=Path, default=HERE / "settings.yaml")
    ap.add_argument("--out", type=Path, help="where the student goes (default: work_dir/distill/student)")
    ap.add_argument("--teacher", type=Path, help="the teacher's network.npz (default: the shipped one)")
    args = ap.parse_args(argv)
    if not pin_process():
        import os

        os.execv(sys.executable, [sys.executable, *sys.argv])
    cfg = yaml.safe_load(args.config.read_bytes())
    dcfg = yaml.safe_load(args.settings.read_text("utf-8"))
    out = args.out or Path(cfg["work_dir"]) / "distill" / "student"
    out.mkdir(parents=True, exist_ok=True)
    for p in MODEL_DIR.iterdir():  # the shipped model's other files: the student's tagger reads them
        if p.is_file() and p.name != NPZ:
            shutil.copy(p, out / p.name)
    shutil.copy(args.teacher or (MODEL_DIR / NPZ), out / NPZ)  # the teacher, until the student replaces it
    dev, record = distil(cfg, dcfg, out, out / NPZ)
    record["settings"] = dcfg
    (out / "distilled.json").write_text(json.dumps({"dev": dev, **record}, ensure_ascii=False, indent=1) + "\n",
                                        "utf-8")
    for label, sc in dev.items():
        log(f"  {label:5s} P {sc['p']:.4f} R {sc['r']:.4f} F1 {sc['f1']:.4f} (n={sc['support']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
