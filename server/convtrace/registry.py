"""The shipped models and sample digits, loaded once at startup and shared read-only.

The engine's layers keep their forward state on themselves, so a network must never be shared
by two requests at once. Every request gets its own ``Network``: rebuilding one from the spec and
copying ~6k weights takes ~60 us (a deep copy takes ~110 us; a lock would serialise requests).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from convtrace.nn import weights as weight_files
from convtrace.nn.network import Network

log = logging.getLogger("convtrace.registry")
SAMPLES_FILE = "samples.npz"


class UnknownModelError(LookupError):
    """No shipped model has this name."""

    def __init__(self, name: str, known: list[str]):
        super().__init__(f"unknown model {name!r}; known models: {', '.join(known)}")
        self.name = name


class InputError(ValueError):
    """Request data that does not fit (weights for another architecture, an unusable drawing).

    ``loc`` is the path of the offending field in the request body, e.g. ("weights", "conv1.W").
    """

    def __init__(self, loc: tuple[str | int, ...], message: str):
        super().__init__(message)
        self.loc = loc


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    test_accuracy: float | None
    metadata: dict
    spec: dict
    architecture: list[dict]
    weights: Mapping[str, np.ndarray]  # read-only arrays

    def summary(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "test_accuracy": self.test_accuracy,
            "architecture": self.architecture,
            "spec": self.spec,
            "placeholder": bool(self.metadata.get("placeholder", False)),
        }

    def network(self, weights: Mapping[str, np.ndarray] | None = None) -> Network:
        """A fresh network of this architecture with the shipped (or the given) weights."""
        net = Network(self.spec)
        try:
            net.set_weights(self.weights if weights is None else weights)
        except ValueError as err:
            raise InputError(("weights",), str(err)) from err
        return net


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
    name = str(metadata.get("name") or path.stem)
    return Model(
        name=name,
        description=str(metadata.get("description", "")),
        test_accuracy=metadata.get("test_accuracy"),
        metadata=metadata,
        spec=net.spec,
        architecture=net.architecture(),
        weights={k: _frozen(v.copy()) for k, v in net.get_weights().items()},
    )


def load_samples(path: Path) -> Samples:
    with np.load(path, allow_pickle=False) as archive:
        images = (archive["images"].astype(np.float32) / np.float32(255)).astype(np.float32)
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
