"""Percent-change checks: does «ارتفعت بنسبة 34.6 بالمئة» agree with the two amounts the article gives?

A check pairs a percentage after a change word with the earlier and later amount it relates, computes the change
and compares it with the printed figure within what rounding of all three printed numbers can explain (each
number's last printed digit). Three outcomes: consistent, inconsistent, or no check at all (not checkable).
"Inconsistent" must be rare and right, so what may be said depends on the evidence of the pairing
(`Check.evidence`, thresholds in cues.yaml):
- The text pairs the amounts: «من A إلى B» or «B مقارنة بـA» after the percentage (and no other percentage
  between or closer), or «A مقابل B» / «من A إلى B» before it when none follows it. Consistent, or inconsistent
  when the computed change has the printed sign and lies near the printed one (a wrong base, a truncation);
  farther off, the figure more likely belongs to something else in the sentence: no check.
- Only nearness pairs them: the first amount after the percentage in its sentence (or the last one before), and
  the nearest earlier amount of the same kind and unit (a count with the same counted noun). Reported only
  between finely printed, non-round figures, and only when they agree or the printed change misses by one unit
  of its last digit.
Not checkable: a change against a time («مقارنة بعام 2013») or on a stated basis («على أساس سنوي»), a level
(«ليصل إلى 84.5%»), a sentence that says both directions, figures too coarse to tell.
Percentage points («ارتفع 2 نقطة مئوية من 5% إلى 7%») compare two percentages by difference; multiplicative
changes («تضاعفت من A إلى B», «ثلاثة أضعاف») compare the factor; a rate over several years may be the yearly one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from ...article import Check, Quantity, Span
from ...text.normalize import fold
from ...text.tokens import TokenizedText
from ...text.clitics import readings, surface_forms

_FOLDED_LISTS = ("up", "down", "multiple_verbs", "multiple_words", "double_words", "level_before",
                 "points_words")


@lru_cache(maxsize=1)
def cues() -> dict:
    data = yaml.safe_load(resources.files(__package__).joinpath("cues.yaml").read_text("utf-8"))
    for key in _FOLDED_LISTS:
        data[key] = frozenset(fold(w) for w in data[key])
    data["unstated_base"] = tuple(fold(w) for w in data["unstated_base"])
    data["base_after"] = tuple(sorted((fold(w) for w in data["base_after"]), key=len, reverse=True))
    data["base_time_cues"] = tuple(sorted((fold(w) for w in data["base_time_cues"]), key=len, reverse=True))
    return data


def _cue_matches(stem: str, cue_set: frozenset[str]) -> bool:
    if stem in cue_set:
        return True
    return any(len(c) >= 5 and stem.startswith(c) for c in cue_set)


def change_direction(tt: TokenizedText, tok_index: int, sentence_start: int) -> int:
    """+1 or -1 for the change words before token `tok_index` in its sentence, 0 when there is none, or when
    words of both directions stand there («تراجع … إلى X مقابل Y، بنسبة ارتفاع 0.5%»: the text contradicts itself,
    and which word the figure goes with cannot be told)."""
    data = cues()
    j = tok_index - 1
    lo = max(0, tok_index - data["window"])
    nearest, found = 0, set()
    while j >= 0 and tt.starts[j] >= sentence_start:  # the window gives the direction, the sentence vetoes it
        if tt.kinds[j] == "word":
            for r in readings(tt.keys[j]):
                for direction, key in ((1, "up"), (-1, "down")):
                    if _cue_matches(r.stem, data[key]):
                        found.add(direction)
                        if j >= lo and not nearest:
                            nearest = direction
        j -= 1
    return nearest if len(found) == 1 else 0


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> int:
    for k, (s, e) in enumerate(sentences):
        if s <= pos < e:
            return k
    return -1


def _interval(q: Quantity) -> tuple[float, float]:
    return q.value - q.resolution, q.value + q.resolution


@dataclass(frozen=True, slots=True)
class _Pair:
    earlier: int
    later: int
    evidence: str
    stated: bool  # the text itself pairs the amounts (not nearness alone)
    tight: bool = False  # «بنسبة X من A إلى B»: the percentage, then both amounts, nothing between


def percent_change_checks(text: str, tt: TokenizedText, quantities: list[Quantity],
                          sentences: list[tuple[int, int]],
                          dates: list[tuple[int, int, str | None]] | None = None) -> list[Check]:
    """The percent-change and multiple checks of an article. `dates`: (start, end, ISO value) of its dates, which
    tell a comparison with a time («مقارنة بعام 2013») from one with an amount, and the years of two amounts."""
    data = cues()
    out: list[Check] = []
    for p, pq in enumerate(quantities):
        if pq.kind != "percent":
            continue
        sent = _sentence_of(sentences, pq.span.start)
        if sent < 0:
            continue
        s_start, s_end = sentences[sent]
        direction = change_direction(tt, tt.index_at(pq.span.start), s_start)
        if direction == 0:
            continue
        after = fold(text[pq.span.end:pq.span.end + data["unstated_base_reach"]])
        if any(phrase in after for phrase in data["unstated_base"]) or _time_base(text, pq, dates or []):
            continue
        if _is_level(text, pq):
            continue
        points = _is_points(pq)
        kinds = ("percent",) if points else ("money", "number", "measure")
        amounts = [k for k, q in enumerate(quantities) if q.kind in kinds and k != p]
        pair = _stated_pair(text, quantities, amounts, pq, s_start, s_end) or \
            _nearest_pair(text, tt, quantities, amounts, pq, sentences, sent)
        if pair is None:
            continue
        check = _check(quantities, pair, p, direction, points)
        if (check is None or not check.consistent) and pair.stated and not points:
            check = _annualized(text, quantities, pair, p, direction, dates or []) or check
        if check is not None:
            out.append(check)
    out.extend(_multiple_checks(text, tt, quantities, sentences))
    out.sort(key=lambda c: c.quantities)
    return out


def _is_level(text: str, pq: Quantity) -> bool:
    """«ليصل إلى 84.5 في المئة», «زادت النسبة من 77.5% إلى 82%»: the percentage is a level, where something
    was or arrived, not by how much it changed."""
    before = fold(text[max(0, pq.span.start - 12):pq.span.start]).split()
    if before and before[-1] in cues()["level_before"]:
        return True
    after = fold(text[pq.span.end:pq.span.end + 6]).split()
    return before[-1:] == ["من"] and after[:1] in (["الي"], ["حتي"])


def _is_points(pq: Quantity) -> bool:
    """«2 نقطة مئوية»: a change in percentage points, not a percentage of an amount."""
    return any(word in cues()["points_words"] for word in fold(pq.span.text).split())


def _time_base(text: str, pq: Quantity, dates: list[tuple[int, int, str | None]]) -> bool:
    """«بنمو 6 في المائة مقارنة بشهر مايو من عام 2016»: the change is against a time of which the article gives
    no amount (a comparison cue, then one of the article's dates, close after the percentage)."""
    data = cues()
    reach = pq.span.end + data["unstated_base_reach"]
    for start, _, _ in dates:
        if not pq.span.end <= start <= reach:
            continue
        before = " ".join(fold(text[pq.span.end:start]).replace("،", " ").split())
        if len(before) <= data["base_date_reach"] and any(cue in before for cue in data["base_time_cues"]):
            return True
    return False


def _year_after(q: Quantity, dates: list[tuple[int, int, str | None]], text: str) -> int | None:
    """The year of the date written right after an amount («9 مليارات جنيه خلال عام 2015»), if any."""
    for start, _, value in dates:
        if q.span.end <= start <= q.span.end + 25 and value and value[:4].isdigit() and "." not in \
                text[q.span.end:start]:
            return int(value[:4])
    return None


def _annualized(text: str, quantities: list[Quantity], pair: _Pair, p: int, direction: int,
                dates: list[tuple[int, int, str | None]]) -> Check | None:
    """«من 9 مليارات خلال 2015 إلى 25 مليارا في 2017 بنسبة 66.6%»: over n years a printed rate is often the
    yearly one ((25/9)^(1/2) − 1 = 66.7 %). When the total change disagrees but the yearly rate agrees, the check
    is consistent, read as a yearly rate (rule …annualized)."""
    aq, pq, bq = quantities[pair.earlier], quantities[p], quantities[pair.later]
    ya, yb = _year_after(aq, dates, text), _year_after(bq, dates, text)
    if ya is None or yb is None or yb - ya < 2 or aq.value <= 0 or bq.value <= 0:
        return None
    n = yb - ya
    yearly = ((bq.value / aq.value) ** (1 / n) - 1) * 100
    claimed = direction * pq.value
    a_lo, a_hi = _interval(aq)
    b_lo, b_hi = _interval(bq)
    lowest = ((b_lo / a_hi) ** (1 / n) - 1) * 100
    highest = ((b_hi / a_lo) ** (1 / n) - 1) * 100
    if not (claimed - pq.resolution <= highest and lowest <= claimed + pq.resolution):
        return None
    return Check("percent_change", claimed, round(yearly, 2), True, (pair.earlier, p, pair.later),
                 rule="check.percent_change.annualized",
                 evidence=f"{pair.evidence}; a yearly rate over {n} years ({ya}–{yb})")


def _same_measure(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind and a.unit == b.unit


def _stated_pair(text: str, quantities: list[Quantity], amounts: list[int], pq: Quantity,
                 s_start: int, s_end: int) -> _Pair | None:
    """Amounts the sentence itself pairs with the percentage."""
    after = [k for k in amounts if pq.span.end <= quantities[k].span.start < s_end]
    before = [k for k in amounts if s_start <= quantities[k].span.start < pq.span.start]
    # after the percentage, the first two amounts of one measure («على مستوى الستة أشهر حيث بلغت A مقابل B»)
    for a, b in zip(after[:3], after[1:4]):
        if _same_measure(quantities[a], quantities[b]) and _own_pair(quantities, pq, a, b, s_end):
            if _from_to(text, quantities[a], quantities[b]):
                tight = a == after[0] and len(fold(text[pq.span.end:quantities[a].span.start]).split()) <= 1
                return _Pair(a, b, f"«من … إلى …» after the percentage, both {_measure(quantities[a])}", True,
                             tight)
            if _compared(text, quantities[a], quantities[b]):  # «إلى B، مقارنة بـA»
                return _Pair(b, a, f"«مقارنة بـ…» after the percentage, both {_measure(quantities[a])}", True)
            break
    if len(before) >= 2 and not after:  # amounts after the percentage are its own: never pair across it
        a, b = before[-2], before[-1]
        if _same_measure(quantities[a], quantities[b]):
            if _from_to(text, quantities[a], quantities[b]):
                return _Pair(a, b, f"«من … إلى …» before the percentage, both {_measure(quantities[a])}", True)
            if _compared(text, quantities[a], quantities[b]):  # «بلغت A في 2017 مقابل B في 2016، بزيادة»
                return _Pair(b, a, f"«مقابل …» before the percentage, both {_measure(quantities[a])}", True)
    return None


def _own_pair(quantities: list[Quantity], pq: Quantity, a: int, b: int, s_end: int) -> bool:
    """Whether amounts a and b after the percentage belong to it: no other percentage stands between them
    («بانخفاض 55.33%…، وبانخفاض 30.69%…، لتبلغ ربحية السهم 1.08 ريال مقابل 2.23 ريال»), and none after them is
    closer («بنسبة 50.68%، وأيضا رفع أسعار السولار من 3.65 إلى 5.5 جنيه بنسبة زيادة بلغت 50.68%»: theirs)."""
    gap = quantities[a].span.start - pq.span.end
    end = quantities[b].span.end
    return not any(q.kind == "percent" and (end <= q.span.start < s_end and q.span.start - end < gap
                                            or pq.span.end <= q.span.start < quantities[a].span.start)
                   for q in quantities)


def _measure(q: Quantity) -> str:
    return {"money": f"money in {q.unit}", "measure": f"measures in {q.unit}", "number": "counts",
            "percent": "percentages"}.get(q.kind, q.kind)


def _from_to(text: str, aq: Quantity, bq: Quantity) -> bool:
    before = fold(text[max(0, aq.span.start - 4):aq.span.start]).split()
    between = fold(text[aq.span.end:bq.span.start]).split()
    return before[-1:] == ["من"] and 1 <= len(between) <= 4 and between[-1] in ("الي", "حتي")


def _compared(text: str, later: Quantity, earlier: Quantity) -> bool:
    """«later، مقارنة بـearlier», «later مقابل earlier», «later بعد أن كان earlier» (a short gap: a date between)."""
    between = fold(text[later.span.end:earlier.span.start])
    between = " ".join(between.replace("،", " ").split())
    if len(between) > 40:
        return False
    for cue in cues()["base_after"]:
        at = between.find(cue)
        # the cue, then the earlier amount: at most «بـ» (glued to it or not) or «مع» between them
        if at >= 0 and between[at + len(cue):].strip() in ("", "ب", "مع"):
            return True
    return False


def _counted_noun(text: str, q: Quantity) -> str:
    """The word after a count («1.2 مليون زائر» → «زائر»), folded, for telling counts of different things."""
    words = fold(text[q.span.end:q.span.end + 30]).split()
    return words[0] if words else ""


def _nearest_pair(text: str, tt: TokenizedText, quantities: list[Quantity], amounts: list[int],
                  pq: Quantity, sentences: list[tuple[int, int]], sent: int) -> _Pair | None:
    data = cues()
    s_start, s_end = sentences[sent]
    after = [k for k in amounts if pq.span.end <= quantities[k].span.start < s_end]
    before = [k for k in amounts if s_start <= quantities[k].span.start < pq.span.start]
    if after:
        b = after[0]
    elif before:
        b = before[-1]
    else:
        return None
    bq = quantities[b]
    # counts («حاوية», «شخص») are compared within their sentence only
    back = data["lookback_sentences"] if bq.kind in ("money", "measure") else 0
    lo_start = sentences[max(0, sent - back)][0]
    earlier = [k for k in amounts if lo_start <= quantities[k].span.start < bq.span.start and k != b
               and _same_measure(quantities[k], bq) and quantities[k].span.start < pq.span.start]
    if not earlier:
        return None
    a = earlier[-1]
    if bq.kind == "number" and _counted_noun(text, quantities[a]) != _counted_noun(text, bq):
        return None
    if any(_coarse(q) for q in (quantities[a], bq)):
        return None  # coarse figures agree with nearly any change: agreement would not show the pairing right
    return _Pair(a, b, f"nearest {_measure(bq)} before the later one (no «من … إلى …» or «مقارنة» in the text)",
                 False)


def _coarse(q: Quantity) -> bool:
    """A figure too rough for nearness to pair it: its last printed digit is worth more than
    cues.yaml `nearest_max_rounding` of it, or its printed digits end in «00» (a round figure: a threshold such
    as «حاجز 1100 دولار», or an estimate). «مليارين و35 مليونًا و956 ألف» is printed to the thousand and ends
    in 6: fine."""
    if q.resolution <= 0:
        return True
    if q.resolution > cues()["nearest_max_rounding"] * abs(q.value):
        return True
    units = abs(q.value) / (2 * q.resolution)  # the figure in units of its last printed digit
    return units == int(units) and int(units) % 100 == 0


def _uncertain(lowest: float, highest: float, claimed: float) -> bool:
    """Whether the printed amounts are too coarse for the change to be told (cues.yaml max_uncertainty_points)."""
    return highest - lowest > max(cues()["max_uncertainty_points"], 2 * abs(claimed))


def _verdict(pair: _Pair, claimed: float, c_res: float, computed: float, lowest: float,
             highest: float) -> bool | None:
    """consistent (True), inconsistent (False) or not checkable (None)."""
    if _uncertain(lowest, highest, claimed):
        return None
    consistent = claimed - c_res <= highest and lowest <= claimed + c_res
    if consistent:
        return True
    if pair.stated:
        factor = cues()["stated_from_to_max_factor" if pair.tight else "stated_max_factor"]
        close = claimed != 0 and computed / claimed > 0 and 1 / factor <= computed / claimed <= factor
        return False if close else None
    # how far the printed change lies outside what the amounts allow, in units of its last printed digit
    gap = max(lowest - (claimed + c_res), (claimed - c_res) - highest)
    near = c_res <= cues()["near_miss_max_resolution"] and gap <= cues()["near_miss_digits"] * 2 * c_res
    return False if near and (computed > 0) == (claimed > 0) else None


def _check(quantities: list[Quantity], pair: _Pair, p: int, direction: int, points: bool) -> Check | None:
    a, b = pair.earlier, pair.later
    aq, pq, bq = quantities[a], quantities[p], quantities[b]
    claimed = direction * pq.value
    a_lo, a_hi = _interval(aq)
    b_lo, b_hi = _interval(bq)
    if points:  # percentage points: the difference of two percentages
        computed = bq.value - aq.value
        lowest, highest = b_lo - a_hi, b_hi - a_lo
    else:
        if aq.value <= 0 or bq.value <= 0 or max(aq.value, bq.value) / min(aq.value, bq.value) > cues()["max_ratio"]:
            return None
        computed = (bq.value - aq.value) / aq.value * 100
        lowest = (b_lo - a_hi) / a_hi * 100
        highest = (b_hi - a_lo) / a_lo * 100 if a_lo > 0 else float("inf")
    consistent = _verdict(pair, claimed, pq.resolution, computed, lowest, highest)
    if consistent is None:
        return None
    rule = "check.percent_points" if points else "check.percent_change"
    return Check("percent_change", claimed, round(computed, 2), consistent, (a, p, b),
                 rule=f"{rule}.{'stated' if pair.stated else 'nearest'}", evidence=pair.evidence)


def _multiple_checks(text: str, tt: TokenizedText, quantities: list[Quantity],
                     sentences: list[tuple[int, int]]) -> list[Check]:
    """«تضاعفت المبيعات من 2 مليون إلى 4 ملايين», «ارتفعت إلى ثلاثة أضعاف من …»: a factor between two amounts
    the sentence pairs itself (nearness is never enough for a factor). The claimed change is (factor − 1) × 100."""
    data = cues()
    out: list[Check] = []
    amounts = [k for k, q in enumerate(quantities) if q.kind in ("money", "number", "measure")]
    if len(amounts) < 2:
        return out
    table = _multiple_surface()
    present = tt.words_in(table)  # one lookup per word of the text, not the readings of every token
    if not present:
        return out
    by_start = {q.span.start: k for k, q in enumerate(quantities)}
    for i, key in enumerate(tt.keys):
        if key not in present:
            continue
        stems = {table[key]}
        factor, at, factor_index, bare = None, tt.starts[i], None, False
        if stems & data["multiple_verbs"]:
            factor, bare = 2.0, True
            factor_index = _factor_after(tt, quantities, by_start, i)
            if factor_index is not None:
                factor, bare = float(quantities[factor_index].value), False
        elif stems & (data["double_words"] | data["multiple_words"]):
            # «زادت مرتين», «ارتفعت إلى ثلاثة أضعاف»: a multiple word is a change only after a change verb
            # («من 1.1 إلى 1.4 مرة» is a ratio, not a multiple)
            if change_direction(tt, i, sentences[max(0, _sentence_of(sentences, at))][0]) <= 0:
                continue
            if stems & data["double_words"]:
                factor = 2.0
            else:
                factor_index = _number_just_before(quantities, tt.starts[i], text)
                if factor_index is None:
                    continue
                factor = float(quantities[factor_index].value)
        if factor is None or factor <= 1:
            continue
        sent = _sentence_of(sentences, at)
        if sent < 0:
            continue
        s_start, s_end = sentences[sent]
        # the multiple word stands where a percentage would: the amounts are paired around it the same way
        cue = Quantity(Span.of(text, tt.starts[i], tt.ends[i]), "percent", (factor - 1) * 100)
        ratios = {k for k in amounts if _counted_noun(text, quantities[k]) in data["multiple_words"]}
        pair = _stated_pair(text, quantities, [k for k in amounts if k != factor_index and k not in ratios],
                            cue, s_start, s_end)
        if pair is None:
            continue
        aq, bq = quantities[pair.earlier], quantities[pair.later]
        if aq.value <= 0 or bq.value <= 0:
            continue
        computed = bq.value / aq.value
        a_lo, a_hi = _interval(aq)
        b_lo, b_hi = _interval(bq)
        lowest, highest = b_lo / a_hi, (b_hi / a_lo if a_lo > 0 else float("inf"))
        if highest - lowest > max(0.5, factor / 4):
            continue  # too coarse to tell
        # «نحو 3 مرات», «أكثر من الضعف»: a factor in words is round; a tenth of it is within what it says
        if bare:  # «ضاعفت … من 21 إلى 50»: "multiplied", at least about double
            consistent = highest >= data["bare_multiple_min"]
        else:
            consistent = lowest - 0.1 * factor <= factor <= highest + 0.1 * factor
        out.append(Check("percent_change", round((factor - 1) * 100, 2), round((computed - 1) * 100, 2),
                         consistent, (pair.earlier, pair.later), rule="check.multiple.stated",
                         evidence=pair.evidence.replace("the percentage", "the multiple")))
    return out


@lru_cache(maxsize=1)
def _multiple_surface() -> dict[str, str]:
    """{folded word: its stem} for every clitic form of the multiple words (built once, as the date and
    amount steps build their tables)."""
    data = cues()
    return surface_forms(data["multiple_verbs"] | data["double_words"] | data["multiple_words"])


def _factor_after(tt: TokenizedText, quantities: list[Quantity], by_start: dict[int, int], i: int) -> int | None:
    """«تضاعف 3 مرات»: the count right after the verb, when «مرات/أضعاف» follows it."""
    for j in range(i + 1, min(i + 4, len(tt.keys))):
        k = by_start.get(tt.starts[j])
        if k is None:
            continue
        end = quantities[k].span.end
        nxt = tt.index_at(end)
        if nxt < len(tt.keys) and {r.stem for r in readings(tt.keys[nxt])} & cues()["multiple_words"]:
            return k
        return None
    return None


def _number_just_before(quantities: list[Quantity], pos: int, text: str) -> int | None:
    for k, q in enumerate(quantities):
        if q.kind == "number" and 0 <= pos - q.span.end <= 2 and not text[q.span.end:pos].strip():
            return k
    return None
