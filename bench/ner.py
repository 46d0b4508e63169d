"""Entity recognition: quality on the ANERcorp dev split and the seed page, speed, size and load time.

    .venv/bin/python bench/ner.py [--articles 300] [--warmup 2000] [--errors]

- dev: entity-level (exact span and type, conlleval-style) P/R/F1 per type and overall on the last 10% of
  ../shared/data/ner/anercorp_train.conll (never trained on), for the shipped model as it runs (the network,
  with the CRF filling its gaps when the model says so; document consistency on each) and its alternatives (the
  CRF alone, the other fills; dev "documents" are blocks of consecutive sentences, as the training config says),
  and with the span rules of docs/rules.md#entities on top (which ANERcorp's annotation does not follow: it
  leaves most ministries untagged);
- seed: the 28 required entities of the hand annotation found with the right label, its canonical links, spans
  starting with a proclitic, and hits that are neither required nor optional;
- speed on one core after loading: sentences/s of the entity step over news articles (in groups, as the
  pipeline runs it, and one article per call), next to the rest of the standard pipeline on the same articles,
  and the entity step again with each alternative (other CRF fills, the network switched off); model size on
  disk and load time in a fresh process.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from itertools import islice

# "one core": numpy's BLAS must not spread the network's matrix products over more threads (set before numpy
# loads; an explicit setting in the environment wins)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from _shared import DATA, REPO, SHARED, require_data  # noqa: E402

sys.path.insert(0, str(REPO / "training/ner"))

from marsad.api import analyze  # noqa: E402
from marsad.extract.entities import EntityRecognizer  # noqa: E402
from marsad.extract.entities.clitics import split  # noqa: E402
from marsad.extract.entities.consistency import trim_after_surname  # noqa: E402
from marsad.extract.entities.model import MODEL_DIR, Tagger, tagger  # noqa: E402
from marsad.extract.entities.rules import sentence_entities  # noqa: E402
from marsad.options import Options  # noqa: E402
from marsad.pipeline import GROUP, Pipeline  # noqa: E402
from marsad.read.base import raw_article  # noqa: E402
from marsad.text.normalize import fold  # noqa: E402

SEED = SHARED / "examples/seed/000_32e5d76c227be01a"


def dev_split() -> list[list[tuple[str, str]]]:
    from train import read_conll

    sents = read_conll(DATA / "ner/anercorp_train.conll")
    meta = tagger().meta
    return sents[len(sents) - meta["dev_sentences"]:]


def variant_dev(network: bool, fill: str = "two-stage") -> dict:
    """Dev scores of a part of the shipped model (each with its document consistency)."""
    from train import predict, score

    tg = tagger()
    part = Tagger(MODEL_DIR, res=tg.res, meta={**tg.meta, "network": network, "network_fill": fill})
    dev = dev_split()
    pred = predict(part, [[t for t, _ in s] for s in dev], tg.meta.get("dev_doc_sentences", 20), None)
    return score([[lab for _, lab in s] for s in dev], pred)


def dev_scores(errors: bool) -> tuple[dict, dict]:
    from train import predict, score

    tg = tagger()
    fz = tg.featurizer
    dev = dev_split()
    doc = tg.meta.get("dev_doc_sentences", 20)
    toks = [[t for t, _ in s] for s in dev]
    gold = [[lab for _, lab in s] for s in dev]
    pred = predict(tg, toks, doc, None)
    ruled = [list(p) for p in pred]
    for k in range(0, len(toks), doc):
        trim_after_surname(toks[k:k + doc], ruled[k:k + doc], fz)
    with_rules = []
    for s, p in zip(toks, ruled):
        an = [fz.analyse(t) for t in s]
        tags = ["O"] * len(s)
        for i, j, label, _ in sentence_entities(an, p, fz):
            tags[i] = "B-" + label
            for m in range(i + 1, j):
                tags[m] = "I-" + label
        with_rules.append(tags)
    if errors:
        from marsad.extract.entities.consistency import spans

        for s, g, p in zip(toks, gold, pred):
            gs, ps = set(spans(g)), set(spans(p))
            for i, j, lab in sorted(gs ^ ps):
                kind = "miss" if (i, j, lab) in gs else "false"
                print(f"  {kind:5s} {lab:4s} {' '.join(s[i:j])}   | {' '.join(s[max(0, i - 4):j + 4])}")
    return score(gold, pred), score(gold, with_rules)


def print_scores(title: str, sc: dict) -> None:
    print(title)
    print(f"  {'type':5s} {'P':>6s} {'R':>6s} {'F1':>6s} {'n':>5s}")
    for label, s in sc.items():
        print(f"  {label:5s} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['support']:5d}")


def seed_report() -> None:
    gold = json.loads(SEED.with_suffix(".gold.json").read_text("utf-8"))
    text = SEED.with_suffix(".txt").read_text("utf-8")
    article = analyze(text)
    if not article.entities:  # the step is not in the standard list yet: run it here
        EntityRecognizer(Options()).process(article)
    article.check_spans()
    found = {(fold(e.span.text), e.label) for e in article.entities}
    required = [(name, label) for label, names in gold["entities"].items() for name in names]
    missing = [(n, lab) for n, lab in required if (fold(n), lab) not in found]
    print(f"seed: {len(required) - len(missing)}/{len(required)} required entities with the right label")
    for n, lab in missing:
        print(f"  missing {lab} {n}")
    ok_names = {fold(n) for n, _ in required} | {fold(n) for n in gold.get("entities_optional", [])}
    extra = sorted({(e.label, e.span.text) for e in article.entities if fold(e.span.text) not in ok_names})
    print(f"  hits neither required nor optional: {len(extra)}  " + "، ".join(f"{t} ({lab})" for lab, t in extra))
    canon = {fold(e.span.text): e.canonical for e in article.entities}
    for short, full in gold.get("canonical", {}).items():
        got = canon.get(fold(short))
        print(f"  canonical {short} → {got!r} ({'ok' if got and fold(got) == fold(full) else 'WRONG, want ' + full})")
    res = tagger().res
    procl = [e.span.text for e in article.entities
             if split(fold(e.span.text.split()[0]), res)[0] and fold(e.span.text) not in ok_names]
    print(f"  spans starting with a proclitic: {len(procl)} {procl}")


def news_articles(n: int) -> list[str]:
    with gzip.open(DATA / "news/ant_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in islice(fh, n)]


def speed(n: int, warmup: int) -> None:
    """Sentences/s of the entity step on one core, after loading, next to the rest of the standard pipeline:
    on the first `n` news articles the process sees (cold: every word's features are computed for the first
    time), then on `n` further articles after `warmup` others have passed (steady state of a long run, where the
    per-word feature cache already holds most words). The step runs as the pipeline runs it, pipeline.GROUP
    articles per call; a last run on `n` more articles gives it one article per call, as marsad.analyze does."""
    texts = news_articles(3 * n + warmup)
    # the rest of the standard pipeline: the steps before this one (which prepare its input) and those after it
    steps = Pipeline.standard(Options()).steps
    at = next(k for k, s in enumerate(steps) if isinstance(s, EntityRecognizer))
    before, after = Pipeline(steps[:at]), steps[at + 1:]
    step = EntityRecognizer(Options())
    tagger()  # load first: speed is measured after loading

    def run(label: str, part: list[str], group: int = GROUP) -> None:
        raws = [raw_article(t, "text", path=f"news{i}") for i, t in enumerate(part)]
        t0 = time.perf_counter()
        articles = [a for a in before.run(raws) if not isinstance(a, Exception)]
        t_rest = time.perf_counter() - t0
        n_sent = sum(len(a.sentences) for a in articles)
        n_chars = sum(len(a.text or "") for a in articles)
        # as the pipeline runs it: `group` articles per call (the network batches their sentences together)
        t0 = time.perf_counter()
        for k in range(0, len(articles), group):
            step.process_many(articles[k:k + group])
        t_ner = time.perf_counter() - t0
        t0 = time.perf_counter()
        for later in after:
            later.process_many(articles)
        t_rest += time.perf_counter() - t0
        if not label:
            return
        n_ent = sum(len(a.entities) for a in articles)
        print(f"speed, {label} (one core, model loaded): {len(articles)} news articles, {n_sent} sentences, "
              f"{n_chars / len(articles):.0f} chars/article, {n_ent} entities")
        print(f"  entity step:          {n_sent / t_ner:7.0f} sentences/s  ({len(articles) / t_ner:5.0f} articles/s; "
              f"{group} per call)")
        print(f"  rest of the pipeline: {n_sent / t_rest:7.0f} sentences/s  ({len(articles) / t_rest:5.0f} articles/s)")
        print(f"  entity step cost = {t_ner / t_rest:.2f}× the rest of the pipeline")

    run("cold", texts[:n])
    run("", texts[n:n + warmup])
    run(f"steady, after {n + warmup} articles", texts[n + warmup:2 * n + warmup])
    # one article per call, as marsad.analyze runs it: further articles, so that no cache has seen them
    run(f"steady, one article per call, after {2 * n + warmup} articles", texts[2 * n + warmup:], group=1)
    tg = tagger()
    if tg.network is not None:
        # the same steady-state articles with parts switched off: what each costs
        net, fill = tg.network, tg.fill
        for label, network, mode in (("network alone (no CRF fill)", net, "none"),
                                     ("network + first-stage CRF fill", net, "first-stage"),
                                     ("network + two-stage CRF fill", net, "two-stage"),
                                     ("CRF alone (network switched off)", None, fill)):
            if mode == fill and network is net:
                continue
            tg.network, tg.fill = network, mode
            try:
                run(f"steady, {label}", texts[n + warmup:2 * n + warmup])
            finally:
                tg.network, tg.fill = net, fill


def size_and_load() -> None:
    files = sorted(p for p in MODEL_DIR.iterdir() if p.is_file())
    total = sum(p.stat().st_size for p in files)
    print(f"model: {total / 1e6:.1f} MB in {MODEL_DIR.relative_to(REPO)} "
          + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in files))
    code = ("import time; t=time.perf_counter(); from marsad.extract.entities.model import tagger; tagger(); "
            "print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    print(f"  load time in a fresh process: {float(out.stdout):.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description="entity recognition benchmark")
    ap.add_argument("--articles", type=int, default=300, help="news articles per timed speed run")
    ap.add_argument("--warmup", type=int, default=2000, help="articles between the cold and the steady run")
    ap.add_argument("--errors", action="store_true", help="list dev errors")
    args = ap.parse_args()
    require_data()
    meta = tagger().meta
    crf, rules = dev_scores(args.errors)
    print(f"ANERcorp dev split: {meta['dev_sentences']} sentences (the last 10%, never trained on)")
    if meta.get("network"):
        print_scores("dev, the CRF alone (+ document consistency), entity-level exact span+type:",
                     variant_dev(False))
        for fill in ("first-stage", "two-stage"):
            if fill != tagger().fill:
                print_scores(f"dev, the network, then the {fill} CRF where it found nothing (+ document "
                             "consistency):", variant_dev(True, fill))
        shipped = "the network" if tagger().fill == "none" else f"the network, then the {tagger().fill} CRF"
        print_scores(f"dev, shipped model ({shipped}; + document consistency):", crf)
    else:
        print_scores("dev, shipped model (CRF + document consistency), entity-level exact span+type:", crf)
    print_scores("dev, with the entity span rules on top (ANERcorp does not tag most ministries):", rules)
    seed_report()
    speed(args.articles, args.warmup)
    size_and_load()
    return 0


if __name__ == "__main__":
    sys.exit(main())
