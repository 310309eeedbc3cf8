"""Arrays in requests (images, drawings, weight data), validated in one vectorised step.

They are documented as nested lists of numbers but converted once with numpy, then checked for
shape, finiteness and range: per-element pydantic validation of a 512x512 drawing would take far
longer than the conversion. A Tensor's ``data`` may also be a base64 string of little-endian
float32 (a 200 000-parameter network's weights fit the body limit only so). Every refusal is a
``PydanticCustomError`` whose type is a stable code (``array.range``, ``drawing.too_large``...)
with its numbers as context: ``api.errors`` sends them as ``code`` and ``params``.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

import numpy as np
from annotated_types import Interval
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from convtrace.digits import MAX_SIDE
from convtrace.nn.spec import MAX_PARAMS

IMAGE_SIDE = 28
MAX_DRAWING_SIDE = MAX_SIDE  # one home: digits.MAX_SIDE
# No one tensor can be larger than a whole network may be.
MAX_TENSOR_SIZE = MAX_PARAMS
NOT_NUMBERS = {bool: "true/false", str: "strings", type(None): "nulls", dict: "objects"}


def refuse(code: str, message: str, **params: Any) -> PydanticCustomError:
    """A validation error whose type is the stable ``code``; ``message`` may name params in
    braces (pydantic fills them in)."""
    return PydanticCustomError(code, message, params)


def _require_numbers(value: list[Any]) -> None:
    """JSON numbers only: numpy would silently read true as 1 and "0.5" as 0.5. One pass of
    ``type`` over each row (~3 ms for 512x512); deeper nesting is left to the rank check."""
    kinds: set[type] = set()
    for item in value:
        if type(item) is list:
            kinds.update(map(type, item))
        else:
            kinds.add(type(item))
    wrong = sorted(NOT_NUMBERS[k] for k in kinds if k in NOT_NUMBERS)
    if wrong:
        raise refuse(
            "array.not_numbers", "must hold numbers only (found {found})", found=", ".join(wrong)
        )


def whole_number(value: Any) -> Any:
    """3.0 is an integer in JSON Schema: accept it where an integer is asked (then strict)."""
    return int(value) if type(value) is float and value.is_integer() else value


# Bounds sit inside the whole-number step so that they reach the JSON Schema as minimum/maximum.
Digit = Annotated[int, Strict(), Interval(ge=0, le=9), BeforeValidator(whole_number)]
Seed = Annotated[int, Strict(), Interval(ge=0, le=2**32 - 1), BeforeValidator(whole_number)]
Extent = Annotated[int, Strict(), Interval(ge=0), BeforeValidator(whole_number)]
SampleCount = Annotated[int, Strict(), Interval(ge=1, le=10), BeforeValidator(whole_number)]


def _convert(value: list[Any]) -> np.ndarray:
    try:
        with np.errstate(over="ignore"):  # 1e39 becomes inf, reported later as non-finite
            return np.array(value, dtype=np.float32)
    except (ValueError, TypeError, OverflowError) as err:
        reason = "rows of different lengths" if "inhomogeneous" in str(err) else "non-numbers"
        raise refuse(
            "array.ragged", "must be a rectangular list of numbers (found {found})", found=reason
        ) from None


def to_array(
    value: Any, ndim: int | None = None, low: float | None = None, high: float | None = None
) -> np.ndarray:
    """Nested lists of numbers -> float32 array, checked for rank, finiteness and range."""
    if not isinstance(value, list) or not value:
        what = "list of numbers" if ndim == 1 else "list of rows of numbers"
        raise refuse("array.empty", "must be a non-empty {what}", what=what)
    _require_numbers(value)
    array = _convert(value)
    if ndim is not None and array.ndim != ndim:
        raise refuse(
            "array.rank",
            "must be {ndim}-D (found {found}-D, shape {shape})",
            ndim=ndim,
            found=array.ndim,
            shape=list(array.shape),
        )
    if array.size == 0:
        raise refuse("array.empty", "must not be empty")
    return checked(array, low, high)


def checked(array: np.ndarray, low: float | None = None, high: float | None = None) -> np.ndarray:
    if not np.isfinite(array).all():
        raise refuse(
            "array.non_finite", "contains NaN or infinity (or a number too large for float32)"
        )
    if low is not None and high is not None and not ((array >= low) & (array <= high)).all():
        raise refuse(
            "array.range",
            "values must lie in {low}..{high} (found {min}..{max})",
            low=_plain(low),
            high=_plain(high),
            min=_plain(float(array.min())),
            max=_plain(float(array.max())),
        )
    return array


def _plain(number: float) -> float | int:
    """0.0 -> 0 in a message (as ``:g`` would print it)."""
    return int(number) if number.is_integer() else float(f"{number:g}")


def _image(value: Any) -> np.ndarray:
    if isinstance(value, list) and len(value) != IMAGE_SIDE:
        raise refuse(
            "image.shape",
            "must be {side}x{side}, found {rows} rows",
            side=IMAGE_SIDE,
            rows=len(value),
        )
    array = to_array(value, 2, 0.0, 1.0)
    if array.shape != (IMAGE_SIDE, IMAGE_SIDE):
        rows, cols = array.shape
        raise refuse(
            "image.shape",
            "must be {side}x{side}, found {rows}x{cols}",
            side=IMAGE_SIDE,
            rows=rows,
            cols=cols,
        )
    return array


def _drawing(value: Any) -> np.ndarray:
    side = MAX_DRAWING_SIDE
    if isinstance(value, list) and len(value) > side:
        message = "at most {max_side}x{max_side} pixels, found {rows} rows"
        raise refuse("drawing.too_large", message, max_side=side, rows=len(value))
    array = to_array(value, 2, 0.0, 1.0)
    if max(array.shape) > side:
        rows, cols = array.shape
        message = "at most {max_side}x{max_side} pixels, found {rows}x{cols}"
        raise refuse("drawing.too_large", message, max_side=side, rows=rows, cols=cols)
    return array


def _grid_schema(max_side: int, exact: bool, description: str) -> dict[str, Any]:
    row = {
        "type": "array",
        "items": {"type": "number", "minimum": 0, "maximum": 1},
        "minItems": max_side if exact else 1,
        "maxItems": max_side,
    }
    return {
        "type": "array",
        "items": row,
        "description": description,
        "minItems": max_side if exact else 1,
        "maxItems": max_side,
    }


Image = Annotated[
    np.ndarray | None,  # None only as the default: an explicit null is refused
    PlainValidator(_image),
    WithJsonSchema(
        _grid_schema(
            IMAGE_SIDE, True, "Exactly 28x28 (rows of columns), values 0..1, ink high; used as is."
        )
    ),
]
Drawing = Annotated[
    np.ndarray | None,  # None only as the default: an explicit null is refused
    PlainValidator(_drawing),
    WithJsonSchema(
        _grid_schema(
            MAX_DRAWING_SIDE,
            False,
            f"Any HxW up to {MAX_DRAWING_SIDE}x{MAX_DRAWING_SIDE}, values 0..1, ink high; "
            "preprocessed MNIST-style by the server.",
        )
    ),
]


def _b64_floats(value: str) -> np.ndarray:
    """base64 of little-endian float32 values -> a float32 array (checked for finiteness)."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise refuse("tensor.base64", "must be base64 (A-Z a-z 0-9 + /, = padding)") from None
    if not raw or len(raw) % 4:
        raise refuse(
            "tensor.base64",
            "must hold whole float32 values (4 bytes each), found {bytes} bytes",
            bytes=len(raw),
        )
    return checked(np.frombuffer(raw, dtype="<f4").astype(np.float32))


def _flat_data(value: Any) -> np.ndarray:
    return _b64_floats(value) if isinstance(value, str) else to_array(value, 1)


FlatData = Annotated[
    np.ndarray,
    PlainValidator(_flat_data),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "array", "items": {"type": "number"}},
                {"type": "string", "contentEncoding": "base64"},
            ],
            "description": "Row-major values: a list of numbers, or base64 of the values as "
            "little-endian float32 (4 bytes each).",
        }
    ),
]


def b64_length(values: int) -> int:
    """Characters of the padded base64 of ``values`` float32 numbers."""
    return 4 * -(-4 * values // 3)


class Tensor(BaseModel):
    """One array: its shape and its values flat in row-major order (a list, or base64)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    shape: list[Extent] = Field(max_length=8)
    data: FlatData

    @model_validator(mode="before")
    @classmethod
    def _size_before_conversion(cls, value: Any) -> Any:
        """Shape and length are checked on the raw lists (or string): data that cannot fit is
        refused before a single number of it is converted."""
        if not isinstance(value, dict):
            return value
        shape, data = value.get("shape"), value.get("data")
        if isinstance(shape, list) and all(type(n) is int and n >= 0 for n in shape):
            size = int(np.prod(shape, dtype=np.int64)) if shape else 1
            if size > MAX_TENSOR_SIZE:
                raise refuse(
                    "tensor.too_large",
                    "shape {shape} is larger than {limit} values",
                    shape=shape,
                    limit=MAX_TENSOR_SIZE,
                )
            if isinstance(data, list) and len(data) != size:
                raise _length(len(data), shape, size)
            if isinstance(data, str) and len(data) != b64_length(size):
                raise refuse(
                    "tensor.length",
                    "data has {found} base64 characters but shape {shape} needs {needed}",
                    found=len(data),
                    shape=shape,
                    needed=b64_length(size),
                )
        return value

    @model_validator(mode="after")
    def _fits_shape(self) -> Tensor:
        size = int(np.prod(self.shape))
        if size != self.data.size:
            raise _length(self.data.size, self.shape, size)
        self.data = self.data.reshape(self.shape)
        return self


def _length(found: int, shape: list[int], size: int) -> PydanticCustomError:
    return refuse(
        "tensor.length",
        "data has {found} values but shape {shape} needs {needed}",
        found=found,
        shape=shape,
        needed=size,
    )
