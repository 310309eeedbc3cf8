// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (a test checks). Keys are grouped by where they are read: "<area>.<what>".
// A value is a string, or {one, other} for a count (chosen by Intl.PluralRules on params.count).
// Numbers given as numbers are formatted by Intl; values of the derivation (already formatted in
// its one unambiguous form) come as strings.

export default {
  "app.title": "ConvTrace",

  // ---- the page's static text (index.html data-i18n, page-text.js) ----
  "page.title": "ConvTrace — see backpropagation through a conv net",
  "page.side": "digit and prediction",
  "page.draw": "1 · Draw a digit",
  "page.prediction": "2 · Prediction",
  "page.train": "3 · Train one step",
  "page.diagnostics": "4 · Diagnostics",
  "page.main": "backpropagation steps",
  "page.class": "class session",
  "page.lesson": "lesson",
  "page.focus": "the current step's tensors, large",
  "page.network": "the network, layer by layer",
  "page.derivation": "the derivation's equations",
  "toolbar.model": "Model",
  "toolbar.model_label": "model",
  "toolbar.shared_scale": "one colour scale per kind (compare layers)",
  "toolbar.lesson_start": "Start lesson",
  "toolbar.class_start": "Start a class",
  "toolbar.class_code": "Class code to join",
  "toolbar.class_placeholder": "class code",
  "toolbar.join": "Join",
  "toolbar.share": "Copy link",
  "toolbar.download": "Download trace (JSON)",
  "pad.label": "drawing pad: draw a digit with mouse, finger or pen",
  "pad.clear": "Clear",
  "pad.classify": "Classify",
  "pad.sample_of": "or a sample of",
  "pad.sample_digit": "sample digit",
  "pad.sample": "Pick sample",
  "prediction.label": "Predicted digit:",
  "prediction.which": "Which digit did you draw?",
  "prediction.note":
    "Classify a digit first; then pick the target y that backpropagation aims for.",
  "prediction.chart": "class probabilities",
  "prediction.seen": "What the network sees (28×28, after preprocessing)",
  "train.rate": "learning rate",
  "train.apply": "Apply one SGD step",
  "train.undo": "Undo",
  "train.reset": "Reset to shipped model",
  "diagnostics.hint":
    "Classify the same digit with the other model to compare how fast gradients shrink toward the input.",
  "diagnostics.run": "Run gradient check",
  "steps.prev": "Prev",
  "steps.prev_title": "previous step (←)",
  "steps.next": "Next",
  "steps.next_title": "next step (→)",
  "steps.play": "▶ Play",
  "steps.play_label": "play or pause (space)",
  "steps.scrubber": "step",
  "steps.none": "Draw a digit or pick a sample, then Classify.",
  "present.button": "Present",
  "present.title":
    "Presentation: full screen, large type; step with a clicker, PageDown/PageUp, arrows or space",
  "colours.title": "Colours:",
  "colours.negative": "blue < 0",
  "colours.zero": "white = 0",
  "colours.positive": "red > 0 (z, weights, every gradient);",
  "colours.sequential": "dark purple → yellow = low → high (the input, activations, p).",
  "colours.ui":
    "Dark dashed or double outlines mark the page itself (focus, current step, your selection), never a value.",
  "overview.title": "The whole network",
  "overview.hint": "(click a layer's name to go to its step)",
  "inspector.label": "inspector",
  "inspector.close": "close inspector",

  // ---- questions (question-kinds/, questions.js, views/question.js) ----
  "question.your_answer": "Your answer",
  "question.tolerance": "Answers within ±{tolerance} count.",
  "question.sign.plus": "+ positive",
  "question.sign.minus": "− negative",
  "question.sign.zero": "0 exactly zero",
  "question.sign.format": "Answer with +, − or 0.",
  "question.value.format": "Type a number, e.g. -0.0123 or 1.5e-4.",
  "question.value.placeholder": "e.g. -0.0123 or 1.5e-4",
  "question.value.label": "Your number ",
  "question.shape.format": "Type the sizes separated by commas.",
  "question.shape.placeholder": "e.g. 3, 4, 5",
  "question.shape.label": "Sizes ",
  "question.shape.wrong_rank": {
    one: "That has {count} size; this gradient has {rank}.",
    other: "That has {count} sizes; this gradient has {rank}.",
  },
  "question.shape.reveal":
    "{title} is {shape}, one number per entry of the tensor; its largest entry is {largest} at {at}.",
  "question.cells.format": "Select cells of the patch.",
  "question.cells.legend": "Rows {rows}, columns {cols}, map {channel}",
  "question.cells.cell": "cell ({i}, {j}), value {value}",
  "question.cells.none": "no cell",
  "question.cells.wrong_count": {
    one: "You chose {count} cell; the patch holds {windows} windows.",
    other: "You chose {count} cells; the patch holds {windows} windows.",
  },
  "question.cells.reveal":
    "The switches at {cells} each take their window's whole error; in all of {title}, {receiving} of {total} cells are nonzero and the rest are exactly 0.",
  "question.cells.tie_rule": "first maximum, row-major",
  "question.cells.tied": {
    one: '{count} window of this patch tied (largest value {value} more than once); the rule "{rule}" gives the error to the first of them in reading order.',
    other:
      '{count} windows of this patch tied (largest value {value} more than once); the rule "{rule}" gives the error to the first of them in reading order.',
  },
  "question.saliency.format": "Choose one region.",
  "question.saliency.legend": "Choose a region of your digit",
  "question.saliency.region": "region row {row}, column {col}",
  "question.saliency.reveal":
    "|∂L/∂x| peaks at pixel {pixel} (value {value}), in region (row {row}, column {col}): changing that pixel moves the loss the most.",
  "question.reveal.cell": "{title} at {at} = {value}.",
  "question.reveal.cell_worked": "{title} at {at} = {worked} = {value}.",
  "question.reveal.dense_db": "δ at [{j}], the error of that score",
  "question.reveal.conv_db": "the sum of map {j}'s errors δ",
  "question.reveal.conv_db_terms": "the sum of map {j}'s errors δ: {terms}",

  // ---- the lesson (flows/lesson.js, views/question.js) ----
  "lesson.title": "Lesson",
  "lesson.score": "Score {points} / {max}",
  "lesson.position": "Question {i} of {n}",
  "lesson.seconds": "{seconds} s on this question",
  "lesson.check": "Check",
  "lesson.check_again": "Check my second try",
  "lesson.verdict.right": "Right.",
  "lesson.verdict.wrong": "Not this time.",
  "lesson.verdict.not_yet": "Not yet.",
  "lesson.hint": "Hint: {hint}",
  "lesson.truth": "The answer: {truth}.",
  "lesson.answered": {
    one: "Your answer: {answers}",
    other: "Your answers: {answers}",
  },
  "lesson.answered_then": ", then ",
  "lesson.next": "Next step",
  "lesson.finish": "Finish",
  "lesson.need_digit":
    "Draw a digit first (or pick a sample) and press Classify: the lesson works on your own digit.",
  "lesson.forward": "Forward pass",
  "lesson.start_backward": "Start the backward pass",
  "lesson.complete": "Lesson complete",
  "lesson.restart": "Start again",
  "lesson.download": "Download my answers",
  "lesson.leave": "Leave lesson",
  "lesson.summary": {
    one: "You answered {right} of {count} question right, {first} of them at the first try (score {points} / {count}), in {seconds} s. Download your answers to hand them in.",
    other:
      "You answered {right} of {count} questions right, {first} of them at the first try (score {points} / {count}), in {seconds} s. Download your answers to hand them in.",
  },
  "lesson.walk.forward":
    "Your digit x went forward through the network: {chain}. Each arrow is one equation (F1–F7 in the Derivation panel).",
  "lesson.walk.predicts":
    "It predicts {prediction} with probability {probability}. The target is y = {label}, so the loss is L = −log p{label} = {loss}.",
  "lesson.walk.backward":
    "Now backpropagation walks the same road backward. Before each step appears, predict what it will show.",
  "lesson.file.title": "ConvTrace: the backward pass, predicted step by step",

  // ---- class results (views/class-results.js, views/answer-parts.js) ----
  "results.count": { one: "{count} answer", other: "{count} answers" },
  "results.right": " · {right} right",
  "results.no_answer": "no answer",
  "results.value.tolerance": "Answers within ±{tolerance} of the truth count.",
  "results.grid.cell": "{where}: {count}",
  "results.cells.label": "clicks per cell",
  "results.saliency.label": "clicks per region",
  "results.saliency.caption": "Regions of the digit, row by row",

  // ---- class sessions (flows/class*.js, views/class-panel.js) ----
  "class.students": { one: "{count} student following", other: "{count} students following" },
  "class.qr_alt": "QR code of the join link for class {code}",
  "class.join_title": "Join class {code}",
  "class.close": "Close",
  "class.join_how": "Join at {link} or type the code on the ConvTrace page.",
  "class.show_large": "Show the code large",
  "class.join_details": "Join details: link and QR code for class {code}",
  "class.ask_label": "Ask the class about the next step ",
  "class.ask": "Ask the class",
  "class.asked": "Asked: {prompt}",
  "class.revealed": "Revealed. The answer: {truth}.",
  "class.reveal": "Reveal the answer",
  "class.is_asked": "The class is asked",
  "class.loading_digit": "Loading the class's digit…",
  "class.other_digit": "This question is about another digit of the class's: go back to the class.",
  "class.send": "Send my answer",
  "class.change": "Change my answer",
  "class.verdict.none": "You did not answer.",
  "class.verdict.right": "Right.",
  "class.verdict.wrong": "Not this time.",
  "class.your_answer": "Your answer: {answer}.",
  "class.the_answer": "The answer: {truth}.",
  "class.class_answered": "The class answered",
  "class.title": "Class ",
  "class.end": "End class",
  "class.following": "Following the class {code}",
  "class.following_waiting": "Following the class {code}: waiting for the instructor's digit",
  "class.exploring": "Exploring on your own · class {code}",
  "class.exploring_behind": "Exploring on your own · class {code} has moved on",
  "class.reconnecting": " (reconnecting…)",
  "class.full": " (the class is full; trying again…)",
  "class.rejoin": "Back to the class",
  "class.leave": "Leave class",
  "class.no_qr": "no QR code ({status})",
  "class.view_not_sent": "The class did not get this view: {reason}",
  "class.ended_expired": "The class has ended (or expired).",
  "class.ended": "The class has ended.",
  "class.ended_by_you": "Class ended.",
  "class.ended_explore": "The class has ended. You can keep exploring on your own.",
  "class.no_question": "No question fits the next step; step on first.",
  "class.started": "Class {code} started: students join with the code or the QR.",
  "class.custom_weights":
    "The class uses the instructor's trained weights: every gradient here is computed with them, but weight panels and the inspector's sums show the shipped weights.",
  "class.bad_code": "A class code has 6 letters and digits, e.g. K7M2QD.",
  "class.left": "Left the class.",
  "class.joined": "Joined class {code}.",
  "class.answer_first": "Choose or type an answer first.",
  "class.sent": "Sent. You can change your answer until the reveal.",

  // ---- requests and the server's errors (api.js, flows/classify.js) ----
  // "error.<code>" words a server error by its stable code; params as the server sends them.
  // A code missing here (or a param missing from the server's answer) shows the server's own
  // English message instead.
  "api.retry_dropped": "The connection dropped; retrying once…",
  "api.retry_busy": "The server is busy; retrying in {seconds} s…",
  "error.unreachable": "Cannot reach the server. Is it running?",
  "error.trace_cut": "the trace stopped before its result arrived",
  "error.server_failed": "the server failed",
  "error.drawing.no_ink": "Draw a digit first: the pad has no ink the network can see.",
  "error.drawing.missing": "Draw a digit or pick a sample first.",
  "error.drawing.empty": "The drawing has no pixels: draw a digit first.",
  "error.drawing.all_ink":
    "The drawing is ink almost everywhere, so there is no digit shape to see: clear the pad and draw again.",
  "error.drawing.too_large": "The drawing is too large: at most {max_side}×{max_side} pixels.",
  "error.weights.shape": "These weights do not fit the model's layers (a shape differs).",
  "error.weights.overflow":
    "With these weights the numbers grow too large to compute (they overflow): reset to the shipped model.",
  "error.weights.non_finite":
    "With these weights the numbers grow too large to compute (they overflow): reset to the shipped model.",
  "error.sgd.diverged":
    "This learning rate makes the step blow up (the weights would overflow): try a smaller one.",
  "error.model.unknown": "There is no model of that name on this server.",
  "error.network.unknown":
    "This server no longer knows that network (it may have restarted): build it again.",
  "error.network.store_unavailable": "The network store cannot be reached; try again in a moment.",
  "error.spec.invalid": "Layer {layer} cannot be built as it is set.",
  "error.spec.too_many_layers": "A network may have at most {limit} layers.",
  "error.spec.too_many_params": "The network has too many parameters: at most {limit}.",
  "error.spec.too_much_work":
    "The network needs too much computation per image: at most {limit} multiply-adds.",
  "error.spec.field": "Layer {layer}: {field} must lie in {min}..{max}.",
  "error.spec.too_small": "Layer {layer} shrinks the image below 1×1: use a smaller size.",
  "error.server.busy": "The server is busy; try again in a moment.",
  "error.request.too_large": "The request is too large: at most {limit} bytes.",
  "error.class.unknown": "There is no class with this code (it may have ended).",
  "error.class.full": "The class is full.",
  "error.class.no_state": "The instructor has not shared a digit yet.",
  "error.class.needs_redis":
    "Class sessions are not available on this server (several workers without a shared store).",
  "error.class.too_many_sessions": "This server already runs as many classes as it can.",
  "error.class.too_many_requests": "Too many requests at once; wait a second.",
  "error.class.too_many_changes":
    "The view changes too fast for the class; it is sent again in a moment.",
  "error.class.store_unavailable": "The class store cannot be reached; trying again…",
  "error.class.token_required": "Only the class's instructor can do this.",
  "error.class.token_wrong": "Only the class's instructor can do this.",
  "error.class.question_unknown": "This question is not open in the class.",
  "error.class.answers_closed": "The answer has been revealed; answers are closed.",
  "error.class.truth_mismatch":
    "The class's trace gives another answer to this question: is this page showing the class's digit? Wait a moment and ask again.",
  "error.class.question_place": "This question is about a place the class's trace does not have.",
  "classify.running": "Running the network…",
  "classify.no_trace": "No trace: {reason}",
  "classify.draw_first": "Draw a digit first.",
  "classify.classify_first": "Classify a digit first.",
  "classify.no_sample": "no sample of digit {digit}",
  "classify.your_weights": {
    one: " · your weights ({count} SGD step)",
    other: " · your weights ({count} SGD steps)",
  },
  "classify.done":
    "Predicted {prediction} · target {label} · loss {loss}{whose} · {steps} steps: use → or Next to step backward.",

  // ---- steps (views/controls.js, flows/step.js) ----
  "steps.no_trace": "no trace yet",
  "steps.valuetext": "step {k} of {n}: {title}",
  "steps.counter": "step {k} / {n}",
  "steps.pause": "❚❚ Pause",

  // ---- presentation (views/presenter.js) ----
  "present.open_full": "Open in ConvTrace ↗",
  "present.exit": "Exit presentation",

  // ---- steps (views/controls.js, flows/step.js) ----
  "steps.your_weights": "Your weights, after your SGD steps.",
  "steps.shipped_weights": "The shipped weights of {model}.",

  // ---- training (flows/train.js, views/training.js) ----
  "train.bad_rate": "The learning rate must be a number above 0 and at most 10.",
  "train.not_applied": "The SGD step was not applied ({reason}); your weights are unchanged.",
  "train.gradcheck_first": "Classify a digit first: the check runs on the current digit.",

  // ---- the share link (flows/link.js) ----
  "link.loading": "Loading models…",
  "link.ready": "Draw a digit (or pick a sample) and press Classify.",
  "link.classify_first": "Classify a digit first: the link holds the digit, label, model and step.",
  "link.copied": "Link copied: it reopens this digit, label, model and step.",
  "link.not_copied":
    "Link (copy it from the address bar): it reopens this digit, label, model and step.",
  "link.copied_trained":
    "Link copied: it reopens this digit, label, model and step (with the shipped weights, not your trained ones).",
  "link.not_copied_trained":
    "Link (copy it from the address bar): it reopens this digit, label, model and step (with the shipped weights, not your trained ones).",

  // ---- the derivation panel (views/derivation.js) ----
  "derivation.title": "Derivation",
  "derivation.all": "All equations",
  "derivation.boxed": "boxed in the source",
  "derivation.forward": "Forward pass (F1–F7)",
  "derivation.backward": "Backward pass, in the order the steps meet the equations:",
  "derivation.credit":
    "Notation and the four boxed results follow {link}, {author}, {year}. Two slips there are fixed here: the sum over the next layer's maps runs k = 0 … K−1, and the filter gradient is written ∂L/∂w.",

  // ---- diagnostics (views/diagnostics.js) ----
  "sizes.caption": "RMS gradient per layer, log scale (10^{lo} … 10^{hi})",
  "gradcheck.busy": "Checking…",
  "gradcheck.agree": "{count} agree",
  "gradcheck.mismatch": "{count} disagree",
  "gradcheck.kink": "{count} at a kink",
  "gradcheck.unresolved": "{count} unresolved",
  "gradcheck.none_resolved": "unresolved: no entry could be checked",
  "gradcheck.caption":
    "largest relative error |analytic − numeric| / (|analytic| + |numeric|), ε = {epsilon}. Not counted: steps across a kink (ReLU at 0, pool tie), and unresolved entries, whose numeric estimate is lost in rounding noise; a parameter with no resolved entry gets no ✓.",

  // ---- training (flows/train.js, views/training.js) ----
  "sgd.fixed": "this step fixed your digit: it is now a {y}",
  "sgd.already": "your digit was a {y} already and still is",
  "sgd.still_wrong": "your digit is still read as a {prediction}, not {y}",
  "sgd.samples": "; the sample digits: {before} → {after} correct",
  "sgd.samples_counted": "; the {count} sample digits: {before} → {after} correct",
  "sgd.harm": " — the step learned your digit at the others' expense: try a smaller learning rate",
  "sgd.applying": "Applying…",
  "sgd.summary_up":
    "Target {y}: p{y} {before} → {after} (up), loss {loss_before} → {loss_after}, prediction {prediction_before} → {prediction_after}.",
  "sgd.summary_down":
    "Target {y}: p{y} {before} → {after} (down), loss {loss_before} → {loss_after}, prediction {prediction_before} → {prediction_after}.",
  "sgd.digit_and_samples": "{digit}{samples}.",
  "sgd.norms": "size of the weight change ‖Δ‖ per parameter",

  // ---- the prediction (views/probabilities.js) ----
  "target.sure":
    "The network is already sure this is a {label} (p{label} = {p}), so the error is tiny and there is little to learn. Pick another digit to see what it would take to change its mind.",
  "target.default": "Target {label}: the prediction, until you choose.",
  "target.chosen":
    "Target {label} (p{label} = {p}): backpropagation shows how each weight should move to raise it.",
  "target.button": "target label {k}",
  "prediction.aria": "predicted digit {prediction}, probability {p}",
  "prediction.loss": "loss L = −log p{label} = {loss}",

  // ---- heatmaps (views/heatmap.js) ----
  "heatmap.not_yet": "{name}: not computed yet",
  "heatmap.cursor": "{name}{where} = {value}. Enter inspects it.",
  "heatmap.described": "{said}. Arrow keys choose a cell, Enter inspects it.",
  "heatmap.legend": "colour scale from {min} to {max}",

  // ---- the inspector (views/inspector.js) ----
  "inspector.api_value": "Value from the API:",
  "inspector.recomputed": "Recomputed here:",
  "inspector.recomputed_terms": "Recomputed here from {count} terms:",
  "inspector.agrees": "✓ agrees",
  "inspector.differs": "≠ differs",

  // ---- the drawing pad (views/drawpad.js) ----
  "pad.seen_name": "network input",

  // ---- exported figures (export.js) ----
  "figure.legend_diverging": "blue < 0 (white) < red",
  "figure.legend_sequential": "dark = low, yellow = high",

  // ---- gradient sizes (magnitude.js) ----
  "size.zero": "exactly zero: no error reaches it",
  "size.sure": "tiny: the network is already sure of this target",
  "size.largest": "the largest gradient of this trace",
  "size.about_largest": "about as large as the largest gradient",
  "size.smaller": "10^{power} × smaller than the largest gradient",
  "size.loss": "L = {value}: the error backpropagation starts from",
  "size.loss_sure":
    "L = {value}: the network is already sure of this target, so there is little to learn",
  "size.step_zero": "largest |{quantity}| = {value}: no error reaches this tensor",
  "size.step_sure":
    "largest |{quantity}| = {value}: the network is already sure of this digit, so there is little to learn",
  "size.step": "largest |{quantity}| = {value}: {words}",
  "size.step_faded": "largest |{quantity}| = {value}: {words}; little of the error is left by here",

  // ---- panels (panels.js) ----
  "panels.one_hot": "y (one-hot: 1 at the target {label})",

  // ---- panels (panels.js) ----
  "panels.step": "step {k}: ",

  // ---- numbers and shapes (format.js) ----
  "format.scalar": "scalar",

  // ---- requests and the server's errors (codec.js) ----
  "error.array_size": "an array of shape {shape} arrived with {count} values",

  // ---- training (flows/train.js, views/training.js) ----
  "sgd.percent": "{value} %",

  // ---- blocks added by other areas follow ----
};
