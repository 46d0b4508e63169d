"""Decode bytes to text without guessing silently.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32); BOM-less UTF-16 (recognised by its NUL bytes); strict UTF-8;
then charset-normalizer, which tells Windows-1256 (the legacy Arabic code page of older crawls) from the other
legacy code pages. Data with control bytes that no text encoding explains is reported as binary, and a decoding
that charset-normalizer is not confident about is an error rather than mojibake.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from ..errors import MarsadInputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# charset-normalizer's "chaos" (0..1) above which a legacy decoding is not trusted; real cp1256 news scores
# 0.0-0.05, random bytes above 0.3
_MAX_CHAOS = 0.2


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in most even (BE) or odd (LE) byte positions for Latin, and a
    constant high byte 0x06 for Arabic; require one of the two halves to be nearly uniform."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:4000]
    even, odd = sample[0::2], sample[1::2]
    for half, enc in ((odd, "utf-16-le"), (even, "utf-16-be")):
        common = sum(1 for b in half if b in (0x00, 0x06))
        if common / len(half) > 0.9:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _control_ratio(data: bytes) -> float:
    sample = data[:8000]
    if not sample:
        return 0.0
    return sum(1 for b in sample if b < 0x20 and b not in _TEXT_CONTROLS) / len(sample)


def decode(data: bytes, path: str | None = None, hint: str | None = None) -> tuple[str, str]:
    """(text, encoding) for `data`; raises E010 (undecodable) or E011 (binary)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), enc + "-bom" if enc == "utf-8" else enc
            except UnicodeDecodeError as exc:
                raise MarsadInputError("E010", f"has a {enc} byte-order mark but is not valid {enc} "
                                               f"(byte {exc.start + len(bom)})", path) from None
    if b"\x00" in data[:8000]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text, "utf-16"
        raise MarsadInputError("E011", "contains NUL bytes: binary data, not text", path)
    if _control_ratio(data) > 0.01:
        raise MarsadInputError("E011", "contains control bytes: binary data, not text", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates = [hint] if hint else None
    try:
        match = charset_normalizer.from_bytes(data, cp_isolation=candidates).best()
    except LookupError:
        match = None
    if match is None and hint:
        match = charset_normalizer.from_bytes(data).best()
    if match is None or match.chaos > _MAX_CHAOS:
        raise MarsadInputError(
            "E010", f"cannot decode as UTF-8 (byte {utf8_error.start}), UTF-16 or Windows-1256, "
                    "and no other encoding fits", path)
    return str(match), match.encoding
