"""Every example and counter-example of clean/corpus.yaml, one test each.

An entry marked `known_miss` documents a mistake of the shipped line classifier: it must still fail (strict
xfail), so that a model that fixes it makes the test fail until the mark is removed.
"""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from marsad.clean.boilerplate import classify_lines

CORPUS = yaml.safe_load(resources.files("marsad.clean").joinpath("corpus.yaml").read_text("utf-8"))
BEFORE = ["أعلنت الحكومة اليوم عن خطة جديدة لتطوير النقل العام في المدن الكبرى خلال السنوات الخمس المقبلة.",
          "وقال وزير النقل إن الخطة تشمل شراء حافلات كهربائية وتوسيع شبكة القطارات بين المحافظات."]
AFTER = ["وأضاف الوزير أن التمويل سيأتي من الموازنة العامة ومن قروض ميسرة من مؤسسات دولية.",
         "ومن المتوقع أن تبدأ المرحلة الأولى من الخطة في منتصف العام المقبل."]


def _cases(entries, name):
    return [pytest.param(e, id=e[name][:40] if name == "text" else e[name],
                         marks=[pytest.mark.xfail(strict=True, reason=e["known_miss"])] if e.get("known_miss") else [])
            for e in entries]


@pytest.mark.parametrize("case", _cases(CORPUS["lines"], "text"))
def test_line(case):
    verdicts = classify_lines(BEFORE + [case["text"]] + AFTER)
    got = verdicts[len(BEFORE)]
    assert (got.reason if got else None) == case["reason"], got
    assert all(v is None for i, v in enumerate(verdicts) if i != len(BEFORE)), verdicts


@pytest.mark.parametrize("page", _cases(CORPUS["pages"], "name"))
def test_page(page):
    lines = [text for text, _ in page["lines"]]
    got = [v.reason if v else None for v in classify_lines(lines)]
    assert got == [reason for _, reason in page["lines"]]
