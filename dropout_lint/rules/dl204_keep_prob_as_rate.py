import re

from dropout_lint.finding import Edit, Fix
from dropout_lint.kinds import DROPOUT_OPS, RATE_PARAMS
from dropout_lint.rule import Invalid, Rule, example as _ex
from dropout_lint.rules._common import first_use, fmt_rate, rate_arg, short_kind

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
    - `keep_prob=` in code whose TensorFlow version is not shown to be 1.13 or later: TF 1.0-1.12
      and `tf.contrib`'s dropout ops take only `keep_prob`, so it is right there. The file must
      call `tf.compat.*` (or another 1.13+ API), pass `rate=` to `tf.nn.dropout` elsewhere, or (a
      notebook) show TensorFlow's deprecation warning in its output, or its project declare
      tensorflow 1.13 or later (`requirements*.txt`, `setup.py`, `setup.cfg`, `pyproject.toml`,
      `environment.yml`, `Pipfile` in its folder or above: the lowest version allowed decides,
      and a project declaring an older TensorFlow is silent); a call that also passes a
      rate, and `tf.layers.dropout(keep_prob=)` (which has no such parameter), are always reported.
    - The value's name does not say keep-probability and TF1's `keep_prob=` is not used; a rate
      named `rate` / `dropout` whatever its value; test code (see `test-code-ignore`).
    - A keep-named value passed as a rate whose values the analysis cannot see (a parameter no
      call site sets, `FLAGS.keep_prob`): only the name would say it is a keep probability, and a
      name is not proof (`def build(keep_prob=0.5)` fed 0.1-0.5 by a search is a rate).
    - A keep-named value with a known value of at most 0.5 (`dropout_keep_prob=0.2` passed as the
      rate): a keep probability that low is not what anyone means, so the value is a rate under a
      misleading name, and the code does what it says; at 0.5 keeping and dropping are the same.

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
        _ex("""
            from keras import layers
            def head(x, dropout_keep_prob=0.2):
                return layers.Dropout(dropout_keep_prob)(x)
        """),
        "import tensorflow as tf\nh = tf.nn.dropout(h, rate=0.2)\n",
        _ex("""
            from keras import layers
            keep_prob = 0.8
            x = layers.Dropout(1 - keep_prob)(x)
        """),
        _ex("""
            from keras import layers
            rate = 0.3
            layers.Dropout(rate)
        """),
        "import tensorflow as tf\ncell = tf.compat.v1.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=0.8)\n",
        _ex("""
            from keras import layers
            keep_prob = 0.9
            layers.Dropout(rate=1.0 - keep_prob)
        """),
        "import torch\ntorch.nn.functional.dropout(x, p=keep_prob)\n",
        _ex("""
            from keras import layers
            keeper_rate = 0.2
            layers.Dropout(keeper_rate)
        """),
        "from keras import layers\nlayers.Dense(8, kernel_regularizer=keep)\n",
        # only the name says keep: no value is known
        "from keras import layers\nlayers.LSTM(8, dropout=FLAGS.dropout_keep_prob)\n",
        _ex("""
            import tensorflow as tf
            class M(tf.keras.Model):
                def __init__(self, kp):
                    super().__init__()
                    self.drop = tf.keras.layers.Dropout(kp)
        """),
        # a search feeds drop rates under a keep name
        _ex("""
            from keras import layers
            def build(x, keep_prob=0.5):
                return layers.Dropout(keep_prob)(x)
            build(x, keep_prob=0.3)
        """),
        _ex("""
            import tensorflow as tf
            keep_prob = 0.8
            h = tf.nn.dropout(h, rate=1 - keep_prob)
        """),
        # TF1 code of an unknown version: keep_prob was the API until 1.13
        _ex("""
            import tensorflow as tf
            x = tf.placeholder(tf.float32)
            h = tf.nn.dropout(x, keep_prob=0.8)
        """),
        # tf.contrib's dropout takes only keep_prob
        "from tensorflow.contrib.layers import dropout\nh = dropout(x, keep_prob=0.5, is_training=t)\n",
        # tf.layers.dropout always took rate=: no sign of TF 1.13
        _ex("""
            import tensorflow as tf
            h = tf.layers.dropout(x, rate=0.1, training=t)
            g = tf.nn.dropout(h, keep_prob=0.9)
        """),
        # TF 1.x eager code has GradientTape too
        _ex("""
            import tensorflow as tf
            with tf.GradientTape() as tape:
                h = tf.nn.dropout(x, keep_prob=0.9)
        """),
    ]
    invalid = [
        Invalid(
            _ex("""
                import tensorflow as tf
                tf.random.set_seed(0)
                h = tf.nn.dropout(h, keep_prob=0.8)
            """),
            line=3,
            contains="tf.random.set_seed",
            fixed=_ex("""
                import tensorflow as tf
                tf.random.set_seed(0)
                h = tf.nn.dropout(h, rate=0.2)
            """),
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                g = tf.nn.dropout(g, rate=0.1)
                h = tf.nn.dropout(h, keep_prob=keep_prob)
            """),
            line=3,
            contains="elsewhere",
            fixed=_ex("""
                import tensorflow as tf
                g = tf.nn.dropout(g, rate=0.1)
                h = tf.nn.dropout(h, rate=1 - keep_prob)
            """),
        ),
        Invalid(
            "import tensorflow as tf\nh = tf.compat.v1.nn.dropout(h, keep_prob=self.kp + 0.1)\n",
            line=2,
            fixed="import tensorflow as tf\nh = tf.compat.v1.nn.dropout(h, rate=1 - (self.kp + 0.1))\n",
        ),
        Invalid(
            _ex("""
                from keras import layers
                keep_prob = 0.9
                x = layers.Dropout(keep_prob)(x)
            """),
            line=3,
            contains="0.9",
            fixed=_ex("""
                from keras import layers
                keep_prob = 0.9
                x = layers.Dropout(1 - keep_prob)(x)
            """),
        ),
        Invalid(
            _ex("""
                from keras import layers
                def block(x, keep_rate=0.8):
                    return layers.Dropout(rate=keep_rate)(x)
            """),
            line=3,
            fixed=_ex("""
                from keras import layers
                def block(x, keep_rate=0.8):
                    return layers.Dropout(rate=1 - keep_rate)(x)
            """),
        ),
        Invalid(
            _ex("""
                import tensorflow as tf
                class M(tf.keras.Model):
                    def __init__(self, kp=0.75):
                        super().__init__()
                        self.drop = tf.keras.layers.Dropout(kp)
            """),
            line=5,
            fixed=_ex("""
                import tensorflow as tf
                class M(tf.keras.Model):
                    def __init__(self, kp=0.75):
                        super().__init__()
                        self.drop = tf.keras.layers.Dropout(1 - kp)
            """),
        ),
        Invalid(
            _ex("""
                from keras import layers
                DROPOUT_KEEP_PROB = 0.9
                layers.LSTM(8, dropout=DROPOUT_KEEP_PROB)
            """),
            line=3,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            keepProb = 0.75
            y = tf.nn.dropout(x, rate=keepProb)
        """),
            line=3,
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            class Net:
                def __init__(self):
                    self.keep_prob = tf.constant(0.75)
                def head(self, x, training):
                    return tf.layers.dropout(x, self.keep_prob, training=training)
            """),
            line=6,
            contains="= 0.75",
        ),
        Invalid("import tensorflow as tf\nh = tf.nn.dropout(h, 0.5, keep_prob=0.5)\n", line=2),
        Invalid(
            "import tensorflow as tf\nh = tf.layers.dropout(h, keep_prob=0.5, training=t)\n",
            line=2,
            contains="takes `rate`",
        ),
        Invalid(
            _ex("""
            import tensorflow as tf
            @tf.function
            def step(h):
                return tf.nn.dropout(h, keep_prob=0.9)
        """),
            line=4,
            contains="@tf.function",
        ),
    ]

    def check(self, ctx) -> None:
        for call in ctx.calls:
            if call.kind in DROPOUT_OPS and "keep_prob" in call.keywords:
                why = _keep_prob_wrong(ctx, call)
                if why is not None:
                    self._keep_prob_keyword(ctx, call, call.keywords["keep_prob"], why)
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
                if not vals or any(v.value <= 0.5 for v in vals):
                    # Only the name says "keep": no value shows the harm. ``Dropout(keep_prob)``
                    # with 0.2 is a rate under a misleading name, with 0.5 it drops what it keeps.
                    continue
                value = f" (= {fmt_rate(vals[0].value)})" if vals and len(vals) == 1 else ""
                start, end = _span(ctx, expr)
                ctx.report(
                    call,
                    f"{short_kind(call)} {keyword} is `{text}`{value}, named like a keep probability: the "
                    f"rate is the fraction dropped, i.e. 1 - keep probability",
                    fix=Fix(f"Pass `1 - {text}`", [Edit(f"1 - {text}", start, end)], "unsafe"),
                    data={"name": text},
                )

    def _keep_prob_keyword(self, ctx, call, arg, why: str) -> None:
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
        # (a parameter's default is no value to quote: ``if p > 0: dropout(h, keep_prob=1. - p)``)
        value = f" {fmt_rate(vals[0].value)}" if vals and len(vals) == 1 and not vals[0].from_default else ""
        ctx.report(
            call,
            f"`keep_prob={text}` is TF1's deprecated keep probability{value} ({why}): pass `rate` (the fraction "
            f"dropped, 1 - keep_prob) instead",
            fix=fix,
            data={"keep_prob": text},
        )


# Calls that exist only from TensorFlow 1.13 on, where ``tf.nn.dropout`` deprecated ``keep_prob``
# (2.x removed it): a file that makes one is written for a TensorFlow without ``keep_prob``.
# (Not ``tf.GradientTape``: TF 1.x eager code has it.)
_TF_1_13_PREFIXES = ("tf.compat.", "tf.random.set_seed", "tf.config.", "tf.function", "keras.ops.", "keras.random.")
# The op whose ``rate=`` came in 1.13 (``tf.layers.dropout`` always had ``rate``).
_NN_DROPOUT = frozenset({"tf.nn.dropout", "tf.compat.v1.nn.dropout"})
# Printed by TensorFlow >= 1.13 when ``keep_prob`` is passed (a notebook's saved output).
_DEPRECATION_PRINTED = re.compile(r"keep_prob.{0,40}deprecated|instead of .?keep_prob", re.IGNORECASE)


def _keep_prob_wrong(ctx, call) -> str | None:
    """Why ``keep_prob=`` is wrong at ``call`` for the TensorFlow the file is written for, or None.

    ``keep_prob`` is the API of TF 1.0-1.12 and of ``tf.contrib``: right there. It is wrong where
    the op has no such parameter (``tf.layers.dropout``), where the call also passes a rate, and in
    a file shown to target TF >= 1.13 (it calls ``tf.compat.*`` or another 1.13+ API, passes
    ``rate=`` to ``tf.nn.dropout`` elsewhere, or a notebook's output shows TensorFlow's deprecation
    warning), or whose project declares tensorflow >= 1.13 (a lower declared bound silences it).
    A file that shows none of these is TF1 code whose version is not known: silent.
    """
    kind = call.kind or ""
    if kind.startswith("tf.contrib."):
        return None  # contrib's dropout ops take only keep_prob
    if "layers.dropout" in kind:
        return f"`{kind}` takes `rate`, not `keep_prob`"
    if "rate" in call.keywords or len(call.positional) > 1:
        return "the call also passes a rate"
    if kind.startswith("tf.compat.v1."):
        return "deprecated since TF 1.13, the first with `tf.compat.v1`"
    declared = (ctx.options.get("declared-versions") or {}).get("tensorflow")
    if declared is not None:  # the project's own declaration decides (dropout_lint/project.py)
        if tuple(declared) >= (1, 13):
            return f"the project declares tensorflow {declared[0]}.{declared[1]} or later"
        return None  # keep_prob is that TensorFlow's API
    used = first_use(ctx, _TF_1_13_PREFIXES)
    if used is not None:
        return f"this file uses `{used}`, so it targets TF >= 1.13"
    for other in ctx.calls:
        if other is not call and other.kind in _NN_DROPOUT and "rate" in other.keywords:
            return f"this file passes `rate=` to `{other.kind}` elsewhere, so it targets TF >= 1.13"
    if _DEPRECATION_PRINTED.search(ctx.unit.output_text):
        return "the notebook's output shows TensorFlow's deprecation warning"
    return None


def _span(ctx, node):
    from dropout_lint.fixes import _pos

    return _pos(ctx, node)


def _is_name(expr) -> bool:
    return type(expr).__name__ in ("Name", "Attribute")


def _is_literal(expr) -> bool:
    return type(expr).__name__ in ("Float", "Integer")
