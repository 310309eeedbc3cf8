"""The class's pure helpers in the browser: the state's cell <-> a record's flat index, and the
class's answers drawn for each kind (the truth marked only when given)."""

from __future__ import annotations

import numpy as np
import pytest

from .test_modules import run

pytestmark = pytest.mark.browser


def test_a_cell_names_the_same_entry_numpy_does(page, app_url):
    shapes = [[24, 24, 6], [8, 8, 16], [10], [4, 4, 1]]
    out = run(
        page,
        app_url,
        f"""
      const f = await import('./js/flows/class-follow.js');
      return {shapes}.map((shape) => {{
        const n = shape.reduce((a, b) => a * b, 1);
        const flats = [0, 1, Math.floor(n / 3), n - 1];
        return flats.map((flat) => {{
          const cell = f.cellOf(flat, shape);
          return [flat, cell, f.flatOfCell(cell, shape)];
        }});
      }});""",
    )
    for shape, rows in zip(shapes, out, strict=True):
        for flat, cell, back in rows:
            assert back == flat
            if len(shape) == 1:
                assert cell == [0, flat, 0]
            else:
                assert cell == list(np.unravel_index(flat, shape))


RESULTS = """
  const { resultsNode } = await import('./js/views/class-results.js');
  const draw = (results, question, truth) => {
    const node = resultsNode(results, question, truth);
    return {
      text: node.querySelector('.result-count').textContent,
      truth: [...node.querySelectorAll('.truth')].map((n) => n.textContent),
      counts: [...node.querySelectorAll('.n, .result-grid span')].map((n) => n.textContent),
    };
  };
"""


def test_results_mark_the_truth_only_when_given(page, app_url):
    out = run(
        page,
        app_url,
        RESULTS
        + """
      const value = {kind: 'value', answers: 3, right: 2, tolerance: 0.01,
                     histogram: {edges: [0, 0.5, 1], counts: [1, 2]}};
      const sign = {kind: 'sign', answers: 2, right: 1,
                    counts: [{answer: '-', count: 1}, {answer: '+', count: 1}]};
      const saliency = {kind: 'saliency', answers: 1, right: 0, cells: [{cell: [3, 1], count: 1}]};
      return {
        valueLive: draw(value, null, null), valueRevealed: draw(value, null, 0.7),
        sign: draw(sign, null, '-'),
        saliency: draw(saliency, {grid: 4}, [0, 2]),
        none: draw({kind: 'sign', answers: 0, right: 0, counts: []}, null, null),
      };""",
    )
    assert out["valueLive"] == {"text": "3 answers", "truth": [], "counts": ["1", "2"]}
    assert out["valueRevealed"]["text"] == "3 answers · 2 right"
    assert len(out["valueRevealed"]["truth"]) == 1  # 0.7 lies in the second bin
    assert out["valueRevealed"]["truth"][0].endswith("2")
    assert out["sign"]["counts"] == ["1", "1", "0"]  # +, −, 0 in a fixed order
    assert out["sign"]["truth"][0].startswith("− negative")
    grid = out["saliency"]["counts"]
    assert len(grid) == 16 and grid[3 * 4 + 1] == "1" and grid[2] == "0✓"
    assert out["none"] == {"text": "0 answers", "truth": [], "counts": []}
