"""The question kinds a class answers, the format of their answers, and the class's results.

The kinds are the lesson's: ``sign`` ("+", "-" or "0" at a highlighted cell), ``cells`` (the
[row, col] cells of a pool's input that receive error), ``value`` (a number, right within a
tolerance), ``shape`` (a gradient tensor's shape) and ``saliency`` (the [row, col] region of a
4x4 grid of 7x7-pixel regions of the 28x28 input where |dL/dx| is largest). The truth and every
answer share one format per kind; ``answer_format`` checks it and returns the canonical form
(cells sorted and without repeats), so equal answers compare and count as equal.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

KINDS = ("sign", "cells", "value", "shape", "saliency")
SIGNS = ("+", "-", "0")
MAX_CELLS = 64
MAX_CELL_INDEX = 1024  # no layer of a 28x28 network is wider; bounds what a click can name
SALIENCY_GRID = 4  # regions per side: 28 px / 7 px
MAX_SHAPE_RANK = 4
HISTOGRAM_BINS = 10
DEFAULT_TOLERANCE = 0.01


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _pair(value: Any, limit: int, what: str) -> list[int]:
    if not (isinstance(value, list) and len(value) == 2 and all(_is_int(v) for v in value)):
        raise ValueError(f"{what} must be a [row, col] pair of integers")
    if not all(0 <= v < limit for v in value):
        raise ValueError(f"{what} {value} must have row and col in 0..{limit - 1}")
    return [int(value[0]), int(value[1])]


def _sign(value: Any) -> str:
    if value not in SIGNS:
        raise ValueError('must be "+", "-" or "0"')
    return str(value)


def _cells(value: Any) -> list[list[int]]:
    if not isinstance(value, list) or len(value) > MAX_CELLS:
        raise ValueError(f"must be a list of at most {MAX_CELLS} [row, col] cells")
    pairs = {tuple(_pair(cell, MAX_CELL_INDEX, "each cell")) for cell in value}
    return [list(p) for p in sorted(pairs)]


def _value(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError("must be a finite number")
    return float(value)


def _shape(value: Any) -> list[int]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_SHAPE_RANK:
        raise ValueError(f"must be a list of 1 to {MAX_SHAPE_RANK} sizes")
    if not all(_is_int(v) and 0 < v <= MAX_CELL_INDEX for v in value):
        raise ValueError(f"sizes must be integers in 1..{MAX_CELL_INDEX}")
    return [int(v) for v in value]


def _saliency(value: Any) -> list[int]:
    return _pair(value, SALIENCY_GRID, "the region")


_FORMATS = {"sign": _sign, "cells": _cells, "value": _value, "shape": _shape, "saliency": _saliency}


def answer_format(kind: str, value: Any) -> Any:
    """``value`` in the canonical form of ``kind``'s answers; ValueError saying what is wrong."""
    return _FORMATS[kind](value)


def is_right(question: dict[str, Any], answer: Any) -> bool:
    if question["kind"] == "value":
        return bool(abs(answer - question["truth"]) <= question["tolerance"])
    return bool(answer == question["truth"])


def _counts(answers: list[Any]) -> list[dict[str, Any]]:
    """How many gave each distinct answer, most frequent first."""
    counted = Counter(repr(a) for a in answers)
    first = {repr(a): a for a in answers}
    return [{"answer": first[k], "count": n} for k, n in counted.most_common()]


def _clicks(answers: list[Any], kind: str) -> list[dict[str, Any]]:
    """How many students clicked each cell (a cells answer clicks several)."""
    clicked = Counter(tuple(cell) for a in answers for cell in (a if kind == "cells" else [a]))
    return [{"cell": list(c), "count": n} for c, n in sorted(clicked.items())]


def _histogram(answers: list[float]) -> dict[str, list[float] | list[int]]:
    if not answers:
        return {"edges": [], "counts": []}
    low, high = min(answers), max(answers)
    if high == low:
        return {"edges": [low, high], "counts": [len(answers)]}
    width = (high - low) / HISTOGRAM_BINS
    counts = [0] * HISTOGRAM_BINS
    for a in answers:
        counts[min(int((a - low) / width), HISTOGRAM_BINS - 1)] += 1
    return {"edges": [low + i * width for i in range(HISTOGRAM_BINS)] + [high], "counts": counts}


def results(question: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    """The class's answers to ``question`` summed up for the instructor (and, at the reveal,
    for everyone): how many answered, how many are right, and the distribution."""
    kind = question["kind"]
    out: dict[str, Any] = {
        "question_id": question["id"],
        "kind": kind,
        "answers": len(answers),
        "right": sum(is_right(question, a) for a in answers),
    }
    if kind in ("sign", "shape"):
        out["counts"] = _counts(answers)
    elif kind == "value":
        out["histogram"] = _histogram(answers)
        out["tolerance"] = question["tolerance"]
    else:
        out["cells"] = _clicks(answers, kind)
    return out
