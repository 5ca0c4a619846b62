from dropout_lint.kinds import RATE_PARAMS, is_dropout
from dropout_lint.rule import Invalid, Rule
from dropout_lint.rules._common import fmt_rate, rate_arg


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

    ## Fix
    Merges both layers into one at the compound rate (when both rates are known).

    ## References
    - Srivastava et al., JMLR 2014, section 2 (retention probability).
    """

    code = "DL103"
    name = "consecutive-dropout"
    severity = "warning"
    requires = ("ropout",)
    fixable = True

    valid = [
        "from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.Dense(8), layers.Dropout(0.5)])\n",
        "import tensorflow as tf\nm = tf.keras.Sequential()\nm.add(tf.keras.layers.Dropout(0.2))\nm.add(tf.keras.layers.Dense(4))\nm.add(tf.keras.layers.Dropout(0.2))\n",
        "import keras\ni = keras.Input((4,))\na = keras.layers.Dropout(0.1)(i)\nb = keras.layers.Dropout(0.1)(i)\nm = keras.Model(i, keras.layers.Concatenate()([a, b]))\n",
        "model = Sequential([Dense(4), Dropout(0.5), Dense(2)])\n",
        "from torch import nn\nnet = nn.Sequential(nn.Dropout(0.5), nn.Dropout(0.5))\n",
        "from keras import layers\ndef f(x):\n    x = layers.Dropout(0.3)(x)\n    x = layers.Dense(3)(x)\n    return layers.Dropout(0.3)(x)\n",
        "import tensorflow as tf\ndef net(x):\n    h = tf.nn.dropout(x, rate=0.1)\n    h = tf.nn.relu(tf.matmul(h, w))\n    return tf.nn.dropout(h, rate=0.1)\n",
        "from keras.layers import Dropout, GaussianNoise\nfrom keras import Sequential\nm = Sequential([Dropout(0.2), GaussianNoise(0.1)])\n",
    ]
    invalid = [
        Invalid("from keras import layers, Sequential\nm = Sequential([layers.Dense(8), layers.Dropout(0.5), layers.Dropout(0.5), layers.Dense(1)])\n", line=2, contains="0.75"),
        Invalid("import tensorflow as tf\nm = tf.keras.Sequential()\nm.add(tf.keras.layers.Dense(4))\nm.add(tf.keras.layers.Dropout(0.2))\nm.add(tf.keras.layers.Dropout(0.3))\nm.add(tf.keras.layers.Dense(1))\n", line=5, contains="0.44"),
        Invalid("import keras\ni = keras.Input((4,))\nx = keras.layers.Dropout(0.1)(i)\nx = keras.layers.GaussianDropout(0.1)(x)\n", line=4),
        Invalid("model = Sequential([Dense(4), Dropout(0.5), Dropout(0.2), Dense(2)])\n", line=1),
        Invalid("from keras import layers as L\ndef f(x):\n    x = L.Dense(3)(x)\n    x = L.Dropout(0.3)(x)\n    return L.SpatialDropout1D(0.3)(x)\n", line=5),
        Invalid("import tensorflow as tf\ndef net(x):\n    h = tf.nn.dropout(x, rate=0.1)\n    return tf.nn.dropout(h, rate=0.1)\n", line=4),
        Invalid("import tensorflow as tf\nL = tf.keras.layers\nm = tf.keras.Sequential([L.Dense(2), L.Dropout(0.4), L.AlphaDropout(0.1)])\n", line=3),
        Invalid("from tensorflow.keras.layers import Dropout\nd1 = Dropout(0.5)\nd2 = Dropout(0.5)\ndef f(x):\n    return d2(d1(x))\n", line=3),
    ]

    def check(self, ctx) -> None:
        for n in ctx.nodes:
            if not is_dropout(n.kind):
                continue
            prev = next((i for i in n.inputs if is_dropout(i.kind)), None)
            if prev is None:
                continue
            p, q = _rate(ctx, prev), _rate(ctx, n)
            if p is not None and q is not None:
                combined = 1 - (1 - p) * (1 - q)
                rates = f" (rates {fmt_rate(p)} then {fmt_rate(q)} compound to {combined:.4g})"
                advice = f"merge them into one Dropout({combined:.4g})"
            else:
                rates = ""
                advice = "merge them into one Dropout at rate 1-(1-p)(1-q)"
            ctx.report(
                n,
                f"{n.kind} directly after {prev.kind} (line {prev.start.row}){rates}: {advice}",
                data={"first_line": prev.start.row},
                once=True,
            )


def _rate(ctx, node):
    call = node.decl
    if call is None or call.kind not in RATE_PARAMS:
        return None
    keyword, index = RATE_PARAMS[call.kind][0]
    expr = rate_arg(ctx, call, keyword, index)
    if expr is None:
        return None
    vals = ctx.number(expr, call.scope)
    if vals and len({v.value for v in vals}) == 1:
        return float(vals[0].value)
    return None
