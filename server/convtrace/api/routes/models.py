"""The shipped models: list them, or fetch one with its weights."""

from __future__ import annotations

from fastapi import APIRouter, Response

from convtrace.api import encode
from convtrace.api.deps import RegistryDep
from convtrace.api.schemas import ModelDetail, ModelList
from convtrace.training_step import DEFAULT_LEARNING_RATE

router = APIRouter(prefix="/models", tags=["models"])


@router.get("", response_model=ModelList)
async def list_models(registry: RegistryDep) -> Response:
    models = [registry.get(name).summary() for name in registry.names]
    return encode.json_response(
        {
            "default": registry.default,
            "default_learning_rate": DEFAULT_LEARNING_RATE,
            "models": models,
        }
    )


@router.get(
    "/{name}", response_model=ModelDetail, responses={404: {"description": "No such model"}}
)
async def get_model(name: str, registry: RegistryDep) -> Response:
    model = registry.get(name)
    return encode.json_response({**model.summary(), "weights": encode.tensors(model.weights)})
