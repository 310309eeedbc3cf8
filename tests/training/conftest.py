"""Training-lab fixtures: the app on a live server (event streams need one) with the local
process pool, and an event-stream reader."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from convtrace.config import Settings
from convtrace.registry import Registry

from tests.classes.conftest import Live, serve


@pytest.fixture(scope="session")
def registry() -> Registry:
    settings = Settings()
    return Registry.load(settings.models_dir, settings.default_model)


@pytest.fixture(scope="module")
def live(registry: Registry) -> Iterator[Live]:
    server = serve(Settings(train_workers=1, train_queue_cap=3), registry)
    yield server
    server.stop()


@pytest.fixture
def http(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=20, trust_env=False) as client:
        yield client
