// The text seam: every sentence a student or instructor reads comes from a message catalogue
// (messages/<lang>.js), looked up by a stable key, with {name} placeholders filled in. Numbers
// and plurals go through Intl, so a catalogue never formats a number itself. Pure: no DOM.
//
//   t("classify.draw_first")                  -> "Draw a digit first."
//   t("lesson.score", {points: 3, max: 15})    -> "Score 3 / 15"
//   plural key: {one: "…", other: "…"} picked by Intl.PluralRules for params.count
//
// A language is one file, messages/<code>.js, with exactly English's keys and placeholders
// (tests/browser/test_catalogues.py checks every file there); loadLanguage(code) fetches it.
//
// A key missing from the current language falls back to English; a key missing from English is
// a programming error and throws, so a test finds it (never a blank or a raw key on screen).

import en from "./messages/en.js";

const catalogues = { en };
let lang = "en";

/** The language in force ("en", "de", …). */
export const language = () => lang;

/** Register a catalogue (loaded on demand by the language menu) and switch to it. */
export function useLanguage(code, catalogue) {
  if (catalogue) catalogues[code] = catalogue;
  if (!catalogues[code]) throw new Error(`no message catalogue for language ${code}`);
  lang = code;
}

/** Fetch messages/<code>.js (one file per language) and switch to it; the page's static text
 * is then written again with page-text.js fillPage(). */
export async function loadLanguage(code) {
  catalogues[code] ??= (await import(`./messages/${code}.js`)).default;
  useLanguage(code);
}

/** Does the English catalogue have this key? (for code that words a server's error code). */
export const has = (key) => Object.hasOwn(en, key);

function lookup(key) {
  const own = catalogues[lang]?.[key];
  if (own !== undefined) return own;
  const fallback = en[key];
  if (fallback === undefined) throw new Error(`message key "${key}" is not in the catalogue`);
  return fallback;
}

// Arabic prose keeps the Western digits of the equations and the heatmaps beside it
const NUMBER_LOCALE = { ar: "ar-u-nu-latn" };

/** A number in the reader's locale (decimal comma in de/es/fr). */
export const number = (value, options) =>
  new Intl.NumberFormat(NUMBER_LOCALE[lang] ?? lang, options).format(value);

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (_whole, name) => {
    if (!(name in params)) throw new Error(`message placeholder {${name}} has no value`);
    const value = params[name];
    return typeof value === "number" ? number(value) : String(value);
  });
}

/** The message `key` in the current language, placeholders filled from `params`. */
export function t(key, params = {}) {
  let text = lookup(key);
  if (typeof text === "object") {
    const form = new Intl.PluralRules(lang).select(params.count ?? 0);
    text = text[form] ?? text.other;
  }
  return fill(text, params);
}

/**
 * The message `key` as a list of parts for the DOM: strings, and the params that are not plain
 * values (e.g. a link element) in their place, so a sentence keeps its word order in every
 * language: el.append(...tParts("class.join_how", {link: a})).
 */
export function tParts(key, params = {}) {
  const text = lookup(key);
  if (typeof text !== "string") throw new Error(`message "${key}" is a plural; use t()`);
  return text.split(/(\{\w+\})/).flatMap((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!name) return part ? [part] : [];
    const value = params[name];
    if (value === undefined) throw new Error(`message placeholder {${name}} has no value`);
    return typeof value === "object" ? [value] : [fill(part, params)];
  });
}
