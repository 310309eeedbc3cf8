// The question kinds, one record each, declared once: the lesson, the class card, the class
// results and the class flows all reach a kind only through this table, so a new kind is one
// new file here plus one line below (and the equation that asks it, in question-plan.js).
//
// A kind record:
//   name                      the kind's id (as the server's classes/questions.py knows it)
//   parse(answer)             the answer in the engine's form, or null when it cannot be read
//   truth(question, trace)    the true answer, read from the trace
//   same(given, truth, q)     is a parsed answer right
//   format()                  how to answer (said when an answer cannot be read)
//   wrongHint(q, given, truth) what to rethink before the question's own hint, or ""
//   words(answer, q)          an answer (or the truth) in words
//   reveal(question, trace)   one sentence for after the reveal, with the step's numbers
//   control(question, image)  the answer control {node, read()} (native inputs)
//   prefill(node, answer)     an answer already sent, shown again in a rebuilt control
//   results(summary, q, truth) the class's answers drawn: an array of nodes
//   place(question)           the fields the server reads the truth with (besides record)
//   posted                    (optional) true: not about the trace, the truth is posted with it
//   prompt(question)          (optional, posted kinds) the prompt in the reader's language, from
//                             the numbers the question carries (`params`)

import cells from "./cells.js";
import digit from "./digit.js";
import saliency from "./saliency.js";
import shape from "./shape.js";
import sign from "./sign.js";
import value from "./value.js";

const DECLARED = [sign, cells, value, shape, saliency, digit];

export const KIND = Object.fromEntries(DECLARED.map((kind) => [kind.name, kind]));
export const KINDS = DECLARED.map((kind) => kind.name);

/** A question's prompt in the language in force: a posted kind words it from its `params`; a
 * question without them (or of another kind) keeps the words it came with. */
export function promptOf(question) {
  return (question.params && kindOf(question).prompt?.(question)) || question.prompt;
}

/** The record of a question's kind; an unknown kind is a programming error, said loudly. */
export function kindOf(question) {
  const kind = KIND[question?.kind];
  if (!kind) throw new Error(`unknown question kind "${question?.kind}"`);
  return kind;
}
