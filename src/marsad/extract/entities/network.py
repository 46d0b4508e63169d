"""The neural entity tagger at run time: a BiLSTM-CRF evaluated with numpy alone.

Trained with PyTorch by training/ner/network.py and exported to `network.npz`; torch is a training dependency
only. We evaluate the network ourselves instead of through torch or onnxruntime because its size (a 100-unit
BiLSTM) makes a few hundred megabytes of runtime a poor trade, and because batching every sentence of an article
into one recurrence keeps the Python loop to one iteration per token position, not per token.

Inputs per token (`Encoder`, shared with training so the two cannot drift apart): frozen word2vec vectors of
the folded word and of its clitic-stripped stem (trained by our code on the unlabeled news), a character CNN
over the folded word, and the featurizer's 0/1 flags (gazetteers, word lists, shape, phrase matches).
Several members (seeds) may be stored: their emissions and CRF scores are averaged before decoding.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

NPZ = "network.npz"


def _strings(a: np.ndarray) -> list[str]:
    """A list of strings stored as UTF-8 bytes joined by newlines (npz files stay pickle-free)."""
    text = a.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def pack_strings(items: list[str]) -> np.ndarray:
    if any("\n" in x for x in items):
        raise ValueError("strings stored in network.npz must not contain newlines")
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


class Encoder:
    """Token → (word row, stem row, character ids, flag columns): the lookups the network's inputs start from."""

    def __init__(self, words: list[str], chars: list[str], flags: list[str], labels: list[str],
                 max_chars: int = 20) -> None:
        # row 0 is padding, row 1 the unknown word / character
        self.words, self.chars, self.flags, self.labels = words, chars, flags, labels
        self.w2i = {w: i + 2 for i, w in enumerate(words)}
        self.c2i = {c: i + 2 for i, c in enumerate(chars)}
        self.f2i = {f: i for i, f in enumerate(flags)}
        self.max_chars = max_chars

    def char_ids(self, w: str) -> list[int]:
        ids = [self.c2i.get(c, 1) for c in w[: self.max_chars]]
        return ids + [0] * (self.max_chars - len(ids))

    def token(self, w: str, stem: str, flags: tuple[str, ...]) -> tuple[int, int, tuple[int, ...]]:
        """(word row, stem row, flag columns) of one token's folded form, stem and type-level flags."""
        f2i = self.f2i
        return (self.w2i.get(w, 1), self.w2i.get(stem, 1), tuple(f2i[f] for f in flags if f in f2i))


class Network:
    type_cache = 50_000  # word types whose input rows are kept (about 60 MB with one member)
    piece = 150          # longest stretch of tokens run through the recurrence at once (training's max_len)
    slots = 16_384       # padded token positions per batch

    def __init__(self, path: Path) -> None:
        z = np.load(path, allow_pickle=False)
        self.encoder = Encoder(_strings(z["words"]), _strings(z["chars"]), _strings(z["flags"]),
                               _strings(z["labels"]), int(z["max_chars"]))
        self.emb = z["emb"].astype(np.float32)
        self.members = int(z["char_emb"].shape[0])
        self.char_emb = z["char_emb"]                       # (M, chars+2, E)
        m, o, e, k = z["conv_w"].shape                      # (M, filters, E, width): torch's Conv1d layout
        # a window of `k` characters, flattened position-major, times one matrix: the convolution as a matmul
        self.conv = z["conv_w"].transpose(0, 3, 2, 1).reshape(m, k * e, o)
        self.conv_b = z["conv_b"]
        self.width = k
        h = z["w_hh"].shape[-1]
        self.hidden = h
        # tanh(x/2)/2 + 1/2 is the sigmoid: halving the input, forget and output gates' weights lets one tanh
        # call per step serve all four gates
        scale = np.concatenate([np.full(2 * h, 0.5), np.ones(h), np.full(h, 0.5)]).astype(np.float32)
        w_ih = z["w_ih"] * scale[:, None]                    # (M, 2 directions, 4H, D)
        b = z["b"] * scale                                   # (M, 2, 4H)
        self.w_hh = np.ascontiguousarray((z["w_hh"] * scale[:, None]).transpose(0, 1, 3, 2))  # (M, 2, H, 4H)
        self.gate_s, self.gate_a = scale, 1 - scale           # z * s + a: the sigmoid from tanh, or tanh itself
        self.out_w, self.out_b = z["out_w"], z["out_b"]      # (M, L, 2H), (M, L)
        self.trans = z["trans"].mean(0)                      # (L, L), BIO-forbidden moves already at -1e4
        self.start, self.end = z["start"].mean(0), z["end"].mean(0)
        # per token type (folded word, stem, flags): its row in `_rows`, the type's part of the input vectors
        self._types: dict[tuple, int] = {}
        self._lock = threading.Lock()
        self._rows = np.zeros((self.members, 1024, w_ih.shape[-1]), np.float32)
        # both directions' input weights side by side: one matmul projects a whole article
        self.w_in = np.concatenate([w_ih[:, 0], w_ih[:, 1]], axis=1).transpose(0, 2, 1).copy()
        self.b_in = np.concatenate([b[:, 0], b[:, 1]], axis=1)
        self.flag_offset = 2 * self.emb.shape[1] + self.conv.shape[2]

    # ---------------------------------------------------------------- inputs

    def _type_rows(self, keys: list[tuple[str, str, tuple[str, ...]]]) -> np.ndarray:
        """(members, len(keys), D) inputs of new token types: word and stem vectors, character CNN, flags."""
        enc = self.encoder
        n, c = len(keys), enc.max_chars
        rows = np.zeros((self.members, n, self._rows.shape[2]), np.float32)
        ids = np.array([enc.char_ids(k[0]) for k in keys], np.int64)                   # (n, C)
        lookups = [enc.token(*k) for k in keys]
        d = self.emb.shape[1]
        words = self.emb[[t[0] for t in lookups]]
        stems = self.emb[[t[1] for t in lookups]]
        pad = self.width // 2
        for m in range(self.members):
            # zero vectors beyond the word's ends, as torch's Conv1d pads
            e = np.pad(self.char_emb[m][ids], ((0, 0), (pad, pad), (0, 0)))          # (n, C+2p, E)
            win = np.concatenate([e[:, j:j + c] for j in range(self.width)], axis=2)
            rows[m, :, :d] = words
            rows[m, :, d:2 * d] = stems
            rows[m, :, 2 * d:self.flag_offset] = np.maximum(win @ self.conv[m] + self.conv_b[m], 0).max(axis=1)
        for r, t in enumerate(lookups):
            rows[:, r, [self.flag_offset + f for f in t[2]]] = 1.0
        return rows

    def inputs(self, tokens: list[tuple[str, str, tuple[str, ...]]], phrase: list[list[str]]) -> np.ndarray:
        """(members, tokens, D): the input vectors of a flat list of tokens."""
        with self._lock:  # the type cache and its rows change together
            types = self._types
            new = [k for k in dict.fromkeys(tokens) if k not in types]
            if new:
                if len(types) + len(new) > self.type_cache:  # a long crawl: start the cache afresh
                    types.clear()
                    new = list(dict.fromkeys(tokens))
                base = len(types)
                need = base + len(new)
                if need > self._rows.shape[1]:
                    grown = np.zeros((self.members, max(need, 2 * self._rows.shape[1]), self._rows.shape[2]),
                                     np.float32)
                    grown[:, :base] = self._rows[:, :base]
                    self._rows = grown
                self._rows[:, base:need] = self._type_rows(new)
                for k, key in enumerate(new):
                    types[key] = base + k
            x = self._rows[:, [types[k] for k in tokens]]
        f2i, off = self.encoder.f2i, self.flag_offset
        for i, tags in enumerate(phrase):
            if tags:
                x[:, i, [off + f2i[t] for t in tags if t in f2i]] = 1.0
        return x

    # ---------------------------------------------------------------- network

    def _emissions(self, x: np.ndarray, lens: list[int], m: int) -> np.ndarray:
        """(tokens, labels) scores of member `m` for the flat input `x` of sentences of lengths `lens`."""
        n, h = x.shape[0], self.hidden
        # longest sentence first: at step k the sentences still running are a prefix of the batch
        order = sorted(range(len(lens)), key=lambda k: -lens[k])
        b, t = len(lens), lens[order[0]]
        starts = np.cumsum([0] + lens[:-1])
        # forward and backward both run left to right: the backward direction reads each sentence reversed;
        # `idx[:, k]` are the rows of the flat (2 × (n+1)) projected input read at step k
        idx = np.full((2, b, t), n, np.int64)
        for r, k in enumerate(order):
            o, ln = starts[k], lens[k]
            idx[0, r, :ln] = np.arange(o, o + ln)
            idx[1, r, :ln] = np.arange(o + ln - 1, o - 1, -1)
        # how many sentences are longer than k: the live prefix at step k
        live = (b - np.searchsorted(np.sort(lens), np.arange(t), side="right")).tolist()
        proj = np.empty((2, n + 1, 4 * h), np.float32)
        both = x @ self.w_in[m] + self.b_in[m]                                  # (n, 8H)
        proj[0, :n], proj[1, :n] = both[:, :4 * h], both[:, 4 * h:]
        proj[:, n] = 0
        w_hh, s, a = self.w_hh[m], self.gate_s, self.gate_a
        hs = np.zeros((2, b, h), np.float32)
        cs = np.zeros((2, b, h), np.float32)
        out = np.zeros((2, b, t, h), np.float32)
        g = np.empty((2, b, 4 * h), np.float32)
        tmp = np.empty((2, b, h), np.float32)
        for k in range(t):
            nk = live[k]
            gk, hk, ck, tk = g[:, :nk], hs[:, :nk], cs[:, :nk], tmp[:, :nk]
            # np.dot per direction: OpenBLAS's plain sgemm, measured faster than a stacked matmul here
            np.dot(hk[0], w_hh[0], out=gk[0])
            np.dot(hk[1], w_hh[1], out=gk[1])
            gk[0] += proj[0, idx[0, :nk, k]]
            gk[1] += proj[1, idx[1, :nk, k]]
            np.tanh(gk, out=gk)
            gk *= s
            gk += a
            ck *= gk[..., h:2 * h]                              # forget
            np.multiply(gk[..., :h], gk[..., 2 * h:3 * h], out=tk)  # input × candidate
            ck += tk
            np.tanh(ck, out=tk)
            np.multiply(gk[..., 3 * h:], tk, out=hk)            # output gate
            out[:, :nk, k] = hk
        cat = np.zeros((n + 1, 2 * h), np.float32)
        cat[idx[0], :h] = out[0]
        cat[idx[1], h:] = out[1]
        return cat[:n] @ self.out_w[m].T + self.out_b[m]

    def tag(self, tokens: list[list[tuple[str, str, tuple[str, ...]]]],
            phrase: list[list[list[str]]]) -> list[list[str]]:
        """BIO tags of a document's sentences. `tokens`: per sentence, per token (folded word, stem, flags);
        `phrase`: per sentence, per token, the phrase-gazetteer tags (features.Featurizer.phrase_tags)."""
        # sentences longer than `piece` tokens are tagged in pieces, as training cut them; pieces are batched
        # longest first, a batch holding at most `slots` padded positions, so one huge "sentence" in a
        # malformed page cannot make the padded arrays explode
        pieces = [(k, a, min(a + self.piece, len(s))) for k, s in enumerate(tokens)
                  for a in range(0, len(s), self.piece)]
        pieces.sort(key=lambda p: p[1] - p[2])
        labels = self.encoder.labels
        out: list[list[str]] = [[""] * len(s) for s in tokens]
        i = 0
        while i < len(pieces):
            longest = pieces[i][2] - pieces[i][1]
            j = min(len(pieces), i + max(1, self.slots // longest))
            batch = pieces[i:j]
            flat = [t for k, a, b in batch for t in tokens[k][a:b]]
            flat_phrase = [p for k, a, b in batch for p in phrase[k][a:b]]
            lens = [b - a for _, a, b in batch]
            xs = self.inputs(flat, flat_phrase)
            em = self._emissions(xs[0], lens, 0)
            for m in range(1, self.members):
                em += self._emissions(xs[m], lens, m)
            if self.members > 1:
                em /= self.members
            for (k, a, b), path in zip(batch, self._viterbi(em, lens)):
                out[k][a:b] = [labels[x] for x in path]
            i = j
        return out

    def _viterbi(self, em: np.ndarray, lens: list[int]) -> list[list[int]]:
        """Best label paths of all sentences at once (one step per position), then backtracked one by one."""
        b, t, nl = len(lens), max(lens), em.shape[1]
        idx = np.zeros((b, t), np.int64)
        o = 0
        for k, ln in enumerate(lens):
            idx[k, :ln] = np.arange(o, o + ln)
            o += ln
        e = em[idx]                                            # (B, T, L); padding rows are never read
        lens_a = np.array(lens)
        score = self.start + e[:, 0]
        back = np.zeros((b, t, nl), np.int64)
        for k in range(1, t):
            cand = score[:, :, None] + self.trans
            back[:, k] = cand.argmax(1)
            nxt = np.take_along_axis(cand, back[:, k, None, :], 1)[:, 0] + e[:, k]
            live = (lens_a > k)[:, None]
            score = np.where(live, nxt, score)
        best = (score + self.end).argmax(1)
        paths = []
        for k, ln in enumerate(lens):
            p = [int(best[k])]
            bk = back[k]
            for j in range(ln - 1, 0, -1):
                p.append(int(bk[j, p[-1]]))
            paths.append(p[::-1])
        return paths
