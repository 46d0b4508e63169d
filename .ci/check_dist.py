"""Checks for .ci/dist_check.sh.

    check_dist.py contents DIST_DIR        every tracked package file is in the sdist and in the wheel
    check_dist.py output EXTRACT ANALYZE   the installed wheel's outputs: the schema, the example's known facts
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED_SCHEMA = REPO.parent / "shared" / "schema" / "article.schema.json"


def tracked_package_files() -> list[str]:
    """Paths under src/ that git tracks: the package's modules, word lists, corpora, migrations and model."""
    out = subprocess.run(["git", "-C", str(REPO), "ls-files", "src/marsad"], capture_output=True, text=True,
                         check=True).stdout.split()
    return sorted(out)


def contents(dist: Path) -> list[str]:
    (sdist,) = dist.glob("*.tar.gz")
    (wheel,) = dist.glob("*.whl")
    with tarfile.open(sdist) as tar:
        top = tar.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(top + "/") for name in tar.getnames()}
    with zipfile.ZipFile(wheel) as whl:
        in_wheel = set(whl.namelist())
    problems = []
    files = tracked_package_files()
    for path in files:
        if path not in in_sdist:
            problems.append(f"sdist lacks {path}")
        # the wheel holds the package from src/, without its C source (compiled into _scan.*.so instead)
        if not path.endswith(".c") and path.removeprefix("src/") not in in_wheel:
            problems.append(f"wheel lacks {path.removeprefix('src/')}")
    if not any(name.startswith("marsad/text/_scan") and name.endswith((".so", ".pyd")) for name in in_wheel):
        print("  note: the wheel has no compiled tokenizer scanner (no C compiler?); the pure-Python path runs")
    data = [p for p in files if not p.endswith((".py", ".c"))]
    print(f"  {len(files)} tracked package files ({len(data)} data and model files) in the sdist and the wheel"
          if not problems else "")
    return problems


def output(paths: list[Path]) -> list[str]:
    sys.path.insert(0, str(REPO / "tests"))
    from example_facts import problems as fact_problems

    found = []
    validator = None
    if SHARED_SCHEMA.exists():
        import jsonschema

        validator = jsonschema.Draft202012Validator(json.loads(SHARED_SCHEMA.read_text("utf-8")))
    else:
        print(f"  note: {SHARED_SCHEMA} is absent: the schema check is skipped")
    for path in paths:
        lines = path.read_text("utf-8").splitlines()
        if len(lines) != 1:
            found.append(f"{path.name}: {len(lines)} lines, expected one article")
            continue
        doc = json.loads(lines[0])
        if validator is not None:
            found += [f"{path.name}: schema: {e.message}" for e in validator.iter_errors(doc)]
        for kind in ("entities", "quantities", "dates"):
            found += [f"{path.name}: {kind} span {x['start']}:{x['end']} is not its text"
                      for x in doc[kind] if doc["text"][x["start"]:x["end"]] != x["text"]]
        found += [f"{path.name}: {p}" for p in fact_problems(doc)]
        print(f"  {path.name}: {'valid against the schema, ' if validator else ''}"
              f"{len(doc['entities'])} entities, {len(doc['quantities'])} amounts, {len(doc['dates'])} dates")
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["contents"]:
        problems = contents(Path(argv[1]))
    elif argv[:1] == ["output"]:
        problems = output([Path(p) for p in argv[1:]])
    else:
        print(__doc__)
        return 2
    for p in problems:
        print(f"  FAIL {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
