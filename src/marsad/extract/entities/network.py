"""The neural entity tagger at run time: a BiLSTM-CRF evaluated with numpy alone.

Trained with PyTorch by training/ner/network.py and exported to `network.npz`; torch is a training dependency
only. We evaluate the network ourselves instead of through torch or onnxruntime because its size (a 100-unit
BiLSTM) makes a few hundred megabytes of runtime a poor trade, and because batching every sentence of an article
into one recurrence keeps the Python loop to one iteration per token position, not per token.

Inputs per token (`Encoder`, shared with training so the two cannot drift apart): frozen word2vec vectors of
the folded word and of its clitic-stripped stem (trained by our code on the unlabeled news), a character CNN
over the folded word, and the featurizer's 0/1 flags (gazetteers, word lists, shape, phrase matches).
When the file holds a language model (lm_* arrays: a BiLSTM over the same inputs, pretrained on the news to
predict the neighbouring words' clusters, training/ner/experiments/lm), it runs first and its states at every
token are appended to the tagger's inputs.
Several members (seeds) may be stored: their emissions and CRF scores are averaged before decoding.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

from .features import NetworkKey

NPZ = "network.npz"


def _strings(a: np.ndarray) -> list[str]:
    """A list of strings stored as UTF-8 bytes joined by newlines (npz files stay pickle-free)."""
    text = a.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def pack_strings(items: list[str]) -> np.ndarray:
    if any("\n" in x for x in items):
        raise ValueError("strings stored in network.npz must not contain newlines")
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


class TokenRows(NamedTuple):
    """Where a token's inputs come from (Encoder.token): rows of the word vectors (1: unknown), flag columns."""

    word_row: int
    stem_row: int
    flag_cols: tuple[int, ...]


class Piece(NamedTuple):
    """A stretch of at most Network.piece tokens of one sentence, run through the recurrence as a sentence."""

    sentence: int   # the sentence's index in Network.tag's `tokens`
    start: int      # its tokens: sentence[start:end]
    end: int


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

        # code point → character id, for char_ids_many (code points beyond it are unknown characters)
        self._char_table = np.ones(max((ord(c) for c in chars), default=0) + 1, np.int64)
        for c, i in self.c2i.items():
            self._char_table[ord(c)] = i

    def char_ids(self, w: str) -> list[int]:
        ids = [self.c2i.get(c, 1) for c in w[: self.max_chars]]
        return ids + [0] * (self.max_chars - len(ids))

    def char_ids_many(self, words: list[str]) -> np.ndarray:
        """(len(words), max_chars): char_ids of many words at once. One encode and one table lookup instead of
        a dictionary lookup per character: a cold run meets tens of thousands of new words."""
        c, table = self.max_chars, self._char_table
        cut = [w[:c] for w in words]
        text = "".join(x.ljust(c) for x in cut)
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32).reshape(len(words), c)
        ids = np.where(codes < len(table), table[np.minimum(codes, len(table) - 1)], 1)
        ids[np.arange(c)[None, :] >= np.array([len(x) for x in cut])[:, None]] = 0  # padding past the word
        return ids

    def token(self, w: str, stem: str, flags: tuple[str, ...]) -> TokenRows:
        """The TokenRows (word row, stem row, flag columns) of one token's folded form, stem and type-level flags."""
        f2i = self.f2i
        return TokenRows(self.w2i.get(w, 1), self.w2i.get(stem, 1), tuple(f2i[f] for f in flags if f in f2i))


def _lstm_layout(w_ih: np.ndarray, w_hh: np.ndarray, b: np.ndarray):
    """torch's BiLSTM weights (M, 2 directions, 4H, ·) → (input weights (M, D, 8H) with both directions side by
    side, so one matmul projects a whole article; their bias (M, 8H); recurrent weights (M, 2, H, 4H))."""
    h = w_hh.shape[-1]
    # tanh(x/2)/2 + 1/2 is the sigmoid: halving the input, forget and output gates' weights lets one tanh call
    # per step serve all four gates (the recurrence maps each gate back: z·s + a, with s, a from _gates)
    scale, _ = _gates(h)
    w_ih = w_ih * scale[:, None]
    b = b * scale
    w_in = np.concatenate([w_ih[:, 0], w_ih[:, 1]], axis=1).transpose(0, 2, 1).copy()
    b_in = np.concatenate([b[:, 0], b[:, 1]], axis=1)
    return w_in, b_in, np.ascontiguousarray((w_hh * scale[:, None]).transpose(0, 1, 3, 2))


@lru_cache(maxsize=None)
def _gates(h: int) -> tuple[np.ndarray, np.ndarray]:
    """Per gate unit (input, forget, candidate, output): the scale s (0.5 where the gate is a sigmoid, 1 for the
    tanh) and the offset a = 1 − s. Cached: every recurrence reads them; callers must not write to them."""
    s = np.concatenate([np.full(2 * h, 0.5), np.ones(h), np.full(h, 0.5)]).astype(np.float32)
    return s, 1 - s


class Network:
    # word types whose projected inputs are kept: 3.2 KB each per member (and per language model) at 100 units.
    # 10,000 keep them at 64 MB with the language model, and a worker under 400 MB (bench/workers.py); the
    # cache keeps the words read most when it is full (_evict)
    type_cache = 10_000
    piece = 150          # longest stretch of tokens run through the recurrence at once (training's max_len)
    # padded token positions per batch: a batch's arrays take about 6 KB per position with a language model, so
    # 8,192 keep a worker's peak memory 50 MB lower than 16,384 did, for 2-3 % of the network's speed
    slots = 8_192
    cnn_groups_from = 256  # new word types from which the character CNN runs one length at a time

    def __init__(self, path: Path) -> None:
        z = np.load(path, allow_pickle=False)
        self.encoder = Encoder(_strings(z["words"]), _strings(z["chars"]), _strings(z["flags"]),
                               _strings(z["labels"]), int(z["max_chars"]))
        # float16 as stored (exact in float32, which the rows become when a type's inputs are built): half the
        # memory of a float32 copy in every worker
        self.emb = z["emb"]
        self.members = int(z["char_emb"].shape[0])
        # a pretrained language model (when the build has one) reads the same inputs with its own character
        # CNN: its rows ride in the type cache as one more "member", after the taggers'
        self.lm = "lm_w_hh" in z.files
        char_emb, conv_w, conv_b = z["char_emb"], z["conv_w"], z["conv_b"]
        if self.lm:
            char_emb = np.concatenate([char_emb, z["lm_char_emb"][None]])
            conv_w = np.concatenate([conv_w, z["lm_conv_w"][None]])
            conv_b = np.concatenate([conv_b, z["lm_conv_b"][None]])
        self.char_emb = char_emb                             # (readers, chars+2, E)
        if np.any(char_emb[:, 0]):
            raise ValueError(f"{path}: the character embedding's padding row is not zero")
        m, o, e, k = conv_w.shape                            # (readers, filters, E, width): torch's Conv1d layout
        # a window of `k` characters, flattened position-major, times one matrix: the convolution as a matmul
        self.conv = conv_w.transpose(0, 3, 2, 1).reshape(m, k * e, o)
        self.conv_b = conv_b
        self.width = k
        self.flag_offset = 2 * self.emb.shape[1] + self.conv.shape[2]
        d = self.flag_offset + len(self.encoder.flags)      # the per-token inputs' width
        self.w_in, self.b_in, self.w_hh = _lstm_layout(z["w_ih"], z["w_hh"], z["b"])
        if self.lm:
            # the taggers' input weights past `d` read the language model's states
            self.w_lm, self.w_in = self.w_in[:, d:], self.w_in[:, :d]
            lm_in, lm_b, lm_hh = _lstm_layout(z["lm_w_ih"][None], z["lm_w_hh"][None], z["lm_b"][None])
            self.lm_in, self.lm_b, self.lm_hh = lm_in[0], lm_b[0], lm_hh[0]
        self.out_w, self.out_b = z["out_w"], z["out_b"]      # (M, L, 2H), (M, L)
        self.trans = z["trans"].mean(0)                      # (L, L), BIO-forbidden moves already at -1e4
        self.start, self.end = z["start"].mean(0), z["end"].mean(0)
        # the inputs' readers (every member, then the language model): what each multiplies them by, its bias
        self._reader_w = list(self.w_in) + ([self.lm_in] if self.lm else [])
        self._reader_b = list(self.b_in) + ([self.lm_b] if self.lm else [])
        # per token type (NetworkKey: folded word, stem, flags): its row in `_proj`, which holds per reader the
        # type's projected inputs (bias included): projected once per type, not once per token, because per token
        # that matmul took about as long as the recurrence itself
        self._types: dict[NetworkKey, int] = {}
        # held while the cache changes, and by tag() while its recurrence reads the scratch rows (_indexed_inputs)
        self._lock = threading.RLock()
        self._proj = [np.zeros((0, w.shape[1]), np.float32) for w in self._reader_w]
        self._cap = 0  # rows of `_proj` for types; the rest are scratch rows (_indexed_inputs)
        self._keys: list[NetworkKey] = []              # the type of each row
        self._hits = np.zeros(0, np.int64)             # tokens that read each row since the last eviction
        self._width = d

    # ---------------------------------------------------------------- inputs

    def _type_rows(self, keys: list[NetworkKey]) -> np.ndarray:
        """(readers, len(keys), D) inputs of new token types: word and stem vectors, character CNN, flags."""
        enc = self.encoder
        n = len(keys)
        readers = len(self._reader_w)
        rows = np.zeros((readers, n, self._width), np.float32)
        words = [k.folded for k in keys]
        # Encoder.token's lookups, column by column: one call per new type cost more than the lookups themselves
        w2i, f2i = enc.w2i, enc.f2i
        d = self.emb.shape[1]
        rows[:, :, :d] = self.emb[[w2i.get(w, 1) for w in words]]
        rows[:, :, d:2 * d] = self.emb[[w2i.get(k.stem, 1) for k in keys]]
        rows[:, :, 2 * d:self.flag_offset] = self._char_cnn(enc.char_ids_many(words),
                                                            np.array([len(w) for w in words]))
        cols = [[f2i[f] for f in k.flags if f in f2i] for k in keys]
        at = np.repeat(np.arange(n), [len(c) for c in cols])
        rows[:, at, self.flag_offset + np.fromiter((f for c in cols for f in c), np.int64, len(at))] = 1.0
        return rows

    def _char_cnn(self, ids: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """(readers, words, filters) the character CNN, max-pooled over positions, of words given as `char_ids`
        rows. As torch computed it over all max_chars positions, but only over the positions whose window
        reaches a character of the word: the rest read padding alone (zero vectors: the embedding's padding row
        is zero, checked at load), so each of them is relu(bias). A news word has about 6 characters of the 20,
        so this is about a third of the work."""
        n, c = ids.shape
        k, pad = self.width, self.width // 2
        out = np.empty((len(self._reader_w), n, self.conv.shape[2]), np.float32)
        lens = np.minimum(lens, c)
        # a group of words runs to its longest word (past a shorter word's end, windows read padding alone): one
        # group per length when many words are new, else a single group, as a few words do not repay the calls
        ends = np.unique(lens) if n >= self.cnn_groups_from else lens.max(initial=0, keepdims=True)
        shorter = -1
        for length in ends.tolist():
            sel = np.flatnonzero((lens > shorter) & (lens <= length))
            shorter = length
            p = min(length + pad, c)                         # positions whose window covers a character
            take = ids[sel, :min(p + k - 1 - pad, c)]        # the characters those windows read
            for m in range(len(out)):
                e = np.pad(self.char_emb[m][take], ((0, 0), (pad, p + k - 1 - pad - take.shape[1]), (0, 0)))
                win = np.concatenate([e[:, j:j + p] for j in range(k)], axis=2)        # (words, p, k·E)
                best = np.maximum(win @ self.conv[m] + self.conv_b[m], 0).max(axis=1)
                if p < c:  # the padding-only windows
                    np.maximum(best, np.maximum(self.conv_b[m], 0), out=best)
                out[m, sel] = best
        return out

    def _type_index(self, tokens: list[NetworkKey]) -> list[int]:
        """Each token's row in the type cache (`_proj`), projecting the types not there yet. Caller holds the lock:
        the type cache and its rows change together."""
        types = self._types
        seen = list(dict.fromkeys(tokens))
        new = [k for k in seen if k not in types]
        if new:
            if len(types) + len(new) > self.type_cache:  # full: keep the types read most, and this batch's
                self._evict([types[k] for k in seen if k in types])
            base = len(types)
            need = base + len(new)
            if need > self._cap:
                # room for the whole cache at once: np.zeros maps pages only when they are first written,
                # while growing step by step copied tens of megabytes each time (13 % of a cold run)
                self._resize(max(need, self.type_cache), self._proj[0].shape[0] - self._cap, base)
            x = self._type_rows(new)
            for p, xs, w, b in zip(self._proj, x, self._reader_w, self._reader_b):
                np.matmul(xs, w, out=p[base:need])
                p[base:need] += b
            for k, key in enumerate(new):
                types[key] = base + k
            self._keys += new
        rows = [types[k] for k in tokens]
        self._hits[:len(types)] += np.bincount(rows, minlength=len(types))
        return rows

    def _evict(self, batch_rows: list[int]) -> None:
        """Make room in a full type cache: keep the half of its types that tokens read most since the last eviction
        (with their counts halved, so that old favourites fade) and every type of the current batch, moved to the
        front; drop the rest. A news crawl reads a few thousand words most of the time: emptying the whole cache,
        as before, projected them all again after every eviction (a quarter of the network's time)."""
        n = len(self._keys)
        score = self._hits[:n].astype(np.int64)
        score[batch_rows] = np.iinfo(np.int64).max
        keep = np.sort(np.argsort(-score, kind="stable")[:max(len(batch_rows), self.type_cache // 2)])
        for p in self._proj:
            p[:len(keep)] = p[keep]
        self._hits[:len(keep)] = self._hits[keep] // 2
        self._hits[len(keep):] = 0
        self._keys = [self._keys[i] for i in keep.tolist()]
        self._types.clear()
        self._types.update((key, i) for i, key in enumerate(self._keys))

    def _resize(self, cap: int, scratch: int, keep: int) -> None:
        """`_proj` with `cap` type rows and `scratch` scratch rows after them, its first `keep` rows kept."""
        grown = [np.zeros((cap + scratch, p.shape[1]), np.float32) for p in self._proj]
        for g, p in zip(grown, self._proj):
            g[:keep] = p[:keep]
        hits = np.zeros(cap, np.int64)
        hits[:min(keep, len(self._hits))] = self._hits[:keep]
        self._proj, self._cap, self._hits = grown, cap, hits

    def _phrase_columns(self, tokens: list[NetworkKey], phrase: list[list[str]]) -> list[tuple[int, list[int]]]:
        """(token, input columns) of the phrase-gazetteer flags a token has beyond its type's: they are per token,
        not per type, so their weight rows are added token by token (a flag the type already has counts once, as
        in training's 0/1 columns)."""
        f2i, off = self.encoder.f2i, self.flag_offset
        out = []
        for i, tags in enumerate(phrase):
            if tags:
                own = tokens[i].flags
                cols = [off + f2i[t] for t in dict.fromkeys(tags) if t in f2i and t not in own]
                if cols:
                    out.append((i, cols))
        return out

    def inputs(self, tokens: list[NetworkKey], phrase: list[list[str]]) -> list[np.ndarray]:
        """Per reader (every member, then the language model), the (tokens, 8H) projected inputs of a flat list of
        tokens: the input vectors times the reader's input weights, plus its bias."""
        with self._lock:
            rows = self._type_index(tokens)
            out = [p[rows] for p in self._proj]
        for i, cols in self._phrase_columns(tokens, phrase):
            for o, w in zip(out, self._reader_w):
                o[i] += w[cols].sum(0)
        return out

    def _indexed_inputs(self, tokens: list[NetworkKey], phrase: list[list[str]]) -> tuple[list[np.ndarray],
                                                                                            np.ndarray]:
        """inputs() without copying a row per token: (per reader, its type table; each token's row in them). A token
        with phrase flags of its own gets a scratch row after the types. The caller holds the lock until it has
        read the tables."""
        rows = np.array(self._type_index(tokens), np.int64)
        extra = self._phrase_columns(tokens, phrase)
        if len(extra) > self._proj[0].shape[0] - self._cap:
            self._resize(self._cap, 2 * len(extra), self._cap)
        for j, (i, cols) in enumerate(extra):
            at = self._cap + j
            for table, w in zip(self._proj, self._reader_w):
                table[at] = table[rows[i]] + w[cols].sum(0)
            rows[i] = at
        return self._proj, rows

    # ---------------------------------------------------------------- network

    def _recur(self, projs: list[np.ndarray], lens: list[int], w_hh: np.ndarray,
               index: np.ndarray | None = None) -> list[np.ndarray]:
        """Per BiLSTM r, its (tokens, 2H) states (forward half, then backward) over sentences of lengths `lens`,
        given its flat projected inputs projs[r] (tokens, 8H: both directions' gates before the recurrent part)
        and recurrent weights w_hh[r] (2, H, 4H). Several BiLSTMs over the same sentences (the members) run in
        one loop: each step's element-wise work is one numpy call for all of them, not one per member.
        With `index` (one BiLSTM), projs[0] is a table of rows and token i's inputs are its row index[i]."""
        n = projs[0].shape[0] if index is None else len(index)
        h = w_hh.shape[-2]
        nr = 2 * len(projs)                                      # (BiLSTM, direction) rows
        # longest sentence first: at step k the sentences still running are a prefix of the batch
        order = sorted(range(len(lens)), key=lambda k: -lens[k])
        b, t = len(lens), lens[order[0]]
        starts = np.cumsum([0] + lens[:-1])
        # forward and backward both run left to right: the backward direction reads each sentence reversed;
        # `idx[d, :, k]` are the token rows read at step k in direction d (n: the zero row past the end)
        idx = np.full((2, b, t), n, np.int64)
        for r, k in enumerate(order):
            o, ln = starts[k], lens[k]
            idx[0, r, :ln] = np.arange(o, o + ln)
            idx[1, r, :ln] = np.arange(o + ln - 1, o - 1, -1)
        # how many sentences are longer than k: the live prefix at step k
        live = (b - np.searchsorted(np.sort(lens), np.arange(t), side="right")).tolist()
        # every row's inputs as one flat table of 4H-wide rows, without a copy when there is one BiLSTM (a token's
        # 8H inputs are its forward then backward gates: rows 2i and 2i+1), and per step the table rows each
        # (row, sentence) reads. Padding positions are never read (only live sentences are): they point at row 0
        d = np.arange(nr) % 2
        tok = np.where(idx < n, idx, 0)
        if index is not None:  # the table's rows, read through the tokens' row numbers
            flat = projs[0].reshape(-1, 4 * h)
            rows = 2 * index[tok][d] + d[:, None, None]                                  # (2, b, t)
        else:
            flat = projs[0].reshape(2 * n, 4 * h) if len(projs) == 1 else \
                np.concatenate([p.reshape(2 * n, 4 * h) for p in projs])
            rows = 2 * tok[d] + d[:, None, None] + (np.arange(nr) // 2 * 2 * n)[:, None, None]  # (nr, b, t)
        at = np.ascontiguousarray(rows.transpose(2, 0, 1))                          # step-major
        w = w_hh.reshape(nr, h, 4 * h)
        s, a = _gates(h)                                         # z * s + a: the sigmoid from tanh, or tanh
        hs = np.zeros((nr, b, h), np.float32)
        cs = np.zeros((nr, b, h), np.float32)
        out = np.zeros((nr, b, t, h), np.float32)
        g = np.empty((nr, b, 4 * h), np.float32)
        tmp = np.empty((nr, b, h), np.float32)
        for k in range(t):
            nk = live[k]
            gk, hk, ck, tk = g[:, :nk], hs[:, :nk], cs[:, :nk], tmp[:, :nk]
            # np.dot per row: OpenBLAS's plain sgemm, measured faster than a stacked matmul here
            for r in range(nr):
                np.dot(hk[r], w[r], out=gk[r])
            gk += flat[at[k, :, :nk]]
            np.tanh(gk, out=gk)
            gk *= s
            gk += a
            ck *= gk[..., h:2 * h]                              # forget
            np.multiply(gk[..., :h], gk[..., 2 * h:3 * h], out=tk)  # input × candidate
            ck += tk
            np.tanh(ck, out=tk)
            np.multiply(gk[..., 3 * h:], tk, out=hk)            # output gate
            out[:, :nk, k] = hk
        states = []
        for r in range(0, nr, 2):
            cat = np.zeros((n + 1, 2 * h), np.float32)
            cat[idx[0], :h] = out[r]
            cat[idx[1], h:] = out[r + 1]
            states.append(cat[:n])
        return states

    def lm_states(self, proj: np.ndarray, lens: list[int]) -> np.ndarray:
        """(tokens, 2H') the language model's states, from its projected inputs (the last reader's in `inputs`)."""
        return self._recur([proj], lens, self.lm_hh[None])[0]

    def member_emissions(self, projs: list[np.ndarray], lens: list[int],
                         lm: np.ndarray | None = None) -> list[np.ndarray]:
        """Per member, its (tokens, labels) scores from its projected inputs (`inputs`' first `members`, changed
        in place) of sentences of lengths `lens`, reading the language model's states `lm` too when the network
        has one."""
        if lm is not None:
            for m, proj in enumerate(projs):
                proj += lm @ self.w_lm[m]
        return self._scores(self._recur(projs, lens, self.w_hh))

    def _scores(self, states: list[np.ndarray]) -> list[np.ndarray]:
        """Per member, its (tokens, labels) scores from its BiLSTM's states."""
        return [x @ self.out_w[m].T + self.out_b[m] for m, x in enumerate(states)]

    @staticmethod
    def _mean(ems: list[np.ndarray]) -> np.ndarray:
        """The members' scores averaged (in place of the first): the scores the CRF layer decodes."""
        em = ems[0]
        for x in ems[1:]:
            em += x
        if len(ems) > 1:
            em /= len(ems)
        return em

    def _emissions(self, projs: list[np.ndarray], lens: list[int], lm: np.ndarray | None = None) -> np.ndarray:
        """member_emissions averaged over the members."""
        return self._mean(self.member_emissions(projs, lens, lm))

    def _batch_emissions(self, flat: list[NetworkKey], phrase: list[list[str]], lens: list[int]) -> np.ndarray:
        """_emissions of a batch of sentences, reading the type tables in place: the language model's recurrence
        and a lone member's read their rows through the tokens' row numbers; a member that adds the language
        model's states gets its own per-token array, which that sum makes anyway. Same values as
        inputs() → lm_states() → _emissions()."""
        with self._lock:  # the scratch rows are this batch's until the recurrences have read them
            tables, index = self._indexed_inputs(flat, phrase)
            if self.lm:
                lm = self._recur([tables[-1]], lens, self.lm_hh[None], index)[0]
                states = self._recur([tables[m][index] + lm @ self.w_lm[m] for m in range(self.members)],
                                     lens, self.w_hh)
            elif self.members == 1:
                states = self._recur([tables[0]], lens, self.w_hh, index)
            else:
                states = self._recur([tables[m][index] for m in range(self.members)], lens, self.w_hh)
        return self._mean(self._scores(states))

    def tag(self, tokens: list[list[NetworkKey]], phrase: list[list[list[str]]]) -> list[list[str]]:
        """BIO tags of a document's sentences. `tokens`: per sentence, per token, its NetworkKey (folded word, stem,
        flags: Featurizer.analyse's net_key); `phrase`: per sentence, per token, the phrase-gazetteer tags
        (features.Featurizer.phrase_tags)."""
        # sentences longer than `piece` tokens are tagged in pieces, as training cut them; pieces are batched
        # longest first, a batch holding at most `slots` padded positions, so one huge "sentence" in a
        # malformed page cannot make the padded arrays explode
        pieces = [Piece(k, a, min(a + self.piece, len(s))) for k, s in enumerate(tokens)
                  for a in range(0, len(s), self.piece)]
        pieces.sort(key=lambda p: p.start - p.end)
        labels = self.encoder.labels
        out: list[list[str]] = [[""] * len(s) for s in tokens]
        i = 0
        while i < len(pieces):
            longest = pieces[i].end - pieces[i].start
            j = min(len(pieces), i + max(1, self.slots // longest))
            batch = pieces[i:j]
            flat = [t for k, a, b in batch for t in tokens[k][a:b]]
            flat_phrase = [p for k, a, b in batch for p in phrase[k][a:b]]
            lens = [b - a for _, a, b in batch]
            em = self._batch_emissions(flat, flat_phrase, lens)
            for (k, a, b), path in zip(batch, self._viterbi(em, lens)):
                out[k][a:b] = [labels[x] for x in path]
            i = j
        return out

    def _viterbi(self, em: np.ndarray, lens: list[int]) -> list[list[int]]:
        """Best label paths of all sentences at once (one step per position, forward and back)."""
        b, t, nl = len(lens), max(lens), em.shape[1]
        # longest sentence first: the sentences still running at position k are a prefix of the batch
        order = np.argsort(-np.array(lens), kind="stable")
        lens_a = np.array(lens)[order]
        at = np.arange(t)[None, :]
        e = em[np.where(at < lens_a[:, None], (np.cumsum(lens) - lens)[order][:, None] + at, 0)]  # (B, T, L)
        live = (b - np.searchsorted(np.sort(lens_a), np.arange(t), side="right")).tolist()
        score = self.start + e[:, 0]
        back = np.zeros((b, t, nl), np.int64)
        for k in range(1, t):
            nk = live[k]
            cand = score[:nk, :, None] + self.trans
            back[:nk, k] = cand.argmax(1)
            score[:nk] = cand.max(1) + e[:nk, k]
        # backtracking, all sentences at once: `cur` holds each sentence's label at position k, from its last
        # position down (a sentence shorter than k + 1 keeps its final label until its own positions come)
        cur = (score + self.end).argmax(1)
        paths = np.empty((b, t), np.int64)
        rows = np.arange(b)
        for k in range(t - 1, 0, -1):
            nk = live[k]
            paths[:, k] = cur
            cur[:nk] = back[rows[:nk], k, cur[:nk]]
        paths[:, 0] = cur
        out: list[list[int]] = [[]] * b
        for r, (p, ln) in enumerate(zip(paths.tolist(), lens_a.tolist())):
            out[order[r]] = p[:ln]
        return out
