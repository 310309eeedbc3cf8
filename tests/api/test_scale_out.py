"""Two real server processes, one student's session alternating between them: the results equal
a single-process run byte for byte, because the server keeps no per-user state."""

from __future__ import annotations

from pathlib import Path

import httpx
import orjson
import pytest

from tests.localserver import isolated_env, start_server

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 20


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, request):
    servers = []
    for i in range(2):  # both start before either is waited for
        log_path = tmp_path_factory.mktemp("server") / f"server{i}.log"
        server = start_server(
            env=isolated_env(),
            cwd=REPO,
            capture_stdout=True,
            capture_stderr=True,
            log_path=log_path,
        )
        request.addfinalizer(server.stop)
        servers.append(server)
    for server in servers:
        server.wait_healthy(START_TIMEOUT_S)
    return [server.url for server in servers]


def session(post, image: list, label: int) -> list[bytes]:
    """trace -> sgd -> trace with the returned weights -> sgd; every response body."""
    base = {"image": image, "label": label, "model": "lenet-sigmoid"}
    bodies = [post("/api/trace", base)]
    bodies.append(post("/api/sgd", {**base, "learning_rate": 0.5}))
    weights = orjson.loads(bodies[-1])["weights"]
    bodies.append(post("/api/trace", {**base, "weights": weights}))
    bodies.append(post("/api/sgd", {**base, "weights": weights, "learning_rate": 0.5}))
    return bodies


def test_session_alternating_between_two_processes_matches_one(
    two_servers, client, sample, image_list
):
    calls = iter(range(100))

    def post_alternating(path: str, body: dict) -> bytes:
        url = two_servers[next(calls) % 2]
        response = httpx.post(
            url + path,
            content=orjson.dumps(body),
            timeout=10,
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 200, response.text
        return response.content

    def post_local(path: str, body: dict) -> bytes:
        response = client.post(path, json=body)
        assert response.status_code == 200, response.text
        return response.content

    spread = session(post_alternating, image_list, sample[1])
    single = session(post_local, image_list, sample[1])
    assert orjson.loads(spread[-1])["after"]["loss"] < orjson.loads(spread[1])["before"]["loss"]
    for i, (a, b) in enumerate(zip(spread, single, strict=True)):
        assert a == b, f"response {i} differs between processes"
