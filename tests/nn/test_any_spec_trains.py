"""Training, data-parallel shards and the gradient check work on networks built from every
layer kind and option, not only on the shipped ones."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn.gradcheck import REL_TARGET, gradient_check
from convtrace.nn.loss import softmax_cross_entropy
from convtrace.nn.parallel import DataParallel
from convtrace.nn.spec import build
from convtrace.nn.train import SGD, train

from .test_reference64_arch import ARCHITECTURES, _images


def _net(name: str, seed: int = 3):
    return build({"input": [28, 28, 1], "layers": ARCHITECTURES[name]}, seed=seed)


@pytest.mark.parametrize("name", sorted(ARCHITECTURES))
def test_sharded_gradients_equal_the_whole_batch(name, rng):
    x = rng.uniform(0, 1, (7, 28, 28, 1))
    labels = rng.integers(0, 10, 7)
    whole = _net(name).astype(np.float64)
    loss, _ = whole.loss_and_grads(x, labels)
    net = _net(name).astype(np.float64)
    with DataParallel(net, 3) as model:
        assert model.loss_and_grads(x, labels)[0] == pytest.approx(loss, rel=1e-12)
    for a, b in zip(whole.layers, net.layers, strict=True):
        for key in a.grads:
            np.testing.assert_allclose(b.grads[key], a.grads[key], rtol=1e-9, atol=1e-14)


@pytest.mark.parametrize("name", ["average-pooling", "padding-and-stride", "overlapping-max-pool"])
def test_the_gradient_check_passes(name, rng):
    net, images = _net(name), _images()
    for layer in net.layers:  # zero biases put every blank pixel's ReLU input on its kink
        if "b" in layer.params:
            layer.params["b"] = rng.uniform(0.05, 0.1, layer.params["b"].shape).astype(np.float32)
    found = gradient_check(net, images[3], 5, samples_per_param=3, seed=1)
    for param in found.params:
        summary = param.summary()
        assert summary["mismatches"] == 0, summary
        assert summary["ok"] >= 1 or param.param == "input.x", summary
        assert summary["max_rel_error"] is None or summary["max_rel_error"] <= REL_TARGET


@pytest.mark.parametrize("name", ["deeper-3-conv", "mlp", "avgpool-overlap-1x1"])
def test_a_few_sgd_steps_on_one_batch_lower_its_loss(name, rng):
    images = _images()[:32]
    labels = np.arange(32) % 10
    net = _net(name)

    def loss() -> float:
        return softmax_cross_entropy(net.forward(images[..., None]), labels)[0]

    before = loss()
    train(
        net, images, labels, epochs=8, batch_size=32, optimizer=SGD(0.05, 0.9), augment_data=False
    )
    assert loss() < 0.7 * before
