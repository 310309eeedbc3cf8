"""Occlusion sensitivity beside gradient saliency: two answers to "which pixels matter?".

Occlusion asks the network directly: cover a square with grey and see how far p_y falls. The
gradient saliency |∂L_y/∂x| answers from one backward pass: how fast L would change if a single
pixel moved a little. They agree where a stroke the network relies on is both locally sensitive
and needed as a whole; they differ where the gradient is large but small (a pixel at the edge of
a stroke) or where grey itself adds ink to the background and so changes the digit.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from .input_gradient import GREY, Clock, Outcome, frame, loss_gradient, probabilities
from .kernels import Array
from .network import Network, as_batch

CHUNK = 256  # occluded images per forward batch: all positions, checked against the deadline


def patch_corners(side: int, size: int, stride: int) -> list[int]:
    """Top-left offsets of a patch along one side: every ``stride`` pixels, plus the last
    position so the far edge is covered too."""
    corners = list(range(0, side - size + 1, stride))
    if corners[-1] != side - size:
        corners.append(side - size)
    return corners


def occlusion_masks(shape: tuple[int, ...], size: int, stride: int) -> npt.NDArray[np.bool_]:
    """(P, r, s) booleans: the pixels each patch position covers, row-major over positions."""
    rows, cols = shape[0], shape[1]
    r0 = np.array(patch_corners(rows, size, stride))
    c0 = np.array(patch_corners(cols, size, stride))
    in_rows = (np.arange(rows)[None, :] >= r0[:, None]) & (
        np.arange(rows)[None, :] < r0[:, None] + size
    )
    in_cols = (np.arange(cols)[None, :] >= c0[:, None]) & (
        np.arange(cols)[None, :] < c0[:, None] + size
    )
    masks: npt.NDArray[np.bool_] = (in_rows[:, None, :, None] & in_cols[None, :, None, :]).reshape(
        -1, rows, cols
    )
    return masks


def top_overlap(a: Array, b: Array, share: float = 0.1) -> float:
    """The fraction of the top ``share`` of pixels by a that are also in the top share by b."""
    n = max(1, int(round(share * a.size)))
    top_a = set(np.argsort(-a.reshape(-1), kind="stable")[:n].tolist())
    top_b = set(np.argsort(-b.reshape(-1), kind="stable")[:n].tolist())
    return len(top_a & top_b) / n


def occlusion(
    net: Network, image: Array, label: int | None, size: int, stride: int, clock: Clock
) -> Outcome:
    """Occlusion sensitivity: a grey ``size`` x ``size`` patch slid by ``stride``; each pixel's
    sensitivity is the mean drop in p_y over the patches covering it, computed for all patch
    positions in one batch. Beside it, the gradient saliency |∂L_y/∂x|. Frames: the image, and
    the occluded image whose p_y dropped most."""
    x0 = as_batch(net, image)
    y = int(np.argmax(probabilities(net, x0)[0])) if label is None else label
    p0, dx = loss_gradient(net, x0, np.array([y]))
    masks = occlusion_masks(net.input_shape, size, stride)
    occluded = np.where(masks[:, :, :, None], np.asarray(GREY, x0.dtype), x0)
    p = np.concatenate(
        [
            _checked(clock, probabilities(net, occluded[i : i + CHUNK]))
            for i in range(0, len(masks), CHUNK)
        ]
    )
    # occlusion: s_patch = p_y(x) − p_y(x with the patch grey)
    drop = p0[0, y] - p[:, y]
    covered = masks.sum(axis=0)
    sensitivity = (drop[:, None, None] * masks).sum(axis=0) / np.maximum(covered, 1)
    saliency = np.abs(dx[0]).max(axis=-1)  # |∂L_y/∂x|, the largest over channels
    worst = occluded[int(drop.argmax())][None]
    frames = [frame(0, x0, p0[0], x0), frame(1, worst, probabilities(net, worst)[0], x0)]
    extra = {
        "label": y,
        "sensitivity": sensitivity.astype(np.float32),
        "saliency": saliency.astype(np.float32),
        "agreement": top_overlap(saliency, sensitivity),
        "positions": len(masks),
    }
    return Outcome(frames, extra)


def _checked(clock: Clock, value: Array) -> Array:
    clock.check()
    return value
