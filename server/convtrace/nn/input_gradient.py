"""Input gradients: what ∂L/∂x, the last result of the backward pass, says about the pixels.

Four experiments, each a short loop around ``Network.forward`` and ``Network.backward`` (which
returns ∂L/∂x) and the softmax cross-entropy loss L_k = −log p_k of a class k:

fgsm       x' = clip(x + ε·sign(∂L_y/∂x), 0, 1)               one step up the loss of y
targeted   x ← clip(x − η·sign(∂L_k/∂x), x⁰ ± ε, 0, 1)        steps down the loss of k, until
                                                               the prediction is k
visualise  x ← clip(x + η·(∂log p_k/∂x − λx), 0, 1), then blur  ascent on log p_k
occlusion  s_patch = p_y(x) − p_y(x with a grey patch)  (in occlusion.py, beside |∂L_y/∂x|)

Every frame is an 8-bit image (grey levels q/255, as MNIST and the page's share links store
them): the image the network is run on is the very image returned, so a client that traces a
frame sees the frame's prediction and probabilities bit for bit. Changes are measured from the
starting image x⁰ as L∞ = max |x − x⁰| and L2 = ‖x − x⁰‖₂.

Shapes: one image x (r, s) or (r, s, t); a batch X (N, r, s, t); probabilities p (K,).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .kernels import Array
from .loss import softmax_cross_entropy
from .network import Network, as_batch

LEVELS = 255  # grey levels of a frame: q / 255, q = 0..255
GREY = 0.5  # what an occluding patch is filled with
MAX_FRAMES = 41  # frames returned by an iterative mode (first and last always among them)


@dataclass(slots=True)
class Update:
    """One pixel's update with its numbers (the pixel with the largest |∂L/∂x|): x' from x."""

    row: int
    col: int
    x: float
    dx: float  # the gradient the rule follows at this pixel (∂L/∂x or ∂log p_k/∂x)
    next: float


@dataclass(slots=True)
class Frame:
    step: int
    image: Array  # (r, s) float32 on the 8-bit grid (the starting image: as given)
    probabilities: Array  # (K,)
    prediction: int
    linf: float
    l2: float
    update: Update | None = None


@dataclass(slots=True)
class Outcome:
    frames: list[Frame]
    extra: dict[str, Any] = field(default_factory=dict)


class Clock:
    """The request's deadline (a ``time.monotonic()`` value, or None: no limit)."""

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeoutError("input-gradient work passed its deadline")


def on_grid(x: Array) -> Array:
    """x on the 8-bit grid: round(x·255)/255 in float32 (the same numbers as digits.quantise)."""
    q: Array = np.round(x.astype(np.float64) * LEVELS).astype(np.float32) / np.float32(LEVELS)
    return q


def loss_gradient(net: Network, x: Array, y: npt.NDArray[np.integer]) -> tuple[Array, Array]:
    """(X (N, r, s, t), labels y (N,)) -> (p (N, K), ∂L_n/∂x_n (N, r, s, t)).

    L_n = −log p_{y_n} for each image on its own: the loss module's dL/dz is of the batch mean,
    so it is scaled back by N (the images do not interact)."""
    z = net.forward(x)
    _, p, dz = softmax_cross_entropy(z, y)
    dx = net.backward(dz * np.asarray(len(x), dz.dtype))
    assert dx is not None
    return p, dx


def probabilities(net: Network, x: Array) -> Array:
    """p (N, K) of a batch X (N, r, s, t) (the loss module's softmax, as a trace computes it)."""
    z = net.forward(x)
    _, p, _ = softmax_cross_entropy(z, z.argmax(axis=1))
    return p


def frame(step: int, x: Array, p: Array, x0: Array, update: Update | None = None) -> Frame:
    """A frame of image x (1, r, s, t) with its probabilities p (K,), measured from x0."""
    change = x[0].astype(np.float64) - x0[0].astype(np.float64)
    image = x[0, :, :, 0] if x.shape[-1] == 1 else x[0]
    return Frame(
        step=step,
        image=image.copy(),
        probabilities=p.copy(),
        prediction=int(np.argmax(p)),
        linf=float(np.abs(change).max()),
        l2=float(np.sqrt((change**2).sum())),
        update=update,
    )


def pixel_update(x: Array, dx: Array, x_next: Array) -> Update:
    """The update at the pixel the step moved most (to a quarter grey level), the largest |dx|
    among those: a pixel held at a bound shows nothing of the rule. Channel 0 only."""
    g = dx[0, :, :, 0]
    moved = np.round(np.abs(x_next[0, :, :, 0] - x[0, :, :, 0]).astype(np.float64) * LEVELS * 4)
    best = np.flatnonzero(moved.reshape(-1) == moved.max())
    flat = int(best[np.abs(g.reshape(-1)[best]).argmax()])
    r, c = divmod(flat, g.shape[1])
    # (+ 0.0 turns a −0.0 into 0.0: no "−0" on the page)
    before, after = float(x[0, r, c, 0]) + 0.0, float(x_next[0, r, c, 0]) + 0.0
    return Update(r, c, before, float(g[r, c]), after)


def thinned(frames: list[Frame], keep: int = MAX_FRAMES) -> list[Frame]:
    """At most ``keep`` frames, evenly spread, the first and the last always among them."""
    if len(frames) <= keep:
        return frames
    picks = np.unique(np.round(np.linspace(0, len(frames) - 1, keep)).astype(int))
    return [frames[i] for i in picks]


def fgsm(net: Network, image: Array, label: int | None, epsilon: float) -> Outcome:
    """The fast gradient sign method: one step of size ε up the loss of y (the label, or else
    the network's own prediction). Frames: the image, the attacked image."""
    x0 = as_batch(net, image)
    y = int(np.argmax(probabilities(net, x0)[0])) if label is None else label
    p0, dx = loss_gradient(net, x0, np.array([y]))
    # FGSM: x' = clip(x + ε·sign(∂L_y/∂x), 0, 1), on the 8-bit grid
    x1 = on_grid(np.clip(x0 + np.float32(epsilon) * np.sign(dx), 0, 1))
    p1 = probabilities(net, x1)[0]
    first = frame(0, x0, p0[0], x0)
    return Outcome(
        [first, frame(1, x1, p1, x0, pixel_update(x0, dx, x1))],
        {"label": y, "changed": int(np.argmax(p1)) != first.prediction},
    )


def inward_grid(x0: Array, epsilon: float) -> tuple[Array, Array]:
    """The ε-ball around x0 inside 0..1, its ends rounded inward to the 8-bit grid, so that a
    grid image clipped to it stays on the grid and never moves more than ε from x0."""
    x: Array = x0.astype(np.float64)
    low = np.ceil(np.maximum(x - epsilon, 0) * LEVELS - 1e-9) / LEVELS
    high = np.floor(np.minimum(x + epsilon, 1) * LEVELS + 1e-9) / LEVELS
    return low.astype(np.float32), high.astype(np.float32)


def targeted(
    net: Network,
    image: Array,
    target: int,
    epsilon: float,
    step_size: float,
    steps: int,
    clock: Clock,
) -> Outcome:
    """Iterative targeted sign steps down L_k = −log p_k (projected onto the L∞ ball of radius
    ε around the image) until the prediction is k or ``steps`` run out. Every step is a frame
    (thinned to MAX_FRAMES); ``smallest`` is the least L∞ change predicted k."""
    x0 = as_batch(net, image)
    low, high = inward_grid(x0, epsilon)
    k = np.array([target])
    x, update, frames = x0, None, []
    for t in range(steps + 1):
        p, dx = loss_gradient(net, x, k)
        frames.append(frame(t, x, p[0], x0, update))
        if frames[-1].prediction == target or t == steps:
            break
        clock.check()
        # targeted step: x ← clip(x − η·sign(∂L_k/∂x), x⁰ − ε, x⁰ + ε), on the 8-bit grid
        x_next = np.clip(on_grid(x - np.float32(step_size) * np.sign(dx)), low, high)
        update, x = pixel_update(x, dx, x_next), x_next
    hits = [f for f in frames if f.prediction == target]
    smallest = min(hits, key=lambda f: (f.linf, f.l2)) if hits else None
    extra = {
        "target": target,
        "reached": smallest is not None,
        "steps_taken": frames[-1].step,
        "smallest": None
        if smallest is None
        else {"step": smallest.step, "linf": smallest.linf, "l2": smallest.l2},
    }
    return Outcome(thinned(frames), extra)


def blurred(x: Array, sigma: float) -> Array:
    """x (N, r, s, t) convolved with a Gaussian of ``sigma`` pixels along rows and columns
    (zeros beyond the edge: MNIST's background)."""
    radius = max(1, int(np.ceil(2 * sigma)))
    taps = np.exp(-0.5 * (np.arange(-radius, radius + 1) / sigma) ** 2)
    taps = (taps / taps.sum()).astype(x.dtype)
    rows, cols = x.shape[1], x.shape[2]
    padded = np.pad(x, ((0, 0), (radius, radius), (0, 0), (0, 0)))
    down: Array = np.zeros_like(x)
    for i, w in enumerate(taps):  # along the rows
        down += w * padded[:, i : i + rows]
    padded = np.pad(down, ((0, 0), (0, 0), (radius, radius), (0, 0)))
    out: Array = np.zeros_like(x)
    for j, w in enumerate(taps):  # then along the columns
        out += w * padded[:, :, j : j + cols]
    return out


def visualise(
    net: Network,
    start: Array,
    target: int,
    step_size: float,
    steps: int,
    l2: float,
    blur: float,
    clock: Clock,
) -> Outcome:
    """Gradient ascent on log p_k from ``start`` with an L2 penalty λ/2‖x‖² and an optional
    Gaussian blur (σ = ``blur`` px, 0: none) after each step: what image does the network find
    most like a k? The ascent runs in full precision; each kept frame is its 8-bit image."""
    x0 = as_batch(net, start)
    k = np.array([target])
    keep = set(np.round(np.linspace(0, steps, min(MAX_FRAMES, steps + 1))).astype(int).tolist())
    x, update, frames = x0, None, []
    for t in range(steps + 1):
        if t in keep:
            shown = on_grid(x) if t else x0
            frames.append(frame(t, shown, probabilities(net, shown)[0], x0, update))
        if t == steps:
            break
        clock.check()
        _, dx = loss_gradient(net, x, k)
        ascent = -dx  # ∂log p_k/∂x = −∂L_k/∂x
        # regularised ascent: x ← clip(x + η·(∂log p_k/∂x − λx), 0, 1)
        x_next: Array = np.clip(x + np.float32(step_size) * (ascent - np.float32(l2) * x), 0, 1)
        if blur > 0:
            x_next = blurred(x_next, blur)
        update, x = pixel_update(x, ascent, x_next), x_next
    extra = {"target": target, "probability": float(frames[-1].probabilities[target])}
    return Outcome(frames, extra)
