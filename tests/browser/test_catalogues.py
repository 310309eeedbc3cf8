"""The message catalogues (frontend/js/messages/*.js): every language has every key of English
with the same placeholders; every key the code names exists in English; the page fills its
static text from the catalogue and never shows a raw key or "undefined"."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .test_lesson import open_with_sample, start_lesson

pytestmark = pytest.mark.browser

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"
MESSAGES = FRONTEND / "js" / "messages"
PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
# t("key"), tParts("key"), has("key") and the page's data-i18n attributes name keys literally;
# t(`area.${what}`) names a family: at least one key must start with its literal head
LITERAL = re.compile(r"\b(?:t|tParts|has)\(\s*\"([^\"]+)\"")
TEMPLATE = re.compile(r"\bt\(\s*`([a-z_.]+)\$\{")
ATTRIBUTE = re.compile(r"data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"")


def placeholders(value: object) -> set[str]:
    forms = value.values() if isinstance(value, dict) else [value]
    return {name for form in forms for name in PLACEHOLDER.findall(str(form))}


def problems(english: dict[str, object], other: dict[str, object], lang: str) -> list[str]:
    """What a catalogue lacks against English: keys, or placeholders English does not have."""
    found = []
    for key, value in english.items():
        if key not in other:
            found.append(f"{lang}: no {key}")
            continue
        extra = placeholders(other[key]) - placeholders(value)
        if extra:
            found.append(f"{lang}: {key} has placeholders English lacks: {sorted(extra)}")
        if isinstance(value, dict) != isinstance(other[key], dict):
            found.append(f"{lang}: {key} is a plural in one language only")
        elif isinstance(other[key], dict) and (
            "other" not in other[key] or set(other[key]) - PLURAL_FORMS
        ):
            found.append(f"{lang}: {key} needs 'other' and only CLDR plural forms")
    return found


def own_problems(english: dict[str, object]) -> list[str]:
    """English on its own: each value a string or plural forms with `other`, each plural's forms
    with the same placeholders."""
    found = []
    for key, value in english.items():
        if isinstance(value, str):
            continue
        if not isinstance(value, dict) or "other" not in value or set(value) - PLURAL_FORMS:
            found.append(f"{key}: not a string nor plural forms with 'other'")
            continue
        names = {form: set(PLACEHOLDER.findall(text)) for form, text in value.items()}
        if len({frozenset(n) for n in names.values()}) > 1:
            found.append(f"{key}: its plural forms name different placeholders {names}")
    return found


def keys_in_code() -> tuple[set[str], set[str]]:
    """(literal keys, template heads) named by the frontend's code and index.html."""
    literal, heads = set(), set()
    for path in [*FRONTEND.glob("js/**/*.js"), FRONTEND / "index.html"]:
        if MESSAGES in path.parents:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        text = "\n".join(line for line in lines if not re.match(r"\s*(//|\*|/\*)", line))
        literal |= set(LITERAL.findall(text)) | set(ATTRIBUTE.findall(text))
        heads |= set(TEMPLATE.findall(text))
    return literal, heads


def load_catalogues(page, app_url) -> dict[str, dict[str, object]]:
    page.goto(f"{app_url}/")
    langs = sorted(p.stem for p in MESSAGES.glob("*.js"))
    return page.evaluate(
        """async (langs) => {
          const out = {};
          for (const lang of langs) out[lang] = (await import(`./js/messages/${lang}.js`)).default;
          return out;
        }""",
        langs,
    )


def test_every_catalogue_has_every_english_key_and_no_foreign_placeholder(page, app_url):
    catalogues = load_catalogues(page, app_url)
    english = catalogues["en"]
    assert len(english) > 200  # the page's text is in it, not a stub
    assert own_problems(english) == []
    found = [
        p for lang, c in catalogues.items() if lang != "en" for p in problems(english, c, lang)
    ]
    assert found == []


def test_the_check_finds_a_missing_key_and_a_foreign_placeholder():
    english = {"a.b": "Hello {name}", "a.c": {"one": "{count} cat", "other": "{count} cats"}}
    assert problems(english, {"a.b": "Hallo {name}", "a.c": {"one": "x", "other": "y"}}, "de") == []
    odd = {"a.b": "x", "a.c": {"one": "{count} Katze", "several": "{count} Katzen"}}
    assert problems(english, odd, "de") == ["de: a.c needs 'other' and only CLDR plural forms"]
    broken = {"a.b": "Hallo {nom}"}
    assert problems(english, broken, "de") == [
        "de: a.b has placeholders English lacks: ['nom']",
        "de: no a.c",
    ]
    assert own_problems({"x": {"one": "{count} a"}, "y": {"one": "{n}", "other": "{m}"}}) == [
        "x: not a string nor plural forms with 'other'",
        "y: its plural forms name different placeholders {'one': {'n'}, 'other': {'m'}}",
    ]


def test_every_key_the_code_names_is_in_english(page, app_url):
    english = load_catalogues(page, app_url)["en"]
    literal, heads = keys_in_code()
    assert len(literal) > 150
    assert sorted(literal - set(english)) == []
    assert [h for h in sorted(heads) if not any(k.startswith(h) for k in english)] == []


class _TextOutsideKeys(HTMLParser):
    """Words in index.html's body that no data-i18n element holds (digits and symbols pass)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.loose: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"input", "meta", "link", "br", "img"}:
            self.stack.append(any(name == "data-i18n" for name, _ in attrs))

    def handle_endtag(self, tag):
        if tag not in {"input", "meta", "link", "br", "img"} and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if re.search(r"[A-Za-z]{2,}", data) and not any(self.stack):
            self.loose.append(data.strip())


def test_index_html_has_no_text_outside_the_catalogue():
    parser = _TextOutsideKeys()
    html = (FRONTEND / "index.html").read_text(encoding="utf-8")
    parser.feed(html.split("<body>", 1)[1])
    assert parser.loose == []
    for attribute in ("aria-label", "title", "placeholder"):
        for tag in re.findall(rf"<[^>]*\s{attribute}=\"[^\"]*\"[^>]*>", html):
            assert f"data-i18n-{attribute}=" in tag, tag


SHOWN = """() => {
  const attrs = [...document.querySelectorAll('[aria-label], [title], [placeholder]')].flatMap(
    (n) => ['aria-label', 'title', 'placeholder'].map((a) => n.getAttribute(a)).filter(Boolean));
  return [document.title, document.body.innerText, ...attrs].join('\\n');
}"""


def test_the_page_shows_no_raw_key_and_no_undefined(page, app_url):
    english_keys = set(load_catalogues(page, app_url)["en"])
    open_with_sample(page, app_url, 3)
    texts = [page.evaluate(SHOWN)]
    page.keyboard.press("ArrowRight")
    start_lesson(page)
    texts.append(page.evaluate(SHOWN))
    page.get_by_test_id("lesson-leave").click()
    page.locator("#network .heatmap").first.click()
    texts.append(page.evaluate(SHOWN))
    for text in texts:
        assert "undefined" not in text and "NaN" not in text
        words = set(re.findall(r"[a-z_]+(?:\.[a-z_]+)+", text))
        assert sorted(words & english_keys) == []
    filled = page.evaluate(
        """async () => {
          const { t } = await import('./js/i18n.js');
          const live = ['step-title', 'target-note', 'step-play'];  // views rewrite these
          return [...document.querySelectorAll('[data-i18n]')]
            .filter((n) => !live.includes(n.id))
            .filter((n) => n.textContent !== t(n.dataset.i18n)).map((n) => n.dataset.i18n);
        }"""
    )
    assert filled == []


def test_a_language_is_one_catalogue_numbers_follow_its_locale(page, app_url):
    page.goto(f"{app_url}/")
    out = page.evaluate(
        """async () => {
          const i18n = await import('./js/i18n.js');
          i18n.useLanguage('de', {
            'lesson.score': 'Punkte {points} / {max}',
            'results.count': {one: '{count} Antwort', other: '{count} Antworten'},
          });
          const said = {
            score: i18n.t('lesson.score', {points: 0.5, max: 15}),
            one: i18n.t('results.count', {count: 1}), many: i18n.t('results.count', {count: 1200}),
            fallback: i18n.t('lesson.check'),
          };
          i18n.useLanguage('en');
          const link = document.createElement('a');
          const parts = i18n.tParts('class.join_how', {link});
          let missing = null;
          try { i18n.t('no.such_key'); } catch (err) { missing = err.message; }
          return {...said, back: i18n.t('lesson.score', {points: 0.5, max: 15}),
                  parts: parts.map((p) => (p === link ? 'LINK' : p)), missing};
        }"""
    )
    assert out["score"] == "Punkte 0,5 / 15" and out["back"] == "Score 0.5 / 15"
    assert out["one"] == "1 Antwort" and out["many"] == "1.200 Antworten"
    assert out["fallback"] == "Check"  # a key the language lacks falls back to English
    assert out["parts"] == ["Join at ", "LINK", " or type the code on the ConvTrace page."]
    assert out["missing"] == 'message key "no.such_key" is not in the catalogue'


def test_server_errors_are_worded_by_their_code(page, app_url):
    page.goto(f"{app_url}/")
    out = page.evaluate(
        """async () => {
          const { errorText } = await import('./js/api.js');
          const item = {loc: ['body', 'drawing'], msg: 'English from the server', type: 'x'};
          return {
            known: errorText({...item, code: 'drawing.no_ink', params: {}}),
            limit: errorText({...item, code: 'request.too_large', params: {limit: 262144}}),
            unknown: errorText({...item, code: 'drawing.brand_new', params: {}}),
            lacking: errorText({...item, code: 'request.too_large', params: {}}),
            bare: errorText(item),
          };
        }"""
    )
    assert out["known"] == "Draw a digit first: the pad has no ink the network can see."
    assert out["limit"] == "The request is too large: at most 262,144 bytes."
    # a code the page does not know yet, or params it lacks: the server's own message
    assert out["unknown"] == out["lacking"] == out["bare"] == "drawing: English from the server"
