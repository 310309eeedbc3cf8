"""The OpenAPI contract, fuzzed: schemathesis generates requests from the schema (valid ones and
invalid ones) against the real server and checks every answer: no 5xx, documented status codes
and content types, response bodies matching their schema, invalid data refused, 405 with a
correct Allow for unsupported methods. Bounded and seeded here; `make fuzz` runs many more.

Two rules cannot be said in JSON Schema, so a schema-valid request may still be refused (422):
a drawing needs some ink, and weights must fit the named model's architecture. The check "every
schema-valid request is accepted" is therefore replaced by: for every POST, some generated
request is accepted (none was before the schema stated the one-of rule).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.localserver import isolated_env, running_server

pytest.importorskip("schemathesis")
EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "15")  # per operation and phase
POSTS = ("/api/trace", "/api/sgd", "/api/gradcheck")


def fuzz(
    url: str, examples: str, cwd: Path, seed: str = "20261130"
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "schemathesis.cli", "run", f"{url}/openapi.json"]
    command += ["--max-examples", examples, "--seed", seed, "--request-timeout", "20"]
    command += ["--phases", "examples,coverage,fuzzing", "--generation-deterministic"]
    command += ["--exclude-checks", "positive_data_acceptance", "--no-color"]
    # (cwd: schemathesis keeps a cache directory where it runs)
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.mark.slow
def test_fuzzed_requests_keep_the_contract_and_valid_ones_are_accepted(tmp_path):
    with running_server([], env=isolated_env(), log_level="info", capture_stdout=True) as server:
        run = fuzz(server.url, EXAMPLES, tmp_path)
        log = server.log_path.read_text() if server.log_path else ""
    assert run.returncode == 0, run.stdout[-6000:]
    answers = Counter(
        (line["path"], line["status"])
        for line in map(json.loads, (ln for ln in log.splitlines() if ln.startswith("{")))
        if line.get("method") == "POST"
    )
    for path in POSTS:
        assert answers[(path, 200)] > 0, f"no generated request to {path} was accepted"
    assert not [key for key in answers if key[1] >= 500]
