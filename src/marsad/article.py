"""The analysed article and its items.

After cleaning, `Article.text` never changes: every item is a (start, end) view into it, and
`text[start:end] == span.text` holds for all of them (checked by `Article.check_spans`).
Items carry `rule`: the name of the rule or model that produced them, so every result can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # the token table is working state; importing it here would load the tokenizer with the model
    from .text.tokens import TokenizedText

SCHEMA_ID = "marsad.article/1"

RemovalReason = Literal[
    "teaser", "cookie_notice", "source_line", "navigation", "share_prompt", "related_links",
    "copyright", "advertisement", "byline", "caption", "other",
]
InputFormat = Literal["text", "html", "warc", "jsonl"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        """The span [start, end) of `text`; the only way extractors should make spans."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Removed:
    """One raw line that cleaning took out of the article."""

    text: str
    line: int | None
    reason: RemovalReason
    rule: str   # the rule's name, or "model" for the line classifier
    # why, beyond the rule's name (not part of the output; `marsad show` and `debug-clean` print them): the
    # classifier's P(not article), and how many other stories of the outlet carry the line
    score: float | None = None
    recurs: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "line": self.line, "reason": self.reason, "rule": self.rule}

    def why(self) -> str:
        return why_removed(self.rule, self.score, self.recurs)


def why_removed(rule: str, score: float | None, recurs: int | None) -> str:
    """A cleaning verdict in words: the rule, or the line classifier's score (rule "model", or "kept" for a line
    it looked at and kept) and the corpus evidence."""
    if rule not in ("model", "kept"):
        return f"rule {rule}"
    out = f"model {score:.2f}" if score is not None else "model"
    if recurs:
        out += f" · recurs in {recurs} other {'story' if recurs == 1 else 'stories'} of this outlet"
    return out


@dataclass(frozen=True, slots=True)
class Entity:
    span: Span
    label: Literal["PER", "ORG", "LOC", "MISC"]
    canonical: str
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "label": self.label, "canonical": self.canonical, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Quantity:
    span: Span
    kind: Literal["number", "money", "percent", "measure"]
    value: float | int
    unit: str | None = None
    rule: str = ""
    # half the unit of the last printed digit, in the value's units («2.3 مليار» → 50,000,000): what rounding of
    # the printed figure can explain, used by the arithmetic checks; not part of the output
    resolution: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "kind": self.kind, "value": self.value, "unit": self.unit,
                "rule": self.rule}


@dataclass(frozen=True, slots=True)
class DateMention:
    span: Span
    value: str | None
    relative: bool = False
    calendar: Literal["gregorian", "hijri"] = "gregorian"
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "value": self.value, "relative": self.relative,
                "calendar": self.calendar, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Statement:
    verb: Span
    speaker: Span | None
    content: Span
    speaker_canonical: str | None = None
    channel: str | None = None
    via: str | None = None
    direct_quote: bool = False
    rule: str = ""
    addressee: Span | None = None          # whom it was said to, where the article says so («أبلغ X Y أن» → Y)
    addressee_canonical: str | None = None

    def spans(self) -> list[Span]:
        return [s for s in (self.verb, self.speaker, self.content, self.addressee) if s is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "verb": self.verb.to_dict(),
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_canonical": self.speaker_canonical,
            "content": self.content.to_dict(),
            "channel": self.channel,
            "via": self.via,
            "direct_quote": self.direct_quote,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "addressee_canonical": self.addressee_canonical,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    trigger: Span
    actors: tuple[str, ...]
    targets: tuple[str, ...] = ()
    mode: str | None = None
    location: str | None = None
    topics: tuple[str, ...] = ()
    rule: str = ""
    # when it happened (ISO, as precise as the text): the date of its sentence ("stated"), else the article's
    # reference date ("reference"); None when there is neither
    date: str | None = None
    date_basis: Literal["stated", "reference"] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "trigger": self.trigger.to_dict(),
                "actors": list(self.actors), "targets": list(self.targets), "location": self.location,
                "topics": list(self.topics), "date": self.date, "date_basis": self.date_basis, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Check:
    kind: Literal["percent_change", "sum", "share"]
    claimed: float
    computed: float
    consistent: bool
    quantities: tuple[int, ...] = ()  # earlier amount, percentage, later amount (a multiple has no percentage)
    rule: str = ""
    evidence: str | None = None  # why these amounts were paired

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "claimed": self.claimed, "computed": self.computed,
                "consistent": self.consistent, "quantities": list(self.quantities), "rule": self.rule,
                "evidence": self.evidence}


@dataclass(slots=True)
class Source:
    format: InputFormat
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    # how the outlet was found (source_line, via_phrase, html_metadata, url_host, given): explainability
    outlet_rule: str | None = None
    # where in the input the article is (a JSONL line, a WARC record), so its errors name the place;
    # not part of the output
    line: int | None = None
    record: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "url": self.url, "outlet": self.outlet, "format": self.format,
                "outlet_rule": self.outlet_rule}


@dataclass(slots=True)
class ReferenceDate:
    value: str
    basis: Literal["published", "given", "inferred"]

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "basis": self.basis}


@dataclass(slots=True)
class Article:
    """One article as it moves through the pipeline.

    `raw` is the text as read (before cleaning); `text` is set once by the cleaning step and then frozen.
    """

    id: str
    source: Source
    raw: str
    title: str | None = None
    published: str | None = None
    text: str | None = None
    reference_date: ReferenceDate | None = None
    language: str | None = None
    removed: list[Removed] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    # whether raw lines have numbers (HTML main text does not: it is trafilatura's rendering, not the file)
    raw_has_lines: bool = True
    # the tokens of `text`, made once by the tokens step and read by every extractor; working state, not part
    # of the output
    tokens: TokenizedText | None = None

    def spans(self) -> list[Span]:
        """Every span of every kind, for invariant checks."""
        out: list[Span] = [e.span for e in self.entities]
        out += [q.span for q in self.quantities]
        out += [d.span for d in self.dates]
        for s in self.statements:
            out += s.spans()
        out += [e.trigger for e in self.events]
        return out

    def check_spans(self) -> None:
        """Raise AssertionError if any span breaks `text[start:end] == span.text`."""
        text = self.text or ""
        for s in self.spans():
            if not (0 <= s.start <= s.end <= len(text)) or text[s.start:s.end] != s.text:
                raise AssertionError(f"span {s!r} does not match the article text")
        for start, end in self.sentences:
            if not (0 <= start <= end <= len(text)):
                raise AssertionError(f"sentence ({start}, {end}) is outside the article text")

    def to_dict(self) -> dict[str, Any]:
        text = self.text if self.text is not None else self.raw
        return {
            "schema": SCHEMA_ID,
            "id": self.id,
            "source": self.source.to_dict(),
            "title": self.title,
            "published": self.published,
            "reference_date": self.reference_date.to_dict() if self.reference_date else None,
            "language": self.language or "und",
            "text": text,
            "removed": [r.to_dict() for r in self.removed],
            "sentences": [{"start": s, "end": e} for s, e in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "quantities": [q.to_dict() for q in self.quantities],
            "dates": [d.to_dict() for d in self.dates],
            "statements": [s.to_dict() for s in self.statements],
            "events": [e.to_dict() for e in self.events],
            "checks": [c.to_dict() for c in self.checks],
        }
