"""Two real server processes, one student's session alternating between them: the results equal
a single-process run byte for byte, because the server keeps no per-user state."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
import pytest

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 20


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVTRACE_")}
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}"


def wait_ready(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited with {process.returncode}: {log_path.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    pytest.fail(f"server not ready after {START_TIMEOUT_S} s: {log_path.read_text()}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, request):
    servers = []
    for i in range(2):
        log_path = tmp_path_factory.mktemp("server") / f"server{i}.log"
        process, url = start_server(log_path)
        request.addfinalizer(lambda p=process: stop(p))
        servers.append((process, url, log_path))
    for process, url, log_path in servers:
        wait_ready(process, url, log_path)
    return [url for _, url, _ in servers]


def session(post, image: list, label: int) -> list[bytes]:
    """trace -> sgd -> trace with the returned weights -> sgd; every response body."""
    base = {"image": image, "label": label, "model": "lenet-sigmoid"}
    bodies = [post("/api/trace", base)]
    bodies.append(post("/api/sgd", {**base, "learning_rate": 0.5}))
    weights = orjson.loads(bodies[-1])["weights"]
    bodies.append(post("/api/trace", {**base, "weights": weights}))
    bodies.append(post("/api/sgd", {**base, "weights": weights, "learning_rate": 0.5}))
    return bodies


def test_session_alternating_between_two_processes_matches_one(two_servers, client, sample,
                                                               image_list):
    calls = iter(range(100))

    def post_alternating(path: str, body: dict) -> bytes:
        url = two_servers[next(calls) % 2]
        response = httpx.post(url + path, content=orjson.dumps(body), timeout=10,
                              headers={"content-type": "application/json"})
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
