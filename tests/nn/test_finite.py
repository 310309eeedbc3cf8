"""Non-finite numbers are an error naming the first tensor that overflowed, never a result."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn import trace
from convtrace.nn.finite import NonFiniteError
from convtrace.nn.network import Network
from convtrace.nn.specs import lenet
from convtrace.nn.weights import init_weights

# NumPy warns as it overflows; the point here is what the engine does next
pytestmark = pytest.mark.filterwarnings(
    "ignore:overflow:RuntimeWarning", "ignore:invalid:RuntimeWarning"
)


@pytest.fixture
def net() -> Network:
    return init_weights(Network(lenet("relu")), seed=0)


def _digit(rng: np.random.Generator) -> np.ndarray:
    return rng.uniform(0, 1, (28, 28)).astype(np.float32)


@pytest.mark.parametrize(
    ("weight", "tensor"), [("conv1.W", "conv1.z"), ("conv2.W", "conv2.z"), ("dense.W", "dense.z")]
)
def test_trace_stops_at_the_first_tensor_that_overflows(net, rng, weight, tensor):
    layer, key = weight.split(".")
    params = next(la for la in net.layers if la.name == layer).params
    params[key] = np.full_like(params[key], 3e38)  # finite, but the sums overflow
    produced = []
    with pytest.raises(NonFiniteError, match=f"{tensor} is not finite") as error:
        for item in trace.run(net, _digit(rng), 3):
            produced.append(item)
    assert error.value.tensor == tensor
    assert all(np.isfinite(r.array).all() for r in produced), "nothing non-finite is yielded"
    names = [r.name for r in produced]
    assert names == [name for name in names if name != tensor] and names[0] == "input.x"


def test_trace_rejects_an_input_that_is_not_finite(net):
    image = np.zeros((28, 28))
    image[3, 4] = np.inf
    with pytest.raises(NonFiniteError, match="input.x"):
        next(trace.run(net, image, 0))


def test_network_forward_names_the_overflowing_tensor(net, rng):
    net.layers[0].params["W"][...] = 3e38
    with pytest.raises(NonFiniteError, match="conv1.z is not finite"):
        net.forward(_digit(rng).reshape(1, 28, 28, 1))


def test_network_backward_names_the_overflowing_gradient(net, rng):
    x = _digit(rng).reshape(1, 28, 28, 1) + 1
    net.forward(x)
    with pytest.raises(NonFiniteError, match="dense.dL_dW is not finite"):
        net.backward(np.full((1, 10), 3e38, np.float32))


def test_a_training_pass_raises_for_an_overflowing_batch(net, rng):
    net.layers[3].params["W"][...] = 3e38
    with pytest.raises(NonFiniteError, match="conv2.z"):
        net.loss_and_grads(_digit(rng).reshape(1, 28, 28, 1), np.array([1]))
