"""Search terms: the Arabic-aware keys that search indexes and queries share (docs/rules.md#search-and-stories).

A word is folded (normalize.fold: أ/إ/آ→ا, ى→ي, ة→ه, no diacritics or tatweel, Eastern digits→ASCII), then
light-stemmed: its proclitic readings (و ف ب ل ك and the article, clitics.readings) and a plural or feminine ending
(ات ون ين ان ه) give extra terms. The index stores every term of a word and a query word matches any of its
terms, so «تركيا» finds «وتركيا» and «لتركيا», and «اردوغان» finds «أردوغان». We write our own because the
stemmers a search engine ships (PostgreSQL's Snowball Arabic, none in SQLite) do not fold the spelling variants
crawled Arabic news mixes, and strip too much from proper names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import fold
from .clitics import readings

_WORD = re.compile(r"[0-9a-z\u0621-\u064A\u0671-\u06D3]+")
_SUFFIXES = ("ات", "ون", "ين", "ان", "ه")
_MIN_STEM = 3  # shorter stems match too much («من», «في»)


@lru_cache(maxsize=32768)  # bounded: a worker's memory stays flat over a crawl (bench/workers.py)
def word_terms(word: str) -> tuple[str, ...]:
    """Every search term of one folded word, the word itself first."""
    terms = [word]
    if word.isdigit() or len(word) <= _MIN_STEM:
        return tuple(terms)
    for r in readings(word):
        stem = r.stem[2:] if r.stem.startswith("ال") and len(r.stem) - 2 >= _MIN_STEM else r.stem
        for candidate in (r.stem, stem):
            if len(candidate) >= _MIN_STEM and candidate not in terms:
                terms.append(candidate)
    for t in list(terms):
        for suffix in _SUFFIXES:
            if t.endswith(suffix) and len(t) - len(suffix) >= _MIN_STEM + 1:
                base = t[: -len(suffix)]
                if base not in terms:
                    terms.append(base)
    return tuple(terms)


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return _WORD.findall(fold(text))


def index_text(text: str) -> str:
    """The shadow text a search index stores: every term of every word, space-separated."""
    return " ".join(t for w in words(text) for t in word_terms(w))


def query_terms(query: str) -> list[tuple[str, ...]]:
    """For each query word, the terms any of which may match it. Clitics are read off the query word but
    suffixes are not, so a query stays as precise as the user wrote it («وزير» does not become «وزيرات»)."""
    out = []
    for w in words(query):
        terms = [t for t in word_terms(w) if not any(t + s == x for x in word_terms(w) for s in _SUFFIXES)]
        out.append(tuple(dict.fromkeys(terms or [w])))
    return out
