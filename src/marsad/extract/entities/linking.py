"""In-article linking: every mention's `canonical` is the fullest name of its entity in the article.

A mention links to the longest mention of the same label whose folded words contain its own words in order
and contiguously («أردوغان» and «رجب طيب» → «رجب طيب أردوغان»; «ماسك» → «إيلون ماسك»). A Latin acronym in
brackets right after a name («… (TOGG)»), or a one-word organisation name in brackets after an organisation
(«حركة المقاومة الإسلامية (حماس)»), takes that name's canonical, and so do its other mentions. Nominals («الوزارة») never reach here:
they are not entities.

A place is the exception to containment: «روسيا» is not «شرق روسيا», nor «السودان» «جنوب السودان», so a place
does not link to a longer place whose other words include a compass word or the like (lexicon.yaml's
place_parts), while «الولايات المتحدة» still links to «الولايات المتحدة الأمريكية».
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from ...text.normalize import fold
from .resources import load_lexicon


class Mention(NamedTuple):
    """An entity mention as linking reads it: equal to, and hashed as, the plain tuple (name, label)."""

    name: str    # its text («ال» restored after a split «لل»: step.EntitySpan.name)
    label: str   # PER, ORG, LOC or MISC


def _words(name: str) -> tuple[str, ...]:
    out = []
    for w in fold(name).split():
        out.append(w[2:] if w.startswith("ال") and len(w) > 4 else w)
    return tuple(out)


def _around(big: tuple[str, ...], small: tuple[str, ...]) -> tuple[str, ...] | None:
    """The words of `big` around the first contiguous run of `small`'s words in it; None if there is none."""
    n = len(small)
    for i in range(len(big) - n + 1):
        if big[i:i + n] == small:
            return big[:i] + big[i + n:]
    return None


@lru_cache(maxsize=1)
def _place_parts() -> frozenset[str]:
    return frozenset(w for entry in load_lexicon().get("place_parts", []) for w in _words(entry))


def link(mentions: list[Mention] | list[tuple[str, str]], acronym_of: dict[int, int] | None = None) -> list[str]:
    """Canonical names for `mentions` (Mentions, or plain (name, label) pairs) in article order; `acronym_of` maps
    a mention index to the index of the name its bracketed acronym follows."""
    mentions = [m if type(m) is Mention else Mention(*m) for m in mentions]
    words = [_words(m.name) for m in mentions]
    parts = _place_parts()
    # Mentions with the same name and label get the same canonical (a mention never links to itself, and its
    # twins are no longer than it), so each distinct name is linked once, against the distinct names that
    # contain its first word: linear in the article, where comparing every mention with every other made a
    # page of 10,000 mentions take minutes. Candidates keep article order, so ties go to the first, as before.
    first: dict[Mention, int] = {}
    for k, mention in enumerate(mentions):
        first.setdefault(mention, k)
    distinct = sorted(first.values())
    by_word: dict[tuple[str, str], list[int]] = {}
    for m in distinct:
        for w in set(words[m]):
            by_word.setdefault((w, mentions[m].label), []).append(m)
    canonical: dict[Mention, str] = {}
    for k in distinct:
        name, label = mentions[k]
        best = name
        best_key = (len(words[k]), len(name))
        if words[k]:
            for m in by_word.get((words[k][0], label), ()):
                other = mentions[m].name
                key = (len(words[m]), len(other))
                if key <= best_key:
                    continue
                around = _around(words[m], words[k])
                if around is None or (label == "LOC" and not parts.isdisjoint(around)):
                    continue
                best, best_key = other, key
        canonical[mentions[k]] = best
    out = [canonical[mention] for mention in mentions]
    if acronym_of:
        positions: dict[tuple[tuple[str, ...], str], list[int]] = {}
        for j, mention in enumerate(mentions):
            positions.setdefault((words[j], mention.label), []).append(j)
        for k, m in acronym_of.items():
            # every mention of the acronym, earlier or later, names the same entity
            for j in positions[(words[k], mentions[k].label)]:
                out[j] = out[m]
    return out
