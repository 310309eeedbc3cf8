"""Wire models of class sessions: the instructor's state, a question, an answer."""

from __future__ import annotations

import base64
import binascii
import math
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from convtrace.api.schemas import Tensor
from convtrace.classes.questions import answer_format

IMAGE_BYTES = 28 * 28
MAX_STATE_BYTES = 256 * 1024
STUDENT_ID = r"^[A-Za-z0-9_-]{8,64}$"  # an anonymous random id the browser keeps
QUESTION_ID = r"^q[0-9]{1,6}$"
Index = Annotated[int, Field(ge=0, le=1024, strict=True)]


class ClassState(BaseModel):
    """What the class mirrors. ``weights``: the instructor's own after an SGD step."""

    model_config = ConfigDict(arbitrary_types_allowed=True, extra="forbid")
    image: str = Field(
        max_length=2 * IMAGE_BYTES, description="base64 of the 784 bytes of the 28x28 input"
    )
    model: str = Field(max_length=100)
    step: Annotated[int, Field(ge=0, le=10_000, strict=True)]
    label: Annotated[int, Field(ge=0, le=9, strict=True)] | None = None
    weights: dict[str, Tensor] | None = Field(None, max_length=64)
    cell: Annotated[list[Index], Field(min_length=3, max_length=3)] | None = Field(
        None, description="[row, col, channel] of the selected cell"
    )
    view: Literal["desk", "present"] = "desk"
    lesson_step: Annotated[int, Field(ge=0, le=1_000, strict=True)] | None = None
    train: str | None = Field(
        None, pattern=r"^[A-Za-z0-9_-]{16,64}$", description="the training job the class follows"
    )

    @field_validator("image")
    @classmethod
    def _image(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except binascii.Error:
            raise ValueError("must be base64") from None
        if len(raw) != IMAGE_BYTES:
            raise ValueError(f"must be {IMAGE_BYTES} bytes (28x28, 8-bit), found {len(raw)}")
        return value


class QuestionIn(BaseModel):
    """A question on the current step; ``truth`` is hidden from students until the reveal."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["sign", "cells", "value", "shape", "saliency"]
    step: Annotated[int, Field(ge=0, le=10_000, strict=True)]
    prompt: str = Field(max_length=500)
    truth: Any
    tolerance: float | None = Field(None, gt=0, allow_inf_nan=False)
    options: list[Annotated[str, Field(max_length=100)]] | None = Field(None, max_length=10)

    @model_validator(mode="after")
    def _truth_fits_kind(self) -> QuestionIn:
        try:
            self.truth = answer_format(self.kind, self.truth)
        except ValueError as err:
            raise ValueError(f"truth: {err}") from None
        if self.tolerance is not None and not math.isfinite(self.tolerance):
            raise ValueError("tolerance: must be finite")
        return self


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question_id: str = Field(pattern=QUESTION_ID)
    student: str = Field(pattern=STUDENT_ID)
    answer: Any
