"""The statement pipeline step."""

from __future__ import annotations

from ...article import Article
from ...pipeline import Step
from .extract import StatementFinder
from .lexicon import load


class StatementExtractor(Step):
    """Fills `statements`: who said what (docs/rules.md#statements).

    Requires the text, its sentences and tokens. When an entity step ran before it (`uses`), entity mentions give the
    speakers' canonical names and the antecedents of implicit subjects; without one, the noun-phrase rules
    of extract.py find both on their own.
    """

    name = "statements"
    requires = frozenset({"text", "sentences", "tokens"})
    uses = frozenset({"entities"})
    assigns = frozenset({"statements"})

    def __init__(self, options) -> None:
        super().__init__(options)
        self._finder: StatementFinder | None = None

    @property
    def finder(self) -> StatementFinder:
        if self._finder is None:
            self._finder = StatementFinder(load())
        return self._finder

    def process(self, article: Article) -> None:
        text = article.text or ""
        article.statements = self.finder.find(text, article.sentences, list(article.entities), article.tokens)
