// The training lab's endpoints: start, cancel and follow a training job (POST/DELETE
// api/train, its SSE event stream), sample digits for a batch, and POST api/batch-trace. No DOM.
// URLs are relative, like every other request of the page, so the app works under a sub-path.

import { ApiError, failure } from "./api.js";
import { decodeWeights } from "./codec.js";

const CLIENT_KEY = "convtrace-train-client";

// The server allows one job per client; this random id names the tab's browser (a class behind
// one NAT address would otherwise count as one client).
function clientId(storage = sessionStorage) {
  let id = storage.getItem(CLIENT_KEY);
  if (!id) {
    id = `t-${crypto.randomUUID()}`;
    storage.setItem(CLIENT_KEY, id);
  }
  return id;
}

async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(`Cannot reach the server (${path}). Is it running?`, 0);
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

const jobPath = (id) => `api/train/${encodeURIComponent(id)}`;

/** POST api/train: {id, position, steps, job} (202), or an ApiError naming the field. */
export function startJob(body) {
  return call("api/train", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Client-Id": clientId() },
    body: JSON.stringify(body),
  });
}

/** DELETE api/train/{id}: the job's status after the cancel. */
export const cancelJob = (id) => call(jobPath(id), { method: "DELETE" });

/** The events a job's stream carries; the last three end it. */
export const EVENT_KINDS = [
  "queued",
  "started",
  "progress",
  "filters",
  "checkpoint",
  "eval",
  "done",
  "failed",
  "cancelled",
];
const TERMINAL = new Set(["done", "failed", "cancelled"]);

/**
 * Follow job `id`: `onEvent(kind, data)` for every event from the first (a follower who comes
 * late sees the whole run). EventSource reconnects by itself with Last-Event-ID, so a dropped
 * connection resumes where it stopped; `onLost()` when the stream is gone for good (the job
 * expired, or the server refused). Returns {close()}.
 */
export function followJob(id, onEvent, onLost) {
  const source = new EventSource(`${jobPath(id)}/events`);
  let ended = false;
  for (const kind of EVENT_KINDS) {
    source.addEventListener(kind, (ev) => {
      if (ended) return;
      if (TERMINAL.has(kind)) {
        ended = true;
        source.close();
      }
      onEvent(kind, JSON.parse(ev.data));
    });
  }
  source.onerror = () => {
    // CONNECTING: the browser is retrying by itself; CLOSED: it gave up (404, 204)
    if (!ended && source.readyState === EventSource.CLOSED) onLost?.();
  };
  return {
    close() {
      ended = true;
      source.close();
    },
  };
}

/** GET api/train/{id}/batch?step=N: {step, batch_size, labels, images} (its first 16). */
export const stepBatch = (id, step) => call(`${jobPath(id)}/batch?step=${step}`);

/** `count` sample digits of different classes: [{image (28x28, 0..1), label}]. */
export async function sampleBatch(count) {
  const offset = Math.floor(Math.random() * 5);
  const asks = Array.from({ length: count }, (_, k) =>
    call(`api/samples?digit=${k % 10}&count=1&offset=${offset}`),
  );
  const answers = await Promise.all(asks);
  return answers.map((a) => a.samples[0]).filter(Boolean);
}

/**
 * POST api/batch-trace: {batch_size, loss, examples: [{label, loss, prediction, grads}], mean},
 * the gradients decoded to {name: {shape, values}}.
 */
export async function batchTrace(body) {
  const got = await call("api/batch-trace", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    ...got,
    examples: got.examples.map((e) => ({ ...e, grads: decodeWeights(e.grads) })),
    mean: decodeWeights(got.mean),
  };
}
