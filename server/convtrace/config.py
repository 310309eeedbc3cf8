"""Settings: the only home of configuration. Each field reads CONVTRACE_<NAME> from the
environment; `convtrace serve` flags override the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from importlib.resources import files
from pathlib import Path

# Package data of `convtrace`: a real directory in a checkout (frontend/ is linked in) and in an
# installed wheel alike, so the path can be handed to StaticFiles and np.load as it is.
PACKAGE_DIR = Path(str(files("convtrace")))
MODELS_DIR = PACKAGE_DIR / "models"


def _frontend_dir() -> Path:
    """The static app (index.html, css/, js/), shipped as package data."""
    return PACKAGE_DIR / "frontend"


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    root_path: str = ""  # serve under a sub-path behind a reverse proxy, e.g. /course/convtrace
    max_body_bytes: int = 8 * 1024 * 1024  # a 1024x1024 drawing as JSON numbers fits well below
    cors_origins: list[str] = field(default_factory=list)  # none by default
    log_level: str = "info"
    default_model: str = "lenet-relu"
    models_dir: Path = MODELS_DIR
    frontend_dir: Path = field(default_factory=_frontend_dir)
    max_concurrency: int = 64  # requests computed at once per worker; beyond: fast 503
    request_timeout_s: float = 10.0
    rate_limit_per_minute: int = 0  # per client address; 0 = off (a class shares one NAT address)
    # reverse proxies whose X-Forwarded-For/-Proto are believed ("*" = any); none by default
    trusted_proxies: list[str] = field(default_factory=list)
    shutdown_timeout_s: int = 10  # on SIGTERM: finish in-flight requests for up to this long
    # class sessions: Redis shared by every worker/replica ("" = in memory, one worker only)
    redis_url: str = ""
    class_max_sessions: int = 100  # live classes per server (per Redis with several workers)
    class_max_students: int = 1000  # per class
    class_idle_ttl_s: float = 4 * 3600.0  # a class without activity for this long is gone
    class_heartbeat_s: float = 15.0  # SSE comment interval; keeps proxies from closing streams

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> Settings:
        env = os.environ if env is None else env
        values: dict = {}
        for f in fields(cls):
            raw = env.get(f"CONVTRACE_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _parse(f.name, raw, cls.__dataclass_fields__[f.name].default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _parse(name: str, raw: str, default):
    kind = {
        "port": int,
        "workers": int,
        "max_body_bytes": int,
        "max_concurrency": int,
        "rate_limit_per_minute": int,
        "request_timeout_s": float,
        "shutdown_timeout_s": int,
        "class_max_sessions": int,
        "class_max_students": int,
        "class_idle_ttl_s": float,
        "class_heartbeat_s": float,
        "models_dir": Path,
        "frontend_dir": Path,
    }.get(name)
    if name in ("cors_origins", "trusted_proxies"):
        return [o.strip() for o in raw.split(",") if o.strip()]
    try:
        return kind(raw) if kind else raw
    except ValueError as err:
        raise ValueError(f"CONVTRACE_{name.upper()}={raw!r}: {err}") from err
