"""Browser fixtures: the real app in a uvicorn subprocess and a Chromium page that records
console errors and every request (all must stay on localhost)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.api.decode import decode
from tests.localserver import running_server

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = Path(os.environ.get("CONVTRACE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_S = 30


def _python() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@pytest.fixture(scope="session")
def app_url():
    with running_server(
        factory="convtrace.api.app:create_app_from_env",
        python=_python(),
        cwd=REPO,
        capture_stderr=True,
        timeout_s=STARTUP_S,
    ) as server:
        yield server.url


# package scope: Playwright's sync API marks an event loop as running while it lives, so it
# must end with the browser tests, before any later test calls asyncio.run()
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium, or make chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """Console errors and off-host requests seen by a page."""

    def __init__(self, page, allowed_host: str):
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.expected_errors = 0
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", self._request)
        self.host = allowed_host

    def _request(self, request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob"):
            return
        if parsed.hostname not in (self.host, "localhost", "127.0.0.1"):
            self.foreign.append(request.url)


def _page(browser, app_url, **context_args):
    context = browser.new_context(**context_args)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch = PageWatch(page, urlparse(app_url).hostname)
    return context, page, watch


@pytest.fixture
def page(browser, app_url):
    context, pg, watch = _page(browser, app_url, viewport={"width": 1280, "height": 800})
    pg.watch = watch
    yield pg
    context.close()
    assert not watch.foreign, f"requests left localhost: {watch.foreign}"
    unexpected = watch.errors[watch.expected_errors :] if watch.expected_errors else watch.errors
    assert not unexpected, f"console errors: {watch.errors}"


@pytest.fixture
def tablet(browser, app_url):
    context, pg, watch = _page(
        browser, app_url, viewport={"width": 1024, "height": 768}, has_touch=True, is_mobile=False
    )
    yield pg
    context.close()
    assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def trained() -> bool:
    """True when the shipped weights are trained: their metadata records a test accuracy."""
    meta = json.loads((REPO / "server" / "convtrace" / "models" / "lenet-relu.json").read_text())[
        "metadata"
    ]
    return meta.get("test_accuracy") is not None


def api_trace(page, body: dict) -> tuple[list[dict], dict]:
    """POST api/trace from the test itself; (records with decoded "array", result)."""
    response = page.request.post(
        f"{page.url.split('#')[0]}api/trace",
        data=json.dumps({**body, "encoding": "b64"}),
        headers={"Content-Type": "application/json"},
    )
    assert response.ok, response.text()
    lines = [json.loads(x) for x in response.text().splitlines() if x.strip()]
    records = [{**x, "array": decode(x)} for x in lines[:-1]]
    return records, lines[-1]
