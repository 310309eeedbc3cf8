"""The input-gradient experiments against independent computations: central differences for the
gradient, a fresh trace for every frame, a slow loop for occlusion."""

from __future__ import annotations

import time

import numpy as np
import pytest
from convtrace.config import Settings
from convtrace.digits import quantise
from convtrace.nn import input_gradient as ig
from convtrace.nn import occlusion as occ
from convtrace.nn.kinds import ReLU
from convtrace.nn.network import Network
from convtrace.nn.trace import collect
from convtrace.registry import Registry

NO_LIMIT = ig.Clock(None)


@pytest.fixture(scope="module")
def registry() -> Registry:
    settings = Settings()
    return Registry.load(settings.models_dir, settings.default_model)


@pytest.fixture(scope="module")
def net(registry) -> Network:
    return registry.get().network()


def _digit(registry, digit: int, nth: int = 0) -> np.ndarray:
    return registry.samples.images[np.flatnonzero(registry.samples.labels == digit)[nth]]


def _assert_frames_trace_the_same(net: Network, frames: list[ig.Frame]) -> None:
    for f in frames:
        _, result = collect(net, f.image)
        assert f.prediction == result.prediction, f.step
        np.testing.assert_array_equal(f.probabilities, result.probabilities, err_msg=str(f.step))


def _numerical_input_gradient(net: Network, image: np.ndarray, y: int, h: float = 1e-5):
    """(∂L_y/∂x by float64 central differences, smooth) for every pixel, all 2 x 784 nudged
    images in one batch; ``smooth`` marks the pixels whose nudges cross no ReLU kink and change
    no pool winner (elsewhere the difference is not a derivative)."""
    twin = Network(net.spec)
    twin.set_weights(net.get_weights(), dtype=np.float64)
    x = image.astype(np.float64).reshape(-1)
    nudged = np.repeat(x[None], 2 * x.size + 1, axis=0)  # the last one: x itself
    nudged[np.arange(x.size), np.arange(x.size)] += h
    nudged[x.size + np.arange(x.size), np.arange(x.size)] -= h
    a, same = nudged.reshape(-1, 28, 28, 1), np.ones(len(nudged), bool)
    for layer in twin.layers:
        a = layer.forward(a)
        pattern = a > 0 if isinstance(layer, ReLU) else getattr(layer, "switches", None)
        if pattern is not None:
            same &= (pattern == pattern[-1:]).reshape(len(a), -1).all(axis=1)
    z = a[:-1]
    # L = log Σ_k e^{z_k − z_y} = log1p(Σ_{k≠y} e^{z_k − z_y}): no cancellation when p_y ≈ 1
    loss = np.log1p(np.exp(np.delete(z, y, axis=1) - z[:, y : y + 1]).sum(axis=1))
    gradient = ((loss[: x.size] - loss[x.size :]) / (2 * h)).reshape(28, 28)
    return gradient, (same[: x.size] & same[x.size : -1]).reshape(28, 28)


def test_on_grid_is_the_drawings_quantisation(rng):
    x = rng.uniform(0, 1, (28, 28)).astype(np.float32)
    np.testing.assert_array_equal(ig.on_grid(x), quantise(x))


def test_loss_gradient_matches_central_differences(registry, net):
    image, y = _digit(registry, 7), 7
    _, dx = ig.loss_gradient(net, ig.as_batch(net, image), np.array([y]))
    numeric, smooth = _numerical_input_gradient(net, image, y)
    assert smooth.sum() > 100  # (pool windows with ties, e.g. on blank paper, are kinks)
    scale = np.abs(numeric).max()
    np.testing.assert_allclose(dx[0][smooth][:, 0], numeric[smooth], atol=1e-4 * scale, rtol=1e-3)


def test_fgsm_frame_is_the_formula_with_a_numerical_gradient(registry, net):
    image, y, eps = _digit(registry, 4), 4, 0.25
    outcome = ig.fgsm(net, image, y, eps)
    numeric, smooth = _numerical_input_gradient(net, image, y)
    expected = quantise(np.clip(image + eps * np.sign(numeric), 0, 1))
    # signs float32 can resolve, where the difference is a derivative
    clear = smooth & (np.abs(numeric) > 1e-3 * np.abs(numeric).max())
    assert clear.sum() > 100
    np.testing.assert_array_equal(outcome.frames[1].image[clear], expected[clear])
    assert outcome.frames[1].linf == pytest.approx(eps, abs=0.5 / 255)


def test_fgsm_with_no_label_attacks_the_prediction(registry, net):
    image = _digit(registry, 2)
    outcome = ig.fgsm(net, image, None, 0.25)
    assert outcome.extra["label"] == outcome.frames[0].prediction == 2
    _assert_frames_trace_the_same(net, outcome.frames)


@pytest.mark.parametrize(("digit", "target"), [(3, 8), (1, 7), (0, 6), (9, 4)])
def test_targeted_reaches_its_target_within_the_budget(registry, net, digit, target):
    image = _digit(registry, digit)
    outcome = ig.targeted(net, image, target, 0.3, 1 / 255, 200, NO_LIMIT)
    frames = outcome.frames
    assert frames[0].prediction == digit and frames[-1].prediction == target
    assert outcome.extra["reached"] and outcome.extra["smallest"]["linf"] <= 0.3 + 1e-6
    assert all(f.linf <= 0.3 + 1e-6 for f in frames)
    assert all(np.array_equal(f.image, quantise(f.image)) for f in frames)
    assert all(f.prediction != target for f in frames[:-1])  # it stops at the first success
    _assert_frames_trace_the_same(net, frames)


def test_targeted_out_of_steps_says_so(registry, net):
    outcome = ig.targeted(net, _digit(registry, 1), 0, 0.02, 1 / 255, 3, NO_LIMIT)
    assert not outcome.extra["reached"] and outcome.extra["smallest"] is None
    assert [f.step for f in outcome.frames] == [0, 1, 2, 3]


def test_long_runs_are_thinned_keeping_first_and_last(registry, net):
    outcome = ig.visualise(net, np.zeros((28, 28), np.float32), 5, 1.0, 120, 0.02, 0.5, NO_LIMIT)
    steps = [f.step for f in outcome.frames]
    assert len(steps) == ig.MAX_FRAMES and steps[0] == 0 and steps[-1] == 120


@pytest.mark.parametrize("k", [0, 5, 8])
def test_visualisation_makes_the_network_sure_of_k(net, k):
    start = ig.on_grid(np.random.default_rng(k).uniform(0, 0.2, (28, 28)))
    outcome = ig.visualise(net, start, k, 1.0, 200, 0.02, 0.5, NO_LIMIT)
    assert outcome.frames[-1].probabilities[k] >= 0.9
    assert outcome.frames[0].probabilities[k] < 0.9
    _assert_frames_trace_the_same(net, outcome.frames)


def test_blur_spreads_a_point_into_a_normalised_gaussian():
    x = np.zeros((1, 9, 9, 1), np.float32)
    x[0, 4, 4, 0] = 1
    out = ig.blurred(x, 1.0)[0, :, :, 0]
    assert out.sum() == pytest.approx(1, rel=1e-5)
    assert out[4, 4] == out.max() and out[4, 3] == pytest.approx(out[3, 4])
    assert out[4, 4] / out[4, 5] == pytest.approx(np.exp(0.5), rel=1e-5)


def test_occlusion_map_equals_a_slow_loop(registry, net):
    image, y, size, stride = _digit(registry, 6), 6, 5, 3
    outcome = occ.occlusion(net, image, y, size, stride, NO_LIMIT)
    p_y = collect(net, image)[1].probabilities[y]
    total, count = np.zeros((28, 28)), np.zeros((28, 28))
    corners = [*range(0, 28 - size + 1, stride)]
    corners += [] if corners[-1] == 28 - size else [28 - size]
    for r in corners:
        for c in corners:
            covered = image.copy()
            covered[r : r + size, c : c + size] = 0.5
            total[r : r + size, c : c + size] += p_y - collect(net, covered)[1].probabilities[y]
            count[r : r + size, c : c + size] += 1
    assert outcome.extra["positions"] == len(corners) ** 2
    np.testing.assert_allclose(outcome.extra["sensitivity"], total / count, atol=1e-5)
    _, dx = ig.loss_gradient(net, ig.as_batch(net, image), np.array([y]))
    np.testing.assert_array_equal(outcome.extra["saliency"], np.abs(dx[0, :, :, 0]))
    _assert_frames_trace_the_same(net, outcome.frames)


def test_top_overlap_counts_shared_top_pixels():
    a = np.arange(100.0).reshape(10, 10)
    assert occ.top_overlap(a, a) == 1
    assert occ.top_overlap(a, -a) == 0
    b = a.copy()
    b.flat[95:] = -1  # half of a's top ten leave b's top ten
    assert occ.top_overlap(a, b) == 0.5


def test_work_past_its_deadline_stops(registry, net):
    past = ig.Clock(time.monotonic() - 1)
    with pytest.raises(TimeoutError):
        ig.targeted(net, _digit(registry, 1), 0, 0.3, 1 / 255, 200, past)
    with pytest.raises(TimeoutError):
        occ.occlusion(net, _digit(registry, 1), 1, 6, 2, past)


def test_the_update_shown_is_at_a_pixel_the_step_moved():
    x = np.zeros((1, 3, 3, 1), np.float32)
    dx = np.zeros_like(x)
    dx[0, 0, 0, 0], dx[0, 1, 2, 0], dx[0, 2, 1, 0] = -9.0, 2.0, -3.0  # (0, 0) held at 0
    x_next = x.copy()
    x_next[0, 1, 2, 0], x_next[0, 2, 1, 0] = 0.1, 0.1
    update = ig.pixel_update(x, dx, x_next)
    assert (update.row, update.col, update.dx) == (2, 1, -3.0)
    assert update.x == 0 and update.next == pytest.approx(0.1)
