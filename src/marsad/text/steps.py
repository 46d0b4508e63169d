"""Pipeline steps over the cleaned text: the language guard and sentence segmentation."""

from __future__ import annotations

from ..article import Article
from ..errors import MarsadInputError
from ..pipeline import Step
from .script import arabic_ratio, detect_language
from .sentences import sentences
from .tokens import TokenizedText

# Below this share of Arabic letters an article is not Arabic (an English page with an Arabic name or two).
# News in Arabic with Latin brand names and tickers stays above 0.6 in the bundled corpora.
MIN_ARABIC_RATIO = 0.3


class LanguageGuard(Step):
    """Sets `language`; refuses empty articles (E050) and articles not written in Arabic (E051)."""

    name = "language"
    requires = frozenset({"text", "removed"})
    assigns = frozenset({"language"})

    def process(self, article: Article) -> None:
        text = article.text or ""
        if not text.strip():
            why = "nothing left after removing boilerplate" if article.removed else "no text"
            raise MarsadInputError("E050", f"empty article ({why})")
        ratio, letters = arabic_ratio(text)
        if ratio < MIN_ARABIC_RATIO:
            raise MarsadInputError("E051", f"only {ratio:.0%} of {letters} letters are Arabic; Marsad "
                                           "analyses Arabic articles")
        article.language = detect_language(text)


class SentenceSplitter(Step):
    name = "sentences"
    requires = frozenset({"text"})
    assigns = frozenset({"sentences"})

    def process(self, article: Article) -> None:
        article.sentences = sentences(article.text or "")


class Tokenizer(Step):
    """Tokenises the text once (tokens.py: pieces with folded keys, and words with their sentences) for every
    extractor."""

    name = "tokens"
    requires = frozenset({"text", "sentences"})
    assigns = frozenset({"tokens"})

    def process(self, article: Article) -> None:
        article.tokens = TokenizedText(article.text or "", article.sentences)
