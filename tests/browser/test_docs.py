"""The API reference works offline: everything it loads comes from this server, under the same
strict Content-Security-Policy as the app (no inline script or style)."""

from __future__ import annotations

import re

import httpx
import pytest

pytestmark = pytest.mark.browser


def test_api_reference_renders_from_this_server_alone(page, app_url):
    loaded = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    page.goto(f"{app_url}/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path", timeout=15_000)
    assert any("/openapi.json" in url for url in loaded)
    assert "/api/trace" in page.content()
    # the page fixture fails the test on any request that left the server or any console
    # error, which is how a CSP violation shows


def test_api_reference_html_names_only_same_origin_urls(app_url):
    response = httpx.get(f"{app_url}/docs")
    urls = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    assert "<script>" not in response.text  # no inline script
    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "http" not in policy
    for url in urls:
        assert httpx.get(f"{app_url}{url}").status_code == 200, url
