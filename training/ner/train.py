"""Build the shipped entity model from ../shared/data, reproducibly (fixed seeds, one worker where it matters).

    python training/ner/train.py --config training/ner/config.yaml [--out DIR] [--set key=value ...]

Steps: tokenise and fold the unlabeled news (cached in work_dir) → word2vec + k-means clusters → vocab.tsv;
CLDR/pycountry place names → gazetteer.tsv; ANERcorp train/dev split (dev = the last 10% of sentences, never
trained on); names seen in training → names.tsv (jackknifed over folds for the training features, so the CRF
does not learn to trust a list that contains every training name); CRF (python-crfsuite); optional
self-training on confident tags of unlabeled news; the second-stage CRF; the BiLSTM-CRF network (network.py),
trained again with news sentences on which it and the CRF agree → network.npz; dev scores and metadata →
meta.json (with the SHA-256 of the config and of the model's inputs, the library versions and the ANERcorp
credit). `--set` overrides
config keys for ablations (e.g. --set features.clusters=false).
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "src"))

from marsad.extract.entities.consistency import spans  # noqa: E402
from marsad.extract.entities.features import Featurizer  # noqa: E402
from marsad.extract.entities.resources import MODEL_INPUTS_FILE, Resources, input_hashes  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

CREDIT = ("Trained on ANERcorp (Benajiba et al.; CAMeL Lab train split), licensed CC BY-SA 4.0; word vectors, "
          "clusters and self-training sentences from SaudiNewsNet (CC BY-NC-SA 4.0) and the ANT corpus v2.1; place "
          "names from CLDR (babel) and pycountry.")


def log(*a) -> None:
    print(f"[{time.strftime('%H:%M:%S')}]", *a, flush=True)


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        tok, lab = line.rsplit(" ", 1) if " " in line else (line, "O")
        lab = lab.replace("PERS", "PER")
        cur.append((tok.strip() or tok, lab))
    if cur:
        sents.append(cur)
    return sents


def score(gold: list[list[str]], pred: list[list[str]]) -> dict:
    """conlleval-style entity-level scores: exact span and type."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        gs, ps = set(spans(g)), set(spans(p))
        for s in ps:
            (tp if s in gs else fp)[s.label] += 1
        for s in gs - ps:
            fn[s.label] += 1
    out = {}
    for label in sorted(set(tp) | set(fp) | set(fn)) + ["ALL"]:
        t = sum(tp.values()) if label == "ALL" else tp[label]
        f_p = sum(fp.values()) if label == "ALL" else fp[label]
        f_n = sum(fn.values()) if label == "ALL" else fn[label]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        out[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
                      "support": t + f_n}
    return out


# The numeric kernels. OpenBLAS (under numpy and scipy: word2vec, k-means), torch's vectorised ops, oneDNN and
# MKL each pick their code by the CPU they find, float sums round differently, and the files drift with the
# machine. The word vectors of the model shipped until 12-06 came from OpenBLAS's Haswell kernels: pinned to
# them, a build on an AVX-512 machine here gave its clusters id for id, its CRFs byte for byte, where unpinned
# the k=64 clusters agreed on 49 % of words. Its language model and network could not be rebuilt: torch's
# kernels on that machine are not known, and neither this machine's defaults nor AVX2 gave its weights. So
# every kernel is pinned to AVX2, which any x86-64 CPU of the last decade runs (experiments/lm/README.md).
# On ARM these variables do nothing.
PINNED_KERNELS = {"OPENBLAS_CORETYPE": "Haswell", "ATEN_CPU_CAPABILITY": "avx2", "ONEDNN_MAX_CPU_ISA": "AVX2",
                  "MKL_CBWR": "AVX2"}


def pin_process() -> bool:
    """Fix string hashing (it orders sets and dicts of strings) and the numeric kernels (PINNED_KERNELS); both
    are read when the interpreter and the libraries start, so the process is started again when they were not
    set. A variable already set by the caller is kept (to measure what it changes). True when already pinned."""
    want = {"PYTHONHASHSEED": "0", **PINNED_KERNELS}
    missing = {k: v for k, v in want.items() if k not in os.environ}
    if os.environ.get("PYTHONHASHSEED") == "0" and not missing:
        return True
    os.environ.update(missing)
    os.environ["PYTHONHASHSEED"] = "0"
    return False


def kernels() -> dict[str, str]:
    """The kernels this build ran with (meta.json): builds give the same files only with the same ones."""
    out = {k: os.environ.get(k, "") for k in PINNED_KERNELS}
    try:
        import torch

        out["torch"] = torch.backends.cpu.get_cpu_capability()
    except ImportError:
        pass
    return out


def kernels_tag() -> str:
    return hashlib.sha256(json.dumps(kernels(), sort_keys=True).encode()).hexdigest()[:8]


def library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("gensim", "scikit-learn", "numpy", "python-crfsuite", "torch"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out


def set_key(cfg: dict, dotted: str, value: str) -> None:
    keys = dotted.split(".")
    d = cfg
    for k in keys[:-1]:
        d = d[k]
    d[keys[-1]] = yaml.safe_load(value)


# ---------------------------------------------------------------- unlabeled news: corpus, vectors, clusters

def embeddings_tag(cfg: dict) -> str:
    """The cache key of the word2vec vectors and their clusters: their settings, seed and OpenBLAS kernel."""
    e = cfg["embeddings"]
    return hashlib.sha256(json.dumps([e, cfg["seed"], "hashseed0", os.environ.get("OPENBLAS_CORETYPE", "")],
                                     sort_keys=True).encode()).hexdigest()[:12]


def vectors_path(cfg: dict) -> Path:
    return Path(cfg["work_dir"]) / f"w2v-{embeddings_tag(cfg)}.kv"


def build_vocab(cfg: dict, out: Path) -> None:
    from corpus import build_corpus
    from embed import clusters, train_vectors, write_vocab

    work = Path(cfg["work_dir"])
    work.mkdir(parents=True, exist_ok=True)
    news = sorted((REPO / cfg["data"]["news"]).glob("*.jsonl.gz"))
    corpus, counts_p = work / "news.txt", work / "counts.pkl"
    if not (corpus.exists() and counts_p.exists()):
        log("tokenising the unlabeled news")
        counts = build_corpus(news, corpus)
        pickle.dump(counts, open(counts_p, "wb"))
    counts = pickle.load(open(counts_p, "rb"))
    e = cfg["embeddings"]
    cl_p = work / f"clusters-{embeddings_tag(cfg)}.pkl"
    vec_p = vectors_path(cfg)  # the vectors themselves: the network reads them (network.py)
    if not cfg["features"]["clusters"]:
        n = write_vocab(out / "vocab.tsv", counts, {}, cfg["vocab_min_count"], len(e["clusters"]))
        log(f"vocab.tsv: {n} words, no clusters")
        return
    if not (cl_p.exists() and vec_p.exists()):
        log("word2vec + k-means", e)
        wv = train_vectors(corpus, e["dim"], e["window"], e["min_count"], e["epochs"], cfg["seed"])
        wv.save(str(vec_p))
        pickle.dump(clusters(wv, e["clusters"], cfg["seed"]), open(cl_p, "wb"))
    cl = pickle.load(open(cl_p, "rb"))
    n = write_vocab(out / "vocab.tsv", counts, cl, cfg["vocab_min_count"], len(e["clusters"]))
    log(f"vocab.tsv: {n} words")


# ---------------------------------------------------------------- names seen in training

def entity_names(sents: list[list[tuple[str, str]]]) -> dict[str, set[str]]:
    """{folded entity string: {"T_PER", …}} with the first token's proclitics left on (matched via stems)."""
    out: dict[str, set[str]] = {}
    for s in sents:
        toks = [t for t, _ in s]
        for i, j, label in spans([lab for _, lab in s]):
            key = " ".join(fold(t) for t in toks[i:j])
            if len(key) > 1:
                out.setdefault(key, set()).add("T_" + label)
    return out


def strip_first(names: dict[str, set[str]], res: Resources) -> dict[str, set[str]]:
    """Key names by the clitic-stripped first token, as the featurizer matches them."""
    from marsad.extract.entities.clitics import split

    out: dict[str, set[str]] = {}
    for k, tags in names.items():
        toks = k.split(" ")
        toks[0] = split(toks[0], res)[1]
        out.setdefault(" ".join(toks), set()).update(tags)
    return out


def with_names(base: Resources, base_phrases: dict[str, set[str]], names: dict[str, set[str]]) -> Resources:
    """`base` plus `names` as phrases, keyed as Resources.load keys names.tsv at run time: a token that folds to
    nothing (a lone tatweel or mark) leaves a double space in a name's key, which load() collapses; kept here,
    training would miss matches («اف  16») that run time makes."""
    r = copy.copy(base)
    merged = {k: set(v) for k, v in base_phrases.items()}
    for k, v in names.items():
        merged.setdefault(" ".join(k.split()), set()).update(v)
    r.set_phrases(merged)
    return r


# ---------------------------------------------------------------- CRF

def train_crf(xs: list, ys: list, cfg: dict, path: Path) -> None:
    import pycrfsuite

    c = cfg["crf"]
    tr = pycrfsuite.Trainer(algorithm=c["algorithm"], verbose=False)
    for x, y in zip(xs, ys):
        tr.append(x, y)
    params = {"max_iterations": c["max_iterations"], "feature.minfreq": c["min_freq"],
              "feature.possible_transitions": True}
    if c["algorithm"] == "lbfgs":
        params.update({"c1": c["c1"], "c2": c["c2"]})
    tr.set_params(params)
    tr.train(str(path))


def write_attributes(models: list[Path], path: Path) -> None:
    """The attributes with a non-zero weight, one a line: the run-time featurizer drops all others."""
    import pycrfsuite

    attrs: set[str] = set()
    for model in models:
        tg = pycrfsuite.Tagger()
        tg.open(str(model))
        attrs |= {a for a, _ in tg.info().state_features}
    path.write_text("\n".join(sorted(attrs)), "utf-8")


def blocks(n: int, size: int) -> list[range]:
    return [range(k, min(k + size, n)) for k in range(0, n, size)]


def stage2_data(xs: list, ys: list, train: list, cfg: dict, fz: Featurizer, work: Path) -> list:
    """Second-stage training features: first-stage tags from fold models that never saw the sentence."""
    import pycrfsuite

    from marsad.extract.entities.stacking import doc_features, light

    k = cfg["stacking"]["folds"]
    size = -(-len(xs) // k)
    tags1: list = [None] * len(xs)
    # fold predictions depend on everything but the second stage: cache them across ablation runs
    key = {kk: v for kk, v in cfg.items() if kk not in ("stacking", "out_dir", "doc_consistency", "network")}
    h = hashlib.sha256(json.dumps(key, sort_keys=True).encode())
    for x in xs:  # the features themselves (clusters, names, gazetteer): a stale cache must not match
        h.update("\x1e".join("\x1f".join(f) for f in x).encode())
    cache = work / ("stage1-" + h.hexdigest()[:16] + ".pkl")
    if cache.exists():
        tags1 = pickle.load(open(cache, "rb"))
    for f in range(k) if not cache.exists() else ():
        lo, hi = f * size, min((f + 1) * size, len(xs))
        path = work / f"stage1-fold{f}.crfsuite"
        log(f"stacking: fold {f + 1}/{k}")
        train_crf(xs[:lo] + xs[hi:], ys[:lo] + ys[hi:], cfg, path)
        tg = pycrfsuite.Tagger()
        tg.open(str(path))
        for i in range(lo, hi):
            tags1[i] = tg.tag(xs[i])
    pickle.dump(tags1, open(cache, "wb"))
    an = [[fz.analyse(t) for t, _ in s] for s in train]
    lite = cfg["stacking"].get("features", "full") == "light"
    out = []
    for b in blocks(len(xs), cfg["dev_doc_sentences"]):
        d = doc_features([an[i] for i in b], [tags1[i] for i in b])
        out += [[a + c for a, c in zip(light(xs[i]) if lite else xs[i], dx)] for i, dx in zip(b, d)]
    return out


def featurize(fz: Featurizer, sents: list[list[tuple[str, str]]]) -> tuple[list, list, list]:
    """CRF features, gold tags, and the network's inputs (network.py) of `sents`."""
    xs, ys, nets = [], [], []
    for s in sents:
        an = [fz.analyse(t) for t, _ in s]
        gaz = fz.phrase_tags(an)
        xs.append(fz.sentence([t for t, _ in s], an, gaz))
        ys.append([lab for _, lab in s])
        nets.append({"tokens": [a.net_key for a in an], "phrase": gaz, "tags": ys[-1]})
    return xs, ys, nets


def jackknifed(base: Resources, phrases: dict[str, set[str]], train: list, k: int,
               char_ngrams: bool) -> tuple[list, list, list]:
    """featurize() of `train` with the training names as features, each fold seeing only the other folds'
    names: at run time a name's feature fires only when it was seen in training, never from the sentence itself."""
    size = -(-len(train) // k)
    xs, ys, nets = [], [], []
    for f in range(k):
        held = train[f * size:(f + 1) * size]
        others = train[:f * size] + train[(f + 1) * size:]
        res = with_names(base, phrases, strip_first(entity_names(others), base))
        x, y, nt = featurize(Featurizer(res, char_ngrams=char_ngrams), held)
        xs += x
        ys += y
        nets += nt
    return xs, ys, nets


def extra_gold(cfg: dict, fz: Featurizer) -> list[dict]:
    """The network's inputs for the sentences of data.extra_gold (Wojood, flattened to the four labels by
    wojood.py), featurized with the run-time resources: their names are not in names.tsv, so a name's feature
    fires on them only when ANERcorp's training part has it, as on unseen news. Repeated data.extra_gold.repeat
    times."""
    eg = cfg["data"].get("extra_gold") or {}
    if not eg.get("enabled", False):
        return []
    import wojood

    sents = []
    for path in eg["paths"]:
        sents += wojood.read(REPO / path, eg["labels"], frozenset(eg.get("designators", [])))
    return featurize(fz, sents)[2] * eg.get("repeat", 1)


def predict(tagger, sents: list[list[str]], doc_size: int, consistency: bool) -> list[list[str]]:
    """Tags of `sents`, document by document (blocks of `doc_size` sentences), as the runtime tags them."""
    pred: list[list[str]] = []
    for b in blocks(len(sents), doc_size):
        pred += tagger.tag_document([sents[i] for i in b], consistency=consistency)
    return pred


def news_rows(cfg: dict, rng: random.Random) -> list[str]:
    """Every JSON line of the unlabeled news, in `rng`'s shuffled order."""
    import gzip

    rows = []
    for path in sorted((REPO / cfg["data"]["news"]).glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows += fh.readlines()
    rng.shuffle(rows)
    return rows


def self_training_data(cfg: dict, model: Path, fz: Featurizer, rng: random.Random):
    """Sentences of unlabeled news whose CRF tagging is confident (P(y|x) ≥ min_prob) and names something."""
    import pycrfsuite

    from marsad.text.tokens import model_tokens as tokenize
    from marsad.text.sentences import sentences

    st = cfg["self_training"]
    rows = news_rows(cfg, rng)
    tg = pycrfsuite.Tagger()
    tg.open(str(model))
    out = []
    for line in rows[: st["articles"]]:
        text = json.loads(line).get("text") or ""
        for a, b in sentences(text):
            toks = [text[s:e] for s, e in tokenize(text, a, b)]
            if not 5 <= len(toks) <= 80:
                continue
            x = fz.sentence(toks)
            tg.set(x)
            y = tg.tag()
            if all(t == "O" for t in y):
                continue
            if tg.probability(y) >= st["min_prob"]:
                out.append((x, y))
    return out


def agreeing_news(cfg: dict, tagger, articles: int) -> list[dict]:
    """The network's inputs and tags for sentences of `articles` random news articles (fixed seed) that the
    tagger's network and its CRF tag identically, each with document consistency, naming at least one entity
    and 5–60 tokens long."""
    from marsad.extract.entities.consistency import propagate
    from marsad.text.tokens import model_tokens as tokenize
    from marsad.text.sentences import sentences

    rows = news_rows(cfg, random.Random(cfg["seed"]))
    fz = tagger.featurizer
    out = []
    for line in rows[:articles]:
        text = json.loads(line).get("text") or ""
        doc = [[text[a:b] for a, b in tokenize(text, s, e)] for s, e in sentences(text)]
        doc = [d for d in doc if 0 < len(d) <= 150]
        if not doc:
            continue
        an = [[fz.analyse(t) for t in d] for d in doc]
        gaz = [fz.phrase_tags(a) for a in an]
        toks = [[x.net_key for x in a] for a in an]
        net = tagger.network.tag(toks, gaz)
        propagate(doc, net, fz, an=an)
        crf = tagger.crf_tags(doc, an, gaz, True, 2)
        for t, g, y, c in zip(toks, gaz, net, crf):
            if 5 <= len(t) <= 60 and y == c and any(x != "O" for x in y):
                out.append({"tokens": t, "phrase": g, "tags": y})
    return out


LM_CLASSES = 2  # which k-means level of the clusters the language model predicts (1,024 classes)


def lm_news_cache(cfg: dict, out: Path) -> Path:
    """Where lm_news caches its sentences: keyed by everything their features come from (the word lists the
    featurizer reads: model_inputs.yaml's, the resource files in `out`, the featurizer's code), not by the lists
    only the span rules read (lexicon.yaml's)."""
    from marsad.extract.entities import clitics, features
    from marsad.text import tokens
    from marsad.extract.entities.resources import load_model_inputs
    from marsad.text import normalize, sentences

    lists = load_model_inputs()  # FEATURE_LISTS and PHRASE_LISTS: the same key as when they were in lexicon.yaml
    articles = cfg["network"]["lm"]["articles"]
    h = hashlib.sha256(json.dumps([articles, cfg["seed"], embeddings_tag(cfg), lists], sort_keys=True).encode())
    for name in ("vocab.tsv", "gazetteer.tsv", "names.tsv"):
        path = out / name
        h.update(path.read_bytes() if path.exists() else b"-")
    for module in (features, clitics, tokens, normalize, sentences):
        h.update(Path(module.__file__).read_bytes())
    return Path(cfg["work_dir"]) / "lm" / f"news-{h.hexdigest()[:16]}.pkl"


def lm_news(cfg: dict, fz: Featurizer, out: Path) -> list[dict]:
    """The language model's training sentences: 3–80 tokens long, from network.lm.articles random news articles
    (the config's seed; skipping the 2,000 the co-training reads first), with the class of every word to
    predict. Featurizing them takes minutes: cached (lm_news_cache)."""
    from marsad.text.tokens import model_tokens as tokenize
    from marsad.text.sentences import sentences

    cache = lm_news_cache(cfg, out)
    if cache.exists():
        sents = pickle.loads(cache.read_bytes())
    else:
        sents = []
        for line in news_rows(cfg, random.Random(cfg["seed"]))[2000:2000 + cfg["network"]["lm"]["articles"]]:
            text = json.loads(line).get("text") or ""
            for a, b in sentences(text):
                toks = [text[s:e] for s, e in tokenize(text, a, b)]
                if 3 <= len(toks) <= 80:
                    an = [fz.analyse(t) for t in toks]
                    sents.append({"tokens": [x.net_key for x in an], "phrase": fz.phrase_tags(an)})
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(sents))
    cl = pickle.loads((Path(cfg["work_dir"]) / f"clusters-{embeddings_tag(cfg)}.pkl").read_bytes())
    unknown = cfg["embeddings"]["clusters"][LM_CLASSES]
    for s in sents:
        s["classes"] = [cl[t.folded][LM_CLASSES] if t.folded in cl else unknown for t in s["tokens"]]
    return sents


# the network settings the language model's training reads
LM_KEYS = ("hidden", "char_dim", "char_filters", "dropout", "word_dropout", "lr", "batch", "max_len")


def lm_config(cfg: dict, net_cfg: dict) -> dict:
    """network.pretrain's settings: the network's, with the language model's epochs (and its word objective, if set)."""
    lm = cfg["network"]["lm"]
    pre = {"epochs": lm["epochs"]}
    if lm.get("words"):  # keys only when set: the class objective's cached models keep their names
        pre.update(words=lm["words"], negatives=lm["negatives"])
    return {**net_cfg, "pretrain": pre}


def lm_cache(cfg: dict, net_cfg: dict, enc, emb, news: list[dict]) -> Path:
    """Where pretrained_lm caches the language model: keyed by its inputs (encoder, vectors, sentences, config)."""
    h = hashlib.sha256(json.dumps([enc.words, enc.chars, enc.flags, lm_config(cfg, net_cfg)["pretrain"],
                                   {k: net_cfg[k] for k in LM_KEYS}, cfg["seed"]], sort_keys=True).encode())
    h.update(emb.tobytes())
    for s in news:
        # the tokens as plain tuples: NetworkKey's repr names its fields, and the key must not change with it
        h.update(repr(([tuple(t) for t in s["tokens"]], s["phrase"], s["classes"])).encode())
    # the kernels too: the same inputs pretrained with other kernels give another model (PINNED_KERNELS)
    return Path(cfg["work_dir"]) / "lm" / f"lm-{h.hexdigest()[:16]}-{kernels_tag()}.pt"


def pretrained_lm(cfg: dict, net_cfg: dict, gold: list[dict], news: list[dict]):
    """(encoder and word vectors shared by the language model and the entity network, the language model's
    weights): network.pretrain over `news`, cached (lm_cache; about 9 minutes per epoch on one core for 20,000
    articles)."""
    import network
    import torch

    # one encoder for both, counted over the gold and the news sentences: the language model's input layer
    # must read the same columns the entity network's does
    enc, emb = network.prepare(gold + news, net_cfg, vectors_path(cfg))
    cache = lm_cache(cfg, net_cfg, enc, emb, news)
    if cache.exists():
        weights = torch.load(cache)
        log(f"language model: cached {cache.name}")
    else:
        log(f"language model: pretraining on {len(news)} news sentences")
        weights = network.pretrain(enc, emb, news, cfg["embeddings"]["clusters"][LM_CLASSES] + 1,
                                   lm_config(cfg, net_cfg), cfg["seed"], log)
        torch.save(weights, cache)
    return (enc, emb), weights


def mine_news_names(cfg: dict, tg, rng: random.Random) -> dict[str, str]:
    """Names the first CRF tags consistently in unlabeled news: {first-token-stemmed name: "N_<label>"}."""
    from marsad.text.tokens import model_tokens as tokenize
    from marsad.text.sentences import sentences

    nn = cfg["news_names"]
    rows = news_rows(cfg, rng)
    fz = tg.featurizer
    lists = fz.res.lists
    blocked = lists["nominals"] | lists["titles"] | lists["org_heads"] | lists["chain_stop"]
    counts: dict[str, Counter] = {}
    for line in rows[: nn["articles"]]:
        text = json.loads(line).get("text") or ""
        toks = [[text[a:b] for a, b in tokenize(text, s, e)] for s, e in sentences(text)]
        toks = [t for t in toks if 0 < len(t) <= 150]
        for sent, tags in zip(toks, tg.tag_document(toks)):
            for i, j, label in spans(tags):
                an = [fz.analyse(t) for t in sent[i:j]]
                key = " ".join([an[0].stem] + [a.folded for a in an[1:]])
                if len(key) > 2 and key not in blocked:
                    counts.setdefault(key, Counter())[label] += 1
    out = {}
    for key, c in counts.items():
        label, n = c.most_common(1)[0]
        if n >= nn["min_count"] and n >= nn["min_share"] * sum(c.values()):
            out[key] = "N_" + label
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--config", type=Path, default=HERE / "config.yaml")
    ap.add_argument("--out", type=Path, help="output directory (default: the config's out_dir)")
    ap.add_argument("--set", action="append", default=[], help="override a config key: a.b=value")
    args = ap.parse_args(argv)
    if not pin_process():
        os.execv(sys.executable, [sys.executable, *sys.argv])
    raw = args.config.read_bytes()
    cfg = yaml.safe_load(raw)
    for kv in args.set:
        k, v = kv.split("=", 1)
        set_key(cfg, k, v)
    random.seed(cfg["seed"])
    rng = random.Random(cfg["seed"])
    out = args.out or (REPO / cfg["out_dir"])
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    used = kernels()
    if any(used[k] != v for k, v in PINNED_KERNELS.items()) or used.get("torch", "AVX2") != "AVX2":
        log(f"warning: kernels {used}, not the pinned {PINNED_KERNELS}: the files will differ")

    build_vocab(cfg, out)
    shipped = REPO / cfg["out_dir"] / "vocab.tsv"
    if (out.resolve() != shipped.parent.resolve() and shipped.exists()
            and (out / "vocab.tsv").read_bytes() != shipped.read_bytes()):
        # with other kernels (PINNED_KERNELS overridden) or other libraries word2vec gives other vectors: a dev
        # F1 from a build whose clusters differ from the shipped ones differs by the vectors too
        log("warning: vocab.tsv (word counts and clusters) differs from the shipped model's")
    import gazetteer

    log(f"gazetteer.tsv: {gazetteer.write(out / 'gazetteer.tsv')} place names")

    sents = read_conll(REPO / cfg["data"]["anercorp"])
    n_dev = round(len(sents) * cfg["data"]["dev_fraction"])
    train, dev = sents[:-n_dev], sents[-n_dev:]
    log(f"ANERcorp: {len(train)} train, {len(dev)} dev sentences")

    fopts = cfg["features"]
    nn = cfg.get("news_names", {"enabled": False})
    if not nn["enabled"]:
        (out / "news_names.tsv").unlink(missing_ok=True)
    base = Resources.load(out, use_clusters=fopts["clusters"], use_gazetteer=fopts["gazetteer"], use_names=False,
                          use_news_names=False)
    lists_read = input_hashes(out)[MODEL_INPUTS_FILE]  # the word lists this build reads (meta.json: inputs_sha256)
    base_phrases = {k: set(v) for k, v in base.phrases.items()}

    def build(phrases: dict[str, set[str]]):
        """Training features (train names jackknifed over folds) and the full run-time resources."""
        if not fopts["names"]:
            (out / "names.tsv").unlink(missing_ok=True)
            full = with_names(base, phrases, {})
            x, y, nets = featurize(Featurizer(full, char_ngrams=fopts["char_ngrams"]), train)
            return x, y, nets, full
        xs, ys, nets = jackknifed(base, phrases, train, cfg["names_folds"], fopts["char_ngrams"])
        all_names = strip_first(entity_names(train), base)
        with open(out / "names.tsv", "w", encoding="utf-8") as fh:
            for name in sorted(all_names):
                fh.write(f"{name}\t{','.join(sorted(all_names[name]))}\n")
        return xs, ys, nets, with_names(base, phrases, all_names)

    xs, ys, nets, full = build(base_phrases)
    fz = Featurizer(full, char_ngrams=fopts["char_ngrams"])
    model = out / "ner.crfsuite"
    log(f"training the CRF on {len(xs)} sentences")
    train_crf(xs, ys, cfg, model)

    if nn["enabled"]:
        from marsad.extract.entities.model import Tagger

        write_attributes([model], out / "attributes.txt")
        tg1 = Tagger(out, res=full, meta={"features": fopts, "doc_consistency": True})
        mined = mine_news_names(cfg, tg1, rng)
        with open(out / "news_names.tsv", "w", encoding="utf-8") as fh:
            for name in sorted(mined):
                fh.write(f"{name}\t{mined[name]}\n")
        log(f"news_names.tsv: {len(mined)} names mined from tagged news")
        merged = {k: set(v) for k, v in base_phrases.items()}
        for name, tag in mined.items():
            merged.setdefault(name, set()).add(tag)
        xs, ys, nets, full = build(merged)
        fz = Featurizer(full, char_ngrams=fopts["char_ngrams"])
        log(f"retraining the CRF with news names on {len(xs)} sentences")
        train_crf(xs, ys, cfg, model)

    st = cfg["self_training"]
    n_self = 0
    if st["enabled"]:
        extra = self_training_data(cfg, model, fz, rng)
        n_self = len(extra)
        log(f"self-training: {n_self} confident news sentences added")
        train_crf(xs + [x for x, _ in extra], ys + [y for _, y in extra], cfg, model)

    models = [model]
    stacking = cfg.get("stacking", {}).get("enabled", False)
    (out / "ner2.crfsuite").unlink(missing_ok=True)
    if stacking:
        xs2 = stage2_data(xs, ys, train, cfg, fz, Path(cfg["work_dir"]))
        log("stacking: training the second stage")
        train_crf(xs2, ys, cfg, out / "ner2.crfsuite")
        models.append(out / "ner2.crfsuite")
    write_attributes(models, out / "attributes.txt")
    from marsad.extract.entities.model import Tagger
    from marsad.extract.entities.network import NPZ

    net = cfg.get("network", {"enabled": False})
    (out / NPZ).unlink(missing_ok=True)
    n_agree = 0
    more: list[dict] = []
    augmented: list[dict] = []
    if net["enabled"]:
        from network import train_network

        # network.seed (default: the config's) varies the network's training alone, to measure its spread
        net_cfg = {**net, "seed": net.get("seed", cfg["seed"])}
        encoding = lm = None
        if net.get("lm", {}).get("enabled", False):
            encoding, lm = pretrained_lm(cfg, net_cfg, nets, lm_news(cfg, fz, out))
        # the extra gold sentences train the network only: the language model's encoder and the CRF (and so the
        # cached pretraining and stage-one folds) stay ANERcorp's
        more = extra_gold(cfg, fz)
        if more:
            log(f"extra gold: {len(more)} sentences for the network")
        if net.get("augment", 0):  # mention-replaced copies of the training sentences (augment.py)
            from augment import augment

            swapped = augment(train, net["augment"], base, net_cfg["seed"])
            # featurized without the training names: the swapped-in name must not be recognised by its name
            augmented = featurize(Featurizer(base, char_ngrams=fopts["char_ngrams"]), swapped)[2]
            log(f"augmented: {len(augmented)} mention-replaced sentences for the network")
        train_network(nets + more + augmented, net_cfg, vectors_path(cfg), out, log, encoding, lm)
        st = net.get("self_training", {})
        n_news = st.get("articles", 0)
        # co-training: news sentences the last network and the CRF tag identically join the training data; with
        # `rounds` > 1 the retrained network picks the news sentences again
        for _ in range(st.get("rounds", 1) if n_news else 0):
            current = Tagger(out, res=full, meta={"features": fopts, "stacking": stacking, "network": True,
                                                  "stacking_features": cfg.get("stacking", {}).get("features", "full"),
                                                  "doc_consistency": cfg["doc_consistency"]})
            extra = agreeing_news(cfg, current, n_news)
            n_agree = len(extra)
            log(f"network self-training: {n_agree} news sentences where the network and the CRF agree")
            # the gold sentences repeated: their annotation conventions should outweigh the automatic labels
            train_network(nets * st.get("gold_repeat", 1) + more + augmented + extra, net_cfg, vectors_path(cfg),
                          out, log, encoding, lm)

    run_meta = {"features": {**fopts, "news_names": nn["enabled"]}, "stacking": stacking,
                "stacking_features": cfg.get("stacking", {}).get("features", "full"),
                "doc_consistency": cfg["doc_consistency"], "network": net["enabled"],
                "network_fill": net.get("fill", "two-stage")}
    dev_toks = [[t for t, _ in s] for s in dev]
    gold = [[lab for _, lab in s] for s in dev]
    crf_meta = {**run_meta, "network": False}
    crf_only = Tagger(out, res=full, meta=crf_meta)
    sc_crf = score(gold, predict(crf_only, dev_toks, cfg["dev_doc_sentences"], False))
    sc_crf_doc = score(gold, predict(crf_only, dev_toks, cfg["dev_doc_sentences"], True))
    log(f"dev F1: CRF {sc_crf['ALL']['f1']:.4f}, with document consistency {sc_crf_doc['ALL']['f1']:.4f}")
    sc_plain, sc_doc = sc_crf, sc_crf_doc  # the shipped system's scores without / with document consistency
    if net["enabled"]:
        tagger = Tagger(out, res=full, meta=run_meta)
        sc_plain = score(gold, predict(tagger, dev_toks, cfg["dev_doc_sentences"], False))
        sc_doc = score(gold, predict(tagger, dev_toks, cfg["dev_doc_sentences"], True))
        log(f"dev F1: network, {run_meta['network_fill']} CRF fill {sc_plain['ALL']['f1']:.4f}, "
            f"with document consistency {sc_doc['ALL']['f1']:.4f}")
    final = sc_doc if cfg["doc_consistency"] else sc_plain
    # the inputs the model reads that are not its weights (resources.input_hashes):
    # tests/extract/entities/test_model_inputs.py fails when they change without a retraining
    inputs = input_hashes(out, {**fopts, "news_names": nn["enabled"]})
    if inputs[MODEL_INPUTS_FILE] != lists_read:
        log(f"warning: {MODEL_INPUTS_FILE} changed during the build: the model is not trained on its current lists")
        inputs[MODEL_INPUTS_FILE] = lists_read  # what it was trained on: the test then asks for a retraining

    meta = {
        "model": "marsad-ner-bilstm-crf" if net["enabled"] else "marsad-ner-crf",
        "config_sha256": hashlib.sha256(raw).hexdigest(),
        "inputs_sha256": inputs,
        "overrides": args.set,
        "credit": CREDIT,
        "labels": ["PER", "ORG", "LOC", "MISC"],
        "features": {**fopts, "news_names": nn["enabled"]},
        "doc_consistency": cfg["doc_consistency"],
        "dev_doc_sentences": cfg["dev_doc_sentences"],
        "stacking": stacking,
        "stacking_features": run_meta["stacking_features"],
        "train_sentences": len(train),
        "self_training_sentences": n_self,
        "dev_sentences": len(dev),
        "dev": final,
        "network": net["enabled"],
        "network_members": net.get("members", 0) if net["enabled"] else 0,
        "network_fill": net.get("fill", "two-stage"),
        "network_self_training_sentences": n_agree,
        "network_extra_gold_sentences": len(more),
        "network_augmented_sentences": len(augmented),
        "network_language_model": bool(net["enabled"] and net.get("lm", {}).get("enabled", False)),
        "dev_crf_only_f1": sc_crf["ALL"]["f1"],
        "dev_crf_doc_consistency_f1": sc_crf_doc["ALL"]["f1"],
        "dev_doc_consistency_f1": sc_doc["ALL"]["f1"],
        "seed": cfg["seed"],
        "network_seed": net.get("seed", cfg["seed"]) if net["enabled"] else None,
        # the same config and seeds give the same files only with the same libraries: word2vec and k-means
        # results move between releases (a rebuild with newer ones moved the CRF's dev F1 by 1.5 points)
        "libraries": library_versions(),
        "kernels": kernels(),
        "build_seconds": round(time.time() - t0, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")
    for label, s in final.items():
        log(f"  {label:5s} P {s['p']:.4f} R {s['r']:.4f} F1 {s['f1']:.4f} (n={s['support']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
