import re

from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules._common import describe, fmt_rate, rate_sites, short_kind


class DropoutRateTooHigh(Rule):
    """A dropout rate above `max-rate` (default 0.8).

    ## What it does
    Finds a dropout rate above `max-rate` and below 1 on Dropout-family layers, the `dropout=` /
    `recurrent_dropout=` of LSTM/GRU/SimpleRNN/ConvLSTM, `MultiHeadAttention(dropout=)`,
    `tf.nn.dropout(rate=)` and `keras.random.dropout`. Rates are resolved statically, including
    the constant arguments at the call sites of a model-building function (the message names the
    call site); unknown rates are skipped.

    ## Why is this bad?
    `rate` is the fraction of units *dropped*. At 0.9 only one unit in ten survives each step,
    the signal is scaled by 10, and the network under-fits or trains very slowly. Srivastava et
    al. recommend retaining 0.5 of hidden units and 0.8 of inputs, i.e. rates of 0.2-0.5. A rate
    this high is often a keep probability written where a drop rate belongs.

    Measured by `python benchmarks/evidence.py` (digits, 3 seeds, 30 epochs): an MLP with two `Dropout(0.9)` reaches
    84.4% ± 6.0 test accuracy against 97.0% ± 0.3 with `Dropout(0.5)`, same epochs.

    ## Example
    ```python
    layers.Dropout(0.9)
    ```

    ## Use instead
    ```python
    layers.Dropout(0.1)  # if 0.9 was meant as keep probability; otherwise 0.2-0.5
    ```

    ## When it stays silent
    - The rate is unknown, at most `max-rate`, out of range (DL201 reports it), or ruled out by an
      enclosing `if`; test code (see `test-code-ignore`).
    - The model is not shown to be trained with it: the function that builds the Dropout loads
      pretrained weights into what it builds (`model.load_weights(path)`, or a helper named
      `load_*weights(model, path)`; not under an `if`) and
      the file compiles, fits or steps no model (`compile` / `fit` / `train_on_batch` /
      `GradientTape` / `train_step` / `apply_gradients` / `minimize`). A rate only inference ever
      sees drops nothing; the finding is about training.

    ## Fix
    None: whether 0.9 meant "keep 90%" or "drop 90%" is yours to say.

    ## Options
    `max-rate` (default 0.8).

    ## References
    - Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 2014.
    """

    code = "DL202"
    name = "dropout-rate-too-high"
    severity = "warning"
    requires = ("ropout",)
    options = {"max-rate": 0.8}

    valid = [
        "from keras import layers\nlayers.Dropout(0.5)\n",
        "import tensorflow as tf\ntf.keras.layers.Dropout(0.8)\n",
        "from keras.layers import LSTM\nLSTM(8, dropout=0.3, recurrent_dropout=0.3)\n",
        "from torch import nn\nnn.Dropout(0.9)\n",
        _ex("""
            from keras import layers
            def build(rate):
                return layers.Dropout(rate)
            for r in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]:
                build(r)
        """),
        "import tensorflow as tf\ny = tf.nn.dropout(x, rate=p)\n",
        "import keras\nkeras.random.dropout(x, 0.5)\n",
        Valid("from keras import layers\nlayers.Dropout(0.85)\n", options={"max-rate": 0.9}),
        # premise "trained with it": built to take pretrained weights; nothing in the file trains
        _ex("""
            from tensorflow import keras
            def load_face_model(weights_path):
                inp = keras.Input((55, 47, 3))
                x = keras.layers.Conv2D(20, 4, activation="relu")(inp)
                x = keras.layers.Dropout(rate=0.99)(x)
                out = keras.layers.Dense(160)(keras.layers.Flatten()(x))
                model = keras.Model(inp, out)
                model.load_weights(weights_path)
                return model
        """),
        # the same, through the package's own weight loader
        _ex("""
            from tensorflow import keras
            from facelib import weights
            def load_face_model(path):
                inp = keras.Input((55, 47, 3))
                x = keras.layers.Dropout(rate=0.99)(keras.layers.Conv2D(20, 4)(inp))
                model = keras.Model(inp, keras.layers.Dense(160)(keras.layers.Flatten()(x)))
                return weights.load_model_weights(model=model, weight_file=path)
        """),
        "from keras import layers\nlayers.Dropout(1.0)  # out of range: DL201, not this rule\n",
    ]
    invalid = [
        # the tutorial's incorrect model: Dropout(0.9)
        Invalid("from tensorflow.keras import layers\nlayers.Dropout(0.9)\n", line=2, contains="0.9"),
        Invalid(
            "import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Dense(4), tf.keras.layers.Dropout(rate=0.95)])\n",
            line=2,
        ),
        Invalid("from keras.layers import LSTM\nLSTM(8, recurrent_dropout=0.85)\n", line=2),
        Invalid("import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.9)\n", line=2),
        Invalid("import keras\nkeras.random.dropout(x, 0.99)\n", line=2),
        Invalid("Dropout(0.9)\n", line=1),
        Invalid(
            _ex("""
                from keras import layers
                def build(rate):
                    return layers.Dropout(rate)
                for r in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.9]:
                    build(r)
            """),
            line=3,
            contains="build(r) with 0.9 at line 5",
        ),
        Invalid(
            _ex("""
                from keras import layers
                def build(rate=0.5):
                    return layers.Dropout(rate)
                build()
                build(rate=0.95)
            """),
            line=3,
            contains="build(rate=0.95) at line 5",
        ),
        Invalid("from keras import layers\nlayers.Dropout(0.6)\n", options={"max-rate": 0.5}),
        Invalid("import keras\nkeras.layers.MultiHeadAttention(2, 8, dropout=0.9)\n", line=2),
        # the weights are loaded only on request: a caller may train it from scratch
        Invalid(
            _ex("""
                from tensorflow import keras
                def face_model(weights_path=None):
                    inp = keras.Input((55, 47, 3))
                    x = keras.layers.Dropout(rate=0.99)(keras.layers.Conv2D(20, 4)(inp))
                    model = keras.Model(inp, keras.layers.Dense(160)(keras.layers.Flatten()(x)))
                    if weights_path:
                        model.load_weights(weights_path)
                    return model
            """),
            line=4,
        ),
        # pretrained weights, then fine-tuned in the same file
        Invalid(
            _ex("""
                from tensorflow import keras
                def face_model(weights_path):
                    inp = keras.Input((55, 47, 3))
                    x = keras.layers.Dropout(rate=0.99)(keras.layers.Conv2D(20, 4)(inp))
                    model = keras.Model(inp, keras.layers.Dense(160)(keras.layers.Flatten()(x)))
                    model.load_weights(weights_path)
                    return model
                model = face_model("w.h5")
                model.compile("adam", "mse")
                model.fit(x_train, y_train)
            """),
            line=4,
        ),
    ]

    def check(self, ctx) -> None:
        limit = ctx.option("max-rate")
        for call, keyword, expr, values in rate_sites(ctx):
            if not values:
                continue
            bad = [v for v in values if limit < v.value < 1]
            if not bad:
                continue
            if _pretrained_only(ctx, call):
                continue  # premise "trained with it": only pretrained weights ever meet the rate
            text, data = describe(bad)
            keep = 1 - bad[0].value
            ctx.report(
                call,
                f"{short_kind(call)} {keyword} {text} is above {fmt_rate(limit)}: only {keep * 100:.3g}% of units "
                f"survive each step; use 0.2-0.5 (if you meant a keep probability, the rate is 1 - it)",
                data=data,
            )


# what trains a model, anywhere in the file
_TRAINS = re.compile(
    r"\.(compile|fit|fit_generator|train_on_batch|apply_gradients|minimize)\s*\(|GradientTape|train_step"
)


def _pretrained_only(ctx, call) -> bool:
    """The function building ``call`` loads weights into its model unconditionally, and nothing
    in the file trains a model."""
    if _TRAINS.search(ctx.unit.text):
        return False
    fn = call.scope.function()
    if fn is None:
        return False
    return any(
        _LOADS_WEIGHTS.search(c.func_text or "") and not c.ifs and c.scope.function() is fn and c.node.args
        for c in ctx.calls
    )


# ``model.load_weights(path)``, a helper ``load_model_weights(model=model, weight_file=path)``
_LOADS_WEIGHTS = re.compile(r"(^|\.)load_\w*weights$")
