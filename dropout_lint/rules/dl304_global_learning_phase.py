import re

from dropout_lint.finding import Edit, Fix, Pos
from dropout_lint.fixes import split_lines
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules import _training as T
from dropout_lint.rules._common import first_use


class GlobalLearningPhase(Rule):
    """`set_learning_phase(...)` shown to break: removed where the code runs, or a model then run in the wrong mode.

    ## What it does
    Finds calls of `keras.backend.set_learning_phase(...)` through any import path
    (`tf.keras.backend`, `keras.backend`, `tf_keras.backend`, `from keras import backend as K`,
    `from ...backend import set_learning_phase`) where the code shows one of two bugs:
    - the switch does not exist where the code runs: Keras 3 (and `tf.keras` from TensorFlow
      2.16) has no `set_learning_phase`, so the call raises `AttributeError`;
    - the switch puts a model of the file in the wrong mode: `set_learning_phase(1)` and then a
      prediction `y = model(x)` outside training, or `set_learning_phase(0)` and then the model
      trained in a `GradientTape`.

    ## Why is this bad?
    The learning phase is a process-wide switch. Every later layer call without `training=`
    follows it: after `set_learning_phase(1)` a prediction keeps dropping units and batch norm
    normalises with the batch's statistics; after `set_learning_phase(0)` a custom training loop
    trains with dropout off. It was deprecated in TensorFlow 2.4 and is gone from Keras 3, where
    the call is an error. Pass `training=` to the calls instead.

    ## Example
    ```python
    import tensorflow as tf
    tf.keras.backend.set_learning_phase(1)
    model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
    probs = model(x_test)               # dropout still drops here
    ```

    ## Use instead
    ```python
    probs = model(x_test, training=False)
    ```

    ## When it stays silent
    - **Not shown to break**: a switch whose effect the code does not show wrong -- the mode
      fits the work after it (`set_learning_phase(True)` before a training step's tape,
      `set_learning_phase(0)` before a prediction), it follows a flag or restores a saved phase
      (not a constant), the calls after it pass `training=` (as `fit`, `predict` and
      `evaluate` do), the model called is not shown to contain a layer that reads `training`
      (built in another module), the prediction draws several samples in a loop (Monte-Carlo
      dropout) or its result is dropped (a build call), and nothing shows Keras 3. Such a switch is
      only deprecated: the opt-in DL314 lists it.
    - **Runs where the switch is the API**: under an `if` on the TensorFlow / Keras version
      (`tf.__version__`, `TF2`, `executing_eagerly`); in a file that runs TF1 graph code (TF1-only
      APIs, a `tensorflow.contrib` module imported, `disable_eager_execution()`,
      `disable_v2_behavior()`, `get_session()`, Keras 2's graph-only `K.gradients` /
      `optimizer.get_gradients`, the call made through `tf.compat.v1`, a notebook whose output
      shows multi-backend Keras' "Using TensorFlow backend."), TF1 graph APIs called through
      `tf.compat.v1` (a Session, a global step, `variable_scope`); the standalone `keras`
      package's switch in a file that shows no Keras >= 2.4 (`tf.function`, `tf.GradientTape`,
      `tf.config`, `keras.ops`, `keras.random`) and whose project does not declare tensorflow
      2.4 or later; any switch in a project that declares TensorFlow 1 or Keras up to 2.3
      (`requirements*.txt`, `setup.py`, `setup.cfg`, `pyproject.toml`, `environment.yml`,
      `Pipfile` in its folder or above; the lowest version allowed decides).
    - **Removed, not shown**: Keras 3 is taken as shown only by the project's declarations
      (keras >= 3, or tensorflow >= 2.16, for `tf.keras` with no `tf-keras` beside it) or, for the standalone `keras`
      package, by a Keras-3-only call in the file (`keras.ops`, `keras.random`, `keras.config`);
      `tf_keras`'s switch still exists.
    - Only a call that resolves to Keras' `set_learning_phase` counts (a project's own function
      of that name does not); test code (see `test-code-ignore`), which sets the phase to exercise
      both modes.

    ## Fix
    Removes the call (its statement, or `pass` when it is the only statement of a block).

    ## References
    - TensorFlow 2.4 release notes: `tf.keras.backend.set_learning_phase` deprecated.
    - Keras 3 migration guide: the learning phase is gone; pass `training=`.

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
        # premise "shown to break": a switch set to the mode of the work after it (deprecated, but
        # no model runs in the wrong mode; the opt-in DL314 lists it)
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
        # fit() and predict() pass their own mode, which wins over the switch
        _ex("""
            from tensorflow.keras import backend as K
            K.set_learning_phase(1)
            model.fit(x, y)
            preds = model.predict(x_test)
        """),
        # the predicting model comes from another module: not shown to read the flag
        _ex("""
            import tensorflow as tf
            from project.models import build_model
            tf.keras.backend.set_learning_phase(1)
            model = build_model()
            probs = model(x_test)
        """),
        # Monte-Carlo dropout: the switch's deliberate use, several samples drawn
        _ex("""
            import tensorflow as tf
            tf.keras.backend.set_learning_phase(1)
            model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
            samples = [model(x_test) for _ in range(30)]
        """),
        # the phase saved before is restored: not a constant mode
        _ex("""
            import tensorflow as tf
            def evaluate(model, data):
                old = tf.keras.backend.learning_phase()
                tf.keras.backend.set_learning_phase(0)
                result = model.evaluate(data)
                tf.keras.backend.set_learning_phase(old)
                return result
        """),
        # nothing shows Keras 3, nothing follows: deprecated only
        "import tensorflow as tf\ntf.keras.backend.set_learning_phase(0)\n",
        "K.set_learning_phase(0)\n",
        # tf_keras (Keras 2 beside TF 2.16+) keeps the switch
        Valid(
            "import tf_keras\ntf_keras.backend.set_learning_phase(0)\n",
            options={"declared-versions": {"tensorflow": (2, 16), "tf-keras": (0, 0)}},
        ),
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
            K.set_learning_phase(1)
            model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
            probs = model(x_test)
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
            import keras
            import keras.backend as K
            from keras.layers.merge import add
            K.set_learning_phase(1)
            model = keras.Sequential([keras.layers.Dense(8), keras.layers.Dropout(0.5)])
            probs = model(x_test)
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
        # the prediction after the switch drops units
        Invalid(
            _ex("""
                import tensorflow as tf
                tf.keras.backend.set_learning_phase(1)
                model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
                probs = model(x_test)
            """),
            line=2,
            contains="on line 4 predicts outside training",
            fixed=_ex("""
                import tensorflow as tf
                model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.5)])
                probs = model(x_test)
            """),
        ),
        # inside a function, the model built there with batch norm
        Invalid(
            _ex("""
                from tensorflow import keras
                def report(x):
                    keras.backend.set_learning_phase(True)
                    inp = keras.Input((4,))
                    net = keras.Model(inp, keras.layers.BatchNormalization()(keras.layers.Dense(4)(inp)))
                    return net(x)
            """),
            line=3,
        ),
        # a custom loop trained after the switch set inference mode
        Invalid(
            _ex("""
                import tensorflow as tf
                from tensorflow.keras import backend as K
                model = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dropout(0.3), tf.keras.layers.Dense(1)])
                K.set_learning_phase(0)
                with tf.GradientTape() as tape:
                    loss = tf.reduce_mean(model(x))
                grads = tape.gradient(loss, model.trainable_variables)
                opt.apply_gradients(zip(grads, model.trainable_variables))
            """),
            line=4,
            contains="is trained on line 6",
        ),
        # a subclassed model with dropout, called for its predictions after the switch
        Invalid(
            _ex("""
                import tensorflow as tf
                from tensorflow.keras.backend import set_learning_phase
                class Net(tf.keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.d = tf.keras.layers.Dense(4)
                        self.drop = tf.keras.layers.Dropout(0.2)
                    def call(self, x, training=None):
                        return self.drop(self.d(x), training=training)
                def predict_all(x):
                    set_learning_phase(1)
                    net = Net()
                    return net(x)
            """),
            line=11,
            contains="`net(...)` on line 13",
        ),
        # standalone keras in a file that shows Keras 3 (keras.ops): the call raises
        Invalid(
            _ex("""
                import keras
                keras.backend.set_learning_phase(1)  # train mode
                x = keras.ops.ones(3)
            """),
            line=2,
            contains="raises AttributeError",
            fixed="import keras\nx = keras.ops.ones(3)\n",
        ),
        # the project declares TensorFlow 2.16, whose tf.keras is Keras 3
        Invalid(
            "import tensorflow as tf\ntf.keras.backend.set_learning_phase(0)\n",
            line=2,
            contains="declares tensorflow 2.16",
            options={"declared-versions": {"tensorflow": (2, 16)}},
            fixed="import tensorflow as tf\n",
        ),
        Invalid(
            _ex("""
                import keras
                def setup():
                    keras.backend.set_learning_phase(1)
            """),
            line=3,
            options={"declared-versions": {"keras": (3, 0)}},
            fixed=_ex("""
                import keras
                def setup():
                    pass
            """),
        ),
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
            options={"declared-versions": {"tensorflow": (2, 17)}},
            fixed=_ex("""
                from tensorflow.python.keras import backend
                if TRAIN:
                    pass
                else:
                    backend.set_learning_phase(0)
            """),
        ),
    ]

    def check(self, ctx) -> None:
        for call, shown in assess(ctx):
            if shown is not None:
                ctx.report(call, shown, fix=_remove_statement(ctx, call))


def assess(ctx):
    """Every call of Keras' ``set_learning_phase`` where it is not the supported API (TF1 graph
    code, multi-backend Keras <= 2.3), with the bug the analysis shows in it: a message, or None
    when it shows none (the call is then only deprecated: DL314's, opt-in)."""
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
        shown_new = (
            _keras_2_4_or_later(ctx)
            or (tf_v is not None and tuple(tf_v) >= (2, 4))
            or (keras_v is not None and tuple(keras_v) >= (2, 4))
        )
        if _standalone_keras(ctx, call) and not shown_new:
            continue  # multi-backend Keras (<= 2.3: the supported API) as far as the file shows
        yield call, _removed(ctx, call, declared) or _wrong_mode(ctx, call)


# Calls only Keras 3 has (standalone ``keras``): a file using them runs where the switch is gone.
_KERAS_3_MARKERS = ("keras.ops.", "keras.random.", "keras.config.")


def _removed(ctx, call, declared) -> str | None:
    """The switch does not exist where the code runs, so the call raises ``AttributeError``:
    Keras 3 (``keras.backend`` and, from TensorFlow 2.16, ``tf.keras.backend`` have no
    ``set_learning_phase``). Shown by the project's declarations (keras >= 3, or tensorflow >=
    2.16 without tf-keras) or, for the standalone ``keras`` package, by a Keras-3-only call in
    the file. ``tf_keras`` (Keras 2, kept for TF 2.16+) still has it."""
    raw = _import_of(ctx, call)
    if raw.startswith("tf_keras"):
        return None
    standalone = raw == "keras" or raw.startswith("keras.")
    tf_v, keras_v = declared.get("tensorflow"), declared.get("keras")
    why = None
    if standalone and keras_v is not None and tuple(keras_v) >= (3, 0):
        why = f"the project declares keras {keras_v[0]}.{keras_v[1]}"
    elif tf_v is not None and tuple(tf_v) >= (2, 16) and (standalone or "tf-keras" not in declared):
        # TF 2.16 needs Keras 3; only ``tf.keras`` may be tf-keras (TF_USE_LEGACY_KERAS)
        why = f"the project declares tensorflow {tf_v[0]}.{tf_v[1]} (its Keras is Keras 3)"
    elif standalone:
        marker = first_use(ctx, _KERAS_3_MARKERS)
        if marker is not None:
            why = f"this file uses Keras 3 (`{marker}`)"
    if why is None:
        return None
    return (
        f"`set_learning_phase()` does not exist in Keras 3 and {why}: this call raises AttributeError; "
        "remove it and pass `training=` to the model calls"
    )


def _wrong_mode(ctx, call) -> str | None:
    """The switch is set to one mode and the function (or script) then runs a model of the file
    in the other one: ``set_learning_phase(1)`` and later a prediction ``y = model(x)`` outside a
    training step (dropout drops, batch norm uses batch statistics), or ``set_learning_phase(0)``
    and later the model trained in a ``GradientTape`` (dropout never drops). Shown only for a
    call without ``training=`` (an explicit mode wins over the switch, so ``fit`` / ``predict``,
    which pass theirs, are not affected) of a model the analysis shows contains a layer that
    reads the flag, between the switch and the next switch of the same scope; a prediction in a
    loop that draws several samples is Monte-Carlo dropout, the switch's deliberate use, and a
    call whose result is dropped only builds the model."""
    import libcst as cst

    from dropout_lint.rules import _flag_readers as R
    from dropout_lint.rules.dl302_missing_training_flag import _optimised, _passes_flag, _training_context

    mode = _literal_mode(ctx, call)
    if mode is None:
        return None
    par = T.parents(ctx)
    here = (call.start.row, call.start.column)
    later = sorted(
        (c for c in ctx.calls if c.scope is call.scope and (c.start.row, c.start.column) > here),
        key=lambda c: (c.start.row, c.start.column),
    )
    for c in later:
        if (c.qname or "").endswith("set_learning_phase"):
            return None  # switched again: what follows is that switch's
        if _passes_flag(c) or c.has_star_args() or len(c.positional) != 1 or c.keywords:
            continue
        answers = R.callee_answers(ctx, c)
        if not answers or any(a != R.YES for a, _ in answers):
            continue  # not shown to be a model that reads the flag
        if any(R.default_trains(ctx, o) for _, o in answers):
            continue
        training = _training_context(ctx, c)
        if mode and not training:
            if isinstance(par.get(c.node), cst.Expr) or T.in_sampling_loop(c):
                continue  # a build call, or Monte-Carlo sampling
            return (
                f"`set_learning_phase(1)` puts every later call without `training=` in training mode, and "
                f"`{c.func_text}(...)` on line {c.start.row} predicts outside training: its dropout drops and "
                "batch norm uses batch statistics; remove the switch and pass `training=` to the calls"
            )
        if not mode and training and _optimised(ctx, c):
            return (
                f"`set_learning_phase(0)` puts every later call without `training=` in inference mode, and "
                f"`{c.func_text}` is trained on line {c.start.row}: its dropout never drops and batch norm "
                "uses its moving statistics; remove the switch and pass `training=True` there"
            )
    return None


def _literal_mode(ctx, call) -> bool | None:
    """The one mode the switch sets when it resolves to constants (``1``, ``False``, a module
    constant), else None (a flag, a saved phase restored)."""
    expr = call.arg("value", 0)
    if expr is None:
        return None
    values = ctx.resolve(expr, call.scope)
    if not values:
        return None
    try:
        modes = {bool(r.value) for r in values}
    except Exception:  # noqa: BLE001 - a value with no truth
        return None
    return modes.pop() if len(modes) == 1 else None


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


def _import_of(ctx, call) -> str:
    """The module path the switch's name was imported from, as written (``keras.backend``,
    ``tensorflow.keras.backend``, ``tf_keras``), or ""."""
    from dropout_lint.analysis.names import _imported_in

    head = call.func_text.split(".", 1)[0]
    return _imported_in(call.scope, head) or ctx.facts.names.aliases.get(head) or ""


def _standalone_keras(ctx, call) -> bool:
    """The switch is the standalone ``keras`` package's (``import keras.backend as K``), not
    ``tf.keras``'s: from the import as written."""
    raw = _import_of(ctx, call)
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
