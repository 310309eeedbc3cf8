"""The pure front-end modules, run in the browser itself (no Node, no build step)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def run(page, app_url, body):
    page.goto(f"{app_url}/")
    return page.evaluate(f"async () => {{ {body} }}")


def test_colour_scales_are_symmetric_or_start_at_zero(page, app_url):
    out = run(
        page,
        app_url,
        """
      const c = await import('./js/colormap.js');
      return {
        div: c.makeScale('diverging', [-0.5, 2]), seq: c.makeScale('sequential', [0.2, 3]),
        shared: c.makeScale('diverging', [1], 4),
        zero: c.colour(c.makeScale('diverging', [-1, 1]), 0),
        flat: c.colour(c.makeScale('diverging', [0, 0]), 0),
        lo: c.colour(c.makeScale('sequential', [0, 1]), -5),
        hi: c.colour(c.makeScale('sequential', [0, 1]), 9),
      };""",
    )
    assert out["div"] == {"kind": "diverging", "min": -2, "max": 2}
    assert out["seq"] == {"kind": "sequential", "min": 0, "max": 3}
    assert out["shared"]["max"] == 4
    assert out["zero"] == [247, 247, 247]  # white means exactly zero
    assert out["flat"] == [247, 247, 247]  # an all-zero array is all white, not an error
    assert out["lo"] != out["hi"]


def test_sparse_and_uint16_records_decode(page, app_url):
    out = run(
        page,
        app_url,
        """
      const c = await import('./js/codec.js');
      // values [0, 1.5, 0, 0, 0, 0, 0, 0, -2]: mask bits 1 and 8 -> bytes 0b10, 0b1
      const f = new Float32Array([1.5, -2]);
      const data = btoa(String.fromCharCode(...new Uint8Array(f.buffer)));
      const mask = btoa(String.fromCharCode(2, 1));
      const sparse = c.decodeArray(
        {shape: [9], dtype: 'float32', encoding: 'b64-sparse', mask, data});
      const u = new Uint16Array([3, 0, 65535]);
      const sw = c.decodeArray({shape: [3], dtype: 'uint16', encoding: 'b64',
                                data: btoa(String.fromCharCode(...new Uint8Array(u.buffer)))});
      const img = c.unpackImage(c.packImage(Float32Array.from([0, 1, 128 / 255])), 3);
      return {sparse: Array.from(sparse), sw: Array.from(sw), img: Array.from(img)};""",
    )
    assert out["sparse"] == [0, 1.5, 0, 0, 0, 0, 0, 0, -2]
    assert out["sw"] == [3, 0, 65535]
    assert out["img"] == pytest.approx([0, 1, 128 / 255])


def test_tiling_round_trips_every_rank(page, app_url):
    bad = run(
        page,
        app_url,
        """
      const t = await import('./js/tiling.js');
      const bad = [];
      for (const shape of [[], [10], [10, 256], [24, 24, 8], [16, 5, 5, 8]]) {
        const L = t.tiling(shape);
        const n = shape.reduce((a, b) => a * b, 1);
        for (let f = 0; f < n; f++) {
          const {tile, i, j} = L.cellOf(f);
          if (L.flatOf(tile, i, j) !== f) { bad.push([shape, f]); break; }
        }
      }
      return bad;""",
    )
    assert bad == []


def test_app_state_is_declared_and_round_trips_through_the_url(page, app_url):
    out = run(
        page,
        app_url,
        """
      const A = await import('./js/app-state.js');
      const s = A.createAppState();
      const sealed = Object.isSealed(s);  // in the app's (strict) modules, adding throws
      try { s.notDeclared = 1; } catch { /* strict mode */ }
      const input = Float32Array.from({length: 784}, (_, i) => (i * 7 % 256) / 255);
      Object.assign(s, {model: 'lenet-sigmoid', input, label: 7, step: 12});
      const back = A.fromHash(A.toHash(s));
      const auto = A.fromHash(A.toHash({...s, label: null}));
      const junk = A.fromHash('#m=&y=42&k=-3&x=@@');
      return {sealed, hasJunk: 'notDeclared' in s, model: back.model, label: back.label,
              step: back.step, same: back.input.every((v, i) => v === input[i]),
              autoHasLabel: 'label' in auto, junk, fresh: A.createAppState().undo !== s.undo};""",
    )
    assert out["sealed"] and not out["hasJunk"]
    assert (out["model"], out["label"], out["step"]) == ("lenet-sigmoid", 7, 12)
    assert out["same"]  # the 8-bit image comes back exactly
    assert not out["autoHasLabel"]  # "auto": the prediction is the target
    assert out["junk"] == {}  # values that do not parse are dropped, not guessed
    assert out["fresh"]  # no default object shared between two states


def test_a_layer_input_comes_from_reads_when_records_carry_them(page, app_url):
    out = run(
        page,
        app_url,
        """
      const S = await import('./js/trace-store.js');
      const rec = (layer, quantity, reads) => ({phase: 'forward', layer, quantity, reads,
                                                shape: [1], values: new Float32Array(1)});
      // the order says conv2 reads relu1.a; its reads say pool1.a
      const named = [rec('pool1', 'a', ['relu1.a']), rec('relu1', 'a', ['conv1.z']),
                     rec('conv2', 'z', ['pool1.a', 'conv2.W', 'conv2.b'])]
        .reduce(S.addRecord, S.emptyTrace());
      const bare = named.records.map(({reads, ...r}) => r).reduce(S.addRecord, S.emptyTrace());
      const name = (r) => r && S.tensorName(r);
      const of = (t) => name(S.layerInput(t, 'conv2'));
      return {named: of(named), bare: of(bare)};""",
    )
    assert out == {"named": "pool1.a", "bare": "relu1.a"}
