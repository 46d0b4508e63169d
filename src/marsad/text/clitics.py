"""Proclitics, analysed in one place from one data file (clitics.yaml), for every rule and model that reads words.

Arabic writes its conjunctions (و، ف), prepositions (ب، ل، ك) and the article (ال) inside the next word, so no
word list or rule could match «وبالعام» against «العام» by itself. Every way of reading such a prefix off a
folded word is listed here:

- `readings(word)`: every (prefix, stem) split, for the lexicons of the date, amount and check rules, which try
  each stem against their lists (text/lexicon.py), and for search terms;
- `surface_forms` / `StemTest`: the same readings turned around, so a scan tests a word with one set lookup;
- `pure_clitic(key)`: a token that is nothing but proclitics («و» before «35», «الـ» before «16»);
- `strip_article(key)` and `CONJUNCTIONS`: the light analysis the phrase rules (statements, events) use on
  their word tokens.

Which reading is right where an entity's span starts is a statistical choice between these readings, made by
extract/entities/clitics.py from the news counts the entity model ships with; it reads the same clitics.yaml.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=1)
def clitic_data() -> dict:
    """clitics.yaml as written: conjunctions, prepositions, article, lam_article, min_stem."""
    return yaml.safe_load(resources.files(__package__).joinpath("clitics.yaml").read_text("utf-8"))


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a word: a clitic prefix (in key characters) and the stem after it."""

    prefix: int  # key characters of conjunction + preposition (never part of a span)
    stem: str  # the rest («للعام» gives «العام», with the span starting after «لل»)
    article: bool  # whether the article was taken off to give this stem («الأربعة» → «أربعة»)


@lru_cache(maxsize=1)
def _clitic_data() -> tuple[list[str], str, str, int]:
    """(every conjunction + preposition prefix, longest first; the article; «لل»; the shortest stem)."""
    data = clitic_data()
    outer = [c + p for c in ["", *data["conjunctions"]] for p in ["", *data["prepositions"]]]
    # longest prefixes first, so «وب» is tried before «و»
    outer.sort(key=len, reverse=True)
    return outer, data["article"], data["lam_article"], int(data["min_stem"])


@lru_cache(maxsize=32768)
def readings(word: str) -> tuple[Reading, ...]:
    """Every clitic split of a folded word, the whole word first. Cached: news vocabulary repeats.

    A word with the article gives two stems, with and without it («الأربعة»: «الاربعه» and «اربعه»), so
    lexicons can list bare forms («أربعة») or article phrases («العام الماضي»); either way the span keeps the
    article and drops the conjunction or preposition before it.
    """
    outer, article, lam_article, min_stem = _clitic_data()
    out: list[Reading] = []
    seen: set[tuple[int, str]] = set()

    def add(prefix: int, stem: str, has_article: bool) -> None:
        if len(stem) >= min_stem and (prefix, stem) not in seen:
            seen.add((prefix, stem))
            out.append(Reading(prefix, stem, has_article))
            if stem.startswith(article) and len(stem) - len(article) >= min_stem:
                bare = stem[len(article):]
                if (prefix, bare) not in seen:
                    seen.add((prefix, bare))
                    out.append(Reading(prefix, bare, True))

    add(0, word, False)
    for pre in outer:
        if not pre or not word.startswith(pre):
            continue
        stem = word[len(pre):]
        add(len(pre), stem, False)
        # «للعام» is ل + العام with the article's alef unwritten: look up «العام», span after «لل»
        if pre.endswith("ل") and stem.startswith("ل") and len(stem) - 1 >= min_stem:
            add(len(pre) + 1, article + stem[1:], False)
    return tuple(out)


@lru_cache(maxsize=1)
def _pure_clitics() -> dict[str, tuple[int, bool]]:
    """Clitic strings that can stand as their own token before digits («و35», «بـ50», «الـ16»)."""
    outer, article, lam_article, _ = _clitic_data()
    table: dict[str, tuple[int, bool]] = {}
    for pre in outer:
        if pre:
            table[pre] = (len(pre), False)
        table[pre + article] = (len(pre), True)
        if pre.endswith("ل"):
            table[pre[:-1] + lam_article] = (len(pre) + 1, True)
    return table


def pure_clitic(key: str) -> tuple[int, bool] | None:
    """(prefix length, has article) when `key` is nothing but proclitics, else None."""
    return _pure_clitics().get(key)


def surface_forms(stems: Iterable[str]) -> dict[str, str]:
    """{folded word: the stem it reads as} for every word that has a clitic reading whose stem is in `stems`.

    Built once per lexicon so scans test a word with one dict lookup instead of computing its readings: a
    per-word cache of readings thrashes on a crawl's vocabulary, and the scans were most of the cost of the
    date and amount steps. Candidates are the clitic templates `readings` undoes (prefix + stem, prefix +
    article + stem, «لل» + stem), each kept only if `readings` agrees, so the table is exact by construction.
    """
    outer, article, _, _ = _clitic_data()
    stems = frozenset(stems)
    out: dict[str, str] = {}
    for pre in outer:  # includes "" (no prefix)
        for stem in stems:
            for word in (pre + stem, pre + article + stem, pre + "ل" + stem,
                         pre + "ل" + stem[len(article):] if stem.startswith(article) else ""):
                if word and word not in out:
                    hit = next((r.stem for r in readings(word) if r.stem in stems), None)
                    if hit is not None:
                        out[word] = hit
    return out


class StemTest:
    """Does some clitic reading of a folded word equal one of `stems`? One set lookup (see surface_forms)."""

    __slots__ = ("surface",)

    def __init__(self, stems: Iterable[str]) -> None:
        self.surface = frozenset(surface_forms(stems))

    def __call__(self, word: str) -> bool:
        return word in self.surface


def starts_any(stems: frozenset[str]) -> StemTest:
    """The test «may an entry start with this folded word», for candidate scans."""
    return StemTest(stems)


# the conjunctions as one string, for the phrase rules' test of a word's first letter (`key[0] in CONJUNCTIONS`)
CONJUNCTIONS = "".join(clitic_data()["conjunctions"])


@lru_cache(maxsize=1)
def _article_prefixes() -> tuple[tuple[str, ...], str, int]:
    """The article with one conjunction or preposition before it (وال، فال، بال، كال), then the article alone;
    «لل», which writing uses for ل + ال; and the shortest stem left after either."""
    data = clitic_data()
    article, lam = data["article"], data["lam_article"]
    # ل + ال is never written «لال»: that case is «لل»
    one_letter = [c for c in (*data["conjunctions"], *data["prepositions"]) if c != lam[0]]
    return (*(c + article for c in one_letter), article), lam, int(data["min_stem"])


@lru_cache(maxsize=32768)  # the phrase rules ask for every word several times, and news repeats its words
def strip_article(key: str) -> str:
    """A folded word without its article and the one proclitic before it («والوزارة», «بالوزارة», «للوزارة» →
    «وزارة»); a word whose stem would be too short is left whole («الى» stays)."""
    prefixes, lam, min_stem = _article_prefixes()
    for p in prefixes:
        if key.startswith(p) and len(key) - len(p) >= min_stem:
            return key[len(p):]
    # «لل» + stem: the stem must keep one letter more, as «لله» and «للم» are words of their own
    if key.startswith(lam) and len(key) - len(lam) > min_stem:
        return key[len(lam):]
    return key
