"""The question kinds a class answers, declared once: answer format, truth, results.

The kinds are the lesson's: ``sign`` ("+", "-" or "0" at a highlighted cell), ``cells`` (the
[row, col] cells of a pool's input that receive error), ``value`` (a number, right within a
tolerance), ``shape`` (a gradient tensor's shape) and ``saliency`` (the [row, col] region of a
4x4 grid of 7x7-pixel regions of the 28x28 input where |dL/dx| is largest) and ``digit`` (a
digit 0-9: which digit the network will say, e.g. after the input-gradient lab's attack). The
truth and every answer share one format per kind; ``answer_format`` checks it and returns the
canonical form (cells sorted and without repeats), so equal answers compare and count as equal.

Each kind is one ``Kind`` record in ``DECLARED``; the wire models (``wire.py``) and the routes
take the list of kinds from here, so a new kind is one record here (plus, if it names a new
kind of place in the trace, one field in ``wire.QuestionIn``). The truth of a question that
names its place in the trace (``record`` and the kind's ``needs``) is read here from the class
trace the server holds, never taken on the browser's word.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from convtrace.classes.tracedata import TraceRecord

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


def _digit(value: Any) -> int:
    if not _is_int(value) or not 0 <= value <= 9:
        raise ValueError("must be a digit, an integer in 0..9")
    return int(value)


# ---- truths, read from the class trace (as questions.js reads them in the page) ----


def _record(question: dict[str, Any], records: list[TraceRecord]) -> TraceRecord:
    index = int(question["record"])
    if not 0 <= index < len(records):
        raise ValueError(f"record {index} is not in the class trace ({len(records)} records)")
    return records[index]


def _at_cell(question: dict[str, Any], records: list[TraceRecord]) -> float:
    array = _record(question, records).array
    cell = tuple(question["cell"])
    if len(cell) != array.ndim or not all(
        0 <= c < n for c, n in zip(cell, array.shape, strict=True)
    ):
        raise ValueError(f"cell {list(cell)} is not in a tensor of shape {list(array.shape)}")
    return float(array[cell])


def _sign_truth(question: dict[str, Any], records: list[TraceRecord]) -> str:
    value = _at_cell(question, records)
    return "+" if value > 0 else "-" if value < 0 else "0"


def _shape_truth(question: dict[str, Any], records: list[TraceRecord]) -> list[int]:
    return [int(n) for n in _record(question, records).array.shape]


def _cells_truth(question: dict[str, Any], records: list[TraceRecord]) -> list[list[int]]:
    """The switch of each of the patch's 2x2 windows: the [row, col] of the pool's input that
    held the window's maximum (the tie rule is the engine's, recorded with the switches)."""
    record = _record(question, records)
    switches = next(
        (r for r in records if r.layer == record.layer and r.quantity == "switches"), None
    )
    if switches is None:
        raise ValueError(f"layer {record.layer} records no switches")
    patch = question["patch"]
    k, channel = patch["window"], patch["channel"]
    rows = range(patch["row0"] // k, patch["row0"] // k + 2)
    cols = range(patch["col0"] // k, patch["col0"] // k + 2)
    sw = switches.array  # [rows, cols, channels, 2]
    if rows.stop > sw.shape[0] or cols.stop > sw.shape[1] or channel >= sw.shape[2]:
        raise ValueError(f"the patch is not inside the switches of shape {list(sw.shape)}")
    return [[int(v) for v in sw[i, j, channel]] for i in rows for j in cols]


def _saliency_truth(question: dict[str, Any], records: list[TraceRecord]) -> list[int]:
    """The region (of ``region`` x ``region`` pixels) holding the largest |dL/dx|; the first
    in reading order on a tie, as the page's argmax."""
    array = _record(question, records).array
    at = np.unravel_index(int(np.argmax(np.abs(array))), array.shape)
    size = question["region"]
    return [int(at[0]) // size, int(at[1]) // size]


def _posted_truth(question: dict[str, Any], records: list[TraceRecord]) -> Any:
    """A digit question is about an attacked image the lab computed (POST /api/input-gradient),
    not about the class trace: the server cannot re-run the attack from the trace, so it takes
    the posted truth, as for any question that names no record. One naming a record is refused."""
    raise ValueError("a digit question names no record: its truth is posted with it")


# ---- the kinds ----


def _equal(question: dict[str, Any], answer: Any) -> bool:
    return bool(answer == question["truth"])


def _within(question: dict[str, Any], answer: Any) -> bool:
    return bool(abs(answer - question["truth"]) <= question["tolerance"])


@dataclass(frozen=True)
class Kind:
    """One question kind. ``answer``: an answer (and the truth) in canonical form, or a
    ValueError saying what is wrong; ``truth``: the true answer from the question's place in
    the trace; ``needs``: the place fields the question must name for it; ``right``: is an
    answer right; ``summary``: the class's answers summed up for the results; ``posted``: the
    truth is never in the trace, it is always posted with the question."""

    name: str
    answer: Callable[[Any], Any]
    truth: Callable[[dict[str, Any], list[TraceRecord]], Any]
    needs: tuple[str, ...]
    summary: Callable[[dict[str, Any], list[Any]], dict[str, Any]]
    right: Callable[[dict[str, Any], Any], bool] = _equal
    posted: bool = False


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


def _by_answer(question: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    return {"counts": _counts(answers)}


def _by_value(question: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    return {"histogram": _histogram(answers), "tolerance": question["tolerance"]}


def _by_cell(question: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    return {"cells": _clicks(answers, question["kind"])}


DECLARED = (
    Kind("sign", _sign, _sign_truth, ("cell",), _by_answer),
    Kind("cells", _cells, _cells_truth, ("patch",), _by_cell),
    Kind("value", _value, _at_cell, ("cell",), _by_value, _within),
    Kind("shape", _shape, _shape_truth, (), _by_answer),
    Kind("saliency", _saliency, _saliency_truth, ("region",), _by_cell),
    Kind("digit", _digit, _posted_truth, (), _by_answer, posted=True),
)
KIND = {kind.name: kind for kind in DECLARED}
KINDS = tuple(KIND)


def answer_format(kind: str, value: Any) -> Any:
    """``value`` in the canonical form of ``kind``'s answers; ValueError saying what is wrong."""
    return KIND[kind].answer(value)


def truth_of(question: dict[str, Any], records: list[TraceRecord]) -> Any:
    """The canonical true answer of ``question`` (which names its record and the fields its kind
    needs) read from the class trace; ValueError when the place is not in this trace."""
    kind = KIND[question["kind"]]
    missing = [name for name in kind.needs if question.get(name) is None]
    if missing:
        raise ValueError(f"a {kind.name} question must name its {', '.join(missing)}")
    return kind.answer(kind.truth(question, records))


def agrees(kind: str, posted: Any, truth: Any) -> bool:
    """Does a truth the page computed agree with the server's? Values read from the same
    float32 bytes are equal; a tiny slack allows for a decimal round trip."""
    if kind == "value":
        return bool(abs(posted - truth) <= 1e-6 * max(1.0, abs(truth)))
    return bool(posted == truth)


def is_right(question: dict[str, Any], answer: Any) -> bool:
    return KIND[question["kind"]].right(question, answer)


def results(question: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    """The class's answers to ``question`` summed up for the instructor (and, at the reveal,
    for everyone): how many answered, how many are right, and the distribution."""
    return {
        "question_id": question["id"],
        "kind": question["kind"],
        "answers": len(answers),
        "right": sum(is_right(question, a) for a in answers),
        **KIND[question["kind"]].summary(question, answers),
    }
