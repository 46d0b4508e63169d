"""Document-level consistency: a name tagged once is tagged everywhere in the same document.

A tagger decides each sentence alone, so «ماسك» can be PER in one sentence and missed in the next. After
tagging, every entity string (as folded stems, so «وماسك» matches «ماسك») found in the document, and the last
name of every multi-word person, is looked for in the untagged stretches of every sentence and tagged there
with its majority label. Strings that are word-list nominals, titles or very short are not propagated: one
wrong tag would otherwise spread through the article.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from .features import Analysis, Featurizer


class BioSpan(NamedTuple):
    """An entity of a BIO tag sequence: equal to, hashed and sorted as the plain tuple (start, end, label)."""

    start: int   # its first token
    end: int     # one past its last token
    label: str   # the tags' type: «PER» of «B-PER», «I-PER»


def spans(tags: list[str]) -> list[BioSpan]:
    """The BioSpans (start, end, label) of one tag sequence's entities (an I- without B- opens an entity)."""
    out = []
    i, n = 0, len(tags)
    while i < n:
        t = tags[i]
        if t == "O":
            i += 1
            continue
        label = t[2:]
        j = i + 1
        while j < n and tags[j] == "I-" + label:
            j += 1
        out.append(BioSpan(i, j, label))
        i = j
    return out


def propagate(sents: list[list[str]], tags: list[list[str]], fz: Featurizer, max_len: int = 4,
              an: list[list[Analysis]] | None = None) -> None:
    """Tag, in place, untagged occurrences of the document's entity strings with their majority label."""
    lists = fz.res.lists
    blocked = lists["nominals"] | lists["titles"] | lists["org_heads"] | lists["chain_stop"]
    keys: dict[tuple[str, ...], Counter] = {}
    if an is None:
        an = [[fz.analyse(t) for t in s] for s in sents]
    surnames: Counter = Counter()
    for a, tg in zip(an, tags):
        for i, j, label in spans(tg):
            if j - i > max_len:
                continue
            key = tuple([a[i].stem] + [x.folded for x in a[i + 1:j]])
            keys.setdefault(key, Counter())[label] += 1
            if label == "PER" and j - i >= 2:
                surnames[(a[j - 1].stem,)] += 1
    # a person's last name alone is the same person («إيلون ماسك» … «وماسك»), unless the document tags that
    # word alone some other way
    for key, n in surnames.items():
        keys.setdefault(key, Counter({"PER": n}))
    if not keys:
        return
    usable = {}
    for key, c in keys.items():
        label, _ = c.most_common(1)[0]
        if len(key) == 1 and (key[0] in blocked or len(key[0]) < 3 or key[0] in fz.res.lists["given_names"]):
            continue
        usable[key] = label
    if not usable:
        return
    by_first: dict[str, list[int]] = {}
    for key in usable:
        by_first.setdefault(key[0], []).append(len(key))
    for lens in by_first.values():
        lens.sort(reverse=True)
    for a, tg in zip(an, tags):
        n = len(a)
        i = 0
        while i < n:
            lens = by_first.get(a[i].stem) if tg[i] == "O" else None
            hit = 0
            for ln in lens or ():
                if i + ln > n or any(tg[j] != "O" for j in range(i + 1, i + ln)):
                    continue
                key = tuple([a[i].stem] + [x.folded for x in a[i + 1:i + ln]])
                label = usable.get(key)
                if label and (i + ln == n or tg[i + ln] == "O" or tg[i + ln].startswith("B-")):
                    tg[i] = "B-" + label
                    for j in range(i + 1, i + ln):
                        tg[j] = "I-" + label
                    hit = ln
                    break
            i += hit or 1


def trim_after_surname(sents: list[list[str]], tags: list[list[str]], fz: Featurizer,
                       an: list[list[Analysis]] | None = None) -> None:
    """«أردوغان وماسك تباحثا»: a PER mention that starts with a surname known from a fuller mention elsewhere in
    the document («إيلون ماسك») and runs on into words no other PER mention uses is cut after the surname."""
    if an is None:
        an = [[fz.analyse(t) for t in s] for s in sents]
    mentions = [(k, i, j) for k, tg in enumerate(tags) for i, j, label in spans(tg) if label == "PER"]
    if len(mentions) < 2:
        return
    used: Counter = Counter()
    surnames: Counter = Counter()
    for k, i, j in mentions:
        used.update({an[k][m].stem for m in range(i, j)})
        if j - i >= 2:
            surnames[an[k][j - 1].stem] += 1
    for k, i, j in mentions:
        if j - i < 2 or not surnames[an[k][i].stem]:
            continue
        if surnames[an[k][i].stem] == 1 and an[k][j - 1].stem == an[k][i].stem:
            continue
        # the run-on words must be unknown as names anywhere (gazetteers, training or news names)
        if all(used[an[k][m].stem] == 1 and not fz.res.phrases.get(an[k][m].stem) for m in range(i + 1, j)):
            for m in range(i + 1, j):
                tags[k][m] = "O"
