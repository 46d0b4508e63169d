"""The store-wide entity index: one entry per real-world entity, with its canonical name, type and aliases, and a
link from every mention (through its folded canonical name) to its entry.

Inside one article the entity step already links «أردوغان» to «رجب طيب أردوغان» when both occur. Across the
store, three things join the per-article canonical names:

1. Spelling: names whose `name_key` is equal are one entity. The key folds hamza forms, ى/ي, ة/ه and
   diacritics (text/normalize.fold), drops hashtag marks and reads hyphens and underscores as spaces, so
   «كيم جونغ-أون» = «كيم جونغ أون», «إردوغان» = «أردوغان», «نيكولاس #مادورو» = «نيكولاس مادورو».
2. A short form that articles themselves resolve: a name S that is, word for word, part of a longer name L of
   the same type (a PER's words anywhere in order, «ترامب» ⊂ «دونالد ترامب»; another type's words at its start,
   «الحرس الثوري» ⊂ «الحرس الثوري الإيراني») joins L when the articles that write S beside a full name resolve it
   to L in at least RESOLVED_SHARE of the cases, in at least MIN_RESOLVED articles' mentions. That is how the
   store's own text says what the short form means.
3. A short form no article resolves joins L only when L is the one longer name of its type that contains it,
   and L is mentioned at least half as often (a frequent name is no short form of a rare one).

Everything else stays apart, on purpose: a bare «كيم» that the store's articles resolve to Kim Jong-un and to
other Kims, or a given name contained in hundreds of names, keeps its own entry rather than being forced into
one. Each mapping records which rule made it (`entity_keys.rule`), so every link can be explained.

The index is rebuilt after each ingest (`rebuild_entity_index`); its cost grows with the number of distinct
names, not with the number of mentions times names.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import yaml

from ..text.normalize import fold
from .db import Store
from .search import like_escaped

RESOLVED_SHARE = 0.9
MIN_RESOLVED = 3
LONGER_AT_LEAST = 2   # a short form no article resolves joins a longer name with at least half its mentions
_MARKS = re.compile(r"[#_\-‐-―ـ\"'«»“”()\[\]]+")
_SPACES = re.compile(r"\s+")


def name_words(name: str) -> tuple[str, ...]:
    """The folded words of a name, marks read as spaces: the unit of containment."""
    return tuple(_SPACES.sub(" ", _MARKS.sub(" ", fold(name or ""))).split())


def name_key(name: str) -> str:
    """The key two spellings of one name share (see the module's docstring): its folded words joined without
    spaces, since Arabic writes the same name with and without them («عبد الرحمن»/«عبدالرحمن», «زوكر بيرغ»/
    «زوكربيرغ»), and an acronym spelt out in Arabic letter names read as its Latin letters («سي إن إن» = «CNN»)."""
    words = name_words(name)
    return spelled_acronym(words) or "".join(words)


@lru_cache(maxsize=1)
def _letter_names() -> dict[str, str]:
    data = yaml.safe_load(resources.files("marsad.store").joinpath("letter_names.yaml").read_text("utf-8"))
    return {fold(spelling): letter.lower() for letter, spellings in data["letters"].items()
            for spelling in spellings}


def spelled_acronym(words: tuple[str, ...]) -> str | None:
    """«سي إن إن» → 'cnn': a name of two or more words that are all Arabic names of Latin letters. Where a letter
    name is shared (بي: B or P), the first letter of the table is read; letter_names.yaml says which."""
    names = _letter_names()
    if len(words) < 2 or not all(w in names for w in words):
        return None
    return "".join(names[w] for w in words)


@dataclass
class _Name:
    key: str
    words: tuple[str, ...]
    labels: Counter = field(default_factory=Counter)
    spellings: Counter = field(default_factory=Counter)   # canonical names as written
    surfaces: Counter = field(default_factory=Counter)    # mention texts as written
    canonical_keys: set = field(default_factory=set)
    mentions: int = 0

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]


class _Roots:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key


def _contains(short: tuple[str, ...], long: tuple[str, ...], anywhere: bool) -> bool:
    n = len(short)
    if anywhere:
        return any(long[i:i + n] == short for i in range(len(long) - n + 1))
    return long[:n] == short


def build(rows: list[tuple], resolutions: list[tuple]) -> tuple[dict[str, _Name], dict[str, tuple[str, str]]]:
    """`rows`: (canonical_key, canonical, label, surface text, mentions); `resolutions`: (surface text, canonical,
    mentions) of mentions whose text is not their canonical name. Returns the names by key, and for each
    name key its entity root and the rule that put it there."""
    names: dict[str, _Name] = {}
    for canonical_key, canonical, label, text, n in rows:
        key = name_key(canonical or text)
        if not key:
            continue
        name = names.get(key)
        if name is None:
            name = names[key] = _Name(key, ())
        name.labels[label] += n
        name.spellings[canonical] += n
        name.surfaces[text] += n
        name.canonical_keys.add(canonical_key)
        name.mentions += n
    for name in names.values():  # words of the commonest spelling («رجب طيب أردوغان», not a stray «أر دوغان»)
        name.words = name_words(name.spellings.most_common(1)[0][0])
    # how articles resolve each written short form: surface key -> Counter(canonical key)
    resolved: dict[str, Counter] = defaultdict(Counter)
    for text, canonical, n in resolutions:
        short, full = name_key(text), name_key(canonical)
        if short and full and short != full:
            resolved[short][full] += n
    by_word: dict[tuple[str, str], set[str]] = defaultdict(set)
    for name in names.values():
        if len(name.words) > 1:
            for word in set(name.words):
                by_word[(name.label, word)].add(name.key)
    roots = _Roots()
    rule: dict[str, str] = {}
    # longer names first, so that a short form meets its candidates already joined to their own roots
    for name in sorted(names.values(), key=lambda x: (-len(x.words), x.key)):
        label = name.label
        pools = [by_word.get((label, w), set()) for w in set(name.words)]
        if not pools or not all(pools):
            continue
        candidates = set.intersection(*pools) - {name.key}
        candidates = {c for c in candidates
                      if len(names[c].words) > len(name.words)
                      and _contains(name.words, names[c].words, anywhere=label == "PER")}
        if not candidates:
            continue
        candidate_roots = {roots.find(c) for c in candidates}
        votes = Counter()
        for full, n in resolved.get(name.key, Counter()).items():
            if full in candidates or full in candidate_roots:
                votes[roots.find(full)] += n
        total = sum(votes.values())
        if total >= MIN_RESOLVED:
            best, n = votes.most_common(1)[0]
            if n / total >= RESOLVED_SHARE:
                roots.parent[name.key] = best
                rule[name.key] = "resolved_in_articles"
        elif total == 0 and len(candidate_roots) == 1:
            root = next(iter(candidate_roots))
            # a frequent name is no short form of a rare longer one («إيران» is not «إيران غادري», a tagging slip)
            if sum(names[c].mentions for c in candidates) * LONGER_AT_LEAST >= name.mentions:
                roots.parent[name.key] = root
                rule[name.key] = "only_longer_name"
    return names, {k: (roots.find(k), rule.get(k, "spelling")) for k in names}


def rebuild_entity_index(store: Store) -> int:
    """Recompute entity_index and entity_keys from the stored mentions; returns the number of entities."""
    rows = store.query("SELECT canonical_key, canonical, label, text, COUNT(*) FROM entities "
                       "GROUP BY canonical_key, canonical, label, text")
    resolutions = store.query("SELECT text, canonical, COUNT(*) FROM entities WHERE text <> canonical "
                              "GROUP BY text, canonical")
    names, placed = build(rows, resolutions)
    members: dict[str, list[_Name]] = defaultdict(list)
    for key, (root, _) in placed.items():
        members[root].append(names[key])
    entries, keys = [], []
    for number, root in enumerate(sorted(members), 1):
        group = members[root]
        spellings = sum((n.spellings for n in group), Counter())
        surfaces = sum((n.surfaces for n in group), Counter())
        labels = sum((n.labels for n in group), Counter())
        # the display name: the longest of the group's frequent names (a tenth of the top one's mentions or
        # more), in its most mentioned spelling
        top = max(n.mentions for n in group)
        longest = max((n for n in group if n.mentions * 10 >= top), key=lambda n: (len(n.words), n.mentions))
        canonical = longest.spellings.most_common(1)[0][0]
        aliases = [[a, n] for a, n in (spellings + surfaces).most_common(30)]
        entries.append((number, root, canonical, labels.most_common(1)[0][0],
                        sum(n.mentions for n in group), json.dumps(aliases, ensure_ascii=False)))
        for n in group:
            for canonical_key in n.canonical_keys:
                keys.append((canonical_key, number, placed[n.key][1]))
    with store.transaction():
        store.execute("DELETE FROM entity_keys")
        store.execute("DELETE FROM entity_index")
        store.executemany("INSERT INTO entity_index (entity, name_key, canonical, label, mentions, aliases) "
                          "VALUES (?, ?, ?, ?, ?, ?)", entries)
        store.executemany("INSERT INTO entity_keys (canonical_key, entity, rule) VALUES (?, ?, ?)", keys)
    return len(entries)


def entities_named(store: Store, name: str) -> list[int]:
    """The index entries a name given by a user stands for: the entry of that exact name (any spelling) and the
    entries of the names it was joined to; else every entry one of whose aliases contains it as whole words."""
    key = name_key(name)
    if not key:
        return []
    found = [e for (e,) in store.query("SELECT entity FROM entity_index WHERE name_key = ?", (key,))]
    found += [e for (e,) in store.query("SELECT entity FROM entity_keys WHERE canonical_key = ?", (fold(name),))]
    if found:
        return sorted(set(found))
    like = "% " + like_escaped(" ".join(name_words(name))) + " %"
    return [e for (e,) in store.query(
        "SELECT k.entity FROM entity_keys k JOIN entity_index i ON i.entity = k.entity WHERE ' ' || "
        "k.canonical_key || ' ' LIKE ? ESCAPE '\\' GROUP BY k.entity ORDER BY MAX(i.mentions) DESC LIMIT 50",
        (like,))]


def list_entities(store: Store, query: str | None = None, limit: int = 20) -> list[dict]:
    """Index entries, most mentioned first, optionally those named by `query` (entities_named)."""
    if query:
        ids = entities_named(store, query)
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = store.query(f"SELECT entity, canonical, label, mentions, aliases FROM entity_index WHERE entity IN "
                           f"({marks}) ORDER BY mentions DESC LIMIT ?", (*ids, limit))
    else:
        rows = store.query("SELECT entity, canonical, label, mentions, aliases FROM entity_index "
                           "ORDER BY mentions DESC, entity LIMIT ?", (limit,))
    articles: dict[int, int] = {}
    listed = [r[0] for r in rows]
    for i in range(0, len(listed), 500):  # one query per 500 entries, not one per entry
        chunk = listed[i:i + 500]
        articles.update(store.query(
            f"SELECT k.entity, COUNT(DISTINCT e.article_seq) FROM entities e JOIN entity_keys k ON "
            f"k.canonical_key = e.canonical_key WHERE k.entity IN ({', '.join('?' * len(chunk))}) GROUP BY k.entity",
            chunk))
    return [{"entity": entity, "name": canonical, "label": label, "mentions": mentions,
             "articles": articles.get(entity, 0), "aliases": [a for a, _ in json.loads(aliases)]}
            for entity, canonical, label, mentions, aliases in rows]
