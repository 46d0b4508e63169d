"""`marsad debug-rules`: why each span of a text matched, or did not, the rule-based extractors.

Runs the tokenizer, dates, quantities and checks on the text as given (no cleaning) and lists every date,
every number read as a quantity (kept, or left out with the context rule that excluded it), and every check,
with the rule that produced it. The library function returns rows; the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .article import Article, ReferenceDate, Source, why_removed
from .extract.check.steps import ArithmeticChecker
from .extract.date.steps import DateExtractor
from .extract.number.grammar import too_long
from .extract.number.words import decimal_digits_limit, digit_limits
from .extract.quantity import QuantityContext, explain_quantities
from .options import Options
from .text.sentences import sentences
from .text.steps import Tokenizer


@dataclass(frozen=True, slots=True)
class RuleRow:
    dimension: str  # date, quantity, check
    start: int
    end: int
    text: str
    value: str
    rule: str
    kept: bool
    why: str = ""


def explain(text: str, reference_date: str | None = None, url: str | None = None) -> tuple[list[RuleRow], str]:
    """Rows for every date, number and check in `text`, and a line saying which reference date was used."""
    article = Article(id="debug", source=Source("text", url=url), raw=text, text=text)
    article.sentences = sentences(text)
    if reference_date:
        article.reference_date = ReferenceDate(reference_date, "given")
    options = Options()
    Tokenizer(options).process(article)
    DateExtractor(options).process(article)
    rows: list[RuleRow] = []
    for d in article.dates:
        value = d.value if d.value is not None else "unresolved (no reference date fine enough)"
        extra = " · relative" if d.relative else ""
        rows.append(RuleRow("date", d.span.start, d.span.end, d.span.text, f"{value}{extra} · {d.calendar}",
                            d.rule, True))
    tt = article.tokens
    exclude = [(d.span.start, d.span.end) for d in article.dates]
    kept = []
    for q, why in explain_quantities(tt, QuantityContext.of(tt, url), exclude):
        unit = f" {q.unit}" if q.unit else ""
        rows.append(RuleRow("quantity", q.span.start, q.span.end, q.span.text, f"{q.kind} {q.value}{unit}",
                            q.rule, why is None, why or ""))
        if why is None:
            kept.append(q)
    article.quantities = kept
    rows += _too_long(tt)
    ArithmeticChecker(options).process(article)
    for c in article.checks:
        a, b = kept[c.quantities[0]], kept[c.quantities[-1]]
        p = kept[c.quantities[1]] if len(c.quantities) == 3 else a  # a multiple has no percentage
        verdict = "agrees" if c.consistent else "does not agree"
        rows.append(RuleRow("check", p.span.start, p.span.end, p.span.text,
                            f"claimed {c.claimed} computed {c.computed} ({verdict}) from {a.value} to {b.value}"
                            f" · paired by {c.evidence}", c.rule, True))
    rows.sort(key=lambda r: (r.start, r.dimension))
    ref = article.reference_date
    basis = f"reference date {ref.value} ({ref.basis})" if ref else "no reference date"
    return rows, basis


def _too_long(tt) -> list[RuleRow]:
    """Digit runs left out for their length (numbers.yaml's limits): said, not silently skipped."""
    whole, fraction = digit_limits()
    why = (f"more than {whole} digits before the decimal point, {fraction} after it, or {decimal_digits_limit()} in "
           "all with a fraction")
    rows = []
    for k, key in enumerate(tt.keys):
        if tt.kinds[k] == "num" and too_long(key):
            shown = key if len(key) <= 40 else f"{key[:20]}…{key[-8:]} ({len(key):,} characters)"
            rows.append(RuleRow("quantity", tt.starts[k], tt.ends[k], shown, "not a number", "number.too_long",
                                False, why))
    return rows


@dataclass(frozen=True, slots=True)
class CleanRow:
    """One raw line of a page and what cleaning did with it."""

    line: int
    text: str
    removed: bool
    reason: str
    why: str


def explain_cleaning(article: Article, evidence=None) -> list[CleanRow]:
    """Every non-blank raw line of a raw article (a reader's output): kept, or removed with its reason and
    why (the rule, or the line classifier's score and the corpus evidence). Kept lines show the classifier's
    score too when it looked at them, so near misses are visible."""
    from .clean.steps import page_verdicts

    lines, verdicts = page_verdicts(article, evidence, keep_scores=True)
    rows = []
    for n, (line, verdict) in enumerate(zip(lines, verdicts), 1):
        if not line.strip():
            continue
        if verdict is None:
            rows.append(CleanRow(n, line.strip(), False, "", ""))
            continue
        removed = verdict.rule != "kept"
        rows.append(CleanRow(n, line.strip(), removed, verdict.reason if removed else "",
                             why_removed(verdict.rule, verdict.score, verdict.recurs)))
    return rows
