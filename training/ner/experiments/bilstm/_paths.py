"""Where this experiment finds the repository, the shared data and its own caches: nothing absolute.

The repository root is found from this file's place in it (training/ner/experiments/bilstm/), the shared data as
bench/_shared.py finds it (MARSAD_SHARED, else the `shared` folder next to the repository), and every cache or run
output goes to a `bilstm/` folder inside the NER training work dir (training/ner/config.yaml `work_dir`), never
into the repository.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
NER = REPO / "training" / "ner"
MODEL = REPO / "src" / "marsad" / "extract" / "entities" / "model"
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))

# train.py's helpers (read_conll, score, ...) and the marsad package from the checkout, as train.py imports them
for p in (NER, REPO / "src"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def config() -> dict:
    """The configuration that builds the shipped entity model: same split, folds and doc size as the CRF."""
    return yaml.safe_load((NER / "config.yaml").read_text())


def config_path(p: str) -> Path:
    """A path from config.yaml (relative to the repository root); `../shared/...` honours MARSAD_SHARED."""
    parts = Path(p).parts
    if parts[:2] == ("..", "shared"):
        return SHARED.joinpath(*parts[2:])
    return REPO / p  # an absolute work_dir stays absolute


WORK = config_path(config()["work_dir"])  # train.py's caches: news.txt, stage1-fold*.crfsuite, stage1-*.pkl
OUT = WORK / "bilstm"
DATA = OUT / "data.pkl"  # prep.py's output, every other script's input
RUNS = OUT / "runs"  # checkpoints (~11 MB each), dev predictions, scores
W2V = OUT / "w2v.kv"  # vectors.py's output


if __name__ == "__main__":  # run.sh evals this, so the shell never hard-codes a folder
    import shlex

    for name, path in [("REPO", REPO), ("SHARED", SHARED), ("WORK", WORK), ("OUT", OUT), ("RUNS", RUNS),
                       ("DATA", DATA), ("W2V", W2V)]:
        print(f"{name}={shlex.quote(str(path))}")
