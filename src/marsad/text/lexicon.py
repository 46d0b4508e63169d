"""Phrase lexicons over tokens: the one matcher every rule-based extractor uses.

Entries are written as text in the data files («في المائة», «ريال سعودي», «تشرين الأول») and tokenised with the
same tokenizer as articles, so folding and punctuation behave identically on both sides. Lookup walks a trie of
token keys and returns the longest entry; the first token may carry a proclitic (clitics.readings), later ones
are matched as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Generic, Iterable, TypeVar

from .tokens import TokenizedText
from .clitics import Reading, readings, starts_any

T = TypeVar("T")
_END = object()  # a key no token can have (a string sentinel such as "\x00" can be a token)


@dataclass(frozen=True, slots=True)
class LexMatch(Generic[T]):
    start: int  # first token index
    end: int  # token index after the last one
    payload: T
    prefix: int  # clitic characters before the span starts (on the first token)
    article: bool  # the article was taken off the first token to find the entry («الأربعة» → «أربعة»)
    phrase: str  # the lexicon entry that matched (folded), for explanations


def entry_keys(phrase: str) -> tuple[str, ...]:
    """The token keys of a lexicon entry."""
    return tuple(TokenizedText(phrase).keys)


class PhraseLexicon(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._trie: dict = {}
        self.size = 0
        for phrase, payload in entries:
            keys = entry_keys(phrase)
            if not keys:
                continue
            node = self._trie
            for k in keys:
                node = node.setdefault(k, {})
            node[_END] = (payload, " ".join(keys))  # a later duplicate wins: data files list defaults first
            self.size += 1

    @cached_property
    def first_keys(self) -> frozenset[str]:
        """The keys an entry can start with (after clitics)."""
        return frozenset(self._trie)

    @cached_property
    def may_start_word(self) -> Callable[[str], bool]:
        """A cached test of a folded word: may an entry start with it (under some clitic reading)? Extractors
        use it to visit candidate tokens only instead of every token of the article."""
        return starts_any(self.first_keys)

    def _walk(self, node: dict, tt: TokenizedText, i: int) -> tuple[int, tuple] | None:
        best = None
        j = i
        keys = tt.keys
        while True:
            if _END in node:
                best = (j, node[_END])
            if j >= len(keys):
                break
            nxt = node.get(keys[j])
            if nxt is None:
                break
            node = nxt
            j += 1
        return best

    def match(self, tt: TokenizedText, i: int, *, clitics: bool = True, article: bool = True
              ) -> LexMatch[T] | None:
        """The longest entry starting at token i, trying the clitic readings of token i when `clitics`, and
        readings with the article taken off when `article` («اليوم» must not match «يوم»)."""
        if i >= len(tt.keys):
            return None
        key = tt.keys[i]
        if clitics and tt.kinds[i] == "word":
            if key not in self.may_start_word.surface:
                return None  # no reading of the word starts an entry (one set lookup; most tokens stop here)
            options = readings(key)
        else:
            if key not in self._trie:
                return None
            options = ()
        best: LexMatch[T] | None = None
        for r in options or (Reading(0, key, False),):
            if r.article and not article:
                continue
            node = self._trie.get(r.stem)
            if node is None:
                continue
            found = self._walk(node, tt, i + 1)
            if found is None:
                continue
            end, (payload, phrase) = found
            if best is None or end > best.end:
                best = LexMatch(i, end, payload, r.prefix, r.article, phrase)
        return best
