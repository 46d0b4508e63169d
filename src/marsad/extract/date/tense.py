"""The tense of a date's clause: past, future or unknown, from cue words and the future prefix «سـ».

A bare weekday is the last such day before the reference date unless its clause speaks of the future, and a
month named without a year is the reference year's unless the clause's tense puts it on the other side of the
reference date (docs/rules.md#dates). No tagger does Arabic tense here; the cues are data (lexicon.yaml
`tense`) and the future prefix is told from nouns that start the same way by the news vocabulary the entity model ships.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ...text.normalize import fold
from ...text.tokens import TokenizedText
from .words import date_data

PAST, UNKNOWN, FUTURE = -1, 0, 1


@lru_cache(maxsize=1)
def _settings() -> dict:
    t = dict(date_data()["tense"])
    t["future"] = frozenset(fold(w) for w in t["future"])
    t["past"] = frozenset(fold(w) for w in t["past"])
    t["past_exact"] = frozenset(fold(w) for w in t["past_exact"])
    t["stops"] = frozenset(fold(w) for w in t["stops"])
    t["imperfect_letters"] = tuple(fold(c) for c in t["imperfect_letters"])
    return t


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, int]:
    """Counts of the news words that may be an imperfect verb with or without the future prefix (read on first
    use, once per process: most articles have no bare weekday or month)."""
    t = _settings()
    keep = t["imperfect_letters"] + (t["future_prefix"],)
    counts: dict[str, int] = {}
    path = resources.files("marsad.extract.entities").joinpath("model/vocab.tsv")
    if not path.is_file():
        return counts
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(keep):
                word, count = line.split("\t", 2)[:2]
                counts[word] = int(count)
    return counts


def future_verb(key: str) -> bool:
    """«سيستقبلهم», «وستعقد»: a future-prefixed imperfect verb (a folded token key)."""
    t = _settings()
    word = key[1:] if key[:1] in ("و", "ف") and len(key) > 5 else key
    if len(word) < 5 or not word.startswith(t["future_prefix"]) or not word[1:].startswith(t["imperfect_letters"]):
        return False
    vocab = _vocabulary()
    without = vocab.get(word[1:], 0)
    return without >= t["min_count"] and without >= t["min_ratio"] * vocab.get(word, 0)


def clause_tense(tt: TokenizedText, start: int, end: int) -> int:
    """PAST, FUTURE or UNKNOWN for the date expression at tokens [start, end): the nearest cue around it."""
    t = _settings()
    window, stops = t["window"], t["stops"]
    best: tuple[int, int] | None = None  # (distance, tense)
    for step, origin in ((-1, start - 1), (1, end)):
        k, distance = origin, 1
        while 0 <= k < len(tt.keys) and distance <= window:
            key = tt.keys[k]
            if key in stops:
                break
            tense = _cue(key, t)
            if tense and (best is None or distance < best[0]):
                best = (distance, tense)
                break
            k += step
            distance += 1
    return best[1] if best else UNKNOWN


def _cue(key: str, t: dict) -> int:
    bare = key[1:] if key[:1] in ("و", "ف") and len(key) > 3 else key
    if key in t["future"] or bare in t["future"] or future_verb(key):
        return FUTURE
    if key in t["past"] or bare in t["past"] or key in t["past_exact"]:
        return PAST
    return UNKNOWN
