from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules._shapes import rank, spatial_dims

_LAYOUT = {1: "(batch, steps, channels)", 2: "(batch, rows, cols, channels)", 3: "(batch, dim1, dim2, dim3, channels)"}


class SpatialDropoutRank(Rule):
    """A SpatialDropout1D/2D/3D whose input cannot have the rank it needs.

    ## What it does
    Finds `SpatialDropout1D`, `SpatialDropout2D` and `SpatialDropout3D` applied to a tensor whose
    rank is known and is not 3, 4 or 5 respectively: after `Flatten`, a `GlobalPooling` layer, a
    `Dense` on flat features, an `LSTM` without `return_sequences=True`, or a conv layer of another
    dimensionality. Ranks come from what the code states (`Input(shape=...)`, `input_shape=`,
    layer kinds); when the rank cannot be known the rule stays silent.

    ## Why is this bad?
    SpatialDropoutND drops whole feature maps: it needs `(batch, *spatial, channels)` input. Keras
    rejects any other rank when the model is built ("expected ndim=4, found ndim=2"), so the
    model never trains; the usual intent was a plain `Dropout` on flat features.

    ## Example
    ```python
    model = keras.Sequential([
        layers.Conv2D(32, 3, activation="relu"),
        layers.Flatten(),
        layers.SpatialDropout2D(0.2),
        layers.Dense(10, activation="softmax"),
    ])
    ```

    ## Use instead
    ```python
    model = keras.Sequential([
        layers.Conv2D(32, 3, activation="relu"),
        layers.SpatialDropout2D(0.2),
        layers.Flatten(),
        layers.Dense(10, activation="softmax"),
    ])
    ```

    ## When it stays silent
    - The input's rank is not known from the file (the layer before it is not Flatten, Dense,
      global pooling or a known conv layer).
    - Test code (see `test-code-ignore`).

    ## Fix
    None: move the layer before the flattening, or use `Dropout`.

    ## References
    - Tompson et al., "Efficient Object Localization Using Convolutional Networks", CVPR 2015 (spatial dropout).
    - Keras API: `keras.layers.SpatialDropout2D`.
    """

    code = "DL105"
    name = "spatial-dropout-rank"
    severity = "error"
    requires = ("SpatialDropout",)

    valid = [
        "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.SpatialDropout2D(0.2), layers.Flatten(), layers.Dense(1)])\n",
        _ex("""
            import keras
            i = keras.Input((100, 16))
            x = keras.layers.Conv1D(8, 3)(i)
            x = keras.layers.SpatialDropout1D(0.3)(x)
        """),
        _ex("""
            import keras
            i = keras.Input((100,))
            x = keras.layers.Embedding(1000, 64)(i)
            x = keras.layers.SpatialDropout1D(0.2)(x)
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.LSTM(8, return_sequences=True), layers.SpatialDropout1D(0.2)])\n",
        "from keras import layers, Sequential\nm = Sequential([layers.Conv3D(4, 3), layers.BatchNormalization(), layers.Activation('relu'), layers.SpatialDropout3D(0.1)])\n",
        # unknown input rank: silent
        _ex("""
            from keras import layers
            def block(x):
                return layers.SpatialDropout2D(0.2)(layers.Dense(8)(x))
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.GlobalAveragePooling2D(keepdims=True), layers.SpatialDropout2D(0.2)])\n",
        _ex("""
            import keras
            i = keras.Input((32, 32, 3))
            x = keras.layers.Dense(16)(i)
            x = keras.layers.SpatialDropout2D(0.2)(x)
        """),
        "from torch import nn\nnet = nn.Sequential(nn.Flatten(), nn.Dropout2d(0.2))\n",
    ]
    invalid = [
        Invalid(
            _ex("""
                from keras import layers, Sequential
                m = Sequential([
                    layers.Conv2D(8, 3),
                    layers.Flatten(),
                    layers.SpatialDropout2D(0.2),
                    layers.Dense(1),
                ])
            """),
            line=5,
            contains="Flatten",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.GlobalMaxPooling2D(), layers.SpatialDropout2D(0.2)])\n",
            line=2,
            contains="2D",
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((20,))
                x = keras.layers.Dense(16)(i)
                x = keras.layers.SpatialDropout1D(0.2)(x)
            """),
            line=4,
            contains="Dense",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.LSTM(8), layers.SpatialDropout1D(0.2)])\n",
            line=2,
            contains="LSTM",
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Conv1D(8, 3, input_shape=(100, 4)))
                m.add(tf.keras.layers.SpatialDropout2D(0.3))
            """),
            line=4,
            contains="Conv1D",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(32, input_shape=(10,)), layers.Activation('relu'), layers.SpatialDropout1D(0.2)])\n",
            line=2,
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((32, 32, 3))
                x = keras.layers.Conv2D(8, 3)(i)
                x = keras.layers.GlobalAveragePooling2D()(x)
                x = keras.layers.BatchNormalization()(x)
                x = keras.layers.SpatialDropout2D(0.5)(x)
            """),
            line=6,
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv3D(4, 3), layers.SpatialDropout2D(0.2)])\n",
            line=2,
            contains="5D",
        ),
        Invalid(
            _ex("""
                import keras
                class Head(keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.flat = keras.layers.Flatten()
                        self.drop = keras.layers.SpatialDropout2D(0.2)
                        self.out = keras.layers.Dense(1)
                    def call(self, x):
                        return self.out(self.drop(self.flat(x)))
            """),
            line=6,
        ),
    ]

    def check(self, ctx) -> None:
        for n in ctx.nodes:
            dims = spatial_dims(n.kind)
            if dims is None or not n.inputs or (n.spec is not None and n.spec.wrapper):
                continue
            r, src = rank(ctx, n.inputs[0])
            if r is None or r == dims + 2:
                continue
            after = f" from `{src.kind}` (line {src.start.row})" if src is not None and src.kind and src.start else ""
            ctx.report(
                n,
                f"{n.kind} needs {dims + 2}D input {_LAYOUT[dims]} but gets {r}D{after}: Keras rejects it when "
                f"the model is built; apply it to the feature maps before flattening, or use Dropout",
                data={"expected_rank": dims + 2, "rank": r},
                once=True,
            )
