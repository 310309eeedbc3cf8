"""Wire models: the OpenAPI contract of the API.

Arrays in requests (images, drawings, weight data) are documented as nested lists of numbers but
validated in one vectorised step: converted once with numpy, then checked for shape, finiteness
and range. Per-element pydantic validation of a 1024x1024 drawing would take far longer than the
conversion. Bodies are parsed with orjson (see ``routes.OrjsonRoute``), which rejects the
non-standard ``NaN``/``Infinity`` literals as invalid JSON (422).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import numpy as np
from annotated_types import Interval
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)

from convtrace.training_step import DEFAULT_LEARNING_RATE

IMAGE_SIDE = 28
# The page draws on a ~140x140 canvas; 512 leaves room for bigger screens and other clients
# while bounding the work (and memory) one drawing can cost.
MAX_DRAWING_SIDE = 512
# The largest shipped parameter has 3 200 values: this bounds the work done on foreign weights.
MAX_TENSOR_SIZE = 1 << 16


NUMBER_TYPES = frozenset({int, float})
NOT_NUMBERS = {bool: "true/false", str: "strings", type(None): "nulls", dict: "objects"}


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
        raise ValueError(f"must hold numbers only (found {', '.join(wrong)})")


def whole_number(value: Any) -> Any:
    """3.0 is an integer in JSON Schema: accept it where an integer is asked (then strict)."""
    return int(value) if type(value) is float and value.is_integer() else value


# Bounds sit inside the whole-number step so that they reach the JSON Schema as minimum/maximum.
Digit = Annotated[int, Strict(), Interval(ge=0, le=9), BeforeValidator(whole_number)]
Seed = Annotated[int, Strict(), Interval(ge=0, le=2**32 - 1), BeforeValidator(whole_number)]
Extent = Annotated[int, Strict(), Interval(ge=0), BeforeValidator(whole_number)]
SampleCount = Annotated[int, Strict(), Interval(ge=1, le=10), BeforeValidator(whole_number)]


def to_array(
    value: Any, ndim: int | None = None, low: float | None = None, high: float | None = None
) -> np.ndarray:
    """Nested lists of numbers -> float32 array, checked for rank, finiteness and range."""
    if not isinstance(value, list) or not value:
        raise ValueError(
            "must be a non-empty list of numbers"
            if ndim == 1
            else "must be a non-empty list of rows of numbers"
        )
    _require_numbers(value)
    try:
        with np.errstate(over="ignore"):  # 1e39 becomes inf, reported below as non-finite
            array = np.array(value, dtype=np.float32)
    except (ValueError, TypeError, OverflowError) as err:
        reason = "rows of different lengths" if "inhomogeneous" in str(err) else "non-numbers"
        raise ValueError(f"must be a rectangular list of numbers (found {reason})") from None
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"must be {ndim}-D (found {array.ndim}-D, shape {list(array.shape)})")
    if array.size == 0:
        raise ValueError("must not be empty")
    if not np.isfinite(array).all():
        raise ValueError("contains NaN or infinity (or a number too large for float32)")
    if low is not None and high is not None and not ((array >= low) & (array <= high)).all():
        found = f"{array.min():g}..{array.max():g}"
        raise ValueError(f"values must lie in {low:g}..{high:g} (found {found})")
    return array


def _image(value: Any) -> np.ndarray:
    if isinstance(value, list) and len(value) != IMAGE_SIDE:
        raise ValueError(f"must be {IMAGE_SIDE}x{IMAGE_SIDE}, found {len(value)} rows")
    array = to_array(value, 2, 0.0, 1.0)
    if array.shape != (IMAGE_SIDE, IMAGE_SIDE):
        rows, cols = array.shape
        raise ValueError(f"must be {IMAGE_SIDE}x{IMAGE_SIDE}, found {rows}x{cols}")
    return array


def _drawing(value: Any) -> np.ndarray:
    side = MAX_DRAWING_SIDE
    if isinstance(value, list) and len(value) > side:
        raise ValueError(f"at most {side}x{side} pixels, found {len(value)} rows")
    array = to_array(value, 2, 0.0, 1.0)
    if max(array.shape) > side:
        raise ValueError(f"at most {side}x{side} pixels, found {array.shape[0]}x{array.shape[1]}")
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
FlatData = Annotated[
    np.ndarray,
    PlainValidator(lambda v: to_array(v, 1)),
    WithJsonSchema(
        {"type": "array", "items": {"type": "number"}, "description": "Row-major values."}
    ),
]


class Tensor(BaseModel):
    """One array: its shape and its values flat in row-major order."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    shape: list[Extent] = Field(max_length=8)
    data: FlatData

    @model_validator(mode="before")
    @classmethod
    def _size_before_conversion(cls, value: Any) -> Any:
        """Shape and length are checked on the raw lists: data that cannot fit is refused
        before a single number of it is converted."""
        if not isinstance(value, dict):
            return value
        shape, data = value.get("shape"), value.get("data")
        if isinstance(shape, list) and all(type(n) is int and n >= 0 for n in shape):
            size = int(np.prod(shape, dtype=np.int64)) if shape else 1
            if size > MAX_TENSOR_SIZE:
                raise ValueError(f"shape {shape} is larger than {MAX_TENSOR_SIZE} values")
            if isinstance(data, list) and len(data) != size:
                raise ValueError(f"data has {len(data)} values but shape {shape} needs {size}")
        return value

    @model_validator(mode="after")
    def _fits_shape(self, info: ValidationInfo) -> Tensor:
        size = int(np.prod(self.shape))
        if size != self.data.size:
            raise ValueError(
                f"data has {self.data.size} values but shape {self.shape} needs {size}"
            )
        self.data = self.data.reshape(self.shape)
        return self


class NetworkChoice(BaseModel):
    """Which network a request runs on: a shipped model by name (the default if absent), with
    the client's own weights if given. Every request that runs a network inherits these fields,
    so a new way of naming a network is added here once."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    model: str | None = Field(
        None,
        max_length=100,
        description="Model name (architecture and weights); the default model if absent.",
    )
    weights: dict[str, Tensor] | None = Field(
        None,
        max_length=64,
        description="Your own parameters for the model's architecture, "
        "every key of GET /api/models/{name} 'weights'; replaces the shipped ones.",
    )


class TraceRequest(NetworkChoice):
    """One image (or drawing), a target label, and the network to use."""

    model_config = ConfigDict(
        arbitrary_types_allowed=True,
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["image"]}, {"required": ["drawing"]}]},
    )
    image: Image = None
    drawing: Drawing = None
    label: Digit | None = Field(
        None, description="Target digit; null: the network's own prediction is the target."
    )
    encoding: Literal["b64", "json"] = Field(
        "b64",
        description="b64: base64 little-endian arrays (b64-sparse when smaller); "
        "json: flat lists of numbers.",
    )

    @model_validator(mode="after")
    def _one_input(self) -> TraceRequest:
        if (self.image is None) == (self.drawing is None):
            raise ValueError("give exactly one of 'image' or 'drawing'")
        return self


class SgdRequest(TraceRequest):
    learning_rate: float = Field(
        DEFAULT_LEARNING_RATE,
        gt=0,
        le=10,
        allow_inf_nan=False,
        description="Step size; the default is classroom-safe (one step on a wrong target costs "
        "the shipped models at most a few points of test accuracy).",
    )


class GradcheckRequest(TraceRequest):
    # ~25 traces' worth of work at 10 (0.2 s): enough to see agreement, and bounded
    samples_per_param: SampleCount = 5
    seed: Seed | None = None


# ---- responses (documented; routes send pre-encoded JSON) ----


class Health(BaseModel):
    status: Literal["ok"]


class ModelSummary(BaseModel):
    name: str
    description: str
    test_accuracy: float | None
    architecture: list[dict[str, Any]]
    spec: dict[str, Any]


class ModelList(BaseModel):
    default: str
    default_learning_rate: float = Field(description="What POST /api/sgd uses when none is given.")
    models: list[ModelSummary]


class TensorOut(BaseModel):
    shape: list[int]
    data: list[float]


class ModelDetail(ModelSummary):
    weights: dict[str, TensorOut]


class Sample(BaseModel):
    id: int
    label: int
    image: list[list[float]]


class SampleList(BaseModel):
    samples: list[Sample]


class Prediction(BaseModel):
    probabilities: list[float]
    prediction: int
    loss: float


class SamplesAccuracy(BaseModel):
    """The fraction (0..1) of the shipped sample digits (GET /api/samples) classified as their
    label, by the network before and after the step."""

    before: float
    after: float


class SgdResponse(BaseModel):
    model: str
    label: int
    weights: dict[str, TensorOut]
    before: Prediction
    after: Prediction
    update_norms: dict[str, float] = Field(description="||lr * dL/dW|| per parameter.")
    samples_accuracy: SamplesAccuracy


class Check(BaseModel):
    index: list[int]
    analytic: float
    numeric: float
    rel_error: float = Field(description="|a - n| / max(|a| + |n|, noise_floor)")
    status: Literal["ok", "kink", "unresolved", "mismatch"] = Field(
        description="ok: agrees to `target`; kink: a ReLU input or a max-pool winner changes "
        "inside the stencil, so the difference is not a derivative (not counted); unresolved: "
        "|a| + |n| is below `noise_floor`, too small for the differences to check (not "
        "counted, never a pass); mismatch: resolved and disagrees"
    )
    kink: bool = Field(description="status == 'kink'")
    below_noise: bool = Field(description="status == 'unresolved'")


class ParamCheck(BaseModel):
    param: str
    checked: int
    ok: int
    kinks: int
    unresolved: int
    below_noise: int = Field(description="The same as `unresolved` (the earlier name).")
    mismatches: int
    max_rel_error: float | None = Field(
        description="Over the resolved checks, ok or mismatch (null: none was resolved)."
    )
    passed: bool | None = Field(
        description="true: some checks resolved, all agree; false: a mismatch; null: nothing "
        "could be resolved, so nothing is shown either way."
    )
    checks: list[Check]


class GradcheckResponse(BaseModel):
    model: str
    label: int
    epsilon: float
    noise_floor: float = Field(
        description="|a| + |n| below which the float64 differences cannot show `target`."
    )
    target: float = Field(description="The relative agreement a resolvable check should show.")
    results: list[ParamCheck]
