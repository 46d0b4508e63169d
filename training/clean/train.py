"""Train the boilerplate line classifier (src/marsad/clean/model/lines.json) from the annotated pages.

    python training/clean/train.py [--out PATH] [--folds 5] [--no-write]

Data: bench/gold/boilerplate_dev.yaml and boilerplate_train.yaml (147 pages; never the blind set), read from
../shared/data, and the corpus evidence (clean/evidence.py) of every news article and web page there. Each page
is seen twice, with its evidence and without (a single `marsad extract` has none), so the model works both
ways. Lines a certain rule removes (rules.yaml) are the rules' and are not trained on.

Model: stage one, a multinomial logistic regression over line_features.FEATURES; stage two, another over the
same features and stage one's verdicts on the neighbouring lines (line_model.STACK), trained on stage one's
out-of-fold predictions. Regularisation C is chosen by grouped cross-validation over pages; the threshold on
P(article) is the one with the best line-level F0.5 on the cross-validated predictions (a body line lost
weighs twice a boilerplate line kept). The cross-validated scores (every page scored by a model that never saw it) are written
into the model file and are the development estimate. Needs scikit-learn (the `train` extra); deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))

from _shared import DATA, load_by_id  # noqa: E402
from marsad.clean.boilerplate import body_guard, certain_rules  # noqa: E402
from marsad.clean.evidence import LineEvidence, gather, page_keys  # noqa: E402
from marsad.clean.line_features import FEATURES, features_file_text, page_features  # noqa: E402
from marsad.clean.line_model import STACK, model_path, stacked  # noqa: E402
from marsad.read.jsonl import read_jsonl  # noqa: E402
from marsad.text.normalize import fold, strip_invisible  # noqa: E402

GOLD = [REPO / "bench/gold/boilerplate_dev.yaml", REPO / "bench/gold/boilerplate_train.yaml"]
CORPORA = ["news/ant_multisource.jsonl.gz", "news/saudinewsnet.jsonl.gz", "web/cc_arabic_web_sample.jsonl"]
C_GRID = (0.3, 1.0, 3.0)
MIN_CLASS = 8   # a removal reason with fewer training lines is learned as `other`


def log(*a) -> None:
    print(f"[{time.strftime('%H:%M:%S')}]", *a, flush=True)


def corpus_evidence(cache: Path | None = None) -> LineEvidence:
    """Every article of the corpora, counted once per story (no forgetting: the corpora fit in memory);
    kept in `cache` between runs (a pickle keyed by nothing: delete it when the corpora change)."""
    import pickle

    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    evidence = gather((item for corpus in CORPORA for item in read_jsonl(str(DATA / corpus))), bucket=10 ** 12)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(evidence))
    return evidence


def pages(gold_paths=GOLD, evidence: LineEvidence | None = None) -> list[dict]:
    """Each annotated page: its lines' features (with and without evidence) and gold labels."""
    items = [a for p in gold_paths for a in yaml.safe_load(p.read_text("utf-8"))["articles"]]
    by_corpus: dict[str, set[str]] = {}
    for a in items:
        by_corpus.setdefault(a["corpus"], set()).add(a["id"])
    rows = {}
    for corpus, ids in by_corpus.items():
        rows.update(load_by_id(corpus, ids))
    out = []
    for a in items:
        row = rows[a["id"]]
        raw = row["text"]
        text = strip_invisible(raw.replace("\r\n", "\n").replace("\r", "\n"))
        lines = text.split("\n")
        assert len(lines) == a["lines"], a["id"]
        keys = fold(text).split("\n")
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        if not nonblank:
            continue
        ruled = certain_rules(lines, keys, nonblank)
        gold = {int(k) - 1: v for k, v in (a.get("removed") or {}).items()}
        recurrence = evidence.recurrence(row.get("source"), page_keys(raw)) if evidence else None
        guarded = body_guard(lines, keys, nonblank)
        out.append({
            "id": a["id"], "nonblank": nonblank, "ruled": [ruled[i] for i in nonblank],
            "guarded": [i in guarded for i in nonblank],
            "gold": [gold.get(i) for i in nonblank],
            "x_with": np.asarray(page_features(lines, keys, nonblank, ruled, row.get("title"), recurrence)),
            "x_without": np.asarray(page_features(lines, keys, nonblank, ruled, row.get("title"), None)),
        })
    return out


def _labels(page: dict, classes: list[str]) -> list[str]:
    return [("article" if g is None else g if g in classes else "other") for g in page["gold"]]


def _training_rows(train: list[dict], classes: list[str], stage1=None) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for page in train:
        keep = [k for k, r in enumerate(page["ruled"]) if r is None]
        if not keep:
            continue
        labels = _labels(page, classes)
        for variant in ("x_with", "x_without"):
            x = page[variant]
            if stage1 is not None:
                x = np.hstack([x, stacked(stage1(page, variant))])
            xs.append(x[keep])
            ys += [classes.index(labels[k]) for k in keep]
    return np.vstack(xs), np.asarray(ys)


def _fit(x: np.ndarray, y: np.ndarray, c: float, n_classes: int) -> dict:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=c, max_iter=3000, tol=1e-5)
    clf.fit((x - mean) / scale, y)
    weights = np.zeros((n_classes, x.shape[1]))
    bias = np.full(n_classes, -30.0)  # a class with no training line here is never predicted
    if len(clf.classes_) == 2:  # one row: the logit of the second class against the first
        bias[clf.classes_[0]] = 0.0
        weights[clf.classes_[1]], bias[clf.classes_[1]] = clf.coef_[0], clf.intercept_[0]
    else:
        for row, cls in enumerate(clf.classes_):
            weights[cls], bias[cls] = clf.coef_[row], clf.intercept_[row]
    return {"mean": mean, "scale": scale, "weights": weights, "bias": bias}


def _proba(stage: dict, x: np.ndarray) -> np.ndarray:
    z = ((x - stage["mean"]) / stage["scale"]) @ stage["weights"].T + stage["bias"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _folds(items: list[dict], k: int) -> list[list[dict]]:
    order = sorted(items, key=lambda p: hashlib.sha256(p["id"].encode()).hexdigest())
    return [order[f::k] for f in range(k)]


def fit_system(train: list[dict], classes: list[str], c: float, folds: int) -> tuple[dict, dict]:
    """Stage one on all of `train`; stage two on stage one's out-of-fold verdicts."""
    art = classes.index("article")
    oof: dict[tuple[str, str], np.ndarray] = {}
    for fold in _folds(train, folds):
        ids = {p["id"] for p in fold}
        s1 = _fit(*_training_rows([p for p in train if p["id"] not in ids], classes), c, len(classes))
        for page in fold:
            for variant in ("x_with", "x_without"):
                oof[(page["id"], variant)] = 1.0 - _proba(s1, page[variant])[:, art]
    stage1 = _fit(*_training_rows(train, classes), c, len(classes))
    stage2 = _fit(*_training_rows(train, classes, lambda p, v: oof[(p["id"], v)]), c, len(classes))
    return stage1, stage2


def predict_system(stage1: dict, stage2: dict, page: dict, variant: str, classes: list[str]) -> np.ndarray:
    art = classes.index("article")
    x = page[variant]
    p1 = 1.0 - _proba(stage1, x)[:, art]
    return _proba(stage2, np.hstack([x, stacked(p1)]))


def cross_validate(items: list[dict], classes: list[str], c: float, folds: int) -> dict[tuple[str, str], np.ndarray]:
    out = {}
    for fold in _folds(items, folds):
        ids = {p["id"] for p in fold}
        stage1, stage2 = fit_system([p for p in items if p["id"] not in ids], classes, c, folds)
        for page in fold:
            for variant in ("x_with", "x_without"):
                out[(page["id"], variant)] = predict_system(stage1, stage2, page, variant, classes)
    return out


def score(items: list[dict], probs, classes: list[str], threshold: float, variant: str) -> dict:
    """Line-level scores of rules + model against the gold lines (every non-blank line counted)."""
    art = classes.index("article")
    tp = fp = fn = body = lost = 0
    per_gold: Counter = Counter()
    per_found: Counter = Counter()
    reason_ok = 0
    for page in items:
        p = probs[(page["id"], variant)]
        for k, gold in enumerate(page["gold"]):
            rule = page["ruled"][k]
            if rule is not None:
                removed, reason = True, rule
            else:
                removed = 1.0 - p[k, art] >= threshold and not page["guarded"][k]
                reason = classes[max((j for j in range(len(classes)) if j != art), key=lambda j: p[k, j])]
            if gold is None:
                body += 1
                if removed:
                    fp += 1
                    lost += 1
            else:
                per_gold[gold] += 1
                if removed:
                    tp += 1
                    per_found[gold] += 1
                    reason_ok += reason == gold
                else:
                    fn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "body_lost": round(lost / body, 4) if body else 0.0, "lines": tp + fn + body, "gold_removed": tp + fn,
            "reason_accuracy": round(reason_ok / tp, 4) if tp else 0.0,
            "recall_by_reason": {r: f"{per_found[r]}/{n}" for r, n in per_gold.most_common()}}


def best_threshold(items, probs, classes) -> float:
    """The threshold with the best F0.5 (precision weighted twice recall: a body line lost costs more than a
    boilerplate line kept) on the cross-validated predictions, with and without evidence alike; never below 0.5:
    a line is removed only when the model finds it likelier boilerplate than article."""
    best, best_f = 0.5, -1.0
    for t in np.arange(0.5, 0.96, 0.05):
        f = 0.0
        for variant in ("x_with", "x_without"):
            s = score(items, probs, classes, float(t), variant)
            p, r = s["precision"], s["recall"]
            f += 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        if f > best_f:
            best, best_f = float(round(t, 2)), f
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/marsad-clean/evidence.pickle"),
                    help="where the corpus evidence is kept between runs")
    args = ap.parse_args()
    log("corpus evidence over", ", ".join(CORPORA))
    t0 = time.time()
    evidence = corpus_evidence(args.cache)
    log(f"{evidence.articles} articles, {len(evidence)} line entries ({time.time() - t0:.0f} s)")
    items = pages(evidence=evidence)
    counts = Counter(g for p in items for g, r in zip(p["gold"], p["ruled"]) if g is not None and r is None)
    classes = ["article"] + sorted(r for r, n in counts.items() if n >= MIN_CLASS and r != "other") + ["other"]
    log(f"{len(items)} pages, model classes {classes}; removal lines left to the model by reason: {dict(counts)}")
    results = {}
    for c in C_GRID:
        probs = cross_validate(items, classes, c, args.folds)
        t = best_threshold(items, probs, classes)
        s = {v: score(items, probs, classes, t, v) for v in ("x_with", "x_without")}
        results[c] = (t, s, probs)
        log(f"C={c}: threshold {t}, CV F1 with evidence {s['x_with']['f1']}, without {s['x_without']['f1']}")
    c = max(C_GRID, key=lambda k: (results[k][1]["x_with"]["f1"] + results[k][1]["x_without"]["f1"], -k))
    log(f"C={c} chosen")
    threshold, cv, _ = results[c]
    stage1, stage2 = fit_system(items, classes, c, args.folds)
    from importlib.metadata import version

    def export(stage: dict) -> dict:
        return {k: np.asarray(v).round(8).tolist() for k, v in stage.items()}

    model = {
        "model": "marsad-boilerplate-lines", "classes": classes, "features": list(FEATURES), "stack": list(STACK),
        "stage1": export(stage1), "stage2": export(stage2), "threshold": threshold, "C": c,
        "pages": len(items), "gold": [str(p.relative_to(REPO)) for p in GOLD],
        "features_yaml_sha256": hashlib.sha256(features_file_text().encode("utf-8")).hexdigest(),
        "cv": {"folds": args.folds, "with_evidence": cv["x_with"], "without_evidence": cv["x_without"]},
        "libraries": {"scikit-learn": version("scikit-learn"), "numpy": version("numpy")},
    }
    log(json.dumps(model["cv"], ensure_ascii=False, indent=1))
    if not args.no_write:
        out = args.out or Path(str(model_path()))
        out.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", "utf-8")
        log(f"wrote {out}")


if __name__ == "__main__":
    main()
