"""The corpora of examples and counter-examples kept beside each rule dimension (docs/corpus_format.md).

Every `corpus.yaml` under the package has one shape: `dimension`, optional `defaults`, `examples` and
`counter_examples`. `load` reads one file and checks it against the format (an unknown key is an error naming the
file, the case and the key); `cases` yields its cases; `find_corpora` lists the files. What a case is compared
with is the dimension's own business: tests/test_corpora.py maps each dimension to its check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

TOP_KEYS = ("dimension", "defaults", "examples", "counter_examples")
EXPECT_ITEMS, EXPECT_VALUE, EXPECT_REASON = "items", "value", "reason"


class CorpusError(ValueError):
    """A corpus file that does not follow the format; the message names the file and the offending key."""


@dataclass(frozen=True)
class Spec:
    """What one dimension's corpus may hold.

    `inputs`: the keys that give a case's input (exactly one per case). `expect`: the shape of `expect`: a list of
    item mappings (`items`, with `required` and `optional` keys), one number (`value`) or one removal reason
    (`reason`; with `lines`, one reason or null per line). `context`: keys allowed in `defaults` and on a case
    (a case's own overrides the default). `twins`: examples with digits also run with Eastern Arabic digits (a
    case may say `twin: false`). `absent`: examples may list strings no item may have as its span text.
    `counter_type`: a counter-example may name the one item type it must not give.
    """

    expect: str
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    inputs: tuple[str, ...] = ("text",)
    context: frozenset[str] = frozenset()
    twins: bool = False
    absent: bool = False
    counter_type: bool = False


def _items(required: str, optional: str = "", **kw: Any) -> Spec:
    return Spec(EXPECT_ITEMS, frozenset(required.split()), frozenset(optional.split()), **kw)


SPECS: dict[str, Spec] = {
    "clean": Spec(EXPECT_REASON, inputs=("text", "lines")),
    "number": Spec(EXPECT_VALUE, twins=True),
    "quantity": _items("text kind value", "unit", context=frozenset({"outlet"}), twins=True),
    "date": _items("text value", "relative calendar", context=frozenset({"reference_date"}), twins=True),
    "check": _items("claimed computed consistent", context=frozenset({"reference_date"}), twins=True),
    "events": _items("type trigger", "mode location actors targets topics", counter_type=True),
    "entities": _items("text label", "canonical", absent=True),
    "statements": _items("verb", "speaker canonical channel via direct_quote addressee"),
}


@dataclass(frozen=True)
class Case:
    """One example or counter-example. `text` or `lines` is its input; `expect` is None for a counter-example
    (it must give nothing, or nothing of `type`); `context` is the file's defaults with the case's own keys."""

    path: Path
    dimension: str
    counter: bool
    index: int
    text: str | None = None
    lines: list[str] | None = None
    expect: Any = None
    context: dict[str, Any] = field(default_factory=dict)
    twin: bool = True
    known_miss: str | None = None
    absent: list[str] = field(default_factory=list)
    type: str | None = None
    note: str | None = None

    @property
    def name(self) -> str:
        """The file (under the package), the case's kind and index and the start of its text."""
        start = self.text if self.text is not None else (self.lines or [""])[0]
        return f"{_relative(self.path)}:{'counter' if self.counter else 'ex'}{self.index}:{start[:30]}"


def _relative(path: Path) -> str:
    root = package_root()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def package_root() -> Path:
    return Path(str(resources.files("marsad")))


def find_corpora(root: Path | None = None) -> list[Path]:
    """Every corpus.yaml under `root` (the marsad package by default), sorted."""
    return sorted((root or package_root()).rglob("corpus.yaml"))


def _fail(path: Path, where: str, message: str) -> CorpusError:
    return CorpusError(f"{path}: {where}: {message}")


def _check_keys(path: Path, where: str, got: dict, allowed: set[str] | frozenset[str]) -> None:
    for key in got:
        if key not in allowed:
            raise _fail(path, where, f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})")


def _check_expect(path: Path, where: str, spec: Spec, expect: Any, lines: list[str] | None) -> None:
    if spec.expect == EXPECT_VALUE:
        if isinstance(expect, bool) or not isinstance(expect, (int, float)):
            raise _fail(path, where, f"expect must be a number, not {expect!r}")
    elif spec.expect == EXPECT_REASON:
        if lines is None:
            if not isinstance(expect, str):
                raise _fail(path, where, "expect must be the line's reason (a line that must stay is a "
                                         "counter-example)")
        elif not (isinstance(expect, list) and len(expect) == len(lines)
                  and all(r is None or isinstance(r, str) for r in expect)):
            raise _fail(path, where, f"expect must give one reason or null for each of the {len(lines)} lines")
    else:
        if not isinstance(expect, list):
            raise _fail(path, where, "expect must be a list of items")
        for k, item in enumerate(expect):
            if not isinstance(item, dict):
                raise _fail(path, f"{where}.expect[{k}]", "an item must be a mapping")
            _check_keys(path, f"{where}.expect[{k}]", item, spec.required | spec.optional)
            missing = spec.required - item.keys()
            if missing:
                raise _fail(path, f"{where}.expect[{k}]", f"missing key {', '.join(sorted(missing))}")


def _case(path: Path, dimension: str, spec: Spec, defaults: dict, raw: Any, counter: bool, index: int) -> Case:
    where = f"{'counter_examples' if counter else 'examples'}[{index}]"
    if isinstance(raw, str) and counter:
        raw = {"text": raw}
    if not isinstance(raw, dict):
        raise _fail(path, where, "a case must be a mapping" + (" or a string" if counter else ""))
    allowed = set(spec.inputs) | spec.context | {"known_miss", "note"}
    if not counter:
        allowed.add("expect")
        if spec.twins:
            allowed.add("twin")
        if spec.absent:
            allowed.add("absent")
    elif spec.counter_type:
        allowed.add("type")
    _check_keys(path, where, raw, allowed)
    given = [k for k in spec.inputs if k in raw]
    if len(given) != 1:
        raise _fail(path, where, f"a case needs exactly one of {', '.join(spec.inputs)}")
    text, lines = raw.get("text"), raw.get("lines")
    if text is not None and not (isinstance(text, str) and text):
        raise _fail(path, where, "text must be a non-empty string")
    if lines is not None and not (isinstance(lines, list) and lines and all(isinstance(s, str) for s in lines)):
        raise _fail(path, where, "lines must be a non-empty list of strings")
    if not counter:
        if "expect" not in raw:
            raise _fail(path, where, "an example needs expect (a case that must give nothing is a counter-example)")
        _check_expect(path, where, spec, raw["expect"], lines)
    for key, kind in (("twin", bool), ("known_miss", str), ("note", str), ("type", str)):
        if key in raw and not isinstance(raw[key], kind):
            raise _fail(path, where, f"{key} must be a {kind.__name__}")
    absent = raw.get("absent", [])
    if not (isinstance(absent, list) and all(isinstance(s, str) for s in absent)):
        raise _fail(path, where, "absent must be a list of strings")
    return Case(path=path, dimension=dimension, counter=counter, index=index, text=text, lines=lines,
                expect=raw.get("expect"), context={**defaults, **{k: raw[k] for k in spec.context if k in raw}},
                twin=raw.get("twin", True), known_miss=raw.get("known_miss"), absent=absent, type=raw.get("type"),
                note=raw.get("note"))


def load(path: Path) -> list[Case]:
    """Every case of the corpus file `path`, examples first, after checking the whole file against the format."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as e:
        raise CorpusError(f"{path}: not YAML: {e}") from e
    if not isinstance(data, dict):
        raise _fail(path, "top level", "a corpus must be a mapping")
    _check_keys(path, "top level", data, set(TOP_KEYS))
    dimension = data.get("dimension")
    if dimension not in SPECS:
        raise _fail(path, "dimension", f"{dimension!r} is no dimension (known: {', '.join(sorted(SPECS))})")
    if dimension != path.parent.name:
        raise _fail(path, "dimension", f"{dimension!r} is not the name of the folder the file is in")
    spec = SPECS[dimension]
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise _fail(path, "defaults", "defaults must be a mapping")
    _check_keys(path, "defaults", defaults, spec.context)
    out = []
    for key, counter in (("examples", False), ("counter_examples", True)):
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise _fail(path, key, "must be a list")
        out += [_case(path, dimension, spec, defaults, raw, counter, n) for n, raw in enumerate(entries)]
    if not out:
        raise _fail(path, "top level", "a corpus needs examples or counter_examples")
    return out


def cases(paths: list[Path] | None = None) -> Iterator[Case]:
    """The cases of every corpus in `paths` (all of the package's by default), file by file."""
    for path in find_corpora() if paths is None else paths:
        yield from load(path)
