// The network endpoints: the layer catalogue, checking a spec, storing a network, reading one
// back. No DOM. A spec the server refuses comes back as its detail items (not an exception), so
// the editor can put each reason beside its layer.

import { ApiError, failure } from "./api.js";
import { decodeWeights, encodeWeights } from "./codec.js";

async function send(path, body, signal) {
  const init = { method: "POST", headers: { "Content-Type": "application/json" }, signal };
  return fetch(path, { ...init, body: JSON.stringify(body) });
}

async function answer(response) {
  if (!response.ok) throw await failure(response);
  return response.json();
}

async function reach(path, init) {
  try {
    return await init();
  } catch (err) {
    if (err.name === "AbortError") throw err;
    throw new ApiError(`Cannot reach the server (${path}). Is it running?`, 0);
  }
}

/** GET api/layers: the layer kinds, their fields and the limits. */
export async function fetchLayers() {
  return answer(await reach("api/layers", () => fetch("api/layers")));
}

/**
 * POST api/networks/check: {ok: true, check: {input, layers, params, macs}} or, for a spec the
 * server refuses (422), {ok: false, detail: [{loc, msg, code, params}]}.
 */
export async function checkNetwork(spec, signal) {
  const response = await reach("api/networks/check", () =>
    send("api/networks/check", { spec }, signal),
  );
  if (response.status === 422) {
    const body = await response.json().catch(() => ({}));
    return { ok: false, detail: body.detail ?? [] };
  }
  return { ok: true, check: await answer(response) };
}

/** POST api/networks with {spec, init_seed} or {spec, weights}: the network's id. */
export async function createNetwork({ spec, seed, weights }) {
  const body = weights ? { spec, weights: encodeWeights(weights) } : { spec, init_seed: seed };
  const response = await reach("api/networks", () => send("api/networks", body));
  return (await answer(response)).id;
}

/** GET api/networks/{id}: {spec, weights: {name: {shape, values}}}. */
export async function fetchNetwork(id) {
  const path = `api/networks/${encodeURIComponent(id)}`;
  const got = await answer(await reach(path, () => fetch(path)));
  return { ...got, weights: decodeWeights(got.weights) };
}
