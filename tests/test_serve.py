"""`convtrace serve`: the multi-worker listening socket lets asyncio turn Nagle off."""

from __future__ import annotations

import asyncio
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
