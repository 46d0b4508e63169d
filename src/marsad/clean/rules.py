"""Phrase rules for boilerplate lines, loaded from rules.yaml and matched on folded keys."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ..text.normalize import fold


@dataclass(frozen=True)
class LineRule:
    name: str
    reason: str
    equals: frozenset[str]
    starts: tuple[str, ...]
    ends: tuple[str, ...]
    contains: tuple[str, ...]
    max_words: int
    # when set, the line must also contain one of these (a cookie notice names the site or asks consent)
    also: tuple[str, ...] = ()

    def matches(self, key: str, words: int) -> bool:
        if words > self.max_words:
            return False
        hit = (key in self.equals or key.startswith(self.starts) or key.endswith(self.ends)
               or any(p in key for p in self.contains))
        return hit and (not self.also or any(p in key for p in self.also))


@dataclass(frozen=True)
class RuleSet:
    trim: str
    rules: tuple[LineRule, ...]

    def line_key(self, folded_line: str) -> str:
        """The folded line with surrounding spaces and decoration removed: what phrases are matched on."""
        return " ".join(folded_line.split()).strip(self.trim)

    def match(self, line: str) -> LineRule | None:
        return self.match_folded(fold(line))

    def match_folded(self, folded_line: str) -> LineRule | None:
        key = self.line_key(folded_line)
        if not key:
            return None
        words = len(key.split())
        for rule in self.rules:
            if rule.matches(key, words):
                return rule
        return None


def _phrases(values: list[str] | None, trim: str, strip: bool) -> list[str]:
    out = []
    for v in values or []:
        k = " ".join(fold(v).split())
        out.append(k.strip(trim) if strip else k)
    return out


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    data = yaml.safe_load(resources.files(__package__).joinpath("rules.yaml").read_text("utf-8"))
    trim = data["trim"]
    rules = []
    for r in data["rules"]:
        rules.append(LineRule(
            name=r["name"], reason=r["reason"],
            # whole-line and line-end phrases are compared with trimmed keys, so trim them the same way
            equals=frozenset(_phrases(r.get("equals"), trim, strip=True)),
            starts=tuple(_phrases(r.get("starts"), trim, strip=False)),
            ends=tuple(_phrases(r.get("ends"), trim, strip=True)),
            contains=tuple(_phrases(r.get("contains"), trim, strip=False)),
            max_words=int(r.get("max_words", 10_000)),
            also=tuple(_phrases(r.get("also"), trim, strip=False)),
        ))
    return RuleSet(trim=trim, rules=tuple(rules))
