import re

from dropout_lint.finding import Edit, Fix
from dropout_lint.rule import Invalid, Rule
from dropout_lint.rules import _training as T

# The last word of a name that says "this is a model" (SPEC's list, plus a few common ones).
MODEL_WORDS = frozenset(
    {"model", "net", "network", "generator", "discriminator", "encoder", "decoder", "classifier",
     "critic", "actor", "student", "autoencoder"}
)
MODEL_SUFFIXES = ("model", "net", "network", "encoder", "decoder", "generator", "discriminator", "classifier")
# Frozen by design: never trained in this step.
FROZEN = ("teacher", "base", "backbone", "frozen", "pretrained", "target")
FROZEN_TOKENS = frozenset({"ema"})
# Never models, whatever they are bound to.
NOT_MODEL = ("loss", "metric", "optim", "accuracy", "tracker", "schedule", "callback", "tokenizer")

MODEL_FACTORY_PREFIXES = ("build_", "make_", "create_")
MODEL_FACTORIES = frozenset({"get_model", "load_model", "clone_model", "model_from_json", "model_from_config"})
# A tape that differentiates with respect to model weights (not an input image or a variable).
TRAINING_TEXT = re.compile(r"trainable_(variables|weights|vars|params)|\.minimize\(|\.(variables|weights)\b")


class MissingTrainingFlag(Rule):
    """A model called without `training=` while training.

    ## What it does
    Inside a `tf.GradientTape()` block (any alias of `tf`, or `GradientTape` imported directly)
    or in a `train_step`, finds calls of a model that pass no `training=` argument. A model is:

    - `self` in a Keras `Model` subclass;
    - a name or attribute bound to a model: `Sequential(...)`, `Model(...)`, a functional build,
      an instance of a `Model` subclass of the file, `load_model(...)`, or the result of a
      `build_*` / `make_*` / `create_*` factory;
    - a parameter or variable (or `self.` attribute) named `model`, `*_model`, `net`, `network`,
      `generator`, `discriminator`, `encoder`, `decoder`, `classifier`, `critic`, `actor`,
      `student` (and words ending in `model`/`net`/`encoder`..., e.g. `unet`, `autoencoder`).

    Names containing `teacher`, `base`, `backbone`, `frozen`, `pretrained`, `target` (and the
    word `ema`) are frozen by design and skipped, as are models set `.trainable = False` in the
    file. Losses, metrics, optimizers and plain functions are not models. A tape whose function
    never touches `trainable_variables` / `apply_gradients` / `minimize` (saliency maps, FGSM,
    Grad-CAM, gradients with respect to the input) is not a training tape. In a `train_step`
    that opens a tape, only the calls inside the tape are checked.

    A model the file shows to have no layer that reads the flag (only Dense / Conv / pooling /
    activation layers, tensor arithmetic, inline `Lambda` expressions without randomness) is not
    reported: passing `training=True` would change nothing. Which model a call sees follows the
    order of a script or notebook: the last binding before the call (or before the function
    using a global), and for a parameter, what its call sites pass; a function redefined in a
    later cell gets the calls written before that redefinition.

    ## Why is this bad?
    A Keras model called without `training=` outside `fit()` runs in inference mode: Dropout
    does nothing and BatchNormalization uses (and never updates) its moving statistics. The
    model trains without the regularisation you configured, and BN statistics stay at their
    initial values, so the trained model evaluates badly. No error, no warning.

    Measured by `python benchmarks/evidence.py` (digits, 3 seeds, 30 epochs): in a `GradientTape` loop calling
    `model(x)`, BatchNormalization's moving mean stays exactly 0 (0.81 with `training=True`)
    and dropout never runs; on digits the test accuracy ended close (97.6% vs 97.9%) with a
    larger train/test gap (2.4 vs 1.8 points): the model trained is not the one configured.

    ## Example
    ```python
    with tf.GradientTape() as tape:
        logits = model(x)
        loss = loss_fn(y, logits)
    ```

    ## Use instead
    ```python
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    ```

    ## Fix
    Adds `training=True` to the call.

    ## References
    - The Keras guide "Customizing what happens in fit()": `self(x, training=True)` in `train_step`.
    - The TensorFlow guide "Writing a training loop from scratch".

    ## Fix safety
    Unsafe. `training=True` turns dropout and BatchNorm's batch statistics on in that call: the
    intended training behaviour, but a change in what the step computes, and wrong for a model
    kept in inference mode on purpose (fine-tuning with frozen BatchNorm, as the Keras transfer
    learning guide does with `training=False`). Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL302"
    name = "missing-training-flag"
    severity = "warning"
    requires = ("GradientTape", "train_step")
    fixable = True
    fix_safety = "unsafe"

    valid = [
        "import tensorflow as tf\ndef step(model, x, y):\n    with tf.GradientTape() as tape:\n        loss = loss_fn(y, model(x, training=True))\n    grads = tape.gradient(loss, model.trainable_variables)\n",
        # distillation: the teacher is frozen by design
        "import tensorflow as tf\ndef step(teacher, student, x):\n    with tf.GradientTape() as tape:\n        t = teacher(x)\n        s = student(x, training=True)\n        loss = kl(t, s)\n    opt.apply_gradients(zip(tape.gradient(loss, student.trainable_variables), student.trainable_variables))\n",
        # losses, metrics and optimizers are not models
        "import tensorflow as tf\ndef step(model, x, y):\n    with tf.GradientTape() as tape:\n        p = model(x, training=True)\n        loss = loss_fn(y, p)\n        acc_metric(y, p)\n    optimizer.apply_gradients(zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables))\n",
        # a plain function named like a model
        "import tensorflow as tf\ndef model(x):\n    return x * w\ndef step(x):\n    with tf.GradientTape() as tape:\n        loss = model(x)\n    return tape.gradient(loss, [w])\n",
        # saliency: gradients with respect to the input, inference mode is right
        "import tensorflow as tf\ndef saliency(model, image):\n    with tf.GradientTape() as tape:\n        tape.watch(image)\n        pred = model(image)\n    return tape.gradient(pred, image)\n",
        # base models are frozen by design; so is anything set .trainable = False
        "import tensorflow as tf\nbase_model.trainable = False\ndef step(x):\n    with tf.GradientTape() as tape:\n        f = base_model(x)\n        d = discriminator(x)\n    opt.minimize(f, var_list=head.trainable_variables)\ndiscriminator.trainable = False\n",
        # keras 3 train_step with stateless_call, and a model call with an explicit flag
        "import keras\nclass M(keras.Model):\n    def train_step(self, data):\n        x, y = data\n        y_pred = self(x, training=True)\n        return self.compute_metrics(x, y, y_pred)\n",
        # a train_step with a tape: the generator call outside the tape is not differentiated
        "import tensorflow as tf\nclass GAN(tf.keras.Model):\n    def train_step(self, real):\n        fake = self.generator(noise)\n        with tf.GradientTape() as tape:\n            p = self.discriminator(fake, training=True)\n        self.d_opt.apply_gradients(zip(tape.gradient(p, self.discriminator.trainable_variables), self.discriminator.trainable_variables))\n",
        # **kwargs may carry the flag
        "import tensorflow as tf\ndef step(model, x, **kw):\n    with tf.GradientTape() as tape:\n        y = model(x, **kw)\n    tape.gradient(y, model.trainable_variables)\n",
        # the model's own name for the flag
        "import tensorflow as tf\ndef run_optimization(x, y):\n    with tf.GradientTape() as g:\n        pred = conv_net(x, is_training=True)\n    g.gradient(pred, conv_net.trainable_variables)\n",
        # a tf.Module "model" (followed through the call sites) has no training argument
        "import tensorflow as tf\nclass MLP(tf.Module):\n    def __call__(self, x):\n        return x @ self.w\n"
        "def train_step(model, x):\n    with tf.GradientTape() as tape:\n        y = model(x)\n    return tape.gradient(y, model.trainable_variables)\n"
        "mlp = MLP()\nfor x in ds:\n    train_step(mlp, x)\n",
        # style transfer: the tape optimises an image, not the model
        "import tensorflow as tf\ndef step(image):\n    with tf.GradientTape() as tape:\n        outputs = extractor(image)\n        loss = style_loss(outputs)\n    opt.apply_gradients([(tape.gradient(loss, image), image)])\n",
        # every layer of the model ignores the flag: passing it would change nothing
        "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(8, activation='relu'), tf.keras.layers.Dense(1)])\n"
        "def step(x):\n    with tf.GradientTape() as tape:\n        y = model(x)\n    return tape.gradient(y, model.trainable_variables)\n",
        # PyTorch code has no training flag
        "import torch\ndef train_step(model, x):\n    out = model.forward(x)\n",
    ]
    invalid = [
        Invalid("import tensorflow as tf\ndef step(model, x, y):\n    with tf.GradientTape() as tape:\n        logits = model(x)\n        loss = loss_fn(y, logits)\n    grads = tape.gradient(loss, model.trainable_variables)\n",
                line=4, fixed="import tensorflow as tf\ndef step(model, x, y):\n    with tf.GradientTape() as tape:\n        logits = model(x, training=True)\n        loss = loss_fn(y, logits)\n    grads = tape.gradient(loss, model.trainable_variables)\n"),
        # GAN: generator and discriminator in the tapes without the flag
        Invalid("import tensorflow as tf\n@tf.function\ndef train_step(images, noise):\n    with tf.GradientTape() as gen_tape, tf.GradientTape() as disc_tape:\n        fake = generator(noise)\n        real_out = discriminator(images)\n        fake_out = discriminator(fake)\n"
                "    g = gen_tape.gradient(gl, generator.trainable_variables)\n", count=3, line=5),
        # self in a Model subclass, GradientTape imported directly
        Invalid("from tensorflow import GradientTape\nfrom tensorflow import keras\nclass Net(keras.Model):\n    def train_step(self, data):\n        x, y = data\n        with GradientTape() as tape:\n            y_pred = self(x)\n            loss = self.compute_loss(y=y, y_pred=y_pred)\n        self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))\n",
                line=7, fixed="from tensorflow import GradientTape\nfrom tensorflow import keras\nclass Net(keras.Model):\n    def train_step(self, data):\n        x, y = data\n        with GradientTape() as tape:\n            y_pred = self(x, training=True)\n            loss = self.compute_loss(y=y, y_pred=y_pred)\n        self.optimizer.apply_gradients(zip(tape.gradient(loss, self.trainable_variables), self.trainable_variables))\n"),
        # a subclass of a subclass in the same module, through a tf_keras alias
        Invalid("import tf_keras as tfk\nclass Base(tfk.Model):\n    pass\nclass Child(Base):\n    def train_step(self, data):\n        x, y = data\n        y_pred = self(x)\n        return y_pred\n", line=7),
        # a name bound to a model (any name), and a factory result
        Invalid("import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(0.2), tf.keras.layers.Dense(1)])\nq = make_critic()\ndef step(x):\n    with tf.GradientTape() as tape:\n        a = m(x)\n        b = q(x)\n    tape.gradient(a + b, m.trainable_variables)\n", count=2, line=6),
        # attributes named like models
        Invalid("import tensorflow as tf\nclass Trainer:\n    def step(self, x):\n        with tf.GradientTape() as tape:\n            z = self.encoder(x)\n            r = self.decoder(z, training=True)\n        self.opt.minimize(r, self.encoder.trainable_variables)\n", line=5),
        # an instance of a local Model subclass
        Invalid("import keras\nimport tensorflow as tf\nclass Classifier(keras.Model):\n    pass\nclf = Classifier()\nwith tf.GradientTape() as tape:\n    out = clf(batch)\ngrads = tape.gradient(out, clf.trainable_variables)\n", line=7),
        # a train_step without a tape (keras 3, torch/jax backends)
        Invalid("import keras\nclass M(keras.Model):\n    def train_step(self, data):\n        x, y = data\n        y_pred = self(x)\n        return self.compute_loss(y=y, y_pred=y_pred)\n", line=5),
        # alias of tf, nested loop, trailing comma
        Invalid("import tensorflow as tensorflow_alias\ndef fit_loop(net, ds):\n    for x, y in ds:\n        with tensorflow_alias.GradientTape() as t:\n            out = net(\n                x,\n            )\n        t.gradient(out, net.trainable_variables)\n", line=5,
                fixed="import tensorflow as tensorflow_alias\ndef fit_loop(net, ds):\n    for x, y in ds:\n        with tensorflow_alias.GradientTape() as t:\n            out = net(\n                x, training=True,\n            )\n        t.gradient(out, net.trainable_variables)\n"),
    ]

    def check(self, ctx) -> None:
        for call in ctx.calls:
            if _passes_flag(call) or call.has_star_args() or len(call.positional) > 1:
                continue
            if not _training_context(ctx, call):
                continue
            if any(T.mentions_training(test) for test, _ in call.ifs):
                continue  # the code branches on the flag (e.g. on whether call() accepts it)
            what = _model_callee(ctx, call)
            if what is None:
                continue
            origins = _origins(ctx, call)
            if origins and all(kind == "not-keras" for kind, _ in origins):
                continue  # a tf.Module or plain object: no training argument to pass
            if origins and all(kind in ("mode-free", "not-keras") for kind, _ in origins):
                continue  # every layer of the model ignores the flag: passing it changes nothing
            ctx.report(
                call,
                f"{what} is called without `training=` while training: dropout and batch norm run in "
                f"inference mode; pass training=True",
                fix=_add_flag(ctx, call),
            )


def _is_tape(ctx, w) -> bool:
    return bool(w) and T.qualify(ctx, w).endswith("GradientTape")


def _training_context(ctx, call) -> bool:
    fn = call.scope.function()
    in_tape = any(_is_tape(ctx, w) for w in call.withs)
    if in_tape and fn is not None:
        if TRAINING_TEXT.search(T.function_text(ctx, fn)):
            return True
    elif in_tape and fn is None:
        if TRAINING_TEXT.search(ctx.unit.text):
            return True
    # a train_step (or a step function nested in one)
    for s in call.scope.chain():
        if s.kind == "function" and T.matches_any(s.name, ["train_step", "*_train_step", "train_step_*"]):
            text = T.function_text(ctx, s)
            if "GradientTape" in text:
                return False  # the tape decides which calls train
            return True
    return False


def _model_callee(ctx, call) -> str | None:
    import libcst as cst

    func = call.node.func
    text = call.func_text
    if not text:
        return None
    low = text.lower()
    if any(f in low for f in FROZEN) or any(t in FROZEN_TOKENS for t in T.tokens(text)):
        return None
    if any(n in low for n in NOT_MODEL):
        return None
    parts = text.split(".")
    if text == "self":
        fn, cls = T.method_of(call.scope)
        if cls is not None and (T.class_kind(ctx, cls) == "model" or _is_train_step_method(call.scope)):
            return "the model (`self`)"
        return None
    if parts[0] == "self" and len(parts) == 2:
        attr = parts[1]
        fn, cls = T.method_of(call.scope)
        if cls is not None and _is_method(ctx, cls, attr):
            return None
        if _frozen_in_file(ctx, attr):
            return None
        if _model_word(attr) or (cls is not None and _bound_to_model(ctx, cls.assigns.get(text, []), text)):
            return f"the model `{text}`"
        return None
    if isinstance(func, cst.Name):
        name = func.value
        if call.qname and call.kind:
            return None  # a library callable (tf.*, keras.*)
        if _is_plain_function(ctx, call.scope, name):
            return None
        if _frozen_in_file(ctx, name):
            return None
        for g in ctx.graphs:
            if g.name == name:
                return f"the model `{name}`"
        if _param_annotated_model(ctx, call.scope, name):
            return f"the model `{name}`"
        for s in call.scope.chain():
            if name in s.assigns and _bound_to_model(ctx, s.assigns[name], name):
                return f"the model `{name}`"
            if s.kind == "function" and (name in s.params or name in s.assigns):
                break
        if _model_word(name):
            return f"the model `{name}`"
        return None
    if isinstance(func, cst.Attribute) and len(parts) >= 2:
        # obj.model(x), self.agent.actor(x)
        attr = parts[-1]
        if _model_word(attr) and not _frozen_in_file(ctx, attr):
            return f"the model `{text}`"
    return None


def _model_word(name: str) -> bool:
    toks = T.tokens(name)
    if not toks:
        return False
    if any(any(n in t for n in NOT_MODEL) for t in toks):
        return False
    last = toks[-1]
    return last in MODEL_WORDS or last.endswith(MODEL_SUFFIXES)


def _is_train_step_method(scope) -> bool:
    return any(s.kind == "function" and s.name.endswith("train_step") for s in scope.chain())


def _is_method(ctx, cls, name: str) -> bool:
    return any(s.kind == "function" and s.parent is cls and s.name == name for s in ctx.facts.scopes)


def _is_plain_function(ctx, scope, name: str) -> bool:
    chain = scope.chain()
    for s in ctx.facts.scopes:
        if s.name == name and s.parent in chain:
            if s.kind == "function":
                return True
            if s.kind == "class":
                return True  # a class: constructing an object, not calling a model
    return False


def _frozen_in_file(ctx, name: str) -> bool:
    import re

    return re.search(rf"\b{re.escape(name)}\.trainable\s*=\s*False\b", ctx.unit.text) is not None


def _param_annotated_model(ctx, scope, name: str) -> bool:
    for s in scope.chain():
        if s.kind == "function" and name in s.params:
            ann = s.params[name].annotation
            if ann is None:
                return False
            from dropout_lint.analysis.names import dotted

            q = T.qualify(ctx, dotted(ann.annotation))
            return q.startswith("keras.") and q.rsplit(".", 1)[-1] in T.MODEL_CLASSES
    return False


def _bound_to_model(ctx, values, name: str) -> bool:
    import libcst as cst

    from dropout_lint.analysis.names import dotted, layer_kind

    for v in values:
        if not isinstance(v, cst.Call):
            continue
        d = dotted(v.func)
        if not d:
            continue
        last = d.rsplit(".", 1)[-1]
        q = T.qualify(ctx, d)
        if q.startswith(("keras.losses", "keras.metrics", "keras.optimizers")):
            return False
        kind = layer_kind(q)
        if kind in T.MODEL_CLASSES:
            return True
        if last.startswith(MODEL_FACTORY_PREFIXES) or last in MODEL_FACTORIES:
            low = last.lower()
            if any(n in low for n in NOT_MODEL) or "dataset" in low or "optimizer" in low:
                continue
            return True
        for cls in T.class_scopes(ctx).get(last, []):
            if T.class_kind(ctx, cls) == "model":
                return True
    return False


def _add_flag(ctx, call):
    args = list(call.node.args)
    if not args:
        return None
    last = args[-1]
    _, end = T.span(ctx, last.value)
    return Fix("Pass training=True", [Edit(", training=True", end, end)])


def _passes_flag(call) -> bool:
    """``training=`` or the model's own name for it (``is_training=``, ``train=``)."""
    return any(T._TRAINING_WORD.search(k) for k in call.keywords)


def _origins(ctx, call) -> list:
    """What the called object is, as far as this file tells: a list of (kind, what) with kind
    'keras' (a model that may use the flag), 'mode-free' (a Keras model whose every layer
    ignores the flag) or 'not-keras' (an instance of a local non-Keras class)."""
    import libcst as cst

    text = call.func_text
    parts = text.split(".")
    if text == "self":
        _, cls = T.method_of(call.scope)
        return [_class_origin(ctx, cls)] if cls is not None else []
    values: list = []
    graphs: list = []
    if parts[0] == "self" and len(parts) == 2:
        _, cls = T.method_of(call.scope)
        if cls is not None:
            for v in cls.assigns.get(text, []):
                init = next((s for s in ctx.facts.scopes if s.kind == "function" and s.parent is cls
                             and s.name == "__init__"), None)
                if isinstance(v, cst.Name) and init is not None and v.value in init.params:
                    followed = T.param_origins(ctx, init, v.value)
                    if not followed:
                        return []
                    values.extend(followed)
                else:
                    values.append(v)
        graphs = [g for g in ctx.graphs if g.name == text and g.kind in ("sequential", "functional")]
    elif len(parts) == 1:
        name = text
        graphs = [g for g in ctx.graphs if g.name == name and g.kind in ("sequential", "functional")]
        for s in call.scope.chain():
            if s.kind == "function" and name in s.params:
                values = T.param_origins(ctx, s, name) or []
                if not values:
                    return []
                graphs = []  # what the call sites pass, not every model bound to that name
                break
            if name in s.assigns:
                values = list(s.assigns[name])
                if s is call.scope:
                    values = T.reaching(ctx, values, call)
                    graphs = [g for g in graphs if any(g.call is not None and g.call.node is v for v in values)]
                elif s.kind == "module":
                    # A global used in a function: in a notebook or script the model bound last
                    # before the function is defined (all of them when none is).
                    top = next((f for f in reversed(call.scope.chain()) if f.kind == "function"), None)
                    if top is not None and top.start is not None:
                        values = T.reaching(ctx, values, top)
                        graphs = [g for g in graphs if any(g.call is not None and g.call.node is v for v in values)]
                break
    else:
        return []
    out = [("mode-free" if T.graph_mode_free(ctx, g) else "keras", g) for g in graphs]
    for v in values:
        if not isinstance(v, cst.Call):
            if isinstance(v, cst.Name):
                continue
            return []
        from dropout_lint.analysis.names import dotted

        d = dotted(v.func) or ""
        last = d.rsplit(".", 1)[-1]
        locals_ = T.class_scopes(ctx).get(last)
        if locals_:
            out.extend(_class_origin(ctx, c) for c in locals_)
            continue
        built = [g for g in ctx.graphs if g.kind in ("sequential", "functional") and g.scope is not None
                 and any(s.kind == "function" and s.name == last for s in g.scope.chain())]
        if built:
            out.extend(("mode-free" if T.graph_mode_free(ctx, g) else "keras", g) for g in built)
            continue
        graph = next((g for g in ctx.graphs if g.call is not None and g.call.node is v), None)
        if graph is not None:
            out.append(("mode-free" if T.graph_mode_free(ctx, graph) else "keras", graph))
            continue
        return []  # something we cannot see into
    return out


def _class_origin(ctx, cls):
    if T.class_kind(ctx, cls) is None:
        return ("keras" if T.has_foreign_base(ctx, cls) else "not-keras", cls)
    return ("mode-free" if T.class_mode_free(ctx, cls) else "keras", cls)
