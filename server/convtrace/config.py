"""Settings: the only home of configuration. Each field reads CONVTRACE_<NAME> from the
environment; `convtrace serve` flags override the environment."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from importlib.resources import files
from pathlib import Path

# Package data of `convtrace`: a real directory in a checkout (frontend/ is linked in) and in an
# installed wheel alike, so the path can be handed to StaticFiles and np.load as it is.
PACKAGE_DIR = Path(str(files("convtrace")))
MODELS_DIR = PACKAGE_DIR / "models"
KIB = 1024


def _frontend_dir() -> Path:
    """The static app (index.html, css/, js/), shipped as package data."""
    return PACKAGE_DIR / "frontend"


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    root_path: str = ""  # serve under a sub-path behind a reverse proxy, e.g. /course/convtrace
    # The page sends ~80 KB (a ~140x140 drawing) plus ~70 KB of weights when it sends its own;
    # a 512x512 drawing of 0/1 pixels is ~520 KB. The largest network a student may build
    # (200 000 parameters, nn.spec.MAX_PARAMS) is 1.07 MB as base64 float32: 1.5 MiB holds it.
    max_body_bytes: int = 1536 * KIB
    cors_origins: list[str] = field(default_factory=list)  # none by default
    log_level: str = "info"
    default_model: str = "lenet-relu"
    models_dir: Path = MODELS_DIR
    frontend_dir: Path = field(default_factory=_frontend_dir)
    max_concurrency: int = 64  # cheap requests computed at once per worker; beyond: fast 503
    request_timeout_s: float = 10.0
    # Expensive requests (gradient check, SGD, bodies over heavy_body_bytes) run in a pool of
    # heavy_workers threads with at most heavy_queue waiting; beyond: fast 503.
    heavy_workers: int = 1
    heavy_queue: int = 4
    heavy_body_bytes: int = 256 * KIB
    rate_limit_per_minute: int = 0  # per client address; 0 = off (a class shares one NAT address)
    heavy_cost: int = 10  # tokens of the rate limit one expensive request spends (cheap: 1)
    # reverse proxies whose X-Forwarded-For/-Proto are believed ("*" = any); none by default
    trusted_proxies: list[str] = field(default_factory=list)
    shutdown_timeout_s: int = 10  # on SIGTERM: finish in-flight requests for up to this long
    # class sessions: Redis shared by every worker/replica ("" = in memory, one worker only)
    redis_url: str = ""
    class_max_sessions: int = 100  # live classes per server (per Redis with several workers)
    class_max_students: int = 1000  # per class
    class_idle_ttl_s: float = 4 * 3600.0  # a class without activity for this long is gone
    class_heartbeat_s: float = 15.0  # SSE comment interval; keeps proxies from closing streams
    # stored networks (POST /api/networks): in memory, or in the same Redis as class sessions
    network_idle_ttl_s: float = 24 * 3600.0  # a network unused for this long is forgotten
    network_max_bytes: int = 256 * KIB * KIB  # all stored networks together (least used go)
    header_timeout_s: float = 10.0  # a connection must send a request's headers within this
    body_timeout_s: float = 10.0  # ... and its body within this once the headers are in (408)
    keepalive_timeout_s: float = 5.0  # idle keep-alive connections are closed after this
    # origins allowed to embed the page in a frame (an LMS, slides); none by default
    frame_ancestors: list[str] = field(default_factory=list)
    # training lab: worker processes of the local pool (without redis_url; with it, jobs go to
    # the Redis queue and `convtrace worker` runs them), jobs that may wait, CPU s per job
    train_workers: int = 1
    train_queue_cap: int = 200
    train_cpu_budget_s: float = 60.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        source = os.environ if env is None else env
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = source.get(f"CONVTRACE_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _parse(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


LIST_SETTINGS = frozenset({"cors_origins", "trusted_proxies", "frame_ancestors"})


def _parse(name: str, raw: str) -> object:
    if name in LIST_SETTINGS:
        return parse_list(raw)
    default = Settings.__dataclass_fields__[name].default
    kind: Callable[[str], object] | None = {"models_dir": Path, "frontend_dir": Path}.get(name)
    if kind is None and isinstance(default, int | float):
        kind = type(default)
    try:
        return kind(raw) if kind else raw
    except ValueError as err:
        raise ValueError(f"CONVTRACE_{name.upper()}={raw!r}: {err}") from err


def parse_list(raw: str) -> list[str]:
    """A comma-separated setting: blanks around items and empty items dropped."""
    return [item.strip() for item in raw.split(",") if item.strip()]
