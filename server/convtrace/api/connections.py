"""uvicorn's HTTP/1.1 protocol with one more timeout: a request's headers must arrive in time.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but nothing else: a client
that connects and sends nothing, or sends its headers a byte at a time (slowloris), keeps its
connection, and with it a file descriptor, for ever. Here every connection waiting for the
headers of a request (a new one, or a kept-alive one that has started its next request) is
closed once ``header_timeout_s`` has passed. The body's own time limit is the admission
middleware's (408); header size is bounded by h11 (``h11_max_incomplete_event_size``).
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class HeaderTimeoutH11Protocol(H11Protocol):
    def __init__(self, *args: Any, header_timeout_s: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout_s = header_timeout_s
        self.header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:
            self._arm()  # (a no-op while the deadline of these headers is already set)
        else:
            self._disarm()  # the headers are in

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.header_timer is None:
            self.header_timer = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _too_slow(self) -> None:
        self.header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()
