"""Reading files and specs: MNIST IDX, saved models, network specs -- clear errors on bad input."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
from convtrace.nn import weights
from convtrace.nn.data import IMAGES_MAGIC, LABELS_MAGIC, IdxError, load_mnist, parse_idx
from convtrace.nn.network import Network, SpecError
from convtrace.nn.weights import ModelFileError

from .idxfiles import idx_bytes, write_mnist

# ---------------------------------------------------------------------------------- IDX files


def _images(rng: np.random.Generator, n: int = 3) -> np.ndarray:
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)


def _labels(rng: np.random.Generator, n: int = 3) -> np.ndarray:
    return rng.integers(0, 10, n, dtype=np.uint8)


def test_parse_idx_reads_images_and_labels(rng):
    images, labels = _images(rng), _labels(rng)
    parsed = parse_idx(idx_bytes(IMAGES_MAGIC, images), IMAGES_MAGIC)
    assert parsed.dtype == np.uint8 and parsed.shape == (3, 28, 28)
    np.testing.assert_array_equal(parsed, images)
    np.testing.assert_array_equal(parse_idx(idx_bytes(LABELS_MAGIC, labels), LABELS_MAGIC), labels)


def test_parse_idx_rejects_bad_magic(rng):
    raw = idx_bytes(LABELS_MAGIC, _images(rng))  # a labels magic on an images file
    with pytest.raises(IdxError, match=r"imgs: bad magic 2049.*expected 2051"):
        parse_idx(raw, IMAGES_MAGIC, "imgs")


def test_parse_idx_rejects_truncated_data(rng):
    raw = idx_bytes(IMAGES_MAGIC, _images(rng))[:-5]
    with pytest.raises(IdxError, match=r"imgs: truncated.*2352 bytes.*only 2347"):
        parse_idx(raw, IMAGES_MAGIC, "imgs")


def test_parse_idx_rejects_extra_bytes(rng):
    raw = idx_bytes(LABELS_MAGIC, _labels(rng)) + b"\x00\x01"
    with pytest.raises(IdxError, match=r"lbls: 2 unexpected bytes after the data"):
        parse_idx(raw, LABELS_MAGIC, "lbls")


@pytest.mark.parametrize(("magic", "header"), [(IMAGES_MAGIC, 16), (LABELS_MAGIC, 8)])
def test_parse_idx_rejects_short_header(magic, header, rng):
    raw = idx_bytes(magic, _images(rng) if magic == IMAGES_MAGIC else _labels(rng))[: header - 1]
    with pytest.raises(IdxError, match=rf"f: {header - 1} bytes is shorter than the {header}-byte"):
        parse_idx(raw, magic, "f")


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "raw"])
@pytest.mark.parametrize(("split", "prefix"), [("train", "train"), ("test", "t10k")])
def test_load_mnist_reads_gzip_and_raw_files(gz, split, prefix, tmp_path, rng):
    images, labels = _images(rng, 4), _labels(rng, 4)
    write_mnist(tmp_path, prefix, images, labels, gz)
    got_images, got_labels = load_mnist(tmp_path, split)
    np.testing.assert_array_equal(got_images, images)
    np.testing.assert_array_equal(got_labels, labels)


def test_load_mnist_rejects_image_label_count_mismatch(tmp_path, rng):
    write_mnist(tmp_path, "train", _images(rng, 3), _labels(rng, 2), gz=True)
    with pytest.raises(IdxError, match=r"has 3 images but .*labels.* has 2 labels"):
        load_mnist(tmp_path, "train")


def test_load_mnist_rejects_label_above_nine(tmp_path, rng):
    write_mnist(tmp_path, "train", _images(rng, 2), np.array([3, 10]), gz=False)
    with pytest.raises(IdxError, match=r"label 10 outside 0..9"):
        load_mnist(tmp_path, "train")


def test_load_mnist_names_the_missing_file(tmp_path):
    with pytest.raises(IdxError, match=r"no file train-images-idx3-ubyte"):
        load_mnist(tmp_path, "train")


def test_load_mnist_rejects_truncated_gzip(tmp_path, rng):
    write_mnist(tmp_path, "train", _images(rng, 2), _labels(rng, 2), gz=True)
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(IdxError, match=r"train-images-idx3-ubyte.gz: cannot read"):
        load_mnist(tmp_path, "train")


# -------------------------------------------------------------------------------- model files

SMALL = {
    "input": [8, 10, 2],
    "layers": [
        {"kind": "conv", "name": "conv1", "maps": 3, "size": 3},
        {"kind": "relu", "name": "relu1"},
        {"kind": "maxpool", "name": "pool1", "size": 2},
        {"kind": "flatten", "name": "flatten"},
        {"kind": "dense", "name": "dense", "units": 4},
    ],
}


@pytest.fixture
def saved(tmp_path) -> Path:
    """A small model saved as tmp/model.{json,npz}; returns the path without suffix."""
    path = tmp_path / "model"
    weights.save(weights.init_weights(Network(SMALL), seed=4), path, {"accuracy": 0.5})
    return path


def _rewrite_weights(path: Path, change) -> None:
    with np.load(path.with_suffix(".npz")) as archive:
        arrays = {key: archive[key] for key in archive.files}
    change(arrays)
    np.savez(path.with_suffix(".npz"), **arrays)


def test_save_load_round_trip_preserves_weights_and_outputs(saved, rng):
    original = weights.init_weights(Network(SMALL), seed=4)
    net, metadata = weights.load(saved)
    assert metadata == {"accuracy": 0.5}
    assert net.spec == original.spec
    loaded = net.get_weights()
    assert loaded.keys() == original.get_weights().keys()
    for key, value in original.get_weights().items():
        np.testing.assert_array_equal(loaded[key], value, err_msg=key)
        assert loaded[key].dtype == np.float32
    x = rng.uniform(0, 1, (2, 8, 10, 2)).astype(np.float32)
    np.testing.assert_array_equal(net.forward(x), original.forward(x))


def test_init_weights_is_seeded():
    a = weights.init_weights(Network(SMALL), seed=9).get_weights()
    b = weights.init_weights(Network(SMALL), seed=9).get_weights()
    c = weights.init_weights(Network(SMALL), seed=10).get_weights()
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    assert not np.array_equal(a["conv1.W"], c["conv1.W"])


@pytest.mark.parametrize("suffix", [".json", ".npz"])
def test_load_names_the_missing_file(saved, suffix):
    saved.with_suffix(suffix).unlink()
    with pytest.raises(ModelFileError, match=rf"model\{suffix}: not found"):
        weights.load(saved)


@pytest.mark.parametrize("keep", [0.9, 0.5, 0.05])
def test_load_rejects_truncated_npz(saved, keep):
    npz = saved.with_suffix(".npz")
    raw = npz.read_bytes()
    npz.write_bytes(raw[: int(len(raw) * keep)])
    with pytest.raises(ModelFileError, match=r"model\.npz: unreadable or truncated"):
        weights.load(saved)


def _corrupt_member_data(npz: Path, member: str) -> None:
    """Overwrite the start of one member's compressed data (a deflate stream) with 0xFF bytes."""
    with zipfile.ZipFile(npz) as archive:
        info = archive.getinfo(member)
    raw = bytearray(npz.read_bytes())
    name_len, extra_len = struct.unpack(
        "<HH", raw[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_len + extra_len
    raw[start : start + 4] = b"\xff\xff\xff\xff"  # block type 3 does not exist in deflate
    npz.write_bytes(bytes(raw))


def test_load_rejects_npz_with_corrupt_compressed_data(saved):
    _corrupt_member_data(saved.with_suffix(".npz"), "conv1.W.npy")
    with pytest.raises(ModelFileError, match=r"model\.npz"):
        weights.load(saved)


def test_load_rejects_wrong_shaped_weight(saved):
    def change(arrays):
        arrays["conv1.W"] = arrays["conv1.W"][:, :2]

    _rewrite_weights(saved, change)
    with pytest.raises(ModelFileError, match=r"model\.npz: weight conv1\.W: shape \[3, 2, 3, 2\]"):
        weights.load(saved)


def test_load_rejects_missing_weight(saved):
    _rewrite_weights(saved, lambda arrays: arrays.pop("dense.b"))
    with pytest.raises(ModelFileError, match=r"model\.npz: .*missing \['dense\.b'\]"):
        weights.load(saved)


def test_load_rejects_unexpected_weight(saved):
    _rewrite_weights(saved, lambda arrays: arrays.update({"conv9.W": np.zeros(3)}))
    with pytest.raises(ModelFileError, match=r"model\.npz: .*unexpected \['conv9\.W'\]"):
        weights.load(saved)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_load_rejects_non_finite_weight(saved, bad):
    def change(arrays):
        arrays["dense.W"][1, 2] = bad

    _rewrite_weights(saved, change)
    with pytest.raises(ModelFileError, match=r"model\.npz: weight dense\.W: contains NaN"):
        weights.load(saved)


INVALID_SPEC_FILES = {
    "not-json": b"{'spec': oops",
    "no-spec-key": json.dumps({"metadata": {}}).encode(),
    "not-an-object": json.dumps([1, 2, 3]).encode(),
    "bad-layer": json.dumps({"spec": {"input": [8, 10, 2], "layers": [{"kind": "pool"}]}}).encode(),
    "no-layers": json.dumps({"spec": {"input": [8, 7, 2]}}).encode(),
}


@pytest.mark.parametrize("content", INVALID_SPEC_FILES.values(), ids=INVALID_SPEC_FILES.keys())
def test_load_rejects_invalid_spec_json(saved, content):
    saved.with_suffix(".json").write_bytes(content)
    with pytest.raises(ModelFileError, match=r"model\.json: not a valid model description"):
        weights.load(saved)


def test_load_rejects_spec_file_that_is_not_text(saved):
    saved.with_suffix(".json").write_bytes(b"\xff\xfe\x00\x80 binary, not UTF-8")
    with pytest.raises(ModelFileError, match=r"model\.json"):
        weights.load(saved)


# ------------------------------------------------------------------------------ network specs


def _spec(*layers: dict, input_shape=(8, 8, 1)) -> dict:
    return {"input": list(input_shape), "layers": list(layers)}


FLAT = ({"kind": "flatten"}, {"kind": "dense", "units": 3})
BAD_SPECS = {
    "unknown-kind": (
        _spec({"kind": "convolution", "maps": 2, "size": 3}, *FLAT),
        r"layer 0: unknown kind 'convolution'",
    ),
    "missing-kind": (_spec({"maps": 2}, *FLAT), r"layer 0: unknown kind None"),
    "dense-without-flatten": (
        _spec({"kind": "conv", "maps": 2, "size": 3}, {"kind": "dense", "units": 3}),
        r"dense1: a dense layer needs a flat input, but it gets 6x6x2 maps; add a flatten",
    ),
    "filter-larger-than-input": (
        _spec({"kind": "conv", "maps": 2, "size": 9}, *FLAT),
        r"conv1: a 9x9 filter does not fit a 8x8 input; add padding or remove a pool",
    ),
    "filter-taller-than-nonsquare-input": (
        _spec({"kind": "conv", "maps": 2, "size": 6}, *FLAT, input_shape=(5, 9, 1)),
        r"a 6x6 filter does not fit a 5x9 input",
    ),
    "duplicate-names": (
        _spec(
            {"kind": "conv", "name": "a", "maps": 2, "size": 3},
            {"kind": "relu", "name": "a"},
            *FLAT,
        ),
        r"layer names must be unique",
    ),
    "default-name-clash": (
        _spec({"kind": "relu", "name": "conv1"}, {"kind": "conv", "maps": 2, "size": 3}, *FLAT),
        r"layer names must be unique",
    ),
    "zero-maps": (
        _spec({"kind": "conv", "maps": 0, "size": 3}, *FLAT),
        r"conv1: maps must be from 1 to 64, not 0",
    ),
    "size-not-integer": (
        _spec({"kind": "conv", "maps": 2, "size": 2.5}, *FLAT),
        r"conv1: size must be a whole number, not 2.5",
    ),
    "not-flat-at-end": (_spec({"kind": "conv", "maps": 2, "size": 3}), r"flat vector"),
    "layer-not-object": (_spec("conv", *FLAT), r"layer 0: must be an object"),
    "no-layers-list": ({"input": [8, 8, 1]}, r"'layers' list"),
}


@pytest.mark.parametrize(("spec", "message"), BAD_SPECS.values(), ids=BAD_SPECS.keys())
def test_network_rejects_bad_spec(spec, message):
    with pytest.raises(SpecError, match=message):
        Network(spec)


@pytest.mark.parametrize(
    "shape", [8, [8, 8], [8, 8, 1, 1], [0, 8, 1], ["8", 8, 1], [8.0, 8, 1], [True, 8, 1], None]
)
def test_network_rejects_input_that_is_not_a_shape(shape):
    with pytest.raises(SpecError, match="'input' must be"):
        Network({"input": shape, "layers": list(FLAT)})


def test_network_accepts_filter_as_large_as_input():
    net = Network(_spec({"kind": "conv", "maps": 2, "size": 5}, *FLAT, input_shape=(5, 9, 1)))
    assert net.shapes[1] == (1, 5, 2)
