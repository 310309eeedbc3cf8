"""The server reads a class question's truth from the class trace and refuses one that
disagrees. Expected truths come from running the engine here, not from the server's decoder."""

from __future__ import annotations

import base64

import httpx
import numpy as np
import pytest
from convtrace.classes import questions
from convtrace.nn import trace as engine_trace
from convtrace.nn.trace import Record
from convtrace.registry import Registry

from tests.classes.conftest import start_class, state


def engine_records(registry: Registry, shown: dict[str, object]) -> list[Record]:
    """The class state's trace records, computed directly by the engine."""
    net = registry.get(str(shown["model"])).network(None)
    pixels = np.frombuffer(base64.b64decode(str(shown["image"])), np.uint8).reshape(28, 28)
    items = engine_trace.run(net, pixels.astype(np.float32) / np.float32(255), shown["label"])
    return [item for item in items if isinstance(item, Record)]


def first(records: list[Record], test: object) -> int:
    return next(i for i, r in enumerate(records) if test(r))  # type: ignore[operator]


def share(http: httpx.Client, auth: dict[str, str], code: str) -> dict[str, object]:
    shown = state(label=3)
    assert http.put(f"/api/classes/{code}/state", json=shown, headers=auth).status_code == 204
    return shown


def pose(http: httpx.Client, code: str, auth: dict[str, str], **fields: object) -> httpx.Response:
    body = {"step": 1, "prompt": "What will it be?", **fields}
    return http.post(f"/api/classes/{code}/questions", json=body, headers=auth)


def revealed_truth(http: httpx.Client, code: str, auth: dict[str, str], qid: str) -> object:
    http.post(f"/api/classes/{code}/questions/{qid}/reveal", headers=auth)
    return http.get(f"/api/classes/{code}").json()["question"]["reveal"]["truth"]


def expected(records: list[Record]) -> list[tuple[dict[str, object], object]]:
    """(question fields, truth) of each kind, from the engine's arrays."""
    dz = first(records, lambda r: r.equation == "xent.dz")
    out = records[dz].array
    pool = first(records, lambda r: r.phase == "backward" and r.kind == "maxpool")
    switches = next(
        r for r in records if r.layer == records[pool].layer and r.quantity == "switches"
    )
    sw = switches.array
    cells = sorted([int(v) for v in sw[i, j, 1]] for i in range(2, 4) for j in range(0, 2))
    k = records[pool].array.shape[0] // sw.shape[0]
    dx = first(records, lambda r: r.phase == "backward" and (r.of or "").startswith("input."))
    grad = np.abs(records[dx].array)
    at = np.unravel_index(int(np.argmax(grad)), grad.shape)
    sign = "+" if out[3] > 0 else "-" if out[3] < 0 else "0"
    return [
        ({"kind": "shape", "record": pool}, list(records[pool].array.shape)),
        ({"kind": "sign", "record": dz, "cell": [3]}, sign),
        ({"kind": "value", "record": dz, "cell": [3]}, float(out[3])),
        (
            {
                "kind": "cells",
                "record": pool,
                "patch": {"row0": 2 * k, "col0": 0, "window": k, "channel": 1},
            },
            cells,
        ),
        ({"kind": "saliency", "record": dx, "region": 7}, [int(at[0]) // 7, int(at[1]) // 7]),
    ]


def test_the_server_reads_every_kind_of_truth_from_the_class_trace(
    http: httpx.Client, registry: Registry
) -> None:
    code, auth = start_class(http)
    records = engine_records(registry, share(http, auth, code))
    cases = expected(records)
    traced = [kind.name for kind in questions.DECLARED if not kind.posted]
    assert sorted(fields["kind"] for fields, _ in cases) == sorted(traced)
    for fields, truth in cases:
        response = pose(http, code, auth, **fields)  # no truth sent: the server's is used
        assert response.status_code == 201, response.text
        got = revealed_truth(http, code, auth, response.json()["id"])
        if fields["kind"] == "value":
            assert got == pytest.approx(truth, rel=1e-7)
        else:
            assert got == truth, fields


def test_a_posted_truth_that_disagrees_is_refused(http: httpx.Client, registry: Registry) -> None:
    code, auth = start_class(http)
    records = engine_records(registry, share(http, auth, code))
    for fields, truth in expected(records):
        assert pose(http, code, auth, **fields, truth=truth).status_code == 201
    dz = first(records, lambda r: r.equation == "xent.dz")
    value = float(records[dz].array[3])
    wrong = pose(http, code, auth, kind="value", record=dz, cell=[3], truth=value + 0.01)
    assert wrong.status_code == 422
    item = wrong.json()["detail"][0]
    assert item["code"] == "class.truth_mismatch" and item["loc"] == ["body", "truth"]
    # a digit question (the lab's attack) has no truth in the trace: naming a record is refused
    response = pose(http, code, auth, kind="digit", record=dz, truth=3)
    assert response.status_code == 422 and "class.question_place" in response.text
    wrong_sign = "-" if value > 0 else "+"
    response = pose(http, code, auth, kind="sign", record=dz, cell=[3], truth=wrong_sign)
    assert response.status_code == 422 and "class.truth_mismatch" in response.text


def test_a_place_outside_the_trace_is_a_422_naming_it(
    http: httpx.Client, registry: Registry
) -> None:
    code, auth = start_class(http)
    records = engine_records(registry, share(http, auth, code))
    beyond = pose(http, code, auth, kind="shape", record=len(records))
    assert (
        beyond.status_code == 422 and beyond.json()["detail"][0]["code"] == "class.question_place"
    )
    dz = first(records, lambda r: r.equation == "xent.dz")
    outside = pose(http, code, auth, kind="sign", record=dz, cell=[10])
    assert outside.status_code == 422 and "not in a tensor" in outside.text
    no_cell = pose(http, code, auth, kind="value", record=dz)
    assert no_cell.status_code == 422 and "cell" in no_cell.text
    assert pose(http, code, auth, kind="sign").status_code == 422  # no record, no truth


def test_without_a_shared_digit_a_trace_question_waits(http: httpx.Client) -> None:
    code, auth = start_class(http)
    assert pose(http, code, auth, kind="shape", record=3).status_code == 409
