"""Search queries with AND, OR, NOT, parentheses and quoted phrases, for `marsad search` and `marsad serve`.

A query is parsed once into a small tree and written out for each backend: an FTS5 MATCH string (SQLite) or a
tsquery (PostgreSQL). Words are matched as the index stores them (text/search_terms.py): folded, and through any
of their clitic readings, so «تركيا» finds «وتركيا». A quoted phrase is stricter: its words as written (after
folding only), in that order and next to each other. Because the index stores, for every word of a text, the
same run of terms that `word_terms` gives, a phrase is the run of its words' terms, which is an exact FTS5
phrase and an exact PostgreSQL `<->` chain.

Operators are written in capitals (AND, OR, NOT; «-word» is NOT word); lower-case «and» is a word. Words side by
side mean AND. A query the index cannot answer (nothing but NOT) raises QueryError; other oddities (an operator
at the end, a stray parenthesis) are forgiven, as a search box should.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from ..text.search_terms import query_terms, word_terms, words

MAX_QUERY_CHARS = 500


class QueryError(ValueError):
    """A query that cannot be run; the message says why, in one line."""


@dataclass(frozen=True)
class Word:
    terms: tuple[str, ...]  # any of them matches


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # folded words, in order


@dataclass(frozen=True)
class And:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    parts: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    part: "Node"


Node = Union[Word, Phrase, And, Or, Not]

_TOKEN = re.compile(r'"([^"]*)"?|(\()|(\))|(\S+?)(?=[\s()"]|$)')
_OPERATORS = {"AND", "OR", "NOT"}


@dataclass(frozen=True)
class Query:
    """A parsed query: `tree` is None for a query with no words (browse without searching)."""
    text: str
    tree: Node | None

    @property
    def empty(self) -> bool:
        return self.tree is None

    def highlight_terms(self) -> set[str]:
        """The terms a snippet marks: those of every word and phrase not under a NOT."""
        found: set[str] = set()
        _collect(self.tree, found, negated=False)
        return found

    def fts5(self) -> str:
        return _fts5(self.tree)

    def tsquery(self) -> str:
        return _tsquery(self.tree)


def parse(text: str) -> Query:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; at most {MAX_QUERY_CHARS} are read")
    tokens = _tokens(text)
    parser = _Parser(tokens)
    tree = parser.expression()
    tree = _simplify(tree)
    if tree is not None and not _positive(tree):
        raise QueryError("a query needs a word to find, not only words to leave out (write «غزة NOT مصر»)")
    return Query(text, tree)


def _tokens(text: str) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for m in _TOKEN.finditer(text):
        phrase, opening, closing, bare = m.groups()
        if phrase is not None:
            folded = tuple(words(phrase))
            if len(folded) == 1:
                out.append(("word", Word((folded[0],))))  # one quoted word: that word exactly, folded
            elif folded:
                out.append(("word", Phrase(folded)))
        elif opening:
            out.append(("(", None))
        elif closing:
            out.append((")", None))
        elif bare in _OPERATORS:
            out.append((bare, None))
        else:
            negate = bare.startswith("-") and len(bare) > 1
            groups = [Word(g) for g in query_terms(bare[1:] if negate else bare) if g]
            if not groups:
                continue  # punctuation alone
            node: Node = groups[0] if len(groups) == 1 else And(tuple(groups))
            if negate:
                out.append(("NOT", None))
            out.append(("word", node))
    return out


class _Parser:
    """or := and (OR and)* ; and := unary ([AND] unary)* ; unary := NOT unary | ( or ) | word"""

    def __init__(self, tokens: list[tuple[str, object]]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def expression(self, nested: bool = False) -> Node | None:
        """Terms joined by OR, up to the end (a stray «)» there is skipped) or, `nested`, to the «)» that
        closes the group, which it consumes (a missing one is forgiven)."""
        parts = []
        while self.peek() is not None:
            if self.peek() == ")":
                self.i += 1
                if nested:
                    break
                continue
            part = self.conjunction()
            if part is not None:
                parts.append(part)
            if self.peek() == "OR":
                self.i += 1
        return _join(Or, parts)

    def conjunction(self) -> Node | None:
        parts = []
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.i += 1
                continue
            part = self.unary()
            if part is not None:
                parts.append(part)
        return _join(And, parts)

    def unary(self) -> Node | None:
        kind = self.peek()
        if kind == "NOT":
            self.i += 1
            if self.peek() in (None, ")", "OR", "AND"):
                return None  # NOT with nothing after it
            inner = self.unary()
            return Not(inner) if inner is not None else None
        if kind == "(":
            self.i += 1
            return self.expression(nested=True)
        self.i += 1
        return self.tokens[self.i - 1][1]  # type: ignore[return-value]


def _join(cls, parts: list) -> Node | None:
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else cls(tuple(parts))


def _simplify(node: Node | None) -> Node | None:
    """Flatten nested ANDs and ORs, and drop double negation."""
    if isinstance(node, (And, Or)):
        flat: list[Node] = []
        for part in (_simplify(p) for p in node.parts):
            if part is None:
                continue
            flat.extend(part.parts if type(part) is type(node) else (part,))
        return _join(type(node), flat)
    if isinstance(node, Not):
        inner = _simplify(node.part)
        return inner.part if isinstance(inner, Not) else Not(inner) if inner is not None else None
    return node


def _positive(node: Node) -> bool:
    """Whether the node can be answered from the index: it must require some word to be present."""
    if isinstance(node, Not):
        return False
    if isinstance(node, And):
        return any(_positive(p) for p in node.parts)
    if isinstance(node, Or):
        return all(_positive(p) for p in node.parts)
    return True


def _collect(node: Node | None, found: set[str], negated: bool) -> None:
    if node is None:
        return
    if isinstance(node, Word):
        if not negated:
            found.update(node.terms)
    elif isinstance(node, Phrase):
        if not negated:
            found.update(node.words)
    elif isinstance(node, Not):
        _collect(node.part, found, not negated)
    else:
        for part in node.parts:
            _collect(part, found, negated)


def phrase_terms(phrase: Phrase) -> list[str]:
    """The run of index terms a phrase's words leave in the index, in order."""
    return [t for w in phrase.words for t in word_terms(w)]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _fts5(node: Node | None) -> str:
    if isinstance(node, Word):
        return "(" + " OR ".join(_quote(t) for t in node.terms) + ")"
    if isinstance(node, Phrase):
        return _quote(" ".join(phrase_terms(node)))
    if isinstance(node, Or):
        if not all(_positive(p) for p in node.parts):
            raise QueryError("OR needs a word on each side, not a NOT (write «(غزة OR رفح) NOT مصر»)")
        return "(" + " OR ".join(_fts5(p) for p in node.parts) + ")"
    if isinstance(node, And):
        # FTS5's NOT is binary (a NOT b): the words to find first, then each word to leave out
        wanted = [p for p in node.parts if not isinstance(p, Not)]
        out = "(" + " AND ".join(_fts5(p) for p in wanted) + ")"
        for p in node.parts:
            if isinstance(p, Not):
                out = f"({out} NOT {_fts5(p.part)})"
        return out
    raise QueryError("a query needs a word to find, not only words to leave out")


_TS_UNSAFE = re.compile(r"[^\w]")


def _ts_term(term: str) -> str:
    return _TS_UNSAFE.sub("", term)


def _tsquery(node: Node | None) -> str:
    if isinstance(node, Word):
        return "(" + " | ".join(_ts_term(t) for t in node.terms) + ")"
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_ts_term(t) for t in phrase_terms(node)) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(_tsquery(p) for p in node.parts) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(_tsquery(p) for p in node.parts) + ")"
    if isinstance(node, Not):
        return "!" + _tsquery(node.part)
    raise QueryError("a query needs a word to find")
