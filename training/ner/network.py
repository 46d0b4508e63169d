"""Train the BiLSTM-CRF entity tagger with PyTorch (one thread, fixed seeds) and export it for numpy.

Called by train.py when the config's `network.enabled` is true; the design and every configuration tried before
it are in experiments/bilstm/RESULTS.md (variant A: no CRF input, all training sentences, a fixed epoch count
chosen there on a validation carve-out). With `network.lm` in the config, a language model pretrained on the
news (`pretrain`) runs frozen in front of it and its states join the inputs (experiments/lm). The exported
`network.npz` is read by marsad.extract.entities.network, which evaluates it with numpy; torch is needed only
here.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np

from marsad.extract.entities.network import NPZ, Encoder, Network, pack_strings

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def embedding_table(vectors: Path, top: int, needed: set[str]) -> tuple[list[str], np.ndarray]:
    """The word2vec rows the package ships: the `top` most frequent news words plus any word the training
    data uses, unit-normalised; rows 0 and 1 (padding, unknown) are zero."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load(str(vectors))
    words = list(kv.index_to_key[:top])
    seen = set(words)
    words += sorted(w for w in needed if w in kv.key_to_index and w not in seen)
    emb = np.zeros((len(words) + 2, kv.vector_size), np.float32)
    for i, w in enumerate(words):
        emb[i + 2] = kv[w]
    emb[2:] /= np.maximum(np.linalg.norm(emb[2:], axis=1, keepdims=True), 1e-6)
    # shipped as float16: train on exactly the values the runtime will read
    return words, emb.astype(np.float16).astype(np.float32)


def build_encoder(words: list[str], train: list[dict]) -> Encoder:
    """Characters and flags seen at least twice in training; rarer ones would only be memorised."""
    chars: dict[str, int] = {}
    flags: dict[str, int] = {}
    for s in train:
        for (w, _, fl), ph in zip(s["tokens"], s["phrase"]):
            for c in w:
                chars[c] = chars.get(c, 0) + 1
            for f in fl + tuple(ph):
                flags[f] = flags.get(f, 0) + 1
    return Encoder(words, sorted(c for c, n in chars.items() if n >= 2 and c != "\n"),
                   sorted(f for f, n in flags.items() if n >= 2), LABELS)


def _model(enc: Encoder, emb: np.ndarray, cfg: dict, extra: int = 0):
    """The BiLSTM-CRF; `extra` more input columns after the flags carry a language model's states."""
    import torch
    from torch import nn

    class CRF(nn.Module):
        def __init__(self, labels: list[str]) -> None:
            super().__init__()
            n = len(labels)
            self.trans = nn.Parameter(torch.zeros(n, n))
            self.start = nn.Parameter(torch.zeros(n))
            self.end = nn.Parameter(torch.zeros(n))
            # BIO: I-X only after B-X or I-X, never first; the ban is part of the scores the runtime decodes
            ban_t, ban_s = torch.zeros(n, n), torch.zeros(n)
            for j, b in enumerate(labels):
                if b.startswith("I-"):
                    ban_s[j] = -1e4
                    for i, a in enumerate(labels):
                        if a[2:] != b[2:]:
                            ban_t[i, j] = -1e4
            self.register_buffer("ban_t", ban_t)
            self.register_buffer("ban_s", ban_s)

        def nll(self, em, y, mask):
            t_ = self.trans + self.ban_t
            st = self.start + self.ban_s
            s = st[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
            for k in range(1, em.shape[1]):
                mk = mask[:, k].float()
                s = s + mk * (t_[y[:, k - 1], y[:, k]] + em[:, k].gather(1, y[:, k:k + 1]).squeeze(1))
            last = y.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
            s = s + self.end[last]
            a = st + em[:, 0]
            for k in range(1, em.shape[1]):
                nxt = torch.logsumexp(a.unsqueeze(2) + t_.unsqueeze(0), dim=1) + em[:, k]
                a = torch.where(mask[:, k:k + 1], nxt, a)
            return (torch.logsumexp(a + self.end, dim=1) - s).sum()

    class BiLSTMCRF(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.Embedding.from_pretrained(torch.tensor(emb), freeze=True, padding_idx=0)
            self.cemb = nn.Embedding(len(enc.chars) + 2, cfg["char_dim"], padding_idx=0)
            self.cnn = nn.Conv1d(cfg["char_dim"], cfg["char_filters"], 3, padding=1)
            d = 2 * emb.shape[1] + cfg["char_filters"] + len(enc.flags) + extra
            self.drop = nn.Dropout(cfg["dropout"])
            self.lstm = nn.LSTM(d, cfg["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * cfg["hidden"], len(enc.labels))
            self.crf = CRF(enc.labels)

        def states(self, w, st, ch, fl, mask):
            """The BiLSTM's output at every position (forward half, then backward half)."""
            b, n, c = ch.shape
            x = self.cemb(ch.view(b * n, c)).transpose(1, 2)
            x = torch.relu(self.cnn(x)).max(2).values.view(b, n, -1)
            x = self.drop(torch.cat([self.emb(w), self.emb(st), x, fl], -1))
            pk = nn.utils.rnn.pack_padded_sequence(x, mask.sum(1), batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(pk)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.shape[1])
            return h

        def emissions(self, w, st, ch, fl, mask):
            return self.out(self.drop(self.states(w, st, ch, fl, mask)))

    return BiLSTMCRF()


def _tensors(enc: Encoder, s: dict):
    """One sentence's input tensors and its targets: label ids, or the word classes a language model predicts.
    A language model's states (s["lm"], from add_lm_states) join the flag columns."""
    import torch

    rows = [enc.token(*t) for t in s["tokens"]]
    n = len(rows)
    fl = torch.zeros(n, len(enc.flags))
    for i, (r, ph) in enumerate(zip(rows, s["phrase"])):
        cols = list(r.flag_cols) + [enc.f2i[f] for f in ph if f in enc.f2i]
        fl[i, cols] = 1.0
    if "lm" in s:
        fl = torch.cat([fl, s["lm"]], 1)
    return (torch.tensor([r.word_row for r in rows]), torch.tensor([r.stem_row for r in rows]),
            torch.tensor([enc.char_ids(t.folded) for t in s["tokens"]]), fl,
            torch.tensor(s["classes"] if "classes" in s else [LABELS.index(t) for t in s["tags"]]))


def _batch(items):
    import torch

    n = max(len(it[0]) for it in items)
    b = len(items)
    w = torch.zeros(b, n, dtype=torch.long)
    st = torch.zeros(b, n, dtype=torch.long)
    ch = torch.zeros(b, n, items[0][2].shape[1], dtype=torch.long)
    fl = torch.zeros(b, n, items[0][3].shape[1])
    y = torch.zeros(b, n, dtype=torch.long)
    mask = torch.zeros(b, n, dtype=torch.bool)
    for k, it in enumerate(items):
        m = len(it[0])
        w[k, :m], st[k, :m], ch[k, :m], fl[k, :m], y[k, :m] = it
        mask[k, :m] = True
    return w, st, ch, fl, y, mask


def _items(enc: Encoder, sents: list[dict], max_len: int) -> list[tuple]:
    items = []
    for s in sents:  # very long "sentences" (one has 1774 tokens) are cut into pieces for training
        it = _tensors(enc, s)
        for a in range(0, len(it[0]), max_len):
            items.append(tuple(x[a:a + max_len] for x in it))
    return items


def _fit(model, loss_fn, items: list[tuple], cfg: dict, epochs: int, seed: int, log, name: str,
         average_last: int = 0) -> None:
    """Adam over length-bucketed, shuffled batches of `items`; loss_fn(w, st, ch, fl, y, mask) → summed loss.
    With `average_last` = k, the model ends with the mean of its weights after each of the last k epochs
    (stochastic weight averaging), still one network at run time. Tried against the seeds' spread; it did not
    raise their mean (config.yaml, network.average_last)."""
    import torch
    from torch import nn

    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=cfg["lr"])
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    bs = cfg["batch"]
    t0 = time.time()
    mean: dict | None = None
    for ep in range(1, epochs + 1):
        model.train()
        idx = list(range(len(items)))
        rng.shuffle(idx)
        # length buckets: sorted within chunks of 50 batches, then the batches shuffled
        chunks = [sorted(idx[k:k + bs * 50], key=lambda i: len(items[i][0])) for k in range(0, len(idx), bs * 50)]
        batches = [c[k:k + bs] for c in chunks for k in range(0, len(c), bs)]
        rng.shuffle(batches)
        total = 0.0
        for b in batches:
            w, st, ch, fl, y, mask = _batch([items[i] for i in b])
            if cfg.get("word_dropout", 0):
                # unknown-word practice: some known words are shown as unknown, as unseen news words will be
                drop = torch.rand(w.shape, generator=gen) < cfg["word_dropout"]
                w = torch.where(drop & (w > 1), torch.ones_like(w), w)
                st = torch.where(drop & (st > 1), torch.ones_like(st), st)
            loss = loss_fn(w, st, ch, fl, y, mask) / len(b)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += loss.item() * len(b)
        log(f"{name}: epoch {ep}/{epochs} loss {total / len(items):.3f} ({time.time() - t0:.0f}s)")
        if ep > epochs - average_last:
            k = ep - (epochs - average_last)
            with torch.no_grad():
                if mean is None:
                    mean = {n: p.detach().clone() for n, p in model.named_parameters() if p.requires_grad}
                else:
                    for n, p in model.named_parameters():
                        if n in mean:
                            mean[n] += (p.detach() - mean[n]) / k
    if mean is not None:
        with torch.no_grad():
            for n, p in model.named_parameters():
                if n in mean:
                    p.copy_(mean[n])
        log(f"{name}: weights averaged over the last {average_last} epochs")


def _seed(seed: int) -> None:
    import torch

    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def pretrain(enc: Encoder, emb: np.ndarray, sents: list[dict], classes: int, cfg: dict, seed: int, log) -> dict:
    """Language-model pretraining of the network's character CNN and BiLSTM on unlabeled news: the forward
    LSTM predicts the next word's class, the backward LSTM the previous word's (`sents` carry "classes", ids
    below `classes`; word dropout as in training; with cfg["pretrain"]["words"], frequent words are predicted
    themselves: _word_objective). Returns the weights of the character CNN and the BiLSTM.
    The build uses them frozen, their states beside the entity network's inputs (add_lm_states);
    experiments/lm/run.py measures that against using them as train_member's starting point (`init`)."""
    from torch import nn

    _seed(seed)
    model = _model(enc, emb, cfg)
    h = cfg["hidden"]
    lm = cfg["pretrain"]
    items = _items(enc, sents, cfg["max_len"])
    if lm.get("words"):
        loss, items = _word_objective(model, items, classes, lm["words"], lm["negatives"], h, seed)
    else:
        model.ahead = nn.Linear(h, classes)
        model.behind = nn.Linear(h, classes)
        ce = nn.CrossEntropyLoss(reduction="sum")

        def loss(w, st, ch, fl, y, mask):
            hs = model.drop(model.states(w, st, ch, fl, mask))
            keep = mask[:, 1:]
            ahead = model.ahead(hs[:, :-1, :h])[keep]
            behind = model.behind(hs[:, 1:, h:])[keep]
            return ce(ahead, y[:, 1:][keep]) + ce(behind, y[:, :-1][keep])

    _fit(model, loss, items, {**cfg, "lr": lm.get("lr", cfg["lr"])}, lm["epochs"], seed, log, "pretraining")
    return {k: v.detach().clone() for k, v in model.state_dict().items()
            if k.split(".")[0] in ("cemb", "cnn", "lstm")}


def _word_objective(model, items: list[tuple], classes: int, words: int, negatives: int, h: int, seed: int):
    """The language model's loss when it predicts the `words` most frequent words themselves (encoder ids 2 to
    words + 1, which embedding_table orders by frequency) and every rarer word by its class: `classes` + `words`
    outputs. A softmax over all of them would cost twenty times the class softmax on one core, so each batch
    scores the true word against `negatives` outputs drawn from the targets' unigram distribution raised to
    0.75 (sampled softmax, with the log of each output's expected draws subtracted so the estimate is not
    biased towards frequent words; a draw equal to the target is masked). Returns (loss, items with these
    targets)."""
    import torch
    from torch import nn

    out = classes + words
    items = [(w, st, ch, fl, torch.where((w >= 2) & (w < words + 2), classes + w - 2, y))
             for w, st, ch, fl, y in items]
    counts = torch.zeros(out, dtype=torch.float64)
    for it in items:
        counts += torch.bincount(it[4], minlength=out).double()
    q = (counts + 1) ** 0.75
    q = (q / q.sum()).float()
    log_draws = torch.log(q * negatives)
    gen = torch.Generator().manual_seed(seed)
    bound = 1 / h ** 0.5  # nn.Linear's initial range, as the class objective's layers
    model.ahead_e = nn.Parameter(torch.empty(out, h).uniform_(-bound, bound, generator=gen))
    model.behind_e = nn.Parameter(torch.empty(out, h).uniform_(-bound, bound, generator=gen))
    model.ahead_b = nn.Parameter(torch.zeros(out))
    model.behind_b = nn.Parameter(torch.zeros(out))

    def sampled(hs, tgt, e, b):
        neg = torch.multinomial(q, negatives, replacement=True, generator=gen)
        true = (hs * e[tgt]).sum(-1) + b[tgt] - log_draws[tgt]
        rest = hs @ e[neg].T + b[neg] - log_draws[neg]
        rest = rest.masked_fill(neg[None, :] == tgt[:, None], -1e9)
        return -torch.log_softmax(torch.cat([true[:, None], rest], 1), 1)[:, 0].sum()

    def loss(w, st, ch, fl, y, mask):
        hs = model.drop(model.states(w, st, ch, fl, mask))
        keep = mask[:, 1:]
        return (sampled(hs[:, :-1, :h][keep], y[:, 1:][keep], model.ahead_e, model.ahead_b)
                + sampled(hs[:, 1:, h:][keep], y[:, :-1][keep], model.behind_e, model.behind_b))

    return loss, items


def train_member(enc: Encoder, emb: np.ndarray, train: list[dict], cfg: dict, seed: int, log,
                 init: dict | None = None, extra: int = 0) -> tuple:
    """One network trained on `train` with `seed`, starting from `init` (pretrained weights) if given, with
    `extra` input columns of language-model states: its weights as numpy arrays (runtime layout), and the torch
    model."""
    _seed(seed)
    model = _model(enc, emb, cfg, extra)
    if init:
        model.load_state_dict(init, strict=False)
    _fit(model, lambda w, st, ch, fl, y, mask: model.crf.nll(model.emissions(w, st, ch, fl, mask), y, mask),
         _items(enc, train, cfg["max_len"]), cfg, cfg["epochs"], seed, log, f"network seed {seed}",
         cfg.get("average_last", 0))
    return {
        **_encoder_arrays(model.state_dict()),
        "out_w": _a(model.out.weight), "out_b": _a(model.out.bias),
        "trans": _a(model.crf.trans + model.crf.ban_t), "start": _a(model.crf.start + model.crf.ban_s),
        "end": _a(model.crf.end),
    }, model


def _a(t) -> np.ndarray:
    return t.detach().numpy().astype(np.float32)


def _encoder_arrays(state: dict) -> dict[str, np.ndarray]:
    """The character CNN and BiLSTM of a model's state dict, in network.npz's layout (torch's, the two
    directions stacked, the two biases summed)."""
    return {
        "char_emb": _a(state["cemb.weight"]), "conv_w": _a(state["cnn.weight"]), "conv_b": _a(state["cnn.bias"]),
        "w_ih": np.stack([_a(state["lstm.weight_ih_l0"]), _a(state["lstm.weight_ih_l0_reverse"])]),
        "w_hh": np.stack([_a(state["lstm.weight_hh_l0"]), _a(state["lstm.weight_hh_l0_reverse"])]),
        "b": np.stack([_a(state["lstm.bias_ih_l0"] + state["lstm.bias_hh_l0"]),
                       _a(state["lstm.bias_ih_l0_reverse"] + state["lstm.bias_hh_l0_reverse"])]),
    }


def language_model(enc: Encoder, emb: np.ndarray, cfg: dict, weights: dict):
    """The pretrained language model (pretrain's weights) as a frozen torch module."""
    lm = _model(enc, emb, cfg)
    lm.load_state_dict(weights, strict=False)
    lm.eval()
    return lm


def add_lm_states(lm, enc: Encoder, sents: list[dict], max_len: int) -> None:
    """s["lm"]: the frozen language model's states at every token of each sentence that has none yet, computed
    piece by piece as the runtime cuts sentences longer than `max_len`."""
    import torch

    for s in sents:
        if "lm" in s:
            continue
        w, st, ch, fl, _ = _tensors(enc, {**s, "tags": ["O"] * len(s["tokens"])})
        parts = []
        for a in range(0, len(w), max_len):
            sl = slice(a, a + max_len)
            with torch.no_grad():
                parts.append(lm.states(w[None, sl], st[None, sl], ch[None, sl], fl[None, sl],
                                       torch.ones(1, len(w[sl]), dtype=torch.bool))[0])
        s["lm"] = torch.cat(parts) if parts else torch.zeros(0, 2 * lm.lstm.hidden_size)


def export(path: Path, enc: Encoder, emb: np.ndarray, members: list[dict], lm: dict | None = None) -> None:
    """network.npz: the shared lookups, float16 word vectors, each member's weights stacked on axis 0, and the
    language model's weights (pretrain's) under lm_* when the members read its states."""
    arrays = {k: np.stack([m[k] for m in members]) for k in members[0]}
    if lm is not None:
        arrays.update({f"lm_{k}": v for k, v in _encoder_arrays(lm).items()})
    np.savez(path, words=pack_strings(enc.words), chars=pack_strings(enc.chars), flags=pack_strings(enc.flags),
             labels=pack_strings(enc.labels), max_chars=np.array(enc.max_chars), emb=emb.astype(np.float16),
             **arrays)


def prepare(sents: list[dict], cfg: dict, vectors: Path) -> tuple[Encoder, np.ndarray]:
    """The encoder and word vectors of a network trained on `sents` (dicts of tokens and phrase)."""
    needed = {x for s in sents for t in s["tokens"] for x in (t.folded, t.stem)}
    words, emb = embedding_table(vectors, cfg["vocab_top"], needed)
    # counted once per distinct sentence, however often the caller repeats it
    return build_encoder(words, list({id(s): s for s in sents}.values())), emb


def train_network(train: list[dict], cfg: dict, vectors: Path, out: Path, log,
                  encoding: tuple[Encoder, np.ndarray] | None = None, lm: dict | None = None) -> Network:
    """Train `cfg["members"]` seeds on `train` (dicts of tokens, phrase, tags) and write out/network.npz.
    `encoding`: the encoder and word vectors to use (default: prepared from `train`); `lm`: a pretrained
    language model's weights (pretrain's, made with the same encoding), whose frozen states join the inputs."""
    enc, emb = encoding or prepare(train, cfg, vectors)
    log(f"network: {len(enc.words)} word vectors, {len(enc.chars)} characters, {len(enc.flags)} flags"
        + (", language-model states" if lm else ""))
    extra = 0
    if lm is not None:
        model = language_model(enc, emb, cfg, lm)
        add_lm_states(model, enc, train, cfg["max_len"])
        extra = 2 * model.lstm.hidden_size
    trained = [train_member(enc, emb, train, cfg, cfg["seed"] + k, log, extra=extra) for k in range(cfg["members"])]
    export(out / NPZ, enc, emb, [w for w, _ in trained], lm)
    net = Network(out / NPZ)
    check_export(net, enc, [m for _, m in trained], train[:200])
    return net


def check_export(net: Network, enc: Encoder, models: list, sents: list[dict]) -> None:
    """The numpy evaluation (the language model's included) must reproduce torch's emissions: fail the build
    rather than ship a mismatch."""
    import torch

    for k, model in enumerate(models):
        model.eval()
        for s in sents:
            w, st, ch, fl, _ = _tensors(enc, s)
            with torch.no_grad():
                ref = model.emissions(w[None], st[None], ch[None], fl[None],
                                      torch.ones(1, len(w), dtype=torch.bool))[0].numpy()
            x = net.inputs(s["tokens"], s["phrase"])
            lm = net.lm_states(x[-1], [len(w)]) if net.lm else None
            got = net.member_emissions(x[:net.members], [len(w)], lm)[k]
            if not np.allclose(ref, got, atol=1e-3):
                raise AssertionError(f"numpy emissions differ from torch (member {k}): "
                                     f"max |diff| {np.abs(ref - got).max():.2e}")
