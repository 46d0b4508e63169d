"""The shipped model's inputs are the ones it was trained with.

The model reads, besides its weights, word lists (model_inputs.yaml) and resource files (model/vocab.tsv,
gazetteer.tsv, names.tsv): changing one changes its features without retraining it. The training script writes
their digests into meta.json (`inputs_sha256`, resources.input_hashes); this compares them with the files as they
are now. The word lists only the span rules read are in lexicon.yaml: editing those needs no retraining.
"""

from __future__ import annotations

import json

import pytest
import yaml

from marsad.extract.entities import resources
from marsad.extract.entities.model import MODEL_DIR
from marsad.extract.entities.resources import (MODEL_INPUT_LISTS, MODEL_INPUTS_FILE, RETRAIN, RULES_FILE,
                                               input_hashes, load_lexicon, load_model_inputs)


def _meta() -> dict:
    return json.loads((MODEL_DIR / "meta.json").read_text("utf-8"))


def test_model_inputs_are_unchanged_since_the_model_was_trained():
    meta = _meta()
    trained = meta.get("inputs_sha256")
    assert trained, f"model/meta.json has no inputs_sha256: retrain with `{RETRAIN}`"
    now = input_hashes(MODEL_DIR, meta["features"])
    changed = sorted(name for name in trained.keys() | now.keys() if trained.get(name) != now.get(name))
    assert not changed, "\n".join(
        f"model input {name} changed since the model was trained; retrain with `{RETRAIN}`, or revert {name}"
        for name in changed)


def test_the_model_input_lists_are_in_model_inputs_yaml_alone():
    inputs = load_model_inputs()
    assert set(inputs) == set(MODEL_INPUT_LISTS), f"{MODEL_INPUTS_FILE} must hold exactly {MODEL_INPUT_LISTS}"
    rules = yaml.safe_load((MODEL_DIR.parent / RULES_FILE).read_text("utf-8"))
    assert not set(rules) & set(inputs), f"a list is in both {MODEL_INPUTS_FILE} and {RULES_FILE}"
    assert load_lexicon() == {**rules, **inputs}


def test_featurizer_reads_its_word_lists_from_model_inputs():
    from marsad.extract.entities import features

    assert set(features.FEATURE_LISTS) <= set(load_model_inputs())
    assert {name for name, _ in resources.PHRASE_LISTS} <= set(load_model_inputs())


def test_a_list_in_the_wrong_file_is_refused(monkeypatch):
    real = resources._load_yaml

    def moved(name: str) -> dict:
        data = dict(real(name))
        if name == MODEL_INPUTS_FILE:
            data.pop("titles")
        else:
            data["titles"] = ["الرئيس"]
        return data

    monkeypatch.setattr(resources, "_load_yaml", moved)
    with pytest.raises(ValueError, match="titles"):
        load_lexicon()


def test_input_hashes_follow_content_not_comments(tmp_path, monkeypatch):
    for name in ("vocab.tsv", "gazetteer.tsv", "names.tsv"):
        (tmp_path / name).write_bytes((MODEL_DIR / name).read_bytes()[:2000])
    before = input_hashes(tmp_path)
    assert set(before) == {MODEL_INPUTS_FILE, "model/vocab.tsv", "model/gazetteer.tsv", "model/names.tsv"}
    # only the files the model's features options say it reads
    assert set(input_hashes(tmp_path, {"gazetteer": False, "names": False})) == {MODEL_INPUTS_FILE, "model/vocab.tsv"}
    assert input_hashes(tmp_path, {"news_names": True})["model/news_names.tsv"] is None  # absent
    # a line end written CRLF reads the same; a changed entry does not
    gaz = tmp_path / "gazetteer.tsv"
    gaz.write_bytes(gaz.read_bytes().replace(b"\n", b"\r\n"))
    assert input_hashes(tmp_path) == before
    gaz.write_bytes(gaz.read_bytes() + "مدينة\tLOC\n".encode())
    assert input_hashes(tmp_path)["model/gazetteer.tsv"] != before["model/gazetteer.tsv"]
    # the word lists count by their parsed content: a comment is no change, an entry is
    lists = load_model_inputs()
    monkeypatch.setattr(resources, "load_model_inputs", lambda: {**lists, "titles": lists["titles"] + ["العمدة"]})
    assert input_hashes(tmp_path)[MODEL_INPUTS_FILE] != before[MODEL_INPUTS_FILE]
