"""Layers point down: the domain (nn, classes, training, the network store, digits, registry,
encoding, request arrays) imports nothing from the web layer (convtrace.api, fastapi, starlette).
Read from the source with ast, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
from pathlib import Path

import convtrace
import pytest

PACKAGE = Path(convtrace.__file__).parent
WEB = ("convtrace.api", "fastapi", "starlette", "sse_starlette")
DOMAIN = [
    *sorted((PACKAGE / "nn").rglob("*.py")),
    *sorted((PACKAGE / "classes").rglob("*.py")),
    *sorted((PACKAGE / "training").rglob("*.py")),
    *(
        PACKAGE / name
        for name in (
            "networks.py",
            "networks_redis.py",
            "digits.py",
            "registry.py",
            "encoding.py",
            "arrays.py",
        )
    ),
]


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def web_imports(path: Path) -> list[str]:
    return sorted(n for n in imported(path) if n == "convtrace.api" or n.startswith(WEB))


@pytest.mark.parametrize("path", DOMAIN, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_module_does_not_import_the_web_layer(path):
    assert web_imports(path) == []


def test_the_walk_sees_a_web_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from convtrace.api.encode import dumps\n    import fastapi\n")
    assert web_imports(module) == ["convtrace.api.encode", "fastapi"]


def test_the_domain_list_is_not_empty():
    assert len(DOMAIN) > 20 and all(p.exists() for p in DOMAIN)
