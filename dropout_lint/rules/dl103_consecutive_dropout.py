from dropout_lint.kinds import RATE_PARAMS, is_dropout
from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules._common import (
    branch_not_taken,
    caller_picks,
    chosen_by_loop_data,
    feeds,
    fmt_rate,
    knob_off,
    node_rate,
    switched_apart,
)


class ConsecutiveDropout(Rule):
    """Two Dropout layers in a row.

    ## What it does
    Finds a Dropout-family layer (or op) applied directly to the output of another one.

    ## Why is this bad?
    The rates compound: keeping `(1-p)` then `(1-q)` of the units is one dropout of rate
    `1-(1-p)(1-q)`. Two layers hide the real rate (0.5 then 0.5 is 0.75) and cost an extra
    random mask per step. It is usually a leftover of an edit.

    ## Example
    ```python
    layers.Dropout(0.5), layers.Dropout(0.5)
    ```

    ## Use instead
    ```python
    layers.Dropout(0.75)
    ```

    ## When it stays silent
    - One of the two rates is 0 or out of range (DL203 / DL201 say so), either Dropout is built
      under an `if` that every call site in the file makes false, or only a knob nobody in the
      file turns on builds it or gives it a rate (see DL102), or a layer that changes the
      values sits between them -- also when it does only on the path an undecided `if` takes
      (`if num_rnn_layers > 0: x = rnn(x)` between the two): they meet only where the `if` skips
      it, and the code does not show that path taken.
    - **Both are built together**: each Dropout is switched on by its own setting the code does
      not decide (`if cfg["dropout_after_dense"]: ...` then, next, `if cfg["dropout_before_dense"]:
      ...`, a configurable search space): the pair exists only when a user turns both on, a
      combination the code does not show. Tests the code decides (every call site's argument)
      count as decided; two Dropouts under the same setting, or one always built after one
      under a setting, are reported: whenever the first exists, the second follows it.
    - The two drop different things: units, whole channels (`SpatialDropout*`) or multiplicative
      noise (`GaussianDropout`, `AlphaDropout`). One Dropout cannot stand for the pair.
    - The second Dropout is applied in an arm of an `if` that tests a loop's variable
      (`for c in sequence: if c == "d": x = dropout(x) elif c == "n": x = norm(x)`) and the first
      was not applied in that same arm: whether one follows the other depends on the order of
      what the loop runs over, which the code does not show.
    - Either Dropout is one arm of a layer-type dispatcher (`if spec.kind == "dense": return
      Dense(...)(x) ... elif spec.kind == "dropout": return Dropout(spec.rate)(x)`) whose tested value
      the file does not set: two Dropouts meet only if the caller asks for two in a row (a loop
      over the specs, or a last spec after it). Two Dropouts in the same arm are reported.
    - Test code (see `test-code-ignore`).

    ## Fix
    Merges both layers into one at the compound rate `1-(1-p)(1-q)` (4 significant digits): the
    first layer's rate becomes the compound rate and the second layer is removed from its
    `Sequential` list or `.add` chain, or, in functional code, its application `D(q)(x)` becomes
    `x` (a statement `x = D(q)(x)` is deleted). Offered only when it is safe: both layers of the
    same class, built inline, with literal rates and no argument other than `rate`, `seed` or
    `name`, and the first layer's output feeding only the second.

    ## References
    - Srivastava et al., JMLR 2014, section 2 (retention probability).

    ## Fix safety
    Unsafe. The merge deletes a layer (the model's layer list, the second layer's name and seed
    change), and for GaussianDropout and AlphaDropout one layer at the compound rate matches the two
    layers' noise only on average. Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL103"
    name = "consecutive-dropout"
    severity = "warning"
    requires = ("ropout",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # premise "on the paths the code takes": one arm of a layer-type dispatcher the caller picks
        _ex("""
            from tensorflow.keras import Input, Model, layers
            def get_layer(x, spec):
                if spec.kind == "dense":
                    return layers.Dense(spec.units)(x)
                elif spec.kind == "dropout":
                    return layers.Dropout(spec.rate)(x)
                raise ValueError(spec.kind)
            def build(specs, last):
                inp = Input((16,))
                x = inp
                for spec in specs:
                    x = get_layer(x, spec)
                model = Model(inp, get_layer(x, last))
                model.compile("adam", "mse")
                return model
        """),
        # premise "built together": each Dropout is under its own undecided setting
        _ex("""
            from keras import Sequential, layers
            def build(cfg, depth):
                model = Sequential()
                for _ in range(depth):
                    model.add(layers.Dense(32))
                    if cfg["dropout_after_dense"]:
                        model.add(layers.Dropout(0.2))
                if cfg["dropout_before_output"]:
                    model.add(layers.Dropout(0.3))
                model.add(layers.Dense(2))
                return model
        """),
        # premise "adjacent on the paths the code takes": a layer sits between them unless a
        # setting the file does not show turns it off
        _ex("""
            import tensorflow as tf
            def encode(x, num_rnn_layers, rate, training):
                x = tf.layers.dropout(x, rate, training=training)
                if num_rnn_layers > 0:
                    x = tf.layers.dense(x, 64)
                return tf.layers.dropout(x, rate, training=training)
        """),
        # the second rate is the default 0 of a knob no caller in the file sets
        _ex("""
            from keras import layers
            def head(x, extra_rate=0.0):
                x = layers.Dropout(0.5)(x)
                return layers.Dropout(extra_rate)(x)
        """),
        # premise "the same kind of dropout": units, then whole channels or multiplicative noise
        _ex("""
            import keras
            i = keras.Input((4,))
            x = keras.layers.Dropout(0.1)(i)
            x = keras.layers.GaussianDropout(0.1)(x)
        """),
        _ex("""
            import tensorflow as tf
            L = tf.keras.layers
            m = tf.keras.Sequential([L.Dense(2), L.Dropout(0.4), L.AlphaDropout(0.1)])
        """),
        _ex("""
            from keras import layers as L
            def f(x):
                x = L.Dense(3)(x)
                x = L.Dropout(0.3)(x)
                return L.SpatialDropout1D(0.3)(x)
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.Dense(8), layers.Dropout(0.5)])\n",
        _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential()
            m.add(tf.keras.layers.Dropout(0.2))
            m.add(tf.keras.layers.Dense(4))
            m.add(tf.keras.layers.Dropout(0.2))
        """),
        _ex("""
            import keras
            i = keras.Input((4,))
            a = keras.layers.Dropout(0.1)(i)
            b = keras.layers.Dropout(0.1)(i)
            m = keras.Model(i, keras.layers.Concatenate()([a, b]))
        """),
        "model = Sequential([Dense(4), Dropout(0.5), Dense(2)])\n",
        "from torch import nn\nnet = nn.Sequential(nn.Dropout(0.5), nn.Dropout(0.5))\n",
        _ex("""
            from keras import layers
            def f(x):
                x = layers.Dropout(0.3)(x)
                x = layers.Dense(3)(x)
                return layers.Dropout(0.3)(x)
        """),
        _ex("""
            import tensorflow as tf
            def net(x):
                h = tf.nn.dropout(x, rate=0.1)
                h = tf.nn.relu(tf.matmul(h, w))
                return tf.nn.dropout(h, rate=0.1)
        """),
        _ex("""
            from keras.layers import Dropout, GaussianNoise
            from keras import Sequential
            m = Sequential([Dropout(0.2), GaussianNoise(0.1)])
        """),
        # Rates of 0 or out of range are DL203 / DL201 findings, not a compound dropout.
        "model = Sequential([Dense(4), Dropout(0.5), Dropout(0.0), Dense(2)])\n",
        "model = Sequential([Dense(4), Dropout(1.2), Dropout(0.3), Dense(2)])\n",
        # which step follows the input dropout depends on the order of ``steps``
        _ex("""
            import tensorflow as tf
            def process(x, steps, rate):
                for step in steps:
                    if step == "norm":
                        x = tf.keras.layers.LayerNormalization()(x)
                    elif step == "drop":
                        x = tf.nn.dropout(x, rate=rate)
                return x
            def encoder(x, cfg):
                x = tf.nn.dropout(x, rate=0.1)
                return process(x, cfg.steps, 0.1)
        """),
        # each pass drops the next element: one pass's output never reaches the next pass
        _ex("""
            import tensorflow as tf
            def drop_each(tensors, rate):
                for t in tensors:
                    t = tf.nn.dropout(t, rate=rate)
                return tensors
        """),
    ]
    invalid = [
        # a whole model in one arm of the dispatch: the arm shows what ends it
        Invalid(
            _ex("""
            from tensorflow.keras import layers
            def get_block(x, spec):
                if spec.kind == "dense":
                    return layers.Dense(spec.units)(x)
                elif spec.kind == "regularised":
                    x = layers.Dropout(0.3)(x)
                    return layers.Dropout(0.2)(x)
                raise ValueError(spec.kind)
            """),
            line=7,
        ),
        # both under the same setting: whenever it is on, one follows the other
        Invalid(
            _ex("""
                from keras import Sequential, layers
                def build(cfg):
                    model = Sequential([layers.Dense(32)])
                    if cfg["regularise"]:
                        model.add(layers.Dropout(0.2))
                        model.add(layers.Dropout(0.3))
                    model.add(layers.Dense(2))
                    return model
            """),
            line=6,
        ),
        # two spatial dropouts merge into one spatial dropout (the message names its class)
        Invalid(
            _ex("""
                from tensorflow import keras
                from tensorflow.keras import layers
                inp = keras.Input((8, 8, 3))
                x = layers.Conv2D(4, 3)(inp)
                x = layers.SpatialDropout2D(0.1)(x)
                x = layers.SpatialDropout2D(0.2)(x)
                model = keras.Model(inp, layers.Conv2D(1, 3)(x))
            """),
            line=6,
            contains="merge them into one SpatialDropout2D(0.28)",
        ),
        # the same tensor through the loop: each pass drops the previous pass's output
        Invalid(
            _ex("""
            import tensorflow as tf
            def drop_twice(h, rate):
                for _ in range(2):
                    h = tf.nn.dropout(h, rate=rate)
                return h
        """),
            line=4,
        ),
        # both applied in the same arm of the step loop: one always follows the other
        Invalid(
            _ex("""
            import tensorflow as tf
            def process(x, steps):
                for step in steps:
                    if step == "drop":
                        x = tf.nn.dropout(x, rate=0.1)
                        x = tf.nn.dropout(x, rate=0.2)
                    elif step == "norm":
                        x = tf.keras.layers.LayerNormalization()(x)
                return x
        """),
            line=6,
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.Dropout(0.5), layers.Dense(1)])\n",
            line=2,
            contains="0.75",
            fixed="from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.75), layers.Dense(1)])\n",
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Dense(4))
                m.add(tf.keras.layers.Dropout(0.2))
                m.add(tf.keras.layers.Dropout(0.3))
                m.add(tf.keras.layers.Dense(1))
            """),
            line=5,
            contains="0.44",
            fixed=_ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Dense(4))
                m.add(tf.keras.layers.Dropout(0.44))
                m.add(tf.keras.layers.Dense(1))
            """),
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((4,))
                x = keras.layers.Dropout(0.1)(i)
                x = keras.layers.Dropout(0.1)(x)
                y = keras.layers.Dense(2)(x)
            """),
            line=4,
            contains="0.19",
            fixed=_ex("""
                import keras
                i = keras.Input((4,))
                x = keras.layers.Dropout(0.19)(i)
                y = keras.layers.Dense(2)(x)
            """),
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((4,))
                h = keras.layers.Dropout(0.1)(i)
                y = keras.layers.Dense(2)(keras.layers.Dropout(rate=0.2)(h))
            """),
            line=4,
            fixed=_ex("""
                import keras
                i = keras.Input((4,))
                h = keras.layers.Dropout(0.28)(i)
                y = keras.layers.Dense(2)(h)
            """),
        ),
        Invalid(
            _ex("""
                from keras import layers as L, Sequential
                m = Sequential([
                    L.Dense(8),
                    L.Dropout(0.25),
                    L.Dropout(0.2),  # second
                    L.Dense(1),
                ])
            """),
            line=5,
            contains="0.4",
            fixed=_ex("""
                from keras import layers as L, Sequential
                m = Sequential([
                    L.Dense(8),
                    L.Dropout(0.4),
                    L.Dense(1),
                ])
            """),
        ),
        Invalid("model = Sequential([Dense(4), Dropout(0.5), Dropout(0.2), Dense(2)])\n", line=1),
        Invalid(
            _ex("""
                import tensorflow as tf
                def net(x):
                    h = tf.nn.dropout(x, rate=0.1)
                    return tf.nn.dropout(h, rate=0.1)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                from tensorflow.keras.layers import Dropout
                d1 = Dropout(0.5)
                d2 = Dropout(0.5)
                def f(x):
                    return d2(d1(x))
            """),
            line=3,
        ),
    ]

    def check(self, ctx) -> None:
        for n in ctx.nodes:
            if not is_dropout(n.kind):
                continue
            prev = next((i for i in n.inputs if is_dropout(i.kind)), None)
            if prev is None:
                continue
            if branch_not_taken(ctx, n) or branch_not_taken(ctx, prev):
                continue  # built only under a test the code never passes
            if knob_off(ctx, n) or knob_off(ctx, prev):
                continue  # only a knob nobody in the file turns on builds it (or gives it a rate)
            if switched_apart(ctx, n, prev):
                continue  # each is switched on by its own setting: adjacent only if both are on
            if _also_through_layers(n, prev):
                continue  # ``if num_rnn_layers > 0: x = rnn(x)`` between them: adjacent only where the ``if`` skips
            if caller_picks(ctx, n) or caller_picks(ctx, prev) and not _same_arm(n, prev):
                continue  # an arm of a layer-type dispatcher: the caller picks which layers meet
            if chosen_by_loop_data(n, prev):
                continue  # ``for c in seq: if c == "d": x = dropout(x)``: the order of ``seq`` decides
            if _family(n.kind) != _family(prev.kind):
                continue  # element-wise then spatial (or Gaussian) dropout: not one Dropout's job
            p, q = node_rate(ctx, prev), node_rate(ctx, n)
            if any(r is not None and not 0 < r < 1 for r in (p, q)):
                continue  # a no-op (rate 0, DL203) or invalid (DL201) layer: that finding says it
            # Two SpatialDropout2D merge into one SpatialDropout2D, not into a plain Dropout.
            one = n.kind if n.kind == prev.kind and (n.kind or "")[:1].isupper() else "Dropout"
            if p is not None and q is not None:
                combined = 1 - (1 - p) * (1 - q)
                rates = f" (rates {fmt_rate(p)} then {fmt_rate(q)} compound to {combined:.4g})"
                advice = f"merge them into one {one}({combined:.4g})"
            else:
                rates = ""
                advice = f"merge them into one {one} at rate 1-(1-p)(1-q)"
            ctx.report(
                n,
                f"{n.kind} directly after {prev.kind} (line {prev.start.row}){rates}: {advice}",
                fix=merge_fix(ctx, prev, n, p, q),
                data={"first_line": prev.start.row},
                once=True,
            )


def _same_arm(n, prev) -> bool:
    """Both Dropouts are built under one ``if`` test (the same arm of a dispatcher)."""
    a, b = n.decl, prev.decl
    return a is not None and b is not None and any(t is u for t, _ in a.ifs for u, _ in b.ifs)


def _also_through_layers(n, prev) -> bool:
    """Another value the second Dropout may take comes from the first through a layer that
    changes it: the two meet only on the path where an ``if`` skipped that layer, and the code
    does not show that path taken (as DL101 treats a Dropout that ends the model only there)."""
    return any(feeds(prev, other) for other in n.inputs if other is not prev)


def _family(kind: str) -> str:
    """What a dropout drops: single units, whole channels, or multiplicative noise."""
    if "Spatial" in kind:
        return "spatial"
    if "gaussian" in kind.lower() or "alpha" in kind.lower():
        return "noise"
    return "units"


_KEEP_ARGS = {"rate", "seed", "name"}


def merge_fix(ctx, first, second, p, q):
    """Rewrite ``first`` to the compound rate and drop ``second``; None when that is not safe."""
    import libcst as cst

    from dropout_lint.finding import Edit, Fix
    from dropout_lint.fixes import node_range

    if p is None or q is None or first.kind != second.kind or first.outputs not in ([], [second]):
        return None
    if first.spec is None or second.spec is None or first.spec.wrapper or second.spec.wrapper:
        return None
    for node in (first, second):
        call = node.spec.call
        if call.has_star_args() or len(call.positional) > 1 or set(call.keywords) - _KEEP_ARGS:
            return None
        if not _inline(node):
            return None
    if first.call is not None and second.call is not None:
        a, b = first.call, second.call
        if (a.ifs, a.loop_depth, a.scope) != (b.ifs, b.loop_depth, b.scope):
            return None
    keyword, index = RATE_PARAMS[first.kind][0]
    rate_expr = first.spec.call.arg(keyword, index)
    for node in (first, second):
        if not _literal(node.spec.call.arg(keyword, index), cst):
            return None
    combined = 1 - (1 - p) * (1 - q)
    text = f"{combined:.4g}"
    if "e" in text or float(text) >= 1:
        return None
    if "." not in text:
        text += ".0"
    start, end = node_range(ctx, rate_expr)
    set_rate = Edit(text, start, end)
    removal = _remove_second(ctx, second, cst)
    if removal is None:
        return None
    return Fix(f"Merge into one {first.kind}({text})", [set_rate, *removal])


def _literal(expr, cst) -> bool:
    return isinstance(expr, (cst.Float, cst.Integer))


def _inline(node) -> bool:
    """The layer object is built where it is used (so no other use of it can change)."""
    spec_node = node.spec.call.node
    c = node.container
    if c is not None and c[0] == "list":
        return c[2].value is spec_node
    if c is not None and c[0] == "add":
        return any(a.value is spec_node for a in c[2].args)
    return node.call is not None and node.call.node.func is spec_node


def _remove_second(ctx, node, cst):
    from dropout_lint.fixes import remove_layer

    fix = remove_layer(ctx, node)
    return fix.edits if fix is not None else None
