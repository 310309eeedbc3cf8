"""Non-finite numbers are an error naming the first tensor that overflowed, never a result."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn import trace
from convtrace.nn.finite import NonFiniteError, require_finite
from convtrace.nn.network import Network
from convtrace.nn.spec import build
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


# ---- the test itself: a sum certifies a tensor, and only a non-finite sum looks further ----

SHAPES = [(1,), (10,), (1, 28, 28, 8), (3, 5, 7), (70_000,)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_one_bad_entry_anywhere_is_found(rng, dtype, shape, bad):
    for _ in range(4):
        array = rng.standard_normal(shape).astype(dtype)
        array.flat[rng.integers(array.size)] = bad
        with pytest.raises(NonFiniteError, match="conv2.dL_dz") as error:
            require_finite("conv2.dL_dz", array)
        assert error.value.tensor == "conv2.dL_dz"


def test_infinities_of_both_signs_and_cropped_views_are_found(rng):
    array = rng.standard_normal((1, 30, 30, 8)).astype(np.float32)
    array[0, 3, 4, 5], array[0, 20, 1, 0] = np.inf, -np.inf  # their sum is NaN
    with pytest.raises(NonFiniteError):
        require_finite("a", array)
    cropped = array[:, 1:-1, 1:-1]  # not contiguous: a padding cropped off, as conv dL/dx does
    with pytest.raises(NonFiniteError):
        require_finite("a", cropped)
    array[0, 20, 1, 0] = 1.0
    array[0, 3, 4, 5] = np.nan
    with pytest.raises(NonFiniteError):
        require_finite("a", array[:, :, :, 5])
    assert require_finite("a", array[:, :, :, :5]) is not None  # the NaN is outside this view


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_finite_entries_whose_sum_of_squares_overflows_pass(dtype):
    big = np.finfo(dtype).max
    array = np.full((4, 1000), big / 2, dtype)  # every entry finite, the sum is infinite
    array[1] = -big
    assert require_finite("a", array) is array
    assert require_finite("a", np.array(big, dtype)) is not None  # a 0-d array (the loss)
    assert require_finite("a", np.full(3, np.sqrt(big) * 2, dtype)) is not None  # squares overflow


def test_every_tested_tensor_of_a_trace_is_named_when_one_entry_goes_bad(rng, monkeypatch):
    """Each tensor the trace tests, for every layer with weights of a 3-conv net with padding,
    pooling and a hidden dense layer: one NaN or infinity planted at a random entry ends the
    trace with that tensor's name, and nothing non-finite was yielded before."""
    spec = {"input": [28, 28, 1], "layers": [
        {"kind": "conv", "maps": 4, "size": 3, "padding": "same"}, {"kind": "relu"},
        {"kind": "maxpool", "size": 2},
        {"kind": "conv", "maps": 6, "size": 3, "padding": 1, "stride": 2}, {"kind": "tanh"},
        {"kind": "conv", "maps": 8, "size": 3}, {"kind": "sigmoid"},
        {"kind": "avgpool", "size": 2}, {"kind": "flatten"},
        {"kind": "dense", "units": 12}, {"kind": "relu"}, {"kind": "dense", "units": 10},
    ]}  # fmt: skip
    image = _digit(rng)
    records, _ = trace.collect(build(spec, seed=3), image, 4)
    tested = [r for r in records if r.kind in ("conv", "dense")]
    assert len(tested) == 5 * 4  # z, dL/dW, dL/db and dL/d(its input) of each of the 5 layers
    for record, bad in zip(tested, np.resize([np.nan, np.inf, -np.inf], 20), strict=True):
        net = build(spec, seed=3)
        _plant(monkeypatch, net, record, bad, rng)
        produced = []
        with pytest.raises(NonFiniteError) as error:
            for item in trace.run(net, image, 4):
                produced.append(item)
        assert error.value.tensor == record.name
        assert all(np.isfinite(r.array).all() for r in produced), record.name
        # every record before it, as in the whole trace, and none after
        assert [r.name for r in produced] == [r.name for r in records[: records.index(record)]]
        monkeypatch.undo()


def _plant(monkeypatch, net, record, bad, rng):
    """Make the layer computing ``record``'s tensor put ``bad`` at one random entry of it."""

    def spoil(array):
        array = np.array(array)
        array.flat[rng.integers(array.size)] = bad
        return array

    layer = next(la for la in net.layers if la.name == record.layer)
    forward, backward = layer.forward, layer.backward
    if record.phase == "forward":  # z
        monkeypatch.setattr(layer, "forward", lambda x: spoil(forward(x)))
    elif record.quantity in ("dL_dW", "dL_db"):

        def grads(dy, need_dx=True):
            dx = backward(dy, need_dx)
            layer.grads[record.quantity[-1]] = spoil(layer.grads[record.quantity[-1]])
            return dx

        monkeypatch.setattr(layer, "backward", grads)
    else:  # ∂L/∂(the layer's input): what its backward returns
        monkeypatch.setattr(
            layer, "backward", lambda dy, need_dx=True: spoil(backward(dy, need_dx))
        )
