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

from ...text.normalize import fold
from .resources import load_lexicon


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


def link(mentions: list[tuple[str, str]], acronym_of: dict[int, int] | None = None) -> list[str]:
    """Canonical names for `mentions` [(name, label)] in article order; `acronym_of` maps a mention index to
    the index of the name its bracketed acronym follows."""
    words = [_words(name) for name, _ in mentions]
    parts = _place_parts()
    out = []
    for k, (name, label) in enumerate(mentions):
        best = name
        best_key = (len(words[k]), len(name))
        if words[k]:
            for m, (other, olabel) in enumerate(mentions):
                if m == k or olabel != label:
                    continue
                key = (len(words[m]), len(other))
                if key <= best_key:
                    continue
                around = _around(words[m], words[k])
                if around is None or (label == "LOC" and not parts.isdisjoint(around)):
                    continue
                best, best_key = other, key
        out.append(best)
    for k, m in (acronym_of or {}).items():
        # every mention of the acronym, earlier or later, names the same entity
        for j in range(len(mentions)):
            if words[j] == words[k] and mentions[j][1] == mentions[k][1]:
                out[j] = out[m]
    return out
