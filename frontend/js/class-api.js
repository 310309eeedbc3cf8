// Class sessions (api/classes): fetch + EventSource wrappers. No DOM.
// The instructor's token travels only in an Authorization header (never a URL) and is kept in
// sessionStorage, so a reload keeps control but a new tab or a shared link does not.

import { ApiError, failure, streamError } from "./api.js";
import { decodeRecord } from "./codec.js";
import { t } from "./i18n.js";

const TOKEN_KEY = "convtrace.class.";
const STUDENT_KEY = "convtrace.student";
const RETRY_MS = [1000, 2000, 5000, 10000]; // reconnect delays after a failed stream

async function call(path, { method = "GET", token, body, signal } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`api/classes${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(t("error.unreachable"), 0);
  }
  if (!response.ok) throw await failure(response);
  return response;
}

const json = async (response) => (response.status === 204 ? null : response.json());
const path = (code, rest = "") => `/${encodeURIComponent(code)}${rest}`;

/** Start a class; remembers the instructor token for this tab. */
export async function startClass(storage = sessionStorage) {
  const body = await json(await call("", { method: "POST" }));
  storage.setItem(TOKEN_KEY + body.code, body.instructor_token);
  return {
    code: body.code,
    token: body.instructor_token,
    joinUrl: body.join_url,
    expiresAt: body.expires_at,
  };
}

/** The token of a class this tab started (after a reload), or null. */
export function instructorToken(code, storage = sessionStorage) {
  return storage.getItem(TOKEN_KEY + code);
}

/** This browser's anonymous student id: random, kept, never a name. */
export function studentId(storage = localStorage) {
  let id = storage.getItem(STUDENT_KEY);
  if (!id) {
    id = `s-${crypto.randomUUID()}`;
    storage.setItem(STUDENT_KEY, id);
  }
  return id;
}

export const classInfo = async (code) => json(await call(path(code)));
export const qrUrl = (code) => `api/classes${path(code, "/qr.svg")}`;

/** The 28x28 input (values 0..1) as the base64 of its 784 bytes, as the state carries it. */
export function imageBase64(pixels) {
  let text = "";
  for (const v of pixels)
    text += String.fromCharCode(Math.round(Math.min(1, Math.max(0, v)) * 255));
  return btoa(text);
}

export async function putState(code, token, state) {
  await call(path(code, "/state"), { method: "PUT", token, body: state });
}

export async function poseQuestion(code, token, question) {
  return (
    await json(await call(path(code, "/questions"), { method: "POST", token, body: question }))
  ).id;
}

export async function sendAnswer(code, questionId, student, answer) {
  const body = { question_id: questionId, student, answer };
  await call(path(code, "/answers"), { method: "POST", body });
}

export async function fetchResults(code, token, questionId) {
  return json(await call(path(code, `/questions/${questionId}/results`), { token }));
}

export async function reveal(code, token, questionId) {
  await call(path(code, `/questions/${questionId}/reveal`), { method: "POST", token });
}

export async function endClass(code, token, storage = sessionStorage) {
  await call(path(code), { method: "DELETE", token });
  storage.removeItem(TOKEN_KEY + code);
}

/**
 * The class's current trace (computed once on the server for everyone):
 * {version, records: [decoded records], result}.
 */
export async function fetchClassTrace(code, signal) {
  const response = await call(path(code, "/trace"), { signal });
  const lines = (await response.text()).split("\n").filter((line) => line.trim());
  const parsed = lines.map((line) => JSON.parse(line));
  const failed = parsed.find((line) => line.phase === "error");
  if (failed) throw streamError(failed);
  return {
    version: Number(response.headers.get("X-Class-Version")),
    records: parsed.filter((line) => line.phase !== "result").map(decodeRecord),
    result: parsed.find((line) => line.phase === "result") ?? null,
  };
}

const KINDS = ["state", "question", "results", "reveal", "end"];

/**
 * Follow a class: handlers.state/question/results/reveal/end(data) per event, and
 * handlers.status("live" | "reconnecting" | "full" | "ended") on connection changes. A stream that
 * fails for good (a 503 while the store is down, a worker gone) is reopened after a growing
 * delay; the server starts every stream with the current state, so nothing is missed.
 * Pass student (studentId()) to be counted; omit it for a projector or the instructor.
 * Returns {close()}.
 */
export function followClass(code, handlers, student = null) {
  const query = student ? `?student=${encodeURIComponent(student)}` : "";
  const url = `api/classes${path(code, "/events")}${query}`;
  let source = null;
  let timer = null;
  let failures = 0;
  let closed = false;

  const close = () => {
    closed = true;
    clearTimeout(timer);
    source?.close();
  };
  const open = () => {
    source = new EventSource(url);
    source.onopen = () => {
      failures = 0;
      handlers.status?.("live");
    };
    for (const kind of KINDS) {
      source.addEventListener(kind, (event) => handlers[kind]?.(JSON.parse(event.data)));
    }
    source.addEventListener("end", () => {
      close();
      handlers.status?.("ended");
    });
    source.onerror = async () => {
      if (closed || source.readyState !== EventSource.CLOSED) return; // the browser retries itself
      handlers.status?.("reconnecting");
      try {
        const info = await classInfo(code);
        // a refused stream looks like any failed one: say so when the class is full (409)
        if (student && info.students >= info.capacity) handlers.status?.("full");
      } catch (err) {
        if (err.status === 404) {
          close(); // ended or expired: nothing to come back to
          handlers.status?.("ended");
          return;
        }
      }
      if (closed) return;
      timer = setTimeout(open, RETRY_MS[Math.min(failures, RETRY_MS.length - 1)]);
      failures += 1;
    };
  };
  open();
  return { close };
}
