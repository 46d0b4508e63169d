"""Tokens with offsets and clitic readings, shared by every rule-based extractor.

The article is tokenised once into words, digit groups, Latin words and single punctuation marks; each token
keeps its span in the original text (diacritics and tatweel inside it), its folded key (normalize.fold: one
cached fold per distinct word, since news text repeats its words), and whether it is glued to the previous one
(«2018م», «و35», «$50»), which several rules need.
Proclitics are read here, once (clitics.yaml): `readings(token)` lists the ways to split a word into a clitic
prefix and a stem, so lexicons store bare forms only.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, KeysView
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import compress
from operator import attrgetter

import yaml

from .normalize import fold_word

# Character classes as code point ranges, from which both the regex and the compiled scanner's table are built.
_DIGIT_RANGES = ((0x30, 0x39), (0x660, 0x669), (0x6F0, 0x6F9))  # Western, Eastern Arabic and Persian digits
# letters with the marks folding drops inside words: diacritics, superscript alef, tatweel, invisible joiners
_WORD_RANGES = ((0x621, 0x652), (0x670, 0x670), (0x671, 0x6D3), (0x200B, 0x200F), (0x2060, 0x2060),
                (0xFEFF, 0xFEFF), (0x61C, 0x61C))
_LATIN_RANGES = ((0x41, 0x5A), (0x61, 0x7A))


def _regex_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


_DIGIT = _regex_class(_DIGIT_RANGES)
_WORD_CHARS = _regex_class(_WORD_RANGES)
# Digit groups keep their separators (. , ٫ ٬) so number parsing can tell decimals from thousands.
# _scan.c implements the same grammar; tests/text/test_tokens.py holds the two to the same tokens.
_TOKEN = re.compile(
    # words first: most tokens are words, and the classes do not overlap, so the order changes no token
    rf"(?P<word>[{_WORD_CHARS}]++)"
    # the Arabic comma also groups thousands when it joins digits in threes («29،176،352»)
    rf"|(?P<num>[{_DIGIT}]{{1,3}}(?:\u060C[{_DIGIT}]{{3}})+(?![{_DIGIT}])"
    rf"|[{_DIGIT}]++(?:[.,\u066B\u066C][{_DIGIT}]++)*+)"
    rf"|(?P<latin>[{_regex_class(_LATIN_RANGES)}]++)"
    r"|(?P<punct>\S)"
)
_KIND_NAMES = ("word", "num", "latin", "punct")

try:  # the compiled scanner, built with the package where a C compiler is available (setup.py)
    from . import _scan
except ImportError:  # pragma: no cover - depends on the build
    _scan = None
if os.environ.get("MARSAD_PURE_PYTHON"):  # the reference path, for tests and comparisons
    _scan = None


@lru_cache(maxsize=1)
def _class_table() -> bytes:
    """The class of every code point below U+10000 for _scan.c: 0 space (as the regex's \\s), 1 word, 2 digit,
    3 Latin letter, 4 anything else (a punctuation token)."""
    table = bytearray(4 if not chr(cp).isspace() else 0 for cp in range(0x10000))
    for code, ranges in ((1, _WORD_RANGES), (2, _DIGIT_RANGES), (3, _LATIN_RANGES)):
        for a, b in ranges:
            table[a:b + 1] = bytes([code]) * (b - a + 1)
    return bytes(table)


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs twice as much, per token
class Token:
    kind: str  # "num", "word", "latin" or "punct"
    key: str  # folded form
    start: int  # span in the original text
    end: int
    glued: bool  # no space between this token and the previous one


@dataclass(frozen=True, slots=True)
class Reading:
    """One way to read a word: a clitic prefix (in key characters) and the stem after it."""

    prefix: int  # key characters of conjunction + preposition (never part of a span)
    stem: str  # the rest («للعام» gives «العام», with the span starting after «لل»)
    article: bool  # whether the article was taken off to give this stem («الأربعة» → «أربعة»)


@lru_cache(maxsize=1)
def _clitic_data() -> tuple[list[str], str, str, int]:
    data = yaml.safe_load(resources.files(__package__).joinpath("clitics.yaml").read_text("utf-8"))
    outer = [c + p for c in ["", *data["conjunctions"]] for p in ["", *data["prepositions"]]]
    # longest prefixes first, so «وب» is tried before «و»
    outer.sort(key=len, reverse=True)
    return outer, data["article"], data["lam_article"], int(data["min_stem"])


@lru_cache(maxsize=65536)
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


class _KeyCache(dict):
    """{surface: folded key}, filled on first sight; the compiled scanner reads and fills it too. On the Python
    path, a dict subclass with __missing__ looks up known words in C (one map() over the tokens), about three
    times cheaper per token than an lru_cache'd function call."""

    LIMIT = 500_000  # distinct surfaces kept before starting afresh (a crawl's vocabulary keeps growing)

    def __missing__(self, surface: str) -> str:
        key = self[surface] = fold_word(surface)
        return key


_KEYS = _KeyCache()
_LASTGROUP = attrgetter("lastgroup")  # the token's kind: the name of the group that matched


class TokenizedText:
    """The tokens of one text, as columns: `kinds`, `keys`, `starts`, `ends` and `glued` hold, for token i, its
    kind ("num", "word", "latin" or "punct"), folded key, span in the original text and whether it is glued to
    token i - 1.

    Columns rather than one object per token: an article has about 500 tokens, and building (and then keeping,
    for the garbage collector to walk on every full collection) 500 objects cost more than all the date and
    amount rules together. `tokens` gives Token objects for code where that cost does not matter.
    """

    __slots__ = ("text", "kinds", "keys", "starts", "ends", "glued", "_numbers", "_words", "_tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        if len(_KEYS) > _KeyCache.LIMIT:
            _KEYS.clear()
        if _scan is not None:
            self.kinds, self.keys, self.starts, self.ends, self.glued = _scan.scan(
                text, _class_table(), _KEYS, fold_word, _KIND_NAMES)
        else:
            self._scan_python(text)
        self._numbers = tuple(compress(range(len(self.keys)), map("num".__eq__, self.kinds)))
        self._words: dict[str, None] | None = None
        self._tokens: list[Token] | None = None

    def _scan_python(self, text: str) -> None:
        """The columns by the regex (the reference for _scan.c). Built column by column with map() over C
        methods rather than one loop: about three times cheaper."""
        matches = list(_TOKEN.finditer(text))
        keys = tuple(map(_KEYS.__getitem__, map(re.Match.group, matches)))
        if "" in keys:  # a lone tatweel or diacritic: nothing to match
            kept = [i for i, k in enumerate(keys) if k]
            matches, keys = [matches[i] for i in kept], tuple([keys[i] for i in kept])
        # tuples, not lists: the garbage collector stops tracking a tuple of strings and ints, where it would
        # walk every item of a list on each full collection for as long as the article is kept
        starts = tuple(map(re.Match.start, matches))
        ends = tuple(map(re.Match.end, matches))
        self.keys: tuple[str, ...] = keys
        self.starts: tuple[int, ...] = starts
        self.ends: tuple[int, ...] = ends
        self.glued: tuple[bool, ...] = (False, *map(int.__eq__, starts[1:], ends)) if starts else ()
        self.kinds: tuple[str, ...] = tuple(map(_LASTGROUP, matches))

    @property
    def tokens(self) -> list[Token]:
        """One Token per token (built on first use; the rules read the columns)."""
        if self._tokens is None:
            self._tokens = list(map(Token, self.kinds, self.keys, self.starts, self.ends, self.glued))
        return self._tokens

    @property
    def words(self) -> KeysView[str]:
        """The distinct keys of the text (a set-like view)."""
        if self._words is None:
            # a dict of strings, not a set: CPython never tracks it for garbage collection, where a kept set is
            # walked entry by entry on every full collection
            self._words = dict.fromkeys(self.keys)
        return self._words.keys()

    def words_in(self, vocabulary: Container[str]) -> set[str]:
        """The distinct keys of the text that are in `vocabulary`, iterating over the text's few hundred words
        rather than over the vocabulary (which `set & keys view` would do)."""
        return {w for w in self.words if w in vocabulary}

    def candidates(self, is_start: Callable[[str], bool] | StemTest, digits: bool = False) -> list[int]:
        """Indices of the tokens whose word satisfies `is_start` (a StemTest, or any test of a folded word),
        and of digit tokens when `digits`."""
        if isinstance(is_start, StemTest):
            hits: Container[str] = is_start.surface  # one set lookup per token
        else:  # each distinct word tested once: news text repeats its words
            hits = set(filter(is_start, self.words))
        # compress() over a membership map: the scan of every token runs in C
        found = list(compress(range(len(self.keys)), map(hits.__contains__, self.keys))) if hits else []
        if digits and self._numbers:
            return sorted({*found, *self._numbers})
        return found

    def __len__(self) -> int:
        return len(self.keys)

    def start_after_prefix(self, i: int, prefix: int) -> int:
        """Where a span starts after the first `prefix` key characters of token i (a clitic): the original
        position of the next character folding keeps, so marks on the clitic stay outside the span."""
        if not prefix:
            return self.starts[i]
        text, pos, seen, end = self.text, self.starts[i], 0, self.ends[i]
        while pos < end and (seen < prefix or not fold_word(text[pos])):
            if fold_word(text[pos]):
                seen += 1
            pos += 1
        return pos

    def prev_word(self, i: int, skip: str = "()[]\"'«»“”") -> tuple[int, frozenset[str]]:
        """Index and clitic stems of the nearest word before token i, skipping brackets, quotes and a lone «الـ»."""
        kinds, keys = self.kinds, self.keys
        j = i - 1
        while j >= 0 and ((kinds[j] == "punct" and keys[j] in skip) or keys[j] == "ال"):
            j -= 1
        if j < 0 or kinds[j] not in ("word", "latin"):
            return j, frozenset()
        return j, frozenset(r.stem for r in readings(keys[j])) | {keys[j]}

    def index_at(self, pos: int) -> int:
        """Index of the first token that ends after original position `pos`."""
        return bisect_right(self.ends, pos)


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
