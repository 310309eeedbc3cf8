// The input (no equation of its own): a⁰ = x, the preprocessed 28×28 digit.

import { t } from "../i18n.js";
import * as M from "../mathml.js";
import { eq } from "./common.js";
import { general, ml } from "./symbols.js";

const xFormula = () =>
  eq(M.mi("x"), M.mo("="), ml({ base: "a", l: 0 }), M.mo("="), M.mtext(t("eq.input.image")));

export default {
  kinds: ["input"],
  role: "input",
  general: { inp: general("x", ""), out: general("x", "") },
  equations: {
    x: { map: null, formula: xFormula, explain: () => ({}), ask: [] },
  },
};
