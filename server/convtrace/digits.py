"""A student's drawing -> the 28x28 input the network expects, made the way MNIST was made.

MNIST's recipe (LeCun et al.): crop the digit to its ink, scale it so its longer side fits a
20x20 box keeping the aspect ratio (anti-aliased, hence grey levels), then place it in a 28x28
field so that its intensity centre of mass sits at the centre of the field.

Coordinates: pixel centres sit at integer coordinates, rows and columns 0..27, and a centre of
mass is the intensity-weighted mean of those coordinates. Input and output are ink high
(1 = ink, 0 = paper), float values in 0..1. Like MNIST's, the output has 256 grey levels.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from PIL import Image

# Largest accepted drawing side, in pixels: the one home of this limit (the API's schema reads
# it). The page draws on a ~140x140 canvas; 512 leaves room for bigger screens and other clients
# while bounding the work (and memory) one drawing can cost.
MAX_SIDE = 512
SIZE = 28  # side of the network's input
BOX = 20  # the digit's longer side after scaling, as in MNIST
# Where the centre of mass is placed, as (row, column). The geometric centre of 0..27 is 13.5,
# but MNIST's own digits have their centre of mass in [13.5, 14.5] on both axes (mean 14.0,
# measured on server/models/samples.npz): MNIST shifted by whole pixels to put it at (14, 14).
# The network is trained on MNIST, so we match its data, not the geometry.
CENTRE = (14.0, 14.0)
INK_THRESHOLD = 0.1  # fainter pixels are noise (anti-aliasing specks): they do not define ink
ALL_INK_FRACTION = 0.9  # a drawing touching all four edges with this much ink has no shape
RANGE_SLOP = 1e-6  # float rounding outside [0, 1] that is clipped rather than rejected
LEVELS = 255  # MNIST stores a pixel in one byte: grey levels q / 255, q = 0..255


class DrawingError(ValueError):
    """A drawing that cannot be turned into a digit; the message says what is wrong with it,
    ``code`` says it stably (``drawing.no_ink``, ``drawing.too_large``...) with ``params``."""

    def __init__(
        self, message: str, code: str = "drawing.invalid", params: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.code, self.params = code, dict(params or {})


def preprocess(drawing: ArrayLike) -> np.ndarray:
    """Drawing (H, W), 1 <= H, W <= MAX_SIDE, values 0..1, ink high -> (28, 28) float32 in 0..1.

    The ink's bounding box is scaled so its longer side is BOX (20) px, and the result is placed
    so its centre of mass is at CENTRE to within float rounding (a sub-pixel shift). Only a
    lopsided digit whose centre of mass is too near the end of its box to be moved to CENTRE
    without leaving the 28x28 field is clamped: it touches the edge and stays whole. The result
    is quantised to 8 bits (see ``quantise``).
    Raises DrawingError for anything that is not such a drawing, or has no digit in it.
    """
    values = _validated(drawing)
    rows, cols = _ink_box(values)
    patch = _fit_box(values[rows, cols])
    return quantise(_place_by_centre_of_mass(patch))


def input_image(image: ArrayLike | None, drawing: ArrayLike | None) -> np.ndarray:
    """The (28, 28) float32 image a network sees: ``image`` as sent, or ``drawing`` preprocessed."""
    if image is not None:
        return np.asarray(image, dtype=np.float32)
    if drawing is None:
        raise DrawingError("no drawing: give an image or a drawing", "drawing.missing")
    return preprocess(drawing)


def quantise(image: np.ndarray) -> np.ndarray:
    """Values in 0..1 -> float32 q / LEVELS, q the nearest whole level, as MNIST is stored.

    The network then sees what 784 bytes can carry: a client that keeps q (a share link) and
    sends the image back as q / 255 gives the network the very same float32 numbers (float32
    division, as the shipped samples are loaded; a client's float64 q / 255 rounds to the same
    float32 for every q), so the trace is reproduced bit for bit.
    """
    levels = np.round(np.asarray(image, dtype=np.float64) * LEVELS).astype(np.float32)
    quantised: np.ndarray = levels / np.float32(LEVELS)
    return quantised


def _validated(drawing: ArrayLike) -> np.ndarray:
    """Check shape and values; return a float64 copy clipped to [0, 1]."""
    try:
        values = np.array(drawing, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise DrawingError(
            f"drawing must be a 2-D array (rows of equal length) of numbers in 0..1: {err}",
            "drawing.not_2d",
        ) from err
    if values.ndim != 2:
        raise DrawingError(
            f"drawing must be a 2-D array (height x width), got {values.ndim} "
            f"dimension(s) with shape {values.shape}",
            "drawing.not_2d",
            {"shape": list(values.shape)},
        )
    if values.size == 0:
        message = f"drawing is empty: shape {values.shape} has no pixels"
        raise DrawingError(message, "drawing.empty", {"shape": list(values.shape)})
    if max(values.shape) > MAX_SIDE:
        raise DrawingError(
            f"drawing is {values.shape[0]}x{values.shape[1]}: at most "
            f"{MAX_SIDE} pixels per side are accepted",
            "drawing.too_large",
            {"max_side": MAX_SIDE, "rows": values.shape[0], "cols": values.shape[1]},
        )
    if not np.isfinite(values).all():
        raise DrawingError(
            "drawing contains NaN or infinite values; every pixel must be a number in 0..1",
            "drawing.non_finite",
        )
    low, high = values.min(), values.max()
    if low < -RANGE_SLOP or high > 1 + RANGE_SLOP:
        raise DrawingError(
            f"drawing values must be in the range 0..1 (0 paper, 1 ink), got "
            f"values from {low:g} to {high:g}",
            "drawing.range",
            {"min": float(low), "max": float(high)},
        )
    return np.clip(values, 0.0, 1.0, out=values)


def _ink_box(values: np.ndarray) -> tuple[slice, slice]:
    """Row and column slices of the ink's bounding box; reject drawings with no digit shape.

    All-ink rule: if the ink reaches all four edges AND more than ALL_INK_FRACTION of the pixels
    are ink, there is no figure against a background (a filled or inverted canvas).
    """
    ink = values > INK_THRESHOLD
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        raise DrawingError(
            f"drawing has no ink: no pixel is above {INK_THRESHOLD} "
            "(ink must be high, 1 = ink on a 0 background)",
            "drawing.no_ink",
            {"threshold": INK_THRESHOLD},
        )
    whole_canvas = rows.size == values.shape[0] and cols.size == values.shape[1]
    coverage = ink.mean()
    if whole_canvas and coverage > ALL_INK_FRACTION:
        raise DrawingError(
            f"drawing is ink almost everywhere ({coverage:.0%} of pixels over "
            "the whole canvas), so there is no digit shape; ink must be 1 on a 0 "
            "background (invert a dark-on-white canvas)",
            "drawing.all_ink",
            {"coverage": round(float(coverage), 3)},
        )
    return slice(rows[0], rows[-1] + 1), slice(cols[0], cols[-1] + 1)


def _fit_box(crop: np.ndarray) -> np.ndarray:
    """Scale the cropped ink so its longer side is BOX px, keeping the aspect ratio."""
    height, width = crop.shape
    scale = BOX / max(height, width)
    # The shorter side is rounded to whole pixels, never below one.
    size = (max(1, round(width * scale)), max(1, round(height * scale)))  # Pillow: (w, h)
    # Downscaling: Lanczos widens its kernel with the reduction, so it anti-aliases like
    # MNIST's normaliser (area-weighted grey edges) while keeping strokes sharp.
    # Upscaling a tiny drawing: bilinear, because Lanczos would ring around the few big pixels
    # and invent detail that was never drawn.
    resample = Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BILINEAR
    image = Image.fromarray(crop.astype(np.float32))  # mode "F": no 8-bit quantisation
    scaled = np.asarray(image.resize(size, resample), dtype=np.float64)
    # Lanczos overshoots near edges (values a little below 0 or above 1): clip them away.
    return np.clip(scaled, 0.0, 1.0)


def _centre_of_mass(image: np.ndarray) -> np.ndarray:
    """Intensity-weighted mean (row, column) of pixel centres at integer coordinates."""
    total = image.sum()
    row_mass, col_mass = image.sum(axis=1), image.sum(axis=0)
    moments = np.array([row_mass @ np.arange(image.shape[0]), col_mass @ np.arange(image.shape[1])])
    centre: np.ndarray = moments / total
    return centre


def _place_by_centre_of_mass(patch: np.ndarray) -> np.ndarray:
    """Paste patch into a SIZE x SIZE zero field with its centre of mass at CENTRE.

    The wanted top-left corner is CENTRE - centre of mass, clamped to [0, SIZE - side] so the
    whole patch stays inside (a BOX-px patch can move up to 8 px; only lopsided digits clamp).
    The whole-pixel part is a paste; the fractional part is a bilinear shift.
    """
    shape = np.array(patch.shape)
    corner = np.clip(np.array(CENTRE) - _centre_of_mass(patch), 0, SIZE - shape)
    whole = np.floor(corner).astype(int)
    shifted = _subpixel_shift(patch, *(corner - whole))
    # One spare row and column: a shifted patch is one pixel bigger. When the corner is clamped
    # to SIZE - side its fraction is 0, so what lands in the spare row/column is exactly zero.
    field = np.zeros((SIZE + 1, SIZE + 1), dtype=np.float64)
    field[whole[0] : whole[0] + shifted.shape[0], whole[1] : whole[1] + shifted.shape[1]] = shifted
    return np.clip(field[:SIZE, :SIZE], 0.0, 1.0)


def _subpixel_shift(patch: np.ndarray, dy: float, dx: float) -> np.ndarray:
    """Bilinear shift by (dy, dx) in [0, 1): (h, w) -> (h + 1, w + 1).

    Each pixel's ink is split among the four pixels it now overlaps. Ink is conserved and the
    split is linear, so the centre of mass moves by exactly (dy, dx): this is why we do not use
    an image library's affine warp, whose output is cropped and whose sampling grid is implicit.
    """
    height, width = patch.shape
    out = np.zeros((height + 1, width + 1), dtype=np.float64)
    out[:height, :width] += (1 - dy) * (1 - dx) * patch
    out[1:, :width] += dy * (1 - dx) * patch
    out[:height, 1:] += (1 - dy) * dx * patch
    out[1:, 1:] += dy * dx * patch
    return out
