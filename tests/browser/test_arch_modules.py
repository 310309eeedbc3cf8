"""The architecture lab's pure modules, run in the browser itself: spec edits, the comparison
with a shipped spec, the server's objections sorted by layer, the request naming the network,
and the overview's folded shapes (which must keep every flat index where it was)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .test_modules import run

pytestmark = pytest.mark.browser

KINDS = """const kinds = {
  conv: [{name: 'maps', default: 8}, {name: 'size', default: 5}, {name: 'padding', default: 0},
         {name: 'stride', default: 1}],
  maxpool: [{name: 'size', default: 2}, {name: 'stride', default: null, default_from: 'size'}],
  relu: [], flatten: [], dense: [{name: 'units', default: 10}]};"""


def test_the_trace_benchmark_runs_every_preset_of_the_editor(page, app_url):
    """bench/trace.py keeps its own copy of the presets (it runs without a browser): the
    same layers, field for field, and none left out but the shipped LeNet."""
    path = Path(__file__).resolve().parents[2] / "bench" / "trace.py"
    found = importlib.util.spec_from_file_location("bench_trace_presets", path)
    assert found is not None and found.loader is not None
    bench = importlib.util.module_from_spec(found)
    found.loader.exec_module(bench)
    page_presets = run(
        page,
        app_url,
        """const A = await import('./js/arch-spec.js');
      return Object.fromEntries(Object.keys(A.PRESETS).map((k) => [k, A.presetSpec(k).layers]));""",
    )
    assert sorted(page_presets) == sorted(["lenet", *bench.PRESET_KEYS.values()])
    for name, key in bench.PRESET_KEYS.items():
        assert bench.ARCHITECTURES[name] == page_presets[key], name


def test_spec_edits_and_the_shipped_comparison(page, app_url):
    out = run(
        page,
        app_url,
        KINDS
        + """
      const A = await import('./js/arch-spec.js');
      const lenet = A.presetSpec('lenet');
      const named = {input: [28, 28, 1], layers: lenet.layers.map((l, i) =>
        ({...l, name: 'l' + i, ...(l.kind === 'conv' ? {padding: 0, stride: 1} : {}),
          ...(l.kind === 'maxpool' ? {stride: 2} : {})}))};
      const moved = A.moveLayer(lenet, 1, 1);
      const added = A.insertLayer(lenet, 7, A.newLayer(kinds, 'dense'));
      return {
        same: A.sameSpec(lenet, named, kinds),
        padded: A.sameSpec(lenet, A.setField(lenet, 0, 'padding', 2), kinds),
        strided: A.sameSpec(lenet, A.setField(lenet, 2, 'stride', 1), kinds),
        moved: moved.layers.map((l) => l.kind),
        untouched: lenet.layers[1].kind,
        added: added.layers.map((l) => l.kind).slice(6),
        addedUnits: added.layers[7].units,
        removed: A.removeLayer(lenet, 0).layers.length,
        kind: A.changeKind(kinds, lenet, 2, 'conv').layers[2],
        cleared: 'padding' in A.setField(named, 0, 'padding', null).layers[0],
        word: A.parseField(' Same ', {allowed: ['same']}), num: A.parseField('12', {}),
        clamp: A.moveLayer(lenet, 0, -1) === lenet,
      };""",
    )
    assert out["same"] is True  # names and spelled-out defaults do not make another network
    assert out["padded"] is False and out["strided"] is False
    assert out["moved"][:3] == ["conv", "maxpool", "relu"] and out["untouched"] == "relu"
    assert out["added"] == ["flatten", "dense", "dense"] and out["addedUnits"] == 10
    assert out["removed"] == 7
    assert out["kind"] == {"kind": "conv", "maps": 8, "size": 2, "padding": 0, "stride": 1}
    assert out["cleared"] is False
    assert out["word"] == "same" and out["num"] == 12
    assert out["clamp"] is True


def test_objections_are_sorted_by_layer(page, app_url):
    out = run(
        page,
        app_url,
        """
      const A = await import('./js/arch-spec.js');
      const p = A.sortProblems([
        {loc: ['body', 'spec', 'layers', 3, 'size'], msg: 'm3', code: 'spec.filter_too_large',
         params: {size: 25, rows: 12, cols: 12}},
        {loc: ['body', 'spec', 'layers', 7], msg: 'm7', code: 'spec.last_not_dense10'},
        {loc: ['body', 'spec'], msg: 'whole', code: 'spec.bad_spec'}]);
      const E = await import('./js/views/arch-editor.js');
      return {rows: [...p.byLayer.keys()], field: p.byLayer.get(3)[0].field,
              general: p.general.map((g) => g.msg),
              words: E.problemText(p.byLayer.get(3)[0]),
              fallback: E.problemText({code: 'spec.new_code', msg: 'the server says'}),
              missing: E.problemText({code: 'spec.filter_too_large', msg: 'own', params: {}})};""",
    )
    assert out["rows"] == [3, 7] and out["field"] == "size"
    assert out["general"] == ["whole"]
    assert "25×25" in out["words"] and "12×12" in out["words"]
    assert out["fallback"] == "the server says"  # a code the catalogue lacks: the server's words
    assert out["missing"] == "own"  # params lacking a placeholder: the server's words


def test_requests_name_the_network_in_use(page, app_url):
    out = run(
        page,
        app_url,
        """
      const S = await import('./js/app-state.js');
      const w = {'d.W': {shape: [1], values: Float32Array.from([2])}};
      const base = {model: 'lenet-relu', network: null, spec: null, student: null, lastStep: null};
      return {
        shipped: S.networkChoice(base),
        trained: S.networkChoice({...base, student: w}),
        mine: S.networkChoice({...base, network: 'abc', spec: {layers: []}}),
        stepped: S.networkChoice({...base, network: 'abc', student: w,
                                  lastStep: {network: 'def'}}),
        inline: S.networkChoice({...base, network: 'abc', spec: {layers: []}, student: w}),
        hash: S.toHash({...S.createAppState(), network: 'abc', model: 'm'}),
        back: S.fromHash('#m=m&n=abc').network,
      };""",
    )
    assert out["shipped"] == {"model": "lenet-relu"}
    weights = {"d.W": {"shape": [1], "data": [2]}}
    assert out["trained"] == {"weights": weights, "model": "lenet-relu"}
    assert out["mine"] == {"network": "abc"}
    assert out["stepped"] == {"network": "def"}  # the id the SGD step stored its weights under
    assert out["inline"] == {"spec": {"layers": []}, "weights": weights}
    assert "n=abc" in out["hash"] and out["back"] == "abc"


def test_overview_folds_keep_every_flat_index(page, app_url):
    out = run(
        page,
        app_url,
        """
      const T = await import('./js/tiling.js');
      const cases = [[10816], [784], [64], [4093], [10, 10816], [64, 784], [10, 256], [8, 8, 3]];
      return cases.map((shape) => {
        const view = T.overviewShape(shape).shape;
        const n = shape.reduce((a, b) => a * b, 1);
        const layout = T.tiling(view);
        let same = view.reduce((a, b) => a * b, 1) === n;
        for (let flat = 0; flat < n && same; flat += 7) {
          const {tile, i, j} = layout.cellOf(flat);
          same = layout.flatOf(tile, i, j) === flat;
        }
        // a folded W: tile t is class t, and its cell (i, j) is input i * b + j
        let rows = true;
        if (view.length === 4)
          for (let flat = 0; flat < n && rows; flat += 13) {
            const {tile, i, j} = layout.cellOf(flat);
            rows = tile === Math.floor(flat / shape[1]) && i * view[2] + j === flat % shape[1];
          }
        return {shape, view, same: same && rows};
      });""",
    )
    for case in out:
        assert case["same"], case
    views = {tuple(c["shape"]): c["view"] for c in out}
    assert views[(10816,)] == [52, 208] and views[(784,)] == [14, 56]
    assert views[(64,)] == [64] and views[(4093,)] == [4093]  # short, or prime: as it is
    assert views[(10, 10816)] == [10, 104, 104, 1]  # one 104x104 tile per class
    assert views[(10, 256)] == [10, 256] and views[(8, 8, 3)] == [8, 8, 3]
