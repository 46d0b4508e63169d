"""The article's tokens, made once (the `tokens` step) and read by every extractor.

One `TokenizedText` per article holds three views of the same text, each the unit one family of rules was built
and trained on, all made here so a newcomer learns one module:

- pieces (the columns `kinds`, `keys`, `starts`, `ends`, `glued`): words, digit groups, Latin words and single
  punctuation marks, with «2018م», «و35», «$50» as glued pieces. The number, date, amount and check grammars
  read these, because a digit group must stand apart from the letters glued to it.
- words (`words_of_sentences`, `WordToken`): runs of letters, digits, marks, «#», «@» and «_», each with its
  sentence. The statement and event rules walk over these: a hashtag or «G20» is one word to them.
- model tokens (`model_tokens`): the tokenisation of ANERcorp, which the entity model was trained on and must
  be fed at run time (a number keeps its decimals and a trailing «%»).

Every token keeps its span in the original text (diacritics and tatweel inside it) and its folded key
(normalize.fold_word: one cached fold per distinct word, since news text repeats its words). Proclitics are
analysed in clitics.py, from clitics.yaml.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Callable, Container, KeysView
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from .clitics import StemTest, readings
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


class _KeyCache(dict):
    """{surface: folded key}, filled on first sight; the compiled scanner reads and fills it too. On the Python
    path, a dict subclass with __missing__ looks up known words in C (one map() over the tokens), about three
    times cheaper per token than an lru_cache'd function call."""

    LIMIT = 50_000  # distinct surfaces kept before starting afresh (a crawl's vocabulary keeps growing)

    def __missing__(self, surface: str) -> str:
        key = self[surface] = fold_word(surface)
        return key


_KEYS = _KeyCache()
_LASTGROUP = attrgetter("lastgroup")  # the token's kind: the name of the group that matched


# ---------------------------------------------------------------- words: the unit of the phrase rules
# A word is a run of letters, digits, marks, tatweel, «#», «@» and «_»; every other visible character is a word
# token of its own (punctuation).
_WORD_TOKEN = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640#@]+|[^\s\w]", re.UNICODE)
# characters that may follow a one-letter proclitic before the word proper (diacritics, tatweel)
_MARKS = frozenset(chr(c) for c in [*range(0x064B, 0x0660), 0x0670, 0x0640])


@dataclass(slots=True)
class WordToken:
    """One word of the phrase rules (statements, events): its span, surface text, folded key, whether it is a
    word rather than a punctuation mark, and the index of the sentence it lies in (-1 outside any)."""

    start: int
    end: int
    text: str
    key: str
    word: bool
    sent: int = -1

    def after_proclitic(self) -> int:
        """Start offset of the word behind a one-letter proclitic (و، ف، ب، ل), diacritics skipped."""
        i = self.start + 1
        while i < self.end and self.text[i - self.start] in _MARKS:
            i += 1
        return i


def word_tokens(text: str, sentences: list[tuple[int, int]] | tuple = ()) -> list[WordToken]:
    """The words of `text`, each with the index of the sentence (of `sentences`, in text order) it starts in."""
    out: list[WordToken] = []
    k, n = 0, len(sentences)
    keys = _KEYS
    for m in _WORD_TOKEN.finditer(text):
        t = m.group()
        start = m.start()
        key = keys[t]
        if not key:
            continue  # a lone tatweel or diacritic («ـ» used as a dash): nothing to read
        while k < n and sentences[k][1] <= start:
            k += 1
        sent = k if k < n and sentences[k][0] <= start else -1
        out.append(WordToken(start, m.end(), t, key, t[0].isalnum() or t[0] in "#@_" or len(t) > 1, sent))
    return out


# ---------------------------------------------------------------- model tokens: ANERcorp's tokenisation
# \w minus underscore, plus Arabic diacritics (Mn, not matched by \w) and superscript alef: a word, or a number
# like 34.6 / 1,200 / 70%, then any other visible character (invisible joiners and bidi controls are no token)
_MODEL_WORD = r"[^\W_\u0640]|[\u0610-\u061A\u064B-\u065F\u0670\u0640]"
MODEL_TOKEN = re.compile(
    rf"(?:{_MODEL_WORD})+(?:[.,٫٬](?=\d)\d+)*(?:%|٪)?"
    r"|[^\s\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c]"
)


def model_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the entity model's tokens in text[start:end], in `text`'s coordinates. Clitics
    stay attached: the model sees «وماسك» whole, and extract/entities/clitics.py decides where a span starts."""
    return [m.span() for m in MODEL_TOKEN.finditer(text, start, len(text) if end is None else end)]


class TokenizedText:
    """The tokens of one text, as columns: `kinds`, `keys`, `starts`, `ends` and `glued` hold, for token i, its
    kind ("num", "word", "latin" or "punct"), folded key, span in the original text and whether it is glued to
    token i - 1.

    Columns rather than one object per token: an article has about 500 tokens, and building (and then keeping,
    for the garbage collector to walk on every full collection) 500 objects cost more than all the date and
    amount rules together.

    The text's words (`word_tokens`, for the phrase rules) and the entity model's tokens (`model_tokens`, per
    sentence) are made from the same text on first use, with the sentences in `sentences`.
    """

    __slots__ = ("text", "sentences", "kinds", "keys", "starts", "ends", "glued", "_numbers", "_words",
                 "_word_tokens", "_model_tokens")

    def __init__(self, text: str, sentences: list[tuple[int, int]] | tuple = ()) -> None:
        self.text = text
        self.sentences = sentences
        self._word_tokens: list[WordToken] | None = None
        self._model_tokens: list[list[tuple[int, int]]] | None = None
        if len(_KEYS) > _KeyCache.LIMIT:
            _KEYS.clear()
        if _scan is not None:
            self.kinds, self.keys, self.starts, self.ends, self.glued = _scan.scan(
                text, _class_table(), _KEYS, fold_word, _KIND_NAMES)
        else:
            self._scan_python(text)
        self._numbers = tuple(compress(range(len(self.keys)), map("num".__eq__, self.kinds)))
        self._words: dict[str, None] | None = None

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
    def word_tokens(self) -> list[WordToken]:
        """The phrase rules' words (word_tokens), made on first use: the statement and event steps share them."""
        if self._word_tokens is None:
            self._word_tokens = word_tokens(self.text, self.sentences)
        return self._word_tokens

    @property
    def model_tokens(self) -> list[list[tuple[int, int]]]:
        """Per sentence, the entity model's token offsets (model_tokens), made on first use."""
        if self._model_tokens is None:
            self._model_tokens = [model_tokens(self.text, a, b) for a, b in self.sentences]
        return self._model_tokens

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
