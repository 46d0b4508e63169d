"""numpy-only inference for a trained run (no torch at run time): export weights once, then tag.

    python npinfer.py RUN          # export runs/RUN.npz, check it agrees with torch on dev, time it

(runs/ is <work_dir>/bilstm/runs.)

The exported file holds only the embedding rows of words the runtime may meet (here: the vocabulary built from
the w2v vectors and the data; a product build would keep the top-N news words), float16 embeddings, float32
weights. Char-CNN outputs are cached per word type, as marsad's featurizer caches analyses.
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one core: no BLAS threads (set before numpy loads BLAS)
os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np
from _paths import DATA, RUNS


class NpTagger:
    def __init__(self, path: Path):
        z = np.load(path, allow_pickle=True)
        self.p = {k: z[k] for k in z.files if k != "meta"}
        meta = z["meta"].item()
        self.labels = meta["labels"]
        self.w2i, self.c2i, self.f2i = meta["w2i"], meta["c2i"], meta["f2i"]
        self.opts = meta["args"]
        self.emb = self.p["emb"].astype(np.float32)
        self.H = self.p["lstm_whh_f"].shape[1]
        self._char_cache: dict[str, np.ndarray] = {}
        T, st, en = self.p["trans"], self.p["start"], self.p["end"]
        self.T, self.st, self.en = T, st, en

    def char_vec(self, w: str) -> np.ndarray:
        hit = self._char_cache.get(w)
        if hit is not None:
            return hit
        C = 20
        ids = np.zeros(C, np.int64)
        cs = [self.c2i.get(c, 1) for c in w[:C]]
        ids[:len(cs)] = cs
        e = self.p["cemb"][ids]  # C × 25 (row 0 is zeros: padding)
        pad = np.vstack([np.zeros((1, e.shape[1]), np.float32), e, np.zeros((1, e.shape[1]), np.float32)])
        win = np.concatenate([pad[0:C], pad[1:C + 1], pad[2:C + 2]], axis=1)  # C × 75
        out = np.maximum(win @ self.p["cnn_w"] + self.p["cnn_b"], 0).max(0)
        self._char_cache[w] = out
        return out

    def inputs(self, s: dict) -> np.ndarray:
        o = self.opts
        parts = []
        if o["w2v_on"]:
            parts += [self.emb[[self.w2i.get(x, 1) for x in s["w"]]], self.emb[[self.w2i.get(x, 1) for x in s["stem"]]]]
        if o["char"]:
            parts.append(np.stack([self.char_vec(w) for w in s["w"]]))
        if o["flags"]:
            fl = np.zeros((len(s["w"]), len(self.f2i)), np.float32)
            for i, fs in enumerate(s["flags"]):
                for f in fs:
                    j = self.f2i.get(f)
                    if j is not None:
                        fl[i, j] = 1.0
            parts.append(fl)
        if o["crf1"]:
            parts.append(np.asarray(s["crf1_marg"], np.float32))
        return np.concatenate(parts, 1)

    def bilstm(self, X, Xr, lens):
        """Both directions at once: (2, B, ·) stacks, one Python loop over time (the loop is the cost, so one
        loop instead of two). Xr holds each sentence reversed within its own length: the backward direction."""
        p = self.p
        if not hasattr(self, "_Wih"):
            self._Wih = np.stack([p["lstm_wih_f"].T, p["lstm_wih_f_rev"].T])
            self._Whh = np.stack([p["lstm_whh_f"].T, p["lstm_whh_f_rev"].T])
            self._b = np.stack([p["lstm_b_f"], p["lstm_b_f_rev"]])[:, None, None, :]
        B, n, _ = X.shape
        H = self.H
        G = np.matmul(np.stack([X, Xr]), self._Wih[:, None]) + self._b  # 2 × B × n × 4H
        h = np.zeros((2, B, H), np.float32)
        c = np.zeros((2, B, H), np.float32)
        out = np.zeros((2, B, n, H), np.float32)
        lens = np.asarray(lens)
        for t in range(n):
            g = G[:, :, t] + np.matmul(h, self._Whh)
            sg = 1.0 / (1.0 + np.exp(-g))
            c2 = sg[..., H:2 * H] * c + sg[..., :H] * np.tanh(g[..., 2 * H:3 * H])
            h2 = sg[..., 3 * H:] * np.tanh(c2)
            live = (t < lens)[None, :, None]
            c = np.where(live, c2, c)
            h = np.where(live, h2, h)
            out[:, :, t] = h2 * live
        return out[0], out[1]

    def viterbi(self, e):
        n = len(e)
        sc = self.st + e[0]
        back = np.zeros((n, e.shape[1]), np.int64)
        for t in range(1, n):
            cand = sc[:, None] + self.T
            back[t] = cand.argmax(0)
            sc = cand.max(0) + e[t]
        best = [int((sc + self.en).argmax())]
        for t in range(n - 1, 0, -1):
            best.append(int(back[t, best[-1]]))
        return [self.labels[j] for j in best[::-1]]

    def tag(self, sents: list[dict], bs: int = 64) -> list[list[str]]:
        order = sorted(range(len(sents)), key=lambda i: len(sents[i]["w"]))
        out = [None] * len(sents)
        groups, cur = [], []
        for i in order:
            if cur and (len(cur) + 1 > bs or (len(cur) + 1) * len(sents[i]["w"]) > bs * 32):
                groups.append(cur)
                cur = []
            cur.append(i)
        groups.append(cur)
        for idx in groups:
            xs = [self.inputs(sents[i]) for i in idx]
            lens = [len(x) for x in xs]
            n = max(lens)
            X = np.zeros((len(xs), n, xs[0].shape[1]), np.float32)
            for b, x in enumerate(xs):
                X[b, :len(x)] = x
            # backward direction: each sentence reversed within its own length; both directions in one loop
            Xr = np.zeros_like(X)
            for b, k in enumerate(lens):
                Xr[b, :k] = X[b, :k][::-1]
            hf, hb_r = self.bilstm(X, Xr, lens)
            hb = np.zeros_like(hb_r)
            for b, k in enumerate(lens):
                hb[b, :k] = hb_r[b, :k][::-1]
            E = np.concatenate([hf, hb], -1) @ self.p["out_w"].T + self.p["out_b"]
            for b, i in enumerate(idx):
                out[i] = self.viterbi(E[b, :lens[b]])
        return out


def export(run: str) -> Path:
    import nn as M  # torch: needed to export, not to tag
    import torch

    data = pickle.load(open(DATA, "rb"))
    ck = torch.load(RUNS / f"{run}.pt")
    args = argparse.Namespace(**ck["args"])
    vocab = M.Vocab(data, args)
    s = {k: v.numpy() for k, v in ck["state"].items()}
    p = {"emb": s["emb.weight"].astype(np.float16),
         "lstm_wih_f": s["lstm.weight_ih_l0"], "lstm_whh_f": s["lstm.weight_hh_l0"],
         "lstm_b_f": s["lstm.bias_ih_l0"] + s["lstm.bias_hh_l0"],
         "lstm_wih_f_rev": s["lstm.weight_ih_l0_reverse"], "lstm_whh_f_rev": s["lstm.weight_hh_l0_reverse"],
         "lstm_b_f_rev": s["lstm.bias_ih_l0_reverse"] + s["lstm.bias_hh_l0_reverse"],
         "out_w": s["out.weight"], "out_b": s["out.bias"],
         "trans": s["crf.trans"] + s["crf.mask_t"], "start": s["crf.start"] + s["crf.mask_s"], "end": s["crf.end"]}
    if args.char:
        w = s["cnn.weight"]  # out × in × 3 → (3*in) × out, matching [left, centre, right] windows
        p.update({"cemb": s["cemb.weight"], "cnn_w": np.concatenate([w[:, :, k].T for k in range(3)], 0),
                  "cnn_b": s["cnn.bias"]})
    meta = {"labels": vocab.labels, "w2i": vocab.w2i, "c2i": vocab.c2i, "f2i": vocab.f2i, "args": vars(args)}
    out = RUNS / f"{run}.npz"
    np.savez(out, meta=np.array(meta, dtype=object), **p)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    a = ap.parse_args()
    path = export(a.run)
    from train import score

    data = pickle.load(open(DATA, "rb"))
    tg = NpTagger(path)
    dev = data["dev"]
    t = time.perf_counter()
    pred = tg.tag(dev)
    cold = len(dev) / (time.perf_counter() - t)
    t = time.perf_counter()
    pred = tg.tag(dev)
    warm = len(dev) / (time.perf_counter() - t)
    ref = pickle.load(open(RUNS / f"{a.run}.dev.pkl", "rb"))
    same = sum(p == r for p, r in zip(pred, ref)) / len(ref)
    gold = [s["tags"] for s in dev]
    f1 = score(gold, pred)["ALL"]["f1"]
    # without the one 1894-token sentence (a product would split such a "sentence")
    short = [s for s in dev if len(s["w"]) <= 200]
    t = time.perf_counter()
    tg.tag(short)
    warm_short = len(short) / (time.perf_counter() - t)
    print(f"{a.run}: numpy dev F1 {f1:.4f}, same tags as torch on {same:.1%} of sentences; "
          f"{cold:.0f} sent/s cold char cache, {warm:.0f} warm, {warm_short:.0f} warm without the 1894-token sentence; "
          f"file {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
