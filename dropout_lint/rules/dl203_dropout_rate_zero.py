from dropout_lint.kinds import DROPOUT, DROPOUT_LAYERS
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules import _training as T
from dropout_lint.rules._common import branch_not_taken, rate_sites, short_kind, undecided_ifs


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
    - **The 0 is written at the layer**: a literal (`Dropout(0.0)`, `rate=0`, `0.5 - 0.5`). A 0
      that comes through a name is a setting, dropout switched off on purpose: a constant
      (`dropout = 0.0` beside `wl2 = 0.0`), a parameter's default (a reference model's
      `drop_rate=0.`), a caller's argument (`build(rate=0.0)`), a config entry.
    - **The layer is built**: not under an `if` whose test the code shows false (`if 1*0:`, a
      flag every call site leaves off), nor skipped by an enclosing `if rate:` / `if rate > 0`.
    - **The 0 is the code's one choice**: not in an arm of an `if` the code does not decide
      (`if dataset == "a": x = Dropout(0.0)(x) else: x = norm(x)`): a per-case identity, chosen
      on purpose for that case.
    - **The rate stays 0**: no code of the project writes a layer's rate after building it
      (`model.layers[-2].rate = best_rate` in a hyper-parameter search, a dropout schedule's
      `layer.rate = r`, `setattr(layer, "rate", r)`), in this file or any other file of its
      package (the outermost folder of `__init__.py` files around it, or the file's own folder).
      Such a project builds `Dropout(0.0)` as a placeholder. A layer's own `self.rate = rate`
      in its constructor is not such a write; a dropout op (`tf.nn.dropout`) has no rate to write.
    - Test code (see `test-code-ignore`).

    ## Fix
    Removes the layer: its element of a `Sequential` list, its `.add(...)` line, or in
    functional code its application (`x = Dropout(0.0)(x)` is deleted, `y = Dropout(0.0)(x)`
    becomes `y = x`). Dropout ops (`tf.nn.dropout(x, rate=0.0)`) are left alone.

    ## References
    - Keras `Dropout` documentation.

    ## Fix safety
    Unsafe. A rate-0 layer computes nothing, but removing it changes the model's layer list (and
    code that freezes or reads layers by index). Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL203"
    name = "dropout-rate-zero"
    severity = "info"
    requires = ("ropout",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        # premise "written as 0 at the layer": a 0 through a name is a setting (a constant, a
        # parameter, a caller's argument, a config entry): dropout switched off on purpose
        _ex("""
            from keras import layers
            NO_DROP = 0.0
            layers.GaussianDropout(NO_DROP)
        """),
        _ex("""
            from keras import layers
            def build(rate=0.0):
                return layers.Dropout(rate)
            build(rate=0.0)
        """),
        _ex("""
            from keras import layers, Model, Input
            def mini_vgg(dropout=0.5):
                inp = Input((8,))
                return Model(inp, layers.Dense(2)(layers.Dropout(dropout)(inp)))
            config = {"dropout": 0.0}
            model = mini_vgg(dropout=config["dropout"])
        """),
        # premise "the code's one choice": a per-case identity in an undecided branch
        _ex("""
            from keras import layers
            def head(x, dataset):
                if dataset == "small":
                    x = layers.Dropout(0.0)(x)
                else:
                    x = layers.BatchNormalization()(x)
                return layers.Dense(2)(x)
        """),
        # premise "the layer is built": a literal 0 in a block that never runs
        _ex("""
            from keras import layers, Sequential
            m = Sequential([layers.Dense(4)])
            if 1 * 0:
                m.add(layers.Dropout(0.0))
            m.add(layers.Dense(1))
        """),
        # premise "the code sets it to 0": every caller leaves the builder's default
        _ex("""
            from keras import layers
            class Mlp:
                def __init__(self, units, drop=0.0):
                    self.fc = layers.Dense(units)
                    self.drop = layers.Dropout(drop)
            head = Mlp(64)
        """),
        # premise "the rate stays 0": the project sets the placeholders' rates in a search
        Valid(
            _ex("""
                from keras import layers, Sequential
                def base():
                    return Sequential([layers.Dense(8), layers.Dropout(0.0), layers.Dense(1)])
            """),
            options={"rate-writes": ["search.py"]},
        ),
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
        Invalid("from keras import layers\nlayers.AlphaDropout(0.0)\n", line=2),
        Invalid("from keras import layers\nlayers.SpatialDropout1D(rate=0.0)\n", line=2),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dropout(0.0), layers.Dense(1)])\n",
            line=2,
            fixed="from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dense(1)])\n",
        ),
        Invalid("import tensorflow as tf\ntf.keras.layers.Dropout(rate=0)\n", line=2),
        Invalid("import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.0)\n", line=2),
        # an op has no rate to write later, whatever the project does with layers
        Invalid(
            "import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.0)\n",
            line=2,
            options={"rate-writes": ["search.py"]},
        ),
        Invalid("Dropout(0)\n", line=1),
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
    ]

    def check(self, ctx) -> None:
        for call, keyword, expr, values in rate_sites(ctx, kinds=DROPOUT):
            if not values or any(v.value != 0 for v in values):
                continue
            if T.names_in(expr):
                continue  # a 0 through a name is a setting (dropout switched off on purpose)
            if call.kind in DROPOUT_LAYERS and ctx.options.get("rate-writes"):
                continue  # the project writes layers' `.rate` after building them: a placeholder
            node = next((n for n in ctx.nodes if n.spec is not None and n.spec.call is call), None)
            if node is not None and branch_not_taken(ctx, node):
                continue  # built only under a test the code never passes
            if node is not None and undecided_ifs(ctx, node):
                continue  # ``if dataset == "a": Dropout(0.0) else: norm(x)``: a per-case identity
            fix = None
            if node is not None:
                from dropout_lint.fixes import remove_layer

                fix = remove_layer(ctx, node)
            ctx.report(
                call,
                f"{short_kind(call)} {keyword} is 0: the layer drops nothing; remove it or set a rate",
                fix=fix,
            )
