"""Date expressions: find them (a small grammar over tokens), then resolve them against a reference date.

Finding and resolving are separate so the reference date can be inferred from the article's own absolute
dates when no publication date is known, and the relative ones resolved after (docs/rules.md#dates).
Patterns, most specific first at each token: [day parts][weekday] + a day-level date (numeric, or day + month
[+ year]); a relative day («أمس», «مساء اليوم», «غد (الأربعاء)»); a weekday («يوم السبت المقبل»); a month
[+ year or modifier]; a year («عام 2018», «2018م», «1436هـ», «في 2016»); a period («العام الماضي», «هذا الشهر»).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ...article import DateMention, Span
from ...text.tokens import TokenizedText
from ...text.clitics import readings
from .hijri import hijri_year_of, to_gregorian
from .resolve import RefDate, day_offset, month_in_context, period, weekday
from ..number.grammar import number_at
from .tense import clause_tense
from .words import date_data, lexicon, may_start_date, word_set

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SEPARATORS = frozenset("/-.")


@dataclass(frozen=True, slots=True)
class DateExpr:
    tok_start: int
    tok_end: int
    start: int
    end: int
    rule: str
    calendar: str = "gregorian"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    month_dir: int = 0  # a month named without a year: 0 the reference year, -1 last one, 1 next one
    rel_days: int | None = None
    weekday: int | None = None
    weekday_dir: int = 0
    period_unit: str | None = None
    period_n: int = 0
    year_offset: int | None = None  # «أكتوبر من العام الماضي»: the year counted from the reference
    tense: int = 0  # the clause's tense (tense.py) for a bare weekday or a month without a year: -1, 0, 1

    @property
    def needs_tense(self) -> bool:
        """A bare weekday, or a Gregorian month named without a year or modifier: the tense chooses its side."""
        if self.rel_days is not None or self.period_unit is not None:
            return False
        if self.weekday is not None and self.day is None:
            return self.weekday_dir == 0
        return (self.calendar == "gregorian" and self.year is None and self.year_offset is None
                and self.month is not None and self.month_dir == 0)

    @property
    def absolute(self) -> bool:
        return self.year is not None and self.rel_days is None and self.weekday is None \
            and self.period_unit is None

    def resolve(self, ref: RefDate | None) -> tuple[str | None, bool]:
        """(ISO value or None, whether the reference date was used)."""
        if self.rel_days is not None:
            return day_offset(ref, self.rel_days, self.weekday), True
        if self.weekday is not None and self.day is None:
            # in a future clause the day is today or the next one («ستوقع الخميس» written on a Thursday)
            direction = self.weekday_dir or (2 if self.tense > 0 else 0)
            return weekday(ref, self.weekday, direction), True
        if self.period_unit is not None:
            return period(ref, self.period_unit, self.period_n), True
        if self.calendar == "hijri":
            return self._hijri(ref)
        year, relative = self.year, False
        if year is None and self.year_offset is not None:
            if ref is None:
                return None, True
            year, relative = ref.date.year + self.year_offset, True
        if year is None and self.month is not None:
            year, relative = month_in_context(ref, self.month, self.month_dir), True
            if year is None:
                return None, True
            if self.tense and self.month_dir == 0 and ref.knows("month"):
                year += _tense_shift(ref, self.month, self.day, self.tense)
        if year is None:
            return None, relative
        if self.month is None:
            return f"{year:04d}", relative
        if self.day is None:
            return f"{year:04d}-{self.month:02d}", relative
        try:
            return dt.date(year, self.month, self.day).isoformat(), relative
        except ValueError:
            return None, relative

    def _hijri(self, ref: RefDate | None) -> tuple[str | None, bool]:
        year, relative = self.year, False
        if year is None:
            if ref is None or not ref.knows("year") or self.month is None:
                return None, True
            year, relative = hijri_year_of(ref.date), True
            if year is None:
                return None, True
        if self.month is None:
            return f"AH{year}", relative
        if self.day is None:
            return f"AH{year}-{self.month:02d}", relative
        g = to_gregorian(year, self.month, self.day)
        return (g.isoformat() if g else None), relative


def _tense_shift(ref: RefDate, month: int, day: int | None, tense: int) -> int:
    """-1 when a past clause's month (and day) lies after the reference date in its year, +1 when a future
    clause's lies before it, else 0: a resolved date never contradicts the tense of its clause."""
    if month == ref.date.month and not (day and ref.knows("day")):
        return 0  # the reference's own month: either side of it is the same year
    here = (month, day or 0)
    now = (ref.date.month, ref.date.day if day else 0)
    if tense < 0 and here > now:
        return -1
    if tense > 0 and here < now:
        return 1
    return 0


# Lexicons whose entries are whole words: «اليوم» is not «يوم» with the article, «الأب» (the father) is not
# the month «آب».
_NO_ARTICLE_STRIP = frozenset({"day_parts", "relative_days", "periods", "this", "months"})


def _m(name: str, tt: TokenizedText, i: int, clitics: bool = True):
    if i >= len(tt.keys):
        return None
    return lexicon(name).match(tt, i, clitics=clitics, article=name not in _NO_ARTICLE_STRIP)


def _skip(tt: TokenizedText, i: int, keys: str) -> int:
    return i + 1 if i < len(tt.keys) and tt.kinds[i] == "punct" and tt.keys[i] in keys else i


def _digits(tt: TokenizedText, i: int, max_len: int = 4) -> int | None:
    if i < len(tt.keys) and tt.kinds[i] == "num" and tt.keys[i].isdigit() \
            and len(tt.keys[i]) <= max_len:
        return int(tt.keys[i])
    return None


def _marker(tt: TokenizedText, i: int) -> tuple[str | None, int]:
    """A calendar marker after a year: «م», «هـ», «ميلادية»."""
    hit = _m("year_markers", tt, i, clitics=False)
    if hit is None:
        return None, i
    return hit.payload, hit.end


def _numeric(tt: TokenizedText, i: int) -> DateExpr | None:
    """16/8/2018, ١٦-٠٨-٢٠١٨, 2018-08-16, 16.8.2018, 4/11/1435هـ."""
    if i >= len(tt.keys) or tt.kinds[i] != "num":
        return None
    dotted = _DOTTED.fullmatch(tt.keys[i])
    if dotted:
        d, m, y = (int(g) for g in dotted.groups())
        end = i + 1
    else:
        kinds, keys = tt.kinds[i:i + 5], tt.keys[i:i + 5]
        if len(keys) < 5 or any(k != "num" for k in kinds[::2]):
            return None
        if keys[1] not in _SEPARATORS or keys[3] != keys[1]:
            return None
        # Saudi copy spaces its slashes («5 / 11 / 1436 هـ», «1 /6 /1437»); other separators must be glued
        if not all(tt.glued[i + 1:i + 5]) and keys[1] != "/":
            return None
        a, b, c = keys[::2]
        if not (a.isdigit() and b.isdigit() and c.isdigit()):
            return None
        if len(c) == 4 and len(a) <= 2 and len(b) <= 2:
            d, m, y = int(a), int(b), int(c)
        elif len(a) == 4 and len(b) <= 2 and len(c) <= 2:
            y, m, d = int(a), int(b), int(c)
        else:
            return None
        end = i + 5
    calendar, after = _marker(tt, end)
    if calendar is None:
        calendar = "hijri" if 1300 <= y <= 1600 else "gregorian"
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    expr = DateExpr(i, after, tt.starts[i], tt.ends[after - 1], "date.numeric", calendar, y, m, d)
    if calendar == "gregorian":
        try:
            dt.date(y, m, d)
        except ValueError:
            return None
    return expr


def _alt_month(tt: TokenizedText, i: int, month: int) -> int:
    """A second naming of the same month: «أكتوبر/تشرين الأول», «أبريل (نيسان)», «ديسمبر كانون الأول»."""
    if i < len(tt.keys) and tt.keys[i] in ("/", "("):
        alt = _m("months", tt, i + 1, clitics=False)
        if alt is not None and alt.payload[1] == month:
            return _skip(tt, alt.end, ")") if tt.keys[i] == "(" else alt.end
    alt = _m("months", tt, i, clitics=False)
    if alt is not None and alt.payload[1] == month:
        return alt.end
    return i


def _year_after(tt: TokenizedText, i: int) -> tuple[int | None, str | None, int]:
    """A year after a month: [من|لـ][هذا] [عام|العام|سنة] 2018 [م|هـ]."""
    j = i
    if j < len(tt.keys) and tt.keys[j] == "من":
        j += 1  # «أكتوبر من عام 2016»
    this = _m("this", tt, j)
    if this is not None:
        j = this.end
    cue = _m("year_cues", tt, j)
    if cue is not None:
        j = cue.end
    y = _digits(tt, j)
    if y is None or not (100 <= y <= 2100) or (len(tt.keys[j]) < 4 and cue is None):
        return None, None, i
    calendar, end = _marker(tt, j + 1)
    return y, calendar, end


def _day_month(tt: TokenizedText, i: int) -> DateExpr | None:
    """«16 أغسطس 2018», «26 يونيو», «الثالث من سبتمبر المقبل», «26 شوال 1436 هـ», «29 أغسطس الحالي»."""
    day = _digits(tt, i, 2)
    j = i + 1
    prefix = 0
    if day is None:
        ordinal = _m("ordinal_days", tt, i)
        if ordinal is None:
            return None
        day, j, prefix = ordinal.payload, ordinal.end, ordinal.prefix
    if j < len(tt.keys) and tt.keys[j] == "من":
        j += 1  # «الثالث من سبتمبر», «22 من أغسطس»
    if not 1 <= day <= 31:
        return None
    word = _m("month_word", tt, j)
    if word is not None:
        j = word.end
    month = _m("months", tt, j, clitics=False)
    if month is None:
        return None
    calendar, number = month.payload
    j = _alt_month(tt, month.end, number)
    year, marker, end = _year_after(tt, j)
    direction, offset = 0, None
    if year is None:
        mod = _m("modifiers", tt, j, clitics=False)
        if mod is not None:
            direction, end = mod.payload, mod.end
        else:
            offset, end = _relative_year_after(tt, j)
    if marker == "hijri":
        calendar = "hijri"
    start = tt.start_after_prefix(i, prefix)
    return DateExpr(i, end, start, tt.ends[end - 1], "date.day_month", calendar, year, number, day,
                    month_dir=direction, year_offset=offset)


def _relative_year_after(tt: TokenizedText, i: int) -> tuple[int | None, int]:
    """«من العام الماضي», «من هذا العام», «العام الماضي» after a month: (years from the reference, end token)."""
    if i < len(tt.keys):
        period_expr = _period(tt, i + 1 if tt.keys[i] == "من" else i)
        if period_expr is not None and period_expr.period_unit == "year":
            return period_expr.period_n, period_expr.tok_end
    return None, i


def _month(tt: TokenizedText, i: int, linked: bool = False) -> DateExpr | None:
    """«يناير/كانون الثاني 2016», «شهر نوفمبر الماضي», «أبريل/نيسان», «رمضان 1443 هـ». `linked`: the second
    month of a range or list, where even an ambiguous name is a month («من يناير إلى مارس»)."""
    word = _m("month_word", tt, i)
    j = word.end if word is not None else i
    month = _m("months", tt, j, clitics=word is None)
    if month is None:
        return None
    calendar, number = month.payload
    k = _alt_month(tt, month.end, number)
    year, marker, end = _year_after(tt, k)
    direction, has_mod, offset = 0, False, None
    if year is None:
        mod = _m("modifiers", tt, k, clitics=False)
        if mod is not None:
            direction, end, has_mod = mod.payload, mod.end, True
        else:
            offset, end = _relative_year_after(tt, k)
            has_mod = offset is not None
    if marker == "hijri":
        calendar = "hijri"
    ambiguous = month.phrase in word_set("ambiguous_months")
    if year is None and calendar == "hijri":
        return None  # «رمضان», «شعبان» alone are also names; a Hijri month without a year is left out
    if ambiguous and not (word or k > month.end or year or has_mod or linked or (
            month.phrase not in word_set("ambiguous_even_after") and _month_context(tt, i, k))):
        return None
    prefix = word.prefix if word is not None else month.prefix
    start = tt.start_after_prefix(i, prefix)
    return DateExpr(i, end, start, tt.ends[end - 1], "date.month", calendar, year, number, None,
                    month_dir=direction, year_offset=offset)


def _month_context(tt: TokenizedText, i: int, after: int) -> bool:
    """Whether an ambiguous month name at token i reads as the month from the words around it: after «منذ»,
    «في», «خلال»… and not before a definite noun, which would make it a verb's object («منذ مارس المهنة»)."""
    _, stems = tt.prev_word(i)
    if not stems & word_set("ambiguous_month_after"):
        return False
    return after >= len(tt.keys) or tt.kinds[after] != "word" or not tt.keys[after].startswith("ال")


def _link_before(tt: TokenizedText, i: int, floor: int) -> int | None:
    """The first token of the range word(s) ending just before token i («-», «و», «وحتى», «و حتى»), or None."""
    links = word_set("range_links")
    j = i
    while j > floor and i - j < 2 and tt.keys[j - 1] in links:
        j -= 1
    return j if j < i else None


def _first_day(tt: TokenizedText, second: DateExpr, floor: int) -> DateExpr | None:
    """The first bound of a range or list of days whose last one carries the month: «22- 23 مارس», «17 و25
    ديسمبر», «بين الثالث وحتى السادس من مارس 2016م». It takes the month and year of the second."""
    if second.day is None or second.month is None or second.weekday is not None:
        return None
    link = _link_before(tt, second.tok_start, floor)
    if link is None or link == floor:
        return None
    partial = _day_slash_month(tt, link, floor)
    if partial is not None and second.rule.startswith("date.numeric"):
        # «من 6 / 11 حتى 1 / 12 / 1436 هـ»: the first bound has its own month, the second's year
        day, month, first = partial
        return replace(second, tok_start=first, tok_end=link, start=tt.starts[first], end=tt.ends[link - 1],
                       day=day, month=month, rule="date.day_range")
    day, first, prefix = _digits(tt, link - 1, 2), link - 1, 0
    if day is not None:
        if first > floor and tt.glued[first] and tt.kinds[first - 1] != "word":
            return None  # «2015/12 - 23 مارس»: part of something else
    else:
        for k in range(link - 1, max(floor, link - 4) - 1, -1):
            hit = _m("ordinal_days", tt, k)
            if hit is not None and hit.end == link:
                day, first, prefix = hit.payload, k, hit.prefix
                break
    if day is None or not 1 <= day <= 31 or day >= second.day:
        return None
    start = tt.start_after_prefix(first, prefix)
    return replace(second, tok_start=first, tok_end=link, start=start, end=tt.ends[link - 1], day=day,
                   rule="date.day_range")


def _day_slash_month(tt: TokenizedText, link: int, floor: int) -> tuple[int, int, int] | None:
    """(day, month, first token) of «6 / 11» ending just before token `link`, else None."""
    d, sep, m = link - 3, link - 2, link - 1
    if d < floor or tt.keys[sep] != "/":
        return None
    day, month = _digits(tt, d, 2), _digits(tt, m, 2)
    if day is None or month is None or not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    if d > floor and tt.kinds[d - 1] == "punct" and tt.keys[d - 1] == "/":
        return None  # part of a longer numeric expression
    return day, month, d


def _coordinated_month(tt: TokenizedText, prev: DateExpr, i: int) -> DateExpr | None:
    """«من يناير إلى مارس», «يناير ومارس»: a second month joined to a month just found (not a day)."""
    if prev.month is None or prev.day is not None or prev.weekday is not None or i >= len(tt.keys):
        return None
    links = word_set("range_links")
    j = i
    while j < len(tt.keys) and j - i < 2 and tt.keys[j] in links:
        j += 1
    if j == i and not tt.keys[i].startswith("و"):
        return None  # «ومارس»: the conjunction glued to the month
    second = _month(tt, j, linked=True)
    if second is None or second.calendar != prev.calendar:
        return None
    if second.year is None and second.year_offset is None and prev.year is not None:
        second = replace(second, year=prev.year)  # «من يناير 2018 إلى مارس»
    return second


def _year(tt: TokenizedText, i: int) -> DateExpr | None:
    cue = _m("year_cues", tt, i)
    if cue is not None:
        y = _digits(tt, cue.end)
        if y is not None and 1 <= y <= 2100:
            calendar, end = _marker(tt, cue.end + 1)
            return _year_expr(tt, i, end, cue.prefix, y, calendar or "gregorian", "date.year.cue")
        return _year_in_words(tt, i, cue)
    y = _digits(tt, i)
    if y is None or len(tt.keys[i]) < 3:
        return None
    calendar, end = _marker(tt, i + 1)
    # «100م» is a hundred metres and «2018م» a year; a marker written out («645 ميلادي») makes any year
    if calendar is not None and (len(tt.keys[i]) == 4 or len(tt.keys[end - 1]) > 1):
        return _year_expr(tt, i, end, 0, y, calendar, "date.year.marker")
    pair = _pair_link(tt, i + 1)
    if pair is not None:
        calendar, _ = _marker(tt, pair + 1)
        if calendar is not None:  # «بين 568 و645 ميلادي»: the marker after the second year covers both
            return _year_expr(tt, i, i + 1, 0, y, calendar, "date.year.marker")
    lo, hi = date_data()["bare_year_range"]
    if len(tt.keys[i]) != 4 or not lo <= y <= hi:
        return None
    j, stems = tt.prev_word(i)
    if "من" in stems and j > 0 and tt.prev_word(j)[1] & word_set("year_of_after"):
        return _year_expr(tt, i, i + 1, 0, y, "gregorian", "date.year.part_of")  # «النصف الأول من 2018»
    nxt = i + 1 if i + 1 < len(tt.keys) else None
    if (stems & word_set("bare_year_after") or nxt is None
            or (tt.kinds[nxt] == "punct" and tt.keys[nxt] not in "%٪-/*×")
            or (tt.kinds[nxt] == "word" and {r.stem for r in readings(tt.keys[nxt])} & word_set("bare_year_before"))):
        return _year_expr(tt, i, i + 1, 0, y, "gregorian", "date.year.bare")
    return None


def _year_in_words(tt: TokenizedText, i: int, cue) -> DateExpr | None:
    """«عام ألفين», «عام ألفين وخمسة عشر»: a year written in words after its cue."""
    m = number_at(tt, cue.end) if cue.end < len(tt.keys) and tt.kinds[cue.end] == "word" else None
    lo, hi = date_data()["bare_year_range"]
    if m is None or m.digits or m.article or m.value != m.value.to_integral_value() or not lo <= m.value <= hi:
        return None
    return DateExpr(i, m.tok_end, tt.start_after_prefix(i, cue.prefix), tt.ends[m.tok_end - 1], "date.year.words",
                    "gregorian", int(m.value))


def _pair_link(tt: TokenizedText, i: int) -> int | None:
    """The index of the second number of «X و Y», «X - Y» (i is the token after X), else None."""
    if i + 1 < len(tt.keys) and tt.keys[i] in ("و", "-", "–", "ـ", "/") and tt.kinds[i + 1] == "num" \
            and tt.keys[i + 1].isdigit():
        return i + 1
    return None


def _coordinated_year(tt: TokenizedText, prev: DateExpr, i: int) -> DateExpr | None:
    """«عامي 1186 و1155», «في 2015 و2016», «عام 1997 - 1998»: a second year joined to a year just found."""
    if not prev.rule.startswith("date.year") or prev.month is not None or prev.year is None:
        return None
    second = _pair_link(tt, i)
    if second is None:
        return None
    key = tt.keys[second]
    if len(key) != len(str(prev.year)) and not (len(key) == 2 and len(str(prev.year)) == 4):
        return None
    y = int(key) if len(key) != 2 else prev.year // 100 * 100 + int(key)  # «2010 - 11»
    if y <= prev.year and len(key) == 2:
        return None
    calendar, end = _marker(tt, second + 1)
    return _year_expr(tt, second, end, 0, y, calendar or prev.calendar, "date.year.coordinated")


def _year_expr(tt: TokenizedText, i: int, end: int, prefix: int, y: int, calendar: str, rule: str) -> DateExpr:
    start = tt.start_after_prefix(i, prefix)
    return DateExpr(i, end, start, tt.ends[end - 1], rule, calendar, y)


def _weekday_at(tt: TokenizedText, i: int):
    hit = _m("weekdays", tt, i)
    if hit is None:
        return None
    _, stems = tt.prev_word(i)
    if stems & word_set("weekday_not_after"):
        return None
    return hit


def _nisba(key: str) -> bool:
    """«التدريبي», «الدراسي», «الوطني»: a definite adjective in «ـي» after «اليوم» makes "the X day", not today
    (no weekday name ends so)."""
    return key.startswith("ال") and key.endswith("ي") and len(key) >= 6


def _relative_day(tt: TokenizedText, i: int) -> tuple[int, int, int | None] | None:
    """(days, end token, weekday) for «أمس», «اليوم», «غدا», with a weekday after kept in the span."""
    hit = _m("relative_days", tt, i)
    if hit is None:
        return None
    if hit.phrase.endswith("اليوم"):
        _, before = tt.prev_word(i)
        if hit.prefix == 0 and before & word_set("today_not_after"):
            return None
        if hit.end < len(tt.keys) and (tt.keys[hit.end] in word_set("today_not_before")
                                    or _m("modifiers", tt, hit.end, clitics=False) is not None
                                    or _nisba(tt.keys[hit.end])):
            return None
    if hit.payload == -1 and hit.end < len(tt.keys) and tt.keys[hit.end] in word_set("yesterday_not_before"):
        return None
    end = hit.end
    j = _skip(tt, end, "(")
    wd = _m("weekdays", tt, j, clitics=False)
    if wd is not None:
        end = _skip(tt, wd.end, ")") if j > end else wd.end
    return hit.payload, end, wd.payload if wd is not None else None


def _period(tt: TokenizedText, i: int) -> DateExpr | None:
    """«العام الماضي», «هذا العام», «الشهر المقبل», «العام قبل الماضي», «السنة الماضية»."""
    this = _m("this", tt, i)
    j = this.end if this is not None else i
    unit = _m("periods", tt, j, clitics=this is None)
    if unit is None:
        return None
    end, n = unit.end, 0
    before_last = _m("before_last", tt, end, clitics=False)
    if before_last is not None:
        end, n = before_last.end, -2
    elif this is None:
        mod = _m("modifiers", tt, end, clitics=False)
        if mod is None:
            return None
        end, n = mod.end, mod.payload
    prefix = this.prefix if this is not None else unit.prefix
    start = tt.start_after_prefix(i, prefix)
    y = _digits(tt, end)
    if unit.payload == "year" and y is not None and len(tt.keys[end]) == 4:
        # «العام الماضي 2017»: the year is printed, so the value does not depend on the reference date
        return DateExpr(i, end + 1, start, tt.ends[end], "date.period+year", year=y)
    return DateExpr(i, end, start, tt.ends[end - 1], "date.period", period_unit=unit.payload, period_n=n)


def _day_parts(tt: TokenizedText, i: int) -> tuple[int, int]:
    """(end token, clitic prefix of the first) of «مساء», «يوم», «ليلة يوم» before a day."""
    j, prefix = i, 0
    while True:
        hit = _m("day_parts", tt, j)
        if hit is None:
            return j, prefix
        if j == i:
            prefix = hit.prefix
        j = hit.end


def date_at(tt: TokenizedText, i: int) -> DateExpr | None:
    """The most specific date expression starting at token i."""
    if tt.kinds[i] == "num":  # digits start only numeric dates, day + month, or years
        return _numeric(tt, i) or _day_month(tt, i) or _year(tt, i)
    core_at, prefix = _day_parts(tt, i)
    wd = _weekday_at(tt, core_at)
    lead_start = tt.start_after_prefix(i, prefix) if core_at > i else None
    if wd is not None:
        k = _skip(tt, wd.end, "،,")
        core = _numeric(tt, k) or _day_month(tt, k)
        if core is not None:
            start = lead_start if lead_start is not None else tt.start_after_prefix(core_at, wd.prefix)
            return replace(core, tok_start=i, start=start, weekday=wd.payload, rule=core.rule + "+weekday")
    core = _numeric(tt, core_at) or _day_month(tt, core_at)
    if core is not None:
        return replace(core, tok_start=i, start=lead_start if lead_start is not None else core.start)
    rel = _relative_day(tt, core_at)
    if rel is not None:
        days, end, named_day = rel
        start = lead_start if lead_start is not None else tt.start_after_prefix(
            core_at, _m("relative_days", tt, core_at).prefix)
        return DateExpr(i, end, start, tt.ends[end - 1], "date.relative_day", rel_days=days, weekday=named_day)
    if wd is not None:
        end, direction = wd.end, 0
        mod = _m("modifiers", tt, end, clitics=False)
        if mod is not None and mod.payload != 0:
            end, direction = mod.end, mod.payload
        start = lead_start if lead_start is not None else tt.start_after_prefix(core_at, wd.prefix)
        return DateExpr(i, end, start, tt.ends[end - 1], "date.weekday", weekday=wd.payload,
                        weekday_dir=direction)
    if core_at > i:
        return None  # «يوم», «مساء» with no day after them
    return _month(tt, i) or _year(tt, i) or _period(tt, i)


def find_date_exprs(tt: TokenizedText) -> list[DateExpr]:
    out: list[DateExpr] = []
    end = 0
    n = len(tt.keys)
    for i in tt.candidates(may_start_date(), digits=True):
        if i < end:
            continue
        expr = date_at(tt, i)
        if expr is None:
            continue
        first = _first_day(tt, expr, end)
        if first is not None:
            out.append(first)
        out.append(expr)
        end = max(expr.tok_end, i + 1)
        while end < n:  # «في 1978 و1998 و2002 و2006», «من يناير إلى مارس»
            second = _coordinated_year(tt, expr, end) or _coordinated_month(tt, expr, end)
            if second is None:
                break
            if second.rule == "date.month" and second.year is not None and expr.year is None \
                    and expr.month is not None and expr.year_offset is None and expr.month_dir == 0:
                out[-1] = replace(expr, year=second.year)  # «يناير ومارس 2018»: the year covers both
            out.append(second)
            expr, end = second, second.tok_end
    for k, e in enumerate(out):
        # «29 أغسطس الجاري» says its side itself: its modifier (0, «current») wins over the clause's tense
        if e.needs_tense and _m("modifiers", tt, e.tok_end - 1, clitics=False) is None:
            tense = clause_tense(tt, e.tok_start, e.tok_end)
            if tense:
                out[k] = replace(e, tense=tense, rule=e.rule + ("+future" if tense > 0 else "+past"))
    return out


def infer_reference(tt: TokenizedText, exprs: list[DateExpr]) -> RefDate | None:
    """The article's own time from its absolute Gregorian dates: the month of the latest one, narrowed by
    «شهر X الماضي»; never finer than a month, since an article's full dates are events it reports
    («يبدأ التنفيذ في الأول من مارس 2025»), not the day it was written.

    The seed page has no date; it mentions 2018, 2019 and «قبل نهاية العام 2021», and «حتى شهر نوفمبر الماضي»:
    it was written in 2021 after November, so the reference is 2021-12 (month granularity).
    """
    future = word_set("future_year_after")
    best: tuple[int, int] | None = None
    for e in exprs:
        if not e.absolute or e.calendar != "gregorian":
            continue
        _, stems = tt.prev_word(e.tok_start)
        if stems & future:
            continue
        key = (e.year or 0, e.month or 0)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    y, m = best
    if m:
        return RefDate(dt.date(y, m, 1), "month")
    # only a year is known: «شهر نوفمبر الماضي» places the article after November of that year
    past_months = [e.month for e in exprs if e.rule in ("date.month", "date.day_month") and e.year is None
                   and e.month_dir < 0 and e.calendar == "gregorian" and e.month and e.month < 12]
    if past_months:
        return RefDate(dt.date(y, max(past_months) + 1, 1), "month")
    return RefDate(dt.date(y, 1, 1), "year")


def to_mentions(text: str, exprs: list[DateExpr], ref: RefDate | None) -> list[DateMention]:
    out = []
    for e in exprs:
        value, relative = e.resolve(ref)
        out.append(DateMention(Span.of(text, e.start, e.end), value, relative, e.calendar, e.rule))
    return out


def find_dates(text_or_tokens: str | TokenizedText, reference: str | None = None) -> list[DateMention]:
    """Every date of a text, resolved against `reference` (ISO date, month or year), inferred when None."""
    tt = text_or_tokens if isinstance(text_or_tokens, TokenizedText) else TokenizedText(text_or_tokens)
    exprs = find_date_exprs(tt)
    ref = RefDate.parse(reference) if reference else infer_reference(tt, exprs)
    return to_mentions(tt.text, exprs, ref)
