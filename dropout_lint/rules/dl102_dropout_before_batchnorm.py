from dropout_lint.kinds import BATCHNORM_INFERENCE_BY_DEFAULT, is_batchnorm, is_dropout, is_passthrough
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules._model_uses import only_trained
from dropout_lint.rules._common import (
    branch_not_taken,
    chosen_by_loop_data,
    feeds,
    is_literal_true,
    knob_off,
    node_rate,
    not_in_last_iteration,
    switched_apart,
)


# A GAN whose discriminator the file only trains (the premise "the model runs at inference").
_GAN = """
            from keras.layers import Input, Dense, Dropout, BatchNormalization
            from keras.models import Sequential, Model
            class GAN:
                def __init__(self):
                    self.discriminator = self.build_discriminator()
                    self.discriminator.compile(loss="binary_crossentropy", optimizer="adam")
                    self.generator = Sequential([Dense(784, activation="tanh")])
                    z = Input((100,))
                    self.discriminator.trainable = False
                    validity = self.discriminator(self.generator(z))
                    self.combined = Model(z, validity)
                    self.combined.compile(loss="binary_crossentropy", optimizer="adam")
                def build_discriminator(self):
                    img = Input((784,))
                    h = Dropout(0.25)(Dense(256)(img))
                    h = BatchNormalization()(h)
                    return Model(img, Dense(1, activation="sigmoid")(h))
                def train(self, x, y, z):
                    self.discriminator.train_on_batch(x, y)
                    self.combined.train_on_batch(z, y)
                    return self.generator.predict(z)
"""


class DropoutBeforeBatchNorm(Rule):
    """A Dropout whose output feeds a BatchNormalization.

    ## What it does
    Finds a Dropout-family layer (or op) whose output reaches a BatchNormalization directly or
    through layers that only reshape or apply an activation (Activation, ReLU, LeakyReLU,
    Reshape, Permute, and their op forms). BatchNormalization followed by Dropout is the
    recommended order and is not flagged.

    ## Why is this bad?
    In training, BN normalises with the variance of the dropped-out activations; at inference
    dropout is off, the variance changes, and BN's moving statistics no longer match: the
    "variance shift" of Li et al. (CVPR 2019), which costs accuracy.

    Measured by `python benchmarks/evidence.py` (digits, 3 seeds, 30 epochs): with Dropout(0.5) -> BN, the variance
    of BN's input at inference is 0.435 of what BN learned to normalise in training (1.000 with
    BN -> Dropout). On that small MLP the test accuracy was the same (97.5% both); Li et al. report
    the accuracy it costs in deeper networks.

    ## Example
    ```python
    model = keras.Sequential([
        layers.Dense(64), layers.Dropout(0.5), layers.BatchNormalization(), layers.Dense(10),
    ])
    ```

    ## Use instead
    ```python
    model = keras.Sequential([
        layers.Dense(64), layers.BatchNormalization(), layers.Dropout(0.5), layers.Dense(10),
    ])
    ```

    ## When it stays silent
    - **The project runs its models in training mode somewhere**: not in a project (the file's
      package, or its folder of scripts) that trains only in custom steps (`GradientTape` with
      `apply_gradients` / `minimize`) and never asks for training mode in any file: no `fit`,
      `train_on_batch`, `training=` other than False / None, learning phase or Estimator. There
      every model runs in inference mode, in its training steps too, so the Dropout never drops
      (DL302 reports the calls it can show; DL312 suspects the others). A library with no training
      step of its own keeps the finding: its users train the models.
    - A Dropout applied with `training=True` (always on, Monte-Carlo dropout): it does not turn off
      at inference, so BatchNormalization sees the same variance in both modes.
    - A Dropout at rate 0 (DL203 reports it), one built under an `if` that every call site in the
      file makes false, one whose value reaches the BatchNormalization only through layers that
      change it (Dense, Conv...), and BatchNormalization followed by Dropout (the recommended
      order).
    - **The Dropout feeds the BatchNormalization on the paths the code takes**: not only where an
      undecided `if` / `elif` skips the layer between them (`if dim == "2D": x = Conv1D(...)(x)
      elif dim == "3D": x = Conv2D(...)(x)` between the two: on every named path a convolution
      sits there); and not when each is switched on by its own undecided setting (`if
      self.use_dropout:` ... `if self.use_batch:`), a combination the code does not show. A
      BatchNormalization always built after a Dropout under a setting is reported: whenever the
      Dropout exists, it feeds the BatchNormalization.
    - A Dropout only a knob nobody in the file turns on builds: it is built only under an `if`
      on a parameter whose default turns it off (`if dropout_rate:` with `dropout_rate=0.0`), or
      takes its rate from such a default, and no call site in the file (up every function that
      passes the knob on) sets it. The code does not show the layer at work. A test of `training`,
      and the parameters of `call()`, are set by Keras: their defaults decide nothing. The same
      for the BatchNormalization: built only under such a knob (`if batch_norm:` with
      `batch_norm=False`, no caller in the file setting it), it is not shown to exist.
    - **The pair is in a model**: not two layers applied before the tensor a functional model is
      built from (`Model(x, out)` with `x` computed from the BatchNormalization): Keras keeps only
      the layers between a model's inputs and its outputs.
    - **The model runs at inference**: not a model the code only trains, such as a GAN's
      discriminator kept on the instance (`self.discriminator = self.build_discriminator()`)
      whose every use in the file is `compile` / `train_on_batch` / `fit` / `.trainable = ...` or
      an application inside a combined model (`self.combined = Model(z, self.discriminator(img))`)
      that is itself only trained: the inference-time shift never reaches a result. A
      `predict`, `evaluate`, `save`, a use from outside the instance or a hand-off to a function
      keeps the finding.
    - A BatchNormalization that never runs in training mode: applied with `training=False` (a
      frozen BN), or TF1's `tf.layers.batch_normalization(x)` without `training=` (it defaults
      to inference mode): it takes no batch statistics from the dropout. (It never learns its
      moving statistics either: a bug of its own.)
    - A BatchNormalization applied in an arm of an `if` that tests a loop's variable
      (`for c in sequence: if c == "n": x = BatchNormalization()(x) elif c == "d": x = Dropout(r)(x)`),
      when the Dropout was not applied in that same arm: which comes first depends on the order of
      what the loop runs over.
    - **The BatchNormalization is a layer of the model**: a Dropout of a model whose outputs are
      known (`Model(inp, out)`, a `Sequential`) feeding a BatchNormalization whose value no output
      depends on (a dangling `encoder = BatchNormalization()(encoder)` after the decoder went on
      from `encoder`): that BN is in no model, and its statistics reach no prediction.
    - Test code (see `test-code-ignore`).

    ## Fix
    None automatic: move the Dropout after the BatchNormalization.

    ## References
    - Li, Chen, Hu, Yang, "Understanding the Disharmony between Dropout and Batch Normalization by Variance Shift", CVPR 2019.
    """

    code = "DL102"
    name = "dropout-before-batchnorm"
    severity = "warning"
    requires = ("ropout",)

    valid = [
        # premise "the project runs its models in training mode": its only training is a
        # custom step that never asks for it (another file), so the Dropout never drops
        Valid(
            _ex("""
                from keras import layers, Sequential
                def actor():
                    return Sequential([layers.Dense(8), layers.Dropout(0.3), layers.BatchNormalization(), layers.Dense(1)])
            """),
            options={"training-mode-never": ["buffer.py"]},
        ),
        # premise "a layer of the model": the BN is applied to a tensor no output of the model uses
        _ex("""
            from tensorflow import keras
            from tensorflow.keras import layers
            inp = keras.Input((8,))
            encoder = layers.Dropout(0.2)(layers.Dense(64)(inp))
            decoder = layers.Dense(32)(encoder)
            encoder = layers.BatchNormalization()(encoder)
            model = keras.Model(inp, layers.Dense(8)(decoder))
            model.predict(x)
        """),
        # premise "on the paths the code takes": a convolution sits between them on every named
        # path; they meet only where the elif chain matches nothing
        _ex("""
            from keras import layers
            def block(x, dim, drop):
                x = layers.Dropout(drop)(layers.Activation("relu")(x))
                if dim == "2D":
                    x = layers.Conv1D(8, 3)(x)
                elif dim == "3D":
                    x = layers.Conv2D(8, 3)(x)
                return layers.BatchNormalization()(x)
        """),
        # premise "on the paths the code takes": each switched on by its own setting
        _ex("""
            from keras import layers
            class Block:
                def __call__(self, x):
                    if self.use_dropout:
                        x = layers.Dropout(self.rate)(x)
                    if self.use_batch:
                        x = layers.BatchNormalization()(x)
                    return layers.Dense(4)(x)
        """),
        # premise "the dropout drops": a DenseNet-style knob, off by default, that no caller sets
        _ex("""
            from keras import layers
            def conv_block(x, filters, dropout_rate=0.0):
                x = layers.Conv2D(filters, 3)(x)
                if dropout_rate:
                    x = layers.Dropout(dropout_rate)(x)
                return layers.BatchNormalization()(x)
            def dense_block(x, n, dropout_rate=0.0):
                for _ in range(n):
                    x = conv_block(x, 32, dropout_rate=dropout_rate)
                return x
        """),
        # premise "the pair is in a model": the model is built from a tensor made after both
        _ex("""
            from tensorflow.keras import layers, models
            def critic():
                image = layers.Input(shape=(28, 28, 1))
                x = layers.Conv2D(16, 3)(image)
                x = layers.Dropout(0.25)(x)
                x = layers.BatchNormalization()(x)
                x = layers.Flatten()(x)
                return models.Model(x, layers.Dense(1)(x))
        """),
        # the BatchNormalization is the knob: off by default, and no caller in the file sets it
        _ex("""
            from keras import layers
            def tower(x, widths=(64, 32), rates=(0.3, 0.3), batch_norm=False):
                for width, rate in zip(widths, rates):
                    if batch_norm:
                        x = layers.BatchNormalization()(x)
                    x = layers.Dense(width, activation="relu")(x)
                    x = layers.Dropout(rate)(x)
                return x
        """),
        # the knob kept on the instance by the constructor, and no caller in the file sets it
        _ex("""
            from keras import layers
            class Block:
                def __init__(self, width, dropout=0.0):
                    self.width = width
                    self.dropout = dropout
                def __call__(self, x):
                    x = layers.Conv2D(self.width, 3)(x)
                    x = layers.Dropout(self.dropout)(x)
                    return layers.BatchNormalization()(x)
            def build(x, dropout=0.0):
                return Block(16, dropout=dropout)(x)
        """),
        # premise "the Dropout's value reaches the BN": the last pass of the loop skips the Dropout
        _ex("""
            from keras import layers
            def tower(x):
                for i in [1, 2, 3]:
                    x = layers.Dense(32)(x)
                    x = layers.Dropout(0.5)(x) if i < 3 else x
                return layers.BatchNormalization()(x)
        """),
        # premise "the model runs at inference": a GAN discriminator the file only trains
        _ex(_GAN),
        # the rate itself is the knob's default 0
        _ex("""
            from keras import layers
            def head(x, rate=0.0):
                x = layers.Dense(8)(x)
                x = layers.Dropout(rate)(x)
                return layers.BatchNormalization()(x)
        """),
        # premise "BN computes batch statistics": TF1's batch_normalization defaults to inference
        _ex("""
            import tensorflow as tf
            h = tf.nn.dropout(tf.layers.dense(x, 64), keep_prob)
            h = tf.layers.batch_normalization(h)
        """),
        # a frozen BN applied in inference mode
        _ex("""
            from keras import layers
            inp = layers.Input((4,))
            x = layers.Dropout(0.2)(inp)
            x = layers.BatchNormalization()(x, training=False)
        """),
        # premise "dropout turns off at inference": Monte-Carlo dropout, always on
        _ex("""
            from keras import layers
            def block(x, rate):
                x = layers.Dropout(rate)(x, training=True)
                return layers.BatchNormalization()(x)
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.BatchNormalization(), layers.Dropout(0.3), layers.Dense(1)])\n",
        _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential()
            m.add(tf.keras.layers.Conv2D(8, 3))
            m.add(tf.keras.layers.BatchNormalization())
            m.add(tf.keras.layers.Activation('relu'))
            m.add(tf.keras.layers.Dropout(0.25))
        """),
        _ex("""
            from tensorflow.keras import layers
            inp = layers.Input((4,))
            x = layers.Dropout(0.2)(inp)
            x = layers.Dense(4)(x)
            x = layers.BatchNormalization()(x)
        """),
        _ex("""
            import keras
            i = keras.Input((4,))
            x = keras.layers.BatchNormalization()(i)
            x = keras.layers.Dropout(0.5)(x)
            m = keras.Model(i, keras.layers.Dense(1)(x))
        """),
        "from torch import nn\nnet = nn.Sequential(nn.Dropout(0.5), nn.BatchNorm1d(4))\n",
        "model = Sequential([Dropout(0.2), Dense(16), BatchNormalization()])\n",
        _ex("""
            import keras
            d = keras.layers.Dropout(0.5)
            bn = keras.layers.BatchNormalization()
            i = keras.Input((3,))
            x = bn(i)
            y = d(x)
        """),
        _ex("""
            from keras import layers
            def block(x):
                x = layers.Dropout(0.1)(x)
                x = layers.Conv2D(8, 3)(x)
                return layers.BatchNormalization()(x)
        """),
        # a zero-rate Dropout does nothing to the statistics (DL203 reports it)
        _ex("""
            from keras import layers
            def f(x):
                x = layers.Dropout(0.0)(x)
                return layers.BatchNormalization()(x)
        """),
        # the order of ``steps`` decides whether the norm follows the dropout
        _ex("""
            from keras import layers
            def process(x, steps):
                x = layers.Dropout(0.1)(x)
                for step in steps:
                    if step == "n":
                        x = layers.BatchNormalization()(x)
                    elif step == "a":
                        x = layers.Activation("relu")(x)
                return x
        """),
    ]
    invalid = [
        # the same dangling-looking BN, but the model's output goes through it
        Invalid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inp = keras.Input((8,))
                encoder = layers.Dropout(0.2)(layers.Dense(64)(inp))
                decoder = layers.Dense(32)(encoder)
                encoder = layers.BatchNormalization()(encoder)
                model = keras.Model(inp, layers.Concatenate()([decoder, encoder]))
                model.predict(x)
            """),
            line=4,
        ),
        # a BatchNormalization always built after a Dropout that a setting switches on
        Invalid(
            _ex("""
                from keras import layers
                class Block:
                    def __call__(self, x):
                        if self.use_dropout:
                            x = layers.Dropout(self.rate)(x)
                        x = layers.BatchNormalization()(x)
                        return layers.Dense(4)(x)
            """),
            line=5,
        ),
        # a caller in the file turns the knob on
        Invalid(
            _ex("""
                from keras import layers
                def conv_block(x, filters, dropout_rate=0.0):
                    x = layers.Conv2D(filters, 3)(x)
                    if dropout_rate:
                        x = layers.Dropout(dropout_rate)(x)
                    return layers.BatchNormalization()(x)
                def model(x):
                    return conv_block(x, 32, dropout_rate=0.2)
            """),
            line=5,
        ),
        # a caller in the file turns the BatchNormalization knob on
        Invalid(
            _ex("""
                from keras import layers
                def tower(x, widths=(64, 32), batch_norm=False):
                    for width in widths:
                        if batch_norm:
                            x = layers.BatchNormalization()(x)
                        x = layers.Dense(width, activation="relu")(x)
                        x = layers.Dropout(0.3)(x)
                    return x
                def build(x):
                    return tower(x, batch_norm=True)
            """),
            line=7,
        ),
        # a caller in the file sets the knob the constructor keeps
        Invalid(
            _ex("""
                from keras import layers
                class Block:
                    def __init__(self, width, dropout=0.0):
                        self.dropout = dropout
                    def __call__(self, x):
                        x = layers.Dropout(self.dropout)(layers.Conv2D(8, 3)(x))
                        return layers.BatchNormalization()(x)
                def build(x):
                    return Block(16, dropout=0.3)(x)
            """),
            line=6,
        ),
        # every pass of the loop but the last drops, and the BN is inside the loop
        Invalid(
            _ex("""
                from keras import layers
                def tower(x):
                    for i in [1, 2, 3]:
                        x = layers.Dense(32)(x)
                        x = layers.Dropout(0.5)(x) if i < 3 else x
                        x = layers.BatchNormalization()(x)
                    return x
            """),
            line=5,
        ),
        # the same discriminator, but the code also predicts with it
        Invalid(_ex(_GAN.replace("return self.generator.predict(z)", "return self.discriminator.predict(x)")), line=15),
        # ``training`` is Keras' to set, not a knob: its default decides nothing
        Invalid(
            _ex("""
                from keras import layers
                def block(x, training=False):
                    x = layers.Conv2D(8, 3)(x)
                    if training:
                        x = layers.Dropout(0.3)(x)
                    return layers.BatchNormalization()(x)
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                h = tf.nn.dropout(tf.layers.dense(x, 64), keep_prob)
                h = tf.layers.batch_normalization(h, training=is_training)
            """),
            line=2,
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.3), layers.BatchNormalization(), layers.Dense(1)])\n",
            line=2,
            contains="BatchNormalization",
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Dense(8))
                m.add(tf.keras.layers.Dropout(0.25))
                m.add(tf.keras.layers.Activation('relu'))
                m.add(tf.keras.layers.BatchNormalization())
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                from tensorflow.keras import layers
                inp = layers.Input((4,))
                x = layers.Dropout(0.2)(inp)
                x = layers.BatchNormalization()(x)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                import keras as K2
                i = K2.Input((4, 4))
                x = K2.layers.SpatialDropout1D(0.5)(i)
                x = K2.layers.Reshape((16,))(x)
                x = K2.layers.BatchNormalization()(x)
            """),
            line=3,
        ),
        Invalid("model = Sequential([Dense(16), Dropout(0.2), BatchNormalization()])\n", line=1),
        Invalid(
            _ex("""
                import keras
                d = keras.layers.Dropout(0.5)
                bn = keras.layers.BatchNormalization()
                i = keras.Input((3,))
                x = d(i)
                y = bn(x)
            """),
            line=2,
        ),
        Invalid(
            _ex("""
                from keras import layers
                def block(x):
                    x = layers.Dropout(0.1)(x)
                    x = layers.LeakyReLU()(x)
                    return layers.BatchNormalization()(x)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                from tensorflow.keras.layers import Dropout, BatchNormalization, Dense
                from tensorflow.keras import Sequential
                stack = [Dense(4), Dropout(0.4)]
                stack += [BatchNormalization()]
                m = Sequential(stack)
            """),
            line=3,
        ),
    ]

    def check(self, ctx) -> None:
        if ctx.option("training-mode-never"):
            return  # the project trains only in steps that never ask for training mode
        for n in ctx.nodes:
            if not is_dropout(n.kind):
                continue
            bn = _reaches_batchnorm(n)
            if bn is None:
                continue
            if node_rate(ctx, n) == 0:
                continue  # a rate-0 Dropout changes nothing (DL203 says remove it)
            if branch_not_taken(ctx, n):
                continue  # built only under a test the code never passes
            if knob_off(ctx, n):
                continue  # only a knob nobody in the file turns on builds it (or gives it a rate)
            if branch_not_taken(ctx, bn, defaults=True):
                continue  # ``if batch_norm: x = BatchNormalization()(x)``, the knob off wherever it is read
            if not_in_last_iteration(ctx, n) and not _in_loop_of(bn, n):
                continue  # ``x = Dropout(r)(x) if i < 3 else x`` in ``for i in [1, 2, 3]``, BN after the loop
            if any(o is not n and not is_passthrough(o.kind) and feeds(n, o) for o in bn.inputs):
                continue  # ``if dim == 2: x = conv(x)`` between them: they meet only where the ``if`` skips
            if switched_apart(ctx, n, bn):
                continue  # each is switched on by its own setting: they meet only if both are on
            if chosen_by_loop_data(bn, n):
                continue  # ``for c in seq: if c == "n": x = norm(x)``: the order of ``seq`` decides
            if (
                n.call is not None
                and "training" in n.call.keywords
                and is_literal_true(n.call.keywords["training"].value)
            ):
                continue  # always on (Monte-Carlo dropout): BN sees the same variance at inference
            if only_trained(ctx, n):
                continue  # a GAN's discriminator: trained, never run for results (no inference)
            if _never_training(bn):
                continue  # a BN that never runs in training mode takes no statistics from the dropout
            if _outside_the_model(ctx, n, bn):
                continue  # the Dropout is in a model whose outputs do not depend on the BN
            if _before_the_model(ctx, n, bn):
                continue  # ``Model(x, out)`` with ``x`` made after the pair: neither is in it
            where = f" (line {bn.start.row})" if bn.start is not None else ""
            ctx.report(
                n,
                f"{n.kind} feeds {bn.kind}{where}: BN's statistics shift "
                f"when dropout turns off at inference; put the Dropout after the BatchNormalization",
                data={"batchnorm_line": bn.start.row if bn.start else None},
                once=True,
            )


def _outside_the_model(ctx, dropout, bn) -> bool:
    """The Dropout is a layer of a model whose outputs are known (``Model(inp, out)``, a
    ``Sequential``), and the BatchNormalization it feeds is a layer of none: its value is a
    dangling tensor no output depends on (``encoder = BatchNormalization()(encoder)`` after the
    decoder went on from ``encoder``). Such a BN is not in the model; its statistics never reach
    a prediction."""
    held = [g for g in ctx.graphs if not g.superseded and g.outputs and any(m is dropout for m in g.nodes)]
    if not held:
        return False
    return not any(m is bn for g in ctx.graphs if not g.superseded for m in g.nodes)


def _before_the_model(ctx, dropout, bn) -> bool:
    """Neither layer is in any model, and a model's input tensor is computed from the
    BatchNormalization (``x = BatchNormalization()(Dropout(r)(x))`` ... ``Model(x, out)``): the
    model starts after them, so the pair is not part of it (Keras keeps only the layers between
    a functional model's inputs and outputs)."""
    graphs = [g for g in ctx.graphs if not g.superseded]
    if any(m is dropout or m is bn for g in graphs for m in g.nodes):
        return False
    starts = [i for g in graphs if g.kind == "functional" for i in g.inputs]
    return any(i is bn or feeds(bn, i) for i in starts)


def _never_training(bn) -> bool:
    """The BatchNormalization is applied with ``training=False``, or is TF1's and applied without
    ``training=`` (``tf.layers.batch_normalization(x)``): it never computes batch statistics."""
    import libcst as cst

    kws = bn.call.keywords if bn.call is not None else {}
    if "training" in kws:
        v = kws["training"].value
        return isinstance(v, cst.Name) and v.value == "False"
    return bn.kind in BATCHNORM_INFERENCE_BY_DEFAULT and bn.call is not None


def _in_loop_of(bn, dropout) -> bool:
    """The BatchNormalization is applied inside a loop the Dropout is applied in."""
    d = dropout.spec.call if dropout.spec is not None else dropout.call
    b = bn.spec.call if bn.spec is not None else bn.call
    return d is not None and b is not None and any(loop in b.loops for loop in d.loops)


def _reaches_batchnorm(node):
    stack = list(node.outputs)
    seen = set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if is_batchnorm(n.kind):
            return n
        if is_passthrough(n.kind):
            stack.extend(n.outputs)
    return None
