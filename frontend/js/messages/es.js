// Español. Same keys and {placeholders} as en.js (tests/browser/test_catalogues.py checks).
// La notación de la derivación (a^l, z^l, ∂L/∂w, σ′, δ …) se queda como está.

export default {
  // ---- la página y la barra de herramientas ----
  "app.title": "ConvTrace",
  "page.title": "ConvTrace — ver la retropropagación en una red convolucional",
  "page.side": "dígito y predicción",
  "page.draw": "1 · Dibuja un dígito",
  "page.prediction": "2 · Predicción",
  "page.train": "3 · Entrena un paso",
  "page.diagnostics": "4 · Diagnóstico",
  "page.main": "pasos de la retropropagación",
  "page.class": "sesión de clase",
  "page.lesson": "lección",
  "page.focus": "los tensores del paso actual, en grande",
  "page.network": "la red, capa por capa",
  "page.derivation": "las ecuaciones de la derivación",
  "toolbar.model": "Modelo",
  "toolbar.own": "tu propia red",
  "toolbar.own_seed": "tu propia red (semilla {seed})",
  "toolbar.class_network": "la red de la clase",
  "toolbar.model_label": "modelo",
  "toolbar.shared_scale": "una escala de color por tipo (comparar capas)",
  "toolbar.lesson_start": "Empezar lección",
  "toolbar.class_start": "Iniciar una clase",
  "toolbar.class_code": "Código de clase para unirse",
  "toolbar.class_placeholder": "código",
  "toolbar.join": "Unirse",
  "toolbar.share": "Copiar enlace",
  "toolbar.download": "Descargar traza (JSON)",
  "pad.label": "área de dibujo: dibuja un dígito con el ratón, el dedo o el lápiz",
  "pad.clear": "Borrar",
  "pad.classify": "Clasificar",
  "pad.sample_of": "o un ejemplo de",
  "pad.sample_digit": "dígito de ejemplo",
  "pad.sample": "Elegir ejemplo",
  "prediction.label": "Dígito predicho:",
  "prediction.which": "¿Qué dígito dibujaste?",
  "prediction.note":
    "Clasifica primero un dígito; después elige el objetivo y al que apunta la retropropagación.",
  "prediction.chart": "probabilidades de las clases",
  "prediction.seen": "Lo que ve la red (28×28, tras el preprocesado)",
  "train.rate": "tasa de aprendizaje",
  "train.apply": "Aplicar un paso de SGD",
  "train.undo": "Deshacer",
  "train.reset": "Volver al modelo original",
  "diagnostics.hint":
    "Clasifica el mismo dígito con el otro modelo para comparar lo rápido que se encogen los gradientes hacia la entrada.",
  "diagnostics.run": "Comprobar gradientes",
  "steps.prev": "Anterior",
  "steps.prev_title": "paso anterior (←)",
  "steps.next": "Siguiente",
  "steps.next_title": "paso siguiente (→)",
  "steps.play": "▶ Reproducir",
  "steps.play_label": "reproducir o pausar (espacio)",
  "steps.scrubber": "paso",
  "steps.none": "Dibuja un dígito o elige un ejemplo y pulsa Clasificar.",
  "present.button": "Presentar",
  "present.title":
    "Presentación: pantalla completa, letra grande; avanza con un mando, AvPág/RePág, flechas o espacio",
  "colours.title": "Colores:",
  "colours.negative": "azul < 0",
  "colours.zero": "blanco = 0",
  "colours.positive": "rojo > 0 (z, pesos, todo gradiente);",
  "colours.sequential": "violeta oscuro → amarillo = bajo → alto (la entrada, activaciones, p).",
  "colours.ui":
    "Los contornos oscuros discontinuos o dobles marcan la propia página (foco, paso actual, tu selección), nunca un valor.",
  "overview.title": "La red completa",
  "overview.hint": "(haz clic en el nombre de una capa para ir a su paso)",
  "inspector.label": "inspector",
  "inspector.close": "cerrar el inspector",
  "steps.no_trace": "aún no hay traza",
  "steps.valuetext": "paso {k} de {n}: {title}",
  "steps.counter": "paso {k} / {n}",
  "steps.pause": "❚❚ Pausa",
  "present.open_full": "Abrir en ConvTrace ↗",
  "present.exit": "Salir de la presentación",
  "steps.your_weights": "Tus pesos, tras tus pasos de SGD.",
  "steps.shipped_weights": "Los pesos originales de {model}.",
  "train.bad_rate": "La tasa de aprendizaje debe ser un número mayor que 0 y como mucho 10.",
  "train.not_applied": "El paso de SGD no se aplicó ({reason}); tus pesos no han cambiado.",
  "train.gradcheck_first": "Clasifica primero un dígito: la comprobación usa el dígito actual.",
  "prediction.aria": "dígito predicho {prediction}, probabilidad {p}",
  "prediction.loss": "pérdida L = −log p{label} = {loss}",
  "inspector.api_value": "Valor de la API:",
  "inspector.recomputed": "Recalculado aquí:",
  "inspector.recomputed_terms": "Recalculado aquí a partir de {count} términos:",
  "inspector.agrees": "✓ coincide",
  "inspector.differs": "≠ difiere",
  "pad.seen_name": "entrada de la red",

  // ---- peticiones y errores del servidor ----
  "api.retry_dropped": "Se cortó la conexión; se reintenta una vez…",
  "api.retry_busy": "El servidor está ocupado; se reintenta en {seconds} s…",
  "error.unreachable": "No se puede contactar con el servidor. ¿Está en marcha?",
  "error.trace_cut": "la traza se detuvo antes de que llegara su resultado",
  "error.server_failed": "el servidor falló",
  "error.drawing.no_ink": "Dibuja primero un dígito: el área no tiene tinta que la red pueda ver.",
  "error.drawing.missing": "Dibuja un dígito o elige un ejemplo primero.",
  "error.drawing.empty": "El dibujo no tiene píxeles: dibuja primero un dígito.",
  "error.drawing.all_ink":
    "El dibujo es tinta casi por todas partes, así que no se ve la forma de ningún dígito: borra el área y dibuja de nuevo.",
  "error.drawing.too_large":
    "El dibujo es demasiado grande: como mucho {max_side}×{max_side} píxeles.",
  "error.weights.shape": "Estos pesos no encajan en las capas del modelo (una forma es distinta).",
  "error.weights.overflow":
    "Con estos pesos los números crecen demasiado para calcularlos (desbordamiento): vuelve al modelo original.",
  "error.weights.non_finite":
    "Con estos pesos los números crecen demasiado para calcularlos (desbordamiento): vuelve al modelo original.",
  "error.sgd.diverged":
    "Esta tasa de aprendizaje hace que el paso explote (los pesos se desbordarían): prueba una más pequeña.",
  "error.model.unknown": "No hay ningún modelo con ese nombre en este servidor.",
  "error.network.unknown":
    "Este servidor ya no conoce esa red (quizá se reinició): constrúyela de nuevo.",
  "error.network.store_unavailable":
    "No se puede acceder al almacén de redes; inténtalo de nuevo en un momento.",
  "error.spec.invalid": "Esta red no se puede construir tal como está configurada.",
  "error.spec.too_deep": "Una red puede tener como mucho {max} capas; esta tiene {count}.",
  "error.spec.too_many_params": "Esta red tiene más parámetros de los que permite el servidor.",
  "error.spec.too_many_macs":
    "Esta red necesita más cálculo por imagen del que permite el servidor.",
  "error.spec.unknown_kind": "No existe el tipo de capa «{kind}».",
  "error.spec.duplicate_name":
    "Dos capas se llaman {layer}: los nombres de las capas deben ser distintos.",
  "error.spec.last_not_dense10":
    "La última capa debe ser una capa densa de 10 unidades: una puntuación por dígito.",
  "error.server.timeout": "El servidor tardó demasiado en responder; inténtalo de nuevo.",
  "error.server.busy": "El servidor está ocupado; inténtalo de nuevo en un momento.",
  "error.request.too_large": "La petición es demasiado grande: como mucho {limit} bytes.",
  "error.class.unknown": "No hay ninguna clase con este código (puede que haya terminado).",
  "error.class.full": "La clase está llena.",
  "error.class.no_state": "El docente aún no ha compartido un dígito.",
  "error.class.needs_redis":
    "Las sesiones de clase no están disponibles en este servidor (varios procesos sin almacén compartido).",
  "error.class.too_many_sessions": "Este servidor ya tiene todas las clases que puede llevar.",
  "error.class.too_many_requests": "Demasiadas peticiones a la vez; espera un segundo.",
  "error.class.too_many_changes":
    "La vista cambia demasiado rápido para la clase; se enviará de nuevo en un momento.",
  "error.class.store_unavailable":
    "No se puede acceder al almacén de la clase; se vuelve a intentar…",
  "error.class.token_required": "Solo el docente de la clase puede hacer esto.",
  "error.class.token_wrong": "Solo el docente de la clase puede hacer esto.",
  "error.class.question_unknown": "Esta pregunta no está abierta en la clase.",
  "error.class.answers_closed": "La respuesta ya se ha revelado; las respuestas están cerradas.",
  "error.class.truth_mismatch":
    "La traza de la clase da otra respuesta a esta pregunta: ¿muestra esta página el dígito de la clase? Espera un momento y pregunta de nuevo.",
  "error.class.question_place":
    "Esta pregunta trata de un lugar que la traza de la clase no tiene.",
  "classify.running": "La red está calculando…",
  "classify.no_trace": "Sin traza: {reason}",
  "classify.draw_first": "Dibuja primero un dígito.",
  "classify.classify_first": "Clasifica primero un dígito.",
  "classify.no_sample": "no hay ejemplo del dígito {digit}",
  "classify.your_weights": {
    one: " · tus pesos ({count} paso de SGD)",
    other: " · tus pesos ({count} pasos de SGD)",
  },
  "classify.done":
    "Predicción {prediction} · objetivo {label} · pérdida {loss}{whose} · {steps} pasos: usa → o Siguiente para retroceder paso a paso.",
  "link.loading": "Cargando modelos…",
  "link.ready": "Dibuja un dígito (o elige un ejemplo) y pulsa Clasificar.",
  "link.classify_first":
    "Clasifica primero un dígito: el enlace guarda el dígito, el objetivo, el modelo y el paso.",
  "link.copied": "Enlace copiado: vuelve a abrir este dígito, objetivo, modelo y paso.",
  "link.not_copied":
    "Enlace (cópialo de la barra de direcciones): vuelve a abrir este dígito, objetivo, modelo y paso.",
  "link.copied_trained":
    "Enlace copiado: vuelve a abrir este dígito, objetivo, modelo y paso (con los pesos originales, no con los que entrenaste).",
  "link.not_copied_trained":
    "Enlace (cópialo de la barra de direcciones): vuelve a abrir este dígito, objetivo, modelo y paso (con los pesos originales, no con los que entrenaste).",
  "error.array_size": "llegó un array de forma {shape} con {count} valores",

  // ---- la predicción y el entrenamiento ----
  "sgd.fixed": "este paso ha corregido tu dígito: ahora es un {y}",
  "sgd.already": "tu dígito ya era un {y} y lo sigue siendo",
  "sgd.still_wrong": "tu dígito se sigue leyendo como {prediction}, no como {y}",
  "sgd.samples": "; los dígitos de ejemplo: {before} → {after} correctos",
  "sgd.samples_counted": "; los {count} dígitos de ejemplo: {before} → {after} correctos",
  "sgd.harm":
    " — el paso aprendió tu dígito a costa de los demás: prueba una tasa de aprendizaje menor",
  "sgd.applying": "Aplicando…",
  "sgd.summary_up":
    "Objetivo {y}: p{y} {before} → {after} (sube), pérdida {loss_before} → {loss_after}, predicción {prediction_before} → {prediction_after}.",
  "sgd.summary_down":
    "Objetivo {y}: p{y} {before} → {after} (baja), pérdida {loss_before} → {loss_after}, predicción {prediction_before} → {prediction_after}.",
  "sgd.digit_and_samples": "{digit}{samples}.",
  "sgd.norms": "tamaño del cambio de pesos ‖Δ‖ por parámetro",
  "target.sure":
    "La red ya está segura de que esto es un {label} (p{label} = {p}), así que el error es minúsculo y queda poco por aprender. Elige otro dígito para ver qué haría falta para que cambie de opinión.",
  "target.default": "Objetivo {label}: la predicción, hasta que elijas.",
  "target.chosen":
    "Objetivo {label} (p{label} = {p}): la retropropagación muestra cómo debería moverse cada peso para aumentarla.",
  "target.button": "objetivo {k}",
  "sgd.percent": "{value} %",

  // ---- los números de un paso ----
  "sizes.caption": "gradiente RMS por capa, escala logarítmica (10^{lo} … 10^{hi})",
  "gradcheck.busy": "Comprobando…",
  "gradcheck.agree": "{count} coinciden",
  "gradcheck.mismatch": "{count} no coinciden",
  "gradcheck.kink": "{count} en un quiebre",
  "gradcheck.unresolved": "{count} sin resolver",
  "gradcheck.none_resolved": "sin resolver: no se pudo comprobar ninguna entrada",
  "gradcheck.caption":
    "mayor error relativo |analítico − numérico| / (|analítico| + |numérico|), ε = {epsilon}. No se cuentan: los pasos que cruzan un quiebre (ReLU en 0, empate en la agrupación) ni las entradas sin resolver, cuya estimación numérica se pierde en el ruido de redondeo; un parámetro sin ninguna entrada resuelta no recibe ✓.",
  "heatmap.not_yet": "{name}: aún sin calcular",
  "heatmap.cursor": "{name}{where} = {value}. Intro lo inspecciona.",
  "heatmap.described": "{said}. Las flechas eligen una celda, Intro la inspecciona.",
  "heatmap.legend": "escala de color de {min} a {max}",
  "size.zero": "exactamente cero: no le llega ningún error",
  "size.sure": "minúsculo: la red ya está segura de este objetivo",
  "size.largest": "el mayor gradiente de esta traza",
  "size.about_largest": "más o menos tan grande como el mayor gradiente",
  "size.smaller": "10^{power} veces menor que el mayor gradiente",
  "size.loss": "L = {value}: la pérdida de la que parte la retropropagación",
  "size.loss_sure":
    "L = {value}: la red ya está segura de este objetivo, así que queda poco por aprender",
  "size.step_zero": "mayor |{quantity}| = {value}: ningún error llega a este tensor",
  "size.step_sure":
    "mayor |{quantity}| = {value}: la red ya está segura de este dígito, así que queda poco por aprender",
  "size.step": "mayor |{quantity}| = {value}: {words}",
  "size.step_faded": "mayor |{quantity}| = {value}: {words}; aquí ya queda poco del error",
  "panels.one_hot": "y (one-hot: 1 en el objetivo {label})",
  "panels.step": "paso {k}: ",
  "format.scalar": "escalar",

  // ---- la derivación y las figuras exportadas ----
  "derivation.title": "Derivación",
  "derivation.all": "Todas las ecuaciones",
  "derivation.boxed": "enmarcada en la fuente",
  "derivation.forward": "Paso hacia delante (F1–F8)",
  "derivation.backward":
    "Paso hacia atrás, en el orden en que los pasos encuentran las ecuaciones:",
  "derivation.credit":
    "La notación y los cuatro resultados enmarcados siguen {link}, {author}, {year}. Aquí se corrigen dos despistes de allí: la suma sobre los mapas de la capa siguiente va de k = 0 … K−1, y el gradiente del filtro se escribe ∂L/∂w.",
  "figure.legend_diverging": "azul < 0 (blanco) < rojo",
  "figure.legend_sequential": "oscuro = bajo, amarillo = alto",

  // ---- preguntas ----
  "question.your_answer": "Tu respuesta",
  "question.tolerance": "Cuentan las respuestas dentro de ±{tolerance}.",
  "question.sign.plus": "+ positivo",
  "question.sign.minus": "− negativo",
  "question.sign.zero": "0 exactamente cero",
  "question.sign.format": "Responde con +, − o 0.",
  "question.value.format": "Escribe un número, p. ej. -0,0123 o 1,5e-4.",
  "question.value.placeholder": "p. ej. -0,0123 o 1,5e-4",
  "question.value.label": "Tu número ",
  "question.shape.format": "Escribe los tamaños separados por comas.",
  "question.shape.placeholder": "p. ej. 3, 4, 5",
  "question.shape.label": "Tamaños ",
  "question.shape.wrong_rank": {
    one: "Eso tiene {count} tamaño; este gradiente tiene {rank}.",
    other: "Eso tiene {count} tamaños; este gradiente tiene {rank}.",
  },
  "question.shape.reveal":
    "{title} tiene forma {shape}, un número por cada entrada del tensor; su mayor entrada es {largest} en {at}.",
  "question.cells.format": "Selecciona celdas del recorte.",
  "question.cells.legend": "Filas {rows}, columnas {cols}, mapa {channel}",
  "question.cells.cell": "celda ({i}, {j}), valor {value}",
  "question.cells.none": "ninguna celda",
  "question.cells.wrong_count": {
    one: "Elegiste {count} celda; el recorte contiene {windows} ventanas.",
    other: "Elegiste {count} celdas; el recorte contiene {windows} ventanas.",
  },
  "question.cells.reveal":
    "Los interruptores en {cells} se llevan cada uno todo el error de su ventana; en todo {title}, {receiving} de {total} celdas no son cero y el resto son exactamente 0.",
  "question.cells.tie_rule": "primer máximo, fila a fila",
  "question.cells.tied": {
    one: "{count} ventana de este recorte tiene un empate (mayor valor {value} más de una vez); la regla «{rule}» da el error a la primera de ellas en orden de lectura.",
    other:
      "{count} ventanas de este recorte tienen un empate (mayor valor {value} más de una vez); la regla «{rule}» da el error a la primera de ellas en orden de lectura.",
  },
  "question.saliency.format": "Elige una región.",
  "question.saliency.legend": "Elige una región de tu dígito",
  "question.saliency.region": "región fila {row}, columna {col}",
  "question.saliency.reveal":
    "|∂L/∂x| alcanza su máximo en el píxel {pixel} (valor {value}), en la región (fila {row}, columna {col}): cambiar ese píxel es lo que más mueve la pérdida.",
  "question.reveal.cell": "{title} en {at} = {value}.",
  "question.reveal.cell_worked": "{title} en {at} = {worked} = {value}.",
  "question.reveal.dense_db": "δ en [{j}], el error de esa puntuación",
  "question.reveal.conv_db": "la suma de los errores δ del mapa {j}",
  "question.reveal.conv_db_terms": "la suma de los errores δ del mapa {j}: {terms}",

  // ---- la lección ----
  "lesson.title": "Lección",
  "lesson.score": "Puntos {points} / {max}",
  "lesson.position": "Pregunta {i} de {n}",
  "lesson.seconds": "{seconds} s en esta pregunta",
  "lesson.check": "Comprobar",
  "lesson.check_again": "Comprobar mi segundo intento",
  "lesson.verdict.right": "Correcto.",
  "lesson.verdict.wrong": "Esta vez no.",
  "lesson.verdict.not_yet": "Todavía no.",
  "lesson.hint": "Pista: {hint}",
  "lesson.truth": "La respuesta: {truth}.",
  "lesson.answered": { one: "Tu respuesta: {answers}", other: "Tus respuestas: {answers}" },
  "lesson.answered_then": ", luego ",
  "lesson.next": "Paso siguiente",
  "lesson.finish": "Terminar",
  "lesson.need_digit":
    "Dibuja primero un dígito (o elige un ejemplo) y pulsa Clasificar: la lección trabaja con tu propio dígito.",
  "lesson.forward": "Paso hacia delante",
  "lesson.start_backward": "Empezar el paso hacia atrás",
  "lesson.complete": "Lección completada",
  "lesson.restart": "Empezar de nuevo",
  "lesson.download": "Descargar mis respuestas",
  "lesson.leave": "Salir de la lección",
  "lesson.summary": {
    one: "Respondiste bien {right} de {count} pregunta, {first} de ellas al primer intento (puntos {points} / {count}), en {seconds} s. Descarga tus respuestas para entregarlas.",
    other:
      "Respondiste bien {right} de {count} preguntas, {first} de ellas al primer intento (puntos {points} / {count}), en {seconds} s. Descarga tus respuestas para entregarlas.",
  },
  "lesson.walk.forward":
    "Tu dígito x avanzó por la red: {chain}. Cada flecha es una ecuación (F1–F8 en el panel Derivación).",
  "lesson.walk.predicts":
    "Predice {prediction} con probabilidad {probability}. El objetivo es y = {label}, así que la pérdida es L = −log p{label} = {loss}.",
  "lesson.walk.backward":
    "Ahora la retropropagación recorre el mismo camino hacia atrás. Antes de que aparezca cada paso, predice lo que mostrará.",
  "lesson.file.title": "ConvTrace: el paso hacia atrás, predicho paso a paso",

  // ---- resultados de la clase ----
  "results.count": { one: "{count} respuesta", other: "{count} respuestas" },
  "results.right": " · {right} correctas",
  "results.no_answer": "sin respuesta",
  "results.value.tolerance": "Cuentan las respuestas dentro de ±{tolerance} de la solución.",
  "results.grid.cell": "{where}: {count}",
  "results.cells.label": "clics por celda",
  "results.saliency.label": "clics por región",
  "results.saliency.caption": "Regiones del dígito, fila a fila",

  // ---- sesiones de clase ----
  "class.students": { one: "{count} estudiante sigue", other: "{count} estudiantes siguen" },
  "class.qr_alt": "código QR del enlace para unirse a la clase {code}",
  "class.join_title": "Unirse a la clase {code}",
  "class.close": "Cerrar",
  "class.join_how": "Únete en {link} o escribe el código en la página de ConvTrace.",
  "class.show_large": "Mostrar el código en grande",
  "class.join_details": "Datos para unirse: enlace y código QR de la clase {code}",
  "class.ask_label": "Preguntar a la clase por el paso siguiente ",
  "class.ask": "Preguntar a la clase",
  "class.asked": "Pregunta: {prompt}",
  "class.revealed": "Revelada. La respuesta: {truth}.",
  "class.reveal": "Revelar la respuesta",
  "class.is_asked": "Se pregunta a la clase",
  "class.loading_digit": "Cargando el dígito de la clase…",
  "class.other_digit": "Esta pregunta trata de otro dígito de la clase: vuelve a la clase.",
  "class.send": "Enviar mi respuesta",
  "class.change": "Cambiar mi respuesta",
  "class.verdict.none": "No respondiste.",
  "class.verdict.right": "Correcto.",
  "class.verdict.wrong": "Esta vez no.",
  "class.your_answer": "Tu respuesta: {answer}.",
  "class.the_answer": "La respuesta: {truth}.",
  "class.class_answered": "La clase respondió",
  "class.title": "Clase ",
  "class.end": "Terminar la clase",
  "class.following": "Sigues la clase {code}",
  "class.following_waiting": "Sigues la clase {code}: esperando el dígito del docente",
  "class.exploring": "Explorando por tu cuenta · clase {code}",
  "class.exploring_behind": "Explorando por tu cuenta · la clase {code} ha avanzado",
  "class.reconnecting": " (reconectando…)",
  "class.full": " (la clase está llena; reintentando…)",
  "class.rejoin": "Volver a la clase",
  "class.leave": "Salir de la clase",
  "class.no_qr": "sin código QR ({status})",
  "class.view_not_sent": "La clase no recibió esta vista: {reason}",
  "class.ended_expired": "La clase ha terminado (o ha caducado).",
  "class.ended": "La clase ha terminado.",
  "class.ended_by_you": "Clase terminada.",
  "class.ended_explore": "La clase ha terminado. Puedes seguir explorando por tu cuenta.",
  "class.no_question": "Ninguna pregunta encaja con el paso siguiente; avanza primero.",
  "class.started": "Clase {code} iniciada: los estudiantes se unen con el código o el QR.",
  "class.custom_weights":
    "La clase usa los pesos entrenados del docente: cada gradiente de aquí se calcula con ellos, pero los paneles de pesos y las sumas del inspector muestran los pesos originales.",
  "class.bad_code": "Un código de clase tiene 6 letras y cifras, p. ej. K7M2QD.",
  "class.left": "Has salido de la clase.",
  "class.joined": "Te has unido a la clase {code}.",
  "class.answer_first": "Elige o escribe primero una respuesta.",
  "class.sent": "Enviada. Puedes cambiar tu respuesta hasta que se revele.",

  // ---- ecuaciones ----
  "eq.input.x":
    "El dígito tras el preprocesado: recortado a su tinta, escalado a un recuadro de 20×20 y centrado por su centro de masa en 28×28.",
  "eq.conv.z":
    "Cada mapa de características m desliza un filtro d×d×t sobre la entrada: cada celda de salida es el filtro por la ventana que tiene debajo, sumado, más el sesgo del mapa. Con paso s el filtro salta s celdas cada vez; con relleno p la entrada recibe primero un borde de p ceros.",
  "eq.act.a": "La no linealidad se aplica a cada celda por separado.",
  "eq.maxpool.a":
    "Cada celda agrupada conserva solo el mayor valor de su ventana; se recuerda qué celda ganó (el interruptor).",
  "eq.maxpool.switches":
    "Dónde está el ganador de cada ventana en la entrada de la agrupación. Los empates van al primer máximo, fila a fila.",
  "eq.avgpool.a":
    "Cada celda agrupada es la media de su ventana k×k: todas las celdas de la ventana cuentan igual, 1/k² cada una.",
  "eq.flatten.a":
    "El bloque de mapas de características se lee fila a fila en un único vector largo; no se calcula nada.",
  "eq.dense.z": "Cada salida de la capa es una suma ponderada de todas sus entradas más un sesgo.",
  "eq.softmax.p":
    "Softmax convierte las diez puntuaciones en probabilidades positivas que suman 1; restar primero la mayor puntuación no cambia nada pero evita que e^z se desborde.",
  "eq.xent.L":
    "La pérdida es pequeña cuando la red da a la clase objetivo y una probabilidad alta.",
  "eq.xent.dz":
    "Aquí empieza la retropropagación: el error de cada puntuación es su probabilidad menos 1 para la clase objetivo (menos 0 para las demás).",
  "eq.dense.dW": "El gradiente de un peso es el error en su salida por la entrada que multiplica.",
  "eq.dense.db":
    "Un sesgo se suma directamente a su salida, así que su gradiente es el error de esa salida.",
  "eq.dense.dx":
    "El error que pasa hacia abajo: cada entrada recoge los errores de todas las salidas a las que alimentó, ponderados por los mismos pesos.",
  "eq.flatten.dx":
    "El error del vector se vuelve a plegar en el bloque de mapas de características; de nuevo no se calcula nada.",
  "eq.maxpool.dx":
    "Solo el ganador de cada ventana (su interruptor) influyó en la salida, así que recibe todo el error; las demás celdas reciben 0. Donde las ventanas se solapan, una celda que ganó varias recibe la suma de sus errores.",
  "eq.avgpool.dx":
    "Cada celda de una ventana movió la media en 1/k² de su propio cambio, así que todas reciben la misma parte, 1/k² del error de la ventana. Una agrupación máxima, en cambio, da todo el error a una sola celda, su interruptor.",
  "eq.act.dz":
    "La regla de la cadena a través de la no linealidad: multiplica el error por la pendiente de σ en el z de la celda.",
  "eq.conv.dW":
    "Un peso del filtro se usa en todas las posiciones, así que su gradiente suma error × entrada sobre todas ellas.",
  "eq.conv.db":
    "El sesgo de un mapa se suma en todas las posiciones: su gradiente es la suma de los errores de ese mapa.",
  "eq.conv.dx":
    "El error que pasa hacia abajo es una convolución completa: cada celda de entrada recoge los errores de todas las salidas cuya ventana la cubrió, ponderados por la entrada del filtro que las unía (los términos sin tal salida son cero). Con paso s, el error se separa primero con s − 1 ceros entre sus celdas: es una convolución traspuesta. Para la imagen de entrada, esto es el mapa de prominencia.",
  "eq.map.conv.z": "convolución",
  "eq.map.act.a": "activación",
  "eq.map.maxpool.a": "agrupación máxima",
  "eq.map.avgpool.a": "agrupación promedio",
  "eq.map.flatten.a": "aplanado",
  "eq.map.dense.z": "capa densa",
  "eq.map.softmax.p": "softmax",
  "eq.map.xent.L": "pérdida de entropía cruzada",
  "eq.map.xent.dz": "error de salida de softmax con entropía cruzada",
  "eq.map.dense.dW": "gradiente de los pesos densos",
  "eq.map.dense.db": "gradiente de los sesgos densos",
  "eq.map.dense.dx": "error denso que pasa hacia abajo",
  "eq.map.flatten.dx": "desaplanado",
  "eq.map.maxpool.dx": "encaminamiento de la agrupación máxima",
  "eq.map.avgpool.dx": "reparto de la agrupación promedio",
  "eq.map.act.dz": "derivada de la activación",
  "eq.map.conv.dW": "gradiente del filtro",
  "eq.map.conv.db": "gradiente del sesgo",
  "eq.map.conv.dx": "error que pasa hacia abajo (convolución completa)",
  "eq.title.xent.L": "la pérdida, donde empieza la retropropagación",
  "eq.title.xent.dz": "el error de salida p − y",
  "eq.title.dense.dW": "el gradiente de {words}",
  "eq.title.dense.db": "el gradiente de {words}",
  "eq.title.dense.dx": "el error que pasa a {words}",
  "eq.title.flatten.dx": "el mismo error, plegado de nuevo sobre {words}",
  "eq.title.maxpool.dx": "el error encaminado por los interruptores de {layer} hacia {words}",
  "eq.title.avgpool.dx": "el error repartido por igual por {layer} sobre {words}",
  "eq.title.act.dz": "el error en {words}, a través de la pendiente de {layer}",
  "eq.title.conv.dW": "el gradiente de {words}",
  "eq.title.conv.db": "el gradiente de {words}",
  "eq.title.conv.dx": "el error que pasa a {words} (una convolución completa)",
  "eq.title.conv.dx_input": "el error en los píxeles de entrada: el mapa de prominencia",
  "eq.sym.input": "la imagen de entrada (a⁰ = x)",
  "eq.sym.z": "las sumas ponderadas de {layer}",
  "eq.sym.filters": "los filtros de {layer}",
  "eq.sym.weights": "los pesos de {layer}",
  "eq.sym.biases": "los sesgos de {layer}",
  "eq.sym.out_z": "las puntuaciones de salida",
  "eq.sym.out_filters": "los filtros de la capa de salida",
  "eq.sym.out_weights": "los pesos de la capa densa",
  "eq.sym.out_biases": "los sesgos de la capa densa",
  "eq.sym.act": "las activaciones de {layer}",
  "eq.sym.pool": "la salida de {layer}",
  "eq.sym.flatten": "el vector aplanado",
  "eq.sym.softmax": "las probabilidades",
  "eq.sym.xent": "la pérdida",
  "eq.act.which": "(σ = {name})",
  "eq.input.image": "la imagen de 28×28, tinta = 1",
  "eq.conv.padded": "sobre la entrada rellenada con ceros, de p = {p} celdas por cada lado",
  "eq.conv.dilated": {
    one: "δ̃: el error δ separado con {count} cero entre celdas vecinas (dilatado por el paso s = {s}), y luego una convolución completa: una convolución traspuesta",
    other:
      "δ̃: el error δ separado con {count} ceros entre celdas vecinas (dilatado por el paso s = {s}), y luego una convolución completa: una convolución traspuesta",
  },
  "eq.conv.cropped":
    "el borde de ceros (de p = {p} celdas) se recorta de nuevo: no es una entrada real",
  "eq.maxpool.window": "sobre la ventana k×k, 0 ≤ u, v < k",
  "eq.maxpool.if_switch": "si (i, j) es el interruptor; si no, 0",
  "eq.maxpool.won": "ventanas (p, q) que ganó (i, j)",
  "eq.maxpool.switch_formula": "interruptor = (fila, columna) del máximo de cada ventana",
  "eq.avgpool.window": "sobre la ventana k×k, 0 ≤ u, v < k",
  "eq.avgpool.holding": "ventanas (p, q) que contienen (i, j)",
  "eq.pool.tiles": "k = {k}, paso {s}: las ventanas cubren la entrada sin solaparse",
  "eq.pool.overlap":
    "k = {k}, paso {s}: las ventanas vecinas se solapan, así que una celda puede estar en varias",
  "eq.sub.others": "los otros {count} términos, sumados",
  "eq.sub.sum": "suma recalculada",
  "eq.sub.window": "celda agrupada ({cell}): interruptor en ({at})",
  "eq.sub.copied": "copiado: ",
  "eq.where": "celda [{cell}] de {shape} · {layer}",
  "eq.scalar": "un escalar",
  "eq.note.listed":
    "Se listan los {shown} términos de mayor |término| de los {count}, en orden de índice, porque deciden la suma; los otros {rest} se suman en una línea. Los factores de los términos listados aparecen contorneados en sus mapas de calor (verde: activaciones o errores, violeta: pesos).",
  "eq.note.delta": "δ abrevia ∂L/∂z, el error en la salida ponderada z de una capa.",
  "eq.note.padded": {
    one: "{count} producto cae sobre el relleno de ceros: vale 0 y se omite.",
    other: "{count} productos caen sobre el relleno de ceros: valen 0 y se omiten.",
  },
  "eq.note.dilated":
    "Paso {s}: solo se listan los términos en los que el filtro tocó de verdad esta celda. Escrito como una sola operación, el error se dilata (se separa con ceros entre sus celdas, una fila y una columna de ceros menos que el paso) y luego se convoluciona por completo con los filtros: una convolución traspuesta.",
  "eq.note.won": "Esta celda ganó su ventana, así que recibe el error agrupado.",
  "eq.note.lost": "Esta celda perdió su ventana: no le llega ningún error.",
  "eq.note.won_of":
    "Esta celda está en {count} ventanas solapadas y ganó {won} de ellas: sus errores se suman.",
  "eq.note.spread":
    "Una agrupación promedio no tiene ganador: cada una de las {share} celdas de una ventana {k}×{k} recibe 1/{share} de su error, fuera cual fuera su valor.",
  "eq.note.unread":
    "Ninguna ventana de salida cubrió esta celda (el paso del filtro la saltó), así que no le llega ningún error: 0.",
  "eq.note.no_weights":
    "Los pesos aún no se han cargado, así que no se pueden listar los términos.",
  "eq.param.heading": "parámetro {name}",
  "eq.param.where": "entrada [{cell}] de {shape}",
  "eq.param.note":
    "Su gradiente aparece a su lado cuando la retropropagación llega a esta capa; un paso de SGD lo mueve −(tasa de aprendizaje) × ese gradiente.",
  "eq.switch.marks": {
    one: "Los puntos y cuadrados oscuros marcan los interruptores de {layer}: su ventana envía todo su error a la única celda que la ganó en el paso hacia delante.",
    other:
      "Los puntos y cuadrados oscuros marcan los interruptores de {layer}: cada una de sus ventanas envía todo su error a la única celda que la ganó en el paso hacia delante.",
  },
  "eq.switch.untied": "Ninguna ventana tiene empate.",
  "eq.switch.tied": {
    one: "{count} ventana tiene empate (el mismo valor máximo dos o más veces, a menudo todo 0): la regla «primer máximo, fila a fila» da el error a la primera de ellas, leyendo fila a fila.",
    other:
      "{count} ventanas tienen empate (el mismo valor máximo dos o más veces, a menudo todo 0): la regla «primer máximo, fila a fila» da el error a la primera de ellas, leyendo fila a fila.",
  },
  "eq.slope.relu": "para ReLU vale 1 donde z > 0 y 0 en otro caso",
  "eq.slope.sigmoid": "para la sigmoide vale a·(1 − a)",
  "eq.slope.tanh": "para tanh vale 1 − a²",
  "eq.where.only": "la única celda",
  "eq.where.entry": "entrada {i}",
  "eq.where.cell": "fila {i}, columna {j}",
  "eq.where.map": "fila {i}, columna {j} del mapa {m}",
  "eq.where.filter": "fila {i}, columna {j} del filtro {m}, canal {c}",
  "eq.describe": "{name}, {shape}: {where}",
  "eq.describe.empty": "{name}: vacío",
  "eq.describe.value": "valor {value}",
  "eq.describe.spread":
    "mayor magnitud {value} en {where}; {nonzero} de las celdas distintas de cero; valores de {lo} a {hi}",
  "eq.ask.shape": "¿Qué forma tendrá ∂L/∂{sym}? Escribe sus tamaños, p. ej. 3, 4, 5.",
  "eq.ask.shape_hint":
    "Un gradiente tiene exactamente la forma del tensor al que pertenece: mira el panel de {sym} (o la línea de tamaño de la capa) en la red.",
  "eq.ask.entry": "entrada [{cell}]",
  "eq.ask.cell": "celda [{cell}]",
  "eq.ask.sign":
    "¿Qué signo tendrá ∂L/∂{sym} en {where}: positivo (+), negativo (−) o exactamente cero (0)?",
  "eq.ask.p_target": "p{y} (probabilidad del objetivo y = {y})",
  "eq.ask.output_value": "¿Cuánto valdrá ∂L/∂{sym} para la clase objetivo y = {y}?",
  "eq.ask.output_hint":
    "En la salida el error es p − y, e y vale 1 para la clase objetivo (0 para las demás).",
  "eq.ask.output_sign": "p − y: aquí y vale 0.",
  "eq.ask.delta_target": "δ en la clase objetivo {y}",
  "eq.ask.dense_bias_hint":
    "Un sesgo se suma directamente a su puntuación, así que su gradiente es igual al error δ de esa puntuación.",
  "eq.ask.act_error": "∂L/∂{sym} (el error que llega aquí)",
  "eq.ask.act_z": "{sym} (la suma ponderada)",
  "eq.ask.act_value": "¿Cuánto valdrá ∂L/∂{sym} en la celda [{cell}]?",
  "eq.ask.act_value_hint": "Multiplica el error ∂L/∂a por la pendiente σ′(z): {slope}.",
  "eq.ask.act_sign_hint": "El signo de ∂L/∂a por σ′(z) ≥ 0: {slope}.",
  "eq.ask.delta_at": "δ en [{cell}]",
  "eq.ask.bias_value":
    "¿Cuánto valdrá ∂L/∂b del mapa {m}? Se listan los errores δ distintos de cero del mapa {m} de {sym}; las demás celdas del mapa son 0.",
  "eq.ask.bias_value_hint":
    "El sesgo se suma en cada posición de su mapa, así que su gradiente es la suma de los errores δ del mapa.",
  "eq.ask.bias_sign_hint":
    "El gradiente del sesgo del mapa {m} es la suma de los errores δ sobre todo el mapa {m} de {sym}: ¿pesan más sus celdas rojas (positivas) o azules (negativas)?",
  "eq.ask.saliency":
    "¿En qué parte de tu dígito será mayor |∂L/∂x|? Elige una de las {grid}×{grid} regiones (de {size}×{size} píxeles cada una).",
  "eq.ask.saliency_hint":
    "Cambiar un píxel importa más donde los filtros de {layer} que lo ven llevan errores grandes: normalmente sobre los trazos que distinguen el dígito objetivo, o justo al lado.",
  "eq.ask.stride_value":
    "Esta capa mueve su filtro {stride} celdas cada vez. ¿Cuánto valdrá el gradiente de la entrada del filtro [{cell}]? Se listan los errores δ distintos de cero y las entradas con las que se encuentran a través de esta entrada; los demás productos son 0.",
  "eq.ask.stride_hint":
    "La entrada (a, b) del filtro se encuentra con la celda de entrada ({stride}·i + a, {stride}·j + b) en la salida (i, j): una de cada {stride} celdas. Multiplica cada δ por su entrada y suma los productos.",
  "eq.ask.unread":
    "El filtro {d}×{d} de esta capa se mueve {stride} celdas cada vez, y su última ventana termina en la fila {last}. ¿Qué error recibirá la celda [{cell}]?",
  "eq.ask.unread_hint":
    "Una celda de entrada solo recibe error de las salidas cuya ventana la cubrió. Con paso {stride} las ventanas se detienen antes de esta fila: ninguna salida la leyó.",
  "eq.ask.cells":
    "¿Qué celdas de este recorte {size}×{size} de {sym} (mapa {map}) recibirán error de {layer}? Selecciona todas las celdas que reciben una parte.",
  "eq.ask.cells_hint":
    "Cada ventana {k}×{k} pasa su error a una sola celda: su interruptor, la celda que tenía el mayor valor de la ventana en el paso hacia delante (en caso de empate, la primera en orden de lectura). Las demás celdas reciben 0.",
  "eq.ask.pooled_error": "el error de la celda agrupada [{cell}]",
  "eq.ask.overlap":
    "Las ventanas de esta agrupación se solapan. La celda [{cell}] ganó {n} de ellas en el paso hacia delante. ¿Qué error recibirá?",
  "eq.ask.overlap_hint":
    "Cada ventana envía todo su error a su interruptor; una celda que es el interruptor de varias ventanas recibe todos sus errores, sumados.",
  "eq.ask.share":
    "Una agrupación promedio sobre ventanas {k}×{k}: ¿qué parte del error de su ventana recibirá la celda [{cell}]?",
  "eq.ask.share_hint":
    "La media cuenta igual cada celda de la ventana, así que cada una de las {k}×{k} celdas recibe una parte igual del error de la ventana: divídelo entre el número de celdas.",

  // ---- editor de arquitectura ----
  "arch.title": "Arquitectura",
  "arch.close": "cerrar el editor de arquitectura",
  "arch.aria": "editor de arquitectura",
  "arch.intro":
    "Construye tu propia red con las piezas de la derivación. Cada fila es una capa l; la forma que produce, sus parámetros y su coste se actualizan mientras editas. La última capa debe ser una capa densa de 10 unidades, una por dígito.",
  "arch.preset_label": "Partir de",
  "arch.preset.custom": "(tus cambios)",
  "arch.preset.lenet": "LeNet (la red original)",
  "arch.preset.nopool": "sin agrupación",
  "arch.preset.small": "filtros 3×3",
  "arch.preset.strided": "con paso en vez de agrupación",
  "arch.preset.avgpool": "agrupación promedio",
  "arch.preset.deeper": "más profunda (3 convoluciones)",
  "arch.preset.mlp": "MLP (sin convolución)",
  "arch.input": "entrada a⁰ = x: {shape}",
  "arch.kind.conv": "convolución",
  "arch.kind.relu": "ReLU",
  "arch.kind.sigmoid": "sigmoide",
  "arch.kind.tanh": "tanh",
  "arch.kind.maxpool": "agrupación máxima",
  "arch.kind.avgpool": "agrupación promedio",
  "arch.kind.flatten": "aplanar",
  "arch.kind.dense": "densa",
  "arch.kind_of": "tipo de la capa {l}",
  "arch.field.maps": "mapas K",
  "arch.field.size": "tamaño d",
  "arch.field.padding": "relleno",
  "arch.field.stride": "paso",
  "arch.field.units": "unidades",
  "arch.move_up": "subir la capa {l}",
  "arch.move_down": "bajar la capa {l}",
  "arch.remove": "quitar la capa {l}",
  "arch.add": "Añadir capa",
  "arch.add_kind": "tipo de capa que añadir",
  "arch.params": { one: "{count} parámetro", other: "{count} parámetros" },
  "arch.macs": {
    one: "{count} multiplicación con suma",
    other: "{count} multiplicaciones con suma",
  },
  "arch.total_params": {
    one: "{count} parámetro (como mucho {max})",
    other: "{count} parámetros (como mucho {max})",
  },
  "arch.total_macs": {
    one: "{count} multiplicación con suma por imagen (como mucho {max})",
    other: "{count} multiplicaciones con suma por imagen (como mucho {max})",
  },
  "arch.checking": "Calculando las formas…",
  "arch.seed": "semilla de los pesos nuevos",
  "arch.keep": "conservar los pesos entrenados de {model} (esta es su arquitectura)",
  "arch.apply": "Aplicar",
  "arch.your_network": "tu red {id}",
  "arch.not_buildable": "el servidor no puede construir esta red",
  "arch.link_failed":
    "No se pudo abrir la red del enlace ({reason}); se muestra un modelo original en su lugar.",
  "arch.note.fresh":
    "Tu red tiene pesos aleatorios nuevos (semilla {seed}): aún no ha aprendido nada, así que acierta por azar, más o menos 1 dígito de cada 10. Aun así sus gradientes son reales: recórrelos paso a paso o enséñale con «Aplicar un paso de SGD».",
  "arch.note.network":
    "Esta es la red propia de un estudiante: si sus pesos siguen siendo nuevos, acierta por azar (más o menos 1 dígito de cada 10) hasta que se entrene, por ejemplo con «Aplicar un paso de SGD».",
  "arch.chance.fresh":
    "Los pesos de tu red son nuevos y aleatorios, así que su predicción es al azar (más o menos 1 de cada 10): entrénala con «Aplicar un paso de SGD».",
  "arch.chance.start":
    "Son los pesos de antes de empezar el entrenamiento, así que su predicción es al azar (más o menos 1 de cada 10).",
  "arch.note.trained": "Los pesos guardados en el paso {step} del entrenamiento.",
  "arch.chance.network":
    "La red propia de un estudiante: salvo que se haya entrenado, su predicción es al azar (más o menos 1 de cada 10); «Aplicar un paso de SGD» la entrena.",
  "arch.note.shipped": "De vuelta en {model} con sus pesos entrenados.",
  "arch.error.unknown": "Esta capa no se puede construir.",
  "arch.error.spec.too_deep": "Como mucho {max} capas: esta red tiene {count}. Quita algunas.",
  "arch.error.spec.too_many_params":
    "Aquí la red llega a {params} parámetros, por encima del límite de {max}: usa menos mapas o unidades, o agrupa antes.",
  "arch.error.spec.too_many_macs":
    "Aquí la red llega a {macs} multiplicaciones con suma por imagen, por encima del límite de {max}: usa menos mapas, filtros más pequeños, un paso, o agrupa antes.",
  "arch.error.spec.last_not_dense10":
    "La última capa debe ser una capa densa de 10 unidades: una puntuación por dígito.",
  "arch.error.spec.filter_too_large":
    "Un filtro {size}×{size} no cabe en una entrada {rows}×{cols}: añade relleno, usa un filtro más pequeño o quita una agrupación.",
  "arch.error.spec.map_vanished":
    "Una ventana {size}×{size} no cabe en un mapa {rows}×{cols}, así que no quedaría nada: usa una ventana más pequeña o quita una agrupación.",
  "arch.error.spec.padding_same_even":
    "El relleno «same» necesita un tamaño de filtro impar (3, 5, 7, …) para que el filtro tenga centro; este es {size}×{size}.",
  "arch.error.spec.padding_too_large":
    "Un relleno de {padding} es demasiado ancho para un filtro {size}×{size}: sus anillos exteriores solo verían ceros. Usa menos relleno que el tamaño del filtro.",
  "arch.error.spec.needs_map":
    "Esta capa trabaja con mapas (filas × columnas × canales) pero recibe un vector plano: súbela por encima del aplanado o quita el aplanado de más.",
  "arch.error.spec.needs_flatten":
    "Una capa densa necesita un vector plano: añade un aplanado antes de ella.",
  "arch.error.spec.out_of_range": "{value} está fuera del rango permitido, de {min} a {max}.",
  "arch.error.spec.bad_field": "Este campo admite un número entero.",
  "arch.error.spec.unknown_kind": "No existe una capa de este tipo.",

  // ---- laboratorio de gradientes de entrada ----
  "ig.open": "Laboratorio de gradientes de entrada",
  "ig.aria": "laboratorio de gradientes de entrada",
  "ig.heading": "5 · Gradientes de entrada",
  "ig.hint":
    "Engaña a la red con un cambio que no puedes ver, pregúntale cómo es un 5 y compara dos maneras de encontrar los píxeles que importan.",
  "ig.close": "Cerrar el laboratorio",
  "ig.title": "Laboratorio de gradientes de entrada: lo que ∂L/∂x dice de tus píxeles",
  "ig.intro":
    "El paso hacia atrás termina con ∂L/∂x: cuánto cambiaría la pérdida si cada píxel del dígito cambiara un poco. Aquí lo usas sobre el propio dígito.",
  "ig.mode": "Experimento",
  "ig.mode.fgsm": "Engañarla (un paso de signo)",
  "ig.mode.targeted": "Convertirlo en un k (pasos pequeños)",
  "ig.mode.visualise": "¿Cómo ve la red un k?",
  "ig.mode.occlusion": "¿Qué píxeles importan?",
  "ig.explain.fgsm":
    "Cada píxel se mueve ε en la dirección que aumenta la pérdida de la respuesta actual: x′ = clip(x + ε·sign(∂L/∂x)).",
  "ig.explain.targeted":
    "Pasos pequeños cuesta abajo en la pérdida del dígito k hasta que la red dice k, sin alejar nunca un píxel más de ε del original.",
  "ig.explain.visualise":
    "Parte de una imagen en blanco o con ruido y sube log p_k, mientras una penalización sobre los valores grandes y un ligero desenfoque mantienen la imagen suave.",
  "ig.explain.occlusion":
    "Dos respuestas a «¿qué píxeles importan?»: el gradiente |∂L/∂x| de un paso hacia atrás, y la oclusión, que tapa cada cuadrado con gris y mide cuánto cae p_y.",
  "ig.epsilon": "ε (mayor cambio de un píxel)",
  "ig.target": "Dígito objetivo k",
  "ig.start": "Partir de",
  "ig.start.noise": "ruido tenue",
  "ig.start.blank": "una imagen en blanco",
  "ig.start.image": "tu dígito",
  "ig.l2": "penalización L2 λ",
  "ig.blur": "desenfoque σ (píxeles)",
  "ig.patch": "tamaño del cuadrado (píxeles)",
  "ig.run": "Ejecutar",
  "ig.running": "Ejecutando…",
  "ig.play": "Reproducir",
  "ig.pause": "Pausa",
  "ig.frame": "fotograma",
  "ig.send": "Trazar esta imagen",
  "ig.sent": "Fotograma enviado a la vista principal: recorre allí su paso hacia atrás.",
  "ig.need_digit":
    "Clasifica un dígito o elige un ejemplo primero: el laboratorio trabaja con el dígito de la pantalla.",
  "ig.failed": "El laboratorio no pudo ejecutarse: {reason}",
  "ig.original": "tu dígito x",
  "ig.original.visualise": "imagen inicial",
  "ig.image": "este fotograma x′",
  "ig.image.occluded": "el cuadrado gris que más baja p_y",
  "ig.image.stretched": "este fotograma x′ (colores estirados: el más brillante = {top})",
  "ig.change": "cambio x′ − x",
  "ig.probabilities": "probabilidades p",
  "ig.prediction": "La red dice {digit} (p = {p})",
  "ig.change_size": "cambio: L∞ = {linf} (mayor cambio de un píxel), L2 = {l2}",
  "ig.step_count": {
    one: "paso {step} de {count}",
    other: "paso {step} de {count}",
  },
  "ig.fgsm.fooled":
    "Cada píxel se movió como mucho {linf}: para ti sigue siendo un {before}, para la red ahora es un {after}. Baja ε: ¿qué cambio tan pequeño la sigue engañando?",
  "ig.fgsm.held":
    "Cada píxel se movió como mucho {linf} y la respuesta siguió siendo {before}. Prueba un ε mayor.",
  "ig.targeted.reached": {
    one: "La red dice {target} tras {count} paso. Menor cambio encontrado: L∞ = {linf}, L2 = {l2}.",
    other:
      "La red dice {target} tras {count} pasos. Menor cambio encontrado: L∞ = {linf}, L2 = {l2}.",
  },
  "ig.targeted.missed": "No es un {target} en {count} pasos con ε = {eps}: permite un ε mayor.",
  "ig.visualise.done":
    "Tras {count} pasos la red da a esta imagen p_{target} = {p}. Es lo que más sube p_{target}, no un dibujo de un {target}.",
  "ig.update": "En el píxel ({row}, {col}) de este paso: {equation}",
  "ig.rule.fgsm": "x′ = x + ε·sign(∂L/∂x) = {x} + {eta}·sign({dx}) = {next}",
  "ig.rule.targeted": "x′ = x − η·sign(∂L_k/∂x) = {x} − {eta}·sign({dx}) = {next}",
  "ig.rule.visualise":
    "x′ = x + η·(∂log p_k/∂x − λx), luego desenfoque: {x} + {eta}·({dx} − {l2}·{x}) → {next}",
  "ig.saliency": "gradiente |∂L/∂x|",
  "ig.occlusion": "oclusión: caída de p_y",
  "ig.same_scale":
    "Los dos mapas en una escala: 0 = sin efecto, 1 = el mayor efecto que encontró cada método.",
  "ig.agreement":
    "{share} de los píxeles que el gradiente sitúa más alto también están entre los más altos de la oclusión.",
  "ig.agree.much":
    "Coinciden en los trazos en los que se apoya la respuesta; donde difieren, el gradiente marca píxeles sueltos en los que un empujoncito importa, y la oclusión cuadrados enteros cuya pérdida importa.",
  "ig.agree.little":
    "Casi siempre discrepan: el gradiente marca píxeles sueltos en los que un empujoncito importa, la oclusión cuadrados enteros cuya pérdida importa, y el gris sobre papel vacío puede añadir un trazo que el dígito nunca tuvo.",
  "ig.where":
    "Los píxeles más fuertes del gradiente se centran en {gradient}, los de la oclusión en {occlusion}.",
  "ig.region.0": "arriba a la izquierda",
  "ig.region.1": "arriba",
  "ig.region.2": "arriba a la derecha",
  "ig.region.3": "la izquierda",
  "ig.region.4": "el centro",
  "ig.region.5": "la derecha",
  "ig.region.6": "abajo a la izquierda",
  "ig.region.7": "abajo",
  "ig.region.8": "abajo a la derecha",
  "ig.guess": "¿En qué dígito se convertirá?",
  "ig.guess_first": "Adivina antes de verlo",
  "ig.reveal": "Mostrar la respuesta",
  "ig.guess_digit": "apuesto por {digit}",
  "ig.guessed": "Dijiste {guess}; la red dice {after}.",

  // ---- laboratorio de entrenamiento ----
  "train.open": "Laboratorio de entrenamiento",
  "train.aria": "laboratorio de entrenamiento",
  "train.title": "Laboratorio de entrenamiento",
  "train.close": "cerrar el laboratorio de entrenamiento",
  "train.intro":
    "Entrena una red con miles de dígitos escritos a mano y mira la retropropagación en acción: cada paso calcula los gradientes que puedes recorrer en la vista principal, para un lote de dígitos a la vez, y mueve los pesos un poco en contra de ellos.",
  "train.network": "Red",
  "train.network.model": "{model}, desde pesos aleatorios nuevos",
  "train.network.current": "la red en uso ahora (del editor de arquitectura)",
  "train.preset": "Ajuste",
  "train.preset.quick": "rápido",
  "train.preset.good": "bueno",
  "train.optimizer": "optimizador",
  "train.optimizer.sgd": "SGD",
  "train.optimizer.momentum": "SGD con momento",
  "train.optimizer.adam": "Adam",
  "train.field.learning_rate": "tasa de aprendizaje",
  "train.field.batch_size": "tamaño del lote",
  "train.field.epochs": "épocas",
  "train.field.train_size": "dígitos de entrenamiento",
  "train.start": "Entrenar",
  "train.cancel": "Cancelar",
  "train.status.idle": "Elige una red y un ajuste, y pulsa Entrenar.",
  "train.status.sending": "Enviando el trabajo al servidor…",
  "train.status.queued": {
    one: "En cola: {count} trabajo antes del tuyo (unos {seconds} s).",
    other: "En cola: {count} trabajos antes del tuyo (unos {seconds} s).",
  },
  "train.status.started": "El entrenamiento ha empezado.",
  "train.status.running": "Entrenando: paso {step} de {steps} (época {epoch}).",
  "train.status.running_eta":
    "Entrenando: paso {step} de {steps} (época {epoch}), quedan unos {left} s.",
  "train.status.done":
    "Listo en {seconds} s: {accuracy} de {size} dígitos de prueba correctos. Elige abajo un punto de control para trazar tu dígito con sus pesos.",
  "train.status.failed": "El entrenamiento falló: {reason}",
  "train.status.cancelled":
    "Entrenamiento cancelado. Los puntos de control hasta ahora siguen disponibles.",
  "train.status.cancelling": "Cancelando…",
  "train.status.refused": "El servidor no lo aceptó: {reason}",
  "train.status.lost":
    "Se perdió la conexión con este trabajo (puede que haya caducado). Empiézalo de nuevo.",
  "train.status.following": "Siguiendo el entrenamiento del docente.",
  "train.fig.loss": "Pérdida y precisión de prueba",
  "train.fig.grads": "Tamaño del gradiente por capa, ‖∂L/∂θ‖ (escala logarítmica)",
  "train.fig.ratio": "Tamaño de la actualización por capa, ‖Δθ‖ / ‖θ‖ (escala logarítmica)",
  "train.fig.filters": "los filtros de conv1, cambiando",
  "train.key.loss": "pérdida de los últimos lotes",
  "train.key.smooth": "pérdida, suavizada",
  "train.key.accuracy": "precisión de prueba (eje derecho)",
  "train.axis.step": "paso",
  "train.axis.loss": "pérdida",
  "train.axis.norm": "‖∂L/∂θ‖",
  "train.axis.ratio": "‖Δθ‖/‖θ‖",
  "train.accuracy.none": "Precisión de prueba: aún sin medir.",
  "train.accuracy.at":
    "Precisión de prueba: {value} de {size} dígitos de prueba en el paso {step}.",
  "train.layer.first": "{layer} (la primera, junto a la entrada)",
  "train.layer.last": "{layer} (la última, junto a la pérdida)",
  "train.grads.sigmoid":
    "Esta red usa sigmoide: su gradiente llega a {first} unas {ratio} veces más pequeño que a {last}. Cada sigmoide multiplica el error por σ′ ≤ 0,25 en su camino de vuelta, así que las primeras capas reciben la señal más débil y aprenden más despacio: gradientes que se desvanecen.",
  "train.grads.smaller":
    "Ahora mismo el gradiente de {last} es {ratio} veces el de {first}. Con sigmoide en lugar de ReLU, las líneas de las primeras capas caerían muy por debajo de la última: los gradientes se desvanecen en su camino de vuelta.",
  "train.grads.similar":
    "Ahora mismo el gradiente de {first} es tan grande como el de {last} o más (razón {ratio}): ReLU devuelve el error sin encogerlo. Con sigmoide, las líneas de las primeras capas caerían muy por debajo.",
  "train.ratio.note":
    "Cuánto mueve un paso los pesos de cada capa, en relación con su tamaño. Alrededor de 0,001 es un ritmo sano; mucho mayor y el entrenamiento da saltos, mucho menor y se arrastra.",
  "train.filters.none": "Los filtros aparecen cuando empieza el entrenamiento.",
  "train.filters.words":
    "Los filtros de {layer} en el paso {step} (azul < 0, blanco = 0, rojo > 0): de ruido aleatorio pasan a ser detectores de trazos y bordes.",
  "train.checkpoint.title":
    "Puntos de control: traza tu dígito en cualquier momento del entrenamiento",
  "train.checkpoint.label": "punto de control",
  "train.checkpoint.none": "aún no hay puntos de control",
  "train.checkpoint.hint":
    "Desliza hasta un punto de control: tu dígito se traza con los pesos de ese momento y la vista principal recorre su paso hacia atrás.",
  "train.checkpoint.at": "{k} de {n}: paso {step}",
  "train.checkpoint.early":
    "Al principio (paso {step}, precisión de prueba {accuracy}): la red aún adivina, así que la pérdida es alta y los gradientes son grandes (‖∂L/∂θ‖ ≈ {norm}) y difusos, repartidos por todo el dígito y todos los pesos. Recorre el paso hacia atrás en la vista principal para verlo.",
  "train.checkpoint.middle":
    "A mitad (paso {step}, precisión de prueba {accuracy}): los gradientes se han encogido a ≈ {norm}, {times} veces menos que al principio, y se concentran en los trazos que deciden el dígito.",
  "train.checkpoint.late":
    "Al final (paso {step}, precisión de prueba {accuracy}): casi todos los dígitos están bien, así que la pérdida es pequeña y los gradientes también (≈ {norm}, {times} veces menos que al principio): tenues y centrados en los pocos píxeles que aún importan.",
  "train.checkpoint.draw_first":
    "Dibuja un dígito o elige un ejemplo primero: los pesos del punto de control están listos para él.",
  "train.checkpoint.traced": "Tu dígito, trazado con los pesos del paso {step}.",
  "train.batch.title": "Un lote, abierto",
  "train.batch.intro":
    "Un paso de entrenamiento no sigue el gradiente de un solo dígito sino la media de todo un lote. Aquí hay 8 dígitos, el gradiente de cada uno para un filtro de conv1, y su media: el gradiente que aplica el optimizador.",
  "train.batch.open": "Abrir un lote",
  "train.batch.filter": "filtro",
  "train.batch.filter_m": "filtro m = {m}",
  "train.batch.example": "n = {n} (un {label})",
  "train.batch.mean": "media (la del lote)",
  "train.batch.equation_label":
    "el gradiente del lote es la media de los gradientes de los {size} ejemplos",
  "train.batch.check":
    "La media de estos {size} mapas y el gradiente propio del lote (un paso hacia atrás sobre el lote, pérdida {loss}) difieren como mucho en {gap}: solo redondeo.",
  "train.batch.no_conv": "Esta red no tiene ninguna capa de convolución que mostrar.",

  // ---- vista de foco ----
  "focus.export_which": "qué paneles contiene la figura",
  "focus.export_svg": "Figura en SVG",
  "focus.export_png": "en PNG",
  "focus.export_ratio": "resolución del PNG",
  "focus.all_panels": "Todos los paneles",
  "focus.one_hot": "y, objetivo {label} en one-hot",
  "focus.slice.laid_out": ", dispuesto como {shape}",
  "focus.slice.class": "clase {k} (fila {k} de {n})",
  "focus.slice.filter": "filtro {m}, canal {c}",
  "focus.slice.map": "mapa {k} de {n}",

  // ---- idiomas ----
  "eq.unknown.equation":
    "ConvTrace no puede explicar la ecuación «{id}»: no está en el registro de ecuaciones.",
  "eq.unknown.kind":
    "ConvTrace no puede explicar el tipo de capa «{id}»: no está en el registro de ecuaciones.",
  "arch.class_weights":
    "La clase usa los pesos entrenados del docente: cada gradiente, panel de pesos y suma de aquí se calcula con ellos.",
  "train.status.queued_class": {
    one: "El trabajo del docente espera en la cola: {count} trabajo delante (unos {seconds} s).",
    other: "El trabajo del docente espera en la cola: {count} trabajos delante (unos {seconds} s).",
  },
  "train.plot.summary":
    "Pérdida y precisión de prueba: pérdida suavizada {loss} en el paso {step} de {steps}",
  "train.batch.of_step":
    "El minilote del paso {step} ({shown} de sus {size} dígitos, tal como los vio la red), con los pesos del punto de control del paso {at}: elige otro punto de control arriba para abrir otro paso.",
  "train.batch.samples":
    "{shown} dígitos de ejemplo, con la red en uso (entrena una red para abrir los lotes de sus pasos).",
  "i18n.menu": "idioma",
  "i18n.values_note":
    "Los números de las ecuaciones se escriben igual en todos los idiomas, con punto decimal: 0.5 es un medio.",

  // ---- input-gradient class question ----
  "igq.ask": "Preguntar primero a la clase",
  "igq.asked":
    "La clase está adivinando en qué dígito se convertirá: el ataque aparece aquí cuando reveles la respuesta en la tarjeta de la clase.",
  "igq.waiting":
    "Pregunta enviada. Mira cómo llegan las respuestas en la tarjeta de la clase y luego revélalas.",
  "igq.prompt":
    "La red lee este dígito como {before}. Ahora cada píxel se desplaza ε = {eps}, cada uno en la dirección que más aumenta la pérdida. ¿Qué dígito dirá entonces la red?",
  "igq.legend": "El dígito que dirá la red",
  "igq.format": "Elige un dígito, del 0 al 9.",
  "igq.reveal": "Tras el desplazamiento, la red dice {digit}.",
};
