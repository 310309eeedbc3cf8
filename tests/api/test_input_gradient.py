"""POST /api/input-gradient: each mode's frames agree with POST /api/trace of the same image;
bad values are a 422 naming the field; the work is on the heavy lane under a deadline."""

from __future__ import annotations

import numpy as np
import pytest
from convtrace.api.admission import HEAVY_PATHS
from convtrace.api.app import create_app
from convtrace.config import Settings
from fastapi.testclient import TestClient

from tests.api.decode import decode, parse_lines

URL = "/api/input-gradient"
MODES = [
    {"mode": "fgsm", "epsilon": 0.2},
    {"mode": "targeted", "target": 8},
    {"mode": "visualise", "target": 2, "steps": 60},
    {"mode": "occlusion", "patch": {"size": 7, "stride": 7}},
]


def _post(client, image_list, **fields):
    return client.post(URL, json={"image": image_list, **fields})


def _trace_result(client, image: np.ndarray) -> dict:
    answer = client.post("/api/trace", json={"image": image.tolist()})
    assert answer.status_code == 200
    return parse_lines(answer.content)[-1]


@pytest.mark.parametrize("fields", MODES, ids=lambda f: f["mode"])
def test_every_frame_traces_to_its_own_prediction_and_probabilities(client, image_list, fields):
    answer = _post(client, image_list, **fields)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["mode"] == fields["mode"] and len(body["frames"]) >= 2
    for frame in body["frames"]:
        image = decode(frame["image"])
        assert image.shape == (28, 28) and image.min() >= 0 and image.max() <= 1
        result = _trace_result(client, image)
        assert frame["prediction"] == result["prediction"]
        np.testing.assert_array_equal(
            np.array(frame["probabilities"], np.float32),
            np.array(result["probabilities"], np.float32),
        )


def test_fgsm_changes_the_image_by_epsilon_and_reports_the_change(client, sample, image_list):
    body = _post(client, image_list, mode="fgsm", epsilon=0.25, label=sample[1]).json()
    start, attacked = (decode(f["image"]) for f in body["frames"])
    np.testing.assert_array_equal(start, sample[0])
    change = attacked.astype(np.float64) - start
    assert body["frames"][1]["linf"] == pytest.approx(np.abs(change).max())
    assert body["frames"][1]["l2"] == pytest.approx(np.sqrt((change**2).sum()))
    assert np.abs(change).max() == pytest.approx(0.25, abs=0.5 / 255)
    assert body["label"] == sample[1] and body["parameters"] == {"epsilon": 0.25}


def test_targeted_reaches_the_target_and_names_the_smallest_change(client, image_list):
    body = _post(client, image_list, mode="targeted", target=5).json()
    assert body["reached"] and body["frames"][-1]["prediction"] == 5
    assert body["smallest"]["linf"] <= body["parameters"]["epsilon"]
    update = body["frames"][-1]["update"]
    # the shown update follows the shown rule x' = x − η·sign(∂L/∂x) at its pixel
    eta = body["parameters"]["step_size"]
    assert update["next"] == pytest.approx(
        np.clip(update["x"] - eta * np.sign(update["dx"]), 0, 1), abs=0.5 / 255
    )


def test_occlusion_sends_both_maps_on_one_grid(client, image_list):
    body = _post(client, image_list, mode="occlusion").json()
    sensitivity, saliency = decode(body["sensitivity"]), decode(body["saliency"])
    assert sensitivity.shape == saliency.shape == (28, 28)
    assert saliency.min() >= 0 and 0 <= body["agreement"] <= 1
    assert body["positions"] == 12 * 12  # size 6, stride 2: 0, 2, ..., 22


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"mode": "targeted"}, "target"),
        ({"mode": "visualise"}, "target"),
        ({"mode": "guess"}, "mode"),
        ({"mode": "targeted", "target": 3, "steps": 501}, "steps"),
        ({"mode": "targeted", "target": 3, "steps": 2.5}, "steps"),
        ({"mode": "fgsm", "epsilon": 0}, "epsilon"),
        ({"mode": "fgsm", "epsilon": 1.5}, "epsilon"),
        ({"mode": "fgsm", "label": 10}, "label"),
        ({"mode": "visualise", "target": 1, "step_size": -1}, "step_size"),
        ({"mode": "visualise", "target": 1, "regularisation": {"blur": 9}}, "regularisation"),
        ({"mode": "occlusion", "patch": {"size": 1}}, "patch"),
        ({"mode": "occlusion", "patch": {"size": 4, "stride": 0}}, "patch"),
        ({"mode": "fgsm", "colour": "red"}, "colour"),
    ],
)
def test_bad_values_are_a_422_naming_the_field(client, image_list, fields, field):
    answer = _post(client, image_list, **fields)
    assert answer.status_code == 422, answer.text
    assert any(d["loc"][:2] == ["body", field] for d in answer.json()["detail"]), answer.text


def test_a_missing_target_says_so_with_a_stable_code(client, image_list):
    detail = _post(client, image_list, mode="visualise").json()["detail"]
    assert detail == [
        {
            "loc": ["body", "target"],
            "msg": "mode 'visualise' needs a target digit",
            "type": "value_error",
            "code": "input_gradient.target_required",
            "params": {},
        }
    ]


def test_a_missing_or_bad_image_is_a_422_naming_image(client, image_list):
    assert _post(client, image_list[:27], mode="fgsm").json()["detail"][0]["loc"][:2] == [
        "body",
        "image",
    ]
    answer = client.post(URL, json={"mode": "fgsm"})
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][:2] == ["body", "image"]


def test_an_unknown_model_is_a_404(client, image_list):
    assert _post(client, image_list, mode="fgsm", model="nope").status_code == 404


def test_it_runs_on_the_heavy_lane_and_stops_at_its_deadline(registry, image_list):
    assert URL in HEAVY_PATHS
    settings = Settings(request_timeout_s=0.05)
    with TestClient(create_app(settings, registry)) as client:
        # a target out of reach of a 1/255 budget: all 500 steps would run (~150 ms)
        answer = _post(client, image_list, mode="targeted", target=0, epsilon=1 / 255, steps=500)
    assert answer.status_code == 503


def test_visualise_starts_from_its_seeded_noise_or_a_blank(client, image_list):
    def first_frame(**fields):
        body = _post(client, image_list, mode="visualise", target=4, steps=5, **fields).json()
        return decode(body["frames"][0]["image"])

    assert np.array_equal(first_frame(seed=7), first_frame(seed=7))
    assert not np.array_equal(first_frame(seed=7), first_frame(seed=8))
    assert not first_frame(start="blank").any()
    np.testing.assert_array_equal(first_frame(start="image"), np.array(image_list, np.float32))


def test_the_openapi_contract_names_the_issues_fields(client):
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/api/input-gradient"]["post"]["requestBody"]["content"]
    ref = body["application/json"]["schema"]["$ref"].split("/")[-1]
    fields = schema["components"]["schemas"][ref]
    assert set(fields["properties"]) >= {
        *("model", "weights", "image", "label", "mode", "target", "epsilon"),
        *("steps", "step_size", "regularisation", "patch"),
    }
    assert set(fields["required"]) == {"image", "mode"}
    assert fields["properties"]["steps"]["anyOf"][0]["maximum"] == 500
