"""The one numerical gradient check: backprop's gradients against central differences, float64.

Stencil. The fourth-order central difference with step h = STEP,

    n = (f(w − 2h) − 8 f(w − h) + 8 f(w + h) − f(w + 2h)) / (12 h),

has a truncation error of order h⁴, so h can be large enough that rounding in f hardly matters.

Error. Entry by entry, rel(a, n) = |a − n| / max(|a| + |n|, tiny) for the analytic a and the
numeric n. ``tiny`` (``resolution_floor``) is where float64 differences stop resolving: f is
known to a few machine epsilons times the size of the terms it adds up (``scale``), so n only to
about that over h. Below it an entry is "unresolved": said so, never counted as a pass.

Because the loss keeps full relative precision for a confident digit (``loss.py``), its
rounding scales with the loss and the output error, not with 1, and gradients of 1e-9 and far
below resolve in plain float64.

Status of a checked entry: "ok" (rel ≤ REL_TARGET), "kink" (a ReLU input or a max-pool winner
changes inside the stencil: the loss is not smooth there, so the difference is no derivative;
flagged, not counted), "unresolved" (see above), "mismatch" (resolved and wrong).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .kernels import Array
from .loss import softmax_cross_entropy
from .network import Network

STEP = 1e-4
STENCIL = (-2, -1, 1, 2)  # offsets, in steps, at which f is evaluated
WEIGHTS = np.array([1, -8, 8, -1]) / 12
EPS = float(np.finfo(np.float64).eps)
REL_TARGET = 1e-6  # the agreement a resolved entry must show
SAMPLES = 5  # entries compared per parameter by default: the check is meant to be cheap
ATTEMPTS = 3  # entries tried per entry compared, at most (kinks and unresolved ones are skipped)


def central_difference(
    f: Callable[[], Any], flat: Array, i: int, step: float = STEP
) -> tuple[float, list[Any]]:
    """The stencil's derivative of ``f()`` with respect to ``flat[i]`` (nudged in place and
    restored exactly), and what f returned beyond the loss at each point (see ``_loss``), if
    it returns tuples; f() may instead return a plain number."""
    old = flat[i]
    values, others = [], []
    for offset in STENCIL:
        flat[i] = old + offset * step
        value = f()
        if isinstance(value, tuple):
            value, other = value
            others.append(other)
        values.append(float(value))
    flat[i] = old
    return float(np.dot(WEIGHTS, values) / step), others


def relative_error(analytic: Any, numeric: Any, tiny: float) -> Any:
    """|a − n| / max(|a| + |n|, tiny), elementwise for arrays."""
    a, n = np.asarray(analytic, np.float64), np.asarray(numeric, np.float64)
    return np.abs(a - n) / np.maximum(np.abs(a) + np.abs(n), tiny)


def resolution_floor(scale: float, step: float = STEP, tolerance: float = REL_TARGET) -> float:
    """``tiny`` for an f whose terms are of size ``scale``: 4 eps scale / (step * tolerance)."""
    return 4 * EPS * scale / (step * tolerance)


@dataclass
class Check:
    index: list[int]
    analytic: float
    numeric: float
    rel_error: float
    status: str  # "ok" | "kink" | "unresolved" | "mismatch"
    kink: bool = field(init=False)
    below_noise: bool = field(init=False)

    def __post_init__(self) -> None:
        self.kink, self.below_noise = self.status == "kink", self.status == "unresolved"


@dataclass
class ParamCheck:
    param: str
    checks: list[Check]

    def summary(self) -> dict[str, Any]:
        counts = {s: sum(c.status == s for c in self.checks) for s in ("ok", "kink", "mismatch")}
        unresolved = sum(c.status == "unresolved" for c in self.checks)
        resolved = [c.rel_error for c in self.checks if c.status in ("ok", "mismatch")]
        return {
            "param": self.param,
            "checked": len(self.checks),
            "ok": counts["ok"],
            "kinks": counts["kink"],
            "unresolved": unresolved,
            "below_noise": unresolved,
            "mismatches": counts["mismatch"],
            "max_rel_error": max(resolved, default=None),
            # None: nothing could be resolved, so nothing was shown either way
            "passed": None if not resolved else not counts["mismatch"],
            "checks": [asdict(c) for c in self.checks],
        }


@dataclass
class GradientCheck:
    label: int  # the target the loss was taken for
    noise_floor: float  # ``tiny``: |a| + |n| below this is "unresolved"
    params: list[ParamCheck]


def _float64_copy(net: Network) -> Network:
    """The same network with float64 copies of its weights (``net`` is left as it is)."""
    twin = Network(net.spec)
    twin.set_weights(net.get_weights(), dtype=np.float64)
    return twin


def _loss(net: Network, x: Array, labels: npt.NDArray[np.intp]) -> tuple[float, bytes]:
    """The loss, and which linear piece of the network we are on: every max-pool switch and
    the sign of every ReLU input. Where these differ inside the stencil the loss has a kink (a
    tie in a pooling window, a ReLU input at 0) and the difference is not a derivative."""
    loss = softmax_cross_entropy(net.forward(x), labels)[0]
    region = b"".join(layer.kink_state() for layer in net.layers)
    return loss, region


def _scale(net: Network, loss: float, dz: Array) -> float:
    """The size of what the loss's rounding is relative to: L itself, plus each output error
    δ_k times the terms z_k adds up (their rounding reaches L through ∂L/∂z_k = δ_k)."""
    last = net.layers[-1]
    w, b = last.params.get("W"), last.params.get("b")
    x = getattr(last, "x", None)
    if w is None or b is None or x is None:
        return abs(loss) + float(np.abs(dz).sum())
    terms = np.abs(x) @ np.abs(w).T + np.abs(b)
    return abs(loss) + float((np.abs(dz) * terms).sum())


def _candidates(analytic: Array, count: int, rng: np.random.Generator) -> list[int]:
    """Flat indices to try, in order: the largest gradient (so there is something to agree on)
    and count − 1 others at random; then, to replace entries skipped as kinks or unresolved,
    random entries whose gradient is not exactly 0 (an exact 0 can only be unresolved or, if
    backprop is wrong, a mismatch, which the first, unbiased draw can show)."""
    order = rng.permutation(analytic.size)
    first = [int(np.argmax(np.abs(analytic)))]
    first += [int(i) for i in order if i != first[0]][: count - 1]
    spare = [int(i) for i in order if analytic.flat[i] != 0 and i not in first]
    return first + spare[: (ATTEMPTS - 1) * count]


def _status(rel: float, size: float, floor: float, kink: bool) -> str:
    if kink:
        return "kink"
    if size < floor:  # below it, rel measures the floor, not the agreement
        return "unresolved"
    return "ok" if rel <= REL_TARGET else "mismatch"


def _check(
    f: Callable[[], tuple[float, bytes]],
    array: Array,
    analytic: Array,
    candidates: list[int],
    count: int,
    floor: float,
    deadline: float | None,
) -> list[Check]:
    """Entries of ``array`` until ``count`` of them are compared (ok or mismatch), trying the
    candidates in order; kinks and unresolved entries are kept and reported too."""
    base = f()[1]
    flat = array.reshape(-1)
    assert np.shares_memory(flat, array), "nudging must reach the array f reads"
    checks: list[Check] = []
    for i in candidates:
        if sum(c.status in ("ok", "mismatch") for c in checks) == count:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError("gradient check ran out of time")
        numeric, regions = central_difference(f, flat, i)
        a = float(analytic.reshape(-1)[i])
        rel = float(relative_error(a, numeric, floor))
        kink = any(region != base for region in regions)
        status = _status(rel, abs(a) + abs(numeric), floor, kink)
        index = [int(v) for v in np.unravel_index(i, array.shape)]
        checks.append(Check(index, a, numeric, rel, status))
    return checks


def gradient_check(
    net: Network,
    image: npt.ArrayLike,
    label: int | None,
    samples_per_param: int = SAMPLES,
    seed: int | None = None,
    deadline: float | None = None,
) -> GradientCheck:
    """Backprop's gradients of every parameter and of the input, against central differences,
    both in float64 on a copy of ``net``. ``label=None`` takes the prediction as the target.
    Per parameter, ``samples_per_param`` entries are compared (up to ATTEMPTS times as many
    tried: entries at a kink or unresolved are reported and skipped). ``deadline`` (a
    ``time.monotonic()`` value) is checked between entries: past it, the check stops with
    TimeoutError."""
    twin = _float64_copy(net)
    x = np.array(image, np.float64).reshape(1, *twin.input_shape)
    logits = twin.forward(x)
    labels = np.array([int(np.argmax(logits[0])) if label is None else int(label)])
    loss, _, dz = softmax_cross_entropy(logits, labels)
    dx = twin.backward(dz)
    assert dx is not None
    floor = resolution_floor(_scale(twin, loss, dz))
    rng = np.random.default_rng(seed)
    grads = {
        f"{la.name}.{k}": (w, la.grads[k].copy())
        for la in twin.layers
        for k, w in la.params.items()
    }
    results = []
    for name, (array, analytic) in [*grads.items(), ("input.x", (x, dx))]:
        candidates = _candidates(analytic, samples_per_param, rng)
        checks = _check(
            lambda: _loss(twin, x, labels),
            array,
            analytic,
            candidates,
            samples_per_param,
            floor,
            deadline,
        )
        if name == "input.x":
            for c in checks:
                c.index = c.index[1:]  # drop the batch axis
        results.append(ParamCheck(name, checks))
    return GradientCheck(int(labels[0]), floor, results)
