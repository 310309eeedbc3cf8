"""API fixtures: one app over the shipped models, a client, and a sample digit."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.api.app import create_app
from convtrace.config import Settings
from convtrace.registry import Registry
from fastapi.testclient import TestClient


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def registry(settings) -> Registry:
    return Registry.load(settings.models_dir, settings.default_model)


@pytest.fixture(scope="session")
def client(settings, registry):
    with TestClient(create_app(settings, registry)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def sample(registry) -> tuple[np.ndarray, int]:
    """A '3' from the MNIST test samples: (28x28 float32 image, label)."""
    index = int(np.flatnonzero(registry.samples.labels == 3)[0])
    return registry.samples.images[index], int(registry.samples.labels[index])


@pytest.fixture(scope="session")
def image_list(sample) -> list[list[float]]:
    return sample[0].tolist()
