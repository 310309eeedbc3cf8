"""Shared fixtures: every test that needs randomness gets the same seeded generator."""

from __future__ import annotations

import numpy as np
import pytest

SEED = 20200706  # fixed so a failure reproduces exactly


@pytest.fixture
def rng() -> np.random.Generator:
    """A fresh, seeded NumPy generator per test (tests never share random state)."""
    return np.random.default_rng(SEED)
