"""Every language, in the page: a student whose browser speaks it walks classify → backward
steps → lesson → class session (led by an English-speaking instructor) and never meets a
sentence of the English catalogue; the language menu switches in place and is in the link;
Arabic is laid out right to left except what shows data in space; decimal-comma answers."""

from __future__ import annotations

import pytest

from .conftest import _page
from .test_class_session import start_class
from .test_lesson_a11y import AXE, serious_violations

pytestmark = pytest.mark.browser

# a language's code and the browser locale that should choose it
LOCALES = {"de": "de-DE", "es": "es-ES", "fr": "fr-FR", "zh-Hans": "zh-CN", "ar": "ar-EG"}
DESK = {"viewport": {"width": 1440, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# English text on screen: a visible text node (or an aria-label, title, placeholder) that is a
# whole one-word English value, or holds a multi-word phrase of an English value (placeholders
# cut out). Values the language writes the same (ConvTrace, ReLU, SGD, …) and the trace's own
# names (layers, models) do not count.
ENGLISH_ON_SCREEN = """async ([lang, names]) => {
  const en = (await import('./js/messages/en.js')).default;
  const own = (await import(`./js/messages/${lang}.js`)).default;
  const forms = (v) => (typeof v === 'object' ? Object.values(v) : [v]);
  const words = new Set(), phrases = new Set();
  for (const [key, value] of Object.entries(en)) {
    const same = new Set(forms(own[key] ?? ''));
    for (const form of forms(value)) {
      if (same.has(form)) continue;
      for (const raw of form.split(/\\{\\w+\\}/)) {
        const piece = raw.replace(/^[\\s.,:;·()“”"'—–-]+|[\\s.,:;·()“”"'—–-]+$/g, '');
        if (!/[A-Za-z]{3,}/.test(piece) || names.includes(piece.toLowerCase())) continue;
        if (/\\s/.test(piece) && /[A-Za-z]{3,}.*\\s.*[A-Za-z]{3,}/.test(piece)) phrases.add(piece);
        else if (piece === form.trim()) words.add(piece);
      }
    }
  }
  const shown = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const host = n.parentElement;
    if (!host || host.closest('math, script, style, [hidden]') || !host.checkVisibility()) continue;
    shown.push(n.textContent.trim());
  }
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (!el.checkVisibility()) continue;
    for (const a of ['aria-label', 'title', 'placeholder'])
      if (el.getAttribute(a)) shown.push(el.getAttribute(a));
  }
  const found = new Set();
  for (const text of shown) {
    if (words.has(text)) found.add(text);
    for (const p of phrases) if (text.includes(p)) found.add(p);
  }
  return [...found].sort();
}"""

NAMES = """() => [...new Set([
  ...window.convtrace.trace().records.map((r) => String(r.layer).toLowerCase()),
  ...[...document.querySelectorAll('#model-select option')].map((o) => o.value.toLowerCase()),
])]"""


def english_on(page, lang: str) -> list[str]:
    return page.evaluate(ENGLISH_ON_SCREEN, [lang, page.evaluate(NAMES)])


def open_sample(page, url: str, digit: int = 3) -> None:
    page.goto(url)
    page.wait_for_function("() => window.convtrace?.weights() != null")
    page.evaluate("() => localStorage.clear()")
    page.select_option("#sample-digit", str(digit))
    page.click("#sample")
    page.wait_for_function("() => window.convtrace.traces() > 0")


@pytest.fixture
def pages(browser, app_url, request):
    """(student in the language's locale at the desk, an English instructor)."""
    lang = request.param
    student = _page(browser, app_url, locale=LOCALES[lang], bypass_csp=True, **DESK)
    teacher = _page(browser, app_url, locale="en-US", **DESK)
    yield lang, student[1], teacher[1]
    for context, _, watch in (student, teacher):
        context.close()
        assert not watch.foreign and not watch.errors, (watch.foreign, watch.errors)


@pytest.mark.parametrize("pages", list(LOCALES), indirect=True)
def test_a_student_meets_no_english(pages, app_url, artifacts):
    lang, page, teacher = pages
    open_sample(page, f"{app_url}/")
    assert page.evaluate("() => document.documentElement.lang") == lang
    assert page.get_by_test_id("language").input_value() == lang
    assert f"lang={lang}" in page.url  # the language is part of the link
    seen = {"classify": english_on(page, lang)}
    # tables write numbers the reader's way; the equations' one form is said beside them
    values = page.locator(".prob-row .value").all_inner_texts()
    comma = lang in ("de", "es", "fr")
    assert any(("," if comma else ".") in v for v in values), values
    assert not any(("." if comma else ",") in v for v in values), values
    assert page.locator("#values-note").is_visible() == comma
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    seen["backward"] = english_on(page, lang)
    page.get_by_test_id("lesson-start").click()
    page.get_by_test_id("lesson-next").click()
    page.get_by_test_id("question").wait_for()
    seen["lesson"] = english_on(page, lang)
    page.get_by_test_id("lesson-leave").click()

    code, join_url = start_class(teacher, app_url)
    page.get_by_test_id("class-join").fill(code)
    page.get_by_test_id("class-join").press("Enter")
    page.get_by_test_id("following-banner").wait_for()
    page.wait_for_function("() => window.convtrace.trace().result != null")
    teacher.get_by_test_id("question-pose").click()
    page.get_by_test_id("question").wait_for()
    teacher.wait_for_function("() => window.convtrace.classQuestion() !== null")
    # the question came as data: the student's page words it in the student's language
    mine = page.evaluate("() => window.convtrace.classQuestion()")
    posed = teacher.evaluate("() => window.convtrace.classQuestion()")
    assert mine["step"] == posed["step"] and mine["kind"] == posed["kind"]
    assert mine["prompt"] != posed["prompt"]
    seen["class"] = english_on(page, lang)
    teacher.get_by_test_id("reveal").click()
    page.get_by_test_id("feedback").wait_for()
    seen["reveal"] = english_on(page, lang)
    assert seen == {k: [] for k in seen}
    assert page.evaluate("() => document.documentElement.lang") == lang  # not the teacher's
    for phase, device in (("desk", DESK), ("phone", PHONE)):
        page.set_viewport_size(device["viewport"])
        page.screenshot(path=str(artifacts / f"lang-{lang}-{phase}-class.png"))


def test_the_menu_switches_in_place_and_keeps_the_step(browser, app_url):
    context, page, watch = _page(browser, app_url, locale="en-US", **DESK)
    open_sample(page, f"{app_url}/")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    title = page.locator("#step-title").inner_text()
    page.get_by_test_id("language").select_option("fr")
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    assert page.evaluate("() => window.convtrace.trace().cursor") == 2
    assert page.locator("#step-title").inner_text() != title
    found = english_on(page, "fr")
    assert found == [], found
    assert "lang=fr" in page.url
    page.reload()  # the link keeps the choice over the browser's English
    page.wait_for_function("() => window.convtrace.traces() > 0")
    assert page.evaluate("() => document.documentElement.lang") == "fr"
    # a lesson on screen is worded again too: its question, its card, its buttons
    page.get_by_test_id("lesson-start").click()
    page.get_by_test_id("lesson-next").click()
    page.get_by_test_id("question").wait_for()
    prompt = page.get_by_test_id("question").inner_text()
    page.get_by_test_id("language").select_option("de")
    page.wait_for_function("() => document.documentElement.lang === 'de'")
    assert page.get_by_test_id("question").inner_text() != prompt
    found = english_on(page, "de")
    assert found == [], found
    page.get_by_test_id("language").select_option("en")
    page.wait_for_function("() => document.documentElement.dir === 'ltr'")
    assert page.locator("#classify").inner_text() == "Classify"
    context.close()
    assert not watch.errors, watch.errors


def test_arabic_mirrors_the_page_not_the_data(browser, app_url):
    context, page, watch = _page(browser, app_url, locale="ar", bypass_csp=True, **DESK)
    open_sample(page, f"{app_url}/")
    assert page.evaluate("() => document.documentElement.dir") == "rtl"
    side = page.locator("section.side").bounding_box()
    main = page.locator("#network").bounding_box()
    assert side["x"] > main["x"], "the drawing column moves to the right, the reading start"
    # a heatmap is not mirrored: its column 0 stays on the left
    ltr = page.evaluate(
        """() => [...document.querySelectorAll('.heatmap, math, .pad, .probabilities, .labels')]
          .every((n) => getComputedStyle(n).direction === 'ltr')"""
    )
    assert ltr
    ticks = page.locator("[data-testid=focus-view] .heatmap .ticks span")
    if ticks.count() > 1:
        assert ticks.nth(0).bounding_box()["x"] < ticks.nth(1).bounding_box()["x"]
    digits = page.locator(".labels button")
    assert digits.nth(0).bounding_box()["x"] < digits.nth(9).bounding_box()["x"]
    if AXE.exists():
        assert serious_violations(page) == []
    context.close()
    assert not watch.errors, watch.errors


SCREENS = {
    "desk": DESK,
    "projector": {"viewport": {"width": 1280, "height": 720}},
    "phone": PHONE,
    "tablet": {"viewport": {"width": 820, "height": 1180}, "is_mobile": True},
}


@pytest.mark.parametrize("lang", list(LOCALES))
def test_no_overflow_at_any_screen_and_axe_passes_in_german_and_arabic(
    browser, app_url, artifacts, lang
):
    for name, device in SCREENS.items():
        context, page, watch = _page(
            browser, app_url, locale=LOCALES[lang], bypass_csp=True, **device
        )
        open_sample(page, f"{app_url}/")
        page.keyboard.press("ArrowRight")
        wide = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert wide <= 1, (lang, name, wide)
        if name in ("desk", "phone"):
            page.screenshot(path=str(artifacts / f"lang-{lang}-{name}.png"))
            if AXE.exists() and lang in ("de", "ar"):
                assert serious_violations(page) == [], (lang, name)
        context.close()
        assert not watch.errors, (lang, name, watch.errors)


def test_a_value_answer_reads_a_decimal_comma(browser, app_url):
    context, page, watch = _page(browser, app_url, locale="de-DE", **DESK)
    page.goto(f"{app_url}/")
    out = page.evaluate(
        """async () => {
          const { readNumber } = await import('./js/question-kinds/value.js');
          const { parseAnswer } = await import('./js/questions.js');
          const q = {kind: 'value'};
          return ['0,5', '0.5', '-1,5e-4', ' −0,25 ', '1,234.5', 'abc']
            .map((a) => [readNumber(a), parseAnswer(q, a)]);
        }"""
    )
    assert out == [
        ["0.5", 0.5],
        ["0.5", 0.5],
        ["-1.5e-4", -1.5e-4],
        ["-0.25", -0.25],
        ["1,234.5", None],
        ["abc", None],
    ]
    context.close()
    assert not watch.errors


def test_the_best_of_the_browser_languages_is_chosen(browser, app_url):
    context, page, watch = _page(browser, app_url, locale="en-US", **DESK)
    page.goto(f"{app_url}/")
    picks = page.evaluate(
        """async () => {
          const { preferredLanguage } = await import('./js/language.js');
          return [
            preferredLanguage(null, ['pt-BR', 'es-MX', 'de']),  // the first we have
            preferredLanguage(null, ['zh-TW']),                  // Chinese: simplified
            preferredLanguage(null, ['ar-EG', 'en']),
            preferredLanguage(null, ['ja', 'ko']),               // none: English
            preferredLanguage('fr', ['de-DE']),                  // the link's choice first
            preferredLanguage('xx-YY', ['de-AT']),               // an unknown link: browser's
          ];
        }"""
    )
    assert picks == ["es", "zh-Hans", "ar", "en", "fr", "de"]
    context.close()
    assert not watch.errors


@pytest.mark.parametrize("lab", ["arch-open", "train-open", "ig-open"])
def test_an_open_lab_is_worded_again_when_the_language_changes(browser, app_url, lab):
    """A lab open on screen (the architecture editor, the training lab, the input-gradient lab)
    follows the menu like the rest of the page: no English is left in it."""
    context, page, watch = _page(browser, app_url, locale="en-US", **DESK)
    open_sample(page, f"{app_url}/")
    page.get_by_test_id(lab).click()
    root = page.locator(
        {"arch-open": "#arch", "train-open": "#train-lab", "ig-open": "#input-lab"}[lab]
    )
    root.wait_for()
    page.wait_for_timeout(300)  # its first fetch (layer kinds, presets) answered
    before = root.inner_text()
    page.get_by_test_id("language").select_option("fr")
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    assert root.inner_text() != before
    found = english_on(page, "fr")
    assert found == [], found
    context.close()
    assert not watch.errors, watch.errors


def test_the_menu_switches_before_any_trace(browser, app_url):
    """Nothing classified yet (the weights' panels, the empty input map, the target buttons on
    screen): a change of language leaves no English either."""
    context, page, watch = _page(browser, app_url, locale="en-US", **DESK)
    page.goto(f"{app_url}/")
    page.wait_for_function("() => window.convtrace?.weights() != null")
    page.get_by_test_id("language").select_option("de")
    page.wait_for_function("() => document.documentElement.lang === 'de'")
    assert page.evaluate("() => window.convtrace.traces()") == 0
    layers = page.evaluate(
        "async () => (await (await fetch('api/models')).json()).models"
        ".flatMap((m) => m.spec.layers.map((l) => l.name.toLowerCase()))"
    )
    found = page.evaluate(ENGLISH_ON_SCREEN, ["de", [*layers, "loss"]])
    assert found == [], found
    context.close()
    assert not watch.errors, watch.errors
