"""POST /api/trace: the streamed records are the engine's trace, exactly."""

from __future__ import annotations

import numpy as np
import orjson
import pytest
from convtrace.digits import input_image
from convtrace.nn import trace as engine
from convtrace.nn.trace import Record, collect

from tests.api.decode import decode, parse_lines

HEAD = ("phase", "layer", "kind", "quantity", "equation", "of")


def engine_trace(registry, image, label, model=None):
    return collect(registry.get(model).network(), image.reshape(28, 28, 1), label)


def post_trace(client, **body) -> list[dict]:
    response = client.post("/api/trace", json=body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/x-ndjson")
    return parse_lines(response.content)


def floats(values: list[float]) -> np.ndarray:
    return np.array(values, dtype=np.float32)


def bits(array: np.ndarray) -> np.ndarray:
    """Bit patterns with -0.0 folded into +0.0 (sparse records send -0.0 as +0.0)."""
    return (array.astype(np.float32) + np.float32(0)).view(np.uint32)


@pytest.mark.parametrize("model", ["lenet-relu", "lenet-sigmoid"])
def test_b64_records_equal_engine_trace_bitwise(client, registry, sample, image_list, model):
    image, label = sample
    lines = post_trace(client, image=image_list, label=label, model=model)
    records, result = engine_trace(registry, image, label, model)
    assert len(lines) == len(records) + 1
    for seq, (line, record) in enumerate(zip(lines, records, strict=False)):
        assert line["seq"] == seq
        assert tuple(line[k] for k in HEAD) == tuple(getattr(record, k) for k in HEAD)
        assert line["shape"] == list(record.array.shape)
        decoded = decode(line)
        if record.quantity == "switches":
            assert line["dtype"] == "uint16" and line["shape"][-1] == 2
            np.testing.assert_array_equal(decoded, record.array)
        elif line["encoding"] == "b64":
            assert decoded.tobytes() == record.array.astype("<f4").tobytes()
        else:
            assert np.array_equal(bits(decoded), bits(record.array))
    assert np.array_equal(floats(lines[-1]["probabilities"]), result.probabilities)
    assert (lines[-1]["prediction"], lines[-1]["label"]) == (result.prediction, result.label)
    assert lines[-1]["loss"] == result.loss and lines[-1]["model"] == model


def test_json_records_equal_engine_trace(client, registry, sample, image_list):
    image, label = sample
    lines = post_trace(client, image=image_list, label=label, encoding="json")
    records, _ = engine_trace(registry, image, label)
    for line, record in zip(lines, records, strict=False):
        assert line["encoding"] == "json" and isinstance(line["data"], list)
        np.testing.assert_array_equal(
            decode(line),
            record.array.astype(np.float32) if record.quantity != "switches" else record.array,
        )


def test_sparse_encoding_is_used_where_smaller(client, image_list):
    lines = post_trace(client, image=image_list)
    by_name = {(r["layer"], r["quantity"]): r for r in lines[:-1]}
    assert by_name[("relu1", "a")]["encoding"] == "b64-sparse"  # ReLU zeroes about half
    assert by_name[("dense", "z")]["encoding"] == "b64"  # 10 logits, none zero


def test_records_arrive_forward_then_backward_then_result(client, image_list):
    with client.stream("POST", "/api/trace", json={"image": image_list}) as response:
        lines = [orjson.loads(line) for line in response.iter_lines() if line]
    phases = [line["phase"] for line in lines]
    first_backward = phases.index("backward")
    assert set(phases[:first_backward]) == {"forward"}
    assert set(phases[first_backward:-1]) == {"backward"} and phases[-1] == "result"
    assert [line["seq"] for line in lines] == list(range(len(lines)))
    assert lines[0]["layer"] == "input" and lines[0]["quantity"] == "x"


def test_null_label_targets_the_prediction(client, image_list):
    result = post_trace(client, image=image_list, label=None)[-1]
    assert result["label"] == result["prediction"]
    assert result["prediction"] == int(np.argmax(result["probabilities"]))


def test_drawing_first_record_is_what_the_network_saw(client, registry):
    drawing = np.zeros((200, 160), np.float32)
    drawing[30:170, 70:90] = 1  # a "1"
    lines = post_trace(client, drawing=drawing.tolist(), label=1)
    seen = input_image(None, drawing)
    assert lines[0]["shape"] == [28, 28, 1]
    assert np.array_equal(bits(decode(lines[0])[..., 0]), bits(seen))
    records, result = engine_trace(registry, seen, 1)
    assert lines[-1]["loss"] == result.loss


def test_a_drawing_traced_again_from_its_8_bit_input_gives_the_same_trace(client):
    """What a share link does: keep the first record as bytes q, send the image q / 255."""
    drawing = np.zeros((240, 200), np.float32)
    drawing[40:200, 60:80] = 1
    drawing[40:60, 60:150] = 0.6  # a "7"-ish stroke with grey
    first = post_trace(client, drawing=drawing.tolist(), label=2)
    q = np.round(decode(first[0])[..., 0].astype(np.float64) * 255)
    assert np.array_equal(q.astype(np.float32) / np.float32(255), decode(first[0])[..., 0])
    again = post_trace(client, image=(q / 255).tolist(), label=2)
    assert again[-1]["loss"] == first[-1]["loss"]
    assert again[-1]["probabilities"] == first[-1]["probabilities"]
    for old, new in zip(first[:-1], again[:-1], strict=True):
        assert old["equation"] == new["equation"]
        assert decode(old).tobytes() == decode(new).tobytes(), old["equation"]


def test_client_weights_replace_the_model_parameters(client, registry, sample, image_list):
    weights = client.get("/api/models/lenet-sigmoid").json()["weights"]
    weights["dense.b"]["data"] = [float(i) for i in range(10)]
    lines = post_trace(client, image=image_list, model="lenet-sigmoid", weights=weights)
    net = registry.get("lenet-sigmoid").network()
    net.layers[-1].params["b"] = np.arange(10, dtype=np.float32)
    _, result = collect(net, sample[0].reshape(28, 28, 1), None)
    assert np.array_equal(floats(lines[-1]["probabilities"]), result.probabilities)


def test_failure_mid_stream_ends_with_an_error_line(client, image_list, monkeypatch):
    # the forward pass is computed before the response starts; the backward pass streams
    def broken(net, image, label):
        yield Record(
            phase="forward",
            layer="input",
            kind="input",
            quantity="x",
            equation="input.x",
            reads=(),
            array=np.zeros((28, 28, 1)),
        )
        yield Record(
            phase="backward",
            layer="dense",
            kind="xent",
            quantity="dL_dz",
            equation="xent.dz",
            of="dense.z",
            reads=("softmax.p",),
            array=np.ones(10),
        )
        raise RuntimeError("engine exploded")

    monkeypatch.setattr(engine, "run", broken)
    lines = post_trace(client, image=image_list)
    assert [line["phase"] for line in lines] == ["forward", "backward", "error"]
    assert "engine exploded" in lines[-1]["message"] and lines[-1]["seq"] == 2
