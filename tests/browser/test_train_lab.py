"""The training lab in the page: train the quick preset on a few thousand digits and watch the
loss plot grow, cancel a long job, trace the student's digit at a checkpoint (the page's trace
must be the server's trace of that checkpoint network), open one batch, a class following the
instructor's training, and the card on a phone. Screenshots go to test-artifacts/."""

from __future__ import annotations

import json

import pytest

from .conftest import _page, api_trace
from .screens import DESK, PHONE, open_app, screen

pytestmark = pytest.mark.browser

RUN = "() => window.convtrace.training()"
SMALL = "2000"  # training digits: the quick preset's other settings, done in a few seconds


def pick_sample(page) -> None:
    page.click("#sample")
    page.wait_for_function("() => window.convtrace.traces() > 0")


def start_training(page, train_size: str = SMALL, preset: str = "quick") -> None:
    page.get_by_test_id("train-open").click()
    page.get_by_test_id(f"train-preset-{preset}").click()
    page.get_by_test_id("train-train-size").fill(train_size)
    page.get_by_test_id("train-start").click()


def wait_ended(page, timeout_ms: int = 90_000) -> dict:
    page.wait_for_function(f"() => {RUN[6:]}.ended", timeout=timeout_ms)
    return page.evaluate(RUN)


def test_quick_preset_trains_and_the_plot_grows(page, app_url, artifacts):
    open_app(page, app_url)
    pick_sample(page)
    start_training(page)
    plot = page.get_by_test_id("train-loss-plot")
    seen: list[int] = []
    for _ in range(400):  # sample the plot's point count while the job runs
        run = page.evaluate(RUN)
        seen.append(int(plot.get_attribute("data-points") or 0))
        if run["ended"]:
            break
        page.wait_for_timeout(50)
    run = wait_ended(page)
    page.wait_for_timeout(100)  # the last frame's redraw
    final = int(plot.get_attribute("data-points"))
    assert run["done"] is not None, page.get_by_test_id("train-status").inner_text()
    assert final == run["points"] >= 3
    assert len({n for n in seen if 0 < n < final}) >= 1, f"the plot never grew in steps: {seen}"
    assert plot.locator("path.s-smooth").count() == 1
    assert page.get_by_test_id("train-grad-norms").locator("svg.plot path.line").count() == 3
    assert "%" in page.get_by_test_id("train-accuracy").inner_text()
    assert page.get_by_test_id("train-filters").locator("img.cells").count() >= 1
    # the quick preset on 2 000 digits learns: far above chance on the test digits
    assert run["accuracy"] > 0.5
    scrub = page.get_by_test_id("train-checkpoints")
    assert len(run["checkpoints"]) >= 10
    assert int(scrub.get_attribute("max")) == len(run["checkpoints"]) - 1
    assert "Done" in page.get_by_test_id("train-status").inner_text()
    page.locator("#train-lab").screenshot(path=str(artifacts / "train-lab-desk.png"))


def test_cancel_stops_the_job(page, app_url):
    open_app(page, app_url)
    start_training(page, train_size="12000", preset="good")
    page.wait_for_function(f"() => {RUN[6:]}.points > 0", timeout=30_000)
    page.get_by_test_id("train-cancel").click()
    run = wait_ended(page, 10_000)
    assert run["done"] is None and run["step"] < run["steps"]
    assert "cancelled" in page.get_by_test_id("train-status").inner_text()
    status = page.request.get(f"{app_url}/api/train/{run['job']['id']}").json()
    assert status["state"] == "cancelled"
    assert page.get_by_test_id("train-start").is_enabled()


def test_a_checkpoint_traces_my_digit_with_its_weights(page, app_url):
    open_app(page, app_url)
    pick_sample(page)
    shipped = page.evaluate("() => window.convtrace.trace().result")
    image = page.evaluate("() => Array.from(window.convtrace.trace().records[0].values)")
    start_training(page)
    run = wait_ended(page)
    traces = page.evaluate("() => window.convtrace.traces()")
    scrub = page.get_by_test_id("train-checkpoints")
    scrub.evaluate("(s) => { s.value = '1'; s.dispatchEvent(new Event('change')); }")
    page.wait_for_function(f"() => window.convtrace.traces() > {traces}")
    chosen = run["checkpoints"][1]
    assert page.evaluate("() => window.convtrace.network()") == chosen["network"]
    result = page.evaluate("() => window.convtrace.trace().result")
    rows = [image[r * 28 : (r + 1) * 28] for r in range(28)]
    body = {"network": chosen["network"], "image": rows, "label": result["label"]}
    _, server = api_trace(page, body)
    assert result["loss"] == pytest.approx(server["loss"], rel=1e-5)
    assert result["loss"] != pytest.approx(shipped["loss"], rel=1e-3)
    assert "step" in page.locator(".train-after .train-note").first.inner_text()
    # trained weights: the status line does not call its prediction chance, the model box
    # names the network as the student's own
    page.wait_for_function("() => !document.querySelector('#status').classList.contains('busy')")
    assert "chance" not in page.locator("#status").inner_text()
    box = page.get_by_test_id("model-select")
    assert box.evaluate("(s) => s.selectedOptions[0].textContent").startswith("your own network")
    # the batch opened is that step's own mini-batch (its first 16 of 32), at this checkpoint
    page.get_by_test_id("batch-open").click()
    page.wait_for_function(f"() => {RUN[6:]}.batch != null", timeout=20_000)
    batch = page.evaluate(RUN)["batch"]
    assert batch["step"] == chosen["step"] + 1 and batch["size"] == 16
    assert batch["gap"] < 1e-6


def test_one_batch_opened(page, app_url, artifacts):
    open_app(page, app_url)
    page.get_by_test_id("train-open").click()
    page.get_by_test_id("batch-open").click()
    page.wait_for_function(f"() => {RUN[6:]}.batch != null", timeout=20_000)
    batch = page.evaluate(RUN)["batch"]
    assert batch["size"] == 8 and batch["name"].endswith(".W")
    # the mean of the examples' gradients is the batch's gradient, up to float32 rounding
    assert batch["gap"] < 1e-6
    maps = page.get_by_test_id("batch-maps")
    assert maps.locator(".batch-tile").count() == 9
    assert maps.locator(".batch-mean").count() == 1
    assert page.locator(".batch-eq math munderover").count() == 1
    before = maps.locator(".batch-mean img").get_attribute("src")
    page.get_by_test_id("batch-filter").select_option("3")
    assert maps.locator(".batch-mean img").get_attribute("src") != before
    page.locator(".train-after").screenshot(path=str(artifacts / "train-batch-desk.png"))


def test_a_class_follows_the_instructors_training(browser, app_url):
    desk = _page(browser, app_url, viewport={"width": 1440, "height": 900})
    phone = _page(browser, app_url, **PHONE)
    instructor, student = desk[1], phone[1]
    try:
        open_app(instructor, app_url)
        pick_sample(instructor)
        instructor.get_by_test_id("class-start").click()
        code = instructor.get_by_test_id("class-code").inner_text()
        open_app(student, app_url, f"#class={code}")
        student.wait_for_function("() => window.convtrace.classSession().role === 'student'")
        start_training(instructor)
        instructor.wait_for_function(f"() => {RUN[6:]}.job != null")
        job = instructor.evaluate(RUN)["job"]["id"]
        student.wait_for_function(f"() => {RUN[6:]}.job?.id === {json.dumps(job)}", timeout=20_000)
        lead = wait_ended(instructor)
        run = wait_ended(student)
        assert run["job"]["own"] is False
        assert run["checkpoints"] == lead["checkpoints"]
        assert run["points"] == lead["points"] and run["accuracy"] == lead["accuracy"]
        assert not student.get_by_test_id("train-cancel").is_visible()
        assert not student.get_by_test_id("train-start").is_visible()
    finally:
        for context, _, watch in (desk, phone):
            context.close()
            assert not watch.errors, watch.errors


def test_the_card_fits_a_phone(browser, app_url, artifacts):
    with screen(browser, app_url, PHONE) as page:
        open_app(page, app_url)
        start_training(page)
        wait_ended(page)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways: {width}px"
        small = page.evaluate(
            """() => Array.from(document.querySelectorAll(
                 '#train-lab button, #train-lab select, #train-lab input'))
               .filter((e) => e.offsetParent !== null)
               .map((e) => [e.dataset.testid ?? e.tagName, e.getBoundingClientRect().height])
               .filter(([, h]) => h < 44)"""
        )
        assert not small, f"targets under 44 px: {small}"
        page.locator("#train-lab").screenshot(path=str(artifacts / "train-lab-phone.png"))


def test_a_second_job_waits_in_the_queue_with_an_eta(browser, app_url):
    """The test server has one training worker: a job started while another runs is queued,
    and its page says where it stands and about how long it will wait."""
    first = _page(browser, app_url, viewport={"width": 1280, "height": 800})
    second = _page(browser, app_url, viewport={"width": 1280, "height": 800})
    try:
        open_app(first[1], app_url)
        start_training(first[1], train_size="12000", preset="good")
        first[1].wait_for_function(f"() => {RUN[6:]}.points > 0", timeout=30_000)
        open_app(second[1], app_url)
        start_training(second[1])
        status = second[1].get_by_test_id("train-status")
        second[1].wait_for_function(
            "() => /queue: 0 jobs ahead|queue: 1 job ahead/.test("
            "document.querySelector('[data-testid=train-status]').textContent)"
        )
        assert " s)" in status.inner_text()  # the estimated wait, in seconds
        first[1].get_by_test_id("train-cancel").click()
        second[1].get_by_test_id("train-cancel").click()
        wait_ended(first[1], 10_000)
        wait_ended(second[1], 10_000)
    finally:
        for context, _, watch in (first, second):
            context.close()
            assert not watch.errors, watch.errors


SERIES = """async () => {
  const R = await import('./js/train-series.js');
  const run = {...R.emptyRun(), sigmoid: true};
  const norms = (k) => ({conv1: 0.001 * k, dense: 1 / k});
  for (let k = 1; k <= 10; k++)
    R.addProgress(run, {step: 10 * k, steps: 100, epoch: 1, loss: 10 / k,
                        grad_norms: norms(k), update_ratio: {conv1: 0.01, dense: 0.02}});
  for (let k = 0; k <= 10; k++) R.addCheckpoint(run, {step: 10 * k, network: 'n' + k});
  R.addCheckpoint(run, {step: 100, network: 'again'});
  R.addEval(run, {step: 0, test_accuracy: 0.1, test_size: 500});
  R.addEval(run, {step: 0, test_accuracy: 0.2, test_size: 500});
  const c = R.curvesOf(run);
  return {smooth: run.smooth.slice(0, 2), checkpoints: run.checkpoints.length,
          accuracy: run.accuracy, lines: c.grads.map((s) => s.label), note: c.gradNote,
          early: R.checkpointWords(run, 0), late: R.checkpointWords(run, 10),
          left: R.secondsLeft({...R.emptyRun(), step: 60, steps: 100}, 6, 20),
          end: R.secondsLeft(run, 5, 0), none: R.secondsLeft(R.emptyRun(), 5, 0)};
}"""


def test_the_run_series_and_their_words(page, app_url):
    page.goto(f"{app_url}/")
    out = page.evaluate(SERIES)
    # the smoothed loss is a moving average: 10, then between 10 and 5
    assert out["smooth"][0] == [10, 10] and 5 < out["smooth"][1][1] < 10
    assert out["checkpoints"] == 11  # a checkpoint event repeated after a resume counts once
    assert out["accuracy"] == [[0, 0.2]]
    assert "first" in out["lines"][0] and "last" in out["lines"][1]
    assert "sigmoid" in out["note"] and "vanishing" in out["note"]
    assert out["early"].startswith("Early") and out["late"].startswith("Late")
    # 40 steps in 6 s since step 20: the 40 steps to go take about 6 s more
    assert out["left"] == 6 and out["end"] == 0 and out["none"] is None


def test_the_lab_has_no_serious_axe_violations(browser, app_url):
    from .test_lesson_a11y import AXE, serious_violations

    if not AXE.exists():
        pytest.skip("axe-core not installed: npm ci")
    # axe is injected as a script tag, which the app's CSP (script-src 'self') would block
    context, page, watch = _page(browser, app_url, **DESK, bypass_csp=True)
    try:
        open_app(page, app_url)
        pick_sample(page)
        start_training(page)
        wait_ended(page)
        page.get_by_test_id("batch-open").click()
        page.wait_for_function(f"() => {RUN[6:]}.batch != null", timeout=20_000)
        found = serious_violations(page)
        assert not found, found
    finally:
        context.close()
    assert not watch.errors, watch.errors


def test_training_the_network_in_use_from_the_architecture_editor(page, app_url):
    open_app(page, app_url)
    spec = page.evaluate("async () => (await import('./js/arch-spec.js')).presetSpec('avgpool')")
    made = page.request.post(f"{app_url}/api/networks", data={"spec": spec, "init_seed": 3})
    assert made.ok, made.text()
    network = made.json()["id"]
    page.goto("about:blank")  # a new hash alone would not load the page again
    open_app(page, app_url, f"#n={network}")
    page.wait_for_function(f"() => window.convtrace.network() === {json.dumps(network)}")
    page.get_by_test_id("train-open").click()
    assert page.get_by_test_id("train-network").input_value() == "current"
    page.get_by_test_id("train-train-size").fill(SMALL)
    page.get_by_test_id("train-start").click()
    run = wait_ended(page)
    assert run["done"] is not None, page.get_by_test_id("train-status").inner_text()
    # the job trained that network (average pooling), not a shipped one
    trained = page.request.get(f"{app_url}/api/networks/{run['done']['network']}").json()
    assert [layer["kind"] for layer in trained["spec"]["layers"]].count("avgpool") == 2


CATALOGUE = "async (lang) => (await import(`./js/messages/${lang}.js`)).default"
LOSS_PLOT_TEXT = "(svg) => Array.from(svg.querySelectorAll('text'), (n) => n.textContent)"


def switch_language(page, lang: str) -> dict:
    """Pick `lang` in the language menu; its catalogue."""
    page.get_by_test_id("language").select_option(lang)
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    return page.evaluate(CATALOGUE, lang)


def test_an_open_lab_is_worded_again_during_and_after_a_run(browser, app_url, artifacts):
    """The reader changes the language while the lab is open, during a run and after it: the
    settings, the status line, the plots (axes, legends), the readouts, the network choices,
    the checkpoints and the opened batch are all in the new language, and the lab still works."""
    from .test_languages import english_on

    with screen(browser, app_url, DESK, locale="en-US") as page:
        open_app(page, app_url)
        pick_sample(page)
        start_training(page)
        page.wait_for_function(f"() => {RUN[6:]}.points > 0", timeout=30_000)
        switch_language(page, "fr")  # during the run (or just after a very quick one)
        assert english_on(page, "fr") == []
        wait_ended(page)
        page.wait_for_timeout(100)  # the last frame's redraw
        de = switch_language(page, "de")
        found = english_on(page, "de")
        assert found == [], found
        status = page.get_by_test_id("train-status")
        assert status.inner_text().startswith(de["train.status.done"].split("{")[0])
        assert status.get_attribute("data-kind") == "done"
        texts = page.get_by_test_id("train-loss-plot").evaluate(LOSS_PLOT_TEXT)
        assert de["train.axis.step"] in texts and de["train.axis.loss"] in texts
        legends = page.locator("#train-lab .plot-legend").first.inner_text()
        assert de["train.key.smooth"] in legends
        # numbers the German way: the test accuracy with a decimal comma
        accuracy = page.get_by_test_id("train-accuracy").inner_text()
        assert accuracy.startswith(de["train.accuracy.at"].split("{")[0]) and "," in accuracy
        network = page.get_by_test_id("train-network")
        label = network.evaluate("(s) => s.selectedOptions[0].textContent")
        assert label.endswith(de["train.network.model"].split("}")[-1]), label
        assert page.get_by_test_id("train-train-size").input_value() == SMALL  # kept
        page.set_viewport_size(DESK["viewport"])
        page.screenshot(path=str(artifacts / "train-lab-de-desk.png"))
        # the lab still works in German: a checkpoint traces the digit, a batch opens
        traces = page.evaluate("() => window.convtrace.traces()")
        scrub = page.get_by_test_id("train-checkpoints")
        scrub.evaluate("(s) => { s.value = '1'; s.dispatchEvent(new Event('change')); }")
        page.wait_for_function(f"() => window.convtrace.traces() > {traces}")
        traced = de["train.checkpoint.traced"].split("{")[0]
        page.wait_for_function(
            "(t) => document.querySelector('[data-testid=train-status]').textContent.startsWith(t)",
            arg=traced,
        )
        page.get_by_test_id("batch-open").click()
        page.wait_for_function(f"() => {RUN[6:]}.batch != null", timeout=20_000)
        found = english_on(page, "de")
        assert found == [], found
        # and back to English: the opened batch and the checkpoint are worded again too
        en = switch_language(page, "en")
        after = page.locator(".train-after").inner_text()
        assert en["train.batch.mean"] in after and en["train.batch.of_step"].split("{")[0] in after
        status_en = page.get_by_test_id("train-status").inner_text()
        assert status_en.startswith(en["train.checkpoint.traced"].split("{")[0]), status_en


def test_an_opened_batch_is_read_as_its_conv_gradients(page, app_url):
    """The batch figure's data: the first rank-4 weight, each example's gradient of it, and the
    largest gap between the mean of those and the batch's own gradient (a real batch: ~0)."""
    page.goto(f"{app_url}/")
    out = page.evaluate(
        """async () => {
      const R = await import('./js/train-series.js');
      const g = (values) => ({shape: [2, 1, 1, 1], values});
      const got = {loss: 0.5, mean: {'dense.W': {shape: [10, 4], values: []},
                                      'conv1.W': g([2, 4])},
                   examples: [{label: 3, grads: {'conv1.W': g([1, 3])}},
                              {label: 7, grads: {'conv1.W': g([3, 6])}}]};
      const flat = {mean: {'dense.W': {shape: [10, 4], values: []}}, examples: [], loss: 1};
      return {b: R.batchGradients(got), none: R.batchGradients(flat)};
    }"""
    )
    b = out["b"]
    assert b["name"] == "conv1.W" and b["shape"] == [2, 1, 1, 1]
    assert [e["label"] for e in b["examples"]] == [3, 7]
    assert b["gap"] == 0.5  # (3 + 6) / 2 = 4.5 against 4; (1 + 3) / 2 = 2 against 2
    assert out["none"] is None
