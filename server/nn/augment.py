"""Training-time augmentation that makes hand-drawn digits work: small random affine warps
(rotation, scale, shear, shift) and stroke thickness changes, vectorised over a batch."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _bilinear(images: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sample images (N, H, W) at fractional (rows, cols) (N, H, W); outside is 0."""
    n, h, w = images.shape
    r0, c0 = np.floor(rows).astype(np.int64), np.floor(cols).astype(np.int64)
    fr, fc = rows - r0, cols - c0
    batch = np.arange(n)[:, None, None]
    out = np.zeros_like(rows)
    for dr, dc, weight in ((0, 0, (1 - fr) * (1 - fc)), (0, 1, (1 - fr) * fc),
                           (1, 0, fr * (1 - fc)), (1, 1, fr * fc)):
        r, c = r0 + dr, c0 + dc
        inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        out += weight * inside * images[batch, np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)]
    return out


def random_affine(images: np.ndarray, rng: np.random.Generator, max_degrees: float = 12,
                  scale: tuple[float, float] = (0.85, 1.12), max_shear: float = 0.15,
                  max_shift: float = 2.5) -> np.ndarray:
    """Warp each image (N, H, W) by its own random rotation/scale/shear/shift about its centre."""
    n, h, w = images.shape
    theta = np.deg2rad(rng.uniform(-max_degrees, max_degrees, n))
    s = rng.uniform(*scale, n)
    shear = rng.uniform(-max_shear, max_shear, n)
    shift = rng.uniform(-max_shift, max_shift, (n, 2))
    cos, sin = np.cos(theta) / s, np.sin(theta) / s
    # inverse map: output pixel -> source pixel, so every output pixel gets a value
    row0 = np.stack([cos, -sin + shear * cos], -1)
    row1 = np.stack([sin, cos + shear * sin], -1)
    inv = np.stack([row0, row1], axis=1)  # (N, 2, 2)
    centre = np.array([(h - 1) / 2, (w - 1) / 2])
    grid = np.stack(np.meshgrid(np.arange(h), np.arange(w), indexing="ij"), -1) - centre
    src = np.einsum("nij,nhwj->nhwi", inv, grid[None] - shift[:, None, None, :]) + centre
    return _bilinear(images, src[..., 0], src[..., 1])


def random_thickness(images: np.ndarray, rng: np.random.Generator,
                     p_thick: float = 0.25, p_thin: float = 0.15) -> np.ndarray:
    """Thicken (3x3 grey dilation) or thin (half-strength erosion) a random subset of strokes."""
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    windows = sliding_window_view(padded, (3, 3), axis=(1, 2))
    choice = rng.random(len(images))
    out = images.copy()
    thick, thin = choice < p_thick, (choice >= p_thick) & (choice < p_thick + p_thin)
    out[thick] = windows[thick].max(axis=(-1, -2))
    out[thin] = 0.5 * (images[thin] + windows[thin].min(axis=(-1, -2)))
    return out


def augment(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """images (N, 28, 28) in 0..1 -> augmented copies, float32."""
    return np.clip(random_thickness(random_affine(images, rng), rng), 0, 1).astype(np.float32)
