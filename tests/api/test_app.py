"""The app as a whole: OpenAPI contract, docs, static frontend, settings through the env."""

from __future__ import annotations

import json

from convtrace.api.app import create_app, create_app_from_env, settings_to_env
from convtrace.config import Settings
from fastapi.testclient import TestClient

PATHS = {
    "/healthz": "get",
    "/api/models": "get",
    "/api/models/{name}": "get",
    "/api/samples": "get",
    "/api/trace": "post",
    "/api/sgd": "post",
    "/api/gradcheck": "post",
}


def test_openapi_is_json_with_every_path_and_request_schema(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    spec = json.loads(response.text)
    for path, method in PATHS.items():
        assert method in spec["paths"][path], path
    schemas = spec["components"]["schemas"]
    trace_body = schemas["TraceRequest"]["properties"]
    assert {"image", "drawing", "label", "model", "weights", "encoding"} <= set(trace_body)
    assert "learning_rate" in schemas["SgdRequest"]["properties"]
    ndjson = spec["paths"]["/api/trace"]["post"]["responses"]["200"]["content"]
    assert "application/x-ndjson" in ndjson


def test_docs_page_is_served(client):
    assert client.get("/docs").status_code == 200


def test_frontend_is_mounted_after_the_api(tmp_path, registry):
    (tmp_path / "index.html").write_text("<!doctype html><title>ConvTrace</title>")
    settings = Settings(frontend_dir=tmp_path)
    with TestClient(create_app(settings, registry)) as client:
        assert "ConvTrace" in client.get("/").text
        assert client.get("/healthz").json() == {"status": "ok"}
        assert client.get("/api/models").status_code == 200


def test_missing_frontend_still_serves_the_api(tmp_path, registry):
    settings = Settings(frontend_dir=tmp_path / "absent")
    with TestClient(create_app(settings, registry)) as client:
        assert client.get("/healthz").status_code == 200


def test_settings_round_trip_through_the_environment(monkeypatch, tmp_path):
    settings = Settings(
        port=8123,
        workers=3,
        cors_origins=["https://a.example", "https://b"],
        default_model="lenet-sigmoid",
        frontend_dir=tmp_path,
        request_timeout_s=2.5,
    )
    env: dict[str, str] = {}
    settings_to_env(settings, env)
    assert Settings.from_env(env) == settings
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    app = create_app_from_env()
    assert app.state.settings == settings
    assert app.state.registry.default == "lenet-sigmoid"
