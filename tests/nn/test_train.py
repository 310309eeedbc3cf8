"""Training: the loss goes down on a tiny synthetic set, runs are reproducible, augmentation
keeps shapes and range, and `convtrace train` writes a loadable model with its metadata."""

from __future__ import annotations

import json

import numpy as np
import pytest
from convtrace.nn.augment import _bilinear, augment, random_thickness
from convtrace.nn.network import Network
from convtrace.nn.train import SGD, Adam, main, train
from convtrace.nn.weights import init_weights, load

from .idxfiles import write_mnist

SPEC = {
    "input": [12, 12, 1],
    "layers": [
        {"kind": "conv", "maps": 4, "size": 3},
        {"kind": "relu"},
        {"kind": "maxpool", "size": 2},
        {"kind": "flatten"},
        {"kind": "dense", "units": 3},
    ],
}


def _synthetic(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Three classes a small net can learn: a vertical bar, a horizontal bar, a dot."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, n)
    images = rng.random((n, 12, 12)) * 0.1
    for i, y in enumerate(labels):
        at = rng.integers(3, 9)
        if y == 0:
            images[i, 2:10, at] = 1
        elif y == 1:
            images[i, at, 2:10] = 1
        else:
            images[i, at - 1 : at + 1, at - 1 : at + 1] = 1
    return images.astype(np.float32), labels


def _loss(net: Network, images, labels) -> float:
    from convtrace.nn.loss import softmax_cross_entropy

    return softmax_cross_entropy(net.forward(images[..., None]), labels)[0]


@pytest.mark.parametrize("optimizer", [SGD(0.05, 0.9), Adam(0.01)], ids=["sgd", "adam"])
def test_training_on_a_tiny_set_lowers_the_loss(optimizer):
    images, labels = _synthetic(96)
    net = init_weights(Network(SPEC), seed=0)
    before = _loss(net, images, labels)
    history = train(
        net, images, labels, epochs=6, batch_size=16, optimizer=optimizer, augment_data=False
    )
    after = _loss(net, images, labels)
    assert after < 0.5 * before, (before, after)
    assert history.epoch_loss[-1] < history.epoch_loss[0]


def test_training_is_deterministic_for_a_seed():
    images, labels = _synthetic(48)
    runs = []
    for _ in range(2):
        net = init_weights(Network(SPEC), seed=3)
        train(
            net,
            images,
            labels,
            epochs=2,
            batch_size=8,
            optimizer=SGD(0.05),
            seed=7,
            augment_data=False,
        )
        runs.append(net.get_weights())
    other = init_weights(Network(SPEC), seed=3)
    train(
        other,
        images,
        labels,
        epochs=2,
        batch_size=8,
        optimizer=SGD(0.05),
        seed=8,
        augment_data=False,
    )
    for key in runs[0]:
        np.testing.assert_array_equal(runs[0][key], runs[1][key])
    assert any(not np.array_equal(runs[0][k], other.get_weights()[k]) for k in runs[0])


def test_augmentation_keeps_shape_range_and_most_ink():
    rng = np.random.default_rng(0)
    images = np.zeros((32, 28, 28), np.float32)
    images[:, 8:20, 12:16] = 1  # a bar in the middle: stays inside the frame after warping
    out = augment(images, rng)
    assert out.shape == images.shape and out.dtype == np.float32
    assert out.min() >= 0 and out.max() <= 1
    ink_ratio = out.sum(axis=(1, 2)) / images.sum(axis=(1, 2))
    assert np.all(ink_ratio > 0.5) and np.all(ink_ratio < 2.5)
    assert not np.allclose(out, images)  # it did change something


def test_bilinear_sampling_matches_the_formula_with_zeros_outside():
    rng = np.random.default_rng(4)
    images = rng.random((3, 5, 6)).astype(np.float32)
    rows = rng.uniform(-3, 8, (3, 5, 6))  # well outside, across the edges, and inside
    cols = rng.uniform(-3, 9, (3, 5, 6))
    rows[0, 0, :3] = [-1, 4, 2]  # exactly on the border ring and on pixel centres
    cols[0, 0, :3] = [2, 5, -1]

    def pixel(n, r, c):
        return float(images[n, r, c]) if 0 <= r < 5 and 0 <= c < 6 else 0.0

    expected = np.zeros(rows.shape)
    for index in np.ndindex(rows.shape):
        n, r, c = index[0], rows[index], cols[index]
        r0, c0 = int(np.floor(r)), int(np.floor(c))
        fr, fc = r - r0, c - c0
        expected[index] = (
            (1 - fr) * (1 - fc) * pixel(n, r0, c0)
            + (1 - fr) * fc * pixel(n, r0, c0 + 1)
            + fr * (1 - fc) * pixel(n, r0 + 1, c0)
            + fr * fc * pixel(n, r0 + 1, c0 + 1)
        )
    np.testing.assert_allclose(_bilinear(images, rows, cols), expected, rtol=1e-12, atol=1e-15)


def test_thickness_changes_are_3x3_dilation_and_half_erosion():
    from numpy.lib.stride_tricks import sliding_window_view

    images = np.random.default_rng(5).random((40, 7, 8)).astype(np.float32)
    out = random_thickness(images, np.random.default_rng(6), p_thick=0.4, p_thin=0.4)
    windows = sliding_window_view(np.pad(images, ((0, 0), (1, 1), (1, 1))), (3, 3), axis=(1, 2))
    dilated, eroded = windows.max(axis=(-1, -2)), windows.min(axis=(-1, -2))
    kinds = set()
    for i in range(len(images)):  # each image is exactly one of: dilated, half-eroded, unchanged
        for kind, expected in (
            ("thick", dilated[i]),
            ("thin", 0.5 * (images[i] + eroded[i])),
            ("same", images[i]),
        ):
            if np.array_equal(out[i], expected):
                kinds.add(kind)
                break
        else:
            raise AssertionError(f"image {i} is none of the three")
    assert kinds == {"thick", "thin", "same"}


@pytest.fixture
def mnist_dir(tmp_path):
    """A tiny random "MNIST": 64 training and 32 test images."""
    rng = np.random.default_rng(0)
    for prefix, n in (("train", 64), ("t10k", 32)):
        write_mnist(
            tmp_path,
            prefix,
            (rng.random((n, 28, 28)) * 255).astype(np.uint8),
            rng.integers(0, 10, n),
            gz=True,
        )
    return tmp_path


def test_train_command_saves_a_model_with_metadata(mnist_dir, capsys):
    out = mnist_dir / "model"
    assert main(["--data", str(mnist_dir), "--epochs", "1", "--out", str(out), "--seed", "5"]) == 0
    net, meta = load(out)
    assert net.architecture()[0]["kind"] == "conv"
    assert 0 <= meta["test_accuracy"] <= 1 and meta["training"]["seed"] == 5
    assert len(meta["data_sha256"]) == 64
    assert json.loads(out.with_suffix(".json").read_text())["metadata"] == meta
    assert "test accuracy" in capsys.readouterr().out


def test_train_command_can_start_from_a_saved_model(mnist_dir):
    tmp_path = mnist_dir
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["--data", str(tmp_path), "--epochs", "1", "--out", str(first)]) == 0
    assert (
        main(
            [
                "--data",
                str(tmp_path),
                "--epochs",
                "1",
                "--out",
                str(second),
                "--lr",
                "0",
                "--init",
                str(first),
                "--no-augment",
            ]
        )
        == 0
    )
    (a, _), (b, meta) = load(first), load(second)
    for key, value in a.get_weights().items():  # lr 0 with momentum from zero: unchanged
        np.testing.assert_array_equal(value, b.get_weights()[key])
    assert meta["initialised_from"]["training"]["epochs"] == 1
    with pytest.raises(SystemExit, match="architecture"):
        main(
            [
                "--data",
                str(tmp_path),
                "--arch",
                "lenet-sigmoid",
                "--init",
                str(first),
                "--out",
                str(tmp_path / "x"),
            ]
        )
