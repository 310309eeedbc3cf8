// The network, drawn from data alone: one row per layer, and in each row one "pair" per tensor:
// the tensor (an activation, z, or a parameter) on the left and its gradient on the right once
// backprop reaches it. The same code draws every layer of every architecture.

import { fmt } from "../format.js";
import { LOG_MAX, LOG_MIN } from "../magnitude.js";
import { overviewShape } from "../tiling.js";
import { el } from "./dom.js";
import {
  bindCell,
  createHeatmap,
  createLegend,
  drawHeatmap,
  markHeatmap,
  nameUndrawn,
} from "./heatmap.js";

const layerOfTensor = (name) => name.slice(0, name.lastIndexOf("."));

// The size of a panel's values: a bar on the log scale every panel shares, and the words.
function createMagnitude() {
  const root = el("span", "magnitude");
  const track = el("span", "mag-track");
  track.setAttribute("aria-hidden", "true");
  track.title = `size on one log scale for every panel: 1e${LOG_MIN} … 1e${LOG_MAX}`;
  const bar = el("span", "mag-bar");
  track.append(bar);
  const text = el("span", "mag-text");
  root.append(track, text);
  return { root, bar, text };
}

const TILE_PX = 48; // a folded row of a wide W is drawn at most this large

// How an overview panel draws a tensor of `shape`: a long vector or a wide dense W folded into
// blocks (tiling.overviewShape, same flat indices), as many tiles to a line as `width` takes.
function overviewHeatmap(shape, label, width) {
  const view = overviewShape(shape);
  if (view.shape.length !== 4 || !view.gridCols) {
    return createHeatmap(view.shape, label, { indexShape: shape });
  }
  const [, a, b] = view.shape;
  const cell = Math.max(1, Math.min(4, Math.floor(TILE_PX / Math.max(a, b))));
  const perLine = Math.max(1, Math.floor(width / (b * cell + 4)));
  const gridCols = Math.min(view.gridCols, perLine);
  return createHeatmap(view.shape, label, { cell: [cell, cell], gridCols, indexShape: shape });
}

export function createNetworkView(root) {
  const rows = new Map();
  const panels = new Map();
  let onCell = null;
  let onLayer = null;
  let marked = [];
  let width = 440; // px a panel's heatmap may take: set from the overview's width per network

  function row(layer) {
    if (!rows.has(layer)) addRow({ name: layer, kind: "" });
    return rows.get(layer);
  }

  function addRow({ name, kind, detail }) {
    const section = el("section", "layer-row");
    section.dataset.layer = name;
    section.setAttribute("aria-label", `layer ${name}`);
    const head = el("h3");
    // the layer's name is the overview's navigation: it opens the layer's step in the focus view
    const go = el("button", "layer-go", name);
    go.type = "button";
    go.addEventListener("click", () => onLayer?.(name));
    head.append(go);
    if (kind) head.append(el("span", "kind", ` ${kind}${detail ? ` · ${detail}` : ""}`));
    const pairs = el("div", "pairs");
    section.append(head, pairs);
    root.append(section);
    rows.set(name, { el: section, pairs, byName: new Map() });
  }

  function pair(name) {
    const r = row(layerOfTensor(name));
    if (!r.byName.has(name)) {
      const host = el("div", "pair");
      host.dataset.tensor = name;
      r.pairs.append(host);
      r.byName.set(name, host);
    }
    return r.byName.get(name);
  }

  function makePanel(spec) {
    const figure = el("figure", `panel ${spec.side}`);
    figure.dataset.key = spec.key;
    const cap = el("figcaption");
    const title = el("span", "title");
    cap.append(title);
    const hm = overviewHeatmap(spec.shape, spec.label, width);
    bindCell(hm, (flat) => onCell?.(spec.key, flat));
    figure.append(cap, hm.el);
    const host = pair(spec.pair);
    if (spec.side === "weights") host.classList.add("param");
    if (spec.side === "grad") host.append(figure);
    else host.prepend(figure);
    const size = createMagnitude();
    cap.append(size.root);
    return {
      el: figure,
      cap,
      title,
      hm,
      legend: null,
      state: "", // pending/current flags as last shown
      values: null, // the array and scale last drawn
      drawn: "",
      waiting: null, // a gradient's spec, drawn once its step is reached
      size,
      shape: spec.shape.join("x"),
    };
  }

  function paint(p, spec) {
    // the same array on the same scale is already on screen (a forward tensor drawn as it
    // streamed in, drawn again when the trace completes): repainting it is wasted work
    const drawn = `${spec.scale.kind}:${spec.scale.min}:${spec.scale.max}`;
    if (p.values === spec.values && p.drawn === drawn) return;
    p.values = spec.values;
    p.drawn = drawn;
    const legend = createLegend(spec.scale);
    if (p.legend) p.legend.replaceWith(legend);
    else p.size.root.before(legend);
    p.legend = legend;
    drawHeatmap(p.hm, spec.values, spec.scale);
  }

  return {
    /** Rows in network order: [{name, kind, detail}]. Clears everything drawn before. */
    showLayers(layers) {
      width = Math.max(160, Math.min(440, (root.clientWidth || 440) - 40));
      root.replaceChildren();
      rows.clear();
      panels.clear();
      layers.forEach(addRow);
    },

    /** Draw one tensor: {key, pair, side: "value"|"grad", label, title, shape, values, scale}. */
    /** The reader switched language: every heatmap is described again when next shown. */
    relabel() {
      for (const p of panels.values()) {
        p.drawn = null;
        if (!p.values) nameUndrawn(p.hm);
      }
    },

    showPanel(spec) {
      let p = panels.get(spec.key);
      if (p && p.shape !== spec.shape.join("x")) {
        p.el.remove();
        p = null;
      }
      if (!p) {
        p = makePanel(spec);
        panels.set(spec.key, p);
      }
      p.title.textContent =
        spec.values.length === 1 ? `${spec.title} = ${fmt(spec.values[0])}` : spec.title;
      p.el.hidden = false;
      p.size.bar.style.width = `${(spec.magnitude.position * 100).toFixed(1)}%`;
      p.size.text.textContent = spec.magnitude.text;
      p.el.dataset.magnitude = String(spec.magnitude.max);
      // a gradient is drawn once showPanelStates finds it reached: a new trace then paints the
      // forward pass and the steps reached, not the ~400 tiles of every gradient at once
      p.waiting = spec.side === "grad" ? spec : null;
      if (!p.waiting) paint(p, spec);
    },

    /**
     * Step state of every panel: states = Map key -> {pending, current}. A pending gradient keeps
     * its place (dimmed caption, no colours) so the layout never jumps while stepping.
     */
    showPanelStates(states) {
      // a step changes two or three panels; touching only those keeps the repaint to them
      for (const [key, p] of panels) {
        const s = states.get(key) ?? {};
        const state = `${Boolean(s.pending)}${Boolean(s.current)}`;
        if (!s.pending && p.waiting) {
          paint(p, p.waiting);
          p.waiting = null;
        }
        if (p.state === state) continue;
        p.state = state;
        p.el.classList.toggle("pending", Boolean(s.pending));
        p.el.classList.toggle("current", Boolean(s.current));
        if (s.current) p.el.setAttribute("aria-current", "step");
        else p.el.removeAttribute("aria-current");
      }
    },

    /** Outline cells: [{key, marks: [{flats, style}], grid}]; replaces earlier outlines. */
    showMarks(list) {
      for (const key of marked) {
        const p = panels.get(key);
        if (p) markHeatmap(p.hm, []);
      }
      marked = [];
      for (const { key, marks, grid } of list) {
        const p = panels.get(key);
        if (!p) continue;
        markHeatmap(p.hm, marks, grid);
        marked.push(key);
      }
    },

    scrollTo(key) {
      // the whole pair (tensor and its gradient) when it fits, so both are in view; only the
      // overview's own box scrolls, never the page (on a phone that would leave the focus view)
      const pair = panels.get(key)?.el.closest(".pair");
      if (!pair || root.scrollHeight <= root.clientHeight) return;
      const top = pair.getBoundingClientRect().top - root.getBoundingClientRect().top;
      const bottom = top + pair.offsetHeight;
      if (top < 0 || bottom > root.clientHeight) root.scrollTop += top - 8;
    },

    /** handler(layer) when a layer's name is chosen. */
    bindLayerSelect(handler) {
      onLayer = handler;
    },

    /** handler(key, flat) when a cell of any panel is chosen. */
    bindCellSelect(handler) {
      onCell = handler;
    },
  };
}
