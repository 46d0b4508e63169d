"""The publishing outlet: from a trailing source line, a «وفق متابعة …» phrase, or the URL host.

Order of trust: an outlet given with the input or by the page's own metadata (set by the readers) beats what
the text says; a source line («المصدر: تركيا الان») beats a relay phrase, which beats the URL host.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..text.normalize import fold, fold_with_offsets

# What follows «المصدر:» when it is not an outlet: «المصدر: وكالات» means "agencies", not a publisher.
_NOT_OUTLETS = {fold(w) for w in ("وكالات", "وكالات الأنباء", "مواقع", "متابعات", "مواقع إلكترونية",
                                  "مواقع التواصل", "الأسواق", "خاص")}
_SOURCE_PREFIX = re.compile(r"^\s*(?:المصدر|مصدر الخبر|source)\s*[:\-–]\s*", re.I)
# «وفق متابعة تركيا الان» / «وفقا لمتابعة …»: the outlet name runs to the next punctuation mark, ≤ 4 words
_VIA = re.compile(r"(?:وفق|وفقا ل|بحسب|حسب)\s*متابعه\s+(?P<name>[^،,.:؛\n()\"“”«»]{2,60})")
_TRAILING = " \t.،,:؛-–—|\"'“”«»()"
_FIRST_WORDS = re.compile(r"\S+(?:\s+\S+){0,3}")


def outlet_from_source_line(line: str) -> str | None:
    m = _SOURCE_PREFIX.match(line)
    if not m:
        return None
    name = line[m.end():].strip(_TRAILING)
    if not name or fold(name) in _NOT_OUTLETS or len(name.split()) > 6:
        return None
    return name


def outlet_from_via_phrase(text: str) -> str | None:
    key, offsets = fold_with_offsets(text)
    m = _VIA.search(key)
    if not m:
        return None
    # the name's first four words, mapped back from the folded key to the original text
    words = _FIRST_WORDS.match(m.group("name"))
    start = m.start("name") + words.start()
    end = m.start("name") + words.end()
    return text[offsets[start]:offsets[end]].strip(_TRAILING) or None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
