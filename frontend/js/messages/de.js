// Deutsch. Same keys and {placeholders} as en.js (tests/browser/test_catalogues.py checks).
// Die Notation der Herleitung (a^l, z^l, ∂L/∂w, σ′, δ …) bleibt, wie sie ist.

export default {
  // ---- Seite und Werkzeugleiste ----
  "app.title": "ConvTrace",
  "page.title": "ConvTrace — Backpropagation durch ein Faltungsnetz sehen",
  "page.side": "Ziffer und Vorhersage",
  "page.draw": "1 · Ziffer zeichnen",
  "page.prediction": "2 · Vorhersage",
  "page.train": "3 · Einen Schritt trainieren",
  "page.diagnostics": "4 · Diagnose",
  "page.main": "Schritte der Backpropagation",
  "page.class": "Kurssitzung",
  "page.lesson": "Lektion",
  "page.focus": "die Tensoren des aktuellen Schritts, groß",
  "page.network": "das Netz, Schicht für Schicht",
  "page.derivation": "die Gleichungen der Herleitung",
  "toolbar.model": "Modell",
  "toolbar.own": "dein eigenes Netz",
  "toolbar.own_seed": "dein eigenes Netz (Startwert {seed})",
  "toolbar.class_network": "das Netz der Klasse",
  "toolbar.model_label": "Modell",
  "toolbar.shared_scale": "eine Farbskala je Art (Schichten vergleichen)",
  "toolbar.lesson_start": "Lektion starten",
  "toolbar.class_start": "Kurs starten",
  "toolbar.class_code": "Kurscode zum Beitreten",
  "toolbar.class_placeholder": "Kurscode",
  "toolbar.join": "Beitreten",
  "toolbar.share": "Link kopieren",
  "toolbar.download": "Trace herunterladen (JSON)",
  "pad.label": "Zeichenfeld: Ziffer mit Maus, Finger oder Stift zeichnen",
  "pad.clear": "Löschen",
  "pad.classify": "Klassifizieren",
  "pad.sample_of": "oder ein Beispiel für",
  "pad.sample_digit": "Beispielziffer",
  "pad.sample": "Beispiel wählen",
  "prediction.label": "Vorhergesagte Ziffer:",
  "prediction.which": "Welche Ziffer hast du gezeichnet?",
  "prediction.note":
    "Klassifiziere zuerst eine Ziffer; wähle dann das Ziel y, auf das die Backpropagation hinarbeitet.",
  "prediction.chart": "Klassenwahrscheinlichkeiten",
  "prediction.seen": "Was das Netz sieht (28×28, nach der Vorverarbeitung)",
  "train.rate": "Lernrate",
  "train.apply": "Einen SGD-Schritt anwenden",
  "train.undo": "Rückgängig",
  "train.reset": "Auf das mitgelieferte Modell zurücksetzen",
  "diagnostics.hint":
    "Klassifiziere dieselbe Ziffer mit dem anderen Modell, um zu vergleichen, wie schnell die Gradienten zur Eingabe hin schrumpfen.",
  "diagnostics.run": "Gradienten prüfen",
  "steps.prev": "Zurück",
  "steps.prev_title": "vorheriger Schritt (←)",
  "steps.next": "Weiter",
  "steps.next_title": "nächster Schritt (→)",
  "steps.play": "▶ Abspielen",
  "steps.play_label": "abspielen oder anhalten (Leertaste)",
  "steps.scrubber": "Schritt",
  "steps.none": "Zeichne eine Ziffer oder wähle ein Beispiel, dann Klassifizieren.",
  "present.button": "Präsentieren",
  "present.title":
    "Präsentation: Vollbild, große Schrift; weiter mit Presenter, Bild↓/Bild↑, Pfeiltasten oder Leertaste",
  "colours.title": "Farben:",
  "colours.negative": "blau < 0",
  "colours.zero": "weiß = 0",
  "colours.positive": "rot > 0 (z, Gewichte, jeder Gradient);",
  "colours.sequential": "dunkelviolett → gelb = niedrig → hoch (die Eingabe, Aktivierungen, p).",
  "colours.ui":
    "Dunkle gestrichelte oder doppelte Umrandungen gehören zur Seite selbst (Fokus, aktueller Schritt, deine Auswahl), nie zu einem Wert.",
  "overview.title": "Das ganze Netz",
  "overview.hint": "(klicke auf den Namen einer Schicht, um zu ihrem Schritt zu gehen)",
  "inspector.label": "Inspektor",
  "inspector.close": "Inspektor schließen",
  "steps.no_trace": "noch kein Trace",
  "steps.valuetext": "Schritt {k} von {n}: {title}",
  "steps.counter": "Schritt {k} / {n}",
  "steps.pause": "❚❚ Pause",
  "present.open_full": "In ConvTrace öffnen ↗",
  "present.exit": "Präsentation beenden",
  "steps.your_weights": "Deine Gewichte, nach deinen SGD-Schritten.",
  "steps.shipped_weights": "Die mitgelieferten Gewichte von {model}.",
  "train.bad_rate": "Die Lernrate muss eine Zahl größer als 0 und höchstens 10 sein.",
  "train.not_applied":
    "Der SGD-Schritt wurde nicht angewendet ({reason}); deine Gewichte sind unverändert.",
  "train.gradcheck_first":
    "Klassifiziere zuerst eine Ziffer: Die Prüfung läuft auf der aktuellen Ziffer.",
  "prediction.aria": "vorhergesagte Ziffer {prediction}, Wahrscheinlichkeit {p}",
  "prediction.loss": "Verlust L = −log p{label} = {loss}",
  "inspector.api_value": "Wert von der API:",
  "inspector.recomputed": "Hier nachgerechnet:",
  "inspector.recomputed_terms": "Hier aus {count} Termen nachgerechnet:",
  "inspector.agrees": "✓ stimmt überein",
  "inspector.differs": "≠ weicht ab",
  "pad.seen_name": "Netzeingabe",

  // ---- Anfragen und Fehler des Servers ----
  "api.retry_dropped": "Die Verbindung ist abgebrochen; ein neuer Versuch…",
  "api.retry_busy": "Der Server ist ausgelastet; neuer Versuch in {seconds} s…",
  "error.unreachable": "Der Server ist nicht erreichbar. Läuft er?",
  "error.trace_cut": "der Trace brach ab, bevor sein Ergebnis ankam",
  "error.server_failed": "der Server hat einen Fehler gemeldet",
  "error.drawing.no_ink":
    "Zeichne zuerst eine Ziffer: Im Zeichenfeld ist keine Tinte, die das Netz sehen kann.",
  "error.drawing.missing": "Zeichne zuerst eine Ziffer oder wähle ein Beispiel.",
  "error.drawing.empty": "Die Zeichnung hat keine Pixel: Zeichne zuerst eine Ziffer.",
  "error.drawing.all_ink":
    "Die Zeichnung ist fast überall Tinte, es gibt also keine Ziffernform zu sehen: Lösche das Feld und zeichne neu.",
  "error.drawing.too_large": "Die Zeichnung ist zu groß: höchstens {max_side}×{max_side} Pixel.",
  "error.weights.shape":
    "Diese Gewichte passen nicht zu den Schichten des Modells (eine Form weicht ab).",
  "error.weights.overflow":
    "Mit diesen Gewichten werden die Zahlen zu groß zum Rechnen (Überlauf): Setze auf das mitgelieferte Modell zurück.",
  "error.weights.non_finite":
    "Mit diesen Gewichten werden die Zahlen zu groß zum Rechnen (Überlauf): Setze auf das mitgelieferte Modell zurück.",
  "error.sgd.diverged":
    "Mit dieser Lernrate explodiert der Schritt (die Gewichte würden überlaufen): Versuche eine kleinere.",
  "error.model.unknown": "Auf diesem Server gibt es kein Modell mit diesem Namen.",
  "error.network.unknown":
    "Dieser Server kennt das Netz nicht mehr (vielleicht wurde er neu gestartet): Baue es noch einmal.",
  "error.network.store_unavailable":
    "Der Netzspeicher ist nicht erreichbar; versuche es gleich noch einmal.",
  "error.spec.invalid": "Dieses Netz lässt sich so, wie es eingestellt ist, nicht bauen.",
  "error.spec.too_deep": "Ein Netz darf höchstens {max} Schichten haben; dieses hat {count}.",
  "error.spec.too_many_params": "Dieses Netz hat mehr Parameter, als der Server erlaubt.",
  "error.spec.too_many_macs":
    "Dieses Netz braucht pro Bild mehr Rechenarbeit, als der Server erlaubt.",
  "error.spec.unknown_kind": "Es gibt keine Schichtart „{kind}“.",
  "error.spec.duplicate_name":
    "Zwei Schichten heißen {layer}: Die Namen der Schichten müssen verschieden sein.",
  "error.spec.last_not_dense10":
    "Die letzte Schicht muss eine vollverbundene Schicht mit 10 Einheiten sein: ein Score je Ziffer.",
  "error.server.timeout":
    "Der Server hat zu lange für die Antwort gebraucht; versuche es noch einmal.",
  "error.server.busy": "Der Server ist ausgelastet; versuche es gleich noch einmal.",
  "error.request.too_large": "Die Anfrage ist zu groß: höchstens {limit} Bytes.",
  "error.class.unknown": "Es gibt keinen Kurs mit diesem Code (vielleicht ist er beendet).",
  "error.class.full": "Der Kurs ist voll.",
  "error.class.no_state": "Die Lehrkraft hat noch keine Ziffer geteilt.",
  "error.class.needs_redis":
    "Kurssitzungen sind auf diesem Server nicht verfügbar (mehrere Worker ohne gemeinsamen Speicher).",
  "error.class.too_many_sessions": "Dieser Server führt bereits so viele Kurse, wie er kann.",
  "error.class.too_many_requests": "Zu viele Anfragen auf einmal; warte eine Sekunde.",
  "error.class.too_many_changes":
    "Die Ansicht ändert sich zu schnell für den Kurs; sie wird gleich noch einmal gesendet.",
  "error.class.store_unavailable": "Der Kursspeicher ist nicht erreichbar; neuer Versuch…",
  "error.class.token_required": "Nur die Lehrkraft des Kurses kann das tun.",
  "error.class.token_wrong": "Nur die Lehrkraft des Kurses kann das tun.",
  "error.class.question_unknown": "Diese Frage ist im Kurs nicht offen.",
  "error.class.answers_closed": "Die Antwort wurde aufgedeckt; Antworten sind geschlossen.",
  "error.class.truth_mismatch":
    "Der Trace des Kurses gibt auf diese Frage eine andere Antwort: Zeigt diese Seite die Ziffer des Kurses? Warte einen Moment und frage erneut.",
  "error.class.question_place":
    "Diese Frage betrifft eine Stelle, die der Trace des Kurses nicht hat.",
  "classify.running": "Das Netz rechnet…",
  "classify.no_trace": "Kein Trace: {reason}",
  "classify.draw_first": "Zeichne zuerst eine Ziffer.",
  "classify.classify_first": "Klassifiziere zuerst eine Ziffer.",
  "classify.no_sample": "kein Beispiel für die Ziffer {digit}",
  "classify.your_weights": {
    one: " · deine Gewichte ({count} SGD-Schritt)",
    other: " · deine Gewichte ({count} SGD-Schritte)",
  },
  "classify.done":
    "Vorhergesagt {prediction} · Ziel {label} · Verlust {loss}{whose} · {steps} Schritte: Mit → oder Weiter gehst du rückwärts.",
  "link.loading": "Modelle werden geladen…",
  "link.ready": "Zeichne eine Ziffer (oder wähle ein Beispiel) und drücke Klassifizieren.",
  "link.classify_first":
    "Klassifiziere zuerst eine Ziffer: Der Link enthält Ziffer, Zielklasse, Modell und Schritt.",
  "link.copied": "Link kopiert: Er öffnet diese Ziffer, Zielklasse, Modell und Schritt wieder.",
  "link.not_copied":
    "Link (kopiere ihn aus der Adresszeile): Er öffnet diese Ziffer, Zielklasse, Modell und Schritt wieder.",
  "link.copied_trained":
    "Link kopiert: Er öffnet diese Ziffer, Zielklasse, Modell und Schritt wieder (mit den mitgelieferten Gewichten, nicht deinen trainierten).",
  "link.not_copied_trained":
    "Link (kopiere ihn aus der Adresszeile): Er öffnet diese Ziffer, Zielklasse, Modell und Schritt wieder (mit den mitgelieferten Gewichten, nicht deinen trainierten).",
  "error.array_size": "ein Array der Form {shape} kam mit {count} Werten an",

  // ---- Vorhersage und Training ----
  "sgd.fixed": "dieser Schritt hat deine Ziffer korrigiert: Sie ist jetzt eine {y}",
  "sgd.already": "deine Ziffer war schon eine {y} und ist es noch",
  "sgd.still_wrong": "deine Ziffer wird noch als {prediction} gelesen, nicht als {y}",
  "sgd.samples": "; die Beispielziffern: {before} → {after} richtig",
  "sgd.samples_counted": "; die {count} Beispielziffern: {before} → {after} richtig",
  "sgd.harm":
    " — der Schritt hat deine Ziffer auf Kosten der anderen gelernt: Versuche eine kleinere Lernrate",
  "sgd.applying": "Wird angewendet…",
  "sgd.summary_up":
    "Ziel {y}: p{y} {before} → {after} (höher), Verlust {loss_before} → {loss_after}, Vorhersage {prediction_before} → {prediction_after}.",
  "sgd.summary_down":
    "Ziel {y}: p{y} {before} → {after} (niedriger), Verlust {loss_before} → {loss_after}, Vorhersage {prediction_before} → {prediction_after}.",
  "sgd.digit_and_samples": "{digit}{samples}.",
  "sgd.norms": "Größe der Gewichtsänderung ‖Δ‖ je Parameter",
  "target.sure":
    "Das Netz ist sich schon sicher, dass dies eine {label} ist (p{label} = {p}), der Fehler ist also winzig und es gibt wenig zu lernen. Wähle eine andere Ziffer, um zu sehen, was nötig wäre, um seine Meinung zu ändern.",
  "target.default": "Ziel {label}: die Vorhersage, bis du wählst.",
  "target.chosen":
    "Ziel {label} (p{label} = {p}): Die Backpropagation zeigt, wie sich jedes Gewicht bewegen sollte, um es zu erhöhen.",
  "target.button": "Zielklasse {k}",
  "sgd.percent": "{value} %",

  // ---- die Zahlen eines Schritts ----
  "sizes.caption": "RMS-Gradient je Schicht, logarithmisch (10^{lo} … 10^{hi})",
  "gradcheck.busy": "Wird geprüft…",
  "gradcheck.agree": "{count} stimmen überein",
  "gradcheck.mismatch": "{count} weichen ab",
  "gradcheck.kink": "{count} an einem Knick",
  "gradcheck.unresolved": "{count} ungeklärt",
  "gradcheck.none_resolved": "ungeklärt: kein Eintrag ließ sich prüfen",
  "gradcheck.caption":
    "größter relativer Fehler |analytisch − numerisch| / (|analytisch| + |numerisch|), ε = {epsilon}. Nicht gezählt: Schritte über einen Knick (ReLU bei 0, Gleichstand im Pooling) und ungeklärte Einträge, deren numerische Schätzung im Rundungsrauschen untergeht; ein Parameter ohne geklärten Eintrag bekommt kein ✓.",
  "heatmap.not_yet": "{name}: noch nicht berechnet",
  "heatmap.cursor": "{name}{where} = {value}. Eingabetaste untersucht ihn.",
  "heatmap.described": "{said}. Pfeiltasten wählen eine Zelle, die Eingabetaste untersucht sie.",
  "heatmap.legend": "Farbskala von {min} bis {max}",
  "size.zero": "genau null: kein Fehler erreicht ihn",
  "size.sure": "winzig: Das Netz ist sich bei diesem Ziel schon sicher",
  "size.largest": "der größte Gradient dieses Traces",
  "size.about_largest": "etwa so groß wie der größte Gradient",
  "size.smaller": "10^{power}-mal kleiner als der größte Gradient",
  "size.loss": "L = {value}: der Verlust, von dem die Backpropagation ausgeht",
  "size.loss_sure":
    "L = {value}: Das Netz ist sich bei diesem Ziel schon sicher, es gibt also wenig zu lernen",
  "size.step_zero": "größtes |{quantity}| = {value}: kein Fehler erreicht diesen Tensor",
  "size.step_sure":
    "größtes |{quantity}| = {value}: Das Netz ist sich bei dieser Ziffer schon sicher, es gibt also wenig zu lernen",
  "size.step": "größtes |{quantity}| = {value}: {words}",
  "size.step_faded":
    "größtes |{quantity}| = {value}: {words}; hier ist vom Fehler nur noch wenig übrig",
  "panels.one_hot": "y (One-Hot: 1 beim Ziel {label})",
  "panels.step": "Schritt {k}: ",
  "format.scalar": "Skalar",

  // ---- Herleitung und exportierte Abbildungen ----
  "derivation.title": "Herleitung",
  "derivation.all": "Alle Gleichungen",
  "derivation.boxed": "in der Quelle eingerahmt",
  "derivation.forward": "Vorwärtsdurchlauf (F1–F8)",
  "derivation.backward":
    "Rückwärtsdurchlauf, in der Reihenfolge, in der die Schritte auf die Gleichungen treffen:",
  "derivation.credit":
    "Notation und die vier eingerahmten Ergebnisse folgen {link}, {author}, {year}. Zwei kleine Fehler dort sind hier berichtigt: Die Summe über die Karten der nächsten Schicht läuft k = 0 … K−1, und der Filtergradient wird ∂L/∂w geschrieben.",
  "figure.legend_diverging": "blau < 0 (weiß) < rot",
  "figure.legend_sequential": "dunkel = niedrig, gelb = hoch",

  // ---- Fragen ----
  "question.your_answer": "Deine Antwort",
  "question.tolerance": "Antworten innerhalb von ±{tolerance} zählen.",
  "question.sign.plus": "+ positiv",
  "question.sign.minus": "− negativ",
  "question.sign.zero": "0 genau null",
  "question.sign.format": "Antworte mit +, − oder 0.",
  "question.value.format": "Gib eine Zahl ein, z. B. -0,0123 oder 1,5e-4.",
  "question.value.placeholder": "z. B. -0,0123 oder 1,5e-4",
  "question.value.label": "Deine Zahl ",
  "question.shape.format": "Gib die Größen durch Kommas getrennt ein.",
  "question.shape.placeholder": "z. B. 3, 4, 5",
  "question.shape.label": "Größen ",
  "question.shape.wrong_rank": {
    one: "Das ist {count} Größe; dieser Gradient hat {rank}.",
    other: "Das sind {count} Größen; dieser Gradient hat {rank}.",
  },
  "question.shape.reveal":
    "{title} hat die Form {shape}, eine Zahl je Eintrag des Tensors; sein größter Eintrag ist {largest} bei {at}.",
  "question.cells.format": "Wähle Zellen des Ausschnitts.",
  "question.cells.legend": "Zeilen {rows}, Spalten {cols}, Karte {channel}",
  "question.cells.cell": "Zelle ({i}, {j}), Wert {value}",
  "question.cells.none": "keine Zelle",
  "question.cells.wrong_count": {
    one: "Du hast {count} Zelle gewählt; der Ausschnitt enthält {windows} Fenster.",
    other: "Du hast {count} Zellen gewählt; der Ausschnitt enthält {windows} Fenster.",
  },
  "question.cells.reveal":
    "Die Schalter bei {cells} bekommen jeweils den ganzen Fehler ihres Fensters; in ganz {title} sind {receiving} von {total} Zellen ungleich null, der Rest ist genau 0.",
  "question.cells.tie_rule": "erstes Maximum, zeilenweise",
  "question.cells.tied": {
    one: "{count} Fenster dieses Ausschnitts hat einen Gleichstand (größter Wert {value} mehrmals); die Regel „{rule}“ gibt den Fehler dem ersten davon in Leserichtung.",
    other:
      "{count} Fenster dieses Ausschnitts haben einen Gleichstand (größter Wert {value} mehrmals); die Regel „{rule}“ gibt den Fehler dem ersten davon in Leserichtung.",
  },
  "question.saliency.format": "Wähle einen Bereich.",
  "question.saliency.legend": "Wähle einen Bereich deiner Ziffer",
  "question.saliency.region": "Bereich Zeile {row}, Spalte {col}",
  "question.saliency.reveal":
    "|∂L/∂x| ist am größten bei Pixel {pixel} (Wert {value}), im Bereich (Zeile {row}, Spalte {col}): Eine Änderung dieses Pixels bewegt den Verlust am stärksten.",
  "question.reveal.cell": "{title} bei {at} = {value}.",
  "question.reveal.cell_worked": "{title} bei {at} = {worked} = {value}.",
  "question.reveal.dense_db": "δ bei [{j}], der Fehler dieses Scores",
  "question.reveal.conv_db": "die Summe der Fehler δ von Karte {j}",
  "question.reveal.conv_db_terms": "die Summe der Fehler δ von Karte {j}: {terms}",

  // ---- Lektion ----
  "lesson.title": "Lektion",
  "lesson.score": "Punkte {points} / {max}",
  "lesson.position": "Frage {i} von {n}",
  "lesson.seconds": "{seconds} s für diese Frage",
  "lesson.check": "Prüfen",
  "lesson.check_again": "Meinen zweiten Versuch prüfen",
  "lesson.verdict.right": "Richtig.",
  "lesson.verdict.wrong": "Diesmal nicht.",
  "lesson.verdict.not_yet": "Noch nicht.",
  "lesson.hint": "Tipp: {hint}",
  "lesson.truth": "Die Antwort: {truth}.",
  "lesson.answered": { one: "Deine Antwort: {answers}", other: "Deine Antworten: {answers}" },
  "lesson.answered_then": ", dann ",
  "lesson.next": "Nächster Schritt",
  "lesson.finish": "Abschließen",
  "lesson.need_digit":
    "Zeichne zuerst eine Ziffer (oder wähle ein Beispiel) und drücke Klassifizieren: Die Lektion arbeitet mit deiner eigenen Ziffer.",
  "lesson.forward": "Vorwärtsdurchlauf",
  "lesson.start_backward": "Rückwärtsdurchlauf starten",
  "lesson.complete": "Lektion abgeschlossen",
  "lesson.restart": "Neu beginnen",
  "lesson.download": "Meine Antworten herunterladen",
  "lesson.leave": "Lektion verlassen",
  "lesson.summary": {
    one: "Du hast {right} von {count} Frage richtig beantwortet, davon {first} im ersten Versuch (Punkte {points} / {count}), in {seconds} s. Lade deine Antworten herunter, um sie abzugeben.",
    other:
      "Du hast {right} von {count} Fragen richtig beantwortet, davon {first} im ersten Versuch (Punkte {points} / {count}), in {seconds} s. Lade deine Antworten herunter, um sie abzugeben.",
  },
  "lesson.walk.forward":
    "Deine Ziffer x ging vorwärts durch das Netz: {chain}. Jeder Pfeil ist eine Gleichung (F1–F8 im Bereich Herleitung).",
  "lesson.walk.predicts":
    "Es sagt {prediction} mit Wahrscheinlichkeit {probability} voraus. Das Ziel ist y = {label}, der Verlust ist also L = −log p{label} = {loss}.",
  "lesson.walk.backward":
    "Jetzt geht die Backpropagation denselben Weg rückwärts. Bevor ein Schritt erscheint, sag voraus, was er zeigen wird.",
  "lesson.file.title": "ConvTrace: der Rückwärtsdurchlauf, Schritt für Schritt vorhergesagt",

  // ---- Ergebnisse im Kurs ----
  "results.count": { one: "{count} Antwort", other: "{count} Antworten" },
  "results.right": " · {right} richtig",
  "results.no_answer": "keine Antwort",
  "results.value.tolerance": "Antworten innerhalb von ±{tolerance} um die Lösung zählen.",
  "results.grid.cell": "{where}: {count}",
  "results.cells.label": "Klicks je Zelle",
  "results.saliency.label": "Klicks je Bereich",
  "results.saliency.caption": "Bereiche der Ziffer, Zeile für Zeile",

  // ---- Kurssitzungen ----
  "class.students": { one: "{count} Person folgt", other: "{count} Personen folgen" },
  "class.qr_alt": "QR-Code des Beitrittslinks für Kurs {code}",
  "class.join_title": "Kurs {code} beitreten",
  "class.close": "Schließen",
  "class.join_how": "Tritt bei unter {link} oder gib den Code auf der ConvTrace-Seite ein.",
  "class.show_large": "Code groß zeigen",
  "class.join_details": "Beitrittsdaten: Link und QR-Code für Kurs {code}",
  "class.ask_label": "Den Kurs zum nächsten Schritt fragen ",
  "class.ask": "Kurs fragen",
  "class.asked": "Gefragt: {prompt}",
  "class.revealed": "Aufgedeckt. Die Antwort: {truth}.",
  "class.reveal": "Antwort aufdecken",
  "class.is_asked": "Der Kurs wird gefragt",
  "class.loading_digit": "Die Ziffer des Kurses wird geladen…",
  "class.other_digit": "Diese Frage betrifft eine andere Ziffer des Kurses: Geh zurück zum Kurs.",
  "class.send": "Antwort senden",
  "class.change": "Antwort ändern",
  "class.verdict.none": "Du hast nicht geantwortet.",
  "class.verdict.right": "Richtig.",
  "class.verdict.wrong": "Diesmal nicht.",
  "class.your_answer": "Deine Antwort: {answer}.",
  "class.the_answer": "Die Antwort: {truth}.",
  "class.class_answered": "Der Kurs hat geantwortet",
  "class.title": "Kurs ",
  "class.end": "Kurs beenden",
  "class.following": "Du folgst dem Kurs {code}",
  "class.following_waiting": "Du folgst dem Kurs {code}: Warten auf die Ziffer der Lehrkraft",
  "class.exploring": "Eigene Erkundung · Kurs {code}",
  "class.exploring_behind": "Eigene Erkundung · Kurs {code} ist weitergegangen",
  "class.reconnecting": " (neue Verbindung…)",
  "class.full": " (der Kurs ist voll; neuer Versuch…)",
  "class.rejoin": "Zurück zum Kurs",
  "class.leave": "Kurs verlassen",
  "class.no_qr": "kein QR-Code ({status})",
  "class.view_not_sent": "Der Kurs hat diese Ansicht nicht bekommen: {reason}",
  "class.ended_expired": "Der Kurs ist beendet (oder abgelaufen).",
  "class.ended": "Der Kurs ist beendet.",
  "class.ended_by_you": "Kurs beendet.",
  "class.ended_explore": "Der Kurs ist beendet. Du kannst allein weiter erkunden.",
  "class.no_question": "Zum nächsten Schritt passt keine Frage; geh erst weiter.",
  "class.started": "Kurs {code} gestartet: Die Lernenden treten mit dem Code oder dem QR-Code bei.",
  "class.custom_weights":
    "Der Kurs nutzt die trainierten Gewichte der Lehrkraft: Jeder Gradient hier wird mit ihnen berechnet, aber die Gewichtsbereiche und die Summen im Inspektor zeigen die mitgelieferten Gewichte.",
  "class.bad_code": "Ein Kurscode hat 6 Buchstaben und Ziffern, z. B. K7M2QD.",
  "class.left": "Kurs verlassen.",
  "class.joined": "Kurs {code} beigetreten.",
  "class.answer_first": "Wähle oder tippe zuerst eine Antwort.",
  "class.sent": "Gesendet. Du kannst deine Antwort bis zum Aufdecken ändern.",

  // ---- Gleichungen ----
  "eq.input.x":
    "Die Ziffer nach der Vorverarbeitung: auf ihre Tinte zugeschnitten, in ein 20×20-Feld skaliert und nach ihrem Schwerpunkt auf 28×28 zentriert.",
  "eq.conv.z":
    "Jede Merkmalskarte m schiebt einen d×d×t-Filter über die Eingabe: Jede Ausgabezelle ist der Filter mal das Fenster darunter, aufsummiert, plus der Bias der Karte. Mit Schrittweite s springt der Filter s Zellen auf einmal; mit Padding p bekommt die Eingabe zuerst einen Rand aus p Nullen.",
  "eq.act.a": "Die Nichtlinearität wird auf jede Zelle einzeln angewendet.",
  "eq.maxpool.a":
    "Jede gepoolte Zelle behält nur den größten Wert ihres Fensters; welche Zelle gewonnen hat, wird gespeichert (der Schalter).",
  "eq.maxpool.switches":
    "Wo der Gewinner jedes Fensters in der Eingabe des Poolings liegt. Bei Gleichstand gilt das erste Maximum, zeilenweise gelesen.",
  "eq.avgpool.a":
    "Jede gepoolte Zelle ist der Mittelwert ihres k×k-Fensters: Jede Zelle des Fensters zählt gleich, je 1/k².",
  "eq.flatten.a":
    "Der Block aus Merkmalskarten wird Zeile für Zeile in einen langen Vektor gelesen; berechnet wird nichts.",
  "eq.dense.z": "Jede Ausgabe der Schicht ist eine gewichtete Summe aller Eingaben plus ein Bias.",
  "eq.softmax.p":
    "Softmax macht aus den zehn Scores Wahrscheinlichkeiten, die positiv sind und sich zu 1 addieren; zuerst den größten Score abzuziehen ändert nichts, verhindert aber, dass e^z überläuft.",
  "eq.xent.L":
    "Der Verlust ist klein, wenn das Netz der Zielklasse y eine hohe Wahrscheinlichkeit gibt.",
  "eq.xent.dz":
    "Hier beginnt die Backpropagation: Der Fehler jedes Scores ist seine Wahrscheinlichkeit minus 1 für die Zielklasse (sonst minus 0).",
  "eq.dense.dW":
    "Der Gradient eines Gewichts ist der Fehler an seiner Ausgabe mal die Eingabe, die es multipliziert.",
  "eq.dense.db":
    "Ein Bias geht direkt in seine Ausgabe ein, also ist sein Gradient der Fehler dieser Ausgabe.",
  "eq.dense.dx":
    "Der weitergegebene Fehler: Jede Eingabe sammelt die Fehler aller Ausgaben, in die sie eingeflossen ist, gewichtet mit denselben Gewichten.",
  "eq.flatten.dx":
    "Der Fehler des Vektors wird zurück in den Block der Merkmalskarten gefaltet; wieder wird nichts berechnet.",
  "eq.maxpool.dx":
    "Nur der Gewinner jedes Fensters (sein Schalter) hat die Ausgabe beeinflusst, also bekommt er den ganzen Fehler; jede andere Zelle bekommt 0. Wo sich Fenster überlappen, bekommt eine Zelle, die mehrere gewonnen hat, die Summe ihrer Fehler.",
  "eq.avgpool.dx":
    "Jede Zelle eines Fensters hat den Mittelwert um 1/k² ihrer eigenen Änderung bewegt, also bekommt jede denselben Anteil, 1/k² des Fehlers des Fensters. Ein Max-Pooling gibt den ganzen Fehler dagegen einer Zelle, seinem Schalter.",
  "eq.act.dz":
    "Die Kettenregel durch die Nichtlinearität: Multipliziere den Fehler mit der Steigung von σ beim z der Zelle.",
  "eq.conv.dW":
    "Ein Filtergewicht wird an jeder Position benutzt, also summiert sein Gradient Fehler × Eingabe über alle Positionen.",
  "eq.conv.db":
    "Der Bias einer Karte wird an jeder Position addiert: Sein Gradient ist die Summe der Fehler dieser Karte.",
  "eq.conv.dx":
    "Der weitergegebene Fehler ist eine volle Faltung: Jede Eingabezelle sammelt die Fehler aller Ausgaben, deren Fenster sie bedeckt hat, gewichtet mit dem Filtereintrag, der sie verbunden hat (Terme ohne eine solche Ausgabe sind null). Mit Schrittweite s wird der Fehler zuerst mit s − 1 Nullen zwischen seinen Zellen auseinandergezogen: Das ist eine transponierte Faltung. Für das Eingabebild ist dies die Saliency-Karte.",
  "eq.map.conv.z": "Faltung",
  "eq.map.act.a": "Aktivierung",
  "eq.map.maxpool.a": "Max-Pooling",
  "eq.map.avgpool.a": "Average-Pooling",
  "eq.map.flatten.a": "Abflachen",
  "eq.map.dense.z": "vollverbundene Schicht",
  "eq.map.softmax.p": "Softmax",
  "eq.map.xent.L": "Kreuzentropie-Verlust",
  "eq.map.xent.dz": "Ausgabefehler von Softmax mit Kreuzentropie",
  "eq.map.dense.dW": "Gradient der vollverbundenen Gewichte",
  "eq.map.dense.db": "Gradient der vollverbundenen Biases",
  "eq.map.dense.dx": "vollverbundener Fehler, weitergegeben",
  "eq.map.flatten.dx": "Zurückfalten",
  "eq.map.maxpool.dx": "Weiterleitung durch Max-Pooling",
  "eq.map.avgpool.dx": "Verteilung durch Average-Pooling",
  "eq.map.act.dz": "Ableitung der Aktivierung",
  "eq.map.conv.dW": "Filtergradient",
  "eq.map.conv.db": "Bias-Gradient",
  "eq.map.conv.dx": "weitergegebener Fehler (volle Faltung)",
  "eq.title.xent.L": "der Verlust, an dem die Backpropagation beginnt",
  "eq.title.xent.dz": "der Ausgabefehler p − y",
  "eq.title.dense.dW": "der Gradient von {words}",
  "eq.title.dense.db": "der Gradient von {words}",
  "eq.title.dense.dx": "der an {words} weitergegebene Fehler",
  "eq.title.flatten.dx": "derselbe Fehler, zurückgefaltet auf {words}",
  "eq.title.maxpool.dx": "der Fehler, über die Schalter von {layer} zu {words} geleitet",
  "eq.title.avgpool.dx": "der Fehler, von {layer} gleichmäßig auf {words} verteilt",
  "eq.title.act.dz": "der Fehler bei {words}, durch die Steigung von {layer}",
  "eq.title.conv.dW": "der Gradient von {words}",
  "eq.title.conv.db": "der Gradient von {words}",
  "eq.title.conv.dx": "der an {words} weitergegebene Fehler (eine volle Faltung)",
  "eq.title.conv.dx_input": "der Fehler an den Eingabepixeln: die Saliency-Karte",
  "eq.sym.input": "das Eingabebild (a⁰ = x)",
  "eq.sym.z": "die gewichteten Summen von {layer}",
  "eq.sym.filters": "die Filter von {layer}",
  "eq.sym.weights": "die Gewichte von {layer}",
  "eq.sym.biases": "die Biases von {layer}",
  "eq.sym.out_z": "die Ausgabe-Scores",
  "eq.sym.out_filters": "die Filter der Ausgabeschicht",
  "eq.sym.out_weights": "die Gewichte der vollverbundenen Schicht",
  "eq.sym.out_biases": "die Biases der vollverbundenen Schicht",
  "eq.sym.act": "die Aktivierungen von {layer}",
  "eq.sym.pool": "die Ausgabe von {layer}",
  "eq.sym.flatten": "der abgeflachte Vektor",
  "eq.sym.softmax": "die Wahrscheinlichkeiten",
  "eq.sym.xent": "der Verlust",
  "eq.act.which": "(σ = {name})",
  "eq.input.image": "das 28×28-Bild, Tinte = 1",
  "eq.conv.padded": "über die mit Nullen aufgefüllte Eingabe, p = {p} Zellen breit auf jeder Seite",
  "eq.conv.dilated": {
    one: "δ̃: der Fehler δ, mit {count} Null zwischen benachbarten Zellen auseinandergezogen (um die Schrittweite s = {s} gedehnt), dann eine volle Faltung: eine transponierte Faltung",
    other:
      "δ̃: der Fehler δ, mit {count} Nullen zwischen benachbarten Zellen auseinandergezogen (um die Schrittweite s = {s} gedehnt), dann eine volle Faltung: eine transponierte Faltung",
  },
  "eq.conv.cropped":
    "der Nullrand (p = {p} Zellen breit) wird wieder abgeschnitten: Er ist keine echte Eingabe",
  "eq.maxpool.window": "über das k×k-Fenster, 0 ≤ u, v < k",
  "eq.maxpool.if_switch": "wenn (i, j) der Schalter ist, sonst 0",
  "eq.maxpool.won": "Fenster (p, q), die (i, j) gewonnen hat",
  "eq.maxpool.switch_formula": "Schalter = (Zeile, Spalte) des Maximums jedes Fensters",
  "eq.avgpool.window": "über das k×k-Fenster, 0 ≤ u, v < k",
  "eq.avgpool.holding": "Fenster (p, q), die (i, j) enthalten",
  "eq.pool.tiles": "k = {k}, Schrittweite {s}: Die Fenster kacheln die Eingabe",
  "eq.pool.overlap":
    "k = {k}, Schrittweite {s}: Benachbarte Fenster überlappen, eine Zelle kann also in mehreren liegen",
  "eq.sub.others": "die anderen {count} Terme, summiert",
  "eq.sub.sum": "nachgerechnete Summe",
  "eq.sub.window": "gepoolte Zelle ({cell}): Schalter bei ({at})",
  "eq.sub.copied": "kopiert: ",
  "eq.where": "Zelle [{cell}] von {shape} · {layer}",
  "eq.scalar": "ein Skalar",
  "eq.note.listed":
    "Aufgeführt: die {shown} Terme mit dem größten |Term| von allen {count}, in Indexreihenfolge, da sie die Summe bestimmen; die anderen {rest} sind in einer Zeile zusammengezählt. Die Faktoren der aufgeführten Terme sind in ihren Heatmaps umrandet (grün: Aktivierungen oder Fehler, violett: Gewichte).",
  "eq.note.delta": "δ steht kurz für ∂L/∂z, den Fehler an der gewichteten Ausgabe z einer Schicht.",
  "eq.note.padded": {
    one: "{count} Produkt fällt auf das Null-Padding: Es ist 0 und wird weggelassen.",
    other: "{count} Produkte fallen auf das Null-Padding: Sie sind 0 und werden weggelassen.",
  },
  "eq.note.dilated":
    "Schrittweite {s}: Nur die Terme, bei denen der Filter diese Zelle wirklich berührt hat, sind aufgeführt. Als eine Operation geschrieben wird der Fehler gedehnt (mit Nullen zwischen seinen Zellen auseinandergezogen, eine Zeile und Spalte Nullen weniger als die Schrittweite) und dann voll mit den Filtern gefaltet: eine transponierte Faltung.",
  "eq.note.won": "Diese Zelle hat ihr Fenster gewonnen, also bekommt sie den gepoolten Fehler.",
  "eq.note.lost": "Diese Zelle hat ihr Fenster verloren: Kein Fehler erreicht sie.",
  "eq.note.won_of":
    "Diese Zelle liegt in {count} überlappenden Fenstern und hat {won} davon gewonnen: Ihre Fehler addieren sich.",
  "eq.note.spread":
    "Ein Average-Pooling hat keinen Gewinner: Jede der {share} Zellen eines {k}×{k}-Fensters bekommt 1/{share} seines Fehlers, egal welchen Wert sie hatte.",
  "eq.note.unread":
    "Kein Fenster einer Ausgabe hat diese Zelle bedeckt (die Schrittweite des Filters hat sie übersprungen), also erreicht sie kein Fehler: 0.",
  "eq.note.no_weights":
    "Die Gewichte sind noch nicht geladen, daher lassen sich die Terme nicht aufführen.",
  "eq.param.heading": "Parameter {name}",
  "eq.param.where": "Eintrag [{cell}] von {shape}",
  "eq.param.note":
    "Sein Gradient erscheint daneben, wenn die Backpropagation diese Schicht erreicht; ein SGD-Schritt bewegt ihn um −(Lernrate) × diesen Gradienten.",
  "eq.switch.marks": {
    one: "Die dunklen Punkte und Quadrate markieren die Schalter von {layer}: Sein Fenster schickt seinen ganzen Fehler an die eine Zelle, die es im Vorwärtsdurchlauf gewonnen hat.",
    other:
      "Die dunklen Punkte und Quadrate markieren die Schalter von {layer}: Jedes seiner Fenster schickt seinen ganzen Fehler an die eine Zelle, die es im Vorwärtsdurchlauf gewonnen hat.",
  },
  "eq.switch.untied": "Kein Fenster hat einen Gleichstand.",
  "eq.switch.tied": {
    one: "{count} Fenster hat einen Gleichstand (derselbe größte Wert zwei- oder mehrmals, oft alles 0): Die Regel „erstes Maximum, zeilenweise“ gibt den Fehler dem ersten davon, Zeile für Zeile gelesen.",
    other:
      "{count} Fenster haben einen Gleichstand (derselbe größte Wert zwei- oder mehrmals, oft alles 0): Die Regel „erstes Maximum, zeilenweise“ gibt den Fehler dem ersten davon, Zeile für Zeile gelesen.",
  },
  "eq.slope.relu": "für ReLU ist sie 1, wo z > 0, und sonst 0",
  "eq.slope.sigmoid": "für die Sigmoidfunktion ist sie a·(1 − a)",
  "eq.slope.tanh": "für tanh ist sie 1 − a²",
  "eq.where.only": "die einzige Zelle",
  "eq.where.entry": "Eintrag {i}",
  "eq.where.cell": "Zeile {i}, Spalte {j}",
  "eq.where.map": "Zeile {i}, Spalte {j} von Karte {m}",
  "eq.where.filter": "Zeile {i}, Spalte {j} von Filter {m}, Kanal {c}",
  "eq.describe": "{name}, {shape}: {where}",
  "eq.describe.empty": "{name}: leer",
  "eq.describe.value": "Wert {value}",
  "eq.describe.spread":
    "größter Betrag {value} bei {where}; {nonzero} der Zellen ungleich null; Werte von {lo} bis {hi}",
  "eq.ask.shape": "Welche Form wird ∂L/∂{sym} haben? Gib die Größen ein, z. B. 3, 4, 5.",
  "eq.ask.shape_hint":
    "Ein Gradient hat genau die Form des Tensors, zu dem er gehört: Sieh dir den Bereich von {sym} (oder die Größenzeile der Schicht) im Netz an.",
  "eq.ask.entry": "Eintrag [{cell}]",
  "eq.ask.cell": "Zelle [{cell}]",
  "eq.ask.sign":
    "Welches Vorzeichen wird ∂L/∂{sym} bei {where} haben: positiv (+), negativ (−) oder genau null (0)?",
  "eq.ask.p_target": "p{y} (Wahrscheinlichkeit des Ziels y = {y})",
  "eq.ask.output_value": "Welchen Wert wird ∂L/∂{sym} für die Zielklasse y = {y} haben?",
  "eq.ask.output_hint":
    "An der Ausgabe ist der Fehler p − y, und y ist 1 für die Zielklasse (0 für die anderen).",
  "eq.ask.output_sign": "p − y: Hier ist y gleich 0.",
  "eq.ask.delta_target": "δ bei der Zielklasse {y}",
  "eq.ask.dense_bias_hint":
    "Ein Bias wird direkt zu seinem Score addiert, also ist sein Gradient gleich dem Fehler δ dieses Scores.",
  "eq.ask.act_error": "∂L/∂{sym} (der hier ankommende Fehler)",
  "eq.ask.act_z": "{sym} (die gewichtete Summe)",
  "eq.ask.act_value": "Welchen Wert wird ∂L/∂{sym} bei Zelle [{cell}] haben?",
  "eq.ask.act_value_hint": "Multipliziere den Fehler ∂L/∂a mit der Steigung σ′(z): {slope}.",
  "eq.ask.act_sign_hint": "Das Vorzeichen von ∂L/∂a mal σ′(z) ≥ 0: {slope}.",
  "eq.ask.delta_at": "δ bei [{cell}]",
  "eq.ask.bias_value":
    "Welchen Wert wird ∂L/∂b von Karte {m} haben? Die Fehler δ ungleich null von Karte {m} von {sym} sind aufgeführt; jede andere Zelle der Karte ist 0.",
  "eq.ask.bias_value_hint":
    "Der Bias wird an jeder Position seiner Karte addiert, also ist sein Gradient die Summe der Fehler δ der Karte.",
  "eq.ask.bias_sign_hint":
    "Der Bias-Gradient von Karte {m} ist die Summe der Fehler δ über die ganze Karte {m} von {sym}: Wiegen ihre roten (positiven) oder blauen (negativen) Zellen mehr?",
  "eq.ask.saliency":
    "Wo auf deiner Ziffer wird |∂L/∂x| am größten sein? Wähle einen der {grid}×{grid} Bereiche (je {size}×{size} Pixel).",
  "eq.ask.saliency_hint":
    "Ein Pixel zu ändern wirkt am stärksten dort, wo die Filter von {layer}, die es sehen, große Fehler tragen: meist auf oder direkt neben den Strichen, die die Zielziffer unterscheiden.",
  "eq.ask.stride_value":
    "Diese Schicht bewegt ihren Filter {stride} Zellen auf einmal. Welchen Wert wird der Gradient des Filtereintrags [{cell}] haben? Die Fehler δ ungleich null und die Eingaben, auf die sie über diesen Eintrag treffen, sind aufgeführt; jedes andere Produkt ist 0.",
  "eq.ask.stride_hint":
    "Eintrag (a, b) des Filters trifft bei Ausgabe (i, j) auf Eingabezelle ({stride}·i + a, {stride}·j + b): jede {stride}. Zelle. Multipliziere jedes δ mit seiner Eingabe und addiere die Produkte.",
  "eq.ask.unread":
    "Der {d}×{d}-Filter dieser Schicht bewegt sich {stride} Zellen auf einmal, und sein letztes Fenster endet bei Zeile {last}. Welchen Fehler wird Zelle [{cell}] bekommen?",
  "eq.ask.unread_hint":
    "Eine Eingabezelle bekommt nur von den Ausgaben Fehler, deren Fenster sie bedeckt hat. Mit Schrittweite {stride} enden die Fenster vor dieser Zeile: Keine Ausgabe hat sie gelesen.",
  "eq.ask.cells":
    "Welche Zellen dieses {size}×{size}-Ausschnitts von {sym} (Karte {map}) werden von {layer} Fehler bekommen? Wähle jede Zelle, die einen Anteil bekommt.",
  "eq.ask.cells_hint":
    "Jedes {k}×{k}-Fenster gibt seinen Fehler nur an eine Zelle weiter: seinen Schalter, die Zelle, die im Vorwärtsdurchlauf den größten Wert des Fensters hatte (bei Gleichstand die erste in Leserichtung). Die anderen Zellen bekommen 0.",
  "eq.ask.pooled_error": "der Fehler der gepoolten Zelle [{cell}]",
  "eq.ask.overlap":
    "Die Fenster dieses Poolings überlappen. Zelle [{cell}] hat im Vorwärtsdurchlauf {n} davon gewonnen. Welchen Fehler wird sie bekommen?",
  "eq.ask.overlap_hint":
    "Jedes Fenster schickt seinen ganzen Fehler an seinen Schalter; eine Zelle, die Schalter mehrerer Fenster ist, bekommt all ihre Fehler, zusammengezählt.",
  "eq.ask.share":
    "Ein Average-Pooling über {k}×{k}-Fenster: Wie viel vom Fehler ihres Fensters wird Zelle [{cell}] bekommen?",
  "eq.ask.share_hint":
    "Der Mittelwert zählt jede Zelle des Fensters gleich, also bekommt jede der {k}×{k} Zellen einen gleichen Anteil am Fehler des Fensters: Teile ihn durch die Anzahl der Zellen.",

  // ---- Architektur-Editor ----
  "arch.title": "Architektur",
  "arch.close": "Architektur-Editor schließen",
  "arch.aria": "Architektur-Editor",
  "arch.intro":
    "Baue dein eigenes Netz aus den Teilen der Herleitung. Jede Zeile ist eine Schicht l; die Form, die sie ergibt, ihre Parameter und ihr Rechenaufwand ändern sich beim Bearbeiten mit. Die letzte Schicht muss eine vollverbundene Schicht mit 10 Einheiten sein, eine je Ziffer.",
  "arch.preset_label": "Ausgehen von",
  "arch.preset.custom": "(deine Änderungen)",
  "arch.preset.lenet": "LeNet (das mitgelieferte Netz)",
  "arch.preset.nopool": "ohne Pooling",
  "arch.preset.small": "3×3-Filter",
  "arch.preset.strided": "Schrittweite statt Pooling",
  "arch.preset.avgpool": "Average-Pooling",
  "arch.preset.deeper": "tiefer (3 Faltungen)",
  "arch.preset.mlp": "MLP (ohne Faltung)",
  "arch.input": "Eingabe a⁰ = x: {shape}",
  "arch.kind.conv": "Faltung",
  "arch.kind.relu": "ReLU",
  "arch.kind.sigmoid": "Sigmoid",
  "arch.kind.tanh": "tanh",
  "arch.kind.maxpool": "Max-Pooling",
  "arch.kind.avgpool": "Average-Pooling",
  "arch.kind.flatten": "Abflachen",
  "arch.kind.dense": "vollverbunden",
  "arch.kind_of": "Art von Schicht {l}",
  "arch.field.maps": "Karten K",
  "arch.field.size": "Größe d",
  "arch.field.padding": "Padding",
  "arch.field.stride": "Schrittweite",
  "arch.field.units": "Einheiten",
  "arch.move_up": "Schicht {l} nach oben",
  "arch.move_down": "Schicht {l} nach unten",
  "arch.remove": "Schicht {l} entfernen",
  "arch.add": "Schicht hinzufügen",
  "arch.add_kind": "Art der neuen Schicht",
  "arch.params": { one: "{count} Parameter", other: "{count} Parameter" },
  "arch.macs": {
    one: "{count} Multiplikation mit Addition",
    other: "{count} Multiplikationen mit Addition",
  },
  "arch.total_params": {
    one: "{count} Parameter (höchstens {max})",
    other: "{count} Parameter (höchstens {max})",
  },
  "arch.total_macs": {
    one: "{count} Multiplikation mit Addition pro Bild (höchstens {max})",
    other: "{count} Multiplikationen mit Addition pro Bild (höchstens {max})",
  },
  "arch.checking": "Die Formen werden berechnet…",
  "arch.seed": "Startwert der frischen Gewichte",
  "arch.keep": "die trainierten Gewichte von {model} behalten (dies ist seine Architektur)",
  "arch.apply": "Anwenden",
  "arch.your_network": "dein Netz {id}",
  "arch.not_buildable": "der Server kann dieses Netz nicht bauen",
  "arch.link_failed":
    "Das Netz des Links ließ sich nicht öffnen ({reason}); stattdessen wird ein mitgeliefertes Modell gezeigt.",
  "arch.note.fresh":
    "Dein Netz hat frische Zufallsgewichte (Startwert {seed}): Es hat noch nichts gelernt und rät daher, etwa 1 Ziffer von 10 richtig. Seine Gradienten sind trotzdem echt: Geh sie Schritt für Schritt durch oder bring ihm mit „Einen SGD-Schritt anwenden“ etwas bei.",
  "arch.note.network":
    "Dies ist das eigene Netz einer lernenden Person: Sind seine Gewichte noch frisch, rät es (etwa 1 Ziffer von 10 richtig), bis es trainiert ist, zum Beispiel mit „Einen SGD-Schritt anwenden“.",
  "arch.chance.fresh":
    "Die Gewichte deines Netzes sind frisch und zufällig, seine Vorhersage ist also geraten (etwa 1 von 10): Trainiere es mit „Einen SGD-Schritt anwenden“.",
  "arch.chance.start":
    "Das sind die Gewichte vor Beginn des Trainings, daher ist die Vorhersage Zufall (etwa 1 zu 10).",
  "arch.note.trained": "Die Gewichte, die beim Training in Schritt {step} gespeichert wurden.",
  "arch.chance.network":
    "Das eigene Netz einer lernenden Person: Wurde es nicht trainiert, ist seine Vorhersage geraten (etwa 1 von 10); „Einen SGD-Schritt anwenden“ trainiert es.",
  "arch.note.shipped": "Zurück bei {model} mit seinen trainierten Gewichten.",
  "arch.error.unknown": "Diese Schicht lässt sich nicht bauen.",
  "arch.error.spec.too_deep":
    "Höchstens {max} Schichten: Dieses Netz hat {count}. Entferne einige.",
  "arch.error.spec.too_many_params":
    "Hier erreicht das Netz {params} Parameter, über der Grenze von {max}: Nimm weniger Karten oder Einheiten oder poole früher.",
  "arch.error.spec.too_many_macs":
    "Hier erreicht das Netz {macs} Multiplikationen mit Addition pro Bild, über der Grenze von {max}: Nimm weniger Karten, kleinere Filter, eine Schrittweite oder poole früher.",
  "arch.error.spec.last_not_dense10":
    "Die letzte Schicht muss eine vollverbundene Schicht mit 10 Einheiten sein: ein Score je Ziffer.",
  "arch.error.spec.filter_too_large":
    "Ein {size}×{size}-Filter passt nicht auf eine {rows}×{cols}-Eingabe: Füge Padding hinzu, nimm einen kleineren Filter oder entferne ein Pooling.",
  "arch.error.spec.map_vanished":
    "Ein {size}×{size}-Fenster passt nicht auf eine {rows}×{cols}-Karte, es bliebe also nichts übrig: Nimm ein kleineres Fenster oder entferne ein Pooling.",
  "arch.error.spec.padding_same_even":
    "Padding „same“ braucht eine ungerade Filtergröße (3, 5, 7, …), damit der Filter eine Mitte hat; dieser ist {size}×{size}.",
  "arch.error.spec.padding_too_large":
    "Padding {padding} ist zu breit für einen {size}×{size}-Filter: Seine äußeren Ringe sähen nur Nullen. Nimm weniger Padding als die Filtergröße.",
  "arch.error.spec.needs_map":
    "Diese Schicht arbeitet auf Karten (Zeilen × Spalten × Kanäle), bekommt aber einen flachen Vektor: Setze sie vor das Abflachen oder entferne das überzählige Abflachen.",
  "arch.error.spec.needs_flatten":
    "Eine vollverbundene Schicht braucht einen flachen Vektor: Füge davor ein Abflachen ein.",
  "arch.error.spec.out_of_range": "{value} liegt außerhalb des erlaubten Bereichs {min} bis {max}.",
  "arch.error.spec.bad_field": "Dieses Feld nimmt eine ganze Zahl.",
  "arch.error.spec.unknown_kind": "Eine Schicht dieser Art gibt es nicht.",

  // ---- Eingabegradienten-Labor ----
  "ig.open": "Eingabegradienten-Labor",
  "ig.aria": "Eingabegradienten-Labor",
  "ig.heading": "5 · Eingabegradienten",
  "ig.hint":
    "Täusche das Netz mit einer Änderung, die du nicht siehst, frag es, wie eine 5 aussieht, und vergleiche zwei Wege, die wichtigen Pixel zu finden.",
  "ig.close": "Labor schließen",
  "ig.title": "Eingabegradienten-Labor: was ∂L/∂x über deine Pixel sagt",
  "ig.intro":
    "Der Rückwärtsdurchlauf endet mit ∂L/∂x: wie sich der Verlust ändern würde, wenn sich jedes Pixel der Ziffer ein wenig änderte. Hier wendest du ihn auf die Ziffer selbst an.",
  "ig.mode": "Experiment",
  "ig.mode.fgsm": "Täuschen (ein Vorzeichenschritt)",
  "ig.mode.targeted": "Zu einer k machen (kleine Schritte)",
  "ig.mode.visualise": "Wie sieht eine k für das Netz aus?",
  "ig.mode.occlusion": "Welche Pixel zählen?",
  "ig.explain.fgsm":
    "Jedes Pixel bewegt sich um ε in die Richtung, die den Verlust der aktuellen Antwort erhöht: x′ = clip(x + ε·sign(∂L/∂x)).",
  "ig.explain.targeted":
    "Kleine Schritte abwärts auf dem Verlust der Ziffer k, bis das Netz k sagt, wobei kein Pixel mehr als ε vom Original abweicht.",
  "ig.explain.visualise":
    "Beginne mit einem leeren oder verrauschten Bild und steige log p_k hinauf, während eine Strafe auf große Werte und eine leichte Unschärfe das Bild glatt halten.",
  "ig.explain.occlusion":
    "Zwei Antworten auf „Welche Pixel zählen?“: der Gradient |∂L/∂x| aus einem Rückwärtsdurchlauf und die Verdeckung, die jedes Quadrat unter Grau versteckt und misst, wie weit p_y fällt.",
  "ig.epsilon": "ε (größte Änderung eines Pixels)",
  "ig.target": "Zielziffer k",
  "ig.start": "Beginnen mit",
  "ig.start.noise": "leichtem Rauschen",
  "ig.start.blank": "einem leeren Bild",
  "ig.start.image": "deiner Ziffer",
  "ig.l2": "L2-Strafe λ",
  "ig.blur": "Unschärfe σ (Pixel)",
  "ig.patch": "Quadratgröße (Pixel)",
  "ig.run": "Ausführen",
  "ig.running": "Läuft…",
  "ig.play": "Abspielen",
  "ig.pause": "Pause",
  "ig.frame": "Bild",
  "ig.send": "Dieses Bild verfolgen",
  "ig.sent": "Bild an die Hauptansicht gesendet: Geh dort rückwärts hindurch.",
  "ig.need_digit":
    "Klassifiziere zuerst eine Ziffer oder wähle ein Beispiel: Das Labor arbeitet mit der Ziffer auf dem Bildschirm.",
  "ig.failed": "Das Labor konnte nicht laufen: {reason}",
  "ig.original": "deine Ziffer x",
  "ig.original.visualise": "Startbild",
  "ig.image": "dieses Bild x′",
  "ig.image.occluded": "das graue Quadrat, das p_y am stärksten senkt",
  "ig.image.stretched": "dieses Bild x′ (Farben gestreckt: am hellsten = {top})",
  "ig.change": "Änderung x′ − x",
  "ig.probabilities": "Wahrscheinlichkeiten p",
  "ig.prediction": "Das Netz sagt {digit} (p = {p})",
  "ig.change_size": "Änderung: L∞ = {linf} (größte Pixeländerung), L2 = {l2}",
  "ig.step_count": {
    one: "Schritt {step} von {count}",
    other: "Schritt {step} von {count}",
  },
  "ig.fgsm.fooled":
    "Jedes Pixel hat sich um höchstens {linf} bewegt: Für dich ist es noch eine {before}, für das Netz jetzt eine {after}. Senke ε: Wie klein darf die Änderung sein, damit sie noch täuscht?",
  "ig.fgsm.held":
    "Jedes Pixel hat sich um höchstens {linf} bewegt, und die Antwort blieb {before}. Versuche ein größeres ε.",
  "ig.targeted.reached": {
    one: "Das Netz sagt {target} nach {count} Schritt. Kleinste gefundene Änderung: L∞ = {linf}, L2 = {l2}.",
    other:
      "Das Netz sagt {target} nach {count} Schritten. Kleinste gefundene Änderung: L∞ = {linf}, L2 = {l2}.",
  },
  "ig.targeted.missed":
    "Keine {target} innerhalb von {count} Schritten und ε = {eps}: Erlaube ein größeres ε.",
  "ig.visualise.done":
    "Nach {count} Schritten gibt das Netz diesem Bild p_{target} = {p}. Es ist das, was p_{target} am stärksten erhöht, keine Zeichnung einer {target}.",
  "ig.update": "Bei Pixel ({row}, {col}) dieses Schritts: {equation}",
  "ig.rule.fgsm": "x′ = x + ε·sign(∂L/∂x) = {x} + {eta}·sign({dx}) = {next}",
  "ig.rule.targeted": "x′ = x − η·sign(∂L_k/∂x) = {x} − {eta}·sign({dx}) = {next}",
  "ig.rule.visualise":
    "x′ = x + η·(∂log p_k/∂x − λx), dann Unschärfe: {x} + {eta}·({dx} − {l2}·{x}) → {next}",
  "ig.saliency": "Gradient |∂L/∂x|",
  "ig.occlusion": "Verdeckung: Abfall von p_y",
  "ig.same_scale":
    "Beide Karten auf einer Skala: 0 = keine Wirkung, 1 = die größte Wirkung, die jede Methode gefunden hat.",
  "ig.agreement":
    "{share} der Pixel, die der Gradient am höchsten einstuft, gehören auch zu den höchsten der Verdeckung.",
  "ig.agree.much":
    "Sie stimmen bei den Strichen überein, auf denen die Antwort beruht; wo sie sich unterscheiden, markiert der Gradient einzelne Pixel, bei denen ein winziger Stoß zählt, die Verdeckung ganze Quadrate, deren Verlust zählt.",
  "ig.agree.little":
    "Sie sind sich meist uneinig: Der Gradient markiert einzelne Pixel, bei denen ein winziger Stoß zählt, die Verdeckung ganze Quadrate, deren Verlust zählt, und Grau auf leerem Papier kann einen Strich hinzufügen, den die Ziffer nie hatte.",
  "ig.where":
    "Die stärksten Pixel des Gradienten liegen um {gradient}, die der Verdeckung um {occlusion}.",
  "ig.region.0": "oben links",
  "ig.region.1": "oben",
  "ig.region.2": "oben rechts",
  "ig.region.3": "links",
  "ig.region.4": "die Mitte",
  "ig.region.5": "rechts",
  "ig.region.6": "unten links",
  "ig.region.7": "unten",
  "ig.region.8": "unten rechts",
  "ig.guess": "Welche Ziffer wird es werden?",
  "ig.guess_first": "Rate, bevor du es siehst",
  "ig.reveal": "Antwort zeigen",
  "ig.guess_digit": "Tipp {digit}",
  "ig.guessed": "Du hast {guess} gesagt; das Netz sagt {after}.",

  // ---- Trainingslabor ----
  "train.open": "Trainingslabor",
  "train.aria": "Trainingslabor",
  "train.title": "Trainingslabor",
  "train.close": "Trainingslabor schließen",
  "train.intro":
    "Trainiere ein Netz mit Tausenden handgeschriebener Ziffern und sieh der Backpropagation bei der Arbeit zu: Jeder Schritt berechnet die Gradienten, die du in der Hauptansicht durchgehen kannst, für einen ganzen Stapel Ziffern auf einmal, und bewegt die Gewichte ein wenig gegen sie.",
  "train.network": "Netz",
  "train.network.model": "{model}, mit frischen Zufallsgewichten",
  "train.network.current": "das gerade benutzte Netz (aus dem Architektur-Editor)",
  "train.preset": "Voreinstellung",
  "train.preset.quick": "schnell",
  "train.preset.good": "gut",
  "train.optimizer": "Optimierer",
  "train.optimizer.sgd": "SGD",
  "train.optimizer.momentum": "SGD mit Momentum",
  "train.optimizer.adam": "Adam",
  "train.field.learning_rate": "Lernrate",
  "train.field.batch_size": "Stapelgröße",
  "train.field.epochs": "Epochen",
  "train.field.train_size": "Trainingsziffern",
  "train.start": "Trainieren",
  "train.cancel": "Abbrechen",
  "train.status.idle": "Wähle ein Netz und eine Voreinstellung, dann drücke Trainieren.",
  "train.status.sending": "Der Auftrag wird an den Server gesendet…",
  "train.status.queued": {
    one: "In der Warteschlange: {count} Auftrag vor deinem (etwa {seconds} s).",
    other: "In der Warteschlange: {count} Aufträge vor deinem (etwa {seconds} s).",
  },
  "train.status.started": "Das Training hat begonnen.",
  "train.status.running": "Training: Schritt {step} von {steps} (Epoche {epoch}).",
  "train.status.running_eta":
    "Training: Schritt {step} von {steps} (Epoche {epoch}), noch etwa {left} s.",
  "train.status.done":
    "Fertig in {seconds} s: {accuracy} von {size} Testziffern richtig. Wähle unten einen Checkpoint, um deine Ziffer mit seinen Gewichten zu verfolgen.",
  "train.status.failed": "Das Training ist fehlgeschlagen: {reason}",
  "train.status.cancelled": "Training abgebrochen. Die bisherigen Checkpoints bleiben nutzbar.",
  "train.status.cancelling": "Wird abgebrochen…",
  "train.status.refused": "Der Server hat das nicht angenommen: {reason}",
  "train.status.lost":
    "Die Verbindung zu diesem Auftrag ist verloren (vielleicht ist er abgelaufen). Starte ihn neu.",
  "train.status.following": "Du folgst dem Training der Lehrkraft.",
  "train.fig.loss": "Verlust und Testgenauigkeit",
  "train.fig.grads": "Gradientengröße je Schicht, ‖∂L/∂θ‖ (logarithmisch)",
  "train.fig.ratio": "Größe der Änderung je Schicht, ‖Δθ‖ / ‖θ‖ (logarithmisch)",
  "train.fig.filters": "Die Filter von conv1, wie sie sich ändern",
  "train.key.loss": "Verlust der letzten Stapel",
  "train.key.smooth": "Verlust, geglättet",
  "train.key.accuracy": "Testgenauigkeit (rechte Achse)",
  "train.axis.step": "Schritt",
  "train.axis.loss": "Verlust",
  "train.axis.norm": "‖∂L/∂θ‖",
  "train.axis.ratio": "‖Δθ‖/‖θ‖",
  "train.accuracy.none": "Testgenauigkeit: noch nicht gemessen.",
  "train.accuracy.at": "Testgenauigkeit: {value} von {size} Testziffern bei Schritt {step}.",
  "train.layer.first": "{layer} (die erste, nahe der Eingabe)",
  "train.layer.last": "{layer} (die letzte, nahe dem Verlust)",
  "train.grads.sigmoid":
    "Dieses Netz nutzt Sigmoid: Sein Gradient kommt bei {first} etwa {ratio}-mal kleiner an als bei {last}. Jedes Sigmoid multipliziert den Fehler auf dem Rückweg mit σ′ ≤ 0,25, also bekommen die frühen Schichten das schwächste Signal und lernen am langsamsten: verschwindende Gradienten.",
  "train.grads.smaller":
    "Gerade ist der Gradient von {last} {ratio}-mal so groß wie der von {first}. Mit Sigmoid statt ReLU fielen die Linien der frühen Schichten weit unter die der letzten: Die Gradienten verschwinden auf dem Rückweg.",
  "train.grads.similar":
    "Gerade ist der Gradient von {first} so groß wie der von {last} oder größer (Verhältnis {ratio}): ReLU gibt den Fehler zurück, ohne ihn zu verkleinern. Mit Sigmoid fielen die Linien der frühen Schichten weit darunter.",
  "train.ratio.note":
    "Wie weit ein Schritt die Gewichte jeder Schicht bewegt, relativ zu ihrer Größe. Etwa 0,001 ist ein gesundes Tempo; viel größer, und das Training springt hin und her, viel kleiner, und es kriecht.",
  "train.filters.none": "Die Filter erscheinen, wenn das Training beginnt.",
  "train.filters.words":
    "Die Filter von {layer} bei Schritt {step} (blau < 0, weiß = 0, rot > 0): Aus zufälligem Rauschen werden Detektoren für Striche und Kanten.",
  "train.checkpoint.title": "Checkpoints: Verfolge deine Ziffer zu jedem Zeitpunkt des Trainings",
  "train.checkpoint.label": "Checkpoint",
  "train.checkpoint.none": "noch keine Checkpoints",
  "train.checkpoint.hint":
    "Schiebe zu einem Checkpoint: Deine Ziffer wird mit den Gewichten dieses Moments verfolgt, und die Hauptansicht geht ihren Rückwärtsdurchlauf durch.",
  "train.checkpoint.at": "{k} von {n}: Schritt {step}",
  "train.checkpoint.early":
    "Früh (Schritt {step}, Testgenauigkeit {accuracy}): Das Netz rät noch, also ist der Verlust hoch und die Gradienten sind groß (‖∂L/∂θ‖ ≈ {norm}) und diffus, verteilt über die ganze Ziffer und jedes Gewicht. Geh den Rückwärtsdurchlauf in der Hauptansicht durch, um es zu sehen.",
  "train.checkpoint.middle":
    "Mitte (Schritt {step}, Testgenauigkeit {accuracy}): Die Gradienten sind auf ≈ {norm} geschrumpft, {times}-mal kleiner als am Anfang, und sammeln sich auf den Strichen, die die Ziffer entscheiden.",
  "train.checkpoint.late":
    "Spät (Schritt {step}, Testgenauigkeit {accuracy}): Die meisten Ziffern sind richtig, also ist der Verlust klein und die Gradienten auch (≈ {norm}, {times}-mal kleiner als am Anfang): schwach und auf die wenigen Pixel gerichtet, die noch zählen.",
  "train.checkpoint.draw_first":
    "Zeichne zuerst eine Ziffer oder wähle ein Beispiel: Die Gewichte des Checkpoints sind dafür bereit.",
  "train.checkpoint.traced": "Deine Ziffer, verfolgt mit den Gewichten von Schritt {step}.",
  "train.batch.title": "Ein Stapel, geöffnet",
  "train.batch.intro":
    "Ein Trainingsschritt folgt nicht dem Gradienten einer einzelnen Ziffer, sondern dem Mittelwert eines ganzen Stapels. Hier sind 8 Ziffern, der Gradient jeder einzelnen für einen Filter von conv1, und ihr Mittelwert: der Gradient, den der Optimierer anwendet.",
  "train.batch.open": "Einen Stapel öffnen",
  "train.batch.filter": "Filter",
  "train.batch.filter_m": "Filter m = {m}",
  "train.batch.example": "n = {n} (eine {label})",
  "train.batch.mean": "Mittelwert (der des Stapels)",
  "train.batch.equation_label":
    "der Gradient des Stapels ist der Mittelwert der Gradienten der {size} Beispiele",
  "train.batch.check":
    "Der Mittelwert dieser {size} Karten und der eigene Gradient des Stapels (ein Rückwärtsdurchlauf über den Stapel, Verlust {loss}) unterscheiden sich um höchstens {gap}: nur Rundung.",
  "train.batch.no_conv": "Dieses Netz hat keine Faltungsschicht zum Zeigen.",

  // ---- Sprachen ----
  "focus.export_which": "welche Bereiche die Abbildung enthält",
  "focus.export_svg": "Abbildung als SVG",
  "focus.export_png": "als PNG",
  "focus.export_ratio": "PNG-Auflösung",
  "focus.all_panels": "Alle Bereiche",
  "focus.one_hot": "y, Ziel {label} als One-Hot",
  "focus.slice.laid_out": ", angeordnet als {shape}",
  "focus.slice.class": "Klasse {k} (Zeile {k} von {n})",
  "focus.slice.filter": "Filter {m}, Kanal {c}",
  "focus.slice.map": "Karte {k} von {n}",
  "eq.unknown.equation":
    "ConvTrace kann die Gleichung „{id}“ nicht erklären: Sie steht nicht im Gleichungsverzeichnis.",
  "eq.unknown.kind":
    "ConvTrace kann die Schichtart „{id}“ nicht erklären: Sie steht nicht im Gleichungsverzeichnis.",
  "arch.class_weights":
    "Der Kurs nutzt die trainierten Gewichte der Lehrkraft: Jeder Gradient, jeder Gewichtsbereich und jede Summe hier wird mit ihnen berechnet.",
  "train.status.queued_class": {
    one: "Der Auftrag der Lehrkraft wartet in der Warteschlange: {count} Auftrag davor (etwa {seconds} s).",
    other:
      "Der Auftrag der Lehrkraft wartet in der Warteschlange: {count} Aufträge davor (etwa {seconds} s).",
  },
  "train.plot.summary":
    "Verlust und Testgenauigkeit: geglätteter Verlust {loss} bei Schritt {step} von {steps}",
  "train.batch.of_step":
    "Der Mini-Batch von Schritt {step} ({shown} seiner {size} Ziffern, so wie das Netz sie sah), mit den Gewichten des Checkpoints bei Schritt {at}: Wähle oben einen anderen Checkpoint, um einen anderen Schritt zu öffnen.",
  "train.batch.samples":
    "{shown} Beispielziffern, mit dem gerade benutzten Netz (trainiere ein Netz, um die Stapel seiner Schritte zu öffnen).",
  "i18n.menu": "Sprache",
  "i18n.values_note":
    "Zahlen in den Gleichungen werden in jeder Sprache gleich geschrieben, mit Dezimalpunkt: 0.5 ist ein Halb.",

  // ---- input-gradient class question ----
  "igq.ask": "Zuerst die Klasse fragen",
  "igq.asked":
    "Die Klasse rät, welche Ziffer daraus wird: Der Angriff erscheint hier, sobald du die Antwort in der Klassenkarte aufdeckst.",
  "igq.waiting":
    "Gefragt. Sieh in der Klassenkarte zu, wie die Antworten eintreffen, und decke sie dann auf.",
  "igq.prompt":
    "Das Netz liest diese Ziffer als {before}. Nun wird jedes Pixel um ε = {eps} verschoben, jeweils in die Richtung, in der der Verlust am stärksten steigt. Welche Ziffer sagt das Netz dann?",
  "igq.legend": "Die Ziffer, die das Netz sagen wird",
  "igq.format": "Wähle eine Ziffer von 0 bis 9.",
  "igq.reveal": "Nach der Verschiebung sagt das Netz {digit}.",
};
