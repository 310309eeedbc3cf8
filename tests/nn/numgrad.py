"""Numerical gradients for the tests, with the engine's one stencil and error definition.

The stencil (fourth-order central differences, float64, step STEP), the relative error
|a - n| / max(|a| + |n|, tiny) and ``tiny`` (where float64 differences stop resolving) are
defined once, in ``convtrace.nn.gradcheck``, which the API's gradient check uses too. This
module adds what the tests need around them: whole arrays, sampling, and an assertion.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from convtrace.nn.gradcheck import (
    REL_TARGET,
    STENCIL,
    STEP,
    central_difference,
    relative_error,
    resolution_floor,
)

__all__ = ["STENCIL", "STEP", "check_gradient", "numerical_gradient", "relative_error"]

TOLERANCE = REL_TARGET
MAX_ENTRIES = 250  # arrays larger than this are checked at a random sample of entries


def numerical_gradient(
    f: Callable[[], float], x: np.ndarray, indices: np.ndarray | None = None, step: float = STEP
) -> np.ndarray:
    """Central differences of the scalar ``f()`` w.r.t. ``x`` at flat ``indices``.

    ``f`` takes no arguments: it reads ``x`` itself (``x`` may be an input or a layer's own
    parameter array). Each entry is nudged in place and restored exactly, so ``x`` is unchanged
    afterwards. Returns the partials at ``indices`` (all entries, flat, if ``indices`` is None).
    """
    if x.dtype != np.float64:
        raise TypeError(f"numerical gradients need float64, got {x.dtype}")
    flat = x.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError("x must be contiguous so that nudging its entries reaches f")
    chosen = np.arange(x.size) if indices is None else np.asarray(indices)
    return np.array([central_difference(f, flat, int(i), step)[0] for i in chosen])


def sample_indices(rng: np.random.Generator, size: int, limit: int = MAX_ENTRIES) -> np.ndarray:
    """All flat indices of a small array; a random sample of ``limit`` of them for a big one."""
    if size <= limit:
        return np.arange(size)
    return np.sort(rng.choice(size, limit, replace=False))


def check_gradient(
    f: Callable[[], float],
    x: np.ndarray,
    analytic: np.ndarray,
    rng: np.random.Generator,
    what: str = "gradient",
    scale: float | None = None,
    indices: np.ndarray | None = None,
    tolerance: float = TOLERANCE,
) -> float:
    """Assert that ``analytic`` (shaped like ``x``) matches the numerical gradient of ``f``.

    ``scale`` is the size of the terms f adds up (default: max(|f(x)|, 1)); it sets ``tiny``.
    ``indices`` picks the flat entries to compare (default: all, or a sample of a big array).
    Returns the largest relative error seen, so a caller can report it.
    """
    assert analytic.shape == x.shape, f"{what}: shape {analytic.shape}, expected {x.shape}"
    if scale is None:
        scale = max(abs(float(f())), 1.0)
    if indices is None:
        indices = sample_indices(rng, x.size)
    numeric = numerical_gradient(f, x, indices)
    picked = analytic.reshape(-1)[indices]
    errors = relative_error(picked, numeric, resolution_floor(scale, tolerance=tolerance))
    worst = int(np.argmax(errors))
    assert errors[worst] < tolerance, (
        f"{what}: relative error {errors[worst]:.3g} at flat index {indices[worst]} "
        f"(analytic {picked[worst]:.10g}, numerical {numeric[worst]:.10g})"
    )
    return float(errors[worst])
