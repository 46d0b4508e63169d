"""The pipeline step: tokens → model tags (the network, with the CRF filling its gaps when the model says so;
+ document consistency) → span rules and filters → character spans without proclitics → in-article canonical
names.
"""

from __future__ import annotations

from typing import NamedTuple

from ...article import Article, Entity, Span
from ...pipeline import Step
from ...text.normalize import fold, fold_with_offsets
from ...text.tokens import TokenizedText
from .clitics import split
from .consistency import trim_after_surname
from .linking import Mention, link
from .model import tagger
from .rules import QUOTES, TokenEntity, nisba, sentence_entities


class EntitySpan(NamedTuple):
    """An entity of a text, in characters, before linking: equal to the plain tuple (start, end, label, rule, name)."""

    start: int   # character offsets in the text: the span starts after any proclitic
    end: int
    label: str   # PER, ORG, LOC or MISC
    rule: str    # the model that tagged it ("network", "crf") or the span rule ("rule:…")
    name: str    # the span text, «_» read as a space and «ال» restored after a split «لل» proclitic


def recognise(text: str, sentences: list[tuple[int, int]]) -> list[EntitySpan]:
    """The EntitySpans (start, end, label, rule, name) of every entity of `text`; `name` is the span text, with
    «ال» restored where a «لل» proclitic was split off («للأمم المتحدة» → span «لأمم المتحدة», name «الأمم
    المتحدة»)."""
    return recognise_many([(text, sentences)])[0]


def recognise_many(docs: list[tuple[str, list[tuple[int, int]]]],
                   tables: list[TokenizedText] | None = None) -> list[list[EntitySpan]]:
    """recognise() of several (text, sentences) at once: the model tags them in one call
    (Tagger.analyse_documents); the results are the same as one by one. `tables`: the documents' token tables
    where the pipeline made them (their model tokens are read there), else they are made here."""
    tg = tagger()
    fz = tg.featurizer
    if tables is None:
        tables = [TokenizedText(text, sentences) for text, sentences in docs]
    # «#الولايات_المتحدة»: the underscore joins a hashtag's words; the model reads them as words (ANERcorp has no
    # hashtags) and the entity's span keeps the underscore, its name a space (_spans)
    offsets = [[[o for o in sent if text[o[0]:o[1]] != "_"] for sent in table.model_tokens]
               for (text, _), table in zip(docs, tables)]
    toks = [[[text[s:e] for s, e in offs] for offs in doc] for (text, _), doc in zip(docs, offsets)]
    results = []
    for (text, _), doc_offs, doc_toks, (tags, ans, origin) in zip(docs, offsets, toks,
                                                                  tg.analyse_documents(toks)):
        trim_after_surname(doc_toks, tags, fz, an=ans)  # docs/rules.md#entities: ANERcorp's tags may disagree
        results.append(_spans(text, doc_offs, doc_toks, tags, ans, origin, fz))
    return results


# A word right after an opening quote mark or a hashtag's «#» keeps its first letter: a writer puts a
# preposition or conjunction outside the quotes («لـ"لاند روفر"»), so inside them it is the name's own letter
# («"بلان بي"», «"ولمرت"» Walmart, «#بيومي_فؤاد»). In 3,000 news articles, 123 spans began one or two letters
# after such a mark; checked by hand, the split was right in six. A stem that starts with the article is still
# split, as «بال»/«لل» are rarely a name's own letters: «"بالحجم العائلي"» (three of the six) gives «الحجم
# العائلي», «"للعربية.نت"» «لعربية.نت». The other two («"ومصر"», «"بعيد طيبة"») now keep their proclitic.
_NAME_OPENERS = QUOTES | {"#"}


def _club_names(ans: list, found: list[list[TokenEntity]], fz) -> None:
    """«نادي التعاون» … «التعاون»: a club's name, once the article writes it after «نادي/فريق», is the club wherever
    else it stands alone in the article (the model reads «التعاون», "cooperation", as a common word). Added in
    place to `found`, on tokens no entity covers; the name is the words after the head, without their
    relational adjectives («نادي الهلال السعودي» → «الهلال»)."""
    heads = fz.res.lists["club_heads"]
    names: set[tuple[str, ...]] = set()
    for an, ents in zip(ans, found):
        for i, j, label, _ in ents:
            if label == "ORG" and j - i >= 2 and an[i].stem in heads:
                words = [an[i + 1].stem] + [x.folded for x in an[i + 2:j]]
                while len(words) > 1 and nisba(words[-1]):
                    words.pop()
                names.add(tuple(words))
    if not names:
        return
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name)
    for an, ents in zip(ans, found):
        covered = {m for i, j, _, _ in ents for m in range(i, j)}
        for k, a in enumerate(an):  # one lookup per token: linear in the article
            for name in by_first.get(a.stem, ()):
                n = len(name)
                if k + n > len(an) or any(m in covered for m in range(k, k + n)) \
                        or [x.folded for x in an[k + 1:k + n]] != list(name[1:]) or (k and an[k - 1].stem in heads):
                    continue
                ents.append(TokenEntity(k, k + n, "ORG", "rule:club_name"))
                covered.update(range(k, k + n))
                break


def _spans(text, offsets, toks, tags, ans, origin, fz) -> list[EntitySpan]:
    """A document's tagged tokens → its EntitySpans (rules.sentence_entities, then _club_names)."""
    out = []
    found = [sentence_entities(an, tg_, fz, origin=org) if sent else [] for sent, tg_, an, org
             in zip(toks, tags, ans, origin)]
    _club_names(ans, found, fz)
    for offs, sent, an, ents in zip(offsets, toks, ans, found):
        if not sent:
            continue
        for i, j, label, rule in sorted(ents):
            start, end = offs[i][0], offs[j - 1][1]
            w, plen, stem = an[i].folded, an[i].proclitic_len, an[i].stem
            if plen:  # where the span starts: the strict reading (clitics.split), «كوفي عنان» not «وفي عنان»
                plen, stem = split(w, fz.res, strict=True)
            if plen and start > 0 and text[start - 1] in _NAME_OPENERS and not stem.startswith("ال"):
                plen, stem = 0, w
            restore = False
            if plen:
                key, kmap = fold_with_offsets(sent[i])
                start += kmap[plen] if plen < len(kmap) else 0
                restore = stem.startswith("ال") and not w[plen:].startswith("ال")
            if start >= end:
                continue
            name = text[start:end].replace("_", " ")
            if restore:
                name = "ال" + name[1:]
            out.append(EntitySpan(start, end, label, rule, name))
    return out


class EntityRecognizer(Step):
    """PER, ORG, LOC and MISC mentions (docs/rules.md#entities) with canonical names linked within the article."""

    name = "entities"
    requires = frozenset({"text", "sentences", "tokens"})
    assigns = frozenset({"entities"})

    def prepare(self) -> None:
        tagger()  # the model (0.6-0.7 s to load) is no article's cost

    def process(self, article: Article) -> None:
        self.process_many([article])

    def process_many(self, articles: list[Article]) -> list[None]:
        # the group's entities are all found before any article is filled (Step.process_many's contract)
        found = recognise_many([(a.text or "", a.sentences) for a in articles], [a.tokens for a in articles])
        for article, spans in zip(articles, found):
            article.entities = _entities(article.text or "", spans)
        return [None] * len(articles)


def _family_names(found: list[EntitySpan]) -> list[EntitySpan]:
    """«آل ثاني» alone is the person the article names in full with it («عبدالله آل ثاني»), not an organisation:
    a family name with «آل» ends a person's name (the nasab), and the model, which rarely saw one, tags it ORG."""
    families = {f.name.split(" آل ", 1)[1] for f in found if f.label == "PER" and " آل " in f.name}
    return [f._replace(label="PER", rule=f"{f.rule}+family_name") if f.label != "PER" and f.name.startswith("آل ")
            and f.name[3:] in families else f for f in found]


def _entities(text: str, found: list[EntitySpan]) -> list[Entity]:
    """Entities with their in-article canonical names: a mention in brackets right after an ORG is its acronym."""
    found = _family_names(found)
    acronyms: dict[int, int] = {}
    for k in range(1, len(found)):
        f, prev = found[k], found[k - 1]
        if text[prev.end:f.start].strip() != "(" or text[f.end:].lstrip()[:1] != ")":
            continue
        if (f.name.isascii() and f.name.isupper()) or (f.label == prev.label == "ORG" and " " not in f.name):
            acronyms[k] = k - 1
    canon = link([Mention(f.name, f.label) for f in found], acronyms)
    # «لي» alone is "to me" («وقال لي»), «رمضان» alone the month, unless the article names someone in full
    lists = tagger().res.lists
    linked_only = lists["linked_only"] | lists["linked_names"]
    return [Entity(Span.of(text, f.start, f.end), f.label, c, f.rule) for f, c in zip(found, canon)
            if not (c == f.name and fold(f.name) in linked_only)]
