"""The Arabic number grammar: digits, words and both mixed, composed into exact values.

Values are composed the way Arabic writes them: parts joined by «و», scale words after their count
(«مليارين و35 مليونًا و956 ألف» = 2 × 10⁹ + 35 × 10⁶ + 956 × 10³), units before tens («خمسة وعشرون»), hundreds
first («مئة وخمسة وعشرون»). Parts are only joined where the result is a well-formed number, so «11 مدينة و12
ملعبا» or «5 و6» stay separate numbers. No library does this for Arabic: pyarabic turns «مليارين و35 مليونًا
و956 ألف دولار» into 2000001000, and num2words only goes from values to words.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Context, Decimal, localcontext
from fractions import Fraction
from typing import Iterator

from ...text.tokens import TokenizedText
from ...text.clitics import pure_clitic
from .words import (NumberWord, decimal_digits_limit, decimal_point, digit_limits, no_proclitic, not_alone,
                    number_lexicon)

_THOUSANDS_ONLY = re.compile(r"\d{1,3}(?:[\u066C\u060C]\d{3})+")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_MIXED = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:\.\d{3})+,\d+")
# «١٬٠٠٠٬٠٠٠٫٠٠»: the Arabic thousands separator and the Arabic decimal separator together
_ARABIC_MIXED = re.compile(r"\d{1,3}(?:\u066C\d{3})+\u066B\d+")


# Decimal's default context keeps 28 significant digits and rounds beyond them: a 21-digit amount times a scale
# word («… تريليون») would be rounded silently. Every number is computed in this context instead; values are
# bounded by digit_limits() and the scale words, far below its precision.
EXACT = Context(prec=120)


@contextmanager
def exact_arithmetic() -> Iterator[None]:
    with localcontext(EXACT):
        yield


def _digit_count(key: str) -> int:
    return sum(c.isdigit() for c in key)


def parse_digits(key: str) -> tuple[Decimal, Decimal] | None:
    """(value, half the unit of the last digit) of a digit group such as «2,035,956», «34.6», «١٢٫٥»; None
    for a group that is no number, or has more digits than numbers.yaml's limits allow."""
    whole, fraction = digit_limits()
    # counted before any conversion: a run of 200,000 digits costs its length, not a huge Decimal
    if len(key) > whole and _digit_count(key) > whole + fraction:
        return None
    parsed = _parse_digits(key)
    if parsed is None:
        return None
    value, resolution = parsed
    if value.adjusted() >= whole or -resolution.adjusted() - 1 > fraction:
        return None
    if value != value.to_integral_value() and len(value.normalize().as_tuple().digits) > decimal_digits_limit():
        return None  # its double would round it
    return parsed


def too_long(key: str) -> bool:
    """Whether parse_digits refuses `key` for its length alone (numbers.yaml's limits), not for its shape."""
    whole, fraction = digit_limits()
    if len(key) > whole and _digit_count(key) > whole + fraction:
        return True
    return parse_digits(key) is None and _parse_digits(key) is not None


def _parse_digits(key: str) -> tuple[Decimal, Decimal] | None:
    if key.isdigit():
        return Decimal(key), Decimal("0.5")
    if _THOUSANDS_ONLY.fullmatch(key):
        return Decimal(key.replace("\u066C", "").replace("\u060C", "")), Decimal("0.5")
    if _ARABIC_MIXED.fullmatch(key):
        whole, frac = key.replace("\u066C", "").split("\u066B")
        return _decimal(whole, frac)
    if _MIXED.fullmatch(key):
        thousands, decimal = (",", ".") if key.rfind(".") > key.rfind(",") else (".", ",")
        whole, frac = key.replace(thousands, "").split(decimal)
        return _decimal(whole, frac)
    seps = set(re.sub(r"\d", "", key))
    if len(seps) != 1:
        return None
    sep = seps.pop()
    groups = key.split(sep)
    if sep == "\u066C" or (len(groups) > 2 and _GROUPED.fullmatch(key)):
        return Decimal("".join(groups)), Decimal("0.5")  # 1.000.000, 2,035,956
    if len(groups) != 2:
        return None  # 1.2.3: a version or a date, not a number
    whole, frac = groups
    # «2,035» and «100.000» group thousands; «34.6», «3,5» and «92.395» (an index) are decimals. «2.500 دولار»
    # is read as 2500 by the quantity step, which sees the currency (quantities.py)
    if sep in ",." and len(frac) == 3 and len(whole) <= 3 and (sep == "," or frac == "000"):
        return Decimal(whole + frac), Decimal("0.5")
    return _decimal(whole, frac)


def _decimal(whole: str, frac: str) -> tuple[Decimal, Decimal]:
    return Decimal(f"{whole}.{frac}"), Decimal("0.5") * Decimal(10) ** -len(frac)


@dataclass(slots=True)
class _Atom:
    kind: str  # small, scale, fraction
    value: Fraction | Decimal
    tok_start: int
    tok_end: int
    start: int
    end: int
    conj: bool  # carried a «و» prefix
    digits: bool
    article: bool
    word: NumberWord | None = None
    resolution: Decimal = Decimal("0.5")
    key: str = ""


@dataclass(slots=True)
class NumberMatch:
    """One number: token range, character span (clitics excluded), exact value and how it was read."""

    tok_start: int
    tok_end: int
    start: int
    end: int
    value: Decimal
    resolution: Decimal  # half the unit of the least significant figure stated (for rounding checks)
    words: bool
    digits: bool
    article: bool
    scale: Decimal | None = None  # the last scale word used («مليون» in «3 ملايين و200 ألف» is not it: ألف is)
    # a lone word that is usually something else in running text («الاثنين» Monday, «واحد من» one of):
    # a quantity only with a unit after it («واحد في المئة»)
    lone_word: bool = False
    parts: list[str] = field(default_factory=list)
    # a fraction word alone («نصف الناخبين»): a quantity only before a definite noun it is a part of
    fraction_alone: bool = False

    @property
    def rule(self) -> str:
        if self.words and self.digits:
            return "number.mixed"
        return "number.words" if self.words else "number.digits"


def _ra_decimal(tt: TokenizedText, j: int) -> tuple[Decimal, Decimal, int] | None:
    """«5ر62» = 62.5: Saudi and Kuwaiti wire copy (SPA, KUNA) writes decimals with «ر» between the parts,
    stored fraction first (typed right to left). (value, resolution, end token) of such a group at token j."""
    if j + 2 >= len(tt.keys):
        return None
    keys = tt.keys
    frac, ra, whole = j, j + 1, j + 2
    if keys[ra] != "ر" or not (tt.glued[ra] and tt.glued[whole] and tt.kinds[whole] == "num"):
        return None
    if not (keys[frac].isdigit() and keys[whole].isdigit()):
        return None
    whole_limit, fraction_limit = digit_limits()
    if len(keys[whole]) > whole_limit or len(keys[frac]) > fraction_limit:
        return None
    value, resolution = _decimal(keys[whole], keys[frac])
    return value, resolution, j + 3


def _digit_atom(tt: TokenizedText, j: int, d: int, conj: bool, article: bool) -> _Atom | None:
    """The digit group at token d as an atom starting at token j (j < d when a clitic is glued before it)."""
    ra = _ra_decimal(tt, d)
    if ra is not None:
        value, resolution, end = ra
    else:
        parsed = parse_digits(tt.keys[d])
        if parsed is None:
            return None
        (value, resolution), end = parsed, d + 1
    start, stop = tt.starts[d], tt.ends[end - 1]
    return _Atom("small", value, j, end, start, stop, conj, True, article, resolution=resolution,
                 key=tt.text[start:stop] if ra is not None else tt.keys[d])


_POINTS = frozenset(".\u066B")


def leading_point(tt: TokenizedText, j: int) -> bool:
    """Whether token j is a decimal point that starts a number («.77», «٫٧٧»): digits glued after it, and
    nothing glued before it but a conjunction or preposition («و.77»), so «5.» ending a sentence is not one."""
    if tt.keys[j] not in _POINTS or j + 1 >= len(tt.keys) or not tt.glued[j + 1]:
        return False
    if tt.kinds[j + 1] != "num" or not tt.keys[j + 1].isdigit():
        return False
    return not tt.glued[j] or (j > 0 and tt.kinds[j - 1] == "word" and pure_clitic(tt.keys[j - 1]) is not None)


def _atom(tt: TokenizedText, j: int, first: bool) -> _Atom | None:
    kind, key = tt.kinds[j], tt.keys[j]
    if first and kind == "punct" and leading_point(tt, j):
        digits = tt.keys[j + 1]
        if len(digits) > digit_limits()[1]:
            return None
        value, resolution = _decimal("0", digits)
        return _Atom("small", value, j, j + 2, tt.starts[j], tt.ends[j + 1], False, True, False,
                     resolution=resolution, key=tt.text[tt.starts[j]:tt.ends[j + 1]])
    if kind == "word" and j + 1 < len(tt.keys) and tt.kinds[j + 1] == "num" and tt.glued[j + 1]:
        clitic = pure_clitic(key)
        if clitic is None:
            return None
        prefix, article = clitic
        conj = key.startswith("و")
        if not first and key != "و":
            return None
        return _digit_atom(tt, j, j + 1, conj, article)
    if kind == "num":
        return _digit_atom(tt, j, j, False, False)
    if kind != "word":
        return None
    m = number_lexicon().match(tt, j)
    if m is None:
        return None
    clitic = key[:m.prefix]
    if not first and clitic not in ("", "و"):
        return None
    if clitic not in ("", "و") and key[m.prefix:] in no_proclitic():
        return None  # «كمية» is a quantity, not «ك» + «مية»; «لستُ» is "I am not"
    word = m.payload
    kind = word.cls if word.cls in ("scale", "fraction") else "small"
    start = tt.start_after_prefix(j, m.prefix)
    surface = " ".join([key[m.prefix:], *tt.keys[j + 1:m.end]])
    return _Atom(kind, word.value, j, m.end, start, tt.ends[m.end - 1], clitic.startswith("و"), False,
                 m.article, word=word, resolution=Decimal(0), key=surface)


def _exact(value: Decimal | Fraction) -> Fraction | int:
    """An atom's value for exact arithmetic: an int when whole (most are), else a Fraction. Fraction arithmetic
    costs about a microsecond a step, int arithmetic a few nanoseconds, and the two mix exactly."""
    n, d = value.as_integer_ratio()
    return n if d == 1 else Fraction(n, d)


class _Composer:
    """Adds atoms one by one while the result stays a well-formed Arabic number."""

    def __init__(self, atom: _Atom) -> None:
        self.total: Fraction | int = 0
        self.current: Fraction | int | None = None
        self.hundreds = self.tens = self.units = 0
        self.current_words = False
        self.last_scale: Fraction | int | None = None
        self.ended = False  # a fraction closes a number
        self.tanween_first = False
        self.resolution = Decimal("0.5")
        self.atoms: list[_Atom] = []
        self.ok = self._first(atom)

    def _set_small(self, atom: _Atom) -> None:
        v = _exact(atom.value)
        self.current = v
        self.current_words = atom.word is not None
        self.hundreds = self.tens = self.units = 0
        if atom.word is not None:
            if atom.word.cls == "hundred":
                self.hundreds = v
            elif atom.word.cls == "ten":
                self.tens = v
            else:
                self.units = v
        self.resolution = atom.resolution if atom.digits else Decimal("0.5")

    def _first(self, atom: _Atom) -> bool:
        self.atoms.append(atom)
        if atom.kind == "small":
            self._set_small(atom)
            return True
        if atom.kind == "fraction":
            self.current = _exact(atom.value)
            self.current_words = True
            return True
        form = atom.word.form if atom.word else ""
        if form == "plural":
            return False  # «آلاف», «ملايين» alone are vague amounts, not numbers
        count = 2 if form in ("dual", "tanween") else 1
        # «ألفا دولار» is two thousand (a dual before its noun); «مليارا و252 مليونا» is one billion and more
        # (an accusative singular): `add` takes the second back when «و» and more parts follow
        self.tanween_first = form == "tanween"
        self.total = count * _exact(atom.value)
        self.last_scale = _exact(atom.value)
        self.resolution = Decimal("0.5") * Decimal(int(atom.value))
        return True

    def add(self, atom: _Atom, connected: bool) -> bool:
        """Try to extend the number with `atom` (`connected`: a «و» stands between them)."""
        if self.ended:
            return False
        if self.tanween_first and connected and len(self.atoms) == 1:
            self.total -= self.last_scale  # «مليارا و…»: one billion, not two
            if not self._add(atom, connected):
                self.total += self.last_scale
                return False
            self.tanween_first = False
            return True
        return self._add(atom, connected)

    def _add(self, atom: _Atom, connected: bool) -> bool:
        if atom.kind == "scale":
            if connected:
                return self._scale_alone(atom)
            return self._scale(atom)
        if atom.kind == "fraction":
            if not connected:
                return False
            unit = self.last_scale if self.current is None and self.last_scale else 1
            if self.current is None:
                self.total += _exact(atom.value) * unit
            else:
                self.current += _exact(atom.value)
            self.ended = True
            self.atoms.append(atom)
            return True
        v = _exact(atom.value)
        if not connected:
            # «ثلاث مئة»: a unit word times a following «مئة»
            if (atom.word is not None and atom.word.cls == "hundred" and v == 100 and self.current_words
                    and self.current is not None and 1 <= self.current <= 9 and not self.hundreds):
                self.current *= 100
                self.hundreds, self.units = self.current, 0
                self.atoms.append(atom)
                return True
            return False
        if self.current is None:
            if self.last_scale is None or v >= self.last_scale:
                return False
            self._set_small(atom)
            self.atoms.append(atom)
            return True
        if not (self.current_words and atom.word is not None):
            return False  # digits join only after a scale word: «ألف و18», not «5 و6»
        cls = atom.word.cls
        if cls in ("unit", "teen") and not self.tens and not self.units and self.hundreds:
            self.units = v
        elif cls == "ten" and not self.tens and (self.hundreds or (self.units and self.units < 10)):
            self.tens = v
        else:
            return False
        self.current += v
        self.atoms.append(atom)
        return True

    def _scale(self, atom: _Atom) -> bool:
        scale = _exact(atom.value)
        if self.last_scale is not None and scale >= self.last_scale:
            return False
        if self.current is None:
            return False  # «ألف مليون» and the like: not composed here
        form = atom.word.form if atom.word else ""
        if form == "dual":
            return False
        if form == "plural" and self.current < 3:
            return False
        self.total += self.current * scale
        self.resolution = self.resolution * Decimal(int(scale)) if self.resolution else Decimal(0)
        self.current = None
        self.last_scale = scale
        self.atoms.append(atom)
        return True

    def _scale_alone(self, atom: _Atom) -> bool:
        """«… مليونًا وألف»: a scale word after «و» counts one (or two, dual) of itself."""
        scale = _exact(atom.value)
        form = atom.word.form if atom.word else ""
        if self.current is not None or self.last_scale is None or scale >= self.last_scale or form == "plural":
            return False
        self.total += (2 if form in ("dual", "tanween") else 1) * scale
        self.last_scale = scale
        self.resolution = Decimal("0.5") * Decimal(int(scale))
        self.atoms.append(atom)
        return True

    def value(self) -> Fraction | int:
        return self.total + (self.current or 0)


def _to_decimal(value: Fraction | int) -> Decimal:
    if value.denominator == 1:
        return Decimal(value.numerator)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0000000001")).normalize()


def _connector(tt: TokenizedText, j: int) -> bool:
    return tt.kinds[j] == "word" and tt.keys[j] == "و" and not (
        j + 1 < len(tt.keys) and tt.glued[j + 1] and tt.kinds[j + 1] == "num")


def number_at(tt: TokenizedText, i: int, decimals: bool = True) -> NumberMatch | None:
    """The longest well-formed number starting at token i (with a spoken decimal part unless not `decimals`)."""
    first = _atom(tt, i, True)
    if first is None:
        return None
    comp = _Composer(first)
    if not comp.ok:
        return None
    j = first.tok_end
    n = len(tt.keys)
    while j < n:
        connected = False
        k = j
        if _connector(tt, k) and k + 1 < n:
            connected, k = True, k + 1
        atom = _atom(tt, k, False)
        if atom is None:
            break
        if atom.conj:
            if connected:
                break  # «و وخمسة»
            connected = True
        if not comp.add(atom, connected):
            break
        j = atom.tok_end
    atoms = comp.atoms
    fraction_alone = all(a.kind == "fraction" for a in atoms)  # «نصف»: an amount only of what follows it
    spoken = _spoken_decimal(tt, comp, atoms[-1].tok_end) if decimals else None
    if spoken is not None:
        return spoken(first)
    words = any(not a.digits for a in atoms)
    return NumberMatch(
        tok_start=first.tok_start,
        tok_end=atoms[-1].tok_end, start=first.start, end=atoms[-1].end,
        value=_to_decimal(comp.value()), resolution=comp.resolution,
        words=words, digits=any(a.digits for a in atoms), article=first.article,
        scale=Decimal(int(comp.last_scale)) if comp.last_scale else None, parts=[a.key for a in atoms],
        lone_word=fraction_alone or (len(atoms) == 1 and not first.digits and first.key in not_alone()),
        fraction_alone=fraction_alone)


def _spoken_decimal(tt: TokenizedText, comp: _Composer, j: int):
    """«واحد فاصلة خمسة» = 1.5, «3 فاصلة 2 مليون» = 3,200,000: a whole number with no scale yet, the spoken
    decimal point, and the digits after it as a number (its own scale word, if any, scales the whole).
    Returns a builder of the match, or None."""
    if comp.last_scale is not None or comp.ended or comp.current is None or comp.current != int(comp.current):
        return None
    if j + 1 >= len(tt.keys) or tt.keys[j] not in decimal_point():
        return None
    after = number_at(tt, j + 1, decimals=False)
    if after is None or after.article:
        return None
    scale = after.scale or Decimal(1)
    fraction = after.value / scale
    if fraction != fraction.to_integral_value() or fraction < 0:
        return None
    digits = str(int(fraction))
    value = (Decimal(int(comp.current)) + Decimal("0." + digits)) * scale
    resolution = Decimal("0.5") * Decimal(10) ** -len(digits) * scale

    def build(first: _Atom) -> NumberMatch:
        return NumberMatch(tok_start=first.tok_start, tok_end=after.tok_end, start=first.start, end=after.end,
                           value=value.normalize() if value != value.to_integral_value() else value.quantize(1),
                           resolution=resolution, words=True, digits=any(a.digits for a in comp.atoms) or
                           after.digits, article=first.article, scale=after.scale,
                           parts=[a.key for a in comp.atoms] + [tt.keys[j]] + after.parts)

    return build


def find_numbers(tt: TokenizedText) -> list[NumberMatch]:
    """Every number in the text, left to right, longest first, never overlapping."""
    with exact_arithmetic():
        return _find_numbers(tt)


def _find_numbers(tt: TokenizedText) -> list[NumberMatch]:
    out: list[NumberMatch] = []
    end = 0
    for i in tt.candidates(number_lexicon().may_start_word, digits=True):
        if i > 0 and tt.kinds[i] == "num" and tt.glued[i] and tt.kinds[i - 1] == "word" \
                and pure_clitic(tt.keys[i - 1]) is not None:
            i -= 1  # «و35», «الـ16»: start at the clitic, which the grammar reads with the digits
        elif i > 0 and tt.kinds[i] == "num" and tt.glued[i] and leading_point(tt, i - 1):
            i -= 1  # «.77»: the decimal point starts the number
        if i < end:
            continue
        m = number_at(tt, i)
        if m is not None:
            out.append(m)
            end = m.tok_end
    return out


def parse_number_text(text: str) -> Decimal | None:
    """The value of `text` when all of it is one number (for tests and the corpus), else None."""
    tt = TokenizedText(text.strip())
    with exact_arithmetic():
        m = number_at(tt, 0) if tt.keys else None
    if m is None or m.tok_end != len(tt.keys) or m.fraction_alone:
        return None
    return m.value
