from dropout_lint.kinds import BATCHNORM, DROPOUT
from dropout_lint.rule import Invalid, Rule, example as _ex

# Layers whose activation= argument decides what feeds the next layer (default: linear).
_WEIGHTED_PREFIXES = ("Dense", "Conv", "SeparableConv", "DepthwiseConv", "EinsumDense", "LocallyConnected")
_ACT_LAYERS = {
    "ReLU": "relu",
    "LeakyReLU": "leaky_relu",
    "ELU": "elu",
    "PReLU": "prelu",
    "Softmax": "softmax",
    "ThresholdedReLU": "thresholded_relu",
}
# Layers a value passes through unchanged in distribution terms for this rule.
_TRANSPARENT = frozenset({"Reshape", "Permute", "Flatten", "GaussianNoise", "Masking"}) | DROPOUT
MAX_DEPTH = 60


def activation_of(ctx, node):
    """('selu' | other name | None (unknown), deciding node) for the activation feeding ``node``."""
    n = node.inputs[0] if node.inputs else None
    depth = 0
    while n is not None and depth < MAX_DEPTH:
        depth += 1
        k = n.kind or ""
        call = n.decl
        if k in _TRANSPARENT:
            n = n.inputs[0] if n.inputs else None
            continue
        if k in BATCHNORM:
            return "batch normalization", n  # BN breaks self-normalisation too
        if k in _ACT_LAYERS:
            return _ACT_LAYERS[k], n
        if k == "Activation" and call is not None:
            return _name(ctx, call.arg("activation", 0), call), n
        if k.startswith(("tf.nn.", "keras.ops.", "keras.activations.", "tf.keras.activations.")):
            return k.rsplit(".", 1)[-1], n
        if k.startswith(_WEIGHTED_PREFIXES) and call is not None:
            expr = call.arg("activation", None)
            if expr is None:
                return "linear (no activation)", n
            return _name(ctx, expr, call), n
        return None, None
    return None, None


def _name(ctx, expr, call):
    if expr is None:
        return None
    v = ctx.const(expr, call.scope)
    if isinstance(v, str):
        return v.lower()
    if v is None and type(expr).__name__ == "Name" and expr.value == "None":
        return "linear (no activation)"
    text = ctx.code(expr)
    last = text.rsplit(".", 1)[-1]
    if "." in text and (
        text.startswith(("tf.", "keras.", "K.", "activations.", "tensorflow.")) or "activations" in text
    ):
        return last.lower()
    return None


class AlphaDropoutWithoutSelu(Rule):
    """AlphaDropout in a stack that is not SELU.

    ## What it does
    Finds an `AlphaDropout` whose input comes from a layer with a non-SELU activation: a
    `Dense`/`Conv` with `activation="relu"` (or no activation at all), an `Activation`, `ReLU`,
    `LeakyReLU` layer, an activation op, or a BatchNormalization. Activations that cannot be
    resolved statically are skipped.

    ## Why is this bad?
    AlphaDropout is made for self-normalising networks (Klambauer et al., NeurIPS 2017): it sets
    dropped units to SELU's negative saturation value and rescales so that the mean and variance
    SELU maintains stay fixed. On ReLU or linear activations those assumptions do not hold; the
    layer shifts the activations' statistics instead of preserving them. Use plain `Dropout`
    there, or make the stack SELU (`activation="selu"`, `kernel_initializer="lecun_normal"`).

    ## Example
    ```python
    layers.Dense(128, activation="relu"),
    layers.AlphaDropout(0.1),
    ```

    ## Use instead
    ```python
    layers.Dense(128, activation="selu", kernel_initializer="lecun_normal"),
    layers.AlphaDropout(0.1),
    ```

    ## When it stays silent
    - The activations of the stack around the AlphaDropout are unknown, or are SELU; test code
      (see `test-code-ignore`).

    ## Fix
    None: choose between plain Dropout and a SELU stack.

    ## References
    - Klambauer, Unterthiner, Mayr, Hochreiter, "Self-Normalizing Neural Networks", NeurIPS 2017.
    """

    code = "DL401"
    name = "alpha-dropout-without-selu"
    severity = "warning"
    requires = ("AlphaDropout", "alpha_dropout")

    valid = [
        "from keras import layers, Sequential\nm = Sequential([layers.Dense(64, activation='selu', kernel_initializer='lecun_normal'), layers.AlphaDropout(0.1), layers.Dense(1)])\n",
        _ex("""
            import keras
            i = keras.Input((8,))
            x = keras.layers.Dense(8)(i)
            x = keras.layers.Activation('selu')(x)
            x = keras.layers.AlphaDropout(0.05)(x)
        """),
        _ex("""
            import tensorflow as tf
            m = tf.keras.Sequential()
            m.add(tf.keras.layers.Dense(32, activation=tf.nn.selu))
            m.add(tf.keras.layers.AlphaDropout(0.1))
        """),
        _ex("""
            from keras import layers, Sequential
            ACT = 'selu'
            m = Sequential([layers.Dense(64, activation=ACT), layers.AlphaDropout(0.1)])
        """),
        _ex("""
            from keras import layers, Sequential
            def build(act):
                return Sequential([layers.Dense(64, activation=act), layers.AlphaDropout(0.1)])
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.Dense(64, activation='relu'), layers.Dropout(0.1)])\n",
        _ex("""
            import keras
            i = keras.Input((8,))
            x = keras.layers.AlphaDropout(0.1)(i)
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3, activation='selu'), layers.Flatten(), layers.AlphaDropout(0.1), layers.Dense(1)])\n",
    ]
    invalid = [
        Invalid(
            _ex("""
                from keras import layers, Sequential
                m = Sequential([
                    layers.Dense(64, activation='relu'),
                    layers.AlphaDropout(0.1),
                    layers.Dense(1),
                ])
            """),
            line=4,
            contains="relu",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(64), layers.AlphaDropout(0.1), layers.Dense(1)])\n",
            line=2,
            contains="linear",
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((8,))
                x = keras.layers.Dense(8)(i)
                x = keras.layers.ReLU()(x)
                x = keras.layers.AlphaDropout(0.05)(x)
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Dense(32, activation=tf.nn.relu))
                m.add(tf.keras.layers.AlphaDropout(0.1))
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                from keras import layers, Sequential
                ACT = 'tanh'
                m = Sequential([layers.Conv1D(8, 3, activation=ACT), layers.AlphaDropout(0.1)])
            """),
            line=3,
            contains="tanh",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(8, activation='selu'), layers.BatchNormalization(), layers.AlphaDropout(0.1)])\n",
            line=2,
        ),
        Invalid(
            _ex("""
                from keras import layers
                def build(act='elu'):
                    return [layers.Dense(64, activation=act), layers.AlphaDropout(0.1)]
                m = keras.Sequential(build())
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                import keras
                class Net(keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.d = keras.layers.Dense(16, activation='gelu')
                        self.a = keras.layers.AlphaDropout(0.1)
                        self.o = keras.layers.Dense(1)
                    def call(self, x):
                        return self.o(self.a(self.d(x)))
            """),
            line=6,
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((8,))
                x = keras.layers.Dense(8, activation='relu')(i)
                x = keras.layers.Activation('selu')(x)
                x = keras.layers.Dense(8, activation='sigmoid')(x)
                x = keras.layers.AlphaDropout(0.1)(x)
            """),
            line=6,
        ),
    ]

    def check(self, ctx) -> None:
        for n in ctx.nodes:
            if n.kind not in ("AlphaDropout", "tf.contrib.nn.alpha_dropout"):
                continue
            act, src = activation_of(ctx, n)
            if act is None or act == "selu":
                continue
            where = f" from `{src.kind}` (line {src.start.row})" if src is not None and src.start else ""
            ctx.report(
                n,
                f"AlphaDropout gets {act} activations{where}: it preserves SELU's self-normalising mean and "
                f"variance only after SELU; use Dropout, or activation='selu' with kernel_initializer='lecun_normal'",
                data={"activation": act},
                once=True,
            )
