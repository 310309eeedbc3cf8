// Talking to the server: fetch + an NDJSON stream reader. No DOM.
// Every URL is relative ("api/..."), so the app works under any sub-path.

import { decodeRecord, decodeWeights } from "./codec.js";
import { has, t } from "./i18n.js";

/** A failed request: `message` in the reader's words; `code` and `params` as the server sent. */
export class ApiError extends Error {
  constructor(message, status, code = null, params = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.params = params;
  }
}

/**
 * One error item in the reader's language: the catalogue's sentence for the server's stable
 * code ("error.<code>") when there is one, else the server's own English message (an error
 * this page does not know yet still says something true).
 */
export function errorText({ code, params, msg, loc }) {
  if (code && has(`error.${code}`)) {
    try {
      return t(`error.${code}`, params ?? {});
    } catch {
      // the server sent fewer params than the sentence names: its own message is still true
    }
  }
  const field = (loc ?? []).filter((p) => p !== "body").join(".");
  return field ? `${field}: ${msg}` : (msg ?? "");
}

// FastAPI answers {"detail": "text"} or {"detail": [{loc, msg, type, code?, params?}, ...]}
function fromDetail(detail, status) {
  if (Array.isArray(detail) && detail.length) {
    const { code = null, params = {} } = detail[0];
    return new ApiError(detail.map(errorText).join("; "), status, code, params);
  }
  const text = typeof detail === "string" ? detail : detail ? JSON.stringify(detail) : "";
  return text ? new ApiError(text, status) : null;
}

/** The ApiError a failed response stands for, with the server's reason when it gave one. */
export async function failure(response) {
  const status = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    const err = fromDetail(body.detail, response.status);
    if (err) return err;
    if (body.code || body.message)
      return fromDetail([{ ...body, msg: body.message }], response.status);
  } catch {
    // not JSON (a proxy's error page, say): the status line is all we have
  }
  return new ApiError(status, response.status);
}

const BUSY_TRIES = 3; // answers "503 busy" honoured (each after its Retry-After) before giving up
const LONGEST_WAIT_S = 10;

function pause(seconds, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("aborted", "AbortError"));
    });
  });
}

// Seconds a 503 asks us to wait (Retry-After in seconds), or null when it does not ask.
function retryAfter(response) {
  if (response.status !== 503) return null;
  const s = Number(response.headers.get("Retry-After"));
  return Number.isFinite(s) && s >= 0 ? Math.min(s, LONGEST_WAIT_S) : null;
}

/**
 * fetch, with the server's error made readable. `retry` (for pure requests only: trace, SGD,
 * gradient check) sends the request once more after a network error and again after a 503's
 * Retry-After; `onRetry(text)` is told before each wait so the page can say so.
 */
async function request(path, options = {}, { retry = false, onRetry = null } = {}) {
  const init = { headers: options.body ? { "Content-Type": "application/json" } : {}, ...options };
  let lostOnce = false;
  for (let busy = 0; ; ) {
    let response;
    try {
      response = await fetch(path, init);
    } catch (err) {
      if (err.name === "AbortError") throw err;
      if (!retry || lostOnce) throw new ApiError(t("error.unreachable"), 0);
      lostOnce = true;
      onRetry?.(t("api.retry_dropped"));
      continue;
    }
    const wait = retry && busy < BUSY_TRIES ? retryAfter(response) : null;
    if (response.ok || wait === null) {
      if (!response.ok) throw await failure(response);
      return response;
    }
    busy += 1;
    onRetry?.(t("api.retry_busy", { seconds: wait }));
    await pause(wait, options.signal);
  }
}

// every GET is pure too
async function getJson(path) {
  return (await request(path, {}, { retry: true })).json();
}

function post(body, signal) {
  return { method: "POST", body: JSON.stringify(body), signal };
}

const pure = (onRetry) => ({ retry: true, onRetry });

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

// a {"phase": "error"} line of a stream: the server could not finish it
export function streamError(line) {
  const msg = line.message || t("error.server_failed");
  return new ApiError(errorText({ ...line, msg }), 500, line.code ?? null, line.params ?? {});
}

/**
 * POST api/trace and yield {type: "record", record} for each record, then {type: "result", ...}.
 * A mid-stream {"phase": "error"} line becomes a thrown ApiError.
 */
export async function* streamTrace(body, signal, onRetry) {
  const response = await request(
    "api/trace",
    post({ ...body, encoding: "b64" }, signal),
    pure(onRetry),
  );
  let finished = false;
  for await (const line of ndjson(response)) {
    if (line.phase === "error") throw streamError(line);
    if (line.phase === "result") {
      finished = true;
      yield { type: "result", result: line };
    } else {
      yield { type: "record", record: decodeRecord(line) };
    }
  }
  if (!finished) throw new ApiError(t("error.trace_cut"), 0);
}

export async function sgdStep(body, onRetry) {
  const response = await request("api/sgd", post({ ...body, encoding: "b64" }), pure(onRetry));
  const answer = await response.json();
  return { ...answer, weights: decodeWeights(answer.weights) };
}

export async function gradcheck(body, onRetry) {
  return (await request("api/gradcheck", post(body), pure(onRetry))).json();
}

/** POST api/input-gradient (the input-gradient lab): frames and maps, arrays still encoded. */
export async function inputGradient(body, signal, onRetry) {
  return (await request("api/input-gradient", post(body, signal), pure(onRetry))).json();
}
