"""Shared fixtures: where ../shared is, and skips with a reason where it is absent."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MARSAD_SHARED", REPO.parent / "shared"))
SEED = SHARED / "examples/seed/000_32e5d76c227be01a.txt"
SCHEMA_PATH = SHARED / "schema/article.schema.json"
DATA = SHARED / "data"
EXAMPLE = REPO / "examples/port_expansion.txt"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared folder is not beside the project)")
    return path


@pytest.fixture(scope="session")
def schema_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(need(SCHEMA_PATH).read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


ARTICLE = ("قالت وزارة الصحة في بيان لها اليوم إن عدد الإصابات ارتفع إلى 120 حالة.\n"
           "وأضافت الوزارة أن الفرق الطبية تعمل في ثلاث محافظات.")
