"""Dependencies the routes share: the registry, and the network a request asks for."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from convtrace.api.schemas import NetworkChoice
from convtrace.nn.network import Network
from convtrace.registry import Registry


def get_registry(request: Request) -> Registry:
    registry: Registry = request.app.state.registry
    return registry


RegistryDep = Annotated[Registry, Depends(get_registry)]


def network_for(registry: Registry, body: NetworkChoice) -> tuple[str, Network]:
    """The request's own network: the named (or default) model, with the client's weights if
    given (WeightsError if they do not fit), and the model's name."""
    model = registry.get(body.model)
    weights = None if body.weights is None else {k: t.data for k, t in body.weights.items()}
    return model.name, model.network(weights)
