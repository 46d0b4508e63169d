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


# stories of one outlet that each end with the same widget line (our own sentences): a full sentence that alone
# reads as the story's last line, which only corpus evidence (the line in every story) tells from the story
WIDGET = "الحدائق العامة متنفس سكان المدينة في الصيف."


def widget_story(k: int) -> str:
    return (f"أعلنت بلدية المدينة رقم {k} عن افتتاح حديقة عامة جديدة في الحي الشرقي بمساحة تزيد على عشرة آلاف "
            "متر مربع، وتضم ملاعب للأطفال وممرات للمشي ومقاعد للعائلات.\n"
            f"وقال رئيس البلدية إن المشروع رقم {k} كلف نحو مليوني دينار وسيفتح أبوابه للزوار مطلع الشهر المقبل.\n"
            f"{WIDGET}")
