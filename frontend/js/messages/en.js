// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (tests/browser/test_catalogues.py checks). Keys are grouped by where they are
// read: "<area>.<what>". A value is a string, or {one, other} for a count (chosen by
// Intl.PluralRules on params.count). Numbers given as numbers are formatted by Intl; values of the
// derivation (already in their one unambiguous form) come as strings.

export default {
  // ---- the app and the page's static text (index.html data-i18n, page-text.js) ----
  "app.title": "ConvTrace",
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
  "toolbar.own": "your own network",
  "toolbar.own_seed": "your own network (seed {seed})",
  "toolbar.class_network": "the class's network",
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
  "steps.no_trace": "no trace yet",
  "steps.valuetext": "step {k} of {n}: {title}",
  "steps.counter": "step {k} / {n}",
  "steps.pause": "❚❚ Pause",
  "present.open_full": "Open in ConvTrace ↗",
  "present.exit": "Exit presentation",
  "steps.your_weights": "Your weights, after your SGD steps.",
  "steps.shipped_weights": "The shipped weights of {model}.",
  "train.bad_rate": "The learning rate must be a number above 0 and at most 10.",
  "train.not_applied": "The SGD step was not applied ({reason}); your weights are unchanged.",
  "train.gradcheck_first": "Classify a digit first: the check runs on the current digit.",
  "prediction.aria": "predicted digit {prediction}, probability {p}",
  "prediction.loss": "loss L = −log p{label} = {loss}",
  "inspector.api_value": "Value from the API:",
  "inspector.recomputed": "Recomputed here:",
  "inspector.recomputed_terms": "Recomputed here from {count} terms:",
  "inspector.agrees": "✓ agrees",
  "inspector.differs": "≠ differs",
  "pad.seen_name": "network input",

  // ---- requests and the server's errors (api.js, class-api.js, codec.js, flows/classify.js, flows/link.js)
  // "error.<code>" words a server error by its stable code, with the params the server sends;
  // a code missing here (or a param missing from the server's answer) shows the server's own
  // English message instead ----
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
  "error.weights.non_finite": "These weights hold a value that is not a number (NaN or infinity).",
  "error.sgd.diverged":
    "This learning rate makes the step blow up (the weights would overflow): try a smaller one.",
  "error.model.unknown": "There is no model of that name on this server.",
  "error.network.unknown":
    "This server no longer knows that network (it may have restarted): build it again.",
  "error.network.store_unavailable": "The network store cannot be reached; try again in a moment.",
  "error.spec.invalid": "This network cannot be built as it is set.",
  "error.spec.too_deep": "A network may have at most {max} layers; this one has {count}.",
  "error.spec.too_many_params": "This network has more parameters than the server allows.",
  "error.spec.too_many_macs":
    "This network needs more computation per image than the server allows.",
  "error.spec.unknown_kind": "There is no layer kind “{kind}”.",
  "error.spec.duplicate_name": "Two layers are called {layer}: layer names must be unique.",
  "error.spec.last_not_dense10":
    "The last layer must be a dense layer with 10 units: one score per digit.",
  "error.server.busy": "The server is busy; try again in a moment.",
  "error.server.timeout": "The server took too long to answer; try again.",
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
  "error.array_size": "an array of shape {shape} arrived with {count} values",

  // ---- the prediction and training (views/probabilities.js, views/training.js, flows/train.js) ----
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
  "target.sure":
    "The network is already sure this is a {label} (p{label} = {p}), so the error is tiny and there is little to learn. Pick another digit to see what it would take to change its mind.",
  "target.default": "Target {label}: the prediction, until you choose.",
  "target.chosen":
    "Target {label} (p{label} = {p}): backpropagation shows how each weight should move to raise it.",
  "target.button": "target label {k}",
  "sgd.percent": "{value} %",

  // ---- the step's numbers (magnitude.js, panels.js, format.js, views/heatmap.js, views/diagnostics.js) ----
  "sizes.caption": "RMS gradient per layer, log scale (10^{lo} … 10^{hi})",
  "gradcheck.busy": "Checking…",
  "gradcheck.agree": "{count} agree",
  "gradcheck.mismatch": "{count} disagree",
  "gradcheck.kink": "{count} at a kink",
  "gradcheck.unresolved": "{count} unresolved",
  "gradcheck.none_resolved": "unresolved: no entry could be checked",
  "gradcheck.caption":
    "largest relative error |analytic − numeric| / (|analytic| + |numeric|), ε = {epsilon}. Not counted: steps across a kink (ReLU at 0, pool tie), and unresolved entries, whose numeric estimate is lost in rounding noise; a parameter with no resolved entry gets no ✓.",
  "heatmap.not_yet": "{name}: not computed yet",
  "heatmap.cursor": "{name}{where} = {value}. Enter inspects it.",
  "heatmap.described": "{said}. Arrow keys choose a cell, Enter inspects it.",
  "heatmap.legend": "colour scale from {min} to {max}",
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
  "panels.one_hot": "y (one-hot: 1 at the target {label})",
  "panels.step": "step {k}: ",
  "format.scalar": "scalar",

  // ---- the derivation panel and exported figures (views/derivation.js, export.js) ----
  "derivation.title": "Derivation",
  "derivation.all": "All equations",
  "derivation.boxed": "boxed in the source",
  "derivation.forward": "Forward pass (F1–F8)",
  "derivation.backward": "Backward pass, in the order the steps meet the equations:",
  "derivation.credit":
    "Notation and the four boxed results follow {link}, {author}, {year}. Two slips there are fixed here: the sum over the next layer's maps runs k = 0 … K−1, and the filter gradient is written ∂L/∂w.",
  "figure.legend_diverging": "blue < 0 (white) < red",
  "figure.legend_sequential": "dark = low, yellow = high",

  // ---- questions, one group per kind (question-kinds/, questions.js) ----
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

  // ---- the lesson (flows/lesson.js, flows/lesson-file.js, views/question.js) ----
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
  "lesson.answered": { one: "Your answer: {answers}", other: "Your answers: {answers}" },
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
    "Your digit x went forward through the network: {chain}. Each arrow is one equation (F1–F8 in the Derivation panel).",
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

  // ---- class sessions (flows/class.js, flows/class-follow.js, views/class-panel.js) ----
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
  // ---- blocks added by other areas follow ----
  // ---- equations ----
  // what each equation does (eq.<key>), its equation-map name (eq.map.<key>), a backward step's
  // words (eq.title.<key>: {words} names the tensor, {layer} the layer); read by js/equations/
  "eq.input.x":
    "The digit after preprocessing: cropped to its ink, scaled into a 20×20 box and centred by mass on 28×28.",
  "eq.conv.z":
    "Each feature map m slides one d×d×t filter over the input: every output cell is the filter times the window under it, summed, plus the map's bias. With stride s the filter jumps s cells at a time; with padding p the input first gets a border of p zeros.",
  "eq.act.a": "The nonlinearity is applied to every cell on its own.",
  "eq.maxpool.a":
    "Each pooled cell keeps only the largest value of its window; which cell won is remembered (the switch).",
  "eq.maxpool.switches":
    "Where each window's winner sits in the pool's input. Ties go to the first maximum in row-major order.",
  "eq.avgpool.a":
    "Each pooled cell is the mean of its k×k window: every cell of the window counts the same, 1/k² each.",
  "eq.flatten.a":
    "The block of feature maps is read row by row into one long vector; nothing is computed.",
  "eq.dense.z": "Every output of the layer is a weighted sum of all its inputs plus a bias.",
  "eq.softmax.p":
    "Softmax turns the ten scores into probabilities that are positive and add up to 1; subtracting the largest score first changes nothing but keeps e^z from overflowing.",
  "eq.xent.L": "The loss is small when the network gives the target class y a high probability.",
  "eq.xent.dz":
    "Backprop starts here: the error of each score is its probability minus 1 for the target class (minus 0 otherwise).",
  "eq.dense.dW": "A weight's gradient is the error at its output times the input it multiplies.",
  "eq.dense.db": "A bias adds straight into its output, so its gradient is that output's error.",
  "eq.dense.dx":
    "The error passed down: each input collects the errors of all outputs it fed, weighted by the same weights.",
  "eq.flatten.dx":
    "The vector's error is folded back into the feature-map block; again nothing is computed.",
  "eq.maxpool.dx":
    "Only the winner of each window (its switch) influenced the output, so it receives the whole error; every other cell gets 0. Where windows overlap, a cell that won several gets the sum of their errors.",
  "eq.avgpool.dx":
    "Every cell of a window moved the mean by 1/k² of its own change, so each gets the same share, 1/k² of the window's error. A max pool instead gives the whole error to one cell, its switch.",
  "eq.act.dz":
    "The chain rule through the nonlinearity: multiply the error by the slope of σ at the cell's z.",
  "eq.conv.dW":
    "A filter weight is used at every position, so its gradient adds up error × input over all positions.",
  "eq.conv.db":
    "A map's bias is added at every position: its gradient is the sum of that map's errors.",
  "eq.conv.dx":
    "The error passed down is a full convolution: each input cell gathers the errors of every output whose window covered it, weighted by the filter entry that connected them (terms with no such output are zero). With stride s the error is first spread out with s − 1 zeros between its cells: that is a transposed convolution. For the input image this is the saliency.",
  "eq.map.conv.z": "convolution",
  "eq.map.act.a": "activation",
  "eq.map.maxpool.a": "max pool",
  "eq.map.avgpool.a": "average pool",
  "eq.map.flatten.a": "flatten",
  "eq.map.dense.z": "dense layer",
  "eq.map.softmax.p": "softmax",
  "eq.map.xent.L": "cross-entropy loss",
  "eq.map.xent.dz": "output error of softmax cross-entropy",
  "eq.map.dense.dW": "dense weight gradient",
  "eq.map.dense.db": "dense bias gradient",
  "eq.map.dense.dx": "dense error passed down",
  "eq.map.flatten.dx": "unflatten",
  "eq.map.maxpool.dx": "max-pool routing",
  "eq.map.avgpool.dx": "average-pool spreading",
  "eq.map.act.dz": "activation derivative",
  "eq.map.conv.dW": "filter gradient",
  "eq.map.conv.db": "bias gradient",
  "eq.map.conv.dx": "error passed down (full convolution)",
  "eq.title.xent.L": "the loss, where backpropagation starts",
  "eq.title.xent.dz": "the output error p − y",
  "eq.title.dense.dW": "the gradient of {words}",
  "eq.title.dense.db": "the gradient of {words}",
  "eq.title.dense.dx": "the error passed down to {words}",
  "eq.title.flatten.dx": "the same error folded back onto {words}",
  "eq.title.maxpool.dx": "the error routed through {layer}'s switches to {words}",
  "eq.title.avgpool.dx": "the error spread evenly by {layer} over {words}",
  "eq.title.act.dz": "the error at {words}, through {layer}'s slope",
  "eq.title.conv.dW": "the gradient of {words}",
  "eq.title.conv.db": "the gradient of {words}",
  "eq.title.conv.dx": "the error passed down to {words} (a full convolution)",
  "eq.title.conv.dx_input": "the error at the input pixels: the saliency map",
  "eq.sym.input": "the input image (a⁰ = x)",
  "eq.sym.z": "{layer}'s weighted sums",
  "eq.sym.filters": "{layer}'s filters",
  "eq.sym.weights": "{layer}'s weights",
  "eq.sym.biases": "{layer}'s biases",
  "eq.sym.out_z": "the output scores",
  "eq.sym.out_filters": "the output layer's filters",
  "eq.sym.out_weights": "the dense layer's weights",
  "eq.sym.out_biases": "the dense layer's biases",
  "eq.sym.act": "{layer}'s activations",
  "eq.sym.pool": "{layer}'s output",
  "eq.sym.flatten": "the flattened vector",
  "eq.sym.softmax": "the probabilities",
  "eq.sym.xent": "the loss",
  "eq.unknown.equation":
    "ConvTrace cannot explain the equation “{id}”: it is not in the equation registry.",
  "eq.unknown.kind":
    "ConvTrace cannot explain the layer kind “{id}”: it is not in the equation registry.",
  "eq.act.which": "(σ = {name})",
  "eq.input.image": "the 28×28 image, ink = 1",
  "eq.conv.padded": "over the input padded with zeros, p = {p} cells wide on every side",
  "eq.conv.dilated": {
    one: "δ̃: the error δ spread out with {count} zero between neighbouring cells (dilated by the stride s = {s}), then a full convolution: a transposed convolution",
    other:
      "δ̃: the error δ spread out with {count} zeros between neighbouring cells (dilated by the stride s = {s}), then a full convolution: a transposed convolution",
  },
  "eq.conv.cropped":
    "the zero border (p = {p} cells wide) is cropped off again: it is not a real input",
  "eq.maxpool.window": "over the k×k window, 0 ≤ u, v < k",
  "eq.maxpool.if_switch": "if (i, j) is the switch, else 0",
  "eq.maxpool.won": "windows (p, q) that (i, j) won",
  "eq.maxpool.switch_formula": "switch = (row, col) of each window's maximum",
  "eq.avgpool.window": "over the k×k window, 0 ≤ u, v < k",
  "eq.avgpool.holding": "windows (p, q) that hold (i, j)",
  "eq.pool.tiles": "k = {k}, stride {s}: the windows tile the input",
  "eq.pool.overlap":
    "k = {k}, stride {s}: neighbouring windows overlap, so a cell can be in several",
  "eq.sub.others": "the other {count} terms, summed",
  "eq.sub.sum": "recomputed sum",
  "eq.sub.window": "pooled cell ({cell}): switch at ({at})",
  "eq.sub.copied": "copied: ",
  "eq.where": "cell [{cell}] of {shape} · {layer}",
  "eq.scalar": "a scalar",
  "eq.note.listed":
    "Listed: the {shown} terms with the largest |term| of all {count}, in index order, since they decide the sum; the other {rest} are added up in one line. The listed terms' factors are outlined in their heatmaps (green: activations or errors, purple: weights).",
  "eq.note.delta": "δ is short for ∂L/∂z, the error at a layer's weighted output z.",
  "eq.note.padded": {
    one: "{count} product falls on the zero padding: it is 0 and left out.",
    other: "{count} products fall on the zero padding: they are 0 and left out.",
  },
  "eq.note.dilated":
    "Stride {s}: only the terms where the filter actually touched this cell are listed. Written as one operation, the error is dilated (spread out with zeros between its cells, one row and column of zeros less than the stride), then fully convolved with the filters: a transposed convolution.",
  "eq.note.won": "This cell won its window, so it receives the pooled error.",
  "eq.note.lost": "This cell lost its window: no error reaches it.",
  "eq.note.won_of":
    "This cell lies in {count} overlapping windows and won {won} of them: their errors add up.",
  "eq.note.spread":
    "An average pool has no winner: each of the {share} cells of a {k}×{k} window gets 1/{share} of its error, whatever its value was.",
  "eq.note.unread":
    "No output's window covered this cell (the filter's stride stepped over it), so no error reaches it: 0.",
  "eq.note.no_weights": "The weights are not loaded yet, so the terms cannot be listed.",
  "eq.param.heading": "parameter {name}",
  "eq.param.where": "entry [{cell}] of {shape}",
  "eq.param.note":
    "Its gradient appears beside it when backprop reaches this layer; an SGD step moves it by −(learning rate) × that gradient.",
  "eq.switch.marks": {
    one: "The dark dots and squares mark {layer}'s switches: its window sends its whole error to the one cell that won it in the forward pass.",
    other:
      "The dark dots and squares mark {layer}'s switches: each of its windows sends its whole error to the one cell that won it in the forward pass.",
  },
  "eq.switch.untied": "No window tied.",
  "eq.switch.tied": {
    one: "{count} window tied (the same largest value twice or more, often all 0): the rule “first maximum, row-major” gives the error to the first of them, reading row by row.",
    other:
      "{count} windows tied (the same largest value twice or more, often all 0): the rule “first maximum, row-major” gives the error to the first of them, reading row by row.",
  },
  "eq.slope.relu": "for ReLU it is 1 where z > 0 and 0 otherwise",
  "eq.slope.sigmoid": "for the sigmoid it is a·(1 − a)",
  "eq.slope.tanh": "for tanh it is 1 − a²",
  "eq.where.only": "the only cell",
  "eq.where.entry": "entry {i}",
  "eq.where.cell": "row {i}, column {j}",
  "eq.where.map": "row {i}, column {j} of map {m}",
  "eq.where.filter": "row {i}, column {j} of filter {m}, channel {c}",
  "eq.describe": "{name}, {shape}: {where}",
  "eq.describe.empty": "{name}: empty",
  "eq.describe.value": "value {value}",
  "eq.describe.spread":
    "largest magnitude {value} at {where}; {nonzero} of cells nonzero; values from {lo} to {hi}",
  "eq.ask.shape": "What shape will ∂L/∂{sym} have? Type its sizes, e.g. 3, 4, 5.",
  "eq.ask.shape_hint":
    "A gradient has exactly the shape of the tensor it belongs to: look at {sym}'s panel (or the layer's size line) in the network.",
  "eq.ask.entry": "entry [{cell}]",
  "eq.ask.cell": "cell [{cell}]",
  "eq.ask.sign":
    "What will be the sign of ∂L/∂{sym} at {where}: positive (+), negative (−) or exactly zero (0)?",
  "eq.ask.p_target": "p{y} (probability of the target y = {y})",
  "eq.ask.output_value": "What will ∂L/∂{sym} be for the target class y = {y}?",
  "eq.ask.output_hint":
    "At the output the error is p − y, and y is 1 for the target class (0 for the others).",
  "eq.ask.output_sign": "p − y: y is 0 here.",
  "eq.ask.delta_target": "δ at the target class {y}",
  "eq.ask.dense_bias_hint":
    "A bias is added straight into its score, so its gradient equals that score's error δ.",
  "eq.ask.act_error": "∂L/∂{sym} (the error arriving here)",
  "eq.ask.act_z": "{sym} (the weighted sum)",
  "eq.ask.act_value": "What will ∂L/∂{sym} be at cell [{cell}]?",
  "eq.ask.act_value_hint": "Multiply the error ∂L/∂a by the slope σ′(z): {slope}.",
  "eq.ask.act_sign_hint": "The sign of ∂L/∂a times σ′(z) ≥ 0: {slope}.",
  "eq.ask.delta_at": "δ at [{cell}]",
  "eq.ask.bias_value":
    "What will ∂L/∂b of map {m} be? The nonzero errors δ of {sym}'s map {m} are listed; every other cell of the map is 0.",
  "eq.ask.bias_value_hint":
    "The bias is added at every position of its map, so its gradient is the sum of the map's errors δ.",
  "eq.ask.bias_sign_hint":
    "The bias gradient of map {m} is the sum of the errors δ over the whole map {m} of {sym}: do its red (positive) or blue (negative) cells weigh more?",
  "eq.ask.saliency":
    "Where on your digit will |∂L/∂x| be largest? Choose one of the {grid}×{grid} regions ({size}×{size} pixels each).",
  "eq.ask.saliency_hint":
    "Changing a pixel matters most where the {layer} filters that see it carry large errors: usually on or right beside the strokes that tell the target digit apart.",
  "eq.ask.stride_value":
    "This layer moves its filter {stride} cells at a time. What will the gradient of filter entry [{cell}] be? The nonzero errors δ and the inputs they meet through this entry are listed; every other product is 0.",
  "eq.ask.stride_hint":
    "Entry (a, b) of the filter meets input cell ({stride}·i + a, {stride}·j + b) at output (i, j): every {stride}th cell. Multiply each δ by its input and add the products.",
  "eq.ask.unread":
    "This layer's {d}×{d} filter moves {stride} cells at a time, and its last window ends at row {last}. What error will cell [{cell}] receive?",
  "eq.ask.unread_hint":
    "An input cell gets error only from the outputs whose window covered it. With stride {stride} the windows stop before this row: no output read it.",
  "eq.ask.cells":
    "Which cells of this {size}×{size} patch of {sym} (map {map}) will receive error from {layer}? Select every cell that gets a share.",
  "eq.ask.cells_hint":
    "Each {k}×{k} window passes its error to one cell only: its switch, the cell that held the window's largest value in the forward pass (on a tie, the first in reading order). The other cells get 0.",
  "eq.ask.pooled_error": "the error of pooled cell [{cell}]",
  "eq.ask.overlap":
    "The windows of this pool overlap. Cell [{cell}] won {n} of them in the forward pass. What error will it receive?",
  "eq.ask.overlap_hint":
    "Each window sends its whole error to its switch; a cell that is the switch of several windows receives all of their errors, added up.",
  "eq.ask.share":
    "An average pool over {k}×{k} windows: how much of its window's error will cell [{cell}] get?",
  "eq.ask.share_hint":
    "The mean counts every cell of the window the same, so each of the {k}×{k} cells gets an equal share of the window's error: divide it by the number of cells.",
  // ---- architecture lab ----
  "arch.title": "Architecture",
  "arch.close": "close the architecture editor",
  "arch.aria": "architecture editor",
  "arch.intro":
    "Build your own network from the derivation's parts. Each row is one layer l; the shape it gives, its parameters and its cost update as you edit. The last layer must be a dense layer with 10 units, one per digit.",
  "arch.preset_label": "Start from",
  "arch.preset.custom": "(your edits)",
  "arch.preset.lenet": "LeNet (the shipped network)",
  "arch.preset.nopool": "no pooling",
  "arch.preset.small": "3×3 filters",
  "arch.preset.strided": "strided instead of pooled",
  "arch.preset.avgpool": "average pooling",
  "arch.preset.deeper": "deeper (3 conv)",
  "arch.preset.mlp": "MLP (no conv)",
  "arch.input": "input a⁰ = x: {shape}",
  "arch.kind.conv": "convolution",
  "arch.kind.relu": "ReLU",
  "arch.kind.sigmoid": "sigmoid",
  "arch.kind.tanh": "tanh",
  "arch.kind.maxpool": "max-pool",
  "arch.kind.avgpool": "average pool",
  "arch.kind.flatten": "flatten",
  "arch.kind.dense": "dense",
  "arch.kind_of": "kind of layer {l}",
  "arch.field.maps": "maps K",
  "arch.field.size": "size d",
  "arch.field.padding": "padding",
  "arch.field.stride": "stride",
  "arch.field.units": "units",
  "arch.move_up": "move layer {l} up",
  "arch.move_down": "move layer {l} down",
  "arch.remove": "remove layer {l}",
  "arch.add": "Add layer",
  "arch.add_kind": "kind of layer to add",
  "arch.params": { one: "{count} parameter", other: "{count} parameters" },
  "arch.macs": { one: "{count} multiply-add", other: "{count} multiply-adds" },
  "arch.total_params": {
    one: "{count} parameter (at most {max})",
    other: "{count} parameters (at most {max})",
  },
  "arch.total_macs": {
    one: "{count} multiply-add per image (at most {max})",
    other: "{count} multiply-adds per image (at most {max})",
  },
  "arch.checking": "Working out the shapes…",
  "arch.seed": "seed of the fresh weights",
  "arch.keep": "keep the trained weights of {model} (this is its architecture)",
  "arch.apply": "Apply",
  "arch.your_network": "your network {id}",
  "arch.not_buildable": "the server cannot build this network",
  "arch.link_failed":
    "The link's network could not be opened ({reason}); showing a shipped model instead.",
  "arch.note.fresh":
    "Your network has fresh random weights (seed {seed}): it has learned nothing yet, so it predicts at chance, about 1 digit in 10. Its gradients are real all the same: step through them, or teach it with “Apply one SGD step”.",
  "arch.note.network":
    "This is a student's own network: if its weights are still fresh it predicts at chance (about 1 digit in 10) until it is trained, for instance with “Apply one SGD step”.",
  "arch.chance.fresh":
    "Your network's weights are fresh and random, so its prediction is chance (about 1 in 10): train it with “Apply one SGD step”.",
  "arch.chance.start":
    "These are the weights from before training began, so its prediction is chance (about 1 in 10).",
  "arch.note.trained": "The weights saved at step {step} of the training run.",
  "arch.chance.network":
    "A student's own network: unless it was trained, its prediction is chance (about 1 in 10); “Apply one SGD step” trains it.",
  "arch.class_weights":
    "The class uses the instructor's trained weights: every gradient, weight panel and sum here is computed with them.",
  "arch.note.shipped": "Back on {model} with its trained weights.",
  "arch.error.unknown": "This layer cannot be built.",
  "arch.error.spec.too_deep": "At most {max} layers: this network has {count}. Remove some.",
  "arch.error.spec.too_many_params":
    "Here the network reaches {params} parameters, over the limit of {max}: use fewer maps or units, or pool earlier.",
  "arch.error.spec.too_many_macs":
    "Here the network reaches {macs} multiply-adds per image, over the limit of {max}: use fewer maps, smaller filters, a stride, or pool earlier.",
  "arch.error.spec.last_not_dense10":
    "The last layer must be a dense layer with 10 units: one score per digit.",
  "arch.error.spec.filter_too_large":
    "A {size}×{size} filter does not fit a {rows}×{cols} input: add padding, use a smaller filter, or remove a pool.",
  "arch.error.spec.map_vanished":
    "A {size}×{size} window does not fit a {rows}×{cols} map, so nothing would be left: use a smaller window or remove a pool.",
  "arch.error.spec.padding_same_even":
    "Padding “same” needs an odd filter size (3, 5, 7, …), so that the filter has a centre; this one is {size}×{size}.",
  "arch.error.spec.padding_too_large":
    "Padding {padding} is too wide for a {size}×{size} filter: its outer rings would see only zeros. Use less padding than the filter size.",
  "arch.error.spec.needs_map":
    "This layer works on maps (rows × columns × channels) but gets a flat vector: move it above the flatten, or remove the extra flatten.",
  "arch.error.spec.needs_flatten": "A dense layer needs a flat vector: add a flatten before it.",
  "arch.error.spec.out_of_range": "{value} is outside the allowed range {min} to {max}.",
  "arch.error.spec.bad_field": "This field takes a whole number.",
  "arch.error.spec.unknown_kind": "There is no layer of this kind.",
  // ---- input-gradient lab ----
  "ig.open": "Input-gradient lab",
  "ig.aria": "input-gradient lab",
  "ig.heading": "5 · Input gradients",
  "ig.hint":
    "Fool the network with a change you cannot see, ask it what a 5 looks like, and compare two ways of finding the pixels that matter.",
  "ig.close": "Close the lab",
  "ig.title": "Input-gradient lab: what ∂L/∂x says about your pixels",
  "ig.intro":
    "The backward pass ends with ∂L/∂x: how the loss would change if each pixel of the digit changed a little. Here you use it on the digit itself.",
  "ig.mode": "Experiment",
  "ig.mode.fgsm": "Fool it (one signed step)",
  "ig.mode.targeted": "Make it a k (small steps)",
  "ig.mode.visualise": "What does a k look like to the network?",
  "ig.mode.occlusion": "Which pixels matter?",
  "ig.explain.fgsm":
    "Every pixel moves by ε in the direction that raises the loss of the current answer: x′ = clip(x + ε·sign(∂L/∂x)).",
  "ig.explain.targeted":
    "Small steps down the loss of digit k until the network says k, never moving a pixel more than ε from the original.",
  "ig.explain.visualise":
    "Start from a blank or noisy image and climb log p_k, while a penalty on large values and a slight blur keep the image smooth.",
  "ig.explain.occlusion":
    "Two answers to “which pixels matter?”: the gradient |∂L/∂x| from one backward pass, and occlusion, which hides each square under grey and measures how far p_y falls.",
  "ig.epsilon": "ε (largest change of a pixel)",
  "ig.target": "Target digit k",
  "ig.start": "Start from",
  "ig.start.noise": "faint noise",
  "ig.start.blank": "a blank image",
  "ig.start.image": "your digit",
  "ig.l2": "L2 penalty λ",
  "ig.blur": "blur σ (pixels)",
  "ig.patch": "patch size (pixels)",
  "ig.run": "Run",
  "ig.running": "Running…",
  "ig.play": "Play",
  "ig.pause": "Pause",
  "ig.frame": "frame",
  "ig.send": "Trace this image",
  "ig.sent": "Frame sent to the main view: step backward through it there.",
  "ig.need_digit": "Classify a digit or pick a sample first: the lab works on the digit on screen.",
  "ig.failed": "The lab could not run: {reason}",
  "ig.original": "your digit x",
  "ig.original.visualise": "start image",
  "ig.image": "this frame x′",
  "ig.image.occluded": "the grey square that lowers p_y most",
  "ig.image.stretched": "this frame x′ (colours stretched: brightest = {top})",
  "ig.change": "change x′ − x",
  "ig.probabilities": "probabilities p",
  "ig.prediction": "The network says {digit} (p = {p})",
  "ig.change_size": "change: L∞ = {linf} (largest pixel change), L2 = {l2}",
  "ig.step_count": {
    one: "step {step} of {count}",
    other: "step {step} of {count}",
  },
  "ig.fgsm.fooled":
    "Each pixel moved by at most {linf}: to you it is still a {before}, to the network it is now a {after}. Lower ε: how small a change still fools it?",
  "ig.fgsm.held":
    "Each pixel moved by at most {linf} and the answer stayed {before}. Try a larger ε.",
  "ig.targeted.reached": {
    one: "The network says {target} after {count} step. Smallest change found: L∞ = {linf}, L2 = {l2}.",
    other:
      "The network says {target} after {count} steps. Smallest change found: L∞ = {linf}, L2 = {l2}.",
  },
  "ig.targeted.missed": "Not a {target} within {count} steps and ε = {eps}: allow a larger ε.",
  "ig.visualise.done":
    "After {count} steps the network gives this image p_{target} = {p}. It is what raises p_{target} most, not a drawing of a {target}.",
  "ig.update": "At pixel ({row}, {col}) of this step: {equation}",
  "ig.rule.fgsm": "x′ = x + ε·sign(∂L/∂x) = {x} + {eta}·sign({dx}) = {next}",
  "ig.rule.targeted": "x′ = x − η·sign(∂L_k/∂x) = {x} − {eta}·sign({dx}) = {next}",
  "ig.rule.visualise":
    "x′ = x + η·(∂log p_k/∂x − λx), then blur: {x} + {eta}·({dx} − {l2}·{x}) → {next}",
  "ig.saliency": "gradient |∂L/∂x|",
  "ig.occlusion": "occlusion: fall of p_y",
  "ig.same_scale":
    "Both maps on one scale: 0 = no effect, 1 = the largest effect each method found.",
  "ig.agreement":
    "{share} of the pixels the gradient ranks highest are also among occlusion's highest.",
  "ig.agree.much":
    "They agree on the strokes the answer rests on; where they differ, the gradient marks single pixels where a tiny nudge matters, occlusion whole squares whose loss matters.",
  "ig.agree.little":
    "They mostly disagree: the gradient marks single pixels where a tiny nudge matters, occlusion whole squares whose loss matters, and grey on empty paper can add a stroke the digit never had.",
  "ig.where":
    "The gradient's strongest pixels centre on the {gradient}, occlusion's on the {occlusion}.",
  "ig.region.0": "top left",
  "ig.region.1": "top",
  "ig.region.2": "top right",
  "ig.region.3": "left",
  "ig.region.4": "middle",
  "ig.region.5": "right",
  "ig.region.6": "bottom left",
  "ig.region.7": "bottom",
  "ig.region.8": "bottom right",
  "ig.guess": "Which digit will it become?",
  "ig.guess_first": "Guess before you see",
  "ig.reveal": "Show the answer",
  "ig.guess_digit": "guess {digit}",
  "ig.guessed": "You said {guess}; the network says {after}.",
  // ---- training lab ----
  "train.open": "Training lab",
  "train.aria": "training lab",
  "train.title": "Training lab",
  "train.close": "close the training lab",
  "train.intro":
    "Train a network on thousands of handwritten digits and watch backpropagation at work: every step computes the gradients you can walk through in the main view, for a batch of digits at once, and moves the weights a little against them.",
  "train.network": "Network",
  "train.network.model": "{model}, from fresh random weights",
  "train.network.current": "the network in use now (from the architecture editor)",
  "train.preset": "Preset",
  "train.preset.quick": "quick",
  "train.preset.good": "good",
  "train.optimizer": "optimizer",
  "train.optimizer.sgd": "SGD",
  "train.optimizer.momentum": "SGD with momentum",
  "train.optimizer.adam": "Adam",
  "train.field.learning_rate": "learning rate",
  "train.field.batch_size": "batch size",
  "train.field.epochs": "epochs",
  "train.field.train_size": "training digits",
  "train.start": "Train",
  "train.cancel": "Cancel",
  "train.status.idle": "Choose a network and a preset, then press Train.",
  "train.status.sending": "Sending the job to the server…",
  "train.status.queued": {
    one: "Waiting in the queue: {count} job ahead of yours (about {seconds} s).",
    other: "Waiting in the queue: {count} jobs ahead of yours (about {seconds} s).",
  },
  "train.status.queued_class": {
    one: "The instructor's job waits in the queue: {count} job ahead (about {seconds} s).",
    other: "The instructor's job waits in the queue: {count} jobs ahead (about {seconds} s).",
  },
  "train.status.started": "Training has started.",
  "train.status.running": "Training: step {step} of {steps} (epoch {epoch}).",
  "train.status.running_eta":
    "Training: step {step} of {steps} (epoch {epoch}), about {left} s left.",
  "train.status.done":
    "Done in {seconds} s: {accuracy} of {size} test digits right. Choose a checkpoint below to trace your digit with its weights.",
  "train.status.failed": "Training failed: {reason}",
  "train.status.cancelled": "Training cancelled. The checkpoints so far stay usable.",
  "train.status.cancelling": "Cancelling…",
  "train.status.refused": "The server did not take this: {reason}",
  "train.status.lost": "The connection to this job was lost (it may have expired). Start it again.",
  "train.status.following": "Following the instructor's training.",
  "train.fig.loss": "Loss and test accuracy",
  "train.plot.summary": "Loss and test accuracy: smoothed loss {loss} at step {step} of {steps}",
  "train.fig.grads": "Gradient size per layer, ‖∂L/∂θ‖ (log scale)",
  "train.fig.ratio": "Update size per layer, ‖Δθ‖ / ‖θ‖ (log scale)",
  "train.fig.filters": "conv1's filters, changing",
  "train.key.loss": "loss of the latest batches",
  "train.key.smooth": "loss, smoothed",
  "train.key.accuracy": "test accuracy (right axis)",
  "train.axis.step": "step",
  "train.axis.loss": "loss",
  "train.axis.norm": "‖∂L/∂θ‖",
  "train.axis.ratio": "‖Δθ‖/‖θ‖",
  "train.accuracy.none": "Test accuracy: not measured yet.",
  "train.accuracy.at": "Test accuracy: {value} of {size} test digits at step {step}.",
  "train.layer.first": "{layer} (first, nearest the input)",
  "train.layer.last": "{layer} (last, nearest the loss)",
  "train.grads.sigmoid":
    "This network uses sigmoid: its gradient reaches {first} about {ratio}× smaller than {last}. Each sigmoid multiplies the error by σ′ ≤ 0.25 on its way back, so the early layers get the faintest signal and learn slowest: vanishing gradients.",
  "train.grads.smaller":
    "Right now {last}'s gradient is {ratio}× the size of {first}'s. Train the sigmoid network to compare: each sigmoid multiplies the error by σ′ ≤ 0.25 on its way back, so there the early layers get even less.",
  "train.grads.similar":
    "Right now {first}'s gradient is as large as {last}'s or larger (ratio {ratio}): ReLU passes the error back unshrunk wherever it is active. Train the sigmoid network to compare.",
  "train.ratio.note":
    "How far one step moves each layer's weights, relative to their size. Around 0.001 is a healthy pace; much larger and training jumps around, much smaller and it crawls.",
  "train.filters.none": "The filters appear when training starts.",
  "train.filters.words":
    "{layer}'s filters at step {step} (blue < 0, white = 0, red > 0): from random noise they turn into stroke and edge detectors.",
  "train.checkpoint.title": "Checkpoints: trace your digit at any point of training",
  "train.checkpoint.label": "checkpoint",
  "train.checkpoint.none": "no checkpoints yet",
  "train.checkpoint.hint":
    "Slide to a checkpoint: your digit is traced with the weights of that moment, and the main view walks its backward pass.",
  "train.checkpoint.at": "{k} of {n}: step {step}",
  "train.checkpoint.early":
    "Early (step {step}, test accuracy {accuracy}): the network still guesses, so the loss is high and the gradients are large (‖∂L/∂θ‖ ≈ {norm}) and diffuse, spread over the whole digit and every weight. Walk the backward pass in the main view to see it.",
  "train.checkpoint.middle":
    "Midway (step {step}, test accuracy {accuracy}): the gradients have shrunk to ≈ {norm}, {times}× smaller than at the start, and gather on the strokes that decide the digit.",
  "train.checkpoint.late":
    "Late (step {step}, test accuracy {accuracy}): most digits are right, so the loss is small and so are the gradients (≈ {norm}, {times}× smaller than at the start): faint and focused on the few pixels that still matter.",
  "train.checkpoint.draw_first":
    "Draw a digit or pick a sample first: the checkpoint's weights are ready for it.",
  "train.checkpoint.traced": "Your digit, traced with the weights of step {step}.",
  "train.batch.title": "One batch, opened",
  "train.batch.intro":
    "A training step does not follow one digit's gradient but the mean of a whole batch's. Here are the digits of one batch, each one's gradient for one conv1 filter, and their mean: the gradient the optimizer applies.",
  "train.batch.open": "Open a batch",
  "train.batch.of_step":
    "The mini-batch of step {step} ({shown} of its {size} digits, as the network saw them), with the weights of the checkpoint at step {at}: choose another checkpoint above to open another step.",
  "train.batch.samples":
    "{shown} sample digits, on the network in use (train a network to open the batches of its steps).",
  "train.batch.filter": "filter",
  "train.batch.filter_m": "filter m = {m}",
  "train.batch.example": "n = {n} (a {label})",
  "train.batch.mean": "mean (the batch's)",
  "train.batch.equation_label":
    "the batch's gradient is the mean of the {size} examples' gradients",
  "train.batch.check":
    "The mean of these {size} maps and the batch's own gradient (one backward pass over the batch, loss {loss}) differ by at most {gap}: rounding only.",
  "train.batch.no_conv": "This network has no convolution layer to show.",
  // ---- languages (language.js, flows/language.js) ----
  "i18n.menu": "language",
  "focus.export_which": "which panels the figure holds",
  "focus.export_svg": "Figure as SVG",
  "focus.export_png": "as PNG",
  "focus.export_ratio": "PNG resolution",
  "focus.all_panels": "All panels",
  "focus.one_hot": "y, target {label} as one-hot",
  "focus.slice.laid_out": ", laid out as {shape}",
  "focus.slice.class": "class {k} (row {k} of {n})",
  "focus.slice.filter": "filter {m}, channel {c}",
  "focus.slice.map": "map {k} of {n}",
  "i18n.values_note":
    "Numbers in the equations are written one way in every language, with a decimal point: 0.5 is one half.",
  // ---- input-gradient class question ----
  "igq.ask": "Ask the class first",
  "igq.asked":
    "The class is guessing which digit it will become: the attack shows here once you reveal the answer in the class card.",
  "igq.waiting": "Asked. Watch the answers arrive in the class card, then reveal them.",
  "igq.prompt":
    "The network reads this digit as {before}. Now every pixel is nudged by ε = {eps}, each in the direction that raises the loss the most. Which digit will the network say then?",
  "igq.legend": "The digit the network will say",
  "igq.format": "Choose one digit, 0 to 9.",
  "igq.reveal": "After the nudge, the network says {digit}.",
};
