"""The question kinds, declared once per side: the page's table (js/question-kinds/) has a full
record for exactly the server's kinds (classes/questions.py), each kind's control gives back the
answer it was filled with, its results draw, and an unknown kind is a loud error."""

from __future__ import annotations

import pytest
from convtrace.classes import questions

from .test_lesson import open_with_sample

pytestmark = pytest.mark.browser

FIELDS = [
    "parse", "truth", "same", "format", "wrongHint", "words", "reveal", "control", "prefill",
    "results", "place",
]  # fmt: skip

QUESTIONS = {
    "sign": ({"kind": "sign", "cell": [3]}, "-"),
    "value": ({"kind": "value", "cell": [3], "tolerance": 0.01}, -0.25),
    "shape": ({"kind": "shape"}, [12, 12, 6]),
    "cells": (
        {
            "kind": "cells",
            "patch": {
                "row0": 4,
                "col0": 2,
                "size": 4,
                "window": 2,
                "channel": 1,
                "values": [0.1 * n for n in range(16)],
            },
        },
        [[4, 3], [5, 5], [6, 2], [7, 4]],
    ),  # fmt: skip
    "saliency": ({"kind": "saliency", "grid": 4, "region": 7}, [2, 1]),
    "digit": ({"kind": "digit", "truth": 5}, 5),
}
SUMMARIES = {
    "sign": {"counts": [{"answer": "-", "count": 2}]},
    "value": {"histogram": {"edges": [-0.3, -0.2], "counts": [2]}, "tolerance": 0.01},
    "shape": {"counts": [{"answer": [12, 12, 6], "count": 2}]},
    "cells": {"cells": [{"cell": [4, 3], "count": 2}]},
    "saliency": {"cells": [{"cell": [2, 1], "count": 2}]},
    "digit": {"counts": [{"answer": 5, "count": 2}]},
}


def run(page, app_url, body, arg=None):
    page.goto(f"{app_url}/")
    return page.evaluate(f"async (arg) => {{ {body} }}", arg)


def test_the_page_declares_exactly_the_servers_kinds_each_in_full(page, app_url):
    out = run(
        page,
        app_url,
        """
      const K = await import('./js/question-kinds/index.js');
      const Q = await import('./js/questions.js');
      const missing = K.KINDS.flatMap((name) =>
        arg.filter((f) => typeof K.KIND[name][f] !== 'function').map((f) => `${name}.${f}`));
      let unknown = null;
      try { Q.parseAnswer({kind: 'colour'}, 'red'); } catch (err) { unknown = err.message; }
      return {kinds: K.KINDS, same: Q.KINDS, missing, unknown};""",
        FIELDS,
    )
    assert out["kinds"] == list(questions.KINDS) == out["same"]
    assert out["missing"] == []
    assert out["unknown"] == 'unknown question kind "colour"'


def test_each_control_gives_back_its_answer_and_each_result_draws(page, app_url):
    out = run(
        page,
        app_url,
        """
      const { KIND } = await import('./js/question-kinds/index.js');
      const out = {};
      for (const [name, [question, answer]] of Object.entries(arg.questions)) {
        const kind = KIND[name];
        const control = kind.control(question, new Float32Array(784));
        document.body.append(control.node);
        kind.prefill(control.node, answer);
        const read = kind.parse(control.read());
        control.node.remove();
        const nodes = kind.results({kind: name, answers: 2, right: 2, ...arg.summaries[name]},
                                   question, answer);
        out[name] = {
          read, same: kind.same(read, answer, question), words: kind.words(answer, question),
          place: Object.keys(kind.place(question)), posted: Boolean(kind.posted),
          drawn: nodes.map((n) => n.textContent).join(' '),
          marked: nodes.some((n) => n.querySelector('.truth')),
        };
      }
      return out;""",
        {"questions": QUESTIONS, "summaries": SUMMARIES},
    )
    for name, (_question, answer) in QUESTIONS.items():
        got = out[name]
        if name == "cells":
            assert sorted(got["read"]) == sorted(answer)
        else:
            assert got["read"] == answer, name
        assert got["same"] is True and got["words"] and "2" in got["drawn"], name
        assert got["marked"] is True, name  # the truth is marked in the class's answers
        # the page sends exactly what the server needs to read the truth itself
        assert set(got["place"]) == set(questions.KIND[name].needs), name
        # both sides agree which kinds take a posted truth instead of reading it from the trace
        assert got["posted"] is questions.KIND[name].posted, name


def test_a_posed_question_is_found_by_its_place_not_its_words(page, app_url):
    open_with_sample(page, app_url, 3)
    out = page.evaluate(
        """async () => {
          const Q = await import('./js/questions.js');
          const t = window.convtrace.trace();
          const trace = {records: t.records, result: t.result};
          const out = [];
          for (let k = 0; k < Q.stepIndices(trace).length; k++) {
            const options = Q.questionsFor(trace, k);
            for (const q of options) {
              // as the server sends it: its place, in another language's words
              const posed = {kind: q.kind, step: q.step, prompt: 'Wie groß …?', ...Q.placeOf(q)};
              const found = options.filter((o) => Q.samePlace(o, posed));
              out.push(found.length === 1 && found[0].id === q.id);
            }
          }
          return out;
        }"""
    )
    assert len(out) > 15 and all(out)
