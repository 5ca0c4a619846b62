from dropout_lint.kinds import DROPOUT
from dropout_lint.rule import Invalid, Rule
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
    - The rate is unknown, is only the default of a parameter whose callers live in other files
      (a knob), or an enclosing `if rate:` / `if rate > 0` skips the layer when it is 0; test code
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
        "from keras import layers\nlayers.Dropout(0.1)\n",
        "import tensorflow as tf\ntf.keras.layers.Dropout(rate=0.5)\n",
        "from keras.layers import LSTM\nLSTM(8, dropout=0.0)\n",
        "from torch.nn import Dropout\nDropout(0.0)\n",
        "from keras import layers\ndef build(rate=0.0):\n    return layers.Dropout(rate)\nbuild(0.3)\n",
        "Dropout(p)\n",
        "import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.3)\n",
        "from keras import layers\nfor r in [0.0, 0.2]:\n    layers.Dropout(r)\n",
        # the Dropout is only built when the rate is set
        "from keras import layers\ndef block(x, rate=None):\n    if rate:\n        x = layers.Dropout(rate)(x)\n    return x\nblock(1, 0.0)\n",
        "from keras import layers\ndef block(x, rate=0.0):\n    if rate > 0.0:\n        x = layers.Dropout(rate)(x)\n    return x\nblock(1)\n",
        "from keras import layers\ndef block(x, rate=0.0):\n    if rate == 0:\n        return x\n    else:\n        return layers.Dropout(rate)(x)\nblock(1)\n",
    ]
    invalid = [
        Invalid("from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dropout(0.0), layers.Dense(1)])\n", line=2,
                fixed="from keras import layers, Sequential\nm = Sequential([layers.Dense(4), layers.Dense(1)])\n"),
        Invalid("import tensorflow as tf\ntf.keras.layers.Dropout(rate=0)\n", line=2),
        Invalid("import tensorflow as tf\ny = tf.nn.dropout(x, rate=0.0)\n", line=2),
        Invalid("Dropout(0)\n", line=1),
        Invalid("from keras import layers\nNO_DROP = 0.0\nlayers.GaussianDropout(NO_DROP)\n", line=3),
        Invalid("from keras import layers\ndef build(rate=0.0):\n    return layers.Dropout(rate)\nbuild()\n", line=3),
        Invalid("import keras\nm = keras.Sequential()\nm.add(keras.layers.Dense(3))\nm.add(keras.layers.Dropout(0.5 - 0.5))\nm.add(keras.layers.Dense(1))\n", line=4,
                fixed="import keras\nm = keras.Sequential()\nm.add(keras.layers.Dense(3))\nm.add(keras.layers.Dense(1))\n"),
        Invalid("from tensorflow.keras.layers import SpatialDropout2D as SD\nSD(0.)\n", line=2),
        Invalid("from keras import layers\ndef block(x, rate=0.0, bn=False):\n    if rate >= 0.0 and not bn:\n        x = layers.Dropout(rate)(x)\n    return x\nblock(1)\n", line=4),
        Invalid("import keras\ni = keras.Input((3,))\nx = keras.layers.Dense(4)(i)\nx = keras.layers.Dropout(0.0)(x)\nm = keras.Model(i, keras.layers.Dense(1)(x))\n", line=4,
                fixed="import keras\ni = keras.Input((3,))\nx = keras.layers.Dense(4)(i)\nm = keras.Model(i, keras.layers.Dense(1)(x))\n"),
    ]

    def check(self, ctx) -> None:
        for call, keyword, expr, values in rate_sites(ctx, kinds=DROPOUT):
            if not values or any(v.value != 0 for v in values):
                continue
            if all(v.from_default for v in values):
                continue  # `dropout=0.0` default of an API parameter: dropout off unless asked for
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
