"""MNIST IDX reader (gzip or raw). Headers and sizes are validated; bad files raise IdxError."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

IMAGES_MAGIC, LABELS_MAGIC = 2051, 2049
FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


class IdxError(ValueError):
    """An IDX file that is not what it claims; the message names the file and the problem."""


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            head = f.read(2)
        opener = gzip.open if head == b"\x1f\x8b" else open
        with opener(path, "rb") as f:
            return f.read()
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        raise IdxError(f"{path}: cannot read ({err})") from err


def parse_idx(raw: bytes, magic: int, name: str = "idx") -> np.ndarray:
    """Parse IDX bytes with the expected magic (2051 images: N x rows x cols; 2049 labels: N)."""
    dims = 3 if magic == IMAGES_MAGIC else 1
    header = 4 + 4 * dims
    if len(raw) < header:
        raise IdxError(f"{name}: {len(raw)} bytes is shorter than the {header}-byte header")
    found = struct.unpack(">I", raw[:4])[0]
    if found != magic:
        raise IdxError(f"{name}: bad magic {found} (0x{found:08x}), expected {magic}")
    shape = struct.unpack(f">{dims}I", raw[4:header])
    size = int(np.prod(shape))
    if len(raw) - header < size:
        raise IdxError(
            f"{name}: truncated, header promises {size} bytes of data for shape "
            f"{list(shape)} but only {len(raw) - header} follow"
        )
    if len(raw) - header > size:
        raise IdxError(f"{name}: {len(raw) - header - size} unexpected bytes after the data")
    return np.frombuffer(raw, np.uint8, size, header).reshape(shape)


def _find(directory: Path, stem: str) -> Path:
    for candidate in (
        stem + ".gz",
        stem,
        stem.replace("-idx", ".idx") + ".gz",
        stem.replace("-idx", ".idx"),
    ):
        if (directory / candidate).exists():
            return directory / candidate
    raise IdxError(f"{directory}: no file {stem}[.gz]")


def load_mnist(directory: Path, split: str = "train") -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 (N, 28, 28), labels uint8 (N,)) for split 'train' or 't10k'/'test'."""
    directory = Path(directory)
    images_stem, labels_stem = FILES["test" if split in ("test", "t10k") else "train"]
    images_path, labels_path = _find(directory, images_stem), _find(directory, labels_stem)
    images = parse_idx(_read_bytes(images_path), IMAGES_MAGIC, images_path.name)
    labels = parse_idx(_read_bytes(labels_path), LABELS_MAGIC, labels_path.name)
    if len(images) != len(labels):
        raise IdxError(
            f"{images_path.name} has {len(images)} images but "
            f"{labels_path.name} has {len(labels)} labels"
        )
    if labels.size and labels.max() > 9:
        raise IdxError(f"{labels_path.name}: label {labels.max()} outside 0..9")
    return images, labels
