"""Every streamed record names the tensors it was computed from, as a JSON list."""

from __future__ import annotations

from tests.api.decode import parse_lines


def test_records_carry_what_they_read(client, image_list):
    response = client.post("/api/trace", json={"image": image_list, "label": 3})
    records = [line for line in parse_lines(response.content) if line["phase"] != "result"]
    reads = {(r["layer"], r["quantity"]): r["reads"] for r in records}
    assert reads["input", "x"] == []
    assert reads["conv2", "z"] == ["pool1.a", "conv2.W", "conv2.b"]
    assert reads["relu2", "dL_dz"] == ["relu2.dL_da", "conv2.z"]
    assert all(isinstance(r["reads"], list) for r in records)
