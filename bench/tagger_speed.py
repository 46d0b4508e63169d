"""The entity network of an earlier commit against this tree's, in one process, on the same sentences.

    python bench/tagger_speed.py [--rev be16196] [--articles 1000] [--passes 3]

The earlier network (its `network.py` and `network.npz`, read from git at `--rev`: the BiLSTM-CRF that reads a
language model's states) and this tree's (the student distilled from it without the language model,
training/ner/distill.py) tag the same sentences, which the shared featurizer prepares once:
- speed on one core: sentences/s of `Network.tag` over the first `--articles` news articles of
  ../shared/data/news (both corpora, half each), pipeline.GROUP articles per call as the entity step calls it;
  cold (fresh networks: every word type's inputs are computed for the first time) and warm (the best of
  `--passes` further passes, alternating old and new);
- agreement: the share of tokens the two tag alike on those articles, and of the old network's entity mentions
  (exact span and type) the new one gives;
- quality: ANERcorp dev F1 (the last 10 % of its sentences, never trained on) of the whole tagger (featurizer,
  network, document consistency) with each network;
- the example page: the entities the full entity step finds with each network, and the differences.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import types  # noqa: E402
from itertools import islice  # noqa: E402
from pathlib import Path  # noqa: E402

from _shared import DATA, REPO, SHARED, require_data  # noqa: E402

sys.path.insert(0, str(REPO / "training/ner"))

from marsad.extract.entities.consistency import spans  # noqa: E402
from marsad.extract.entities.model import MODEL_DIR, tagger  # noqa: E402
from marsad.extract.entities.network import NPZ, Network  # noqa: E402
from marsad.pipeline import GROUP  # noqa: E402
from marsad.text.sentences import sentences  # noqa: E402
from marsad.text.tokens import TokenizedText  # noqa: E402

CORPORA = ("news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz")
SEED = SHARED / "examples/seed/000_32e5d76c227be01a.txt"


def old_network(rev: str, tmp: Path) -> Network:
    """The Network class and network.npz of `rev`, loaded beside this tree's."""
    def show(path: str) -> bytes:
        return subprocess.run(["git", "-C", str(REPO), "show", f"{rev}:{path}"], check=True,
                              capture_output=True).stdout

    base = "src/marsad/extract/entities/"
    (tmp / NPZ).write_bytes(show(base + "model/" + NPZ))
    source = show(base + "network.py").decode("utf-8")
    # its one relative import (a type) is this tree's
    source = source.replace("from .features import", "from marsad.extract.entities.features import")
    module = types.ModuleType(f"network_{rev}")
    module.__file__ = str(tmp / "network_old.py")
    sys.modules[module.__name__] = module  # dataclasses and typing look modules up by name
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module.Network(tmp / NPZ)


def news_documents(n: int) -> list[tuple[list, list]]:
    """Per article, per sentence: the network keys and phrase tags of its model tokens (as the entity step
    makes them)."""
    fz = tagger().featurizer
    docs = []
    for corpus in CORPORA:
        with gzip.open(DATA / corpus, "rt", encoding="utf-8") as fh:
            for line in islice(fh, n // len(CORPORA)):
                text = json.loads(line)["text"]
                table = TokenizedText(text, sentences(text))
                toks = [[text[a:b] for a, b in s if text[a:b] != "_"] for s in table.model_tokens]
                an = [[fz.analyse(t) for t in s] for s in toks if s]
                docs.append(([[x.net_key for x in a] for a in an], [fz.phrase_tags(a) for a in an]))
    return docs


def tag_all(net: Network, docs: list) -> tuple[float, list[list[str]]]:
    t0 = time.perf_counter()
    out: list[list[str]] = []
    for k in range(0, len(docs), GROUP):
        group = docs[k:k + GROUP]
        out += net.tag([s for keys, _ in group for s in keys], [p for _, ph in group for p in ph])
    return time.perf_counter() - t0, out


def dev_f1(net: Network) -> dict:
    from train import predict, read_conll, score

    tg = tagger()
    sents = read_conll(DATA / "ner/anercorp_train.conll")
    dev = sents[len(sents) - tg.meta["dev_sentences"]:]
    shipped = tg.network
    tg.network = net
    try:
        pred = predict(tg, [[t for t, _ in s] for s in dev], tg.meta.get("dev_doc_sentences", 20), None)
    finally:
        tg.network = shipped
    return score([[lab for _, lab in s] for s in dev], pred)["ALL"]


def seed_entities(net: Network) -> set[tuple[str, str]]:
    from marsad.api import analyze

    tg = tagger()
    shipped = tg.network
    tg.network = net
    try:
        article = analyze(SEED.read_text("utf-8"))
    finally:
        tg.network = shipped
    return {(e.label, e.span.text) for e in article.entities}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", default="be16196", help="the commit whose network is the old one")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--passes", type=int, default=3)
    args = ap.parse_args()
    require_data()
    docs = news_documents(args.articles)
    n_sent = sum(len(keys) for keys, _ in docs)
    n_tok = sum(len(s) for keys, _ in docs for s in keys)
    with tempfile.TemporaryDirectory() as tmp:
        old = old_network(args.rev, Path(tmp))
        new = Network(MODEL_DIR / NPZ)
        print(f"{len(docs)} news articles, {n_sent} sentences, {n_tok} tokens; one core; {GROUP} articles per call")
        print(f"old: {args.rev} ({'with' if old.lm else 'without'} language model, {old.w_hh.shape[-2]} units); "
              f"new: this tree ({'with' if new.lm else 'without'} language model, {new.w_hh.shape[-2]} units)")
        t_old, tags_old = tag_all(old, docs)
        t_new, tags_new = tag_all(new, docs)
        print(f"  cold: old {n_sent / t_old:6.0f} sentences/s, new {n_sent / t_new:6.0f} sentences/s, "
              f"ratio {t_old / t_new:.2f}×")
        best_old = best_new = float("inf")
        for _ in range(args.passes):
            best_old = min(best_old, tag_all(old, docs)[0])
            best_new = min(best_new, tag_all(new, docs)[0])
        print(f"  warm: old {n_sent / best_old:6.0f} sentences/s, new {n_sent / best_new:6.0f} sentences/s, "
              f"ratio {best_old / best_new:.2f}×  (best of {args.passes})")
        same = sum(a == b for p, q in zip(tags_old, tags_new) for a, b in zip(p, q))
        m_old = {(k, s) for k, tags in enumerate(tags_old) for s in spans(tags)}
        m_new = {(k, s) for k, tags in enumerate(tags_new) for s in spans(tags)}
        print(f"  agreement: tokens {same / n_tok:.4f}; old mentions the new one gives {len(m_old & m_new)}/"
              f"{len(m_old)} ({len(m_old & m_new) / max(1, len(m_old)):.3f}); new mentions the old one gives "
              f"{len(m_old & m_new)}/{len(m_new)} ({len(m_old & m_new) / max(1, len(m_new)):.3f})")
        f_old, f_new = dev_f1(old), dev_f1(new)
        print(f"  ANERcorp dev (with document consistency): old P {f_old['p']:.4f} R {f_old['r']:.4f} "
              f"F1 {f_old['f1']:.4f}; new P {f_new['p']:.4f} R {f_new['r']:.4f} F1 {f_new['f1']:.4f} "
              f"(difference {f_new['f1'] - f_old['f1']:+.4f})")
        if SEED.exists():
            e_old, e_new = seed_entities(old), seed_entities(new)
            print(f"  example page: old {len(e_old)} entities, new {len(e_new)}, same {len(e_old & e_new)}")
            for label, text in sorted(e_old - e_new):
                print(f"    only old: {label} {text}")
            for label, text in sorted(e_new - e_old):
                print(f"    only new: {label} {text}")
        else:
            print(f"  example page: skipped ({SEED} is absent)")


if __name__ == "__main__":
    main()
