"""`convtrace serve`: the multi-worker listening socket lets asyncio turn Nagle off."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import time
from pathlib import Path

import httpx
import pytest
from convtrace.cli import _listening_socket

from tests.localserver import isolated_env, running_server

ROOT = Path(__file__).resolve().parents[1]


def _nodelay_of_accepted_connection(listener: socket.socket) -> int:
    async def scenario() -> int:
        accepted: asyncio.Future = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            sock = writer.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=listener)
        host, port = listener.getsockname()[:2]
        _, writer = await asyncio.open_connection(host, port)
        value = await asyncio.wait_for(accepted, 5)
        writer.close()
        server.close()
        return value

    return asyncio.run(scenario())


def test_worker_socket_gets_tcp_nodelay_on_accepted_connections():
    listener = _listening_socket("127.0.0.1", 0)
    assert listener.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted_connection(listener) != 0


def test_a_socket_without_protocol_number_keeps_nagle_on():
    # the failure mode the helper exists for (uvicorn's bind_socket): proves the check can fail
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    assert _nodelay_of_accepted_connection(listener) == 0


def test_allocator_settings_reach_the_workers_environment_without_overriding_the_host(
    monkeypatch,
):
    from convtrace import allocator

    for name in allocator.SERVING_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")  # the host's own choice
    allocator.tune_for_serving()
    assert os.environ["MALLOC_ARENA_MAX"] == "4"
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == allocator.SERVING_ENV["MALLOC_TRIM_THRESHOLD_"]
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == allocator.SERVING_ENV["MALLOC_MMAP_THRESHOLD_"]


# ---- connections on the real server ------------------------------------------------------------
@pytest.fixture(scope="module")
def strict_server():
    """`convtrace serve` with short connection timeouts and one cheap slot."""
    flags = ["--header-timeout-s", "0.5", "--body-timeout-s", "0.5"]
    flags += ["--keepalive-timeout-s", "0.5", "--max-concurrency", "1"]
    with running_server(flags, env=isolated_env(), cwd=ROOT) as server:
        yield server


def connect(server) -> socket.socket:
    sock = socket.create_connection((server.host, server.port), timeout=5)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closed ``sock`` (reading and discarding what it sent), or None
    if it was still open after ``seconds``."""
    start = time.monotonic()
    sock.settimeout(0.1)
    while time.monotonic() - start < seconds:
        try:
            if sock.recv(65536) == b"":
                return time.monotonic() - start
        except TimeoutError:
            continue
        except ConnectionResetError:
            return time.monotonic() - start
    return None


@pytest.mark.parametrize(
    "sent", [b"", b"GET /healthz HTTP/1.1\r\nHost: x\r\n"], ids=["idle", "slowloris"]
)
def test_connection_without_complete_headers_is_closed_at_the_header_timeout(strict_server, sent):
    with connect(strict_server) as sock:
        sock.sendall(sent)
        assert closed_within(sock, 3) is not None


def test_idle_keep_alive_connection_is_closed(strict_server):
    with connect(strict_server) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        assert closed_within(sock, 3) is not None


def test_slow_body_gets_408_and_holds_no_slot_meanwhile(strict_server):
    with connect(strict_server) as slow:
        slow.sendall(b"POST /api/trace HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
        slow.sendall(b"Content-Length: 4000\r\n\r\n{")
        # the only cheap slot is free while the slow body trickles in
        sample = httpx.get(f"{strict_server.url}/api/samples", params={"count": 1}, timeout=5)
        assert sample.status_code == 200
        slow.settimeout(3)
        answer = slow.recv(65536)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:100]


def test_fd_limit_is_raised_to_the_hard_limit(monkeypatch):
    import resource

    from convtrace import cli

    calls = []
    monkeypatch.setattr(resource, "getrlimit", lambda which: (1024, 4096))
    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: calls.append(limits))
    assert "1024 to 4096" in cli._raise_fd_limit()
    assert calls == [(4096, 4096)]


def test_serve_flags_override_the_environment_and_lists_are_split(monkeypatch):
    from convtrace import cli

    monkeypatch.setenv("CONVTRACE_HEAVY_WORKERS", "3")
    monkeypatch.setenv("CONVTRACE_PORT", "9000")
    parser = argparse.ArgumentParser()
    for flag in ("--heavy-workers", "--frame-ancestors", "--keepalive-timeout-s"):
        parser.add_argument(flag)
    args = parser.parse_args(
        ["--heavy-workers", "2", "--frame-ancestors", "https://a.example, 'self'"]
    )
    args.heavy_workers = int(args.heavy_workers)
    settings = cli._settings(args)
    assert settings.heavy_workers == 2 and settings.port == 9000
    assert settings.frame_ancestors == ["https://a.example", "'self'"]
    assert settings.keepalive_timeout_s == 5.0


@pytest.mark.parametrize(("host_says", "threads"), [(None, 1), ("2", 2)])
def test_the_served_app_runs_matrix_products_on_one_blas_thread(host_says, threads):
    """Each serving process pins OpenBLAS to one thread (a request uses one core), unless the
    host set OPENBLAS_NUM_THREADS. In a fresh interpreter: the limit is process-wide."""
    import subprocess
    import sys

    env = isolated_env()
    env.pop("OPENBLAS_NUM_THREADS", None)
    if host_says:
        env["OPENBLAS_NUM_THREADS"] = host_says
    script = (
        "from threadpoolctl import threadpool_info\n"
        "from convtrace.api.app import create_app_from_env\n"
        "create_app_from_env()\n"
        "print(min(p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) == threads
