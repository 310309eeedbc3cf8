"""Equations typeset like the derivation on every device: the shipped math font is what draws
them (served by the app, no third-party request), no formula wraps inside a sum, and a formula
wider than its box scrolls inside the box, never the page, at desk, projector, phone and tablet.
The formulas of every new equation (stride, padding, average and overlapping pools) are laid
out too, from an engine trace handed to the modules."""

from __future__ import annotations

import pytest

from .screens import DESK, PHONE, PROJECTOR, TABLET, screen
from .test_equation_registry import LOAD
from .traces import ARCHITECTURES, engine_trace

pytestmark = pytest.mark.browser

DEVICES = {"desk": DESK, "projector": PROJECTOR, "phone": PHONE, "tablet": TABLET}

# for every formula on the page: does it fit its box or scroll inside it; is any line of an
# aligned formula broken (two ∑ of one line at different heights); and the page's own width
LAYOUT = """() => {
  const boxes = [...document.querySelectorAll('.formula')].filter((b) => b.offsetParent);
  const formulas = boxes.map((box) => {
    const style = getComputedStyle(box);
    const overflows = box.scrollWidth > box.clientWidth + 1;
    const broken = [...box.querySelectorAll('mtr')].some((tr) => {
      // the ∑ signs of this line (not of a table nested in it), by the top of the sign itself
      const sums = [...tr.querySelectorAll('munderover')].filter((s) => s.closest('mtr') === tr);
      const tops = sums.map((s) => Math.round(s.firstElementChild.getBoundingClientRect().top));
      return tops.some((t) => Math.abs(t - tops[0]) > 2);
    });
    return {overflows, scrolls: ['auto', 'scroll'].includes(style.overflowX), broken,
            font: getComputedStyle(box.querySelector('math') ?? box).fontFamily,
            text: box.textContent.slice(0, 40)};
  });
  const doc = document.documentElement;
  const math = [...document.fonts].filter((f) => f.family.includes('ConvTrace Math'));
  return {formulas, pageWider: doc.scrollWidth > doc.clientWidth + 1,
          font: math.map((f) => f.status)};
}"""

# the formula of every step of a trace in the layer's own symbols, in a box like the step's
SHOW_ALL = """async () => {
  const N = await import('./js/notation.js');
  const E = await import('./js/equations.js');
  const Q = await import('./js/questions.js');
  const trace = window.__trace;
  const host = document.querySelector('#step-formula');
  host.innerHTML = Q.stepIndices(trace).map((i) => {
    const r = trace.records[i];
    const html = E.formula(r.equation, N.layerSymbols(trace.records, r.layer));
    return `<div class="formula">${html}</div>`;
  }).join('');
  host.scrollIntoView();
  await document.fonts.ready;
}"""


def check_layout(page):
    out = page.evaluate(LAYOUT)
    assert out["formulas"], "no formula on the page"
    assert out["font"] == ["loaded"], out["font"]
    assert not out["pageWider"], "the page scrolls sideways"
    for f in out["formulas"]:
        assert "ConvTrace Math" in f["font"], f
        assert not f["broken"], f
        assert not f["overflows"] or f["scrolls"], f


@pytest.mark.parametrize("device", list(DEVICES))
def test_the_steps_formulas_are_typeset_with_the_shipped_font(browser, app_url, device):
    with screen(browser, app_url, DEVICES[device]) as page:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{app_url}/")
        page.wait_for_function("() => window.convtrace.weights() != null")
        page.select_option("#sample-digit", "3")
        page.click("#sample")
        page.wait_for_function("() => window.convtrace.traces() > 0")
        page.evaluate("() => document.activeElement.blur()")
        for _ in range(10):  # to conv2's error passed down: the widest formula of a step
            page.keyboard.press("ArrowRight")
        page.evaluate("() => document.fonts.ready")
        check_layout(page)
        font = [r for r in requests if r.endswith("/fonts/STIXMath-Regular.woff2")]
        assert len(font) == 1 and font[0].startswith(app_url), requests


@pytest.mark.parametrize("device", ["desk", "projector", "phone"])
def test_every_new_equation_is_laid_out_without_breaking(browser, app_url, device):
    trace = engine_trace(ARCHITECTURES["strided-padded-avg-overlap"])
    with screen(browser, app_url, DEVICES[device]) as page:
        page.goto(f"{app_url}/")
        page.wait_for_function("() => document.querySelectorAll('#model-select option').length")
        page.evaluate(LOAD, trace)
        page.evaluate(SHOW_ALL)
        check_layout(page)


def test_the_font_is_fetched_only_once_a_formula_is_shown(browser, app_url):
    # on a phone the page opens with no formula on screen (the Derivation panel shows only the
    # current step's equation, and there is none yet): the font waits for the first one
    with screen(browser, app_url, PHONE) as page:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{app_url}/")
        page.wait_for_function("() => window.convtrace.weights() != null")
        shown = """() => [...document.querySelectorAll('math')]
          .filter((m) => m.getClientRects().length).length"""
        assert page.evaluate(shown) == 0
        assert not [r for r in requests if r.endswith(".woff2")]
        page.select_option("#sample-digit", "3")
        page.click("#sample")
        page.wait_for_function("() => window.convtrace.traces() > 0")
        page.evaluate("() => document.activeElement.blur()")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(shown)
        page.evaluate("() => document.fonts.ready")
        assert len([r for r in requests if r.endswith("/fonts/STIXMath-Regular.woff2")]) == 1
