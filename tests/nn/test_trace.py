"""The trace: the same numbers as a plain forward/backward pass, in order, with shapes and names."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.nn import trace
from convtrace.nn.kinds import MaxPool2D, ReLU
from convtrace.nn.loss import softmax_cross_entropy
from convtrace.nn.network import Network
from convtrace.nn.specs import lenet
from convtrace.nn.weights import init_weights

from .numgrad import STENCIL, STEP, check_gradient

SMALL_TANH = {
    "input": [10, 8, 2],
    "layers": [
        {"kind": "conv", "name": "c1", "maps": 3, "size": 3},
        {"kind": "tanh", "name": "t1"},
        {"kind": "maxpool", "name": "p1", "size": 2},
        {"kind": "flatten", "name": "f"},
        {"kind": "dense", "name": "hidden", "units": 6},
        {"kind": "sigmoid", "name": "s1"},
        {"kind": "dense", "name": "out", "units": 4},
    ],
}
SPECS = {"lenet-relu": lenet("relu"), "lenet-sigmoid": lenet("sigmoid"), "small-tanh": SMALL_TANH}


@pytest.fixture(params=sorted(SPECS))
def net(request) -> Network:
    return init_weights(Network(SPECS[request.param]), seed=3)


def _image(net: Network, rng: np.random.Generator) -> np.ndarray:
    return rng.uniform(0, 1, net.input_shape)


def _output_name(layer) -> str:
    return f"{layer.name}.{'z' if layer.kind in ('conv', 'dense') else 'a'}"


def _plain_pass(net: Network, image: np.ndarray, label: int):
    """What the trace should show, from a plain pass: (forward by name, gradients by 'of')."""
    x = image[None].astype(net.layers[0].params["W"].dtype)
    forward = {"input.x": x[0]}
    a = x
    for layer in net.layers:
        a = layer.forward(a)
        forward[_output_name(layer)] = a[0]
        if isinstance(layer, MaxPool2D):
            forward[f"{layer.name}.switches"] = layer.switch_cells()[0]
    np.testing.assert_array_equal(a, net.forward(x))  # the walk above is net.forward
    loss, p, dz = softmax_cross_entropy(a, np.array([label]))
    forward["loss.p"], forward["loss.L"] = p[0], np.array(loss, a.dtype)

    dx = net.backward(dz)
    grads = {_output_name(net.layers[-1]): dz[0]}
    grads.update(
        {
            f"{layer.name}.{key}": grad.copy()
            for layer in net.layers
            for key, grad in layer.grads.items()
        }
    )
    # the error at each layer's input, i.e. at the output of the layer below it
    below = ["input.x"] + [_output_name(layer) for layer in net.layers[:-1]]
    for i in range(len(net.layers) - 1, -1, -1):
        dz = net.layers[i].backward(dz)
        grads[below[i]] = dz[0]
    np.testing.assert_array_equal(dz, dx)  # the walk above is net.backward
    return forward, grads


def test_trace_values_equal_plain_forward_and_backward(net, rng):
    image = _image(net, rng)
    records, result = trace.collect(net, image, label=2)
    forward, grads = _plain_pass(net, image, label=2)
    shown_forward = {f"{r.layer}.{r.quantity}": r.array for r in records if r.phase == "forward"}
    shown_grads = {r.of: r.array for r in records if r.phase == "backward"}
    assert shown_forward.keys() == forward.keys()
    assert shown_grads.keys() == grads.keys()
    for name, value in forward.items():
        np.testing.assert_array_equal(shown_forward[name], value, err_msg=name)
    for name, value in grads.items():
        np.testing.assert_allclose(shown_grads[name], value, rtol=1e-6, atol=1e-9, err_msg=name)
    np.testing.assert_array_equal(result.probabilities, forward["loss.p"])
    assert result.loss == pytest.approx(float(forward["loss.L"]))


def _expected_shapes(net: Network) -> dict[str, tuple[int, ...]]:
    """Shape of every tensor a record can show or be taken with respect to, from architecture()."""
    shapes = {"input.x": tuple(net.shapes[0]), "loss.p": (net.classes,), "loss.L": ()}
    for entry in net.architecture():
        q = "z" if entry["kind"] in ("conv", "dense") else "a"
        shapes[f"{entry['name']}.{q}"] = tuple(entry["output_shape"])
        if entry["kind"] == "maxpool":
            shapes[f"{entry['name']}.switches"] = (*entry["output_shape"], 2)
        for key, shape in entry["params"].items():
            shapes[f"{entry['name']}.{key}"] = tuple(shape)
    return shapes


def test_every_record_shape_matches_architecture(net, rng):
    records, result = trace.collect(net, _image(net, rng), label=0)
    shapes = _expected_shapes(net)
    assert [tuple(s) for s in net.shapes[1:]] == [shapes[_output_name(la)] for la in net.layers]
    for r in records:
        # a gradient has the shape of the tensor it is taken with respect to
        name = f"{r.layer}.{r.quantity}" if r.phase == "forward" else r.of
        assert r.array.shape == shapes[name], f"{r.phase} {r.layer} {r.quantity}"
    assert result.probabilities.shape == (net.classes,)


def test_trace_is_forward_from_input_then_backward(net, rng):
    records, result = trace.collect(net, _image(net, rng), label=0)
    phases = [r.phase for r in records]
    assert (records[0].phase, records[0].layer, records[0].quantity) == ("forward", "input", "x")
    first_backward = phases.index("backward")
    assert set(phases[:first_backward]) == {"forward"}
    assert set(phases[first_backward:]) == {"backward"}
    names = [layer.name for layer in net.layers]
    forward_layers = [r.layer for r in records[1:first_backward]]
    assert list(dict.fromkeys(forward_layers)) == [*names, trace.LOSS]
    backward_layers = [r.layer for r in records[first_backward:]]
    assert list(dict.fromkeys(backward_layers)) == names[::-1]
    assert records[first_backward].equation == "xent.dz"
    assert records[-1].of == "input.x"
    assert isinstance(result, trace.Result)


def test_trace_is_streamed_input_first(net, rng):
    stream = trace.run(net, _image(net, rng), 0)
    first = next(stream)
    assert (first.phase, first.layer) == ("forward", "input")
    stream.close()


def test_every_record_is_labelled(net, rng):
    records, _ = trace.collect(net, _image(net, rng), label=0)
    for r in records:
        assert r.phase in ("forward", "backward")
        for text in (r.layer, r.quantity, r.equation, r.kind):
            assert isinstance(text, str) and text.strip(), r
        if r.phase == "backward":
            assert r.of, r


def test_label_none_uses_prediction(net, rng):
    image = _image(net, rng)
    logits = net.forward(image[None].astype(np.float32))[0]
    records, result = trace.collect(net, image, label=None)
    assert result.prediction == int(np.argmax(logits))
    assert result.label == result.prediction
    dz = next(r.array for r in records if r.equation == "xent.dz")
    onehot = np.eye(net.classes)[result.prediction]
    np.testing.assert_allclose(dz, result.probabilities - onehot, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("label", [-1, 10, 99])
def test_label_out_of_range_raises_before_any_backward_record(label, rng):
    net = init_weights(Network(lenet("relu")), seed=0)
    produced = []
    with pytest.raises(ValueError, match=f"label {label}"):
        for item in trace.run(net, _image(net, rng), label):
            produced.append(item)
    assert all(isinstance(r, trace.Record) and r.phase == "forward" for r in produced)


def test_trace_rejects_image_of_wrong_shape():
    net = init_weights(Network(lenet("relu")), seed=0)
    with pytest.raises(ValueError, match="does not fit"):
        trace.collect(net, np.zeros((27, 28)))


def _kink_pattern(net: Network, x: np.ndarray) -> list[np.ndarray]:
    """Which ReLU inputs are positive and which cells win each pool: fixed between kinks."""
    pattern, a = [], x[None]
    for layer in net.layers:
        a = layer.forward(a)
        if isinstance(layer, ReLU):
            pattern.append(a > 0)
        if isinstance(layer, MaxPool2D):
            pattern.append(layer.switches.copy())
    return pattern


def _smooth_around(net: Network, x: np.ndarray, pixel: int) -> bool:
    """True if nudging ``pixel`` as far as the difference stencil does crosses no kink."""
    here = _kink_pattern(net, x)
    for offset in STENCIL:
        nudged = x.copy()
        nudged.reshape(-1)[pixel] += offset * STEP
        if any(
            not np.array_equal(p, q) for p, q in zip(here, _kink_pattern(net, nudged), strict=True)
        ):
            return False
    return True


@pytest.mark.parametrize("spec", ["lenet-relu", "small-tanh"])
def test_trace_input_gradient_matches_central_differences(spec, rng):
    net = init_weights(Network(SPECS[spec]), seed=5).astype(np.float64)
    x = _image(net, rng)
    records, result = trace.collect(net, x, label=3)
    dx = records[-1].array
    assert records[-1].of == "input.x" and dx.dtype == np.float64

    def loss() -> float:
        return softmax_cross_entropy(net.forward(x[None]), np.array([result.label]))[0]

    assert loss() == pytest.approx(result.loss, rel=1e-12)
    # a few pixels: the three with the largest error and three more at random, skipping any
    # pixel whose nudge would cross a ReLU kink or change a pool winner (no derivative there)
    order = np.argsort(np.abs(dx).reshape(-1))[::-1]
    largest = [p for p in order[:20] if _smooth_around(net, x, p)][:3]
    others = [p for p in rng.permutation(order[3:])[:20] if _smooth_around(net, x, p)][:3]
    pixels = np.array(largest + others)
    assert len(pixels) == 6
    check_gradient(loss, x, dx, rng, "trace dL/dx", indices=pixels)


def test_trace_works_in_float64(rng):
    net = init_weights(Network(lenet("tanh")), seed=1).astype(np.float64)
    image = _image(net, rng)
    records, result = trace.collect(net, image, label=4)
    for r in records:
        if r.quantity != "switches":
            assert r.array.dtype == np.float64, (r.layer, r.quantity)
    _, grads = _plain_pass(net, image, label=4)
    np.testing.assert_allclose(records[-1].array, grads["input.x"], rtol=1e-12, atol=1e-15)
    float64_input = next(r.array for r in records if r.layer == "input")
    np.testing.assert_array_equal(float64_input, image)  # not rounded through float32


def test_every_record_names_what_it_reads_and_reads_only_what_exists_before_it(net, rng):
    records, _ = trace.collect(net, _image(net, rng), label=1)
    known = {f"{layer.name}.{key}" for layer in net.layers for key in layer.params}
    names = [r.name for r in records]
    assert len(set(names)) == len(names), "every tensor has one name"
    for r in records:
        assert set(r.reads) <= known, (r.name, r.reads)  # computed from earlier tensors only
        known.add(r.name)
    assert records[0].reads == ()
    assert all(r.reads for r in records[1:])


def test_reads_follow_the_equations():
    records, _ = trace.collect(init_weights(Network(lenet("relu")), seed=0), np.ones((28, 28)), 4)
    reads = {r.name: r.reads for r in records}
    assert reads["conv2.z"] == ("pool1.a", "conv2.W", "conv2.b")
    assert reads["relu2.a"] == ("conv2.z",)
    assert reads["pool1.switches"] == ("relu1.a",)
    assert reads["dense.dL_dz"] == ("loss.p",)
    assert reads["dense.dL_dW"] == ("dense.dL_dz", "flatten.a")
    assert reads["pool2.dL_da"] == ("flatten.dL_da",)
    assert reads["relu2.dL_da"] == ("pool2.dL_da", "pool2.switches")
    assert reads["conv2.dL_dz"] == ("relu2.dL_da", "conv2.z")
    assert reads["conv2.dL_db"] == ("conv2.dL_dz",)
    assert reads["input.dL_dx"] == ("conv1.dL_dz", "conv1.W")
