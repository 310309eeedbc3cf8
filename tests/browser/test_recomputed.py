"""Every number the browser recomputes (the inspector's check beside the API's value) agrees
with the value the API streamed, for every equation kind of both shipped models and of networks
the API builds from a spec (padding, stride, average and overlapping pools, hidden dense
layers, no conv)."""

from __future__ import annotations

import pytest

from .screens import open_app, pick_sample, wait_trace
from .traces import ARCHITECTURES, recompute_checks

pytestmark = pytest.mark.browser

CHECKS = recompute_checks()


@pytest.mark.parametrize("model", ["lenet-relu", "lenet-sigmoid"])
def test_every_recomputed_number_matches_the_api(page, app_url, model):
    open_app(page, app_url)
    if model != "lenet-relu":
        page.get_by_test_id("model-select").select_option(model)
        page.wait_for_function(f"() => window.convtrace.model() === '{model}'")
    result = pick_sample(page, 3)
    wrong = (result["prediction"] + 1) % 10  # a wrong target: every gradient is sizeable
    before = page.evaluate("() => window.convtrace.traces()")
    page.get_by_test_id(f"label-{wrong}").click()
    wait_trace(page, before)
    rows = page.evaluate(CHECKS)
    missing = sorted({r["equation"] for r in rows if r["check"] is None})
    assert not missing, f"equations the browser shows without a check: {missing}"
    kinds = {r["equation"] for r in rows}
    act = "relu" if model == "lenet-relu" else "sigmoid"
    expected = {"conv.z", f"{act}.a", "maxpool.a", "flatten.a", "dense.z", "softmax.p"}
    expected |= {"xent.L", "xent.dz", "dense.dW", "dense.db", "dense.dx", "flatten.dx"}
    expected |= {"maxpool.dx", f"{act}.dz", "conv.dW", "conv.db", "conv.dx"}
    assert expected <= kinds, expected - kinds
    bad = [r for r in rows if not abs(r["check"] - r["api"]) <= 1e-4 * r["scale"] + 1e-30]
    assert not bad, f"{len(bad)} of {len(rows)} recomputed values disagree, e.g. {bad[:3]}"


# a network built from a spec by the API (POST /api/networks, fresh seeded weights), traced by
# the API for the current digit with a wrong target, then the same checks on that trace
API_TRACE = """async (layers) => {
  const C = await import('./js/codec.js');
  const api = await import('./js/api.js');
  const S = await import('./js/trace-store.js');
  const post = (path, body) => fetch(path, {method: 'POST', body: JSON.stringify(body),
    headers: {'content-type': 'application/json'}}).then((r) => r.json());
  const spec = {input: [28, 28, 1], layers};
  const {id} = await post('/api/networks', {spec, init_seed: 7});
  const net = await fetch(`/api/networks/${id}`).then((r) => r.json());
  const image = window.convtrace.trace().records[0].values;
  const rows = Array.from({length: 28}, (_, i) => Array.from(image.slice(28 * i, 28 * i + 28)));
  let trace = S.emptyTrace();
  for await (const item of api.streamTrace({image: rows, label: 2, network: id})) {
    if (item.type === 'result') trace = S.finish(trace, item.result);
    else trace = S.addRecord(trace, item.record);
  }
  window.__trace = trace;
  window.__weights = C.decodeWeights(net.weights);
}"""


@pytest.mark.parametrize("name", list(ARCHITECTURES))
def test_every_recomputed_number_matches_the_api_for_any_architecture(page, app_url, name):
    open_app(page, app_url)
    pick_sample(page, 3)
    page.evaluate(API_TRACE, ARCHITECTURES[name])
    rows = page.evaluate(recompute_checks("window.__trace", "window.__weights"))
    assert rows
    missing = sorted({r["equation"] for r in rows if r["check"] is None})
    assert not missing, f"equations the browser shows without a check: {missing}"
    bad = [r for r in rows if not abs(r["check"] - r["api"]) <= 1e-4 * r["scale"] + 1e-30]
    assert not bad, f"{len(bad)} of {len(rows)} recomputed values disagree, e.g. {bad[:3]}"
    kinds = {r["equation"] for r in rows}
    if name == "strided-padded-avg-overlap":
        assert {"avgpool.a", "avgpool.dx", "maxpool.dx", "tanh.dz", "conv.dx"} <= kinds, kinds
