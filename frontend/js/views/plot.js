// Small SVG line plots (no library): a left y axis, optionally a right one (0..1, for an
// accuracy beside a loss), linear or log scale, one path per series. The drawing is sized to
// the element's own width in CSS pixels, so its text stays the page's size on a phone and on a
// projector instead of shrinking with a viewBox. Series are told apart by dash and marker as
// well as by hue, and named in words in a legend (colour is never the only cue).

const NS = "http://www.w3.org/2000/svg";
const PAD = { left: 52, right: 44, top: 22, bottom: 30 };

function node(tag, attrs = {}, text = null) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text != null) n.textContent = text;
  return n;
}

/** An empty plot: an <svg> that draws itself into `figure`, with an accessible name. */
export function createPlot(label) {
  const svg = node("svg", { role: "img", "aria-label": label, class: "plot" });
  return svg;
}

/** Round numbers for the axis: 0, 0.5, 1 … or decades on a log scale. */
function ticks(lo, hi, log) {
  if (log) {
    const out = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out;
  }
  const raw = (hi - lo) / 4 || 1;
  const step = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let v = Math.ceil(lo / nice) * nice; v <= hi + nice * 1e-9; v += nice) out.push(v);
  return out;
}

function tickText(v, log) {
  if (log) return v >= 1 ? String(v) : `1e${Math.round(Math.log10(v))}`;
  return Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3)));
}

// the y range of a set of series: [lo, hi], padded; log ranges snap to whole decades
function range(series, log, fixed) {
  if (fixed) return fixed;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series)
    for (const [, y] of s.points) {
      if (!Number.isFinite(y) || (log && y <= 0)) continue;
      lo = Math.min(lo, y);
      hi = Math.max(hi, y);
    }
  if (!(lo <= hi)) return log ? [1e-3, 1] : [0, 1];
  if (log) return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi * 1.0001))];
  return [Math.min(0, lo), hi > lo ? hi * 1.05 : lo + 1];
}

function scaler(lo, hi, top, bottom, log) {
  const f = log ? Math.log10 : (v) => v;
  const a = f(lo);
  const span = f(hi) - a || 1;
  return (v) => bottom - ((f(v) - a) / span) * (bottom - top);
}

function axisY(g, ys, values, log, x, anchor) {
  for (const v of values) {
    const y = ys(v);
    g.append(node("line", { x1: PAD.left, x2: x.right, y1: y, y2: y, class: "grid" }));
    const tx = anchor === "end" ? PAD.left - 6 : x.right + 6;
    g.append(node("text", { x: tx, y: y + 4, "text-anchor": anchor }, tickText(v, log)));
  }
}

function pathOf(points, xs, ys, log) {
  let d = "";
  for (const [x, y] of points) {
    if (!Number.isFinite(y) || (log && y <= 0)) continue;
    d += `${d ? "L" : "M"}${xs(x).toFixed(1)},${ys(y).toFixed(1)}`;
  }
  return d;
}

/**
 * Draw `series` ([{points: [[x, y]], cls, label, right}]) on `svg`. options: xMax, log,
 * yRange ([lo, hi]) for the left axis, right (a label: series with `right` use a 0..1 axis),
 * xLabel, yLabel, height.
 */
export function drawPlot(svg, series, options) {
  const width = Math.max(240, svg.clientWidth || svg.parentElement?.clientWidth || 600);
  const height = options.height ?? 210;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("height", String(height));
  svg.replaceChildren();
  const x = { right: width - (options.right ? PAD.right : 12) };
  const bottom = height - PAD.bottom;
  const left = series.filter((s) => !s.right);
  const [lo, hi] = range(left, options.log, options.yRange);
  const ys = scaler(lo, hi, PAD.top, bottom, options.log);
  const xs = (v) => PAD.left + (v / Math.max(options.xMax, 1)) * (x.right - PAD.left);
  const axes = node("g", { class: "axes" });
  axisY(axes, ys, ticks(lo, hi, options.log), options.log, x, "end");
  if (options.right) {
    const yr = scaler(0, 1, PAD.top, bottom, false);
    for (const v of [0, 0.5, 1])
      axes.append(node("text", { x: x.right + 6, y: yr(v) + 4 }, `${v * 100}%`));
  }
  axes.append(node("line", { x1: PAD.left, x2: x.right, y1: bottom, y2: bottom, class: "axis" }));
  for (const v of [0, Math.round(options.xMax / 2), options.xMax]) {
    const anchor = v === 0 ? "start" : v === options.xMax ? "end" : "middle";
    axes.append(node("text", { x: xs(v), y: bottom + 14, "text-anchor": anchor }, String(v)));
  }
  axes.append(node("text", { x: x.right, y: height - 2, "text-anchor": "end" }, options.xLabel));
  axes.append(node("text", { x: 4, y: 12, class: "y-label" }, options.yLabel ?? ""));
  svg.append(axes);
  const yRight = scaler(0, 1, PAD.top, bottom, false);
  for (const s of series) {
    const d = pathOf(s.points, xs, s.right ? yRight : ys, options.log && !s.right);
    if (d) svg.append(node("path", { d, class: `line ${s.cls}` }));
    if (s.dots)
      for (const [px, py] of s.points)
        svg.append(node("circle", { cx: xs(px), cy: yRight(py), r: 3.5, class: `dot ${s.cls}` }));
  }
}

/** A legend in words: each series' name beside a short sample of its line. */
export function legendItems(series) {
  return series.map((s) => {
    const item = document.createElement("span");
    item.className = "plot-key";
    const sample = node("svg", { width: 26, height: 10, "aria-hidden": "true" });
    sample.append(node("path", { d: "M1,5L25,5", class: `line ${s.cls}` }));
    item.append(sample, document.createTextNode(` ${s.label}`));
    return item;
  });
}
