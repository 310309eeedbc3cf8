"""`convtrace serve | train | bench`: the command line. Heavy imports happen inside each command."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Settings


def _listening_socket(host: str, port: int) -> socket.socket:
    """The workers' shared listening socket, created with its protocol number.

    uvicorn's own bind_socket() leaves proto 0, so asyncio never sets TCP_NODELAY on accepted
    connections and every keep-alive response waits ~40 ms for Nagle (measured: /healthz
    44 ms with --workers 2). With IPPROTO_TCP asyncio disables Nagle as for a single worker.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sys.exit(f"convtrace serve: cannot listen on {host}:{port}: {err}")
    sock.set_inheritable(True)
    return sock


def _raise_fd_limit() -> str:
    """Open-file limit soft -> hard: every connection is a descriptor, and at the soft limit
    (often 1024) the server stops accepting. Returns what was done, for the log."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == hard:
        return f"open files limit {soft}"
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError) as err:
        return f"open files limit {soft} (raising it to {hard} failed: {err})"
    return f"open files limit raised from {soft} to {hard}"


def _settings(args: argparse.Namespace) -> Settings:
    """The environment's settings with every flag that was given on top."""
    from .config import LIST_SETTINGS, Settings, parse_list

    flags = {k: v for k, v in vars(args).items() if k in Settings.__dataclass_fields__}
    for name in LIST_SETTINGS & flags.keys():
        flags[name] = parse_list(flags[name]) if flags[name] else None
    return Settings.from_env(**flags)


def _serve(args: argparse.Namespace) -> int:
    import functools

    import uvicorn

    from .allocator import tune_for_serving
    from .api.app import settings_to_env
    from .api.connections import HeaderTimeoutH11Protocol

    settings = _settings(args)
    settings_to_env(settings)  # workers are fresh processes: they rebuild settings from the env
    tune_for_serving()  # (convtrace/allocator.py says why)
    config = uvicorn.Config(
        "convtrace.api.app:create_app_from_env",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        root_path=settings.root_path,
        log_level=settings.log_level,
        timeout_graceful_shutdown=settings.shutdown_timeout_s,
        timeout_keep_alive=settings.keepalive_timeout_s,  # type: ignore[arg-type]
        # (a protocol factory works as a protocol class: uvicorn only calls it)
        http=functools.partial(  # type: ignore[arg-type]
            HeaderTimeoutH11Protocol, header_timeout_s=settings.header_timeout_s
        ),
        # forwarded headers and access logs are the app's middleware's job (trusted_proxies,
        # logger "convtrace.access"): uvicorn's own would trust 127.0.0.1 and log twice
        proxy_headers=False,
        access_log=False,
    )
    logging.getLogger("uvicorn.error").info(_raise_fd_limit())  # uvicorn's log is set up now
    if config.workers > 1:
        from uvicorn.supervisors import Multiprocess

        sock = _listening_socket(settings.host, settings.port)
        Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run()
    return 0


def _train(args: argparse.Namespace) -> int:
    from .nn.train import main as train_main

    return train_main(args.rest)


def _bench(args: argparse.Namespace) -> int:
    from .nn.bench import main as bench_main

    return bench_main(args.rest)


def _worker(args: argparse.Namespace) -> int:
    from .training.rqworker import main as worker_main

    return worker_main(args.rest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convtrace", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the app and the API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int)
    serve.add_argument("--root-path", help="sub-path behind a reverse proxy, e.g. /course/ct")
    serve.add_argument("--max-body-bytes", type=int)
    serve.add_argument("--cors-origins", help="comma-separated allowed origins (none by default)")
    serve.add_argument("--log-level")
    serve.add_argument("--max-concurrency", type=int, help="cheap requests in flight per worker")
    serve.add_argument("--request-timeout-s", type=float)
    serve.add_argument("--heavy-workers", type=int, help="threads for expensive requests")
    serve.add_argument("--heavy-queue", type=int, help="expensive requests that may wait")
    serve.add_argument("--rate-limit-per-minute", type=int, help="per client address; 0 = off")
    serve.add_argument("--trusted-proxies", help="comma-separated proxy addresses to believe")
    serve.add_argument("--shutdown-timeout-s", type=int, help="grace for in-flight requests")
    serve.add_argument("--header-timeout-s", type=float, help="time to send request headers")
    serve.add_argument("--body-timeout-s", type=float, help="time to send a request body")
    serve.add_argument("--keepalive-timeout-s", type=float, help="idle keep-alive connections")
    serve.add_argument("--frame-ancestors", help="comma-separated origins that may embed the page")
    serve.set_defaults(func=_serve)
    for name, func, text in (
        ("train", _train, "train a model on MNIST IDX files"),
        ("bench", _bench, "time a full trace and training throughput"),
        ("worker", _worker, "run training jobs from the Redis queue (training lab)"),
    ):
        p = sub.add_parser(name, help=text, add_help=False)
        p.add_argument("rest", nargs=argparse.REMAINDER)
        p.set_defaults(func=func)
    argv = sys.argv[1:] if argv is None else argv
    commands = {"train": _train, "bench": _bench, "worker": _worker}
    if argv and argv[0] in commands:  # their own parsers take every flag after the name
        return commands[argv[0]](argparse.Namespace(rest=argv[1:]))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
