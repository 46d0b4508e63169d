"""Percent-change checks: does «ارتفعت بنسبة 34.6 بالمئة» agree with the two amounts the article gives?

For a percentage after a change word, the later amount is the first one after the percentage in its sentence
(or the last one before it), and the earlier amount the nearest one of the same kind and unit before that,
in the same sentence or the two before it. The change is computed and compared with the printed figure, within
what rounding of all three printed numbers can explain (each number's last printed digit).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from ...article import Check, Quantity
from ...text.normalize import fold
from ...text.tokens import TokenizedText, readings


@lru_cache(maxsize=1)
def cues() -> dict:
    data = yaml.safe_load(resources.files(__package__).joinpath("cues.yaml").read_text("utf-8"))
    data["up"] = frozenset(fold(w) for w in data["up"])
    data["down"] = frozenset(fold(w) for w in data["down"])
    data["unstated_base"] = tuple(fold(w) for w in data["unstated_base"])
    data["base_after"] = tuple(sorted((fold(w) for w in data["base_after"]), key=len, reverse=True))
    return data


def _cue_matches(stem: str, cue_set: frozenset[str]) -> bool:
    if stem in cue_set:
        return True
    return any(len(c) >= 5 and stem.startswith(c) for c in cue_set)


def change_direction(tt: TokenizedText, tok_index: int, sentence_start: int) -> int:
    """+1 or -1 for the change word nearest before token `tok_index` in its sentence, 0 when there is none."""
    data = cues()
    j = tok_index - 1
    lo = max(0, tok_index - data["window"])
    while j >= lo and tt.starts[j] >= sentence_start:
        if tt.kinds[j] == "word":
            for r in readings(tt.keys[j]):
                if _cue_matches(r.stem, data["up"]):
                    return 1
                if _cue_matches(r.stem, data["down"]):
                    return -1
        j -= 1
    return 0


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> int:
    for k, (s, e) in enumerate(sentences):
        if s <= pos < e:
            return k
    return -1


def _interval(q: Quantity) -> tuple[float, float]:
    return q.value - q.resolution, q.value + q.resolution


def percent_change_checks(text: str, tt: TokenizedText, quantities: list[Quantity],
                          sentences: list[tuple[int, int]]) -> list[Check]:
    data = cues()
    out: list[Check] = []
    amounts = [k for k, q in enumerate(quantities) if q.kind in ("money", "number", "measure")]
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
        if any(phrase in after for phrase in data["unstated_base"]):
            continue
        in_sentence_after = [k for k in amounts if pq.span.end <= quantities[k].span.start < s_end]
        in_sentence_before = [k for k in amounts if s_start <= quantities[k].span.start < pq.span.start]
        pair = _from_to(text, quantities, in_sentence_after) or _compared_with(text, quantities, in_sentence_after)
        if pair is not None:
            check = _check(quantities, pair[0], p, pair[1], direction)
            if check is not None:
                out.append(check)
            continue
        if in_sentence_after:
            b = in_sentence_after[0]
        elif in_sentence_before:
            b = in_sentence_before[-1]
        else:
            continue
        bq = quantities[b]
        # counts («حاوية», «شخص») are compared within their sentence only
        back = data["lookback_sentences"] if bq.kind in ("money", "measure") else 0
        lo_start = sentences[max(0, sent - back)][0]
        earlier = [k for k in amounts if lo_start <= quantities[k].span.start < bq.span.start and k != b
                   and quantities[k].kind == bq.kind and quantities[k].unit == bq.unit
                   and quantities[k].span.start < pq.span.start]
        if not earlier:
            continue
        check = _check(quantities, earlier[-1], p, b, direction)
        if check is not None:
            out.append(check)
    return out


def _from_to(text: str, quantities: list[Quantity], after: list[int]) -> tuple[int, int] | None:
    """«بنسبة 5 في المائة من 400 مليون ريال إلى 390 مليون ريال»: both amounts after the percentage."""
    if len(after) < 2:
        return None
    a, b = after[0], after[1]
    aq, bq = quantities[a], quantities[b]
    if aq.kind != bq.kind or aq.unit != bq.unit:
        return None
    before = fold(text[max(0, aq.span.start - 4):aq.span.start]).split()
    between = fold(text[aq.span.end:bq.span.start]).split()
    if before[-1:] == ["من"] and between in (["الي"], ["حتي"]):
        return a, b
    return None


def _compared_with(text: str, quantities: list[Quantity], after: list[int]) -> tuple[int, int] | None:
    """«ليصل إلى 1.35 مليون حاوية، مقارنة بـ1.2 مليون»: the earlier amount follows the later one."""
    if len(after) < 2:
        return None
    b, a = after[0], after[1]
    aq, bq = quantities[a], quantities[b]
    if aq.kind != bq.kind or aq.unit != bq.unit:
        return None
    between = fold(text[bq.span.end:aq.span.start])
    between = " ".join(between.replace("،", " ").split())
    for cue in cues()["base_after"]:
        # the cue ends where the earlier amount starts; «بـ» may be glued to it («مقارنة بمليون»)
        if between.endswith(cue) or (cue.endswith("ب") is False and between.endswith(cue + " ب")):
            return a, b
        if cue.endswith(" ب") and between.endswith(cue[:-2]) and text[aq.span.start - 1:aq.span.start] == "ب":
            return a, b
    return None


def _check(quantities: list[Quantity], a: int, p: int, b: int, direction: int) -> Check | None:
    aq, pq, bq = quantities[a], quantities[p], quantities[b]
    if aq.value <= 0 or bq.value <= 0 or max(aq.value, bq.value) / min(aq.value, bq.value) > cues()["max_ratio"]:
        return None
    computed = (bq.value - aq.value) / aq.value * 100
    a_lo, a_hi = _interval(aq)
    b_lo, b_hi = _interval(bq)
    lowest = (b_lo - a_hi) / a_hi * 100
    highest = (b_hi - a_lo) / a_lo * 100 if a_lo > 0 else float("inf")
    claimed = direction * pq.value
    c_lo, c_hi = claimed - pq.resolution, claimed + pq.resolution
    consistent = c_lo <= highest and lowest <= c_hi
    return Check("percent_change", claimed, round(computed, 2), consistent, (a, p, b), rule="check.percent_change")
