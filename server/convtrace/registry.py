"""The shipped models and sample digits, loaded once at startup and shared read-only.

Each shipped model's ``Network`` is built once. The engine's layers keep their forward state
(kept inputs, switches, gradients) on themselves, so that network is never run: a request gets a
replica of it, its own layers around the same read-only weight arrays (~15 us, against ~30 us
to rebuild and copy the weights, measured in one run). A request that sends its own weights gets
a network built for them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from convtrace.nn import weights as weight_files
from convtrace.nn.network import Network

log = logging.getLogger("convtrace.registry")
SAMPLES_FILE = "samples.npz"


class UnknownModelError(LookupError):
    """No shipped model has this name (code ``model.unknown``)."""

    code = "model.unknown"

    def __init__(self, name: str, known: list[str]):
        super().__init__(f"unknown model {name!r}; known models: {', '.join(known)}")
        self.name = name
        self.params = {"name": name, "known": known}


class WeightsError(ValueError):
    """Weights that do not fit the architecture; the message names the offending parameter.
    ``code``: ``weights.missing`` (keys missing or unexpected), ``weights.shape`` or
    ``weights.non_finite``; ``params`` holds the names and shapes."""

    def __init__(
        self, message: str, code: str = "weights.invalid", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.params = code, dict(params or {})


def fit_weights(net: Network, weights: Mapping[str, np.ndarray]) -> Network:
    """Set ``weights`` on ``net`` after checking every key and shape (WeightsError if they do
    not fit: no partial load)."""
    expected = {f"{n}.{k}": v.shape for n, k, v in net.parameters()}
    missing, extra = sorted(set(expected) - set(weights)), sorted(set(weights) - set(expected))
    if missing or extra:
        raise WeightsError(
            f"weights do not fit the architecture: missing {missing}, unexpected {extra}",
            "weights.missing",
            {"missing": missing, "unexpected": extra},
        )
    for key, shape in expected.items():
        found = np.shape(weights[key])
        if found != shape:
            raise WeightsError(
                f"weight {key}: shape {list(found)}, expected {list(shape)}",
                "weights.shape",
                {"key": key, "shape": list(found), "expected": list(shape)},
            )
        if not np.all(np.isfinite(weights[key])):
            message = f"weight {key}: contains NaN or infinity"
            raise WeightsError(message, "weights.non_finite", {"key": key})
    net.set_weights(dict(weights))
    return net


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    test_accuracy: float | None
    spec: dict[str, Any]
    architecture: list[dict[str, Any]]
    shared: Network  # never run: its weights are read-only and it is only ever replicated

    @property
    def weights(self) -> dict[str, np.ndarray]:
        """The shipped parameters by ``layer.key`` (read-only arrays)."""
        return self.shared.get_weights()

    def summary(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "test_accuracy": self.test_accuracy,
            "architecture": self.architecture,
            "spec": self.spec,
        }

    def network(self, weights: Mapping[str, np.ndarray] | None = None) -> Network:
        """A network of this model's own for one request: the shipped weights (shared, read-only)
        or the given ones (WeightsError if they do not fit)."""
        if weights is None:
            net = self.shared.replica()
            for layer in net.layers:
                # replica() shares the parameter dicts too; an own dict lets a step or a
                # change of dtype rebind a parameter without touching the shared network
                layer.params = dict(layer.params)
            return net
        return fit_weights(Network(self.spec), weights)


@dataclass(frozen=True)
class Samples:
    images: np.ndarray  # (N, 28, 28) float32 in 0..1, read-only
    labels: np.ndarray  # (N,) int

    def select(self, digit: int | None, count: int, offset: int = 0) -> list[int]:
        """Indices of ``count`` samples (of ``digit`` if given), skipping the first ``offset``."""
        ids = np.arange(len(self.labels)) if digit is None else np.flatnonzero(self.labels == digit)
        return [int(i) for i in ids[offset : offset + count]]


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


def load_model(path: Path) -> Model:
    net, metadata = weight_files.load(path)
    for layer in net.layers:
        for value in layer.params.values():
            _frozen(value)
    return Model(
        name=str(metadata.get("name") or path.stem),
        description=str(metadata.get("description", "")),
        test_accuracy=metadata.get("test_accuracy"),
        spec=net.spec,
        architecture=net.architecture(),
        shared=net,
    )


def load_samples(path: Path) -> Samples:
    with np.load(path, allow_pickle=False) as archive:
        images = archive["images"].astype(np.float32) / np.float32(255)
        labels = archive["labels"].astype(np.int64)
    return Samples(_frozen(images), _frozen(labels))


class Registry:
    """Every shipped model by name, the default model, and the sample digits."""

    def __init__(self, models: dict[str, Model], default: str, samples: Samples):
        if default not in models:
            raise ValueError(f"default model {default!r} is not among {sorted(models)}")
        self.models, self.default, self.samples = models, default, samples

    @classmethod
    def load(cls, models_dir: Path, default: str) -> Registry:
        """Read every ``<name>.json`` + ``<name>.npz`` pair in ``models_dir`` (fails loudly)."""
        models_dir = Path(models_dir)
        models = {}
        for spec_file in sorted(models_dir.glob("*.json")):
            model = load_model(spec_file.with_suffix(""))
            models[model.name] = model
        log.info("loaded models %s from %s", sorted(models), models_dir)
        return cls(models, default, load_samples(models_dir / SAMPLES_FILE))

    @property
    def names(self) -> list[str]:
        return [self.default, *sorted(n for n in self.models if n != self.default)]

    def get(self, name: str | None = None) -> Model:
        """The named model (the default if None); UnknownModelError otherwise."""
        name = self.default if name is None else name
        if name not in self.models:
            raise UnknownModelError(name, self.names)
        return self.models[name]
