"""The event pipeline step."""

from __future__ import annotations

from ...article import Article
from ...pipeline import Step
from .dating import dated
from .extract import EventFinder
from .lexicon import load


class EventExtractor(Step):
    """Fills `events`: who did what with whom, typed with PLOVER (docs/rules.md#events).

    Requires the text, its sentences and tokens. When an entity step ran before it (`uses`), actors, targets and the
    location are entity canonical names; without one, noun-phrase rules (extract.py) find them. Each event is
    dated by its sentence's date, else the reference date (dating.py), when the date step ran before it.
    """

    name = "events"
    requires = frozenset({"text", "sentences", "tokens"})
    uses = frozenset({"entities", "dates", "reference_date"})
    assigns = frozenset({"events"})

    def __init__(self, options) -> None:
        super().__init__(options)
        self._finder: EventFinder | None = None

    @property
    def finder(self) -> EventFinder:
        if self._finder is None:
            self._finder = EventFinder(load())
        return self._finder

    def process(self, article: Article) -> None:
        events = self.finder.find(article.text or "", article.sentences, list(article.entities), article.tokens)
        # each event's date: its sentence's (the dates step's mentions), else the reference date (dating.py)
        article.events = dated(events, article.dates, article.sentences, article.reference_date, article.text or "")
