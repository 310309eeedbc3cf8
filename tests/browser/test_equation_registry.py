"""The equation registry (js/equations/) for every architecture the engine can build: every
number the browser recomputes for a trace with padding, stride, average and overlapping pools,
hidden dense layers or no conv at all equals the engine's; every step has a title, a label, a
formula and questions whose truth is the engine's; an unknown equation id or layer kind is a
loud error (thrown, and shown in the page), never NaN or a made-up label."""

from __future__ import annotations

import json

import numpy as np
import pytest

from .screens import open_app
from .traces import ARCHITECTURES, documented_equations, engine_trace, recompute_checks

pytestmark = pytest.mark.browser

LOAD = """async ({lines, weights, result}) => {
  const C = await import('./js/codec.js');
  window.__trace = {records: lines.map(C.decodeRecord), result, steps: []};
  window.__weights = C.decodeWeights(weights);
}"""

# the browser's check beside the engine's value for a spread of cells of every record
CHECKS = recompute_checks("window.__trace", "window.__weights", per_record=23)

# every step: its title, label, formula (in the layer's symbols) and words, and its questions
STEPS = """async () => {
  const N = await import('./js/notation.js');
  const E = await import('./js/equations.js');
  const Q = await import('./js/questions.js');
  const trace = window.__trace, out = [];
  const steps = Q.stepIndices(trace);
  steps.forEach((index, k) => {
    const r = trace.records[index];
    const questions = Q.questionsFor(trace, k).map((q) => ({
      kind: q.kind, prompt: q.prompt, truth: Q.truthOf(q, trace),
      right: Q.check(q, Q.truthOf(q, trace), trace).correct}));
    out.push({equation: r.equation, title: N.stepTitle(r, trace.records).text,
      label: N.equationOf(r.equation)?.label ?? null,
      formula: E.formula(r.equation, N.layerSymbols(trace.records, r.layer)),
      words: E.explanation(r.equation), questions});
  });
  return out;
}"""


@pytest.fixture(scope="module")
def traces():
    return {name: engine_trace(layers) for name, layers in ARCHITECTURES.items()}


@pytest.mark.parametrize("name", list(ARCHITECTURES))
def test_every_recomputed_number_matches_the_engine(page, app_url, traces, name):
    open_app(page, app_url)
    page.evaluate(LOAD, traces[name])
    rows = page.evaluate(CHECKS)
    missing = sorted({r["equation"] for r in rows if r["check"] is None})
    assert not missing, f"equations shown without a check: {missing}"
    bad = [r for r in rows if not abs(r["check"] - r["api"]) <= 1e-4 * r["scale"] + 1e-30]
    assert not bad, f"{len(bad)} of {len(rows)} recomputed values disagree, e.g. {bad[:3]}"
    emitted = {line["equation"] for line in traces[name]["lines"]}
    assert emitted - {"input.x", "maxpool.switches"} <= {r["equation"] for r in rows}


@pytest.mark.parametrize("name", list(ARCHITECTURES))
def test_every_step_is_titled_typeset_and_asked(page, app_url, traces, name):
    open_app(page, app_url)
    page.evaluate(LOAD, traces[name])
    steps = page.evaluate(STEPS)
    titles = [s["title"] for s in steps]
    assert len(set(titles)) == len(titles), titles
    for s in steps:
        assert s["label"] or s["equation"] == "xent.L", s
        assert "<math" in s["formula"] and "NaN" not in s["formula"] and s["words"], s
        assert "undefined" not in s["title"] + s["formula"], s
        if s["equation"] != "xent.L":
            assert s["questions"], s
        for q in s["questions"]:
            assert q["right"] is True and q["prompt"], (s["equation"], q)


def test_strided_and_pooled_steps_say_what_they_do(page, app_url, traces):
    open_app(page, app_url)
    page.evaluate(LOAD, traces["strided-padded-avg-overlap"])
    walked = page.evaluate(STEPS)
    steps = {s["equation"]: s for s in walked}
    dx = [s for s in walked if s["equation"] == "conv.dx"]
    strided = dx[-1]["formula"]  # conv1: stride 2, padding 1
    assert (
        "1 zero between" in strided
        and "dilated by the stride s = 2" in strided
        and "transposed convolution" in strided
    )
    assert "cropped" in strided
    same = dx[0]["formula"]  # conv2: stride 1, padding 1: nothing to dilate
    assert "cropped" in same and "dilated" not in same
    assert "1/k²" in steps["avgpool.dx"]["words"] and "switch" in steps["avgpool.dx"]["words"]
    assert "overlap" in steps["maxpool.dx"]["formula"]
    prompts = [q["prompt"] for q in steps["avgpool.dx"]["questions"]]
    assert any("how much of its window's error" in p for p in prompts), prompts
    overlap = [q for q in steps["maxpool.dx"]["questions"] if q["kind"] == "value"]
    assert overlap and "overlap" in overlap[0]["prompt"], steps["maxpool.dx"]["questions"]


def test_strided_convs_have_their_own_questions(page, app_url, traces):
    open_app(page, app_url)
    page.evaluate(LOAD, traces["strided-instead-of-pooled"])
    walked = page.evaluate(STEPS)
    prompts = [q["prompt"] for s in walked if s["equation"] == "conv.dW" for q in s["questions"]]
    assert any("moves its filter 2 cells at a time" in p for p in prompts), prompts
    # conv1 (5×5, stride 2) reads rows 0…26 of 28: row 27 gets no error
    prompts = [q["prompt"] for s in walked if s["equation"] == "conv.dx" for q in s["questions"]]
    assert any("last window ends at row 26" in p for p in prompts), prompts


def test_the_registry_covers_every_equation_the_engine_emits(page, app_url, traces):
    open_app(page, app_url)
    known = set(
        page.evaluate("async () => (await import('./js/equations/registry.js')).allEquations()")
    )
    emitted = {line["equation"] for t in traces.values() for line in t["lines"]}
    assert documented_equations() | emitted <= known, (documented_equations() | emitted) - known


UNKNOWN = """async () => {
  const T = await import('./js/terms.js');
  const E = await import('./js/equations.js');
  const N = await import('./js/notation.js');
  const trace = window.__trace;
  const attempt = (f) => {
    try { f(); return null; } catch (e) { return `${e.name}: ${e.message}`; }
  };
  const renamed = (from, to) => ({...trace, records: trace.records.map((r) =>
    r.equation === from ? {...r, equation: to, kind: to.split('.')[0]} : r)});
  const odd = renamed('avgpool.a', 'medianpool.a');
  return {
    explain: attempt(() => T.explain(renamed('conv.z', 'conv.q'), window.__weights, 1, 0)),
    formula: attempt(() => E.formula('conv.q')),
    words: attempt(() => E.explanation('banana.a')),
    label: attempt(() => N.equationOf('relu.q')),
    symbols: attempt(() => N.tensorSymbols(odd.records)),
    title: attempt(() => N.stepTitle({equation: 'softsign.dz', of: 'x.z'}, trace.records)),
    proto: attempt(() => E.formula('conv.constructor')),
  };
}"""


def test_an_unknown_equation_or_kind_is_a_loud_error(page, app_url, traces):
    open_app(page, app_url)
    page.evaluate(LOAD, traces["strided-padded-avg-overlap"])
    errors = page.evaluate(UNKNOWN)
    for what, error in errors.items():
        assert error and error.startswith("UnknownEquationError"), (what, error)
    assert "“conv.q”" in errors["formula"] and "“medianpool.a”" in errors["symbols"]


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [("avgpool.a", "medianpool.a", "medianpool"), ("relu.dz", "relu.dq", "relu.dq")],
)
def test_an_unknown_kind_or_id_in_a_streamed_trace_is_shown_as_an_error(
    page, app_url, traces, old, new, shown
):
    lines = [dict(line) for line in traces["strided-padded-avg-overlap"]["lines"]]
    for line in lines:
        if line["equation"] == old:
            line["kind"], line["equation"] = new.split(".")[0], new
    result = {"seq": len(lines), "phase": "result", "model": "lenet-relu"}
    result |= traces["strided-padded-avg-overlap"]["result"]
    body = "\n".join(json.dumps(x) for x in [*lines, result]) + "\n"
    open_app(page, app_url)
    page.route(
        "**/api/trace",
        lambda route: route.fulfill(status=200, content_type="application/x-ndjson", body=body),
    )
    page.select_option("#sample-digit", "3")
    page.click("#sample")
    page.wait_for_function(
        f"() => document.querySelector('#status').textContent.includes('{shown}')"
    )
    assert "cannot explain" in page.locator("#status").inner_text()
    assert page.evaluate("() => window.convtrace.trace().records.length") == 0


def test_layers_are_numbered_one_to_L_at_any_depth(page, app_url, traces):
    open_app(page, app_url)
    page.evaluate(LOAD, traces["strided-padded-avg-overlap"])
    symbols = page.evaluate(
        """async () => {
          const N = await import('./js/notation.js');
          return Object.fromEntries([...N.tensorSymbols(window.__trace.records)]
            .map(([name, s]) => [name, s.text]));
        }"""
    )
    assert symbols == {
        "input.x": "x",
        "conv1.z": "z¹", "conv1.W": "w¹", "conv1.b": "b¹", "tanh1.a": "a¹", "avgpool1.a": "â¹",
        "conv2.z": "z²", "conv2.W": "w²", "conv2.b": "b²", "relu1.a": "a²", "maxpool1.a": "â²",
        "flatten1.a": "vec(â²)",
        "dense1.z": "z³", "dense1.W": "w³", "dense1.b": "b³", "sigmoid1.a": "a³",
        "dense2.z": "z⁴", "dense2.W": "w⁴", "dense2.b": "b⁴",
        "loss.p": "p", "loss.L": "L",
    }  # fmt: skip


# the routing step's outlines: the switch cells, and window borders only where windows tile
STEP_MARKS = """async () => {
  const P = await import('./js/panels.js');
  const S = await import('./js/trace-store.js');
  const trace = S.finish({...window.__trace, cursor: 0, selection: null}, window.__trace.result);
  const out = [];
  trace.steps.forEach((index, k) => {
    if (trace.records[index].equation !== 'maxpool.dx') return;
    const marks = P.stepMarks(S.stepTo(trace, k));
    out.push({grids: marks.map((m) => m.grid), winners: marks[0].marks[0].flats.length});
  });
  return out;
}"""


@pytest.mark.parametrize(
    ("layers", "grid"),
    [
        ([{"kind": "conv", "maps": 2, "size": 3}, {"kind": "maxpool", "size": 2}], 2),
        ([{"kind": "conv", "maps": 2, "size": 3}, {"kind": "maxpool", "size": 3, "stride": 2}], 0),
        ([{"kind": "conv", "maps": 2, "size": 3}, {"kind": "maxpool", "size": 2, "stride": 3}], 0),
    ],
    ids=["tiling", "overlapping", "spaced"],
)
def test_the_routing_step_draws_window_borders_only_where_windows_tile(page, app_url, layers, grid):
    trace = engine_trace([*layers, {"kind": "flatten"}, {"kind": "dense", "units": 10}])
    open_app(page, app_url)
    page.evaluate(LOAD, trace)
    steps = page.evaluate(STEP_MARKS)
    pooled = next(line for line in trace["lines"] if line["equation"] == "maxpool.a")
    windows = int(np.prod(pooled["shape"]))
    assert steps == [{"grids": [grid, grid], "winners": windows}], steps
