"""The article text as a tree of marked spans, for the article page.

Items nest: a statement's content holds entities and amounts; an amount may hold a place name. Items are placed
outermost first (longer spans first, then statements before the items inside them); an item that crosses the
boundary of one already placed is left unmarked in the text (it is still listed in the tables beside it), so the
page never breaks a span in two or reorders text. The tree holds plain strings and item records; the template
escapes every string, so article text can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# outer before inner when two items cover the same span
_LAYER = {"content": 0, "speaker": 1, "verb": 1, "trigger": 2, "entity": 3, "quantity": 3, "date": 3}


@dataclass
class Mark:
    kind: str                 # content, speaker, verb, trigger, entity, quantity, date
    index: int                # position of the item in its list in the article's JSON
    start: int
    end: int
    item: dict
    children: list = field(default_factory=list)  # str | Mark


def _items(doc: dict) -> list[Mark]:
    marks = []
    for i, s in enumerate(doc.get("statements", [])):
        marks.append(Mark("content", i, s["content"]["start"], s["content"]["end"], s))
        if s.get("speaker"):
            marks.append(Mark("speaker", i, s["speaker"]["start"], s["speaker"]["end"], s))
        marks.append(Mark("verb", i, s["verb"]["start"], s["verb"]["end"], s))
    for i, e in enumerate(doc.get("events", [])):
        marks.append(Mark("trigger", i, e["trigger"]["start"], e["trigger"]["end"], e))
    for kind, key in (("entity", "entities"), ("quantity", "quantities"), ("date", "dates")):
        for i, x in enumerate(doc.get(key, [])):
            marks.append(Mark(kind, i, x["start"], x["end"], x))
    return [m for m in marks if 0 <= m.start < m.end <= len(doc["text"])]


def annotate(doc: dict) -> tuple[list, list[Mark]]:
    """The text as a list of strings and Marks (nested), and the items that could not be marked inline."""
    text = doc["text"]
    marks = sorted(_items(doc), key=lambda m: (m.start, -(m.end - m.start), _LAYER[m.kind], m.index))
    root = Mark("root", 0, 0, len(text), {})
    stack = [root]
    unmarked = []
    for m in marks:
        while stack[-1] is not root and stack[-1].end <= m.start:
            stack.pop()
        parent = stack[-1]
        if m.end > parent.end:
            unmarked.append(m)  # crosses the end of an item already placed
            continue
        parent.children.append(m)
        stack.append(m)
    _fill(root, text)
    return root.children, unmarked


def _fill(node: Mark, text: str) -> None:
    """Interleave a node's marked children with the plain text between them."""
    out: list = []
    at = node.start
    for child in node.children:
        if child.start > at:
            out.append(text[at:child.start])
        _fill(child, text)
        out.append(child)
        at = child.end
    if at < node.end:
        out.append(text[at:node.end])
    node.children = out
