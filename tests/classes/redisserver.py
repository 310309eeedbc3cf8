"""A throwaway redis-server on a free loopback port (tests and bench.classroom). Standard
library only. No persistence: it holds only what one run puts in it."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass

from tests.localserver import HOST, free_port


class RedisStartError(RuntimeError):
    """redis-server is missing or did not answer."""


@dataclass
class RedisServer:
    process: subprocess.Popen
    port: int

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def command(self, *args: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-h", HOST, "-p", str(self.port), *args], capture_output=True
        )
        return done.stdout.decode().strip()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start_redis(port: int | None = None, timeout_s: float = 10) -> RedisServer:
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        raise RedisStartError(
            "redis-server is not installed: run `make system-deps` (Debian package redis-server)"
        )
    port = port or free_port()
    command = ["redis-server", "--port", str(port), "--bind", HOST]
    process = subprocess.Popen(
        [*command, "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL
    )
    server = RedisServer(process, port)
    deadline = time.monotonic() + timeout_s
    while server.command("ping") != "PONG":
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RedisStartError(f"redis-server did not answer on port {port}")
        time.sleep(0.05)
    return server


@contextlib.contextmanager
def running_redis() -> Iterator[RedisServer]:
    server = start_redis()
    try:
        yield server
    finally:
        server.stop()
