"""`convtrace serve`: the multi-worker listening socket lets asyncio turn Nagle off."""

from __future__ import annotations

import asyncio
import os
import socket

from convtrace.cli import _listening_socket


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
    from convtrace import cli

    for name in cli.MALLOC_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")  # the host's own choice
    cli._tune_allocator()
    assert os.environ["MALLOC_ARENA_MAX"] == "4"
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == cli.MALLOC_ENV["MALLOC_TRIM_THRESHOLD_"]
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == cli.MALLOC_ENV["MALLOC_MMAP_THRESHOLD_"]
