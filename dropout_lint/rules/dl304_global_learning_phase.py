import re

from dropout_lint.finding import Edit, Fix, Pos
from dropout_lint.fixes import split_lines
from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules import _training as T
from dropout_lint.rules._common import first_use


class GlobalLearningPhase(Rule):
    """`set_learning_phase(...)`: a removed global training switch.

    ## What it does
    Finds calls of `keras.backend.set_learning_phase(...)` through any import path
    (`tf.keras.backend`, `tf.compat.v1.keras.backend`, `keras.backend`, `tf_keras.backend`,
    `from keras import backend as K`, `from ...backend import set_learning_phase`).

    ## Why is this bad?
    The learning phase is a process-wide switch: `set_learning_phase(1)` forces training
    behaviour (dropout on, batch statistics) on every model built afterwards, including the
    ones you evaluate and export; `set_learning_phase(0)` silently disables dropout in training.
    It was deprecated in TensorFlow 2.4 and is gone from Keras 3, so the call is at best a
    no-op and at worst an error on upgrade. Pass `training=` to the calls instead.

    ## Example
    ```python
    from tensorflow.keras import backend as K
    K.set_learning_phase(1)
    model.fit(x, y)
    ```

    ## Use instead
    ```python
    model.fit(x, y)                     # fit() trains with dropout on
    y = model(x, training=False)        # explicit mode in custom code
    ```

    ## When it stays silent
    - Under an `if` on the TensorFlow / Keras version (`tf.__version__`, `TF2`, `executing_eagerly`):
      a branch for TensorFlow 1, where `set_learning_phase` is the supported API; likewise in a
      file that runs TF1 graph code (TF1-only APIs, a `tensorflow.contrib` module imported,
      `disable_eager_execution()`, `disable_v2_behavior()`, `get_session()`, Keras 2's graph-only
      `K.gradients` / `optimizer.get_gradients`, the call made through `tf.compat.v1`, a
      notebook whose output shows multi-backend Keras' "Using TensorFlow backend."), TF1 graph
      APIs called through `tf.compat.v1` (a Session, a global step, `variable_scope`).
    - The standalone `keras` package's switch (`import keras.backend as K`) in a file that shows
      no Keras >= 2.4 (`tf.function`, `tf.GradientTape`, `tf.config`, `keras.ops`,
      `keras.random`) and whose project does not declare tensorflow 2.4 or later: multi-backend
      Keras up to 2.3 supports it; `tf.keras`'s is reported. Any switch in a project that
      declares TensorFlow 1 or Keras up to 2.3 (`requirements*.txt`, `setup.py`, `setup.cfg`,
      `pyproject.toml`, `environment.yml`, `Pipfile` in its folder or above; the lowest version
      allowed decides).
    - **The mode is wrong for what follows**: not a switch set to the mode of the work after it
      in the same function -- `set_learning_phase(True)` before a training step's
      `GradientTape` / `fit` with no evaluation after it, `set_learning_phase(0)` before
      `load_model`, an export or an evaluation with no training after it -- nor one that follows a
      training flag (`set_learning_phase(is_training)`, `kwargs["training"]`). Those are
      deliberate and only deprecated. A switch followed by work of the other mode, or whose
      effect the function does not show, is reported.
    - Only a call that resolves to Keras' `set_learning_phase` counts (a project's own function
      of that name does not); test code (see `test-code-ignore`), which sets the phase to exercise
      both modes.

    ## Fix
    Removes the call (its statement, or `pass` when it is the only statement of a block).

    ## References
    - TensorFlow 2.4 release notes: `tf.keras.backend.set_learning_phase` deprecated.

    ## Fix safety
    Unsafe. Deleting `set_learning_phase(...)` changes how every layer behaves afterwards in
    that process. Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL304"
    name = "global-learning-phase"
    severity = "warning"
    requires = ("learning_phase",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # premise "the mode is wrong for what follows": each switch is set to the mode of the
        # work after it (deprecated, but no model runs in the wrong mode)
        _ex("""
            import tensorflow as tf
            def train_step(model, x, y, opt):
                tf.keras.backend.set_learning_phase(True)
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean((model(x) - y) ** 2)
                opt.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))
            def export(path):
                tf.keras.backend.set_learning_phase(0)
                model = tf.keras.models.load_model(path, compile=False)
                return tf.lite.TFLiteConverter.from_keras_model(model).convert()
        """),
        # the switch follows Keras' own flag inside a layer
        _ex("""
            import tensorflow as tf
            class Cell(tf.keras.layers.Layer):
                def call(self, inputs, states, **kwargs):
                    tf.keras.backend.set_learning_phase(kwargs["training"])
                    return inputs, states
        """),
        # premise "runs under TF2 / Keras 3": a script that switches TensorFlow 2 to graph mode
        _ex("""
            import tensorflow as tf
            tf.compat.v1.disable_eager_execution()
            K = tf.compat.v1.keras.backend
            K.set_learning_phase(0)
        """),
        # premise "runs under TF2 / Keras 3": the branch for TensorFlow 1, where the switch is the API
        _ex("""
            import tensorflow as tf
            from tensorflow.keras import backend as K
            if tf.__version__ >= "2.0.0":
                tf.compat.v1.disable_eager_execution()
            else:
                K.set_learning_phase(True)
        """),
        "import tensorflow as tf\ny = model(x, training=False)\n",
        "from tensorflow.keras import backend as K\nphase = K.learning_phase()\n",
        _ex("""
            def set_learning_phase(v):
                global PHASE
                PHASE = v
            set_learning_phase(1)
        """),
        _ex("""
            class Trainer:
                def set_learning_phase(self, v):
                    self.phase = v
            trainer = Trainer()
            trainer.set_learning_phase(1)
        """),
        "from mylib.backend import set_learning_phase\nset_learning_phase(0)\n",
        "import torch\nmodel.train()\n",
        "# K.set_learning_phase(1) used to be here\nimport keras\n",
        "from tensorflow.keras import backend as K\nK.clear_session()\n",
        # Keras 2 on TF1's graph: K.gradients works only there
        _ex("""
            from keras import backend as K
            K.set_learning_phase(0)
            grads = K.gradients(loss, model.input)[0]
            step = K.function([model.input], [loss, grads])
        """),
        # a TF1-only module, imported
        _ex("""
            from keras import backend as K
            from tensorflow.contrib.distributions import Beta
            K.set_learning_phase(1)
        """),
        # standalone multi-backend Keras, version not shown (<= 2.3: the supported API)
        _ex("""
            import keras.backend as K
            from keras.layers.merge import add
            K.set_learning_phase(0)
            model = build_model()
        """),
        # TF1 graph code through tf.compat.v1
        _ex("""
            import tensorflow as tf
            def model_fn(features, mode):
                tf.keras.backend.set_learning_phase(mode == "train")
                step = tf.compat.v1.train.get_or_create_global_step()
        """),
    ]
    invalid = [
        # reading a checkpoint through tf.compat.v1 is no sign of graph code
        Invalid(
            _ex("""
            import tensorflow as tf
            def evaluate(model, path):
                tf.keras.backend.set_learning_phase(1)
                reader = tf.compat.v1.train.NewCheckpointReader(path)
                return model.predict(data)
        """),
            line=3,
        ),
        # K.function alone works in TF 2 too
        Invalid(
            _ex("""
            from tensorflow.keras import backend as K
            K.set_learning_phase(0)
            f = K.function([model.input], [model.output])
        """),
            line=2,
        ),
        Invalid(
            _ex("""
                from tensorflow.keras import backend as K
                K.set_learning_phase(1)
                model.fit(x, y)
                preds = model.predict(x_test)
            """),
            line=2,
            fixed="from tensorflow.keras import backend as K\nmodel.fit(x, y)\npreds = model.predict(x_test)\n",
        ),
        # the training mode left on for an evaluation
        Invalid(
            _ex("""
                import tensorflow as tf
                def report(model, x, y):
                    tf.keras.backend.set_learning_phase(1)
                    return model.evaluate(x, y)
            """),
            line=3,
        ),
        Invalid(
            "import tensorflow as tf\ntf.keras.backend.set_learning_phase(0)\n",
            line=2,
            fixed="import tensorflow as tf\n",
        ),
        Invalid("import tensorflow as tf\ntf.compat.v1.keras.backend.set_learning_phase(True)\n", line=2),
        # standalone keras in a file that shows Keras 3 (keras.ops)
        Invalid(
            _ex("""
                import keras
                keras.backend.set_learning_phase(1)  # train mode
                x = keras.ops.ones(3)
            """),
            line=2,
            fixed="import keras\nx = keras.ops.ones(3)\n",
        ),
        Invalid(
            "import tensorflow as tf\nfrom keras.backend import set_learning_phase as slp\nslp(1)\n"
            "@tf.function\ndef step(x):\n    return x\n",
            line=3,
        ),
        Invalid(
            _ex("""
                import tf_keras
                def setup():
                    tf_keras.backend.set_learning_phase(1)
            """),
            line=3,
            fixed=_ex("""
                import tf_keras
                def setup():
                    pass
            """),
        ),
        Invalid("K.set_learning_phase(0)\n", line=1),
        Invalid(
            _ex("""
                from tensorflow.python.keras import backend
                if TRAIN:
                    backend.set_learning_phase(1)
                else:
                    backend.set_learning_phase(0)
            """),
            count=2,
            line=3,
            fixed=_ex("""
                from tensorflow.python.keras import backend
                if TRAIN:
                    pass
                else:
                    backend.set_learning_phase(0)
            """),
        ),
        Invalid("import tensorflow.keras.backend as KB\nold = KB.set_learning_phase(1)\n", line=2),
    ]

    def check(self, ctx) -> None:
        for call in ctx.calls:
            q = call.qname or ""
            if not q.endswith("set_learning_phase") or not q.startswith(("keras.", "tf.")):
                continue
            if any(_VERSION_TEST.search(ctx.code(test)) for test, _ in call.ifs):
                continue  # a branch for one TensorFlow / Keras version (TF1 supports the switch)
            if _graph_mode(ctx, q):
                continue  # TF1 graph code: there the switch is the supported API
            declared = ctx.options.get("declared-versions") or {}
            tf_v, keras_v = declared.get("tensorflow"), declared.get("keras")
            if (tf_v is not None and tuple(tf_v) < (2, 0)) or (keras_v is not None and tuple(keras_v) < (2, 4)):
                continue  # the project declares TF 1 / multi-backend Keras <= 2.3: the supported API
            shown_new = _keras_2_4_or_later(ctx) or (tf_v is not None and tuple(tf_v) >= (2, 4))
            if _standalone_keras(ctx, call) and not shown_new:
                continue  # multi-backend Keras (<= 2.3: the supported API) as far as the file shows
            if _mode_fits_what_follows(ctx, call):
                continue  # a deliberate switch: the mode set is the mode of the work after it
            ctx.report(
                call,
                "`set_learning_phase()` flips a global training switch for every model (deprecated in "
                "TF 2.4, removed in Keras 3); remove it and pass `training=` to the model calls",
                fix=_remove_statement(ctx, call),
            )


_TRAINING_WORK = ("fit", "fit_generator", "train_on_batch", "apply_gradients", "minimize", "GradientTape")
_INFERENCE_WORK = (
    "predict",
    "predict_on_batch",
    "predict_generator",
    "evaluate",
    "evaluate_generator",
    "test_on_batch",
    "load_model",
    "save",
    "save_model",
    "convert",
    "from_keras_model",
)


def _mode_fits_what_follows(ctx, call) -> bool:
    """The switch is set to the mode of the work that follows it in the same function, so no
    model runs in the wrong mode: ``set_learning_phase(True)`` before a training step's tape (the
    Object Detection API's train loop), ``set_learning_phase(0)`` before ``load_model`` and a
    TFLite conversion or an evaluation; or it follows a training flag itself
    (``set_learning_phase(is_training)``, ``kwargs["training"]``). The call is deprecated, but
    that is all; a switch followed by work of the other mode, or by nothing, stays a finding."""
    from dropout_lint.rules._common import names_read

    expr = call.arg("value", 0)
    if expr is None:
        return False
    read = names_read(expr, attributes=True)
    strings = [n.value.strip("'\"") for n in _strings(expr)]
    if any("train" in n.lower() for n in read + strings):
        return True  # the switch follows a training flag
    values = ctx.resolve(expr, call.scope)
    if not values:
        return False
    try:
        modes = {bool(r.value) for r in values}
    except Exception:  # noqa: BLE001 - a value with no truth
        return False
    if len(modes) != 1:
        return False
    training = modes.pop()
    later = [c for c in ctx.calls if c.scope is call.scope and c.start.row > call.start.row]
    names = [(c.qname or c.func_text).rsplit(".", 1)[-1] for c in later]
    trains = any(n in _TRAINING_WORK for n in names)
    infers = any(n in _INFERENCE_WORK for n in names)
    return (trains and not infers) if training else (infers and not trains)


def _strings(expr):
    """The string literals in ``expr`` (the key of ``kwargs["training"]``)."""
    import libcst as cst

    stack = [expr]
    while stack:
        n = stack.pop()
        if isinstance(n, cst.SimpleString):
            yield n
        stack.extend(n.children)


_VERSION_TEST = re.compile(
    r"__version__|\bversion\b|\bVERSION\b|\b(is_)?tf_?[12]\b|\bTF_?[12]\b|tf2\.enabled|executing_eagerly", re.I
)


def _graph_mode(ctx, qname: str) -> bool:
    """The file runs TensorFlow 1 graph code: TF1-only APIs (the file's dialect, or a module of
    ``tensorflow.contrib`` imported), eager execution or v2 behaviour switched off, a
    ``get_session()``, Keras 2's graph-only gradients (``K.gradients``,
    ``optimizer.get_gradients``), TF1 graph APIs called through ``tf.compat.v1``, the switch
    itself called through ``tf.compat.v1``, or (a
    notebook) the "Using TensorFlow backend." that multi-backend Keras <= 2.3 printed."""
    if qname.startswith("tf.compat.v1.") or getattr(ctx.facts, "dialect", None) == "tf1":
        return True
    if "Using TensorFlow backend." in ctx.unit.output_text:
        return True
    imported = list(ctx.facts.names.aliases.values())
    imported += [d for scope in ctx.facts.scopes for d in scope.imports.values()]
    if any(d.startswith(("tf.contrib", "tensorflow.contrib")) for d in imported):
        return True
    for c in ctx.calls:
        q = c.qname or ""
        if q.endswith(_GRAPH_CALLS) or c.func_text.endswith("optimizer.get_gradients") or _COMPAT_GRAPH.match(q):
            return True
    return False


# TF1 graph APIs through tf.compat.v1 (a Session, a global step, variable scopes, placeholders).
_COMPAT_GRAPH = re.compile(
    r"^tf\.compat\.v1\.(placeholder|Session|InteractiveSession|get_variable|variable_scope|get_default_graph"
    r"|reset_default_graph|global_variables_initializer|train\.(get_or_create_global_step|get_global_step"
    r"|\w*Optimizer|Saver|MonitoredTrainingSession|Scaffold)|estimator\.|summary\.FileWriter|get_collection)"
)


def _standalone_keras(ctx, call) -> bool:
    """The switch is the standalone ``keras`` package's (``import keras.backend as K``), not
    ``tf.keras``'s: from the import as written."""
    from dropout_lint.analysis.names import _imported_in

    head = call.func_text.split(".", 1)[0]
    raw = _imported_in(call.scope, head) or ctx.facts.names.aliases.get(head) or ""
    return raw == "keras" or raw.startswith("keras.")


# What shows Keras >= 2.4 (where standalone ``keras`` is tf.keras) or Keras 3: TF 2 / Keras 3 APIs.
_KERAS_2_4_MARKERS = (
    "tf.function",
    "tf.GradientTape",
    "tf.config.",
    "tf.random.set_seed",
    "keras.ops.",
    "keras.random.",
)


def _keras_2_4_or_later(ctx) -> bool:
    return first_use(ctx, _KERAS_2_4_MARKERS) is not None


# Calls that exist or work only in TF1 graph mode.
_GRAPH_CALLS = ("disable_eager_execution", "disable_v2_behavior", "get_session", "keras.backend.gradients")


def _remove_statement(ctx, call):
    """Delete the statement that is just this call; ``pass`` if it is alone in its block."""
    import libcst as cst

    par = T.parents(ctx)
    expr = par.get(call.node)
    line = par.get(expr) if isinstance(expr, cst.Expr) else None
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    block = par.get(line)
    siblings = block.body if isinstance(block, (cst.IndentedBlock, cst.Module)) else None
    if siblings is None:
        return None
    if isinstance(block, cst.IndentedBlock) and len(siblings) == 1:
        start, end = T.span(ctx, call.node)
        return Fix("Remove the set_learning_phase() call", [Edit("pass", start, end)])
    start, end = T.span(ctx, line)
    lines = split_lines(ctx.unit.text)
    # the statement's own lines, with its trailing comment and newline
    if end.row < len(lines):
        return Fix("Remove the set_learning_phase() call", [Edit("", Pos(start.row, 1), Pos(end.row + 1, 1))])
    return Fix(
        "Remove the set_learning_phase() call", [Edit("", Pos(start.row, 1), Pos(end.row, len(lines[end.row - 1]) + 1))]
    )
