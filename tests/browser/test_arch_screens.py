"""Any architecture fits every screen: the editor, the focus view and the overview stay inside
the page at desk, projector, tablet and phone sizes, at every step of the backward pass, for
networks with 64 maps, 1x1 maps, maps grown by padding and a dense layer over 10 816 inputs."""

from __future__ import annotations

import pytest

from .screens import DESK, PHONE, PROJECTOR, TABLET, screen
from .test_arch_editor import build, classify_sample, open_page

pytestmark = pytest.mark.browser

# what sticks out: anything wider than the page, or a focus panel wider than the focus view
OVERFLOW = """() => {
  const out = [];
  const page = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > page + 1) out.push('page');
  const focus = document.querySelector('#focus');
  const right = focus.getBoundingClientRect().left + focus.clientWidth + 1;
  for (const p of focus.querySelectorAll('.focus-panel'))
    if (p.getBoundingClientRect().right > right) out.push('focus ' + p.dataset.focusKey);
  for (const p of document.querySelectorAll('#network .panel, .arch-layer'))
    if (p.getBoundingClientRect().right > page + 1) out.push('row ' + p.className);
  return out;
}"""

NETWORKS = {
    # 64 maps of 7x7 in the third conv layer
    "maps64": ("deeper", [(6, "maps", "64")], ()),
    # conv2 12x12 on pool1's 12x12: 1x1 maps (pool2 removed first)
    "maps1x1": ("lenet", [(3, "size", "12")], (5,)),
    # padding 2 around a 3x3 filter grows the maps to 30x30; the dense layer reads
    # 26x26x16 = 10 816 inputs
    "padded": ("nopool", [(0, "size", "3"), (0, "padding", "2")], ()),
}
DEVICES = {"desk": DESK, "projector": PROJECTOR, "tablet": TABLET, "phone": PHONE}


def build_with_removals(page, preset, edits, removals):
    if removals:
        page.get_by_test_id("arch-open").click()
        page.get_by_test_id("arch-preset").select_option(preset)
        for row in removals:
            page.get_by_test_id("arch-layer").nth(row).get_by_test_id("arch-remove").click()
        preset = None
    return build(page, preset, edits)


@pytest.mark.parametrize("device", list(DEVICES))
@pytest.mark.parametrize("network", list(NETWORKS))
def test_any_network_fits_the_screen(browser, app_url, artifacts, device, network):
    preset, edits, removals = NETWORKS[network]
    with screen(browser, app_url, DEVICES[device]) as page:
        open_page(page, app_url)
        build_with_removals(page, preset, edits, removals)
        assert page.evaluate(OVERFLOW) == []
        page.screenshot(path=artifacts / f"arch-{network}-{device}-editor.png")
        classify_sample(page)
        steps = page.evaluate("() => window.convtrace.trace().steps.length")
        stuck = {}
        for k in range(steps):
            page.evaluate(
                "(k) => { const s = document.querySelector('#step-scrubber'); s.value = k;"
                " s.dispatchEvent(new Event('input')); }",
                k,
            )
            page.wait_for_function(f"() => window.convtrace.trace().cursor === {k}")
            out = page.evaluate(OVERFLOW)
            if out:
                stuck[page.evaluate("() => window.convtrace.current().equation")] = out
            if k in (steps // 2, steps - 1):
                page.locator("#focus").scroll_into_view_if_needed()
                page.screenshot(path=artifacts / f"arch-{network}-{device}-step{k}.png")
        assert stuck == {}
