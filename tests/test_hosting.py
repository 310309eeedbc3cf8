"""Hosting: real servers (sub-path, nginx, worker supervision), the image and the manifests."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest
from convtrace.config import Settings

from tests.localserver import free_port, isolated_env, running_server, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "/course/convtrace"


@pytest.fixture
def serve():
    """Start `convtrace serve` with flags on a free port; yields (base url, process)."""
    pytest.importorskip("convtrace.api.app")
    with contextlib.ExitStack() as servers:

        def start(*flags: str) -> tuple[str, subprocess.Popen]:
            server = servers.enter_context(
                running_server(
                    flags,
                    env=isolated_env(),
                    cwd=ROOT,
                    capture_stdout=True,
                    capture_stderr=True,
                    stop_timeout_s=15,
                )
            )
            return server.url, server.process

        yield start


# ---- sub-path behind a reverse proxy -----------------------------------------------------------
def test_root_path_server_answers_stripped_paths_and_openapi_names_the_prefix(serve):
    base, _ = serve("--root-path", PREFIX)
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    page = httpx.get(f"{base}/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    spec = httpx.get(f"{base}/openapi.json").json()
    assert spec["servers"] == [{"url": PREFIX}]
    assert "/api/trace" in spec["paths"] and not any(p.startswith(PREFIX) for p in spec["paths"])
    assert f"{PREFIX}/openapi.json" in httpx.get(f"{base}/docs").text


def test_page_uses_only_relative_urls_so_it_works_under_a_sub_path():
    page = ROOT / "frontend" / "index.html"
    if not page.exists():
        pytest.skip("no frontend/index.html yet")
    assert not re.findall(r"""(?:src|href|action)\s*=\s*["']/(?!/)""", page.read_text())
    for script in (ROOT / "frontend" / "js").rglob("*.js"):
        assert not re.findall(r"""fetch\(\s*["'`]/""", script.read_text()), script


def render_nginx_conf(tmp: Path, listen: int, upstream: int) -> Path:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_buffering off;" in conf  # else nginx holds NDJSON lines back
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{listen};"),
        ("server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream};"),
        ("pid /run/nginx-convtrace.pid;", f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;"),
    ):
        assert old in conf, old
        conf = conf.replace(old, new)
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp}/{kind};\n" for kind in ("client_body", "proxy")
    )
    conf = conf.replace("http {\n", "http {\n" + temp_paths)
    path = tmp / "nginx.conf"
    path.write_text(conf)
    return path


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_nginx_config_serves_the_app_and_streams_under_the_sub_path(serve, tmp_path):
    base, _ = serve("--root-path", PREFIX, "--trusted-proxies", "127.0.0.1")
    listen = free_port()
    conf = render_nginx_conf(tmp_path, listen, int(base.rsplit(":", 1)[1]))
    nginx = subprocess.Popen(
        [
            shutil.which("nginx"),
            "-p",
            str(tmp_path),
            "-c",
            str(conf),
            "-e",
            str(tmp_path / "error.log"),
            "-g",
            "daemon off; master_process off;",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        front = f"http://127.0.0.1:{listen}{PREFIX}"
        wait_healthy(f"{front}/healthz", nginx)
        page = httpx.get(f"{front}/")
        assert page.status_code == 200 and "<html" in page.text.lower()
        assert httpx.get(f"http://127.0.0.1:{listen}{PREFIX}").status_code == 301
        sample = httpx.get(f"{front}/api/samples", params={"count": 1}).json()["samples"][0]
        body = {"image": sample["image"], "label": sample["label"]}
        with httpx.stream("POST", f"{front}/api/trace", json=body, timeout=10) as r:
            assert r.headers["content-type"].startswith("application/x-ndjson")
            lines = [json.loads(line) for line in r.iter_lines() if line]
        assert lines[-1]["phase"] == "result" and len(lines) > 10
    finally:
        nginx.terminate()
        nginx.wait(10)


# ---- Docker image's healthcheck and worker supervision ----------------------------------------
def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1]) for ln in lines]


def healthcheck_command() -> list[str]:
    [args] = [a for op, a in dockerfile_instructions() if op == "HEALTHCHECK"]
    return json.loads(args[args.index("CMD") + 3 :].strip())


def test_dockerfile_healthcheck_command_passes_on_a_live_server_and_fails_without(serve):
    base, _ = serve()
    command = healthcheck_command()
    assert command[0] == "python" and "curl" not in command and "wget" not in command
    env = {**os.environ, "CONVTRACE_PORT": base.rsplit(":", 1)[1]}
    run = [sys.executable, *command[1:]]
    assert subprocess.run(run, env=env, timeout=10).returncode == 0
    env["CONVTRACE_PORT"] = str(free_port())
    assert subprocess.run(run, env=env, timeout=10, capture_output=True).returncode != 0


def worker_pids(parent: int) -> set[int]:
    """The parent's uvicorn workers: spawned children running multiprocessing's spawn_main."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == parent and b"spawn_main" in cmdline:
            pids.add(int(stat.parent.name))
    return pids


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_supervisor_replaces_a_killed_worker_while_the_other_keeps_answering(serve):
    base, proc = serve("--workers", "2")
    deadline = time.monotonic() + 20
    while len(before := worker_pids(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(before) == 2
    victim = min(before)
    os.kill(victim, signal.SIGKILL)
    statuses = []
    while (len(now := worker_pids(proc.pid)) < 2 or victim in now) and time.monotonic() < deadline:
        statuses.append(httpx.get(f"{base}/api/models", timeout=5).status_code)
        time.sleep(0.05)
    assert victim not in now and len(now) == 2, "the dead worker was not replaced"
    assert statuses and set(statuses) == {200}
    time.sleep(1)  # the replacement starts up, then both serve
    assert {httpx.get(f"{base}/api/models").status_code for _ in range(20)} == {200}


# ---- image contents ----------------------------------------------------------------------------
def test_dockerfile_is_slim_non_root_healthchecked_on_one_port():
    ops = dockerfile_instructions()
    final = ops[max(i for i, (op, _) in enumerate(ops) if op == "FROM") :]
    assert final[0][1].startswith("python:3.11-slim")
    users = [a for op, a in final if op == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert [a for op, a in final if op == "EXPOSE"] == ["8000"]
    assert any(op == "HEALTHCHECK" and "/healthz" in a for op, a in final)
    assert json.loads(next(a for op, a in final if op == "CMD")) == ["convtrace", "serve"]
    env = " ".join(a for op, a in final if op == "ENV")
    assert "CONVTRACE_HOST=0.0.0.0" in env and "CONVTRACE_WORKERS=" in env
    runs = " ".join(a for op, a in ops if op == "RUN")
    assert "pip" in runs and not re.search(r"\[test\]|pytest|playwright|ruff", runs)
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".venv", ".git", "tests", "**/__pycache__"} <= set(ignored)


def test_wheel_carries_models_and_frontend_and_no_test_dependencies(tmp_path):
    src = tmp_path / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("server", "frontend"):
        shutil.copytree(ROOT / name, src / name, ignore=skip, symlinks=True)
    for name in ("pyproject.toml", "README.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, src / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            ".",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
        ],
        cwd=src,
        check=True,
        timeout=120,
    )
    [wheel] = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    models = ROOT / "server/convtrace/models"
    assert {f"convtrace/models/{p.name}" for p in models.glob("*.npz")} <= names
    assert "convtrace/frontend/index.html" in names
    assert not any(
        n.endswith((".py", ".pyc")) for n in names if n.startswith("convtrace/frontend/")
    )
    assert not any(n.startswith(("server/", "frontend/", "tests/")) for n in names)
    shipped = {
        "convtrace/" + str(p.relative_to(ROOT))
        for p in (ROOT / "frontend").rglob("*")
        if p.suffix in (".html", ".js", ".css", ".svg", ".ico")
    }
    assert shipped <= names, f"missing from the wheel: {sorted(shipped - names)}"
    [metadata] = [n for n in names if n.endswith(".dist-info/METADATA")]
    requires = [
        ln
        for ln in zipfile.ZipFile(wheel).read(metadata).decode().splitlines()
        if ln.startswith("Requires-Dist:") and "extra ==" not in ln
    ]
    assert not [r for r in requires if re.search(r"pytest|playwright|ruff|yaml", r, re.I)]


# ---- Kubernetes manifests ----------------------------------------------------------------------
def manifests(name: str = "convtrace") -> dict[str, dict]:
    """The manifests of one component (the app, or convtrace-redis), keyed by kind."""
    yaml = pytest.importorskip("yaml")
    docs = [
        d
        for f in sorted((ROOT / "deploy/k8s").glob("*.yaml"))
        for d in yaml.safe_load_all(f.read_text())
        if d
    ]
    return {d["kind"]: d for d in docs if d["metadata"]["name"] == name}


def test_k8s_app_reaches_the_shipped_redis_for_class_sessions():
    """Two replicas of two workers: class sessions must go through Redis, at its Service."""
    [container] = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"]
    env = {e["name"]: e["value"] for e in container["env"]}
    redis = manifests("convtrace-redis")
    port = redis["Service"]["spec"]["ports"][0]["port"]
    assert env["CONVTRACE_REDIS_URL"].startswith(f"redis://convtrace-redis:{port}/")
    assert redis["StatefulSet"]["spec"]["template"]["spec"]["containers"][0]["image"]


def test_k8s_deployment_probes_resources_and_env_are_consistent():
    kinds = manifests()
    deploy = kinds["Deployment"]
    assert deploy["spec"]["replicas"] == 2
    pod = deploy["spec"]["template"]
    [container] = pod["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    for probe in ("readinessProbe", "livenessProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == "/healthz" and get["port"] in (*ports, *ports.values())
    assert set(container["resources"]) == {"requests", "limits"}
    assert {"cpu", "memory"} <= set(container["resources"]["limits"])
    env = {e["name"]: e["value"] for e in container["env"]}
    known = {f"CONVTRACE_{name.upper()}" for name in Settings.__dataclass_fields__}
    assert set(env) <= known, f"unknown settings: {set(env) - known}"
    assert env["CONVTRACE_HOST"] == "0.0.0.0" and int(env["CONVTRACE_PORT"]) in ports.values()
    assert Settings.from_env(env).workers >= 1  # every value parses
    assert pod["spec"]["securityContext"]["runAsNonRoot"] is True


def test_k8s_service_and_autoscaler_point_at_the_deployment():
    kinds = manifests()
    deploy, service, hpa = kinds["Deployment"], kinds["Service"], kinds["HorizontalPodAutoscaler"]
    labels = deploy["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert deploy["spec"]["selector"]["matchLabels"].items() <= labels.items()
    [container] = deploy["spec"]["template"]["spec"]["containers"]
    assert {p["targetPort"] for p in service["spec"]["ports"]} <= {
        v for p in container["ports"] for v in (p["name"], p["containerPort"])
    }
    assert hpa["spec"]["scaleTargetRef"]["name"] == deploy["metadata"]["name"]
    assert hpa["spec"]["minReplicas"] >= 2
    assert [m["resource"]["name"] for m in hpa["spec"]["metrics"]] == ["cpu"]


# ---- the hosting guide documents every knob ----------------------------------------------------
def test_hosting_guide_lists_every_setting_and_serve_flag():
    guide = (ROOT / "docs" / "hosting.md").read_text()
    for name in Settings.__dataclass_fields__:
        assert f"CONVTRACE_{name.upper()}" in guide, name
    main = (ROOT / "server" / "convtrace" / "cli.py").read_text()
    for flag in re.findall(r'serve\.add_argument\("(--[a-z-]+)"', main):
        assert f"`{flag}" in guide, flag


# ---- training lab workers (issue 19) -----------------------------------------------------------
def test_compose_runs_training_workers_on_the_apps_redis():
    yaml = pytest.importorskip("yaml")
    services = yaml.safe_load((ROOT / "deploy/compose.yaml").read_text())["services"]
    worker, app = services["worker"], services["app1"]
    assert worker["command"][-1] == "worker" and worker["image"] == app["image"]
    redis_url = worker["environment"]["CONVTRACE_REDIS_URL"]
    assert redis_url == app["environment"]["CONVTRACE_REDIS_URL"]
    assert "redis" in worker["depends_on"]


def test_k8s_training_workers_share_the_apps_redis_and_scale():
    worker = manifests("convtrace-worker")["Deployment"]
    [container] = worker["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["convtrace", "worker"]
    env = {e["name"]: e["value"] for e in container["env"]}
    [app] = manifests()["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert (
        env["CONVTRACE_REDIS_URL"]
        == {e["name"]: e["value"] for e in app["env"]}["CONVTRACE_REDIS_URL"]
    )
    assert {"cpu", "memory"} <= set(container["resources"]["limits"])
    assert worker["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
    labels = worker["spec"]["template"]["metadata"]["labels"]
    assert worker["spec"]["selector"]["matchLabels"].items() <= labels.items()
    # the queue the scaling note watches is the one the workers take jobs from
    from convtrace.training.redisjobs import RQ_QUEUE_KEY

    assert f"listName: {RQ_QUEUE_KEY}" in (ROOT / "deploy/k8s/worker.yaml").read_text()
