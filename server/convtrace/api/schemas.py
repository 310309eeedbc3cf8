"""Wire models of requests: the OpenAPI contract of the API.

Arrays are validated in ``api.arrays`` (one vectorised numpy step each); responses are documented
in ``api.responses``. Both are re-exported here, so ``from convtrace.api.schemas import X`` keeps
working for every name. Bodies are parsed with orjson (see ``routes.OrjsonRoute``), which rejects
the non-standard ``NaN``/``Infinity`` literals as invalid JSON (422).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from convtrace.api.responses import (
    Check,
    GradcheckResponse,
    Health,
    LayerCatalogue,
    ModelDetail,
    ModelList,
    ModelSummary,
    NetworkCheck,
    NetworkCreated,
    NetworkDetail,
    ParamCheck,
    Prediction,
    Sample,
    SampleList,
    SamplesAccuracy,
    SgdResponse,
    TensorOut,
)
from convtrace.arrays import (
    IMAGE_SIDE,
    MAX_DRAWING_SIDE,
    MAX_TENSOR_SIZE,
    Digit,
    Drawing,
    Extent,
    FlatData,
    Image,
    SampleCount,
    Seed,
    Tensor,
    to_array,
    whole_number,
)
from convtrace.networks import ID_PATTERN
from convtrace.training_step import DEFAULT_LEARNING_RATE

__all__ = [
    "IMAGE_SIDE",
    "MAX_DRAWING_SIDE",
    "MAX_TENSOR_SIZE",
    "Check",
    "Digit",
    "Drawing",
    "Extent",
    "FlatData",
    "GradcheckRequest",
    "GradcheckResponse",
    "Health",
    "Image",
    "LayerCatalogue",
    "ModelDetail",
    "ModelList",
    "ModelSummary",
    "NetworkCheck",
    "NetworkChoice",
    "NetworkCreated",
    "NetworkDetail",
    "NetworkId",
    "NetworkIn",
    "ParamCheck",
    "Prediction",
    "Sample",
    "SampleCount",
    "SampleList",
    "SamplesAccuracy",
    "Seed",
    "SgdRequest",
    "SgdResponse",
    "SpecIn",
    "Tensor",
    "TensorOut",
    "TraceRequest",
    "to_array",
    "whole_number",
]

NetworkId = Annotated[str, Field(pattern=ID_PATTERN, description="A network's id (24 hex).")]
SpecField = Annotated[
    dict[str, Any],
    Field(
        description="{input: [28, 28, 1], layers: [{kind, ...}]} as GET /api/layers describes; "
        "checked against the limits before anything is built."
    ),
]
Weights = Annotated[dict[str, Tensor], Field(max_length=64)]


class NetworkChoice(BaseModel):
    """Which network a request runs on, in exactly one of four ways: a shipped ``model`` by
    name (the default if nothing is given), optionally with your own ``weights`` for it; a
    ``spec`` with its ``weights``; a ``spec`` with an ``init_seed`` (fresh seeded weights); or a
    stored ``network`` id. Every request that runs a network inherits these fields, so a new
    way of naming a network is added here once. Mixing the ways is a 422 naming the field
    (``deps.network_for`` checks it, see ``choice_conflict``)."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    model: str | None = Field(
        None,
        max_length=100,
        description="Model name (architecture and weights); the default model if absent.",
    )
    weights: Weights | None = Field(
        None,
        description="Parameters by name ('conv1.W', ...), every key of GET /api/models/{name} "
        "'weights' (or of the spec's layers); replaces the shipped ones.",
    )
    spec: SpecField | None = None
    init_seed: Seed | None = Field(
        None, description="With 'spec': fresh He/Glorot weights from this seed."
    )
    network: NetworkId | None = Field(None, description="A network stored by POST /api/networks.")


def choice_conflict(body: NetworkChoice) -> tuple[str, str] | None:
    """(field, message) if the request names its network in more than one way, else None."""
    given = {name for name in ("model", "weights", "spec", "init_seed", "network")}
    given = {name for name in given if getattr(body, name) is not None}
    if "network" in given and len(given) > 1:
        others = ", ".join(sorted(given - {"network"}))
        return "network", f"give a stored 'network' alone (found also: {others})"
    if "spec" in given and "model" in given:
        return "spec", "give either 'model' or 'spec', not both"
    if "init_seed" in given and "spec" not in given:
        return "init_seed", "'init_seed' makes fresh weights for a 'spec': give the spec"
    if "init_seed" in given and "weights" in given:
        return "init_seed", "give either 'weights' or 'init_seed' with the spec, not both"
    if "spec" in given and not given & {"weights", "init_seed"}:
        return "spec", "a 'spec' needs its 'weights' or an 'init_seed'"
    return None


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


class SpecIn(BaseModel):
    """POST /api/networks/check."""

    model_config = ConfigDict(extra="forbid")
    spec: SpecField


class NetworkIn(BaseModel):
    """POST /api/networks: a spec with its weights, or with a seed for fresh ones."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    spec: SpecField
    weights: Weights | None = None
    init_seed: Seed | None = None

    @model_validator(mode="after")
    def _one_source(self) -> NetworkIn:
        if (self.weights is None) == (self.init_seed is None):
            raise ValueError("give exactly one of 'weights' or 'init_seed'")
        return self
