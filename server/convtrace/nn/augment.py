"""Training-time augmentation that makes hand-drawn digits work: small random affine warps
(rotation, scale, shear, shift) and stroke thickness changes, vectorised over a batch."""

from __future__ import annotations

import numpy as np


def _bilinear(images: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Sample images (N, H, W) at fractional (rows, cols) (N, H, W); outside is 0."""
    n, h, w = images.shape
    # A zero border (1 before, 2 after), and positions clipped to it: a sample outside the image
    # then reads only border zeros, exactly as if every outside neighbour were masked to 0.
    flat = np.pad(images, ((0, 0), (1, 2), (1, 2))).reshape(-1)
    rows, cols = np.clip(rows, -1, h), np.clip(cols, -1, w)
    r0, c0 = np.floor(rows).astype(np.int64), np.floor(cols).astype(np.int64)
    fr, fc = rows - r0, cols - c0
    gr, gc = 1 - fr, 1 - fc
    stride = w + 3  # of a padded row
    top_left = (np.arange(n) * ((h + 3) * stride))[:, None, None] + (r0 + 1) * stride + (c0 + 1)
    out = np.zeros_like(rows)
    for step, weight in ((0, gr * gc), (1, gr * fc), (stride, fr * gc), (stride + 1, fr * fc)):
        out += weight * flat[top_left + step]
    return out


def random_affine(
    images: np.ndarray,
    rng: np.random.Generator,
    max_degrees: float = 12,
    scale: tuple[float, float] = (0.85, 1.12),
    max_shear: float = 0.15,
    max_shift: float = 2.5,
) -> np.ndarray:
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
    offset = grid[None] - shift[:, None, None, :]  # (N, H, W, 2)
    m = inv[:, None, None]  # (N, 1, 1, 2, 2)
    src_rows = m[..., 0, 0] * offset[..., 0] + m[..., 0, 1] * offset[..., 1] + centre[0]
    src_cols = m[..., 1, 0] * offset[..., 0] + m[..., 1, 1] * offset[..., 1] + centre[1]
    return _bilinear(images, src_rows, src_cols)


def random_thickness(
    images: np.ndarray, rng: np.random.Generator, p_thick: float = 0.25, p_thin: float = 0.15
) -> np.ndarray:
    """Thicken (3x3 grey dilation) or thin (half-strength erosion) a random subset of strokes."""
    choice = rng.random(len(images))
    out = images.copy()
    thick, thin = choice < p_thick, (choice >= p_thick) & (choice < p_thick + p_thin)
    out[thick] = _neighbourhood(images[thick], np.maximum)
    out[thin] = 0.5 * (images[thin] + _neighbourhood(images[thin], np.minimum))
    return out


def _neighbourhood(images: np.ndarray, pick: np.ufunc) -> np.ndarray:
    """pick (np.maximum or np.minimum) over each pixel's 3x3 neighbourhood, zero outside."""
    _, h, w = images.shape
    padded = np.pad(images, ((0, 0), (1, 1), (1, 1)))
    out = padded[:, :h, :w].copy()
    for dr in range(3):
        for dc in range(3):
            pick(out, padded[:, dr : dr + h, dc : dc + w], out=out)
    return out


def augment(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """images (N, 28, 28) in 0..1 -> augmented copies, float32."""
    out: np.ndarray = np.clip(random_thickness(random_affine(images, rng), rng), 0, 1)
    return out.astype(np.float32)
