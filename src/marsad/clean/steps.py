"""Pipeline steps of the cleaning stage."""

from __future__ import annotations

from ..article import Article, Removed
from ..pipeline import Step
from ..text.normalize import fold, strip_invisible
from .boilerplate import classify_lines
from .evidence import folded_keys, outlet_of
from .outlet import outlet_from_source_line, outlet_from_url, outlet_from_via_phrase


def _trim_blank_edges(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


def page_verdicts(article: Article, evidence=None, keep_scores: bool = False) -> tuple[list[str], list]:
    """A raw article's lines (invisible marks removed) and each one's verdict (clean/boilerplate.py), with the
    corpus evidence for its outlet where there is some: what the cleaner applies and `debug-clean` shows."""
    raw = strip_invisible(article.raw.replace("\r\n", "\n").replace("\r", "\n"))
    lines = raw.split("\n")
    # folding keeps "\n" and never adds one, so the folded page splits into the folded lines
    folded = fold(raw).split("\n")
    recurrence = evidence.recurrence(outlet_of(article), folded_keys(folded)) if evidence else None
    return lines, classify_lines(lines, article.title, recurrence, keep_scores=keep_scores, keys=folded)


class BoilerplateCleaner(Step):
    """Sets `text` to the article body and lists every removed line with its reason and raw line number.

    Kept lines are joined with newlines as published (blank lines between paragraphs kept; leading and
    trailing blank lines and trailing spaces dropped); invisible bidi controls and zero-width characters are
    removed. With `clean=False` the text is kept exactly as given.
    """

    name = "clean"
    requires = frozenset({"raw", "raw_has_lines", "title"})
    assigns = frozenset({"text", "removed"})

    def process(self, article: Article) -> None:
        if not self.options.clean:
            article.text = article.raw
            return
        lines, verdicts = page_verdicts(article, self.options.evidence)
        kept: list[str] = []
        for number, (line, verdict) in enumerate(zip(lines, verdicts), 1):
            if verdict is None:
                kept.append(line.rstrip())
            else:
                article.removed.append(Removed(line.strip(), number if article.raw_has_lines else None,
                                               verdict.reason, verdict.rule,  # type: ignore[arg-type]
                                               verdict.score, verdict.recurs))
        article.text = "\n".join(_trim_blank_edges(kept))


class OutletFinder(Step):
    """Sets `source.outlet` where the reader left it empty: source line, then «وفق متابعة …», then URL host."""

    name = "outlet"
    requires = frozenset({"text", "removed", "source"})
    assigns = frozenset({"source"})  # its outlet and outlet_rule

    def process(self, article: Article) -> None:
        src = article.source
        if src.outlet:
            return
        for removed in reversed(article.removed):
            if removed.reason == "source_line":
                name = outlet_from_source_line(removed.text)
                if name:
                    src.outlet, src.outlet_rule = name, "source_line"
                    return
        name = outlet_from_via_phrase(article.text or "")
        if name:
            src.outlet, src.outlet_rule = name, "via_phrase"
            return
        host = outlet_from_url(src.url)
        if host:
            src.outlet, src.outlet_rule = host, "url_host"
