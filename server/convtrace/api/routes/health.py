"""Liveness: answers without touching the models."""

from __future__ import annotations

from fastapi import APIRouter, Response

from convtrace.api import encode
from convtrace.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Response:
    return encode.json_response({"status": "ok"})
