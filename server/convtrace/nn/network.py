"""A network: an ordered list of layers built from a small spec (a list of layer dicts).

Spec example (the default model)::

    {"input": [28, 28, 1], "layers": [
        {"kind": "conv", "name": "conv1", "maps": 8, "size": 5},
        {"kind": "relu", "name": "relu1"},
        {"kind": "maxpool", "name": "pool1", "size": 2},
        ...
        {"kind": "flatten", "name": "flatten"},
        {"kind": "dense", "name": "dense", "units": 10}]}

Layer names are optional in a spec (defaults like ``conv1``) and must be unique.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from .finite import require_finite
from .kernels import Array
from .kinds import KINDS
from .layers import Layer
from .loss import softmax_cross_entropy
from .naming import TraceLabels
from .spec import Planned, SpecError, walk

LAYER_KINDS = tuple(KINDS)
__all__ = ["LAYER_KINDS", "Network", "SpecError"]


class Network:
    """Layers in order; ``shapes[i]`` is the per-image shape entering layer i (last: the output)."""

    def __init__(self, spec: dict[str, Any]) -> None:
        """SpecError for a spec that is not well-formed (``spec.walk``); the product's limits
        are ``spec.check``'s, which every spec from a request passes first."""
        self._build(*walk(spec))

    def _build(self, shape: tuple[int, ...], planned: list[Planned]) -> None:
        self.input_shape = shape
        self._planned = planned
        self.layers: list[Layer] = [
            p.cls.from_config(p.name, p.cfg, p.input_shape) for p in planned
        ]
        self.shapes: list[tuple[int, ...]] = [shape] + [p.output_shape for p in planned]
        self.classes = self.shapes[-1][0]
        # the name of the tensor entering each layer, then the output's: "input.x", "conv1.z"...
        self.names = ["input.x"] + [f"{layer.name}.{layer.output}" for layer in self.layers]
        # and of the gradient of each: "input.dL_dx", "conv1.dL_dz"...
        self.errors = ["input.dL_dx"] + [f"{la.name}.dL_d{la.output}" for la in self.layers]

    @functools.cached_property
    def labels(self) -> TraceLabels:
        """What the records of this network's trace are called (worked out on the first trace:
        networks that are only trained never need it)."""
        return TraceLabels.of(self.layers, self.names)

    @property
    def spec(self) -> dict[str, Any]:
        return {"input": list(self.input_shape), "layers": [la.config() for la in self.layers]}

    def architecture(self) -> list[dict[str, Any]]:
        """Each layer's spec entry plus its input/output shapes and parameter shapes."""
        return [
            {
                **layer.config(),
                "input_shape": list(self.shapes[i]),
                "output_shape": list(self.shapes[i + 1]),
                "params": {k: list(v.shape) for k, v in layer.params.items()},
            }
            for i, layer in enumerate(self.layers)
        ]

    def replica(self) -> Network:
        """The same architecture sharing this network's parameter arrays (and any change made to
        them) but with its own per-layer state: kept inputs, switches, grads. One per thread in
        data-parallel training (``parallel.DataParallel``), one per request from the registry.

        Built from this network's checked layer list, not by checking its spec again, and
        sharing its record names (``labels``: plain data fixed by the architecture, worked out
        once for the network and all its replicas)."""
        twin = Network.__new__(Network)
        twin._build(self.input_shape, self._planned)
        for mine, theirs in zip(self.layers, twin.layers, strict=True):
            theirs.params = mine.params
        twin.__dict__["labels"] = self.labels  # what functools.cached_property would store
        return twin

    def parameters(self) -> Iterator[tuple[str, str, np.ndarray]]:
        for layer in self.layers:
            for key, value in layer.params.items():
                yield layer.name, key, value

    def get_weights(self) -> dict[str, np.ndarray]:
        return {f"{name}.{key}": value for name, key, value in self.parameters()}

    def set_weights(
        self, weights: dict[str, np.ndarray], dtype: npt.DTypeLike = np.float32
    ) -> None:
        """Replace every parameter; shapes must match exactly (no partial loads)."""
        expected = {f"{n}.{k}": v.shape for n, k, v in self.parameters()}
        missing = sorted(set(expected) - set(weights))
        extra = sorted(set(weights) - set(expected))
        if missing or extra:
            raise ValueError(
                f"weights do not fit the architecture: missing {missing}, unexpected {extra}"
            )
        for key, shape in expected.items():
            value = np.asarray(weights[key])
            if value.shape != shape:
                raise ValueError(f"weight {key}: shape {list(value.shape)}, expected {list(shape)}")
            if not np.all(np.isfinite(value)):
                raise ValueError(f"weight {key}: contains NaN or infinity")
        for layer in self.layers:
            for k in layer.params:
                layer.params[k] = np.array(weights[f"{layer.name}.{k}"], dtype=dtype)

    def astype(self, dtype: npt.DTypeLike) -> Network:
        for layer in self.layers:
            for k, v in layer.params.items():
                layer.params[k] = v.astype(dtype)
        return self

    def forward(self, x: Array) -> Array:
        """x: (N, r, s, t) -> logits (N, K). NonFiniteError names the first tensor that
        overflows; only a layer with parameters sums products, so only those are tested."""
        for layer, name in zip(self.layers, self.names[1:], strict=True):
            x = layer.forward(x)
            if layer.params:
                require_finite(name, x)
        return x

    def backward(self, dz: Array, need_dx: bool = True) -> Array | None:
        """dL/dlogits (N, K) -> dL/dx (N, r, s, t); fills every layer's grads.
        Training passes need_dx=False: the input's gradient is never used there.
        NonFiniteError names the first gradient that overflows (e.g. "conv2.dL_dW")."""
        error: Array | None = dz
        for i in range(len(self.layers) - 1, -1, -1):
            layer = self.layers[i]
            assert error is not None  # only the first layer may skip dx
            error = layer.backward(error, need_dx=need_dx or i > 0)
            for key, grad in layer.grads.items():
                require_finite(f"{layer.name}.dL_d{key}", grad)
            if layer.params and error is not None:
                require_finite(self.errors[i], error)
        return error

    def loss_and_grads(self, x: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
        loss, p, dz = softmax_cross_entropy(self.forward(x), labels)
        self.backward(dz, need_dx=False)
        return loss, p

    def predict(self, x: np.ndarray, batch: int = 1000) -> np.ndarray:
        return np.concatenate(
            [self.forward(x[i : i + batch]).argmax(1) for i in range(0, len(x), batch)]
        )


def as_batch(net: Network, image: Array) -> Array:
    """One image, (r, s) or (r, s, t), as a batch of one in the network's layout and precision
    (the trace and the input-gradient lab both start here)."""
    # the precision of the first weights (an MLP's first layer is a flatten, without any)
    weights = [layer.params["W"] for layer in net.layers if "W" in layer.params]
    dtype = weights[0].dtype if weights else np.dtype(np.float32)
    x = np.asarray(image, dtype=dtype)
    if x.ndim == 2:
        x = x[:, :, None]
    if x.shape != net.input_shape:
        raise ValueError(f"image shape {list(x.shape)} does not fit input {list(net.input_shape)}")
    return x[None]
