// Français. Same keys and {placeholders} as en.js (tests/browser/test_catalogues.py checks).
// La notation de la dérivation (a^l, z^l, ∂L/∂w, σ′, δ …) reste telle quelle.

export default {
  // ---- la page et la barre d'outils ----
  "app.title": "ConvTrace",
  "page.title": "ConvTrace — voir la rétropropagation dans un réseau convolutif",
  "page.side": "chiffre et prédiction",
  "page.draw": "1 · Dessine un chiffre",
  "page.prediction": "2 · Prédiction",
  "page.train": "3 · Entraîne un pas",
  "page.diagnostics": "4 · Diagnostic",
  "page.main": "étapes de la rétropropagation",
  "page.class": "séance de classe",
  "page.lesson": "leçon",
  "page.focus": "les tenseurs de l'étape en cours, en grand",
  "page.network": "le réseau, couche par couche",
  "page.derivation": "les équations de la dérivation",
  "toolbar.model": "Modèle",
  "toolbar.own": "ton propre réseau",
  "toolbar.own_seed": "ton propre réseau (graine {seed})",
  "toolbar.class_network": "le réseau de la classe",
  "toolbar.model_label": "modèle",
  "toolbar.shared_scale": "une échelle de couleurs par type (comparer les couches)",
  "toolbar.lesson_start": "Commencer la leçon",
  "toolbar.class_start": "Lancer une classe",
  "toolbar.class_code": "Code de classe à rejoindre",
  "toolbar.class_placeholder": "code",
  "toolbar.join": "Rejoindre",
  "toolbar.share": "Copier le lien",
  "toolbar.download": "Télécharger la trace (JSON)",
  "pad.label": "zone de dessin : dessine un chiffre à la souris, au doigt ou au stylet",
  "pad.clear": "Effacer",
  "pad.classify": "Classer",
  "pad.sample_of": "ou un exemple de",
  "pad.sample_digit": "chiffre d'exemple",
  "pad.sample": "Choisir un exemple",
  "prediction.label": "Chiffre prédit :",
  "prediction.which": "Quel chiffre as-tu dessiné ?",
  "prediction.note":
    "Classe d'abord un chiffre ; choisis ensuite la cible y que vise la rétropropagation.",
  "prediction.chart": "probabilités des classes",
  "prediction.seen": "Ce que voit le réseau (28×28, après prétraitement)",
  "train.rate": "taux d'apprentissage",
  "train.apply": "Appliquer un pas de SGD",
  "train.undo": "Annuler",
  "train.reset": "Revenir au modèle d'origine",
  "diagnostics.hint":
    "Classe le même chiffre avec l'autre modèle pour comparer la vitesse à laquelle les gradients rétrécissent vers l'entrée.",
  "diagnostics.run": "Vérifier les gradients",
  "steps.prev": "Précédent",
  "steps.prev_title": "étape précédente (←)",
  "steps.next": "Suivant",
  "steps.next_title": "étape suivante (→)",
  "steps.play": "▶ Lecture",
  "steps.play_label": "lecture ou pause (espace)",
  "steps.scrubber": "étape",
  "steps.none": "Dessine un chiffre ou choisis un exemple, puis Classer.",
  "present.button": "Présenter",
  "present.title":
    "Présentation : plein écran, gros caractères ; avance avec une télécommande, PageDown/PageUp, les flèches ou espace",
  "colours.title": "Couleurs :",
  "colours.negative": "bleu < 0",
  "colours.zero": "blanc = 0",
  "colours.positive": "rouge > 0 (z, poids, tout gradient) ;",
  "colours.sequential": "violet foncé → jaune = bas → haut (l'entrée, les activations, p).",
  "colours.ui":
    "Les contours sombres en tirets ou doubles signalent la page elle-même (focus, étape en cours, ta sélection), jamais une valeur.",
  "overview.title": "Le réseau entier",
  "overview.hint": "(clique sur le nom d'une couche pour aller à son étape)",
  "inspector.label": "inspecteur",
  "inspector.close": "fermer l'inspecteur",
  "steps.no_trace": "pas encore de trace",
  "steps.valuetext": "étape {k} sur {n} : {title}",
  "steps.counter": "étape {k} / {n}",
  "steps.pause": "❚❚ Pause",
  "present.open_full": "Ouvrir dans ConvTrace ↗",
  "present.exit": "Quitter la présentation",
  "steps.your_weights": "Tes poids, après tes pas de SGD.",
  "steps.shipped_weights": "Les poids d'origine de {model}.",
  "train.bad_rate": "Le taux d'apprentissage doit être un nombre supérieur à 0 et au plus 10.",
  "train.not_applied":
    "Le pas de SGD n'a pas été appliqué ({reason}) ; tes poids n'ont pas changé.",
  "train.gradcheck_first":
    "Classe d'abord un chiffre : la vérification porte sur le chiffre actuel.",
  "prediction.aria": "chiffre prédit {prediction}, probabilité {p}",
  "prediction.loss": "perte L = −log p{label} = {loss}",
  "inspector.api_value": "Valeur de l'API :",
  "inspector.recomputed": "Recalculé ici :",
  "inspector.recomputed_terms": "Recalculé ici à partir de {count} termes :",
  "inspector.agrees": "✓ concorde",
  "inspector.differs": "≠ diffère",
  "pad.seen_name": "entrée du réseau",

  // ---- requêtes et erreurs du serveur ----
  "api.retry_dropped": "La connexion a été coupée ; nouvel essai…",
  "api.retry_busy": "Le serveur est occupé ; nouvel essai dans {seconds} s…",
  "error.unreachable": "Impossible de joindre le serveur. Est-il lancé ?",
  "error.trace_cut": "la trace s'est arrêtée avant l'arrivée de son résultat",
  "error.server_failed": "le serveur a échoué",
  "error.drawing.no_ink":
    "Dessine d'abord un chiffre : la zone n'a aucune encre que le réseau puisse voir.",
  "error.drawing.missing": "Dessine un chiffre ou choisis d'abord un exemple.",
  "error.drawing.empty": "Le dessin n'a aucun pixel : dessine d'abord un chiffre.",
  "error.drawing.all_ink":
    "Le dessin est de l'encre presque partout, on n'y voit donc aucune forme de chiffre : efface la zone et dessine à nouveau.",
  "error.drawing.too_large": "Le dessin est trop grand : au plus {max_side}×{max_side} pixels.",
  "error.weights.shape":
    "Ces poids ne correspondent pas aux couches du modèle (une forme diffère).",
  "error.weights.overflow":
    "Avec ces poids, les nombres deviennent trop grands pour être calculés (dépassement) : reviens au modèle d'origine.",
  "error.weights.non_finite":
    "Avec ces poids, les nombres deviennent trop grands pour être calculés (dépassement) : reviens au modèle d'origine.",
  "error.sgd.diverged":
    "Ce taux d'apprentissage fait exploser le pas (les poids déborderaient) : essaie-en un plus petit.",
  "error.model.unknown": "Ce serveur n'a aucun modèle de ce nom.",
  "error.network.unknown":
    "Ce serveur ne connaît plus ce réseau (il a peut-être redémarré) : construis-le à nouveau.",
  "error.network.store_unavailable":
    "Le stockage des réseaux est injoignable ; réessaie dans un instant.",
  "error.spec.invalid": "Ce réseau ne peut pas être construit tel qu'il est réglé.",
  "error.spec.too_deep": "Un réseau peut avoir au plus {max} couches ; celui-ci en a {count}.",
  "error.spec.too_many_params": "Ce réseau a plus de paramètres que le serveur n'en permet.",
  "error.spec.too_many_macs":
    "Ce réseau demande plus de calcul par image que le serveur n'en permet.",
  "error.spec.unknown_kind": "Il n'existe pas de type de couche « {kind} ».",
  "error.spec.duplicate_name":
    "Deux couches s'appellent {layer} : les noms des couches doivent être différents.",
  "error.spec.last_not_dense10":
    "La dernière couche doit être une couche dense de 10 unités : un score par chiffre.",
  "error.server.busy": "Le serveur est occupé ; réessaie dans un instant.",
  "error.server.timeout": "Le serveur a mis trop de temps à répondre ; réessaie.",
  "error.request.too_large": "La requête est trop grande : au plus {limit} octets.",
  "error.class.unknown": "Il n'y a aucune classe avec ce code (elle est peut-être terminée).",
  "error.class.full": "La classe est complète.",
  "error.class.no_state": "L'enseignant n'a pas encore partagé de chiffre.",
  "error.class.needs_redis":
    "Les séances de classe ne sont pas disponibles sur ce serveur (plusieurs processus sans stockage commun).",
  "error.class.too_many_sessions": "Ce serveur fait déjà tourner autant de classes qu'il peut.",
  "error.class.too_many_requests": "Trop de requêtes à la fois ; attends une seconde.",
  "error.class.too_many_changes":
    "La vue change trop vite pour la classe ; elle sera renvoyée dans un instant.",
  "error.class.store_unavailable": "Le stockage de la classe est injoignable ; nouvel essai…",
  "error.class.token_required": "Seul l'enseignant de la classe peut faire cela.",
  "error.class.token_wrong": "Seul l'enseignant de la classe peut faire cela.",
  "error.class.question_unknown": "Cette question n'est pas ouverte dans la classe.",
  "error.class.answers_closed": "La réponse a été révélée ; les réponses sont closes.",
  "error.class.truth_mismatch":
    "La trace de la classe donne une autre réponse à cette question : cette page montre-t-elle le chiffre de la classe ? Attends un instant et pose la question à nouveau.",
  "error.class.question_place":
    "Cette question porte sur un endroit que la trace de la classe n'a pas.",
  "classify.running": "Le réseau calcule…",
  "classify.no_trace": "Pas de trace : {reason}",
  "classify.draw_first": "Dessine d'abord un chiffre.",
  "classify.classify_first": "Classe d'abord un chiffre.",
  "classify.no_sample": "aucun exemple du chiffre {digit}",
  "classify.your_weights": {
    one: " · tes poids ({count} pas de SGD)",
    other: " · tes poids ({count} pas de SGD)",
  },
  "classify.done":
    "Prédit {prediction} · cible {label} · perte {loss}{whose} · {steps} étapes : utilise → ou Suivant pour reculer pas à pas.",
  "link.loading": "Chargement des modèles…",
  "link.ready": "Dessine un chiffre (ou choisis un exemple) et appuie sur Classer.",
  "link.classify_first":
    "Classe d'abord un chiffre : le lien contient le chiffre, la cible, le modèle et l'étape.",
  "link.copied": "Lien copié : il rouvre ce chiffre, cette cible, ce modèle et cette étape.",
  "link.not_copied":
    "Lien (copie-le depuis la barre d'adresse) : il rouvre ce chiffre, cette cible, ce modèle et cette étape.",
  "link.copied_trained":
    "Lien copié : il rouvre ce chiffre, cette cible, ce modèle et cette étape (avec les poids d'origine, pas ceux que tu as entraînés).",
  "link.not_copied_trained":
    "Lien (copie-le depuis la barre d'adresse) : il rouvre ce chiffre, cette cible, ce modèle et cette étape (avec les poids d'origine, pas ceux que tu as entraînés).",
  "error.array_size": "un tableau de forme {shape} est arrivé avec {count} valeurs",

  // ---- la prédiction et l'entraînement ----
  "sgd.fixed": "ce pas a corrigé ton chiffre : c'est maintenant un {y}",
  "sgd.already": "ton chiffre était déjà un {y} et l'est toujours",
  "sgd.still_wrong": "ton chiffre est toujours lu comme un {prediction}, pas un {y}",
  "sgd.samples": " ; les chiffres d'exemple : {before} → {after} justes",
  "sgd.samples_counted": " ; les {count} chiffres d'exemple : {before} → {after} justes",
  "sgd.harm":
    " — le pas a appris ton chiffre aux dépens des autres : essaie un taux d'apprentissage plus petit",
  "sgd.applying": "Application…",
  "sgd.summary_up":
    "Cible {y} : p{y} {before} → {after} (en hausse), perte {loss_before} → {loss_after}, prédiction {prediction_before} → {prediction_after}.",
  "sgd.summary_down":
    "Cible {y} : p{y} {before} → {after} (en baisse), perte {loss_before} → {loss_after}, prédiction {prediction_before} → {prediction_after}.",
  "sgd.digit_and_samples": "{digit}{samples}.",
  "sgd.norms": "taille du changement des poids ‖Δ‖ par paramètre",
  "target.sure":
    "Le réseau est déjà sûr que c'est un {label} (p{label} = {p}) : l'erreur est minuscule et il reste peu à apprendre. Choisis un autre chiffre pour voir ce qu'il faudrait pour le faire changer d'avis.",
  "target.default": "Cible {label} : la prédiction, jusqu'à ce que tu choisisses.",
  "target.chosen":
    "Cible {label} (p{label} = {p}) : la rétropropagation montre comment chaque poids devrait bouger pour l'augmenter.",
  "target.button": "cible {k}",
  "sgd.percent": "{value} %",

  // ---- les nombres d'une étape ----
  "sizes.caption": "gradient RMS par couche, échelle logarithmique (10^{lo} … 10^{hi})",
  "gradcheck.busy": "Vérification…",
  "gradcheck.agree": "{count} concordent",
  "gradcheck.mismatch": "{count} divergent",
  "gradcheck.kink": "{count} sur un point anguleux",
  "gradcheck.unresolved": "{count} non tranchées",
  "gradcheck.none_resolved": "non tranché : aucune entrée n'a pu être vérifiée",
  "gradcheck.caption":
    "plus grande erreur relative |analytique − numérique| / (|analytique| + |numérique|), ε = {epsilon}. Non comptés : les pas qui franchissent un point anguleux (ReLU en 0, égalité dans le pooling) et les entrées non tranchées, dont l'estimation numérique se perd dans le bruit d'arrondi ; un paramètre sans entrée tranchée n'obtient pas de ✓.",
  "heatmap.not_yet": "{name} : pas encore calculé",
  "heatmap.cursor": "{name}{where} = {value}. Entrée l'inspecte.",
  "heatmap.described": "{said}. Les flèches choisissent une cellule, Entrée l'inspecte.",
  "heatmap.legend": "échelle de couleurs de {min} à {max}",
  "size.zero": "exactement zéro : aucune erreur ne l'atteint",
  "size.sure": "minuscule : le réseau est déjà sûr de cette cible",
  "size.largest": "le plus grand gradient de cette trace",
  "size.about_largest": "à peu près aussi grand que le plus grand gradient",
  "size.smaller": "10^{power} fois plus petit que le plus grand gradient",
  "size.loss": "L = {value} : la perte d'où part la rétropropagation",
  "size.loss_sure":
    "L = {value} : le réseau est déjà sûr de cette cible, il reste donc peu à apprendre",
  "size.step_zero": "plus grand |{quantity}| = {value} : aucune erreur n'atteint ce tenseur",
  "size.step_sure":
    "plus grand |{quantity}| = {value} : le réseau est déjà sûr de ce chiffre, il reste donc peu à apprendre",
  "size.step": "plus grand |{quantity}| = {value} : {words}",
  "size.step_faded":
    "plus grand |{quantity}| = {value} : {words} ; il reste peu de l'erreur à ce niveau",
  "panels.one_hot": "y (one-hot : 1 à la cible {label})",
  "panels.step": "étape {k} : ",
  "format.scalar": "scalaire",

  // ---- la dérivation et les figures exportées ----
  "derivation.title": "Dérivation",
  "derivation.all": "Toutes les équations",
  "derivation.boxed": "encadrée dans la source",
  "derivation.forward": "Passe avant (F1–F8)",
  "derivation.backward": "Passe arrière, dans l'ordre où les étapes rencontrent les équations :",
  "derivation.credit":
    "La notation et les quatre résultats encadrés suivent {link}, {author}, {year}. Deux coquilles y sont corrigées ici : la somme sur les cartes de la couche suivante va de k = 0 … K−1, et le gradient du filtre s'écrit ∂L/∂w.",
  "figure.legend_diverging": "bleu < 0 (blanc) < rouge",
  "figure.legend_sequential": "sombre = bas, jaune = haut",

  // ---- questions ----
  "question.your_answer": "Ta réponse",
  "question.tolerance": "Les réponses à ±{tolerance} près comptent.",
  "question.sign.plus": "+ positif",
  "question.sign.minus": "− négatif",
  "question.sign.zero": "0 exactement zéro",
  "question.sign.format": "Réponds par +, − ou 0.",
  "question.value.format": "Tape un nombre, par ex. -0,0123 ou 1,5e-4.",
  "question.value.placeholder": "par ex. -0,0123 ou 1,5e-4",
  "question.value.label": "Ton nombre ",
  "question.shape.format": "Tape les tailles séparées par des virgules.",
  "question.shape.placeholder": "par ex. 3, 4, 5",
  "question.shape.label": "Tailles ",
  "question.shape.wrong_rank": {
    one: "Cela fait {count} taille ; ce gradient en a {rank}.",
    other: "Cela fait {count} tailles ; ce gradient en a {rank}.",
  },
  "question.shape.reveal":
    "{title} a la forme {shape}, un nombre par entrée du tenseur ; sa plus grande entrée vaut {largest} en {at}.",
  "question.cells.format": "Sélectionne des cellules du carré.",
  "question.cells.legend": "Lignes {rows}, colonnes {cols}, carte {channel}",
  "question.cells.cell": "cellule ({i}, {j}), valeur {value}",
  "question.cells.none": "aucune cellule",
  "question.cells.wrong_count": {
    one: "Tu as choisi {count} cellule ; le carré contient {windows} fenêtres.",
    other: "Tu as choisi {count} cellules ; le carré contient {windows} fenêtres.",
  },
  "question.cells.reveal":
    "Les commutateurs en {cells} prennent chacun toute l'erreur de leur fenêtre ; dans tout {title}, {receiving} cellules sur {total} sont non nulles et les autres valent exactement 0.",
  "question.cells.tie_rule": "premier maximum, ligne par ligne",
  "question.cells.tied": {
    one: "{count} fenêtre de ce carré est à égalité (plus grande valeur {value} plusieurs fois) ; la règle « {rule} » donne l'erreur à la première dans l'ordre de lecture.",
    other:
      "{count} fenêtres de ce carré sont à égalité (plus grande valeur {value} plusieurs fois) ; la règle « {rule} » donne l'erreur à la première dans l'ordre de lecture.",
  },
  "question.saliency.format": "Choisis une région.",
  "question.saliency.legend": "Choisis une région de ton chiffre",
  "question.saliency.region": "région ligne {row}, colonne {col}",
  "question.saliency.reveal":
    "|∂L/∂x| culmine au pixel {pixel} (valeur {value}), dans la région (ligne {row}, colonne {col}) : changer ce pixel est ce qui fait le plus bouger la perte.",
  "question.reveal.cell": "{title} en {at} = {value}.",
  "question.reveal.cell_worked": "{title} en {at} = {worked} = {value}.",
  "question.reveal.dense_db": "δ en [{j}], l'erreur de ce score",
  "question.reveal.conv_db": "la somme des erreurs δ de la carte {j}",
  "question.reveal.conv_db_terms": "la somme des erreurs δ de la carte {j} : {terms}",

  // ---- la leçon ----
  "lesson.title": "Leçon",
  "lesson.score": "Score {points} / {max}",
  "lesson.position": "Question {i} sur {n}",
  "lesson.seconds": "{seconds} s sur cette question",
  "lesson.check": "Vérifier",
  "lesson.check_again": "Vérifier mon second essai",
  "lesson.verdict.right": "Juste.",
  "lesson.verdict.wrong": "Pas cette fois.",
  "lesson.verdict.not_yet": "Pas encore.",
  "lesson.hint": "Indice : {hint}",
  "lesson.truth": "La réponse : {truth}.",
  "lesson.answered": { one: "Ta réponse : {answers}", other: "Tes réponses : {answers}" },
  "lesson.answered_then": ", puis ",
  "lesson.next": "Étape suivante",
  "lesson.finish": "Terminer",
  "lesson.need_digit":
    "Dessine d'abord un chiffre (ou choisis un exemple) et appuie sur Classer : la leçon porte sur ton propre chiffre.",
  "lesson.forward": "Passe avant",
  "lesson.start_backward": "Commencer la passe arrière",
  "lesson.complete": "Leçon terminée",
  "lesson.restart": "Recommencer",
  "lesson.download": "Télécharger mes réponses",
  "lesson.leave": "Quitter la leçon",
  "lesson.summary": {
    one: "Tu as répondu juste à {right} question sur {count}, dont {first} du premier coup (score {points} / {count}), en {seconds} s. Télécharge tes réponses pour les rendre.",
    other:
      "Tu as répondu juste à {right} questions sur {count}, dont {first} du premier coup (score {points} / {count}), en {seconds} s. Télécharge tes réponses pour les rendre.",
  },
  "lesson.walk.forward":
    "Ton chiffre x a traversé le réseau vers l'avant : {chain}. Chaque flèche est une équation (F1–F8 dans le panneau Dérivation).",
  "lesson.walk.predicts":
    "Il prédit {prediction} avec une probabilité de {probability}. La cible est y = {label}, donc la perte vaut L = −log p{label} = {loss}.",
  "lesson.walk.backward":
    "La rétropropagation refait maintenant le même chemin en sens inverse. Avant chaque étape, prédis ce qu'elle va montrer.",
  "lesson.file.title": "ConvTrace : la passe arrière, prédite étape par étape",

  // ---- résultats de la classe ----
  "results.count": { one: "{count} réponse", other: "{count} réponses" },
  "results.right": " · {right} justes",
  "results.no_answer": "pas de réponse",
  "results.value.tolerance": "Les réponses à ±{tolerance} près de la solution comptent.",
  "results.grid.cell": "{where} : {count}",
  "results.cells.label": "clics par cellule",
  "results.saliency.label": "clics par région",
  "results.saliency.caption": "Régions du chiffre, ligne par ligne",

  // ---- séances de classe ----
  "class.students": { one: "{count} élève suit", other: "{count} élèves suivent" },
  "class.qr_alt": "code QR du lien pour rejoindre la classe {code}",
  "class.join_title": "Rejoindre la classe {code}",
  "class.close": "Fermer",
  "class.join_how": "Rejoins sur {link} ou tape le code sur la page ConvTrace.",
  "class.show_large": "Afficher le code en grand",
  "class.join_details": "Pour rejoindre : lien et code QR de la classe {code}",
  "class.ask_label": "Interroger la classe sur l'étape suivante ",
  "class.ask": "Interroger la classe",
  "class.asked": "Question : {prompt}",
  "class.revealed": "Révélée. La réponse : {truth}.",
  "class.reveal": "Révéler la réponse",
  "class.is_asked": "La classe est interrogée",
  "class.loading_digit": "Chargement du chiffre de la classe…",
  "class.other_digit":
    "Cette question porte sur un autre chiffre de la classe : reviens à la classe.",
  "class.send": "Envoyer ma réponse",
  "class.change": "Changer ma réponse",
  "class.verdict.none": "Tu n'as pas répondu.",
  "class.verdict.right": "Juste.",
  "class.verdict.wrong": "Pas cette fois.",
  "class.your_answer": "Ta réponse : {answer}.",
  "class.the_answer": "La réponse : {truth}.",
  "class.class_answered": "La classe a répondu",
  "class.title": "Classe ",
  "class.end": "Terminer la classe",
  "class.following": "Tu suis la classe {code}",
  "class.following_waiting": "Tu suis la classe {code} : en attente du chiffre de l'enseignant",
  "class.exploring": "Exploration libre · classe {code}",
  "class.exploring_behind": "Exploration libre · la classe {code} est passée à la suite",
  "class.reconnecting": " (reconnexion…)",
  "class.full": " (la classe est complète ; nouvel essai…)",
  "class.rejoin": "Revenir à la classe",
  "class.leave": "Quitter la classe",
  "class.no_qr": "pas de code QR ({status})",
  "class.view_not_sent": "La classe n'a pas reçu cette vue : {reason}",
  "class.ended_expired": "La classe est terminée (ou a expiré).",
  "class.ended": "La classe est terminée.",
  "class.ended_by_you": "Classe terminée.",
  "class.ended_explore": "La classe est terminée. Tu peux continuer à explorer seul.",
  "class.no_question": "Aucune question ne convient à l'étape suivante ; avance d'abord.",
  "class.started": "Classe {code} lancée : les élèves rejoignent avec le code ou le QR.",
  "class.custom_weights":
    "La classe utilise les poids entraînés de l'enseignant : chaque gradient ici est calculé avec eux, mais les panneaux de poids et les sommes de l'inspecteur montrent les poids d'origine.",
  "class.bad_code": "Un code de classe a 6 lettres et chiffres, par ex. K7M2QD.",
  "class.left": "Tu as quitté la classe.",
  "class.joined": "Tu as rejoint la classe {code}.",
  "class.answer_first": "Choisis ou tape d'abord une réponse.",
  "class.sent": "Envoyée. Tu peux changer ta réponse jusqu'à la révélation.",

  // ---- équations ----
  "eq.input.x":
    "Le chiffre après prétraitement : recadré sur son encre, mis à l'échelle dans un carré de 20×20 et centré selon sa masse sur 28×28.",
  "eq.conv.z":
    "Chaque carte de caractéristiques m fait glisser un filtre d×d×t sur l'entrée : chaque cellule de sortie est le filtre multiplié par la fenêtre en dessous, sommé, plus le biais de la carte. Avec un pas s, le filtre saute s cellules à la fois ; avec un remplissage p, l'entrée reçoit d'abord une bordure de p zéros.",
  "eq.act.a": "La non-linéarité est appliquée à chaque cellule séparément.",
  "eq.maxpool.a":
    "Chaque cellule regroupée ne garde que la plus grande valeur de sa fenêtre ; on retient quelle cellule a gagné (le commutateur).",
  "eq.maxpool.switches":
    "Où se trouve le gagnant de chaque fenêtre dans l'entrée du pooling. Les égalités vont au premier maximum, ligne par ligne.",
  "eq.avgpool.a":
    "Chaque cellule regroupée est la moyenne de sa fenêtre k×k : chaque cellule de la fenêtre compte autant, 1/k² chacune.",
  "eq.flatten.a":
    "Le bloc de cartes de caractéristiques est lu ligne par ligne en un seul long vecteur ; rien n'est calculé.",
  "eq.dense.z":
    "Chaque sortie de la couche est une somme pondérée de toutes ses entrées plus un biais.",
  "eq.softmax.p":
    "Softmax transforme les dix scores en probabilités positives dont la somme vaut 1 ; soustraire d'abord le plus grand score ne change rien mais évite que e^z déborde.",
  "eq.xent.L":
    "La perte est petite quand le réseau donne à la classe cible y une forte probabilité.",
  "eq.xent.dz":
    "La rétropropagation commence ici : l'erreur de chaque score est sa probabilité moins 1 pour la classe cible (moins 0 sinon).",
  "eq.dense.dW": "Le gradient d'un poids est l'erreur à sa sortie fois l'entrée qu'il multiplie.",
  "eq.dense.db":
    "Un biais s'ajoute directement à sa sortie, donc son gradient est l'erreur de cette sortie.",
  "eq.dense.dx":
    "L'erreur transmise vers le bas : chaque entrée recueille les erreurs de toutes les sorties qu'elle a alimentées, pondérées par les mêmes poids.",
  "eq.flatten.dx":
    "L'erreur du vecteur est repliée dans le bloc de cartes de caractéristiques ; là encore rien n'est calculé.",
  "eq.maxpool.dx":
    "Seul le gagnant de chaque fenêtre (son commutateur) a influencé la sortie, il reçoit donc toute l'erreur ; toute autre cellule reçoit 0. Là où les fenêtres se chevauchent, une cellule qui en a gagné plusieurs reçoit la somme de leurs erreurs.",
  "eq.avgpool.dx":
    "Chaque cellule d'une fenêtre a fait bouger la moyenne de 1/k² de son propre changement, donc chacune reçoit la même part, 1/k² de l'erreur de la fenêtre. Un max-pooling, lui, donne toute l'erreur à une seule cellule, son commutateur.",
  "eq.act.dz":
    "La règle de dérivation en chaîne à travers la non-linéarité : multiplie l'erreur par la pente de σ au z de la cellule.",
  "eq.conv.dW":
    "Un poids du filtre sert à toutes les positions, donc son gradient additionne erreur × entrée sur toutes les positions.",
  "eq.conv.db":
    "Le biais d'une carte s'ajoute à chaque position : son gradient est la somme des erreurs de cette carte.",
  "eq.conv.dx":
    "L'erreur transmise vers le bas est une convolution complète : chaque cellule d'entrée recueille les erreurs de toutes les sorties dont la fenêtre l'a couverte, pondérées par le coefficient du filtre qui les reliait (les termes sans telle sortie sont nuls). Avec un pas s, l'erreur est d'abord écartée avec s − 1 zéros entre ses cellules : c'est une convolution transposée. Pour l'image d'entrée, c'est la carte de saillance.",
  "eq.map.conv.z": "convolution",
  "eq.map.act.a": "activation",
  "eq.map.maxpool.a": "max-pooling",
  "eq.map.avgpool.a": "pooling moyen",
  "eq.map.flatten.a": "aplatissement",
  "eq.map.dense.z": "couche dense",
  "eq.map.softmax.p": "softmax",
  "eq.map.xent.L": "perte d'entropie croisée",
  "eq.map.xent.dz": "erreur de sortie de softmax avec entropie croisée",
  "eq.map.dense.dW": "gradient des poids denses",
  "eq.map.dense.db": "gradient des biais denses",
  "eq.map.dense.dx": "erreur dense transmise vers le bas",
  "eq.map.flatten.dx": "dépliage",
  "eq.map.maxpool.dx": "routage du max-pooling",
  "eq.map.avgpool.dx": "répartition du pooling moyen",
  "eq.map.act.dz": "dérivée de l'activation",
  "eq.map.conv.dW": "gradient du filtre",
  "eq.map.conv.db": "gradient du biais",
  "eq.map.conv.dx": "erreur transmise vers le bas (convolution complète)",
  "eq.title.xent.L": "la perte, là où commence la rétropropagation",
  "eq.title.xent.dz": "l'erreur de sortie p − y",
  "eq.title.dense.dW": "le gradient de {words}",
  "eq.title.dense.db": "le gradient de {words}",
  "eq.title.dense.dx": "l'erreur transmise à {words}",
  "eq.title.flatten.dx": "la même erreur, repliée sur {words}",
  "eq.title.maxpool.dx": "l'erreur acheminée par les commutateurs de {layer} vers {words}",
  "eq.title.avgpool.dx": "l'erreur répartie également par {layer} sur {words}",
  "eq.title.act.dz": "l'erreur en {words}, à travers la pente de {layer}",
  "eq.title.conv.dW": "le gradient de {words}",
  "eq.title.conv.db": "le gradient de {words}",
  "eq.title.conv.dx": "l'erreur transmise à {words} (une convolution complète)",
  "eq.title.conv.dx_input": "l'erreur aux pixels d'entrée : la carte de saillance",
  "eq.sym.input": "l'image d'entrée (a⁰ = x)",
  "eq.sym.z": "les sommes pondérées de {layer}",
  "eq.sym.filters": "les filtres de {layer}",
  "eq.sym.weights": "les poids de {layer}",
  "eq.sym.biases": "les biais de {layer}",
  "eq.sym.out_z": "les scores de sortie",
  "eq.sym.out_filters": "les filtres de la couche de sortie",
  "eq.sym.out_weights": "les poids de la couche dense",
  "eq.sym.out_biases": "les biais de la couche dense",
  "eq.sym.act": "les activations de {layer}",
  "eq.sym.pool": "la sortie de {layer}",
  "eq.sym.flatten": "le vecteur aplati",
  "eq.sym.softmax": "les probabilités",
  "eq.sym.xent": "la perte",
  "eq.act.which": "(σ = {name})",
  "eq.input.image": "l'image de 28×28, encre = 1",
  "eq.conv.padded": "sur l'entrée complétée par des zéros, de p = {p} cellules de chaque côté",
  "eq.conv.dilated": {
    one: "δ̃ : l'erreur δ écartée avec {count} zéro entre cellules voisines (dilatée par le pas s = {s}), puis une convolution complète : une convolution transposée",
    other:
      "δ̃ : l'erreur δ écartée avec {count} zéros entre cellules voisines (dilatée par le pas s = {s}), puis une convolution complète : une convolution transposée",
  },
  "eq.conv.cropped":
    "la bordure de zéros (de p = {p} cellules) est de nouveau retirée : ce n'est pas une vraie entrée",
  "eq.maxpool.window": "sur la fenêtre k×k, 0 ≤ u, v < k",
  "eq.maxpool.if_switch": "si (i, j) est le commutateur, sinon 0",
  "eq.maxpool.won": "fenêtres (p, q) que (i, j) a gagnées",
  "eq.maxpool.switch_formula": "commutateur = (ligne, colonne) du maximum de chaque fenêtre",
  "eq.avgpool.window": "sur la fenêtre k×k, 0 ≤ u, v < k",
  "eq.avgpool.holding": "fenêtres (p, q) qui contiennent (i, j)",
  "eq.pool.tiles": "k = {k}, pas {s} : les fenêtres pavent l'entrée",
  "eq.pool.overlap":
    "k = {k}, pas {s} : les fenêtres voisines se chevauchent, une cellule peut donc être dans plusieurs",
  "eq.sub.others": "les {count} autres termes, additionnés",
  "eq.sub.sum": "somme recalculée",
  "eq.sub.window": "cellule regroupée ({cell}) : commutateur en ({at})",
  "eq.sub.copied": "copié : ",
  "eq.where": "cellule [{cell}] de {shape} · {layer}",
  "eq.scalar": "un scalaire",
  "eq.note.listed":
    "Listés : les {shown} termes de plus grand |terme| parmi les {count}, dans l'ordre des indices, car ils décident de la somme ; les {rest} autres sont additionnés sur une ligne. Les facteurs des termes listés sont entourés dans leurs cartes de chaleur (vert : activations ou erreurs, violet : poids).",
  "eq.note.delta": "δ est l'abréviation de ∂L/∂z, l'erreur à la sortie pondérée z d'une couche.",
  "eq.note.padded": {
    one: "{count} produit tombe sur le remplissage de zéros : il vaut 0 et est omis.",
    other: "{count} produits tombent sur le remplissage de zéros : ils valent 0 et sont omis.",
  },
  "eq.note.dilated":
    "Pas {s} : seuls les termes où le filtre a vraiment touché cette cellule sont listés. Écrite comme une seule opération, l'erreur est dilatée (écartée avec des zéros entre ses cellules, une ligne et une colonne de zéros de moins que le pas), puis convoluée complètement avec les filtres : une convolution transposée.",
  "eq.note.won": "Cette cellule a gagné sa fenêtre, elle reçoit donc l'erreur regroupée.",
  "eq.note.lost": "Cette cellule a perdu sa fenêtre : aucune erreur ne l'atteint.",
  "eq.note.won_of":
    "Cette cellule se trouve dans {count} fenêtres qui se chevauchent et en a gagné {won} : leurs erreurs s'additionnent.",
  "eq.note.spread":
    "Un pooling moyen n'a pas de gagnant : chacune des {share} cellules d'une fenêtre {k}×{k} reçoit 1/{share} de son erreur, quelle que soit sa valeur.",
  "eq.note.unread":
    "Aucune fenêtre de sortie n'a couvert cette cellule (le pas du filtre l'a enjambée), donc aucune erreur ne l'atteint : 0.",
  "eq.note.no_weights":
    "Les poids ne sont pas encore chargés, les termes ne peuvent donc pas être listés.",
  "eq.param.heading": "paramètre {name}",
  "eq.param.where": "entrée [{cell}] de {shape}",
  "eq.param.note":
    "Son gradient apparaît à côté quand la rétropropagation atteint cette couche ; un pas de SGD le déplace de −(taux d'apprentissage) × ce gradient.",
  "eq.switch.marks": {
    one: "Les points et carrés sombres marquent les commutateurs de {layer} : sa fenêtre envoie toute son erreur à la seule cellule qui l'a gagnée lors de la passe avant.",
    other:
      "Les points et carrés sombres marquent les commutateurs de {layer} : chacune de ses fenêtres envoie toute son erreur à la seule cellule qui l'a gagnée lors de la passe avant.",
  },
  "eq.switch.untied": "Aucune fenêtre n'est à égalité.",
  "eq.switch.tied": {
    one: "{count} fenêtre est à égalité (la même plus grande valeur deux fois ou plus, souvent tout à 0) : la règle « premier maximum, ligne par ligne » donne l'erreur à la première, en lisant ligne par ligne.",
    other:
      "{count} fenêtres sont à égalité (la même plus grande valeur deux fois ou plus, souvent tout à 0) : la règle « premier maximum, ligne par ligne » donne l'erreur à la première, en lisant ligne par ligne.",
  },
  "eq.slope.relu": "pour ReLU elle vaut 1 là où z > 0 et 0 ailleurs",
  "eq.slope.sigmoid": "pour la sigmoïde elle vaut a·(1 − a)",
  "eq.slope.tanh": "pour tanh elle vaut 1 − a²",
  "eq.where.only": "la seule cellule",
  "eq.where.entry": "entrée {i}",
  "eq.where.cell": "ligne {i}, colonne {j}",
  "eq.where.map": "ligne {i}, colonne {j} de la carte {m}",
  "eq.where.filter": "ligne {i}, colonne {j} du filtre {m}, canal {c}",
  "eq.describe": "{name}, {shape} : {where}",
  "eq.describe.empty": "{name} : vide",
  "eq.describe.value": "valeur {value}",
  "eq.describe.spread":
    "plus grande magnitude {value} en {where} ; {nonzero} des cellules non nulles ; valeurs de {lo} à {hi}",
  "eq.ask.shape": "Quelle forme aura ∂L/∂{sym} ? Tape ses tailles, par ex. 3, 4, 5.",
  "eq.ask.shape_hint":
    "Un gradient a exactement la forme du tenseur auquel il appartient : regarde le panneau de {sym} (ou la ligne de taille de la couche) dans le réseau.",
  "eq.ask.entry": "entrée [{cell}]",
  "eq.ask.cell": "cellule [{cell}]",
  "eq.ask.sign":
    "Quel sera le signe de ∂L/∂{sym} en {where} : positif (+), négatif (−) ou exactement zéro (0) ?",
  "eq.ask.p_target": "p{y} (probabilité de la cible y = {y})",
  "eq.ask.output_value": "Combien vaudra ∂L/∂{sym} pour la classe cible y = {y} ?",
  "eq.ask.output_hint":
    "À la sortie l'erreur est p − y, et y vaut 1 pour la classe cible (0 pour les autres).",
  "eq.ask.output_sign": "p − y : ici y vaut 0.",
  "eq.ask.delta_target": "δ à la classe cible {y}",
  "eq.ask.dense_bias_hint":
    "Un biais s'ajoute directement à son score, donc son gradient est égal à l'erreur δ de ce score.",
  "eq.ask.act_error": "∂L/∂{sym} (l'erreur qui arrive ici)",
  "eq.ask.act_z": "{sym} (la somme pondérée)",
  "eq.ask.act_value": "Combien vaudra ∂L/∂{sym} en la cellule [{cell}] ?",
  "eq.ask.act_value_hint": "Multiplie l'erreur ∂L/∂a par la pente σ′(z) : {slope}.",
  "eq.ask.act_sign_hint": "Le signe de ∂L/∂a fois σ′(z) ≥ 0 : {slope}.",
  "eq.ask.delta_at": "δ en [{cell}]",
  "eq.ask.bias_value":
    "Combien vaudra ∂L/∂b de la carte {m} ? Les erreurs δ non nulles de la carte {m} de {sym} sont listées ; toute autre cellule de la carte vaut 0.",
  "eq.ask.bias_value_hint":
    "Le biais s'ajoute à chaque position de sa carte, donc son gradient est la somme des erreurs δ de la carte.",
  "eq.ask.bias_sign_hint":
    "Le gradient du biais de la carte {m} est la somme des erreurs δ sur toute la carte {m} de {sym} : ses cellules rouges (positives) ou bleues (négatives) pèsent-elles le plus ?",
  "eq.ask.saliency":
    "Où sur ton chiffre |∂L/∂x| sera-t-il le plus grand ? Choisis une des {grid}×{grid} régions ({size}×{size} pixels chacune).",
  "eq.ask.saliency_hint":
    "Changer un pixel compte le plus là où les filtres de {layer} qui le voient portent de grandes erreurs : en général sur les traits qui distinguent le chiffre cible, ou juste à côté.",
  "eq.ask.stride_value":
    "Cette couche déplace son filtre de {stride} cellules à la fois. Combien vaudra le gradient du coefficient de filtre [{cell}] ? Les erreurs δ non nulles et les entrées qu'elles rencontrent par ce coefficient sont listées ; tout autre produit vaut 0.",
  "eq.ask.stride_hint":
    "Le coefficient (a, b) du filtre rencontre la cellule d'entrée ({stride}·i + a, {stride}·j + b) à la sortie (i, j) : une cellule sur {stride}. Multiplie chaque δ par son entrée et additionne les produits.",
  "eq.ask.unread":
    "Le filtre {d}×{d} de cette couche avance de {stride} cellules à la fois, et sa dernière fenêtre finit à la ligne {last}. Quelle erreur la cellule [{cell}] recevra-t-elle ?",
  "eq.ask.unread_hint":
    "Une cellule d'entrée ne reçoit d'erreur que des sorties dont la fenêtre l'a couverte. Avec un pas de {stride}, les fenêtres s'arrêtent avant cette ligne : aucune sortie ne l'a lue.",
  "eq.ask.cells":
    "Quelles cellules de ce carré {size}×{size} de {sym} (carte {map}) recevront de l'erreur de {layer} ? Sélectionne chaque cellule qui reçoit une part.",
  "eq.ask.cells_hint":
    "Chaque fenêtre {k}×{k} transmet son erreur à une seule cellule : son commutateur, la cellule qui avait la plus grande valeur de la fenêtre lors de la passe avant (en cas d'égalité, la première dans l'ordre de lecture). Les autres cellules reçoivent 0.",
  "eq.ask.pooled_error": "l'erreur de la cellule regroupée [{cell}]",
  "eq.ask.overlap":
    "Les fenêtres de ce pooling se chevauchent. La cellule [{cell}] en a gagné {n} lors de la passe avant. Quelle erreur recevra-t-elle ?",
  "eq.ask.overlap_hint":
    "Chaque fenêtre envoie toute son erreur à son commutateur ; une cellule qui est le commutateur de plusieurs fenêtres reçoit toutes leurs erreurs, additionnées.",
  "eq.ask.share":
    "Un pooling moyen sur des fenêtres {k}×{k} : quelle part de l'erreur de sa fenêtre la cellule [{cell}] recevra-t-elle ?",
  "eq.ask.share_hint":
    "La moyenne compte chaque cellule de la fenêtre de la même façon, donc chacune des {k}×{k} cellules reçoit une part égale de l'erreur de la fenêtre : divise-la par le nombre de cellules.",

  // ---- éditeur d'architecture ----
  "arch.title": "Architecture",
  "arch.close": "fermer l'éditeur d'architecture",
  "arch.aria": "éditeur d'architecture",
  "arch.intro":
    "Construis ton propre réseau avec les pièces de la dérivation. Chaque ligne est une couche l ; la forme qu'elle produit, ses paramètres et son coût se mettent à jour pendant que tu modifies. La dernière couche doit être une couche dense de 10 unités, une par chiffre.",
  "arch.preset_label": "Partir de",
  "arch.preset.custom": "(tes modifications)",
  "arch.preset.lenet": "LeNet (le réseau d'origine)",
  "arch.preset.nopool": "sans pooling",
  "arch.preset.small": "filtres 3×3",
  "arch.preset.strided": "avec un pas au lieu du pooling",
  "arch.preset.avgpool": "pooling moyen",
  "arch.preset.deeper": "plus profond (3 convolutions)",
  "arch.preset.mlp": "MLP (sans convolution)",
  "arch.input": "entrée a⁰ = x : {shape}",
  "arch.kind.conv": "convolution",
  "arch.kind.relu": "ReLU",
  "arch.kind.sigmoid": "sigmoïde",
  "arch.kind.tanh": "tanh",
  "arch.kind.maxpool": "max-pooling",
  "arch.kind.avgpool": "pooling moyen",
  "arch.kind.flatten": "aplatissement",
  "arch.kind.dense": "dense",
  "arch.kind_of": "type de la couche {l}",
  "arch.field.maps": "cartes K",
  "arch.field.size": "taille d",
  "arch.field.padding": "remplissage",
  "arch.field.stride": "pas",
  "arch.field.units": "unités",
  "arch.move_up": "monter la couche {l}",
  "arch.move_down": "descendre la couche {l}",
  "arch.remove": "supprimer la couche {l}",
  "arch.add": "Ajouter une couche",
  "arch.add_kind": "type de couche à ajouter",
  "arch.params": { one: "{count} paramètre", other: "{count} paramètres" },
  "arch.macs": {
    one: "{count} multiplication-addition",
    other: "{count} multiplications-additions",
  },
  "arch.total_params": {
    one: "{count} paramètre (au plus {max})",
    other: "{count} paramètres (au plus {max})",
  },
  "arch.total_macs": {
    one: "{count} multiplication-addition par image (au plus {max})",
    other: "{count} multiplications-additions par image (au plus {max})",
  },
  "arch.checking": "Calcul des formes…",
  "arch.seed": "graine des nouveaux poids",
  "arch.keep": "garder les poids entraînés de {model} (c'est son architecture)",
  "arch.apply": "Appliquer",
  "arch.your_network": "ton réseau {id}",
  "arch.not_buildable": "le serveur ne peut pas construire ce réseau",
  "arch.link_failed":
    "Le réseau du lien n'a pas pu être ouvert ({reason}) ; un modèle d'origine est montré à la place.",
  "arch.note.fresh":
    "Ton réseau a de nouveaux poids aléatoires (graine {seed}) : il n'a encore rien appris, il répond donc au hasard, environ 1 chiffre sur 10. Ses gradients sont pourtant bien réels : parcours-les étape par étape, ou entraîne-le avec « Appliquer un pas de SGD ».",
  "arch.note.network":
    "Voici le réseau d'un élève : si ses poids sont encore neufs, il répond au hasard (environ 1 chiffre sur 10) jusqu'à ce qu'il soit entraîné, par exemple avec « Appliquer un pas de SGD ».",
  "arch.chance.fresh":
    "Les poids de ton réseau sont neufs et aléatoires, sa prédiction est donc due au hasard (environ 1 sur 10) : entraîne-le avec « Appliquer un pas de SGD ».",
  "arch.chance.start":
    "Ce sont les poids d'avant l'entraînement : sa prédiction relève du hasard (environ 1 sur 10).",
  "arch.note.trained": "Les poids enregistrés à l'étape {step} de l'entraînement.",
  "arch.chance.network":
    "Le réseau d'un élève : s'il n'a pas été entraîné, sa prédiction est due au hasard (environ 1 sur 10) ; « Appliquer un pas de SGD » l'entraîne.",
  "arch.note.shipped": "Retour à {model} avec ses poids entraînés.",
  "arch.error.unknown": "Cette couche ne peut pas être construite.",
  "arch.error.spec.too_deep":
    "Au plus {max} couches : ce réseau en a {count}. Supprimes-en quelques-unes.",
  "arch.error.spec.too_many_params":
    "Ici le réseau atteint {params} paramètres, au-dessus de la limite de {max} : utilise moins de cartes ou d'unités, ou fais le pooling plus tôt.",
  "arch.error.spec.too_many_macs":
    "Ici le réseau atteint {macs} multiplications-additions par image, au-dessus de la limite de {max} : utilise moins de cartes, des filtres plus petits, un pas, ou fais le pooling plus tôt.",
  "arch.error.spec.last_not_dense10":
    "La dernière couche doit être une couche dense de 10 unités : un score par chiffre.",
  "arch.error.spec.filter_too_large":
    "Un filtre {size}×{size} ne tient pas sur une entrée {rows}×{cols} : ajoute du remplissage, prends un filtre plus petit ou supprime un pooling.",
  "arch.error.spec.map_vanished":
    "Une fenêtre {size}×{size} ne tient pas sur une carte {rows}×{cols}, il ne resterait rien : prends une fenêtre plus petite ou supprime un pooling.",
  "arch.error.spec.padding_same_even":
    "Le remplissage « same » demande une taille de filtre impaire (3, 5, 7, …) pour que le filtre ait un centre ; celui-ci fait {size}×{size}.",
  "arch.error.spec.padding_too_large":
    "Un remplissage de {padding} est trop large pour un filtre {size}×{size} : ses anneaux extérieurs ne verraient que des zéros. Utilise un remplissage plus petit que la taille du filtre.",
  "arch.error.spec.needs_map":
    "Cette couche travaille sur des cartes (lignes × colonnes × canaux) mais reçoit un vecteur plat : place-la au-dessus de l'aplatissement, ou supprime l'aplatissement en trop.",
  "arch.error.spec.needs_flatten":
    "Une couche dense a besoin d'un vecteur plat : ajoute un aplatissement avant elle.",
  "arch.error.spec.out_of_range": "{value} est hors de la plage permise, de {min} à {max}.",
  "arch.error.spec.bad_field": "Ce champ attend un nombre entier.",
  "arch.error.spec.unknown_kind": "Il n'existe pas de couche de ce type.",

  // ---- laboratoire des gradients d'entrée ----
  "ig.open": "Labo des gradients d'entrée",
  "ig.aria": "laboratoire des gradients d'entrée",
  "ig.heading": "5 · Gradients d'entrée",
  "ig.hint":
    "Trompe le réseau avec un changement invisible pour toi, demande-lui à quoi ressemble un 5, et compare deux façons de trouver les pixels qui comptent.",
  "ig.close": "Fermer le labo",
  "ig.title": "Labo des gradients d'entrée : ce que ∂L/∂x dit de tes pixels",
  "ig.intro":
    "La passe arrière se termine par ∂L/∂x : de combien la perte changerait si chaque pixel du chiffre changeait un peu. Ici tu l'utilises sur le chiffre lui-même.",
  "ig.mode": "Expérience",
  "ig.mode.fgsm": "Le tromper (un pas de signe)",
  "ig.mode.targeted": "En faire un k (petits pas)",
  "ig.mode.visualise": "À quoi ressemble un k pour le réseau ?",
  "ig.mode.occlusion": "Quels pixels comptent ?",
  "ig.explain.fgsm":
    "Chaque pixel bouge de ε dans la direction qui augmente la perte de la réponse actuelle : x′ = clip(x + ε·sign(∂L/∂x)).",
  "ig.explain.targeted":
    "De petits pas qui descendent la perte du chiffre k jusqu'à ce que le réseau dise k, sans jamais éloigner un pixel de plus de ε de l'original.",
  "ig.explain.visualise":
    "Pars d'une image vide ou bruitée et fais monter log p_k, tandis qu'une pénalité sur les grandes valeurs et un léger flou gardent l'image lisse.",
  "ig.explain.occlusion":
    "Deux réponses à « quels pixels comptent ? » : le gradient |∂L/∂x| d'une passe arrière, et l'occlusion, qui cache chaque carré sous du gris et mesure de combien p_y chute.",
  "ig.epsilon": "ε (plus grand changement d'un pixel)",
  "ig.target": "Chiffre cible k",
  "ig.start": "Partir de",
  "ig.start.noise": "un léger bruit",
  "ig.start.blank": "une image vide",
  "ig.start.image": "ton chiffre",
  "ig.l2": "pénalité L2 λ",
  "ig.blur": "flou σ (pixels)",
  "ig.patch": "taille du carré (pixels)",
  "ig.run": "Lancer",
  "ig.running": "En cours…",
  "ig.play": "Lecture",
  "ig.pause": "Pause",
  "ig.frame": "image",
  "ig.send": "Tracer cette image",
  "ig.sent": "Image envoyée à la vue principale : parcours-y sa passe arrière.",
  "ig.need_digit":
    "Classe un chiffre ou choisis d'abord un exemple : le labo travaille sur le chiffre à l'écran.",
  "ig.failed": "Le labo n'a pas pu tourner : {reason}",
  "ig.original": "ton chiffre x",
  "ig.original.visualise": "image de départ",
  "ig.image": "cette image x′",
  "ig.image.occluded": "le carré gris qui fait le plus baisser p_y",
  "ig.image.stretched": "cette image x′ (couleurs étirées : la plus claire = {top})",
  "ig.change": "changement x′ − x",
  "ig.probabilities": "probabilités p",
  "ig.prediction": "Le réseau dit {digit} (p = {p})",
  "ig.change_size": "changement : L∞ = {linf} (plus grand changement d'un pixel), L2 = {l2}",
  "ig.step_count": {
    one: "pas {step} sur {count}",
    other: "pas {step} sur {count}",
  },
  "ig.fgsm.fooled":
    "Chaque pixel a bougé d'au plus {linf} : pour toi c'est toujours un {before}, pour le réseau c'est maintenant un {after}. Baisse ε : jusqu'à quel point un changement peut-il être petit et tromper encore ?",
  "ig.fgsm.held":
    "Chaque pixel a bougé d'au plus {linf} et la réponse est restée {before}. Essaie un ε plus grand.",
  "ig.targeted.reached": {
    one: "Le réseau dit {target} après {count} pas. Plus petit changement trouvé : L∞ = {linf}, L2 = {l2}.",
    other:
      "Le réseau dit {target} après {count} pas. Plus petit changement trouvé : L∞ = {linf}, L2 = {l2}.",
  },
  "ig.targeted.missed": "Pas de {target} en {count} pas avec ε = {eps} : autorise un ε plus grand.",
  "ig.visualise.done":
    "Après {count} pas, le réseau donne à cette image p_{target} = {p}. C'est ce qui augmente le plus p_{target}, pas un dessin de {target}.",
  "ig.update": "Au pixel ({row}, {col}) de ce pas : {equation}",
  "ig.rule.fgsm": "x′ = x + ε·sign(∂L/∂x) = {x} + {eta}·sign({dx}) = {next}",
  "ig.rule.targeted": "x′ = x − η·sign(∂L_k/∂x) = {x} − {eta}·sign({dx}) = {next}",
  "ig.rule.visualise":
    "x′ = x + η·(∂log p_k/∂x − λx), puis le flou : {x} + {eta}·({dx} − {l2}·{x}) → {next}",
  "ig.saliency": "gradient |∂L/∂x|",
  "ig.occlusion": "occlusion : chute de p_y",
  "ig.same_scale":
    "Les deux cartes sur une même échelle : 0 = aucun effet, 1 = le plus grand effet trouvé par chaque méthode.",
  "ig.agreement":
    "{share} des pixels que le gradient classe le plus haut sont aussi parmi les plus hauts de l'occlusion.",
  "ig.agree.much":
    "Ils s'accordent sur les traits sur lesquels repose la réponse ; là où ils diffèrent, le gradient marque des pixels isolés où un petit coup de pouce compte, l'occlusion des carrés entiers dont la perte compte.",
  "ig.agree.little":
    "Ils sont surtout en désaccord : le gradient marque des pixels isolés où un petit coup de pouce compte, l'occlusion des carrés entiers dont la perte compte, et du gris sur le papier vide peut ajouter un trait que le chiffre n'a jamais eu.",
  "ig.where":
    "Les pixels les plus forts du gradient sont centrés sur {gradient}, ceux de l'occlusion sur {occlusion}.",
  "ig.region.0": "le haut à gauche",
  "ig.region.1": "le haut",
  "ig.region.2": "le haut à droite",
  "ig.region.3": "la gauche",
  "ig.region.4": "le milieu",
  "ig.region.5": "la droite",
  "ig.region.6": "le bas à gauche",
  "ig.region.7": "le bas",
  "ig.region.8": "le bas à droite",
  "ig.guess": "Quel chiffre va-t-il devenir ?",
  "ig.guess_first": "Devine avant de voir",
  "ig.reveal": "Montrer la réponse",
  "ig.guess_digit": "je parie sur {digit}",
  "ig.guessed": "Tu as dit {guess} ; le réseau dit {after}.",

  // ---- laboratoire d'entraînement ----
  "train.open": "Labo d'entraînement",
  "train.aria": "laboratoire d'entraînement",
  "train.title": "Labo d'entraînement",
  "train.close": "fermer le labo d'entraînement",
  "train.intro":
    "Entraîne un réseau sur des milliers de chiffres manuscrits et regarde la rétropropagation au travail : chaque pas calcule les gradients que tu peux parcourir dans la vue principale, pour tout un lot de chiffres à la fois, et déplace un peu les poids dans le sens opposé.",
  "train.network": "Réseau",
  "train.network.model": "{model}, à partir de nouveaux poids aléatoires",
  "train.network.current": "le réseau utilisé en ce moment (de l'éditeur d'architecture)",
  "train.preset": "Préréglage",
  "train.preset.quick": "rapide",
  "train.preset.good": "bon",
  "train.optimizer": "optimiseur",
  "train.optimizer.sgd": "SGD",
  "train.optimizer.momentum": "SGD avec momentum",
  "train.optimizer.adam": "Adam",
  "train.field.learning_rate": "taux d'apprentissage",
  "train.field.batch_size": "taille du lot",
  "train.field.epochs": "époques",
  "train.field.train_size": "chiffres d'entraînement",
  "train.start": "Entraîner",
  "train.cancel": "Annuler",
  "train.status.idle": "Choisis un réseau et un préréglage, puis appuie sur Entraîner.",
  "train.status.sending": "Envoi de la tâche au serveur…",
  "train.status.queued": {
    one: "En file d'attente : {count} tâche avant la tienne (environ {seconds} s).",
    other: "En file d'attente : {count} tâches avant la tienne (environ {seconds} s).",
  },
  "train.status.started": "L'entraînement a commencé.",
  "train.status.running": "Entraînement : pas {step} sur {steps} (époque {epoch}).",
  "train.status.running_eta":
    "Entraînement : pas {step} sur {steps} (époque {epoch}), encore environ {left} s.",
  "train.status.done":
    "Terminé en {seconds} s : {accuracy} de {size} chiffres de test justes. Choisis un point de sauvegarde ci-dessous pour tracer ton chiffre avec ses poids.",
  "train.status.failed": "L'entraînement a échoué : {reason}",
  "train.status.cancelled":
    "Entraînement annulé. Les points de sauvegarde obtenus restent utilisables.",
  "train.status.cancelling": "Annulation…",
  "train.status.refused": "Le serveur ne l'a pas accepté : {reason}",
  "train.status.lost":
    "La connexion à cette tâche est perdue (elle a peut-être expiré). Relance-la.",
  "train.status.following": "Tu suis l'entraînement de l'enseignant.",
  "train.fig.loss": "Perte et précision de test",
  "train.fig.grads": "Taille du gradient par couche, ‖∂L/∂θ‖ (échelle logarithmique)",
  "train.fig.ratio": "Taille de la mise à jour par couche, ‖Δθ‖ / ‖θ‖ (échelle logarithmique)",
  "train.fig.filters": "les filtres de conv1, qui changent",
  "train.key.loss": "perte des derniers lots",
  "train.key.smooth": "perte, lissée",
  "train.key.accuracy": "précision de test (axe de droite)",
  "train.axis.step": "pas",
  "train.axis.loss": "perte",
  "train.axis.norm": "‖∂L/∂θ‖",
  "train.axis.ratio": "‖Δθ‖/‖θ‖",
  "train.accuracy.none": "Précision de test : pas encore mesurée.",
  "train.accuracy.at": "Précision de test : {value} de {size} chiffres de test au pas {step}.",
  "train.layer.first": "{layer} (la première, près de l'entrée)",
  "train.layer.last": "{layer} (la dernière, près de la perte)",
  "train.grads.sigmoid":
    "Ce réseau utilise la sigmoïde : son gradient arrive à {first} environ {ratio} fois plus petit qu'à {last}. Chaque sigmoïde multiplie l'erreur par σ′ ≤ 0,25 sur le chemin du retour, donc les premières couches reçoivent le signal le plus faible et apprennent le plus lentement : les gradients s'évanouissent.",
  "train.grads.smaller":
    "En ce moment le gradient de {last} est {ratio} fois celui de {first}. Avec la sigmoïde au lieu de ReLU, les courbes des premières couches tomberaient bien en dessous de celle de la dernière : les gradients s'évanouissent sur le chemin du retour.",
  "train.grads.similar":
    "En ce moment le gradient de {first} est aussi grand que celui de {last}, voire plus (rapport {ratio}) : ReLU renvoie l'erreur sans la rétrécir. Avec la sigmoïde, les courbes des premières couches tomberaient bien en dessous.",
  "train.ratio.note":
    "De combien un pas déplace les poids de chaque couche, par rapport à leur taille. Environ 0,001 est un rythme sain ; beaucoup plus et l'entraînement fait des bonds, beaucoup moins et il se traîne.",
  "train.filters.none": "Les filtres apparaissent quand l'entraînement commence.",
  "train.filters.words":
    "Les filtres de {layer} au pas {step} (bleu < 0, blanc = 0, rouge > 0) : de bruit aléatoire, ils deviennent des détecteurs de traits et de bords.",
  "train.checkpoint.title":
    "Points de sauvegarde : trace ton chiffre à n'importe quel moment de l'entraînement",
  "train.checkpoint.label": "point de sauvegarde",
  "train.checkpoint.none": "pas encore de point de sauvegarde",
  "train.checkpoint.hint":
    "Glisse jusqu'à un point de sauvegarde : ton chiffre est tracé avec les poids de ce moment, et la vue principale parcourt sa passe arrière.",
  "train.checkpoint.at": "{k} sur {n} : pas {step}",
  "train.checkpoint.early":
    "Au début (pas {step}, précision de test {accuracy}) : le réseau devine encore, la perte est donc élevée et les gradients sont grands (‖∂L/∂θ‖ ≈ {norm}) et diffus, répartis sur tout le chiffre et tous les poids. Parcours la passe arrière dans la vue principale pour le voir.",
  "train.checkpoint.middle":
    "À mi-chemin (pas {step}, précision de test {accuracy}) : les gradients ont rétréci à ≈ {norm}, {times} fois moins qu'au début, et se rassemblent sur les traits qui décident du chiffre.",
  "train.checkpoint.late":
    "À la fin (pas {step}, précision de test {accuracy}) : la plupart des chiffres sont justes, donc la perte est petite et les gradients aussi (≈ {norm}, {times} fois moins qu'au début) : faibles et concentrés sur les quelques pixels qui comptent encore.",
  "train.checkpoint.draw_first":
    "Dessine un chiffre ou choisis d'abord un exemple : les poids du point de sauvegarde l'attendent.",
  "train.checkpoint.traced": "Ton chiffre, tracé avec les poids du pas {step}.",
  "train.batch.title": "Un lot, ouvert",
  "train.batch.intro":
    "Un pas d'entraînement ne suit pas le gradient d'un seul chiffre mais la moyenne de tout un lot. Voici 8 chiffres, le gradient de chacun pour un filtre de conv1, et leur moyenne : le gradient qu'applique l'optimiseur.",
  "train.batch.open": "Ouvrir un lot",
  "train.batch.filter": "filtre",
  "train.batch.filter_m": "filtre m = {m}",
  "train.batch.example": "n = {n} (un {label})",
  "train.batch.mean": "moyenne (celle du lot)",
  "train.batch.equation_label":
    "le gradient du lot est la moyenne des gradients des {size} exemples",
  "train.batch.check":
    "La moyenne de ces {size} cartes et le gradient propre du lot (une passe arrière sur le lot, perte {loss}) diffèrent d'au plus {gap} : de l'arrondi seulement.",
  "train.batch.no_conv": "Ce réseau n'a aucune couche de convolution à montrer.",

  // ---- vue de focus ----
  "focus.export_which": "quels panneaux la figure contient",
  "focus.export_svg": "Figure en SVG",
  "focus.export_png": "en PNG",
  "focus.export_ratio": "résolution du PNG",
  "focus.all_panels": "Tous les panneaux",
  "focus.one_hot": "y, cible {label} en one-hot",
  "focus.slice.laid_out": ", disposé en {shape}",
  "focus.slice.class": "classe {k} (ligne {k} sur {n})",
  "focus.slice.filter": "filtre {m}, canal {c}",
  "focus.slice.map": "carte {k} sur {n}",

  // ---- langues ----
  "eq.unknown.equation":
    "ConvTrace ne peut pas expliquer l'équation « {id} » : elle n'est pas dans le registre des équations.",
  "eq.unknown.kind":
    "ConvTrace ne peut pas expliquer le type de couche « {id} » : il n'est pas dans le registre des équations.",
  "arch.class_weights":
    "La classe utilise les poids entraînés de l'enseignant : chaque gradient, panneau de poids et somme ici est calculé avec eux.",
  "train.status.queued_class": {
    one: "La tâche de l'enseignant attend dans la file : {count} tâche avant elle (environ {seconds} s).",
    other:
      "La tâche de l'enseignant attend dans la file : {count} tâches avant elle (environ {seconds} s).",
  },
  "train.plot.summary":
    "Perte et précision de test : perte lissée {loss} au pas {step} sur {steps}",
  "train.batch.of_step":
    "Le mini-lot du pas {step} ({shown} de ses {size} chiffres, tels que le réseau les a vus), avec les poids du point de sauvegarde au pas {at} : choisis un autre point de sauvegarde ci-dessus pour ouvrir un autre pas.",
  "train.batch.samples":
    "{shown} chiffres d'exemple, sur le réseau utilisé (entraîne un réseau pour ouvrir les lots de ses pas).",
  "i18n.menu": "langue",
  "i18n.values_note":
    "Dans les équations, les nombres s'écrivent de la même façon dans toutes les langues, avec un point décimal : 0.5 est un demi.",

  // ---- input-gradient class question ----
  "igq.ask": "Demander d’abord à la classe",
  "igq.asked":
    "La classe devine en quel chiffre il va se changer : l’attaque s’affiche ici dès que tu révèles la réponse dans la carte de la classe.",
  "igq.waiting":
    "Question posée. Regarde les réponses arriver dans la carte de la classe, puis révèle-les.",
  "igq.prompt":
    "Le réseau lit ce chiffre comme un {before}. Chaque pixel est maintenant poussé de ε = {eps}, chacun dans la direction qui augmente le plus la perte. Quel chiffre le réseau dira-t-il alors ?",
  "igq.legend": "Le chiffre que le réseau va dire",
  "igq.format": "Choisis un chiffre, de 0 à 9.",
  "igq.reveal": "Après la poussée, le réseau dit {digit}.",
};
