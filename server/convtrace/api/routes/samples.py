"""Sample digits from the MNIST test set, with their labels."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from convtrace.api import encode
from convtrace.api.deps import RegistryDep
from convtrace.api.schemas import SampleList

router = APIRouter(prefix="/samples", tags=["samples"])


@router.get("", response_model=SampleList)
async def samples(
    registry: RegistryDep,
    digit: Annotated[int | None, Query(ge=0, le=9, description="Only this digit")] = None,
    count: Annotated[int, Query(ge=1, le=50)] = 10,
    offset: Annotated[int, Query(ge=0, le=10_000, description="Skip this many matches")] = 0,
) -> Response:
    store = registry.samples
    ids = store.select(digit, count, offset)
    return encode.json_response(
        {
            "samples": [
                {"id": i, "label": int(store.labels[i]), "image": store.images[i]} for i in ids
            ]
        }
    )
