"""BiLSTM-CRF entity tagger experiment (CPU, one thread). Reads <work_dir>/bilstm/data.pkl (prep.py).

    python nn.py --name NAME [--crf1] [--no-char] [--no-flags] [--no-w2v] [--hidden 100] [--seed 1] ...

Model selection (early stopping) uses a validation part carved from the training 90% (the last 10% of it);
dev (the last 10% of ANERcorp, the same 405 sentences train.py scores) is evaluated once, at the end.
Writes <work_dir>/bilstm/runs/NAME.json (scores, timings, sizes), NAME.pt (weights + vocabularies) and
NAME.dev.pkl (dev predictions).
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import time

import numpy as np
import torch
from _paths import DATA, RUNS, W2V
from torch import nn
from train import score

torch.set_num_threads(1)  # the speed figures are for one core


# ------------------------------------------------------------------ vocabularies and tensors

class Vocab:
    def __init__(self, data, args):
        from gensim.models import KeyedVectors

        self.labels = data["labels"]
        kv = KeyedVectors.load(args.w2v)
        # every word the vectors know and the data uses (train/val/dev: no label information, only the lookup
        # table; the vectors are frozen, so a word's row is the same whether or not it appears in training)
        need = {w for part in ("train", "dev") for s in data[part] for w in s["w"] + s["stem"]}
        words = sorted(w for w in need if w in kv.key_to_index)
        self.w2i = {w: i + 2 for i, w in enumerate(words)}  # 0 pad, 1 unk
        emb = np.zeros((len(words) + 2, kv.vector_size), np.float32)
        for w, i in self.w2i.items():
            emb[i] = kv[w]
        emb /= np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-6)
        self.emb = torch.tensor(emb)
        chars = {}
        flags = {}
        for s in data["train"]:
            for w in s["w"]:
                for c in w:
                    chars[c] = chars.get(c, 0) + 1
            for fl in s["flags"]:
                for f in fl:
                    flags[f] = flags.get(f, 0) + 1
        self.c2i = {c: i + 2 for i, c in enumerate(sorted(c for c, n in chars.items() if n >= 2))}
        self.f2i = {f: i for i, f in enumerate(sorted(f for f, n in flags.items() if n >= 2))}
        self.l2i = {lab: i for i, lab in enumerate(self.labels)}

    def tensors(self, s, max_chars=20):
        n = len(s["w"])
        w = torch.tensor([self.w2i.get(x, 1) for x in s["w"]])
        st = torch.tensor([self.w2i.get(x, 1) for x in s["stem"]])
        ch = torch.zeros(n, max_chars, dtype=torch.long)
        for i, x in enumerate(s["w"]):
            ids = [self.c2i.get(c, 1) for c in x[:max_chars]]
            ch[i, :len(ids)] = torch.tensor(ids)
        fl = torch.zeros(n, len(self.f2i))
        for i, fs in enumerate(s["flags"]):
            for f in fs:
                j = self.f2i.get(f)
                if j is not None:
                    fl[i, j] = 1.0
        m = torch.tensor(s["crf1_marg"], dtype=torch.float32)
        y = torch.tensor([self.l2i[t] for t in s["tags"]])
        return w, st, ch, fl, m, y


def batchify(items):
    """Pad a list of per-sentence tensors into a batch (time-major is not needed: batch_first everywhere)."""
    n = max(len(it[0]) for it in items)
    B = len(items)
    w = torch.zeros(B, n, dtype=torch.long)
    st = torch.zeros(B, n, dtype=torch.long)
    ch = torch.zeros(B, n, items[0][2].shape[1], dtype=torch.long)
    fl = torch.zeros(B, n, items[0][3].shape[1])
    m = torch.zeros(B, n, items[0][4].shape[1])
    y = torch.zeros(B, n, dtype=torch.long)
    mask = torch.zeros(B, n, dtype=torch.bool)
    for b, it in enumerate(items):
        k = len(it[0])
        w[b, :k], st[b, :k], ch[b, :k], fl[b, :k], m[b, :k], y[b, :k] = it
        mask[b, :k] = True
    return w, st, ch, fl, m, y, mask


# ------------------------------------------------------------------ model

def allowed(labels):
    """BIO: I-X only after B-X or I-X (and never first)."""
    L = len(labels)
    trans = torch.zeros(L, L)
    start = torch.zeros(L)
    for j, b in enumerate(labels):
        if b.startswith("I-"):
            start[j] = -1e4
            for i, a in enumerate(labels):
                if a[2:] != b[2:]:
                    trans[i, j] = -1e4
    return trans, start


class CRF(nn.Module):
    def __init__(self, labels):
        super().__init__()
        L = len(labels)
        self.trans = nn.Parameter(torch.zeros(L, L))
        self.start = nn.Parameter(torch.zeros(L))
        self.end = nn.Parameter(torch.zeros(L))
        mt, ms = allowed(labels)
        self.register_buffer("mask_t", mt)
        self.register_buffer("mask_s", ms)

    def nll(self, em, y, mask):
        T = self.trans + self.mask_t
        B, n, L = em.shape
        # gold score
        s = self.start[y[:, 0]] + self.mask_s[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
        for t in range(1, n):
            mt = mask[:, t].float()
            s = s + mt * (T[y[:, t - 1], y[:, t]] + em[:, t].gather(1, y[:, t:t + 1]).squeeze(1))
        last = y.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        s = s + self.end[last]
        # partition
        a = self.start + self.mask_s + em[:, 0]
        for t in range(1, n):
            nxt = torch.logsumexp(a.unsqueeze(2) + T.unsqueeze(0), dim=1) + em[:, t]
            a = torch.where(mask[:, t:t + 1], nxt, a)
        z = torch.logsumexp(a + self.end, dim=1)
        return (z - s).sum()

    def decode(self, em, lens):
        """Viterbi in numpy (per sentence): what a numpy-only runtime would do."""
        T = (self.trans + self.mask_t).detach().numpy()
        st = (self.start + self.mask_s).detach().numpy()
        en = self.end.detach().numpy()
        em = em.detach().numpy()
        out = []
        for b, n in enumerate(lens):
            e = em[b, :n]
            score_ = st + e[0]
            back = np.zeros((n, e.shape[1]), np.int64)
            for t in range(1, n):
                cand = score_[:, None] + T
                back[t] = cand.argmax(0)
                score_ = cand.max(0) + e[t]
            best = [int((score_ + en).argmax())]
            for t in range(n - 1, 0, -1):
                best.append(int(back[t, best[-1]]))
            out.append(best[::-1])
        return out


class Tagger(nn.Module):
    def __init__(self, vocab: Vocab, args):
        super().__init__()
        self.args = args
        self.emb = nn.Embedding.from_pretrained(vocab.emb, freeze=True, padding_idx=0)
        d = 0
        if args.w2v_on:
            d += 2 * vocab.emb.shape[1]
        if args.char:
            self.cemb = nn.Embedding(len(vocab.c2i) + 2, 25, padding_idx=0)
            self.cnn = nn.Conv1d(25, args.char_filters, 3, padding=1)
            d += args.char_filters
        if args.flags:
            d += len(vocab.f2i)
        if args.crf1:
            d += len(vocab.labels)
        self.drop = nn.Dropout(args.dropout)
        self.lstm = nn.LSTM(d, args.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * args.hidden, len(vocab.labels))
        self.crf = CRF(vocab.labels)

    def emissions(self, w, st, ch, fl, m, mask):
        parts = []
        a = self.args
        if a.w2v_on:
            parts += [self.emb(w), self.emb(st)]
        if a.char:
            B, n, C = ch.shape
            c = self.cemb(ch.view(B * n, C)).transpose(1, 2)
            c = torch.relu(self.cnn(c)).max(2).values.view(B, n, -1)
            parts.append(c)
        if a.flags:
            parts.append(fl)
        if a.crf1:
            parts.append(m)
        x = self.drop(torch.cat(parts, -1))
        lens = mask.sum(1)
        pk = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(pk)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
        return self.out(self.drop(h))


def predict(model, items, labels, bs=64):
    model.eval()
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out = [None] * len(items)
    # batches of at most `bs` sentences and bs*32 padded tokens (sorted by length: little padding)
    groups, cur = [], []
    for i in order:
        if cur and (len(cur) + 1 > bs or (len(cur) + 1) * len(items[i][0]) > bs * 32):
            groups.append(cur)
            cur = []
        cur.append(i)
    groups.append(cur)
    with torch.no_grad():
        for idx in groups:
            w, st, ch, fl, m, y, mask = batchify([items[i] for i in idx])
            em = model.emissions(w, st, ch, fl, m, mask)
            for i, p in zip(idx, model.crf.decode(em, mask.sum(1).tolist())):
                out[i] = [labels[j] for j in p]
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", required=True)
    ap.add_argument("--crf1", action="store_true", help="stage-1 CRF marginals as input (jackknifed on train)")
    ap.add_argument("--no-char", dest="char", action="store_false")
    ap.add_argument("--no-flags", dest="flags", action="store_false")
    ap.add_argument("--no-w2v", dest="w2v_on", action="store_false")
    ap.add_argument("--w2v", default=str(W2V))
    ap.add_argument("--hidden", type=int, default=100)
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=6)
    ap.add_argument("--max-len", type=int, default=150, help="training sentences are cut into pieces this long")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--final-epochs", type=int, default=0,
                    help="train on ALL training sentences (train + val) for this many epochs (chosen earlier on val); "
                         "no early stopping, val F1 then means nothing")
    args = ap.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    t0 = time.time()
    data = pickle.load(open(DATA, "rb"))
    labels = data["labels"]
    vocab = Vocab(data, args)
    train_all = data["train"]
    n_val = round(len(train_all) * 0.1)
    tr, va = train_all[:-n_val], train_all[-n_val:]
    if args.final_epochs:
        tr = train_all
        args.epochs, args.patience = args.final_epochs, 10 ** 6
    tr_items = []
    for s in tr:  # cut very long training sentences (one has 1774 tokens) into pieces
        it = vocab.tensors(s)
        for a in range(0, len(it[0]), args.max_len):
            tr_items.append(tuple(x[a:a + args.max_len] for x in it))
    va_items = [vocab.tensors(s) for s in va]
    dev_items = [vocab.tensors(s) for s in data["dev"]]
    va_gold = [s["tags"] for s in va]
    dev_gold = [s["tags"] for s in data["dev"]]
    model = Tagger(vocab, args)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lr)
    best, best_ep, best_state, log = -1, 0, None, []
    t_train = time.time()
    for ep in range(1, args.epochs + 1):
        model.train()
        # bucket by length: shuffle, then sort within chunks of 50 batches
        idx = list(range(len(tr_items)))
        random.shuffle(idx)
        chunks = [sorted(idx[k:k + args.batch * 50], key=lambda i: len(tr_items[i][0]))
                  for k in range(0, len(idx), args.batch * 50)]
        batches = [c[k:k + args.batch] for c in chunks for k in range(0, len(c), args.batch)]
        random.shuffle(batches)
        tot = 0.0
        for b in batches:
            w, st, ch, fl, m, y, mask = batchify([tr_items[i] for i in b])
            em = model.emissions(w, st, ch, fl, m, mask)
            loss = model.crf.nll(em, y, mask) / len(b)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            tot += loss.item() * len(b)
        f1 = score(va_gold, predict(model, va_items, labels))["ALL"]["f1"]
        log.append((ep, round(tot / len(tr_items), 3), f1, round(time.time() - t_train)))
        print(f"epoch {ep} loss {tot / len(tr_items):.3f} val F1 {f1:.4f} ({time.time() - t_train:.0f}s)", flush=True)
        if f1 > best or args.final_epochs:
            best, best_ep = f1, ep
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        elif ep - best_ep >= args.patience:
            break
    train_s = time.time() - t_train
    model.load_state_dict(best_state)
    # dev: once, at the end
    pred = predict(model, dev_items, labels)
    sc = score(dev_gold, pred)
    # speed: model only (tensors already built), and tensors + model, one thread, batches of 256
    t = time.perf_counter()
    predict(model, dev_items, labels, bs=256)
    sp_model = len(dev_items) / (time.perf_counter() - t)
    t = time.perf_counter()
    predict(model, [vocab.tensors(s) for s in data["dev"]], labels, bs=256)
    sp_tens = len(dev_items) / (time.perf_counter() - t)
    n_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
    res = {"name": args.name, "args": vars(args), "val_f1": best, "best_epoch": best_ep, "epochs_log": log,
           "dev": sc, "train_seconds": round(train_s), "sent_per_s_model": round(sp_model),
           "sent_per_s_with_tensorising": round(sp_tens), "trainable_params": n_params,
           "embedding_rows": int(vocab.emb.shape[0]), "total_seconds": round(time.time() - t0)}
    RUNS.mkdir(parents=True, exist_ok=True)
    (RUNS / f"{args.name}.json").write_text(json.dumps(res, indent=1))
    pickle.dump(pred, open(RUNS / f"{args.name}.dev.pkl", "wb"))
    torch.save({"state": model.state_dict(), "args": vars(args)}, RUNS / f"{args.name}.pt")
    a = sc["ALL"]
    print(f"DEV {args.name}: P {a['p']:.4f} R {a['r']:.4f} F1 {a['f1']:.4f} | " +
          " ".join(f"{k} {v['f1']:.3f}" for k, v in sc.items() if k != "ALL") +
          f" | val {best:.4f}@{best_ep} train {train_s:.0f}s speed {sp_model:.0f}/{sp_tens:.0f} sent/s")


if __name__ == "__main__":
    main()
