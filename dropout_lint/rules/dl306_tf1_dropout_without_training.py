from dropout_lint.rule import Invalid, Rule, example as _ex

TF1_DROPOUT = frozenset({"tf.layers.dropout", "tf.compat.v1.layers.dropout"})
TF1_LAYER_ROOTS = ("tf.layers.", "tf.compat.v1.layers.")
TRAINING_INDEX = 4  # dropout(inputs, rate, noise_shape, seed, training, name)


class Tf1DropoutWithoutTraining(Rule):
    """TF1 `tf.layers.dropout` without `training=`: it never drops.

    ## What it does
    Finds `tf.compat.v1.layers.dropout(...)` / `tf.layers.dropout(...)` calls (through any alias)
    that pass no `training` argument, and applications of a `tf.compat.v1.layers.Dropout` layer
    object without `training=`.

    ## Why is this bad?
    Unlike `tf.nn.dropout`, the TF1 layers version takes a `training` argument that defaults to
    `False`: without it the op is an identity, in training too. The model trains with no dropout
    at all and nothing tells you (a classic when porting from `tf.nn.dropout(keep_prob=...)`).

    ## Example
    ```python
    h = tf.compat.v1.layers.dropout(h, rate=0.5)
    ```

    ## Use instead
    ```python
    h = tf.compat.v1.layers.dropout(h, rate=0.5, training=is_training)
    ```

    ## When it stays silent
    - The call passes `training=` (any value), or is not a TF1 `layers.dropout` by resolution.
    - The rate is 0 on every path the analysis follows (`rate = 0.`): with or without the flag it
      drops nothing.
    - Test code (see `test-code-ignore`): tests of TF1 layers call it without `training=` on
      purpose.

    ## Fix
    None: the right `training=` value (a placeholder, `mode == TRAIN`, a flag) depends on your
    training loop.

    ## References
    - `tf.compat.v1.layers.dropout` documentation: "training: Either a Python boolean, or a
      TensorFlow boolean scalar tensor ... (default False)".
    """

    code = "DL306"
    name = "tf1-dropout-without-training"
    severity = "warning"
    requires = ("ropout",)

    valid = [
        # premise "it would drop": a rate of 0 drops nothing with or without the flag
        _ex("""
            import tensorflow as tf
            def encoder_example(h):
                dropout_rate = 0.
                return tf.layers.dropout(h, rate=dropout_rate)
        """),
        "import tensorflow as tf\nh = tf.layers.dropout(h, rate=0.5, training=is_training)\n",
        "import tensorflow.compat.v1 as tf\nh = tf.layers.dropout(h, 0.3, training=mode == tf.estimator.ModeKeys.TRAIN)\n",
        "import tensorflow as tf\nh = tf.compat.v1.layers.dropout(h, 0.5, None, None, is_training)\n",
        "import tensorflow as tf\nh = tf.nn.dropout(h, rate=0.5)\n",
        "import tensorflow as tf\nh = tf.keras.layers.Dropout(0.5)(h)\n",
        "import tensorflow as tf\nh = tf.compat.v1.layers.dropout(h, **dropout_kwargs)\n",
        _ex("""
            import tensorflow as tf
            d = tf.compat.v1.layers.Dropout(0.2)
            h = d(h, training=True)
        """),
        "from mylib.layers import dropout\nh = dropout(h, 0.5)\n",
        _ex("""
            import tensorflow as tf
            slim = tf.contrib.slim
            h = slim.dropout(h, 0.5)
        """),
    ]
    invalid = [
        Invalid("import tensorflow as tf\nh = tf.layers.dropout(h, rate=0.5)\n", line=2, contains="training"),
        Invalid("import tensorflow as tf\nh = tf.compat.v1.layers.dropout(h, 0.5)\n", line=2),
        Invalid("import tensorflow.compat.v1 as tf\nh = tf.layers.dropout(inputs=h, rate=0.4)\n", line=2),
        Invalid("from tensorflow.compat.v1.layers import dropout\nh = dropout(h, 0.5)\n", line=2),
        Invalid(
            _ex("""
                from tensorflow.compat.v1 import layers as tfl
                def net(x, is_training):
                    x = tfl.dense(x, 10)
                    return tfl.dropout(x, 0.5)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                for i in range(3):
                    h = tf.layers.dropout(tf.layers.dense(h, 64), 0.2)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            d = tf.compat.v1.layers.Dropout(0.2)
            h = d(h)
        """),
            line=3,
        ),
        Invalid("tf.layers.dropout(x, 0.1, name='drop')\n", line=1),
        Invalid("import tensorflow as tf\nh = tf.layers.dropout(h, 0.1, None, 42)\n", line=2),
    ]

    def check(self, ctx) -> None:
        for call in ctx.calls:
            if call.kind not in TF1_DROPOUT:
                continue
            if "training" in call.keywords or call.has_star_args() or len(call.positional) > TRAINING_INDEX:
                continue
            if _drops_nothing(ctx, call):
                continue
            ctx.report(call, _MESSAGE.format(what=f"`{call.func_text or call.kind}`"))
        for n in ctx.nodes:
            if n.kind != "Dropout" or n.spec is None or n.call is None or n.call is n.spec.call:
                continue
            q = n.spec.call.qname or ""
            if not q.startswith(TF1_LAYER_ROOTS):
                continue
            c = n.call
            if "training" in c.keywords or c.has_star_args() or len(c.positional) > 1:
                continue
            ctx.report(c, _MESSAGE.format(what="this TF1 Dropout layer"))


def _drops_nothing(ctx, call) -> bool:
    """The rate is known to be 0 on every path (``dropout_rate = 0.``): the flag changes nothing."""
    from dropout_lint.rules._common import rate_arg

    expr = rate_arg(ctx, call, "rate", 1)
    values = ctx.number(expr, call.scope) if expr is not None else None
    return values is not None and len(values) > 0 and all(v.value == 0 for v in values)


_MESSAGE = (
    "{what} has no `training=` argument: it defaults to False and never drops, "
    "in training too; pass training=is_training"
)
