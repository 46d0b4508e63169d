"""Second-stage features: what the first CRF said about the same word elsewhere in the document.

Krishnan & Manning's (2006) two-stage recipe: a second CRF sees, for every token, the first CRF's tags around it
and the majority first-stage label of the other occurrences of the same stem in the document. It learns when
to trust document evidence («ماسك» is PER in three sentences, so also here) instead of a fixed rule.
While training, first-stage tags come from models that never saw the sentence (jackknifed over folds).
"""

from __future__ import annotations

from .features import LIGHT, Analysis

def light(x: list[list[str]]) -> list[list[str]]:
    """The first-stage features a light second stage keeps: the word's own identity and clusters (the same
    as CrfView.light, Featurizer.crf_view's, which the run time uses instead of filtering again)."""
    return [[f for f in fs if f[:2] in LIGHT] for fs in x]


def doc_features(an_sents: list[list[Analysis]], tags1: list[list[str]]) -> list[list[list[str]]]:
    """Extra features per token of each sentence from the first-stage tags `tags1` of the whole document."""
    stat: dict[str, dict[str, int]] = {}
    for an, tg in zip(an_sents, tags1):
        for a, t in zip(an, tg):
            c = stat.setdefault(a.stem, {})
            k = t[2:] if t != "O" else "O"
            c[k] = c.get(k, 0) + 1
    out = []
    for an, tg in zip(an_sents, tags1):
        n = len(an)
        sent = []
        for i, (a, t) in enumerate(zip(an, tg)):
            f = [f"s1={t}", f"s1-1={tg[i - 1] if i else '<s>'}", f"s1+1={tg[i + 1] if i + 1 < n else '</s>'}",
                 f"s1w={t}|{a.folded}"]
            c = stat[a.stem]
            if len(c) > 1 or c.get(t[2:] if t != "O" else "O", 0) > 1:
                own = t[2:] if t != "O" else "O"
                best, best_n, n_o = None, 0, 0
                for k in sorted(c):
                    v = c[k] - (k == own)
                    if k == "O":
                        n_o = v
                    elif v > best_n:
                        best, best_n = k, v
                if best:
                    f.append(f"dE={best}")
                    f.append(f"dE={best}|{t}")
                    if best_n > n_o:
                        f.append(f"dM={best}")
                elif n_o:
                    f.append("dO")
            sent.append(f)
        out.append(sent)
    return out
