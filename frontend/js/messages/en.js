// English: the reference catalogue. Every other language has exactly these keys and the same
// {placeholders} (a test checks). Keys are grouped by where they are read: "<area>.<what>".
// A value is a string, or {one, other} for a count (chosen by Intl.PluralRules on params.count).
// Numbers given as numbers are formatted by Intl; values of the derivation (already formatted in
// its one unambiguous form) come as strings.

export default {
  "app.title": "ConvTrace",

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

  // ---- blocks added by other areas follow ----
};
