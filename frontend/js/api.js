// Talking to the server: fetch + an NDJSON stream reader. No DOM.
// Every URL is relative ("api/..."), so the app works under any sub-path.

import { decodeRecord, decodeWeights } from "./codec.js";

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

// FastAPI answers {"detail": "text"} or {"detail": [{loc, msg}, ...]}; make one readable line.
function detailText(detail) {
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((d) => `${(d.loc ?? []).filter((p) => p !== "body").join(".")}: ${d.msg}`)
      .join("; ");
  }
  return detail ? JSON.stringify(detail) : "";
}

async function failure(response) {
  let text = "";
  try {
    const body = await response.json();
    text = detailText(body.detail) || body.message || "";
  } catch {
    // not JSON (a proxy's error page, say): the status line is all we have
  }
  return new ApiError(text || `${response.status} ${response.statusText}`, response.status);
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, {
      headers: options.body ? { "Content-Type": "application/json" } : {},
      ...options,
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError("Cannot reach the server. Is it running?", 0);
  }
  if (!response.ok) throw await failure(response);
  return response;
}

async function getJson(path, options) {
  return (await request(path, options)).json();
}

function post(body, signal) {
  return { method: "POST", body: JSON.stringify(body), signal };
}

export function fetchModels() {
  return getJson("api/models");
}

export async function fetchModel(name) {
  const model = await getJson(`api/models/${encodeURIComponent(name)}`);
  return { ...model, weights: decodeWeights(model.weights) };
}

export function fetchSamples(digit, count = 1) {
  return getJson(`api/samples?digit=${digit}&count=${count}`);
}

/** Lines of an NDJSON body, parsed, as they arrive. */
async function* ndjson(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    const lines = buffer.split("\n");
    buffer = lines.pop(); // an unfinished line waits for the next chunk
    for (const line of lines) if (line.trim()) yield JSON.parse(line);
    if (done) break;
  }
  if (buffer.trim()) yield JSON.parse(buffer);
}

/**
 * POST api/trace and yield {type: "record", record} for each record, then {type: "result", ...}.
 * A mid-stream {"phase": "error"} line becomes a thrown ApiError.
 */
export async function* streamTrace(body, signal) {
  const response = await request("api/trace", post({ ...body, encoding: "b64" }, signal));
  let finished = false;
  for await (const line of ndjson(response)) {
    if (line.phase === "error") throw new ApiError(line.message || "the server failed", 500);
    if (line.phase === "result") {
      finished = true;
      yield { type: "result", result: line };
    } else {
      yield { type: "record", record: decodeRecord(line) };
    }
  }
  if (!finished) throw new ApiError("the trace stopped before its result arrived", 0);
}

export async function sgdStep(body, signal) {
  const answer = await getJson("api/sgd", post({ ...body, encoding: "b64" }, signal));
  return { ...answer, weights: decodeWeights(answer.weights) };
}

export function gradcheck(body, signal) {
  return getJson("api/gradcheck", post(body, signal));
}
