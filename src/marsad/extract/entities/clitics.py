"""Where an entity's span starts: which proclitic reading of its first word is right, chosen by corpus counts.

The proclitics themselves (و، ف، ب، ل، ك, «لل» for ل + ال) are those of text/clitics.yaml, read once for every
rule and model (docs/rules.md#clitics-handled-once); this module only chooses among a word's readings. A leading
letter is a proclitic only when the evidence says so: «وماسك» → «ماسك» because «ماسك» is far more
frequent in the news than «وماسك»; «فرنسا», «لبنان», «بلير» stay whole because «رنسا», «بنان», «لير» are rare or
unknown. Gazetteer membership overrides counts («واشنطن» is a place, so «بواشنطن» → «واشنطن», not «اشنطن»).
«ل» + «ال» is written «لل»: «للأمم» is ل + الأمم, so its stem is «الامم» and its span starts after the first «ل».
"""

from __future__ import annotations

from functools import lru_cache

from ...text.clitics import clitic_data
from .resources import Resources


@lru_cache(maxsize=1)
def _letters() -> tuple[str, str, str, str]:
    """(conjunctions, prepositions, article, «لل») from text/clitics.yaml, read on first use."""
    data = clitic_data()
    return "".join(data["conjunctions"]), "".join(data["prepositions"]), data["article"], data["lam_article"]

# A stem must keep this many letters: «وزير» is not و + «زير» by default, but counts decide.
_MIN_STEM = 2
# A stripped reading must be this many times more frequent than the whole word to win on counts alone.
# Calibrated on ANERcorp's training entities: 2 keeps «بلير», «فؤاد», «كوريا» whole and splits «ومحمد», «ولبنان».
_RATIO = 2.0
# Where an entity span starts (strict), «ف» ("so") or «ك» ("like") right before the stem needs this many times
# more uses of the stem than of the whole word: before a name they are rare, and names that begin with those
# letters abound. In 3,000 news articles, 344 spans (205 words) started after «ف»/«ك»; checked by hand, the
# right splits had stems 137 to 4,000 times more frequent than the whole word («فالإسلام» 138, «فإيران» 258),
# the wrong ones up to 94 times («فيوليا» Veolia 94, «فادي» 57, «كاسيا» Casilla 51, «كابل» Kabul 9, «فورد» 5).
_WEAK = "فك"
_WEAK_RATIO = 100.0


def candidates(w: str) -> list[tuple[int, str]]:
    """(length of the proclitic in `w`, stem) for every reading of folded word `w`, the whole word first."""
    conj, prep, article, lam_article = _letters()
    out = [(0, w)]
    starts = [0]
    if len(w) > _MIN_STEM + 1 and w[0] in conj:
        out.append((1, w[1:]))
        starts.append(1)
    for j in starts:
        rest = w[j:]
        if len(rest) > _MIN_STEM + 1 and rest[0] in prep:
            if rest.startswith(lam_article) and len(rest) > 3:
                out.append((j + 1, article + rest[len(lam_article):]))
            else:
                out.append((j + 1, rest[1:]))
    return out


def _conjunction_and_particle(stem: str, res: Resources) -> bool:
    """True when `stem` is «و»/«ف» + a particle («وفي», «ولن», «وما»): no proclitic stands before a conjunction,
    so the reading that leaves such a stem is wrong («كوفي» is Kofi, not ك + «وفي»). Particles only, not any
    frequent word: «بوادي» is ب + «وادي», though «ادي» (أدى) is more frequent than «وادي»."""
    return stem[0] in _letters()[0] and stem[1:] in res.lists["particles"]


def _weak_proclitic_ok(w: str, whole: int, c: tuple[int, str], res: Resources) -> bool:
    """Whether reading `c` of `w` (seen `whole` times) may put «ف»/«ك» before its stem where a span starts
    (_WEAK_RATIO). A word never seen whole is split when its stem is a known name or place, definite, or
    itself frequent («فنجامينا», «كالقيرواني»), not when its stem is a rare fragment («كلونج» is not ك + «لونج»)."""
    plen, stem = c
    if w[plen - 1] not in _WEAK:
        return True
    if whole == 0 and (stem in res.phrases or stem.startswith("ال")):
        return True
    return res.counts.get(stem, 0) >= _WEAK_RATIO * max(whole, 1)


def split(w: str, res: Resources, strict: bool = False) -> tuple[int, str]:
    """The best reading of folded word `w`: (proclitic length, stem).

    `strict` adds three rules, for where an entity span starts (step.py): no proclitic before «و»/«ف» + a
    particle («كوفي» is Kofi, not ك + «وفي»); a name or place as the stem does not beat a more frequent
    whole word unless the proclitic is «و» («كلاوس» is Klaus, not ك + «لاوس»; «كريم» not ك + «ريم»); and «ف»
    or «ك» before the stem needs a stem far more frequent than the whole word («فادي», _WEAK_RATIO). The
    features read the plain reading, the one the shipped model was trained on. A model rebuilt on the strict
    reading, with names.tsv keyed by it, missed one of the seed page's names and, on the same word vectors,
    tied with the plain recipe: mean dev F1 0.7985 against 0.8020 over two seeds
    (training/ner/experiments/lm/README.md)."""
    cands = candidates(w)
    if len(cands) == 1:
        return cands[0]
    phrases = res.phrases
    if w in phrases:
        return cands[0]
    counts = res.counts
    whole = counts.get(w, 0)
    if strict:
        cands = [cands[0]] + [c for c in cands[1:]
                              if not _conjunction_and_particle(c[1], res) and _weak_proclitic_ok(w, whole, c, res)]
        if len(cands) == 1:
            return cands[0]
    for c in cands[1:]:
        # a known name or place as the stem wins («بواشنطن» → «واشنطن», «وتونغا» → «تونغا»); strictly, not over
        # a more frequent whole word after a proclitic other than «و», the one that joins almost any word
        if c[1] in phrases and not (strict and w[0] != "و" and counts.get(c[1], 0) < whole):
            return c
    best, best_n = cands[0], whole * _RATIO
    for c in cands[1:]:
        n = counts.get(c[1], 0)
        if n > best_n:
            best, best_n = c, n
    if best is cands[0] and whole == 0 and cands[1][0] == 1 and w[0] == "و" and cands[1][1] in counts:
        return cands[1]  # an unknown word after «و» whose rest is a known word: the conjunction
    return best
