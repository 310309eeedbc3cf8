"""Writing small MNIST-format (IDX) files for the tests that read them."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
from convtrace.nn.data import IMAGES_MAGIC, LABELS_MAGIC


def idx_bytes(magic: int, array: np.ndarray) -> bytes:
    """IDX bytes: big-endian magic, one big-endian uint32 per dimension, then the uint8 data."""
    return struct.pack(f">I{array.ndim}I", magic, *array.shape) + array.astype(np.uint8).tobytes()


def write_mnist(directory: Path, split_prefix: str, images, labels, gz: bool) -> None:
    """<prefix>-images-idx3-ubyte and <prefix>-labels-idx1-ubyte (gzip-compressed if gz)."""
    for stem, magic, array in (
        ("images-idx3-ubyte", IMAGES_MAGIC, images),
        ("labels-idx1-ubyte", LABELS_MAGIC, labels),
    ):
        raw = idx_bytes(magic, np.asarray(array))
        name = f"{split_prefix}-{stem}"
        if gz:
            (directory / f"{name}.gz").write_bytes(gzip.compress(raw))
        else:
            (directory / name).write_bytes(raw)
