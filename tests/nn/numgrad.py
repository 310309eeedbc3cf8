"""Central-difference numerical gradients, the reference every backward pass is checked against.

The fourth-order central difference (float64, h = STEP)

    n_i = (f(x - 2h e_i) - 8 f(x - h e_i) + 8 f(x + h e_i) - f(x + 2h e_i)) / (12 h)

has a truncation error of order h^4 instead of the h^2 of (f(x + h) - f(x - h)) / 2h, so h can be
large enough that rounding in f hardly matters, yet small enough to stay clear of kinks.

Agreement is measured entry by entry with the relative error

    rel(a, n) = |a - n| / max(|a| + |n|, tiny),      tiny = 4 eps F / (h * tolerance)

where a is the analytic and n the numerical value. ``tiny`` is where float64 stops resolving:
f is only known to a few eps * F (F: the size of the terms f adds up, eps = 2^-52), so n is only
known to about that divided by h. Entries smaller than ``tiny`` are held to that absolute accuracy
(tolerance * tiny) instead; an entry where both values are exactly 0 counts as agreement. A check
reports the largest rel over the entries it compared.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

STEP = 1e-4
STENCIL = (-2, -1, 1, 2)  # offsets, in steps, at which f is evaluated
WEIGHTS = np.array([1, -8, 8, -1]) / 12
EPS = float(np.finfo(np.float64).eps)
TOLERANCE = 1e-6
MAX_ENTRIES = 250  # arrays larger than this are checked at a random sample of entries


def numerical_gradient(
    f: Callable[[], float], x: np.ndarray, indices: np.ndarray | None = None, step: float = STEP
) -> np.ndarray:
    """Fourth-order central differences of the scalar ``f()`` w.r.t. ``x`` at flat ``indices``.

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
    partials = np.empty(len(chosen))
    for k, i in enumerate(chosen):
        old = flat[i]
        values = []
        for offset in STENCIL:
            flat[i] = old + offset * step
            values.append(float(f()))
        flat[i] = old
        partials[k] = np.dot(WEIGHTS, values) / step
    return partials


def sample_indices(rng: np.random.Generator, size: int, limit: int = MAX_ENTRIES) -> np.ndarray:
    """All flat indices of a small array; a random sample of ``limit`` of them for a big one."""
    if size <= limit:
        return np.arange(size)
    return np.sort(rng.choice(size, limit, replace=False))


def relative_error(analytic: np.ndarray, numeric: np.ndarray, tiny: float) -> np.ndarray:
    """Elementwise |a - n| / max(|a| + |n|, tiny)."""
    analytic, numeric = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return np.abs(analytic - numeric) / np.maximum(np.abs(analytic) + np.abs(numeric), tiny)


def resolution_floor(scale: float, step: float = STEP, tolerance: float = TOLERANCE) -> float:
    """``tiny`` for an f whose terms are of size ``scale``: 4 eps scale / (step * tolerance)."""
    return 4 * EPS * scale / (step * tolerance)


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
