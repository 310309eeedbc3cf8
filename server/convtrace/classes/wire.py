"""Wire models of class sessions: the instructor's state, a question, an answer."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from convtrace.arrays import Tensor
from convtrace.classes.questions import KINDS, answer_format

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


class Patch(BaseModel):
    """A patch of a max pool's input: its top-left cell, its pool window and its map."""

    model_config = ConfigDict(extra="ignore")  # the page also sends the patch's values
    row0: Index
    col0: Index
    window: Annotated[int, Field(ge=1, le=64, strict=True)]
    channel: Index


ParamName = Annotated[str, Field(pattern=r"^[a-z][a-z_]{0,19}$")]
ParamValue = (
    Annotated[int, Field(strict=True, ge=-(10**9), le=10**9)]
    | Annotated[float, Field(allow_inf_nan=False)]
    | Annotated[str, Field(max_length=50)]
)


class QuestionIn(BaseModel):
    """A question on the current step; ``truth`` is hidden from students until the reveal.

    A question that names its place in the class trace (``record``, and the ``cell``, ``patch``
    or ``region`` its kind needs) gets its truth from the server, which reads it from the trace
    it holds; a ``truth`` sent with it must agree (422 ``class.truth_mismatch``). A question that
    names no record (written by hand, not about the trace) must send its ``truth``.
    """

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(json_schema_extra={"enum": list(KINDS)})
    step: Annotated[int, Field(ge=0, le=10_000, strict=True)]
    prompt: str = Field(max_length=500)
    truth: Any = None
    tolerance: float | None = Field(None, gt=0, allow_inf_nan=False)
    options: list[Annotated[str, Field(max_length=100)]] | None = Field(None, max_length=10)
    record: Annotated[int, Field(ge=0, le=10_000, strict=True)] | None = None
    cell: Annotated[list[Index], Field(min_length=1, max_length=4)] | None = None
    patch: Patch | None = None
    region: Annotated[int, Field(ge=1, le=1024, strict=True)] | None = None
    # the numbers a question posted by a page is worded from (the input-gradient lab's digit
    # question: the digit before the attack, ε), so each student's page writes the prompt in
    # its own language; ``prompt`` is the asker's wording, for a page that cannot
    params: dict[ParamName, ParamValue] | None = Field(None, max_length=8)

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"must be one of {', '.join(KINDS)}")
        return value

    @model_validator(mode="after")
    def _truth_fits_kind(self) -> QuestionIn:
        if self.truth is None:
            if self.record is None:
                raise ValueError("truth: required when the question names no record")
            return self
        try:
            self.truth = answer_format(self.kind, self.truth)
        except ValueError as err:
            raise ValueError(f"truth: {err}") from None
        return self

    def place(self) -> dict[str, Any]:
        """The fields a truth is read with (``questions.truth_of``)."""
        patch = self.patch.model_dump() if self.patch else None
        return {**self.model_dump(include={"kind", "record", "cell", "region"}), "patch": patch}


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question_id: str = Field(pattern=QUESTION_ID)
    student: str = Field(pattern=STUDENT_ID)
    answer: Any
