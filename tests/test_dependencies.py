"""Every third-party module the package imports is a declared dependency: a core one, or the extra of the
feature that imports it lazily (Ray, PostgreSQL, Parquet). A plain `pip install marsad` must run every command
but those three, which say which extra to install."""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from conftest import REPO

SRC = REPO / "src" / "marsad"
# modules that only an optional feature imports, each inside the function that needs it, with its extra
OPTIONAL = {"ray": "ray", "psycopg": "postgres", "pyarrow": "parquet"}


def _imported_top_levels() -> dict[str, set[str]]:
    """Top-level module → the files under src/marsad that import it (absolute imports only)."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], set()).add(str(path.relative_to(REPO)))
    return found


def _requirement_name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _declared() -> tuple[set[str], dict[str, set[str]]]:
    meta = metadata.metadata("marsad")
    core, extras = set(), {}
    for req in meta.get_all("Requires-Dist") or []:
        name = _requirement_name(req)
        marker = re.search(r"extra\s*==\s*['\"]([\w-]+)['\"]", req)
        if marker:
            extras.setdefault(marker.group(1), set()).add(name)
        else:
            core.add(name)
    return core, extras


def test_every_imported_module_is_declared():
    third_party = {m: files for m, files in _imported_top_levels().items()
                   if m not in sys.stdlib_module_names and m not in {"marsad", "__future__"}}
    distributions = metadata.packages_distributions()
    core, extras = _declared()
    problems = []
    for module, files in sorted(third_party.items()):
        dists = {d.lower().replace("_", "-") for d in distributions.get(module, [])}
        if module in OPTIONAL:
            if not dists:
                continue  # the extra is not installed here; the test of that extra checks it
            if not dists & extras.get(OPTIONAL[module], set()):
                problems.append(f"{module} (imported by {sorted(files)}) is not in the {OPTIONAL[module]} extra")
            continue
        if not dists:
            problems.append(f"{module} (imported by {sorted(files)}) is not installed: declare it")
        elif not dists & core:
            problems.append(f"{module} (from {sorted(dists)}, imported by {sorted(files)}) is not a core "
                            "dependency in pyproject.toml")
    assert not problems, "\n".join(problems)


def test_optional_modules_are_imported_lazily():
    """ray, psycopg and pyarrow may appear only inside functions: `import marsad.<anything>` works without
    them."""
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:  # module level only
            names = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module.split(".")[0]]
            assert not set(names) & set(OPTIONAL), f"{path.relative_to(REPO)} imports {names} at module level"


def test_the_version_is_one_value():
    import marsad

    assert metadata.version("marsad") == marsad.__version__
    assert Path(REPO / "pyproject.toml").read_text("utf-8").count('dynamic = ["version"]') == 1
