"""Word lists live in the YAML beside the rules, not in their code (docs/rules.md#rules-as-data).

The phrase rules (statements, events and the noun phrases they share) once held about 230 Arabic strings in
their Python; they now read every list from their lexicon. This test keeps it so: no tuple, list or set written
in their code may hold two or more Arabic strings. Single letters and clitic prefixes tested one at a time
(«و», «ال») stay in code, as the orthography they are.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import marsad

EXTRACT = Path(marsad.__file__).parent / "extract"
MODULES = [*sorted((EXTRACT / "statements").glob("*.py")), *sorted((EXTRACT / "events").glob("*.py")),
           EXTRACT / "phrases.py"]
ARABIC = re.compile("[\u0621-\u064a]")


def _arabic_lists(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and ARABIC.search(e.value)]
            if len(words) >= 2:
                found.append(f"{name}:{node.lineno}: {words}")
    return found


def test_no_word_lists_in_the_phrase_rules_code():
    assert MODULES and all(p.exists() for p in MODULES)
    found = [hit for p in MODULES for hit in _arabic_lists(p.read_text("utf-8"), p.name)]
    assert not found, "move these word lists to the lexicon YAML:\n" + "\n".join(found)


def test_the_check_finds_a_word_list():
    assert _arabic_lists('WORDS = ("قال", "أضاف")\n', "x.py") == ["x.py:1: ['قال', 'أضاف']"]
    assert _arabic_lists('if key in {"بين", "مع"}:\n    pass\n', "x.py")
    assert not _arabic_lists('ONE = "و"\nPAIR = ("و", 2)\n', "x.py")
