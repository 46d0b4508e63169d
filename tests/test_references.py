"""Comments and docstrings cite only what a reader of the repository can open.

Citations of documents outside the repository ("SPEC §3", "DESIGN §5", "issue 28") are not allowed in the code,
data and tests; a rule is cited as `docs/rules.md#<anchor>` (or another file under docs/, a module, a test or
bench/NOTES.md). Every `docs/<file>.md` reference must name an existing file, and its `#anchor`, when given, a
heading of that file (GitHub's slug: lowercase, punctuation dropped, spaces to hyphens).

Scanned: .py, .yaml, .yml and .c files under src/, tests/ and training/, bench/*.py, and every file of those kinds
or .md under docs/. bench/NOTES.md and the README keep issue numbers as history and are not scanned.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
SUFFIXES = {".py", ".yaml", ".yml", ".c"}
SKIP_DIRS = {"__pycache__", ".venv", "build", "node_modules"}

# "SPEC §3", "DESIGN.md §5", "issue 28", "Issue #4", "issue 25's"
CITATION = re.compile(r"\b(?:SPEC|DESIGN)(?:\.md)?\s*§|\bissues?\s+#?\d+", re.IGNORECASE)
# docs/rules.md#spans, docs/annotation/boilerplate.md, docs/store.md#ingest-guarantees
DOC_REF = re.compile(r"\bdocs/((?:[\w.-]+/)*[\w.-]+\.md)(?:#([\w-]+))?")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def scanned_files() -> list[Path]:
    """The files whose comments and docstrings are checked, this test excluded."""
    files: list[Path] = []
    for top in ("src", "tests", "training"):
        files += [p for p in (REPO / top).rglob("*") if p.suffix in SUFFIXES]
    files += [p for p in (REPO / "bench").glob("*.py")]
    files += [p for p in DOCS.rglob("*") if p.suffix in SUFFIXES | {".md"}]
    me = Path(__file__).resolve()
    return sorted(p for p in files
                  if p.is_file() and p.resolve() != me and not SKIP_DIRS & set(p.relative_to(REPO).parts))


def lines_of(path: Path) -> list[tuple[int, str]]:
    return list(enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: markup and punctuation dropped, lowercase, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = text.lower().strip()
    text = re.sub(r"[^\w\- ]", "", text)  # keeps letters (Arabic too), digits, _, - and spaces
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file; repeated headings get -1, -2… as on GitHub."""
    seen: dict[str, int] = {}
    found: set[str] = set()
    fenced = False
    for _, line in lines_of(path):
        if FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if not m:
            continue
        base = slug(m.group(2))
        n = seen.get(base, 0)
        seen[base] = n + 1
        found.add(base if n == 0 else f"{base}-{n}")
    return found


def test_slug_is_githubs():
    assert slug("Spans") == "spans"
    assert slug("Keys not text") == "keys-not-text"
    assert slug("Cleaning again: `marsad reclean`") == "cleaning-again-marsad-reclean"
    assert slug("Stories: which articles report the same event") == "stories-which-articles-report-the-same-event"


def test_no_citations_of_documents_outside_the_repository():
    found = [f"{path.relative_to(REPO)}:{n}: {line.strip()[:100]}"
             for path in scanned_files() for n, line in lines_of(path) if CITATION.search(line)]
    assert not found, ("cite docs/rules.md#<anchor>, a docs file, a module, a test or bench/NOTES.md instead of "
                       "SPEC/DESIGN sections and issue numbers:\n" + "\n".join(found))


def test_docs_references_resolve():
    cache: dict[Path, set[str]] = {}
    broken = []
    for path in scanned_files():
        for n, line in lines_of(path):
            for m in DOC_REF.finditer(line):
                target = DOCS / m.group(1)
                where = f"{path.relative_to(REPO)}:{n}: docs/{m.group(1)}"
                if not target.is_file():
                    broken.append(f"{where}: no such file")
                    continue
                anchor = m.group(2)
                if anchor is not None:
                    if target not in cache:
                        cache[target] = anchors(target)
                    if anchor not in cache[target]:
                        broken.append(f"{where}#{anchor}: no such heading")
    assert not broken, "references to docs/ that do not resolve:\n" + "\n".join(broken)

