"""Every number the browser recomputes (the inspector's check beside the API's value) agrees
with the value the API streamed, for every equation kind of both shipped models."""

from __future__ import annotations

import pytest

from .screens import open_app, pick_sample, wait_trace

pytestmark = pytest.mark.browser

# For each record: a few cells (first, last, middle, largest, and a stride through it); the
# browser's check for each, and the API's value and the record's largest magnitude beside it.
CHECKS = """async () => {
  const T = await import('./js/terms.js');
  const trace = window.convtrace.trace();
  const weights = window.convtrace.weights();
  const out = [];
  trace.records.forEach((r, index) => {
    if (r.quantity === 'switches' || r.equation === 'input.x') return;
    const n = r.values.length;
    let top = 0;
    for (let i = 1; i < n; i++) if (Math.abs(r.values[i]) > Math.abs(r.values[top])) top = i;
    const cells = new Set([0, n - 1, n >> 1, top]);
    for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 7))) cells.add(i);
    const scale = Math.abs(r.values[top]);
    for (const flat of cells) {
      const info = T.explain(trace, weights, index, flat);
      out.push({equation: r.equation, of: r.of, layer: r.layer, flat, scale,
                api: r.values[flat], check: info.sum ?? info.recomputed ?? null});
    }
  });
  return out;
}"""


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
