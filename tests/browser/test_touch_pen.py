"""Drawing with a finger and with a pen, through Chromium's own input pipeline (DevTools
protocol), so the page receives genuine touch and pen pointer events, not synthetic ones."""

from __future__ import annotations

import pytest

from .screens import open_app, wait_trace

pytestmark = pytest.mark.browser

ONE = [(0.5, 0.15), (0.51, 0.4), (0.52, 0.65), (0.53, 0.85)]


def _pad_points(page, points):
    box = page.get_by_test_id("draw-pad").bounding_box()
    return [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in points]


def _steps(xy, per_segment=8):
    """Points every few pixels along the polyline, as a moving finger reports them."""
    out = [xy[0]]
    for (x0, y0), (x1, y1) in zip(xy, xy[1:], strict=False):
        out += [
            (x0 + (x1 - x0) * i / per_segment, y0 + (y1 - y0) * i / per_segment)
            for i in range(1, per_segment + 1)
        ]
    return out


def touch_stroke(cdp, xy, second_finger=None):
    """One finger along xy; optionally a second finger resting at ``second_finger``."""

    def points(x, y):
        pts = [{"x": x, "y": y, "id": 0}]
        if second_finger:
            pts.append({"x": second_finger[0], "y": second_finger[1], "id": 1})
        return pts

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(*xy[0])})
    for x, y in _steps(xy)[1:]:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(x, y)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def pen_stroke(cdp, xy):
    def event(kind, x, y, buttons):
        return {
            "type": kind,
            "x": x,
            "y": y,
            "button": "left",
            "buttons": buttons,
            "clickCount": 1,
            "pointerType": "pen",
            "force": 0.6,
        }

    cdp.send("Input.dispatchMouseEvent", event("mousePressed", *xy[0], 1))
    for x, y in _steps(xy)[1:]:
        cdp.send("Input.dispatchMouseEvent", event("mouseMoved", x, y, 1))
    cdp.send("Input.dispatchMouseEvent", event("mouseReleased", *xy[-1], 0))


def _record_pointer_types(page):
    page.evaluate("""() => { window.__types = [];
      document.querySelector('[data-testid=draw-pad]').addEventListener('pointerdown',
        (e) => window.__types.push(e.pointerType)); }""")


def _classify(page):
    page.get_by_test_id("classify").click()
    return wait_trace(page)


@pytest.mark.parametrize(
    ("stroke", "pointer_type"),
    [(touch_stroke, "touch"), (pen_stroke, "pen")],
    ids=["finger", "pen"],
)
def test_a_finger_or_pen_draws_a_one(tablet, app_url, trained, stroke, pointer_type):
    open_app(tablet, app_url)
    _record_pointer_types(tablet)
    cdp = tablet.context.new_cdp_session(tablet)
    stroke(cdp, _pad_points(tablet, ONE))
    assert tablet.evaluate("() => window.__types") == [pointer_type]
    result = _classify(tablet)
    if trained:
        assert result["prediction"] == 1


def test_a_second_finger_adds_no_ink(tablet, app_url):
    """A resting second finger far from the stroke must leave its corner of the pad blank."""
    open_app(tablet, app_url)
    cdp = tablet.context.new_cdp_session(tablet)
    (rest,) = _pad_points(tablet, [(0.9, 0.9)])
    touch_stroke(cdp, _pad_points(tablet, ONE), second_finger=rest)
    corner_ink = tablet.evaluate("""() => { const pad = document.querySelector(
        '[data-testid=draw-pad]'); const ctx = pad.getContext('2d');
      const w = pad.width, h = pad.height;
      const d = ctx.getImageData(Math.floor(w * 0.8), Math.floor(h * 0.8),
                                 Math.floor(w * 0.2), Math.floor(h * 0.2)).data;
      let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;
      return dark; }""")
    assert corner_ink == 0
