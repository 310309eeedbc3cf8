"""A student's network is charged by its multiply-adds against the shipped one's, so a few huge
networks cannot take a worker from a class tracing the shipped network."""

from __future__ import annotations

import threading

import pytest
from convtrace.api.app import create_app
from convtrace.api.cost import SHIPPED_MACS, WorkBudget, units
from convtrace.api.errors import RequestError
from convtrace.config import Settings
from convtrace.nn.spec import check
from fastapi.testclient import TestClient

from tests.api.decode import parse_lines

# conv 5x5x64 then conv 3x3x32 and dense 10: ~9.8 M multiply-adds, ~31 shipped traces
HEAVY = {
    "input": [28, 28, 1],
    "layers": [
        {"kind": "conv", "maps": 64, "size": 5},
        {"kind": "relu"},
        {"kind": "conv", "maps": 32, "size": 3},
        {"kind": "relu"},
        {"kind": "flatten"},
        {"kind": "dense", "units": 10},
    ],
}


def test_units_are_multiply_adds_over_the_shipped_networks():
    assert units(1) == 1 and units(SHIPPED_MACS) == 1 and units(SHIPPED_MACS + 1) == 2
    assert units(check(HEAVY)["macs"]) == -(-check(HEAVY)["macs"] // SHIPPED_MACS) > 20


def test_budget_refuses_what_does_not_fit_and_frees_on_exit():
    budget = WorkBudget(10)
    with budget.charge(6):
        with pytest.raises(RequestError) as refused:
            with budget.charge(5):
                pass
        assert refused.value.status == 503 and refused.value.code == "server.busy"
        with budget.charge(4):
            assert budget.used == 10
    assert budget.used == 0


def test_budget_counts_across_threads():
    budget, errors = WorkBudget(100), []

    def spend() -> None:
        try:
            for _ in range(200):
                with budget.charge(3):
                    pass
        except RequestError as err:  # pragma: no cover - would be a lost update
            errors.append(err)

    threads = [threading.Thread(target=spend) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and budget.used == 0


def test_a_network_over_the_budget_is_a_fast_503(settings, registry, image_list):
    small = Settings(**{**vars(settings), "max_concurrency": 8})
    with TestClient(create_app(small, registry)) as client:
        body = {"image": image_list, "spec": HEAVY, "init_seed": 1}
        busy = client.post("/api/trace", json=body)
        assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
        (item,) = busy.json()["detail"]
        assert item["code"] == "server.busy" and item["params"]["units"] > 8
        assert client.post("/api/trace", json={"image": image_list}).status_code == 200


def test_a_large_network_within_the_budget_is_traced(client, image_list):
    body = {"image": image_list, "spec": HEAVY, "init_seed": 1, "label": 2}
    lines = parse_lines(client.post("/api/trace", json=body).content)
    assert lines[-1]["phase"] == "result" and lines[-1]["label"] == 2
    assert client.app.state.budget.used == 0
