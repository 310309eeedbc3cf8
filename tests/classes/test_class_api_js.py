"""frontend/js/class-api.js in Chromium against a live server: a whole class through the
wrappers (start, follow, state, trace, question, answer, results, reveal, end)."""

from __future__ import annotations

from pathlib import Path

import pytest
from convtrace.registry import Registry

from tests.classes.conftest import class_settings, serve

CHROMIUM = Path("/usr/bin/chromium")
SCRIPT = """
async () => {
  const api = await import("./js/class-api.js");
  const until = async (test) => {
    for (let i = 0; i < 100 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
    return test();
  };
  const seen = [];
  const statuses = [];
  const started = await api.startClass();
  const { code } = started;
  const token = api.instructorToken(code);
  const handlers = { status: (s) => statuses.push(s) };
  for (const kind of ["state", "question", "results", "reveal", "end"]) {
    handlers[kind] = (data) => seen.push([kind, data]);
  }
  const student = api.studentId();
  api.followClass(code, handlers, student);
  await until(() => statuses.includes("live"));
  const image = api.imageBase64(new Float32Array(784).fill(0.5));
  await api.putState(code, token, { image, model: "lenet-relu", step: 2, label: 3 });
  await until(() => seen.some(([k, d]) => k === "state" && d?.step === 2));
  const trace = await api.fetchClassTrace(code);
  const info = await api.classInfo(code);
  const question = { kind: "sign", step: 2, prompt: "?", truth: "+" };
  const id = await api.poseQuestion(code, token, question);
  await api.sendAnswer(code, id, student, "-");
  const results = await api.fetchResults(code, token, id);
  await api.reveal(code, token, id);
  await until(() => seen.some(([k]) => k === "reveal"));
  let refused = null;
  try { await api.sendAnswer(code, id, student, "+"); } catch (err) { refused = err.status; }
  await api.endClass(code, token);
  await until(() => statuses.includes("ended"));
  return {
    token, student, info, results, refused, statuses,
    kinds: seen.map(([k]) => k),
    traceVersion: trace.version, records: trace.records.length, result: trace.result,
    sameStudent: api.studentId() === student, forgotten: api.instructorToken(code),
  };
}
"""


@pytest.mark.browser
def test_a_class_through_class_api_js(registry: Registry) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (make test installs it)")
    from playwright.sync_api import sync_playwright

    server = serve(class_settings(), registry)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox", "--headless"]
            )
            page = browser.new_page()
            page.goto(f"{server.url}/healthz")
            out = page.evaluate(SCRIPT)
            browser.close()
    finally:
        server.stop()
    assert out["kinds"][:2] == ["state", "state"] and "question" in out["kinds"]
    assert out["kinds"][-2:] == ["reveal", "end"] and out["statuses"][-1] == "ended"
    assert out["info"]["students"] == 1 and out["info"]["state"]["step"] == 2
    assert out["traceVersion"] == 1 and out["records"] > 20 and out["result"]["label"] == 3
    assert out["results"]["counts"] == [{"answer": "-", "count": 1}]
    assert out["refused"] == 409 and out["sameStudent"] and out["forgotten"] is None
    assert len(out["token"]) >= 22 and out["student"].startswith("s-")
