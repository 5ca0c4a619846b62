from dropout_lint.finding import Edit, Fix
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules._shapes import conv_dims, producer, rank


class PreferSpatialDropout(Rule):
    """Plain Dropout on convolutional feature maps.

    ## What it does
    Finds a plain `Dropout` applied directly to the output of a convolution or pooling layer
    (through batch normalization and activations), where the input is a 3D, 4D or 5D feature map.
    Off by default (`--extend-select DL104`).

    ## Why is this bad?
    Neighbouring pixels of a feature map are strongly correlated, so dropping single activations
    barely regularises: the lost value is recoverable from its neighbours, and the effective
    dropout is much weaker than the rate says. `SpatialDropoutND` drops whole channels instead,
    which is what regularises convolutional layers (Tompson et al., CVPR 2015).

    ## Example
    ```python
    layers.Conv2D(64, 3, activation="relu"),
    layers.Dropout(0.2),
    ```

    ## Use instead
    ```python
    layers.Conv2D(64, 3, activation="relu"),
    layers.SpatialDropout2D(0.2),
    ```

    ## When it stays silent
    - The input's rank is not known to be 3D/4D/5D conv feature maps (after Flatten, Dense or
      global pooling, or from code the file does not show). Off by default.

    ## Fix
    Replaces `Dropout` with `SpatialDropout1D/2D/3D` when the layer is written as an attribute
    (`layers.Dropout`), so the new name resolves through the same module. Unsafe: it changes
    what is dropped.

    ## References
    - Tompson, Goroshin, Jain, LeCun, Bregler, "Efficient Object Localization Using Convolutional Networks", CVPR 2015.

    ## Fix safety
    Unsafe. SpatialDropout drops whole feature maps instead of single units: the model trains
    differently. Applied with `--fix --unsafe-fixes` only.
    """

    code = "DL104"
    name = "prefer-spatial-dropout"
    severity = "info"
    default = False
    requires = ("ropout",)
    fixable = True
    fix_safety = "unsafe"

    valid = [
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.SpatialDropout2D(0.2)])\n"
        ),
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Flatten(), layers.Dropout(0.5), layers.Dense(1)])\n"
        ),
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.GlobalAveragePooling2D(), layers.Dropout(0.5)])\n"
        ),
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(8, input_shape=(4,)), layers.Dropout(0.5)])\n"
        ),
        Valid(
            _ex("""
            from keras import layers
            def f(x):
                return layers.Dropout(0.2)(x)
        """)
        ),
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Dropout(0.2, noise_shape=(None, 1, 1, 8))])\n"
        ),
        Valid(
            _ex("""
                import keras
                i = keras.Input((10, 4))
                x = keras.layers.LSTM(8, return_sequences=True)(i)
                x = keras.layers.Dropout(0.2)(x)
            """)
        ),
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Dense(4), layers.Flatten(), layers.Dropout(0.2)])\n"
        ),
    ]
    invalid = [
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Dropout(0.2)])\n",
            line=2,
            contains="SpatialDropout2D",
            fixed="from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.SpatialDropout2D(0.2)])\n",
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Conv1D(8, 3))
                m.add(tf.keras.layers.Dropout(0.1))
            """),
            line=4,
            contains="SpatialDropout1D",
            fixed=_ex("""
                import tensorflow as tf
                m = tf.keras.Sequential()
                m.add(tf.keras.layers.Conv1D(8, 3))
                m.add(tf.keras.layers.SpatialDropout1D(0.1))
            """),
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv3D(4, 3), layers.BatchNormalization(), layers.ReLU(), layers.Dropout(0.2)])\n",
            line=2,
            contains="SpatialDropout3D",
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((32, 32, 3))
                x = keras.layers.Conv2D(8, 3, activation='relu')(i)
                x = keras.layers.MaxPooling2D()(x)
                x = keras.layers.Dropout(0.25)(x)
            """),
            line=5,
        ),
        Invalid(
            _ex("""
                from keras.layers import Conv2D, Dropout
                from keras import Sequential
                m = Sequential([Conv2D(8, 3), Dropout(0.2)])
            """),
            line=3,
        ),
        Invalid(
            _ex("""
                from keras import layers
                def block(x):
                    x = layers.SeparableConv2D(8, 3)(x)
                    return layers.Dropout(0.1)(x)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                import keras
                class Net(keras.Model):
                    def __init__(self):
                        super().__init__()
                        self.c = keras.layers.Conv2D(8, 3)
                        self.d = keras.layers.Dropout(0.2)
                    def call(self, x):
                        return self.d(self.c(x))
            """),
            line=6,
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.UpSampling2D(), layers.Dropout(0.3), layers.Conv2D(3, 1)])\n",
            line=2,
            fixed="from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.UpSampling2D(), layers.SpatialDropout2D(0.3), layers.Conv2D(3, 1)])\n",
        ),
    ]

    def check(self, ctx) -> None:
        for n in ctx.nodes:
            if n.kind != "Dropout" or not n.inputs or n.spec is None or n.spec.wrapper:
                continue
            call = n.decl
            if call is None or call.arg("noise_shape", 2) is not None:
                continue
            src = producer(n)
            dims = conv_dims(src.kind) if src is not None else None
            if dims is None:
                continue
            r, _ = rank(ctx, n.inputs[0])
            if r is not None and r != dims + 2:
                continue
            new = f"SpatialDropout{dims}D"
            ctx.report(
                n,
                f"Dropout on the {dims + 2}D feature maps of `{src.kind}` (line {src.start.row}) drops single, "
                f"correlated activations; {new} drops whole channels",
                fix=_rename(ctx, call, new),
                data={"suggest": new},
                once=True,
            )


def _rename(ctx, call, new):
    func = call.node.func
    if type(func).__name__ != "Attribute":
        return None  # a bare name would need an import
    from dropout_lint.fixes import _pos

    start, end = _pos(ctx, func.attr)
    return Fix(f"Use {new}", [Edit(new, start, end)])
