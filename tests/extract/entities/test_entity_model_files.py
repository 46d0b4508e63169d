"""The shipped model: built by the committed training config, credited, small enough, loadable offline."""

from __future__ import annotations

import hashlib
import json

from marsad.extract.entities.model import MODEL_DIR

from conftest import REPO

CONFIG = REPO / "training/ner/config.yaml"


def _meta() -> dict:
    return json.loads((MODEL_DIR / "meta.json").read_text("utf-8"))


def test_shipped_model_carries_the_hash_of_the_committed_training_config():
    # Retrain (python training/ner/train.py --config training/ner/config.yaml) after changing the config.
    assert _meta()["config_sha256"] == hashlib.sha256(CONFIG.read_bytes()).hexdigest()
    assert _meta()["overrides"] == [], "the shipped model was built with --set overrides"


def test_shipped_model_credits_anercorp_and_has_its_files():
    meta = _meta()
    assert "ANERcorp" in meta["credit"] and "CC BY-SA 4.0" in meta["credit"]
    for name in ("ner.crfsuite", "vocab.tsv", "gazetteer.tsv", "meta.json"):
        assert (MODEL_DIR / name).is_file(), name


def test_shipped_files_stay_under_50_mb():
    total = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert total <= 50 * 1024 * 1024


def test_model_loads_once_per_process():
    from marsad.extract.entities.model import tagger

    assert tagger() is tagger()
    assert tagger().tag([]) == []


def test_shipped_model_names_its_network_and_the_libraries_that_built_it():
    meta = _meta()
    if meta.get("network"):
        assert (MODEL_DIR / "network.npz").is_file()
        assert meta["network_fill"] in ("two-stage", "first-stage", "none")
    # word2vec, k-means and torch results move between releases: the build records them
    assert {"gensim", "scikit-learn", "numpy"} <= set(meta["libraries"])


def test_shipped_network_has_the_language_model_the_config_asks_for():
    import yaml

    from marsad.extract.entities.model import tagger

    net_cfg = yaml.safe_load(CONFIG.read_text("utf-8"))["network"]
    wanted = bool(net_cfg["enabled"] and net_cfg.get("lm", {}).get("enabled", False))
    assert _meta()["network_language_model"] == wanted
    if net_cfg["enabled"]:
        assert tagger().network.lm == wanted
