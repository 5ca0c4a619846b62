import re

from dropout_lint.finding import Edit, Fix
from dropout_lint.kinds import DROPOUT_OPS, RATE_PARAMS
from dropout_lint.rule import Invalid, Rule
from dropout_lint.rules._common import fmt_rate, rate_arg, short_kind

# Names that say "keep probability": keep_prob, keep_rate, kp, keepProb, dropout_keep_prob, self.keep_prob.
KEEP_NAME = re.compile(r"(^|_)(keep_?prob(ability)?|keep_?rate|kp|keep)($|_)", re.IGNORECASE)


def _keep_named(text: str) -> bool:
    last = text.rsplit(".", 1)[-1]
    last = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", last)
    return bool(KEEP_NAME.search(last))


class KeepProbAsRate(Rule):
    """A keep probability where a drop rate belongs.

    ## What it does
    Finds TF1's `keep_prob=` argument of `tf.nn.dropout` / `tf.compat.v1.nn.dropout`, and a value
    named like a keep probability (`keep_prob`, `keep_rate`, `kp`, `dropout_keep_prob`,
    `self.keep_prob`) passed as the rate of a Dropout-family layer, `tf.nn.dropout(rate=)`,
    `keras.random.dropout` or an RNN layer's `dropout=`.

    ## Why is this bad?
    `keep_prob` is the fraction of units *kept*; `rate` is the fraction *dropped*: `rate = 1 -
    keep_prob`. TensorFlow deprecated `keep_prob` for that reason. Passing a keep probability of
    0.9 as a rate drops 90% of the units instead of 10%, and the model barely trains.

    ## Example
    ```python
    h = tf.nn.dropout(h, keep_prob=0.8)
    x = layers.Dropout(keep_prob)(x)
    ```

    ## Use instead
    ```python
    h = tf.nn.dropout(h, rate=0.2)
    x = layers.Dropout(1 - keep_prob)(x)
    ```

    ## When it stays silent
    - The value's name does not say keep-probability and TF1's `keep_prob=` is not used; a rate
      named `rate` / `dropout` whatever its value; test code (see `test-code-ignore`).
    - A keep-named value whose known values are all at most 0.5 (`dropout_keep_prob=0.2` passed
      as the rate): a keep probability that low is not what anyone means, so the value is a rate
      under a misleading name, and the code does what it says.

    ## Fix
    `keep_prob=k` becomes `rate=1 - k` (`rate=0.2` for a literal 0.8); a keep-named value passed
    as a rate becomes `1 - value`. Review the fix when the name, not the value, was wrong.

    ## References
    - TensorFlow API: `tf.nn.dropout` ("keep_prob is deprecated, use rate = 1 - keep_prob").
    - Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from Overfitting", JMLR 2014.

    ## Fix safety
    Safe for `keep_prob=k`, rewritten as `rate=1 - k`: exactly what TensorFlow computes from
    `keep_prob`. Unsafe for a value passed as `rate` that is only *named* like a keep probability
    (`rate=keep_prob` becomes `rate=1 - keep_prob`): the name may be wrong, and the fix changes
    the rate; that one needs `--unsafe-fixes`.
    """

    code = "DL204"
    name = "keep-prob-as-rate"
    severity = "warning"
    # Every finding is on a dropout call (a Dropout-family layer, an RNN's `dropout=`, a dropout
    # op), whose name holds "ropout"; "keep" alone would make most ordinary files parse.
    requires = ("ropout",)
    fixable = True
    fix_safety = "safe"

    valid = [
        "from keras import layers\ndef head(x, dropout_keep_prob=0.2):\n    return layers.Dropout(dropout_keep_prob)(x)\n",
        "import tensorflow as tf\nh = tf.nn.dropout(h, rate=0.2)\n",
        "from keras import layers\nkeep_prob = 0.8\nx = layers.Dropout(1 - keep_prob)(x)\n",
        "from keras import layers\nrate = 0.3\nlayers.Dropout(rate)\n",
        "import tensorflow as tf\ncell = tf.compat.v1.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=0.8)\n",
        "from keras import layers\nkeep_prob = 0.9\nlayers.Dropout(rate=1.0 - keep_prob)\n",
        "import torch\ntorch.nn.functional.dropout(x, p=keep_prob)\n",
        "from keras import layers\nkeeper_rate = 0.2\nlayers.Dropout(keeper_rate)\n",
        "from keras import layers\nlayers.Dense(8, kernel_regularizer=keep)\n",
        "import tensorflow as tf\nkeep_prob = 0.8\nh = tf.nn.dropout(h, rate=1 - keep_prob)\n",
    ]
    invalid = [
        Invalid("import tensorflow as tf\nh = tf.nn.dropout(h, keep_prob=0.8)\n", line=2, contains="keep_prob",
                fixed="import tensorflow as tf\nh = tf.nn.dropout(h, rate=0.2)\n"),
        Invalid("import tensorflow as tf\nh = tf.nn.dropout(h, keep_prob=keep_prob)\n", line=2,
                fixed="import tensorflow as tf\nh = tf.nn.dropout(h, rate=1 - keep_prob)\n"),
        Invalid("import tensorflow as tf\nh = tf.compat.v1.nn.dropout(h, keep_prob=self.kp + 0.1)\n", line=2,
                fixed="import tensorflow as tf\nh = tf.compat.v1.nn.dropout(h, rate=1 - (self.kp + 0.1))\n"),
        Invalid("from keras import layers\nkeep_prob = 0.9\nx = layers.Dropout(keep_prob)(x)\n", line=3, contains="0.9",
                fixed="from keras import layers\nkeep_prob = 0.9\nx = layers.Dropout(1 - keep_prob)(x)\n"),
        Invalid("from keras import layers\ndef block(x, keep_rate=0.8):\n    return layers.Dropout(rate=keep_rate)(x)\n", line=3,
                fixed="from keras import layers\ndef block(x, keep_rate=0.8):\n    return layers.Dropout(rate=1 - keep_rate)(x)\n"),
        Invalid("import tensorflow as tf\nclass M(tf.keras.Model):\n    def __init__(self, kp):\n        super().__init__()\n        self.drop = tf.keras.layers.Dropout(kp)\n", line=5,
                fixed="import tensorflow as tf\nclass M(tf.keras.Model):\n    def __init__(self, kp):\n        super().__init__()\n        self.drop = tf.keras.layers.Dropout(1 - kp)\n"),
        Invalid("from keras import layers\nlayers.LSTM(8, dropout=FLAGS.dropout_keep_prob)\n", line=2),
        Invalid("import tensorflow as tf\ny = tf.nn.dropout(x, rate=keepProb)\n", line=2),
        Invalid("import tensorflow as tf\nh = tf.nn.dropout(h, 0.5, keep_prob=0.5)\n", line=2),
    ]

    def check(self, ctx) -> None:
        for call in ctx.calls:
            if call.kind in DROPOUT_OPS and "keep_prob" in call.keywords:
                arg = call.keywords["keep_prob"]
                self._keep_prob_keyword(ctx, call, arg)
                continue
            if call.kind not in RATE_PARAMS:
                continue
            for keyword, index in RATE_PARAMS[call.kind]:
                expr = rate_arg(ctx, call, keyword, index)
                if expr is None:
                    continue
                text = ctx.code(expr)
                if not _is_name(expr) or not _keep_named(text):
                    continue
                vals = ctx.number(expr, call.scope)
                if vals and all(v.value <= 0.5 for v in vals):
                    continue  # ``Dropout(dropout_keep_prob)`` with 0.2: a rate under a misleading name
                value = f" (= {fmt_rate(vals[0].value)})" if vals and len(vals) == 1 else ""
                start, end = _span(ctx, expr)
                ctx.report(
                    call,
                    f"{short_kind(call)} {keyword} is `{text}`{value}, named like a keep probability: the "
                    f"rate is the fraction dropped, i.e. 1 - keep probability",
                    fix=Fix(f"Pass `1 - {text}`", [Edit(f"1 - {text}", start, end)], "unsafe"),
                    data={"name": text},
                )

    def _keep_prob_keyword(self, ctx, call, arg) -> None:
        expr = arg.value
        text = ctx.code(expr)
        vals = ctx.number(expr, call.scope)
        fix = None
        if call.arg("rate", None) is None:
            if _is_literal(expr) and vals and len(vals) == 1 and 0 <= vals[0].value <= 1:
                new = fmt_rate(round(1 - vals[0].value, 10))
            elif _is_name(expr):
                new = f"1 - {text}"
            else:
                new = f"1 - ({text})"
            start, _ = _span(ctx, arg)
            _, end = _span(ctx, expr)
            fix = Fix(f"Use `rate={new}`", [Edit(f"rate={new}", start, end)])
        value = f" {fmt_rate(vals[0].value)}" if vals and len(vals) == 1 else ""
        ctx.report(
            call,
            f"`keep_prob={text}` is TF1's deprecated keep probability{value}: pass `rate` (the fraction dropped, "
            f"1 - keep_prob) instead",
            fix=fix,
            data={"keep_prob": text},
        )


def _span(ctx, node):
    from dropout_lint.fixes import _pos

    return _pos(ctx, node)


def _is_name(expr) -> bool:
    return type(expr).__name__ in ("Name", "Attribute")


def _is_literal(expr) -> bool:
    return type(expr).__name__ in ("Float", "Integer")
