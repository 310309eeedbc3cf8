"""Response models: documented in the OpenAPI contract (routes send pre-encoded JSON)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


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
    network: str | None = Field(
        None,
        description="With a spec or network: the id under which the new weights are stored "
        "(null if no network store is available).",
    )


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


class NetworkCreated(BaseModel):
    id: str = Field(description="Content address: the same spec and weights give the same id.")


class TensorB64(BaseModel):
    shape: list[int]
    data: str = Field(description="base64 of the values as little-endian float32")


class NetworkDetail(BaseModel):
    spec: dict[str, Any] = Field(description="The spec as built (names and defaults filled).")
    weights: dict[str, TensorOut | TensorB64]


class LayerCheck(BaseModel):
    model_config = ConfigDict(extra="allow")  # the layer's own fields (maps, size, ...)
    kind: str
    name: str
    index: int
    input_shape: list[int]
    output_shape: list[int]
    params: int
    macs: int


class NetworkCheck(BaseModel):
    input: list[int]
    layers: list[LayerCheck]
    params: int
    macs: int = Field(description="Multiply-adds per image.")


class LayerCatalogue(BaseModel):
    kinds: list[dict[str, Any]] = Field(description="Each kind with its fields (type, default...)")
    limits: dict[str, Any] = Field(description="max_layers, max_params, max_macs, input, classes")
