"""Which raw lines are not article text, and why.

Evidence, applied in this order (each verdict names its rule, shown in `removed[].rule`):
1. phrase rules on the line itself (rules.yaml: cookie notices, share prompts, bylines, captions…);
2. line shapes: breadcrumb trails, editor's initials, e-mail addresses, bare dates and times, a byline above
   the body;
3. structure: a run of three or more very short lines at the page's edge is a menu; the headlines listed under
   a related-links header are its links;
4. the tail: other stories follow the article — from a second dateline («أتلانتا، … (CNN) --») on, after a
   source line «المصدر: …», and from the end backwards: lines cut off with «…», repeats of an earlier line,
   leads dated with a weekday, and headlines without a full stop after a body that uses them.
A line is never removed for being short alone: one-line subheadings inside the body stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.normalize import fold
from .rules import load_rules

# A line cut off by the site: ends with an ellipsis (… or ...), possibly followed by a closing quote.
_TRUNCATED = re.compile(r"(?:…|\.\.\.?)\s*[\"'”»)]?\s*$")
# A news dateline opening a story: «دبي، الإمارات العربية المتحدة (CNN) --», «الرياض (رويترز) -».
_DATELINE = re.compile(r"^[^\n()]{2,70}\((?:cnn|سي ان ان|رويترز|ا ف ب|اف ب|د ب ا|الاناضول|واس|بي بي سي|"
                       r"reuters|afp|ap)\)\s*[-–—]")
_TERMINAL = tuple(".؟?!:…\"'”»)")
_SENTENCE_END = tuple(".؟?!…\"'”»)")
_WORD = re.compile(r"\w+")
# A breadcrumb trail: three or more short segments joined by > › | / (and » when no « opens a quotation).
_CRUMB_SPLIT = re.compile(r"\s*(?:>>?|›|\||/)\s*")
_CRUMB_SPLIT_GUILLEMET = re.compile(r"\s*(?:>>?|›|\||/|»)\s*")
# Editor's initials alone on a line: «ح/م», «ق-ر».
_INITIALS = re.compile(r"^\W*\w{1,2}\s*[/\-.]\s*\w{1,2}\W*$")
_EMAIL = re.compile(r"^\W*[\w.+-]+@[\w-]+\.[\w.]+\W*$")
# A line that is only a date and/or a clock time: «17/07/2018», «13:52 ت م», «2018-07-17 10:05».
_DATE_ONLY = re.compile(r"^[\s\d/.:\-–,،]*(?:\s*(?:ص|م|ت م|ت غ|gmt|am|pm)\b)?[\s\d/.:\-–]*$")
# Wire agencies that sign a dateline line («جدة 12 صفر 1437هـ الموافق 24 نوفمبر 2015م واس»).
_AGENCY_END = re.compile(r"(?:واس|قنا|وام|بنا|كونا|سانا|رويترز|ا ف ب|د ب ا|الاناضول|وكالات)\s*\W*$")
# The weekday of a news lead: «أعلن البنك المركزي، الأحد، عن…» (folded spellings).
_WEEKDAY = re.compile(r"،\s*(?:يوم\s+)?(?:السبت|الاحد|الاثنين|الإثنين|الثلاثاء|الاربعاء|الخميس|الجمعه)\s*[،,]")
# Body paragraphs continue with a conjunction or connective; a fresh lead starts bare.
_CONTINUATION = re.compile(r"^\W*(?:و|ف|كما|لكن|غير ان|الا ان|في حين|بينما|من جهته|من جانبه|من ناحيته|ثم|اما|"
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


def _words(line: str) -> int:
    return len(line.split())


def _is_short_item(line: str) -> bool:
    s = line.strip()
    return 0 < _words(s) <= NAV_MAX_WORDS and not s.endswith(_TERMINAL)


def _is_headline(line: str) -> bool:
    s = line.strip()
    return 0 < _words(s) <= HEADLINE_MAX_WORDS and not s.endswith((".", "؟", "?", "!", ":"))


def _is_breadcrumb(line: str) -> bool:
    s = line.strip()
    if _words(s) > 14:
        return False
    parts = [p for p in (_CRUMB_SPLIT if "«" in s else _CRUMB_SPLIT_GUILLEMET).split(s) if p]
    # segments must be words: «60/10/10/10» and «17/07/2018» are figures, not a trail
    return len(parts) >= 3 and all(_words(p) <= 3 and not p.replace(" ", "").isdigit() for p in parts)


def _is_head_byline(key: str) -> bool:
    """An author/place/agency line before the body: short, no sentence stop, a dash or slash between names
    («كفر الشيخ-سهيله عبداللطيف», «الوفاق/ خاص»), or a wire dateline signed by its agency."""
    s = key.strip()
    if s.endswith(_SENTENCE_END):
        return False
    if _words(s) <= 6 and re.search(r"\w\s*[-–/]\s*\w", s):
        return True
    return _words(s) <= 16 and bool(_AGENCY_END.search(s))


def _is_lead(key: str) -> bool:
    """The opening sentence of another story: starts bare (no و/ف/كما…) and dates itself with a weekday
    between commas within its first words, as news leads do («قفز…، الخميس، …»)."""
    key = key.strip()
    head = " ".join(key.split()[:14])
    return not _CONTINUATION.match(key) and bool(_WEEKDAY.search(head))


def _word_set(key: str) -> set[str]:
    return set(_WORD.findall(key))


def _repeats_earlier(key: str, earlier: list[set[str]]) -> bool:
    """The line repeats an earlier, non-adjacent line (a related story's lead quoting this one)."""
    words = _word_set(key)
    if len(words) < 8:
        return False
    return any(len(words & e) / len(words | e) >= DUPLICATE_JACCARD for e in earlier[:-1] if e)


def _is_tail_headline(line: str, key: str) -> bool:
    """A headline of another story: short, no full stop or comma at the end (closing quotes aside: BBC
    headlines end on a quoted phrase); a question only if short."""
    s = line.rstrip().rstrip("\"'”»)")
    if not 0 < _words(s) <= HEADLINE_MAX_WORDS or s.endswith((".", "!", ":", "…", "،", ",", "؛")):
        return False
    if _CONTINUATION.match(key):
        return False  # «وتمنع …»: a paragraph that lost its full stop, not a headline
    if s.endswith(("؟", "?")):
        return _words(s) <= QUESTION_HEADLINE_MAX_WORDS
    return True


def classify_lines(lines: list[str]) -> list[Verdict | None]:
    """A verdict for every line (None: article text or blank)."""
    out: list[Verdict | None] = [None] * len(lines)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return out
    # fold the page once (one translate call, not one per rule per line); folding keeps "\n" and never
    # adds one, so the folded page splits into the folded lines
    keys = fold("\n".join(lines)).split("\n")
    _phrase_rules(keys, nonblank, out)
    _line_shapes(lines, keys, nonblank, out)
    _menus(lines, nonblank, out)
    _related_link_items(lines, nonblank, out)
    _second_dateline(keys, nonblank, out)
    _tail(lines, keys, nonblank, out)
    _after_source_line(nonblank, out)
    return out


def _phrase_rules(keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    rules = load_rules()
    for i in nonblank:
        rule = rules.match_folded(keys[i])
        if rule is not None:
            out[i] = Verdict(rule.reason, rule.name)


def _line_shapes(lines: list[str], keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """Line shapes that need no phrase: breadcrumbs, initials, e-mail addresses, bare dates and times."""
    for pos, i in enumerate(nonblank):
        if out[i] is not None:
            continue
        line = lines[i]
        if _DATE_ONLY.match(keys[i]) and any(c.isdigit() for c in line):
            out[i] = Verdict("other", "date_only_line")
        elif _is_breadcrumb(line):
            out[i] = Verdict("navigation", "breadcrumb_trail")
        elif _INITIALS.match(line):
            out[i] = Verdict("byline", "editor_initials")
        elif _EMAIL.match(line):
            out[i] = Verdict("byline", "email_line")
        elif pos < 2 and len(nonblank) > 2 and _is_head_byline(keys[i]):
            out[i] = Verdict("byline", "head_byline")


def _menus(lines: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """Runs of short lines with no sentence punctuation at the start or the end of the page.

    Between two paragraphs the same shape is a list that belongs to the story (the venues of a tournament,
    a ranking «1-المملكة العربية السعودية»): in ANT's CNN texts 191 such lines were lists, not menus.
    """
    run: list[int] = []
    for i in nonblank + [-1]:  # the sentinel flushes the last run
        if i >= 0 and _is_short_item(lines[i]):
            run.append(i)
            continue
        # at an edge: nothing but boilerplate already found lies before it (or after it)
        at_edge = bool(run) and (all(out[j] is not None for j in nonblank if j < run[0])
                                 or all(out[j] is not None for j in nonblank if j > run[-1]))
        if len(run) >= NAV_RUN_MIN and at_edge:
            for j in run:
                out[j] = out[j] or Verdict("navigation", "short_line_run")
        run = []


def _related_link_items(lines: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """The headlines listed under a related-links header."""
    for pos, i in enumerate(nonblank):
        # a header with its link on the same line («اقرأ أيضا: …») lists nothing below it
        if out[i] and out[i].rule == "related_links_header" and _words(lines[i]) <= 4:
            for j in nonblank[pos + 1:]:
                if out[j] is not None or not _is_headline(lines[j]):
                    break
                out[j] = Verdict("related_links", "related_links_item")


def _second_dateline(keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """A second dateline («دبي، … (CNN) --») opens another story: from there on, all are other stories."""
    for pos, i in enumerate(nonblank):
        if pos >= 2 and _DATELINE.match(keys[i].strip()):
            for j in nonblank[pos:]:
                out[j] = out[j] or Verdict("teaser", "second_dateline")
            return


def _tail(lines: list[str], keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """From the end backwards: other stories' headlines and leads, until the first body line."""
    body_sets = [_word_set(keys[i]) for i in nonblank]
    # paragraphs, not headlines: 15+ words (headlines in the bundled corpora have 4-14)
    long_lines = [i for i in nonblank if _words(lines[i]) >= 15 and out[i] is None]
    # headline-style teasers (no full stop) only where the body itself ends its paragraphs with one
    body_punctuated = bool(long_lines) and sum(
        lines[i].rstrip().endswith(_SENTENCE_END) for i in long_lines) / len(long_lines) >= 0.7
    for pos in range(len(nonblank) - 1, 0, -1):
        i = nonblank[pos]
        if out[i] is not None:
            continue
        line = lines[i]
        if _TRUNCATED.search(line):
            out[i] = Verdict("teaser", "truncated_tail_line")
        elif _repeats_earlier(keys[i], body_sets[:pos]):
            out[i] = Verdict("teaser", "repeated_tail_line")
        elif _is_lead(keys[i]):
            out[i] = Verdict("teaser", "lead_tail_line")
        elif body_punctuated and _is_tail_headline(line, keys[i]):
            out[i] = Verdict("teaser", "headline_tail_line")
        else:
            return


def _after_source_line(nonblank: list[int], out: list[Verdict | None]) -> None:
    """After a source line in the second half of the page, nothing is article text any more."""
    sources = [i for i in nonblank if out[i] and out[i].reason == "source_line"]
    if sources and sources[-1] >= nonblank[len(nonblank) // 2]:
        for j in nonblank:
            if j > sources[-1] and out[j] is None:
                out[j] = Verdict("teaser", "after_source_line")
