"""The real server in a subprocess on a free loopback port: what tests and benchmarks run.

    with running_server(["--workers", "2"], env=isolated_env()) as server:
        urllib.request.urlopen(f"{server.url}/healthz")

One place for picking a port, spawning `python -m convtrace serve` (or a uvicorn factory), waiting
until /healthz answers 200 and stopping the process (terminate, then kill). Standard library
only, so a benchmark script or a test can use it without pulling anything in.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
POLL_S = 0.02
TAIL_CHARS = 4000
# Loopback never goes through a proxy, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class ServerStartError(RuntimeError):
    """The server exited, or did not answer its health check in time."""


def free_port(host: str = HOST) -> int:
    """A port that was free on ``host`` a moment ago (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def isolated_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment without CONVTRACE_* settings, plus ``extra``: the server runs
    with its defaults and the caller's flags, not with whatever the calling shell exported."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVTRACE_")}
    return {**env, **(extra or {})}


def _tail(path: Path | None, process: subprocess.Popen) -> str:
    """The end of the captured output: from the log file, else from a pipe of an exited process."""
    if path is not None and path.exists():
        return path.read_text(errors="replace")[-TAIL_CHARS:]
    if process.poll() is None:
        return ""  # reading a live process's pipe would block
    text = ""
    for pipe in (process.stdout, process.stderr):
        if pipe is not None and not pipe.closed:
            data = pipe.read()
            text += data.decode(errors="replace") if isinstance(data, bytes) else data
    return text[-TAIL_CHARS:]


def _answers(url: str) -> bool:
    try:
        with _OPENER.open(url, timeout=1) as response:
            return response.status == 200
    except (OSError, http.client.HTTPException):  # refused, reset, timed out, 5xx, half-up
        return False


def wait_healthy(
    url: str, process: subprocess.Popen, timeout_s: float = 30, log_path: Path | None = None
) -> None:
    """Return once GET ``url`` answers 200; raise ServerStartError (with the end of the
    captured output) if ``process`` exits first or ``timeout_s`` passes."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = _tail(log_path, process)
            command = " ".join(map(str, process.args))
            raise ServerStartError(
                f"`{command}` exited with code {process.returncode} before "
                f"{url} answered" + (f":\n{output}" if output else "")
            )
        if _answers(url):
            return
        time.sleep(POLL_S)
    output = _tail(log_path, process)
    raise ServerStartError(
        f"{url} did not answer 200 within {timeout_s:g} s"
        + (f"; output so far:\n{output}" if output else "")
    )


def stop_process(process: subprocess.Popen, timeout_s: float = 10) -> None:
    """SIGTERM (uvicorn shuts down gracefully, stopping its workers), then SIGKILL."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@dataclass
class LocalServer:
    """A started server process. ``log_path``: where its captured output goes, if any."""

    process: subprocess.Popen
    port: int
    host: str = HOST
    log_path: Path | None = None
    stop_timeout_s: float = 10
    owns_log: bool = False

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def wait_healthy(self, timeout_s: float = 30) -> None:
        wait_healthy(f"{self.url}/healthz", self.process, timeout_s, self.log_path)

    def stop(self) -> None:
        try:
            stop_process(self.process, self.stop_timeout_s)
        finally:
            if self.owns_log and self.log_path is not None:
                self.log_path.unlink(missing_ok=True)


def server_command(
    args: Sequence[str] = (),
    *,
    host: str,
    port: int,
    factory: str | None = None,
    workers: int | None = None,
    log_level: str | None = "warning",
    python: str = sys.executable,
) -> list[str]:
    """`python -m convtrace serve ...`, or with ``factory`` ("module:function") plain uvicorn."""
    head = (
        [python, "-m", "uvicorn", factory, "--factory"]
        if factory
        else [python, "-m", "convtrace", "serve"]
    )
    command = [*head, "--host", host, "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    if log_level is not None:
        command += ["--log-level", log_level]
    return [*command, *args]


def start_server(
    args: Sequence[str] = (),
    *,
    factory: str | None = None,
    env: Mapping[str, str] | None = None,
    host: str = HOST,
    port: int | None = None,
    workers: int | None = None,
    log_level: str | None = "warning",
    cwd: str | Path | None = None,
    python: str = sys.executable,
    capture_stdout: bool = False,
    capture_stderr: bool = False,
    log_path: Path | None = None,
    stop_timeout_s: float = 10,
) -> LocalServer:
    """Spawn the server without waiting for it. ``args``: extra flags (e.g. --root-path).
    ``env``: the whole environment (None: inherit). Captured streams go to ``log_path``, or to
    a temporary file removed by stop(); the rest to /dev/null."""
    port = port or free_port(host)
    command = server_command(
        args,
        host=host,
        port=port,
        factory=factory,
        workers=workers,
        log_level=log_level,
        python=python,
    )
    capturing = capture_stdout or capture_stderr
    owns_log = capturing and log_path is None
    if owns_log:
        fd, name = tempfile.mkstemp(prefix="convtrace-server-", suffix=".log")
        os.close(fd)
        log_path = Path(name)
    try:
        with contextlib.ExitStack() as stack:
            log = stack.enter_context(open(log_path, "ab")) if capturing and log_path else None
            process = subprocess.Popen(
                command,
                cwd=cwd,
                env=None if env is None else dict(env),
                stdout=log if capture_stdout else subprocess.DEVNULL,
                stderr=log if capture_stderr else subprocess.DEVNULL,
            )
    except BaseException:
        if owns_log:
            log_path.unlink(missing_ok=True)
        raise
    return LocalServer(
        process, port, host, log_path if capturing else None, stop_timeout_s, owns_log
    )


@contextlib.contextmanager
def running_server(
    args: Sequence[str] = (), *, timeout_s: float = 30, **options: Any
) -> Iterator[LocalServer]:
    """start_server(args, **options), wait until /healthz answers, yield it; stop it on exit
    (also when the start fails)."""
    server = start_server(args, **options)
    try:
        server.wait_healthy(timeout_s)
        yield server
    finally:
        server.stop()
