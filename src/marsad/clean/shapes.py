"""Shapes of lines: the tests the boilerplate rules and the line classifier's features share.

Each is a predicate on one line (or its folded key) and the page around it; none decides alone. Calibrations
are in the comments: they were measured on the bundled corpora's pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Patterns that run on every line of every page use possessive quantifiers (*+) where two parts of a pattern
# could take the same characters: a regex that backtracks is quadratic on a hostile line (an ellipsis, 40,000
# spaces and a letter took 10 s), a possessive one is linear and matches the same lines.
# A line cut off by the site: ends with an ellipsis (… or ...), possibly followed by a closing quote.
TRUNCATED = re.compile(r"(?:…|\.\.\.?)\s*+[\"'”»)]?\s*+$")
# A news dateline opening a story: «دبي، الإمارات العربية المتحدة (CNN) --», «الرياض (رويترز) -».
DATELINE = re.compile(r"^[^\n()]{2,70}\((?:cnn|سي ان ان|رويترز|ا ف ب|اف ب|د ب ا|الاناضول|واس|بي بي سي|"
                       r"reuters|afp|ap)\)\s*[-–—]")
TERMINAL = tuple(".؟?!:…\"'”»)")
SENTENCE_END = tuple(".؟?!…\"'”»)")
WORD = re.compile(r"\w+")
# A breadcrumb trail: three or more short segments joined by > › | / (and » when no « opens a quotation).
_CRUMB_SPLIT = re.compile(r"\s*(?:>>?|›|\||/)\s*")
_CRUMB_SPLIT_GUILLEMET = re.compile(r"\s*(?:>>?|›|\||/|»)\s*")
# Editor's initials alone on a line: «ح/م», «ق-ر».
INITIALS = re.compile(r"^\W*\w{1,2}\s*[/\-.]\s*\w{1,2}\W*$")
EMAIL = re.compile(r"^\W*[\w.+-]+@[\w-]+\.[\w.]+\W*$")
EMAIL_MAX_CHARS = 300  # an address has at most 254: longer lines are not tried (the pattern backtracks)
# A line that is only a date and/or a clock time: «17/07/2018», «13:52 ت م», «2018-07-17 10:05».
DATE_ONLY = re.compile(r"^[\s\d/.:\-–,،]*+(?:\s*(?:ص|م|ت م|ت غ|gmt|am|pm)\b)?[\s\d/.:\-–]*+$")
# Wire agencies that sign a dateline line («جدة 12 صفر 1437هـ الموافق 24 نوفمبر 2015م واس»).
AGENCY_END = re.compile(r"(?:واس|قنا|وام|بنا|كونا|سانا|رويترز|ا ف ب|د ب ا|الاناضول|وكالات)\W*+$")
# The weekday of a news lead: «أعلن البنك المركزي، الأحد، عن…» (folded spellings).
WEEKDAY = re.compile(r"،\s*(?:يوم\s+)?(?:السبت|الاحد|الاثنين|الإثنين|الثلاثاء|الاربعاء|الخميس|الجمعه)\s*[،,]")
# Body paragraphs continue with a conjunction or connective; a fresh lead starts bare.
CONTINUATION = re.compile(r"^\W*(?:و|ف|كما|لكن|غير ان|الا ان|في حين|بينما|من جهته|من جانبه|من ناحيته|ثم|اما|"
                           r"يذكر|يشار|بدوره|بدورها|وفي|في )")

NAV_RUN_MIN = 3        # consecutive short lines that make a menu; 2 is too often a title + subtitle
NAV_MAX_WORDS = 3      # "short" for menus: category names are 1-3 words
HEADLINE_MAX_WORDS = 20
DUPLICATE_JACCARD = 0.7   # repeated leads share ~0.8 of their words; lists of officials in one story ~0.6
QUESTION_HEADLINE_MAX_WORDS = 12


@dataclass(frozen=True)
class Verdict:
    reason: str
    rule: str
    score: float | None = None    # the line classifier's P(not article), where the model decided
    recurs: int | None = None     # other stories of the outlet that carry the line (corpus evidence)


def words(line: str) -> int:
    return len(line.split())


def is_short_item(line: str) -> bool:
    s = line.strip()
    return 0 < words(s) <= NAV_MAX_WORDS and not s.endswith(TERMINAL)


def is_headline(line: str) -> bool:
    s = line.strip()
    return 0 < words(s) <= HEADLINE_MAX_WORDS and not s.endswith((".", "؟", "?", "!", ":"))


def is_email(line: str) -> bool:
    return len(line) <= EMAIL_MAX_CHARS and "@" in line and EMAIL.match(line) is not None


def is_breadcrumb(line: str) -> bool:
    # runs of spaces made one: the separators' patterns would try every space of a long run from every other
    s = " ".join(line.split())
    if words(s) > 14:
        return False
    parts = [p for p in (_CRUMB_SPLIT if "«" in s else _CRUMB_SPLIT_GUILLEMET).split(s) if p]
    # segments must be words: «60/10/10/10» and «17/07/2018» are figures, not a trail
    return len(parts) >= 3 and all(words(p) <= 3 and not p.replace(" ", "").isdigit() for p in parts)


def is_head_byline(key: str) -> bool:
    """An author/place/agency line before the body: short, no sentence stop, a dash or slash between names
    («كفر الشيخ-سهيله عبداللطيف», «الوفاق/ خاص»), or a wire dateline signed by its agency."""
    s = key.strip()
    if s.endswith(SENTENCE_END):
        return False
    if words(s) <= 6 and re.search(r"\w\s*[-–/]\s*\w", s):
        return True
    return words(s) <= 16 and bool(AGENCY_END.search(s))


def is_lead(key: str) -> bool:
    """The opening sentence of another story: starts bare (no و/ف/كما…) and dates itself with a weekday
    between commas within its first words, as news leads do («قفز…، الخميس، …»)."""
    key = key.strip()
    head = " ".join(key.split()[:14])
    return not CONTINUATION.match(key) and bool(WEEKDAY.search(head))


def word_set(key: str) -> set[str]:
    return set(WORD.findall(key))


def repeats_earlier(words: set[str], sets: list[set[str]], k: int) -> bool:
    """Line k (its word set `words`, word_set of its key) repeats an earlier, non-adjacent line of `sets` (the
    word sets of the page's lines): a related story's lead quoting this one. Only the page's first
    REPEAT_LOOKBACK lines are compared, where the story's own lead stands, so that a page of 100,000 lines
    costs 100,000 times as much, not 10^10."""
    size = len(words)
    if size < 8:
        return False
    # the sizes a set this similar can have (Jaccard <= smaller size / larger size), with room for rounding
    low, high = size * DUPLICATE_JACCARD - 1e-9, size / DUPLICATE_JACCARD + 1e-9
    return any(len(words & e) / len(words | e) >= DUPLICATE_JACCARD
               for e in sets[:min(max(0, k - 1), REPEAT_LOOKBACK)] if e and low <= len(e) <= high)


REPEAT_LOOKBACK = 256  # more non-blank lines than any annotated page has


def is_tail_headline(line: str, key: str) -> bool:
    """A headline of another story: short, no full stop or comma at the end (closing quotes aside: BBC
    headlines end on a quoted phrase); a question only if short."""
    s = line.rstrip().rstrip("\"'”»)")
    if not 0 < words(s) <= HEADLINE_MAX_WORDS or s.endswith((".", "!", ":", "…", "،", ",", "؛")):
        return False
    if CONTINUATION.match(key):
        return False  # «وتمنع …»: a paragraph that lost its full stop, not a headline
    if s.endswith(("؟", "?")):
        return words(s) <= QUESTION_HEADLINE_MAX_WORDS
    return True


