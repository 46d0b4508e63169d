"""Gold annotations by raw line and offset, placed onto the analysed (cleaned) article text."""

from __future__ import annotations

from marsad.text.normalize import strip_invisible


class LineMap:
    """Where each raw line of an article sits in its cleaned text (None for removed lines)."""

    def __init__(self, raw: str, text: str) -> None:
        self.starts: dict[int, int | None] = {}
        pos = 0
        for n, line in enumerate(raw.split("\n"), 1):
            clean = strip_invisible(line).strip()
            if not clean:
                self.starts[n] = None
                continue
            at = text.find(clean, pos)
            if at < 0:
                self.starts[n] = None
                continue
            # the cleaned text keeps a line from its first non-blank character
            lead = len(strip_invisible(line)) - len(strip_invisible(line).lstrip())
            self.starts[n] = at - lead
            pos = at + len(clean)
        self.line_spans = sorted((s, n) for n, s in self.starts.items() if s is not None)

    def span(self, line: int, start: int, end: int, raw_line: str) -> tuple[int, int] | None:
        """The cleaned-text span of raw (line, start, end), allowing for invisible characters removed."""
        base = self.starts.get(line)
        if base is None:
            return None
        before = len(strip_invisible(raw_line[:start]))
        inside = len(strip_invisible(raw_line[start:end]))
        return base + before, base + before + inside

    def line_of(self, pos: int) -> int | None:
        best = None
        for s, n in self.line_spans:
            if s <= pos:
                best = n
            else:
                break
        return best
