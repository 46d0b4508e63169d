"""Which raw lines are not article text, and why.

Two kinds of evidence, each verdict naming what decided it (`removed[].rule`):
1. certain rules, which decide alone: phrase rules on the line itself (rules.yaml: cookie notices, share
   prompts, source lines, bylines with a label, captions…); line shapes that are never article text (a bare
   date or time, an e-mail address, editor's initials, a breadcrumb trail); and page structure that held on
   every annotated page (147 of them, no wrong removal): a byline or place line above the body, a run of
   three or more very short lines at the page's edge (a menu), the headlines under a related-links header,
   everything from a second dateline on («دبي، … (CNN) --»), and everything after a source line in the
   page's second half;
2. the line classifier (line_model.py, rule `model`) for every other line: learned from those pages over
   features of the line and the page around it (line_features.py), with corpus evidence in batch runs (how
   many other stories of the outlet carry the line: evidence.py). It removes other stories' headlines and
   leads, bylines, agency lines, captions, separators and site chrome, wherever they stand.
The tail rules that once decided alone (lines cut off with «…», headlines without a full stop, leads dated with
a weekday) removed 35 body lines of the 147 pages; they are the classifier's features now (shapes.py).
"""

from __future__ import annotations

from ..text.normalize import fold
from .line_features import page_features
from .line_model import line_model
from .rules import load_rules
from .shapes import (CONTINUATION, DATE_ONLY, DATELINE, INITIALS, NAV_RUN_MIN, Verdict, is_breadcrumb, is_email,
                     is_head_byline, is_headline, is_short_item, words)


def classify_lines(lines: list[str], title: str | None = None, recurrence: list[int] | None = None,
                   keep_scores: bool = False, keys: list[str] | None = None) -> list[Verdict | None]:
    """A verdict for every line (None: article text or blank). `title` is the page's own headline where the
    input gives one; `recurrence[i]`, in batch runs, how many other stories of the outlet carry line i. With
    `keep_scores`, lines the classifier keeps get a Verdict too, with the rule "kept" and their score (for
    `marsad debug-clean`). `keys`, where the caller has them, are the folded lines (one fold per page)."""
    out: list[Verdict | None] = [None] * len(lines)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return out
    # fold the page once (one translate call, not one per rule per line); folding keeps "\n" and never
    # adds one, so the folded page splits into the folded lines
    if keys is None:
        keys = fold("\n".join(lines)).split("\n")
    _certain(lines, keys, nonblank, out)
    model = line_model()
    if model is None:  # a checkout whose model was deleted to be retrained: the certain rules alone
        return out
    if sum(out[i] is None for i in nonblank) < 2:
        # one line left: the classifier weighs a line against the page around it, and a page of one line is
        # the article or nothing (an English sentence alone must reach the language check, not vanish here)
        return out
    ruled = [v.reason if v else None for v in out]
    rows = page_features(lines, keys, nonblank, ruled, title, recurrence)
    guarded = body_guard(lines, keys, nonblank)
    for i, (score, reason) in zip(nonblank, model.predict(rows)):
        if out[i] is not None:
            continue
        removed = score >= model.threshold and i not in guarded
        if removed or keep_scores:
            out[i] = Verdict(reason, "model" if removed else "kept", round(score, 3),
                             recurrence[i] if recurrence else None)
    return out


def body_guard(lines: list[str], keys: list[str], nonblank: list[int]) -> set[int]:
    """Lines the classifier may not remove:
    - sentences of six words or more that continue the story («وأضاف …», «كما …», «في حين …»). Of such lines on
      the 147 annotated pages, 519 were body and 2 other stories' leads whose first word only looks like a
      conjunction («وقعت …»); the classifier, which weighs a line's neighbours, had taken body lines after a
      caption or a byline for more of the same. Shorter ones (three to five words) when they end as a
      sentence does («ولإميلي أربعة أبناء.»): 5 of 5 body on the 209 annotated pages;
    - the page's first dateline («دبي، … (CNN) --») among its first three lines: the story's own lead (7 of 7
      on the 209 annotated pages; the classifier took one for another story's lead, which a second dateline
      is)."""
    guarded = {i for i in nonblank if CONTINUATION.match(keys[i]) and (
        words(lines[i]) >= GUARD_WORDS
        or words(lines[i]) >= 3 and lines[i].rstrip().rstrip(CLOSERS).endswith(SENTENCE_STOPS))}
    for i in nonblank[:3]:
        if DATELINE.match(keys[i].strip()):
            guarded.add(i)
            break
    return guarded


GUARD_WORDS = 6
CLOSERS = "\"'”»)"
SENTENCE_STOPS = (".", "!", "؟", "?")


def certain_rules(lines: list[str], keys: list[str], nonblank: list[int]) -> list[str | None]:
    """The reason each line gets from the certain rules alone (for training the classifier)."""
    out: list[Verdict | None] = [None] * len(lines)
    _certain(lines, keys, nonblank, out)
    return [v.reason if v else None for v in out]


def _certain(lines: list[str], keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    _phrase_rules(keys, nonblank, out)
    _line_shapes(lines, keys, nonblank, out)
    _head_byline(keys, nonblank, out)
    _menus(lines, nonblank, out)
    _related_link_items(lines, nonblank, out)
    _second_dateline(keys, nonblank, out)
    _after_source_line(nonblank, out)


def _phrase_rules(keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    rules = load_rules()
    for i in nonblank:
        rule = rules.match_folded(keys[i])
        if rule is not None:
            out[i] = Verdict(rule.reason, rule.name)


def _line_shapes(lines: list[str], keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """Line shapes that need no phrase: breadcrumbs, initials, e-mail addresses, bare dates and times."""
    for i in nonblank:
        if out[i] is not None:
            continue
        line = lines[i]
        if DATE_ONLY.match(keys[i]) and any(c.isdigit() for c in line):
            out[i] = Verdict("other", "date_only_line")
        elif is_breadcrumb(line):
            out[i] = Verdict("navigation", "breadcrumb_trail")
        elif INITIALS.match(line):
            out[i] = Verdict("byline", "editor_initials")
        elif is_email(line):
            out[i] = Verdict("byline", "email_line")


def _head_byline(keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    for i in nonblank[:2]:
        if out[i] is None and len(nonblank) > 2 and is_head_byline(keys[i]):
            out[i] = Verdict("byline", "head_byline")


def _menus(lines: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """Runs of short lines with no sentence punctuation at the start or the end of the page.

    Between two paragraphs the same shape is a list that belongs to the story (the venues of a tournament,
    a ranking «1-المملكة العربية السعودية»): in ANT's CNN texts 191 such lines were lists, not menus.
    """
    # whether every non-blank line after position p already has a verdict (lines after a run are not touched
    # before the run is judged), and before it (kept up to date as runs are marked): one pass, not one per run
    n = len(nonblank)
    decided_after = [True] * (n + 1)
    for p in range(n - 1, -1, -1):
        decided_after[p] = decided_after[p + 1] and out[nonblank[p]] is not None
    run: list[int] = []  # positions in nonblank
    decided_before = True  # for every line before the current run
    for p in range(n + 1):  # p == n flushes the last run
        if p < n and is_short_item(lines[nonblank[p]]):
            run.append(p)
            continue
        # at an edge: nothing but boilerplate already found lies before it (or after it)
        if len(run) >= NAV_RUN_MIN and (decided_before or decided_after[run[-1] + 1]):
            for q in run:
                j = nonblank[q]
                out[j] = out[j] or Verdict("navigation", "short_line_run")
        for q in run + ([p] if p < n else []):
            decided_before = decided_before and out[nonblank[q]] is not None
        run = []


def _related_link_items(lines: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """The headlines listed under a related-links header."""
    for pos, i in enumerate(nonblank):
        # a header with its link on the same line («اقرأ أيضا: …») lists nothing below it
        if out[i] and out[i].rule == "related_links_header" and words(lines[i]) <= 4:
            for j in nonblank[pos + 1:]:
                if out[j] is not None or not is_headline(lines[j]):
                    break
                out[j] = Verdict("related_links", "related_links_item")


def _second_dateline(keys: list[str], nonblank: list[int], out: list[Verdict | None]) -> None:
    """A second dateline («دبي، … (CNN) --») opens another story: from there on, all are other stories."""
    for pos, i in enumerate(nonblank):
        if pos >= 2 and DATELINE.match(keys[i].strip()):
            for j in nonblank[pos:]:
                out[j] = out[j] or Verdict("teaser", "second_dateline")
            return


def _after_source_line(nonblank: list[int], out: list[Verdict | None]) -> None:
    """After a source line in the second half of the page (its middle line included), nothing is article text
    any more."""
    sources = [i for i in nonblank if out[i] and out[i].reason == "source_line"]
    if sources and sources[-1] >= nonblank[(len(nonblank) - 1) // 2]:
        for j in nonblank:
            if j > sources[-1] and out[j] is None:
                out[j] = Verdict("teaser", "after_source_line")
