"""The statements lexicon (src/marsad/extract/statements/lexicon.yaml, loaded by its lexicon module): the forms
it generates for each reporting verb."""

from __future__ import annotations

from marsad.extract.statements.lexicon import load as load_lexicon
from marsad.text.normalize import fold


def test_every_form_of_a_verb_is_generated():
    forms = load_lexicon().forms
    for word in ("قال", "قالت", "قالوا", "يقول", "تقول", "يقولون", "أكدت", "يؤكد", "أضافا", "تضيف",
                 "مشيرا", "مشيرة", "مضيفًا", "مؤكدةً", "لافتا", "رأى", "ترى", "نفت", "ينفي", "قوله"):
        assert fold(word) in forms, word
