"""The network's training loop (training/ner/network.py), where torch is installed (the `train` extra)."""

from __future__ import annotations

import sys

import pytest

torch = pytest.importorskip("torch", reason="training the entity network needs the train extra (torch)")

from conftest import REPO  # noqa: E402

sys.path.insert(0, str(REPO / "training/ner"))

import network  # noqa: E402


def _items(n: int = 6) -> list[tuple]:
    """Sentences of three tokens in _batch's layout; the toy model below reads only the flag columns."""
    g = torch.Generator().manual_seed(0)
    return [(torch.ones(3, dtype=torch.long), torch.ones(3, dtype=torch.long), torch.ones(3, 2, dtype=torch.long),
             torch.randn(3, 4, generator=g), torch.randint(0, 2, (3,), generator=g)) for _ in range(n)]


def _train(average_last: int, epochs: int = 4) -> tuple[list[torch.Tensor], torch.Tensor]:
    """(the weights after each epoch, the final weights) of a linear model trained by network._fit."""
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 2)
    after: list[torch.Tensor] = []

    def loss(w, st, ch, fl, y, mask):
        return torch.nn.functional.cross_entropy(model(fl[mask]), y[mask], reduction="sum")

    def log(msg: str) -> None:  # _fit logs once per epoch, after its last step
        if " loss " in msg:
            after.append(model.weight.detach().clone())

    cfg = {"lr": 0.1, "batch": 2}
    network._fit(model, loss, _items(), cfg, epochs, 1, log, "toy", average_last)
    return after, model.weight.detach().clone()


def test_without_averaging_the_model_keeps_its_last_weights():
    after, final = _train(0)
    assert torch.equal(final, after[-1])


def test_averaging_leaves_the_mean_of_the_last_epochs_weights():
    after, final = _train(3)
    assert torch.allclose(final, torch.stack(after[-3:]).mean(0), atol=1e-6)
    assert not torch.allclose(final, after[-1])
