"""Non-finite numbers are an error, never a result: the one exception the engine raises for them."""

from __future__ import annotations

import numpy as np


class NonFiniteError(ArithmeticError):
    """A computed tensor holds NaN or infinity (e.g. weights so large that z overflows float32).

    ``tensor`` names it as the trace does (``"conv1.z"``, ``"dense.dL_dW"``, ``"weights"``), so
    the API can tell the student which quantity overflowed.
    """

    def __init__(self, tensor: str, detail: str = "") -> None:
        self.tensor = tensor
        message = f"{tensor} is not finite (NaN or infinity)"
        super().__init__(f"{message}: {detail}" if detail else message)


def require_finite(tensor: str, array: np.ndarray) -> np.ndarray:
    """``array`` unchanged, or NonFiniteError naming ``tensor`` if any entry is NaN or infinite."""
    if not np.isfinite(array).all():
        raise NonFiniteError(tensor)
    return array
