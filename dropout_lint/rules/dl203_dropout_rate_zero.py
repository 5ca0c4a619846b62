from dropout_lint.kinds import DROPOUT
from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules._common import rate_sites, short_kind


class DropoutRateZero(Rule):
    """A Dropout layer with rate 0.

    ## What it does
    Finds a Dropout-family layer or dropout op whose rate resolves to 0 (every value it can
    take, when it comes from several call sites).

    ## Why is this bad?
    A rate of 0 drops nothing: the layer is an identity that still costs a step in the graph and
    suggests regularisation that is not there. It is often a hyper-parameter left at a "search"
    value.

    ## Example
    ```python
    layers.Dense(64), layers.Dropout(0.0), layers.Dense(10)
    ```

    ## Use instead
    ```python
    layers.Dense(64), layers.Dense(10)
    ```

    ## When it stays silent
    - The rate is unknown, or is only the default of a parameter: whose callers live in other
      files, or that every caller in the file leaves unset (`def build(rate=0.0)` called as
      `build()`: the author's "dropout off unless asked for", as reference models ship their
      `drop_rate=0.`); a caller passing 0 (`build(rate=0.0)`, `Net(cfg["dropout"])` with 0) is reported, or an enclosing `if rate:` / `if rate > 0` skips the layer when it is 0; test code
      (see `test-code-ignore`).

    ## Fix
    Removes the layer: its element of a `Sequential` list, its `.add(...)` line, or in
    functional code its application (`x = Dropout(0.0)(x)` is deleted, `y = Dropout(0.0)(x)`
    becomes `y = x`). Dropout ops (`tf.nn.dropout(x, rate=0.0)`) are left alone.

    ## References
    - Keras `Dropout` documentation.

    ## Fix safety
    Unsafe. A rate-0 layer computes nothing, but removing it changes the model's layer list, and
    a rate that is 0 through a constant or a default is often a hyper-parameter meant to be set
    later. Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL203"
    name = "dropout-rate-zero"
    severity = "info"
    requires = ("ropout",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # premise "the code sets it to 0": every caller leaves the builder's default
        _ex("""
            from keras import layers
            class Mlp:
                def __init__(self, units, drop=0.0):
                    self.fc = layers.Dense(units)
                    self.drop = layers.Dropout(drop)
            head = Mlp(64)
        """),
        "from keras import layers\nlayers.Dropout(0.1)\n",
        "import tensorflow as tf\ntf.keras.layers.Dropout(rate=0.5)\n",
        "from keras.layers import LSTM\nLSTM(8, dropout=0.0)\n",
        "from torch.nn import Dropout\nDropout(0.0)\n",
        _ex("""
            from keras import layers
            def build(rate=0.0):
                return layers.Dropout(rate)
            build(0.3)
        """),
        "Dropout(p)\n",
        "import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.3)\n",
        _ex("""
            from keras import layers
            for r in [0.0, 0.2]:
                layers.Dropout(r)
        """),
        # the Dropout is only built when the rate is set
        _ex("""
            from keras import layers
            def block(x, rate=None):
                if rate:
                    x = layers.Dropout(rate)(x)
                return x
            block(1)
        """),
        _ex("""
            from keras import layers
            def block(x, rate=0.0):
                if rate > 0.0:
                    x = layers.Dropout(rate)(x)
                return x
            block(1, 0.0)
        """),
        _ex("""
            from keras import layers
            def block(x, rate=0.0):
                if rate == 0:
                    return x
                else:
                    return layers.Dropout(rate)(x)
            block(1)
        """),
        # a builder tried on its defaults in the __main__ block: the default is a knob
        _ex("""
            from keras import layers, Model, Input
            def mini_vgg(classes=10, dropout=0.0):
                inp = Input((32, 32, 3))
                x = layers.Flatten()(layers.Conv2D(8, 3)(inp))
                x = layers.Dropout(dropout)(x)
                return Model(inp, layers.Dense(classes)(x))
            if __name__ == "__main__":
                mini_vgg().summary()
        """),
    ]
    invalid = [
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dropout(0.0), layers.Dense(1)])\n",
            line=2,
            fixed="from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dense(1)])\n",
        ),
        Invalid("import tensorflow as tf\ntf.keras.layers.Dropout(rate=0)\n", line=2),
        Invalid("import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.0)\n", line=2),
        Invalid("Dropout(0)\n", line=1),
        Invalid(
            _ex("""
            from keras import layers
            NO_DROP = 0.0
            layers.GaussianDropout(NO_DROP)
        """),
            line=3,
        ),
        Invalid(
            _ex("""
            from keras import layers
            def build(rate=0.0):
                return layers.Dropout(rate)
            build(rate=0.0)
        """),
            line=3,
        ),
        Invalid(
            _ex("""
                import keras
                m = keras.Sequential()
                m.add(keras.layers.Dense(3))
                m.add(keras.layers.Dropout(0.5 - 0.5))
                m.add(keras.layers.Dense(1))
            """),
            line=4,
            fixed=_ex("""
                import keras
                m = keras.Sequential()
                m.add(keras.layers.Dense(3))
                m.add(keras.layers.Dense(1))
            """),
        ),
        Invalid("from tensorflow.keras.layers import SpatialDropout2D as SD\nSD(0.)\n", line=2),
        Invalid(
            _ex("""
                from keras import layers
                def block(x, rate=0.0, bn=False):
                    if rate >= 0.0 and not bn:
                        x = layers.Dropout(rate)(x)
                    return x
                block(1, 0.0)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((3,))
                x = keras.layers.Dense(4)(i)
                x = keras.layers.Dropout(0.0)(x)
                m = keras.Model(i, keras.layers.Dense(1)(x))
            """),
            line=4,
            fixed=_ex("""
                import keras
                i = keras.Input((3,))
                x = keras.layers.Dense(4)(i)
                m = keras.Model(i, keras.layers.Dense(1)(x))
            """),
        ),
        # the __main__ block sets the rate to 0 itself
        Invalid(
            _ex("""
            from keras import layers, Model, Input
            def mini_vgg(dropout=0.5):
                inp = Input((8,))
                return Model(inp, layers.Dense(2)(layers.Dropout(dropout)(inp)))
            if __name__ == "__main__":
                mini_vgg(dropout=0.0).fit(x, y)
        """),
            line=4,
        ),
        # a caller outside the __main__ block keeps the 0 default
        Invalid(
            _ex("""
            from keras import layers, Model, Input
            def mini_vgg(dropout=0.0):
                inp = Input((8,))
                return Model(inp, layers.Dense(2)(layers.Dropout(dropout)(inp)))
            model = mini_vgg(dropout=0.0)
            if __name__ == "__main__":
                mini_vgg().summary()
        """),
            line=4,
        ),
    ]

    def check(self, ctx) -> None:
        for call, keyword, expr, values in rate_sites(ctx, kinds=DROPOUT):
            if not values or any(v.value != 0 for v in values):
                continue
            if all(v.from_default or v.defaulted for v in values):
                # `dropout=0.0`, a parameter's default that every caller leaves (or no caller in
                # the file sets): the author's choice of "dropout off unless asked for"
                continue
            if _default_left_by_a_smoke_test(ctx, call, expr):
                continue  # only ``if __name__ == "__main__": MiniVGG()`` keeps the ``dropout=0.`` knob
            node = next((n for n in ctx.nodes if n.spec is not None and n.spec.call is call), None)
            fix = None
            if node is not None:
                from dropout_lint.fixes import remove_layer

                fix = remove_layer(ctx, node)
            ctx.report(
                call,
                f"{short_kind(call)} {keyword} is 0: the layer drops nothing; remove it or set a rate",
                fix=fix,
            )


def _default_left_by_a_smoke_test(ctx, call, expr) -> bool:
    """The rate is a parameter's default (``def MiniVGG(dropout=0.)``) and the only calls of its
    function in the file sit in the ``if __name__ == "__main__":`` block and leave it unset: a
    builder tried out on its defaults (to print a summary, count parameters), whose real callers
    live in other files; the default is a knob, as with no caller at all."""
    import libcst as cst

    fn = call.scope.function() if call.scope is not None else None
    if fn is None or not isinstance(expr, cst.Name) or expr.value not in fn.params:
        return False
    name = expr.value
    index = fn.param_order.index(name) if name in fn.param_order else None
    if fn.parent is not None and fn.parent.kind == "class":
        return False  # a method: its callers are not found by name
    callers = [c for c in ctx.calls if c.func_text.rsplit(".", 1)[-1] == fn.name]
    rows = _main_rows(ctx)
    if not callers or not rows:
        return False
    for c in callers:
        if not any(a <= c.start.row <= b for a, b in rows):
            return False
        if name in c.keywords or c.has_star_args() or (index is not None and len(c.positional) > index):
            return False
    return True


def _main_rows(ctx) -> list[tuple[int, int]]:
    """(first, last) rows of each module-level ``if __name__ == "__main__":`` block."""
    import libcst as cst

    out = []
    for stmt in ctx.facts.module.body:
        if isinstance(stmt, cst.If) and "__name__" in ctx.code(stmt.test) and "__main__" in ctx.code(stmt.test):
            r = ctx.facts.positions[stmt]
            out.append((r.start.line, r.end.line))
    return out
