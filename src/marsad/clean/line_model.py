"""The line classifier: two stacked multinomial logistic regressions over line_features.FEATURES.

Stage one reads each line's own features; stage two reads them again with stage one's verdicts on the lines
around it (is the line before body? are all lines after it boilerplate?), which is how a block of other
stories' headlines at the end of a page is told from the story's own short lines. Each stage gives a
probability per class: `article` or a removal reason. A line is removed when P(article) falls below the
model's threshold, with the likeliest reason.

The weights are `model/lines.json`, written by training/clean/train.py from the annotated pages; inference is a
few numpy products per page, with no training library at run time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from .line_features import FEATURES

STACK = ("p_self", "p_prev", "p_next", "p_before_min", "p_after_min", "p_after_mean")


@dataclass(frozen=True)
class Stage:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # classes × features
    bias: np.ndarray

    @classmethod
    def of(cls, d: dict) -> "Stage":
        return cls(np.asarray(d["mean"]), np.asarray(d["scale"]), np.asarray(d["weights"]), np.asarray(d["bias"]))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights.T + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class LineModel:
    classes: tuple[str, ...]
    stage1: Stage
    stage2: Stage
    threshold: float

    @property
    def article(self) -> int:
        return self.classes.index("article")

    def predict(self, rows: list[list[float]]) -> list[tuple[float, str]]:
        """(P(not article), likeliest removal reason) per row of line features, in page order."""
        if not rows:
            return []
        x = np.asarray(rows, dtype=np.float64)
        p1 = 1.0 - self.stage1.probabilities(x)[:, self.article]
        p2 = self.stage2.probabilities(np.hstack([x, stacked(p1)]))
        reasons = [k for k in range(len(self.classes)) if k != self.article]
        out = []
        for row in p2:
            best = max(reasons, key=lambda k: row[k])
            out.append((float(1.0 - row[self.article]), self.classes[best]))
        return out


def stacked(p: np.ndarray) -> np.ndarray:
    """STACK's columns from stage one's P(not article) of every line of a page, in order."""
    n = len(p)
    out = np.zeros((n, len(STACK)))
    if n == 0:
        return out
    after_min = np.minimum.accumulate(p[::-1])[::-1]
    before_min = np.minimum.accumulate(p)
    after_sum = np.cumsum(p[::-1])[::-1]
    for k in range(n):
        out[k] = (p[k], p[k - 1] if k else 0.0, p[k + 1] if k + 1 < n else 0.0,
                  before_min[k - 1] if k else 0.0, after_min[k + 1] if k + 1 < n else 0.0,
                  after_sum[k + 1] / (n - k - 1) if k + 1 < n else 0.0)
    return out


def model_path():
    return resources.files(__package__).joinpath("model", "lines.json")


@lru_cache(maxsize=1)
def line_model() -> LineModel | None:
    """The shipped model (None where it is absent: the rules alone then decide)."""
    path = model_path()
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    if tuple(data["features"]) != FEATURES or tuple(data["stack"]) != STACK:
        raise RuntimeError(f"{path}: built for other features; retrain it (python training/clean/train.py)")
    return LineModel(tuple(data["classes"]), Stage.of(data["stage1"]), Stage.of(data["stage2"]),
                     float(data["threshold"]))
