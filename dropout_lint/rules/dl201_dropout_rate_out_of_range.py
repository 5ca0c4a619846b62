from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules._common import describe, rate_sites, short_kind


class DropoutRateOutOfRange(Rule):
    """A dropout rate below 0 or at least 1.

    ## What it does
    Finds a dropout rate (Dropout-family layers, `dropout=` / `recurrent_dropout=` of recurrent
    layers, `MultiHeadAttention(dropout=)`, `tf.nn.dropout(rate=)`, `keras.random.dropout`) that
    resolves to a value below 0 or of 1 and more. Rates are resolved statically (literals,
    constants, arithmetic, defaults, call-site arguments); unknown rates are skipped.

    ## Why is this bad?
    Keras raises `ValueError` for a rate outside [0, 1] when the layer is built, which may be
    far into a run (a hyper-parameter sweep); a rate of exactly 1 drops every unit and the layer
    outputs zeros.

    ## Example
    ```python
    layers.Dropout(1.5)
    ```

    ## Use instead
    ```python
    layers.Dropout(0.5)
    ```

    ## When it stays silent
    - The rate is not known statically (data, a computation the resolver cannot follow, a value
      an enclosing `if` rules out such as `if rate < 1:`), and in test code (see
      `test-code-ignore`), where such rates are used to test the error.

    ## Fix
    None: the intended rate is unknown.

    ## References
    - Keras `Dropout` documentation: "rate: Float between 0 and 1".
    """

    code = "DL201"
    name = "dropout-rate-out-of-range"
    severity = "error"
    requires = ("ropout",)

    valid = [
        "from keras import layers\nlayers.Dropout(0.5)\n",
        "import tensorflow as tf\ntf.keras.layers.Dropout(rate=0.0)\n",
        "import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.99)\n",
        "from keras.layers import LSTM\nLSTM(8, dropout=0.2, recurrent_dropout=0.2)\n",
        "from torch.nn import Dropout\nDropout(1.5)\n",
        "Dropout(rate)\n",
        _ex("""
            from keras import layers
            KEEP = 0.9
            layers.Dropout(1 - KEEP)
        """),
        "import keras\nkeras.layers.MultiHeadAttention(num_heads=2, key_dim=4, dropout=0.1)\n",
    ]
    invalid = [
        Invalid("from keras import layers\nlayers.Dropout(1.5)\n", line=2, contains="1.5"),
        Invalid("import tensorflow as tf\ntf.keras.layers.Dropout(rate=1)\n", line=2),
        Invalid("import tensorflow as tf\ny = tf.nn.dropout(x, rate=1.0)\n", line=2),
        Invalid("from keras.layers import GRU\nGRU(8, recurrent_dropout=-0.1)\n", line=2),
        Invalid("Dropout(-0.2)\n", line=1),
        Invalid(
            _ex("""
            from tensorflow.keras import layers as L
            RATE = 0.5
            L.SpatialDropout2D(RATE * 3)
        """),
            line=3,
        ),
        Invalid("import keras\nkeras.layers.MultiHeadAttention(num_heads=2, key_dim=4, dropout=2)\n", line=2),
        Invalid(
            _ex("""
            from keras import layers
            def make(rate=1.0):
                return layers.Dropout(rate)
        """),
            line=3,
        ),
    ]

    def check(self, ctx) -> None:
        for call, keyword, expr, values in rate_sites(ctx):
            if not values:
                continue
            bad = [v for v in values if v.value < 0 or v.value >= 1]
            if not bad:
                continue
            text, data = describe(bad)
            ctx.report(
                call,
                f"{short_kind(call)} {keyword} {text} is out of range: a rate must be in [0, 1) "
                f"(1 drops every unit); use a value such as 0.2-0.5",
                data=data,
            )
