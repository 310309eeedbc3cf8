// The drawing pad (pointer events: mouse, touch and pen alike) and "what the network sees".

import { makeScale } from "../colormap.js";
import { t } from "../i18n.js";
import { createHeatmap, createLegend, drawHeatmap, nameUndrawn } from "./heatmap.js";

const SENT = 140; // the pad is sent downsampled to 140x140: plenty for a 28x28 result

export function createDrawpad({ pad, clear, classify, sampleDigit, sample, seen }) {
  const ctx = pad.getContext("2d", { willReadFrequently: true });
  let last = null;
  let inked = false;
  let onDraw = null;

  function reset() {
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, pad.width, pad.height);
    inked = false;
  }
  reset();

  function point(ev) {
    const box = pad.getBoundingClientRect();
    return [
      ((ev.clientX - box.left) / box.width) * pad.width,
      ((ev.clientY - box.top) / box.height) * pad.height,
    ];
  }

  function stroke(from, to, pressure) {
    ctx.strokeStyle = "#000";
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.lineWidth =
      (pad.width / 13) * (pressure > 0 && pressure !== 0.5 ? 0.6 + pressure * 0.8 : 1);
    ctx.beginPath();
    ctx.moveTo(...from);
    ctx.lineTo(...to);
    ctx.stroke();
  }

  // One stroke at a time: only the primary pointer draws, so a resting palm or a second finger
  // on a tablet neither adds ink nor joins two fingers with a line.
  let drawing = null;
  pad.addEventListener("pointerdown", (ev) => {
    if (!ev.isPrimary) return;
    drawing = ev.pointerId;
    pad.setPointerCapture(ev.pointerId);
    last = point(ev);
    stroke(last, last, ev.pressure);
    inked = true;
    ev.preventDefault();
  });
  pad.addEventListener("pointermove", (ev) => {
    if (!last || ev.pointerId !== drawing) return;
    const p = point(ev);
    stroke(last, p, ev.pressure);
    last = p;
  });
  const end = (ev) => {
    if (!last || ev.pointerId !== drawing) return;
    last = null;
    drawing = null;
    onDraw?.();
  };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);

  const seenMap = createHeatmap([28, 28, 1], t("pad.seen_name"));
  seen.append(seenMap.el);
  let seenLegend = null;

  return {
    /** h = {clear, classify, draw (a stroke ended), sample(digit)} */
    bind(h) {
      onDraw = h.draw;
      clear.addEventListener("click", h.clear);
      classify.addEventListener("click", h.classify);
      sample.addEventListener("click", () => h.sample(Number(sampleDigit.value)));
    },

    clearPad: reset,
    isBlank: () => !inked,

    /** The pad as H x W nested lists, 0..1, ink high (each value averages a block of pixels). */
    drawing() {
      const { data } = ctx.getImageData(0, 0, pad.width, pad.height);
      const k = pad.width / SENT;
      const out = [];
      for (let r = 0; r < SENT; r++) {
        const line = new Array(SENT);
        for (let c = 0; c < SENT; c++) {
          let s = 0;
          for (let a = 0; a < k; a++) {
            for (let b = 0; b < k; b++) s += data[((r * k + a) * pad.width + c * k + b) * 4];
          }
          line[c] = Math.round((1 - s / (255 * k * k)) * 1000) / 1000;
        }
        out.push(line);
      }
      return out;
    },

    /** Paint a 28x28 0..1 image (a sample or a shared link) onto the pad. */
    showImage(values, rows = 28, cols = 28) {
      reset();
      const cw = pad.width / cols;
      const ch = pad.height / rows;
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          const g = Math.round(255 * (1 - values[i * cols + j]));
          ctx.fillStyle = `rgb(${g} ${g} ${g})`;
          ctx.fillRect(j * cw, i * ch, Math.ceil(cw), Math.ceil(ch));
        }
      }
      inked = true;
    },

    /** The reader switched language before any trace: the empty input map named again. */
    relabelSeen() {
      nameUndrawn(seenMap, t("pad.seen_name"));
    },

    /** The trace's first record: the 28x28 image the network actually sees. */
    showSeen(record) {
      seenMap.name = t("pad.seen_name"); // in the language in force, which may have changed
      const scale = makeScale("sequential", record.values);
      drawHeatmap(seenMap, record.values, scale);
      const legend = createLegend(scale);
      if (seenLegend) seenLegend.replaceWith(legend);
      else seen.append(legend);
      seenLegend = legend;
    },
  };
}
