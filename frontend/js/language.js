// Which language the page speaks: the link's choice (#lang=…), else the best match among the
// browser's languages, else English. Each language is one catalogue file (messages/<code>.js)
// plus its own name here, for the menu. Switching writes <html lang dir> and the page's static
// text; the flows then word their own parts again (flows/language.js).

import { language, loadLanguage, number } from "./i18n.js";
import { fillPage } from "./page-text.js";

/** code -> the language's name in itself (what the menu shows). */
export const LANGUAGES = {
  en: "English",
  de: "Deutsch",
  es: "Español",
  fr: "Français",
  "zh-Hans": "简体中文",
  ar: "العربية",
};
const RIGHT_TO_LEFT = new Set(["ar"]);

/** The code we have for a BCP 47 tag ("de-AT" -> "de", "zh-CN" -> "zh-Hans"), or null. */
export function matchLanguage(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  const exact = Object.keys(LANGUAGES).find((code) => code.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split("-")[0];
  // Chinese written in traditional characters still reads simplified better than English
  if (primary === "zh") return "zh-Hans";
  return Object.hasOwn(LANGUAGES, primary) ? primary : null;
}

/** The first of the reader's preferred languages we have (their order is their preference). */
export function preferredLanguage(wanted, browser = navigator.languages ?? [navigator.language]) {
  for (const tag of [wanted, ...browser]) {
    const code = matchLanguage(tag);
    if (code) return code;
  }
  return "en";
}

/** Load and switch to `code`: catalogue, <html lang dir>, the page's static text. */
export async function applyLanguage(code) {
  await loadLanguage(code);
  const root = document.documentElement;
  root.lang = code;
  root.dir = RIGHT_TO_LEFT.has(code) ? "rtl" : "ltr";
  fillPage();
  // where prose writes 0,5 the equations' 0.5 needs saying once, beside the formula
  const note = document.getElementById("values-note");
  if (note) note.hidden = number(0.5) === "0.5";
  return language();
}

/** Fill the language menu (a <select>) with every language, in its own name. */
export function fillLanguageMenu(select, current) {
  select.replaceChildren(
    ...Object.entries(LANGUAGES).map(([code, name]) => {
      const option = document.createElement("option");
      option.value = code;
      option.lang = code; // a screen reader reads each name in its own language
      option.textContent = name;
      return option;
    }),
  );
  select.value = current;
}
