"""The web root serves the page's assets and nothing else, and never shadows the API."""

from __future__ import annotations

import asyncio

import pytest
from convtrace.api.app import create_app
from convtrace.config import Settings
from fastapi.testclient import TestClient

from tests.api.test_middleware import asgi_get

PAGE = b"<!doctype html><title>page</title>"


@pytest.fixture(scope="module")
def app(tmp_path_factory, registry):
    """The real app over a web root that also holds what must never be served."""
    root = tmp_path_factory.mktemp("webroot")
    (root / "index.html").write_bytes(PAGE)
    (root / "js").mkdir()
    (root / "js" / "main.js").write_text("export {};")
    (root / "__init__.py").write_text("SECRET = 1")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "x.pyc").write_bytes(b"\x00python 3.11")
    (root / ".env").write_text("SECRET=1")
    (root / "js" / ".hidden.js").write_text("SECRET")
    (root / "notes.txt").write_text("SECRET")
    (root / "server").mkdir()
    (root / "server" / "config.py").write_text("SECRET")
    return create_app(Settings(frontend_dir=root), registry)


def get(app, target: str) -> tuple[int, bytes]:
    return asyncio.run(asgi_get(app, target))


@pytest.mark.parametrize(
    "target",
    [
        "/__init__.py",
        "/__pycache__/x.pyc",
        "/__pycache__/",
        "/.env",
        "/js/.hidden.js",
        "/notes.txt",
        "/server/config.py",
        "/server/..",
        "/js/../__init__.py",
        "/./index.html",
    ],
)
def test_only_web_assets_are_served(app, target):
    status, body = get(app, target)
    assert status == 404 and b"SECRET" not in body


def test_the_page_and_its_assets_are_served(app):
    with TestClient(app) as client:
        assert client.get("/").content == PAGE and client.get("/index.html").content == PAGE
        script = client.get("/js/main.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
