"""Dependencies the routes share: the registry, the network store, the work budget, and the
network a request asks for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from convtrace.api.admission import on_main_loop
from convtrace.api.cost import WorkBudget, units
from convtrace.api.errors import RequestError
from convtrace.api.schemas import NetworkChoice, choice_conflict
from convtrace.networks import (
    NEEDS_REDIS,
    NetworkStore,
    NetworkStoreUnavailable,
    build,
    network_id,
)
from convtrace.nn.network import Network
from convtrace.nn.spec import check
from convtrace.registry import Registry


def get_registry(request: Request) -> Registry:
    registry: Registry = request.app.state.registry
    return registry


def get_networks(request: Request) -> NetworkStore:
    """The worker's network store (opened by the networks router's lifespan); 503 when there
    is none (several workers without Redis)."""
    store: NetworkStore | None = getattr(request.app.state, "networks", None)
    if store is None:
        raise NetworkStoreUnavailable(NEEDS_REDIS)
    return store


def get_budget(request: Request) -> WorkBudget:
    budget: WorkBudget = request.app.state.budget
    return budget


RegistryDep = Annotated[Registry, Depends(get_registry)]
NetworksDep = Annotated[NetworkStore, Depends(get_networks)]
BudgetDep = Annotated[WorkBudget, Depends(get_budget)]


@dataclass
class Chosen:
    """The network a request runs: its name in answers (a model's name, or ``network:<id>``
    for a student's own), the network itself, and its cost in work units (1: shipped)."""

    name: str
    net: Network
    units: int
    custom: bool


async def network_for(request: Request, body: NetworkChoice) -> Chosen:
    """The request's own network, named in exactly one way (422 ``network.choice`` on the
    field otherwise): a shipped model (with the client's weights if given), a spec with weights
    or a seed (checked against the limits first), or a stored network."""
    conflict = choice_conflict(body)
    if conflict is not None:
        field, message = conflict
        raise RequestError(422, message, "network.choice", {"field": field}, ("body", field))
    if body.network is not None:
        store = get_networks(request)
        net = await on_main_loop(store.load, body.network)
        return _custom(f"network:{body.network}", net)
    if body.spec is not None:
        weights = None if body.weights is None else {k: t.data for k, t in body.weights.items()}
        net = build(body.spec, weights, body.init_seed)
        return _custom(f"network:{network_id(net.spec, net.get_weights())}", net)
    model = get_registry(request).get(body.model)
    weights = None if body.weights is None else {k: t.data for k, t in body.weights.items()}
    return Chosen(model.name, model.network(weights), 1, False)


def _custom(name: str, net: Network) -> Chosen:
    return Chosen(name, net, units(int(check(net.spec)["macs"])), True)


async def keep(request: Request, net: Network) -> str | None:
    """Store ``net`` (its id), or None when this server has no network store."""
    store: NetworkStore | None = getattr(request.app.state, "networks", None)
    if store is None:
        return None
    return await on_main_loop(store.put, net.spec, net.get_weights())
