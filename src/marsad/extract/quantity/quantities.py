"""Quantities: numbers with their kind (number, money, percent, measure), exact value and unit
(docs/rules.md#quantities).

Numbers come from the number grammar; this module decides what each one is from the words around it: a unit
phrase after it (units.yaml), a currency sign before it, a range partner that carries the unit («98 إلى 106
دولارات»), a subunit joined to it («20 دولارا و43 سنتا»), or a context that makes it no quantity at all
(context.yaml: codes and lists of codes, ordinals, clock times, phone numbers, match scores, years, list
numbering, anything inside a date, and numbers that belong to a name of the entity step: «يورو ستوكس 600»,
«محمد صلاح (29)»). What follows a number weighs most: Arabic counts an indefinite noun («300 موظف»), while a
name or a year goes on with punctuation or a definite word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from ...article import Quantity, Span
from ...text.offsets import OffsetIndex
from ...text.tokens import TokenizedText
from ...text.clitics import readings, surface_forms
from ..number import NumberMatch, find_numbers
from ..number.grammar import exact_arithmetic
from .units import (Unit, context_data, context_families, country_words, family_currency, measure_not_followed_by,
                    outlet_country, percent_before, unit_data,
                    symbol_lexicon, unit_lexicon)


class QuantityContext:
    """What an article tells about bare currency words: its outlet's country and the countries it names.
    Worked out on first use: most articles have no bare currency word to settle."""

    __slots__ = ("_tt", "_url", "_outlet", "_country", "_mentions")
    _UNSET = object()

    def __init__(self, tt: TokenizedText | None = None, url: str | None = None, outlet: str | None = None):
        self._tt, self._url, self._outlet = tt, url, outlet
        self._country = self._mentions = self._UNSET

    @classmethod
    def of(cls, tt: TokenizedText, url: str | None = None, outlet: str | None = None) -> QuantityContext:
        return cls(tt, url, outlet)

    @property
    def country(self) -> str | None:
        if self._country is self._UNSET:
            self._country = outlet_country(self._url, self._outlet)
        return self._country

    @property
    def mentions(self) -> tuple[tuple[str, int], ...]:
        """(country, count) of the countries the article names, most named first; on a tie, the one named
        first (not set order, which changes from run to run)."""
        if self._mentions is self._UNSET:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            if self._tt is not None:
                table, keys = _country_surface(), self._tt.keys
                for word in self._tt.words_in(table):
                    country = table[word]
                    counts[country] = counts.get(country, 0) + keys.count(word)
                    first[country] = min(first.get(country, len(keys)), keys.index(word))
            self._mentions = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]])))
        return self._mentions

    @property
    def turkish(self) -> bool:
        """About Turkey at least as much as about Lebanon and Syria (the other lira countries)."""
        named = dict(self.mentions)
        return named.get("TR", 0) > 0 and named["TR"] >= named.get("LB", 0) + named.get("SY", 0)

    def named_currency(self, family: str) -> str | None:
        """The family's currency of the country the article names most among the family's countries."""
        for country, _ in self.mentions:
            code = family_currency(family, country)
            if code:
                return code
        return None


_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


@lru_cache(maxsize=1)
def _country_surface() -> dict[str, str]:
    """{folded word: the country it names under some clitic reading} («بالكويت» → KW)."""
    table = country_words()
    return {word: table[stem] for word, stem in surface_forms(table).items()}


@dataclass(slots=True)
class _Item:
    number: NumberMatch
    unit: Unit | None
    start: int  # character span, unit words and a currency sign before the digits included
    end: int
    tok_end: int
    rule: str
    excluded: str | None = None
    minor: Decimal = Decimal(0)  # «20 دولارا و43 سنتا»: the subunit amount joined to the major one
    minor_resolution: Decimal = Decimal(0)


def _exclusion(tt: TokenizedText, m: NumberMatch, measured: bool = False) -> str | None:
    """Why the number at `m` is not a quantity, or None. `measured`: a currency or unit follows it, which makes
    it an amount whatever word stands before it («طول الهاتف 158 ملم»)."""
    ctx = context_data()
    kinds, keys, glued = tt.kinds, tt.keys, tt.glued
    first = m.tok_start
    glued_first = glued[first]
    # the tokens just after and just before the number, when there are
    nxt = m.tok_end if m.tok_end < len(keys) else None
    prev = first - 1 if first > 0 else None
    if m.digits and not m.words:
        if nxt is not None and glued[nxt] and kinds[nxt] == "latin":
            return "context.code"  # «5A», «5G»
        if prev is not None and glued_first and kinds[prev] == "latin":
            return "context.code"  # «F16»
        if prev is not None and keys[prev] in "-–/" and glued[prev] and (glued_first or keys[prev] == "/") \
                and first >= 2 and kinds[first - 2] in ("word", "latin"):
            return "context.code"  # «كوفيد-19», «إف-16», «م/24», «د/ 6»
        if prev is not None and kinds[first] == "num" and glued_first and kinds[prev] == "word" \
                and keys[first].isdigit():
            return "context.code"  # «نوت9»: digits glued to a word that is not a clitic («مستوى9,381.01» is a typo)
        if nxt is not None and glued[nxt] and kinds[nxt] == "word" and len(keys[nxt]) <= 2 \
                and keys[nxt] not in ctx["function_words"] and unit_lexicon().match(tt, nxt, clitics=False) is None:
            return "context.code"  # «5زد»; «1317مصحفًا» and «18إلى 21» are a count and a range typed without a space
        if _ends_quoted_name(tt, m):
            return "context.code"  # «“سناب دراغون 410”», «"فيفا 18"»: the number closes a quoted name
        if nxt is not None and keys[nxt] in (":", "٫") and glued[nxt] and nxt + 1 < len(keys) \
                and kinds[nxt + 1] == "num" and glued[nxt + 1]:
            return "context.clock_time"
        if prev is not None and keys[prev] == ":" and glued_first and first >= 2 and kinds[first - 2] == "num":
            return "context.clock_time"
        digits = keys[m.tok_end - 1]
        if digits.isdigit() and len(digits) >= ctx["phone_min_digits"] and digits.startswith("0"):
            return "context.phone"
        if prev is not None and keys[prev] == "+" and glued_first:
            return "context.phone"
    if prev is not None and glued_first and keys[prev] in "#_" or (nxt is not None and glued[nxt]
                                                                   and keys[nxt] == "_"):
        return "context.hashtag"  # «#ثمانٍ_وأربعون_قانوناً»
    if m.words and not m.digits and _ends_quoted_name(tt, m):
        return "context.name"  # «"الأسود الثلاثة"» (England's team): a number word closing a quoted name
    if nxt is not None and keys[nxt] == ")" and nxt + 1 < len(keys):
        nxt += 1  # «(9) مساءً»
    if nxt is not None and kinds[nxt] == "word" and keys[nxt] in ctx["time_after"]:
        return "context.clock_time"
    _, stems = tt.prev_word(m.tok_start)
    if m.words and not m.digits and stems & (ctx["ordinal_words_before"] | ctx["ordinal_words_after"]):
        return "context.ordinal"
    if not tt.text[m.start].isdigit():
        return None  # the cues below make codes and ranks of digits only («المركز ألف و18 منظمة» is a count)
    if measured or _tamyiz_after(tt, m):
        return None  # «للمركز 8424 زائرا»: a counted noun in the accusative makes a count, whatever comes before
    if stems & ctx["code_before"]:
        return "context.code"
    if stems & ctx["name_before"]:
        return "context.name"
    if stems & ctx["ordinal_before"]:
        return "context.ordinal"
    if stems & ctx["letter_names"]:
        return "context.code"
    if stems & ctx["time_before"]:
        return "context.clock_time"
    if stems & ctx["phone_before"] and not _counted_after_bracket(tt, m):
        return "context.phone"  # «إرسال (19) إلى 959»; «إرسال (24) فرقة طبية» is a count
    return None


_OPEN_QUOTES = frozenset("\"«“”″")
_CLOSE_QUOTES = frozenset("\"»”“″")


def _ends_quoted_name(tt: TokenizedText, m: NumberMatch) -> bool:
    """Whether digits close a short quotation that starts with words: a product or event name."""
    if m.tok_end >= len(tt.keys) or tt.keys[m.tok_end] not in _CLOSE_QUOTES or not tt.glued[m.tok_end]:
        return False
    for k in range(m.tok_start - 1, max(-1, m.tok_start - 5), -1):
        if tt.keys[k] in _OPEN_QUOTES:
            return k < m.tok_start - 1 and all(kind in ("word", "latin") for kind in tt.kinds[k + 1:m.tok_start])
        if tt.kinds[k] not in ("word", "latin"):
            return False
    return False


def _followed_by_counted_noun(tt: TokenizedText, m: NumberMatch) -> bool:
    """Whether an indefinite word follows the number: Arabic counts their noun indefinite («300 موظف»), while a
    name or a year goes on with punctuation, a definite word or nothing («فوتسي 100 البريطاني»)."""
    return _next_word(tt, m) == "noun"


def _next_word(tt: TokenizedText, m: NumberMatch) -> str:
    """What follows the number: "none" (end of text), "punct", "definite" (a word with the article),
    "function" (a conjunction or preposition) or "noun" (any other word: an indefinite noun, or a verb)."""
    j = m.tok_end
    if j >= len(tt.keys):
        return "none"
    if tt.kinds[j] != "word":
        return "punct" if tt.kinds[j] == "punct" else "noun"
    if tt.keys[j] in context_data()["function_words"]:
        return "function"
    return "definite" if any(r.article for r in readings(tt.keys[j])) else "noun"



def _tamyiz_after(tt: TokenizedText, m: NumberMatch) -> bool:
    """Whether an indefinite noun in the accusative («زائرا», «مستفيدا») follows: the counted noun of 11–99
    and beyond, which makes the number a count (not a rank, a code or a name)."""
    j = m.tok_end
    if j >= len(tt.keys) or tt.kinds[j] != "word":
        return False
    key = tt.keys[j]
    return (len(key) >= 3 and key.endswith("ا") and not key.endswith("يا")
            and key not in context_data()["accusative_adverbs"] and not any(r.article for r in readings(key)))


def _counted_after_bracket(tt: TokenizedText, m: NumberMatch) -> bool:
    """Whether an indefinite noun follows the number, past a closing bracket («(24) فرقة»)."""
    j = m.tok_end + (1 if m.tok_end < len(tt.keys) and tt.keys[m.tok_end] == ")" else 0)
    if j >= len(tt.keys) or tt.kinds[j] != "word" or tt.keys[j] in context_data()["function_words"]:
        return False
    return not any(r.article for r in readings(tt.keys[j]))


def _after_definite(tt: TokenizedText, m: NumberMatch) -> bool:
    """Whether a word with the article stands right before the number (a count follows no definite word)."""
    j, _ = tt.prev_word(m.tok_start)
    return j >= 0 and j == m.tok_start - 1 and tt.kinds[j] == "word" and any(r.article for r in readings(tt.keys[j]))


def _year_digits(tt: TokenizedText, m: NumberMatch) -> bool:
    """Four digits that could be a year (context.yaml year_range), written alone."""
    lo, hi = context_data()["year_range"]
    key = tt.keys[m.tok_end - 1]
    return (m.digits and not m.words and m.scale is None and len(key) == 4 and key.isdigit()
            and lo <= int(key) <= hi)


def _year_shaped(tt: TokenizedText, m: NumberMatch) -> bool:
    """A four-digit year with nothing to make it a count («كأس الأمم الأفريقية 2015»)."""
    return _year_digits(tt, m) and _next_word(tt, m) in ("none", "punct", "definite")


def _closes_bracket(tt: TokenizedText, j: int) -> bool:
    """Whether a bracket closes at token j, after at most a short list of numbers («(49 و75)»)."""
    for k in range(j, min(j + 6, len(tt.keys))):
        if tt.keys[k] == ")":
            return True
        if tt.kinds[k] != "num" and tt.keys[k] not in ("و", "،", ","):
            return False
    return False


class _Names:
    """The entity step's names, asked whether a number belongs to one: inside it, or right after it."""

    def __init__(self, text: str, names: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.spans = OffsetIndex(names, lambda n: (n[0], n[1]))
        self.by_end = {end: label for _, end, label in names}

    def label_before(self, start: int) -> tuple[str | None, bool]:
        """(label of a name ending just before `start`, whether an opening bracket stands between them)."""
        k = start
        bracket = False
        while k > 0 and self.text[k - 1] in " \u00a0(":
            bracket = bracket or self.text[k - 1] == "("
            k -= 1
        return self.by_end.get(k), bracket

    def exclusion(self, tt: TokenizedText, m: NumberMatch) -> str | None:
        if next(self.spans.overlapping(m.start, m.end), None) is not None:
            return "context.name"  # «يورو ستوكس 600» tagged whole, «مدينة الخمس» (a city)
        if not m.digits or m.words:
            return None
        label, bracket = self.label_before(m.start)
        if label is None:
            return None
        if _year_digits(tt, m) and not bracket and not _tamyiz_after(tt, m):
            # «مونديال روسيا 2018 بحضور», «ريو دي جانيرو 2016 وسنعمل»: right after a name, four digits that
            # can be a year are one unless a counted noun in the accusative follows («أرامكو 2000 موظفا»)
            return "context.year"
        closes = _closes_bracket(tt, m.tok_end)
        if bracket and closes:
            return "context.name_bracket"  # «محمد صلاح (29)»: a scorer's minute; «كأس الخليج (22)»: an edition
        if label in context_data()["name_labels"] and not bracket and not _followed_by_counted_noun(tt, m):
            return "context.name"  # «بوينغ 737», «فوتسي 100 البريطاني»
        return None


def _is_score(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    """«3-1», «6-2»: two short digit groups joined by a hyphen with no spaces."""
    if b.tok_start != a.tok_end + 1 or not (a.digits and b.digits) or a.words or b.words:
        return False
    dash = a.tok_end
    return (tt.keys[dash] in "-–" and tt.glued[dash] and tt.glued[b.tok_start]
            and len(tt.keys[a.tok_end - 1]) <= 3 and len(tt.keys[b.tok_end - 1]) <= 3)


def _unit_after(tt: TokenizedText, m: NumberMatch) -> tuple[Unit | None, int]:
    """The unit phrase right after the number (optionally after «من»: «3 مليارات من الدولارات»)."""
    j = m.tok_end
    if j < len(tt.keys) and tt.keys[j] == ")" and m.tok_start > 0 and tt.keys[m.tok_start - 1] == "(":
        j += 1  # «(100.000)ريال»
    found = unit_lexicon().match(tt, j, clitics=False) if j < len(tt.keys) else None
    if found is None and j + 1 < len(tt.keys) and tt.keys[j] in context_linkers():
        linked = unit_lexicon().match(tt, j + 1, clitics=False)
        if linked is not None and linked.payload.kind == "money":
            found = linked
    if found is None:
        return None, m.tok_end
    unit = found.payload
    if unit.kind == "measure":
        blocked = measure_not_followed_by().get(unit.code or "", frozenset())
        if found.end < len(tt.keys) and tt.keys[found.end] in blocked:
            return None, m.tok_end
    return unit, found.end


@lru_cache(maxsize=1)
def context_linkers() -> frozenset[str]:
    """Words allowed between a number and its currency («3 مليارات من الدولارات»); built once, not per number."""
    return frozenset(unit_data()["currency_linkers"])


def _unit_before(tt: TokenizedText, m: NumberMatch) -> tuple[Unit | None, int]:
    """A currency sign or code, or a percent sign, written just before the digits («$50», «%50»), and where
    the span then starts (the sign is part of the expression)."""
    i = m.tok_start
    if i == 0:
        return None, m.start
    if tt.keys[i - 1] in percent_before() and tt.glued[i]:
        return Unit("percent", None, rule="percent.sign_before"), tt.starts[i - 1]
    for back in (1, 2):
        if i - back < 0:
            break
        hit = symbol_lexicon().match(tt, i - back, clitics=False)
        if hit is not None and hit.end == i:
            return hit.payload, tt.starts[i - back]
    return None, m.start


def _currency(unit: Unit, ctx: QuantityContext) -> str | None:
    if unit.kind != "money" or not unit.resolve:
        return unit.code
    if unit.resolve == "turkish_context":
        return "TRY" if ctx.turkish else None
    code = family_currency(unit.family, ctx.country)
    if code is None and unit.family in context_families():
        code = ctx.named_currency(unit.family)
    return code or unit.fallback


def _number_value(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def find_quantities(tt: TokenizedText, ctx: QuantityContext | None = None,
                    exclude: list[tuple[int, int]] | None = None,
                    names: list[tuple[int, int, str]] | None = None) -> list[Quantity]:
    """Every quantity of the text; numbers overlapping `exclude` (date spans) are skipped, and numbers that
    belong to one of `names` ((start, end, label) from the entity step) too."""
    return [q for q, _ in explain_quantities(tt, ctx, exclude, with_excluded=False, names=names)]


def explain_quantities(tt: TokenizedText, ctx: QuantityContext | None = None,
                       exclude: list[tuple[int, int]] | None = None, with_excluded: bool = True,
                       names: list[tuple[int, int, str]] | None = None) -> list[tuple[Quantity, str | None]]:
    """Every number of the text read as a quantity, with the reason it was left out (None when kept); only the
    kept ones unless `with_excluded`."""
    with exact_arithmetic():  # scales and currency factors multiply values: never rounded to 28 digits
        return _explain_quantities(tt, ctx, exclude, with_excluded, names)


def _explain_quantities(tt: TokenizedText, ctx: QuantityContext | None, exclude: list[tuple[int, int]] | None,
                        with_excluded: bool, names: list[tuple[int, int, str]] | None
                        ) -> list[tuple[Quantity, str | None]]:
    """Every number of the text as a quantity, with why it is excluded (None when it is kept): each number read
    on its own, then beside its neighbours (ranges, lists, codes, scores), then minor units joined."""
    ctx = ctx or QuantityContext()
    named = _Names(tt.text, names) if names else None
    # by offset: every number asks whether it lies in a date, and there can be thousands of both
    dates = OffsetIndex(exclude or [], lambda span: span)
    items = _read_numbers(tt, dates, named)
    _neighbours(tt, items)
    _share_list_units(tt, items)
    _join_minor_units(tt, items)
    return _quantities(tt.text, items, ctx, with_excluded)


def _read_numbers(tt: TokenizedText, dates: OffsetIndex, named: _Names | None) -> list[_Item]:
    """Each number with its unit (after or before it) and, read on its own, why it is no quantity."""
    items: list[_Item] = []
    for m in find_numbers(tt):
        if items and m.start < items[-1].end:
            continue  # inside the previous quantity's unit words («بالمئة» is not the number 100)
        unit, tok_end = _unit_after(tt, m)
        end = tt.ends[tok_end - 1] if unit is not None else m.end
        start = m.start
        if unit is None:
            unit, start = _unit_before(tt, m)
        item = _Item(m, unit, start, end, tok_end, unit.rule if unit else "number")
        measured = unit is not None and unit.kind in ("money", "measure")
        item.excluded = None if measured and m.article else _exclusion(tt, m, measured)
        if next(dates.overlapping(m.start, m.end), None) is not None:
            item.excluded = "context.date_part"
        elif m.fraction_alone and unit is None:
            if _fraction_of(tt, m):
                item.rule = "number.fraction_of"  # «نصف الناخبين»
            else:
                item.excluded = "context.lone_word"  # «نصف ساعة», «نصف النهائي»
        elif m.lone_word and unit is None:
            item.excluded = "context.lone_word"  # «الاثنين» (Monday), «واحد من» (one of)
        elif unit is None and item.excluded is None:
            item.excluded = _bare_exclusion(tt, m, named)
        elif unit is not None and unit.kind == "money" and not m.words and m.scale is None \
                and _DOT_THOUSANDS.fullmatch(tt.keys[m.tok_end - 1]):
            # «2.500 دولار»: with a currency, a dot before three digits groups thousands (no one prices in
            # thousandths of a dollar); «92.395» without one stays a decimal
            m.value = Decimal(tt.keys[m.tok_end - 1].replace(".", ""))
        if unit is None and not m.words and m.scale is None and _DOT_THOUSANDS.fullmatch(tt.keys[m.tok_end - 1]) \
                and _followed_by_counted_noun(tt, m) and tt.keys[m.tok_end] not in context_data()["measured_nouns"]:
            # «19.022 استشارة», «530.750 مستفيدا»: people and things are not counted in thousandths, so the dot
            # groups thousands (as in much Gulf copy); «92.395 نقطة» (an index) stays a decimal
            m.value = Decimal(tt.keys[m.tok_end - 1].replace(".", ""))
            item.rule = "number.dot_thousands"
        items.append(item)
    return items


def _neighbours(tt: TokenizedText, items: list[_Item]) -> None:
    """Each number beside the next: scores are dropped, numbers chained by «/» to a code are codes («المادة (36 /
    1)», «(16/3/1)»), and ranges share the unit of their second bound."""
    for a, b in zip(items, items[1:]):
        if _slash_linked(tt, a.number, b.number):
            if a.excluded and not b.excluded:
                b.excluded = a.excluded
            elif b.unit is None and a.unit is None and _slash_chain(tt, a.number.tok_start) >= 3:
                a.excluded = b.excluded = "context.code"
            if a.excluded:
                continue
        if a.excluded in _LIST_EXCLUSIONS and b.unit is None and not b.excluded and b.number.digits \
                and not b.number.words and _code_list_link(tt, a.number, b.number) \
                and not _followed_by_counted_noun(tt, b.number):
            b.excluded = a.excluded  # «المواد (26، 28، 42)», «(60 و63)»; «جي اس اس 300 و5 سيارات» is a count
            continue
        if b.excluded == "context.clock_time" and not a.excluded and a.unit is None \
                and _bracketed_range(tt, a.number, b.number):
            a.excluded = b.excluded  # «من (4) إلى (9) مساءً»
            continue
        if a.excluded in ("context.phone", "context.code") and not b.excluded and b.unit is None \
                and _bracketed_range(tt, a.number, b.number):
            b.excluded = a.excluded  # «إرسال (19) إلى 959»: the message to the short number
            continue
        if _formula(tt, a.number, b.number) and a.unit is None and b.unit is None:
            a.excluded = b.excluded = "context.code"  # «5 + 1»
            continue
        if _is_score(tt, a.number, b.number) and a.unit is None and b.unit is None:
            a.excluded = b.excluded = "context.score"
            continue
        if a.unit is None and b.unit is not None and b.unit.kind != "percent" or (
                a.unit is None and b.unit is not None and b.unit.kind == "percent"):
            if _range_link(tt, a.number, b.number):
                a.unit = b.unit
                a.rule = f"range.{b.unit.rule}"
                if b.number.scale and not a.number.scale and a.number.value < 1000:
                    a.number.value *= b.number.scale
        elif a.unit is None and b.unit is None and b.number.scale and not a.number.scale \
                and a.number.value < 1000 and not a.excluded and _range_link(tt, a.number, b.number):
            a.number.value *= b.number.scale  # «بين 25 و31 ألف زائر»: the bounds share the scale
            a.rule = "range.number"


def _share_list_units(tt: TokenizedText, items: list[_Item]) -> None:
    """Lists share the unit written after their last member: «0,9 و0,6 و0,7 و0,6%», «10 و20 دولارا»."""
    for a, b in reversed(list(pairwise(items))):
        if a.unit is None and b.unit is not None and not a.excluded and not b.excluded \
                and a.number.digits and not a.number.words and b.number.digits and not b.number.words \
                and _and_link(tt, a.number, b.number):
            a.unit = b.unit
            a.rule = f"list.{b.unit.rule}"


def _quantities(text: str, items: list[_Item], ctx: QuantityContext, with_excluded: bool
                ) -> list[tuple[Quantity, str | None]]:
    """The items as quantities with their values in the unit's base (a currency code or a measure), and why each
    is excluded; excluded ones only when asked for."""
    out: list[tuple[Quantity, str | None]] = []
    for it in items:
        if it.excluded and not with_excluded:
            continue
        m, unit = it.number, it.unit
        value = m.value
        resolution = m.resolution
        if unit is None:
            kind, code = "number", None
        else:
            kind = unit.kind
            code = _currency(unit, ctx)
            value = value * unit.factor + it.minor
            resolution = resolution * unit.factor if not it.minor else it.minor_resolution
        out.append((Quantity(Span.of(text, it.start, it.end), kind, _number_value(value), code,
                             rule=f"{it.rule}/{m.rule}", resolution=float(resolution)), it.excluded))
    return out


def _join_minor_units(tt: TokenizedText, items: list[_Item]) -> None:
    """«20 دولارا و43 سنتا» is one amount, 20.43 USD: a subunit amount joined by «و» to a major one. The
    subunit counts in the major one's currency («3 يوروهات و50 سنتا»)."""
    for a, b in pairwise(items):
        if a.excluded or b.excluded or a.unit is None or b.unit is None or a.minor:
            continue
        if a.unit.kind != "money" or b.unit.kind != "money" or a.unit.factor != 1 or b.unit.factor >= 1:
            continue
        if b.number.words and not b.number.digits or b.number.scale is not None:
            continue
        between = b.number.tok_start - a.tok_end
        linked = (between == 1 and tt.keys[a.tok_end] == "و") or (
            between == 0 and b.number.tok_start < len(tt.keys) and tt.keys[b.number.tok_start] == "و")
        minor = b.number.value * b.unit.factor
        if not linked or minor >= 1:
            continue
        a.minor, a.end, a.tok_end = minor, b.end, b.tok_end
        a.minor_resolution = b.number.resolution * b.unit.factor  # the amount is stated to the cent
        a.rule = f"{a.rule}+minor"
        b.excluded = "joined.minor_unit"


def _fraction_of(tt: TokenizedText, m: NumberMatch) -> bool:
    """«نصف الناخبين», «ثلث المقاعد»: a fraction alone, then the definite noun it takes a part of."""
    if m.article or tt.keys[m.tok_start] == "و" or tt.keys[m.tok_start].startswith("و"):
        return False  # «الربع الثاني», «عام ونصف العام»
    return _next_word(tt, m) == "definite" and tt.keys[m.tok_end] not in context_data()["fraction_not_before"]


def _list_marker(tt: TokenizedText, m: NumberMatch) -> bool:
    """«1 – غلاء المهور.»: a number opening a sentence or line, then a dash, bracket or point, then words."""
    k = m.start
    while k > 0 and tt.text[k - 1] in " \t\u00a0":
        k -= 1
    if k > 0 and tt.text[k - 1] not in "\n.:؛!؟":
        return False
    j = m.tok_end
    return (j + 1 < len(tt.keys) and tt.keys[j] in context_data()["list_marker_after"]
            and tt.kinds[j + 1] == "word")


def _bare_exclusion(tt: TokenizedText, m: NumberMatch, named: _Names | None) -> str | None:
    """Why a number with no unit is no quantity, from its shape and the names around it."""
    ctx = context_data()
    if m.words and not m.digits and m.article and len(m.parts) == 1:
        j, stems = tt.prev_word(m.tok_start)
        after_definite = j >= 0 and tt.kinds[j] == "word" and any(r.article for r in readings(tt.keys[j])) \
            and not stems & ctx["definite_name_before"]
        nxt = tt.keys[m.tok_end] if m.tok_end < len(tt.keys) else ""
        # after a definite noun it is that noun's count («الشيوخ المائة», «البطولات الأربع الكبرى»)
        if not after_definite and (m.parts[0] in ctx["definite_never_alone"] or stems & ctx["definite_name_before"]
                                   or nxt in ctx["definite_name_after"]):
            return "context.definite_name"  # «مجموعة العشرين», «الستة الكبار», «إلى المئة»
    if m.digits and not m.words:
        if _year_shaped(tt, m) or (_year_digits(tt, m) and _after_definite(tt, m) and not _tamyiz_after(tt, m)
                                   and not (_followed_by_counted_noun(tt, m) and not tt.keys[m.tok_end].startswith("و"))):
            return "context.year"  # «كأس الأمم الأفريقية 2015»; «بطولة فرنسا المفتوحة 2016 وحاملة اللقب»
        key = tt.keys[m.tok_end - 1]
        if key.isdigit() and len(key) >= ctx["code_min_digits"] and not _followed_by_counted_noun(tt, m):
            return "context.code"  # «(920000900)»
        if _list_marker(tt, m):
            return "context.list_marker"
        _, stems = tt.prev_word(m.tok_start)
        if stems & ctx["ordinal_labels"] and m.value <= ctx["ordinal_label_max"] \
                and not _followed_by_counted_noun(tt, m):
            return "context.ordinal_label"  # «الهدف الثالث ٦٩»
    if named is not None:
        return named.exclusion(tt, m)
    return None


def _slash_linked(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    return b.tok_start - a.tok_end == 1 and tt.keys[a.tok_end] == "/"


# what the next member of a list shares with the first («المواد (26، 28)», «الأول والثاني (60 و63)»)
_LIST_EXCLUSIONS = frozenset({"context.code", "context.ordinal_label", "context.name_bracket"})


def _formula(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    """«5 + 1»: two digit groups joined by a formula sign."""
    return (b.tok_start - a.tok_end == 1 and tt.keys[a.tok_end] in context_data()["formula_links"]
            and a.digits and b.digits and not a.words and not b.words)


def _bracketed_range(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    """Whether only a range word, and brackets, stand between two numbers («(4) إلى (9)»)."""
    between = [k for k in tt.keys[a.tok_end:b.tok_start] if k not in "()"]
    return len(between) == 1 and between[0] in context_data()["range_links"]


def _code_list_link(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    """Whether only a list separator stands between two numbers («26، 28», «1696 و1737»)."""
    links = context_data()["code_list_links"]
    between = b.tok_start - a.tok_end
    if between == 1:
        return tt.keys[a.tok_end] in links
    return between == 0 and tt.keys[b.tok_start] in links  # «و1737»: the conjunction glued to the digits


def _slash_chain(tt: TokenizedText, i: int) -> int:
    """How many digit groups are chained by «/» from token i («16/3/1» gives 3)."""
    count = 0
    while i < len(tt.keys) and tt.kinds[i] == "num":
        count += 1
        if i + 2 < len(tt.keys) and tt.keys[i + 1] == "/" and tt.kinds[i + 2] == "num":
            i += 2
        else:
            break
    return count


def _and_link(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    """Whether only «و» stands between two numbers (spaced or glued to the second)."""
    between = b.tok_start - a.tok_end  # tokens between the two
    if between == 1 and tt.keys[a.tok_end] == "و":
        return True
    return between <= 0 and tt.keys[b.tok_start] == "و"


def _range_link(tt: TokenizedText, a: NumberMatch, b: NumberMatch) -> bool:
    """Whether only a range word stands between two numbers («98 إلى 106», «25 - 50», «بين 25 و50»)."""
    between = b.tok_start - a.tok_end  # tokens between the two
    links = context_data()["range_links"]
    if between == 1 and tt.keys[a.tok_end] in links:
        if tt.keys[a.tok_end] == "و":
            _, stems = tt.prev_word(a.tok_start)
            return "بين" in stems
        return True
    # «و50» after «بين 25»: the conjunction is glued to the second number's token
    if between <= 0 and tt.kinds[b.tok_start] == "word" and tt.keys[b.tok_start] == "و":
        _, stems = tt.prev_word(a.tok_start)
        return "بين" in stems
    return False
