"""Story clusters across outlets, built incrementally: each new article joins the story it is most like, or
opens one, without reclustering the store.

An article is a weighted vector of what it is about: its folded content words, light-stemmed (the search
terms' clitic-free stem), counted with log term frequency and weighted by their inverse document frequency in the
store so far (`story_df`), title words counted `story_title_weight` times, and its entities' names (the entity
index's spelling key) as terms counted `story_entity_weight` times; its `story_top_terms` heaviest terms,
normalised (the parameters are in dedup/params.yaml). Candidate stories are those of articles published within
`story_days` that share one of the article's `story_posting_terms` heaviest terms (`story_postings`, an inverted
index by day); the article joins the candidate story whose centroid (the sum of its members' vectors, cut to its
`story_centroid_terms` heaviest terms, `story_index.centroid`) is most similar by cosine, if that similarity
reaches `story_similarity`; otherwise it opens a story of its own. A duplicate joins its original's story
(duplicates stay a stricter relation of their own, `articles.duplicate_of`). Every step reads a bounded number of
rows (at most 200 candidate stories), so the cost per article does not grow with the store
(`bench/stories.py --cost`).

A story's number is its first article's seq. `stories` (a view) lists the articles of stories of two or more.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from functools import lru_cache
from importlib import resources

import yaml

from ..dedup import params
from ..text.normalize import fold
from ..text.search_terms import word_terms, words
from .db import Store
from .entity_index import name_key

STATE_KEY = "last_seq"


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    data = yaml.safe_load(resources.files("marsad.store").joinpath("story_terms.yaml").read_text("utf-8"))
    return frozenset(fold(w) for w in data["stopwords"])


def story_stem(word: str) -> str | None:
    """The clitic- and article-free stem a story term is counted under, or None for a word to leave out."""
    if len(word) < 3 or word.isdigit() or word in _stopwords():
        return None
    terms = word_terms(word)
    stem = min(terms, key=len)
    return None if stem in _stopwords() else stem


def term_counts(title: str | None, text: str, entity_names: list[str]) -> Counter:
    p = params()
    counts: Counter = Counter()
    for w in words(text):
        stem = story_stem(w)
        if stem:
            counts[stem] += 1
    for w in words(title or ""):
        stem = story_stem(w)
        if stem:
            counts[stem] += p.story_title_weight
    for name in set(entity_names):
        key = name_key(name)
        if key:
            counts["e:" + key] += p.story_entity_weight
    return counts


def vectorize(counts: Counter, df: dict[str, int], docs: int) -> dict[str, float]:
    """Log tf × smoothed idf over the store's documents so far, the top terms, unit length."""
    p = params()
    weights = {t: (1 + math.log(n)) * math.log((docs + p.story_idf_prior) / (df.get(t, 0) + 1))
               for t, n in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:p.story_top_terms]
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top if w > 0}


def cosine(vector: dict[str, float], centroid: dict[str, float]) -> float:
    norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
    return sum(w * centroid.get(t, 0.0) for t, w in vector.items()) / norm


def _day(value: str | None) -> str:
    return value[:10] if value and len(value) >= 10 else ""


def _window(day: str, days: int) -> tuple[str, str]:
    d = dt.date.fromisoformat(day)
    return (d - dt.timedelta(days=days)).isoformat(), (d + dt.timedelta(days=days)).isoformat()


class _Clusterer:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.p = params()
        self.docs = store.scalar("SELECT COALESCE(SUM(size), 0) FROM story_index") or 0

    def df(self, terms: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(0, len(terms), 400):
            chunk = terms[i:i + 400]
            marks = ", ".join("?" * len(chunk))
            out.update(self.store.query(f"SELECT term, df FROM story_df WHERE term IN ({marks})", chunk))
        return out

    def candidates(self, terms: list[str], day: str) -> list[int]:
        """Stories of articles that share one of `terms`, published within story_days of `day` (an undated
        article meets undated ones only)."""
        if not terms:
            return []
        marks = ", ".join("?" * len(terms))
        when, bounds = ("p.day BETWEEN ? AND ?", _window(day, self.p.story_days)) if day else ("p.day = ''", ())
        rows = self.store.query(f"SELECT DISTINCT m.story FROM story_postings p JOIN story_members m ON "
                                f"m.article_seq = p.article_seq WHERE p.term IN ({marks}) AND {when} LIMIT 200",
                                (*terms, *bounds))
        return [r[0] for r in rows]

    def centroids(self, stories: list[int]) -> dict[int, dict[str, float]]:
        if not stories:
            return {}
        marks = ", ".join("?" * len(stories))
        return {story: json.loads(centroid) for story, centroid in self.store.query(
            f"SELECT story, centroid FROM story_index WHERE story IN ({marks})", stories)}

    def add(self, seq: int, title: str | None, text: str, day: str, duplicate_of: int | None,
            names: list[str]) -> None:
        counts = term_counts(title, text, names)
        df = self.df(list(counts))
        vector = vectorize(counts, df, self.docs)
        posting_terms = list(vector)[:self.p.story_posting_terms]  # vectorize keeps the heaviest first
        story, similarity = None, None
        if duplicate_of is not None:
            found = self.store.scalar("SELECT story FROM story_members WHERE article_seq = ?", (duplicate_of,))
            story, similarity = found, 1.0 if found is not None else None
        if story is None:
            # the heaviest terms find the candidates; the whole vector decides
            candidates = self.candidates(posting_terms, day)
            centroids = self.centroids(candidates)
            best, best_sim = None, 0.0
            for candidate in candidates:
                if candidate in centroids:
                    sim = cosine(vector, centroids[candidate])
                    if sim > best_sim:
                        best, best_sim = candidate, sim
            if best is not None and best_sim >= self.p.story_similarity:
                story, similarity = best, best_sim
        if story is None:
            story = seq
            self.store.execute("INSERT INTO story_index (story, first_seen, last_seen, size, centroid) "
                               "VALUES (?, ?, ?, 0, '{}')", (seq, day or None, day or None))
        self._join(story, seq, day, vector)
        self.store.execute("INSERT INTO story_members (article_seq, story, similarity) VALUES (?, ?, ?)",
                           (seq, story, similarity))
        self.store.executemany("INSERT INTO story_postings (term, day, article_seq) VALUES (?, ?, ?)",
                               [(t, day, seq) for t in posting_terms])
        self._count_terms(counts, df)
        self.docs += 1

    def _join(self, story: int, seq: int, day: str, vector: dict[str, float]) -> None:
        first, last, size, centroid_json = self.store.query(
            "SELECT first_seen, last_seen, size, centroid FROM story_index WHERE story = ?", (story,))[0]
        centroid = Counter(json.loads(centroid_json))
        for t, w in vector.items():
            centroid[t] += w
        kept = dict(sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:self.p.story_centroid_terms])
        if day:
            first = min(first or day, day)
            last = max(last or day, day)
        self.store.execute("UPDATE story_index SET first_seen = ?, last_seen = ?, size = ?, centroid = ? "
                           "WHERE story = ?", (first, last, size + 1, json.dumps(kept, ensure_ascii=False), story))

    def _count_terms(self, counts: Counter, df: dict[str, int]) -> None:
        known = [(t,) for t in counts if t in df]
        new = [(t,) for t in counts if t not in df]
        self.store.executemany("UPDATE story_df SET df = df + 1 WHERE term = ?", known)
        self.store.executemany("INSERT INTO story_df (term, df) VALUES (?, 1)", new)


def cluster_new_articles(store: Store, batch: int = 500, limit: int | None = None) -> int:
    """Place every article stored since the last call (by seq) into a story, or the next `limit` of them;
    returns how many were placed.

    The placement state is read inside the write transaction: two ingests into one store at once each place a
    batch after the other's, never the same articles twice (read before the transaction, both saw the same last
    placed article and the second failed on a story member already there)."""
    placed = 0
    while limit is None or placed < limit:
        if limit is not None:
            batch = min(batch, limit - placed)
        with store.transaction():
            if store.backend == "postgres":
                # SQLite's BEGIN IMMEDIATE already holds the write lock; PostgreSQL needs the state locked
                store.execute("LOCK TABLE story_state IN SHARE ROW EXCLUSIVE MODE")
            done = int(store.scalar("SELECT value FROM story_state WHERE key = ?", (STATE_KEY,)) or 0)
            rows = store.query("SELECT seq, title, text, published_date, duplicate_of FROM articles "
                               "WHERE seq > ? ORDER BY seq LIMIT ?", (done, batch))
            if not rows:
                return placed
            seqs = [r[0] for r in rows]
            marks = ", ".join("?" * len(seqs))
            names: dict[int, list[str]] = {}
            for seq, canonical in store.query(f"SELECT article_seq, canonical FROM entities WHERE article_seq IN "
                                              f"({marks}) AND label IN ('PER', 'ORG', 'LOC', 'MISC')", seqs):
                names.setdefault(seq, []).append(canonical)
            clusterer = _Clusterer(store)
            for seq, title, text, published, dup in rows:
                clusterer.add(seq, title, text, _day(published), dup, names.get(seq, []))
            store.execute("DELETE FROM story_state WHERE key = ?", (STATE_KEY,))
            store.execute("INSERT INTO story_state (key, value) VALUES (?, ?)", (STATE_KEY, str(seqs[-1])))
        placed += len(rows)
    return placed


def rebuild_stories(store: Store) -> int:
    """Place every new article (incremental); returns the number of stories of two articles or more."""
    cluster_new_articles(store)
    return store.scalar("SELECT COUNT(*) FROM story_index WHERE size >= 2") or 0


def forget_stories(store: Store) -> None:
    """Empty every story table: the next placement starts from the store's first article."""
    with store.transaction():
        for table in ("story_members", "story_index", "story_postings", "story_df", "story_state"):
            store.execute(f"DELETE FROM {table}")


def recluster(store: Store) -> int:
    """Forget every story and place all articles again in seq order (after `marsad reclean` changed texts)."""
    forget_stories(store)
    return rebuild_stories(store)
