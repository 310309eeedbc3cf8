"""Seeded initialisation and the on-disk model format.

A model is two files side by side: ``<name>.json`` (spec + metadata, human-readable) and
``<name>.npz`` (one array per parameter, keyed ``<layer>.<W|b>``, loaded without pickle).
"""

from __future__ import annotations

import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .network import Network, SpecError


class ModelFileError(ValueError):
    """A model file that is missing, corrupt or does not match its spec; says which file and why."""


def init_weights(net: Network, seed: int = 0) -> Network:
    """He-normal fan-in scaling before ReLU, Glorot (Xavier) elsewhere (before sigmoid, tanh,
    a pool or the loss); biases 0. A weight array W is (outputs, taps..., inputs): a conv's
    (M, d, d, t), a dense layer's (n_out, n_in), so fan-in is all but its first axis and
    fan-out its first axis times the taps."""
    rng = np.random.default_rng(seed)
    for i, layer in enumerate(net.layers):
        if "W" not in layer.params:
            continue
        w = layer.params["W"]
        fan_in = int(np.prod(w.shape[1:]))
        fan_out = w.shape[0] * int(np.prod(w.shape[1:-1]))
        nxt = net.layers[i + 1] if i + 1 < len(net.layers) else None
        if nxt is not None and nxt.he_init:
            std = np.sqrt(2.0 / fan_in)
        else:
            std = np.sqrt(2.0 / (fan_in + fan_out))
        layer.params["W"] = (rng.standard_normal(w.shape) * std).astype(w.dtype)
        layer.params["b"] = np.zeros_like(layer.params["b"])
    return net


def save(net: Network, path: Path, metadata: dict[str, Any] | None = None) -> None:
    """Write ``path.npz`` and ``path.json`` (path given without suffix)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    weights: dict[str, Any] = net.get_weights()  # (the stubs read ** as allow_pickle)
    np.savez_compressed(path.with_suffix(".npz"), **weights)
    doc = {"spec": net.spec, "metadata": metadata or {}}
    path.with_suffix(".json").write_text(json.dumps(doc, indent=2) + "\n")


def load(path: Path, dtype: npt.DTypeLike = np.float32) -> tuple[Network, dict[str, Any]]:
    """Read a model saved by ``save``; raise ModelFileError with the reason on any problem."""
    path = Path(path)
    spec_file, weight_file = path.with_suffix(".json"), path.with_suffix(".npz")
    try:
        doc = json.loads(spec_file.read_text())
        net = Network(doc["spec"])
    except FileNotFoundError as err:
        raise ModelFileError(f"{spec_file}: not found") from err
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, SpecError) as err:
        raise ModelFileError(f"{spec_file}: not a valid model description ({err})") from err
    try:
        with np.load(weight_file, allow_pickle=False) as archive:
            weights = {key: archive[key] for key in archive.files}
    except FileNotFoundError as err:
        raise ModelFileError(f"{weight_file}: not found") from err
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, zlib.error) as err:
        raise ModelFileError(f"{weight_file}: unreadable or truncated ({err})") from err
    try:
        net.set_weights(weights, dtype=dtype)
    except ValueError as err:
        raise ModelFileError(f"{weight_file}: {err}") from err
    return net, doc.get("metadata", {})
