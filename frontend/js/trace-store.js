// The trace store: records, the step cursor and the selection. Pure functions that return a
// new state; nothing here touches the DOM or the network.

/** A forward record's name as the `of` field spells it, e.g. "conv2.z". */
export const tensorName = (record) => `${record.layer}.${record.quantity}`;

export function emptyTrace() {
  return { records: [], result: null, steps: [], cursor: 0, selection: null };
}

export function addRecord(trace, record) {
  return { ...trace, records: [...trace.records, record] };
}

/**
 * The trace is complete. Steps: first the loss (where backprop starts), then every backward
 * record in the order the server computed it. `step` (optional) is where to put the cursor.
 */
export function finish(trace, result, step = 0) {
  const steps = [];
  trace.records.forEach((r, i) => {
    if (r.equation === "xent.L" || r.phase === "backward") steps.push(i);
  });
  const done = { ...trace, result, steps };
  return stepTo(done, step);
}

export function stepTo(trace, k) {
  const last = Math.max(0, trace.steps.length - 1);
  const cursor = Math.max(0, Math.min(last, Number.isFinite(k) ? Math.trunc(k) : 0));
  return { ...trace, cursor };
}

export const next = (trace) => stepTo(trace, trace.cursor + 1);
export const prev = (trace) => stepTo(trace, trace.cursor - 1);
export const atEnd = (trace) => trace.cursor >= trace.steps.length - 1;

/** Index (into records) of the record the current step shows, or -1. */
export function currentIndex(trace) {
  return trace.steps.length ? trace.steps[trace.cursor] : -1;
}

export function currentRecord(trace) {
  const i = currentIndex(trace);
  return i >= 0 ? trace.records[i] : null;
}

/** Step number of a record, or -1 when it is not a step. */
export const stepOf = (trace, index) => trace.steps.indexOf(index);

/** Forward records are always shown once they exist; a gradient only once its step is reached. */
export function isVisible(trace, index) {
  const record = trace.records[index];
  if (!record) return false;
  if (record.phase !== "backward") return true;
  const k = stepOf(trace, index);
  return !trace.steps.length || (k >= 0 && k <= trace.cursor);
}

export function select(trace, index, flat) {
  return { ...trace, selection: index == null ? null : { index, flat } };
}

export function forward(trace, name) {
  return trace.records.find((r) => r.phase === "forward" && tensorName(r) === name) ?? null;
}

/** The backward record that is dL/d(name), e.g. gradientOf(t, "relu2.a"). */
export function gradientOf(trace, name) {
  return trace.records.find((r) => r.phase === "backward" && r.of === name) ?? null;
}

/**
 * The forward tensor a layer reads (e.g. conv2 -> pool1.a): the record its output names in
 * `reads` that is a traced tensor (the others are parameters such as conv2.W).
 */
export function layerInput(trace, layer) {
  const own = layerOutput(trace, layer);
  if (own?.reads) {
    for (const name of own.reads) {
      const input = forward(trace, name);
      if (input) return input;
    }
    return null;
  }
  return inputByOrder(trace, layer);
}

// fallback until records carry reads: the last forward output before the layer's own
function inputByOrder(trace, layer) {
  let previous = null;
  for (const r of trace.records) {
    if (r.phase !== "forward" || r.quantity === "switches") continue;
    if (r.layer === layer) return previous;
    previous = r;
  }
  return null;
}

/** The layer's own forward output (e.g. conv2 -> conv2.z). */
export function layerOutput(trace, layer) {
  return (
    trace.records.find(
      (r) => r.phase === "forward" && r.layer === layer && r.quantity !== "switches",
    ) ?? null
  );
}

export function switchesOf(trace, layer) {
  return trace.records.find((r) => r.layer === layer && r.quantity === "switches") ?? null;
}

function rms(values) {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return values.length ? Math.sqrt(s / values.length) : 0;
}

/**
 * Gradient sizes per layer for the vanishing-gradient chart: RMS of every dL/dz (the error
 * signal a layer receives) and of every dL/dW, in backward order.
 */
export function gradientSizes(trace) {
  return trace.records
    .filter((r) => r.phase === "backward" && (r.quantity === "dL_dz" || r.quantity === "dL_dW"))
    .map((r) => ({ layer: r.layer, quantity: r.quantity, of: r.of, rms: rms(r.values) }));
}

/** The trace as plain data (numbers, not typed arrays) for download. */
export function toPlain(trace, meta) {
  return {
    ...meta,
    result: trace.result,
    records: trace.records.map(({ values, ...r }) => ({ ...r, data: Array.from(values) })),
  };
}
