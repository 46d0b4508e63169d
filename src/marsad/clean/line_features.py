"""The features the line classifier reads: one row of numbers per non-blank line of a page.

Each feature is a fact about the line or its place in the page that held on annotated pages of every outlet:
where the line stands (from the start and from the end), how long it is, how it ends, whether it reads like a
sentence of the story (a reporting verb, a leading «و») or like a headline, a byline, a caption, a separator;
how much of its vocabulary the rest of the page shares (other stories' headlines share little); the shapes the
structural rules test (shapes.py); and, in batch runs, how many other stories of the same outlet carry the same
line (evidence.py). The names are the model file's, so a model always reads the features it was trained on.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from importlib import resources

import yaml

from ..text.normalize import fold
from .shapes import (AGENCY_END, CONTINUATION, DATE_ONLY, DATELINE, INITIALS, TRUNCATED, is_breadcrumb, is_email,
                     is_head_byline, is_lead, is_short_item, is_tail_headline, repeats_earlier, word_set)

_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_URLISH = re.compile(r"https?://|www\.|\.com\b|\.net\b|\.org\b|@\w|#\w")
_SLASH_NAMES = re.compile(r"^\S[^/]{0,40}/\s*\S.{0,30}$")  # «الرياض/واس», «صحيفة الواحة / أ ف ب»
_CLOSERS = "\"'”»)"
_TIME_AGO = re.compile(r"(?:^|\s)منذ\s+(?:\d+\s*)?(?:ثانيه|ثوان|دقيقه|دقائق|ساعه|ساعات|ساعتين|يوم|ايام|يومين|"
                       r"اسبوع|اسابيع|شهر|اشهر|شهرين|سنه|سنوات|عام|اعوام)")
BODY_WORDS = 15  # a line of this many words is a paragraph: pages hold their story between the first and last
SENTENCE_WORDS = 6

FEATURES = (
    "first", "second", "last", "second_last", "pos_from_start", "pos_from_end", "page_lines_log",
    "words_log", "words_1_3", "words_4_8", "words_9_20", "words_over_20",
    "ends_period", "ends_question", "ends_colon", "ends_truncated", "ends_quote", "ends_bare", "has_ellipsis",
    "has_quote", "starts_quote", "starts_continuation", "reporting_verb", "digit_share", "latin_share",
    "no_letters", "urlish", "starts_at", "media_word", "byline_word", "agency_word", "weekday",
    "date_only", "breadcrumb", "initials", "email", "head_byline", "agency_end", "slash_names", "dateline",
    "lead", "repeats_earlier", "tail_headline", "short_item", "short_run_log", "page_punctuated",
    "shared_with_page", "shared_with_title", "same_as_title", "prev_words_log", "next_words_log",
    "prev_ends_period", "next_ends_period", "prev_rule", "next_rule", "after_rule_source",
    "after_related_header", "recurs_log", "recurs_2", "recurs_5", "before_body", "after_body", "inside_body",
    "site_words", "time_ago", "label_colon", "before_sentences", "after_sentences", "inside_sentences",
    "is_sentence",
)


_ZEROS = (0.0,) * len(FEATURES)  # the value of a feature not set for a line


@lru_cache(maxsize=1)
def _lists() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """Each list as (its one-word entries, its phrases of several words)."""
    data = yaml.safe_load(resources.files(__package__).joinpath("features.yaml").read_text("utf-8"))
    out = {}
    for name, words in data.items():
        folded = {" ".join(fold(w).split()) for w in words}
        out[name] = (frozenset(w for w in folded if " " not in w), tuple(sorted(w for w in folded if " " in w)))
    return out


def features_file_text() -> str:
    return resources.files(__package__).joinpath("features.yaml").read_text("utf-8")


def _has(bag: set[str], joined: str, listed: tuple[frozenset[str], tuple[str, ...]]) -> bool:
    """Whether a line (`bag`: its words with and without a proclitic) holds a word or phrase of the list."""
    single, phrases = listed
    return not single.isdisjoint(bag) or any(phrase in joined for phrase in phrases)


def page_features(lines: list[str], keys: list[str], nonblank: list[int], ruled: list[str | None],
                  title: str | None = None, recurrence: list[int] | None = None) -> list[list[float]]:
    """One row of FEATURES per index in `nonblank` (positions in `lines`). `keys` are the folded lines,
    `ruled[i]` the reason a certain rule already gave line i (or None), `recurrence[i]` how many other stories
    of the outlet carry line i (None: no corpus evidence)."""
    lists = _lists()
    n = len(nonblank)
    word_lists = [keys[i].split() for i in nonblank]
    counts = [len(lines[i].split()) for i in nonblank]
    sets = [word_set(keys[i]) for i in nonblank]
    # each word's number of lines, for how much of a line the rest of the page shares
    line_freq: dict[str, int] = {}
    for s in sets:
        for w in s:
            if len(w) > 2:
                line_freq[w] = line_freq.get(w, 0) + 1
    folded_title = fold(title) if title else ""
    title_words = {w for w in word_set(folded_title) if len(w) > 2}
    title_key = " ".join(folded_title.split())
    long_lines = [k for k in range(n) if counts[k] >= 15 and ruled[nonblank[k]] is None]
    punctuated = (sum(lines[nonblank[k]].rstrip().endswith((".", "؟", "?", "!", *_CLOSERS)) for k in long_lines)
                  / len(long_lines)) if long_lines else 0.0
    short = [is_short_item(lines[i]) for i in nonblank]
    runs = [0] * n
    k = 0
    while k < n:
        j = k
        while j < n and short[j]:
            j += 1
        for m in range(k, j):
            runs[m] = j - k
        k = j + 1 if j == k else j
    paragraphs = [k for k in range(n) if counts[k] >= BODY_WORDS]
    first_paragraph = paragraphs[0] if paragraphs else n
    last_paragraph = paragraphs[-1] if paragraphs else -1
    # the story's sentences: lines of a few words or more that end as a sentence does (short articles are
    # written in short sentences; menus and headlines do not end with a full stop)
    truncated = [TRUNCATED.search(lines[i]) is not None for i in nonblank]
    sentences = [k for k in range(n) if counts[k] >= SENTENCE_WORDS and not truncated[k] and
                 lines[nonblank[k]].rstrip().rstrip(_CLOSERS).endswith((".", "!", "؟", "?"))]
    first_sentence = sentences[0] if sentences else n
    last_sentence = sentences[-1] if sentences else -1
    sentence_set = set(sentences)
    source_seen = related_header = False
    rows = []
    for k, i in enumerate(nonblank):
        line, key = lines[i], keys[i]
        stripped = line.strip()
        end = stripped.rstrip(_CLOSERS) or stripped
        words = word_lists[k]
        joined = " ".join(words)
        chars = max(1, len(stripped))
        content = [w for w in sets[k] if len(w) > 2]
        shared = sum(line_freq[w] > 1 for w in content) / len(content) if content else 0.0
        # each word without a one-letter proclitic و/ف (words of four letters or more only)
        bare = [w[1:] if len(w) > 3 and w[0] in "وف" else w for w in words]
        bag = set(words)
        bag.update(bare)
        f: dict[str, float | bool] = {}  # by name; made a row in FEATURES' order below
        f["first"] = k == 0
        f["second"] = k == 1
        f["last"] = k == n - 1
        f["second_last"] = k == n - 2
        f["pos_from_start"] = k / max(1, n - 1)
        f["pos_from_end"] = (n - 1 - k) / max(1, n - 1)
        f["page_lines_log"] = math.log1p(n)
        c = counts[k]
        f["words_log"] = math.log1p(c)
        f["words_1_3"] = c <= 3
        f["words_4_8"] = 4 <= c <= 8
        f["words_9_20"] = 9 <= c <= 20
        f["words_over_20"] = c > 20
        f["ends_period"] = end.endswith((".", "!")) and not truncated[k]
        f["ends_question"] = end.endswith(("؟", "?"))
        f["ends_colon"] = end.endswith(":")
        f["ends_truncated"] = truncated[k]
        f["ends_quote"] = stripped.endswith(_CLOSERS)
        f["ends_bare"] = not stripped.endswith((".", "!", "؟", "?", ":", "…", "،", ",", "؛", *_CLOSERS))
        f["has_ellipsis"] = "…" in stripped or "..." in stripped
        f["has_quote"] = any(q in stripped for q in "\"«“”»")
        f["starts_quote"] = stripped[:1] in "\"«“"
        f["starts_continuation"] = bool(CONTINUATION.match(key))
        f["reporting_verb"] = _has(bag, joined, lists["reporting_verbs"])
        f["digit_share"] = len(_DIGIT.findall(stripped)) / chars
        f["latin_share"] = len(_LATIN.findall(stripped)) / chars
        f["no_letters"] = not _LETTER.search(stripped)
        f["urlish"] = bool(_URLISH.search(stripped))
        f["starts_at"] = stripped.startswith("@")
        f["media_word"] = _has(bag, joined, lists["media_words"])
        f["byline_word"] = _has(bag, joined, lists["byline_words"])
        f["agency_word"] = _has(bag, joined, lists["agencies"])
        f["weekday"] = _has(bag, joined, lists["weekdays"])
        f["date_only"] = bool(DATE_ONLY.match(key)) and any(ch.isdigit() for ch in line)
        f["breadcrumb"] = is_breadcrumb(line)
        f["initials"] = bool(INITIALS.match(line))
        f["email"] = is_email(line)
        f["head_byline"] = is_head_byline(key)
        f["agency_end"] = bool(AGENCY_END.search(key))
        f["slash_names"] = c <= 8 and bool(_SLASH_NAMES.match(stripped))
        f["dateline"] = bool(DATELINE.match(key.strip()))
        f["lead"] = is_lead(key)
        f["repeats_earlier"] = repeats_earlier(sets[k], sets, k)
        f["tail_headline"] = is_tail_headline(line, key)
        f["short_item"] = short[k]
        f["short_run_log"] = math.log1p(runs[k])
        f["page_punctuated"] = punctuated
        f["shared_with_page"] = shared
        f["shared_with_title"] = len(set(content) & title_words) / len(content) if content and title_words else 0.0
        f["same_as_title"] = bool(title_key) and " ".join(key.split()) == title_key
        f["prev_words_log"] = math.log1p(counts[k - 1]) if k > 0 else 0.0
        f["next_words_log"] = math.log1p(counts[k + 1]) if k + 1 < n else 0.0
        f["prev_ends_period"] = k > 0 and lines[nonblank[k - 1]].rstrip().endswith(".")
        f["next_ends_period"] = k + 1 < n and lines[nonblank[k + 1]].rstrip().endswith(".")
        f["prev_rule"] = k > 0 and ruled[nonblank[k - 1]] is not None
        f["next_rule"] = k + 1 < n and ruled[nonblank[k + 1]] is not None
        f["after_rule_source"] = source_seen
        f["after_related_header"] = related_header
        f["before_body"] = k < first_paragraph
        f["after_body"] = k > last_paragraph
        f["inside_body"] = first_paragraph < k < last_paragraph
        f["before_sentences"] = k < first_sentence
        f["after_sentences"] = k > last_sentence
        f["inside_sentences"] = first_sentence < k < last_sentence
        f["is_sentence"] = k in sentence_set
        site_words = lists["site_words"][0]
        sites = sum(1 for w, b in zip(words, bare) if w in site_words or b in site_words)
        f["site_words"] = sites / max(1, len(words))
        f["time_ago"] = "منذ" in key and _TIME_AGO.search(key) is not None
        f["label_colon"] = c <= 5 and end.endswith(":")
        if recurrence is not None:
            r = recurrence[i]
            f["recurs_log"] = math.log1p(r)
            f["recurs_2"] = r >= 2
            f["recurs_5"] = r >= 5
        rows.append(list(map(float, map(f.get, FEATURES, _ZEROS))))
        reason = ruled[i]
        if reason == "source_line":
            source_seen = True
        related_header = reason == "related_links" or (related_header and reason is None and c <= 20)
    return rows
