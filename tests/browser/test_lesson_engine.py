"""The question engine (questions.js) on its own: pure functions over the records, as the class
sessions will call them. Every question of every step, for both models, has the truth the API's
numbers give, and check() accepts that truth, rejects a wrong answer and reads answers leniently."""

from __future__ import annotations

import pytest

from .test_lesson import api_records, open_with_sample, true_answer, wrong_answer

pytestmark = pytest.mark.browser

ALL_QUESTIONS = """async () => {
  const Q = await import('./js/questions.js');
  const t = window.convtrace.trace();
  const trace = {records: t.records, result: t.result};  // no steps, no cursor: records suffice
  const out = [];
  for (let k = 0; k < Q.stepIndices(trace).length; k++) {
    for (const q of Q.questionsFor(trace, k)) {
      out.push({q, truth: Q.truthOf(q, trace), right: Q.check(q, Q.truthOf(q, trace), trace)});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("model", ["lenet-relu", "lenet-sigmoid"])
def test_every_question_has_the_apis_truth(page, app_url, model):
    open_with_sample(page, app_url, 8)
    if model != "lenet-relu":
        page.select_option("#model-select", model)
        page.wait_for_function("() => window.convtrace.traces() > 1")
    records, _ = api_records(page)
    found = page.evaluate(ALL_QUESTIONS)
    assert {f["q"]["kind"] for f in found} == {"sign", "cells", "value", "shape", "saliency"}
    assert len({f["q"]["step"] for f in found}) == 15  # a question for every backward step
    for f in found:
        q, truth = f["q"], true_answer(f["q"], records)
        if q["kind"] == "value":
            assert f["truth"] == pytest.approx(truth, rel=1e-6, abs=1e-12), q
        else:
            assert f["truth"] == truth, q
        assert f["right"]["correct"] is True, q
        wrong = page.evaluate(
            """async ([q, answer]) => {
              const Q = await import('./js/questions.js');
              const t = window.convtrace.trace();
              return Q.check(q, answer, {records: t.records, result: t.result});
            }""",
            [q, wrong_answer(q, truth)],
        )
        assert wrong["correct"] is False and wrong["hint"], q


def test_answers_are_read_leniently_and_malformed_ones_rejected(page, app_url):
    open_with_sample(page, app_url, 3)
    out = page.evaluate(
        """async () => {
          const Q = await import('./js/questions.js');
          const sign = {kind: 'sign'}, value = {kind: 'value'}, shape = {kind: 'shape'};
          const cells = {kind: 'cells'}, saliency = {kind: 'saliency'};
          return {
            minus: Q.parseAnswer(sign, ' − '), junk: Q.parseAnswer(sign, 'minus'),
            number: Q.parseAnswer(value, '−1.5e-3'), empty: Q.parseAnswer(value, ''),
            word: Q.parseAnswer(value, 'abc'), shape: Q.parseAnswer(shape, '10 × 256'),
            noshape: Q.parseAnswer(shape, 'x'), cells: Q.parseAnswer(cells, [[1, 2], [3, 4]]),
            badcells: Q.parseAnswer(cells, [[1]]), region: Q.parseAnswer(saliency, [2, 3]),
          };
        }"""
    )
    assert out == {
        "minus": "-",
        "junk": None,
        "number": -1.5e-3,
        "empty": None,
        "word": None,
        "shape": [10, 256],
        "noshape": None,
        "cells": [[1, 2], [3, 4]],
        "badcells": None,
        "region": [2, 3],
    }
