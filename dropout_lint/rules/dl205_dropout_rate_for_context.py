from dropout_lint.kinds import DROPOUT, RATE_PARAMS, RNN_LAYERS
from dropout_lint.rule import Invalid, Rule, Valid, example as _ex
from dropout_lint.rules._common import describe, fmt_rate, rate_arg, rate_sites, short_kind
from dropout_lint.rules._shapes import conv_dims, producer, spatial_dims


class DropoutRateForContext(Rule):
    """A dropout rate high for where the dropout sits.

    ## What it does
    Off by default (`--extend-select DL205`). Finds rates above what works in practice for the
    layer's context:
    - after convolutions (a Dropout fed by a conv/pooling layer, or any SpatialDropout):
      above `conv-max-rate` (default 0.25);
    - recurrent dropout (`dropout=` / `recurrent_dropout=` of LSTM/GRU/SimpleRNN/ConvLSTM and
      their cells): above `recurrent-max-rate` (default 0.3);
    - just before the output layer (the Dropout feeding a model's output layer): above
      `output-max-rate` (default 0.5).
    Rates are resolved statically, through call sites of model-building functions.

    ## Why is this bad?
    Convolutional feature maps have few parameters and strong spatial correlation: rates of
    0.1-0.25 regularise, higher ones mainly slow training. Recurrent dropout is applied at every
    time step, so its effect compounds (Gal & Ghahramani use 0.2-0.3). Before the classifier, the
    original paper retains at least half the units (Srivastava et al., rate <= 0.5).

    ## Example
    ```python
    layers.Conv2D(64, 3), layers.Dropout(0.5)
    layers.LSTM(64, recurrent_dropout=0.5)
    ```

    ## Use instead
    ```python
    layers.Conv2D(64, 3), layers.Dropout(0.2)
    layers.LSTM(64, recurrent_dropout=0.2)
    ```

    ## When it stays silent
    - The layer's place (conv, recurrent, before the output) is not known from the file, or the
      rate is unknown. Off by default.

    ## Fix
    None: the right rate depends on the model; lower it into the range the message gives.

    ## Options
    `conv-max-rate` (0.25), `recurrent-max-rate` (0.3), `output-max-rate` (0.5).

    ## References
    - Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 2014.
    - Gal & Ghahramani, "A Theoretically Grounded Application of Dropout in Recurrent Neural Networks", NeurIPS 2016.
    """

    code = "DL205"
    name = "dropout-rate-for-context"
    severity = "info"
    default = False
    requires = ("ropout",)
    options = {"conv-max-rate": 0.25, "recurrent-max-rate": 0.3, "output-max-rate": 0.5}

    valid = [
        "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Dropout(0.25), layers.Flatten(), layers.Dense(64), layers.Dropout(0.5), layers.Dense(10)])\n",
        "from keras import layers\nlayers.LSTM(8, dropout=0.2, recurrent_dropout=0.3)\n",
        "from keras import layers, Sequential\nm = Sequential([layers.Dense(64), layers.Dropout(0.6), layers.Dense(64), layers.Dense(1)])\n",
        "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Flatten(), layers.Dropout(0.5), layers.Dense(1)])\n",
        Valid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Dropout(0.4)])\n",
            options={"conv-max-rate": 0.4},
        ),
        Valid("from keras import layers\nlayers.GRU(8, recurrent_dropout=0.5)\n", options={"recurrent-max-rate": 0.5}),
        _ex("""
            from keras import layers
            def build(rate):
                return layers.LSTM(8, dropout=rate)
            for r in (0.1, 0.2):
                build(r)
        """),
        "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.SpatialDropout2D(0.2)])\n",
    ]
    invalid = [
        Invalid(
            _ex("""
                from keras import layers, Sequential
                m = Sequential([
                    layers.Conv2D(8, 3),
                    layers.Dropout(0.5),
                    layers.Flatten(),
                    layers.Dense(1),
                ])
            """),
            line=4,
            contains="conv",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.SpatialDropout2D(0.4)])\n",
            line=2,
        ),
        Invalid("from keras import layers\nlayers.LSTM(8, recurrent_dropout=0.5)\n", line=2, contains="recurrent"),
        Invalid(
            "from keras import layers\nlayers.Bidirectional(layers.GRU(8, dropout=0.4, recurrent_dropout=0.4))\n",
            count=2,
            line=2,
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Dense(64), layers.Dropout(0.7), layers.Dense(10, activation='softmax')])\n",
            line=2,
            contains="output",
        ),
        Invalid(
            _ex("""
                import keras
                i = keras.Input((8,))
                x = keras.layers.Dense(8)(i)
                x = keras.layers.Dropout(0.6)(x)
                o = keras.layers.Dense(1)(x)
                m = keras.Model(i, o)
            """),
            line=4,
        ),
        Invalid(
            _ex("""
                from keras import layers
                def build(rate):
                    return layers.LSTM(8, dropout=rate)
                for r in (0.1, 0.2, 0.5):
                    build(r)
            """),
            line=3,
            contains="build(r) with 0.5",
        ),
        Invalid(
            "from keras import layers, Sequential\nm = Sequential([layers.Conv2D(8, 3), layers.Dropout(0.3)])\n",
            options={"conv-max-rate": 0.2},
        ),
        Invalid("from keras import layers\nlayers.RNN(layers.LSTMCell(8, dropout=0.45))\n", line=2),
    ]

    def check(self, ctx) -> None:
        rec = ctx.option("recurrent-max-rate")
        for call, keyword, expr, values in rate_sites(ctx, RNN_LAYERS):
            bad = [v for v in values or [] if rec < v.value < 1]
            if bad:
                text, data = describe(bad)
                ctx.report(
                    call,
                    f"{short_kind(call)} {keyword} {text} is above {fmt_rate(rec)} for recurrent dropout: "
                    f"it applies at every time step; use 0.1-{fmt_rate(rec)}",
                    data={**data, "context": "recurrent"},
                )
        conv = ctx.option("conv-max-rate")
        out = ctx.option("output-max-rate")
        before_output = {id(i) for g in ctx.graphs if not g.is_submodel for o in g.outputs for i in o.inputs}
        for n in ctx.nodes:
            if n.kind not in DROPOUT or n.kind == "AlphaDropout":
                continue
            src = producer(n)
            if spatial_dims(n.kind) is not None or (src is not None and conv_dims(src.kind) is not None):
                limit, context, advice = conv, "after convolutions", f"use 0.1-{fmt_rate(conv)}"
            elif id(n) in before_output:
                limit, context, advice = out, "just before the output layer", f"use at most {fmt_rate(out)}"
            else:
                continue
            bad = [v for v in _rates(ctx, n) if limit < v.value < 1]
            if not bad:
                continue
            text, data = describe(bad)
            ctx.report(
                n,
                f"{n.kind} rate {text} is above {fmt_rate(limit)} {context}: {advice}",
                data={**data, "context": context},
                once=True,
            )


def _rates(ctx, node):
    call = node.decl
    if call is None or call.kind not in RATE_PARAMS:
        return []
    keyword, index = RATE_PARAMS[call.kind][0]
    expr = rate_arg(ctx, call, keyword, index)
    return (ctx.number(expr, call.scope) or []) if expr is not None else []
