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
