// The class's answers to one question, drawn for the instructor (live) and for every student
// (after the reveal): bars for sign and shape answers, a histogram for typed values, a grid of
// click counts for cells and regions. Counts are UI, not data: a neutral grey, never a colour of
// the data maps; the true answer is marked with a tick and a double outline, not by colour.

import { fmt } from "../format.js";
import { el } from "./dom.js";

const SIGN_WORDS = { "+": "+ positive", "-": "− negative", 0: "0 exactly zero" };

function bar(label, count, most, isTruth) {
  const row = el("li", isTruth ? "truth" : "");
  const fill = el("span", "fill");
  fill.style.setProperty("--w", String(most ? count / most : 0));
  const track = el("span", "track");
  track.setAttribute("aria-hidden", "true");
  track.append(fill);
  row.append(el("span", "what", `${label}${isTruth ? " ✓" : ""}`), track, el("span", "n", count));
  return row;
}

function bars(rows, truthKey) {
  const list = el("ul", "result-bars");
  const most = Math.max(0, ...rows.map((r) => r.count));
  for (const r of rows) list.append(bar(r.label, r.count, most, r.key === truthKey));
  return list;
}

function countRows(results) {
  const counts = results.counts ?? [];
  if (results.kind === "sign") {
    const by = new Map(counts.map((c) => [c.answer, c.count]));
    return ["+", "-", "0"].map((s) => ({ key: s, label: SIGN_WORDS[s], count: by.get(s) ?? 0 }));
  }
  return counts.map((c) => ({
    key: c.answer.join("×"),
    label: c.answer.join(" × "),
    count: c.count,
  }));
}

function histogramRows(results) {
  const { edges = [], counts = [] } = results.histogram ?? {};
  return counts.map((count, k) => ({
    key: k,
    label: `${fmt(edges[k], 3)} … ${fmt(edges[k + 1], 3)}`,
    count,
  }));
}

function binOf(results, truth) {
  const edges = results.histogram?.edges ?? [];
  if (truth == null || edges.length < 2) return null;
  for (let k = 0; k < edges.length - 1; k++) {
    const last = k === edges.length - 2;
    if (truth >= edges[k] && (truth < edges[k + 1] || (last && truth <= edges[k + 1]))) return k;
  }
  return null;
}

// a grid of counts: the pool patch (cells) or the 4×4 regions of the digit (saliency)
function grid(results, question, truth) {
  const { row0 = 0, col0 = 0, size, window: k = 1, channel } = question?.patch ?? {};
  const cells = results.kind === "cells";
  const n = cells ? size : (question?.grid ?? 4);
  const counts = new Map((results.cells ?? []).map((c) => [c.cell.join(","), c.count]));
  const right = new Set(
    (results.kind === "cells" ? (truth ?? []) : truth ? [truth] : []).map((c) => c.join(",")),
  );
  const most = Math.max(1, ...counts.values());
  const box = el("div", "result-grid");
  box.style.setProperty("--n", String(n));
  box.setAttribute("role", "table");
  box.setAttribute(
    "aria-label",
    results.kind === "cells" ? "clicks per cell" : "clicks per region",
  );
  for (let r = 0; r < n; r++) {
    const line = el("div", "grid-row");
    line.setAttribute("role", "row");
    for (let c = 0; c < n; c++) {
      const key = cells ? `${row0 + r},${col0 + c}` : `${r},${c}`;
      const count = counts.get(key) ?? 0;
      const cell = el(
        "span",
        right.has(key) ? "truth" : "",
        `${count}${right.has(key) ? "✓" : ""}`,
      );
      cell.setAttribute("role", "cell");
      cell.setAttribute("aria-label", `(${key.replace(",", ", ")}): ${count}`);
      cell.style.setProperty("--level", String(count / most));
      cell.classList.toggle("strong", count / most > 0.55);
      cell.classList.toggle("window-right", cells && c % k === k - 1 && c < n - 1);
      cell.classList.toggle("window-bottom", cells && r % k === k - 1 && r < n - 1);
      line.append(cell);
    }
    box.append(line);
  }
  const caption = cells
    ? `Rows ${row0}–${row0 + n - 1}, columns ${col0}–${col0 + n - 1}, map ${channel}`
    : "Regions of the digit, row by row";
  const figure = el("figure", "result-figure");
  figure.append(box, el("figcaption", "", caption));
  return figure;
}

/**
 * The results block (data-testid="class-results"). results: the server's summary
 * ({kind, answers, right, counts | histogram | cells}); question: the engine's question (patch
 * and grid for the grids); truth: shown and counted as right only when given (after the reveal,
 * or on the instructor's own screen when it chooses to).
 */
export function resultsNode(results, question, truth = null) {
  const box = el("div", "class-results");
  box.dataset.testid = "class-results";
  box.setAttribute("aria-live", "polite");
  const answers = results?.answers ?? 0;
  const said = `${answers} answer${answers === 1 ? "" : "s"}`;
  const right = truth != null && results ? ` · ${results.right} right` : "";
  box.append(el("p", "result-count", `${said}${right}`));
  if (!results || !answers) return box;
  if (results.kind === "sign" || results.kind === "shape") {
    const key = truth == null ? null : results.kind === "sign" ? truth : truth.join("×");
    box.append(bars(countRows(results), key));
  } else if (results.kind === "value") {
    box.append(bars(histogramRows(results), binOf(results, truth)));
    box.append(el("p", "hint", `Answers within ±${fmt(results.tolerance, 2)} of the truth count.`));
  } else {
    box.append(grid(results, question, truth));
  }
  return box;
}

/** An answer of any kind in words. */
export function answerText(kind, answer) {
  if (answer == null) return "no answer";
  if (kind === "sign") return SIGN_WORDS[answer] ?? String(answer);
  if (kind === "value") return fmt(answer, 6);
  if (kind === "shape") return answer.join(" × ");
  if (kind === "cells") return answer.map(([i, j]) => `(${i}, ${j})`).join(", ") || "no cell";
  return `region row ${answer[0]}, column ${answer[1]}`;
}
