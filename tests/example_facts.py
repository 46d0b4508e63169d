"""The bundled example's known facts (examples/port_expansion.expected.json) against an analysed article's
JSON. Used by tests/test_example.py and by .ci/check_dist.py on the output of the installed wheel."""

from __future__ import annotations

import json
from pathlib import Path

EXPECTED_PATH = Path(__file__).resolve().parent.parent / "examples" / "port_expansion.expected.json"


def expected() -> dict:
    return json.loads(EXPECTED_PATH.read_text("utf-8"))


def has_entity(doc: dict, text: str, label: str) -> bool:
    return any(e["text"] == text and e["label"] == label for e in doc["entities"])


def problems(doc: dict) -> list[str]:
    """Every known fact `doc` gets wrong, one line each (empty: all right). Known misses are not counted."""
    want = expected()
    out = []
    if doc["source"]["outlet"] != want["outlet"]:
        out.append(f"outlet {doc['source']['outlet']!r}")
    removed = [[r["line"], r["reason"]] for r in doc["removed"]]
    if removed != want["removed"]:
        out.append(f"removed lines {removed}")
    out += [f"entity {t} {lab} not found" for t, lab in want["entities"] if not has_entity(doc, t, lab)]
    canon = {e["text"]: e["canonical"] for e in doc["entities"]}
    out += [f"{short} links to {canon.get(short)!r}" for short, full in want["canonical"].items()
            if canon.get(short) != full]
    amounts = [[q["text"], q["kind"], q["value"], q["unit"]] for q in doc["quantities"]]
    out += [f"amount {q} not found" for q in want["quantities"] if q not in amounts]
    out += [f"extra amount {q}" for q in amounts if q not in want["quantities"]]
    dates = [[d["text"], d["value"]] for d in doc["dates"]]
    if sorted(dates, key=str) != sorted(want["dates"], key=str):
        out.append(f"dates {dates}")
    if doc["reference_date"] != want["reference_date"]:
        out.append(f"reference date {doc['reference_date']}")
    checks = [{k: c[k] for k in ("kind", "claimed", "consistent")} for c in doc["checks"]]
    if checks != want["checks"]:
        out.append(f"checks {checks}")
    said = {(s["verb"]["text"], s["speaker_canonical"]) for s in doc["statements"]}
    out += [f"statement {verb} by {who} not found" for verb, who in want["statements"]
            if not any(v == verb and who in (c or "") for v, c in said)]
    return out


if __name__ == "__main__":  # python tests/example_facts.py OUT.jsonl: what is wrong in marsad extract's output
    import sys

    found = problems(json.loads(Path(sys.argv[1]).read_text("utf-8").splitlines()[0]))
    print("\n".join(found) or "every known fact of the example is right")
    sys.exit(1 if found else 0)
