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
      drops nothing. Likewise a rate the code itself binds to `None` on every path
      (`dropout_rate = None`): the op raises, so that code never runs (a parameter's `None`
      default is not enough: a caller elsewhere may pass a rate).
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
        # premise "it would drop": a rate bound to None in the code itself; the op cannot run
        _ex("""
            import tensorflow as tf
            def encoder_reference(h):
                dropout_rate = None
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
        # a None the op is guarded against, from a call site that passes nothing
        Invalid(
            _ex("""
                import tensorflow as tf
                def attention(h, drop_prob=None):
                    if drop_prob is not None:
                        h = tf.layers.dropout(h, rate=drop_prob)
                    return h
                out = attention(x)
            """),
            line=4,
        ),
        # a parameter's None default is a knob: the library's caller passes the rate
        Invalid(
            _ex("""
                import tensorflow as tf
                def encoder(h, dropout_rate=None):
                    return tf.layers.dropout(h, rate=dropout_rate)
            """),
            line=3,
        ),
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
            ctx.report(call, _MESSAGE.format(what=f"`{call.func_text or call.kind}`"), data=_rate_data(ctx, call))
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
    """The rate is known to be 0 on every path (``dropout_rate = 0.``): the flag changes nothing.
    A rate bound to ``None`` in the code itself (``dropout_rate = None``, not a parameter's default
    a caller elsewhere may replace) makes the op raise: code that cannot run drops nothing either."""
    from dropout_lint.rules._common import rate_arg

    expr = rate_arg(ctx, call, "rate", 1)
    values = ctx.resolve(expr, call.scope) if expr is not None else None
    if not values:
        return False
    if any(v.value is None for v in values) and call.ifs:
        return False  # ``if drop_prob is not None:`` around the op: not the None it was bound to
    return all(
        (v.value is None and not v.from_default and v.via is None)
        or (isinstance(v.value, (int, float)) and not isinstance(v.value, bool) and v.value == 0)
        for v in values
    )


def _rate_data(ctx, call) -> dict | None:
    """The rate the code gives the op, when it is one known number (``--confirm`` reruns the op
    with it rather than a guess)."""
    from dropout_lint.rules._common import rate_arg

    expr = rate_arg(ctx, call, "rate", 1)
    values = ctx.number(expr, call.scope) if expr is not None else None
    if values and len({v.value for v in values}) == 1:
        return {"rate": float(values[0].value)}
    return None


_MESSAGE = (
    "{what} has no `training=` argument: it defaults to False and never drops, "
    "in training too; pass training=is_training"
)
